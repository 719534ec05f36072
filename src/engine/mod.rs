//! The quiz engine: which questions to ask, in what order, and how each is shown.

pub mod adaptive;
pub mod fixed;
pub mod irt;
pub mod pool;
pub mod present;
pub mod rng;

use crate::bank::Bank;
use crate::session::Record;

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
}
