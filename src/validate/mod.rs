//! Bank validation: everything the loader rejects plus the rules of good items, each finding
//! located, collected over all banks before anything is reported.

pub mod coverage;
mod negative;
pub mod output;
pub mod rules;
pub mod sandbox;
pub mod snippets;

use std::path::{Path, PathBuf};

use crate::bank::load::{self, BankSource, Loaded};
use crate::diagnostic::{Diagnostic, Source};
use crate::error::{Error, Result};

/// What to check beyond the static rules.
#[derive(Debug, Clone)]
pub struct Options {
    /// Run every output snippet with this runner (`--run-snippets`).
    pub snippets: Option<snippets::Runner>,
    pub runs: u32,
    /// A snippet running longer than this is stopped and reported.
    pub timeout: std::time::Duration,
}

/// The outcome of validating a set of banks.
#[derive(Debug, Clone)]
pub struct Validation {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Vec<Source>,
    pub questions: usize,
    pub files: usize,
    pub snippets_run: usize,
    /// Code-output questions whose key nothing proved: their snippets were not run.
    pub unproven_outputs: usize,
}

/// Validates the given paths (none: the built-in banks).
pub fn validate(paths: &[PathBuf], opts: &Options) -> Result<Validation> {
    let sources = read_paths(paths)?;
    let loaded = load::parse_sources(sources);
    let calibrations = crate::calibrate::sources_for_paths(paths)?;
    let mut v = check(loaded, opts);
    calibration(&mut v, calibrations);
    Ok(v)
}

/// Checks each calibration.toml against the banks (questions as the engine sees them, escaped,
/// so digests match what `calibrate` wrote).
fn calibration(v: &mut Validation, files: Vec<Source>) {
    if files.is_empty() {
        return;
    }
    let Ok(bank) = load::into_bank(load::parse_sources(v.sources.clone())) else {
        return;
    };
    for src in files {
        match crate::calibrate::file::parse(&src) {
            Ok(f) => v
                .diagnostics
                .extend(crate::calibrate::file::check(&src, &f, &bank.questions)),
            Err(d) => v.diagnostics.push(d),
        }
        v.sources.push(src);
    }
}

/// Runs every rule over what loaded and merges the loader's own findings.
pub fn check(loaded: Loaded, opts: &Options) -> Validation {
    let Loaded {
        roadmap,
        questions,
        sources,
        mut diagnostics,
    } = loaded;
    let mut snippets_run = 0;
    if let Some(rm) = &roadmap {
        diagnostics.extend(rules::check_all(rm, &questions, &sources));
        // A file that failed to load would report all its topics as uncovered: noise on top of
        // the real error, so coverage skips it.
        let failed: Vec<&str> = diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .map(|d| d.file.as_str())
            .collect();
        let covered_files: Vec<&str> = sources
            .iter()
            .filter(|s| !failed.contains(&s.name.as_str()))
            .map(|s| s.rel.as_str())
            .collect();
        diagnostics.extend(coverage::check(rm, &questions, &sources, &covered_files));
        if let Some(runner) = &opts.snippets {
            let (found, run) = snippets::check(&questions, runner, opts);
            diagnostics.extend(found);
            snippets_run = run;
        }
    }
    diagnostics.sort_by(|a, b| {
        (&a.file, a.span.as_ref().map(|s| s.start))
            .cmp(&(&b.file, b.span.as_ref().map(|s| s.start)))
    });
    diagnostics.dedup();
    let files = sources.iter().filter(|s| s.rel != "roadmap.toml").count();
    let outputs = questions
        .iter()
        .filter(|q| q.body.kind() == crate::bank::Kind::Output)
        .count();
    Validation {
        diagnostics,
        sources,
        questions: questions.len(),
        files,
        snippets_run,
        unproven_outputs: outputs - snippets_run.min(outputs),
    }
}

/// Reads what the user named: bank folders, a folder of banks, or single bank files. Without a
/// roadmap of their own, files are checked against the built-in roadmap.
pub fn read_paths(paths: &[PathBuf]) -> Result<Vec<Source>> {
    if paths.is_empty() {
        return load::read_sources(&BankSource::Embedded);
    }
    let mut sources: Vec<Source> = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        if meta.is_dir() && p.join("roadmap.toml").is_file() {
            sources.extend(load::read_sources(&BankSource::Dirs(vec![p.clone()]))?);
        } else if p.file_name().is_some_and(|n| n == "roadmap.toml") {
            // A roadmap named alone (as pre-commit passes a changed file) can break any bank of
            // its folder: the whole folder is checked.
            let dir = p.parent().filter(|d| !d.as_os_str().is_empty());
            let dir = dir.unwrap_or(Path::new(".")).to_path_buf();
            sources.extend(load::read_sources(&BankSource::Dirs(vec![dir]))?);
        } else if meta.is_dir() {
            let roadmap = p.join("roadmap.toml");
            if roadmap.exists() {
                return Err(Error::Usage(format!(
                    "{}: not a regular file (a bank folder's roadmap.toml must be a file)",
                    roadmap.display()
                )));
            }
            let files = sorted_toml(p)?;
            if files.is_empty() {
                // Checking nothing and passing would let a mistyped path through CI.
                return Err(Error::Usage(format!(
                    "{}: no banks to check (expected roadmap.toml with <level>/<section>.toml beside it, or .toml bank files)",
                    p.display()
                )));
            }
            add_nearby_roadmap(p.parent(), &mut sources)?;
            let reads = files.into_iter().map(|f| {
                let read = bank_file(&f);
                (f, read)
            });
            sources.extend(load::gather(reads.collect())?);
        } else {
            add_nearby_roadmap(p.parent().and_then(Path::parent), &mut sources)?;
            sources.push(bank_file(p)?);
        }
    }
    // A file named twice (itself and in its folder, or `./x` and `x`) is checked once.
    let mut seen = std::collections::HashSet::new();
    sources.retain(|s| {
        let key: PathBuf = Path::new(&s.name)
            .components()
            .filter(|c| *c != std::path::Component::CurDir)
            .collect();
        seen.insert(key)
    });
    if !sources.iter().any(|s| s.rel == "roadmap.toml") {
        let builtin = load::read_sources(&BankSource::Embedded)?;
        sources.insert(
            0,
            builtin
                .into_iter()
                .find(|s| s.rel == "roadmap.toml")
                .expect("built-in roadmap"),
        );
    }
    Ok(sources)
}

/// A bank file or level folder named alone is checked against the roadmap of the bank folder it
/// sits in, when there is one.
fn add_nearby_roadmap(root: Option<&Path>, sources: &mut Vec<Source>) -> Result<()> {
    let Some(root) = root else { return Ok(()) };
    let path = root.join("roadmap.toml");
    if path.is_file() && !sources.iter().any(|s| s.rel == "roadmap.toml") {
        sources.insert(0, load::read_source(root, &path)?);
    }
    Ok(())
}

/// A single bank file, its placement taken from its folder and name (`<level>/<section>.toml`).
fn bank_file(path: &Path) -> Result<Source> {
    let root = path
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new(""));
    load::read_source(root, path)
}

fn sorted_toml(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !p.is_dir() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    Ok(v)
}
