//! Every screen drawn on a TestBackend at 80×24 and 120×40, driven by key presses with a fake clock.

use std::time::Duration;

use chrono::DateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use stardrill::bank::Bank;
use stardrill::clock::Zone;
use stardrill::history::Record;
use stardrill::tui::{App, Effect, Screen};

#[path = "common/tui_app.rs"]
mod tui_app;
use tui_app::{Harness, Saving};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

impl Harness {
    /// The amazon-pm bank over `history`.
    fn new(history: Vec<Record>) -> Harness {
        Harness::start(Bank::bundled().unwrap().only_banks(&["amazon-pm"]), history, None)
    }

    fn drill(&mut self, numbers: &[u32]) {
        self.drill_numbers(numbers);
    }

    /// Drill question `number` alone: answer, reveal all, score with `scores` (four digits) and save.
    fn drill_and_save(&mut self, number: u32, scores: &str) {
        self.drill(&[number]);
        if self.app.ctx() == stardrill::tui::keys::Ctx::Ready {
            // Drilled before: its last answer is shown until Enter starts the clock.
            self.press(KeyCode::Enter);
        }
        self.press(KeyCode::Enter);
        self.chars("a");
        self.press(KeyCode::Enter);
        self.chars(scores);
        self.press(KeyCode::Enter);
    }

    fn snapshot(&self, name: &str) {
        let dir = self.dir.path().display().to_string();
        for (w, h) in SIZES {
            // The temporary history path differs per run.
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), self.screen(w, h).replace(&dir, "[TMP]"));
        }
    }
}

#[test]
fn browser() {
    let h = Harness::new(vec![]);
    h.snapshot("browser");
    let text = h.screen(80, 24);
    assert!(text.contains("10 of 10 questions"));
    assert!(text.contains("▶ 1 Cross-Functional"), "the first question is selected:\n{text}");
}

#[test]
fn browser_level_filter_and_search() {
    let mut h = Harness::new(vec![]);
    h.chars("ll");
    let text = h.screen(120, 40);
    assert!(text.contains("Level: L7") && text.contains("4 of 10 questions"), "{text}");
    h.snapshot("browser_level_l7");
    h.chars("c/graviton");
    let text = h.screen(120, 40);
    assert!(text.contains("1 of 10 questions") && text.contains("AWS Technical Product Lifecycle"), "{text}");
    h.press(KeyCode::Enter);
    h.snapshot("browser_search");
    h.chars("/zzz");
    assert!(h.screen(80, 24).contains("No questions match"));
    h.press(KeyCode::Esc);
    assert!(h.screen(80, 24).contains("1 of 10 questions"), "Esc puts the search back");
}

#[test]
fn principle_picker() {
    let mut h = Harness::new(vec![]);
    h.press(KeyCode::Char('p'));
    h.snapshot("principle_picker");
    // Row 0 is "All principles"; row 13 is Have Backbone; Disagree and Commit.
    for _ in 0..13 {
        h.press(KeyCode::Down);
    }
    h.press(KeyCode::Enter);
    let text = h.screen(120, 40);
    assert!(text.contains("Principle: Have Backbone; Disagree and Commit"), "{text}");
    assert!(text.contains("2 of 10 questions"), "{text}");
}

#[test]
fn help_overlay() {
    let mut h = Harness::new(vec![]);
    h.press(KeyCode::Char('?'));
    h.snapshot("help_browser");
    h.press(KeyCode::Char('?'));
    assert!(!h.screen(80, 24).contains("Question browser keys"));
}

#[test]
fn answering_clock_normal_warning_paused_and_overtime() {
    let mut h = Harness::new(vec![]);
    h.drill(&[1]);
    h.snapshot("answering_start");
    assert!(h.screen(80, 24).contains("03:00 left of 03:00"));
    h.wait(150);
    assert!(h.screen(80, 24).contains("00:30 left of 03:00"), "last 20%: warning");
    h.press(KeyCode::Char(' '));
    h.wait(40);
    let text = h.screen(80, 24);
    assert!(text.contains("PAUSED · paused 00:40") && text.contains("00:30 left"), "{text}");
    h.press(KeyCode::Char(' '));
    h.wait(47);
    h.snapshot("answering_overtime");
    assert!(h.screen(80, 24).contains("+00:17 over time"));
}

/// Situation 50 s, Task 10 s, a 30 s pause, Action 40 s, Result 20 s: 120 s answered, Situation at 42 %
/// (27 points over its 15 % target) ran long; the pause is in no part.
#[test]
fn part_marks_show_live_under_the_clock_then_on_reveal_score_and_in_the_record() {
    let mut h = Harness::new(vec![]);
    h.drill(&[1]);
    assert!(h.screen(80, 24).contains("n next part S→T→A→R"), "the key is in the footer");
    h.wait(50);
    h.press(KeyCode::Char('n'));
    h.wait(10);
    h.press(KeyCode::Char('n'));
    h.press(KeyCode::Char(' '));
    h.wait(30);
    h.press(KeyCode::Char(' '));
    h.wait(25);
    let text = h.screen(80, 24);
    assert!(text.contains("  S 00:50  T 00:10 ▶A 00:25  R 00:00"), "the current part runs live:\n{text}");
    h.wait(15);
    h.press(KeyCode::Char('n'));
    h.wait(20);
    h.snapshot("answering_marks");
    let text = h.screen(80, 24);
    assert!(text.contains("S━━━━") && text.contains("  S 00:50  T 00:10  A 00:40 ▶R 00:20"), "{text}");
    h.press(KeyCode::Enter);
    let text = h.screen(80, 24);
    assert!(text.contains("Pacing  S 00:50 42 % ▲ long · T 00:10 8 % · A 00:40 33 % · R 00:20 17 %"), "{text}");
    h.press(KeyCode::Char('a'));
    h.press(KeyCode::Enter);
    h.chars("43");
    h.snapshot("score_pacing");
    let text = h.screen(80, 24);
    assert!(text.contains("00:50  42 % ▲ long (target 15 %)"), "{text}");
    assert_eq!(text.matches("▲ long").count(), 1, "only the Situation ran long:\n{text}");
    h.chars("43");
    h.press(KeyCode::Enter);
    let saved = std::fs::read_to_string(h.history_path()).unwrap();
    assert!(saved.contains(r#""part_secs":{"situation":50.0,"task":10.0,"action":40.0,"result":20.0}"#), "{saved}");
    assert!(saved.contains(r#""time_used_secs":120.0"#), "{saved}");
}

#[test]
fn an_answer_without_marks_keeps_the_clock_as_it_was_and_records_no_split() {
    let mut h = Harness::new(vec![]);
    h.drill_and_save(1, "4343");
    let saved = std::fs::read_to_string(h.history_path()).unwrap();
    assert!(!saved.contains("part_secs"), "{saved}");
}

/// Scored 4 3 5 2 with a note, then drilled again: the ready step shows the scores and the note
/// (from memory here, read back from the file below) before the clock starts.
#[test]
fn a_question_drilled_again_shows_its_last_scores_and_note_before_the_clock_starts() {
    let mut h = Harness::new(vec![]);
    h.drill(&[1]);
    assert!(h.screen(80, 24).contains("03:00 left of 03:00"), "never drilled: the clock starts at once");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('a'));
    h.press(KeyCode::Enter);
    h.chars("4352ncut S to 20 s");
    h.press(KeyCode::Enter);
    h.chars("numbers in R");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Enter);
    h.wait(60);
    h.drill(&[1]);
    assert!(matches!(h.app.ctx(), stardrill::tui::keys::Ctx::Ready), "drilled before: it waits");
    h.snapshot("ready_last_time");
    let text = h.screen(80, 24);
    assert!(text.contains("Last time (2026-11-26 12:00): S 4 · T 3 · A 5 · R 2 · overall 3.50"), "{text}");
    assert!(text.contains("Your note: cut S to 20 s"), "{text}");
    assert!(text.contains("│           numbers in R"), "a note's later lines under its first:\n{text}");
    h.wait(30);
    h.press(KeyCode::Enter);
    assert!(h.screen(80, 24).contains("03:00 left of 03:00"), "the clock starts at Enter");

    // Read from the file: the note comes back through the event loop; a file changed behind
    // stardrill's back says so instead.
    let path = h.history_path().to_path_buf();
    let read = stardrill::history_index::HistoryIndex::read(&path, h.app.config.zone).unwrap();
    let mut h2 = Harness::new(vec![]);
    std::fs::copy(&path, h2.history_path()).unwrap();
    h2.app.set_history_loading();
    let effects = h2.app.history_loaded(Ok(read.clone()));
    h2.perform(effects);
    h2.drill(&[1]);
    assert!(h2.take_effects().iter().any(|e| matches!(e, Effect::ReadAnswers(_))), "the file was read");
    assert!(h2.screen(80, 24).contains("Your note: cut S to 20 s"), "{}", h2.screen(80, 24));
    let mut h3 = Harness::new(vec![]);
    std::fs::write(h3.history_path(), "").unwrap();
    h3.app.set_history_loading();
    let effects = h3.app.history_loaded(Ok(read));
    h3.perform(effects);
    h3.drill(&[1]);
    let text = h3.screen(80, 24);
    assert!(text.contains("S 4 · T 3 · A 5 · R 2") && text.contains("Your note could not be read:"), "{text}");
}

#[test]
fn reveal_partly_and_fully() {
    let mut h = Harness::new(vec![]);
    h.drill(&[2]);
    h.wait(95);
    h.press(KeyCode::Enter);
    let text = h.screen(80, 24);
    assert!(text.contains("section 0 of 9"), "{text}");
    h.chars("   ");
    h.snapshot("reveal_three_sections");
    assert!(h.screen(120, 40).contains("section 3 of 9 · Action"));
    h.press(KeyCode::Left);
    assert!(h.screen(120, 40).contains("section 2 of 9 · Task"));
    h.press(KeyCode::Enter);
    assert!(h.screen(80, 24).contains("Reveal every section first"));
    h.press(KeyCode::Char('a'));
    h.snapshot("reveal_all");
    // Scrolling reaches the first line of the answer.
    for _ in 0..30 {
        h.press(KeyCode::PageUp);
    }
    assert!(h.screen(80, 24).contains("[Situation] Product Vision & Architecture Strategy:"));
}

#[test]
fn score_then_save_then_summary() {
    let mut h = Harness::new(vec![]);
    h.drill(&[1, 5]);
    h.wait(200);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('a'));
    h.press(KeyCode::Enter);
    h.chars("43");
    h.snapshot("score_partial");
    h.press(KeyCode::Enter);
    assert!(h.screen(80, 24).contains("Score all four parts first; missing: Action, Result."));
    h.chars("52");
    h.press(KeyCode::Char(' '));
    h.chars("nstarted too slowly");
    h.press(KeyCode::Esc);
    let text = h.screen(80, 24);
    assert!(text.contains("[x] Ownership") && text.contains("Note: started too slowly"), "{text}");
    assert!(text.contains("Overall    3.50"), "{text}");
    h.press(KeyCode::Enter);
    let saved = std::fs::read_to_string(h.history_path()).unwrap();
    assert_eq!(saved.lines().count(), 1);
    assert!(saved.contains(r#""scores":{"situation":4,"task":3,"action":5,"result":2}"#), "{saved}");
    let text = h.screen(80, 24);
    assert!(text.contains("Question 2 of 2") && text.contains("Ready for question 2 of 2"), "{text}");
    h.wait(30);
    h.press(KeyCode::Enter);
    let limit = stardrill::format::mmss(
        Bank::bundled().unwrap().only_banks(&["amazon-pm"]).get("5").unwrap().time_limit_secs(),
    );
    let text = h.screen(80, 24);
    assert!(text.contains(&format!("{limit} left of {limit}")), "the clock starts at Enter, not at the save:\n{text}");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('a'));
    h.press(KeyCode::Enter);
    h.chars("5555");
    h.press(KeyCode::Enter);
    assert!(matches!(h.app.screen, Screen::Summary(_)));
    h.snapshot("summary");
    assert!(h.screen(80, 24).contains("Session mean: 4.25"));
}

#[test]
fn leaving_a_running_answer_asks_first() {
    let mut h = Harness::new(vec![]);
    h.drill(&[1]);
    h.press(KeyCode::Char('q'));
    h.snapshot("confirm_leave");
    h.press(KeyCode::Char('n'));
    assert!(matches!(h.app.screen, Screen::Drill(_)));
    h.press(KeyCode::Char('q'));
    h.press(KeyCode::Char('y'));
    assert!(matches!(h.app.screen, Screen::Browser));
}

#[test]
fn tiny_terminals_show_a_notice_and_never_panic() {
    let mut h = Harness::new(fixture_history());
    assert!(h.screen(39, 12).contains("Terminal too small"));
    assert!(h.screen(40, 11).contains("Terminal too small"));
    insta::assert_snapshot!("too_small_20x6", h.screen(20, 6));
    assert!(h.screen(1, 1).starts_with("\"T"), "1×1 shows the notice's first letter");

    // From the smallest supported size up, every screen keeps help and the way back in its footer.
    let check = |h: &Harness, what: &str| {
        // The browser is the first screen: its way back quits.
        let back = if what == "browser" { "q/Esc quit" } else { "q/Esc back" };
        for w in [40, 41, 47, 55, 63, 79, 80, 100] {
            for hgt in [12, 13, 17, 24] {
                let text = h.screen(w, hgt);
                assert!(text.contains("? help") && text.contains(back), "{what} at {w}×{hgt}:\n{text}");
            }
        }
    };
    check(&h, "browser");
    h.press(KeyCode::Char('h'));
    check(&h, "history");
    h.press(KeyCode::Char('s'));
    check(&h, "stats");
    h.press(KeyCode::Char('q'));
    h.drill(&[2]);
    check(&h, "answering");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('a'));
    check(&h, "reveal");
    h.press(KeyCode::Enter);
    check(&h, "score");
    h.chars("1111");
    h.press(KeyCode::Enter);
    check(&h, "summary");
}

/// Session, time, question number, S/T/A/R, seconds used, note.
type Row = (&'static str, &'static str, u32, [u8; 4], f64, &'static str);

/// Seven answers in three sessions on three days, at noon UTC.
fn fixture_history() -> Vec<Record> {
    let bank = Bank::bundled().unwrap().only_banks(&["amazon-pm"]);
    let rows: [Row; 7] = [
        ("a", "2026-11-20T12:00:00Z", 1, [2, 2, 3, 1], 200.0, "rambled"),
        ("a", "2026-11-20T12:10:00Z", 5, [3, 3, 3, 2], 170.0, ""),
        ("b", "2026-11-22T12:00:00Z", 2, [4, 4, 3, 3], 800.0, "good on CAP"),
        ("b", "2026-11-22T12:20:00Z", 1, [3, 3, 4, 3], 175.0, ""),
        ("c", "2026-11-24T12:00:00Z", 8, [5, 4, 4, 4], 150.0, "strong"),
        ("c", "2026-11-24T12:05:00Z", 1, [4, 4, 5, 4], 179.0, ""),
        ("c", "2026-11-24T12:10:00Z", 3, [2, 3, 2, 2], 900.0, "ran long"),
    ];
    rows.iter()
        .map(|(session, at, n, s, used, note)| {
            let q = bank.get(&n.to_string()).unwrap();
            let scores = stardrill::history::Scores::from_parts(*s);
            Record {
                time_used_secs: *used,
                demonstrated: q.principle_names().into_iter().take(1).collect(),
                note: note.to_string(),
                ..Record::of_question(q, session, DateTime::parse_from_rfc3339(at).unwrap(), scores)
            }
        })
        .collect()
}

#[test]
fn browser_shows_attempts_and_last_scores() {
    let h = Harness::new(fixture_history());
    h.snapshot("browser_with_history");
    let text = h.screen(120, 40);
    // Question 1: three attempts, the last one overall 4.25 on Nov 24.
    assert!(text.contains("    3 4.25 Nov 24"), "{text}");
}

#[test]
fn history_sessions_answers_and_one_answer() {
    let mut h = Harness::new(fixture_history());
    h.press(KeyCode::Char('h'));
    h.snapshot("history_sessions");
    let text = h.screen(120, 40);
    assert!(text.contains("3 sessions · 7 answers"), "{text}");
    let first = text.find("2026-11-24").unwrap();
    assert!(first < text.find("2026-11-22").unwrap() && first < text.find("2026-11-20").unwrap(), "newest first");
    h.press(KeyCode::Enter);
    h.snapshot("history_session");
    assert!(h.screen(120, 40).contains("ran long"));
    h.press(KeyCode::Down);
    h.press(KeyCode::Enter);
    h.snapshot("history_answer");
    let text = h.screen(120, 40);
    assert!(
        text.contains("Answer to question 1") && text.contains("Situation 4 · Task 4 · Action 5 · Result 4"),
        "{text}"
    );
    h.chars("qq");
    assert!(matches!(h.app.screen, Screen::History(_)));
    h.press(KeyCode::Char('q'));
    assert!(matches!(h.app.screen, Screen::Browser));
}

/// Question 1 (behavioural) marked three times, 40/10/30/20, 100/0/0/0 and 30/30/30/30: Situation
/// 55 % on average, a habit; question 2 (technical) once.
#[test]
fn stats_overview_shows_the_mean_split_per_kind_and_the_habit() {
    let mut records = fixture_history();
    let splits =
        [(0, [40.0, 10.0, 30.0, 20.0]), (3, [100.0, 0.0, 0.0, 0.0]), (5, [30.0; 4]), (2, [20.0, 10.0, 60.0, 10.0])];
    for (i, split) in splits {
        records[i].part_secs = Some(stardrill::bank::PerStar::new(split));
    }
    let mut h = Harness::new(records);
    h.press(KeyCode::Char('s'));
    let text = h.screen(120, 40);
    assert!(text.contains("Pacing: behavioral S 55 % · T 12 % · A 18 % · R 15 % (3 answers)"), "{text}");
    assert!(text.contains("technical S 20 % · T 10 % · A 60 % · R 10 % (1 answer)"), "{text}");
    assert!(text.contains("Habit: Situation takes 55 % of your behavioral answers (target 15 %)"), "{text}");
    let text = h.screen(80, 24);
    assert!(text.contains("Pacing: behavioral S 55 % · T 12 % · A 18 % · R 15 % (3 answers)"), "{text}");
    assert!(text.contains("Habit: Situation takes 55 %"), "{text}");
    // A filter narrows the split like every other figure: at L5 only question 2 (L5-L6) is kept.
    h.press(KeyCode::Char('l'));
    let text = h.screen(120, 40);
    assert!(text.contains("Level: L5"), "{text}");
    assert!(text.contains("Pacing: technical S 20 % · T 10 % · A 60 % · R 10 % (1 answer)"), "{text}");
    assert!(!text.contains("behavioral S 55 %") && !text.contains("Habit:"), "{text}");
}

#[test]
fn stats_panels_filters_and_drilling_the_weakest() {
    let mut h = Harness::new(fixture_history());
    h.press(KeyCode::Char('s'));
    h.snapshot("stats_overview");
    let text = h.screen(120, 40);
    assert!(text.contains("7 attempts") && text.contains("3 sessions · 3 days practised"), "{text}");
    // Overall in time order: 2.00 2.75 | 3.50 3.25 4.25 4.25 2.25 → 3.50 − 2.375.
    assert!(text.contains("Trend +1.12"), "{text}");
    h.press(KeyCode::Tab);
    h.snapshot("stats_principles");
    let text = h.screen(120, 40);
    assert!(text.contains("1 of 14 never practised") && text.contains("0    –            0 never"), "{text}");
    h.press(KeyCode::Tab);
    h.snapshot("stats_weakest");
    let text = h.screen(120, 40);
    let q3 = text.find("Amazon Prime Video").unwrap();
    assert!(q3 < text.find("Data-Driven Decision").unwrap(), "weakest first: {text}");
    // Then the questions never practised (#4, 6, 7, 9, 10), as new.
    assert!(text.contains("mean of the last 3 attempts, then new"), "{text}");
    let new = text.lines().filter(|l| l.contains("   new     0 never")).count();
    assert_eq!(new, 5, "{text}");
    // Filters from the browser apply; `l` cycles them here too.
    h.chars("ll");
    let text = h.screen(120, 40);
    assert!(text.contains("Level: L7") && text.contains("Data-Driven Decision"), "{text}");
    assert!(!text.contains("Amazon Prime Video"), "only L7 questions' records count: {text}");
    h.press(KeyCode::Char('c'));
    h.press(KeyCode::Enter);
    match &h.app.screen {
        Screen::Drill(d) => {
            assert_eq!(d.session.attempt.question.number, 3, "the weakest first");
            assert_eq!(d.session.questions().len(), 5);
        }
        other => panic!("expected a drill, got {other:?}"),
    }
}

/// A filter on Stats folds every answer again: that is asked of the event loop, the key returns at
/// once and the screen says the figures are coming; an answer to an older filter is dropped.
#[test]
fn filtered_stats_are_computed_off_the_key_press() {
    let mut h = Harness::new(fixture_history());
    h.press(KeyCode::Char('s'));
    let requests = |effects: Vec<Effect>| -> Vec<stardrill::tui::StatsRequest> {
        effects.into_iter().filter_map(|e| if let Effect::ComputeStats(r) = e { Some(r) } else { None }).collect()
    };
    let first = requests(h.app.handle_key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::NONE), h.now));
    let second = requests(h.app.handle_key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::NONE), h.now));
    assert_eq!((first.len(), second.len()), (1, 1), "one request a filter change");
    let text = h.screen(120, 40);
    assert!(text.contains("Computing the figures for these filters…") && text.contains("Level: L7"), "{text}");
    h.press(KeyCode::Enter);
    assert!(matches!(h.app.screen, Screen::Stats(_)), "nothing to drill before the figures are in");
    // The first request's figures (L6) come late: not shown under the L7 filter.
    let late = first[0].compute(&h.app.history, &h.app.bank);
    let _ = h.app.stats_computed(first[0].generation, late);
    assert!(h.screen(120, 40).contains("Computing the figures"), "an older answer is dropped");
    let l7 = second[0].compute(&h.app.history, &h.app.bank);
    let _ = h.app.stats_computed(second[0].generation, l7.clone());
    let text = h.screen(120, 40);
    assert!(!text.contains("Computing") && text.contains("Level: L7"), "{text}");
    let Screen::Stats(view) = &h.app.screen else { panic!("Stats left") };
    assert_eq!(view.stats, l7);
    assert_eq!(view.stats.attempts, 4, "the L7 questions' records: #1 three times, #5 once\n{text}");
}

/// An answer marked by part shows where its time went in History too, long parts marked.
#[test]
fn history_shows_an_answers_pacing() {
    let mut records = fixture_history();
    // 40 + 10 + 60 + 10 seconds of 120: S 33 % (target 15: long), T 8 %, A 50 %, R 8 %.
    records[6].part_secs = Some(stardrill::bank::PerStar::new([40.0, 10.0, 60.0, 10.0]));
    let mut h = Harness::new(records);
    h.chars("h");
    h.press(KeyCode::Enter);
    // Session c: #8, #1, then #3 (the marked one).
    h.chars("jj");
    h.press(KeyCode::Enter);
    let text = h.screen(120, 40);
    assert!(text.contains("Pacing       S 00:40 33 % ▲ long · T 00:10 8 % · A 01:00 50 % · R 00:10 8 %"), "{text}");
    // Answers not marked have no such line.
    h.press(KeyCode::Esc);
    h.chars("k");
    h.press(KeyCode::Enter);
    assert!(!h.screen(120, 40).contains("Pacing"));
}

/// Stats' calendar: the last twelve weeks by weekday, days with answers marked by how many, the streak.
#[test]
fn stats_calendar_of_the_last_twelve_weeks() {
    let mut h = Harness::new(fixture_history());
    h.press(KeyCode::Char('s'));
    for _ in 0..3 {
        h.press(KeyCode::Tab);
    }
    h.snapshot("stats_calendar");
    insta::assert_snapshot!("min_stats_calendar_40x12", h.screen(40, 12));
    let text = h.screen(120, 40);
    // Answers on Fri 20 (2), Sun 22 (2) and Tue 24 November (3); today is Thu 26: no streak.
    assert!(text.contains("3 days practised in the last 12 weeks · no current streak"), "{text}");
    assert!(text.contains("Practice calendar · the last 12 weeks to Thu 26 Nov"), "{text}");
    let row = |name: &str| text.lines().find(|l| l.contains(&format!("{name}  "))).unwrap().to_string();
    // Eleven weeks before this one, then this week (Monday 23 November): Tue 24 has 3 answers.
    assert!(row("Tue").contains("·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ▒"), "{}", row("Tue"));
    assert!(row("Fri").contains("·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ▒"), "{}", row("Fri"));
    assert!(row("Fri").trim_end_matches(['│', ' ', '"']).ends_with('▒'), "Friday 27 is still to come: {}", row("Fri"));
}

/// The Today panel: what the history says is due and new, and `t` drills it; a save makes a new plan;
/// with an interview date a day away the plan reviews the weakest instead.
#[test]
fn todays_plan_above_the_browser_and_t_drills_it() {
    let mut h = Harness::new(fixture_history());
    let text = h.screen(120, 40);
    assert!(text.contains("Today · no interview date set · 4 due · 2 new · about 60 min · t drills it"), "{text}");
    assert!(text.contains("Due #5 #3 #2 #8   New #4 #6"), "least likely recalled first:\n{text}");
    h.press(KeyCode::Char('t'));
    let Screen::Drill(d) = &h.app.screen else { panic!("t starts a drill") };
    let order: Vec<u32> = d.session.questions().iter().map(|q| q.number).collect();
    assert_eq!(order, [5, 3, 2, 8, 4, 6]);
    // Answer the first (#5, drilled before: Enter starts its clock) well and save: the plan is made
    // again without it.
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    h.chars("a");
    h.press(KeyCode::Enter);
    h.chars("5555");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Esc);
    h.chars("y");
    let text = h.screen(120, 40);
    assert!(text.contains("Due #3 #2 #8   New #4 #6"), "#5 is no longer due:\n{text}");

    // One day before the interview: the weakest, nothing new.
    let mut h = Harness::new(vec![]);
    h.app.config.plan.interview_date = chrono::NaiveDate::from_ymd_opt(2026, 11, 27);
    h.app.set_history_loading();
    let effects = h.app.history_loaded(Ok(index(fixture_history())));
    h.perform(effects);
    let text = h.screen(120, 40);
    assert!(text.contains("Today · 1 day to the interview (Fri 27 Nov) · review the weakest: 5"), "{text}");
    // Means of the latest three: #3 2.25, #5 2.75, #1 (2.00 + 3.25 + 4.25) / 3 = 3.17, #2 3.50, #8 4.25.
    assert!(text.contains("Weakest #3 #5 #1 #2 #8"), "{text}");
}

#[test]
fn empty_history_is_a_friendly_screen() {
    let mut h = Harness::new(vec![]);
    h.press(KeyCode::Char('h'));
    h.snapshot("history_empty");
    assert!(h.screen(80, 24).contains("No drills in your history yet."));
    h.press(KeyCode::Char('s'));
    h.snapshot("stats_empty");
    assert!(h.screen(80, 24).contains("No saved scores yet."));
}

#[test]
fn ctrl_c_quits_even_while_typing() {
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let mut h = Harness::new(vec![]);
    h.chars("/abc");
    h.key(ctrl_c);
    assert!(h.app.should_quit(), "Ctrl-C in the search field");

    let mut h = Harness::new(vec![]);
    h.drill(&[5]);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('a'));
    h.press(KeyCode::Enter);
    h.chars("nq?hjkl");
    assert!(h.screen(80, 24).contains("│q?hjkl"), "letters go into the note:\n{}", h.screen(80, 24));
    assert!(!h.app.should_quit());
    h.key(ctrl_c);
    assert!(!h.app.should_quit(), "Ctrl-C with a note typed asks first");
    assert!(h.screen(120, 40).contains("Quit stardrill? The text you typed"), "{}", h.screen(120, 40));
    h.key(ctrl_c);
    assert!(h.app.should_quit(), "Ctrl-C again in the note field quits");
}

#[test]
fn leaving_a_paused_answer_says_the_clock_is_paused() {
    let mut h = Harness::new(vec![]);
    h.drill(&[1]);
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char('q'));
    let text = h.screen(80, 24);
    assert!(text.contains("The clock is paused"), "{text}");
}

/// At the smallest supported size every screen keeps its figures readable and the focus in view.
#[test]
fn minimum_size_keeps_figures_and_focus() {
    let mut h = Harness::new(fixture_history());
    insta::assert_snapshot!("min_browser_40x12", h.screen(40, 12));
    assert!(h.screen(40, 12).contains("3 4.25"), "tries and last score stay whole");
    h.press(KeyCode::Char('h'));
    insta::assert_snapshot!("min_history_40x12", h.screen(40, 12));
    h.press(KeyCode::Char('s'));
    h.press(KeyCode::Tab);
    insta::assert_snapshot!("min_stats_principles_40x12", h.screen(40, 12));
    // The coverage matrix scrolls to its last principle.
    for _ in 0..16 {
        h.press(KeyCode::Down);
    }
    let text = h.screen(40, 12);
    assert!(text.contains("Success and Scal…") && text.contains("12-14/14"), "{text}");
    // ↑/↓ on the coverage matrix did not move the weakest selection.
    h.press(KeyCode::Tab);
    assert!(h.screen(120, 40).contains("▶ 3 Amazon Prime Video"), "{}", h.screen(120, 40));
    h.press(KeyCode::BackTab);
    h.press(KeyCode::Char('q'));
    h.drill(&[5]);
    assert!(h.screen(40, 12).contains("Last time"), "{}", h.screen(40, 12));
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('a'));
    h.press(KeyCode::Enter);
    h.chars("1234");
    for _ in 0..20 {
        h.press(KeyCode::Tab);
        let text = h.screen(40, 12);
        assert!(text.contains('▶'), "the focused line is on screen:\n{text}");
    }
    h.chars("nshort");
    h.press(KeyCode::Esc);
    let text = h.screen(40, 12);
    assert!(text.contains("Note: short") && text.contains("Enter save"), "{text}");
    insta::assert_snapshot!("min_score_note_40x12", text);
}

#[test]
fn one_bell_when_time_runs_out_unless_quiet() {
    use stardrill::tui::Effect;
    for quiet in [false, true] {
        let mut h = Harness::new(vec![]);
        h.app.config.quiet = quiet;
        h.drill(&[1]);
        h.wait(179);
        assert!(h.take_effects().is_empty(), "no bell before the limit");
        h.wait(2);
        let want = if quiet { vec![] } else { vec![Effect::Bell] };
        assert_eq!(h.take_effects(), want, "quiet {quiet}");
        h.wait(30);
        h.press(KeyCode::Char(' '));
        assert!(h.take_effects().is_empty(), "the bell rings once");
    }
}

/// Into the score screen of a one-question drill with all four parts scored.
fn scored(h: &mut Harness, number: u32) {
    h.drill(&[number]);
    h.wait(60);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('a'));
    h.press(KeyCode::Enter);
    h.chars("4352");
}

/// Records as the history reader hands them over.
fn index(records: Vec<Record>) -> stardrill::history_index::HistoryIndex {
    stardrill::history_index::HistoryIndex::of_records(records, Zone::Local)
}

/// The record a save effect carries, and that exactly one save was asked for.
fn the_save(h: &mut Harness) -> Record {
    let saves: Vec<Record> = h
        .take_effects()
        .into_iter()
        .filter_map(|e| match e {
            Effect::Save(r) => Some(*r),
            Effect::Bell
            | Effect::ReadAnswers(_)
            | Effect::ComputeStats(_)
            | Effect::ComputePlan(_)
            | Effect::EditStory(_)
            | Effect::Correct(_) => None,
        })
        .collect();
    assert_eq!(saves.len(), 1, "one save asked for: {saves:?}");
    saves.into_iter().next().unwrap()
}

#[test]
fn saving_is_an_effect_and_a_failure_keeps_the_scores_for_a_retry() {
    let mut h = Harness::new(vec![]);
    h.saving = Saving::Hold;
    scored(&mut h, 1);
    h.press(KeyCode::Enter);
    let record = the_save(&mut h);
    assert_eq!(record.scores.compact(), "4 3 5 2");
    assert!(!h.history_path().exists(), "handle_key wrote nothing");
    h.press(KeyCode::Enter);
    assert!(h.take_effects().is_empty(), "no second save while the first is under way");

    h.app.save_failed("cannot write history file [TMP]/history.jsonl: it is not a regular file (a FIFO)");
    let text = h.screen(120, 40);
    assert!(text.contains("NOT SAVED: cannot write history file") && text.contains("(a FIFO)"), "{text}");
    assert!(text.contains("press Enter to try again") && text.contains("● ● ● ●"), "scores still shown:\n{text}");
    h.snapshot("save_failed");

    // Enter tries again with the same scores.
    h.press(KeyCode::Enter);
    let retry = the_save(&mut h);
    assert_eq!(retry.scores, record.scores);
    let _ = h.app.saved(retry, None, h.now);
    assert!(matches!(h.app.screen, Screen::Summary(_)));
    assert!(h.screen(80, 24).contains("Saved to [TMP]") || h.screen(80, 24).contains("Saved to "));
    assert_eq!(h.app.history.len(), 1, "the saved record joins the history");
}

#[test]
fn an_unconfirmed_save_says_so_and_is_not_saved_twice() {
    let mut h = Harness::new(vec![]);
    h.saving = Saving::Hold;
    scored(&mut h, 2);
    h.press(KeyCode::Enter);
    let record = the_save(&mut h);
    let _ = h.app.saved(record, Some("Input/output error (os error 5)".into()), h.now);
    let text = h.screen(120, 40);
    assert!(text.contains("but the disk did not confirm it (Input/output error"), "{text}");
    assert!(text.contains("it is not") && text.contains("saved twice."), "{text}");
    h.snapshot("save_unconfirmed");
    h.press(KeyCode::Enter);
    assert!(h.take_effects().is_empty(), "the summary does not save again");
}

#[test]
fn a_history_file_swapped_for_a_fifo_is_not_saved_and_the_scores_stay() {
    let mut h = Harness::new(vec![]);
    scored(&mut h, 1);
    // After start-up the history becomes a FIFO (a directory behaves the same).
    let path = h.history_path().to_path_buf();
    assert!(std::process::Command::new("mkfifo").arg(&path).status().unwrap().success());
    h.press(KeyCode::Enter);
    let text = h.screen(120, 40);
    assert!(text.contains("NOT SAVED") && text.contains("not a regular file (a FIFO)"), "{text}");
    assert!(matches!(&h.app.screen, Screen::Drill(_)), "the scores stay on screen");
    std::fs::remove_file(&path).unwrap();
    h.press(KeyCode::Enter);
    assert!(h.screen(120, 40).contains("Drill complete: 1 answer saved"));
    assert_eq!(std::fs::read_to_string(&path).unwrap().lines().count(), 1, "the retry saved it once");
}

#[test]
fn a_later_question_waits_until_enter_and_can_be_skipped() {
    let mut h = Harness::new(vec![]);
    h.drill(&[1, 5, 7]);
    h.wait(20);
    h.press(KeyCode::Char('s'));
    let text = h.screen(80, 24);
    assert!(text.contains("Ready for question 2 of 3") && text.contains("Skipped"), "{text}");
    h.snapshot("ready_next_question");
    assert_eq!(h.app.next_wakeup(h.now.instant), None, "no clock runs while waiting");
    h.wait(500);
    h.press(KeyCode::Enter);
    let limit = stardrill::format::mmss(
        Bank::bundled().unwrap().only_banks(&["amazon-pm"]).get("5").unwrap().time_limit_secs(),
    );
    assert!(h.screen(80, 24).contains(&format!("{limit} left of {limit}")), "{}", h.screen(80, 24));
    h.wait(3);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('a'));
    h.press(KeyCode::Enter);
    h.chars("3333");
    h.press(KeyCode::Enter);
    assert!(h.screen(80, 24).contains("Ready for question 3 of 3"));
    h.press(KeyCode::Char('s'));
    let text = h.screen(120, 40);
    assert!(text.contains("Drill complete: 1 answer saved · 2 skipped (#1, #7)"), "{text}");
    let saved = std::fs::read_to_string(h.history_path()).unwrap();
    assert_eq!(saved.lines().count(), 1, "skipping saves nothing");
    assert!(saved.contains("\"question_number\":5"));
}

#[test]
fn the_paused_time_ticks() {
    let mut h = Harness::new(vec![]);
    h.drill(&[1]);
    h.wait(10);
    h.press(KeyCode::Char(' '));
    assert_eq!(h.app.next_wakeup(h.now.instant), Some(Duration::from_secs(1)), "the loop wakes while paused");
    h.wait(1);
    assert!(h.screen(80, 24).contains("PAUSED · paused 00:01"));
    h.wait(1);
    assert!(h.screen(80, 24).contains("PAUSED · paused 00:02"));
}

#[test]
fn a_paste_is_text_in_text_fields_and_ignored_elsewhere() {
    let mut h = Harness::new(vec![]);
    // Outside a text field: neither keys nor anything else.
    h.paste("q\rjjj/r");
    assert!(!h.app.should_quit() && matches!(h.app.screen, Screen::Browser));
    assert!(h.screen(80, 24).contains("▶ 1 Cross-Functional"), "{}", h.screen(80, 24));
    // In the search: text on one line.
    h.press(KeyCode::Char('/'));
    h.paste("gravi\nton");
    h.press(KeyCode::Enter);
    assert!(h.screen(120, 40).contains("Search: \"gravi ton\""), "{}", h.screen(120, 40));

    // In the note: every line of it, nothing saved early, no key replayed.
    let mut h = Harness::new(vec![]);
    scored(&mut h, 1);
    h.press(KeyCode::Char('n'));
    h.paste("first line\r\nsecond line\rq\r\x1b");
    assert!(h.take_effects().is_empty(), "nothing saved by the paste");
    assert!(matches!(&h.app.screen, Screen::Drill(d) if d.is_editing_note()), "still typing the note");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Enter);
    let record = std::fs::read_to_string(h.history_path()).unwrap();
    assert!(record.contains(r#""note":"first line\nsecond line\nq""#), "{record}");
}

#[test]
fn a_long_note_wraps_and_keeps_its_end_and_the_cursor_in_view() {
    let mut h = Harness::new(vec![]);
    scored(&mut h, 1);
    h.press(KeyCode::Char('n'));
    let words: String = (0..60).map(|i| format!("w{i:03} ")).collect::<String>();
    let text: String = words.chars().take(299).collect::<String>() + "Z";
    assert_eq!(text.chars().count(), 300);
    h.chars(&text);
    for (w, hgt) in SIZES {
        let mut terminal = Terminal::new(TestBackend::new(w, hgt)).unwrap();
        terminal.draw(|f| f.render_widget(&h.app, f.area())).unwrap();
        let buf = terminal.backend().buffer();
        let screen = terminal.backend().to_string();
        assert!(screen.contains("300/2000"), "the limit is shown:\n{screen}");
        // The end of the text, then the cursor cell (reversed) right after it.
        let (x, y) = (0..buf.area.height)
            .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
            .find(|&(x, y)| buf[(x, y)].symbol() == "Z")
            .unwrap_or_else(|| panic!("the end of the note is on screen at {w}×{hgt}:\n{screen}"));
        let cursor = &buf[(x + 1, y)];
        assert!(cursor.modifier.contains(ratatui::style::Modifier::REVERSED), "cursor after the text at {w}×{hgt}");
    }
    h.snapshot("note_300_chars");
    h.press(KeyCode::Esc);
    match &h.app.screen {
        Screen::Drill(d) => assert_eq!(d.session.attempt.note, text),
        other => panic!("{other:?}"),
    }
    // Ctrl-G puts the note back as it was before this edit.
    h.press(KeyCode::Char('n'));
    h.chars(" more");
    h.key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL));
    match &h.app.screen {
        Screen::Drill(d) => assert_eq!(d.session.attempt.note, text),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_random_drill_follows_the_seed() {
    let picked = |seed: u64| -> Vec<u32> {
        let mut h = Harness::new(vec![]);
        h.app.config.seed = Some(seed);
        let mut app = App::new(Bank::bundled().unwrap().only_banks(&["amazon-pm"]), h.app.config.clone(), vec![]);
        app.handle_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE), h.now);
        h.app = app;
        match &h.app.screen {
            Screen::Drill(d) => d.session.questions().iter().map(|q| q.number).collect(),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(picked(42), picked(42), "the same seed, the same questions");
    assert_eq!(picked(42), PICKED_WITH_SEED_42);
    assert_ne!(picked(42), picked(7), "another seed, other questions");
}

/// What `r` drills with seed 42 and three questions out of the bundled ten.
const PICKED_WITH_SEED_42: [u32; 3] = [2, 5, 3];

#[test]
fn the_history_is_read_after_the_first_frame_and_filled_in_when_ready() {
    let mut h = Harness::new(vec![]);
    h.app.set_history_loading();
    let text = h.screen(120, 40);
    // The attempt columns wait for the file instead of claiming no attempts.
    assert!(text.contains("    …    …"), "{text}");
    assert!(!text.contains("    0    –"), "{text}");
    h.chars("h");
    assert!(matches!(h.app.screen, Screen::Browser), "History waits for the file");
    assert!(h.screen(120, 40).contains("Still reading your history file"));
    h.chars("s");
    assert!(matches!(h.app.screen, Screen::Browser), "Stats waits for the file");

    // A record saved before the reader finished, which the reader did not see, is kept once.
    h.drill_and_save(1, "4444");
    assert_eq!(h.app.history.len(), 1);
    let saved = h.app.history.kept()[0].clone();
    let _ = h.app.history_loaded(Ok(index(fixture_history())));
    assert_eq!(h.app.history.len(), 8);
    h.press(KeyCode::Enter);
    let text = h.screen(120, 40);
    assert!(text.contains("    4 4.00 Nov 26"), "question 1: three read, one saved meanwhile\n{text}");
    h.chars("h");
    let text = h.screen(120, 40);
    assert!(text.contains("History · 4 sessions · 8 answers"), "{text}");

    // The reader saw it: it is not counted twice.
    let mut h2 = Harness::new(vec![]);
    h2.app.set_history_loading();
    std::sync::Arc::make_mut(&mut h2.app.history).add(saved.clone());
    let mut read = fixture_history();
    read.push(saved);
    let _ = h2.app.history_loaded(Ok(index(read)));
    assert_eq!(h2.app.history.len(), 8);
    h2.chars("h");
    assert!(matches!(h2.app.screen, Screen::History(_)));
}

/// A history read from its file (as the app's reader thread does) holds each answer compactly and
/// reads a session's answers again when it is opened: the screens are those of whole records.
#[test]
fn history_read_from_the_file_shows_what_whole_records_show() {
    let whole = Harness::new(fixture_history());
    let mut h = Harness::new(vec![]);
    for r in fixture_history() {
        stardrill::history::store::append(h.history_path(), &r).unwrap();
    }
    h.app.set_history_loading();
    let read = stardrill::history_index::HistoryIndex::read(h.history_path(), h.app.config.zone).unwrap();
    let _ = h.app.history_loaded(Ok(read));
    assert_eq!(h.app.history.kept().len(), 0, "nothing held whole");
    let mut whole = whole;
    for keys in ["h", "\n", "j", "\n"] {
        for h in [&mut h, &mut whole] {
            match keys {
                "\n" => h.press(KeyCode::Enter),
                k => h.chars(k),
            }
        }
        for (w, ht) in SIZES {
            assert_eq!(h.screen(w, ht), whole.screen(w, ht), "after {keys:?} at {w}×{ht}");
        }
    }
    let text = h.screen(120, 40);
    assert!(text.contains("Answer to question 1") && text.contains("Session      c"), "{text}");
    assert!(h.take_effects().iter().any(|e| matches!(e, Effect::ReadAnswers(_))), "the file was read");

    // The file rewritten behind stardrill's back: opening a session says so and shows no other answer.
    let text = std::fs::read_to_string(h.history_path()).unwrap();
    std::fs::write(h.history_path(), text.replace("2026-11-24T12:00:00", "2026-11-24T12:00:09")).unwrap();
    h.press(KeyCode::Esc);
    h.press(KeyCode::Esc);
    h.press(KeyCode::Enter);
    let text = h.screen(120, 40);
    assert!(text.contains("Could not open the session:"), "{text}");
    assert!(text.contains("the file changed since stardrill"), "{text}");
    assert!(text.contains("Sessions (Enter opens)"), "back on the list\n{text}");
}

/// `h` or `s` pressed while the history is still being read opens that screen once it is read, as the
/// status promises; another key in between takes the wish back.
#[test]
fn history_asked_for_while_reading_opens_when_read() {
    let mut h = Harness::new(vec![]);
    h.app.set_history_loading();
    h.chars("h");
    assert!(h.screen(120, 40).contains("History and Stats open when it is read"));
    let effects = h.app.history_loaded(Ok(index(fixture_history())));
    h.perform(effects);
    let text = h.screen(120, 40);
    assert!(matches!(h.app.screen, Screen::History(_)), "{text}");
    assert!(text.contains("History · 3 sessions · 7 answers") && !text.contains("Still reading"), "{text}");

    let mut h = Harness::new(vec![]);
    h.app.set_history_loading();
    h.chars("s");
    let effects = h.app.history_loaded(Ok(index(fixture_history())));
    h.perform(effects);
    assert!(matches!(h.app.screen, Screen::Stats(_)));

    let mut h = Harness::new(vec![]);
    h.app.set_history_loading();
    h.chars("hj");
    let effects = h.app.history_loaded(Ok(index(fixture_history())));
    h.perform(effects);
    assert!(matches!(h.app.screen, Screen::Browser), "moving on in the list takes the wish back");
}

#[test]
fn a_history_that_cannot_be_read_is_said_and_saving_goes_on() {
    let mut h = Harness::new(vec![]);
    h.app.set_history_loading();
    let _ = h.app.history_loaded(Err("permission denied".into()));
    let text = h.screen(120, 40);
    assert!(text.contains("Could not read the history file"), "{text}");
    assert!(text.contains("permission denied"), "{text}");
    assert!(text.contains("    0    –"), "{text}");
}

#[test]
fn stats_opened_from_the_kept_figures_match_a_fold_of_every_record() {
    let mut h = Harness::new(vec![]);
    h.app.set_history_loading();
    let _ = h.app.history_loaded(Ok(index(fixture_history())));
    // A score saved after the history was read is counted too.
    h.drill_and_save(2, "5555");
    h.press(KeyCode::Enter);
    h.chars("s");
    let Screen::Stats(view) = &h.app.screen else { panic!("Stats did not open") };
    let bank = Bank::bundled().unwrap().only_banks(&["amazon-pm"]);
    let query = stardrill::stats::RecordQuery { zone: h.app.config.zone, ..stardrill::stats::RecordQuery::all(&bank) };
    assert_eq!(h.app.history.kept().len(), 8, "the records given, and the one saved");
    let all = stardrill::stats::compute(h.app.history.kept(), &query);
    assert_eq!(view.stats, all.clone().only_principles_probed(&bank));
    // The seed bank probes 14 of the 16 principles: the two it does not (never practised) are left out.
    assert_eq!((all.principles.len(), view.stats.principles.len()), (16, 14));
    assert!(!view.stats.never_practised.contains(&"Hire and Develop the Best"));
    assert_eq!(view.stats.attempts, 8);
    assert_eq!(view.stats.sessions, 4);
}

#[test]
fn a_history_unread_after_start_is_said_on_history_and_stats_too() {
    let mut h = Harness::new(vec![]);
    h.app.set_history_loading();
    let _ = h.app.history_loaded(Err("permission denied".into()));
    h.drill_and_save(1, "4444");
    h.press(KeyCode::Enter);
    h.chars("h");
    let text = h.screen(120, 40);
    assert!(
        text.contains("Could not read the history file"),
        "History shows only this run's saves, and says why\n{text}"
    );
    h.chars("s");
    let text = h.screen(120, 40);
    assert!(text.contains("Could not read the history file"), "{text}");
}

/// The scratchpad while answering: typed and pasted into as the clock runs on, closed with Esc,
/// its insights on Reveal and Score (beside what a 1, 3 and 5 look like), and saved with the score.
#[test]
fn the_scratchpad_takes_text_while_the_clock_runs_and_its_insights_show_and_are_saved() {
    let mut h = Harness::new(vec![]);
    h.drill(&[1]);
    h.wait(20);
    h.press(KeyCode::Char('o'));
    assert_eq!(h.app.ctx(), stardrill::tui::keys::Ctx::Scratchpad);
    // Keys that mean something elsewhere (q, s, n, Space, Enter) are text here.
    h.chars("Situation: churn was 8%.");
    h.press(KeyCode::Enter);
    h.chars("I had to");
    h.paste(" fix it, um, basically.\nI decided to ship a win-back flow.\r\nAs a result churn fell to 5%.");
    h.wait(40);
    h.snapshot("answering_scratchpad");
    let small = h.screen(40, 12);
    insta::assert_snapshot!("min_answering_scratchpad_40x12", small);
    assert!(small.contains("As a result churn fell to 5%."), "the cursor's line stays in view:\n{small}");
    let text = h.screen(80, 24);
    assert!(text.contains("02:00 left of 03:00"), "the clock ran on while typing:\n{text}");
    // 4 + 3 + 4 + 7 + 7 words, counted by hand.
    assert!(text.contains("Scratchpad 25 words · 121/20000"), "{text}");
    assert!(text.contains("Esc done"), "{text}");
    h.press(KeyCode::Esc);
    assert_eq!(h.app.ctx(), stardrill::tui::keys::Ctx::Answering, "Esc leaves the scratchpad, keeping the text");
    let text = h.screen(80, 24);
    assert!(text.contains("Scratchpad: 25 words · o opens it"), "{text}");

    h.press(KeyCode::Enter);
    h.snapshot("reveal_insights");
    let text = h.screen(80, 24);
    // 25 words at 140 a minute: 10.7 s, shown as 00:11; 2 fillers in 25 words: 8 per 100.
    assert!(text.contains("Scratchpad: 25 words ≈ 00:11 (limit 03:00) · I 2 · we 0 · 2 fillers (8 per 100)"), "{text}");
    assert!(text.contains("Numbers: 8%, 5% · result quantified: yes · STAR cues STAR · learning: no"), "{text}");
    h.press(KeyCode::Char('a'));
    h.press(KeyCode::Enter);
    h.chars("43");
    h.snapshot("score_rubric_insights");
    insta::assert_snapshot!("min_score_rubric_insights_40x12", h.screen(40, 12));
    let text = h.screen(120, 40);
    assert!(text.contains("What a 1, a 3 and a 5 look like for Action"), "{text}");
    assert!(
        text.contains("    5 Your steps in order, the choice you made against an option, and why; \"I\" throughout")
    );
    assert!(text.contains("Key terms used 0/10 · missed: "), "{text}");
    h.chars("43");
    h.press(KeyCode::Enter);
    let saved = std::fs::read_to_string(h.history_path()).unwrap();
    let record: serde_json::Value = serde_json::from_str(saved.lines().next().unwrap()).unwrap();
    assert_eq!(
        record["outline"],
        "Situation: churn was 8%.\nI had to fix it, um, basically.\nI decided to ship a win-back flow.\nAs a result churn fell to 5%."
    );
    assert_eq!(record["insights"]["words"], 25);
    assert_eq!(record["insights"]["numbers"], serde_json::json!(["8%", "5%"]));
    assert_eq!(record["insights"]["fillers"], serde_json::json!({"basically": 1, "um": 1}));
    assert_eq!(record["insights"]["result_quantified"], true);
    // History shows the answer with its scratchpad and insights, as saved.
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('h'));
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    let text = h.screen(120, 40);
    assert!(text.contains("Scratchpad   Situation: churn was 8%."), "{text}");
    assert!(text.contains("             As a result churn fell to 5%."), "{text}");
    assert!(text.contains("Insights     Scratchpad: 25 words ≈ 00:11 (limit 03:00)"), "{text}");
    assert!(text.contains("             Numbers: 8%, 5% · result quantified: yes"), "{text}");
}

/// Typed text is never thrown away without asking: leaving or skipping with text in the
/// scratchpad asks first, and Ctrl-G puts back what was there before this edit.
#[test]
fn the_scratchpad_is_never_dropped_without_asking() {
    let mut h = Harness::new(vec![]);
    h.drill(&[1, 2]);
    h.press(KeyCode::Char('o'));
    h.chars("my outline");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('o'));
    h.chars(" and more");
    h.key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL));
    assert!(h.screen(80, 24).contains("Scratchpad: 2 words"), "Ctrl-G put back the text before this edit");
    // The closed scratchpad's line takes a spare row only: at the minimum size the question keeps its room.
    let small = h.screen(40, 12);
    assert!(small.contains("Probes: Ownership") && small.contains("└──"), "{small}");
    // Ctrl-C asks first while the scratchpad holds text; a second Ctrl-C quits.
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    h.key(ctrl_c);
    assert!(h.screen(120, 40).contains("Quit stardrill? The text you typed"), "{}", h.screen(120, 40));
    assert!(!h.app.should_quit());
    h.press(KeyCode::Char('n'));
    assert!(h.screen(80, 24).contains("Scratchpad: 2 words"), "no: back to the answer, the text kept");
    h.press(KeyCode::Char('s'));
    assert!(h.screen(80, 24).contains("Skip this question? Nothing is saved for it, and"), "{}", h.screen(80, 24));
    h.press(KeyCode::Char('n'));
    h.press(KeyCode::Char('q'));
    let text = h.screen(120, 40);
    assert!(text.contains("scored, and the text in your scratchpad will not"), "{text}");
    h.press(KeyCode::Char('y'));
    assert!(matches!(h.app.screen, Screen::Browser));
    // A paste past the limit keeps what fits and says how much did not.
    h.drill(&[3]);
    h.press(KeyCode::Char('o'));
    h.paste(&"x".repeat(20_005));
    let text = h.screen(120, 40);
    assert!(
        text.contains("The scratchpad holds at most 20000 characters: the last 5 characters of the paste did not fit."),
        "{text}"
    );
    // Typing in it, Ctrl-C asks; Ctrl-C again quits.
    h.key(ctrl_c);
    assert!(!h.app.should_quit());
    h.key(ctrl_c);
    assert!(h.app.should_quit());
}

#[test]
fn ctrl_c_quits_at_once_when_nothing_typed_is_unsaved() {
    let mut h = Harness::new(vec![]);
    h.drill(&[1]);
    h.key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(h.app.should_quit());
}

/// A figures thread that failed (a fault in stardrill) is said on the status line; the screen stays.
#[test]
fn a_failed_computation_is_said_on_the_status_line() {
    let mut h = Harness::new(vec![]);
    h.press(KeyCode::Char('s'));
    let effects = h.app.computation_failed("stats", "the fold broke");
    assert!(effects.is_empty());
    let text = h.screen(120, 40);
    assert!(
        text.contains("Could not work out the figures for these filters: the fold broke. This is a fault"),
        "{text}"
    );
    assert!(matches!(h.app.screen, Screen::Stats(_)));
}

/// The answer coach for the other kinds: a product-strategy question (#3) and a technical one (#2)
/// show their kind's talking points while answering (`questions/rubrics.yaml`, not the STAR reminder),
/// and on Score what a 1, a 3 and a 5 look like for each part as it is scored.
#[test]
fn product_and_technical_questions_show_their_talking_points_and_score_anchors() {
    use stardrill::bank::{Kind, Star};
    for (number, kind, name) in [(3, Kind::ProductStrategy, "product_strategy"), (2, Kind::Technical, "technical")] {
        let mut h = Harness::new(vec![]);
        assert_eq!(h.app.bank.get(&number.to_string()).unwrap().kind, kind, "question #{number}");
        let rubric = h.app.bank.rubrics.of(kind).expect("a bundled rubric for the kind").clone();
        assert!(rubric.hints.len() >= 5, "{kind:?}: {:?}", rubric.hints);
        h.drill(&[number]);
        h.snapshot(&format!("answering_points_{name}"));
        let text = h.screen(120, 40);
        for hint in &rubric.hints {
            let drawn = text.lines().any(|l| {
                let l = l.trim_matches('"');
                l.starts_with(&format!(" {} ", hint.label)) && l.contains(&hint.text)
            });
            assert!(drawn, "{kind:?}: talking point {} — {} not drawn:\n{text}", hint.label, hint.text);
        }
        assert!(!text.contains("Situation: set the scene"), "not the behavioural reminder:\n{text}");
        h.press(KeyCode::Enter);
        h.chars("a");
        h.press(KeyCode::Enter);
        h.snapshot(&format!("score_anchors_{name}"));
        for part in Star::ALL {
            let text = h.screen(120, 40);
            assert!(text.contains(&format!("What a 1, a 3 and a 5 look like for {}", part.label())), "{text}");
            for (score, anchor) in rubric.anchors[part].levels() {
                assert!(text.contains(&format!("    {score} {anchor}")), "{kind:?} {part:?} {score}: {anchor}\n{text}");
            }
            // Scoring the part moves to the next, with its own anchors.
            h.chars("3");
        }
    }
}
