//! `stardrill history` and `stardrill stats` on the command line, over a history file written here.
//!
//! Every record is saved at about noon UTC, so reading its date in the local time zone of the machine
//! running the tests gives the same day anywhere from UTC-11 to UTC+11.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::DateTime;
use predicates::prelude::*;
use serde_json::Value;
use stardrill::history::record::VERSION;
use stardrill::history::{Record, Scores};

const Q1: (&str, u32, &str) =
    ("stakeholder-alignment-at-scale", 1, "Cross-Functional Stakeholder Alignment at Scale (Principal PM Level)");
const Q2: (&str, u32, &str) =
    ("aws-cloud-architecture-deep-dive", 2, "AWS Technical Product Lifecycle Deep Dive (PM-T Role)");
const Q5: (&str, u32, &str) =
    ("decision-under-uncertainty", 5, "Data-Driven Decision Making Under Extreme Uncertainty");
const Q8: (&str, u32, &str) = ("cross-org-influence", 8, "Cross-Business Unit Leadership and Influence");
/// A question no longer in the bank: it still counts, by what its record carries.
const RETIRED: (&str, u32, &str) = ("retired-question", 42, "A retired question, no longer in the bank");

const Q1_LPS: &[&str] = &["Ownership", "Have Backbone; Disagree and Commit", "Deliver Results"];
const Q2_LPS: &[&str] = &["Invent and Simplify", "Insist on the Highest Standards", "Frugality", "Dive Deep"];
const Q5_LPS: &[&str] = &[
    "Customer Obsession",
    "Ownership",
    "Are Right, A Lot",
    "Learn and Be Curious",
    "Insist on the Highest Standards",
    "Think Big",
    "Bias for Action",
    "Dive Deep",
];
const Q8_LPS: &[&str] = &["Ownership", "Think Big", "Earn Trust", "Have Backbone; Disagree and Commit"];

struct R {
    session: &'static str,
    at: &'static str,
    q: (&'static str, u32, &'static str),
    level: &'static str,
    lps: &'static [&'static str],
    limit: u64,
    used: f64,
    scores: [u8; 4],
    shown: &'static [&'static str],
    note: &'static str,
}

fn record(r: R) -> Record {
    let scores = Scores::from_parts(r.scores);
    Record {
        version: VERSION,
        session_id: r.session.into(),
        answered_at: DateTime::parse_from_rfc3339(r.at).unwrap(),
        bank: "amazon-pm".into(),
        question_id: r.q.0.into(),
        question_number: r.q.1,
        question_title: r.q.2.into(),
        level: r.level.into(),
        leadership_principles: r.lps.iter().map(|s| s.to_string()).collect(),
        time_limit_secs: r.limit,
        time_used_secs: r.used,
        paused_secs: if r.used > 500.0 { 12.5 } else { 0.0 },
        scores,
        overall: scores.mean(),
        demonstrated: r.shown.iter().map(|s| s.to_string()).collect(),
        note: r.note.into(),
        ..Record::default()
    }
}

/// Seven attempts in four sessions on four days; overall 3.5, 2, 4, 3, 4.5, 1.5, 3.5 in time order.
fn fixture() -> Vec<Record> {
    vec![
        // r1
        record(R {
            session: "s1",
            at: "2026-11-20T12:00:00+00:00",
            q: Q1,
            level: "L6-L7",
            lps: Q1_LPS,
            limit: 180,
            used: 200.0,
            scores: [4, 3, 5, 2],
            shown: &["Ownership"],
            note: "Rambled, then \"landed\" it",
        }),
        // r2
        record(R {
            session: "s1",
            at: "2026-11-20T12:05:00+00:00",
            q: Q5,
            level: "L6-L7",
            lps: Q5_LPS,
            limit: 180,
            used: 100.0,
            scores: [2, 2, 2, 2],
            shown: &[],
            note: "",
        }),
        // r3
        record(R {
            session: "s2",
            at: "2026-11-21T12:00:00+00:00",
            q: Q2,
            level: "L5-L6",
            lps: Q2_LPS,
            limit: 900,
            used: 600.5,
            scores: [5, 4, 4, 3],
            shown: &["Dive Deep", "Frugality"],
            note: "line one\nline two, with a comma",
        }),
        // r4: noon UTC written at +01:00
        record(R {
            session: "s3",
            at: "2026-11-22T13:00:00+01:00",
            q: Q1,
            level: "L6-L7",
            lps: Q1_LPS,
            limit: 180,
            used: 150.0,
            scores: [3, 3, 3, 3],
            shown: &[],
            note: "Better; \"quotes\", commas, and ünïcödé",
        }),
        // r5
        record(R {
            session: "s3",
            at: "2026-11-22T13:04:00+01:00",
            q: Q8,
            level: "L5-L6",
            lps: Q8_LPS,
            limit: 180,
            used: 181.0,
            scores: [5, 5, 4, 4],
            shown: &["Have Backbone; Disagree and Commit", "Earn Trust"],
            note: "Strong backbone story",
        }),
        // r6
        record(R {
            session: "s4",
            at: "2026-11-24T12:00:00+00:00",
            q: RETIRED,
            level: "L7",
            lps: &["Frugality"],
            limit: 300,
            used: 120.0,
            scores: [1, 2, 1, 2],
            shown: &[],
            note: "old question",
        }),
        // r7
        record(R {
            session: "s4",
            at: "2026-11-24T12:06:00+00:00",
            q: Q5,
            level: "L6-L7",
            lps: Q5_LPS,
            limit: 180,
            used: 170.0,
            scores: [3, 4, 3, 4],
            shown: &[],
            note: "",
        }),
    ]
}

fn jsonl(records: &[Record]) -> String {
    records.iter().map(|r| serde_json::to_string(r).unwrap() + "\n").collect()
}

struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn history_file(content: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    std::fs::write(&path, content).unwrap();
    Fixture { _dir: dir, path }
}

fn stardrill(history: &Path) -> Command {
    let mut c = Command::cargo_bin("stardrill").unwrap();
    c.env_remove("STARDRILL_BANK").env_remove("STARDRILL_HISTORY").arg("--history").arg(history);
    c
}

fn stdout_of(history: &Path, args: &[&str]) -> String {
    let out = stardrill(history).args(args).assert().success().get_output().clone();
    assert!(out.stderr.is_empty(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn history_json(history: &Path, args: &[&str]) -> Vec<Record> {
    let mut all = vec!["history", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&stdout_of(history, &all)).unwrap()
}

/// The fixture records with these 1-based numbers (r1…r7), newest first.
fn newest_first(numbers: &[usize]) -> Vec<Record> {
    let all = fixture();
    let mut out: Vec<Record> = numbers.iter().map(|&n| all[n - 1].clone()).collect();
    out.sort_by_key(|r| std::cmp::Reverse(r.answered_at));
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

// ---------------------------------------------------------------- history

#[test]
fn history_table_lists_newest_first_with_every_column() {
    let f = history_file(&jsonl(&fixture()));
    let out = stdout_of(&f.path, &["history"]);
    let lines: Vec<&str> = out.lines().collect();
    let header = lines[0];
    for column in ["DATE", "#", "QUESTION", "LEVEL", "TIME/LIMIT", "S T A R", "OVERALL", "NOTE"] {
        assert!(header.contains(column), "header lacks {column}: {header}");
    }
    // One row per record (r3's note has a line break), newest first: find each record's row by its date and scores.
    let row = |date: &str, star: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(date) && l.contains(star))
            .unwrap_or_else(|| panic!("no row {date} {star} in\n{out}"))
    };
    let rows = [
        row("2026-11-24", "3 4 3 4"),
        row("2026-11-24", "1 2 1 2"),
        row("2026-11-22", "5 5 4 4"),
        row("2026-11-22", "3 3 3 3"),
        row("2026-11-21", "5 4 4 3"),
        row("2026-11-20", "2 2 2 2"),
        row("2026-11-20", "4 3 5 2"),
    ];
    assert!(rows.windows(2).all(|w| w[0] < w[1]), "newest first: {rows:?}\n{out}");
    let r1 = lines[rows[6]];
    for cell in
        ["Cross-Functional Stakeholder Alignment", "L6-L7", "03:20/03:00!", "3.50", "Rambled, then \"landed\" it"]
    {
        assert!(r1.contains(cell), "r1 row lacks {cell:?}: {r1}");
    }
    assert!(r1.contains(" 1  "), "question number: {r1}");
    let r6 = lines[rows[1]];
    for cell in ["42", "A retired question, no longer in the bank", "L7", "02:00/05:00", "1.50", "old question"] {
        assert!(r6.contains(cell), "r6 row lacks {cell:?}: {r6}");
    }
    assert!(!r6.contains('!'), "r6 is within its limit: {r6}");
    let r3 = lines[rows[4]];
    assert!(r3.contains("10:00/15:00") && r3.contains("4.00"), "{r3}");
    assert!(out.contains("7 of 7 saved scores"), "{out}");
}

#[test]
fn history_json_is_the_records_newest_first() {
    let f = history_file(&jsonl(&fixture()));
    let got = history_json(&f.path, &[]);
    assert_eq!(got, newest_first(&[1, 2, 3, 4, 5, 6, 7]));
    // The offset each record was saved with is kept.
    let raw: Value = serde_json::from_str(&stdout_of(&f.path, &["history", "--json"])).unwrap();
    let r4 = raw.as_array().unwrap().iter().find(|r| r["scores"]["situation"] == 3 && r["session_id"] == "s3");
    assert_eq!(r4.unwrap()["answered_at"], "2026-11-22T13:00:00+01:00");
}

/// Read a `;`-joined principle list back. A name may itself hold "; " ("Have Backbone; Disagree and
/// Commit"), so a piece that starts with a space belongs to the name before it.
fn split_principles(field: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in field.split(';').filter(|p| !p.is_empty()) {
        match out.last_mut() {
            Some(last) if piece.starts_with(' ') => {
                last.push(';');
                last.push_str(piece);
            }
            _ => out.push(piece.to_string()),
        }
    }
    out
}

#[test]
fn history_csv_round_trips_through_a_csv_parser() {
    let f = history_file(&jsonl(&fixture()));
    let out = stdout_of(&f.path, &["history", "--csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
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
            "story_id",
            "probes",
            "probe_mean",
            "situation_secs",
            "task_secs",
            "action_secs",
            "result_secs",
            "outline",
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let want = newest_first(&[1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(rows.len(), want.len(), "one row per record");
    for (row, r) in rows.iter().zip(&want) {
        assert_eq!(row.len(), 27);
        // No story, probe, part mark or scratchpad in these records: empty cells (0 probes).
        assert_eq!(row.iter().skip(19).collect::<Vec<_>>(), ["", "0", "", "", "", "", "", ""]);
        let back = Record {
            version: row[0].parse().unwrap(),
            session_id: row[1].to_string(),
            answered_at: DateTime::parse_from_rfc3339(&row[2]).unwrap(),
            bank: row[3].to_string(),
            question_id: row[4].to_string(),
            question_number: row[5].parse().unwrap(),
            question_title: row[6].to_string(),
            level: row[7].to_string(),
            leadership_principles: split_principles(&row[8]),
            time_limit_secs: row[9].parse().unwrap(),
            time_used_secs: row[10].parse().unwrap(),
            paused_secs: row[11].parse().unwrap(),
            scores: Scores::from_parts([12, 13, 14, 15].map(|i| row[i].parse().unwrap())),
            overall: row[16].parse().unwrap(),
            demonstrated: split_principles(&row[17]),
            note: row[18].to_string(),
            ..Record::default()
        };
        assert_eq!(&back, r);
        assert_eq!(back.answered_at.offset(), r.answered_at.offset(), "offset kept");
        assert_eq!(&row[8], r.leadership_principles.join(";"), "principles joined with ';'");
    }
    // RFC 4180: fields with quotes, commas or line breaks are quoted, quotes doubled; CRLF or LF rows.
    assert!(out.contains("\"Rambled, then \"\"landed\"\" it\""), "{out}");
    assert!(out.contains("\"line one\nline two, with a comma\""), "{out}");
    assert!(out.contains(",Ownership;Have Backbone; Disagree and Commit;Deliver Results,"), "{out}");
    assert!(out.contains(",\"Customer Obsession;Ownership;Are Right, A Lot;"), "{out}");
}

/// The later columns of `history --csv`: the story told, the probes answered and their mean, each
/// STAR part's seconds, and the scratchpad's text.
#[test]
fn history_csv_carries_story_probes_part_seconds_and_the_scratchpad() {
    let mut r = fixture().remove(0);
    r.story_id = Some("checkout".into());
    r.probes = [3, 4]
        .map(|score| stardrill::history::ProbeRecord {
            principle: "Ownership".into(),
            text: format!("Probe {score}?"),
            time_used_secs: 30.0,
            score,
        })
        .to_vec();
    r.part_secs = Some(stardrill::bank::PerStar::new([30.0, 15.5, 60.0, 20.0]));
    r.outline = Some("S: churn 8%\nR: 5%".into());
    let f = history_file(&jsonl(&[r]));
    let out = stdout_of(&f.path, &["history", "--csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(
        row.iter().skip(19).collect::<Vec<_>>(),
        ["checkout", "2", "3.5", "30.0", "15.5", "60.0", "20.0", "S: churn 8%\nR: 5%"]
    );
}

#[test]
fn history_csv_and_json_of_an_empty_selection() {
    let f = history_file(&jsonl(&fixture()));
    let csv_out = stdout_of(&f.path, &["history", "--csv", "--since", "2030-01-01"]);
    assert_eq!(csv_out.lines().count(), 1, "only the header: {csv_out}");
    assert!(csv_out.starts_with("version,session_id,answered_at,"));
    assert_eq!(history_json(&f.path, &["--since", "2030-01-01"]), Vec::<Record>::new());
}

#[test]
fn history_date_filters_are_inclusive() {
    let f = history_file(&jsonl(&fixture()));
    assert_eq!(history_json(&f.path, &["--since", "2026-11-22"]), newest_first(&[4, 5, 6, 7]));
    assert_eq!(history_json(&f.path, &["--until", "2026-11-21"]), newest_first(&[1, 2, 3]));
    assert_eq!(history_json(&f.path, &["--since", "2026-11-21", "--until", "2026-11-22"]), newest_first(&[3, 4, 5]));
    assert_eq!(history_json(&f.path, &["--since", "2026-11-20", "--until", "2026-11-20"]), newest_first(&[1, 2]));
    assert_eq!(history_json(&f.path, &["--since", "2026-11-23", "--until", "2026-11-23"]), vec![]);
    let table = stdout_of(&f.path, &["history", "--since", "2026-11-24"]);
    assert!(table.contains("2 of 7 saved scores"), "{table}");
    let none = stdout_of(&f.path, &["history", "--since", "2026-12-01"]);
    assert!(none.contains("No saved scores match these filters."), "{none}");
}

#[test]
fn history_question_filter_by_number_or_id() {
    let f = history_file(&jsonl(&fixture()));
    assert_eq!(history_json(&f.path, &["--question", "1"]), newest_first(&[1, 4]));
    assert_eq!(history_json(&f.path, &["--question", "#1"]), newest_first(&[1, 4]));
    assert_eq!(history_json(&f.path, &["--question", "decision-under-uncertainty"]), newest_first(&[2, 7]));
    // The id of a question no longer in the bank still finds its records.
    assert_eq!(history_json(&f.path, &["--question", "retired-question"]), newest_first(&[6]));
    // …and so does its number, which the bank no longer has.
    assert_eq!(history_json(&f.path, &["--question", "42"]), newest_first(&[6]));
    // A number neither the bank nor the history has is a usage mistake (exit 2) that lists what exists.
    stardrill(&f.path)
        .args(["history", "--question", "99"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no question '99'").and(predicate::str::contains("stakeholder-alignment")));
    // So is an id never seen: not an empty table with exit 0.
    stardrill(&f.path).args(["history", "--question", "foo"]).assert().code(2).stdout("").stderr(
        predicate::str::contains("no question 'foo' in the bank")
            .and(predicate::str::contains("nor is 'foo' in the history")),
    );
}

/// A note holds whatever the user typed or pasted, and a history file can be edited by hand: nothing
/// in it reaches the terminal raw from the table or the CSV; the JSON keeps it exact (escaped).
#[test]
fn escape_sequences_in_notes_are_shown_not_sent() {
    let mut records = fixture();
    records[6].note = "pasted \u{1b}]0;pwned\u{7} then \u{1b}[2J".to_string();
    records[6].question_title = "Title \u{1b}[31mred".to_string();
    let f = history_file(&jsonl(&records));
    for args in [&["history"][..], &["history", "--csv"], &["stats"]] {
        let out = stardrill(&f.path).args(args).assert().success().get_output().stdout.clone();
        let bad: Vec<&u8> = out.iter().filter(|b| b.is_ascii_control() && **b != b'\n').collect();
        assert!(bad.is_empty(), "{args:?} sent {bad:?}:\n{}", String::from_utf8_lossy(&out));
        let text = String::from_utf8(out).unwrap();
        if args[0] == "history" {
            assert!(text.contains("pasted ^[]0;pwned^G then ^[[2J"), "{args:?}:\n{text}");
        }
    }
    let raw: Value = serde_json::from_str(&stdout_of(&f.path, &["history", "--json"])).unwrap();
    assert_eq!(raw[0]["note"], "pasted \u{1b}]0;pwned\u{7} then \u{1b}[2J", "JSON stays exact");
}

#[test]
fn history_level_and_principle_filters() {
    let f = history_file(&jsonl(&fixture()));
    // L7 is in L6-L7 (questions 1, 5) and in the retired record's own "L7"; not in L5-L6.
    assert_eq!(history_json(&f.path, &["--level", "L7"]), newest_first(&[1, 2, 4, 6, 7]));
    assert_eq!(history_json(&f.path, &["--level", "5"]), newest_first(&[3, 5]));
    assert_eq!(history_json(&f.path, &["--lp", "backbone"]), newest_first(&[1, 4, 5]));
    // A retired question matches by the principles its record carries.
    assert_eq!(history_json(&f.path, &["--lp", "frugality"]), newest_first(&[3, 6]));
    // Different filters AND.
    assert_eq!(history_json(&f.path, &["--lp", "backbone", "--level", "L7"]), newest_first(&[1, 4]));
    assert_eq!(history_json(&f.path, &["--lp", "backbone", "--since", "2026-11-22"]), newest_first(&[4, 5]));
}

#[test]
fn bad_dates_are_usage_errors_naming_the_format() {
    let f = history_file(&jsonl(&fixture()));
    for args in [
        &["history", "--since", "2026-13-01"][..],
        &["history", "--until", "20/11/2026"],
        &["stats", "--since", "yesterday"],
    ] {
        stardrill(&f.path)
            .args(args)
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains("expected YYYY-MM-DD"));
    }
}

#[test]
fn unreadable_lines_are_skipped_reported_and_left_alone() {
    let records = fixture();
    let good = |i: usize| serde_json::to_string(&records[i]).unwrap();
    let v2 = good(4).replace("\"version\":1", "\"version\":2");
    let torn = &good(6)[..good(6).len() / 2];
    // Lines: 1 r1, 2 r2, 3 garbage, 4 version 2, 5 r4, 6 torn.
    let content = format!("{}\n{}\nthis is not json\n{v2}\n{}\n{torn}", good(0), good(1), good(3));
    let f = history_file(&content);
    let warning = || {
        predicate::str::contains("skipped 3 unreadable lines")
            .and(predicate::str::contains("3 (not JSON), 4 (unknown version 2), 6 (incomplete last line)"))
            .and(predicate::str::contains(f.path.display().to_string()))
    };

    let out = stardrill(&f.path).args(["history", "--json"]).assert().success().stderr(warning());
    let got: Vec<Record> = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(got, newest_first(&[1, 2, 4]));

    let out = stardrill(&f.path).arg("history").assert().success().stderr(warning());
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("3 of 3 saved scores") && text.contains("Rambled"), "{text}");

    let out = stardrill(&f.path).args(["stats", "--json"]).assert().success().stderr(warning());
    let stats: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(stats["attempts"], 3);

    stardrill(&f.path).arg("stats").assert().success().stderr(warning()).stdout(predicate::str::contains("3 attempts"));

    assert_eq!(std::fs::read_to_string(&f.path).unwrap(), content, "reading never changes the file");
}

#[test]
fn one_skipped_line_is_reported_in_the_singular() {
    let f = history_file(&format!("{}garbage\n", jsonl(&fixture()[..2])));
    stardrill(&f.path)
        .arg("history")
        .assert()
        .success()
        .stderr(predicate::str::contains("skipped 1 unreadable line in").and(predicate::str::contains("3 (not JSON)")));
}

#[test]
fn empty_and_missing_histories_say_how_to_start() {
    let empty = history_file("");
    let missing_dir = tempfile::tempdir().unwrap();
    let missing = missing_dir.path().join("nothing-here.jsonl");
    for path in [empty.path.as_path(), missing.as_path()] {
        for command in ["history", "stats"] {
            stardrill(path)
                .arg(command)
                .assert()
                .success()
                .stdout(predicate::str::contains("No saved scores yet").and(predicate::str::contains("stardrill")))
                .stderr(predicate::str::is_empty());
        }
        assert_eq!(history_json(path, &[]), vec![]);
        let stats: Value = serde_json::from_str(&stdout_of(path, &["stats", "--json"])).unwrap();
        assert_eq!(stats["attempts"], 0);
        assert_eq!(stats["mean_overall"], Value::Null);
        assert_eq!(stats["never_practised"].as_array().unwrap().len(), 16);
    }
    assert!(!missing.exists(), "reading does not create the file");
    // Blank lines only: still an empty history, nothing skipped.
    let blank = history_file("\n\n  \n");
    stardrill(&blank.path)
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains("No saved scores yet"))
        .stderr(predicate::str::is_empty());
}

#[test]
fn the_history_env_var_names_the_file() {
    let f = history_file(&jsonl(&fixture()));
    let mut c = Command::cargo_bin("stardrill").unwrap();
    c.env_remove("STARDRILL_BANK").env("STARDRILL_HISTORY", &f.path).args(["history", "--json"]);
    let got: Vec<Record> = serde_json::from_slice(&c.assert().success().get_output().stdout).unwrap();
    assert_eq!(got.len(), 7);
}

// ---------------------------------------------------------------- stats

#[test]
fn stats_text_shows_every_figure() {
    let f = history_file(&jsonl(&fixture()));
    let out = stdout_of(&f.path, &["stats"]);
    for want in [
        "7 attempts in 4 sessions over 4 days (2026-11-20 to 2026-11-24)",
        "Mean overall: 3.14",
        "Trend: +0.55",
        "Over time: 29%",
        "STAR parts: Situation 3.29 · Task 3.29 · Action 3.14 · Result 2.86",
        "weakest: Result",
        "Never practised: Hire and Develop the Best · Strive to be Earth's Best Employer · \
         Success and Scale Bring Broad Responsibility",
    ] {
        assert!(out.contains(want), "lacks {want:?}:\n{out}");
    }
    let line = |start: &str| {
        out.lines().find(|l| l.starts_with(start)).unwrap_or_else(|| panic!("no line {start:?}:\n{out}")).to_string()
    };
    let cells =
        |l: String| l.split("  ").map(str::trim).filter(|c| !c.is_empty()).map(String::from).collect::<Vec<_>>();
    // Per level.
    assert_eq!(cells(line("L5-L6")), ["L5-L6", "2", "4.25"]);
    assert_eq!(cells(line("L6-L7")), ["L6-L7", "4", "3.00"]);
    assert_eq!(cells(line("L7 ")), ["L7", "1", "1.50"]);
    // Per principle: attempts, mean, shown, probe mean (none answered here), last practised.
    assert!(out.contains("PRINCIPLE") && out.contains("SHOWN") && out.contains("PROBES"), "{out}");
    assert_eq!(cells(line("Ownership")), ["Ownership", "5", "3.30", "1", "–", "2026-11-24"]);
    assert_eq!(
        cells(line("Have Backbone")),
        ["Have Backbone; Disagree and Commit", "3", "3.67", "1", "–", "2026-11-22"]
    );
    assert_eq!(cells(line("Frugality")), ["Frugality", "2", "2.75", "1", "–", "2026-11-24"]);
    assert_eq!(cells(line("Hire and Develop")), ["Hire and Develop the Best", "0", "–", "0", "–", "never"]);
    // Weakest questions, weakest first.
    let weak_at = out.find("Weakest questions").expect("weakest section");
    let weak: Vec<&str> = out[weak_at..].lines().skip(2).take(5).collect();
    let firsts: Vec<String> = weak.iter().map(|l| cells(l.to_string())[0].clone()).collect();
    assert_eq!(firsts, ["42", "5", "1", "2", "8"], "{out}");
    assert_eq!(
        cells(weak[0].to_string()),
        ["42", "A retired question, no longer in the bank", "1.50", "1", "2026-11-24"]
    );
    assert_eq!(cells(weak[2].to_string())[2..], ["3.25", "2", "2026-11-22"]);
}

/// Three marked behavioural answers to #1 (40/10/30/20, 100/0/0/0, 30/30/30/30 → shares 40 %, 100 %,
/// 25 % for the Situation: mean 55 %), one marked technical answer to #2, one marked answer to a
/// question no longer in the bank (no kind: left out) and the unmarked rest.
#[test]
fn stats_text_shows_the_mean_split_per_kind_and_a_habit() {
    let f = history_file(&jsonl(&fixture()));
    assert!(!stdout_of(&f.path, &["stats"]).contains("Pacing"), "no marked answer: no pacing section");
    let mut records = fixture();
    let mut marked = |q: (&str, u32, &str), split: [f64; 4]| {
        let mut r = records.iter().find(|r| r.question_id == q.0).unwrap().clone();
        r.part_secs = Some(stardrill::bank::PerStar::new(split));
        records.push(r);
    };
    marked(Q1, [40.0, 10.0, 30.0, 20.0]);
    marked(Q1, [100.0, 0.0, 0.0, 0.0]);
    marked(Q1, [30.0, 30.0, 30.0, 30.0]);
    marked(Q2, [20.0, 10.0, 60.0, 10.0]);
    marked(RETIRED, [90.0, 0.0, 0.0, 10.0]);
    let f = history_file(&jsonl(&records));
    let out = stdout_of(&f.path, &["stats"]);
    let at = out.find("Pacing (").unwrap_or_else(|| panic!("no pacing section:\n{out}"));
    let section: Vec<&str> = out[at..].lines().collect();
    assert_eq!(
        section,
        [
            "Pacing (mean share of answering time, marked answers; targets S 15 % · T 10 % · A 50 % · R 25 %)",
            "  behavioral        3 answers   S 55 % · T 12 % · A 18 % · R 15 %",
            "  technical         1 answer    S 20 % · T 10 % · A 60 % · R 10 %",
            "  Habit: Situation takes 55 % of your behavioral answers (target 15 %)",
        ],
        "{out}"
    );
    // The same in JSON, and narrowed by the filters like every other figure.
    let s: Value = serde_json::from_str(&stdout_of(&f.path, &["stats", "--json"])).unwrap();
    let pacing = s["pacing"].as_array().unwrap();
    assert_eq!(pacing.len(), 2);
    assert_eq!(pacing[0]["kind"], "behavioral");
    assert_eq!(pacing[0]["answers"], 3);
    assert_eq!(pacing[0]["mean_share"]["situation"].as_f64().unwrap().round(), 55.0);
    assert_eq!(pacing[0]["habits"], serde_json::json!(["situation"]));
    assert_eq!(pacing[1]["kind"], "technical");
    assert_eq!(pacing[1]["mean_share"]["action"], 60.0);
    let s: Value = serde_json::from_str(&stdout_of(&f.path, &["stats", "--json", "--kind", "technical"])).unwrap();
    let kinds: Vec<&str> = s["pacing"].as_array().unwrap().iter().map(|k| k["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["technical"], "{s}");
    let s: Value = serde_json::from_str(&stdout_of(&f.path, &["stats", "--json", "--lp", "Ownership"])).unwrap();
    assert_eq!(s["pacing"][0]["answers"], 3, "{s}");
    assert_eq!(s["pacing"].as_array().unwrap().len(), 1, "{s}");
}

#[test]
fn stats_json_has_every_key_with_hand_checked_values() {
    let f = history_file(&jsonl(&fixture()));
    let s: Value = serde_json::from_str(&stdout_of(&f.path, &["stats", "--json"])).unwrap();
    let num = |v: &Value| v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"));
    assert_eq!(s["attempts"], 7);
    assert_eq!(s["sessions"], 4);
    assert_eq!(s["days_practised"], 4);
    assert_eq!(s["first_practised"], "2026-11-20");
    assert_eq!(s["last_practised"], "2026-11-24");
    assert!(close(num(&s["mean_overall"]), 22.0 / 7.0));
    let m = &s["star_means"];
    assert!(close(num(&m["situation"]), 23.0 / 7.0));
    assert!(close(num(&m["task"]), 23.0 / 7.0));
    assert!(close(num(&m["action"]), 22.0 / 7.0));
    assert!(close(num(&m["result"]), 20.0 / 7.0));
    // Last five (4, 3, 4.5, 1.5, 3.5 → 3.3) minus the two before them (3.5, 2 → 2.75).
    assert!(close(num(&s["trend"]), 0.55), "{}", s["trend"]);
    assert!(close(num(&s["over_time_rate"]), 2.0 / 7.0));

    let principles = s["principles"].as_array().unwrap();
    assert_eq!(principles.len(), 16);
    let names: Vec<&str> = principles.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, stardrill::bank::principle::NAMES);
    /// (name, attempts, mean, shown, last practised)
    type Want = (&'static str, u64, Option<f64>, u64, Option<&'static str>);
    let want: [Want; 16] = [
        ("Customer Obsession", 2, Some(2.75), 0, Some("2026-11-24")),
        ("Ownership", 5, Some(3.3), 1, Some("2026-11-24")),
        ("Invent and Simplify", 1, Some(4.0), 0, Some("2026-11-21")),
        ("Are Right, A Lot", 2, Some(2.75), 0, Some("2026-11-24")),
        ("Learn and Be Curious", 2, Some(2.75), 0, Some("2026-11-24")),
        ("Hire and Develop the Best", 0, None, 0, None),
        ("Insist on the Highest Standards", 3, Some(9.5 / 3.0), 0, Some("2026-11-24")),
        ("Think Big", 3, Some(10.0 / 3.0), 0, Some("2026-11-24")),
        ("Bias for Action", 2, Some(2.75), 0, Some("2026-11-24")),
        ("Frugality", 2, Some(2.75), 1, Some("2026-11-24")),
        ("Earn Trust", 1, Some(4.5), 1, Some("2026-11-22")),
        ("Dive Deep", 3, Some(9.5 / 3.0), 1, Some("2026-11-24")),
        ("Have Backbone; Disagree and Commit", 3, Some(11.0 / 3.0), 1, Some("2026-11-22")),
        ("Deliver Results", 2, Some(3.25), 0, Some("2026-11-22")),
        ("Strive to be Earth's Best Employer", 0, None, 0, None),
        ("Success and Scale Bring Broad Responsibility", 0, None, 0, None),
    ];
    for (p, (name, attempts, mean, shown, last)) in principles.iter().zip(want) {
        assert_eq!(p["name"], name);
        assert_eq!(p["attempts"], attempts, "{name}");
        match mean {
            Some(m) => assert!(close(num(&p["mean_overall"]), m), "{name}: {}", p["mean_overall"]),
            None => assert_eq!(p["mean_overall"], Value::Null, "{name}"),
        }
        assert_eq!(p["shown"], shown, "{name}");
        assert_eq!(p["last_practised"], last.map_or(Value::Null, Value::from), "{name}");
    }

    assert_eq!(
        s["levels"],
        serde_json::json!([
            {"level": "L5-L6", "attempts": 2, "mean_overall": 4.25},
            {"level": "L6-L7", "attempts": 4, "mean_overall": 3.0},
            {"level": "L7", "attempts": 1, "mean_overall": 1.5},
        ])
    );
    let weakest: Vec<(String, u64, f64, u64, String)> = s["weakest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["question_id"].as_str().unwrap().to_string(),
                w["question_number"].as_u64().unwrap(),
                num(&w["recent_mean"]),
                w["attempts"].as_u64().unwrap(),
                w["last_practised"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want_weakest = [
        ("retired-question", 42, 1.5, 1, "2026-11-24"),
        ("decision-under-uncertainty", 5, 2.75, 2, "2026-11-24"),
        ("stakeholder-alignment-at-scale", 1, 3.25, 2, "2026-11-22"),
        ("aws-cloud-architecture-deep-dive", 2, 4.0, 1, "2026-11-21"),
        ("cross-org-influence", 8, 4.5, 1, "2026-11-22"),
    ];
    assert_eq!(weakest.len(), want_weakest.len());
    for (got, want) in weakest.iter().zip(want_weakest) {
        assert_eq!((got.0.as_str(), got.1, got.3, got.4.as_str()), (want.0, want.1, want.3, want.4));
        assert!(close(got.2, want.2), "{got:?}");
    }
    assert_eq!(s["weakest"][0]["question_title"], "A retired question, no longer in the bank");
    assert_eq!(
        s["never_practised"],
        serde_json::json!([
            "Hire and Develop the Best",
            "Strive to be Earth's Best Employer",
            "Success and Scale Bring Broad Responsibility"
        ])
    );
}

#[test]
fn stats_since_counts_only_later_records() {
    let f = history_file(&jsonl(&fixture()));
    let s: Value = serde_json::from_str(&stdout_of(&f.path, &["stats", "--json", "--since", "2026-11-22"])).unwrap();
    // r4, r5, r6, r7: overall 3, 4.5, 1.5, 3.5.
    assert_eq!(s["attempts"], 4);
    assert_eq!(s["sessions"], 2);
    assert_eq!(s["days_practised"], 2);
    assert_eq!(s["first_practised"], "2026-11-22");
    assert!(close(s["mean_overall"].as_f64().unwrap(), 3.125));
    assert_eq!(s["trend"], Value::Null, "needs six attempts");
    assert!(close(s["over_time_rate"].as_f64().unwrap(), 0.25));
    assert_eq!(s["weakest"].as_array().unwrap().len(), 4);
    let text = stdout_of(&f.path, &["stats", "--since", "2026-11-22"]);
    assert!(text.contains("4 attempts in 2 sessions over 2 days (2026-11-22 to 2026-11-24)"), "{text}");
    assert!(text.contains("Trend: – (needs 6 attempts)"), "{text}");
    // The day after the last record: nothing matches, which is not "no history yet".
    let none = stdout_of(&f.path, &["stats", "--since", "2026-11-25"]);
    assert!(none.contains("No saved scores match these filters."), "{none}");
}

#[test]
fn stats_filters_by_level_and_principle() {
    let f = history_file(&jsonl(&fixture()));
    let s: Value = serde_json::from_str(&stdout_of(&f.path, &["stats", "--json", "--lp", "backbone"])).unwrap();
    // r1, r4, r5: 3.5, 3, 4.5.
    assert_eq!(s["attempts"], 3);
    assert!(close(s["mean_overall"].as_f64().unwrap(), 11.0 / 3.0));
    let s: Value = serde_json::from_str(&stdout_of(&f.path, &["stats", "--json", "--level", "L7"])).unwrap();
    // r1, r2, r4, r6, r7: 3.5, 2, 3, 1.5, 3.5.
    assert_eq!(s["attempts"], 5);
    assert!(close(s["mean_overall"].as_f64().unwrap(), 13.5 / 5.0));
}

#[test]
fn since_after_until_is_a_usage_error() {
    let f = history_file(&jsonl(&fixture()));
    stardrill(&f.path)
        .args(["history", "--since", "2026-12-01", "--until", "2026-11-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--since 2026-12-01 is after --until 2026-11-01"));
}
