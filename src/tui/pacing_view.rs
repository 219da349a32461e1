//! Pacing on screen: each STAR part's time live under the clock with a thin bar split by part, and
//! the parts that ran long on Reveal and Score. Parts are told apart by their letters, never by
//! colour alone; a long part says "long".

use std::time::{Duration, Instant};

use ratatui::text::{Line, Span};

use super::theme::theme;
use crate::bank::{PerStar, Star};
use crate::coach::pacing::{Pacing, TARGETS};
use crate::drill::Attempt;
use crate::format::mmss;

/// ` S 00:40  T 00:10 ▶A 00:50  R 00:00`: each part's time, the one being told marked `▶`.
fn times_spans(spent: &PerStar<Duration>, current: Star) -> Vec<Span<'static>> {
    let t = theme();
    let mut spans = Vec::new();
    for (part, d) in spent.iter() {
        let now = part == current;
        let reached = now || !d.is_zero();
        spans.push(Span::raw(if now { " ▶" } else { "  " }));
        spans.push(Span::styled(
            format!("{} {}", part.letter(), mmss(d.as_secs())),
            if now {
                t.star(part).add_modifier(ratatui::style::Modifier::BOLD)
            } else if reached {
                t.star(part)
            } else {
                t.dim()
            },
        ));
    }
    spans
}

/// The thin bar: `width` cells over `scale`, each part a run of `━` opened by its letter
/// (`S━━━━T━A━━━━━━━━R━━`), the time not yet used as `·`.
fn bar_spans(spent: &PerStar<Duration>, scale: Duration, width: usize) -> Vec<Span<'static>> {
    let t = theme();
    let scale = scale.as_secs_f64().max(spent.values().map(Duration::as_secs_f64).sum::<f64>());
    let mut spans = Vec::new();
    if width == 0 {
        return spans;
    }
    let mut drawn = 0usize;
    let mut cumulative = 0.0;
    for (part, d) in spent.iter() {
        cumulative += d.as_secs_f64();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let end = if scale > 0.0 { ((cumulative / scale) * width as f64).round() as usize } else { 0 };
        let end = end.min(width);
        // A part with any time shows at least its letter.
        let end = if d.is_zero() { end } else { end.max(drawn + 1).min(width) };
        if end > drawn {
            let cells = end - drawn;
            let text: String = std::iter::once(part.letter()).chain(std::iter::repeat_n('━', cells - 1)).collect();
            spans.push(Span::styled(text, t.star(part)));
            drawn = end;
        }
    }
    if drawn < width {
        spans.push(Span::styled("·".repeat(width - drawn), t.dim()));
    }
    spans
}

/// The line under the clock while answering, once a part has been marked: the bar (over the
/// limit, or the time used when longer), then each part's time. None before the first mark.
pub fn clock_line(attempt: &Attempt, now: Instant, width: usize) -> Option<Line<'static>> {
    if !attempt.parts.is_marked() {
        return None;
    }
    let spent = attempt.part_times(now);
    let times = times_spans(&spent, attempt.parts.current());
    let times_width: usize = times.iter().map(|s| crate::text::width(&s.content)).sum();
    let bar_width = width.saturating_sub(times_width + 2);
    let mut spans = Vec::new();
    if bar_width >= 8 {
        spans.push(Span::raw(" "));
        spans.extend(bar_spans(&spent, attempt.timer.limit(), bar_width));
        spans.push(Span::raw(" "));
    }
    spans.extend(times);
    Some(Line::from(spans))
}

/// `00:40  33 % ▲ long (target 15 %)` for one part, or `00:10   8 %`, for a Score row; `compact`
/// (for Reveal's one line) leaves out the padding and the target.
pub fn part_spans(pacing: &Pacing, part: Star, compact: bool) -> Vec<Span<'static>> {
    let t = theme();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let secs = pacing.secs[part].floor() as u64;
    let share = if compact { format!("{:.0}", pacing.share[part]) } else { format!("{:>3.0}", pacing.share[part]) };
    let mut spans = vec![Span::styled(format!("{} {share} %", mmss(secs)), t.dim())];
    if pacing.long[part] {
        let text = if compact { " ▲ long".to_string() } else { format!(" ▲ long (target {:.0} %)", TARGETS[part]) };
        spans.push(Span::styled(text, t.warn()));
    }
    spans
}

/// `Pacing  S 00:40 33 % ▲ long · T 00:10 8 % · A 00:50 42 % · R 00:20 17 %`, for Reveal.
pub fn summary_line(pacing: &Pacing) -> Line<'static> {
    let t = theme();
    let mut spans = vec![Span::styled("Pacing ", t.bold())];
    for (i, part) in Star::ALL.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" ·", t.dim()));
        }
        spans.push(Span::styled(format!(" {} ", part.letter()), t.star(part)));
        spans.extend(part_spans(pacing, part, true));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn the_bar_splits_by_part_with_letters() {
        const S: Duration = Duration::from_secs(1);
        let spent = PerStar::new([30 * S, 15 * S, 45 * S, Duration::ZERO]);
        // 90 s of a 180 s limit over 20 cells: S 3.3 → 3, T to 5, A to 10, then 10 unused.
        assert_eq!(text(&bar_spans(&spent, 180 * S, 20)), "S━━T━A━━━━··········");
        // A part of one second still shows its letter; past the limit the bar is full.
        let spent = PerStar::new([S, 100 * S, 100 * S, 40 * S]);
        let bar = text(&bar_spans(&spent, 180 * S, 12));
        assert_eq!(bar, "ST━━━A━━━━R━");
        assert_eq!(bar.chars().count(), 12);
        assert_eq!(text(&bar_spans(&PerStar::default(), Duration::ZERO, 5)), "·····");
    }

    #[test]
    fn a_long_part_says_so_in_words() {
        let p = Pacing::of(PerStar::new([40.0, 10.0, 50.0, 20.0]));
        assert_eq!(text(&part_spans(&p, Star::Situation, false)), "00:40  33 % ▲ long (target 15 %)");
        assert_eq!(text(&part_spans(&p, Star::Task, false)), "00:10   8 %");
        assert_eq!(text(&part_spans(&p, Star::Situation, true)), "00:40 33 % ▲ long");
        let line: String = summary_line(&p).spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(line, "Pacing  S 00:40 33 % ▲ long · T 00:10 8 % · A 00:50 42 % · R 00:20 17 %");
    }
}
