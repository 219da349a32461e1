//! Hostile and odd bank files: control characters and escape sequences, devices and FIFOs, a byte-order
//! mark, out-of-range numbers, tabs, and answers missing a STAR phase. Each is refused (or read) with a
//! clear message at its file:line:col, fast, and nothing from the file reaches the terminal raw.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use stardrill::bank::LoadError;
use stardrill::bank::load::load_paths;

fn mini() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/mini.yaml")).unwrap()
}

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

impl Run {
    fn out(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
    fn err(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
}

fn stardrill(args: &[&str]) -> Run {
    let out = Command::cargo_bin("stardrill")
        .unwrap()
        .env_remove("STARDRILL_BANK")
        .env_remove("STARDRILL_HISTORY")
        .env("NO_COLOR", "1")
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let run = Run { code: out.status.code().unwrap_or(-1), stdout: out.stdout, stderr: out.stderr };
    assert!(!run.err().contains("panicked"), "stardrill {args:?} panicked:\n{}", run.err());
    run
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn load_error(path: &Path) -> LoadError {
    match load_paths(&[path.to_path_buf()]) {
        Ok(_) => panic!("{} loaded but should not have", path.display()),
        Err(e) => e,
    }
}

/// No byte that a terminal acts on: ESC, BEL, or any other C0 control but newline and tab.
fn assert_terminal_safe(bytes: &[u8], what: &str) {
    let bad: Vec<u8> = bytes.iter().copied().filter(|b| b.is_ascii_control() && *b != b'\n' && *b != b'\t').collect();
    assert!(bad.is_empty(), "{what} sent control bytes {bad:?}:\n{}", String::from_utf8_lossy(bytes));
    let text = String::from_utf8_lossy(bytes);
    assert!(!text.contains('\u{9b}'), "{what} sent a C1 CSI:\n{text}");
}

const TITLE_ATTACK: &str = "Launching \u{1b}]0;pwned\u{7} on \u{1b}[2J";

#[test]
fn control_characters_written_in_the_file_are_refused_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let text = mini().replace("Launching on a shoestring", TITLE_ATTACK);
    let path = write(dir.path(), "raw.yaml", &text);
    let err = load_error(&path);
    // ESC, BEL and the second ESC, each at its line and column (title is on line 8, value from column 10).
    let places: Vec<(Option<usize>, Option<usize>)> = err.problems.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(places, vec![(Some(8), Some(20)), (Some(8), Some(29)), (Some(8), Some(34))], "{err}");
    assert!(err.problems[0].message.contains("control character ^[ (U+001B)"), "{err}");
    assert!(err.problems[1].message.contains("control character ^G (U+0007)"), "{err}");

    let name = path.display().to_string();
    let run = stardrill(&["validate", &name]);
    assert_eq!(run.code, 1);
    assert_terminal_safe(&run.stdout, "validate");
    assert!(run.out().contains(&format!("{name}:8:20: control character ^[ (U+001B)")), "{}", run.out());
    let run = stardrill(&["--bank", &name, "list"]);
    assert_eq!(run.code, 1);
    assert_terminal_safe(&run.stderr, "--bank list");
}

#[test]
fn control_characters_from_yaml_escapes_are_refused_in_the_value() {
    let dir = tempfile::tempdir().unwrap();
    // Double-quoted YAML turns `\e` and `\a` into ESC and BEL; the file itself is plain text.
    let text = mini()
        .replace("Launching on a shoestring", "\"Launching \\e]0;pwned\\a on \\e[2J\"")
        .replace("text: A pilot with no headcount.", "text: \"A pilot\\nwith \\x1b[31mno\\x1b[0m headcount.\"")
        .replace("category: Test Category Beta", "category: \"Beta\\tTab\"");
    let path = write(dir.path(), "escaped.yaml", &text);
    let err = load_error(&path);
    let shown = err.to_string();
    assert_eq!(err.problems.len(), 3, "{shown}");
    assert!(
        shown.contains(":8:10: question 1: `title` holds control character ^[ (U+001B) at character 11"),
        "{shown}"
    );
    // Block text may break lines, but not colour the terminal.
    assert!(shown.contains("question 1: section \"Situation\" `text` holds control character ^[ (U+001B)"), "{shown}");
    // A tab in a one-line field is refused too; as written in the file it is pointed at exactly.
    assert!(shown.contains("question 2: `category` holds control character ^I (U+0009)"), "{shown}");
    assert_terminal_safe(shown.as_bytes(), "the load error");

    let run = stardrill(&["validate", &path.display().to_string()]);
    assert_eq!(run.code, 1);
    assert_terminal_safe(&run.stdout, "validate");
    assert_terminal_safe(&run.stderr, "validate");
}

#[test]
fn a_file_name_with_escape_sequences_is_shown_visibly() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "\u{1b}[2Jevil.yaml", "bank: x\n");
    let run = stardrill(&["validate", &path.display().to_string()]);
    assert_eq!(run.code, 1);
    assert_terminal_safe(&run.stdout, "validate");
    assert_terminal_safe(&run.stderr, "validate");
    assert!(run.out().contains("^[[2Jevil.yaml"), "{}", run.out());
}

#[test]
fn devices_are_refused_at_once() {
    let start = Instant::now();
    let run = stardrill(&["--bank", "/dev/zero", "list"]);
    assert_eq!(run.code, 1, "{}", run.err());
    assert!(run.err().contains("/dev/zero: a device, not a regular file"), "{}", run.err());
    let run = stardrill(&["validate", "/dev/null"]);
    assert_eq!(run.code, 1);
    assert!(run.out().contains("/dev/null: a device, not a regular file"), "{}", run.out());
    assert!(start.elapsed() < Duration::from_secs(10), "took {:?}", start.elapsed());
}

#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("bank.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let name = fifo.display().to_string();
    let start = Instant::now();
    let run = stardrill(&["--bank", &name, "list"]);
    assert_eq!(run.code, 1, "{}", run.err());
    assert!(run.err().contains(&format!("{name}: a FIFO (named pipe), not a regular file")), "{}", run.err());
    // In a directory, the FIFO is named among the bank files, not read.
    write(dir.path(), "good.yaml", &mini());
    let run = stardrill(&["validate", &dir.path().display().to_string()]);
    assert_eq!(run.code, 1);
    assert!(run.out().contains(&format!("{name}: a FIFO (named pipe), not a regular file")), "{}", run.out());
    assert!(start.elapsed() < Duration::from_secs(10), "took {:?}", start.elapsed());
}

#[test]
fn a_byte_order_mark_before_a_json_bank_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let json = r#"{"bank": "json", "title": "JSON bank", "questions": [
	{"id": "q", "number": 1, "title": "T", "category": "C", "level": "L5", "role": "PM",
	 "kind": "behavioral", "minutes": 3, "leadership_principles": ["Ownership"], "prompt": "P",
	 "answer": [{"heading": "S", "star": "situation", "text": "s"}, {"heading": "T", "star": "task", "text": "t"},
	            {"heading": "A", "star": "action", "text": "a"}, {"heading": "R", "star": "result", "text": "r"}]}]}
"#;
    let path = write(dir.path(), "bom.json", &format!("\u{feff}{json}"));
    let bank = load_paths(std::slice::from_ref(&path)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bank.questions.len(), 1);
    let run = stardrill(&["validate", &path.display().to_string()]);
    assert_eq!(run.code, 0, "{}{}", run.out(), run.err());
    assert!(run.out().ends_with(": 1 question, 4 sections: OK\n"), "{}", run.out());
}

#[test]
fn an_out_of_range_number_hides_no_other_problem() {
    let dir = tempfile::tempdir().unwrap();
    let text = mini()
        .replace("minutes: 3", "minutes: 1e30")
        .replace("level: L4-L5", "level: senior")
        .replace("minutes: 12", "minutes: -4")
        .replace("- Think Big", "- Think Bigg");
    let path = write(dir.path(), "numbers.yaml", &text);
    let err = load_error(&path);
    let shown = err.to_string();
    assert_eq!(err.problems.len(), 4, "{shown}");
    assert!(shown.contains(":13:12: question 1: minutes is 1e30: expected a positive whole number"), "{shown}");
    assert!(shown.contains("question 1: bad level \"senior\""), "{shown}");
    assert!(shown.contains("question 2: minutes is -4"), "{shown}");
    assert!(shown.contains("did you mean \"Think Big\"?"), "{shown}");
}

#[test]
fn a_tab_after_a_plain_scalar_is_reported_where_the_tab_is() {
    let dir = tempfile::tempdir().unwrap();
    let text = mini().replacen("  role: Product Manager\n", "  role: Product Manager\n\tkind: behavioral\n", 1);
    let path = write(dir.path(), "tab.yaml", &text);
    let err = load_error(&path);
    assert_eq!(err.problems.len(), 1, "{err}");
    let p = &err.problems[0];
    assert_eq!((p.line, p.column), (Some(12), Some(1)), "the tab starts line 12, not role's line 11: {p}");
    assert!(p.message.starts_with("YAML syntax error"), "{p}");
}

#[test]
fn every_answer_needs_all_four_star_phases() {
    let dir = tempfile::tempdir().unwrap();
    let text = mini().replacen("    star: result\n", "    star: action\n", 1).replacen(
        "    star: task\n",
        "    star: action\n",
        1,
    );
    let path = write(dir.path(), "nostar.yaml", &text);
    let err = load_error(&path);
    assert_eq!(err.problems.len(), 1, "{err}");
    let p = &err.problems[0];
    // At the answer: line 19 is `  answer:`, its first section starts at 20:5.
    assert_eq!((p.line, p.column), (Some(20), Some(5)), "{p}");
    assert!(p.message.contains("question 1: the answer has no Task, Result sections"), "{p}");
    assert!(p.message.contains("add a section with `star: task`, `star: result`"), "{p}");
}

#[test]
fn every_unknown_key_is_reported_at_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let text = mini().replacen("  minutes: 3\n", "  minutes: 3\n  difficulty: hard\n", 1).replacen(
        "    text: A pilot with no headcount.\n",
        "    text: A pilot with no headcount.\n    txet: typo\n",
        1,
    );
    let path = write(dir.path(), "keys.yaml", &text);
    let err = load_error(&path);
    let shown = err.to_string();
    assert_eq!(err.problems.len(), 2, "{shown}");
    assert!(shown.contains(":14:3: question 1: unknown field `difficulty`, expected one of `id`"), "{shown}");
    assert!(shown.contains(":24:5: question 1: unknown field `txet`, expected one of `heading`, `star`"), "{shown}");
}

/// A control character in `level`, `kind` or `star` is one problem (the control character), not a
/// second one at the same place for a bad value; a quoted `minutes` is shown visibly, not Debug-escaped.
#[test]
fn a_control_character_in_a_value_is_reported_once_and_shown_visibly() {
    let dir = tempfile::tempdir().unwrap();
    let text = mini()
        .replacen("level: L4-L5", "level: \"L4\\e[2J\"", 1)
        .replacen("kind: behavioral", "kind: \"behavioral\\a\"", 1)
        .replacen("star: task", "star: \"task\\e\"", 1)
        .replacen("minutes: 3", "minutes: \"3\\e[2J\"", 1);
    let path = write(dir.path(), "values.yaml", &text);
    let err = load_error(&path);
    let shown = err.to_string();
    let mut places: Vec<(Option<usize>, Option<usize>)> = err.problems.iter().map(|p| (p.line, p.column)).collect();
    places.dedup();
    assert_eq!(places.len(), err.problems.len(), "two problems at one place:\n{shown}");
    assert_eq!(err.problems.len(), 4, "{shown}");
    assert!(shown.contains(":10:10: question 1: `level` holds control character ^[ (U+001B)"), "{shown}");
    assert!(shown.contains(":12:9: question 1: `kind` holds control character ^G (U+0007)"), "{shown}");
    assert!(shown.contains("question 1: section \"Task\" `star` holds control character ^["), "{shown}");
    assert!(shown.contains(":13:12: question 1: minutes is \"3^[[2J\": expected a positive whole number"), "{shown}");
    assert!(!shown.contains("bad level") && !shown.contains("unknown kind") && !shown.contains("unknown star"));
    assert!(!shown.contains("\\u{1b}"), "{shown}");
}
