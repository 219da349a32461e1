//! Offline insights on what was said: counted from a typed outline or transcript, by definitions a
//! person can recount (README "Insights" repeats them).
//!
//! - A **word** is a run of characters between white space, with the punctuation around it taken off
//!   (`"`, `(`, `,`, `.`, `!`, `?`, `:`, `;`, `…`, quotes and dashes at either end), that still holds a
//!   letter or a digit. `we'll`, `self-serve`, `3.5x`, `$1.2M` and `15%` are one word each. Curly
//!   apostrophes count as straight ones.
//! - A **number** is a word holding a digit (`2026`, `15%`, `$1.2M`, `3.5x`, `10k`), kept as written.
//! - **I** counts `i i'm i've i'd i'll me my mine myself`; **we** counts `we we're we've we'd we'll us
//!   our ours ourselves` (Amazon asks what *you* did).
//! - A **filler** is one of `FILLERS` (single words, or phrases of consecutive words, matched without
//!   regard to case); `fillers_per_100` is fillers per 100 words.
//! - A **STAR part has a cue** when one of its `CUES` phrases occurs; the **result is quantified** when
//!   a number comes at or after the first result cue; a **learning is stated** when a `LEARNING` phrase
//!   occurs.
//! - **Speaking time** is words at 140 words a minute.
//! - **Key terms** of a model answer: its words of four letters or more, not in `STOPWORDS`, ranked by
//!   TF-IDF (count in this answer × ln(answers in the loaded banks ÷ answers using the word)), the top
//!   ten; a term is **used** when the text holds it (a possessive `'s` and a final `s` ignored on both
//!   sides).
//! - For a question without a model answer, a **rubric point** of its principles (`probes.yaml`) —
//!   and for a product-strategy or technical one its kind's talking points (`rubrics.yaml`) — is
//!   **covered** when the text holds two of the point's content words (words of four letters or more,
//!   not in `STOPWORDS`; all of them when it has fewer than two), compared as key terms are.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::bank::{Bank, PerStar, Question, Star};

/// Words a minute assumed for speaking time.
pub const WORDS_PER_MINUTE: f64 = 140.0;
/// How many key terms of a model answer are checked.
pub const KEY_TERMS: usize = 10;
/// How many of a rubric point's content words the text must hold for the point to count as covered.
pub const RUBRIC_WORDS: usize = 2;

pub const FILLERS: &[&str] = &[
    "um",
    "uh",
    "erm",
    "like",
    "basically",
    "actually",
    "literally",
    "you know",
    "kind of",
    "sort of",
    "i mean",
    "i think",
    "i guess",
    "i feel like",
];

const I_WORDS: &[&str] = &["i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself"];
const WE_WORDS: &[&str] = &["we", "we're", "we've", "we'd", "we'll", "us", "our", "ours", "ourselves"];

/// Phrases that open each STAR part.
pub const CUES: [(Star, &[&str]); 4] = [
    (Star::Situation, &["situation", "context", "background", "at the time", "the problem was", "we were facing"]),
    (Star::Task, &["task", "goal", "my role", "responsible for", "objective", "i needed to", "i had to"]),
    (
        Star::Action,
        &[
            "action",
            "i decided",
            "i built",
            "i led",
            "i created",
            "i proposed",
            "i worked",
            "i drove",
            "i wrote",
            "so i",
        ],
    ),
    (
        Star::Result,
        &[
            "result",
            "outcome",
            "impact",
            "in the end",
            "we achieved",
            "increased",
            "reduced",
            "improved",
            "grew",
            "saved",
        ],
    ),
];

pub const LEARNING: &[&str] =
    &["learned", "learnt", "lesson", "next time", "differently", "takeaway", "in hindsight", "i would do", "i'd do"];

pub const STOPWORDS: &[&str] = &[
    "that",
    "this",
    "with",
    "from",
    "have",
    "were",
    "their",
    "they",
    "them",
    "then",
    "than",
    "what",
    "when",
    "where",
    "which",
    "while",
    "will",
    "would",
    "could",
    "should",
    "about",
    "into",
    "over",
    "under",
    "more",
    "most",
    "also",
    "each",
    "such",
    "other",
    "these",
    "those",
    "been",
    "being",
    "only",
    "both",
    "through",
    "across",
    "after",
    "before",
    "because",
    "there",
    "here",
    "your",
    "within",
    "without",
    "between",
    "every",
    "some",
    "make",
    "made",
    "during",
    "fully",
    "week",
    "weeks",
    "month",
    "months",
    "days",
    "year",
    "years",
    "first",
    "second",
    "third",
    "still",
    "well",
    "able",
    "including",
    "using",
    "based",
    "ensure",
    "just",
    "very",
    "much",
    "many",
];

/// What the analysis finds. JSON keys as `stardrill insights --json` prints them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Insights {
    pub words: usize,
    pub speaking_secs: f64,
    /// The question's time limit, when a question was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit_secs: Option<u64>,
    pub i_count: usize,
    pub we_count: usize,
    pub numbers: Vec<String>,
    pub result_quantified: bool,
    pub fillers: BTreeMap<String, usize>,
    pub fillers_per_100: f64,
    /// Written with the parts' names, in STAR order.
    pub star_cues: PerStar<bool>,
    pub learning: bool,
    pub terms_used: Vec<String>,
    pub terms_missed: Vec<String>,
    /// For a question without a model answer: the rubric points of its principles the text covers,
    /// and those it does not (left out of JSON for other questions and plain text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rubric_covered: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rubric_missed: Vec<String>,
}

fn is_edge_punctuation(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | ','
            | '.'
            | '!'
            | '?'
            | ':'
            | ';'
            | '…'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '-'
            | '–'
            | '—'
            | '*'
            | '_'
    )
}

/// The words of `text`, as written (edge punctuation off), and folded for matching (lower case,
/// straight apostrophes).
pub fn words(text: &str) -> Vec<(&str, String)> {
    text.split_whitespace()
        .filter_map(|raw| {
            let w = raw.trim_matches(is_edge_punctuation);
            // `$` and `%` belong to numbers; a lone currency sign or dash is not a word.
            w.chars().any(char::is_alphanumeric).then(|| {
                let lower = w.to_lowercase();
                // One allocation a word: the apostrophe is mended only where there is one.
                let folded = if lower.contains('’') { lower.replace('’', "'") } else { lower };
                (w, folded)
            })
        })
        .collect()
}

/// How many words `text` holds, by the same definition as `words`, without keeping them (for a
/// count shown at every frame while typing).
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|raw| raw.trim_matches(is_edge_punctuation).chars().any(char::is_alphanumeric))
        .count()
}

/// Where each phrase of `phrases` starts in `folded` (word positions), phrases as space-separated words.
fn occurrences<'p>(folded: &[&str], phrases: &[&'p str]) -> Vec<(usize, &'p str)> {
    let mut out = Vec::new();
    for &phrase in phrases {
        let parts: Vec<&str> = phrase.split(' ').collect();
        if parts.len() > folded.len() {
            continue;
        }
        for i in 0..=folded.len() - parts.len() {
            if folded[i..i + parts.len()] == parts[..] {
                out.push((i, phrase));
            }
        }
    }
    out
}

/// A word that can be a term: four letters or more, all letters, not a stop word (`w` folded).
fn is_term(w: &str) -> bool {
    w.chars().count() >= 4 && w.chars().all(char::is_alphabetic) && !STOPWORDS.contains(&w)
}

/// A folded word as terms are compared: a possessive `'s` and a final `s` off.
fn term_key(w: &str) -> &str {
    singular(w.strip_suffix("'s").unwrap_or(w))
}

fn singular(w: &str) -> &str {
    if w.len() > 3 { w.strip_suffix('s').unwrap_or(w) } else { w }
}

/// Each word of `q`'s model answer that can be a key term (folded as `words` folds it: four letters
/// or more, all letters, not a stop word), in reading order, without allocating a word at a time.
fn answer_terms(q: &Question, mut f: impl FnMut(&str)) {
    let mut folded = String::new();
    for section in &q.answer {
        for line in section.lines() {
            for raw in line.split_whitespace() {
                let w = raw.trim_matches(is_edge_punctuation);
                folded.clear();
                folded.extend(w.chars().flat_map(char::to_lowercase));
                if is_term(&folded) {
                    f(&folded);
                }
            }
        }
    }
}

/// The key terms of a question's model answer, ranked by TF-IDF over the answers of `bank`.
pub fn key_terms(question: &Question, bank: &Bank) -> Vec<String> {
    let answered: Vec<&Question> = bank.questions.iter().filter(|q| !q.answer.is_empty()).collect();
    let mut tf: HashMap<String, usize> = HashMap::new();
    answer_terms(question, |w| match tf.get_mut(w) {
        Some(count) => *count += 1,
        None => {
            tf.insert(w.to_string(), 1);
        }
    });
    // Only the question's own terms need their document frequency.
    let mut df: HashMap<&str, usize> = HashMap::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for q in &answered {
        seen.clear();
        answer_terms(q, |w| {
            if let Some((term, _)) = tf.get_key_value(w) {
                seen.insert(term.as_str());
            }
        });
        for term in &seen {
            *df.entry(term).or_default() += 1;
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let n = answered.len().max(1) as f64;
    let mut ranked: Vec<(&str, f64)> = tf
        .iter()
        .map(|(w, &count)| {
            #[allow(clippy::cast_precision_loss)]
            let idf = (n / df.get(w.as_str()).copied().unwrap_or(1).max(1) as f64).ln();
            #[allow(clippy::cast_precision_loss)]
            let score = count as f64 * idf;
            (w.as_str(), score)
        })
        .filter(|(_, score)| *score > 0.0)
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    ranked.into_iter().take(KEY_TERMS).map(|(w, _)| w.to_string()).collect()
}

/// The content words of a text, for matching: four letters or more, not a stop word, a possessive
/// `'s` and a final `s` off.
fn content_words(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter_map(|(_, f)| {
            let f = f.strip_suffix("'s").unwrap_or(&f);
            is_term(f).then(|| singular(f).to_string())
        })
        .collect()
}

/// Whether text whose words are `said` covers a rubric point: it holds two of the point's content
/// words (all of them when the point has fewer than two).
fn covers(said: &HashSet<&str>, point: &str) -> bool {
    let mut wanted: Vec<String> = content_words(point);
    wanted.sort();
    wanted.dedup();
    let found = wanted.iter().filter(|w| said.contains(w.as_str())).count();
    !wanted.is_empty() && found >= wanted.len().min(RUBRIC_WORDS)
}

/// The insights of `text`; with a question, its time limit and the key terms of its model answer
/// (ranked over `bank`).
pub fn analyse(text: &str, question: Option<(&Question, &Bank)>) -> Insights {
    let words = words(text);
    let folded: Vec<&str> = words.iter().map(|(_, f)| f.as_str()).collect();
    let count_in = |set: &[&str]| folded.iter().filter(|w| set.contains(w)).count();
    let numbers: Vec<(usize, String)> = words
        .iter()
        .enumerate()
        .filter(|(_, (w, _))| w.chars().any(|c| c.is_ascii_digit()))
        .map(|(i, (w, _))| (i, (*w).to_string()))
        .collect();
    let mut fillers = BTreeMap::new();
    // A word inside a longer filler phrase ("like" in "I feel like") is that phrase, not a second filler.
    let found = occurrences(&folded, FILLERS);
    let covered: HashSet<usize> =
        found.iter().filter(|(_, p)| p.contains(' ')).flat_map(|&(i, p)| i..i + p.split(' ').count()).collect();
    for (i, phrase) in found {
        if phrase.contains(' ') || !covered.contains(&i) {
            *fillers.entry(phrase.to_string()).or_insert(0) += 1;
        }
    }
    let filler_total: usize = fillers.values().sum();
    let mut star_cues = PerStar::<bool>::default();
    let mut first_result_cue = None;
    for (part, cues) in CUES {
        let found = occurrences(&folded, cues);
        if part == Star::Result {
            first_result_cue = found.iter().map(|&(i, _)| i).min();
        }
        star_cues[part] = !found.is_empty();
    }
    let result_quantified = first_result_cue.is_some_and(|at| numbers.iter().any(|&(i, _)| i >= at));
    #[allow(clippy::cast_precision_loss)]
    let n = words.len() as f64;
    let (mut rubric_covered, mut rubric_missed) = (Vec::new(), Vec::new());
    let (limit_secs, terms_used, terms_missed) = match question {
        Some((q, bank)) => {
            let said: HashSet<&str> = folded.iter().map(|w| term_key(w)).collect();
            let (used, missed): (Vec<String>, Vec<String>) =
                key_terms(q, bank).into_iter().partition(|t| said.contains(singular(t)));
            if !q.has_answer() {
                // Its principles' rubric points; for a product or technical question, its kind's talking
                // points too (`Goal: clarify the goal…`).
                let mut points: Vec<String> =
                    q.principles.iter().flat_map(|p| bank.probes.rubric(*p)).cloned().collect();
                if q.kind != crate::bank::Kind::Behavioral {
                    points.extend(bank.rubrics.hints(q.kind).iter().map(|h| format!("{}: {}", h.label, h.text)));
                }
                for point in points {
                    let list = if covers(&said, &point) { &mut rubric_covered } else { &mut rubric_missed };
                    list.push(point);
                }
            }
            (Some(q.time_limit_secs()), used, missed)
        }
        None => (None, Vec::new(), Vec::new()),
    };
    Insights {
        words: words.len(),
        speaking_secs: (n / WORDS_PER_MINUTE * 60.0 * 10.0).round() / 10.0,
        limit_secs,
        i_count: count_in(I_WORDS),
        we_count: count_in(WE_WORDS),
        numbers: numbers.into_iter().map(|(_, w)| w).collect(),
        result_quantified,
        fillers,
        fillers_per_100: if words.is_empty() { 0.0 } else { (filler_total as f64 / n * 1000.0).round() / 10.0 },
        star_cues,
        learning: !occurrences(&folded, LEARNING).is_empty(),
        terms_used,
        terms_missed,
        rubric_covered,
        rubric_missed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_numbers_and_pronouns_by_hand() {
        // 20 words: "We'll" "ship" "the" "self-serve" "flow" "—" is not a word …
        let text = "“We'll ship the self-serve flow — I think by Q3,” I said. My team cut costs 15% and \
                    grew revenue $1.2M (3.5x).";
        let w: Vec<&str> = words(text).into_iter().map(|(w, _)| w).collect();
        assert_eq!(
            w,
            [
                "We'll",
                "ship",
                "the",
                "self-serve",
                "flow",
                "I",
                "think",
                "by",
                "Q3",
                "I",
                "said",
                "My",
                "team",
                "cut",
                "costs",
                "15%",
                "and",
                "grew",
                "revenue",
                "$1.2M",
                "3.5x"
            ]
        );
        let a = analyse(text, None);
        assert_eq!(a.words, 21);
        // I, I, My (and "I think" is also a filler); We'll.
        assert_eq!((a.i_count, a.we_count), (3, 1));
        assert_eq!(a.numbers, ["Q3", "15%", "$1.2M", "3.5x"]);
        assert_eq!(a.fillers.get("i think"), Some(&1));
        // 1 filler in 21 words: 4.76… per 100, shown to one decimal.
        assert_eq!(a.fillers_per_100, 4.8);
        // "grew" is a result cue and numbers follow it.
        assert!(a.result_quantified);
        assert!(a.star_cues[Star::Result]);
        assert!(!a.star_cues[Star::Situation]);
        // 21 words at 140 a minute: 9.0 seconds.
        assert_eq!(a.speaking_secs, 9.0);
        assert!(!a.learning);
    }

    #[test]
    fn cues_learning_and_an_unquantified_result() {
        let text = "The situation: churn was 8% last year. My goal was retention. So I built a win-back flow. \
                    In the end churn dropped. Next time I would test earlier.";
        let a = analyse(text, None);
        assert_eq!(a.star_cues.values().filter(|&&v| v).count(), 4);
        let json = serde_json::to_string(&a.star_cues).unwrap();
        assert_eq!(json, r#"{"situation":true,"task":true,"action":true,"result":true}"#);
        // The only number comes before the first result cue ("in the end").
        assert!(!a.result_quantified);
        assert!(a.learning);
        assert_eq!(a.numbers, ["8%"]);
    }

    #[test]
    fn a_word_inside_a_filler_phrase_is_not_counted_again() {
        let a = analyse("I feel like we’ll ship. I like it, like, a lot.", None);
        // "I feel like" once; "like" twice more on its own; We’ll is "we" with a curly apostrophe.
        assert_eq!(a.fillers.get("i feel like"), Some(&1));
        assert_eq!(a.fillers.get("like"), Some(&2));
        assert_eq!(a.we_count, 1);
    }

    #[test]
    fn empty_text_gives_zeros() {
        let a = analyse("  \n ", None);
        assert_eq!((a.words, a.i_count, a.we_count, a.fillers_per_100, a.speaking_secs), (0, 0, 0, 0.0, 0.0));
        assert!(a.numbers.is_empty() && a.fillers.is_empty() && !a.result_quantified && !a.learning);
    }

    #[test]
    fn key_terms_of_a_model_answer_used_and_missed() {
        let bank = Bank::bundled().unwrap();
        let q = bank.get("1").unwrap();
        let terms = key_terms(q, &bank);
        assert_eq!(terms.len(), KEY_TERMS);
        let first = terms[0].clone();
        let a = analyse(&format!("I talked about {first}s and nothing else."), Some((q, &bank)));
        assert_eq!(a.terms_used, std::slice::from_ref(&first), "a plural counts");
        assert_eq!(a.terms_missed.len(), KEY_TERMS - 1);
        assert_eq!(a.limit_secs, Some(180));
    }

    #[test]
    fn rubric_points_of_a_question_without_a_model_answer() {
        let bank = Bank::bundled().unwrap();
        let q = bank.questions.iter().find(|q| !q.has_answer()).expect("a question without a model answer");
        let points: Vec<&String> = q.principles.iter().flat_map(|p| bank.probes.rubric(*p)).collect();
        assert!(!points.is_empty());
        // Saying the first point in so many words covers it, and no key terms are checked.
        let a = analyse(points[0], Some((q, &bank)));
        assert_eq!(a.rubric_covered.first(), Some(points[0]));
        assert_eq!(a.rubric_covered.len() + a.rubric_missed.len(), points.len());
        assert!(a.terms_used.is_empty() && a.terms_missed.is_empty());
        let none = analyse("Nothing relevant here at all.", Some((q, &bank)));
        assert!(none.rubric_covered.is_empty());
        assert_eq!(none.rubric_missed.len(), points.len());
        // By hand: "Starts from a named customer and a real pain" has content words
        // starts/named/customer/pain (`from`, `real` are stop words or short); two of them cover it.
        let said: HashSet<&str> = ["customer", "pain"].into_iter().collect();
        assert!(covers(&said, "Starts from a named customer and a real pain"));
        let said: HashSet<&str> = ["customer"].into_iter().collect();
        assert!(!covers(&said, "Starts from a named customer and a real pain"));
        // A product-strategy question without a model answer is checked against its kind's points too.
        let mut product = q.clone();
        product.kind = crate::bank::Kind::ProductStrategy;
        let a = analyse("We set a success metric and guardrails to watch.", Some((&product, &bank)));
        assert!(
            a.rubric_covered.contains(&"Metrics: one success metric, with guardrails you would watch".to_string()),
            "{:?}",
            a.rubric_covered
        );
        assert_eq!(a.rubric_covered.len() + a.rubric_missed.len(), points.len() + 7);
        // A model-answer question carries no rubric lists, and JSON leaves them out.
        let with_answer = analyse("churn", Some((bank.get("1").unwrap(), &bank)));
        assert!(with_answer.rubric_missed.is_empty());
        assert!(!serde_json::to_string(&with_answer).unwrap().contains("rubric"));
    }

    proptest::proptest! {
        #[test]
        fn counts_never_exceed_words(text in "\\PC{0,400}") {
            let a = analyse(&text, None);
            proptest::prop_assert_eq!(word_count(&text), a.words, "the count is the words' number");
            proptest::prop_assert!(a.i_count + a.we_count <= a.words);
            proptest::prop_assert!(a.numbers.len() <= a.words);
            proptest::prop_assert!(a.fillers.values().sum::<usize>() <= a.words);
            proptest::prop_assert!(a.words > 0 || a.fillers_per_100 == 0.0);
        }
    }
}
