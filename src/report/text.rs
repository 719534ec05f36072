//! The human report: the level reached, the evidence with bars, weak areas with study links.

use std::fmt::Write as _;

use console::style;

use super::{Report, bar, confidence};
use crate::bank::{Body, Question};
use crate::engine::areas::AreaVerdict;
use crate::engine::present::Ask;
use crate::mark::Given;
use crate::mark::{feedback_for, key_display};
use crate::score::Verdict;
use crate::session::shown;
use crate::text::{command_line, row_then, sanitize, wrap, wrap_labelled};

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
            style(wrap(
                "Interrupted: this report covers only the questions answered so far.",
                r.width,
                ""
            ))
            .yellow()
        );
    }
    let _ = writeln!(
        out,
        "{}",
        style(wrap(&r.headline(), r.width, "")).bold().cyan()
    );
    if let (Some(line), Some(est)) = (r.probability_line(), &r.score.estimate) {
        let _ = writeln!(out, "{}", wrap(&line, r.width, "  "));
        let _ = writeln!(
            out,
            "  ability {:+.2} ± {:.2} (standard error)",
            est.ability, est.standard_error
        );
    }
    let meta = format!(
        "{} question{} · {}m {:02}s · {} form · seed {}",
        s.records.len(),
        if s.records.len() == 1 { "" } else { "s" },
        mins,
        secs,
        r.mode,
        s.seed,
    );
    // The replay hint is a command to copy: never broken, on a line of its own when the line
    // would be too long (it may overflow, like a URL).
    let replay = format!("(replay: {})", r.replay);
    let meta = wrap(&meta, r.width, "  ");
    let last = meta.lines().last().unwrap_or_default().chars().count();
    let sep = if last + 1 + replay.chars().count() <= r.width {
        " "
    } else {
        "\n  "
    };
    let _ = writeln!(out, "{meta}{sep}{replay}");
    if let Some(i) = r.score.reached.filter(|_| r.next_step().is_some()) {
        let level = &r.bank.roadmap.levels[i];
        let goal = format!("{}: {}", level.title, level.goal);
        let _ = writeln!(out, "{}", wrap_labelled("  ", "", &goal, r.width));
    }
    if let Some(line) = r.track_line() {
        let _ = writeln!(out, "{}", wrap_labelled("  ", "", &line, r.width));
    }
    if let Some(next) = r.next_step() {
        let _ = writeln!(
            out,
            "{}",
            wrap_labelled("  ", "Next step — ", &next, r.width)
        );
    }
}

fn by_level(r: &Report, out: &mut String) {
    let _ = writeln!(out, "\n{}", style("By level").bold());
    if r.score.estimate.is_some() {
        return by_level_adaptive(r, out);
    }
    let min = r.bank.roadmap.rubric.min_evidence;
    for l in &r.score.levels {
        let t = l.tally;
        let label = l.verdict().label().to_string();
        // The verdict, and its colour.
        let note: (String, fn(String) -> console::StyledObject<String>) = match l.verdict() {
            Verdict::NotTested => (label, |l| style(l).dim()),
            Verdict::NotEnoughEvidence => (format!("{label} ({} of {min} needed)", t.asked), |l| {
                style(l).yellow()
            }),
            Verdict::Passed => (label, |l| style(l).green()),
            Verdict::BelowPassMark => (label, |l| style(l).red()),
        };
        let row = format!(
            "{:<14} {:>2}/{:<2} {} {:>4}  ",
            r.level_name(&l.level),
            t.correct,
            t.asked,
            bar(t.share(), 10),
            percent(t.share(), t.asked)
        );
        let _ = writeln!(out, "{}", painted("  ", &row, &note.0, r.width, note.1));
    }
}

/// The adaptive rows: what was asked, and the model's probability of having reached each level
/// (the headline's own view, so no row can contradict it).
fn by_level_adaptive(r: &Report, out: &mut String) {
    for l in &r.score.levels {
        let t = l.tally;
        let p = l.probability_reached.unwrap_or(0.0);
        let _ = writeln!(
            out,
            "  {:<14} {:>2}/{:<2} right   reached: {} {:>4}",
            r.level_name(&l.level),
            t.correct,
            t.asked,
            bar(p, 10),
            format!("{:.0}%", p * 100.0)
        );
    }
}

fn by_section(r: &Report, out: &mut String) {
    let _ = writeln!(out, "\n{}", style("By section").bold());
    // The figures take 23 columns after the name; a name too long for its column gets a line
    // of its own rather than pushing the bar past the edge.
    let column = r.width.saturating_sub(26).clamp(12, 38);
    for s in &r.score.sections {
        let mut name = format!(
            "{} · {}",
            r.level_name(&s.level),
            r.section_name(&s.section)
        );
        if name.chars().count() > column {
            let _ = writeln!(out, "{}", wrap(&name, r.width, "  "));
            name = String::new();
        }
        let t = s.tally;
        let _ = writeln!(
            out,
            "  {name:<column$} {:>2}/{:<2} {} {:>4}",
            t.correct,
            t.asked,
            bar(t.share(), 10),
            percent(t.share(), t.asked)
        );
    }
}

/// How well confidence matched results (`--confidence`).
fn calibration(r: &Report, out: &mut String) {
    let Some(c) = confidence::block(r) else {
        return;
    };
    let _ = writeln!(out, "\n{}", style(&c.title).bold());
    for (label, correct, asked) in &c.rows {
        let _ = writeln!(out, "  {label:<12} {correct:>2}/{asked:<2} right");
    }
    let _ = writeln!(out, "{}", wrap(&c.verdict, r.width, "  "));
    if c.confidently_wrong.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "{}",
        wrap(confidence::CONFIDENTLY_WRONG, r.width, "  ")
    );
    for (heading, prompts) in &c.confidently_wrong {
        let _ = writeln!(
            out,
            "{}",
            wrap_labelled("    ", "", &format!("{heading}:"), r.width)
        );
        for text in prompts {
            let _ = writeln!(out, "{}", wrap_labelled("      ", "• ", text, r.width));
        }
    }
}

fn weak(r: &Report, out: &mut String) {
    if r.score.estimate.is_some() {
        areas(r, out);
    } else {
        weak_sections(r, out);
    }
    missed_topics(r, out);
}

/// Adaptive form: each area's verdict, weakest first.
fn areas(r: &Report, out: &mut String) {
    if r.score.areas.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n{}",
        style("By area (compared with your overall level)").bold()
    );
    let mut areas: Vec<_> = r.score.areas.iter().collect();
    let pad = areas
        .iter()
        .map(|a| sanitize(&a.title).chars().count())
        .max()
        .unwrap_or(0)
        .min(36);
    areas.sort_by(|a, b| a.estimate.total_cmp(&b.estimate));
    for a in areas {
        let gap = format!("possible gap ({:.0}% likely)", a.probability_gap * 100.0);
        // The text, and its colour.
        let verdict: (&str, fn(String) -> console::StyledObject<String>) = match a.verdict {
            AreaVerdict::Weak => ("weak — study this first", |l| style(l).red().bold()),
            AreaVerdict::PossibleGap => (&gap, |l| style(l).yellow()),
            AreaVerdict::Strong => ("strong", |l| style(l).green()),
            AreaVerdict::OnPar => ("on par", style),
            AreaVerdict::Thin => ("too few questions to judge", |l| style(l).dim()),
        };
        let label = format!(
            "{:<pad$} {:>2}/{:<2}  ",
            sanitize(&a.title),
            a.correct,
            a.asked
        );
        let _ = writeln!(
            out,
            "{}",
            painted("  ", &label, verdict.0, r.width, verdict.1)
        );
        // The command on a line of its own, never wrapped: it is there to be copied.
        if a.verdict == AreaVerdict::PossibleGap {
            let confirm = r.hint("take", "--area", &a.id);
            let line = command_line("      ", "confirm: ", &confirm, r.width);
            let _ = writeln!(out, "{}", style(line).dim());
        }
    }
}

/// Fixed form: sections below the pass mark on enough evidence.
fn weak_sections(r: &Report, out: &mut String) {
    if r.score.weak_areas.is_empty() {
        let msg = style(wrap(
            &format!(
                "No section at or just above your level fell below the pass mark on {} or more questions.",
                r.bank.roadmap.rubric.min_evidence
            ),
            r.width,
            "",
        ))
        .green();
        let _ = writeln!(out, "\n{msg}");
        return;
    }
    let _ = writeln!(out, "\n{}", style("Weak areas — study these first").bold());
    for (n, w) in r.score.weak_areas.iter().enumerate() {
        let text = format!(
            "{} · {} — {}/{}",
            r.level_name(&w.level),
            r.section_name(&w.section),
            w.tally.correct,
            w.tally.asked
        );
        let label = format!("{}. ", n + 1);
        let _ = writeln!(out, "{}", wrap_labelled("  ", &label, &text, r.width));
        let drill = command_line(
            "     ",
            "drill it: ",
            &r.hint("practice", "--section", &w.section),
            r.width,
        );
        let _ = writeln!(out, "{}", style(drill).dim());
    }
}

/// The study plan: every topic missed, with where to read up and how to drill it.
fn missed_topics(r: &Report, out: &mut String) {
    if r.score.missed.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", style("Study plan — topics you missed").bold());
    for m in &r.score.missed {
        let priority = r
            .bank
            .roadmap
            .topic(&m.topic)
            .map(|t| format!("{:?}", t.priority))
            .unwrap_or_default();
        let text = format!(
            "{} · {} ({}, missed {})",
            r.level_name(&m.level),
            r.topic_name(&m.topic),
            kebab(&priority),
            m.missed
        );
        let _ = writeln!(out, "{}", wrap_labelled("  ", "• ", &text, r.width));
        for url in &m.references {
            // Never wrapped: a URL is copied whole (it may overflow a narrow terminal).
            let _ = writeln!(out, "      → {}", sanitize(url));
        }
        let drill = command_line(
            "      ",
            "drill it: ",
            &r.hint("practice", "--topic", &m.topic),
            r.width,
        );
        let _ = writeln!(out, "{}", style(drill).dim());
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
        if let Body::Output { code, .. } = &q.body {
            snippet(code, &mut out);
        }
        match shown(q, r.session.seed) {
            Ask::Choose { options, .. } if !matches!(q.body, Body::TrueFalse { .. }) => {
                options_marked(q, &options, &rec.given, width, &mut out);
            }
            _ => {
                let given = rec.given.display();
                let _ = writeln!(
                    out,
                    "{}",
                    wrap_labelled("  ", "Your answer: ", &given, width)
                );
                let key = wrap_labelled("  ", "Right answer: ", &key_display(q), width);
                let _ = writeln!(out, "{}", style(key).green());
            }
        }
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

/// A code-output question's snippet, numbered like the quiz showed it (never wrapped: code).
fn snippet(code: &str, out: &mut String) {
    for (n, line) in sanitize(code).trim_end_matches('\n').lines().enumerate() {
        let _ = writeln!(out, "  │ {} {line}", style(format!("{:>2}", n + 1)).dim());
    }
}

/// Every option in the order the quiz showed them, each marked: chosen and right, chosen and
/// wrong, right but not chosen, or neither.
fn options_marked(q: &Question, options: &[String], given: &Given, width: usize, out: &mut String) {
    let chosen: Vec<&str> = match given {
        Given::Text(t) => vec![t.as_str()],
        Given::List(v) => v.iter().map(String::as_str).collect(),
        _ => Vec::new(),
    };
    let same = |a: &str, b: &str| a.trim_end_matches('\n') == b.trim_end_matches('\n');
    if chosen.is_empty() {
        let _ = writeln!(out, "  Your answer: (skipped)");
    }
    for o in options {
        let picked = chosen.iter().any(|c| same(c, o));
        let right = is_key(q, o);
        let label = match (picked, right) {
            (true, true) => "✔ chosen, right  ",
            (true, false) => "✘ chosen, wrong  ",
            (false, true) => "→ right answer   ",
            (false, false) => "                 ",
        };
        let line = wrap_labelled("  ", label, o, width);
        let _ = match (picked, right) {
            (_, true) => writeln!(out, "{}", style(line).green()),
            (true, false) => writeln!(out, "{}", style(line).red()),
            _ => writeln!(out, "{line}"),
        };
    }
}

/// Whether an option is (one of) the right answer(s).
fn is_key(q: &Question, option: &str) -> bool {
    let o = option.trim_end_matches('\n');
    match &q.body {
        Body::Single { answer, .. } => answer.trim_end_matches('\n') == o,
        Body::Multi { answers, .. } => answers.iter().any(|a| a.trim_end_matches('\n') == o),
        Body::Output { output, .. } => output.trim_end_matches('\n') == o,
        _ => false,
    }
}

/// `text` after `indent` and `label`, wrapped with a hanging indent, and only the text painted
/// (a verdict in its colour beside plain figures).
fn painted(
    indent: &str,
    label: &str,
    text: &str,
    width: usize,
    paint: fn(String) -> console::StyledObject<String>,
) -> String {
    let row = format!("{indent}{label}");
    let line = row_then(&row, text, width);
    // The row comes first, verbatim (maybe without its trailing spaces when the text goes below).
    let cut = row.trim_end().len();
    match line.split_at_checked(cut) {
        Some((head, tail)) => format!("{head}{}", paint(tail.to_string())),
        None => paint(line).to_string(),
    }
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
