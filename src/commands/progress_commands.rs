//! `history` and `stats`: the saved scores on the command line, as text, JSON or CSV.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::table::{Column, render};
use super::{CmdResult, Failure, load, terminal_width};
use crate::bank::Bank;
use crate::cli::{GlobalArgs, HistoryArgs, StatsArgs};
use crate::clock::Zone;
use crate::format::mmss;
use crate::format::plural;
use crate::history::Record;
use crate::history::store::{self, HistoryError, Skipped, skipped_summary};
use crate::stats::{self, QuestionRef, RecordQuery, Stats, StatsBuilder};

fn history_path(global: &GlobalArgs) -> Result<PathBuf, Failure> {
    store::resolve_path(global.history.as_deref()).map_err(Failure::data)
}

/// The question a `--question` value names: a bank question by number or id; else the id, or the
/// number, of a question no longer in the bank that the history still holds.
fn question_ref(bank: &Bank, key: &str, records: &[Record]) -> Result<QuestionRef, Failure> {
    if let Some(q) = bank.find(key) {
        return Ok(QuestionRef::Id(q.id.clone()));
    }
    match key.trim().trim_start_matches('#').parse::<u32>() {
        Ok(n) if records.iter().any(|r| r.question_number == n) => Ok(QuestionRef::Number(n)),
        Ok(_) => Err(Failure::data(bank.get(key).err().unwrap_or_default())),
        Err(_) => Ok(QuestionRef::Id(key.trim().to_string())),
    }
}

fn empty_message(path: &std::path::Path, filtered: bool) -> String {
    if filtered {
        "No saved scores match these filters.".to_string()
    } else {
        format!(
            "No saved scores yet in {}.\nRun `stardrill`, press Enter on a question, answer out loud, and score yourself: \
             every score is saved there.",
            path.display()
        )
    }
}

pub fn history(global: &GlobalArgs, args: &HistoryArgs, out: &mut dyn Write) -> CmdResult {
    if let (Some(since), Some(until)) = (args.since, args.until)
        && since > until
    {
        let message = format!("--since {since} is after --until {until}: no day can match; swap them");
        return Err(Failure { code: 2, message });
    }
    let bank = load(global)?;
    let path = history_path(global)?;
    let loaded = store::read(&path).map_err(|e| Failure::data(e.to_string()))?;
    let query = RecordQuery {
        filter: args.filter.to_filter(),
        bank: &bank,
        since: args.since,
        until: args.until,
        question: args.question.as_deref().map(|k| question_ref(&bank, k, &loaded.records)).transpose()?,
        zone: Zone::Local,
    };
    if let Some(s) = skipped_summary(&loaded.skipped, &path) {
        eprintln!("warning: {s}");
    }
    let total = loaded.records.len();
    let prepared = query.prepare();
    let mut records: Vec<&Record> = loaded.records.iter().filter(|r| prepared.matches(r)).collect();
    records.sort_by_key(|r| std::cmp::Reverse(r.answered_at));
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&records).map_err(|e| Failure::data(e.to_string()))?)?;
        return Ok(());
    }
    if args.csv {
        return write_csv(&records, out);
    }
    if records.is_empty() {
        writeln!(out, "{}", empty_message(&path, total > 0))?;
        return Ok(());
    }
    let columns = [
        Column::fixed("DATE"),
        Column::number("#"),
        Column::flexible("QUESTION"),
        Column::fixed("LEVEL").droppable(1),
        Column::fixed("TIME/LIMIT"),
        Column::fixed("S T A R"),
        Column::number("OVERALL"),
        Column::flexible("NOTE"),
    ];
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            let over = if r.is_over_time() { "!" } else { "" };
            vec![
                query.zone.minute(r.answered_at),
                r.question_number.to_string(),
                r.question_title.clone(),
                r.level.clone(),
                format!("{}/{}{over}", r.used_mmss(), mmss(r.time_limit_secs)),
                r.scores.compact(),
                format!("{:.2}", r.overall),
                r.note.clone(),
            ]
        })
        .collect();
    write!(out, "{}", render(&columns, &rows, terminal_width()))?;
    writeln!(out, "{} of {total} saved scores ('!' = over time)", records.len())?;
    Ok(())
}

/// The CSV columns, in order. Principle lists are joined with `;`.
pub const CSV_HEADER: [&str; 19] = [
    "version",
    "session_id",
    "answered_at",
    "bank",
    "question_id",
    "question_number",
    "question_title",
    "level",
    "leadership_principles",
    "time_limit_secs",
    "time_used_secs",
    "paused_secs",
    "situation",
    "task",
    "action",
    "result",
    "overall",
    "demonstrated",
    "note",
];

fn write_csv(records: &[&Record], out: &mut dyn Write) -> CmdResult {
    let mut w = csv::Writer::from_writer(out);
    let fail = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(io) => Failure::from(io),
        other => Failure::data(format!("cannot write CSV: {other:?}")),
    };
    w.write_record(CSV_HEADER).map_err(fail)?;
    for r in records {
        w.write_record([
            r.version.to_string(),
            r.session_id.clone(),
            r.answered_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            r.bank.clone(),
            r.question_id.clone(),
            r.question_number.to_string(),
            r.question_title.clone(),
            r.level.clone(),
            r.leadership_principles.join(";"),
            r.time_limit_secs.to_string(),
            r.time_used_secs.to_string(),
            r.paused_secs.to_string(),
            r.scores.situation.to_string(),
            r.scores.task.to_string(),
            r.scores.action.to_string(),
            r.scores.result.to_string(),
            r.overall.to_string(),
            r.demonstrated.join(";"),
            r.note.clone(),
        ])
        .map_err(fail)?;
    }
    w.flush()?;
    Ok(())
}

pub fn stats(global: &GlobalArgs, args: &StatsArgs, out: &mut dyn Write) -> CmdResult {
    let bank = load(global)?;
    let path = history_path(global)?;
    let query = RecordQuery { filter: args.filter.to_filter(), since: args.since, ..RecordQuery::all(&bank) };
    let (s, total, skipped) = stats_of_file(&path, &query).map_err(|e| Failure::data(e.to_string()))?;
    if let Some(s) = skipped_summary(&skipped, &path) {
        eprintln!("warning: {s}");
    }
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&s).map_err(|e| Failure::data(e.to_string()))?)?;
        return Ok(());
    }
    if s.attempts == 0 {
        writeln!(out, "{}", empty_message(&path, total > 0))?;
        return Ok(());
    }
    write_stats_text(&s, out)
}

fn score(v: Option<f64>) -> String {
    v.map_or("–".to_string(), |v| format!("{v:.2}"))
}

/// The stats of the matching records of a history file, how many records it holds, and the lines
/// skipped. Records are folded as they are read, one part of the file per core: a long history needs
/// little memory and little time.
pub fn stats_of_file(path: &Path, query: &RecordQuery) -> Result<(Stats, usize, Vec<Skipped>), HistoryError> {
    let prepared = query.prepare();
    let (builders, skipped) = store::fold_parallel(
        path,
        || (StatsBuilder::new(query.zone), 0usize),
        |(builder, total), r| {
            *total += 1;
            if prepared.matches(&r) {
                builder.add(&r);
            }
        },
    )?;
    let mut total = 0;
    let mut builder = StatsBuilder::new(query.zone);
    for (part, count) in builders {
        builder.merge(part);
        total += count;
    }
    Ok((builder.finish(), total, skipped))
}

fn write_stats_text(s: &Stats, out: &mut dyn Write) -> CmdResult {
    let range = match (s.first_practised, s.last_practised) {
        (Some(a), Some(b)) if a != b => format!(" ({a} to {b})"),
        (Some(a), _) => format!(" ({a})"),
        _ => String::new(),
    };
    writeln!(
        out,
        "{} in {} over {}{range}",
        plural(s.attempts, "attempt"),
        plural(s.sessions, "session"),
        plural(s.days_practised, "day")
    )?;
    let window = stats::TREND_WINDOW;
    let trend = s.trend.map_or(format!("– (needs {} attempts)", window + 1), |t| {
        format!("{t:+.2} (last {window} vs the {window} before)")
    });
    let over = s.over_time_rate.map_or("–".to_string(), |r| format!("{:.0}%", r * 100.0));
    writeln!(out, "Mean overall: {}   Trend: {trend}   Over time: {over}", score(s.mean_overall))?;
    if let Some(m) = &s.star_means {
        writeln!(
            out,
            "STAR parts: Situation {:.2} · Task {:.2} · Action {:.2} · Result {:.2}   weakest: {}",
            m.situation,
            m.task,
            m.action,
            m.result,
            m.weakest().label()
        )?;
    }
    writeln!(out)?;
    writeln!(out, "By level")?;
    let rows: Vec<Vec<String>> = s
        .levels
        .iter()
        .map(|l| vec![l.level.clone(), l.attempts.to_string(), format!("{:.2}", l.mean_overall)])
        .collect();
    write!(
        out,
        "{}",
        render(&[Column::fixed("LEVEL"), Column::number("ATTEMPTS"), Column::number("MEAN")], &rows, None)
    )?;
    writeln!(out)?;
    writeln!(out, "Leadership Principles")?;
    let rows: Vec<Vec<String>> = s
        .principles
        .iter()
        .map(|p| {
            vec![
                p.name.to_string(),
                p.attempts.to_string(),
                score(p.mean_overall),
                p.shown.to_string(),
                p.last_practised.map_or("never".to_string(), |d| d.to_string()),
            ]
        })
        .collect();
    let cols = [
        Column::fixed("PRINCIPLE"),
        Column::number("ATTEMPTS"),
        Column::number("MEAN"),
        Column::number("SHOWN"),
        Column::fixed("LAST"),
    ];
    write!(out, "{}", render(&cols, &rows, None))?;
    writeln!(out)?;
    writeln!(out, "Weakest questions (mean of the last {} attempts)", stats::WEAK_WINDOW)?;
    let rows: Vec<Vec<String>> = s
        .weakest
        .iter()
        .map(|w| {
            vec![
                w.question_number.to_string(),
                w.question_title.clone(),
                format!("{:.2}", w.recent_mean),
                w.attempts.to_string(),
                w.last_practised.to_string(),
            ]
        })
        .collect();
    let cols = [
        Column::number("#"),
        Column::flexible("QUESTION"),
        Column::number("RECENT"),
        Column::number("ATTEMPTS"),
        Column::fixed("LAST"),
    ];
    write!(out, "{}", render(&cols, &rows, terminal_width()))?;
    if !s.never_practised.is_empty() {
        writeln!(out)?;
        writeln!(out, "Never practised: {}", s.never_practised.join(" · "))?;
    }
    Ok(())
}
