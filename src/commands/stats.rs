//! `levelcheck stats`: coverage of the banks — questions per level × section × topic × kind.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use crate::bank::{Kind, Question};
use crate::cli::{GlobalArgs, StatsArgs, StatsFormat};
use crate::error::{Error, Result, exit};
use crate::roadmap::Roadmap;

#[derive(Serialize)]
struct TopicRow {
    level: String,
    section: String,
    topic: String,
    total: usize,
    kinds: BTreeMap<&'static str, usize>,
}

pub fn run(args: &StatsArgs, g: &GlobalArgs, out: &mut dyn Write) -> Result<u8> {
    let mut paths = args.paths.clone();
    paths.extend(g.banks.iter().cloned());
    let loaded = crate::bank::load::parse_sources(crate::validate::read_paths(&paths)?);
    let bank = crate::bank::load::into_bank(loaded)?;
    let rows = rows(&bank.roadmap, &bank.questions);
    let text = match args.format {
        StatsFormat::Json => serde_json::to_string_pretty(&serde_json::json!({ "format_version": 1, "total": bank.questions.len(), "topics": rows })).expect("serializes") + "\n",
        StatsFormat::Text => table(
            &bank.roadmap,
            &rows,
            bank.questions.len(),
            super::text_width(),
        ),
    };
    out.write_all(text.as_bytes())
        .map_err(|e| Error::io("<stdout>", e))?;
    Ok(exit::OK)
}

fn rows(rm: &Roadmap, qs: &[Question]) -> Vec<TopicRow> {
    rm.topics
        .iter()
        .filter_map(|t| {
            let section = rm.section(&t.section)?;
            let mine: Vec<&Question> = qs.iter().filter(|q| q.topic == t.id).collect();
            let kinds = Kind::ALL
                .iter()
                .map(|k| {
                    (
                        k.name(),
                        mine.iter().filter(|q| q.body.kind() == *k).count(),
                    )
                })
                .collect();
            Some(TopicRow {
                level: section.level.clone(),
                section: section.id.clone(),
                topic: t.id.clone(),
                total: mine.len(),
                kinds,
            })
        })
        .collect()
}

/// The column heading of a kind: its name, `t/f` for true-false.
fn heading(kind: Kind) -> &'static str {
    match kind.name() {
        "true-false" => "t/f",
        name => name,
    }
}

/// The coverage table: the name column as wide as its longest name, one narrow column per kind,
/// so the built-in banks fit 80 columns; a topic below the minimum is marked `◂` (explained
/// under the table, not on every row).
fn table(rm: &Roadmap, rows: &[TopicRow], total: usize, width: usize) -> String {
    let min = rm.rubric.min_per_topic;
    let names = rm
        .levels
        .iter()
        .map(|l| l.title.chars().count())
        .chain(rm.sections.iter().map(|s| 2 + s.title.chars().count()))
        .chain(rows.iter().map(|r| 4 + r.topic.chars().count()));
    let name_w = names
        .max()
        .unwrap_or(0)
        .max("level / section / topic".len());
    let kinds_w: usize = Kind::ALL.iter().map(|k| heading(*k).len() + 1).sum();
    // Too narrow for a column per kind: the totals alone, and the kinds in the summary below.
    let kinds: &[Kind] = if name_w + 6 + kinds_w + 2 <= width {
        &Kind::ALL
    } else {
        &[]
    };
    let mut out = format!("{:<name_w$} {:>5}", "level / section / topic", "total");
    for k in kinds {
        out.push_str(&format!(" {}", heading(*k)));
    }
    out.push('\n');
    for level in &rm.levels {
        let lrows: Vec<&TopicRow> = rows.iter().filter(|r| r.level == level.id).collect();
        let lsum: usize = lrows.iter().map(|r| r.total).sum();
        out.push_str(&format!("{:<name_w$} {lsum:>5}\n", level.title));
        for s in rm.sections.iter().filter(|s| s.level == level.id) {
            let srows: Vec<&&TopicRow> = lrows.iter().filter(|r| r.section == s.id).collect();
            let ssum: usize = srows.iter().map(|r| r.total).sum();
            let title = format!("  {}", s.title);
            out.push_str(&format!("{title:<name_w$} {ssum:>5}\n"));
            for r in srows {
                let topic = format!("    {}", r.topic);
                out.push_str(&format!("{topic:<name_w$} {:>5}", r.total));
                for k in kinds {
                    let n = r.kinds.get(k.name()).copied().unwrap_or(0);
                    out.push_str(&format!(" {n:>w$}", w = heading(*k).len()));
                }
                if r.total < min {
                    out.push_str(" ◂");
                }
                out.push('\n');
            }
        }
    }
    let by_kind: Vec<String> = Kind::ALL
        .iter()
        .map(|k| {
            format!(
                "{} {}",
                k.name(),
                rows.iter()
                    .map(|r| r.kinds.get(k.name()).copied().unwrap_or(0))
                    .sum::<usize>()
            )
        })
        .collect();
    let below = rows.iter().filter(|r| r.total < min).count();
    let summary = format!(
        "{} · {} · {below} below {min} · {}",
        crate::text::count(total, "question"),
        crate::text::count(rows.len(), "topic"),
        by_kind.join(" · ")
    );
    out.push('\n');
    out.push_str(&crate::text::wrap(&summary, width, ""));
    out.push('\n');
    if kinds.is_empty() {
        out.push_str(&crate::text::wrap(
            "(each topic's kinds: at 80 columns or more, or with --format json)",
            width,
            "",
        ));
        out.push('\n');
    }
    if below > 0 {
        let legend = format!(
            "◂ below the minimum of {min} questions per topic (roadmap.toml `min_per_topic`)"
        );
        out.push_str(&crate::text::wrap(&legend, width, ""));
        out.push('\n');
    }
    out
}
