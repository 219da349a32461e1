//! The app's screen: two buffers and what changed between them, written a frame at a time.
//!
//! This is ratatui's `Terminal` over its crossterm backend, cut to what the app uses (a full screen,
//! no terminal cursor), with three changes that matter most on a full frame (the first, after a
//! resize, after the editor):
//! - a frame goes out in one write, not one locked write per escape sequence;
//! - between two changed cells of a row, the unchanged cells are written again instead of moving the
//!   cursor past them, when that is shorter and changes nothing on the screen: they are one-byte
//!   characters in the attributes and colours already set, and the cursor's place is known (it was
//!   moved there and only one-byte cells were written since). ratatui's diff
//!   leaves out every unstyled space a frame shares with a blank screen, so each word of plain text
//!   cost a cursor move of 6 to 9 bytes where one space does: the browser's first frame at 120×40 was
//!   9.7 KB with 476 moves;
//! - cursor moves, cells and colours are written without `core::fmt`.
//!
//! The cells written are those ratatui's `Buffer::diff_iter` yields (wide characters, emoji, skipped
//! cells), found by `each_change` without measuring unchanged cells; the attribute changes are those
//! ratatui's crossterm backend sends and the colours crossterm's bytes. The second buffer is made for
//! the second frame, so the first waits for one. Tests hold the cells to `diff_iter` and the colours
//! to crossterm, and draw random frames both ways comparing what a terminal shows (`vt100`).

use std::io::{self, Write};

use ratatui::backend::IntoCrossterm;
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::crossterm::cursor::Hide;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{Attribute, Color as CrosstermColor, Colored, SetAttribute};
use ratatui::crossterm::terminal::{Clear, ClearType};
use ratatui::layout::{Rect, Size};
use ratatui::style::{Color, Modifier};

/// What the terminal shows, as two buffers: the last frame drawn and the one being drawn.
#[derive(Debug)]
pub struct Screen<W: Write> {
    out: W,
    /// The frame's bytes, written at once.
    bytes: Vec<u8>,
    /// One holds what the terminal shows, the other takes the next frame (made at the screen's size
    /// when the second frame is drawn, so the first waits for one buffer only).
    buffers: [Buffer; 2],
    /// Which buffer the next frame is drawn into.
    current: usize,
    /// Whether each buffer has had a frame drawn into it (one that has not is blank, and need not be
    /// reset before its first frame).
    drawn: [bool; 2],
    /// The terminal shows nothing this screen drew (a fresh or cleared screen): every cell of the next
    /// frame is compared with a blank one.
    blank: bool,
    /// The cursor is hidden (once after the screen is taken or cleared).
    cursor_hidden: bool,
}

impl<W: Write> Screen<W> {
    /// A screen of `size` on a terminal that shows nothing yet (a fresh alternate screen).
    pub fn new(out: W, size: Size) -> Screen<W> {
        let area = Rect::new(0, 0, size.width, size.height);
        Screen {
            out,
            // About two bytes a cell on a first frame: written without growing.
            bytes: Vec::with_capacity(usize::from(size.width) * usize::from(size.height) * 2),
            buffers: [Buffer::empty(area), Buffer::empty(Rect::ZERO)],
            current: 0,
            drawn: [false; 2],
            blank: true,
            cursor_hidden: false,
        }
    }

    /// Draw a frame at `size` (the terminal's size now): `render` fills the buffer, and what differs
    /// from the last frame goes out in one write. At a new size the terminal is cleared and every cell
    /// is drawn.
    pub fn draw(&mut self, size: Size, render: impl FnOnce(Rect, &mut Buffer)) -> io::Result<()> {
        let area = Rect::new(0, 0, size.width, size.height);
        let current = self.current;
        if !self.blank && area != self.buffers[1 - current].area {
            // A new size: what the terminal shows is cleared, and every cell drawn.
            self.blank = true;
            queue!(self.bytes, Clear(ClearType::All))?;
        }
        if area != self.buffers[current].area {
            self.buffers[current].resize(area);
        }
        if !self.cursor_hidden {
            queue!(self.bytes, Hide)?;
            self.cursor_hidden = true;
        }
        if self.drawn[current] {
            self.buffers[current].reset();
        }
        self.drawn[current] = true;
        render(area, &mut self.buffers[current]);
        let [a, b] = &self.buffers;
        let (shown, next) = if current == 0 { (b, a) } else { (a, b) };
        write_changes(&mut self.bytes, (!self.blank).then_some(shown), next)?;
        let written = self.out.write_all(&self.bytes).and_then(|()| self.out.flush());
        // What could not be written is not kept for the next frame.
        self.bytes.clear();
        self.current = 1 - current;
        self.blank = false;
        written
    }

    /// The size the screen was made at, for its first frame (after that the next buffer may not have
    /// been made yet: read the terminal's size instead).
    pub fn size(&self) -> Size {
        self.buffers[self.current].area.as_size()
    }

    /// The terminal was cleared behind the screen's back (and its cursor shown): the next frame
    /// draws every cell.
    pub fn cleared(&mut self) {
        self.blank = true;
        self.cursor_hidden = false;
    }

    #[cfg(test)]
    fn writer(&self) -> &W {
        &self.out
    }
}

/// The colours and attributes the terminal writes with, as the last cell written set them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    /// After a frame (which ends by resetting everything).
    const RESET: Pen = Pen { fg: Color::Reset, bg: Color::Reset, underline: Color::Reset, modifier: Modifier::empty() };

    fn of(cell: &Cell) -> Pen {
        Pen { fg: cell.fg, bg: cell.bg, underline: cell.underline_color, modifier: cell.modifier }
    }

    /// Take `cell`'s colours and attributes, sending what changes as ratatui's crossterm backend does.
    fn take(&mut self, out: &mut Vec<u8>, cell: &Cell) -> io::Result<()> {
        let to = Pen::of(cell);
        if to.modifier != self.modifier {
            queue_modifiers(out, self.modifier, to.modifier)?;
        }
        if to.fg != self.fg || to.bg != self.bg {
            // `SetColors`: both in one sequence.
            out.extend_from_slice(b"\x1b[");
            push_color(out, Layer::Foreground, to.fg.into_crossterm());
            out.push(b';');
            push_color(out, Layer::Background, to.bg.into_crossterm());
            out.push(b'm');
        }
        if to.underline != self.underline {
            set_color(out, Layer::Underline, to.underline.into_crossterm());
        }
        *self = to;
        Ok(())
    }
}

/// What changed from `shown` (None: a blank screen) to `next`, as bytes for the terminal.
fn write_changes(out: &mut Vec<u8>, shown: Option<&Buffer>, next: &Buffer) -> io::Result<()> {
    let width = usize::from(next.area.width);
    if width == 0 || shown.is_some_and(|s| s.area.width != next.area.width) {
        return Ok(());
    }
    let mut pen = Pen::RESET;
    // The index of the last cell written, and the index just past the end of its row.
    let mut last: Option<usize> = None;
    let mut row_end = 0;
    // Whether the cursor is known to be just after the last cell written: it was moved there, and
    // only one-byte cells were written since. After anything else terminals may differ (a wide
    // character, an emoji, or `·`, `…`, `│`, which a terminal set to East Asian widths draws two
    // columns wide): the next gap is moved over, as ratatui does, so a row is never shifted past it.
    let mut known = false;
    let mut result = Ok(());
    each_change(shown.map(|s| s.content.as_slice()), &next.content, |i| {
        let cell = &next.content[i];
        // ratatui's rule: the cursor is where it should be after the cell to the left (the cell just
        // before, on the same row).
        if !last.is_some_and(|l| i == l + 1 && i < row_end) {
            let (x, y) = (i % width, i / width);
            let (cx, cy) = (u16::try_from(x).unwrap_or(u16::MAX), u16::try_from(y).unwrap_or(u16::MAX));
            let rewritten = match last {
                Some(l) if known && i < row_end => {
                    let lx = u16::try_from(l % width).unwrap_or(u16::MAX);
                    rewrite_unchanged(out, next, (lx, cx), cy, pen)
                }
                _ => false,
            };
            if !rewritten {
                move_to(out, cx, cy);
                known = true;
            }
            row_end = (y + 1) * width;
        }
        last = Some(i);
        if Pen::of(cell) != pen && result.is_ok() {
            result = pen.take(out, cell);
        }
        match one_byte(cell) {
            Some(b) => out.push(b),
            None => {
                out.extend_from_slice(cell.symbol().as_bytes());
                known = false;
            }
        }
    });
    result?;
    if last.is_some() {
        // What `SetForegroundColor`, `SetBackgroundColor` and `SetUnderlineColor` to `Reset`, then
        // `SetAttribute(Reset)` write.
        for layer in [Layer::Foreground, Layer::Background, Layer::Underline] {
            set_color(out, layer, CrosstermColor::Reset);
        }
        out.extend_from_slice(b"\x1b[0m");
    }
    Ok(())
}

/// Modifiers that show on a blank cell (ratatui's diff: a wide character replaced by a narrow one
/// in such a style has the cells it covered drawn again).
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::CROSSED_OUT);

/// Call `change` with the index of every cell of `next` to write over `prev` (None: a blank screen),
/// in order: the cells ratatui's `Buffer::diff_iter` yields (wide characters, emoji with VS16, skipped
/// cells, `ForcedWidth` and `AlwaysUpdate`), found comparing a cell's bytes and style before measuring
/// any width.
#[allow(deprecated)] // `Cell::skip`, which ratatui's diff still honours.
fn each_change(prev: Option<&[Cell]>, next: &[Cell], mut change: impl FnMut(usize)) {
    static BLANK: Cell = Cell::EMPTY;
    let len = prev.map_or(next.len(), |p| next.len().min(p.len()));
    let previous_of = |i: usize| prev.map_or(&BLANK, |p| &p[i]);
    let skipped = |c: &Cell| {
        matches!(c.diff_option, CellDiffOption::Skip) || (c.skip && matches!(c.diff_option, CellDiffOption::None))
    };
    let mut pos = 0;
    while pos < len {
        let i = pos;
        pos += 1;
        let current = &next[i];
        // Most cells: one byte each, drawn as they are, over a cell of one byte (on a blank screen a
        // space in no style). Written when the byte or the style differs (what the rest of the loop
        // decides for them, without measuring widths).
        let differs = plain_byte(current).and_then(|a| match prev {
            None => Some(a != b' ' || Pen::of(current) != Pen::RESET),
            Some(p) => plain_byte(&p[i]).map(|b| a != b || Pen::of(current) != Pen::of(&p[i])),
        });
        if let Some(differs) = differs {
            if differs {
                change(i);
            }
            continue;
        }
        let previous = previous_of(i);
        match current.diff_option {
            CellDiffOption::Skip => {}
            _ if skipped(current) => {}
            CellDiffOption::ForcedWidth(w) => {
                pos = pos.saturating_add(usize::from(w.get()).saturating_sub(1));
                if !same(current, previous) {
                    change(i);
                }
            }
            CellDiffOption::None | CellDiffOption::AlwaysUpdate => {
                if current.diff_option == CellDiffOption::None && same(current, previous) {
                    pos += usize::from(width_of(current)).saturating_sub(1);
                    continue;
                }
                let (width, previous_width) = (usize::from(width_of(current)), usize::from(width_of(previous)));
                // The columns after it to look at again, and whether each is written whatever it holds.
                let mut trailing = None;
                if width > 1 && current.symbol().contains('\u{FE0F}') {
                    // An emoji with VS16, which some terminals do not clear behind.
                    trailing = Some((i + 1, (i + width).min(len), false));
                } else if width > 1 {
                    pos += width - 1;
                } else if previous_width > width
                    && (previous.bg != Color::Reset || previous.modifier.intersects(VISIBLE_ON_BLANK))
                {
                    // The wide character's style may still show on the columns it covered.
                    trailing = Some((i + 1, (i + previous_width).min(len), true));
                }
                change(i);
                if let Some((mut j, mut end, force)) = trailing {
                    while j < end {
                        let k = j;
                        j += usize::from(width_of(&next[k])).max(1);
                        end = end.max(j).min(len);
                        if !skipped(&next[k]) && (force || previous_of(k).symbol() != next[k].symbol()) {
                            change(k);
                        }
                    }
                    pos = end;
                }
            }
        }
    }
}

/// `a == b` for cells, the one-byte symbol of most cells compared without a call.
#[allow(deprecated)] // `Cell::skip`, part of a cell's equality.
fn same(a: &Cell, b: &Cell) -> bool {
    let (x, y) = (a.symbol().as_bytes(), b.symbol().as_bytes());
    let symbol = match (x, y) {
        (&[p], &[q]) => p == q,
        _ => x == y,
    };
    symbol
        && a.fg == b.fg
        && a.bg == b.bg
        && a.underline_color == b.underline_color
        && a.modifier == b.modifier
        && a.diff_option == b.diff_option
        && a.skip == b.skip
}

/// The one byte of a cell drawn as it is (no diff option, not skipped) whose symbol is one byte.
#[allow(deprecated)] // `Cell::skip`, which ratatui's diff still honours.
fn plain_byte(cell: &Cell) -> Option<u8> {
    match (cell.diff_option, cell.skip, cell.symbol().as_bytes()) {
        (CellDiffOption::None, false, &[b]) => Some(b),
        _ => None,
    }
}

/// A cell's width in columns, as ratatui's diff measures it (a one-byte symbol is one column).
fn width_of(cell: &Cell) -> u16 {
    if cell.symbol().len() == 1 && cell.diff_option == CellDiffOption::None { 1 } else { cell.cell_width() }
}

/// A cell that is one byte on the screen and one column wide: a printable ASCII character.
fn one_byte(cell: &Cell) -> Option<u8> {
    match cell.symbol().as_bytes() {
        &[b] if b == b' ' || b.is_ascii_graphic() => Some(b),
        _ => None,
    }
}

/// Write the unchanged cells strictly between columns `from` and `to` of row `y` again (the cursor is
/// just after `from`), when that is shorter than moving the cursor to `to` and shows the same: every
/// cell between is a one-byte character, drawn as it is (not skipped) in the pen's colours and
/// attributes. Says whether it wrote them.
#[allow(deprecated)] // `Cell::skip`, which ratatui's diff still honours.
fn rewrite_unchanged(out: &mut Vec<u8>, next: &Buffer, (from, to): (u16, u16), y: u16, pen: Pen) -> bool {
    // The caller passes columns of one row, `from` before `to`.
    let gap = usize::from(to.saturating_sub(from).saturating_sub(1));
    if gap > move_len(to, y) {
        return false;
    }
    let row = usize::from(y) * usize::from(next.area.width);
    let Some(cells) = next.content.get(row + usize::from(from) + 1..row + usize::from(to)) else { return false };
    let start = out.len();
    for cell in cells {
        match one_byte(cell) {
            Some(b) if cell.diff_option == CellDiffOption::None && !cell.skip && Pen::of(cell) == pen => out.push(b),
            _ => {
                out.truncate(start);
                return false;
            }
        }
    }
    true
}

/// What a colour is set for: its digit in the codes (`38;…` sets, `39` resets the foreground).
#[derive(Debug, Clone, Copy)]
enum Layer {
    Foreground = 3,
    Background = 4,
    Underline = 5,
}

/// One colour in a sequence of its own: `ESC [ … m`, as crossterm's `SetUnderlineColor` and the like.
fn set_color(out: &mut Vec<u8>, layer: Layer, color: CrosstermColor) {
    out.extend_from_slice(b"\x1b[");
    push_color(out, layer, color);
    out.push(b'm');
}

/// A colour as crossterm's `Colored` writes it after `ESC [`: `38;5;6` (foreground, colour 6), `49`
/// (background reset), `58;2;1;2;3` (underline, RGB); nothing when `NO_COLOR` is set, as crossterm.
fn push_color(out: &mut Vec<u8>, layer: Layer, color: CrosstermColor) {
    use CrosstermColor as C;
    if Colored::ansi_color_disabled_memoized() {
        return;
    }
    let digit = b'0' + layer as u8;
    let index = match color {
        C::Reset => {
            out.extend_from_slice(&[digit, b'9']);
            return;
        }
        C::Rgb { r, g, b } => {
            out.extend_from_slice(&[digit, b'8', b';', b'2']);
            for v in [r, g, b] {
                out.push(b';');
                push_number(out, u32::from(v));
            }
            return;
        }
        C::AnsiValue(v) => v,
        C::Black => 0,
        C::DarkRed => 1,
        C::DarkGreen => 2,
        C::DarkYellow => 3,
        C::DarkBlue => 4,
        C::DarkMagenta => 5,
        C::DarkCyan => 6,
        C::Grey => 7,
        C::DarkGrey => 8,
        C::Red => 9,
        C::Green => 10,
        C::Yellow => 11,
        C::Blue => 12,
        C::Magenta => 13,
        C::Cyan => 14,
        C::White => 15,
    };
    out.extend_from_slice(&[digit, b'8', b';', b'5', b';']);
    push_number(out, u32::from(index));
}

/// `MoveTo(x, y)`: `ESC [ row ; column H`, counted from 1.
fn move_to(out: &mut Vec<u8>, x: u16, y: u16) {
    out.extend_from_slice(b"\x1b[");
    push_number(out, u32::from(y) + 1);
    out.push(b';');
    push_number(out, u32::from(x) + 1);
    out.push(b'H');
}

/// The bytes of `move_to(x, y)`.
fn move_len(x: u16, y: u16) -> usize {
    let digits = |n: u32| n.checked_ilog10().map_or(1, |d| d as usize + 1);
    4 + digits(u32::from(y) + 1) + digits(u32::from(x) + 1)
}

fn push_number(out: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + u8::try_from(n % 10).unwrap_or(0);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// The attributes to send when a cell's modifiers differ from the last cell's: what ratatui's
/// crossterm backend sends (its `ModifierDiff`).
fn queue_modifiers(w: &mut impl Write, from: Modifier, to: Modifier) -> io::Result<()> {
    let removed = from - to;
    if removed.contains(Modifier::REVERSED) {
        queue!(w, SetAttribute(Attribute::NoReverse))?;
    }
    let reset_intensity = removed.contains(Modifier::BOLD) || removed.contains(Modifier::DIM);
    if reset_intensity {
        // Bold and Dim are both reset by Normal intensity; what remains of them is set again.
        queue!(w, SetAttribute(Attribute::NormalIntensity))?;
        if to.contains(Modifier::DIM) {
            queue!(w, SetAttribute(Attribute::Dim))?;
        }
        if to.contains(Modifier::BOLD) {
            queue!(w, SetAttribute(Attribute::Bold))?;
        }
    }
    for (modifier, off) in [
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
    ] {
        if removed.contains(modifier) {
            queue!(w, SetAttribute(off))?;
        }
    }
    if removed.contains(Modifier::SLOW_BLINK) || removed.contains(Modifier::RAPID_BLINK) {
        queue!(w, SetAttribute(Attribute::NoBlink))?;
    }
    let added = to - from;
    if added.contains(Modifier::REVERSED) {
        queue!(w, SetAttribute(Attribute::Reverse))?;
    }
    if added.contains(Modifier::BOLD) && !reset_intensity {
        queue!(w, SetAttribute(Attribute::Bold))?;
    }
    for (modifier, on) in [(Modifier::ITALIC, Attribute::Italic), (Modifier::UNDERLINED, Attribute::Underlined)] {
        if added.contains(modifier) {
            queue!(w, SetAttribute(on))?;
        }
    }
    if added.contains(Modifier::DIM) && !reset_intensity {
        queue!(w, SetAttribute(Attribute::Dim))?;
    }
    for (modifier, on) in [
        (Modifier::CROSSED_OUT, Attribute::CrossedOut),
        (Modifier::HIDDEN, Attribute::Hidden),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink),
    ] {
        if added.contains(modifier) {
            queue!(w, SetAttribute(on))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::backend::{Backend, CrosstermBackend};
    use ratatui::style::Style;

    use super::*;

    const W: u16 = 14;
    const H: u16 = 4;

    /// Counts the writes it is given.
    #[derive(Default)]
    struct Writes {
        bytes: Vec<u8>,
        calls: usize,
    }

    impl Write for Writes {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.calls += 1;
            self.bytes.extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn size() -> Size {
        Size::new(W, H)
    }

    /// Text written at a place in a style, as widgets write it (`set_string`: wide characters blank
    /// the cells they cover).
    type Stroke = (u16, u16, &'static str, usize);

    /// Plain, styled and wide text. (Not an emoji with VS16: text written over its right half leaves
    /// ratatui's own output wrong on a terminal, which then shows a cell ratatui thinks it cleared, so
    /// there is nothing right to compare with. The app draws no such thing.)
    const TEXTS: &[&str] = &["a", "ab cd", "  ", "x  y", "─┐", "漢字", "é", " ", "wörd", "a\u{301}", "b c"];

    fn style(i: usize) -> Style {
        let colors = [Color::Reset, Color::Red, Color::Indexed(208), Color::Rgb(1, 2, 3)];
        let modifiers = [
            Modifier::empty(),
            Modifier::BOLD,
            Modifier::DIM | Modifier::ITALIC,
            Modifier::REVERSED,
            Modifier::UNDERLINED | Modifier::BOLD,
        ];
        Style::new()
            .fg(colors[i % colors.len()])
            .bg(colors[(i / 4) % colors.len()])
            .add_modifier(modifiers[(i / 2) % modifiers.len()])
    }

    fn frame(strokes: &[Stroke]) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, W, H));
        for &(x, y, text, s) in strokes {
            buf.set_string(x, y, text, style(s));
        }
        buf
    }

    /// How a cell looks: its text and how it is drawn. A cell never written and a space written
    /// there look the same, and a blank shows no foreground colour, weight or slant (what ratatui's
    /// diff also holds); the right half of a wide character is only that.
    fn look(text: &str, fg: vt100::Color, bg: vt100::Color, flags: [bool; 5]) -> String {
        let [bold, dim, italic, underline, inverse] = flags;
        let ink =
            if text.trim().is_empty() { String::new() } else { format!("{text:?} fg {fg:?} b{bold} d{dim} i{italic}") };
        format!("{ink} bg {bg:?} u{underline} r{inverse}")
    }

    /// What a terminal shows of each cell.
    fn shown(parser: &vt100::Parser) -> Vec<String> {
        let screen = parser.screen();
        let mut cells = Vec::new();
        for y in 0..H {
            for x in 0..W {
                let c = screen.cell(y, x).expect("a cell");
                cells.push(if c.is_wide_continuation() {
                    "right half".to_string()
                } else {
                    look(
                        c.contents(),
                        c.fgcolor(),
                        c.bgcolor(),
                        [c.bold(), c.dim(), c.italic(), c.underline(), c.inverse()],
                    )
                });
            }
        }
        cells
    }

    /// What the frame asks a terminal to show of each cell.
    fn wanted(frame: &Buffer) -> Vec<String> {
        let color = |c: Color| match c {
            Color::Reset => vt100::Color::Default,
            Color::Red => vt100::Color::Idx(1),
            Color::Indexed(i) => vt100::Color::Idx(i),
            Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
            other => panic!("no colour {other:?} in these frames"),
        };
        let mut cells = Vec::new();
        for y in 0..H {
            for x in 0..W {
                let c = &frame[(x, y)];
                let right_half = x > 0 && crate::text::width(frame[(x - 1, y)].symbol()) == 2;
                cells.push(if right_half {
                    "right half".to_string()
                } else {
                    let m = c.modifier;
                    let flags =
                        [Modifier::BOLD, Modifier::DIM, Modifier::ITALIC, Modifier::UNDERLINED, Modifier::REVERSED]
                            .map(|f| m.contains(f));
                    look(c.symbol(), color(c.fg), color(c.bg), flags)
                });
            }
        }
        cells
    }

    fn terminal() -> vt100::Parser {
        let n = |v| std::num::NonZeroU16::new(v).expect("a size");
        vt100::Parser::new(n(H), n(W), 0)
    }

    /// Draw `frames` through `Screen` and through ratatui's diff and crossterm backend; after each
    /// frame, every cell ratatui's way shows as the frame asks, this way shows so too. (Where text
    /// overwrites half of a wide character, ratatui's way can leave a cell wrong on the terminal;
    /// `Screen` may then show it right, so the two are not simply compared.)
    fn same_screens(frames: &[Buffer]) -> Result<(), TestCaseError> {
        same_screens_cleared(&frames.iter().map(|f| (false, f.clone())).collect::<Vec<_>>())
    }

    /// `same_screens`, each frame after clearing the terminal when its flag says so (as after the
    /// editor); a cell marked to be skipped is left as it was by both ways.
    fn same_screens_cleared(frames: &[(bool, Buffer)]) -> Result<(), TestCaseError> {
        let (mut ours, mut theirs) = (terminal(), terminal());
        let mut screen = Screen::new(Vec::new(), size());
        let mut shown_frame = Buffer::empty(Rect::new(0, 0, W, H));
        for (i, (clear, next)) in frames.iter().enumerate() {
            if *clear {
                ours.process(b"\x1b[2J");
                theirs.process(b"\x1b[2J");
                screen.cleared();
                shown_frame = Buffer::empty(Rect::new(0, 0, W, H));
            }
            screen.draw(size(), |_, buf| buf.content.clone_from(&next.content)).expect("draw");
            ours.process(screen.writer());
            screen.out.clear();
            let mut bytes = Vec::new();
            CrosstermBackend::new(&mut bytes).draw(shown_frame.diff(next).into_iter()).expect("draw");
            theirs.process(&bytes);
            shown_frame = next.clone();
            let (want, ours, theirs) = (wanted(next), shown(&ours), shown(&theirs));
            for (cell, ((want, ours), theirs)) in want.iter().zip(&ours).zip(&theirs).enumerate() {
                #[allow(deprecated)]
                let skipped = next.content[cell].diff_option == CellDiffOption::Skip || next.content[cell].skip;
                if skipped {
                    prop_assert_eq!(ours, theirs, "frame {}, skipped cell {}: left as it was", i, cell);
                } else if theirs == want {
                    prop_assert_eq!(
                        ours,
                        want,
                        "frame {}, cell {},{}",
                        i,
                        cell % usize::from(W),
                        cell / usize::from(W)
                    );
                }
            }
            prop_assert!(
                want.iter().zip(&ours).filter(|(w, o)| w == o).count()
                    >= want.iter().zip(&theirs).filter(|(w, t)| w == t).count()
            );
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn a_terminal_shows_what_ratatui_would_have_it_show(
            frames in prop::collection::vec(
                (
                    prop::bool::weighted(0.2),
                    prop::collection::vec((0..W, 0..H, prop::sample::select(TEXTS), 0usize..40), 0..12),
                    prop::collection::vec((0..W, 0..H, prop::bool::ANY), 0..3),
                ),
                1..5,
            )
        ) {
            // Each frame draws over what the one before drew, so most cells stay from frame to frame.
            let mut drawn: Vec<Stroke> = Vec::new();
            let frames: Vec<(bool, Buffer)> = frames
                .iter()
                .map(|(clear, strokes, marks)| {
                    drawn.extend(strokes.iter().copied());
                    let mut buf = frame(&drawn);
                    // Cells a widget asks to be skipped, or always sent.
                    for &(x, y, skip) in marks {
                        let option = if skip { CellDiffOption::Skip } else { CellDiffOption::AlwaysUpdate };
                        buf[(x, y)].set_diff_option(option);
                    }
                    (*clear, buf)
                })
                .collect();
            same_screens_cleared(&frames)?;
        }
    }

    #[test]
    fn colours_are_written_as_crossterm_writes_them() {
        use CrosstermColor as C;
        use ratatui::crossterm::queue;
        use ratatui::crossterm::style::{Colors, SetColors, SetUnderlineColor};
        let named = [
            C::Reset,
            C::Black,
            C::DarkGrey,
            C::Red,
            C::DarkRed,
            C::Green,
            C::DarkGreen,
            C::Yellow,
            C::DarkYellow,
            C::Blue,
            C::DarkBlue,
            C::Magenta,
            C::DarkMagenta,
            C::Cyan,
            C::DarkCyan,
            C::White,
            C::Grey,
        ];
        let all = named
            .into_iter()
            .chain([0, 9, 100, 255].map(C::AnsiValue))
            .chain([C::Rgb { r: 0, g: 0, b: 0 }, C::Rgb { r: 1, g: 22, b: 255 }]);
        for fg in all.clone() {
            for bg in all.clone() {
                let (mut ours, mut theirs) = (b"\x1b[".to_vec(), Vec::new());
                push_color(&mut ours, Layer::Foreground, fg);
                ours.push(b';');
                push_color(&mut ours, Layer::Background, bg);
                ours.push(b'm');
                queue!(theirs, SetColors(Colors::new(fg, bg))).unwrap();
                assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs));
            }
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            set_color(&mut ours, Layer::Underline, fg);
            queue!(theirs, SetUnderlineColor(fg)).unwrap();
            assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs));
        }
    }

    /// ratatui's own diff, for comparing with `each_change`.
    fn ratatui_changes(prev: &Buffer, next: &Buffer) -> Vec<usize> {
        prev.diff_iter(next).map(|(x, y, _)| usize::from(y) * usize::from(W) + usize::from(x)).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// The cells written are the very cells ratatui's diff yields, wide characters, emoji with VS16,
        /// skipped and forced cells included.
        #[test]
        fn the_cells_written_are_those_ratatuis_diff_yields(
            frames in prop::collection::vec(
                (
                    prop::collection::vec(
                        (0..W, 0..H, prop::sample::select([TEXTS, &["😀\u{fe0f}", "❤\u{fe0f}", "語"]].concat()), 0usize..40),
                        0..14,
                    ),
                    prop::collection::vec((0..W, 0..H, 0u8..4), 0..4),
                ),
                2,
            )
        ) {
            let buffers: Vec<Buffer> = frames
                .iter()
                .map(|(strokes, marks)| {
                    let mut buf = frame(strokes);
                    for &(x, y, mark) in marks {
                        let option = match mark {
                            0 => CellDiffOption::Skip,
                            // (A forced width in the very last cell makes ratatui's diff index past the end.)
                            1 => CellDiffOption::AlwaysUpdate,
                            _ if (x, y) == (W - 1, H - 1) => CellDiffOption::AlwaysUpdate,
                            _ => CellDiffOption::ForcedWidth(std::num::NonZeroU16::new(u16::from(mark)).unwrap()),
                        };
                        buf[(x, y)].set_diff_option(option);
                    }
                    buf
                })
                .collect();
            let mut ours = Vec::new();
            each_change(Some(&buffers[0].content), &buffers[1].content, |i| ours.push(i));
            prop_assert_eq!(ours, ratatui_changes(&buffers[0], &buffers[1]));
            // Over a blank screen, as over an empty buffer.
            let mut ours = Vec::new();
            each_change(None, &buffers[1].content, |i| ours.push(i));
            prop_assert_eq!(ours, ratatui_changes(&Buffer::empty(buffers[1].area), &buffers[1]));
        }
    }

    #[test]
    fn a_blank_screens_cells_are_spaces_in_no_style() {
        // What the first frame's cells are compared with, without reading a cell.
        assert_eq!(plain_byte(&Cell::EMPTY), Some(b' '));
        assert_eq!(Pen::of(&Cell::EMPTY), Pen::RESET);
    }

    #[test]
    fn plain_words_are_written_with_their_spaces_not_a_move_each() {
        let next = frame(&[(1, 1, "one two  six", 0)]);
        let mut screen = Screen::new(Vec::new(), size());
        screen.draw(size(), |_, buf| buf.content.clone_from(&next.content)).unwrap();
        let text = String::from_utf8_lossy(screen.writer()).into_owned();
        assert_eq!(text.matches('H').count(), 1, "one cursor move: {text:?}");
        assert!(text.contains("\x1b[2;2Hone two  six"), "{text:?}");
        // A long gap is moved over.
        let far = frame(&[(0, 0, "a", 0), (12, 0, "b", 0)]);
        let mut screen = Screen::new(Vec::new(), size());
        screen.draw(size(), |_, buf| buf.content.clone_from(&far.content)).unwrap();
        assert_eq!(
            String::from_utf8_lossy(screen.writer()),
            "\x1b[?25l\x1b[1;1Ha\x1b[1;13Hb\x1b[39m\x1b[49m\x1b[59m\x1b[0m"
        );
    }

    #[test]
    fn the_first_cell_of_a_row_is_moved_to_not_reached_by_wrapping() {
        // The last cell of the first row and the first of the second, one after the other in the
        // buffer: the second is moved to, as ratatui does (a terminal's wrap is not relied on).
        let next = frame(&[(W - 1, 0, "a", 0), (0, 1, "b", 0)]);
        let mut screen = Screen::new(Vec::new(), size());
        screen.draw(size(), |_, buf| buf.content.clone_from(&next.content)).unwrap();
        let text = String::from_utf8_lossy(screen.writer()).into_owned();
        assert!(text.contains(&format!("\x1b[1;{W}Ha\x1b[2;1Hb")), "{text:?}");
    }

    #[test]
    fn a_gap_in_another_style_or_after_a_wide_character_is_moved_over() {
        // The unchanged space between has the default style; the pen is red when it is reached.
        let red = frame(&[(0, 0, "a", 1), (2, 0, "b", 1)]);
        let wide = frame(&[(0, 1, "漢", 0), (3, 1, "b", 0)]);
        for next in [red, wide] {
            same_screens(std::slice::from_ref(&next)).unwrap();
            let mut screen = Screen::new(Vec::new(), size());
            screen.draw(size(), |_, buf| buf.content.clone_from(&next.content)).unwrap();
            let text = String::from_utf8_lossy(screen.writer()).into_owned();
            assert_eq!(text.matches('H').count(), 2, "{text:?}");
        }
    }

    #[test]
    fn a_frame_goes_out_in_one_write_and_an_unchanged_frame_writes_nothing() {
        let next = frame(&[(0, 0, "ab cd", 3), (2, 2, "漢字", 5)]);
        let mut screen = Screen::new(Writes::default(), size());
        screen.draw(size(), |_, buf| buf.content.clone_from(&next.content)).unwrap();
        assert_eq!(screen.writer().calls, 1);
        let first = screen.writer().bytes.len();
        screen.draw(size(), |_, buf| buf.content.clone_from(&next.content)).unwrap();
        assert_eq!(screen.writer().bytes.len(), first, "nothing changed, nothing sent");
        // A new size clears the terminal and draws every cell again.
        screen.draw(Size::new(W, H - 1), |_, buf| buf.set_string(0, 0, "ab", Style::new())).unwrap();
        assert!(String::from_utf8_lossy(&screen.writer().bytes[first..]).starts_with("\x1b[2J"));
    }

    #[test]
    fn cells_a_frame_does_not_draw_are_blank_on_the_screen() {
        // Frames that write only some cells, as widgets do: what the one before drew is not kept in
        // either buffer.
        let mut screen = Screen::new(Vec::new(), size());
        let mut parser = terminal();
        for text in ["abcdef", "xyz", "q", "", "12"] {
            screen.draw(size(), |_, buf| buf.set_string(0, 0, text, Style::new())).unwrap();
            parser.process(screen.writer());
            screen.out.clear();
            let row = parser.screen().contents().lines().next().unwrap_or("").trim_end().to_string();
            assert_eq!(row, text);
        }
    }

    #[test]
    fn after_a_clear_every_cell_is_drawn_again() {
        let next = frame(&[(0, 0, "ab", 0)]);
        let mut screen = Screen::new(Vec::new(), size());
        screen.draw(size(), |_, buf| buf.content.clone_from(&next.content)).unwrap();
        screen.out.clear();
        screen.cleared();
        screen.draw(size(), |_, buf| buf.content.clone_from(&next.content)).unwrap();
        assert_eq!(String::from_utf8_lossy(screen.writer()), "\x1b[?25l\x1b[1;1Hab\x1b[39m\x1b[49m\x1b[59m\x1b[0m");
    }
}
