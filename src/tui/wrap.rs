//! Word-wrapping styled text to a width, with a hanging indent for bullets.
//!
//! One pass over the text, grapheme by grapheme (first fit): the cost is linear in the text, a word
//! longer than a line (a URL, base64, CJK without spaces) is cut between grapheme clusters as it
//! streams, and with a line budget (`wrap_limited`) the text after the last wanted line is never
//! looked at. Widths are measured per grapheme cluster (`crate::text`), as the screen buffer draws
//! them. Control characters are drawn visibly (`^[`), a newline starts a new line and a tab is a space.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::{grapheme_width, split_at_width, visible_line, width as text_width};

/// Wrap styled pieces of one paragraph into lines of at most `width` cells. The first line starts
/// with `first_prefix`; the others with `indent` spaces. Words longer than a line are split. The
/// width is at least `indent + 2`, so a two-cell glyph always fits.
pub fn wrap(
    pieces: &[(String, Style)],
    width: usize,
    first_prefix: Span<'static>,
    indent: usize,
) -> Vec<Line<'static>> {
    wrap_limited(pieces, width, first_prefix, indent, usize::MAX).0
}

/// Like `wrap`, but stops after `max_lines` lines; the flag says whether text was left over.
pub fn wrap_limited(
    pieces: &[(String, Style)],
    width: usize,
    first_prefix: Span<'static>,
    indent: usize,
    max_lines: usize,
) -> (Vec<Line<'static>>, bool) {
    let mut w = Wrapper::new(width, first_prefix, indent, max_lines);
    for (text, style) in pieces {
        if w.full {
            break;
        }
        w.push_text(text, *style);
    }
    w.finish()
}

/// Plain text wrapped to `width` with no prefix.
pub fn wrap_plain(text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    wrap_limited_plain(text, style, width, usize::MAX).0
}

/// Plain text wrapped to `width`, at most `max_lines` lines; the flag says whether text was left over.
pub fn wrap_limited_plain(text: &str, style: Style, width: usize, max_lines: usize) -> (Vec<Line<'static>>, bool) {
    let mut w = Wrapper::new(width, Span::raw(""), 0, max_lines);
    w.push_text(text, style);
    w.finish()
}

/// The most lines one scrollable view wraps. A model answer runs to a few hundred lines at most;
/// past this a view ends with a line saying where the whole text is printed, so a frame's cost is
/// bounded whatever a bank or a history holds.
pub const VIEW_LINES: usize = 2_000;

/// A count as screen rows, saturating: text may wrap to more lines than a `u16` holds. Every count
/// that becomes a layout size goes through here.
pub fn rows(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// End `line` with `…` within `width` cells, cutting what it must: the mark that text goes on.
pub fn mark_cut(line: &mut Line<'static>, width: usize) {
    let mut room = width.saturating_sub(1);
    let style = line.spans.last().map_or(Style::new(), |s| s.style);
    let mut kept = Vec::with_capacity(line.spans.len() + 1);
    for span in line.spans.drain(..) {
        let w = text_width(&span.content);
        if w <= room {
            room -= w;
            kept.push(span);
        } else {
            let cut = split_at_width(&span.content, room, false);
            kept.push(Span::styled(span.content[..cut].to_string(), span.style));
            break;
        }
    }
    // Trailing spaces before the mark say nothing.
    while kept.len() > 1 && kept.last().is_some_and(|s| s.content.trim_end().is_empty()) {
        kept.pop();
    }
    if let Some(last) = kept.last_mut() {
        let trimmed = last.content.trim_end().len();
        last.content.to_mut().truncate(trimmed);
    }
    kept.push(Span::styled("…", style));
    line.spans = kept;
}

struct Wrapper {
    width: usize,
    indent: usize,
    max_lines: usize,
    lines: Vec<Line<'static>>,
    /// The line being filled and the cells it takes.
    cur: Vec<Span<'static>>,
    used: usize,
    /// Whether a word is on the current line (spaces before it are kept, and it may break).
    has_word: bool,
    /// Spaces seen after the last word placed, drawn only if the next word fits on the line.
    spaces: usize,
    space_style: Style,
    /// The word being read, not yet placed, and its width.
    word: Vec<(String, Style)>,
    word_width: usize,
    /// The word is wider than any line: it is placed as it is read, cut where a line is full.
    streaming: bool,
    /// `max_lines` reached: the rest is not read.
    full: bool,
}

impl Wrapper {
    fn new(width: usize, first_prefix: Span<'static>, indent: usize, max_lines: usize) -> Wrapper {
        let used = text_width(&first_prefix.content);
        Wrapper {
            width: width.max(indent.saturating_add(2)),
            indent,
            max_lines: max_lines.max(1),
            lines: Vec::new(),
            cur: vec![first_prefix],
            used,
            has_word: false,
            spaces: 0,
            space_style: Style::new(),
            word: Vec::new(),
            word_width: 0,
            streaming: false,
            full: false,
        }
    }

    fn push_text(&mut self, text: &str, style: Style) {
        if text.is_ascii() {
            // One byte is one cluster here, but for CR LF.
            let bytes = text.as_bytes();
            let mut i = 0;
            while i < bytes.len() && !self.full {
                if self.streaming && bytes[i].is_ascii_graphic() {
                    // The rest of a word too long for a line: place it a line's worth at a time.
                    let end = bytes[i..].iter().position(|b| !b.is_ascii_graphic()).map_or(bytes.len(), |p| i + p);
                    self.place_run(&text[i..end], style);
                    i = end;
                    continue;
                }
                let n = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                self.push_grapheme(&text[i..i + n], style);
                i += n;
            }
        } else if text.chars().all(crate::text::one_cell) {
            // Each character is a cluster of its own, a cell wide (curly quotes, dashes, `…`): no
            // clusters to find and nothing to measure.
            for (i, c) in text.char_indices() {
                if self.full {
                    break;
                }
                let g = &text[i..i + c.len_utf8()];
                if c == ' ' {
                    self.push_grapheme(g, style);
                } else {
                    self.add_to_word(g, 1, style);
                }
            }
        } else {
            self.push_clusters(text, style);
        }
    }

    /// Any text, a grapheme cluster at a time.
    fn push_clusters(&mut self, text: &str, style: Style) {
        for g in text.graphemes(true) {
            if self.full {
                break;
            }
            self.push_grapheme(g, style);
        }
    }

    fn push_grapheme(&mut self, g: &str, style: Style) {
        match g {
            "\n" => {
                self.end_word();
                self.break_line();
            }
            "\r\n" => {
                self.add_to_word("^M", 2, style);
                self.end_word();
                self.break_line();
            }
            " " | "\t" => {
                self.end_word();
                if self.has_word {
                    if self.spaces == 0 {
                        self.space_style = style;
                    }
                    self.spaces += 1;
                }
            }
            _ if grapheme_width(g) == 0 && g.chars().any(crate::text::is_control) => {
                let shown = visible_line(g);
                self.add_to_word(&shown, text_width(&shown), style);
            }
            _ => self.add_to_word(g, grapheme_width(g), style),
        }
    }

    fn add_to_word(&mut self, g: &str, w: usize, style: Style) {
        if self.streaming {
            self.place_grapheme(g, w, style);
            return;
        }
        match self.word.last_mut() {
            Some((text, s)) if *s == style => text.push_str(g),
            _ => self.word.push((g.to_string(), style)),
        }
        self.word_width += w;
        if self.word_width > self.width - self.indent {
            // Too wide for any line: start it on a fresh line (unless this one has no word yet)
            // and cut it where each line is full, from here on as it is read.
            self.streaming = true;
            self.spaces = 0;
            if self.has_word {
                self.break_line();
            }
            for (text, s) in std::mem::take(&mut self.word) {
                if self.full {
                    return;
                }
                for g in text.graphemes(true) {
                    if self.full {
                        return;
                    }
                    self.place_grapheme(g, text_width(g), s);
                }
            }
        }
    }

    /// The word is complete: place it on this line if it fits, else on the next.
    fn end_word(&mut self) {
        if self.streaming {
            self.streaming = false;
            self.word_width = 0;
            return;
        }
        if self.word.is_empty() || self.full {
            return;
        }
        let spaces = if self.has_word { self.spaces } else { 0 };
        if self.used + spaces + self.word_width > self.width {
            if self.has_word || self.used > self.indent {
                self.break_line();
            }
        } else if spaces > 0 {
            self.push_span(" ".repeat(spaces), self.space_style);
            self.used += spaces;
        }
        if self.full {
            return;
        }
        self.spaces = 0;
        for (text, style) in std::mem::take(&mut self.word) {
            self.push_span(text, style);
        }
        self.used += self.word_width;
        self.word_width = 0;
        self.has_word = true;
    }

    /// One cluster of a word too long for a line.
    fn place_grapheme(&mut self, g: &str, w: usize, style: Style) {
        if self.used + w > self.width && self.used > self.indent {
            self.break_line();
            if self.full {
                return;
            }
        }
        match self.cur.last_mut() {
            Some(span) if span.style == style && !span.content.is_empty() && self.has_word => {
                span.content.to_mut().push_str(g)
            }
            _ => self.cur.push(Span::styled(g.to_string(), style)),
        }
        self.used += w;
        self.has_word = true;
    }

    /// Printable ASCII of a word too long for a line (one cell a byte), cut where each line is full.
    fn place_run(&mut self, mut run: &str, style: Style) {
        while !run.is_empty() && !self.full {
            if self.used >= self.width && self.used > self.indent {
                self.break_line();
                continue;
            }
            let n = (self.width - self.used).min(run.len()).max(1);
            match self.cur.last_mut() {
                Some(span) if span.style == style && !span.content.is_empty() && self.has_word => {
                    span.content.to_mut().push_str(&run[..n])
                }
                _ => self.cur.push(Span::styled(run[..n].to_string(), style)),
            }
            self.used += n;
            self.has_word = true;
            run = &run[n..];
        }
    }

    fn push_span(&mut self, text: String, style: Style) {
        self.cur.push(Span::styled(text, style));
    }

    fn break_line(&mut self) {
        if self.full {
            return;
        }
        let line = std::mem::take(&mut self.cur);
        self.lines.push(Line::from(line));
        if self.lines.len() >= self.max_lines {
            self.full = true;
            return;
        }
        if self.indent > 0 {
            self.cur.push(Span::raw(" ".repeat(self.indent)));
        }
        self.used = self.indent;
        self.has_word = false;
        self.spaces = 0;
    }

    fn finish(mut self) -> (Vec<Line<'static>>, bool) {
        if self.full {
            return (self.lines, true);
        }
        self.end_word();
        if self.full {
            return (self.lines, true);
        }
        self.lines.push(Line::from(std::mem::take(&mut self.cur)));
        (self.lines, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width;

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
                assert!(width(&texts(std::slice::from_ref(&l))[0]) <= w.max(2), "width {w}: {l:?}");
            }
        }
    }

    #[test]
    fn a_long_word_starts_on_its_own_line_and_is_cut_at_the_width() {
        let lines = wrap_plain("see https://example.com/a/very/long/path?q=1 now", Style::new(), 12);
        assert_eq!(texts(&lines), vec!["see", "https://exam", "ple.com/a/ve", "ry/long/path", "?q=1 now"]);
    }

    #[test]
    fn cjk_without_spaces_fills_each_line_with_whole_glyphs() {
        let lines = wrap_plain("日本語の文章には空白がない", Style::new(), 7);
        // Three two-cell glyphs fit in seven cells; the fourth would take eight.
        assert_eq!(texts(&lines), vec!["日本語", "の文章", "には空", "白がな", "い"]);
        let lines = wrap_plain("日本語の文章", Style::new(), 8);
        assert_eq!(texts(&lines), vec!["日本語の", "文章"]);
    }

    #[test]
    fn emoji_sequences_are_never_split() {
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        let flag = "\u{1f1ef}\u{1f1f5}";
        let thumb = "\u{1f44d}\u{1f3fd}";
        let text = format!("{family}{flag}{thumb}{family}");
        let lines = wrap_plain(&text, Style::new(), 5);
        assert_eq!(texts(&lines), vec![format!("{family}{flag}"), format!("{thumb}{family}")]);
    }

    #[test]
    fn control_characters_are_shown_newlines_break_and_tabs_are_spaces() {
        let lines = wrap_plain("a\x1b]0;pwned\x07 b\x1b[2J\nnext\tline", Style::new(), 40);
        assert_eq!(texts(&lines), vec!["a^[]0;pwned^G b^[[2J", "next line"]);
        let lines = wrap_plain("one\n\ntwo", Style::new(), 40);
        assert_eq!(texts(&lines), vec!["one", "", "two"]);
    }

    #[test]
    fn a_budget_stops_reading_and_says_so() {
        let long = "x".repeat(1_000_000);
        let (lines, more) = wrap_limited_plain(&long, Style::new(), 80, 3);
        assert_eq!(lines.len(), 3);
        assert!(more);
        assert!(lines.iter().all(|l| l.width() == 80));
        let (lines, more) = wrap_limited_plain("short", Style::new(), 80, 3);
        assert_eq!((texts(&lines), more), (vec!["short".to_string()], false));
        let (lines, more) = wrap_limited_plain("one two", Style::new(), 3, 2);
        assert_eq!((texts(&lines), more), (vec!["one".to_string(), "two".to_string()], false));
    }

    #[test]
    fn one_long_word_wraps_in_linear_time() {
        // A megabyte with no space: quadratic splitting took seconds here; linear takes milliseconds.
        let long = "é".repeat(500_000);
        let started = std::time::Instant::now();
        let lines = wrap_plain(&long, Style::new(), 80);
        assert_eq!(lines.len(), 500_000 / 80);
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
    }

    #[test]
    fn a_cut_line_ends_in_an_ellipsis_within_the_width() {
        let mut line = Line::from(vec![Span::raw("Probes: "), Span::raw("Ownership · Bias for Action")]);
        mark_cut(&mut line, 20);
        assert_eq!(texts(&[line.clone()]), vec!["Probes: Ownership ·…"]);
        let mut short = Line::raw("end of it ");
        mark_cut(&mut short, 40);
        assert_eq!(texts(&[short]), vec!["end of it…"]);
        let mut wide = Line::raw("日本語");
        mark_cut(&mut wide, 4);
        assert_eq!(texts(&[wide]), vec!["日…"]);
    }

    mod props {
        use proptest::prelude::*;

        use super::*;

        /// A line fits, or holds one cluster wider than any line could be (a few odd sequences
        /// measure three cells or more), alone after its indent.
        fn fits(line: &str, w: usize) -> bool {
            use unicode_segmentation::UnicodeSegmentation;
            width(line) <= w || line.trim_start_matches(' ').graphemes(true).count() == 1
        }

        fn non_space(s: &str) -> String {
            s.chars().filter(|c| !matches!(c, ' ' | '\n' | '\t')).collect()
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(500))]

            #[test]
            fn wrapping_never_overflows_and_keeps_every_word(text in any::<String>(), w in 1usize..200) {
                let lines = wrap_plain(&text, Style::new(), w);
                let shown = texts(&lines);
                for l in &shown {
                    prop_assert!(fits(l, w.max(2)), "{l:?} is wider than {w}");
                }
                // Controls are drawn visibly; nothing else is lost or added but spaces.
                let expected = non_space(&crate::text::visible(&text).replace("\r\n", "^M\n"));
                prop_assert_eq!(non_space(&shown.concat()), expected);
            }

            #[test]
            fn wrapping_words_of_any_script(
                words in proptest::collection::vec("[a-z]{1,12}|\\PC{1,8}|[\u{4e00}-\u{4e20}]{1,30}", 0..40),
                w in 1usize..200,
                indent in 0usize..6,
            ) {
                let text = words.join(" ");
                let lines = wrap(&[(text.clone(), Style::new())], w, Span::raw("• "), indent);
                let shown = texts(&lines);
                for l in &shown {
                    prop_assert!(fits(l, w.max(indent + 2)), "{l:?} is wider than {w}");
                }
                prop_assert_eq!(non_space(&shown.concat()), format!("•{}", non_space(&crate::text::visible(&text))));
            }

            /// Text of one-cell characters is wrapped as its clusters wrap it, at any width, budget
            /// and indent, whether a word fits a line or streams across lines.
            #[test]
            fn one_cell_text_wraps_as_its_clusters_do(
                chars in proptest::collection::vec(proptest::sample::select(vec![
                    'a', 'Z', ' ', ' ', '~', '…', '–', '—', '·', '‘', '’', '“', '”',
                ]), 0..120),
                w in 1usize..40,
                indent in 0usize..4,
                max_lines in 1usize..8,
            ) {
                let text: String = chars.into_iter().collect();
                let run = |clusters: bool| {
                    let mut wr = Wrapper::new(w, Span::raw("• "), indent, max_lines);
                    if clusters { wr.push_clusters(&text, Style::new()) } else { wr.push_text(&text, Style::new()) }
                    wr.finish()
                };
                let (fast, slow) = (run(false), run(true));
                prop_assert_eq!(texts(&fast.0), texts(&slow.0));
                prop_assert_eq!(fast.1, slow.1);
            }

            #[test]
            fn width_and_truncate_agree_on_any_text(text in any::<String>(), w in 0usize..200) {
                let cut = crate::text::truncate(&text, w);
                prop_assert!(width(&cut) <= w);
                let at = crate::text::split_at_width(&text, w, false);
                prop_assert!(width(&text[..at]) <= w);
            }
        }
    }
}
