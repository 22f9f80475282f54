//! Held messages ("maybe send during hours"): the queue as of `now`, and
//! what the user does with each one. Between never sends anything itself.

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;

use crate::domain::hours::{self, HeldMessage};
use crate::domain::model::{Bucket, Entry};
use crate::domain::triage::Engine;
use crate::store::config::Config;

/// What the user did with a held message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeldAction {
    /// They sent it themselves (counts toward the weekly limit).
    Sent,
    /// They re-read a night message after the decent hour.
    Reread,
    /// They keep it for the session instead.
    ToSession,
}

impl HeldAction {
    /// Past-tense words for the confirmation.
    pub fn done(self) -> &'static str {
        match self {
            HeldAction::Sent => "marked as sent",
            HeldAction::Reread => "marked as re-read",
            HeldAction::ToSession => "moved to the session",
        }
    }
}

/// The held messages with their status at `now`.
pub fn queue(entries: &[Entry], config: &Config, tz: Tz, now: DateTime<Tz>) -> Vec<HeldMessage> {
    hours::held_messages(
        entries,
        &config.agreement,
        tz,
        now,
        super::clock::time_style(),
        |e| Engine::builtin().is_session_material(&e.text),
    )
}

/// Applies `action` to `entry` at `now`; the caller saves it.
pub fn apply(entry: &mut Entry, action: HeldAction, now: DateTime<FixedOffset>) {
    match action {
        HeldAction::Sent => entry.sent_at = Some(now),
        HeldAction::Reread => entry.reread_at = Some(now),
        HeldAction::ToSession => entry.bucket = Bucket::Session,
    }
    entry.updated_at = now;
}
