//! Reading bank files and directories, and validating them into a `Bank`.
//!
//! Every problem found is reported, each with its file, and line and column where there is one.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::schema::{BankFile, QuestionYaml, SectionYaml, field_names};
use super::yaml_positions::{self, Pos, Positions};
use super::{Bank, BankInfo, Block, Kind, LevelRange, Principle, Question, Section, Star};

/// Bank files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;
/// The longest suggested answer time a question may set.
pub const MAX_MINUTES: u32 = 120;

/// How messages name a kind of file that is read like a bank: a bank, a story file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FileKind {
    /// `bank`: "a bank file must be UTF-8 text", "a bank may hold only printable text".
    pub noun: &'static str,
    /// What such a file is, for a refusal: "a bank is a .yaml file or a directory of them".
    pub is: &'static str,
    /// Files larger than this are refused, while reading.
    pub max_bytes: u64,
}

pub(crate) const BANK: FileKind =
    FileKind { noun: "bank", is: "a bank is a .yaml file or a directory of them", max_bytes: MAX_FILE_BYTES };

/// One thing wrong with a bank file. Shown as `file:line:col: message`, with any control character
/// of the file name or of quoted bank text written visibly (`^[`), never sent to the terminal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}", location(.file, *.line, *.column), crate::text::visible_line(.message))]
pub struct Problem {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

fn location(file: &str, line: Option<usize>, column: Option<usize>) -> String {
    let file = crate::text::visible_line(file);
    match (line, column) {
        (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
        (Some(l), None) => format!("{file}:{l}"),
        _ => file.into_owned(),
    }
}

/// All the problems found while loading, one a line; never empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .problems.iter().map(Problem::to_string).collect::<Vec<_>>().join("\n"))]
pub struct LoadError {
    pub problems: Vec<Problem>,
}

/// A bank text with the name used in messages.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

/// Load files and directories (their `.yaml` / `.yml` files, sorted by name) into one bank.
pub fn load_paths(paths: &[PathBuf]) -> Result<Bank, LoadError> {
    let mut problems = Vec::new();
    let mut sources = Vec::new();
    for path in paths {
        match read_path(path) {
            Ok(mut found) => sources.append(&mut found),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if sources.is_empty() && !problems.is_empty() {
        // Nothing could be read: say why, without a second "no bank files given".
        return Err(LoadError { problems });
    }
    match load_sources(&sources) {
        Ok(bank) if problems.is_empty() => Ok(bank),
        Ok(_) => Err(LoadError { problems }),
        Err(mut e) => {
            problems.append(&mut e.problems);
            Err(LoadError { problems })
        }
    }
}

/// A rubrics file on its own, read and validated (`stardrill validate questions/rubrics.yaml`).
pub fn load_rubrics_path(path: &Path) -> Result<super::RubricBook, LoadError> {
    let source = read_file(path, BANK).map_err(|p| LoadError { problems: vec![p] })?;
    super::rubric::load(&source).map_err(|mut problems| {
        keep_within_files(&mut problems, std::slice::from_ref(&source));
        LoadError { problems }
    })
}

/// A probes file on its own, read and validated (`stardrill validate questions/probes.yaml`).
pub fn load_probes_path(path: &Path) -> Result<super::ProbeBook, LoadError> {
    let source = read_file(path, BANK).map_err(|p| LoadError { problems: vec![p] })?;
    super::probes::load(&source).map_err(|mut problems| {
        keep_within_files(&mut problems, std::slice::from_ref(&source));
        LoadError { problems }
    })
}

pub(crate) fn problem(file: &str, pos: Option<Pos>, message: impl Into<String>) -> Problem {
    Problem {
        file: file.to_string(),
        line: pos.map(|p| p.line),
        column: pos.map(|p| p.column),
        message: message.into(),
    }
}

/// What a path is, when it is not something a bank can be read from.
pub(crate) fn not_regular(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() || file_type.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

fn refused(name: &str, what: &str, kind: FileKind) -> Problem {
    problem(name, None, format!("{what}, not a regular file: {}", kind.is))
}

fn read_path(path: &Path) -> Result<Vec<Source>, Vec<Problem>> {
    let name = path.display().to_string();
    // Symlinks followed; the type is known before anything is opened, so a FIFO never blocks a read.
    let meta = std::fs::metadata(path).map_err(|e| vec![problem(&name, None, format!("cannot read: {e}"))])?;
    if let Some(what) = not_regular(meta.file_type()) {
        return Err(vec![refused(&name, what, BANK)]);
    }
    if meta.is_dir() {
        let entries =
            std::fs::read_dir(path).map_err(|e| vec![problem(&name, None, format!("cannot read directory: {e}"))])?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
            .filter(|p| !p.is_dir())
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(vec![problem(
                &name,
                None,
                "directory holds no .yaml or .yml files: expected at least one bank file",
            )]);
        }
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for f in files {
            match read_file(&f, BANK) {
                Ok(s) => out.push(s),
                Err(p) => problems.push(p),
            }
        }
        return if problems.is_empty() { Ok(out) } else { Err(problems) };
    }
    read_file(path, BANK).map(|s| vec![s]).map_err(|p| vec![p])
}

/// Why `read_bounded` stopped.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// More than `limit` bytes came; reading stopped one byte past it.
    #[error("file is more than {limit} bytes; a bank file may be at most {limit} bytes{}", in_mib(*.limit))]
    TooLarge { limit: u64 },
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
}

/// ` (5 MiB)` for a whole number of MiB, else nothing.
fn in_mib(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) { format!(" ({} MiB)", bytes / MIB) } else { String::new() }
}

/// Everything `reader` gives, up to `limit` bytes. The limit holds while reading, whatever a file's
/// metadata said: at most `limit + 1` bytes are ever read, so a device such as /dev/zero or a file
/// that grows is cut off instead of filling memory.
pub fn read_bounded(reader: impl std::io::Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Open `path` for reading without blocking and make sure what was opened is a regular file. The
/// type is checked before opening (for a clear message), but the path may be swapped in between: a
/// FIFO opened the ordinary way would block until a writer came, so the open does not block (regular
/// files ignore the flag) and the opened handle's own type is checked again.
pub(crate) fn open_regular(path: &Path, name: &str, kind: FileKind) -> Result<std::fs::File, Problem> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits().cast_signed());
    }
    let file = options.open(path).map_err(|e| problem(name, None, format!("cannot read: {e}")))?;
    match file.metadata() {
        Ok(m) if m.is_file() => Ok(file),
        Ok(m) => Err(refused(name, not_regular(m.file_type()).unwrap_or("a directory"), kind)),
        Err(e) => Err(problem(name, None, format!("cannot read: {e}"))),
    }
}

/// Read one file of `kind` as text: a regular file (devices, FIFOs and sockets refused before
/// reading), at most `kind.max_bytes` long, in UTF-8.
pub(crate) fn read_file(path: &Path, kind: FileKind) -> Result<Source, Problem> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| problem(&name, None, format!("cannot read: {e}")))?;
    if let Some(what) = not_regular(meta.file_type()).or(meta.is_dir().then_some("a directory")) {
        return Err(refused(&name, what, kind));
    }
    let file = open_regular(path, &name, kind)?;
    let bytes = read_bounded(file, kind.max_bytes).map_err(|e| {
        let message = match e {
            ReadError::TooLarge { limit } => format!(
                "file is more than {limit} bytes; a {} file may be at most {limit} bytes{}",
                kind.noun,
                in_mib(limit)
            ),
            ReadError::Io(e) => format!("cannot read: {e}"),
        };
        problem(&name, None, message)
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = good.len() - good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
        let bad = e.as_bytes()[good.len()];
        problem(
            &name,
            Some(Pos { line, column }),
            format!("invalid UTF-8 (byte 0x{bad:02x}): a {} file must be UTF-8 text", kind.noun),
        )
    })?;
    Ok(Source { name, text })
}

/// Parse and validate bank texts into one bank.
pub fn load_sources(sources: &[Source]) -> Result<Bank, LoadError> {
    load_sources_with(sources, None)
}

/// Banks loaded already, that new ones are added to: their ids, numbers and bank names are taken, and
/// a clash names the file (and line, looked up in `texts`) where the first one is.
pub struct Base<'a> {
    pub bank: &'a Bank,
    /// The texts of the files `bank` came from, by name, for the line of a clash.
    pub texts: &'a [Source],
}

impl Base<'_> {
    /// Where question `id` (or, with `field` "number", its number) is written in its file: found by
    /// reading the text as bank files are written (`- id: …`, then `number: …`), only when a clash is
    /// reported.
    fn place(&self, file: &str, id: &str, field: &str) -> (String, Option<Pos>) {
        let pos = self.texts.iter().find(|t| t.name == file).and_then(|t| {
            let lines: Vec<&str> = t.text.lines().collect();
            let start =
                lines.iter().position(|l| l.trim_start().trim_start_matches("- ").trim() == format!("id: {id}"))?;
            let (line, key) = if field == "id" {
                (start, "id:")
            } else {
                let rest = lines[start + 1..].iter().take_while(|l| !l.trim_start().starts_with("- id:"));
                (start + 1 + rest.clone().position(|l| l.trim_start().starts_with("number:"))?, "number:")
            };
            let text = lines[line];
            let at = text.find(key)? + key.len();
            let column = at + (text[at..].len() - text[at..].trim_start().len());
            Some(Pos { line: line + 1, column: text[..column].chars().count() + 1 })
        });
        (file.to_string(), pos)
    }
}

/// Parse and validate bank texts into one bank, after `base` when given (the result holds only the new
/// banks' questions; `Bank::join` adds them). A question without a `number` gets the next free one
/// after every number already taken (the base's and the explicit ones of these files), in file order.
pub fn load_sources_with(sources: &[Source], base: Option<&Base>) -> Result<Bank, LoadError> {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    let mut questions: Vec<(usize, Question)> = Vec::new();
    let mut parsed = Vec::new();
    let mut probes: Option<(&str, super::probes::ProbeBook)> = None;
    let mut rubrics: Option<(&str, super::RubricBook)> = None;
    for (index, source) in sources.iter().enumerate() {
        if super::rubric::is_rubrics_file(&source.name) {
            side_file(&mut rubrics, source, "rubrics", super::rubric::load, &mut problems);
            continue;
        }
        if super::probes::is_probes_file(&source.name) {
            side_file(&mut probes, source, "probes", super::probes::load, &mut problems);
            continue;
        }
        match parse(source) {
            Ok((file, positions, mut found)) => {
                problems.append(&mut found);
                parsed.push((index, file, positions));
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    let mut ids: HashMap<String, (String, Option<Pos>)> = HashMap::new();
    let mut numbers: HashMap<u32, (String, Option<Pos>)> = HashMap::new();
    let mut names: HashMap<String, String> = HashMap::new();
    if let Some(base) = base {
        let source_of = |bank: &str| base.bank.files.iter().find(|f| f.id == bank).map_or("", |f| f.source.as_str());
        for q in &base.bank.questions {
            ids.insert(q.id.clone(), base.place(source_of(&q.bank), &q.id, "id"));
            numbers.insert(q.number, base.place(source_of(&q.bank), &q.id, "number"));
        }
        for f in &base.bank.files {
            names.insert(f.id.clone(), f.source.clone());
        }
    }
    // Numbers left out: the next free ones after all that are taken, in file order.
    let mut next = parsed
        .iter()
        .flat_map(|(_, file, _)| file.questions.iter().filter_map(|q| q.get("number").and_then(whole_number)))
        .chain(numbers.keys().copied())
        .max()
        .unwrap_or(0);
    for (_, file, _) in &mut parsed {
        for q in &mut file.questions {
            if let Some(map) = q.as_mapping_mut()
                && map.get("number").is_none_or(serde_yaml::Value::is_null)
            {
                next = next.saturating_add(1);
                map.insert("number".into(), next.into());
            }
        }
    }
    for (index, file, positions) in parsed {
        let text = sources[index].text.strip_prefix('\u{feff}').unwrap_or(&sources[index].text);
        let ctx = Ctx { file: &sources[index].name, text, positions: &positions };
        let info = BankInfo {
            id: file.bank.clone(),
            title: file.title.clone(),
            description: file.description.clone(),
            source: sources[index].name.clone(),
        };
        if let Some(other) = names.get(&info.id) {
            problems.push(ctx.at(
                "bank",
                format!(
                    "bank name \"{}\" is taken by {}: give this bank another `bank:` name",
                    info.id,
                    crate::text::visible_line(other)
                ),
            ));
        } else {
            names.insert(info.id.clone(), ctx.file.to_string());
        }
        if !is_slug(&info.id) {
            problems.push(ctx.at(
                "bank",
                format!(
                    "bad bank name \"{}\": expected lower-case letters, digits and hyphens, such as amazon-pm",
                    info.id
                ),
            ));
        }
        if file.questions.is_empty() {
            problems.push(ctx.at("questions", "the bank has no questions: expected at least one under `questions:`"));
        }
        for (field, text, one_line) in [("title", &info.title, true), ("description", &info.description, false)] {
            if let Some(p) = ctx.controls(field, field, text, one_line) {
                problems.push(p);
            }
        }
        for (i, value) in file.questions.iter().enumerate() {
            // Unknown keys are reported and the question is still checked: both lists are shown.
            let (q, mut read_problems) = read_question(&ctx, i, value);
            problems.append(&mut read_problems);
            let Some(q) = q else { continue };
            let q = &q;
            let path = format!("questions.{i}");
            let id_pos = positions.of(&format!("{path}.id"));
            if let Some((other_file, other_pos)) = ids.get(&q.id) {
                problems.push(ctx.at(
                    &format!("{path}.id"),
                    format!("duplicate id \"{}\": also used at {}", q.id, place(other_file, *other_pos)),
                ));
            } else {
                ids.insert(q.id.clone(), (ctx.file.to_string(), id_pos));
            }
            let number_pos = positions.of(&format!("{path}.number"));
            if let Some(number) = whole_number(&q.number) {
                if let Some((other_file, other_pos)) = numbers.get(&number) {
                    problems.push(ctx.at(
                        &format!("{path}.number"),
                        format!("duplicate number {number}: also used at {}", place(other_file, *other_pos)),
                    ));
                } else {
                    numbers.insert(number, (ctx.file.to_string(), number_pos));
                }
            }
            match validate_question(&ctx, i, q, &info.id) {
                Ok(question) => questions.push((index, question)),
                Err(mut p) => problems.append(&mut p),
            }
        }
        files.push(info);
    }
    if sources.iter().all(|s| super::probes::is_probes_file(&s.name) || super::rubric::is_rubrics_file(&s.name)) {
        problems.push(problem("(no bank)", None, "no bank files given"));
    }
    if !problems.is_empty() {
        keep_within_files(&mut problems, sources);
        return Err(LoadError { problems });
    }
    let mut questions: Vec<Question> = questions.into_iter().map(|(_, q)| q).collect();
    questions.sort_by_key(|q| q.number);
    Ok(Bank {
        files,
        questions,
        probes: probes.map(|p| p.1).unwrap_or_default().into(),
        rubrics: rubrics.map(|r| r.1).unwrap_or_default().into(),
    })
}

/// Read a probes or rubrics file (`what`) into `slot`: one of each may be loaded at a time.
fn side_file<'a, T>(
    slot: &mut Option<(&'a str, T)>,
    source: &'a Source,
    what: &str,
    load: fn(&Source) -> Result<T, Vec<Problem>>,
    problems: &mut Vec<Problem>,
) {
    match load(source) {
        Ok(_) if slot.is_some() => problems.push(problem(
            &source.name,
            None,
            format!(
                "a second {what} file: {} is read already; one {what} file may be loaded at a time",
                crate::text::visible_line(slot.as_ref().map_or("", |s| s.0))
            ),
        )),
        Ok(book) => *slot = Some((&source.name, book)),
        Err(mut p) => problems.append(&mut p),
    }
}

/// Whether the file `name` (a path, perhaps marked ` (bundled)`) is called one of `names`.
pub(crate) fn is_named(name: &str, names: &[&str]) -> bool {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    names.contains(&file.strip_suffix(" (bundled)").unwrap_or(file))
}

/// "`label` has a second entry: also at file:line:col; …", at `at`, the first entry's place read at
/// `first_path`.
pub(crate) fn second_entry(ctx: &Ctx, at: &str, first_path: &str, label: &str, advice: &str) -> Problem {
    let other = ctx.positions.of(first_path);
    ctx.at(at, format!("\"{label}\" has a second entry: also at {}; {advice}", place(ctx.file, other)))
}

pub(crate) fn place(file: &str, pos: Option<Pos>) -> String {
    match pos {
        Some(p) => format!("{file}:{}:{}", p.line, p.column),
        None => file.to_string(),
    }
}

/// At most this many control characters are listed for one file; a file full of them gets a count.
const MAX_CONTROL_PROBLEMS: usize = 20;

/// Control characters written as such in the file (ESC, BEL, NUL, DEL, C1…): YAML does not allow them
/// and a terminal would act on them. Line breaks, carriage returns and tabs are YAML's own.
pub(crate) fn raw_controls(name: &str, text: &str, kind: FileKind) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut count = 0;
    for (l, line) in text.split('\n').enumerate() {
        for (c, ch) in line.chars().enumerate() {
            if crate::text::is_control(ch) && ch != '\t' && ch != '\r' {
                count += 1;
                if problems.len() < MAX_CONTROL_PROBLEMS {
                    let pos = Pos { line: l + 1, column: c + 1 };
                    problems.push(problem(
                        name,
                        Some(pos),
                        format!(
                            "control character {} (U+{:04X}) in the file: a {} may hold only printable text, \
                             line breaks and tabs",
                            crate::text::visible_line(ch.encode_utf8(&mut [0; 4])),
                            u32::from(ch),
                            kind.noun
                        ),
                    ));
                }
            }
        }
    }
    if count > MAX_CONTROL_PROBLEMS {
        problems.push(problem(
            name,
            None,
            format!("{count} control characters in the file in all; the first {MAX_CONTROL_PROBLEMS} are listed"),
        ));
    }
    problems
}

/// Where a syntax error really is. yaml-rust2 names the start of a plain scalar when the trouble is a
/// tab that starts one of the lines after it; point at that tab instead.
pub(crate) fn syntax_error_pos(text: &str, at: Pos) -> Pos {
    for (i, line) in text.split('\n').enumerate().skip(at.line) {
        let indent: &str = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        if let Some(col) = indent.find('\t') {
            return Pos { line: i + 1, column: col + 1 };
        }
        if !line.trim().is_empty() {
            break;
        }
    }
    within(text, at)
}

/// A position inside `text`: an error at the end of a file without a final newline is marked by the
/// parsers on the line after it; put it at the end of the last line, where the file stops.
fn within(text: &str, at: Pos) -> Pos {
    let lines = text.split('\n').count();
    if at.line > lines {
        let last = text.rsplit('\n').next().map_or(0, |l| l.chars().count());
        return Pos { line: lines, column: last + 1 };
    }
    at
}

/// Every problem's position inside its file (see `within`), whichever check placed it.
pub(crate) fn keep_within_files(problems: &mut [Problem], sources: &[Source]) {
    for p in problems {
        let (Some(line), Some(source)) = (p.line, sources.iter().find(|s| s.name == p.file)) else { continue };
        let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
        let at = within(text, Pos { line, column: p.column.unwrap_or(1) });
        if at.line != line {
            (p.line, p.column) = (Some(at.line), Some(at.column));
        }
    }
}

/// The file read into its schema, with the problems that do not stop its questions being checked
/// (unknown top-level keys); or the problems that do.
fn parse(source: &Source) -> Result<(BankFile, Positions, Vec<Problem>), Vec<Problem>> {
    parse_as(source, "the file is empty: expected a bank with `bank`, `title` and `questions`")
}

/// A YAML file read into the top-level schema `T` (a bank, a probes file) with every check that does
/// not depend on which: control characters, syntax, aliases, unknown top-level keys, shape.
pub(super) fn parse_as<T: serde::de::DeserializeOwned>(
    source: &Source,
    empty: &str,
) -> Result<(T, Positions, Vec<Problem>), Vec<Problem>> {
    let name = &source.name;
    // A byte-order mark is not part of the text (editors on Windows write one, JSON tools too).
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    let controls = raw_controls(name, text, BANK);
    if !controls.is_empty() {
        return Err(controls);
    }
    let positions = yaml_positions::scan(text).map_err(|e| {
        vec![problem(name, Some(syntax_error_pos(text, e.pos)), format!("YAML syntax error: {}", e.message))]
    })?;
    if !positions.has_content {
        return Err(vec![problem(name, None, empty)]);
    }
    if let Some(first) = positions.aliases.first() {
        // One problem, at the first alias: a "billion laughs" file holds thousands of them.
        let n = positions.aliases.len();
        let count = if n == 1 { String::new() } else { format!(" ({n} aliases in the file)") };
        return Err(vec![problem(
            name,
            Some(*first),
            format!(
                "YAML alias (*name) found{count}: aliases are not allowed in a bank file; write the value out in full"
            ),
        )]);
    }
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        // The scan above has read the text already; this is where serde_yaml's parser disagrees.
        let location = e.location();
        let pos = location.as_ref().map(|l| Pos { line: l.line(), column: l.column() });
        vec![problem(name, pos, format!("YAML syntax error: {}", without_position(&e, location)))]
    })?;
    // Unknown keys by comparing keys with the schema's, each at its key; then the shape.
    let mut problems = Vec::new();
    if let Some(map) = value.as_mapping() {
        let known = field_names::<T>();
        for key in map.keys().filter_map(serde_yaml::Value::as_str).filter(|k| !known.contains(k)) {
            let expected: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            let pos = positions.key_of(key).or(positions.of(""));
            problems.push(problem(
                name,
                pos,
                format!("unknown field `{key}`, expected one of {}", expected.join(", ")),
            ));
        }
    }
    let file = serde_path_to_error::deserialize::<_, T>(&value).map_err(|e| {
        let (path, message) = shape_error("", &e);
        problems.push(problem(name, positions.of(&path), message));
    });
    match file {
        Ok(file) => Ok((file, positions, problems)),
        Err(()) => Err(problems),
    }
}

/// serde_yaml's message for an error it found in the text, without the ` at line L column C` it adds
/// (the problem prints its own position). The suffix is cut only when it is exactly the one its
/// position gives; serde_yaml has no accessor for the message alone.
pub(crate) fn without_position(e: &serde_yaml::Error, location: Option<serde_yaml::Location>) -> String {
    let text = e.to_string();
    match location {
        Some(l) => {
            let suffix = format!(" at line {} column {}", l.line(), l.column());
            text.strip_suffix(&suffix).map_or_else(|| text.clone(), str::to_string)
        }
        None => text,
    }
}

/// Where a value of the wrong shape is (`questions.3.answer.1`, from `base`) and what is wrong, as
/// serde says it: `invalid type: sequence, expected a question: …` (the `expecting` texts of the schema
/// types), `missing field `title``. The message is read from a `Value`, so it carries no position.
pub(crate) fn shape_error(base: &str, e: &serde_path_to_error::Error<serde_yaml::Error>) -> (String, String) {
    let mut path = base.to_string();
    for segment in e.path().iter() {
        let part = match segment {
            serde_path_to_error::Segment::Seq { index } => index.to_string(),
            serde_path_to_error::Segment::Map { key } => key.clone(),
            _ => continue,
        };
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(&part);
    }
    let field = e.path().to_string();
    let field = if field == "." { String::new() } else { format!("{field}: ") };
    (path, format!("{field}{}", e.inner()))
}

/// Keys of a question, or of its answer sections, that the schema does not know: each reported at the
/// key, with the keys that are known.
pub(super) fn unknown_keys(ctx: &Ctx, path: &str, value: &serde_yaml::Value, label: &str, problems: &mut Vec<Problem>) {
    let sections = if path.contains(".answer.") {
        unknown_fields::<SectionYaml>(ctx, path, value, label, problems);
        "subsections"
    } else {
        unknown_fields::<QuestionYaml>(ctx, path, value, label, problems);
        "answer"
    };
    let Some(items) = value.as_mapping().and_then(|m| m.get(sections)).and_then(|v| v.as_sequence()) else {
        return;
    };
    for (i, item) in items.iter().enumerate() {
        unknown_keys(ctx, &format!("{path}.{sections}.{i}"), item, label, problems);
    }
}

/// Read one question; a malformed one is a problem at the exact node that is wrong. Unknown keys are
/// problems too, but the question is still returned when its known fields read, so that its other
/// problems (a bad id, level, kind…) are found as well.
fn read_question(ctx: &Ctx, index: usize, value: &serde_yaml::Value) -> (Option<QuestionYaml>, Vec<Problem>) {
    let label = format!("question {}", index + 1);
    let mut problems = Vec::new();
    unknown_keys(ctx, &format!("questions.{index}"), value, &label, &mut problems);
    let read = serde_path_to_error::deserialize(without_odd_keys(value)).map_err(|e| {
        let (path, message) = shape_error(&format!("questions.{index}"), &e);
        ctx.at(&path, format!("{label}: {message}"))
    });
    match read {
        Ok(q) => (Some(q), problems),
        Err(p) => {
            problems.push(p);
            (None, problems)
        }
    }
}

pub(crate) struct Ctx<'a> {
    pub file: &'a str,
    /// The text as parsed (without a byte-order mark).
    pub text: &'a str,
    pub positions: &'a Positions,
}

impl Ctx<'_> {
    pub(crate) fn at(&self, path: &str, message: impl Into<String>) -> Problem {
        problem(self.file, self.positions.of(path), message)
    }

    /// A problem when `value` holds a control character: any at all in a one-line field, any but line
    /// breaks and tabs in block text. It points at the character when the file holds it as written
    /// (a tab in a title), else at the value (a `"\e"` escape in a quoted string).
    pub(crate) fn controls(&self, path: &str, what: &str, value: &str, one_line: bool) -> Option<Problem> {
        let allowed = |c: char| !one_line && (c == '\n' || c == '\t');
        let (offset, c) = value.chars().enumerate().find(|(_, c)| crate::text::is_control(*c) && !allowed(*c))?;
        let rule = if one_line {
            "a one-line field takes printable text only: no line breaks, tabs or other control characters"
        } else {
            "text may hold line breaks and tabs but no other control characters"
        };
        let message = format!(
            "{what} holds control character {} (U+{:04X}) at character {}: {rule}",
            crate::text::visible_line(c.encode_utf8(&mut [0; 4])),
            u32::from(c),
            offset + 1
        );
        let pos = self.positions.of(path).map(|pos| self.literal(pos, c).unwrap_or(pos));
        Some(problem(self.file, pos, message))
    }

    /// Where `c` stands as written on the line of `pos`, at or after it.
    fn literal(&self, pos: Pos, c: char) -> Option<Pos> {
        let line = self.text.split('\n').nth(pos.line - 1)?;
        let col = line.chars().skip(pos.column - 1).position(|x| x == c)?;
        Some(Pos { line: pos.line, column: pos.column + col })
    }
}

/// Keys of the mapping `value` (at `path`) that the schema type `T` does not know: each reported at
/// the key, with the keys that are known (`{label}: unknown field `colour`, expected one of …`).
pub(super) fn unknown_fields<'de, T: serde::Deserialize<'de>>(
    ctx: &Ctx,
    path: &str,
    value: &serde_yaml::Value,
    label: &str,
    problems: &mut Vec<Problem>,
) {
    let Some(map) = value.as_mapping() else { return };
    let known = field_names::<T>();
    for key in map.keys().map(key_name).filter(|k| !known.contains(&k.as_str())) {
        let expected: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
        let message = format!("{label}: unknown field `{key}`, expected one of {}", expected.join(", "));
        problems.push(match ctx.positions.key_of(&format!("{path}.{key}")) {
            Some(pos) => problem(ctx.file, Some(pos), message),
            None => ctx.at(path, message),
        });
    }
}

/// A mapping key as written. A key written as a number, `true` or `~` is no field name either:
/// `without_odd_keys` takes it out before the shape is read, so it is said once, as an unknown field,
/// at its place.
fn key_name(key: &serde_yaml::Value) -> String {
    match key {
        serde_yaml::Value::String(k) => k.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Null => "~".to_string(),
        _ => "(a list or mapping)".to_string(),
    }
}

/// `value` without the mapping keys that are not strings, at any depth: they are reported by
/// `unknown_fields`, and serde would otherwise stop the whole entry at the first of them.
pub(super) fn without_odd_keys(value: &serde_yaml::Value) -> serde_yaml::Value {
    match value {
        serde_yaml::Value::Mapping(map) => serde_yaml::Value::Mapping(
            map.iter().filter(|(k, _)| k.is_string()).map(|(k, v)| (k.clone(), without_odd_keys(v))).collect(),
        ),
        serde_yaml::Value::Sequence(items) => serde_yaml::Value::Sequence(items.iter().map(without_odd_keys).collect()),
        serde_yaml::Value::Tagged(t) => without_odd_keys(&t.value),
        other => other.clone(),
    }
}

pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A YAML value as a whole number that fits a `u32`, if it is one.
fn whole_number(value: &serde_yaml::Value) -> Option<u32> {
    value.as_u64().and_then(|n| u32::try_from(n).ok())
}

/// A YAML scalar as the bank wrote it, for a message: `1e30`, `"ten"`, `[1, 2]`.
fn shown(value: &serde_yaml::Value) -> String {
    let text = match value {
        serde_yaml::Value::String(s) => format!("\"{}\"", crate::text::visible_line(s)),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Null => "empty".to_string(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().replace('\n', " "),
    };
    crate::text::truncate(&text, 40).into_owned()
}

fn validate_question(ctx: &Ctx, index: usize, q: &QuestionYaml, bank: &str) -> Result<Question, Vec<Problem>> {
    let path = &format!("questions.{index}");
    let mut problems = Vec::new();
    let number = whole_number(&q.number).filter(|n| *n > 0);
    let label = format!("question {}", number.unwrap_or_else(|| u32::try_from(index + 1).unwrap_or(u32::MAX)));
    if number.is_none() {
        problems.push(ctx.at(
            &format!("{path}.number"),
            format!("{label}: number is {}: expected a whole number, 1 or more", shown(&q.number)),
        ));
    }
    if !is_slug(&q.id) {
        problems.push(ctx.at(&format!("{path}.id"), format!("{label}: bad id \"{}\": expected lower-case letters, digits and hyphens, such as stakeholder-alignment", q.id)));
    }
    for (field, value) in [("title", &q.title), ("category", &q.category), ("role", &q.role), ("prompt", &q.prompt)] {
        if value.trim().is_empty() {
            problems.push(ctx.at(&format!("{path}.{field}"), format!("{label}: `{field}` is empty: expected text")));
        }
    }
    let one_line =
        [("title", &q.title), ("category", &q.category), ("level", &q.level), ("role", &q.role), ("kind", &q.kind)];
    // A value with a control character is reported once, as such, not again as a bad level or kind.
    let mut has_control = HashSet::new();
    for (field, value) in one_line {
        if let Some(p) = ctx.controls(&format!("{path}.{field}"), &format!("{label}: `{field}`"), value, true) {
            problems.push(p);
            has_control.insert(field);
        }
    }
    problems.extend(ctx.controls(&format!("{path}.prompt"), &format!("{label}: `prompt`"), &q.prompt, false));
    let level = LevelRange::parse(&q.level)
        .map_err(|e| {
            if !has_control.contains("level") {
                problems.push(ctx.at(&format!("{path}.level"), format!("{label}: {e}")));
            }
        })
        .ok();
    let kind = Kind::parse(&q.kind);
    if kind.is_none() && !has_control.contains("kind") {
        problems.push(ctx.at(
            &format!("{path}.kind"),
            format!("{label}: unknown kind \"{}\": expected behavioral, product-strategy or technical", q.kind),
        ));
    }
    let minutes = whole_number(&q.minutes).filter(|m| (1..=MAX_MINUTES).contains(m));
    if minutes.is_none() {
        problems.push(ctx.at(
            &format!("{path}.minutes"),
            format!(
                "{label}: minutes is {}: expected a positive whole number of minutes, 1 to {MAX_MINUTES}",
                shown(&q.minutes)
            ),
        ));
    }
    let mut principles = Vec::new();
    if q.leadership_principles.is_empty() {
        problems.push(ctx.at(
            &format!("{path}.leadership_principles"),
            format!("{label}: no leadership_principles: expected at least one of the 16"),
        ));
    }
    for (i, name) in q.leadership_principles.iter().enumerate() {
        let at = format!("{path}.leadership_principles.{i}");
        if let Some(p) = ctx.controls(&at, &format!("{label}: a principle"), name, true) {
            problems.push(p);
            continue;
        }
        match Principle::from_name(name) {
            Some(p) if principles.contains(&p) => {
                problems.push(ctx.at(&at, format!("{label}: \"{name}\" is listed twice")))
            }
            Some(p) => principles.push(p),
            None => {
                let hint = match Principle::suggest(name) {
                    Some(p) => format!("did you mean \"{}\"?", p.name()),
                    None => "expected one of the 16 canonical names (see `stardrill principles`)".to_string(),
                };
                problems.push(ctx.at(&at, format!("{label}: unknown Leadership Principle \"{name}\": {hint}")));
            }
        }
    }
    // No `answer` at all is a question without a model answer; an empty one is a mistake.
    let sections: &[SectionYaml] = q.answer.as_deref().unwrap_or_default();
    if q.answer.as_ref().is_some_and(Vec::is_empty) {
        problems.push(ctx.at(
            &format!("{path}.answer"),
            format!(
                "{label}: the answer has no sections: expected at least one, each with `heading` and `star` \
                 (or no `answer` key for a question without a model answer)"
            ),
        ));
    }
    let probes = probe_texts(ctx, &format!("{path}.probes"), &label, "probe", &q.probes, &mut problems);
    let mut answer = Vec::new();
    let mut stars_readable = true;
    for (i, s) in sections.iter().enumerate() {
        let at = format!("{path}.answer.{i}");
        let star = match &s.star {
            None => {
                problems.push(ctx.at(
                    &at,
                    format!(
                        "{label}: section \"{}\" has no `star` phase: expected situation, task, action or result",
                        s.heading
                    ),
                ));
                None
            }
            Some(text) => {
                let star = Star::parse(text);
                // A control character in it is reported by `block`, once.
                let has_control = text.chars().any(crate::text::is_control);
                if star.is_none() && !has_control {
                    problems.push(ctx.at(&format!("{at}.star"), format!("{label}: section \"{}\" has unknown star phase \"{text}\": expected situation, task, action or result", s.heading)));
                }
                star
            }
        };
        stars_readable &= star.is_some();
        let block = block(ctx, &at, s, &label, &mut problems);
        if let Some(star) = star {
            answer.push(Section { star, block });
        }
    }
    // A STAR answer tells all four parts; a model answer without a Result teaches the wrong habit.
    let missing: Vec<Star> = Star::ALL.into_iter().filter(|star| !answer.iter().any(|s| s.star == *star)).collect();
    if !sections.is_empty() && stars_readable && !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|s| s.label()).collect();
        let keys: Vec<String> = missing.iter().map(|s| format!("`star: {}`", s.key())).collect();
        problems.push(ctx.at(
            &format!("{path}.answer"),
            format!(
                "{label}: the answer has no {} {}: every answer needs all four STAR phases (situation, task, \
                 action, result); add a section with {}",
                names.join(", "),
                if missing.len() == 1 { "section" } else { "sections" },
                keys.join(", ")
            ),
        ));
    }
    match (number, level, kind, minutes, problems.is_empty()) {
        (Some(number), Some(level), Some(kind), Some(minutes), true) => Ok(Question {
            id: q.id.clone(),
            number,
            title: q.title.clone(),
            category: q.category.clone(),
            level,
            level_text: q.level.clone(),
            role: q.role.clone(),
            kind,
            minutes,
            principles,
            prompt: q.prompt.clone(),
            answer: answer.into(),
            bank: bank.to_string(),
            probes,
        }),
        _ => Err(problems),
    }
}

/// The most follow-up probes one question may carry.
pub const MAX_QUESTION_PROBES: usize = 10;

/// Follow-up texts as the candidate will see them: each one line of printable text, not empty, not
/// repeated (compared as a search compares: case and accents folded). `path` is the list's YAML path.
pub(super) fn probe_texts(
    ctx: &Ctx,
    path: &str,
    label: &str,
    noun: &str,
    texts: &[String],
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    if texts.len() > MAX_QUESTION_PROBES && path.starts_with("questions.") {
        problems.push(
            ctx.at(
                path,
                format!("{label}: {} probes: a question may carry at most {MAX_QUESTION_PROBES}", texts.len()),
            ),
        );
    }
    for (i, text) in texts.iter().enumerate() {
        let at = format!("{path}.{i}");
        let Some(text) = one_line(ctx, &at, &format!("{label}: a {noun}"), text, problems) else { continue };
        let key = crate::text::fold(text);
        if let Some(first) = seen.get(&key) {
            let other = ctx.positions.of(&format!("{path}.{first}"));
            problems.push(ctx.at(
                &at,
                format!(
                    "{label}: {noun} \"{}\" is listed twice (also at {})",
                    crate::text::truncate(text, 60),
                    place(ctx.file, other)
                ),
            ));
            continue;
        }
        seen.insert(key, i);
        out.push(text.to_string());
    }
    out
}

/// A text that must be one line of text (`what` names it in messages): without control characters and
/// not empty, trimmed; None after saying what is wrong, at `at`.
pub(super) fn one_line<'t>(
    ctx: &Ctx,
    at: &str,
    what: &str,
    text: &'t str,
    problems: &mut Vec<Problem>,
) -> Option<&'t str> {
    if let Some(p) = ctx.controls(at, what, text, true) {
        problems.push(p);
        return None;
    }
    let text = text.trim();
    if text.is_empty() {
        problems.push(ctx.at(at, format!("{what} is empty: expected one line of text")));
        return None;
    }
    Some(text)
}

fn block(ctx: &Ctx, at: &str, s: &SectionYaml, label: &str, problems: &mut Vec<Problem>) -> Block {
    if s.heading.trim().is_empty() {
        problems.push(ctx.at(&format!("{at}.heading"), format!("{label}: a section heading is empty: expected text")));
    }
    let what = |field: &str| format!("{label}: section \"{}\" `{field}`", crate::text::truncate(&s.heading, 40));
    problems.extend(ctx.controls(&format!("{at}.heading"), &format!("{label}: a section `heading`"), &s.heading, true));
    if let Some(star) = &s.star {
        problems.extend(ctx.controls(&format!("{at}.star"), &what("star"), star, true));
    }
    if let Some(text) = &s.text {
        problems.extend(ctx.controls(&format!("{at}.text"), &what("text"), text, false));
    }
    for (i, p) in s.paragraphs.iter().enumerate() {
        problems.extend(ctx.controls(&format!("{at}.paragraphs.{i}"), &what("paragraphs"), p, false));
    }
    for (i, b) in s.bullets.iter().enumerate() {
        let bat = format!("{at}.bullets.{i}");
        if let Some(l) = b.label() {
            problems.extend(ctx.controls(&format!("{bat}.label"), &what("bullets"), l, true));
        }
        problems.extend(ctx.controls(&format!("{bat}.text"), &what("bullets"), b.text(), false));
    }
    if s.text.is_none() && s.paragraphs.is_empty() && s.bullets.is_empty() && s.subsections.is_empty() {
        problems.push(ctx.at(
            at,
            format!(
                "{label}: section \"{}\" is empty: expected `text`, `paragraphs`, `bullets` or `subsections`",
                s.heading
            ),
        ));
    }
    let subsections = s
        .subsections
        .iter()
        .enumerate()
        .map(|(i, sub)| {
            let sub_at = format!("{at}.subsections.{i}");
            if sub.star.is_some() {
                problems.push(ctx.at(
                    &format!("{sub_at}.star"),
                    format!(
                        "{label}: sub-section \"{}\" has a `star`: only top-level answer sections take one",
                        sub.heading
                    ),
                ));
            }
            block(ctx, &sub_at, sub, label, problems)
        })
        .collect();
    Block {
        heading: s.heading.clone(),
        text: s.text.clone(),
        paragraphs: s.paragraphs.clone(),
        bullets: s.bullets.clone(),
        subsections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An endless reader that counts what it hands out and fails the test if asked for far more
    /// than the limit, instead of filling memory.
    struct Endless {
        given: u64,
        most: u64,
    }

    impl std::io::Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            assert!(self.given <= self.most, "read {} bytes past a limit of {}", self.given, self.most);
            let n = std::io::Read::read(&mut std::io::repeat(b'a'), buf)?;
            self.given += n as u64;
            Ok(n)
        }
    }

    #[test]
    fn reading_stops_at_the_limit_whatever_the_source() {
        let e = read_bounded(std::io::repeat(b'a'), 1000).unwrap_err();
        assert!(matches!(e, ReadError::TooLarge { limit: 1000 }), "{e:?}");
        assert_eq!(e.to_string(), "file is more than 1000 bytes; a bank file may be at most 1000 bytes");
        let mut endless = Endless { given: 0, most: 64 * 1024 };
        assert!(read_bounded(&mut endless, 4096).is_err());
        assert!(endless.given <= 4097 + 8192, "read {} bytes for a limit of 4096", endless.given);
        let e = read_bounded(std::io::repeat(0), MAX_FILE_BYTES).unwrap_err();
        assert!(e.to_string().ends_with("at most 5242880 bytes (5 MiB)"), "{e}");
        // Exactly the limit is fine.
        let exact = read_bounded(std::io::Read::take(std::io::repeat(b'a'), 1000), 1000).unwrap();
        assert_eq!(exact.len(), 1000);
        assert_eq!(read_bounded(&b""[..], 0).unwrap(), b"");
    }

    /// A FIFO opened for reading the ordinary way blocks until a writer comes; the bank's open does
    /// not block and refuses it, as it would if the path were swapped for one after the type check.
    #[cfg(unix)]
    #[test]
    fn opening_a_fifo_does_not_block_and_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("bank.yaml");
        rustix::fs::mknodat(rustix::fs::CWD, &fifo, rustix::fs::FileType::Fifo, rustix::fs::Mode::RUSR, 0).unwrap();
        let (send, receive) = std::sync::mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || {
            let _ = send.send(open_regular(&path, "bank.yaml", BANK).map(drop));
        });
        let got = receive.recv_timeout(std::time::Duration::from_secs(5));
        if got.is_err() {
            // Unblock the opener so the test process can end.
            let _ = std::fs::OpenOptions::new().write(true).open(&fifo);
        }
        let problem = got.expect("opening a FIFO blocked").unwrap_err();
        assert_eq!(
            problem.to_string(),
            "bank.yaml: a FIFO (named pipe), not a regular file: a bank is a .yaml file or a directory of them"
        );
    }
}

#[cfg(test)]
mod bank_tests {
    use super::*;

    fn load(files: &[(&str, &str)]) -> Result<Bank, Vec<String>> {
        let sources: Vec<Source> =
            files.iter().map(|(name, text)| Source { name: name.to_string(), text: text.to_string() }).collect();
        load_sources(&sources).map_err(|e| e.problems.iter().map(Problem::to_string).collect())
    }

    fn question(id: &str, number: u32, extra: &str) -> String {
        format!(
            "- id: {id}\n  number: {number}\n  title: T {id}\n  category: C\n  level: L5\n  role: PM\n  kind: behavioral\n  \
             minutes: 2\n  leadership_principles: [Ownership]\n  prompt: Tell me about {id}.\n{extra}"
        )
    }

    fn bank(name: &str, questions: &[String]) -> String {
        format!("bank: {name}\ntitle: {name}\nquestions:\n{}", questions.concat())
    }

    #[test]
    fn a_question_needs_no_answer_and_keeps_its_own_probes() {
        let q = question("a", 1, "  probes:\n  - What did you do?\n  - How did you know?\n");
        let b = load(&[("a.yaml", &bank("a", &[q]))]).unwrap();
        assert!(!b.questions[0].has_answer());
        assert_eq!(b.questions[0].probes, ["What did you do?", "How did you know?"]);
    }

    #[test]
    fn an_answer_still_needs_all_four_star_phases_and_an_empty_one_is_a_mistake() {
        let half = question("a", 1, "  answer:\n  - heading: S\n    star: situation\n    text: x\n");
        let e = load(&[("a.yaml", &bank("a", &[half]))]).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("a.yaml:15:5: question 1: the answer has no Task, Action, Result sections"), "{e:?}");
        let empty = question("a", 1, "  answer: []\n");
        let e = load(&[("a.yaml", &bank("a", &[empty]))]).unwrap_err();
        assert!(e[0].starts_with("a.yaml:14:11: question 1: the answer has no sections"), "{e:?}");
    }

    #[test]
    fn a_probe_listed_twice_or_holding_a_control_character_is_a_problem() {
        let q = question("a", 1, "  probes:\n  - Numbers?\n  - \"Why\\a?\"\n  - NUMBERS?\n");
        let e = load(&[("a.yaml", &bank("a", &[q]))]).unwrap_err();
        assert_eq!(
            e,
            [
                "a.yaml:16:5: question 1: a probe holds control character ^G (U+0007) at character 4: a one-line field \
                 takes printable text only: no line breaks, tabs or other control characters",
                "a.yaml:17:5: question 1: probe \"NUMBERS?\" is listed twice (also at a.yaml:15:5)",
            ]
        );
    }

    #[test]
    fn ids_and_numbers_clashing_across_banks_name_both_files_and_lines() {
        let one = bank("one", &[question("a", 1, ""), question("b", 2, "")]);
        let two = bank("two", &[question("a", 3, ""), question("c", 2, "")]);
        let e = load(&[("one.yaml", &one), ("two.yaml", &two)]).unwrap_err();
        assert_eq!(
            e,
            [
                "two.yaml:4:7: duplicate id \"a\": also used at one.yaml:4:7",
                "two.yaml:15:11: duplicate number 2: also used at one.yaml:15:11",
            ]
        );
    }

    #[test]
    fn a_probes_file_among_banks_gives_the_bank_its_probes() {
        let probes = "principles:\n- principle: Ownership\n  rubric: [Acts]\n  probes: [Whose job was it?]\n";
        let b = load(&[("q/a.yaml", &bank("a", &[question("a", 1, "")])), ("q/probes.yaml", probes)]).unwrap();
        assert_eq!(b.probes.probes(Principle::lookup("ownership").unwrap()), ["Whose job was it?"]);
        let e = load(&[("q/a.yaml", &bank("a", &[question("a", 1, "")])), ("q/probes.yaml", "general: [x]\n")])
            .unwrap_err();
        assert_eq!(e, ["q/probes.yaml:1:1: missing field `principles`"]);
        let e = load(&[("q/probes.yaml", probes)]).unwrap_err();
        assert_eq!(e, ["(no bank): no bank files given"]);
    }
}
