//! A one-line text field (search, note) with a cursor.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui::text::Span;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Cursor position in chars.
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
        LineInput { text: text.to_string(), cursor: text.chars().count() }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The text with a bar at the cursor, for drawing, in at most `SHOWN_CELLS` cells: a longer
    /// text scrolls sideways to keep the cursor in view, with `…` where it is cut.
    pub fn spans(&self, style: Style) -> Vec<Span<'static>> {
        self.spans_within(SHOWN_CELLS, style)
    }

    /// As `spans`, in at most `cells` cells (the cursor bar included).
    pub fn spans_within(&self, cells: usize, style: Style) -> Vec<Span<'static>> {
        use crate::text::{visible_line, width};
        let split = self.byte_at(self.cursor);
        let (mut before, mut after) =
            (visible_line(&self.text[..split]).into_owned(), visible_line(&self.text[split..]).into_owned());
        let room = cells.max(4).saturating_sub(1);
        if width(&before) + width(&after) > room {
            // Keep the cursor in view: as much as fits before it (most of the room), the rest after.
            let after_room = (room / 4).min(width(&after));
            let before_room = room - after_room;
            if width(&before) > before_room {
                let mut chars: Vec<char> = before.chars().collect();
                while width(&chars.iter().collect::<String>()) > before_room.saturating_sub(1) {
                    chars.remove(0);
                }
                before = format!("…{}", chars.into_iter().collect::<String>());
            }
            let after_room = room.saturating_sub(width(&before));
            after = crate::text::truncate(&after, after_room).into_owned();
        }
        vec![Span::styled(before, style), Span::styled("▏", style), Span::styled(after, style)]
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text.char_indices().nth(char_index).map_or(self.text.len(), |(i, _)| i)
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
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
        true
    }

    pub fn handle(&mut self, ev: &KeyEvent) -> Edit {
        let len = self.text.chars().count();
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
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
                self.cursor = len;
                Edit::Moved
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                if len >= MAX_CHARS {
                    return Edit::Ignored;
                }
                let at = self.byte_at(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
                Edit::Changed
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
                Edit::Changed
            }
            KeyCode::Delete if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
                Edit::Changed
            }
            KeyCode::Left if self.cursor > 0 => {
                self.cursor -= 1;
                Edit::Moved
            }
            KeyCode::Right if self.cursor < len => {
                self.cursor += 1;
                Edit::Moved
            }
            KeyCode::Home => {
                self.cursor = 0;
                Edit::Moved
            }
            KeyCode::End => {
                self.cursor = len;
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

    #[test]
    fn pasted_text_is_text_on_one_line() {
        let mut i = LineInput::new("ab");
        press(&mut i, KeyCode::Left);
        assert!(i.insert_text("x\ny\tz\x1b"));
        assert_eq!(i.text(), "ax y zb");
        assert_eq!(i.cursor(), 6);
        assert!(!i.insert_text("\x07"));
    }
}
