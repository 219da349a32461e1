//! Plain-text tables for the command line, fitted to a width when there is one.

use std::borrow::Cow;

use crate::text::{self, truncate, visible_line};

/// A column: its header, whether it may shrink (with an ellipsis) to fit the width, and whether it
/// may be left out when even shrinking is not enough (lowest `drop` first).
pub struct Column {
    pub header: &'static str,
    pub shrinks: bool,
    pub right: bool,
    pub drop: Option<u8>,
}

/// Flexible columns shrink to this many cells before a droppable column is left out…
const COMFORTABLE_FLEXIBLE: usize = 24;
/// …and to this many when nothing more can be left out.
const MIN_FLEXIBLE: usize = 12;

fn total_width(widths: &[usize], shown: &[bool]) -> usize {
    let count = shown.iter().filter(|s| **s).count();
    widths.iter().zip(shown).filter(|(_, s)| **s).map(|(w, _)| w).sum::<usize>() + 2 * count.saturating_sub(1)
}

/// Narrow the widest shown flexible column, one cell at a time, until the table fits or every flexible
/// column is down to `floor`.
fn shrink(columns: &[Column], natural: &[usize], shown: &[bool], limit: usize, floor: usize) -> Vec<usize> {
    let mut widths = natural.to_vec();
    while total_width(&widths, shown) > limit {
        let widest = widths
            .iter()
            .enumerate()
            .filter(|(i, w)| shown[*i] && columns[*i].shrinks && **w > floor)
            .max_by_key(|(_, w)| **w);
        let Some((i, _)) = widest else { break };
        widths[i] -= 1;
    }
    widths
}

impl Column {
    pub const fn fixed(header: &'static str) -> Column {
        Column { header, shrinks: false, right: false, drop: None }
    }
    pub const fn number(header: &'static str) -> Column {
        Column { header, shrinks: false, right: true, drop: None }
    }
    pub const fn flexible(header: &'static str) -> Column {
        Column { header, shrinks: true, right: false, drop: None }
    }
    /// This column may be left out on a narrow terminal; rank 1 goes first.
    pub const fn droppable(self, rank: u8) -> Column {
        Column { drop: Some(rank), ..self }
    }
}

/// Render rows under headers, two spaces between columns. With a width, flexible columns shrink,
/// then droppable columns are left out, until the table fits.
pub fn render(columns: &[Column], rows: &[Vec<String>], width: Option<usize>) -> String {
    let mut natural: Vec<usize> = columns.iter().map(|c| text::width(c.header)).collect();
    for row in rows {
        for (w, cell) in natural.iter_mut().zip(row) {
            *w = (*w).max(text::width(&one_line(cell)));
        }
    }
    let mut shown: Vec<bool> = vec![true; columns.len()];
    let mut widths = natural.clone();
    if let Some(limit) = width {
        // Shrink flexible columns to a comfortable width; if that is not enough, leave out the next
        // droppable column and try again; with none left to drop, shrink further.
        loop {
            widths = shrink(columns, &natural, &shown, limit, COMFORTABLE_FLEXIBLE);
            if total_width(&widths, &shown) <= limit {
                break;
            }
            let droppable = (0..columns.len()).filter(|&i| shown[i] && columns[i].drop.is_some());
            match droppable.min_by_key(|&i| columns[i].drop) {
                Some(i) => shown[i] = false,
                None => {
                    widths = shrink(columns, &natural, &shown, limit, MIN_FLEXIBLE);
                    break;
                }
            }
        }
    }
    let keep: Vec<usize> = (0..columns.len()).filter(|&i| shown[i]).collect();
    let mut out = String::new();
    let header: Vec<String> = columns.iter().map(|c| c.header.to_string()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (n, &i) in keep.iter().enumerate() {
            let (Some(cell), col) = (row.get(i), &columns[i]) else { continue };
            let cell = one_line(cell);
            let cell = truncate(&cell, widths[i]);
            let pad = widths[i].saturating_sub(text::width(&cell));
            if n > 0 {
                line.push_str("  ");
            }
            if col.right {
                line.push_str(&" ".repeat(pad));
            }
            line.push_str(&cell);
            if !col.right {
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A cell on one line, safe to print: line breaks and tabs (a note typed elsewhere) become spaces so
/// the table holds, and any other control character is written visibly (`^[`), never sent.
fn one_line(text: &str) -> Cow<'_, str> {
    if text.contains(['\n', '\r', '\t']) {
        let spaced: String = text.chars().map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c }).collect();
        Cow::Owned(visible_line(&spaced).into_owned())
    } else {
        visible_line(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width;

    #[test]
    fn fits_width_by_shrinking_flexible_columns() {
        let cols = [Column::number("#"), Column::flexible("TITLE"), Column::fixed("LEVEL")];
        let rows = vec![vec!["1".into(), "A rather long title that will not fit".into(), "L6-L7".into()]];
        let wide = render(&cols, &rows, None);
        assert!(wide.contains("A rather long title that will not fit  L6-L7"), "{wide}");
        let narrow = render(&cols, &rows, Some(30));
        assert!(narrow.lines().all(|l| text::width(l) <= 30), "{narrow}");
        assert!(narrow.contains("…  L6-L7"), "{narrow}");
    }

    #[test]
    fn droppable_columns_go_when_shrinking_is_not_enough() {
        let cols = [
            Column::number("#"),
            Column::fixed("ID").droppable(2),
            Column::flexible("TITLE"),
            Column::flexible("PRINCIPLES").droppable(1),
        ];
        let rows = vec![vec!["1".into(), "an-identifier-of-some-length".into(), "T".repeat(40), "P".repeat(60)]];
        let wide = render(&cols, &rows, Some(200));
        assert!(wide.contains("ID") && wide.contains("PRINCIPLES"), "{wide}");
        let mid = render(&cols, &rows, Some(80));
        assert!(mid.contains("ID") && !mid.contains("PRINCIPLES"), "{mid}");
        assert!(mid.lines().all(|l| text::width(l) <= 80), "{mid}");
        let narrow = render(&cols, &rows, Some(40));
        assert!(!narrow.contains("ID") && narrow.contains("TITLE"), "{narrow}");
        assert!(narrow.lines().all(|l| text::width(l) <= 40), "{narrow}");
    }

    #[test]
    fn escape_sequences_in_cells_are_shown_not_sent() {
        let cols = [Column::fixed("A"), Column::flexible("NOTE")];
        let out = render(&cols, &[vec!["1".into(), "\u{1b}]0;pwned\u{7} \u{1b}[2J".into()]], None);
        assert_eq!(out, "A  NOTE\n1  ^[]0;pwned^G ^[[2J\n");
    }

    #[test]
    fn emoji_sequences_are_measured_and_cut_whole() {
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        let flag = "\u{1f1ef}\u{1f1f5}";
        let cols = [Column::flexible("TITLE"), Column::fixed("END")];
        let rows = vec![vec![format!("{family}{flag}{family}{flag}{family}{flag} and more words here"), "|".into()]];
        let out = render(&cols, &rows, None);
        // Each glyph is two cells: the `END` column lines up after the title's real width.
        let first = out.lines().nth(1).unwrap();
        assert_eq!(width(first), 12 + " and more words here".len() + 2 + 1, "{out}");
        let narrow = render(&cols, &rows, Some(17));
        let line = narrow.lines().nth(1).unwrap();
        assert_eq!(line, format!("{family}{flag}{family}{flag}{family}…   |"), "cut between glyphs:\n{narrow}");
        for l in narrow.lines() {
            assert!(width(l) <= 17, "{l:?} is {} cells", width(l));
            assert!(!l.contains('\u{200d}') || l.contains(family), "a family cut in half: {l:?}");
        }
    }

    #[test]
    fn line_breaks_in_cells_stay_on_one_line() {
        let cols = [Column::fixed("A"), Column::flexible("NOTE")];
        let out = render(&cols, &[vec!["1".into(), "line one\nline two".into()]], None);
        assert_eq!(out, "A  NOTE\n1  line one line two\n");
    }
}
