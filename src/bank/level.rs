//! Amazon job levels as written in the bank ("L6-L7", "L5-L6", "L6+") and as ranges.

use std::fmt;

/// The lowest and highest level a bank may name.
pub const MIN_LEVEL: u8 = 1;
pub const MAX_LEVEL: u8 = 12;

/// An inclusive range of levels. `L6+` is `6..=MAX_LEVEL`; `L5` alone is `5..=5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LevelRange {
    pub low: u8,
    pub high: u8,
}

impl LevelRange {
    /// Parse `L5`, `L5-L6`, `L5–L6`, `L6+` (case-insensitive, the `L` optional on the second bound).
    pub fn parse(text: &str) -> Result<LevelRange, String> {
        let expected = "expected a level like \"L5\", a range like \"L5-L6\" or an open range like \"L6+\"";
        let t = text.trim();
        if let Some(low) = t.strip_suffix('+') {
            let low = parse_one(low).ok_or_else(|| format!("bad level \"{text}\": {expected}"))?;
            return Ok(LevelRange { low, high: MAX_LEVEL });
        }
        let (low, high) = match t.split_once(['-', '–']) {
            Some((a, b)) => (parse_one(a), parse_one(b)),
            None => (parse_one(t), parse_one(t)),
        };
        match (low, high) {
            (Some(low), Some(high)) if low <= high => Ok(LevelRange { low, high }),
            (Some(low), Some(high)) => Err(format!(
                "bad level \"{text}\": the range runs backwards (L{low} is above L{high}); write it low to high"
            )),
            _ => Err(format!("bad level \"{text}\": {expected}")),
        }
    }

    pub fn contains(self, level: u8) -> bool {
        (self.low..=self.high).contains(&level)
    }

    /// Each level of the range, low to high: what a level filter keeps (a question matches when its
    /// own range holds one of them).
    pub fn levels(self) -> std::ops::RangeInclusive<u8> {
        self.low..=self.high
    }
}

impl fmt::Display for LevelRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.high == MAX_LEVEL && self.low != MAX_LEVEL {
            write!(f, "L{}+", self.low)
        } else if self.low == self.high {
            write!(f, "L{}", self.low)
        } else {
            write!(f, "L{}-L{}", self.low, self.high)
        }
    }
}

/// One level as a user types it on the command line: `L7`, `l7` or `7`.
pub fn parse_level(text: &str) -> Result<u8, String> {
    parse_one(text).ok_or_else(|| {
        format!("bad level \"{text}\": expected a level from L{MIN_LEVEL} to L{MAX_LEVEL}, such as L5, l6 or 7")
    })
}

fn parse_one(text: &str) -> Option<u8> {
    let t = text.trim();
    let digits = t.strip_prefix(['L', 'l']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<u8>().ok().filter(|n| (MIN_LEVEL..=MAX_LEVEL).contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_as_written_in_the_bank() {
        let r = LevelRange::parse("L6-L7").unwrap();
        assert!(!r.contains(5) && r.contains(6) && r.contains(7) && !r.contains(8));
        let r = LevelRange::parse("L6+").unwrap();
        assert!(!r.contains(5) && r.contains(6) && r.contains(7) && r.contains(10));
        let r = LevelRange::parse("L5-L6").unwrap();
        assert!(r.contains(5) && r.contains(6) && !r.contains(7));
        let r = LevelRange::parse("L4").unwrap();
        assert!(r.contains(4) && !r.contains(5));
        assert_eq!(LevelRange::parse("l5-6").unwrap().to_string(), "L5-L6");
        assert_eq!(LevelRange::parse("L6+").unwrap().to_string(), "L6+");
    }

    #[test]
    fn bad_levels_say_what_was_expected() {
        let e = LevelRange::parse("L9-L5").unwrap_err();
        assert!(e.contains("runs backwards"), "{e}");
        let e = LevelRange::parse("senior").unwrap_err();
        assert!(e.contains("bad level \"senior\"") && e.contains("L5-L6"), "{e}");
        assert!(LevelRange::parse("L99").is_err());
        assert!(LevelRange::parse("").is_err());
    }

    #[test]
    fn command_line_levels() {
        assert_eq!(parse_level("L7"), Ok(7));
        assert_eq!(parse_level("l7"), Ok(7));
        assert_eq!(parse_level("7"), Ok(7));
        assert!(parse_level("seven").unwrap_err().contains("expected a level"));
    }
}
