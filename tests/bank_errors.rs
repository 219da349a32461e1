//! Bad bank files: each gives a clear message naming the file, the line and column, and what was
//! expected — through the loader, `stardrill validate FILE` and `stardrill --bank FILE list` — never a panic.
//! The fixtures are under tests/fixtures/bad/, one defect each; binary and oversized ones are written here.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use stardrill::bank::load::{MAX_FILE_BYTES, load_paths};
use stardrill::bank::{LoadError, Problem};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad").join(name)
}

/// The outcome of one run of the binary.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn stardrill(args: &[&str]) -> Run {
    let out = Command::cargo_bin("stardrill")
        .unwrap()
        .env_remove("STARDRILL_BANK")
        .env("NO_COLOR", "1")
        .args(args)
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "stardrill {args:?} panicked:\n{}", run.stderr);
    run
}

fn load_error(path: &Path) -> LoadError {
    match load_paths(&[path.to_path_buf()]) {
        Ok(bank) => panic!("{} loaded ({} questions) but should not have", path.display(), bank.questions.len()),
        Err(e) => e,
    }
}

/// Where a problem should point: line, column, and the fixture text that starts there.
type At = Option<(usize, usize, &'static str)>;

/// The fixture really has `text` at `line`:`column`, so the expected position is the defect's.
fn assert_fixture_has(path: &Path, (line, column, text): (usize, usize, &str)) {
    let content = std::fs::read_to_string(path).unwrap();
    let l = content.lines().nth(line - 1).unwrap_or_else(|| panic!("{} has no line {line}", path.display()));
    let rest: String = l.chars().skip(column - 1).collect();
    assert!(rest.starts_with(text), "{}:{line}:{column} is {rest:?}, not {text:?}", path.display());
}

/// The single problem of a one-defect file, checked through the library and both commands.
fn expect_one_problem(path: &Path, at: At, needles: &[&str]) -> Problem {
    if let Some(at) = at {
        assert_fixture_has(path, at);
    }
    let name = path.display().to_string();

    // The library: exactly one problem, on this file, at this place, saying this.
    let err = load_error(path);
    assert_eq!(err.problems.len(), 1, "expected one problem, got:\n{err}");
    let p = err.problems[0].clone();
    assert_eq!(p.file, name);
    assert_eq!((p.line, p.column), (at.map(|a| a.0), at.map(|a| a.1)), "position of: {p}");
    for n in needles {
        assert!(p.message.contains(n), "{n:?} not in: {p}");
    }
    let shown = p.to_string();
    match at {
        Some((l, c, _)) => assert!(shown.starts_with(&format!("{name}:{l}:{c}: ")), "{shown}"),
        None => assert!(shown.starts_with(&format!("{name}: ")), "{shown}"),
    }

    // `validate FILE`: the problem on stdout, a summary, exit 1.
    let run = stardrill(&["validate", &name]);
    assert_eq!(run.code, 1, "validate {name}:\n{}{}", run.stdout, run.stderr);
    assert!(run.stdout.lines().any(|l| l == shown), "validate did not print {shown:?}:\n{}", run.stdout);
    assert!(run.stdout.contains(&format!("{name}: 1 problem\n")), "{}", run.stdout);
    assert!(run.stderr.contains("error: validation failed: 1 problem\n"), "{}", run.stderr);

    // `--bank FILE list`: refuses to run on it, with the same message, exit 1.
    let run = stardrill(&["--bank", &name, "list"]);
    assert_eq!(run.code, 1, "--bank {name} list:\n{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains(&shown), "--bank did not print {shown:?}:\n{}", run.stderr);
    assert!(run.stderr.contains("stardrill validate"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "list printed despite a bad bank:\n{}", run.stdout);
    p
}

#[test]
fn yaml_syntax_error() {
    // An unclosed `[` on line 13: the parser trips on the next `key:` line.
    let p = expect_one_problem(&fixture("syntax.yaml"), Some((14, 9, ": Tell me")), &["YAML syntax error"]);
    assert!(p.message.len() > "YAML syntax error: ".len(), "says what the parser found: {p}");
}

#[test]
fn missing_required_field() {
    expect_one_problem(
        &fixture("missing_field.yaml"),
        Some((5, 3, "id: missing-title")),
        &["question 1: missing field `title`"],
    );
}

#[test]
fn unknown_field() {
    expect_one_problem(
        &fixture("unknown_field.yaml"),
        Some((13, 3, "difficulty: hard")),
        &["unknown field `difficulty`", "expected one of `id`, `number`, `title`"],
    );
}

#[test]
fn wrong_type() {
    let p = expect_one_problem(
        &fixture("wrong_type.yaml"),
        Some((12, 12, "three")),
        &["question 1: minutes is ", "\"three\"", "expected a positive whole number"],
    );
    assert!(!p.message.contains("u32"), "no Rust type names in messages: {p}");
}

#[test]
fn duplicate_id() {
    let path = fixture("duplicate_id.yaml");
    assert_fixture_has(&path, (5, 7, "same-id"));
    let p = expect_one_problem(&path, Some((31, 7, "same-id")), &["duplicate id \"same-id\""]);
    assert!(p.message.contains(&format!("also used at {}:5:7", path.display())), "points at the first use: {p}");
}

#[test]
fn duplicate_number() {
    let path = fixture("duplicate_number.yaml");
    assert_fixture_has(&path, (6, 11, "4"));
    let p = expect_one_problem(&path, Some((32, 11, "4")), &["duplicate number 4"]);
    assert!(p.message.contains(&format!("also used at {}:6:11", path.display())), "points at the first use: {p}");
}

#[test]
fn misspelt_principle_gets_a_did_you_mean() {
    expect_one_problem(
        &fixture("principle_typo.yaml"),
        Some((15, 5, "Customer Obssession")),
        &["question 1", "unknown Leadership Principle \"Customer Obssession\"", "did you mean \"Customer Obsession\"?"],
    );
}

#[test]
fn unknown_principle_points_to_the_sixteen() {
    let p = expect_one_problem(
        &fixture("principle_unknown.yaml"),
        Some((15, 5, "Synergy")),
        &["unknown Leadership Principle \"Synergy\"", "one of the 16 canonical names", "stardrill principles"],
    );
    assert!(!p.message.contains("did you mean"), "no guess when nothing is close: {p}");
    // And the command it points to does list the 16.
    let run = stardrill(&["principles", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(list.as_array().map(Vec::len), Some(16));
}

#[test]
fn level_range_that_runs_backwards() {
    expect_one_problem(
        &fixture("level_backwards.yaml"),
        Some((9, 10, "L9-L5")),
        &["bad level \"L9-L5\"", "runs backwards", "low to high"],
    );
}

#[test]
fn level_that_is_a_word() {
    expect_one_problem(
        &fixture("level_word.yaml"),
        Some((9, 10, "senior")),
        &["bad level \"senior\"", "expected a level like \"L5\", a range like \"L5-L6\" or an open range like \"L6+\""],
    );
}

#[test]
fn section_without_star() {
    // Points at the section itself (its first key), not at a `:` inside it.
    expect_one_problem(
        &fixture("section_no_star.yaml"),
        Some((22, 5, "heading: Task")),
        &["section \"Task\" has no `star` phase", "expected situation, task, action or result"],
    );
}

#[test]
fn unknown_star_phase() {
    expect_one_problem(
        &fixture("star_unknown.yaml"),
        Some((29, 11, "conclusion")),
        &["section \"Result\" has unknown star phase \"conclusion\"", "expected situation, task, action or result"],
    );
}

#[test]
fn question_with_no_answer_sections() {
    expect_one_problem(
        &fixture("no_answer.yaml"),
        Some((18, 11, "[]")),
        &["question 1", "the answer has no sections", "`heading` and `star`"],
    );
}

#[test]
fn empty_file() {
    let path = fixture("empty.yaml");
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 0, "the fixture is empty");
    expect_one_problem(&path, None, &["the file is empty", "expected a bank with `bank`, `title` and `questions`"]);
}

#[test]
fn file_of_only_comments_is_empty_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("comments.yaml");
    std::fs::write(&path, "# nothing here yet\n\n# still nothing\n").unwrap();
    expect_one_problem(&path, None, &["the file is empty"]);
}

#[test]
fn bank_with_no_questions() {
    expect_one_problem(
        &fixture("empty_bank.yaml"),
        Some((4, 12, "[]")),
        &["the bank has no questions", "expected at least one under `questions:`"],
    );
}

#[test]
fn non_utf8_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.yaml");
    // "café" in Latin-1: the 0xE9 byte is the 11th character of line 2.
    std::fs::write(&path, b"bank: latin\ntitle: caf\xe9\nquestions: []\n").unwrap();
    let err = load_error(&path);
    assert_eq!(err.problems.len(), 1, "{err}");
    let p = &err.problems[0];
    assert_eq!((p.line, p.column), (Some(2), Some(11)), "{p}");
    assert!(p.message.contains("invalid UTF-8 (byte 0xe9)") && p.message.contains("must be UTF-8"), "{p}");

    let name = path.display().to_string();
    let run = stardrill(&["validate", &name]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains(&format!("{name}:2:11: invalid UTF-8 (byte 0xe9)")), "{}", run.stdout);
    assert!(run.stdout.contains(&format!("{name}: 1 problem\n")), "no second, spurious problem:\n{}", run.stdout);
}

#[test]
fn file_over_five_mib_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    let size = usize::try_from(MAX_FILE_BYTES).unwrap() + 1;
    let mut text = String::from("bank: huge\ntitle: Huge\nquestions: []\n# ");
    text.push_str(&"x".repeat(size - text.len()));
    std::fs::write(&path, &text).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().len(), MAX_FILE_BYTES + 1);

    let err = load_error(&path);
    assert_eq!(err.problems.len(), 1, "{err}");
    let p = &err.problems[0];
    assert_eq!(p.line, None);
    // Measured while reading (a device or a growing file has no useful size beforehand).
    assert!(p.message.contains("file is more than 5242880 bytes"), "{p}");
    assert!(p.message.contains("at most 5242880 bytes (5 MiB)"), "{p}");

    let name = path.display().to_string();
    let run = stardrill(&["validate", &name]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains(&format!("{name}: file is more than 5242880 bytes")), "{}", run.stdout);
    assert!(run.stdout.contains(&format!("{name}: 1 problem\n")), "no second, spurious problem:\n{}", run.stdout);
}

#[test]
fn file_of_exactly_five_mib_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.yaml");
    let mut text = String::from("# ");
    text.push_str(&"x".repeat(usize::try_from(MAX_FILE_BYTES).unwrap() - 3));
    text.push('\n');
    std::fs::write(&path, &text).unwrap();
    let err = load_error(&path);
    // Not refused for its size: it is read, and found to hold nothing.
    assert_eq!(err.problems.len(), 1, "{err}");
    assert!(err.problems[0].message.contains("the file is empty"), "{err}");
}

#[test]
fn yaml_aliases_are_refused_not_expanded() {
    let path = fixture("aliases.yaml");
    let started = Instant::now();
    let err = load_error(&path);
    let took = started.elapsed();
    // Expanded, the last alias would be 10^9 strings; refused, it takes milliseconds.
    assert!(took < Duration::from_secs(2), "took {took:?}");
    let p = expect_one_problem(
        &path,
        Some((5, 8, "*a")),
        &["YAML alias (*name) found", "aliases are not allowed in a bank file", "write the value out in full"],
    );
    assert_eq!(err.problems[0], p);
    assert!(p.message.contains("(81 aliases in the file)"), "one problem, with a count: {p}");
}

#[test]
fn directory_without_yaml_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a bank").unwrap();
    std::fs::write(dir.path().join("bank.json"), "{}").unwrap();
    let name = dir.path().display().to_string();

    let err = load_error(dir.path());
    assert_eq!(err.problems.len(), 1, "{err}");
    assert_eq!(err.problems[0].file, name);
    assert!(err.problems[0].message.contains("directory holds no .yaml or .yml files"), "{err}");

    let run = stardrill(&["validate", &name]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains(&format!("{name}: directory holds no .yaml or .yml files")), "{}", run.stdout);
    assert!(!run.stdout.contains("no bank files given"), "no second, spurious problem:\n{}", run.stdout);
    assert!(run.stderr.contains("validation failed: 1 problem\n"), "{}", run.stderr);

    let run = stardrill(&["--bank", &name, "list"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains(&format!("{name}: directory holds no .yaml or .yml files")), "{}", run.stderr);
    assert!(run.stderr.contains("the question bank has 1 problem;"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn missing_path() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("nope.yaml").display().to_string();
    let run = stardrill(&["validate", &name]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains(&format!("{name}: cannot read:")), "{}", run.stdout);
    let run = stardrill(&["--bank", &name, "show", "1"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains(&format!("{name}: cannot read:")), "{}", run.stderr);
}

#[test]
fn validate_reports_every_problem_in_a_file() {
    let path = fixture("several_problems.yaml");
    let name = path.display().to_string();
    let expected: [(usize, usize, &str, &str); 5] = [
        (9, 10, "senior", "bad level \"senior\""),
        (11, 9, "interview", "unknown kind \"interview\": expected behavioral, product-strategy or technical"),
        (15, 5, "Customer Obssession", "did you mean \"Customer Obsession\"?"),
        (22, 5, "heading: Task", "section \"Task\" has no `star` phase"),
        (25, 11, "act", "unknown star phase \"act\""),
    ];
    let err = load_error(&path);
    assert_eq!(err.problems.len(), expected.len(), "{err}");

    let run = stardrill(&["validate", &name]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let reported: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with(&format!("{name}:"))).collect();
    assert_eq!(reported.len(), expected.len() + 1, "five problems and a count:\n{}", run.stdout);
    for ((line, column, text, says), got) in expected.iter().zip(&reported) {
        assert_fixture_has(&path, (*line, *column, text));
        let want = format!("{name}:{line}:{column}: question 1: ");
        assert!(got.starts_with(&want) && got.contains(says), "expected {want}…{says}…, got {got}");
    }
    assert_eq!(reported[5], format!("{name}: 5 problems"));
    assert!(run.stderr.contains("error: validation failed: 5 problems\n"), "{}", run.stderr);
}

#[test]
fn validate_checks_every_path_and_fails_if_any_is_bad() {
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/mini.yaml");
    let bad = fixture("level_word.yaml");
    let run = stardrill(&["validate", &good.display().to_string(), &bad.display().to_string()]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains(&format!("{}: 2 questions, 8 sections: OK", good.display())), "{}", run.stdout);
    assert!(run.stdout.contains("bad level \"senior\""), "{}", run.stdout);
    assert!(run.stderr.contains("validation failed: 1 problem in 1 of 2 paths"), "{}", run.stderr);
}

#[test]
fn a_good_and_a_bad_directory_entry_still_fail() {
    // One bad file in a bank directory fails the whole directory, naming the bad file.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/mini.yaml"),
        dir.path().join("a.yaml"),
    )
    .unwrap();
    std::fs::copy(fixture("star_unknown.yaml"), dir.path().join("b.yml")).unwrap();
    let run = stardrill(&["validate", &dir.path().display().to_string()]);
    assert_eq!(run.code, 1);
    let b = dir.path().join("b.yml").display().to_string();
    assert!(
        run.stdout.contains(&format!("{b}:29:11: question 1: section \"Result\" has unknown star phase")),
        "{}",
        run.stdout
    );
}

// Bad usage: clap's exit code 2, with a message that says what is accepted.

#[test]
fn bad_level_on_the_command_line_is_a_usage_error() {
    let run = stardrill(&["list", "--level", "senior"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("bad level \"senior\""), "{}", run.stderr);
    assert!(run.stderr.contains("such as L5, 6, 5-6, L5-L7 or L6+"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn ambiguous_principle_lists_the_candidates() {
    let run = stardrill(&["list", "--lp", "and"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("'and' matches more than one Leadership Principle"), "{}", run.stderr);
    for candidate in [
        "Invent and Simplify",
        "Learn and Be Curious",
        "Hire and Develop the Best",
        "Have Backbone; Disagree and Commit",
        "Success and Scale Bring Broad Responsibility",
    ] {
        assert!(run.stderr.contains(candidate), "{candidate} missing:\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("Customer Obsession"), "only the candidates:\n{}", run.stderr);
}

#[test]
fn unknown_principle_on_the_command_line_lists_all_sixteen() {
    let run = stardrill(&["list", "--lp", "synergy"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no Leadership Principle matches 'synergy'; the 16 are:"), "{}", run.stderr);
    for name in stardrill::bank::principle::NAMES {
        assert!(run.stderr.contains(name), "{name} missing:\n{}", run.stderr);
    }
}

#[test]
fn other_usage_errors_exit_2() {
    for args in [&["list", "--kind", "story"][..], &["show"], &["validate"], &["list", "--nope"]] {
        let run = stardrill(args);
        assert_eq!(run.code, 2, "stardrill {args:?}:\n{}", run.stderr);
        assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    }
}

/// A malformed question does not hide the problems of the others.
#[test]
fn one_malformed_question_does_not_hide_the_others() {
    let good = std::fs::read_to_string(fixture("missing_field.yaml")).unwrap();
    // Question 1 lacks its title (a shape error); question 2 has a bad level and an unknown principle.
    let second = good
        .split_once("questions:\n")
        .unwrap()
        .1
        .replace("id: missing-title", "id: second")
        .replace("number: 1", "number: 2")
        .replace("  category:", "  title: Second\n  category:")
        .replace("level: L5-L6", "level: senior")
        .replace("- Earn Trust", "- Earn Trusst");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.yaml");
    std::fs::write(&path, format!("{good}{second}")).unwrap();
    let err = load_error(&path);
    let shown = err.to_string();
    assert_eq!(err.problems.len(), 3, "{shown}");
    assert!(shown.contains("question 1: missing field `title`"), "{shown}");
    assert!(shown.contains("question 2: bad level \"senior\""), "{shown}");
    assert!(shown.contains("did you mean \"Earn Trust\"?"), "{shown}");
}

/// An unknown key does not hide the other problems of its question: both lists are reported, each
/// at its place.
#[test]
fn an_unknown_key_does_not_hide_the_questions_other_problems() {
    let text = "bank: mine\ntitle: Mine\nquestions:\n\
        - id: Bad_Id\n  colour: blue\n  number: 1\n  title: T\n  category: C\n  level: senior\n  role: PM\n\
        \x20 kind: interview\n  minutes: 0\n  leadership_principles: [Frugality]\n  prompt: P\n  answer:\n\
        \x20 - {heading: S, star: situation, text: s}\n  - {heading: T, star: task, text: t}\n\
        \x20 - {heading: A, star: action, text: a}\n  - {heading: R, star: result, text: r}\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one.yaml");
    std::fs::write(&path, text).unwrap();
    let name = path.display().to_string();
    let run = stardrill(&["validate", &name]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    for want in [
        format!("{name}:5:3: question 1: unknown field `colour`, expected one of `id`, `number`"),
        format!("{name}:4:7: question 1: bad id \"Bad_Id\": expected lower-case letters"),
        format!("{name}:9:10: question 1: bad level \"senior\""),
        format!("{name}:11:9: question 1: unknown kind \"interview\""),
        format!("{name}:12:12: question 1: minutes is 0: expected a positive whole number of minutes"),
        format!("{name}: 5 problems"),
    ] {
        assert!(run.stdout.lines().any(|l| l.starts_with(&want)), "{want} missing:\n{}", run.stdout);
    }
}

/// A key written as a number or `true` (a stray `7: x`) is an unknown field at its own place, in a
/// question and in an answer section, and the question's other fields are still read.
#[test]
fn a_key_that_is_not_a_name_is_an_unknown_field_at_its_place() {
    let text = "bank: mine\ntitle: Mine\nquestions:\n\
        - id: q\n  7: stray\n  number: 1\n  title: T\n  category: C\n  level: L5\n  role: PM\n\
        \x20 kind: behavioral\n  minutes: 0\n  leadership_principles: [Frugality]\n  prompt: P\n  answer:\n\
        \x20 - {heading: S, star: situation, text: s, true: x}\n  - {heading: T, star: task, text: t}\n\
        \x20 - {heading: A, star: action, text: a}\n  - {heading: R, star: result, text: r}\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.yaml");
    std::fs::write(&path, text).unwrap();
    let name = path.display().to_string();
    let run = stardrill(&["validate", &name]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    for want in [
        format!("{name}:5:3: question 1: unknown field `7`, expected one of `id`, `number`"),
        format!("{name}:16:44: question 1: unknown field `true`, expected one of `heading`, `star`"),
        format!("{name}:12:12: question 1: minutes is 0"),
        format!("{name}: 3 problems"),
    ] {
        assert!(run.stdout.lines().any(|l| l.starts_with(&want)), "{want} missing:\n{}", run.stdout);
    }
    assert!(!run.stdout.contains("field identifier"), "{}", run.stdout);
}

/// A value of the wrong shape is named the way the README names it (the schema's own `expecting`
/// texts, no Rust type names), at its place; an unknown top-level key is reported at its key and
/// does not stop the questions being checked.
#[test]
fn wrong_shapes_are_named_as_the_readme_names_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shapes.yaml");
    std::fs::write(
        &path,
        "bank: x\ntitle: T\ncolour: red\nquestions:\n- [1]\n- id: b\n  number: 2\n  title: T\n  category: C\n  \
         level: L5\n  role: R\n  kind: behavioral\n  minutes: 3\n  leadership_principles: [Frugality]\n  prompt: P\n  \
         answer:\n  - just a string\n",
    )
    .unwrap();
    let name = path.display().to_string();
    let shown = load_error(&path).to_string();
    for want in [
        format!("{name}:3:1: unknown field `colour`, expected one of `bank`, `title`, `description`, `questions`"),
        format!("{name}:5:3: question 1: invalid type: sequence, expected a question: a mapping with `id`"),
        format!(
            "{name}:17:5: question 2: answer[0]: invalid type: string \"just a string\", expected an answer section"
        ),
    ] {
        assert!(shown.lines().any(|l| l.starts_with(&want)), "{want}\nnot in:\n{shown}");
    }
    assert!(!shown.contains("struct"), "{shown}");
    let list = dir.path().join("list.yaml");
    std::fs::write(&list, "- a\n- b\n").unwrap();
    let shown = load_error(&list).to_string();
    assert_eq!(
        shown,
        format!(
            "{}:1:1: invalid type: sequence, expected a bank: a mapping with `bank`, `title` and `questions`",
            list.display()
        )
    );
}
