//! One file per subcommand: each turns checked arguments into work and output.

pub mod analyze;
pub mod calibrate;
pub mod completions;
pub mod history;
pub mod interview;
pub mod judge;
pub mod man;
pub mod practice;
pub mod replay;
pub mod roadmap;
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

/// The banks of a quiz, with the priors their committed blind ratings give (see
/// `ratings::inform`) and the parameters of a calibration.toml beside them (see `calibrate`).
pub fn load_informed(g: &GlobalArgs) -> crate::error::Result<crate::bank::Bank> {
    let source = bank_source(g);
    let mut bank = load_uncalibrated(g)?;
    crate::calibrate::load_and_apply(&mut bank, &source)?;
    Ok(bank)
}

/// The banks with their ratings but without a calibration file: what `calibrate` starts from,
/// so re-fitting a grown pool never counts the old answers twice.
pub fn load_uncalibrated(g: &GlobalArgs) -> crate::error::Result<crate::bank::Bank> {
    let source = bank_source(g);
    let mut bank = crate::bank::load::load(&source)?;
    crate::ratings::inform::load_and_inform(&mut bank, &source)?;
    Ok(bank)
}

/// The files and folders a command reads, which no output may replace: the `--bank` folders and
/// an answers file (not `-`, standard input).
pub fn inputs(g: &GlobalArgs, answers: Option<&std::path::Path>) -> Vec<std::path::PathBuf> {
    let mut v = g.banks.clone();
    v.extend(answers.filter(|a| a.as_os_str() != "-").map(Into::into));
    v
}

/// Columns for text output: standard output's terminal, else `$COLUMNS`, else 100.
pub fn text_width() -> usize {
    let columns = console::Term::stdout().size_checked().map(|(_, c)| c);
    crate::text::output_width(columns, std::env::var("COLUMNS").ok().as_deref())
}
