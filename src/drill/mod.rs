//! A drill: which questions (`plan.rs`), the answer clock (`timer.rs`), and the session state machine
//! (`session.rs`). Pure: the clock is passed in.

pub mod plan;
pub mod probes;
pub mod session;
pub mod timer;

pub use session::{Attempt, Session, Step};
pub use timer::{Phase, Reading, Timer};
