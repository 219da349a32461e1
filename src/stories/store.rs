//! Where the story file lives, and adding a story to it.
//!
//! stardrill never rewrites the story file: a new story is appended (under an exclusive lock, synced),
//! and every other change is made by the user in their editor. A file stardrill creates starts with a
//! `# yaml-language-server: $schema=…` line, and the schema is written beside it, so that an editor
//! with a YAML language server completes and checks the stories.

use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::load::{MAX_FILE_BYTES, STORY_FILE};
use crate::bank::Principle;

/// Stands in for `--stories PATH`.
pub const STORIES_ENV: &str = "STARDRILL_STORIES";

/// The schema of a story file as committed under `schema/` (a test keeps it equal to the types).
pub const SCHEMA_JSON: &str = include_str!("../../schema/stories.schema.json");
/// The name of the schema written beside a story file.
pub const SCHEMA_FILE: &str = "stories.schema.json";
/// The first line of a story file stardrill creates: the schema beside it, for YAML language servers.
pub const MODELINE: &str = "# yaml-language-server: $schema=stories.schema.json";

/// `--stories PATH` (or `STARDRILL_STORIES`, folded into it by the command line), else
/// `<config dir>/stardrill/stories.yaml` (`$XDG_CONFIG_HOME/stardrill/stories.yaml` on Linux).
pub fn resolve_path(explicit: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    directories::ProjectDirs::from("", "", "stardrill")
        .map(|d| d.config_dir().join("stories.yaml"))
        .ok_or_else(|| "cannot find a home directory for the story file; pass --stories PATH".to_string())
}

/// A story id made from a title: lower-case ASCII letters and digits, words joined by hyphens, at most
/// 48 characters (`Launch under pressure!` → `launch-under-pressure`); `story` when nothing is left.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in crate::text::fold(title).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c != '\'' && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.len() > 48 {
        // Cut between words: keep a whole word that ends at the limit, drop one cut in its middle.
        let whole_word = out.as_bytes()[48] == b'-';
        out.truncate(48);
        if !whole_word && let Some(cut) = out.rfind('-').filter(|i| *i > 0) {
            out.truncate(cut);
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() { "story".to_string() } else { out.to_string() }
}

/// `base`, or `base-2`, `base-3`… the first that is not `taken`.
pub fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or_else(|| base.to_string())
}

/// A new story as appended by `story new`: a comment saying what to do, then a story that is valid as it
/// stands, each part holding a short prompt to replace.
pub fn template(id: &str, title: &str, principles: &[Principle]) -> String {
    // A JSON string is a YAML double-quoted scalar: any title reads back exactly as typed.
    let title = serde_json::to_string(title).unwrap_or_else(|_| "\"New story\"".to_string());
    let mut out = String::new();
    out.push_str(
        "# Added by `stardrill story new`: replace each part's prompt with your own story (STAR+L: situation, task,\n\
         # action, result, learning). `stardrill story validate` checks the file.\n",
    );
    out.push_str(&format!("- id: {id}\n  title: {title}\n"));
    out.push_str("  principles:          # 1 to 4 of the 16 canonical names (`stardrill principles`)\n");
    for p in principles {
        out.push_str(&format!("    - {}\n", p.name()));
    }
    out.push_str(
        "  situation: >-\n    Where and when; who was involved and what was at stake (one or two sentences).\n\
         \x20 task: >-\n    What you owned, and the goal you were measured on.\n\
         \x20 action: >-\n    What you did yourself (I, not we): the two or three decisions that mattered, and why.\n\
         \x20 result: >-\n    What changed, in numbers: for the customer, the business, the team.\n\
         \x20 learning: >-\n    What you would do differently, and where you have applied it since.\n\
         \x20 metrics: []          # the numbers the story proves, each quoted: \"cut churn from 9% to 6%\"\n\
         \x20 questions: []        # ids of bank questions it answers (`stardrill list`)\n\
         \x20 tags: []\n",
    );
    out
}

/// Where an appended story landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appended {
    /// The line of the file where the story (its `- id:`) starts.
    pub line: usize,
    /// The file did not exist, or was empty, before.
    pub created: bool,
}

/// Append `story` (a `template`) to the story file at `path`, creating it and its folders if need be
/// (the file with mode 0600, headed by the `MODELINE`). What is in the file already is never touched: a
/// last line without a line break gets one, and a blank line separates the new story. The write is one
/// `write_all` under an exclusive lock, synced before this returns.
pub fn append(path: &Path, story: &str) -> Result<Appended, String> {
    let name = path.display();
    let fail = |action: &str, e: &dyn std::fmt::Display| format!("cannot {action} story file {name}: {e}");
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        let what = crate::bank::load::not_regular(meta.file_type()).unwrap_or("a directory");
        return Err(fail("write", &format!("it is {what}, not a regular file")));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| fail("create the folder of", &e))?;
    }
    let mut options = OpenOptions::new();
    options.read(true).append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
        // A FIFO swapped in after the check above fails here instead of blocking.
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits().cast_signed());
    }
    let mut file = options.open(path).map_err(|e| fail("write", &e))?;
    if !file.metadata().map_err(|e| fail("write", &e))?.is_file() {
        return Err(fail("write", &"it is not a regular file"));
    }
    file.lock().map_err(|e| fail("lock", &e))?;
    let mut existing = Vec::new();
    (&mut file).take(MAX_FILE_BYTES + 1).read_to_end(&mut existing).map_err(|e| fail("read", &e))?;
    if existing.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(
            "add to",
            &format!("it is more than {MAX_FILE_BYTES} bytes; a {} file may be at most that", STORY_FILE.noun),
        ));
    }
    let created = existing.is_empty();
    let mut text = String::new();
    if created {
        text.push_str(MODELINE);
        text.push('\n');
    } else {
        if !existing.ends_with(b"\n") {
            text.push('\n');
        }
        text.push('\n');
    }
    let before = existing.iter().filter(|b| **b == b'\n').count();
    let id_at = story.find("- id:").unwrap_or(0);
    let line = before + text.matches('\n').count() + story[..id_at].matches('\n').count() + 1;
    text.push_str(story);
    file.write_all(text.as_bytes()).map_err(|e| fail("write", &e))?;
    file.sync_all().map_err(|e| fail("sync", &e))?;
    Ok(Appended { line, created })
}

/// Write the story schema beside the story file at `path` when it is missing or differs: it is
/// stardrill's own file, named in the `MODELINE`. Only a regular file (or none) is ever replaced.
pub fn write_schema_beside(path: &Path) -> Result<(), String> {
    let target = path.parent().unwrap_or(Path::new("")).join(SCHEMA_FILE);
    let fail = |e: &dyn std::fmt::Display| format!("cannot write the story schema {}: {e}", target.display());
    match std::fs::symlink_metadata(&target) {
        Ok(meta) if !meta.is_file() => return Err(fail(&"it is not a regular file")),
        Ok(_) if std::fs::read(&target).is_ok_and(|b| b == SCHEMA_JSON.as_bytes()) => return Ok(()),
        _ => {}
    }
    crate::atomic_file::write(&target, SCHEMA_JSON.as_bytes()).map_err(|e| fail(&e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::bank::load::Source;

    #[test]
    fn slugs_of_titles() {
        assert_eq!(slug("Launch under pressure!"), "launch-under-pressure");
        assert_eq!(slug("  The $2M   pricing call  "), "the-2m-pricing-call");
        assert_eq!(slug("Don’t ship Friday"), "dont-ship-friday");
        assert_eq!(slug("Café rollout"), "caf-rollout");
        assert_eq!(slug("日本"), "story");
        let long = slug("one two three four five six seven eight nine ten eleven twelve");
        assert_eq!(long, "one-two-three-four-five-six-seven-eight-nine-ten");
        assert!(long.len() <= 48);
        assert_eq!(slug(&format!("{} twelve", "x".repeat(50))), "x".repeat(48));
        assert_eq!(slug("a-bcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"), "a");
        assert_eq!(unique_id("a", |id| id == "a" || id == "a-2"), "a-3");
        assert_eq!(unique_id("b", |id| id == "a"), "b");
    }

    #[test]
    fn every_template_is_a_valid_story() {
        let bank = Bank::bundled().unwrap();
        let all: Vec<Principle> = Principle::all().collect();
        for (title, principles) in
            [("Launch: the \"hard\" part", &all[..]), ("x", &all[12..13]), ("\\ # 'q'", &all[..1])]
        {
            let text = template("new-story", title, principles);
            let stories = crate::stories::load_source(&Source { name: "t.yaml".into(), text }, &bank.questions)
                .unwrap_or_else(|e| panic!("{title}: {e}"));
            assert_eq!(stories.stories[0].title, title);
            assert_eq!(stories.stories[0].principles, principles);
            assert_eq!(stories.stories[0].line, 3);
        }
    }

    #[cfg(unix)]
    #[test]
    fn appending_creates_a_private_file_and_never_changes_what_is_there() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/er/stories.yaml");
        let a = template("a", "A", &[Principle::from_index(0).unwrap()]);
        let first = append(&path, &a).unwrap();
        assert_eq!(first, Appended { line: 4, created: true });
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, format!("{MODELINE}\n{a}"));
        assert_eq!(text.lines().nth(3), Some("- id: a"));
        // A file whose last line has no line break, as a hand edit may leave it.
        std::fs::write(&path, format!("{}# end", text)).unwrap();
        let b = template("b", "B", &[Principle::from_index(1).unwrap()]);
        let second = append(&path, &b).unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        assert_eq!(after, format!("{text}# end\n\n{b}"));
        assert_eq!(after.lines().nth(second.line - 1), Some("- id: b"), "{second:?}");
        assert!(!second.created);
        let stories = crate::stories::load_path(&path, &[]).unwrap();
        let ids: Vec<&str> = stories.stories.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(stories.stories[1].line, second.line);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_a_directory_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("stories.yaml");
        rustix::fs::mknodat(rustix::fs::CWD, &fifo, rustix::fs::FileType::Fifo, rustix::fs::Mode::RUSR, 0).unwrap();
        let e = append(&fifo, "- id: x\n").unwrap_err();
        assert!(e.ends_with("it is a FIFO (named pipe), not a regular file"), "{e}");
        let e = append(dir.path(), "- id: x\n").unwrap_err();
        assert!(e.ends_with("it is a directory, not a regular file"), "{e}");
    }

    #[test]
    fn the_schema_is_written_beside_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stories.yaml");
        write_schema_beside(&path).unwrap();
        let schema = dir.path().join(SCHEMA_FILE);
        assert_eq!(std::fs::read_to_string(&schema).unwrap(), SCHEMA_JSON);
        std::fs::write(&schema, "old").unwrap();
        write_schema_beside(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&schema).unwrap(), SCHEMA_JSON);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, [SCHEMA_FILE], "nothing else is left beside it");
    }
}
