//! The banks that ship inside the binary.
//!
//! Their YAML files under `questions/` are the source. Loading and validating YAML takes milliseconds
//! (two parsers, positions, every check), too long for every start, so the binary embeds the bank that
//! validation produced, as JSON in `src/bank/compiled/bundled.json`, and reads that in microseconds.
//! The test `compiled_form_matches_the_yaml` validates the YAML with the real loader and fails when the
//! compiled form differs in any byte; `STARDRILL_BLESS=1 cargo test --lib compiled_form` rewrites it.
//! So a bundled bank that does not validate, or a stale compiled form, cannot pass `cargo test`.

use super::Bank;
use super::load::{self, LoadError, Problem, Source};

/// One bundled bank file: its name in messages and its YAML text.
pub struct BundledFile {
    pub name: &'static str,
    pub yaml: &'static str,
}

/// Every bundled bank, in load order.
pub const FILES: &[BundledFile] = &[
    BundledFile { name: "questions/amazon-pm.yaml (bundled)", yaml: include_str!("../../questions/amazon-pm.yaml") },
    BundledFile { name: "questions/amazon-lp.yaml (bundled)", yaml: include_str!("../../questions/amazon-lp.yaml") },
    BundledFile { name: "questions/probes.yaml (bundled)", yaml: include_str!("../../questions/probes.yaml") },
    BundledFile { name: "questions/rubrics.yaml (bundled)", yaml: include_str!("../../questions/rubrics.yaml") },
];

/// The validated bank of every file in `FILES`, as `serde_json` writes a `Bank`.
pub const COMPILED_JSON: &str = include_str!("compiled/bundled.json");

/// The bundled banks, from their compiled form.
pub fn load() -> Result<Bank, LoadError> {
    serde_json::from_str(COMPILED_JSON).map_err(|e| LoadError {
        problems: vec![Problem {
            file: "src/bank/compiled/bundled.json (bundled)".to_string(),
            line: Some(e.line()),
            column: Some(e.column()),
            message: format!("the compiled bundled bank does not read: {e}; rebuild after `cargo test`"),
        }],
    })
}

/// The bundled banks, parsed and validated from their YAML, as `--bank questions/` would.
pub fn validate() -> Result<Bank, LoadError> {
    let sources: Vec<Source> =
        FILES.iter().map(|f| Source { name: f.name.to_string(), text: f.yaml.to_string() }).collect();
    load::load_sources(&sources)
}

/// The compiled form of a bank, exactly as committed: JSON on one line (no indentation to skip at
/// every start) with a final newline.
pub fn compile(bank: &Bank) -> String {
    let mut text = serde_json::to_string(bank).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_form_matches_the_yaml() {
        let validated = validate().unwrap_or_else(|e| panic!("a bundled bank does not validate:\n{e}"));
        let expected = compile(&validated);
        if std::env::var_os("STARDRILL_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/bank/compiled/bundled.json");
            std::fs::write(path, &expected).expect("write the compiled bank");
            return;
        }
        assert!(
            COMPILED_JSON == expected,
            "src/bank/compiled/bundled.json is stale: run `STARDRILL_BLESS=1 cargo test --lib compiled_form` and commit it"
        );
        assert_eq!(load().expect("the compiled bank reads"), validated);
    }
}
