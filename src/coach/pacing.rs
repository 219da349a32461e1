//! Pacing: where an answer's time went, part by part (README "Pacing" repeats the definitions).
//!
//! While answering, the candidate marks the start of each next part (Situation → Task → Action →
//! Result). `PartMarks` keeps those marks as answering time (the clock's used time, so pauses never
//! count) and gives each part's seconds; `Pacing` compares the split with `TARGETS`.
//!
//! - A part's **share** is its seconds over the seconds of all four parts.
//! - A part **ran long** when its share is more than `LONG_MARGIN` (10 percentage points) over its
//!   target share. Nothing runs long in an answer with no time at all.
//! - Over many answers (Stats), a kind of question's **mean split** is the mean of its marked answers'
//!   shares; a **habit** is a part whose mean share is more than `LONG_MARGIN` over its target across
//!   at least `HABIT_MIN_ANSWERS` marked answers of that kind.
//! - **Targets** for a behavioural story: Situation and Task together about a quarter (15 % + 10 %),
//!   Action about half (50 %), Result with the learning the rest (25 %).

use std::time::Duration;

use std::collections::BTreeMap;

use crate::bank::{Bank, Kind, PerStar, Star};

/// Target share of each part, in percent: Situation 15, Task 10, Action 50, Result 25.
pub const TARGETS: PerStar<f64> = PerStar { situation: 15.0, task: 10.0, action: 50.0, result: 25.0 };

/// Percentage points over its target at which a part has run long (strictly more than this).
pub const LONG_MARGIN: f64 = 10.0;

/// The part marks of one answer: the answering time at which Task, Action and Result began.
/// Situation begins with the clock.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartMarks {
    /// At most three, never decreasing.
    starts: Vec<Duration>,
}

impl PartMarks {
    /// The part being told now.
    pub fn current(&self) -> Star {
        Star::ALL[self.starts.len().min(3)]
    }

    /// True once "next part" has been pressed at least once: only then is the split recorded.
    pub fn is_marked(&self) -> bool {
        !self.starts.is_empty()
    }

    /// The next part begins at answering time `used`. False when Result is already being told.
    /// A mark earlier than the one before (which a clock never gives) is taken as that one.
    pub fn next(&mut self, used: Duration) -> bool {
        if self.starts.len() >= 3 {
            return false;
        }
        let at = self.starts.last().map_or(used, |&last| used.max(last));
        self.starts.push(at);
        true
    }

    /// Time spent in each part when the answering time is `used`: the current part runs to `used`,
    /// parts not reached have none.
    pub fn spent(&self, used: Duration) -> PerStar<Duration> {
        let mut out = PerStar::<Duration>::default();
        let mut begun = Duration::ZERO;
        for (i, part) in Star::ALL.into_iter().enumerate() {
            let end = match self.starts.get(i) {
                Some(&start) => start,
                None if i == self.starts.len() => used.max(begun),
                None => break,
            };
            out[part] = end.saturating_sub(begun);
            begun = end;
        }
        out
    }

    /// Each part's seconds to the tenth, as the history file keeps them; None when no part was marked.
    pub fn recorded(&self, used: Duration) -> Option<PerStar<f64>> {
        self.is_marked().then(|| self.spent(used).map(crate::format::tenths))
    }
}

/// An answer's split against the targets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pacing {
    pub secs: PerStar<f64>,
    /// Percent of the whole answer, 0 to 100 (all 0 when no time was spent).
    pub share: PerStar<f64>,
    pub long: PerStar<bool>,
}

impl Pacing {
    /// The split of `secs` (a negative or non-finite figure, as a damaged record may hold, counts as 0).
    pub fn of(secs: PerStar<f64>) -> Pacing {
        let secs = secs.map(|s| if s.is_finite() && s > 0.0 { s } else { 0.0 });
        let total: f64 = secs.values().sum();
        let share = secs.map(|s| if total > 0.0 { s * 100.0 / total } else { 0.0 });
        let long = PerStar::from_fn(|part| total > 0.0 && share[part] > TARGETS[part] + LONG_MARGIN);
        Pacing { secs, share, long }
    }

    /// The parts that ran long, in STAR order.
    pub fn long_parts(&self) -> impl Iterator<Item = Star> + '_ {
        self.long.iter().filter(|(_, l)| **l).map(|(p, _)| p)
    }

    /// `Situation ran long: 33 % of the answer (target 15 %)`, for each part that did.
    pub fn long_lines(&self) -> Vec<String> {
        self.long_parts()
            .map(|p| {
                format!("{} ran long: {:.0} % of the answer (target {:.0} %)", p.label(), self.share[p], TARGETS[p])
            })
            .collect()
    }
}

/// Marked answers needed before a kind's mean split can flag a habit.
pub const HABIT_MIN_ANSWERS: usize = 3;

/// The sum of the shares of marked answers (to be averaged), for one question or one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ShareSums {
    pub answers: usize,
    /// Percent, summed over the answers.
    pub share: PerStar<f64>,
}

impl ShareSums {
    /// Count one marked answer; one with no time at all has no split and is not counted.
    pub fn add(&mut self, secs: PerStar<f64>) {
        let p = Pacing::of(secs);
        if p.secs.values().sum::<f64>() > 0.0 {
            self.answers += 1;
            for part in Star::ALL {
                self.share[part] += p.share[part];
            }
        }
    }

    pub fn merge(&mut self, other: ShareSums) {
        self.answers += other.answers;
        for part in Star::ALL {
            self.share[part] += other.share[part];
        }
    }

    /// The mean share of each part; None before any answer.
    pub fn means(&self) -> Option<PerStar<f64>> {
        (self.answers > 0).then(|| self.share.map(|s| s / self.answers as f64))
    }
}

/// One kind of question's mean split, and the parts that habitually run long (`stats --json` writes
/// it: `{"kind":"behavioral","answers":12,"mean_share":{"situation":38.0,…},"habits":["situation"]}`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KindPacing {
    pub kind: Kind,
    pub answers: usize,
    pub mean_share: PerStar<f64>,
    pub habits: Vec<Star>,
}

impl KindPacing {
    /// `Situation takes 38 % of your behavioral answers (target 15 %)`, one per habit.
    pub fn habit_lines(&self) -> Vec<String> {
        self.habits
            .iter()
            .map(|&p| {
                format!(
                    "{} takes {:.0} % of your {} answers (target {:.0} %)",
                    p.label(),
                    self.mean_share[p],
                    self.kind.key(),
                    TARGETS[p]
                )
            })
            .collect()
    }
}

/// The sums per question id gathered by kind of question, in `Kind::ALL` order (kinds without a
/// marked answer left out). Answers to a question not in `bank` have no kind and are not counted.
pub fn by_kind<'a>(
    per_question: impl IntoIterator<Item = (&'a String, &'a ShareSums)>,
    bank: &Bank,
) -> Vec<KindPacing> {
    let kinds: std::collections::HashMap<&str, Kind> = bank.questions.iter().map(|q| (q.id.as_str(), q.kind)).collect();
    let mut sums: BTreeMap<usize, ShareSums> = BTreeMap::new();
    for (id, s) in per_question {
        if let Some(&kind) = kinds.get(id.as_str()) {
            let index = Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
            sums.entry(index).or_default().merge(*s);
        }
    }
    sums.into_iter()
        .filter_map(|(index, s)| {
            let mean_share = s.means()?;
            let habits = Star::ALL
                .into_iter()
                .filter(|&p| s.answers >= HABIT_MIN_ANSWERS && mean_share[p] > TARGETS[p] + LONG_MARGIN)
                .collect();
            Some(KindPacing { kind: Kind::ALL[index], answers: s.answers, mean_share, habits })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);
    const Z: Duration = Duration::ZERO;

    #[test]
    fn targets_make_a_whole_answer() {
        assert_eq!(TARGETS.values().sum::<f64>(), 100.0);
        assert_eq!(TARGETS.situation + TARGETS.task, 25.0, "Situation and Task about a quarter");
        assert_eq!(TARGETS.action, 50.0);
    }

    #[test]
    fn marks_split_the_answering_time_part_by_part() {
        let mut m = PartMarks::default();
        assert_eq!(m.current(), Star::Situation);
        assert!(!m.is_marked());
        assert_eq!(m.recorded(30 * S), None, "unmarked: nothing recorded");
        assert_eq!(m.spent(30 * S), PerStar::new([30 * S, Z, Z, Z]));
        assert!(m.next(40 * S));
        assert_eq!(m.current(), Star::Task);
        assert_eq!(m.spent(45 * S), PerStar::new([40 * S, 5 * S, Z, Z]), "the current part runs live");
        assert!(m.next(50 * S));
        assert!(m.next(100 * S));
        assert_eq!(m.current(), Star::Result);
        assert!(!m.next(110 * S), "Result is the last part");
        assert_eq!(m.spent(120 * S), PerStar::new([40 * S, 10 * S, 50 * S, 20 * S]));
        assert_eq!(
            m.recorded(120 * S + Duration::from_millis(340)),
            Some(PerStar::new([40.0, 10.0, 50.0, 20.3])),
            "to the tenth"
        );
    }

    #[test]
    fn parts_not_reached_have_no_time_and_marks_never_go_back() {
        let mut m = PartMarks::default();
        m.next(20 * S);
        assert_eq!(m.recorded(60 * S), Some(PerStar::new([20.0, 40.0, 0.0, 0.0])));
        m.next(10 * S);
        assert_eq!(m.spent(60 * S), PerStar::new([20 * S, Z, 40 * S, Z]), "an earlier mark is taken as the last");
        assert_eq!(m.spent(5 * S), PerStar::new([20 * S, Z, Z, Z]), "nothing negative");
    }

    /// 120 s: S 40, T 10, A 50, R 20 → 33.3 %, 8.3 %, 41.7 %, 16.7 %. Situation is 18.3 points over 15.
    #[test]
    fn a_part_more_than_ten_points_over_its_target_ran_long() {
        let p = Pacing::of(PerStar::new([40.0, 10.0, 50.0, 20.0]));
        assert!((p.share.situation - 100.0 / 3.0).abs() < 1e-9);
        assert!((p.share.result - 50.0 / 3.0).abs() < 1e-9);
        assert_eq!(p.long, PerStar::new([true, false, false, false]));
        assert_eq!(p.long_lines(), ["Situation ran long: 33 % of the answer (target 15 %)"]);
        // Exactly 10 points over is not long: S 25 %, T 20 %, A 30 %, R 25 %.
        let edge = Pacing::of(PerStar::new([25.0, 20.0, 30.0, 25.0]));
        assert_eq!(edge.long_parts().collect::<Vec<_>>(), [], "25 % vs 15 % and 20 % vs 10 % are on the margin");
        // A 61 % (11 points over) and T 21 %: both long.
        let two = Pacing::of(PerStar::new([10.0, 21.0, 61.0, 8.0]));
        assert_eq!(two.long_parts().collect::<Vec<_>>(), [Star::Task, Star::Action]);
    }

    #[test]
    fn no_time_or_damaged_figures_never_run_long() {
        let zero = Pacing::of(PerStar::default());
        assert_eq!(zero.share, PerStar::default());
        assert_eq!(zero.long_parts().count(), 0);
        let bad = Pacing::of(PerStar::new([f64::NAN, -5.0, f64::INFINITY, 10.0]));
        assert_eq!(bad.secs, PerStar::new([0.0, 0.0, 0.0, 10.0]));
        assert_eq!(bad.long_parts().collect::<Vec<_>>(), [Star::Result], "100 % against 25 %");
    }

    /// Behavioural (#1): 40/10/30/20 → 40 %, 100/0/0/0 → 100 %, and 30/30/30/30 → 25 %, plus one with
    /// no time (not counted): Situation's mean is (40 + 100 + 25) / 3 = 55 %, a habit. Technical
    /// (#2): two answers only, whatever the split, no habit yet. An unknown question: not counted.
    #[test]
    fn mean_split_per_kind_and_habits_after_three_answers() {
        let bank = Bank::bundled().unwrap();
        let behavioral = bank.get("1").unwrap();
        let technical = bank.get("2").unwrap();
        assert_eq!((behavioral.kind, technical.kind), (Kind::Behavioral, Kind::Technical));
        let mut b = ShareSums::default();
        b.add(PerStar::new([40.0, 10.0, 30.0, 20.0]));
        b.add(PerStar::new([100.0, 0.0, 0.0, 0.0]));
        let mut b2 = ShareSums::default();
        b2.add(PerStar::new([30.0, 30.0, 30.0, 30.0]));
        b2.add(PerStar::default());
        b.merge(b2);
        assert_eq!(b.answers, 3, "an answer with no time has no split");
        let mut t = ShareSums::default();
        t.add(PerStar::new([90.0, 0.0, 10.0, 0.0]));
        t.add(PerStar::new([90.0, 0.0, 10.0, 0.0]));
        let mut lost = ShareSums::default();
        lost.add(PerStar::new([1.0, 1.0, 1.0, 1.0]));
        let per_question: BTreeMap<String, ShareSums> =
            [(behavioral.id.clone(), b), (technical.id.clone(), t), ("gone".to_string(), lost)].into();
        let kinds = by_kind(&per_question, &bank);
        assert_eq!(
            kinds.iter().map(|k| (k.kind, k.answers)).collect::<Vec<_>>(),
            [(Kind::Behavioral, 3), (Kind::Technical, 2)]
        );
        let m = kinds[0].mean_share;
        assert!((m.situation - 55.0).abs() < 1e-9, "{m:?}");
        assert!((m.task - (10.0 + 0.0 + 25.0) / 3.0).abs() < 1e-9, "{m:?}");
        // Action (30 + 0 + 25) / 3 = 18.3 %, Result (20 + 0 + 25) / 3 = 15 %: neither over.
        assert_eq!(kinds[0].habits, [Star::Situation]);
        assert_eq!(kinds[0].habit_lines(), ["Situation takes 55 % of your behavioral answers (target 15 %)"]);
        assert!(kinds[1].habits.is_empty(), "two answers are not a habit");
        assert!((kinds[1].mean_share.situation - 90.0).abs() < 1e-9);
    }
}
