//! A table with one selected row, drawn the same way on every screen that lists things, and the one
//! way a selection moves through a list; and the one way a text view scrolls.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, HighlightSpacing, Paragraph, StatefulWidget, Table, TableState, Widget};

use super::keys::Action;
use super::theme::theme;
use unicode_segmentation::UnicodeSegmentation;

use crate::text::{one_cell, split_at_width, truncate, visible_line};

/// Draw `table` in a titled box with row `selected` highlighted and marked `▶`. Returns how many rows
/// the box shows (its height less borders and the header line): the page that PgUp/PgDn move by.
pub fn render_selectable(table: Table, selected: usize, title: &str, area: Rect, buf: &mut Buffer) -> usize {
    let t = theme();
    let table = table
        .row_highlight_style(t.selected())
        .highlight_symbol("▶")
        .highlight_spacing(HighlightSpacing::Always)
        .column_spacing(1)
        .block(Block::default().borders(Borders::ALL).border_style(t.border()).title(title.to_string()));
    let mut state = TableState::default().with_selected(Some(selected));
    StatefulWidget::render(table, area, buf, &mut state);
    usize::from(area.height.saturating_sub(3)).max(1)
}

/// The mark of the selected row, in a column of its own.
const SELECTED_MARK: &str = "▶";

/// A table of one-line cells for `render_select_table`: the header (drawn in `header_style`), the
/// rows, and the columns' widths as `Table` takes them.
pub struct SelectTable<'a> {
    pub header: Vec<Span<'a>>,
    pub header_style: Style,
    pub rows: Vec<Vec<Span<'a>>>,
    pub widths: Vec<Constraint>,
}

/// What `render_selectable` draws for the same table (`Table::new(rows, widths).header(header)`, each
/// row one line high), cell for cell, without ratatui's layout solver when the columns fit: the
/// solver runs cold on the first frame, and this list is on it. Returns the page, as
/// `render_selectable` does.
pub fn render_select_table(table: SelectTable, selected: usize, title: &str, area: Rect, buf: &mut Buffer) -> usize {
    let t = theme();
    let page = usize::from(area.height.saturating_sub(3)).max(1);
    let inner = super::boxed::draw(area, buf, title, t.border());
    if inner.is_empty() {
        return page;
    }
    let selection = u16::try_from(crate::text::width(SELECTED_MARK)).unwrap_or(1).min(inner.width);
    let columns = start_columns(Rect::new(selection, 0, inner.width - selection, 1), &table.widths);
    let [header_area, rows_area] = stack_top(inner, [1]);
    let cell_area = |c: &Rect, row: Rect| Rect::new(row.x + c.x, row.y, c.width, row.height);
    buf.set_style(header_area, table.header_style);
    for (c, cell) in columns.iter().zip(&table.header) {
        render_cell(cell, cell_area(c, header_area), buf);
    }
    let Some(last) = table.rows.len().checked_sub(1) else { return page };
    let selected = selected.min(last);
    // The rows `Table` shows with the selection in view (from the top, as a fresh `TableState`).
    let height = usize::from(rows_area.height);
    let end = table.rows.len().min(height).max(selected + 1);
    let start = if height == 0 { end } else { end - height.min(end) };
    let mut selected_area = None;
    for (i, cells) in table.rows.iter().enumerate().take(end).skip(start) {
        let y = rows_area.y.saturating_add(u16::try_from(i - start).unwrap_or(u16::MAX));
        let row = Rect { y, height: y.saturating_add(1).min(rows_area.bottom()).saturating_sub(y), ..rows_area };
        if i == selected {
            Span::raw(SELECTED_MARK).render(Rect { width: selection, ..row }, buf);
            selected_area = Some(row);
        }
        for (c, cell) in columns.iter().zip(cells) {
            render_cell(cell, cell_area(c, row), buf);
        }
    }
    if let Some(row) = selected_area {
        buf.set_style(row, t.selected());
    }
    page
}

/// A table cell, as `Table` draws it (`Text::render` of the span). A cell of `one_cell` characters
/// (most cells: numbers, titles, levels) is written a character a cell, without measuring clusters:
/// the same cells, each its character in the span's style, cut at the cell's right edge.
fn render_cell(cell: &Span, area: Rect, buf: &mut Buffer) {
    if !cell.content.chars().all(one_cell) {
        Text::from(cell.clone()).render(area, buf);
        return;
    }
    let area = area.intersection(buf.area);
    if !area.is_empty() {
        put_one_cell_text(buf, area.x, area.y, &cell.content, cell.style, area.width);
    }
}

/// Text of `one_cell` characters at `x, y`, a character a cell in `style`, at most `room` of them;
/// returns the column after the last.
pub fn put_one_cell_text(buf: &mut Buffer, x: u16, y: u16, text: &str, style: Style, room: u16) -> u16 {
    // Never past the row's end; the row's cells are written in place, found once, not a lookup a character.
    let room = usize::from(room.min(buf.area.right().saturating_sub(x)));
    if room == 0 || text.is_empty() {
        return x;
    }
    let start = buf.index_of(x, y);
    let mut at = x;
    for (cell, (i, c)) in buf.content[start..].iter_mut().take(room).zip(text.char_indices()) {
        cell.set_symbol(&text[i..i + c.len_utf8()]).set_style(style);
        at += 1;
    }
    at
}

/// `buf.set_line(x, y, line, max_width)`, with a span of `one_cell` characters (most spans: plain
/// words, numbers, `·` and `…`) written a character a cell, without measuring clusters, as
/// `render_cell` writes a table cell; any other span is set as `Buffer::set_line` sets it.
pub fn set_line(buf: &mut Buffer, mut x: u16, y: u16, line: &Line, max_width: u16) -> (u16, u16) {
    let mut remaining = max_width;
    for span in line {
        if remaining == 0 {
            break;
        }
        let style = line.style.patch(span.style);
        let end = if span.content.chars().all(one_cell) {
            put_one_cell_text(buf, x, y, &span.content, style, buf.area.right().saturating_sub(x).min(remaining))
        } else {
            buf.set_stringn(x, y, &span.content, usize::from(remaining), style).0
        };
        remaining = remaining.saturating_sub(end.saturating_sub(x));
        x = end;
    }
    (x, y)
}

/// `line.render(area, buf)`, cell for cell: a left-aligned line of `one_cell` characters in no style of
/// its own is written a character a cell (the header and the filter line), cut at the area's edge as
/// `Line` cuts it; any other line is drawn by `Line`.
pub fn render_line(line: &Line, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    let plain = line.style == Style::default()
        && line.alignment.is_none_or(|a| a == Alignment::Left)
        && line.spans.iter().all(|s| s.content.chars().all(one_cell));
    if plain && !area.is_empty() {
        set_line(buf, area.x, area.y, line, area.width);
    } else {
        line.render(area, buf);
    }
}

/// `Paragraph::new(lines).render(area, buf)`, cell for cell, for left-aligned lines (the footer and the
/// status): each line in its row from the top, a span of `one_cell` characters written a character a
/// cell; a line stops at the first grapheme that does not fit, and one wider than the whole area is
/// left out, as `Paragraph` cuts lines.
pub fn put_lines(lines: &[Line], area: Rect, buf: &mut Buffer) {
    if lines.iter().any(|l| l.alignment.is_some_and(|a| a != Alignment::Left)) {
        Paragraph::new(lines.to_vec()).render(area, buf);
        return;
    }
    let area = area.intersection(buf.area);
    let max = area.width;
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        let mut used: u16 = 0;
        'line: for span in line {
            let style = line.style.patch(span.style);
            if span.content.chars().all(one_cell) {
                let x = area.x + used;
                let written = put_one_cell_text(buf, x, y, &span.content, style, max - used) - x;
                used += written;
                if span.content.chars().nth(usize::from(written)).is_some() {
                    break 'line;
                }
                continue;
            }
            for g in span.content.graphemes(true).filter(|g| !g.contains(char::is_control)) {
                let width = g.cell_width();
                if width > max {
                    continue;
                }
                if used + width > max {
                    break 'line;
                }
                if width > 0 {
                    buf[(area.x + used, y)].set_symbol(g).set_style(style);
                    used += width;
                }
            }
        }
    }
}

/// `area` cut into columns as `Layout::horizontal(widths).flex(Flex::Start).spacing(1)` cuts it (how
/// `Table` places the columns of these tables): by arithmetic when every column is a `Length` but at
/// most one `Min`, which takes the room left over, and all fit; by the solver otherwise.
pub fn start_columns(area: Rect, widths: &[Constraint]) -> Vec<Rect> {
    let mut need = u32::try_from(widths.len().saturating_sub(1)).unwrap_or(u32::MAX);
    let mut grows = None;
    let mut simple = !widths.is_empty();
    for (i, c) in widths.iter().enumerate() {
        match *c {
            Constraint::Length(n) => need = need.saturating_add(u32::from(n)),
            Constraint::Min(n) if grows.is_none() => {
                grows = Some(i);
                need = need.saturating_add(u32::from(n));
            }
            _ => simple = false,
        }
    }
    let room = u32::from(area.width);
    if !simple || need > room {
        return Layout::horizontal(widths.to_vec()).flex(Flex::Start).spacing(1).split(area).to_vec();
    }
    let extra = u16::try_from(room - need).unwrap_or(0);
    let mut x = area.x;
    widths
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let w = match *c {
                Constraint::Length(n) => n,
                Constraint::Min(n) if grows == Some(i) => n + extra,
                _ => 0,
            };
            let r = Rect { x, width: w, ..area };
            x = x.saturating_add(w).saturating_add(1);
            r
        })
        .collect()
}

/// `area` cut into rows of the given heights from the top, and the rest below: what
/// `Layout::vertical([Length(a), Length(b), …, Min(0)])` gives when the rows fit, by arithmetic instead
/// of a solver (the first frame solves every layout afresh, and these are on it). Rows that do not fit
/// are cut from the bottom.
pub fn stack_top<const N: usize, const M: usize>(area: Rect, heights: [u16; N]) -> [Rect; M] {
    debug_assert_eq!(M, N + 1);
    let mut y = area.y;
    let bottom = area.bottom();
    std::array::from_fn(|i| {
        let h = if i < N { heights[i].min(bottom - y) } else { bottom - y };
        let r = Rect { y, height: h, ..area };
        y += h;
        r
    })
}

/// `area` cut as `Layout::vertical([Length(top[0]), …, Length(top[N-1]), Min(0), Length(bottom)])`
/// cuts it: rows from the top, one row at the bottom, the room between them. By arithmetic when they
/// fit; by the solver when they do not (it decides which rows give way).
pub fn stack_around<const N: usize, const M: usize>(area: Rect, top: [u16; N], bottom: u16) -> [Rect; M] {
    debug_assert_eq!(M, N + 2);
    let need = top.iter().fold(u32::from(bottom), |a, &h| a + u32::from(h));
    if need > u32::from(area.height) {
        let constraints =
            top.iter().map(|&h| Constraint::Length(h)).chain([Constraint::Min(0), Constraint::Length(bottom)]);
        return Layout::vertical(constraints).areas(area);
    }
    let mut out = [area; M];
    let mut y = area.y;
    for (row, &h) in out.iter_mut().zip(&top) {
        *row = Rect { y, height: h, ..area };
        y += h;
    }
    let last = area.bottom() - bottom;
    out[N] = Rect { y, height: last - y, ..area };
    out[N + 1] = Rect { y: last, height: bottom, ..area };
    out
}

/// Up to this width `side_by_side` cuts by arithmetic (a test checks every width up to it against the
/// solver); wider, by the solver.
const SIDE_BY_SIDE_CHECKED: u16 = 2000;

/// `area` cut into two columns, the left `left` per cent of it: what
/// `Layout::horizontal([Percentage(left), Percentage(100 - left)])` gives, without the solver.
pub fn side_by_side(area: Rect, left: u16) -> [Rect; 2] {
    if area.width > SIDE_BY_SIDE_CHECKED || left > 100 {
        return Layout::horizontal([Constraint::Percentage(left), Constraint::Percentage(100 - left)]).areas(area);
    }
    // The solver's own sum, rounded its way (half away from zero); at most 2000, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let w = ((f64::from(area.width) * f64::from(left) / 100.0).round() as u16).min(area.width);
    [Rect { width: w, ..area }, Rect { x: area.x + w, width: area.width - w, ..area }]
}

/// `area` with rows of the given heights cut from the bottom, the rest above: what
/// `Layout::vertical([Min(0), Length(a), Length(b), …])` gives.
pub fn stack_bottom<const N: usize, const M: usize>(area: Rect, heights: [u16; N]) -> [Rect; M] {
    debug_assert_eq!(M, N + 1);
    let below: u16 = heights.iter().fold(0u16, |a, &h| a.saturating_add(h)).min(area.height);
    let [top, mut rest] = stack_top(area, [area.height - below]);
    let mut out = [top; M];
    for (i, &h) in heights.iter().enumerate() {
        let [row, after] = stack_top(rest, [h]);
        out[i + 1] = row;
        rest = after;
    }
    out
}

/// Which rows of a list of `len` a table drawn by `render_selectable` in `area` shows with `selected`
/// in view: (first, count). The same rows ratatui would show given them all, so a long list builds
/// only these.
pub fn visible_window(len: usize, selected: usize, area: Rect) -> (usize, usize) {
    let page = usize::from(area.height.saturating_sub(3)).max(1);
    let first = selected.min(len.saturating_sub(1)).saturating_sub(page - 1);
    (first, page.min(len - first))
}

/// The items at `keep`, in that order: the columns a narrow table can afford.
pub fn pick<T: Clone>(items: &[T], keep: &[usize]) -> Vec<T> {
    keep.iter().filter_map(|&i| items.get(i).cloned()).collect()
}

/// The widths ratatui's `Table` gives the columns of a table drawn by `render_selectable` in `area`
/// (inside the borders, after the `▶` column, one cell between columns), so a cell can be cut to its
/// column with a mark instead of silently.
pub fn column_widths(area: Rect, widths: &[Constraint]) -> Vec<u16> {
    boxed_column_widths(area, widths, 1)
}

/// The same for a boxed table whose selection column is `selection` cells wide (0: none).
pub fn boxed_column_widths(area: Rect, widths: &[Constraint], selection: u16) -> Vec<u16> {
    // The very rectangle ratatui's `Table` splits (inside the borders, right of the selection column,
    // at the origin).
    let max = area.width.saturating_sub(2);
    let x = selection.min(max);
    let columns = Rect::new(x, 0, max - x, 1);
    start_columns(columns, widths).iter().map(|r| r.width).collect()
}

/// The width of a question-number column: the digits of the largest number shown, at least two
/// (question numbers go past 100 with more banks loaded).
pub fn number_width(numbers: impl IntoIterator<Item = u32>) -> u16 {
    let max = numbers.into_iter().max().unwrap_or(0);
    let digits = u16::try_from(max.checked_ilog10().map_or(1, |d| d + 1)).unwrap_or(10);
    digits.max(2)
}

/// Data text for one table cell: control characters shown (`^[`), newlines too, and cut to the
/// column's width with `…` when it does not fit.
pub fn fit_cell(text: &str, width: Option<u16>) -> String {
    let Some(w) = width.map(usize::from) else { return visible_line(text).into_owned() };
    // Only the start can show: read w + 1 clusters, not a whole long note.
    let end = match text.as_bytes().get(..=w + 1) {
        // Printable ASCII: a cluster a byte.
        Some(start) if start.iter().all(|b| (b' '..=b'~').contains(b)) => w + 1,
        _ => text.grapheme_indices(true).nth(w + 1).map_or(text.len(), |(i, _)| i),
    };
    let shown = visible_line(&text[..end]);
    if end == text.len() {
        return truncate(&shown, w).into_owned();
    }
    let at = split_at_width(&shown, w.saturating_sub(1), false);
    format!("{}…", shown[..at].trim_end())
}

/// Where a selection in a list of `len` rows goes for a key: one row, one page of `page` rows (the
/// rows on screen, so PgDn shows the next page and skips none), or either end. None: not a move.
pub fn navigate(selected: usize, len: usize, page: usize, action: Action) -> Option<usize> {
    let last = len.saturating_sub(1);
    let page = page.max(1);
    let to = match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => selected.saturating_add(1),
        Action::PageUp => selected.saturating_sub(page),
        Action::PageDown => selected.saturating_add(page),
        Action::Home => 0,
        Action::End => last,
        _ => return None,
    };
    Some(to.min(last))
}

/// A move in a text view: a line, a page, or to either end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    LineUp,
    LineDown,
    PageUp,
    PageDown,
    Top,
    Bottom,
}

impl Scroll {
    /// The scroll a list key means on a text view (↑/↓, PgUp/PgDn, Home/End); None: not a scroll.
    pub fn from_action(action: Action) -> Option<Scroll> {
        Some(match action {
            Action::Up => Scroll::LineUp,
            Action::Down => Scroll::LineDown,
            Action::PageUp => Scroll::PageUp,
            Action::PageDown => Scroll::PageDown,
            Action::Home => Scroll::Top,
            Action::End => Scroll::Bottom,
            _ => return None,
        })
    }
}

/// Where a scrolled text view is, as last drawn: its first line on screen and how many lines it
/// shows. Keys scroll from what is seen (keys pressed before the next draw add up), a page at a
/// time keeps one line of the last page in view, and the drawing clamps what the keys asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScrollView {
    pub offset: usize,
    pub height: usize,
}

impl ScrollView {
    /// A page: the view's height less the one line kept for context (at least one line).
    pub fn page(self) -> usize {
        self.height.saturating_sub(1).max(1)
    }

    /// The view moved by `scroll` (Bottom asks for as far as the text goes; drawing clamps it).
    pub fn scrolled(self, scroll: Scroll) -> ScrollView {
        let offset = match scroll {
            Scroll::LineUp => self.offset.saturating_sub(1),
            Scroll::LineDown => self.offset.saturating_add(1),
            Scroll::PageUp => self.offset.saturating_sub(self.page()),
            Scroll::PageDown => self.offset.saturating_add(self.page()),
            Scroll::Top => 0,
            Scroll::Bottom => usize::MAX,
        };
        ScrollView { offset, ..self }
    }

    /// The view as drawn: `asked` clamped so that `lines` wrapped lines end at its bottom at the
    /// latest, unless `more` lines follow that were not wrapped (then it stays where asked).
    pub fn place(asked: usize, lines: usize, more: bool, height: usize) -> ScrollView {
        let offset = if more { asked } else { asked.min(lines.saturating_sub(height)) };
        ScrollView { offset, height }
    }

    /// Whether lines are hidden above the view.
    pub fn above(self) -> bool {
        self.offset > 0
    }

    /// Whether lines are hidden below the view, of `lines` wrapped (`more`: others follow them).
    pub fn below(self, lines: usize, more: bool) -> bool {
        more || lines > self.offset.saturating_add(self.height)
    }

    /// Whether `marks` adds anything: lines above the view, or below it.
    pub fn has_marks(self, lines: usize, more: bool) -> bool {
        self.above() || self.below(lines, more)
    }

    /// `block` with the view's marks: `up` at the top right while lines are hidden above, `down`
    /// at the bottom right while lines are hidden below (of `lines` wrapped; `more`: others follow).
    pub fn marks<'a>(self, block: Block<'a>, lines: usize, more: bool, up: &'a str, down: &'a str) -> Block<'a> {
        let t = theme();
        let mut block = block;
        if self.above() {
            block = block.title(Line::styled(up, t.key()).right_aligned());
        }
        if self.below(lines, more) {
            block = block.title_bottom(Line::styled(down, t.key()).right_aligned());
        }
        block
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacks_cut_rows_as_the_layout_solver_does() {
        use ratatui::layout::{Constraint::*, Layout};
        for height in 0..30u16 {
            let area = Rect::new(3, 5, 17, height);
            for a in 0..8u16 {
                for b in 0..8u16 {
                    // The callers' rows always fit (the app needs 12 rows); that is where they must agree.
                    if a + b <= height {
                        let want: [Rect; 3] = Layout::vertical([Length(a), Length(b), Min(0)]).areas(area);
                        assert_eq!(stack_top(area, [a, b]), want, "top {a} {b} in {height}");
                        let want: [Rect; 3] = Layout::vertical([Min(0), Length(a), Length(b)]).areas(area);
                        assert_eq!(stack_bottom(area, [a, b]), want, "bottom {a} {b} in {height}");
                    }
                }
            }
        }
    }

    #[test]
    fn rows_around_a_gap_are_cut_as_the_layout_solver_cuts_them() {
        use ratatui::layout::Constraint::{Length, Min};
        for height in 0..40u16 {
            let area = Rect::new(3, 5, 17, height);
            for (a, b, c) in [(1, 1, 3), (1, 1, 9), (0, 4, 5), (2, 0, 0), (1, 1, 20), (5, 5, 5)] {
                for bottom in [0, 1, 3, 4] {
                    let want: [Rect; 5] =
                        Layout::vertical([Length(a), Length(b), Length(c), Min(0), Length(bottom)]).areas(area);
                    assert_eq!(stack_around(area, [a, b, c], bottom), want, "{a} {b} {c} / {bottom} in {height}");
                }
            }
            // The clock's gauge over its line of parts.
            if height >= 2 {
                let want: [Rect; 2] = Layout::vertical([Min(1), Length(1)]).areas(area);
                assert_eq!(stack_bottom(area, [1]), want);
            }
        }
    }

    #[test]
    fn side_by_side_cuts_as_the_layout_solver_does() {
        use ratatui::layout::Constraint::Percentage;
        for left in [58, 50, 33] {
            for width in 0..=SIDE_BY_SIDE_CHECKED + 1 {
                let area = Rect::new(2, 3, width, 7);
                let want: [Rect; 2] = Layout::horizontal([Percentage(left), Percentage(100 - left)]).areas(area);
                assert_eq!(side_by_side(area, left), want, "{left}% of {width}");
            }
        }
    }

    #[test]
    fn columns_are_cut_as_the_layout_solver_cuts_them() {
        use ratatui::layout::Constraint::*;
        let sets: [&[Constraint]; 5] = [
            &[Length(2), Min(12), Length(5), Length(16), Length(3), Length(5), Length(4), Length(6)],
            &[Length(3), Min(12), Length(5), Length(5), Length(4)],
            &[Min(5), Length(0), Length(7)],
            &[Length(4), Length(6)],
            &[Min(0)],
        ];
        for widths in sets {
            for width in 0..140u16 {
                let area = Rect::new(1, 0, width, 1);
                let want = Layout::horizontal(widths.to_vec()).flex(Flex::Start).spacing(1).split(area).to_vec();
                assert_eq!(start_columns(area, widths), want, "{widths:?} in {width}");
            }
        }
    }

    /// The browser's kind of table, drawn by ratatui's `Table` and by `render_select_table`.
    fn both_tables(rows: usize, selected: usize, area: Rect) -> (Buffer, Buffer) {
        use ratatui::widgets::{Cell, Row};
        let t = theme();
        let widths = vec![Constraint::Length(2), Constraint::Min(12), Constraint::Length(5), Constraint::Length(4)];
        let header = ["#", "Question", "Level", "Last"];
        let cells = |i: usize| -> Vec<Span<'static>> {
            // Odd rows drawn a character a cell (ASCII and the lists' punctuation), even rows with
            // wide characters and a combining mark.
            let title =
                if i % 2 == 1 { "plain ASCII – cut…".to_string() } else { "wide: 漢字 e\u{301}".to_string() };
            vec![
                Span::raw(format!("{i:>2}")),
                Span::raw(format!("A question of some length, number {i}, {title}")),
                Span::raw(""),
                Span::styled("4.50", t.score(4.5)),
            ]
        };
        let mut old = Buffer::empty(Rect::new(0, 0, 60, 20));
        let mut new = old.clone();
        let table = Table::new((0..rows).map(|i| Row::new(cells(i).into_iter().map(Cell::from))), widths.clone())
            .header(Row::new(header).style(t.bold()));
        let a = render_selectable(table, selected, " Questions ", area, &mut old);
        let table = SelectTable {
            header: header.iter().map(|h| Span::raw(*h)).collect(),
            header_style: t.bold(),
            rows: (0..rows).map(cells).collect(),
            widths,
        };
        let b = render_select_table(table, selected, " Questions ", area, &mut new);
        assert_eq!(a, b);
        (old, new)
    }

    #[test]
    fn the_select_table_draws_what_ratatuis_table_draws() {
        for (w, h) in [(60, 20), (40, 10), (30, 5), (21, 4), (12, 3), (3, 3), (2, 2), (1, 1), (60, 0), (0, 5)] {
            for rows in [0, 1, 5, 17, 40] {
                for selected in [0, 1, 4, 16, 39, 100] {
                    let (old, new) = both_tables(rows, selected, Rect::new(0, 0, w, h));
                    assert_eq!(new, old, "{w}x{h}, {rows} rows, row {selected} selected");
                }
            }
        }
        // Away from the origin too.
        let (old, new) = both_tables(9, 3, Rect::new(7, 4, 45, 9));
        assert_eq!(new, old);
    }

    #[test]
    fn one_cell_characters_are_one_cell_and_one_cluster() {
        for c in (' '..='~').chain(['…', '–', '—', '·', '‘', '’', '“', '”']) {
            assert!(one_cell(c));
            assert_eq!(crate::text::width(&c.to_string()), 1, "{c:?}");
            // Nothing joins it to a letter before or after it.
            assert_eq!(format!("a{c}b").graphemes(true).count(), 3, "{c:?}");
        }
        assert!(!one_cell('\u{301}') && !one_cell('漢') && !one_cell('\t'));
    }

    #[test]
    fn ascii_cells_are_cut_as_any_text_is() {
        // fit_cell as it reads any text: cluster by cluster.
        let by_clusters = |text: &str, w: usize| {
            let end = text.grapheme_indices(true).nth(w + 1).map_or(text.len(), |(i, _)| i);
            let shown = visible_line(&text[..end]);
            if end == text.len() {
                return truncate(&shown, w).into_owned();
            }
            let at = split_at_width(&shown, w.saturating_sub(1), false);
            format!("{}…", shown[..at].trim_end())
        };
        for text in ["Cross-Functional Stakeholder Alignment", "ab  cd", "x", "", "ab\u{301}cdef", "L6-L7"] {
            for w in 0..text.len() + 3 {
                assert_eq!(fit_cell(text, u16::try_from(w).ok()), by_clusters(text, w), "{text:?} in {w}");
            }
        }
    }

    #[test]
    fn cells_are_cut_with_a_mark_and_show_controls() {
        assert_eq!(fit_cell("short", Some(10)), "short");
        assert_eq!(fit_cell("a longer title", Some(8)), "a longe…");
        assert_eq!(fit_cell("a\x1b[2Jb", Some(10)), "a^[[2Jb");
        assert_eq!(fit_cell("line\nnext", None), "line^Jnext");
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        assert_eq!(fit_cell(&format!("{family}{family}{family}"), Some(5)), format!("{family}{family}…"));
        // A megabyte note is cut from its start alone.
        let long = "x".repeat(1 << 20);
        assert_eq!(fit_cell(&long, Some(4)), "xxx…");
    }

    #[test]
    fn moves_by_one_by_a_page_and_to_the_ends() {
        assert_eq!(navigate(0, 10, 6, Action::Down), Some(1));
        assert_eq!(navigate(9, 10, 6, Action::Down), Some(9));
        assert_eq!(navigate(0, 10, 6, Action::Up), Some(0));
        // A page is what is on screen: from the top of six rows, PgDn lands on the seventh.
        assert_eq!(navigate(0, 10, 6, Action::PageDown), Some(6));
        assert_eq!(navigate(6, 10, 6, Action::PageDown), Some(9));
        assert_eq!(navigate(8, 10, 6, Action::PageUp), Some(2));
        assert_eq!(navigate(3, 10, 0, Action::PageDown), Some(4));
        assert_eq!(navigate(4, 10, 6, Action::Home), Some(0));
        assert_eq!(navigate(4, 10, 6, Action::End), Some(9));
        assert_eq!(navigate(0, 0, 6, Action::End), Some(0));
        assert_eq!(navigate(0, 10, 6, Action::Select), None);
    }

    #[test]
    fn a_text_view_scrolls_by_lines_pages_and_to_the_ends() {
        let view = ScrollView { offset: 10, height: 8 };
        // A page keeps the last line of the page before in view.
        assert_eq!(view.page(), 7);
        assert_eq!(view.scrolled(Scroll::PageDown).offset, 17);
        assert_eq!(view.scrolled(Scroll::PageUp).offset, 3);
        assert_eq!(view.scrolled(Scroll::LineDown).offset, 11);
        assert_eq!(view.scrolled(Scroll::LineUp).offset, 9);
        assert_eq!(view.scrolled(Scroll::Top).offset, 0);
        assert_eq!(ScrollView { offset: 2, height: 8 }.scrolled(Scroll::PageUp).offset, 0);
        assert_eq!(ScrollView { offset: 0, height: 1 }.scrolled(Scroll::PageDown).offset, 1);
        assert_eq!(ScrollView { offset: usize::MAX, height: 1 }.scrolled(Scroll::LineDown).offset, usize::MAX);
        // Drawing clamps: End or a shorter text shows the last page; unwrapped lines keep it.
        let end = view.scrolled(Scroll::Bottom);
        assert_eq!(ScrollView::place(end.offset, 30, false, 8), ScrollView { offset: 22, height: 8 });
        assert_eq!(ScrollView::place(5, 4, false, 8).offset, 0);
        assert_eq!(ScrollView::place(40, 30, true, 8).offset, 40);
        let last = ScrollView::place(end.offset, 30, false, 8);
        assert!(last.above() && !last.below(30, false) && last.below(30, true));
        assert!(!ScrollView::place(0, 30, false, 8).above());
        assert_eq!(Scroll::from_action(Action::PageDown), Some(Scroll::PageDown));
        assert_eq!(Scroll::from_action(Action::Select), None);
    }
}

#[cfg(test)]
mod same_as_ratatui_tests {
    //! `set_line`, `put_lines` and `render_line` against the ratatui code they stand in for, on random
    //! lines of words, marks, accents, wide and zero-width characters and control characters.
    use proptest::prelude::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::{Line, Span};
    use ratatui::widgets::{Paragraph, Widget};

    const TEXTS: [&str; 13] =
        ["word", "two words  ", "·", "…", "é", "e\u{301}", "語", "↑↓", "\u{200b}", "a\tb", "\u{7}", " ", ""];

    fn line() -> impl Strategy<Value = Line<'static>> {
        let styles = [Style::new(), Style::new().fg(Color::Red), Style::new().add_modifier(Modifier::ITALIC)];
        prop::collection::vec((prop::sample::select(TEXTS.to_vec()), 0usize..3), 0..6).prop_map(move |spans| {
            Line::from(spans.into_iter().map(|(t, s)| Span::styled(t, styles[s])).collect::<Vec<_>>())
        })
    }

    /// The line as it is, left-, centre- or right-aligned, with or without a style of its own.
    fn shaped(line: Line<'static>, alignment: usize, styled: bool) -> Line<'static> {
        let line = match alignment {
            1 => line.left_aligned(),
            2 => line.centered(),
            3 => line.right_aligned(),
            _ => line,
        };
        if styled { line.style(Style::new().bg(Color::Blue).add_modifier(Modifier::BOLD)) } else { line }
    }

    fn buffers() -> (Buffer, Buffer) {
        let whole = Rect::new(0, 0, 14, 6);
        (Buffer::empty(whole), Buffer::empty(whole))
    }

    proptest! {
        /// The same cells as `Buffer::set_line`, whatever the text, place and width.
        #[test]
        fn set_line_sets_what_ratatui_sets(
            line in line(), styled in any::<bool>(), x in 0u16..14, y in 0u16..3, max_width in 0u16..16,
        ) {
            let line = shaped(line, 0, styled);
            let (mut ours, mut theirs) = buffers();
            prop_assert_eq!(super::set_line(&mut ours, x, y, &line, max_width), theirs.set_line(x, y, &line, max_width));
            prop_assert_eq!(ours, theirs);
        }

        /// The same cells as a `Paragraph` of the lines, whatever the text and the area.
        #[test]
        fn put_lines_draws_what_a_paragraph_draws(
            lines in prop::collection::vec(line(), 0..5), alignment in 0usize..4, styled in any::<bool>(),
            x in 0u16..6, y in 0u16..3, width in 0u16..14, height in 0u16..5,
        ) {
            // The first line aligned as drawn, the last one styled as drawn.
            let mut lines = lines;
            if let Some(first) = lines.first_mut() {
                *first = shaped(first.clone(), alignment, false);
            }
            if let Some(last) = lines.last_mut() {
                *last = shaped(last.clone(), 0, styled);
            }
            let area = Rect::new(x, y, width, height);
            let (mut ours, mut theirs) = buffers();
            super::put_lines(&lines, area, &mut ours);
            Paragraph::new(lines).render(area, &mut theirs);
            prop_assert_eq!(ours, theirs);
        }

        /// The same cells as `Line::render`, whatever the line and the area.
        #[test]
        fn render_line_draws_what_a_line_draws(
            line in line(), alignment in 0usize..4, styled in any::<bool>(),
            x in 0u16..6, y in 0u16..3, width in 0u16..14, height in 0u16..3,
        ) {
            let line = shaped(line, alignment, styled);
            let area = Rect::new(x, y, width, height);
            let (mut ours, mut theirs) = buffers();
            super::render_line(&line, area, &mut ours);
            (&line).render(area, &mut theirs);
            prop_assert_eq!(ours, theirs);
        }
    }
}

#[cfg(test)]
mod number_width_tests {
    #[test]
    fn digits_of_the_largest_at_least_two() {
        assert_eq!(super::number_width([1, 9]), 2);
        assert_eq!(super::number_width([10, 99]), 2);
        assert_eq!(super::number_width([5, 149]), 3);
        assert_eq!(super::number_width([]), 2);
    }
}
