//! Properties of the terminal app on a TestBackend: random keys, pastes, resizes and clock ticks at
//! random sizes (1×1 to 200×60) never panic, every frame draws, and the update step does no I/O.

use std::time::{Duration, Instant};

use chrono::DateTime;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use stardrill::bank::Bank;
use stardrill::clock::{Now, Zone};
use stardrill::tui::{App, AppConfig, Effect, Screen};

#[derive(Debug, Clone)]
enum Step {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Resize(u16, u16),
    Wait(u64),
}

/// What the "event loop" of the property answers to a save.
#[derive(Debug, Clone, Copy)]
enum Outcome {
    Saved,
    Unconfirmed,
    Failed,
}

fn key() -> impl Strategy<Value = (KeyCode, KeyModifiers)> {
    let plain = prop_oneof![
        // The keys the app binds, more often than the rest.
        prop::sample::select(vec!['q', 'j', 'k', 'r', '/', 'l', 'p', 'c', 'h', 's', 'a', 'n', ' ', '?', 'y', 'g', 'G'])
            .prop_map(KeyCode::Char),
        prop::sample::select(vec!['1', '2', '3', '4', '5']).prop_map(KeyCode::Char),
        any::<char>().prop_map(KeyCode::Char),
        prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Backspace,
            KeyCode::Delete,
        ]),
    ];
    prop_oneof![
        6 => plain.prop_map(|c| (c, KeyModifiers::NONE)),
        1 => prop::sample::select(vec!['s', 'g', 'u', 'a', 'e', 'k', 'y', 'z'])
            .prop_map(|c| (KeyCode::Char(c), KeyModifiers::CONTROL)),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        12 => key().prop_map(|(c, m)| Step::Key(c, m)),
        1 => "(?s).{0,80}".prop_map(Step::Paste),
        1 => prop::sample::select(vec!["line one\r\nline two\n", "\u{1b}[2J\u{7}", "👨‍👩‍👧‍👦🇫🇷 x\t"])
            .prop_map(|s| Step::Paste(s.to_string())),
        1 => (1u16..=200, 1u16..=60).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => (0u64..400).prop_map(Step::Wait),
    ]
}

fn outcome() -> impl Strategy<Value = Outcome> {
    prop_oneof![Just(Outcome::Saved), Just(Outcome::Unconfirmed), Just(Outcome::Failed)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn random_input_never_panics_and_does_no_io(
        drill_first in any::<bool>(),
        size in (1u16..=200, 1u16..=60),
        steps in prop::collection::vec(step(), 1..80),
        outcomes in prop::collection::vec(outcome(), 8),
        seed in any::<u64>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let history_path = dir.path().join("history.jsonl");
        let config = AppConfig {
            history_path: history_path.clone(),
            random_count: 3,
            quiet: false,
            zone: Zone::Fixed(chrono::FixedOffset::east_opt(0).unwrap()),
            seed: Some(seed),
        plan: Default::default(),
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
    };
        let bank = Bank::bundled().unwrap();
        let mut app = App::new(bank.clone(), config, vec![]);
        // Follow-up probes on, as the command line has them, so the probe step is driven too.
        app.probes = stardrill::drill::probes::ProbeSettings { count: None, time: Duration::from_secs(60) };
        let mut now = Now { instant: Instant::now(), wall: DateTime::parse_from_rfc3339("2026-11-26T12:00:00+00:00").unwrap() };
        if drill_first {
            let qs = ["1", "101"].iter().map(|n| bank.get(n).unwrap().clone()).collect();
            app.start_drill(qs, None, now);
        }
        let (mut w, mut h) = size;
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut saves = 0usize;
        let mut saved = 0usize;
        for step in steps {
            let effects = match step {
                Step::Key(code, mods) => app.handle_key(KeyEvent::new(code, mods), now),
                Step::Paste(text) => app.handle_paste(&text, now),
                Step::Resize(nw, nh) => {
                    (w, h) = (nw, nh);
                    terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                    Vec::new()
                }
                Step::Wait(secs) => {
                    now = now.plus(Duration::from_secs(secs));
                    app.tick(now)
                }
            };
            // The event loop's part, without a file: an outcome chosen by the property.
            let mut queue = effects;
            while let Some(effect) = queue.pop() {
                if let Effect::Save(record) = effect {
                    let o = outcomes[saves % outcomes.len()];
                    saves += 1;
                    queue.extend(match o {
                        Outcome::Saved => { saved += 1; app.saved(*record, None, now) }
                        Outcome::Unconfirmed => { saved += 1; app.saved(*record, Some("EIO".into()), now) }
                        Outcome::Failed => app.save_failed("disk full"),
                    });
                }
            }
            terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
            prop_assert!(!history_path.exists(), "the update step wrote the history file");
            prop_assert_eq!(app.history.len(), saved, "every confirmed save is in the history, once");
            if let Screen::Drill(d) = &app.screen {
                prop_assert!(d.session.saved.len() <= d.session.questions().len());
            }
            if app.should_quit() {
                break;
            }
        }
    }
}
