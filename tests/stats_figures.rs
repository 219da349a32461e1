//! Every stats figure against hand-computed values.

use chrono::{DateTime, FixedOffset, NaiveDate};
use stardrill::bank::Bank;
use stardrill::clock::Zone;
use stardrill::filter::Filter;
use stardrill::history::{Record, Scores};
use stardrill::stats::{self, RecordQuery};

struct R {
    session: &'static str,
    at: &'static str,
    id: &'static str,
    number: u32,
    level: &'static str,
    principles: &'static [&'static str],
    limit: u64,
    used: f64,
    scores: [u8; 4],
    shown: &'static [&'static str],
}

fn record(r: R) -> Record {
    let scores = Scores::from_parts(r.scores);
    Record {
        version: 1,
        session_id: r.session.into(),
        answered_at: DateTime::parse_from_rfc3339(r.at).unwrap(),
        bank: "amazon-pm".into(),
        question_id: r.id.into(),
        question_number: r.number,
        question_title: format!("Question {}", r.number),
        level: r.level.into(),
        leadership_principles: r.principles.iter().map(|s| s.to_string()).collect(),
        time_limit_secs: r.limit,
        time_used_secs: r.used,
        scores,
        overall: scores.mean(),
        demonstrated: r.shown.iter().map(|s| s.to_string()).collect(),
        ..Record::default()
    }
}

const Q1: &str = "stakeholder-alignment-at-scale";
const Q2: &str = "aws-cloud-architecture-deep-dive";
const Q5: &str = "decision-under-uncertainty";

fn fixture() -> Vec<Record> {
    vec![
        record(R {
            session: "s1",
            at: "2026-11-20T10:00:00Z",
            id: Q1,
            number: 1,
            level: "L6-L7",
            principles: &["Ownership", "Deliver Results"],
            limit: 180,
            used: 200.0,
            scores: [4, 3, 5, 2],
            shown: &["Ownership"],
        }),
        record(R {
            session: "s1",
            at: "2026-11-20T10:10:00Z",
            id: Q5,
            number: 5,
            level: "L6-L7",
            principles: &["Customer Obsession", "Ownership"],
            limit: 180,
            used: 100.0,
            scores: [2, 2, 2, 2],
            shown: &[],
        }),
        record(R {
            session: "s2",
            at: "2026-11-21T23:30:00Z",
            id: Q2,
            number: 2,
            level: "L5-L6",
            principles: &["Dive Deep"],
            limit: 900,
            used: 900.0,
            scores: [5, 5, 5, 5],
            shown: &[],
        }),
        record(R {
            session: "s3",
            at: "2026-11-22T00:30:00Z",
            id: Q1,
            number: 1,
            level: "L6-L7",
            principles: &["Ownership", "Deliver Results"],
            limit: 180,
            used: 150.0,
            scores: [3, 3, 3, 3],
            shown: &["Ownership", "Deliver Results"],
        }),
    ]
}

fn utc() -> Zone {
    Zone::Fixed(FixedOffset::east_opt(0).unwrap())
}

fn query(bank: &Bank) -> RecordQuery<'_> {
    RecordQuery { zone: utc(), ..RecordQuery::all(bank) }
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn totals_means_and_over_time() {
    let bank = Bank::bundled().unwrap();
    let s = stats::compute(&fixture(), &query(&bank));
    assert_eq!((s.attempts, s.sessions, s.days_practised), (4, 3, 3));
    assert_eq!(s.first_practised, Some(date("2026-11-20")));
    assert_eq!(s.last_practised, Some(date("2026-11-22")));
    assert_eq!(s.mean_overall, Some(3.375));
    let m = s.star_means.unwrap();
    assert_eq!((m.situation, m.task, m.action, m.result), (3.5, 3.25, 3.75, 3.0));
    assert_eq!(m.weakest(), stardrill::bank::Star::Result);
    assert_eq!(s.over_time_rate, Some(0.25), "exactly at the limit is not over time");
    assert_eq!(s.trend, None, "four attempts are too few for a trend");
}

#[test]
fn per_principle_level_and_never_practised() {
    let bank = Bank::bundled().unwrap();
    let s = stats::compute(&fixture(), &query(&bank));
    assert_eq!(s.principles.len(), 16);
    let p = |name: &str| s.principles.iter().find(|p| p.name == name).unwrap().clone();
    let own = p("Ownership");
    assert_eq!((own.attempts, own.shown, own.last_practised), (3, 2, Some(date("2026-11-22"))));
    assert!(close(own.mean_overall.unwrap(), 8.5 / 3.0));
    let dr = p("Deliver Results");
    assert_eq!((dr.attempts, dr.shown, dr.mean_overall), (2, 1, Some(3.25)));
    assert_eq!((p("Customer Obsession").attempts, p("Customer Obsession").mean_overall), (1, Some(2.0)));
    assert_eq!(p("Frugality").mean_overall, None);
    assert_eq!(s.never_practised.len(), 12);
    assert!(s.never_practised.contains(&"Frugality") && !s.never_practised.contains(&"Dive Deep"));
    let levels: Vec<(&str, usize)> = s.levels.iter().map(|l| (l.level.as_str(), l.attempts)).collect();
    assert_eq!(levels, vec![("L5-L6", 1), ("L6-L7", 3)]);
    assert!(close(s.levels[1].mean_overall, 8.5 / 3.0));
}

#[test]
fn weakest_by_the_mean_of_the_last_three() {
    let bank = Bank::bundled().unwrap();
    let s = stats::compute(&fixture(), &query(&bank));
    let weakest: Vec<(u32, f64, usize)> =
        s.weakest.iter().map(|w| (w.question_number, w.recent_mean, w.attempts)).collect();
    assert_eq!(weakest, vec![(5, 2.0, 1), (1, 3.25, 2), (2, 5.0, 1)]);

    // Only the last three attempts count: an old good run does not hide a recent slump.
    let mut records = Vec::new();
    for (i, score) in [5u8, 5, 1, 1, 1].into_iter().enumerate() {
        records.push(record(R {
            session: "s",
            at: [
                "2026-11-01T09:00:00Z",
                "2026-11-02T09:00:00Z",
                "2026-11-03T09:00:00Z",
                "2026-11-04T09:00:00Z",
                "2026-11-05T09:00:00Z",
            ][i],
            id: Q2,
            number: 2,
            level: "L5-L6",
            principles: &["Dive Deep"],
            limit: 900,
            used: 10.0,
            scores: [score; 4],
            shown: &[],
        }));
    }
    records.reverse(); // file order does not matter; time does
    let s = stats::compute(&records, &query(&bank));
    assert_eq!(s.weakest[0].recent_mean, 1.0);
    assert_eq!(s.weakest[0].last_practised, date("2026-11-05"));
}

fn series(overalls: &[u8]) -> Vec<Record> {
    overalls
        .iter()
        .enumerate()
        .map(|(i, &o)| {
            let mut r = record(R {
                session: "s",
                at: "2026-11-01T09:00:00Z",
                id: Q1,
                number: 1,
                level: "L6-L7",
                principles: &["Ownership"],
                limit: 180,
                used: 10.0,
                scores: [o; 4],
                shown: &[],
            });
            r.answered_at += chrono::Duration::hours(i64::try_from(i).unwrap());
            r
        })
        .collect()
}

#[test]
fn trend_is_last_five_minus_the_five_before() {
    let bank = Bank::bundled().unwrap();
    let s = stats::compute(&series(&[1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5]), &query(&bank));
    // last five: 5,5,5,5,5 → 5; the five before: 2,3,4,5,5 → 3.8
    assert!(close(s.trend.unwrap(), 1.2), "{:?}", s.trend);
    let s = stats::compute(&series(&[1, 2, 2, 2, 2, 2]), &query(&bank));
    assert!(close(s.trend.unwrap(), 1.0), "six attempts: the one before the last five");
    assert_eq!(stats::compute(&series(&[1, 2, 3, 4, 5]), &query(&bank)).trend, None);
}

#[test]
fn date_filters_read_dates_in_the_given_zone() {
    let bank = Bank::bundled().unwrap();
    let records = fixture();
    let since = |zone: Zone, d: &str| {
        let q = RecordQuery { since: Some(date(d)), zone, ..RecordQuery::all(&bank) };
        stats::compute(&records, &q).attempts
    };
    // 23:30 UTC on the 21st is the 22nd two hours east of Greenwich.
    assert_eq!(since(utc(), "2026-11-22"), 1);
    assert_eq!(since(Zone::Fixed(FixedOffset::east_opt(2 * 3600).unwrap()), "2026-11-22"), 2);
    // …and 00:30 UTC on the 22nd is still the 21st five hours west.
    assert_eq!(since(Zone::Fixed(FixedOffset::west_opt(5 * 3600).unwrap()), "2026-11-22"), 0);
    let q = RecordQuery { until: Some(date("2026-11-21")), zone: utc(), ..RecordQuery::all(&bank) };
    assert_eq!(stats::compute(&records, &q).attempts, 3);
    let west = Zone::Fixed(FixedOffset::west_opt(5 * 3600).unwrap());
    let q = RecordQuery { zone: west, ..RecordQuery::all(&bank) };
    assert_eq!(stats::compute(&records, &q).days_practised, 2);
}

#[test]
fn question_filters_apply_to_records_and_to_retired_questions() {
    let bank = Bank::bundled().unwrap();
    let mut records = fixture();
    records.push(record(R {
        session: "s4",
        at: "2026-11-23T09:00:00Z",
        id: "retired-question",
        number: 42,
        level: "L5",
        principles: &["Frugality"],
        limit: 180,
        used: 10.0,
        scores: [1, 1, 1, 1],
        shown: &[],
    }));
    let count = |filter: Filter| stats::compute(&records, &RecordQuery { filter, ..query(&bank) }).attempts;
    assert_eq!(count(Filter { levels: vec![5], ..Filter::default() }), 2, "Q2 and the retired L5 question");
    assert_eq!(count(Filter { levels: vec![7], ..Filter::default() }), 3);
    let frugality = stardrill::bank::Principle::lookup("frugality").unwrap();
    assert_eq!(
        count(Filter { principles: vec![frugality], ..Filter::default() }),
        2,
        "Q2 probes Frugality in the bank"
    );
    assert_eq!(count(Filter { kinds: vec![stardrill::bank::Kind::Behavioral], ..Filter::default() }), 3);
    // The retired question still counts, with its recorded title.
    let s = stats::compute(&records, &query(&bank));
    assert_eq!(s.attempts, 5);
    assert_eq!(s.weakest[0].question_title, "Question 42");
    let q = RecordQuery { question: Some(stats::QuestionRef::Id(Q1.into())), ..query(&bank) };
    assert_eq!(stats::compute(&records, &q).attempts, 2);
}

#[test]
fn empty_history_has_no_means() {
    let bank = Bank::bundled().unwrap();
    let s = stats::compute(&[], &query(&bank));
    assert_eq!((s.attempts, s.sessions, s.mean_overall, s.star_means, s.over_time_rate), (0, 0, None, None, None));
    assert_eq!(s.never_practised.len(), 16);
    assert!(s.weakest.is_empty());
}

#[test]
fn merging_parts_gives_the_same_figures_as_one_pass() {
    let bank = Bank::bundled().unwrap();
    let mut records = fixture();
    records.extend(series(&[1, 2, 3, 4, 5, 5, 4, 3]));
    let whole = stats::compute(&records, &query(&bank));
    for split in 0..=records.len() {
        let mut a = stats::StatsBuilder::new(utc());
        let mut b = stats::StatsBuilder::new(utc());
        records[..split].iter().for_each(|r| a.add(r));
        records[split..].iter().for_each(|r| b.add(r));
        a.merge(b);
        assert_eq!(a.finish(), whole, "split at {split}");
    }
}

#[test]
fn daily_figures_one_entry_a_day_in_the_given_zone() {
    let bank = Bank::bundled().unwrap();
    let mut records = series(&[1, 3, 5]);
    // 23:30 UTC on 11-01 is 11-02 in UTC+1.
    records[2].answered_at = DateTime::parse_from_rfc3339("2026-11-01T23:30:00Z").unwrap();
    let s = stats::compute(&records, &query(&bank));
    let days: Vec<(NaiveDate, usize, f64)> = s.daily.iter().map(|d| (d.date, d.attempts, d.mean_overall)).collect();
    assert_eq!(days, vec![(date("2026-11-01"), 3, 3.0)]);
    let plus_one = RecordQuery { zone: Zone::Fixed(chrono::FixedOffset::east_opt(3600).unwrap()), ..query(&bank) };
    let s = stats::compute(&records, &plus_one);
    let days: Vec<(NaiveDate, usize, f64)> = s.daily.iter().map(|d| (d.date, d.attempts, d.mean_overall)).collect();
    assert_eq!(days, vec![(date("2026-11-01"), 2, 2.0), (date("2026-11-02"), 1, 5.0)]);
}

#[test]
fn figures_do_not_depend_on_the_order_records_are_folded_in() {
    let bank = Bank::bundled().unwrap();
    let mut records = fixture();
    records.extend(series(&[1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 5, 4]));
    // Same instant, different scores: which ones count as "latest" must not depend on file order.
    let mut tie = records[records.len() - 1].clone();
    tie.scores = stardrill::history::Scores::from_parts([1; 4]);
    tie.overall = 1.0;
    records.push(tie);
    let forward = stats::compute(&records, &query(&bank));
    records.reverse();
    let backward = stats::compute(&records, &query(&bank));
    assert_eq!(forward, backward);
    assert_eq!(forward.weakest.iter().find(|w| w.question_number == 1).map(|w| w.attempts), Some(15));
}
