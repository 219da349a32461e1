//! Pacing: where an answer's time went, part by part (README "Pacing" repeats the definitions).
//!
//! While answering, the candidate marks the start of each next part (Situation → Task → Action →
//! Result). `PartMarks` keeps those marks as answering time (the clock's used time, so pauses never
//! count) and gives each part's seconds; `Pacing` compares the split with `TARGETS`.
//!
//! - A part's **share** is its seconds over the seconds of all four parts.
//! - A part **ran long** when its share is more than `LONG_MARGIN` (10 percentage points) over its
//!   target share. Nothing runs long in an answer with no time at all.
//! - **Targets** for a behavioural story: Situation and Task together about a quarter (15 % + 10 %),
//!   Action about half (50 %), Result with the learning the rest (25 %).

use std::time::Duration;

use crate::bank::{PerStar, Star};

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
}
