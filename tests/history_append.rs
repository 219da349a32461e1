//! Appending to the history file: two processes at once never interleave or lose lines, and an append
//! after a torn last line leaves that line as it was.
//!
//! The two-process test re-runs this test binary twice as children (`--ignored --exact child_appends`),
//! each appending 1,000 records with `store::append`, released together through a start file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::DateTime;
use stardrill::history::correction::record_line;
use stardrill::history::record::VERSION;
use stardrill::history::store;
use stardrill::history::{Record, Scores};

const PER_CHILD: usize = 1_000;
const PATH_VAR: &str = "STARDRILL_TEST_APPEND_PATH";
const CHILD_VAR: &str = "STARDRILL_TEST_CHILD";
const GO_VAR: &str = "STARDRILL_TEST_APPEND_GO";

fn record(child: &str, n: usize) -> Record {
    let scores = Scores::from_parts([1 + u8::try_from(n % 5).unwrap(), 2, 3, 4]);
    Record {
        version: VERSION,
        session_id: format!("child-{child}"),
        answered_at: DateTime::parse_from_rfc3339("2026-11-26T12:00:00+00:00").unwrap(),
        bank: "amazon-pm".into(),
        question_id: "stakeholder-alignment-at-scale".into(),
        question_number: 1,
        question_title: "Cross-Functional Stakeholder Alignment at Scale (Principal PM Level)".into(),
        level: "L6-L7".into(),
        leadership_principles: vec!["Ownership".into(), "Have Backbone; Disagree and Commit".into()],
        time_limit_secs: 180,
        time_used_secs: 100.0 + n as f64 / 10.0,
        scores,
        overall: scores.mean(),
        demonstrated: vec!["Ownership".into()],
        // Long enough that a torn or interleaved write would show, with text that needs escaping.
        note: format!("{child}:{n} \"{}\", {}", "x".repeat(n % 97), "padding ".repeat(20)),
        ..Record::default()
    }
}

/// What the commands read of a history (`store::for_each`): every record as corrected, and the lines
/// skipped.
struct Loaded {
    records: Vec<Record>,
    skipped: Vec<store::Skipped>,
}

fn read(path: &Path) -> Loaded {
    let mut records = Vec::new();
    let skipped = store::for_each(path, |r| records.push(r)).unwrap();
    Loaded { records, skipped }
}

/// Not a test on its own: the body of each child process of `two_processes_append_without_interleaving`.
#[test]
#[ignore = "run as a child process by two_processes_append_without_interleaving"]
fn child_appends() {
    let Ok(path) = std::env::var(PATH_VAR) else {
        return;
    };
    let child = std::env::var(CHILD_VAR).expect("STARDRILL_TEST_CHILD is set");
    if let Ok(go) = std::env::var(GO_VAR) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !Path::new(&go).exists() {
            assert!(Instant::now() < deadline, "the parent never created {go}");
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    for n in 0..PER_CHILD {
        store::append(Path::new(&path), &record(&child, n)).expect("append");
    }
}

fn spawn_child(path: &Path, go: &Path, child: &str) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "child_appends", "--nocapture", "--test-threads", "1"])
        .env(PATH_VAR, path)
        .env(CHILD_VAR, child)
        .env(GO_VAR, go)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn a child test process")
}

#[test]
fn two_processes_append_without_interleaving() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    let go: PathBuf = dir.path().join("go");
    // The file starts with a torn line: under the lock exactly one of the two writers ends it.
    let torn = "{\"version\":1,\"session_id\":\"cut-";
    std::fs::write(&path, torn).unwrap();
    let children = [spawn_child(&path, &go, "A"), spawn_child(&path, &go, "B")];
    std::fs::write(&go, "").unwrap();
    for mut c in children {
        let status = c.wait().unwrap();
        assert!(status.success(), "a child failed: {status}");
    }

    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with(&format!("{torn}\n{{")), "one newline ends the torn line");
    assert!(text.ends_with('\n'));
    assert!(!text.contains("\n\n"), "no blank line: nobody ended the torn line twice");
    assert_eq!(text.lines().count(), 2 * PER_CHILD + 1, "the torn line, then one line per record");
    let loaded = read(&path);
    let skipped: Vec<usize> = loaded.skipped.iter().map(|s| s.line).collect();
    assert_eq!(skipped, vec![1], "only the torn line is skipped: {:?}", loaded.skipped);
    assert_eq!(loaded.records.len(), 2 * PER_CHILD);

    let mut seen: HashMap<(String, usize), usize> = HashMap::new();
    for r in &loaded.records {
        let (child, n) = r.note.split_once(' ').unwrap().0.split_once(':').unwrap();
        let n: usize = n.parse().unwrap();
        assert_eq!(*r, record(child, n), "record {child}:{n} is whole");
        *seen.entry((child.to_string(), n)).or_default() += 1;
    }
    for child in ["A", "B"] {
        for n in 0..PER_CHILD {
            assert_eq!(seen.get(&(child.to_string(), n)), Some(&1), "{child}:{n} once");
        }
    }
    // Each child's records stay in its own order.
    for child in ["A", "B"] {
        let order: Vec<usize> = loaded
            .records
            .iter()
            .filter(|r| r.session_id == format!("child-{child}"))
            .map(|r| r.note.split_once(' ').unwrap().0.split_once(':').unwrap().1.parse().unwrap())
            .collect();
        assert_eq!(order, (0..PER_CHILD).collect::<Vec<_>>());
    }
    // How often the writer changed between lines: > 1 means the two really ran at the same time.
    let switches = loaded.records.windows(2).filter(|w| w[0].session_id != w[1].session_id).count();
    eprintln!("the writer changed {switches} times over {} lines", loaded.records.len());
}

#[test]
fn append_after_a_torn_last_line_keeps_it_and_writes_a_whole_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    let good = serde_json::to_string(&record("A", 1)).unwrap();
    let torn_record = serde_json::to_string(&record("A", 2)).unwrap();
    let torn = &torn_record[..torn_record.len() / 2];
    let before = format!("{good}\n{torn}");
    std::fs::write(&path, &before).unwrap();

    let id = store::append(&path, &record("B", 3)).unwrap().attempt_id.unwrap();

    let after = std::fs::read(&path).unwrap();
    assert!(after.starts_with(before.as_bytes()), "the torn line stays byte-identical");
    let rest = std::str::from_utf8(&after[before.len()..]).unwrap();
    // The record's line, its attempt id written first.
    let new_line = record_line(&record("B", 3), &id).unwrap();
    assert!(new_line.starts_with(&format!("{{\"attempt_id\":\"{id}\",\"version\":1,")), "{new_line}");
    assert_eq!(rest, format!("\n{new_line}\n"), "a newline ends the torn line, then one whole record");

    let loaded = read(&path);
    assert_eq!(loaded.records, vec![record("A", 1), record("B", 3)]);
    assert_eq!(loaded.skipped.len(), 1);
    assert_eq!(loaded.skipped[0].line, 2);

    // A second append goes straight on: no blank line, nothing else changes.
    let id = store::append(&path, &record("B", 4)).unwrap().attempt_id.unwrap();
    let again = std::fs::read(&path).unwrap();
    assert!(again.starts_with(&after));
    assert_eq!(&again[after.len()..], format!("{}\n", record_line(&record("B", 4), &id).unwrap()).as_bytes());
    assert_eq!(read(&path).records.len(), 3);
}

#[test]
fn append_to_an_empty_file_adds_no_leading_newline() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    std::fs::write(&path, "").unwrap();
    let id = store::append(&path, &record("A", 0)).unwrap().attempt_id.unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, format!("{}\n", record_line(&record("A", 0), &id).unwrap()));
}
