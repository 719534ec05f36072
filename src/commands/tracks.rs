//! `levelcheck tracks`: the study tracks of the roadmap, for `--track`.

use std::io::Write;

use super::bank_source;
use crate::bank::load;
use crate::cli::GlobalArgs;
use crate::error::{Error, Result, exit};

pub fn run(g: &GlobalArgs, out: &mut dyn Write) -> Result<u8> {
    let bank = load::load(&bank_source(g))?;
    let rm = &bank.roadmap;
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
        text.push_str(&format!(
            "{:<20} {:<14} {:>6} {:>9}  {}\n",
            t.id,
            target,
            topics.len(),
            questions,
            t.title
        ));
    }
    text.push_str("\nUse one with: levelcheck take --track <track>   or   levelcheck practice --track <track>\n");
    out.write_all(text.as_bytes())
        .map_err(|e| Error::io("<stdout>", e))?;
    Ok(exit::OK)
}
