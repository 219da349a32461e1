//! The bundled banks, through the library: what `list`, `show` and the drill will read. `bank()` is the
//! seed bank (questions 1–10, `questions/amazon-pm.yaml`); `all()` is everything bundled.

use stardrill::bank::{Bank, Block, Bullet, Kind, Principle, Question, Star};
use stardrill::filter::Filter;

#[path = "common/bundled.rs"]
mod bundled;
use bundled::IDS;

const LEVELS: [&str; 10] = ["L6-L7", "L5-L6", "L5-L6", "L5-L6", "L6-L7", "L5-L6", "L6+", "L5-L6", "L5-L6", "L6-L7"];

fn all() -> Bank {
    Bank::bundled().unwrap_or_else(|e| panic!("the bundled bank does not load:\n{e}"))
}

/// The seed bank alone.
fn bank() -> Bank {
    all().only_banks(&["amazon-pm"])
}

fn question(bank: &Bank, number: u32) -> &Question {
    bank.find(&number.to_string()).unwrap_or_else(|| panic!("no question {number}"))
}

/// Every block of a section, depth first.
fn blocks(b: &Block) -> Vec<&Block> {
    let mut out = vec![b];
    for sub in &b.subsections {
        out.extend(blocks(sub));
    }
    out
}

fn all_blocks(q: &Question) -> Vec<&Block> {
    q.answer.iter().flat_map(|s| blocks(&s.block)).collect()
}

#[test]
fn bundled_bank_loads_with_ten_questions_in_seed_order() {
    let ids: Vec<String> = all().files.iter().map(|f| f.id.clone()).collect();
    assert_eq!(ids, ["amazon-pm", "amazon-lp"], "both banks are bundled, the seed first");
    let bank = bank();
    assert_eq!(bank.files.len(), 1);
    assert_eq!(bank.files[0].id, "amazon-pm");
    assert!(!bank.files[0].description.trim().is_empty(), "the overview paragraph is the bank's description");
    let numbers: Vec<u32> = bank.questions.iter().map(|q| q.number).collect();
    assert_eq!(numbers, (1..=10).collect::<Vec<u32>>());
    let ids: Vec<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, IDS);
}

#[test]
fn levels_are_as_the_seed_writes_them() {
    let bank = bank();
    let levels: Vec<&str> = bank.questions.iter().map(|q| q.level_text.as_str()).collect();
    assert_eq!(levels, LEVELS);
}

#[test]
fn questions_are_found_by_number_and_by_id() {
    let bank = bank();
    for (i, id) in IDS.iter().enumerate() {
        let n = u32::try_from(i + 1).unwrap();
        assert_eq!(bank.find(id).map(|q| q.number), Some(n), "{id}");
        assert_eq!(bank.find(&format!("#{n}")).map(|q| q.id.as_str()), Some(*id));
    }
    assert!(bank.find("11").is_none());
    assert!(bank.find("no-such-question").is_none());
}

#[test]
fn every_question_has_at_least_three_principles() {
    for q in &bank().questions {
        assert!(q.principles.len() >= 3, "question {} has only {:?}", q.number, q.principle_names());
    }
}

#[test]
fn principles_the_seed_names_are_tagged() {
    let named: [(u32, &[&str]); 4] = [
        (1, &["Ownership", "Have Backbone; Disagree and Commit", "Deliver Results"]),
        (
            5,
            &[
                "Customer Obsession",
                "Bias for Action",
                "Think Big",
                "Dive Deep",
                "Are Right, A Lot",
                "Ownership",
                "Learn and Be Curious",
                "Insist on the Highest Standards",
            ],
        ),
        (8, &["Earn Trust", "Have Backbone; Disagree and Commit", "Ownership", "Think Big"]),
        (10, &["Customer Obsession", "Think Big", "Insist on the Highest Standards", "Dive Deep"]),
    ];
    let bank = bank();
    for (number, names) in named {
        let q = question(&bank, number);
        for name in names {
            let p = Principle::from_name(name).unwrap_or_else(|| panic!("\"{name}\" is not a canonical name"));
            assert!(q.principles.contains(&p), "question {number} lacks \"{name}\": {:?}", q.principle_names());
        }
    }
}

#[test]
fn every_question_covers_all_four_star_phases() {
    for q in &bank().questions {
        for star in Star::ALL {
            assert!(q.answer.iter().any(|s| s.star == star), "question {} has no {star} section", q.number);
        }
    }
}

#[test]
fn the_bank_has_95_sections() {
    assert_eq!(bank().section_count(), 95);
}

#[test]
fn q1_keeps_its_labelled_bullets() {
    let bank = bank();
    let q = question(&bank, 1);
    assert_eq!(q.kind, Kind::Behavioral);
    let section = q.answer.iter().find(|s| s.heading() == "Stakeholder Complexity").expect("Stakeholder Complexity");
    assert_eq!(section.star, Star::Task);
    assert_eq!(
        section.block.bullets.first(),
        Some(&Bullet::Labelled {
            label: "Engineering Teams".into(),
            text: "Wanted 6-month technical debt cleanup before integration".into(),
        })
    );
    assert!(
        section
            .lines()
            .contains(&"- Engineering Teams: Wanted 6-month technical debt cleanup before integration".into())
    );
}

#[test]
fn q2_nests_microservices_under_core_architectural_principles() {
    let bank = bank();
    let q = question(&bank, 2);
    let core = q.answer.iter().find(|s| s.heading() == "Core Architectural Principles").expect("the section");
    let subs: Vec<&str> = core.block.subsections.iter().map(|b| b.heading.as_str()).collect();
    assert!(subs.contains(&"Microservices Architecture"), "{subs:?}");
    let micro = &core.block.subsections[subs.iter().position(|h| *h == "Microservices Architecture").unwrap()];
    assert_eq!(micro.bullets.first().and_then(Bullet::label), Some("Service Decomposition"));
    assert!(q.contains_text("graviton"), "Q2's answer mentions Graviton");
}

#[test]
fn q7_keeps_its_numbered_sub_heading() {
    let bank = bank();
    let headings: Vec<&str> = all_blocks(question(&bank, 7)).iter().map(|b| b.heading.as_str()).collect();
    assert!(headings.contains(&"1. AWS Cost Intelligence Suite"), "{headings:?}");
    // The numbering is the seed's and is not carried by the top level.
    assert!(!question(&bank, 7).answer.iter().any(|s| s.heading() == "1. AWS Cost Intelligence Suite"));
}

#[test]
fn q8_has_unlabelled_bullets() {
    let bank = bank();
    let q = question(&bank, 8);
    let plain: Vec<&str> =
        all_blocks(q).iter().flat_map(|b| &b.bullets).filter(|b| b.label().is_none()).map(Bullet::text).collect();
    assert!(
        plain.contains(&"Delivered on all commitments made during consensus-building process"),
        "unlabelled bullets of Q8: {plain:?}"
    );
    let earn_trust = all_blocks(q).into_iter().find(|b| b.heading == "Earn Trust").expect("an Earn Trust block");
    assert!(earn_trust.bullets.iter().all(|b| b.label().is_none()));
}

#[test]
fn no_text_is_blank_and_every_section_has_content() {
    for q in &bank().questions {
        assert!(!q.prompt.trim().is_empty() && !q.title.trim().is_empty(), "question {}", q.number);
        for s in &q.answer {
            assert!(s.lines().len() > 1 || s.block.text.is_some(), "question {} section {:?}", q.number, s.heading());
            assert!(s.lines().iter().all(|l| !l.trim().is_empty()), "question {} {:?}", q.number, s.heading());
        }
    }
}

fn filtered(filter: &Filter) -> Vec<u32> {
    filter.apply(&bank().questions).iter().map(|q| q.number).collect()
}

#[test]
fn level_filter_table() {
    let cases: [(&str, &[u32]); 7] = [
        ("L5", &[2, 3, 4, 6, 8, 9]),
        ("l5", &[2, 3, 4, 6, 8, 9]),
        ("7", &[1, 5, 7, 10]),
        ("L7", &[1, 5, 7, 10]),
        ("L6", &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        ("L8", &[7]),
        ("L4", &[]),
    ];
    for (text, want) in cases {
        let level = stardrill::bank::level::parse_level(text).unwrap();
        let f = Filter { levels: vec![level], ..Filter::default() };
        assert_eq!(filtered(&f), want, "--level {text}");
    }
}

#[test]
fn principle_filter_table() {
    let cases: [(&str, &[u32]); 3] = [("backbone", &[1, 8]), ("earn trust", &[8]), ("results", &[1])];
    for (text, must) in cases {
        let p = Principle::lookup(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let got = filtered(&Filter { principles: vec![p], ..Filter::default() });
        for n in must {
            assert!(got.contains(n), "--lp {text}: {got:?} lacks {n}");
        }
        let expected: Vec<u32> =
            bank().questions.iter().filter(|q| q.principles.contains(&p)).map(|q| q.number).collect();
        assert_eq!(got, expected, "--lp {text}");
    }
}

#[test]
fn different_filters_and_repeated_ones_or() {
    let l7 = Filter { levels: vec![7], ..Filter::default() };
    let behavioral = Filter { kinds: vec![Kind::Behavioral], ..Filter::default() };
    let both = Filter { levels: vec![7], kinds: vec![Kind::Behavioral], ..Filter::default() };
    let want: Vec<u32> = filtered(&l7).into_iter().filter(|n| filtered(&behavioral).contains(n)).collect();
    assert!(!want.is_empty());
    assert_eq!(filtered(&both), want);
    assert!(filtered(&both).len() < filtered(&l7).len());

    let either = Filter { texts: vec!["graviton".into(), "alexa".into()], ..Filter::default() };
    let graviton = filtered(&Filter { texts: vec!["graviton".into()], ..Filter::default() });
    let alexa = filtered(&Filter { texts: vec!["alexa".into()], ..Filter::default() });
    let mut union: Vec<u32> = graviton.iter().chain(&alexa).copied().collect();
    union.sort();
    union.dedup();
    assert_eq!(filtered(&either), union);
    assert!(union.len() > graviton.len());
}

// The Leadership Principles bank and the probes.

/// The bundled questions of `questions/amazon-lp.yaml`.
fn lp() -> Bank {
    all().only_banks(&["amazon-lp"])
}

/// FNV-1a, 64 bits: enough to notice any change to a file.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

#[test]
fn the_seed_bank_is_still_the_seed_byte_for_byte() {
    // The file as first committed (af3b98b); it is never edited, so history and the seed agree.
    let seed = include_bytes!("../questions/amazon-pm.yaml");
    assert_eq!((seed.len(), fnv1a(seed)), (87043, 0x0fd3_d204_35b0_d450), "questions/amazon-pm.yaml has changed");
}

#[test]
fn every_principle_has_three_questions_of_the_lp_bank_and_is_the_first_of_one() {
    let lp = lp();
    assert!(lp.questions.len() >= 48, "{} questions", lp.questions.len());
    for p in Principle::all() {
        let probing = lp.questions.iter().filter(|q| q.principles.contains(&p)).count();
        assert!(probing >= 3, "{p}: {probing} questions");
        let first = lp.questions.iter().filter(|q| q.principles.first() == Some(&p)).count();
        assert!(first >= 3, "{p}: only {first} questions target it first");
    }
}

#[test]
fn lp_questions_are_behavioural_two_or_three_minutes_numbered_from_101_with_their_own_probes() {
    let lp = lp();
    let numbers: Vec<u32> = lp.questions.iter().map(|q| q.number).collect();
    let want: Vec<u32> = (101..101 + u32::try_from(numbers.len()).unwrap()).collect();
    assert_eq!(numbers, want);
    for q in &lp.questions {
        assert_eq!(q.kind, Kind::Behavioral, "{}", q.id);
        assert!((2..=3).contains(&q.minutes), "{}: {} minutes", q.id, q.minutes);
        assert!((2..=4).contains(&q.probes.len()), "{}: {} probes", q.id, q.probes.len());
        assert!(!q.has_answer(), "{}: the LP bank has no model answers", q.id);
        assert!(q.prompt.ends_with(['.', '?']), "{}: {:?}", q.id, q.prompt);
        assert!(q.id.starts_with("lp-"), "{}", q.id);
    }
}

#[test]
fn no_question_text_is_duplicated_across_the_bundled_banks() {
    let all = all();
    let mut seen = std::collections::HashMap::new();
    for q in &all.questions {
        for text in [&q.title, &q.prompt].into_iter().chain(&q.probes) {
            let key = stardrill::text::fold(text);
            if let Some(other) = seen.insert(key, q.number) {
                assert!(
                    other == q.number && q.probes.contains(text),
                    "\"{text}\" in questions {other} and {}",
                    q.number
                );
            }
        }
    }
}

#[test]
fn every_principle_has_five_probes_and_a_rubric_and_there_are_general_probes() {
    let book = all().probes;
    assert!(book.general.len() >= 3, "{:?}", book.general);
    for wanted in ["What was the result, in numbers?", "What would you do differently", "Give me another example"] {
        assert!(book.general.iter().any(|g| g.starts_with(wanted)), "no general probe \"{wanted}\"");
    }
    for p in Principle::all() {
        assert!(book.probes(p).len() >= 5, "{p}: {} probes", book.probes(p).len());
        assert!((3..=5).contains(&book.rubric(p).len()), "{p}: {} rubric points", book.rubric(p).len());
    }
    assert_eq!(book.principles.len(), 16, "one entry per principle");
}
