//! Properties of the two readers of untrusted files: the bank loader and the history reader never
//! panic on any input, answer quickly, and stay bounded (no more records than lines; every problem
//! at a real place in the file).

use std::time::{Duration, Instant};

use proptest::prelude::*;
use stardrill::bank::load::{Source, load_paths, load_sources};
use stardrill::history::store;

const MINI: &str = include_str!("fixtures/good/mini.yaml");
const RUBRICS: &str = include_str!("../questions/rubrics.yaml");

/// Well under a second each on a slow machine; a hang or quadratic blow-up fails loudly.
const BUDGET: Duration = Duration::from_secs(3);

fn config() -> ProptestConfig {
    ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() }
}

/// Text that looks like YAML: keys, indentation, tabs, flow brackets, anchors, quotes, escapes, BOMs,
/// and control characters, in any order.
fn yamlish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("bank: b\n".to_string()),
        Just("title: T\n".to_string()),
        Just("questions:\n".to_string()),
        Just("- id: q\n".to_string()),
        Just("  number: 1\n".to_string()),
        Just("  minutes: 1e30\n".to_string()),
        Just("  answer:\n  - heading: H\n    star: result\n".to_string()),
        Just("  ".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just(": ".to_string()),
        Just("- ".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just(", ".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("!!str ".to_string()),
        Just("\"\\e]0;x\\a\"".to_string()),
        Just("'q'".to_string()),
        Just("|\n".to_string()),
        Just(">-\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("# c\n".to_string()),
        Just("---\n".to_string()),
        "[a-z0-9 ]{0,12}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(token, 0..120).prop_map(|t| t.concat())
}

/// `base` with a slice cut out and something else put in its place.
fn mangled(base: &'static str) -> impl Strategy<Value = String> {
    (0..base.len(), 0..200usize, yamlish()).prop_map(move |(at, cut, insert)| {
        let start = (0..=at).rev().find(|&i| base.is_char_boundary(i)).unwrap_or(0);
        let end = (start + cut).min(base.len());
        let end = (end..=base.len()).find(|&i| base.is_char_boundary(i)).unwrap_or(base.len());
        format!("{}{insert}{}", &base[..start], &base[end..])
    })
}

/// The mini bank with a slice cut out and something else put in its place.
fn mangled_mini() -> impl Strategy<Value = String> {
    mangled(MINI)
}

fn check_text(text: String) -> Result<(), TestCaseError> {
    check_named("prop.yaml", text)
}

/// Load `text` as the file `name` (a bank, or a probes or rubrics file by its name).
fn check_named(name: &str, text: String) -> Result<(), TestCaseError> {
    let lines = text.split('\n').count();
    let start = Instant::now();
    let result = load_sources(&[Source { name: name.into(), text }]);
    prop_assert!(start.elapsed() < BUDGET, "took {:?}", start.elapsed());
    if let Err(e) = result {
        prop_assert!(!e.problems.is_empty());
        for p in &e.problems {
            prop_assert!(p.line.is_none_or(|l| l >= 1 && l <= lines), "{p} is past the last line {lines}");
            let shown = p.to_string();
            prop_assert!(!shown.contains(['\u{1b}', '\u{7}', '\u{9b}']), "raw control in {shown:?}");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_bank_loader_survives_yamlish_text(text in yamlish()) {
        check_text(text)?;
    }

    #[test]
    fn the_bank_loader_survives_a_mangled_bank(text in mangled_mini()) {
        check_text(text)?;
    }

    #[test]
    fn the_rubrics_loader_survives_a_mangled_rubrics_file(text in mangled(RUBRICS)) {
        check_named("prop/rubrics.yaml", text)?;
    }

    #[test]
    fn the_bank_loader_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bytes.yaml");
        std::fs::write(&path, &bytes).unwrap();
        let start = Instant::now();
        let result = load_paths(std::slice::from_ref(&path));
        prop_assert!(start.elapsed() < BUDGET, "took {:?}", start.elapsed());
        if let Err(e) = result {
            prop_assert!(!e.problems.is_empty());
        }
    }

    #[test]
    fn the_history_reader_survives_arbitrary_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..4096),
        // Sometimes a real record among the noise, so the parse path is exercised too.
        record_at in prop::option::of(0usize..4096),
    ) {
        let record = r#"{"version":1,"session_id":"s","answered_at":"2026-11-26T10:00:00+00:00","bank":"b","question_id":"q","question_number":1,"question_title":"T","level":"L6","leadership_principles":[],"time_limit_secs":180,"time_used_secs":10.0,"paused_secs":0.0,"scores":{"situation":1,"task":2,"action":3,"result":4},"overall":2.5}"#;
        let mut bytes = bytes;
        if let Some(at) = record_at {
            let at = at.min(bytes.len());
            bytes.splice(at..at, format!("\n{record}\n").into_bytes());
        }
        let lines = bytes.split(|b| *b == b'\n').count();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        std::fs::write(&path, &bytes).unwrap();
        let start = Instant::now();
        let mut records = Vec::new();
        let skipped = store::for_each(&path, |r| records.push(r)).unwrap();
        prop_assert!(start.elapsed() < BUDGET, "took {:?}", start.elapsed());
        prop_assert!(records.len() + skipped.len() <= lines,
            "{} records and {} skipped from {lines} lines", records.len(), skipped.len());
        prop_assert!(skipped.iter().all(|s| s.line >= 1 && s.line <= lines));
        if record_at.is_some() {
            prop_assert!(!records.is_empty(), "the whole record on its own line was not read");
        }
        for r in &records {
            prop_assert!(r.scores.all_valid());
        }
    }
}

/// Inputs the properties once found placing a problem past the end of the file.
#[test]
fn problems_at_the_end_of_a_file_stay_inside_it() {
    for text in ["!!str ", "# c\n\u{feff}", "bank: x\ntitle: t\nquestions: [", "[1, 2"] {
        let e = load_sources(&[Source { name: "end.yaml".into(), text: text.into() }]).unwrap_err();
        let lines = text.split('\n').count();
        for p in &e.problems {
            assert!(p.line.is_none_or(|l| (1..=lines).contains(&l)), "{text:?}: {p} is past the last line {lines}");
        }
    }
}
