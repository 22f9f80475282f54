//! The texting agreement's free text — the therapist's name, how to reach
//! them for something urgent, the agreed topics and vacation notes — sealed
//! in the vault instead of `config.toml`, where anyone who can read the data
//! folder would see it. `config.toml` keeps what works without the
//! passphrase: times, zones, limits and vacation dates.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::domain::hours::Agreement;
use crate::store::vault::{Keys, Vault, VaultError};

const KIND: &str = "private_settings";
const ID: &str = "current";

/// The settings keys whose values live sealed (`vacation.add` only when it
/// carries a note).
pub const SEALED_KEYS: [&str; 4] = [
    "therapist.name",
    "texting.urgent_channel",
    "texting.topics",
    "vacation.list",
];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrivateSettings {
    pub therapist_name: String,
    pub urgent_channel: String,
    pub topics: Vec<String>,
    pub vacation_notes: Vec<VacationNote>,
}

/// A note, tied to the vacation dates it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VacationNote {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub note: String,
}

impl PrivateSettings {
    /// The free text of `agreement`.
    pub fn of(agreement: &Agreement) -> PrivateSettings {
        PrivateSettings {
            therapist_name: agreement.therapist_name.clone(),
            urgent_channel: agreement.urgent_channel.clone(),
            topics: agreement.texting.topics.clone(),
            vacation_notes: agreement
                .vacations
                .iter()
                .filter(|v| !v.note.is_empty())
                .map(|v| VacationNote {
                    start: v.start,
                    end: v.end,
                    note: v.note.clone(),
                })
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == PrivateSettings::default()
    }

    /// Puts the free text into `agreement` (notes go to the vacations with
    /// the same dates; a note whose vacation was removed is dropped).
    pub fn apply_to(&self, agreement: &mut Agreement) {
        agreement.therapist_name = self.therapist_name.clone();
        agreement.urgent_channel = self.urgent_channel.clone();
        agreement.texting.topics = self.topics.clone();
        for vacation in &mut agreement.vacations {
            if let Some(n) = self
                .vacation_notes
                .iter()
                .find(|n| n.start == vacation.start && n.end == vacation.end)
            {
                vacation.note = n.note.clone();
            }
        }
    }

    /// Clears the free text from `agreement` (before it is written in clear,
    /// and on lock).
    pub fn strip(agreement: &mut Agreement) {
        agreement.therapist_name.zeroize();
        agreement.urgent_channel.zeroize();
        agreement
            .texting
            .topics
            .iter_mut()
            .for_each(|t| t.zeroize());
        agreement.texting.topics.clear();
        for vacation in &mut agreement.vacations {
            vacation.note.zeroize();
        }
    }
}

/// The sealed free text (empty if never saved, or if the history does not
/// vouch for the record).
pub fn load(vault: &Vault, keys: &Keys) -> Result<PrivateSettings, VaultError> {
    Ok(vault.get_record(keys, KIND, ID)?.unwrap_or_default())
}

/// Seals the free text. Needs no passphrase (sealed to the public key).
pub fn save(vault: &Vault, private: &PrivateSettings) -> Result<(), VaultError> {
    vault.put_record(KIND, ID, private)
}
