//! `story new | list | show | edit | validate | coverage`: your stories on the command line.
//!
//! The story file is never rewritten: `new` appends a template, and every other change is made in the
//! user's editor, after which the file is checked again and any problem shown with its line:col.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::table::{Column, render};
use super::{CmdResult, Failure, terminal_width, write_json};
use crate::bank::load::LoadError;
use crate::bank::{Bank, Principle, Star};
use crate::cli::{GlobalArgs, StoryCommand};
use crate::clock::Zone;
use crate::format::plural;
use crate::stories::told::{Told, ToldByStory};
use crate::stories::{self, Stories, Story, store};
use crate::text::{visible, visible_line};

pub fn run(global: &GlobalArgs, command: &StoryCommand, out: &mut dyn Write) -> CmdResult {
    match command {
        StoryCommand::New { title, lp, no_edit } => new(global, title.as_deref(), lp, *no_edit, out),
        StoryCommand::List { lp, json } => list(global, lp, *json, out),
        StoryCommand::Show { id, json } => show(global, id, *json, out),
        StoryCommand::Edit { id } => edit(global, id.as_deref(), out),
        StoryCommand::Validate { path } => validate(global, path.as_deref(), out),
        StoryCommand::Coverage { json } => coverage(global, *json, out),
    }
}

fn story_path(global: &GlobalArgs) -> Result<PathBuf, Failure> {
    store::resolve_path(global.stories.as_deref()).map_err(Failure::data)
}

/// A story file with problems, for a command that needs its stories.
fn problems_failure(e: &LoadError) -> Failure {
    let problems = plural(e.problems.len(), "problem");
    Failure::data(format!(
        "{e}\nerror: the story file has {problems}; fix them with `stardrill story edit` (check with `stardrill \
         story validate`)"
    ))
}

/// The bank (for the question ids stories cite), the story file's path and its stories.
fn load(global: &GlobalArgs) -> Result<(Bank, PathBuf, Stories), Failure> {
    let bank = super::load(global)?;
    let path = story_path(global)?;
    let stories = stories::load_path(&path, &bank.questions).map_err(|e| problems_failure(&e))?;
    Ok((bank, path, stories))
}

fn no_stories_yet(path: &Path, out: &mut dyn Write) -> CmdResult {
    writeln!(
        out,
        "No stories yet in {}: add one with `stardrill story new --title \"…\" --lp PRINCIPLE`.",
        visible_line(&path.display().to_string())
    )?;
    Ok(())
}

/// How often each story was told, from the history file. A history that cannot be read leaves the
/// figures at zero and says why on standard error: the stories themselves are still listed.
fn told(global: &GlobalArgs) -> ToldByStory {
    let path = match crate::history::store::resolve_path(global.history.as_deref()) {
        Ok(path) => path,
        Err(e) => {
            eprintln!("warning: {}", visible_line(&e));
            return ToldByStory::default();
        }
    };
    let mut told = ToldByStory::default();
    match crate::history::store::for_each(&path, |r| told.add(&r)) {
        Ok(skipped) => super::warn_skipped(&skipped, &path),
        Err(e) => eprintln!("warning: {}; times told are not shown", visible_line(&e.to_string())),
    }
    told
}

/// When a story was last told, as a local date and time.
fn last_told(t: &Told) -> Option<String> {
    t.last.map(|at| Zone::Local.minute(at))
}

/// A story in `list --json`.
#[derive(Serialize)]
struct StoryRow<'a> {
    id: &'a str,
    title: &'a str,
    principles: Vec<&'static str>,
    metrics: &'a [String],
    questions: &'a [String],
    tags: &'a [String],
    /// Answers saved with this story picked: `told`, `mean_overall`, `last_told`.
    #[serde(flatten)]
    told: Told,
}

impl<'a> StoryRow<'a> {
    fn of(s: &'a Story, told: &Told) -> StoryRow<'a> {
        StoryRow {
            id: &s.id,
            title: &s.title,
            principles: s.principle_names(),
            metrics: &s.metrics,
            questions: &s.questions,
            tags: &s.tags,
            told: *told,
        }
    }
}

/// A whole story in `show --json`: the keys of the story file.
#[derive(Serialize)]
struct StoryJson<'a> {
    #[serde(flatten)]
    text: stories::StoryText<'a>,
    questions: &'a [String],
    tags: &'a [String],
    #[serde(flatten)]
    told: Told,
}

fn list(global: &GlobalArgs, lp: &[Principle], as_json: bool, out: &mut dyn Write) -> CmdResult {
    let (_, path, stories) = load(global)?;
    let shown: Vec<&Story> = stories.showing_any(lp).collect();
    let told = if stories.is_empty() { ToldByStory::default() } else { told(global) };
    if as_json {
        return write_json(out, &shown.iter().map(|s| StoryRow::of(s, &told.get(&s.id))).collect::<Vec<_>>());
    }
    if stories.is_empty() {
        return no_stories_yet(&path, out);
    }
    let filter = lp.iter().map(|p| p.name()).collect::<Vec<_>>().join(" or ");
    if shown.is_empty() {
        writeln!(out, "No story shows {filter} (0 of {}).", plural(stories.len(), "story"))?;
        return Ok(());
    }
    let columns = [
        Column::fixed("ID"),
        Column::flexible("TITLE"),
        Column::number("LPS").droppable(2),
        Column::number("TOLD").droppable(4),
        Column::number("MEAN").droppable(3),
        Column::flexible("PRINCIPLES").droppable(1),
    ];
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|s| {
            let t = told.get(&s.id);
            vec![
                s.id.clone(),
                s.title.clone(),
                s.principles.len().to_string(),
                t.times.to_string(),
                t.mean().map_or_else(|| "–".to_string(), |m| format!("{m:.2}")),
                s.principle_names().join(" · "),
            ]
        })
        .collect();
    write!(out, "{}", render(&columns, &rows, terminal_width()))?;
    if lp.is_empty() {
        writeln!(out, "{}", plural(stories.len(), "story"))?;
    } else {
        writeln!(out, "{} of {} show {filter}", shown.len(), plural(stories.len(), "story"))?;
    }
    Ok(())
}

/// The story with `id`, or a usage error that suggests a close id and lists them all.
fn find<'a>(stories: &'a Stories, id: &str, path: &Path) -> Result<&'a Story, Failure> {
    if let Some(s) = stories.find(id) {
        return Ok(s);
    }
    let typed = visible_line(id);
    let file = visible_line(&path.display().to_string()).into_owned();
    if stories.is_empty() {
        return Err(Failure::usage(format!(
            "no story '{typed}': {file} has no stories yet; add one with `stardrill story new`"
        )));
    }
    let hint = stories.suggest(id).map(|s| format!(" (did you mean '{}'?)", s.id)).unwrap_or_default();
    let ids: Vec<&str> = stories.stories.iter().map(|s| s.id.as_str()).collect();
    Err(Failure::usage(format!("no story '{typed}' in {file}{hint}; the stories are:\n  {}", ids.join("\n  "))))
}

fn show(global: &GlobalArgs, id: &str, as_json: bool, out: &mut dyn Write) -> CmdResult {
    let (bank, path, stories) = load(global)?;
    let s = find(&stories, id, &path)?;
    let told = told(global).get(&s.id);
    if as_json {
        return write_json(out, &StoryJson { text: s.into(), questions: &s.questions, tags: &s.tags, told });
    }
    // Story text is shown, never obeyed: any control character is written visibly.
    let line = |s: &str| visible_line(s).into_owned();
    writeln!(out, "{} · {}", s.id, line(&s.title))?;
    writeln!(out, "Leadership Principles: {}", s.principle_names().join(" · "))?;
    if !s.questions.is_empty() {
        let questions: Vec<String> = s
            .questions
            .iter()
            .map(|id| match bank.find(id) {
                Some(q) => format!("{} ({}. {})", id, q.number, line(&q.title)),
                None => id.clone(),
            })
            .collect();
        writeln!(out, "Questions: {}", questions.join(" · "))?;
    }
    if !s.metrics.is_empty() {
        writeln!(out, "Metrics: {}", s.metrics.iter().map(|m| line(m)).collect::<Vec<_>>().join(" · "))?;
    }
    if !s.tags.is_empty() {
        writeln!(out, "Tags: {}", s.tags.iter().map(|t| line(t)).collect::<Vec<_>>().join(" · "))?;
    }
    match (told.mean(), last_told(&told)) {
        (Some(mean), Some(last)) => {
            writeln!(out, "Told in {} · mean overall {mean:.2} · last {last}", plural(told.times, "drill"))?
        }
        _ => writeln!(out, "Not told in a drill yet (t picks it while answering)")?,
    }
    let parts =
        Star::ALL.map(|star| (star.label(), s.part(star))).into_iter().chain([("Learning", s.learning.as_str())]);
    for (label, text) in parts {
        writeln!(out)?;
        writeln!(out, "── {label} ──")?;
        writeln!(out, "{}", visible(text.trim_end()))?;
    }
    Ok(())
}

fn coverage(global: &GlobalArgs, as_json: bool, out: &mut dyn Write) -> CmdResult {
    let (_, path, stories) = load(global)?;
    let coverage = stories.coverage();
    if as_json {
        return write_json(out, &coverage);
    }
    if stories.is_empty() {
        no_stories_yet(&path, out)?;
    }
    let told = if stories.is_empty() { ToldByStory::default() } else { told(global) };
    let columns = [
        Column::fixed("PRINCIPLE"),
        Column::fixed("STATUS"),
        Column::number("STORIES"),
        Column::fixed("BEST").droppable(2),
        Column::flexible("IDS").droppable(1),
    ];
    let mut strong = 0;
    let rows: Vec<Vec<String>> = coverage
        .principles
        .iter()
        .map(|p| {
            // The best mean overall of its stories in drills, starred at 4 or more.
            let best = match told.best(&p.stories) {
                Some((_, mean)) if mean >= stories::STRONG_MEAN => {
                    strong += 1;
                    format!("{mean:.2} ★")
                }
                Some((_, mean)) => format!("{mean:.2}  "),
                None => "–   ".to_string(),
            };
            vec![
                p.principle.name().to_string(),
                format!("{} {}", p.status.symbol(), p.status.key()),
                p.stories.len().to_string(),
                best,
                p.stories.join(", "),
            ]
        })
        .collect();
    write!(out, "{}", render(&columns, &rows, terminal_width()))?;
    let (gaps, thin, ok) = coverage.counts();
    writeln!(out, "{ok} of 16 principles have two or more stories; {thin} thin (one story), {gaps} with none")?;
    writeln!(
        out,
        "{strong} of 16 have a story you tell well (★: mean overall {:.0} or more in drills, `t` while answering)",
        stories::STRONG_MEAN
    )?;
    if !coverage.stretched.is_empty() {
        writeln!(
            out,
            "Stretched over more than {} principles: {}",
            stories::MAX_PRINCIPLES,
            coverage.stretched.join(", ")
        )?;
    }
    Ok(())
}

fn validate(global: &GlobalArgs, explicit: Option<&Path>, out: &mut dyn Write) -> CmdResult {
    let bank = super::load(global)?;
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => story_path(global)?,
    };
    let name = visible_line(&path.display().to_string()).into_owned();
    let source = match stories::load::read(&path) {
        Ok(Some(source)) => source,
        Ok(None) if explicit.is_none() => {
            writeln!(out, "{name}: no story file yet (0 stories); `stardrill story new` creates it")?;
            return Ok(());
        }
        Ok(None) => return Err(Failure::data(format!("{name}: cannot read: no such file"))),
        Err(e) => {
            writeln!(out, "{e}")?;
            return Err(Failure::data(format!("validation failed: {}", plural(e.problems.len(), "problem"))));
        }
    };
    match stories::load_source(&source, &bank.questions) {
        Ok(stories) => {
            writeln!(out, "{name}: {}: OK", plural(stories.len(), "story"))?;
            Ok(())
        }
        Err(e) => {
            writeln!(out, "{e}")?;
            writeln!(out, "{name}: {}", plural(e.problems.len(), "problem"))?;
            Err(Failure::data(format!("validation failed: {}", plural(e.problems.len(), "problem"))))
        }
    }
}

fn new(global: &GlobalArgs, title: Option<&str>, lp: &[Principle], no_edit: bool, out: &mut dyn Write) -> CmdResult {
    let (bank, path, stories) = load(global)?;
    let title = title.unwrap_or("New story").trim();
    if title.is_empty() {
        return Err(Failure::usage("--title is empty: expected a few words that name the story"));
    }
    if let Some(c) = title.chars().find(|c| crate::text::is_control(*c)) {
        return Err(Failure::usage(format!(
            "--title \"{}\" holds control character {}: a title is one line of printable text",
            visible_line(title),
            visible_line(c.encode_utf8(&mut [0; 4]))
        )));
    }
    // As given, each once; with none, the principle with the fewest stories so far.
    let mut principles: Vec<Principle> = Vec::new();
    for p in lp {
        if !principles.contains(p) {
            principles.push(*p);
        }
    }
    if principles.is_empty() {
        principles.extend(stories.coverage().neediest());
    }
    let id = store::unique_id(&store::slug(title), |id| stories.find(id).is_some_and(|s| s.id == id));
    let appended = store::append(&path, &store::template(&id, title, &principles)).map_err(Failure::data)?;
    if appended.created
        && let Err(e) = store::write_schema_beside(&path)
    {
        // The story is what matters; an editor only loses completion.
        eprintln!("warning: {}", visible_line(&e));
    }
    if no_edit {
        writeln!(out, "{id}")?;
        return Ok(());
    }
    let checked = edit_until_valid(&path, appended.line, &bank)?;
    match checked.stories.iter().find(|s| s.line == appended.line).or_else(|| checked.find(&id)) {
        Some(s) => writeln!(out, "{}", s.id)?,
        None => eprintln!("The new story is no longer in {}.", visible_line(&path.display().to_string())),
    }
    Ok(())
}

fn edit(global: &GlobalArgs, id: Option<&str>, out: &mut dyn Write) -> CmdResult {
    let bank = super::load(global)?;
    let path = story_path(global)?;
    let line = match (stories::load_path(&path, &bank.questions), id) {
        (Ok(stories), Some(id)) => find(&stories, id, &path)?.line,
        (Ok(_), None) => 1,
        // The file has problems: the story is still found by its plain `- id:` line; else the editor
        // opens at the first problem.
        (Err(e), Some(id)) => stories::editor::find_line(&path, id).unwrap_or_else(|| first_problem_line(&e)),
        (Err(e), None) => first_problem_line(&e),
    };
    if std::fs::metadata(&path).is_err() {
        return Err(Failure::data(format!(
            "{}: no story file yet; `stardrill story new` creates it",
            visible_line(&path.display().to_string())
        )));
    }
    let stories = edit_until_valid(&path, line, &bank)?;
    writeln!(out, "{}: {}: OK", visible_line(&path.display().to_string()), plural(stories.len(), "story"))?;
    Ok(())
}

fn first_problem_line(e: &LoadError) -> usize {
    e.problems.iter().find_map(|p| p.line).unwrap_or(1)
}

/// Open the editor on `path` at `line`; when it closes, check the file. While it has problems, show
/// them (each with line:col) and offer to reopen the editor at the first; a "no" (or the end of
/// standard input) leaves the file as it is and fails with the problems.
fn edit_until_valid(path: &Path, mut line: usize, bank: &Bank) -> Result<Stories, Failure> {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    loop {
        run_editor(path, line)?;
        let e = match stories::load_path(path, &bank.questions) {
            Ok(stories) => return Ok(stories),
            Err(e) => e,
        };
        eprintln!("{}", visible(&e.to_string()));
        eprint!("The story file has {}. Reopen the editor to fix them? [Y/n] ", plural(e.problems.len(), "problem"));
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        let read = input.read_line(&mut answer).unwrap_or(0);
        let answer = answer.trim().to_lowercase();
        if read == 0 || !(answer.is_empty() || answer == "y" || answer == "yes") {
            if read == 0 {
                eprintln!();
            }
            return Err(Failure::data(format!(
                "the story file has {}, kept as you left it; fix them with `stardrill story edit`",
                plural(e.problems.len(), "problem")
            )));
        }
        line = first_problem_line(&e);
    }
}

/// Run the editor (`stories::editor`), saying on stderr when it did not exit cleanly.
fn run_editor(path: &Path, line: usize) -> Result<(), Failure> {
    match stories::editor::run(path, line) {
        Ok(None) => Ok(()),
        // The file is checked all the same: whatever the editor saved is there.
        Ok(Some(warning)) => {
            eprintln!("warning: {warning}");
            Ok(())
        }
        Err(e) => Err(Failure::data(e)),
    }
}
