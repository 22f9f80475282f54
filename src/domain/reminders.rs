//! Reminders: before a session, when a held message may be re-read, and a
//! weekly note that crisis help is one click away.
//!
//! Pure: the caller passes the current instant (`now`) and the inputs, and
//! persists [`ReminderState`]. Reminder texts carry times only, never any
//! entry text.
//!
//! A reminder is due when its `due_at <= now`, its key has not been fired and
//! it is still relevant: a before-session reminder until the session starts,
//! a held-message reminder until 12 hours after the message opens, the weekly
//! crisis reminder until the next week's. A reminder missed while the machine
//! was off fires once at the next check; of a series (the weekly reminder, or
//! the several reminders before one session) only the latest fires.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDateTime, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::when::{self, Clock};

/// How long a held-message reminder stays relevant after the message opens.
pub const HELD_RELEVANT_HOURS: i64 = 12;
/// Fired keys older than this are dropped by [`mark_fired`]; none of them can
/// be relevant any more.
pub const FIRED_RETENTION_DAYS: i64 = 35;
/// A before-session reminder that fires later than this says the real time
/// left instead of the configured lead time.
const LATE_GRACE_MINUTES: i64 = 5;

const KEY_TIME_FORMAT: &str = "%Y-%m-%dT%H:%M%:z";

pub const WEEKLY_CRISIS_BODY: &str =
    "Crisis help is always one click away in Between: the Crisis help button, or call or text 988.";

/// When to remind before a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BeforeSession {
    /// At a local wall-clock time on the day before the session.
    EveningBefore { at: NaiveTime },
    /// A number of minutes before the session starts.
    MinutesBefore(u32),
}

impl BeforeSession {
    fn key_suffix(self) -> String {
        match self {
            BeforeSession::EveningBefore { .. } => "evening".to_string(),
            BeforeSession::MinutesBefore(m) => format!("min{m}"),
        }
    }

    /// When this reminder is due for a session, in the session's own zone.
    fn due_for(self, session: &DateTime<Tz>) -> Option<DateTime<Tz>> {
        match self {
            BeforeSession::EveningBefore { at } => {
                let day = session.date_naive().pred_opt()?;
                resolve_local(&session.timezone(), day.and_time(at))
            }
            BeforeSession::MinutesBefore(m) => Some(*session - Duration::minutes(i64::from(m))),
        }
    }
}

/// What to remind about, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReminderSettings {
    /// Default: the evening before at 19:00 local time, and one hour before.
    pub before_session: Vec<BeforeSession>,
    /// Remind when a held message may be re-read. Default on.
    pub held_messages: bool,
    /// A weekly reminder that crisis help is one click away. Default on.
    pub weekly_crisis: bool,
    /// Default: Sunday 18:00 local time.
    pub weekly_crisis_at: (Weekday, NaiveTime),
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            before_session: vec![
                BeforeSession::EveningBefore {
                    at: NaiveTime::from_hms_opt(19, 0, 0).expect("valid time"),
                },
                BeforeSession::MinutesBefore(60),
            ],
            held_messages: true,
            weekly_crisis: true,
            weekly_crisis_at: (
                Weekday::Sun,
                NaiveTime::from_hms_opt(18, 0, 0).expect("valid time"),
            ),
        }
    }
}

/// A held message, by id and opening time only: when it was written (often
/// at night) is not kept where reminders can read it without the passphrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldInput {
    pub entry_id: String,
    /// When it may be re-read and perhaps sent (always after it was written).
    pub opens_at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Inputs {
    /// Upcoming and recent session starts.
    pub sessions: Vec<DateTime<Tz>>,
    pub held: Vec<HeldInput>,
    /// How the texts write times (from the locale).
    pub clock: Clock,
}

/// What has fired already. Persist it between checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ReminderState {
    /// Keys of reminders already shown.
    pub fired: BTreeSet<String>,
    pub last_check: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    BeforeSession,
    HeldMessage,
    CrisisResources,
}

/// One reminder to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    /// Stable and unique, e.g. "session:2026-11-24T15:00-05:00:evening".
    pub key: String,
    pub kind: ReminderKind,
    pub title: String,
    pub body: String,
    pub due_at: DateTime<FixedOffset>,
}

/// The reminders to show now. Call [`mark_fired`] with the ones shown.
pub fn due(
    settings: &ReminderSettings,
    inputs: &Inputs,
    state: &ReminderState,
    now: DateTime<Tz>,
) -> Vec<Reminder> {
    let now_f = now.fixed_offset();
    let mut out: BTreeMap<String, Reminder> = BTreeMap::new();

    // Before sessions: of the reminders already due for one session, only the
    // latest counts; earlier ones it supersedes never fire late.
    for session in unique_sessions(&inputs.sessions) {
        let start = session.fixed_offset();
        if start <= now_f {
            continue;
        }
        let latest = settings
            .before_session
            .iter()
            .filter_map(|b| b.due_for(&session).map(|d| (d.fixed_offset(), *b)))
            .filter(|(d, _)| *d < start && *d <= now_f)
            .max_by_key(|(d, _)| *d);
        if let Some((due_at, which)) = latest {
            let key = session_key(&session, which);
            if !state.fired.contains(&key) {
                let (title, body) = session_texts(&session, which, due_at, &now, inputs.clock);
                out.insert(
                    key.clone(),
                    Reminder {
                        key,
                        kind: ReminderKind::BeforeSession,
                        title,
                        body,
                        due_at,
                    },
                );
            }
        }
    }

    if settings.held_messages {
        for held in &inputs.held {
            let due_at = held.opens_at;
            let until = due_at + Duration::hours(HELD_RELEVANT_HOURS);
            if due_at > now_f || now_f >= until {
                continue;
            }
            let key = held_key(held);
            if state.fired.contains(&key) {
                continue;
            }
            out.insert(
                key.clone(),
                Reminder {
                    key,
                    kind: ReminderKind::HeldMessage,
                    title: "Time to re-read a held message".to_string(),
                    body: held_body(held, inputs.clock),
                    due_at,
                },
            );
        }
    }

    if settings.weekly_crisis {
        if let Some(occurrence) = latest_weekly(settings.weekly_crisis_at, &now) {
            let key = weekly_key(&occurrence);
            if !state.fired.contains(&key) {
                out.insert(
                    key.clone(),
                    Reminder {
                        key,
                        kind: ReminderKind::CrisisResources,
                        title: "Crisis help in Between".to_string(),
                        body: WEEKLY_CRISIS_BODY.to_string(),
                        due_at: occurrence.fixed_offset(),
                    },
                );
            }
        }
    }

    let mut list: Vec<Reminder> = out.into_values().collect();
    list.sort_by(|a, b| a.due_at.cmp(&b.due_at).then_with(|| a.key.cmp(&b.key)));
    list
}

/// The next instant after `now` at which something may become due, so a
/// shell can sleep until then. `None` when nothing is scheduled.
pub fn next_wake(
    settings: &ReminderSettings,
    inputs: &Inputs,
    state: &ReminderState,
    now: DateTime<Tz>,
) -> Option<DateTime<FixedOffset>> {
    let now_f = now.fixed_offset();
    let mut times: Vec<DateTime<FixedOffset>> = Vec::new();
    for session in unique_sessions(&inputs.sessions) {
        let start = session.fixed_offset();
        for b in &settings.before_session {
            if let Some(d) = b.due_for(&session).map(|d| d.fixed_offset()) {
                if d > now_f && d < start && !state.fired.contains(&session_key(&session, *b)) {
                    times.push(d);
                }
            }
        }
    }
    if settings.held_messages {
        for held in &inputs.held {
            if held.opens_at > now_f && !state.fired.contains(&held_key(held)) {
                times.push(held.opens_at);
            }
        }
    }
    if settings.weekly_crisis {
        if let Some(next) = latest_weekly(settings.weekly_crisis_at, &(now + Duration::days(7))) {
            // The occurrence after `now`: the latest one within a week from now.
            if next.fixed_offset() > now_f {
                times.push(next.fixed_offset());
            }
        }
    }
    times.into_iter().min()
}

/// Records the reminders shown and the time of this check, and forgets keys
/// too old to matter.
pub fn mark_fired(state: &mut ReminderState, fired: &[Reminder], now: DateTime<Tz>) {
    for r in fired {
        state.fired.insert(r.key.clone());
    }
    let now_f = now.fixed_offset();
    let cutoff = now_f - Duration::days(FIRED_RETENTION_DAYS);
    state
        .fired
        .retain(|k| key_anchor(k).is_none_or(|t| t >= cutoff));
    state.last_check = Some(now_f);
}

// ---------------------------------------------------------------- helpers

fn unique_sessions(sessions: &[DateTime<Tz>]) -> Vec<DateTime<Tz>> {
    let mut seen = BTreeSet::new();
    sessions
        .iter()
        .filter(|s| seen.insert(s.timestamp()))
        .cloned()
        .collect()
}

/// A local wall time in `tz`, by the app's one rule (`wall_time`).
fn resolve_local(tz: &Tz, local: NaiveDateTime) -> Option<DateTime<Tz>> {
    Some(crate::domain::wall_time::resolve_earliest(*tz, local))
}

/// The latest occurrence of the weekly slot at or before `now`, in `now`'s zone.
fn latest_weekly(at: (Weekday, NaiveTime), now: &DateTime<Tz>) -> Option<DateTime<Tz>> {
    let tz = now.timezone();
    let today = now.date_naive();
    let back = (7 + today.weekday().num_days_from_monday() - at.0.num_days_from_monday()) % 7;
    let day = today - Duration::days(i64::from(back));
    let this = resolve_local(&tz, day.and_time(at.1))?;
    if this <= *now {
        Some(this)
    } else {
        resolve_local(&tz, (day - Duration::days(7)).and_time(at.1))
    }
}

fn session_key(session: &DateTime<Tz>, which: BeforeSession) -> String {
    format!(
        "session:{}:{}",
        session.fixed_offset().format(KEY_TIME_FORMAT),
        which.key_suffix()
    )
}

fn held_key(held: &HeldInput) -> String {
    format!(
        "held:{}:{}",
        held.entry_id,
        held.opens_at.format(KEY_TIME_FORMAT)
    )
}

fn weekly_key(occurrence: &DateTime<Tz>) -> String {
    format!(
        "crisis:weekly:{}",
        occurrence.date_naive().format("%Y-%m-%d")
    )
}

/// The instant a key is about, for pruning.
fn key_anchor(key: &str) -> Option<DateTime<FixedOffset>> {
    let parse = |s: &str| DateTime::parse_from_str(s, KEY_TIME_FORMAT).ok();
    if let Some(rest) = key.strip_prefix("session:") {
        // "<time>:<suffix>"; the time itself contains colons.
        let (ts, _) = rest.rsplit_once(':')?;
        parse(ts)
    } else if key.starts_with("held:") {
        let n = "2026-11-24T15:00-05:00".len();
        key.len()
            .checked_sub(n)
            .and_then(|i| key.get(i..))
            .and_then(parse)
    } else if let Some(date) = key.strip_prefix("crisis:weekly:") {
        let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
        Some(d.and_time(NaiveTime::MIN).and_utc().fixed_offset())
    } else {
        None
    }
}

fn span(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let unit = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (h, m) {
        (0, m) => unit(m, "minute", "minutes"),
        (h, 0) => unit(h, "hour", "hours"),
        (h, m) => format!(
            "{} {}",
            unit(h, "hour", "hours"),
            unit(m, "minute", "minutes")
        ),
    }
}

fn session_texts(
    session: &DateTime<Tz>,
    which: BeforeSession,
    due_at: DateTime<FixedOffset>,
    now: &DateTime<Tz>,
    style: Clock,
) -> (String, String) {
    let at = when::time(session.time(), style);
    let today = now.with_timezone(&session.timezone()).date_naive() == session.date_naive();
    match which {
        BeforeSession::EveningBefore { .. } => {
            let day = if today { "today" } else { "tomorrow" };
            (
                format!("Session {day} at {at}"),
                format!("Review your agenda for {day}'s session."),
            )
        }
        BeforeSession::MinutesBefore(m) => {
            let late = now.fixed_offset() - due_at > Duration::minutes(LATE_GRACE_MINUTES);
            let left = if late {
                let secs = (*session - *now).num_seconds().max(0);
                (secs + 59) / 60
            } else {
                i64::from(m)
            };
            (
                format!("Session at {at}"),
                format!("Your session is in {}: review your agenda.", span(left)),
            )
        }
    }
}

fn held_body(held: &HeldInput, style: Clock) -> String {
    let opens = when::time(held.opens_at.time(), style);
    format!("It's after {opens}. Re-read the message you held before sending.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Bucket, Entry};
    use chrono::TimeZone;
    use chrono_tz::America::New_York;

    fn ny(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Tz> {
        New_York
            .with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .unwrap()
    }

    fn fixed(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn sessions(s: &[DateTime<Tz>]) -> Inputs {
        Inputs {
            sessions: s.to_vec(),
            held: vec![],
            clock: Clock::H12,
        }
    }

    fn only_sessions() -> ReminderSettings {
        ReminderSettings {
            weekly_crisis: false,
            held_messages: false,
            ..Default::default()
        }
    }

    fn keys(r: &[Reminder]) -> Vec<&str> {
        r.iter().map(|r| r.key.as_str()).collect()
    }

    #[test]
    fn defaults() {
        let s = ReminderSettings::default();
        assert_eq!(s.before_session.len(), 2);
        assert!(s.held_messages && s.weekly_crisis);
        assert_eq!(s.weekly_crisis_at.0, Weekday::Sun);
        assert_eq!(
            s.weekly_crisis_at.1,
            NaiveTime::from_hms_opt(18, 0, 0).unwrap()
        );
        let t = toml::to_string(&s).unwrap();
        assert_eq!(toml::from_str::<ReminderSettings>(&t).unwrap(), s);
        let j = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<ReminderSettings>(&j).unwrap(), s);
        assert_eq!(toml::from_str::<ReminderSettings>("").unwrap(), s);
        let st = ReminderState::default();
        let j = serde_json::to_string(&st).unwrap();
        assert_eq!(serde_json::from_str::<ReminderState>(&j).unwrap(), st);
    }

    #[test]
    fn evening_before_in_local_wall_time_after_dst_ends() {
        // DST ends Sunday 2026-11-01 at 2:00 in New York; the session is Monday.
        let session = ny(2026, 11, 2, 15, 0);
        let inputs = sessions(&[session]);
        let settings = only_sessions();
        let state = ReminderState::default();

        // 18:59 Sunday: not yet.
        assert!(due(&settings, &inputs, &state, ny(2026, 11, 1, 18, 59)).is_empty());
        // 19:00 Sunday, EST.
        let r = due(&settings, &inputs, &state, ny(2026, 11, 1, 19, 0));
        assert_eq!(keys(&r), ["session:2026-11-02T15:00-05:00:evening"]);
        assert_eq!(r[0].due_at, fixed("2026-11-01T19:00:00-05:00"));
        assert_eq!(r[0].kind, ReminderKind::BeforeSession);
        assert_eq!(r[0].body, "Review your agenda for tomorrow's session.");
        assert_eq!(r[0].title, "Session tomorrow at 3:00 PM");
    }

    #[test]
    fn evening_before_across_the_change_uses_the_earlier_offset() {
        // Session Sunday 2026-11-01 10:00 EST; the evening before is Saturday
        // 19:00 EDT (-04:00), 23:00 UTC, not 24 hours before the session.
        let session = ny(2026, 11, 1, 10, 0);
        let inputs = sessions(&[session]);
        let r = due(
            &only_sessions(),
            &inputs,
            &ReminderState::default(),
            ny(2026, 10, 31, 19, 0),
        );
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].due_at, fixed("2026-10-31T19:00:00-04:00"));
        assert_eq!(r[0].key, "session:2026-11-01T10:00-05:00:evening");

        // Spring: session Sunday 2026-03-08 10:00 EDT; evening before Saturday 19:00 EST.
        let spring = ny(2026, 3, 8, 10, 0);
        let r = due(
            &only_sessions(),
            &sessions(&[spring]),
            &ReminderState::default(),
            ny(2026, 3, 7, 19, 0),
        );
        assert_eq!(r[0].due_at, fixed("2026-03-07T19:00:00-05:00"));
    }

    #[test]
    fn wall_time_in_the_spring_gap_moves_to_after_the_gap() {
        let d = resolve_local(
            &New_York,
            chrono::NaiveDate::from_ymd_opt(2026, 3, 8)
                .unwrap()
                .and_hms_opt(2, 30, 0)
                .unwrap(),
        )
        .unwrap();
        assert_eq!(d.fixed_offset(), fixed("2026-03-08T03:00:00-04:00"));
    }

    #[test]
    fn hour_before_and_not_before_due() {
        let session = ny(2026, 11, 24, 15, 0);
        let inputs = sessions(&[session]);
        let settings = only_sessions();
        let mut state = ReminderState::default();
        let r = due(&settings, &inputs, &state, ny(2026, 11, 23, 19, 0));
        assert_eq!(keys(&r), ["session:2026-11-24T15:00-05:00:evening"]);
        mark_fired(&mut state, &r, ny(2026, 11, 23, 19, 0));

        assert!(due(&settings, &inputs, &state, ny(2026, 11, 24, 13, 59)).is_empty());
        let r = due(&settings, &inputs, &state, ny(2026, 11, 24, 14, 0));
        assert_eq!(keys(&r), ["session:2026-11-24T15:00-05:00:min60"]);
        assert_eq!(r[0].body, "Your session is in 1 hour: review your agenda.");
        assert_eq!(r[0].due_at, fixed("2026-11-24T14:00:00-05:00"));
    }

    #[test]
    fn no_duplicates_after_mark_fired() {
        let session = ny(2026, 11, 24, 15, 0);
        let inputs = Inputs {
            sessions: vec![
                session,
                session,
                session
                    .with_timezone(&chrono_tz::UTC)
                    .with_timezone(&New_York),
            ],
            held: vec![],
            clock: Clock::H12,
        };
        let settings = only_sessions();
        let mut state = ReminderState::default();
        let now = ny(2026, 11, 23, 20, 0);
        let r = due(&settings, &inputs, &state, now);
        assert_eq!(r.len(), 1);
        mark_fired(&mut state, &r, now);
        assert_eq!(state.last_check, Some(now.fixed_offset()));
        for h in [20, 21, 23] {
            assert!(due(&settings, &inputs, &state, ny(2026, 11, 23, h, 30)).is_empty());
        }
        // Checking twice without marking returns the same key once each time.
        let s2 = ReminderState::default();
        assert_eq!(
            due(&settings, &inputs, &s2, now),
            due(&settings, &inputs, &s2, now)
        );
    }

    #[test]
    fn irrelevant_after_the_session_starts() {
        let session = ny(2026, 11, 24, 15, 0);
        let inputs = sessions(&[session]);
        let state = ReminderState::default();
        assert!(due(&only_sessions(), &inputs, &state, ny(2026, 11, 24, 15, 0)).is_empty());
        assert!(due(&only_sessions(), &inputs, &state, ny(2026, 11, 25, 9, 0)).is_empty());
    }

    #[test]
    fn missed_session_reminders_fire_once_latest_only() {
        // Machine off from the evening before until 30 minutes before the session.
        let session = ny(2026, 11, 24, 15, 0);
        let inputs = sessions(&[session]);
        let settings = only_sessions();
        let mut state = ReminderState::default();
        let now = ny(2026, 11, 24, 14, 30);
        let r = due(&settings, &inputs, &state, now);
        assert_eq!(keys(&r), ["session:2026-11-24T15:00-05:00:min60"]);
        assert_eq!(
            r[0].body,
            "Your session is in 30 minutes: review your agenda."
        );
        mark_fired(&mut state, &r, now);
        assert!(due(&settings, &inputs, &state, ny(2026, 11, 24, 14, 45)).is_empty());

        // Missed the evening before but back in the morning: "today's session".
        let r = due(
            &settings,
            &inputs,
            &ReminderState::default(),
            ny(2026, 11, 24, 8, 0),
        );
        assert_eq!(r[0].body, "Review your agenda for today's session.");
        assert_eq!(r[0].title, "Session today at 3:00 PM");
    }

    #[test]
    fn weekly_missed_for_three_weeks_fires_once() {
        let settings = ReminderSettings {
            before_session: vec![],
            held_messages: false,
            ..Default::default()
        };
        let inputs = Inputs::default();
        let mut state = ReminderState::default();
        // Sunday 2026-11-01 18:00 fired.
        let first = due(&settings, &inputs, &state, ny(2026, 11, 1, 18, 0));
        assert_eq!(keys(&first), ["crisis:weekly:2026-11-01"]);
        assert_eq!(first[0].body, WEEKLY_CRISIS_BODY);
        assert_eq!(first[0].kind, ReminderKind::CrisisResources);
        mark_fired(&mut state, &first, ny(2026, 11, 1, 18, 0));
        assert!(due(&settings, &inputs, &state, ny(2026, 11, 8, 17, 59)).is_empty());

        // Off for three weeks: back on Tuesday 2026-11-24.
        let now = ny(2026, 11, 24, 9, 0);
        let r = due(&settings, &inputs, &state, now);
        assert_eq!(keys(&r), ["crisis:weekly:2026-11-22"]);
        assert_eq!(r[0].due_at, fixed("2026-11-22T18:00:00-05:00"));
        mark_fired(&mut state, &r, now);
        assert!(due(&settings, &inputs, &state, ny(2026, 11, 29, 17, 59)).is_empty());
        assert_eq!(
            keys(&due(&settings, &inputs, &state, ny(2026, 11, 29, 18, 0))),
            ["crisis:weekly:2026-11-29"]
        );

        let off = ReminderSettings {
            weekly_crisis: false,
            ..settings
        };
        assert!(due(&off, &inputs, &ReminderState::default(), now).is_empty());
    }

    #[test]
    fn held_message_texts_have_times_only() {
        let written = fixed("2026-11-24T03:40:00-05:00");
        let entry = Entry::new(
            "I can't stop thinking about what she said SECRETWORD",
            Bucket::Hours,
            written,
        );
        let held = HeldInput {
            entry_id: entry.id.clone(),
            opens_at: fixed("2026-11-24T08:00:00-05:00"),
        };
        let inputs = Inputs {
            sessions: vec![],
            held: vec![held.clone()],
            clock: Clock::H12,
        };
        let settings = ReminderSettings {
            weekly_crisis: false,
            ..Default::default()
        };
        let mut state = ReminderState::default();
        assert!(due(&settings, &inputs, &state, ny(2026, 11, 24, 7, 59)).is_empty());
        let now = ny(2026, 11, 24, 8, 5);
        let r = due(&settings, &inputs, &state, now);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].kind, ReminderKind::HeldMessage);
        assert_eq!(
            r[0].body,
            "It's after 8:00 AM. Re-read the message you held before sending."
        );
        let json = serde_json::to_string(&r[0]).unwrap();
        assert!(json.contains("\"kind\":\"held_message\""));
        for word in entry.text.split_whitespace() {
            if word.len() > 3 {
                assert!(
                    !r[0].title.contains(word) && !r[0].body.contains(word),
                    "{word}"
                );
            }
        }
        assert!(!r[0].title.contains(&entry.id) && !r[0].body.contains(&entry.id));
        assert!(!json.contains("SECRETWORD"));

        mark_fired(&mut state, &r, now);
        assert!(due(&settings, &inputs, &state, ny(2026, 11, 24, 9, 0)).is_empty());
        // Missed entirely: relevant until 12 hours after opening.
        let fresh = ReminderState::default();
        assert_eq!(
            due(&settings, &inputs, &fresh, ny(2026, 11, 24, 19, 59)).len(),
            1
        );
        assert!(due(&settings, &inputs, &fresh, ny(2026, 11, 24, 20, 0)).is_empty());
        let off = ReminderSettings {
            held_messages: false,
            ..settings
        };
        assert!(due(&off, &inputs, &fresh, now).is_empty());
    }

    #[test]
    fn held_message_text_names_the_opening_time_only() {
        let held = HeldInput {
            entry_id: "x".into(),
            opens_at: fixed("2026-11-24T14:00:00-05:00"),
        };
        assert_eq!(
            held_body(&held, Clock::H12),
            "It's after 2:00 PM. Re-read the message you held before sending."
        );
    }

    #[test]
    fn mixed_results_are_sorted_and_next_wake() {
        let settings = ReminderSettings::default();
        let session = ny(2026, 11, 24, 15, 0);
        let inputs = Inputs {
            sessions: vec![session],
            held: vec![HeldInput {
                entry_id: "e1".into(),
                opens_at: fixed("2026-11-24T08:00:00-05:00"),
            }],
            clock: Clock::H12,
        };
        let mut state = ReminderState::default();
        let now = ny(2026, 11, 24, 8, 30);
        let r = due(&settings, &inputs, &state, now);
        assert_eq!(
            keys(&r),
            [
                "crisis:weekly:2026-11-22",
                "session:2026-11-24T15:00-05:00:evening",
                "held:e1:2026-11-24T08:00-05:00",
            ]
        );
        mark_fired(&mut state, &r, now);
        assert!(due(&settings, &inputs, &state, now).is_empty());
        assert_eq!(
            next_wake(&settings, &inputs, &state, now),
            Some(fixed("2026-11-24T14:00:00-05:00"))
        );
        let later = ny(2026, 11, 24, 16, 0);
        assert_eq!(
            next_wake(&settings, &inputs, &state, later),
            Some(fixed("2026-11-29T18:00:00-05:00"))
        );
    }

    #[test]
    fn old_keys_are_pruned() {
        let mut state = ReminderState::default();
        state
            .fired
            .insert("session:2026-09-01T15:00-04:00:evening".into());
        state.fired.insert("held:abc:2026-09-01T08:00-04:00".into());
        state.fired.insert("crisis:weekly:2026-09-06".into());
        state
            .fired
            .insert("session:2026-11-20T15:00-05:00:min60".into());
        state.fired.insert("crisis:weekly:2026-11-22".into());
        state.fired.insert("something-else".into());
        mark_fired(&mut state, &[], ny(2026, 11, 24, 9, 0));
        assert_eq!(
            state.fired.iter().map(String::as_str).collect::<Vec<_>>(),
            [
                "crisis:weekly:2026-11-22",
                "session:2026-11-20T15:00-05:00:min60",
                "something-else"
            ]
        );
    }

    #[test]
    fn spans() {
        assert_eq!(span(1), "1 minute");
        assert_eq!(span(60), "1 hour");
        assert_eq!(span(90), "1 hour 30 minutes");
        assert_eq!(span(120), "2 hours");
    }
}
