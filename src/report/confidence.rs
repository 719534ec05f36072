//! The confidence block (`--confidence`) as lines of content, so the text and Markdown reports
//! say the same things and differ only in layout.

use super::Report;
use crate::confidence::calibration;

/// What the confidence block says.
pub struct ConfidenceBlock {
    /// "Confidence (3 rated answers)".
    pub title: String,
    /// Per rating: its label, then how many of the answers at it were right, of how many.
    pub rows: Vec<(&'static str, usize, usize)>,
    /// "over-confident by 12 points · Brier score 0.31 (0 is perfect)".
    pub verdict: String,
    /// Questions answered wrong while "certain", grouped under "Level · Section", each by the
    /// first line of its prompt.
    pub confidently_wrong: Vec<(String, Vec<String>)>,
}

/// The line that introduces the confidently wrong questions.
pub const CONFIDENTLY_WRONG: &str = "Confidently wrong — the misconceptions to fix first:";

/// The block for a run with ratings, or `None` when nothing was rated.
pub fn block(r: &Report) -> Option<ConfidenceBlock> {
    let c = calibration(r.bank, &r.session.records)?;
    let rows = c
        .by_rating
        .iter()
        .map(|t| (t.rating.label(), t.correct, t.asked))
        .collect();
    let verdict = match c.overconfidence {
        x if x > 0.05 => format!("over-confident by {:.0} points", x * 100.0),
        x if x < -0.05 => format!("under-confident by {:.0} points", -x * 100.0),
        _ => "well calibrated".to_string(),
    };
    let confidently_wrong = c
        .confidently_wrong
        .iter()
        .map(|(section, ids)| {
            let level = r
                .bank
                .roadmap
                .section(section)
                .map(|s| r.level_name(&s.level))
                .unwrap_or_default();
            let prompts = ids
                .iter()
                .map(|id| {
                    let q = r.bank.questions.iter().find(|q| &q.id == id);
                    q.map_or_else(|| id.clone(), |q| shorten(&q.prompt, 90))
                })
                .collect();
            (format!("{level} · {}", r.section_name(section)), prompts)
        })
        .collect();
    Some(ConfidenceBlock {
        title: format!(
            "Confidence ({})",
            crate::text::count(c.rated, "rated answer")
        ),
        rows,
        verdict: format!("{verdict} · Brier score {:.2} (0 is perfect)", c.brier),
        confidently_wrong,
    })
}

/// The first line of a question, cut at a word boundary to about `max` characters: enough to
/// recognise it in a list.
fn shorten(prompt: &str, max: usize) -> String {
    let first = prompt.trim().lines().next().unwrap_or_default().trim();
    if first.chars().count() <= max {
        return first.to_string();
    }
    let cut: String = first.chars().take(max).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}
