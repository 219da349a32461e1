//! A table with one selected row, drawn the same way on every screen that lists things, and the one
//! way a selection moves through a list.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, HighlightSpacing, StatefulWidget, Table, TableState};

use super::keys::Action;
use super::theme::theme;

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

/// The items at `keep`, in that order: the columns a narrow table can afford.
pub fn pick<T: Clone>(items: &[T], keep: &[usize]) -> Vec<T> {
    keep.iter().filter_map(|&i| items.get(i).cloned()).collect()
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
