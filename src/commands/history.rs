//! `levelcheck history` and `levelcheck report`: past sessions at a glance, and any one of them
//! re-rendered as a study plan.

use std::collections::BTreeMap;
use std::io::Write;
use std::time::Duration;

use super::bank_source;
use super::runner::store;
use crate::answered::Record;
use crate::bank::{Bank, load};
use crate::cli::{GlobalArgs, HistoryArgs, HistoryFormat, ReportArgs};
use crate::error::{Error, Result, exit};
use crate::history::{Loaded, SessionRecord};
use crate::mark::is_correct;
use crate::report::{Format, Report};
use crate::roadmap::Roadmap;
use crate::score::{DEFAULT_TARGET, score, score_adaptive};
use crate::session::Session;

fn load_history(g: &GlobalArgs, err: &mut dyn Write) -> Result<Loaded> {
    let store = store(g).ok_or_else(|| {
        Error::Usage(
            "history is off (--no-history), or no state folder could be found; set LEVELCHECK_HOME"
                .into(),
        )
    })?;
    let loaded = store.load();
    for (path, why) in &loaded.damaged {
        let _ = writeln!(
            err,
            "warning: skipped a damaged history record {}: {why}",
            path.display()
        );
    }
    Ok(loaded)
}

pub fn history(
    args: &HistoryArgs,
    g: &GlobalArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let loaded = load_history(g, err)?;
    if let Some(target) = &args.export {
        return export(&loaded, g, target, out);
    }
    let text = match args.format {
        HistoryFormat::Json => {
            let damaged: Vec<String> = loaded
                .damaged
                .iter()
                .map(|d| d.0.display().to_string())
                .collect();
            serde_json::to_string_pretty(&serde_json::json!({ "format_version": 1, "sessions": loaded.sessions, "damaged": damaged })).expect("serializes") + "\n"
        }
        HistoryFormat::Text => table(&loaded.sessions, g),
    };
    out.write_all(text.as_bytes())
        .map_err(|e| Error::io("<stdout>", e))?;
    Ok(exit::OK)
}

/// `history --export`: the responses of every kept session, to a file (atomically) or stdout.
fn export(
    loaded: &Loaded,
    g: &GlobalArgs,
    target: &std::path::Path,
    out: &mut dyn Write,
) -> Result<u8> {
    let dir = store(g)
        .map(|s| s.dir)
        .ok_or_else(|| Error::Usage("no state folder for history; set LEVELCHECK_HOME".into()))?;
    let respondent = crate::history::export::respondent_id(&dir)?;
    let responses = crate::history::export::responses(&loaded.sessions, &respondent);
    let mut bytes = Vec::new();
    crate::responses::write(&mut bytes, &responses).map_err(|e| Error::io(target, e))?;
    if target.as_os_str() == "-" {
        out.write_all(&bytes)
            .map_err(|e| Error::io("<stdout>", e))?;
    } else {
        crate::outfile::write(target, &bytes, &[dir.join("sessions")])?;
    }
    Ok(exit::OK)
}

/// A section's share right in one session is shown only when that session asked at least this
/// many of its questions: one or two answers make a 0% or 100% that says nothing.
pub const MIN_FOR_TREND: usize = 3;

fn table(sessions: &[SessionRecord], g: &GlobalArgs) -> String {
    if sessions.is_empty() {
        return "No sessions yet: run `levelcheck` to take the level check.\n".to_string();
    }
    let width = super::text_width();
    let runs = runs(sessions);
    let bank = load::load(&bank_source(g)).ok();
    let roadmap = bank.as_ref().map(|b| &b.roadmap);
    let title = |id: &str| {
        roadmap
            .and_then(|r| r.levels.iter().find(|l| l.id == id))
            .map_or_else(|| id.to_string(), |l| l.title.clone())
    };
    let ids: Vec<&str> = sessions.iter().map(|s| s.id.as_str()).collect();
    let mut rows = vec![SessionRow {
        cells: ["date", "session", "mode", "track", "level", "right"]
            .map(String::from)
            .to_vec(),
        note: Vec::new(),
    }];
    for s in &runs {
        let level = match (&s.level, s.mode.as_str()) {
            (_, "practice") => "–".to_string(),
            (Some(l), _) => title(l),
            (None, _) => "not yet".to_string(),
        };
        let level = match s.probability {
            Some(p) => format!("{level} {:.0}%", p * 100.0),
            None => level,
        };
        let quiz = matches!(s.mode.as_str(), "fixed" | "adaptive");
        let state = match (s.interrupted, s.resumes.is_some()) {
            // Only a level check resumes; a drill or an interview is simply started again.
            (true, _) if quiz => "interrupted: levelcheck take --resume",
            (true, _) => "interrupted",
            (false, true) => "resumed after an interruption",
            (false, false) => "",
        };
        rows.push(SessionRow {
            cells: vec![
                s.date(),
                short_id(&s.id, &ids),
                s.mode.clone(),
                s.filters.track.clone().unwrap_or_else(|| "–".into()),
                level,
                format!("{}/{}", s.correct, s.asked),
            ],
            note: [state]
                .into_iter()
                .filter(|n| !n.is_empty())
                .map(String::from)
                .collect(),
        });
    }
    let mut out = session_table(rows, width);
    out.push('\n');
    out.push_str(&crate::text::wrap(
        &format!("Sections over time (share right per session, oldest first; sessions with at least {MIN_FOR_TREND} of the section's questions):"),
        width,
        "",
    ));
    out.push('\n');
    out.push_str(&trend_lines(&trends(&runs), roadmap, width));
    out
}

/// A row of the session table: its cells, and a note (interrupted, resumed) after them.
struct SessionRow {
    cells: Vec<String>,
    note: Vec<String>,
}

/// The track column: dropped when the table is too wide for it, its value moving to the note.
const TRACK: usize = 3;

/// The session table, each column as wide as its widest cell (the last, the counts,
/// right-aligned). Too wide for `width`, it drops the track column and names a row's track in
/// its note; a note that does not fit after its row goes on the line below, under the id.
fn session_table(mut rows: Vec<SessionRow>, width: usize) -> String {
    let widths = |rows: &[SessionRow]| -> Vec<usize> {
        (0..rows[0].cells.len())
            .map(|i| {
                rows.iter()
                    .map(|r| r.cells[i].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect()
    };
    let total = |w: &[usize]| w.iter().sum::<usize>() + w.len() - 1;
    if total(&widths(&rows)) > width {
        for (n, r) in rows.iter_mut().enumerate() {
            let track = r.cells.remove(TRACK);
            if n > 0 && track != "–" {
                r.note.insert(0, format!("track {track}"));
            }
        }
    }
    let widths = widths(&rows);
    let last = widths.len() - 1;
    let mut out = String::new();
    for r in &rows {
        let cells: Vec<String> = r
            .cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, &w))| {
                if i == last {
                    format!("{cell:>w$}")
                } else {
                    format!("{cell:<w$}")
                }
            })
            .collect();
        let line = cells.join(" ");
        let line = line.trim_end();
        out.push_str(line);
        let note = r.note.join(" · ");
        if !note.is_empty() {
            if line.chars().count() + 2 + note.chars().count() <= width {
                out.push_str("  ");
            } else {
                out.push('\n');
                out.push_str(&" ".repeat(widths[0] + 1));
            }
            out.push_str(&note);
        }
        out.push('\n');
    }
    out
}

/// A session id as short as keeps it unique among `all` (`report` takes any unique start of
/// one), and never under 10 characters: the id opens with its start time in milliseconds,
/// and 10 digits of it tell apart sessions begun in different seconds, so an id shown today
/// still names the same session after later ones are added.
fn short_id(id: &str, all: &[&str]) -> String {
    let chars: Vec<char> = id.chars().collect();
    (10..chars.len())
        .map(|n| chars[..n].iter().collect::<String>())
        .find(|p| all.iter().filter(|o| o.starts_with(p.as_str())).count() == 1)
        .unwrap_or_else(|| id.to_string())
}

/// One row per run: an interrupted session that was later resumed is left out, as the session
/// that resumed it holds its answers too (and its start time).
fn runs(sessions: &[SessionRecord]) -> Vec<&SessionRecord> {
    let resumed: Vec<&str> = sessions
        .iter()
        .filter_map(|s| s.resumes.as_deref())
        .collect();
    sessions
        .iter()
        .filter(|s| !resumed.contains(&s.id.as_str()))
        .collect()
}

/// The trend rows grouped under their level, levels and sections in roadmap order; sections
/// the roadmap does not know (edited banks) last.
fn trend_lines(
    trends: &BTreeMap<String, Vec<(usize, usize)>>,
    roadmap: Option<&Roadmap>,
    width: usize,
) -> String {
    let mut out = String::new();
    let names: Vec<(&str, &str)> = trends
        .keys()
        .map(|id| {
            let title = roadmap
                .and_then(|r| r.section(id))
                .map_or(id.as_str(), |s| s.title.as_str());
            (id.as_str(), title)
        })
        .collect();
    // The name column as wide as the longest name shown, so the trends start close to it.
    let name_width = names
        .iter()
        .map(|(_, t)| t.chars().count())
        .max()
        .unwrap_or(0)
        .max(12);
    let trend_line =
        |name: &str, points: &[(usize, usize)]| trend_line(name, points, name_width, width);
    let mut done: Vec<&str> = Vec::new();
    if let Some(r) = roadmap {
        for (i, level) in r.levels.iter().enumerate() {
            let rows: Vec<(&str, &str)> = r
                .sections
                .iter()
                .filter(|s| r.section_level(&s.id) == i && trends.contains_key(&s.id))
                .map(|s| (s.id.as_str(), s.title.as_str()))
                .collect();
            if rows.is_empty() {
                continue;
            }
            out.push_str(&format!("  {}\n", level.title));
            for (id, name) in rows {
                out.push_str(&trend_line(name, &trends[id]));
                done.push(id);
            }
        }
    }
    let rest: Vec<&String> = trends
        .keys()
        .filter(|k| !done.contains(&k.as_str()))
        .collect();
    if !rest.is_empty() {
        out.push_str("  Not in the roadmap\n");
        for id in rest {
            out.push_str(&trend_line(id, &trends[id]));
        }
    }
    out
}

/// `name  ▃▅▇  last 80%`, or "too few questions" when no session asked enough of it (wrapped
/// under itself when the line is narrow).
fn trend_line(name: &str, points: &[(usize, usize)], name_width: usize, width: usize) -> String {
    let shares: Vec<f64> = points
        .iter()
        .filter(|(_, asked)| *asked >= MIN_FOR_TREND)
        .map(|&(right, asked)| right as f64 / asked as f64)
        .collect();
    match shares.last() {
        Some(last) => format!(
            "    {name:<name_width$}  {:<12} last {:.0}%\n",
            spark(&shares),
            last * 100.0
        ),
        None => {
            let asked: usize = points.iter().map(|p| p.1).sum();
            let row = format!("    {name:<name_width$}  ");
            // The heading says what a trend needs; the row says only how far short this is.
            let why = format!("too few questions ({asked} asked in all)");
            crate::text::row_then(&row, &why, width) + "\n"
        }
    }
}

/// Each section's (right, asked) in every session that asked it, oldest first.
fn trends(sessions: &[&SessionRecord]) -> BTreeMap<String, Vec<(usize, usize)>> {
    let mut out: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for s in sessions {
        let mut per: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for q in &s.questions {
            let e = per.entry(&q.section).or_default();
            e.0 += usize::from(q.correct);
            e.1 += 1;
        }
        for (sec, counts) in per {
            out.entry(sec.to_string()).or_default().push(counts);
        }
    }
    out
}

/// ▁▂▃▄▅▆▇█ for shares in [0, 1]; the last 12 sessions.
fn spark(shares: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let start = shares.len().saturating_sub(12);
    shares[start..]
        .iter()
        .map(|s| BARS[((s * 7.0).round() as usize).min(7)])
        .collect()
}

pub fn report(
    args: &ReportArgs,
    g: &GlobalArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let loaded = load_history(g, err)?;
    let rec = pick(&loaded.sessions, args.session.as_deref())?;
    let bank = super::load_informed(g)?;
    let (session, edited) = rebuild(&bank, rec);
    let scored = if rec.mode == "adaptive" {
        let target = rec.target_confidence.unwrap_or(DEFAULT_TARGET);
        score_adaptive(&bank, &session.records, target)
    } else {
        score(&bank, &session.records)
    };
    let mode = if rec.mode == "adaptive" {
        "adaptive"
    } else {
        "fixed"
    };
    let track = rec
        .filters
        .track
        .as_deref()
        .and_then(|t| bank.roadmap.track(t));
    let report = Report {
        bank: &bank,
        session: &session,
        score: &scored,
        mode,
        track,
        replay: rec.replay.clone().unwrap_or_else(|| {
            let fixed = if mode == "fixed" { " --fixed" } else { "" };
            format!("levelcheck take{fixed} --seed {}", rec.seed)
        }),
        bank_flags: super::replay::bank_flags(g),
        width: super::text_width(),
    };
    // The report itself is what the live run printed; anything about the record goes to stderr.
    if edited > 0 {
        let note = format!(
            "note: {} of session {} changed or left the banks since and {} not shown.",
            crate::text::count(edited, "question"),
            rec.id,
            if edited == 1 { "is" } else { "are" }
        );
        let _ = writeln!(err, "{}", crate::text::wrap(&note, super::text_width(), ""));
    }
    let mut text = String::new();
    let flags = super::replay::bank_flags(g);
    if rec.mode == "interview" {
        let track = rec.filters.track.as_deref();
        let info = crate::interview::render::Info {
            track,
            track_title: track
                .and_then(|t| bank.roadmap.track(t))
                .map(|t| t.title.as_str()),
            minutes: rec.minutes.unwrap_or(crate::interview::DEFAULT_MINUTES),
            // As the live run judged it: the answers' time reached the time allowed.
            out_of_time: !session.interrupted
                && rec.minutes.is_some_and(|m| {
                    session.records.iter().map(|r| r.seconds).sum::<f64>() >= f64::from(m) * 60.0
                }),
            open_available: bank.questions.iter().any(|q| q.body.is_open()),
            width: super::text_width(),
            bank_flags: &flags,
        };
        text.push_str(&super::interview::render_interview(
            &bank,
            &session,
            args.format,
            &info,
        ));
    } else if rec.mode == "practice" {
        // A drill has no level: show its tally, then what was missed.
        let tally = super::practice::tally(&bank, &session);
        let hint = super::replay::practice_missed(g, &(&rec.filters).into());
        let comeback = super::practice::Comeback::Missed(&hint);
        text.push_str(&super::practice::tally_text(
            &bank,
            &tally,
            &session,
            comeback,
            super::text_width(),
        ));
    } else {
        text.push_str(&report.render(args.format, false));
    }
    // An interview's scorecard lists what to revisit itself.
    if (args.format == Format::Text && rec.mode != "interview") || rec.mode == "practice" {
        text.push_str(&crate::report::text::review(&report, report.width));
    }
    match &args.output {
        Some(path) => crate::outfile::write(path, text.as_bytes(), &super::inputs(g, None))?,
        None => out
            .write_all(text.as_bytes())
            .map_err(|e| Error::io("<stdout>", e))?,
    }
    Ok(exit::OK)
}

/// The session named by id or id prefix; by default the latest that is not practice.
fn pick<'a>(sessions: &'a [SessionRecord], id: Option<&str>) -> Result<&'a SessionRecord> {
    if let Some(id) = id {
        // A start shared by several sessions names none of them: refuse rather than guess.
        let matching = sessions.iter().filter(|s| s.id.starts_with(id)).count();
        if matching > 1 && !sessions.iter().any(|s| s.id == id) {
            return Err(Error::Usage(format!(
                "`{id}` starts {matching} session ids: give more of it (see `levelcheck history`)"
            )));
        }
    }
    let found = match id {
        Some(id) => sessions.iter().rev().find(|s| s.id.starts_with(id)),
        None => sessions
            .iter()
            .rev()
            .find(|s| s.mode != "practice")
            .or(sessions.last()),
    };
    found.ok_or_else(|| {
        Error::Usage(match id {
            Some(id) => format!("no session `{id}` in history (see `levelcheck history`)"),
            None => "no sessions in history yet".into(),
        })
    })
}

/// A stored session as a `Session` over today's banks; questions edited since are left out.
fn rebuild(bank: &Bank, rec: &SessionRecord) -> (Session, usize) {
    let mut records = Vec::new();
    let mut edited = 0;
    for a in &rec.questions {
        match bank
            .questions
            .iter()
            .position(|q| q.id == a.id && q.digest() == a.digest)
        {
            Some(i) => records.push(Record {
                question: i,
                id: a.id.clone(),
                given: a.given.clone(),
                correct: is_correct(&bank.questions[i], &a.given),
                seconds: a.seconds.unwrap_or(0.0),
                confidence: a.confidence,
                confirming: a.confirming,
                follow_ups: a.follow_ups.clone(),
                typed: a.typed.clone(),
                follow_up_typed: a.follow_up_typed.clone(),
            }),
            None => edited += 1,
        }
    }
    (
        Session {
            seed: rec.seed,
            records,
            interrupted: rec.interrupted,
            elapsed: Duration::from_secs(rec.elapsed_secs.unwrap_or(0)),
        },
        edited,
    )
}
