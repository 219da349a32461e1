//! `list`, `show`, `validate` and `principles`: reading the bank on the command line.

use std::io::Write;
use std::path::PathBuf;

use serde_json::{Value, json};

use super::table::{Column, render};
use super::{CmdResult, Failure, terminal_width};
use crate::bank::load::load_paths;
use crate::bank::{Bank, Block, Bullet, Question};
use crate::filter::Filter;
use crate::format::plural;

pub fn list(bank: &Bank, filter: &Filter, as_json: bool, out: &mut dyn Write) -> CmdResult {
    let questions = filter.apply(&bank.questions);
    if as_json {
        let items: Vec<Value> = questions.iter().map(|q| summary_json(q)).collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&items).map_err(|e| Failure::data(e.to_string()))?)?;
        return Ok(());
    }
    if questions.is_empty() {
        writeln!(out, "No questions match {}.", filter.describe())?;
        return Ok(());
    }
    let columns = [
        Column::number("#"),
        Column::fixed("ID").droppable(2),
        Column::flexible("TITLE"),
        Column::fixed("LEVEL"),
        Column::fixed("KIND").droppable(3),
        Column::number("MIN"),
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
                q.principle_names().join(" · "),
            ]
        })
        .collect();
    write!(out, "{}", render(&columns, &rows, terminal_width()))?;
    let shown = questions.len();
    let total = bank.questions.len();
    if filter.is_empty() {
        writeln!(out, "{shown} questions")?;
    } else {
        writeln!(out, "{shown} of {total} questions match {}", filter.describe())?;
    }
    Ok(())
}

fn summary_json(q: &Question) -> Value {
    json!({
        "number": q.number,
        "id": q.id,
        "title": q.title,
        "category": q.category,
        "level": q.level_text,
        "role": q.role,
        "kind": q.kind.key(),
        "minutes": q.minutes,
        "leadership_principles": q.principle_names(),
    })
}

fn block_json(b: &Block) -> Value {
    let mut v = json!({ "heading": b.heading });
    if let Some(t) = &b.text {
        v["text"] = json!(t);
    }
    if !b.paragraphs.is_empty() {
        v["paragraphs"] = json!(b.paragraphs);
    }
    if !b.bullets.is_empty() {
        v["bullets"] = json!(b.bullets);
    }
    if !b.subsections.is_empty() {
        v["subsections"] = Value::Array(b.subsections.iter().map(block_json).collect());
    }
    v
}

/// The whole question as JSON: the summary fields plus `prompt` and `answer`.
pub fn question_json(q: &Question) -> Value {
    let mut v = summary_json(q);
    v["prompt"] = json!(q.prompt);
    v["answer"] = Value::Array(
        q.answer
            .iter()
            .map(|s| {
                let mut b = block_json(&s.block);
                // Put `star` right after `heading` for readers.
                let mut ordered = serde_json::Map::new();
                ordered.insert("heading".into(), b["heading"].take());
                ordered.insert("star".into(), json!(s.star.key()));
                if let Value::Object(rest) = b {
                    for (k, val) in rest {
                        if k != "heading" {
                            ordered.insert(k, val);
                        }
                    }
                }
                Value::Object(ordered)
            })
            .collect(),
    );
    v
}

pub fn show(bank: &Bank, key: &str, as_json: bool, out: &mut dyn Write) -> CmdResult {
    let q = bank.get(key).map_err(Failure::data)?;
    if as_json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&question_json(q)).map_err(|e| Failure::data(e.to_string()))?
        )?;
        return Ok(());
    }
    writeln!(out, "{}. {}", q.number, q.title)?;
    writeln!(out, "Category: {}", q.category)?;
    writeln!(out, "Level: {} {}", q.level_text, q.role)?;
    writeln!(out, "Kind: {} · suggested time {} min", q.kind, q.minutes)?;
    writeln!(out, "Leadership Principles: {}", q.principle_names().join(" · "))?;
    writeln!(out)?;
    writeln!(out, "Question: {}", q.prompt)?;
    for (i, s) in q.answer.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "── {} · section {} of {} ──", s.star.label(), i + 1, q.answer.len())?;
        write_block(&s.block, out)?;
    }
    Ok(())
}

fn write_block(b: &Block, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{}", b.heading_line())?;
    for p in &b.paragraphs {
        writeln!(out, "{p}")?;
    }
    for bullet in &b.bullets {
        match bullet {
            Bullet::Labelled { label, text } => writeln!(out, "- {label}: {text}")?,
            Bullet::Plain(text) => writeln!(out, "- {text}")?,
        }
    }
    for sub in &b.subsections {
        writeln!(out)?;
        write_block(sub, out)?;
    }
    Ok(())
}

pub fn validate(paths: &[PathBuf], out: &mut dyn Write) -> CmdResult {
    let mut failed = 0;
    let mut total_problems = 0;
    for path in paths {
        match load_paths(std::slice::from_ref(path)) {
            Ok(bank) => writeln!(
                out,
                "{}: {} questions, {} sections: OK",
                path.display(),
                bank.questions.len(),
                bank.section_count()
            )?,
            Err(e) => {
                failed += 1;
                total_problems += e.problems.len();
                writeln!(out, "{e}")?;
                writeln!(out, "{}: {}", path.display(), plural(e.problems.len(), "problem"))?;
            }
        }
    }
    if failed > 0 {
        let what = if paths.len() == 1 { String::new() } else { format!(" in {failed} of {} paths", paths.len()) };
        return Err(Failure::data(format!("validation failed: {}{what}", plural(total_problems, "problem"))));
    }
    Ok(())
}

pub fn principles(bank: &Bank, as_json: bool, out: &mut dyn Write) -> CmdResult {
    let coverage = bank.principle_coverage();
    if as_json {
        let items: Vec<Value> =
            coverage.iter().map(|(p, n)| json!({ "name": p.name(), "slug": p.slug(), "questions": n })).collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&items).map_err(|e| Failure::data(e.to_string()))?)?;
        return Ok(());
    }
    let columns = [Column::fixed("PRINCIPLE"), Column::fixed("SLUG"), Column::number("QUESTIONS")];
    let rows: Vec<Vec<String>> =
        coverage.iter().map(|(p, n)| vec![p.name().to_string(), p.slug(), n.to_string()]).collect();
    write!(out, "{}", render(&columns, &rows, None))?;
    let uncovered = coverage.iter().filter(|(_, n)| *n == 0).count();
    writeln!(out, "{} of 16 principles covered by the bank; {uncovered} not covered", 16 - uncovered)?;
    Ok(())
}
