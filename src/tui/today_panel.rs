//! The Today panel at the top of the browser: the countdown to the interview, what is due, what is
//! new, the principles still to practise, and the key that drills it all.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme::theme;
use crate::format::plural;
use crate::schedule::Today;

/// The lines the panel takes: none on the smallest screens (the list and the question come first),
/// one on a short screen, two otherwise.
pub fn height(area_height: u16) -> u16 {
    match area_height {
        0..16 => 0,
        16..20 => 1,
        _ => 2,
    }
}

pub struct TodayPanel<'a>(pub &'a Today);

fn numbers(ids: impl Iterator<Item = u32>) -> String {
    ids.map(|n| format!("#{n}")).collect::<Vec<_>>().join(" ")
}

impl Widget for TodayPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = theme();
        let today = self.0;
        let countdown = match (today.interview_date, today.days_left) {
            (Some(_), Some(0)) => "interview today".to_string(),
            (Some(_), Some(n)) if n < 0 => "interview date passed".to_string(),
            (Some(d), Some(n)) => {
                format!(
                    "{} to the interview ({})",
                    plural(usize::try_from(n).unwrap_or(0), "day"),
                    d.format("%a %-d %b")
                )
            }
            _ => "no interview date set".to_string(),
        };
        let mut first = vec![Span::styled("Today", t.title()), Span::styled(format!(" · {countdown}"), t.dim())];
        if today.is_empty() {
            first.push(Span::raw(" · nothing due, nothing new"));
        } else {
            let what = if today.cram {
                format!(" · review the weakest: {}", today.due.len())
            } else {
                format!(" · {} due · {} new", today.due.len(), today.new.len())
            };
            first.push(Span::raw(what));
            first.push(Span::styled(format!(" · about {} min · ", today.minutes), t.dim()));
            first.push(Span::styled("t", t.key()));
            first.push(Span::raw(" drills it"));
        }
        let mut lines = vec![Line::from(first)];
        if area.height >= 2 {
            let mut second = Vec::new();
            if !today.due.is_empty() {
                second.push(Span::styled(if today.cram { "Weakest " } else { "Due " }, t.bold()));
                second.push(Span::raw(numbers(today.due.iter().map(|d| d.number))));
                second.push(Span::raw("   "));
            }
            if !today.new.is_empty() {
                second.push(Span::styled("New ", t.bold()));
                second.push(Span::raw(numbers(today.new.iter().map(|n| n.number))));
                second.push(Span::raw("   "));
            }
            if !today.principles.is_empty() {
                let names: Vec<&str> = today.principles.iter().map(|p| p.principle).collect();
                second.push(Span::styled("To practise ", t.bold()));
                second.push(Span::styled(names.join(", "), t.dim()));
            } else if today.interview_date.is_none() {
                second.push(Span::styled("stardrill config set interview-date YYYY-MM-DD plans toward it", t.dim()));
            }
            lines.push(Line::from(second));
        }
        // Cut at the edge (the full lists are in `stardrill today`).
        Paragraph::new(lines).render(area, buf);
    }
}
