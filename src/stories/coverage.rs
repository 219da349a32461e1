//! Which Leadership Principles your stories cover: per principle the stories that show it and a
//! status (gap: none, thin: one, ok: two or more), and the stories stretched over too many.

use serde::Serialize;

use super::Story;
use crate::bank::Principle;

/// How well one principle is covered. Serialized as `gap`, `thin` or `ok`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// No story shows it.
    Gap,
    /// One story: an interviewer who digs twice into it finds nothing else.
    Thin,
    /// Two or more.
    Ok,
}

impl Status {
    pub fn of(stories: usize) -> Status {
        match stories {
            0 => Status::Gap,
            1 => Status::Thin,
            _ => Status::Ok,
        }
    }

    /// As in JSON: `gap`, `thin`, `ok`.
    pub fn key(self) -> &'static str {
        match self {
            Status::Gap => "gap",
            Status::Thin => "thin",
            Status::Ok => "ok",
        }
    }

    /// A mark that says the status without colour: `✗`, `△`, `✓`.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Gap => "✗",
            Status::Thin => "△",
            Status::Ok => "✓",
        }
    }
}

/// One principle's line of the coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrincipleCoverage {
    #[serde(serialize_with = "principle_name")]
    pub principle: Principle,
    /// Ids of the stories that show it, in file order.
    pub stories: Vec<String>,
    pub status: Status,
}

fn principle_name<S: serde::Serializer>(p: &Principle, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(p.name())
}

/// The coverage of all 16 principles, in Amazon's order. Serializes as `story coverage --json` prints it:
/// `{"principles":[{"principle","stories":[ids],"status"}],"stretched":[ids]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub principles: Vec<PrincipleCoverage>,
    /// Ids of the stories tagged with more than `MAX_PRINCIPLES` principles, in file order.
    pub stretched: Vec<String>,
}

impl Coverage {
    pub fn of(stories: &[Story]) -> Coverage {
        let principles = Principle::all()
            .map(|principle| {
                let ids: Vec<String> =
                    stories.iter().filter(|s| s.principles.contains(&principle)).map(|s| s.id.clone()).collect();
                PrincipleCoverage { principle, status: Status::of(ids.len()), stories: ids }
            })
            .collect();
        let stretched = stories.iter().filter(|s| s.is_stretched()).map(|s| s.id.clone()).collect();
        Coverage { principles, stretched }
    }

    /// How many principles have each status: (gap, thin, ok).
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |status| self.principles.iter().filter(|p| p.status == status).count();
        (count(Status::Gap), count(Status::Thin), count(Status::Ok))
    }

    /// The first principle in Amazon's order with the fewest stories: where a new story helps most.
    pub fn neediest(&self) -> Option<Principle> {
        self.principles.iter().min_by_key(|p| p.stories.len()).map(|p| p.principle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stories::tests::story;

    #[test]
    fn statuses_by_hand() {
        // a: Customer Obsession, Ownership · b: Ownership, Dive Deep · c: six principles (stretched).
        let stories = [story("a", &[0, 1]), story("b", &[1, 11]), story("c", &[0, 2, 3, 4, 5, 6])];
        let c = Coverage::of(&stories);
        assert_eq!(c.principles.len(), 16);
        let line = |i: usize| {
            let p = &c.principles[i];
            (p.principle.name(), p.stories.iter().map(String::as_str).collect::<Vec<_>>(), p.status)
        };
        assert_eq!(line(0), ("Customer Obsession", vec!["a", "c"], Status::Ok));
        assert_eq!(line(1), ("Ownership", vec!["a", "b"], Status::Ok));
        assert_eq!(line(2), ("Invent and Simplify", vec!["c"], Status::Thin));
        assert_eq!(line(11), ("Dive Deep", vec!["b"], Status::Thin));
        assert_eq!(line(7), ("Think Big", vec![], Status::Gap));
        // Ok: 0, 1; thin: 2, 3, 4, 5, 6, 11; gap: the other 8.
        assert_eq!(c.counts(), (8, 6, 2));
        assert_eq!(c.stretched, ["c"]);
        assert_eq!(c.neediest().map(Principle::name), Some("Think Big"));
    }

    #[test]
    fn four_principles_is_not_stretched_five_is() {
        let c = Coverage::of(&[story("four", &[0, 1, 2, 3]), story("five", &[0, 1, 2, 3, 4])]);
        assert_eq!(c.stretched, ["five"]);
    }

    #[test]
    fn no_stories_is_sixteen_gaps_and_json_has_the_documented_shape() {
        let c = Coverage::of(&[]);
        assert_eq!(c.counts(), (16, 0, 0));
        assert_eq!(c.neediest().map(Principle::name), Some("Customer Obsession"));
        let c = Coverage::of(&[story("a", &[15])]);
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(
            json["principles"][15],
            serde_json::json!({"principle": "Success and Scale Bring Broad Responsibility", "stories": ["a"], "status": "thin"})
        );
        assert_eq!(
            json["principles"][0],
            serde_json::json!({"principle": "Customer Obsession", "stories": [], "status": "gap"})
        );
        assert_eq!(json["stretched"], serde_json::json!([]));
        assert_eq!(json.as_object().unwrap().len(), 2);
    }
}
