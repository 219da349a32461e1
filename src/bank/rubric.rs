//! Rubrics per kind of question: the talking points shown while answering (STAR+L for behavioural
//! questions, product sense for product strategy, PM-T points for technical ones), and for each STAR
//! part what an answer scored 1, 3 and 5 looks like. Read from a rubrics file
//! (`questions/rubrics.yaml`), validated as strictly as a bank: every problem at its file:line:col.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::load::{Ctx, Problem, Source, parse_as, second_entry, shape_error, unknown_fields, without_odd_keys};
use super::{Kind, PerStar, Star};

/// The most hints one kind may carry (they are shown one a line while answering).
pub const MAX_HINTS: usize = 8;
/// The widest hint label, in screen columns.
pub const MAX_LABEL: usize = 16;
/// The longest hint or anchor text, in characters (one line on a wide screen).
pub const MAX_TEXT: usize = 200;

/// The rubric of every kind that has one, in the order of `Kind::ALL`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricBook {
    pub kinds: Vec<KindRubric>,
}

/// One kind's hints and score anchors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindRubric {
    pub kind: Kind,
    pub hints: Vec<Hint>,
    pub anchors: PerStar<Anchors>,
}

/// A talking point: `Goal` — `clarify the goal and what success means…`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hint {
    pub label: String,
    pub text: String,
}

/// What a part scored 1, 3 and 5 looks like.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchors {
    pub one: String,
    pub three: String,
    pub five: String,
}

impl Anchors {
    /// (score, what it looks like), lowest first.
    pub fn levels(&self) -> [(u8, &str); 3] {
        [(1, self.one.as_str()), (3, self.three.as_str()), (5, self.five.as_str())]
    }
}

impl RubricBook {
    pub fn of(&self, kind: Kind) -> Option<&KindRubric> {
        self.kinds.iter().find(|r| r.kind == kind)
    }

    /// The talking points for a kind (none when no rubric is loaded for it).
    pub fn hints(&self, kind: Kind) -> &[Hint] {
        self.of(kind).map_or(&[], |r| &r.hints)
    }

    /// What a 1, a 3 and a 5 look like for `part` of a question of `kind`.
    pub fn anchors(&self, kind: Kind, part: Star) -> Option<&Anchors> {
        self.of(kind).map(|r| &r.anchors[part])
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// These rubrics, with `fallback`'s for any kind they lack.
    pub fn or(mut self, fallback: &RubricBook) -> RubricBook {
        for r in &fallback.kinds {
            if self.of(r.kind).is_none() {
                self.kinds.push(r.clone());
            }
        }
        self.in_kind_order()
    }

    /// The kinds in the order of `Kind::ALL`.
    fn in_kind_order(mut self) -> RubricBook {
        self.kinds.sort_by_key(|r| Kind::ALL.iter().position(|k| *k == r.kind));
        self
    }
}

/// A rubrics file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(expecting = "a rubrics file: a mapping with `kinds`")]
pub struct RubricsFile {
    /// Each read on its own, so one malformed entry does not hide the problems of the others.
    pub kinds: Vec<serde_yaml::Value>,
}

/// One kind's entry as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(expecting = "a kind's rubric: a mapping with `kind`, `hints` and `anchors`")]
pub struct KindRubricYaml {
    pub kind: String,
    pub hints: Vec<HintYaml>,
    pub anchors: AnchorsYaml,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(expecting = "a hint: a mapping with `label` and `text`")]
pub struct HintYaml {
    pub label: String,
    pub text: String,
}

/// The anchors of the four parts, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(expecting = "anchors: a mapping with `situation`, `task`, `action` and `result`")]
pub struct AnchorsYaml {
    pub situation: PartAnchorsYaml,
    pub task: PartAnchorsYaml,
    pub action: PartAnchorsYaml,
    pub result: PartAnchorsYaml,
}

/// One part's anchors, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(expecting = "a part's anchors: a mapping with `one`, `three` and `five`")]
pub struct PartAnchorsYaml {
    pub one: String,
    pub three: String,
    pub five: String,
}

/// Whether a file is a rubrics file rather than a bank: its name is `rubrics.yaml` (or `.yml`).
pub fn is_rubrics_file(name: &str) -> bool {
    super::load::is_named(name, &["rubrics.yaml", "rubrics.yml"])
}

/// A one-line text that must say something: a problem when it holds a control character or nothing.
fn line_text(ctx: &Ctx, path: &str, what: &str, text: &str, problems: &mut Vec<Problem>) -> Option<String> {
    let text = super::load::one_line(ctx, path, what, text, problems)?;
    let length = text.chars().count();
    if length > MAX_TEXT {
        problems.push(ctx.at(path, format!("{what} is {length} characters long: at most {MAX_TEXT}")));
        return None;
    }
    Some(text.to_string())
}

/// Unknown keys anywhere in one kind's entry, each at its key.
fn unknown_in_entry(ctx: &Ctx, path: &str, value: &serde_yaml::Value, label: &str, problems: &mut Vec<Problem>) {
    unknown_fields::<KindRubricYaml>(ctx, path, value, label, problems);
    if let Some(hints) = value.get("hints").and_then(serde_yaml::Value::as_sequence) {
        for (j, hint) in hints.iter().enumerate() {
            unknown_fields::<HintYaml>(
                ctx,
                &format!("{path}.hints.{j}"),
                hint,
                &format!("{label} hint {}", j + 1),
                problems,
            );
        }
    }
    if let Some(anchors) = value.get("anchors") {
        unknown_fields::<AnchorsYaml>(ctx, &format!("{path}.anchors"), anchors, &format!("{label} anchors"), problems);
        for star in Star::ALL {
            if let Some(part) = anchors.get(star.key()) {
                let at = format!("{path}.anchors.{}", star.key());
                unknown_fields::<PartAnchorsYaml>(ctx, &at, part, &format!("{label} {} anchors", star.key()), problems);
            }
        }
    }
}

/// Parse and validate one rubrics file.
pub fn load(source: &Source) -> Result<RubricBook, Vec<Problem>> {
    let (file, positions, mut problems) = parse_as::<RubricsFile>(
        source,
        "the file is empty: expected rubrics with `kinds` (a list of `kind`, `hints`, `anchors`)",
    )?;
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    let ctx = Ctx { file: &source.name, text, positions: &positions };
    let mut seen: HashMap<Kind, usize> = HashMap::new();
    let mut kinds = Vec::new();
    for (i, value) in file.kinds.iter().enumerate() {
        let path = format!("kinds.{i}");
        let label = format!("kind entry {}", i + 1);
        unknown_in_entry(&ctx, &path, value, &label, &mut problems);
        // An entry for a kind already read is said even when the entry has other problems.
        let at = format!("{path}.kind");
        if let Some(kind) = value.get("kind").and_then(serde_yaml::Value::as_str).and_then(Kind::parse) {
            if let Some(first) = seen.get(&kind) {
                let first = format!("kinds.{first}.kind");
                let advice = "put its hints and anchors in one entry";
                problems.push(second_entry(&ctx, &at, &first, kind.key(), advice));
                continue;
            }
            seen.insert(kind, i);
        }
        let entry: KindRubricYaml = match serde_path_to_error::deserialize(without_odd_keys(value)) {
            Ok(entry) => entry,
            Err(e) => {
                let (at, message) = shape_error(&path, &e);
                problems.push(ctx.at(&at, format!("{label}: {message}")));
                continue;
            }
        };
        if let Some(p) = ctx.controls(&at, &format!("{label}: `kind`"), &entry.kind, true) {
            problems.push(p);
            continue;
        }
        let Some(kind) = Kind::parse(&entry.kind) else {
            let known: Vec<&str> = Kind::ALL.iter().map(|k| k.key()).collect();
            problems.push(ctx.at(
                &at,
                format!("{label}: unknown kind of question \"{}\": expected one of {}", entry.kind, known.join(", ")),
            ));
            continue;
        };
        let label = kind.key().to_string();
        if entry.hints.is_empty() || entry.hints.len() > MAX_HINTS {
            problems.push(ctx.at(
                &format!("{path}.hints"),
                format!("{label}: {} hints: expected 1 to {MAX_HINTS}", entry.hints.len()),
            ));
        }
        let mut hints = Vec::new();
        let mut labels: HashMap<String, usize> = HashMap::new();
        for (j, h) in entry.hints.iter().enumerate() {
            let at = format!("{path}.hints.{j}");
            let what = format!("{label}: hint {}", j + 1);
            let label_text =
                line_text(&ctx, &format!("{at}.label"), &format!("{what} `label`"), &h.label, &mut problems);
            if let Some(l) = &label_text {
                let cells = crate::text::width(l);
                if cells > MAX_LABEL {
                    problems.push(ctx.at(
                        &format!("{at}.label"),
                        format!("{what} `label` is {cells} columns wide: at most {MAX_LABEL}"),
                    ));
                }
                match labels.get(&crate::text::fold(l)) {
                    Some(first) => {
                        let other = positions.of(&format!("{path}.hints.{first}.label"));
                        problems.push(ctx.at(
                            &format!("{at}.label"),
                            format!(
                                "{what} `label` \"{l}\" is listed twice (also at {})",
                                super::load::place(ctx.file, other)
                            ),
                        ));
                    }
                    None => {
                        labels.insert(crate::text::fold(l), j);
                    }
                }
            }
            let text = line_text(&ctx, &format!("{at}.text"), &format!("{what} `text`"), &h.text, &mut problems);
            if let (Some(label), Some(text)) = (label_text, text) {
                hints.push(Hint { label, text });
            }
        }
        let parts = [&entry.anchors.situation, &entry.anchors.task, &entry.anchors.action, &entry.anchors.result];
        let mut anchors = PerStar::<Anchors>::default();
        for (star, part) in Star::ALL.into_iter().zip(parts) {
            let mut texts = Vec::new();
            for (field, text) in [("one", &part.one), ("three", &part.three), ("five", &part.five)] {
                let at = format!("{path}.anchors.{}.{field}", star.key());
                let what = format!("{label}: {} `{field}`", star.key());
                texts.push(line_text(&ctx, &at, &what, text, &mut problems).unwrap_or_default());
            }
            let [one, three, five]: [String; 3] = texts.try_into().unwrap_or_default();
            anchors[star] = Anchors { one, three, five };
        }
        kinds.push(KindRubric { kind, hints, anchors });
    }
    if problems.is_empty() { Ok(RubricBook { kinds }.in_kind_order()) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANCHORS: &str = "  anchors:\n    situation: {one: a, three: b, five: c}\n    task: {one: a, three: b, five: c}\n\
                           \x20   action: {one: a, three: b, five: c}\n    result: {one: d, three: e, five: f}\n";

    fn load_text(text: &str) -> Result<RubricBook, Vec<String>> {
        load(&Source { name: "r.yaml".into(), text: text.into() })
            .map_err(|ps| ps.iter().map(Problem::to_string).collect())
    }

    #[test]
    fn a_rubrics_file_reads_into_kind_order() {
        let text = format!(
            "kinds:\n- kind: technical\n  hints:\n  - {{label: Scale, text: what breaks first}}\n{ANCHORS}\
             - kind: Behavioural\n  hints:\n  - {{label: S, text: Situation}}\n{ANCHORS}"
        );
        let book = load_text(&text).unwrap();
        let order: Vec<Kind> = book.kinds.iter().map(|r| r.kind).collect();
        assert_eq!(order, [Kind::Behavioral, Kind::Technical]);
        assert_eq!(book.hints(Kind::Technical), [Hint { label: "Scale".into(), text: "what breaks first".into() }]);
        assert!(book.hints(Kind::ProductStrategy).is_empty());
        let result = book.anchors(Kind::Technical, Star::Result).unwrap();
        assert_eq!(result.levels(), [(1, "d"), (3, "e"), (5, "f")]);
        assert!(book.anchors(Kind::ProductStrategy, Star::Result).is_none());
    }

    #[test]
    fn every_problem_is_named_at_its_place() {
        let text = format!(
            "kinds:\n- kind: strategic\n  hints: [{{label: a, text: b}}]\n{ANCHORS}\
             - kind: technical\n  hints:\n  - label: A label far too long to show\n    text: \"\"\n    colour: red\n{ANCHORS}\
             - kind: tech\n  hints: [{{label: a, text: b}}]\n{ANCHORS}\
             - kind: behavioral\n  hints: [{{label: a, text: b}}]\n  anchors:\n    situation: {{one: a, three: b}}\n"
        );
        let problems = load_text(&text).unwrap_err();
        let want = [
            "r.yaml:2:9: kind entry 1: unknown kind of question \"strategic\": expected one of behavioral, product-strategy, technical",
            "r.yaml:13:5: kind entry 2 hint 1: unknown field `colour`, expected one of `label`, `text`",
            "r.yaml:11:12: technical: hint 1 `label` is 28 columns wide: at most 16",
            "r.yaml:12:11: technical: hint 1 `text` is empty: expected one line of text",
            "r.yaml:19:9: \"technical\" has a second entry: also at r.yaml:9:9; put its hints and anchors in one entry",
            "r.yaml:29:16: kind entry 4: anchors.situation: missing field `five`",
        ];
        assert_eq!(problems, want);
    }

    #[test]
    fn odd_keys_repeated_labels_wide_labels_long_texts_and_a_broken_first_entry() {
        let long = "x".repeat(MAX_TEXT + 1);
        let text = format!(
            "kinds:\n- kind: technical\n  7: stray\n  hints:\n  - {{label: Scale, text: a}}\n  - {{label: scale, text: b}}\n\
             \x20 - {{label: 規模規模規模規模規模, text: c}}\n  - {{label: Cost, text: {long}}}\n{ANCHORS}\
             - kind: behavioral\n  hints: oops\n{ANCHORS}\
             - kind: Behavioural\n  hints: [{{label: S, text: s}}]\n{ANCHORS}"
        );
        let problems = load_text(&text).unwrap_err();
        let want = [
            "r.yaml:3:3: kind entry 1: unknown field `7`, expected one of `kind`, `hints`, `anchors`",
            "r.yaml:6:13: technical: hint 2 `label` \"scale\" is listed twice (also at r.yaml:5:13)",
            "r.yaml:7:13: technical: hint 3 `label` is 20 columns wide: at most 16",
            "r.yaml:8:25: technical: hint 4 `text` is 201 characters long: at most 200",
            "r.yaml:15:10: kind entry 2: hints: invalid type: string \"oops\", expected a sequence",
            "r.yaml:21:9: \"behavioral\" has a second entry: also at r.yaml:14:9; put its hints and anchors in one entry",
        ];
        assert_eq!(problems, want);
    }

    #[test]
    fn bad_shapes_and_control_characters_are_problems_not_panics() {
        let e = load_text("").unwrap_err();
        assert!(e[0].starts_with("r.yaml: the file is empty: expected rubrics"), "{e:?}");
        let e = load_text("kinds: x\n").unwrap_err();
        assert!(e[0].starts_with("r.yaml:1:8: kinds: invalid type: string"), "{e:?}");
        let e = load_text(&format!("kinds:\n- kind: technical\n  hints: [{{label: a, text: \"b\\e[2J\"}}]\n{ANCHORS}"))
            .unwrap_err();
        assert!(e[0].starts_with("r.yaml:3:28: technical: hint 1 `text` holds control character ^["), "{e:?}");
        let e = load_text("kinds:\n- 3\n").unwrap_err();
        assert!(e[0].starts_with("r.yaml:2:3: kind entry 1: invalid type: integer `3`"), "{e:?}");
        let e = load_text(&format!("kinds:\n- kind: technical\n  hints: []\n{ANCHORS}")).unwrap_err();
        assert_eq!(e, ["r.yaml:3:10: technical: 0 hints: expected 1 to 8"]);
    }

    #[test]
    fn rubrics_files_are_known_by_name_and_fill_in_missing_kinds() {
        for name in ["rubrics.yaml", "questions/rubrics.yml", "questions/rubrics.yaml (bundled)"] {
            assert!(is_rubrics_file(name), "{name}");
        }
        for name in ["my-rubrics.yaml", "probes.yaml", "rubrics.json"] {
            assert!(!is_rubrics_file(name), "{name}");
        }
        let mine = load_text(&format!("kinds:\n- kind: technical\n  hints: [{{label: Mine, text: mine}}]\n{ANCHORS}"))
            .unwrap();
        let bundled = crate::bank::Bank::bundled().unwrap().rubrics;
        let both = mine.or(&bundled);
        assert_eq!(both.kinds.len(), 3);
        assert_eq!(both.hints(Kind::Technical)[0].label, "Mine");
        assert_eq!(both.hints(Kind::Behavioral), bundled.hints(Kind::Behavioral));
    }
}
