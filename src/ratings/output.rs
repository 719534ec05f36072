//! `judge --report` output: text for people, JSON, Markdown (a CI job summary) and GitHub
//! annotations (with validate's escaping). Every string from a file is sanitised for text.

use std::fmt::Write as _;

use super::agreement::Agreement;
use super::report::{Justified, Report, Row, Stale, Unused};
use crate::text::sanitize;
use crate::validate::output::{gh_data, gh_prop};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Github,
}

pub fn render(r: &Report, format: Format) -> String {
    match format {
        Format::Text => text(r),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(r).expect("a report serializes");
            s.push('\n');
            s
        }
        // a ratings file or bank is untrusted: no escape sequence reaches a terminal or a log
        Format::Markdown => sanitize(&markdown(r)),
        Format::Github => sanitize(&github(r)),
    }
}

fn pct(k: usize, n: usize) -> String {
    if n == 0 {
        "—".into()
    } else {
        format!("{:.0}%", 100.0 * k as f64 / n as f64)
    }
}

fn kappa(a: &Agreement) -> String {
    a.kappa.map_or("—".into(), |k| format!("{k:.2}"))
}

fn agreement(a: &Agreement) -> String {
    format!(
        "{} · exact {} · within one {} · weighted κ {}",
        crate::text::count(a.n, "question"),
        pct(a.exact, a.n),
        pct(a.within_one, a.n),
        kappa(a)
    )
}

fn rating(level: &str, d: Option<u8>) -> String {
    d.map_or(level.to_string(), |d| format!("{level}/{d}"))
}

fn judged(row: &Row) -> String {
    row.ratings
        .iter()
        .map(|g| {
            let note = g.note.as_ref().map_or(String::new(), |n| {
                format!(" “{}”", n.split_whitespace().collect::<Vec<_>>().join(" "))
            });
            format!("{} {}{note}", g.judge, rating(&g.level, g.difficulty))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn headline(r: &Report) -> String {
    format!(
        "{} judge{} · {} of {} questions rated · consensus on {} · {} of them agree with the tag ({})",
        r.judges.len(),
        if r.judges.len() == 1 { "" } else { "s" },
        r.rated,
        r.questions,
        r.with_consensus,
        r.consensus_matches_tag,
        pct(r.consensus_matches_tag, r.with_consensus)
    )
}

fn sections(r: &Report) -> [(&'static str, &[Row]); 4] {
    [
        ("Consensus differs from the tag", &r.differ),
        ("Not a level question (rewrite or retire)", &r.not_a_level),
        ("Judges split: no consensus", &r.split),
        ("Rated by one judge only", &r.single),
    ]
}

fn row_line(row: &Row) -> String {
    let consensus = row.consensus_level.as_ref().map_or(String::new(), |l| {
        format!(" → judged {}", rating(l, row.consensus_difficulty))
    });
    format!(
        "{}:{}  {}  tag {}{consensus}  ({})",
        row.file,
        row.line,
        row.question,
        rating(&row.tag_level, Some(row.tag_difficulty)),
        judged(row)
    )
}

fn justified_line(j: &Justified) -> String {
    format!(
        "{}  kept because: {} ({}:{})",
        row_line(&j.row),
        j.reason.split_whitespace().collect::<Vec<_>>().join(" "),
        j.justified_in,
        j.justified_line
    )
}

fn unused_line(u: &Unused) -> String {
    format!("{}:{}  {}: {}", u.file, u.line, u.question, u.why)
}

fn stale_line(s: &Stale) -> String {
    let now = s
        .current_digest
        .as_ref()
        .map_or("no longer in the banks".to_string(), |d| format!("now {d}"));
    format!(
        "{}:{}  {} rated {} at digest {} ({now})",
        s.ratings_file, s.ratings_line, s.judge, s.question, s.rated_digest
    )
}

/// A titled list with its count, one indented line per item; nothing when it is empty.
fn list(out: &mut String, title: &str, lines: impl ExactSizeIterator<Item = String>) {
    if lines.len() == 0 {
        return;
    }
    let _ = writeln!(out, "\n{title} ({})", lines.len());
    for line in lines {
        let _ = writeln!(out, "  {line}");
    }
}

fn text(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "levelcheck judge --report · {}", headline(r));
    if !r.pairs.is_empty() {
        let _ = writeln!(out, "\nJudges with each other");
        for p in &r.pairs {
            let _ = writeln!(out, "  {} ~ {}: {}", p.a, p.b, agreement(&p.agreement));
        }
        if r.pairs.len() > 1 {
            let _ = writeln!(out, "  every pair pooled: {}", agreement(&r.judges_pooled));
        }
    }
    if !r.per_judge.is_empty() {
        let _ = writeln!(out, "\nJudges with the tags");
        for j in &r.per_judge {
            let _ = writeln!(
                out,
                "  {}: {} · {} not a level question",
                j.judge,
                agreement(&j.vs_tags),
                j.not_a_level
            );
        }
        let _ = writeln!(out, "  consensus: {}", agreement(&r.consensus_vs_tags));
    }
    for (title, rows) in sections(r) {
        list(&mut out, title, rows.iter().map(row_line));
    }
    list(
        &mut out,
        "Justified: the tag is kept for a committed reason",
        r.justified.iter().map(justified_line),
    );
    list(
        &mut out,
        "Justifications that apply to nothing",
        r.unused_justifications.iter().map(unused_line),
    );
    list(
        &mut out,
        "Stale: the question changed since it was rated",
        r.stale.iter().map(stale_line),
    );
    let n = r.findings();
    let _ = writeln!(
        out,
        "\n{}",
        if n == 0 {
            "no disagreements".to_string()
        } else {
            format!("{n} question{} to resolve", if n == 1 { "" } else { "s" })
        }
    );
    sanitize(&out)
}

fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn markdown(r: &Report) -> String {
    let mut out = format!("## levelcheck judge --report\n\n{}\n", md(&headline(r)));
    out.push_str("\n| between | questions | exact | within one | weighted κ |\n| --- | ---: | ---: | ---: | ---: |\n");
    let mut line = |who: String, a: &Agreement| {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&who),
            a.n,
            pct(a.exact, a.n),
            pct(a.within_one, a.n),
            kappa(a)
        );
    };
    for p in &r.pairs {
        line(format!("{} ~ {}", p.a, p.b), &p.agreement);
    }
    if r.pairs.len() > 1 {
        line("every pair pooled".into(), &r.judges_pooled);
    }
    for j in &r.per_judge {
        line(format!("{} ~ tags", j.judge), &j.vs_tags);
    }
    line("consensus ~ tags".into(), &r.consensus_vs_tags);
    for (title, rows) in sections(r) {
        if rows.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "\n### {title} ({})\n\n| question | where | tag | consensus | judges |\n| --- | --- | --- | --- | --- |\n",
            rows.len()
        );
        for row in rows {
            let _ = writeln!(
                out,
                "| `{}` | `{}:{}` | {} | {} | {} |",
                md(&row.question),
                md(&row.file),
                row.line,
                rating(&row.tag_level, Some(row.tag_difficulty)),
                row.consensus_level
                    .as_ref()
                    .map_or("—".into(), |l| rating(l, row.consensus_difficulty)),
                md(&judged(row))
            );
        }
    }
    if !r.justified.is_empty() {
        let _ = write!(
            out,
            "\n### Justified: tag kept ({})\n\n| question | where | tag | consensus | reason |\n| --- | --- | --- | --- | --- |\n",
            r.justified.len()
        );
        for j in &r.justified {
            let _ = writeln!(
                out,
                "| `{}` | `{}:{}` | {} | {} | {} |",
                md(&j.row.question),
                md(&j.row.file),
                j.row.line,
                rating(&j.row.tag_level, Some(j.row.tag_difficulty)),
                j.row
                    .consensus_level
                    .as_ref()
                    .map_or("split".into(), |l| rating(l, j.row.consensus_difficulty)),
                md(&j.reason)
            );
        }
    }
    if !r.unused_justifications.is_empty() {
        let _ = writeln!(
            out,
            "\n### Justifications that apply to nothing ({})\n",
            r.unused_justifications.len()
        );
        for u in &r.unused_justifications {
            let _ = writeln!(out, "- {}", md(&unused_line(u)));
        }
    }
    if !r.stale.is_empty() {
        let _ = write!(
            out,
            "\n### Stale ratings ({})\n\n| judge | question | rating at | rated digest | now |\n| --- | --- | --- | --- | --- |\n",
            r.stale.len()
        );
        for s in &r.stale {
            let _ = writeln!(
                out,
                "| {} | `{}` | `{}:{}` | `{}` | {} |",
                md(&s.judge),
                md(&s.question),
                md(&s.ratings_file),
                s.ratings_line,
                md(&s.rated_digest),
                s.current_digest
                    .as_ref()
                    .map_or("not in the banks".into(), |d| format!("`{d}`"))
            );
        }
    }
    out
}

fn annotation(kind: &str, file: &str, line: usize, title: &str, msg: &str) -> String {
    let mut props = vec![format!("file={}", gh_prop(file))];
    if line > 0 {
        props.push(format!("line={line}"));
    }
    props.push(format!("title={}", gh_prop(title)));
    format!("::{kind} {}::{}\n", props.join(","), gh_data(msg))
}

fn github(r: &Report) -> String {
    let mut out = String::new();
    for (title, rows) in sections(r) {
        let kind = if title.starts_with("Rated by one") {
            "notice"
        } else {
            "error"
        };
        for row in rows {
            let consensus = row.consensus_level.as_ref().map_or(String::new(), |l| {
                format!(", judged {}", rating(l, row.consensus_difficulty))
            });
            let msg = format!(
                "{}: tagged {}{consensus} ({})",
                row.question,
                rating(&row.tag_level, Some(row.tag_difficulty)),
                judged(row)
            );
            out.push_str(&annotation(
                kind,
                &row.file,
                row.line,
                &format!("levelcheck judge: {title}"),
                &msg,
            ));
        }
    }
    for u in &r.unused_justifications {
        out.push_str(&annotation(
            "warning",
            &u.file,
            u.line,
            "levelcheck judge: justification applies to nothing",
            &format!("{}: {}", u.question, u.why),
        ));
    }
    for s in &r.stale {
        out.push_str(&annotation(
            "warning",
            &s.ratings_file,
            s.ratings_line,
            "levelcheck judge: stale rating",
            &stale_line(s),
        ));
    }
    let _ = writeln!(out, "{}", headline(r));
    out
}
