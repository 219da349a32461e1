//! How long `stardrill stats --json` takes over a history of 100,000 records, and how long reading it takes.
//!
//! `cargo bench --bench stats_history`. Target (issue 4): the whole command under 150 ms and 60 MB peak;
//! `benches/compare_python.sh` measures the process end to end against Python's `json.loads`.
//!
//! The history is written once per run by the generator of `examples/gen_history.rs` (seed 42) into
//! Cargo's target temp dir.

use std::path::PathBuf;
use std::sync::LazyLock;

use stardrill::bank::Bank;
use stardrill::history::store;
use stardrill::stats::RecordQuery;
use stardrill::stats::of_file as stats_of_file;

#[path = "../examples/gen_history.rs"]
mod gen_history;

const RECORDS: usize = 100_000;

static HISTORY: LazyLock<PathBuf> = LazyLock::new(|| {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("stats_history_100k.jsonl");
    gen_history::write_file(&path, RECORDS, gen_history::DEFAULT_SEED).expect("write the benchmark history");
    path
});

static BANK: LazyLock<Bank> = LazyLock::new(|| Bank::bundled().expect("the bundled bank loads"));

fn main() {
    LazyLock::force(&HISTORY);
    divan::main();
}

/// What `stats --json` does after loading the bank: fold every record while reading (one part of
/// the file per core), then print JSON.
fn stats_json_once() -> String {
    let query = RecordQuery::all(&BANK);
    let (stats, total, skipped) = stats_of_file(&HISTORY, &query).expect("read the benchmark history");
    assert!(skipped.is_empty());
    assert_eq!((stats.attempts, total), (RECORDS, RECORDS));
    serde_json::to_string_pretty(&stats).expect("stats serialize")
}

/// `stats_of_file` + `serde_json::to_string_pretty`, exactly as `stardrill stats --json`.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn stats_json() -> String {
    stats_json_once()
}

/// `store::for_each` alone with a visitor that keeps nothing: the cost of reading and parsing.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn for_each_parse_only() -> usize {
    let mut n = 0;
    store::for_each(&HISTORY, |r| n += divan::black_box(r).question_number as usize).expect("read");
    n
}

/// `store::read`: every record of the file into memory, as `stardrill history` and the TUI do.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn read_all() -> usize {
    let loaded = store::read(&HISTORY).expect("read the benchmark history");
    assert_eq!(loaded.records.len(), RECORDS);
    loaded.records.len()
}
