//! The terminal interface. This file holds the event loop and draws the app; `app.rs` holds the
//! state and what keys do; each screen is a widget in its own file.

pub mod answering;
pub mod app;
pub mod boxed;
pub mod browser;
pub mod coach_view;
pub mod drill_view;
pub mod history_screen;
pub mod keys;
pub mod line_input;
pub mod note_area;
pub mod overlays;
pub mod pacing_view;
pub mod probe;
pub mod reveal;
pub mod runtime;
pub mod score;
pub mod screen;
pub mod selectable;
pub mod stats_screen;
pub mod stories_screen;
pub mod strings;
pub mod summary;
pub mod theme;
pub mod today_panel;
pub mod wrap;

use std::io::{self, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};
use ratatui::crossterm::execute;
use ratatui::layout::{Rect, Size};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub use app::{App, AppConfig, Effect, PlanRequest, Screen};
pub use runtime::Signal;
pub use stats_screen::StatsRequest;

use crate::clock::Now;
use crate::drill::Step;
use crate::history::store;
use answering::{AnsweringScreen, ReadyScreen};
use reveal::RevealScreen;
use runtime::{Waiter, Wake};
use score::ScoreScreen;
use theme::theme;

/// Work to start once the first frame is on screen (reading files on threads of their own), so it
/// does not compete with the first frame for the cores.
pub type AfterFirstFrame = Vec<Box<dyn FnOnce(runtime::Nudge) + Send>>;

/// How long to wait for a key when nothing on screen changes by itself.
const IDLE_POLL: Duration = Duration::from_secs(3600);

/// How the app ended, other than by an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// SIGTERM, SIGHUP or SIGINT: the terminal was restored, saved records kept.
    Signal(Signal),
    /// The terminal went away (end of input, hang-up).
    HangUp,
}

/// The app's terminal: what it shows, drawn on standard output a frame at a time (`screen.rs`).
pub type AppTerminal = screen::Screen<io::Stdout>;

/// Takes over the terminal (raw mode, alternate screen, bracketed paste) and gives it back when
/// dropped, whatever the way out; a panic gives it back too.
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> io::Result<(TerminalGuard, AppTerminal)> {
        use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
        // What `ratatui::try_init` does, for the app's own screen: a panic hook that gives the terminal back
        // (paste first, then raw mode and the screen), raw mode, the alternate screen.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // A figures thread's panic is caught and said on the status line: the app goes on, so
            // its terminal stays as it is and nothing is written over the screen.
            if runtime::on_figures_thread() {
                return;
            }
            let _ = execute!(io::stdout(), DisableBracketedPaste);
            ratatui::restore();
            let _ = execute!(io::stdout(), Show);
            hook(info);
        }));
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
        let (width, height) = ratatui::crossterm::terminal::size()?;
        Ok((TerminalGuard, screen::Screen::new(io::stdout(), Size::new(width, height))))
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        // A terminal that is gone cannot be restored; say nothing about it then.
        let _ = execute!(io::stdout(), DisableBracketedPaste);
        if let Err(e) = ratatui::try_restore()
            && !runtime::terminal_gone()
        {
            eprintln!("error: could not restore the terminal: {e}");
        }
        // The cursor the screen hid, shown on the shell's screen.
        let _ = execute!(io::stdout(), Show);
    }
}

/// Run the app in the terminal until the user quits, a signal ends it or the terminal goes away.
/// The terminal is restored on every exit, panics included.
///
/// `make_app` is called once the terminal is taken over. `history`: when set, the history file
/// is read off the first frame's path (in that zone) and handed to the app (`App::history_loaded`).
pub fn run(
    make_app: impl FnOnce() -> (App, AfterFirstFrame),
    history: Option<(std::path::PathBuf, crate::clock::Zone)>,
) -> io::Result<Exit> {
    let (guard, mut terminal) = TerminalGuard::enter()?;
    let loading = history.is_some();
    let waiter = Waiter::new(history)?;
    let (mut app, later) = make_app();
    waiter.after_first_frame(later);
    if loading {
        app.set_history_loading();
    }
    let exit = event_loop(&mut app, &mut terminal, &waiter);
    drop(guard);
    match exit {
        // Writing to or reading from a terminal that is gone fails; that is the hang-up.
        Err(_) if runtime::terminal_gone() => Ok(Exit::HangUp),
        other => other,
    }
}

fn event_loop(app: &mut App, terminal: &mut AppTerminal, waiter: &Waiter) -> io::Result<Exit> {
    // The first frame is drawn at the size read when the terminal was taken, a moment ago.
    let mut size = Some(terminal.size());
    loop {
        draw(terminal, app, size.take())?;
        // The first frame is on screen: now read the history (a no-op after the first time).
        waiter.read_history()?;
        // Wait for input, a signal, or until the clock's shown second changes.
        let timeout = app.next_wakeup(Instant::now()).unwrap_or(IDLE_POLL);
        let mut wake = waiter.wait(timeout);
        // Handle everything already waiting before drawing again.
        loop {
            let effects = match wake {
                Wake::Signal(s) => return Ok(Exit::Signal(s)),
                Wake::HangUp => return Ok(Exit::HangUp),
                Wake::Error(e) => return Err(e),
                Wake::Timeout | Wake::Ready => app.tick(Now::read()),
                Wake::History(loaded) => {
                    // Today's local date, read now and not before the first frame: it needs the time
                    // zone's file, and only the plan worked out from the history uses it.
                    app.set_today(app.config.zone.date(Now::read().wall));
                    app.history_loaded(*loaded)
                }
                Wake::Stats(generation, stats) => app.stats_computed(generation, *stats),
                Wake::Plan(generation, today) => app.plan_computed(generation, *today),
                Wake::Failed(what, why) => app.computation_failed(&what, &why),
                Wake::Corrected(request, outcome) => app.corrected(&request, *outcome),
                Wake::Event(Event::Key(key)) if key.kind == KeyEventKind::Press => app.handle_key(key, Now::read()),
                Wake::Event(Event::Paste(text)) => app.handle_paste(&text, Now::read()),
                // A resize is drawn at the new size by the next draw.
                Wake::Event(_) => Vec::new(),
            };
            perform(app, waiter, terminal, effects)?;
            if app.should_quit() {
                return Ok(Exit::Quit);
            }
            match waiter.pending() {
                Some(next) => wake = next,
                None => break,
            }
        }
    }
}

/// Draw the app at `size`, or at the terminal's size now.
fn draw(terminal: &mut AppTerminal, app: &App, size: Option<Size>) -> io::Result<()> {
    let size = match size {
        Some(size) => size,
        None => {
            let (width, height) = ratatui::crossterm::terminal::size()?;
            Size::new(width, height)
        }
    };
    terminal.draw(size, |area, buf| app.render(area, buf))
}

/// Give the terminal back to the shell's way (for the editor): main screen, cooked mode, no paste,
/// the cursor shown.
fn suspend() -> io::Result<()> {
    execute!(io::stdout(), DisableBracketedPaste)?;
    ratatui::try_restore()?;
    execute!(io::stdout(), Show)
}

/// Take the terminal again after `suspend`, on a cleared screen, so the next frame draws every cell.
fn resume(terminal: &mut AppTerminal) -> io::Result<()> {
    use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen};
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste, Clear(ClearType::All))?;
    terminal.cleared();
    Ok(())
}

/// Do what the update step asked, feeding outcomes back until nothing is left.
fn perform(app: &mut App, waiter: &Waiter, terminal: &mut AppTerminal, effects: Vec<Effect>) -> io::Result<()> {
    let mut queue = std::collections::VecDeque::from(effects);
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::Bell => {
                let mut out = io::stdout();
                out.write_all(b"\x07")?;
                out.flush()?;
            }
            Effect::Save(record) => {
                let result = {
                    let _saving = runtime::SAVE_LOCK.lock();
                    store::append(&app.config.history_path, &record)
                };
                let more = match result {
                    Ok(appended) => app.saved(*record, appended.unconfirmed.map(|e| e.to_string()), Now::read()),
                    Err(e) => app.save_failed(&e.to_string()),
                };
                queue.extend(more);
            }
            Effect::ComputePlan(request) => {
                let (history, bank) = (Arc::clone(&app.history), Arc::clone(&app.bank));
                let work = move || request.compute(&history, &bank);
                waiter.compute("plan", work, move |today| Wake::Plan(request.generation, Box::new(today)))?;
            }
            Effect::ComputeStats(request) => {
                let (history, bank) = (Arc::clone(&app.history), Arc::clone(&app.bank));
                let work = move || request.compute(&history, &bank);
                waiter.compute("stats", work, move |stats| Wake::Stats(request.generation, Box::new(stats)))?;
            }
            Effect::EditStory(edit) => {
                let Some(path) = app.stories.path.clone() else { continue };
                let (stories, bank) = (Arc::clone(&app.stories.stories), Arc::clone(&app.bank));
                let result = waiter.without_input(|| -> io::Result<_> {
                    suspend()?;
                    let edited = crate::stories::editor::edit_story(&path, &edit, &stories, &bank.questions);
                    resume(terminal)?;
                    Ok(edited)
                })?;
                queue.extend(app.stories_edited(result));
            }
            Effect::ReadAnswers(rows) => {
                let read = app.history.records(&rows, &app.config.history_path).map_err(|e| e.to_string());
                queue.extend(app.answers_read(read));
            }
            Effect::Correct(request) => {
                let (path, zone) = (app.config.history_path.clone(), app.config.zone);
                let work = move || {
                    let outcome = correction(&path, zone, &request);
                    (request, outcome)
                };
                waiter.compute("correction", work, |(request, outcome)| Wake::Corrected(request, Box::new(outcome)))?;
            }
        }
    }
    Ok(())
}

/// What `Effect::Correct` asks, done where `App::corrected` is handed the outcome: the event loop does
/// `correction` on a thread of its own; a test may do it all here.
pub fn correct(app: &mut App, request: &app::CorrectRequest) -> Vec<Effect> {
    let outcome = correction(&app.config.history_path, app.config.zone, request);
    app.corrected(request, outcome)
}

/// Append the drop or amend asked for on History, then read the history again so every view shows it
/// corrected: both under the save lock, so no answer saved meanwhile is missing from what is read.
/// (At 100,000 records the reading takes tens of milliseconds: the event loop does this on a thread
/// of its own, and a save waits for it.)
pub fn correction(
    path: &std::path::Path,
    zone: crate::clock::Zone,
    request: &app::CorrectRequest,
) -> Result<(String, crate::history_index::HistoryIndex), String> {
    let _saving = runtime::SAVE_LOCK.lock();
    let written = store::correct_shown(path, &request.shown, request.kind, request.scores, Now::read().wall)?;
    let index = crate::history_index::HistoryIndex::read(path, zone)
        .map_err(|e| format!("the correction is written, but {e}"))?;
    Ok((written.attempt_id, index))
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = theme();
        if area.width < strings::MIN_WIDTH || area.height < strings::MIN_HEIGHT {
            Paragraph::new(strings::too_small(area.width, area.height))
                .style(t.warn())
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        // A status (a save's outcome, an error) wraps onto up to three lines rather than lose its end.
        let status_lines: Vec<Line> = match &self.status {
            Some(s) => {
                let style = if s.error { t.error() } else { t.status() };
                let mut lines = wrap::wrap_plain(&crate::text::visible_line(&s.text), style, usize::from(area.width));
                if lines.len() > 3 {
                    lines.truncate(3);
                    if let Some(last) = lines.last_mut() {
                        last.spans.push(Span::styled("…", style));
                    }
                }
                lines
            }
            None => Vec::new(),
        };
        let status_height = wrap::rows(status_lines.len());
        // Narrow terminals get a third footer line rather than lose keys.
        let footer = footer_lines(self.ctx(), area.width, if area.width < 80 { 3 } else { 2 });
        let [body, status, footer_area] = selectable::stack_bottom(area, [status_height, wrap::rows(footer.len())]);
        match &self.screen {
            Screen::Browser => self.browser.render(body, buf),
            Screen::Drill(d) => match d.session.attempt.step {
                Step::Ready => {
                    ReadyScreen { attempt: &d.session.attempt, position: d.session.position(), last: d.last.as_ref() }
                        .render(body, buf)
                }
                Step::Answering => {
                    let screen = AnsweringScreen {
                        attempt: &d.session.attempt,
                        now: d.now,
                        position: d.session.position(),
                        stories: d.story_matches(),
                        hints: d.bank.rubrics.hints(d.session.attempt.question.kind),
                        editing: d.editing.as_ref(),
                    };
                    screen.render(body, buf)
                }
                Step::Probe => {
                    let screen =
                        probe::ProbeScreen { attempt: &d.session.attempt, now: d.now, position: d.session.position() };
                    screen.render(body, buf)
                }
                Step::Reveal => RevealScreen { view: d }.render(body, buf),
                Step::Score | Step::Saved => ScoreScreen { view: d }.render(body, buf),
            },
            Screen::Summary(s) => s.render(body, buf),
            Screen::History(h) => h.render(body, buf),
            Screen::Stats(s) => s.render(body, buf),
            Screen::Stories(s) => s.render(body, buf),
        }
        selectable::put_lines(&status_lines, status, buf);
        selectable::put_lines(&footer, footer_area, buf);
        if let Some(o) = &self.overlay {
            o.render(body, buf);
        }
    }
}

/// The key hints of a context, help and back first, on as many lines (up to `max_lines`) as the width needs.
fn footer_lines(ctx: keys::Ctx, width: u16, max_lines: usize) -> Vec<Line<'static>> {
    let t = theme();
    let mut hints = keys::footer(ctx);
    // Help and the way back come first, so they survive the narrowest terminal.
    for (slot, key) in ["?", "q/Esc"].into_iter().enumerate() {
        if let Some(i) = hints.iter().position(|(h, _)| *h == key) {
            let hint = hints.remove(i);
            hints.insert(slot, hint);
        }
    }
    let mut lines = vec![Line::default()];
    let mut used = 0usize;
    for (hint, label) in hints {
        let w = crate::text::width(hint) + crate::text::width(label) + 3;
        if used + w > usize::from(width) && used > 0 {
            if lines.len() == max_lines {
                break;
            }
            lines.push(Line::default());
            used = 0;
        }
        if let Some(line) = lines.last_mut() {
            line.spans.push(Span::styled(hint, t.key()));
            line.spans.push(Span::styled(format!(" {label}  "), t.dim()));
        }
        used += w;
    }
    lines
}
