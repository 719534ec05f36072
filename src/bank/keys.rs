//! Which keys a question may and must have, by kind, and "did you mean" for a mistyped key.

use toml::de::DeTable;

use super::format::Kind;
use crate::diagnostic::Diagnostic;

/// Keys each kind may use beyond the common ones, and which of them it needs.
pub(super) fn kind_keys(kind: Kind) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        Kind::Single => (
            &["answer", "distractors", "feedback"],
            &["answer", "distractors"],
        ),
        Kind::Multi => (
            &["answers", "distractors", "feedback"],
            &["answers", "distractors"],
        ),
        Kind::TrueFalse => (&["answer"], &["answer"]),
        Kind::Text => (&["accept", "case_sensitive"], &["accept"]),
        Kind::Order => (&["items"], &["items"]),
        Kind::Output => (
            &["module", "code", "output", "distractors", "feedback"],
            &["module", "code", "output"],
        ),
        Kind::Open => (
            &["model_answer", "key_points", "follow_ups"],
            &["model_answer", "key_points"],
        ),
    }
}

/// Every key a question may have (the common ones and each kind's), for "did you mean" hints.
pub(super) fn known_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = COMMON_KEYS.to_vec();
    for kind in Kind::ALL {
        keys.extend(
            kind_keys(kind)
                .0
                .iter()
                .filter(|k| !keys.contains(k))
                .collect::<Vec<_>>(),
        );
    }
    keys
}

/// The known word closest to a typo, if any is close enough to be a likely intent.
pub(super) fn closest<'a>(typo: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(typo, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// The label under an unknown id: the closest known one, else what was expected.
pub(super) fn did_you_mean(typo: &str, known: &[&str], expected: &str) -> String {
    match closest(typo, known) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("not {expected}"),
    }
}

pub(super) const COMMON_KEYS: &[&str] = &[
    "id",
    "topic",
    "kind",
    "difficulty",
    "prompt",
    "explanation",
    "references",
    "calibration",
];

/// Reports keys this kind does not use and keys it needs but lacks, at the key or the table.
pub(super) fn check_kind_keys(
    table: &DeTable,
    table_start: usize,
    id: &str,
    kind: Kind,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let (allowed, needed) = kind_keys(kind);
    for (key, _) in table.iter() {
        let k: &str = key.get_ref();
        if !COMMON_KEYS.contains(&k) && !allowed.contains(&k) {
            diags.push(
                Diagnostic::error(
                    "key-not-for-kind",
                    file,
                    Some(key.span()),
                    format!("`{k}` is not used by `kind = \"{}\"`", kind.name()),
                )
                .with_label(format!("this kind takes: {}", allowed.join(", "))),
            );
        }
    }
    for k in needed {
        if !table.iter().any(|(key, _)| key.get_ref() == k) {
            diags.push(Diagnostic::error(
                "missing-key",
                file,
                Some(table_start..table_start),
                format!("question `{id}` (kind {}) is missing `{k}`", kind.name()),
            ));
        }
    }
}
