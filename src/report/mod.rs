//! Reports of a run: one data model, rendered as text, JSON or Markdown.

pub mod confidence;
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
    /// The track the run was narrowed to, measured against its target level.
    pub track: Option<&'a crate::roadmap::Track>,
    /// The command that asks this run's questions again (given the same answers).
    pub replay: String,
    /// " --bank DIR…" of the run (empty for the built-in banks), for the drill hints: a hint
    /// copied from the report must run on the banks the report is about.
    pub bank_flags: String,
    /// Columns of text output (`text::output_width`).
    pub width: usize,
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
        if self.session.records.is_empty() {
            return "No answers yet — nothing to estimate".to_string();
        }
        self.level_title_for(self.score.reached)
    }

    /// The one verdict every format leads with: "Level reached: Senior" (the fixed form, or an
    /// adaptive estimate at its target confidence, with its probability), else "Most likely
    /// Senior (62%), possibly Intermediate (31%)" — never "reached" for a guess.
    pub fn headline(&self) -> String {
        let ranked = self.ranked_levels();
        let (Some(est), Some((first, rest))) = (&self.score.estimate, ranked.split_first()) else {
            return format!("Level reached: {}", self.level_title());
        };
        if est.confident {
            return format!("Level reached: {} ({:.0}%)", first.0, first.1 * 100.0);
        }
        let mut line = format!("Most likely {} ({:.0}%)", first.0, first.1 * 100.0);
        if let Some(second) = rest.first().filter(|p| p.1 >= 0.05) {
            line.push_str(&format!(
                ", possibly {} ({:.0}%)",
                second.0,
                second.1 * 100.0
            ));
        }
        line
    }

    /// The adaptive estimate's bands by title, most probable first (empty for the fixed form).
    fn ranked_levels(&self) -> Vec<(String, f64)> {
        let Some(est) = self.score.estimate.as_ref() else {
            return Vec::new();
        };
        let mut ranked: Vec<(String, f64)> = est
            .probabilities
            .iter()
            .map(|(id, p)| {
                let name = if id == "not-yet" {
                    self.level_title_for(None)
                } else {
                    self.level_name(id)
                };
                (name, *p)
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        ranked
    }

    /// The roadmap's line for the next step up, e.g. "Beginner → Intermediate: Can build APIs alone".
    pub fn next_step(&self) -> Option<String> {
        let levels = &self.bank.roadmap.levels;
        let confident = self.score.estimate.as_ref().is_none_or(|e| e.confident);
        if !confident {
            return None;
        }
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

    /// "Senior — 86% · Intermediate 11% · Expert 3%": the adaptive estimate, most probable first,
    /// levels under 1% left out.
    pub fn probability_line(&self) -> Option<String> {
        let ranked = self.ranked_levels();
        let (first, rest) = ranked.split_first()?;
        let mut line = format!("{} — {:.0}%", first.0, first.1 * 100.0);
        for (name, p) in rest.iter().filter(|(_, p)| *p >= 0.01) {
            line.push_str(&format!(" · {name} {:.0}%", p * 100.0));
        }
        Some(line)
    }

    fn level_title_for(&self, reached: Option<usize>) -> String {
        let levels = &self.bank.roadmap.levels;
        match reached {
            Some(i) => levels[i].title.clone(),
            None => format!(
                "Not yet {}",
                levels.first().map_or("", |l| l.title.as_str())
            ),
        }
    }

    /// "Track seven-eight-years (target Senior): reached Intermediate — one level to go."
    pub fn track_line(&self) -> Option<String> {
        let t = self.track?;
        let target = self.bank.roadmap.level_index(&t.target)?;
        let verdict = match self.score.reached {
            Some(r) if r >= target => "target met".to_string(),
            Some(r) => format!(
                "reached {} — {} to go",
                self.bank.roadmap.levels[r].title,
                levels_to_go(target - r)
            ),
            None => format!(
                "not yet {} — {} to go",
                self.bank.roadmap.levels[0].title,
                levels_to_go(target + 1)
            ),
        };
        Some(format!(
            "Track {} (target {}): {verdict}",
            t.title, self.bank.roadmap.levels[target].title
        ))
    }

    /// `levelcheck practice --section ID` (or `take --area ID`…) on this run's banks.
    pub fn hint(&self, command: &str, flag: &str, id: &str) -> String {
        format!("levelcheck {command}{} {flag} {id}", self.bank_flags)
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

fn levels_to_go(n: usize) -> String {
    if n == 1 {
        "one level".into()
    } else {
        format!("{n} levels")
    }
}
