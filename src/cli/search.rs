//! `between search` and the hidden development aid `between dev-seed`.

use crate::domain::model::Entry;
use crate::domain::search::SearchIndex;

/// Prints the entries containing every word of `words`, newest first, as
/// `list` does (or a JSON array of entries with `--json`).
pub fn search(words: Vec<String>, json: bool) -> Result<(), String> {
    let query = words.join(" ");
    if crate::domain::search::normalize(&query).is_empty() {
        return Err("the search has no words; try `between search WORD`".into());
    }
    let vault = super::open_vault()?;
    let (entries, unverified) = super::unlock_checked(&vault)?;
    let index = SearchIndex::new(&entries);
    let by_id: std::collections::HashMap<&str, &Entry> =
        entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let found: Vec<&Entry> = index
        .matches(&query)
        .iter()
        .filter_map(|id| by_id.get(id.as_str()).copied())
        .collect();
    if json {
        let values: Vec<serde_json::Value> = found
            .iter()
            .map(|e| crate::app::journal::to_json(e, !unverified.contains(&e.id)))
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&values).map_err(|e| e.to_string())?
        );
    } else if found.is_empty() {
        println!("No entries contain all of: {query}");
    } else {
        for entry in found {
            println!(
                "{}",
                super::journal::line(entry, !unverified.contains(&entry.id))
            );
        }
    }
    Ok(())
}

/// DEVELOPMENT AID, hidden from help: fills an existing vault with `count`
/// synthetic entries (`crate::dev::synth`) and packs them, for performance runs.
/// Needs the passphrase (packing decrypts).
pub fn dev_seed(count: usize, seed: u64) -> Result<(), String> {
    let vault = super::open_vault()?;
    let keys = super::secret::keys(&vault)?;
    let entries = crate::dev::synth::entries(count, seed);
    vault.save_entries(&entries).map_err(|e| e.to_string())?;
    let loaded = vault.load(&keys).map_err(|e| e.to_string())?;
    let packed = vault.pack(&loaded).map_err(|e| e.to_string())?;
    println!(
        "Added {count} synthetic entries (seed {seed}); packed {packed}; the vault now holds {}.",
        loaded.entries.len()
    );
    Ok(())
}
