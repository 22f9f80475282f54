//! Reading only some entries (issue 15): `between list -n 10` needs the
//! newest ten, `between search WORD` the few that match. Opening every
//! monthly segment and keeping all 10,000 entries made both too slow.
//!
//! Tamper evidence is not weakened: every row is still hashed and checked
//! against the signed history first, exactly as [`Vault::load`] does. Only
//! when that finds nothing at all (no finding, no hidden row, nothing
//! written while locked, the key pinned) are segments opened selectively;
//! anything else, or any row that does not open, falls back to the full
//! read, so whatever the full path would report is reported.
//!
//! A partial read is a [`Partial`], never a [`Loaded`]: `pack`, `settle`,
//! `remove_entry` and `rotate` rewrite segments from a `Loaded` and take
//! nothing else, and a `Partial` cannot be turned into one (its entries are
//! a subset; a segment rewritten from them would lose the rest).

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate, TimeDelta};

use super::{ledger, sql, Entry, Keys, Loaded, Vault, VaultError, ENTRY_KIND, SEGMENT_KIND};

/// The entries a partial read kept. Only the vault makes one, and nothing
/// that rewrites segments takes one:
///
/// ```compile_fail,E0308
/// # fn f(vault: &between::store::vault::Vault, partial: &between::store::vault::Partial) {
/// vault.pack(partial).unwrap(); // a partial read can never be packed
/// # }
/// ```
#[allow(clippy::manual_non_exhaustive)] // see `_sealed`
pub struct Partial {
    /// The kept entries (never drafts), newest first, at most the limit.
    pub entries: Vec<Entry>,
    /// Whether the journal holds any finished entry at all (so "no entries
    /// yet" and "none match" can still be told apart).
    pub any: bool,
    /// Not constructible outside the vault module (`#[non_exhaustive]`
    /// would still let the rest of the crate make one).
    _sealed: (),
}

/// What [`Vault::read_some`] did: read selectively, or (when anything is to
/// report or to settle) everything, as [`Vault::load`].
pub enum Reading {
    Partial(Partial),
    Full(Loaded),
}

impl Vault {
    /// The finished entries `keep` accepts, newest first; with `limit`, only
    /// the newest that many, opening segments from the newest month back
    /// and stopping once no older segment can hold a newer entry. The inbox
    /// is always read whole (its rows win over packed copies).
    ///
    /// Falls back to [`Vault::load`] (a `Reading::Full`, which the caller
    /// should settle) when the history has anything to say, rows wait to be
    /// accepted, the key is not pinned yet, or any row read does not open.
    pub fn read_some(
        &self,
        keys: &Keys,
        keep: &mut dyn FnMut(&Entry) -> bool,
        limit: Option<usize>,
    ) -> Result<Reading, VaultError> {
        let segments = sql::all_segments(&self.conn)?;
        let inbox = sql::all_entries(&self.conn)?;
        let report = self.verify_rows(keys, &segments, &inbox)?;
        let clean = report.problems.is_empty()
            && report.hidden.is_empty()
            && report.pending.is_empty()
            && self.pin_vouched(keys)?
            && self.pin_file().exists();
        if clean {
            if let Some(partial) = Self::partial(keys, &segments, &inbox, keep, limit) {
                return Ok(Reading::Partial(partial));
            }
        }
        Ok(Reading::Full(self.open_all(keys, segments, inbox, report)?))
    }

    /// Whether the key pinned in the journal carries this key's MAC (an
    /// absent pin is not vouched for: settling would write it).
    fn pin_vouched(&self, keys: &Keys) -> Result<bool, VaultError> {
        Ok(ledger::meta_get(&self.conn, "recipient_mac")?
            .is_some_and(|pinned| pinned == self.pin_tag(keys)))
    }

    /// `None` when a row does not open or a segment is not as `pack` writes
    /// them: the full read then reports it as usual.
    fn partial(
        keys: &Keys,
        segments: &[(String, Vec<u8>)],
        inbox: &[(String, Vec<u8>)],
        keep: &mut dyn FnMut(&Entry) -> bool,
        limit: Option<usize>,
    ) -> Option<Partial> {
        let mut kept: Vec<Entry> = Vec::new();
        let mut any = false;
        // Ids in the inbox: its row wins over a packed copy, as in `load`.
        let mut seen: HashSet<String> = HashSet::new();
        let mut consider = |entry: Entry, kept: &mut Vec<Entry>| {
            if !entry.draft {
                any = true;
                if keep(&entry) {
                    kept.push(entry);
                }
            }
        };
        for (id, blob) in inbox {
            let entry: Entry = Self::open_value(keys, ENTRY_KIND, id, blob).ok()?;
            seen.insert(entry.id.clone());
            consider(entry, &mut kept);
        }
        let mut newest_first: Vec<&(String, Vec<u8>)> = segments.iter().collect();
        newest_first.sort_by(|a, b| b.0.cmp(&a.0));
        let mut packed: HashSet<String> = HashSet::new();
        for (id, blob) in newest_first {
            let (year, month, latest) = segment_month(id)?;
            if let Some(n) = limit.filter(|&n| n > 0 && kept.len() >= n) {
                sort_newest_first(&mut kept);
                kept.truncate(n);
                // This segment and every older one hold only entries older
                // than the n-th kept: done.
                if latest <= kept[n - 1].created_at.naive_utc() {
                    break;
                }
            }
            let entries: Vec<Entry> = Self::open_value(keys, SEGMENT_KIND, id, blob).ok()?;
            for entry in entries {
                let local = entry.created_at.date_naive();
                // `pack` files an entry under its own month only; anything
                // else breaks the stopping rule above.
                if local.year() != year || local.month() != month {
                    return None;
                }
                if !packed.insert(entry.id.clone()) {
                    // The same entry in two segments: which copy `load`
                    // shows depends on row order, so let it decide.
                    return None;
                }
                if !seen.contains(&entry.id) {
                    consider(entry, &mut kept);
                }
            }
        }
        sort_newest_first(&mut kept);
        if let Some(n) = limit {
            kept.truncate(n);
        }
        Some(Partial {
            entries: kept,
            any,
            _sealed: (),
        })
    }
}

/// As [`Vault::load`] orders entries: newest first, then by id.
fn sort_newest_first(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        b.created_at
            .cmp(&a.created_at)
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// A segment's year and month (its id is `YYYY-MM`, the entries' own local
/// month), and a UTC instant no entry in it can reach: the first moment of
/// the next month, plus a day for the widest possible UTC offset. `None`
/// for an id `pack` does not write.
fn segment_month(id: &str) -> Option<(i32, u32, chrono::NaiveDateTime)> {
    let first = NaiveDate::parse_from_str(&format!("{id}-01"), "%Y-%m-%d").ok()?;
    if first.format("%Y-%m").to_string() != id {
        return None;
    }
    let next = first.checked_add_months(chrono::Months::new(1))?;
    let latest = next.and_hms_opt(0, 0, 0)? + TimeDelta::days(1);
    Some((first.year(), first.month(), latest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_bounds_cover_every_offset() {
        let (y, m, latest) = segment_month("2026-12").unwrap();
        assert_eq!((y, m), (2026, 12));
        // The latest local moment of December at the most negative offset
        // chrono allows is still before the bound.
        let last = chrono::DateTime::parse_from_rfc3339("2026-12-31T23:59:59.999-23:59").unwrap();
        assert!(last.naive_utc() < latest);
        assert!(segment_month("2026-13").is_none());
        assert!(segment_month("2026-1").is_none());
        assert!(segment_month("junk").is_none());
    }
}
