//! `stardrill export`: the study pack, read back with a Markdown parser (pulldown-cmark) the way a
//! viewer reads it.

use assert_cmd::Command;
use chrono::DateTime;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::Value;
use stardrill::bank::Bank;
use stardrill::history::store;
use stardrill::history::{Record, Scores};

/// A note written to break the document every way Markdown allows.
const HOSTILE: &str = "# x\n</details>\n```\n| a | b |\n|---|---|\n<script>alert(1)</script>\n[link](http://e.com) \
                       *not bold* &amp; \x1b[2J\n---\n1. not a list";

const STORIES: &str = "\
- id: checkout-outage
  title: The checkout outage
  principles: [Ownership, Dive Deep]
  situation: Peak week; checkout failed for 4% of users.
  task: I owned checkout reliability.
  action: Rolled back, then found the cache bug.
  result: Errors back to 0.1% in 40 minutes.
  learning: Canary every config change.
  metrics: [4% to 0.1% errors]
- id: frugal-launch
  title: The frugal launch
  principles: [Frugality]
  situation: s
  task: t
  action: a
  result: r
  learning: l
";

struct Setup {
    _dir: tempfile::TempDir,
    history: std::path::PathBuf,
    stories: std::path::PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("history.jsonl");
    let stories = dir.path().join("stories.yaml");
    std::fs::write(&stories, STORIES).unwrap();
    let bank = Bank::bundled().unwrap();
    let q1 = bank.find("1").unwrap();
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    for (day, scores, note) in [
        ("2026-11-01T12:00:00+00:00", [2, 2, 3, 2], "first go"),
        ("2026-11-02T12:00:00+00:00", [3, 3, 3, 3], ""),
        ("2026-11-03T12:00:00+00:00", [4, 3, 4, 2], HOSTILE),
    ] {
        let record = Record { note: note.into(), ..Record::of_question(q1, "s1", at(day), Scores::from_parts(scores)) };
        store::append(&history, &record).unwrap();
    }
    Setup { _dir: dir, history, stories }
}

fn stardrill(s: &Setup) -> Command {
    let mut cmd = Command::cargo_bin("stardrill").unwrap();
    cmd.env_remove("STARDRILL_BANK")
        .env("STARDRILL_HISTORY", &s.history)
        .env("STARDRILL_STORIES", &s.stories)
        .env("TZ", "UTC");
    cmd
}

fn run(s: &Setup, args: &[&str]) -> String {
    let out = stardrill(s).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// What a viewer shows: headings (level, text), every text shown (joined), and the raw HTML and code
/// blocks it would pass through (there must be none from data).
#[derive(Default, Debug)]
struct Read {
    headings: Vec<(HeadingLevel, String)>,
    text: String,
    html: Vec<String>,
    code_blocks: usize,
    tables: usize,
    links: Vec<String>,
}

fn read(md: &str) -> Read {
    let mut r = Read::default();
    let mut heading: Option<(HeadingLevel, String)> = None;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => r.headings.extend(heading.take()),
            Event::Start(Tag::CodeBlock(_)) => r.code_blocks += 1,
            Event::Start(Tag::Table(_)) => r.tables += 1,
            Event::Start(Tag::Link { dest_url, .. }) => r.links.push(dest_url.to_string()),
            Event::Html(h) | Event::InlineHtml(h) => r.html.push(h.to_string()),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                }
                r.text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => r.text.push('\n'),
            _ => {}
        }
    }
    r
}

fn h(level: HeadingLevel, text: &str) -> (HeadingLevel, String) {
    (level, text.to_string())
}

#[test]
fn every_question_is_in_the_pack_with_its_answer_by_star_part() {
    let s = setup();
    let md = run(&s, &["export"]);
    let r = read(&md);
    let bank = Bank::bundled().unwrap();
    assert_eq!(r.headings[0], h(HeadingLevel::H1, "stardrill study pack"));
    assert_eq!(r.headings[1], h(HeadingLevel::H2, "Contents"));
    let h2: Vec<&str> =
        r.headings.iter().filter(|(l, _)| *l == HeadingLevel::H2).skip(1).map(|(_, t)| t.as_str()).collect();
    let want: Vec<String> = bank.questions.iter().map(|q| format!("{}. {}", q.number, q.title)).collect();
    assert_eq!(h2, want);
    // The contents link to each question's heading.
    assert_eq!(r.links.len(), bank.questions.len());
    assert_eq!(r.links[0], "#1-cross-functional-stakeholder-alignment-at-scale-principal-pm-level");
    // Each question: its prompt, its principles, and every line of its model answer, verbatim.
    for q in &bank.questions {
        assert!(r.text.contains(q.prompt.trim()), "prompt of {}", q.id);
        let names: Vec<&str> = q.principles.iter().map(|p| p.name()).collect();
        assert!(r.text.contains(&names.join(" · ")), "principles of {}", q.id);
        for section in &q.answer {
            section.block.walk(&mut |_, part| {
                let line = match part {
                    stardrill::bank::Part::Bullet(b) => b.text().to_string(),
                    stardrill::bank::Part::Paragraph(p) => p.to_string(),
                    stardrill::bank::Part::Heading { heading, .. } => heading.to_string(),
                };
                assert!(r.text.contains(line.trim()), "{}: {line}", q.id);
            });
        }
    }
    let h4: Vec<&str> =
        r.headings.iter().filter(|(l, _)| *l == HeadingLevel::H4).take(4).map(|(_, t)| t.as_str()).collect();
    assert_eq!(h4, ["Situation", "Task", "Action", "Result"]);
    assert!(r.html.is_empty() && r.code_blocks == 0, "{:?}", r.html);
    // Nothing asked for, nothing personal in it.
    assert!(!md.contains("Your stories") && !md.contains("Your last scores"));
}

#[test]
fn filters_choose_the_questions() {
    let s = setup();
    let listed: Value = serde_json::from_str(&run(&s, &["list", "--level", "L7", "--json"])).unwrap();
    let want: Vec<String> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|q| format!("{}. {}", q["number"], q["title"].as_str().unwrap()))
        .collect();
    let r = read(&run(&s, &["export", "--md", "--level", "L7"]));
    let h2: Vec<String> =
        r.headings.iter().filter(|(l, _)| *l == HeadingLevel::H2).skip(1).map(|(_, t)| t.clone()).collect();
    assert_eq!(h2, want);
    let r = read(&run(&s, &["export", "--id", "5", "--id", "cross-org-influence"]));
    let h2: Vec<&str> =
        r.headings.iter().filter(|(l, _)| *l == HeadingLevel::H2).skip(1).map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        h2,
        ["5. Data-Driven Decision Making Under Extreme Uncertainty", "8. Cross-Business Unit Leadership and Influence"]
    );
    let out = stardrill(&s).args(["export", "--level", "L5", "--id", "1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("no question matches level L5 · questions 1: nothing to export"), "{e}");
}

#[test]
fn a_hostile_note_stays_text_beside_the_stories_and_scores() {
    let s = setup();
    let md = run(&s, &["export", "--id", "1", "--with-history", "--with-stories"]);
    let r = read(&md);
    // The document's own structure, and nothing the note could add to it.
    let headings: Vec<&str> = r.headings.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        headings,
        [
            "stardrill study pack",
            "Contents",
            "1. Cross-Functional Stakeholder Alignment at Scale (Principal PM Level)",
            "Question",
            "Model answer",
            "Situation",
            "Task",
            "Action",
            "Result",
            "Your stories for these principles",
            "The checkout outage",
            "Your last scores",
        ]
    );
    assert!(r.html.is_empty(), "raw HTML got through: {:?}", r.html);
    assert_eq!(r.code_blocks, 0, "a code block was opened");
    assert_eq!(r.tables, 1, "only the scores table");
    assert_eq!(r.links.len(), 1, "only the contents link: {:?}", r.links);
    // Every line of the note is shown as written (the escape shown as ^[, never sent).
    for line in HOSTILE.replace('\x1b', "^[").lines() {
        assert!(r.text.contains(line), "note line {line:?} not shown as text:\n{}", r.text);
    }
    assert!(!md.contains('\x1b'));
    // The story for Ownership, and not the one for Frugality.
    assert!(r.text.contains("Rolled back, then found the cache bug.") && r.text.contains("4% to 0.1% errors"));
    assert!(!r.text.contains("The frugal launch"));
    // The last scores, newest first, with the notes.
    assert!(r.text.contains("3 attempts, newest first:"), "{}", r.text);
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| 2026-")).collect();
    assert_eq!(
        rows,
        [
            "| 2026-11-03 12:00 | 4 | 3 | 4 | 2 | 3.25 | 00:00 |",
            "| 2026-11-02 12:00 | 3 | 3 | 3 | 3 | 3.00 | 00:00 |",
            "| 2026-11-01 12:00 | 2 | 2 | 3 | 2 | 2.25 | 00:00 |",
        ]
    );
    assert!(r.text.contains("first go"));
}

#[test]
fn json_and_a_file() {
    let s = setup();
    let v: Value = serde_json::from_str(&run(&s, &["export", "--json", "--id", "1", "--with-history"])).unwrap();
    let q = &v["questions"][0];
    assert_eq!(q["id"], "stakeholder-alignment-at-scale");
    assert_eq!(q["answer"][0]["star"], "situation");
    assert_eq!(q["history"]["attempts"], 3);
    assert_eq!(q["history"]["last"][0]["note"], HOSTILE, "JSON keeps the note exactly");
    assert!(q.get("stories").is_none());

    let file = s.history.with_file_name("pack.md");
    let out = stardrill(&s).args(["export", "--level", "L7", "-o"]).arg(&file).output().unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let listed: Value = serde_json::from_str(&run(&s, &["list", "--level", "L7", "--json"])).unwrap();
    let n = listed.as_array().unwrap().len();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.starts_with(&format!("wrote {n} questions to ")), "{said}");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.starts_with("# stardrill study pack\n"));
    let leftovers: Vec<_> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    // A target linked elsewhere is written where it lives; the link stays a link.
    #[cfg(unix)]
    {
        let kept = s.history.with_file_name("synced-pack.md");
        let link = s.history.with_file_name("pack-link.md");
        std::fs::write(&kept, "old").unwrap();
        std::os::unix::fs::symlink(&kept, &link).unwrap();
        let out = stardrill(&s).args(["export", "--id", "1", "-o"]).arg(&link).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "still a link");
        assert!(std::fs::read_to_string(&kept).unwrap().starts_with("# stardrill study pack\n"));
    }
    let out = stardrill(&s).args(["export", "-o", "/nonexistent-dir/pack.md"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("cannot write the export to /nonexistent-dir/pack.md"), "{e}");
}
