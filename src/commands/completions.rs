//! `levelcheck completions SHELL`: the shell script, with the roadmap's level, section, topic,
//! track and area ids offered as the values of `--level`, `--section`, `--topic`, `--track` and
//! `--area` (titles as descriptions where the shell shows them).
//!
//! The ids are added to a copy of the clap command used only to generate the script, so parsing
//! still accepts any id: a custom bank's ids are checked against its own roadmap, later.

use std::io::Write;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Arg, Command, CommandFactory};

use super::bank_source;
use crate::cli::{Cli, GlobalArgs};
use crate::error::{Error, Result, exit};
use crate::roadmap::Roadmap;

pub fn run(shell: clap_complete::Shell, g: &GlobalArgs, out: &mut dyn Write) -> Result<u8> {
    // The ids of the banks in use (`--bank`, else the built-in ones); a bank that fails to load
    // still gets a script, with flags only (`validate` says what is wrong with it).
    let roadmap = crate::bank::load::load(&bank_source(g))
        .ok()
        .map(|b| b.roadmap);
    let mut cmd = Cli::command();
    if let Some(r) = &roadmap {
        cmd = with_ids(cmd, r);
    }
    // clap_complete panics when its writer fails (a closed pipe): generate in memory.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "levelcheck", &mut script);
    out.write_all(&script)
        .map_err(|e| Error::io("<stdout>", e))?;
    Ok(exit::OK)
}

/// `cmd` and every subcommand, their filter flags offering the roadmap's ids.
pub fn with_ids(cmd: Command, r: &Roadmap) -> Command {
    cmd.mut_args(|a| offer(a, r))
        .mut_subcommands(|sub| with_ids(sub, r))
}

/// The ids (with titles) a filter flag takes, by its value name; other flags are left alone.
fn offer(arg: Arg, r: &Roadmap) -> Arg {
    let name = arg
        .get_value_names()
        .and_then(|n| n.first())
        .map(|n| n.as_str().to_string());
    let values: Vec<PossibleValue> = match name.as_deref() {
        Some("LEVEL") => pairs(r.levels.iter().map(|l| (&l.id, &l.title))),
        Some("SECTION") => pairs(r.sections.iter().map(|s| (&s.id, &s.title))),
        Some("TOPIC") => pairs(r.topics.iter().map(|t| (&t.id, &t.title))),
        Some("TRACK") => pairs(r.tracks.iter().map(|t| (&t.id, &t.title))),
        Some("AREA") => pairs(r.effective_areas().iter().map(|a| (&a.id, &a.title))),
        _ => return arg,
    };
    if values.is_empty() {
        return arg;
    }
    arg.value_parser(PossibleValuesParser::new(values))
}

fn pairs<'a>(items: impl Iterator<Item = (&'a String, &'a String)>) -> Vec<PossibleValue> {
    items
        .map(|(id, title)| PossibleValue::new(id.clone()).help(title.clone()))
        .collect()
}
