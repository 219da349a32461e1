//! The words on screen that are not data: titles, prompts, notices.

pub const APP_NAME: &str = "stardrill";
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

pub fn too_small(width: u16, height: u16) -> String {
    format!("Terminal too small: {width}×{height}. stardrill needs at least {MIN_WIDTH}×{MIN_HEIGHT}.")
}

pub const CONFIRM_LEAVE_ANSWERING: &str = "Leave this drill? The clock is running and this answer will not be scored.";
pub const CONFIRM_LEAVE_PAUSED: &str = "Leave this drill? The clock is paused and this answer will not be scored.";
pub const NOTHING_WEAK_YET: &str = "No weakest questions yet: save a score first.";
pub const WEAKEST_NOT_IN_BANK: &str = "None of the weakest questions is in the current bank.";
pub const CONFIRM_LEAVE_SCRATCHPAD: &str =
    "Leave this drill? This answer will not be scored, and the text in your scratchpad will not be kept.";
pub const CONFIRM_QUIT_TEXT: &str =
    "Quit stardrill? The text you typed (scratchpad or note) is not saved yet. Ctrl-C again quits.";
pub const CONFIRM_SKIP_SCRATCHPAD: &str =
    "Skip this question? Nothing is saved for it, and the text in your scratchpad will not be kept.";
pub const CONFIRM_LEAVE_REVEAL: &str = "Leave this drill? This answer has not been scored yet.";
pub const CONFIRM_LEAVE_SCORE: &str = "Leave this drill? The scores you entered have not been saved.";
pub const CONFIRM_DROP_ANSWER: &str = "Drop this answer? It will stop counting (history --raw keeps it).";
/// After `d`/`a` on History: what was done, with the attempt's short id.
pub fn corrected(kind: crate::history::correction::CorrectionKind, id: &str, what: &str) -> String {
    let id = id.get(..crate::history::correction::SHORT_ID).unwrap_or(id);
    match kind {
        crate::history::correction::CorrectionKind::Drop => {
            format!("Dropped answer {id} ({what}); `stardrill history --raw` still shows it.")
        }
        crate::history::correction::CorrectionKind::Amend => format!("Amended answer {id}: {what}."),
    }
}
pub fn not_corrected(err: &str) -> String {
    format!("Not corrected: {err}")
}
pub const PAUSED: &str = "PAUSED";
pub const HISTORY_LOADING: &str = "Still reading your history file; History and Stats open when it is read.";
pub const STORIES_LOADING: &str = "Still reading your story file; m opens your stories when it is read.";
pub const HISTORY_UNREAD: &str = "Could not read the history file (new scores are still saved):";

/// Stats under a filter, while every answer is folded again.
pub const STATS_COMPUTING: &str = "Computing the figures for these filters…";

/// A figures thread failed: what it was working out ("stats", "plan") and why.
pub fn computation_failed(what: &str, why: &str) -> String {
    let what = match what {
        "stats" => "the figures for these filters",
        "plan" => "today's plan",
        other => other,
    };
    format!("Could not work out {what}: {why}. This is a fault in stardrill; your history is unchanged.")
}

/// A session's answers could not be read again from the history file.
pub fn answers_unread(error: &str) -> String {
    format!("Could not open the session: {error}")
}
pub const NO_MATCHES: &str = "No questions match these filters. Press c to clear them.";
pub const SCORE_ALL_FIRST: &str = "Score all four parts first; missing:";
pub const REVEAL_ALL_FIRST: &str = "Reveal every section first (Space/→, or a for all), then Enter to score.";
pub const NOTE_PLACEHOLDER: &str = "press n to add a note";
/// Score, with nothing in the scratchpad.
pub const SCRATCHPAD_EMPTY: &str = "  o opens the scratchpad: type or paste what you said, and the coach counts it.";
pub const SEARCH_PLACEHOLDER: &str = "press / to search";

/// The last line of a view cut at `lines` lines: where the whole text is printed.
pub fn cut_here(lines: usize, command: &str) -> String {
    format!("… the first {lines} lines are shown; `{command}` prints it all.")
}

pub fn saved(path: &std::path::Path) -> String {
    format!("Saved to {}", path.display())
}

pub fn saved_unconfirmed(path: &std::path::Path, err: &str) -> String {
    format!("Saved to {}, but the disk did not confirm it ({err}); it is not saved twice.", path.display())
}

pub fn not_saved(err: &str) -> String {
    format!("NOT SAVED: {err}. Your scores are still here: press Enter to try again.")
}

/// A paste longer than the text field (`what`: "note", "scratchpad") has room for.
pub fn paste_truncated(what: &str, limit: usize, dropped: usize) -> String {
    format!(
        "The {what} holds at most {limit} characters: the last {} of the paste did not fit.",
        crate::format::plural(dropped, "character")
    )
}

pub const READY_START: &str = "Press Enter when you are ready: the clock starts then.";
pub const READY_SKIP: &str = "s skips this question (nothing is saved for it); q leaves the drill.";

/// Reveal, for a question without a model answer.
pub const NO_MODEL_ANSWER: &str = "No model answer · what a strong answer shows";
pub const RUBRIC_TITLE: &str = " What a strong answer shows ";
/// When no rubric is loaded for any of the question's principles.
pub const NO_RUBRIC: &str = "This question has no model answer, and no rubric is loaded for its principles.";
pub const SCORE_PROBES_FIRST: &str = "Score every follow-up probe too; missing:";
pub const PROBE_HINT: &str = "Answer out loud in STAR form, as briefly as you can. Enter when done, s to skip it.";
/// `t` before the history has been read and the plan worked out.
pub const PLAN_NOT_READY: &str = "Today's plan comes once your history has been read.";
/// `t` with nothing due and nothing new.
pub const NOTHING_PLANNED: &str = "Nothing is due today and nothing is new: every question is scheduled later.";

/// `e`/`n` on the Stories screen when no story file could be located.
pub const NO_STORY_FILE: &str = "No story file to edit: no home directory was found; pass --stories PATH.";
