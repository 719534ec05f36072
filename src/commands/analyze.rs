//! `levelcheck analyze`: item analysis of pooled responses against today's banks.

use std::io::Write;
use std::path::PathBuf;

use crate::analyze::output::render;
use crate::cli::{AnalyzeArgs, GlobalArgs};
use crate::error::{Error, Result, exit};

/// Exit 1 when a question may have a wrong key, so a CI job can gate on it.
pub fn run(args: &AnalyzeArgs, g: &GlobalArgs, out: &mut dyn Write) -> Result<u8> {
    let bank = super::load_informed(g)?;
    let mut inputs: Vec<PathBuf> = g.banks.clone();
    inputs.extend(
        args.responses
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .cloned(),
    );
    if let Some(path) = &args.output {
        crate::outfile::check(path, &inputs)?;
    }
    let pool = crate::analyze::read(&bank, &args.responses)?;
    let analysis = crate::analyze::analyze(&bank, &pool);
    let text = render(&analysis, args.format);
    match &args.output {
        Some(path) => crate::outfile::write(path, text.as_bytes(), &inputs)?,
        None => out
            .write_all(text.as_bytes())
            .map_err(|e| Error::io("<stdout>", e))?,
    }
    Ok(if analysis.miskeys() > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    })
}
