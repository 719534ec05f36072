//! One error type for everything a user can get wrong, with the documented exit codes.

use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Source};

/// Exit codes, as documented in the README.
pub mod exit {
    pub const OK: u8 = 0;
    /// `validate` found problems; `simulate --min-accuracy` was not met.
    pub const FINDINGS: u8 = 1;
    /// Bad usage or invalid input: a bank that fails to load, a bad answers file, a bad path.
    pub const USAGE: u8 = 2;
    /// Interrupted with Ctrl-C.
    pub const INTERRUPTED: u8 = 130;
}

/// A user-facing failure. Bugs are panics, not variants here.
#[derive(Debug)]
pub enum Error {
    /// Banks or an answers file that failed to load: every problem, located.
    Invalid {
        diagnostics: Vec<Diagnostic>,
        sources: Vec<Source>,
    },
    /// A file or folder that could not be read or written.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A bad combination of flags or a bad value, with a hint.
    Usage(String),
    /// No terminal to ask in and no answers file: the stream that is not a terminal
    /// ("standard input", "standard error").
    NoTerminal(&'static str),
    /// The user pressed Ctrl-C; what was answered has been reported.
    Interrupted,
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid { .. } | Error::Io { .. } | Error::Usage(_) | Error::NoTerminal(_) => {
                exit::USAGE
            }
            Error::Interrupted => exit::INTERRUPTED,
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The message for standard error (diagnostics are rendered by the caller, with colour).
    pub fn message(&self) -> String {
        match self {
            Error::Invalid { diagnostics, .. } => {
                let n = diagnostics
                    .iter()
                    .filter(|d| d.severity == crate::diagnostic::Severity::Error)
                    .count();
                format!("could not load: {n} error{}", if n == 1 { "" } else { "s" })
            }
            Error::Io { path, source } => format!("{}: {source}", path.display()),
            Error::Usage(msg) => msg.clone(),
            Error::NoTerminal(stream) => format!(
                "{stream} is not a terminal and no answers were given (prompts need standard input and standard error on a terminal)\n\
                 hint: run in a terminal, or pass --answers FILE (or --answers - to read them from stdin)"
            ),
            Error::Interrupted => "interrupted".to_string(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
