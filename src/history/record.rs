//! The history file format: JSON Lines, one `Record` per saved score. README.md "History file" documents it.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::bank::PerStar;

/// The format version this build writes and reads.
pub const VERSION: u32 = 1;

/// One saved self-score of one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub version: u32,
    /// Shared by the answers of one drill.
    pub session_id: String,
    /// When the score was saved, with the local offset: `2026-11-26T09:15:02+01:00`.
    #[serde(with = "rfc3339_seconds")]
    pub answered_at: DateTime<FixedOffset>,
    /// The id of the bank the question came from.
    pub bank: String,
    pub question_id: String,
    pub question_number: u32,
    pub question_title: String,
    pub level: String,
    pub leadership_principles: Vec<String>,
    pub time_limit_secs: u64,
    /// Answering time, pauses excluded; over the limit means over-time.
    pub time_used_secs: f64,
    pub paused_secs: f64,
    pub scores: Scores,
    /// The mean of the four scores.
    pub overall: f64,
    /// The principles the candidate marked as shown in their answer.
    #[serde(default)]
    pub demonstrated: Vec<String>,
    #[serde(default)]
    pub note: String,
    /// The id of the candidate's own story told in this answer (`stardrill story`), when one was
    /// picked. Absent from older records and from answers told without one: those lines are unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story_id: Option<String>,
    /// The follow-up probes answered after the main answer, each self-scored (skipped ones are not
    /// kept). Left out of the line when there were none, so records without probes read and are
    /// written as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub probes: Vec<ProbeRecord>,
    /// Seconds spent in each STAR part, to the tenth, pauses excluded, as marked while answering
    /// (`{"situation":40.0,"task":10.0,"action":50.0,"result":20.3}`; parts not reached 0). Absent when
    /// no part was marked, so older lines and unmarked answers read and are written as before. A
    /// `part_secs` value of another shape reads as absent rather than making the whole line unreadable.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient")]
    pub part_secs: Option<PerStar<f64>>,
    /// What the candidate typed in the scratchpad while or after answering: an outline, or what they
    /// said. Absent when nothing was typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outline: Option<String>,
    /// The coach's insights on `outline` as they were when the score was saved (`stardrill insights`
    /// gives the same analysis). Absent without an outline. An `insights` value of another shape (from
    /// a later version) reads as absent rather than making the whole line unreadable.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient")]
    pub insights: Option<crate::coach::insights::Insights>,
}

/// A value read when it has the expected shape, and None otherwise.
fn lenient<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let value = serde_json::Value::deserialize(d)?;
    Ok(serde_json::from_value(value).ok())
}

/// One follow-up probe as answered: `{"principle": "Dive Deep", "text": "…", "time_used_secs": 41.3, "score": 3}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProbeRecord {
    /// The principle the probe tests (for the question's own probes, the one it targets first).
    pub principle: String,
    pub text: String,
    /// Time spent on it, pauses excluded, to a tenth of a second.
    pub time_used_secs: f64,
    /// The self-score, 1–5.
    pub score: u8,
}

impl Default for Record {
    /// A record with nothing in it: this format's version, empty texts and lists, the Unix epoch, no
    /// time used and scores of 0 (not a valid score: a builder or a test sets the fields it needs and
    /// takes the rest from here with `..Record::default()`).
    fn default() -> Record {
        Record {
            version: VERSION,
            session_id: String::new(),
            answered_at: DateTime::<FixedOffset>::default(),
            bank: String::new(),
            question_id: String::new(),
            question_number: 0,
            question_title: String::new(),
            level: String::new(),
            leadership_principles: Vec::new(),
            time_limit_secs: 0,
            time_used_secs: 0.0,
            paused_secs: 0.0,
            scores: Scores::default(),
            overall: 0.0,
            demonstrated: Vec::new(),
            note: String::new(),
            story_id: None,
            probes: Vec::new(),
            part_secs: None,
            outline: None,
            insights: None,
        }
    }
}

impl Record {
    /// A record of an answer to `q` scored `scores`: the question's facts copied in, its suggested time
    /// as the limit, no time used or paused, nothing ticked and no note (set those with `..`).
    pub fn of_question(
        q: &crate::bank::Question,
        session_id: &str,
        answered_at: DateTime<FixedOffset>,
        scores: Scores,
    ) -> Record {
        Record {
            version: VERSION,
            session_id: session_id.to_string(),
            answered_at,
            bank: q.bank.clone(),
            question_id: q.id.clone(),
            question_number: q.number,
            question_title: q.title.clone(),
            level: q.level_text.clone(),
            leadership_principles: q.principle_names(),
            time_limit_secs: q.time_limit_secs(),
            scores,
            overall: scores.mean(),
            ..Record::default()
        }
    }

    pub fn is_over_time(&self) -> bool {
        self.time_used_secs > self.time_limit_secs as f64
    }

    /// Time used as `mm:ss`, by the one rounding rule (`format::used_time`).
    pub fn used_mmss(&self) -> String {
        crate::format::used_time(self.time_used_secs, self.time_limit_secs)
    }

    /// Past the limit as `+mm:ss`, by the same rule; None within it.
    pub fn over_mmss(&self) -> Option<String> {
        crate::format::over_time(self.time_used_secs, self.time_limit_secs)
    }

    /// The used seconds as shown, by the same rule: what a session total adds up.
    pub fn shown_used_secs(&self) -> u64 {
        crate::format::used_secs(self.time_used_secs, self.time_limit_secs)
    }
}

/// Self-scores 1–5 for each STAR part, written `{"situation":4,"task":3,"action":5,"result":2}`.
pub type Scores = PerStar<u8>;

impl Scores {
    pub fn from_parts(parts: [u8; 4]) -> Scores {
        PerStar::new(parts)
    }

    pub fn mean(&self) -> f64 {
        self.values().map(|&v| f64::from(v)).sum::<f64>() / 4.0
    }

    /// `4 3 5 2`: S, T, A and R.
    pub fn compact(&self) -> String {
        format!("{} {} {} {}", self.situation, self.task, self.action, self.result)
    }

    pub fn all_valid(&self) -> bool {
        self.values().all(|v| (1..=5).contains(v))
    }
}

/// `answered_at` as RFC 3339 to the second with a numeric offset; any RFC 3339 is read.
pub(crate) mod rfc3339_seconds {
    use chrono::{DateTime, FixedOffset, SecondsFormat};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&at.to_rfc3339_opts(SecondsFormat::Secs, false))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let text = <std::borrow::Cow<str>>::deserialize(d)?;
        DateTime::parse_from_rfc3339(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Star;

    #[test]
    fn scores_keep_their_json_shape_whatever_the_type_inside() {
        let scores = Scores::from_parts([4, 3, 5, 2]);
        let json = serde_json::to_string(&scores).unwrap();
        assert_eq!(json, r#"{"situation":4,"task":3,"action":5,"result":2}"#);
        let back: Scores = serde_json::from_str(&json).unwrap();
        assert_eq!(back, PerStar::new([4, 3, 5, 2]));
        assert_eq!(back[Star::Action], 5);
        assert_eq!(back.get(Star::Result), 2);
    }

    /// A line written before any optional field existed reads, and is written back byte for byte;
    /// each optional field, once set, is written after the note (in the struct's order) and goes round
    /// the file.
    #[test]
    fn optional_fields_leave_old_lines_as_they_were_and_go_round_the_file() {
        let old = r#"{"version":1,"session_id":"s","answered_at":"2026-11-26T09:00:00+01:00","bank":"amazon-pm","question_id":"q","question_number":1,"question_title":"T","level":"L5","leadership_principles":["Ownership"],"time_limit_secs":180,"time_used_secs":100.0,"paused_secs":0.0,"scores":{"situation":4,"task":3,"action":5,"result":2},"overall":3.5,"demonstrated":[],"note":""}"#;
        let r: Record = serde_json::from_str(old).unwrap();
        assert_eq!(
            (&r.story_id, r.probes.is_empty(), r.part_secs, &r.outline, &r.insights),
            (&None, true, None, &None, &None)
        );
        assert_eq!(serde_json::to_string(&r).unwrap(), old, "an old line is written as before");
        let probe = ProbeRecord {
            principle: "Dive Deep".into(),
            text: "Walk me through it.".into(),
            time_used_secs: 41.3,
            score: 3,
        };
        let insights = crate::coach::insights::analyse("I cut churn 12%.", None);
        let cases: [(Record, &str); 5] = [
            (
                Record { story_id: Some("checkout-outage".into()), ..r.clone() },
                r#","note":"","story_id":"checkout-outage"}"#,
            ),
            (
                Record { probes: vec![probe], ..r.clone() },
                r#","note":"","probes":[{"principle":"Dive Deep","text":"Walk me through it.","time_used_secs":41.3,"score":3}]}"#,
            ),
            (
                Record { part_secs: Some(PerStar::new([40.0, 10.0, 50.0, 20.3])), ..r.clone() },
                r#","note":"","part_secs":{"situation":40.0,"task":10.0,"action":50.0,"result":20.3}}"#,
            ),
            (
                Record { outline: Some("S: churn\nR: 12%".into()), ..r.clone() },
                r#","note":"","outline":"S: churn\nR: 12%"}"#,
            ),
            (
                Record { insights: Some(insights), ..r.clone() },
                r#","learning":false,"terms_used":[],"terms_missed":[]}}"#,
            ),
        ];
        for (record, tail) in cases {
            let line = serde_json::to_string(&record).unwrap();
            assert!(line.ends_with(tail), "{line}");
            assert_eq!(serde_json::from_str::<Record>(&line).unwrap(), record);
        }
        // An `insights` or `part_secs` of another shape (a later version's) reads as absent; the
        // rest of the line still reads.
        for field in [r#""insights":{"words":"many"}"#, r#""part_secs":{"situation":"40s"}"#] {
            let other = old.replace(r#""note":""}"#, &format!(r#""note":"",{field}}}"#));
            let read: Record = serde_json::from_str(&other).unwrap_or_else(|e| panic!("{field}: {e}"));
            assert_eq!((read.insights, read.part_secs, read.overall), (None, None, 3.5), "{field}");
        }
    }
}
