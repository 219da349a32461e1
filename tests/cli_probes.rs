//! Probes on the command line: `stats` reports the mean self-score of the follow-up probes per
//! principle (text and JSON), from history records that carry them; records without probes still read.

use assert_cmd::Command;
use serde_json::Value;

const WITH_PROBES: &str = r#"{"version":1,"session_id":"s1","answered_at":"2026-11-24T10:00:00+00:00","bank":"amazon-lp","question_id":"lp-customer-pushed-for-customer","question_number":101,"question_title":"Pushing for the Customer Against the Plan","level":"L5-L7","leadership_principles":["Customer Obsession","Have Backbone; Disagree and Commit"],"time_limit_secs":120,"time_used_secs":100.0,"paused_secs":0.0,"scores":{"situation":4,"task":4,"action":4,"result":4},"overall":4.0,"demonstrated":[],"note":"","probes":[{"principle":"Customer Obsession","text":"Who was it?","time_used_secs":30.0,"score":2},{"principle":"Have Backbone; Disagree and Commit","text":"What did it cost you?","time_used_secs":40.0,"score":5}]}
{"version":1,"session_id":"s2","answered_at":"2026-11-25T10:00:00+00:00","bank":"amazon-pm","question_id":"stakeholder-alignment-at-scale","question_number":1,"question_title":"Cross-Functional Stakeholder Alignment at Scale (Principal PM Level)","level":"L6-L7","leadership_principles":["Ownership"],"time_limit_secs":180,"time_used_secs":100.0,"paused_secs":0.0,"scores":{"situation":3,"task":3,"action":3,"result":3},"overall":3.0,"demonstrated":[],"note":"","probes":[{"principle":"Customer Obsession","text":"How did you know?","time_used_secs":30.0,"score":3}]}
{"version":1,"session_id":"s3","answered_at":"2026-11-25T11:00:00+00:00","bank":"amazon-pm","question_id":"stakeholder-alignment-at-scale","question_number":1,"question_title":"Cross-Functional Stakeholder Alignment at Scale (Principal PM Level)","level":"L6-L7","leadership_principles":["Ownership"],"time_limit_secs":180,"time_used_secs":100.0,"paused_secs":0.0,"scores":{"situation":3,"task":3,"action":3,"result":3},"overall":3.0,"demonstrated":[],"note":""}
"#;

fn stats(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("h.jsonl");
    std::fs::write(&history, WITH_PROBES).unwrap();
    let out = Command::cargo_bin("stardrill")
        .unwrap()
        .env_remove("STARDRILL_BANK")
        .arg("--history")
        .arg(&history)
        .arg("stats")
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn stats_gives_the_probe_mean_per_principle() {
    let v: Value = serde_json::from_str(&stats(&["--json"])).unwrap();
    let of = |name: &str| {
        let p = v["principles"].as_array().unwrap().iter().find(|p| p["name"] == name).unwrap().clone();
        (p["probes"].as_u64().unwrap(), p["probe_mean"].as_f64())
    };
    assert_eq!(of("Customer Obsession"), (2, Some(2.5)));
    assert_eq!(of("Have Backbone; Disagree and Commit"), (1, Some(5.0)));
    assert_eq!(of("Ownership"), (0, None));
    assert_eq!(v["attempts"], 3, "the record without probes counts as before");

    let text = stats(&[]);
    let line = text.lines().find(|l| l.starts_with("Customer Obsession")).unwrap();
    let cells: Vec<&str> = line.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect();
    assert_eq!(cells, ["Customer Obsession", "1", "4.00", "0", "2.50", "2026-11-24"]);
}
