//! calibration.toml: fitted parameters per question id, with the digest of the question they
//! were fitted on; read beside roadmap.toml (or embedded from questions/) and checked by
//! `validate`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::bank::Bank;
use crate::diagnostic::{Diagnostic, Source, span_of};

/// The version of the calibration format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;
/// The file's name beside roadmap.toml.
pub const FILE_NAME: &str = "calibration.toml";
/// Slopes above this are not a knowledge-test item (a step function), so an error.
pub const MAX_A: f64 = 10.0;
/// Difficulties beyond ±this are off the ability scale (the engine's grid ends at ±5).
pub const MAX_ABS_B: f64 = 8.0;

/// The whole file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalibrationFile {
    /// Version of this format; 1 today.
    pub format_version: u32,
    /// Responses the fit used.
    #[serde(default)]
    pub responses: u64,
    /// Sessions (people) the fit used.
    #[serde(default)]
    pub people: u64,
    /// Fitted parameters by question id.
    #[serde(default)]
    pub questions: BTreeMap<String, Entry>,
}

/// One question's fitted parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Digest of the question when it was calibrated: an edited question's entry no longer applies.
    pub digest: String,
    /// Discrimination, > 0.
    pub a: f64,
    /// Difficulty on the ability scale.
    pub b: f64,
    /// Lower asymptote (fixed at the kind's guessing chance), 0 ≤ c < 1.
    pub c: f64,
    /// Responses to the question in the fit.
    pub n: u64,
    /// Standard error of a.
    pub se_a: f64,
    /// Standard error of b.
    pub se_b: f64,
}

/// The file as TOML text.
pub fn to_toml(file: &CalibrationFile) -> String {
    let head =
        "# Written by `levelcheck calibrate`: fitted item parameters (see questions/README.md).\n";
    format!("{head}{}", toml::to_string(file).expect("serializes"))
}

/// Parses the file; a syntax or type error is a located diagnostic.
pub fn parse(src: &Source) -> Result<CalibrationFile, Diagnostic> {
    let file: CalibrationFile = toml::from_str(&src.text).map_err(|e| {
        Diagnostic::error("calibration", &src.name, e.span(), e.message().trim_end())
    })?;
    if file.format_version != FORMAT_VERSION {
        return Err(Diagnostic::error(
            "format-version",
            &src.name,
            span_of(&src.text, "format_version"),
            format!(
                "unsupported format_version: this build reads format_version = {FORMAT_VERSION}"
            ),
        ));
    }
    Ok(file)
}

/// Why an entry's values cannot be used, if they cannot.
pub fn out_of_range(e: &Entry) -> Option<String> {
    let ok_se = |s: f64| s.is_finite() && s >= 0.0;
    if !(e.a.is_finite() && e.a > 0.0 && e.a <= MAX_A) {
        Some(format!("a = {} is out of range (0 < a ≤ {MAX_A})", e.a))
    } else if !(e.b.is_finite() && e.b.abs() <= MAX_ABS_B) {
        Some(format!("b = {} is out of range (|b| ≤ {MAX_ABS_B})", e.b))
    } else if !(0.0..1.0).contains(&e.c) {
        Some(format!("c = {} is out of range (0 ≤ c < 1)", e.c))
    } else if !(ok_se(e.se_a) && ok_se(e.se_b)) {
        Some("standard errors must be finite and ≥ 0".to_string())
    } else {
        None
    }
}

/// Every problem of a parsed file against the bank: unknown ids, changed questions, bad values.
/// Each is located at the entry's `[questions."id"]` header when it can be found.
pub fn check(
    src: &Source,
    file: &CalibrationFile,
    bank_questions: &[crate::bank::Question],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (id, e) in &file.questions {
        let span = span_of(&src.text, &format!("\"{id}\""));
        match bank_questions.iter().find(|q| &q.id == id) {
            None => out.push(Diagnostic::error(
                "calibration-unknown-id",
                &src.name,
                span.clone(),
                format!("no question `{id}` in the banks"),
            )),
            Some(q) if q.digest() != e.digest => out.push(
                Diagnostic::error(
                    "calibration-stale",
                    &src.name,
                    span.clone(),
                    format!(
                        "question `{id}` has changed since it was calibrated (digest {} → {})",
                        e.digest,
                        q.digest()
                    ),
                )
                .with_label("re-run `levelcheck calibrate` on answers to the new version"),
            ),
            Some(_) => {}
        }
        if let Some(why) = out_of_range(e) {
            out.push(Diagnostic::error(
                "calibration-range",
                &src.name,
                span,
                format!("`{id}`: {why}"),
            ));
        }
    }
    out
}

/// Sets each question's calibration from the file (the file wins over a `calibration` key in the
/// bank); entries for unknown or changed questions are not applied. Returns how many were.
pub fn apply(bank: &mut Bank, file: &CalibrationFile) -> usize {
    let mut applied = 0;
    for q in &mut bank.questions {
        if let Some(e) = file.questions.get(&q.id)
            && e.digest == q.digest()
            && out_of_range(e).is_none()
        {
            q.calibration = Some(crate::bank::Calibration {
                a: e.a,
                b: e.b,
                c: e.c,
                se_b: Some(e.se_b),
            });
            applied += 1;
        }
    }
    applied
}
