//! `levelcheck roadmap`: levels → sections → topics with their ids, so filter values can be found.

use std::io::Write;

use serde_json::json;

use super::bank_source;
use crate::bank::{Bank, load};
use crate::cli::{GlobalArgs, RoadmapArgs, RoadmapFormat};
use crate::error::{Error, Result, exit};
use crate::roadmap::Priority;
use crate::text::{row_then, wrap_labelled};

pub fn run(a: &RoadmapArgs, g: &GlobalArgs, out: &mut dyn Write) -> Result<u8> {
    let bank = load::load(&bank_source(g))?;
    let text = match a.format {
        RoadmapFormat::Text => text(&bank),
        RoadmapFormat::Json => {
            let mut s = serde_json::to_string_pretty(&as_json(&bank))
                .map_err(|e| Error::Usage(e.to_string()))?;
            s.push('\n');
            s
        }
    };
    out.write_all(text.as_bytes())
        .map_err(|e| Error::io("<stdout>", e))?;
    Ok(exit::OK)
}

fn count(bank: &Bank, pred: impl Fn(&crate::bank::Question) -> bool) -> usize {
    bank.questions.iter().filter(|q| pred(q)).count()
}

fn priority(p: Priority) -> &'static str {
    match p {
        Priority::MustHave => "must-have",
        Priority::GoodToHave => "good-to-have",
        Priority::Advanced => "advanced",
    }
}

/// Escaped for a terminal: roadmap titles come from a possibly untrusted `--bank`.
fn esc(s: &str) -> String {
    crate::text::escape_unsafe(s)
}

fn text(bank: &Bank) -> String {
    let rm = &bank.roadmap;
    let width = super::text_width();
    let row = |cols: String, title: &str| row_then(&cols, title, width) + "\n";
    let mut t = String::new();
    for (i, l) in rm.levels.iter().enumerate() {
        let n = count(bank, |q| q.level == i);
        t.push_str(&format!(
            "{}  {}  ({})\n",
            esc(&l.id),
            esc(&l.title),
            crate::text::count(n, "question")
        ));
        for s in rm.sections.iter().filter(|s| s.level == l.id) {
            let n = count(bank, |q| q.section == s.id);
            t.push_str(&row(format!("  {:<28} {:>4}  ", esc(&s.id), n), &s.title));
            for tp in rm.topics.iter().filter(|tp| tp.section == s.id) {
                let n = count(bank, |q| q.topic == tp.id);
                let cols = format!(
                    "    {:<26} {:>4}  {:<12}  ",
                    esc(&tp.id),
                    n,
                    priority(tp.priority)
                );
                t.push_str(&row(cols, &tp.title));
            }
        }
    }
    if !rm.areas.is_empty() {
        t.push_str("\nAreas (--area):\n");
        for a in &rm.areas {
            t.push_str(&row(format!("  {:<28} ", esc(&a.id)), &a.title));
        }
    }
    if !rm.tracks.is_empty() {
        t.push_str("\nTracks (--track; see `levelcheck tracks`):\n");
        for tr in &rm.tracks {
            t.push_str(&row(format!("  {:<28} ", esc(&tr.id)), &tr.title));
        }
    }
    let filters =
        "--level <level>  --section <section>  --topic <topic>  --area <area>  --track <track>";
    t.push_str(&format!(
        "\n{}\n",
        wrap_labelled("", "Filter with: ", filters, width)
    ));
    t
}

fn as_json(bank: &Bank) -> serde_json::Value {
    let rm = &bank.roadmap;
    let levels: Vec<_> = rm
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let sections: Vec<_> =
                rm.sections
                    .iter()
                    .filter(|s| s.level == l.id)
                    .map(|s| {
                        let topics: Vec<_> = rm
                        .topics
                        .iter()
                        .filter(|tp| tp.section == s.id)
                        .map(|tp| json!({
                            "id": tp.id, "title": tp.title, "priority": priority(tp.priority),
                            "questions": count(bank, |q| q.topic == tp.id),
                        }))
                        .collect();
                        json!({"id": s.id, "title": s.title,
                        "questions": count(bank, |q| q.section == s.id), "topics": topics})
                    })
                    .collect();
            json!({"id": l.id, "title": l.title,
                "questions": count(bank, |q| q.level == i), "sections": sections})
        })
        .collect();
    let areas: Vec<_> = rm
        .areas
        .iter()
        .map(|a| json!({"id": a.id, "title": a.title, "sections": a.sections}))
        .collect();
    let tracks: Vec<_> = rm
        .tracks
        .iter()
        .map(|t| json!({"id": t.id, "title": t.title, "target": t.target}))
        .collect();
    json!({"levels": levels, "areas": areas, "tracks": tracks})
}
