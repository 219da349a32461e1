//! The question browser: the filtered list, a detail pane, and the filters.

use std::collections::HashMap;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Widget};

use super::keys::Action;
use super::line_input::{Edit, LineInput};
use super::selectable::{pick, render_selectable};
use super::strings;
use super::theme::theme;
use super::wrap::{rows, wrap_plain};
use crate::bank::{Kind, Principle, Question};
use crate::clock::Zone;
use crate::filter::Filter;
use crate::history::Record;

/// The levels `l` cycles through (None: all).
pub const LEVEL_CYCLE: [Option<u8>; 4] = [None, Some(5), Some(6), Some(7)];

/// What the history says about one question.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuestionHistory {
    pub attempts: usize,
    pub last_overall: Option<f64>,
    pub last_at: Option<chrono::DateTime<chrono::FixedOffset>>,
}

#[derive(Debug)]
pub struct Browser {
    questions: Vec<Question>,
    history: HashMap<String, QuestionHistory>,
    level: Option<u8>,
    principle: Option<Principle>,
    search: LineInput,
    /// While typing a search: the text to go back to on Esc.
    search_before: Option<String>,
    visible: Vec<usize>,
    selected: usize,
    zone: Zone,
    /// The bank's title, for the header.
    title: String,
}

impl Browser {
    pub fn new(title: &str, questions: Vec<Question>, history: &[Record], zone: Zone) -> Browser {
        let mut b = Browser {
            questions,
            history: HashMap::new(),
            level: None,
            principle: None,
            search: LineInput::default(),
            search_before: None,
            visible: Vec::new(),
            selected: 0,
            zone,
            title: title.to_string(),
        };
        for r in history {
            b.record_attempt(r);
        }
        b.refilter();
        b
    }

    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// Count a saved record in the list's attempt columns.
    pub fn record_attempt(&mut self, r: &Record) {
        let h = self.history.entry(r.question_id.clone()).or_default();
        h.attempts += 1;
        if h.last_at.is_none_or(|at| r.answered_at >= at) {
            h.last_at = Some(r.answered_at);
            h.last_overall = Some(r.overall);
        }
    }

    pub fn filter(&self) -> Filter {
        let text = crate::text::fold(self.search.text().trim());
        Filter {
            levels: self.level.into_iter().collect(),
            principles: self.principle.into_iter().collect(),
            texts: if text.is_empty() { vec![] } else { vec![text] },
            ..Filter::default()
        }
    }

    pub fn level(&self) -> Option<u8> {
        self.level
    }

    pub fn principle(&self) -> Option<Principle> {
        self.principle
    }

    pub fn set_level(&mut self, level: Option<u8>) {
        self.level = level;
        self.refilter();
    }

    pub fn set_principle(&mut self, p: Option<Principle>) {
        self.principle = p;
        self.refilter();
    }

    fn refilter(&mut self) {
        let keep = self.selected_question().map(|q| q.id.clone());
        let filter = self.filter();
        self.visible = (0..self.questions.len()).filter(|&i| filter.matches(&self.questions[i])).collect();
        self.selected = keep
            .and_then(|id| self.visible.iter().position(|&i| self.questions[i].id == id))
            .unwrap_or(0)
            .min(self.visible.len().saturating_sub(1));
    }

    pub fn visible(&self) -> impl Iterator<Item = &Question> {
        self.visible.iter().map(|&i| &self.questions[i])
    }

    pub fn selected_question(&self) -> Option<&Question> {
        self.visible.get(self.selected).map(|&i| &self.questions[i])
    }

    pub fn is_searching(&self) -> bool {
        self.search_before.is_some()
    }

    pub fn search_key(&mut self, ev: &KeyEvent) {
        if self.search.handle(ev) == Edit::Changed {
            self.refilter();
        }
    }

    /// Enter keeps the search; Esc puts back what was there before.
    pub fn finish_search(&mut self, keep: bool) {
        if let Some(before) = self.search_before.take()
            && !keep
        {
            self.search = LineInput::new(&before);
            self.refilter();
        }
    }

    /// Up to `n` random questions from the filtered list.
    pub fn random_pick(&self, n: usize) -> Vec<Question> {
        use rand::seq::IndexedRandom;
        let visible: Vec<&Question> = self.visible().collect();
        visible.sample(&mut rand::rng(), n.min(visible.len())).map(|q| (*q).clone()).collect()
    }

    pub fn handle(&mut self, action: Action) {
        let last = self.visible.len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::PageDown => self.selected = (self.selected + 10).min(last),
            Action::Home => self.selected = 0,
            Action::End => self.selected = last,
            Action::Search => self.search_before = Some(self.search.text().to_string()),
            Action::CycleLevel => {
                let i = LEVEL_CYCLE.iter().position(|l| *l == self.level).unwrap_or(0);
                self.set_level(LEVEL_CYCLE[(i + 1) % LEVEL_CYCLE.len()]);
            }
            Action::ClearFilters => {
                self.level = None;
                self.principle = None;
                self.search = LineInput::default();
                self.refilter();
            }
            _ => {}
        }
    }
}

pub fn kind_short(kind: Kind) -> &'static str {
    match kind {
        Kind::Behavioral => "behavioral",
        Kind::ProductStrategy => "strategy",
        Kind::Technical => "technical",
    }
}

/// "Level: L7   Principle: all   Search: …" with the active ones highlighted.
pub fn filter_line(
    level: Option<u8>,
    principle: Option<Principle>,
    search: Option<(&LineInput, bool)>,
) -> Line<'static> {
    let t = theme();
    let value = |active: bool, text: String| Span::styled(text, if active { t.key() } else { t.dim() });
    let mut spans = vec![
        Span::styled("Level: ", t.bold()),
        value(level.is_some(), level.map_or("all".into(), |l| format!("L{l}"))),
        Span::raw("   "),
        Span::styled("Principle: ", t.bold()),
        value(principle.is_some(), principle.map_or("all".into(), |p| p.name().to_string())),
    ];
    if let Some((input, typing)) = search {
        spans.push(Span::raw("   "));
        spans.push(Span::styled("Search: ", t.bold()));
        if typing {
            spans.extend(input.spans(t.key()));
        } else if input.text().is_empty() {
            spans.push(Span::styled(strings::SEARCH_PLACEHOLDER, t.dim()));
        } else {
            spans.push(value(true, format!("\"{}\"", input.text())));
        }
    }
    Line::from(spans)
}

impl Widget for &Browser {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = theme();
        let [header, filters, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(0)]).areas(area);
        Line::from(vec![
            Span::styled(strings::APP_NAME, t.title()),
            Span::styled(format!(" · {}", self.title), t.dim()),
            Span::raw(format!("   {} of {} questions", self.visible.len(), self.questions.len())),
        ])
        .render(header, buf);
        filter_line(self.level, self.principle, Some((&self.search, self.is_searching()))).render(filters, buf);

        let wide = body.width >= 110;
        let [list_area, detail_area] = if wide {
            Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(body)
        } else {
            // The whole list when it fits in half the height; the detail pane takes the rest.
            let list_height = rows(self.visible.len()).saturating_add(3).min(body.height / 2).max(4);
            Layout::vertical([Constraint::Length(list_height), Constraint::Min(0)]).areas(body)
        };

        if self.visible.is_empty() {
            Paragraph::new(strings::NO_MATCHES)
                .style(t.warn())
                .block(Block::default().borders(Borders::ALL).border_style(t.border()).title(" Questions "))
                .render(list_area, buf);
        } else {
            // Narrow lists keep the columns that matter most.
            let keep: &[usize] = if list_area.width < 64 { &[0, 1, 2, 5, 6] } else { &[0, 1, 2, 3, 4, 5, 6, 7] };
            let rows: Vec<Row> = self
                .visible()
                .map(|q| {
                    let h = self.history.get(&q.id);
                    let last = h.and_then(|h| h.last_overall);
                    let cells = [
                        Cell::from(format!("{:>2}", q.number)),
                        Cell::from(q.title.clone()),
                        Cell::from(q.level_text.clone()),
                        Cell::from(kind_short(q.kind)),
                        Cell::from(format!("{:>3}", q.minutes)),
                        Cell::from(format!("{:>5}", h.map_or(0, |h| h.attempts))),
                        Cell::from(Span::styled(
                            last.map_or("   –".to_string(), |s| format!("{s:>4.2}")),
                            last.map_or(t.dim(), |s| t.score(s)),
                        )),
                        Cell::from(
                            h.and_then(|h| h.last_at)
                                .map_or("–".to_string(), |at| self.zone.date(at).format("%b %d").to_string()),
                        ),
                    ];
                    Row::new(pick(&cells, keep))
                })
                .collect();
            let widths = [
                Constraint::Length(2),
                Constraint::Min(12),
                Constraint::Length(5),
                Constraint::Length(10),
                Constraint::Length(3),
                Constraint::Length(5),
                Constraint::Length(4),
                Constraint::Length(6),
            ];
            let header = ["#", "Question", "Level", "Kind", "Min", "Tries", "Last", "When"];
            let table = Table::new(rows, pick(&widths, keep)).header(Row::new(pick(&header, keep)).style(t.bold()));
            render_selectable(table, self.selected, " Questions ", list_area, buf);
        }

        let block = Block::default().borders(Borders::ALL).border_style(t.border());
        let inner = block.inner(detail_area);
        let Some(q) = self.selected_question() else {
            block.title(" Detail ").render(detail_area, buf);
            return;
        };
        block.title(format!(" Question {} ", q.number)).render(detail_area, buf);
        let width = usize::from(inner.width);
        let mut lines = wrap_plain(&q.title, t.bold(), width);
        let meta = format!("{} · {} · {} min · {} · {}", q.level_text, q.kind, q.minutes, q.role, q.category);
        lines.extend(wrap_plain(&meta, t.dim(), width));
        lines.extend(wrap_plain(
            &format!("Principles: {}", q.principle_names().join(" · ")),
            t.star(crate::bank::Star::Task),
            width,
        ));
        if let Some(h) = self.history.get(&q.id) {
            let last = h.last_overall.map_or(String::new(), |s| format!(", last {s:.2}"));
            lines.extend(wrap_plain(
                &format!("Practised {}{last}", crate::format::plural(h.attempts, "time")),
                t.status(),
                width,
            ));
        }
        lines.extend(wrap_plain(&q.prompt, ratatui::style::Style::new(), width));
        Paragraph::new(lines).render(inner, buf);
    }
}
