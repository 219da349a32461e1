//! Many banks, one catalogue: the bundled banks with the user's own (`$XDG_CONFIG_HOME/stardrill/banks`)
//! and `--with-bank`, `--bank` replacing them all, `--from`, numbers given to questions without one, clashes
//! naming both places, and a bad bank of one's own that does not hide the others.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A config folder holding `files` in `stardrill/banks/`.
fn config(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let banks = dir.path().join("stardrill/banks");
    std::fs::create_dir_all(&banks).unwrap();
    for (name, text) in files {
        std::fs::write(banks.join(name), text).unwrap();
    }
    dir
}

fn stardrill(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("stardrill").unwrap();
    cmd.env_remove("STARDRILL_BANK").env("XDG_CONFIG_HOME", config).current_dir(root());
    cmd
}

fn run(config: &Path, args: &[&str]) -> (i32, String, String) {
    let out = stardrill(config).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn question(id: &str, number: Option<u32>, principle: &str) -> String {
    let number = number.map_or(String::new(), |n| format!("  number: {n}\n"));
    format!(
        "- id: {id}\n{number}  title: My {id}\n  category: Mine\n  level: L6\n  role: PM\n  kind: behavioral\n  \
         minutes: 2\n  leadership_principles:\n  - {principle}\n  prompt: Tell me about {id}.\n"
    )
}

fn bank(name: &str, questions: &[String]) -> String {
    format!("bank: {name}\ntitle: {name} title\nquestions:\n{}", questions.concat())
}

fn list_json(config: &Path, args: &[&str]) -> Vec<Value> {
    let (code, out, err) = run(config, &[&["list", "--json"], args].concat());
    assert_eq!(code, 0, "{err}");
    serde_json::from_str::<Value>(&out).unwrap().as_array().unwrap().clone()
}

#[test]
fn user_banks_load_with_the_bundled_ones_and_numbers_left_out_follow_them() {
    let mine = bank("mine", &[question("my-a", None, "Frugality"), question("my-b", None, "Dive Deep")]);
    let cfg = config(&[("mine.yaml", &mine)]);
    let all = list_json(cfg.path(), &[]);
    assert_eq!(all.len(), 61);
    let last: Vec<(u64, &str, &str)> = all[59..]
        .iter()
        .map(|q| (q["number"].as_u64().unwrap(), q["id"].as_str().unwrap(), q["bank"].as_str().unwrap()))
        .collect();
    assert_eq!(last, [(150, "my-a", "mine"), (151, "my-b", "mine")], "after the bundled 1-10 and 101-149");
    // --from keeps banks; an unknown one is a usage error listing those loaded.
    let from: Vec<u64> =
        list_json(cfg.path(), &["--from", "mine"]).iter().map(|q| q["number"].as_u64().unwrap()).collect();
    assert_eq!(from, [150, 151]);
    assert_eq!(list_json(cfg.path(), &["--from", "mine", "--from", "amazon-pm"]).len(), 12);
    let (code, _, err) = run(cfg.path(), &["list", "--from", "mien"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no bank 'mien' is loaded; the banks are:") && err.contains("  mine (mine title)"), "{err}");
    // `show` and `principles` count across banks.
    let (code, out, _) = run(cfg.path(), &["show", "151"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("151. My my-b\n") && out.contains("\nBank: mine (mine title)\n"), "{out}");
    let (_, table, _) = run(cfg.path(), &["list", "--from", "mine"]);
    let header: Vec<&str> = table.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(header, ["#", "ID", "TITLE", "LEVEL", "KIND", "MIN", "BANK", "PRINCIPLES"]);
    assert!(table.lines().nth(1).unwrap().contains(" mine "), "{table}");
    let (_, out, _) = run(cfg.path(), &["principles", "--json"]);
    let counts: Value = serde_json::from_str(&out).unwrap();
    let frugality = counts.as_array().unwrap().iter().find(|p| p["name"] == "Frugality").unwrap();
    let (_, bundled, _) = run(Path::new("/nonexistent"), &["principles", "--json"]);
    let bundled: Value = serde_json::from_str(&bundled).unwrap();
    let before = bundled.as_array().unwrap().iter().find(|p| p["name"] == "Frugality").unwrap();
    assert_eq!(frugality["questions"].as_u64(), before["questions"].as_u64().map(|n| n + 1));
}

#[test]
fn with_bank_adds_and_bank_replaces_everything() {
    let cfg = config(&[("mine.yaml", &bank("mine", &[question("my-a", Some(500), "Frugality")]))]);
    let extra = cfg.path().join("extra.yaml");
    std::fs::write(&extra, bank("extra", &[question("ex-a", Some(600), "Ownership")])).unwrap();
    let extra = extra.display().to_string();
    let numbers = |args: &[&str]| -> Vec<u64> {
        list_json(cfg.path(), args).iter().map(|q| q["number"].as_u64().unwrap()).collect()
    };
    let with = numbers(&["--with-bank", &extra]);
    assert_eq!((with.len(), &with[with.len() - 2..]), (61, &[500, 600][..]));
    let replaced = numbers(&["--bank", &extra]);
    assert_eq!(replaced, [600], "--bank replaces the bundled banks and the user's");
    let both = numbers(&["--bank", &extra, "--with-bank", "questions/amazon-pm.yaml"]);
    assert_eq!(both, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 600]);
}

#[test]
fn a_clash_with_a_bundled_question_names_both_files_and_lines() {
    let clash = bank("mine", &[question("lp-trust-kept-promise", Some(7), "Earn Trust")]);
    let cfg = config(&[("mine.yaml", &clash)]);
    let (code, _, err) = run(cfg.path(), &["list"]);
    assert_eq!(code, 1, "{err}");
    let file = cfg.path().join("stardrill/banks/mine.yaml").display().to_string();
    assert!(
        err.contains(&format!(
            "{file}:4:7: duplicate id \"lp-trust-kept-promise\": also used at questions/amazon-lp.yaml (bundled):"
        )),
        "{err}"
    );
    let lp = include_str!("../questions/amazon-lp.yaml");
    let line = lp.lines().position(|l| l == "- id: lp-trust-kept-promise").unwrap() + 1;
    assert!(err.contains(&format!("questions/amazon-lp.yaml (bundled):{line}:7")), "{err}");
    let pm = include_str!("../questions/amazon-pm.yaml");
    let line = pm.lines().position(|l| l == "  number: 7").unwrap() + 1;
    assert!(
        err.contains(&format!(
            "{file}:5:11: duplicate number 7: also used at questions/amazon-pm.yaml (bundled):{line}:11"
        )),
        "{err}"
    );
}

#[test]
fn a_bad_bank_of_ones_own_stops_commands_unless_skipped_and_never_hides_the_others() {
    let bad = "bank: broken\ntitle: Broken\nquestions:\n- id: x\n  title: [\n";
    let good = bank("good", &[question("good-a", None, "Frugality")]);
    let cfg = config(&[("a-broken.yaml", bad), ("b-good.yaml", &good)]);
    let (code, out, err) = run(cfg.path(), &["list"]);
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert!(err.contains("a-broken.yaml:6:1:"), "file:line:col of the problem:\n{err}");
    assert!(err.contains("pass --skip-bad-banks to leave it out"), "{err}");
    let (code, out, err) = run(cfg.path(), &["list", "--json", "--skip-bad-banks"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("a-broken.yaml:6:1:") && err.contains("warning: left out 1 bank file with 1 problem"),
        "{err}"
    );
    let listed: Value = serde_json::from_str(&out).unwrap();
    let banks: Vec<&str> = listed.as_array().unwrap().iter().map(|q| q["bank"].as_str().unwrap()).collect();
    assert_eq!(banks.len(), 60, "the bundled banks and the good one");
    assert!(banks.contains(&"good") && !banks.contains(&"broken"));
}

#[test]
fn a_users_probes_file_replaces_the_bundled_probes() {
    let probes =
        "general: [Anything else?]\nprinciples:\n- principle: Frugality\n  rubric: [Cheap]\n  probes: [How cheap?]\n";
    let cfg = config(&[("probes.yaml", probes)]);
    let (code, out, err) = run(cfg.path(), &["show", "128"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("── A strong answer for Frugality shows ──\n- Cheap\n"), "{out}");
    assert!(!out.contains("A strong answer for Invent and Simplify"), "{out}");
    let _ = PathBuf::new();
}
