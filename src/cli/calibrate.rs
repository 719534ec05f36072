//! The arguments of `levelcheck calibrate`.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Clone, Args)]
pub struct CalibrateArgs {
    /// Responses files (JSON Lines, as `history --export` writes; `-` reads stdin), pooled.
    #[arg(required = true, value_name = "RESPONSES")]
    pub responses: Vec<PathBuf>,
    /// Where to write the calibration (put it beside roadmap.toml to have the engine use it).
    #[arg(long, value_name = "FILE")]
    pub output: PathBuf,
}
