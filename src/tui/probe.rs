//! The probe screen: a follow-up question after the main answer, with its own clock.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::answering::{question_header, render_clock};
use super::strings;
use super::theme::theme;
use super::wrap::{mark_cut, rows, wrap_limited_plain, wrap_plain};
use crate::drill::Attempt;
use crate::text::{truncate, visible_line};

pub struct ProbeScreen<'a> {
    pub attempt: &'a Attempt,
    pub now: Instant,
    /// (1-based question, total).
    pub position: (usize, usize),
}

impl Widget for &ProbeScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = theme();
        let a = self.attempt;
        let Some((n, probe)) = a.current_probe() else { return };
        let width = usize::from(area.width);
        let text_width = usize::from(area.width.saturating_sub(4));
        let hint = wrap_plain(strings::PROBE_HINT, t.dim(), width);
        let hint_height = rows(hint.len());
        // Header, title, the follow-up line, a blank, the hint, the clock.
        let fixed = 1 + 1 + 1 + 1 + hint_height.saturating_add(3);
        let room = usize::from(area.height.saturating_sub(fixed).saturating_sub(2)).max(1);
        let (mut lines, cut) = wrap_limited_plain(&probe.probe.text, t.bold(), text_width, room);
        if cut && let Some(last) = lines.last_mut() {
            mark_cut(last, text_width);
        }
        let box_height = rows(lines.len()).saturating_add(2);
        let [header, title, follow, text, _, hint_area, _, clock] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(box_height),
            Constraint::Length(1),
            Constraint::Length(hint_height),
            Constraint::Min(0),
            Constraint::Length(3),
        ])
        .areas(area);
        question_header(a, self.position, header, buf);
        Line::styled(truncate(&visible_line(&a.question.title), width).into_owned(), t.bold()).render(title, buf);
        let about = format!(" · {}", probe.probe.principle.name());
        Line::from(vec![
            Span::styled(format!("Follow-up {n} of {}", a.probes.len()), t.title()),
            Span::styled(truncate(&about, width.saturating_sub(20)).into_owned(), t.star(crate::bank::Star::Task)),
        ])
        .render(follow, buf);
        let block = Block::default().borders(Borders::ALL).border_style(t.border()).title(" The interviewer asks ");
        let inner = block.inner(text);
        block.render(text, buf);
        Paragraph::new(lines).render(inner.inner(Margin::new(1, 0)), buf);
        Paragraph::new(hint).render(hint_area, buf);
        render_clock(&probe.timer, self.now, "wrap up, then Enter", None, clock, buf);
    }
}
