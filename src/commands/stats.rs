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
        StatsFormat::Text => table(&bank.roadmap, &rows, bank.questions.len()),
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

fn table(rm: &Roadmap, rows: &[TopicRow], total: usize) -> String {
    let min = rm.rubric.min_per_topic;
    let mut out = format!(
        "{:<44} {:>5}  {:>6} {:>5} {:>4} {:>4} {:>5} {:>6} {:>4}\n",
        "level / section / topic",
        "total",
        "single",
        "multi",
        "t/f",
        "text",
        "order",
        "output",
        "open"
    );
    for level in &rm.levels {
        let lrows: Vec<&TopicRow> = rows.iter().filter(|r| r.level == level.id).collect();
        let lsum: usize = lrows.iter().map(|r| r.total).sum();
        out.push_str(&format!("{:<44} {lsum:>5}\n", level.title));
        for s in rm.sections.iter().filter(|s| s.level == level.id) {
            let srows: Vec<&&TopicRow> = lrows.iter().filter(|r| r.section == s.id).collect();
            let ssum: usize = srows.iter().map(|r| r.total).sum();
            out.push_str(&format!("  {:<42} {ssum:>5}\n", s.title));
            for r in srows {
                let flag = if r.total < min {
                    " ◂ below minimum"
                } else {
                    ""
                };
                let k = |name: &str| r.kinds.get(name).copied().unwrap_or(0);
                out.push_str(&format!(
                    "    {:<40} {:>5}  {:>6} {:>5} {:>4} {:>4} {:>5} {:>6} {:>4}{flag}\n",
                    r.topic,
                    r.total,
                    k("single"),
                    k("multi"),
                    k("true-false"),
                    k("text"),
                    k("order"),
                    k("output"),
                    k("open")
                ));
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
    out.push_str(&format!(
        "\n{total} questions · {} topics · {} below {min} · {}\n",
        rows.len(),
        rows.iter().filter(|r| r.total < min).count(),
        by_kind.join(" · ")
    ));
    out
}
