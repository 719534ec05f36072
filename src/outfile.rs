//! Writing an output file (`--output`, `--summary`): never over one of the command's inputs, and
//! atomically (a temporary file beside the target, then a rename), so a reader never sees half.

use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to `path`, refusing (a usage error, exit 2) when `path` is, or would replace,
/// one of `inputs`: a file the command reads, or a file inside a folder it reads (a bank folder).
/// A target that exists and is not a regular file (`/dev/stdout`, a FIFO) is written in place:
/// renaming over it would replace the device, not write to it.
pub fn write(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<()> {
    check(path, inputs)?;
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|mut f| f.write_all(bytes))
                .map_err(|e| Error::io(path, e));
        }
        _ => {}
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-levelcheck-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| Error::io(tmp.path(), e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// The same refusal as [`write`], up front: a quiz should not be taken only to find at the end
/// that its report cannot be written.
pub fn check(path: &Path, inputs: &[PathBuf]) -> Result<()> {
    match overwritten_input(path, inputs) {
        Some(input) => Err(Error::Usage(format!(
            "refusing to write {} over an input of this command ({})\nhint: choose another output file",
            path.display(),
            input.display()
        ))),
        None => Ok(()),
    }
}

/// The input that writing `path` would destroy, if any.
fn overwritten_input(path: &Path, inputs: &[PathBuf]) -> Option<PathBuf> {
    let target = std::fs::metadata(path).ok();
    let resolved = resolve(path);
    for input in inputs {
        let Ok(meta) = std::fs::metadata(input) else {
            continue;
        };
        if meta.is_dir() {
            let Some(dir) = std::fs::canonicalize(input).ok() else {
                continue;
            };
            let inside = resolved.as_ref().is_some_and(|r| r.starts_with(&dir));
            let bank_like = path.extension().is_some_and(|e| e == "toml");
            if inside && (target.is_some() || bank_like) {
                return Some(input.clone());
            }
        } else if target
            .as_ref()
            .is_some_and(|t| t.dev() == meta.dev() && t.ino() == meta.ino())
        {
            return Some(input.clone());
        }
    }
    None
}

/// `path` made absolute with links resolved, for a file that may not exist yet.
fn resolve(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(parent).ok()?.join(path.file_name()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_an_input_file_and_files_in_an_input_folder() {
        let dir = tempfile::tempdir().unwrap();
        let answers = dir.path().join("answers.toml");
        std::fs::write(&answers, "a = 1").unwrap();
        let bank = dir.path().join("bank");
        std::fs::create_dir(&bank).unwrap();
        std::fs::write(bank.join("roadmap.toml"), "x").unwrap();
        let inputs = vec![answers.clone(), bank.clone()];
        assert!(write(&answers, b"report", &inputs).is_err());
        assert!(write(&bank.join("roadmap.toml"), b"report", &inputs).is_err());
        assert!(write(&bank.join("new.toml"), b"report", &inputs).is_err());
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&answers, &link).unwrap();
        assert!(write(&link, b"report", &inputs).is_err());
        assert_eq!(std::fs::read_to_string(&answers).unwrap(), "a = 1");
        let out = dir.path().join("report.md");
        write(&out, b"report", &inputs).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "report");
        let leftovers = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".tmp")
            })
            .count();
        assert_eq!(leftovers, 0);
    }
}
