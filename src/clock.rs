//! The clocks and calendars: `Now` (monotonic instant + wall time) and `Zone` (which calendar dates are
//! read in). Read once per event by the caller and passed in everywhere else, so tests set them by hand.

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate, Timelike};

/// The two clocks a drill needs, read once per event by the caller.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    /// Monotonic: for the answer clock.
    pub instant: Instant,
    /// Wall clock with the local offset: for `answered_at`.
    pub wall: DateTime<FixedOffset>,
}

impl Now {
    /// Read both clocks (for the event loop; tests build `Now` by hand).
    pub fn read() -> Now {
        Now {
            instant: Instant::now(),
            wall: chrono::Local::now().fixed_offset().with_nanosecond(0).unwrap_or_default(),
        }
    }

    pub fn plus(self, d: Duration) -> Now {
        Now { instant: self.instant + d, wall: self.wall + d }
    }
}

/// Which calendar a record's date is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Local,
    Fixed(FixedOffset),
}

impl Zone {
    /// The wall-clock date and time of `at` in this zone.
    pub fn local(self, at: DateTime<FixedOffset>) -> chrono::NaiveDateTime {
        match self {
            Zone::Local => at.with_timezone(&chrono::Local).naive_local(),
            Zone::Fixed(offset) => at.with_timezone(&offset).naive_local(),
        }
    }

    pub fn date(self, at: DateTime<FixedOffset>) -> NaiveDate {
        self.local(at).date()
    }

    /// `2026-11-26 09:15`.
    pub fn minute(self, at: DateTime<FixedOffset>) -> String {
        self.local(at).format("%Y-%m-%d %H:%M").to_string()
    }
}
