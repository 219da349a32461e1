//! How figures are written for people: counts with their plural, times as `mm:ss`. One rounding rule
//! for every screen and command.

/// `1 attempt`, `2 attempts`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// Whole seconds as `mm:ss` (`hh:mm:ss` from an hour).
pub fn mmss(secs: u64) -> String {
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{:02}:{:02}", secs / 60, secs % 60)
    }
}

#[cfg(test)]
mod tests {
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
