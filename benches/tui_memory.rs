//! Peak memory of the terminal app with a history of 0, 100,000 and 1,000,000 records: the browser is
//! opened in a 120×40 pseudo-terminal, the history is read to the end (the attempt columns stop showing
//! `…`), then History and Stats are opened, and the process's peak resident set (`VmHWM` in
//! `/proc/PID/status`) is read before it is told to quit.
//!
//! `cargo bench --bench tui_memory` (Linux). Target (README "Performance"): under 100 MiB with
//! 1,000,000 records. Writes the histories once into Cargo's target temp dir (about 580 MB for 1M).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

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
fn measure(history: &Path) -> (u64, Duration) {
    let pty = native_pty_system()
        .openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stardrill"));
    cmd.args(["--history".as_ref(), history.as_os_str()]);
    cmd.env("TERM", "xterm-256color");
    let mut reader = pty.master.try_clone_reader().expect("pty reader");
    let mut writer = pty.master.take_writer().expect("pty writer");
    let started = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).expect("spawn");
    drop(pty.slave);
    let pid = child.process_id().expect("pid");
    let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 16 * 1024];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let size = |n| std::num::NonZeroU16::new(n).expect("a size");
    let mut screen = vt100::Parser::new(size(40), size(120), 0);
    let mut wait_until = |done: &dyn Fn(&str) -> bool, what: &str| loop {
        let contents = screen.screen().contents();
        if done(&contents) {
            return;
        }
        match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(chunk) => screen.process(&chunk),
            Err(_) => panic!("no {what} after 120 s:\n{contents}"),
        }
    };
    wait_until(&|s| s.contains("random drill") && !s.contains("    …"), "browser with the history read");
    let loaded = started.elapsed();
    writer.write_all(b"h").expect("key");
    wait_until(&|s| s.starts_with("History"), "History");
    writer.write_all(b"s").expect("key");
    wait_until(&|s| s.starts_with("Stats") && s.contains("next panel"), "Stats");
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("read /proc status");
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc status");
    let _ = child.kill();
    let _ = child.wait();
    (peak, loaded)
}

fn main() {
    println!("peak resident memory of the TUI after reading the history and opening History and Stats");
    println!("{:>12} {:>14} {:>16}", "records", "peak MiB", "history read s");
    for count in [0, 100_000, 1_000_000] {
        let path = history(count);
        let (kib, loaded) = measure(&path);
        println!("{count:>12} {:>14.1} {:>16.2}", kib as f64 / 1024.0, loaded.as_secs_f64());
    }
}
