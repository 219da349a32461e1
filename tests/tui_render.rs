//! How the TUI draws hostile and awkward text: control characters, emoji sequences, megabyte words,
//! prompts of 65,536+ lines; and what is cut, scrolled, paged and rounded. Drawn on a TestBackend.

use std::time::{Duration, Instant};

use chrono::DateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use stardrill::bank::{Bank, Bullet};
use stardrill::history::{Record, Scores};
use stardrill::text::width;
use stardrill::tui::Screen;

const OSC_TITLE: &str = "\x1b]0;pwned\x07";
const CLEAR: &str = "\x1b[2J";
const FAMILY: &str = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
const FLAG: &str = "\u{1f1ef}\u{1f1f5}";
const THUMB: &str = "\u{1f44d}\u{1f3fd}";

#[path = "common/tui_app.rs"]
mod tui_app;
use tui_app::Harness;

impl Harness {
    fn new(bank: Bank, history: Vec<Record>) -> Harness {
        Harness::start(bank, history, Some(1))
    }

    /// Drill the bank's question at this index.
    fn drill(&mut self, index: usize) {
        let q = self.app.bank.questions[index].clone();
        self.drill_questions(vec![q]);
    }

    /// The screen's rows as a terminal shows them: each cell's symbol, a wide one covering the next cell.
    fn rows(&self, w: u16, h: u16) -> Vec<String> {
        let terminal = self.terminal(w, h);
        let buf = terminal.backend().buffer();
        (0..h)
            .map(|y| {
                let mut row = String::new();
                let mut x = 0;
                while x < w {
                    let symbol = buf[(x, y)].symbol();
                    row.push_str(symbol);
                    x += u16::try_from(width(symbol).max(1)).unwrap();
                }
                row
            })
            .collect()
    }

    /// Draw, and fail if any cell holds a control character: nothing raw reaches the terminal.
    fn assert_no_raw_controls(&self, w: u16, h: u16) {
        let terminal = self.terminal(w, h);
        for cell in terminal.backend().buffer().content() {
            assert!(!cell.symbol().chars().any(char::is_control), "a raw control in {:?}", cell.symbol());
        }
    }

    /// The text inside the full-width box whose top border is the first row after the row `above`
    /// picks (or that row itself when `on_border`), its last column (a scroll bar) left out.
    fn box_lines(&self, w: u16, hgt: u16, above: impl Fn(&str) -> bool, on_border: bool) -> Vec<String> {
        let rows = self.rows(w, hgt);
        let found = rows.iter().position(|r| above(r)).unwrap_or_else(|| panic!("no such row:\n{}", rows.join("\n")));
        let top = u16::try_from(found).unwrap() + u16::from(!on_border);
        let terminal = self.terminal(w, hgt);
        let buf = terminal.backend().buffer();
        assert_eq!(buf[(0, top)].symbol(), "┌", "{}", rows.join("\n"));
        (top + 1..hgt)
            .take_while(|&y| buf[(0, y)].symbol() != "└")
            .map(|y| (1..w - 2).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect()
    }

    /// How long one frame takes to draw.
    fn frame_time(&self, w: u16, h: u16) -> Duration {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        let started = Instant::now();
        terminal.draw(|f| f.render_widget(&self.app, f.area())).unwrap();
        started.elapsed()
    }
}

fn record(bank: &Bank, index: usize, used: f64, note: &str) -> Record {
    let q = &bank.questions[index];
    let at = DateTime::parse_from_rfc3339("2026-11-24T12:00:00Z").unwrap();
    Record {
        time_used_secs: used,
        note: note.to_string(),
        ..Record::of_question(q, "s1", at, Scores::from_parts([4, 3, 5, 2]))
    }
}

/// The bundled bank with question 1 changed by `change`.
fn bank_with(change: impl FnOnce(&mut stardrill::bank::Question)) -> Bank {
    let mut bank = Bank::bundled().unwrap().only_banks(&["amazon-pm"]);
    change(&mut bank.questions[0]);
    bank
}

#[test]
fn control_characters_in_bank_text_and_notes_are_drawn_visibly() {
    let bank = bank_with(|q| {
        q.title = format!("Align teams{OSC_TITLE} now{CLEAR}");
        q.prompt = format!("Tell me{CLEAR} about a time{OSC_TITLE}.");
        let mut answer = q.answer.to_vec();
        answer[0].block.bullets.push(Bullet::Plain(format!("bell\x07 and escape{CLEAR}")));
        q.answer = answer.into();
    });
    let note = format!("my note{OSC_TITLE} then{CLEAR} end");
    let history = vec![record(&bank, 0, 200.0, &note)];
    let mut h = Harness::new(bank, history);

    // The browser: the list's title cell and the detail pane.
    let text = h.screen(120, 40);
    assert!(text.contains("Align teams^[]0;pwned^G now^[[2J"), "{text}");
    assert!(text.contains("Tell me^[[2J about a time^[]0;pwned^G."), "{text}");
    insta::assert_snapshot!("controls_browser_120x40", text);
    h.assert_no_raw_controls(120, 40);
    h.assert_no_raw_controls(80, 24);

    // The history's answers table and one answer in full.
    h.press(KeyCode::Char('h'));
    h.press(KeyCode::Enter);
    let text = h.screen(120, 40);
    assert!(text.contains("my note^[]0;pwned^G then^[[2…"), "cut to the note column:\n{text}");
    h.assert_no_raw_controls(120, 40);
    h.press(KeyCode::Enter);
    let text = h.screen(80, 24);
    assert!(text.contains("my note^[]0;pwned^G then^[[2J end"), "{text}");
    assert!(text.contains("Align teams^[]0;pwned^G now^[[2J"), "{text}");
    insta::assert_snapshot!("controls_history_answer_80x24", text);
    h.assert_no_raw_controls(80, 24);

    // A drill of it: its last note before the clock starts, answering, then the model answer.
    h.chars("qqq");
    h.drill(0);
    let text = h.screen(80, 24);
    assert!(text.contains("Your note: my note^[]0;pwned^G then^[[2J end"), "{text}");
    h.assert_no_raw_controls(80, 24);
    h.press(KeyCode::Enter);
    let text = h.screen(80, 24);
    assert!(text.contains("Align teams^[]0;pwned^G now^[[2J"), "{text}");
    assert!(text.contains("Tell me^[[2J about a time^[]0;pwned^G."), "{text}");
    h.assert_no_raw_controls(80, 24);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('a'));
    for _ in 0..20 {
        h.press(KeyCode::PageUp);
    }
    let text = h.screen(120, 40);
    assert!(text.contains("bell^G and escape^[[2J"), "{text}");
    h.assert_no_raw_controls(120, 40);
}

#[test]
fn emoji_sequences_keep_every_border_in_place() {
    let title = format!("Team {FAMILY} goals {FLAG} launch {THUMB} review {FAMILY}{FLAG}{THUMB} and more words here");
    let bank = bank_with(|q| {
        q.title = title.clone();
        // Spaced, then one unbroken run that must be cut between clusters.
        q.prompt = format!("{FAMILY}{FLAG}{THUMB} ").repeat(40) + &format!("{FAMILY}{FLAG}{THUMB}").repeat(40);
    });
    let history = vec![record(&bank, 0, 100.0, &format!("{FAMILY} note {FLAG}"))];
    let mut h = Harness::new(bank, history);
    let check = |h: &Harness, what: &str| {
        for (w, hgt) in [(80, 24), (120, 40), (47, 14)] {
            for row in h.rows(w, hgt) {
                assert_eq!(width(&row), usize::from(w), "{what} at {w}: {row:?}");
            }
            // No stray half of a sequence: every cell holding part of one holds all of it.
            let terminal = h.terminal(w, hgt);
            for cell in terminal.backend().buffer().content() {
                let symbol = cell.symbol();
                let part_of = |seq: &str| seq.chars().any(|c| c != '\u{200d}' && symbol.contains(c));
                for seq in [FAMILY, FLAG, THUMB] {
                    assert!(!part_of(seq) || symbol == seq, "{what} at {w}: a broken sequence {symbol:?}");
                }
            }
        }
    };
    check(&h, "browser");
    let browser = h.screen(80, 24);
    // The list row keeps its right border after the cut title.
    let row = h.rows(80, 24).into_iter().find(|r| r.contains("Team")).unwrap();
    assert!(row.ends_with('│'), "{row}");
    h.press(KeyCode::Char('h'));
    h.press(KeyCode::Enter);
    check(&h, "history answers");
    h.press(KeyCode::Enter);
    check(&h, "one answer");
    h.chars("qqq");
    h.drill(0);
    check(&h, "answering");
    insta::assert_snapshot!("emoji_browser_80x24", browser);
}

#[test]
fn a_search_holding_emoji_edits_whole_sequences_and_stays_on_its_line() {
    let mut h = Harness::new(Bank::bundled().unwrap().only_banks(&["amazon-pm"]), vec![]);
    h.press(KeyCode::Char('/'));
    h.chars(&format!("{FAMILY}{FLAG}{THUMB}").repeat(6));
    // Into the text and out again, deleting on the way: each key takes one whole sequence.
    h.press(KeyCode::Left);
    h.press(KeyCode::Left);
    h.press(KeyCode::Backspace);
    h.press(KeyCode::Right);
    h.press(KeyCode::Backspace);
    for (w, hgt) in [(80, 24), (120, 40), (47, 14)] {
        let rows = h.rows(w, hgt);
        for row in &rows {
            assert_eq!(width(row), usize::from(w), "at {w}: {row:?}");
        }
        let search = &rows[1];
        assert!(search.contains("Search: "), "at {w}: {search:?}");
        let terminal = h.terminal(w, hgt);
        for cell in terminal.backend().buffer().content() {
            let symbol = cell.symbol();
            for seq in [FAMILY, FLAG, THUMB] {
                let part_of = seq.chars().any(|c| c != '\u{200d}' && symbol.contains(c));
                assert!(!part_of || symbol == seq, "at {w}: a broken sequence {symbol:?} in {search:?}");
            }
        }
        // The boxes below keep their borders.
        assert!(rows[2].starts_with('┌') && rows[2].ends_with('┐'), "at {w}: {:?}", rows[2]);
    }
    // The sixth group lost its family and its flag, whole: the cursor sits before its thumb.
    let row = &h.rows(120, 40)[1];
    let field = row.split("Search: ").nth(1).unwrap().trim_end();
    assert!(field.ends_with(&format!("{FAMILY}{FLAG}{THUMB}▏{THUMB}")), "{field:?}");
}

#[test]
fn a_prompt_of_65535_wrapped_lines_renders_without_overflow() {
    // Seven ten-letter words fill the 76 cells of the answering screen's prompt box at 80×24, so this
    // wraps to 65,535 lines: a count plus the box's borders overflowed a u16 (a debug build panicked).
    let bank = bank_with(|q| q.prompt = "abcdefghij ".repeat(7 * 65_535));
    let mut h = Harness::new(bank, vec![]);
    h.drill(0);
    let text = h.screen(80, 24);
    assert!(text.contains("abcdefghi…"), "a cut prompt ends in an ellipsis:\n{text}");
    h.press(KeyCode::Enter);
    h.screen(80, 24);
}

#[test]
fn a_prompt_of_more_than_65535_lines_renders_without_overflow() {
    // Debug builds panic on u16 overflow: every size here must saturate.
    let lines = 70_000;
    let bank = bank_with(|q| {
        q.prompt = "line\n".repeat(lines);
        let mut answer = q.answer.to_vec();
        answer[0].block.paragraphs.push("more\n".repeat(lines));
        q.answer = answer.into();
    });
    let mut h = Harness::new(bank, vec![]);
    for (w, hgt) in [(80, 24), (40, 12), (200, 60)] {
        h.screen(w, hgt);
    }
    for _ in 0..5 {
        h.chars("J");
    }
    assert!(h.screen(80, 24).contains("↓ more: J"));
    h.drill(0);
    let text = h.screen(80, 24);
    assert!(text.contains("line…"), "a cut prompt ends in an ellipsis:\n{text}");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('a'));
    for _ in 0..3 {
        h.press(KeyCode::PageDown);
        for (w, hgt) in [(80, 24), (40, 12), (200, 60)] {
            h.screen(w, hgt);
        }
    }
}

#[test]
fn a_megabyte_word_draws_in_linear_time() {
    let word = "x".repeat(1 << 20);
    let cjk = "語".repeat(1 << 18);
    let bank = bank_with(|q| {
        q.prompt = word.clone();
        let mut answer = q.answer.to_vec();
        answer[0].block.paragraphs.push(word.clone());
        answer[0].block.paragraphs.push(cjk.clone());
        q.answer = answer.into();
    });
    let mut h = Harness::new(bank, vec![]);
    // Generous for a debug build on a busy machine; quadratic splitting took seconds per frame.
    let limit = Duration::from_millis(1500);
    let t = h.frame_time(120, 40);
    assert!(t < limit, "browser frame {t:?}");
    h.drill(0);
    let t = h.frame_time(120, 40);
    assert!(t < limit, "answering frame {t:?}");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('a'));
    let t = h.frame_time(120, 40);
    assert!(t < limit, "reveal frame {t:?}");
    // One view wraps at most 2,000 lines and then says where the whole answer is printed.
    for _ in 0..150 {
        h.press(KeyCode::PageDown);
    }
    let text = h.screen(120, 40);
    assert!(text.contains("the first 2000 lines are shown; `stardrill show 1` prints it all"), "{text}");
}

#[test]
fn a_megabyte_note_costs_only_what_the_screen_shows() {
    let bank = Bank::bundled().unwrap().only_banks(&["amazon-pm"]);
    let note = "word ".repeat((1 << 20) / 5);
    let history = vec![record(&bank, 0, 100.0, &note)];
    let mut h = Harness::new(bank, history);
    h.press(KeyCode::Char('h'));
    h.press(KeyCode::Enter);
    // The answers table cuts the note at its column, from its start alone.
    let t = h.frame_time(120, 40);
    assert!(t < Duration::from_millis(100), "answers frame {t:?}");
    h.press(KeyCode::Enter);
    let t = h.frame_time(120, 40);
    // Before, the whole note was wrapped on every key: 0.35 s a frame in a release build.
    assert!(t < Duration::from_millis(100), "answer frame {t:?}");
    let text = h.screen(120, 40);
    assert!(text.contains("↓ more (PgDn)") && !text.contains("↑ more"), "{text}");
    h.press(KeyCode::PageDown);
    h.press(KeyCode::PageDown);
    let t = h.frame_time(120, 40);
    assert!(t < Duration::from_millis(100), "scrolled answer frame {t:?}");
    let text = h.screen(120, 40);
    assert!(text.contains("↑ more (PgUp)") && text.contains("word word"), "{text}");
    // End reaches the last line one view wraps, which says where the whole note is.
    h.press(KeyCode::End);
    let text = h.screen(120, 40);
    assert!(text.contains("`stardrill history --json` prints it all") && !text.contains("↓ more"), "{text}");
    let t = h.frame_time(120, 40);
    assert!(t < Duration::from_millis(300), "the last page's frame {t:?}");
    h.press(KeyCode::Home);
    assert!(h.screen(120, 40).contains("Answered"));
}

/// A page down leaves the last line of the page before at the top: one page rule in every text view.
fn assert_pages_keep_one_line(before: &[String], after: &[String], what: &str) {
    let height = before.len();
    assert!(height > 3 && after.len() == height, "{what}: {before:#?}");
    assert_eq!(after[0], before[height - 1], "{what}: the last line stays, as the first\n{before:#?}\n{after:#?}");
    assert_ne!(after[1], before[height - 1], "{what}: only one line stays\n{before:#?}\n{after:#?}");
}

#[test]
fn every_text_view_pages_by_its_height_less_one_line() {
    let words = |what: &str| (1..=300).map(|i| format!("{what}{i}")).collect::<Vec<_>>().join(" ");
    let bank = bank_with(|q| q.prompt = words("prompt"));
    let history = vec![record(&bank, 0, 100.0, &words("note"))];
    let mut h = Harness::new(bank, history);
    let (w, hgt) = (80, 24);

    // The browser's detail pane, with J.
    let detail = |h: &Harness| h.box_lines(w, hgt, |r| r.starts_with("┌ Question "), true);
    let before = detail(&h);
    h.chars("J");
    assert_pages_keep_one_line(&before, &detail(&h), "browser detail");

    // One answer in the History, with PgDn.
    h.press(KeyCode::Char('h'));
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    let answer = |h: &Harness| h.box_lines(w, hgt, |r| r.starts_with("Answer to question"), false);
    let before = answer(&h);
    h.press(KeyCode::PageDown);
    assert_pages_keep_one_line(&before, &answer(&h), "history answer");
    h.chars("qqq");

    // The model answer, with PgDn from its top (a question drilled before waits for Enter first).
    h.drill(0);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('a'));
    for _ in 0..30 {
        h.press(KeyCode::PageUp);
    }
    let model = |h: &Harness| h.box_lines(w, hgt, |r| r.starts_with("┌ Model answer"), true);
    let before = model(&h);
    assert!(before[0].contains("[Situation]"), "{before:#?}");
    h.press(KeyCode::PageDown);
    assert_pages_keep_one_line(&before, &model(&h), "model answer");
}

/// The header's count and the filter line's level, at 120 columns.
fn level_and_count(h: &Harness) -> (String, String) {
    let rows = h.rows(120, 40);
    let count = rows[0].trim_end().split("   ").last().unwrap().to_string();
    let level = rows[1].split("   ").next().unwrap().trim().to_string();
    (level, count)
}

#[test]
fn the_level_key_steps_through_levels_that_narrow_and_says_how_many_match() {
    let mut h = Harness::new(Bank::bundled().unwrap().only_banks(&["amazon-pm"]), vec![]);
    let mut seen = vec![level_and_count(&h)];
    for _ in 0..3 {
        h.press(KeyCode::Char('l'));
        seen.push(level_and_count(&h));
    }
    let pair = |l: &str, c: &str| (l.to_string(), c.to_string());
    // L6 matched all ten questions and was one of the three steps; now each step narrows.
    assert_eq!(
        seen,
        [
            pair("Level: all", "10 of 10 questions"),
            pair("Level: L5", "6 of 10 questions"),
            pair("Level: L7", "4 of 10 questions"),
            pair("Level: all", "10 of 10 questions"),
        ]
    );

    // A bank whose levels spread wider steps through ranges as well.
    let mut bank = Bank::bundled().unwrap().only_banks(&["amazon-pm"]);
    for (q, level) in bank.questions.iter_mut().zip(["L4-L5", "L5-L6", "L6-L7", "L7-L8"]) {
        q.level = stardrill::bank::LevelRange::parse(level).unwrap();
        q.level_text = level.to_string();
    }
    bank.questions.truncate(4);
    let mut h = Harness::new(bank, vec![]);
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Char('l'));
    assert_eq!(level_and_count(&h), pair("Level: L4-L5", "2 of 4 questions"));
    h.press(KeyCode::Char('s'));
    assert!(h.screen(120, 40).contains("Level: L4-L5"), "Stats keeps the range:\n{}", h.screen(120, 40));
}

#[test]
fn a_one_question_bank_counts_one_question() {
    let mut bank = Bank::bundled().unwrap().only_banks(&["amazon-pm"]);
    bank.questions.truncate(1);
    let h = Harness::new(bank, vec![]);
    assert_eq!(level_and_count(&h).1, "1 of 1 question");
}

#[test]
fn the_browser_detail_scrolls_to_the_end_of_the_prompt() {
    let mut h = Harness::new(Bank::bundled().unwrap().only_banks(&["amazon-pm"]), vec![]);
    // The first question whose prompt is cut at 80×24 (seven of ten were, with no way to scroll).
    let mut index = 0;
    while !h.screen(80, 24).contains("↓ more: J") {
        h.press(KeyCode::Down);
        index += 1;
        assert!(index < 10, "no prompt is cut at 80×24");
    }
    let q = h.app.bank.questions[index].clone();
    let last_word = q.prompt.split_whitespace().last().unwrap().to_string();
    assert!(!h.screen(80, 24).contains(&last_word));
    for _ in 0..6 {
        h.chars("J");
    }
    let text = h.screen(80, 24);
    assert!(text.contains(&last_word) && !text.contains("↓ more") && text.contains("↑ K"), "J scrolls:\n{text}");
    insta::assert_snapshot!("browser_detail_scrolled_80x24", text);
    for _ in 0..6 {
        h.chars("K");
    }
    let text = h.screen(80, 24);
    assert!(text.contains("↓ more: J") && !text.contains("↑ K"), "K scrolls back:\n{text}");
    // Another question starts at its top.
    h.chars("J");
    h.press(KeyCode::Down);
    assert!(!h.screen(80, 24).contains("↑ K"));
}

#[test]
fn page_down_moves_one_screen_of_rows() {
    let mut h = Harness::new(Bank::bundled().unwrap().only_banks(&["amazon-pm"]), vec![]);
    // At 80×24 the list shows seven rows: PgDn lands on the eighth, skipping none.
    let text = h.screen(80, 24);
    assert!(text.contains("│  7 AWS Cost") && !text.contains("│  8 "), "{text}");
    h.press(KeyCode::PageDown);
    assert!(h.screen(80, 24).contains("▶ 8 "), "{}", h.screen(80, 24));
    h.press(KeyCode::PageUp);
    assert!(h.screen(80, 24).contains("▶ 1 "));
    // The picker and the history page the same way.
    h.press(KeyCode::Char('p'));
    h.press(KeyCode::PageDown);
    let text = h.screen(80, 24);
    assert!(!text.contains("▶    All principles"), "{text}");
}

#[test]
fn every_principle_probed_is_on_the_answering_screen() {
    let bank = Bank::bundled().unwrap().only_banks(&["amazon-pm"]);
    let (index, q) = bank.questions.iter().enumerate().max_by_key(|(_, q)| q.principles.len()).unwrap();
    let names = q.principle_names();
    assert!(names.len() >= 8, "the bundled bank has a question probing eight principles");
    let mut h = Harness::new(bank.clone(), vec![]);
    h.drill(index);
    for (w, hgt) in [(80, 24), (120, 40)] {
        let rows = h.rows(w, hgt);
        let start = rows.iter().position(|r| r.starts_with("Probes:")).unwrap();
        let probes: Vec<&str> = rows[start..].iter().take_while(|r| !r.trim().is_empty()).map(|r| r.trim()).collect();
        let joined = probes.join(" ");
        for name in &names {
            assert!(joined.contains(name.as_str()), "{name} missing at {w}×{hgt}: {joined}");
        }
        assert!(!joined.contains('…'));
    }
    insta::assert_snapshot!("answering_eight_principles_80x24", h.screen(80, 24));
}

#[test]
fn one_rounding_rule_from_the_reveal_to_the_summary_and_history() {
    let mut h = Harness::new(Bank::bundled().unwrap().only_banks(&["amazon-pm"]), vec![]);
    h.drill(0);
    // 34.96 s: the reveal showed the clock's 00:34, every later screen the record's 00:35.
    h.wait(Duration::from_millis(34_960));
    h.press(KeyCode::Enter);
    let text = h.screen(120, 40);
    assert!(text.contains("time 00:35 / 03:00"), "{text}");
    h.press(KeyCode::Char('a'));
    h.press(KeyCode::Enter);
    h.chars("4444");
    h.press(KeyCode::Enter);
    assert!(matches!(h.app.screen, Screen::Summary(_)));
    let text = h.screen(120, 40);
    assert!(text.contains("00:35 / 03:00") && text.contains("time 00:35"), "{text}");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('h'));
    let text = h.screen(120, 40);
    assert!(text.contains("00:35"), "{text}");
}

#[test]
fn over_time_is_marked_without_colour() {
    let bank = Bank::bundled().unwrap().only_banks(&["amazon-pm"]);
    let history = vec![record(&bank, 0, 200.2, ""), record(&bank, 1, 100.0, "")];
    let mut h = Harness::new(bank, history);
    h.press(KeyCode::Char('h'));
    let text = h.screen(120, 40);
    // 03:21 + 01:40 = 05:01: the total is the sum of the rows as shown.
    assert!(text.contains("05:01 !") && text.contains("! over time"), "{text}");
    // Narrow, the time column goes and the mark moves beside the score.
    let text = h.screen(50, 20);
    assert!(text.contains("3.50 !"), "{text}");
    h.press(KeyCode::Enter);
    let text = h.screen(120, 40);
    assert!(text.contains("03:21/03:00 !") && text.contains("01:40/15:00  "), "{text}");
    let text = h.screen(60, 20);
    assert_eq!(text.matches("3.50 !").count(), 1, "only the answer over time is marked:\n{text}");
    h.press(KeyCode::Enter);
    let text = h.screen(120, 40);
    assert!(text.contains("03:21 of 03:00 (over time +00:21)"), "{text}");
}

#[test]
fn help_on_a_small_terminal_says_more_keys_follow() {
    let mut h = Harness::new(Bank::bundled().unwrap().only_banks(&["amazon-pm"]), vec![]);
    h.press(KeyCode::Char('?'));
    let text = h.screen(40, 12);
    assert!(text.contains("… more keys: a taller") || text.contains("… more keys…"), "{text}");
    // Tall enough for every browser key (the Stories key made the list one line longer than 24 rows).
    let text = h.screen(40, 25);
    assert!(text.contains("Ctrl-C    quit at once (saved score…"), "long lines end in …:\n{text}");
    assert!(!h.screen(80, 24).contains("more keys"), "all fit at 80×24");
}

/// With the LP bank loaded, question numbers reach 149: the number column widens to show them whole.
#[test]
fn three_digit_question_numbers_show_whole() {
    let mut h = Harness::new(Bank::bundled().unwrap(), vec![]);
    h.press(KeyCode::End);
    let text = h.screen(120, 40);
    assert!(text.contains("│▶149 "), "the last question, numbered 149:\n{text}");
    assert!(text.contains("│  148 ") || text.contains("│ 148 "), "{text}");
}
