//! History as responses: every answered question of every kept session, for `history --export`.
//!
//! A session that was interrupted and then resumed is skipped: the resuming session replays its
//! answers, so exporting both would count them twice. Confirming questions (asked to check a
//! possible gap) are exported: they are real answers to real questions, whatever they count for.
//!
//! An open answer is exported as the key points ticked (`{ "points": [0, 2] }`), never as the
//! words typed: the export is made to be shared and pooled, and free text may say anything
//! (names, employers, code). The words stay in the session record, for the person's own
//! `report` and `history --format json`.

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::AskedRecord;
    use crate::mark::Given;

    #[test]
    fn typed_open_answers_stay_out_of_the_export() {
        let text = r#"{"format_version":1,"id":"s1","started_unix":0,"started":"1970-01-01T00:00:00Z",
            "mode":"interview","seed":0,"planned":1,"banks":"sha256:0","interrupted":false,
            "level":null,"correct":1,"asked":1,"questions":[]}"#;
        let mut s: SessionRecord = serde_json::from_str(text).unwrap();
        s.questions.push(AskedRecord {
            id: "core.open-q".into(),
            digest: "d".into(),
            section: "core".into(),
            topic: "t".into(),
            given: Given::Points(vec![0, 2]),
            correct: true,
            confidence: None,
            confirming: false,
            follow_ups: vec![true],
            seconds: Some(90.0),
            share: Some(0.5),
            typed: Some("I worked at Acme on this".into()),
            follow_up_typed: vec![Some("at Initech we sharded by tenant".into())],
        });
        let mut out = Vec::new();
        crate::responses::write(&mut out, &responses(&[s], "r")).unwrap();
        let line = String::from_utf8(out).unwrap();
        assert!(line.contains(r#""given":{"points":[0,2]}"#), "{line}");
        assert!(!line.contains("Acme"), "{line}");
    }
}
