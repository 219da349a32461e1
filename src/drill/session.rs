//! One drill: the questions in order, and for each an attempt that moves
//! answering → reveal → score → saved. Pure state; the clock is passed in.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use super::probes::{ProbeAsk, ProbePlan};
use super::timer::Timer;
use crate::bank::{Bank, PerStar, Principle, Question, Star};
use crate::clock::Now;
use crate::coach::insights::{Insights, analyse};
use crate::coach::pacing::{Pacing, PartMarks};
use crate::history::{ProbeRecord, Record, Scores};

/// Where an attempt is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A later question of a drill waits for the candidate: its clock has not started.
    Ready,
    /// The candidate is talking; the clock runs.
    Answering,
    /// A follow-up probe is put to the candidate, with a clock of its own.
    Probe,
    /// The model answer is being revealed section by section.
    Reveal,
    /// The candidate rates their answer.
    Score,
    /// The score is in the history file.
    Saved,
}

/// One question being answered.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub question: Question,
    pub timer: Timer,
    pub step: Step,
    /// How many answer sections are shown.
    pub revealed: usize,
    /// None until scored.
    pub scores: PerStar<Option<u8>>,
    pub demonstrated: Vec<Principle>,
    pub note: String,
    /// The id of the candidate's own story being told, when one was picked.
    pub story: Option<String>,
    /// The follow-up probes put after the answer, in order (empty when probes are off).
    pub probes: Vec<ProbeAsk>,
    /// Which of `probes` is being put, during `Step::Probe`.
    pub probe_index: usize,
    /// Where each STAR part began, as the candidate marked it while answering.
    pub parts: PartMarks,
    /// The scratchpad: an outline typed while thinking, or what was said, typed or pasted afterwards.
    pub outline: String,
    /// The coach's insights on `outline`, worked out whenever it changes (None while it is empty).
    pub insights: Option<Insights>,
}

impl Attempt {
    pub fn start(question: Question, limit: Duration, now: Instant) -> Attempt {
        Attempt {
            question,
            timer: Timer::start(limit, now),
            step: Step::Answering,
            revealed: 0,
            scores: PerStar::default(),
            demonstrated: Vec::new(),
            note: String::new(),
            story: None,
            probes: Vec::new(),
            probe_index: 0,
            parts: PartMarks::default(),
            outline: String::new(),
            insights: None,
        }
    }

    /// Keep `text` as the scratchpad and work out its insights against the question (key terms
    /// ranked over `bank`) and this answer's time limit.
    pub fn set_outline(&mut self, text: String, bank: &Bank) {
        self.insights = (!text.trim().is_empty()).then(|| {
            let mut insights = analyse(&text, Some((&self.question, bank)));
            // Against this answer's clock (`--time` may have set it), not the question's suggestion.
            insights.limit_secs = Some(self.timer.limit().as_secs());
            insights
        });
        self.outline = text;
    }

    /// Leave the ready step: the clock starts now, with the full time.
    pub fn start_answering(&mut self, now: Instant) {
        if self.step == Step::Ready {
            self.timer = Timer::start(self.timer.limit(), now);
            self.parts = PartMarks::default();
            self.step = Step::Answering;
        }
    }

    /// The candidate moves on to the next STAR part now (pauses are not counted in any part).
    /// False when not answering, or already on the Result.
    pub fn mark_next_part(&mut self, now: Instant) -> bool {
        self.step == Step::Answering && self.parts.next(self.timer.used(now))
    }

    /// Each part's time so far (the current part runs on while answering).
    pub fn part_times(&self, now: Instant) -> PerStar<Duration> {
        self.parts.spent(self.timer.used(now))
    }

    /// The answer's split against the targets, once a part has been marked.
    pub fn pacing(&self, now: Instant) -> Option<Pacing> {
        self.parts.recorded(self.timer.used(now)).map(Pacing::of)
    }

    /// The candidate has finished speaking: stop the clock and move to the first probe, or to the
    /// reveal when there is none.
    pub fn finish_answer(&mut self, now: Instant) {
        if self.step == Step::Answering {
            self.timer.stop(now);
            self.step = Step::Probe;
            self.probe_index = 0;
            self.start_probe(now);
        }
    }

    /// Start the clock of the probe at `probe_index`, or go to the reveal after the last.
    fn start_probe(&mut self, now: Instant) {
        match self.probes.get_mut(self.probe_index) {
            Some(p) => p.timer = Timer::start(p.timer.limit(), now),
            None => self.step = Step::Reveal,
        }
    }

    /// The probe being put, with its 1-based position among all of them.
    pub fn current_probe(&self) -> Option<(usize, &ProbeAsk)> {
        if self.step != Step::Probe {
            return None;
        }
        self.probes.get(self.probe_index).map(|p| (self.probe_index + 1, p))
    }

    fn end_probe(&mut self, now: Instant, skipped: bool) {
        if self.step != Step::Probe {
            return;
        }
        if let Some(p) = self.probes.get_mut(self.probe_index) {
            p.timer.stop(now);
            p.skipped = skipped;
        }
        self.probe_index += 1;
        self.start_probe(now);
    }

    /// The candidate has answered the probe: stop its clock, put the next one (or reveal).
    pub fn finish_probe(&mut self, now: Instant) {
        self.end_probe(now, false);
    }

    /// Pass on this probe: it is not scored or saved.
    pub fn skip_probe(&mut self, now: Instant) {
        self.end_probe(now, true);
    }

    pub fn toggle_probe_pause(&mut self, now: Instant) {
        if self.step == Step::Probe
            && let Some(p) = self.probes.get_mut(self.probe_index)
        {
            p.timer.toggle_pause(now);
        }
    }

    /// The clock that runs now: the answer's, or the probe's being put.
    pub fn running_timer(&self) -> Option<&Timer> {
        match self.step {
            Step::Answering => Some(&self.timer),
            Step::Probe => self.probes.get(self.probe_index).map(|p| &p.timer),
            _ => None,
        }
    }

    /// The probes answered (not skipped), with their index in `probes`: the ones to score.
    pub fn answered_probes(&self) -> impl Iterator<Item = (usize, &ProbeAsk)> {
        self.probes.iter().enumerate().filter(|(_, p)| !p.skipped)
    }

    /// Score the probe at `index` (of `probes`), 1 to 5; only an answered one, while scoring.
    pub fn set_probe_score(&mut self, index: usize, value: u8) -> bool {
        if self.step != Step::Score || !(1..=5).contains(&value) {
            return false;
        }
        match self.probes.get_mut(index) {
            Some(p) if !p.skipped => {
                p.score = Some(value);
                true
            }
            _ => false,
        }
    }

    /// Answered probes without a score yet, by index in `probes`.
    pub fn unscored_probes(&self) -> Vec<usize> {
        self.answered_probes().filter(|(_, p)| p.score.is_none()).map(|(i, _)| i).collect()
    }

    pub fn section_count(&self) -> usize {
        self.question.answer.len()
    }

    pub fn fully_revealed(&self) -> bool {
        self.revealed >= self.section_count()
    }

    /// Show one more section; false when all are shown.
    pub fn reveal_next(&mut self) -> bool {
        if self.fully_revealed() {
            return false;
        }
        self.revealed += 1;
        true
    }

    /// Hide the last shown section; false when none is shown.
    pub fn hide_last(&mut self) -> bool {
        if self.revealed == 0 {
            return false;
        }
        self.revealed -= 1;
        true
    }

    pub fn reveal_all(&mut self) {
        self.revealed = self.section_count();
    }

    /// The STAR phase of the last shown section.
    pub fn revealed_phase(&self) -> Option<Star> {
        self.revealed.checked_sub(1).map(|i| self.question.answer[i].star)
    }

    /// Move on to scoring; only once every section has been revealed.
    pub fn begin_scoring(&mut self) -> bool {
        if self.step == Step::Reveal && self.fully_revealed() {
            self.step = Step::Score;
            true
        } else {
            false
        }
    }

    /// Back from scoring to the answer (scores entered so far are kept).
    pub fn back_to_reveal(&mut self) {
        if self.step == Step::Score {
            self.step = Step::Reveal;
        }
    }

    /// Set one part's score, 1 to 5.
    pub fn set_score(&mut self, part: Star, value: u8) -> bool {
        if self.step != Step::Score || !(1..=5).contains(&value) {
            return false;
        }
        self.scores[part] = Some(value);
        true
    }

    pub fn toggle_demonstrated(&mut self, p: Principle) {
        if let Some(i) = self.demonstrated.iter().position(|&d| d == p) {
            self.demonstrated.remove(i);
        } else if self.question.principles.contains(&p) {
            self.demonstrated.push(p);
            self.demonstrated.sort();
        }
    }

    /// All four scores, once they are all set (and every answered probe is scored).
    pub fn complete_scores(&self) -> Option<Scores> {
        self.scores.complete().filter(|_| self.unscored_probes().is_empty())
    }

    /// The mean of the parts scored so far.
    pub fn running_mean(&self) -> Option<f64> {
        let set: Vec<f64> = self.scores.values().flatten().map(|&s| f64::from(s)).collect();
        (!set.is_empty()).then(|| set.iter().sum::<f64>() / set.len() as f64)
    }

    /// Scores, ticks or a note entered and not yet saved: leaving the drill now would lose them.
    pub fn has_unsaved_input(&self) -> bool {
        matches!(self.step, Step::Reveal | Step::Score) && (self.has_scoring() || self.has_outline())
    }

    /// Whether any scoring is given: a part's or a probe's score, a principle ticked, a note.
    pub fn has_scoring(&self) -> bool {
        self.scores.values().any(Option::is_some)
            || self.probes.iter().any(|p| p.score.is_some())
            || !self.demonstrated.is_empty()
            || !self.note.is_empty()
    }

    /// Whether the scratchpad holds text (more than white space).
    pub fn has_outline(&self) -> bool {
        !self.outline.trim().is_empty()
    }

    /// The history record for this attempt; None until all four parts are scored.
    pub fn record(&self, session_id: &str, now: Now) -> Option<Record> {
        let scores = self.complete_scores()?;
        let q = &self.question;
        let limit = self.timer.limit();
        let used_secs = crate::format::recorded_secs(self.timer.used(now.instant), limit);
        Some(Record {
            time_limit_secs: limit.as_secs(),
            time_used_secs: used_secs,
            paused_secs: crate::format::tenths(self.timer.paused(now.instant)),
            demonstrated: self.demonstrated.iter().map(|p| p.name().to_string()).collect(),
            note: self.note.trim().to_string(),
            story_id: self.story.clone(),
            part_secs: self.parts.recorded(self.timer.used(now.instant)),
            outline: self.has_outline().then(|| self.outline.trim_end().to_string()),
            insights: self.insights.clone(),
            probes: self
                .answered_probes()
                .filter_map(|(_, p)| {
                    Some(ProbeRecord {
                        principle: p.probe.principle.name().to_string(),
                        text: p.probe.text.clone(),
                        time_used_secs: crate::format::recorded_secs(p.timer.used(now.instant), p.timer.limit()),
                        score: p.score?,
                    })
                })
                .collect(),
            ..Record::of_question(q, session_id, now.wall, scores)
        })
    }
}

/// A whole drill over one or more questions.
#[derive(Debug)]
pub struct Session {
    pub id: String,
    questions: Vec<Question>,
    time_override: Option<Duration>,
    index: usize,
    pub attempt: Attempt,
    /// Records saved in this drill, in order.
    pub saved: Vec<Record>,
    /// Questions skipped in this drill, in order: nothing was saved for them.
    pub skipped: Vec<Question>,
    probe_plan: ProbePlan,
    /// Chooses the probes: seeded with the drill's seed, so a run can be repeated.
    rng: super::LazyRng,
    /// The probes put in this session (folded text), so none comes twice.
    asked: HashSet<String>,
}

impl Session {
    /// Start on the first question; None when there are no questions.
    pub fn start(
        id: String,
        questions: Vec<Question>,
        time_override: Option<Duration>,
        now: Instant,
    ) -> Option<Session> {
        let first = questions.first()?.clone();
        Some(Session {
            id,
            attempt: attempt_for(first, time_override, now),
            questions,
            time_override,
            index: 0,
            saved: Vec::new(),
            skipped: Vec::new(),
            probe_plan: ProbePlan::default(),
            rng: super::LazyRng::new(Some(0)),
            asked: HashSet::new(),
        })
    }

    /// Follow each answer with probes from `plan`, chosen by a generator seeded with `seed` (a fresh
    /// one when None).
    pub fn with_probes(mut self, plan: ProbePlan, seed: Option<u64>) -> Session {
        self.probe_plan = plan;
        self.rng = super::LazyRng::new(seed);
        self
    }

    /// The probes and rubrics the drill draws on (Reveal shows the rubric of a question without a
    /// model answer).
    pub fn probe_book(&self) -> &crate::bank::ProbeBook {
        &self.probe_plan.book
    }

    /// The candidate has finished the main answer: choose the probes to put, then move on to the
    /// first (or to the reveal when there are none).
    pub fn finish_answer(&mut self, now: Instant) {
        if self.attempt.step != Step::Answering {
            return;
        }
        let plan = &self.probe_plan;
        let chosen =
            super::probes::choose(&self.attempt.question, &plan.book, plan.count, self.rng.get(), &mut self.asked);
        self.attempt.probes = chosen.into_iter().map(|p| ProbeAsk::new(p, plan.time, now)).collect();
        self.attempt.finish_answer(now);
    }

    /// (1-based position, total).
    pub fn position(&self) -> (usize, usize) {
        (self.index + 1, self.questions.len())
    }

    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    pub fn is_last(&self) -> bool {
        self.index + 1 >= self.questions.len()
    }

    /// The record to append for the current attempt, if it can be saved now.
    pub fn pending_record(&self, now: Now) -> Option<Record> {
        (self.attempt.step == Step::Score).then(|| self.attempt.record(&self.id, now)).flatten()
    }

    /// The record is safely in the history file: remember it and mark the attempt saved.
    pub fn mark_saved(&mut self, record: Record) {
        self.saved.push(record);
        self.attempt.step = Step::Saved;
    }

    /// Move to the next question, which waits on its ready step (its clock starts with
    /// `Attempt::start_answering`); false when this was the last one.
    pub fn advance(&mut self, now: Instant) -> bool {
        if self.is_last() {
            return false;
        }
        self.index += 1;
        let mut next = attempt_for(self.questions[self.index].clone(), self.time_override, now);
        next.step = Step::Ready;
        self.attempt = next;
        true
    }

    /// Skip the current question (nothing is saved for it) and move on as `advance` does; only while
    /// it waits or is being answered. None when it cannot be skipped now; Some(false) after the last.
    pub fn skip(&mut self, now: Instant) -> Option<bool> {
        if !matches!(self.attempt.step, Step::Ready | Step::Answering) {
            return None;
        }
        self.skipped.push(self.attempt.question.clone());
        if self.advance(now) {
            Some(true)
        } else {
            self.attempt.timer.stop(now);
            Some(false)
        }
    }
}

/// An attempt at `q` with the drill's time, or the question's own.
fn attempt_for(q: Question, time_override: Option<Duration>, now: Instant) -> Attempt {
    let limit = time_override.unwrap_or(Duration::from_secs(q.time_limit_secs()));
    Attempt::start(q, limit, now)
}

/// A new session id: local time plus four random hex digits, e.g. `20261126-091500-3fa2`. The
/// digits come from the standard library's randomly keyed hasher (keyed from the system's randomness
/// once a thread, each hasher after with other keys), not a seeded generator, whose making asks the
/// processor for its features.
pub fn new_session_id(now: Now) -> String {
    use std::hash::BuildHasher;
    let [a, b, ..] = std::collections::hash_map::RandomState::new().hash_one(now.wall).to_le_bytes();
    let tag = u16::from_le_bytes([a, b]);
    format!("{}-{tag:04x}", now.wall.format("%Y%m%d-%H%M%S"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;

    const S: Duration = Duration::from_secs(1);

    fn now0() -> Now {
        Now {
            instant: Instant::now(),
            wall: chrono::DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap(),
        }
    }

    fn session(numbers: &[u32], time: Option<Duration>, now: Now) -> Session {
        let bank = Bank::bundled().unwrap();
        let qs = numbers.iter().map(|n| bank.get(&n.to_string()).unwrap().clone()).collect();
        Session::start("s1".into(), qs, time, now.instant).unwrap()
    }

    #[test]
    fn the_scratchpad_is_kept_with_insights_against_this_answers_clock() {
        let t0 = now0();
        let bank = Bank::bundled().unwrap();
        let mut s = session(&[1], Some(90 * S), t0);
        let a = &mut s.attempt;
        a.set_outline("I cut churn by 12%.\n\n".into(), &bank);
        let insights = a.insights.clone().expect("text: insights");
        assert_eq!(insights.limit_secs, Some(90), "--time 90s, not the question's 3 minutes");
        assert_eq!(insights.words, 5);
        a.finish_answer(t0.instant + 30 * S);
        a.reveal_all();
        assert!(a.begin_scoring());
        for part in Star::ALL {
            a.set_score(part, 3);
        }
        let r = a.record("s1", t0).unwrap();
        assert_eq!(r.outline.as_deref(), Some("I cut churn by 12%."), "trailing blank lines off");
        assert_eq!(r.insights, Some(insights));
        a.set_outline("  \n".into(), &bank);
        assert_eq!(a.insights, None, "blank: no insights");
        assert_eq!(a.record("s1", t0).unwrap().outline, None);
    }

    #[test]
    fn a_whole_attempt_produces_the_record() {
        let t0 = now0();
        let mut s = session(&[1], None, t0);
        let a = &mut s.attempt;
        assert_eq!(a.timer.limit(), 180 * S, "behavioral questions get 3 minutes");
        a.timer.toggle_pause(t0.instant + 60 * S);
        a.timer.toggle_pause(t0.instant + 72 * S);
        a.finish_answer(t0.instant + 299 * S);
        assert_eq!(a.step, Step::Reveal);
        assert!(!a.begin_scoring(), "scoring waits for the whole answer");
        let n = a.section_count();
        for i in 1..=n {
            assert!(a.reveal_next());
            assert_eq!(a.revealed, i);
        }
        assert!(!a.reveal_next());
        assert_eq!(a.revealed_phase(), Some(Star::Result));
        assert!(a.hide_last());
        assert_eq!(a.revealed, n - 1);
        a.reveal_all();
        assert!(a.begin_scoring());
        assert!(a.record("s1", t0).is_none(), "no record until all four parts are scored");
        for (part, v) in Star::ALL.into_iter().zip([4, 3, 5, 2]) {
            assert!(a.set_score(part, v));
        }
        assert!(!a.set_score(Star::Task, 6), "scores are 1 to 5");
        assert!(!a.set_score(Star::Task, 0));
        a.toggle_demonstrated(Principle::lookup("ownership").unwrap());
        a.toggle_demonstrated(Principle::lookup("frugality").unwrap());
        a.note = "  too long on the situation ".into();
        assert!(a.has_unsaved_input());
        let saved_at = t0.plus(400 * S);
        let r = s.pending_record(saved_at).unwrap();
        assert_eq!(r.question_number, 1);
        assert_eq!(r.question_id, "stakeholder-alignment-at-scale");
        assert_eq!(r.time_limit_secs, 180);
        assert_eq!(r.time_used_secs, 287.0);
        assert_eq!(r.paused_secs, 12.0);
        assert!(r.is_over_time());
        assert_eq!(r.scores, Scores { situation: 4, task: 3, action: 5, result: 2 });
        assert_eq!(r.overall, 3.5);
        assert_eq!(r.demonstrated, vec!["Ownership"], "only the question's own principles can be marked");
        assert_eq!(r.note, "too long on the situation");
        assert_eq!(r.answered_at.to_rfc3339(), "2026-11-26T09:06:40+01:00");
        assert_eq!(r.story_id, None, "no story picked");
        assert_eq!(r.part_secs, None, "no part marked: no split recorded");
        s.attempt.story = Some("checkout-outage".into());
        assert_eq!(s.pending_record(saved_at).unwrap().story_id.as_deref(), Some("checkout-outage"));
        s.mark_saved(r);
        assert_eq!(s.attempt.step, Step::Saved);
        assert!(!s.attempt.has_unsaved_input());
        assert!(!s.advance(saved_at.instant), "one question only");
        assert_eq!(s.saved.iter().map(|r| r.overall).collect::<Vec<_>>(), vec![3.5]);
    }

    /// Marked at 30 s (Task), 45 s (Action) and, after a 20 s pause inside the Action, at 125 s wall
    /// time (Result at 105 s answering time); done at 140 s wall = 120 s answering: S 30, T 15, A 60, R 15.
    #[test]
    fn part_marks_split_the_answer_pauses_excluded_and_are_recorded() {
        let t0 = now0();
        let at = |secs: u64| t0.instant + Duration::from_secs(secs);
        let mut s = session(&[1], None, t0);
        let a = &mut s.attempt;
        assert_eq!(a.pacing(at(10)), None, "nothing marked yet");
        assert!(a.mark_next_part(at(30)));
        assert_eq!(a.parts.current(), Star::Task);
        assert!(a.mark_next_part(at(45)));
        a.timer.toggle_pause(at(70));
        assert_eq!(
            a.part_times(at(85)),
            PerStar::new([30 * S, 15 * S, 25 * S, Duration::ZERO]),
            "the Action stands still while paused"
        );
        a.timer.toggle_pause(at(90));
        assert!(a.mark_next_part(at(125)));
        assert!(!a.mark_next_part(at(130)), "Result is the last part");
        assert_eq!(a.part_times(at(135)).result, 10 * S, "the current part runs live");
        s.finish_answer(at(140));
        let a = &mut s.attempt;
        assert!(!a.mark_next_part(at(150)), "no marks once the answer is done");
        let pacing = a.pacing(at(500)).unwrap();
        assert_eq!(pacing.secs, PerStar::new([30.0, 15.0, 60.0, 15.0]), "frozen when the clock stopped");
        // 25 %, 12.5 %, 50 %, 12.5 %: Situation is exactly 10 points over 15 %, not long.
        assert_eq!(pacing.long_parts().count(), 0);
        a.reveal_all();
        a.begin_scoring();
        for part in Star::ALL {
            a.set_score(part, 3);
        }
        let r = s.pending_record(t0.plus(600 * S)).unwrap();
        assert_eq!(r.part_secs, Some(PerStar::new([30.0, 15.0, 60.0, 15.0])));
        assert_eq!(r.time_used_secs, 120.0, "the parts add up to the answering time");
    }

    #[test]
    fn a_later_question_starts_its_marks_afresh() {
        let t0 = now0();
        let mut s = session(&[1, 2], None, t0);
        s.attempt.mark_next_part(t0.instant + 10 * S);
        s.attempt.step = Step::Saved;
        s.advance(t0.instant + 20 * S);
        assert!(!s.attempt.mark_next_part(t0.instant + 25 * S), "not before the clock starts");
        s.attempt.start_answering(t0.instant + 30 * S);
        assert_eq!(s.attempt.parts.current(), Star::Situation);
        assert!(!s.attempt.parts.is_marked());
        assert!(s.attempt.mark_next_part(t0.instant + 42 * S));
        assert_eq!(s.attempt.part_times(t0.instant + 42 * S).situation, 12 * S);
    }

    #[test]
    fn a_hair_over_the_limit_is_recorded_as_over_time() {
        let t0 = now0();
        let mut s = session(&[1], Some(2 * S), t0);
        let a = &mut s.attempt;
        a.finish_answer(t0.instant + 2 * S + Duration::from_millis(20));
        a.reveal_all();
        a.begin_scoring();
        for part in Star::ALL {
            a.set_score(part, 3);
        }
        let r = a.record("s", t0).unwrap();
        assert_eq!(r.time_used_secs, 2.1);
        assert!(r.is_over_time());
    }

    #[test]
    fn time_override_and_advancing() {
        let t0 = now0();
        let mut s = session(&[2, 5], Some(90 * S), t0);
        assert_eq!(s.position(), (1, 2));
        assert_eq!(s.attempt.timer.limit(), 90 * S);
        assert!(s.advance(t0.instant + 100 * S));
        assert_eq!(s.position(), (2, 2));
        assert_eq!(s.attempt.question.number, 5);
        assert_eq!(s.attempt.step, Step::Ready, "the next question waits");
        assert_eq!(s.attempt.timer.limit(), 90 * S);
        s.attempt.start_answering(t0.instant + 200 * S);
        assert_eq!(s.attempt.step, Step::Answering);
        assert_eq!(s.attempt.timer.used(t0.instant + 230 * S), 30 * S, "the clock starts when the candidate is ready");
        assert!(s.is_last());
    }

    #[test]
    fn skipping_saves_nothing_and_moves_on() {
        let t0 = now0();
        let mut s = session(&[2, 5, 7], None, t0);
        assert_eq!(s.skip(t0.instant + S), Some(true));
        assert_eq!(s.position(), (2, 3));
        assert_eq!(s.attempt.step, Step::Ready);
        assert_eq!(s.skip(t0.instant + 2 * S), Some(true), "a waiting question can be skipped too");
        s.attempt.start_answering(t0.instant + 3 * S);
        s.attempt.finish_answer(t0.instant + 4 * S);
        assert_eq!(s.skip(t0.instant + 5 * S), None, "not once the answer is done");
        s.attempt.step = Step::Answering;
        assert_eq!(s.skip(t0.instant + 6 * S), Some(false), "skipping the last one ends the drill");
        assert_eq!(s.skipped.iter().map(|q| q.number).collect::<Vec<_>>(), [2, 5, 7]);
        assert!(s.saved.is_empty());
    }

    #[test]
    fn running_mean_and_back_to_reveal_keep_scores() {
        let t0 = now0();
        let mut s = session(&[3], None, t0);
        let a = &mut s.attempt;
        a.finish_answer(t0.instant + 5 * S);
        a.reveal_all();
        a.begin_scoring();
        assert_eq!(a.running_mean(), None);
        a.set_score(Star::Situation, 5);
        a.set_score(Star::Action, 2);
        assert_eq!(a.running_mean(), Some(3.5));
        a.back_to_reveal();
        assert_eq!(a.step, Step::Reveal);
        assert!(a.begin_scoring());
        assert_eq!(a.scores, PerStar::new([Some(5), None, Some(2), None]));
    }

    fn with_probes(numbers: &[u32], count: usize, now: Now) -> Session {
        let bank = Bank::bundled().unwrap();
        let qs = numbers.iter().map(|n| bank.get(&n.to_string()).unwrap().clone()).collect();
        let plan =
            ProbePlan { count, time: 60 * S, book: std::sync::Arc::new(crate::bank::ProbeBook::clone(&bank.probes)) };
        Session::start("s1".into(), qs, None, now.instant).unwrap().with_probes(plan, Some(7))
    }

    #[test]
    fn probes_are_put_in_order_each_on_its_own_clock_skippable_scored_and_saved() {
        let t0 = now0();
        let mut s = with_probes(&[101], 3, t0);
        s.finish_answer(t0.instant + 100 * S);
        let a = &mut s.attempt;
        assert_eq!(a.step, Step::Probe);
        assert_eq!(a.probes.len(), 3);
        let texts: Vec<String> = a.probes.iter().map(|p| p.probe.text.clone()).collect();
        let (n, first) = a.current_probe().unwrap();
        assert_eq!((n, first.probe.text.as_str()), (1, texts[0].as_str()));
        assert_eq!(a.running_timer().unwrap().used(t0.instant + 130 * S), 30 * S, "its clock starts with it");
        a.toggle_probe_pause(t0.instant + 110 * S);
        a.toggle_probe_pause(t0.instant + 120 * S);
        a.finish_probe(t0.instant + 145 * S);
        assert_eq!(a.current_probe().map(|(n, p)| (n, p.probe.text.clone())), Some((2, texts[1].clone())));
        a.skip_probe(t0.instant + 150 * S);
        a.finish_probe(t0.instant + 230 * S);
        assert_eq!(a.step, Step::Reveal, "after the last probe, the reveal");
        assert!(a.current_probe().is_none());
        a.reveal_all();
        assert!(a.begin_scoring());
        for part in Star::ALL {
            a.set_score(part, 4);
        }
        assert_eq!(a.unscored_probes(), [0, 2], "the skipped probe is not scored");
        assert!(a.complete_scores().is_none(), "every answered probe needs a score");
        assert!(!a.set_probe_score(1, 3), "a skipped probe takes no score");
        assert!(!a.set_probe_score(0, 6));
        assert!(a.set_probe_score(0, 2) && a.set_probe_score(2, 5));
        let r = s.pending_record(t0.plus(300 * S)).unwrap();
        let customer = "Customer Obsession";
        let got: Vec<(&str, &str, f64, u8)> =
            r.probes.iter().map(|p| (p.principle.as_str(), p.text.as_str(), p.time_used_secs, p.score)).collect();
        assert_eq!(got, [(customer, texts[0].as_str(), 35.0, 2), (customer, texts[2].as_str(), 80.0, 5)]);
        assert_eq!(r.overall, 4.0, "the overall stays the mean of the four parts");
    }

    #[test]
    fn no_probe_comes_twice_in_a_session_and_none_means_straight_to_reveal() {
        let t0 = now0();
        let mut s = with_probes(&[1, 101, 5], 2, t0);
        let mut seen = Vec::new();
        for i in 0..3u32 {
            let at = t0.instant + i * 600 * S;
            s.attempt.start_answering(at);
            s.finish_answer(at + S);
            assert_eq!(s.attempt.probes.len(), 2);
            seen.extend(s.attempt.probes.iter().map(|p| p.probe.text.clone()));
            s.attempt.step = Step::Saved;
            s.advance(at + 2 * S);
        }
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), seen.len(), "{seen:?}");
        let mut off = with_probes(&[101], 0, t0);
        off.finish_answer(t0.instant + S);
        assert_eq!(off.attempt.step, Step::Reveal);
        assert!(off.attempt.probes.is_empty());
    }

    #[test]
    fn the_drill_seed_chooses_the_probes() {
        let t0 = now0();
        let texts = |seed| {
            let mut s = with_probes(&[1], 2, t0);
            s = Session { rng: crate::drill::LazyRng::new(Some(seed)), ..s };
            s.finish_answer(t0.instant + S);
            s.attempt.probes.iter().map(|p| p.probe.text.clone()).collect::<Vec<_>>()
        };
        assert_eq!(texts(9), texts(9));
        assert!((0..10).any(|seed| texts(seed) != texts(9)));
    }

    #[test]
    fn session_ids_carry_the_local_time() {
        let id = new_session_id(now0());
        assert!(id.starts_with("20261126-090000-"), "{id}");
        assert_eq!(id.len(), "20261126-090000-".len() + 4);
    }
}
