//! The YAML of a story file, as serde types. README.md "Story file format" documents it, and
//! `schema/stories.schema.json` is generated from these types (see `crate::json_schema`).
//!
//! These are the shapes as written; `load.rs` validates them into `Story`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A whole story file: a YAML list of stories, each starting with `- id:`. An empty file (or one
/// holding only comments) has no stories.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(
    title = "stardrill story file",
    description = "Your own interview stories, in STAR+L form, each mapped to the Amazon Leadership Principles it \
                   shows. A YAML list; each story starts with `- id:`. See `stardrill story --help`."
)]
pub struct StoryFile(pub Vec<StoryYaml>);

/// One story as written. Unknown keys are errors (each reported at its key by `load.rs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a story: a mapping with `id`, `title`, `principles`, `situation`, `task`, `action`, `result` and \
                 `learning`"
)]
#[schemars(
    title = "Story",
    description = "One story in STAR+L form: situation, task, action, result and learning, with the principles it \
                   shows."
)]
pub struct StoryYaml {
    /// A short unique name: lower-case letters, digits and hyphens (`checkout-outage-rollback`).
    #[schemars(regex(pattern = r"^[a-z0-9-]+$"))]
    pub id: String,
    /// One line that names the story.
    #[schemars(length(min = 1))]
    pub title: String,
    /// The Leadership Principles the story shows, by their canonical names: one to four.
    #[schemars(schema_with = "principle_names")]
    pub principles: Vec<String>,
    /// Situation: where and when, and what was at stake.
    #[schemars(length(min = 1))]
    pub situation: String,
    /// Task: what you owned and the goal you were measured on.
    #[schemars(length(min = 1))]
    pub task: String,
    /// Action: what you did yourself, step by step.
    #[schemars(length(min = 1))]
    pub action: String,
    /// Result: what changed, with numbers.
    #[schemars(length(min = 1))]
    pub result: String,
    /// Learning: what you took from it and have applied since.
    #[schemars(length(min = 1))]
    pub learning: String,
    /// The numbers the story proves (`cut p95 latency from 900 ms to 250 ms`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<String>,
    /// Ids of the bank questions the story is meant for (`stardrill list`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "question_ids")]
    pub questions: Vec<String>,
    /// Free words to find the story by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// A non-empty list of the 16 canonical names, so an editor completes them.
pub(crate) fn principle_names(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "array",
        "minItems": 1,
        "uniqueItems": true,
        "items": { "enum": crate::bank::principle::NAMES }
    })
}

fn question_ids(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "array",
        "items": { "type": "string", "pattern": "^[a-z0-9-]+$" }
    })
}
