//! The Markdown report: the same evidence as the text report, for notes and CI summaries — a
//! study plan to keep with interview notes.

use std::fmt::Write as _;

use super::Report;
use crate::mark::key_display;
use crate::prompt::text::sanitize;

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    headline(r, &mut out);
    by_level(r, &mut out);
    by_section(r, &mut out);
    study_plan(r, &mut out);
    missed(r, &mut out);
    out
}

fn headline(r: &Report, out: &mut String) {
    let s = r.session;
    let _ = writeln!(out, "# levelcheck report\n");
    let _ = writeln!(out, "**Level reached: {}**\n", r.level_title());
    let interrupted = if s.interrupted { " · interrupted" } else { "" };
    let _ = writeln!(
        out,
        "{} questions · {} form · seed `{}`{interrupted}\n",
        s.records.len(),
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

fn by_level(r: &Report, out: &mut String) {
    let _ = writeln!(
        out,
        "## By level\n\n| level | correct | asked | result |\n| --- | ---: | ---: | --- |"
    );
    for l in &r.score.levels {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            md(&r.level_name(&l.level)),
            l.tally.correct,
            l.tally.asked,
            l.verdict().label()
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

/// Weak areas, lowest level and most important topic first, each with where to read and how to drill.
fn study_plan(r: &Report, out: &mut String) {
    let _ = writeln!(out, "\n## Study plan: weak areas first\n");
    if r.score.weak_areas.is_empty() {
        let none = if r.score.thin_sections.is_empty() {
            "None at or just above this level in this run."
        } else {
            "No section had enough questions to call it weak; run a focused check with `levelcheck take --section <id>`."
        };
        let _ = writeln!(out, "{none}");
    }
    for (n, w) in r.score.weak_areas.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. **{} · {}** — {}/{}",
            n + 1,
            r.level_name(&w.level),
            r.section_name(&w.section),
            w.tally.correct,
            w.tally.asked
        );
        for t in &w.topics {
            let _ = writeln!(out, "   - {}", md(&r.topic_name(t)));
        }
        for url in &w.references {
            let _ = writeln!(out, "   - <{}>", md(url));
        }
        let _ = writeln!(
            out,
            "   - drill it: `levelcheck practice --section {}`",
            w.section
        );
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
