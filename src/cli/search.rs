//! `between search` and the hidden development aid `between dev-seed`.

use crate::domain::search::Query;

/// Prints the entries containing every word of `words`, newest first, as
/// `list` does (or a JSON array of entries with `--json`).
///
/// One pass over the journal (issue 15): each entry is tested as its
/// segment is opened and only the matches are kept, instead of holding all
/// of them and building the window's index. Same test, same order.
pub fn search(words: Vec<String>, json: bool) -> Result<(), String> {
    let query_text = words.join(" ");
    let query = Query::new(&query_text);
    if query.is_empty() {
        return Err("the search has no words; try `between search WORD`".into());
    }
    let query_text = query_text.as_str();
    let mut scratch = zeroize::Zeroizing::new(String::new());
    let selection = super::journal::select(&mut |e| query.matches(e, &mut scratch), None)?;
    let mut found: Vec<&crate::domain::model::Entry> = selection.entries.iter().collect();
    // The index's order: newest first to the second, then by id.
    found.sort_by(|a, b| {
        b.created_at
            .timestamp()
            .cmp(&a.created_at.timestamp())
            .then_with(|| a.id.cmp(&b.id))
    });
    if json {
        let values: Vec<serde_json::Value> = found
            .iter()
            .map(|e| crate::app::journal::to_json(e, selection.is_verified(&e.id)))
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&values).map_err(|e| e.to_string())?
        );
    } else if found.is_empty() {
        println!("No entries contain all of: {query_text}");
    } else {
        for entry in found {
            println!(
                "{}",
                super::journal::line(entry, selection.is_verified(&entry.id))
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
    // Signed as written, as entries written while unlocked are. Sealed while
    // locked and packed before an unlock accepted them, every entry left a
    // stale line in state/pending.log that each later command parsed (10,000
    // lines, about 7 ms a command), which no real journal carries.
    vault.attach(&keys);
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
