//! A table with one selected row, drawn the same way on every screen that lists things.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, HighlightSpacing, StatefulWidget, Table, TableState};

use super::theme::theme;

/// Draw `table` in a titled box with row `selected` highlighted and marked `▶`.
pub fn render_selectable(table: Table, selected: usize, title: &str, area: Rect, buf: &mut Buffer) {
    let t = theme();
    let table = table
        .row_highlight_style(t.selected())
        .highlight_symbol("▶")
        .highlight_spacing(HighlightSpacing::Always)
        .column_spacing(1)
        .block(Block::default().borders(Borders::ALL).border_style(t.border()).title(title.to_string()));
    let mut state = TableState::default().with_selected(Some(selected));
    StatefulWidget::render(table, area, buf, &mut state);
}

/// The items at `keep`, in that order: the columns a narrow table can afford.
pub fn pick<T: Clone>(items: &[T], keep: &[usize]) -> Vec<T> {
    keep.iter().filter_map(|&i| items.get(i).cloned()).collect()
}
