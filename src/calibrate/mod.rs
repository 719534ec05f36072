//! Calibration from real answers: responses → sparse matrix → EM fit → calibration.toml, and
//! that file applied to the banks the engine uses.

pub mod data;
pub mod em;
pub mod file;

use std::path::PathBuf;

use crate::bank::Bank;
use crate::bank::load::BankSource;
use crate::diagnostic::Source;
use crate::error::{Error, Result};

/// The calibration files of a bank source: the embedded questions/calibration.toml, or
/// `<DIR>/calibration.toml` of each `--bank` folder.
pub fn sources(source: &BankSource) -> Result<Vec<Source>> {
    match source {
        BankSource::Embedded => Ok(crate::bank::embedded::CALIBRATION
            .iter()
            .map(|text| Source {
                name: format!("questions/{}", file::FILE_NAME),
                rel: file::FILE_NAME.to_string(),
                text: text.to_string(),
            })
            .collect()),
        BankSource::Dirs(dirs) => dirs
            .iter()
            .map(|d| d.join(file::FILE_NAME))
            .filter(|p| p.exists())
            .map(|p| read(&p))
            .collect(),
    }
}

/// Reads one calibration file, bounded.
pub fn read(path: &std::path::Path) -> Result<Source> {
    let bytes = crate::read::file(path, 16 * 1024 * 1024, "a calibration file")
        .and_then(crate::read::text)
        .map_err(|e| Error::io(path, e))?;
    Ok(Source {
        name: path.display().to_string(),
        rel: file::FILE_NAME.to_string(),
        text: bytes,
    })
}

/// Applies every calibration file of the source to the bank; a malformed file is invalid input.
pub fn load_and_apply(bank: &mut Bank, source: &BankSource) -> Result<usize> {
    let mut applied = 0;
    for src in sources(source)? {
        match file::parse(&src) {
            Ok(f) => applied += file::apply(bank, &f),
            Err(d) => {
                return Err(Error::Invalid {
                    diagnostics: vec![d],
                    sources: vec![src],
                });
            }
        }
    }
    Ok(applied)
}

/// The calibration files beside the bank folders validate was given (or the embedded one).
pub fn sources_for_paths(paths: &[PathBuf]) -> Result<Vec<Source>> {
    if paths.is_empty() {
        return sources(&BankSource::Embedded);
    }
    let dirs: Vec<PathBuf> = paths
        .iter()
        .filter_map(|p| {
            if p.is_dir() {
                Some(p.clone())
            } else if p.file_name().is_some_and(|n| n == "roadmap.toml") {
                Some(
                    p.parent()
                        .filter(|d| !d.as_os_str().is_empty())
                        .map_or(".".into(), Into::into),
                )
            } else {
                None
            }
        })
        .filter(|d| d.join("roadmap.toml").is_file())
        .collect();
    sources(&BankSource::Dirs(dirs))
}
