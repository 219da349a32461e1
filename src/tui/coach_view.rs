//! The coach on screen: the talking points of a question's kind while answering, what a 1, a 3 and a
//! 5 look like for the part being scored, the scratchpad being typed in, and the insights on it
//! (Reveal and Score). Everything here is drawn from `bank::rubric` and `coach::insights`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::drill_view::{Editing, TextField};
use super::theme::theme;
use super::wrap::{mark_cut, wrap_limited};
use crate::bank::Star;
use crate::bank::rubric::{Anchors, Hint};
use crate::coach::insights::Insights;
use crate::format::{mmss, plural};
use crate::text::{visible_line, width as text_width};

/// `line` as it fits in `width` cells: cut with `…` when it is wider.
fn fit(mut line: Line<'static>, width: usize) -> Line<'static> {
    let used: usize = line.spans.iter().map(|s| text_width(&s.content)).sum();
    if used > width {
        mark_cut(&mut line, width);
    }
    line
}

/// The talking points of a kind, one a line: ` S  Situation: set the scene…`, the label in the
/// colour of its STAR part when it is one (S, T, A, R), bold otherwise.
pub fn hint_lines(hints: &[Hint], width: usize) -> Vec<Line<'static>> {
    let t = theme();
    let label_width = hints.iter().map(|h| text_width(&h.label)).max().unwrap_or(0);
    hints
        .iter()
        .map(|h| {
            let star = Star::ALL.into_iter().find(|s| h.label.len() == 1 && h.label.starts_with(s.letter()));
            let style = star.map_or(t.bold(), |s| t.star(s));
            let pad = " ".repeat(label_width.saturating_sub(text_width(&h.label)));
            let label = Span::styled(format!(" {}{pad} ", visible_line(&h.label)), style);
            fit(Line::from(vec![label, Span::raw(visible_line(&h.text).into_owned())]), width)
        })
        .collect()
}

/// What a 1, a 3 and a 5 look like for `part`: a heading, then each level on up to `per_level`
/// lines.
pub fn anchor_lines(anchors: &Anchors, part: Star, width: usize, per_level: usize) -> Vec<Line<'static>> {
    let t = theme();
    let mut lines = vec![fit(
        Line::from(vec![
            Span::styled("  What a 1, a 3 and a 5 look like for ", t.bold()),
            Span::styled(part.label(), t.star(part)),
        ]),
        width,
    )];
    for (score, text) in anchors.levels() {
        let lead = Span::styled(format!("    {score} "), t.score(f64::from(score)));
        let (mut wrapped, cut) = wrap_limited(&[(text.to_string(), Style::new())], width, lead, 6, per_level.max(1));
        if cut && let Some(last) = wrapped.last_mut() {
            mark_cut(last, width);
        }
        lines.extend(wrapped);
    }
    lines
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The insights on the scratchpad in three lines (each cut to `width`): length and voice; numbers,
/// STAR cues and learning; key terms (or, without a model answer, rubric points). Each line starts
/// with `indent`.
pub fn insight_lines(a: &Insights, indent: &str, width: usize) -> Vec<Line<'static>> {
    let t = theme();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let spoken = mmss(a.speaking_secs.round() as u64);
    let mut first = vec![
        Span::styled(format!("{indent}Scratchpad: "), t.bold()),
        Span::raw(format!("{} ≈ {spoken}", plural(a.words, "word"))),
    ];
    if let Some(limit) = a.limit_secs {
        #[allow(clippy::cast_precision_loss)]
        let over = a.speaking_secs > limit as f64;
        first.push(Span::styled(format!(" (limit {})", mmss(limit)), if over { t.warn() } else { t.dim() }));
    }
    // Amazon asks what *you* did: more "we" than "I" is worth a look.
    let voice = if a.we_count > a.i_count { t.warn() } else { Style::new() };
    first.push(Span::styled(format!(" · I {} · we {}", a.i_count, a.we_count), voice));
    let filler_total: usize = a.fillers.values().sum();
    let fillers = format!(" · {} ({} per 100)", plural(filler_total, "filler"), a.fillers_per_100);
    first.push(Span::styled(fillers, if a.fillers_per_100 >= 3.0 { t.warn() } else { Style::new() }));

    let numbers =
        if a.numbers.is_empty() { "none".to_string() } else { visible_line(&a.numbers.join(", ")).into_owned() };
    let cues: String = Star::ALL.iter().map(|&s| if a.star_cues[s] { s.letter() } else { '·' }).collect();
    let second = vec![
        Span::styled(format!("{indent}Numbers: "), t.bold()),
        Span::raw(numbers),
        Span::raw(" · result quantified: "),
        Span::styled(yes_no(a.result_quantified), if a.result_quantified { t.status() } else { t.warn() }),
        Span::raw(format!(" · STAR cues {cues} · learning: ")),
        Span::styled(yes_no(a.learning), if a.learning { t.status() } else { t.warn() }),
    ];
    let mut lines = vec![fit(Line::from(first), width), fit(Line::from(second), width)];
    let (label, used, missed) = if a.rubric_covered.is_empty() && a.rubric_missed.is_empty() {
        ("Key terms", &a.terms_used, &a.terms_missed)
    } else {
        ("Rubric points", &a.rubric_covered, &a.rubric_missed)
    };
    let n = used.len() + missed.len();
    if n > 0 {
        let mut spans = vec![Span::styled(format!("{indent}{label} used {}/{n}", used.len()), t.bold())];
        if !used.is_empty() {
            spans.push(Span::raw(format!(": {}", visible_line(&used.join(", ")))));
        }
        if !missed.is_empty() {
            spans.push(Span::styled(" · missed: ", t.warn()));
            spans.push(Span::raw(visible_line(&missed.join(", ")).into_owned()));
        }
        lines.push(fit(Line::from(spans), width));
    }
    lines
}

/// A text field being typed in, in a box of its own: its name, how much it holds, and the keys.
pub fn render_text_box(editing: &Editing, area: Rect, buf: &mut Buffer) {
    let t = theme();
    let input = &editing.area;
    let full = input.is_full();
    let mut title = vec![Span::styled(
        match editing.field {
            TextField::Note => " Note ",
            TextField::Scratchpad => " Scratchpad ",
        },
        t.bold(),
    )];
    if editing.field == TextField::Scratchpad {
        let words = input.word_count();
        title.push(Span::styled(format!("{} · ", plural(words, "word")), t.dim()));
    }
    title.push(Span::styled(format!("{} ", input.counter()), if full { t.warn() } else { t.dim() }));
    let keys = match editing.field {
        TextField::Note => " Enter new line · Esc done ",
        TextField::Scratchpad => " Enter new line · Esc done · Ctrl-G cancel ",
    };
    let mut block = Block::default().borders(Borders::ALL).border_style(t.key()).title(Line::from(title));
    // The keys on the bottom border when they fit whole (the footer says them too).
    if text_width(keys) + 2 <= usize::from(area.width) {
        block = block.title_bottom(Line::styled(keys, t.dim()).right_aligned());
    }
    let text_area = block.inner(area);
    block.render(area, buf);
    input.render(text_area, buf);
}

/// `Scratchpad: 42 words · o opens it`, for a screen that shows the scratchpad closed: `words` as its
/// insights counted them when it was last closed (not counted again at every frame).
pub fn closed_line(words: usize, width: usize) -> Line<'static> {
    let t = theme();
    fit(
        Line::from(vec![
            Span::styled("Scratchpad: ", t.bold()),
            Span::raw(plural(words, "word")),
            Span::styled(" · o opens it", t.dim()),
        ]),
        width,
    )
}

/// `inner` split for a text field's box at the bottom (half the height, 3 to 10 rows), when one is
/// being typed in; on a very short screen the box takes it all.
pub fn split_for_text_box(inner: Rect, editing: bool) -> (Rect, Option<Rect>) {
    match editing {
        true if inner.height >= 6 => {
            let h = (inner.height / 2).clamp(3, 10);
            let [top, bottom] = Layout::vertical([Constraint::Min(0), Constraint::Length(h)]).areas(inner);
            (top, Some(bottom))
        }
        true => (Rect { height: 0, ..inner }, Some(inner)),
        false => (inner, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn insights_read_in_three_lines() {
        let bank = crate::bank::Bank::bundled().unwrap();
        let q = bank.get("1").unwrap();
        let said = "The situation: churn was 8%. I had to fix it, um, basically. We shipped a win-back flow. \
                    As a result churn fell to 5%.";
        // 24 words by hand (8% and 5% are words; "win-back" is one); "um" and "basically" are the
        // fillers: 2 in 24 is 8.3 per 100; 24 words at 140 a minute is 10.3 s. "We shipped" is no
        // action cue (they are said in the first person), so the cues read `ST·R`.
        let a = crate::coach::insights::analyse(said, Some((q, &bank)));
        let lines = text(&insight_lines(&a, "  ", 200));
        assert_eq!(lines[0], "  Scratchpad: 24 words ≈ 00:10 (limit 03:00) · I 1 · we 1 · 2 fillers (8.3 per 100)");
        assert_eq!(lines[1], "  Numbers: 8%, 5% · result quantified: yes · STAR cues ST·R · learning: no");
        assert!(lines[2].starts_with("  Key terms used 0/10 · missed: "), "{}", lines[2]);
        // Cut to the width with a mark.
        let narrow = text(&insight_lines(&a, "  ", 40));
        assert!(narrow.iter().all(|l| crate::text::width(l) <= 40), "{narrow:?}");
        assert!(narrow[0].ends_with('…'));
    }

    #[test]
    fn anchors_and_hints_as_drawn() {
        let anchors = Anchors { one: "vague".into(), three: "partial".into(), five: "precise".into() };
        let lines = text(&anchor_lines(&anchors, Star::Action, 80, 2));
        assert_eq!(
            lines,
            ["  What a 1, a 3 and a 5 look like for Action", "    1 vague", "    3 partial", "    5 precise"]
        );
        let hints = [
            Hint { label: "S".into(), text: "Situation".into() },
            Hint { label: "Metrics".into(), text: "one number".into() },
        ];
        assert_eq!(text(&hint_lines(&hints, 80)), [" S       Situation", " Metrics one number"]);
    }
}
