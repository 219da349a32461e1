//! One value per STAR part, indexed by `Star`: the single shape for anything kept per part
//! (an attempt's scores, sums per part, labels).

use std::ops::{Index, IndexMut};

use super::Star;

/// A value for each of Situation, Task, Action and Result, in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct PerStar<T>([T; 4]);

impl<T> PerStar<T> {
    /// Situation, Task, Action, Result.
    pub const fn new(parts: [T; 4]) -> PerStar<T> {
        PerStar(parts)
    }

    pub fn from_fn(mut f: impl FnMut(Star) -> T) -> PerStar<T> {
        PerStar(Star::ALL.map(&mut f))
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> PerStar<U> {
        PerStar(self.0.map(f))
    }

    /// (part, value) in STAR order.
    pub fn iter(&self) -> impl Iterator<Item = (Star, &T)> {
        Star::ALL.into_iter().zip(self.0.iter())
    }

    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.0.iter()
    }

    pub fn into_array(self) -> [T; 4] {
        self.0
    }
}

impl<T> PerStar<Option<T>> {
    /// Every part, once all four are set.
    pub fn complete(self) -> Option<PerStar<T>> {
        let [Some(s), Some(t), Some(a), Some(r)] = self.0 else { return None };
        Some(PerStar([s, t, a, r]))
    }

    /// The parts still unset, in STAR order.
    pub fn missing(&self) -> impl Iterator<Item = Star> + '_ {
        self.iter().filter(|(_, v)| v.is_none()).map(|(s, _)| s)
    }
}

impl<T> Index<Star> for PerStar<T> {
    type Output = T;
    fn index(&self, part: Star) -> &T {
        &self.0[part.index()]
    }
}

impl<T> IndexMut<Star> for PerStar<T> {
    fn index_mut(&mut self, part: Star) -> &mut T {
        &mut self.0[part.index()]
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
    }
}
