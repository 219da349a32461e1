//! Correcting an answer from the History screen: `d` drops the answer shown in full and `a` amends its
//! scores, each after a confirm; the correction is appended to the file and every screen shows the
//! corrected history.

use std::path::Path;

use chrono::DateTime;
use ratatui::crossterm::event::KeyCode;
use stardrill::bank::Bank;
use stardrill::history::store;
use stardrill::history::{Record, Scores};
use stardrill::history_index::HistoryIndex;

#[path = "common/tui_app.rs"]
mod tui_app;

/// The shared harness, its screen at 100×30 unless said, its keys typed as a string.
struct Harness(tui_app::Harness);

impl std::ops::Deref for Harness {
    type Target = tui_app::Harness;
    fn deref(&self) -> &tui_app::Harness {
        &self.0
    }
}

fn record(q: &str, at: &str, session: &str, scores: [u8; 4]) -> Record {
    let bank = Bank::bundled().unwrap();
    let at = DateTime::parse_from_rfc3339(at).unwrap();
    Record::of_question(bank.find(q).unwrap(), session, at, Scores::from_parts(scores))
}

impl Harness {
    /// The app over a history file holding two sessions, read as the app reads it at start-up.
    fn new() -> Harness {
        let mut h = tui_app::Harness::start(Bank::bundled().unwrap(), Vec::new(), None);
        let path = h.history_path().to_path_buf();
        for r in [
            record("1", "2026-11-20T12:00:00+00:00", "a", [2, 2, 2, 2]),
            record("2", "2026-11-24T12:00:00+00:00", "b", [4, 4, 4, 4]),
            record("5", "2026-11-24T12:10:00+00:00", "b", [3, 3, 3, 3]),
        ] {
            store::append(&path, &r).unwrap();
        }
        h.app.set_history_loading();
        let effects = h.app.history_loaded(Ok(HistoryIndex::read(&path, h.app.config.zone).unwrap()));
        h.perform(effects);
        Harness(h)
    }

    fn path(&self) -> &Path {
        self.history_path()
    }

    /// Each character as a key: `\n` Enter, `\x1b` Esc, `\x08` Backspace.
    fn keys(&mut self, keys: &str) {
        for c in keys.chars() {
            self.0.press(match c {
                '\n' => KeyCode::Enter,
                '\x1b' => KeyCode::Esc,
                '\x08' => KeyCode::Backspace,
                c => KeyCode::Char(c),
            });
        }
    }

    fn screen(&self) -> String {
        self.screen_at(100, 30)
    }

    fn screen_at(&self, w: u16, h: u16) -> String {
        self.0.screen(w, h)
    }
}

#[test]
fn d_drops_the_answer_shown_after_a_confirm() {
    let mut h = Harness::new();
    let before = std::fs::read(h.path()).unwrap();
    // History → the newest session (b) → its first answer (#2) in full.
    h.keys("h\n\n");
    let screen = h.screen();
    assert!(screen.contains("Answer to question 2 · d drop · a amend the scores"), "{screen}");
    // `d` asks first; `n` keeps it, nothing written.
    h.keys("d");
    assert!(h.screen().contains("Drop this answer? It will stop counting"), "{}", h.screen());
    // At the smallest size the question and its keys are whole.
    let small = h.screen_at(40, 12);
    assert!(small.contains("y yes") && small.contains("n no") && small.contains("(history --raw keeps"), "{small}");
    h.keys("n");
    assert_eq!(std::fs::read(h.path()).unwrap(), before);
    h.keys("dy");
    let screen = h.screen();
    assert!(screen.contains("Dropped answer ") && screen.contains("(#2 of 2026-11-24 12:00)"), "{screen}");
    assert!(screen.contains("History · 2 sessions · 2 answers"), "back on the sessions, one answer fewer\n{screen}");
    // One line appended, the rest as it was; every reader sees the drop.
    let after = std::fs::read(h.path()).unwrap();
    assert!(after.starts_with(&before));
    let added = String::from_utf8(after[before.len()..].to_vec()).unwrap();
    assert!(added.starts_with("{\"version\":1,\"kind\":\"drop\",\"attempt_id\":\""), "{added}");
    assert_eq!(added.lines().count(), 1);
    let mut records = Vec::new();
    store::for_each(h.path(), |r| records.push(r)).unwrap();
    assert_eq!(records.iter().map(|r| r.question_number).collect::<Vec<_>>(), [1, 5]);
    assert_eq!(h.app.history.len(), 2);
    // Stats agree: two answers, mean of 2.00 and 3.00.
    h.keys("s");
    let screen = h.screen();
    assert!(screen.contains("2 attempts") && screen.contains("Mean overall 2.50"), "{screen}");
}

#[test]
fn a_amends_the_scores_typed_after_a_confirm() {
    let mut h = Harness::new();
    h.keys("h\nj\n");
    assert!(h.screen().contains("Answer to question 5"), "{}", h.screen());
    h.keys("a43");
    let screen = h.screen();
    assert!(screen.contains("Was  S 3 · T 3 · A 3 · R 3  (3.00)"), "{screen}");
    assert!(screen.contains("Now  S 4 · T 3 · A _ · R _"), "{screen}");
    // Enter before all four does nothing; Backspace takes a digit back; Esc would cancel.
    h.keys("\n\x0842");
    assert!(h.screen().contains("Now  S 4 · T 4 · A 2 · R _"), "{}", h.screen());
    h.keys("5");
    assert!(h.screen().contains("Now  S 4 · T 4 · A 2 · R 5  (3.75)"), "{}", h.screen());
    let small = h.screen_at(40, 12);
    assert!(small.contains("(3.00)") && small.contains("(3.75)") && small.contains("Enter save"), "{small}");
    h.keys("6");
    assert!(h.screen().contains("R 5  (3.75)"), "a fifth digit is not taken");
    h.keys("\n");
    let screen = h.screen();
    assert!(screen.contains("Amended answer ") && screen.contains("scores now 4 4 2 5 (3.75, was 3.00)"), "{screen}");
    let mut records = Vec::new();
    store::for_each(h.path(), |r| records.push(r)).unwrap();
    let amended = records.iter().find(|r| r.question_number == 5).unwrap();
    assert_eq!(amended.scores, Scores::from_parts([4, 4, 2, 5]));
    // The session opened again shows the amended answer, read back from the file.
    h.keys("\nj\n");
    let screen = h.screen();
    assert!(screen.contains("Situation 4 · Task 4 · Action 2 · Result 5"), "{screen}");
    // Esc cancels an amend: nothing written.
    let before = std::fs::read(h.path()).unwrap();
    h.keys("a1111\x1b");
    assert_eq!(std::fs::read(h.path()).unwrap(), before);
    assert!(!h.screen().contains("Amend the scores"));
}

#[test]
fn d_and_a_do_nothing_away_from_one_answer() {
    let mut h = Harness::new();
    let before = std::fs::read(h.path()).unwrap();
    h.keys("h");
    h.keys("da");
    assert!(h.app.overlay.is_none(), "nothing offered on the sessions list");
    h.keys("\nda");
    assert!(h.app.overlay.is_none(), "nothing offered on a session's answers");
    assert_eq!(std::fs::read(h.path()).unwrap(), before);
}

#[test]
fn an_answer_gone_from_the_file_is_not_corrected_and_says_why() {
    let mut h = Harness::new();
    h.keys("h\n\n");
    // Dropped meanwhile from another window.
    let raw = store::read_raw(h.path()).unwrap();
    let id = raw.attempts.iter().find(|a| a.record.question_number == 2).unwrap().attempt_id.clone();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stardrill"))
        .args(["--history", h.path().to_str().unwrap(), "history", "drop", &id])
        .output()
        .unwrap();
    assert!(out.status.success());
    let before = std::fs::read(h.path()).unwrap();
    h.keys("dy");
    let screen = h.screen();
    assert!(screen.contains("Not corrected: this answer is no longer in the history file"), "{screen}");
    assert_eq!(std::fs::read(h.path()).unwrap(), before, "nothing written");
}

#[test]
fn a_correction_read_back_after_leaving_history_leaves_the_screen_where_it_is() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    use stardrill::tui::app::{Effect, Screen};
    let mut h = Harness::new();
    h.keys("h\n\nd");
    // The confirm asks the event loop for the correction, which it works out on a thread.
    let effects = h.0.app.handle_key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE), h.now);
    let Some(request) = effects.into_iter().find_map(|e| match e {
        Effect::Correct(request) => Some(request),
        _ => None,
    }) else {
        panic!("a correction asked for")
    };
    // Meanwhile the user goes back to the browser.
    h.keys("\x1b\x1b\x1b");
    assert!(matches!(h.app.screen, Screen::Browser), "{}", h.screen());
    let outcome = stardrill::tui::correction(h.path(), h.app.config.zone, &request);
    let effects = h.0.app.corrected(&request, outcome);
    h.0.perform(effects);
    assert!(matches!(h.app.screen, Screen::Browser), "not pulled back to History\n{}", h.screen());
    assert!(h.screen().contains("Dropped answer "), "{}", h.screen());
    assert_eq!(h.app.history.len(), 2, "every view has the corrected history");
}
