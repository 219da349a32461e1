//! The Stories screen on a TestBackend at 80×24 and 120×40: the list with the selected story, one
//! story in full, the coverage matrix; no stories; a story file with problems.

use std::path::PathBuf;

use chrono::DateTime;
use ratatui::crossterm::event::KeyCode;
use stardrill::bank::Bank;
use stardrill::stories::Shelf;
use stardrill::tui::Screen;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

const STORIES: &str = "\
# yaml-language-server: $schema=stories.schema.json
- id: checkout-outage
  title: The checkout outage
  principles: [Ownership, Dive Deep]
  situation: Peak week; checkout failed for 4% of users and support queues tripled.
  task: I owned checkout reliability and had to stop the bleeding before the evening peak.
  action: |
    Rolled back the config push within 10 minutes, then traced the errors to a cache key change.
    Wrote the postmortem and added a canary stage to every config deploy.
  result: Errors back to 0.1% in 40 minutes; no repeat in the six months since.
  learning: Canary every config change, not only code.
  metrics: [4% to 0.1% errors, 40 minutes]
  questions: [decision-under-uncertainty]
- id: pricing-call
  title: The pricing call nobody wanted to make
  principles: [Customer Obsession, Ownership, Have Backbone; Disagree and Commit, Deliver Results, Think Big]
  situation: Our largest segment was churning on price.
  task: Recommend a pricing change to the VP.
  action: Built the cohort model and argued for a cut against the finance lead.
  result: Churn down from 9% to 6% in a quarter.
  learning: Bring the counter-argument's numbers myself.
  tags: [pricing]
- id: hiring-bar
  title: Raising the hiring bar
  principles: [Hire and Develop the Best]
  situation: Two bad hires in a row on my team.
  task: Fix the loop.
  action: Rewrote the rubric and trained the interviewers.
  result: Offer-accept up 20%, no regretted hire in a year.
  learning: Calibrate interviewers every quarter.
";

#[path = "common/tui_app.rs"]
mod tui_app;
use tui_app::Harness;

impl Harness {
    /// The app with `text` as the story file (None: no file).
    fn new(text: Option<&str>) -> Harness {
        let mut h = Harness::start(Bank::bundled().unwrap(), vec![], None);
        let path: PathBuf = h.dir.path().join("stories.yaml");
        if let Some(text) = text {
            std::fs::write(&path, text).unwrap();
        }
        let shelf = Shelf::load(path, &h.app.bank.questions);
        h.app.set_stories(shelf);
        h
    }

    /// Start a drill of question `number` of the bundled bank.
    fn drill(&mut self, number: u32) {
        self.drill_numbers(&[number]);
    }

    fn snapshot(&self, name: &str) {
        let dir = self.dir.path().display().to_string();
        for (w, h) in SIZES {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), self.screen(w, h).replace(&dir, "[TMP]"));
        }
    }
}

#[test]
fn the_browser_footer_shows_the_key_and_m_opens_the_list_with_the_selected_story() {
    let mut h = Harness::new(Some(STORIES));
    assert!(h.screen(80, 24).contains("m my stories"), "{}", h.screen(80, 24));
    h.press(KeyCode::Char('m'));
    assert!(matches!(h.app.screen, Screen::Stories(_)));
    h.snapshot("stories_list");
    let text = h.screen(120, 40);
    assert!(text.contains("Your stories · 3 stories"), "{text}");
    assert!(text.contains("▶The checkout outage") && text.contains("OW DD"), "{text}");
    assert!(text.contains("Peak week; checkout failed"), "the selected story beside the list:\n{text}");
    h.press(KeyCode::Down);
    let text = h.screen(120, 40);
    assert!(text.contains("Our largest segment was churning"), "{text}");
    h.press(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Browser));
}

#[test]
fn enter_shows_one_story_in_full_and_esc_goes_back_to_the_list() {
    let mut h = Harness::new(Some(STORIES));
    h.press(KeyCode::Char('m'));
    h.press(KeyCode::Enter);
    h.snapshot("stories_story");
    let text = h.screen(120, 40);
    for part in ["Situation", "Task", "Action", "Result", "Learning", "Canary every config change, not only code."] {
        assert!(text.contains(part), "{part} missing:\n{text}");
    }
    assert!(text.contains("Metrics     4% to 0.1% errors · 40 minutes"), "{text}");
    h.press(KeyCode::Esc);
    let text = h.screen(120, 40);
    assert!(text.contains("Stories (Enter: in full"), "{text}");
}

#[test]
fn tab_shows_the_coverage_matrix_with_gaps_marked_by_symbol() {
    let mut h = Harness::new(Some(STORIES));
    h.press(KeyCode::Char('m'));
    h.press(KeyCode::Tab);
    h.snapshot("stories_coverage");
    let text = h.screen(120, 40);
    // Hand-checked: Ownership has two stories (ok); Customer Obsession, Hire and Develop, Think Big, Dive
    // Deep, Backbone and Deliver Results one each (thin); the other nine none (gap).
    assert!(text.contains("✗ gap, no story (9): Invent and Simplify · Are Right, A Lot"), "{text}");
    assert!(text.contains("△ thin, one story (6): Customer Obsession · Hire and Develop the Best"), "{text}");
    assert!(text.contains("✓ ok, two or more: 1 of 16"), "{text}");
    assert!(text.contains("Stretched over more than 4 principles: pricing-call"), "{text}");
    let status = text.lines().find(|l| l.contains("status")).expect("a status row");
    assert_eq!(status.matches('✗').count(), 9, "{status}");
    assert_eq!(status.matches('△').count(), 6, "{status}");
    assert_eq!(status.matches('✓').count(), 1, "{status}");
    let row = text.lines().find(|l| l.contains("checkout-outage")).unwrap();
    assert_eq!(row.matches('●').count(), 2, "{row}");
    h.press(KeyCode::Tab);
    assert!(h.screen(80, 24).contains("Stories (Enter: in full"));
}

#[test]
fn the_story_file_is_read_off_the_start_up_path_and_arrives_with_the_next_key_or_tick() {
    let mut h = Harness::new(None);
    let late = h.dir.path().join("late.yaml");
    let shelf = || Shelf::load(late.clone(), &Bank::bundled().unwrap().questions);
    std::fs::write(h.dir.path().join("late.yaml"), STORIES).unwrap();
    let (sender, pending) = stardrill::stories::PendingShelf::channel();
    h.app.set_stories_pending(pending);
    h.press(KeyCode::Char('m'));
    assert!(matches!(h.app.screen, Screen::Browser), "not opened on stories not read yet");
    let text = h.screen(80, 24);
    assert!(text.contains("Still reading your story file; m opens your stories when it is read."), "{text}");
    sender.send(shelf()).unwrap();
    h.press(KeyCode::Char('m'));
    assert!(h.screen(80, 24).contains("Your stories · 3 stories"), "{}", h.screen(80, 24));

    // With no other key: the reader wakes the loop when it is done (the loop then ticks), so nothing
    // polls meanwhile, and `m` pressed meanwhile opens the stories once they are in, as the status
    // line said.
    let mut h = Harness::new(None);
    std::fs::write(h.dir.path().join("late.yaml"), STORIES).unwrap();
    let (sender, pending) = stardrill::stories::PendingShelf::channel();
    h.app.set_stories_pending(pending);
    assert_eq!(h.app.next_wakeup(h.now.instant), None, "no polling while the story file is read");
    h.press(KeyCode::Char('m'));
    sender.send(Shelf::load(h.dir.path().join("late.yaml"), &Bank::bundled().unwrap().questions)).unwrap();
    h.app.tick(h.now);
    let text = h.screen(80, 24);
    assert!(text.contains("Your stories · 3 stories") && !text.contains("Still reading"), "{text}");

    // A drill under way when they arrive gets them at the next clock tick.
    let mut h = Harness::new(None);
    std::fs::write(h.dir.path().join("late.yaml"), STORIES).unwrap();
    let (sender, pending) = stardrill::stories::PendingShelf::channel();
    h.app.set_stories_pending(pending);
    h.drill(1);
    assert!(!h.screen(80, 24).contains("Your stories for these principles"));
    sender.send(Shelf::load(h.dir.path().join("late.yaml"), &Bank::bundled().unwrap().questions)).unwrap();
    h.now = h.now.plus(std::time::Duration::from_secs(1));
    h.app.tick(h.now);
    assert!(h.screen(80, 24).contains("Your stories for these principles"), "{}", h.screen(80, 24));
}

#[test]
fn no_story_file_is_a_friendly_screen() {
    let mut h = Harness::new(None);
    assert!(h.app.status.is_none(), "no file is not a problem");
    h.press(KeyCode::Char('m'));
    h.snapshot("stories_empty");
    assert!(h.screen(80, 24).contains("No stories yet."));
}

#[test]
fn a_story_file_with_problems_is_said_and_drilling_goes_on() {
    let broken = STORIES.replace("[Ownership, Dive Deep]", "[Ownrship, Dive Deep]");
    let mut h = Harness::new(Some(&broken));
    let text = h.screen(80, 24);
    assert!(text.contains("Your story file has 1 problem; drilling without stories (m shows them)."), "{text}");
    h.press(KeyCode::Char('m'));
    let text = h.screen(120, 40).replace(&h.dir.path().display().to_string(), "[TMP]");
    assert!(text.contains("[TMP]/stories.yaml:4:16: story"), "{text}");
    assert!(text.contains("unknown Leadership Principle \"Ownrship\": did you mean \"Ownership\"?"), "{text}");
    assert!(text.contains("Fix the story file"), "{text}");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Enter);
    assert!(matches!(h.app.screen, Screen::Drill(_)), "drilling works without stories");
}

#[test]
fn answering_lists_your_stories_for_the_principles_and_t_picks_the_one_you_tell() {
    let mut h = Harness::new(Some(STORIES));
    // Question 1 probes Ownership, Have Backbone and Deliver Results: pricing-call shows all three,
    // checkout-outage one; hiring-bar none.
    h.drill(1);
    h.snapshot("answering_with_stories");
    let text = h.screen(80, 24);
    assert!(text.contains("Your stories for these principles · t picks the one you tell"), "{text}");
    let pricing = text.find("  The pricing call nobody wanted to make — Ownership · Have Backbone").expect(&text);
    let checkout = text.find("  The checkout outage — Ownership").expect(&text);
    assert!(pricing < checkout, "best match first:\n{text}");
    assert!(!text.contains("Raising the hiring bar"), "{text}");
    h.press(KeyCode::Char('t'));
    assert!(h.screen(80, 24).contains("▶ telling: The pricing call"), "{}", h.screen(80, 24));
    h.press(KeyCode::Char('t'));
    assert!(h.screen(80, 24).contains("▶ telling: The checkout outage"));
    h.press(KeyCode::Char('t'));
    assert!(!h.screen(80, 24).contains("▶ telling"), "after the last, none");
    h.press(KeyCode::Char('t'));
    let Screen::Drill(d) = &h.app.screen else { panic!("not in a drill") };
    assert_eq!(d.session.attempt.story.as_deref(), Some("pricing-call"));
}

#[test]
fn reveal_shows_your_story_beside_or_above_the_model_answer_and_the_record_names_it() {
    let mut h = Harness::new(Some(STORIES));
    h.drill(1);
    h.chars("tt");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char(' '));
    h.snapshot("reveal_with_story");
    let wide = h.screen(120, 40);
    assert!(wide.contains("Your story: The checkout outage"), "{wide}");
    // Beside: your Situation on the same rows as the model answer's first section.
    let row = wide.lines().find(|l| l.contains("▶ Situation")).expect(&wide);
    assert!(row.contains("[Situation] Situation: As Senior PM"), "{wide}");
    assert!(wide.contains("Learning"), "every part beside:\n{wide}");
    let narrow = h.screen(80, 24);
    assert!(narrow.contains("Your story: The checkout outage") && narrow.contains("Situation"), "{narrow}");
    assert!(!narrow.contains("Learning"), "above, only the part against the revealed one:\n{narrow}");
    h.press(KeyCode::Char('a'));
    let narrow = h.screen(80, 24);
    assert!(narrow.contains("Result") && narrow.contains("Errors back to 0.1%"), "{narrow}");
    h.press(KeyCode::Enter);
    h.chars("4352");
    let text = h.screen(80, 24);
    assert!(text.contains("Story told: The checkout outage (saved with the score)"), "{text}");
    h.press(KeyCode::Enter);
    let text = std::fs::read_to_string(&h.app.config.history_path).unwrap();
    assert!(text.trim_end().ends_with(r#""story_id":"checkout-outage"}"#), "{text}");
}

#[test]
fn without_stories_the_answering_screen_is_as_before() {
    let mut h = Harness::new(None);
    h.drill(1);
    let text = h.screen(80, 24);
    assert!(!text.contains("Your stories"), "{text}");
    assert!(text.contains("Situation: set the scene"), "the STAR reminder stays:\n{text}");
    h.press(KeyCode::Char('t'));
    let Screen::Drill(d) = &h.app.screen else { panic!("not in a drill") };
    assert_eq!(d.session.attempt.story, None);
}

#[test]
fn every_story_view_draws_at_every_size_without_panicking_and_keeps_its_way_back() {
    let mut h = Harness::new(Some(STORIES));
    let sizes: Vec<(u16, u16)> =
        (40..=130).step_by(9).flat_map(|w| (12..=45).step_by(4).map(move |ht| (w, ht))).collect();
    let check = |h: &Harness, what: &str| {
        for &(w, ht) in &sizes {
            let text = h.screen(w, ht);
            assert!(text.contains("q/Esc"), "{what} at {w}×{ht} lost its way back:\n{text}");
        }
    };
    h.press(KeyCode::Char('m'));
    check(&h, "stories list");
    h.press(KeyCode::Enter);
    check(&h, "one story");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Tab);
    check(&h, "coverage");
    h.press(KeyCode::Esc);
    h.drill(1);
    h.press(KeyCode::Char('t'));
    check(&h, "answering with stories");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char(' '));
    check(&h, "reveal beside a story");
}

#[test]
fn a_long_list_scrolls_to_its_end_in_the_list_and_the_matrix() {
    let mut text = String::new();
    for i in 0..200 {
        text.push_str(&format!(
            "- id: story-{i:03}\n  title: Story {i:03}\n  principles: [Ownership]\n  situation: s\n  task: t\n  \
             action: a\n  result: r\n  learning: l\n"
        ));
    }
    let mut h = Harness::new(Some(&text));
    h.press(KeyCode::Char('m'));
    h.press(KeyCode::End);
    let screen = h.screen(80, 24);
    assert!(screen.contains("▶Story 199"), "{screen}");
    assert!(!screen.contains("Story 000"), "{screen}");
    h.press(KeyCode::Tab);
    let screen = h.screen(120, 40);
    assert!(screen.contains("▶story-199"), "{screen}");
    assert!(
        screen.contains("✓ ok, two or more: 1 of 16") && screen.contains("△ thin, one story (0): none"),
        "{screen}"
    );
    h.press(KeyCode::Home);
    assert!(h.screen(120, 40).contains("▶story-000"));
}

/// How often each story was told, on the Stories list, and per principle on Stats' Principles panel:
/// how many stories show it, starred when the best told scores 4 or more.
#[test]
fn told_counts_on_the_list_and_stories_per_principle_on_stats() {
    let mut h = Harness::new(Some(STORIES));
    let bank = Bank::bundled().unwrap();
    let q = bank.get("1").unwrap();
    let told = |story: &str, at: &str, scores: [u8; 4]| stardrill::history::Record {
        story_id: Some(story.to_string()),
        ..stardrill::history::Record::of_question(
            q,
            "s",
            DateTime::parse_from_rfc3339(at).unwrap(),
            stardrill::history::Scores::from_parts(scores),
        )
    };
    // checkout-outage told twice: 4.50 and 3.50, mean 4.00; pricing-call once: 2.00.
    let records = vec![
        told("checkout-outage", "2026-11-20T10:00:00Z", [5, 5, 4, 4]),
        told("checkout-outage", "2026-11-21T10:00:00Z", [4, 4, 3, 3]),
        told("pricing-call", "2026-11-22T10:00:00Z", [2, 2, 2, 2]),
    ];
    h.app.set_history_loading();
    let index = stardrill::history_index::HistoryIndex::of_records(records, h.app.config.zone);
    let _ = h.app.history_loaded(Ok(index));
    h.chars("m");
    let small = h.screen(40, 12);
    assert!(small.contains("Told") && small.contains("2× 4.00"), "the smallest screen keeps the column:\n{small}");
    let text = h.screen(120, 40);
    assert!(text.contains(" 2× 4.00"), "checkout-outage: {text}");
    assert!(text.contains(" 1× 2.00"), "pricing-call: {text}");
    assert!(text.contains("never"), "hiring-bar was never told: {text}");
    h.press(KeyCode::Esc);
    h.chars("s");
    h.press(KeyCode::Tab);
    let text = h.screen(120, 40);
    let row = |name: &str| text.lines().find(|l| l.contains(name)).unwrap_or_default().to_string();
    // Ownership: checkout-outage (4.00) and pricing-call: 2 stories, the best at 4 → starred.
    assert!(row("Ownership").contains("2 ★"), "{}", row("Ownership"));
    // Customer Obsession: pricing-call only (2.00): 1, no star. Frugality: none.
    assert!(row("Customer Obsession").contains("1  "), "{}", row("Customer Obsession"));
    assert!(!row("Customer Obsession").contains('★'));
    assert!(row("Frugality").contains("      – never"), "{}", row("Frugality"));
    assert!(text.contains("Stories Last"), "the column's header: {text}");
}
