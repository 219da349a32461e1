//! The app state: which screen is up, and how each key press changes it.
//!
//! The update step (`handle_key`, `handle_paste`, `tick`) does no I/O and never reads a clock: the
//! event loop passes `now` in, performs the `Effect`s it returns (the bell, saving a record) and
//! feeds the outcome of a save back with `saved` or `save_failed`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::KeyEvent;

use super::browser::Browser;
use super::drill_view::{DrillView, LastNote, LastTime, ScoreFocus, TextField};
use super::history_screen::{HistoryMove, HistoryView};
use super::keys::{self, Action, Ctx};
use super::overlays::{AmendScores, Confirm, ConfirmAction, Overlay, PrinciplePicker};
use super::stats_screen::{StatsInput, StatsRequest, StatsView};
use super::stories_screen::StoriesView;
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
use crate::history_index::{HistoryIndex, LatestAnswer};

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
    /// How today's plan is made (from config.toml), and the day it is for: the plan is first worked
    /// out once the history is read, and the loop sets the day then (`set_today`).
    pub plan: crate::schedule::PlanSettings,
    pub today: chrono::NaiveDate,
}

/// Something the event loop must do outside the screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Bell,
    /// Append this record to the history file, then call `App::saved` or `App::save_failed`.
    Save(Box<Record>),
    /// Read these rows of the history (`HistoryIndex::records`), then call `App::answers_read`: the
    /// answers of a session opened on History, or the last answer of a question waiting to be drilled.
    ReadAnswers(Vec<usize>),
    /// Compute these figures (`StatsRequest::compute`, on a thread of its own: it folds every answer),
    /// then call `App::stats_computed`.
    ComputeStats(StatsRequest),
    /// Work out today's plan (`PlanRequest::compute`, on a thread of its own), then call
    /// `App::plan_computed`.
    ComputePlan(PlanRequest),
    /// Give the terminal to the editor on the story file (`stories::editor::edit_story`), take it back,
    /// then call `App::stories_edited`.
    EditStory(crate::stories::editor::StoryEdit),
    /// Append this drop or amend to the history file (`store::correct_shown`, under the save lock),
    /// read the history again, then call `App::corrected` (`tui::correct` does it all).
    Correct(Box<CorrectRequest>),
}

/// A drop or an amend asked for on the History screen.
#[derive(Debug, Clone, PartialEq)]
pub struct CorrectRequest {
    /// The answer as shown (its session, time and question name it in the file).
    pub shown: Record,
    pub kind: crate::history::correction::CorrectionKind,
    /// An amend's new scores.
    pub scores: Option<crate::history::Scores>,
}

/// Today's plan asked for: of the history as it is when asked, for a day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanRequest {
    /// An answer to an older request (a save came since) is dropped.
    pub generation: u64,
    pub settings: crate::schedule::PlanSettings,
    pub as_of: chrono::NaiveDate,
    pub zone: Zone,
}

impl PlanRequest {
    /// The plan (pure: may run on any thread).
    pub fn compute(&self, history: &HistoryIndex, bank: &Bank) -> crate::schedule::Today {
        crate::schedule::today(bank, &history.review_log(self.zone), &self.settings, self.as_of)
    }
}

#[derive(Debug)]
pub enum Screen {
    Browser,
    Drill(Box<DrillView>),
    Summary(Summary),
    History(HistoryView),
    Stats(Box<StatsView>),
    Stories(Box<StoriesView>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

#[derive(Debug)]
pub struct App {
    /// Shared with the browser and the threads that compute figures.
    pub bank: Arc<Bank>,
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
    /// The last plan request made (each save makes a new one).
    plan_generation: u64,
    /// History or Stats, asked for while the history was still being read: opened when it is.
    open_when_read: Option<Action>,
    quit: bool,
    /// For the browser's `r`.
    rng: crate::drill::LazyRng,
    /// Follow-up probes after each answer. Off for an `App::new`; the command line turns them on
    /// (`--probes`, `--probe-time`).
    pub probes: ProbeSettings,
    /// Your stories (`set_stories`); none until given.
    pub stories: crate::stories::Shelf,
    /// The story file being read off the start-up path (`set_stories_pending`); taken by the first
    /// key press or clock tick after it is read.
    pending_stories: Option<crate::stories::PendingShelf>,
}

impl App {
    pub fn new(bank: impl Into<Arc<Bank>>, config: AppConfig, history: Vec<Record>) -> App {
        let bank: Arc<Bank> = bank.into();
        let title = bank.files.iter().map(|f| f.title.as_str()).collect::<Vec<_>>().join(" + ");
        let given = !history.is_empty();
        let mut history = HistoryIndex::of_records(history, config.zone);
        let mut browser = Browser::new(&title, Arc::clone(&bank), std::mem::take(&mut history.tries), config.zone);
        if given {
            // Records given directly (tests): the plan at once. The app's own history is read after
            // the first frame, and the plan worked out then (`history_loaded`).
            let request = PlanRequest { generation: 0, settings: config.plan, as_of: config.today, zone: config.zone };
            browser.set_today(Some(request.compute(&history, &bank)));
        }
        let rng = crate::drill::LazyRng::new(config.seed);
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
            plan_generation: 0,
            open_when_read: None,
            quit: false,
            rng,
            probes: ProbeSettings::OFF,
            stories: crate::stories::Shelf::default(),
            pending_stories: None,
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The effects asked for and not yet handed out: every handler returns them; a caller of
    /// `start_drill` outside a key press (the command line's drill, a test) takes them here.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    pub fn set_status(&mut self, text: impl Into<String>, error: bool) {
        self.status = Some(Status { text: text.into(), error });
    }

    /// Begin a drill of these questions; `time` overrides each question's suggested time.
    pub fn start_drill(&mut self, questions: Vec<Question>, time: Option<Duration>, now: Now) {
        let plan = self.probes.plan(questions.len(), Arc::new(crate::bank::ProbeBook::clone(&self.bank.probes)));
        if let Some(session) = Session::start(new_session_id(now), questions, time, now.instant) {
            let session = session.with_probes(plan, self.config.seed);
            let mut view = DrillView::new(session, now.instant)
                .with_stories(Arc::clone(&self.stories.stories))
                .with_bank(Arc::clone(&self.bank));
            // A question drilled before waits on its ready step, its last answer shown, before the
            // clock starts.
            let latest = self.history.latest_answer(&view.session.attempt.question.id);
            if latest.is_some() {
                view.session.attempt.step = Step::Ready;
            }
            self.screen = Screen::Drill(Box::new(view));
            self.show_last(latest);
        }
    }

    /// The last answer to the question waiting on its ready step, with its note: from memory, or
    /// asked of the event loop (`Effect::ReadAnswers`, back through `answers_read`).
    fn look_up_last(&mut self) {
        let latest = match &self.screen {
            Screen::Drill(d) if d.session.attempt.step == Step::Ready => {
                self.history.latest_answer(&d.session.attempt.question.id)
            }
            _ => None,
        };
        self.show_last(latest);
    }

    /// Show `latest` (the question's last answer, found by the caller: the index is scanned once) on
    /// the ready step, and have its note read.
    fn show_last(&mut self, latest: Option<LatestAnswer>) {
        let Screen::Drill(d) = &mut self.screen else { return };
        d.last = None;
        if d.session.attempt.step != Step::Ready {
            return;
        }
        let Some(latest) = latest else { return };
        d.last = Some(LastTime {
            row: latest.row,
            at: latest.at,
            when: self.config.zone.minute(latest.at),
            scores: latest.scores,
            note: LastNote::Reading,
        });
        match self.history.kept_records(&[latest.row]) {
            Some(records) => d.last_read(Ok(records)),
            None => self.effects.push(Effect::ReadAnswers(vec![latest.row])),
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
            Screen::Drill(d) => match d.editing_field() {
                Some(TextField::Note) => Ctx::Note,
                Some(TextField::Scratchpad) => Ctx::Scratchpad,
                None => Self::drill_ctx(d),
            },
            Screen::Summary(_) => Ctx::Summary,
            Screen::History(_) => Ctx::History,
            Screen::Stats(_) => Ctx::Stats,
            Screen::Stories(_) => Ctx::Stories,
        }
    }

    /// The key context of a drill, outside its text fields.
    fn drill_ctx(d: &DrillView) -> Ctx {
        match d.session.attempt.step {
            Step::Ready => Ctx::Ready,
            Step::Answering => Ctx::Answering,
            Step::Probe => Ctx::Probe,
            Step::Reveal if d.session.attempt.question.answer.is_empty() => Ctx::Rubric,
            Step::Reveal => Ctx::Reveal,
            Step::Score | Step::Saved => Ctx::Score,
        }
    }

    /// How long the event loop may sleep before the screen must change by itself: the clock's
    /// shown second, paused time included.
    pub fn next_wakeup(&self, now: Instant) -> Option<Duration> {
        let clock = match &self.screen {
            Screen::Drill(d) => d.session.attempt.running_timer().and_then(|t| t.until_next_second(now)),
            _ => None,
        };
        // (The story file, read after the first frame, wakes the loop itself: `Wake::Ready`.)
        clock
    }

    /// The clock moved on without a key press.
    pub fn tick(&mut self, now: Now) -> Vec<Effect> {
        self.take_pending_stories();
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
        self.take_pending_stories();
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
                if let Some(message) = d.paste(text) {
                    self.set_status(message, true);
                }
            }
            _ => {}
        }
        self.take_effects()
    }

    fn key(&mut self, ev: KeyEvent, now: Now) {
        let ctx = self.ctx();
        // Ctrl-C quits from anywhere, text fields included; with typed text not yet saved (the
        // scratchpad, a note) it asks first, and a second Ctrl-C quits.
        if keys::action(ctx, &ev) == Some(Action::Quit) {
            let asking = matches!(&self.overlay, Some(Overlay::Confirm(c)) if c.action == ConfirmAction::Quit);
            if !asking && self.has_unsaved_text() {
                self.overlay = Some(Overlay::Confirm(Confirm::new(strings::CONFIRM_QUIT_TEXT, ConfirmAction::Quit)));
                return;
            }
            self.quit = true;
            return;
        }
        if matches!(ctx, Ctx::Search | Ctx::Note | Ctx::Scratchpad) {
            self.handle_text_input(ctx, ev);
            return;
        }
        self.status = None;
        let Some(action) = keys::action(ctx, &ev) else { return };
        if !matches!(action, Action::OpenHistory | Action::OpenStats | Action::OpenStories) {
            // Another key: the screen asked for while the history was read is not wanted any more.
            self.open_when_read = None;
        }
        if self.overlay.is_some() {
            self.handle_overlay(action, now);
            return;
        }
        if action == Action::Help {
            self.overlay = Some(Overlay::Help(ctx));
            return;
        }
        match ctx {
            Ctx::Browser => self.handle_browser(action, now),
            Ctx::Ready | Ctx::Answering | Ctx::Probe | Ctx::Reveal | Ctx::Rubric | Ctx::Score => {
                self.handle_drill(action, now)
            }
            Ctx::Summary => {
                if matches!(action, Action::Select | Action::Back) {
                    self.screen = Screen::Browser;
                }
            }
            Ctx::History => self.handle_history(action),
            Ctx::Stats => self.handle_stats(action, now),
            Ctx::Stories => match action {
                Action::EditStory | Action::NewStory => self.edit_story(action),
                _ => {
                    if let Screen::Stories(view) = &mut self.screen
                        && !view.handle(action)
                    {
                        self.screen = Screen::Browser;
                    }
                }
            },
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
                Some(Action::Done) => d.finish_text(true),
                Some(Action::Cancel) => d.finish_text(false),
                _ => d.text_key(&ev),
            },
            _ => {}
        }
    }

    fn handle_overlay(&mut self, action: Action, now: Now) {
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
                    ConfirmAction::SkipQuestion => self.skip_question(now),
                    ConfirmAction::Quit => self.quit = true,
                    ConfirmAction::DropAnswer => {
                        self.ask_correction(crate::history::correction::CorrectionKind::Drop, None)
                    }
                },
                Action::No => {}
                _ => self.overlay = Some(Overlay::Confirm(c)),
            },
            Overlay::Amend(mut a) => match action {
                Action::Score(n) if a.typed.len() < 4 => {
                    a.typed.push(n);
                    self.overlay = Some(Overlay::Amend(a));
                }
                Action::HideLast => {
                    a.typed.pop();
                    self.overlay = Some(Overlay::Amend(a));
                }
                Action::Yes => match a.scores() {
                    Some(scores) => {
                        self.ask_correction(crate::history::correction::CorrectionKind::Amend, Some(scores))
                    }
                    None => self.overlay = Some(Overlay::Amend(a)),
                },
                Action::No => {}
                _ => self.overlay = Some(Overlay::Amend(a)),
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
                let picks = self.browser.random_pick(self.config.random_count, self.rng.get());
                if picks.is_empty() {
                    self.set_status(strings::NO_MATCHES, true);
                } else {
                    self.start_drill(picks, None, now);
                }
            }
            Action::PickPrinciple => self.open_picker(),
            Action::TodaysPlan => self.drill_todays_plan(now),
            Action::OpenHistory => self.open_history(),
            Action::OpenStats => self.open_stats(),
            Action::OpenStories if self.pending_stories.is_some() => {
                self.set_status(strings::STORIES_LOADING, false);
                self.open_when_read = Some(Action::OpenStories);
            }
            Action::OpenStories => {
                self.screen = Screen::Stories(Box::new(StoriesView::new(&self.stories, &self.history.told)))
            }
            other => self.browser.handle(other),
        }
    }

    /// The stories read from the story file, or why it could not be read (said in the status line;
    /// drilling goes on without stories).
    pub fn set_stories(&mut self, shelf: crate::stories::Shelf) {
        if let Some(problems) = &shelf.problems {
            let count = problems.lines().count();
            self.set_status(
                format!("Your story file has {}; drilling without stories (m shows them).", plural(count, "problem")),
                true,
            );
        }
        self.stories = shelf;
    }

    /// `e` or `n` on the Stories screen: ask the event loop to open the editor.
    fn edit_story(&mut self, action: Action) {
        use crate::stories::editor::StoryEdit;
        let Screen::Stories(view) = &self.screen else { return };
        if self.stories.path.is_none() {
            self.set_status(strings::NO_STORY_FILE, true);
            return;
        }
        let edit = match (action, view.selected_story()) {
            (Action::NewStory, _) => StoryEdit::New,
            (_, Some(story)) => StoryEdit::Story(story.id.clone()),
            // Nothing to edit yet (or the file has problems): open the file at its top.
            (_, None) => StoryEdit::Story(String::new()),
        };
        self.effects.push(Effect::EditStory(edit));
    }

    /// The editor closed: the story file as it now is (`Err`: the editor could not run), and the
    /// editor's complaint if it exited with one.
    pub fn stories_edited(&mut self, result: Result<(crate::stories::Shelf, Option<String>), String>) -> Vec<Effect> {
        match result {
            Ok((shelf, warning)) => {
                let selected = match &self.screen {
                    Screen::Stories(v) => v.selected,
                    _ => 0,
                };
                let count = shelf.stories.len();
                let problems = shelf.problems.is_some();
                self.set_stories(shelf);
                if !problems {
                    let text = warning.unwrap_or_else(|| format!("Story file saved: {}.", plural(count, "story")));
                    self.set_status(text, false);
                }
                let mut view = StoriesView::new(&self.stories, &self.history.told);
                view.selected = selected.min(count.saturating_sub(1));
                self.screen = Screen::Stories(Box::new(view));
            }
            Err(e) => self.set_status(e, true),
        }
        self.take_effects()
    }

    /// Read the story file off the start-up path; the stories arrive with a later key or tick.
    pub fn set_stories_pending(&mut self, pending: crate::stories::PendingShelf) {
        self.pending_stories = Some(pending);
    }

    /// The stories, if they have been read meanwhile: for the app, and for a drill under way.
    fn take_pending_stories(&mut self) {
        let Some(shelf) = self.pending_stories.as_ref().and_then(crate::stories::PendingShelf::try_take) else {
            return;
        };
        self.pending_stories = None;
        if let Screen::Drill(d) = &mut self.screen {
            d.stories = Arc::clone(&shelf.stories);
        }
        self.set_stories(shelf);
        // `m` pressed while the file was read, and nothing else done since: open the stories now.
        if self.open_when_read == Some(Action::OpenStories)
            && matches!((&self.screen, &self.overlay), (Screen::Browser, None))
        {
            self.open_when_read = None;
            if self.status.as_ref().is_some_and(|s| s.text == strings::STORIES_LOADING) {
                self.status = None;
            }
            self.screen = Screen::Stories(Box::new(StoriesView::new(&self.stories, &self.history.told)));
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
                self.request_plan(self.config.today);
                // Asked for while reading, and nothing else done since: open it now.
                let wanted = self.open_when_read.filter(|a| matches!(a, Action::OpenHistory | Action::OpenStats));
                if wanted.is_some() {
                    self.open_when_read = None;
                }
                if matches!((&self.screen, &self.overlay), (Screen::Browser, None)) {
                    match wanted {
                        Some(Action::OpenHistory) => self.open_history(),
                        Some(Action::OpenStats) => self.open_stats(),
                        _ => {}
                    }
                    if wanted.is_some() && self.status.as_ref().is_some_and(|s| s.text == strings::HISTORY_LOADING) {
                        self.status = None;
                    }
                }
            }
            Err(e) => {
                self.open_when_read = None;
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

    /// The day today's plan is for (the loop reads the clock: the local date when the history arrives).
    pub fn set_today(&mut self, today: chrono::NaiveDate) {
        self.config.today = today;
    }

    /// Ask the event loop to work out today's plan from the history as it is now.
    fn request_plan(&mut self, as_of: chrono::NaiveDate) {
        self.plan_generation += 1;
        self.config.today = as_of;
        self.effects.push(Effect::ComputePlan(PlanRequest {
            generation: self.plan_generation,
            settings: self.config.plan,
            as_of,
            zone: self.config.zone,
        }));
    }

    /// The event loop worked out today's plan.
    pub fn plan_computed(&mut self, generation: u64, today: crate::schedule::Today) -> Vec<Effect> {
        if generation == self.plan_generation {
            self.browser.set_today(Some(today));
        }
        self.take_effects()
    }

    /// `t` in the browser: drill today's plan, due questions first.
    fn drill_todays_plan(&mut self, now: Now) {
        let questions: Option<Vec<Question>> = self
            .browser
            .today()
            .map(|t| t.question_ids().iter().filter_map(|id| self.bank.find(id).cloned()).collect());
        match questions {
            None => self.set_status(strings::PLAN_NOT_READY, false),
            Some(q) if q.is_empty() => self.set_status(strings::NOTHING_PLANNED, false),
            Some(q) => self.start_drill(q, None, now),
        }
    }

    /// History and Stats need the whole history: while it is still being read, say so and open the
    /// screen asked for once it is (`history_loaded`).
    fn history_ready(&mut self, wanted: Action) -> bool {
        if self.history_loading {
            self.set_status(strings::HISTORY_LOADING, false);
            self.open_when_read = Some(wanted);
        }
        !self.history_loading
    }

    pub fn open_history(&mut self) {
        if !self.history_ready(Action::OpenHistory) {
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
        if !self.history_ready(Action::OpenStats) {
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
            as_of: self.config.today,
            new_questions: self
                .browser
                .never_practised()
                .into_iter()
                .map(|q| super::stats_screen::NewQuestion {
                    id: q.id.clone(),
                    number: q.number,
                    title: q.title.clone(),
                })
                .collect(),
            principle_stories: self.principle_stories(),
        });
        if let Some(request) = view.computing {
            self.effects.push(Effect::ComputeStats(request));
        }
        self.screen = Screen::Stats(Box::new(view));
    }

    /// Your stories per principle for Stats: how many show it, and the best one's mean when told (none
    /// without stories).
    fn principle_stories(&self) -> Vec<super::stats_screen::PrincipleStories> {
        if self.stories.stories.is_empty() {
            return Vec::new();
        }
        let coverage = self.stories.stories.coverage();
        coverage
            .principles
            .iter()
            .map(|c| super::stats_screen::PrincipleStories {
                principle: c.principle.name(),
                stories: c.stories.len(),
                best_mean: self.history.told.best(&c.stories).map(|(_, m)| m),
            })
            .collect()
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
        let answer = (h.depth == super::history_screen::Depth::Answer).then(|| h.selected_record()).flatten();
        match action {
            Action::OpenStats => self.open_stats(),
            Action::DropAnswer if answer.is_some() => {
                self.overlay =
                    Some(Overlay::Confirm(Confirm::new(strings::CONFIRM_DROP_ANSWER, ConfirmAction::DropAnswer)));
            }
            Action::AmendAnswer => {
                if let Some(r) = answer {
                    self.overlay = Some(Overlay::Amend(AmendScores::new(r.scores)));
                }
            }
            Action::DropAnswer => {}
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

    /// Ask the event loop to correct the answer shown in full on History.
    fn ask_correction(
        &mut self,
        kind: crate::history::correction::CorrectionKind,
        scores: Option<crate::history::Scores>,
    ) {
        let Screen::History(h) = &self.screen else { return };
        let Some(shown) = h.selected_record().cloned() else { return };
        self.effects.push(Effect::Correct(Box::new(CorrectRequest { shown, kind, scores })));
    }

    /// The event loop appended a correction and read the history again (`Err`: why nothing was
    /// written, or why the history could not be read back). Every view now shows the corrected
    /// history: History starts again from its sessions.
    pub fn corrected(
        &mut self,
        request: &CorrectRequest,
        outcome: Result<(String, HistoryIndex), String>,
    ) -> Vec<Effect> {
        match outcome {
            Ok((attempt_id, mut index)) => {
                let r = &request.shown;
                let what = match request.scores {
                    Some(s) => format!("scores now {} ({:.2}, was {:.2})", s.compact(), s.mean(), r.overall),
                    None => format!("#{} of {}", r.question_number, self.config.zone.minute(r.answered_at)),
                };
                self.browser.set_tries(std::mem::take(&mut index.tries));
                self.history_warning = store::skipped_summary(&index.skipped, &self.config.history_path);
                self.history = Arc::new(index);
                // (Read on a thread: the user may have left History since.)
                if matches!(self.screen, Screen::History(_)) {
                    self.screen = Screen::History(HistoryView::new(
                        Arc::clone(&self.history),
                        self.history_warning.clone(),
                        self.config.zone,
                    ));
                }
                self.set_status(strings::corrected(request.kind, &attempt_id, &what), false);
                self.request_plan(self.config.today);
            }
            Err(e) => self.set_status(strings::not_corrected(&e), true),
        }
        self.take_effects()
    }

    /// The event loop read the answers of the session opened on the History screen.
    pub fn answers_read(&mut self, answers: Result<Vec<Record>, String>) -> Vec<Effect> {
        self.answers_read_now(answers);
        self.take_effects()
    }

    fn answers_read_now(&mut self, answers: Result<Vec<Record>, String>) {
        match &mut self.screen {
            Screen::History(h) => {
                if let Err(e) = h.answers_read(answers) {
                    self.set_status(strings::answers_unread(&e), true);
                }
            }
            // The note of the waiting question's last answer.
            Screen::Drill(d) => d.last_read(answers),
            _ => {}
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
                } else if view.weakest_ids().is_empty() {
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
            // Typed text is never thrown away without asking.
            (Step::Answering, Action::Skip) if d.session.attempt.has_outline() => {
                let confirm = Confirm::new(strings::CONFIRM_SKIP_SCRATCHPAD, ConfirmAction::SkipQuestion);
                self.overlay = Some(Overlay::Confirm(confirm));
            }
            (Step::Ready | Step::Answering, Action::Skip) => self.skip_question(now),
            (Step::Answering | Step::Probe, Action::Back) if d.session.attempt.has_outline() => {
                let confirm = Confirm::new(strings::CONFIRM_LEAVE_SCRATCHPAD, ConfirmAction::LeaveDrill);
                self.overlay = Some(Overlay::Confirm(confirm));
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
                let a = &d.session.attempt;
                let message = if a.has_scoring() {
                    strings::CONFIRM_LEAVE_SCORE
                } else if a.has_outline() {
                    strings::CONFIRM_LEAVE_SCRATCHPAD
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

    /// Whether the drill holds text the user typed that is not saved yet: the scratchpad, the note,
    /// or the field being typed in.
    fn has_unsaved_text(&self) -> bool {
        let Screen::Drill(d) = &self.screen else { return false };
        let a = &d.session.attempt;
        let typing = d.editing.as_ref().is_some_and(|e| !e.area.is_empty());
        typing || a.has_outline() || (a.step != Step::Saved && !a.note.trim().is_empty())
    }

    /// A computation on a thread of its own failed (a fault in stardrill): said on the status line;
    /// the screen keeps what it shows, and the next request tries again.
    pub fn computation_failed(&mut self, what: &str, why: &str) -> Vec<Effect> {
        self.set_status(strings::computation_failed(what, why), true);
        self.take_effects()
    }

    /// Skip the question on its ready step or being answered: nothing is saved for it.
    fn skip_question(&mut self, now: Now) {
        let Screen::Drill(d) = &mut self.screen else { return };
        let title = d.session.attempt.question.title.clone();
        match d.session.skip(now.instant) {
            Some(true) => {
                d.reset_for_next(now.instant);
                self.set_status(format!("Skipped “{title}”; nothing saved for it."), false);
                self.look_up_last();
            }
            Some(false) => self.end_drill(None),
            None => {}
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
        self.request_plan(self.config.zone.date(now.wall));
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
            self.look_up_last();
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
