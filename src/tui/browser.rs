//! The question browser: the filtered list, a detail pane, and the filters.

use std::cell::Cell as Shared;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::keys::Action;
use super::line_input::{Edit, LineInput};
use super::selectable::{
    Scroll, ScrollView, SelectTable, column_widths, fit_cell, navigate, pick, render_select_table, side_by_side,
    stack_top, visible_window,
};
use super::strings;
use super::theme::theme;
use super::wrap::{VIEW_LINES, mark_cut, rows, wrap_limited_plain, wrap_plain};
use crate::bank::level::MAX_LEVEL;
use crate::bank::{LevelRange, Principle, Question};
use crate::clock::Zone;
use crate::filter::Filter;
use crate::format::plural;
use crate::history::Record;
use crate::stats::TriesByQuestion;
use crate::text::{truncate, visible_line};

/// The level filters `l` steps through after "all", for these questions: every level and range of
/// levels their own ranges span, in order (L5, L5-L6, L6, L6-L7, L7…), keeping only those that narrow
/// the list (match some questions, not all) and match other questions than an earlier one. For the
/// bundled bank (L5-L6, L6-L7, L6+) that is L5 and L7: L6, and every range, match all ten.
pub fn level_cycle(questions: &[Question]) -> Vec<LevelRange> {
    let Some(low) = questions.iter().map(|q| q.level.low).min() else { return Vec::new() };
    // An open range ("L6+") counts from its low end; the cycle stops at the highest level written.
    let high = questions.iter().map(|q| if q.level.high == MAX_LEVEL { q.level.low } else { q.level.high }).max();
    let high = high.unwrap_or(low).max(low);
    let mut candidates: Vec<LevelRange> =
        (low..=high).flat_map(|a| (a..=high).map(move |b| LevelRange { low: a, high: b })).collect();
    // Narrow first, then wider: L5, L5-L6, L6, L5-L7, L6-L7, L7.
    candidates.sort_by_key(|r| (u16::from(r.low) + u16::from(r.high), r.high - r.low));
    let mut seen = std::collections::HashSet::new();
    candidates
        .into_iter()
        .filter(|&r| {
            let filter = Filter { levels: r.levels().collect(), ..Filter::default() };
            let matched: Vec<usize> = (0..questions.len()).filter(|&i| filter.matches(&questions[i])).collect();
            !matched.is_empty() && matched.len() < questions.len() && seen.insert(matched)
        })
        .collect()
}

#[derive(Debug)]
pub struct Browser {
    /// Shared with the app: opening the browser copies no question.
    bank: std::sync::Arc<crate::bank::Bank>,
    history: TriesByQuestion,
    /// Today's plan, once worked out from the history (drawn above the list).
    today: Option<crate::schedule::Today>,
    /// The history file is still being read: the attempt columns show `…`, not zero.
    loading: bool,
    level: Option<LevelRange>,
    /// What `l` steps through after "all" (see `level_cycle`), worked out at the first `l`: opening
    /// the browser does not wait for it.
    level_cycle: std::cell::OnceCell<Vec<LevelRange>>,
    principle: Option<Principle>,
    /// The bank filter (`b`), by bank name.
    bank_filter: Option<String>,
    /// The banks the questions come from, in the order first met: what `b` steps through.
    banks: Vec<String>,
    search: LineInput,
    /// While typing a search: the text to go back to on Esc.
    search_before: Option<String>,
    visible: Vec<usize>,
    selected: usize,
    zone: Zone,
    /// The bank's title, for the header.
    title: String,
    /// The first line shown in the detail pane (J/K scroll it).
    detail_scroll: usize,
    /// As last drawn: the list's rows on screen (a page), and the detail pane.
    page: Shared<usize>,
    drawn_detail: Shared<ScrollView>,
}

impl Browser {
    pub fn new(title: &str, bank: std::sync::Arc<crate::bank::Bank>, tries: TriesByQuestion, zone: Zone) -> Browser {
        let mut banks: Vec<String> = Vec::new();
        for q in &bank.questions {
            if !banks.contains(&q.bank) {
                banks.push(q.bank.clone());
            }
        }
        let mut b = Browser {
            bank_filter: None,
            banks,
            level_cycle: std::cell::OnceCell::new(),
            bank,
            history: tries,
            loading: false,
            today: None,
            level: None,
            principle: None,
            search: LineInput::default(),
            search_before: None,
            visible: Vec::new(),
            selected: 0,
            zone,
            title: title.to_string(),
            detail_scroll: 0,
            page: Shared::new(10),
            drawn_detail: Shared::new(ScrollView::default()),
        };
        b.refilter();
        b
    }

    pub fn questions(&self) -> &[Question] {
        &self.bank.questions
    }

    /// Whether the history is still being read (the attempt columns wait for it).
    pub fn set_loading(&mut self, loading: bool) {
        self.loading = loading;
    }

    /// Today's plan, drawn above the list.
    pub fn set_today(&mut self, today: Option<crate::schedule::Today>) {
        self.today = today;
    }

    pub fn today(&self) -> Option<&crate::schedule::Today> {
        self.today.as_ref()
    }

    /// The attempt columns from the whole history, once it has been read.
    pub fn set_tries(&mut self, tries: TriesByQuestion) {
        self.history = tries;
        self.loading = false;
    }

    /// Count a saved record in the list's attempt columns.
    pub fn record_attempt(&mut self, r: &Record) {
        self.history.add(r);
    }

    pub fn filter(&self) -> Filter {
        let text = crate::text::fold(self.search.text().trim());
        Filter {
            levels: self.level.map(|r| r.levels().collect()).unwrap_or_default(),
            principles: self.principle.into_iter().collect(),
            texts: if text.is_empty() { vec![] } else { vec![text] },
            banks: self.bank_filter.iter().cloned().collect(),
            ..Filter::default()
        }
    }

    /// The bank filter as the filter line shows it: None when only one bank is loaded.
    fn bank_shown(&self) -> Option<Option<&str>> {
        (self.banks.len() > 1).then_some(self.bank_filter.as_deref())
    }

    /// The questions under the level and principle filters never practised (no attempt in the
    /// history), in bank order: Stats lists them under the weakest as "new".
    pub fn never_practised(&self) -> Vec<&Question> {
        let filter = Filter {
            levels: self.level.map(|r| r.levels().collect()).unwrap_or_default(),
            principles: self.principle.into_iter().collect(),
            ..Filter::default()
        };
        self.bank.questions.iter().filter(|q| filter.matches(q) && self.history.get(&q.id).is_none()).collect()
    }

    pub fn level(&self) -> Option<LevelRange> {
        self.level
    }

    /// The level filters `l` steps through after "all".
    pub fn principle(&self) -> Option<Principle> {
        self.principle
    }

    pub fn set_level(&mut self, level: Option<LevelRange>) {
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
        self.visible = (0..self.bank.questions.len()).filter(|&i| filter.matches(&self.bank.questions[i])).collect();
        self.selected = keep
            .and_then(|id| self.visible.iter().position(|&i| self.bank.questions[i].id == id))
            .unwrap_or(0)
            .min(self.visible.len().saturating_sub(1));
        self.detail_to_top();
    }

    /// Another question in the detail pane starts at its top, even before it is drawn.
    fn detail_to_top(&mut self) {
        self.detail_scroll = 0;
        self.drawn_detail.set(ScrollView { offset: 0, ..self.drawn_detail.get() });
    }

    pub fn visible(&self) -> impl Iterator<Item = &Question> {
        self.visible.iter().map(|&i| &self.bank.questions[i])
    }

    pub fn selected_question(&self) -> Option<&Question> {
        self.visible.get(self.selected).map(|&i| &self.bank.questions[i])
    }

    pub fn is_searching(&self) -> bool {
        self.search_before.is_some()
    }

    pub fn search_key(&mut self, ev: &KeyEvent) {
        if self.search.handle(ev) == Edit::Changed {
            self.refilter();
        }
    }

    /// Pasted text goes into the search as text (line breaks become spaces).
    pub fn search_paste(&mut self, text: &str) {
        if self.search.insert_text(text) {
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
    pub fn random_pick(&self, n: usize, rng: &mut impl rand::Rng) -> Vec<Question> {
        use rand::seq::IndexedRandom;
        let visible: Vec<&Question> = self.visible().collect();
        visible.sample(rng, n.min(visible.len())).map(|q| (*q).clone()).collect()
    }

    pub fn handle(&mut self, action: Action) {
        if let Some(to) = navigate(self.selected, self.visible.len(), self.page.get(), action) {
            if to != self.selected {
                self.detail_to_top();
            }
            self.selected = to;
            return;
        }
        match action {
            Action::DetailDown | Action::DetailUp => {
                // From where it was drawn, a page at a time.
                let scroll = if action == Action::DetailDown { Scroll::PageDown } else { Scroll::PageUp };
                let view = self.drawn_detail.get().scrolled(scroll);
                self.detail_scroll = view.offset;
                self.drawn_detail.set(view);
            }
            Action::Search => self.search_before = Some(self.search.text().to_string()),
            Action::CycleLevel => {
                // All, then each step, then all again.
                let cycle = self.level_cycle.get_or_init(|| level_cycle(&self.bank.questions));
                let next = match self.level.and_then(|l| cycle.iter().position(|&c| c == l)) {
                    Some(i) => cycle.get(i + 1).copied(),
                    None if self.level.is_some() => None,
                    None => cycle.first().copied(),
                };
                self.set_level(next);
            }
            Action::CycleBank => {
                // All, then each bank, then all again.
                let next = match self.bank_filter.as_ref().and_then(|b| self.banks.iter().position(|x| x == b)) {
                    Some(i) => self.banks.get(i + 1).cloned(),
                    None => self.banks.first().cloned().filter(|_| self.banks.len() > 1),
                };
                self.bank_filter = next;
                self.refilter();
            }
            Action::ClearFilters => {
                self.level = None;
                self.principle = None;
                self.bank_filter = None;
                self.search = LineInput::default();
                self.refilter();
            }
            _ => {}
        }
    }
}

/// "Level: L7   Principle: all   Search: …" with the active ones highlighted, within `width` cells:
/// an empty search gives way first (the footer says `/ search`), then the line ends in `…`.
pub fn filter_line(
    level: Option<LevelRange>,
    principle: Option<Principle>,
    search: Option<(&LineInput, bool)>,
    width: usize,
) -> Line<'static> {
    filter_line_banked(level, principle, None, search, width)
}

/// `filter_line` with the bank filter: `bank` is Some(the bank chosen, None for all) when more than one
/// bank is loaded, and None when there is only one to choose (nothing is said of it then).
pub fn filter_line_banked(
    level: Option<LevelRange>,
    principle: Option<Principle>,
    bank: Option<Option<&str>>,
    search: Option<(&LineInput, bool)>,
    width: usize,
) -> Line<'static> {
    let line_width = |l: &Line| l.spans.iter().map(|s| crate::text::width(&s.content)).sum::<usize>();
    let mut line = filter_spans(level, principle, bank, search);
    if line_width(&line) > width {
        if let Some((input, false)) = search
            && input.text().is_empty()
        {
            line = filter_spans(level, principle, bank, None);
        }
        // While typing, the field keeps its cursor at the end of what fits.
        if line_width(&line) > width && !search.is_some_and(|(_, typing)| typing) {
            mark_cut(&mut line, width);
        }
    }
    line
}

fn filter_spans(
    level: Option<LevelRange>,
    principle: Option<Principle>,
    bank: Option<Option<&str>>,
    search: Option<(&LineInput, bool)>,
) -> Line<'static> {
    let t = theme();
    let value = |active: bool, text: String| Span::styled(text, if active { t.key() } else { t.dim() });
    let mut spans = vec![
        Span::styled("Level: ", t.bold()),
        value(level.is_some(), level.map_or("all".into(), |l| l.to_string())),
        Span::raw("   "),
        Span::styled("Principle: ", t.bold()),
        value(principle.is_some(), principle.map_or("all".into(), |p| p.name().to_string())),
    ];
    if let Some(bank) = bank {
        spans.push(Span::raw("   "));
        spans.push(Span::styled("Bank (b): ", t.bold()));
        spans.push(value(bank.is_some(), bank.map_or("all".into(), |b| visible_line(b).into_owned())));
    }
    if let Some((input, typing)) = search {
        spans.push(Span::raw("   "));
        spans.push(Span::styled("Search: ", t.bold()));
        if typing {
            spans.extend(input.spans(t.key()));
        } else if input.text().is_empty() {
            spans.push(Span::styled(strings::SEARCH_PLACEHOLDER, t.dim()));
        } else {
            spans.push(value(true, format!("\"{}\"", visible_line(input.text()))));
        }
    }
    Line::from(spans)
}

impl Widget for &Browser {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = theme();
        let plan_height = if self.today.is_some() { super::today_panel::height(area.height) } else { 0 };
        let [header, plan, filters, body] = stack_top(area, [1, plan_height, 1]);
        if let Some(today) = &self.today {
            super::today_panel::TodayPanel(today).render(plan, buf);
        }
        let count = format!("   {} of {}", self.visible.len(), plural(self.bank.questions.len(), "question"));
        // The bank's title gives way to the count on a narrow screen, with a mark where it is cut.
        let room = usize::from(header.width)
            .saturating_sub(crate::text::width(strings::APP_NAME) + crate::text::width(&count) + 3);
        let title = Line::from(vec![
            Span::styled(strings::APP_NAME, t.title()),
            Span::styled(format!(" · {}", truncate(&visible_line(&self.title), room)), t.dim()),
            Span::raw(count),
        ]);
        super::selectable::render_line(&title, header, buf);
        let search = Some((&self.search, self.is_searching()));
        let filter =
            filter_line_banked(self.level, self.principle, self.bank_shown(), search, usize::from(filters.width));
        super::selectable::render_line(&filter, filters, buf);

        let wide = body.width >= 110;
        let [list_area, detail_area] = if wide {
            side_by_side(body, 58)
        } else {
            // The whole list when it fits in half the height; the detail pane takes the rest.
            let list_height = rows(self.visible.len()).saturating_add(3).min(body.height / 2).max(4);
            stack_top(body, [list_height])
        };

        if self.visible.is_empty() {
            Paragraph::new(strings::NO_MATCHES)
                .style(t.warn())
                .block(Block::default().borders(Borders::ALL).border_style(t.border()).title(" Questions "))
                .render(list_area, buf);
        } else {
            // Narrow lists keep the columns that matter most.
            let keep: &[usize] = if list_area.width < 64 { &[0, 1, 2, 5, 6] } else { &[0, 1, 2, 3, 4, 5, 6, 7] };
            let nw = super::selectable::number_width(self.bank.questions.iter().map(|q| q.number));
            let widths = pick(
                &[
                    Constraint::Length(nw),
                    Constraint::Min(12),
                    Constraint::Length(5),
                    Constraint::Length(16),
                    Constraint::Length(3),
                    Constraint::Length(5),
                    Constraint::Length(4),
                    Constraint::Length(6),
                ],
                keep,
            );
            let fits = column_widths(list_area, &widths);
            let fit = |col: usize, text: &str| fit_cell(text, fits.get(col).copied());
            // Only the rows on screen are built, however many questions the banks hold.
            let (first, count) = visible_window(self.visible.len(), self.selected, list_area);
            let rows: Vec<Vec<Span>> = self.visible[first..first + count]
                .iter()
                .map(|&i| {
                    let q = &self.bank.questions[i];
                    let h = self.history.get(&q.id);
                    let last = h.and_then(|h| h.last_overall);
                    let cells = [
                        Span::raw(format!("{:>w$}", q.number, w = usize::from(nw))),
                        Span::raw(fit(1, &q.title)),
                        Span::raw(fit(2, &q.level_text)),
                        Span::raw(q.kind.key()),
                        Span::raw(format!("{:>3}", q.minutes)),
                        if self.loading {
                            Span::raw("    …")
                        } else {
                            Span::raw(format!("{:>5}", h.map_or(0, |h| h.attempts)))
                        },
                        match last {
                            Some(s) => Span::styled(format!("{s:>4.2}"), t.score(s)),
                            None => Span::styled(if self.loading { "   …" } else { "   –" }, t.dim()),
                        },
                        match h.and_then(|h| h.last_at) {
                            Some(at) => Span::raw(self.zone.date(at).format("%b %d").to_string()),
                            None => Span::raw("–"),
                        },
                    ];
                    let mut cells = cells.map(Some);
                    keep.iter().filter_map(|&i| cells.get_mut(i).and_then(Option::take)).collect()
                })
                .collect();
            let header = ["#", "Question", "Level", "Kind", "Min", "Tries", "Last", "When"];
            let table = SelectTable {
                header: pick(&header, keep).into_iter().map(Span::raw).collect(),
                header_style: t.bold(),
                rows,
                widths,
            };
            self.page.set(render_select_table(table, self.selected - first, " Questions ", list_area, buf));
        }
        self.render_detail(detail_area, buf);
    }
}

impl Browser {
    /// The selected question in full: title, facts, principles, what the history says, the prompt.
    /// Scrolled with J/K; only the lines down to the pane's bottom are wrapped.
    fn render_detail(&self, area: Rect, buf: &mut Buffer) {
        let t = theme();
        let block = Block::default().borders(Borders::ALL).border_style(t.border());
        let inner = block.inner(area);
        let Some(q) = self.selected_question() else {
            block.title(" Detail ").render(area, buf);
            return;
        };
        let width = usize::from(inner.width);
        let height = usize::from(inner.height);
        let want = self.detail_scroll.saturating_add(height).saturating_add(1).min(VIEW_LINES);
        let mut lines: Vec<Line<'static>> = Vec::new();
        let mut more = false;
        let mut add = |text: &str, style: Style| {
            if more || lines.len() >= want {
                more = true;
                return;
            }
            let (wrapped, left) = wrap_limited_plain(text, style, width, want - lines.len());
            lines.extend(wrapped);
            more |= left;
        };
        add(&q.title, t.bold());
        let bank = if self.banks.len() > 1 { format!(" · bank {}", q.bank) } else { String::new() };
        add(&format!("{} · {} · {} min · {} · {}{bank}", q.level_text, q.kind, q.minutes, q.role, q.category), t.dim());
        add(&format!("Principles: {}", q.principle_names().join(" · ")), t.star(crate::bank::Star::Task));
        if let Some(h) = self.history.get(&q.id) {
            let last = h.last_overall.map_or(String::new(), |s| format!(", last {s:.2}"));
            add(&format!("Practised {}{last}", plural(h.attempts, "time")), t.status());
        }
        add(&q.prompt, Style::new());
        if more && lines.len() >= VIEW_LINES {
            // The rest is past what one view wraps: say where it is, as the last line.
            more = false;
            let note =
                wrap_plain(&strings::cut_here(VIEW_LINES, &format!("stardrill show {}", q.number)), t.warn(), width);
            lines.truncate(VIEW_LINES.saturating_sub(note.len()));
            lines.extend(note);
        }
        // Scrolled past the end: show the last page.
        let view = ScrollView::place(self.detail_scroll, lines.len(), more, height);
        self.drawn_detail.set(view);
        let title = format!(" Question {} ", q.number);
        if view.has_marks(lines.len(), more) {
            view.marks(block.title(title), lines.len(), more, " ↑ K ", " ↓ more: J ").render(area, buf);
        } else {
            super::boxed::draw(area, buf, &title, t.border());
        }
        // The lines are wrapped to the width already: each is set in its row, as `Paragraph` would.
        for (line, y) in lines.iter().skip(view.offset).take(height).zip(inner.y..inner.bottom()) {
            super::selectable::set_line(buf, inner.x, y, line, inner.width);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn the_filter_line_fits_its_width_with_a_mark() {
        let empty = LineInput::default();
        let wide = filter_line(None, None, Some((&empty, false)), 80);
        assert_eq!(text(&wide), format!("Level: all   Principle: all   Search: {}", strings::SEARCH_PLACEHOLDER));
        // The empty search gives way first.
        assert_eq!(text(&filter_line(None, None, Some((&empty, false)), 40)), "Level: all   Principle: all");
        let p = Principle::all().find(|p| p.name().starts_with("Have Backbone"));
        let cut = filter_line(Some(LevelRange { low: 6, high: 6 }), p, Some((&empty, false)), 40);
        assert_eq!(text(&cut), "Level: L6   Principle: Have Backbone; D…");
        assert_eq!(crate::text::width(&text(&cut)), 40);
    }

    fn ranges(text: &[&str]) -> Vec<LevelRange> {
        text.iter().map(|t| LevelRange::parse(t).unwrap()).collect()
    }

    #[test]
    fn the_level_steps_are_those_that_narrow_the_bank() {
        let mut bank = crate::bank::Bank::bundled().unwrap();
        // L5-L6, L6-L7 and L6+: L6 and every range match all ten.
        assert_eq!(level_cycle(&bank.questions), ranges(&["L5", "L7"]));
        // A bank spread wider steps through ranges too, each keeping other questions.
        for (q, level) in bank.questions.iter_mut().zip(["L4-L5", "L5-L6", "L6-L7", "L7-L8"]) {
            q.level = LevelRange::parse(level).unwrap();
        }
        bank.questions.truncate(4);
        let steps = level_cycle(&bank.questions);
        assert_eq!(steps, ranges(&["L4", "L4-L5", "L4-L6", "L6", "L6-L7", "L7", "L8"]));
        assert_eq!(level_cycle(&bank.questions[..1]), []);
        assert_eq!(level_cycle(&[]), []);
    }
}
