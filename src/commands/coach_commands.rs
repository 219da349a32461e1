//! `stardrill insights`: the coach's offline analysis of a text.

use std::io::{Read, Write};

use super::{CmdResult, Failure, load};
use crate::cli::{GlobalArgs, InsightsArgs};
use crate::coach::insights::{self, Insights};
use crate::format::{mmss, plural};
use crate::text::{visible, visible_line};

/// The longest text read (a two-hour transcript is about 100 KB).
const MAX_BYTES: u64 = 1 << 20;

fn read_text(args: &InsightsArgs) -> Result<String, Failure> {
    let name = args.file.display().to_string();
    let mut bytes = Vec::new();
    let read = if name == "-" {
        std::io::stdin().lock().take(MAX_BYTES + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(&args.file).and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
    };
    let shown = if name == "-" { "standard input".to_string() } else { visible_line(&name).into_owned() };
    read.map_err(|e| Failure::data(format!("cannot read {shown}: {e}")))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Failure::data(format!("{shown} is longer than 1 MiB; insights read at most that")));
    }
    String::from_utf8(bytes).map_err(|e| {
        Failure::data(format!("{shown} is not UTF-8 text (byte {} is not valid)", e.utf8_error().valid_up_to() + 1))
    })
}

pub fn insights(global: &GlobalArgs, args: &InsightsArgs, out: &mut dyn Write) -> CmdResult {
    let text = read_text(args)?;
    let bank = match &args.question {
        Some(_) => Some(load(global)?),
        None => None,
    };
    let question = match (&args.question, &bank) {
        (Some(key), Some(bank)) => Some((bank.lookup(key)?, bank)),
        _ => None,
    };
    let a = insights::analyse(&text, question);
    if args.json {
        return super::write_json(out, &a);
    }
    write_text(&a, out)
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

fn write_text(a: &Insights, out: &mut dyn Write) -> CmdResult {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let spoken = mmss(a.speaking_secs.round() as u64);
    let limit = a.limit_secs.map_or(String::new(), |l| {
        let over = if a.speaking_secs > l as f64 { ", over it" } else { "" };
        format!(" (limit {}{over})", mmss(l))
    });
    writeln!(out, "{} · about {spoken} spoken at 140 a minute{limit}", plural(a.words, "word"))?;
    writeln!(out, "I {} · we {}", a.i_count, a.we_count)?;
    let numbers = if a.numbers.is_empty() { "none".to_string() } else { visible(&a.numbers.join(", ")).into_owned() };
    writeln!(out, "Numbers: {numbers} · result quantified: {}", yes(a.result_quantified))?;
    let total: usize = a.fillers.values().sum();
    let list: Vec<String> = a.fillers.iter().map(|(w, n)| format!("{w} {n}")).collect();
    let list = if list.is_empty() { String::new() } else { format!(": {}", list.join(", ")) };
    writeln!(out, "Fillers: {total} ({} per 100 words){list}", a.fillers_per_100)?;
    let cues: Vec<String> =
        crate::bank::Star::ALL.iter().map(|&p| format!("{} {}", p.key(), yes(a.star_cues[p]))).collect();
    writeln!(out, "STAR cues: {}", cues.join(" · "))?;
    writeln!(out, "Learning stated: {}", yes(a.learning))?;
    if !a.terms_used.is_empty() || !a.terms_missed.is_empty() {
        let n = a.terms_used.len() + a.terms_missed.len();
        writeln!(out, "Key terms used ({}/{n}): {}", a.terms_used.len(), a.terms_used.join(", "))?;
        writeln!(out, "Key terms missed: {}", a.terms_missed.join(", "))?;
    }
    if !a.rubric_covered.is_empty() || !a.rubric_missed.is_empty() {
        let n = a.rubric_covered.len() + a.rubric_missed.len();
        writeln!(out, "Rubric points covered ({}/{n}):", a.rubric_covered.len())?;
        for point in &a.rubric_covered {
            writeln!(out, "  + {}", visible(point))?;
        }
        for point in &a.rubric_missed {
            writeln!(out, "  - {} (not covered)", visible(point))?;
        }
    }
    Ok(())
}
