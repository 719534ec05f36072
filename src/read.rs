//! Bounded reads: every file is capped while it is read (never trusting the size the filesystem
//! reports: /proc files say 0), and anything but a regular file is refused without blocking
//! (a FIFO, /dev/zero, a socket). Standard input is the one stream allowed, and it is capped too.

use std::io::{self, Read};
use std::path::Path;

/// `O_NONBLOCK` on Linux: opening a FIFO for reading would otherwise wait for a writer forever.
#[cfg(target_os = "linux")]
const O_NONBLOCK: i32 = 0o4000;
#[cfg(not(target_os = "linux"))]
const O_NONBLOCK: i32 = 0;

/// Why a read was refused.
fn refused(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg)
}

/// Reads a regular file of at most `max` bytes; `what` names it in the error ("a bank file").
pub fn file(path: &Path, max: u64, what: &str) -> io::Result<Vec<u8>> {
    use std::os::unix::fs::OpenOptionsExt;
    // Checked before opening (so a FIFO is never opened) and again on the open handle (so a
    // file swapped for a FIFO in between is still caught).
    let not_regular = || refused(format!("not a regular file (expected {what})"));
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(O_NONBLOCK)
        .open(path)?;
    if !f.metadata()?.is_file() {
        return Err(not_regular());
    }
    capped(f, max, what)
}

/// Reads standard input, at most `max` bytes.
pub fn stdin(max: u64, what: &str) -> io::Result<Vec<u8>> {
    capped(io::stdin().lock(), max, what)
}

/// Reads at most `max` bytes, and fails as soon as there is one more.
pub fn capped(r: impl Read, max: u64, what: &str) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    r.take(max + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > max {
        return Err(refused(format!("over the {max}-byte limit for {what}")));
    }
    Ok(buf)
}

/// As text: UTF-8 or an error.
pub fn text(bytes: Vec<u8>) -> io::Result<String> {
    String::from_utf8(bytes).map_err(|_| refused("not UTF-8 text".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_files_and_devices_are_capped_or_refused() {
        // /proc files report size 0 and can be endless: the cap holds while reading.
        assert!(file(Path::new("/dev/zero"), 1024, "a test file").is_err());
        assert!(capped(std::fs::File::open("/dev/zero").unwrap(), 1024, "x").is_err());
        let small = capped(&b"abc"[..], 3, "x").unwrap();
        assert_eq!(small, b"abc");
        assert!(capped(&b"abcd"[..], 3, "x").is_err());
    }
}
