use std::io::Write;
use std::process::ExitCode;

use stardrill::cli::Cli;
use stardrill::commands;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match Cli::opening(&args) {
        // The browser, a drill, or a plain `list`, `show` or `principles`: read without clap's whole
        // command, so there is nothing to overlap with; the bank is read on this thread.
        Some(cli) => cli,
        None => {
            // Most other commands read the bundled banks: on another core while clap builds its command.
            stardrill::bank::bundled::read_ahead();
            match Cli::try_parse_args(&args) {
                Ok(cli) => cli,
                Err(e) => return usage_error(&e),
            }
        }
    };
    let result = match &cli.command {
        None => commands::open_tui::open_seeded(&cli.global, None, cli.browser.seed),
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

/// A command line clap refused, or `--help` / `--version`. clap's messages repeat what was typed, so
/// an error is printed without colours and with any control character written visibly (`^[`): a
/// value such as `$'\e[2J'` is shown, never obeyed. Help and version go to stdout as clap prints them.
fn usage_error(e: &clap::Error) -> ExitCode {
    let code = u8::try_from(e.exit_code()).unwrap_or(2);
    if !e.use_stderr() {
        let _ = e.print();
        return ExitCode::from(code);
    }
    // `ansi()` keeps what was typed as it was (`to_string()` would strip escape sequences out of it);
    // the command has no styles, so every escape in it came from the command line.
    let text = e.render().ansi().to_string();
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let _ = write!(err, "{}", stardrill::text::visible(&text));
    let _ = err.flush();
    ExitCode::from(code)
}
