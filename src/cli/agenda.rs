//! `between agenda` and `between session`: the plan for the next session,
//! the schedule, and the review afterwards.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Weekday};
use clap::Subcommand;

use super::{load_config, parse_rfc3339, paths, secret};
use crate::app::agenda as agenda_record;
use crate::app::clock;
use crate::app::clock::time_style;
use crate::app::exchange;
use crate::app::{Keys, Vault};
use crate::domain::agenda::{self, Agenda, Outcome, Recurring, Review, Schedule, Session};
use crate::domain::model::Entry;
use crate::domain::when;

pub use crate::app::agenda::Format;

#[derive(Subcommand, Debug)]
pub enum SessionAction {
    /// Set the recurring schedule, e.g. `every tue 15:00 --weeks 1 --minutes 50`.
    Every {
        weekday: String,
        time: String,
        #[arg(long, default_value_t = 1)]
        weeks: u32,
        #[arg(long, default_value_t = agenda::DEFAULT_SESSION_MINUTES)]
        minutes: u32,
    },
    /// Add a one-off session at an RFC 3339 time.
    Add {
        #[arg(value_parser = parse_rfc3339)]
        at: DateTime<FixedOffset>,
        #[arg(long, default_value_t = agenda::DEFAULT_SESSION_MINUTES)]
        minutes: u32,
    },
    /// Cancel the session(s) on a date (YYYY-MM-DD).
    Cancel { date: NaiveDate },
    /// Show the schedule and the next session.
    Show {
        #[arg(long, value_parser = parse_rfc3339)]
        now: Option<DateTime<FixedOffset>>,
    },
    /// After a session: mark items by entry id (or unique prefix). Unmarked items carry over.
    Review {
        #[arg(long, value_parser = parse_rfc3339)]
        now: Option<DateTime<FixedOffset>>,
        #[arg(long = "discussed", num_args = 1..)]
        discussed: Vec<String>,
        #[arg(long = "carried", num_args = 1..)]
        carried: Vec<String>,
        #[arg(long = "dropped", num_args = 1..)]
        dropped: Vec<String>,
        #[arg(long, default_value = "")]
        took_away: String,
        #[arg(long, default_value = "")]
        will_try: String,
    },
    /// Past sessions with what happened to each item.
    History {
        #[arg(long)]
        json: bool,
    },
}

fn weekday(s: &str) -> Result<Weekday, String> {
    s.parse::<Weekday>()
        .map_err(|_| format!("'{s}' is not a weekday: use mon, tue, wed, thu, fri, sat or sun"))
}

fn time(s: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(s, "%H:%M")
        .map_err(|_| format!("'{s}' is not a time: use HH:MM, e.g. 15:00"))
}

struct Opened {
    vault: Vault,
    keys: Keys,
    entries: Vec<Entry>,
    state: agenda::AgendaState,
}

fn open_all() -> Result<Opened, String> {
    let paths = paths()?;
    let vault = Vault::open(&paths).map_err(|e| e.to_string())?;
    let keys = secret::keys(&vault)?;
    let loaded = vault.load(&keys).map_err(|e| e.to_string())?;
    for problem in &loaded.problems {
        eprintln!("between: {}", problem.error);
    }
    for finding in &loaded.integrity {
        eprintln!("between: warning: {finding}");
    }
    // An agenda state the history does not vouch for is not used.
    let state = agenda_record::load_state(&vault, &keys).unwrap_or_else(|e| {
        eprintln!("between: {e}");
        Default::default()
    });
    let entries = loaded.entries.into_iter().filter(|e| !e.draft).collect();
    Ok(Opened {
        vault,
        keys,
        entries,
        state,
    })
}

pub fn agenda(
    now: Option<DateTime<FixedOffset>>,
    format: Format,
    output: Option<PathBuf>,
) -> Result<(), String> {
    let paths = paths()?;
    let config = load_config(&paths)?;
    let opened = open_all()?;
    let now = now.map(clock::in_user_tz).unwrap_or_else(clock::now);
    let tz = now.timezone();
    let built = agenda::build_agenda(&opened.entries, &opened.state, &config.schedule, now);
    let bytes = agenda_record::render(&built, format, tz)?;
    match output {
        Some(path) => {
            exchange::write_plaintext(&path, &bytes)?;
            eprintln!(
                "Wrote the agenda to {} (unencrypted, readable only by you). Delete it when you no longer need it.",
                path.display()
            );
        }
        None if format == Format::Pdf => return Err("a PDF needs --output FILE".into()),
        None => {
            use std::io::Write;
            std::io::stdout()
                .write_all(&bytes)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

pub fn session(action: SessionAction) -> Result<(), String> {
    let paths = paths()?;
    let mut config = load_config(&paths)?;
    let save = |config: &crate::app::Config| super::settings::save(&paths, config);
    match action {
        SessionAction::Every {
            weekday: day,
            time: at,
            weeks,
            minutes,
        } => {
            let tz = clock::user_tz();
            let today = clock::now().date_naive();
            config.schedule.set_recurring(Recurring {
                weekday: weekday(&day)?,
                time: time(&at)?,
                every_weeks: weeks,
                minutes,
                tz,
                anchor: today,
            })?;
            save(&config)?;
            print_next(&config.schedule, clock::now());
        }
        SessionAction::Add { at, minutes } => {
            config.schedule.add_one_off(at, minutes)?;
            save(&config)?;
            println!("Added a {minutes}-minute session at {}", at.to_rfc3339());
        }
        SessionAction::Cancel { date } => {
            config.schedule.cancel(date)?;
            save(&config)?;
            println!("Cancelled the session on {date}");
        }
        SessionAction::Show { now } => {
            let now = now.map(clock::in_user_tz).unwrap_or_else(clock::now);
            print_next(&config.schedule, now);
        }
        SessionAction::Review {
            now,
            discussed,
            carried,
            dropped,
            took_away,
            will_try,
        } => {
            let mut opened = open_all()?;
            let now = now.map(clock::in_user_tz).unwrap_or_else(clock::now);
            let session = config.schedule.to_review(now)
                .ok_or("no session has happened yet: set one with `between session every` or `session add`")?;
            let built = agenda_for(&opened, &config.schedule, &session);
            let mut outcomes = BTreeMap::new();
            for (ids, outcome) in [
                (&discussed, Outcome::Discussed),
                (&carried, Outcome::CarriedOver),
                (&dropped, Outcome::Dropped),
            ] {
                for id in ids {
                    outcomes.insert(resolve_id(&built, id)?, outcome);
                }
            }
            let review = Review {
                session_start: session.start.fixed_offset(),
                outcomes,
                took_away,
                will_try,
            };
            let archived = agenda::apply_review(
                &mut opened.entries,
                &mut opened.state,
                &built,
                &review,
                now.fixed_offset(),
            );
            opened
                .vault
                .save_entries(&opened.entries)
                .map_err(|e| e.to_string())?;
            agenda_record::save_state(&opened.vault, &opened.state).map_err(|e| e.to_string())?;
            agenda_record::archive(&opened.vault, &archived).map_err(|e| e.to_string())?;
            let count = |o: Outcome| archived.outcomes.values().filter(|v| **v == o).count();
            println!(
                "Reviewed the session of {}: {} discussed, {} carried over, {} dropped.",
                when::moment(&session.start, &now, time_style()),
                count(Outcome::Discussed),
                count(Outcome::CarriedOver),
                count(Outcome::Dropped)
            );
        }
        SessionAction::History { json } => {
            let opened = open_all()?;
            let (sessions, problems) =
                agenda_record::history(&opened.vault, &opened.keys).map_err(|e| e.to_string())?;
            for p in problems {
                eprintln!("between: {p}");
            }
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&sessions).map_err(|e| e.to_string())?
                );
            } else if sessions.is_empty() {
                println!("No reviewed sessions yet.");
            } else {
                for s in sessions {
                    println!(
                        "{}, {}  {} items",
                        when::date_with_year(s.start.date_naive()),
                        when::time(s.start.time(), time_style()),
                        s.items.len()
                    );
                    if !s.took_away.is_empty() {
                        println!("    took away: {}", s.took_away);
                    }
                    if !s.will_try.is_empty() {
                        println!("    will try: {}", s.will_try);
                    }
                }
            }
        }
    }
    Ok(())
}

/// The agenda as it stood when `session` began.
fn agenda_for(opened: &Opened, schedule: &Schedule, session: &Session) -> Agenda {
    agenda::build_agenda(
        &opened.entries,
        &opened.state,
        schedule,
        session.start - chrono::Duration::seconds(1),
    )
}

fn resolve_id(agenda: &Agenda, id: &str) -> Result<String, String> {
    let hits: Vec<&str> = agenda
        .items
        .iter()
        .map(|i| i.entry_id.as_str())
        .filter(|e| e.starts_with(id))
        .collect();
    match hits.as_slice() {
        [one] => Ok(one.to_string()),
        [] => Err(format!("no agenda item with id {id}")),
        _ => Err(format!(
            "several agenda items start with {id}; give more of the id"
        )),
    }
}

fn print_next(schedule: &Schedule, now: DateTime<chrono_tz::Tz>) {
    match schedule.next_after(now) {
        Some(session) => println!(
            "Next session: {} {} ({} minutes), {}",
            when::moment_long(&session.start, time_style()),
            session.start.format("%Z"),
            session.minutes,
            agenda::countdown(&session, now, time_style())
        ),
        None => println!("No session scheduled. Set one with `between session every tue 15:00`."),
    }
}
