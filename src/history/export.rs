//! History as responses: every answered question of every kept session, for `history --export`.
//!
//! A session that was interrupted and then resumed is skipped: the resuming session replays its
//! answers, so exporting both would count them twice. Confirming questions (asked to check a
//! possible gap) are exported: they are real answers to real questions, whatever they count for.

use std::path::Path;

use crate::error::{Error, Result};
use crate::history::SessionRecord;
use crate::responses::{Response, given_value};

/// The respondent id kept in `dir/respondent`, created at random on first use: it names no one
/// and no machine, and stays the same for every export from this state folder.
pub fn respondent_id(dir: &Path) -> Result<String> {
    let path = dir.join("respondent");
    if let Ok(text) = std::fs::read_to_string(&path) {
        let id = text.trim();
        if !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Ok(id.to_string());
        }
    }
    let id = format!(
        "{:016x}{:016x}",
        rand::random::<u64>(),
        rand::random::<u64>()
    );
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    crate::outfile::write(&path, format!("{id}\n").as_bytes(), &[])?;
    Ok(id)
}

/// The responses of `sessions`, oldest session first, questions in the order asked.
pub fn responses(sessions: &[SessionRecord], respondent: &str) -> Vec<Response> {
    let resumed: Vec<&str> = sessions
        .iter()
        .filter_map(|s| s.resumes.as_deref())
        .collect();
    sessions
        .iter()
        .filter(|s| !resumed.contains(&s.id.as_str()))
        .flat_map(|s| {
            s.questions.iter().map(move |q| Response {
                respondent: respondent.to_string(),
                session: s.id.clone(),
                question: q.id.clone(),
                given: given_value(&q.given),
                correct: q.correct,
                mode: s.mode.clone(),
                bank: s.banks.clone(),
                digest: Some(q.digest.clone()),
                at: Some(s.started.clone()),
                seconds: q.seconds,
            })
        })
        .collect()
}
