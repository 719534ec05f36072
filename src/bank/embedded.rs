//! The built-in banks, compiled in by build.rs from questions/.

include!(concat!(env!("OUT_DIR"), "/embedded_banks.rs"));
