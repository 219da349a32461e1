//! `stardrill today`, `stardrill config` and `drill --due/--cram` on the command line, with a history
//! and a config file written here. Records are saved at noon UTC, so their local dates are the same
//! from UTC-11 to UTC+11.

use std::path::Path;

use assert_cmd::Command;
use chrono::DateTime;
use predicates::prelude::*;
use serde_json::Value;
use stardrill::bank::Bank;
use stardrill::history::{Record, Scores, store};

fn write_history(path: &Path, attempts: &[(u32, &str, [u8; 4])]) {
    let bank = Bank::bundled().unwrap().only_banks(&["amazon-pm"]);
    for &(n, day, scores) in attempts {
        let q = bank.get(&n.to_string()).unwrap();
        let at = DateTime::parse_from_rfc3339(&format!("{day}T12:00:00+00:00")).unwrap();
        store::append(path, &Record::of_question(q, "s", at, Scores::from_parts(scores))).unwrap();
    }
}

fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("stardrill").unwrap();
    c.env("STARDRILL_CONFIG", dir.join("config.toml"))
        .env("STARDRILL_HISTORY", dir.join("history.jsonl"))
        // The seed bank alone: the plans below are worked out for its ten questions.
        .env("STARDRILL_BANK", concat!(env!("CARGO_MANIFEST_DIR"), "/questions/amazon-pm.yaml"))
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("xdg"));
    c
}

#[test]
fn today_plans_from_the_history_and_the_interview_date() {
    let dir = tempfile::tempdir().unwrap();
    // #1 Good on the 20th: due the 22nd. #2 Easy on the 25th: due 3 December.
    write_history(
        &dir.path().join("history.jsonl"),
        &[(1, "2026-11-20", [4, 4, 4, 4]), (2, "2026-11-25", [5, 5, 5, 5])],
    );
    cmd(dir.path()).args(["config", "set", "interview-date", "2026-12-08"]).assert().success();
    let out = cmd(dir.path()).args(["today", "--as-of", "2026-11-26", "--json"]).assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["as_of"], "2026-11-26");
    assert_eq!(v["interview_date"], "2026-12-08");
    assert_eq!(v["days_left"], 12);
    let due: Vec<(u64, &str)> = v["due"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["number"].as_u64().unwrap(), d["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(due, [(1, "due"), (2, "principle")]);
    assert_eq!(v["due"][0]["due"], "2026-11-22");
    assert_eq!(v["due"][0]["bank"], "amazon-pm");
    for key in ["question_id", "stability", "difficulty", "retrievability"] {
        assert!(v["due"][0].get(key).is_some(), "due items carry {key}");
    }
    let new: Vec<u64> = v["new"].as_array().unwrap().iter().map(|n| n["number"].as_u64().unwrap()).collect();
    assert_eq!(new, [5, 3]);
    assert_eq!(v["principles"].as_array().unwrap().len(), 14);
    // #1 and #5 behavioral (3 min each), #2 technical (15), #3 product-strategy (12).
    assert_eq!(v["minutes"], 33);
    // Two minutes for a behavioural answer: 2 + 15 + 2 + 12.
    cmd(dir.path()).args(["config", "set", "minutes.behavioral", "2"]).assert().success();
    cmd(dir.path())
        .arg("config")
        .assert()
        .success()
        .stdout(predicate::str::contains("minutes            behavioral 2"));
    let out = cmd(dir.path()).args(["today", "--as-of", "2026-11-26", "--json"]).assert().success();
    let v2: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v2["minutes"], 31);
    cmd(dir.path()).args(["config", "unset", "minutes.behavioral"]).assert().success();

    let text = cmd(dir.path()).args(["today", "--as-of", "2026-11-26"]).assert().success();
    let text = String::from_utf8(text.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("Today, Thu 26 Nov 2026 · interview Tue 8 Dec 2026 (12 days left)"), "{text}");
    assert!(
        text.contains("Due (2)") && text.contains("New (2)") && text.contains("Principles to practise (14)"),
        "{text}"
    );
    assert!(text.contains("`stardrill drill --due` starts it."), "{text}");

    // The day before the interview: the weakest, nothing new.
    let text = cmd(dir.path()).args(["today", "--as-of", "2026-12-07"]).assert().success();
    let text = String::from_utf8(text.get_output().stdout.clone()).unwrap();
    assert!(text.contains("review what is weakest, nothing new") && text.contains("Weakest (2)"), "{text}");
    assert!(!text.contains("New ("), "{text}");
}

#[test]
fn config_set_unset_show_and_refuse() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    cmd(dir.path()).arg("config").assert().success().stdout(
        predicate::str::contains("not created yet").and(predicate::str::contains("interview-date     not set")),
    );
    cmd(dir.path()).args(["config", "set", "desired-retention", "0.85"]).assert().success();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("desired-retention = 0.85") && text.contains("# The chance of recall"), "{text}");
    cmd(dir.path()).arg("config").assert().success().stdout(predicate::str::contains("desired-retention  0.85"));
    cmd(dir.path())
        .args(["config", "set", "new-per-day", "many"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`new-per-day` must be a whole number from 0 to 50, not `many`"));
    cmd(dir.path())
        .args(["config", "unset", "retention"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown key `retention`"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "refused edits change nothing");
    cmd(dir.path()).args(["config", "unset", "desired-retention"]).assert().success();
    assert!(!std::fs::read_to_string(&path).unwrap().contains("desired-retention ="));
    cmd(dir.path())
        .args(["config", "--default"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# stardrill configuration."));

    // A hand-edited mistake is said with its place, by every command that reads the file.
    std::fs::write(&path, "new-per-day = 3\ninterview-date = 2026-02-30\n").unwrap();
    cmd(dir.path())
        .arg("today")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("config.toml:2:18: not valid TOML: invalid date"));
    std::fs::write(&path, "new-per-day = 3\ninterview-date = \"soon\"\n").unwrap();
    cmd(dir.path())
        .arg("today")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("config.toml:2:18: `interview-date` must be a date, YYYY-MM-DD"));
}

#[test]
fn drill_due_and_cram_say_when_there_is_nothing_to_drill() {
    let dir = tempfile::tempdir().unwrap();
    // Nothing practised: cramming needs something practised.
    cmd(dir.path()).args(["drill", "--cram"]).assert().code(1).stderr(predicate::str::contains("nothing to cram yet"));
    // Everything practised twice today (so every principle twice), new-per-day 0: nothing due, nothing new.
    let today = chrono::Local::now().date_naive().format("%Y-%m-%d").to_string();
    let all: Vec<(u32, &str, [u8; 4])> = (1..=20).map(|n| (n % 10 + 1, today.as_str(), [5, 5, 5, 5])).collect();
    write_history(&dir.path().join("history.jsonl"), &all);
    cmd(dir.path()).args(["config", "set", "new-per-day", "0"]).assert().success();
    cmd(dir.path())
        .args(["drill", "--due"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing to drill today"));
    // `--due` with `--id` is a usage mistake.
    cmd(dir.path()).args(["drill", "--due", "--id", "1"]).assert().code(2);
}

/// Days are local calendar days, across a daylight-saving change too: in New York on 1 November 2026
/// 01:30 happens twice (EDT, then EST) and 23:30 EST is still the 1st, so these three attempts are one
/// day's (same-day repeats), while in UTC they fall on the 1st and the 2nd.
#[test]
fn days_are_local_across_a_daylight_saving_change() {
    let dir = tempfile::tempdir().unwrap();
    let bank = Bank::bundled().unwrap();
    let q = bank.get("1").unwrap();
    for at in ["2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", "2026-11-02T04:30:00Z"] {
        let r =
            Record::of_question(q, "s", DateTime::parse_from_rfc3339(at).unwrap(), Scores::from_parts([4, 4, 4, 4]));
        store::append(&dir.path().join("history.jsonl"), &r).unwrap();
    }
    let due = |tz: &str| -> String {
        let out = cmd(dir.path())
            .env("TZ", tz)
            .args(["today", "--as-of", "2026-12-01", "--json", "--bank"])
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/questions/amazon-pm.yaml"))
            .assert()
            .success();
        let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        let item = v["due"].as_array().unwrap().iter().find(|d| d["number"] == 1).cloned().unwrap();
        item["due"].as_str().unwrap().to_string()
    };
    // New York: three Goods on the 1st; same-day repeats leave the stability at about 2.3 days, due
    // two days later. UTC: the third is a day later, a real review (stability about 7.3 days).
    assert_eq!(due("America/New_York"), "2026-11-03");
    assert_eq!(due("UTC"), "2026-11-09");
}

/// Stats speak of the principles the loaded questions probe: the seed bank alone probes 14 of the 16,
/// so the two it leaves out are not "never practised".
#[test]
fn stats_count_only_the_principles_the_loaded_banks_probe() {
    let dir = tempfile::tempdir().unwrap();
    write_history(&dir.path().join("history.jsonl"), &[(1, "2026-11-20", [4, 4, 4, 4])]);
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/questions/amazon-pm.yaml");
    let out = cmd(dir.path()).args(["stats", "--json", "--bank", seed]).assert().success();
    // (`cmd` loads the seed bank alone already; `--bank` says so here.)
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["principles"].as_array().unwrap().len(), 14);
    let never: Vec<&str> = v["never_practised"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert_eq!(never.len(), 11, "14 probed, 3 practised by #1: {never:?}");
    assert!(!never.contains(&"Hire and Develop the Best") && !never.contains(&"Strive to be Earth's Best Employer"));
    // With every bundled bank, all 16 are probed.
    let out = cmd(dir.path()).env_remove("STARDRILL_BANK").args(["stats", "--json"]).assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["principles"].as_array().unwrap().len(), 16, "{}", String::from_utf8_lossy(&out.get_output().stdout));
}

/// `history` names each answer's bank (the seed bank, the LP bank, or one of your own).
#[test]
fn history_shows_the_bank() {
    let dir = tempfile::tempdir().unwrap();
    write_history(&dir.path().join("history.jsonl"), &[(1, "2026-11-20", [4, 4, 4, 4])]);
    let out = cmd(dir.path()).arg("history").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.contains("BANK"), "{text}");
    assert!(text.lines().nth(1).unwrap().contains("amazon-pm"), "{text}");
}

/// A story file in `dir` of these stories (id, title, principle), each with one-letter STAR+L parts.
fn story_file(dir: &Path, stories: &[(&str, &str, &str)]) -> std::path::PathBuf {
    let path = dir.join("stories.yaml");
    let text: String = stories
        .iter()
        .map(|(id, title, principle)| {
            format!(
                "- id: {id}\n  title: {title}\n  principles: [{principle}]\n  situation: s\n  task: t\n  \
                 action: a\n  result: r\n  learning: l\n"
            )
        })
        .collect();
    std::fs::write(&path, text).unwrap();
    path
}

/// `stats` gains your stories: times told, mean overall, last told.
#[test]
fn stats_show_each_story_told() {
    let dir = tempfile::tempdir().unwrap();
    let stories = story_file(
        dir.path(),
        &[("outage", "The outage", "Ownership"), ("pricing", "The pricing call", "Deliver Results")],
    );
    let bank = Bank::bundled().unwrap();
    let q = bank.get("1").unwrap();
    for (at, scores) in [("2026-11-20T12:00:00+00:00", [5, 5, 4, 4]), ("2026-11-21T12:00:00+00:00", [3, 3, 3, 3])] {
        let r = Record {
            story_id: Some("outage".into()),
            ..Record::of_question(q, "s", DateTime::parse_from_rfc3339(at).unwrap(), Scores::from_parts(scores))
        };
        store::append(&dir.path().join("history.jsonl"), &r).unwrap();
    }
    let out = cmd(dir.path()).env("STARDRILL_STORIES", &stories).args(["stats", "--json"]).assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    // Told twice: 4.50 and 3.00, mean 3.75, last on the 21st; the pricing call never.
    assert_eq!(v["stories"][0]["id"], "outage");
    assert_eq!(v["stories"][0]["told"], 2);
    assert_eq!(v["stories"][0]["mean_overall"], 3.75);
    assert_eq!(v["stories"][0]["last_told"], "2026-11-21T12:00:00+00:00");
    assert_eq!(v["stories"][1]["told"], 0);
    assert!(v["stories"][1]["mean_overall"].is_null());
    assert_eq!(v["attempts"], 2, "the other figures are still there");
    let out = cmd(dir.path()).env("STARDRILL_STORIES", &stories).arg("stats").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("Your stories") && text.contains("The outage") && text.contains("3.75"), "{text}");
    // Without a story file, no such part.
    let out = cmd(dir.path()).args(["stats", "--json"]).assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(v.get("stories").is_none());
}

/// With a story file, `stats` reads the history once: an unreadable line is warned about once, and the
/// stories are still counted from the good lines.
#[test]
fn stats_with_stories_warns_about_an_unreadable_line_once() {
    let dir = tempfile::tempdir().unwrap();
    let stories = story_file(dir.path(), &[("outage", "The outage", "Ownership")]);
    let history = dir.path().join("history.jsonl");
    let bank = Bank::bundled().unwrap();
    let at = DateTime::parse_from_rfc3339("2026-11-20T12:00:00+00:00").unwrap();
    let r = Record {
        story_id: Some("outage".into()),
        ..Record::of_question(bank.get("1").unwrap(), "s", at, Scores::from_parts([4, 4, 4, 4]))
    };
    store::append(&history, &r).unwrap();
    let mut text = std::fs::read_to_string(&history).unwrap();
    text.push_str("not a record\n");
    std::fs::write(&history, text).unwrap();
    for args in [&["stats"][..], &["stats", "--json"]] {
        let out = cmd(dir.path()).env("STARDRILL_STORIES", &stories).args(args).assert().success();
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert_eq!(stderr.matches("skipped 1 unreadable line in ").count(), 1, "{args:?}:\n{stderr}");
        assert!(stderr.contains(": 2 (not JSON)"), "{args:?}:\n{stderr}");
        let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(stdout.contains("The outage"), "{args:?}:\n{stdout}");
    }
    let out = cmd(dir.path()).env("STARDRILL_STORIES", &stories).args(["stats", "--json"]).assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["stories"][0]["told"], 1);
}
