//! The command-line commands: each prints text, JSON or CSV to standard output.

pub mod bank_commands;
pub mod coach_commands;
pub mod export_commands;
pub mod open_tui;
pub mod plan_commands;
pub mod progress_commands;
pub mod shell_commands;
pub mod story_commands;
pub mod table;

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::bank::{Bank, LoadError, UnknownQuestion};
use crate::cli::{Command, GlobalArgs};
use crate::history::store::{Skipped, skipped_summary};

/// Why a command failed, and its exit code (1: bad data or I/O; 2: bad usage).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn data(message: impl Into<String>) -> Failure {
        Failure { code: 1, message: message.into() }
    }

    /// A mistake on the command line: exit 2, as for the errors clap finds.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure { code: 2, message: message.into() }
    }
}

impl From<UnknownQuestion> for Failure {
    fn from(e: UnknownQuestion) -> Failure {
        Failure::usage(e.to_string())
    }
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Failure {
        let problems = crate::format::plural(e.problems.len(), "problem");
        Failure::data(format!(
            "{e}\nerror: the question bank has {problems}; fix it or check it with `stardrill validate`"
        ))
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe {
            // The reader went away (`stardrill show 2 | head`): not an error.
            return Failure { code: 0, message: String::new() };
        }
        Failure::data(format!("cannot write output: {e}"))
    }
}

pub type CmdResult = Result<(), Failure>;

/// Run a non-interactive command, writing to `out`.
pub fn run(global: &GlobalArgs, command: &Command, out: &mut dyn Write) -> CmdResult {
    match command {
        Command::List { filter, json } => {
            let bank = load(global)?;
            known_banks(&bank, &filter.to_filter())?;
            bank_commands::list(&bank, &filter.to_filter(), *json, out)
        }
        Command::Show { question, json } => bank_commands::show(&load(global)?, question, *json, out),
        Command::Validate { paths } => bank_commands::validate(paths, out),
        Command::Principles { json } => bank_commands::principles(&load(global)?, *json, out),
        Command::Drill(args) => open_tui::open(global, Some(args)),
        Command::History(args) => progress_commands::history(global, args, out),
        Command::Stats(args) => progress_commands::stats(global, args, out),
        Command::Today(args) => plan_commands::today(global, args, out),
        Command::Insights(args) => coach_commands::insights(global, args, out),
        Command::Config(args) => plan_commands::config_command(args, out),
        Command::Story(command) => story_commands::run(global, command, out),
        Command::Completions { shell } => shell_commands::completions(global, *shell, out),
        Command::Export(args) => export_commands::export(global, args, out),
        Command::Man => shell_commands::man(out),
    }
}

/// The banks for a command. A bank of one's own with problems stops it (exit 1), unless
/// `--skip-bad-banks` says to leave it out: then its problems are said on standard error.
pub fn load(global: &GlobalArgs) -> Result<Bank, Failure> {
    let loaded = global.bank_choice().load_lenient()?;
    match loaded.left_out {
        None => Ok(loaded.bank),
        Some(e) if global.skip_bad_banks => {
            eprintln!("{e}\nwarning: {}", left_out_summary(&e));
            Ok(loaded.bank)
        }
        Some(e) => {
            let problems = crate::format::plural(e.problems.len(), "problem");
            Err(Failure::data(format!(
                "{e}\nerror: a bank of yours has {problems}; fix it (`stardrill validate PATH`), or pass \
                 --skip-bad-banks to leave it out"
            )))
        }
    }
}

/// `--from NAME` must name a loaded bank: a typo is a usage error that lists them (exit 2).
pub fn known_banks(bank: &Bank, filter: &crate::filter::Filter) -> Result<(), Failure> {
    for name in &filter.banks {
        if !bank.files.iter().any(|f| f.id == *name) {
            let known: Vec<String> = bank
                .files
                .iter()
                .map(|f| format!("  {} ({})", crate::text::visible_line(&f.id), crate::text::visible_line(&f.title)))
                .collect();
            return Err(Failure::usage(format!(
                "no bank '{}' is loaded; the banks are:\n{}",
                crate::text::visible_line(name),
                known.join("\n")
            )));
        }
    }
    Ok(())
}

/// One line on banks left out: which files.
pub fn left_out_summary(e: &LoadError) -> String {
    let mut files: Vec<&str> = e.problems.iter().map(|p| p.file.as_str()).collect();
    files.dedup();
    let files: Vec<String> = files.iter().map(|f| crate::text::visible_line(f).into_owned()).collect();
    format!(
        "left out {} with {}: {}",
        crate::format::plural(files.len(), "bank file"),
        crate::format::plural(e.problems.len(), "problem"),
        files.join(", ")
    )
}

/// Say on standard error which lines of the history at `path` could not be read ("warning: skipped
/// 2 unreadable lines in PATH: 4 (not JSON), 9 (unknown version 7)"); nothing when none was skipped.
pub fn warn_skipped(skipped: &[Skipped], path: &Path) {
    if let Some(s) = skipped_summary(skipped, path) {
        eprintln!("warning: {}", crate::text::visible_line(&s));
    }
}

/// `value` as pretty-printed JSON and a line break: what every `--json` prints.
pub fn write_json(out: &mut dyn Write, value: &impl Serialize) -> CmdResult {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::data(e.to_string()))?;
    writeln!(out, "{text}")?;
    Ok(())
}

/// The terminal width when standard output is a terminal; None when piped.
pub fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() {
        return None;
    }
    ratatui::crossterm::terminal::size().ok().map(|(w, _)| usize::from(w))
}
