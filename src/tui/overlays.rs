//! Windows drawn over a screen: help, a yes/no question, the principle picker.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::keys::{self, Action, Ctx};
use super::theme::theme;
use crate::bank::{Principle, Question};

#[derive(Debug, Clone)]
pub enum Overlay {
    /// The keys of the screen underneath, then the global ones.
    Help(Ctx),
    Confirm(Confirm),
    Picker(PrinciplePicker),
    /// New scores for the answer shown on the History screen, typed S, T, A, R.
    Amend(AmendScores),
}

impl Overlay {
    pub fn ctx(&self) -> Ctx {
        match self {
            Overlay::Help(_) => Ctx::Help,
            Overlay::Confirm(_) => Ctx::Confirm,
            Overlay::Picker(_) => Ctx::Picker,
            Overlay::Amend(_) => Ctx::Amend,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmAction {
    LeaveDrill,
    /// Skip the question being answered (its scratchpad holds text).
    SkipQuestion,
    /// Quit with typed text not yet saved (Ctrl-C; a second Ctrl-C quits too).
    Quit,
    /// Drop the answer shown in full on the History screen.
    DropAnswer,
}

#[derive(Debug, Clone)]
pub struct Confirm {
    pub message: &'static str,
    pub action: ConfirmAction,
}

impl Confirm {
    pub fn new(message: &'static str, action: ConfirmAction) -> Confirm {
        Confirm { message, action }
    }
}

/// The scores typed so far for an amend, and the ones they replace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmendScores {
    pub was: crate::history::Scores,
    pub typed: Vec<u8>,
}

impl AmendScores {
    pub fn new(was: crate::history::Scores) -> AmendScores {
        AmendScores { was, typed: Vec::new() }
    }

    /// All four typed: the new scores.
    pub fn scores(&self) -> Option<crate::history::Scores> {
        let parts: [u8; 4] = self.typed.as_slice().try_into().ok()?;
        Some(crate::history::Scores::from_parts(parts))
    }
}

/// Pick one principle (or all) for the filter. Row 0 is "All principles".
#[derive(Debug, Clone)]
pub struct PrinciplePicker {
    pub selected: usize,
    pub counts: Vec<(Principle, usize)>,
    /// Rows the last drawn picker showed: what PgUp/PgDn move by.
    page: std::cell::Cell<usize>,
}

impl PrinciplePicker {
    pub fn new(questions: &[Question], current: Option<Principle>) -> PrinciplePicker {
        let counts =
            Principle::all().map(|p| (p, questions.iter().filter(|q| q.principles.contains(&p)).count())).collect();
        PrinciplePicker { selected: current.map_or(0, |p| p.index() + 1), counts, page: std::cell::Cell::new(10) }
    }

    pub fn chosen(&self) -> Option<Principle> {
        self.selected.checked_sub(1).and_then(Principle::from_index)
    }

    pub fn navigate(&mut self, action: Action) {
        // Row 0 is "All principles", then one row per principle.
        if let Some(to) = super::selectable::navigate(self.selected, self.counts.len() + 1, self.page.get(), action) {
            self.selected = to;
        }
    }
}

/// A centred box of at most `w`×`h` inside `area`, cleared.
fn popup(area: Rect, w: u16, h: u16, title: &str, buf: &mut Buffer) -> Rect {
    let rect = area.centered(Constraint::Length(w.min(area.width)), Constraint::Length(h.min(area.height)));
    Clear.render(rect, buf);
    let block = Block::default().borders(Borders::ALL).border_style(theme().title()).title(format!(" {title} "));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

impl Widget for &Overlay {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = theme();
        match self {
            Overlay::Help(ctx) => {
                let mut lines = vec![Line::styled(format!("{} keys", ctx.title()), t.bold())];
                for (hint, label) in keys::help(*ctx) {
                    lines.push(Line::from(vec![Span::styled(format!("  {hint:<10}"), t.key()), Span::raw(label)]));
                }
                let spacer = lines.len();
                lines.push(Line::default());
                lines.push(Line::from(vec![
                    Span::styled("  Ctrl-C    ", t.key()),
                    Span::raw("quit at once (saved scores are safe)"),
                ]));
                lines.push(Line::styled("  ? or Esc closes this help", t.dim()));
                let h = super::wrap::rows(lines.len()).saturating_add(2);
                let inner = popup(area, 56, h, "Help", buf);
                // Nothing cut without a mark: long lines end in `…`; on a short terminal the blank line
                // goes first, then the last row says more keys follow.
                let width = usize::from(inner.width);
                let fits = usize::from(inner.height);
                if lines.len() > fits {
                    lines.remove(spacer);
                }
                if lines.len() > fits && fits > 0 {
                    lines.truncate(fits - 1);
                    lines.push(Line::styled("  … more keys: a taller terminal shows them all", t.dim()));
                }
                for line in &mut lines {
                    if line.spans.iter().map(|s| crate::text::width(&s.content)).sum::<usize>() > width {
                        super::wrap::mark_cut(line, width);
                    }
                }
                Paragraph::new(lines).render(inner, buf);
            }
            Overlay::Confirm(c) => {
                // As tall as the message needs, so the keys below it always show.
                let width = 50.min(area.width);
                let mut lines = super::wrap::wrap_plain(
                    c.message,
                    ratatui::style::Style::new(),
                    usize::from(width.saturating_sub(2)),
                );
                let height = super::wrap::rows(lines.len()).saturating_add(4);
                let inner = popup(area, width, height, "Confirm", buf);
                lines.extend([
                    Line::default(),
                    Line::from(vec![
                        Span::styled("y", t.key()),
                        Span::raw(" yes   "),
                        Span::styled("n", t.key()),
                        Span::raw(" no"),
                    ]),
                ]);
                Paragraph::new(lines).render(inner, buf);
            }
            Overlay::Amend(a) => {
                let inner = popup(area, 50, 7, "Amend the scores", buf);
                let slot = |i: usize| a.typed.get(i).map_or("_".to_string(), u8::to_string);
                let mut lines = vec![
                    Line::raw(format!(
                        "Was  S {} · T {} · A {} · R {}  ({:.2})",
                        a.was.situation,
                        a.was.task,
                        a.was.action,
                        a.was.result,
                        a.was.mean()
                    )),
                    Line::from(vec![
                        Span::styled("Now  ", t.bold()),
                        Span::raw(format!("S {} · T {} · A {} · R {}", slot(0), slot(1), slot(2), slot(3))),
                        Span::raw(a.scores().map_or(String::new(), |s| format!("  ({:.2})", s.mean()))),
                    ]),
                    Line::default(),
                ];
                let keys = if a.scores().is_some() {
                    vec![
                        Span::styled("Enter", t.key()),
                        Span::raw(" save   "),
                        Span::styled("Esc", t.key()),
                        Span::raw(" cancel"),
                    ]
                } else {
                    vec![
                        Span::styled("1-5", t.key()),
                        Span::raw(" S, T, A, R   "),
                        Span::styled("Esc", t.key()),
                        Span::raw(" cancel"),
                    ]
                };
                lines.push(Line::from(keys));
                Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, buf);
            }
            Overlay::Picker(p) => {
                let inner = popup(area, 52, 20, "Leadership Principle", buf);
                let mut rows: Vec<(String, Option<usize>)> = vec![("All principles".to_string(), None)];
                rows.extend(p.counts.iter().map(|(pr, n)| (pr.name().to_string(), Some(*n))));
                let height = usize::from(inner.height);
                p.page.set(height);
                let start = p.selected.saturating_sub(height.saturating_sub(1));
                let lines: Vec<Line> = rows
                    .iter()
                    .enumerate()
                    .skip(start)
                    .take(height)
                    .map(|(i, (name, n))| {
                        let count = n.map_or(String::new(), |n| format!("{n:>3} "));
                        let style = if i == p.selected {
                            t.selected()
                        } else if *n == Some(0) {
                            t.dim()
                        } else {
                            ratatui::style::Style::new()
                        };
                        let mark = if i == p.selected { "▶" } else { " " };
                        Line::styled(format!("{mark}{count:>4}{name}"), style)
                    })
                    .collect();
                Paragraph::new(lines).render(inner, buf);
            }
        }
    }
}
