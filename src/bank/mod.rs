//! Question banks: the file format, the typed questions the engine uses, and loading them.

mod checks;
pub mod display;
pub mod embedded;
mod files;
pub mod format;
mod keys;
pub mod load;
mod parse;

use std::ops::Range;

pub use format::{Calibration, Kind, Module};

use crate::diagnostic::Source;
use crate::roadmap::Roadmap;

/// A question ready for the engine: common fields plus what its kind needs.
#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub topic: String,
    pub section: String,
    /// Index of the question's level in the roadmap (0 = lowest).
    pub level: usize,
    /// 1 easy, 2 typical, 3 hard within the level.
    pub difficulty: u8,
    pub prompt: String,
    pub explanation: String,
    pub references: Vec<String>,
    pub body: Body,
    pub calibration: Option<Calibration>,
    /// The blind judges' consensus placement (level index, difficulty), when committed ratings
    /// agree on one (`questions/ratings/`): the model's prior uses it instead of the tag.
    pub judged: Option<(usize, u8)>,
    /// Where the question is written, for diagnostics.
    pub origin: Origin,
}

/// What each kind of question needs to be asked and marked.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum Body {
    Single {
        answer: String,
        distractors: Vec<String>,
        feedback: Vec<String>,
    },
    Multi {
        answers: Vec<String>,
        distractors: Vec<String>,
        feedback: Vec<String>,
    },
    TrueFalse {
        answer: bool,
    },
    Text {
        accept: Vec<String>,
        /// Compare with case kept. Left out of the digest when false, so adding the key did not
        /// change what history knows of every text question.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        case_sensitive: bool,
    },
    Order {
        items: Vec<String>,
    },
    Output {
        module: Module,
        code: String,
        output: String,
        distractors: Vec<String>,
        feedback: Vec<String>,
    },
    /// Self-marked against its key points; never part of the level estimate.
    Open {
        model_answer: String,
        key_points: Vec<String>,
        follow_ups: Vec<String>,
    },
}

impl Question {
    /// A short digest of what the question asks and accepts: history keys on it, so an edited
    /// question is never mistaken for the one answered before.
    pub fn digest(&self) -> String {
        use sha2::{Digest, Sha256};
        let canonical = serde_json::to_string(&(&self.prompt, &self.body)).expect("serializes");
        Sha256::digest(canonical.as_bytes())
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

impl Body {
    /// The wrong options and their feedback lines, for the kinds chosen from a list.
    pub fn distractors(&self) -> Option<(&[String], &[String])> {
        match self {
            Body::Single {
                distractors,
                feedback,
                ..
            }
            | Body::Multi {
                distractors,
                feedback,
                ..
            }
            | Body::Output {
                distractors,
                feedback,
                ..
            } => Some((distractors, feedback)),
            _ => None,
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Body::Single { .. } => Kind::Single,
            Body::Multi { .. } => Kind::Multi,
            Body::TrueFalse { .. } => Kind::TrueFalse,
            Body::Text { .. } => Kind::Text,
            Body::Order { .. } => Kind::Order,
            Body::Output { .. } => Kind::Output,
            Body::Open { .. } => Kind::Open,
        }
    }

    /// Whether the question is open (self-marked, kept out of the level estimate).
    pub fn is_open(&self) -> bool {
        matches!(self, Body::Open { .. })
    }
}

impl Kind {
    /// Every kind, in the order reports list them.
    pub const ALL: [Kind; 7] = [
        Kind::Single,
        Kind::Multi,
        Kind::TrueFalse,
        Kind::Text,
        Kind::Order,
        Kind::Output,
        Kind::Open,
    ];

    /// The name used in bank files and reports.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multi => "multi",
            Kind::TrueFalse => "true-false",
            Kind::Text => "text",
            Kind::Order => "order",
            Kind::Output => "output",
            Kind::Open => "open",
        }
    }
}

/// The file and spans a question came from.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub file: String,
    /// Span of the whole `[[questions]]` table.
    pub table: Range<usize>,
    /// Span of each key's value, by key name.
    pub keys: Vec<(String, Range<usize>)>,
}

impl Origin {
    /// Span of `key[index]` (one element of an array), else of the whole key.
    pub fn element_span(&self, key: &str, index: usize) -> Range<usize> {
        let name = format!("{key}[{index}]");
        self.keys
            .iter()
            .find(|(k, _)| *k == name)
            .map_or_else(|| self.span(key), |(_, s)| s.clone())
    }

    /// Span of a key's value, or of the question's table when the key is absent.
    pub fn span(&self, key: &str) -> Range<usize> {
        self.keys
            .iter()
            .find(|(k, _)| k == key)
            .map_or_else(|| self.table.clone(), |(_, s)| s.clone())
    }
}

/// Everything loaded: the roadmap, the questions and the source files they came from.
#[derive(Debug, Clone)]
pub struct Bank {
    pub roadmap: Roadmap,
    pub questions: Vec<Question>,
    pub sources: Vec<Source>,
    /// sha256 over every source file's name and text, so a report names the banks it used.
    pub digest: String,
}

impl Bank {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}
