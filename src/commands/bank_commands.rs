//! `list`, `show`, `validate` and `principles`: reading the bank on the command line.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::table::{Column, render};
use super::{CmdResult, Failure, terminal_width, write_json};
use crate::bank::load::load_paths;
use crate::bank::{Bank, Block, Bullet, Part, Question, Star};
use crate::filter::Filter;
use crate::format::plural;
use crate::text::{visible, visible_line};

/// One question in `list --json`, and the head of `show --json`.
#[derive(Serialize)]
struct QuestionRow<'a> {
    number: u32,
    id: &'a str,
    title: &'a str,
    category: &'a str,
    level: &'a str,
    role: &'a str,
    kind: &'static str,
    minutes: u32,
    leadership_principles: Vec<&'static str>,
    /// The bank the question comes from (`amazon-pm`).
    bank: &'a str,
}

impl<'a> QuestionRow<'a> {
    fn of(q: &'a Question) -> QuestionRow<'a> {
        QuestionRow {
            number: q.number,
            id: &q.id,
            title: &q.title,
            category: &q.category,
            level: &q.level_text,
            role: &q.role,
            kind: q.kind.key(),
            minutes: q.minutes,
            leadership_principles: q.principles.iter().map(|p| p.name()).collect(),
            bank: &q.bank,
        }
    }
}

/// A whole question in `show --json`: the summary fields, then `prompt` and `answer`.
#[derive(Serialize)]
pub(crate) struct QuestionJson<'a> {
    #[serde(flatten)]
    summary: QuestionRow<'a>,
    prompt: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    probes: &'a [String],
    answer: Vec<BlockJson<'a>>,
}

/// An answer section (with its `star`) or a sub-section (without).
#[derive(Serialize)]
struct BlockJson<'a> {
    heading: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    star: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    paragraphs: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    bullets: &'a [Bullet],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    subsections: Vec<BlockJson<'a>>,
}

impl<'a> BlockJson<'a> {
    fn of(b: &'a Block, star: Option<Star>) -> BlockJson<'a> {
        BlockJson {
            heading: &b.heading,
            star: star.map(Star::key),
            text: b.text.as_deref(),
            paragraphs: &b.paragraphs,
            bullets: &b.bullets,
            subsections: b.subsections.iter().map(|s| BlockJson::of(s, None)).collect(),
        }
    }
}

impl<'a> QuestionJson<'a> {
    pub(crate) fn of(q: &'a Question) -> QuestionJson<'a> {
        QuestionJson {
            summary: QuestionRow::of(q),
            prompt: &q.prompt,
            probes: &q.probes,
            answer: q.answer.iter().map(|s| BlockJson::of(&s.block, Some(s.star))).collect(),
        }
    }
}

pub fn list(bank: &Bank, filter: &Filter, as_json: bool, out: &mut dyn Write) -> CmdResult {
    let questions = filter.apply(&bank.questions);
    if as_json {
        return write_json(out, &questions.iter().map(|q| QuestionRow::of(q)).collect::<Vec<_>>());
    }
    let total = bank.questions.len();
    if questions.is_empty() {
        writeln!(out, "No questions match {} (0 of {}).", visible_line(&filter.describe()), plural(total, "question"))?;
        return Ok(());
    }
    let columns = [
        Column::number("#"),
        Column::fixed("ID").droppable(2),
        Column::flexible("TITLE"),
        Column::fixed("LEVEL"),
        Column::fixed("KIND").droppable(3),
        Column::number("MIN"),
        Column::fixed("BANK").droppable(0),
        Column::flexible("PRINCIPLES").droppable(1),
    ];
    let rows: Vec<Vec<String>> = questions
        .iter()
        .map(|q| {
            vec![
                q.number.to_string(),
                q.id.clone(),
                q.title.clone(),
                q.level_text.clone(),
                q.kind.key().to_string(),
                q.minutes.to_string(),
                q.bank.clone(),
                q.principle_names().join(" · "),
            ]
        })
        .collect();
    write!(out, "{}", render(&columns, &rows, terminal_width()))?;
    let shown = questions.len();
    if filter.is_empty() {
        writeln!(out, "{}", plural(shown, "question"))?;
    } else {
        writeln!(out, "{shown} of {} match {}", plural(total, "question"), visible_line(&filter.describe()))?;
    }
    Ok(())
}

pub fn show(bank: &Bank, key: &str, as_json: bool, out: &mut dyn Write) -> CmdResult {
    let q = bank.lookup(key)?;
    if as_json {
        return write_json(out, &QuestionJson::of(q));
    }
    // Bank text is shown, never obeyed: any control character is written visibly.
    let line = |s: &str| visible_line(s).into_owned();
    writeln!(out, "{}. {}", q.number, line(&q.title))?;
    writeln!(out, "Category: {}", line(&q.category))?;
    writeln!(out, "Level: {} {}", line(&q.level_text), line(&q.role))?;
    writeln!(out, "Kind: {} · suggested time {} min", q.kind.key(), q.minutes)?;
    writeln!(out, "Leadership Principles: {}", q.principle_names().join(" · "))?;
    let title = bank.files.iter().find(|f| f.id == q.bank).map_or("", |f| f.title.as_str());
    writeln!(out, "Bank: {} ({})", line(&q.bank), line(title))?;
    writeln!(out)?;
    writeln!(out, "Question: {}", visible(&q.prompt))?;
    if !q.probes.is_empty() {
        writeln!(out)?;
        writeln!(out, "Follow-up probes:")?;
        for p in &q.probes {
            writeln!(out, "- {}", visible_line(p))?;
        }
    }
    if !q.has_answer() {
        // No model answer: what a strong answer shows for each of its principles.
        for p in &q.principles {
            let rubric = bank.probes.rubric(*p);
            if !rubric.is_empty() {
                writeln!(out)?;
                writeln!(out, "── A strong answer for {p} shows ──")?;
                for point in rubric {
                    writeln!(out, "- {}", visible_line(point))?;
                }
            }
        }
    }
    for (i, s) in q.answer.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "── {} · section {} of {} ──", s.star.label(), i + 1, q.answer.len())?;
        write_block(&s.block, out)?;
    }
    Ok(())
}

/// A block as the source document writes it, by the one walk over the answer tree: each part on its
/// own line, and a blank line before every sub-section's heading.
fn write_block(b: &Block, out: &mut dyn Write) -> std::io::Result<()> {
    let mut result = Ok(());
    b.walk(&mut |depth, part| {
        if result.is_err() {
            return;
        }
        result = write_part(out, depth, part);
    });
    result
}

fn write_part(out: &mut dyn Write, depth: usize, part: Part) -> std::io::Result<()> {
    match part {
        Part::Heading { .. } => {
            if depth > 0 {
                writeln!(out)?;
            }
            writeln!(out, "{}", visible(&part.line()))
        }
        Part::Paragraph(p) => writeln!(out, "{}", visible(p)),
        Part::Bullet(Bullet::Labelled { label, text }) => writeln!(out, "- {}: {}", visible_line(label), visible(text)),
        Part::Bullet(Bullet::Plain(text)) => writeln!(out, "- {}", visible(text)),
    }
}

pub fn validate(paths: &[PathBuf], out: &mut dyn Write) -> CmdResult {
    let mut failed = 0;
    let mut total_problems = 0;
    for path in paths {
        let name = path.display().to_string();
        // A probes or rubrics file on its own: what it holds, or its problems.
        let side = if crate::bank::probes::is_probes_file(&name) {
            Some(crate::bank::load::load_probes_path(path).map(|book| {
                let probes = book.general.len() + book.principles.iter().map(|e| e.probes.len()).sum::<usize>();
                format!("{}, {}", plural(book.principles.len(), "principle"), plural(probes, "probe"))
            }))
        } else if crate::bank::rubric::is_rubrics_file(&name) {
            Some(crate::bank::load::load_rubrics_path(path).map(|book| {
                let hints = book.kinds.iter().map(|k| k.hints.len()).sum::<usize>();
                format!("{}, {}", plural(book.kinds.len(), "kind"), plural(hints, "hint"))
            }))
        } else {
            None
        };
        if let Some(result) = side {
            match result {
                Ok(what) => writeln!(out, "{}: {what}: OK", visible_line(&name))?,
                Err(e) => {
                    failed += 1;
                    total_problems += e.problems.len();
                    writeln!(out, "{e}")?;
                    writeln!(out, "{}: {}", visible_line(&name), plural(e.problems.len(), "problem"))?;
                }
            }
            continue;
        }
        match load_paths(std::slice::from_ref(path)) {
            Ok(bank) => writeln!(
                out,
                "{}: {}, {}: OK",
                visible_line(&path.display().to_string()),
                plural(bank.questions.len(), "question"),
                plural(bank.section_count(), "section")
            )?,
            Err(e) => {
                failed += 1;
                total_problems += e.problems.len();
                writeln!(out, "{e}")?;
                let name = path.display().to_string();
                writeln!(out, "{}: {}", visible_line(&name), plural(e.problems.len(), "problem"))?;
            }
        }
    }
    if failed > 0 {
        let what =
            if paths.len() == 1 { String::new() } else { format!(" in {failed} of {}", plural(paths.len(), "path")) };
        return Err(Failure::data(format!("validation failed: {}{what}", plural(total_problems, "problem"))));
    }
    Ok(())
}

pub fn principles(bank: &Bank, as_json: bool, out: &mut dyn Write) -> CmdResult {
    let coverage = bank.principle_coverage();
    if as_json {
        #[derive(Serialize)]
        struct PrincipleRow {
            name: &'static str,
            slug: String,
            questions: usize,
        }
        let rows: Vec<PrincipleRow> =
            coverage.iter().map(|(p, n)| PrincipleRow { name: p.name(), slug: p.slug(), questions: *n }).collect();
        return write_json(out, &rows);
    }
    let columns = [Column::fixed("PRINCIPLE"), Column::fixed("SLUG"), Column::number("QUESTIONS")];
    let rows: Vec<Vec<String>> =
        coverage.iter().map(|(p, n)| vec![p.name().to_string(), p.slug(), n.to_string()]).collect();
    write!(out, "{}", render(&columns, &rows, None))?;
    let uncovered = coverage.iter().filter(|(_, n)| *n == 0).count();
    writeln!(out, "{} of 16 principles covered by the bank; {uncovered} not covered", 16 - uncovered)?;
    Ok(())
}
