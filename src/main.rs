//! The levelcheck binary: parse arguments, run, map the outcome to an exit code.

#![allow(clippy::print_stderr)] // the edge: the one place that writes errors to the terminal

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches};
use levelcheck::cli::{Cli, ColorChoice};
use levelcheck::error::exit;
use levelcheck::pipe::Quiet;
use levelcheck::prompt::interaction::{no_color_env, use_color};

fn main() -> ExitCode {
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            let _ = e.print();
            // clap's own help and version requests are successes; every other parse error is usage.
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            });
        }
    };
    if let Some(msg) = min_above_max(&cli, &matches) {
        let _ = writeln!(std::io::stderr(), "error: {msg}");
        return ExitCode::from(exit::USAGE);
    }
    let color_choice: ColorChoice = cli.global.color;
    // A reader that goes away early (`| head`) ends the output, not the command.
    let mut stdout = Quiet::new(std::io::stdout().lock());
    let mut stderr = Quiet::new(std::io::stderr());
    let result = levelcheck::run(cli, &mut stdout, &mut stderr);
    let _ = stdout.flush();
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            let color = use_color(
                color_choice,
                no_color_env(),
                std::io::stderr().is_terminal(),
            );
            let _ = write!(
                stderr,
                "{}",
                levelcheck::render_error(&err, color, error_width())
            );
            ExitCode::from(err.exit_code())
        }
    }
}

/// The width a failure's message wraps to: the terminal's, or $COLUMNS when set. Piped or in
/// CI with neither, a message stays on one line, so scripts can grep it whole.
fn error_width() -> Option<usize> {
    let columns = console::Term::stderr().size_checked().map(|(_, c)| c);
    let env = std::env::var("COLUMNS").ok();
    (columns.is_some() || env.is_some())
        .then(|| levelcheck::text::output_width(columns, env.as_deref()))
}

/// `--min-questions` given above the most questions the quiz may ask (`-n`, default 20) cannot
/// be honoured: say so rather than stop early silently. (A default minimum is simply capped.)
fn min_above_max(cli: &Cli, matches: &ArgMatches) -> Option<String> {
    let (args, m) = match (&cli.command, matches.subcommand()) {
        (Some(levelcheck::cli::Command::Take(a)), Some(("take", m))) => (a, m),
        (None, _) => (&cli.take, matches),
        _ => return None,
    };
    let explicit = m.value_source("min_questions") == Some(ValueSource::CommandLine);
    let max = args
        .questions
        .map_or(levelcheck::commands::take::DEFAULT_QUESTIONS, usize::from);
    (explicit && !args.fixed && usize::from(args.min_questions) > max).then(|| {
        format!(
            "--min-questions {} is above the {} this quiz may ask\nhint: raise -n/--questions, or lower --min-questions",
            args.min_questions,
            levelcheck::text::count(max, "question")
        )
    })
}
