//! The quiz engine: which questions to ask, in what order, and how each is shown.

pub mod adaptive;
pub mod areas;
pub mod fixed;
pub mod irt;
pub mod pool;
pub mod present;
pub mod rng;

use crate::answered::Record;
use crate::bank::Bank;

/// Chooses the next question given what has been answered so far.
pub trait Engine {
    /// Index into `bank.questions` of the next question, or `None` to stop.
    fn next(&mut self, bank: &Bank, answered: &[Record]) -> Option<usize>;
    /// The most questions this engine will ask (for "question k of N").
    fn planned(&self) -> usize;
    /// Whether the run may stop before `planned` questions.
    fn adaptive(&self) -> bool {
        false
    }
    /// Once `next` has stopped: more questions worth asking, if the person agrees (a possible gap
    /// to confirm). Each offer is made once.
    fn offer(&mut self, _bank: &Bank, _answered: &[Record]) -> Option<Offer> {
        None
    }
    /// The ability posterior, for engines that keep one.
    fn posterior(&self) -> Option<&irt::Posterior> {
        None
    }
    /// A timed run: the time allowed overall, shown with the clock.
    fn time_limit(&self) -> Option<std::time::Duration> {
        None
    }
    /// A timed run: the time planned for question `q`, shown with the clock.
    fn time_for(&self, _q: &crate::bank::Question) -> Option<std::time::Duration> {
        None
    }
    /// The person took the offer; `answered` is how many answers there are so far.
    fn accept(&mut self, _offer: &Offer, _answered: usize) {}
}

/// A few more questions on one area, to confirm or clear a possible gap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// The area's id and title.
    pub area: String,
    pub title: String,
    pub questions: usize,
}
