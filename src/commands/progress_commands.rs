//! `history` and `stats`: the saved scores on the command line, as text, JSON or CSV.

use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::table::{Column, render};
use super::{CmdResult, Failure, load, terminal_width, warn_skipped, write_json};
use crate::bank::Bank;
use crate::bank::schema::field_names;
use crate::cli::{GlobalArgs, HistoryAction, HistoryArgs, StatsArgs};
use crate::clock::Zone;
use crate::format::mmss;
use crate::format::plural;
use crate::history::Record;
use crate::history::correction::{Correction, CorrectionKind, Corrections, Fix, SHORT_ID};
use crate::history::store::{self, FindError, RawHistory, Stamped};
use crate::stats::{self, QuestionRef, RecordQuery, Stats};
use crate::stories::told::{Told, ToldByStory};
use crate::text::{visible, visible_line};

fn history_path(global: &GlobalArgs) -> Result<PathBuf, Failure> {
    store::resolve_path(global.history.as_deref()).map_err(Failure::data)
}

/// The question a `--question` value names: a bank question by number or id; else the id, or the
/// number, of a question no longer in the bank that the history still holds. Anything else is a
/// mistake on the command line (exit 2), never an empty answer.
fn question_ref(bank: &Bank, key: &str, records: &[Stamped], path: &Path) -> Result<QuestionRef, Failure> {
    if let Some(q) = bank.find(key) {
        return Ok(QuestionRef::Id(q.id.clone()));
    }
    let trimmed = key.trim();
    let in_history = match trimmed.trim_start_matches('#').parse::<u32>() {
        Ok(n) => records.iter().any(|a| a.record.question_number == n).then_some(QuestionRef::Number(n)),
        Err(_) => records.iter().any(|a| a.record.question_id == trimmed).then(|| QuestionRef::Id(trimmed.to_string())),
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
    if let Some(action) = &args.action {
        return correct(global, action, out);
    }
    if let (Some(since), Some(until)) = (args.since, args.until)
        && since > until
    {
        let message = format!("--since {since} is after --until {until}: no day can match; swap them");
        return Err(Failure { code: 2, message });
    }
    let bank = load(global)?;
    let path = history_path(global)?;
    let raw = store::read_raw(&path).map_err(|e| Failure::data(e.to_string()))?;
    let fixes = raw.fixes();
    let attempts: Vec<Stamped> = if args.raw { raw.attempts.clone() } else { raw.corrected() };
    let query = RecordQuery {
        filter: args.filter.to_filter(),
        bank: &bank,
        since: args.since,
        until: args.until,
        question: args.question.as_deref().map(|k| question_ref(&bank, k, &attempts, &path)).transpose()?,
        zone: Zone::Local,
    };
    warn_skipped(&raw.skipped, &path);
    let total = attempts.len();
    let prepared = query.prepare();
    let mut shown: Vec<&Stamped> = attempts.iter().filter(|a| prepared.matches(&a.record)).collect();
    shown.sort_by_key(|a| std::cmp::Reverse(a.record.answered_at));
    if args.json {
        return write_history_json(&raw, &shown, args.raw, out);
    }
    if args.csv {
        let records: Vec<&Record> = shown.iter().map(|a| &a.record).collect();
        return write_csv(&records, out);
    }
    if shown.is_empty() {
        writeln!(out, "{}", empty_message(&path, total > 0))?;
        return Ok(());
    }
    let mut columns = vec![
        Column::fixed("DATE"),
        Column::number("#"),
        Column::flexible("QUESTION"),
        Column::fixed("BANK").droppable(2),
        Column::fixed("LEVEL").droppable(1),
        Column::fixed("TIME/LIMIT"),
        Column::fixed("S T A R"),
        Column::number("OVERALL"),
        Column::fixed("ID"),
    ];
    if args.raw {
        columns.push(Column::fixed("CORRECTED"));
    }
    columns.push(Column::flexible("NOTE"));
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|a| {
            let r = &a.record;
            let over = if r.is_over_time() { "!" } else { "" };
            let mut row = vec![
                query.zone.minute(r.answered_at),
                r.question_number.to_string(),
                r.question_title.clone(),
                r.bank.clone(),
                r.level.clone(),
                format!("{}/{}{over}", r.used_mmss(), mmss(r.time_limit_secs)),
                r.scores.compact(),
                format!("{:.2}", r.overall),
                short_id(&a.attempt_id),
            ];
            if args.raw {
                row.push(match fixes.get(&a.attempt_id) {
                    Some(Fix::Dropped) => "dropped".to_string(),
                    Some(Fix::Amended { .. }) => "amended".to_string(),
                    None => String::new(),
                });
            }
            row.push(r.note.clone());
            row
        })
        .collect();
    write!(out, "{}", render(&columns, &rows, terminal_width()))?;
    writeln!(out, "{} of {} ('!' = over time)", shown.len(), plural(total, "saved score"))?;
    if args.raw {
        write_corrections(&raw, &shown, out)?;
    } else {
        let dropped = raw.attempts.len() - total;
        let amended = attempts.iter().filter(|a| matches!(fixes.get(&a.attempt_id), Some(Fix::Amended { .. }))).count();
        if dropped + amended > 0 {
            writeln!(
                out,
                "corrected: {dropped} dropped, {amended} amended (`stardrill history --raw` shows them as saved)"
            )?;
        }
    }
    Ok(())
}

fn short_id(id: &str) -> String {
    visible_line(id.get(..SHORT_ID).unwrap_or(id)).into_owned()
}

/// A record in `history --json`: its attempt id first, then its fields.
#[derive(Serialize)]
struct RecordJson<'a> {
    attempt_id: &'a str,
    #[serde(flatten)]
    record: &'a Record,
}

/// `--json`: the records shown, newest first, each with its `attempt_id`; with `--raw`, an object
/// `{"attempts": […], "corrections": […]}`, the corrections of the attempts shown in file order.
fn write_history_json(raw: &RawHistory, shown: &[&Stamped], all: bool, out: &mut dyn Write) -> CmdResult {
    let records: Vec<RecordJson> =
        shown.iter().map(|a| RecordJson { attempt_id: &a.attempt_id, record: &a.record }).collect();
    if all {
        let corrections: Vec<&Correction> = relevant_corrections(raw, shown);
        write_json(out, &serde_json::json!({ "attempts": records, "corrections": corrections }))
    } else {
        write_json(out, &records)
    }
}

fn relevant_corrections<'a>(raw: &'a RawHistory, shown: &[&Stamped]) -> Vec<&'a Correction> {
    raw.corrections.iter().filter(|c| shown.iter().any(|a| a.attempt_id == c.attempt_id)).collect()
}

/// Under `history --raw`: the corrections of the attempts listed, in the order they were made.
fn write_corrections(raw: &RawHistory, shown: &[&Stamped], out: &mut dyn Write) -> CmdResult {
    let corrections = relevant_corrections(raw, shown);
    if corrections.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}, oldest first:", plural(corrections.len(), "correction"))?;
    let rows: Vec<Vec<String>> = corrections
        .iter()
        .map(|c| {
            let mut change = String::new();
            if let Some(s) = c.scores {
                change.push_str(&format!("scores {} ({:.2})", s.compact(), s.mean()));
            }
            if let Some(n) = &c.note {
                if !change.is_empty() {
                    change.push_str(", ");
                }
                change.push_str(&format!("note \"{n}\""));
            }
            vec![Zone::Local.minute(c.corrected_at), c.kind.key().to_string(), short_id(&c.attempt_id), change]
        })
        .collect();
    let columns = [Column::fixed("DATE"), Column::fixed("KIND"), Column::fixed("ID"), Column::flexible("CHANGE")];
    write!(out, "{}", render(&columns, &rows, terminal_width()))?;
    Ok(())
}

/// `history drop` / `history amend`: one correction line appended, after checking that the attempt
/// exists and can take it.
fn correct(global: &GlobalArgs, action: &HistoryAction, out: &mut dyn Write) -> CmdResult {
    let path = history_path(global)?;
    let shown_path = visible_line(&path.display().to_string()).into_owned();
    let (kind, key, scores, note) = match action {
        HistoryAction::Drop { attempt } => (CorrectionKind::Drop, attempt, None, None),
        HistoryAction::Amend { attempt, scores, note } => (CorrectionKind::Amend, attempt, *scores, note.clone()),
    };
    let key_shown = visible_line(key.trim()).into_owned();
    // Only the attempts whose id begins with what was typed are kept, and the corrections.
    let raw = store::read_for_id(&path, key).map_err(|e| Failure::data(e.to_string()))?;
    warn_skipped(&raw.skipped, &path);
    let attempt = raw.find(key).map_err(|e| {
        Failure::data(match e {
            FindError::TooShort => format!(
                "attempt id '{key_shown}' is too short: give at least {} of its characters (the ID column of \
                 `stardrill history`)",
                crate::history::correction::MIN_PREFIX
            ),
            FindError::Unknown => format!(
                "no attempt '{key_shown}' in {shown_path}: `stardrill history` shows each attempt's ID \
                 (`--raw` also the dropped ones)"
            ),
            FindError::Ambiguous(ids) => {
                let ids: Vec<String> = ids.iter().map(|i| visible_line(i).into_owned()).collect();
                format!("attempt id '{key_shown}' is ambiguous: it begins {}; give more of it", ids.join(", "))
            }
        })
    })?;
    let short = short_id(&attempt.attempt_id);
    let fixes = raw.fixes();
    if fixes.get(&attempt.attempt_id) == Some(&Fix::Dropped) {
        let what = if kind == CorrectionKind::Drop { "dropped already" } else { "dropped: it cannot be amended" };
        return Err(Failure::data(format!("attempt {short} was {what} (`stardrill history --raw` shows it)")));
    }
    let before = fixes.apply_id(attempt.record.clone(), &attempt.attempt_id).unwrap_or(attempt.record.clone());
    let correction = Correction {
        version: crate::history::record::VERSION,
        kind,
        attempt_id: attempt.attempt_id.clone(),
        corrected_at: crate::clock::Now::read().wall,
        scores,
        note,
        answered_at: Some(attempt.record.answered_at),
    };
    let appended = store::append_correction(&path, &correction).map_err(|e| Failure::data(e.to_string()))?;
    if let Some(e) = appended.unconfirmed {
        eprintln!("warning: the disk did not confirm the write of {shown_path} ({e}); the correction is written");
    }
    let r = &before;
    let what = format!(
        "{} #{} {} ({} · {:.2})",
        Zone::Local.minute(r.answered_at),
        r.question_number,
        visible_line(&r.question_title),
        r.scores.compact(),
        r.overall
    );
    match kind {
        CorrectionKind::Drop => writeln!(out, "dropped attempt {short}: {what}")?,
        CorrectionKind::Amend => {
            let after =
                Corrections::of([&correction]).apply_id(before.clone(), &attempt.attempt_id).unwrap_or(before.clone());
            writeln!(out, "amended attempt {short}: {what}")?;
            if scores.is_some() {
                writeln!(out, "  scores now {} · {:.2}", after.scores.compact(), after.overall)?;
            }
            if correction.note.is_some() {
                writeln!(out, "  note now \"{}\"", visible_line(&after.note))?;
            }
        }
    }
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
    /// The columns after `note` came later, so a script reading the first ones still works.
    story_id: Option<Cow<'a, str>>,
    /// Follow-up probes answered, and the mean of their scores (empty without probes).
    probes: usize,
    probe_mean: Option<f64>,
    /// Seconds in each STAR part as marked while answering (empty when unmarked).
    situation_secs: Option<f64>,
    task_secs: Option<f64>,
    action_secs: Option<f64>,
    result_secs: Option<f64>,
    /// The scratchpad's text (empty when nothing was typed).
    outline: Cow<'a, str>,
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
            story_id: r.story_id.as_deref().map(visible),
            probes: r.probes.len(),
            probe_mean: (!r.probes.is_empty())
                .then(|| r.probes.iter().map(|p| f64::from(p.score)).sum::<f64>() / r.probes.len() as f64),
            situation_secs: r.part_secs.map(|p| p.situation),
            task_secs: r.part_secs.map(|p| p.task),
            action_secs: r.part_secs.map(|p| p.action),
            result_secs: r.part_secs.map(|p| p.result),
            outline: visible(r.outline.as_deref().unwrap_or("")),
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
    // One pass over the history gives the figures and your stories' counts.
    let figures = stats::of_file_with_told(&path, &query).map_err(|e| Failure::data(e.to_string()))?;
    let (s, total) = (figures.stats.only_principles_probed(&bank), figures.total);
    warn_skipped(&figures.skipped, &path);
    let stories = story_figures(global, &bank, &figures.told);
    let pacing = crate::coach::pacing::by_kind(&s.pacing, &bank);
    if args.json {
        let json = StatsJson { stats: &s, pacing, stories };
        return write_json(out, &json);
    }
    if s.attempts == 0 {
        writeln!(out, "{}", empty_message(&path, total > 0))?;
        return Ok(());
    }
    write_stats_text(&s, out)?;
    write_pacing_text(&pacing, out)?;
    write_story_figures(&stories, out)
}

/// `stats --json`: every figure, and your stories' when you have some.
#[derive(Serialize)]
struct StatsJson<'a> {
    #[serde(flatten)]
    stats: &'a Stats,
    /// The mean split per kind of question over the marked answers kept (empty when none was marked).
    pacing: Vec<crate::coach::pacing::KindPacing>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stories: Vec<StoryFigures>,
}

/// One of your stories in drills: times told, mean overall, when last (as `story list --json`).
#[derive(Serialize)]
struct StoryFigures {
    id: String,
    title: String,
    #[serde(flatten)]
    told: Told,
}

/// Your stories' figures, from the story file (none without one; a file with problems is said on
/// stderr and left out) and the counts `told` read with the other figures.
fn story_figures(global: &GlobalArgs, bank: &Bank, told: &ToldByStory) -> Vec<StoryFigures> {
    let Ok(path) = crate::stories::store::resolve_path(global.stories.as_deref()) else { return Vec::new() };
    let stories = match crate::stories::load_path(&path, &bank.questions) {
        Ok(stories) if !stories.is_empty() => stories,
        Ok(_) => return Vec::new(),
        Err(e) => {
            eprintln!("warning: your story file has problems, its stories are left out: {}", visible(&e.to_string()));
            return Vec::new();
        }
    };
    stories
        .stories
        .iter()
        .map(|st| StoryFigures { id: st.id.clone(), title: st.title.clone(), told: told.get(&st.id) })
        .collect()
}

fn write_story_figures(stories: &[StoryFigures], out: &mut dyn Write) -> CmdResult {
    if stories.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "Your stories")?;
    let rows: Vec<Vec<String>> = stories
        .iter()
        .map(|st| {
            vec![
                st.title.clone(),
                st.told.times.to_string(),
                score(st.told.mean()),
                // The day as the answer was saved (its own offset).
                st.told.last.map_or("never".to_string(), |at| at.date_naive().to_string()),
            ]
        })
        .collect();
    let cols = [Column::flexible("STORY"), Column::number("TOLD"), Column::number("MEAN"), Column::fixed("LAST")];
    write!(out, "{}", render(&cols, &rows, terminal_width()))?;
    Ok(())
}

/// Where the time of your marked answers went, per kind of question, and the habits it shows
/// (README "Pacing"). Nothing when no answer was marked.
fn write_pacing_text(kinds: &[crate::coach::pacing::KindPacing], out: &mut dyn Write) -> CmdResult {
    use crate::coach::pacing::TARGETS;
    if kinds.is_empty() {
        return Ok(());
    }
    let split = |p: &crate::bank::PerStar<f64>| {
        p.iter().map(|(part, v)| format!("{} {v:.0} %", part.letter())).collect::<Vec<_>>().join(" · ")
    };
    writeln!(out)?;
    writeln!(out, "Pacing (mean share of answering time, marked answers; targets {})", split(&TARGETS))?;
    for k in kinds {
        writeln!(out, "  {:<17} {:<11} {}", k.kind.key(), plural(k.answers, "answer"), split(&k.mean_share))?;
    }
    for k in kinds {
        for line in k.habit_lines() {
            writeln!(out, "  Habit: {line}")?;
        }
    }
    Ok(())
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
