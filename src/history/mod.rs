//! The local history of saved scores: the JSON Lines format (`record.rs`) and the file (`store.rs`).

pub mod correction;
pub mod record;
pub mod store;

pub use record::{ProbeRecord, Record, Scores};
