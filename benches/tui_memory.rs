//! Peak memory of the terminal app with a history of 0, 100,000 and 1,000,000 records: the browser is
//! opened in a 120×40 pseudo-terminal, the history is read to the end (the attempt columns stop showing
//! `…`), then History and Stats are opened, and the process's peak resident set (`VmHWM` in
//! `/proc/PID/status`) is read before it is told to quit. A session is opened on the way (its answers read
//! again from the file) and Stats is filtered by level (every answer folded again).
//!
//! `cargo bench --bench tui_memory` (Linux). Target (README "Performance"): under 100 MiB with
//! 1,000,000 records. Writes the histories once into Cargo's target temp dir (about 580 MB for 1M).

use std::path::{Path, PathBuf};
use std::time::Duration;

use pty_screen::PtyScreen;

#[path = "support/pty_screen.rs"]
mod pty_screen;

#[path = "../examples/gen_history.rs"]
#[allow(dead_code)]
mod gen_history;

fn history(count: usize) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("tui_memory_{count}.jsonl"));
    let want_lines = count;
    let have = std::fs::read(&path).map(|b| b.iter().filter(|&&c| c == b'\n').count()).unwrap_or(usize::MAX);
    if have != want_lines {
        gen_history::write_file(&path, count, gen_history::DEFAULT_SEED).expect("write the benchmark history");
    }
    path
}

/// Run the app on `history`, drive it, and return its peak RSS in KiB and how long the history took
/// to be read.
fn measure(history: &Path, empty: bool) -> (u64, Duration) {
    let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let args = ["--history".as_ref(), history.as_os_str()];
    let mut app = PtyScreen::spawn(env!("CARGO_BIN_EXE_stardrill"), &args, &[], &home);
    let wait = Duration::from_secs(120);
    app.wait_until("browser with the history read", wait, |s| s.contains("random drill") && !s.contains("    …"));
    let loaded = app.started.elapsed();
    app.send(b"h");
    app.wait_until("History", wait, |s| s.starts_with("History"));
    if !empty {
        // A session opened: its answers are read again from the file.
        app.send(b"\r");
        app.wait_until("a session's answers", wait, |s| s.contains("Answers (Enter shows one)"));
        app.send(b"q");
        app.wait_until("History", wait, |s| s.contains("Sessions (Enter opens)"));
    }
    app.send(b"s");
    app.wait_until("Stats", wait, |s| s.starts_with("Stats") && s.contains("next panel"));
    // A filter: every answer folded again.
    app.send(b"l");
    app.wait_until("Stats by level", wait, |s| {
        s.starts_with("Stats") && s.contains("Level: ") && !s.contains("Level: all")
    });
    let status = std::fs::read_to_string(format!("/proc/{}/status", app.pid())).expect("read /proc status");
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc status");
    (peak, loaded)
}

fn main() {
    println!("peak resident memory of the TUI after reading the history and opening History and Stats");
    println!("{:>12} {:>14} {:>16}", "records", "peak MiB", "history read s");
    for count in [0, 100_000, 1_000_000] {
        let path = history(count);
        let (kib, loaded) = measure(&path, count == 0);
        println!("{count:>12} {:>14.1} {:>16.2}", kib as f64 / 1024.0, loaded.as_secs_f64());
    }
}
