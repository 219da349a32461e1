//! A multi-line text field (ratatui-textarea) that wraps, scrolls to keep the cursor in view, and holds
//! at most a given number of characters: the note on the score screen (`NOTE_LIMIT`) and the
//! scratchpad of a drill (`SCRATCHPAD_LIMIT`).

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// The longest note, in characters (a line break counts as one).
pub const NOTE_LIMIT: usize = 2000;
/// The longest scratchpad text, in characters: a fifteen-minute answer typed out word for word
/// (about 2,100 words) fits with room to spare.
pub const SCRATCHPAD_LIMIT: usize = 20_000;

#[derive(Debug, Clone)]
pub struct NoteArea {
    area: TextArea<'static>,
    /// The note as it was when editing began, for cancel.
    before: String,
    /// The most characters it holds.
    limit: usize,
}

/// Characters in `text`, line breaks included.
fn count(text: &str) -> usize {
    text.chars().count()
}

impl NoteArea {
    /// Edit `text` as a note (at most `NOTE_LIMIT` characters), the cursor at its end.
    pub fn new(text: &str) -> NoteArea {
        NoteArea::with_limit(text, NOTE_LIMIT)
    }

    /// Edit `text`, holding at most `limit` characters, the cursor at its end.
    pub fn with_limit(text: &str, limit: usize) -> NoteArea {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(Style::new());
        area.set_cursor_style(Style::new().add_modifier(Modifier::REVERSED));
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        NoteArea { area, before: text.to_string(), limit }
    }

    /// The text as typed, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// The note as it was before this edit.
    pub fn before(&self) -> &str {
        &self.before
    }

    /// Words typed (`coach::insights::word_count`), line by line: a word never spans a line break.
    pub fn word_count(&self) -> usize {
        self.area.lines().iter().map(|l| crate::coach::insights::word_count(l)).sum()
    }

    pub fn len(&self) -> usize {
        let lines = self.area.lines();
        lines.iter().map(|l| count(l)).sum::<usize>() + lines.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// "123/2000".
    pub fn counter(&self) -> String {
        format!("{}/{}", self.len(), self.limit)
    }

    pub fn is_full(&self) -> bool {
        self.len() >= self.limit
    }

    pub fn limit(&self) -> usize {
        self.limit
    }

    /// A key typed into the note (the caller has taken the keys that finish or cancel). A key that
    /// would take the note past the limit does nothing; returns whether the text changed.
    pub fn key(&mut self, ev: &KeyEvent) -> bool {
        let changed = self.area.input(*ev);
        if changed && self.len() > self.limit {
            self.area.undo();
            return false;
        }
        changed
    }

    /// Insert pasted text at the cursor, as text (line breaks kept, tabs as spaces, other control
    /// characters dropped). Returns how many characters did not fit under the limit.
    pub fn paste(&mut self, text: &str) -> usize {
        let clean: String = text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\t', " ")
            .chars()
            .filter(|c| *c == '\n' || !c.is_control())
            .collect();
        let room = self.limit.saturating_sub(self.len());
        let fits: String = clean.chars().take(room).collect();
        let dropped = count(&clean) - count(&fits);
        if !fits.is_empty() {
            self.area.insert_str(fits);
        }
        dropped
    }
}

impl Widget for &NoteArea {
    fn render(self, area: Rect, buf: &mut Buffer) {
        (&self.area).render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn press(n: &mut NoteArea, code: KeyCode) -> bool {
        n.key(&KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn enter_is_a_new_line_and_the_limit_holds() {
        let mut n = NoteArea::new("first");
        press(&mut n, KeyCode::Enter);
        press(&mut n, KeyCode::Char('x'));
        assert_eq!(n.text(), "first\nx");
        assert_eq!(n.len(), 7);
        assert_eq!(n.counter(), "7/2000");
        let dropped = n.paste(&"y".repeat(NOTE_LIMIT));
        assert_eq!(dropped, 7, "what does not fit is counted");
        assert_eq!(n.len(), NOTE_LIMIT);
        assert!(!press(&mut n, KeyCode::Char('z')), "a full note takes no more");
        assert!(!press(&mut n, KeyCode::Enter));
        assert_eq!(n.len(), NOTE_LIMIT);
        assert!(press(&mut n, KeyCode::Backspace));
        assert_eq!(n.len(), NOTE_LIMIT - 1);
        assert_eq!(n.before(), "first");
    }

    #[test]
    fn pasted_text_keeps_line_breaks_and_drops_controls() {
        let mut n = NoteArea::new("");
        assert_eq!(n.paste("a\r\nb\x1b[2Jc\td"), 0);
        assert_eq!(n.text(), "a\nb[2Jc d");
    }
}
