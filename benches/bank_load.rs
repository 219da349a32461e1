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
/// its compact binary form (`bank/compact.rs`).
#[divan::bench]
fn bundled() -> Bank {
    Bank::bundled().expect("the bundled bank loads")
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
