//! Every key binding, with its footer hint and help text, in one table.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    Browser,
    /// A later question of a drill, waiting for Enter before its clock starts.
    Ready,
    Answering,
    /// A follow-up probe after the answer, with its own clock.
    Probe,
    Reveal,
    /// Reveal for a question without a model answer: what a strong answer shows.
    Rubric,
    Score,
    Summary,
    History,
    Stats,
    /// Your stories.
    Stories,
    Picker,
    Confirm,
    /// Typing new scores for an answer on the History screen.
    Amend,
    Help,
    /// Typing a search.
    Search,
    /// Typing the note (a multi-line text area).
    Note,
    /// Typing in the scratchpad (a multi-line text area; a running clock keeps running).
    Scratchpad,
}

impl Ctx {
    pub fn title(self) -> &'static str {
        match self {
            Ctx::Browser => "Question browser",
            Ctx::Ready => "Next question",
            Ctx::Answering => "Answering",
            Ctx::Probe => "Follow-up probe",
            Ctx::Reveal => "Model answer",
            Ctx::Rubric => "What a strong answer shows",
            Ctx::Score => "Scoring",
            Ctx::Summary => "Summary",
            Ctx::History => "History",
            Ctx::Stats => "Stats",
            Ctx::Stories => "Your stories",
            Ctx::Picker => "Principle picker",
            Ctx::Confirm => "Confirm",
            Ctx::Amend => "Amending the scores",
            Ctx::Help => "Help",
            Ctx::Search => "Typing a search",
            Ctx::Note => "Typing the note",
            Ctx::Scratchpad => "Typing in the scratchpad",
        }
    }
}

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Left,
    Right,
    Select,
    Back,
    Quit,
    Help,
    Search,
    CycleLevel,
    /// Step the browser's bank filter (when several banks are loaded).
    CycleBank,
    PickPrinciple,
    ClearFilters,
    RandomDrill,
    OpenHistory,
    OpenStats,
    OpenStories,
    /// Open the selected story in the editor (Stories).
    EditStory,
    /// Append a new story and open it in the editor (Stories).
    NewStory,
    TodaysPlan,
    /// The next of your stories for this question (none after the last): the one you are telling.
    PickStory,
    TogglePause,
    /// The candidate moves on to the next STAR part (Situation → Task → Action → Result).
    NextPart,
    FinishAnswer,
    Skip,
    RevealNext,
    HideLast,
    RevealAll,
    NextField,
    PrevField,
    Toggle,
    Score(u8),
    EditNote,
    /// Open the scratchpad: an outline, or what was said.
    EditOutline,
    /// Leave a text field keeping what was typed.
    Done,
    /// Leave a text field putting back what was there.
    Cancel,
    /// Scroll a detail pane beside a list (the browser's question text).
    DetailUp,
    DetailDown,
    Yes,
    No,
    /// Drop the answer shown in full on the History screen (after a confirm).
    DropAnswer,
    /// Type new scores for the answer shown in full on the History screen.
    AmendAnswer,
}

/// A key as bound: a character, or a named key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Code(KeyCode),
    Ctrl(char),
}

impl Key {
    fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Ctrl(c) => ctrl && ev.code == KeyCode::Char(c),
            Key::Char(c) => !ctrl && ev.code == KeyCode::Char(c),
            Key::Code(code) => !ctrl && ev.code == code,
        }
    }
}

pub struct Binding {
    pub ctx: &'static [Ctx],
    pub keys: &'static [Key],
    pub action: Action,
    /// How the keys are written in the footer and help: "↑/k".
    pub hint: &'static str,
    pub label: &'static str,
    /// Shown in the footer (all bindings are in the help overlay).
    pub footer: bool,
}

use Ctx::*;
use Key::{Char as C, Code};

const UP: Key = Code(KeyCode::Up);
const DOWN: Key = Code(KeyCode::Down);
const LEFT: Key = Code(KeyCode::Left);
const RIGHT: Key = Code(KeyCode::Right);
const ENTER: Key = Code(KeyCode::Enter);
const ESC: Key = Code(KeyCode::Esc);
const LISTS: &[Ctx] = &[Browser, History, Stats, Stories, Picker];

const fn b(
    ctx: &'static [Ctx],
    keys: &'static [Key],
    action: Action,
    hint: &'static str,
    label: &'static str,
    footer: bool,
) -> Binding {
    Binding { ctx, keys, action, hint, label, footer }
}

/// Ctrl-C quits from anywhere; it is matched before this table.
pub const QUIT: Key = Key::Ctrl('c');

pub const BINDINGS: &[Binding] = &[
    // Lists
    b(LISTS, &[UP, C('k')], Action::Up, "↑/k", "up", true),
    b(LISTS, &[DOWN, C('j')], Action::Down, "↓/j", "down", true),
    b(LISTS, &[Code(KeyCode::PageUp)], Action::PageUp, "PgUp/PgDn", "page up / down", false),
    b(LISTS, &[Code(KeyCode::PageDown)], Action::PageDown, "", "", false),
    b(LISTS, &[Code(KeyCode::Home), C('g')], Action::Home, "Home/g", "first", false),
    b(LISTS, &[Code(KeyCode::End), C('G')], Action::End, "End/G", "last", false),
    // Browser
    b(&[Browser], &[ENTER], Action::Select, "Enter", "drill this", true),
    b(&[Browser], &[C('r')], Action::RandomDrill, "r", "random drill", true),
    b(&[Browser], &[C('/')], Action::Search, "/", "search", true),
    b(&[Browser, Stats], &[C('l')], Action::CycleLevel, "l", "level", true),
    b(&[Browser, Stats], &[C('p')], Action::PickPrinciple, "p", "principle", true),
    b(&[Browser, Stats], &[C('c')], Action::ClearFilters, "c", "clear filters", false),
    // Said on the filter line (`Bank (b): all`), which shows it only when several banks are loaded.
    b(&[Browser], &[C('b')], Action::CycleBank, "", "", false),
    b(&[Browser], &[C('h')], Action::OpenHistory, "h", "history", true),
    b(&[Browser], &[C('J')], Action::DetailDown, "J/K", "scroll the question text", false),
    b(&[Browser], &[C('K')], Action::DetailUp, "", "", false),
    b(&[Browser, History], &[C('s')], Action::OpenStats, "s", "stats", true),
    b(&[Browser], &[C('m')], Action::OpenStories, "m", "my stories", true),
    b(&[Browser], &[C('t')], Action::TodaysPlan, "t", "drill today's plan", false),
    // Ready (a later question of a drill)
    b(&[Ready], &[ENTER], Action::Select, "Enter", "start the clock", true),
    b(&[Ready, Answering], &[C('s')], Action::Skip, "s", "skip question", true),
    // Answering
    b(&[Answering], &[C(' ')], Action::TogglePause, "Space", "pause/resume", true),
    b(&[Answering], &[ENTER], Action::FinishAnswer, "Enter", "done answering", true),
    b(&[Answering], &[C('n')], Action::NextPart, "n", "next part S→T→A→R", true),
    b(&[Answering], &[C('o')], Action::EditOutline, "o", "scratchpad", true),
    // A follow-up probe
    b(&[Probe], &[C(' ')], Action::TogglePause, "Space", "pause/resume", true),
    b(&[Probe], &[ENTER], Action::FinishAnswer, "Enter", "done with this probe", true),
    b(&[Probe], &[C('s')], Action::Skip, "s", "skip probe", true),
    // Said beside the stories themselves, which only some questions have.
    b(&[Answering, Reveal, Rubric], &[C('t')], Action::PickStory, "t", "pick the story you tell", false),
    // Reveal
    b(&[Reveal], &[C(' '), RIGHT], Action::RevealNext, "Space/→", "next section", true),
    b(&[Reveal], &[LEFT], Action::HideLast, "←", "hide last", true),
    b(&[Reveal], &[C('a')], Action::RevealAll, "a", "reveal all", true),
    b(&[Reveal, Rubric], &[UP, C('k')], Action::Up, "↑/k", "scroll up", false),
    b(&[Reveal, Rubric], &[DOWN, C('j')], Action::Down, "↓/j", "scroll down", false),
    b(&[Reveal, Rubric], &[Code(KeyCode::PageUp)], Action::PageUp, "PgUp", "page up", false),
    b(&[Reveal, Rubric], &[Code(KeyCode::PageDown)], Action::PageDown, "PgDn", "page down", false),
    b(&[Reveal], &[ENTER], Action::Select, "Enter", "score (all revealed)", true),
    b(&[Rubric], &[ENTER], Action::Select, "Enter", "score", true),
    // Score
    b(&[Score], &[C('1')], Action::Score(1), "1-5", "score", true),
    b(&[Score], &[ENTER], Action::Select, "Enter", "save", true),
    b(&[Score], &[C('2')], Action::Score(2), "", "", false),
    b(&[Score], &[C('3')], Action::Score(3), "", "", false),
    b(&[Score], &[C('4')], Action::Score(4), "", "", false),
    b(&[Score], &[C('5')], Action::Score(5), "", "", false),
    b(&[Score], &[Code(KeyCode::Tab), RIGHT, DOWN], Action::NextField, "Tab/→", "next", true),
    b(&[Score], &[Code(KeyCode::BackTab), LEFT, UP], Action::PrevField, "S-Tab/←", "previous", false),
    b(&[Score], &[C(' ')], Action::Toggle, "Space", "tick principle", true),
    b(&[Score], &[C('n')], Action::EditNote, "n", "note", true),
    // After the screen's own keys in the footer.
    b(&[Reveal, Rubric, Score], &[C('o')], Action::EditOutline, "o", "scratchpad", true),
    // Summary, history, stats
    b(&[Summary], &[ENTER], Action::Select, "Enter", "back to questions", true),
    b(&[History], &[ENTER], Action::Select, "Enter", "open", true),
    // Said on the answer in full, the one place they act.
    b(&[History], &[C('d')], Action::DropAnswer, "d", "drop this answer (one answer in full)", false),
    b(&[History], &[C('a')], Action::AmendAnswer, "a", "amend its scores (one answer in full)", false),
    b(&[Stats], &[ENTER], Action::Select, "Enter", "drill weakest", true),
    b(&[Stats], &[Code(KeyCode::Tab)], Action::NextField, "Tab", "next panel", true),
    b(&[Stats], &[Code(KeyCode::BackTab)], Action::PrevField, "S-Tab", "previous panel", false),
    b(&[Stories], &[ENTER], Action::Select, "Enter", "story in full", true),
    b(&[Stories], &[Code(KeyCode::Tab)], Action::NextField, "Tab", "list/coverage", true),
    b(&[Stories], &[C('e')], Action::EditStory, "e", "edit in $EDITOR", true),
    b(&[Stories], &[C('n')], Action::NewStory, "n", "new story", true),
    // Overlays
    b(&[Picker], &[ENTER], Action::Select, "Enter", "choose", true),
    b(&[Confirm], &[C('y'), ENTER], Action::Yes, "y/Enter", "yes", true),
    b(&[Confirm], &[C('n'), ESC, C('q')], Action::No, "n/Esc", "no", true),
    b(&[Amend], &[C('1')], Action::Score(1), "1-5", "S, T, A, R in turn", true),
    b(&[Amend], &[C('2')], Action::Score(2), "", "", false),
    b(&[Amend], &[C('3')], Action::Score(3), "", "", false),
    b(&[Amend], &[C('4')], Action::Score(4), "", "", false),
    b(&[Amend], &[C('5')], Action::Score(5), "", "", false),
    b(&[Amend], &[Code(KeyCode::Backspace)], Action::HideLast, "Backspace", "undo a digit", true),
    b(&[Amend], &[ENTER], Action::Yes, "Enter", "save the new scores", true),
    b(&[Amend], &[ESC, C('q')], Action::No, "Esc", "cancel", true),
    b(&[Search], &[ENTER], Action::Done, "Enter", "done", true),
    b(&[Search], &[ESC], Action::Cancel, "Esc", "cancel", true),
    // The note is multi-line: Enter is a new line, Esc keeps the text (it is never thrown away by
    // accident), Ctrl-G puts back the note as it was.
    b(&[Note], &[ESC, Key::Ctrl('s')], Action::Done, "Esc/Ctrl-S", "done (keeps the note)", true),
    b(&[Note], &[Key::Ctrl('g')], Action::Cancel, "Ctrl-G", "cancel this edit", true),
    b(&[Note], &[], Action::Done, "Enter", "new line", true),
    // The scratchpad is typed in like the note; its clock, when one runs, keeps running.
    b(&[Scratchpad], &[ESC, Key::Ctrl('s')], Action::Done, "Esc/Ctrl-S", "done (keeps the text)", true),
    b(&[Scratchpad], &[Key::Ctrl('g')], Action::Cancel, "Ctrl-G", "cancel this edit", true),
    b(&[Scratchpad], &[], Action::Done, "Enter", "new line", true),
    // Everywhere else
    b(
        &[Browser, Ready, Answering, Probe, Reveal, Rubric, Score, Summary, History, Stats, Stories, Help],
        &[C('?')],
        Action::Help,
        "?",
        "help",
        true,
    ),
    // In the browser the way back leaves the app.
    b(&[Browser], &[C('q'), ESC], Action::Back, "q/Esc", "quit", true),
    b(
        &[Ready, Answering, Probe, Reveal, Rubric, Score, Summary, History, Stats, Stories, Picker, Help],
        &[C('q'), ESC],
        Action::Back,
        "q/Esc",
        "back",
        true,
    ),
];

/// The action a key press means in `ctx`, if any.
pub fn action(ctx: Ctx, ev: &KeyEvent) -> Option<Action> {
    if QUIT.matches(ev) {
        return Some(Action::Quit);
    }
    BINDINGS.iter().find(|b| b.ctx.contains(&ctx) && b.keys.iter().any(|k| k.matches(ev))).map(|b| b.action)
}

/// The footer hints of a context, in table order: ("↑/k", "up").
pub fn footer(ctx: Ctx) -> Vec<(&'static str, &'static str)> {
    BINDINGS.iter().filter(|b| b.footer && b.ctx.contains(&ctx)).map(|b| (b.hint, b.label)).collect()
}

/// Every binding of a context, for the help overlay.
pub fn help(ctx: Ctx) -> Vec<(&'static str, &'static str)> {
    BINDINGS.iter().filter(|b| !b.hint.is_empty() && b.ctx.contains(&ctx)).map(|b| (b.hint, b.label)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_mean_different_things_per_screen() {
        assert_eq!(action(Answering, &key(KeyCode::Char(' '))), Some(Action::TogglePause));
        assert_eq!(action(Reveal, &key(KeyCode::Char(' '))), Some(Action::RevealNext));
        assert_eq!(action(Score, &key(KeyCode::Char(' '))), Some(Action::Toggle));
        assert_eq!(action(Score, &key(KeyCode::Char('4'))), Some(Action::Score(4)));
        assert_eq!(action(Browser, &key(KeyCode::Char('j'))), Some(Action::Down));
        assert_eq!(action(Browser, &key(KeyCode::Esc)), Some(Action::Back));
        assert_eq!(action(Answering, &KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(Action::Quit));
        assert_eq!(action(Browser, &key(KeyCode::Char('z'))), None);
        assert_eq!(action(Note, &key(KeyCode::Enter)), None, "Enter is a new line in the note");
        assert_eq!(action(Note, &key(KeyCode::Esc)), Some(Action::Done), "Esc keeps the note");
        assert_eq!(action(Search, &key(KeyCode::Esc)), Some(Action::Cancel));
        assert_eq!(action(Ready, &key(KeyCode::Enter)), Some(Action::Select));
        assert_eq!(action(Ready, &key(KeyCode::Char('s'))), Some(Action::Skip));
        assert_eq!(action(Answering, &key(KeyCode::Char('n'))), Some(Action::NextPart));
        assert_eq!(action(Score, &key(KeyCode::Char('n'))), Some(Action::EditNote));
        assert!(footer(Answering).contains(&("n", "next part S→T→A→R")));
    }

    #[test]
    fn the_browser_says_quit_where_it_quits() {
        assert!(footer(Browser).contains(&("q/Esc", "quit")));
        assert!(footer(History).contains(&("q/Esc", "back")));
        assert!(!footer(History).contains(&("q/Esc", "quit")));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let all = [
            Browser, Ready, Answering, Probe, Reveal, Rubric, Score, Summary, History, Stats, Stories, Picker, Confirm,
            Help, Search, Note, Amend, Scratchpad,
        ];
        for ctx in all {
            let keys: Vec<Key> =
                BINDINGS.iter().filter(|b| b.ctx.contains(&ctx)).flat_map(|b| b.keys.iter().copied()).collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(k), "{k:?} bound twice in {ctx:?}");
            }
            if !matches!(ctx, Confirm | Search | Note | Amend | Scratchpad) {
                assert!(footer(ctx).iter().any(|(h, _)| *h == "q/Esc"), "{ctx:?} footer has no way back");
            }
            if ctx == Amend {
                assert!(footer(ctx).contains(&("Esc", "cancel")), "{ctx:?} footer has no way back");
            }
        }
    }
}
