//! The human report: the level reached, the evidence with bars, weak areas with study links.

use std::fmt::Write as _;

use console::style;

use super::{Report, bar};
use crate::mark::{feedback_for, key_display};
use crate::prompt::text::{sanitize, wrap};
use crate::score::Verdict;

pub fn render(r: &Report, color: bool) -> String {
    console::set_colors_enabled(color);
    let mut out = String::new();
    headline(r, &mut out);
    by_level(r, &mut out);
    by_section(r, &mut out);
    weak(r, &mut out);
    calibration(r, &mut out);
    out
}

fn headline(r: &Report, out: &mut String) {
    let s = r.session;
    let mins = s.elapsed.as_secs() / 60;
    let secs = s.elapsed.as_secs() % 60;
    let _ = writeln!(out, "\n{}", style("━━ levelcheck report ━━").bold());
    if s.interrupted {
        let _ = writeln!(
            out,
            "{}",
            style("Interrupted: this report covers only the questions answered so far.").yellow()
        );
    }
    let _ = writeln!(
        out,
        "Level reached: {}",
        style(r.level_title()).bold().cyan()
    );
    if let (Some(line), Some(est)) = (r.probability_line(), &r.score.estimate) {
        let _ = writeln!(out, "  {line}");
        let _ = writeln!(
            out,
            "  ability {:+.2} ± {:.2} (standard error)",
            est.ability, est.standard_error
        );
    }
    let _ = writeln!(
        out,
        "  {} question{} · {}m {:02}s · {} form · seed {} (replay: {})",
        s.records.len(),
        if s.records.len() == 1 { "" } else { "s" },
        mins,
        secs,
        r.mode,
        s.seed,
        r.replay_hint()
    );
    if let Some(i) = r.score.reached {
        let _ = writeln!(
            out,
            "  {}: {}",
            r.bank.roadmap.levels[i].title, r.bank.roadmap.levels[i].goal
        );
    }
    if let Some(line) = r.track_line() {
        let _ = writeln!(out, "  {line}");
    }
    if let Some(next) = r.next_step() {
        let _ = writeln!(out, "  Next step — {next}");
    }
}

fn by_level(r: &Report, out: &mut String) {
    let _ = writeln!(out, "\n{}", style("By level").bold());
    let min = r.bank.roadmap.rubric.min_evidence;
    for l in &r.score.levels {
        let t = l.tally;
        let label = l.verdict().label().to_string();
        let note = match l.verdict() {
            Verdict::NotTested => style(label).dim(),
            Verdict::NotEnoughEvidence => {
                style(format!("{label} ({} of {min} needed)", t.asked)).yellow()
            }
            Verdict::Passed => style(label).green(),
            Verdict::BelowPassMark => style(label).red(),
        };
        let _ = writeln!(
            out,
            "  {:<14} {:>2}/{:<2} {} {:>4}  {note}",
            r.level_name(&l.level),
            t.correct,
            t.asked,
            bar(t.share(), 10),
            percent(t.share(), t.asked)
        );
    }
}

fn by_section(r: &Report, out: &mut String) {
    let _ = writeln!(out, "\n{}", style("By section").bold());
    for s in &r.score.sections {
        let name = format!(
            "{} · {}",
            r.level_name(&s.level),
            r.section_name(&s.section)
        );
        let t = s.tally;
        let _ = writeln!(
            out,
            "  {name:<38} {:>2}/{:<2} {} {:>4}",
            t.correct,
            t.asked,
            bar(t.share(), 10),
            percent(t.share(), t.asked)
        );
    }
}

/// How well confidence matched results (`--confidence`).
fn calibration(r: &Report, out: &mut String) {
    let Some(c) = crate::confidence::calibration(r.bank, &r.session.records) else {
        return;
    };
    let _ = writeln!(
        out,
        "\n{}",
        style(format!("Confidence ({} rated answers)", c.rated)).bold()
    );
    for t in &c.by_rating {
        let _ = writeln!(
            out,
            "  {:<12} {:>2}/{:<2} right",
            t.rating.label(),
            t.correct,
            t.asked
        );
    }
    let verdict = match c.overconfidence {
        x if x > 0.05 => format!("over-confident by {:.0} points", x * 100.0),
        x if x < -0.05 => format!("under-confident by {:.0} points", -x * 100.0),
        _ => "well calibrated".to_string(),
    };
    let _ = writeln!(
        out,
        "  {verdict} · Brier score {:.2} (0 is perfect)",
        c.brier
    );
    if !c.confidently_wrong.is_empty() {
        let _ = writeln!(
            out,
            "  Confidently wrong — the misconceptions to fix first:"
        );
        for (section, ids) in &c.confidently_wrong {
            let level = r
                .bank
                .roadmap
                .section(section)
                .map(|s| r.level_name(&s.level))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    {level} · {}: {}",
                r.section_name(section),
                ids.join(", ")
            );
        }
    }
}

fn weak(r: &Report, out: &mut String) {
    thin(r, out);
    if r.score.weak_areas.is_empty() {
        let msg = if r.score.thin_sections.is_empty() {
            style("No weak areas at or just above your level in this run.").green()
        } else {
            // Adaptive runs name a weak area only on enough evidence; don't read silence as praise.
            style("No section had enough questions to call it weak: see the thin evidence above.")
                .yellow()
        };
        let _ = writeln!(out, "\n{msg}");
        return;
    }
    let _ = writeln!(out, "\n{}", style("Weak areas — study these first").bold());
    for (n, w) in r.score.weak_areas.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}. {} · {} — {}/{}",
            n + 1,
            r.level_name(&w.level),
            r.section_name(&w.section),
            w.tally.correct,
            w.tally.asked
        );
        for t in &w.topics {
            let priority = r
                .bank
                .roadmap
                .topic(t)
                .map(|t| format!("{:?}", t.priority))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "     • {} {}",
                r.topic_name(t),
                style(format!("({})", kebab(&priority))).dim()
            );
        }
        for url in &w.references {
            let _ = writeln!(out, "       → {}", sanitize(url));
        }
        let drill = format!("drill it: levelcheck practice --section {}", w.section);
        let _ = writeln!(out, "     {}", style(drill).dim());
    }
}

/// The missed questions with their keys and explanations, for review at the end.
pub fn review(r: &Report, width: usize) -> String {
    let mut out = String::new();
    let missed: Vec<_> = r.session.records.iter().filter(|x| !x.correct).collect();
    if missed.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "\n{}",
        style(format!("Review — {} missed", missed.len())).bold()
    );
    for rec in missed {
        let q = &r.bank.questions[rec.question];
        let _ = writeln!(out, "\n{}", style(wrap(&q.prompt, width, "  ")).bold());
        let _ = writeln!(out, "  Your answer: {}", sanitize(&rec.given.display()));
        let key = wrap(&format!("Right answer: {}", key_display(q)), width, "  ");
        let _ = writeln!(out, "{}", style(key).green());
        if let Some(f) = feedback_for(q, &rec.given) {
            let _ = writeln!(out, "{}", wrap(&f, width, "  "));
        }
        let _ = writeln!(out, "{}", style(wrap(&q.explanation, width, "  ")).dim());
        for url in &q.references {
            let _ = writeln!(out, "  → {}", sanitize(url));
        }
    }
    out
}

fn percent(share: f64, asked: usize) -> String {
    if asked == 0 {
        "–".into()
    } else {
        format!("{:.0}%", share * 100.0)
    }
}

/// `MustHave` → `must-have`.
fn kebab(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Adaptive runs touch many sections once or twice: say so rather than guess.
fn thin(r: &Report, out: &mut String) {
    if r.score.thin_sections.is_empty() {
        return;
    }
    let names: Vec<String> = r
        .score
        .thin_sections
        .iter()
        .map(|s| format!("{} ({s})", r.section_name(s)))
        .collect();
    let text = format!(
        "Thin evidence (fewer than 3 questions) in: {}.\nFor a verdict on one of them, run a focused check: levelcheck take --section <id>",
        names.join(", ")
    );
    let _ = writeln!(out, "\n{}", style(wrap(&text, 100, "")).dim());
}
