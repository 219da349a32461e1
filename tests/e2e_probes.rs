//! End to end, in the real binary in a pseudo-terminal: a drill with follow-up probes ending in one
//! history record that holds both probes' scores; a bad bank of one's own said on screen while the
//! bundled banks are drilled.

#[path = "common/pty.rs"]
mod pty;

use std::time::Duration;

use pty::Spawn;
use pty::keys::ENTER;

const EXIT: Duration = Duration::from_secs(5);

#[test]
fn a_drill_with_two_probes_saves_one_record_with_both_probe_scores() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("h.jsonl");
    let args = ["drill", "--id", "101", "--probes", "2", "--probe-time", "45s", "--seed", "3", "--history"];
    let mut spawn_args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
    spawn_args.push(history.clone().into());
    let mut app = Spawn::new(spawn_args).home(dir.path()).size(100, 30).start();

    app.wait_for("Tell me about a time you changed a plan");
    app.send(ENTER);
    app.wait_for("Follow-up 1 of 2 · Customer Obsession");
    app.wait_for("left of 00:45");
    app.send(ENTER);
    app.wait_for("Follow-up 2 of 2");
    app.send(ENTER);
    app.wait_for("What a strong answer shows");
    app.wait_for("Starts from a named customer");
    app.send(ENTER);
    app.wait_for("Rate your answer (1-5)");
    app.wait_for("Probe 2");
    for (digit, shown) in [("4", "4 strong"), ("3", "3 adequate"), ("5", "5 outstanding"), ("2", "2 weak")] {
        app.send(digit);
        app.wait_for(shown);
    }
    app.send("1");
    app.wait_for("1 missing");
    app.send("5");
    // The overall is final once every part and probe is scored.
    app.wait_gone("so far");
    app.wait_for("Overall    3.50");
    app.send(ENTER);
    app.wait_for("Drill complete: 1 answer saved");
    app.send(ENTER);
    app.wait_for("of 59 questions");
    app.send("q");
    assert_eq!(app.wait_exit(EXIT), 0, "exit code{}", app.describe());
    app.assert_terminal_restored();

    let text = std::fs::read_to_string(&history).unwrap();
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1, "one record: {text}");
    let r = &lines[0];
    assert_eq!(r["question_id"], "lp-customer-pushed-for-customer");
    assert_eq!(r["bank"], "amazon-lp");
    assert_eq!(r["scores"], serde_json::json!({"situation": 4, "task": 3, "action": 5, "result": 2}));
    let probes = r["probes"].as_array().expect("the record has probes");
    let scores: Vec<u64> = probes.iter().map(|p| p["score"].as_u64().unwrap()).collect();
    assert_eq!(scores, [1, 5]);
    for p in probes {
        assert_eq!(p["principle"], "Customer Obsession", "{p}");
        assert!(!p["text"].as_str().unwrap().is_empty());
        let used = p["time_used_secs"].as_f64().unwrap();
        assert!((0.0..30.0).contains(&used), "{used}");
    }
}

#[test]
fn a_bad_bank_of_ones_own_is_said_and_the_bundled_banks_stay() {
    let dir = tempfile::tempdir().unwrap();
    let banks = dir.path().join("config/stardrill/banks");
    std::fs::create_dir_all(&banks).unwrap();
    std::fs::write(banks.join("mine.yaml"), "bank: mine\ntitle: Mine\nquestions: 3\n").unwrap();
    let history = dir.path().join("h.jsonl");
    let mut app = Spawn::new(["--history".into(), history.into_os_string()])
        .home(dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .size(120, 30)
        .start();
    app.wait_for("59 of 59 questions");
    app.wait_for("left out 1 bank file with 1 problem");
    app.wait_for("mine.yaml:3:12: questions: invalid type: integer `3`");
    app.send("q");
    assert_eq!(app.wait_exit(EXIT), 0, "exit code{}", app.describe());
}
