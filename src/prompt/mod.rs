//! Asking questions: the `Prompter` trait, with a terminal and a scripted implementation.

pub mod interaction;
pub mod rater;
pub mod replay;
pub mod scripted;
pub mod select;
pub mod term;
pub mod term_rater;
pub mod theme;

use std::time::Duration;

use crate::answered::Confidence;
use crate::answered::Record;
use crate::bank::Question;
use crate::engine::Offer;
use crate::engine::present::Ask;
use crate::mark::Given;

/// The person pressed Ctrl-C (or the terminal went away).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interrupted;

/// Where the run is, for the progress line.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub number: usize,
    pub total: usize,
    /// `total` is a maximum: the quiz may stop as soon as the level is clear.
    pub adaptive: bool,
    pub elapsed: Duration,
    /// A timed run (interview): the time allowed overall.
    pub time_limit: Option<Duration>,
    /// A timed run: the time planned for this question.
    pub time_for: Option<Duration>,
}

/// Something that can put a question to a person (or to a file of answers).
pub trait Prompter {
    /// Asks one question; "Skip — I don't know" gives `Given::Skip`.
    fn ask(&mut self, q: &Question, ask: &Ask, progress: &Progress) -> Result<Given, Interrupted>;
    /// Says right or wrong and explains (`--feedback after-each`).
    fn feedback(&mut self, q: &Question, record: &Record) -> Result<(), Interrupted>;
    /// How sure the person is of the answer just given (`--confidence`).
    fn confidence(&mut self, _q: &Question) -> Result<Option<Confidence>, Interrupted> {
        Ok(None)
    }
    /// Puts an open question's follow-up (`index` into its `follow_ups`); whether the person
    /// says their answer covered it.
    fn follow_up(&mut self, _q: &Question, _index: usize) -> Result<bool, Interrupted> {
        Ok(false)
    }
    /// The words typed for the open question or follow-up just asked, if the person wrote
    /// their answer (taken: a second call gives `None`).
    fn typed_answer(&mut self) -> Option<String> {
        None
    }
    /// Whether to ask a few more questions to confirm a possible gap.
    fn confirm_gap(&mut self, _offer: &Offer) -> Result<bool, Interrupted> {
        Ok(false)
    }
}
