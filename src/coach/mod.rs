//! The answer coach: offline insights on what was said (`insights.rs`).

pub mod insights;
