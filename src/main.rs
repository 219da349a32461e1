use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use stardrill::cli::Cli;
use stardrill::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        None => commands::open_tui::open_seeded(&cli.global, None, cli.seed),
        Some(command) => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            let r = commands::run(&cli.global, command, &mut out);
            let _ = out.flush();
            r
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) if f.code == 0 => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("error: {f}");
            ExitCode::from(f.code)
        }
    }
}
