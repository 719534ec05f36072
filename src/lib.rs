//! levelcheck: a terminal quiz that estimates the level a developer has reached on the Node.js
//! roadmap. Data flows one way: files → bank → engine → session → score → report.

pub mod analyze;
pub mod answered;
pub mod answers;
pub mod bank;
pub mod calibrate;
pub mod cli;
pub mod commands;
pub mod confidence;
pub mod diagnostic;
pub mod engine;
pub mod error;
pub mod history;
pub mod interview;
pub mod mark;
pub mod outfile;
pub mod pipe;
pub mod prompt;
pub mod ratings;
pub mod read;
pub mod report;
pub mod responses;
pub mod roadmap;
pub mod schema;
pub mod score;
pub mod session;
pub mod simulate;
pub mod text;
pub mod validate;

use std::io::Write;

use cli::{Cli, Command};
use error::{Error, Result, exit};

/// Runs a parsed command line; the exit code on success, an `Error` (with its own code) otherwise.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let defaults = <Cli as clap::Parser>::try_parse_from(["levelcheck"])
        .expect("no arguments parse")
        .take;
    if cli.command.is_some() && cli.take != defaults {
        return Err(Error::Usage(
            "quiz options go after `take` (or use them with no command at all)".into(),
        ));
    }
    // Refuse an output over an input before any work (a whole quiz) is done.
    let take = match &cli.command {
        None => Some(&cli.take),
        Some(Command::Take(args)) => Some(args),
        _ => None,
    };
    if let Some(path) = take.and_then(|t| t.output.as_deref()) {
        let answers = take.and_then(|t| t.answers.as_deref());
        outfile::check(path, &commands::inputs(&cli.global, answers))?;
    }
    match &cli.command {
        None => commands::take::run(&cli.take, &cli.global, out, err),
        Some(Command::Take(args)) => commands::take::run(args, &cli.global, out, err),
        Some(Command::Validate(args)) => commands::validate::run(args, &cli.global, out, err),
        Some(Command::Stats(args)) => commands::stats::run(args, &cli.global, out),
        Some(Command::Practice(args)) => commands::practice::run(args, &cli.global, out, err),
        Some(Command::Interview(args)) => commands::interview::run(args, &cli.global, out, err),
        Some(Command::History(args)) => commands::history::history(args, &cli.global, out, err),
        Some(Command::Report(args)) => commands::history::report(args, &cli.global, out, err),
        Some(Command::Roadmap(args)) => commands::roadmap::run(args, &cli.global, out),
        Some(Command::Tracks) => commands::tracks::run(&cli.global, out),
        Some(Command::Simulate(args)) => commands::simulate::run(args, &cli.global, out),
        Some(Command::Analyze(args)) => commands::analyze::run(args, &cli.global, out),
        Some(Command::Calibrate(args)) => commands::calibrate::run(args, &cli.global, out, err),
        Some(Command::Judge(args)) => commands::judge::run(args, &cli.global, out, err),
        Some(Command::Schema { of }) => {
            let text = match of {
                cli::SchemaOf::Bank => schema::bank_schema(),
                cli::SchemaOf::Roadmap => schema::roadmap_schema(),
            };
            out.write_all(text.as_bytes())
                .map_err(|e| Error::io("<stdout>", e))?;
            Ok(exit::OK)
        }
        Some(Command::Completions { shell }) => {
            commands::completions::run(*shell, &cli.global, out)
        }
        Some(Command::Man) => commands::man::run(out),
    }
}

/// What to print on standard error for a failure: every diagnostic rustc-style, then the message
/// wrapped to `width` under its "error: " label (a word is never split; a path may overflow);
/// with no width each line of the message stays whole.
pub fn render_error(err: &Error, color: bool, width: Option<usize>) -> String {
    let mut s = String::new();
    if let Error::Invalid {
        diagnostics,
        sources,
    } = err
    {
        let index = diagnostic::Index::new(sources);
        for d in diagnostics {
            s.push_str(&index.render(d, color));
            s.push_str("\n\n");
        }
    }
    if !matches!(err, Error::Interrupted) {
        // Messages name files and quote values: escaped like everything else from outside.
        s.push_str(&error_line(&text::escape_unsafe(&err.message()), width));
        s.push('\n');
    }
    s
}

/// "error: message", each line of the message wrapped with a hanging indent under the label.
fn error_line(message: &str, width: Option<usize>) -> String {
    message
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let label = if i == 0 { "error: " } else { "       " };
            match width {
                Some(width) => text::wrap_labelled("", label, line, width),
                None => format!("{label}{line}"),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
