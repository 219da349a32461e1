//! `stardrill list`, `show`, `validate` and `principles` as a user runs them.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

#[path = "common/bundled.rs"]
mod bundled;
use bundled::IDS;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn mini() -> PathBuf {
    root().join("tests/fixtures/good/mini.yaml")
}

/// The binary with the seed bank alone (`questions/amazon-pm.yaml`, through `STARDRILL_BANK`), whose ten
/// questions most tests here are about.
fn stardrill() -> Command {
    let mut cmd = Command::cargo_bin("stardrill").unwrap();
    cmd.env("STARDRILL_BANK", root().join("questions/amazon-pm.yaml")).current_dir(root());
    cmd
}

/// The binary with the bundled banks: no `STARDRILL_BANK` from the environment, and no banks of the
/// user's own (an empty config folder).
fn bundled() -> Command {
    let mut cmd = Command::cargo_bin("stardrill").unwrap();
    cmd.env_remove("STARDRILL_BANK")
        .env("XDG_CONFIG_HOME", root().join("tests/fixtures/no-config"))
        .current_dir(root());
    cmd
}

/// Run, expect exit 0 and a clean stderr, return stdout.
fn ok(args: &[&str]) -> String {
    let out = stardrill().args(args).assert().success().stderr(predicate::str::is_empty()).get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

/// `ok` with the bundled banks.
fn bundled_ok(args: &[&str]) -> String {
    let out = bundled().args(args).assert().success().stderr(predicate::str::is_empty()).get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

/// The question numbers and ids of a `list` table: the lines between the header and the count.
fn rows(table: &str) -> Vec<(u32, String)> {
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines.len() >= 2 && lines[0].trim_start().starts_with("#  ID"), "not a table:\n{table}");
    assert!(lines[lines.len() - 1].contains("questions"), "no count at the end:\n{table}");
    lines[1..lines.len() - 1]
        .iter()
        .map(|l| {
            let mut words = l.split_whitespace();
            let n = words.next().and_then(|w| w.parse().ok()).unwrap_or_else(|| panic!("bad row {l:?}"));
            (n, words.next().unwrap_or_default().to_string())
        })
        .collect()
}

fn numbers(table: &str) -> Vec<u32> {
    rows(table).into_iter().map(|(n, _)| n).collect()
}

fn json(args: &[&str]) -> Value {
    let out = ok(args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("stardrill {args:?} is not JSON ({e}):\n{out}"))
}

#[test]
fn list_shows_all_ten_questions() {
    let out = ok(&["list"]);
    let header = out.lines().next().unwrap();
    for column in ["#", "ID", "TITLE", "LEVEL", "KIND", "MIN", "PRINCIPLES"] {
        assert!(header.split_whitespace().any(|w| w == column), "{column} missing from {header:?}");
    }
    let got = rows(&out);
    let want: Vec<(u32, String)> =
        IDS.iter().enumerate().map(|(i, id)| (u32::try_from(i + 1).unwrap(), id.to_string())).collect();
    assert_eq!(got, want, "{out}");
    assert!(out.contains("Cross-Functional Stakeholder Alignment at Scale (Principal PM Level)"), "{out}");
    assert!(out.contains("Ownership · Have Backbone; Disagree and Commit · Deliver Results"), "{out}");
    assert_eq!(out.lines().last(), Some("10 questions"));
}

#[test]
fn list_by_level() {
    let out = ok(&["list", "--level", "L7"]);
    assert_eq!(numbers(&out), [1, 5, 7, 10], "{out}");
    assert!(out.contains("4 of 10 questions match level L7"), "{out}");
    for level in ["l7", "7"] {
        assert_eq!(numbers(&ok(&["list", "--level", level])), [1, 5, 7, 10], "--level {level}");
    }
    assert_eq!(numbers(&ok(&["list", "--level", "L5"])), [2, 3, 4, 6, 8, 9]);
}

#[test]
fn list_by_principle() {
    let out = ok(&["list", "--lp", "backbone"]);
    let got = numbers(&out);
    assert!(got.contains(&1) && got.contains(&8), "{out}");
    assert!(out.contains("match principle Have Backbone; Disagree and Commit"), "{out}");
    // Every question listed is tagged with it, and every tagged question is listed.
    let tagged: Vec<u32> = json(&["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| {
            q["leadership_principles"].as_array().unwrap().iter().any(|p| p == "Have Backbone; Disagree and Commit")
        })
        .map(|q| u32::try_from(q["number"].as_u64().unwrap()).unwrap())
        .collect();
    assert_eq!(got, tagged);
    // Name, slug and any case find the same.
    for text in ["Have Backbone; Disagree and Commit", "have-backbone-disagree-and-commit", "BACKBONE"] {
        assert_eq!(numbers(&ok(&["list", "--lp", text])), got, "--lp {text}");
    }
}

#[test]
fn list_by_kind_category_and_text() {
    assert_eq!(numbers(&ok(&["list", "--kind", "behavioral"])), [1, 5, 8]);
    assert_eq!(numbers(&ok(&["list", "--kind", "technical"])), [2, 4]);
    assert_eq!(numbers(&ok(&["list", "--category", "trust & SAFETY"])), [4]);
    let out = ok(&["list", "--search", "graviton"]);
    assert_eq!(numbers(&out), [2], "{out}");
    assert!(out.contains("1 of 10 questions match text \"graviton\""), "{out}");
    assert_eq!(numbers(&ok(&["list", "--search", "GRAVITON"])), [2], "case-insensitive");
}

#[test]
fn different_flags_and_together() {
    let out = ok(&["list", "--level", "L7", "--kind", "behavioral"]);
    assert_eq!(numbers(&out), [1, 5], "{out}");
    assert!(out.contains("2 of 10 questions match level L7 · kind behavioral"), "{out}");
    assert_eq!(numbers(&ok(&["list", "--lp", "backbone", "--level", "L7"])), [1]);
}

#[test]
fn a_repeated_flag_ors() {
    let out = ok(&["list", "--kind", "behavioral", "--kind", "technical"]);
    assert_eq!(numbers(&out), [1, 2, 4, 5, 8], "{out}");
    assert!(out.contains("kind behavioral or technical"), "{out}");
    let out = ok(&["list", "--search", "graviton", "--search", "alexa"]);
    let got = numbers(&out);
    assert!(got.contains(&2) && got.contains(&6), "{out}");
}

#[test]
fn no_match_is_a_message_not_an_error() {
    stardrill()
        .args(["list", "--search", "no such words anywhere"])
        .assert()
        .code(0)
        .stdout("No questions match text \"no such words anywhere\" (0 of 10 questions).\n")
        .stderr("");
    stardrill()
        .args(["list", "--level", "L4"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("No questions match level L4"));
    assert_eq!(json(&["list", "--level", "L4", "--json"]), Value::Array(vec![]));
}

#[test]
fn list_json_has_the_summary_fields() {
    let v = json(&["list", "--json"]);
    let items = v.as_array().expect("an array");
    assert_eq!(items.len(), 10);
    let mut keys =
        vec!["number", "id", "title", "category", "level", "role", "kind", "minutes", "leadership_principles", "bank"];
    keys.sort();
    for (i, q) in items.iter().enumerate() {
        let mut got: Vec<&str> = q.as_object().unwrap().keys().map(String::as_str).collect();
        got.sort();
        assert_eq!(got, keys, "question {i}");
        assert_eq!(q["number"], i + 1);
        assert_eq!(q["id"], IDS[i]);
        assert!(q["minutes"].as_u64().unwrap() > 0);
        assert!(q["leadership_principles"].as_array().unwrap().len() >= 3);
        assert_eq!(q["bank"], "amazon-pm");
    }
    assert_eq!(items[0]["level"], "L6-L7");
    assert_eq!(items[0]["role"], "Principal Product Manager");
    assert_eq!(items[0]["kind"], "behavioral");
    assert_eq!(items[6]["level"], "L6+");
    // Filters apply to JSON too.
    let l7: Vec<u64> = json(&["list", "--level", "L7", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["number"].as_u64().unwrap())
        .collect();
    assert_eq!(l7, [1, 5, 7, 10]);
}

#[test]
fn show_by_number_and_by_id_are_the_same() {
    let by_number = ok(&["show", "1"]);
    assert_eq!(by_number, ok(&["show", "stakeholder-alignment-at-scale"]));
    assert_eq!(by_number, ok(&["show", "#1"]));
    assert!(by_number.starts_with("1. Cross-Functional Stakeholder Alignment at Scale (Principal PM Level)\n"));
    assert!(by_number.contains("Level: L6-L7 Principal Product Manager"), "{by_number}");
    assert!(by_number.contains("Question: “Tell me about a time when you had to align"), "{by_number}");
    for label in ["── Situation · section 1 of 6 ──", "── Task · section 2 of 6 ──", "── Action ·", "── Result ·"]
    {
        assert!(by_number.contains(label), "{label} missing:\n{by_number}");
    }
    let lines: Vec<&str> = by_number.lines().collect();
    assert!(lines.contains(&"- Engineering Teams: Wanted 6-month technical debt cleanup before integration"));
    assert!(lines.contains(&"Stakeholder Complexity:"));
}

#[test]
fn show_keeps_sub_headings_and_plain_bullets() {
    let q2 = ok(&["show", "2"]);
    let lines: Vec<&str> = q2.lines().collect();
    let core = lines.iter().position(|l| *l == "Core Architectural Principles:").expect("the section heading");
    assert_eq!(lines[core + 1..].iter().find(|l| !l.is_empty()), Some(&"Microservices Architecture:"));
    assert!(ok(&["show", "7"]).lines().any(|l| l.starts_with("1. AWS Cost Intelligence Suite:")));
    let q8 = ok(&["show", "cross-org-influence"]);
    assert!(q8.lines().any(|l| l == "- Delivered on all commitments made during consensus-building process"), "{q8}");
}

#[test]
fn show_unknown_question_lists_what_exists() {
    // A question that does not exist is a usage mistake: exit 2, as for a bad flag.
    let out = stardrill().args(["show", "99"]).assert().code(2).stdout("").get_output().stderr.clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.starts_with("error: no question '99' in the bank; use a number or an id:"), "{err}");
    for (i, id) in IDS.iter().enumerate() {
        assert!(err.contains(&format!("  {} {id}\n", i + 1)), "{id} missing:\n{err}");
    }
    stardrill()
        .args(["show", "no-such-id"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no question 'no-such-id'"));
}

#[test]
fn show_json_has_prompt_and_star_tagged_sections() {
    let q = json(&["show", "2", "--json"]);
    assert_eq!(q["number"], 2);
    assert_eq!(q["id"], "aws-cloud-architecture-deep-dive");
    assert!(q["prompt"].as_str().is_some_and(|p| !p.is_empty()), "{q}");
    let answer = q["answer"].as_array().expect("answer sections");
    assert!(!answer.is_empty());
    for s in answer {
        assert!(s["heading"].as_str().is_some_and(|h| !h.is_empty()), "{s}");
        assert!(["situation", "task", "action", "result"].contains(&s["star"].as_str().unwrap_or("")), "{s}");
    }
    for star in ["situation", "task", "action", "result"] {
        assert!(answer.iter().any(|s| s["star"] == star), "no {star} section");
    }
    let core = answer.iter().find(|s| s["heading"] == "Core Architectural Principles").expect("the section");
    assert_eq!(core["star"], "task");
    assert_eq!(core["subsections"][0]["heading"], "Microservices Architecture");
    assert_eq!(core["subsections"][0]["bullets"][0]["label"], "Service Decomposition");
    // The same question as in the list.
    let listed = &json(&["list", "--json"])[1];
    for key in ["title", "category", "level", "role", "kind", "minutes", "leadership_principles"] {
        assert_eq!(q[key], listed[key], "{key}");
    }
}

#[test]
fn validate_the_shipped_bank() {
    stardrill()
        .args(["validate", "questions/amazon-pm.yaml"])
        .assert()
        .code(0)
        .stdout("questions/amazon-pm.yaml: 10 questions, 95 sections: OK\n")
        .stderr("");
    stardrill()
        .args(["validate", "questions/amazon-pm.yaml", "tests/fixtures/good"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("tests/fixtures/good: 2 questions, 8 sections: OK"));
}

#[test]
fn principles_lists_all_sixteen_with_coverage() {
    assert!(ok(&["principles"]).contains("14 of 16 principles covered by the bank; 2 not covered"));
    let out = bundled_ok(&["principles"]);
    let body: Vec<&str> = out.lines().skip(1).filter(|l| !l.contains("principles covered")).collect();
    assert_eq!(body.len(), 16, "{out}");
    for name in stardrill::bank::principle::NAMES {
        assert!(body.iter().any(|l| l.starts_with(name)), "{name} missing:\n{out}");
    }
    assert!(out.contains("16 of 16 principles covered by the bank; 0 not covered"), "{out}");

    let v: Value = serde_json::from_str(&bundled_ok(&["principles", "--json"])).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 16);
    let names: Vec<&str> = items.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, stardrill::bank::principle::NAMES);
    // Each count is the number of questions `list --lp` finds.
    for p in items {
        let slug = p["slug"].as_str().unwrap();
        let listed: Value = serde_json::from_str(&bundled_ok(&["list", "--lp", slug, "--json"])).unwrap();
        let listed = listed.as_array().unwrap().len();
        assert_eq!(p["questions"].as_u64(), Some(listed as u64), "{slug}");
        assert!(listed >= 3, "{slug}: {listed} questions");
    }
}

#[test]
fn bank_flag_replaces_the_bundled_bank() {
    let mini = mini().display().to_string();
    let out = ok(&["--bank", &mini, "list"]);
    assert_eq!(rows(&out), [(1, "mini-frugal-launch".to_string()), (2, "mini-platform-design".to_string())]);
    assert!(!out.contains("stakeholder-alignment-at-scale"), "{out}");
    assert_eq!(out.lines().last(), Some("2 questions"));
    // Global flag: after the command too, and a directory works like its files.
    assert_eq!(ok(&["list", "--bank", &mini]), out);
    assert_eq!(ok(&["--bank", "tests/fixtures/good", "list"]), out);
    assert_eq!(numbers(&ok(&["--bank", &mini, "list", "--level", "L9"])), [2]);

    let shown = ok(&["--bank", &mini, "show", "1"]);
    assert!(shown.starts_with("1. Launching on a shoestring\n"), "{shown}");
    assert!(shown.contains("- Scope: Cut the feature list to three must-haves\n"), "{shown}");
    assert!(shown.contains("- Reused an existing internal service\n"), "{shown}");
    stardrill()
        .args(["--bank", &mini, "show", "3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2 mini-platform-design"));
    let counts = json(&["--bank", &mini, "principles", "--json"]);
    assert_eq!(counts[9]["name"], "Frugality");
    assert_eq!(counts[9]["questions"], 1);
}

#[test]
fn env_var_replaces_the_bundled_bank() {
    let mini = mini();
    let out = stardrill().env("STARDRILL_BANK", &mini).arg("list").assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(numbers(&out), [1, 2]);
    assert!(out.contains("mini-frugal-launch") && !out.contains("stakeholder-alignment-at-scale"), "{out}");
    let v: Value = serde_json::from_slice(
        &stardrill().env("STARDRILL_BANK", &mini).args(["show", "2", "--json"]).output().unwrap().stdout,
    )
    .unwrap();
    assert_eq!(v["id"], "mini-platform-design");
}

#[test]
fn bundled_bank_works_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = bundled().current_dir(dir.path()).arg("list").assert().success().get_output().stdout.clone();
    let want: Vec<u32> = (1..=10).chain(101..=149).collect();
    assert_eq!(numbers(&String::from_utf8(out).unwrap()), want);
}

/// With STARDRILL_HISTORY (and STARDRILL_BANK) set, usage lines show no `--history <PATH>` or
/// `--bank <PATH>` as if they were required; `--help` still names the variables.
#[test]
fn usage_lines_do_not_show_environment_flags_as_required() {
    let out = stardrill()
        .env("STARDRILL_HISTORY", "/tmp/stardrill-usage-test.jsonl")
        .env("STARDRILL_BANK", mini())
        .args(["show"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("Usage: stardrill show <ID|NUMBER>\n"), "{err}");
    assert!(!err.contains("--history <PATH>") && !err.contains("--bank <PATH>"), "{err}");
    let help = ok(&["history", "--help"]);
    assert!(help.contains("Usage: stardrill history [OPTIONS]"), "{help}");
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("[env: STARDRILL_HISTORY]") && flat.contains("[env: STARDRILL_BANK]"), "{help}");
    // The variables still work.
    let listed =
        stardrill().env("STARDRILL_BANK", mini()).args(["list"]).assert().success().get_output().stdout.clone();
    assert_eq!(numbers(&String::from_utf8(listed).unwrap()), [1, 2]);
}

#[test]
fn kinds_have_one_name_and_aliases_on_the_command_line() {
    let canonical = numbers(&ok(&["list", "--kind", "product-strategy"]));
    assert!(!canonical.is_empty());
    for alias in ["strategy", "product", "Product_Strategy"] {
        assert_eq!(numbers(&ok(&["list", "--kind", alias])), canonical, "--kind {alias}");
    }
    assert_eq!(numbers(&ok(&["list", "--kind", "behavioural"])), numbers(&ok(&["list", "--kind", "behavioral"])));
    assert_eq!(numbers(&ok(&["list", "--kind", "tech"])), numbers(&ok(&["list", "--kind", "technical"])));
    // Tables, the footer and JSON use the one name.
    let out = ok(&["list", "--kind", "strategy"]);
    assert!(out.contains("product-strategy") && out.ends_with("match kind product-strategy\n"), "{out}");
    let e = stardrill().args(["list", "--kind", "design"]).assert().code(2).get_output().stderr.clone();
    assert!(String::from_utf8(e).unwrap().contains("unknown kind \"design\": expected behavioral"));
}

#[test]
fn principle_words_prefer_whole_words_and_typos_get_a_hint() {
    let earn = ok(&["list", "--lp", "earn"]);
    assert!(earn.ends_with("match principle Earn Trust\n"), "not Learn and Be Curious:\n{earn}");
    let err = stardrill().args(["list", "--lp", "custmer"]).assert().code(2).get_output().stderr.clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("no Leadership Principle matches 'custmer'; did you mean 'customer-obsession'?"), "{err}");
}

#[test]
fn level_ranges_and_how_many_match() {
    let l5 = numbers(&ok(&["list", "--level", "5"]));
    let l6 = numbers(&ok(&["list", "--level", "6"]));
    let range = ok(&["list", "--level", "5-6"]);
    let mut union: Vec<u32> = l5.iter().chain(&l6).copied().collect();
    union.sort();
    union.dedup();
    assert_eq!(numbers(&range), union);
    assert!(range.ends_with(&format!("{} of 10 questions match level L5-L6\n", union.len())), "{range}");
    assert_eq!(numbers(&ok(&["list", "--level", "L5-L6"])), union);
    assert_eq!(numbers(&ok(&["list", "--level", "L7+"])), numbers(&ok(&["list", "--level", "7-12"])));
}

#[test]
fn unknown_question_for_a_drill_is_a_usage_error() {
    let err = stardrill().args(["drill", "--id", "99"]).assert().code(2).get_output().stderr.clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.starts_with("error: no question '99' in the bank; use a number or an id:"), "{err}");
    assert!(err.contains("  10 healthcare-market-entry"), "{err}");
}

#[test]
fn counts_are_singular_for_one() {
    let one = ok(&["--bank", mini().to_str().unwrap(), "list", "--search", "shoestring"]);
    assert!(one.ends_with("1 of 2 questions match text \"shoestring\"\n"), "{one}");
    let dir = tempfile::tempdir().unwrap();
    let single = dir.path().join("one.yaml");
    let text = std::fs::read_to_string(mini()).unwrap();
    std::fs::write(&single, &text[..text.find("- id: mini-platform-design").unwrap()]).unwrap();
    let out = ok(&["validate", single.to_str().unwrap()]);
    assert!(out.ends_with(": 1 question, 4 sections: OK\n"), "{out}");
    let out = ok(&["--bank", single.to_str().unwrap(), "list"]);
    assert!(out.ends_with("\n1 question\n"), "{out}");
}

#[test]
fn principles_help_documents_json() {
    let help = ok(&["principles", "--help"]);
    assert!(help.contains("--json") && help.contains("Print a JSON array"), "{help}");
}

#[test]
fn a_drill_that_matches_nothing_says_how_many_match() {
    let err =
        stardrill().args(["drill", "--search", "zzzz", "--kind", "tech"]).assert().code(1).get_output().stderr.clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("no questions match kind technical · text \"zzzz\" (0 of 10 questions)"), "{err}");
}

#[test]
fn show_json_keeps_the_reading_order() {
    let out = ok(&["show", "1", "--json"]);
    let at = |key: &str| out.find(&format!("\"{key}\":")).unwrap_or_else(|| panic!("{key} missing:\n{out}"));
    assert!(at("number") < at("id") && at("id") < at("title") && at("leadership_principles") < at("prompt"), "{out}");
    assert!(at("prompt") < at("answer"), "{out}");
    let first_section = &out[at("answer")..];
    assert!(first_section.find("\"heading\"") < first_section.find("\"star\""), "{out}");
}

/// clap's errors repeat what was typed: a control character on the command line is shown (`^[`),
/// never sent to the terminal, and the exit code stays clap's usage code.
#[test]
fn control_characters_typed_on_the_command_line_are_shown_not_sent() {
    for args in [
        &["list", "--kind", "\x1b[2Jx"][..],
        &["list", "--level", "\x1b[2Jx"],
        &["list", "--lp", "\x1b[2Jx"],
        &["drill", "--time", "\x1b[2Jx"],
        &["history", "--since", "\x1b[2Jx"],
        &["list", "--no-such-flag\x1b[2Jx"],
        &["\x1b[2Jx"],
    ] {
        let out = stardrill().env("NO_COLOR", "1").args(args).assert().code(2).get_output().clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("^[[2Jx"), "{args:?}: {err}");
        assert!(!err.contains('\x1b'), "{args:?} sent ESC: {err:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // Help and version still print on stdout and exit 0.
    let help = ok(&["--help"]);
    assert!(help.starts_with("Timed mock-interview drills") && help.contains("Usage: stardrill"), "{help}");
    assert_eq!(ok(&["--version"]), format!("stardrill {}\n", env!("CARGO_PKG_VERSION")));
}

/// The README's filter examples are what the commands say.
#[test]
fn readme_filter_examples_are_true() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let listed = bundled_ok(&["list", "--level", "L7"]);
    assert!(listed.ends_with("43 of 59 questions match level L7\n"), "{listed}");
    assert!(readme.contains("(`43 of 59 questions match level L7`)"));
    let err = bundled().args(["drill", "--level", "L3"]).assert().code(1).get_output().stderr.clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("no questions match level L3 (0 of 59 questions)"), "{err}");
    assert!(readme.contains("(`no questions match level L3 (0 of 59 questions)`)"));
    let example = bundled_ok(&["list", "--kind", "behavioral", "--from", "amazon-pm"]);
    assert!(readme.contains(&example), "the README's list example is what `list` prints:\n{example}");
    let plus = bundled_ok(&["list", "--level", "L6+"]);
    assert!(plus.ends_with("match level L6-L12\n") && readme.contains("(`match level L6-L12`)"), "{plus}");
}

/// A question of the LP bank has no model answer: `show` prints its probes and, for each of its
/// principles, what a strong answer shows; `--json` carries the probes and the bank.
#[test]
fn show_an_lp_question_gives_its_probes_and_the_rubric() {
    let out = bundled_ok(&["show", "101"]);
    assert!(out.starts_with("101. Pushing for the Customer Against the Plan\n"), "{out}");
    assert!(out.contains("\nFollow-up probes:\n- How did you first learn that customers would be hurt?\n"), "{out}");
    assert!(
        out.contains("\n── A strong answer for Customer Obsession shows ──\n- Starts from a named customer"),
        "{out}"
    );
    assert!(out.contains("── A strong answer for Have Backbone; Disagree and Commit shows ──"), "{out}");
    assert!(!out.contains("section 1 of"), "{out}");
    let v: Value = serde_json::from_str(&bundled_ok(&["show", "lp-customer-pushed-for-customer", "--json"])).unwrap();
    assert_eq!(v["bank"], "amazon-lp");
    assert_eq!(v["probes"].as_array().map(Vec::len), Some(3));
    assert_eq!(v["answer"], serde_json::json!([]));
    let listed: Value = serde_json::from_str(&bundled_ok(&["list", "--json"])).unwrap();
    let banks: Vec<&str> = listed.as_array().unwrap().iter().map(|q| q["bank"].as_str().unwrap()).collect();
    assert_eq!(banks.iter().filter(|b| **b == "amazon-pm").count(), 10);
    assert_eq!(banks.iter().filter(|b| **b == "amazon-lp").count(), 49);
}

#[test]
fn validate_checks_a_rubrics_file_at_its_places() {
    bundled()
        .args(["validate", "questions/rubrics.yaml"])
        .assert()
        .code(0)
        .stdout("questions/rubrics.yaml: 3 kinds, 18 hints: OK\n");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("rubrics.yaml");
    std::fs::write(&bad, "kinds:\n- kind: strategy\n  hints: [{label: Goal, text: \"\"}]\n  anchors: {}\n").unwrap();
    let out = bundled().arg("validate").arg(&bad).assert().code(1).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    let name = bad.display();
    assert!(out.contains(&format!("{name}:4:12: kind entry 1: anchors: missing field `situation`")), "{out}");
    assert!(out.ends_with(&format!("{name}: 1 problem\n")), "{out}");
}

#[test]
fn validate_checks_the_probes_file_and_the_questions_directory() {
    bundled()
        .args(["validate", "questions/probes.yaml", "questions"])
        .assert()
        .code(0)
        .stdout("questions/probes.yaml: 16 principles, 88 probes: OK\nquestions: 59 questions, 95 sections: OK\n");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("probes.yaml");
    std::fs::write(&bad, "principles:\n- principle: Frugalty\n  probes: [a, A]\n").unwrap();
    let out = bundled().arg("validate").arg(&bad).assert().code(1).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    let name = bad.display();
    assert!(
        out.contains(&format!(
            "{name}:2:14: principle entry 1: unknown Leadership Principle \"Frugalty\": did you mean \"Frugality\"?"
        )),
        "{out}"
    );
}
