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
        Ok(self.answers.get(&q.id).cloned().unwrap_or(Given::Skip))
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
