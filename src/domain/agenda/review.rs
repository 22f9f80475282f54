//! Closing the loop after a session.
//!
//! - `Discussed`: `entry.discussed_at = now`, out of `carried`, prefs forgotten.
//! - `CarriedOver`: into `carried` (stays on every agenda until discussed or dropped).
//! - `Dropped`: `entry.off_agenda = true`, out of `carried`, prefs forgotten.
//! - An entry item of the agenda with **no** outcome in the review is carried over, so
//!   nothing the client brought is lost silently (the archive records it as carried).
//! - The homework item takes no entry changes; `will_try` (trimmed) becomes the new
//!   homework, or clears it when empty. Outcomes for entries not on the agenda (e.g.
//!   something raised during the session) are applied too when the entry exists.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::build::{Agenda, AgendaItem, AgendaState, HOMEWORK_ID};
use super::schedule::DEFAULT_SESSION_MINUTES;
use crate::domain::model::Entry;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Discussed,
    CarriedOver,
    Dropped,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Discussed => "discussed",
            Outcome::CarriedOver => "carried over",
            Outcome::Dropped => "dropped",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub session_start: DateTime<FixedOffset>,
    #[serde(default)]
    pub outcomes: BTreeMap<String, Outcome>,
    #[serde(default)]
    pub took_away: String,
    #[serde(default)]
    pub will_try: String,
}

/// A finished session with its plan and what happened; the vault seals it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchivedSession {
    pub start: DateTime<FixedOffset>,
    pub minutes: u32,
    pub items: Vec<AgendaItem>,
    /// The outcome applied to every entry item (homework excluded).
    pub outcomes: BTreeMap<String, Outcome>,
    pub took_away: String,
    pub will_try: String,
    /// The homework that was reviewed in this session, if any.
    #[serde(default)]
    pub homework_reviewed: Option<String>,
    pub reviewed_at: DateTime<FixedOffset>,
}

pub fn apply_review(
    entries: &mut [Entry],
    state: &mut AgendaState,
    agenda: &Agenda,
    review: &Review,
    now: DateTime<FixedOffset>,
) -> ArchivedSession {
    let mut effective: BTreeMap<String, Outcome> = BTreeMap::new();
    for item in &agenda.items {
        if item.entry_id == HOMEWORK_ID {
            continue;
        }
        let o = review
            .outcomes
            .get(&item.entry_id)
            .copied()
            .unwrap_or(Outcome::CarriedOver);
        effective.insert(item.entry_id.clone(), o);
    }
    for (id, o) in &review.outcomes {
        if id != HOMEWORK_ID && entries.iter().any(|e| &e.id == id) {
            effective.entry(id.clone()).or_insert(*o);
        }
    }

    for (id, o) in &effective {
        let entry = entries.iter_mut().find(|e| &e.id == id);
        match o {
            Outcome::Discussed => {
                if let Some(e) = entry {
                    e.discussed_at = Some(now);
                    e.updated_at = now;
                }
                state.carried.remove(id);
                state.prefs.remove(id);
            }
            Outcome::CarriedOver => {
                state.carried.insert(id.clone());
            }
            Outcome::Dropped => {
                if let Some(e) = entry {
                    e.off_agenda = true;
                    e.updated_at = now;
                }
                state.carried.remove(id);
                state.prefs.remove(id);
            }
        }
    }

    let homework_reviewed = if agenda.items.iter().any(|i| i.entry_id == HOMEWORK_ID) {
        state.homework.clone()
    } else {
        None
    };
    let will_try = review.will_try.trim().to_string();
    state.homework = if will_try.is_empty() {
        None
    } else {
        Some(will_try.clone())
    };
    state.prefs.remove(HOMEWORK_ID);

    ArchivedSession {
        start: review.session_start,
        minutes: agenda
            .session
            .as_ref()
            .map(|s| s.minutes)
            .unwrap_or(DEFAULT_SESSION_MINUTES),
        items: agenda.items.clone(),
        outcomes: effective,
        took_away: review.took_away.trim().to_string(),
        will_try,
        homework_reviewed,
        reviewed_at: now,
    }
}
