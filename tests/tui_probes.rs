//! Follow-up probes on screen: the probe step, the rubric where there is no model answer, and the Score
//! screen with probe rows, on a TestBackend at 80×24 and 120×40 with a fake clock.

use std::time::Duration;

use ratatui::crossterm::event::KeyCode;
use stardrill::bank::Bank;
use stardrill::drill::probes::ProbeSettings;
use stardrill::history::Record;
use stardrill::tui::Screen;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

#[path = "common/tui_app.rs"]
mod tui_app;
use tui_app::Harness;

impl Harness {
    /// Every bundled bank, `probes` follow-ups of 60 s after each answer, the drill seeded.
    fn new(probes: usize) -> Harness {
        let mut h = Harness::start(Bank::bundled().unwrap(), vec![], Some(7));
        h.app.probes = ProbeSettings { count: Some(probes), time: Duration::from_secs(60) };
        h
    }

    fn drill(&mut self, numbers: &[u32]) {
        self.drill_numbers(numbers);
    }

    fn snapshot(&self, name: &str) {
        for (w, h) in SIZES {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), self.screen(w, h));
        }
    }

    fn records(&self) -> Vec<Record> {
        let text = std::fs::read_to_string(&self.app.config.history_path).unwrap_or_default();
        text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }

    /// The probe being put, as the drill holds it.
    fn probe_text(&self) -> String {
        match &self.app.screen {
            Screen::Drill(d) => {
                d.session.attempt.current_probe().map(|(_, p)| p.probe.text.clone()).unwrap_or_default()
            }
            _ => String::new(),
        }
    }
}

#[test]
fn two_probes_are_put_scored_beside_star_and_saved_with_the_record() {
    let mut h = Harness::new(2);
    h.drill(&[101]);
    h.wait(100);
    h.press(KeyCode::Enter);
    let first = h.probe_text();
    let q = h.app.bank.get("101").unwrap().clone();
    assert!(q.probes.contains(&first), "the question's own probes come first: {first}");
    let text = h.screen(80, 24);
    assert!(text.contains("Follow-up 1 of 2 · Customer Obsession") && text.contains("01:00 left of 01:00"), "{text}");
    h.snapshot("probe_first");
    h.wait(75);
    let text = h.screen(80, 24);
    assert!(text.contains("+00:15 over time — wrap up, then Enter"), "its own clock runs over:\n{text}");
    h.press(KeyCode::Enter);
    let second = h.probe_text();
    assert!(h.screen(80, 24).contains("Follow-up 2 of 2"));
    assert_ne!(first, second);
    h.wait(20);
    h.press(KeyCode::Enter);
    // No model answer: the rubric of the question's principles.
    let text = h.screen(120, 40);
    assert!(text.contains("What a strong answer shows") && text.contains("No model answer"), "{text}");
    assert!(text.contains("Customer Obsession") && text.contains("Have Backbone; Disagree and Commit"), "{text}");
    h.snapshot("reveal_rubric");
    h.press(KeyCode::Enter);
    h.chars("4352");
    h.press(KeyCode::Enter);
    assert!(
        h.screen(80, 24).contains("Score every follow-up probe too; missing: probe 1, probe 2."),
        "{}",
        h.screen(80, 24)
    );
    h.chars("3");
    h.snapshot("score_with_probes");
    h.chars("2");
    h.press(KeyCode::Enter);
    let records = h.records();
    assert_eq!(records.len(), 1);
    let probes: Vec<(&str, f64, u8)> =
        records[0].probes.iter().map(|p| (p.text.as_str(), p.time_used_secs, p.score)).collect();
    assert_eq!(probes, [(first.as_str(), 75.0, 3), (second.as_str(), 20.0, 2)]);
    assert_eq!(records[0].overall, 3.5);
    assert!(matches!(h.app.screen, Screen::Summary(_)));
    // Stats: the Principles panel gains the probe mean per principle (2.50 for Customer Obsession).
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('s'));
    h.press(KeyCode::Tab);
    let text = h.screen(120, 40);
    let row = text.lines().find(|l| l.contains("Customer Obsession")).unwrap_or_default();
    assert!(text.contains("Probe") && row.contains(" 2.50 "), "{text}");
    let backbone = text.lines().find(|l| l.contains("Have Backbone")).unwrap_or_default();
    assert!(backbone.contains("3.50") && backbone.contains("   – "), "no probe of it was answered: {backbone}");
}

#[test]
fn a_skipped_probe_is_neither_scored_nor_saved_and_q_asks_before_leaving() {
    let mut h = Harness::new(2);
    h.drill(&[1]);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('q'));
    assert!(h.screen(80, 24).contains("Leave this drill?"), "{}", h.screen(80, 24));
    h.press(KeyCode::Char('n'));
    let first = h.probe_text();
    h.press(KeyCode::Char('s'));
    let second = h.probe_text();
    h.wait(10);
    h.press(KeyCode::Enter);
    let text = h.screen(80, 24);
    assert!(text.contains("section 0 of 6"), "a question with a model answer reveals it:\n{text}");
    h.press(KeyCode::Char('a'));
    h.press(KeyCode::Enter);
    let text = h.screen(80, 24);
    assert!(text.contains("Probe 1") && !text.contains("Probe 2"), "one probe row: the answered one\n{text}");
    h.chars("55555");
    h.press(KeyCode::Enter);
    let records = h.records();
    assert_eq!(records[0].probes.len(), 1);
    assert_eq!(records[0].probes[0].text, second);
    assert_ne!(first, second);
}

#[test]
fn probes_off_go_straight_to_the_reveal_and_write_no_probes_key() {
    let mut h = Harness::new(0);
    h.drill(&[1]);
    h.press(KeyCode::Enter);
    assert!(h.screen(80, 24).contains("section 0 of 6"));
    h.press(KeyCode::Char('a'));
    h.press(KeyCode::Enter);
    h.chars("4444");
    h.press(KeyCode::Enter);
    let line = std::fs::read_to_string(&h.app.config.history_path).unwrap();
    assert!(!line.contains("probes"), "{line}");
    let _ = &h.dir;
}

#[test]
fn the_browser_names_each_questions_bank_and_b_filters_by_bank() {
    let mut h = Harness::new(1);
    let text = h.screen(120, 40);
    assert!(text.contains("Level: all   Principle: all   Bank (b): all"), "{text}");
    assert!(text.contains("· bank amazon-pm"), "the detail pane names the bank:\n{text}");
    let mut seen = Vec::new();
    for _ in 0..3 {
        h.press(KeyCode::Char('b'));
        let text = h.screen(120, 40);
        let header = text.lines().next().unwrap_or_default().to_string();
        let filters = text.lines().nth(1).unwrap_or_default().to_string();
        seen.push((header.contains("10 of 59") || header.contains("49 of 59"), filters.contains("Bank (b): amazon")));
    }
    assert_eq!(seen, [(true, true), (true, true), (false, false)], "amazon-pm, amazon-lp, then all again");
    h.press(KeyCode::Char('b'));
    h.press(KeyCode::Char('c'));
    assert!(h.screen(120, 40).contains("Bank (b): all"), "c clears the bank filter too");
}

/// Without a model answer there are no key terms to count: the scratchpad's insights line says which
/// of the question's rubric points (its principles', from `probes.yaml`) the text covers, on Reveal
/// and on Score.
#[test]
fn the_scratchpad_is_checked_against_the_rubric_points_on_reveal_and_score() {
    let mut h = Harness::new(0);
    let q = h.app.bank.get("101").unwrap().clone();
    assert!(!q.has_answer(), "#101 has no model answer");
    h.drill(&[101]);
    h.wait(30);
    h.press(KeyCode::Enter);
    assert_eq!(h.app.ctx(), stardrill::tui::keys::Ctx::Rubric);
    h.press(KeyCode::Char('o'));
    // By hand, of the eight points of Customer Obsession and Have Backbone: "Starts from a named
    // customer and a real pain" (customer, pain, named) and "Disagrees openly and respectfully, with
    // evidence, …" (openly, evidence) are covered; the other six share at most one word with it.
    h.chars("A named customer had a real pain. I disagreed openly, with evidence.");
    h.press(KeyCode::Esc);
    let covered = "Rubric points used 2/8: Starts from a named customer and a real pain, not from the team's plan, \
                   Disagrees openly and respectfully, with evidence, even with senior people · missed: ";
    let text = h.screen(200, 40);
    assert!(text.contains(covered), "Reveal:\n{text}");
    assert!(!text.contains("Key terms"), "{text}");
    h.snapshot("reveal_rubric_points");
    h.press(KeyCode::Enter);
    assert_eq!(h.app.ctx(), stardrill::tui::keys::Ctx::Score);
    let text = h.screen(200, 40);
    assert!(text.contains(&format!("  {covered}")), "Score:\n{text}");
    h.snapshot("score_rubric_points");
}
