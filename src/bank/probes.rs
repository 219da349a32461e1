//! Follow-up probes and rubrics: what an interviewer assigned a Leadership Principle asks after the first
//! answer, and what a strong answer for that principle shows. Read from a probes file
//! (`questions/probes.yaml`), validated as strictly as a bank: every problem at its file:line:col.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::Principle;
use super::load::{
    Ctx, Problem, Source, parse_as, probe_texts, second_entry, shape_error, unknown_fields, without_odd_keys,
};

/// The most probes or rubric points one principle may carry.
pub const MAX_PER_PRINCIPLE: usize = 40;

/// Every principle's probes and rubric, and the general probes any principle may use.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProbeBook {
    /// Asked of any question once its own and its principles' probes are used up.
    pub general: Vec<String>,
    /// At most one entry per principle, in Amazon's order.
    pub principles: Vec<PrincipleProbes>,
}

/// One principle's entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrincipleProbes {
    pub principle: Principle,
    /// What a strong answer for the principle shows.
    pub rubric: Vec<String>,
    pub probes: Vec<String>,
}

impl ProbeBook {
    pub fn of(&self, p: Principle) -> Option<&PrincipleProbes> {
        self.principles.iter().find(|e| e.principle == p)
    }

    pub fn probes(&self, p: Principle) -> &[String] {
        self.of(p).map_or(&[], |e| &e.probes)
    }

    pub fn rubric(&self, p: Principle) -> &[String] {
        self.of(p).map_or(&[], |e| &e.rubric)
    }

    pub fn is_empty(&self) -> bool {
        self.general.is_empty() && self.principles.is_empty()
    }
}

/// A probes file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(expecting = "a probes file: a mapping with `general` and `principles`")]
pub struct ProbesFile {
    #[serde(default)]
    pub general: Vec<String>,
    /// Each read on its own, so one malformed entry does not hide the problems of the others.
    pub principles: Vec<serde_yaml::Value>,
}

/// One principle's entry as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(expecting = "a principle's probes: a mapping with `principle`, `rubric` and `probes`")]
pub struct PrincipleProbesYaml {
    pub principle: String,
    #[serde(default)]
    pub rubric: Vec<String>,
    pub probes: Vec<String>,
}

/// Whether a file is a probes file rather than a bank: its name is `probes.yaml` (or `.yml`), in a bank
/// directory or given on its own.
pub fn is_probes_file(name: &str) -> bool {
    super::load::is_named(name, &["probes.yaml", "probes.yml"])
}

/// Parse and validate one probes file.
pub fn load(source: &Source) -> Result<ProbeBook, Vec<Problem>> {
    let (file, positions, mut problems) = parse_as::<ProbesFile>(
        source,
        "the file is empty: expected probes with `general` and `principles` (a list of `principle`, `rubric`, `probes`)",
    )?;
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    let ctx = Ctx { file: &source.name, text, positions: &positions };
    let general = probe_texts(&ctx, "general", "general probes", "probe", &file.general, &mut problems);
    let mut seen: HashMap<Principle, usize> = HashMap::new();
    let mut principles = Vec::new();
    for (i, value) in file.principles.iter().enumerate() {
        let path = format!("principles.{i}");
        let label = format!("principle entry {}", i + 1);
        unknown_fields::<PrincipleProbesYaml>(&ctx, &path, value, &label, &mut problems);
        let entry: PrincipleProbesYaml = match serde_path_to_error::deserialize(without_odd_keys(value)) {
            Ok(entry) => entry,
            Err(e) => {
                let (at, message) = shape_error(&path, &e);
                problems.push(ctx.at(&at, format!("{label}: {message}")));
                continue;
            }
        };
        let at = format!("{path}.principle");
        if let Some(p) = ctx.controls(&at, &format!("{label}: `principle`"), &entry.principle, true) {
            problems.push(p);
            continue;
        }
        let Some(principle) = Principle::from_name(&entry.principle) else {
            let hint = match Principle::suggest(&entry.principle) {
                Some(p) => format!("did you mean \"{}\"?", p.name()),
                None => "expected one of the 16 canonical names (see `stardrill principles`)".to_string(),
            };
            problems
                .push(ctx.at(&at, format!("{label}: unknown Leadership Principle \"{}\": {hint}", entry.principle)));
            continue;
        };
        let label = principle.name().to_string();
        if let Some(first) = seen.get(&principle) {
            let first = format!("principles.{first}.principle");
            problems.push(second_entry(&ctx, &at, &first, &label, "put all its probes in one entry"));
            continue;
        }
        seen.insert(principle, i);
        for (field, list) in [("rubric", &entry.rubric), ("probes", &entry.probes)] {
            if list.len() > MAX_PER_PRINCIPLE {
                problems.push(ctx.at(
                    &format!("{path}.{field}"),
                    format!("{label}: {} {field} entries: at most {MAX_PER_PRINCIPLE}", list.len()),
                ));
            }
        }
        if entry.probes.is_empty() {
            problems.push(ctx.at(&format!("{path}.probes"), format!("{label}: no probes: expected at least one")));
        }
        let rubric = probe_texts(&ctx, &format!("{path}.rubric"), &label, "rubric point", &entry.rubric, &mut problems);
        let probes = probe_texts(&ctx, &format!("{path}.probes"), &label, "probe", &entry.probes, &mut problems);
        principles.push(PrincipleProbes { principle, rubric, probes });
    }
    if problems.is_empty() {
        principles.sort_by_key(|e| e.principle);
        Ok(ProbeBook { general, principles })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<ProbeBook, Vec<String>> {
        load(&Source { name: "p.yaml".into(), text: text.into() })
            .map_err(|ps| ps.iter().map(Problem::to_string).collect())
    }

    #[test]
    fn a_probes_file_reads_into_principle_order() {
        let book = load_text(
            "general:\n- Numbers?\nprinciples:\n- principle: Frugality\n  rubric: [Less]\n  probes: [What did it cost?]\n\
             - principle: customer obsession\n  probes: [Who was it?]\n",
        )
        .unwrap();
        assert_eq!(book.general, ["Numbers?"]);
        let order: Vec<&str> = book.principles.iter().map(|e| e.principle.name()).collect();
        assert_eq!(order, ["Customer Obsession", "Frugality"]);
        let frugality = Principle::lookup("frugality").unwrap();
        assert_eq!(book.probes(frugality), ["What did it cost?"]);
        assert_eq!(book.rubric(frugality), ["Less"]);
        assert!(book.rubric(Principle::lookup("dive deep").unwrap()).is_empty());
    }

    #[test]
    fn every_problem_is_named_at_its_place() {
        let text = "general:\n- Numbers?\n- numbers?\nprinciples:\n- principle: Custmer Obsession\n  probes: [a]\n\
                    - principle: Frugality\n  probes:\n  - Cost?\n  - Cost?\n  colour: red\n\
                    - principle: Frugality\n  probes: [b]\n- principle: Dive Deep\n  probes: []\n";
        let problems = load_text(text).unwrap_err();
        let want = [
            "p.yaml:3:3: general probes: probe \"numbers?\" is listed twice (also at p.yaml:2:3)",
            "p.yaml:5:14: principle entry 1: unknown Leadership Principle \"Custmer Obsession\": did you mean \"Customer Obsession\"?",
            "p.yaml:11:3: principle entry 2: unknown field `colour`, expected one of `principle`, `rubric`, `probes`",
            "p.yaml:10:5: Frugality: probe \"Cost?\" is listed twice (also at p.yaml:9:5)",
            "p.yaml:12:14: \"Frugality\" has a second entry: also at p.yaml:7:14; put all its probes in one entry",
            "p.yaml:15:11: Dive Deep: no probes: expected at least one",
        ];
        assert_eq!(problems, want);
    }

    #[test]
    fn bad_shapes_and_control_characters_are_problems_not_panics() {
        let e = load_text("").unwrap_err();
        assert!(e[0].starts_with("p.yaml: the file is empty: expected probes"), "{e:?}");
        let e = load_text("general: x\nprinciples: []\n").unwrap_err();
        assert!(e[0].starts_with("p.yaml:1:10: general: invalid type: string"), "{e:?}");
        let e = load_text("principles:\n- principle: Frugality\n  probes: [\"a\\e[2J\"]\n").unwrap_err();
        assert!(e[0].starts_with("p.yaml:3:12: Frugality: a probe holds control character ^["), "{e:?}");
        let e = load_text("principles:\n- 3\n").unwrap_err();
        assert!(e[0].starts_with("p.yaml:2:3: principle entry 1: invalid type: integer `3`"), "{e:?}");
    }

    #[test]
    fn probes_files_are_known_by_name() {
        for name in ["probes.yaml", "questions/probes.yml", "questions/probes.yaml (bundled)", "a\\probes.yaml"] {
            assert!(is_probes_file(name), "{name}");
        }
        for name in ["my-probes.yaml", "probes.json", "questions/amazon-lp.yaml"] {
            assert!(!is_probes_file(name), "{name}");
        }
    }
}
