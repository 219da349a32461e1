//! Text as people see it: folding for search, and (below) width and safety for output.

/// Text as searches compare it: lower case, with curly quotes and apostrophes made straight.
pub fn fold(s: &str) -> String {
    s.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'").replace(['\u{201c}', '\u{201d}'], "\"")
}

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Whether `c` would act on a terminal rather than print: C0, DEL and C1 controls.
pub fn is_control(c: char) -> bool {
    c.is_control()
}

/// Text made safe to print: every control character is written visibly (`^[` for ESC, `^G` for BEL,
/// `^?` for DEL, `\u{9b}` for C1 controls) instead of being sent to the terminal. Newlines and tabs are
/// kept, as block text uses them; see `visible_line` for one-line places.
pub fn visible(s: &str) -> Cow<'_, str> {
    escape(s, |c| c == '\n' || c == '\t')
}

/// Like `visible`, but newlines and tabs are escaped too: for a table cell, a status line, a CSV field.
pub fn visible_line(s: &str) -> Cow<'_, str> {
    escape(s, |_| false)
}

fn escape(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_control(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !is_control(c) || keep(c) {
            out.push(c);
        } else {
            push_escaped(&mut out, c);
        }
    }
    Cow::Owned(out)
}

fn push_escaped(out: &mut String, c: char) {
    let code = u32::from(c);
    match code {
        0x00..=0x1f => {
            out.push('^');
            out.push(char::from_u32(code + 0x40).unwrap_or('?'));
        }
        0x7f => out.push_str("^?"),
        _ => out.push_str(&format!("\\u{{{code:x}}}")),
    }
}

/// The cells `s` takes on a terminal, measured per grapheme cluster as the screen buffer draws it (a
/// family emoji or a flag is one glyph of two cells, not the sum of its code points).
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    if s.chars().all(one_cell) {
        return s.chars().count();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// Characters that take one cell and are a cluster of their own whatever comes before or after them
/// (nothing joins to them, and they join to nothing): printable ASCII and the punctuation titles and
/// lists show (`…` where a text is cut, `–` for nothing yet, dashes, `·` and curly quotes). A text of
/// only such characters is measured and cut a character a cell, without finding its clusters.
pub fn one_cell(c: char) -> bool {
    matches!(c, ' '..='~' | '…' | '–' | '—' | '·' | '‘' | '’' | '“' | '”')
}

/// The width of one grapheme cluster, as the screen buffer counts it: control characters take none,
/// and a halfwidth (han)dakuten mark takes a cell of its own, as terminals draw it.
pub fn grapheme_width(g: &str) -> usize {
    let mut chars = g.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // Most clusters are one character: no need to measure them as a string.
        return if is_control(c) {
            0
        } else if c == '\u{ff9e}' || c == '\u{ff9f}' {
            1
        } else {
            unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
        };
    }
    if g.chars().any(is_control) {
        return 0;
    }
    g.width() + g.chars().filter(|&c| c == '\u{ff9e}' || c == '\u{ff9f}').count()
}

/// The byte index where `s` reaches at most `cells` cells, cut between grapheme clusters. Returns at
/// least one cluster when `force_one` is set and `s` is not empty, so a loop that cuts always advances.
pub fn split_at_width(s: &str, cells: usize, force_one: bool) -> usize {
    // `one_cell` characters are one cell each, each its own cluster: the cut is after the first `cells`
    // of them when they and the character after them (which could otherwise join the last) are all
    // such, or at the end when the whole text is fewer of them.
    if !(force_one && cells == 0) {
        let mut cut = Some(s.len());
        for (n, (i, c)) in s.char_indices().enumerate() {
            if !one_cell(c) {
                cut = None;
                break;
            }
            if n == cells {
                cut = Some(i);
                break;
            }
        }
        if let Some(cut) = cut {
            return cut;
        }
    }
    split_by_clusters(s, cells, force_one)
}

/// `split_at_width` cluster by cluster, as it works on any text.
fn split_by_clusters(s: &str, cells: usize, force_one: bool) -> usize {
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = grapheme_width(g);
        if used + w > cells && !(force_one && i == 0) {
            return i;
        }
        used += w;
    }
    s.len()
}

/// `s` cut to at most `cells` cells, ending in `…` when anything was cut. Only the start of `s` is
/// read, so cutting a long text costs what is kept.
pub fn truncate(s: &str, cells: usize) -> Cow<'_, str> {
    if split_at_width(s, cells, false) == s.len() {
        return Cow::Borrowed(s);
    }
    if cells == 0 {
        return Cow::Borrowed("");
    }
    let cut = split_at_width(s, cells - 1, false);
    Cow::Owned(format!("{}…", s[..cut].trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The character-a-cell ways of measuring and cutting give what the clusters give, whatever
        /// joins or follows the one-cell characters.
        #[test]
        fn one_cell_text_is_measured_and_cut_as_its_clusters(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', ' ', '~', '…', '–', '—', '·', '’', '“', '\u{301}', '\u{200d}', '\u{fe0f}', '語', '\t', '\n', 'é',
                '\u{ff9e}', '\u{1f1fa}',
            ]), 0..12),
            cells in 0usize..14,
            force_one in proptest::bool::ANY,
        ) {
            let s: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(split_at_width(&s, cells, force_one), split_by_clusters(&s, cells, force_one));
            proptest::prop_assert_eq!(width(&s), s.graphemes(true).map(grapheme_width).sum::<usize>());
        }
    }

    #[test]
    fn printable_ascii_is_cut_as_any_text_is() {
        for s in [
            "",
            "a",
            "plain words",
            "ab\u{301}c",
            "abc\u{301}",
            "tab\there",
            "cr\r\nlf",
            "日本 and ascii",
            "a\u{200d}b",
        ] {
            for cells in 0..s.len() + 2 {
                for force_one in [false, true] {
                    assert_eq!(
                        split_at_width(s, cells, force_one),
                        split_by_clusters(s, cells, force_one),
                        "{s:?} at {cells}, force {force_one}"
                    );
                }
            }
        }
    }

    #[test]
    fn controls_are_shown_not_sent() {
        assert_eq!(visible("plain"), Cow::Borrowed("plain"));
        assert_eq!(visible("a\x1b]0;pwned\x07b"), "a^[]0;pwned^Gb");
        assert_eq!(visible("\x1b[2J"), "^[[2J");
        assert_eq!(visible("line\nnext\ttab"), "line\nnext\ttab");
        assert_eq!(visible_line("line\nnext\ttab"), "line^Jnext^Itab");
        assert_eq!(visible("del\x7f c1\u{9b}"), "del^? c1\\u{9b}");
        assert_eq!(visible("\0"), "^@");
    }

    #[test]
    fn width_counts_grapheme_clusters() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("日本"), 4);
        // Family (man ZWJ woman ZWJ girl): one glyph of two cells.
        assert_eq!(width("\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}"), 2);
        // A flag: two regional indicators, one glyph.
        assert_eq!(width("\u{1f1ef}\u{1f1f5}"), 2);
        // Thumbs up with a skin tone.
        assert_eq!(width("\u{1f44d}\u{1f3fd}"), 2);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("a\x1bb"), 2);
    }

    #[test]
    fn truncate_marks_the_cut_and_never_splits_a_cluster() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a longer title", 8), "a longe…");
        assert_eq!(truncate("日本語です", 5), "日本…");
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        assert_eq!(truncate(&format!("{family}{family}x"), 4), format!("{family}…"));
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(split_at_width("日本", 1, true), "日".len());
        assert_eq!(split_at_width("日本", 1, false), 0);
    }
}
