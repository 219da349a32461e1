//! How long the bank takes to load: the embedded banks as every start loads them, the same validated
//! from YAML, and a bank read from disk.
//!
//! `cargo bench --bench bank_load`. Target: under 5 ms each (README states the median).

use std::path::PathBuf;

use stardrill::bank::Bank;
use stardrill::bank::load::load_paths;

fn main() {
    divan::main();
}

/// The banks compiled into the binary, as every start loads them: their validated form, read from
/// its compact binary form (`bank/compact.rs`); the model answers, probes and rubrics are kept in that
/// form until used (`compact::Deferred`).
#[divan::bench]
fn bundled() -> Bank {
    Bank::bundled().expect("the bundled bank loads")
}

/// The same, then every part left in the compact form until used read as well: every model answer
/// (as `show` of each question, or a text search, would), the probes and the rubrics.
#[divan::bench]
fn bundled_every_part_read() -> Bank {
    let bank = Bank::bundled().expect("the bundled bank loads");
    let sections: usize = bank.questions.iter().map(|q| q.answer.len()).sum();
    divan::black_box((sections, bank.probes.is_empty(), bank.rubrics.kinds.len()));
    bank
}

/// The same banks validated from their YAML: scan for positions, serde parse, every check.
#[divan::bench]
fn bundled_from_yaml() -> Bank {
    stardrill::bank::bundled::validate().expect("the bundled YAML validates")
}

/// `--bank questions/amazon-pm.yaml`: the same, plus reading the file.
#[divan::bench]
fn load_paths_amazon_pm(bencher: divan::Bencher) {
    let paths = [PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questions/amazon-pm.yaml")];
    bencher.bench(|| load_paths(divan::black_box(&paths)).expect("questions/amazon-pm.yaml loads"));
}
