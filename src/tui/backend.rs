//! The app's terminal backend: crossterm's, except that a frame's text goes straight to the writer.
//!
//! `CrosstermBackend::draw` sends every cell's text through crossterm's `Print`, which formats it
//! with `core::fmt` to write a few bytes: on a full first frame that is most of the cost of drawing
//! it. `AppBackend::draw` sends the same bytes in the same order (cursor moves, attributes and
//! colours by crossterm's commands, as ratatui does; a cell's text as it is), and everything else is
//! `CrosstermBackend`'s. A test compares the bytes of both.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::cursor::MoveTo;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{
    Attribute, Color as CrosstermColor, Colors, SetAttribute, SetBackgroundColor, SetColors, SetForegroundColor,
    SetUnderlineColor,
};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

/// `CrosstermBackend` over `W`, drawing a frame's text without formatting it.
#[derive(Debug)]
pub struct AppBackend<W: Write> {
    inner: CrosstermBackend<W>,
}

impl<W: Write> AppBackend<W> {
    pub fn new(writer: W) -> AppBackend<W> {
        AppBackend { inner: CrosstermBackend::new(writer) }
    }
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

impl<W: Write> Backend for AppBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let w = &mut self.inner;
        let (mut fg, mut bg, mut underline) = (Color::Reset, Color::Reset, Color::Reset);
        let mut modifier = Modifier::empty();
        let mut last: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            if !matches!(last, Some((lx, ly)) if x == lx + 1 && y == ly) {
                queue!(w, MoveTo(x, y))?;
            }
            last = Some((x, y));
            if cell.modifier != modifier {
                queue_modifiers(w, modifier, cell.modifier)?;
                modifier = cell.modifier;
            }
            if cell.fg != fg || cell.bg != bg {
                queue!(w, SetColors(Colors::new(cell.fg.into_crossterm(), cell.bg.into_crossterm())))?;
                fg = cell.fg;
                bg = cell.bg;
            }
            if cell.underline_color != underline {
                queue!(w, SetUnderlineColor(cell.underline_color.into_crossterm()))?;
                underline = cell.underline_color;
            }
            w.write_all(cell.symbol().as_bytes())?;
        }
        queue!(
            w,
            SetForegroundColor(CrosstermColor::Reset),
            SetBackgroundColor(CrosstermColor::Reset),
            SetUnderlineColor(CrosstermColor::Reset),
            SetAttribute(Attribute::Reset),
        )
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Modifier, Style};

    use super::*;

    /// A frame of every kind of cell: colours of each kind, every modifier on and off, wide text.
    fn frame(seed: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 6));
        let colors = [Color::Reset, Color::Red, Color::Indexed(208), Color::Rgb(1, 2, 3), Color::LightCyan];
        let modifiers = Modifier::all().iter().collect::<Vec<_>>();
        for y in 0..6u16 {
            for x in (0..30u16).step_by(usize::from(1 + (x_step(seed, y)))) {
                let i = usize::from(x + y * 7 + seed);
                let m = modifiers[i % modifiers.len()] | modifiers[(i / 3) % modifiers.len()];
                let style = Style::new()
                    .fg(colors[i % colors.len()])
                    .bg(colors[(i / 2) % colors.len()])
                    .underline_color(colors[(i / 5) % colors.len()])
                    .add_modifier(if i % 4 == 0 { Modifier::empty() } else { m });
                let text = if i % 9 == 0 { "漢" } else { "a" };
                buf.set_string(x, y, text, style);
            }
        }
        buf
    }

    fn x_step(seed: u16, y: u16) -> u16 {
        (seed + y) % 3
    }

    fn bytes(draw: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> Vec<u8> {
        let mut out = Vec::new();
        draw(&mut out).unwrap();
        out
    }

    #[test]
    fn frames_go_out_byte_for_byte_as_crosstermbackend_sends_them() {
        let empty = Buffer::empty(Rect::new(0, 0, 30, 6));
        for (from, to) in [(empty.clone(), frame(0)), (frame(0), frame(1)), (frame(1), frame(2)), (frame(2), empty)] {
            let diff = from.diff(&to);
            let want = bytes(|out| CrosstermBackend::new(out).draw(diff.iter().copied()));
            let got = bytes(|out| AppBackend::new(out).draw(diff.iter().copied()));
            assert!(want.len() > 20);
            assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&want));
        }
    }
}
