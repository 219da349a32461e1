//! The candidate's own stories: STAR+L outlines, each tagged with the Leadership Principles it shows.
//!
//! `schema.rs` holds the YAML shapes, `load.rs` reads and validates a story file into the types here,
//! `coverage.rs` says which principles have stories, and `store.rs` where the file lives and how a new
//! story is appended to it (the file is never rewritten).

pub mod coverage;
pub mod editor;
pub mod load;
pub mod schema;
pub mod store;
pub mod told;

use std::path::PathBuf;
use std::sync::Arc;

use crate::bank::{Principle, Star};

pub use coverage::{Coverage, PrincipleCoverage, Status};
pub use load::{MAX_PRINCIPLES, load_path, load_source};

/// A story whose mean overall in drills is at least this is one you tell well.
pub const STRONG_MEAN: f64 = 4.0;

/// One validated story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub id: String,
    pub title: String,
    /// In the order the story lists them; never empty, none twice.
    pub principles: Vec<Principle>,
    pub situation: String,
    pub task: String,
    pub action: String,
    pub result: String,
    pub learning: String,
    pub metrics: Vec<String>,
    /// Ids of bank questions, each checked against the bank it was loaded with.
    pub questions: Vec<String>,
    pub tags: Vec<String>,
    /// The line of the file where the story starts, for opening an editor there.
    pub line: usize,
}

impl Story {
    /// The text of one STAR part.
    pub fn part(&self, star: Star) -> &str {
        match star {
            Star::Situation => &self.situation,
            Star::Task => &self.task,
            Star::Action => &self.action,
            Star::Result => &self.result,
        }
    }

    /// The canonical names of its principles, in its order.
    pub fn principle_names(&self) -> Vec<&'static str> {
        self.principles.iter().map(|p| p.name()).collect()
    }

    /// More than `MAX_PRINCIPLES` principles: too many to show any of them convincingly.
    pub fn is_stretched(&self) -> bool {
        self.principles.len() > MAX_PRINCIPLES
    }
}

/// The stories of one file, in file order, ids unique.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stories {
    pub stories: Vec<Story>,
}

impl Stories {
    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    pub fn len(&self) -> usize {
        self.stories.len()
    }

    /// A story by its id (exact, or differing only in case).
    pub fn find(&self, id: &str) -> Option<&Story> {
        let id = id.trim();
        self.stories.iter().find(|s| s.id == id).or_else(|| self.stories.iter().find(|s| s.id.eq_ignore_ascii_case(id)))
    }

    /// What a mistyped or shortened id most likely meant: the one id holding it, else the closest id
    /// when it is close.
    pub fn suggest(&self, id: &str) -> Option<&Story> {
        let id = id.trim().to_lowercase();
        let holding: Vec<&Story> = self.stories.iter().filter(|s| !id.is_empty() && s.id.contains(&id)).collect();
        if let [one] = holding.as_slice() {
            return Some(one);
        }
        let budget = (id.len() / 4).clamp(2, 6);
        self.stories
            .iter()
            .map(|s| (crate::bank::principle::edit_distance(&s.id, &id), s))
            .filter(|(d, _)| *d <= budget)
            .min_by_key(|(d, _)| *d)
            .map(|(_, s)| s)
    }

    /// The stories that show any of `principles` (all stories when it is empty), in file order.
    pub fn showing_any<'a>(&'a self, principles: &'a [Principle]) -> impl Iterator<Item = &'a Story> + 'a {
        self.stories
            .iter()
            .filter(move |s| principles.is_empty() || s.principles.iter().any(|p| principles.contains(p)))
    }

    /// The stories to tell for `question`, best match first: those meant for it (its id in their
    /// `questions`), then by how many of its principles they show, then in file order. Stories that
    /// neither cite it nor share a principle are left out.
    pub fn for_question(&self, question: &crate::bank::Question) -> Vec<&Story> {
        let mut found: Vec<(bool, usize, &Story)> = self
            .stories
            .iter()
            .map(|s| {
                let shared = s.principles.iter().filter(|p| question.principles.contains(p)).count();
                (s.questions.contains(&question.id), shared, s)
            })
            .filter(|(meant, shared, _)| *meant || *shared > 0)
            .collect();
        // A stable sort keeps file order among equals.
        found.sort_by_key(|(meant, shared, _)| std::cmp::Reverse((*meant, *shared)));
        found.into_iter().map(|(_, _, s)| s).collect()
    }

    /// Which principles have stories, and which stories are stretched.
    pub fn coverage(&self) -> Coverage {
        Coverage::of(&self.stories)
    }
}

/// The stories as the app holds them: those read from the file, or why the file could not be read
/// (drilling goes on without stories then).
#[derive(Debug, Clone, Default)]
pub struct Shelf {
    /// The story file, when one was looked for.
    pub path: Option<PathBuf>,
    pub stories: Arc<Stories>,
    /// The file's problems, one `file:line:col: message` a line, when it could not be read.
    pub problems: Option<String>,
}

impl Shelf {
    /// Read the story file at `path` for the app: a file with problems gives no stories and says why.
    pub fn load(path: PathBuf, known: &[crate::bank::Question]) -> Shelf {
        match load_path(&path, known) {
            Ok(stories) => Shelf { path: Some(path), stories: Arc::new(stories), problems: None },
            Err(e) => Shelf { path: Some(path), stories: Arc::default(), problems: Some(e.to_string()) },
        }
    }
}

/// A story's own text as JSON writes it (`story show --json`, `export --json`), the keys of the story
/// file; flattened into the larger shapes that add to it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoryText<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub principles: Vec<&'static str>,
    pub situation: &'a str,
    pub task: &'a str,
    pub action: &'a str,
    pub result: &'a str,
    pub learning: &'a str,
    pub metrics: &'a [String],
}

impl<'a> From<&'a Story> for StoryText<'a> {
    fn from(s: &'a Story) -> StoryText<'a> {
        StoryText {
            id: &s.id,
            title: &s.title,
            principles: s.principle_names(),
            situation: &s.situation,
            task: &s.task,
            action: &s.action,
            result: &s.result,
            learning: &s.learning,
            metrics: &s.metrics,
        }
    }
}

/// A story file being read on a thread of its own: parsing and checking a file of 200 stories takes a
/// few milliseconds (the YAML parse alone), which the app's first frame does not wait for.
#[derive(Debug)]
pub struct PendingShelf {
    receiver: std::sync::mpsc::Receiver<Shelf>,
    /// A shelf has been handed over: the reader having gone since says nothing more.
    handed: std::cell::Cell<bool>,
}

impl PendingShelf {
    /// Start reading the story file at `path`, checking question ids against `known`.
    pub fn spawn(path: PathBuf, known: Arc<crate::bank::Bank>) -> PendingShelf {
        let (sender, pending) = PendingShelf::channel();
        PendingShelf::read_into(path, known, sender, || {});
        pending
    }

    /// Read the story file at `path` on a thread of its own, hand the shelf to `sender` (the other
    /// end of `channel`), then call `done` (the app's event loop is woken by it to take the shelf):
    /// the app starts it once its first frame is drawn.
    pub fn read_into(
        path: PathBuf,
        known: Arc<crate::bank::Bank>,
        sender: std::sync::mpsc::Sender<Shelf>,
        done: impl Fn() + Send + Sync + 'static,
    ) {
        /// Says `done` when the thread ends, however it ends: a reader that panicked leaves a shelf that
        /// says so (`try_take`), and the loop is woken to take it.
        struct SayDone<F: Fn()>(Arc<F>);
        impl<F: Fn()> Drop for SayDone<F> {
            fn drop(&mut self) {
                (self.0)();
            }
        }
        let done = Arc::new(done);
        let spawned = std::thread::Builder::new().name("stories".into()).spawn({
            let (sender, path, done) = (sender.clone(), path.clone(), Arc::clone(&done));
            move || {
                let _say_done = SayDone(done);
                // Dropped before `_say_done` (declared after it): a reader gone is seen when it is said.
                let sender = sender;
                let _ = sender.send(Shelf::load(path, &known.questions));
            }
        });
        if let Err(e) = spawned {
            // No thread: say so as the file's problem; drilling goes on without stories.
            let problems = Some(format!("{}: not read: cannot start a thread: {e}", path.display()));
            let _ = sender.send(Shelf { path: Some(path), stories: Arc::default(), problems });
            done();
        }
    }

    /// A shelf that whoever holds the sender hands over (a reader of another kind, a test).
    pub fn channel() -> (std::sync::mpsc::Sender<Shelf>, PendingShelf) {
        let (sender, receiver) = std::sync::mpsc::channel();
        (sender, PendingShelf { receiver, handed: std::cell::Cell::new(false) })
    }

    /// The shelf, once read; None while the thread is still at it. A reader gone without an answer (it
    /// panicked) gives a shelf that says so, so nobody waits for it forever.
    pub fn try_take(&self) -> Option<Shelf> {
        match self.receiver.try_recv() {
            Ok(shelf) => {
                self.handed.set(true);
                Some(shelf)
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) if self.handed.get() => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Some(Shelf {
                problems: Some("the story file could not be read (its reader stopped unexpectedly)".to_string()),
                ..Shelf::default()
            }),
        }
    }

    /// Wait for the shelf, at most `timeout`.
    pub fn wait(&self, timeout: std::time::Duration) -> Option<Shelf> {
        let shelf = self.receiver.recv_timeout(timeout).ok();
        if shelf.is_some() {
            self.handed.set(true);
        }
        shelf
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A story with the given id and principles (by index into Amazon's list), the rest filled in.
    pub(crate) fn story(id: &str, principles: &[usize]) -> Story {
        Story {
            id: id.into(),
            title: format!("Story {id}"),
            principles: principles.iter().map(|i| Principle::from_index(*i).unwrap()).collect(),
            situation: "s".into(),
            task: "t".into(),
            action: "a".into(),
            result: "r".into(),
            learning: "l".into(),
            metrics: vec![],
            questions: vec![],
            tags: vec![],
            line: 1,
        }
    }

    #[test]
    fn find_by_id_and_suggest_close_ones() {
        let stories = Stories { stories: vec![story("checkout-outage", &[1]), story("pricing-launch", &[0, 13])] };
        assert_eq!(stories.find("pricing-launch").map(|s| s.line), Some(1));
        assert_eq!(stories.find(" Pricing-Launch ").map(|s| s.id.as_str()), Some("pricing-launch"));
        assert!(stories.find("pricing").is_none());
        assert_eq!(stories.suggest("pricing").map(|s| s.id.as_str()), Some("pricing-launch"));
        assert_eq!(stories.suggest("checkout-outgae").map(|s| s.id.as_str()), Some("checkout-outage"));
        assert!(stories.suggest("hiring").is_none());
        let dive_deep = [Principle::from_index(11).unwrap()];
        assert_eq!(stories.showing_any(&dive_deep).count(), 0);
        let results = [Principle::from_index(13).unwrap(), Principle::from_index(11).unwrap()];
        let ids: Vec<&str> = stories.showing_any(&results).map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["pricing-launch"]);
        assert_eq!(stories.showing_any(&[]).count(), 2);
    }

    #[test]
    fn stories_for_a_question_best_match_first() {
        let bank = crate::bank::Bank::bundled().unwrap();
        // Question 1 probes Ownership (1), Have Backbone (12) and Deliver Results (13).
        let q = bank.find("1").unwrap();
        let mut cited = story("cited", &[7]);
        cited.questions = vec![q.id.clone()];
        let stories = Stories {
            stories: vec![
                story("one-shared", &[1, 2]),
                story("none-shared", &[0, 7]),
                story("two-shared", &[12, 13, 4]),
                cited,
                story("one-shared-later", &[13]),
            ],
        };
        let ids: Vec<&str> = stories.for_question(q).iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["cited", "two-shared", "one-shared", "one-shared-later"]);
    }

    #[test]
    fn a_pending_shelf_hands_over_what_the_file_holds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stories.yaml");
        std::fs::write(&path, "- id: a\n  title: A\n  principles: [Ownership]\n  situation: s\n  task: t\n  action: a\n  result: r\n  learning: l\n").unwrap();
        let pending = PendingShelf::spawn(
            path.clone(),
            Arc::new(crate::bank::Bank {
                files: vec![],
                questions: vec![],
                probes: Default::default(),
                rubrics: Default::default(),
            }),
        );
        let shelf = pending.wait(std::time::Duration::from_secs(5)).expect("read");
        assert_eq!(shelf.stories.len(), 1);
        // A reader says when it is done, after the shelf is there to take.
        let (sender, pending) = PendingShelf::channel();
        let (told, said) = std::sync::mpsc::channel();
        let known = Arc::new(crate::bank::Bank::default());
        PendingShelf::read_into(path.clone(), known, sender, move || told.send(()).expect("told"));
        said.recv_timeout(std::time::Duration::from_secs(5)).expect("the reader says it is done");
        assert_eq!(pending.try_take().expect("there once it is said").stories.len(), 1);
        assert_eq!(shelf.path, Some(path));
        assert!(pending.try_take().is_none(), "handed over once");
        assert!(pending.try_take().is_none(), "and nothing after, the reader being gone");
        // A reader gone without handing anything over (it panicked) says so instead of being waited for.
        let (sender, pending) = PendingShelf::channel();
        assert!(pending.try_take().is_none(), "still reading");
        drop(sender);
        let shelf = pending.try_take().expect("a shelf that says why");
        assert!(shelf.problems.unwrap_or_default().contains("could not be read"));
    }

    #[test]
    fn star_parts_by_phase() {
        let s = story("x", &[0]);
        assert_eq!(Star::ALL.map(|p| s.part(p)), ["s", "t", "a", "r"]);
    }
}
