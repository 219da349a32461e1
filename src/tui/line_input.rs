//! A one-line text field (search, note) with a cursor.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Cursor position: a byte index into `text`, always between grapheme clusters, so a family
    /// emoji, a flag or a letter with its accents is stepped over and deleted whole.
    cursor: usize,
}

/// What a key did to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Changed,
    Moved,
    Ignored,
}

pub const MAX_CHARS: usize = 500;

/// How wide the field is drawn (it scrolls sideways past this).
pub const SHOWN_CELLS: usize = 32;

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput { text: text.to_string(), cursor: text.len() }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor as a byte index into `text`, on a grapheme-cluster boundary.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The text with a bar at the cursor, for drawing, in at most `SHOWN_CELLS` cells: a longer
    /// text scrolls sideways to keep the cursor in view, with `…` where it is cut.
    pub fn spans(&self, style: Style) -> Vec<Span<'static>> {
        self.spans_within(SHOWN_CELLS, style)
    }

    /// As `spans`, in at most `cells` cells (the cursor bar included). Cut between grapheme
    /// clusters, in one pass over the text.
    pub fn spans_within(&self, cells: usize, style: Style) -> Vec<Span<'static>> {
        use crate::text::{grapheme_width, truncate, visible_line, width};
        let (before, after) = self.text.split_at(self.cursor);
        let (mut before, mut after) = (visible_line(before).into_owned(), visible_line(after).into_owned());
        let room = cells.max(4).saturating_sub(1);
        let (before_width, after_width) = (width(&before), width(&after));
        if before_width + after_width > room {
            // Keep the cursor in view: as much as fits before it (most of the room), the rest after.
            let after_room = (room / 4).min(after_width);
            let before_room = room - after_room;
            if before_width > before_room {
                // The clusters nearest the cursor that fit beside the `…`.
                let keep = before_room.saturating_sub(1);
                let mut used = 0;
                let mut from = before.len();
                for (i, g) in before.grapheme_indices(true).rev() {
                    used += grapheme_width(g);
                    if used > keep {
                        break;
                    }
                    from = i;
                }
                before = format!("…{}", &before[from..]);
            }
            let after_room = room.saturating_sub(width(&before));
            after = truncate(&after, after_room).into_owned();
        }
        vec![Span::styled(before, style), Span::styled("▏", style), Span::styled(after, style)]
    }

    /// The boundary before the cursor's cluster (the cursor itself at the start).
    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor].grapheme_indices(true).next_back().map_or(0, |(i, _)| i)
    }

    /// The boundary after the cursor's cluster (the cursor itself at the end).
    fn next_boundary(&self) -> usize {
        self.text[self.cursor..].graphemes(true).next().map_or(self.cursor, |g| self.cursor + g.len())
    }

    /// Put the cursor at `at`, moved on to the end of the cluster when an edit made `at` fall inside
    /// one (an accent typed after the cursor's letter joins it).
    fn set_cursor(&mut self, at: usize) {
        self.cursor = self.text.grapheme_indices(true).map(|(i, _)| i).find(|&i| i >= at).unwrap_or(self.text.len());
    }

    fn insert_at_cursor(&mut self, text: &str) {
        self.text.insert_str(self.cursor, text);
        self.set_cursor(self.cursor + text.len());
    }

    /// Insert text at the cursor as typed characters: line breaks and tabs become spaces, other
    /// control characters are dropped, and what passes the limit is left out. Whether it changed.
    pub fn insert_text(&mut self, text: &str) -> bool {
        let room = MAX_CHARS.saturating_sub(self.text.chars().count());
        let clean: String = text
            .chars()
            .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
            .filter(|c| !c.is_control())
            .take(room)
            .collect();
        if clean.is_empty() {
            return false;
        }
        self.insert_at_cursor(&clean);
        true
    }

    pub fn handle(&mut self, ev: &KeyEvent) -> Edit {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let end = self.text.len();
        match ev.code {
            KeyCode::Char('u') if ctrl => {
                self.text.clear();
                self.cursor = 0;
                Edit::Changed
            }
            KeyCode::Char('a') if ctrl => {
                self.cursor = 0;
                Edit::Moved
            }
            KeyCode::Char('e') if ctrl => {
                self.cursor = end;
                Edit::Moved
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                if self.text.chars().count() >= MAX_CHARS {
                    return Edit::Ignored;
                }
                self.insert_at_cursor(c.encode_utf8(&mut [0; 4]));
                Edit::Changed
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let from = self.prev_boundary();
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
                Edit::Changed
            }
            KeyCode::Delete if self.cursor < end => {
                let to = self.next_boundary();
                self.text.replace_range(self.cursor..to, "");
                Edit::Changed
            }
            KeyCode::Left if self.cursor > 0 => {
                self.cursor = self.prev_boundary();
                Edit::Moved
            }
            KeyCode::Right if self.cursor < end => {
                self.cursor = self.next_boundary();
                Edit::Moved
            }
            KeyCode::Home => {
                self.cursor = 0;
                Edit::Moved
            }
            KeyCode::End => {
                self.cursor = end;
                Edit::Moved
            }
            _ => Edit::Ignored,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(input: &mut LineInput, code: KeyCode) -> Edit {
        input.handle(&KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn typing_moving_and_deleting() {
        let mut i = LineInput::default();
        for c in "héllo".chars() {
            press(&mut i, KeyCode::Char(c));
        }
        press(&mut i, KeyCode::Left);
        press(&mut i, KeyCode::Left);
        press(&mut i, KeyCode::Backspace);
        assert_eq!(i.text(), "hélo");
        press(&mut i, KeyCode::Char('L'));
        assert_eq!(i.text(), "héLlo");
        press(&mut i, KeyCode::Home);
        press(&mut i, KeyCode::Delete);
        assert_eq!(i.text(), "éLlo");
        assert_eq!(press(&mut i, KeyCode::Left), Edit::Ignored);
        i.handle(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(i.text(), "");
    }

    #[test]
    fn a_long_text_scrolls_to_keep_the_cursor_in_view() {
        let text: String = (0..100).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
        let mut i = LineInput::new(&text);
        let shown =
            |i: &LineInput| i.spans_within(20, Style::new()).iter().map(|s| s.content.to_string()).collect::<String>();
        let end = shown(&i);
        assert!(end.starts_with('…') && end.ends_with("uv▏"), "{end}");
        assert!(crate::text::width(&end) <= 20, "{end}");
        press(&mut i, KeyCode::Home);
        let start = shown(&i);
        assert!(start.starts_with("▏abc") && start.ends_with('…'), "{start}");
        assert!(crate::text::width(&start) <= 20, "{start}");
        for _ in 0..50 {
            press(&mut i, KeyCode::Right);
        }
        let middle = shown(&i);
        assert!(middle.starts_with('…') && middle.contains("wx▏yz") && middle.ends_with('…'), "{middle}");
        assert!(crate::text::width(&middle) <= 20, "{middle}");
        assert_eq!(LineInput::new("short").spans_within(20, Style::new()).len(), 3);
    }

    const FAMILY: &str = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
    const FLAG_JP: &str = "\u{1f1ef}\u{1f1f5}";
    const FLAG_FR: &str = "\u{1f1eb}\u{1f1f7}";
    const THUMB: &str = "\u{1f44d}\u{1f3fd}";

    /// Typed a character at a time, as a terminal sends a sequence.
    fn typed(text: &str) -> LineInput {
        let mut i = LineInput::default();
        for c in text.chars() {
            press(&mut i, KeyCode::Char(c));
        }
        i
    }

    fn shown(i: &LineInput, cells: usize) -> String {
        i.spans_within(cells, Style::new()).iter().map(|s| s.content.to_string()).collect()
    }

    #[test]
    fn the_cursor_moves_and_deletes_whole_emoji_sequences() {
        let mut i = typed(&format!("a{FAMILY}b"));
        press(&mut i, KeyCode::Left);
        press(&mut i, KeyCode::Left);
        assert_eq!(shown(&i, 20), format!("a▏{FAMILY}b"), "one Left steps over the whole family");
        press(&mut i, KeyCode::Right);
        assert_eq!(shown(&i, 20), format!("a{FAMILY}▏b"));
        press(&mut i, KeyCode::Backspace);
        assert_eq!(i.text(), "ab", "Backspace removes the whole family");

        let mut i = typed(&format!("{FLAG_JP}{FLAG_FR}"));
        press(&mut i, KeyCode::Left);
        assert_eq!(shown(&i, 20), format!("{FLAG_JP}▏{FLAG_FR}"), "between the flags, not inside one");
        press(&mut i, KeyCode::Backspace);
        assert_eq!(i.text(), FLAG_FR);
        press(&mut i, KeyCode::Home);
        press(&mut i, KeyCode::Delete);
        assert_eq!(i.text(), "");

        let mut i = typed(&format!("ok{THUMB}"));
        press(&mut i, KeyCode::Left);
        assert_eq!(shown(&i, 20), format!("ok▏{THUMB}"));
        press(&mut i, KeyCode::Delete);
        assert_eq!(i.text(), "ok", "Delete takes the skin tone with its hand");
    }

    #[test]
    fn combining_accents_stay_on_their_letter() {
        // "café" with a combining acute, typed as two characters.
        let mut i = typed("cafe\u{301}!");
        press(&mut i, KeyCode::Left);
        press(&mut i, KeyCode::Left);
        assert_eq!(shown(&i, 20), "caf▏e\u{301}!");
        press(&mut i, KeyCode::Delete);
        assert_eq!(i.text(), "caf!");
        // An accent typed at the very start joins the letter typed before it; the cursor follows.
        let mut i = typed("\u{301}x");
        press(&mut i, KeyCode::Home);
        press(&mut i, KeyCode::Char('e'));
        assert_eq!(shown(&i, 20), "e\u{301}▏x");
        press(&mut i, KeyCode::Backspace);
        assert_eq!(i.text(), "x");
    }

    #[test]
    fn a_long_emoji_text_is_cut_between_sequences() {
        for seq in [FAMILY, FLAG_JP, THUMB, "e\u{301}"] {
            let i = typed(&seq.repeat(60));
            for cells in [9, 10, 20, 21] {
                let text = shown(&i, cells);
                assert!(crate::text::width(&text) <= cells, "{text:?} in {cells}");
                let kept =
                    text.strip_prefix('…').and_then(|t| t.strip_suffix('▏')).unwrap_or_else(|| panic!("{text:?}"));
                assert!(!kept.is_empty() && kept.replace(seq, "").is_empty(), "a stray part of {seq:?}: {text:?}");
            }
        }
    }

    #[test]
    fn pasted_text_is_text_on_one_line() {
        let mut i = LineInput::new("ab");
        press(&mut i, KeyCode::Left);
        assert!(i.insert_text("x\ny\tz\x1b"));
        assert_eq!(i.text(), "ax y zb");
        assert_eq!(i.cursor(), "ax y z".len());
        assert!(!i.insert_text("\x07"));
    }
}
