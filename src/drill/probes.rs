//! Follow-up probes in a drill: which are asked after an answer, and how each one goes (its own clock,
//! skipped or answered, then self-scored). Pure: the clock and the random numbers are passed in.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::Rng;
use rand::seq::SliceRandom;

use super::timer::Timer;
use crate::bank::{Principle, ProbeBook, Question};

/// How long each probe's clock runs before it counts over time, unless `--probe-time` says otherwise.
pub const DEFAULT_PROBE_TIME: Duration = Duration::from_secs(60);

/// How many probes follow each answer, unless `--probes` says otherwise: one for a single question,
/// two in a mock of several.
pub fn default_count(questions: usize) -> usize {
    if questions > 1 { 2 } else { 1 }
}

/// What the command line asks of probes: how many after each answer (None: `default_count`), and each
/// one's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProbeSettings {
    pub count: Option<usize>,
    pub time: Duration,
}

impl ProbeSettings {
    /// No probes.
    pub const OFF: ProbeSettings = ProbeSettings { count: Some(0), time: DEFAULT_PROBE_TIME };

    /// The plan for a drill of `questions` questions, drawing from `book`.
    pub fn plan(&self, questions: usize, book: Arc<ProbeBook>) -> ProbePlan {
        ProbePlan { count: self.count.unwrap_or_else(|| default_count(questions)), time: self.time, book }
    }
}

/// The probes of a drill: how many after each answer, each one's time, and where they come from.
#[derive(Debug, Clone, Default)]
pub struct ProbePlan {
    /// 0 turns probes off.
    pub count: usize,
    pub time: Duration,
    pub book: Arc<ProbeBook>,
}

/// A probe chosen for an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    /// The principle it tests: the question's first for its own probes and the general ones.
    pub principle: Principle,
    pub text: String,
}

/// Up to `count` probes for `q`: its own first, then its principles' (in the question's order), then
/// the general ones; shuffled with `rng` within each of those groups; none whose text is in `asked`
/// (compared folded), which gains the chosen ones, so no probe comes twice in a session.
pub fn choose(
    q: &Question,
    book: &ProbeBook,
    count: usize,
    rng: &mut impl Rng,
    asked: &mut HashSet<String>,
) -> Vec<Probe> {
    let Some(&first) = q.principles.first() else { return Vec::new() };
    let mut groups: Vec<Vec<Probe>> = Vec::new();
    let group = |principle: Principle, texts: &[String]| -> Vec<Probe> {
        texts.iter().map(|text| Probe { principle, text: text.clone() }).collect()
    };
    groups.push(group(first, &q.probes));
    for &p in &q.principles {
        groups.push(group(p, book.probes(p)));
    }
    groups.push(group(first, &book.general));
    let mut chosen = Vec::new();
    for mut g in groups {
        g.shuffle(rng);
        for probe in g {
            if chosen.len() >= count {
                return chosen;
            }
            if asked.insert(crate::text::fold(&probe.text)) {
                chosen.push(probe);
            }
        }
    }
    chosen
}

/// One probe as it is put to the candidate.
#[derive(Debug, Clone)]
pub struct ProbeAsk {
    pub probe: Probe,
    /// Started when the probe is put; stopped when it is answered or skipped.
    pub timer: Timer,
    /// Skipped probes are not scored or saved.
    pub skipped: bool,
    /// The self-score, 1–5, given on the Score screen.
    pub score: Option<u8>,
}

impl ProbeAsk {
    pub fn new(probe: Probe, limit: Duration, now: Instant) -> ProbeAsk {
        ProbeAsk { probe, timer: Timer::start(limit, now), skipped: false, score: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    fn bank() -> Bank {
        Bank::bundled().unwrap()
    }

    #[test]
    fn own_probes_come_first_then_the_principles_then_the_general_ones() {
        let bank = bank();
        let q = bank.find("101").unwrap();
        let mut rng = StdRng::seed_from_u64(1);
        let mut asked = HashSet::new();
        let own = q.probes.len();
        let chosen = choose(q, &bank.probes, own + 2, &mut rng, &mut asked);
        assert_eq!(chosen.len(), own + 2);
        let mut first: Vec<&str> = chosen[..own].iter().map(|p| p.text.as_str()).collect();
        first.sort_unstable();
        let mut want: Vec<&str> = q.probes.iter().map(String::as_str).collect();
        want.sort_unstable();
        assert_eq!(first, want, "the question's own probes first");
        let customer = Principle::lookup("customer obsession").unwrap();
        for p in &chosen[own..] {
            assert_eq!(p.principle, customer, "then the first principle's: {p:?}");
            assert!(bank.probes.probes(customer).contains(&p.text));
        }
        assert_eq!(asked.len(), own + 2);
    }

    #[test]
    fn the_same_seed_chooses_the_same_and_no_probe_comes_twice_in_a_session() {
        let bank = bank();
        let q = bank.find("1").unwrap();
        let run = |seed| {
            let mut rng = StdRng::seed_from_u64(seed);
            let mut asked = HashSet::new();
            let a = choose(q, &bank.probes, 3, &mut rng, &mut asked);
            let b = choose(q, &bank.probes, 3, &mut rng, &mut asked);
            (a, b)
        };
        let (a, b) = run(42);
        assert_eq!((a.clone(), b.clone()), run(42));
        assert_eq!((a.len(), b.len()), (3, 3));
        for p in &a {
            assert!(!b.contains(p), "{p:?} asked twice");
        }
        // Seed questions have no probes of their own: the first comes from its first principle.
        assert_eq!(a[0].principle, q.principles[0]);
        let all_seeds_same = (0..20).all(|s| run(s).0 == a);
        assert!(!all_seeds_same, "the seed chooses");
    }

    #[test]
    fn when_everything_is_asked_there_is_nothing_more() {
        let bank = bank();
        let q = bank.find("101").unwrap();
        let mut rng = StdRng::seed_from_u64(3);
        let mut asked = HashSet::new();
        let everything = choose(q, &bank.probes, usize::MAX, &mut rng, &mut asked);
        let want = q.probes.len()
            + q.principles.iter().map(|p| bank.probes.probes(*p).len()).sum::<usize>()
            + bank.probes.general.len();
        assert_eq!(everything.len(), want);
        assert!(choose(q, &bank.probes, 2, &mut rng, &mut asked).is_empty());
        assert!(choose(q, &bank.probes, 0, &mut rng, &mut HashSet::new()).is_empty());
        assert_eq!(default_count(1), 1);
        assert_eq!(default_count(3), 2);
    }
}
