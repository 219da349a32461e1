//! How long the bank takes to load: parse and validate the embedded bank, and read it from disk.
//!
//! `cargo bench --bench bank_load`. Target: under 5 ms each (README states the median).

use std::path::PathBuf;

use stardrill::bank::Bank;
use stardrill::bank::load::load_paths;

fn main() {
    divan::main();
}

/// The bank compiled into the binary: YAML scan for positions, serde parse, validation.
#[divan::bench]
fn bundled() -> Bank {
    Bank::bundled().expect("the bundled bank loads")
}

/// `--bank questions/amazon-pm.yaml`: the same, plus reading the file.
#[divan::bench]
fn load_paths_amazon_pm(bencher: divan::Bencher) {
    let paths = [PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questions/amazon-pm.yaml")];
    bencher.bench(|| load_paths(divan::black_box(&paths)).expect("questions/amazon-pm.yaml loads"));
}
