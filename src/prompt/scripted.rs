//! Answers from a file instead of a person: no terminal, no waiting.

use std::collections::HashMap;

use super::{Interrupted, Progress, Prompter};
use crate::answered::Confidence;
use crate::answered::Record;
use crate::bank::Question;
use crate::engine::Offer;
use crate::engine::present::Ask;
use crate::mark::Given;

/// Looks each question up in the answers file; a missing answer is a skip.
pub struct Scripted {
    pub answers: HashMap<String, Given>,
    /// Ratings given in the file as `{ answer = …, confidence = "certain" }`.
    pub confidence: HashMap<String, Confidence>,
    /// Which follow-ups each open answer covered (`follow_ups = [true, …]`); missing: not covered.
    pub follow_ups: HashMap<String, Vec<bool>>,
    /// The words of open answers (`text = "…"`), kept in history like typed answers.
    pub typed: HashMap<String, String>,
    /// The words of the question just asked, until `typed_answer` takes them.
    pub last_typed: Option<String>,
    /// Take every offer to confirm a possible gap (`--confirm-gaps`).
    pub confirm_gaps: bool,
}

impl Prompter for Scripted {
    fn ask(
        &mut self,
        q: &Question,
        _ask: &Ask,
        _progress: &Progress,
    ) -> Result<Given, Interrupted> {
        self.last_typed = self.typed.get(&q.id).cloned();
        Ok(self.answers.get(&q.id).cloned().unwrap_or(Given::Skip))
    }

    fn typed_answer(&mut self) -> Option<String> {
        self.last_typed.take()
    }

    fn feedback(&mut self, _q: &Question, _record: &Record) -> Result<(), Interrupted> {
        Ok(())
    }

    fn confidence(&mut self, q: &Question) -> Result<Option<Confidence>, Interrupted> {
        Ok(self.confidence.get(&q.id).copied())
    }

    fn follow_up(&mut self, q: &Question, index: usize) -> Result<bool, Interrupted> {
        Ok(self
            .follow_ups
            .get(&q.id)
            .and_then(|f| f.get(index))
            .copied()
            .unwrap_or(false))
    }

    fn confirm_gap(&mut self, _offer: &Offer) -> Result<bool, Interrupted> {
        Ok(self.confirm_gaps)
    }
}
