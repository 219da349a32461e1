//! One value per STAR part, indexed by `Star`: the single shape for anything kept per part (an
//! attempt's scores, a record's `Scores`, the `StarMeans` of stats, sums per part, labels).

use std::ops::{Index, IndexMut};

use serde::{Deserialize, Serialize};

use super::Star;

/// A value for each of Situation, Task, Action and Result. Serialized with the parts' names as
/// fields (`{"situation":4,"task":3,"action":5,"result":2}`): the history file and `stats --json`
/// write this shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerStar<T> {
    pub situation: T,
    pub task: T,
    pub action: T,
    pub result: T,
}

impl<T> PerStar<T> {
    /// Situation, Task, Action, Result.
    pub fn new([situation, task, action, result]: [T; 4]) -> PerStar<T> {
        PerStar { situation, task, action, result }
    }

    pub fn from_fn(f: impl FnMut(Star) -> T) -> PerStar<T> {
        PerStar::new(Star::ALL.map(f))
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> PerStar<U> {
        PerStar::new([self.situation, self.task, self.action, self.result].map(f))
    }

    /// (part, value) in STAR order.
    pub fn iter(&self) -> impl Iterator<Item = (Star, &T)> {
        Star::ALL.into_iter().zip(self.values())
    }

    /// The values in STAR order.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        [&self.situation, &self.task, &self.action, &self.result].into_iter()
    }

    /// The value of one part (for `Copy` values; `p[part]` borrows it).
    pub fn get(&self, part: Star) -> T
    where
        T: Copy,
    {
        self[part]
    }
}

impl<T> PerStar<Option<T>> {
    /// Every part, once all four are set.
    pub fn complete(self) -> Option<PerStar<T>> {
        let PerStar { situation: Some(s), task: Some(t), action: Some(a), result: Some(r) } = self else {
            return None;
        };
        Some(PerStar::new([s, t, a, r]))
    }

    /// The parts still unset, in STAR order.
    pub fn missing(&self) -> impl Iterator<Item = Star> + '_ {
        self.iter().filter(|(_, v)| v.is_none()).map(|(s, _)| s)
    }
}

impl<T> Index<Star> for PerStar<T> {
    type Output = T;
    fn index(&self, part: Star) -> &T {
        match part {
            Star::Situation => &self.situation,
            Star::Task => &self.task,
            Star::Action => &self.action,
            Star::Result => &self.result,
        }
    }
}

impl<T> IndexMut<Star> for PerStar<T> {
    fn index_mut(&mut self, part: Star) -> &mut T {
        match part {
            Star::Situation => &mut self.situation,
            Star::Task => &mut self.task,
            Star::Action => &mut self.action,
            Star::Result => &mut self.result,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_by_part_in_star_order() {
        let mut p: PerStar<Option<u8>> = PerStar::default();
        p[Star::Action] = Some(5);
        assert_eq!(p.missing().collect::<Vec<_>>(), [Star::Situation, Star::Task, Star::Result]);
        assert_eq!(p.complete(), None);
        p[Star::Situation] = Some(1);
        p[Star::Task] = Some(2);
        p[Star::Result] = Some(4);
        assert_eq!(p.complete(), Some(PerStar::new([1, 2, 5, 4])));
        let labels = PerStar::from_fn(Star::letter);
        assert_eq!(labels.iter().map(|(s, c)| (s, *c)).last(), Some((Star::Result, 'R')));
        assert_eq!(labels.result, 'R');
    }

    #[test]
    fn written_with_the_parts_names_whatever_the_value() {
        let scores = PerStar::new([4u8, 3, 5, 2]);
        assert_eq!(serde_json::to_string(&scores).unwrap(), r#"{"situation":4,"task":3,"action":5,"result":2}"#);
        let means = PerStar::new([3.5, 3.25, 3.75, 3.0]);
        assert_eq!(
            serde_json::to_string(&means).unwrap(),
            r#"{"situation":3.5,"task":3.25,"action":3.75,"result":3.0}"#
        );
        assert!(
            serde_json::from_str::<PerStar<u8>>(r#"{"situation":4,"task":3,"action":5,"result":2,"x":1}"#).is_err()
        );
    }
}
