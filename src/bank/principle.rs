//! Amazon's 16 Leadership Principles: one canonical list, and matching user text against it.

use std::fmt;

/// One of the 16 Leadership Principles. The discriminant is its position in Amazon's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Principle(u8);

impl TryFrom<u8> for Principle {
    type Error = String;

    fn try_from(index: u8) -> Result<Principle, String> {
        if usize::from(index) < NAMES.len() {
            Ok(Principle(index))
        } else {
            Err(format!("principle index {index}: expected 0 to {}", NAMES.len() - 1))
        }
    }
}

impl From<Principle> for u8 {
    fn from(p: Principle) -> u8 {
        p.0
    }
}

/// The canonical names, in Amazon's order. These exact strings are what the bank and history use.
pub const NAMES: [&str; 16] = [
    "Customer Obsession",
    "Ownership",
    "Invent and Simplify",
    "Are Right, A Lot",
    "Learn and Be Curious",
    "Hire and Develop the Best",
    "Insist on the Highest Standards",
    "Think Big",
    "Bias for Action",
    "Frugality",
    "Earn Trust",
    "Dive Deep",
    "Have Backbone; Disagree and Commit",
    "Deliver Results",
    "Strive to be Earth's Best Employer",
    "Success and Scale Bring Broad Responsibility",
];

impl Principle {
    /// All 16, in Amazon's order.
    pub fn all() -> impl Iterator<Item = Principle> {
        (0..NAMES.len()).filter_map(Principle::from_index)
    }

    pub fn index(self) -> usize {
        self.0 as usize
    }

    pub fn from_index(index: usize) -> Option<Principle> {
        u8::try_from(index).ok().filter(|_| index < NAMES.len()).map(Principle)
    }

    pub fn name(self) -> &'static str {
        NAMES[self.index()]
    }

    /// Lower-case, hyphenated: `have-backbone-disagree-and-commit`.
    pub fn slug(self) -> String {
        slugify(self.name())
    }

    /// The principle whose canonical name is exactly `name` (curly apostrophes accepted).
    pub fn from_name(name: &str) -> Option<Principle> {
        // Exact names are the common case (every history record): no allocation.
        if let Some(i) = NAMES.iter().position(|n| *n == name) {
            return Principle::from_index(i);
        }
        let wanted = crate::text::fold(name);
        Principle::all().find(|p| crate::text::fold(p.name()) == wanted)
    }

    /// Resolve what a user typed (`backbone`, `earn trust`, `deliver-results`): an exact name or slug;
    /// else the one name holding it as whole words (`earn` is Earn Trust, not Learn and Be Curious);
    /// else a unique case-insensitive substring of a name or slug. The one lookup of the command line
    /// and the screens.
    pub fn lookup(text: &str) -> Result<Principle, LookupError> {
        let needle = crate::text::fold(text.trim());
        let slug_needle = slugify(text.trim());
        if needle.is_empty() || slug_needle.is_empty() {
            return Err(LookupError::Unknown(text.to_string(), None));
        }
        if let Some(p) = Principle::all().find(|p| crate::text::fold(p.name()) == needle || p.slug() == slug_needle) {
            return Ok(p);
        }
        let words: Vec<Principle> =
            Principle::all().filter(|p| format!("-{}-", p.slug()).contains(&format!("-{slug_needle}-"))).collect();
        let candidates: Vec<Principle> = if words.is_empty() {
            Principle::all()
                .filter(|p| crate::text::fold(p.name()).contains(&needle) || p.slug().contains(&slug_needle))
                .collect()
        } else {
            words
        };
        match candidates.as_slice() {
            [one] => Ok(*one),
            [] => Err(LookupError::Unknown(text.to_string(), Principle::suggest_typed(&slug_needle))),
            many => Err(LookupError::Ambiguous(text.to_string(), many.to_vec())),
        }
    }

    /// The principle a mistyped command-line word most likely meant (`ownrship`, `custmer`): the closest
    /// run of as many words of a name, when it is close.
    fn suggest_typed(slug_needle: &str) -> Option<Principle> {
        let wanted: Vec<&str> = slug_needle.split('-').collect();
        let budget = (slug_needle.len() / 3).clamp(1, 4);
        Principle::all()
            .filter_map(|p| {
                let slug = p.slug();
                let words: Vec<&str> = slug.split('-').collect();
                words
                    .windows(wanted.len().min(words.len()))
                    .map(|w| edit_distance(&w.join("-"), slug_needle))
                    .min()
                    .map(|d| (d, p))
            })
            .filter(|(d, _)| *d <= budget)
            .min_by_key(|(d, _)| *d)
            .map(|(_, p)| p)
    }

    /// The closest canonical name to a misspelt one, when it is close enough to be a useful hint.
    pub fn suggest(name: &str) -> Option<Principle> {
        let wanted = crate::text::fold(name);
        Principle::all()
            .map(|p| (edit_distance(&crate::text::fold(p.name()), &wanted), p))
            .filter(|(d, p)| *d <= (p.name().len() / 4).max(2))
            .min_by_key(|(d, _)| *d)
            .map(|(_, p)| p)
    }
}

impl fmt::Display for Principle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a principle could not be resolved from user text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe())]
pub enum LookupError {
    /// Nothing matches; the closest name when one is close enough to suggest.
    Unknown(String, Option<Principle>),
    Ambiguous(String, Vec<Principle>),
}

impl LookupError {
    fn describe(&self) -> String {
        let mut out = String::new();
        let _ = self.write(&mut out);
        out
    }

    fn write(&self, f: &mut impl fmt::Write) -> fmt::Result {
        match self {
            LookupError::Unknown(text, suggestion) => {
                // What was typed is quoted back: shown, never sent as control characters.
                let text = crate::text::visible_line(text);
                match suggestion {
                    Some(p) => writeln!(
                        f,
                        "no Leadership Principle matches '{text}'; did you mean '{}'? The 16 are:",
                        p.slug()
                    )?,
                    None => writeln!(f, "no Leadership Principle matches '{text}'; the 16 are:")?,
                }
                for (i, p) in Principle::all().enumerate() {
                    let sep = if i + 1 == NAMES.len() { "" } else { "\n" };
                    write!(f, "  {} ({}){sep}", p.name(), p.slug())?;
                }
                Ok(())
            }
            LookupError::Ambiguous(text, candidates) => {
                let text = crate::text::visible_line(text);
                write!(f, "'{text}' matches more than one Leadership Principle: ")?;
                let names: Vec<&str> = candidates.iter().map(|p| p.name()).collect();
                write!(f, "{}; be more specific", names.join(" | "))
            }
        }
    }
}

/// `Are Right, A Lot` → `are-right-a-lot`.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in crate::text::fold(s).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if c != '\'' && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The word of `known` closest to a misspelt `word`, when close enough to be a useful hint (a key, a
/// command's value).
pub fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(k, word), *k))
        .filter(|(d, k)| *d <= (k.len() / 4).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_distinct_names_and_slugs() {
        assert_eq!(Principle::all().count(), 16);
        let mut slugs: Vec<String> = Principle::all().map(|p| p.slug()).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), 16);
        assert_eq!(Principle::from_index(3).unwrap().slug(), "are-right-a-lot");
        assert_eq!(Principle::from_index(14).unwrap().slug(), "strive-to-be-earths-best-employer");
    }

    #[test]
    fn lookup_by_name_slug_and_unique_substring() {
        let cases = [
            ("backbone", "Have Backbone; Disagree and Commit"),
            ("earn trust", "Earn Trust"),
            ("EARN-TRUST", "Earn Trust"),
            ("results", "Deliver Results"),
            ("deliver-results", "Deliver Results"),
            ("Customer Obsession", "Customer Obsession"),
            ("frugal", "Frugality"),
            ("Earth’s", "Strive to be Earth's Best Employer"),
        ];
        for (text, want) in cases {
            assert_eq!(Principle::lookup(text).map(|p| p.name()), Ok(want), "{text}");
        }
    }

    #[test]
    fn ambiguous_lists_candidates_and_unknown_lists_all() {
        let err = Principle::lookup("and").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("more than one"), "{msg}");
        assert!(msg.contains("Invent and Simplify") && msg.contains("Learn and Be Curious"), "{msg}");

        let msg = Principle::lookup("synergy").unwrap_err().to_string();
        assert!(msg.contains("no Leadership Principle matches 'synergy'"), "{msg}");
        for name in NAMES {
            assert!(msg.contains(name), "{name} missing from {msg}");
        }
    }

    #[test]
    fn whole_words_win_over_parts_of_words() {
        assert_eq!(Principle::lookup("earn").map(|p| p.name()), Ok("Earn Trust"), "not Learn and Be Curious");
        assert_eq!(Principle::lookup("Earn").map(|p| p.name()), Ok("Earn Trust"));
        assert_eq!(Principle::lookup("learn").map(|p| p.name()), Ok("Learn and Be Curious"));
        assert_eq!(Principle::lookup("deliver").map(|p| p.name()), Ok("Deliver Results"));
        assert_eq!(Principle::lookup("highest standards").map(|p| p.name()), Ok("Insist on the Highest Standards"));
        // Several whole-word matches stay ambiguous, listing only those.
        match Principle::lookup("and") {
            Err(LookupError::Ambiguous(_, many)) => assert_eq!(many.len(), 5, "{many:?}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn typos_get_a_did_you_mean() {
        for (typo, want) in [("ownrship", "ownership"), ("custmer", "customer-obsession"), ("frugalty", "frugality")] {
            let msg = Principle::lookup(typo).unwrap_err().to_string();
            assert!(msg.contains(&format!("did you mean '{want}'?")), "{typo}: {msg}");
        }
        let msg = Principle::lookup("synergy").unwrap_err().to_string();
        assert!(!msg.contains("did you mean"), "{msg}");
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(Principle::suggest("Customer Obssession").map(|p| p.name()), Some("Customer Obsession"));
        assert_eq!(Principle::suggest("Dive Deeper").map(|p| p.name()), Some("Dive Deep"));
        assert_eq!(Principle::suggest("Synergy"), None);
    }
}
