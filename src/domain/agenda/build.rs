//! Gathering the agenda for the next session, ordering it and drawing the fit line.
//!
//! What is gathered (entries that are not drafts, not discussed, not `off_agenda`):
//! - created at or after the **start** of the previous (ended) session, or any time if
//!   there was none: every `session` entry, every unsent `hours` entry (marked held),
//!   every `crisis` entry (marked "talk about this in session too");
//! - whatever is in `AgendaState::carried`, regardless of age (marked carried over);
//! - a homework review item when `AgendaState::homework` is set (id [`HOMEWORK_ID`]).
//!
//! Order (Beck's CBT agenda setting): urgent (crisis) first, then the homework review,
//! then pinned items, then the rest. Inside each group: explicit rank (set by
//! move up/down) first, ascending; then priority (1 is the most important; none last);
//! then oldest first; then entry id, so the order is total and deterministic.
//!
//! Removing an item is done on the entry itself (`Entry::off_agenda = true`, see
//! [`AgendaState::remove`]), so there is one source of truth for "not on the agenda".
//! After any state change, call [`build_agenda`] again; the agenda is a pure view.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::schedule::{Schedule, Session, DEFAULT_SESSION_MINUTES};
use crate::domain::model::{Bucket, Entry};

/// Id of the synthetic homework review item.
pub const HOMEWORK_ID: &str = "homework";
/// Minutes an item takes unless the user says otherwise.
pub const DEFAULT_ITEM_MINUTES: u32 = 10;
/// Titles longer than this are cut at a word boundary.
pub const TITLE_MAX_CHARS: usize = 80;

/// What the client wants from bringing this up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Want {
    Reassurance,
    Advice,
    ToBeHeard,
    ToDecide,
    ToLetYouKnow,
}

impl Want {
    pub const ALL: [Want; 5] = [
        Want::Reassurance,
        Want::Advice,
        Want::ToBeHeard,
        Want::ToDecide,
        Want::ToLetYouKnow,
    ];

    /// Words a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Want::Reassurance => "reassurance",
            Want::Advice => "advice",
            Want::ToBeHeard => "to be heard",
            Want::ToDecide => "to decide something",
            Want::ToLetYouKnow => "to let you know",
        }
    }
}

/// The user's edits to one agenda item. Kept apart from the entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ItemPrefs {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub want: Option<Want>,
    /// 1 is the most important. None sorts after any priority.
    #[serde(default)]
    pub priority: Option<u8>,
    #[serde(default)]
    pub minutes: Option<u32>,
    #[serde(default)]
    pub pinned: bool,
    /// Explicit position inside the item's group, set by move up/down.
    #[serde(default)]
    pub rank: Option<i64>,
}

impl ItemPrefs {
    fn is_default(&self) -> bool {
        *self == ItemPrefs::default()
    }
}

fn five() -> u32 {
    5
}

/// Per-item agenda state, stored sealed by the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaState {
    #[serde(default)]
    pub prefs: BTreeMap<String, ItemPrefs>,
    /// Entries carried over from an earlier session; they stay until discussed or dropped.
    #[serde(default)]
    pub carried: BTreeSet<String>,
    /// "What I'll try before next time" from the last review.
    #[serde(default)]
    pub homework: Option<String>,
    #[serde(default = "five")]
    pub checkin_minutes: u32,
    #[serde(default = "five")]
    pub wrapup_minutes: u32,
}

impl Default for AgendaState {
    fn default() -> Self {
        AgendaState {
            prefs: BTreeMap::new(),
            carried: BTreeSet::new(),
            homework: None,
            checkin_minutes: 5,
            wrapup_minutes: 5,
        }
    }
}

/// Which group an item sorts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A crisis entry: first, "talk about this in session too".
    Urgent,
    /// Review of what the client tried since last time.
    Homework,
    /// Everything else (pinned or not).
    Ranked,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub entry_id: String,
    pub title: String,
    pub bucket: Bucket,
    pub kind: ItemKind,
    /// An `hours` message never sent.
    pub held: bool,
    pub carried_over: bool,
    pub want: Option<Want>,
    pub minutes: u32,
    pub pinned: bool,
    /// Above the fit line.
    pub first: bool,
    pub created_at: DateTime<FixedOffset>,
}

impl AgendaItem {
    /// Short markers a person reads, in a fixed order.
    pub fn markers(&self) -> Vec<&'static str> {
        let mut m = Vec::new();
        if self.kind == ItemKind::Urgent {
            m.push("talk about this in session too");
        }
        if self.kind == ItemKind::Homework {
            m.push("homework");
        }
        if self.held {
            m.push("held");
        }
        if self.carried_over {
            m.push("carried over");
        }
        if self.pinned {
            m.push("pinned");
        }
        m
    }

    fn group(&self) -> u8 {
        match self.kind {
            ItemKind::Urgent => 0,
            ItemKind::Homework => 1,
            ItemKind::Ranked if self.pinned => 2,
            ItemKind::Ranked => 3,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    /// The next session (or the one in progress); None when nothing is scheduled.
    pub session: Option<Session>,
    pub items: Vec<AgendaItem>,
    /// Session minutes less check-in and wrap-up. With no session scheduled, a
    /// default 50-minute session is assumed so the fit line still means something.
    pub available_minutes: u32,
    /// Minutes taken by the items above the fit line.
    pub first_minutes: u32,
    pub checkin_minutes: u32,
    pub wrapup_minutes: u32,
}

impl Agenda {
    pub fn item(&self, entry_id: &str) -> Option<&AgendaItem> {
        self.items.iter().find(|i| i.entry_id == entry_id)
    }
}

/// First line of `text`, cut to about [`TITLE_MAX_CHARS`] characters at a word boundary.
pub fn title_from(first_line: &str) -> String {
    let line = first_line.trim();
    if line.is_empty() {
        return "Untitled entry".to_string();
    }
    if line.chars().count() <= TITLE_MAX_CHARS {
        return line.to_string();
    }
    let cut: String = line.chars().take(TITLE_MAX_CHARS).collect();
    // The next char after the cut: if it is whitespace, the cut is already at a boundary.
    let next = line.chars().nth(TITLE_MAX_CHARS);
    let body = if next.is_some_and(char::is_whitespace) {
        cut.trim_end().to_string()
    } else {
        match cut.rfind(char::is_whitespace) {
            // Keep at least half the room; one giant word is cut mid-word instead.
            Some(i) if cut[..i].chars().count() >= TITLE_MAX_CHARS / 2 => {
                cut[..i].trim_end().to_string()
            }
            _ => cut.trim_end().to_string(),
        }
    };
    let body = body.trim_end_matches([',', ';', ':', '-', '.', ' ']);
    format!("{body}…")
}

fn homework_title(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let t = title_from(line);
    format!("How it went: {t}")
}

fn open(e: &Entry) -> bool {
    !e.draft && e.discussed_at.is_none() && !e.off_agenda
}

/// Is this entry gathered by its bucket (ignoring age)?
fn wanted_by_bucket(e: &Entry) -> bool {
    match e.bucket {
        Bucket::Session | Bucket::Crisis => true,
        Bucket::Hours => e.sent_at.is_none(),
    }
}

fn cmp_in_group(a: &AgendaItem, b: &AgendaItem, state: &AgendaState) -> Ordering {
    let pa = state.prefs.get(&a.entry_id);
    let pb = state.prefs.get(&b.entry_id);
    let rank = |p: Option<&ItemPrefs>| p.and_then(|p| p.rank);
    let prio = |p: Option<&ItemPrefs>| p.and_then(|p| p.priority);
    // Some(rank) before None, ascending.
    let by_rank = match (rank(pa), rank(pb)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    let by_prio = match (prio(pa), prio(pb)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    by_rank
        .then(by_prio)
        .then(a.created_at.cmp(&b.created_at))
        .then(a.entry_id.cmp(&b.entry_id))
}

fn sort_items(items: &mut [AgendaItem], state: &AgendaState) {
    items.sort_by(|a, b| {
        a.group()
            .cmp(&b.group())
            .then_with(|| cmp_in_group(a, b, state))
    });
}

/// Mark the items that fit; return the minutes they take.
fn draw_fit_line(items: &mut [AgendaItem], available: u32) -> u32 {
    let mut used = 0u32;
    let mut fits = true;
    for it in items.iter_mut() {
        if fits && used.saturating_add(it.minutes) <= available {
            used += it.minutes;
            it.first = true;
        } else {
            fits = false;
            it.first = false;
        }
    }
    used
}

/// Build the agenda for the next session (or the one in progress) at `now`.
pub fn build_agenda(
    entries: &[Entry],
    state: &AgendaState,
    schedule: &Schedule,
    now: DateTime<Tz>,
) -> Agenda {
    let session = schedule.next_after(now);
    let previous = schedule.previous_before(now);
    let cutoff = previous.as_ref().map(|p| p.start.fixed_offset());

    let mut items: Vec<AgendaItem> = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for e in entries {
        if !open(e) || !seen.insert(e.id.as_str()) {
            continue;
        }
        let carried = state.carried.contains(&e.id);
        let recent = cutoff.is_none_or(|c| e.created_at >= c);
        if !(carried || (recent && wanted_by_bucket(e))) {
            continue;
        }
        let prefs = state.prefs.get(&e.id);
        let kind = if e.bucket == Bucket::Crisis {
            ItemKind::Urgent
        } else {
            ItemKind::Ranked
        };
        items.push(AgendaItem {
            entry_id: e.id.clone(),
            title: prefs
                .and_then(|p| p.title.clone())
                .unwrap_or_else(|| title_from(e.first_line())),
            bucket: e.bucket,
            kind,
            held: e.bucket == Bucket::Hours && e.sent_at.is_none(),
            carried_over: carried,
            want: prefs.and_then(|p| p.want),
            minutes: prefs
                .and_then(|p| p.minutes)
                .unwrap_or(DEFAULT_ITEM_MINUTES),
            pinned: prefs.is_some_and(|p| p.pinned) && kind == ItemKind::Ranked,
            first: false,
            created_at: e.created_at,
        });
    }

    if let Some(hw) = state.homework.as_deref().filter(|h| !h.trim().is_empty()) {
        let prefs = state.prefs.get(HOMEWORK_ID);
        let created_at = previous
            .as_ref()
            .map(|p| p.start.fixed_offset())
            .unwrap_or_else(|| now.fixed_offset());
        items.push(AgendaItem {
            entry_id: HOMEWORK_ID.to_string(),
            title: prefs
                .and_then(|p| p.title.clone())
                .unwrap_or_else(|| homework_title(hw)),
            bucket: Bucket::Session,
            kind: ItemKind::Homework,
            held: false,
            carried_over: false,
            want: prefs.and_then(|p| p.want),
            minutes: prefs
                .and_then(|p| p.minutes)
                .unwrap_or(DEFAULT_ITEM_MINUTES),
            pinned: false,
            first: false,
            created_at,
        });
    }

    sort_items(&mut items, state);
    let session_minutes = session
        .as_ref()
        .map(|s| s.minutes)
        .unwrap_or(DEFAULT_SESSION_MINUTES);
    let available = session_minutes
        .saturating_sub(state.checkin_minutes)
        .saturating_sub(state.wrapup_minutes);
    let first_minutes = draw_fit_line(&mut items, available);
    Agenda {
        session,
        items,
        available_minutes: available,
        first_minutes,
        checkin_minutes: state.checkin_minutes,
        wrapup_minutes: state.wrapup_minutes,
    }
}

impl AgendaState {
    fn prefs_mut(&mut self, entry_id: &str) -> &mut ItemPrefs {
        self.prefs.entry(entry_id.to_string()).or_default()
    }

    fn tidy(&mut self, entry_id: &str) {
        if self.prefs.get(entry_id).is_some_and(ItemPrefs::is_default) {
            self.prefs.remove(entry_id);
        }
    }

    /// Swap `entry_id` with its neighbour inside its group (`delta` = -1 up, +1 down).
    /// The whole group gets explicit ranks in its current order first, so the move is
    /// exactly one step. Returns false when the item cannot move that way.
    fn shift(&mut self, agenda: &Agenda, entry_id: &str, delta: i64) -> bool {
        let Some(pos) = agenda.items.iter().position(|i| i.entry_id == entry_id) else {
            return false;
        };
        let group = agenda.items[pos].group();
        let members: Vec<&str> = agenda
            .items
            .iter()
            .filter(|i| i.group() == group)
            .map(|i| i.entry_id.as_str())
            .collect();
        if members.len() < 2 {
            return false;
        }
        let at = members.iter().position(|m| *m == entry_id).unwrap_or(0) as i64;
        let to = at + delta;
        if to < 0 || to >= members.len() as i64 {
            return false;
        }
        for (i, m) in members.iter().enumerate() {
            self.prefs_mut(m).rank = Some(i as i64);
        }
        self.prefs_mut(members[at as usize]).rank = Some(to);
        self.prefs_mut(members[to as usize]).rank = Some(at);
        true
    }

    /// Move an item one place up inside its group (urgent, homework, pinned, the rest).
    pub fn move_up(&mut self, agenda: &Agenda, entry_id: &str) -> bool {
        self.shift(agenda, entry_id, -1)
    }

    /// Move an item one place down inside its group.
    pub fn move_down(&mut self, agenda: &Agenda, entry_id: &str) -> bool {
        self.shift(agenda, entry_id, 1)
    }

    /// Pin or unpin an item; its explicit rank is cleared so it joins the end of the
    /// ranked part of its new group. Urgent and homework items cannot be pinned.
    /// Returns the new pinned state.
    pub fn toggle_pin(&mut self, agenda: &Agenda, entry_id: &str) -> bool {
        match agenda.item(entry_id) {
            Some(i) if i.kind == ItemKind::Ranked => {}
            _ => return false,
        }
        let p = self.prefs_mut(entry_id);
        p.pinned = !p.pinned;
        p.rank = None;
        let pinned = p.pinned;
        self.tidy(entry_id);
        pinned
    }

    /// Set the title shown on the agenda; an empty (or whitespace) title restores the
    /// entry's first line.
    pub fn set_title(&mut self, entry_id: &str, title: &str) {
        let t = title.trim();
        self.prefs_mut(entry_id).title = if t.is_empty() {
            None
        } else {
            Some(t.to_string())
        };
        self.tidy(entry_id);
    }

    pub fn set_want(&mut self, entry_id: &str, want: Option<Want>) {
        self.prefs_mut(entry_id).want = want;
        self.tidy(entry_id);
    }

    /// 1 is the most important; None clears it.
    pub fn set_priority(&mut self, entry_id: &str, priority: Option<u8>) {
        self.prefs_mut(entry_id).priority = priority;
        self.tidy(entry_id);
    }

    /// Minutes for an item, 1..=240; None restores the default (10).
    pub fn set_minutes(&mut self, entry_id: &str, minutes: Option<u32>) -> Result<(), String> {
        if let Some(m) = minutes {
            if !(1..=240).contains(&m) {
                return Err("minutes must be between 1 and 240".into());
            }
        }
        self.prefs_mut(entry_id).minutes = minutes;
        self.tidy(entry_id);
        Ok(())
    }

    /// Take an item off the agenda. For an entry this sets `off_agenda = true` on the
    /// entry (the caller saves it) and forgets its prefs and carried state; for the
    /// homework item it clears `homework`. Errors when the id is unknown.
    pub fn remove(&mut self, entries: &mut [Entry], entry_id: &str) -> Result<(), String> {
        if entry_id == HOMEWORK_ID {
            if self.homework.take().is_none() {
                return Err("there is no homework item".into());
            }
            self.prefs.remove(HOMEWORK_ID);
            return Ok(());
        }
        let e = entries
            .iter_mut()
            .find(|e| e.id == entry_id)
            .ok_or_else(|| format!("no entry with id {entry_id}"))?;
        e.off_agenda = true;
        self.prefs.remove(entry_id);
        self.carried.remove(entry_id);
        Ok(())
    }

    /// Put an entry back on the agenda after `remove` (clears `off_agenda`).
    pub fn restore(&mut self, entries: &mut [Entry], entry_id: &str) -> Result<(), String> {
        let e = entries
            .iter_mut()
            .find(|e| e.id == entry_id)
            .ok_or_else(|| format!("no entry with id {entry_id}"))?;
        e.off_agenda = false;
        Ok(())
    }
}
