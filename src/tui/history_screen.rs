//! The History screen: drill sessions newest first → one session's answers → one answer in full.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Widget};

use super::keys::Action;
use super::selectable::{pick, render_selectable};
use super::theme::theme;
use super::wrap::wrap_plain;
use crate::clock::Zone;
use crate::format::mmss;
use crate::format::plural;
use crate::history::Record;
use crate::stats::{SessionSummary, sessions};

#[derive(Debug, Clone)]
pub struct HistoryView {
    pub records: Vec<Record>,
    pub sessions: Vec<SessionSummary>,
    /// 0: sessions, 1: one session's answers, 2: one answer.
    pub depth: u8,
    pub session_sel: usize,
    pub answer_sel: usize,
    /// Lines of the history file that could not be read.
    pub skipped: Option<String>,
    pub zone: Zone,
}

impl HistoryView {
    pub fn new(records: Vec<Record>, skipped: Option<String>, zone: Zone) -> HistoryView {
        let sessions = sessions(&records);
        HistoryView { records, sessions, depth: 0, session_sel: 0, answer_sel: 0, skipped, zone }
    }

    fn session(&self) -> Option<&SessionSummary> {
        self.sessions.get(self.session_sel)
    }

    pub fn selected_record(&self) -> Option<&Record> {
        self.session().and_then(|s| s.records.get(self.answer_sel)).map(|&i| &self.records[i])
    }

    /// Handle a key; false when Back leaves the screen.
    pub fn handle(&mut self, action: Action) -> bool {
        let len = match self.depth {
            0 => self.sessions.len(),
            _ => self.session().map_or(0, |s| s.records.len()),
        };
        let sel = if self.depth == 0 { &mut self.session_sel } else { &mut self.answer_sel };
        let last = len.saturating_sub(1);
        match action {
            Action::Up => *sel = sel.saturating_sub(1),
            Action::Down => *sel = (*sel + 1).min(last),
            Action::PageUp => *sel = sel.saturating_sub(10),
            Action::PageDown => *sel = (*sel + 10).min(last),
            Action::Home => *sel = 0,
            Action::End => *sel = last,
            Action::Select if self.depth < 2 && len > 0 => {
                self.depth += 1;
                if self.depth == 1 {
                    self.answer_sel = 0;
                }
            }
            Action::Back if self.depth > 0 => self.depth -= 1,
            Action::Back => return false,
            _ => {}
        }
        true
    }
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
            Line::styled(s.clone(), t.warn()).render(warn, buf);
        }
        if self.sessions.is_empty() {
            Line::styled("History", t.title()).render(title, buf);
            render_empty(body, buf, "drills in your history");
            return;
        }
        match self.depth {
            0 => {
                Line::from(vec![
                    Span::styled("History", t.title()),
                    Span::styled(
                        format!(
                            " · {} · {}",
                            plural(self.sessions.len(), "session"),
                            plural(self.records.len(), "answer")
                        ),
                        t.dim(),
                    ),
                ])
                .render(title, buf);
                // Narrow screens keep date, count and score.
                let keep: &[usize] = if body.width < 60 { &[0, 1, 2] } else { &[0, 1, 2, 3, 4] };
                let rows: Vec<Row> = self
                    .sessions
                    .iter()
                    .map(|s| {
                        Row::new(pick(
                            &[
                                Cell::from(self.zone.minute(self.records[s.records[0]].answered_at)),
                                Cell::from(format!("{:>9}", s.records.len())),
                                Cell::from(Span::styled(format!("{:>7.2}", s.mean_overall), t.score(s.mean_overall))),
                                Cell::from(format!("{:>8}", mmss(s.total_secs as u64))),
                                Cell::from(
                                    s.records
                                        .iter()
                                        .map(|&i| format!("#{}", self.records[i].question_number))
                                        .collect::<Vec<_>>()
                                        .join(" "),
                                ),
                            ],
                            keep,
                        ))
                    })
                    .collect();
                let widths = [
                    Constraint::Length(16),
                    Constraint::Length(9),
                    Constraint::Length(7),
                    Constraint::Length(8),
                    Constraint::Min(5),
                ];
                let header = ["Date", "Questions", "Overall", "Time", "Asked"];
                let table = Table::new(rows, pick(&widths, keep)).header(Row::new(pick(&header, keep)).style(t.bold()));
                render_selectable(table, self.session_sel, " Sessions (Enter opens) ", body, buf);
            }
            1 => {
                let Some(s) = self.session() else { return };
                Line::from(vec![
                    Span::styled("Session ", t.title()),
                    Span::styled(
                        format!(
                            "{} · mean {:.2}",
                            self.zone.minute(self.records[s.records[0]].answered_at),
                            s.mean_overall
                        ),
                        t.dim(),
                    ),
                ])
                .render(title, buf);
                let keep: &[usize] = if body.width < 72 { &[0, 1, 4] } else { &[0, 1, 2, 3, 4, 5] };
                let rows: Vec<Row> = s
                    .records
                    .iter()
                    .map(|&i| {
                        let r = &self.records[i];
                        Row::new(pick(
                            &[
                                Cell::from(format!("{:>2}", r.question_number)),
                                Cell::from(r.question_title.clone()),
                                Cell::from(Span::styled(
                                    format!("{}/{}", r.used_mmss(), mmss(r.time_limit_secs)),
                                    if r.is_over_time() { t.clock(crate::drill::Phase::Over) } else { t.dim() },
                                )),
                                Cell::from(r.scores.compact()),
                                Cell::from(Span::styled(format!("{:>7.2}", r.overall), t.score(r.overall))),
                                Cell::from(r.note.clone()),
                            ],
                            keep,
                        ))
                    })
                    .collect();
                let widths = [
                    Constraint::Length(2),
                    Constraint::Min(12),
                    Constraint::Length(11),
                    Constraint::Length(7),
                    Constraint::Length(7),
                    Constraint::Percentage(25),
                ];
                let header = ["#", "Question", "Time/limit", "S T A R", "Overall", "Note"];
                let table = Table::new(rows, pick(&widths, keep)).header(Row::new(pick(&header, keep)).style(t.bold()));
                render_selectable(table, self.answer_sel, " Answers (Enter shows one) ", body, buf);
            }
            _ => {
                let Some(r) = self.selected_record() else { return };
                Line::styled(format!("Answer to question {}", r.question_number), t.title()).render(title, buf);
                let block = Block::default().borders(Borders::ALL).border_style(t.border());
                let inner = block.inner(body);
                block.render(body, buf);
                let w = usize::from(inner.width);
                let field =
                    |k: &str, v: String| Line::from(vec![Span::styled(format!("{k:<13}"), t.bold()), Span::raw(v)]);
                let mut lines = wrap_plain(&r.question_title, t.bold(), w);
                lines.push(field("Answered", self.zone.minute(r.answered_at)));
                lines.push(field("Level", r.level.clone()));
                lines.push(field("Principles", r.leadership_principles.join(" · ")));
                let over = if r.is_over_time() { "  (over time)" } else { "" };
                lines.push(field(
                    "Time used",
                    format!(
                        "{} of {}{over}, paused {}",
                        r.used_mmss(),
                        mmss(r.time_limit_secs),
                        mmss(r.paused_secs as u64)
                    ),
                ));
                lines.push(field(
                    "Scores",
                    format!(
                        "Situation {} · Task {} · Action {} · Result {}",
                        r.scores.situation, r.scores.task, r.scores.action, r.scores.result
                    ),
                ));
                lines.push(Line::from(vec![
                    Span::styled(format!("{:<13}", "Overall"), t.bold()),
                    Span::styled(format!("{:.2}", r.overall), t.score(r.overall)),
                ]));
                let shown = if r.demonstrated.is_empty() { "–".to_string() } else { r.demonstrated.join(" · ") };
                lines.push(field("Shown", shown));
                lines.push(field("Note", if r.note.is_empty() { "–".to_string() } else { r.note.clone() }));
                lines.push(field("Session", r.session_id.clone()));
                Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }).render(inner, buf);
            }
        }
    }
}
