//! Where the history file lives, appending to it safely, and reading it back.
//!
//! Appends take an exclusive lock and are synced before they return; reading never changes the file.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::correction::{self, Correction, Corrections};
use super::record::{Record, VERSION};

/// `--history PATH` (or `STARDRILL_HISTORY`, which clap folds into it), else the platform data dir.
pub fn resolve_path(explicit: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    directories::ProjectDirs::from("", "", "stardrill")
        .map(|d| d.data_dir().join("history.jsonl"))
        .ok_or_else(|| "cannot find a home directory for the history file; pass --history PATH".to_string())
}

/// An error about the history file, naming it.
#[derive(Debug)]
pub struct HistoryError {
    pub path: PathBuf,
    pub action: &'static str,
    pub source: io::Error,
}

impl std::fmt::Display for HistoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot {} history file {}: {}", self.action, self.path.display(), self.source)
    }
}

impl std::error::Error for HistoryError {}

fn err<'a>(path: &'a Path, action: &'static str) -> impl FnOnce(io::Error) -> HistoryError + 'a {
    move |source| HistoryError { path: path.to_path_buf(), action, source }
}

/// Open the history for appending, creating it (and its folders) if need be; only a save does this.
///
/// The file is opened without blocking (a FIFO put in its place fails instead of hanging) and its type
/// is checked on the open handle, so a file swapped for a device, a FIFO or a directory after start-up
/// is refused before a byte is written.
fn open_append(path: &Path) -> Result<File, HistoryError> {
    ensure_regular(path, "write")?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            let source = if parent.ancestors().any(|a| a.is_file()) {
                io::Error::other(format!("{e}: part of the path is a file, not a folder"))
            } else {
                e
            };
            HistoryError { path: path.to_path_buf(), action: "create the folder of", source }
        })?;
    }
    let mut options = OpenOptions::new();
    options.read(true).append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits().cast_signed());
    }
    let file = options.open(path).map_err(err(path, "write"))?;
    let meta = file.metadata().map_err(err(path, "write"))?;
    if !meta.is_file() {
        return Err(HistoryError { path: path.to_path_buf(), action: "write", source: not_regular(&meta) });
    }
    Ok(file)
}

/// Check, before any drill starts, that scores can be saved to `path`, without creating anything:
/// an existing file must be a regular file that opens for appending; a missing one needs its nearest
/// existing folder to be writable (the file and its folders are made by the first save).
pub fn check_writable(path: &Path) -> Result<(), HistoryError> {
    ensure_regular(path, "write")?;
    // Symlinks are followed: a link to a file not made yet is made by the first save, as a file is.
    match std::fs::metadata(path) {
        Ok(_) => {
            let mut options = OpenOptions::new();
            options.append(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits().cast_signed());
            }
            options.open(path).map(drop).map_err(err(path, "write"))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => check_creatable(path),
        Err(e) => Err(err(path, "write")(e)),
    }
}

/// A missing history can be created: its nearest existing ancestor is a folder we may write in.
fn check_creatable(path: &Path) -> Result<(), HistoryError> {
    let folder_error = |source| HistoryError { path: path.to_path_buf(), action: "create the folder of", source };
    let parent = path.parent().unwrap_or(Path::new(""));
    let existing = parent
        .ancestors()
        .map(|a| if a.as_os_str().is_empty() { Path::new(".") } else { a })
        .find(|a| std::fs::symlink_metadata(a).is_ok())
        .unwrap_or(Path::new("."));
    match std::fs::metadata(existing) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            let e = io::Error::other(format!("part of the path is a file, not a folder: {}", existing.display()));
            return Err(folder_error(e));
        }
        Err(e) => return Err(folder_error(e)),
    }
    #[cfg(unix)]
    {
        use rustix::fs::{Access, access};
        access(existing, Access::WRITE_OK | Access::EXEC_OK).map_err(|e| {
            folder_error(io::Error::other(format!("{} is not writable: {}", existing.display(), io::Error::from(e))))
        })?;
    }
    Ok(())
}

/// A history must be a regular file (or not exist yet): a directory, a device such as /dev/zero or a
/// pipe is refused before anything is read or written. Symlinks are followed: their target counts.
fn ensure_regular(path: &Path, action: &'static str) -> Result<(), HistoryError> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => Err(HistoryError { path: path.to_path_buf(), action, source: not_regular(&m) }),
        _ => Ok(()),
    }
}

/// "it is a directory", "it is not a regular file (a FIFO)".
fn not_regular(m: &std::fs::Metadata) -> io::Error {
    if m.is_dir() {
        return io::Error::other("it is a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        let what = if t.is_fifo() {
            "a FIFO"
        } else if t.is_char_device() || t.is_block_device() {
            "a device"
        } else if t.is_socket() {
            "a socket"
        } else {
            "not a file"
        };
        io::Error::other(format!("it is not a regular file ({what})"))
    }
    #[cfg(not(unix))]
    io::Error::other("it is not a regular file")
}

/// What became of an append whose line is in the file.
#[derive(Debug)]
pub struct Appended {
    /// The disk did not confirm the write (fsync failed): the line is written but may not survive
    /// a crash. It must not be written again.
    pub unconfirmed: Option<io::Error>,
    /// The id written with a record (`append`); None for a correction.
    pub attempt_id: Option<String>,
}

/// Append one record as one line, with a fresh attempt id written first in it: exclusive lock, one
/// write, fsync.
///
/// An error means the line is not in the file, so saving again is safe. If the file ends in a torn
/// line (a crash mid-write), a newline goes first so the new record stays whole and the torn line
/// stays as it was.
pub fn append(path: &Path, record: &Record) -> Result<Appended, HistoryError> {
    let id = correction::new_attempt_id();
    let line = correction::record_line(record, &id).map_err(|e| HistoryError {
        path: path.to_path_buf(),
        action: "encode a record for",
        source: io::Error::other(e),
    })?;
    let appended = append_line(path, line)?;
    Ok(Appended { attempt_id: Some(id), ..appended })
}

/// Append one correction (`history drop` / `amend`) as one line, as safely as a record: the lines
/// before it are never touched.
pub fn append_correction(path: &Path, c: &Correction) -> Result<Appended, HistoryError> {
    let line = serde_json::to_string(c).map_err(|e| HistoryError {
        path: path.to_path_buf(),
        action: "encode a correction for",
        source: io::Error::other(e),
    })?;
    append_line(path, line)
}

fn append_line(path: &Path, mut line: String) -> Result<Appended, HistoryError> {
    line.push('\n');
    let mut file = open_append(path)?;
    file.lock().map_err(err(path, "lock"))?;
    let len = file.metadata().map_err(err(path, "read"))?.len();
    if len > 0 {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::Start(len - 1)).map_err(err(path, "read"))?;
        file.read_exact(&mut last).map_err(err(path, "read"))?;
        if last[0] != b'\n' {
            line.insert(0, '\n');
        }
    }
    if let Err(e) = file.write_all(line.as_bytes()) {
        // Take back a partial write so a retry does not leave a torn line behind.
        let _ = file.set_len(len);
        return Err(err(path, "write")(e));
    }
    // The lock goes with the file when it is closed.
    Ok(Appended { unconfirmed: file.sync_data().err(), attempt_id: None })
}

/// A line that was not read as a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// 1-based line number.
    pub line: usize,
    pub reason: String,
}

/// Every record of a history file, as `read` gives them.
#[derive(Debug, Default)]
pub struct Loaded {
    pub records: Vec<Record>,
    pub skipped: Vec<Skipped>,
}

/// "skipped 2 unreadable lines in PATH: 4 (not JSON), 9 (unknown version 7)", or None.
pub fn skipped_summary(skipped: &[Skipped], path: &Path) -> Option<String> {
    if skipped.is_empty() {
        return None;
    }
    let n = skipped.len();
    let shown: Vec<String> = skipped.iter().take(10).map(|s| format!("{} ({})", s.line, s.reason)).collect();
    let more = if n > 10 { format!(" and {} more", n - 10) } else { String::new() };
    let lines = crate::format::plural(n, "unreadable line");
    Some(format!("skipped {lines} in {}: {}{more}", path.display(), shown.join(", ")))
}

/// Read every record, as corrected (`history drop`/`amend` applied); a missing file is an empty history.
///
/// stardrill itself never holds a whole history (`for_each`, `fold_parallel` and `read_raw` read it):
/// only this module's tests and the benchmark `read_all` (benches/stats_history.rs) call this. Once that
/// benchmark measures `read_raw` (what `stardrill history` reads), `read` and `Loaded` belong in the
/// tests.
pub fn read(path: &Path) -> Result<Loaded, HistoryError> {
    let mut records = Vec::new();
    let skipped = for_each(path, |r| records.push(r))?;
    Ok(Loaded { records, skipped })
}

/// Hand each record, as corrected, to `visit` as it is read, without keeping them; returns the lines
/// skipped. A dropped attempt is not handed on. A missing file is an empty history.
pub fn for_each(path: &Path, mut visit: impl FnMut(Record)) -> Result<Vec<Skipped>, HistoryError> {
    let Some(file) = open_for_read(path)? else { return Ok(Vec::new()) };
    let len = file.metadata().map_err(err(path, "read"))?.len();
    let fixes = read_corrections(path, len)?;
    let reader = BufReader::with_capacity(1 << 16, file);
    scan(reader, 0, len, &mut |entry, _, line| {
        if let Entry::Record(r) = entry
            && let Some(r) = fixes.apply(r, line)
        {
            visit(r);
        }
    })
    .map(|(skipped, _)| skipped)
    .map_err(err(path, "read"))
}

/// One attempt as written, with its stable id and where its line starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Stamped {
    pub attempt_id: String,
    pub record: Record,
    pub offset: u64,
}

/// Everything in a history file as written: the attempts (uncorrected) and the corrections, each in
/// file order.
#[derive(Debug, Default)]
pub struct RawHistory {
    pub attempts: Vec<Stamped>,
    pub corrections: Vec<Correction>,
    pub skipped: Vec<Skipped>,
}

impl RawHistory {
    pub fn fixes(&self) -> Corrections {
        Corrections::of(&self.corrections)
    }

    /// The attempts as every view shows them: dropped ones left out, amended ones changed.
    pub fn corrected(&self) -> Vec<Stamped> {
        let fixes = self.fixes();
        self.attempts
            .iter()
            .filter_map(|a| {
                let record = fixes.apply_id(a.record.clone(), &a.attempt_id)?;
                Some(Stamped { record, ..a.clone() })
            })
            .collect()
    }

    /// The attempt an id or a prefix of one names (at least `MIN_PREFIX` characters, any case). Two
    /// byte-identical lines share an id: the first is returned.
    pub fn find(&self, key: &str) -> Result<&Stamped, FindError> {
        let key = key.trim().to_ascii_lowercase();
        if let Some(a) = self.attempts.iter().find(|a| a.attempt_id.eq_ignore_ascii_case(&key)) {
            return Ok(a);
        }
        if key.len() < correction::MIN_PREFIX {
            return Err(FindError::TooShort);
        }
        let mut ids: Vec<&str> = Vec::new();
        let mut first = None;
        for a in &self.attempts {
            if a.attempt_id.to_ascii_lowercase().starts_with(&key) && !ids.contains(&a.attempt_id.as_str()) {
                ids.push(&a.attempt_id);
                first.get_or_insert(a);
            }
        }
        match (first, ids.len()) {
            (Some(a), 1) => Ok(a),
            (None, _) => Err(FindError::Unknown),
            _ => Err(FindError::Ambiguous(ids.into_iter().take(5).map(str::to_string).collect())),
        }
    }
}

/// Why an id given on the command line names no attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindError {
    TooShort,
    Unknown,
    /// Some of the ids it begins.
    Ambiguous(Vec<String>),
}

/// Every attempt and correction as written, for `history --raw`.
pub fn read_raw(path: &Path) -> Result<RawHistory, HistoryError> {
    read_raw_where(path, |_| true)
}

/// The attempts whose id begins with `key` (any case) and every correction: what `RawHistory::find`
/// needs to resolve an id typed for `history drop`/`amend`, without holding a long history in memory.
pub fn read_for_id(path: &Path, key: &str) -> Result<RawHistory, HistoryError> {
    let key = key.trim().to_ascii_lowercase();
    read_raw_where(path, |id| id.get(..key.len()).is_some_and(|start| start.eq_ignore_ascii_case(&key)))
}

fn read_raw_where(path: &Path, keep: impl Fn(&str) -> bool) -> Result<RawHistory, HistoryError> {
    let mut raw = RawHistory::default();
    let Some(file) = open_for_read(path)? else { return Ok(raw) };
    let reader = BufReader::with_capacity(1 << 16, file);
    let (skipped, _) = scan(reader, 0, u64::MAX, &mut |entry, at, line| match entry {
        Entry::Record(record) => {
            let attempt_id = correction::attempt_id_of_line(line);
            if keep(&attempt_id) {
                raw.attempts.push(Stamped { attempt_id, record, offset: at });
            }
        }
        Entry::Correction(c) => raw.corrections.push(c),
    })
    .map_err(err(path, "read"))?;
    raw.skipped = skipped;
    Ok(raw)
}

/// Correct the answer a screen shows — known by its session, time and question, as the app holds it —
/// by appending one correction for it (`history drop`/`amend` from the History screen). The file is
/// read again to find the attempt's id; an answer no longer there, or one that several attempts
/// match, is refused with the reason and nothing is written.
pub fn correct_shown(
    path: &Path,
    shown: &Record,
    kind: correction::CorrectionKind,
    scores: Option<super::Scores>,
    corrected_at: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Correction, String> {
    // One pass that keeps only the matching attempts' ids and the corrections (a long history is not
    // held in memory).
    let mut ids: Vec<String> = Vec::new();
    let mut corrections = Vec::new();
    if let Some(file) = open_for_read(path).map_err(|e| e.to_string())? {
        let reader = BufReader::with_capacity(1 << 16, file);
        scan(reader, 0, u64::MAX, &mut |entry, _, line| match entry {
            Entry::Record(r)
                if r.session_id == shown.session_id
                    && r.answered_at == shown.answered_at
                    && r.question_id == shown.question_id =>
            {
                let id = correction::attempt_id_of_line(line);
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            Entry::Record(_) => {}
            Entry::Correction(c) => corrections.push(c),
        })
        .map_err(|e| err(path, "read")(e).to_string())?;
    }
    let fixes = Corrections::of(&corrections);
    ids.retain(|id| fixes.get(id) != Some(&correction::Fix::Dropped));
    let attempt_id = match ids.as_slice() {
        [one] => one.to_string(),
        [] => {
            return Err("this answer is no longer in the history file (dropped, or the file changed); start \
                        stardrill again"
                .into());
        }
        _ => {
            return Err("several answers in the history file match this one; correct it with `stardrill history \
                        drop ID` (`stardrill history` lists the IDs)"
                .into());
        }
    };
    let c = Correction {
        version: VERSION,
        kind,
        attempt_id,
        corrected_at,
        scores,
        note: None,
        answered_at: Some(shown.answered_at),
    };
    append_correction(path, &c).map_err(|e| e.to_string())?;
    Ok(c)
}

/// The corrections among the first `len` bytes of the file, folded. A first, cheap pass: only the
/// lines holding `"kind"` are parsed (the few correction lines), the parts of a long file on threads
/// of their own.
pub fn read_corrections(path: &Path, len: u64) -> Result<Corrections, HistoryError> {
    if len == 0 {
        return Ok(Corrections::default());
    }
    let threads = if len < PARALLEL_FROM_BYTES { 1 } else { reader_threads() };
    let (parts, _) = in_parts(path, len, threads, |mut reader, pos, end| {
        let mut found = Vec::new();
        // Most histories hold no correction: a search of the raw bytes says so without splitting lines.
        if !mentions_kind(&mut reader, pos, end)? {
            return Ok((found, Vec::new(), 0));
        }
        reader.seek(SeekFrom::Start(pos))?;
        let lines = lines(reader, pos, end, &mut |line| {
            if let RawLine::Text { bytes, .. } = line
                && let Ok(Some(c)) = correction::parse_correction(bytes)
                && parse_line(bytes).is_err()
            {
                found.push(c);
            }
        })?;
        Ok((found, Vec::new(), lines))
    })?;
    Ok(Corrections::of(parts.iter().flatten()))
}

/// The history file opened for reading; None when there is none yet. Refuses what is not a regular
/// file before opening it (a FIFO would block).
fn open_for_read(path: &Path) -> Result<Option<File>, HistoryError> {
    ensure_regular(path, "read")?;
    let mut options = OpenOptions::new();
    options.read(true);
    // Swapped for a FIFO after the check above, the open must not wait for a writer.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits().cast_signed());
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(err(path, "read")(e)),
    };
    let meta = file.metadata().map_err(err(path, "read"))?;
    if !meta.is_file() {
        return Err(HistoryError { path: path.to_path_buf(), action: "read", source: not_regular(&meta) });
    }
    Ok(Some(file))
}

/// Whether the history file could be read (a missing one can: it is empty), without reading it.
pub fn check_readable(path: &Path) -> Result<(), HistoryError> {
    open_for_read(path).map(|_| ())
}

/// No record comes near this; a longer line is skipped without being held in memory.
const MAX_LINE_BYTES: u64 = 1 << 20;

/// Read past the end of the current line (its newline included), a chunk at a time; returns the
/// bytes passed over.
fn skip_line(reader: &mut impl BufRead) -> io::Result<u64> {
    let mut chunk = Vec::with_capacity(1 << 16);
    let mut total = 0;
    loop {
        chunk.clear();
        let n = reader.take(1 << 16).read_until(b'\n', &mut chunk)?;
        total += n as u64;
        if n == 0 || chunk.last() == Some(&b'\n') {
            return Ok(total);
        }
    }
}

/// Below this size a history is folded on one thread.
const PARALLEL_FROM_BYTES: u64 = 4 << 20;

/// How many threads read a long history: `STARDRILL_THREADS` when set to a whole number from 1 (up to
/// 64), else one per core, at most 8.
fn reader_threads() -> u64 {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let set = std::env::var("STARDRILL_THREADS").ok().and_then(|v| v.trim().parse::<u64>().ok());
    set.filter(|&n| n >= 1).unwrap_or(cores as u64).min(64)
}

/// Whether the bytes of the lines that start in `pos..end` (the reader at `pos`) may hold `"kind"`:
/// false only when none does. It may say true for a line just after the range.
fn mentions_kind(reader: &mut impl Read, pos: u64, end: u64) -> io::Result<bool> {
    let keep = correction::KIND_KEY.len() - 1;
    let mut chunk = vec![0u8; 1 << 20];
    let mut carry = 0;
    // The file offset of chunk[carry].
    let mut at = pos;
    loop {
        let n = reader.read(&mut chunk[carry..])?;
        if n == 0 {
            return Ok(false);
        }
        let filled = carry + n;
        if memchr::memmem::find(&chunk[..filled], correction::KIND_KEY).is_some() {
            return Ok(true);
        }
        // Past the range once a newline ends the line that was under way at its end.
        let first_past = usize::try_from(end.saturating_sub(1).saturating_sub(at)).unwrap_or(usize::MAX);
        if first_past < n && memchr::memchr(b'\n', &chunk[carry + first_past..filled]).is_some() {
            return Ok(false);
        }
        at += n as u64;
        let tail = filled.saturating_sub(keep);
        chunk.copy_within(tail..filled, 0);
        carry = filled - tail;
    }
}

/// Fold the records of a history file, as corrected, into accumulators, on as many threads as there
/// are cores: each thread folds a contiguous part of the file into its own accumulator (made by
/// `new`); `visit` gets each record with the byte offset its line starts at (`read_at` reads it again
/// from there). Returns the accumulators in file order and the lines skipped (numbered in the whole
/// file).
pub fn fold_parallel<A: Send>(
    path: &Path,
    new: impl Fn() -> A + Sync,
    visit: impl Fn(&mut A, Record, u64) + Sync,
) -> Result<(Vec<A>, Vec<Skipped>), HistoryError> {
    fold_corrected(path, new, visit).map(|(accs, skipped, _)| (accs, skipped))
}

/// `fold_parallel`, also returning the corrections it applied (for `read_at` later).
///
/// Corrections come after the attempts they correct, maybe in another part of the file: they are
/// read first, in a cheap pass over the same bytes (`read_corrections`), and applied to each record
/// as the parts are folded. Both passes stop at the length the file had when the fold began.
pub fn fold_corrected<A: Send>(
    path: &Path,
    new: impl Fn() -> A + Sync,
    visit: impl Fn(&mut A, Record, u64) + Sync,
) -> Result<(Vec<A>, Vec<Skipped>, Corrections), HistoryError> {
    ensure_regular(path, "read")?;
    let len = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok((vec![new()], Vec::new(), Corrections::default()));
        }
        Err(e) => return Err(err(path, "read")(e)),
    };
    let threads = if len < PARALLEL_FROM_BYTES { 1 } else { reader_threads() };
    let fixes = read_corrections(path, len)?;
    let (accs, skipped) = fold_fixed(path, len, threads, &fixes, new, visit)?;
    Ok((accs, skipped, fixes))
}

#[cfg(test)]
fn fold_in_parts<A: Send>(
    path: &Path,
    len: u64,
    threads: u64,
    new: impl Fn() -> A + Sync,
    visit: impl Fn(&mut A, Record, u64) + Sync,
) -> Result<(Vec<A>, Vec<Skipped>), HistoryError> {
    let fixes = read_corrections(path, len)?;
    fold_fixed(path, len, threads, &fixes, new, visit)
}

fn fold_fixed<A: Send>(
    path: &Path,
    len: u64,
    threads: u64,
    fixes: &Corrections,
    new: impl Fn() -> A + Sync,
    visit: impl Fn(&mut A, Record, u64) + Sync,
) -> Result<(Vec<A>, Vec<Skipped>), HistoryError> {
    in_parts(path, len, threads, |reader, pos, end| {
        let mut acc = new();
        let (skipped, lines) = scan(reader, pos, end, &mut |entry, at, line| {
            if let Entry::Record(r) = entry
                && let Some(r) = fixes.apply(r, line)
            {
                visit(&mut acc, r, at);
            }
        })?;
        Ok((acc, skipped, lines))
    })
}

/// Run `part` over `threads` contiguous parts of the file's first `len` bytes, each from the first
/// line that starts in it; the results in file order, with the skipped lines numbered in the whole file.
fn in_parts<A: Send>(
    path: &Path,
    len: u64,
    threads: u64,
    part: impl Fn(BufReader<File>, u64, u64) -> io::Result<(A, Vec<Skipped>, usize)> + Sync,
) -> Result<(Vec<A>, Vec<Skipped>), HistoryError> {
    let bounds: Vec<u64> = (0..=threads).map(|i| len * i / threads).collect();
    let parts: Vec<io::Result<(A, Vec<Skipped>, usize)>> = std::thread::scope(|s| {
        let handles: Vec<_> = bounds
            .windows(2)
            .map(|w| {
                let (start, end) = (w[0], w[1]);
                let part = &part;
                s.spawn(move || {
                    let (reader, pos) = open_range(path, start)?;
                    part(reader, pos, end)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(io::Error::other("a reader thread panicked"))))
            .collect()
    });
    let mut accs = Vec::with_capacity(parts.len());
    let mut skipped = Vec::new();
    let mut lines_before = 0;
    for part in parts {
        let (acc, part_skipped, lines) = part.map_err(err(path, "read"))?;
        skipped.extend(part_skipped.into_iter().map(|s| Skipped { line: s.line + lines_before, ..s }));
        lines_before += lines;
        accs.push(acc);
    }
    Ok((accs, skipped))
}

/// The file opened at the first line that starts at or after byte `start`, and that line's offset.
fn open_range(path: &Path, start: u64) -> io::Result<(BufReader<File>, u64)> {
    let mut reader = BufReader::with_capacity(1 << 16, File::open(path)?);
    let mut pos = start;
    if start > 0 {
        // A line that starts before `start` belongs to the range before.
        reader.seek(SeekFrom::Start(start - 1))?;
        pos = start - 1 + skip_line(&mut reader)?;
    }
    Ok((reader, pos))
}

/// One line as a record. One UTF-8 check of the whole line (fast for ASCII), then a parser that trusts
/// it, instead of a check per string.
fn parse_line(line: &[u8]) -> serde_json::Result<Record> {
    match std::str::from_utf8(line) {
        Ok(text) => serde_json::from_str::<Record>(text),
        Err(_) => serde_json::from_slice::<Record>(line),
    }
}

/// Read again the records whose lines start at `offsets` (as `fold_parallel` gave them), in that
/// order. `expect` says whether a record read is the one wanted: a file changed since it was read
/// gives an error, never another answer.
pub fn read_at(
    path: &Path,
    offsets: &[u64],
    fixes: &Corrections,
    expect: impl Fn(usize, &Record) -> bool,
) -> Result<Vec<Record>, HistoryError> {
    let changed = || HistoryError {
        path: path.to_path_buf(),
        action: "read",
        source: io::Error::other("the file changed since stardrill read it; start stardrill again to read it anew"),
    };
    let Some(file) = open_for_read(path)? else { return Err(changed()) };
    let mut reader = BufReader::with_capacity(1 << 12, file);
    let mut records = Vec::with_capacity(offsets.len());
    let mut buf = Vec::with_capacity(1024);
    for (i, &at) in offsets.iter().enumerate() {
        reader.seek(SeekFrom::Start(at)).map_err(err(path, "read"))?;
        buf.clear();
        (&mut reader).take(MAX_LINE_BYTES + 1).read_until(b'\n', &mut buf).map_err(err(path, "read"))?;
        let line = buf.trim_ascii();
        let mut r = parse_line(line).map_err(|_| changed())?;
        r.overall = r.scores.mean();
        // The fixes the rows were made with: an amended answer reads back amended.
        let r = fixes.apply(r, line).ok_or_else(changed)?;
        if !expect(i, &r) {
            return Err(changed());
        }
        records.push(r);
    }
    Ok(records)
}

#[derive(serde::Deserialize)]
struct VersionOnly {
    version: Option<serde_json::Value>,
}

/// One line of a history file as read: a record, or a correction of one.
// An entry lives for one line and is never stored in bulk: boxing the record would cost an allocation
// per line on the readers' hot path to save stack space that is not short.
#[allow(clippy::large_enum_variant)]
pub enum Entry {
    Record(Record),
    Correction(Correction),
}

/// One line as `lines` splits the file.
enum RawLine<'a> {
    /// The line without its surrounding whitespace; `torn` when no newline ends it.
    Text { bytes: &'a [u8], start: u64, number: usize, torn: bool },
    /// Longer than `MAX_LINE_BYTES`: passed over without being held.
    Overlong { number: usize },
}

/// Split the lines that start at byte `pos` (where the reader stands) up to `end`, numbered from 1;
/// blank lines are counted and not handed on. Returns how many lines were read. Every reader of the
/// file splits it here, so they agree on what a line is.
fn lines(mut reader: impl BufRead, mut pos: u64, end: u64, visit: &mut impl FnMut(RawLine)) -> io::Result<usize> {
    let mut buf = Vec::with_capacity(1024);
    let mut number = 0;
    while pos < end {
        buf.clear();
        let n = (&mut reader).take(MAX_LINE_BYTES + 1).read_until(b'\n', &mut buf)?;
        if n == 0 {
            break;
        }
        let start = pos;
        pos += n as u64;
        number += 1;
        if buf.len() as u64 > MAX_LINE_BYTES {
            // Far longer than any record: pass over the rest of it without holding it in memory.
            if buf.last() != Some(&b'\n') {
                pos += skip_line(&mut reader)?;
            }
            visit(RawLine::Overlong { number });
            continue;
        }
        let torn = buf.last() != Some(&b'\n');
        let bytes = buf.trim_ascii();
        if !bytes.is_empty() {
            visit(RawLine::Text { bytes, start, number, torn });
        }
    }
    Ok(number)
}

/// Read the lines that start at byte `pos` (where the reader stands) up to `end`, handing each record
/// and each correction to `visit` with the offset its line starts at and the line itself; returns the
/// lines skipped (numbered from 1 at `pos`) and how many lines were read.
fn scan(
    reader: impl BufRead,
    pos: u64,
    end: u64,
    visit: &mut impl FnMut(Entry, u64, &[u8]),
) -> io::Result<(Vec<Skipped>, usize)> {
    let mut skipped = Vec::new();
    let number = lines(reader, pos, end, &mut |raw| {
        let (line, start, number, torn) = match raw {
            RawLine::Overlong { number } => {
                skipped.push(Skipped { line: number, reason: "line longer than 1 MiB".into() });
                return;
            }
            RawLine::Text { bytes, start, number, torn } => (bytes, start, number, torn),
        };
        match parse_line(line) {
            Ok(mut r) if r.version == VERSION && r.scores.all_valid() => {
                // The overall is the mean of the four by definition; a hand-edited file cannot skew it.
                r.overall = r.scores.mean();
                visit(Entry::Record(r), start, line)
            }
            Ok(r) if r.version != VERSION => {
                skipped.push(Skipped { line: number, reason: format!("unknown version {}", r.version) })
            }
            Ok(_) => skipped.push(Skipped { line: number, reason: "scores outside 1-5".into() }),
            Err(e) => match correction::parse_correction(line) {
                Ok(Some(c)) => visit(Entry::Correction(c), start, line),
                Err(reason) => skipped.push(Skipped { line: number, reason }),
                Ok(None) => {
                    let reason = match serde_json::from_slice::<VersionOnly>(line) {
                        Ok(VersionOnly { version: Some(v) }) if v != serde_json::json!(VERSION) => {
                            format!("unknown version {v}")
                        }
                        Ok(_) => format!("not a record: {e}"),
                        Err(_) if torn => "incomplete last line".to_string(),
                        Err(_) => "not JSON".to_string(),
                    };
                    skipped.push(Skipped { line: number, reason });
                }
            },
        }
    })?;
    Ok((skipped, number))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::Scores;

    fn record(n: u32) -> Record {
        Record {
            version: VERSION,
            session_id: "s".into(),
            answered_at: chrono::DateTime::parse_from_rfc3339("2026-11-26T10:00:00+00:00").unwrap(),
            bank: "amazon-pm".into(),
            question_id: format!("q{n}"),
            question_number: n,
            question_title: "T, with \"quotes\"".into(),
            level: "L6-L7".into(),
            leadership_principles: vec!["Ownership".into()],
            time_limit_secs: 180,
            time_used_secs: 200.5,
            scores: Scores { situation: 4, task: 3, action: 5, result: 2 },
            overall: 3.5,
            ..Record::default()
        }
    }

    #[test]
    fn append_then_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/er/history.jsonl");
        check_writable(&path).unwrap();
        append(&path, &record(1)).unwrap();
        append(&path, &record(2)).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 2);
        assert!(text.ends_with('\n'));
        let loaded = read(&path).unwrap();
        assert_eq!(loaded.records, vec![record(1), record(2)]);
        // A hand-edited overall is recomputed from the scores.
        let edited = std::fs::read_to_string(&path).unwrap().replacen("\"overall\":3.5", "\"overall\":5.0", 1);
        std::fs::write(&path, edited).unwrap();
        assert_eq!(read(&path).unwrap().records[0].overall, 3.5);
        assert!(loaded.skipped.is_empty());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn bad_lines_are_skipped_and_reported_never_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        let good = serde_json::to_string(&record(1)).unwrap();
        let v2 = good.replace("\"version\":1", "\"version\":2");
        let torn = &good[..good.len() / 2];
        let content = format!("{good}\ngarbage here\n{v2}\n\n{good}\n{torn}");
        std::fs::write(&path, &content).unwrap();
        let loaded = read(&path).unwrap();
        assert_eq!(loaded.records.len(), 2);
        let reasons: Vec<(usize, &str)> = loaded.skipped.iter().map(|s| (s.line, s.reason.as_str())).collect();
        assert_eq!(reasons, vec![(2, "not JSON"), (3, "unknown version 2"), (6, "incomplete last line")]);
        let summary = skipped_summary(&loaded.skipped, &path).unwrap();
        assert!(summary.starts_with("skipped 3 unreadable lines in "), "{summary}");
        assert!(summary.contains("2 (not JSON), 3 (unknown version 2), 6 (incomplete last line)"), "{summary}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), content, "reading never changes the file");

        // An append after a torn line starts on a fresh line; the torn line stays as it was.
        append(&path, &record(3)).unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        assert!(after.starts_with(&content));
        let loaded = read(&path).unwrap();
        assert_eq!(loaded.records.len(), 3);
        assert_eq!(loaded.records[2].question_number, 3);
    }

    #[test]
    fn folding_in_parts_sees_every_line_once_with_whole_file_line_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        let mut text = String::new();
        for n in 1..=40 {
            match n {
                7 | 19 | 20 => text.push_str("garbage\n"),
                33 => text.push('\n'),
                _ => text.push_str(&(serde_json::to_string(&record(n)).unwrap() + "\n")),
            }
        }
        text.push_str("{\"version\":1,\"torn");
        std::fs::write(&path, &text).unwrap();
        let sequential = read(&path).unwrap();
        assert_eq!(sequential.records.len(), 36);
        let len = text.len() as u64;
        for parts in 1..=9 {
            let (accs, skipped) =
                fold_in_parts(&path, len, parts, Vec::new, |acc: &mut Vec<u32>, r, _| acc.push(r.question_number))
                    .unwrap();
            let numbers: Vec<u32> = accs.concat();
            let want: Vec<u32> = sequential.records.iter().map(|r| r.question_number).collect();
            assert_eq!(numbers, want, "{parts} parts");
            assert_eq!(skipped, sequential.skipped, "{parts} parts");
        }
        let lines: Vec<usize> = sequential.skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, vec![7, 19, 20, 41]);
    }

    /// A correction may sit in another part of the file than its attempt, even before it: every
    /// number of parts gives the corrected view `read` gives, and `read_raw` everything as written.
    #[test]
    fn corrections_apply_across_parts_in_any_order() {
        use crate::history::correction::{Correction, CorrectionKind, record_line};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        let fix = |kind, n: u32, scores: Option<[u8; 4]>| {
            let c = Correction {
                version: VERSION,
                kind,
                attempt_id: format!("id{n}"),
                corrected_at: chrono::DateTime::parse_from_rfc3339("2026-11-26T11:00:00+00:00").unwrap(),
                scores: scores.map(Scores::from_parts),
                note: None,
                answered_at: None,
            };
            serde_json::to_string(&c).unwrap() + "\n"
        };
        let mut text = fix(CorrectionKind::Drop, 40, None);
        for n in 1..=40 {
            text.push_str(&(record_line(&record(n), &format!("id{n}")).unwrap() + "\n"));
            if n == 20 {
                text.push_str(&fix(CorrectionKind::Amend, 3, Some([1, 1, 1, 1])));
                text.push_str("{\"version\":1,\"kind\":\"amend\",\"attempt_id\":\"id4\"}\n");
            }
        }
        text.push_str(&fix(CorrectionKind::Drop, 7, None));
        text.push_str(&fix(CorrectionKind::Amend, 9, Some([5, 5, 5, 5])));
        std::fs::write(&path, &text).unwrap();

        let read = read(&path).unwrap();
        let numbers: Vec<u32> = read.records.iter().map(|r| r.question_number).collect();
        let want: Vec<u32> = (1..40).filter(|&n| n != 7).collect();
        assert_eq!(numbers, want);
        assert_eq!(read.records[2].scores, Scores::from_parts([1, 1, 1, 1]));
        assert_eq!(read.records[2].overall, 1.0);
        assert_eq!(read.records[7].scores, Scores::from_parts([5, 5, 5, 5]));
        // The amend without scores or note is reported, not applied.
        let reasons: Vec<(usize, &str)> = read.skipped.iter().map(|s| (s.line, s.reason.as_str())).collect();
        assert_eq!(reasons, [(23, "not a correction: missing field `corrected_at` at line 1 column 47")]);
        let len = text.len() as u64;
        for parts in 1..=9 {
            let (accs, skipped) =
                fold_in_parts(&path, len, parts, Vec::new, |acc: &mut Vec<Record>, r, _| acc.push(r)).unwrap();
            assert_eq!(accs.concat(), read.records, "{parts} parts");
            assert_eq!(skipped, read.skipped, "{parts} parts");
        }
        let raw = read_raw(&path).unwrap();
        assert_eq!((raw.attempts.len(), raw.corrections.len()), (40, 4));
        assert_eq!(raw.attempts[6].attempt_id, "id7");
        assert_eq!(raw.corrected().len(), 38);
        assert_eq!(raw.find("ID7").unwrap().record.question_number, 7);
        assert_eq!(raw.find("id"), Err(FindError::TooShort));
        assert!(matches!(raw.find("id1x"), Err(FindError::Unknown)));
        let some = read_for_id(&path, "ID3").unwrap();
        let ids: Vec<&str> = some.attempts.iter().map(|a| a.attempt_id.as_str()).collect();
        assert_eq!(ids, ["id3", "id30", "id31", "id32", "id33", "id34", "id35", "id36", "id37", "id38", "id39"]);
        assert_eq!(some.corrections.len(), 4);
        assert_eq!(some.find("id3").unwrap().attempt_id, "id3");
        assert_eq!(some.find("id35").unwrap().record.question_number, 35);
        let stamped = |id: &str| Stamped { attempt_id: id.into(), record: record(1), offset: 0 };
        let two = RawHistory { attempts: vec![stamped("abcd0001"), stamped("abcd0002")], ..RawHistory::default() };
        assert_eq!(two.find("abcd"), Err(FindError::Ambiguous(vec!["abcd0001".into(), "abcd0002".into()])));
        assert_eq!(two.find(" ABCD0002 ").unwrap().attempt_id, "abcd0002");
    }

    #[test]
    fn correcting_a_shown_answer_needs_exactly_one_match() {
        use crate::history::correction::{CorrectionKind, record_line};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-26T12:00:00+01:00").unwrap();
        let one = record(1);
        let two = Record { question_number: 2, question_id: "q2".into(), ..record(2) };
        let text = format!(
            "{}\n{}\n{}\n",
            record_line(&one, "aaaa1111").unwrap(),
            record_line(&two, "bbbb1111").unwrap(),
            record_line(&two, "bbbb2222").unwrap()
        );
        std::fs::write(&path, &text).unwrap();
        let c = correct_shown(&path, &one, CorrectionKind::Drop, None, at).unwrap();
        assert_eq!((c.attempt_id.as_str(), c.answered_at), ("aaaa1111", Some(one.answered_at)));
        let e = correct_shown(&path, &two, CorrectionKind::Drop, None, at).unwrap_err();
        assert!(e.starts_with("several answers in the history file match this one"), "{e}");
        let e = correct_shown(&path, &one, CorrectionKind::Drop, None, at).unwrap_err();
        assert!(e.starts_with("this answer is no longer in the history file"), "{e}");
        let after = std::fs::read_to_string(&path).unwrap();
        assert!(after.starts_with(&text) && after.lines().count() == 4, "one correction appended");
    }

    #[test]
    fn overlong_lines_are_skipped_and_devices_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        let good = serde_json::to_string(&record(1)).unwrap();
        let long = "x".repeat(3 << 20);
        std::fs::write(&path, format!("{good}\n{long}\n{good}\n")).unwrap();
        let loaded = read(&path).unwrap();
        assert_eq!(loaded.records.len(), 2);
        assert_eq!(loaded.skipped, vec![Skipped { line: 2, reason: "line longer than 1 MiB".into() }]);
        // Read in parts that start inside the long line, the same lines come out.
        let len = std::fs::metadata(&path).unwrap().len();
        for parts in 1..=5 {
            let (accs, skipped) = fold_in_parts(&path, len, parts, || 0, |n: &mut usize, _, _| *n += 1).unwrap();
            assert_eq!((accs.iter().sum::<usize>(), skipped.clone()), (2, loaded.skipped.clone()), "{parts} parts");
        }
        #[cfg(unix)]
        {
            let e = read(Path::new("/dev/zero")).unwrap_err().to_string();
            assert!(e.contains("not a regular file"), "{e}");
            let e = check_writable(Path::new("/dev/full")).unwrap_err().to_string();
            assert!(e.contains("not a regular file"), "{e}");
        }
    }

    #[test]
    fn checking_before_a_drill_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/history.jsonl");
        check_writable(&path).unwrap();
        assert!(!dir.path().join("a").exists(), "the check made a folder");
        let existing = dir.path().join("h.jsonl");
        std::fs::write(&existing, "").unwrap();
        check_writable(&existing).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let locked = dir.path().join("locked");
            std::fs::create_dir(&locked).unwrap();
            std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
            // Root may write anywhere; the check says what the system says.
            let writable = std::fs::write(locked.join("probe"), "").is_ok();
            let _ = std::fs::remove_file(locked.join("probe"));
            let result = check_writable(&locked.join("x/h.jsonl"));
            assert_eq!(result.is_ok(), writable, "{result:?}");
            if let Err(e) = result {
                assert!(e.to_string().contains("is not writable"), "{e}");
            }
            assert!(!locked.join("x").exists());
            std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
    }

    /// A history swapped after start-up for something that is not a regular file: the save fails
    /// with a clear reason and writes nothing anywhere; put back, the save works.
    #[cfg(unix)]
    #[test]
    fn a_history_swapped_for_a_non_file_is_refused_at_the_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        append(&path, &record(1)).unwrap();
        let before = std::fs::read(&path).unwrap();
        let aside = dir.path().join("aside.jsonl");
        std::fs::rename(&path, &aside).unwrap();

        std::os::unix::fs::symlink("/dev/null", &path).unwrap();
        let e = append(&path, &record(2)).unwrap_err().to_string();
        assert!(e.contains("cannot write history file") && e.contains("not a regular file (a device)"), "{e}");
        std::fs::remove_file(&path).unwrap();

        assert!(std::process::Command::new("mkfifo").arg(&path).status().unwrap().success());
        let started = std::time::Instant::now();
        let e = append(&path, &record(2)).unwrap_err().to_string();
        assert!(e.contains("not a regular file (a FIFO)"), "{e}");
        assert!(started.elapsed() < std::time::Duration::from_secs(1), "a FIFO must not block the save");
        std::fs::remove_file(&path).unwrap();

        std::fs::create_dir(&path).unwrap();
        let e = append(&path, &record(2)).unwrap_err().to_string();
        assert!(e.contains("it is a directory"), "{e}");
        std::fs::remove_dir(&path).unwrap();

        // A symlink to a regular file is fine (dotfile managers do that).
        std::os::unix::fs::symlink(&aside, &path).unwrap();
        append(&path, &record(2)).unwrap();
        let after = std::fs::read(&aside).unwrap();
        assert!(after.starts_with(&before));
        assert_eq!(read(&aside).unwrap().records.len(), 2);
    }

    #[test]
    fn missing_and_empty_files_are_empty_histories() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = read(&dir.path().join("none.jsonl")).unwrap();
        assert!(loaded.records.is_empty() && loaded.skipped.is_empty());
        std::fs::write(dir.path().join("empty.jsonl"), "").unwrap();
        assert!(read(&dir.path().join("empty.jsonl")).unwrap().records.is_empty());
    }

    #[test]
    fn unwritable_paths_are_refused_with_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let e = check_writable(dir.path()).unwrap_err().to_string();
        assert!(e.contains("cannot write history file") && e.contains("it is a directory"), "{e}");
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "x").unwrap();
        let e = check_writable(&blocker.join("history.jsonl")).unwrap_err().to_string();
        assert!(e.contains(&blocker.display().to_string()), "{e}");
    }
}
