//! A drill: which questions (`plan.rs`), the answer clock (`timer.rs`), and the session state machine
//! (`session.rs`). Pure: the clock is passed in.

pub mod plan;
pub mod probes;
pub mod session;
pub mod timer;

pub use session::{Attempt, Session, Step};
pub use timer::{Phase, Reading, Timer};

use rand::SeedableRng;
use rand::rngs::StdRng;

/// A random generator made when first used: seeded with the drill's seed (the same choices every
/// run), or a fresh one from the system. Making one asks the system for randomness and the processor
/// for its features, which a first frame need not wait for when nothing random is drawn yet.
#[derive(Debug)]
pub struct LazyRng {
    seed: Option<u64>,
    rng: Option<StdRng>,
}

impl LazyRng {
    pub fn new(seed: Option<u64>) -> LazyRng {
        LazyRng { seed, rng: None }
    }

    /// The generator, made now if it was not yet.
    pub fn get(&mut self) -> &mut StdRng {
        let seed = self.seed;
        self.rng.get_or_insert_with(|| generator(seed))
    }
}

/// A generator seeded with `seed`, or a fresh one when None.
pub fn generator(seed: Option<u64>) -> StdRng {
    match seed {
        Some(seed) => StdRng::seed_from_u64(seed),
        None => rand::make_rng(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt;

    #[test]
    fn a_lazy_generator_draws_what_its_seed_draws_whenever_it_is_made() {
        let mut eager = generator(Some(7));
        let mut lazy = LazyRng::new(Some(7));
        let a: [u64; 3] = [eager.random(), eager.random(), eager.random()];
        let b: [u64; 3] = [lazy.get().random(), lazy.get().random(), lazy.get().random()];
        assert_eq!(a, b);
        let mut other = LazyRng::new(Some(8));
        assert_ne!(other.get().random::<u64>(), a[0]);
    }
}
