//! Every screen drawn at 200×60 with a 100,000-record history, and the key presses that open the
//! screens whose content comes from the history.
//!
//! `cargo bench --bench screens`. Target (README "Performance"): every frame under 1 ms, and no key
//! press whose cost grows with the number of records beyond what the screen shows.
//!
//! A draw renders the whole app widget into a fresh buffer, as `Terminal::draw` does each frame (the
//! terminal's diff and write are the same for every screen and not counted).

use std::path::PathBuf;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use chrono::DateTime;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use stardrill::bank::Bank;
use stardrill::clock::{Now, Zone};
use stardrill::history_index::HistoryIndex;
use stardrill::tui::keys::Ctx;
use stardrill::tui::{App, AppConfig, Effect};

#[path = "../examples/gen_history.rs"]
#[allow(dead_code)]
mod gen_history;

const RECORDS: usize = 100_000;
const AREA: Rect = Rect { x: 0, y: 0, width: 200, height: 60 };

static HISTORY_PATH: LazyLock<PathBuf> =
    LazyLock::new(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screens_history_100k.jsonl"));

/// The history as the app's reader thread hands it over.
static INDEX_100K: LazyLock<HistoryIndex> = LazyLock::new(|| {
    gen_history::write_file(&HISTORY_PATH, RECORDS, gen_history::DEFAULT_SEED).expect("write the benchmark history");
    HistoryIndex::read(&HISTORY_PATH, zone()).expect("read the benchmark history")
});

fn main() {
    LazyLock::force(&INDEX_100K);
    divan::main();
}

fn zone() -> Zone {
    Zone::Fixed(chrono::FixedOffset::east_opt(0).unwrap())
}

fn now() -> Now {
    Now { instant: Instant::now(), wall: DateTime::parse_from_rfc3339("2026-11-26T12:00:00+00:00").unwrap() }
}

fn app() -> App {
    let config = AppConfig {
        history_path: HISTORY_PATH.clone(),
        random_count: 3,
        quiet: true,
        zone: zone(),
        seed: Some(1),
        plan: Default::default(),
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
    };
    // As the app starts: the first frame without the history, then the reader thread's index
    // handed over.
    let mut app = App::new(Bank::bundled().expect("bundled bank"), config, Vec::new());
    app.set_history_loading();
    for effect in app.history_loaded(Ok(INDEX_100K.clone())) {
        if let Effect::ComputePlan(request) = effect {
            let today = request.compute(&app.history, &app.bank);
            let _effects = app.plan_computed(request.generation, today);
        }
    }
    app
}

/// A key press, and what the event loop does after it (reading a session's answers from the file).
fn press(app: &mut App, code: KeyCode) {
    for effect in app.handle_key(KeyEvent::new(code, KeyModifiers::NONE), now()) {
        match effect {
            Effect::ReadAnswers(rows) => {
                let read = app.history.records(&rows, &app.config.history_path).map_err(|e| e.to_string());
                let _effects = app.answers_read(read);
            }
            // Done on threads of their own by the app: measured apart (`filtered_stats`, `plan`).
            Effect::ComputeStats(_)
            | Effect::ComputePlan(_)
            | Effect::EditStory(_)
            | Effect::Correct(_)
            | Effect::Bell
            | Effect::Save(_) => {}
        }
    }
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// A typed-out answer of 2,100 words (fifteen minutes at 140 a minute), as pasted into the
/// scratchpad: 300 lines of seven words, or (`one_line`) one paragraph of it all.
fn transcript(one_line: bool) -> String {
    let line = "I decided to cut churn by 12%";
    let sep = if one_line { " " } else { "\n" };
    vec![line; 300].join(sep)
}

/// Drill the selected question from the browser: drilled before (the history holds every question),
/// it waits on its ready step for Enter to start the clock.
fn start_answering(app: &mut App) {
    press(app, KeyCode::Enter);
    if app.ctx() == Ctx::Ready {
        press(app, KeyCode::Enter);
    }
}

/// The scratchpad opened while answering, a transcript pasted in.
fn with_transcript(app: &mut App, one_line: bool) {
    start_answering(app);
    keys(app, "o");
    let _effects = app.handle_paste(&transcript(one_line), now());
}

/// The app on each screen, reached by keys as a user would.
fn on_screen(name: &str) -> App {
    let mut app = app();
    match name {
        "browser" => {}
        "ready" => press(&mut app, KeyCode::Enter),
        "answering" => start_answering(&mut app),
        "reveal" => {
            start_answering(&mut app);
            press(&mut app, KeyCode::Enter);
            keys(&mut app, "a");
        }
        "score" => {
            start_answering(&mut app);
            let _effects = app.tick(now().plus(Duration::from_secs(1)));
            press(&mut app, KeyCode::Enter);
            keys(&mut app, "a");
            press(&mut app, KeyCode::Enter);
            keys(&mut app, "43");
        }
        "scratchpad, 300 lines" => with_transcript(&mut app, false),
        "scratchpad, one paragraph" => with_transcript(&mut app, true),
        "score, insights" => {
            with_transcript(&mut app, false);
            press(&mut app, KeyCode::Esc);
            press(&mut app, KeyCode::Enter);
            keys(&mut app, "a");
            press(&mut app, KeyCode::Enter);
            keys(&mut app, "43");
        }
        "history sessions" => keys(&mut app, "h"),
        "history answers" => {
            keys(&mut app, "h");
            press(&mut app, KeyCode::Enter);
        }
        "history answer" => {
            keys(&mut app, "h");
            press(&mut app, KeyCode::Enter);
            press(&mut app, KeyCode::Enter);
        }
        "stats overview" => keys(&mut app, "s"),
        "stats coverage" => {
            keys(&mut app, "s");
            press(&mut app, KeyCode::Tab);
        }
        "stats weakest" => {
            keys(&mut app, "s");
            press(&mut app, KeyCode::Tab);
            press(&mut app, KeyCode::Tab);
        }
        "help" => keys(&mut app, "?"),
        other => panic!("no screen {other}"),
    }
    // Each case is the screen it says it is.
    let expected = match name {
        "browser" => Ctx::Browser,
        "ready" => Ctx::Ready,
        "answering" => Ctx::Answering,
        n if n.starts_with("scratchpad") => Ctx::Scratchpad,
        "reveal" => Ctx::Reveal,
        n if n.starts_with("score") => Ctx::Score,
        n if n.starts_with("history") => Ctx::History,
        n if n.starts_with("stats") => Ctx::Stats,
        _ => Ctx::Help,
    };
    assert_eq!(app.ctx(), expected, "the bench case {name} is not on its screen");
    if name == "score, insights" {
        let mut buf = Buffer::empty(AREA);
        (&app).render(AREA, &mut buf);
        let text: String = buf.content.iter().map(|c| c.symbol()).collect();
        assert!(text.contains("Scratchpad: 2100 words"), "no insights on the score screen");
    }
    app
}

const SCREENS: [&str; 15] = [
    "browser",
    "ready",
    "answering",
    "scratchpad, 300 lines",
    "scratchpad, one paragraph",
    "reveal",
    "score",
    "score, insights",
    "history sessions",
    "history answers",
    "history answer",
    "stats overview",
    "stats coverage",
    "stats weakest",
    "help",
];

/// One frame of a screen at 200×60.
#[divan::bench(args = SCREENS, sample_count = 50)]
fn draw(bencher: divan::Bencher, screen: &str) {
    let app = on_screen(screen);
    bencher.bench_local(|| {
        let mut buf = Buffer::empty(AREA);
        (&app).render(AREA, &mut buf);
        buf
    });
}

/// A key that opens or moves through a history-backed screen.
#[divan::bench(
    args = ["h (open history)", "s (open stats)", "↓ in history", "Enter (open a session)", "↓ in stats weakest", "l (stats by level)"],
    sample_count = 20
)]
fn key(bencher: divan::Bencher, what: &str) {
    bencher
        .with_inputs(|| match what {
            "↓ in history" | "Enter (open a session)" => on_screen("history sessions"),
            "↓ in stats weakest" => on_screen("stats weakest"),
            "l (stats by level)" => on_screen("stats overview"),
            _ => app(),
        })
        .bench_local_values(|mut app| {
            match what {
                "h (open history)" => keys(&mut app, "h"),
                "s (open stats)" => keys(&mut app, "s"),
                "Enter (open a session)" => press(&mut app, KeyCode::Enter),
                "l (stats by level)" => keys(&mut app, "l"),
                _ => press(&mut app, KeyCode::Down),
            }
            app
        });
}

/// Stats under a filter, computed off the key press (the Stats screen says so meanwhile): every one of
/// the 100,000 answers folded again.
#[divan::bench(sample_count = 20)]
fn filtered_stats(bencher: divan::Bencher) {
    let app = app();
    let bank = Bank::bundled().expect("bundled bank");
    let request = stardrill::tui::StatsRequest {
        generation: 1,
        level: Some(stardrill::bank::LevelRange::parse("L6").expect("a level")),
        principle: None,
        zone: zone(),
    };
    bencher.bench_local(|| request.compute(&app.history, &bank));
}

/// Today's plan worked out from 100,000 answers (on its own thread in the app, after the history is
/// read and after each save).
#[divan::bench(sample_count = 20)]
fn plan(bencher: divan::Bencher) {
    let app = app();
    let request = stardrill::tui::PlanRequest {
        generation: 1,
        settings: stardrill::schedule::PlanSettings::default(),
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("a date"),
        zone: zone(),
    };
    bencher.bench_local(|| request.compute(&app.history, &app.bank));
}
