//! The YAML schema of a question bank file, as serde types. README.md "Question bank format" documents it.
//!
//! These are the shapes as written; `load.rs` validates them into the domain types of `bank/mod.rs`.

use serde::{Deserialize, Serialize};

/// A whole bank file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankFile {
    /// Short name of the bank, recorded in history (`amazon-pm`).
    pub bank: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Each is read into a `QuestionYaml` on its own, so one malformed question does not hide
    /// the problems of the others.
    pub questions: Vec<serde_yaml::Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionYaml {
    pub id: String,
    pub number: u32,
    pub title: String,
    pub category: String,
    /// As written: `L6-L7`, `L5-L6`, `L6+`.
    pub level: String,
    pub role: String,
    /// `behavioral`, `product-strategy` or `technical`.
    pub kind: String,
    /// Suggested answer time in minutes.
    pub minutes: u32,
    pub leadership_principles: Vec<String>,
    pub prompt: String,
    pub answer: Vec<SectionYaml>,
}

/// A top-level answer section: revealed one at a time, tagged with its STAR phase.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionYaml {
    pub heading: String,
    /// `situation`, `task`, `action` or `result`; required on top-level sections only.
    #[serde(default)]
    pub star: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub paragraphs: Vec<String>,
    #[serde(default)]
    pub bullets: Vec<Bullet>,
    #[serde(default)]
    pub subsections: Vec<SectionYaml>,
}

/// A bullet: `- label: Engineering Teams` + `text: …`, or a plain string.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Bullet {
    Labelled { label: String, text: String },
    Plain(String),
}

impl Bullet {
    pub fn label(&self) -> Option<&str> {
        match self {
            Bullet::Labelled { label, .. } => Some(label),
            Bullet::Plain(_) => None,
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Bullet::Labelled { text, .. } | Bullet::Plain(text) => text,
        }
    }
}
