//! History: every finished or interrupted session, one JSON file each, in the state directory.
//!
//! One file per session means two quizzes finishing at once write different files; each write
//! goes to a temporary file in the same folder and is renamed into place (atomic on every
//! platform we support), under an exclusive lock on `history.lock`. A process killed mid-write
//! leaves at most a stray temporary file, which is ignored. A damaged record is reported and
//! skipped; the rest is kept.

pub mod export;
pub mod record;
pub mod schedule;

use std::io::Write;
use std::path::{Path, PathBuf};

pub use record::{AskedRecord, SessionRecord};

use crate::error::{Error, Result};

/// Where history lives: `$LEVELCHECK_HOME`, else the platform's state directory (XDG on Linux).
pub fn default_dir() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("LEVELCHECK_HOME").filter(|h| !h.is_empty()) {
        return Some(PathBuf::from(home));
    }
    use etcetera::BaseStrategy;
    let strategy = etcetera::choose_base_strategy().ok()?;
    Some(
        strategy
            .state_dir()
            .unwrap_or_else(|| strategy.data_dir())
            .join("levelcheck"),
    )
}

/// The current time: `$LEVELCHECK_NOW` (RFC 3339, for tests and simulated review dates) when set,
/// else the system clock. Read here, at the edge, so a test can fake a fortnight.
pub fn now() -> Result<std::time::SystemTime> {
    match std::env::var("LEVELCHECK_NOW") {
        Ok(v) if !v.is_empty() => humantime::parse_rfc3339_weak(&v).map_err(|e| {
            Error::Usage(format!(
                "LEVELCHECK_NOW={v:?} is not an RFC 3339 time ({e})"
            ))
        }),
        _ => Ok(std::time::SystemTime::now()),
    }
}

/// The session files of one user.
#[derive(Debug, Clone)]
pub struct Store {
    pub dir: PathBuf,
}

/// What loading found: the good records, oldest first, and what could not be read.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub sessions: Vec<SessionRecord>,
    pub damaged: Vec<(PathBuf, String)>,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    fn sessions_dir(&self) -> PathBuf {
        self.dir.join("sessions")
    }

    /// Saves a session atomically, under the history lock.
    pub fn save(&self, record: &SessionRecord) -> Result<PathBuf> {
        let dir = self.sessions_dir();
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let lock_path = self.dir.join("history.lock");
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| Error::io(&lock_path, e))?;
        lock.lock().map_err(|e| Error::io(&lock_path, e))?;
        let path = dir.join(format!("{}.json", record.id));
        let mut tmp = tempfile::Builder::new()
            .prefix(".tmp-")
            .suffix(".json")
            .tempfile_in(&dir)
            .map_err(|e| Error::io(&dir, e))?;
        let json = serde_json::to_vec_pretty(record).expect("a record serializes");
        tmp.write_all(&json)
            .and_then(|_| tmp.as_file().sync_all())
            .map_err(|e| Error::io(tmp.path(), e))?;
        tmp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
        remove_stray_temporaries(&dir);
        drop(lock);
        Ok(path)
    }

    /// Every readable record, oldest first; damaged files are listed, not fatal.
    pub fn load(&self) -> Loaded {
        let mut out = Loaded::default();
        // A history folder that is not a folder is a mistake to point out, not "no sessions".
        for dir in [self.dir.clone(), self.sessions_dir()] {
            if dir.exists() && !dir.is_dir() {
                out.damaged.push((
                    dir,
                    "not a folder (set LEVELCHECK_HOME to a folder for history)".into(),
                ));
                return out;
            }
        }
        let Ok(entries) = std::fs::read_dir(self.sessions_dir()) else {
            return out;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| is_record(p))
            .collect();
        paths.sort();
        for p in paths {
            match read_record(&p) {
                Ok(r) => out.sessions.push(r),
                Err(why) => out.damaged.push((p, why)),
            }
        }
        out.sessions.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }
}

/// A writer killed between creating its temporary file and renaming it leaves `.tmp-*` behind;
/// under the lock, any such file older than a minute belongs to no live writer.
fn remove_stray_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for e in entries.flatten() {
        let stray = e.file_name().to_string_lossy().starts_with(".tmp-")
            && e.metadata()
                .is_ok_and(|m| m.is_file() && m.modified().is_ok_and(|t| t < old));
        if stray {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// A session record is a few KiB; anything far larger is not one.
const MAX_RECORD_BYTES: u64 = 4 * 1024 * 1024;

/// Session files, not the temporary files of an interrupted write.
fn is_record(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "json")
        && !p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(".tmp"))
}

fn read_record(p: &Path) -> std::result::Result<SessionRecord, String> {
    let text = crate::read::file(p, MAX_RECORD_BYTES, "a session record")
        .and_then(crate::read::text)
        .map_err(|e| e.to_string())?;
    let mut record: SessionRecord =
        serde_json::from_str(&text).map_err(|e| format!("not a session record ({e})"))?;
    // A record is a file like any other: its strings reach the terminal only escaped.
    crate::text::escape_all(&mut record);
    Ok(record)
}
