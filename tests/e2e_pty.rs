//! End-to-end tests: the real `stardrill` binary in a pseudo-terminal, driven by keys, checked by
//! what appears on its screen and what lands in the history file.

#[path = "common/pty.rs"]
mod pty;

use std::ffi::OsString;
use std::path::Path;
use std::time::Duration;

use pty::keys::{CTRL_C, ENTER, SPACE};
use pty::{Pty, Spawn};
use stardrill::bank::{Bank, Question};

const Q1_PROMPT: &str = "Tell me about a time when you had to align";
const EXIT: Duration = Duration::from_secs(5);

/// `ARGS… --history PATH`.
/// The command line for a run. A `drill` here answers no follow-up probes (`--probes 0`) unless the
/// test asks for them: the probe tests do.
fn args(args: &[&str], history: &Path) -> Vec<OsString> {
    let mut out: Vec<OsString> = args.iter().map(OsString::from).collect();
    if args.first() == Some(&"drill") && !args.contains(&"--probes") {
        out.extend(["--probes".into(), "0".into()]);
    }
    out.push("--history".into());
    out.push(history.into());
    out
}

fn bank() -> Bank {
    Bank::bundled().expect("the bundled bank loads")
}

fn question(bank: &Bank, number: u32) -> &Question {
    bank.questions.iter().find(|q| q.number == number).expect("question in the bank")
}

/// The lines of the history file, each parsed as JSON.
fn history_lines(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    assert!(text.is_empty() || text.ends_with('\n'), "history file does not end in a newline:\n{text}");
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("history line is not JSON ({e}): {l}")))
        .collect()
}

/// On the reveal screen: reveal every section with Space, one at a time, checking that each
/// section's badge and heading appear in order with the progress line.
fn reveal_one_by_one(app: &mut Pty, q: &Question) {
    let n = q.answer.len();
    assert!(n >= 2, "question {} has too few sections for this test", q.number);
    app.wait_for(&format!("section 0 of {n}"));
    for (i, section) in q.answer.iter().enumerate() {
        let heading = format!("[{}] {}:", section.star.label(), section.heading());
        app.assert_not_shows(&heading);
        app.send(SPACE);
        app.wait_for(&format!("section {} of {n} · {}", i + 1, section.star.label()));
        app.wait_for(&heading);
        if i + 1 < n {
            app.assert_not_shows("· Enter to score");
        }
    }
    app.wait_for("· Enter to score");
}

/// On the score screen: 4, 3, 5, 2 for S, T, A, R; the live overall reads 3.50.
fn score_4352(app: &mut Pty) {
    app.wait_for("Rate your answer (1-5)");
    app.wait_for("Overall    –");
    for (digit, shown) in [("4", "4 strong"), ("3", "3 adequate"), ("5", "5 outstanding"), ("2", "2 weak")] {
        app.send(digit);
        app.wait_for(shown);
    }
    app.wait_for("Overall    3.50");
    app.assert_not_shows("so far");
}

#[test]
fn timed_drill_reveal_score_and_save() {
    let bank = bank();
    let q1 = question(&bank, 1);
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("h.jsonl");
    let mut app =
        Spawn::new(args(&["drill", "--id", "1", "--time", "2s"], &history)).home(dir.path()).size(100, 30).start();

    app.wait_for(Q1_PROMPT);
    app.wait_for("Question 1 of 1");
    app.wait_for("left of 00:02");
    app.wait_for_within("over time", Duration::from_secs(6));
    app.wait_for("+00:0");
    app.send(ENTER);

    reveal_one_by_one(&mut app, q1);
    app.wait_for(Q1_PROMPT);
    app.wait_for("time 00:0");
    app.wait_for("/ 00:02 +00:0");
    app.send(ENTER);

    score_4352(&mut app);
    app.send(ENTER);
    app.wait_for("Drill complete: 1 answer saved");
    app.wait_for("4 3 5 2");
    app.wait_for("Session mean: 3.50");
    app.wait_for(&format!("Saved to {}", history.display()));

    app.send(ENTER);
    app.wait_for("of 59 questions");
    app.send("q");
    assert_eq!(app.wait_exit(EXIT), 0, "exit code{}", app.describe());
    app.assert_terminal_restored();
    let bells = app.raw().iter().filter(|&&b| b == 0x07).count();
    assert_eq!(bells, 1, "one terminal bell when the time ran out");

    let lines = history_lines(&history);
    assert_eq!(lines.len(), 1, "one saved score: {lines:#?}");
    let r = &lines[0];
    assert_eq!(r["version"], 1);
    assert_eq!(r["question_number"], 1);
    assert_eq!(r["question_id"], q1.id.as_str());
    assert_eq!(r["scores"], serde_json::json!({"situation": 4, "task": 3, "action": 5, "result": 2}));
    assert_eq!(r["overall"].as_f64(), Some(3.5));
    assert_eq!(r["time_limit_secs"], 2);
    let used = r["time_used_secs"].as_f64().expect("time_used_secs is a number");
    assert!(used >= 2.0, "time_used_secs {used} < 2 although over-time was shown");
    assert!(used < 60.0, "time_used_secs {used} is implausible");
    let at = r["answered_at"].as_str().expect("answered_at is a string");
    chrono::DateTime::parse_from_rfc3339(at).unwrap_or_else(|e| panic!("answered_at {at:?} is not RFC 3339: {e}"));
    let offset = &at[at.len() - 6..];
    assert!(offset.starts_with(['+', '-']) && offset.as_bytes()[3] == b':', "answered_at {at:?} has no numeric offset");
}

#[test]
fn browser_level_filter_l7() {
    let bank = bank();
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("h.jsonl");
    // The seed bank alone, whose levels the steps below are about.
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/questions/amazon-pm.yaml");
    let mut app = Spawn::new(args(&["--bank", seed], &history)).home(dir.path()).size(100, 30).start();

    // Titles are cut to the list column's width: compare a prefix.
    let prefix = |n: u32| -> String { question(&bank, n).title.chars().take(30).collect() };
    app.wait_for("10 of 10 questions");
    app.wait_for("Level: all");
    if cfg!(target_os = "linux") {
        // While it runs the tty is raw; assert_terminal_restored checks it is not afterwards.
        assert_eq!(app.tty_in_raw_mode(), Some(true), "the app runs with the tty in raw mode");
    }
    for level in ["L5", "L7"] {
        app.send("l");
        app.wait_for(&format!("Level: {level}"));
    }
    app.wait_for("4 of 10 questions");
    // The rows of the list: "▶ 1 Cross-Functional Stakeh…" (number right-aligned, then the title).
    let rows: Vec<String> = (1..=10u32).map(|n| format!("{n:>2} {}", prefix(n))).collect();
    let listed = |screen: &str| -> Vec<u32> {
        (1..=10u32).filter(|&n| screen.lines().any(|l| l.contains(&rows[n as usize - 1]))).collect()
    };
    // The frame may still be arriving when the list is already right: wait for the whole of it.
    app.wait_until("questions 1, 5, 7 and 10 in the list, and question 2 nowhere", pty::TIMEOUT, |s| {
        listed(s) == [1, 5, 7, 10] && !s.contains("AWS Technical Product Lifecycle Deep Dive")
    });

    app.send("q");
    assert_eq!(app.wait_exit(EXIT), 0, "exit code{}", app.describe());
    app.assert_terminal_restored();
}

/// The Today panel counts the days to the interview from the local date, which the app reads once the
/// history is in (not before its first frame). The zone puts the local time near noon of the day before
/// UTC's (in UTC's morning) or of the day after (in its afternoon): the local date is never UTC's, and
/// midnight is hours away while the test runs.
#[test]
fn the_today_panel_counts_the_days_from_the_local_date() {
    use chrono::Timelike;
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("h.jsonl");
    let now = chrono::Utc::now();
    let h = i64::from(now.hour());
    // POSIX TZ offsets count west of UTC: `XST+15` is UTC-15.
    let hours = if h < 12 { -(h + 12) } else { 35 - h };
    let zone = format!("XST{:+}", -hours);
    let local = (now + chrono::Duration::hours(hours)).date_naive();
    assert_ne!(local, now.date_naive());
    let interview = local + chrono::Duration::days(10);
    let config = dir.path().join(".config/stardrill");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), format!("interview-date = {interview}\n")).unwrap();
    let mut app = Spawn::new(args(&[], &history)).home(dir.path()).env("TZ", &zone).size(120, 40).start();
    app.wait_for(&format!("10 days to the interview ({})", interview.format("%a %-d %b")));
    app.send("q");
    assert_eq!(app.wait_exit(EXIT), 0, "exit code{}", app.describe());
    app.assert_terminal_restored();
}

/// A terminal below the minimum size: the notice, no panic, q quits cleanly.
fn tiny_terminal(cols: u16, rows: u16, expect: &str) {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("h.jsonl");
    let mut app = Spawn::new(args(&[], &history)).home(dir.path()).size(cols, rows).start();
    app.wait_for(expect);
    app.send("q");
    assert_eq!(app.wait_exit(EXIT), 0, "exit code{}", app.describe());
    let raw = app.raw_text();
    assert!(!raw.contains("panicked"), "panic output:\n{raw}");
    app.assert_terminal_restored();
}

#[test]
fn tiny_terminal_20x6_shows_notice() {
    tiny_terminal(20, 6, "Terminal too small");
}

#[test]
fn tiny_terminal_1x1_does_not_panic() {
    tiny_terminal(1, 1, "T");
}

#[test]
fn unwritable_history_fails_before_any_question() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let history = blocker.join("h.jsonl");
    let mut app = Spawn::new(args(&["drill", "--id", "1"], &history)).home(dir.path()).start();
    let code = app.wait_exit(EXIT);
    let raw = app.raw_text();
    assert_eq!(code, 1, "exit code; output:\n{raw}");
    assert!(raw.contains("cannot"), "no 'cannot' in the output:\n{raw}");
    assert!(raw.contains(&history.display().to_string()), "the path is not in the output:\n{raw}");
    assert!(!raw.contains("Tell me about"), "a question was shown:\n{raw}");
    app.assert_never_entered_alternate_screen();
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "not a folder");
}

#[test]
fn ctrl_c_quits_at_once_and_keeps_saved_records() {
    let bank = bank();
    let q5 = question(&bank, 5);
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("h.jsonl");
    let mut app =
        Spawn::new(args(&["drill", "--id", "1", "--id", "5", "--time", "1s"], &history)).home(dir.path()).start();

    app.wait_for(Q1_PROMPT);
    app.wait_for("Question 1 of 2");
    app.send(ENTER);
    app.wait_for("section 0 of");
    app.send("a");
    app.wait_for("· Enter to score");
    app.send(ENTER);
    score_4352(&mut app);
    app.send(ENTER);
    app.wait_for("Question 2 of 2");
    app.wait_for("Ready for question 2 of 2");
    app.wait_for(&format!("Saved to {}", history.display()));
    app.assert_not_shows(&q5.prompt.chars().take(30).collect::<String>());

    let saved = std::fs::read(&history).unwrap();
    let lines = history_lines(&history);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert_eq!(lines[0]["question_number"], 1);

    app.send(CTRL_C);
    assert_eq!(app.wait_exit(Duration::from_secs(2)), 0, "exit code{}", app.describe());
    app.assert_terminal_restored();
    assert_eq!(std::fs::read(&history).unwrap(), saved, "Ctrl-C changed the history file");
    let lines = history_lines(&history);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["scores"], serde_json::json!({"situation": 4, "task": 3, "action": 5, "result": 2}));
}

#[test]
fn leaving_an_answer_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("h.jsonl");
    let mut app = Spawn::new(args(&["drill", "--id", "1"], &history)).home(dir.path()).start();
    app.wait_for(Q1_PROMPT);

    app.send("q");
    app.wait_for("Leave this drill?");
    app.send("n");
    app.wait_gone("Leave this drill?");
    app.wait_for(Q1_PROMPT);
    app.wait_for("Question 1 of 1");
    app.wait_for("left of 03:00");

    app.send("q");
    app.wait_for("Leave this drill?");
    app.send("y");
    app.wait_for("59 of 59 questions");
    app.wait_gone("Leave this drill?");
    app.wait_gone("Question 1 of 1");
    app.wait_gone("left of 03:00");

    app.send("q");
    assert_eq!(app.wait_exit(EXIT), 0, "exit code{}", app.describe());
    app.assert_terminal_restored();
    assert!(!history.exists(), "leaving a drill saved something");
}

/// One drill, then the same attempt in History (session → answer) and in Stats.
#[test]
fn a_saved_drill_shows_in_history_and_stats() {
    let bank = bank();
    let q1 = question(&bank, 1);
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("h.jsonl");
    let mut app = Spawn::new(args(&[], &history)).home(dir.path()).size(100, 30).start();

    app.wait_for("59 of 59 questions");
    // History opens once the file has been read, which the list's attempt columns show (`…` until then):
    // an `h` before that only says the file is still being read.
    app.wait_for("3     0    – –");
    app.send("h");
    app.wait_for("No drills in your history yet.");
    app.send("q");
    app.wait_for("59 of 59 questions");
    app.send(ENTER);
    app.wait_for(Q1_PROMPT);
    app.send(ENTER);
    // A drill from the browser puts one follow-up probe: skipped here (nothing to score for it).
    app.wait_for("Follow-up 1 of 1");
    app.send("s");
    app.wait_for(&format!("section 0 of {}", q1.answer.len()));
    app.send("a");
    app.wait_for("· Enter to score");
    app.send(ENTER);
    score_4352(&mut app);
    app.send("n");
    app.send("too much situation");
    app.send(pty::keys::ESC);
    app.wait_for("Note: too much situation");
    app.send(ENTER);
    app.wait_for("Drill complete: 1 answer saved");
    app.send(ENTER);
    // The browser counts the attempt.
    app.wait_for("    1 3.50");

    app.send("h");
    app.wait_for("History · 1 session · 1 answer");
    app.send(ENTER);
    app.wait_for("too much situation");
    app.send(ENTER);
    app.wait_for("Answer to question 1");
    app.wait_for("Situation 4 · Task 3 · Action 5 · Result 2");

    app.send("qq");
    app.wait_for("Sessions (Enter opens)");
    app.send("s");
    app.wait_for("1 attempt · 1 session · 1 day practised");
    app.wait_for("Mean overall 3.50");
    // A level filter: computed on a thread of its own, then shown.
    app.send("l");
    app.wait_for("saved scores match these filters");
    app.send("c");
    app.wait_for("Mean overall 3.50");
    app.send("\t");
    app.wait_for("Have Backbone; Disagree and Commit");
    app.wait_for("13 of 16 never practised");
    app.send("\t");
    app.wait_for("Cross-Functional Stakeholder Alignment");
    app.send("q");
    app.wait_for("59 of 59 questions");
    app.send("q");
    assert_eq!(app.wait_exit(EXIT), 0, "exit code{}", app.describe());
    app.assert_terminal_restored();
    assert_eq!(history_lines(&history).len(), 1);
}

/// An amend on History in the real app: written on a thread of its own, then every view shows it.
#[test]
fn an_answer_amended_on_history_is_written_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("h.jsonl");
    let mut app = Spawn::new(args(&["drill", "--id", "1"], &history)).home(dir.path()).size(100, 30).start();
    answer_q1_and_save(&mut app);
    app.send(ENTER);
    app.wait_for("    1 3.50");
    app.send("h");
    app.wait_for("History · 1 session · 1 answer");
    app.send(ENTER);
    app.wait_for("Answers (Enter shows one)");
    app.send(ENTER);
    app.wait_for("a amend the scores");
    app.send("a");
    app.send("5555");
    app.send(ENTER);
    app.wait_for("(5.00, was 3.50)");
    app.wait_for("History · 1 session · 1 answer");
    let lines = history_lines(&history);
    assert_eq!(lines.len(), 2, "the answer and its amend");
    assert_eq!(lines[1]["kind"], "amend", "{}", lines[1]);
    app.send("qq");
    assert_eq!(app.wait_exit(EXIT), 0, "exit code{}", app.describe());
}

/// Resizing redraws at once: too small shows the notice, large again shows the app, no panic.
#[test]
fn resizing_redraws_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("h.jsonl");
    let mut app = Spawn::new(args(&["drill", "--id", "2"], &history)).home(dir.path()).size(100, 30).start();
    app.wait_for("Question 1 of 1");
    app.resize(30, 8);
    app.wait_for("Terminal too small: 30×8");
    app.resize(60, 20);
    app.wait_for("left of 15:00");
    app.wait_gone("Terminal too small");
    app.resize(1, 1);
    app.resize(120, 40);
    app.wait_for("Question 1 of 1");
    app.send("q");
    app.wait_for("Leave this drill?");
    app.send("y");
    app.wait_for("59 of 59 questions");
    app.send("q");
    assert_eq!(app.wait_exit(EXIT), 0, "exit code{}", app.describe());
    app.assert_terminal_restored();
    assert!(!app.raw_text().contains("panicked"));
}

/// With question 1 on screen: answer, reveal all and score 4 3 5 2 (not saved yet).
fn answer_q1_and_score(app: &mut Pty) {
    app.wait_for(Q1_PROMPT);
    app.send(ENTER);
    app.wait_for("section 0 of");
    app.send("a");
    app.wait_for("· Enter to score");
    app.send(ENTER);
    score_4352(app);
}

/// In a one-question drill of question 1: answer, reveal all, score 4 3 5 2 and save.
fn answer_q1_and_save(app: &mut Pty) {
    answer_q1_and_score(app);
    app.send(ENTER);
    app.wait_for("Drill complete: 1 answer saved");
}

/// One valid record, as a history file line (with its newline).
fn a_saved_record(dir: &Path) -> Vec<u8> {
    let history = dir.join("seed.jsonl");
    let mut app = Spawn::new(args(&["drill", "--id", "1", "--time", "1s"], &history)).home(dir).start();
    answer_q1_and_save(&mut app);
    app.send(ENTER);
    app.wait_for("of 59 questions");
    app.send("q");
    assert_eq!(app.wait_exit(EXIT), 0, "exit code{}", app.describe());
    std::fs::read(&history).unwrap()
}

/// Start `script` (run by `sh -c`, `BIN` standing for stardrill with `--history PATH`) in a pty,
/// wait for the browser, then close the terminal (every master handle) as closing a window does.
/// Returns the exit status, or None if it was still running after `within`.
fn close_terminal_under(script: &str, history: &Path, home: &Path, within: Duration) -> Option<u32> {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;
    let pair = native_pty_system().openpty(PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 }).unwrap();
    let bin = format!("'{}' --history '{}'", env!("CARGO_BIN_EXE_stardrill"), history.display());
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", &script.replace("BIN", &bin)]);
    cmd.env_clear();
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd.env("HOME", home);
    cmd.env("TERM", "xterm-256color");
    cmd.env("NO_COLOR", "1");
    cmd.cwd(home);
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    // Read until the browser is drawn (words are split by cursor moves: look for one word), then
    // let go of this handle of the master too.
    let (drawn, up) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(&seen).contains("questions") {
            match reader.read(&mut buf) {
                Ok(n) if n > 0 => seen.extend_from_slice(&buf[..n]),
                _ => break,
            }
        }
        let _ = drawn.send(String::from_utf8_lossy(&seen).into_owned());
    });
    let seen = up.recv_timeout(Duration::from_secs(10));
    if !seen.as_ref().is_ok_and(|s| s.contains("questions")) {
        let _ = child.kill();
        panic!("the browser was not drawn: {seen:?}");
    }
    drop(writer);
    drop(pair.master);
    let deadline = std::time::Instant::now() + within;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status.exit_code());
        }
        if std::time::Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Security 2: with SIGHUP ignored, a closed terminal gives end of file for ever; the app must not
/// spin on it but end, non-zero, leaving the history as it was.
#[test]
fn a_closed_terminal_ends_the_app_even_when_sighup_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let saved = a_saved_record(dir.path());
    let history = dir.path().join("h.jsonl");
    // Without exec the shell stays the session leader and takes the (ignored) SIGHUP: the app
    // itself sees only the end of its input.
    // Standard error goes to a file, as the terminal is gone when the message is written.
    let err = dir.path().join("stderr.txt");
    for script in ["trap '' HUP; BIN 2>ERR; exit $?", "trap '' HUP; exec BIN 2>ERR"] {
        let script = script.replace("ERR", &format!("'{}'", err.display()));
        std::fs::write(&history, &saved).unwrap();
        let code = close_terminal_under(&script, &history, dir.path(), Duration::from_secs(3));
        let code = code.unwrap_or_else(|| panic!("`{script}`: still running 3 s after the terminal closed"));
        let said = std::fs::read_to_string(&err).unwrap_or_default();
        assert_ne!(code, 0, "`{script}`: exit code; stderr: {said}");
        assert!(said.contains("saved scores are kept"), "`{script}`: stderr: {said}");
        assert!(!said.contains("panicked"), "`{script}`: stderr: {said}");
        assert_eq!(std::fs::read(&history).unwrap(), saved, "`{script}`: the history changed");
    }
}

/// Security 3: SIGTERM and SIGHUP give the terminal back like Ctrl-C and keep what was saved.
#[test]
fn sigterm_and_sighup_restore_the_terminal_and_keep_saved_records() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let dir = tempfile::tempdir().unwrap();
        let history = dir.path().join("h.jsonl");
        let mut app =
            Spawn::new(args(&["drill", "--id", "1", "--id", "5", "--time", "1s"], &history)).home(dir.path()).start();
        answer_q1_and_score(&mut app);
        app.send(ENTER);
        app.wait_for("Ready for question 2 of 2");
        let saved = std::fs::read(&history).unwrap();
        assert_eq!(history_lines(&history).len(), 1);

        app.signal(signal);
        assert_eq!(app.wait_exit(Duration::from_secs(2)), code, "SIG{signal}: exit code{}", app.describe());
        app.assert_terminal_restored();
        let raw = app.raw();
        let tail = &raw[raw.windows(8).rposition(|w| w == b"\x1b[?1049l").unwrap()..];
        let tail = String::from_utf8_lossy(tail);
        assert!(tail.contains("\x1b[?25h"), "SIG{signal}: the cursor is shown at the end: {tail:?}");
        assert!(tail.contains(&format!("stopped by SIG{signal}; saved scores are kept")), "{tail:?}");
        assert_eq!(std::fs::read(&history).unwrap(), saved, "SIG{signal} changed the history file");
    }
}

/// New-user 1: a pasted multi-line note is text: nothing is saved early, every line is in the note.
#[test]
fn a_pasted_multi_line_note_is_text() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("h.jsonl");
    let mut app = Spawn::new(args(&["drill", "--id", "1", "--time", "1s"], &history)).home(dir.path()).start();
    answer_q1_and_score(&mut app);
    app.send("n");
    app.wait_for("Note 0/2000");
    // As a terminal sends a paste: bracketed, line breaks as CR.
    app.send("\x1b[200~too long on the situation\rq then Enter\r\x1b[201~");
    app.wait_for("q then Enter");
    app.assert_shows("too long on the situation");
    assert!(!history.exists(), "the paste saved something");
    app.assert_shows("Note 39/2000");
    app.send(pty::keys::ESC);
    app.wait_for("Note: too long on the situation…");
    app.send(ENTER);
    app.wait_for("Drill complete: 1 answer saved");
    let lines = history_lines(&history);
    assert_eq!(lines[0]["note"], "too long on the situation\nq then Enter");
    app.send(ENTER);
    app.wait_for("of 59 questions");
    app.send("q");
    assert_eq!(app.wait_exit(EXIT), 0, "exit code{}", app.describe());
    app.assert_terminal_restored();
    let raw = app.raw_text();
    let (on, off) = (raw.find("\x1b[?2004h"), raw.rfind("\x1b[?2004l"));
    assert!(matches!((on, off), (Some(a), Some(b)) if b > a), "bracketed paste is turned on, then off at exit");
}

/// The scratchpad in the real binary: typed while the clock runs, a bracketed paste taken as text
/// (never as keys: the `q` and the line break in it do not leave or save), its insights on Reveal,
/// and the text with its insights in the saved record.
#[test]
fn the_scratchpad_takes_a_paste_as_text_and_is_saved_with_its_insights() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("h.jsonl");
    let mut app = Spawn::new(args(&["drill", "--id", "1"], &history)).home(dir.path()).start();
    app.wait_for("done answering");
    app.send("o");
    app.wait_for("Scratchpad 0 words · 0/20000");
    app.send("I led it");
    app.send("\x1b[200~\rq: churn fell 12%\r\x1b[201~");
    app.wait_for("q: churn fell 12%");
    app.assert_shows("Scratchpad 7 words · 27/20000");
    assert!(!history.exists(), "the paste saved something");
    app.send(pty::keys::ESC);
    app.wait_for("Scratchpad: 7 words · o opens it");
    app.send(ENTER);
    app.wait_for("Scratchpad: 7 words ≈ 00:03 (limit 03:00) · I 1 · we 0 · 0 fillers (0 per 100)");
    app.send("a");
    app.send(ENTER);
    app.wait_for("What a 1, a 3 and a 5 look like for Situation");
    app.send("4352");
    app.wait_for("Overall    3.50");
    app.send(ENTER);
    app.wait_for("Drill complete: 1 answer saved");
    let lines = history_lines(&history);
    assert_eq!(lines[0]["outline"], "I led it\nq: churn fell 12%");
    assert_eq!(lines[0]["insights"]["words"], 7);
    assert_eq!(lines[0]["insights"]["numbers"], serde_json::json!(["12%"]));
    app.send(ENTER);
    app.send("q");
    assert_eq!(app.wait_exit(EXIT), 0, "exit code{}", app.describe());
    app.assert_terminal_restored();
}

/// New-user 9: opening and quitting the browser creates no history file and no folder.
#[test]
fn opening_the_browser_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("not/yet/h.jsonl");
    let mut app = Spawn::new(args(&[], &history)).home(dir.path()).start();
    app.wait_for("59 of 59 questions");
    app.send("q");
    assert_eq!(app.wait_exit(EXIT), 0, "exit code{}", app.describe());
    assert!(!dir.path().join("not").exists(), "a folder was created");
    // The first save creates both.
    let mut app = Spawn::new(args(&["drill", "--id", "1", "--time", "1s"], &history)).home(dir.path()).start();
    answer_q1_and_save(&mut app);
    app.send(CTRL_C);
    assert_eq!(app.wait_exit(EXIT), 0, "exit code{}", app.describe());
    assert_eq!(history_lines(&history).len(), 1);
}
