//! The terminal app on a TestBackend, driven as the event loop drives it: a fake clock at noon UTC on
//! 2026-11-26, key presses and pastes, and every effect the app asks for performed (saves appended to a
//! history file in a temporary folder).
//!
//! Use from a test file with `#[path = "common/tui_app.rs"] mod tui_app;`. The file adds its own
//! `impl Harness` with its constructor (`Harness::start` with its bank, history and seed), its insta
//! `snapshot` (insta names snapshot files after the calling file, so it stays there) and its own helpers.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::DateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use stardrill::bank::{Bank, Question};
use stardrill::clock::{Now, Zone};
use stardrill::history::Record;
use stardrill::tui::{App, AppConfig, Effect};

/// The day every harness runs on.
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// The fake clock's start: noon UTC on `today()`.
pub fn noon() -> Now {
    Now { instant: Instant::now(), wall: DateTime::parse_from_rfc3339("2026-11-26T12:00:00+00:00").unwrap() }
}

/// The app's settings in every harness: three random questions, no bell, UTC, `today()`.
pub fn config(history_path: PathBuf, seed: Option<u64>) -> AppConfig {
    AppConfig {
        history_path,
        random_count: 3,
        quiet: true,
        zone: Zone::Fixed(chrono::FixedOffset::east_opt(0).unwrap()),
        seed,
        plan: Default::default(),
        today: today(),
    }
}

/// What the harness does with a save the app asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saving {
    /// Append to the history file, as the event loop does.
    ToFile,
    /// Do nothing: the test feeds an outcome back itself.
    Hold,
}

/// A time to wait on the fake clock: whole seconds, or a `Duration`.
pub trait Span {
    fn duration(self) -> Duration;
}

impl Span for u64 {
    fn duration(self) -> Duration {
        Duration::from_secs(self)
    }
}

impl Span for Duration {
    fn duration(self) -> Duration {
        self
    }
}

pub struct Harness {
    pub app: App,
    pub now: Now,
    pub saving: Saving,
    /// Effects seen and not yet looked at (saves included, whatever was done with them).
    pub effects: Vec<Effect>,
    /// The temporary folder holding the history file (`history.jsonl`), and whatever else a test puts there.
    pub dir: tempfile::TempDir,
}

impl Harness {
    /// The app over `bank` and `history`, its history file in a new temporary folder, the clock at `noon()`.
    pub fn start(bank: Bank, history: Vec<Record>, seed: Option<u64>) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let config = config(dir.path().join("history.jsonl"), seed);
        Harness { app: App::new(bank, config, history), now: noon(), saving: Saving::ToFile, effects: Vec::new(), dir }
    }

    pub fn history_path(&self) -> &Path {
        &self.app.config.history_path
    }

    /// Do what the event loop does with effects: bells are noted, saves go to the file (or wait), plans,
    /// figures, answers and corrections are worked out and handed back, in the order asked.
    pub fn perform(&mut self, effects: Vec<Effect>) {
        let mut queue = effects;
        while !queue.is_empty() {
            let mut more = Vec::new();
            for effect in queue {
                self.effects.push(effect.clone());
                match (effect, self.saving) {
                    (Effect::Save(record), Saving::ToFile) => {
                        more.extend(match stardrill::history::store::append(self.history_path(), &record) {
                            Ok(a) => self.app.saved(*record, a.unconfirmed.map(|e| e.to_string()), self.now),
                            Err(e) => self.app.save_failed(&e.to_string()),
                        });
                    }
                    (Effect::ComputePlan(request), _) => {
                        let today = request.compute(&self.app.history, &self.app.bank);
                        more.extend(self.app.plan_computed(request.generation, today));
                    }
                    (Effect::ComputeStats(request), _) => {
                        let stats = request.compute(&self.app.history, &self.app.bank);
                        more.extend(self.app.stats_computed(request.generation, stats));
                    }
                    (Effect::ReadAnswers(rows), _) => {
                        let read = self.app.history.records(&rows, self.history_path()).map_err(|e| e.to_string());
                        more.extend(self.app.answers_read(read));
                    }
                    (Effect::Correct(request), _) => more.extend(stardrill::tui::correct(&mut self.app, &request)),
                    (Effect::Save(_) | Effect::Bell | Effect::EditStory(_), _) => {}
                }
            }
            queue = more;
        }
    }

    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    pub fn key(&mut self, ev: KeyEvent) {
        let effects = self.app.handle_key(ev, self.now);
        self.perform(effects);
    }

    pub fn press(&mut self, code: KeyCode) {
        self.key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    /// Each character typed as a key press.
    pub fn chars(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    pub fn paste(&mut self, text: &str) {
        let effects = self.app.handle_paste(text, self.now);
        self.perform(effects);
    }

    /// Move the clock on and let the app's tick see it.
    pub fn wait(&mut self, span: impl Span) {
        self.now = self.now.plus(span.duration());
        let effects = self.app.tick(self.now);
        self.perform(effects);
    }

    /// Drill these questions, as the browser starts a drill.
    pub fn drill_questions(&mut self, questions: Vec<Question>) {
        self.app.start_drill(questions, None, self.now);
        let effects = self.app.take_effects();
        self.perform(effects);
    }

    /// Drill the app's bank's questions with these numbers.
    pub fn drill_numbers(&mut self, numbers: &[u32]) {
        let questions = numbers.iter().map(|n| self.app.bank.get(&n.to_string()).unwrap().clone()).collect();
        self.drill_questions(questions);
    }

    /// The app drawn on a `w`×`h` terminal.
    pub fn terminal(&self, w: u16, h: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| f.render_widget(&self.app, f.area())).unwrap();
        terminal
    }

    /// The screen at `w`×`h` as text, one quoted row a line.
    pub fn screen(&self, w: u16, h: u16) -> String {
        self.terminal(w, h).backend().to_string()
    }
}
