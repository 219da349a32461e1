//! A small harness that runs the real `stardrill` binary in a pseudo-terminal and reads its screen.
//!
//! A reader thread feeds everything the app writes into a `vt100` parser (and keeps the raw bytes);
//! tests wait for text to appear on the parsed screen, send keys, and wait for the exit code. Every
//! timeout panics with the whole current screen, so a failure shows what the user would have seen.
//!
//! Use from a test file with `#[path = "common/pty.rs"] mod pty;`.

#![allow(dead_code)]

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long `wait_for` waits unless told otherwise: generous, so a machine busy with a build does not fail a
/// test that passes in milliseconds when idle.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// Keys as a terminal sends them.
pub mod keys {
    pub const ENTER: &str = "\r";
    pub const ESC: &str = "\x1b";
    pub const SPACE: &str = " ";
    pub const TAB: &str = "\t";
    pub const BACKTAB: &str = "\x1b[Z";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    pub const CTRL_C: &str = "\x03";
}

/// What to run: arguments, terminal size, environment.
#[derive(Debug, Clone)]
pub struct Spawn {
    args: Vec<OsString>,
    rows: u16,
    cols: u16,
    home: Option<PathBuf>,
    env: Vec<(OsString, OsString)>,
}

impl Spawn {
    /// `stardrill ARGS…` in a 100×30 terminal.
    pub fn new<I, S>(args: I) -> Spawn
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Spawn {
            args: args.into_iter().map(|a| a.as_ref().to_os_string()).collect(),
            rows: 30,
            cols: 100,
            home: None,
            env: Vec::new(),
        }
    }

    /// Terminal size, columns × rows.
    pub fn size(mut self, cols: u16, rows: u16) -> Spawn {
        self.cols = cols;
        self.rows = rows;
        self
    }

    /// `HOME` (and the working directory); should be a temporary directory.
    pub fn home(mut self, dir: &Path) -> Spawn {
        self.home = Some(dir.to_path_buf());
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Spawn {
        self.env.push((key.as_ref().to_os_string(), value.as_ref().to_os_string()));
        self
    }

    /// Start the app. The environment is cleared, then `HOME`, `TERM=xterm-256color`, `NO_COLOR=1`,
    /// `PATH` and whatever `env` added are set (so no `STARDRILL_*` of the caller leaks in).
    pub fn start(self) -> Pty {
        let home = self.home.clone().expect("Spawn::home: give the app a temporary HOME");
        let system = native_pty_system();
        let pair = system
            .openpty(PtySize { rows: self.rows, cols: self.cols, pixel_width: 0, pixel_height: 0 })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stardrill"));
        cmd.args(&self.args);
        cmd.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        cmd.env("HOME", &home);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("LANG", "C.UTF-8");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd.cwd(&home);
        let child = pair.slave.spawn_command(cmd).expect("spawn stardrill in the pty");
        // Without this, the master never sees end-of-file once the child exits.
        drop(pair.slave);

        let rows = NonZeroU16::new(self.rows).expect("rows > 0");
        let cols = NonZeroU16::new(self.cols).expect("cols > 0");
        let shared =
            Arc::new(Mutex::new(Shared { parser: vt100::Parser::new(rows, cols, 0), raw: Vec::new(), eof: false }));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let feed = Arc::clone(&shared);
        let reader_thread = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut s = feed.lock().unwrap();
                        s.parser.process(&buf[..n]);
                        s.raw.extend_from_slice(&buf[..n]);
                    }
                }
            }
            feed.lock().unwrap().eof = true;
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Pty {
            spawn: self,
            master: pair.master,
            writer,
            child,
            shared,
            reader: Some(reader_thread),
            exit: None,
            started: Instant::now(),
        }
    }
}

struct Shared {
    parser: vt100::Parser,
    raw: Vec<u8>,
    eof: bool,
}

/// The running app.
pub struct Pty {
    spawn: Spawn,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    shared: Arc<Mutex<Shared>>,
    reader: Option<JoinHandle<()>>,
    exit: Option<portable_pty::ExitStatus>,
    started: Instant,
}

impl Pty {
    /// The screen as text, one line per row (trailing blanks trimmed).
    pub fn screen(&self) -> String {
        self.shared.lock().unwrap().parser.screen().contents()
    }

    /// The app's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a pid")
    }

    /// Send the app a signal (`TERM`, `HUP`…) as `kill -SIG PID` does.
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed");
    }

    /// Resize the terminal, as a user dragging the window does (the app gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        {
            let mut shared = self.shared.lock().unwrap();
            let (r, c) = (NonZeroU16::new(rows).expect("rows > 0"), NonZeroU16::new(cols).expect("cols > 0"));
            shared.parser.set_size(r, c);
        }
        self.master
            .resize(portable_pty::PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("resize the pty");
    }

    /// Everything the app wrote, escape sequences included.
    pub fn raw(&self) -> Vec<u8> {
        self.shared.lock().unwrap().raw.clone()
    }

    /// `raw()` as text (lossy).
    pub fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw()).into_owned()
    }

    pub fn shows(&self, text: &str) -> bool {
        self.screen().contains(text)
    }

    /// Whether the app has exited (checks without blocking).
    fn poll_exit(&mut self) -> bool {
        if self.exit.is_none()
            && let Ok(Some(status)) = self.child.try_wait()
        {
            self.exit = Some(status);
        }
        self.exit.is_some()
    }

    /// The screen framed with row numbers, plus the exit status if any, for failure messages.
    pub fn describe(&mut self) -> String {
        self.poll_exit();
        let screen = self.screen();
        let width = usize::from(self.spawn.cols);
        let mut out = format!(
            "\n--- screen {}x{} after {:.1}s (args {:?}; {}) ---\n",
            self.spawn.cols,
            self.spawn.rows,
            self.started.elapsed().as_secs_f64(),
            self.spawn.args,
            match &self.exit {
                Some(s) => format!("exited: {s}"),
                None => "still running".to_string(),
            }
        );
        let lines: Vec<&str> = screen.split('\n').collect();
        for row in 0..usize::from(self.spawn.rows) {
            out.push_str(&format!("{row:>2}|{:<width$}|\n", lines.get(row).copied().unwrap_or("")));
        }
        out.push_str("--- end of screen ---");
        out
    }

    /// Wait until `what` holds for the screen text; on timeout panic with the screen.
    pub fn wait_until(&mut self, what: &str, timeout: Duration, pred: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            if pred(&self.screen()) {
                return;
            }
            // Once the app is gone and its output read, the screen will not change any more.
            let done = self.poll_exit() && self.shared.lock().unwrap().eof;
            if done && !pred(&self.screen()) {
                panic!("the app exited before the screen showed {what}{}", self.describe());
            }
            if Instant::now() >= deadline {
                panic!("timed out after {timeout:?} waiting for the screen to show {what}{}", self.describe());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Wait for `text` on the screen (default timeout).
    pub fn wait_for(&mut self, text: &str) {
        self.wait_for_within(text, TIMEOUT);
    }

    pub fn wait_for_within(&mut self, text: &str, timeout: Duration) {
        self.wait_until(&format!("{text:?}"), timeout, |s| s.contains(text));
    }

    /// Wait until `text` is no longer on the screen.
    pub fn wait_gone(&mut self, text: &str) {
        self.wait_until(&format!("no {text:?}"), TIMEOUT, |s| !s.contains(text));
    }

    /// Panic with the screen unless `text` is on it now.
    pub fn assert_shows(&mut self, text: &str) {
        if !self.shows(text) {
            panic!("expected the screen to show {text:?}{}", self.describe());
        }
    }

    /// Panic with the screen if `text` is on it now.
    pub fn assert_not_shows(&mut self, text: &str) {
        if self.shows(text) {
            panic!("expected the screen NOT to show {text:?}{}", self.describe());
        }
    }

    /// Type bytes into the terminal.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Wait for the app to exit and for its last output; the exit code. Panics (with the screen)
    /// on timeout or when a signal ended it.
    pub fn wait_exit(&mut self, timeout: Duration) -> u32 {
        let deadline = Instant::now() + timeout;
        while !self.poll_exit() {
            if Instant::now() >= deadline {
                let screen = self.describe();
                let _ = self.child.kill();
                panic!("the app did not exit within {timeout:?}{screen}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        // Read what is left. End of file comes when the last slave handle closes; should another
        // test's child have inherited one, fall back to output going quiet.
        let quiet_for = Duration::from_millis(300);
        let eof_deadline = Instant::now() + Duration::from_secs(3);
        let mut last_len = usize::MAX;
        let mut last_change = Instant::now();
        loop {
            let (eof, len) = {
                let s = self.shared.lock().unwrap();
                (s.eof, s.raw.len())
            };
            if eof {
                if let Some(t) = self.reader.take() {
                    let _ = t.join();
                }
                break;
            }
            if len != last_len {
                last_len = len;
                last_change = Instant::now();
            } else if last_change.elapsed() >= quiet_for || Instant::now() >= eof_deadline {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let status = self.exit.clone().expect("exited");
        if let Some(signal) = status.signal() {
            panic!("the app was ended by signal {signal}{}", self.describe());
        }
        status.exit_code()
    }

    /// After exit: the app had taken over the terminal and gave it back — it left the alternate
    /// screen (the parser says so, and `ESC[?1049l` came after the last `ESC[?1049h`), the cursor
    /// is visible, and the tty is back in canonical mode with echo (raw mode off).
    pub fn assert_terminal_restored(&mut self) {
        assert!(self.exit.is_some(), "call wait_exit first");
        let raw = self.raw();
        let enter = find_last(&raw, b"\x1b[?1049h");
        let leave = find_last(&raw, b"\x1b[?1049l");
        let (alternate, cursor_hidden) = {
            let s = self.shared.lock().unwrap();
            (s.parser.screen().alternate_screen(), s.parser.screen().hide_cursor())
        };
        let describe = self.describe();
        assert!(enter.is_some(), "the app never entered the alternate screen{describe}");
        assert!(
            matches!((enter, leave), (Some(e), Some(l)) if l > e),
            "the app did not leave the alternate screen (ESC[?1049l after the last ESC[?1049h){describe}"
        );
        assert!(!alternate, "the terminal is still on the alternate screen after exit{describe}");
        assert!(!cursor_hidden, "the cursor is still hidden after exit{describe}");
        if let Some(raw_mode) = self.tty_in_raw_mode() {
            assert!(!raw_mode, "the tty is still in raw mode after exit{describe}");
        }
    }

    /// Whether the tty is in raw mode (canonical input and echo both off), read from the pty's
    /// termios; None where that cannot be read.
    pub fn tty_in_raw_mode(&self) -> Option<bool> {
        let termios = self.master.get_termios()?;
        // ICANON and ECHO as Linux's termios.h defines them.
        if cfg!(target_os = "linux") {
            let lflag = termios.local_flags.bits();
            Some(lflag & 0o2 == 0 && lflag & 0o10 == 0)
        } else {
            None
        }
    }

    /// The app never took over the terminal (it exited before drawing anything).
    pub fn assert_never_entered_alternate_screen(&mut self) {
        if find_last(&self.raw(), b"\x1b[?1049h").is_some() {
            panic!("the app entered the alternate screen{}", self.describe());
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A failed test must not leave its app running.
        if !self.poll_exit() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}
