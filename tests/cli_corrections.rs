//! Correcting the history without rewriting it: `history drop` and `history amend` append one line
//! each; every view (history, stats, today, export, the app's index) shows the corrected history;
//! `history --raw` shows everything; the bytes written before never change; two writers at once lose
//! nothing.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use chrono::DateTime;
use serde_json::Value;
use stardrill::bank::Bank;
use stardrill::clock::Zone;
use stardrill::history::correction::{Correction, CorrectionKind, derived_id};
use stardrill::history::record::VERSION;
use stardrill::history::store;
use stardrill::history::{Record, Scores};
use stardrill::history_index::HistoryIndex;

struct Fixture {
    dir: tempfile::TempDir,
    path: PathBuf,
}

fn record(q: &str, at: &str, scores: [u8; 4], note: &str) -> Record {
    let bank = Bank::bundled().unwrap();
    let q = bank.find(q).unwrap();
    let at = DateTime::parse_from_rfc3339(at).unwrap();
    Record { note: note.into(), ..Record::of_question(q, "s1", at, Scores::from_parts(scores)) }
}

/// q1 three times, q2 once: saved by this build (each line with its attempt id).
fn fixture() -> (Fixture, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    let mut ids = Vec::new();
    for r in [
        record("1", "2026-11-20T12:00:00+00:00", [2, 2, 2, 2], "nervous start"),
        record("1", "2026-11-21T12:00:00+00:00", [4, 4, 4, 4], "better"),
        record("2", "2026-11-21T12:30:00+00:00", [4, 4, 4, 4], "scored by mistake"),
        record("1", "2026-11-22T12:00:00+00:00", [3, 3, 3, 3], ""),
    ] {
        ids.push(store::append(&path, &r).unwrap().attempt_id.unwrap());
    }
    (Fixture { dir, path }, ids)
}

fn stardrill(f: &Fixture) -> Command {
    let mut c = Command::cargo_bin("stardrill").unwrap();
    c.env_remove("STARDRILL_BANK")
        .env("STARDRILL_HISTORY", &f.path)
        .env("STARDRILL_CONFIG", f.dir.path().join("none.toml"))
        .env("STARDRILL_STORIES", f.dir.path().join("none.yaml"))
        .env("TZ", "UTC");
    c
}

fn ok(f: &Fixture, args: &[&str]) -> String {
    let out = stardrill(f).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json(f: &Fixture, args: &[&str]) -> Value {
    serde_json::from_str(&ok(f, args)).unwrap()
}

fn fails(f: &Fixture, args: &[&str], code: i32) -> String {
    let out = stardrill(f).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

fn ids_in(history: &Value) -> Vec<String> {
    history.as_array().unwrap().iter().map(|r| r["attempt_id"].as_str().unwrap().to_string()).collect()
}

fn close(a: &Value, b: f64) -> bool {
    (a.as_f64().unwrap_or(f64::NAN) - b).abs() < 1e-9
}

#[test]
fn a_dropped_attempt_disappears_from_every_view() {
    let (f, ids) = fixture();
    let q2 = &ids[2];
    // Before: q2 is due with a recent mean of 4.
    let today = json(&f, &["today", "--json", "--as-of", "2026-11-30"]);
    assert!(today["due"].as_array().unwrap().iter().any(|d| d["number"] == 2), "{today}");
    assert_eq!(ids_in(&json(&f, &["history", "--json"])).len(), 4);

    let said = ok(&f, &["history", "drop", &q2[..8]]);
    assert_eq!(
        said,
        format!(
            "dropped attempt {}: 2026-11-21 12:30 #2 AWS Technical Product Lifecycle Deep Dive (PM-T Role) \
             (4 4 4 4 · 4.00)\n",
            &q2[..8]
        )
    );

    // history: table and JSON.
    let listed = json(&f, &["history", "--json"]);
    assert_eq!(ids_in(&listed), [ids[3].clone(), ids[1].clone(), ids[0].clone()], "newest first, q2 gone");
    let table = ok(&f, &["history"]);
    assert!(!table.contains(&q2[..8]) && !table.contains("scored by mistake"), "{table}");
    assert!(table.contains("3 of 3 saved scores"), "{table}");
    assert!(table.contains("corrected: 1 dropped, 0 amended (`stardrill history --raw` shows them as saved)"));
    // stats
    let stats = json(&f, &["stats", "--json"]);
    assert_eq!(stats["attempts"], 3);
    assert!(close(&stats["mean_overall"], 3.0), "{}", stats["mean_overall"]);
    // today: q2 was never practised after all, so it is new, not due.
    let today = json(&f, &["today", "--json", "--as-of", "2026-11-30"]);
    assert!(!today["due"].as_array().unwrap().iter().any(|d| d["number"] == 2), "{today}");
    assert!(today["new"].as_array().unwrap().iter().any(|d| d["number"] == 2), "{today}");
    // export
    let pack = json(&f, &["export", "--json", "--id", "2", "--with-history"]);
    assert_eq!(pack["questions"][0]["history"]["attempts"], 0);
    // the app's index
    let index = HistoryIndex::read(&f.path, Zone::Fixed(chrono::FixedOffset::east_opt(0).unwrap())).unwrap();
    assert_eq!(index.len(), 3);
    let all = index.records(&[0, 1, 2], &f.path).unwrap();
    assert!(all.iter().all(|r| r.question_number == 1), "{all:?}");
    // --raw shows everything, marked.
    let raw = json(&f, &["history", "--raw", "--json"]);
    assert_eq!(ids_in(&raw["attempts"]).len(), 4);
    assert_eq!(raw["corrections"][0]["kind"], "drop");
    assert_eq!(raw["corrections"][0]["attempt_id"], q2.as_str());
    let raw_table = ok(&f, &["history", "--raw"]);
    let row = raw_table.lines().find(|l| l.contains(&q2[..8]) && l.contains("dropped")).unwrap_or_default();
    assert!(row.contains("scored by mistake"), "{raw_table}");
    assert!(raw_table.contains("1 correction, oldest first:"), "{raw_table}");

    // Dropped is final.
    let e = fails(&f, &["history", "drop", q2], 1);
    assert!(e.contains(&format!("attempt {} was dropped already", &q2[..8])), "{e}");
    let e = fails(&f, &["history", "amend", q2, "--scores", "5,5,5,5"], 1);
    assert!(e.contains("was dropped: it cannot be amended"), "{e}");
}

#[test]
fn an_amend_changes_the_figures_exactly_as_hand_computed() {
    let (f, ids) = fixture();
    // q1: 2.00, 4.00, 3.00 → amend the first to 4,3,4,2 (3.25).
    let said = ok(&f, &["history", "amend", &ids[0], "--scores", "4,3,4,2", "--note", "re-scored honestly"]);
    assert!(said.contains("scores now 4 3 4 2 · 3.25") && said.contains("note now \"re-scored honestly\""), "{said}");
    let stats = json(&f, &["stats", "--json", "--lp", "ownership"]);
    // Ownership: q1 only. Overalls 3.25, 4.00, 3.00.
    assert_eq!(stats["attempts"], 3);
    assert!(close(&stats["mean_overall"], (3.25 + 4.0 + 3.0) / 3.0), "{}", stats["mean_overall"]);
    let m = &stats["star_means"];
    assert!(close(&m["situation"], (4.0 + 4.0 + 3.0) / 3.0), "{m}");
    assert!(close(&m["task"], (3.0 + 4.0 + 3.0) / 3.0), "{m}");
    assert!(close(&m["action"], (4.0 + 4.0 + 3.0) / 3.0), "{m}");
    assert!(close(&m["result"], (2.0 + 4.0 + 3.0) / 3.0), "{m}");
    // A second amend wins; the note given before stays when none is given now.
    ok(&f, &["history", "amend", &ids[0][..6], "--scores", "5 5 5 5"]);
    let listed = json(&f, &["history", "--json", "--question", "1"]);
    let first = listed.as_array().unwrap().iter().find(|r| r["attempt_id"] == ids[0].as_str()).unwrap();
    assert_eq!(first["scores"], serde_json::json!({"situation":5,"task":5,"action":5,"result":5}));
    assert_eq!(first["overall"], 5.0);
    assert_eq!(first["note"], "re-scored honestly");
    let stats = json(&f, &["stats", "--json"]);
    assert!(close(&stats["mean_overall"], (5.0 + 4.0 + 4.0 + 3.0) / 4.0), "{}", stats["mean_overall"]);
    // The app reads the amended answer back from the file amended.
    let index = HistoryIndex::read(&f.path, Zone::Local).unwrap();
    let rows: Vec<usize> = (0..index.len()).collect();
    let read = index.records(&rows, &f.path).unwrap();
    let amended = read.iter().find(|r| r.note == "re-scored honestly").unwrap();
    assert_eq!(amended.scores, Scores::from_parts([5, 5, 5, 5]));
    // The export's last scores too.
    let pack = json(&f, &["export", "--json", "--id", "1", "--with-history"]);
    let last = &pack["questions"][0]["history"]["last"];
    assert_eq!(last[2]["overall"], 5.0, "{last}");
}

#[test]
fn corrections_only_append_and_the_earlier_bytes_never_change() {
    let (f, ids) = fixture();
    let before = std::fs::read(&f.path).unwrap();
    let hash = derived_id(&before);
    ok(&f, &["history", "drop", &ids[2]]);
    ok(&f, &["history", "amend", &ids[1], "--note", "line one\nline two"]);
    let after = std::fs::read(&f.path).unwrap();
    assert_eq!(derived_id(&after[..before.len()]), hash, "the prefix is unchanged");
    assert_eq!(&after[..before.len()], &before[..]);
    let added = std::str::from_utf8(&after[before.len()..]).unwrap();
    let lines: Vec<&str> = added.lines().collect();
    assert_eq!(lines.len(), 2, "{added}");
    assert!(added.ends_with('\n'));
    let drop: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(drop["kind"], "drop");
    assert_eq!(drop["attempt_id"], ids[2].as_str());
    assert_eq!(drop["version"], 1);
    assert!(drop.get("scores").is_none() && drop.get("note").is_none());
    let amend: Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(amend["kind"], "amend");
    assert_eq!(amend["note"], "line one\nline two");
    assert!(amend.get("scores").is_none());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&f.path).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

#[test]
fn records_from_older_builds_get_a_derived_id_and_can_be_corrected() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    let old = serde_json::to_string(&record("3", "2026-11-20T12:00:00+00:00", [3, 3, 3, 3], "old build")).unwrap();
    std::fs::write(&path, format!("{old}\n")).unwrap();
    let f = Fixture { dir, path };
    let listed = json(&f, &["history", "--json"]);
    let id = derived_id(old.as_bytes());
    assert_eq!(ids_in(&listed), std::slice::from_ref(&id));
    let table = ok(&f, &["history"]);
    assert!(table.contains(&id[..8]), "{table}");
    ok(&f, &["history", "drop", &id[..8]]);
    assert_eq!(json(&f, &["stats", "--json"])["attempts"], 0);
    assert!(std::fs::read_to_string(&f.path).unwrap().starts_with(&format!("{old}\n")));
}

#[test]
fn a_correction_to_an_unknown_attempt_is_an_error_and_writes_nothing() {
    let (f, ids) = fixture();
    let before = std::fs::read(&f.path).unwrap();
    let e = fails(&f, &["history", "drop", "ffffffffffff"], 1);
    assert!(
        e.contains("no attempt 'ffffffffffff' in ") && e.contains("`stardrill history` shows each attempt's ID"),
        "{e}"
    );
    let e = fails(&f, &["history", "amend", "abc", "--scores", "4,3,4,2"], 1);
    assert!(e.contains("attempt id 'abc' is too short: give at least 4 of its characters"), "{e}");
    let e = fails(&f, &["history", "amend", &ids[0], "--scores", "4,3,4,9"], 2);
    assert!(e.contains("expected four scores from 1 to 5 for S, T, A and R, such as 4,3,4,2"), "{e}");
    let e = fails(&f, &["history", "amend", &ids[0]], 2);
    assert!(e.contains("--scores") && e.contains("--note"), "{e}");
    let e = fails(&f, &["history", "drop", "\x1b[2Jdead"], 1);
    assert!(e.contains("^[[2Jdead") && !e.contains('\x1b'), "{e}");
    assert_eq!(std::fs::read(&f.path).unwrap(), before, "nothing written");
    // No history file at all: still an unknown attempt, and no file is made.
    let empty = Fixture { path: f.dir.path().join("none.jsonl"), dir: tempfile::tempdir().unwrap() };
    fails(&empty, &["history", "drop", "abcdef12"], 1);
    assert!(!empty.path.exists());
}

// ------------------------------------------------------- two writers at once

const PER_CHILD: usize = 300;
const PATH_VAR: &str = "STARDRILL_TEST_CORRECT_PATH";
const ROLE_VAR: &str = "STARDRILL_TEST_CORRECT_ROLE";
const GO_VAR: &str = "STARDRILL_TEST_CORRECT_GO";

fn seed_id(n: usize) -> String {
    format!("seed{n:012x}")
}

/// Not a test on its own: the body of each child of `two_writers_appending_corrections_and_attempts_lose_nothing`.
#[test]
#[ignore = "run as a child process by two_writers_appending_corrections_and_attempts_lose_nothing"]
fn child_writes() {
    let (Ok(path), Ok(role), Ok(go)) = (std::env::var(PATH_VAR), std::env::var(ROLE_VAR), std::env::var(GO_VAR)) else {
        return;
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while !Path::new(&go).exists() {
        assert!(Instant::now() < deadline, "the parent never created {go}");
        std::thread::sleep(Duration::from_millis(1));
    }
    let path = Path::new(&path);
    for n in 0..PER_CHILD {
        if role == "attempts" {
            let r = record("2", "2026-11-25T12:00:00+00:00", [3, 3, 3, 3], &format!("new {n}"));
            store::append(path, &r).expect("append");
        } else {
            let c = Correction {
                version: VERSION,
                kind: if n % 3 == 0 { CorrectionKind::Drop } else { CorrectionKind::Amend },
                attempt_id: seed_id(n),
                corrected_at: DateTime::parse_from_rfc3339("2026-11-26T12:00:00+00:00").unwrap(),
                scores: Some(Scores::from_parts([5, 4, 3, 2])),
                note: Some(format!("fixed {n}")),
                answered_at: Some(DateTime::parse_from_rfc3339("2026-11-20T12:00:00+00:00").unwrap()),
            };
            store::append_correction(path, &c).expect("append a correction");
        }
    }
}

#[test]
fn two_writers_appending_corrections_and_attempts_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    // Seed attempts with known ids, as a hand-written file may have them.
    let mut seed = String::new();
    for n in 0..PER_CHILD {
        let r = record("1", "2026-11-20T12:00:00+00:00", [1, 1, 1, 1], &format!("seed {n}"));
        seed.push_str(&stardrill::history::correction::record_line(&r, &seed_id(n)).unwrap());
        seed.push('\n');
    }
    std::fs::write(&path, &seed).unwrap();
    let go = dir.path().join("go");
    let children: Vec<_> = ["attempts", "corrections"]
        .iter()
        .map(|role| {
            std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--ignored", "--exact", "child_writes", "--nocapture", "--test-threads", "1"])
                .env(PATH_VAR, &path)
                .env(ROLE_VAR, role)
                .env(GO_VAR, &go)
                .stdout(Stdio::null())
                .stderr(Stdio::inherit())
                .spawn()
                .unwrap()
        })
        .collect();
    std::fs::write(&go, "").unwrap();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with(&seed), "the seed is unchanged");
    assert_eq!(text.lines().count(), 3 * PER_CHILD);
    let raw = store::read_raw(&path).unwrap();
    assert!(raw.skipped.is_empty(), "{:?}", raw.skipped);
    assert_eq!(raw.attempts.len(), 2 * PER_CHILD);
    assert_eq!(raw.corrections.len(), PER_CHILD);
    // The corrected view: a third of the seed dropped, the rest amended; every new attempt as saved.
    let mut corrected = Vec::new();
    store::for_each(&path, |r| corrected.push(r)).unwrap();
    let dropped = (0..PER_CHILD).filter(|n| n % 3 == 0).count();
    assert_eq!(corrected.len(), 2 * PER_CHILD - dropped);
    for n in 0..PER_CHILD {
        let seeded = corrected.iter().find(|r| r.note == format!("seed {n}") || r.note == format!("fixed {n}"));
        match seeded {
            None => assert_eq!(n % 3, 0, "seed {n} is missing"),
            Some(r) => {
                assert_ne!(n % 3, 0, "seed {n} was dropped");
                assert_eq!(
                    (r.note.as_str(), r.scores),
                    (format!("fixed {n}").as_str(), Scores::from_parts([5, 4, 3, 2]))
                );
            }
        }
        assert!(corrected.iter().any(|r| r.note == format!("new {n}")), "new {n} lost");
    }
    // The same through the parallel fold the stats use, in any number of parts.
    let bank = Bank::bundled().unwrap();
    let query = stardrill::stats::RecordQuery::all(&bank);
    let (stats, total, _) = stardrill::stats::of_file(&path, &query).unwrap();
    assert_eq!((stats.attempts, total), (corrected.len(), corrected.len()));
}
