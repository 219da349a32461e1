//! Opening the terminal app: the browser (no command) or straight into a drill (`stardrill drill`).

use std::io::IsTerminal;

use super::{CmdResult, Failure};
use crate::cli::{DrillArgs, GlobalArgs, Order};
use crate::clock::Now;
use crate::drill::plan::{Ordering, Plan};
use crate::history::store;
use crate::tui::{self, App, AppConfig, Exit};

/// How many questions `r` in the browser drills when `--count` is not given.
pub const DEFAULT_RANDOM_COUNT: usize = 3;

pub fn open(global: &GlobalArgs, drill: Option<&DrillArgs>) -> CmdResult {
    open_seeded(global, drill, None)
}

/// Like `open`; `seed` (from `stardrill --seed N`) makes the browser's `r` repeatable when the drill
/// arguments carry none.
pub fn open_seeded(global: &GlobalArgs, drill: Option<&DrillArgs>, seed: Option<u64>) -> CmdResult {
    // A bank of one's own with problems is left out; the app says so and drills the rest.
    let loaded = global.bank_choice().load_lenient()?;
    let bank = loaded.bank;
    let questions = match drill {
        Some(args) => {
            // A question that does not exist is a mistake on the command line (exit 2), said before
            // anything else.
            for key in &args.ids {
                bank.lookup(key)?;
            }
            let filter = args.filter.to_filter();
            super::known_banks(&bank, &filter)?;
            if args.ids.is_empty() && !filter.is_empty() && filter.apply(&bank.questions).is_empty() {
                return Err(Failure::data(format!(
                    "no questions match {} (0 of {}); see `stardrill list` for what there is",
                    filter.describe(),
                    crate::format::plural(bank.questions.len(), "question")
                )));
            }
            Some(plan(args).choose(&bank).map_err(Failure::data)?)
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
    };
    let mut app = App::new(bank, config, Vec::new());
    app.probes = crate::drill::probes::ProbeSettings {
        count: drill_args.probes.map(|n| n as usize),
        time: drill_args.probe_time.unwrap_or(crate::drill::probes::DEFAULT_PROBE_TIME),
    };
    if let Some(e) = &loaded.left_out {
        let first = e.problems.first().map(ToString::to_string).unwrap_or_default();
        app.set_status(format!("{}. First: {first}", super::left_out_summary(e)), true);
    }
    if let Some(questions) = questions {
        // `--time` is for this drill; drills started later from the browser use each question's time.
        app.start_drill(questions, drill_args.time, Now::read());
    }
    let shown = history_path.display();
    match tui::run(app, Some(history_path.clone())) {
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

pub fn plan(args: &DrillArgs) -> Plan {
    Plan {
        ids: args.ids.clone(),
        filter: args.filter.to_filter(),
        ordering: match args.order {
            Order::Bank => Ordering::Bank,
            Order::Random => Ordering::Random { seed: args.seed },
        },
        count: args.count.map(|c| c as usize),
    }
}
