//! The History screen: drill sessions newest first → one session's answers → one answer in full.

use std::cell::Cell as Shared;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Widget};

use super::keys::Action;
use super::selectable::{
    Scroll, ScrollView, column_widths, fit_cell, navigate, pick, render_selectable, visible_window,
};
use super::strings;
use super::theme::theme;
use super::wrap::{VIEW_LINES, wrap_limited, wrap_plain};
use crate::clock::Zone;
use crate::format::mmss;
use crate::format::plural;
use crate::history::Record;
use crate::history_index::{HistoryIndex, SessionSummary};
use crate::text::visible_line;

/// How deep the History screen is: the sessions, one session's answers, or one answer in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    Sessions,
    Answers,
    Answer,
}

/// The most answers of one session read into memory (a session is a drill: a handful).
pub const MAX_SESSION_ANSWERS: usize = 5_000;

/// What a key did on the History screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryMove {
    Stay,
    /// Back from the sessions list: leave the screen.
    Leave,
    /// A session was opened: its answers (these rows of the history) must be read.
    ReadAnswers(Vec<usize>),
}

#[derive(Debug, Clone)]
pub struct HistoryView {
    /// Shared with the app: opening the screen copies nothing.
    history: Arc<HistoryIndex>,
    /// The open session's answers in full, once read (`answers_read`).
    answers: Option<Vec<Record>>,
    pub depth: Depth,
    pub session_sel: usize,
    pub answer_sel: usize,
    /// The first line shown of one answer in full.
    pub answer_scroll: usize,
    /// Lines of the history file that could not be read.
    pub skipped: Option<String>,
    pub zone: Zone,
    /// Rows the last drawn list showed (PgUp/PgDn move by that), and the answer view as drawn.
    page: Shared<usize>,
    drawn_scroll: Shared<ScrollView>,
}

impl HistoryView {
    pub fn new(history: Arc<HistoryIndex>, skipped: Option<String>, zone: Zone) -> HistoryView {
        HistoryView {
            history,
            answers: None,
            depth: Depth::Sessions,
            session_sel: 0,
            answer_sel: 0,
            answer_scroll: 0,
            skipped,
            zone,
            page: Shared::new(10),
            drawn_scroll: Shared::new(ScrollView::default()),
        }
    }

    fn session(&self) -> Option<&SessionSummary> {
        self.history.session(self.session_sel)
    }

    pub fn selected_record(&self) -> Option<&Record> {
        self.answers.as_ref().and_then(|a| a.get(self.answer_sel))
    }

    /// The open session's answers have been read (`Err`: why not, and the sessions list is back).
    pub fn answers_read(&mut self, answers: Result<Vec<Record>, String>) -> Result<(), String> {
        match answers {
            Ok(answers) => {
                self.answers = Some(answers);
                Ok(())
            }
            Err(e) => {
                self.depth = Depth::Sessions;
                Err(e)
            }
        }
    }

    /// Handle a key.
    pub fn handle(&mut self, action: Action) -> HistoryMove {
        let page = self.page.get();
        match (self.depth, action) {
            (Depth::Answer, Action::Back) => self.depth = Depth::Answers,
            (Depth::Answers, Action::Back) => self.depth = Depth::Sessions,
            (Depth::Sessions, Action::Back) => return HistoryMove::Leave,
            (Depth::Sessions, Action::Select) => {
                if let Some(s) = self.session() {
                    let rows = self.history.session_answers(s, MAX_SESSION_ANSWERS);
                    self.depth = Depth::Answers;
                    self.answer_sel = 0;
                    self.answers = None;
                    return HistoryMove::ReadAnswers(rows);
                }
            }
            (Depth::Answers, Action::Select) if self.selected_record().is_some() => {
                self.depth = Depth::Answer;
                self.answer_scroll = 0;
                self.drawn_scroll.set(ScrollView { offset: 0, height: self.drawn_scroll.get().height });
            }
            (Depth::Answer, _) => {
                // Scroll the answer from where it was drawn; End goes as far as the text allows.
                if let Some(scroll) = Scroll::from_action(action) {
                    let view = self.drawn_scroll.get().scrolled(scroll);
                    self.answer_scroll = view.offset;
                    self.drawn_scroll.set(view);
                }
            }
            (Depth::Sessions, _) => {
                if let Some(to) = navigate(self.session_sel, self.history.session_count(), page, action) {
                    self.session_sel = to;
                }
            }
            (Depth::Answers, _) => {
                let len = self.answers.as_ref().map_or(0, Vec::len);
                if let Some(to) = navigate(self.answer_sel, len, page, action) {
                    self.answer_sel = to;
                }
            }
        }
        HistoryMove::Stay
    }
}

/// "03:01/03:00 !": the used time and the limit by the one rounding rule, marked when over time so
/// it reads without colour too.
pub fn used_of_limit(r: &Record, sep: &str) -> String {
    format!("{}{sep}{}{}", r.used_mmss(), mmss(r.time_limit_secs), over_mark(r.is_over_time(), ""))
}

/// The mark of an answer over its time limit, so it reads without colour; `otherwise` where there is
/// none (spaces keep a column aligned).
pub fn over_mark(over: bool, otherwise: &'static str) -> &'static str {
    if over { " !" } else { otherwise }
}

/// The friendly screen for an empty history, shared with Stats.
pub fn render_empty(area: Rect, buf: &mut Buffer, what: &str) {
    let t = theme();
    let lines = vec![
        Line::styled(format!("No {what} yet."), t.title()),
        Line::default(),
        Line::raw("Your scores appear here as soon as you save one:"),
        Line::raw("  1. go back to the questions (q) and pick one (↑/↓, Enter),"),
        Line::raw("  2. answer out loud against the clock, Enter when done,"),
        Line::raw("  3. reveal the model answer section by section (Space),"),
        Line::raw("  4. score yourself 1-5 on S, T, A and R, and Enter to save."),
    ];
    Paragraph::new(lines)
        .wrap(ratatui::widgets::Wrap { trim: false })
        .block(Block::default().borders(Borders::ALL).border_style(t.border()))
        .render(area, buf);
}

impl Widget for &HistoryView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = theme();
        let [title, warn, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(u16::from(self.skipped.is_some())),
            Constraint::Min(0),
        ])
        .areas(area);
        if let Some(s) = &self.skipped {
            Line::styled(visible_line(s).into_owned(), t.warn()).render(warn, buf);
        }
        if self.history.session_count() == 0 {
            Line::styled("History", t.title()).render(title, buf);
            render_empty(body, buf, "drills in your history");
            return;
        }
        match self.depth {
            Depth::Sessions => self.render_sessions(title, body, buf),
            Depth::Answers => self.render_answers(title, body, buf),
            Depth::Answer => self.render_answer(title, body, buf),
        }
    }
}

impl HistoryView {
    fn render_sessions(&self, title: Rect, body: Rect, buf: &mut Buffer) {
        let t = theme();
        Line::from(vec![
            Span::styled("History", t.title()),
            Span::styled(
                format!(
                    " · {} · {}",
                    plural(self.history.session_count(), "session"),
                    plural(self.history.len(), "answer")
                ),
                t.dim(),
            ),
        ])
        .render(title, buf);
        // Narrow screens keep date, count and score (the over-time mark moves beside the score).
        let narrow = body.width < 60;
        let keep: &[usize] = if narrow { &[0, 1, 2] } else { &[0, 1, 2, 3, 4] };
        let widths = pick(
            &[
                Constraint::Length(16),
                Constraint::Length(9),
                Constraint::Length(if narrow { 9 } else { 7 }),
                Constraint::Length(10),
                Constraint::Min(5),
            ],
            keep,
        );
        let asked_width = if keep.len() == 5 { column_widths(body, &widths).get(4).copied() } else { None };
        // Only the rows on screen are built: the cost of a frame does not grow with the history.
        let (first, count) = visible_window(self.history.session_count(), self.session_sel, body);
        let rows: Vec<Row> = (first..first + count)
            .filter_map(|n| self.history.session(n))
            .map(|s| {
                let over = s.over;
                Row::new(pick(
                    &[
                        Cell::from(self.zone.minute(self.history.started(s))),
                        Cell::from(format!("{:>9}", s.answers())),
                        Cell::from(Span::styled(
                            format!("{:>7.2}{}", s.mean_overall, over_mark(over && narrow, "")),
                            t.score(s.mean_overall),
                        )),
                        Cell::from(format!("{:>8}{}", mmss(s.total_secs), over_mark(over, "  "))),
                        Cell::from(fit_cell(
                            &self.history.asked(s).map(|n| format!("#{n}")).collect::<Vec<_>>().join(" "),
                            asked_width,
                        )),
                    ],
                    keep,
                ))
            })
            .collect();
        let header = ["Date", "Questions", "Overall", "Time", "Asked"];
        let table = Table::new(rows, widths).header(Row::new(pick(&header, keep)).style(t.bold()));
        let page =
            render_selectable(table, self.session_sel - first, " Sessions (Enter opens) · ! over time ", body, buf);
        self.page.set(page);
    }

    fn render_answers(&self, title: Rect, body: Rect, buf: &mut Buffer) {
        let t = theme();
        let Some(s) = self.session() else { return };
        let shown = match &self.answers {
            Some(a) if a.len() < s.answers() => format!(" · the first {} of {} answers", a.len(), s.answers()),
            Some(_) => String::new(),
            None => " · reading…".to_string(),
        };
        Line::from(vec![
            Span::styled("Session ", t.title()),
            Span::styled(
                format!(
                    "{} · mean {:.2} · {}{shown}",
                    self.zone.minute(self.history.started(s)),
                    s.mean_overall,
                    mmss(s.total_secs)
                ),
                t.dim(),
            ),
        ])
        .render(title, buf);
        let answers = self.answers.as_deref().unwrap_or_default();
        // Narrow screens keep number, title and score (the over-time mark moves beside the score).
        let narrow = body.width < 72;
        let keep: &[usize] = if narrow { &[0, 1, 4] } else { &[0, 1, 2, 3, 4, 5] };
        let nw = super::selectable::number_width(answers.iter().map(|r| r.question_number));
        let widths = pick(
            &[
                Constraint::Length(nw),
                Constraint::Min(12),
                Constraint::Length(13),
                Constraint::Length(7),
                Constraint::Length(if narrow { 9 } else { 7 }),
                Constraint::Percentage(25),
            ],
            keep,
        );
        let fits = column_widths(body, &widths);
        let note_width = if keep.len() == 6 { fits.get(5).copied() } else { None };
        let (first, count) = visible_window(answers.len(), self.answer_sel, body);
        let rows: Vec<Row> = answers[first..first + count]
            .iter()
            .map(|r| {
                Row::new(pick(
                    &[
                        Cell::from(format!("{:>w$}", r.question_number, w = usize::from(nw))),
                        Cell::from(fit_cell(&r.question_title, fits.get(1).copied())),
                        Cell::from(Span::styled(
                            used_of_limit(r, "/"),
                            if r.is_over_time() { t.clock(crate::drill::Phase::Over) } else { t.dim() },
                        )),
                        Cell::from(r.scores.compact()),
                        Cell::from(Span::styled(
                            format!("{:>7.2}{}", r.overall, over_mark(r.is_over_time() && narrow, "")),
                            t.score(r.overall),
                        )),
                        Cell::from(fit_cell(&r.note, note_width)),
                    ],
                    keep,
                ))
            })
            .collect();
        let header = ["#", "Question", "Time/limit", "S T A R", "Overall", "Note"];
        let table = Table::new(rows, widths).header(Row::new(pick(&header, keep)).style(t.bold()));
        let page =
            render_selectable(table, self.answer_sel - first, " Answers (Enter shows one) · ! over time ", body, buf);
        self.page.set(page);
    }

    /// One answer in full, scrollable. Only the lines up to the bottom of the window are wrapped, so
    /// a note of a megabyte costs what the screen shows, not what it holds.
    fn render_answer(&self, title: Rect, body: Rect, buf: &mut Buffer) {
        let t = theme();
        let Some(r) = self.selected_record() else { return };
        Line::from(vec![
            Span::styled(format!("Answer to question {}", r.question_number), t.title()),
            Span::styled(" · d drop · a amend the scores", t.dim()),
        ])
        .render(title, buf);
        let block = Block::default().borders(Borders::ALL).border_style(t.border());
        let inner = block.inner(body);
        let height = usize::from(inner.height);
        let w = usize::from(inner.width);
        // Lines wanted: up to the window's bottom, plus one to know whether more follows; never more
        // than one view wraps.
        let want = self.answer_scroll.saturating_add(height).saturating_add(1).min(VIEW_LINES);
        let mut lines: Vec<Line<'static>> = Vec::new();
        let mut more = false;
        let mut add = |lines: &mut Vec<Line<'static>>, label: &str, pieces: &[(String, Style)]| {
            if more || lines.len() >= want {
                more = true;
                return;
            }
            let (prefix, indent) = if label.is_empty() {
                (Span::raw(""), 0)
            } else {
                (Span::styled(format!("{label:<13}"), t.bold()), 13)
            };
            let (wrapped, left) = wrap_limited(pieces, w, prefix, indent, want - lines.len());
            lines.extend(wrapped);
            more |= left;
        };
        let plain = |s: &str| vec![(s.to_string(), Style::new())];
        add(&mut lines, "", &[(r.question_title.clone(), t.bold())]);
        add(&mut lines, "Answered", &plain(&self.zone.minute(r.answered_at)));
        add(&mut lines, "Level", &plain(&r.level));
        add(&mut lines, "Principles", &plain(&r.leadership_principles.join(" · ")));
        let over = match r.over_mmss() {
            Some(by) => format!(" (over time {by})"),
            None => String::new(),
        };
        add(
            &mut lines,
            "Time used",
            &[(
                format!("{} of {}{over}, paused {}", r.used_mmss(), mmss(r.time_limit_secs), paused(r.paused_secs)),
                Style::new(),
            )],
        );
        add(
            &mut lines,
            "Scores",
            &plain(&format!(
                "Situation {} · Task {} · Action {} · Result {}",
                r.scores.situation, r.scores.task, r.scores.action, r.scores.result
            )),
        );
        add(&mut lines, "Overall", &[(format!("{:.2}", r.overall), t.score(r.overall))]);
        if let Some(secs) = r.part_secs {
            // Where the time went, as Reveal showed it: each part's time and share, long ones marked.
            let pacing = crate::coach::pacing::Pacing::of(secs);
            let mut pieces: Vec<(String, Style)> = Vec::new();
            for (i, part) in crate::bank::Star::ALL.into_iter().enumerate() {
                if i > 0 {
                    pieces.push((" · ".to_string(), t.dim()));
                }
                pieces.push((format!("{} ", part.letter()), t.star(part)));
                for span in super::pacing_view::part_spans(&pacing, part, true) {
                    pieces.push((span.content.into_owned(), span.style));
                }
            }
            add(&mut lines, "Pacing", &pieces);
        }
        let shown = if r.demonstrated.is_empty() { "–".to_string() } else { r.demonstrated.join(" · ") };
        add(&mut lines, "Shown", &plain(&shown));
        add(&mut lines, "Note", &plain(if r.note.is_empty() { "–" } else { &r.note }));
        if let Some(outline) = &r.outline {
            add(&mut lines, "Scratchpad", &plain(outline));
        }
        if let Some(insights) = &r.insights {
            // As Reveal and Score showed them when the score was saved.
            for (i, line) in
                super::coach_view::insight_lines(insights, "", w.saturating_sub(13)).into_iter().enumerate()
            {
                let pieces: Vec<(String, Style)> =
                    line.spans.into_iter().map(|s| (s.content.into_owned(), s.style)).collect();
                add(&mut lines, if i == 0 { "Insights" } else { " " }, &pieces);
            }
        }
        add(&mut lines, "Session", &plain(&r.session_id));
        if more && lines.len() >= VIEW_LINES {
            // The rest is past what one view wraps: say where it is, as the last line.
            more = false;
            let note = wrap_plain(&strings::cut_here(VIEW_LINES, "stardrill history --json"), t.warn(), w);
            lines.truncate(VIEW_LINES.saturating_sub(note.len()));
            lines.extend(note);
        }

        // Scrolled past the end (End, or a shorter answer): show the last page.
        let view = ScrollView::place(self.answer_scroll, lines.len(), more, height);
        self.drawn_scroll.set(view);
        view.marks(block, lines.len(), more, " ↑ more (PgUp) ", " ↓ more (PgDn) ").render(body, buf);
        let shown: Vec<Line<'static>> = lines.into_iter().skip(view.offset).take(height).collect();
        Paragraph::new(shown).render(inner, buf);
    }
}

/// Paused seconds as `mm:ss`, rounded down (a corrupt record may hold any number).
fn paused(secs: f64) -> String {
    mmss(crate::format::used_secs(secs, u64::MAX))
}
