//! `stardrill insights` on the command line: counts by hand, JSON keys, bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const ANSWER: &str = "The situation: churn was 8% last year. My goal was retention. So I built a win-back flow. \
                      Um, in the end churn dropped 30%. Next time I would test earlier.";

fn cmd() -> Command {
    let mut c = Command::cargo_bin("stardrill").unwrap();
    c.env_remove("STARDRILL_BANK");
    c
}

#[test]
fn insights_of_a_typed_answer() {
    let out = cmd().args(["insights", "--json", "-"]).write_stdin(ANSWER).assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    // 30 words; I: My, I, I; numbers 8% and 30% (30% after "in the end"); one filler in 30 words.
    assert_eq!(v["words"], 30);
    assert_eq!(v["i_count"], 3);
    assert_eq!(v["we_count"], 0);
    assert_eq!(v["numbers"], serde_json::json!(["8%", "30%"]));
    assert_eq!(v["result_quantified"], true);
    assert_eq!(v["fillers"], serde_json::json!({"um": 1}));
    assert_eq!(v["fillers_per_100"], 3.3);
    assert_eq!(v["star_cues"], serde_json::json!({"situation": true, "task": true, "action": true, "result": true}));
    assert_eq!(v["learning"], true);
    // 30 words at 140 a minute.
    assert_eq!(v["speaking_secs"], 12.9);
    for key in ["terms_used", "terms_missed"] {
        assert!(v.get(key).is_some(), "{key}");
    }

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answer.txt");
    std::fs::write(&file, ANSWER).unwrap();
    cmd()
        .args(["insights", "--question", "1"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("30 words · about 00:13 spoken at 140 a minute (limit 03:00)"))
        .stdout(predicate::str::contains("STAR cues: situation yes · task yes · action yes · result yes"))
        .stdout(predicate::str::contains("Key terms used (0/10)"));
}

#[test]
fn bad_input_is_said() {
    cmd()
        .args(["insights", "-"])
        .write_stdin(vec![b'a', 0xff, b'b'])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("standard input is not UTF-8 text (byte 2 is not valid)"));
    cmd()
        .args(["insights", "/nonexistent/answer.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read /nonexistent/answer.txt"));
    cmd().args(["insights", "--question", "99", "-"]).write_stdin("x").assert().code(2);
}
