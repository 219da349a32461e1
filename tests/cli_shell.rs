//! `stardrill completions` and `stardrill man`: the scripts a shell sources and the page `man` renders.

use std::process::Stdio;

use assert_cmd::Command;
use clap::CommandFactory;
use stardrill::cli::Cli;

fn stardrill() -> Command {
    let mut cmd = Command::cargo_bin("stardrill").unwrap();
    cmd.env_remove("STARDRILL_BANK").env_remove("STARDRILL_HISTORY").env_remove("STARDRILL_STORIES");
    cmd
}

fn output(args: &[&str]) -> String {
    let out = stardrill().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// What bash offers after `words` (the last one being completed), with the script sourced.
fn bash_offers(script: &std::path::Path, words: &[&str]) -> Vec<String> {
    let words_q: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let cword = words.len() - 1;
    let cur = words[cword];
    let prev = words[cword - 1];
    let line = format!(
        "source '{}' && COMP_WORDS=({}) && COMP_CWORD={cword} && _stardrill stardrill '{cur}' '{prev}' && \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        words_q.join(" ")
    );
    let out = std::process::Command::new("bash").args(["--norc", "--noprofile", "-c", &line]).output().unwrap();
    assert!(out.status.success(), "{line}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect()
}

#[test]
fn the_bash_script_sources_cleanly_and_registers_stardrill() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("stardrill.bash");
    std::fs::write(&script, output(&["completions", "bash"])).unwrap();
    let out = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &format!("source '{}' && complete -p stardrill", script.display())])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "sourcing printed something");
    let registered = String::from_utf8(out.stdout).unwrap();
    assert!(registered.contains("-F _stardrill") && registered.trim_end().ends_with(" stardrill"), "{registered}");

    // Commands, principle slugs, kinds and question ids are offered.
    let commands = bash_offers(&script, &["stardrill", "hi"]);
    assert_eq!(commands, ["history"], "{commands:?}");
    let slugs = bash_offers(&script, &["stardrill", "list", "--lp", "have"]);
    assert_eq!(slugs, ["have-backbone-disagree-and-commit"]);
    let kinds = bash_offers(&script, &["stardrill", "drill", "--kind", ""]);
    assert_eq!(kinds, ["behavioral", "product-strategy", "technical"]);
    let ids = bash_offers(&script, &["stardrill", "show", "aws-c"]);
    assert_eq!(ids, ["aws-cloud-architecture-deep-dive", "aws-cost-optimization-pricing"]);
    let ids = bash_offers(&script, &["stardrill", "drill", "--id", "heal"]);
    assert_eq!(ids, ["healthcare-market-entry"]);
}

#[test]
fn every_shell_gets_a_script_naming_the_commands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = output(&["completions", shell]);
        for word in ["stardrill", "history", "completions", "lp", "history"] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
        // clap_complete's elvish and powershell scripts complete commands and flags, not values.
        if ["bash", "zsh", "fish"].contains(&shell) {
            for word in ["ownership", "have-backbone-disagree-and-commit", "stakeholder-alignment-at-scale"] {
                assert!(script.contains(word), "{shell}: no {word}");
            }
        }
    }
    let out = stardrill().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("invalid value 'tcsh'") && e.contains("bash, elvish, fish, powershell, zsh"), "{e}");
}

#[test]
fn a_bank_given_adds_its_question_ids() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("mine.yaml");
    let mut yaml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/questions/amazon-pm.yaml")).unwrap();
    yaml = yaml.replace("stakeholder-alignment-at-scale", "my-own-question");
    std::fs::write(&bank, yaml).unwrap();
    let script = output(&["--bank", bank.to_str().unwrap(), "completions", "fish"]);
    assert!(script.contains("my-own-question"), "{script}");
}

/// Every command, `story new` and `config set` included, by its full name.
fn all_commands(cmd: &clap::Command, prefix: &str, into: &mut Vec<String>) {
    for sub in cmd.get_subcommands() {
        let name = format!("{prefix} {}", sub.get_name());
        into.push(name.clone());
        all_commands(sub, &name, into);
    }
}

#[test]
fn the_man_page_names_every_command() {
    let page = output(&["man"]);
    assert!(page.starts_with(".ie") || page.starts_with(".TH"), "{}", &page[..80]);
    assert!(page.contains(".TH stardrill 1"), "no title");
    let mut commands = Vec::new();
    all_commands(&Cli::command(), "stardrill", &mut commands);
    assert!(commands.len() >= 20, "{commands:?}");
    for name in &commands {
        let heading = format!(".SH \"{}\"", name.to_uppercase());
        assert!(page.contains(&heading), "no section {heading}");
        assert!(page.contains(&format!("\\fB{name}\\fR")), "{name} not listed under COMMANDS");
    }
    // The options of a command are described in its section.
    let drill = &page[page.find(".SH \"STARDRILL DRILL\"").unwrap()..];
    let drill = &drill[..drill[1..].find(".SH").unwrap()];
    assert!(drill.contains("\\-\\-count") && drill.contains("\\-\\-order"), "{drill}");
}

#[test]
fn man_renders_the_page_when_it_is_installed() {
    let has_man = std::process::Command::new("man").arg("--version").stdout(Stdio::null()).status();
    if !has_man.is_ok_and(|s| s.success()) {
        eprintln!("man is not installed here: rendering not checked");
        return;
    }
    let page = output(&["man"]);
    let mut child = std::process::Command::new("man")
        .args(["-l", "-"])
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("MANWIDTH", "100")
        .env("MAN_KEEP_FORMATTING", "")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(page.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("warning"), "{stderr}");
    // Bold is drawn with backspaces by some formatters: compare the text without them.
    let shown = String::from_utf8_lossy(&out.stdout);
    let mut plain = String::new();
    for c in shown.chars() {
        if c == '\u{8}' {
            plain.pop();
        } else {
            plain.push(c);
        }
    }
    for text in ["STARDRILL STORY NEW", "Timed mock-interview drills", "stardrill man | man -l -", "history.jsonl"] {
        assert!(plain.contains(text), "{text} not rendered:\n{plain}");
    }
}

/// The files table in README: on Linux the history follows `XDG_DATA_HOME` and the stories
/// `XDG_CONFIG_HOME`; a relative value is ignored, as the XDG specification says.
#[cfg(target_os = "linux")]
#[test]
fn the_files_follow_the_xdg_variables() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let config = dir.path().join("config");
    let out = stardrill().arg("history").env("XDG_DATA_HOME", &data).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("{}/stardrill/history.jsonl", data.display())), "{text}");
    let out = stardrill().args(["story", "list"]).env("XDG_CONFIG_HOME", &config).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("{}/stardrill/stories.yaml", config.display())), "{text}");
    let out = stardrill().arg("history").env("XDG_DATA_HOME", "relative").env("HOME", dir.path()).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("{}/.local/share/stardrill/history.jsonl", dir.path().display())), "{text}");
}
