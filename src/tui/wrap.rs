//! Word-wrapping styled text to a width, with a hanging indent for bullets.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Wrap styled pieces of one paragraph into lines of at most `width` cells. The first line starts
/// with `first_prefix`; the others with `indent` spaces. Words longer than a line are split.
pub fn wrap(
    pieces: &[(String, Style)],
    width: usize,
    first_prefix: Span<'static>,
    indent: usize,
) -> Vec<Line<'static>> {
    let width = width.max(indent + 2);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut current: Vec<Span<'static>> = vec![first_prefix.clone()];
    let mut used = first_prefix.content.width();
    let mut at_line_start = true;
    let push_line = |current: &mut Vec<Span<'static>>, lines: &mut Vec<Line<'static>>| {
        lines.push(Line::from(std::mem::take(current)));
    };
    for (text, style) in pieces {
        for word in split_keep_spaces(text) {
            let is_space = word.trim().is_empty();
            let w = word.width();
            if is_space {
                if !at_line_start && used + w <= width {
                    current.push(Span::styled(word.to_string(), *style));
                    used += w;
                }
                continue;
            }
            if used + w > width && !at_line_start {
                // Drop trailing spaces before breaking.
                while current
                    .last()
                    .is_some_and(|s| !s.content.is_empty() && s.content.trim().is_empty() && used > indent)
                {
                    let s = current.pop().unwrap_or_default();
                    used -= s.content.width();
                }
                push_line(&mut current, &mut lines);
                current.push(Span::raw(" ".repeat(indent)));
                used = indent;
            }
            let mut rest = word;
            // Split words wider than the line.
            while used + rest.width() > width {
                let room = width.saturating_sub(used).max(1);
                let cut = split_at_width(rest, room);
                current.push(Span::styled(rest[..cut].to_string(), *style));
                push_line(&mut current, &mut lines);
                current.push(Span::raw(" ".repeat(indent)));
                used = indent;
                rest = &rest[cut..];
            }
            if !rest.is_empty() {
                current.push(Span::styled(rest.to_string(), *style));
                used += rest.width();
            }
            at_line_start = false;
        }
    }
    if !current.is_empty() {
        push_line(&mut current, &mut lines);
    }
    lines
}

fn split_keep_spaces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (i, c) in text.char_indices() {
        let space = c == ' ';
        if in_space.is_some_and(|s| s != space) {
            out.push(&text[start..i]);
            start = i;
        }
        in_space = Some(space);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The byte index where `s` reaches `width` cells (at least one char).
fn split_at_width(s: &str, width: usize) -> usize {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width && i > 0 {
            return i;
        }
        used += w;
    }
    s.len()
}

/// Plain text wrapped to `width` with no prefix.
pub fn wrap_plain(text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    wrap(&[(text.to_string(), style)], width, Span::raw(""), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn wraps_with_hanging_indent() {
        let pieces = vec![("Label:".to_string(), Style::new()), (" one two three four".to_string(), Style::new())];
        let lines = wrap(&pieces, 14, Span::raw("• "), 2);
        assert_eq!(texts(&lines), vec!["• Label: one", "  two three", "  four"]);
    }

    #[test]
    fn splits_long_words_and_never_exceeds_width() {
        let lines = wrap_plain("abcdefghijklmnop qr", Style::new(), 6);
        assert_eq!(texts(&lines), vec!["abcdef", "ghijkl", "mnop", "qr"]);
        for w in 1..30 {
            for l in wrap_plain("“Tell me about a time when you had to align", Style::new(), w) {
                assert!(l.width() <= w.max(2), "width {w}: {l:?}");
            }
        }
    }
}
