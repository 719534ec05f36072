//! The terminal half of `levelcheck judge`: shows a question blind (prompt, code, options with
//! the key marked, explanation; no id, level, section, topic or difficulty) and asks for a rating.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use console::{Term, style};
use dialoguer::Input;

use super::Interrupted;
use super::rater::Rater;
use super::select::SingleSelect;
use super::theme::PromptTheme;
use crate::bank::Question;
use crate::ratings::Placement;
use crate::ratings::blind::Blind;
use crate::ratings::scripted::Verdict;
use crate::roadmap::Roadmap;
use crate::text::{sanitize, wrap};

const LATER: &str = "Skip for now (asked again next time)";

/// Asks a judge in the terminal. `interrupted` is set by the Ctrl-C handler.
pub struct TermRater<'a> {
    term: Term,
    theme: PromptTheme,
    roadmap: &'a Roadmap,
    interrupted: Arc<AtomicBool>,
    intro_shown: bool,
}

impl<'a> TermRater<'a> {
    pub fn new(roadmap: &'a Roadmap, interrupted: Arc<AtomicBool>) -> Self {
        let theme = PromptTheme::default();
        Self {
            term: Term::stderr(),
            theme,
            roadmap,
            interrupted,
            intro_shown: false,
        }
    }

    fn width(&self) -> usize {
        (self.term.size().1 as usize).clamp(20, 100)
    }

    fn line(&self, s: &str) -> Result<(), Interrupted> {
        self.term.write_line(s).map_err(|_| Interrupted)
    }

    fn fail<E>(&self, _e: E) -> Interrupted {
        // dialoguer hides the cursor while a prompt is active and leaves it hidden on Ctrl-C.
        let _ = self.term.show_cursor();
        Interrupted
    }

    fn intro(&mut self) -> Result<(), Interrupted> {
        if self.intro_shown {
            return Ok(());
        }
        self.intro_shown = true;
        let pass = (self.roadmap.rubric.pass_mark * 100.0).round();
        let text = format!(
            "levelcheck judge · for each question, pick the lowest level at which a typical developer of that level answers it right at least {pass}% of the time, then how hard it is within that level. Every rating is saved as you give it; Ctrl-C stops, and the same command resumes."
        );
        self.line(&style(wrap(&text, self.width(), "")).dim().to_string())
    }

    fn show(&self, b: &Blind, number: usize, total: usize) -> Result<(), Interrupted> {
        let w = self.width();
        self.line("")?;
        self.line(
            &style(format!("Question {number} of {total} · {}", b.kind))
                .cyan()
                .to_string(),
        )?;
        self.line(&style(wrap(&b.prompt, w, "  ")).bold().to_string())?;
        if let Some((module, code)) = &b.code {
            self.line(&format!("  ┌─ {module}"))?;
            for l in sanitize(code).trim_end_matches('\n').lines() {
                self.line(&format!("  │ {l}"))?;
            }
            self.line("  └─")?;
        }
        for (text, key) in &b.options {
            let mark = if *key {
                style("✔".to_string()).green().to_string()
            } else {
                style("✘".to_string()).red().dim().to_string()
            };
            let body = wrap(&text.replace('\n', " ⏎ "), w.saturating_sub(6), "");
            let mut lines = body.lines();
            self.line(&format!("  {mark} {}", lines.next().unwrap_or("")))?;
            for rest in lines {
                self.line(&format!("    {rest}"))?;
            }
        }
        self.line(&style(wrap(&b.explanation, w, "  ")).dim().to_string())?;
        for url in &b.references {
            self.line(&style(format!("  → {}", sanitize(url))).dim().to_string())?;
        }
        Ok(())
    }
}

impl Rater for TermRater<'_> {
    fn rate(
        &mut self,
        q: &Question,
        number: usize,
        total: usize,
    ) -> Result<Option<Verdict>, Interrupted> {
        if self.interrupted.load(Ordering::SeqCst) {
            return Err(Interrupted);
        }
        self.intro()?;
        self.show(&Blind::of(q), number, total)?;
        let choices = Placement::all(self.roadmap);
        let mut labels: Vec<String> = choices
            .iter()
            .map(|p| {
                let t = p.title(self.roadmap);
                let mut c = t.chars();
                c.next()
                    .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
            })
            .collect();
        labels.push(LATER.into());
        let i = SingleSelect::with_theme(&self.theme)
            .with_prompt("Lowest level answering it right at the pass mark")
            .items(&labels)
            .default(1)
            .interact_on(&self.term)
            .map_err(|e| self.fail(e))?;
        if i == choices.len() {
            return Ok(None);
        }
        let placement = choices[i];
        let difficulty = if matches!(placement, Placement::Level(_)) {
            let d = SingleSelect::with_theme(&self.theme)
                .with_prompt("Within that level")
                .items(["1 · easy", "2 · typical", "3 · hard"])
                .default(1)
                .interact_on(&self.term)
                .map_err(|e| self.fail(e))?;
            Some(d as u8 + 1)
        } else {
            None
        };
        let note: String = Input::with_theme(&self.theme)
            .with_prompt("Note (optional, Enter to skip)")
            .allow_empty(true)
            .interact_text_on(&self.term)
            .map_err(|e| self.fail(e))?;
        if self.interrupted.load(Ordering::SeqCst) {
            return Err(Interrupted);
        }
        Ok(Some(Verdict {
            placement,
            difficulty,
            note: Some(note.trim().to_string()).filter(|n| !n.is_empty()),
        }))
    }
}
