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
use stardrill::drill::probes::ProbeSettings;
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

/// A story file of 200 stories, each a full STAR+L story over two principles, as `first_frame`
/// benches the start-up with.
static STORIES_PATH: LazyLock<PathBuf> = LazyLock::new(|| {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screens_stories_200.yaml");
    let principles: Vec<&str> = stardrill::bank::Principle::all().map(|p| p.name()).collect();
    let line = "We had a launch slipping by three weeks and a partner team with other priorities; ".repeat(3);
    let mut text = String::from("# yaml-language-server: $schema=stories.schema.json\n");
    for i in 0..200 {
        let (a, b) = (principles[i % 16], principles[(i * 7 + 3) % 16]);
        let ps = if a == b { format!("\"{a}\"") } else { format!("\"{a}\", \"{b}\"") };
        text.push_str(&format!(
            "- id: story-{i}\n  title: \"Story number {i}\"\n  principles: [{ps}]\n  situation: \"{line}\"\n  \
             task: \"{line}\"\n  action: \"{line}{line}\"\n  result: \"Shipped on time; 12% more conversions.\"\n  \
             learning: \"{line}\"\n"
        ));
    }
    std::fs::write(&path, text).expect("write the story file");
    path
});

fn main() {
    LazyLock::force(&INDEX_100K);
    LazyLock::force(&STORIES_PATH);
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

/// Your 200 stories handed over, as the app's story thread does once the file is read.
fn with_stories(app: &mut App) {
    let shelf = stardrill::stories::Shelf::load(STORIES_PATH.clone(), &app.bank.questions);
    app.set_stories(shelf);
}

/// A key press, and what the event loop does after it (reading a session's answers from the file).
fn press(app: &mut App, code: KeyCode) {
    press_key(app, KeyEvent::new(code, KeyModifiers::NONE));
}

fn press_key(app: &mut App, key: KeyEvent) {
    for effect in app.handle_key(key, now()) {
        match effect {
            Effect::ReadAnswers(rows) => {
                let read = app.history.records(&rows, &app.config.history_path).map_err(|e| e.to_string());
                let _effects = app.answers_read(read);
            }
            // Taken as saved, without writing to the benchmark's history file (the other cases read it).
            Effect::Save(record) => {
                let _effects = app.saved(*record, None, now());
            }
            // Done on threads of their own by the app: measured apart (`filtered_stats`, `plan`).
            Effect::ComputeStats(_)
            | Effect::ComputePlan(_)
            | Effect::EditStory(_)
            | Effect::Correct(_)
            | Effect::Bell => {}
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
        "probe" => {
            app.probes = ProbeSettings { count: Some(1), time: Duration::from_secs(60) };
            start_answering(&mut app);
            press(&mut app, KeyCode::Enter);
        }
        "summary" => {
            start_answering(&mut app);
            let _effects = app.tick(now().plus(Duration::from_secs(1)));
            press(&mut app, KeyCode::Enter);
            keys(&mut app, "a");
            press(&mut app, KeyCode::Enter);
            keys(&mut app, "4352");
            press(&mut app, KeyCode::Enter);
        }
        "reveal, rubric" => {
            // The Leadership Principles bank (`b` twice): its questions have no model answer.
            keys(&mut app, "bb");
            start_answering(&mut app);
            press(&mut app, KeyCode::Enter);
        }
        "stories list" => {
            with_stories(&mut app);
            keys(&mut app, "m");
        }
        "stories coverage" => {
            with_stories(&mut app);
            keys(&mut app, "m");
            press(&mut app, KeyCode::Tab);
        }
        "stories, one story" => {
            with_stories(&mut app);
            keys(&mut app, "m");
            press(&mut app, KeyCode::Enter);
        }
        "answering, story picked" => {
            with_stories(&mut app);
            start_answering(&mut app);
            keys(&mut app, "t");
        }
        "principle picker" => keys(&mut app, "p"),
        "confirm, quit with unsaved text" => {
            start_answering(&mut app);
            keys(&mut app, "oI led the launch");
            press_key(&mut app, KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        }
        "amend" => {
            keys(&mut app, "h");
            press(&mut app, KeyCode::Enter);
            press(&mut app, KeyCode::Enter);
            keys(&mut app, "a");
        }
        other => panic!("no screen {other}"),
    }
    // Each case is the screen it says it is, and (where named) shows what that screen shows.
    let (expected, shown) = match name {
        "browser" => (Ctx::Browser, None),
        "ready" => (Ctx::Ready, None),
        "answering" => (Ctx::Answering, None),
        n if n.starts_with("scratchpad") => (Ctx::Scratchpad, None),
        "reveal" => (Ctx::Reveal, None),
        "score, insights" => (Ctx::Score, Some("Scratchpad: 2100 words")),
        n if n.starts_with("score") => (Ctx::Score, None),
        n if n.starts_with("history") => (Ctx::History, None),
        n if n.starts_with("stats") => (Ctx::Stats, None),
        "help" => (Ctx::Help, None),
        "probe" => (Ctx::Probe, Some("Follow-up 1 of 1")),
        "summary" => (Ctx::Summary, Some("Drill complete: 1 answer saved")),
        "reveal, rubric" => (Ctx::Rubric, Some("No model answer")),
        "stories list" => (Ctx::Stories, Some("Your stories · 200 stories")),
        "stories coverage" => (Ctx::Stories, Some("✗ gap, no story (0): none")),
        "stories, one story" => (Ctx::Stories, Some("Shipped on time; 12% more conversions.")),
        "answering, story picked" => (Ctx::Answering, Some("▶ telling: Story number")),
        "principle picker" => (Ctx::Picker, Some("All principles")),
        "confirm, quit with unsaved text" => (Ctx::Confirm, Some("Quit stardrill? The text you typed")),
        "amend" => (Ctx::Amend, Some("Amend the scores")),
        other => panic!("no screen {other}"),
    };
    assert_eq!(app.ctx(), expected, "the bench case {name} is not on its screen");
    if let Some(shown) = shown {
        let mut buf = Buffer::empty(AREA);
        (&app).render(AREA, &mut buf);
        let text = (0..AREA.height)
            .map(|y| (0..AREA.width).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(text.contains(shown), "the bench case {name} does not show {shown:?}:\n{text}");
    }
    app
}

const SCREENS: [&str; 25] = [
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
    "probe",
    "summary",
    "reveal, rubric",
    "stories list",
    "stories coverage",
    "stories, one story",
    "answering, story picked",
    "principle picker",
    "confirm, quit with unsaved text",
    "amend",
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
