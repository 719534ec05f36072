//! Item analysis for people (a text table), machines (JSON), job pages (Markdown) and pull
//! requests (GitHub annotations at each flagged question's file:line).

use std::fmt::Write as _;

use super::{Analysis, Flag, QuestionReport};
use crate::text::{count, escape_unsafe};
use crate::validate::output::{gh_data, gh_prop};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Github,
}

pub fn render(a: &Analysis, format: Format) -> String {
    match format {
        Format::Text => text(a),
        Format::Json => json(a),
        Format::Markdown => markdown(a),
        Format::Github => github(a),
    }
}

/// "0.42", or "–" for a correlation that does not exist (no spread).
fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "–".into(), |x| format!("{x:.2}"))
}

fn flag_list(q: &QuestionReport) -> String {
    q.flags
        .iter()
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// At most `max` characters of option text on one line.
fn short(s: &str, max: usize) -> String {
    let one_line = escape_unsafe(s).replace('\n', " ⏎ ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max - 1).collect();
    format!("{cut}…")
}

fn summary(a: &Analysis) -> String {
    let flagged = a
        .questions
        .iter()
        .filter(|q| q.flags.iter().any(|f| *f != Flag::InsufficientData))
        .count();
    let s = &a.skipped;
    format!(
        "{} from {}; {} analysed, {flagged} flagged, {}.\n\
         Left out: {} to unknown questions, {} to changed questions ({}), {} unreadable, {} repeated.\n",
        count(a.responses, "response"),
        count(a.people, "session"),
        count(a.questions.len(), "question"),
        count(a.miskeys(), "possible miskey"),
        s.unknown,
        s.changed,
        count(a.changed.len(), "question"),
        s.unreadable,
        s.repeated,
    )
}

fn text(a: &Analysis) -> String {
    let width = a
        .questions
        .iter()
        .map(|q| q.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let mut out = format!(
        "{:width$}  {:>6}  {:>5}  {:>6}  {:>5}  flags\n",
        "id", "n", "right", "expect", "disc"
    );
    for q in &a.questions {
        let _ = writeln!(
            out,
            "{:width$}  {:>6}  {:>5.2}  {:>6.2}  {:>5}  {}",
            escape_unsafe(&q.id),
            q.n,
            q.share_right,
            q.expected_share,
            num(q.discrimination),
            flag_list(q)
        );
        if q.flags.iter().any(|f| *f != Flag::InsufficientData) {
            for o in &q.options {
                let _ = writeln!(
                    out,
                    "{:width$}    {} {:>5.2} chose, disc {:>5}, ability {:>5}  {}",
                    "",
                    if o.key { "key" } else { "   " },
                    o.share,
                    num(o.discrimination),
                    num(o.mean_ability),
                    short(&o.text, 50)
                );
            }
            if q.small_sample.is_some() && q.flags.contains(&Flag::PossibleMiskey) {
                let _ = writeln!(out, "{:width$}    {}", "", explain(q, Flag::PossibleMiskey));
            }
        }
    }
    if !a.changed.is_empty() {
        out.push_str("\nChanged since answered (not analysed):\n");
        for c in &a.changed {
            let _ = writeln!(
                out,
                "  {}  {}",
                escape_unsafe(&c.id),
                count(c.responses, "response")
            );
        }
    }
    out.push('\n');
    out.push_str(&summary(a));
    out
}

fn json(a: &Analysis) -> String {
    let mut s = serde_json::to_string_pretty(a).expect("serializes");
    s.push('\n');
    s
}

/// Markdown table cells: no pipes or line breaks from bank text.
fn cell(s: &str) -> String {
    short(s, 60).replace('|', "\\|")
}

fn markdown(a: &Analysis) -> String {
    let mut out = String::from("## Item analysis\n\n");
    out.push_str(&summary(a).replace('\n', "\n\n"));
    out.push_str("| question | n | right | expected | discrimination | flags |\n");
    out.push_str("|---|---:|---:|---:|---:|---|\n");
    for q in &a.questions {
        let _ = writeln!(
            out,
            "| `{}` | {} | {:.2} | {:.2} | {} | {} |",
            cell(&q.id),
            q.n,
            q.share_right,
            q.expected_share,
            num(q.discrimination),
            flag_list(q)
        );
    }
    for q in a
        .questions
        .iter()
        .filter(|q| q.flags.iter().any(|f| *f != Flag::InsufficientData) && !q.options.is_empty())
    {
        let _ = write!(
            out,
            "\n### `{}` ({}, {}:{})\n\n| option | key | chose | discrimination | ability |\n|---|---|---:|---:|---:|\n",
            cell(&q.id),
            flag_list(q),
            cell(&q.file),
            q.line
        );
        for o in &q.options {
            let _ = writeln!(
                out,
                "| {} | {} | {:.2} | {} | {} |",
                cell(&o.text),
                if o.key { "✓" } else { "" },
                o.share,
                num(o.discrimination),
                num(o.mean_ability)
            );
        }
    }
    if !a.changed.is_empty() {
        out.push_str("\n### Changed since answered (not analysed)\n\n");
        for c in &a.changed {
            let _ = writeln!(
                out,
                "- `{}`: {}",
                cell(&c.id),
                count(c.responses, "response")
            );
        }
    }
    out
}

/// Why a flag was raised, in one line for an annotation.
fn explain(q: &QuestionReport, f: Flag) -> String {
    match (f, &q.small_sample) {
        (Flag::PossibleMiskey, Some(e)) => format!(
            "possible-miskey (small sample, n = {}): the distractor \"{}\" was chosen by {} of {}, by {} of the stronger {} (by rest-ability) against {} answering right; check the key",
            q.n,
            short(&e.option, 50),
            e.chose,
            q.n,
            e.stronger_chose,
            e.stronger,
            e.stronger_right
        ),
        (Flag::PossibleMiskey, None) => format!(
            "possible-miskey: discrimination {} over {} responses; check the key against the options' pull",
            num(q.discrimination),
            q.n
        ),
        (Flag::TooEasy | Flag::TooHard, _) => format!(
            "{}: {:.0}% right where its level tag predicts {:.0}%",
            f.name(),
            q.share_right * 100.0,
            q.expected_share * 100.0
        ),
        (Flag::WeakDistractor, _) => "weak-distractor: a distractor almost nobody chooses".into(),
        (Flag::InsufficientData, _) => "insufficient-data".into(),
    }
}

fn github(a: &Analysis) -> String {
    let mut out = String::new();
    for q in &a.questions {
        for &f in q.flags.iter().filter(|f| **f != Flag::InsufficientData) {
            let _ = writeln!(
                out,
                "::warning file={},line={},title={}::{}",
                gh_prop(&q.file),
                q.line,
                gh_prop(&format!("levelcheck analyze {}", f.name())),
                gh_data(&escape_unsafe(&format!("{}: {}", q.id, explain(q, f))))
            );
        }
    }
    out.push_str(summary(a).replace('\n', " ").trim_end());
    out.push('\n');
    out
}
