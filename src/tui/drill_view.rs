//! The state of a drill on screen: the session plus what only the screen needs (scroll, focus).

use std::cell::Cell;
use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;

use super::keys::Action;
use super::line_input::LineInput;
use crate::bank::Star;
use crate::drill::{Session, Step};

#[derive(Debug)]
pub struct DrillView {
    pub session: Session,
    /// The latest clock reading, for drawing.
    pub now: Instant,
    pub bell_rung: bool,
    /// Reveal scroll: None follows the newest section; Some is where the user scrolled to.
    pub scroll: Option<u16>,
    /// The offset and height of the last drawn reveal view, so scrolling starts from what is seen.
    pub drawn_scroll: Cell<(u16, u16)>,
    /// Score screen focus: 0-3 the STAR parts, then each principle, then the note.
    pub score_focus: usize,
    pub note_input: Option<LineInput>,
}

impl DrillView {
    pub fn new(session: Session, now: Instant) -> DrillView {
        DrillView {
            session,
            now,
            bell_rung: false,
            scroll: None,
            drawn_scroll: Cell::new((0, 0)),
            score_focus: 0,
            note_input: None,
        }
    }

    /// The next question has started.
    pub fn reset_for_next(&mut self, now: Instant) {
        self.now = now;
        self.bell_rung = false;
        self.scroll = None;
        self.drawn_scroll.set((0, 0));
        self.score_focus = 0;
        self.note_input = None;
    }

    pub fn is_editing_note(&self) -> bool {
        self.note_input.is_some()
    }

    pub fn note_key(&mut self, ev: &KeyEvent) {
        if let Some(input) = &mut self.note_input {
            input.handle(ev);
        }
    }

    pub fn finish_note(&mut self, keep: bool) {
        if let Some(input) = self.note_input.take()
            && keep
        {
            self.session.attempt.note = input.text().to_string();
        }
    }

    /// Focus slots on the score screen.
    pub fn focus_count(&self) -> usize {
        4 + self.session.attempt.question.principles.len() + 1
    }

    pub fn focused_part(&self) -> Option<Star> {
        Star::ALL.get(self.score_focus).copied()
    }

    pub fn handle(&mut self, action: Action, now: Instant) {
        let focused_part = self.focused_part();
        let note_slot = self.focus_count() - 1;
        let a = &mut self.session.attempt;
        match (a.step, action) {
            (Step::Answering, Action::TogglePause) => a.timer.toggle_pause(now),
            (Step::Answering, Action::FinishAnswer) => {
                a.finish_answer(now);
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
                let (offset, height) = self.drawn_scroll.get();
                let page = height.saturating_sub(2).max(1);
                let offset = match action {
                    Action::Up => offset.saturating_sub(1),
                    Action::Down => offset.saturating_add(1),
                    Action::PageUp => offset.saturating_sub(page),
                    _ => offset.saturating_add(page),
                };
                // Keys pressed before the next draw add up.
                self.drawn_scroll.set((offset, height));
                self.scroll = Some(offset);
            }
            (Step::Score, Action::Score(n)) => {
                // A digit scores the focused part, or the first unscored one when focus is elsewhere.
                let part = focused_part.or_else(|| Star::ALL.into_iter().find(|s| a.scores[s.index()].is_none()));
                if let Some(part) = part
                    && a.set_score(part, n)
                {
                    self.score_focus = part.index() + 1;
                }
            }
            (Step::Score, Action::NextField) => self.score_focus = (self.score_focus + 1) % self.focus_count(),
            (Step::Score, Action::PrevField) => {
                self.score_focus = (self.score_focus + self.focus_count() - 1) % self.focus_count()
            }
            (Step::Score, Action::Toggle) => {
                let i = self.score_focus.wrapping_sub(4);
                if let Some(&p) = a.question.principles.get(i) {
                    a.toggle_demonstrated(p);
                } else if self.score_focus == note_slot {
                    self.note_input = Some(LineInput::new(&a.note));
                }
            }
            (Step::Score, Action::EditNote) => {
                self.score_focus = note_slot;
                self.note_input = Some(LineInput::new(&a.note));
            }
            _ => {}
        }
    }
}
