//! JSON Schemas of the files people write by hand — a story file and a question bank — generated from
//! the serde types they are read with, and committed under `schema/` for editors and other tools.
//!
//! The test `committed_schemas_match_the_types` fails when a type changes and the committed schema does
//! not; `STARDRILL_BLESS=1 cargo test --lib committed_schemas` rewrites them.

use crate::bank::schema::BankFile;
use crate::stories::schema::StoryFile;

/// How a schema's text is made.
pub type Make = fn() -> String;

/// Each committed schema: its path from the repository root, and how it is made.
pub const FILES: [(&str, Make); 2] =
    [("schema/stories.schema.json", story_file), ("schema/bank.schema.json", bank_file)];

/// The schema of a story file (`stories.yaml`).
pub fn story_file() -> String {
    text(&schemars::schema_for!(StoryFile))
}

/// The schema of a question bank file (`questions/amazon-pm.yaml`).
pub fn bank_file() -> String {
    text(&schemars::schema_for!(BankFile))
}

/// Pretty JSON with a final newline, as committed.
fn text(schema: &schemars::Schema) -> String {
    let mut out = serde_json::to_string_pretty(schema).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_schemas_match_the_types() {
        let root = env!("CARGO_MANIFEST_DIR");
        let bless = std::env::var_os("STARDRILL_BLESS").is_some();
        let mut stale = Vec::new();
        for (path, make) in FILES {
            let expected = make();
            let file = format!("{root}/{path}");
            if bless {
                std::fs::write(&file, &expected).expect("write the schema");
            } else if std::fs::read_to_string(&file).ok().as_deref() != Some(expected.as_str()) {
                stale.push(path);
            }
        }
        assert!(
            stale.is_empty(),
            "{} stale: run `STARDRILL_BLESS=1 cargo test --lib committed_schemas` and commit them",
            stale.join(", ")
        );
        // The copy built into the binary, written beside a story file, is the committed one.
        if !bless {
            assert_eq!(crate::stories::store::SCHEMA_JSON, story_file());
        }
    }

    fn schema_gaps(schema: &serde_json::Value, story: &serde_json::Value) -> Vec<String> {
        // The parts of the schema an editor relies on, checked by hand against a story: required keys
        // present, no key outside `properties`.
        let def = &schema["$defs"]["StoryYaml"];
        let mut missing = Vec::new();
        for key in def["required"].as_array().unwrap() {
            if story.get(key.as_str().unwrap()).is_none() {
                missing.push(format!("missing {key}"));
            }
        }
        for key in story.as_object().unwrap().keys() {
            if def["properties"].get(key).is_none() {
                missing.push(format!("unknown {key}"));
            }
        }
        missing
    }

    #[test]
    fn the_story_schema_says_what_the_loader_says() {
        let schema: serde_json::Value = serde_json::from_str(&story_file()).unwrap();
        assert_eq!(schema["type"], "array");
        let def = &schema["$defs"]["StoryYaml"];
        assert_eq!(def["additionalProperties"], false);
        let required: Vec<&str> = def["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let mut sorted = required.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, ["action", "id", "learning", "principles", "result", "situation", "task", "title"]);
        let names = def["properties"]["principles"]["items"]["enum"].as_array().unwrap();
        assert_eq!(names.len(), 16);
        assert_eq!(names[12], "Have Backbone; Disagree and Commit");
        // The template `story new` appends satisfies it.
        let template = crate::stories::store::template("x", "X", &[crate::bank::Principle::from_index(0).unwrap()]);
        let value: serde_json::Value = serde_yaml::from_str::<serde_json::Value>(&template).unwrap()[0].clone();
        assert_eq!(schema_gaps(&schema, &value), Vec::<String>::new());
    }

    #[test]
    fn the_bank_schema_describes_questions_and_sections() {
        let schema: serde_json::Value = serde_json::from_str(&bank_file()).unwrap();
        let required: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(required, ["bank", "title", "questions"]);
        let question = &schema["$defs"]["QuestionYaml"];
        assert_eq!(question["additionalProperties"], false);
        assert_eq!(question["properties"]["minutes"]["maximum"], 120);
        assert!(schema["$defs"]["SectionYaml"]["properties"]["subsections"].is_object());
    }
}
