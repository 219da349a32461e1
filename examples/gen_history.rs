//! Write a realistic history file of N records, for benchmarks and for trying the progress screens.
//!
//! `cargo run --release --example gen_history -- --out PATH --count N [--seed S]`
//!
//! Records use the bundled bank's questions, in sessions of 1–5 answers spread over about 90 days
//! (with a few time zone offsets), self-scores 1–5 that slowly improve, some answers over time,
//! some notes with commas and quotes, and a subset of each question's principles marked as shown.
//! The same seed writes the same file.
//!
//! `benches/stats_history.rs` includes this file as a module (`#[path]`), so everything but `main`
//! is usable from there.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use stardrill::bank::{Bank, Question};
use stardrill::history::record::VERSION;
use stardrill::history::{Record, Scores};

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 42;
/// How many days the history spans.
pub const SPAN_DAYS: i64 = 90;

/// Notes a candidate might write; some have commas, quotes and non-ASCII text.
const NOTES: [&str; 10] = [
    "Too long on the situation, cut it to two sentences",
    "Forgot the metric in the result: \"cut churn by 12%\"",
    "Good structure, weak ownership signal",
    "Rambled, then recovered; practise the \"so what\" line",
    "Used \"we\" instead of \"I\", again",
    "Nailed it",
    "Need a second example for backbone, disagree & commit",
    "Result lacked numbers, e.g. revenue, latency, NPS",
    "Ran out of time — trim the task",
    "Interviewer would ask \"why not A/B test?\", prepare that",
];

/// Waking seconds in a day: sessions start between 07:00 and 23:00 local time.
const WAKING_SECS: i64 = 16 * 3600;

/// Where the candidate was: mostly at home, sometimes travelling.
const OFFSETS_SECS: [i32; 4] = [3600, 0, -5 * 3600, 5 * 3600 + 1800];

/// Deterministic records for the bundled bank.
pub struct Generator {
    rng: StdRng,
    questions: Vec<Question>,
    bank_id: String,
    remaining: usize,
    total: usize,
    /// The first day, at midnight UTC.
    first_day: DateTime<Utc>,
    /// Mean time between session starts, in waking seconds.
    gap_secs: f64,
    /// Where the last session started, in waking seconds since `first_day` (16 waking hours a day).
    waking_secs: f64,
    pending: Vec<Record>,
}

impl Generator {
    pub fn new(count: usize, seed: u64) -> Generator {
        let bank = Bank::bundled().expect("the bundled bank loads");
        let questions = bank.questions;
        let bank_id = bank.files.first().map_or_else(|| "amazon-pm".to_string(), |f| f.id.clone());
        // The span ends on a fixed day so the same seed writes the same file on any day.
        let last_day = Utc.with_ymd_and_hms(2026, 11, 26, 0, 0, 0).unwrap();
        let first_day = last_day - Duration::days(SPAN_DAYS - 1);
        // Three answers per session on average.
        let sessions = (count as f64 / 3.0).max(1.0);
        let gap_secs = (SPAN_DAYS * WAKING_SECS) as f64 / (sessions + 1.0);
        Generator {
            rng: StdRng::seed_from_u64(seed),
            questions,
            bank_id,
            remaining: count,
            total: count,
            first_day,
            gap_secs,
            waking_secs: 0.0,
            pending: Vec::new(),
        }
    }

    /// One drill session of 1–5 answers, in answer order.
    fn session(&mut self) -> Vec<Record> {
        let rng = &mut self.rng;
        // Session starts move forward by a jittered gap through the waking hours (07:00–23:00 local).
        self.waking_secs += self.gap_secs * rng.random_range(0.5..1.5);
        // Float-to-integer casts saturate; these figures are small.
        #[allow(clippy::cast_possible_truncation)]
        let waking = self.waking_secs as i64;
        let offset =
            if rng.random_bool(0.8) { OFFSETS_SECS[0] } else { OFFSETS_SECS[rng.random_range(1..OFFSETS_SECS.len())] };
        let offset = FixedOffset::east_opt(offset).unwrap();
        let local_midnight =
            self.first_day + Duration::days(waking / WAKING_SECS) - Duration::seconds(offset.local_minus_utc().into());
        let mut at = (local_midnight + Duration::seconds(7 * 3600 + waking % WAKING_SECS)).with_timezone(&offset);
        let id = format!("{}-{:04x}", at.format("%Y%m%d-%H%M%S"), rng.random::<u16>());
        let answers = rng.random_range(1..=5usize).min(self.remaining);
        // How far through the history we are: scores improve with practice.
        let progress = (self.total - self.remaining) as f64 / self.total.max(1) as f64;
        let mut out = Vec::with_capacity(answers);
        for _ in 0..answers {
            let q = &self.questions[rng.random_range(0..self.questions.len())];
            let limit = q.time_limit_secs();
            let used = (limit as f64 * rng.random_range(0.45..1.2) * 10.0).round() / 10.0;
            let paused =
                if rng.random_bool(0.15) { (rng.random_range(1.0..90.0f64) * 10.0).round() / 10.0 } else { 0.0 };
            // Each part: a base that rises from ~2.3 to ~3.8, plus noise; Result is the usual weak spot.
            let mut part = |bias: f64| -> u8 {
                let v = 2.3 + 1.5 * progress + bias + rng.random_range(-1.4..1.4);
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let part = v.round().clamp(1.0, 5.0) as u8;
                part
            };
            let scores = Scores::from_parts([part(0.2), part(0.1), part(0.3), part(-0.4)]);
            let principles = q.principle_names();
            let demonstrated: Vec<String> = principles.iter().filter(|_| rng.random_bool(0.4)).cloned().collect();
            let note =
                if rng.random_bool(0.35) { NOTES[rng.random_range(0..NOTES.len())].to_string() } else { String::new() };
            #[allow(clippy::cast_possible_truncation)]
            let millis = ((used + paused) * 1000.0) as i64;
            at += Duration::milliseconds(millis + rng.random_range(20_000..120_000));
            out.push(Record {
                version: VERSION,
                session_id: id.clone(),
                answered_at: at,
                bank: self.bank_id.clone(),
                question_id: q.id.clone(),
                question_number: q.number,
                question_title: q.title.clone(),
                level: q.level_text.clone(),
                leadership_principles: principles,
                time_limit_secs: limit,
                time_used_secs: used,
                paused_secs: paused,
                scores,
                overall: scores.mean(),
                demonstrated,
                note,
                ..Record::default()
            });
        }
        self.remaining -= answers;
        out
    }
}

impl Iterator for Generator {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if self.pending.is_empty() {
            if self.remaining == 0 {
                return None;
            }
            let mut session = self.session();
            session.reverse();
            self.pending = session;
        }
        self.pending.pop()
    }
}

/// Write `count` records as JSON Lines to `out`.
pub fn write_records(out: impl Write, count: usize, seed: u64) -> io::Result<()> {
    let mut w = BufWriter::with_capacity(1 << 16, out);
    for r in Generator::new(count, seed) {
        serde_json::to_writer(&mut w, &r)?;
        w.write_all(b"\n")?;
    }
    w.flush()
}

/// Write `count` records as JSON Lines to a new file at `path` (replacing it).
pub fn write_file(path: &Path, count: usize, seed: u64) -> io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    write_records(File::create(path)?, count, seed)
}

#[allow(dead_code)] // Unused when benches include this file as a module.
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;

    const USAGE: &str = "usage: gen_history --out PATH --count N [--seed S]";
    let mut out = None;
    let mut count = None;
    let mut seed = DEFAULT_SEED;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        let parsed: Result<(), String> = match arg.as_str() {
            "--out" => value("--out").map(|v| out = Some(std::path::PathBuf::from(v))),
            "--count" => value("--count")
                .and_then(|v| v.parse::<usize>().map_err(|e| format!("bad --count {v:?}: {e}")))
                .map(|n| count = Some(n)),
            "--seed" => value("--seed")
                .and_then(|v| v.parse::<u64>().map_err(|e| format!("bad --seed {v:?}: {e}")))
                .map(|s| seed = s),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => Err(format!("unknown argument {other:?}\n{USAGE}")),
        };
        if let Err(e) = parsed {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    let (Some(out), Some(count)) = (out, count) else {
        eprintln!("error: --out and --count are required\n{USAGE}");
        return ExitCode::from(2);
    };
    match write_file(&out, count, seed) {
        Ok(()) => {
            eprintln!("wrote {count} records to {} (seed {seed})", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", out.display());
            ExitCode::from(1)
        }
    }
}
