//! The question bank: validated questions with their STAR-tagged model answers.
//!
//! `schema.rs` holds the YAML shapes, `load.rs` reads and validates files into the types here.

pub mod bundled;
pub mod compact;
pub mod level;
pub mod load;
pub mod per_star;
pub mod principle;
pub mod probes;
pub mod rubric;
pub mod schema;
pub(crate) mod yaml_positions;

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use level::LevelRange;
pub use load::{LoadError, Problem};
pub use per_star::PerStar;
pub use principle::Principle;
pub use probes::ProbeBook;
pub use rubric::RubricBook;
pub use schema::Bullet;

#[cfg(test)]
mod kind_tests {
    use super::Kind;

    #[test]
    fn kinds_have_one_name_and_aliases() {
        for (text, kind) in [
            ("product-strategy", Kind::ProductStrategy),
            ("strategy", Kind::ProductStrategy),
            ("Product", Kind::ProductStrategy),
            ("product strategy", Kind::ProductStrategy),
            ("behavioural", Kind::Behavioral),
            ("BEHAVIORAL", Kind::Behavioral),
            ("tech", Kind::Technical),
        ] {
            assert_eq!(Kind::parse(text), Some(kind), "{text}");
        }
        assert_eq!(Kind::parse("design"), None);
    }
}

/// One or more bank files, merged. Questions are ordered by number.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bank {
    pub files: Vec<BankInfo>,
    pub questions: Vec<Question>,
    /// Follow-up probes and rubrics per principle (`questions/probes.yaml`).
    #[serde(default)]
    pub probes: compact::Deferred<ProbeBook>,
    /// Hints and score anchors per kind of question (`questions/rubrics.yaml`).
    #[serde(default)]
    pub rubrics: compact::Deferred<RubricBook>,
}

/// The header of one bank file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankInfo {
    pub id: String,
    pub title: String,
    pub description: String,
    pub source: String,
}

impl Bank {
    /// The banks compiled into the binary, from their validated form (microseconds; see `bundled.rs`).
    pub fn bundled() -> Result<Bank, LoadError> {
        bundled::load()
    }

    /// Only the questions (and files) of the named banks; the probes stay.
    pub fn only_banks(mut self, ids: &[&str]) -> Bank {
        self.questions.retain(|q| ids.contains(&q.bank.as_str()));
        self.files.retain(|f| ids.contains(&f.id.as_str()));
        self
    }

    /// A question by id (exact) or by number (`3`, `#3`).
    pub fn find(&self, key: &str) -> Option<&Question> {
        let key = key.trim();
        if let Ok(n) = key.trim_start_matches('#').parse::<u32>() {
            return self.questions.iter().find(|q| q.number == n);
        }
        self.questions.iter().find(|q| q.id.eq_ignore_ascii_case(key))
    }

    /// Like `lookup`, with the error as text.
    pub fn get(&self, key: &str) -> Result<&Question, String> {
        self.lookup(key).map_err(|e| e.to_string())
    }

    /// Like `find`, with an error that lists what exists.
    pub fn lookup(&self, key: &str) -> Result<&Question, UnknownQuestion> {
        self.find(key).ok_or_else(|| UnknownQuestion {
            key: key.to_string(),
            known: self.questions.iter().map(|q| format!("{} {}", q.number, q.id)).collect(),
        })
    }

    pub fn section_count(&self) -> usize {
        self.questions.iter().map(|q| q.answer.len()).sum()
    }

    /// How many questions cover each of the 16 principles, in Amazon's order.
    pub fn principle_coverage(&self) -> Vec<(Principle, usize)> {
        Principle::all().map(|p| (p, self.questions.iter().filter(|q| q.principles.contains(&p)).count())).collect()
    }
}

/// A question key (`show 11`, `drill --id 99`) that names no question of the bank.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no question '{key}' in the bank; use a number or an id:\n  {}", known.join("\n  "))]
pub struct UnknownQuestion {
    pub key: String,
    /// `number id` of every question, in bank order.
    pub known: Vec<String>,
}

/// One interview scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable slug, recorded in history.
    pub id: String,
    pub number: u32,
    pub title: String,
    pub category: String,
    pub level: LevelRange,
    /// The level as the bank writes it ("L6-L7").
    pub level_text: String,
    pub role: String,
    pub kind: Kind,
    /// Suggested answer time.
    pub minutes: u32,
    pub principles: Vec<Principle>,
    pub prompt: String,
    /// Read from the bundled bank's compiled form when first used (`compact::Deferred`).
    pub answer: compact::Deferred<Vec<Section>>,
    /// The id of the bank file it came from.
    pub bank: String,
    /// The question's own follow-up probes, asked before its principles' ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub probes: Vec<String>,
}

impl Question {
    /// All the words a text search looks in: title, prompt and every line of the answer.
    /// `needle` must be folded with `text::fold`.
    pub fn contains_text(&self, needle: &str) -> bool {
        let hit = |s: &str| crate::text::fold(s).contains(needle);
        hit(&self.title)
            || hit(&self.prompt)
            || self.answer.iter().any(|s| {
                let mut found = false;
                s.block.walk(&mut |_, part| found = found || hit(&part.line()));
                found
            })
    }

    pub fn time_limit_secs(&self) -> u64 {
        u64::from(self.minutes) * 60
    }

    /// A model answer to reveal; behavioural questions of the LP bank have none (Reveal shows the
    /// rubric of their principles instead).
    pub fn has_answer(&self) -> bool {
        !self.answer.is_empty()
    }

    pub fn principle_names(&self) -> Vec<String> {
        self.principles.iter().map(|p| p.name().to_string()).collect()
    }
}

/// A top-level section of a model answer: the unit revealed one at a time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub star: Star,
    pub block: Block,
}

impl Section {
    pub fn heading(&self) -> &str {
        &self.block.heading
    }

    /// The section as plain text lines, the way the source document writes it.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.block.walk(&mut |_, part| out.push(part.line()));
        out
    }
}

/// A heading with its content; sections nest blocks as sub-headings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub heading: String,
    /// Text on the heading's own line, after the colon.
    pub text: Option<String>,
    pub paragraphs: Vec<String>,
    pub bullets: Vec<Bullet>,
    pub subsections: Vec<Block>,
}

impl Block {
    /// `Heading:` or `Heading: inline text`.
    pub fn heading_line(&self) -> String {
        match &self.text {
            Some(t) => format!("{}: {t}", self.heading),
            None => format!("{}:", self.heading),
        }
    }

    /// Every part of the block in reading order (its heading, paragraphs, bullets, then each
    /// sub-block's), with how deeply it is nested (0 for this block). The one walk over an answer tree:
    /// search, plain text and the reveal screen all use it.
    pub fn walk<'a>(&'a self, visit: &mut dyn FnMut(usize, Part<'a>)) {
        self.walk_at(0, visit);
    }

    fn walk_at<'a>(&'a self, depth: usize, visit: &mut dyn FnMut(usize, Part<'a>)) {
        visit(depth, Part::Heading { heading: &self.heading, text: self.text.as_deref() });
        for p in &self.paragraphs {
            visit(depth, Part::Paragraph(p));
        }
        for b in &self.bullets {
            visit(depth, Part::Bullet(b));
        }
        for sub in &self.subsections {
            sub.walk_at(depth + 1, visit);
        }
    }
}

/// One part of an answer, as `Block::walk` meets it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Part<'a> {
    /// A block's heading and the text on its line after the colon.
    Heading {
        heading: &'a str,
        text: Option<&'a str>,
    },
    Paragraph(&'a str),
    Bullet(&'a Bullet),
}

impl Part<'_> {
    /// The part as one plain-text line, the way the source document writes it: `Heading: text`,
    /// the paragraph, `- label: text`.
    pub fn line(&self) -> String {
        match *self {
            Part::Heading { heading, text: Some(t) } => format!("{heading}: {t}"),
            Part::Heading { heading, text: None } => format!("{heading}:"),
            Part::Paragraph(p) => p.to_string(),
            Part::Bullet(b) => match b.label() {
                Some(label) => format!("- {label}: {}", b.text()),
                None => format!("- {}", b.text()),
            },
        }
    }
}

/// The four STAR phases, in answer order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Star {
    Situation,
    Task,
    Action,
    Result,
}

impl Star {
    pub const ALL: [Star; 4] = [Star::Situation, Star::Task, Star::Action, Star::Result];

    pub fn parse(text: &str) -> Option<Star> {
        Star::ALL.into_iter().find(|s| s.key() == text.trim().to_lowercase())
    }

    /// As written in YAML and JSON: `situation`.
    pub fn key(self) -> &'static str {
        match self {
            Star::Situation => "situation",
            Star::Task => "task",
            Star::Action => "action",
            Star::Result => "result",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Star::Situation => "Situation",
            Star::Task => "Task",
            Star::Action => "Action",
            Star::Result => "Result",
        }
    }

    pub fn letter(self) -> char {
        self.label().chars().next().unwrap_or('?')
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Star {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What sort of interview question: it sets the default answer time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// "Tell me about a time…": answered in STAR form, about 3 minutes.
    Behavioral,
    /// "Design a strategy / product for…": about 12 minutes.
    ProductStrategy,
    /// System or architecture design for a PM-T loop: about 15 minutes.
    Technical,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Behavioral, Kind::ProductStrategy, Kind::Technical];

    /// The canonical key or one of its aliases (`strategy`, `product`, `behavioural`, `tech`), in any
    /// case, with spaces or underscores for hyphens.
    pub fn parse(text: &str) -> Option<Kind> {
        let t = text.trim().to_lowercase().replace([' ', '_'], "-");
        Kind::ALL.into_iter().find(|k| k.key() == t || k.aliases().contains(&t.as_str()))
    }

    /// The one name of the kind, everywhere: the bank, the command line, JSON, CSV and the screens.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Behavioral => "behavioral",
            Kind::ProductStrategy => "product-strategy",
            Kind::Technical => "technical",
        }
    }

    /// Other spellings `--kind` and the bank accept for this kind.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Kind::Behavioral => &["behavioural", "behavior", "behaviour", "b"],
            Kind::ProductStrategy => &["strategy", "product", "product-sense", "ps"],
            Kind::Technical => &["tech", "technical-design", "t"],
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Where banks come from: `--bank` paths (or `STARDRILL_BANK`) replace the bundled banks and the
/// user's; otherwise the bundled banks, then the user's bank directory; `--with-bank` paths are added
/// either way.
#[derive(Debug, Clone, Default)]
pub struct BankChoice {
    pub paths: Vec<PathBuf>,
    /// `--with-bank`: added to the others.
    pub with: Vec<PathBuf>,
    /// The user's own banks (`$XDG_CONFIG_HOME/stardrill/banks`), read when `paths` is empty; a
    /// directory that does not exist holds none.
    pub user_dir: Option<PathBuf>,
}

/// The banks loaded, and the problems of those left out.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub bank: Bank,
    /// Why some user or `--with-bank` files were left out (the others are in `bank`).
    pub left_out: Option<LoadError>,
}

/// Where the user's own banks live: `$XDG_CONFIG_HOME/stardrill/banks`, else the platform's config
/// folder (`~/.config/stardrill/banks` on Linux).
pub fn user_banks_dir() -> Option<PathBuf> {
    match std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir).join("stardrill").join("banks")),
        None => directories::ProjectDirs::from("", "", "stardrill").map(|d| d.config_dir().join("banks")),
    }
}

impl Bank {
    /// `other`'s questions and files added to these (questions stay ordered by number); its probes,
    /// when it brings some, replace these.
    pub fn join(mut self, other: Bank) -> Bank {
        self.files.extend(other.files);
        self.questions.extend(other.questions);
        self.questions.sort_by_key(|q| q.number);
        if !other.probes.is_empty() {
            self.probes = other.probes;
        }
        if !other.rubrics.is_empty() {
            self.rubrics = other.rubrics.into_inner().or(&self.rubrics).into();
        }
        self
    }
}

impl BankChoice {
    /// The banks chosen; any problem in any of them is an error.
    pub fn load(&self) -> Result<Bank, LoadError> {
        let loaded = self.load_lenient()?;
        match loaded.left_out {
            Some(e) => Err(e),
            None => Ok(loaded.bank),
        }
    }

    /// The banks chosen, leaving out user and `--with-bank` files that have problems (said in
    /// `left_out`): a bad bank of one's own does not hide the bundled ones. Fails only when the
    /// bundled banks or the `--bank` paths do not load. Banks given by path that bring no probes file
    /// get the bundled probes, and the bundled rubric of each kind their rubrics file (if any) lacks.
    pub fn load_lenient(&self) -> Result<Loaded, LoadError> {
        let mut texts: Vec<load::Source> = Vec::new();
        let mut bank = if self.paths.is_empty() {
            Bank::bundled()?
        } else {
            let mut bank = load::load_paths(&self.paths)?;
            if bank.probes.is_empty() || bank.rubrics.kinds.len() < Kind::ALL.len() {
                let bundled = Bank::bundled()?;
                if bank.probes.is_empty() {
                    bank.probes = bundled.probes;
                }
                bank.rubrics = std::mem::take(&mut bank.rubrics).into_inner().or(&bundled.rubrics).into();
            }
            bank
        };
        let mut extra: Vec<PathBuf> = Vec::new();
        let mut problems = Vec::new();
        if self.paths.is_empty()
            && let Some(dir) = &self.user_dir
            && dir.is_dir()
        {
            match std::fs::read_dir(dir) {
                Ok(entries) => {
                    let mut files: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
                        .collect();
                    files.sort();
                    extra.extend(files);
                }
                Err(e) => problems.push(Problem {
                    file: dir.display().to_string(),
                    line: None,
                    column: None,
                    message: format!("cannot read your bank directory: {e}"),
                }),
            }
        }
        for path in &self.with {
            if path.is_dir() {
                let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                    .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
                    .unwrap_or_default();
                files.retain(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")));
                files.sort();
                if files.is_empty() {
                    problems.push(Problem {
                        file: path.display().to_string(),
                        line: None,
                        column: None,
                        message: "directory holds no .yaml or .yml files: expected at least one bank file".into(),
                    });
                }
                extra.extend(files);
            } else {
                extra.push(path.clone());
            }
        }
        if !extra.is_empty() && self.paths.is_empty() {
            // For the line of a clash with a bundled question.
            texts.extend(
                bundled::FILES.iter().map(|f| load::Source { name: f.name.to_string(), text: f.yaml.to_string() }),
            );
        }
        for path in extra {
            let source = match load::read_file(&path, load::BANK) {
                Ok(source) => source,
                Err(p) => {
                    problems.push(p);
                    continue;
                }
            };
            if probes::is_probes_file(&source.name) {
                match probes::load(&source) {
                    Ok(book) => bank.probes = book.into(),
                    Err(mut p) => problems.append(&mut p),
                }
                continue;
            }
            if rubric::is_rubrics_file(&source.name) {
                match rubric::load(&source) {
                    Ok(book) => bank.rubrics = book.or(&bank.rubrics).into(),
                    Err(mut p) => problems.append(&mut p),
                }
                continue;
            }
            let base = load::Base { bank: &bank, texts: &texts };
            match load::load_sources_with(std::slice::from_ref(&source), Some(&base)) {
                Ok(more) => {
                    bank = bank.join(more);
                    texts.push(source);
                }
                Err(mut e) => problems.append(&mut e.problems),
            }
        }
        let left_out = (!problems.is_empty()).then_some(LoadError { problems });
        Ok(Loaded { bank, left_out })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(heading: &str, paragraphs: &[&str], bullets: Vec<Bullet>, subsections: Vec<Block>) -> Block {
        Block {
            heading: heading.into(),
            text: None,
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            bullets,
            subsections,
        }
    }

    #[test]
    fn a_users_rubrics_file_replaces_the_kinds_it_names_and_a_bad_one_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let part = "{one: vague, three: partial, five: precise}";
        let mine = format!(
            "kinds:\n- kind: technical\n  hints:\n  - {{label: Latency, text: say the p99 you aim for}}\n  anchors:\n\
             \x20   situation: {part}\n    task: {part}\n    action: {part}\n    result: {part}\n"
        );
        std::fs::write(dir.path().join("rubrics.yaml"), mine).unwrap();
        let choice = BankChoice { paths: vec![], with: vec![], user_dir: Some(dir.path().to_path_buf()) };
        let loaded = choice.load_lenient().unwrap();
        assert!(loaded.left_out.is_none());
        let bundled = Bank::bundled().unwrap().rubrics;
        let r = &loaded.bank.rubrics;
        assert_eq!(r.hints(Kind::Technical)[0].text, "say the p99 you aim for");
        assert_eq!(r.anchors(Kind::Technical, Star::Result).unwrap().five, "precise");
        assert_eq!(r.hints(Kind::Behavioral), bundled.hints(Kind::Behavioral), "other kinds stay bundled");
        assert_eq!(r.kinds.len(), 3);
        // `--bank DIR` (a directory holding a bank and a rubrics.yaml) reads its rubrics too.
        let banks = tempfile::tempdir().unwrap();
        std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/questions/amazon-pm.yaml"), banks.path().join("pm.yaml"))
            .unwrap();
        std::fs::copy(dir.path().join("rubrics.yaml"), banks.path().join("rubrics.yaml")).unwrap();
        let choice = BankChoice { paths: vec![banks.path().to_path_buf()], with: vec![], user_dir: None };
        let r = choice.load().unwrap().rubrics;
        assert_eq!(r.hints(Kind::Technical)[0].text, "say the p99 you aim for", "the directory's rubrics are read");
        assert_eq!(r.hints(Kind::Behavioral), bundled.hints(Kind::Behavioral));
        // A broken one is left out with its place, and the bundled rubrics stay.
        std::fs::write(dir.path().join("rubrics.yaml"), "kinds:\n- kind: design\n").unwrap();
        let choice = BankChoice { paths: vec![], with: vec![], user_dir: Some(dir.path().to_path_buf()) };
        let loaded = choice.load_lenient().unwrap();
        let problems = loaded.left_out.unwrap().problems;
        assert!(
            problems[0].to_string().ends_with("rubrics.yaml:2:3: kind entry 1: missing field `hints`"),
            "{problems:?}"
        );
        assert_eq!(loaded.bank.rubrics, bundled);
    }

    #[test]
    fn one_walk_gives_every_part_in_reading_order_with_its_depth() {
        let inner = block("Metrics", &["Deep line"], vec![Bullet::Plain("p99 latency".into())], vec![]);
        let mut outer = block(
            "Action",
            &["I led it."],
            vec![Bullet::Labelled { label: "Scope".into(), text: "three teams".into() }],
            vec![inner],
        );
        outer.text = Some("inline".into());
        let section = Section { star: Star::Action, block: outer };
        let mut seen = Vec::new();
        section.block.walk(&mut |depth, part| seen.push((depth, part.line())));
        let expected = [
            (0, "Action: inline"),
            (0, "I led it."),
            (0, "- Scope: three teams"),
            (1, "Metrics:"),
            (1, "Deep line"),
            (1, "- p99 latency"),
        ];
        assert_eq!(seen, expected.map(|(d, l)| (d, l.to_string())));
        assert_eq!(section.lines(), expected.map(|(_, l)| l.to_string()));
    }
}
