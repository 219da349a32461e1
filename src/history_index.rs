//! The history as the terminal app holds it: one small row per answer, grouped into drill sessions,
//! with the whole history folded for Stats.
//!
//! A row keeps what the lists and the figures need: when, which session and question, the scores, the
//! time used as shown and whether it ran over. What records say of their question (title, level,
//! principles) is kept once for all its answers, as are the lists of principles marked shown (with each
//! probe's principle and score). The
//! rest of a record (its note, exact times, session id) stays in the history file and is read again,
//! by its byte offset, when a session's answers are opened. So a million records take about 60 MiB,
//! not the 900 MiB of whole records, and the figures stay exactly those of whole records.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use crate::bank::Principle;
use crate::clock::Zone;
use crate::history::correction::Corrections;
use crate::history::store::{self, HistoryError, Skipped};
use crate::history::{Record, Scores};
use crate::stats::{Attempt, ProbeScores, RecordQuery, Stats, StatsBuilder, TriesByQuestion, session_key};

/// What records say about their question, kept once for all its answers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct QuestionFacts {
    pub question_id: String,
    pub question_number: u32,
    pub question_title: String,
    pub level: String,
    pub principles: Vec<String>,
}

impl QuestionFacts {
    fn of(r: &Record) -> QuestionFacts {
        QuestionFacts {
            question_id: r.question_id.clone(),
            question_number: r.question_number,
            question_title: r.question_title.clone(),
            level: r.level.clone(),
            principles: r.leadership_principles.clone(),
        }
    }

    fn same_as(&self, r: &Record) -> bool {
        self.question_id == r.question_id
            && self.question_number == r.question_number
            && self.question_title == r.question_title
            && self.level == r.level
            && self.principles == r.leadership_principles
    }
}

/// The hash both a record's question facts and the kept `QuestionFacts` give.
fn facts_hash(id: &str, number: u32, title: &str, level: &str, principles: &[String]) -> u64 {
    let mut h = DefaultHasher::new();
    (id, number, title, level, principles).hash(&mut h);
    h.finish()
}

/// What an answer showed beyond its scores, kept once for all the answers that share it: the
/// principles marked shown, and each probe's principle and score.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
struct Shown {
    demonstrated: Vec<String>,
    probes: Vec<(Principle, u8)>,
}

impl Shown {
    fn of(r: &Record) -> Shown {
        Shown { demonstrated: r.demonstrated.clone(), probes: ProbeScores::compact(&r.probes) }
    }
}

fn list_hash<T: Hash + ?Sized>(list: &T) -> u64 {
    let mut h = DefaultHasher::new();
    list.hash(&mut h);
    h.finish()
}

/// Values kept once, each named by its place.
#[derive(Debug, Clone)]
struct Interner<T> {
    items: Vec<T>,
    by_hash: HashMap<u64, Vec<u32>>,
}

impl<T> Default for Interner<T> {
    fn default() -> Self {
        Interner { items: Vec::new(), by_hash: HashMap::new() }
    }
}

impl<T> Interner<T> {
    /// The place of the value that `same` recognises (hashing to `hash`), made by `make` if new.
    fn intern(&mut self, hash: u64, same: impl Fn(&T) -> bool, make: impl FnOnce() -> T) -> u32 {
        let places = self.by_hash.entry(hash).or_default();
        if let Some(&at) = places.iter().find(|&&at| same(&self.items[at as usize])) {
            return at;
        }
        let at = u32::try_from(self.items.len()).unwrap_or(u32::MAX);
        places.push(at);
        self.items.push(make());
        at
    }
}

/// Where the whole record of a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loc {
    /// The line starting at this byte of the history file.
    File(u64),
    /// Held in memory (given to the app directly, or saved by this run): this place in `kept`.
    Kept(usize),
}

/// A `Loc` in eight bytes: the top bit marks a kept record.
#[derive(Debug, Clone, Copy)]
struct PackedLoc(u64);

const KEPT_BIT: u64 = 1 << 63;

impl PackedLoc {
    fn new(loc: Loc) -> PackedLoc {
        match loc {
            Loc::File(at) => PackedLoc(at & !KEPT_BIT),
            Loc::Kept(i) => PackedLoc(i as u64 | KEPT_BIT),
        }
    }

    fn get(self) -> Loc {
        if self.0 & KEPT_BIT == 0 {
            Loc::File(self.0)
        } else {
            Loc::Kept(usize::try_from(self.0 & !KEPT_BIT).unwrap_or(usize::MAX))
        }
    }
}

/// The time a row shows as used, whole seconds saturating at 2³¹ − 1, with the top bit set when
/// the answer ran over its limit.
const OVER_BIT: u32 = 1 << 31;

/// One answer, compactly (48 bytes).
#[derive(Debug, Clone, Copy)]
struct Row {
    at: DateTime<FixedOffset>,
    session: u64,
    loc: PackedLoc,
    facts: u32,
    shown: u32,
    scores: Scores,
    used: u32,
}

impl Row {
    fn used_secs(&self) -> u64 {
        u64::from(self.used & !OVER_BIT)
    }

    fn over_time(&self) -> bool {
        self.used & OVER_BIT != 0
    }
}

/// A drill session as the History screen lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSummary {
    /// `stats::session_key` of its id.
    pub key: u64,
    /// Its answers are `session_rows[start..start + len]`, in answer order.
    start: u32,
    len: u32,
    pub mean_overall: f64,
    /// The sum of the answers' used times as shown (whole seconds), so the total is the sum of the rows.
    pub total_secs: u64,
    /// Some answer ran over its limit.
    pub over: bool,
}

impl SessionSummary {
    pub fn answers(&self) -> usize {
        self.len as usize
    }

    fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.start as usize + self.len as usize
    }
}

/// One part of a history being read (one per reader thread), joined with `HistoryIndex::join`.
#[derive(Debug, Clone)]
struct Part {
    told: crate::stories::told::ToldByStory,
    facts: Interner<QuestionFacts>,
    shown: Interner<Shown>,
    rows: Vec<Row>,
    all: StatsBuilder,
    tries: TriesByQuestion,
}

impl Part {
    fn new(zone: Zone) -> Part {
        Part {
            told: crate::stories::told::ToldByStory::default(),
            facts: Interner::default(),
            shown: Interner::default(),
            rows: Vec::new(),
            all: StatsBuilder::new(zone),
            tries: TriesByQuestion::default(),
        }
    }

    fn add(&mut self, r: &Record, loc: Loc) {
        let hash = facts_hash(&r.question_id, r.question_number, &r.question_title, &r.level, &r.leadership_principles);
        let facts = self.facts.intern(hash, |f| f.same_as(r), || QuestionFacts::of(r));
        let kept = Shown::of(r);
        let shown = self.shown.intern(list_hash(&kept), |s| *s == kept, || kept.clone());
        let used = u32::try_from(r.shown_used_secs()).unwrap_or(u32::MAX).min(OVER_BIT - 1);
        self.rows.push(Row {
            at: r.answered_at,
            session: session_key(&r.session_id),
            loc: PackedLoc::new(loc),
            facts,
            shown,
            scores: r.scores,
            used: used | if r.is_over_time() { OVER_BIT } else { 0 },
        });
        self.told.add(r);
        let attempt = Attempt::from(r);
        self.all.add_attempt(&attempt);
        self.all.add_pacing(r);
        self.tries.add_attempt(&attempt);
    }
}

/// A question's latest answer, as `HistoryIndex::latest_answer` finds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatestAnswer {
    /// Its row (the whole record, note included, is read with `records`).
    pub row: usize,
    pub scores: Scores,
    pub at: DateTime<FixedOffset>,
}

/// The whole history, compactly: see the module's doc.
#[derive(Debug, Clone)]
pub struct HistoryIndex {
    zone: Zone,
    facts: Interner<QuestionFacts>,
    shown: Interner<Shown>,
    /// The rows in file order (then saves), in the parts they were read in: joining them into one
    /// vector would need room for both at once.
    chunks: Vec<Vec<Row>>,
    /// The index of each chunk's first row.
    chunk_starts: Vec<usize>,
    len: usize,
    /// Whole records held in memory (`Loc::Kept`).
    kept: Vec<Record>,
    /// Oldest first (`session` counts from the newest).
    sessions: Vec<SessionSummary>,
    /// Row indices, each session's together.
    session_rows: Vec<u32>,
    all: StatsBuilder,
    /// The attempt columns of the browser, counted while reading: the app hands them to the browser,
    /// which keeps them up to date itself.
    pub tries: TriesByQuestion,
    /// Lines of the file that could not be read.
    pub skipped: Vec<Skipped>,
    /// How often each of your stories was told, and how well.
    pub told: crate::stories::told::ToldByStory,
    /// The corrections (`history drop`/`amend`) the rows were read with: answers read back from the
    /// file later are corrected by the same ones.
    fixes: Corrections,
}

impl HistoryIndex {
    pub fn empty(zone: Zone) -> HistoryIndex {
        HistoryIndex::join(vec![Part::new(zone)], Vec::new(), Vec::new(), zone)
    }

    /// Records held in memory (tests, or a history that could not be read).
    pub fn of_records(records: Vec<Record>, zone: Zone) -> HistoryIndex {
        if records.is_empty() {
            // The app's start: nothing to fold (its history is read after the first frame).
            return HistoryIndex::join(Vec::new(), records, Vec::new(), zone);
        }
        let mut part = Part::new(zone);
        for (i, r) in records.iter().enumerate() {
            part.add(r, Loc::Kept(i));
        }
        HistoryIndex::join(vec![part], records, Vec::new(), zone)
    }

    /// Read a history file (a missing one is empty), a part per core.
    pub fn read(path: &Path, zone: Zone) -> Result<HistoryIndex, HistoryError> {
        let (parts, skipped, fixes) =
            store::fold_corrected(path, || Part::new(zone), |part, r, at| part.add(&r, Loc::File(at)))?;
        let mut index = HistoryIndex::join(parts, Vec::new(), skipped, zone);
        index.fixes = fixes;
        Ok(index)
    }

    /// The parts, in file order, as one index: the later parts' facts named in the first's terms.
    fn join(parts: Vec<Part>, kept: Vec<Record>, skipped: Vec<Skipped>, zone: Zone) -> HistoryIndex {
        let mut index = HistoryIndex {
            zone,
            facts: Interner::default(),
            shown: Interner::default(),
            chunks: Vec::new(),
            chunk_starts: Vec::new(),
            len: 0,
            kept,
            sessions: Vec::new(),
            session_rows: Vec::new(),
            all: StatsBuilder::new(zone),
            tries: TriesByQuestion::default(),
            skipped,
            told: crate::stories::told::ToldByStory::default(),
            fixes: Corrections::default(),
        };
        for part in parts {
            let facts: Vec<u32> = part
                .facts
                .items
                .into_iter()
                .map(|f| {
                    let hash =
                        facts_hash(&f.question_id, f.question_number, &f.question_title, &f.level, &f.principles);
                    let probe = f.clone();
                    index.facts.intern(hash, move |g| *g == probe, || f)
                })
                .collect();
            let shown: Vec<u32> = part
                .shown
                .items
                .into_iter()
                .map(|s| {
                    let probe = s.clone();
                    index.shown.intern(list_hash(&s), move |t| *t == probe, || s)
                })
                .collect();
            let mut rows = part.rows;
            for row in &mut rows {
                row.facts = facts[row.facts as usize];
                row.shown = shown[row.shown as usize];
            }
            rows.shrink_to_fit();
            index.chunk_starts.push(index.len);
            index.len += rows.len();
            index.chunks.push(rows);
            index.all.merge(part.all);
            index.tries.merge(part.tries);
            index.told.merge(part.told);
        }
        index.group_sessions();
        index
    }

    /// Group every row into sessions: each session's rows by time (then file order), sessions oldest
    /// first (then by key).
    fn group_sessions(&mut self) {
        let mut order: Vec<u32> = (0..self.len).map(|i| u32::try_from(i).unwrap_or(u32::MAX)).collect();
        order.sort_unstable_by(|&a, &b| {
            let (x, y) = (self.row(a as usize), self.row(b as usize));
            x.session.cmp(&y.session).then(x.at.cmp(&y.at)).then(a.cmp(&b))
        });
        let mut sessions = Vec::new();
        let mut start = 0;
        while start < order.len() {
            let key = self.row(order[start] as usize).session;
            let len = order[start..].iter().take_while(|&&i| self.row(i as usize).session == key).count();
            let mut s = SessionSummary {
                key,
                start: u32::try_from(start).unwrap_or(u32::MAX),
                len: u32::try_from(len).unwrap_or(u32::MAX),
                mean_overall: 0.0,
                total_secs: 0,
                over: false,
            };
            self.summarise(&mut s, &order);
            sessions.push(s);
            start += len;
        }
        self.session_rows = order;
        sessions.sort_by(|a, b| self.oldest_first(a, b));
        self.sessions = sessions;
    }

    /// Fill in the session's figures from its rows (in `rows`).
    fn summarise(&self, s: &mut SessionSummary, rows: &[u32]) {
        let members = &rows[s.range()];
        let n = members.len().max(1) as f64;
        s.mean_overall = members.iter().map(|&i| self.row(i as usize).scores.mean()).sum::<f64>() / n;
        s.total_secs = members.iter().map(|&i| self.row(i as usize).used_secs()).sum();
        s.over = members.iter().any(|&i| self.row(i as usize).over_time());
    }

    fn oldest_first(&self, a: &SessionSummary, b: &SessionSummary) -> std::cmp::Ordering {
        self.started(a).cmp(&self.started(b)).then(a.key.cmp(&b.key))
    }

    fn row(&self, i: usize) -> &Row {
        let chunk = self.chunk_starts.partition_point(|&s| s <= i).saturating_sub(1);
        &self.chunks[chunk][i - self.chunk_starts[chunk]]
    }

    /// How many answers the history holds.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many sessions.
    pub fn session_count(&self) -> usize {
        self.sessions.len()
    }

    /// The `n`th session, newest first.
    pub fn session(&self, n: usize) -> Option<&SessionSummary> {
        self.sessions.len().checked_sub(n + 1).map(|i| &self.sessions[i])
    }

    /// When the session's first answer was saved.
    pub fn started(&self, s: &SessionSummary) -> DateTime<FixedOffset> {
        self.session_rows.get(s.start as usize).map_or_else(DateTime::default, |&i| self.row(i as usize).at)
    }

    /// The numbers of the session's questions, in answer order.
    pub fn asked(&self, s: &SessionSummary) -> impl Iterator<Item = u32> + '_ {
        self.session_rows[s.range()]
            .iter()
            .map(|&i| self.facts.items[self.row(i as usize).facts as usize].question_number)
    }

    /// The session's answers as row indices, in answer order: at most `limit`.
    pub fn session_answers(&self, s: &SessionSummary, limit: usize) -> Vec<usize> {
        self.session_rows[s.range()].iter().take(limit).map(|&i| i as usize).collect()
    }

    /// The whole records of these rows when all are held in memory (no file to read).
    pub fn kept_records(&self, rows: &[usize]) -> Option<Vec<Record>> {
        rows.iter()
            .map(|&i| match self.row(i).loc.get() {
                Loc::Kept(k) => self.kept.get(k).cloned(),
                Loc::File(_) => None,
            })
            .collect()
    }

    /// The whole records of these rows, reading from `path` those that are in it. A file changed
    /// since it was read is an error, never another answer.
    pub fn records(&self, rows: &[usize], path: &Path) -> Result<Vec<Record>, HistoryError> {
        let in_file: Vec<(usize, u64)> = rows
            .iter()
            .enumerate()
            .filter_map(|(n, &i)| match self.row(i).loc.get() {
                Loc::File(at) => Some((n, at)),
                Loc::Kept(_) => None,
            })
            .collect();
        let offsets: Vec<u64> = in_file.iter().map(|&(_, at)| at).collect();
        let read = store::read_at(path, &offsets, &self.fixes, |k, r| {
            let row = self.row(rows[in_file[k].0]);
            r.answered_at == row.at && r.question_id == self.facts.items[row.facts as usize].question_id
        })?;
        let mut read = read.into_iter();
        Ok(rows
            .iter()
            .filter_map(|&i| match self.row(i).loc.get() {
                Loc::File(_) => read.next(),
                Loc::Kept(k) => self.kept.get(k).cloned(),
            })
            .collect())
    }

    /// The latest answer to a question (by `answered_at`; a tie goes to the later row): its row, for
    /// `records`, with its scores and time. Dropped answers are not in the index, amended ones carry
    /// their new scores.
    pub fn latest_answer(&self, question_id: &str) -> Option<LatestAnswer> {
        let facts: Vec<u32> = (0..self.facts.items.len())
            .filter(|&f| self.facts.items[f].question_id == question_id)
            .filter_map(|f| u32::try_from(f).ok())
            .collect();
        if facts.is_empty() {
            return None;
        }
        let mut best: Option<(usize, &Row)> = None;
        for (chunk, start) in self.chunks.iter().zip(&self.chunk_starts) {
            for (k, row) in chunk.iter().enumerate() {
                if facts.contains(&row.facts) && best.is_none_or(|(_, b)| row.at >= b.at) {
                    best = Some((start + k, row));
                }
            }
        }
        best.map(|(row, r)| LatestAnswer { row, scores: r.scores, at: r.at })
    }

    /// The records held in memory: the ones given, then those added.
    pub fn kept(&self) -> &[Record] {
        &self.kept
    }

    /// Whether a record with this time, session and question is in the history.
    pub fn contains(&self, r: &Record) -> bool {
        let key = session_key(&r.session_id);
        (0..self.len).rev().any(|i| {
            let row = self.row(i);
            row.at == r.answered_at
                && row.session == key
                && self.facts.items[row.facts as usize].question_id == r.question_id
        })
    }

    /// Add a record just saved (kept in memory): the sessions and figures are those of reading the
    /// history again, at the cost of its session.
    pub fn add(&mut self, record: Record) {
        let mut part = Part::new(self.zone);
        part.add(&record, Loc::Kept(self.kept.len()));
        self.all.add(&record);
        self.told.add(&record);
        self.kept.push(record);
        let row = part.rows[0];
        let facts = &part.facts.items[0];
        let hash = facts_hash(
            &facts.question_id,
            facts.question_number,
            &facts.question_title,
            &facts.level,
            &facts.principles,
        );
        let row = Row {
            facts: self.facts.intern(hash, |f| f == facts, || facts.clone()),
            shown: {
                let s = &part.shown.items[0];
                self.shown.intern(list_hash(s), |t| t == s, || s.clone())
            },
            ..row
        };
        let i = self.len;
        match self.chunks.last_mut() {
            Some(last) => last.push(row),
            None => {
                self.chunk_starts.push(0);
                self.chunks.push(vec![row]);
            }
        }
        self.len += 1;
        self.place_in_session(i);
    }

    /// Put row `i` into its session (found from the newest), keeping the order `group_sessions` gives.
    fn place_in_session(&mut self, i: usize) {
        let (key, at) = (self.row(i).session, self.row(i).at);
        let end = u32::try_from(self.session_rows.len()).unwrap_or(u32::MAX);
        let found = self.sessions.iter().rposition(|s| s.key == key);
        let mut s = match found {
            Some(p) => self.sessions.remove(p),
            None => SessionSummary { key, start: end, len: 0, mean_overall: 0.0, total_secs: 0, over: false },
        };
        if s.start + s.len != end {
            // Not the last range: move it to the end (the old place is left unused).
            self.session_rows.extend_from_within(s.range());
            s.start = end;
        }
        let place = self.session_rows[s.range()].partition_point(|&j| self.row(j as usize).at <= at);
        self.session_rows.insert(s.start as usize + place, u32::try_from(i).unwrap_or(u32::MAX));
        s.len += 1;
        let rows = std::mem::take(&mut self.session_rows);
        self.summarise(&mut s, &rows);
        self.session_rows = rows;
        let place = self.sessions.partition_point(|x| self.oldest_first(x, &s).is_lt());
        self.sessions.insert(place, s);
    }

    fn attempt(&self, row: &Row) -> Attempt<'_> {
        let facts = &self.facts.items[row.facts as usize];
        Attempt {
            answered_at: row.at,
            session: row.session,
            question_id: &facts.question_id,
            question_number: facts.question_number,
            question_title: &facts.question_title,
            level: &facts.level,
            principles: &facts.principles,
            demonstrated: &self.shown.items[row.shown as usize].demonstrated,
            probes: ProbeScores::Compact(&self.shown.items[row.shown as usize].probes),
            scores: row.scores,
            overall: row.scores.mean(),
            over_time: row.over_time(),
        }
    }

    /// Every answer's review for the schedule, days read in `zone`.
    pub fn review_log(&self, zone: Zone) -> crate::schedule::ReviewLog {
        let mut log = crate::schedule::ReviewLog::new(zone);
        for row in self.chunks.iter().flatten() {
            log.add(&self.attempt(row));
        }
        log
    }

    /// The whole history folded, unfiltered.
    pub fn all(&self) -> &StatsBuilder {
        &self.all
    }

    /// The figures of the answers the query keeps: the kept fold when it keeps everything.
    pub fn stats(&self, query: &RecordQuery) -> Stats {
        let everything =
            query.filter.is_empty() && query.since.is_none() && query.until.is_none() && query.question.is_none();
        if everything {
            return self.all.finish();
        }
        let prepared = query.prepare();
        let mut b = StatsBuilder::new(query.zone);
        for chunk in &self.chunks {
            for row in chunk {
                let a = self.attempt(row);
                if prepared.matches_attempt(&a) {
                    b.add_attempt(&a);
                }
            }
        }
        b.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::history::record::VERSION;

    fn record(id: &str, number: u32, at: &str, scores: [u8; 4], used: f64, session: &str) -> Record {
        Record {
            version: VERSION,
            session_id: session.into(),
            answered_at: DateTime::parse_from_rfc3339(at).unwrap(),
            bank: "b".into(),
            question_id: id.into(),
            question_number: number,
            question_title: format!("Question {number}"),
            level: "L6".into(),
            leadership_principles: vec!["Customer Obsession".into()],
            time_limit_secs: 120,
            time_used_secs: used,
            scores: Scores::from_parts(scores),
            overall: Scores::from_parts(scores).mean(),
            note: format!("note {id} {at}"),
            ..Record::default()
        }
    }

    fn fixture() -> Vec<Record> {
        vec![
            record("a", 1, "2026-11-20T10:00:00+00:00", [2, 3, 3, 4], 100.0, "s1"),
            record("b", 2, "2026-11-20T10:05:00+00:00", [3, 3, 3, 3], 200.4, "s1"),
            // Saved out of order within its session: listed by time.
            record("c", 3, "2026-11-22T09:10:00+00:00", [5, 5, 5, 5], 60.0, "s3"),
            record("a", 1, "2026-11-22T09:00:00+00:00", [1, 1, 1, 1], 130.0, "s3"),
            record("b", 2, "2026-11-21T08:00:00+00:00", [4, 4, 4, 4], 90.0, "s2"),
        ]
    }

    fn summary(index: &HistoryIndex, n: usize) -> (Vec<u32>, f64, u64, bool) {
        let s = index.session(n).unwrap();
        (index.asked(s).collect(), s.mean_overall, s.total_secs, s.over)
    }

    /// Probe means per principle, from whole records (the kept fold) and from compact rows (a filtered
    /// fold) alike.
    #[test]
    fn probe_means_per_principle_come_from_records_and_rows_alike() {
        use crate::history::ProbeRecord;
        let probe = |principle: &str, score| ProbeRecord {
            principle: principle.into(),
            text: format!("t{score}"),
            time_used_secs: 30.0,
            score,
        };
        let mut records = fixture();
        records[0].probes = vec![probe("Dive Deep", 2), probe("Customer Obsession", 5)];
        records[2].probes = vec![probe("Dive Deep", 4), probe("Not a principle", 1)];
        let zone = Zone::Fixed(FixedOffset::east_opt(0).unwrap());
        let index = HistoryIndex::of_records(records, zone);
        let bank = Bank::bundled().unwrap();
        let all = RecordQuery { zone, ..RecordQuery::all(&bank) };
        let since = RecordQuery { since: chrono::NaiveDate::from_ymd_opt(2026, 11, 1), ..all.clone() };
        for stats in [index.stats(&all), index.stats(&since)] {
            let of = |name: &str| {
                let p = stats.principles.iter().find(|p| p.name == name).unwrap();
                (p.probes, p.probe_mean)
            };
            assert_eq!(of("Dive Deep"), (2, Some(3.0)));
            assert_eq!(of("Customer Obsession"), (1, Some(5.0)));
            assert_eq!(of("Ownership"), (0, None));
        }
    }

    #[test]
    fn sessions_newest_first_with_means_times_and_over_marks() {
        let index = HistoryIndex::of_records(fixture(), Zone::Fixed(FixedOffset::east_opt(0).unwrap()));
        assert_eq!((index.len(), index.session_count()), (5, 3));
        // s3: 1 (1.0, 130 s, over 120) then 3 (5.0, 60 s).
        assert_eq!(summary(&index, 0), (vec![1, 3], 3.0, 190, true));
        assert_eq!(summary(&index, 1), (vec![2], 4.0, 90, false));
        // s1: 3.0 and 3.0; 100 s + 201 s (200.4 over the limit is rounded up) = 301; over.
        assert_eq!(summary(&index, 2), (vec![1, 2], 3.0, 301, true));
        assert!(index.session(3).is_none());
        assert_eq!(index.started(index.session(0).unwrap()).to_rfc3339(), "2026-11-22T09:00:00+00:00");
    }

    #[test]
    fn a_save_joins_its_session_as_reading_again_would() {
        let records = fixture();
        let mut index = HistoryIndex::of_records(records[..4].to_vec(), Zone::Fixed(FixedOffset::east_opt(0).unwrap()));
        // A save to an older session, then to a new one.
        index.add(records[4].clone());
        let new = record("d", 4, "2026-11-23T07:00:00+00:00", [2, 2, 2, 2], 30.0, "s4");
        index.add(new.clone());
        index.add(record("a", 1, "2026-11-20T10:10:00+00:00", [4, 4, 4, 4], 10.0, "s1"));
        let mut all = records.clone();
        all.push(new);
        all.push(record("a", 1, "2026-11-20T10:10:00+00:00", [4, 4, 4, 4], 10.0, "s1"));
        let again = HistoryIndex::of_records(all, Zone::Fixed(FixedOffset::east_opt(0).unwrap()));
        assert_eq!(index.session_count(), again.session_count());
        for n in 0..again.session_count() {
            assert_eq!(summary(&index, n), summary(&again, n), "session {n}");
        }
        // s1 now: 3.0, 3.0 and 4.0; 100 + 201 + 10 seconds.
        assert_eq!(summary(&index, 3), (vec![1, 2, 1], 10.0 / 3.0, 311, true));
        let bank = Bank::bundled().unwrap();
        assert_eq!(index.stats(&RecordQuery::all(&bank)), again.stats(&RecordQuery::all(&bank)));
    }

    #[test]
    fn a_session_total_is_the_sum_of_its_rows_as_shown() {
        // 34.6 s shows 00:34 and 60.7 s shows 01:00: the total is 01:34, not the 01:35 of 95.3 s.
        let mut records = vec![
            record("a", 1, "2026-11-20T10:00:00+00:00", [3, 3, 3, 3], 34.6, "s"),
            record("b", 2, "2026-11-20T10:05:00+00:00", [3, 3, 3, 3], 60.7, "s"),
        ];
        let total = |records: &[Record]| {
            let index = HistoryIndex::of_records(records.to_vec(), Zone::Local);
            index.session(0).unwrap().total_secs
        };
        assert_eq!(crate::format::mmss(total(&records)), "01:34");
        // 120.2 s of a 120 s limit shows 02:01 (over time rounds up), and adds 121.
        records.push(record("c", 3, "2026-11-20T10:10:00+00:00", [3, 3, 3, 3], 120.2, "s"));
        assert_eq!(total(&records), 34 + 60 + 121);
    }

    #[test]
    fn adding_record_by_record_gives_the_sessions_of_reading_them_all() {
        let all = [
            record("a", 1, "2026-11-20T10:00:00+00:00", [2, 2, 2, 2], 60.0, "s1"),
            record("b", 2, "2026-11-22T10:00:00+00:00", [3, 3, 3, 3], 61.5, "s2"),
            record("c", 3, "2026-11-20T10:05:00+00:00", [4, 4, 4, 4], 200.2, "s1"),
            record("a", 1, "2026-11-25T09:00:00+00:00", [5, 5, 5, 5], 30.0, "s3"),
            // Saved with a clock set back: still placed by time, in its session and in the list.
            record("b", 2, "2026-11-19T10:00:00+00:00", [1, 1, 1, 1], 10.0, "s1"),
        ];
        for n in 1..=all.len() {
            let mut index = HistoryIndex::of_records(all[..n - 1].to_vec(), Zone::Local);
            index.add(all[n - 1].clone());
            let again = HistoryIndex::of_records(all[..n].to_vec(), Zone::Local);
            let list = |i: &HistoryIndex| (0..i.session_count()).map(|k| summary(i, k)).collect::<Vec<_>>();
            assert_eq!(list(&index), list(&again), "after {n} records");
        }
    }

    #[test]
    fn filtered_figures_equal_those_of_whole_records() {
        let bank = Bank::bundled().unwrap();
        let index = HistoryIndex::of_records(fixture(), Zone::Fixed(FixedOffset::east_opt(0).unwrap()));
        let mut query = RecordQuery { zone: Zone::Fixed(FixedOffset::east_opt(0).unwrap()), ..RecordQuery::all(&bank) };
        query.since = chrono::NaiveDate::from_ymd_opt(2026, 11, 21);
        let from_rows = index.stats(&query);
        assert_eq!(from_rows, crate::stats::compute(&fixture(), &query));
        assert_eq!(from_rows.attempts, 3);
        query.since = None;
        query.question = Some(crate::stats::QuestionRef::Id("a".into()));
        assert_eq!(index.stats(&query).attempts, 2);
    }

    /// The whole-history figures carry the part splits of marked answers, read from the file or
    /// saved since alike, as `stats` on the whole records gives them.
    #[test]
    fn the_whole_history_figures_carry_the_part_splits() {
        let bank = Bank::bundled().unwrap();
        let zone = Zone::Fixed(FixedOffset::east_opt(0).unwrap());
        let mut records = fixture();
        records[0].part_secs = Some(crate::bank::PerStar::new([30.0, 10.0, 40.0, 20.0]));
        let later = Record {
            part_secs: Some(crate::bank::PerStar::new([10.0, 10.0, 10.0, 10.0])),
            ..record("a", 1, "2026-11-23T09:00:00+00:00", [3, 3, 3, 3], 40.0, "s4")
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        for r in &records {
            store::append(&path, r).unwrap();
        }
        let mut index = HistoryIndex::read(&path, zone).unwrap();
        index.add(later.clone());
        records.push(later);
        let query = RecordQuery { zone, ..RecordQuery::all(&bank) };
        let whole = crate::stats::compute(&records, &query);
        assert_eq!(index.stats(&query).pacing, whole.pacing);
        let a = whole.pacing["a"];
        assert_eq!(a.answers, 2);
        assert_eq!(a.share, crate::bank::PerStar::new([55.0, 35.0, 65.0, 45.0]));
    }

    #[test]
    fn answers_are_read_again_from_the_file_and_a_changed_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        for r in fixture() {
            store::append(&path, &r).unwrap();
        }
        let index = HistoryIndex::read(&path, Zone::Fixed(FixedOffset::east_opt(0).unwrap())).unwrap();
        assert_eq!(index.len(), 5);
        let s = index.session(0).unwrap();
        let rows = index.session_answers(s, 10);
        assert_eq!(index.kept_records(&rows), None, "these are in the file");
        let read = index.records(&rows, &path).unwrap();
        let notes: Vec<&str> = read.iter().map(|r| r.note.as_str()).collect();
        assert_eq!(notes, ["note a 2026-11-22T09:00:00+00:00", "note c 2026-11-22T09:10:00+00:00"]);
        assert_eq!(index.session_answers(s, 1).len(), 1);
        // Rewritten behind stardrill's back: the rows no longer point at their records.
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen("\"a\"", "\"z\"", 1).replace("2026-11-22T09:00:00", "2026-11-22T09:00:01"))
            .unwrap();
        let e = index.records(&rows, &path).unwrap_err().to_string();
        assert!(e.contains("changed since stardrill read it"), "{e}");
    }

    /// "b" was answered on the 20th, 21st and (saved later, answered earlier) nothing more: its latest
    /// is the 21st, read back from the file with its note; a save made now becomes the latest.
    #[test]
    fn a_questions_latest_answer_by_time_with_its_note_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        for r in fixture() {
            store::append(&path, &r).unwrap();
        }
        let mut index = HistoryIndex::read(&path, Zone::Fixed(FixedOffset::east_opt(0).unwrap())).unwrap();
        let b = index.latest_answer("b").unwrap();
        assert_eq!((b.row, b.scores), (4, Scores::from_parts([4, 4, 4, 4])));
        let a = index.latest_answer("a").unwrap();
        assert_eq!((a.row, a.scores), (3, Scores::from_parts([1, 1, 1, 1])), "by time, not by line");
        assert_eq!(index.records(&[a.row], &path).unwrap()[0].note, "note a 2026-11-22T09:00:00+00:00");
        assert_eq!(index.latest_answer("nope"), None);
        index.add(record("b", 2, "2026-11-23T08:00:00+00:00", [2, 2, 2, 3], 90.0, "s4"));
        let b = index.latest_answer("b").unwrap();
        assert_eq!((b.row, b.scores), (5, Scores::from_parts([2, 2, 2, 3])));
        assert_eq!(index.kept_records(&[b.row]).unwrap()[0].note, "note b 2026-11-23T08:00:00+00:00");
    }

    #[test]
    fn rows_are_small() {
        assert_eq!(std::mem::size_of::<Row>(), 48);
    }
}
