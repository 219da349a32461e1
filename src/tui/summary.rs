//! The summary after the last question of a drill.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table, Widget};

use super::history_screen::used_of_limit;
use super::selectable::{boxed_column_widths, fit_cell};
use super::theme::theme;
use crate::drill::Session;
use crate::format::mmss;
use crate::format::plural;
use crate::history::Record;

#[derive(Debug, Clone)]
pub struct Summary {
    pub records: Vec<Record>,
    /// The numbers of the questions skipped in the drill.
    pub skipped: Vec<u32>,
}

impl Summary {
    pub fn new(session: &Session) -> Summary {
        Summary { records: session.saved.clone(), skipped: session.skipped.iter().map(|q| q.number).collect() }
    }

    /// The mean overall of the drill's answers.
    pub fn mean(&self) -> Option<f64> {
        let n = self.records.len();
        (n > 0).then(|| self.records.iter().map(|r| r.overall).sum::<f64>() / n as f64)
    }
}

impl Widget for &Summary {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = theme();
        let [title, table_area, mean] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(3), Constraint::Length(2)]).areas(area);
        let mut heading = format!("Drill complete: {} saved", plural(self.records.len(), "answer"));
        if !self.skipped.is_empty() {
            let numbers: Vec<String> = self.skipped.iter().map(|n| format!("#{n}")).collect();
            heading.push_str(&format!(" · {} skipped ({})", self.skipped.len(), numbers.join(", ")));
        }
        Line::styled(heading, t.title()).render(title, buf);
        let nw = super::selectable::number_width(self.records.iter().map(|r| r.question_number));
        let widths = [
            Constraint::Length(nw),
            Constraint::Min(10),
            Constraint::Length(15),
            Constraint::Length(7),
            Constraint::Length(7),
        ];
        let title_width = boxed_column_widths(table_area, &widths, 0).get(1).copied();
        let rows: Vec<Row> = self
            .records
            .iter()
            .map(|r| {
                let over = r.is_over_time();
                Row::new(vec![
                    Cell::from(format!("{:>w$}", r.question_number, w = usize::from(nw))),
                    Cell::from(fit_cell(&r.question_title, title_width)),
                    Cell::from(Span::styled(
                        used_of_limit(r, " / "),
                        if over { t.clock(crate::drill::Phase::Over) } else { ratatui::style::Style::new() },
                    )),
                    Cell::from(r.scores.compact()),
                    Cell::from(Span::styled(format!("{:.2}", r.overall), t.score(r.overall))),
                ])
            })
            .collect();
        Table::new(rows, widths)
            .header(Row::new(vec!["#", "Question", "Time / limit", "S T A R", "Overall"]).style(t.bold()))
            .column_spacing(1)
            .block(Block::default().borders(Borders::ALL).border_style(t.border()))
            .render(table_area, buf);
        if let Some(m) = self.mean() {
            // The total is the sum of the rows as shown.
            let total: u64 = self.records.iter().map(Record::shown_used_secs).sum();
            let mut spans = vec![
                Span::styled("Session mean: ", t.bold()),
                Span::styled(format!("{m:.2}"), t.score(m)),
                Span::raw(format!("   time {}", mmss(total))),
            ];
            if self.records.iter().any(Record::is_over_time) {
                spans.push(Span::styled("   ! over time", t.dim()));
            }
            Line::from(spans).render(mean, buf);
        }
    }
}
