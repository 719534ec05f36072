//! The levelcheck binary: parse arguments, run, map the outcome to an exit code.

#![allow(clippy::print_stderr)] // the edge: the one place that writes errors to the terminal

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use levelcheck::cli::{Cli, ColorChoice};
use levelcheck::error::exit;
use levelcheck::pipe::Quiet;
use levelcheck::prompt::interaction::{no_color_env, use_color};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
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
            let _ = write!(stderr, "{}", levelcheck::render_error(&err, color));
            ExitCode::from(err.exit_code())
        }
    }
}
