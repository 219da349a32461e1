//! Plain-text tables for the command line, fitted to a width when there is one.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A column: its header, and whether it may shrink (with an ellipsis) to fit the width.
pub struct Column {
    pub header: &'static str,
    pub shrinks: bool,
    pub right: bool,
}

impl Column {
    pub const fn fixed(header: &'static str) -> Column {
        Column { header, shrinks: false, right: false }
    }
    pub const fn number(header: &'static str) -> Column {
        Column { header, shrinks: false, right: true }
    }
    pub const fn flexible(header: &'static str) -> Column {
        Column { header, shrinks: true, right: false }
    }
}

/// Render rows under headers, two spaces between columns. With a width, flexible columns shrink.
pub fn render(columns: &[Column], rows: &[Vec<String>], width: Option<usize>) -> String {
    let mut widths: Vec<usize> = columns.iter().map(|c| c.header.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(one_line(cell).width());
        }
    }
    if let Some(limit) = width {
        let gaps = 2 * columns.len().saturating_sub(1);
        let mut total: usize = widths.iter().sum::<usize>() + gaps;
        // Shrink the widest flexible column first, down to 12 cells.
        while total > limit {
            let Some((i, _)) =
                widths.iter().enumerate().filter(|(i, w)| columns[*i].shrinks && **w > 12).max_by_key(|(_, w)| **w)
            else {
                break;
            };
            widths[i] -= 1;
            total -= 1;
        }
    }
    let mut out = String::new();
    let header: Vec<String> = columns.iter().map(|c| c.header.to_string()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (i, (cell, col)) in row.iter().zip(columns).enumerate() {
            let cell = truncate(&one_line(cell), widths[i]);
            let pad = widths[i].saturating_sub(cell.width());
            let last = i + 1 == columns.len();
            if i > 0 {
                line.push_str("  ");
            }
            if col.right {
                line.push_str(&" ".repeat(pad));
                line.push_str(&cell);
            } else {
                line.push_str(&cell);
                if !last {
                    line.push_str(&" ".repeat(pad));
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Line breaks and tabs in a cell (a note typed elsewhere) would break the table: show them as spaces.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(|c: char| c.is_control()) {
        text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().into()
    } else {
        text.into()
    }
}

/// Cut `text` to `width` display cells, ending in `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_width_by_shrinking_flexible_columns() {
        let cols = [Column::number("#"), Column::flexible("TITLE"), Column::fixed("LEVEL")];
        let rows = vec![vec!["1".into(), "A rather long title that will not fit".into(), "L6-L7".into()]];
        let wide = render(&cols, &rows, None);
        assert!(wide.contains("A rather long title that will not fit  L6-L7"), "{wide}");
        let narrow = render(&cols, &rows, Some(30));
        assert!(narrow.lines().all(|l| l.width() <= 30), "{narrow}");
        assert!(narrow.contains("…  L6-L7"), "{narrow}");
    }

    #[test]
    fn line_breaks_in_cells_stay_on_one_line() {
        let cols = [Column::fixed("A"), Column::flexible("NOTE")];
        let out = render(&cols, &[vec!["1".into(), "line one\nline two".into()]], None);
        assert_eq!(out, "A  NOTE\n1  line one line two\n");
    }
}
