//! Properties of the two readers of untrusted files: the bank loader and the history reader never
//! panic on any input, answer quickly, and stay bounded (no more records than lines; every problem
//! at a real place in the file). And of the coach reading a typed answer: blank text counts nothing.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use stardrill::bank::load::{Source, load_paths, load_sources};
use stardrill::history::store;

static BANK: std::sync::LazyLock<stardrill::bank::Bank> =
    std::sync::LazyLock::new(|| stardrill::bank::Bank::bundled().expect("the bundled banks load"));

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

/// White space only, in any mix and length (none at all included): a scratchpad or an answer file
/// with nothing said in it.
fn blank() -> impl Strategy<Value = String> {
    let space = prop::sample::select(vec![
        ' ', '\t', '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{a0}', '\u{1680}', '\u{2003}', '\u{2028}', '\u{2029}',
        '\u{202f}', '\u{3000}',
    ]);
    prop::collection::vec(space, 0..200).prop_map(|c| c.into_iter().collect())
}

proptest! {
    #![proptest_config(config())]

    /// Blank text is analysed as nothing said, against any question (or none) and any clock: no words,
    /// no speaking time, no voice, numbers, fillers, cues or learning, no key term or rubric point used;
    /// the limit is the clock's. In a drill, a blank scratchpad has no insights at all (none is saved).
    #[test]
    fn insights_of_blank_text_count_nothing(
        text in blank(),
        question in prop::option::of(0usize..1000),
        limit_secs in 1u64..=24 * 3600,
    ) {
        let bank = &*BANK;
        let question = question.map(|i| bank.questions[i % bank.questions.len()].clone());
        let a = stardrill::coach::insights::analyse(&text, question.as_ref().map(|q| (q, bank)));
        prop_assert_eq!((a.words, a.i_count, a.we_count), (0, 0, 0));
        prop_assert_eq!((a.speaking_secs, a.fillers_per_100), (0.0, 0.0));
        prop_assert!(a.numbers.is_empty() && a.fillers.is_empty(), "{:?} {:?}", a.numbers, a.fillers);
        prop_assert!(!a.result_quantified && !a.learning);
        prop_assert_eq!(a.star_cues, stardrill::bank::PerStar::default());
        prop_assert!(a.terms_used.is_empty() && a.rubric_covered.is_empty(), "{:?} {:?}", a.terms_used, a.rubric_covered);
        prop_assert_eq!(a.limit_secs, question.as_ref().map(|q| q.time_limit_secs()));
        if let Some(q) = question {
            // Nothing said: every key term (or rubric point) is missed.
            let terms = stardrill::coach::insights::key_terms(&q, bank);
            prop_assert_eq!(&a.terms_missed, &terms);
            prop_assert_eq!(a.rubric_missed.is_empty(), q.has_answer());
            let mut attempt = stardrill::drill::session::Attempt::start(
                q,
                std::time::Duration::from_secs(limit_secs),
                Instant::now(),
            );
            attempt.set_outline(text.clone(), bank);
            prop_assert!(attempt.insights.is_none(), "insights of a blank scratchpad: {:?}", attempt.insights);
            prop_assert_eq!(&attempt.outline, &text);
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
