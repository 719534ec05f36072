//! The Markdown report: the same evidence as the text report, for notes and CI summaries — a
//! study plan to keep with interview notes.

use std::fmt::Write as _;

use super::{Report, confidence};
use crate::engine::areas::AreaVerdict;
use crate::mark::key_display;
use crate::text::sanitize;

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    headline(r, &mut out);
    by_level(r, &mut out);
    by_section(r, &mut out);
    study_plan(r, &mut out);
    confidence(r, &mut out);
    missed(r, &mut out);
    out
}

fn headline(r: &Report, out: &mut String) {
    let s = r.session;
    let _ = writeln!(out, "# levelcheck report\n");
    let _ = writeln!(out, "**{}**\n", md(&r.headline()));
    let interrupted = if s.interrupted { " · interrupted" } else { "" };
    let _ = writeln!(
        out,
        "{} · {} form · seed `{}`{interrupted}\n",
        crate::text::count(s.records.len(), "question"),
        r.mode,
        s.seed
    );
    if let (Some(line), Some(est)) = (r.probability_line(), &r.score.estimate) {
        let _ = writeln!(
            out,
            "{line} · ability {:+.2} ± {:.2}\n",
            est.ability, est.standard_error
        );
    }
    if let Some(line) = r.track_line() {
        let _ = writeln!(out, "{line}\n");
    }
    if let Some(next) = r.next_step() {
        let _ = writeln!(out, "Next step — {next}\n");
    }
}

/// One row per level; the last column is the model's probability (adaptive, the headline's own
/// view) or the rubric's verdict (fixed).
fn by_level(r: &Report, out: &mut String) {
    let adaptive = r.score.estimate.is_some();
    let (title, align) = if adaptive {
        ("probability reached", "---:")
    } else {
        ("result", "---")
    };
    let _ = writeln!(
        out,
        "## By level\n\n| level | correct | asked | {title} |\n| --- | ---: | ---: | {align} |"
    );
    for l in &r.score.levels {
        let result = if adaptive {
            format!("{:.0}%", l.probability_reached.unwrap_or(0.0) * 100.0)
        } else {
            l.verdict().label().to_string()
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {result} |",
            md(&r.level_name(&l.level)),
            l.tally.correct,
            l.tally.asked
        );
    }
}

fn by_section(r: &Report, out: &mut String) {
    let _ = writeln!(
        out,
        "\n## By section\n\n| section | correct | asked |\n| --- | ---: | ---: |"
    );
    for sec in &r.score.sections {
        let _ = writeln!(
            out,
            "| {} · {} | {} | {} |",
            md(&r.level_name(&sec.level)),
            md(&r.section_name(&sec.section)),
            sec.tally.correct,
            sec.tally.asked
        );
    }
}

/// Areas judged weak or possibly weak (adaptive) or weak sections (fixed), then every topic
/// missed with where to read and how to drill.
fn study_plan(r: &Report, out: &mut String) {
    let _ = writeln!(out, "\n## Study plan\n");
    let flagged: Vec<_> = r
        .score
        .areas
        .iter()
        .filter(|a| matches!(a.verdict, AreaVerdict::Weak | AreaVerdict::PossibleGap))
        .collect();
    for a in &flagged {
        let _ = writeln!(
            out,
            "- **{}** — {} ({}/{} right); focus on it: `{}`",
            md(&a.title),
            a.verdict.label(),
            a.correct,
            a.asked,
            r.hint("take", "--area", &a.id)
        );
    }
    for w in &r.score.weak_areas {
        let _ = writeln!(
            out,
            "- **{} · {}** — weak ({}/{} right); drill it: `{}`",
            md(&r.level_name(&w.level)),
            md(&r.section_name(&w.section)),
            w.tally.correct,
            w.tally.asked,
            r.hint("practice", "--section", &w.section)
        );
    }
    if flagged.is_empty() && r.score.weak_areas.is_empty() {
        let _ = writeln!(out, "No area was weak on the evidence of this run.");
    }
    if r.score.missed.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### Topics you missed\n");
    for m in &r.score.missed {
        let _ = writeln!(
            out,
            "- {} · {} (missed {}) — drill it: `{}`",
            md(&r.level_name(&m.level)),
            md(&r.topic_name(&m.topic)),
            m.missed,
            r.hint("practice", "--topic", &m.topic)
        );
        for url in &m.references {
            let _ = writeln!(out, "  - <{}>", md(url));
        }
    }
}

/// The text report's confidence block (`--confidence`), line for line.
fn confidence(r: &Report, out: &mut String) {
    let Some(c) = confidence::block(r) else {
        return;
    };
    let _ = writeln!(out, "\n## {}\n", md(&c.title));
    for (label, correct, asked) in &c.rows {
        let _ = writeln!(out, "- {label}: {correct}/{asked} right");
    }
    let _ = writeln!(out, "\n{}", md(&c.verdict));
    if c.confidently_wrong.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}\n", confidence::CONFIDENTLY_WRONG);
    for (heading, prompts) in &c.confidently_wrong {
        let _ = writeln!(out, "- {}:", md(heading));
        for text in prompts {
            let _ = writeln!(out, "  - {}", md(text));
        }
    }
}

fn missed(r: &Report, out: &mut String) {
    let missed: Vec<_> = r.session.records.iter().filter(|x| !x.correct).collect();
    if missed.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## Missed questions\n");
    for rec in missed {
        let q = &r.bank.questions[rec.question];
        let _ = writeln!(
            out,
            "- **{}** — {}\n  - your answer: {}\n  - right answer: {}\n  - {}",
            md(&q.id),
            md(&q.prompt),
            md(&rec.given.display()),
            md(&key_display(q)),
            md(&q.explanation)
        );
    }
}

/// Keeps text from breaking the Markdown structure (tables, lists), and from reaching a terminal
/// that shows the report with an escape sequence in it (answers come from files too).
fn md(s: &str) -> String {
    sanitize(s).replace('\n', " ").replace('|', "\\|")
}
