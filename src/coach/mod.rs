//! The answer coach: offline insights on what was said (`insights.rs`) and where the time went
//! (`pacing.rs`).

pub mod insights;
pub mod pacing;
