//! `levelcheck calibrate`: fit item parameters from pooled responses and write calibration.toml.

use std::io::Write;
use std::path::PathBuf;

use crate::calibrate::file::{CalibrationFile, Entry, FORMAT_VERSION, to_toml};
use crate::calibrate::{data, em};
use crate::cli::{CalibrateArgs, GlobalArgs};
use crate::error::{Error, Result, exit};
use crate::text::count;

pub fn run(
    args: &CalibrateArgs,
    g: &GlobalArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let bank = super::load_uncalibrated(g)?;
    // The bank files and responses are inputs; calibration.toml beside them is not (it is never
    // read by calibrate), so it may be written into a bank folder.
    let mut inputs: Vec<PathBuf> = if g.banks.is_empty() {
        Vec::new()
    } else {
        bank.sources
            .iter()
            .map(|s| PathBuf::from(&s.name))
            .collect()
    };
    inputs.extend(
        args.responses
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .cloned(),
    );
    crate::outfile::check(&args.output, &inputs)?;
    let responses = crate::responses::read_all(&args.responses)?;
    let prepared = data::prepare(&bank, &responses);
    warn_skipped(&prepared.skipped, responses.len(), err)?;
    if prepared.matrix.responses() == 0 {
        return Err(Error::Usage(format!(
            "no usable responses ({} read, all left out)",
            responses.len()
        )));
    }
    let fit = em::fit(&prepared.priors, &prepared.matrix);
    let file = CalibrationFile {
        format_version: FORMAT_VERSION,
        responses: prepared.matrix.responses() as u64,
        people: prepared.matrix.people() as u64,
        questions: bank
            .questions
            .iter()
            .zip(&fit.items)
            .filter(|(_, f)| f.n > 0)
            .map(|(q, f)| {
                (
                    q.id.clone(),
                    Entry {
                        digest: q.digest(),
                        a: round(f.a),
                        b: round(f.b),
                        c: round(f.c),
                        n: f.n as u64,
                        se_a: round(f.se_a),
                        se_b: round(f.se_b),
                    },
                )
            })
            .collect(),
    };
    crate::outfile::write(&args.output, to_toml(&file).as_bytes(), &inputs)?;
    let summary = format!(
        "Calibrated {} from {} in {} ({}{}).\n\
         Wrote {}\n",
        count(file.questions.len(), "question"),
        count(file.responses as usize, "response"),
        count(file.people as usize, "session"),
        count(fit.iterations, "EM iteration"),
        if fit.converged { "" } else { ", not converged" },
        crate::text::escape_unsafe(&args.output.display().to_string()),
    );
    out.write_all(summary.as_bytes())
        .map_err(|e| Error::io("<stdout>", e))?;
    Ok(exit::OK)
}

/// Four decimals: more than the standard errors justify, fewer than noise in a diff.
fn round(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// One warning per reason responses were left out, then the total, on standard error: a pool
/// with stale or foreign answers is worth knowing about, but not a reason to stop.
fn warn_skipped(s: &data::Skipped, read: usize, err: &mut dyn Write) -> Result<()> {
    if s.total() == 0 {
        return Ok(());
    }
    let mut text = String::new();
    let mut line = |n: usize, what: &str, ids: &[String]| {
        if n > 0 {
            text.push_str(&format!("warning: left out {n} {what}{}\n", examples(ids)));
        }
    };
    line(
        s.unknown,
        "responses to questions no bank has",
        &s.unknown_ids,
    );
    line(
        s.changed,
        "responses to questions changed since they were answered (digest differs)",
        &s.changed_ids,
    );
    line(
        s.unreadable,
        "responses whose `given` is no answer (a number, an object)",
        &[],
    );
    line(
        s.repeated,
        "repeated answers to a question within one session (the first is kept)",
        &[],
    );
    text.push_str(&format!(
        "Left out {} of {read} responses; calibrating from the other {}.\n",
        s.total(),
        read - s.total()
    ));
    err.write_all(text.as_bytes())
        .map_err(|e| Error::io("<stderr>", e))
}

/// ": `a`, `b`, …" naming the first few ids (escaped: they come from the responses file).
fn examples(ids: &[String]) -> String {
    if ids.is_empty() {
        return String::new();
    }
    let named: Vec<String> = ids
        .iter()
        .map(|i| format!("`{}`", crate::text::escape_unsafe(i)))
        .collect();
    // Only the first few distinct ids are kept, so the full list may be longer.
    let more = if ids.len() == data::EXAMPLE_IDS {
        ", …"
    } else {
        ""
    };
    format!(": {}{more}", named.join(", "))
}
