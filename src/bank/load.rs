//! Reading bank files and directories, and validating them into a `Bank`.
//!
//! Every problem found is reported, each with its file, and line and column where there is one.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::schema::{BankFile, QuestionYaml, SectionYaml};
use super::yaml_positions::{self, Pos, Positions};
use super::{Bank, BankInfo, Block, Kind, LevelRange, Principle, Question, Section, Star};

/// Bank files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;
/// The longest suggested answer time a question may set.
pub const MAX_MINUTES: u32 = 120;

/// One thing wrong with a bank file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: {}", self.file, self.message),
            (Some(l), None) => write!(f, "{}:{l}: {}", self.file, self.message),
            _ => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// All the problems found while loading; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

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

fn problem(file: &str, pos: Option<Pos>, message: impl Into<String>) -> Problem {
    Problem {
        file: file.to_string(),
        line: pos.map(|p| p.line),
        column: pos.map(|p| p.column),
        message: message.into(),
    }
}

fn read_path(path: &Path) -> Result<Vec<Source>, Vec<Problem>> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| vec![problem(&name, None, format!("cannot read: {e}"))])?;
    if meta.is_dir() {
        let entries =
            std::fs::read_dir(path).map_err(|e| vec![problem(&name, None, format!("cannot read directory: {e}"))])?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
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
            match read_file(&f) {
                Ok(s) => out.push(s),
                Err(p) => problems.push(p),
            }
        }
        return if problems.is_empty() { Ok(out) } else { Err(problems) };
    }
    read_file(path).map(|s| vec![s]).map_err(|p| vec![p])
}

fn read_file(path: &Path) -> Result<Source, Problem> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| problem(&name, None, format!("cannot read: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(problem(
            &name,
            None,
            format!("file is {} bytes; a bank file may be at most {MAX_FILE_BYTES} bytes (5 MiB)", meta.len()),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| problem(&name, None, format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = good.len() - good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
        let bad = e.as_bytes()[good.len()];
        problem(
            &name,
            Some(Pos { line, column }),
            format!("invalid UTF-8 (byte 0x{bad:02x}): a bank file must be UTF-8 text"),
        )
    })?;
    Ok(Source { name, text })
}

/// Parse and validate bank texts into one bank.
pub fn load_sources(sources: &[Source]) -> Result<Bank, LoadError> {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    let mut questions: Vec<(usize, Question)> = Vec::new();
    let mut parsed = Vec::new();
    for (index, source) in sources.iter().enumerate() {
        match parse(source) {
            Ok((file, positions)) => parsed.push((index, file, positions)),
            Err(mut p) => problems.append(&mut p),
        }
    }
    let mut ids: HashMap<String, (String, Option<Pos>)> = HashMap::new();
    let mut numbers: HashMap<u32, (String, Option<Pos>)> = HashMap::new();
    for (index, file, positions) in parsed {
        let ctx = Ctx { file: &sources[index].name, positions: &positions };
        let info = BankInfo {
            id: file.bank.clone(),
            title: file.title.clone(),
            description: file.description.clone(),
            source: sources[index].name.clone(),
        };
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
        for (i, value) in file.questions.iter().enumerate() {
            let q = match read_question(&ctx, i, value) {
                Ok(q) => q,
                Err(p) => {
                    problems.push(p);
                    continue;
                }
            };
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
            if let Some((other_file, other_pos)) = numbers.get(&q.number) {
                problems.push(ctx.at(
                    &format!("{path}.number"),
                    format!("duplicate number {}: also used at {}", q.number, place(other_file, *other_pos)),
                ));
            } else {
                numbers.insert(q.number, (ctx.file.to_string(), number_pos));
            }
            match validate_question(&ctx, &path, q, &info.id) {
                Ok(question) => questions.push((index, question)),
                Err(mut p) => problems.append(&mut p),
            }
        }
        files.push(info);
    }
    if sources.is_empty() {
        problems.push(problem("(no bank)", None, "no bank files given"));
    }
    if !problems.is_empty() {
        return Err(LoadError { problems });
    }
    let mut questions: Vec<Question> = questions.into_iter().map(|(_, q)| q).collect();
    questions.sort_by_key(|q| q.number);
    Ok(Bank { files, questions })
}

fn place(file: &str, pos: Option<Pos>) -> String {
    match pos {
        Some(p) => format!("{file}:{}:{}", p.line, p.column),
        None => file.to_string(),
    }
}

fn parse(source: &Source) -> Result<(BankFile, Positions), Vec<Problem>> {
    let name = &source.name;
    let positions = yaml_positions::scan(&source.text)
        .map_err(|e| vec![problem(name, Some(e.pos), format!("YAML syntax error: {}", e.message))])?;
    if !positions.has_content {
        return Err(vec![problem(
            name,
            None,
            "the file is empty: expected a bank with `bank`, `title` and `questions`",
        )]);
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
    let file: BankFile = serde_yaml::from_str(&source.text).map_err(|e| {
        let pos = e.location().map(|l| Pos { line: l.line(), column: l.column() });
        vec![problem(name, pos, serde_message(&e))]
    })?;
    Ok((file, positions))
}

/// Read one question; a malformed one is a problem at the exact node that is wrong.
fn read_question(ctx: &Ctx, index: usize, value: &serde_yaml::Value) -> Result<QuestionYaml, Problem> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut path = format!("questions.{index}");
        for segment in e.path().iter() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => path.push_str(&format!(".{index}")),
                serde_path_to_error::Segment::Map { key } => path.push_str(&format!(".{key}")),
                _ => {}
            }
        }
        let field = e.path().to_string();
        let field = if field == "." { String::new() } else { format!("{field}: ") };
        let message = format!("question {}: {field}{}", index + 1, serde_message(e.inner()));
        // An unknown field is pointed at its key; anything else at the value that is wrong.
        let pos = if message.contains("unknown field") { ctx.positions.key_of(&path) } else { None };
        match pos {
            Some(pos) => problem(ctx.file, Some(pos), message),
            None => ctx.at(&path, message),
        }
    })
}

/// serde_yaml's message without its trailing position (we print our own), with plainer words.
fn serde_message(e: &serde_yaml::Error) -> String {
    let mut msg = e.to_string();
    if let Some(i) = msg.rfind(" at line ") {
        msg.truncate(i);
    }
    // Name the shapes the way the README does, not by their Rust types.
    for (rust, plain) in [
        ("expected struct BankFile", "expected a bank: a mapping with `bank`, `title` and `questions`"),
        ("expected struct QuestionYaml", "expected a question: a mapping with `id`, `number`, `title`, … and `answer`"),
        ("expected struct SectionYaml", "expected an answer section: a mapping with `heading`, `star` and its content"),
        ("expected u32", "expected a positive whole number"),
    ] {
        msg = msg.replace(rust, plain);
    }
    if msg.contains("untagged enum Bullet") {
        msg = msg.replace(
            "data did not match any variant of untagged enum Bullet",
            "bad bullet: expected a string, or a mapping with exactly `label` and `text`",
        );
    }
    msg
}

struct Ctx<'a> {
    file: &'a str,
    positions: &'a Positions,
}

impl Ctx<'_> {
    fn at(&self, path: &str, message: impl Into<String>) -> Problem {
        problem(self.file, self.positions.of(path), message)
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn validate_question(ctx: &Ctx, path: &str, q: &QuestionYaml, bank: &str) -> Result<Question, Vec<Problem>> {
    let mut problems = Vec::new();
    let label = format!("question {}", q.number);
    if !is_slug(&q.id) {
        problems.push(ctx.at(&format!("{path}.id"), format!("{label}: bad id \"{}\": expected lower-case letters, digits and hyphens, such as stakeholder-alignment", q.id)));
    }
    if q.number == 0 {
        problems.push(ctx.at(&format!("{path}.number"), format!("{label}: number must be 1 or more")));
    }
    for (field, value) in [("title", &q.title), ("category", &q.category), ("role", &q.role), ("prompt", &q.prompt)] {
        if value.trim().is_empty() {
            problems.push(ctx.at(&format!("{path}.{field}"), format!("{label}: `{field}` is empty: expected text")));
        }
    }
    let level = LevelRange::parse(&q.level)
        .map_err(|e| problems.push(ctx.at(&format!("{path}.level"), format!("{label}: {e}"))))
        .ok();
    let kind = Kind::parse(&q.kind);
    if kind.is_none() {
        problems.push(ctx.at(
            &format!("{path}.kind"),
            format!("{label}: unknown kind \"{}\": expected behavioral, product-strategy or technical", q.kind),
        ));
    }
    if q.minutes == 0 || q.minutes > MAX_MINUTES {
        problems.push(
            ctx.at(
                &format!("{path}.minutes"),
                format!("{label}: minutes is {}: expected 1 to {MAX_MINUTES}", q.minutes),
            ),
        );
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
    if q.answer.is_empty() {
        problems.push(ctx.at(
            &format!("{path}.answer"),
            format!("{label}: the answer has no sections: expected at least one, each with `heading` and `star`"),
        ));
    }
    let mut answer = Vec::new();
    for (i, s) in q.answer.iter().enumerate() {
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
                if star.is_none() {
                    problems.push(ctx.at(&format!("{at}.star"), format!("{label}: section \"{}\" has unknown star phase \"{text}\": expected situation, task, action or result", s.heading)));
                }
                star
            }
        };
        let block = block(ctx, &at, s, &label, &mut problems);
        if let Some(star) = star {
            answer.push(Section { star, block });
        }
    }
    match (level, kind, problems.is_empty()) {
        (Some(level), Some(kind), true) => Ok(Question {
            id: q.id.clone(),
            number: q.number,
            title: q.title.clone(),
            category: q.category.clone(),
            level,
            level_text: q.level.clone(),
            role: q.role.clone(),
            kind,
            minutes: q.minutes,
            principles,
            prompt: q.prompt.clone(),
            answer,
            bank: bank.to_string(),
        }),
        _ => Err(problems),
    }
}

fn block(ctx: &Ctx, at: &str, s: &SectionYaml, label: &str, problems: &mut Vec<Problem>) -> Block {
    if s.heading.trim().is_empty() {
        problems.push(ctx.at(&format!("{at}.heading"), format!("{label}: a section heading is empty: expected text")));
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
