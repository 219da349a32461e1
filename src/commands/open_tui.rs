//! Opening the terminal app: the browser (no command) or straight into a drill (`stardrill drill`).

use std::io::IsTerminal;

use super::plan_commands;
use super::{CmdResult, Failure};
use crate::bank::Bank;
use crate::cli::{DrillArgs, GlobalArgs, Order};
use crate::clock::Now;
use crate::clock::Zone;
use crate::drill::plan::{Ordering, Plan};
use crate::history::store;
use crate::schedule;
use crate::tui::{self, App, AppConfig, Exit};

/// How many questions `r` in the browser drills when `--count` is not given.
pub const DEFAULT_RANDOM_COUNT: usize = 3;

pub fn open(global: &GlobalArgs, drill: Option<&DrillArgs>) -> CmdResult {
    open_seeded(global, drill, None)
}

/// Like `open`; `seed` (from `stardrill --seed N`) makes the browser's `r` repeatable when the drill
/// arguments carry none.
pub fn open_seeded(global: &GlobalArgs, drill: Option<&DrillArgs>, seed: Option<u64>) -> CmdResult {
    // A config file with a problem is said before the app starts, with its place.
    let (_, plan_config) = plan_commands::load_config()?;
    // A bank of one's own with problems is left out; the app says so and drills the rest. (The bundled
    // banks read in a fraction of a millisecond, on this thread: a thread to read them while the
    // terminal is set up cost a two-core machine's first frame more than it saved.)
    let loaded = global.bank_choice().load_lenient()?;
    let (mut bank, left_out) = (loaded.bank, loaded.left_out);
    plan_config.apply_minutes(&mut bank);
    let questions = match drill {
        Some(args) => {
            let bank = &mut bank;
            super::known_banks(bank, &args.filter.to_filter())?;
            // A question that does not exist is a mistake on the command line (exit 2), said before
            // anything else.
            for key in &args.ids {
                bank.lookup(key)?;
            }
            let filter = args.filter.to_filter();
            if args.ids.is_empty() && !filter.is_empty() && filter.apply(&bank.questions).is_empty() {
                return Err(Failure::data(format!(
                    "no questions match {} (0 of {}); see `stardrill list` for what there is",
                    filter.describe(),
                    crate::format::plural(bank.questions.len(), "question")
                )));
            }
            Some(plan(global, bank, &plan_config, args)?.choose(bank).map_err(Failure::data)?)
        }
        None => None,
    };
    // Nothing is created on disk for a run that cannot show anything.
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure::data(
            "stardrill's drills run in a terminal, and this is not one. To read questions without a terminal use \
             `stardrill list` or `stardrill show <ID|NUMBER>`.",
        ));
    }
    // Before any question is shown: can scores be saved? (Nothing is created until the first save.)
    let history_path = store::resolve_path(global.history.as_deref()).map_err(Failure::data)?;
    store::check_writable(&history_path).map_err(|e| {
        Failure::data(format!("{e}\nstardrill saves every score there; pass --history PATH to use another file"))
    })?;
    // Problems with the file itself are said before the app starts; its records are read while the
    // first frame is drawn.
    store::check_readable(&history_path).map_err(|e| Failure::data(e.to_string()))?;
    let drill_args = drill.cloned().unwrap_or_default();
    let config = AppConfig {
        history_path: history_path.clone(),
        random_count: drill_args.count.map_or(DEFAULT_RANDOM_COUNT, |c| c as usize),
        quiet: drill_args.quiet,
        zone: crate::clock::Zone::Local,
        seed: drill_args.seed.or(seed),
        plan: plan_config.plan_settings(None),
        // The UTC date, until the loop gives the local one with the history (reading the local time
        // zone's file here would hold up the first frame); nothing uses the date before then.
        today: chrono::Utc::now().date_naive(),
    };
    let stories_path = crate::stories::store::resolve_path(global.stories.as_deref());
    let make_app = move || -> (App, tui::AfterFirstFrame) {
        let bank = std::sync::Arc::new(bank);
        let known = std::sync::Arc::clone(&bank);
        let mut app = App::new(bank, config, Vec::new());
        app.probes = crate::drill::probes::ProbeSettings {
            count: drill_args.probes.map(|n| n as usize).or(plan_config.probes),
            time: drill_args.probe_time.unwrap_or(crate::drill::probes::DEFAULT_PROBE_TIME),
        };
        // The story file is read on a thread of its own once the first frame is drawn, so the frame
        // never waits for it or competes with it; one with problems never blocks drilling: the app says
        // what is wrong and has no stories.
        let mut later: tui::AfterFirstFrame = Vec::new();
        match stories_path {
            Ok(path) => {
                let (sender, pending) = crate::stories::PendingShelf::channel();
                app.set_stories_pending(pending);
                later.push(Box::new(move |nudge| {
                    crate::stories::PendingShelf::read_into(path, known, sender, move || nudge.wake());
                }));
            }
            Err(e) => app.set_stories(crate::stories::Shelf { problems: Some(e), ..Default::default() }),
        }
        if let Some(e) = &left_out {
            let first = e.problems.first().map(ToString::to_string).unwrap_or_default();
            app.set_status(format!("{}. First: {first}", super::left_out_summary(e)), true);
        }
        if let Some(questions) = questions {
            // `--time` is for this drill; drills started later from the browser use each question's time.
            app.start_drill(questions, drill_args.time, Now::read());
        }
        (app, later)
    };
    let shown = history_path.display();
    match tui::run(make_app, Some((history_path.clone(), crate::clock::Zone::Local))) {
        Ok(Exit::Quit) => Ok(()),
        Ok(Exit::Signal(s)) => Err(Failure {
            code: u8::try_from(128 + s.number).unwrap_or(1),
            message: format!("stopped by {}; saved scores are kept in {shown}", s.name),
        }),
        Ok(Exit::HangUp) => Err(Failure {
            code: u8::try_from(tui::runtime::HANGUP_EXIT).unwrap_or(1),
            message: format!("{}; see {shown}", tui::runtime::HANGUP_MESSAGE),
        }),
        Err(e) => Err(Failure::data(format!("terminal error: {e}"))),
    }
}

/// Which questions `drill` asks, in which order: `--due` and `--cram`, and the orders by history, read
/// the history file (and the config) first.
pub fn plan(
    global: &GlobalArgs,
    bank: &Bank,
    config: &crate::config::Config,
    args: &DrillArgs,
) -> Result<Plan, Failure> {
    let mut plan = Plan {
        ids: args.ids.clone(),
        filter: args.filter.to_filter(),
        ordering: Ordering::Bank,
        count: args.count.map(|c| c as usize),
    };
    let today = chrono::Local::now().date_naive();
    let rank = match args.order {
        Order::Bank => None,
        Order::Random => {
            plan.ordering = Ordering::Random { seed: args.seed };
            None
        }
        Order::Due => Some(schedule::Rank::Due),
        Order::Weakest => Some(schedule::Rank::Weakest),
        Order::New => Some(schedule::Rank::New),
    };
    if args.due {
        let t = plan_commands::plan(global, bank, config, None, None)?;
        if t.is_empty() {
            return Err(Failure::data(
                "nothing to drill today: every question you have practised is scheduled later and none is new; \
                 see `stardrill today`, or drill with --order due",
            ));
        }
        plan.ids = t.question_ids();
    } else if args.cram || rank.is_some() {
        let log = plan_commands::review_log(global, Zone::Local)?;
        let ranked =
            schedule::ranking(bank, &log, config.desired_retention, today, rank.unwrap_or(schedule::Rank::Weakest));
        if args.cram {
            plan.ids = ranked.into_iter().filter(|id| !log.reviews(id).is_empty()).collect();
            if plan.ids.is_empty() {
                return Err(Failure::data("nothing to cram yet: no question has been practised; drill some first"));
            }
            plan.count = Some(plan.count.unwrap_or(schedule::CRAM_COUNT));
        } else {
            plan.ordering = Ordering::Ranked(ranked);
        }
    }
    Ok(plan)
}
