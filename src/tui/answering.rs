//! The answering screen: the prompt, the principles it probes, the talking points of its kind, your stories, the scratchpad and the clock.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Gauge, Paragraph, Widget};

use super::selectable::{stack_around, stack_bottom};
use super::strings;
use super::theme::theme;
use super::wrap::{mark_cut, rows, wrap_limited, wrap_limited_plain};
use crate::drill::{Attempt, Phase, Reading};
use crate::format::mmss;
use crate::stories::Story;
use crate::text::{truncate, visible_line};

pub struct AnsweringScreen<'a> {
    pub attempt: &'a Attempt,
    pub now: Instant,
    /// (1-based question, total).
    pub position: (usize, usize),
    /// The candidate's stories for this question, best match first (`t` picks one).
    pub stories: Vec<&'a Story>,
    /// The talking points of the question's kind (`questions/rubrics.yaml`).
    pub hints: &'a [crate::bank::rubric::Hint],
    /// The scratchpad, while it is typed in.
    pub editing: Option<&'a super::drill_view::Editing>,
}

/// "Your stories for these principles": one line each, the picked one marked, as many as `height`
/// lines hold (the last saying how many more when they do not all fit).
fn story_lines(attempt: &Attempt, stories: &[&Story], width: usize, height: usize) -> Vec<Line<'static>> {
    let t = theme();
    if stories.is_empty() || height < 2 {
        return Vec::new();
    }
    let mut lines = vec![Line::from(vec![
        Span::styled("Your stories for these principles", t.bold()),
        Span::styled(" · t picks the one you tell", t.dim()),
    ])];
    let room = height - 1;
    let shown = if stories.len() > room { room.saturating_sub(1) } else { stories.len() };
    for s in &stories[..shown] {
        let picked = attempt.story.as_deref() == Some(s.id.as_str());
        let shared: Vec<&str> =
            s.principles.iter().filter(|p| attempt.question.principles.contains(p)).map(|p| p.name()).collect();
        let about = if shared.is_empty() { "meant for this question".to_string() } else { shared.join(" · ") };
        let mark = if picked { "▶ telling: " } else { "  " };
        let text = format!("{mark}{} — {about}", visible_line(&s.title));
        let style = if picked { t.selected() } else { ratatui::style::Style::new() };
        lines.push(Line::styled(truncate(&text, width).into_owned(), style));
    }
    if shown < stories.len() {
        lines.push(Line::styled(format!("  … and {} more (t goes through them all)", stories.len() - shown), t.dim()));
    }
    lines
}

/// "Question 2 of 3 · L6-L7 · behavioral" over the title.
pub fn question_header(attempt: &Attempt, position: (usize, usize), area: Rect, buf: &mut Buffer) {
    let t = theme();
    let q = &attempt.question;
    let about = format!(" · #{} · {} · {} · {}", q.number, q.level_text, q.kind, q.category);
    Line::from(vec![
        Span::styled(format!("Question {} of {}", position.0, position.1), t.title()),
        Span::styled(visible_line(&about).into_owned(), t.dim()),
    ])
    .render(area, buf);
}

impl Widget for &AnsweringScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = theme();
        let q = &self.attempt.question;
        let timer = &self.attempt.timer;
        let width = usize::from(area.width);
        // Every principle the question probes, wrapped (up to four lines; a cut ends in `…`).
        let probes = q.principle_names().join(" · ");
        let (mut probe_lines, cut) = wrap_limited(
            &[("Probes:".to_string(), t.bold()), (format!(" {probes}"), t.star(crate::bank::Star::Task))],
            width,
            Span::raw(""),
            8,
            4,
        );
        if cut && let Some(last) = probe_lines.last_mut() {
            mark_cut(last, width);
        }
        let probes_height = rows(probe_lines.len());
        // Once a part is marked, the clock panel grows a line: the bar split by part and each part's time.
        let part_line = super::pacing_view::clock_line(self.attempt, self.now, width.saturating_sub(2));
        let clock_height: u16 = if part_line.is_some() { 4 } else { 3 };

        // The talking points of the question's kind, with a blank line below, when the screen has room.
        let hints = self.hints.len();
        let mut reminder_height = if hints > 0 && usize::from(area.height) >= 13 + hints { rows(hints + 1) } else { 0 };
        // The scratchpad, while typed in, takes the room of the talking points and the stories; closed
        // with text in it, a line above the clock says so when a row is left over.
        let typing = self.editing.is_some();
        let closed = !typing && self.attempt.has_outline();
        if typing {
            reminder_height = 0;
        }
        // Header, title, the probes and a blank line under them, and the clock.
        let fixed = (1 + 1 + probes_height.saturating_add(1)).saturating_add(clock_height);
        let prompt_room = area.height.saturating_sub(fixed.saturating_add(reminder_height)).max(3);
        let prompt_width = usize::from(area.width.saturating_sub(4));
        // Only what fits is wrapped; a cut prompt ends in `…` (the browser's detail pane shows it all).
        let (mut prompt_lines, cut) =
            wrap_limited_plain(&q.prompt, t.bold(), prompt_width, usize::from(prompt_room.saturating_sub(2)).max(1));
        if cut && let Some(last) = prompt_lines.last_mut() {
            mark_cut(last, prompt_width);
        }
        let prompt_height = rows(prompt_lines.len()).saturating_add(2).max(3);
        // Your own stories take the room left under the probes; the talking points give way to them
        // when there is not room for three lines of stories beside it.
        let used = fixed.saturating_add(prompt_height);
        // A short screen gives the scratchpad, while typed in, the room of the prompt and the probes
        // (the prompt was read before typing began); the clock stays.
        if let Some(editing) = self.editing
            && area.height.saturating_sub(used) < 5
        {
            let [header, boxed, clock] = stack_around(area, [1], clock_height);
            question_header(self.attempt, self.position, header, buf);
            super::coach_view::render_text_box(editing, boxed, buf);
            render_clock(timer, self.now, "finish your answer, then Enter", part_line, clock, buf);
            return;
        }
        let wanted = if self.stories.is_empty() || typing { 0 } else { rows(self.stories.len().min(5) + 1) };
        let mut left = area.height.saturating_sub(used.saturating_add(reminder_height));
        if wanted > 0 && left < wanted.min(3) && reminder_height > 0 {
            left = left.saturating_add(reminder_height);
            reminder_height = 0;
        }
        let stories_height = wanted.min(left);
        let story_lines = story_lines(self.attempt, &self.stories, width, usize::from(stories_height));
        let [header, title, prompt_area, principles, reminder, stories, rest, clock] = stack_around(
            area,
            [1, 1, prompt_height, probes_height.saturating_add(1), reminder_height, rows(story_lines.len())],
            clock_height,
        );
        if let Some(editing) = self.editing {
            super::coach_view::render_text_box(editing, rest, buf);
        }
        if closed && rest.height > 0 {
            let line_area = Rect { y: rest.bottom() - 1, height: 1, ..rest };
            super::coach_view::closed_line(self.attempt.insights.as_ref().map_or(0, |i| i.words), width)
                .render(line_area, buf);
        }
        Paragraph::new(story_lines).render(stories, buf);
        question_header(self.attempt, self.position, header, buf);
        Line::styled(truncate(&visible_line(&q.title), width).into_owned(), t.bold()).render(title, buf);

        let block = Block::default().borders(Borders::ALL).border_style(t.border()).title(" Question ");
        let inner = block.inner(prompt_area);
        block.render(prompt_area, buf);
        Paragraph::new(prompt_lines).render(inner.inner(ratatui::layout::Margin::new(1, 0)), buf);

        Paragraph::new(probe_lines).render(principles, buf);

        if reminder.height > 0 {
            Paragraph::new(super::coach_view::hint_lines(self.hints, width)).render(reminder, buf);
        }

        render_clock(timer, self.now, "finish your answer, then Enter", part_line, clock, buf);
    }
}

/// The clock as a gauge with its time left, or past the limit `+mm:ss over time — {over}`; pauses in
/// its title; `under` on a line of its own below the gauge, when the panel has room for it.
pub fn render_clock(
    timer: &crate::drill::Timer,
    now: Instant,
    over: &str,
    under: Option<Line<'static>>,
    clock: Rect,
    buf: &mut Buffer,
) {
    let t = theme();
    {
        let phase = timer.phase(now);
        let reading = timer.reading(now);
        let label = match reading {
            Reading::Remaining(_) => format!("{} left of {}", reading.display(), mmss(timer.limit().as_secs())),
            Reading::Over(_) => format!("{} over time — {over}", reading.display()),
        };
        let paused = timer.paused(now);
        let title = if timer.is_paused() {
            format!(" {} · paused {} ", strings::PAUSED, mmss(paused.as_secs()))
        } else if !paused.is_zero() {
            format!(" Time · paused {} ", mmss(paused.as_secs()))
        } else {
            " Time ".to_string()
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if timer.is_paused() { t.warn() } else { t.clock(phase) })
            .title(Span::styled(title, t.clock(phase)));
        let ratio = if phase == Phase::Over { 1.0 } else { timer.fraction_used(now) };
        let inner = block.inner(clock);
        block.render(clock, buf);
        let (gauge_area, under_area) = match under {
            Some(line) if inner.height >= 2 => {
                let [g, u] = stack_bottom(inner, [1]);
                (g, Some((u, line)))
            }
            _ => (inner, None),
        };
        Gauge::default()
            .gauge_style(t.clock(phase))
            .ratio(ratio)
            .label(Span::styled(label, t.bold()))
            .use_unicode(true)
            .render(gauge_area, buf);
        if let Some((area, line)) = under_area {
            line.render(area, buf);
        }
    }
}

/// A later question of a drill before its clock starts: which question, its time, and how to start.
/// The prompt stays hidden, as an interviewer has not asked it yet.
pub struct ReadyScreen<'a> {
    pub attempt: &'a Attempt,
    pub position: (usize, usize),
    /// The question's last answer, when it was drilled before.
    pub last: Option<&'a super::drill_view::LastTime>,
}

/// How many lines of the last note the ready step shows.
const LAST_NOTE_LINES: usize = 6;

/// "Last time (2026-11-25 21:40): S 4 · T 3 · A 5 · R 2 · overall 3.50" and its note, line by line.
fn last_time_lines(last: &super::drill_view::LastTime) -> Vec<Line<'static>> {
    use super::drill_view::LastNote;
    let t = theme();
    let mut spans = vec![Span::styled(format!("Last time ({}): ", last.when), t.bold())];
    for (i, (part, score)) in last.scores.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", t.dim()));
        }
        spans.push(Span::styled(format!("{} {score}", part.letter()), t.score(f64::from(*score))));
    }
    let overall = last.scores.mean();
    spans.push(Span::styled(" · overall ", t.dim()));
    spans.push(Span::styled(format!("{overall:.2}"), t.score(overall)));
    let mut lines = vec![Line::from(spans)];
    match &last.note {
        LastNote::Reading => lines.push(Line::styled("Your note: reading…", t.dim())),
        LastNote::Read(note) if note.trim().is_empty() => lines.push(Line::styled("No note was written.", t.dim())),
        LastNote::Read(note) => {
            // A long note keeps the start key on screen: its first lines, then how many more.
            let count = note.lines().count();
            for (i, text) in note.lines().take(LAST_NOTE_LINES).enumerate() {
                let lead = if i == 0 { Span::styled("Your note: ", t.bold()) } else { Span::raw("           ") };
                lines.push(Line::from(vec![lead, Span::raw(visible_line(text).into_owned())]));
            }
            if count > LAST_NOTE_LINES {
                let more = crate::format::plural(count - LAST_NOTE_LINES, "more line");
                lines.push(Line::styled(format!("           … {more} (History shows it all)"), t.dim()));
            }
        }
        LastNote::Unread(e) => {
            lines.push(Line::styled(format!("Your note could not be read: {}", visible_line(e)), t.warn()));
        }
    }
    lines
}

impl Widget for &ReadyScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = theme();
        let [header, _, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(0)]).areas(area);
        question_header(self.attempt, self.position, header, buf);
        let limit = mmss(self.attempt.timer.limit().as_secs());
        let mut lines = vec![
            Line::styled(format!("Ready for question {} of {}?", self.position.0, self.position.1), t.title()),
            Line::default(),
            Line::from(vec![Span::raw("You will have "), Span::styled(limit, t.bold()), Span::raw(" to answer.")]),
            Line::default(),
        ];
        if let Some(last) = self.last {
            lines.extend(last_time_lines(last));
            lines.push(Line::default());
        }
        lines.push(Line::styled(strings::READY_START, t.bold()));
        lines.push(Line::styled(strings::READY_SKIP, t.dim()));
        let block = Block::default().borders(Borders::ALL).border_style(t.border()).title(" Next question ");
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }).block(block).render(body, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::drill_view::{LastNote, LastTime};

    fn texts(note: LastNote) -> Vec<String> {
        let last = LastTime {
            row: 0,
            at: chrono::DateTime::parse_from_rfc3339("2026-11-25T21:40:00+00:00").unwrap(),
            when: "2026-11-25 21:40".into(),
            scores: crate::history::Scores::from_parts([4, 3, 5, 2]),
            note,
        };
        last_time_lines(&last).iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn the_last_answer_reads_as_scores_then_the_note() {
        assert_eq!(
            texts(LastNote::Read(" ".into())),
            ["Last time (2026-11-25 21:40): S 4 · T 3 · A 5 · R 2 · overall 3.50", "No note was written."]
        );
        assert_eq!(texts(LastNote::Reading)[1], "Your note: reading…");
        assert_eq!(texts(LastNote::Unread("gone".into()))[1], "Your note could not be read: gone");
        let long: String = (1..=9).map(|i| format!("line {i}\n")).collect();
        let shown = texts(LastNote::Read(long));
        assert_eq!(shown.len(), 1 + 6 + 1);
        assert_eq!(shown[1], "Your note: line 1");
        assert_eq!(shown[6], "           line 6");
        assert_eq!(shown[7], "           … 3 more lines (History shows it all)");
    }
}
