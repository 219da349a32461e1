//! Reading and validating a story file into `Stories`, every problem with file:line:column.
//!
//! The same rules as a bank file (`bank::load`), through the same functions: a regular UTF-8 file of at
//! most 1 MiB, read without blocking; no control characters; no aliases; unknown keys reported at
//! their key. An empty file, or one holding only comments, has no stories.

use std::collections::HashMap;
use std::path::Path;

use super::schema::StoryYaml;
use super::{Stories, Story};
use crate::bank::Principle;
use crate::bank::load::{
    Ctx, FileKind, LoadError, Problem, Source, is_slug, keep_within_files, place, problem, raw_controls, read_file,
    shape_error, syntax_error_pos, without_position,
};
use crate::bank::principle::edit_distance;
use crate::bank::schema::field_names;
use crate::bank::yaml_positions::{self, Pos};

/// Story files larger than this are refused while reading: a hundred long stories take ~200 KiB.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

pub(crate) const STORY_FILE: FileKind = FileKind {
    noun: "story",
    is: "a story file is a .yaml file (see `stardrill story --help`)",
    max_bytes: MAX_FILE_BYTES,
};

/// More principles than this on one story, and it is stretched too thin to convince on any of them.
pub const MAX_PRINCIPLES: usize = 4;

/// Read a story file. A file that does not exist is `Ok(None)`: nobody has written a story yet.
pub fn read(path: &Path) -> Result<Option<Source>, LoadError> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    read_file(path, STORY_FILE).map(Some).map_err(|p| LoadError { problems: vec![p] })
}

/// Read and validate the story file at `path`, checking the question ids it cites against `known`
/// (the loaded bank's questions). A missing file has no stories.
pub fn load_path(path: &Path, known: &[crate::bank::Question]) -> Result<Stories, LoadError> {
    match read(path)? {
        Some(source) => load_source(&source, known),
        None => Ok(Stories::default()),
    }
}

/// Parse and validate a story text.
pub fn load_source(source: &Source, known: &[crate::bank::Question]) -> Result<Stories, LoadError> {
    let name = &source.name;
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    let fail = |mut problems: Vec<Problem>| {
        keep_within_files(&mut problems, std::slice::from_ref(source));
        Err(LoadError { problems })
    };
    let controls = raw_controls(name, text, STORY_FILE);
    if !controls.is_empty() {
        return fail(controls);
    }
    let positions = match yaml_positions::scan(text) {
        Ok(p) => p,
        Err(e) => {
            let pos = syntax_error_pos(text, e.pos);
            return fail(vec![problem(name, Some(pos), format!("YAML syntax error: {}", e.message))]);
        }
    };
    if !positions.has_content {
        return Ok(Stories::default());
    }
    if let Some(first) = positions.aliases.first() {
        let n = positions.aliases.len();
        let count = if n == 1 { String::new() } else { format!(" ({n} aliases in the file)") };
        return fail(vec![problem(
            name,
            Some(*first),
            format!(
                "YAML alias (*name) found{count}: aliases are not allowed in a story file; write the value out in full"
            ),
        )]);
    }
    let value: serde_yaml::Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let location = e.location();
            let pos = location.as_ref().map(|l| Pos { line: l.line(), column: l.column() });
            return fail(vec![problem(name, pos, format!("YAML syntax error: {}", without_position(&e, location)))]);
        }
    };
    let items = match &value {
        serde_yaml::Value::Null => return Ok(Stories::default()),
        serde_yaml::Value::Sequence(items) => items,
        other => {
            return fail(vec![problem(
                name,
                positions.of(""),
                format!(
                    "the file holds {}: expected a list of stories, each starting with `- id:` (see `stardrill story \
                     new`)",
                    what(other)
                ),
            )]);
        }
    };
    let ctx = Ctx { file: name, text, positions: &positions };
    let mut problems = Vec::new();
    let mut stories = Vec::new();
    let mut ids: HashMap<String, Option<Pos>> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let path = i.to_string();
        let Some(story) = read_story(&ctx, i, item, &mut problems) else { continue };
        let label = label(i, &story.id);
        if is_slug(&story.id) {
            let at = positions.of(&format!("{path}.id"));
            if let Some(other) = ids.get(&story.id) {
                problems.push(ctx.at(
                    &format!("{path}.id"),
                    format!("{label}: duplicate id \"{}\": also used at {}", story.id, place(name, *other)),
                ));
            } else {
                ids.insert(story.id.clone(), at);
            }
        }
        if let Some(story) = validate(&ctx, i, &label, story, known, &mut problems) {
            stories.push(story);
        }
    }
    if !problems.is_empty() {
        return fail(problems);
    }
    Ok(Stories { stories })
}

/// `a mapping`, `a string`: what a top-level value is, for a message.
fn what(value: &serde_yaml::Value) -> &'static str {
    match value {
        serde_yaml::Value::Mapping(_) => "a mapping",
        serde_yaml::Value::String(_) => "a string",
        serde_yaml::Value::Number(_) => "a number",
        serde_yaml::Value::Bool(_) => "a boolean",
        _ => "a single value",
    }
}

/// `story "launch-under-pressure"` when the id reads, else `story 3` (its place in the file).
fn label(index: usize, id: &str) -> String {
    if is_slug(id) { format!("story \"{id}\"") } else { format!("story {}", index + 1) }
}

/// One story read into its schema: unknown keys are reported each at its key, and the story is still
/// read without them, so that its other problems are found too.
fn read_story(ctx: &Ctx, index: usize, value: &serde_yaml::Value, problems: &mut Vec<Problem>) -> Option<StoryYaml> {
    let path = index.to_string();
    let id = value.get("id").and_then(serde_yaml::Value::as_str).unwrap_or_default();
    let label = label(index, id);
    let mut known_only = value.clone();
    if let Some(map) = known_only.as_mapping_mut() {
        let known = field_names::<StoryYaml>();
        let unknown: Vec<serde_yaml::Value> =
            map.keys().filter(|k| !k.as_str().is_some_and(|k| known.contains(&k))).cloned().collect();
        for key in unknown {
            let shown = key.as_str().map_or_else(|| "(not text)".to_string(), |k| crate::text::visible_line(k).into());
            let expected: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            let message = format!("{label}: unknown field `{shown}`, expected one of {}", expected.join(", "));
            let at = ctx.positions.key_of(&format!("{path}.{}", key.as_str().unwrap_or("?")));
            problems.push(match at {
                Some(pos) => problem(ctx.file, Some(pos), message),
                None => ctx.at(&path, message),
            });
            map.remove(&key);
        }
    }
    match serde_path_to_error::deserialize::<_, StoryYaml>(&known_only) {
        Ok(story) => Some(story),
        Err(e) => {
            let (at, message) = shape_error(&path, &e);
            problems.push(ctx.at(&at, format!("{label}: {message}")));
            None
        }
    }
}

fn validate(
    ctx: &Ctx,
    index: usize,
    label: &str,
    s: StoryYaml,
    known: &[crate::bank::Question],
    problems: &mut Vec<Problem>,
) -> Option<Story> {
    let path = index.to_string();
    let before = problems.len();
    if !is_slug(&s.id) {
        problems.push(ctx.at(
            &format!("{path}.id"),
            format!(
                "{label}: bad id \"{}\": expected lower-case letters, digits and hyphens, such as \
                 launch-under-pressure",
                crate::text::visible_line(&s.id)
            ),
        ));
    }
    let one_line = [("title", &s.title)];
    let block = [
        ("situation", &s.situation),
        ("task", &s.task),
        ("action", &s.action),
        ("result", &s.result),
        ("learning", &s.learning),
    ];
    for (field, value, is_line) in
        one_line.iter().map(|(f, v)| (f, v, true)).chain(block.iter().map(|(f, v)| (f, v, false)))
    {
        let at = format!("{path}.{field}");
        if value.trim().is_empty() {
            problems.push(ctx.at(&at, format!("{label}: `{field}` is empty: expected text")));
        } else {
            problems.extend(ctx.controls(&at, &format!("{label}: `{field}`"), value, is_line));
        }
    }
    for (field, values) in [("metrics", &s.metrics), ("tags", &s.tags)] {
        for (i, value) in values.iter().enumerate() {
            let at = format!("{path}.{field}.{i}");
            if value.trim().is_empty() {
                problems.push(ctx.at(&at, format!("{label}: an entry of `{field}` is empty: expected text")));
            } else {
                problems.extend(ctx.controls(&at, &format!("{label}: an entry of `{field}`"), value, true));
            }
        }
    }
    let principles = principles(ctx, &path, label, &s.principles, problems);
    for (i, id) in s.questions.iter().enumerate() {
        let at = format!("{path}.questions.{i}");
        if let Some(p) = ctx.controls(&at, &format!("{label}: a question id"), id, true) {
            problems.push(p);
        } else if !known.iter().any(|q| q.id == *id) {
            let hint = match suggest_question(id, known) {
                Some(q) => format!("did you mean \"{q}\"?"),
                None => "expected the id of a question in the bank (see `stardrill list`)".to_string(),
            };
            problems.push(ctx.at(&at, format!("{label}: unknown question id \"{id}\": {hint}")));
        }
    }
    if problems.len() > before {
        return None;
    }
    let line = ctx.positions.of(&path).map_or(1, |p| p.line);
    Some(Story {
        id: s.id,
        title: s.title,
        principles,
        situation: s.situation,
        task: s.task,
        action: s.action,
        result: s.result,
        learning: s.learning,
        metrics: s.metrics,
        questions: s.questions,
        tags: s.tags,
        line,
    })
}

/// The principles of a story: at least one, each a canonical name (the bank's matching: case and curly
/// apostrophes aside), none twice.
fn principles(ctx: &Ctx, path: &str, label: &str, names: &[String], problems: &mut Vec<Problem>) -> Vec<Principle> {
    let mut found = Vec::new();
    if names.is_empty() {
        problems.push(ctx.at(
            &format!("{path}.principles"),
            format!("{label}: no principles: expected at least one of the 16 Leadership Principles"),
        ));
    }
    for (i, name) in names.iter().enumerate() {
        let at = format!("{path}.principles.{i}");
        if let Some(p) = ctx.controls(&at, &format!("{label}: a principle"), name, true) {
            problems.push(p);
            continue;
        }
        match Principle::from_name(name) {
            Some(p) if found.contains(&p) => problems.push(ctx.at(&at, format!("{label}: \"{name}\" is listed twice"))),
            Some(p) => found.push(p),
            None => {
                // A misspelt name, or a slug or word as the command line takes them (`backbone`).
                let hint = match Principle::suggest(name).or_else(|| Principle::lookup(name).ok()) {
                    Some(p) => format!("did you mean \"{}\"?", p.name()),
                    None => "expected one of the 16 canonical names (see `stardrill principles`)".to_string(),
                };
                problems.push(ctx.at(&at, format!("{label}: unknown Leadership Principle \"{name}\": {hint}")));
            }
        }
    }
    found
}

/// The bank question id closest to a mistyped one, when it is close: a few letters off, or the id of
/// the question numbered as written (`3`).
fn suggest_question<'a>(id: &str, known: &'a [crate::bank::Question]) -> Option<&'a str> {
    if let Ok(n) = id.trim().trim_start_matches('#').parse::<u32>() {
        return known.iter().find(|q| q.number == n).map(|q| q.id.as_str());
    }
    let budget = (id.len() / 4).clamp(2, 6);
    known
        .iter()
        .map(|q| (edit_distance(&q.id, id), q.id.as_str()))
        .filter(|(d, _)| *d <= budget)
        .min_by_key(|(d, _)| *d)
        .map(|(_, id)| id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;

    fn bank() -> Bank {
        Bank::bundled().unwrap()
    }

    fn load(text: &str) -> Result<Stories, LoadError> {
        load_source(&Source { name: "stories.yaml".into(), text: text.into() }, &bank().questions)
    }

    /// The problems, one `line:col: message` each.
    fn problems(text: &str) -> Vec<String> {
        load(text).unwrap_err().problems.iter().map(ToString::to_string).collect()
    }

    const ONE: &str = "\
- id: checkout-outage
  title: The checkout outage
  principles: [Ownership, Dive Deep]
  situation: Peak week; checkout failed for 4% of users.
  task: I owned checkout reliability.
  action: |
    Rolled back, then found the cache bug.
    Wrote the postmortem.
  result: Errors back to 0.1% in 40 minutes.
  learning: Canary every config change.
  metrics: [4% to 0.1% errors, 40 minutes]
  questions: [decision-under-uncertainty]
  tags: [ops]
";

    #[test]
    fn a_story_reads_with_every_part() {
        let stories = load(ONE).unwrap();
        assert_eq!(stories.stories.len(), 1);
        let s = &stories.stories[0];
        assert_eq!(s.id, "checkout-outage");
        assert_eq!(
            s.principles,
            [Principle::from_name("Ownership").unwrap(), Principle::from_name("Dive Deep").unwrap()]
        );
        assert_eq!(s.action, "Rolled back, then found the cache bug.\nWrote the postmortem.\n");
        assert_eq!(s.metrics, ["4% to 0.1% errors", "40 minutes"]);
        assert_eq!(s.questions, ["decision-under-uncertainty"]);
        assert_eq!(s.line, 1);
    }

    #[test]
    fn empty_files_have_no_stories() {
        for text in ["", "\n\n", "# my stories\n# none yet\n", "\u{feff}", "[]\n", "~\n"] {
            assert_eq!(load(text).unwrap().stories.len(), 0, "{text:?}");
        }
    }

    #[test]
    fn problems_name_line_and_column_with_a_did_you_mean() {
        let text = format!(
            "{ONE}- id: launch\n  title: Launch\n  principles:\n    - Customer Obssession\n    - backbone\n    \
             - Synergy\n  situation: s\n  task: t\n  action: a\n  result: r\n  learning: l\n  questions: \
             [decision-under-uncertanty, \"3\", nothing-like-it]\n"
        );
        assert_eq!(
            problems(&text),
            [
                "stories.yaml:17:7: story \"launch\": unknown Leadership Principle \"Customer Obssession\": did you mean \
                 \"Customer Obsession\"?",
                "stories.yaml:18:7: story \"launch\": unknown Leadership Principle \"backbone\": did you mean \"Have \
                 Backbone; Disagree and Commit\"?",
                "stories.yaml:19:7: story \"launch\": unknown Leadership Principle \"Synergy\": expected one of the 16 \
                 canonical names (see `stardrill principles`)",
                "stories.yaml:25:15: story \"launch\": unknown question id \"decision-under-uncertanty\": did you mean \
                 \"decision-under-uncertainty\"?",
                "stories.yaml:25:42: story \"launch\": unknown question id \"3\": did you mean \
                 \"prime-video-content-strategy\"?",
                "stories.yaml:25:47: story \"launch\": unknown question id \"nothing-like-it\": expected the id of a \
                 question in the bank (see `stardrill list`)",
            ]
        );
    }

    #[test]
    fn unknown_fields_are_each_reported_at_their_key_and_the_rest_is_checked() {
        let text = ONE
            .replace("  tags: [ops]\n", "  tags: [ops]\n  lesson: x\n  sitaution: y\n")
            .replace("task: I owned checkout reliability.", "task: \"\"");
        assert_eq!(
            problems(&text),
            [
                "stories.yaml:14:3: story \"checkout-outage\": unknown field `lesson`, expected one of `id`, `title`, \
                 `principles`, `situation`, `task`, `action`, `result`, `learning`, `metrics`, `questions`, `tags`",
                "stories.yaml:15:3: story \"checkout-outage\": unknown field `sitaution`, expected one of `id`, \
                 `title`, `principles`, `situation`, `task`, `action`, `result`, `learning`, `metrics`, \
                 `questions`, `tags`",
                "stories.yaml:5:9: story \"checkout-outage\": `task` is empty: expected text",
            ]
        );
    }

    #[test]
    fn duplicate_ids_bad_ids_missing_parts_and_no_principles() {
        let text = format!(
            "{ONE}{}- id: Bad Id\n  title: x\n  principles: []\n  situation: s\n  task: t\n  action: a\n  result: \
             r\n  learning: l\n- id: short\n  title: x\n  principles: [Ownership]\n  situation: s\n",
            ONE.replace("The checkout", "Again the checkout")
        );
        assert_eq!(
            problems(&text),
            [
                "stories.yaml:14:7: story \"checkout-outage\": duplicate id \"checkout-outage\": also used at \
                 stories.yaml:1:7",
                "stories.yaml:27:7: story 3: bad id \"Bad Id\": expected lower-case letters, digits and hyphens, such \
                 as launch-under-pressure",
                "stories.yaml:29:15: story 3: no principles: expected at least one of the 16 Leadership Principles",
                "stories.yaml:35:3: story \"short\": missing field `task`",
            ]
        );
    }

    #[test]
    fn the_file_must_be_a_list_of_mappings() {
        assert_eq!(
            problems("id: x\ntitle: y\n"),
            [
                "stories.yaml:1:1: the file holds a mapping: expected a list of stories, each starting with `- id:` (see \
              `stardrill story new`)"
            ]
        );
        let p = problems("- just text\n");
        assert_eq!(p.len(), 1);
        assert!(
            p[0].starts_with("stories.yaml:1:3: story 1: invalid type: string \"just text\", expected a story"),
            "{p:?}"
        );
    }

    #[test]
    fn syntax_errors_aliases_and_control_characters_are_refused_with_a_position() {
        let p = problems("- id: a\n  title: [x\n");
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("stories.yaml:") && p[0].contains("YAML syntax error"), "{p:?}");
        let p = problems(&ONE.replace("task: I owned", "task: &t I owned").replace("tags: [ops]", "tags: [*t]"));
        assert_eq!(
            p,
            ["stories.yaml:13:10: YAML alias (*name) found: aliases are not allowed in a story file; write the value \
              out in full"]
        );
        let p = problems(&ONE.replace("The checkout", "The \u{1b}[2J checkout"));
        assert_eq!(
            p,
            [
                "stories.yaml:2:14: control character ^[ (U+001B) in the file: a story may hold only printable text, line \
              breaks and tabs"
            ]
        );
        let p = problems(&ONE.replace("The checkout outage", "\"The \\e checkout\""));
        assert_eq!(
            p,
            ["stories.yaml:2:10: story \"checkout-outage\": `title` holds control character ^[ (U+001B) at character \
              5: a one-line field takes printable text only: no line breaks, tabs or other control characters"]
        );
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        assert_eq!(load(&format!("\u{feff}{ONE}")).unwrap().stories.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn fifos_are_refused_without_blocking_and_missing_files_have_no_stories() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("stories.yaml");
        assert_eq!(load_path(&missing, &[]).unwrap().stories.len(), 0);
        rustix::fs::mknodat(rustix::fs::CWD, &missing, rustix::fs::FileType::Fifo, rustix::fs::Mode::RUSR, 0).unwrap();
        let e = load_path(&missing, &[]).unwrap_err().to_string();
        assert!(
            e.ends_with(
                "stories.yaml: a FIFO (named pipe), not a regular file: a story file is a .yaml file (see \
                         `stardrill story --help`)"
            ),
            "{e}"
        );
        let big = dir.path().join("big.yaml");
        std::fs::write(&big, vec![b'#'; usize::try_from(MAX_FILE_BYTES).unwrap() + 1]).unwrap();
        let e = load_path(&big, &[]).unwrap_err().to_string();
        assert!(
            e.ends_with("file is more than 1048576 bytes; a story file may be at most 1048576 bytes (1 MiB)"),
            "{e}"
        );
    }
}
