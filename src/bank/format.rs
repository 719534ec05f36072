//! The bank file format as plain serde data: what a bank author writes, field by field.
//!
//! A bank is one TOML file per roadmap section (`questions/<level>/<section>.toml`):
//!
//! ```toml
//! #:schema ../bank.schema.json
//! format_version = 1
//! level = "beginner"
//! section = "core"
//!
//! [[questions]]
//! id = "core.const-object"
//! topic = "js-fundamentals"
//! kind = "true-false"
//! prompt = "Declaring an object with `const` prevents its properties from being changed."
//! answer = false
//! explanation = "`const` fixes the binding, not the value."
//! references = ["https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Statements/const"]
//! ```
//!
//! Every kind shares one flat table so that serde reports a wrong type or an unknown key at the
//! exact key; which keys each kind needs is checked in `keys.rs`, with the same precision.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The version of the bank format this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// One bank file: the questions of one roadmap section.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "levelcheck question bank")]
pub struct BankFile {
    /// Version of this format; 1 today.
    pub format_version: u32,
    /// Level id from roadmap.toml; must match the folder the file is in.
    pub level: String,
    /// Section id from roadmap.toml; must match the file name.
    pub section: String,
    /// The questions of this section.
    #[serde(default)]
    pub questions: Vec<RawQuestion>,
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// One right option among `answer` and `distractors`.
    Single,
    /// Select all that apply: `answers` are right, `distractors` wrong.
    Multi,
    /// A statement that is true or false (`answer = true|false`).
    TrueFalse,
    /// A short typed answer matched against `accept`.
    Text,
    /// Put `items` (written in the right order) back in order.
    Order,
    /// Predict what `code` prints: `output`, chosen among `distractors` or typed.
    Output,
    /// An interviewer's open question: answered in your own words, then self-marked against
    /// `key_points` after reading `model_answer`. Never counts towards the level.
    Open,
}

/// How a code snippet is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Module {
    /// Run as `snippet.cjs`.
    Commonjs,
    /// Run as `snippet.mjs`.
    Esm,
}

/// A string or a boolean: the `answer` key is text for `single` and a boolean for `true-false`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum AnswerValue {
    /// `true-false` questions.
    Bool(bool),
    /// `single` questions: the text of the right option.
    Text(String),
}

/// Item response theory parameters measured from real answers; they override the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Calibration {
    /// Discrimination (slope), > 0.
    pub a: f64,
    /// Difficulty on the ability scale.
    pub b: f64,
    /// Guessing (lower asymptote), 0 ≤ c < 1.
    pub c: f64,
    /// Standard error of b, when the values were fitted: the engine flattens the slope by it as
    /// it flattens an uncalibrated question by its tag's uncertainty. Absent: b is taken as exact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub se_b: Option<f64>,
}

/// One question as written in the file. Keys that a kind does not use are rejected by the loader.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    /// Stable id, unique across all banks: lowercase letters, digits, '-' and '.'.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*$"))]
    pub id: String,
    /// Topic id from roadmap.toml; the topic must belong to this file's section.
    pub topic: String,
    /// How the question is answered.
    pub kind: Kind,
    /// 1 easy, 2 typical (default), 3 hard — within the question's level.
    #[schemars(range(min = 1, max = 3))]
    pub difficulty: Option<u8>,
    /// The question, complete without the options. Markdown-style `code` is shown as is.
    pub prompt: String,
    /// Why the key is right and why each other option is wrong.
    pub explanation: String,
    /// At least one http(s) URL to an authoritative source.
    pub references: Vec<String>,
    /// `single`: the right option's text. `true-false`: true or false.
    pub answer: Option<AnswerValue>,
    /// `multi`: the right options.
    pub answers: Option<Vec<String>>,
    /// `single`, `multi`, `output`: the wrong options (for `output`, optional: without them the
    /// output is typed).
    pub distractors: Option<Vec<String>>,
    /// One line per distractor, same order: shown when that distractor is chosen.
    pub feedback: Option<Vec<String>>,
    /// `text`: accepted answers, compared after trimming and collapsing whitespace, and
    /// lower-casing unless `case_sensitive = true`.
    pub accept: Option<Vec<String>>,
    /// `text`: keep case when comparing (default false), for answers where case is meaning:
    /// `git switch -c` is not `git switch -C`.
    pub case_sensitive: Option<bool>,
    /// `order`: the items in the right order (shown shuffled); at least three.
    pub items: Option<Vec<String>>,
    /// `output`: how the snippet is run.
    pub module: Option<Module>,
    /// `output`: the JavaScript snippet.
    pub code: Option<String>,
    /// `output`: exactly what node prints to stdout (a trailing newline is ignored).
    pub output: Option<String>,
    /// `open`: what a strong candidate would say, a paragraph or a few.
    pub model_answer: Option<String>,
    /// `open`: 3–6 short, checkable statements the person ticks when their answer covered them.
    pub key_points: Option<Vec<String>>,
    /// `open`: questions an interviewer asks next when few key points were covered.
    pub follow_ups: Option<Vec<String>>,
    /// Measured IRT parameters overriding the defaults.
    pub calibration: Option<Calibration>,
}
