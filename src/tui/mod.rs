//! The terminal interface. This file holds the event loop and draws the app; `app.rs` holds the
//! state and what keys do; each screen is a widget in its own file.

pub mod answering;
pub mod app;
pub mod browser;
pub mod drill_view;
pub mod history_screen;
pub mod keys;
pub mod line_input;
pub mod overlays;
pub mod reveal;
pub mod score;
pub mod selectable;
pub mod stats_screen;
pub mod strings;
pub mod summary;
pub mod theme;
pub mod wrap;

use std::io::{self, Write};
use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub use app::{App, AppConfig, Effect, Screen};

use crate::clock::Now;
use crate::drill::Step;
use answering::AnsweringScreen;
use reveal::RevealScreen;
use score::ScoreScreen;
use theme::theme;

/// How long to wait for a key when nothing on screen changes by itself.
const IDLE_POLL: Duration = Duration::from_secs(3600);

/// Run the app in the terminal until the user quits. The terminal is restored on every exit,
/// panics included (`ratatui::run`).
pub fn run(mut app: App) -> io::Result<()> {
    ratatui::run(|terminal| {
        loop {
            terminal.draw(|frame| frame.render_widget(&app, frame.area()))?;
            // Wait for input, or until the clock's shown second changes.
            let timeout = app.next_wakeup(std::time::Instant::now()).unwrap_or(IDLE_POLL);
            if event::poll(timeout)? {
                match event::read()? {
                    Event::Key(key) if key.kind == KeyEventKind::Press => app.handle_key(key, Now::read()),
                    Event::Resize(..) => {}
                    _ => continue,
                }
            } else {
                app.tick(Now::read());
            }
            for effect in app.take_effects() {
                match effect {
                    Effect::Bell => {
                        let mut out = io::stdout();
                        out.write_all(b"\x07")?;
                        out.flush()?;
                    }
                }
            }
            if app.should_quit() {
                return Ok(());
            }
        }
    })
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
        let status_height = u16::from(self.status.is_some());
        // Narrow terminals get a third footer line rather than lose keys.
        let footer = footer_lines(self.ctx(), area.width, if area.width < 80 { 3 } else { 2 });
        let [body, status, footer_area] = Layout::vertical([
            Constraint::Min(0),
            Constraint::Length(status_height),
            Constraint::Length(wrap::rows(footer.len())),
        ])
        .areas(area);
        match &self.screen {
            Screen::Browser => self.browser.render(body, buf),
            Screen::Drill(d) => match d.session.attempt.step {
                Step::Answering => {
                    let screen =
                        AnsweringScreen { attempt: &d.session.attempt, now: d.now, position: d.session.position() };
                    screen.render(body, buf)
                }
                Step::Reveal => RevealScreen { view: d }.render(body, buf),
                Step::Score | Step::Saved => ScoreScreen { view: d }.render(body, buf),
            },
            Screen::Summary(s) => s.render(body, buf),
            Screen::History(h) => h.render(body, buf),
            Screen::Stats(s) => s.render(body, buf),
        }
        if let Some(s) = &self.status {
            let text = crate::text::visible_line(&s.text).into_owned();
            Line::styled(text, if s.error { t.error() } else { t.status() }).render(status, buf);
        }
        Paragraph::new(footer).render(footer_area, buf);
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
