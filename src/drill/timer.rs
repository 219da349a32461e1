//! The answer clock: a countdown from a limit, with pauses, that runs on into over-time.
//!
//! It is computed from the start instant and the pause intervals, never by counting ticks, and every
//! method takes `now`, so a five-minute answer is tested in microseconds.

use std::time::{Duration, Instant};

use crate::format::mmss;

/// How the clock should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// More than 20 % of the time left.
    Normal,
    /// The last 20 % of the time.
    Warning,
    /// Past the limit: counting up.
    Over,
}

/// What the clock shows: time left, or time past the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Remaining(Duration),
    Over(Duration),
}

impl Reading {
    /// `04:59` while counting down (rounded up, so the limit shows in full at the start), `+00:07` over.
    pub fn display(self) -> String {
        match self {
            Reading::Remaining(d) => mmss(ceil_secs(d)),
            Reading::Over(d) => format!("+{}", mmss(d.as_secs())),
        }
    }
}

fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timer {
    limit: Duration,
    started: Instant,
    /// Pauses that have ended.
    paused_total: Duration,
    paused_since: Option<Instant>,
    stopped_at: Option<Instant>,
}

impl Timer {
    pub fn start(limit: Duration, now: Instant) -> Timer {
        Timer { limit, started: now, paused_total: Duration::ZERO, paused_since: None, stopped_at: None }
    }

    pub fn limit(&self) -> Duration {
        self.limit
    }

    pub fn is_paused(&self) -> bool {
        self.paused_since.is_some()
    }

    pub fn is_stopped(&self) -> bool {
        self.stopped_at.is_some()
    }

    /// Pause, or resume when paused. Does nothing once stopped.
    pub fn toggle_pause(&mut self, now: Instant) {
        if self.is_stopped() {
            return;
        }
        match self.paused_since.take() {
            Some(since) => self.paused_total += now.saturating_duration_since(since),
            None => self.paused_since = Some(now),
        }
    }

    /// Stop for good (the answer is finished); the readings freeze at `now`.
    pub fn stop(&mut self, now: Instant) {
        if self.is_stopped() {
            return;
        }
        if let Some(since) = self.paused_since.take() {
            self.paused_total += now.saturating_duration_since(since);
        }
        self.stopped_at = Some(now);
    }

    fn effective_now(&self, now: Instant) -> Instant {
        self.stopped_at.unwrap_or(now).max(self.started)
    }

    /// Time paused so far, the current pause included.
    pub fn paused(&self, now: Instant) -> Duration {
        let now = self.effective_now(now);
        self.paused_total + self.paused_since.map_or(Duration::ZERO, |s| now.saturating_duration_since(s))
    }

    /// Answering time used: wall time since the start, less the pauses.
    pub fn used(&self, now: Instant) -> Duration {
        let now = self.effective_now(now);
        now.saturating_duration_since(self.started).saturating_sub(self.paused(now))
    }

    pub fn reading(&self, now: Instant) -> Reading {
        let used = self.used(now);
        if used <= self.limit { Reading::Remaining(self.limit - used) } else { Reading::Over(used - self.limit) }
    }

    pub fn is_over(&self, now: Instant) -> bool {
        matches!(self.reading(now), Reading::Over(_))
    }

    pub fn phase(&self, now: Instant) -> Phase {
        match self.reading(now) {
            Reading::Over(_) => Phase::Over,
            Reading::Remaining(left) if left.as_secs_f64() <= self.limit.as_secs_f64() * 0.2 => Phase::Warning,
            Reading::Remaining(_) => Phase::Normal,
        }
    }

    /// Share of the limit used, 0.0 to 1.0 (stays at 1.0 in over-time).
    pub fn fraction_used(&self, now: Instant) -> f64 {
        if self.limit.is_zero() {
            return 1.0;
        }
        (self.used(now).as_secs_f64() / self.limit.as_secs_f64()).min(1.0)
    }

    /// How long until a shown second changes: the countdown while running, the paused time while
    /// paused (it is shown, so it must tick); None once stopped (nothing to redraw).
    pub fn until_next_second(&self, now: Instant) -> Option<Duration> {
        if self.is_stopped() {
            return None;
        }
        let second = Duration::from_secs(1);
        let sub = |d: Duration| Duration::from_nanos(u64::from(d.subsec_nanos()));
        if self.is_paused() {
            // The paused time is shown rounded down: it changes at its next whole second.
            return Some(second - sub(self.paused(now)));
        }
        Some(match self.reading(now) {
            // Shown rounded up: it changes when the remainder crosses a whole second.
            // At exactly zero the next change is over-time, a moment away.
            Reading::Remaining(left) if left.is_zero() => Duration::from_millis(1),
            Reading::Remaining(left) => {
                let frac = sub(left);
                if frac.is_zero() { second } else { frac }
            }
            // Shown rounded down.
            Reading::Over(over) => second - sub(over),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    #[test]
    fn counts_down_from_the_limit() {
        let t0 = Instant::now();
        let t = Timer::start(300 * S, t0);
        assert_eq!(t.reading(t0).display(), "05:00");
        assert_eq!(t.reading(t0 + Duration::from_millis(1)).display(), "05:00");
        assert_eq!(t.reading(t0 + S).display(), "04:59");
        assert_eq!(t.reading(t0 + 299 * S + Duration::from_millis(500)).display(), "00:01");
        assert_eq!(t.reading(t0 + 300 * S).display(), "00:00", "over time starts after the limit");
        assert!(!t.is_over(t0 + 300 * S));
        assert_eq!(t.reading(t0 + 300 * S + Duration::from_millis(1)).display(), "+00:00");
        assert_eq!(t.phase(t0 + 239 * S), Phase::Normal);
        assert_eq!(t.phase(t0 + 240 * S), Phase::Warning);
        assert_eq!(t.phase(t0 + 301 * S), Phase::Over);
    }

    #[test]
    fn runs_on_into_overtime() {
        let t0 = Instant::now();
        let t = Timer::start(120 * S, t0);
        assert!(t.is_over(t0 + 127 * S));
        assert_eq!(t.reading(t0 + 127 * S).display(), "+00:07");
        assert_eq!(t.reading(t0 + 3725 * S).display(), "+1:00:05");
        assert_eq!(t.fraction_used(t0 + 500 * S), 1.0);
    }

    #[test]
    fn pauses_are_not_counted() {
        let t0 = Instant::now();
        let mut t = Timer::start(60 * S, t0);
        t.toggle_pause(t0 + 10 * S);
        assert!(t.is_paused());
        assert_eq!(t.used(t0 + 40 * S), 10 * S, "frozen while paused");
        assert_eq!(t.paused(t0 + 40 * S), 30 * S);
        t.toggle_pause(t0 + 40 * S);
        assert_eq!(t.used(t0 + 45 * S), 15 * S);
        assert_eq!(t.reading(t0 + 45 * S).display(), "00:45");
        t.stop(t0 + 50 * S);
        assert_eq!(t.used(t0 + 1000 * S), 20 * S, "frozen when stopped");
        assert_eq!(t.paused(t0 + 1000 * S), 30 * S);
        t.toggle_pause(t0 + 1001 * S);
        assert!(!t.is_paused(), "no pausing after the stop");
    }

    #[test]
    fn stopping_while_paused_closes_the_pause() {
        let t0 = Instant::now();
        let mut t = Timer::start(60 * S, t0);
        t.toggle_pause(t0 + 5 * S);
        t.stop(t0 + 9 * S);
        assert_eq!(t.used(t0 + 20 * S), 5 * S);
        assert_eq!(t.paused(t0 + 20 * S), 4 * S);
    }

    #[test]
    fn next_redraw_is_at_the_next_shown_second() {
        let t0 = Instant::now();
        let mut t = Timer::start(60 * S, t0);
        assert_eq!(t.until_next_second(t0), Some(S));
        assert_eq!(t.until_next_second(t0 + Duration::from_millis(300)), Some(Duration::from_millis(700)));
        assert_eq!(t.until_next_second(t0 + 60 * S + Duration::from_millis(250)), Some(Duration::from_millis(750)));
        assert_eq!(t.until_next_second(t0 + 60 * S), Some(Duration::from_millis(1)), "over time starts next");
        t.toggle_pause(t0 + 2 * S);
        assert_eq!(t.until_next_second(t0 + 3 * S), Some(S), "the paused time ticks");
        assert_eq!(t.until_next_second(t0 + 3 * S + Duration::from_millis(400)), Some(Duration::from_millis(600)));
        t.stop(t0 + 4 * S);
        assert_eq!(t.until_next_second(t0 + 5 * S), None, "a stopped clock never changes");
    }
}
