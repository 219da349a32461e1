//! `completions` and `man`: stardrill in the shell — completion scripts (clap_complete) and a manual
//! page (clap_mangen), both made from the clap definitions so they never drift from the real flags.

use std::io::Write;

use clap::CommandFactory;
use clap::builder::{PossibleValue, PossibleValuesParser};

use super::{CmdResult, Failure, load};
use crate::bank::{Bank, Kind, Principle};
use crate::cli::{Cli, GlobalArgs};

/// The arguments that name a question (a number or an id).
const QUESTION_ARGS: [&str; 3] = ["question", "ids", "id"];

/// Print the completion script for `shell`. Values that come from data are listed in it: the 16
/// principle slugs for `--lp`, the kinds for `--kind`, and the numbers and ids of the questions of the
/// bank loaded now (bundled, or `--bank`).
pub fn completions(global: &GlobalArgs, shell: clap_complete::Shell, out: &mut dyn Write) -> CmdResult {
    let bank = load(global)?;
    let mut cmd = completion_command(&bank);
    // The generators panic on a failed write: write into memory, then out (a closed pipe is not a panic).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "stardrill", &mut script);
    out.write_all(&script)?;
    Ok(())
}

/// The command as clap parses it, with the values a shell can offer attached to the arguments that
/// take them. Only the completion script sees these lists; parsing still accepts names, words and
/// aliases.
pub fn completion_command(bank: &Bank) -> clap::Command {
    let slugs: Vec<PossibleValue> = Principle::all().map(|p| PossibleValue::new(p.slug())).collect();
    let kinds: Vec<PossibleValue> = Kind::ALL.iter().map(|k| PossibleValue::new(k.key())).collect();
    let mut questions: Vec<PossibleValue> = Vec::new();
    for q in &bank.questions {
        questions.push(PossibleValue::new(q.number.to_string()));
        // A bank's id is a slug when it loads; anything else is left out rather than quoted in a script.
        if crate::bank::load::is_slug(&q.id) {
            questions.push(PossibleValue::new(q.id.clone()));
        }
    }
    attach(Cli::command(), &slugs, &kinds, &questions)
}

fn attach(
    cmd: clap::Command,
    slugs: &[PossibleValue],
    kinds: &[PossibleValue],
    questions: &[PossibleValue],
) -> clap::Command {
    let cmd = cmd.mut_args(|arg| match arg.get_id().as_str() {
        "lp" => arg.value_parser(PossibleValuesParser::new(slugs.to_vec())),
        "kind" => arg.value_parser(PossibleValuesParser::new(kinds.to_vec())),
        id if QUESTION_ARGS.contains(&id) => arg.value_parser(PossibleValuesParser::new(questions.to_vec())),
        _ => arg,
    });
    cmd.mut_subcommands(|sub| attach(sub, slugs, kinds, questions))
}

/// Print one manual page in roff: the program, then a section per command (`stardrill story new` too)
/// with its synopsis, description and options.
pub fn man(out: &mut dyn Write) -> CmdResult {
    out.write_all(&man_page().map_err(|e| Failure::data(format!("cannot make the manual page: {e}")))?)?;
    Ok(())
}

pub fn man_page() -> std::io::Result<Vec<u8>> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut page = Vec::new();
    let top = clap_mangen::Man::new(cmd.clone()).manual("stardrill manual");
    top.render_title(&mut page)?;
    top.render_name_section(&mut page)?;
    top.render_synopsis_section(&mut page)?;
    top.render_description_section(&mut page)?;
    top.render_options_section(&mut page)?;
    writeln!(page, ".SH COMMANDS")?;
    let mut subs = Vec::new();
    commands_in(&cmd, &mut subs);
    for sub in &subs {
        let name = sub.get_bin_name().unwrap_or(sub.get_name()).to_string();
        let summary = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        writeln!(page, ".TP\n\\fB{}\\fR\n{}", roff_text(&name), roff_text(&summary))?;
    }
    for sub in subs {
        let name = sub.get_bin_name().unwrap_or(sub.get_name()).to_uppercase();
        writeln!(page, ".SH \"{}\"", roff_text(&name).replace('"', "\"\""))?;
        // The global options are described once, at the top; each command lists its own.
        let own = sub.clone().mut_args(|a| if a.is_global_set() || a.get_id() == "help" { a.hide(true) } else { a });
        let man = clap_mangen::Man::new(own.clone());
        let mut section = Vec::new();
        man.render_synopsis_section(&mut section)?;
        man.render_description_section(&mut section)?;
        if own.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(&mut section)?;
        }
        if sub.get_after_help().is_some() {
            man.render_extra_section(&mut section)?;
        }
        page.extend(demote_headings(&section));
    }
    let mut end = Vec::new();
    top.render_extra_section(&mut end)?;
    page.extend(end);
    writeln!(page, ".SH FILES")?;
    writeln!(
        page,
        ".TP\n\\fI$XDG_DATA_HOME/stardrill/history.jsonl\\fR\nYour saved scores (default \\fI~/.local/share\\fR; \
         --history or STARDRILL_HISTORY overrides it).\n.TP\n\\fI$XDG_CONFIG_HOME/stardrill/\\fR\nconfig.toml and \
         stories.yaml (default \\fI~/.config\\fR)."
    )?;
    Ok(page)
}

/// Every command below `cmd`, depth first, in the order they are defined.
fn commands_in(cmd: &clap::Command, into: &mut Vec<clap::Command>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        into.push(sub.clone());
        commands_in(sub, into);
    }
}

/// A command's sections under its own heading: `.SH SYNOPSIS` becomes `.SS Synopsis`.
fn demote_headings(section: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(section);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        match line.strip_prefix(".SH ") {
            Some(heading) => {
                let heading = heading.trim_matches('"');
                let mut chars = heading.chars();
                let title: String = chars.next().into_iter().chain(chars.flat_map(char::to_lowercase)).collect();
                out.push_str(&format!(".SS \"{title}\"\n"));
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out.into_bytes()
}

/// Plain text for roff: backslashes doubled, a leading `.` or `'` kept from being read as a request.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e");
    if escaped.starts_with('.') || escaped.starts_with('\'') { format!("\\&{escaped}") } else { escaped }
}
