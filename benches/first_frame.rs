//! First frame: the time from starting a process in a 120×40 pseudo-terminal to its first whole frame
//! on the screen, for stardrill's browser and `drill --id 1` (empty history, 100,000 records) against a
//! bare ratatui app that draws one paragraph, built by this same bench binary with the same profile (and
//! linked at a fixed address as the app is, `build.rs`) and measured in the same run. Both start without
//! the `LD_LIBRARY_PATH` cargo sets, as from a shell.
//!
//! `cargo bench --bench first_frame` (`SAMPLES=N` to change the 40 rounds). The browser is also measured
//! with a 200-story file (target: within 1 ms of the browser without one), and the bare app is also
//! measured writing the very bytes the browser wrote up to its first whole frame (recorded once at the
//! start): the difference from the bare app is what the terminal's reading of a bigger frame costs, the
//! rest of the browser's difference is the process's own. It prints a table, not divan's (each case's
//! min and median, its median minus the bare app's, and the median of each round's difference from the
//! bare app in that round). Each sample's time is taken inside the sample, without the child's kill and
//! reap. Target (README "Performance"): within 1 ms of the bare app with an empty history, within 2 ms
//! with 100,000 records.
//!
//! A frame counts as drawn when its last row (the footer) has reached the terminal: ratatui writes the
//! cells of a frame top to bottom in one flush, so the footer's text arriving means the frame is whole.
//! Each sample spawns a fresh process and kills it once the frame is seen.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::LazyLock;
use std::time::Duration;

use pty_screen::PtyScreen;

#[path = "support/pty_screen.rs"]
mod pty_screen;

#[path = "../examples/gen_history.rs"]
#[allow(dead_code)]
mod gen_history;

/// Set in the environment of a child that should be the bare ratatui app.
const BARE_ENV: &str = "STARDRILL_BENCH_BARE_APP";
/// Set (to a file of bytes) for the bare app to write those bytes as its frame.
const REPLAY_ENV: &str = "STARDRILL_BENCH_REPLAY";
/// The bare app's last line, and the text that says its frame is whole.
const BARE_MARK: &str = "bare ratatui app: frame drawn";
/// The browser's footer and the answering screen's footer.
const BROWSER_MARK: &str = "random drill";
const DRILL_MARK: &str = "done answering";
const RECORDS: usize = 100_000;

static DIR: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("first_frame");
    std::fs::create_dir_all(&dir).expect("bench dir");
    dir
});

static EMPTY: LazyLock<PathBuf> = LazyLock::new(|| {
    let path = DIR.join("empty.jsonl");
    let _ = std::fs::remove_file(&path);
    path
});

static FULL: LazyLock<PathBuf> = LazyLock::new(|| {
    let path = DIR.join("history_100k.jsonl");
    gen_history::write_file(&path, RECORDS, gen_history::DEFAULT_SEED).expect("write the benchmark history");
    path
});

/// A story file of 200 stories (288,347 bytes, about 288 KB), each a full STAR+L story over two or three principles.
static STORIES_200: LazyLock<&'static str> = LazyLock::new(|| {
    let path = DIR.join("stories_200.yaml");
    let principles: Vec<&str> = stardrill::bank::Principle::all().map(|p| p.name()).collect();
    let mut text = String::from("# yaml-language-server: $schema=stories.schema.json\n");
    for i in 0..200 {
        let ps = [principles[i % 16], principles[(i * 7 + 3) % 16]];
        let ps = if ps[0] == ps[1] { vec![ps[0]] } else { ps.to_vec() };
        let line = "We had a launch slipping by three weeks and a partner team with other priorities; ".repeat(3);
        text.push_str(&format!(
            "- id: story-{i}\n  title: \"Story number {i}\"\n  principles: [{}]\n  situation: \"{line}\"\n  \
             task: \"{line}\"\n  action: \"{line}{line}\"\n  result: \"Shipped on time; 12% more conversions.\"\n  \
             learning: \"{line}\"\n",
            ps.iter().map(|p| format!("\"{p}\"")).collect::<Vec<_>>().join(", ")
        ));
    }
    std::fs::write(&path, text).expect("write the story file");
    Box::leak(path.to_string_lossy().into_owned().into_boxed_str())
});

fn main() {
    if std::env::var_os(BARE_ENV).is_some() {
        bare_app();
        return;
    }
    LazyLock::force(&EMPTY);
    LazyLock::force(&FULL);
    LazyLock::force(&STORIES_200);
    measure_all();
}

/// The baseline: `ratatui::run` drawing one paragraph, then waiting for a key.
fn bare_app() {
    use ratatui::widgets::Paragraph;
    if let Some(path) = std::env::var_os(REPLAY_ENV) {
        // The same app writing the bytes stardrill wrote up to its first whole frame: what the
        // terminal has to read of a bigger frame, apart from what the process does.
        let bytes = std::fs::read(path).expect("the browser's frame");
        let _ = ratatui::run(|_| -> std::io::Result<()> {
            use std::io::Write;
            let mut out = std::io::stdout();
            out.write_all(&bytes)?;
            out.flush()?;
            ratatui::crossterm::event::read()?;
            Ok(())
        });
        return;
    }
    let _ = ratatui::run(|terminal| -> std::io::Result<()> {
        terminal.draw(|frame| {
            let area = frame.area();
            let text = format!("{}{BARE_MARK}", "hello\n".repeat(usize::from(area.height.saturating_sub(1))));
            frame.render_widget(Paragraph::new(text), area);
        })?;
        ratatui::crossterm::event::read()?;
        Ok(())
    });
}

/// Spawn `program args…` in a fresh 120×40 pty; return how long until `mark` appears on its screen.
fn time_to_frame(program: &OsString, args: &[OsString], env: &[(&str, &str)], mark: &str) -> Duration {
    frame(program, args, env, mark).0
}

/// How long until `mark` appears, and the bytes written until then.
fn frame(program: &OsString, args: &[OsString], env: &[(&str, &str)], mark: &str) -> (Duration, Vec<u8>) {
    let mut app = PtyScreen::spawn(program, args, env, &DIR);
    app.wait_until(&format!("`{mark}` on the screen"), Duration::from_secs(10), |s| s.contains(mark));
    (app.started.elapsed(), std::mem::take(&mut app.raw))
}

fn stardrill(args: &[&str], history: &PathBuf) -> (OsString, Vec<OsString>) {
    let mut all: Vec<OsString> = args.iter().map(OsString::from).collect();
    all.push("--history".into());
    all.push(history.into());
    (env!("CARGO_BIN_EXE_stardrill").into(), all)
}

struct Case {
    name: &'static str,
    program: OsString,
    args: Vec<OsString>,
    env: Vec<(&'static str, &'static str)>,
    mark: &'static str,
    times: Vec<Duration>,
}

fn case(name: &'static str, (program, args): (OsString, Vec<OsString>), mark: &'static str) -> Case {
    Case { name, program, args, env: Vec::new(), mark, times: Vec::new() }
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Every case in turn, `SAMPLES` rounds, so a busy machine slows them alike; then medians and the
/// difference from the bare app.
fn measure_all() {
    let samples: usize = std::env::var("SAMPLES").ok().and_then(|s| s.parse().ok()).unwrap_or(40);
    let me = std::env::current_exe().expect("bench path").into_os_string();
    // The browser's first frame as it reaches the terminal, for the bare app to write.
    let (program, args) = stardrill(&[], &EMPTY);
    let browser_frame = DIR.join("browser_frame.bin");
    std::fs::write(&browser_frame, frame(&program, &args, &[], BROWSER_MARK).1).expect("write the frame");
    let browser_frame: &'static str = Box::leak(browser_frame.to_string_lossy().into_owned().into_boxed_str());
    let mut cases = vec![
        Case {
            name: "bare ratatui app",
            program: me.clone(),
            args: Vec::new(),
            env: vec![(BARE_ENV, "1")],
            mark: BARE_MARK,
            times: Vec::new(),
        },
        Case {
            name: "bare app, the browser's bytes",
            program: me,
            args: Vec::new(),
            env: vec![(BARE_ENV, "1"), (REPLAY_ENV, browser_frame)],
            mark: BROWSER_MARK,
            times: Vec::new(),
        },
        case("browser, empty history", stardrill(&[], &EMPTY), BROWSER_MARK),
        case("drill --id 1, empty history", stardrill(&["drill", "--id", "1"], &EMPTY), DRILL_MARK),
        Case {
            env: vec![("STARDRILL_STORIES", *STORIES_200)],
            ..case("browser, 200 stories", stardrill(&[], &EMPTY), BROWSER_MARK)
        },
        case("browser, 100,000 records", stardrill(&[], &FULL), BROWSER_MARK),
        case("drill --id 1, 100,000 records", stardrill(&["drill", "--id", "1"], &FULL), DRILL_MARK),
    ];
    // One warm-up each: page cache, dynamic loader.
    for c in &cases {
        time_to_frame(&c.program, &c.args, &c.env, c.mark);
    }
    for _ in 0..samples {
        for c in &mut cases {
            let t = time_to_frame(&c.program, &c.args, &c.env, c.mark);
            c.times.push(t);
        }
    }
    let bare_times = cases[0].times.clone();
    let bare = median(&mut bare_times.clone());
    println!(
        "first frame in a 120x40 pty, {samples} samples each, {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("{:<32} {:>8} {:>10} {:>14} {:>14}", "case", "min ms", "median ms", "median - bare", "paired diff");
    for c in &mut cases {
        let min = c.times.iter().min().copied().unwrap_or_default();
        // Each round's time minus the bare app's in the same round (run just before it), so a load
        // that comes and goes between rounds weighs on both sides: the median of those.
        let mut paired: Vec<f64> =
            c.times.iter().zip(&bare_times).map(|(t, b)| (t.as_secs_f64() - b.as_secs_f64()) * 1e3).collect();
        paired.sort_by(f64::total_cmp);
        let paired = paired[paired.len() / 2];
        let med = median(&mut c.times);
        let diff = med.as_secs_f64() * 1e3 - bare.as_secs_f64() * 1e3;
        println!(
            "{:<32} {:>8.2} {:>10.2} {:>+14.2} {:>+14.2}",
            c.name,
            min.as_secs_f64() * 1e3,
            med.as_secs_f64() * 1e3,
            diff,
            paired
        );
    }
}
