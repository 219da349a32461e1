//! The Stats screen: overview (score over time, STAR parts, levels), a principle coverage matrix,
//! and the weakest questions, which Enter drills.

use std::cell::Cell as Shared;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Borders, Cell, Chart, Dataset, GraphType, Paragraph, Row, Table, Tabs, Widget,
};

use super::browser::filter_line;
use super::history_screen::render_empty;
use super::keys::Action;
use super::selectable::{boxed_column_widths, column_widths, fit_cell, navigate, pick, render_selectable};
use super::strings;
use super::theme::theme;
use super::wrap::rows;
use crate::bank::{Bank, LevelRange, Principle, Star};
use crate::clock::Zone;
use crate::filter::Filter;
use crate::format::plural;
use crate::history_index::HistoryIndex;
use crate::stats::{self, RecordQuery, Stats, StatsBuilder};

/// The Stats screen's panels, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Overview,
    Principles,
    Weakest,
    Calendar,
}

impl Panel {
    pub const ALL: [Panel; 4] = [Panel::Overview, Panel::Principles, Panel::Weakest, Panel::Calendar];

    pub fn title(self) -> &'static str {
        match self {
            Panel::Overview => "Overview",
            Panel::Principles => "Principles",
            Panel::Weakest => "Weakest",
            Panel::Calendar => "Calendar",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The next panel (Tab), or the previous one (Shift-Tab), going round.
    pub fn step(self, forward: bool) -> Panel {
        let n = Panel::ALL.len();
        Panel::ALL[(self.index() + if forward { 1 } else { n - 1 }) % n]
    }
}

/// The figures of the history under the browser's filters. Without a filter they are the whole
/// history's, kept folded, so they cost nothing; with one, every answer is folded again, which is
/// done off the key press (`Effect::ComputeStats`) so no key waits on the size of the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatsRequest {
    /// Which request this is: an answer to an older one (the filter changed again) is dropped.
    pub generation: u64,
    pub level: Option<LevelRange>,
    pub principle: Option<Principle>,
    pub zone: Zone,
}

impl StatsRequest {
    pub fn is_unfiltered(&self) -> bool {
        self.level.is_none() && self.principle.is_none()
    }

    /// The filter of this request, over questions.
    fn filter(&self) -> Filter {
        Filter {
            levels: self.level.map(|r| r.levels().collect()).unwrap_or_default(),
            principles: self.principle.into_iter().collect(),
            ..Filter::default()
        }
    }

    /// The mean split per kind of question over the marked answers to the questions these filters
    /// keep (per-question sums kept whole, so no answer is read again).
    pub fn pacing(&self, history: &HistoryIndex, bank: &Bank) -> Vec<crate::coach::pacing::KindPacing> {
        let filter = self.filter();
        let kept: std::collections::HashSet<&str> =
            bank.questions.iter().filter(|q| filter.matches(q)).map(|q| q.id.as_str()).collect();
        crate::coach::pacing::by_kind(history.all().pacing().iter().filter(|(id, _)| kept.contains(id.as_str())), bank)
    }

    /// The figures asked for (pure: may run on any thread).
    pub fn compute(&self, history: &HistoryIndex, bank: &Bank) -> Stats {
        let filter = self.filter();
        history.stats(&RecordQuery { filter, zone: self.zone, ..RecordQuery::all(bank) }).only_principles_probed(bank)
    }
}

/// What the Stats screen is computed from.
pub struct StatsInput<'a> {
    pub bank: &'a Bank,
    /// Its whole fold is used when no filter is set, so opening Stats does not fold every answer again.
    pub history: &'a HistoryIndex,
    /// The browser's filters, and this request's generation.
    pub request: StatsRequest,
    /// Today, for the calendar.
    pub as_of: chrono::NaiveDate,
    /// Never-practised questions under the filters, listed under the weakest as "new".
    pub new_questions: Vec<NewQuestion>,
    /// Your stories per principle (empty without stories).
    pub principle_stories: Vec<PrincipleStories>,
    /// Lines of the history file that could not be read.
    pub skipped: Option<String>,
}

/// A question never practised, as the Weakest panel lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewQuestion {
    pub id: String,
    pub number: u32,
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct StatsView {
    pub stats: Stats,
    /// Today, for the calendar.
    pub as_of: chrono::NaiveDate,
    /// Listed under the weakest as "new".
    pub new_questions: Vec<NewQuestion>,
    /// Your stories per principle (empty without stories).
    pub principle_stories: Vec<PrincipleStories>,
    /// The figures are being computed for this request (`set_stats` ends it).
    pub computing: Option<StatsRequest>,
    pub level: Option<LevelRange>,
    pub principle: Option<Principle>,
    pub panel: Panel,
    pub weak_sel: usize,
    /// The first principle row shown, when the coverage matrix is taller than the screen.
    pub principle_scroll: usize,
    pub skipped: Option<String>,
    /// As last drawn: the weakest list's rows on screen, and the coverage rows that fit.
    page: Shared<usize>,
    principle_rows: Shared<usize>,
    /// The mean split per kind of question over the marked answers to the questions the filters keep.
    pub pacing: Vec<crate::coach::pacing::KindPacing>,
}

impl StatsView {
    /// With a filter set, the figures are still to come (`computing`): the caller has them computed.
    pub fn new(input: StatsInput) -> StatsView {
        let StatsInput { bank, history, request, skipped, as_of, new_questions, principle_stories } = input;
        let (stats, computing) = if request.is_unfiltered() {
            (request.compute(history, bank), None)
        } else {
            (StatsBuilder::new(request.zone).finish(), Some(request))
        };
        let pacing = request.pacing(history, bank);
        StatsView {
            pacing,
            stats,
            as_of,
            new_questions,
            principle_stories,
            computing,
            level: request.level,
            principle: request.principle,
            panel: Panel::Overview,
            weak_sel: 0,
            principle_scroll: 0,
            skipped,
            page: Shared::new(10),
            principle_rows: Shared::new(16),
        }
    }

    /// Which panel is up and where in it: (panel, weakest selected, principles scroll).
    pub fn place(&self) -> (Panel, usize, usize) {
        (self.panel, self.weak_sel, self.principle_scroll)
    }

    pub fn restore_place(&mut self, (panel, weak_sel, principle_scroll): (Panel, usize, usize)) {
        self.panel = panel;
        self.weak_sel = weak_sel;
        self.principle_scroll = principle_scroll;
        self.clamp_place();
    }

    fn clamp_place(&mut self) {
        if self.computing.is_none() {
            self.weak_sel = self.weak_sel.min(self.weak_len().saturating_sub(1));
        }
    }

    /// The figures computed for `generation`; false (and nothing changes) when they answer an older
    /// request than the one shown.
    pub fn set_stats(&mut self, generation: u64, stats: Stats) -> bool {
        if self.computing.is_none_or(|r| r.generation != generation) {
            return false;
        }
        self.stats = stats;
        self.computing = None;
        self.clamp_place();
        true
    }

    pub fn handle(&mut self, action: Action) {
        match (self.panel, action) {
            (_, Action::NextField) => self.panel = self.panel.step(true),
            (_, Action::PrevField) => self.panel = self.panel.step(false),
            // ↑/↓ scroll the coverage matrix (as far as its last row), or move through the weakest.
            (Panel::Principles, _) => {
                let fits = self.principle_rows.get().max(1);
                let first_positions = self.stats.principles.len().saturating_sub(fits) + 1;
                let from = self.principle_scroll.min(first_positions - 1);
                if let Some(to) = navigate(from, first_positions, fits, action) {
                    self.principle_scroll = to;
                }
            }
            (Panel::Weakest, _) => {
                if let Some(to) = navigate(self.weak_sel, self.weak_len(), self.page.get(), action) {
                    self.weak_sel = to;
                }
            }
            (Panel::Overview | Panel::Calendar, _) => {}
        }
    }

    /// Rows of the Weakest panel: the weakest, then the never practised.
    fn weak_len(&self) -> usize {
        self.stats.weakest.len() + self.new_questions.len()
    }

    /// The question ids Enter drills: the selected one, then the weakest, then the never practised, five
    /// in all (`stats::WEAKEST_COUNT`).
    pub fn weakest_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .stats
            .weakest
            .iter()
            .map(|w| w.question_id.clone())
            .chain(self.new_questions.iter().map(|n| n.id.clone()))
            .collect();
        if self.weak_sel < ids.len() {
            let first = ids.remove(self.weak_sel);
            ids.insert(0, first);
        }
        ids.truncate(stats::WEAKEST_COUNT);
        ids
    }
}

fn fmt(v: Option<f64>) -> String {
    v.map_or("–".to_string(), |v| format!("{v:.2}"))
}

impl Widget for &StatsView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = theme();
        let s = &self.stats;
        let [title, filters, warn, tabs, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(u16::from(self.skipped.is_some())),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        Line::styled("Stats", t.title()).render(title, buf);
        filter_line(self.level, self.principle, None, usize::from(filters.width)).render(filters, buf);
        if let Some(w) = &self.skipped {
            Line::styled(crate::text::visible_line(w).into_owned(), t.warn()).render(warn, buf);
        }
        if self.computing.is_some() {
            Paragraph::new(Line::styled(strings::STATS_COMPUTING, t.dim()))
                .block(Block::default().borders(Borders::ALL).border_style(t.border()))
                .render(body, buf);
            return;
        }
        if s.attempts == 0 {
            let what = if self.level.is_some() || self.principle.is_some() {
                "saved scores match these filters (c clears them)"
            } else {
                "saved scores"
            };
            render_empty(body, buf, what);
            return;
        }
        Tabs::new(Panel::ALL.map(Panel::title).to_vec())
            .select(self.panel.index())
            .highlight_style(t.selected())
            .divider(" │ ")
            .render(tabs, buf);
        match self.panel {
            Panel::Overview => overview(s, &self.pacing, body, buf),
            Panel::Principles => {
                self.principle_rows.set(principles(s, &self.principle_stories, self.principle_scroll, body, buf))
            }
            Panel::Weakest => self.page.set(weakest(s, &self.new_questions, self.weak_sel, body, buf)),
            Panel::Calendar => calendar(s, self.as_of, body, buf),
        }
    }
}

/// `Pacing: behavioral S 55 % · T 12 % · A 18 % · R 15 % (3 answers)` per kind, then
/// each habit.
fn pacing_lines(kinds: &[crate::coach::pacing::KindPacing]) -> Vec<Line<'static>> {
    let t = theme();
    let mut lines = Vec::new();
    for (i, k) in kinds.iter().enumerate() {
        let lead = if i == 0 { "Pacing: " } else { "        " };
        let mut spans = vec![Span::styled(lead, t.bold()), Span::raw(format!("{} ", k.kind.key()))];
        for (j, (part, v)) in k.mean_share.iter().enumerate() {
            if j > 0 {
                spans.push(Span::styled(" · ", t.dim()));
            }
            let style = if k.habits.contains(&part) { t.warn() } else { t.star(part) };
            spans.push(Span::styled(format!("{} {v:.0} %", part.letter()), style));
        }
        spans.push(Span::styled(format!(" ({})", plural(k.answers, "answer")), t.dim()));
        lines.push(Line::from(spans));
    }
    for k in kinds {
        for habit in k.habit_lines() {
            lines.push(Line::styled(format!("Habit: {habit}"), t.warn()));
        }
    }
    lines
}

fn overview(s: &Stats, pacing: &[crate::coach::pacing::KindPacing], area: Rect, buf: &mut Buffer) {
    let t = theme();
    let pacing = pacing_lines(pacing);
    let [summary, charts, levels] = Layout::vertical([
        Constraint::Length(rows(pacing.len()).saturating_add(2)),
        Constraint::Min(6),
        Constraint::Length(rows(s.levels.len()).saturating_add(3)),
    ])
    .areas(area);
    let trend = s.trend.map_or(format!("– (after {} attempts)", stats::TREND_WINDOW + 1), |v| format!("{v:+.2}"));
    let over = s.over_time_rate.map_or("–".to_string(), |r| format!("{:.0}%", r * 100.0));
    Paragraph::new(
        vec![
            Line::from(vec![
                Span::styled(plural(s.attempts, "attempt"), t.bold()),
                Span::raw(format!(
                    " · {} · {} practised",
                    plural(s.sessions, "session"),
                    plural(s.days_practised, "day")
                )),
            ]),
            Line::from(vec![
                Span::raw("Mean overall "),
                Span::styled(fmt(s.mean_overall), t.score(s.mean_overall.unwrap_or(0.0))),
                Span::raw(format!("   Trend {trend}   Over time {over}")),
            ]),
        ]
        .into_iter()
        .chain(pacing)
        .collect::<Vec<_>>(),
    )
    .render(summary, buf);

    let [chart_area, bars_area] =
        Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(charts);
    // Braille draws two points a cell: more days than that are averaged in groups.
    let points = daily_points(&s.daily, usize::from(chart_area.width.saturating_sub(2)) * 2);
    let n = points.last().map_or(2.0, |p| p.0.max(2.0));
    let day_label =
        |d: Option<&crate::stats::DayStats>| d.map_or(String::new(), |d| d.date.format("%m-%d").to_string());
    let chart = Chart::new(vec![
        Dataset::default().marker(Marker::Braille).graph_type(GraphType::Line).style(t.status()).data(&points),
    ])
    .block(Block::default().borders(Borders::ALL).border_style(t.border()).title(" Overall per day "))
    .x_axis(
        Axis::default()
            .bounds([1.0, n])
            .labels(vec![Span::raw(day_label(s.daily.first())), Span::raw(day_label(s.daily.last()))]),
    )
    .y_axis(Axis::default().bounds([1.0, 5.0]).labels(vec![Span::raw("1"), Span::raw("3"), Span::raw("5")]));
    chart.render(chart_area, buf);

    if let Some(m) = &s.star_means {
        let bars: Vec<Bar> = Star::ALL
            .iter()
            .map(|&p| {
                let v = m.get(p);
                Bar::default()
                    .label(Line::from(p.letter().to_string()))
                    .value(hundredths(v))
                    .text_value(format!("{v:.1}"))
                    .style(t.star(p))
            })
            .collect();
        BarChart::default()
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(t.border())
                    .title(format!(" STAR parts · weakest {} ", m.weakest().label())),
            )
            .data(BarGroup::default().bars(&bars))
            .max(500)
            .bar_width(3)
            .bar_gap(2)
            .render(bars_area, buf);
    }

    let rows: Vec<Row> = s
        .levels
        .iter()
        .map(|l| {
            Row::new(vec![
                Cell::from(fit_cell(&l.level, Some(6))),
                Cell::from(format!("{:>8}", l.attempts)),
                Cell::from(Span::styled(format!("{:>5.2}", l.mean_overall), t.score(l.mean_overall))),
                Cell::from(Span::styled(bar(l.mean_overall, 20), t.score(l.mean_overall))),
            ])
        })
        .collect();
    let table =
        Table::new(rows, [Constraint::Length(6), Constraint::Length(8), Constraint::Length(5), Constraint::Min(5)])
            .header(Row::new(vec!["Level", "Attempts", "Mean", ""]).style(t.bold()))
            .column_spacing(2)
            .block(Block::default().borders(Borders::ALL).border_style(t.border()).title(" By level "));
    Widget::render(table, levels, buf);
}

/// A 1-5 mean in hundredths, for a bar's height.
fn hundredths(v: f64) -> u64 {
    let v = (v * 100.0).round().clamp(0.0, 500.0);
    // Clamped to 0..=500 just above.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let v = v as u64;
    v
}

/// A bar of `width` cells for a 1-5 score.
fn bar(score: f64, width: usize) -> String {
    let filled = ((score / 5.0) * width as f64).round().clamp(0.0, width as f64);
    // Clamped to 0..=width just above.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let filled = filled as usize;
    "█".repeat(filled)
}

/// Draws the coverage matrix from row `scroll`; returns how many rows fit.
/// Your stories for one principle, as the coverage matrix shows them: how many, and the best one's mean
/// overall when told.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrincipleStories {
    pub principle: &'static str,
    pub stories: usize,
    pub best_mean: Option<f64>,
}

/// `2 ★`: two stories, the best told scoring at least `stories::STRONG_MEAN`; `–` for none.
fn stories_cell(p: Option<&PrincipleStories>) -> String {
    match p {
        None | Some(PrincipleStories { stories: 0, .. }) => format!("{:>7}", "–"),
        Some(p) => {
            let strong = p.best_mean.is_some_and(|m| m >= crate::stories::STRONG_MEAN);
            format!("{:>5} {}", p.stories, if strong { "★" } else { " " })
        }
    }
}

fn principles(s: &Stats, stories: &[PrincipleStories], scroll: usize, area: Rect, buf: &mut Buffer) -> usize {
    let t = theme();
    // Borders and header take three lines; the rest shows principles from `scroll` on.
    let fits = usize::from(area.height.saturating_sub(3)).max(1);
    let first = scroll.min(s.principles.len().saturating_sub(fits));
    let last = (first + fits).min(s.principles.len());
    // Narrow screens drop the bar and the "shown" count before the figures get cut. The probe mean
    // (of the follow-up probes answered) is shown once there is one.
    let probes = s.principles.iter().any(|p| p.probes > 0);
    // With stories of your own, how many show each principle, starred when the best told scores 4 or more.
    let with_stories = !stories.is_empty();
    let keep: Vec<usize> = (if area.width < 66 { &[0, 1, 2, 5, 7, 6][..] } else { &[0, 1, 2, 3, 4, 5, 7, 6][..] })
        .iter()
        .copied()
        .filter(|&i| (probes || i != 5) && (with_stories || i != 7))
        .collect();
    let keep = keep.as_slice();
    let widths = pick(
        &[
            Constraint::Min(16),
            Constraint::Length(4),
            Constraint::Length(4),
            Constraint::Length(6),
            Constraint::Length(5),
            Constraint::Length(5),
            Constraint::Length(10),
            Constraint::Length(7),
        ],
        keep,
    );
    let name_width = boxed_column_widths(area, &widths, 0).first().copied();
    let rows: Vec<Row> = s.principles[first..last]
        .iter()
        .map(|p| {
            let never = p.attempts == 0;
            let style = if never { t.warn() } else { ratatui::style::Style::new() };
            let mean = p.mean_overall.unwrap_or(0.0);
            Row::new(pick(
                &[
                    Cell::from(Span::styled(fit_cell(p.name, name_width), style)),
                    Cell::from(format!("{:>4}", p.attempts)),
                    Cell::from(Span::styled(format!("{:>4}", fmt(p.mean_overall)), t.score(mean))),
                    Cell::from(Span::styled(bar(mean, 6), t.score(mean))),
                    Cell::from(format!("{:>5}", p.shown)),
                    Cell::from(Span::styled(format!("{:>5}", fmt(p.probe_mean)), t.score(p.probe_mean.unwrap_or(0.0)))),
                    Cell::from(Span::styled(
                        p.last_practised.map_or("never".to_string(), |d| d.format("%Y-%m-%d").to_string()),
                        if never { t.warn() } else { t.dim() },
                    )),
                    Cell::from(stories_cell(stories.iter().find(|x| x.principle == p.name))),
                ],
                keep,
            ))
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(
            Row::new(pick(&["Principle", "Try", "Mean", "", "Shown", "Probe", "Last", "Stories"], keep))
                .style(t.bold()),
        )
        .column_spacing(1)
        .block(Block::default().borders(Borders::ALL).border_style(t.border()).title(
            if first == 0 && last == s.principles.len() {
                format!(" Coverage · {} of {} never practised ", s.never_practised.len(), s.principles.len())
            } else {
                format!(
                    " Coverage {}-{}/{} (↑/↓) · {} never ",
                    first + 1,
                    last,
                    s.principles.len(),
                    s.never_practised.len()
                )
            },
        ));
    Widget::render(table, area, buf);
    fits
}

/// Draws the weakest questions; returns the rows on screen.
fn weakest(s: &Stats, new: &[NewQuestion], selected: usize, area: Rect, buf: &mut Buffer) -> usize {
    let t = theme();
    let nw = super::selectable::number_width(
        s.weakest.iter().map(|w| w.question_number).chain(new.iter().map(|n| n.number)),
    );
    let nwu = usize::from(nw);
    let widths = [
        Constraint::Length(nw),
        Constraint::Min(12),
        Constraint::Length(6),
        Constraint::Length(5),
        Constraint::Length(10),
    ];
    let title_width = column_widths(area, &widths).get(1).copied();
    let rows: Vec<Row> = s
        .weakest
        .iter()
        .map(|w| {
            Row::new(vec![
                Cell::from(format!("{:>nwu$}", w.question_number)),
                Cell::from(fit_cell(&w.question_title, title_width)),
                Cell::from(Span::styled(format!("{:>6.2}", w.recent_mean), t.score(w.recent_mean))),
                Cell::from(format!("{:>5}", w.attempts)),
                Cell::from(w.last_practised.format("%Y-%m-%d").to_string()),
            ])
        })
        .chain(new.iter().map(|n| {
            Row::new(vec![
                Cell::from(format!("{:>nwu$}", n.number)),
                Cell::from(fit_cell(&n.title, title_width)),
                Cell::from(Span::styled(format!("{:>6}", "new"), t.key())),
                Cell::from(format!("{:>5}", 0)),
                Cell::from(Span::styled("never", t.dim())),
            ])
        }))
        .collect();
    let table =
        Table::new(rows, widths).header(Row::new(vec!["#", "Question", "Recent", "Tries", "Last"]).style(t.bold()));
    let title = if new.is_empty() {
        format!(" Weakest · mean of the last {} attempts · Enter drills them ", stats::WEAK_WINDOW)
    } else {
        format!(" Weakest · mean of the last {} attempts, then new · Enter drills them ", stats::WEAK_WINDOW)
    };
    render_selectable(table, selected, &title, area, buf)
}

/// How many weeks the practice calendar shows.
pub const CALENDAR_WEEKS: usize = 12;

/// The symbol of a day with `n` attempts: the legend under the calendar says what each means, so it
/// reads without colour.
fn day_mark(n: Option<usize>) -> &'static str {
    match n {
        None => " ",
        Some(0) => "·",
        Some(1) => "░",
        Some(2..=3) => "▒",
        Some(4..=5) => "▓",
        Some(_) => "█",
    }
}

/// The last twelve weeks as a grid of days (a row per weekday, a column per week) and the streak.
fn calendar(s: &Stats, as_of: chrono::NaiveDate, area: Rect, buf: &mut Buffer) {
    let t = theme();
    // As many weeks as fit (three cells each after the day names), the latest always.
    let fit = usize::from(area.width.saturating_sub(2 + 5)) / 3;
    let c = stats::calendar(&s.daily, as_of, CALENDAR_WEEKS.min(fit).max(1));
    let streak = if c.streak == 0 { "no current streak".to_string() } else { format!("a {}-day streak", c.streak) };
    let mut lines = Vec::new();
    // Month names over the week where each month starts.
    let mut months = String::from("     ");
    let mut last_month = 0;
    for w in 0..c.weeks.len() {
        let monday = c.first_monday + chrono::Days::new(7 * w as u64);
        let month = chrono::Datelike::month(&monday);
        let label = if month == last_month { "   ".to_string() } else { format!("{:<3}", monday.format("%b")) };
        last_month = month;
        months.push_str(&label);
    }
    lines.push(Line::styled(months, t.dim()));
    for (d, name) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].iter().enumerate() {
        let mut spans = vec![Span::styled(format!("{name}  "), t.dim())];
        for week in &c.weeks {
            let n = week[d];
            let style = if n.is_some_and(|n| n > 0) { t.key() } else { t.dim() };
            spans.push(Span::styled(format!("{}  ", day_mark(n)), style));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    lines.push(Line::styled("     · none   ░ 1   ▒ 2-3   ▓ 4-5   █ 6 or more answers a day", t.dim()));
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled(plural(c.days_practised, "day"), t.bold()),
        Span::raw(format!(" practised in the last {} · {streak}", plural(c.weeks.len(), "week"))),
    ]));
    Paragraph::new(lines)
        .block(Block::default().borders(Borders::ALL).border_style(t.border()).title(format!(
            " Practice calendar · the last {} to {} ",
            plural(c.weeks.len(), "week"),
            as_of.format("%a %-d %b")
        )))
        .render(area, buf);
}

/// The chart's points: (day number from the first day practised, mean overall), at most `max` of
/// them; when there are more days, neighbouring days are merged, weighted by their attempts.
fn daily_points(days: &[crate::stats::DayStats], max: usize) -> Vec<(f64, f64)> {
    let Some(first) = days.first() else { return Vec::new() };
    let x = |d: &crate::stats::DayStats| (d.date - first.date).num_days() as f64 + 1.0;
    let per = days.len().div_ceil(max.max(1));
    days.chunks(per)
        .map(|group| {
            let n: usize = group.iter().map(|d| d.attempts).sum();
            let sum: f64 = group.iter().map(|d| d.mean_overall * d.attempts as f64).sum();
            let mid = group.iter().map(x).sum::<f64>() / group.len() as f64;
            (mid, sum / n.max(1) as f64)
        })
        .collect()
}
