//! A session as stored: enough to list it, re-render its report, resume it and schedule reviews.

use serde::{Deserialize, Serialize};

use crate::answered::Confidence;
use crate::bank::Bank;
use crate::engine::pool::Filter;
use crate::mark::Given;
use crate::session::{Feedback, Session};

/// Bump when a key changes meaning; readers skip records of a newer version.
pub const RECORD_VERSION: u32 = 1;

/// One stored session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub format_version: u32,
    /// Unique and sortable: start time, process id and a random suffix.
    pub id: String,
    pub started_unix: u64,
    pub started: String,
    /// "fixed", "adaptive" or "practice".
    pub mode: String,
    /// The `--level`/`--section`/`--topic`/`--track` the session was run with.
    #[serde(default)]
    pub filters: Filter,
    pub seed: u64,
    /// The most questions planned (`-n`).
    pub planned: usize,
    #[serde(default)]
    pub min_questions: Option<usize>,
    #[serde(default)]
    pub target_confidence: Option<f64>,
    pub banks: String,
    pub interrupted: bool,
    /// Set on an interrupted session once it has been resumed, by the session that resumed it.
    #[serde(default)]
    pub resumes: Option<String>,
    /// Level id reached (null: "not yet", or a practice session).
    pub level: Option<String>,
    /// Adaptive: the posterior probability of that level.
    #[serde(default)]
    pub probability: Option<f64>,
    pub correct: usize,
    pub asked: usize,
    /// How long the run took, in whole seconds (a resumed run: both parts).
    #[serde(default)]
    pub elapsed_secs: Option<u64>,
    /// `--feedback` and `--confidence`, kept so `--resume` asks as the first part did.
    #[serde(default)]
    pub feedback: Feedback,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub confidence: bool,
    /// The command that replays this run (the report's replay hint).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replay: Option<String>,
    /// Run with `--seed` (the seed was chosen, not drawn). Which questions it steered away from
    /// is `recent_before`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub seeded: bool,
    /// An interview's time allowed (`--minutes`), so its report says "12:40 of 30 min" again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// Adaptive: the run steered away from the questions of sessions saved before this time
    /// (milliseconds since 1970), so a resume or replay can steer away from the same ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recent_before: Option<u64>,
    pub questions: Vec<AskedRecord>,
}

/// One question as asked and answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AskedRecord {
    pub id: String,
    /// Digest of the question's content when it was asked: an edited question is a new question.
    pub digest: String,
    pub section: String,
    pub topic: String,
    pub given: Given,
    pub correct: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// Asked to confirm a possible gap (not counted for the level).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub confirming: bool,
    /// An open question's follow-ups asked (interview): whether each was covered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_ups: Vec<bool>,
    /// Seconds spent on it (absent in records written before it was kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
    /// An open question: the share of its key points covered, which grades its review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    /// An open question answered in writing: what was typed (kept here for the person; not in
    /// `history --export`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typed: Option<String>,
    /// The words typed for each follow-up (interview; `None`: answered aloud), kept like
    /// `typed`.
    #[serde(default, skip_serializing_if = "crate::answered::none_typed")]
    pub follow_up_typed: Vec<Option<String>>,
}

/// What is known about a run beyond its answers.
#[derive(Debug, Clone)]
pub struct RunInfo {
    pub mode: &'static str,
    pub filters: Filter,
    pub planned: usize,
    pub min_questions: Option<usize>,
    pub target_confidence: Option<f64>,
    pub level: Option<String>,
    pub probability: Option<f64>,
    pub resumes: Option<String>,
    pub feedback: Feedback,
    pub confidence: bool,
    pub replay: Option<String>,
    pub seeded: bool,
    /// An interview's time allowed, in minutes.
    pub minutes: Option<u32>,
    /// When the run began, if not `now − elapsed` (a resumed run: when its first part began).
    pub started: Option<std::time::SystemTime>,
    pub recent_before: Option<u64>,
}

impl SessionRecord {
    /// Builds the record of a finished or interrupted session.
    pub fn new(bank: &Bank, session: &Session, info: RunInfo, now: std::time::SystemTime) -> Self {
        let since_epoch = now
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        // `started` is when the run began, not when it was saved.
        let started = info.started.unwrap_or_else(|| {
            now.checked_sub(session.elapsed)
                .unwrap_or(std::time::UNIX_EPOCH)
        });
        let started_unix = started
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        let questions: Vec<AskedRecord> = session
            .records
            .iter()
            .map(|r| {
                let q = &bank.questions[r.question];
                AskedRecord {
                    id: q.id.clone(),
                    digest: q.digest(),
                    section: q.section.clone(),
                    topic: q.topic.clone(),
                    given: r.given.clone(),
                    correct: r.correct,
                    confidence: r.confidence,
                    confirming: r.confirming,
                    follow_ups: r.follow_ups.clone(),
                    seconds: Some(r.seconds),
                    share: crate::mark::points_share(q, &r.given),
                    typed: r.typed.clone(),
                    follow_up_typed: r.follow_up_typed.clone(),
                }
            })
            .collect();
        let suffix: u32 = rand::random::<u32>() % 1_000_000;
        Self {
            format_version: RECORD_VERSION,
            // Milliseconds first: ids sort in the order sessions started.
            id: format!(
                "{:013}-{:06}-{suffix:06}",
                since_epoch.as_millis(),
                std::process::id() % 1_000_000
            ),
            started_unix,
            started: humantime::format_rfc3339_seconds(started).to_string(),
            mode: info.mode.to_string(),
            filters: info.filters,
            seed: session.seed,
            planned: info.planned,
            min_questions: info.min_questions,
            target_confidence: info.target_confidence,
            banks: bank.digest.clone(),
            interrupted: session.interrupted,
            resumes: info.resumes,
            level: info.level,
            probability: info.probability,
            correct: questions.iter().filter(|q| q.correct).count(),
            asked: questions.len(),
            elapsed_secs: Some(session.elapsed.as_secs()),
            feedback: info.feedback,
            confidence: info.confidence,
            replay: info.replay,
            seeded: info.seeded,
            minutes: info.minutes,
            recent_before: info.recent_before,
            questions,
        }
    }

    /// The date part of `started` (YYYY-MM-DD HH:MM).
    pub fn date(&self) -> String {
        self.started.replace('T', " ").chars().take(16).collect()
    }
}
