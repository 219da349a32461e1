//! Choosing the questions of a drill: by id, by filter, in bank or random order, the first N.

use rand::seq::SliceRandom;

use crate::bank::{Bank, Question};
use crate::filter::Filter;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Ordering {
    #[default]
    Bank,
    /// Shuffled; the same seed gives the same order.
    Random { seed: Option<u64> },
    /// In the order of these ids (`schedule::ranking`); any other question after them, in bank order.
    Ranked(Vec<String>),
}

#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Questions named by number or id; when empty, the filter chooses.
    pub ids: Vec<String>,
    pub filter: Filter,
    pub ordering: Ordering,
    pub count: Option<usize>,
}

impl Plan {
    /// The questions to drill, or a message saying why there are none.
    pub fn choose(&self, bank: &Bank) -> Result<Vec<Question>, String> {
        let mut chosen: Vec<Question> = if self.ids.is_empty() {
            self.filter.apply(&bank.questions).into_iter().cloned().collect()
        } else {
            let mut out: Vec<Question> = Vec::new();
            for key in &self.ids {
                let q = bank.get(key)?;
                if !out.iter().any(|o| o.id == q.id) {
                    out.push(q.clone());
                }
            }
            out.retain(|q| self.filter.matches(q));
            out
        };
        if chosen.is_empty() {
            return Err(if self.filter.is_empty() {
                "no questions to drill".to_string()
            } else {
                format!("no questions match {}; see `stardrill list` for what there is", self.filter.describe())
            });
        }
        match &self.ordering {
            Ordering::Bank => {}
            Ordering::Random { seed } => {
                let mut rng = super::generator(*seed);
                chosen.shuffle(&mut rng);
            }
            Ordering::Ranked(ids) => {
                chosen.sort_by_key(|q| ids.iter().position(|id| *id == q.id).unwrap_or(usize::MAX));
            }
        }
        if let Some(n) = self.count {
            chosen.truncate(n.max(1));
        }
        Ok(chosen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(plan: &Plan) -> Vec<u32> {
        plan.choose(&Bank::bundled().unwrap().only_banks(&["amazon-pm"])).unwrap().iter().map(|q| q.number).collect()
    }

    #[test]
    fn ids_filters_order_and_count() {
        assert_eq!(numbers(&Plan { ids: vec!["3".into(), "1".into()], ..Plan::default() }), vec![3, 1]);
        let l7 = Filter { levels: vec![7], ..Filter::default() };
        assert_eq!(numbers(&Plan { filter: l7.clone(), ..Plan::default() }), vec![1, 5, 7, 10]);
        assert_eq!(numbers(&Plan { filter: l7.clone(), count: Some(2), ..Plan::default() }), vec![1, 5]);
        let seeded = Plan { ordering: Ordering::Random { seed: Some(42) }, ..Plan::default() };
        let a = numbers(&seeded);
        assert_eq!(a, numbers(&seeded), "same seed, same order");
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, (1..=10).collect::<Vec<_>>());
        assert_ne!(a, sorted, "seed 42 shuffles");
    }

    #[test]
    fn a_ranking_orders_the_chosen_questions() {
        let ranked = Ordering::Ranked(vec!["healthcare-market-entry".into(), "stakeholder-alignment-at-scale".into()]);
        let l7 = Filter { levels: vec![7], ..Filter::default() };
        assert_eq!(numbers(&Plan { filter: l7, ordering: ranked, ..Plan::default() }), vec![10, 1, 5, 7]);
    }

    #[test]
    fn nothing_to_drill_is_an_error_message() {
        let bank = Bank::bundled().unwrap().only_banks(&["amazon-pm"]);
        let plan = Plan { filter: Filter { texts: vec!["zzzz".into()], ..Filter::default() }, ..Plan::default() };
        assert!(plan.choose(&bank).unwrap_err().contains("no questions match text \"zzzz\""));
        let plan = Plan { ids: vec!["99".into()], ..Plan::default() };
        assert!(plan.choose(&bank).unwrap_err().contains("no question '99'"));
    }
}
