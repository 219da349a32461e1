//! What the event loop needs from the operating system: waiting for input, a signal or a timeout
//! without spinning, noticing that the terminal has gone away, and the signals that end the app.
//!
//! crossterm 0.29 loops forever inside `event::poll`/`event::read` once its tty reports end of file
//! (a closed terminal whose SIGHUP is ignored): it retries a read that returns 0 bytes without
//! end. So the loop waits here first, on stdin and a signal pipe, and only asks crossterm for
//! events when there are bytes to read; a hang-up is seen here (POLLHUP) and ends the app instead.
//! A watcher thread covers the moment between the two: should the terminal go away while crossterm
//! is reading, the watcher ends the process after a grace period, never during a save.

use std::io;
#[cfg(unix)]
use std::io::Read;
#[cfg(unix)]
use std::sync::Arc;
use std::sync::Mutex;
#[cfg(unix)]
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// Held while a record is written, so the hang-up watcher never ends the process mid-save.
pub static SAVE_LOCK: Mutex<()> = Mutex::new(());

/// How long the watcher lets the event loop end the app itself after a hang-up.
const HANGUP_GRACE: Duration = Duration::from_secs(1);

/// A signal that ends the app, as its number and name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signal {
    pub number: i32,
    pub name: &'static str,
}

/// What woke the event loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// Bytes to read on the terminal (or a resize to collect): ask crossterm.
    Input,
    /// The time asked for has passed.
    Timeout,
    /// The terminal is gone (end of file, hang-up).
    HangUp,
    /// SIGTERM, SIGHUP or SIGINT arrived.
    Signal(Signal),
}

#[cfg(unix)]
mod imp {
    use std::os::unix::net::UnixStream;

    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH};

    use super::*;

    const ENDING: [(i32, &str); 3] = [(SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP"), (SIGINT, "SIGINT")];

    /// Signals and the hang-up watcher, registered for the life of the app.
    pub struct Waiter {
        wake_read: UnixStream,
        last_signal: Arc<AtomicUsize>,
        hung_up: Arc<AtomicBool>,
        ids: Vec<signal_hook::SigId>,
    }

    impl Waiter {
        pub fn new() -> io::Result<Waiter> {
            let (wake_read, wake_write) = UnixStream::pair()?;
            wake_read.set_nonblocking(true)?;
            wake_write.set_nonblocking(true)?;
            let last_signal = Arc::new(AtomicUsize::new(0));
            let mut ids = Vec::new();
            for (number, _) in ENDING {
                ids.push(signal_hook::flag::register_usize(number, Arc::clone(&last_signal), number as usize)?);
            }
            // Every signal that matters wakes the wait; a resize is then collected from crossterm.
            for number in ENDING.iter().map(|(n, _)| *n).chain([SIGWINCH]) {
                ids.push(signal_hook::low_level::pipe::register(number, wake_write.try_clone()?)?);
            }
            let hung_up = Arc::new(AtomicBool::new(false));
            spawn_hangup_watcher(Arc::clone(&hung_up), wake_write)?;
            Ok(Waiter { wake_read, last_signal, hung_up, ids })
        }

        pub fn signal(&self) -> Option<Signal> {
            let n = self.last_signal.load(Ordering::SeqCst) as i32;
            ENDING.iter().find(|(s, _)| *s == n).map(|&(number, name)| Signal { number, name })
        }

        pub fn hung_up(&self) -> bool {
            self.hung_up.load(Ordering::SeqCst)
        }

        /// Wait for input, a signal, a hang-up, or `timeout`.
        pub fn wait(&self, timeout: Duration) -> io::Result<Wake> {
            if let Some(s) = self.signal() {
                return Ok(Wake::Signal(s));
            }
            let stdin = io::stdin();
            let spec = Timespec::try_from(timeout).unwrap_or(Timespec { tv_sec: 3600, tv_nsec: 0 });
            let mut fds = [PollFd::new(&stdin, PollFlags::IN), PollFd::new(&self.wake_read, PollFlags::IN)];
            match poll(&mut fds, Some(&spec)) {
                Ok(_) => {}
                Err(rustix::io::Errno::INTR) => {}
                Err(e) => return Err(e.into()),
            }
            let tty = fds[0].revents();
            let woken = !fds[1].revents().is_empty();
            if woken {
                // Drain the pipe; what arrived is in the flags (and crossterm's own resize pipe).
                let mut sink = [0u8; 64];
                while matches!((&self.wake_read).read(&mut sink), Ok(n) if n > 0) {}
            }
            if let Some(s) = self.signal() {
                return Ok(Wake::Signal(s));
            }
            if tty.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) || self.hung_up() {
                return Ok(Wake::HangUp);
            }
            if tty.contains(PollFlags::IN) || woken {
                return Ok(Wake::Input);
            }
            Ok(Wake::Timeout)
        }
    }

    impl Drop for Waiter {
        fn drop(&mut self) {
            for id in self.ids.drain(..) {
                signal_hook::low_level::unregister(id);
            }
        }
    }

    /// A thread that waits for the terminal to hang up (poll with no events reports only that). It
    /// wakes the event loop; should the loop be stuck inside crossterm's read, it ends the process
    /// after a grace period, holding the save lock so no record is cut in half.
    fn spawn_hangup_watcher(hung_up: Arc<AtomicBool>, wake: UnixStream) -> io::Result<()> {
        std::thread::Builder::new().name("hangup-watcher".into()).spawn(move || {
            let stdin = io::stdin();
            loop {
                let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
                match poll(&mut fds, None) {
                    Err(rustix::io::Errno::INTR) => continue,
                    Err(_) => return,
                    Ok(_) => {}
                }
                if fds[0].revents().intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                    break;
                }
            }
            hung_up.store(true, Ordering::SeqCst);
            let _ = std::io::Write::write(&mut &wake, &[1]);
            std::thread::sleep(HANGUP_GRACE);
            let _guard = SAVE_LOCK.lock();
            eprintln!("error: {}", super::HANGUP_MESSAGE);
            std::process::exit(super::HANGUP_EXIT);
        })?;
        Ok(())
    }
}

#[cfg(unix)]
pub use imp::Waiter;

#[cfg(not(unix))]
mod imp {
    use super::*;

    /// Without Unix signals and poll: crossterm's own wait.
    pub struct Waiter;

    impl Waiter {
        pub fn new() -> io::Result<Waiter> {
            Ok(Waiter)
        }

        pub fn hung_up(&self) -> bool {
            false
        }

        pub fn wait(&self, timeout: Duration) -> io::Result<Wake> {
            Ok(if ratatui::crossterm::event::poll(timeout)? { Wake::Input } else { Wake::Timeout })
        }
    }
}

#[cfg(not(unix))]
pub use imp::Waiter;

/// Said on standard error when the terminal went away.
pub const HANGUP_MESSAGE: &str = "the terminal went away (end of input); saved scores are kept";
/// The exit code then.
pub const HANGUP_EXIT: i32 = 1;
