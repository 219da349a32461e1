//! A box with plain borders and a title at its top left: what the screens' panes are drawn in.
//!
//! `draw` draws cell for cell what ratatui's `Block::default().borders(Borders::ALL)
//! .border_style(style).title(title)` draws, straight into the buffer: that block first styles every
//! cell of its area (with no style, a change to none), then draws each side and corner through its
//! general merging of border symbols. On the first frame those are a quarter of the browser's drawing.
//! A title of characters that are not each one cell wide is drawn by the block itself.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};

/// Draw a bordered box titled `title` over `area` (what lies outside the buffer is not drawn);
/// returns the area inside its borders, as `Block::inner(area)` gives it.
pub fn draw(area: Rect, buf: &mut Buffer, title: &str, style: Style) -> Rect {
    let inner = Block::bordered().inner(area);
    let area = area.intersection(buf.area);
    if area.width < 2 || area.height < 2 || !title.chars().all(crate::text::one_cell) {
        Block::default().borders(Borders::ALL).border_style(style).title(title).render(area, buf);
        return inner;
    }
    let (left, top) = (area.left(), area.top());
    let (right, bottom) = (area.right() - 1, area.bottom() - 1);
    let mut put = |x: u16, y: u16, symbol: &str| {
        buf[(x, y)].set_symbol(symbol).set_style(style);
    };
    for y in top + 1..bottom {
        put(left, y, "│");
        put(right, y, "│");
    }
    for x in left + 1..right {
        put(x, top, "─");
        put(x, bottom, "─");
    }
    put(left, top, "┌");
    put(right, top, "┐");
    put(left, bottom, "└");
    put(right, bottom, "┘");
    // The title over the top border, cut at the corner; it keeps the border's style.
    super::selectable::put_one_cell_text(buf, left + 1, top, title, Style::new(), area.width - 2);
    inner
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::style::{Color, Modifier};

    use super::*;

    /// A buffer of `w`×`h` at (`x`, `y`) whose cells already hold text in several styles.
    fn drawn_on(x: u16, y: u16, w: u16, h: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(x, y, w, h));
        for row in 0..h {
            let style = Style::new().fg(Color::Indexed(u8::try_from(row % 200).unwrap_or(0)));
            let style = if row % 3 == 0 { style.add_modifier(Modifier::BOLD).bg(Color::Blue) } else { style };
            buf.set_string(x, y + row, "abc 語 def ".repeat(usize::from(w)), style);
        }
        buf
    }

    #[test]
    fn a_titled_box_is_drawn_as_ratatuis_block_draws_it() {
        let style = Style::new().fg(Color::DarkGray);
        let area = Rect::new(1, 1, 20, 6);
        let mut ours = drawn_on(0, 0, 24, 9);
        let mut theirs = ours.clone();
        let inner = draw(area, &mut ours, " Questions ", style);
        let block = Block::default().borders(Borders::ALL).border_style(style).title(" Questions ");
        assert_eq!(inner, block.inner(area));
        block.render(area, &mut theirs);
        assert_eq!(ours, theirs);
        assert_eq!(ours[(1, 1)].symbol(), "┌");
        assert_eq!(ours[(2, 1)].symbol(), " ");
        assert_eq!(ours[(3, 1)].symbol(), "Q");
        assert_eq!(ours[(3, 1)].fg, Color::DarkGray);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// At any place and size (cut by the buffer, down to nothing), over any text, with any
        /// title and style: the same cells, styles and inner area as the block.
        #[test]
        fn every_box_is_drawn_as_ratatuis_block_draws_it(
            (bx, by, bw, bh) in (0u16..4, 0u16..4, 0u16..30, 0u16..12),
            (x, y, w, h) in (0u16..34, 0u16..16, 0u16..34, 0u16..16),
            title in proptest::collection::vec(proptest::sample::select(vec![
                'a', 'Q', ' ', '…', '–', '“', '語', '\u{301}', '🎉',
            ]), 0..40),
            fg in proptest::option::of(0u8..=255),
            bold in any::<bool>(),
        ) {
            let title: String = title.into_iter().collect();
            let mut style = Style::new();
            if let Some(fg) = fg {
                style = style.fg(Color::Indexed(fg));
            }
            if bold {
                style = style.add_modifier(Modifier::BOLD);
            }
            let area = Rect::new(x, y, w, h);
            let mut ours = drawn_on(bx, by, bw, bh);
            let mut theirs = ours.clone();
            let inner = draw(area, &mut ours, &title, style);
            let block = Block::default().borders(Borders::ALL).border_style(style).title(title.as_str());
            prop_assert_eq!(inner, block.inner(area));
            block.render(area, &mut theirs);
            prop_assert_eq!(ours, theirs);
        }
    }
}
