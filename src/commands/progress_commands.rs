//! `history` and `stats`: the saved scores on the command line, as text, JSON or CSV.

use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::table::{Column, render};
use super::{CmdResult, Failure, load, terminal_width};
use crate::bank::Bank;
use crate::bank::schema::field_names;
use crate::cli::{GlobalArgs, HistoryArgs, StatsArgs};
use crate::clock::Zone;
use crate::format::mmss;
use crate::format::plural;
use crate::history::Record;
use crate::history::store::{self, skipped_summary};
use crate::stats::{self, QuestionRef, RecordQuery, Stats};
use crate::text::{visible, visible_line};

fn history_path(global: &GlobalArgs) -> Result<PathBuf, Failure> {
    store::resolve_path(global.history.as_deref()).map_err(Failure::data)
}

/// The question a `--question` value names: a bank question by number or id; else the id, or the
/// number, of a question no longer in the bank that the history still holds. Anything else is a
/// mistake on the command line (exit 2), never an empty answer.
fn question_ref(bank: &Bank, key: &str, records: &[Record], path: &Path) -> Result<QuestionRef, Failure> {
    if let Some(q) = bank.find(key) {
        return Ok(QuestionRef::Id(q.id.clone()));
    }
    let trimmed = key.trim();
    let in_history = match trimmed.trim_start_matches('#').parse::<u32>() {
        Ok(n) => records.iter().any(|r| r.question_number == n).then_some(QuestionRef::Number(n)),
        Err(_) => records.iter().any(|r| r.question_id == trimmed).then(|| QuestionRef::Id(trimmed.to_string())),
    };
    in_history.ok_or_else(|| {
        let unknown = bank.lookup(key).err().map(|e| e.to_string()).unwrap_or_default();
        let history = visible_line(&path.display().to_string()).into_owned();
        Failure::usage(format!("{unknown}\n(nor is '{}' in the history {history})", visible_line(trimmed)))
    })
}

fn empty_message(path: &std::path::Path, filtered: bool) -> String {
    if filtered {
        "No saved scores match these filters.".to_string()
    } else {
        format!(
            "No saved scores yet in {}.\nRun `stardrill`, press Enter on a question, answer out loud, and score yourself: \
             every score is saved there.",
            visible_line(&path.display().to_string())
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
        question: args.question.as_deref().map(|k| question_ref(&bank, k, &loaded.records, &path)).transpose()?,
        zone: Zone::Local,
    };
    if let Some(s) = skipped_summary(&loaded.skipped, &path) {
        eprintln!("warning: {}", visible(&s));
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
    writeln!(out, "{} of {} ('!' = over time)", records.len(), plural(total, "saved score"))?;
    Ok(())
}

/// One row of `history --csv`: the record's fields in the file's order, principle lists joined with
/// `;`. Text is written visibly: a control character in a note (or a hand-edited file) is shown as
/// `^[`, never sent; line breaks and tabs stay, quoted as CSV quotes them. `Deserialize` gives the
/// header even when no row is written.
#[derive(Serialize, Deserialize)]
struct CsvRow<'a> {
    version: u32,
    session_id: Cow<'a, str>,
    answered_at: String,
    bank: Cow<'a, str>,
    question_id: Cow<'a, str>,
    question_number: u32,
    question_title: Cow<'a, str>,
    level: Cow<'a, str>,
    leadership_principles: String,
    time_limit_secs: u64,
    time_used_secs: f64,
    paused_secs: f64,
    situation: u8,
    task: u8,
    action: u8,
    result: u8,
    overall: f64,
    demonstrated: String,
    note: Cow<'a, str>,
}

impl<'a> CsvRow<'a> {
    fn of(r: &'a Record) -> CsvRow<'a> {
        let join = |v: &[String]| visible(&v.join(";")).into_owned();
        CsvRow {
            version: r.version,
            session_id: visible(&r.session_id),
            answered_at: r.answered_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            bank: visible(&r.bank),
            question_id: visible(&r.question_id),
            question_number: r.question_number,
            question_title: visible(&r.question_title),
            level: visible(&r.level),
            leadership_principles: join(&r.leadership_principles),
            time_limit_secs: r.time_limit_secs,
            time_used_secs: r.time_used_secs,
            paused_secs: r.paused_secs,
            situation: r.scores.situation,
            task: r.scores.task,
            action: r.scores.action,
            result: r.scores.result,
            overall: r.overall,
            demonstrated: join(&r.demonstrated),
            note: visible(&r.note),
        }
    }
}

fn write_csv(records: &[&Record], out: &mut dyn Write) -> CmdResult {
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(out);
    let fail = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(io) => Failure::from(io),
        other => Failure::data(format!("cannot write CSV: {other:?}")),
    };
    w.write_record(field_names::<CsvRow>()).map_err(fail)?;
    for r in records {
        w.serialize(CsvRow::of(r)).map_err(fail)?;
    }
    w.flush()?;
    Ok(())
}

pub fn stats(global: &GlobalArgs, args: &StatsArgs, out: &mut dyn Write) -> CmdResult {
    let bank = load(global)?;
    let path = history_path(global)?;
    let query = RecordQuery { filter: args.filter.to_filter(), since: args.since, ..RecordQuery::all(&bank) };
    let (s, total, skipped) = stats::of_file(&path, &query).map_err(|e| Failure::data(e.to_string()))?;
    let s = s.only_principles_probed(&bank);
    if let Some(s) = skipped_summary(&skipped, &path) {
        eprintln!("warning: {}", visible(&s));
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
    if s.principles.is_empty() {
        writeln!(out, "No loaded question probes a Leadership Principle.")?;
    }
    let rows: Vec<Vec<String>> = s
        .principles
        .iter()
        .map(|p| {
            vec![
                p.name.to_string(),
                p.attempts.to_string(),
                score(p.mean_overall),
                p.shown.to_string(),
                score(p.probe_mean),
                p.last_practised.map_or("never".to_string(), |d| d.to_string()),
            ]
        })
        .collect();
    let cols = [
        Column::fixed("PRINCIPLE"),
        Column::number("ATTEMPTS"),
        Column::number("MEAN"),
        Column::number("SHOWN"),
        Column::number("PROBES"),
        Column::fixed("LAST"),
    ];
    if !rows.is_empty() {
        write!(out, "{}", render(&cols, &rows, None))?;
    }
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
        writeln!(out, "Never practised: {}", visible_line(&s.never_practised.join(" · ")))?;
    }
    Ok(())
}
