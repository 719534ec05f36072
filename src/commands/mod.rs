//! One file per subcommand: each turns checked arguments into work and output.

pub mod history;
pub mod man;
pub mod practice;
pub mod runner;
pub mod simulate;
pub mod stats;
pub mod take;
pub mod tracks;
pub mod validate;

use crate::bank::load::BankSource;
use crate::cli::GlobalArgs;

/// The banks a command works on: `--bank` folders, or the built-in ones.
pub fn bank_source(g: &GlobalArgs) -> BankSource {
    if g.banks.is_empty() {
        BankSource::Embedded
    } else {
        BankSource::Dirs(g.banks.clone())
    }
}
