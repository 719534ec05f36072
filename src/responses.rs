//! Responses as data: one answered question per JSON Lines record, the format `history --export`
//! and `simulate --responses-out` write and `analyze` and `calibrate` read. Files from many people
//! are pooled by concatenation, so a reader takes any number of files and keeps their order.

use std::io::{BufRead, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::mark::Given;

pub mod remark;
pub mod simulated;

/// The format version `analyze` and `calibrate` understand (records carry no version key: a
/// future change adds keys, which readers of this version reject as unknown).
pub const FORMAT_VERSION: u32 = 1;

/// A line longer than this is refused: a response is a few hundred bytes.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// One answered question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// A random id kept in the state dir: no name, no machine identity.
    pub respondent: String,
    /// The session the answer was given in.
    pub session: String,
    /// The question id.
    pub question: String,
    /// The answer as an answers file spells it: a string, a list of strings, a boolean, or "skip".
    pub given: serde_json::Value,
    /// Whether it was right when it was given (`analyze` re-marks against the current banks).
    pub correct: bool,
    /// "adaptive", "fixed", "practice" or "interview".
    pub mode: String,
    /// Digest of the banks the session ran on ("sha256:…").
    pub bank: String,
    /// Digest of the question's content when it was asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// When it was answered or the session started (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// Seconds spent on the question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
}

/// The answers-file value of an answer.
pub fn given_value(given: &Given) -> serde_json::Value {
    match given {
        Given::Skip => serde_json::Value::String("skip".into()),
        Given::Text(t) => serde_json::Value::String(t.clone()),
        Given::List(v) => serde_json::Value::from(v.clone()),
        Given::Bool(b) => serde_json::Value::Bool(*b),
        Given::Points(p) => serde_json::json!({ "points": p }),
    }
}

/// An answer back from its answers-file value; `None` for a value no answer has (a number, an
/// object). Which of text and list a question takes is for the marker to judge: a string given
/// to a select-all question is simply wrong.
pub fn given_from_value(v: &serde_json::Value) -> Option<Given> {
    match v {
        serde_json::Value::String(s) if s == "skip" => Some(Given::Skip),
        serde_json::Value::Null => Some(Given::Skip),
        serde_json::Value::String(s) => Some(Given::Text(s.clone())),
        serde_json::Value::Bool(b) => Some(Given::Bool(*b)),
        serde_json::Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .map(Given::List),
        serde_json::Value::Object(o) => o
            .get("points")?
            .as_array()?
            .iter()
            .map(|i| i.as_u64().and_then(|n| usize::try_from(n).ok()))
            .collect::<Option<Vec<_>>>()
            .map(Given::Points),
        _ => None,
    }
}

/// Writes responses as JSON Lines.
pub fn write(out: &mut dyn Write, responses: &[Response]) -> std::io::Result<()> {
    for r in responses {
        serde_json::to_writer(&mut *out, r)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Reads every response of `files` in order (`-` is standard input), streaming: memory grows with
/// the responses kept, never with a line's length beyond `MAX_LINE_BYTES`. Blank lines are
/// allowed (concatenated files often end with one); a bad line is an error at file:line:column.
pub fn read_all(files: &[std::path::PathBuf]) -> Result<Vec<Response>> {
    let mut all = Vec::new();
    for_each(files, |r| all.push(r))?;
    Ok(all)
}

/// Hands every response of `files` to `f` in order, one line in memory at a time: what a reader
/// that keeps only a summary of each response (`analyze`) uses to stay small on big pools.
pub fn for_each(files: &[std::path::PathBuf], mut f: impl FnMut(Response)) -> Result<()> {
    for path in files {
        if path.as_os_str() == "-" {
            each_from(std::io::stdin().lock(), "<stdin>", &mut f)?;
        } else {
            let file = open_regular(path)?;
            each_from(
                std::io::BufReader::new(file),
                &path.display().to_string(),
                &mut f,
            )?;
        }
    }
    Ok(())
}

/// Opens a regular file for reading; a FIFO, a device or a folder is refused without blocking.
fn open_regular(path: &Path) -> Result<std::fs::File> {
    let not_regular = || {
        Error::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a regular file (expected a responses file)",
            ),
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    if !f.metadata().map_err(|e| Error::io(path, e))?.is_file() {
        return Err(not_regular());
    }
    Ok(f)
}

/// Reads the responses of one stream into `into`.
pub fn read_from(r: impl BufRead, name: &str, into: &mut Vec<Response>) -> Result<()> {
    each_from(r, name, &mut |resp| into.push(resp))
}

/// Hands the responses of one stream to `f`.
fn each_from(mut r: impl BufRead, name: &str, f: &mut dyn FnMut(Response)) -> Result<()> {
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        number += 1;
        let mut limited = std::io::Read::take(&mut r, MAX_LINE_BYTES as u64 + 1);
        let n = limited
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::io(name, e))?;
        if n == 0 {
            return Ok(());
        }
        if line.len() > MAX_LINE_BYTES {
            return Err(Error::Usage(format!(
                "{name}:{number}:1: a line over {MAX_LINE_BYTES} bytes (a response is one short JSON object)"
            )));
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let response: Response = serde_json::from_slice(&line).map_err(|e| {
            Error::Usage(format!(
                "{name}:{number}:{}: not a response: {}",
                e.column().max(1),
                message_of(&e)
            ))
        })?;
        f(response);
    }
}

/// serde_json's message without its own " at line L column C" suffix (we give file:line:column).
fn message_of(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Response {
        Response {
            respondent: "r-1".into(),
            session: "s-1".into(),
            question: "core.closure".into(),
            given: given_value(&Given::List(vec!["a".into(), "b".into()])),
            correct: true,
            mode: "adaptive".into(),
            bank: "sha256:00".into(),
            digest: None,
            at: Some("2026-12-02T07:00:00Z".into()),
            seconds: Some(12.5),
        }
    }

    #[test]
    fn round_trips_through_json_lines_and_skips_blank_lines() {
        let mut buf = Vec::new();
        write(&mut buf, &[sample(), sample()]).unwrap();
        buf.extend_from_slice(b"\n  \n");
        let mut back = Vec::new();
        read_from(&buf[..], "x", &mut back).unwrap();
        assert_eq!(back, vec![sample(), sample()]);
        assert!(!String::from_utf8(buf).unwrap().contains("digest"));
    }

    #[test]
    fn a_bad_line_is_located() {
        let text = format!(
            "{}\n{{\"respondent\": 3}}\n",
            serde_json::to_string(&sample()).unwrap()
        );
        let err = read_from(text.as_bytes(), "r.jsonl", &mut Vec::new()).unwrap_err();
        let msg = err.message();
        assert!(msg.starts_with("r.jsonl:2:"), "{msg}");
        assert!(!msg.contains(" at line "), "{msg}");
    }

    #[test]
    fn an_unknown_key_and_an_endless_line_are_refused() {
        let unknown = r#"{"respondent":"r","session":"s","question":"q","given":"skip","correct":false,"mode":"fixed","bank":"b","name":"Ann"}"#;
        assert!(read_from(unknown.as_bytes(), "u", &mut Vec::new()).is_err());
        let endless = vec![b'x'; MAX_LINE_BYTES + 10];
        let msg = read_from(&endless[..], "e", &mut Vec::new())
            .unwrap_err()
            .message();
        assert!(msg.starts_with("e:1:1:"), "{msg}");
    }

    #[test]
    fn answers_file_values_map_back_to_answers() {
        for g in [
            Given::Skip,
            Given::Text("201".into()),
            Given::List(vec!["x".into()]),
            Given::Bool(false),
        ] {
            assert_eq!(given_from_value(&given_value(&g)), Some(g));
        }
        assert_eq!(given_from_value(&serde_json::json!(3)), None);
        assert_eq!(given_from_value(&serde_json::json!([1])), None);
    }
}
