//! The score screen: 1-5 for each STAR part, principles shown, a note, and the live overall.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::answering::question_header;
use super::drill_view::{DrillView, ScoreFocus, TextField};
use super::strings;
use super::theme::theme;
use crate::text::visible_line;

pub struct ScoreScreen<'a> {
    pub view: &'a DrillView,
}

/// What each score means, shown beside the focused part.
pub const SCALE: [&str; 5] = ["missing", "weak", "adequate", "strong", "outstanding"];

impl Widget for &ScoreScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = theme();
        let v = self.view;
        let a = &v.session.attempt;
        let mut header = Rect { height: 1, ..area };
        question_header(a, v.session.position(), header, buf);
        header.y = header.y.saturating_add(1);
        let title = crate::text::visible_line(&a.question.title);
        Line::styled(crate::text::truncate(&title, usize::from(header.width)).into_owned(), t.bold())
            .render(header, buf);

        let body = Rect { y: area.y.saturating_add(2), height: area.height.saturating_sub(2), ..area };
        let block = Block::default().borders(Borders::ALL).border_style(t.border()).title(" Rate your answer (1-5) ");
        let inner = block.inner(body);
        block.render(body, buf);

        // While the note or the scratchpad is edited it gets a box of its own at the bottom, cursor
        // always in view.
        let (inner, text_box) = super::coach_view::split_for_text_box(inner, v.editing.is_some());

        let mut lines: Vec<Line> = Vec::new();
        let mut focus_line = 0;
        let pacing = a.pacing(v.now);
        for (star, score) in a.scores.iter() {
            let focused = v.score_focus == ScoreFocus::Part(star);
            if focused {
                focus_line = lines.len();
            }
            let score = *score;
            let mut spans = vec![
                Span::raw(if focused { "▶ " } else { "  " }),
                Span::styled(format!("{:<10}", star.label()), if focused { t.selected() } else { t.star(star) }),
                Span::raw(" "),
            ];
            for n in 1..=5u8 {
                let style = match score {
                    Some(s) if n <= s => t.score(f64::from(s)),
                    _ => t.dim(),
                };
                spans.push(Span::styled(if score.is_some_and(|s| n <= s) { "● " } else { "○ " }, style));
            }
            spans.push(match score {
                Some(s) => Span::styled(format!(" {s} {}", SCALE[usize::from(s - 1)]), t.score(f64::from(s))),
                None => Span::styled(" –", t.dim()),
            });
            // The part's time and share when parts were marked, in a column after the widest label.
            if let Some(pacing) = &pacing {
                let label = match score {
                    Some(s) => format!(" {s} {}", SCALE[usize::from(s - 1)]),
                    None => " –".to_string(),
                };
                spans.push(Span::raw(" ".repeat(16usize.saturating_sub(crate::text::width(&label)))));
                spans.extend(super::pacing_view::part_spans(pacing, star, false));
            }
            lines.push(Line::from(spans));
        }
        // The follow-up probes answered, scored like the parts.
        for (k, (_, probe)) in a.answered_probes().enumerate() {
            let focused = v.score_focus == ScoreFocus::Probe(k);
            if focused {
                focus_line = lines.len();
            }
            let mut spans = vec![
                Span::raw(if focused { "▶ " } else { "  " }),
                Span::styled(
                    format!("{:<10}", format!("Probe {}", k + 1)),
                    if focused { t.selected() } else { t.key() },
                ),
                Span::raw(" "),
            ];
            for n in 1..=5u8 {
                let on = probe.score.is_some_and(|s| n <= s);
                let style = match probe.score {
                    Some(s) if on => t.score(f64::from(s)),
                    _ => t.dim(),
                };
                spans.push(Span::styled(if on { "● " } else { "○ " }, style));
            }
            let mark = match probe.score {
                Some(s) => format!(" {s} {:<11}", SCALE[usize::from(s - 1)]),
                None => format!(" {:<13}", "–"),
            };
            spans.push(Span::styled(mark, probe.score.map_or(t.dim(), |s| t.score(f64::from(s)))));
            // What was asked, cut to the row: the probe screen showed it whole.
            let used: usize = spans.iter().map(|s| crate::text::width(&s.content)).sum();
            let room = usize::from(inner.width).saturating_sub(used);
            let text = visible_line(&probe.probe.text);
            spans.push(Span::styled(crate::text::truncate(&text, room).into_owned(), t.dim()));
            lines.push(Line::from(spans));
        }
        lines.push(Line::from(match a.running_mean() {
            Some(m) if a.complete_scores().is_some() => {
                vec![
                    Span::styled("  Overall    ", t.bold()),
                    Span::styled(format!("{m:.2}"), t.score(m).add_modifier(ratatui::style::Modifier::BOLD)),
                ]
            }
            Some(m) => vec![Span::styled("  Overall    ", t.bold()), Span::styled(format!("{m:.2} so far"), t.dim())],
            None => vec![Span::styled("  Overall    –", t.dim())],
        }));
        lines.push(Line::default());
        lines.push(Line::styled("  Shown in my answer (Space to tick):", t.bold()));
        for (i, p) in a.question.principles.iter().enumerate() {
            let focused = v.score_focus == ScoreFocus::Principle(i);
            if focused {
                focus_line = lines.len();
            }
            let ticked = a.demonstrated.contains(p);
            lines.push(Line::from(vec![
                Span::raw(if focused { "▶ " } else { "  " }),
                Span::styled(if ticked { "[x] " } else { "[ ] " }, if ticked { t.status() } else { t.dim() }),
                Span::styled(p.name(), if focused { t.selected() } else { ratatui::style::Style::new() }),
            ]));
        }
        lines.push(Line::default());
        let note_focused = v.score_focus == ScoreFocus::Note;
        if note_focused {
            focus_line = lines.len();
        }
        let mut note = vec![
            Span::raw(if note_focused { "▶ " } else { "  " }),
            Span::styled("Note: ", if note_focused { t.selected() } else { t.bold() }),
        ];
        match v.input(TextField::Note) {
            Some(_) => note.push(Span::styled("editing below", t.dim())),
            None if a.note.is_empty() => note.push(Span::styled(strings::NOTE_PLACEHOLDER, t.dim())),
            None => {
                // One line here; `n` opens the whole note.
                let room = usize::from(inner.width).saturating_sub(8);
                let first = a.note.lines().next().unwrap_or("");
                let more = a.note.lines().count() > 1;
                let shown = visible_line(first);
                let cut = crate::text::truncate(&shown, if more { room.saturating_sub(1) } else { room });
                let ellipsis = more && !cut.ends_with('…');
                note.push(Span::raw(cut.into_owned()));
                if ellipsis {
                    note.push(Span::raw("…"));
                }
            }
        }
        lines.push(Line::from(note));
        if let Some(story) = v.picked_story() {
            lines.push(Line::from(vec![
                Span::styled("  Story told: ", t.bold()),
                Span::raw(visible_line(&story.title).into_owned()),
                Span::styled(" (saved with the score)", t.dim()),
            ]));
        }
        // The coach under the list: what a 1, a 3 and a 5 look like for the part being scored, then
        // the insights on the scratchpad; the list keeps the room it needs, and scrolls below that.
        let width = usize::from(inner.width);
        let list_rows = super::wrap::rows(lines.len());
        let room = inner.height.saturating_sub(list_rows).max(inner.height.saturating_sub(MIN_LIST_ROWS).min(6));
        let mut coach: Vec<Line> = Vec::new();
        if v.editing.is_none() {
            let room = usize::from(room);
            let anchors = match v.score_focus {
                ScoreFocus::Part(part) => v.bank.rubrics.anchors(a.question.kind, part).map(|x| (part, x)),
                _ => None,
            };
            let mut insights = match &a.insights {
                Some(insights) => super::coach_view::insight_lines(insights, "  ", width),
                None => vec![Line::styled(strings::SCRATCHPAD_EMPTY, t.dim())],
            };
            // Each anchor on two lines when all fits, else on one (cut with `…`); then the insights
            // give up their later lines, keeping the first.
            let mut anchor_lines = Vec::new();
            if let Some((part, anchors)) = anchors {
                anchor_lines = super::coach_view::anchor_lines(anchors, part, width, 2);
                if anchor_lines.len() + insights.len() + 2 > room {
                    anchor_lines = super::coach_view::anchor_lines(anchors, part, width, 1);
                }
            }
            while insights.len() > 1 && anchor_lines.len() + insights.len() + 2 > room {
                insights.pop();
            }
            // The blank line above the coach goes last of all.
            let tight = anchor_lines.len() + insights.len() + 2 > room;
            if !anchor_lines.is_empty() {
                if !tight {
                    coach.push(Line::default());
                }
                coach.extend(anchor_lines);
            }
            coach.push(Line::default());
            coach.extend(insights);
        }
        let coach_rows = super::wrap::rows(coach.len()).min(room);
        let [list_area, coach_area] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(coach_rows)]).areas(inner);
        // Keep the focused line in view on short terminals.
        let offset = (focus_line + 1).saturating_sub(usize::from(list_area.height));
        Paragraph::new(lines).scroll((super::wrap::rows(offset), 0)).render(list_area, buf);
        Paragraph::new(coach).render(coach_area, buf);

        if let (Some(editing), Some(area)) = (&v.editing, text_box) {
            super::coach_view::render_text_box(editing, area, buf);
        }
    }
}

/// The rows the score list keeps before the coach below it takes any.
const MIN_LIST_ROWS: u16 = 8;
