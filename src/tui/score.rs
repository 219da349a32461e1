//! The score screen: 1-5 for each STAR part, principles shown, a note, and the live overall.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::answering::question_header;
use super::drill_view::DrillView;
use super::strings;
use super::theme::theme;
use crate::bank::Star;

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

        let mut lines: Vec<Line> = Vec::new();
        for star in Star::ALL {
            let focused = v.score_focus == star.index();
            let score = a.scores[star.index()];
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
            let focused = v.score_focus == 4 + i;
            let ticked = a.demonstrated.contains(p);
            lines.push(Line::from(vec![
                Span::raw(if focused { "▶ " } else { "  " }),
                Span::styled(if ticked { "[x] " } else { "[ ] " }, if ticked { t.status() } else { t.dim() }),
                Span::styled(p.name(), if focused { t.selected() } else { ratatui::style::Style::new() }),
            ]));
        }
        lines.push(Line::default());
        let note_focused = v.score_focus == v.focus_count() - 1;
        let mut note = vec![
            Span::raw(if note_focused { "▶ " } else { "  " }),
            Span::styled("Note: ", if note_focused { t.selected() } else { t.bold() }),
        ];
        match &v.note_input {
            Some(input) => note.extend(input.spans(t.key())),
            None if a.note.is_empty() => note.push(Span::styled(strings::NOTE_PLACEHOLDER, t.dim())),
            None => note.push(Span::raw(a.note.clone())),
        }
        lines.push(Line::from(note));
        // Keep the focused line in view on short terminals.
        let focus_line = match v.score_focus {
            f if f < 4 => f,
            f if f < v.focus_count() - 1 => 7 + (f - 4),
            _ => lines.len() - 1,
        };
        let offset = (focus_line + 1).saturating_sub(usize::from(inner.height));
        Paragraph::new(lines).scroll((super::wrap::rows(offset), 0)).render(inner, buf);
    }
}
