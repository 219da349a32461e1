//! `export`: a study pack to read away from the terminal — Markdown (default) or JSON.
//!
//! Each selected question with its prompt, principles and model answer by STAR part (as the bank
//! writes it), and on request the candidate's stories for its principles and their last scores and
//! notes. Every text that goes into the Markdown is escaped (`markdown::escape`), so a note or a bank
//! line is shown as written and can never start a heading, close an HTML block or open a code fence.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::bank_commands::QuestionJson;
use super::{CmdResult, Failure, load};
use crate::bank::schema::Bullet;
use crate::bank::{Bank, Part, Question, Star};
use crate::cli::{ExportArgs, GlobalArgs};
use crate::clock::Zone;
use crate::format::plural;
use crate::history::Record;
use crate::history::store;
use crate::stories::{Stories, Story};
use crate::text::visible_line;

/// How many of a question's latest attempts the pack lists.
pub const LAST_ATTEMPTS: usize = 5;

/// What goes into one pack.
pub struct Pack<'a> {
    pub questions: Vec<&'a Question>,
    /// The stories for each question's principles, when asked for (`--with-stories`).
    pub stories: Option<&'a Stories>,
    /// The latest attempts per question id, newest first, and how many there were in all
    /// (`--with-history`).
    pub history: Option<HashMap<String, (usize, Vec<Record>)>>,
    /// What the selection was, in words ("level L7 · principle Earn Trust"), or empty for all.
    pub selection: String,
    pub zone: Zone,
}

pub fn export(global: &GlobalArgs, args: &ExportArgs, out: &mut dyn Write) -> CmdResult {
    let bank = load(global)?;
    let questions = select(&bank, args)?;
    let stories = if args.with_stories {
        let path = crate::stories::store::resolve_path(global.stories.as_deref()).map_err(Failure::data)?;
        let stories = crate::stories::load_path(&path, &bank.questions).map_err(|e| {
            Failure::data(format!(
                "{e}\nerror: the story file has {}; fix it with `stardrill story edit` or export without \
                 --with-stories",
                plural(e.problems.len(), "problem")
            ))
        })?;
        Some(stories)
    } else {
        None
    };
    let history = if args.with_history { Some(latest_attempts(global, &questions)?) } else { None };
    let pack =
        Pack { questions, stories: stories.as_ref(), history, selection: selection_words(args), zone: Zone::Local };
    let text = if args.json { json(&pack)? } else { markdown(&pack) };
    match &args.output {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            write_file(path, text.as_bytes())?;
            eprintln!(
                "wrote {} to {}",
                plural(pack.questions.len(), "question"),
                visible_line(&path.display().to_string())
            );
        }
    }
    Ok(())
}

/// The questions the filters and `--id`s select, in bank order. Nothing selected is an error: an
/// empty pack would look like a failed export.
fn select<'a>(bank: &'a Bank, args: &ExportArgs) -> Result<Vec<&'a Question>, Failure> {
    let filter = args.filter.to_filter();
    let mut chosen: Vec<&Question> = filter.apply(&bank.questions);
    if !args.ids.is_empty() {
        let mut wanted = Vec::new();
        for key in &args.ids {
            wanted.push(bank.lookup(key)?.id.clone());
        }
        chosen.retain(|q| wanted.contains(&q.id));
    }
    if chosen.is_empty() {
        return Err(Failure::usage(format!(
            "no question matches {}: nothing to export (`stardrill list` with the same filters shows what \
             matches)",
            selection_words(args)
        )));
    }
    Ok(chosen)
}

fn selection_words(args: &ExportArgs) -> String {
    let mut words = args.filter.to_filter().describe();
    if !args.ids.is_empty() {
        let ids: Vec<String> = args.ids.iter().map(|i| visible_line(i).into_owned()).collect();
        if !words.is_empty() {
            words.push_str(" · ");
        }
        words.push_str(&format!("questions {}", ids.join(", ")));
    }
    words
}

/// The latest `LAST_ATTEMPTS` attempts of each selected question (newest first) and its count.
fn latest_attempts(
    global: &GlobalArgs,
    questions: &[&Question],
) -> Result<HashMap<String, (usize, Vec<Record>)>, Failure> {
    let path = store::resolve_path(global.history.as_deref()).map_err(Failure::data)?;
    let mut by_id: HashMap<String, (usize, Vec<Record>)> =
        questions.iter().map(|q| (q.id.clone(), (0, Vec::new()))).collect();
    let skipped = store::for_each(&path, |r| {
        if let Some((count, latest)) = by_id.get_mut(&r.question_id) {
            *count += 1;
            latest.push(r);
            if latest.len() > LAST_ATTEMPTS * 2 {
                latest.sort_by_key(|r| std::cmp::Reverse(r.answered_at));
                latest.truncate(LAST_ATTEMPTS);
            }
        }
    })
    .map_err(|e| Failure::data(e.to_string()))?;
    super::warn_skipped(&skipped, &path);
    for (_, latest) in by_id.values_mut() {
        latest.sort_by_key(|r| std::cmp::Reverse(r.answered_at));
        latest.truncate(LAST_ATTEMPTS);
    }
    Ok(by_id)
}

/// Write the whole pack beside `path` first, then put it in place (`atomic_file`): a failed export
/// never leaves half a file where a whole one was.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let shown = || visible_line(&path.display().to_string()).into_owned();
    if path.file_name().is_none() {
        return Err(Failure::usage(format!("-o {}: not a file name", shown())));
    }
    // A target linked elsewhere (a synced folder) is written where it lives: the link stays.
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)
            .map_err(|e| Failure::data(format!("cannot follow the link {}: {e}", shown())))?,
        _ => path.to_path_buf(),
    };
    crate::atomic_file::write(&target, bytes)
        .map_err(|e| Failure::data(format!("cannot write the export to {}: {e}", shown())))
}

/// The pack as Markdown (CommonMark with a GFM table for the scores).
pub fn markdown(pack: &Pack) -> String {
    use markdown::{anchor, escape, escape_block};
    let mut md = String::new();
    let push = |md: &mut String, line: &str| {
        md.push_str(line);
        md.push('\n');
    };
    push(&mut md, "# stardrill study pack");
    push(&mut md, "");
    let mut about = plural(pack.questions.len(), "question");
    if !pack.selection.is_empty() {
        about.push_str(&format!(" · {}", escape(&pack.selection)));
    }
    if pack.stories.is_some() {
        about.push_str(" · with your stories");
    }
    if pack.history.is_some() {
        about.push_str(" · with your last scores");
    }
    push(&mut md, &about);
    push(&mut md, "");
    push(&mut md, "## Contents");
    push(&mut md, "");
    let headings: Vec<String> = pack.questions.iter().map(|q| format!("{}. {}", q.number, q.title)).collect();
    for heading in &headings {
        push(&mut md, &format!("- [{}](#{})", escape(heading), anchor(heading)));
    }
    for (q, heading) in pack.questions.iter().zip(&headings) {
        push(&mut md, "");
        push(&mut md, "---");
        push(&mut md, "");
        push(&mut md, &format!("## {}", escape(heading)));
        push(&mut md, "");
        push(
            &mut md,
            &format!(
                "**Level** {} · **Kind** {} · **Time** {} min · **Category** {}  ",
                escape(&q.level_text),
                q.kind.key(),
                q.minutes,
                escape(&q.category)
            ),
        );
        push(&mut md, &format!("**Role** {}  ", escape(&q.role)));
        let names: Vec<String> = q.principles.iter().map(|p| escape(p.name())).collect();
        push(&mut md, &format!("**Leadership Principles** {}", names.join(" · ")));
        push(&mut md, "");
        push(&mut md, "### Question");
        push(&mut md, "");
        md.push_str(&escape_block(&q.prompt, "> "));
        push(&mut md, "");
        push(&mut md, "### Model answer");
        for star in Star::ALL {
            let sections: Vec<_> = q.answer.iter().filter(|s| s.star == star).collect();
            if sections.is_empty() {
                continue;
            }
            push(&mut md, "");
            push(&mut md, &format!("#### {}", star.label()));
            for section in sections {
                section.block.walk(&mut |depth, part| {
                    let indent = "  ".repeat(depth);
                    let line = match part {
                        Part::Heading { heading, text } => {
                            md.push('\n');
                            let text = text.map(|t| format!(" {}", escape(t))).unwrap_or_default();
                            format!("{indent}**{}:**{text}", escape(heading))
                        }
                        Part::Paragraph(p) => {
                            md.push('\n');
                            escape_block(p, &indent).trim_end_matches('\n').to_string()
                        }
                        Part::Bullet(Bullet::Labelled { label, text }) => {
                            format!("{indent}- **{}:** {}", escape(label), escape(text))
                        }
                        Part::Bullet(Bullet::Plain(text)) => format!("{indent}- {}", escape(text)),
                    };
                    push(&mut md, &line);
                });
            }
        }
        if let Some(stories) = pack.stories {
            push(&mut md, "");
            push(&mut md, "### Your stories for these principles");
            let found = stories.for_question(q);
            if found.is_empty() {
                push(&mut md, "");
                push(&mut md, "No story of yours shows these principles yet (`stardrill story new --lp …` adds one).");
            }
            for story in found {
                write_story(&mut md, story);
            }
        }
        if let Some(history) = &pack.history {
            push(&mut md, "");
            push(&mut md, "### Your last scores");
            push(&mut md, "");
            let (count, latest) = history.get(&q.id).map(|(n, l)| (*n, l.as_slice())).unwrap_or((0, &[]));
            if latest.is_empty() {
                push(&mut md, "Not practised yet.");
                continue;
            }
            let shown = if count > latest.len() {
                format!("the last {} of {}", latest.len(), plural(count, "attempt"))
            } else {
                plural(count, "attempt")
            };
            push(&mut md, &format!("{shown}, newest first:"));
            push(&mut md, "");
            push(&mut md, "| When | S | T | A | R | Overall | Time |");
            push(&mut md, "|---|---|---|---|---|---|---|");
            for r in latest {
                let over = r.over_mmss().map(|o| format!(" ({o} over)")).unwrap_or_default();
                push(
                    &mut md,
                    &format!(
                        "| {} | {} | {} | {} | {} | {:.2} | {}{over} |",
                        pack.zone.minute(r.answered_at),
                        r.scores.situation,
                        r.scores.task,
                        r.scores.action,
                        r.scores.result,
                        r.overall,
                        r.used_mmss()
                    ),
                );
            }
            let notes: Vec<&Record> = latest.iter().filter(|r| !r.note.trim().is_empty()).collect();
            if !notes.is_empty() {
                push(&mut md, "");
                push(&mut md, "Notes:");
                for r in notes {
                    push(&mut md, "");
                    push(&mut md, &format!("*{}*", pack.zone.minute(r.answered_at)));
                    push(&mut md, "");
                    md.push_str(&escape_block(&r.note, "> "));
                }
            }
        }
    }
    md
}

fn write_story(md: &mut String, story: &Story) {
    use markdown::{escape, escape_block};
    md.push_str(&format!("\n#### {}\n\n", escape(&story.title)));
    let names: Vec<String> = story.principle_names().iter().map(|n| escape(n)).collect();
    md.push_str(&format!("*{}* · `{}`\n", names.join(" · "), story.id.replace('`', "'")));
    for star in Star::ALL {
        let text = story.part(star);
        if text.trim().is_empty() {
            continue;
        }
        md.push_str(&format!("\n**{}**\n\n", star.label()));
        md.push_str(&escape_block(text, ""));
    }
    if !story.learning.trim().is_empty() {
        md.push_str("\n**Learning**\n\n");
        md.push_str(&escape_block(&story.learning, ""));
    }
    if !story.metrics.is_empty() {
        md.push_str("\n**Metrics**\n\n");
        for m in &story.metrics {
            md.push_str(&format!("- {}\n", escape(m)));
        }
    }
}

#[derive(Serialize)]
struct PackJson<'a> {
    questions: Vec<QuestionPackJson<'a>>,
}

#[derive(Serialize)]
struct QuestionPackJson<'a> {
    #[serde(flatten)]
    question: QuestionJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stories: Option<Vec<crate::stories::StoryText<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<HistoryJson<'a>>,
}

#[derive(Serialize)]
struct HistoryJson<'a> {
    attempts: usize,
    /// Newest first.
    last: &'a [Record],
}

/// The pack as JSON: each question as `show --json` gives it, with `stories` and `history` when asked.
pub fn json(pack: &Pack) -> Result<String, Failure> {
    let questions = pack
        .questions
        .iter()
        .map(|q| QuestionPackJson {
            question: QuestionJson::of(q),
            stories: pack.stories.map(|s| s.for_question(q).into_iter().map(crate::stories::StoryText::from).collect()),
            history: pack.history.as_ref().map(|h| {
                let (attempts, last) = h.get(&q.id).map(|(n, l)| (*n, l.as_slice())).unwrap_or((0, &[]));
                HistoryJson { attempts, last }
            }),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&PackJson { questions }).map_err(|e| Failure::data(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// Text made safe for Markdown.
pub mod markdown {
    /// One line of text as Markdown that shows exactly it: every ASCII punctuation character that
    /// Markdown could read as syntax is backslash-escaped (CommonMark lets any ASCII punctuation be),
    /// line breaks become spaces and control characters are written visibly (`^[`). A heading marker,
    /// an HTML tag, a code span, a table pipe, a link or an entity in the text stays text.
    pub fn escape(text: &str) -> String {
        let text = crate::text::visible_line(&text.replace(['\n', '\r', '\t'], " ")).into_owned();
        let text = text.trim_start();
        let mut out = String::with_capacity(text.len() + 8);
        // Digits then `.` or `)` at the start would make an ordered list.
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        for (i, c) in text.char_indices() {
            let anywhere = matches!(
                c,
                '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '$' | '^'
            );
            // A list marker, a thematic break or a setext underline starts the line.
            let at_start = i == 0 && matches!(c, '-' | '+' | '=');
            let list_number = i == digits && digits > 0 && matches!(c, '.' | ')');
            if anywhere || at_start || list_number {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }

    /// Text of several lines as a Markdown block, each line after `prefix` (`"> "` for a quote): every
    /// line escaped as `escape` does, line breaks kept (a blank line stays inside the block), and
    /// a newline at the end.
    pub fn escape_block(text: &str, prefix: &str) -> String {
        let lines: Vec<&str> = text.trim_end().lines().collect();
        let mut out = String::new();
        for (i, line) in lines.iter().enumerate() {
            let escaped = escape(line);
            let last = i + 1 == lines.len();
            let next_blank = lines.get(i + 1).is_some_and(|l| l.trim().is_empty());
            out.push_str(prefix.trim_end());
            if !escaped.is_empty() {
                out.push_str(&prefix[prefix.trim_end().len()..]);
                out.push_str(&escaped);
                // A hard line break keeps the bank's or the note's line ends.
                if !last && !next_blank {
                    out.push('\\');
                }
            }
            out.push('\n');
        }
        if lines.is_empty() {
            out.push_str(prefix.trim_end());
            out.push('\n');
        }
        out
    }

    /// The anchor GitHub (and most viewers) give a heading: lower case, letters, digits, `-` and `_`
    /// kept, spaces made `-`, everything else dropped.
    pub fn anchor(heading: &str) -> String {
        heading
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::markdown::{anchor, escape, escape_block};

    #[test]
    fn escaping_keeps_syntax_as_text() {
        assert_eq!(escape("# x"), "\\# x");
        assert_eq!(escape("</details>"), "\\</details\\>");
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("```rust"), "\\`\\`\\`rust");
        assert_eq!(escape("line\nbreak"), "line break");
        assert_eq!(escape("\x1b[2J"), "\\^\\[\\[2J");
        assert_eq!(escape("   1. indented"), "1\\. indented");
        assert_eq!(escape("12) no list"), "12\\) no list");
        assert_eq!(escape("--- L6-L7 ---"), "\\--- L6-L7 ---");
        assert_eq!(escape("[link](x) &amp; <b>"), "\\[link\\](x) \\&amp; \\<b\\>");
        assert_eq!(escape_block("one\ntwo\n\nthree", "> "), "> one\\\n> two\n>\n> three\n");
        assert_eq!(escape_block("", "> "), ">\n");
    }

    #[test]
    fn anchors_as_github_makes_them() {
        assert_eq!(
            anchor("1. Cross-Functional Stakeholder Alignment at Scale (Principal PM Level)"),
            "1-cross-functional-stakeholder-alignment-at-scale-principal-pm-level"
        );
    }
}
