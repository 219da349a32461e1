//! Command-line definitions: commands, filters, and help texts with examples.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::bank::level::{MAX_LEVEL, MIN_LEVEL, parse_level};
use crate::bank::{BankChoice, Kind, LevelRange, Principle};
use crate::filter::Filter;
use crate::text::visible_line;

#[derive(Debug, Parser)]
#[command(
    name = "stardrill",
    version,
    // No styling: an error is printed with every control character made visible, and clap's colour
    // codes would be shown as text among them (what was typed must not be stripped or obeyed).
    styles = clap::builder::Styles::plain(),
    about = "Timed mock-interview drills for Amazon Product Manager interviews",
    long_about = "Timed mock-interview drills for Amazon Product Manager interviews.\n\n\
        With no command, opens the question browser in the terminal. Answer out loud against the clock, \
        reveal the model STAR answer a section at a time, score yourself, and watch your scores over time.",
    after_help = "Examples:\n  stardrill                       open the question browser\n  \
        stardrill drill --level L7 --count 3 --order random\n  stardrill list --lp backbone\n  \
        stardrill show 2\n  stardrill stats"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(flatten)]
    pub browser: BrowserArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What only the browser (no command) takes.
#[derive(Debug, Args, Clone, Default)]
pub struct BrowserArgs {
    /// Seed for the browser's `r` random drill, to repeat a run
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
}

/// The environment variables that stand in for `--bank`, `--history` and `--stories`.
pub const BANK_ENV: &str = "STARDRILL_BANK";
pub const HISTORY_ENV: &str = "STARDRILL_HISTORY";
pub const STORIES_ENV: &str = crate::stories::store::STORIES_ENV;

/// `--bank` and `--history`. Their environment variables are read after parsing (`Cli::try_parse_args`),
/// not by clap: clap counts a value from the environment as typed, and its usage lines then show
/// `--history <PATH>` as if it were required.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// Use this bank file or directory of .yaml/.yml files instead of the bundled one (repeatable)
    /// [env: STARDRILL_BANK]
    #[arg(long = "bank", value_name = "PATH", global = true)]
    pub bank: Vec<PathBuf>,
    /// History file (default: <data dir>/stardrill/history.jsonl) [env: STARDRILL_HISTORY]
    #[arg(long, value_name = "PATH", global = true)]
    pub history: Option<PathBuf>,
    /// Add this bank file or directory to the loaded banks (repeatable)
    #[arg(long = "with-bank", value_name = "PATH", global = true)]
    pub with_bank: Vec<PathBuf>,
    /// Leave out banks of your own that have problems (each said on standard error) instead of exiting 1
    #[arg(long, global = true)]
    pub skip_bad_banks: bool,
    /// Your story file (default: <config dir>/stardrill/stories.yaml) [env: STARDRILL_STORIES]
    #[arg(long, value_name = "PATH", global = true)]
    pub stories: Option<PathBuf>,
}

impl Cli {
    /// Parse the command line, then fill `--bank` and `--history` from the environment where they
    /// were not given (an empty variable counts as unset). A refused command line (or `--help`) is
    /// returned for the caller to print: clap's messages repeat what was typed, control characters too.
    pub fn try_parse_args(args: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
        let mut cli = Cli::try_parse_from(args)?;
        cli.global.fill_from(|name| std::env::var_os(name));
        Ok(cli)
    }

    /// `plain_opening`, else `parse_opening`, with `--bank` and `--history` filled from the environment.
    pub fn opening(args: &[std::ffi::OsString]) -> Option<Cli> {
        let mut cli = Cli::plain_opening(args).or_else(|| Cli::parse_opening(args))?;
        cli.global.fill_from(|name| std::env::var_os(name));
        Some(cli)
    }

    /// The two ways the app is opened, no command (the browser) and `drill`, parsed by a command of
    /// only what they take: building clap's whole command (every command's arguments, the global ones
    /// copied into each, then dropping it all) was a third of a millisecond of the first frame. Any
    /// other command line, and any this command refuses (`--help`, `--version`, a mistake), is left
    /// to the whole command (None), so what is printed and what is parsed are the same.
    pub fn parse_opening(args: &[std::ffi::OsString]) -> Option<Cli> {
        use clap::FromArgMatches;
        let mut command = BrowserArgs::augment_args(GlobalArgs::augment_args(clap::Command::new("stardrill")));
        match opening_command(args)? {
            None => {}
            Some("drill") => command = command.subcommand(DrillArgs::augment_args(clap::Command::new("drill"))),
            Some(_) => return None,
        }
        let mut matches = command.try_get_matches_from(args).ok()?;
        Cli::from_arg_matches_mut(&mut matches).ok()
    }
}

impl Cli {
    /// The commonest command lines, read word by word without clap, whose code a start would
    /// otherwise run cold (a fifth of a millisecond; for `list` and the like, building clap's whole
    /// command): no command or `drill` (the app), and `list`, `show KEY` and `principles`, with the
    /// global options, `--seed` (the browser's or the drill's), `drill`'s `--id` and `--quiet`, and the
    /// bank commands' `--json`, each value its own word. Anything else (another option,
    /// `--opt=value`, a value that is empty or starts with `-`, an option given twice that may not be,
    /// text that is not UTF-8) is None and left to `parse_opening` and the whole command; a test holds
    /// that what this takes, the whole command parses the same.
    pub fn plain_opening(args: &[std::ffi::OsString]) -> Option<Cli> {
        fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
            slot.is_none().then(|| *slot = Some(value))
        }
        fn flag(slot: &mut bool) -> Option<()> {
            (!*slot).then(|| *slot = true)
        }
        /// A repeatable global option's value, given before the command word or after it (`after`):
        /// clap keeps one level's values, not both, so values at both levels are left to it.
        fn push(list: &mut Vec<PathBuf>, level: &mut Option<bool>, after: bool, value: &str) -> Option<()> {
            (*level.get_or_insert(after) == after).then(|| list.push(value.into()))
        }
        let (mut bank_level, mut with_bank_level) = (None, None);
        let mut global = GlobalArgs::default();
        let mut browser = BrowserArgs::default();
        let mut command: Option<Command> = None;
        let mut words = args.iter().skip(1);
        while let Some(word) = words.next() {
            let word = word.to_str()?;
            let mut value = || {
                let value = words.next()?.to_str()?;
                (!value.is_empty() && !value.starts_with('-')).then_some(value)
            };
            let after = command.is_some();
            match (word, &mut command) {
                ("--bank", _) => push(&mut global.bank, &mut bank_level, after, value()?)?,
                ("--with-bank", _) => push(&mut global.with_bank, &mut with_bank_level, after, value()?)?,
                ("--history", _) => once(&mut global.history, value()?.into())?,
                ("--stories", _) => once(&mut global.stories, value()?.into())?,
                ("--skip-bad-banks", _) => flag(&mut global.skip_bad_banks)?,
                ("--seed", None | Some(Command::Drill(_))) => {
                    let seed = value().filter(|v| v.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()?;
                    let slot = match &mut command {
                        Some(Command::Drill(drill)) => &mut drill.seed,
                        _ => &mut browser.seed,
                    };
                    once(slot, seed)?;
                }
                ("--id", Some(Command::Drill(drill))) => drill.ids.push(value()?.to_string()),
                ("--quiet", Some(Command::Drill(drill))) => flag(&mut drill.quiet)?,
                (
                    "--json",
                    Some(Command::List { json, .. } | Command::Show { json, .. } | Command::Principles { json }),
                ) => flag(json)?,
                // `show`'s question: its one word that is not an option.
                (key, Some(Command::Show { question, .. }))
                    if question.is_empty() && !key.is_empty() && !key.starts_with('-') =>
                {
                    key.clone_into(question);
                }
                ("drill", None) => command = Some(Command::Drill(DrillArgs::default())),
                ("list", None) => command = Some(Command::List { filter: FilterArgs::default(), json: false }),
                ("show", None) => command = Some(Command::Show { question: String::new(), json: false }),
                ("principles", None) => command = Some(Command::Principles { json: false }),
                _ => return None,
            }
        }
        if matches!(&command, Some(Command::Show { question, .. }) if question.is_empty()) {
            return None;
        }
        Some(Cli { global, browser, command })
    }
}

/// The command word of a command line (None: none), skipping the global options and their values;
/// None at the outer level when that cannot be told this simply (a short option, `--`, text that is
/// not UTF-8).
fn opening_command(args: &[std::ffi::OsString]) -> Option<Option<&str>> {
    const WITH_VALUE: [&str; 5] = ["--bank", "--history", "--with-bank", "--stories", "--seed"];
    let mut words = args.iter().skip(1);
    while let Some(word) = words.next() {
        let word = word.to_str()?;
        if word == "--" || (word.starts_with('-') && !word.starts_with("--")) {
            return None;
        }
        if !word.starts_with("--") {
            return Some(Some(word));
        }
        if WITH_VALUE.contains(&word) {
            words.next()?;
        }
    }
    Some(None)
}

impl GlobalArgs {
    /// Take `STARDRILL_BANK` and `STARDRILL_HISTORY` from `env` when the flags are absent.
    pub fn fill_from(&mut self, env: impl Fn(&str) -> Option<std::ffi::OsString>) {
        let set = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        if self.bank.is_empty()
            && let Some(bank) = set(BANK_ENV)
        {
            self.bank.push(bank);
        }
        if self.history.is_none() {
            self.history = set(HISTORY_ENV);
        }
        if self.stories.is_none() {
            self.stories = set(STORIES_ENV);
        }
    }

    pub fn bank_choice(&self) -> BankChoice {
        BankChoice { paths: self.bank.clone(), with: self.with_bank.clone(), user_dir: crate::bank::user_banks_dir() }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List questions, filtered
    #[command(after_help = "Examples:\n  stardrill list\n  stardrill list --level L7\n  \
        stardrill list --lp backbone --lp \"earn trust\"\n  stardrill list --kind behavioral --json")]
    List {
        #[command(flatten)]
        filter: FilterArgs,
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Show one question with its full model answer
    #[command(after_help = "Examples:\n  stardrill show 1\n  stardrill show stakeholder-alignment-at-scale\n  \
        stardrill show 7 --json")]
    Show {
        /// Question number (1-10, 101-149, or one of your own banks) or id
        #[arg(value_name = "ID|NUMBER")]
        question: String,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Check bank files and report every problem found
    #[command(after_help = "Examples:\n  stardrill validate questions/amazon-pm.yaml\n  stardrill validate my-banks/")]
    Validate {
        /// Bank files or directories
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// The 16 Leadership Principles and how many questions cover each
    #[command(after_help = "Examples:\n  stardrill principles\n  stardrill principles --json")]
    Principles {
        /// Print a JSON array (name, slug, questions) instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Start a timed drill straight away
    #[command(
        after_help = "Examples:\n  stardrill drill --id 1\n  stardrill drill --level L6 --count 3 --order random\n  \
        stardrill drill --lp ownership --time 2m30s\n  stardrill drill --id 1 --id 5 --seed 42 --order random"
    )]
    Drill(DrillArgs),
    /// Your saved scores, newest first
    #[command(
        after_help = "Examples:\n  stardrill history\n  stardrill history --since 2026-11-01 --csv > scores.csv\n  \
        stardrill history --question 3 --json\n  stardrill history drop 3fa2c1d9\n  \
        stardrill history amend 3fa2c1d9 --scores 4,3,4,2 --note \"better\"\n  stardrill history --raw"
    )]
    History(HistoryArgs),
    /// Progress: means, trend, STAR parts, principles, weakest questions
    #[command(
        after_help = "Examples:\n  stardrill stats\n  stardrill stats --level L7 --since 2026-11-01\n  stardrill stats --json"
    )]
    Stats(StatsArgs),
    /// What to practise today: what is due, what is new, which principles need practice
    #[command(
        long_about = "What to practise today, toward your interview date (`stardrill config set interview-date \
            2026-12-10`): the questions due for review (a spaced-repetition schedule derived from your history, \
            least likely recalled first), new questions to see, principles practised fewer than twice or with a \
            mean below 3, and about how long it takes. Nothing is stored: the plan is computed from your history \
            each time.",
        after_help = "Examples:\n  stardrill today\n  stardrill today --as-of 2026-12-08 --json\n  stardrill drill --due"
    )]
    Today(TodayArgs),
    /// Insights on an answer you typed or transcribed: words, speaking time, I vs we, numbers, fillers,
    /// STAR cues, a learning, the model answer's key terms
    #[command(
        after_help = "Examples:\n  stardrill insights answer.txt\n  stardrill insights --question 1 answer.txt --json\n  \
        pbpaste | stardrill insights --question 5 -"
    )]
    Insights(InsightsArgs),
    /// The configuration file: where it is and what it says, its commented default, or set a key
    #[command(
        after_help = "Examples:\n  stardrill config\n  stardrill config --default > ~/.config/stardrill/config.toml\n  \
        stardrill config set interview-date 2026-12-10\n  stardrill config unset interview-date"
    )]
    Config(ConfigArgs),
    /// Your own STAR+L stories, mapped to the Leadership Principles
    #[command(
        subcommand,
        long_about = "Your own STAR+L stories, mapped to the Leadership Principles.\n\n\
            The story file is YAML: --stories PATH, else STARDRILL_STORIES, else \
            <config dir>/stardrill/stories.yaml. stardrill only ever appends to it (`story new`); every other \
            change is yours, in your editor ($VISUAL, else $EDITOR).",
        after_help = "Examples:\n  stardrill story new --title \"The checkout outage\" --lp ownership --lp \"dive deep\"\n  \
            stardrill story list --lp backbone\n  stardrill story show checkout-outage\n  stardrill story coverage\n  \
            stardrill story validate"
    )]
    Story(StoryCommand),
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell
    #[command(
        long_about = "Print a shell completion script to standard output. It completes commands, flags, the 16 \
            principle slugs for --lp, the kinds for --kind, and question numbers and ids (those of the bank loaded \
            when the script is made: --bank PATH before `completions` adds yours). The elvish and powershell \
            scripts complete commands and flags only.",
        after_help = "Examples:\n  source <(stardrill completions bash)            # bash, this shell\n  \
            stardrill completions bash > ~/.local/share/bash-completion/completions/stardrill\n  \
            stardrill completions zsh > ~/.zfunc/_stardrill          # with fpath+=(~/.zfunc) before compinit\n  \
            stardrill completions fish > ~/.config/fish/completions/stardrill.fish"
    )]
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// A study pack to read on paper: questions, model answers, your stories and last scores
    #[command(
        long_about = "A study pack in Markdown (or JSON): a table of contents, then each selected question with \
            its prompt, principles and model answer by STAR part, as the bank writes it. --with-stories adds your \
            stories for its principles, --with-history its last scores and notes. Every text is escaped, so a note \
            cannot break the document.",
        after_help = "Examples:\n  stardrill export -o pack.md\n  \
            stardrill export --level L7 --with-stories --with-history -o l7.md\n  \
            stardrill export --lp ownership --json > ownership.json\n  stardrill export --id 3 --id 5 | pandoc -o pack.pdf"
    )]
    Export(ExportArgs),
    /// Print the manual page (roff) to standard output
    #[command(after_help = "Examples:\n  stardrill man | man -l -\n  \
        stardrill man > ~/.local/share/man/man1/stardrill.1")]
    Man,
}

/// `stardrill story …`.
#[derive(Debug, Subcommand)]
pub enum StoryCommand {
    /// Add a story: append a template to the story file and open it in your editor
    #[command(after_help = "Examples:\n  stardrill story new\n  \
        stardrill story new --title \"The checkout outage\" --lp ownership --lp \"dive deep\"\n  \
        stardrill story new --title \"Pricing call\" --no-edit")]
    New {
        /// The story's title; its id is made from it (default: "New story")
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
        /// A Leadership Principle the story shows (repeatable; default: the one with the fewest stories)
        #[arg(long = "lp", value_name = "PRINCIPLE", value_parser = parse_principle)]
        lp: Vec<Principle>,
        /// Only append the template; do not open an editor
        #[arg(long)]
        no_edit: bool,
    },
    /// List your stories with their principles
    #[command(after_help = "Examples:\n  stardrill story list\n  stardrill story list --lp ownership --json")]
    List {
        /// Keep stories showing this Leadership Principle (repeatable: any of them)
        #[arg(long = "lp", value_name = "PRINCIPLE", value_parser = parse_principle)]
        lp: Vec<Principle>,
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Show one story in full
    #[command(
        after_help = "Examples:\n  stardrill story show checkout-outage\n  stardrill story show checkout-outage --json"
    )]
    Show {
        /// The story's id
        id: String,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Open the story file in your editor at a story (or at the file's first problem), then check it
    #[command(after_help = "Examples:\n  stardrill story edit checkout-outage\n  stardrill story edit")]
    Edit {
        /// The story's id (default: the file's first problem, or its top)
        id: Option<String>,
    },
    /// Check a story file and report every problem found
    #[command(after_help = "Examples:\n  stardrill story validate\n  stardrill story validate drafts/stories.yaml")]
    Validate {
        /// The story file (default: yours)
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
    },
    /// Which principles your stories cover: gap (none), thin (one), ok (two or more)
    #[command(after_help = "Examples:\n  stardrill story coverage\n  stardrill story coverage --json")]
    Coverage {
        /// Print JSON: {"principles":[{"principle","stories","status"}],"stretched":[ids]}
        #[arg(long)]
        json: bool,
    },
}

/// Question filters shared by every command. The same flag repeated ORs; different flags AND.
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// Keep questions for this level or range of levels: L5, l6, 7, 5-6, L5-L7 or L6+
    #[arg(long, value_name = "LEVEL", value_parser = parse_level_range)]
    pub level: Vec<LevelRange>,
    /// Keep questions probing this Leadership Principle: a name, slug or whole word ("earn", "backbone")
    #[arg(long = "lp", value_name = "PRINCIPLE", value_parser = parse_principle)]
    pub lp: Vec<Principle>,
    /// Keep questions whose category contains this text
    #[arg(long, value_name = "TEXT")]
    pub category: Vec<String>,
    /// Keep questions of this kind: behavioral, product-strategy or technical (aliases: behavioural,
    /// strategy, product, tech)
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    pub kind: Vec<Kind>,
    /// Keep questions whose title, prompt or answer contains this text
    #[arg(long, value_name = "TEXT")]
    pub search: Vec<String>,
    /// Keep questions of this bank (its name: amazon-pm, amazon-lp, or your own; see `list`)
    #[arg(long = "from", value_name = "BANK")]
    pub from: Vec<String>,
}

impl FilterArgs {
    pub fn to_filter(&self) -> Filter {
        let mut levels: Vec<u8> = self.level.iter().flat_map(|r| r.levels()).collect();
        levels.sort_unstable();
        levels.dedup();
        Filter {
            levels,
            principles: self.lp.clone(),
            categories: self.category.iter().map(|c| c.to_lowercase()).collect(),
            kinds: self.kind.clone(),
            texts: self.search.iter().map(|t| crate::text::fold(t)).collect(),
            banks: self.from.clone(),
        }
    }
}

fn parse_principle(text: &str) -> Result<Principle, String> {
    Principle::lookup(text).map_err(|e| e.to_string())
}

/// `--level`: one level (`L5`, `6`) or a range (`5-6`, `L5-L7`, `L6+`); a question matches when its own
/// range shares a level with it.
fn parse_level_range(text: &str) -> Result<LevelRange, String> {
    parse_level(text).map(|l| LevelRange { low: l, high: l }).or_else(|_| {
        LevelRange::parse(text).map_err(|_| {
            format!(
                "bad level \"{}\": expected a level from L{MIN_LEVEL} to L{MAX_LEVEL} or a range, such as L5, 6, \
                 5-6, L5-L7 or L6+",
                visible_line(text)
            )
        })
    })
}

/// `--kind`: the one name of a kind, or an alias.
fn parse_kind(text: &str) -> Result<Kind, String> {
    Kind::parse(text).ok_or_else(|| {
        let names: Vec<String> =
            Kind::ALL.iter().map(|k| format!("{} (or {})", k.key(), k.aliases()[..2].join(", "))).collect();
        format!("unknown kind \"{}\": expected {}", visible_line(text), names.join("; "))
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Order {
    /// In bank order (by number)
    #[default]
    Bank,
    /// Shuffled (reproducible with --seed)
    Random,
    /// Least likely to be recalled today first (from your history); never practised last
    Due,
    /// Lowest mean of the latest attempts first; never practised last
    Weakest,
    /// Never practised first, then the least practised
    New,
}

#[derive(Debug, Args, Clone, Default)]
pub struct DrillArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Drill this question (number or id; repeatable)
    #[arg(long = "id", value_name = "ID|NUMBER")]
    pub ids: Vec<String>,
    /// How many questions (the first N after ordering; default: all chosen)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub count: Option<u32>,
    /// Answer time for every question, overriding the bank: 90s, 3m, 2m30s
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub time: Option<Duration>,
    /// Question order
    #[arg(long, value_enum, default_value_t)]
    pub order: Order,
    /// Seed for --order random, to repeat a drill
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// No terminal bell when time runs out
    #[arg(long)]
    pub quiet: bool,
    /// Follow-up probes after each answer (default: 1 for a single question, 2 for several; 0: none)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=20))]
    pub probes: Option<u32>,
    /// Time for each follow-up probe: 45s, 1m, 1m30s (default: 60s)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub probe_time: Option<Duration>,
    /// Drill today's plan (`stardrill today`): what is due, then what is new
    #[arg(long, conflicts_with_all = ["ids", "cram"])]
    pub due: bool,
    /// Drill the weakest questions you have practised (5, or --count), whatever their schedule
    #[arg(long, conflicts_with = "ids")]
    pub cram: bool,
}

#[derive(Debug, Args, Clone, Default)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Only this question (number or id; repeatable)
    #[arg(long = "id", value_name = "ID|NUMBER")]
    pub ids: Vec<String>,
    /// Markdown (the default)
    #[arg(long, conflicts_with = "json")]
    pub md: bool,
    /// JSON: each question as `show --json` gives it, with `stories` and `history` when asked for
    #[arg(long)]
    pub json: bool,
    /// Add your last scores and notes for each question
    #[arg(long)]
    pub with_history: bool,
    /// Add your stories for each question's principles
    #[arg(long)]
    pub with_stories: bool,
    /// Write to this file instead of standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args, Clone, Default)]
pub struct InsightsArgs {
    /// The text: a file, or - for standard input
    #[arg(value_name = "FILE|-", default_value = "-")]
    pub file: PathBuf,
    /// The question it answers (number or id): adds its time limit and its model answer's key terms
    #[arg(long, value_name = "ID|NUMBER")]
    pub question: Option<String>,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args, Clone, Default)]
pub struct TodayArgs {
    /// Plan as if today were this date (YYYY-MM-DD); nothing is saved
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
    /// At most N due and N new questions
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args, Clone, Default)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub action: Option<ConfigAction>,
    /// Print the commented default file
    #[arg(long)]
    pub default: bool,
}

#[derive(Debug, Subcommand, Clone)]
pub enum ConfigAction {
    /// Set a key, keeping the file's comments: interview-date, desired-retention, new-per-day
    Set {
        #[arg(value_name = "KEY")]
        key: String,
        #[arg(value_name = "VALUE")]
        value: String,
    },
    /// Remove a key (it takes its default)
    Unset {
        #[arg(value_name = "KEY")]
        key: String,
    },
}

#[derive(Debug, Args, Clone, Default)]
#[command(args_conflicts_with_subcommands = true)]
pub struct HistoryArgs {
    /// Correct an attempt: drop it or amend it (one line is appended; nothing is rewritten)
    #[command(subcommand)]
    pub action: Option<HistoryAction>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Everything as saved: dropped and amended attempts as first written, and the corrections
    #[arg(long)]
    pub raw: bool,
    /// Only records on or after this local date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<chrono::NaiveDate>,
    /// Only records on or before this local date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<chrono::NaiveDate>,
    /// Only this question (number or id)
    #[arg(long, value_name = "ID|NUMBER")]
    pub question: Option<String>,
    /// Print a JSON array
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV (RFC 4180) with a header row
    #[arg(long)]
    pub csv: bool,
}

/// `stardrill history drop|amend`.
#[derive(Debug, Subcommand, Clone)]
pub enum HistoryAction {
    /// Drop an attempt: it stops counting in history, stats, today and exports (`history --raw` still
    /// shows it)
    #[command(after_help = "Examples:\n  stardrill history             # the ID column names each attempt\n  \
        stardrill history drop 3fa2c1d9")]
    Drop {
        /// The attempt's id, or its first 4 or more characters (the ID column of `stardrill history`)
        #[arg(value_name = "ATTEMPT")]
        attempt: String,
    },
    /// Amend an attempt's scores and/or note (the overall follows the scores)
    #[command(
        group(clap::ArgGroup::new("change").args(["scores", "note"]).required(true).multiple(true)),
        after_help = "Examples:\n  stardrill history amend 3fa2c1d9 --scores 4,3,4,2\n  \
        stardrill history amend 3fa2c1d9 --note \"forgot the metrics\""
    )]
    Amend {
        /// The attempt's id, or its first 4 or more characters (the ID column of `stardrill history`)
        #[arg(value_name = "ATTEMPT")]
        attempt: String,
        /// The S, T, A and R scores, each 1-5: 4,3,4,2
        #[arg(long, value_name = "S,T,A,R", value_parser = crate::history::correction::parse_scores)]
        scores: Option<crate::history::Scores>,
        /// The new note (replaces the old one; "" clears it)
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
}

#[derive(Debug, Args, Clone, Default)]
pub struct StatsArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Only records on or after this local date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<chrono::NaiveDate>,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

/// `90s`, `3m`, `2m30s`, `1h`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let bad = || format!("bad duration \"{}\": expected a time such as 90s, 3m or 2m30s", visible_line(text));
    let t = text.trim().to_lowercase();
    if t.is_empty() {
        return Err(bad());
    }
    let mut total = 0u64;
    let mut digits = String::new();
    for c in t.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return Err(bad()),
        };
        let n: u64 = digits.parse().map_err(|_| bad())?;
        total = total.checked_add(n.checked_mul(unit).ok_or_else(bad)?).ok_or_else(bad)?;
        digits.clear();
    }
    if !digits.is_empty() || total == 0 {
        return Err(bad());
    }
    if total > 24 * 3600 {
        return Err(format!("bad duration \"{}\": at most 24h", visible_line(text)));
    }
    Ok(Duration::from_secs(total))
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("bad date \"{}\": expected YYYY-MM-DD, such as 2026-11-26", visible_line(text)))
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("3m"), Ok(Duration::from_secs(180)));
        assert_eq!(parse_duration("2m30s"), Ok(Duration::from_secs(150)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        for bad in ["", "90", "3x", "m", "0s", "2m30"] {
            assert!(parse_duration(bad).unwrap_err().contains("expected a time such as 90s"), "{bad}");
        }
    }

    #[test]
    fn levels_and_ranges() {
        let filter = |args: &[&str]| {
            let mut all = vec!["stardrill", "list"];
            all.extend_from_slice(args);
            match Cli::try_parse_from(all).unwrap().command {
                Some(Command::List { filter, .. }) => filter.to_filter(),
                _ => unreachable!(),
            }
        };
        assert_eq!(filter(&["--level", "L6"]).levels, [6]);
        assert_eq!(filter(&["--level", "5-6"]).levels, [5, 6]);
        assert_eq!(filter(&["--level", "L5-L7", "--level", "l7"]).levels, [5, 6, 7]);
        assert_eq!(filter(&["--level", "L11+"]).levels, [11, 12]);
        assert_eq!(
            filter(&["--kind", "strategy", "--kind", "behavioural"]).kinds,
            [Kind::ProductStrategy, Kind::Behavioral]
        );
        let e = Cli::try_parse_from(["stardrill", "list", "--level", "7-5"]).unwrap_err().to_string();
        assert!(e.contains("such as L5, 6, 5-6, L5-L7 or L6+"), "{e}");
        let e = Cli::try_parse_from(["stardrill", "list", "--kind", "design"]).unwrap_err().to_string();
        assert!(
            e.contains("expected behavioral (or behavioural, behavior); product-strategy (or strategy, product)"),
            "{e}"
        );
    }

    #[test]
    fn value_errors_quote_what_was_typed_visibly() {
        let typed = "\x1b[2Jx";
        for flag in ["--level", "--kind", "--lp"] {
            let e = Cli::try_parse_from(["stardrill", "list", flag, typed]).unwrap_err();
            let source = e.source().map(ToString::to_string).unwrap_or_default();
            assert!(source.contains("^[[2Jx") && !source.contains('\x1b'), "{flag}: {source:?}");
        }
        for (args, parser) in [
            (&["drill", "--time"][..], "duration"),
            (&["history", "--since"][..], "date"),
            (&["stats", "--since"][..], "date"),
        ] {
            let mut all = vec!["stardrill"];
            all.extend_from_slice(args);
            all.push(typed);
            let e = Cli::try_parse_from(all).unwrap_err();
            let source = e.source().map(ToString::to_string).unwrap_or_default();
            assert!(source.contains(&format!("bad {parser} \"^[[2Jx\"")), "{args:?}: {source:?}");
        }
    }

    #[test]
    fn environment_fills_only_what_was_not_given() {
        let env = |name: &str| match name {
            "STARDRILL_HISTORY" => Some("/env/history.jsonl".into()),
            "STARDRILL_BANK" => Some("".into()),
            "STARDRILL_STORIES" => Some("/env/stories.yaml".into()),
            _ => None,
        };
        let mut cli = Cli::try_parse_from(["stardrill", "list"]).unwrap();
        cli.global.fill_from(env);
        assert_eq!(cli.global.history, Some(PathBuf::from("/env/history.jsonl")));
        assert!(cli.global.bank.is_empty(), "an empty variable is unset");
        let mut cli = Cli::try_parse_from(["stardrill", "--history", "/flag.jsonl", "list"]).unwrap();
        cli.global.fill_from(env);
        assert_eq!(cli.global.history, Some(PathBuf::from("/flag.jsonl")), "the flag wins");
        assert_eq!(cli.global.stories, Some(PathBuf::from("/env/stories.yaml")));
        let mut cli = Cli::try_parse_from(["stardrill", "story", "list", "--stories", "/flag.yaml"]).unwrap();
        cli.global.fill_from(env);
        assert_eq!(cli.global.stories, Some(PathBuf::from("/flag.yaml")), "the flag wins");
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    /// The opening parse against the whole command: the same `Cli`, or nothing (the whole command
    /// parses it).
    fn opening_agrees(args: &[&str]) -> bool {
        let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
        let (plain, opening) = (Cli::plain_opening(&args), Cli::parse_opening(&args));
        for taken in [&plain, &opening].into_iter().flatten() {
            let whole = Cli::try_parse_from(&args).expect("what a quick reading takes, the whole command takes");
            assert_eq!(format!("{taken:?}"), format!("{whole:?}"), "{args:?}");
        }
        plain.is_some() || opening.is_some()
    }

    #[test]
    fn the_commonest_openings_are_read_without_clap() {
        for args in [
            &["stardrill"][..],
            &["stardrill", "--history", "h.jsonl"],
            &["stardrill", "--seed", "007", "--bank", "a", "--bank", "b", "--skip-bad-banks"],
            &["stardrill", "--stories", "s.yaml", "drill", "--id", "1", "--id", "two", "--seed", "3", "--quiet"],
            &["stardrill", "drill", "--with-bank", "w", "--history", "h"],
            &["stardrill", "list"],
            &["stardrill", "--seed", "2", "list", "--json", "--bank", "b"],
            &["stardrill", "show", "1"],
            &["stardrill", "show", "drill", "--json"],
            &["stardrill", "principles", "--history", "h", "--json"],
            &["stardrill", "--bank", "a", "--bank", "b", "list", "--with-bank", "w", "--with-bank", "v"],
            &["stardrill", "drill", "--bank", "a", "--id", "1", "--bank", "b"],
        ] {
            let plain: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
            assert!(Cli::plain_opening(&plain).is_some(), "{args:?}");
            assert!(opening_agrees(args));
        }
        // Left to clap: it says what is wrong, or takes what this does not read.
        for args in [
            &["stardrill", "--history", "h", "--history", "i"][..],
            &["stardrill", "--history", "-h"],
            &["stardrill", "--history", ""],
            &["stardrill", "--history=h"],
            &["stardrill", "--seed", "+3"],
            &["stardrill", "--seed", "18446744073709551616"],
            &["stardrill", "--id", "1"],
            &["stardrill", "drill", "drill"],
            &["stardrill", "drill", "--quiet", "--quiet"],
            &["stardrill", "--skip-bad-banks", "--skip-bad-banks"],
            &["stardrill", "drill", "--seed", "1", "--seed", "2"],
            &["stardrill", "drill", "--level", "L6"],
            &["stardrill", "list", "--level", "L6"],
            &["stardrill", "show"],
            &["stardrill", "show", "1", "2"],
            &["stardrill", "show", "--json"],
            &["stardrill", "list", "--seed", "1"],
            &["stardrill", "--json", "list"],
            &["stardrill", "list", "--json", "--json"],
            &["stardrill", "principles", "--id", "1"],
            &["stardrill", "stats"],
            // clap keeps one level's values of a repeatable global option, and an empty `show` key is
            // a value it takes (then refuses the word after it).
            &["stardrill", "--bank", "a", "drill", "--bank", "b"],
            &["stardrill", "--with-bank", "a", "list", "--with-bank", "b"],
            &["stardrill", "show", "", "1"],
        ] {
            let plain: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
            assert!(Cli::plain_opening(&plain).is_none(), "{args:?}");
        }
    }

    #[test]
    fn the_browser_and_drill_are_parsed_as_the_whole_command_parses_them() {
        for args in [
            &["stardrill"][..],
            &["stardrill", "--history", "h.jsonl", "--seed", "7"],
            &["stardrill", "--history=h.jsonl", "--bank", "a", "--with-bank", "b", "--skip-bad-banks"],
            &["stardrill", "drill", "--id", "1", "--history", "h.jsonl"],
            &["stardrill", "--stories", "s.yaml", "drill", "--level", "L6", "--count", "3", "--order", "random"],
            &["stardrill", "drill", "--lp", "ownership", "--time", "2m30s", "--probes", "2", "--due"],
        ] {
            assert!(opening_agrees(args), "{args:?} is parsed by the opening command");
        }
        // Everything else goes to the whole command, which prints help, versions and mistakes.
        for args in [
            &["stardrill", "--help"][..],
            &["stardrill", "-h"],
            &["stardrill", "--version"],
            &["stardrill", "stats"],
            &["stardrill", "drill", "--help"],
            &["stardrill", "drill", "--id"],
            &["stardrill", "drill", "--nope"],
            &["stardrill", "--seed", "x"],
            &["stardrill", "--", "drill"],
            &["stardrill", "drll"],
            &["stardrill", "--history"],
        ] {
            assert!(!opening_agrees(args), "{args:?} is left to the whole command");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1500))]

        /// Any command line the opening command takes, the whole command takes the same way.
        #[test]
        fn the_opening_parse_never_differs_from_the_whole_command(
            words in proptest::collection::vec(proptest::sample::select(&[
                "drill", "list", "--id", "1", "x", "--history", "--history=h", "h", "--seed", "7", "--bank",
                "--with-bank", "--stories", "--skip-bad-banks", "--count", "3", "--order", "random", "--due",
                "--time", "90s", "-h", "--", "--quiet", "--level", "L6", "--lp", "ownership", "--probes",
                "", "-x", "+5",
            ][..]), 0..10)
        ) {
            let mut args = vec!["stardrill"];
            args.extend(words);
            opening_agrees(&args);
        }

        /// The same over the words the plain reading takes, so that most lines are read by it.
        #[test]
        fn the_plain_reading_never_differs_from_the_whole_command(
            words in proptest::collection::vec(proptest::sample::select(&[
                "drill", "--id", "1", "x", "--history", "h", "--seed", "7", "--bank", "--with-bank", "--stories",
                "--skip-bad-banks", "--quiet", "list", "show", "principles", "--json", "",
            ][..]), 0..12)
        ) {
            let mut args = vec!["stardrill"];
            args.extend(words);
            opening_agrees(&args);
        }
    }
}
