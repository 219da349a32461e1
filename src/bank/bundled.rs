//! The banks that ship inside the binary.
//!
//! Their YAML files under `questions/` are the source. Loading and validating YAML takes milliseconds
//! (two parsers, positions, every check), too long for every start, so the binary embeds the bank that
//! validation produced, in the compact form of `compact.rs` (JSON's shapes without text to scan: the
//! structure in `src/bank/compiled/bundled.bin`, every string one after the other in `bundled.txt`),
//! and reads that in well under a millisecond.
//! The test `compiled_form_matches_the_yaml` validates the YAML with the real loader and fails when the
//! compiled form differs in any byte; `STARDRILL_BLESS=1 cargo test --lib compiled_form` rewrites it.
//! Any serde-derived field added to `Bank` is carried as it is: re-bless after changing the types.
//! So a bundled bank that does not validate, or a stale compiled form, cannot pass `cargo test`.

use super::Bank;
use super::compact;
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

/// The validated bank of every file in `FILES`, as `compact::to_parts` writes a `Bank`: its structure
/// and its strings.
pub const COMPILED: &[u8] = include_bytes!("compiled/bundled.bin");
pub const COMPILED_TEXT: &str = include_str!("compiled/bundled.txt");

/// The bundled banks being read ahead on a thread of their own, for the first `load` to take.
type Ahead = std::thread::JoinHandle<Result<Bank, LoadError>>;
static AHEAD: std::sync::Mutex<Option<Ahead>> = std::sync::Mutex::new(None);

/// Start reading the bundled banks on a thread of their own, for the first `load` to take: the binary
/// calls it before clap builds its whole command for a command line (`list`, `show`…), so the banks
/// are read on another core meanwhile; a command that needs no bank only leaves that core's work
/// unused. Not for opening the app: its command line is parsed in microseconds, and on two cores the
/// thread cost its first frame more than it saved.
pub fn read_ahead() {
    if let Ok(thread) = std::thread::Builder::new().name("bundled banks".into()).spawn(read) {
        *AHEAD.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(thread);
    }
}

/// The bundled banks, from their compiled form (read ahead by `read_ahead`, the first time, if it ran).
pub fn load() -> Result<Bank, LoadError> {
    let ahead = AHEAD.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
    match ahead.map(std::thread::JoinHandle::join) {
        Some(Ok(read)) => read,
        // Not read ahead, or the thread failed: read here.
        _ => read(),
    }
}

fn read() -> Result<Bank, LoadError> {
    compact::from_static_parts(COMPILED, COMPILED_TEXT).map_err(|e| LoadError {
        problems: vec![Problem {
            file: "src/bank/compiled/bundled.bin (bundled)".to_string(),
            line: None,
            column: None,
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

/// The compiled form of a bank, exactly as committed: structure and strings.
pub fn compile(bank: &Bank) -> (Vec<u8>, String) {
    compact::to_parts(bank).expect("a bank always has a compact form")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_form_matches_the_yaml() {
        let validated = validate().unwrap_or_else(|e| panic!("a bundled bank does not validate:\n{e}"));
        let (bin, text) = compile(&validated);
        if std::env::var_os("STARDRILL_BLESS").is_some() {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/bank/compiled/");
            std::fs::write(format!("{dir}bundled.bin"), &bin).expect("write the compiled bank");
            std::fs::write(format!("{dir}bundled.txt"), &text).expect("write the compiled bank's text");
            return;
        }
        assert!(
            COMPILED == bin.as_slice() && COMPILED_TEXT == text,
            "src/bank/compiled/bundled.{{bin,txt}} are stale: run `STARDRILL_BLESS=1 cargo test --lib compiled_form` \
             and commit them"
        );
        assert_eq!(load().expect("the compiled bank reads"), validated);
    }

    #[test]
    fn banks_read_ahead_are_the_banks_read_then() {
        // (Other tests may take what is read ahead first: whichever load gets it, it is the same bank.)
        read_ahead();
        let ahead = load().expect("read ahead");
        assert_eq!(ahead, load().expect("read again"));
        assert_eq!(ahead, validate().unwrap());
    }
}
