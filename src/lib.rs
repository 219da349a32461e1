//! stardrill: timed mock-interview drills for Amazon Product Manager interviews.
//!
//! The domain core (`bank`, `filter`, `drill`, `history`, `stats`) knows nothing of the terminal;
//! `commands` prints it for the command line and `tui` draws it.

pub mod atomic_file;
pub mod bank;
pub mod cli;
pub mod clock;
pub mod coach;
pub mod commands;
pub mod config;
pub mod drill;
pub mod filter;
pub mod format;
pub mod history;
pub mod history_index;
pub mod json_schema;
pub mod schedule;
pub mod stats;
pub mod stories;
pub mod text;
pub mod tui;
