//! The configuration file, `config.toml`: the interview date and how the plan is made.
//!
//! It lives in `$XDG_CONFIG_HOME/stardrill/config.toml` (`STARDRILL_CONFIG` names another). A missing
//! file means the defaults. Every key is checked: an unknown key or a bad value is an error at its
//! line:column. `stardrill config set/unset` edits the file with `toml_edit`, keeping every comment
//! and the order of what is there, and writes it whole (a temporary file renamed over it).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::bank::Kind;

/// The commented file `stardrill config --default` prints: every key with its default.
pub const DEFAULT_TOML: &str = r#"# stardrill configuration. Every key is optional; a missing key takes the default shown.
# Edit it by hand, or with `stardrill config set KEY VALUE` / `stardrill config unset KEY`.

# The day of your interview loop (YYYY-MM-DD). With it, `stardrill today` plans so that every question
# is seen once and every principle practised twice before that day; its last two days review the weakest.
# interview-date = 2026-12-10

# The chance of recall the schedule aims at when it sets due dates (0.70-0.97).
desired-retention = 0.9

# New (never practised) questions a day; raised when the unseen ones would not all fit before the
# interview date.
new-per-day = 2

# Follow-up probes after each answer in drills (0-5); without it, 1 for a single question and 2 for a
# drill of several. `drill --probes N` overrides it.
# probes = 2

# Answer time for each kind of question in drills, in minutes (1-60), instead of each question's own
# suggestion (`drill --time` still overrides both). For example, an LP story in two minutes:
# [minutes]
# behavioral = 2
# product-strategy = 12
# technical = 15
"#;

/// The settings, defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub interview_date: Option<NaiveDate>,
    pub desired_retention: f32,
    pub new_per_day: usize,
    /// Minutes per kind of question (in `Kind::ALL` order), where set.
    pub minutes: [Option<u32>; 3],
    /// Follow-up probes after each answer, when set.
    pub probes: Option<usize>,
}

impl Default for Config {
    fn default() -> Config {
        Config { interview_date: None, desired_retention: 0.9, new_per_day: 2, minutes: [None; 3], probes: None }
    }
}

impl Config {
    /// The configured minutes for `kind`, if any.
    pub fn minutes_for(&self, kind: Kind) -> Option<u32> {
        Kind::ALL.iter().position(|&k| k == kind).and_then(|i| self.minutes[i])
    }

    /// What the plan (`today`, `drill --due`, the app's Today) is made with: these settings, and at most
    /// `limit` due and `limit` new questions when given (`today --limit`).
    pub fn plan_settings(&self, limit: Option<usize>) -> crate::schedule::PlanSettings {
        crate::schedule::PlanSettings {
            interview_date: self.interview_date,
            desired_retention: self.desired_retention,
            new_per_day: self.new_per_day,
            limit,
        }
    }

    /// Give every question of `bank` the configured answer time of its kind.
    pub fn apply_minutes(&self, bank: &mut crate::bank::Bank) {
        for q in &mut bank.questions {
            if let Some(m) = self.minutes_for(q.kind) {
                q.minutes = m;
            }
        }
    }
}

/// Every key the file may hold, with what its value must be (`minutes.KIND` for each kind).
pub const KEYS: [(&str, &str); 5] = [
    ("interview-date", "a date, YYYY-MM-DD"),
    ("desired-retention", "a number from 0.70 to 0.97"),
    ("new-per-day", "a whole number from 0 to 50"),
    ("probes", "a whole number from 0 to 5"),
    ("minutes", "a table of minutes per kind of question: behavioral, product-strategy, technical (1 to 60 each)"),
];

const MINUTES_EXPECTED: &str = "a whole number of minutes from 1 to 60";

/// A problem with the file, at its place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Something `config` could not do (read, write), or a problem in the file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigFailure {
    #[error("{0}")]
    Invalid(#[from] ConfigError),
    #[error("cannot {action} the config file {path}: {source}")]
    Io { action: &'static str, path: String, source: std::io::Error },
    #[error("{0}")]
    Usage(String),
}

/// `STARDRILL_CONFIG`, else `<config dir>/stardrill/config.toml`.
pub fn resolve_path(from_env: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(p) = from_env.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(p);
    }
    directories::ProjectDirs::from("", "", "stardrill")
        .map(|d| d.config_dir().join("config.toml"))
        .ok_or_else(|| "cannot find a home directory for config.toml; set STARDRILL_CONFIG".to_string())
}

/// The longest config file read (it holds three keys).
const MAX_BYTES: u64 = 1 << 20;

fn read_text(path: &Path) -> Result<Option<String>, ConfigFailure> {
    let io = |action| move |source| ConfigFailure::Io { action, path: path.display().to_string(), source };
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io("read")(e)),
        Ok(m) if !m.is_file() => {
            return Err(io("read")(std::io::Error::other("it is not a regular file")));
        }
        Ok(m) if m.len() > MAX_BYTES => {
            return Err(io("read")(std::io::Error::other("it is larger than 1 MiB")));
        }
        Ok(_) => {}
    }
    std::fs::read_to_string(path).map(Some).map_err(io("read"))
}

/// The settings in the file at `path`; a missing file gives the defaults.
pub fn load(path: &Path) -> Result<Config, ConfigFailure> {
    match read_text(path)? {
        None => Ok(Config::default()),
        Some(text) => Ok(parse(&text, &path.display().to_string())?),
    }
}

/// 1-based line and column (in characters) of byte `at` of `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let mut end = at.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Read and check the settings in `text` (named `file` in errors).
pub fn parse(text: &str, file: &str) -> Result<Config, ConfigError> {
    let error = |at: usize, message: String| {
        let (line, column) = line_col(text, at);
        ConfigError { file: file.to_string(), line, column, message: crate::text::visible(&message).into_owned() }
    };
    let doc = toml_edit::Document::parse(text).map_err(|e| {
        let message = e.message().trim().to_string();
        error(e.span().map_or(0, |s| s.start), format!("not valid TOML: {message}"))
    })?;
    let mut config = Config::default();
    for (key, item) in doc.as_table().iter() {
        let at = doc.as_table().key(key).and_then(toml_edit::Key::span).map_or(0, |s| s.start);
        let value_at = item.span().map_or(at, |s| s.start);
        let Some(&(_, expected)) = KEYS.iter().find(|(k, _)| *k == key) else {
            let known: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
            let hint = crate::bank::principle::closest(key, &known).map(|k| format!(" (did you mean `{k}`?)"));
            return Err(error(
                at,
                format!("unknown key `{key}`{}; the keys are {}", hint.unwrap_or_default(), known.join(", ")),
            ));
        };
        let bad = || error(value_at, format!("`{key}` must be {expected}"));
        match key {
            "interview-date" => {
                let date = match item.as_value() {
                    Some(toml_edit::Value::Datetime(d)) => {
                        let d = d.value();
                        match (d.date, d.time) {
                            (Some(date), None) => NaiveDate::from_ymd_opt(
                                i32::from(date.year),
                                u32::from(date.month),
                                u32::from(date.day),
                            ),
                            _ => None,
                        }
                    }
                    Some(toml_edit::Value::String(s)) => NaiveDate::parse_from_str(s.value(), "%Y-%m-%d").ok(),
                    _ => None,
                };
                config.interview_date = Some(date.ok_or_else(bad)?);
            }
            "desired-retention" => {
                let v = item.as_float().or_else(|| item.as_integer().map(|i| i as f64)).ok_or_else(bad)?;
                if !(0.70..=0.97).contains(&v) {
                    return Err(bad());
                }
                #[allow(clippy::cast_possible_truncation)]
                let v = v as f32;
                config.desired_retention = v;
            }
            "new-per-day" => {
                let v = item.as_integer().filter(|v| (0..=50).contains(v)).ok_or_else(bad)?;
                config.new_per_day = usize::try_from(v).map_err(|_| bad())?;
            }
            "probes" => {
                let v = item.as_integer().filter(|v| (0..=5).contains(v)).ok_or_else(bad)?;
                config.probes = usize::try_from(v).ok();
            }
            "minutes" => {
                let table = item.as_table_like().ok_or_else(bad)?;
                for (kind_key, value) in table.iter() {
                    let key_at = table.key(kind_key).and_then(toml_edit::Key::span).map_or(value_at, |s| s.start);
                    let Some(i) = Kind::ALL.iter().position(|k| k.key() == kind_key) else {
                        let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.key()).collect();
                        let hint = crate::bank::principle::closest(kind_key, &kinds)
                            .map(|k| format!(" (did you mean `{k}`?)"))
                            .unwrap_or_default();
                        return Err(error(
                            key_at,
                            format!("unknown kind `{kind_key}` in [minutes]{hint}; the kinds are {}", kinds.join(", ")),
                        ));
                    };
                    let at = value.span().map_or(key_at, |s| s.start);
                    let m = value
                        .as_integer()
                        .filter(|v| (1..=60).contains(v))
                        .ok_or_else(|| error(at, format!("`minutes.{kind_key}` must be {MINUTES_EXPECTED}")))?;
                    config.minutes[i] = u32::try_from(m).ok();
                }
            }
            _ => return Err(bad()),
        }
    }
    Ok(config)
}

/// Set `key` to `value` (as typed: `2026-12-10`, `0.85`, `3`) in the file at `path`, creating it from
/// the commented default when missing, keeping every comment and the order of what is there.
pub fn set(path: &Path, key: &str, value: &str) -> Result<(), ConfigFailure> {
    if let Some(kind) = key.strip_prefix("minutes.") {
        let Some(kind) = Kind::ALL.iter().find(|k| k.key() == kind) else {
            return Err(unknown_key(key));
        };
        let minutes = value
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|v| (1..=60).contains(v))
            .ok_or_else(|| ConfigFailure::Usage(format!("`{key}` must be {MINUTES_EXPECTED}, not `{value}`")))?;
        return edit(path, true, |doc| {
            if !doc.contains_table("minutes") {
                doc["minutes"] = toml_edit::table();
            }
            doc["minutes"][kind.key()] = toml_edit::value(minutes);
            true
        });
    }
    let Some(&(_, expected)) = KEYS.iter().find(|(k, _)| *k == key && *k != "minutes") else {
        return Err(unknown_key(key));
    };
    let bad = || ConfigFailure::Usage(format!("`{key}` must be {expected}, not `{value}`"));
    let typed: toml_edit::Value = match key {
        "interview-date" => {
            let d = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| bad())?;
            d.format("%Y-%m-%d").to_string().parse().map_err(|_| bad())?
        }
        _ => value.trim().parse().map_err(|_| bad())?,
    };
    edit(path, true, |doc| {
        match doc.get_mut(key).and_then(toml_edit::Item::as_value_mut) {
            // Keep the comment and spacing around the value.
            Some(existing) => {
                let decor = existing.decor().clone();
                *existing = typed;
                *existing.decor_mut() = decor;
            }
            None => doc[key] = toml_edit::value(typed),
        }
        true
    })
}

/// Remove `key` (or `minutes.KIND`) from the file (a missing file or key: nothing to do), keeping the
/// rest as it is.
pub fn unset(path: &Path, key: &str) -> Result<(), ConfigFailure> {
    let kind = key.strip_prefix("minutes.");
    let known = match kind {
        Some(kind) => Kind::ALL.iter().any(|k| k.key() == kind),
        None => KEYS.iter().any(|(k, _)| *k == key),
    };
    if !known {
        return Err(unknown_key(key));
    }
    edit(path, false, |doc| {
        let removed = match kind {
            Some(kind) => {
                doc.get_mut("minutes").and_then(toml_edit::Item::as_table_like_mut).and_then(|t| t.remove(kind))
            }
            None => doc.remove(key),
        };
        removed.is_some()
    })
}

/// Change the file with `change` (false: nothing changed, nothing written), starting from the
/// commented default when there is no file and `create` is set. The file as it is must be valid (an
/// edit never hides a problem elsewhere in it), and so must the result, checked as a whole so a bad
/// value is said here, not at the next start.
fn edit(
    path: &Path,
    create: bool,
    change: impl FnOnce(&mut toml_edit::DocumentMut) -> bool,
) -> Result<(), ConfigFailure> {
    let text = match read_text(path)? {
        Some(text) => text,
        None if create => DEFAULT_TOML.to_string(),
        None => return Ok(()),
    };
    parse(&text, &path.display().to_string())?;
    let mut doc: toml_edit::DocumentMut =
        text.parse().map_err(|_| ConfigFailure::Usage(format!("{} is not valid TOML", path.display())))?;
    if !change(&mut doc) {
        return Ok(());
    }
    let new_text = doc.to_string();
    parse(&new_text, &path.display().to_string()).map_err(|e| ConfigFailure::Usage(e.message))?;
    write_whole(path, &new_text)
}

fn unknown_key(key: &str) -> ConfigFailure {
    let mut known: Vec<&str> = KEYS.iter().map(|(k, _)| *k).filter(|k| *k != "minutes").collect();
    known.extend(["minutes.behavioral", "minutes.product-strategy", "minutes.technical"]);
    let hint = crate::bank::principle::closest(key, &known).map(|k| format!(" (did you mean `{k}`?)"));
    ConfigFailure::Usage(format!(
        "unknown key `{}`{}; the keys are {}",
        crate::text::visible(key),
        hint.unwrap_or_default(),
        known.join(", ")
    ))
}

/// Write `text` as the whole file (`atomic_file`): a crash leaves the old file or the new one, never
/// half of one, and the file keeps the permissions it had.
fn write_whole(path: &Path, text: &str) -> Result<(), ConfigFailure> {
    let io = |action| move |source| ConfigFailure::Io { action, path: path.display().to_string(), source };
    // A config kept elsewhere and linked here (dotfiles) is edited where it lives: the link stays.
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(io("follow the link of"))?,
        _ => path.to_path_buf(),
    };
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io("create the folder of"))?;
    }
    crate::atomic_file::write(&target, text.as_bytes()).map_err(io("write"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_is_the_defaults() {
        assert_eq!(parse(DEFAULT_TOML, "config.toml").unwrap(), Config::default());
        assert_eq!(parse("", "config.toml").unwrap(), Config::default());
    }

    #[test]
    fn the_plan_is_made_with_the_settings() {
        assert_eq!(Config::default().plan_settings(None), crate::schedule::PlanSettings::default());
        let c = parse("interview-date = 2026-12-10\ndesired-retention = 0.8\nnew-per-day = 4\n", "c.toml").unwrap();
        let p = c.plan_settings(Some(3));
        assert_eq!(p.interview_date, NaiveDate::from_ymd_opt(2026, 12, 10));
        assert_eq!((p.desired_retention, p.new_per_day, p.limit), (0.8, 4, Some(3)));
    }

    #[test]
    fn values_are_read_and_problems_are_placed() {
        let c = parse("interview-date = 2026-12-10\ndesired-retention = 0.85\nnew-per-day = 3\n", "c.toml").unwrap();
        assert_eq!(c.interview_date, NaiveDate::from_ymd_opt(2026, 12, 10));
        assert_eq!((c.desired_retention, c.new_per_day, c.probes), (0.85, 3, None));
        assert_eq!(parse("probes = 0\n", "c.toml").unwrap().probes, Some(0));
        let e = parse("probes = 9\n", "c.toml").unwrap_err();
        assert_eq!(e.to_string(), "c.toml:1:10: `probes` must be a whole number from 0 to 5");
        assert_eq!(parse("interview-date = \"2026-12-10\"", "c.toml").unwrap().interview_date, c.interview_date);
        let e = parse("new-per-day = 2\n  intervew-date = 2026-12-10\n", "c.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "c.toml:2:3: unknown key `intervew-date` (did you mean `interview-date`?); the keys are interview-date, desired-retention, new-per-day, probes, minutes"
        );
        let e = parse("desired-retention = 1.5\n", "c.toml").unwrap_err();
        assert_eq!(e.to_string(), "c.toml:1:21: `desired-retention` must be a number from 0.70 to 0.97");
        let e = parse("interview-date = 2026-13-01\n", "c.toml").unwrap_err();
        assert!(e.to_string().starts_with("c.toml:1:"), "{e}");
        let e = parse("new-per-day = \"two\"\n", "c.toml").unwrap_err();
        assert_eq!(e.to_string(), "c.toml:1:15: `new-per-day` must be a whole number from 0 to 50");
        let e = parse("new-per-day = = 2\n", "c.toml").unwrap_err();
        assert!(e.to_string().starts_with("c.toml:1:") && e.to_string().contains("not valid TOML"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_config_is_edited_where_it_lives_with_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("dotfiles").join("stardrill.toml");
        std::fs::create_dir_all(real.parent().unwrap()).unwrap();
        std::fs::write(&real, "# mine\nnew-per-day = 3\n").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("config.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        set(&link, "interview-date", "2026-12-10").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
        let text = std::fs::read_to_string(&real).unwrap();
        assert!(
            text.starts_with("# mine\nnew-per-day = 3\n") && text.contains("interview-date = 2026-12-10"),
            "{text}"
        );
        assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn minutes_per_kind() {
        let c = parse("[minutes]\nbehavioral = 2\ntechnical = 20\n", "c.toml").unwrap();
        assert_eq!(c.minutes, [Some(2), None, Some(20)]);
        assert_eq!(c.minutes_for(Kind::Technical), Some(20));
        let mut bank = crate::bank::Bank::bundled().unwrap();
        c.apply_minutes(&mut bank);
        let q1 = bank.get("1").unwrap();
        assert_eq!((q1.kind, q1.minutes), (Kind::Behavioral, 2));
        assert_eq!(bank.get("3").unwrap().minutes, 12, "product-strategy keeps the bank's time");
        let e = parse("[minutes]\nbehavioural = 2\n", "c.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "c.toml:2:1: unknown kind `behavioural` in [minutes] (did you mean `behavioral`?); the kinds are behavioral, product-strategy, technical"
        );
        let e = parse("[minutes]\ntechnical = 0\n", "c.toml").unwrap_err();
        assert_eq!(e.to_string(), "c.toml:2:13: `minutes.technical` must be a whole number of minutes from 1 to 60");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        set(&path, "minutes.behavioral", "2").unwrap();
        assert_eq!(load(&path).unwrap().minutes, [Some(2), None, None]);
        assert!(
            matches!(set(&path, "minutes.design", "2"), Err(ConfigFailure::Usage(m)) if m.contains("unknown key `minutes.design`"))
        );
        unset(&path, "minutes.behavioral").unwrap();
        assert_eq!(load(&path).unwrap().minutes, [None; 3]);
    }

    #[test]
    fn set_and_unset_keep_comments_and_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("config.toml");
        set(&path, "interview-date", "2026-12-10").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# stardrill configuration."), "created from the commented default:\n{text}");
        assert!(text.contains("# The chance of recall"), "{text}");
        assert_eq!(load(&path).unwrap().interview_date, NaiveDate::from_ymd_opt(2026, 12, 10));
        set(&path, "desired-retention", "0.85").unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        assert_eq!(after, text.replace("desired-retention = 0.9", "desired-retention = 0.85"));
        assert!(matches!(set(&path, "new-per-day", "99"), Err(ConfigFailure::Usage(m)) if m.contains("0 to 50")));
        assert!(
            matches!(set(&path, "colour", "red"), Err(ConfigFailure::Usage(m)) if m.contains("unknown key `colour`"))
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), after, "a refused set changes nothing");
        unset(&path, "interview-date").unwrap();
        assert_eq!(load(&path).unwrap().interview_date, None);
        assert!(std::fs::read_to_string(&path).unwrap().contains("# The chance of recall"));
        assert_eq!(load(&dir.path().join("none.toml")).unwrap(), Config::default());
    }
}
