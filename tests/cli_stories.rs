//! `stardrill story new | list | show | edit | validate | coverage` as a user runs them, each test with
//! its own story file in a temporary folder and, where an editor is needed, a script as `$EDITOR`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};

/// A temporary home for one test: the story file path inside it (not created).
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home { dir: tempfile::tempdir().unwrap() }
    }

    fn stories(&self) -> PathBuf {
        self.dir.path().join("config/stardrill/stories.yaml")
    }

    /// The binary with this home's story file (through `STARDRILL_STORIES`), the bundled bank, no editor.
    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("stardrill").unwrap();
        cmd.env_remove("STARDRILL_BANK")
            .env_remove("VISUAL")
            .env_remove("EDITOR")
            .env("STARDRILL_STORIES", self.stories())
            .env("STARDRILL_HISTORY", self.dir.path().join("history.jsonl"))
            .env("TZ", "UTC")
            .env("XDG_CONFIG_HOME", self.dir.path().join("xdg"))
            .env("HOME", self.dir.path());
        cmd
    }

    /// Run, expect exit 0 and a clean stderr, return stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success().stderr("").get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} is not JSON ({e}):\n{out}"))
    }

    fn write(&self, text: &str) {
        std::fs::create_dir_all(self.stories().parent().unwrap()).unwrap();
        std::fs::write(self.stories(), text).unwrap();
    }

    fn read(&self) -> String {
        std::fs::read_to_string(self.stories()).unwrap()
    }

    /// An executable script in this home, named `name`, that runs `body` with the file to edit as "$f"
    /// (the last argument) and appends its arguments to `editor.log`.
    fn editor(&self, name: &str, body: &str) -> PathBuf {
        let path = self.dir.path().join("bin").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let log = self.dir.path().join("editor.log");
        let script = format!("#!/bin/sh\nfor f; do :; done\necho \"$@\" >> '{}'\n{body}\n", log.display());
        std::fs::write(&path, script).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        path
    }

    fn editor_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("editor.log")).unwrap_or_default()
    }
}

const TWO: &str = "\
- id: checkout-outage
  title: The checkout outage
  principles: [Ownership, Dive Deep]
  situation: Peak week; checkout failed for 4% of users.
  task: I owned checkout reliability.
  action: Rolled back, then found the cache bug.
  result: Errors back to 0.1% in 40 minutes.
  learning: Canary every config change.
  metrics: [4% to 0.1% errors]
  questions: [decision-under-uncertainty]
- id: pricing-call
  title: The pricing call
  principles: [Customer Obsession, Ownership, Have Backbone; Disagree and Commit, Deliver Results, Think Big]
  situation: s
  task: t
  action: a
  result: r
  learning: l
  tags: [pricing]
";

#[test]
fn new_without_an_editor_appends_a_valid_template_and_prints_its_id() {
    let home = Home::new();
    let out = home.ok(&[
        "story",
        "new",
        "--title",
        "The checkout outage!",
        "--lp",
        "ownership",
        "--lp",
        "dive deep",
        "--no-edit",
    ]);
    assert_eq!(out, "the-checkout-outage\n");
    let text = home.read();
    assert!(text.starts_with("# yaml-language-server: $schema=stories.schema.json\n"), "{text}");
    assert!(text.contains("- id: the-checkout-outage\n  title: \"The checkout outage!\"\n"), "{text}");
    assert!(text.contains("    - Ownership\n    - Dive Deep\n"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(home.stories()).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // The schema the first line names is beside it, and it is the committed one.
    let schema = std::fs::read_to_string(home.stories().with_file_name("stories.schema.json")).unwrap();
    let committed = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/stories.schema.json"));
    assert_eq!(schema, committed.unwrap());
    // The same title again: a unique id, and the first story is untouched.
    assert_eq!(home.ok(&["story", "new", "--title", "The checkout outage!", "--no-edit"]), "the-checkout-outage-2\n");
    let after = home.read();
    assert!(after.starts_with(&text), "the file was rewritten:\n{after}");
    assert_eq!(home.ok(&["story", "validate"]), format!("{}: 2 stories: OK\n", home.stories().display()));
    // Without --lp the new story takes the first principle with no story yet.
    let shown = home.json(&["story", "show", "the-checkout-outage-2", "--json"]);
    assert_eq!(shown["principles"], json!(["Customer Obsession"]));
}

#[test]
fn new_refuses_a_control_character_in_the_title_and_a_broken_file() {
    let home = Home::new();
    home.cmd()
        .args(["story", "new", "--title", "a\x1b[2Jb", "--no-edit"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--title \"a^[[2Jb\" holds control character ^["));
    assert!(!home.stories().exists());
    home.write("- id: x\n  title: [\n");
    home.cmd()
        .args(["story", "new", "--no-edit"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("stories.yaml:3:1: YAML syntax error: while parsing a node"));
    assert_eq!(home.read(), "- id: x\n  title: [\n", "nothing appended to a broken file");
}

#[test]
fn list_show_and_coverage_of_a_hand_written_file() {
    let home = Home::new();
    home.write(TWO);
    let out = home.ok(&["story", "list"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("ID ") && lines[0].contains("TITLE") && lines[0].contains("PRINCIPLES"), "{out}");
    assert!(lines[1].starts_with("checkout-outage ") && lines[1].contains("Ownership · Dive Deep"), "{out}");
    assert!(lines[2].starts_with("pricing-call "), "{out}");
    assert_eq!(lines[3], "2 stories");
    let out = home.ok(&["story", "list", "--lp", "dive"]);
    assert!(out.contains("checkout-outage") && !out.contains("pricing-call"), "{out}");
    assert!(out.ends_with("1 of 2 stories show Dive Deep\n"), "{out}");
    assert_eq!(home.ok(&["story", "list", "--lp", "frugality"]), "No story shows Frugality (0 of 2 stories).\n");
    let rows = home.json(&["story", "list", "--lp", "backbone", "--json"]);
    assert_eq!(
        rows,
        json!([{"id": "pricing-call", "title": "The pricing call", "principles": ["Customer Obsession", "Ownership",
            "Have Backbone; Disagree and Commit", "Deliver Results", "Think Big"], "metrics": [], "questions": [],
            "tags": ["pricing"], "told": 0, "mean_overall": null, "last_told": null}])
    );

    let out = home.ok(&["story", "show", "checkout-outage"]);
    assert_eq!(
        out,
        "checkout-outage · The checkout outage\n\
         Leadership Principles: Ownership · Dive Deep\n\
         Questions: decision-under-uncertainty (5. Data-Driven Decision Making Under Extreme Uncertainty)\n\
         Metrics: 4% to 0.1% errors\n\
         Not told in a drill yet (t picks it while answering)\n\n\
         ── Situation ──\nPeak week; checkout failed for 4% of users.\n\n\
         ── Task ──\nI owned checkout reliability.\n\n\
         ── Action ──\nRolled back, then found the cache bug.\n\n\
         ── Result ──\nErrors back to 0.1% in 40 minutes.\n\n\
         ── Learning ──\nCanary every config change.\n"
    );
    let shown = home.json(&["story", "show", "checkout-outage", "--json"]);
    assert_eq!(shown["learning"], "Canary every config change.");
    assert_eq!(shown["questions"], json!(["decision-under-uncertainty"]));
    home.cmd().args(["story", "show", "checkout"]).assert().code(2).stderr(
        predicate::str::contains("no story 'checkout' in ").and(predicate::str::contains(
            "(did you mean 'checkout-outage'?); the stories are:\n  checkout-outage\n  pricing-call\n",
        )),
    );

    // Hand-checked: Ownership has both (ok); Customer Obsession, Dive Deep, Backbone, Deliver Results and
    // Think Big one each (thin); the other ten none (gap). pricing-call has five principles: stretched.
    let coverage = home.json(&["story", "coverage", "--json"]);
    assert_eq!(coverage.as_object().unwrap().len(), 2);
    let principles = coverage["principles"].as_array().unwrap();
    assert_eq!(principles.len(), 16);
    assert_eq!(
        principles[0],
        json!({"principle": "Customer Obsession", "stories": ["pricing-call"], "status": "thin"})
    );
    assert_eq!(
        principles[1],
        json!({"principle": "Ownership", "stories": ["checkout-outage", "pricing-call"], "status": "ok"})
    );
    assert_eq!(principles[9], json!({"principle": "Frugality", "stories": [], "status": "gap"}));
    let count = |status: &str| principles.iter().filter(|p| p["status"] == status).count();
    assert_eq!((count("gap"), count("thin"), count("ok")), (10, 5, 1));
    assert_eq!(coverage["stretched"], json!(["pricing-call"]));
    let out = home.ok(&["story", "coverage"]);
    assert!(out.contains("Frugality") && out.contains("✗ gap"), "{out}");
    assert!(out.contains("✓ ok") && out.contains("checkout-outage, pricing-call"), "{out}");
    assert!(out.contains("1 of 16 principles have two or more stories; 5 thin (one story), 10 with none\n"), "{out}");
    assert!(out.ends_with("Stretched over more than 4 principles: pricing-call\n"), "{out}");
}

#[test]
fn no_story_file_yet_is_no_stories() {
    let home = Home::new();
    let path = home.stories().display().to_string();
    assert_eq!(
        home.ok(&["story", "list"]),
        format!("No stories yet in {path}: add one with `stardrill story new --title \"…\" --lp PRINCIPLE`.\n")
    );
    assert_eq!(home.json(&["story", "list", "--json"]), json!([]));
    let coverage = home.json(&["story", "coverage", "--json"]);
    assert!(coverage["principles"].as_array().unwrap().iter().all(|p| p["status"] == "gap"));
    assert_eq!(
        home.ok(&["story", "validate"]),
        format!("{path}: no story file yet (0 stories); `stardrill story new` creates it\n")
    );
    home.write("# nothing yet\n");
    assert_eq!(home.ok(&["story", "validate"]), format!("{path}: 0 stories: OK\n"));
    assert!(!home.dir.path().join("xdg").exists(), "reading created nothing");
}

#[test]
fn validate_reports_every_problem_with_line_and_column_and_exits_1() {
    let home = Home::new();
    let bad = TWO
        .replace("[Ownership, Dive Deep]", "[Ownrship, Dive Deep]")
        .replace("questions: [decision-under-uncertainty]", "questions: [decision-under-uncertanty]")
        .replace("  tags: [pricing]\n", "  tags: [pricing]\n  star: x\n");
    let file = home.dir.path().join("draft.yaml");
    std::fs::write(&file, bad).unwrap();
    let name = file.display().to_string();
    let out = home.cmd().args(["story", "validate"]).arg(&file).assert().code(1).get_output().clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout,
        format!(
            "{name}:3:16: story \"checkout-outage\": unknown Leadership Principle \"Ownrship\": did you mean \
             \"Ownership\"?\n\
             {name}:10:15: story \"checkout-outage\": unknown question id \"decision-under-uncertanty\": did you mean \
             \"decision-under-uncertainty\"?\n\
             {name}:20:3: story \"pricing-call\": unknown field `star`, expected one of `id`, `title`, `principles`, \
             `situation`, `task`, `action`, `result`, `learning`, `metrics`, `questions`, `tags`\n\
             {name}: 3 problems\n"
        )
    );
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "error: validation failed: 3 problems\n");
    // A command that needs the stories exits 1 with them.
    home.write(&std::fs::read_to_string(&file).unwrap());
    home.cmd().args(["story", "list"]).assert().code(1).stdout("").stderr(
        predicate::str::contains(":3:16: story \"checkout-outage\"").and(predicate::str::contains(
            "error: the story file has 3 problems; fix them with `stardrill story edit`",
        )),
    );
    home.cmd().args(["story", "validate", "/nonexistent/stories.yaml"]).assert().code(1);
}

#[test]
fn validate_shows_control_characters_and_refuses_devices() {
    let home = Home::new();
    home.write(&TWO.replace("The pricing call", "The \u{7} call"));
    home.cmd().args(["story", "validate"]).assert().code(1).stdout(
        predicate::str::contains(":12:14: control character ^G (U+0007) in the file")
            .and(predicate::str::contains('\u{7}').not()),
    );
    #[cfg(unix)]
    home.cmd()
        .args(["story", "validate", "/dev/zero"])
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .code(1)
        .stdout(
            "/dev/zero: a device, not a regular file: a story file is a .yaml file (see `stardrill story --help`)\n",
        );
}

#[cfg(unix)]
#[test]
fn new_opens_the_editor_at_the_story_and_prints_the_id_it_was_given() {
    let home = Home::new();
    home.write(TWO);
    let editor = home.editor(
        "vim",
        "sed -i -e 's/^- id: a-launch$/- id: launch-2024/' -e 's/Where and when.*/Launch week, 3 teams late./' \"$f\"",
    );
    let out = home
        .cmd()
        .env("EDITOR", &editor)
        .args(["story", "new", "--title", "A launch", "--lp", "think big"])
        .assert()
        .success();
    assert_eq!(String::from_utf8(out.get_output().stdout.clone()).unwrap(), "launch-2024\n");
    // vim takes +LINE: the story starts on line 23 (19 lines, a blank line, two comment lines).
    assert_eq!(home.editor_log(), format!("+23 {}\n", home.stories().display()));
    let text = home.read();
    assert!(text.starts_with(TWO), "{text}");
    assert!(text.contains("\n- id: launch-2024\n") && text.contains("Launch week, 3 teams late."), "{text}");
    assert!(!text.starts_with("# yaml-language-server"), "an existing file gets no new first line");
}

#[cfg(unix)]
#[test]
fn problems_after_editing_are_shown_and_the_editor_reopened_at_the_first() {
    let home = Home::new();
    home.write(TWO);
    // First run: a misspelt principle; second run: fixed.
    let editor = home.editor(
        "fake-editor",
        &format!(
            "if [ -e '{0}/once' ]; then sed -i 's/Dive Deeep/Dive Deep/' \"$f\"; else touch '{0}/once'; \
             sed -i 's/Dive Deep\\]/Dive Deeep]/' \"$f\"; fi",
            home.dir.path().display()
        ),
    );
    let out = home
        .cmd()
        .env("VISUAL", &editor)
        .env("EDITOR", "false")
        .args(["story", "edit", "checkout-outage"])
        .write_stdin("y\n")
        .assert()
        .success();
    let output = out.get_output();
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    let name = home.stories().display().to_string();
    assert!(
        stderr.contains(&format!("{name}:3:27: story \"checkout-outage\": unknown Leadership Principle \"Dive Deeep\": did you mean \"Dive Deep\"?")),
        "{stderr}"
    );
    assert!(stderr.contains("The story file has 1 problem. Reopen the editor to fix them? [Y/n] "), "{stderr}");
    assert_eq!(String::from_utf8(output.stdout.clone()).unwrap(), format!("{name}: 2 stories: OK\n"));
    assert_eq!(home.read(), TWO);
    // fake-editor takes no +LINE: only the file, twice.
    assert_eq!(home.editor_log(), format!("{name}\n{name}\n"));

    // Declined (or no answer): the file is kept as left, exit 1 with the count.
    let broken = home.editor("breaker", "sed -i 's/Dive Deep\\]/Dive Deeep]/' \"$f\"");
    home.cmd()
        .env("EDITOR", &broken)
        .args(["story", "edit", "checkout-outage"])
        .write_stdin("n\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error: the story file has 1 problem, kept as you left it; fix them with `stardrill story edit`",
        ));
    assert!(home.read().contains("Dive Deeep"));
    // In a file with problems, a story is still found by its id: the editor opens at its line.
    let looker = home.editor("nvim", "true");
    std::fs::remove_file(home.dir.path().join("editor.log")).unwrap();
    home.cmd().env("EDITOR", &looker).args(["story", "edit", "pricing-call"]).assert().code(1);
    assert_eq!(home.editor_log(), format!("+11 {name}\n"));
    // `story edit` without an id opens the file at its first problem.
    let vi = home.editor("vi", "sed -i 's/Dive Deeep/Dive Deep/' \"$f\"");
    std::fs::remove_file(home.dir.path().join("editor.log")).unwrap();
    home.cmd().env("EDITOR", &vi).args(["story", "edit"]).assert().success();
    assert_eq!(home.editor_log(), format!("+3 {name}\n"));
    assert_eq!(home.read(), TWO);
}

#[test]
fn the_story_file_defaults_to_the_config_dir_and_the_flag_wins_over_the_environment() {
    let home = Home::new();
    let mut cmd = home.cmd();
    cmd.env_remove("STARDRILL_STORIES").args(["story", "new", "--title", "x", "--no-edit"]).assert().success();
    #[cfg(target_os = "linux")]
    assert!(home.dir.path().join("xdg/stardrill/stories.yaml").is_file());
    let flag = home.dir.path().join("flag.yaml");
    home.cmd().args(["story", "new", "--title", "y", "--no-edit", "--stories"]).arg(&flag).assert().success();
    assert!(std::fs::read_to_string(&flag).unwrap().contains("- id: y\n"));
    assert!(!home.stories().exists(), "the flag wins over STARDRILL_STORIES");
}

#[test]
fn list_and_show_say_how_often_a_story_was_told_from_the_history() {
    use stardrill::history::{Record, Scores};
    let home = Home::new();
    home.write(TWO);
    let bank = stardrill::bank::Bank::bundled().unwrap();
    let q = &bank.questions[4];
    let record = |story: Option<&str>, at: &str, scores: [u8; 4]| Record {
        story_id: story.map(str::to_string),
        ..Record::of_question(q, "s", chrono::DateTime::parse_from_rfc3339(at).unwrap(), Scores::from_parts(scores))
    };
    let lines: Vec<String> = [
        record(Some("checkout-outage"), "2026-11-20T10:00:00+00:00", [4, 4, 4, 4]),
        record(None, "2026-11-21T10:00:00+00:00", [1, 1, 1, 1]),
        record(Some("checkout-outage"), "2026-11-22T09:30:00+00:00", [3, 2, 3, 2]),
        record(Some("pricing-call"), "2026-11-21T11:00:00+00:00", [5, 5, 4, 4]),
    ]
    .iter()
    .map(|r| serde_json::to_string(r).unwrap())
    .collect();
    std::fs::write(home.dir.path().join("history.jsonl"), lines.join("\n") + "\n").unwrap();
    // (4.0 + 2.5) / 2 = 3.25, last on the 22nd.
    let out = home.ok(&["story", "show", "checkout-outage"]);
    assert!(out.contains("\nTold in 2 drills · mean overall 3.25 · last 2026-11-22 09:30\n"), "{out}");
    let rows = home.json(&["story", "list", "--json"]);
    assert_eq!(rows[0]["told"], 2);
    assert_eq!(rows[0]["mean_overall"], 3.25);
    assert_eq!(rows[0]["last_told"], "2026-11-22T09:30:00+00:00");
    assert_eq!(rows[1]["told"], 1);
    assert_eq!(rows[1]["mean_overall"], 4.5);
    // `story show --json` and `stats --json` give each story's figures in the same form.
    let shown = home.json(&["story", "show", "checkout-outage", "--json"]);
    let stats = home.json(&["stats", "--json"]);
    for (i, row) in rows.as_array().unwrap().iter().enumerate() {
        for key in ["told", "mean_overall", "last_told"] {
            assert_eq!(stats["stories"][i][key], row[key], "{key} of {}", row["id"]);
            if i == 0 {
                assert_eq!(shown[key], row[key], "{key}");
            }
        }
    }
    let table = home.ok(&["story", "list"]);
    let header = table.lines().next().unwrap();
    assert!(header.contains("TOLD") && header.contains("MEAN"), "{table}");
    let row = table.lines().nth(1).unwrap();
    assert!(row.contains(" 2 ") && row.contains("3.25"), "{table}");
    // Coverage: per principle the best mean of its stories, starred at 4 or more. Ownership's best is
    // pricing-call (4.50), Dive Deep's checkout-outage (3.25); pricing-call's five principles are starred.
    let out = home.ok(&["story", "coverage"]);
    let line = |name: &str| out.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("{name}:\n{out}"));
    assert!(line("Ownership ").contains("4.50 ★"), "{out}");
    assert!(line("Dive Deep ").contains("3.25 ") && !line("Dive Deep ").contains('★'), "{out}");
    assert!(line("Frugality ").contains(" –"), "{out}");
    assert!(out.contains("\n5 of 16 have a story you tell well"), "{out}");
    // A history that cannot be read leaves the stories listed, with a warning.
    std::fs::write(home.dir.path().join("history.jsonl"), "{not json\n").unwrap();
    home.cmd()
        .args(["story", "show", "pricing-call"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: skipped 1 unreadable line"));
}
