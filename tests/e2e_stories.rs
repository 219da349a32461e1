//! End to end with your own story: `story new --no-edit` creates it, a drill in a pseudo-terminal picks
//! it while answering, Reveal shows it beside the model answer, the saved score names it, and
//! `story show` counts it.

#[path = "common/pty.rs"]
mod pty;

use std::time::Duration;

use assert_cmd::Command;
use pty::Spawn;
use pty::keys::{ENTER, ESC};

#[test]
fn a_story_created_on_the_command_line_is_picked_in_a_drill_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let stories = dir.path().join("stories.yaml");
    let history = dir.path().join("history.jsonl");
    let cli = || {
        let mut cmd = Command::cargo_bin("stardrill").unwrap();
        cmd.env_remove("STARDRILL_BANK")
            .env("STARDRILL_STORIES", &stories)
            .env("STARDRILL_HISTORY", &history)
            .env("HOME", dir.path())
            .env("TZ", "UTC");
        cmd
    };
    let out = cli().args(["story", "new", "--title", "The checkout outage", "--lp", "ownership", "--no-edit"]).output();
    let out = out.unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "the-checkout-outage\n");

    // Question 1 probes Ownership.
    let mut app = Spawn::new(["drill", "--id", "1", "--probes", "0"])
        .home(dir.path())
        .env("STARDRILL_STORIES", &stories)
        .env("STARDRILL_HISTORY", &history)
        .size(120, 40)
        .start();
    app.wait_for("Your stories for these principles");
    app.wait_for("  The checkout outage — Ownership");
    app.send("t");
    app.wait_for("▶ telling: The checkout outage");
    app.send(ENTER);
    app.wait_for("section 0 of");
    app.send("a");
    // Beside the model answer, the story's own parts: the template's prompts, as appended.
    app.wait_for("Your story: The checkout outage");
    app.wait_for("What you owned, and the goal");
    app.send(ENTER);
    app.wait_for("Rate your answer (1-5)");
    app.send("4");
    app.send("4");
    app.send("4");
    app.send("3");
    app.wait_for("Overall    3.75");
    app.send(ENTER);
    app.wait_for("Drill complete: 1 answer saved");
    app.send(ENTER);
    app.wait_for("of 59 questions");
    app.send("m");
    app.wait_for("Your stories · 1 story");
    app.send(ESC);
    app.wait_for("of 59 questions");
    app.send("q");
    assert_eq!(app.wait_exit(Duration::from_secs(5)), 0, "exit code{}", app.describe());

    let text = std::fs::read_to_string(&history).unwrap();
    let record: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(record["story_id"], "the-checkout-outage");
    let out = cli().args(["story", "show", "the-checkout-outage"]).output().unwrap();
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(shown.contains("Told in 1 drill · mean overall 3.75 · last "), "{shown}");
}

/// `n` on the Stories screen gives the terminal to the editor on a new story and takes it back: the
/// story written there is on the list, and the app goes on.
#[test]
fn n_on_the_stories_screen_writes_a_story_in_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let stories = dir.path().join("stories.yaml");
    // An "editor" that names the new story and notes that it ran.
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nfor f; do last=\"$f\"; done\nsed -i 's/title: \"New story\"/title: \"Launch rescue\"/' \"$last\"\ntouch \"$last.edited\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut app = Spawn::new(Vec::<&str>::new())
        .home(dir.path())
        .env("STARDRILL_STORIES", &stories)
        .env("STARDRILL_HISTORY", dir.path().join("history.jsonl"))
        .env("VISUAL", &editor)
        .size(120, 40)
        .start();
    app.wait_for("of 59 questions");
    app.send("m");
    app.wait_for("n new story");
    app.send("n");
    app.wait_for("Story file saved: 1 story.");
    app.wait_for("Launch rescue");
    assert!(dir.path().join("stories.yaml.edited").exists(), "the editor ran");
    let text = std::fs::read_to_string(&stories).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=stories.schema.json"), "{text}");
    assert!(text.contains("title: \"Launch rescue\""), "{text}");
    // The app has the keyboard again.
    app.send("q");
    app.wait_for("of 59 questions");
    app.send("q");
    assert_eq!(app.wait_exit(Duration::from_secs(5)), 0, "exit code{}", app.describe());
    app.assert_terminal_restored();
}
