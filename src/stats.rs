//! Progress figures over history records: one pure module shared by `stardrill stats`, `history`
//! and the TUI. Records are folded one at a time, so a large history needs little memory.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::bank::{Bank, LevelRange, PerStar, Principle, Star};
use crate::clock::Zone;
use crate::filter::Filter;
use crate::history::{Record, Scores};

/// How many recent attempts make each side of the trend.
pub const TREND_WINDOW: usize = 5;
/// How many of a question's latest attempts decide how weak it is.
pub const WEAK_WINDOW: usize = 3;
/// How many weakest questions are listed.
pub const WEAKEST_COUNT: usize = 5;

/// One question, as records name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionRef {
    Id(String),
    /// The number a record carries, for a question no longer in the bank.
    Number(u32),
}

/// Which records count: those of questions matching the filter, within the dates.
#[derive(Debug, Clone)]
pub struct RecordQuery<'b> {
    pub filter: Filter,
    pub bank: &'b Bank,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Only this question.
    pub question: Option<QuestionRef>,
    pub zone: Zone,
}

impl<'b> RecordQuery<'b> {
    pub fn all(bank: &'b Bank) -> RecordQuery<'b> {
        RecordQuery { filter: Filter::default(), bank, since: None, until: None, question: None, zone: Zone::Local }
    }

    /// Decide once, for every question of the bank, whether the filter keeps it; then test records.
    pub fn prepare(&self) -> PreparedQuery<'_, 'b> {
        let in_bank = self.bank.questions.iter().map(|q| (q.id.clone(), self.filter.matches(q))).collect();
        PreparedQuery { query: self, in_bank }
    }

    fn matches_with(&self, r: &Attempt, in_bank: &HashMap<String, bool>) -> bool {
        match &self.question {
            Some(QuestionRef::Id(id)) if *id != r.question_id => return false,
            Some(QuestionRef::Number(n)) if *n != r.question_number => return false,
            _ => {}
        }
        if self.since.is_some() || self.until.is_some() {
            let day = self.zone.date(r.answered_at);
            if self.since.is_some_and(|s| day < s) || self.until.is_some_and(|u| day > u) {
                return false;
            }
        }
        if self.filter.is_empty() {
            return true;
        }
        match in_bank.get(r.question_id) {
            Some(&keep) => keep,
            // A question no longer in the bank: judge by what the record carries.
            None => self.matches_record_only(r),
        }
    }

    fn matches_record_only(&self, r: &Attempt) -> bool {
        let f = &self.filter;
        let level = LevelRange::parse(r.level).ok();
        let principles: Vec<Principle> = r.principles.iter().filter_map(|n| Principle::from_name(n)).collect();
        (f.levels.is_empty() || level.is_some_and(|l| f.levels.iter().any(|&x| l.contains(x))))
            && (f.principles.is_empty() || f.principles.iter().any(|p| principles.contains(p)))
            && f.categories.is_empty()
            && f.kinds.is_empty()
            && f.banks.is_empty()
            && (f.texts.is_empty() || f.texts.iter().any(|t| crate::text::fold(r.question_title).contains(t)))
    }
}

/// A query with the bank's questions already judged: a search over the answers' text is done once,
/// not once per record.
pub struct PreparedQuery<'q, 'b> {
    query: &'q RecordQuery<'b>,
    in_bank: HashMap<String, bool>,
}

impl PreparedQuery<'_, '_> {
    pub fn matches(&self, r: &Record) -> bool {
        self.matches_attempt(&Attempt::from(r))
    }

    pub fn matches_attempt(&self, a: &Attempt) -> bool {
        self.query.matches_with(a, &self.in_bank)
    }
}

/// What the figures need of one answer: read from a whole record, or from a compact row of the
/// history the terminal app holds (`history_index`).
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    pub answered_at: DateTime<FixedOffset>,
    /// `session_key` of the record's session id.
    pub session: u64,
    pub question_id: &'a str,
    pub question_number: u32,
    pub question_title: &'a str,
    pub level: &'a str,
    pub principles: &'a [String],
    pub demonstrated: &'a [String],
    /// The probes answered, with their principle and score.
    pub probes: ProbeScores<'a>,
    pub scores: Scores,
    pub overall: f64,
    pub over_time: bool,
}

impl<'a> From<&'a Record> for Attempt<'a> {
    fn from(r: &'a Record) -> Attempt<'a> {
        Attempt {
            answered_at: r.answered_at,
            session: session_key(&r.session_id),
            question_id: &r.question_id,
            question_number: r.question_number,
            question_title: &r.question_title,
            level: &r.level,
            principles: &r.leadership_principles,
            demonstrated: &r.demonstrated,
            probes: ProbeScores::Records(&r.probes),
            scores: r.scores,
            overall: r.overall,
            over_time: r.is_over_time(),
        }
    }
}

/// The probe scores of one answer: as its record holds them, or compactly (principle, score).
#[derive(Debug, Clone, Copy)]
pub enum ProbeScores<'a> {
    Records(&'a [crate::history::ProbeRecord]),
    Compact(&'a [(Principle, u8)]),
}

impl ProbeScores<'_> {
    /// Each probe's principle (when it names one of the 16) and score.
    pub fn each(&self, mut visit: impl FnMut(Principle, u8)) {
        match self {
            ProbeScores::Records(probes) => {
                for p in *probes {
                    if let Some(principle) = Principle::from_name(&p.principle) {
                        visit(principle, p.score);
                    }
                }
            }
            ProbeScores::Compact(probes) => probes.iter().for_each(|&(p, score)| visit(p, score)),
        }
    }

    /// The compact form of a record's probes.
    pub fn compact(probes: &[crate::history::ProbeRecord]) -> Vec<(Principle, u8)> {
        let mut out = Vec::new();
        ProbeScores::Records(probes).each(|p, s| out.push((p, s)));
        out
    }
}

/// Mean score of each STAR part, written with the parts' names as fields.
pub type StarMeans = PerStar<f64>;

impl StarMeans {
    /// The part with the lowest mean (the first, on a tie).
    pub fn weakest(&self) -> Star {
        Star::ALL.into_iter().fold(Star::Situation, |w, s| if self[s] < self[w] { s } else { w })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrincipleStats {
    pub name: &'static str,
    pub attempts: usize,
    pub mean_overall: Option<f64>,
    /// Times the candidate marked it as shown in their answer.
    pub shown: usize,
    pub last_practised: Option<NaiveDate>,
    /// Follow-up probes of this principle answered, and their mean self-score: whether a dive deep
    /// holds up.
    pub probes: usize,
    pub probe_mean: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelStats {
    /// As the bank writes it: "L6-L7".
    pub level: String,
    pub attempts: usize,
    pub mean_overall: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeakQuestion {
    pub question_id: String,
    pub question_number: u32,
    pub question_title: String,
    pub attempts: usize,
    /// Mean overall of the latest attempts (up to three).
    pub recent_mean: f64,
    pub last_practised: NaiveDate,
}

/// Every figure `stats` shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub attempts: usize,
    pub sessions: usize,
    pub days_practised: usize,
    pub first_practised: Option<NaiveDate>,
    pub last_practised: Option<NaiveDate>,
    pub mean_overall: Option<f64>,
    pub star_means: Option<StarMeans>,
    /// Mean of the last five attempts minus the mean of the five before (needs six or more).
    pub trend: Option<f64>,
    /// Share of answers that ran past their limit.
    pub over_time_rate: Option<f64>,
    /// All 16, in Amazon's order.
    pub principles: Vec<PrincipleStats>,
    pub levels: Vec<LevelStats>,
    pub weakest: Vec<WeakQuestion>,
    pub never_practised: Vec<&'static str>,
    /// Attempts and mean overall of each day practised, oldest first: for the chart. One entry a day,
    /// however many records, so the figures take the same memory for a thousand records or a million.
    #[serde(skip)]
    pub daily: Vec<DayStats>,
    /// The shares of the answers with part marks, summed per question id (`coach::pacing::by_kind`
    /// gathers them by kind with the bank). Only whole records carry marks: figures folded from the
    /// app's compact rows have none.
    #[serde(skip)]
    pub pacing: BTreeMap<String, crate::coach::pacing::ShareSums>,
}

/// The practice calendar: attempts per day over whole weeks (Monday first) ending with the week of
/// `as_of`, and the current streak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// The Monday of the first week shown.
    pub first_monday: NaiveDate,
    /// `weeks[w][d]`: attempts on day `d` (0 = Monday) of week `w`; None after `as_of`.
    pub weeks: Vec<[Option<usize>; 7]>,
    /// Days in a row with practice, ending `as_of` (or the day before: a streak is alive until its
    /// day is over).
    pub streak: usize,
    /// Days practised in the weeks shown.
    pub days_practised: usize,
}

/// The calendar of the last `weeks` weeks up to `as_of`, from the days practised (oldest first).
pub fn calendar(daily: &[DayStats], as_of: NaiveDate, weeks: usize) -> Calendar {
    use chrono::Datelike;
    let attempts = |d: NaiveDate| daily.binary_search_by_key(&d, |x| x.date).map_or(0, |i| daily[i].attempts);
    let this_monday = as_of - chrono::Days::new(u64::from(as_of.weekday().num_days_from_monday()));
    let first_monday = this_monday - chrono::Days::new(7 * weeks.saturating_sub(1) as u64);
    let mut days_practised = 0;
    let grid = (0..weeks)
        .map(|w| {
            std::array::from_fn(|d| {
                let day = first_monday + chrono::Days::new((7 * w + d) as u64);
                (day <= as_of).then(|| {
                    let n = attempts(day);
                    days_practised += usize::from(n > 0);
                    n
                })
            })
        })
        .collect();
    let mut day = if attempts(as_of) > 0 { as_of } else { as_of - chrono::Days::new(1) };
    let mut streak = 0;
    while attempts(day) > 0 {
        streak += 1;
        day = day - chrono::Days::new(1);
    }
    Calendar { first_monday, weeks: grid, streak, days_practised }
}

impl Stats {
    /// Keep only the principles some question of `bank` probes (and any with attempts: a question no
    /// longer loaded still counts where it was practised), so "never practised" speaks of what can be
    /// drilled.
    pub fn only_principles_probed(mut self, bank: &Bank) -> Stats {
        let probed: Vec<&'static str> =
            bank.principle_coverage().into_iter().filter(|(_, n)| *n > 0).map(|(p, _)| p.name()).collect();
        self.principles.retain(|p| probed.contains(&p.name) || p.attempts > 0);
        self.never_practised = self.principles.iter().filter(|p| p.attempts == 0).map(|p| p.name).collect();
        self
    }
}

/// One calendar day's practice.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DayStats {
    pub date: NaiveDate,
    pub attempts: usize,
    pub mean_overall: f64,
}

/// The `N` latest (time, overall) points seen, oldest first. Ties in time are ordered by value, so
/// the points kept do not depend on the order records were folded in.
#[derive(Debug, Clone, Default)]
struct Latest<const N: usize> {
    points: Vec<(DateTime<FixedOffset>, f64)>,
}

impl<const N: usize> Latest<N> {
    fn push(&mut self, at: DateTime<FixedOffset>, value: f64) {
        let place = self.points.partition_point(|&(a, v)| a < at || (a == at && v.total_cmp(&value).is_le()));
        if self.points.len() == N {
            if place == 0 {
                return;
            }
            self.points.remove(0);
            self.points.insert(place - 1, (at, value));
        } else {
            self.points.insert(place, (at, value));
        }
    }

    fn merge(&mut self, other: Latest<N>) {
        for (at, v) in other.points {
            self.push(at, v);
        }
    }

    fn last(&self) -> Option<DateTime<FixedOffset>> {
        self.points.last().map(|p| p.0)
    }
}

#[derive(Debug, Default, Clone)]
struct PrincipleAcc {
    attempts: usize,
    sum: f64,
    shown: usize,
    last: Option<NaiveDate>,
    probes: usize,
    probe_sum: f64,
}

#[derive(Debug, Clone)]
struct QuestionAcc {
    number: u32,
    title: String,
    attempts: usize,
    latest: Latest<WEAK_WINDOW>,
}

/// Folds records into `Stats`.
#[derive(Debug, Clone)]
pub struct StatsBuilder {
    zone: Zone,
    attempts: usize,
    sessions: SessionCounter,
    /// Attempts and the sum of their overall, per day.
    days: BTreeMap<NaiveDate, (usize, f64)>,
    sum: f64,
    star_sums: PerStar<f64>,
    over: usize,
    principles: Vec<PrincipleAcc>,
    levels: BTreeMap<String, (usize, f64)>,
    questions: HashMap<String, QuestionAcc>,
    recent: Latest<{ 2 * TREND_WINDOW }>,
    pacing: BTreeMap<String, crate::coach::pacing::ShareSums>,
}

/// A session id's 64-bit FNV-1a hash: the same in every process and part, and cheap for short ids.
pub fn session_key(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// How many of the latest distinct sessions the session count remembers.
pub const SESSION_WINDOW: usize = 64;

/// Counts distinct drill sessions in memory that does not grow with the history. A drill writes its
/// answers one after another, so a session's records stand together in the file (two drills at once,
/// say on two machines sharing the file, interleave only a little): a record starts a new session
/// unless its session is one of the last `SESSION_WINDOW` distinct sessions seen. Parts of a file folded
/// apart are joined exactly, by replaying the first sessions of the later part against the last
/// sessions of the earlier one.
#[derive(Debug, Clone, Default)]
struct SessionCounter {
    count: usize,
    /// The latest distinct sessions, least recent first.
    last: std::collections::VecDeque<u64>,
    /// The first distinct sessions, in the order they first appeared.
    first: Vec<u64>,
}

impl SessionCounter {
    fn add(&mut self, key: u64) {
        if Self::touch(&mut self.last, key) {
            return;
        }
        self.count += 1;
        if self.first.len() < SESSION_WINDOW && !self.first.contains(&key) {
            self.first.push(key);
        }
    }

    /// Make `key` the most recent in `window`; true when it was already there.
    fn touch(window: &mut std::collections::VecDeque<u64>, key: u64) -> bool {
        let seen = window.iter().position(|&k| k == key).and_then(|i| window.remove(i)).is_some();
        window.push_back(key);
        if window.len() > SESSION_WINDOW {
            window.pop_front();
        }
        seen
    }

    /// Join `later`, the count of the records that come right after these.
    fn merge(&mut self, later: SessionCounter) {
        // Its first sessions were new to it; the ones still in our window continue one of ours. Only
        // first appearances move sessions out of the window, so replaying them is exact.
        let mut window = self.last.clone();
        let continued = later.first.iter().filter(|&&k| Self::touch(&mut window, k)).count();
        self.count = self.count + later.count - continued;
        for &k in &later.first {
            if self.first.len() < SESSION_WINDOW && !self.first.contains(&k) {
                self.first.push(k);
            }
        }
        // The latest distinct sessions of the two, the later part's first.
        let mut last: Vec<u64> = Vec::with_capacity(SESSION_WINDOW);
        for &k in later.last.iter().rev().chain(self.last.iter().rev()) {
            if last.len() < SESSION_WINDOW && !last.contains(&k) {
                last.push(k);
            }
        }
        self.last = last.into_iter().rev().collect();
    }
}

impl StatsBuilder {
    pub fn new(zone: Zone) -> StatsBuilder {
        StatsBuilder {
            zone,
            attempts: 0,
            sessions: SessionCounter::default(),
            days: BTreeMap::new(),
            sum: 0.0,
            star_sums: PerStar::default(),
            over: 0,
            principles: vec![PrincipleAcc::default(); 16],
            levels: BTreeMap::new(),
            questions: HashMap::new(),
            recent: Latest::default(),
            pacing: BTreeMap::new(),
        }
    }

    pub fn add(&mut self, r: &Record) {
        self.add_attempt(&Attempt::from(r));
        self.add_pacing(r);
    }

    /// The part splits counted so far, per question id.
    pub fn pacing(&self) -> &BTreeMap<String, crate::coach::pacing::ShareSums> {
        &self.pacing
    }

    /// Count a whole record's part marks, if it has them (`add` does; a fold that counts the
    /// attempt itself calls this beside `add_attempt`).
    pub fn add_pacing(&mut self, r: &Record) {
        if let Some(secs) = r.part_secs {
            // Look the id up before inserting, as for the questions.
            match self.pacing.get_mut(&r.question_id) {
                Some(sums) => sums.add(secs),
                None => {
                    let mut sums = crate::coach::pacing::ShareSums::default();
                    sums.add(secs);
                    self.pacing.insert(r.question_id.clone(), sums);
                }
            }
        }
    }

    pub fn add_attempt(&mut self, r: &Attempt) {
        let day = self.zone.date(r.answered_at);
        self.attempts += 1;
        self.sessions.add(r.session);
        let d = self.days.entry(day).or_insert((0, 0.0));
        d.0 += 1;
        d.1 += r.overall;
        self.sum += r.overall;
        for part in Star::ALL {
            self.star_sums[part] += f64::from(r.scores[part]);
        }
        self.over += usize::from(r.over_time);
        for name in r.principles {
            if let Some(p) = Principle::from_name(name) {
                let acc = &mut self.principles[p.index()];
                acc.attempts += 1;
                acc.sum += r.overall;
                acc.last = acc.last.max(Some(day));
                acc.shown += usize::from(r.demonstrated.iter().any(|d| d == name));
            }
        }
        r.probes.each(|p, score| {
            let acc = &mut self.principles[p.index()];
            acc.probes += 1;
            acc.probe_sum += f64::from(score);
        });
        // Look keys up before inserting: cloning them for every record would cost more than the fold.
        if !self.levels.contains_key(r.level) {
            self.levels.insert(r.level.to_string(), (0, 0.0));
        }
        if let Some(level) = self.levels.get_mut(r.level) {
            level.0 += 1;
            level.1 += r.overall;
        }
        if !self.questions.contains_key(r.question_id) {
            let acc = QuestionAcc {
                number: r.question_number,
                title: r.question_title.to_string(),
                attempts: 0,
                latest: Latest::default(),
            };
            self.questions.insert(r.question_id.to_string(), acc);
        }
        if let Some(q) = self.questions.get_mut(r.question_id) {
            q.attempts += 1;
            q.latest.push(r.answered_at, r.overall);
        }
        self.recent.push(r.answered_at, r.overall);
    }

    /// Add what another builder folded (another part of the same history).
    pub fn merge(&mut self, other: StatsBuilder) {
        self.attempts += other.attempts;
        self.sessions.merge(other.sessions);
        for (day, (n, sum)) in other.days {
            let d = self.days.entry(day).or_insert((0, 0.0));
            d.0 += n;
            d.1 += sum;
        }
        self.sum += other.sum;
        for part in Star::ALL {
            self.star_sums[part] += other.star_sums[part];
        }
        self.over += other.over;
        for (mine, theirs) in self.principles.iter_mut().zip(other.principles) {
            mine.attempts += theirs.attempts;
            mine.sum += theirs.sum;
            mine.shown += theirs.shown;
            mine.last = mine.last.max(theirs.last);
            mine.probes += theirs.probes;
            mine.probe_sum += theirs.probe_sum;
        }
        for (level, (n, sum)) in other.levels {
            let e = self.levels.entry(level).or_insert((0, 0.0));
            e.0 += n;
            e.1 += sum;
        }
        for (id, q) in other.questions {
            match self.questions.get_mut(&id) {
                Some(mine) => {
                    mine.attempts += q.attempts;
                    mine.latest.merge(q.latest);
                }
                None => {
                    self.questions.insert(id, q);
                }
            }
        }
        self.recent.merge(other.recent);
        for (id, sums) in other.pacing {
            self.pacing.entry(id).or_default().merge(sums);
        }
    }

    /// The figures so far; the builder can go on folding (the TUI keeps one for the whole history and
    /// adds each saved record, so opening Stats does not fold the history again).
    pub fn finish(&self) -> Stats {
        let n = self.attempts as f64;
        let mean = |sum: f64, count: usize| (count > 0).then(|| sum / count as f64);
        let recent = &self.recent.points;
        let trend = (self.attempts > TREND_WINDOW).then(|| {
            let len = recent.len();
            avg(&recent[len - TREND_WINDOW..]) - avg(&recent[..len - TREND_WINDOW])
        });
        let zone = self.zone;
        let mut weakest: Vec<WeakQuestion> = self
            .questions
            .iter()
            .map(|(id, q)| WeakQuestion {
                question_id: id.clone(),
                question_number: q.number,
                question_title: q.title.clone(),
                attempts: q.attempts,
                recent_mean: avg(&q.latest.points),
                last_practised: zone.date(q.latest.last().unwrap_or_default()),
            })
            .collect();
        weakest.sort_by(|a, b| a.recent_mean.total_cmp(&b.recent_mean).then(a.question_number.cmp(&b.question_number)));
        weakest.truncate(WEAKEST_COUNT);
        let principles: Vec<PrincipleStats> = Principle::all()
            .map(|p| {
                let acc = &self.principles[p.index()];
                PrincipleStats {
                    name: p.name(),
                    attempts: acc.attempts,
                    mean_overall: mean(acc.sum, acc.attempts),
                    shown: acc.shown,
                    last_practised: acc.last,
                    probes: acc.probes,
                    probe_mean: mean(acc.probe_sum, acc.probes),
                }
            })
            .collect();
        Stats {
            attempts: self.attempts,
            sessions: self.sessions.count,
            days_practised: self.days.len(),
            first_practised: self.days.keys().next().copied(),
            last_practised: self.days.keys().next_back().copied(),
            mean_overall: mean(self.sum, self.attempts),
            star_means: (self.attempts > 0).then(|| self.star_sums.map(|sum| sum / n)),
            trend,
            over_time_rate: mean(self.over as f64, self.attempts),
            never_practised: principles.iter().filter(|p| p.attempts == 0).map(|p| p.name).collect(),
            principles,
            levels: self
                .levels
                .iter()
                .map(|(level, &(attempts, sum))| LevelStats {
                    level: level.clone(),
                    attempts,
                    mean_overall: sum / attempts as f64,
                })
                .collect(),
            weakest,
            daily: self
                .days
                .iter()
                .map(|(&date, &(attempts, sum))| DayStats { date, attempts, mean_overall: sum / attempts as f64 })
                .collect(),
            pacing: self.pacing.clone(),
        }
    }
}

fn avg(points: &[(DateTime<FixedOffset>, f64)]) -> f64 {
    if points.is_empty() { 0.0 } else { points.iter().map(|(_, v)| v).sum::<f64>() / points.len() as f64 }
}

/// Stats of the records that match the query.
pub fn compute<'r>(records: impl IntoIterator<Item = &'r Record>, query: &RecordQuery) -> Stats {
    let mut b = StatsBuilder::new(query.zone);
    let query = query.prepare();
    for r in records {
        if query.matches(r) {
            b.add(r);
        }
    }
    b.finish()
}

/// The stats of the matching records of a history file, how many records it holds, and the lines
/// skipped. Records are folded as they are read, one part of the file per core, and the parts merged:
/// a long history needs little memory and little time.
pub fn of_file(
    path: &std::path::Path,
    query: &RecordQuery,
) -> Result<(Stats, usize, Vec<crate::history::store::Skipped>), crate::history::store::HistoryError> {
    of_file_with_told(path, query).map(|f| (f.stats, f.total, f.skipped))
}

/// What `of_file_with_told` reads from a history file in one pass.
#[derive(Debug)]
pub struct FileFigures {
    /// The stats of the records that match the query.
    pub stats: Stats,
    /// How many records the file holds.
    pub total: usize,
    /// How often each story was told, over every record (the query does not narrow it).
    pub told: crate::stories::told::ToldByStory,
    pub skipped: Vec<crate::history::store::Skipped>,
}

/// `of_file`, and how often each story was told, from the same pass over the file.
pub fn of_file_with_told(
    path: &std::path::Path,
    query: &RecordQuery,
) -> Result<FileFigures, crate::history::store::HistoryError> {
    use crate::stories::told::ToldByStory;
    let prepared = query.prepare();
    let (parts, skipped) = crate::history::store::fold_parallel(
        path,
        || (StatsBuilder::new(query.zone), 0usize, ToldByStory::default()),
        |(builder, total, told), r, _| {
            *total += 1;
            told.add(&r);
            if prepared.matches(&r) {
                builder.add(&r);
            }
        },
    )?;
    let mut total = 0;
    let mut builder = StatsBuilder::new(query.zone);
    let mut told = ToldByStory::default();
    for (part, count, part_told) in parts {
        builder.merge(part);
        total += count;
        told.merge(part_told);
    }
    Ok(FileFigures { stats: builder.finish(), total, told, skipped })
}

/// What the history says about one question: how often it was tried and the latest score.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuestionTries {
    pub attempts: usize,
    pub last_overall: Option<f64>,
    pub last_at: Option<DateTime<FixedOffset>>,
}

/// Tries and latest score per question id, kept up to date one saved record at a time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TriesByQuestion {
    by_id: HashMap<String, QuestionTries>,
}

impl TriesByQuestion {
    pub fn new<'r>(records: impl IntoIterator<Item = &'r Record>) -> TriesByQuestion {
        let mut t = TriesByQuestion::default();
        for r in records {
            t.add(r);
        }
        t
    }

    /// Count one more record; the latest by `answered_at` gives the last score (a tie: the later added).
    pub fn add(&mut self, r: &Record) {
        self.add_attempt(&Attempt::from(r));
    }

    pub fn add_attempt(&mut self, r: &Attempt) {
        // Look the id up before inserting: cloning it for every record would cost more than the count.
        if !self.by_id.contains_key(r.question_id) {
            self.by_id.insert(r.question_id.to_string(), QuestionTries::default());
        }
        let Some(q) = self.by_id.get_mut(r.question_id) else { return };
        q.attempts += 1;
        if q.last_at.is_none_or(|at| r.answered_at >= at) {
            q.last_at = Some(r.answered_at);
            q.last_overall = Some(r.overall);
        }
    }

    /// Join the tries counted from a later part of the same history.
    pub fn merge(&mut self, later: TriesByQuestion) {
        for (id, t) in later.by_id {
            let q = self.by_id.entry(id).or_default();
            q.attempts += t.attempts;
            if t.last_at.is_some() && q.last_at.is_none_or(|at| t.last_at.is_some_and(|l| l >= at)) {
                q.last_at = t.last_at;
                q.last_overall = t.last_overall;
            }
        }
    }

    pub fn get(&self, question_id: &str) -> Option<&QuestionTries> {
        self.by_id.get(question_id)
    }
}

#[cfg(test)]
mod tries_tests {
    use super::*;
    use crate::history::record::VERSION;
    use crate::history::{Record, Scores};

    fn record(id: &str, at: &str, overall: f64, used: f64, session: &str) -> Record {
        Record {
            version: VERSION,
            session_id: session.into(),
            answered_at: DateTime::parse_from_rfc3339(at).unwrap(),
            bank: "b".into(),
            question_id: id.into(),
            question_number: 1,
            question_title: "T".into(),
            level: "L6".into(),
            leadership_principles: vec![],
            time_limit_secs: 180,
            time_used_secs: used,
            scores: Scores::from_parts([3, 3, 3, 3]),
            overall,
            ..Record::default()
        }
    }

    #[test]
    fn tries_and_the_latest_score_per_question() {
        let records = [
            record("a", "2026-11-20T10:00:00+00:00", 2.0, 60.0, "s1"),
            // Saved out of order: the latest by time wins, not the last in the file.
            record("a", "2026-11-24T10:00:00+00:00", 4.25, 60.0, "s3"),
            record("a", "2026-11-22T10:00:00+00:00", 3.0, 60.0, "s2"),
            record("b", "2026-11-21T10:00:00+00:00", 3.5, 60.0, "s1"),
        ];
        let mut t = TriesByQuestion::new(&records[..3]);
        let a = t.get("a").unwrap();
        assert_eq!((a.attempts, a.last_overall), (3, Some(4.25)));
        assert_eq!(a.last_at, Some(DateTime::parse_from_rfc3339("2026-11-24T10:00:00+00:00").unwrap()));
        assert!(t.get("b").is_none());
        t.add(&records[3]);
        assert_eq!(t.get("b").map(|b| (b.attempts, b.last_overall)), Some((1, Some(3.5))));
    }
}

#[cfg(test)]
mod calendar_tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weeks_from_monday_and_the_current_streak() {
        let daily: Vec<DayStats> = [("2026-11-09", 1), ("2026-11-23", 2), ("2026-11-24", 1), ("2026-11-25", 4)]
            .iter()
            .map(|&(d, n)| DayStats { date: day(d), attempts: n, mean_overall: 3.0 })
            .collect();
        // Thursday 26 November, nothing yet today: the streak of the 23rd to the 25th is still alive.
        let c = calendar(&daily, day("2026-11-26"), 3);
        assert_eq!(c.first_monday, day("2026-11-09"));
        assert_eq!(c.weeks[0], [Some(1), Some(0), Some(0), Some(0), Some(0), Some(0), Some(0)]);
        assert_eq!(c.weeks[2], [Some(2), Some(1), Some(4), Some(0), None, None, None]);
        assert_eq!((c.streak, c.days_practised), (3, 4));
        // Two days later it is broken.
        assert_eq!(calendar(&daily, day("2026-11-28"), 3).streak, 0);
        assert_eq!(calendar(&[], day("2026-11-28"), 12).weeks.len(), 12);
    }
}

#[cfg(test)]
mod session_count_tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::{RngExt, SeedableRng};

    /// Session keys as a history holds them: sessions one after another, now and then two at once,
    /// sometimes a session coming back after a few others.
    fn history(seed: u64, len: usize) -> Vec<u64> {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut keys = Vec::new();
        let mut next = 0u64;
        while keys.len() < len {
            next += 1;
            match rng.random_range(0..10) {
                0 if next > 5 => keys.push(next - rng.random_range(1..5)),
                1 => {
                    for _ in 0..rng.random_range(1..4) {
                        keys.extend([next, next + 1]);
                    }
                    next += 1;
                }
                _ => keys.extend(std::iter::repeat_n(next, rng.random_range(1..6))),
            }
        }
        keys
    }

    fn one_pass(keys: &[u64]) -> SessionCounter {
        let mut c = SessionCounter::default();
        keys.iter().for_each(|&k| c.add(k));
        c
    }

    #[test]
    fn counts_every_distinct_session_when_they_stand_together() {
        for seed in 0..20 {
            let keys = history(seed, 2000);
            let distinct: std::collections::HashSet<u64> = keys.iter().copied().collect();
            assert_eq!(one_pass(&keys).count, distinct.len(), "seed {seed}");
        }
    }

    #[test]
    fn parts_folded_apart_count_as_one_pass_does() {
        for seed in 0..5 {
            let keys = history(seed, 400);
            let whole = one_pass(&keys).count;
            for split in 0..=keys.len() {
                let mut a = one_pass(&keys[..split]);
                a.merge(one_pass(&keys[split..]));
                assert_eq!(a.count, whole, "seed {seed}, split at {split}");
            }
            // Three parts, as on a machine with three cores.
            for (x, y) in [(50, 51), (100, 300), (0, 399), (7, 7)] {
                let mut a = one_pass(&keys[..x]);
                a.merge(one_pass(&keys[x..y]));
                a.merge(one_pass(&keys[y..]));
                assert_eq!(a.count, whole, "seed {seed}, parts at {x} and {y}");
            }
        }
    }

    #[test]
    fn a_session_far_from_its_first_answers_counts_again() {
        // The documented limit: more than the window's worth of other sessions in between.
        let mut keys = vec![0];
        keys.extend(1..=SESSION_WINDOW as u64);
        keys.push(0);
        assert_eq!(one_pass(&keys).count, SESSION_WINDOW + 2);
        keys.remove(1);
        assert_eq!(one_pass(&keys).count, SESSION_WINDOW, "within the window it is the same session");
    }
}
