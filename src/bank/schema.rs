//! The YAML schema of a question bank file, as serde types. README.md "Question bank format" documents it.
//!
//! These are the shapes as written; `load.rs` validates them into the domain types of `bank/mod.rs`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A whole bank file. Unknown keys are reported by `load.rs` against `field_names`, at their key.
/// The `expecting` texts are what a message says when a value has the wrong shape.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(expecting = "a bank: a mapping with `bank`, `title` and `questions`")]
#[schemars(
    deny_unknown_fields,
    title = "stardrill question bank",
    description = "Interview questions with STAR-tagged model answers. README.md \"Question bank format\" documents \
                   it; `stardrill validate` checks it."
)]
pub struct BankFile {
    /// Short name of the bank, recorded in history (`amazon-pm`).
    #[schemars(regex(pattern = r"^[a-z0-9-]+$"))]
    pub bank: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Each is read into a `QuestionYaml` on its own, so one malformed question does not hide
    /// the problems of the others.
    #[schemars(with = "Vec<QuestionYaml>", length(min = 1), description = "The questions, at least one.")]
    pub questions: Vec<serde_yaml::Value>,
}

/// Unknown keys of a question or section are reported by `load.rs` (every one, at its key) against
/// `field_names`, so these two take no `deny_unknown_fields`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(expecting = "a question: a mapping with `id`, `number`, `title`, … and `prompt`")]
#[schemars(
    deny_unknown_fields,
    description = "One interview question, with its STAR-tagged model answer if it has one."
)]
pub struct QuestionYaml {
    /// Stable slug; history refers to it.
    #[schemars(regex(pattern = r"^[a-z0-9-]+$"))]
    pub id: String,
    /// Read as any YAML value and checked by `load.rs`, so that a wrong number (`1e30`, `-3`, `ten`)
    /// is one problem among the question's others instead of hiding them. Left out, the question gets
    /// the next free number (`load.rs`).
    #[serde(default)]
    #[schemars(
        with = "u32",
        range(min = 1),
        description = "Unique across the loaded banks; `show 1` and `--id 1` use it; left out: the next free number."
    )]
    pub number: serde_yaml::Value,
    pub title: String,
    pub category: String,
    /// As written: `L6-L7`, `L5-L6`, `L6+`.
    pub level: String,
    pub role: String,
    /// `behavioral`, `product-strategy` or `technical`.
    pub kind: String,
    /// Suggested answer time in minutes; checked by `load.rs` like `number`.
    #[schemars(with = "u32", range(min = 1, max = 120), description = "Suggested answer time in minutes, 1 to 120.")]
    pub minutes: serde_yaml::Value,
    /// Canonical names of the Leadership Principles it probes.
    #[schemars(schema_with = "crate::stories::schema::principle_names")]
    pub leadership_principles: Vec<String>,
    pub prompt: String,
    /// The model answer; a question without one (most behavioural questions) leaves it out, and Reveal
    /// shows the rubric of its principles instead. Present, it needs all four STAR phases.
    #[serde(default)]
    pub answer: Option<Vec<SectionYaml>>,
    /// The question's own follow-ups, asked before those of its principles.
    #[serde(default)]
    pub probes: Vec<String>,
}

/// A top-level answer section: revealed one at a time, tagged with its STAR phase.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(expecting = "an answer section: a mapping with `heading`, `star` and its content")]
#[schemars(deny_unknown_fields)]
pub struct SectionYaml {
    pub heading: String,
    /// `situation`, `task`, `action` or `result`; required on top-level sections only.
    #[serde(default)]
    #[schemars(with = "Option<StarKey>")]
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

/// The STAR phase of an answer section, as the schema offers it.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "The STAR phase: situation, task, action or result.")]
#[allow(dead_code, reason = "only its schema is used")]
enum StarKey {
    Situation,
    Task,
    Action,
    Result,
}

/// A bullet: `- label: Engineering Teams` + `text: …`, or a plain string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
#[schemars(deny_unknown_fields)]
pub enum Bullet {
    Labelled { label: String, text: String },
    Plain(String),
}

/// A bullet mapping's key, recognised without allocating it (a bank has hundreds of bullets and every
/// start reads them).
enum BulletKey {
    Label,
    Text,
    Other,
}

impl<'de> Deserialize<'de> for BulletKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<BulletKey, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = BulletKey;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`label` or `text`")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<BulletKey, E> {
                Ok(match v {
                    "label" => BulletKey::Label,
                    "text" => BulletKey::Text,
                    _ => BulletKey::Other,
                })
            }
        }
        d.deserialize_identifier(Visitor)
    }
}

/// Read straight from the parser's events (YAML or the compiled JSON), with one plain message for
/// any other shape.
impl<'de> Deserialize<'de> for Bullet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Bullet, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Bullet;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string, or a mapping with exactly `label` and `text`")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Bullet, E> {
                Ok(Bullet::Plain(v.to_string()))
            }

            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Bullet, E> {
                Ok(Bullet::Plain(v))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Bullet, A::Error> {
                let bad = || serde::de::Error::custom(BAD_BULLET);
                let (mut label, mut text) = (None, None);
                while let Some(key) = map.next_key::<BulletKey>()? {
                    let slot = match key {
                        BulletKey::Label => &mut label,
                        BulletKey::Text => &mut text,
                        BulletKey::Other => return Err(bad()),
                    };
                    if slot.is_some() {
                        return Err(bad());
                    }
                    *slot = Some(map.next_value::<String>().map_err(|_| bad())?);
                }
                match (label, text) {
                    (Some(label), Some(text)) => Ok(Bullet::Labelled { label, text }),
                    _ => Err(bad()),
                }
            }
        }
        // Whatever is wrong with a bullet (a list, a number, a third key, a value too deeply nested),
        // the message is the one that says what a bullet is: no sorting of errors by their text.
        d.deserialize_any(Visitor).map_err(|_| serde::de::Error::custom(BAD_BULLET))
    }
}

const BAD_BULLET: &str = "bad bullet: expected a string, or a mapping with exactly `label` and `text`";

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

/// The field names a serde struct reads, as its derived `Deserialize` declares them: the one list
/// of known keys, so unknown ones are found by comparing keys, not by reading error messages.
pub fn field_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    use serde::de::{self, Visitor};

    #[derive(Debug)]
    struct Found(&'static [&'static str]);
    impl std::fmt::Display for Found {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("field names")
        }
    }
    impl std::error::Error for Found {}
    impl de::Error for Found {
        fn custom<M: std::fmt::Display>(_: M) -> Found {
            Found(&[])
        }
    }

    struct Probe;
    impl<'de> de::Deserializer<'de> for Probe {
        type Error = Found;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Found> {
            Err(Found(&[]))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Found> {
            Err(Found(fields))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    match T::deserialize(Probe) {
        Err(Found(fields)) => fields,
        Ok(_) => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_read_from_yaml_and_json_alike() {
        let yaml: Vec<Bullet> = serde_yaml::from_str("- plain\n- label: L\n  text: T\n").unwrap();
        let json: Vec<Bullet> = serde_json::from_str(r#"["plain", {"label": "L", "text": "T"}]"#).unwrap();
        let want = vec![Bullet::Plain("plain".into()), Bullet::Labelled { label: "L".into(), text: "T".into() }];
        assert_eq!((yaml, json), (want.clone(), want));
        for bad in
            ["- label: L\n", "- {label: L, text: T, more: x}\n", "- [1]\n", "- label: L\n  label: M\n  text: T\n"]
        {
            let e = serde_yaml::from_str::<Vec<Bullet>>(bad).unwrap_err().to_string();
            assert!(e.starts_with(BAD_BULLET), "{bad:?}: {e}");
        }
    }

    #[test]
    fn field_names_come_from_the_derive() {
        let q = field_names::<QuestionYaml>();
        assert!(q.contains(&"leadership_principles") && q.contains(&"probes") && q.len() == 12, "{q:?}");
        let s = field_names::<SectionYaml>();
        assert_eq!(s, ["heading", "star", "text", "paragraphs", "bullets", "subsections"]);
    }

    #[test]
    fn bullets_are_strings_or_label_and_text() {
        let b: Bullet = serde_yaml::from_str("label: A\ntext: b").unwrap();
        assert_eq!(b, Bullet::Labelled { label: "A".into(), text: "b".into() });
        let b: Bullet = serde_yaml::from_str("plain").unwrap();
        assert_eq!(b, Bullet::Plain("plain".into()));
        let e = serde_yaml::from_str::<Bullet>("label: A\ntext: b\nextra: c").unwrap_err().to_string();
        assert!(e.starts_with("bad bullet: expected a string, or a mapping"), "{e}");
    }
}
