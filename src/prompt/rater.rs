//! Asking a judge for ratings: the `Rater` trait, and its scripted implementation (a file).

use std::collections::HashMap;

use super::Interrupted;
use crate::bank::Question;
use crate::ratings::scripted::Verdict;

/// Something that can rate a question blind (a judge at a terminal, or a file of ratings).
pub trait Rater {
    /// Rates one question; `None` leaves it unrated for now (asked again on the next run).
    /// `number` of `total` is the question's place in this run — the only "id" a judge sees.
    fn rate(
        &mut self,
        q: &Question,
        number: usize,
        total: usize,
    ) -> Result<Option<Verdict>, Interrupted>;
}

/// Ratings from `--answers`; a question not in the file stays unrated.
pub struct ScriptedRater {
    pub verdicts: HashMap<String, Verdict>,
}

impl Rater for ScriptedRater {
    fn rate(&mut self, q: &Question, _: usize, _: usize) -> Result<Option<Verdict>, Interrupted> {
        Ok(self.verdicts.get(&q.id).cloned())
    }
}
