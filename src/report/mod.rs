//! Reports of a run: one data model, rendered as text, JSON or Markdown.

pub mod json;
pub mod markdown;
pub mod text;

use crate::bank::Bank;
use crate::score::Score;
use crate::session::Session;

/// Output formats of `take`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
    Markdown,
}

/// Everything a report shows.
pub struct Report<'a> {
    pub bank: &'a Bank,
    pub session: &'a Session,
    pub score: &'a Score,
    /// "fixed" or "adaptive".
    pub mode: &'static str,
}

impl Report<'_> {
    pub fn render(&self, format: Format, color: bool) -> String {
        match format {
            Format::Text => text::render(self, color),
            Format::Json => json::render(self),
            Format::Markdown => markdown::render(self),
        }
    }

    /// The title of the level reached, or "Not yet <lowest level>".
    pub fn level_title(&self) -> String {
        let levels = &self.bank.roadmap.levels;
        match self.score.reached {
            Some(i) => levels[i].title.clone(),
            None => format!(
                "Not yet {}",
                levels.first().map_or("", |l| l.title.as_str())
            ),
        }
    }

    /// The roadmap's line for the next step up, e.g. "Beginner → Intermediate: Can build APIs alone".
    pub fn next_step(&self) -> Option<String> {
        let levels = &self.bank.roadmap.levels;
        let (from, to) = match self.score.reached {
            Some(i) => (levels.get(i)?, levels.get(i + 1)?),
            None => {
                return levels
                    .first()
                    .map(|l| format!("Reach {}: {}", l.title, l.goal));
            }
        };
        Some(format!(
            "{} → {}: {}",
            from.title,
            to.title,
            from.next_step.as_deref().unwrap_or(&to.goal)
        ))
    }

    pub fn level_name(&self, id: &str) -> String {
        self.bank
            .roadmap
            .levels
            .iter()
            .find(|l| l.id == id)
            .map_or_else(|| id.to_string(), |l| l.title.clone())
    }

    pub fn section_name(&self, id: &str) -> String {
        self.bank
            .roadmap
            .section(id)
            .map_or_else(|| id.to_string(), |s| s.title.clone())
    }

    pub fn topic_name(&self, id: &str) -> String {
        self.bank
            .roadmap
            .topic(id)
            .map_or_else(|| id.to_string(), |t| t.title.clone())
    }
}

/// A bar of `width` cells for a share in [0, 1].
pub fn bar(share: f64, width: usize) -> String {
    let full = ((share * width as f64).round() as usize).min(width);
    format!("{}{}", "█".repeat(full), "░".repeat(width - full))
}
