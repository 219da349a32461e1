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
use super::selectable::ScrollView;
use super::strings;
use super::theme::theme;
use super::wrap::{VIEW_LINES, mark_cut, rows, wrap_limited, wrap_limited_plain, wrap_plain};
use crate::bank::{Bullet, Part, Principle, ProbeBook, Section};
use crate::format::{mmss, over_time, used_time};

pub struct RevealScreen<'a> {
    pub view: &'a DrillView,
}

/// The lines of the revealed sections at `width`, and where each section starts; at most `budget`
/// lines, the flag saying whether the answer went on past them.
pub fn answer_lines(sections: &[Section], width: usize, budget: usize) -> (Vec<Line<'static>>, Vec<usize>, bool) {
    let t = theme();
    let mut lines = Vec::new();
    let mut starts = Vec::new();
    let mut cut = false;
    for s in sections {
        if lines.len() >= budget {
            cut = true;
            break;
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        starts.push(lines.len());
        let badge = format!("[{}] ", s.star.label());
        let badge_width = crate::text::width(&badge);
        let badge = Span::styled(badge, t.star(s.star));
        s.block.walk(&mut |depth, part| {
            let room = budget.saturating_sub(lines.len());
            if room == 0 {
                cut = true;
                return;
            }
            let indent = depth.saturating_mul(2);
            let pad = " ".repeat(indent);
            match part {
                Part::Heading { heading, text } => {
                    let mut pieces = vec![(format!("{heading}:"), t.bold())];
                    if let Some(text) = text {
                        pieces.push((format!(" {text}"), Style::new()));
                    }
                    // The section's own heading carries the STAR badge; sub-headings are indented.
                    let (first, hang) = if depth == 0 {
                        (badge.clone(), badge_width.min(width / 3))
                    } else {
                        (Span::raw(pad.clone()), indent)
                    };
                    let (wrapped, more) = wrap_limited(&pieces, width, first, hang, room);
                    lines.extend(wrapped);
                    cut |= more;
                }
                Part::Paragraph(p) => {
                    let (wrapped, more) =
                        wrap_limited(&[(p.to_string(), Style::new())], width, Span::raw(pad), indent, room);
                    lines.extend(wrapped);
                    cut |= more;
                }
                Part::Bullet(bullet) => {
                    let pieces = match bullet {
                        Bullet::Labelled { label, text } => {
                            vec![(format!("{label}:"), t.key()), (format!(" {text}"), Style::new())]
                        }
                        Bullet::Plain(text) => vec![(text.clone(), Style::new())],
                    };
                    let (wrapped, more) =
                        wrap_limited(&pieces, width, Span::raw(format!("{pad}  • ")), indent + 4, room);
                    lines.extend(wrapped);
                    cut |= more;
                }
            }
        });
    }
    (lines, starts, cut)
}

/// What a strong answer shows for each of `principles` that has a rubric: the principle's name, then
/// its points as bullets; at most `budget` lines.
pub fn rubric_lines(book: &ProbeBook, principles: &[Principle], width: usize, budget: usize) -> Vec<Line<'static>> {
    let t = theme();
    let mut lines: Vec<Line<'static>> = Vec::new();
    for p in principles {
        let rubric = book.rubric(*p);
        if rubric.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.extend(wrap_plain(p.name(), t.star(crate::bank::Star::Task), width));
        for point in rubric {
            let room = budget.saturating_sub(lines.len());
            let (wrapped, _) = wrap_limited(&[(point.clone(), Style::new())], width, Span::raw("  • "), 4, room);
            lines.extend(wrapped);
        }
    }
    if lines.is_empty() {
        lines.extend(wrap_plain(strings::NO_RUBRIC, t.dim(), width));
    }
    lines.truncate(budget);
    lines
}

impl Widget for &RevealScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = theme();
        let a = &self.view.session.attempt;
        let q = &a.question;
        let width = usize::from(area.width);
        // The prompt takes up to a quarter of the screen; cut, it ends in `…` (the browser shows it all).
        let room = usize::from(area.height / 4).max(1);
        let (mut prompt_lines, cut) = wrap_limited_plain(&q.prompt, t.bold(), width, room);
        if cut && let Some(last) = prompt_lines.last_mut() {
            mark_cut(last, width);
        }
        let prompt_height = rows(prompt_lines.len()).max(1);
        // Where the time went, when parts were marked: a line of its own, long parts said.
        let pacing = a.pacing(self.view.now);
        // The insights on the scratchpad, when it holds text and the screen has room for them.
        let insights = match &a.insights {
            Some(i) if self.view.editing.is_none() && area.height >= 18 => {
                super::coach_view::insight_lines(i, "", width)
            }
            _ => Vec::new(),
        };
        let [header, prompt, progress, pacing_area, insights_area, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(prompt_height),
            Constraint::Length(1),
            Constraint::Length(u16::from(pacing.is_some())),
            Constraint::Length(rows(insights.len())),
            Constraint::Min(0),
        ])
        .areas(area);
        Paragraph::new(insights).render(insights_area, buf);
        // The scratchpad, while typed in, in a box at the bottom.
        let (body, text_box) = super::coach_view::split_for_text_box(body, self.view.editing.is_some());
        if let (Some(editing), Some(area)) = (&self.view.editing, text_box) {
            super::coach_view::render_text_box(editing, area, buf);
        }
        if let Some(pacing) = &pacing {
            super::pacing_view::summary_line(pacing).render(pacing_area, buf);
        }
        question_header(a, self.view.session.position(), header, buf);
        Paragraph::new(prompt_lines).render(prompt, buf);

        let total = a.section_count();
        let limit = a.timer.limit();
        // The time as it will be recorded and shown on every later screen.
        let used = crate::format::recorded_secs(a.timer.used(self.view.now), limit);
        let mut spans = vec![Span::styled(
            match a.revealed_phase() {
                _ if !q.has_answer() => strings::NO_MODEL_ANSWER.to_string(),
                Some(phase) => format!("section {} of {total} · {}", a.revealed, phase.label()),
                None => format!("section 0 of {total} · Space reveals"),
            },
            t.bold(),
        )];
        if a.fully_revealed() {
            spans.push(Span::styled(" · Enter to score", t.status()));
        }
        spans.push(Span::styled(
            format!("   time {} / {}", used_time(used, limit.as_secs()), mmss(limit.as_secs())),
            t.dim(),
        ));
        if let Some(over) = over_time(used, limit.as_secs()) {
            spans.push(Span::styled(format!(" {over}"), t.clock(crate::drill::Phase::Over)));
        }
        Line::from(spans).render(progress, buf);

        // Your story, when you picked one: beside the model answer on a wide screen, above it on a narrow
        // one, STAR part against STAR part.
        let body = match self.view.picked_story() {
            Some(story) if body.width >= 100 => {
                let [mine, theirs] = Layout::horizontal([Constraint::Percentage(40), Constraint::Min(0)]).areas(body);
                super::stories_screen::render_story_against(story, a.revealed_phase(), true, mine, buf);
                theirs
            }
            Some(story) if body.height >= 10 => {
                let [mine, theirs] =
                    Layout::vertical([Constraint::Length((body.height / 3).clamp(3, 8)), Constraint::Min(0)])
                        .areas(body);
                super::stories_screen::render_story_against(story, a.revealed_phase(), false, mine, buf);
                theirs
            }
            _ => body,
        };
        let title = if q.has_answer() { " Model answer " } else { strings::RUBRIC_TITLE };
        let block = Block::default().borders(Borders::ALL).border_style(t.border()).title(title);
        let inner = block.inner(body);
        block.render(body, buf);
        let text_width = usize::from(inner.width.saturating_sub(2));
        let (mut lines, starts, cut) = if q.has_answer() {
            answer_lines(&q.answer[..a.revealed], text_width, VIEW_LINES)
        } else {
            let book = self.view.session.probe_book();
            (rubric_lines(book, &q.principles, text_width, VIEW_LINES), vec![0], false)
        };
        if cut {
            lines.push(Line::default());
            lines.extend(wrap_plain(
                &strings::cut_here(VIEW_LINES, &format!("stardrill show {}", q.number)),
                t.warn(),
                text_width,
            ));
        }
        let height = usize::from(inner.height);
        // Where the user scrolled to, or following the newest section: its start as near the top as
        // the text allows.
        let asked = self.view.scroll.unwrap_or_else(|| starts.last().copied().unwrap_or(0));
        let view = ScrollView::place(asked, lines.len(), false, height);
        self.view.drawn_scroll.set(view);
        let text_area = Rect { width: inner.width.saturating_sub(1), ..inner };
        // Only the lines on screen are handed to the paragraph.
        let shown: Vec<Line<'static>> = lines.iter().skip(view.offset).take(height).cloned().collect();
        Paragraph::new(shown).render(text_area, buf);
        if lines.len() > height {
            let max_offset = lines.len() - height;
            let mut state = ScrollbarState::new(max_offset).position(view.offset);
            Scrollbar::new(ScrollbarOrientation::VerticalRight).render(inner, buf, &mut state);
        }
    }
}
