//! The question bank: validated questions with their STAR-tagged model answers.
//!
//! `schema.rs` holds the YAML shapes, `load.rs` reads and validates files into the types here.

pub mod level;
pub mod load;
pub mod principle;
pub mod schema;
mod yaml_positions;

use std::fmt;
use std::path::PathBuf;

pub use level::LevelRange;
pub use load::{LoadError, Problem};
pub use principle::Principle;
pub use schema::Bullet;

/// The bank that ships inside the binary.
pub const BUNDLED_YAML: &str = include_str!("../../questions/amazon-pm.yaml");
/// How the bundled bank is named in messages.
pub const BUNDLED_NAME: &str = "questions/amazon-pm.yaml (bundled)";

/// One or more bank files, merged. Questions are ordered by number.
#[derive(Debug, Clone)]
pub struct Bank {
    pub files: Vec<BankInfo>,
    pub questions: Vec<Question>,
}

/// The header of one bank file.
#[derive(Debug, Clone)]
pub struct BankInfo {
    pub id: String,
    pub title: String,
    pub description: String,
    pub source: String,
}

impl Bank {
    /// The bank compiled into the binary.
    pub fn bundled() -> Result<Bank, LoadError> {
        load::load_sources(&[load::Source { name: BUNDLED_NAME.to_string(), text: BUNDLED_YAML.to_string() }])
    }

    /// A question by id (exact) or by number (`3`, `#3`).
    pub fn find(&self, key: &str) -> Option<&Question> {
        let key = key.trim();
        if let Ok(n) = key.trim_start_matches('#').parse::<u32>() {
            return self.questions.iter().find(|q| q.number == n);
        }
        self.questions.iter().find(|q| q.id.eq_ignore_ascii_case(key))
    }

    /// Like `find`, with an error that lists what exists.
    pub fn get(&self, key: &str) -> Result<&Question, String> {
        self.find(key).ok_or_else(|| {
            let ids: Vec<String> = self.questions.iter().map(|q| format!("{} {}", q.number, q.id)).collect();
            format!("no question '{key}' in the bank; use a number or an id:\n  {}", ids.join("\n  "))
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

/// One interview scenario.
#[derive(Debug, Clone, PartialEq)]
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
    pub answer: Vec<Section>,
    /// The id of the bank file it came from.
    pub bank: String,
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

    pub fn principle_names(&self) -> Vec<String> {
        self.principles.iter().map(|p| p.name().to_string()).collect()
    }
}

/// A top-level section of a model answer: the unit revealed one at a time.
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

    pub fn parse(text: &str) -> Option<Kind> {
        let t = text.trim().to_lowercase().replace([' ', '_'], "-");
        let t = if t == "behavioural" { "behavioral".to_string() } else { t };
        Kind::ALL.into_iter().find(|k| k.key() == t)
    }

    pub fn key(self) -> &'static str {
        match self {
            Kind::Behavioral => "behavioral",
            Kind::ProductStrategy => "product-strategy",
            Kind::Technical => "technical",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Where banks come from: `--bank` paths, else `STARDRILL_BANK`, else the bundled one.
#[derive(Debug, Clone, Default)]
pub struct BankChoice {
    pub paths: Vec<PathBuf>,
}

impl BankChoice {
    pub fn load(&self) -> Result<Bank, LoadError> {
        if self.paths.is_empty() { Bank::bundled() } else { load::load_paths(&self.paths) }
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
