//! Line and column of every node in a YAML text, by path (`questions.3.leadership_principles.1`).
//!
//! serde_yaml reports positions for syntax and type errors only; the checks that run after
//! deserialising (duplicate ids, unknown principles, bad levels) look their positions up here.
//! The same pass refuses aliases, so a bank can never expand without bound.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl From<Marker> for Pos {
    fn from(m: Marker) -> Pos {
        Pos { line: m.line(), column: m.col() + 1 }
    }
}

/// The result of one scan.
#[derive(Debug, Default)]
pub struct Positions {
    nodes: HashMap<String, Pos>,
    /// Where the key of each mapping entry stands, by the entry's path.
    keys: HashMap<String, Pos>,
    /// Where aliases (`*name`) stand.
    pub aliases: Vec<Pos>,
    /// False when the text holds no document at all (empty, or only comments).
    pub has_content: bool,
}

impl Positions {
    /// The position of the key of a mapping entry (`questions.0.difficulty` → where `difficulty:` is).
    pub fn key_of(&self, path: &str) -> Option<Pos> {
        self.keys.get(path).copied()
    }

    /// The position of a node, or of its nearest ancestor that has one.
    pub fn of(&self, path: &str) -> Option<Pos> {
        let mut p = path;
        loop {
            if let Some(pos) = self.nodes.get(p) {
                return Some(*pos);
            }
            p = &p[..p.rfind('.')?];
        }
    }
}

/// A syntax error found while scanning.
#[derive(Debug)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

pub fn scan(text: &str) -> Result<Positions, SyntaxError> {
    let mut rec = Recorder::default();
    let mut parser = Parser::new_from_str(text);
    parser
        .load(&mut rec, true)
        .map_err(|e| SyntaxError { pos: (*e.marker()).into(), message: e.info().to_string() })?;
    Ok(rec.out)
}

enum Frame {
    /// `first_key` is true until the mapping's first key has been seen.
    Map {
        path: String,
        key: Option<String>,
        first_key: bool,
    },
    Seq {
        path: String,
        next: usize,
    },
}

#[derive(Default)]
struct Recorder {
    stack: Vec<Frame>,
    out: Positions,
}

impl Recorder {
    /// The path of the node that starts now, or None when it is a mapping key.
    fn next_path(&mut self, scalar: Option<&str>) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, next }) => {
                let p = join(path, &next.to_string());
                *next += 1;
                Some(p)
            }
            Some(Frame::Map { path, key, .. }) => match key.take() {
                Some(k) => Some(join(path, &k)),
                None => {
                    *key = Some(scalar.unwrap_or("?").to_string());
                    None
                }
            },
        }
    }

    /// yaml-rust2 marks a block mapping's start at its first `:`, not at its first key; move the
    /// mapping's position back to that key so messages point where the mapping begins.
    fn key_seen(&mut self, mark: Marker) {
        if let Some(Frame::Map { path, key: Some(k), .. }) = self.stack.last() {
            self.out.keys.entry(join(path, k)).or_insert(mark.into());
        }
        if let Some(Frame::Map { path, first_key, .. }) = self.stack.last_mut()
            && std::mem::take(first_key)
            && let Some(pos) = self.out.nodes.get_mut(path.as_str())
        {
            let key: Pos = mark.into();
            if (key.line, key.column) < (pos.line, pos.column) {
                *pos = key;
            }
        }
    }

    fn record(&mut self, path: &str, mark: Marker) {
        self.out.has_content = true;
        self.out.nodes.entry(path.to_string()).or_insert(mark.into());
    }
}

fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() { child.to_string() } else { format!("{parent}.{child}") }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, ..) => {
                if let Some(path) = self.next_path(Some(&value)) {
                    self.record(&path, mark);
                } else {
                    self.out.has_content = true;
                    self.key_seen(mark);
                }
            }
            Event::Alias(_) => {
                self.out.aliases.push(mark.into());
                if let Some(path) = self.next_path(None) {
                    self.record(&path, mark);
                }
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                let path = self.next_path(None).unwrap_or_default();
                self.record(&path, mark);
                self.stack.push(if matches!(ev, Event::SequenceStart(..)) {
                    Frame::Seq { path, next: 0 }
                } else {
                    Frame::Map { path, key: None, first_key: true }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_by_path() {
        let text = "bank: x\nquestions:\n  - id: a\n    leadership_principles:\n      - Ownership\n      - Frugal\n";
        let p = scan(text).unwrap();
        assert_eq!(p.of("bank"), Some(Pos { line: 1, column: 7 }));
        assert_eq!(p.of("questions.0.id"), Some(Pos { line: 3, column: 9 }));
        assert_eq!(p.of("questions.0.leadership_principles.1"), Some(Pos { line: 6, column: 9 }));
        assert_eq!(p.key_of("questions.0.leadership_principles"), Some(Pos { line: 4, column: 5 }));
        // A missing node falls back to its parent.
        assert_eq!(p.of("questions.0.title"), p.of("questions.0"));
        assert!(p.aliases.is_empty() && p.has_content);
    }

    #[test]
    fn mappings_start_at_their_first_key() {
        let text = "questions:\n  - heading: Task\n    text: x\n  - {heading: B, text: y}\nbank:\n  id: z\n";
        let p = scan(text).unwrap();
        assert_eq!(p.of("questions.0"), Some(Pos { line: 2, column: 5 }));
        assert_eq!(p.of("questions.0.star"), Some(Pos { line: 2, column: 5 }));
        assert_eq!(p.of("questions.1"), Some(Pos { line: 4, column: 5 }));
        assert_eq!(p.of("bank"), Some(Pos { line: 6, column: 3 }));
        assert_eq!(p.of(""), Some(Pos { line: 1, column: 1 }));
    }

    #[test]
    fn aliases_and_empty_documents() {
        let p = scan("a: &x [1, 2]\nb: *x\n").unwrap();
        assert_eq!(p.aliases, vec![Pos { line: 2, column: 4 }]);
        assert!(!scan("# only a comment\n").unwrap().has_content);
        assert!(!scan("").unwrap().has_content);
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let e = scan("a: [1, 2\nb: 3\n").unwrap_err();
        assert_eq!(e.pos.line, 2, "the parser notices the unclosed `[` on the next line: {e:?}");
    }
}
