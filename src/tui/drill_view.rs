//! The state of a drill on screen: the session plus what only the screen needs (scroll, focus).

use std::cell::Cell;
use std::sync::Arc;
use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;

use super::keys::Action;
use super::note_area::{NOTE_LIMIT, NoteArea, SCRATCHPAD_LIMIT};
use super::selectable::{Scroll, ScrollView};
use crate::bank::{Bank, Star};
use crate::drill::{Session, Step};
use crate::stories::{Stories, Story};

/// What has the focus on the score screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreFocus {
    /// One of the four STAR parts.
    Part(Star),
    /// The k-th answered follow-up probe (0-based, in the order they were put).
    Probe(usize),
    /// The question's i-th principle (its tick box).
    Principle(usize),
    Note,
}

impl Default for ScoreFocus {
    fn default() -> ScoreFocus {
        ScoreFocus::Part(Star::Situation)
    }
}

/// What the score screen holds besides the four parts: answered probes, then principles to tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScoreRows {
    pub probes: usize,
    pub principles: usize,
}

impl ScoreFocus {
    /// Position in Tab order: the four parts, each answered probe, each principle, the note.
    fn slot(self, rows: ScoreRows) -> usize {
        match self {
            ScoreFocus::Part(s) => s.index(),
            ScoreFocus::Probe(k) => 4 + k.min(rows.probes),
            ScoreFocus::Principle(i) => 4 + rows.probes + i.min(rows.principles),
            ScoreFocus::Note => 4 + rows.probes + rows.principles,
        }
    }

    fn from_slot(slot: usize, rows: ScoreRows) -> ScoreFocus {
        match slot {
            s if s < 4 => ScoreFocus::Part(Star::ALL[s]),
            s if s < 4 + rows.probes => ScoreFocus::Probe(s - 4),
            s if s < 4 + rows.probes + rows.principles => ScoreFocus::Principle(s - 4 - rows.probes),
            _ => ScoreFocus::Note,
        }
    }

    /// The next focus in Tab order (wrapping), or the previous one.
    pub fn step(self, rows: ScoreRows, forward: bool) -> ScoreFocus {
        let count = 4 + rows.probes + rows.principles + 1;
        let slot = self.slot(rows);
        let next = if forward { (slot + 1) % count } else { (slot + count - 1) % count };
        ScoreFocus::from_slot(next, rows)
    }
}

/// The text fields of a drill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// The note saved with the score (Score screen, `n`).
    Note,
    /// The scratchpad: an outline while thinking, or what was said (`o` while answering, on Reveal
    /// and Score). The clock keeps running while it is typed in.
    Scratchpad,
}

impl TextField {
    /// The name in messages: "note", "scratchpad".
    pub fn name(self) -> &'static str {
        match self {
            TextField::Note => "note",
            TextField::Scratchpad => "scratchpad",
        }
    }

    fn limit(self) -> usize {
        match self {
            TextField::Note => NOTE_LIMIT,
            TextField::Scratchpad => SCRATCHPAD_LIMIT,
        }
    }
}

/// A text field being typed in.
#[derive(Debug, Clone)]
pub struct Editing {
    pub field: TextField,
    pub area: NoteArea,
}

/// The note of a question's last answer, read back from the history file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LastNote {
    /// Asked of the event loop (the answer is in the file).
    Reading,
    /// The note as written (empty when none was).
    Read(String),
    /// Why it could not be read.
    Unread(String),
}

/// The last answer to the question waiting on its ready step, shown before its clock starts.
#[derive(Debug, Clone, PartialEq)]
pub struct LastTime {
    /// Its row in the history index.
    pub row: usize,
    pub at: chrono::DateTime<chrono::FixedOffset>,
    /// `at` as the screen shows it (local time).
    pub when: String,
    pub scores: crate::history::Scores,
    pub note: LastNote,
}

#[derive(Debug)]
pub struct DrillView {
    pub session: Session,
    /// The latest clock reading, for drawing.
    pub now: Instant,
    pub bell_rung: bool,
    /// Reveal scroll: None follows the newest section; Some is where the user scrolled to.
    pub scroll: Option<usize>,
    /// The reveal view as last drawn, so scrolling starts from what is seen.
    pub drawn_scroll: Cell<ScrollView>,
    pub score_focus: ScoreFocus,
    /// The text field being typed in, if one is.
    pub editing: Option<Editing>,
    /// A save was asked of the event loop and its outcome is not back yet.
    pub saving: bool,
    /// The candidate's own stories, to pick the one told for each question.
    pub stories: Arc<Stories>,
    /// The waiting question's last answer, when it has been drilled before.
    pub last: Option<LastTime>,
    /// The loaded banks: rubrics per kind, and key terms for the scratchpad's insights.
    pub bank: Arc<Bank>,
}

impl DrillView {
    pub fn new(session: Session, now: Instant) -> DrillView {
        DrillView {
            session,
            now,
            bell_rung: false,
            scroll: None,
            drawn_scroll: Cell::new(ScrollView::default()),
            score_focus: ScoreFocus::default(),
            editing: None,
            saving: false,
            stories: Arc::default(),
            last: None,
            bank: Arc::default(),
        }
    }

    /// The drill with the loaded banks, for the rubric of each kind and the scratchpad's insights.
    pub fn with_bank(self, bank: Arc<Bank>) -> DrillView {
        DrillView { bank, ..self }
    }

    /// The drill with the candidate's stories to pick from.
    pub fn with_stories(self, stories: Arc<Stories>) -> DrillView {
        DrillView { stories, ..self }
    }

    /// The stories for the current question, best match first.
    pub fn story_matches(&self) -> Vec<&Story> {
        self.stories.for_question(&self.session.attempt.question)
    }

    /// The story picked as the one being told, if any.
    pub fn picked_story(&self) -> Option<&Story> {
        self.session.attempt.story.as_deref().and_then(|id| self.stories.find(id))
    }

    /// Pick the next story for this question; after the last, none.
    fn pick_next_story(&mut self) {
        let ids: Vec<String> = self.story_matches().iter().map(|s| s.id.clone()).collect();
        let a = &mut self.session.attempt;
        let next = match a.story.as_ref().and_then(|id| ids.iter().position(|i| i == id)) {
            Some(i) => ids.get(i + 1).cloned(),
            None => ids.first().cloned(),
        };
        a.story = next;
    }

    /// The next question has started (or waits on its ready step).
    pub fn reset_for_next(&mut self, now: Instant) {
        self.now = now;
        self.bell_rung = false;
        self.scroll = None;
        self.drawn_scroll.set(ScrollView::default());
        self.score_focus = ScoreFocus::default();
        self.editing = None;
        self.saving = false;
    }

    /// The answers read back for `last`: its note, when the record is the one asked for (same
    /// question, same time); anything else says the note could not be read.
    pub fn last_read(&mut self, answers: Result<Vec<crate::history::Record>, String>) {
        let question = self.session.attempt.question.id.clone();
        let Some(last) = &mut self.last else { return };
        if last.note != LastNote::Reading {
            return;
        }
        last.note = match answers {
            Ok(records) => match records.into_iter().find(|r| r.question_id == question && r.answered_at == last.at) {
                Some(r) => LastNote::Read(r.note),
                None => LastNote::Unread("the answer is no longer in the history file".to_string()),
            },
            Err(e) => LastNote::Unread(e),
        };
    }

    /// The field being typed in, if any.
    pub fn editing_field(&self) -> Option<TextField> {
        self.editing.as_ref().map(|e| e.field)
    }

    pub fn is_editing_note(&self) -> bool {
        self.editing_field() == Some(TextField::Note)
    }

    /// The text area of `field`, while it is typed in.
    pub fn input(&self, field: TextField) -> Option<&NoteArea> {
        self.editing.as_ref().filter(|e| e.field == field).map(|e| &e.area)
    }

    /// A key typed into the field being edited.
    pub fn text_key(&mut self, ev: &KeyEvent) {
        if let Some(e) = &mut self.editing {
            e.area.key(ev);
        }
    }

    /// Pasted text into the field being edited: what did not fit, as a message.
    pub fn paste(&mut self, text: &str) -> Option<String> {
        let e = self.editing.as_mut()?;
        let dropped = e.area.paste(text);
        (dropped > 0).then(|| super::strings::paste_truncated(e.field.name(), e.area.limit(), dropped))
    }

    /// Leave the field being edited: keep what was typed, or put back the text as it was. The
    /// scratchpad's insights are worked out again from the text kept.
    pub fn finish_text(&mut self, keep: bool) {
        let Some(Editing { field, area }) = self.editing.take() else { return };
        let text = if keep { area.text() } else { area.before().to_string() };
        let a = &mut self.session.attempt;
        match field {
            TextField::Note => a.note = text,
            TextField::Scratchpad if text != a.outline => a.set_outline(text, &self.bank),
            TextField::Scratchpad => {}
        }
    }

    fn edit(&mut self, field: TextField) {
        let a = &self.session.attempt;
        let text = match field {
            TextField::Note => {
                self.score_focus = ScoreFocus::Note;
                &a.note
            }
            TextField::Scratchpad => &a.outline,
        };
        self.editing = Some(Editing { field, area: NoteArea::with_limit(text, field.limit()) });
    }

    pub fn handle(&mut self, action: Action, now: Instant) {
        if action == Action::PickStory && matches!(self.session.attempt.step, Step::Answering | Step::Reveal) {
            self.pick_next_story();
            return;
        }
        let rows = ScoreRows {
            probes: self.session.attempt.answered_probes().count(),
            principles: self.session.attempt.question.principles.len(),
        };
        if (self.session.attempt.step, action) == (Step::Answering, Action::FinishAnswer) {
            // The session chooses the probes to put next.
            self.session.finish_answer(now);
            self.scroll = None;
            return;
        }
        let a = &mut self.session.attempt;
        match (a.step, action) {
            (Step::Answering, Action::TogglePause) => a.timer.toggle_pause(now),
            (Step::Answering, Action::NextPart) => {
                a.mark_next_part(now);
            }
            (Step::Probe, Action::TogglePause) => a.toggle_probe_pause(now),
            (Step::Probe, Action::FinishAnswer) => {
                a.finish_probe(now);
                self.scroll = None;
            }
            (Step::Reveal, Action::RevealNext) => {
                a.reveal_next();
                self.scroll = None;
            }
            (Step::Reveal, Action::HideLast) => {
                a.hide_last();
                self.scroll = None;
            }
            (Step::Reveal, Action::RevealAll) => {
                a.reveal_all();
                self.scroll = None;
            }
            (Step::Reveal, Action::Up | Action::Down | Action::PageUp | Action::PageDown) => {
                if let Some(scroll) = Scroll::from_action(action) {
                    // Keys pressed before the next draw add up.
                    let view = self.drawn_scroll.get().scrolled(scroll);
                    self.drawn_scroll.set(view);
                    self.scroll = Some(view.offset);
                }
            }
            (Step::Score, Action::Score(n)) => {
                // A digit scores the focused part or probe, or the first unscored one when focus is
                // elsewhere (the parts, then the probes).
                let answered: Vec<usize> = a.answered_probes().map(|(i, _)| i).collect();
                let target = match self.score_focus {
                    ScoreFocus::Part(p) => Some(ScoreFocus::Part(p)),
                    ScoreFocus::Probe(k) => Some(ScoreFocus::Probe(k)),
                    _ => a.scores.missing().next().map(ScoreFocus::Part).or_else(|| {
                        let unscored = a.unscored_probes();
                        answered.iter().position(|i| unscored.contains(i)).map(ScoreFocus::Probe)
                    }),
                };
                let done = match target {
                    Some(ScoreFocus::Part(part)) => a.set_score(part, n),
                    Some(ScoreFocus::Probe(k)) => answered.get(k).is_some_and(|&i| a.set_probe_score(i, n)),
                    _ => false,
                };
                if let (true, Some(target)) = (done, target) {
                    self.score_focus = target.step(rows, true);
                }
            }
            (Step::Score, Action::NextField) => self.score_focus = self.score_focus.step(rows, true),
            (Step::Score, Action::PrevField) => self.score_focus = self.score_focus.step(rows, false),
            (Step::Score, Action::Toggle) => match self.score_focus {
                ScoreFocus::Principle(i) => {
                    if let Some(&p) = a.question.principles.get(i) {
                        a.toggle_demonstrated(p);
                    }
                }
                ScoreFocus::Note => self.edit(TextField::Note),
                ScoreFocus::Part(_) | ScoreFocus::Probe(_) => {}
            },
            (Step::Score, Action::EditNote) => self.edit(TextField::Note),
            (Step::Answering | Step::Reveal | Step::Score, Action::EditOutline) => self.edit(TextField::Scratchpad),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn focus_goes_round_parts_principles_and_note() {
        let mut f = ScoreFocus::default();
        let mut seen = vec![f];
        let rows = ScoreRows { probes: 0, principles: 2 };
        for _ in 0..7 {
            f = f.step(rows, true);
            seen.push(f);
        }
        use ScoreFocus::*;
        assert_eq!(
            seen,
            [
                Part(Star::Situation),
                Part(Star::Task),
                Part(Star::Action),
                Part(Star::Result),
                Principle(0),
                Principle(1),
                Note,
                Part(Star::Situation)
            ]
        );
        assert_eq!(Part(Star::Situation).step(rows, false), Note);
        assert_eq!(Note.step(ScoreRows::default(), true), Part(Star::Situation));
        // Answered probes come after the four parts, before the principles.
        let rows = ScoreRows { probes: 2, principles: 1 };
        assert_eq!(Part(Star::Result).step(rows, true), Probe(0));
        assert_eq!(Probe(1).step(rows, true), Principle(0));
        assert_eq!(Principle(0).step(rows, false), Probe(1));
    }
}
