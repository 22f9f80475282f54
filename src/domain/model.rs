//! Small shared vocabulary: buckets, crisis levels and the entry record.
//! Pure data, no I/O, so every domain module and both shells can use it.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Where an entry belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    /// Bring to session: therapy work, feelings, rants. The default.
    #[default]
    Session,
    /// Maybe send during the therapist's hours: brief logistics.
    Hours,
    /// Needs a crisis line, not a text.
    Crisis,
}

impl Bucket {
    pub const ALL: [Bucket; 3] = [Bucket::Session, Bucket::Hours, Bucket::Crisis];

    pub fn as_str(self) -> &'static str {
        match self {
            Bucket::Session => "session",
            Bucket::Hours => "hours",
            Bucket::Crisis => "crisis",
        }
    }

    /// Words a person reads in the app.
    pub fn label(self) -> &'static str {
        match self {
            Bucket::Session => "Bring to session",
            Bucket::Hours => "Maybe send during hours",
            Bucket::Crisis => "Needs crisis line",
        }
    }
}

impl std::str::FromStr for Bucket {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "session" => Ok(Bucket::Session),
            "hours" => Ok(Bucket::Hours),
            "crisis" => Ok(Bucket::Crisis),
            other => Err(format!(
                "unknown bucket '{other}': use session, hours or crisis"
            )),
        }
    }
}

impl std::fmt::Display for Bucket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How urgent a crisis signal is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum CrisisLevel {
    #[default]
    None,
    /// Ideation, hopelessness, self-harm urges: call 988 or the therapist by phone.
    Elevated,
    /// A plan, means at hand, an act in progress, goodbyes: 911 or 988 now.
    Imminent,
}

impl CrisisLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            CrisisLevel::None => "none",
            CrisisLevel::Elevated => "elevated",
            CrisisLevel::Imminent => "imminent",
        }
    }
}

/// Unique id of an entry (a UUID string). It is sealed inside the payload too.
pub type EntryId = String;

/// One journal entry. Everything here is sealed; nothing of it is stored in clear.
/// `Debug` leaves the text and reasons out, so a log or panic cannot quote them.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: EntryId,
    /// When it was written, with the writer's local offset (the night rule needs it).
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    pub text: String,
    /// The user's final choice.
    pub bucket: Bucket,
    /// What triage suggested, kept so overrides can be reviewed.
    #[serde(default)]
    pub suggested: Bucket,
    #[serde(default)]
    pub crisis_level: CrisisLevel,
    /// Human-readable reasons from triage.
    #[serde(default)]
    pub reasons: Vec<String>,
    /// An autosaved draft, not yet a journal entry.
    #[serde(default)]
    pub draft: bool,
    /// For `hours` entries: when the user marked it sent.
    #[serde(default)]
    pub sent_at: Option<DateTime<FixedOffset>>,
    /// For night messages: when the user marked it re-read.
    #[serde(default)]
    pub reread_at: Option<DateTime<FixedOffset>>,
    /// When it was discussed in a session (closes it on the agenda).
    #[serde(default)]
    pub discussed_at: Option<DateTime<FixedOffset>>,
    /// Removed from the agenda by the user (e.g. a crisis entry).
    #[serde(default)]
    pub off_agenda: bool,
    /// Starred by the user (`between star ID`, or a jrnl star on import).
    #[serde(default)]
    pub starred: bool,
    /// The answer to the check-in question, when the composer asked it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_in: Option<CheckInAnswer>,
}

/// The answer to "Are you having thoughts of ending your life or hurting
/// yourself?", asked when an entry is worrying but not clearly a crisis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckInAnswer {
    Yes,
    NotRightNow,
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("id", &self.id)
            .field("created_at", &self.created_at)
            .field("bucket", &self.bucket)
            .field("draft", &self.draft)
            .field(
                "text",
                &format_args!("<{} bytes, redacted>", self.text.len()),
            )
            .finish_non_exhaustive()
    }
}

impl Entry {
    /// A new entry with the given text and bucket; the suggestion starts equal to it.
    pub fn new(text: impl Into<String>, bucket: Bucket, now: DateTime<FixedOffset>) -> Self {
        Entry {
            id: uuid::Uuid::new_v4().to_string(),
            created_at: now,
            updated_at: now,
            text: text.into(),
            bucket,
            suggested: bucket,
            crisis_level: CrisisLevel::None,
            reasons: Vec::new(),
            draft: false,
            sent_at: None,
            reread_at: None,
            discussed_at: None,
            off_agenda: false,
            starred: false,
            check_in: None,
        }
    }

    /// The first non-empty line, trimmed, for lists and agenda titles.
    pub fn first_line(&self) -> &str {
        self.text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }
}

/// What the client and therapist agreed texting is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TextingPurpose {
    /// Scheduling, running late, billing: the default.
    #[default]
    LogisticsOnly,
    /// Logistics plus brief check-ins ("are you still there?").
    LogisticsAndCheckIns,
    /// Logistics plus the agreed topics listed in `TextingScope::topics`.
    Agreed,
}

/// The part of the texting agreement that triage needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TextingScope {
    #[serde(default)]
    pub purpose: TextingPurpose,
    /// Free-text topics the two agreed on (used when purpose is `Agreed`).
    #[serde(default)]
    pub topics: Vec<String>,
}
