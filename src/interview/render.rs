//! The interview report as text, Markdown or JSON: strings only, the caller writes them.

use serde::Serialize;

use super::scorecard::{Scorecard, question_score};
use crate::answered::Record;
use crate::bank::Bank;
use crate::mark::{Given, covered};
use crate::session::Session;
use crate::text::{clock, row_then, sanitize, wrap, wrap_labelled};

/// Bump when a key changes meaning or disappears; adding keys does not bump it.
pub const FORMAT_VERSION: u32 = 1;

/// What the report says about the run beyond its answers.
#[derive(Debug, Clone)]
pub struct Info<'a> {
    pub track: Option<&'a str>,
    pub track_title: Option<&'a str>,
    pub minutes: u32,
    /// The clock ran out before the plan was done.
    pub out_of_time: bool,
    pub open_available: bool,
    /// Columns of the text scorecard (`text::output_width`).
    pub width: usize,
    /// " --bank DIR…" of the run (empty for the built-in banks), for the suggested commands.
    pub bank_flags: &'a str,
}

#[derive(Serialize)]
struct Json<'a> {
    format_version: u32,
    tool: String,
    mode: &'static str,
    seed: u64,
    banks: &'a str,
    track: Option<&'a str>,
    minutes: u32,
    interrupted: bool,
    out_of_time: bool,
    open_available: bool,
    questions: Vec<Asked<'a>>,
    areas: &'a [super::scorecard::AreaCard],
    strongest: &'a [String],
    weakest: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    even: Option<&'a str>,
    revisit: &'a [super::scorecard::Revisit],
    next_steps: &'a [String],
}

/// As `take`'s JSON questions, plus the key points of an open answer.
#[derive(Serialize)]
struct Asked<'a> {
    id: &'a str,
    level: &'a str,
    section: &'a str,
    topic: &'a str,
    kind: &'a str,
    answer: serde_json::Value,
    correct: bool,
    skipped: bool,
    score: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    points_covered: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    points_total: Option<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    follow_ups: Vec<bool>,
    /// An open question answered in writing: the words typed.
    #[serde(skip_serializing_if = "Option::is_none")]
    typed: Option<&'a str>,
    /// The words typed for each follow-up (`null`: answered aloud).
    #[serde(skip_serializing_if = "crate::answered::none_typed")]
    follow_up_typed: &'a [Option<String>],
}

/// The JSON report: no timings, so the same scripted run gives the same bytes.
pub fn json(bank: &Bank, session: &Session, card: &Scorecard, info: &Info) -> String {
    let rm = &bank.roadmap;
    let questions = session
        .records
        .iter()
        .map(|r| {
            let q = &bank.questions[r.question];
            let total = match &q.body {
                crate::bank::Body::Open { key_points, .. } => Some(key_points.len()),
                _ => None,
            };
            Asked {
                id: &q.id,
                level: &rm.levels[q.level].id,
                section: &q.section,
                topic: &q.topic,
                kind: q.body.kind().name(),
                answer: crate::report::json::answer_value(&r.given),
                correct: r.correct,
                skipped: r.given.is_skip(),
                score: question_score(bank, r.question, &r.given, r.correct),
                points_covered: total.map(|t| match &r.given {
                    Given::Points(p) => covered(p, t),
                    _ => 0,
                }),
                points_total: total,
                follow_ups: r.follow_ups.clone(),
                typed: r.typed.as_deref(),
                follow_up_typed: &r.follow_up_typed,
            }
        })
        .collect();
    let j = Json {
        format_version: FORMAT_VERSION,
        tool: format!("levelcheck {}", env!("CARGO_PKG_VERSION")),
        mode: "interview",
        seed: session.seed,
        banks: &bank.digest,
        track: info.track,
        minutes: info.minutes,
        interrupted: session.interrupted,
        out_of_time: info.out_of_time,
        open_available: info.open_available,
        questions,
        areas: &card.areas,
        strongest: &card.strongest,
        weakest: &card.weakest,
        even: card.even.as_deref(),
        revisit: &card.revisit,
        next_steps: &card.next_steps,
    };
    serde_json::to_string_pretty(&j).expect("report serializes") + "\n"
}

/// "closed 3/4 · open 5/9 key points" for one area.
fn area_line(a: &super::scorecard::AreaCard) -> String {
    let mut parts = Vec::new();
    if a.closed_asked > 0 {
        parts.push(format!(
            "closed {}/{} right",
            a.closed_right, a.closed_asked
        ));
    }
    if a.open_asked > 0 {
        parts.push(format!(
            "open {}/{} key points",
            a.points_covered, a.points_total
        ));
    }
    if a.follow_ups_asked > 0 {
        parts.push(format!(
            "follow-ups {}/{}",
            a.follow_ups_covered, a.follow_ups_asked
        ));
    }
    parts.join(" · ")
}

fn title_of<'a>(card: &'a Scorecard, id: &'a str) -> &'a str {
    card.areas
        .iter()
        .find(|a| a.id == id)
        .map_or(id, |a| a.title.as_str())
}

fn headline(session: &Session, info: &Info) -> String {
    let track = info.track_title.or(info.track).unwrap_or("all topics");
    let mut s = format!(
        "━━ mock interview · {track} · {} question{} in {} of {} min ━━\n",
        session.records.len(),
        if session.records.len() == 1 { "" } else { "s" },
        clock(session.elapsed.as_secs()),
        info.minutes
    );
    if session.interrupted {
        s.push_str("Interrupted: the scorecard covers the questions answered so far.\n");
    } else if info.out_of_time {
        s.push_str("Time ran out: the interview ended after the question in progress.\n");
    }
    if !info.open_available {
        s.push_str("No open questions in these banks for this track: closed questions only.\n");
    }
    s
}

/// "open 1/4" or "closed ✔" for one answered question.
fn result_of(bank: &Bank, r: &Record) -> String {
    let q = &bank.questions[r.question];
    match &q.body {
        crate::bank::Body::Open { key_points, .. } => {
            let n = match &r.given {
                Given::Points(p) => covered(p, key_points.len()),
                _ => 0,
            };
            format!("open {n}/{}", key_points.len())
        }
        _ if r.given.is_skip() => "skipped".into(),
        _ if r.correct => "right".into(),
        _ => "wrong".into(),
    }
}

/// Each question in the order asked with the real time it took, and under an open question the
/// answer the person typed (escaped: it comes back from a history file too).
fn questions_text(bank: &Bank, session: &Session, width: usize) -> String {
    let mut s = String::from("\nQuestions, with the time each took:\n");
    for (i, r) in session.records.iter().enumerate() {
        let q = &bank.questions[r.question];
        let row = format!(
            "  {:>2}. {:>5}  {:<10} ",
            i + 1,
            clock(r.seconds.round() as u64),
            result_of(bank, r)
        );
        // An id is copied whole: on a line of its own when the row would be too long.
        let id = sanitize(&q.id);
        if row.chars().count() + id.chars().count() <= width {
            s.push_str(&format!("{row}{id}\n"));
        } else {
            s.push_str(&format!("{}\n        {id}\n", row.trim_end()));
        }
        for (label, words) in typed_answers(r) {
            s.push_str(&format!("      {label}:\n"));
            s.push_str(&wrap(words, width, "      │ "));
            s.push('\n');
        }
    }
    s
}

/// The words typed for a question, labelled: "Your answer", then "Follow-up 1" and so on.
fn typed_answers(r: &crate::answered::Record) -> Vec<(String, &str)> {
    let main = r.typed.as_deref().map(|t| ("Your answer".to_string(), t));
    let follow = r
        .follow_up_typed
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.as_deref().map(|t| (format!("Follow-up {}", i + 1), t)));
    main.into_iter().chain(follow).collect()
}

/// The scorecard for a terminal, wrapped to `info.width` with hanging indents (URLs and
/// commands are never broken).
pub fn text(bank: &Bank, session: &Session, card: &Scorecard, info: &Info) -> String {
    let w = info.width;
    let mut s = String::from("\n");
    for line in headline(session, info).lines() {
        s.push_str(&wrap(line, w, ""));
        s.push('\n');
    }
    s.push_str("\nBy area:\n");
    let pad = card
        .areas
        .iter()
        .map(|a| sanitize(&a.title).chars().count())
        .max()
        .unwrap_or(0)
        .min(34);
    for a in &card.areas {
        let row = format!("  {:>4.0}%  {:<pad$} ", a.score * 100.0, sanitize(&a.title));
        s.push_str(&row_then(&row, &area_line(a), w));
        s.push('\n');
    }
    if !card.strongest.is_empty() {
        let names = |ids: &[String]| {
            ids.iter()
                .map(|i| title_of(card, i))
                .collect::<Vec<_>>()
                .join(", ")
        };
        s.push_str(&format!(
            "\n{}\n{}\n",
            wrap_labelled("", "Strongest: ", &names(&card.strongest), w),
            wrap_labelled("", "Weakest:   ", &names(&card.weakest), w)
        ));
    }
    if let Some(even) = &card.even {
        s.push_str(&format!("\n{}\n", wrap(even, w, "")));
    }
    s.push_str(&questions_text(bank, session, w));
    if !card.revisit.is_empty() {
        s.push_str("\nRevisit:\n");
        for r in &card.revisit {
            let item = format!("[{}] {} — {}", r.result, r.id, first_line(&r.prompt));
            s.push_str(&wrap_labelled("  ", "• ", &item, w));
            s.push('\n');
            for url in &r.references {
                s.push_str(&format!("      → {}\n", sanitize(url)));
            }
        }
    }
    s.push_str("\nNext steps:\n");
    for step in &card.next_steps {
        s.push_str(&next_step(step, w));
    }
    s
}

/// The questions as a Markdown table with their times; typed answers as quotes below it.
fn questions_markdown(bank: &Bank, session: &Session) -> String {
    let mut s =
        String::from("\n## Questions\n\n| # | time | result | question |\n|---:|---:|---|---|\n");
    let mut typed = String::new();
    for (i, r) in session.records.iter().enumerate() {
        let q = &bank.questions[r.question];
        s.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            i + 1,
            clock(r.seconds.round() as u64),
            result_of(bank, r),
            md_escape(&q.id)
        ));
        for (label, t) in typed_answers(r) {
            typed.push_str(&format!(
                "\n**{}**, {}:\n\n",
                md_escape(&q.id),
                label.to_lowercase()
            ));
            for line in sanitize(t).lines() {
                typed.push_str(&format!("> {}\n", md_escape(line)));
            }
        }
    }
    s + &typed
}

/// "command   # what it does": the command whole on its line; the comment beside it when both
/// fit, else below it with a hanging indent.
fn next_step(step: &str, width: usize) -> String {
    let line = format!("  {}", sanitize(step));
    if line.chars().count() <= width {
        return line + "\n";
    }
    match step.split_once("   # ") {
        Some((command, comment)) => format!(
            "  {}\n{}\n",
            sanitize(command),
            wrap_labelled("    ", "# ", comment, width)
        ),
        None => line + "\n",
    }
}

/// The scorecard as Markdown, for notes or a pull request.
pub fn markdown(bank: &Bank, session: &Session, card: &Scorecard, info: &Info) -> String {
    let mut s = String::from("# Mock interview\n\n");
    for line in headline(session, info).lines() {
        s.push_str(line.trim_matches('━').trim());
        s.push_str("\n\n");
    }
    s.push_str("| area | score | closed right | open key points |\n|---|---:|---:|---:|\n");
    for a in &card.areas {
        s.push_str(&format!(
            "| {} | {:.0}% | {}/{} | {}/{} |\n",
            md_escape(&a.title),
            a.score * 100.0,
            a.closed_right,
            a.closed_asked,
            a.points_covered,
            a.points_total
        ));
    }
    if !card.strongest.is_empty() {
        s.push_str(&format!(
            "\n**Strongest:** {}  \n**Weakest:** {}\n",
            card.strongest
                .iter()
                .map(|i| md_escape(title_of(card, i)))
                .collect::<Vec<_>>()
                .join(", "),
            card.weakest
                .iter()
                .map(|i| md_escape(title_of(card, i)))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(even) = &card.even {
        s.push_str(&format!("\n{even}\n"));
    }
    s.push_str(&questions_markdown(bank, session));
    if !card.revisit.is_empty() {
        s.push_str("\n## Revisit\n\n");
        for r in &card.revisit {
            let links: Vec<String> = r.references.iter().map(|u| format!("<{u}>")).collect();
            s.push_str(&format!(
                "- **{}** ({}): {} — {}\n",
                md_escape(&r.id),
                r.result,
                md_escape(first_line(&r.prompt)),
                links.join(", ")
            ));
        }
    }
    s.push_str("\n## Next steps\n\n");
    for step in &card.next_steps {
        s.push_str(&format!("- `{step}`\n"));
    }
    s
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
        .replace('*', "\\*")
        .replace('_', "\\_")
}
