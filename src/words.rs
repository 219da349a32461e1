//! Small wording helpers shared by the command line and the TUI.

/// `1 attempt`, `2 attempts`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

#[cfg(test)]
mod tests {
    #[test]
    fn plural() {
        assert_eq!(super::plural(1, "session"), "1 session");
        assert_eq!(super::plural(0, "session"), "0 sessions");
        assert_eq!(super::plural(7, "answer"), "7 answers");
    }
}
