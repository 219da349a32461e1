use std::io::Write;
use std::process::ExitCode;

use stardrill::cli::Cli;
use stardrill::commands;

fn main() -> ExitCode {
    let cli = Cli::parse_args();
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
            // Messages quote bank text, file names and notes: control characters are shown, not sent.
            eprintln!("error: {}", stardrill::text::visible(&f.to_string()));
            ExitCode::from(f.code)
        }
    }
}
