//! How figures are written for people: counts with their plural, times as `mm:ss`. One rounding rule
//! for every screen and command.

use std::time::Duration;

/// `1 attempt`, `2 attempts`; `2 stories` (a consonant and `y`), `2 days`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        return format!("1 {word}");
    }
    let mut end = word.chars().rev();
    match (end.next(), end.next()) {
        (Some('y'), Some(c)) if !"aeiou".contains(c) => format!("{n} {}ies", &word[..word.len() - 1]),
        _ => format!("{n} {word}s"),
    }
}

/// Whole seconds as `mm:ss` (`hh:mm:ss` from an hour).
pub fn mmss(secs: u64) -> String {
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{:02}:{:02}", secs / 60, secs % 60)
    }
}

/// The seconds recorded for an answer's used time: to the tenth of a second, but never rounded
/// back onto the limit (over time stays over time). Every screen shows this figure, not the clock's.
pub fn recorded_secs(used: Duration, limit: Duration) -> f64 {
    if used > limit { tenths(used).max(tenths(limit) + 0.1) } else { tenths(used) }
}

/// Seconds to the nearest tenth, as the history file records every time (used and paused).
pub fn tenths(d: Duration) -> f64 {
    (d.as_secs_f64() * 10.0).round() / 10.0
}

/// The one rounding rule for a used time shown in whole seconds: rounded down, except over the
/// limit, where it is rounded up so an over-time answer never reads as the limit itself.
pub fn used_secs(used: f64, limit_secs: u64) -> u64 {
    let used = used.max(0.0);
    let whole = if used > limit_secs as f64 { used.ceil() } else { used.floor() };
    // A float-to-integer cast saturates (NaN gives 0): a corrupt record may hold any number.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let secs = whole as u64;
    secs
}

/// A used time as `mm:ss`, by `used_secs`.
pub fn used_time(used: f64, limit_secs: u64) -> String {
    mmss(used_secs(used, limit_secs))
}

/// `+mm:ss` past the limit, by the same rule (so it is the shown time minus the limit); None within it.
pub fn over_time(used: f64, limit_secs: u64) -> Option<String> {
    let shown = used_secs(used, limit_secs);
    (shown > limit_secs).then(|| format!("+{}", mmss(shown - limit_secs)))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    #[test]
    fn plurals() {
        assert_eq!(super::plural(1, "story"), "1 story");
        assert_eq!(super::plural(2, "story"), "2 stories");
        assert_eq!(super::plural(0, "day"), "0 days");
        assert_eq!(super::plural(3, "problem"), "3 problems");
    }

    #[test]
    fn one_rounding_rule_for_used_time() {
        // 34.96 s is recorded as 35.0 and shown 00:35 on every screen (the reveal screen showed the
        // clock's 00:34 while the summary showed 00:35).
        assert_eq!(super::recorded_secs(Duration::from_millis(34_960), Duration::from_secs(180)), 35.0);
        assert_eq!(super::used_time(35.0, 180), "00:35");
        assert_eq!(super::used_time(34.9, 180), "00:34");
        // Under the limit: down. 179.9 of 180 is 02:59, not the limit.
        assert_eq!(super::used_time(179.9, 180), "02:59");
        assert_eq!(super::used_time(180.0, 180), "03:00");
        assert_eq!(super::over_time(180.0, 180), None);
        // Over: up, so it never reads as the limit; the mark is the shown time minus the limit.
        assert_eq!(super::recorded_secs(Duration::from_millis(180_020), Duration::from_secs(180)), 180.1);
        assert_eq!(super::used_time(180.1, 180), "03:01");
        assert_eq!(super::over_time(180.1, 180).as_deref(), Some("+00:01"));
        assert_eq!(super::used_time(245.5, 180), "04:06");
        assert_eq!(super::over_time(245.5, 180).as_deref(), Some("+01:06"));
        assert_eq!(super::used_secs(-3.0, 180), 0);
        assert_eq!(super::used_secs(f64::INFINITY, 180), u64::MAX);
    }

    #[test]
    fn times_are_recorded_to_the_tenth() {
        assert_eq!(super::tenths(Duration::from_millis(11_950)), 12.0);
        assert_eq!(super::tenths(Duration::from_millis(11_949)), 11.9);
        assert_eq!(super::tenths(Duration::ZERO), 0.0);
    }

    #[test]
    fn plural() {
        assert_eq!(super::plural(1, "session"), "1 session");
        assert_eq!(super::plural(0, "session"), "0 sessions");
        assert_eq!(super::plural(7, "answer"), "7 answers");
    }

    #[test]
    fn mmss() {
        assert_eq!(super::mmss(0), "00:00");
        assert_eq!(super::mmss(754), "12:34");
        assert_eq!(super::mmss(3661), "1:01:01");
    }
}
