//! How long one frame of each screen takes with hostile text in the bank and the history: a 1 MB
//! unbroken word (a URL, base64, CJK without spaces) in a prompt and a model answer, and a note of
//! about 1 MiB. Target (issue 7): every frame under 16 ms, whatever the bank holds.
//!
//! `cargo bench --bench render`. Frames are drawn on ratatui's TestBackend at 120×40.

use std::hint::black_box;
use std::sync::LazyLock;

use chrono::DateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use stardrill::bank::Bank;
use stardrill::clock::Now;
use stardrill::history::{Record, Scores};
use stardrill::tui::App;

#[path = "../tests/common/tui_app.rs"]
mod tui_app;

/// One megabyte with no space in it.
static WORD: LazyLock<String> = LazyLock::new(|| "x".repeat(1 << 20));
/// A megabyte of CJK (three bytes a glyph) with no space in it.
static CJK: LazyLock<String> = LazyLock::new(|| "語".repeat((1 << 20) / 3));

fn main() {
    divan::main();
}

fn bank() -> Bank {
    let mut bank = Bank::bundled().expect("the bundled bank loads");
    let q = &mut bank.questions[0];
    q.prompt = WORD.clone();
    let mut answer = q.answer.to_vec();
    answer[0].block.paragraphs.push(WORD.clone());
    answer[1].block.paragraphs.push(CJK.clone());
    q.answer = answer.into();
    // Question 2: the CJK megabyte first, measured per grapheme cluster.
    let q = &mut bank.questions[1];
    q.prompt = CJK.clone();
    let mut answer = q.answer.to_vec();
    answer[0].block.paragraphs.push(CJK.clone());
    q.answer = answer.into();
    bank
}

fn now() -> Now {
    tui_app::noon()
}

/// The app as the TUI tests set it up, its history file never written.
fn app(history: Vec<Record>) -> App {
    let config = tui_app::config(std::env::temp_dir().join("stardrill-bench-never-written.jsonl"), Some(1));
    App::new(bank(), config, history)
}

fn press(app: &mut App, code: KeyCode) {
    let _effects = app.handle_key(KeyEvent::new(code, KeyModifiers::NONE), now());
}

fn draw(bencher: divan::Bencher, app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    bencher.bench_local(|| {
        terminal.draw(|f| f.render_widget(black_box(app), f.area())).expect("draw");
    });
}

/// The browser with the megabyte prompt in its detail pane.
#[divan::bench(sample_count = 20)]
fn browser_megabyte_prompt(bencher: divan::Bencher) {
    draw(bencher, &app(vec![]));
}

/// The answering screen with the megabyte prompt.
#[divan::bench(sample_count = 20)]
fn answering_megabyte_prompt(bencher: divan::Bencher) {
    let mut app = app(vec![]);
    let q = app.bank.questions[0].clone();
    app.start_drill(vec![q], None, now());
    draw(bencher, &app);
}

/// The model answer, all revealed: a megabyte word and a megabyte of CJK in the answer.
#[divan::bench(sample_count = 20)]
fn reveal_megabyte_words(bencher: divan::Bencher) {
    let mut app = app(vec![]);
    let q = app.bank.questions[0].clone();
    app.start_drill(vec![q], None, now());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('a'));
    draw(bencher, &app);
}

/// The model answer with a megabyte of CJK without spaces first.
#[divan::bench(sample_count = 20)]
fn reveal_megabyte_cjk(bencher: divan::Bencher) {
    let mut app = app(vec![]);
    let q = app.bank.questions[1].clone();
    app.start_drill(vec![q], None, now());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('a'));
    draw(bencher, &app);
}

/// One answer in History with a note of about 1 MiB (words), scrolled a few pages down.
#[divan::bench(sample_count = 20)]
fn history_answer_megabyte_note(bencher: divan::Bencher) {
    let bank = Bank::bundled().expect("the bundled bank loads");
    let q = &bank.questions[0];
    let at = DateTime::parse_from_rfc3339("2026-11-24T12:00:00Z").unwrap();
    let record = Record {
        time_limit_secs: 180,
        time_used_secs: 100.0,
        note: "word ".repeat((1 << 20) / 5),
        ..Record::of_question(q, "s", at, Scores::from_parts([4, 3, 5, 2]))
    };
    let mut app = app(vec![record]);
    for code in [KeyCode::Char('h'), KeyCode::Enter, KeyCode::Enter, KeyCode::PageDown, KeyCode::PageDown] {
        press(&mut app, code);
    }
    draw(bencher, &app);
}
