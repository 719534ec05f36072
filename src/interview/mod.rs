//! The mock interview: which questions an interview asks (`plan`), the clock that ends it
//! (`Timed`), and the scorecard by area (`scorecard`, `render`). Pure: nothing here prints.

pub mod plan;
pub mod render;
pub mod scorecard;

pub use plan::{Plan, Timed, plan};
pub use scorecard::{Scorecard, scorecard};

/// The track an interview follows when none is given: the "7–8 years" checklist, which is what
/// senior interviewers probe.
pub const DEFAULT_TRACK: &str = "seven-eight-years";

/// The default length of an interview, in minutes.
pub const DEFAULT_MINUTES: u32 = 30;
