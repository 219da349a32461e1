//! Which questions to show: level, principle, category, kind and text, as one pure filter.
//!
//! The same flag repeated ORs (`--level 5 --level 7`); different flags AND.

use crate::bank::{Kind, Principle, Question};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub levels: Vec<u8>,
    pub principles: Vec<Principle>,
    /// Lower-case substrings of the category.
    pub categories: Vec<String>,
    pub kinds: Vec<Kind>,
    /// Substrings of title, prompt or answer, folded with `text::fold`.
    pub texts: Vec<String>,
    /// Names of the banks the questions come from (`amazon-lp`), exact.
    pub banks: Vec<String>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    pub fn matches(&self, q: &Question) -> bool {
        (self.levels.is_empty() || self.levels.iter().any(|&l| q.level.contains(l)))
            && (self.principles.is_empty() || self.principles.iter().any(|p| q.principles.contains(p)))
            && (self.categories.is_empty() || self.categories.iter().any(|c| q.category.to_lowercase().contains(c)))
            && (self.kinds.is_empty() || self.kinds.contains(&q.kind))
            && (self.texts.is_empty() || self.texts.iter().any(|t| q.contains_text(t)))
            && (self.banks.is_empty() || self.banks.contains(&q.bank))
    }

    pub fn apply<'a>(&self, questions: &'a [Question]) -> Vec<&'a Question> {
        questions.iter().filter(|q| self.matches(q)).collect()
    }

    /// A short human description: "level L7 · principle Earn Trust".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        let join = |v: Vec<String>| v.join(" or ");
        if !self.levels.is_empty() {
            parts.push(format!("level {}", join(level_runs(&self.levels))));
        }
        if !self.principles.is_empty() {
            parts.push(format!("principle {}", join(self.principles.iter().map(|p| p.name().to_string()).collect())));
        }
        if !self.categories.is_empty() {
            parts.push(format!("category \"{}\"", join(self.categories.clone())));
        }
        if !self.kinds.is_empty() {
            parts.push(format!("kind {}", join(self.kinds.iter().map(|k| k.key().to_string()).collect())));
        }
        if !self.texts.is_empty() {
            parts.push(format!("text \"{}\"", join(self.texts.clone())));
        }
        if !self.banks.is_empty() {
            parts.push(format!("bank {}", join(self.banks.clone())));
        }
        parts.join(" · ")
    }
}

/// Levels as runs: `[5, 6, 7, 9]` → `L5-L7`, `L9`.
fn level_runs(levels: &[u8]) -> Vec<String> {
    let mut sorted = levels.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut runs: Vec<(u8, u8)> = Vec::new();
    for l in sorted {
        match runs.last_mut() {
            Some((_, high)) if *high + 1 == l => *high = l,
            _ => runs.push((l, l)),
        }
    }
    runs.into_iter().map(|(a, b)| if a == b { format!("L{a}") } else { format!("L{a}-L{b}") }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;

    fn numbers(filter: &Filter) -> Vec<u32> {
        let bank = Bank::bundled().unwrap().only_banks(&["amazon-pm"]);
        filter.apply(&bank.questions).iter().map(|q| q.number).collect()
    }

    #[test]
    fn level_filters_use_ranges() {
        let cases: [(&[u8], &[u32]); 4] = [
            (&[5], &[2, 3, 4, 6, 8, 9]),
            (&[6], &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
            (&[7], &[1, 5, 7, 10]),
            (&[5, 7], &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        ];
        for (levels, want) in cases {
            let f = Filter { levels: levels.to_vec(), ..Filter::default() };
            assert_eq!(numbers(&f), want, "levels {levels:?}");
        }
    }

    #[test]
    fn a_range_is_described_as_one() {
        let f = Filter { levels: vec![5, 6, 7, 9], ..Filter::default() };
        assert_eq!(f.describe(), "level L5-L7 or L9");
        // L5-L5 matches the questions whose range holds L5, as `--level 5` does.
        let f = Filter { levels: vec![4, 5], ..Filter::default() };
        assert_eq!(numbers(&f), vec![2, 3, 4, 6, 8, 9]);
    }

    #[test]
    fn principle_filters() {
        let lp = |t: &str| Principle::lookup(t).unwrap();
        let backbone = numbers(&Filter { principles: vec![lp("backbone")], ..Filter::default() });
        assert!(backbone.contains(&1) && backbone.contains(&8), "{backbone:?}");
        let frugal = numbers(&Filter { principles: vec![lp("frugality")], ..Filter::default() });
        assert!(!frugal.is_empty() && !frugal.contains(&1), "{frugal:?}");
        let either = numbers(&Filter { principles: vec![lp("backbone"), lp("frugality")], ..Filter::default() });
        assert_eq!(either.len(), {
            let mut all: Vec<u32> = backbone.iter().chain(&frugal).copied().collect();
            all.sort();
            all.dedup();
            all.len()
        });
    }

    #[test]
    fn a_bank_filter_keeps_the_questions_of_the_banks_named() {
        let bank = Bank::bundled().unwrap();
        let of = |banks: &[&str]| {
            let f = Filter { banks: banks.iter().map(|b| b.to_string()).collect(), ..Filter::default() };
            (f.apply(&bank.questions).len(), f.describe())
        };
        assert_eq!(of(&["amazon-pm"]), (10, "bank amazon-pm".to_string()));
        assert_eq!(of(&["amazon-lp"]).0, bank.questions.len() - 10);
        assert_eq!(of(&["amazon-pm", "amazon-lp"]), (bank.questions.len(), "bank amazon-pm or amazon-lp".to_string()));
        assert_eq!(of(&["nope"]).0, 0);
    }

    #[test]
    fn different_flags_and_together() {
        let f = Filter { levels: vec![7], kinds: vec![Kind::Behavioral], ..Filter::default() };
        assert_eq!(numbers(&f), vec![1, 5]);
        let f = Filter { categories: vec!["trust & safety".into()], ..Filter::default() };
        assert_eq!(numbers(&f), vec![4]);
        let f = Filter { texts: vec!["graviton".into()], ..Filter::default() };
        assert_eq!(numbers(&f), vec![2]);
        let f = Filter { texts: vec![crate::text::fold("leadership's timeline")], ..Filter::default() };
        assert_eq!(numbers(&f), vec![1], "a straight apostrophe finds a curly one");
        let f = Filter { texts: vec!["no such words anywhere".into()], ..Filter::default() };
        assert!(numbers(&f).is_empty());
    }
}
