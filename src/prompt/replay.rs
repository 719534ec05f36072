//! Replaying the answers of an interrupted session before asking the rest live (`--resume`).

use std::collections::VecDeque;

use super::{Interrupted, Progress, Prompter};
use crate::answered::Confidence;
use crate::answered::Record;
use crate::bank::Question;
use crate::engine::Offer;
use crate::engine::present::Ask;
use crate::mark::Given;

/// Gives back stored answers while the engine asks the same questions as before, then hands
/// over to the live prompter. If the banks changed and a different question comes up, replay
/// stops there and the rest is asked live.
pub struct Replay<'a> {
    pub stored: VecDeque<(String, Given, Option<Confidence>)>,
    pub live: &'a mut dyn Prompter,
    /// How many stored answers were used.
    pub replayed: usize,
    last_was_replayed: bool,
    last_confidence: Option<Confidence>,
}

impl<'a> Replay<'a> {
    pub fn new(
        stored: VecDeque<(String, Given, Option<Confidence>)>,
        live: &'a mut dyn Prompter,
    ) -> Self {
        Self {
            stored,
            live,
            replayed: 0,
            last_was_replayed: false,
            last_confidence: None,
        }
    }
}

impl Prompter for Replay<'_> {
    fn ask(&mut self, q: &Question, ask: &Ask, progress: &Progress) -> Result<Given, Interrupted> {
        if self.stored.front().is_some_and(|(id, _, _)| *id == q.id) {
            self.replayed += 1;
            self.last_was_replayed = true;
            let (_, given, confidence) = self.stored.pop_front().expect("front exists");
            self.last_confidence = confidence;
            return Ok(given);
        }
        self.stored.clear();
        self.last_was_replayed = false;
        self.live.ask(q, ask, progress)
    }

    fn confidence(&mut self, q: &Question) -> Result<Option<Confidence>, Interrupted> {
        if self.last_was_replayed {
            Ok(self.last_confidence)
        } else {
            self.live.confidence(q)
        }
    }

    /// A replayed answer brings back no typed text (resumed runs ask no open question).
    fn typed_answer(&mut self) -> Option<String> {
        if self.last_was_replayed {
            None
        } else {
            self.live.typed_answer()
        }
    }

    fn follow_up(&mut self, q: &Question, index: usize) -> Result<bool, Interrupted> {
        self.live.follow_up(q, index)
    }

    /// Stored answers left over mean the first sitting took this offer.
    fn confirm_gap(&mut self, offer: &Offer) -> Result<bool, Interrupted> {
        if self.stored.is_empty() {
            self.live.confirm_gap(offer)
        } else {
            Ok(true)
        }
    }

    fn feedback(&mut self, q: &Question, record: &Record) -> Result<(), Interrupted> {
        // Replayed answers had their feedback in the first sitting.
        if self.last_was_replayed {
            Ok(())
        } else {
            self.live.feedback(q, record)
        }
    }
}
