//! A program running in a fresh 120×40 pseudo-terminal, with its screen as a terminal would show it,
//! for the benches that measure the real binary (`first_frame`, `tui_memory`). Included with
//! `#[path = "support/pty_screen.rs"] mod pty_screen;`.

#![allow(dead_code)] // Each bench uses part of it.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

pub const ROWS: u16 = 40;
pub const COLS: u16 = 120;

pub struct PtyScreen {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    /// ratatui's diff skips unchanged cells, so text is looked for on the parsed screen, not in the bytes.
    screen: vt100::Parser,
    /// Every byte the program wrote so far.
    pub raw: Vec<u8>,
    /// When the process was started.
    pub started: Instant,
}

impl PtyScreen {
    /// Start `program args…` with `env` (and `TERM`, `HOME` and the working directory set to `home`).
    pub fn spawn<S: AsRef<OsStr>>(
        program: impl AsRef<OsStr>,
        args: &[S],
        env: &[(&str, &str)],
        home: &Path,
    ) -> PtyScreen {
        let pty = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(home);
        cmd.env("HOME", home);
        cmd.env("TERM", "xterm-256color");
        // As the app is started from a shell: not with the library path cargo sets for `cargo bench`
        // (the dynamic loader would look for every shared library in each of its folders first).
        cmd.env_remove("LD_LIBRARY_PATH");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let started = Instant::now();
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let (tx, output) = std::sync::mpsc::channel::<Vec<u8>>();
        std::thread::spawn(move || {
            let mut buf = [0u8; 16 * 1024];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let size = |n| std::num::NonZeroU16::new(n).expect("a size");
        PtyScreen {
            child,
            writer,
            output,
            screen: vt100::Parser::new(size(ROWS), size(COLS), 0),
            raw: Vec::new(),
            started,
        }
    }

    /// Wait until `done` holds for the screen's text; panics with the screen after `timeout`.
    pub fn wait_until(&mut self, what: &str, timeout: Duration, done: impl Fn(&str) -> bool) {
        loop {
            let contents = self.screen.screen().contents();
            if done(&contents) {
                return;
            }
            match self.output.recv_timeout(timeout) {
                Ok(chunk) => {
                    self.screen.process(&chunk);
                    self.raw.extend_from_slice(&chunk);
                }
                Err(_) => panic!("no {what} after {timeout:?}:\n{contents}"),
            }
        }
    }

    pub fn send(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).expect("send keys");
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }
}

impl Drop for PtyScreen {
    /// Killing and reaping take tens of milliseconds in portable-pty; no measurement includes them.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
