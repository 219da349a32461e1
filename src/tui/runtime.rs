//! What the event loop needs from the operating system: one channel that brings it terminal events,
//! the signals that end the app, and the news that the terminal has gone away.
//!
//! Terminal events are read by crossterm on a thread of their own. crossterm 0.29 retries a tty read
//! that returns 0 bytes without end, so once the terminal is closed with SIGHUP ignored its read never
//! returns and spins: a watcher thread notices the hang-up itself (poll with no events reports only
//! that) and tells the loop, which ends the app; should the loop not do so in time, the watcher ends
//! the process, never during a save.

use std::io;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

use crate::history_index::HistoryIndex;

/// Held while a record is written, so the hang-up watcher never ends the process mid-save.
pub static SAVE_LOCK: Mutex<()> = Mutex::new(());

/// How long the watcher lets the event loop end the app itself after a hang-up.
#[cfg(unix)]
const HANGUP_GRACE: Duration = Duration::from_secs(1);

/// Said on standard error when the terminal went away.
pub const HANGUP_MESSAGE: &str = "the terminal went away (end of input); saved scores are kept";
/// The exit code then.
pub const HANGUP_EXIT: i32 = 1;

/// A signal that ends the app, as its number and name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signal {
    pub number: i32,
    pub name: &'static str,
}

/// What woke the event loop.
#[derive(Debug)]
pub enum Wake {
    /// A key, a paste, a resize…
    Event(Event),
    /// The time asked for has passed.
    Timeout,
    /// The terminal is gone (end of file, hang-up).
    HangUp,
    /// SIGTERM, SIGHUP or SIGINT arrived.
    Signal(Signal),
    /// Reading the terminal failed.
    Error(io::Error),
    /// The history file has been read (`Err`: why not): its answers compactly, grouped into sessions
    /// and folded into the figures of Stats.
    History(Box<Result<HistoryIndex, String>>),
    /// The figures of a Stats request (its generation) have been computed.
    Stats(u64, Box<crate::stats::Stats>),
    /// Today's plan (its request's generation) has been worked out.
    Plan(u64, Box<crate::schedule::Today>),
    /// A computation on a thread of its own (`Waiter::compute`) failed: what it was, and why.
    Failed(String, String),
    /// Work started after the first frame has something for the app (the story file is read).
    Ready,
    /// A correction asked for on History was written and the history read again (`Err`: why not).
    Corrected(Box<super::app::CorrectRequest>, Box<Result<(String, HistoryIndex), String>>),
}

/// What work started after the first frame calls when it has something for the app, so the loop
/// looks at once instead of polling for it.
pub struct Nudge(std::sync::mpsc::Sender<Wake>);

impl Nudge {
    pub fn wake(&self) {
        let _ = self.0.send(Wake::Ready);
    }
}

/// The start of the name of every thread `Waiter::compute` starts: a panic there is reported on the
/// status line, and the panic hook leaves the terminal alone.
pub const FIGURES_THREAD: &str = "figures: ";

/// Whether the running thread is one of `Waiter::compute`'s.
pub fn on_figures_thread() -> bool {
    std::thread::current().name().is_some_and(|n| n.starts_with(FIGURES_THREAD))
}

/// What a figures thread hands the loop: `wake` of the work's result, or `Wake::Failed` when the work
/// panicked.
fn figures<T>(what: &str, work: impl FnOnce() -> T + std::panic::UnwindSafe, wake: impl FnOnce(T) -> Wake) -> Wake {
    match std::panic::catch_unwind(work) {
        Ok(done) => wake(done),
        Err(payload) => Wake::Failed(what.to_string(), panic_message(payload.as_ref())),
    }
}

/// The text of a panic's payload (`panic!("…")` gives a `&str` or a `String`).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".to_string())
}

/// The threads that feed the event loop, started once for the life of the app, once the first frame
/// is drawn (the signals that end the app are caught from the start, and said once they are started).
pub struct Waiter {
    rx: Receiver<Wake>,
    /// For the threads started later (a Stats computation).
    tx: Sender<Wake>,
    /// Work to start once the first frame is drawn.
    later: std::cell::RefCell<super::AfterFirstFrame>,
    gate: InputGate,
    /// The history file still to be read, with a way to report it: taken by `read_history`.
    history: std::cell::RefCell<Option<(std::path::PathBuf, crate::clock::Zone, Sender<Wake>)>>,
    /// The threads that read the terminal, the signals and the hang-up, until `read_history` starts them.
    threads: std::cell::RefCell<Option<Threads>>,
    #[cfg(unix)]
    signals: signal_hook::iterator::Handle,
}

/// The event loop's threads, not started yet.
struct Threads {
    tx: Sender<Wake>,
    #[cfg(unix)]
    signals: signal_hook::iterator::Signals,
}

impl Threads {
    fn start(self, gate: &InputGate) -> io::Result<()> {
        #[cfg(unix)]
        spawn_signal_thread(self.signals, self.tx.clone())?;
        #[cfg(unix)]
        spawn_hangup_watcher(self.tx.clone())?;
        spawn_input_thread(self.tx, gate.clone())
    }
}

impl Waiter {
    /// `history`: a history file to read on a thread of its own once `read_history` is called (after
    /// the first frame, so the two do not compete for the cores); the loop gets `Wake::History`.
    pub fn new(history: Option<(std::path::PathBuf, crate::clock::Zone)>) -> io::Result<Waiter> {
        let (tx, rx) = mpsc::channel();
        let history = std::cell::RefCell::new(history.map(|(path, zone)| (path, zone, tx.clone())));
        // Caught from now on; said by the signal thread once it runs.
        #[cfg(unix)]
        let signals = signal_hook::iterator::Signals::new(ENDING.map(|(n, _)| n))?;
        let threads = Threads {
            tx: tx.clone(),
            #[cfg(unix)]
            signals,
        };
        Ok(Waiter {
            rx,
            tx,
            later: std::cell::RefCell::new(Vec::new()),
            gate: InputGate::default(),
            history,
            #[cfg(unix)]
            signals: threads.signals.handle(),
            threads: std::cell::RefCell::new(Some(threads)),
        })
    }

    /// Work to start once the first frame is drawn (`read_history` starts it).
    pub fn after_first_frame(&self, later: super::AfterFirstFrame) {
        self.later.borrow_mut().extend(later);
    }

    /// Start the event loop's threads, reading the history file given to `new` and the work given to
    /// `after_first_frame`, if not started yet: called once a frame is on screen, so the first one does
    /// not wait for any of it. (Keys pressed before wait in the terminal; signals are caught already.)
    pub fn read_history(&self) -> io::Result<()> {
        if let Some(threads) = self.threads.borrow_mut().take() {
            threads.start(&self.gate)?;
        }
        for start in self.later.borrow_mut().drain(..) {
            start(Nudge(self.tx.clone()));
        }
        let Some((path, zone, tx)) = self.history.borrow_mut().take() else { return Ok(()) };
        std::thread::Builder::new().name("history reader".into()).spawn(move || {
            // Grouped and folded here too, so opening History or Stats never waits on the whole history.
            let read = std::panic::catch_unwind(|| HistoryIndex::read(&path, zone).map_err(|e| e.to_string()));
            // A reader that failed in any way still answers, so the app never waits for it forever.
            let loaded = read.unwrap_or_else(|_| Err("reading it failed unexpectedly".to_string()));
            let _ = tx.send(Wake::History(Box::new(loaded)));
        })?;
        Ok(())
    }

    /// Work out something from the history on a thread named `figures: {name}`, and hand the loop
    /// what `wake` makes of it. A computation that panics leaves the terminal as it is (the panic hook
    /// stays quiet for these threads) and hands over `Wake::Failed` with what went wrong; the screen
    /// keeps what it shows.
    pub fn compute<T: Send + 'static>(
        &self,
        name: &str,
        work: impl FnOnce() -> T + Send + std::panic::UnwindSafe + 'static,
        wake: impl FnOnce(T) -> Wake + Send + 'static,
    ) -> io::Result<()> {
        let tx = self.tx.clone();
        let what = name.to_string();
        std::thread::Builder::new().name(format!("{FIGURES_THREAD}{name}")).spawn(move || {
            let _ = tx.send(figures(&what, work, wake));
        })?;
        Ok(())
    }

    /// Run `f` with the terminal's input left alone (for another program, the editor, to read it).
    pub fn without_input<T>(&self, f: impl FnOnce() -> T) -> T {
        use std::sync::atomic::Ordering;
        self.gate.paused.store(true, Ordering::Release);
        let reading = self.gate.reading.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let out = f();
        drop(reading);
        self.gate.paused.store(false, Ordering::Release);
        out
    }

    /// Wait for the next thing that happens, or `timeout`.
    pub fn wait(&self, timeout: Duration) -> Wake {
        match self.rx.recv_timeout(timeout) {
            Ok(wake) => wake,
            Err(RecvTimeoutError::Timeout) => Wake::Timeout,
            Err(RecvTimeoutError::Disconnected) => Wake::HangUp,
        }
    }

    /// Something already waiting, without blocking.
    pub fn pending(&self) -> Option<Wake> {
        self.rx.try_recv().ok()
    }
}

impl Drop for Waiter {
    fn drop(&mut self) {
        #[cfg(unix)]
        self.signals.close();
    }
}

/// Whether the terminal on standard input has hung up, asked now without waiting.
pub fn terminal_gone() -> bool {
    #[cfg(unix)]
    {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        let stdin = io::stdin();
        let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
        let zero = Timespec { tv_sec: 0, tv_nsec: 0 };
        matches!(poll(&mut fds, Some(&zero)), Ok(n) if n > 0)
            && fds[0].revents().intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
    }
    #[cfg(not(unix))]
    false
}

/// Lets the loop take the terminal's input from the reader thread, while another program (the editor)
/// has the terminal: the reader waits for keys a quarter of a second at a time, holding `reading`, and
/// stops between waits while `paused` is set.
#[derive(Debug, Clone, Default)]
struct InputGate {
    paused: std::sync::Arc<std::sync::atomic::AtomicBool>,
    reading: std::sync::Arc<Mutex<()>>,
}

/// How long the reader waits for a key before looking whether it must stop.
const INPUT_WAIT: Duration = Duration::from_millis(250);

fn spawn_input_thread(tx: Sender<Wake>, gate: InputGate) -> io::Result<()> {
    use std::sync::atomic::Ordering;
    std::thread::Builder::new().name("terminal-input".into()).spawn(move || {
        loop {
            if gate.paused.load(Ordering::Acquire) {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            let reading = gate.reading.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let wake = match event::poll(INPUT_WAIT) {
                Ok(false) => continue,
                Ok(true) => match event::read() {
                    Ok(ev) => Wake::Event(ev),
                    Err(e) => Wake::Error(e),
                },
                Err(e) => Wake::Error(e),
            };
            drop(reading);
            let failed = matches!(wake, Wake::Error(_));
            if tx.send(wake).is_err() || failed {
                return;
            }
        }
    })?;
    Ok(())
}

/// The signals that end the app, with their names.
#[cfg(unix)]
const ENDING: [(i32, &str); 3] = [
    (signal_hook::consts::SIGTERM, "SIGTERM"),
    (signal_hook::consts::SIGHUP, "SIGHUP"),
    (signal_hook::consts::SIGINT, "SIGINT"),
];

#[cfg(unix)]
fn spawn_signal_thread(mut signals: signal_hook::iterator::Signals, tx: Sender<Wake>) -> io::Result<()> {
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        for number in signals.forever() {
            if let Some(&(number, name)) = ENDING.iter().find(|(n, _)| *n == number)
                && tx.send(Wake::Signal(Signal { number, name })).is_err()
            {
                return;
            }
        }
    })?;
    Ok(())
}

/// A thread that waits for the terminal to hang up. It tells the event loop; should the loop not end
/// the app within the grace period, it ends the process, holding the save lock so no record is cut.
#[cfg(unix)]
fn spawn_hangup_watcher(tx: Sender<Wake>) -> io::Result<()> {
    use rustix::event::{PollFd, PollFlags, poll};
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
        let _ = tx.send(Wake::HangUp);
        std::thread::sleep(HANGUP_GRACE);
        let _guard = SAVE_LOCK.lock();
        eprintln!("error: {HANGUP_MESSAGE}");
        std::process::exit(HANGUP_EXIT);
    })?;
    Ok(())
}

#[cfg(test)]
mod figures_tests {
    use super::*;

    #[test]
    fn a_panicking_computation_is_reported_on_a_named_figures_thread() {
        let thread = std::thread::Builder::new()
            .name(format!("{FIGURES_THREAD}stats"))
            .spawn(|| {
                assert!(on_figures_thread());
                figures("stats", || -> u64 { panic!("the fold broke") }, |_| Wake::Timeout)
            })
            .unwrap();
        match thread.join().unwrap() {
            Wake::Failed(what, why) => assert_eq!((what.as_str(), why.as_str()), ("stats", "the fold broke")),
            _ => panic!("expected Wake::Failed"),
        }
        assert!(!on_figures_thread(), "a test thread is no figures thread");
        assert!(
            matches!(figures("x", || 7, |n| Wake::Failed(format!("{n}"), String::new())), Wake::Failed(n, _) if n == "7")
        );
        let owned: Box<dyn std::any::Any + Send> = Box::new(String::from("owned"));
        assert_eq!(panic_message(owned.as_ref()), "owned");
        let other: Box<dyn std::any::Any + Send> = Box::new(3_u8);
        assert_eq!(panic_message(other.as_ref()), "an internal error");
    }
}
