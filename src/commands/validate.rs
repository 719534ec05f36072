//! `levelcheck validate`: check banks and report every finding, for people and for CI.

use std::io::{IsTerminal, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{GlobalArgs, ValidateArgs};
use crate::diagnostic::Severity;
use crate::error::{Error, Result, exit};
use crate::prompt::interaction::{no_color_env, use_color};
use crate::validate::snippets::{Runner, SnippetProgress};
use crate::validate::{self, Options, output};

/// A bar on stderr while snippets run, only for a person at a terminal: CI logs and pipes would
/// keep every redraw.
fn snippet_progress() -> ProgressBar {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
    if ci || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template("running snippets {bar:30} {pos}/{len} {elapsed}")
        .expect("valid template");
    ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(style)
}

/// The snippet runner ticks the bar it is given; the bar decides whether anything is drawn.
impl SnippetProgress for ProgressBar {
    fn start(&self, total: u64) {
        self.set_length(total);
    }
    fn tick(&self) {
        self.inc(1);
    }
    fn finish(&self) {
        self.finish_and_clear();
    }
}

pub fn run(
    args: &ValidateArgs,
    g: &GlobalArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let mut paths = args.paths.clone();
    paths.extend(g.banks.iter().cloned());
    if let Some(summary) = &args.summary {
        crate::outfile::check(summary, &paths)?;
    }
    let snippets = if args.run_snippets {
        let runner =
            Runner::prepare(&args.node, args.unsandboxed_snippets).map_err(Error::Usage)?;
        for why in runner.weaknesses() {
            let _ = writeln!(err, "warning: --unsandboxed-snippets: {why}");
        }
        Some(runner.with_progress(snippet_progress()))
    } else {
        None
    };
    let timeout = std::time::Duration::from_secs(args.snippet_timeout);
    let opts = Options {
        snippets,
        runs: args.runs,
        timeout,
    };
    let result = validate::validate(&paths, &opts)?;
    let format = args.format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            output::Format::Github
        } else {
            output::Format::Human
        }
    });
    let color = use_color(
        g.color,
        no_color_env(),
        std::io::IsTerminal::is_terminal(&std::io::stdout()),
    );
    let text = output::render(&result, format, color, super::text_width());
    out.write_all(text.as_bytes())
        .map_err(|e| Error::io("<stdout>", e))?;
    if let Some(path) = &args.summary {
        crate::outfile::write(path, output::markdown_summary(&result).as_bytes(), &paths)?;
    }
    let errors = result
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    let warnings = result
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Warning);
    Ok(if errors || (args.strict && warnings) {
        exit::FINDINGS
    } else {
        exit::OK
    })
}
