//! The arguments of `levelcheck validate`.

use std::path::PathBuf;

use clap::Args;

use crate::validate::output;

#[derive(Debug, Clone, Args)]
pub struct ValidateArgs {
    /// Bank files, bank folders or folders with a roadmap.toml (default: the built-in banks).
    pub paths: Vec<PathBuf>,
    /// Warnings count as findings (exit 1).
    #[arg(long)]
    pub strict: bool,
    /// Run every code-output snippet with node and compare the key with the real output.
    #[arg(long)]
    pub run_snippets: bool,
    /// Run snippets even where they cannot be fully isolated (no Linux namespaces, or a node
    /// without a permission model), with a warning. Only for banks you trust.
    #[arg(long, requires = "run_snippets")]
    pub unsandboxed_snippets: bool,
    /// The node binary for --run-snippets.
    #[arg(long, value_name = "PATH", default_value = "node")]
    pub node: PathBuf,
    /// Runs per snippet, to catch output that is not deterministic.
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub runs: u32,
    /// Seconds a snippet may run before it is stopped and reported.
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub snippet_timeout: u64,
    /// Output format (default: github when GITHUB_ACTIONS=true, else human).
    #[arg(long, value_enum)]
    pub format: Option<output::Format>,
    /// Also write a Markdown summary to FILE (e.g. $GITHUB_STEP_SUMMARY).
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
}
