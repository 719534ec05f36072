//! `levelcheck tracks`: the study tracks of the roadmap, for `--track`.

use std::io::Write;

use super::bank_source;
use crate::bank::load;
use crate::cli::GlobalArgs;
use crate::error::{Error, Result, exit};
use crate::text::{row_then, sanitize, wrap_labelled};

pub fn run(g: &GlobalArgs, out: &mut dyn Write) -> Result<u8> {
    let bank = load::load(&bank_source(g))?;
    let rm = &bank.roadmap;
    let width = super::text_width();
    let mut text = format!(
        "{:<20} {:<14} {:>6} {:>9}  {}\n",
        "track", "target", "topics", "questions", "title"
    );
    for t in &rm.tracks {
        let topics: Vec<&str> = rm
            .topics
            .iter()
            .filter(|topic| rm.track_has_topic(t, topic))
            .map(|topic| topic.id.as_str())
            .collect();
        let questions = bank
            .questions
            .iter()
            .filter(|q| topics.contains(&q.topic.as_str()))
            .count();
        let target = rm
            .levels
            .iter()
            .find(|l| l.id == t.target)
            .map_or(t.target.as_str(), |l| l.title.as_str());
        let cols = format!(
            "{:<20} {:<14} {:>6} {:>9}  ",
            sanitize(&t.id),
            sanitize(target),
            topics.len(),
            questions
        );
        text.push_str(&(row_then(&cols, &t.title, width) + "\n"));
    }
    let usage = "levelcheck take --track <track>   or   levelcheck practice --track <track>";
    text.push_str(&format!(
        "\n{}\n",
        wrap_labelled("", "Use one with: ", usage, width)
    ));
    out.write_all(text.as_bytes())
        .map_err(|e| Error::io("<stdout>", e))?;
    Ok(exit::OK)
}
