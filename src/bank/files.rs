//! Reading bank files: a folder of banks or the embedded copy → `Source`s, bounded and UTF-8.

use std::path::{Path, PathBuf};

use super::embedded;
use super::load::BankSource;
use crate::diagnostic::{Diagnostic, Source};
use crate::error::{Error, Result};

/// Bank files larger than this are refused: no real bank is near it, and it bounds memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads the source files of a bank source, roadmap first.
pub fn read_sources(source: &BankSource) -> Result<Vec<Source>> {
    match source {
        BankSource::Embedded => Ok(embedded::FILES
            .iter()
            .map(|(rel, text)| Source {
                name: format!("questions/{rel}"),
                rel: rel.to_string(),
                text: text.to_string(),
            })
            .collect()),
        BankSource::Dirs(dirs) => {
            let mut out = Vec::new();
            for dir in dirs {
                out.extend(read_dir(dir)?);
            }
            Ok(out)
        }
    }
}

/// Reads `roadmap.toml` and `*/*.toml` under a bank folder, in a stable order.
fn read_dir(dir: &Path) -> Result<Vec<Source>> {
    let meta = std::fs::metadata(dir).map_err(|e| Error::io(dir, e))?;
    if !meta.is_dir() {
        return Err(Error::Usage(format!(
            "{}: not a folder of banks (expected roadmap.toml and <level>/<section>.toml)",
            dir.display()
        )));
    }
    let mut files = Vec::new();
    let roadmap = dir.join("roadmap.toml");
    if roadmap.is_file() {
        files.push(roadmap);
    }
    for sub in sorted_entries(dir)? {
        if sub.is_dir() {
            // Every `.toml` entry that is not a folder is read, so a FIFO, a dangling or looping
            // link is reported rather than skipped.
            files.extend(
                sorted_entries(&sub)?
                    .into_iter()
                    .filter(|p| is_toml(p) && !p.is_dir()),
            );
        }
    }
    read_all(dir, &files)
}

/// Reads every file, reporting every one that cannot be read (not only the first).
fn read_all(root: &Path, files: &[PathBuf]) -> Result<Vec<Source>> {
    gather(
        files
            .iter()
            .map(|f| (f.clone(), read_source(root, f)))
            .collect(),
    )
}

/// The sources read, or every read that failed: one failure as itself, several as one error
/// listing each file.
pub fn gather(reads: Vec<(PathBuf, Result<Source>)>) -> Result<Vec<Source>> {
    let mut sources = Vec::new();
    let mut problems: Vec<(PathBuf, Error)> = Vec::new();
    for (f, read) in reads {
        match read {
            Ok(s) => sources.push(s),
            Err(e) => problems.push((f, e)),
        }
    }
    if problems.len() <= 1 {
        return match problems.pop() {
            Some((_, e)) => Err(e),
            None => Ok(sources),
        };
    }
    let diagnostics = problems
        .iter()
        .map(|(f, e)| {
            Diagnostic::error(
                "unreadable",
                &f.display().to_string(),
                None,
                unreadable_message(e, f),
            )
        })
        .collect();
    Err(Error::Invalid {
        diagnostics,
        sources: Vec::new(),
    })
}

/// The message of a read failure, without the path (the diagnostic names the file).
fn unreadable_message(e: &Error, path: &Path) -> String {
    let msg = e.message();
    let prefix = format!("{}:", path.display());
    msg.strip_prefix(&prefix)
        .map_or(msg.clone(), |m| m.trim_start().to_string())
}

fn is_toml(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "toml")
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut v = Vec::new();
    for entry in rd {
        v.push(entry.map_err(|e| Error::io(dir, e))?.path());
    }
    v.sort();
    Ok(v)
}

/// Reads one file, refusing huge and non-UTF-8 files with a located message.
pub fn read_source(root: &Path, path: &Path) -> Result<Source> {
    let bytes = crate::read::file(path, MAX_FILE_BYTES, "a bank file").map_err(|e| {
        if e.kind() == std::io::ErrorKind::InvalidInput {
            Error::Usage(format!("{}: {e}", path.display()))
        } else {
            Error::io(path, e)
        }
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let (line, col) = crate::diagnostic::line_col(&prefix, valid);
        Error::Usage(format!(
            "{}:{line}:{col}: not UTF-8 text (bank files must be UTF-8)",
            path.display()
        ))
    })?;
    let rel = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    Ok(Source {
        name: path.display().to_string(),
        rel,
        text,
    })
}
