//! The Stories screen: your stories with their principles and the one selected; one story in full;
//! and the coverage matrix (stories × the 16 principles), gaps marked by symbol as well as colour.

use std::cell::Cell as Shared;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Widget};

use super::keys::Action;
use super::selectable::{
    Scroll, ScrollView, column_widths, fit_cell, navigate, render_selectable, stack_top, visible_window,
};
use super::theme::theme;
use super::wrap::{rows, wrap_limited, wrap_plain};
use crate::bank::{Principle, Star};
use crate::format::plural;
use crate::stories::{Shelf, Status, Stories, Story};
use crate::text::visible_line;

/// Two letters per principle, in Amazon's order: the coverage matrix's column heads.
pub const CODES: [&str; 16] =
    ["CO", "OW", "IS", "AR", "LC", "HD", "HS", "TB", "BA", "FR", "ET", "DD", "BD", "DR", "EB", "SS"];

fn code(p: Principle) -> &'static str {
    CODES[p.index()]
}

/// What the screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// The stories, and the selected one beside (wide) or below (narrow).
    List,
    /// The selected story in full, scrollable.
    Story,
    /// Stories × principles.
    Coverage,
}

#[derive(Debug, Clone)]
pub struct StoriesView {
    pub stories: Arc<Stories>,
    /// How often each story was told in drills, and how well.
    pub told: crate::stories::told::ToldByStory,
    /// Why the story file could not be read, when it could not.
    pub problems: Option<String>,
    pub path: String,
    pub panel: Panel,
    pub selected: usize,
    /// The first line shown of the story in full.
    pub scroll: usize,
    /// Rows the last drawn list showed (PgUp/PgDn move by that), and the story view as drawn.
    page: Shared<usize>,
    drawn_scroll: Shared<ScrollView>,
}

impl StoriesView {
    pub fn new(shelf: &Shelf, told: &crate::stories::told::ToldByStory) -> StoriesView {
        StoriesView {
            stories: Arc::clone(&shelf.stories),
            told: told.clone(),
            problems: shelf.problems.clone(),
            path: shelf.path.as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
            panel: Panel::List,
            selected: 0,
            scroll: 0,
            page: Shared::new(10),
            drawn_scroll: Shared::new(ScrollView::default()),
        }
    }

    pub fn selected_story(&self) -> Option<&Story> {
        self.stories.stories.get(self.selected)
    }

    /// Handle a key; false when Back leaves the screen.
    pub fn handle(&mut self, action: Action) -> bool {
        match (self.panel, action) {
            (Panel::Story, Action::Back | Action::Select) => self.panel = Panel::List,
            (Panel::List | Panel::Coverage, Action::Back) => return false,
            (Panel::List, Action::Select) if self.selected_story().is_some() => {
                self.panel = Panel::Story;
                self.scroll = 0;
                self.drawn_scroll.set(ScrollView { offset: 0, height: self.drawn_scroll.get().height });
            }
            (Panel::List, Action::NextField) => self.panel = Panel::Coverage,
            (Panel::Coverage, Action::NextField) => self.panel = Panel::List,
            (Panel::Story, _) => {
                if let Some(scroll) = Scroll::from_action(action) {
                    let view = self.drawn_scroll.get().scrolled(scroll);
                    self.scroll = view.offset;
                    self.drawn_scroll.set(view);
                }
            }
            (Panel::List | Panel::Coverage, _) => {
                if let Some(to) = navigate(self.selected, self.stories.len(), self.page.get(), action) {
                    self.selected = to;
                }
            }
        }
        true
    }
}

/// A story as lines `width` cells wide, at most `max` of them; the flag says whether more follows.
fn story_lines(s: &Story, width: usize, max: usize) -> (Vec<Line<'static>>, bool) {
    let t = theme();
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut more = false;
    let mut add = |lines: &mut Vec<Line<'static>>, label: &str, pieces: &[(String, Style)], style: Style| {
        if more || lines.len() >= max {
            more = true;
            return;
        }
        let indent = if label.is_empty() { 0 } else { 12 };
        let prefix = if label.is_empty() { Span::raw("") } else { Span::styled(format!("{label:<12}"), style) };
        let (wrapped, left) = wrap_limited(pieces, width, prefix, indent, max - lines.len());
        lines.extend(wrapped);
        more |= left;
    };
    let plain = |s: &str| vec![(s.to_string(), Style::new())];
    add(&mut lines, "", &[(s.title.clone(), t.bold())], t.bold());
    add(&mut lines, "Id", &[(s.id.clone(), t.dim())], t.dim());
    add(&mut lines, "Principles", &plain(&s.principle_names().join(" · ")), t.dim());
    if !s.questions.is_empty() {
        add(&mut lines, "Questions", &plain(&s.questions.join(" · ")), t.dim());
    }
    if !s.metrics.is_empty() {
        add(&mut lines, "Metrics", &plain(&s.metrics.join(" · ")), t.dim());
    }
    if !s.tags.is_empty() {
        add(&mut lines, "Tags", &plain(&s.tags.join(" · ")), t.dim());
    }
    let parts = Star::ALL.map(|star| (star.label(), s.part(star), t.star(star)));
    for (label, text, style) in parts.into_iter().chain([("Learning", s.learning.as_str(), t.bold())]) {
        add(&mut lines, label, &plain(text.trim_end()), style);
    }
    (lines, more)
}

impl Widget for &StoriesView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = theme();
        let w = usize::from(area.width);
        let mut head = vec![Line::from(vec![
            Span::styled("Your stories", t.title()),
            Span::styled(format!(" · {}", plural(self.stories.len(), "story")), t.dim()),
            Span::styled(format!(" · {}", visible_line(&self.path)), t.dim()),
        ])];
        if let Some(problems) = &self.problems {
            let mut warn = wrap_plain(
                &format!("The story file has problems; drilling goes on without stories. {problems}"),
                t.warn(),
                w,
            );
            warn.truncate(usize::from(area.height / 3).max(1));
            head.extend(warn);
        }
        let [top, body] = stack_top(area, [rows(head.len())]);
        Paragraph::new(head).render(top, buf);
        if self.stories.is_empty() {
            render_empty(body, buf, self.problems.is_some());
            return;
        }
        match self.panel {
            Panel::List => self.render_list(body, buf),
            Panel::Story => self.render_story(body, buf),
            Panel::Coverage => self.render_coverage(body, buf),
        }
    }
}

fn render_empty(area: Rect, buf: &mut Buffer, broken: bool) {
    let t = theme();
    let first = if broken {
        "Fix the story file (`stardrill story edit`), then open this screen again."
    } else {
        "No stories yet."
    };
    let lines = vec![
        Line::styled(first, t.title()),
        Line::default(),
        Line::raw("Your own STAR+L stories, each tagged with the Leadership Principles it shows:"),
        Line::raw("  stardrill story new --title \"The checkout outage\" --lp ownership"),
        Line::raw("adds one and opens your editor; `stardrill story --help` says more."),
        Line::raw("Aim for 8-12 stories, two for every principle."),
    ];
    Paragraph::new(lines)
        .wrap(ratatui::widgets::Wrap { trim: false })
        .block(Block::default().borders(Borders::ALL).border_style(t.border()))
        .render(area, buf);
}

impl StoriesView {
    fn render_list(&self, body: Rect, buf: &mut Buffer) {
        let t = theme();
        let len = self.stories.len();
        let [list, detail] = if body.width >= 100 {
            Layout::horizontal([Constraint::Percentage(45), Constraint::Min(0)]).areas(body)
        } else {
            let wanted = rows(len.saturating_add(3)).min(body.height * 2 / 5).max(4);
            stack_top(body, [wanted])
        };
        let widths = [Constraint::Min(10), Constraint::Length(14), Constraint::Length(9)];
        let fits = column_widths(list, &widths);
        let (first, count) = visible_window(len, self.selected, list);
        let table_rows: Vec<Row> = self.stories.stories[first..first + count]
            .iter()
            .map(|s| {
                let codes = s.principles.iter().map(|p| code(*p)).collect::<Vec<_>>().join(" ");
                let style = if s.is_stretched() { t.warn() } else { t.dim() };
                let told = self.told.get(&s.id);
                let told = match told.mean() {
                    Some(mean) => Cell::from(Span::styled(format!("{:>2}× {mean:.2}", told.times), t.score(mean))),
                    None => Cell::from(Span::styled("never", t.dim())),
                };
                Row::new([
                    Cell::from(fit_cell(&s.title, fits.first().copied())),
                    Cell::from(Span::styled(fit_cell(&codes, fits.get(1).copied()), style)),
                    told,
                ])
            })
            .collect();
        let table = Table::new(table_rows, widths).header(Row::new(["Story", "Principles", "Told"]).style(t.bold()));
        let title = " Stories (Enter: in full · Tab: coverage) ";
        self.page.set(render_selectable(table, self.selected - first, title, list, buf));
        let Some(s) = self.selected_story() else { return };
        let block = Block::default().borders(Borders::ALL).border_style(t.border());
        let inner = block.inner(detail);
        let height = usize::from(inner.height);
        let (lines, more) = story_lines(s, usize::from(inner.width), height);
        let block =
            if more { block.title_bottom(Line::styled(" ↓ more (Enter) ", t.key()).right_aligned()) } else { block };
        block.render(detail, buf);
        Paragraph::new(lines).render(inner, buf);
    }

    fn render_story(&self, body: Rect, buf: &mut Buffer) {
        let t = theme();
        let Some(s) = self.selected_story() else { return };
        let block = Block::default().borders(Borders::ALL).border_style(t.border()).title(" Story (Esc: back) ");
        let inner = block.inner(body);
        let height = usize::from(inner.height);
        let want = self.scroll.saturating_add(height).saturating_add(1).min(super::wrap::VIEW_LINES);
        let (lines, more) = story_lines(s, usize::from(inner.width), want);
        let view = ScrollView::place(self.scroll, lines.len(), more, height);
        self.drawn_scroll.set(view);
        view.marks(block, lines.len(), more, " ↑ more (PgUp) ", " ↓ more (PgDn) ").render(body, buf);
        let shown: Vec<Line<'static>> = lines.into_iter().skip(view.offset).take(height).collect();
        Paragraph::new(shown).render(inner, buf);
    }

    fn render_coverage(&self, body: Rect, buf: &mut Buffer) {
        let t = theme();
        let coverage = self.stories.coverage();
        let w = usize::from(body.width);
        let (gaps, thin, ok) = coverage.counts();
        let names = |status: Status| -> String {
            let names: Vec<&str> =
                coverage.principles.iter().filter(|p| p.status == status).map(|p| p.principle.name()).collect();
            if names.is_empty() { "none".to_string() } else { names.join(" · ") }
        };
        let mut notes: Vec<Line<'static>> = Vec::new();
        notes.extend(wrap_plain(&format!("✗ gap, no story ({gaps}): {}", names(Status::Gap)), t.error(), w));
        notes.extend(wrap_plain(&format!("△ thin, one story ({thin}): {}", names(Status::Thin)), t.warn(), w));
        notes.push(Line::styled(format!("✓ ok, two or more: {ok} of 16"), t.dim()));
        if !coverage.stretched.is_empty() {
            let text = format!(
                "Stretched over more than {} principles: {}",
                crate::stories::MAX_PRINCIPLES,
                coverage.stretched.join(", ")
            );
            notes.extend(wrap_plain(&text, t.warn(), w));
        }
        let legend: Vec<String> = Principle::all().map(|p| format!("{} {}", code(p), p.name())).collect();
        let legend = wrap_plain(&legend.join(" · "), t.dim(), w);
        // The matrix needs 16 columns of three cells beside the story names.
        let matrix_width = 2 + 1 + 10 + 16 * 3;
        if body.width < matrix_width {
            notes.insert(
                0,
                Line::styled(format!("Widen the terminal to {matrix_width} columns for the matrix."), t.dim()),
            );
            Paragraph::new(notes).render(body, buf);
            return;
        }
        let len = self.stories.len();
        // Header, rows, the status row and the borders; the notes below; the legend if room is left.
        let table_height = rows(len.saturating_add(4)).min(body.height.saturating_sub(rows(notes.len())).max(6));
        let legend_height =
            if body.height >= table_height + rows(notes.len() + legend.len()) { rows(legend.len()) } else { 0 };
        let [table_area, notes_area, legend_area, _] =
            stack_top(body, [table_height, rows(notes.len()), legend_height]);
        let mut widths = vec![Constraint::Min(10)];
        widths.extend([Constraint::Length(2); 16]);
        let fits = column_widths(table_area, &widths);
        // Rows shown: the table less its footer row.
        let list_area = Rect { height: table_area.height.saturating_sub(1), ..table_area };
        let (first, count) = visible_window(len, self.selected, list_area);
        let mut table_rows: Vec<Row> = self.stories.stories[first..first + count]
            .iter()
            .map(|s| {
                let mut cells = vec![Cell::from(fit_cell(&s.id, fits.first().copied()))];
                cells.extend(Principle::all().map(|p| {
                    if s.principles.contains(&p) {
                        Cell::from(Span::styled("●", t.bold()))
                    } else {
                        Cell::from(Span::styled("·", t.dim()))
                    }
                }));
                Row::new(cells)
            })
            .collect();
        if table_rows.is_empty() {
            table_rows.push(Row::new([Cell::from("")]));
        }
        let mut header = vec![Cell::from("Story")];
        header.extend(CODES.iter().map(|c| Cell::from(*c)));
        let mut status = vec![Cell::from(Span::styled("status", t.bold()))];
        status.extend(coverage.principles.iter().map(|p| {
            let style = match p.status {
                Status::Gap => t.error(),
                Status::Thin => t.warn(),
                Status::Ok => t.dim(),
            };
            Cell::from(Span::styled(p.status.symbol(), style))
        }));
        let table = Table::new(table_rows, widths).header(Row::new(header).style(t.bold())).footer(Row::new(status));
        let title = " Coverage (Tab: stories) · ● shows it ";
        let page = render_selectable(table, self.selected - first, title, table_area, buf);
        self.page.set(page.saturating_sub(1).max(1));
        Paragraph::new(notes).render(notes_area, buf);
        Paragraph::new(legend).render(legend_area, buf);
    }
}

/// Your story beside (or above) the model answer on Reveal, STAR part against STAR part: every part
/// with the one of the newest revealed section (`phase`) marked `▶` (`all`), or that part alone when
/// room is short. Cut parts end in `…`.
pub fn render_story_against(s: &Story, phase: Option<Star>, all: bool, area: Rect, buf: &mut Buffer) {
    let t = theme();
    let title = format!(" Your story: {} ", visible_line(&s.title));
    let block = Block::default().borders(Borders::ALL).border_style(t.border()).title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let current = phase.unwrap_or(Star::Situation);
    let parts: Vec<(Option<Star>, &str, &str)> = Star::ALL
        .map(|star| (Some(star), star.label(), s.part(star)))
        .into_iter()
        .chain([(None, "Learning", s.learning.as_str())])
        .filter(|(star, _, _)| all || *star == Some(current))
        .collect();
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (star, label, text) in parts {
        if lines.len() >= height {
            break;
        }
        let marked = star == Some(current) && all;
        let style = star.map_or(t.bold(), |st| t.star(st));
        let prefix = Span::styled(format!("{}{label:<10}", if marked { "▶ " } else { "  " }), style);
        let text_style = if marked { t.bold() } else { Style::new() };
        let (mut wrapped, cut) =
            wrap_limited(&[(text.trim_end().to_string(), text_style)], width, prefix, 12, height - lines.len());
        if cut && let Some(last) = wrapped.last_mut() {
            super::wrap::mark_cut(last, width);
        }
        lines.extend(wrapped);
    }
    Paragraph::new(lines).render(inner, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_two_letter_heads() {
        let mut codes = CODES.to_vec();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 16);
        assert!(CODES.iter().all(|c| c.len() == 2));
        assert_eq!(code(Principle::from_name("Have Backbone; Disagree and Commit").unwrap()), "BD");
    }
}
