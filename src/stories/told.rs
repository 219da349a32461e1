//! How often each story was told in drills, from the history records that name it (`story_id`):
//! times told, mean overall score, when last.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::history::Record;

/// One story's drills.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Told {
    pub times: usize,
    sum: f64,
    pub last: Option<DateTime<FixedOffset>>,
}

impl Told {
    /// The mean overall score of the answers that told it; None when never told.
    pub fn mean(&self) -> Option<f64> {
        (self.times > 0).then(|| self.sum / self.times as f64)
    }
}

/// A story's drills in JSON (`stats --json`, `story list --json`, `story show --json`): `told` (times),
/// `mean_overall` (not rounded, as every mean in the JSON) and `last_told` (RFC 3339 with the offset
/// the answer was saved with, as `history --json` gives `answered_at`); both null when never told.
impl Serialize for Told {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut json = serializer.serialize_struct("Told", 3)?;
        json.serialize_field("told", &self.times)?;
        json.serialize_field("mean_overall", &self.mean())?;
        json.serialize_field("last_told", &self.last.map(|at| at.to_rfc3339_opts(SecondsFormat::Secs, false)))?;
        json.end()
    }
}

/// Per story id, folded record by record (the history is read once, not kept).
#[derive(Debug, Clone, Default)]
pub struct ToldByStory(HashMap<String, Told>);

impl ToldByStory {
    /// Count one record (one that names no story counts for none).
    pub fn add(&mut self, r: &Record) {
        let Some(id) = &r.story_id else { return };
        let told = self.0.entry(id.clone()).or_default();
        told.times += 1;
        told.sum += r.overall;
        // The latest instant, whatever offset it was written with.
        if told.last.is_none_or(|last| r.answered_at > last) {
            told.last = Some(r.answered_at);
        }
    }

    /// Of the stories `ids`, the one told with the best mean overall, and that mean; None when none
    /// of them was told. Ties go to the first in `ids`.
    pub fn best<'a>(&self, ids: &'a [String]) -> Option<(&'a str, f64)> {
        ids.iter().filter_map(|id| self.get(id).mean().map(|m| (id.as_str(), m))).fold(
            None,
            |best: Option<(&str, f64)>, (id, m)| match best {
                Some((_, b)) if b >= m => best,
                _ => Some((id, m)),
            },
        )
    }

    /// Join the counts of a later part of the same history.
    pub fn merge(&mut self, later: ToldByStory) {
        for (id, t) in later.0 {
            let mine = self.0.entry(id).or_default();
            mine.times += t.times;
            mine.sum += t.sum;
            if t.last.is_some() && mine.last.is_none_or(|last| t.last.is_some_and(|l| l > last)) {
                mine.last = t.last;
            }
        }
    }

    /// The story's drills; never told is all zero.
    pub fn get(&self, id: &str) -> Told {
        self.0.get(id).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::Scores;

    fn record(story: Option<&str>, at: &str, scores: [u8; 4]) -> Record {
        let bank = crate::bank::Bank::bundled().unwrap();
        let at = DateTime::parse_from_rfc3339(at).unwrap();
        Record {
            story_id: story.map(str::to_string),
            ..Record::of_question(&bank.questions[0], "s", at, Scores::from_parts(scores))
        }
    }

    #[test]
    fn times_mean_and_last_by_hand() {
        let records = [
            record(Some("a"), "2026-11-20T10:00:00+01:00", [4, 4, 4, 4]),
            record(Some("b"), "2026-11-21T10:00:00+00:00", [1, 2, 3, 4]),
            record(None, "2026-11-22T10:00:00+00:00", [5, 5, 5, 5]),
            // Later than the first by the clock, though its local time reads earlier.
            record(Some("a"), "2026-11-20T08:30:00-05:00", [3, 2, 3, 2]),
        ];
        // Counted as the readers count: record by record, each part of the file on its own, then
        // joined in file order.
        let mut told = ToldByStory::default();
        records[..2].iter().for_each(|r| told.add(r));
        let mut later = ToldByStory::default();
        records[2..].iter().for_each(|r| later.add(r));
        told.merge(later);
        let a = told.get("a");
        assert_eq!(a.times, 2);
        // (4.0 + 2.5) / 2
        assert_eq!(a.mean(), Some(3.25));
        assert_eq!(a.last.unwrap().to_rfc3339(), "2026-11-20T08:30:00-05:00");
        assert_eq!(told.get("b").mean(), Some(2.5));
        assert_eq!(told.get("never"), Told::default());
        assert_eq!(told.get("never").mean(), None);
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(told.best(&ids(&["b", "a", "never"])), Some(("a", 3.25)));
        assert_eq!(told.best(&ids(&["never"])), None);
        // In JSON: the mean as it is, the time as saved.
        let json = |t: Told| serde_json::to_value(t).unwrap();
        let want = serde_json::json!({"told": 2, "mean_overall": 3.25, "last_told": "2026-11-20T08:30:00-05:00"});
        assert_eq!(json(a), want);
        assert_eq!(json(Told::default()), serde_json::json!({"told": 0, "mean_overall": null, "last_told": null}));
        let mut thirds = ToldByStory::default();
        for scores in [[4, 4, 4, 4], [4, 4, 4, 4], [3, 3, 3, 3]] {
            thirds.add(&record(Some("c"), "2026-11-20T10:00:00+00:00", scores));
        }
        assert_eq!(json(thirds.get("c"))["mean_overall"], 11.0 / 3.0, "not rounded");
    }
}
