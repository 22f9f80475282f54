//! The everyday journal from the command line: read one entry, edit it,
//! star it, delete it, list by date and tag. Each call works on one unlocked
//! snapshot of the vault ([`Journal`]).

use age::secrecy::SecretString;
use chrono::{DateTime, FixedOffset};

use crate::app::AppError;
use crate::domain::model::{Bucket, Entry, TextingScope};
use crate::domain::triage::Engine;
use crate::store::paths::Paths;
use crate::store::vault::{Keys, Loaded, Reading, Vault};

/// An unlocked vault and every entry that opened.
pub struct Journal {
    vault: Vault,
    _keys: Keys,
    loaded: Loaded,
    scope: TextingScope,
}

impl Journal {
    /// Unlocks the vault (one key derivation) and reads every entry.
    pub fn open(paths: &Paths, passphrase: &SecretString) -> Result<Journal, AppError> {
        let vault = Vault::open(paths)?;
        let keys = vault.unlock(passphrase)?;
        Journal::with_keys(paths, vault, keys)
    }

    /// As [`Journal::open`], with keys already unlocked (the session agent's).
    pub fn with_keys(paths: &Paths, vault: Vault, keys: Keys) -> Result<Journal, AppError> {
        // Unlocking also accepts entries added while locked into the signed
        // history and packs the inbox, as the window does.
        let (keys, loaded) = crate::app::session::read_all_with(&vault, keys)?;
        let scope = crate::app::session::unsealed_config(paths, &vault, &keys)?
            .agreement
            .texting;
        Ok(Journal {
            vault,
            _keys: keys,
            loaded,
            scope,
        })
    }

    /// What the signed history found (removed, forged or rolled-back rows).
    pub fn findings(&self) -> &[String] {
        &self.loaded.integrity
    }

    /// Whether an entry is in the signed history yet (false: added while
    /// locked and not yet accepted, or forged).
    pub fn is_verified(&self, id: &str) -> bool {
        !self.loaded.unverified.contains(id)
    }

    /// Rows that could not be opened, as messages.
    pub fn problems(&self) -> Vec<String> {
        self.loaded
            .problems
            .iter()
            .map(|p| p.error.to_string())
            .collect()
    }

    /// The finished entries (no drafts), newest first.
    pub fn entries(&self) -> Vec<Entry> {
        self.loaded
            .entries
            .iter()
            .filter(|e| !e.draft)
            .cloned()
            .collect()
    }

    /// The entry with this id or unique prefix (6+ characters).
    pub fn find(&mut self, id: &str) -> Result<&mut Entry, AppError> {
        crate::app::entries::find_mut(&mut self.loaded.entries, id)
    }

    /// Replaces an entry's text and triages it again. The bucket follows the
    /// new suggestion unless the user had overridden it (bucket differs from
    /// the suggestion), which is kept; `bucket` sets a new choice.
    pub fn edit(
        &mut self,
        id: &str,
        text: String,
        bucket: Option<Bucket>,
        now: DateTime<FixedOffset>,
    ) -> Result<Entry, AppError> {
        if text.trim().is_empty() {
            return Err(AppError::invalid(
                "the new text is empty; nothing was changed (use `between delete ID` to delete an entry)",
            ));
        }
        let scope = self.scope.clone();
        let entry = self.find(id)?;
        retriage(entry, text, bucket, &scope, now);
        let entry = entry.clone();
        self.vault.save_entry(&entry)?;
        Ok(entry)
    }

    /// Stars or unstars an entry.
    pub fn set_starred(
        &mut self,
        id: &str,
        starred: bool,
        now: DateTime<FixedOffset>,
    ) -> Result<Entry, AppError> {
        let entry = self.find(id)?;
        if entry.starred != starred {
            entry.starred = starred;
            entry.updated_at = now;
            let entry = entry.clone();
            self.vault.save_entry(&entry)?;
            return Ok(entry);
        }
        Ok(entry.clone())
    }

    /// Deletes an entry for good (its packed segment is re-sealed without
    /// it). Returns the deleted entry.
    pub fn delete(&mut self, id: &str) -> Result<Entry, AppError> {
        let entry = self.find(id)?.clone();
        self.vault.remove_entry(&self.loaded, &entry.id)?;
        self.loaded.entries.retain(|e| e.id != entry.id);
        Ok(entry)
    }
}

/// The entries a listing or a search shows, read without keeping every
/// entry when the vault is in order (issue 15: `list -n 10` opens only the
/// newest segments, a search keeps only the matches). What the full read
/// would report (history findings, rows that do not open) is reported: the
/// vault falls back to it whenever there is any (see `Vault::read_some`).
pub struct Selection {
    /// The kept entries (no drafts), newest first.
    pub entries: Vec<Entry>,
    /// Whether the journal holds any finished entry at all.
    pub any: bool,
    unverified: std::collections::HashSet<String>,
    findings: Vec<String>,
    problems: Vec<String>,
}

impl Selection {
    /// Reads the finished entries `keep` accepts, at most the newest
    /// `limit`. Like [`Journal::with_keys`], a full read accepts entries
    /// added while locked and packs the inbox, and the settings must unseal.
    pub fn read(
        paths: &Paths,
        vault: &Vault,
        keys: Keys,
        keep: &mut dyn FnMut(&Entry) -> bool,
        limit: Option<usize>,
    ) -> Result<Selection, AppError> {
        let (keys, reading) = crate::app::session::read_some_with(vault, keys, keep, limit)?;
        crate::app::session::unsealed_config(paths, vault, &keys)?;
        Ok(match reading {
            Reading::Partial(partial) => Selection {
                entries: partial.entries,
                any: partial.any,
                unverified: Default::default(),
                findings: Vec::new(),
                problems: Vec::new(),
            },
            Reading::Full(loaded) => {
                let problems = loaded
                    .problems
                    .iter()
                    .map(|p| p.error.to_string())
                    .collect();
                let any = loaded.entries.iter().any(|e| !e.draft);
                // `load` already orders them newest first.
                let mut entries: Vec<Entry> = loaded
                    .entries
                    .into_iter()
                    .filter(|e| !e.draft && keep(e))
                    .collect();
                if let Some(n) = limit {
                    entries.truncate(n);
                }
                Selection {
                    entries,
                    any,
                    unverified: loaded.unverified,
                    findings: loaded.integrity,
                    problems,
                }
            }
        })
    }

    /// As [`Journal::findings`].
    pub fn findings(&self) -> &[String] {
        &self.findings
    }

    /// As [`Journal::problems`].
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// As [`Journal::is_verified`].
    pub fn is_verified(&self, id: &str) -> bool {
        !self.unverified.contains(id)
    }
}

/// Deletes entry `id` for good from the window's vault (as [`Journal::delete`]
/// does for the command line): a fresh load finds its inbox row and packed
/// segment, and both are rewritten without it.
pub fn delete_unlocked(vault: &Vault, keys: &Keys, id: &str) -> Result<(), AppError> {
    let loaded = vault.load(keys)?;
    if !vault.remove_entry(&loaded, id)? {
        return Err(AppError::invalid(
            "this entry is no longer in the journal; nothing was deleted",
        ));
    }
    Ok(())
}

/// Sets `entry`'s text and triage anew, keeping an override (see [`Journal::edit`]).
pub fn retriage(
    entry: &mut Entry,
    text: String,
    bucket: Option<Bucket>,
    scope: &TextingScope,
    now: DateTime<FixedOffset>,
) {
    let overridden = entry.bucket != entry.suggested;
    let triage = Engine::builtin().triage(&text, scope);
    entry.text = text;
    entry.suggested = triage.bucket;
    entry.crisis_level = triage.crisis_level;
    entry.reasons = triage.reasons.iter().map(|r| r.to_string()).collect();
    entry.bucket = match bucket {
        Some(chosen) => chosen,
        None if overridden => entry.bucket,
        None => triage.bucket,
    };
    entry.updated_at = now;
}

/// An entry for `list --json`: every stored field plus its `tags`.
pub fn to_json(entry: &Entry, verified: bool) -> serde_json::Value {
    let mut value = serde_json::to_value(entry).expect("entries serialize");
    if let serde_json::Value::Object(map) = &mut value {
        map.insert("tags".into(), crate::domain::tags::tags(&entry.text).into());
        map.insert("verified".into(), verified.into());
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-20T10:00:00-05:00").unwrap()
    }

    #[test]
    fn editing_follows_the_new_suggestion_unless_overridden() {
        let scope = TextingScope::default();
        let mut e = crate::app::entries::compose("just a feeling".into(), None, &scope, at());
        assert_eq!(e.bucket, Bucket::Session);
        retriage(
            &mut e,
            "can we move thursday's appointment to 3pm?".into(),
            None,
            &scope,
            at(),
        );
        assert_eq!(e.suggested, Bucket::Hours);
        assert_eq!(e.bucket, Bucket::Hours, "no override: follows triage");

        let mut e = crate::app::entries::compose(
            "just a feeling".into(),
            Some(Bucket::Hours),
            &scope,
            at(),
        );
        retriage(&mut e, "still a feeling".into(), None, &scope, at());
        assert_eq!(e.bucket, Bucket::Hours, "the override is kept");
        assert_eq!(e.suggested, Bucket::Session);
        retriage(
            &mut e,
            "still a feeling".into(),
            Some(Bucket::Session),
            &scope,
            at(),
        );
        assert_eq!(e.bucket, Bucket::Session, "a new choice wins");
    }
}
