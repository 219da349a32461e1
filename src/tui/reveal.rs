//! The reveal screen: the model answer, one STAR section at a time, under the prompt.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use super::answering::question_header;
use super::drill_view::DrillView;
use super::theme::theme;
use super::wrap::{wrap, wrap_plain};
use crate::bank::{Block as AnswerBlock, Bullet, Section};
use crate::format::mmss;

/// A line count as screen rows, saturating (a huge custom answer at a tiny width).
fn cells(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

pub struct RevealScreen<'a> {
    pub view: &'a DrillView,
}

/// The lines of the revealed sections at `width`, and where each section starts.
pub fn answer_lines(sections: &[Section], width: usize) -> (Vec<Line<'static>>, Vec<usize>) {
    let t = theme();
    let mut lines = Vec::new();
    let mut starts = Vec::new();
    for s in sections {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        starts.push(lines.len());
        let badge = Span::styled(format!("[{}] ", s.star.label()), t.star(s.star));
        let badge_width = s.star.label().len() + 3;
        block_lines(&s.block, width, badge, badge_width, 0, &mut lines);
    }
    (lines, starts)
}

fn block_lines(
    b: &AnswerBlock,
    width: usize,
    prefix: Span<'static>,
    prefix_width: usize,
    indent: usize,
    out: &mut Vec<Line<'static>>,
) {
    let t = theme();
    let pad = " ".repeat(indent);
    let mut heading = vec![(format!("{}:", b.heading), t.bold())];
    if let Some(text) = &b.text {
        heading.push((format!(" {text}"), Style::new()));
    }
    let first = Span::styled(format!("{pad}{}", prefix.content), prefix.style);
    out.extend(wrap(&heading, width, first, indent + prefix_width.min(width / 3)));
    for p in &b.paragraphs {
        out.extend(wrap(&[(p.clone(), Style::new())], width, Span::raw(pad.clone()), indent));
    }
    for bullet in &b.bullets {
        let pieces = match bullet {
            Bullet::Labelled { label, text } => {
                vec![(format!("{label}:"), t.key()), (format!(" {text}"), Style::new())]
            }
            Bullet::Plain(text) => vec![(text.clone(), Style::new())],
        };
        out.extend(wrap(&pieces, width, Span::raw(format!("{pad}  • ")), indent + 4));
    }
    for sub in &b.subsections {
        block_lines(sub, width, Span::raw(""), 0, indent + 2, out);
    }
}

impl Widget for &RevealScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = theme();
        let a = &self.view.session.attempt;
        let q = &a.question;
        let prompt_lines = wrap_plain(&q.prompt, t.bold(), usize::from(area.width));
        let prompt_height = cells(prompt_lines.len()).min(area.height / 4).max(1);
        let [header, prompt, progress, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(prompt_height),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        question_header(a, self.view.session.position(), header, buf);
        Paragraph::new(prompt_lines).render(prompt, buf);

        let total = a.section_count();
        let used = a.timer.used(self.view.now);
        let limit = a.timer.limit();
        let over = used.saturating_sub(limit);
        let mut spans = vec![Span::styled(
            match a.revealed_phase() {
                Some(phase) => format!("section {} of {total} · {}", a.revealed, phase.label()),
                None => format!("section 0 of {total} · Space reveals"),
            },
            t.bold(),
        )];
        if a.fully_revealed() {
            spans.push(Span::styled(" · Enter to score", t.status()));
        }
        spans.push(Span::styled(format!("   time {} / {}", mmss(used.as_secs()), mmss(limit.as_secs())), t.dim()));
        if !over.is_zero() {
            spans.push(Span::styled(format!(" +{}", mmss(over.as_secs())), t.clock(crate::drill::Phase::Over)));
        }
        Line::from(spans).render(progress, buf);

        let block = Block::default().borders(Borders::ALL).border_style(t.border()).title(" Model answer ");
        let inner = block.inner(body);
        block.render(body, buf);
        let text_width = usize::from(inner.width.saturating_sub(2));
        let (lines, starts) = answer_lines(&q.answer[..a.revealed], text_width);
        let height = inner.height;
        let max_offset = cells(lines.len()).saturating_sub(height);
        let offset = match self.view.scroll {
            Some(o) => o.min(max_offset),
            None => match starts.last() {
                // Follow the newest section: bring its start as near the top as the text allows.
                Some(&start) => cells(start).min(max_offset),
                None => 0,
            },
        };
        self.view.drawn_scroll.set((offset, height));
        let text_area = Rect { width: inner.width.saturating_sub(1), ..inner };
        Paragraph::new(lines.clone()).scroll((offset, 0)).render(text_area, buf);
        if cells(lines.len()) > height {
            let mut state = ScrollbarState::new(usize::from(max_offset)).position(usize::from(offset));
            Scrollbar::new(ScrollbarOrientation::VerticalRight).render(inner, buf, &mut state);
        }
    }
}
