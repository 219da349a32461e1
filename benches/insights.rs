//! The coach's insights over a 10,000-word transcript (and the key terms of a model answer ranked over
//! the bundled bank). `cargo bench --bench insights`. Target (README "Performance"): under 5 ms.

use stardrill::bank::Bank;
use stardrill::coach::insights;

fn main() {
    divan::main();
}

/// About 10,000 words of answer-like text: numbers, fillers, cues, pronouns.
fn transcript() -> String {
    let sentence = "So I led the launch, um, and we grew weekly revenue 15% to $1.2M in the end; \
                    the situation was that our churn was high and my goal was retention. ";
    sentence.repeat(10_000 / sentence.split_whitespace().count() + 1)
}

#[divan::bench(sample_count = 30)]
fn ten_thousand_words(bencher: divan::Bencher) {
    let text = transcript();
    bencher.bench_local(|| insights::analyse(&text, None));
}

#[divan::bench(sample_count = 30)]
fn ten_thousand_words_with_key_terms(bencher: divan::Bencher) {
    let text = transcript();
    let bank = Bank::bundled().expect("bundled bank");
    let q = bank.get("1").expect("question 1");
    bencher.bench_local(|| insights::analyse(&text, Some((q, &bank))));
}
