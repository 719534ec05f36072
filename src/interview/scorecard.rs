//! The interview scorecard: per area, closed questions right of asked and open key points
//! covered of total; the strongest and weakest areas; what to revisit; the next steps.

use serde::Serialize;

use crate::bank::{Bank, Body};
use crate::mark::{Given, OPEN_PASS_SHARE, covered};
use crate::session::Session;

/// One area of the track as the interview found it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaCard {
    pub id: String,
    pub title: String,
    pub closed_right: usize,
    pub closed_asked: usize,
    pub points_covered: usize,
    pub points_total: usize,
    /// Open questions asked here.
    pub open_asked: usize,
    pub follow_ups_covered: usize,
    pub follow_ups_asked: usize,
    /// Mean over the questions asked of their score (closed: 1 or 0; open: share covered).
    pub score: f64,
}

/// A question worth going back to, with where to read up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revisit {
    pub id: String,
    pub kind: &'static str,
    pub prompt: String,
    /// Closed: "wrong" or "skipped"; open: "3 of 5 key points".
    pub result: String,
    pub references: Vec<String>,
}

/// The whole scorecard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    pub areas: Vec<AreaCard>,
    /// Area ids, best first, when at least two areas were asked.
    pub strongest: Vec<String>,
    pub weakest: Vec<String>,
    /// Said instead of strongest and weakest when at least two areas were asked and all scored
    /// the same ("Every area scored 0%: …").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub even: Option<String>,
    pub revisit: Vec<Revisit>,
    pub next_steps: Vec<String>,
}

/// An area scoring below this is worth drilling.
pub const DRILL_BELOW: f64 = 0.7;

/// The score of one answered question: 1/0 for closed, the share of key points for open.
pub fn question_score(bank: &Bank, question: usize, given: &Given, correct: bool) -> f64 {
    let q = &bank.questions[question];
    crate::mark::points_share(q, given).unwrap_or(if correct { 1.0 } else { 0.0 })
}

/// Builds the scorecard of an interview session, with areas in the roadmap's order.
/// `open_available`: whether the track's pool held open questions (if not, the card says so).
/// `bank_flags` (" --bank DIR…", or empty) goes into every suggested command, so each one runs
/// on the banks of this interview when copied.
pub fn scorecard(
    bank: &Bank,
    session: &Session,
    track: Option<&str>,
    open_available: bool,
    bank_flags: &str,
) -> Scorecard {
    let mut areas: Vec<(AreaCard, f64, usize)> = Vec::new();
    for a in bank.roadmap.effective_areas() {
        let mut card = AreaCard {
            id: a.id.clone(),
            title: a.title.clone(),
            closed_right: 0,
            closed_asked: 0,
            points_covered: 0,
            points_total: 0,
            open_asked: 0,
            follow_ups_covered: 0,
            follow_ups_asked: 0,
            score: 0.0,
        };
        let (mut sum, mut n) = (0.0, 0);
        for r in &session.records {
            let q = &bank.questions[r.question];
            if !a.sections.contains(&q.section) {
                continue;
            }
            match (&q.body, &r.given) {
                (Body::Open { key_points, .. }, given) => {
                    card.open_asked += 1;
                    card.points_total += key_points.len();
                    if let Given::Points(p) = given {
                        card.points_covered += covered(p, key_points.len());
                    }
                    card.follow_ups_asked += r.follow_ups.len();
                    card.follow_ups_covered += r.follow_ups.iter().filter(|c| **c).count();
                }
                _ => {
                    card.closed_asked += 1;
                    card.closed_right += usize::from(r.correct);
                }
            }
            sum += question_score(bank, r.question, &r.given, r.correct);
            n += 1;
        }
        if n > 0 {
            card.score = round(sum / n as f64);
            areas.push((card, sum, n));
        }
    }
    let mut ranked: Vec<&AreaCard> = areas.iter().map(|(c, _, _)| c).collect();
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    // Naming a "strongest" area is only honest when the areas differ: when every area asked
    // scored the same (all 0% most often), there is no strongest and no weakest.
    let spread = ranked
        .first()
        .zip(ranked.last())
        .is_some_and(|(hi, lo)| hi.score > lo.score);
    let (strongest, weakest) = if ranked.len() >= 2 && spread {
        let take = ranked.len().min(4) / 2;
        let (hi, lo) = (ranked[0].score, ranked[ranked.len() - 1].score);
        (
            // Tied with the weakest is not "strongest", and the reverse.
            ranked
                .iter()
                .take(take)
                .filter(|c| c.score > lo)
                .map(|c| c.id.clone())
                .collect(),
            ranked
                .iter()
                .rev()
                .take(take)
                .filter(|c| c.score < hi)
                .map(|c| c.id.clone())
                .collect(),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let areas: Vec<AreaCard> = areas.into_iter().map(|(c, _, _)| c).collect();
    let next_steps = next_steps(
        &areas,
        &weakest,
        session,
        (track, bank_flags),
        open_available,
    );
    let even = even_verdict(&areas, strongest.is_empty());
    Scorecard {
        even,
        revisit: revisit(bank, session),
        areas,
        strongest,
        weakest,
        next_steps,
    }
}

/// The honest line for a scorecard whose areas all scored the same.
fn even_verdict(areas: &[AreaCard], no_strongest: bool) -> Option<String> {
    if areas.len() < 2 || !no_strongest {
        return None;
    }
    let score = areas[0].score;
    Some(if score == 0.0 {
        "Every area scored 0%: no strongest area yet. Start with the basics of each below.".into()
    } else {
        format!(
            "Every area scored {:.0}%: no area stood out, stronger or weaker.",
            score * 100.0
        )
    })
}

/// Closed questions missed or skipped, open ones below the pass share, in the order asked.
fn revisit(bank: &Bank, session: &Session) -> Vec<Revisit> {
    session
        .records
        .iter()
        .filter_map(|r| {
            let q = &bank.questions[r.question];
            let result = match (&q.body, &r.given) {
                (Body::Open { key_points, .. }, g) => {
                    let share = crate::mark::points_share(q, g).unwrap_or(0.0);
                    if share >= OPEN_PASS_SHARE {
                        return None;
                    }
                    let n = match g {
                        Given::Points(p) => covered(p, key_points.len()),
                        _ => 0,
                    };
                    format!("{n} of {} key points", key_points.len())
                }
                _ if r.correct => return None,
                (_, Given::Skip) => "skipped".to_string(),
                _ => "wrong".to_string(),
            };
            Some(Revisit {
                id: q.id.clone(),
                kind: q.body.kind().name(),
                prompt: q.prompt.clone(),
                result,
                references: q.references.clone(),
            })
        })
        .collect()
}

/// What to do next: drill the weak areas, review what was missed, come back for another round.
fn next_steps(
    areas: &[AreaCard],
    weakest: &[String],
    session: &Session,
    (track, banks): (Option<&str>, &str),
    open_available: bool,
) -> Vec<String> {
    let mut steps: Vec<String> = areas
        .iter()
        // With no weakest (every area tied), each area below the bar is worth drilling.
        .filter(|a| a.score < DRILL_BELOW && (weakest.contains(&a.id) || weakest.is_empty()))
        .map(|a| {
            format!(
                "levelcheck practice{banks} --area {}   # drill {}",
                a.id, a.title
            )
        })
        .collect();
    if session.records.iter().any(|r| !r.correct) {
        steps.push(format!(
            "levelcheck practice{banks} --missed   # review what you missed, when it is due"
        ));
    }
    let track = track.map_or(String::new(), |t| format!(" --track {t}"));
    if !open_available {
        steps.push(
            "The banks hold no open questions yet: this interview was closed questions only."
                .into(),
        );
    }
    steps.push(format!(
        "levelcheck interview{banks}{track}   # another round in a few days"
    ));
    steps
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
