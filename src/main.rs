use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use stardrill::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(command) => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            let r = stardrill::commands::run(&cli.global, command, &mut out);
            let _ = out.flush();
            r
        }
        None => stardrill::commands::run(
            &cli.global,
            &stardrill::cli::Command::List { filter: Default::default(), json: false },
            &mut std::io::stdout(),
        ),
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
