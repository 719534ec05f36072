//! The terminal prompter: dialoguer prompts on stderr, an indicatif progress line, framed code.
//!
//! The progress line is drawn once above each question and left in place (never redrawn while a
//! prompt is active, which would corrupt it). Every text from a bank goes through `sanitize`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use console::{Term, style};
use dialoguer::{Confirm, Input, MultiSelect, Sort};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use textwrap::core::display_width;

use super::select::SingleSelect;
use super::theme::PromptTheme;
use super::{Interrupted, Progress, Prompter};
use crate::answered::Confidence;
use crate::answered::Record;
use crate::bank::{Body, Question};
use crate::engine::Offer;
use crate::engine::present::Ask;
use crate::mark::{Given, feedback_for, key_display};
use crate::roadmap::Roadmap;
use crate::text::{clock, count, fit_words, sanitize, wrap, wrap_labelled, wrap_option};

pub const SKIP: &str = "Skip — I don't know";
/// The keys of a select-all list, shown above it.
const SELECT_ALL_KEYS: &str = "Space marks or unmarks an option, Enter confirms";

/// Asks in the terminal. `interrupted` is set by the Ctrl-C handler.
pub struct TermPrompter<'a> {
    term: Term,
    theme: PromptTheme,
    roadmap: &'a Roadmap,
    interrupted: Arc<AtomicBool>,
    /// What was typed for the last open question, until the session takes it.
    typed: Option<String>,
}

impl<'a> TermPrompter<'a> {
    pub fn new(roadmap: &'a Roadmap, interrupted: Arc<AtomicBool>) -> Self {
        let theme = PromptTheme::default();
        Self {
            term: Term::stderr(),
            theme,
            roadmap,
            interrupted,
            typed: None,
        }
    }

    fn width(&self) -> usize {
        (self.term.size().1 as usize).clamp(20, 100)
    }

    fn line(&self, s: &str) -> Result<(), Interrupted> {
        self.term.write_line(s).map_err(|_| Interrupted)
    }

    fn progress_line(&self, p: &Progress, q: &Question) {
        let level = self
            .roadmap
            .levels
            .get(q.level)
            .map_or("", |l| l.title.as_str());
        let section = self
            .roadmap
            .section(&q.section)
            .map_or("", |s| s.title.as_str());
        let bar = ProgressBar::with_draw_target(Some(p.total as u64), ProgressDrawTarget::stderr())
            .with_elapsed(p.elapsed);
        let layout = ProgressLayout::for_width(self.width(), p.time_limit.is_some());
        bar.set_style(
            ProgressStyle::with_template(&layout.template)
                .expect("valid template")
                .progress_chars("━╸─"),
        );
        bar.set_position(p.number.saturating_sub(1) as u64);
        let of = if p.adaptive {
            format!("at most {}", p.total)
        } else {
            p.total.to_string()
        };
        let mut parts = vec![format!("Question {} of {of}", p.number)];
        parts.extend(timed_clock(p));
        let place = format!("{level} · {section}");
        let full = format!("{} · {place}", parts.join(" · "));
        // Too narrow for all of it: where the question is from goes on a line of its own, and
        // the line keeps the parts that fit whole.
        let below = display_width(&full) > layout.message_width;
        bar.set_message(if below {
            whole_parts(&parts, layout.message_width)
        } else {
            full
        });
        bar.abandon();
        if below {
            let _ = self.line(&style(wrap(&place, self.width(), "  ")).dim().to_string());
        }
    }

    fn code_block(&self, code: &str, module: &str) -> Result<(), Interrupted> {
        let width = self.width().saturating_sub(8).max(20);
        self.line(&format!(
            "  ┌─ {module} {}",
            "─".repeat(width.saturating_sub(module.len() + 1))
        ))?;
        for (number, piece) in code_rows(&sanitize(code), width) {
            let gutter = number.map_or_else(|| " ↳".to_string(), |n| format!("{n:>2}"));
            self.line(&format!("  │ {} {piece}", style(gutter).dim()))?;
        }
        self.line(&format!("  └{}", "─".repeat(width + 2)))
    }

    /// One line before the first question: what to expect and that skipping is fine.
    fn intro(&self, p: &Progress) -> Result<(), Interrupted> {
        let length = if p.adaptive {
            format!(
                "up to {}, fewer once your level is clear",
                count(p.total, "question")
            )
        } else {
            count(p.total, "question")
        };
        let text = format!(
            "levelcheck · {length} · “Skip — I don't know” is always fine: it beats guessing · an answer is final once you press Enter · Ctrl-C stops and shows your report"
        );
        self.line(&style(wrap(&text, self.width(), "")).dim().to_string())
    }

    fn show_question(&self, q: &Question, p: &Progress) -> Result<(), Interrupted> {
        if p.number == 1 {
            self.intro(p)?;
        }
        self.line("")?;
        self.progress_line(p, q);
        self.line(
            &style(wrap(&q.prompt, self.width(), "  "))
                .bold()
                .to_string(),
        )?;
        if let Body::Output { code, module, .. } = &q.body {
            let m = match module {
                crate::bank::Module::Commonjs => "CommonJS",
                crate::bank::Module::Esm => "ES module",
            };
            self.code_block(code, m)?;
        }
        Ok(())
    }

    fn interrupted<E>(&self, _e: E) -> Interrupted {
        // dialoguer hides the cursor while a prompt is active and leaves it hidden on Ctrl-C.
        let _ = self.term.show_cursor();
        Interrupted
    }

    fn choose(&self, options: &[String], multi: bool) -> Result<Given, Interrupted> {
        let w = self.width().saturating_sub(6);
        let shown: Vec<String> = options.iter().map(|o| wrap_option(o, w)).collect();
        if multi {
            let mut items = shown.clone();
            items.push(SKIP.to_string());
            // The key hint on its own wrapped line: in the prompt it breaks mid-word at 60 columns.
            self.hint(SELECT_ALL_KEYS)?;
            let picked = loop {
                let picked = MultiSelect::with_theme(&self.theme)
                    .with_prompt("Select all that apply")
                    .items(&items)
                    .report(false)
                    .interact_on(&self.term)
                    .map_err(|e| self.interrupted(e))?;
                // Enter with nothing marked is more often a slip than a skip: ask.
                if !picked.is_empty() || self.skip_unmarked()? {
                    break picked;
                }
            };
            if picked.is_empty() || picked.contains(&options.len()) {
                return Ok(Given::Skip);
            }
            return Ok(Given::List(
                picked.into_iter().map(|i| options[i].clone()).collect(),
            ));
        }
        let mut items = shown;
        items.push(SKIP.to_string());
        let i = SingleSelect::with_theme(&self.theme)
            .with_prompt("Your answer")
            .items(&items)
            .default(0)
            .report(false)
            .interact_on(&self.term)
            .map_err(|e| self.interrupted(e))?;
        Ok(if i == options.len() {
            Given::Skip
        } else {
            Given::Text(options[i].clone())
        })
    }

    /// A dim line of key help, wrapped to the terminal.
    fn hint(&self, text: &str) -> Result<(), Interrupted> {
        self.line(&style(wrap(text, self.width(), "  ")).dim().to_string())
    }

    fn skip_unmarked(&self) -> Result<bool, Interrupted> {
        Confirm::with_theme(&self.theme)
            .with_prompt("Nothing selected — skip this question?")
            .default(false)
            .interact_on(&self.term)
            .map_err(|e| self.interrupted(e))
    }

    fn typed(&self, hint: &str) -> Result<Given, Interrupted> {
        let s: String = Input::with_theme(&self.theme)
            .with_prompt(hint)
            .allow_empty(true)
            .report(false)
            .interact_text_on(&self.term)
            .map_err(|e| self.interrupted(e))?;
        Ok(if s.trim().is_empty() {
            Given::Skip
        } else {
            Given::Text(s)
        })
    }

    fn order(&self, items: &[String]) -> Result<Given, Interrupted> {
        let go = SingleSelect::with_theme(&self.theme)
            .with_prompt("Put the items in order")
            .items(["Order them now", SKIP])
            .default(0)
            .report(false)
            .interact_on(&self.term)
            .map_err(|e| self.interrupted(e))?;
        if go == 1 {
            return Ok(Given::Skip);
        }
        let w = self.width().saturating_sub(6);
        let shown: Vec<String> = items.iter().map(|o| wrap_option(o, w)).collect();
        // The key hint on its own wrapped line: as a prompt it would break mid-word at 60 columns.
        self.hint("Space picks an item up or puts it down, arrows move it, Enter confirms")?;
        let order = Sort::with_theme(&self.theme)
            .with_prompt("Order")
            .items(&shown)
            .report(false)
            .interact_on(&self.term)
            .map_err(|e| self.interrupted(e))?;
        Ok(Given::List(
            order.into_iter().map(|i| items[i].clone()).collect(),
        ))
    }
}

/// How an open question is answered.
const TYPE_IT: &str = "Type my answer";
const ALOUD: &str = "I answered aloud — show me the model answer";

impl TermPrompter<'_> {
    /// An open question: the person answers (typed or aloud), reads the model answer, then ticks
    /// the key points they covered. The share covered is shown at once.
    fn open(&mut self, q: &Question) -> Result<Given, Interrupted> {
        let Body::Open {
            model_answer,
            key_points,
            ..
        } = &q.body
        else {
            return Ok(Given::Skip);
        };
        let how = SingleSelect::with_theme(&self.theme)
            .with_prompt("Answer in your own words")
            .items([TYPE_IT, ALOUD, SKIP])
            .default(0)
            .report(false)
            .interact_on(&self.term)
            .map_err(|e| self.interrupted(e))?;
        if how == 2 {
            return Ok(Given::Skip);
        }
        if how == 0 {
            let lines = self.typed_lines()?;
            self.typed = kept_text(&lines);
        }
        self.line(&style("  Model answer:").bold().to_string())?;
        for para in model_answer.trim().split(
            "

",
        ) {
            self.line(&wrap(para.trim(), self.width(), "  "))?;
        }
        let w = self.width().saturating_sub(6);
        let shown: Vec<String> = key_points.iter().map(|k| wrap_option(k, w)).collect();
        self.hint("Tick the key points your answer covered (Space to tick, Enter to confirm)")?;
        let picked = MultiSelect::with_theme(&self.theme)
            .with_prompt("Key points covered")
            .items(&shown)
            .report(false)
            .interact_on(&self.term)
            .map_err(|e| self.interrupted(e))?;
        let summary = format!(
            "› Covered {} of {} key points ({:.0}%)",
            picked.len(),
            key_points.len(),
            100.0 * picked.len() as f64 / key_points.len().max(1) as f64
        );
        self.line(&style(format!("  {summary}")).bold().to_string())?;
        Ok(Given::Points(picked))
    }

    /// A multi-line answer, one line at a time, ended by an empty line: writing it down sharpens
    /// the self-marking. The main answer is kept in history for the person to look back on.
    fn typed_lines(&self) -> Result<Vec<String>, Interrupted> {
        self.line(
            &style("  Type your answer; an empty line ends it.")
                .dim()
                .to_string(),
        )?;
        let mut lines = Vec::new();
        loop {
            let s: String = Input::with_theme(&self.theme)
                .with_prompt("│")
                .allow_empty(true)
                .report(false)
                .interact_text_on(&self.term)
                .map_err(|e| self.interrupted(e))?;
            if s.trim().is_empty() {
                return Ok(lines);
            }
            self.line(&format!("  │ {}", sanitize(&s)))?;
            lines.push(s);
        }
    }
}

impl Prompter for TermPrompter<'_> {
    fn ask(&mut self, q: &Question, ask: &Ask, p: &Progress) -> Result<Given, Interrupted> {
        if self.interrupted.load(Ordering::SeqCst) {
            return Err(Interrupted);
        }
        self.show_question(q, p)?;
        self.typed = None;
        let asked_at = Instant::now();
        let given = match ask {
            Ask::Choose { options, multi }
                if matches!(q.body, Body::TrueFalse { .. }) && !multi =>
            {
                match self.choose(options, false)? {
                    Given::Text(t) => Given::Bool(t == "True"),
                    other => other,
                }
            }
            Ask::Choose { options, multi } => self.choose(options, *multi)?,
            Ask::Type if matches!(q.body, Body::Output { .. }) => {
                // The how-to on a wrapped line of its own: as the prompt it overflows 60 columns.
                self.hint("Type the output, its lines separated by spaces")?;
                self.typed("Your answer (empty to skip)")?
            }
            Ask::Type => self.typed(typed_prompt(&q.body))?,
            Ask::Order { items } => self.order(items)?,
            Ask::Open => self.open(q)?,
        };
        if let Some(limit) = p.time_limit {
            // A timed run: how long this answer took and where the whole run stands.
            let took = asked_at.elapsed();
            let line = format!(
                "  ⏱ {} on this question · {} of {} overall",
                clock(took.as_secs()),
                clock((p.elapsed + took).as_secs()),
                clock(limit.as_secs())
            );
            self.line(&style(line).dim().to_string())?;
        }
        if matches!(ask, Ask::Open) {
            return Ok(given);
        }
        // dialoguer's own one-line report cannot wrap a long option: write a wrapped one.
        let summary = format!("› Your answer: {}", given.display());
        self.line(&style(wrap(&summary, self.width(), "  ")).dim().to_string())?;
        if self.interrupted.load(Ordering::SeqCst) {
            return Err(Interrupted);
        }
        Ok(given)
    }

    fn confidence(&mut self, _q: &Question) -> Result<Option<Confidence>, Interrupted> {
        let labels: Vec<String> = Confidence::ALL
            .iter()
            .map(|c| capitalise(c.label()))
            .collect();
        let i = SingleSelect::with_theme(&self.theme)
            .with_prompt("How sure are you?")
            .items(&labels)
            .default(1)
            .report(false)
            .interact_on(&self.term)
            .map_err(|e| self.interrupted(e))?;
        self.line(
            &style(format!("  › How sure: {}", Confidence::ALL[i].label()))
                .dim()
                .to_string(),
        )?;
        Ok(Some(Confidence::ALL[i]))
    }

    fn confirm_gap(&mut self, offer: &Offer) -> Result<bool, Interrupted> {
        // Why, on a wrapped line of its own: in the prompt it would overflow 60 columns.
        self.hint(&format!(
            "Your answers on {} were weaker than the rest.",
            offer.title
        ))?;
        let yes = Confirm::with_theme(&self.theme)
            .with_prompt(format!(
                "Confirm with {} more {}?",
                offer.questions,
                if offer.questions == 1 {
                    "question"
                } else {
                    "questions"
                }
            ))
            .default(true)
            .interact_on(&self.term)
            .map_err(|e| self.interrupted(e))?;
        Ok(yes)
    }

    fn typed_answer(&mut self) -> Option<String> {
        self.typed.take()
    }

    fn follow_up(&mut self, q: &Question, index: usize) -> Result<bool, Interrupted> {
        let Body::Open { follow_ups, .. } = &q.body else {
            return Ok(false);
        };
        let Some(text) = follow_ups.get(index) else {
            return Ok(false);
        };
        self.typed = None;
        self.line("")?;
        self.line(
            &style(wrap(&format!("Follow-up: {text}"), self.width(), "  "))
                .bold()
                .to_string(),
        )?;
        let how = SingleSelect::with_theme(&self.theme)
            .with_prompt("Answer it")
            .items([TYPE_IT, "I answered aloud"])
            .default(0)
            .report(false)
            .interact_on(&self.term)
            .map_err(|e| self.interrupted(e))?;
        if how == 0 {
            let lines = self.typed_lines()?;
            self.typed = kept_text(&lines);
        }
        let covered = Confirm::with_theme(&self.theme)
            .with_prompt("Did your answer cover it?")
            .default(false)
            .interact_on(&self.term)
            .map_err(|e| self.interrupted(e))?;
        Ok(covered)
    }

    fn feedback(&mut self, q: &Question, r: &Record) -> Result<(), Interrupted> {
        let verdict = if let (Some(share), false) =
            (crate::mark::points_share(q, &r.given), r.given.is_skip())
        {
            let mark = if r.correct { "✔" } else { "✘" };
            let s = style(format!(
                "{mark} {:.0}% of the key points covered.",
                100.0 * share
            ))
            .bold();
            if r.correct { s.green() } else { s.red() }
        } else if r.given.is_skip() && q.body.is_open() {
            style("– Skipped. The key points:".to_string())
                .yellow()
                .bold()
        } else if r.correct {
            style("✔ Right.".to_string()).green().bold()
        } else if r.given.is_skip() {
            // A long answer (an ordering's steps) wraps under its own start, not mid-word.
            let w = self.width();
            style(
                wrap_labelled("  ", "– Skipped. The answer: ", &key_display(q), w)
                    .trim_start()
                    .to_string(),
            )
            .yellow()
            .bold()
        } else {
            let w = self.width();
            style(
                wrap_labelled("  ", "✘ Not quite. The answer: ", &key_display(q), w)
                    .trim_start()
                    .to_string(),
            )
            .red()
            .bold()
        };
        self.line(&format!("  {verdict}"))?;
        if let (Body::Open { key_points, .. }, Given::Points(p)) = (&q.body, &r.given) {
            for (i, k) in key_points.iter().enumerate() {
                let m = if p.contains(&i) { "✔" } else { "·" };
                self.line(&wrap(&format!("{m} {k}"), self.width(), "    "))?;
            }
        } else if let (Body::Open { key_points, .. }, true) = (&q.body, r.given.is_skip()) {
            for k in key_points {
                self.line(&wrap(&format!("· {k}"), self.width(), "    "))?;
            }
        }
        if let Some(f) = feedback_for(q, &r.given) {
            self.line(&wrap(&f, self.width(), "  "))?;
        }
        self.line(
            &style(wrap(&q.explanation, self.width(), "  "))
                .dim()
                .to_string(),
        )?;
        for url in &q.references {
            self.line(&format!("  → {}", sanitize(url)))?;
        }
        Ok(())
    }
}

/// The typed lines as one text to keep, or nothing when none were typed.
fn kept_text(lines: &[String]) -> Option<String> {
    let text = lines.join("\n");
    (!text.trim().is_empty()).then(|| {
        text.chars()
            .take(crate::answered::MAX_TYPED_CHARS)
            .collect()
    })
}

/// The prompt for a typed answer: it says so when case matters (`case_sensitive = true`), and
/// only then — everywhere else case is ignored.
fn typed_prompt(body: &Body) -> &'static str {
    match body {
        Body::Text {
            case_sensitive: true,
            ..
        } => "Your answer, case matters (empty to skip)",
        _ => "Your answer (empty to skip)",
    }
}

/// The progress line's template and the room left for its message at a terminal width: the
/// bar narrows below 80 columns, and the message is fitted (cut at a word) by us rather than
/// by indicatif's `wide_msg`, which cuts it mid-word at the edge.
struct ProgressLayout {
    template: String,
    message_width: usize,
}

impl ProgressLayout {
    fn for_width(width: usize, timed: bool) -> Self {
        let bar = if width >= 80 { 20 } else { 10 };
        // A timed run shows its own clock ("4:12 of 30:00") in place of the bare elapsed time.
        let (template, fixed) = if timed {
            (format!("{{bar:{bar}.cyan/blue}} {{msg}}"), bar + 1)
        } else {
            (
                format!("{{bar:{bar}.cyan/blue}} {{elapsed_precise}} {{msg}}"),
                bar + 10,
            )
        };
        // One column spare: a line that fills the last column makes some terminals wrap.
        Self {
            template,
            message_width: width.saturating_sub(fixed + 1),
        }
    }
}

/// For a timed run (interview), the clock and the time planned for this question ("⏱ 4:12 of
/// 30:00", "~4 min for this one"); else nothing.
fn timed_clock(p: &Progress) -> Vec<String> {
    let (Some(limit), Some(planned)) = (p.time_limit, p.time_for) else {
        return Vec::new();
    };
    vec![
        format!(
            "⏱ {} of {}",
            clock(p.elapsed.as_secs()),
            clock(limit.as_secs())
        ),
        format!("~{} min for this one", planned.as_secs() / 60),
    ]
}

/// The leading `parts` that fit `width` whole, joined by " · "; the first one cut at a word
/// when even it does not fit.
fn whole_parts(parts: &[String], width: usize) -> String {
    let mut line = fit_words(parts.first().map_or("", String::as_str), width);
    for part in &parts[1.min(parts.len())..] {
        let next = format!("{line} · {part}");
        if display_width(&next) > width {
            break;
        }
        line = next;
    }
    line
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// The rows of a code block `width` characters wide: each source line numbered, and a line too
/// long for the terminal continued on unnumbered rows — never cut, since the part cut off may be
/// what the question turns on.
fn code_rows(code: &str, width: usize) -> Vec<(Option<usize>, String)> {
    let width = width.max(1);
    let mut rows = Vec::new();
    for (n, line) in code.trim_end_matches('\n').lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        if chars.is_empty() {
            rows.push((Some(n + 1), String::new()));
        }
        for (i, piece) in chars.chunks(width).enumerate() {
            rows.push(((i == 0).then_some(n + 1), piece.iter().collect()));
        }
    }
    rows
}

#[cfg(test)]
mod code_tests {
    #[test]
    fn long_code_lines_continue_on_unnumbered_rows() {
        let code = "short\n\n0123456789abcdefghij\n";
        let rows = super::code_rows(code, 8);
        let want: Vec<(Option<usize>, String)> = vec![
            (Some(1), "short".into()),
            (Some(2), String::new()),
            (Some(3), "01234567".into()),
            (None, "89abcdef".into()),
            (None, "ghij".into()),
        ];
        assert_eq!(rows, want);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_message_keeps_whole_parts_that_fit() {
        let parts = ["Question 1 of 5", "⏱ 0:00 of 7:00", "~1 min for this one"].map(String::from);
        assert_eq!(
            whole_parts(&parts, 60),
            "Question 1 of 5 · ⏱ 0:00 of 7:00 · ~1 min for this one"
        );
        assert_eq!(whole_parts(&parts, 40), "Question 1 of 5 · ⏱ 0:00 of 7:00");
        assert_eq!(whole_parts(&parts, 12), "Question 1…");
    }

    #[test]
    fn the_bar_leaves_room_for_the_message_at_60_columns() {
        let narrow = ProgressLayout::for_width(60, false);
        assert_eq!(narrow.message_width, 60 - 10 - 10 - 1);
        let wide = ProgressLayout::for_width(80, true);
        assert_eq!(wide.message_width, 80 - 20 - 1 - 1);
    }

    #[test]
    fn only_a_case_sensitive_answer_says_case_matters() {
        let text = |case_sensitive| Body::Text {
            accept: vec!["git switch -c".into()],
            case_sensitive,
        };
        assert!(typed_prompt(&text(true)).contains("case matters"));
        assert!(!typed_prompt(&text(false)).contains("case"));
    }
}
