//! `stardrill today` (the plan toward the interview) and `stardrill config` (the file it is made with).

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::{CmdResult, Failure, load};
use crate::bank::Bank;
use crate::cli::{ConfigAction, ConfigArgs, GlobalArgs, TodayArgs};
use crate::clock::Zone;
use crate::config::{self, Config, ConfigFailure};
use crate::format::plural;
use crate::history::store;
use crate::schedule::{self, PrincipleState, Reason, ReviewLog, Today};
use crate::text::{truncate, visible_line};

/// The environment variable naming the config file.
pub const CONFIG_ENV: &str = "STARDRILL_CONFIG";

pub fn config_path() -> Result<PathBuf, Failure> {
    config::resolve_path(std::env::var_os(CONFIG_ENV).map(PathBuf::from)).map_err(Failure::data)
}

impl From<ConfigFailure> for Failure {
    fn from(e: ConfigFailure) -> Failure {
        match e {
            ConfigFailure::Usage(m) => Failure::usage(m),
            other => Failure::data(other.to_string()),
        }
    }
}

/// The configuration in effect (the defaults when there is no file).
pub fn load_config() -> Result<(PathBuf, Config), Failure> {
    let path = config_path()?;
    let config = config::load(&path)?;
    Ok((path, config))
}

/// The review log of the history file, warning on stderr about lines skipped.
pub fn review_log(global: &GlobalArgs, zone: Zone) -> Result<ReviewLog, Failure> {
    let path = store::resolve_path(global.history.as_deref()).map_err(Failure::data)?;
    let (log, skipped) = schedule::read_log(&path, zone).map_err(|e| Failure::data(e.to_string()))?;
    super::warn_skipped(&skipped, &path);
    Ok(log)
}

/// Today's plan from the history, the config (read once by the caller) and the bank.
pub fn plan(
    global: &GlobalArgs,
    bank: &Bank,
    config: &Config,
    as_of: Option<NaiveDate>,
    limit: Option<usize>,
) -> Result<Today, Failure> {
    let log = review_log(global, Zone::Local)?;
    let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    Ok(schedule::today(bank, &log, &config.plan_settings(limit), as_of))
}

pub fn today(global: &GlobalArgs, args: &TodayArgs, out: &mut dyn Write) -> CmdResult {
    let mut bank = load(global)?;
    let (_, config) = load_config()?;
    config.apply_minutes(&mut bank);
    let t = plan(global, &bank, &config, args.as_of, args.limit.map(|n| n as usize))?;
    if args.json {
        return super::write_json(out, &t);
    }
    write_today(&t, out)
}

fn day(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

fn write_today(t: &Today, out: &mut dyn Write) -> CmdResult {
    let interview = match (t.interview_date, t.days_left) {
        (Some(d), Some(0)) => format!(" · interview today ({})", day(d)),
        (Some(d), Some(n)) if n < 0 => format!(" · the interview date {} has passed", day(d)),
        (Some(d), Some(n)) => {
            format!(" · interview {} ({} left)", day(d), plural(usize::try_from(n).unwrap_or(usize::MAX), "day"))
        }
        _ => " · no interview date (stardrill config set interview-date YYYY-MM-DD)".to_string(),
    };
    writeln!(out, "Today, {}{interview}", day(t.as_of))?;
    if t.cram {
        writeln!(out, "The last days before the interview: review what is weakest, nothing new.")?;
    }
    writeln!(out)?;
    let title = |s: &str| truncate(&visible_line(s), 52).into_owned();
    if t.due.is_empty() {
        writeln!(out, "Due: nothing today")?;
    } else {
        writeln!(out, "{} ({})", if t.cram { "Weakest" } else { "Due" }, t.due.len())?;
        writeln!(out, "  {:>4}  {:<52}  {:<10}  {:>9}  {:>6}  why", "#", "question", "due", "stability", "recall")?;
        for d in &t.due {
            let why = match d.reason {
                Reason::Due => "due".to_string(),
                Reason::Principle => "a principle practised < 2 times".to_string(),
                Reason::Cram => format!("recent mean {:.2}", d.recent_mean),
            };
            writeln!(
                out,
                "  {:>4}  {:<52}  {:<10}  {:>7.1} d  {:>5.0}%  {why}",
                format!("#{}", d.number),
                title(&d.title),
                d.due.format("%Y-%m-%d"),
                d.stability,
                d.retrievability * 100.0
            )?;
        }
    }
    if !t.new.is_empty() {
        writeln!(out, "\nNew ({})", t.new.len())?;
        for n in &t.new {
            writeln!(out, "  {:>4}  {:<52}  {}", format!("#{}", n.number), title(&n.title), n.principles.join(" · "))?;
        }
    }
    if !t.principles.is_empty() {
        writeln!(out, "\nPrinciples to practise ({})", t.principles.len())?;
        for p in &t.principles {
            let state = match (p.status, p.mean) {
                (PrincipleState::None, _) => "never practised".to_string(),
                (PrincipleState::Thin, Some(m)) => format!("practised once (mean {m:.2})"),
                (PrincipleState::Weak, Some(m)) => format!("mean {m:.2} over {}", plural(p.attempts, "attempt")),
                _ => String::new(),
            };
            writeln!(out, "  {:<44}  {state}", p.principle)?;
        }
    }
    if t.is_empty() {
        writeln!(out, "\nNothing to drill today: every question you have practised is scheduled later.")?;
    } else {
        writeln!(out, "\nAbout {} minutes. `stardrill drill --due` starts it.", t.minutes)?;
    }
    Ok(())
}

pub fn config_command(args: &ConfigArgs, out: &mut dyn Write) -> CmdResult {
    if args.default {
        write!(out, "{}", config::DEFAULT_TOML)?;
        return Ok(());
    }
    let path = config_path()?;
    match &args.action {
        Some(ConfigAction::Set { key, value }) => {
            config::set(&path, key, value)?;
            writeln!(out, "{key} = {} in {}", visible_line(value.trim()), visible_line(&path.display().to_string()))?;
        }
        Some(ConfigAction::Unset { key }) => {
            config::unset(&path, key)?;
            writeln!(out, "{key} unset in {}", visible_line(&path.display().to_string()))?;
        }
        None => {
            let c = config::load(&path)?;
            let exists = if path.exists() { "" } else { " (not created yet: every value is the default)" };
            writeln!(out, "{}{exists}", visible_line(&path.display().to_string()))?;
            let date = c.interview_date.map_or("not set".to_string(), |d| d.format("%Y-%m-%d").to_string());
            writeln!(out, "interview-date     {date}")?;
            writeln!(out, "desired-retention  {}", c.desired_retention)?;
            writeln!(out, "new-per-day        {}", c.new_per_day)?;
            let probes = c.probes.map_or("1 for one question, 2 for several".to_string(), |n| n.to_string());
            writeln!(out, "probes             {probes}")?;
            let minutes: Vec<String> = crate::bank::Kind::ALL
                .iter()
                .filter_map(|&k| c.minutes_for(k).map(|m| format!("{} {m}", k.key())))
                .collect();
            let minutes = if minutes.is_empty() { "each question's own".to_string() } else { minutes.join(" · ") };
            writeln!(out, "minutes            {minutes}")?;
        }
    }
    Ok(())
}
