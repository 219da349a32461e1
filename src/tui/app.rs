//! The app state: which screen is up, and how each key press changes it.
//!
//! The update step (`handle_key`, `handle_paste`, `tick`) does no I/O and never reads a clock: the
//! event loop passes `now` in, performs the `Effect`s it returns (the bell, saving a record) and
//! feeds the outcome of a save back with `saved` or `save_failed`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::SeedableRng;
use rand::rngs::StdRng;
use ratatui::crossterm::event::KeyEvent;

use super::browser::Browser;
use super::drill_view::{DrillView, ScoreFocus};
use super::history_screen::{HistoryMove, HistoryView};
use super::keys::{self, Action, Ctx};
use super::overlays::{Confirm, ConfirmAction, Overlay, PrinciplePicker};
use super::stats_screen::{StatsInput, StatsRequest, StatsView};
use super::strings;
use super::summary::Summary;
use crate::bank::{Bank, Question};
use crate::clock::Now;
use crate::clock::Zone;
use crate::drill::probes::ProbeSettings;
use crate::drill::session::new_session_id;
use crate::drill::{Session, Step};
use crate::format::plural;
use crate::history::{Record, store};
use crate::history_index::HistoryIndex;

/// Settings from the command line.
#[derive(Debug, Clone)]
pub struct AppConfig {
    pub history_path: PathBuf,
    /// How many questions `r` drills.
    pub random_count: usize,
    /// No bell at zero.
    pub quiet: bool,
    /// The calendar dates and times are shown in.
    pub zone: Zone,
    /// Seeds the browser's `r` random drill, so a run can be repeated; None: a fresh seed.
    pub seed: Option<u64>,
}

/// Something the event loop must do outside the screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Bell,
    /// Append this record to the history file, then call `App::saved` or `App::save_failed`.
    Save(Box<Record>),
    /// Read these rows of the history (`HistoryIndex::records`), then call `App::answers_read`.
    ReadAnswers(Vec<usize>),
    /// Compute these figures (`StatsRequest::compute`, on a thread of its own: it folds every answer),
    /// then call `App::stats_computed`.
    ComputeStats(StatsRequest),
}

#[derive(Debug)]
pub enum Screen {
    Browser,
    Drill(Box<DrillView>),
    Summary(Summary),
    History(HistoryView),
    Stats(Box<StatsView>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

#[derive(Debug)]
pub struct App {
    pub bank: Bank,
    pub config: AppConfig,
    pub screen: Screen,
    pub browser: Browser,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    /// Every answer read at start-up plus those saved since, compactly, grouped into sessions and
    /// folded for Stats: computed once (by the reader's thread), then kept up to date save by save, so
    /// opening History or Stats costs the same for ten records or a million.
    pub history: Arc<HistoryIndex>,
    /// Lines of the history file that could not be read, said on the History and Stats screens.
    pub history_warning: Option<String>,
    /// The history file is being read off the first frame's path (`history_loaded` ends it).
    pub history_loading: bool,
    effects: Vec<Effect>,
    /// The last Stats request made (each filter change makes a new one).
    stats_generation: u64,
    quit: bool,
    /// For the browser's `r`.
    rng: StdRng,
    /// Follow-up probes after each answer. Off for an `App::new`; the command line turns them on
    /// (`--probes`, `--probe-time`).
    pub probes: ProbeSettings,
}

impl App {
    pub fn new(bank: Bank, config: AppConfig, history: Vec<Record>) -> App {
        let title = bank.files.iter().map(|f| f.title.as_str()).collect::<Vec<_>>().join(" + ");
        let mut history = HistoryIndex::of_records(history, config.zone);
        let browser = Browser::new(&title, bank.questions.clone(), std::mem::take(&mut history.tries), config.zone);
        let rng = match config.seed {
            Some(seed) => StdRng::seed_from_u64(seed),
            None => rand::make_rng(),
        };
        App {
            bank,
            config,
            screen: Screen::Browser,
            browser,
            overlay: None,
            status: None,
            history: Arc::new(history),
            history_warning: None,
            history_loading: false,
            effects: Vec::new(),
            stats_generation: 0,
            quit: false,
            rng,
            probes: ProbeSettings::OFF,
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    pub fn set_status(&mut self, text: impl Into<String>, error: bool) {
        self.status = Some(Status { text: text.into(), error });
    }

    /// Begin a drill of these questions; `time` overrides each question's suggested time.
    pub fn start_drill(&mut self, questions: Vec<Question>, time: Option<Duration>, now: Now) {
        let plan = self.probes.plan(questions.len(), Arc::new(self.bank.probes.clone()));
        if let Some(session) = Session::start(new_session_id(now), questions, time, now.instant) {
            let session = session.with_probes(plan, self.config.seed);
            self.screen = Screen::Drill(Box::new(DrillView::new(session, now.instant)));
        }
    }

    /// The key context: overlays first, then text fields, then the screen.
    pub fn ctx(&self) -> Ctx {
        if let Some(o) = &self.overlay {
            return o.ctx();
        }
        match &self.screen {
            Screen::Browser if self.browser.is_searching() => Ctx::Search,
            Screen::Browser => Ctx::Browser,
            Screen::Drill(d) if d.is_editing_note() => Ctx::Note,
            Screen::Drill(d) => match d.session.attempt.step {
                Step::Ready => Ctx::Ready,
                Step::Answering => Ctx::Answering,
                Step::Probe => Ctx::Probe,
                Step::Reveal => Ctx::Reveal,
                Step::Score | Step::Saved => Ctx::Score,
            },
            Screen::Summary(_) => Ctx::Summary,
            Screen::History(_) => Ctx::History,
            Screen::Stats(_) => Ctx::Stats,
        }
    }

    /// How long the event loop may sleep before the screen must change by itself: the clock's
    /// shown second, paused time included.
    pub fn next_wakeup(&self, now: Instant) -> Option<Duration> {
        match &self.screen {
            Screen::Drill(d) => d.session.attempt.running_timer()?.until_next_second(now),
            _ => None,
        }
    }

    /// The clock moved on without a key press.
    pub fn tick(&mut self, now: Now) -> Vec<Effect> {
        self.observe_clock(now.instant);
        self.take_effects()
    }

    fn observe_clock(&mut self, now: Instant) {
        if let Screen::Drill(d) = &mut self.screen {
            d.now = now;
            let a = &d.session.attempt;
            if a.step == Step::Answering && a.timer.is_over(now) && !d.bell_rung {
                d.bell_rung = true;
                if !self.config.quiet {
                    self.effects.push(Effect::Bell);
                }
            }
        }
    }

    /// A key press: the update step. Returns what the event loop must do.
    pub fn handle_key(&mut self, ev: KeyEvent, now: Now) -> Vec<Effect> {
        self.observe_clock(now.instant);
        self.key(ev, now);
        self.observe_clock(now.instant);
        self.take_effects()
    }

    /// Pasted text (bracketed paste): typed into the text field being edited, and never read as
    /// keys; outside a text field it is ignored.
    pub fn handle_paste(&mut self, text: &str, now: Now) -> Vec<Effect> {
        self.observe_clock(now.instant);
        match (&mut self.screen, self.overlay.is_some()) {
            (_, true) => {}
            (Screen::Browser, false) if self.browser.is_searching() => self.browser.search_paste(text),
            (Screen::Drill(d), false) => {
                if let Some(note) = &mut d.note_input {
                    let dropped = note.paste(text);
                    if dropped > 0 {
                        self.set_status(strings::note_truncated(dropped), true);
                    }
                }
            }
            _ => {}
        }
        self.take_effects()
    }

    fn key(&mut self, ev: KeyEvent, now: Now) {
        let ctx = self.ctx();
        // Ctrl-C quits from anywhere, text fields included.
        if keys::action(ctx, &ev) == Some(Action::Quit) {
            self.quit = true;
            return;
        }
        if matches!(ctx, Ctx::Search | Ctx::Note) {
            self.handle_text_input(ctx, ev);
            return;
        }
        self.status = None;
        let Some(action) = keys::action(ctx, &ev) else { return };
        if self.overlay.is_some() {
            self.handle_overlay(action);
            return;
        }
        if action == Action::Help {
            self.overlay = Some(Overlay::Help(ctx));
            return;
        }
        match ctx {
            Ctx::Browser => self.handle_browser(action, now),
            Ctx::Ready | Ctx::Answering | Ctx::Probe | Ctx::Reveal | Ctx::Score => self.handle_drill(action, now),
            Ctx::Summary => {
                if matches!(action, Action::Select | Action::Back) {
                    self.screen = Screen::Browser;
                }
            }
            Ctx::History => self.handle_history(action),
            Ctx::Stats => self.handle_stats(action, now),
            _ => {}
        }
    }

    fn handle_text_input(&mut self, ctx: Ctx, ev: KeyEvent) {
        let action = keys::action(ctx, &ev);
        match &mut self.screen {
            Screen::Browser => match action {
                Some(Action::Done) => self.browser.finish_search(true),
                Some(Action::Cancel) => self.browser.finish_search(false),
                _ => self.browser.search_key(&ev),
            },
            Screen::Drill(d) => match action {
                Some(Action::Done) => d.finish_note(true),
                Some(Action::Cancel) => d.finish_note(false),
                _ => d.note_key(&ev),
            },
            _ => {}
        }
    }

    fn handle_overlay(&mut self, action: Action) {
        let Some(overlay) = self.overlay.take() else { return };
        match overlay {
            Overlay::Help(_) => {
                if !matches!(action, Action::Back | Action::Help) {
                    self.overlay = Some(overlay);
                }
            }
            Overlay::Confirm(c) => match action {
                Action::Yes => match c.action {
                    ConfirmAction::LeaveDrill => self.leave_drill(),
                },
                Action::No => {}
                _ => self.overlay = Some(Overlay::Confirm(c)),
            },
            Overlay::Picker(mut p) => match action {
                Action::Select => {
                    self.browser.set_principle(p.chosen());
                    self.refresh_stats();
                }
                Action::Back => {}
                other => {
                    p.navigate(other);
                    self.overlay = Some(Overlay::Picker(p));
                }
            },
        }
    }

    fn handle_browser(&mut self, action: Action, now: Now) {
        match action {
            Action::Back => self.quit = true,
            Action::Select => {
                if let Some(q) = self.browser.selected_question().cloned() {
                    self.start_drill(vec![q], None, now);
                }
            }
            Action::RandomDrill => {
                let picks = self.browser.random_pick(self.config.random_count, &mut self.rng);
                if picks.is_empty() {
                    self.set_status(strings::NO_MATCHES, true);
                } else {
                    self.start_drill(picks, None, now);
                }
            }
            Action::PickPrinciple => self.open_picker(),
            Action::OpenHistory => self.open_history(),
            Action::OpenStats => self.open_stats(),
            other => self.browser.handle(other),
        }
    }

    fn open_picker(&mut self) {
        self.overlay = Some(Overlay::Picker(PrinciplePicker::new(self.browser.questions(), self.browser.principle())));
    }

    /// Start with the history still being read: the browser and drills work at once, History and
    /// Stats wait for `history_loaded`.
    pub fn set_history_loading(&mut self) {
        self.history_loading = true;
        self.browser.set_loading(true);
    }

    /// The history file has been read (`Err`: why it could not be). Records saved meanwhile are kept
    /// once: the reader may or may not have seen them.
    pub fn history_loaded(&mut self, loaded: Result<HistoryIndex, String>) -> Vec<Effect> {
        self.history_loading = false;
        match loaded {
            Ok(mut index) => {
                let mut tries = std::mem::take(&mut index.tries);
                for saved in self.history.kept() {
                    // Usually none: a save needs a whole answer, reading takes a fraction of a second.
                    if !index.contains(saved) {
                        tries.add(saved);
                        index.add(saved.clone());
                    }
                }
                self.browser.set_tries(tries);
                if let Some(text) = store::skipped_summary(&index.skipped, &self.config.history_path) {
                    self.set_status(text.clone(), true);
                    self.history_warning = Some(text);
                }
                self.history = Arc::new(index);
            }
            Err(e) => {
                let mut tries = crate::stats::TriesByQuestion::default();
                self.history.kept().iter().for_each(|r| tries.add(r));
                self.browser.set_tries(tries);
                // Said on History and Stats too, which then show only this run's saves.
                let text = format!("{} {e}", strings::HISTORY_UNREAD);
                self.set_status(text.clone(), true);
                self.history_warning = Some(text);
            }
        }
        self.take_effects()
    }

    /// History and Stats need the whole history: say so while it is still being read.
    fn history_ready(&mut self) -> bool {
        if self.history_loading {
            self.set_status(strings::HISTORY_LOADING, false);
        }
        !self.history_loading
    }

    pub fn open_history(&mut self) {
        if !self.history_ready() {
            return;
        }
        self.screen = Screen::History(HistoryView::new(
            Arc::clone(&self.history),
            self.history_warning.clone(),
            self.config.zone,
        ));
    }

    /// Stats under the browser's level and principle filters.
    pub fn open_stats(&mut self) {
        if !self.history_ready() {
            return;
        }
        self.stats_generation += 1;
        let request = StatsRequest {
            generation: self.stats_generation,
            level: self.browser.level(),
            principle: self.browser.principle(),
            zone: self.config.zone,
        };
        let view = StatsView::new(StatsInput {
            bank: &self.bank,
            history: &self.history,
            request,
            skipped: self.history_warning.clone(),
        });
        if let Some(request) = view.computing {
            self.effects.push(Effect::ComputeStats(request));
        }
        self.screen = Screen::Stats(Box::new(view));
    }

    /// The event loop computed the figures of a Stats request.
    pub fn stats_computed(&mut self, generation: u64, stats: crate::stats::Stats) -> Vec<Effect> {
        if let Screen::Stats(view) = &mut self.screen
            && view.set_stats(generation, stats)
            && self.status.as_ref().is_some_and(|s| s.text == strings::STATS_COMPUTING)
        {
            // Said when Enter came too early: the figures are in now.
            self.status = None;
        }
        self.take_effects()
    }

    /// Recompute the figures after a filter changed, keeping the panel and place.
    fn refresh_stats(&mut self) {
        let Screen::Stats(old) = &self.screen else { return };
        let place = old.place();
        self.open_stats();
        if let Screen::Stats(new) = &mut self.screen {
            new.restore_place(place);
        }
    }

    fn handle_history(&mut self, action: Action) {
        let Screen::History(h) = &mut self.screen else { return };
        match action {
            Action::OpenStats => self.open_stats(),
            other => match h.handle(other) {
                HistoryMove::Stay => {}
                HistoryMove::Leave => self.screen = Screen::Browser,
                HistoryMove::ReadAnswers(rows) => match self.history.kept_records(&rows) {
                    // Held in memory: no file to read.
                    Some(records) => self.answers_read_now(Ok(records)),
                    None => self.effects.push(Effect::ReadAnswers(rows)),
                },
            },
        }
    }

    /// The event loop read the answers of the session opened on the History screen.
    pub fn answers_read(&mut self, answers: Result<Vec<Record>, String>) -> Vec<Effect> {
        self.answers_read_now(answers);
        self.take_effects()
    }

    fn answers_read_now(&mut self, answers: Result<Vec<Record>, String>) {
        if let Screen::History(h) = &mut self.screen
            && let Err(e) = h.answers_read(answers)
        {
            self.set_status(strings::answers_unread(&e), true);
        }
    }

    fn handle_stats(&mut self, action: Action, now: Now) {
        let Screen::Stats(view) = &mut self.screen else { return };
        match action {
            Action::Back => self.screen = Screen::Browser,
            Action::CycleLevel => {
                self.browser.handle(Action::CycleLevel);
                self.refresh_stats();
            }
            Action::ClearFilters => {
                self.browser.handle(Action::ClearFilters);
                self.refresh_stats();
            }
            Action::PickPrinciple => self.open_picker(),
            Action::Select => {
                let questions: Vec<Question> =
                    view.weakest_ids().iter().filter_map(|id| self.bank.find(id).cloned()).collect();
                if view.computing.is_some() {
                    self.set_status(strings::STATS_COMPUTING, false);
                } else if view.stats.weakest.is_empty() {
                    self.set_status(strings::NOTHING_WEAK_YET, true);
                } else if questions.is_empty() {
                    self.set_status(strings::WEAKEST_NOT_IN_BANK, true);
                } else {
                    self.start_drill(questions, None, now);
                }
            }
            other => view.handle(other),
        }
    }

    fn handle_drill(&mut self, action: Action, now: Now) {
        let Screen::Drill(d) = &mut self.screen else { return };
        if d.saving {
            // A save is under way: the event loop reports back before the next key.
            return;
        }
        let step = d.session.attempt.step;
        match (step, action) {
            (Step::Ready, Action::Back) => self.leave_drill(),
            (Step::Ready, Action::Select) => {
                d.session.attempt.start_answering(now.instant);
                d.reset_for_next(now.instant);
            }
            (Step::Ready | Step::Answering, Action::Skip) => {
                let title = d.session.attempt.question.title.clone();
                match d.session.skip(now.instant) {
                    Some(true) => {
                        d.reset_for_next(now.instant);
                        self.set_status(format!("Skipped “{title}”; nothing saved for it."), false);
                    }
                    Some(false) => self.end_drill(None),
                    None => {}
                }
            }
            (Step::Answering, Action::Back) => {
                let message = if d.session.attempt.timer.is_paused() {
                    strings::CONFIRM_LEAVE_PAUSED
                } else {
                    strings::CONFIRM_LEAVE_ANSWERING
                };
                self.overlay = Some(Overlay::Confirm(Confirm::new(message, ConfirmAction::LeaveDrill)))
            }
            (Step::Probe, Action::Back) => {
                let message = strings::CONFIRM_LEAVE_REVEAL;
                self.overlay = Some(Overlay::Confirm(Confirm::new(message, ConfirmAction::LeaveDrill)))
            }
            (Step::Probe, Action::Skip) => {
                d.session.attempt.skip_probe(now.instant);
                d.scroll = None;
            }
            (Step::Reveal, Action::Back) => {
                let message = if d.session.attempt.has_unsaved_input() {
                    strings::CONFIRM_LEAVE_SCORE
                } else {
                    strings::CONFIRM_LEAVE_REVEAL
                };
                self.overlay = Some(Overlay::Confirm(Confirm::new(message, ConfirmAction::LeaveDrill)))
            }
            (Step::Score, Action::Back) => d.session.attempt.back_to_reveal(),
            (Step::Score, Action::Select) => self.save(now),
            (Step::Reveal, Action::Select) => {
                if !d.session.attempt.begin_scoring() {
                    self.set_status(strings::REVEAL_ALL_FIRST, true);
                } else {
                    d.score_focus = ScoreFocus::default();
                }
            }
            _ => d.handle(action, now.instant),
        }
    }

    /// Leaving a drill keeps what was saved; the rest is dropped (after the user confirmed).
    fn leave_drill(&mut self) {
        let saved = match &self.screen {
            Screen::Drill(d) => d.session.saved.len(),
            _ => 0,
        };
        self.screen = Screen::Browser;
        if saved > 0 {
            self.set_status(format!("Drill left; {} kept in history.", plural(saved, "saved answer")), false);
        }
    }

    /// The last question is done with: show the summary, with the status of the last save if any.
    fn end_drill(&mut self, status: Option<(String, bool)>) {
        let Screen::Drill(d) = &self.screen else { return };
        self.screen = Screen::Summary(Summary::new(&d.session));
        match status {
            Some((text, warn)) => self.set_status(text, warn),
            None => self.status = None,
        }
    }

    /// Enter on the score screen: ask the event loop to save the record (no I/O here).
    fn save(&mut self, now: Now) {
        let Screen::Drill(d) = &mut self.screen else { return };
        let Some(record) = d.session.pending_record(now) else {
            let a = &d.session.attempt;
            let mut missing: Vec<String> = a.scores.missing().map(|s| s.label().to_string()).collect();
            let first = if missing.is_empty() { strings::SCORE_PROBES_FIRST } else { strings::SCORE_ALL_FIRST };
            for i in a.unscored_probes() {
                let k = a.answered_probes().position(|(j, _)| j == i).unwrap_or(0);
                missing.push(format!("probe {}", k + 1));
            }
            let text = format!("{first} {}.", missing.join(", "));
            self.set_status(text, true);
            return;
        };
        d.saving = true;
        self.effects.push(Effect::Save(Box::new(record)));
    }

    /// The event loop appended `record` to the history file. `unconfirmed` is set when the disk did
    /// not confirm the write (it is in the file and must not be written again).
    pub fn saved(&mut self, record: Record, unconfirmed: Option<String>, now: Now) -> Vec<Effect> {
        self.browser.record_attempt(&record);
        Arc::make_mut(&mut self.history).add(record.clone());
        let Screen::Drill(d) = &mut self.screen else { return self.take_effects() };
        d.saving = false;
        d.session.mark_saved(record);
        let path = &self.config.history_path;
        let status = match &unconfirmed {
            None => (strings::saved(path), false),
            Some(e) => (strings::saved_unconfirmed(path, e), true),
        };
        if d.session.advance(now.instant) {
            d.reset_for_next(now.instant);
            self.set_status(status.0, status.1);
        } else {
            self.end_drill(Some(status));
        }
        self.take_effects()
    }

    /// The event loop could not append the record: NOT SAVED; the scores stay for another try.
    pub fn save_failed(&mut self, error: &str) -> Vec<Effect> {
        if let Screen::Drill(d) = &mut self.screen {
            d.saving = false;
        }
        self.set_status(strings::not_saved(error), true);
        self.take_effects()
    }
}
