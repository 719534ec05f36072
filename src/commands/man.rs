//! `levelcheck man`: the manual page (roff), generated from the same clap types as `--help`.
//!
//! One page holds everything: clap_mangen renders the name, synopsis, description and options of
//! the top-level command, and each subcommand's synopsis and own options under COMMANDS (the
//! global options are listed once, at the top). What clap cannot know — exit status, environment,
//! files — is written here, from the constants and paths the code uses.

use std::io::Write;

use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

use crate::cli::Cli;
use crate::error::{Error, Result, exit};

pub fn run(out: &mut dyn Write) -> Result<u8> {
    out.write_all(page().as_bytes())
        .map_err(|e| Error::io("<stdout>", e))?;
    Ok(exit::OK)
}

/// The whole page, as roff source.
pub fn page() -> String {
    let mut cmd = Cli::command();
    cmd.build();
    // NAME reads "levelcheck \- <about>": the about line without the name it starts with.
    let about = cmd.get_about().map(ToString::to_string).unwrap_or_default();
    let about = about
        .trim_start_matches("levelcheck — ")
        .trim_end_matches('.');
    let man = Man::new(cmd.clone().about(about.to_owned()));
    // The title line by hand: roff drops an empty argument, and an empty date would shift the
    // source and manual fields into its place.
    let mut page = format!(
        ".TH LEVELCHECK 1 \"\" \"levelcheck {}\" \"User Commands\"\n",
        env!("CARGO_PKG_VERSION")
    );
    let mut buf = Vec::new();
    for part in [
        Man::render_name_section,
        Man::render_synopsis_section,
        Man::render_description_section,
        Man::render_options_section,
    ] {
        part(&man, &mut buf).expect("writing to a Vec");
    }
    page.push_str(&String::from_utf8(buf).expect("clap_mangen writes UTF-8"));
    page.push_str(&commands(&cmd));
    page.push_str(&exit_status());
    page.push_str(&environment());
    page.push_str(&files());
    page.push_str(&see_also());
    once_preamble(&page)
}

/// Every rendered piece starts with roff's two-line apostrophe preamble; the page needs it once.
fn once_preamble(page: &str) -> String {
    const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    format!("{PREAMBLE}{}", page.replace(PREAMBLE, ""))
}

/// COMMANDS: for each subcommand, a subsection with its synopsis, description and own options.
fn commands(root: &clap::Command) -> String {
    let mut page = Roff::new().control("SH", ["COMMANDS"]).render();
    for sub in root.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        // The global options and `-h, --help` are said once, at the top.
        let said: Vec<String> = sub
            .get_arguments()
            .filter(|a| a.is_global_set() || a.get_id() == "help")
            .map(|a| a.get_id().to_string())
            .collect();
        let mut sub = sub.clone();
        for id in said {
            sub = sub.mut_arg(id, |a| a.hide(true));
        }
        let name = sub
            .get_bin_name()
            .map_or_else(|| format!("levelcheck {}", sub.get_name()), str::to_owned);
        page.push_str(&Roff::new().control("SS", [name.as_str()]).render());
        let man = Man::new(sub.clone());
        let mut buf = Vec::new();
        man.render_synopsis_section(&mut buf)
            .and_then(|()| man.render_description_section(&mut buf))
            .expect("writing to a Vec");
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(&mut buf)
                .expect("writing to a Vec");
        }
        // The sections clap_mangen writes become paragraphs inside this subsection.
        for line in String::from_utf8(buf)
            .expect("clap_mangen writes UTF-8")
            .lines()
        {
            match line {
                ".SH SYNOPSIS" => page.push_str(".PP\n"),
                ".SH DESCRIPTION" | ".SH OPTIONS" => page.push_str(".PP\n"),
                _ => {
                    page.push_str(line);
                    page.push('\n');
                }
            }
        }
    }
    page
}

/// The exit codes of `crate::error::exit`, as a tagged list.
fn exit_status() -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in [
        (exit::OK, "Success."),
        (
            exit::FINDINGS,
            "Findings: validate found an error (or a warning, with --strict); \
             simulate --min-accuracy was not met.",
        ),
        (
            exit::USAGE,
            "Usage error or invalid input: a bad option or value, a bank that fails to load, \
             a bad answers file, an unreadable path, no terminal and no --answers.",
        ),
        (
            exit::INTERRUPTED,
            "Interrupted (Ctrl-C, SIGTERM, or the terminal closed): the report of what was \
             answered is printed and the session is kept for --resume.",
        ),
    ] {
        roff.control("TP", [])
            .text([bold(code.to_string())])
            .text([roman(meaning)]);
    }
    roff.render()
}

fn environment() -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["ENVIRONMENT"]);
    for (var, meaning) in [
        (
            "LEVELCHECK_HOME",
            "The folder for history and interrupted sessions, instead of the state folder below.",
        ),
        (
            "NO_COLOR",
            "When set and not empty, no colour (as --color never).",
        ),
        (
            "GITHUB_ACTIONS",
            "When true, validate defaults to --format github (workflow annotations).",
        ),
    ] {
        roff.control("TP", [])
            .text([bold(var)])
            .text([roman(meaning)]);
    }
    roff.render()
}

fn files() -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["FILES"]);
    let entries: [(Vec<clap_mangen::roff::Inline>, &str); 4] = [
        (
            vec![
                italic("$XDG_STATE_HOME/levelcheck/"),
                roman(" (default "),
                italic("~/.local/state/levelcheck/"),
                roman(")"),
            ],
            "History: sessions/<id>.json, one file per finished or interrupted session, and \
             history.lock. The same path on macOS; on Windows %APPDATA%\\levelcheck\\. \
             $LEVELCHECK_HOME replaces this folder.",
        ),
        (
            vec![italic("DIR/roadmap.toml")],
            "A bank folder's roadmap (levels, sections, topics, rubric, tracks), for --bank DIR \
             and validate DIR; validate DIR/roadmap.toml checks the whole folder. A bank file \
             named alone is checked against the roadmap of the folder above it, else the \
             built-in one.",
        ),
        (
            vec![italic("DIR/<level>/<section>.toml")],
            "The questions of one section of the roadmap, one file per section; the format is \
             described by levelcheck schema and the questions/README.md of the source.",
        ),
        (
            vec![italic("FILE")],
            "An answers file for --answers (TOML or JSON, question id to answer; - reads \
             standard input).",
        ),
    ];
    for (name, meaning) in entries {
        roff.control("TP", []).text(name).text([roman(meaning)]);
    }
    roff.render()
}

fn see_also() -> String {
    Roff::new()
        .control("SH", ["SEE ALSO"])
        .text([bold("node"), roman("(1); "), roman("the README at ")])
        .text([roman(env!("CARGO_PKG_REPOSITORY"))])
        .render()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_has_every_section_and_every_subcommand() {
        let page = page();
        assert!(
            page.contains("\n.TH LEVELCHECK 1 \"\" \"levelcheck "),
            "{page}"
        );
        assert_eq!(page.matches(".ds Aq").count(), 2, "one preamble");
        for section in [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "COMMANDS",
            "\"EXIT STATUS\"",
            "ENVIRONMENT",
            "FILES",
            "\"SEE ALSO\"",
        ] {
            assert!(page.contains(&format!("\n.SH {section}\n")), "no {section}");
        }
        let mut cmd = Cli::command();
        cmd.build();
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let heading = format!(".SS \"levelcheck {}\"", sub.get_name());
            assert!(page.contains(&heading), "no {heading}");
        }
        for code in [
            "130",
            "LEVELCHECK_HOME",
            "roadmap.toml",
            "\\-\\-run\\-snippets",
        ] {
            assert!(page.contains(code), "no {code}");
        }
    }

    #[test]
    fn global_options_are_listed_once() {
        // As an entry under OPTIONS, not again under every command.
        assert_eq!(page().matches(".TP\n\\fB\\-\\-no\\-history").count(), 1);
    }
}
