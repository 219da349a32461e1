//! Correcting the history without rewriting it: every attempt has a stable id, and a correction is
//! one more line appended to the file — `"kind":"drop"` or `"kind":"amend"` — naming the attempt it
//! corrects. Readers apply the corrections (`Corrections::apply`); the lines written before are never
//! changed. README.md "Corrections" documents the format.
//!
//! **Attempt ids.** A record saved by this build carries `"attempt_id"`: 16 random hex digits,
//! written first in its line. A record without one (saved by an older build, or written by hand) has
//! an id derived from its content: the 64-bit FNV-1a hash of the line's bytes, leading and trailing
//! whitespace left out, as 16 lower-case hex digits. The same line always gets the same id, on every
//! machine and in every build; two byte-identical lines share an id, and a correction applies to both.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::record::{Record, Scores, VERSION};

/// How long an attempt id is, in hex digits; the short form shown in tables is `SHORT_ID` of them.
pub const ID_LEN: usize = 16;
pub const SHORT_ID: usize = 8;
/// The shortest prefix `history drop`/`amend` accept for an id.
pub const MIN_PREFIX: usize = 4;

/// What a correction does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CorrectionKind {
    /// The attempt no longer counts anywhere (it stays in the file, and in `history --raw`).
    Drop,
    /// New scores and/or a new note for the attempt.
    Amend,
}

impl CorrectionKind {
    pub fn key(self) -> &'static str {
        match self {
            CorrectionKind::Drop => "drop",
            CorrectionKind::Amend => "amend",
        }
    }
}

/// One correction line: `{"version":1,"kind":"amend","attempt_id":"…","corrected_at":"…","scores":{…},"note":"…"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    pub version: u32,
    pub kind: CorrectionKind,
    pub attempt_id: String,
    /// When the correction was made, with the local offset.
    #[serde(with = "super::record::rfc3339_seconds")]
    pub corrected_at: DateTime<FixedOffset>,
    /// An amend's new scores (the overall follows them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scores: Option<Scores>,
    /// An amend's new note; absent keeps the note as it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The corrected attempt's `answered_at`, as its record has it: readers hash only the lines of
    /// records saved at these times to find it (without it, every line is hashed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<DateTime<FixedOffset>>,
}

/// The key every correction line holds and no record line does: the readers look for it before
/// parsing a line as a correction.
pub(crate) const KIND_KEY: &[u8] = b"\"kind\"";

/// A line as a correction, when it is one: `Ok(None)` when it is not shaped like one (no `"kind"`
/// key), `Err(reason)` when it is one that cannot be applied (why, for the skipped-lines report).
pub(crate) fn parse_correction(line: &[u8]) -> Result<Option<Correction>, String> {
    if memchr::memmem::find(line, KIND_KEY).is_none() {
        return Ok(None);
    }
    #[derive(Deserialize)]
    struct Shape {
        kind: Option<serde_json::Value>,
    }
    // A line with `"kind"` only inside a nested object is not a correction.
    match serde_json::from_slice::<Shape>(line) {
        Ok(Shape { kind: Some(_) }) => {}
        _ => return Ok(None),
    }
    let c: Correction = serde_json::from_slice(line).map_err(|e| format!("not a correction: {e}"))?;
    if c.version != VERSION {
        return Err(format!("unknown version {}", c.version));
    }
    if c.attempt_id.trim().is_empty() {
        return Err("a correction without an attempt_id".into());
    }
    match c.kind {
        CorrectionKind::Drop => {}
        CorrectionKind::Amend if c.scores.is_none() && c.note.is_none() => {
            return Err("an amend with neither scores nor a note".into());
        }
        CorrectionKind::Amend if c.scores.is_some_and(|s| !s.all_valid()) => {
            return Err("an amend with scores outside 1-5".into());
        }
        CorrectionKind::Amend => {}
    }
    Ok(Some(c))
}

/// The id written in a record's line, when there is a usable one: `"attempt_id":"…"` holding 1 to 64
/// letters, digits, `-` or `_`.
fn written_id(line: &[u8]) -> Option<&str> {
    const KEY: &[u8] = b"\"attempt_id\":\"";
    let at = memchr::memmem::find(line, KEY)? + KEY.len();
    let rest = &line[at..];
    let len = memchr::memchr(b'"', rest)?;
    let id = &rest[..len];
    let fits = (1..=64).contains(&id.len()) && id.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_');
    if fits { std::str::from_utf8(id).ok() } else { None }
}

/// The stable id of the record on this line (see the module notes).
pub fn attempt_id_of_line(line: &[u8]) -> String {
    match written_id(line) {
        Some(id) => id.to_string(),
        None => derived_id(line.trim_ascii()),
    }
}

/// FNV-1a, 64 bits, as 16 lower-case hex digits.
pub fn derived_id(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// A fresh id for a record being saved.
pub fn new_attempt_id() -> String {
    format!("{:016x}", rand::random::<u64>())
}

/// A record's line as `append` writes it: the id first, then the record's fields.
pub fn record_line(record: &Record, attempt_id: &str) -> serde_json::Result<String> {
    let json = serde_json::to_string(record)?;
    let id = serde_json::to_string(attempt_id)?;
    Ok(match json.strip_prefix('{') {
        Some(rest) if rest != "}" => format!("{{\"attempt_id\":{id},{rest}"),
        _ => json,
    })
}

/// What the corrections in a file come to for one attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Fix {
    Dropped,
    Amended { scores: Option<Scores>, note: Option<String> },
}

/// Every correction of a file, folded in file order: a later amend overrides an earlier one's scores
/// (and its note, when it gives one); a drop is final.
#[derive(Debug, Clone, PartialEq)]
pub struct Corrections {
    fixes: HashMap<String, Fix>,
    /// When every correction says when its attempt was saved: those times (Unix seconds). A record
    /// saved at another time is corrected by none of them, and its line need not be hashed.
    saved_at: Option<std::collections::HashSet<i64>>,
}

impl Default for Corrections {
    fn default() -> Corrections {
        Corrections { fixes: HashMap::new(), saved_at: Some(std::collections::HashSet::new()) }
    }
}

impl Corrections {
    pub fn of<'a>(corrections: impl IntoIterator<Item = &'a Correction>) -> Corrections {
        let mut all = Corrections::default();
        for c in corrections {
            all.add(c);
        }
        all
    }

    pub fn is_empty(&self) -> bool {
        self.fixes.is_empty()
    }

    pub fn add(&mut self, c: &Correction) {
        match (c.answered_at, &mut self.saved_at) {
            (Some(at), Some(times)) => {
                times.insert(at.timestamp());
            }
            (None, saved_at) => *saved_at = None,
            (Some(_), None) => {}
        }
        let fix = self.fixes.entry(c.attempt_id.clone()).or_insert(Fix::Amended { scores: None, note: None });
        match (c.kind, fix) {
            (_, Fix::Dropped) => {}
            (CorrectionKind::Drop, fix) => *fix = Fix::Dropped,
            (CorrectionKind::Amend, Fix::Amended { scores, note }) => {
                if c.scores.is_some() {
                    *scores = c.scores;
                }
                if c.note.is_some() {
                    note.clone_from(&c.note);
                }
            }
        }
    }

    pub fn get(&self, attempt_id: &str) -> Option<&Fix> {
        self.fixes.get(attempt_id)
    }

    /// The record as corrected, or None when it was dropped. `line` is the record's line (for its id);
    /// with no corrections at all nothing is hashed.
    pub fn apply(&self, record: Record, line: &[u8]) -> Option<Record> {
        if self.fixes.is_empty() {
            return Some(record);
        }
        if let Some(times) = &self.saved_at
            && !times.contains(&record.answered_at.timestamp())
        {
            return Some(record);
        }
        self.apply_id(record, &attempt_id_of_line(line))
    }

    /// The record with this id as corrected, or None when it was dropped.
    pub fn apply_id(&self, mut record: Record, attempt_id: &str) -> Option<Record> {
        match self.fixes.get(attempt_id) {
            None => Some(record),
            Some(Fix::Dropped) => None,
            Some(Fix::Amended { scores, note }) => {
                if let Some(s) = scores {
                    record.scores = *s;
                    record.overall = s.mean();
                }
                if let Some(n) = note {
                    record.note.clone_from(n);
                }
                Some(record)
            }
        }
    }
}

/// `4,3,4,2` (or spaces, or `4342`): the S, T, A and R scores of an amend, each 1–5.
pub fn parse_scores(text: &str) -> Result<Scores, String> {
    let bad = || {
        format!(
            "bad scores \"{}\": expected four scores from 1 to 5 for S, T, A and R, such as 4,3,4,2",
            crate::text::visible_line(text)
        )
    };
    let t = text.trim();
    let parts: Vec<&str> = if t.contains([',', ' ']) {
        t.split([',', ' ']).filter(|p| !p.is_empty()).collect()
    } else {
        t.char_indices().map(|(i, c)| &t[i..i + c.len_utf8()]).collect()
    };
    if parts.len() != 4 {
        return Err(bad());
    }
    let mut values = [0u8; 4];
    for (v, p) in values.iter_mut().zip(&parts) {
        *v = p.trim().parse::<u8>().ok().filter(|n| (1..=5).contains(n)).ok_or_else(bad)?;
    }
    Ok(Scores::from_parts(values))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn correction(kind: CorrectionKind, id: &str, scores: Option<[u8; 4]>, note: Option<&str>) -> Correction {
        Correction {
            version: VERSION,
            kind,
            attempt_id: id.into(),
            corrected_at: DateTime::parse_from_rfc3339("2026-11-26T10:00:00+01:00").unwrap(),
            scores: scores.map(Scores::from_parts),
            note: note.map(str::to_string),
            answered_at: None,
        }
    }

    #[test]
    fn derived_ids_are_fnv1a_of_the_trimmed_line() {
        // FNV-1a 64 reference values.
        assert_eq!(derived_id(b""), "cbf29ce484222325");
        assert_eq!(derived_id(b"a"), "af63dc4c8601ec8c");
        assert_eq!(derived_id(b"foobar"), "85944171f73967e8");
        let line = br#"{"version":1,"note":"x"}"#;
        assert_eq!(attempt_id_of_line(line), derived_id(line));
        let mut spaced = b"  ".to_vec();
        spaced.extend_from_slice(line);
        spaced.extend_from_slice(b" \r");
        assert_eq!(attempt_id_of_line(&spaced), derived_id(line));
        // A written id wins; an unusable one is ignored.
        assert_eq!(attempt_id_of_line(br#"{"attempt_id":"0123abcd0123abcd","version":1}"#), "0123abcd0123abcd");
        let odd = br#"{"attempt_id":"has space","version":1}"#;
        assert_eq!(attempt_id_of_line(odd), derived_id(odd));
    }

    #[test]
    fn record_lines_start_with_their_id() {
        let id = new_attempt_id();
        assert_eq!(id.len(), ID_LEN);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(id, new_attempt_id());
    }

    #[test]
    fn corrections_fold_in_file_order() {
        let all = Corrections::of(&[
            correction(CorrectionKind::Amend, "a", Some([1, 1, 1, 1]), Some("first")),
            correction(CorrectionKind::Amend, "a", Some([4, 3, 4, 2]), None),
            correction(CorrectionKind::Drop, "b", None, None),
            correction(CorrectionKind::Amend, "b", Some([5, 5, 5, 5]), None),
        ]);
        assert_eq!(
            all.get("a"),
            Some(&Fix::Amended { scores: Some(Scores::from_parts([4, 3, 4, 2])), note: Some("first".into()) })
        );
        assert_eq!(all.get("b"), Some(&Fix::Dropped), "a drop is final");
        assert_eq!(all.get("c"), None);
    }

    #[test]
    fn only_records_saved_when_a_corrected_attempt_was_are_looked_up() {
        let bank = crate::bank::Bank::bundled().unwrap();
        let q = bank.find("1").unwrap();
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
        let r = Record::of_question(q, "s", at("2026-11-20T12:00:00+00:00"), Scores::from_parts([2, 2, 2, 2]));
        let line = serde_json::to_string(&r).unwrap();
        let id = attempt_id_of_line(line.as_bytes());
        let mut drop = correction(CorrectionKind::Drop, &id, None, None);
        // Saved at the same instant, written in another offset: found and dropped.
        drop.answered_at = Some(at("2026-11-20T13:00:00+01:00"));
        assert_eq!(Corrections::of([&drop]).apply(r.clone(), line.as_bytes()), None);
        // A correction that says another time does not touch it, even with its id.
        drop.answered_at = Some(at("2026-11-21T12:00:00+00:00"));
        assert!(Corrections::of([&drop]).apply(r.clone(), line.as_bytes()).is_some());
        // Without a time (a hand-written line), every record is looked up by id.
        drop.answered_at = None;
        assert_eq!(Corrections::of([&drop]).apply(r, line.as_bytes()), None);
    }

    #[test]
    fn correction_lines_are_told_from_records_and_checked() {
        let line = serde_json::to_string(&correction(CorrectionKind::Drop, "a", None, None)).unwrap();
        assert!(line.starts_with(r#"{"version":1,"kind":"drop","attempt_id":"a","corrected_at":"#), "{line}");
        assert!(parse_correction(line.as_bytes()).unwrap().is_some());
        assert_eq!(parse_correction(br#"{"version":1,"note":"\"kind\" in a note"}"#), Ok(None));
        assert_eq!(parse_correction(br#"{"version":1,"probes":[{"kind":"x"}]}"#), Ok(None));
        let amend = line.replace("drop", "amend");
        assert_eq!(parse_correction(amend.as_bytes()), Err("an amend with neither scores nor a note".into()));
        let v2 = line.replace("\"version\":1", "\"version\":2");
        assert_eq!(parse_correction(v2.as_bytes()), Err("unknown version 2".into()));
        let bad = serde_json::to_string(&correction(CorrectionKind::Amend, "a", Some([6, 1, 1, 1]), None)).unwrap();
        assert_eq!(parse_correction(bad.as_bytes()), Err("an amend with scores outside 1-5".into()));
    }

    #[test]
    fn scores_on_the_command_line() {
        assert_eq!(parse_scores("4,3,4,2"), Ok(Scores::from_parts([4, 3, 4, 2])));
        assert_eq!(parse_scores("4 3 4 2"), Ok(Scores::from_parts([4, 3, 4, 2])));
        assert_eq!(parse_scores("4342"), Ok(Scores::from_parts([4, 3, 4, 2])));
        for bad in ["", "4,3,4", "4,3,4,6", "0,1,1,1", "a,b,c,d", "4,3,4,2,1", "43421"] {
            assert!(parse_scores(bad).unwrap_err().contains("expected four scores from 1 to 5"), "{bad}");
        }
    }
}
