//! The arguments of `levelcheck roadmap`.

use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoadmapFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct RoadmapArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RoadmapFormat::Text)]
    pub format: RoadmapFormat,
}
