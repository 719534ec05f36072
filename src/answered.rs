//! An answered question as data: what was given, whether it was right, how sure the person was.
//! Below the engine, prompter and session so each of them can hold answers without importing
//! the layer above it.

use serde::{Deserialize, Serialize};

use crate::mark::Given;

/// One answered (or skipped) question.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    /// Index into `bank.questions`.
    #[serde(skip)]
    pub question: usize,
    pub id: String,
    pub given: Given,
    pub correct: bool,
    pub seconds: f64,
    /// How sure the person said they were (`--confidence`); never used for the level.
    #[serde(default)]
    pub confidence: Option<Confidence>,
    /// Asked to confirm a possible gap: counts for its area, not for the level (the check
    /// over-samples that area on purpose, which would bias the overall estimate).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub confirming: bool,
    /// An open question's follow-ups put to the person, in order: whether each was covered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_ups: Vec<bool>,
    /// An open question answered in writing: the words typed, kept for the person to look back
    /// on (never exported, see `history::export`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typed: Option<String>,
    /// The words typed for each follow-up in `follow_ups` (`None`: answered aloud), kept and
    /// never exported like `typed`.
    #[serde(default, skip_serializing_if = "crate::answered::none_typed")]
    pub follow_up_typed: Vec<Option<String>>,
}

/// The most characters of a typed open answer kept (from the terminal or an answers file): a
/// long answer, not an unbounded history file.
pub const MAX_TYPED_CHARS: usize = 8000;

/// Whether no follow-up answer was typed: nothing worth writing down.
pub fn none_typed(v: &[Option<String>]) -> bool {
    v.iter().all(Option::is_none)
}

/// How sure an answer was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    Guessing,
    FairlySure,
    Certain,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [
        Confidence::Guessing,
        Confidence::FairlySure,
        Confidence::Certain,
    ];

    /// The chance of being right each rating stands for, to score calibration: a guess among
    /// about three plausible options, "fairly sure" as the pass mark, "certain" as 95%.
    pub fn probability(self) -> f64 {
        match self {
            Confidence::Guessing => 0.33,
            Confidence::FairlySure => 0.7,
            Confidence::Certain => 0.95,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Confidence::Guessing => "guessing",
            Confidence::FairlySure => "fairly sure",
            Confidence::Certain => "certain",
        }
    }

    /// Parses "guessing", "fairly-sure"/"fairly sure", "certain".
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_lowercase().replace(' ', "-").as_str() {
            "guessing" => Some(Confidence::Guessing),
            "fairly-sure" => Some(Confidence::FairlySure),
            "certain" => Some(Confidence::Certain),
            _ => None,
        }
    }
}
