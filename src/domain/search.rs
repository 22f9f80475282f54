//! Full-text search over decrypted entries, in memory only.
//!
//! The index keeps each entry's text pre-normalised (lowercase, accents
//! stripped, punctuation folded to spaces) so a query is a few substring
//! scans: "cafe" finds "Café", "DONT" finds "don't". Every query word must
//! start a word of the entry (so "therap" finds "therapy", but "rapy"
//! does not). Drafts are never
//! indexed. The index lives only while the vault is unlocked; it is never
//! written anywhere.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::domain::model::Entry;

/// One indexed entry.
struct Doc {
    id: String,
    /// Sort key: newest first, then id.
    created: i64,
    /// Normalised text, with a space at each end so words never touch.
    text: String,
}

/// Searchable entries, newest first.
#[derive(Default)]
pub struct SearchIndex {
    docs: Vec<Doc>,
}

impl std::fmt::Debug for SearchIndex {
    // Never prints entry text.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SearchIndex({} entries)", self.docs.len())
    }
}

impl SearchIndex {
    /// Overwrites the indexed text (a normalised copy of every entry) before
    /// it is dropped, as on lock.
    pub fn wipe(&mut self) {
        use zeroize::Zeroize;
        for doc in &mut self.docs {
            doc.text.zeroize();
        }
        self.docs.clear();
    }

    /// Indexes every non-draft entry.
    pub fn new(entries: &[Entry]) -> SearchIndex {
        let mut docs: Vec<Doc> = entries
            .iter()
            .filter(|e| !e.draft)
            .map(Doc::from_entry)
            .collect();
        docs.sort_by(order);
        docs.dedup_by(|a, b| a.id == b.id);
        SearchIndex { docs }
    }

    /// Number of indexed entries.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Ids of the entries containing every word of `query`, newest first.
    /// A query with no words (empty or only punctuation) matches nothing.
    pub fn matches(&self, query: &str) -> Vec<String> {
        self.positions(query)
            .into_iter()
            .map(|i| self.docs[i].id.clone())
            .collect()
    }

    /// Like [`matches`](Self::matches), but positions in the index's
    /// newest-first order (valid until the next `update` or `remove`).
    pub fn positions(&self, query: &str) -> Vec<usize> {
        let query = Query::new(query);
        if query.is_empty() {
            return Vec::new();
        }
        self.docs
            .iter()
            .enumerate()
            .filter(|(_, d)| query.found_in(&d.text))
            .map(|(i, _)| i)
            .collect()
    }

    /// Adds or replaces an entry (a draft is removed instead).
    pub fn update(&mut self, entry: &Entry) {
        self.remove(&entry.id);
        if entry.draft {
            return;
        }
        let doc = Doc::from_entry(entry);
        let at = self
            .docs
            .binary_search_by(|d| order(d, &doc))
            .unwrap_or_else(|i| i);
        self.docs.insert(at, doc);
    }

    /// Forgets an entry; returns whether it was indexed.
    pub fn remove(&mut self, id: &str) -> bool {
        let before = self.docs.len();
        self.docs.retain(|d| d.id != id);
        self.docs.len() != before
    }
}

/// A parsed query, to test entries one by one without an index (the
/// command line's `between search` streams through the journal this way;
/// the index uses the same test, so both find the same entries).
pub struct Query {
    /// " word" for each query word, longest first: it is usually the
    /// rarest, so most entries are rejected after one scan.
    needles: Vec<String>,
}

impl Query {
    pub fn new(query: &str) -> Query {
        let q = normalize(query);
        let mut words: Vec<&str> = q.split(' ').filter(|w| !w.is_empty()).collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        words.dedup();
        // Texts start with a space, so " word" finds a word start.
        Query {
            needles: words.iter().map(|w| format!(" {w}")).collect(),
        }
    }

    /// A query with no words (empty or only punctuation) matches nothing.
    pub fn is_empty(&self) -> bool {
        self.needles.is_empty()
    }

    /// Whether `entry` (not a draft) holds every word. `scratch` is reused
    /// between calls for its normalised text: the caller wipes it once at
    /// the end (a `Zeroizing<String>`), as the index is wiped on lock;
    /// wiping its whole capacity after every entry cost more than the test.
    pub fn matches(&self, entry: &Entry, scratch: &mut String) -> bool {
        if self.is_empty() || entry.draft {
            return false;
        }
        scratch.clear();
        scratch.push(' ');
        normalize_into(&entry.text, scratch);
        scratch.push(' ');
        self.found_in(scratch)
    }

    /// `text` is normalised with a space at each end (as a `Doc`'s).
    fn found_in(&self, text: &str) -> bool {
        !self.is_empty() && self.needles.iter().all(|w| text.contains(w.as_str()))
    }
}

fn order(a: &Doc, b: &Doc) -> std::cmp::Ordering {
    b.created.cmp(&a.created).then_with(|| a.id.cmp(&b.id))
}

impl Doc {
    fn from_entry(e: &Entry) -> Doc {
        let mut text = String::with_capacity(e.text.len() + 2);
        text.push(' ');
        normalize_into(&e.text, &mut text);
        text.push(' ');
        Doc {
            id: e.id.clone(),
            created: e.created_at.timestamp(),
            text,
        }
    }
}

/// The searchable form of a text: lowercase letters and digits, accents
/// removed (NFD, combining marks dropped), apostrophes removed, anything
/// else a single space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

fn normalize_into(text: &str, out: &mut String) {
    let mut space = out.is_empty() || out.ends_with(' ');
    let push = |out: &mut String, c: char, space: &mut bool| {
        if c.is_alphanumeric() {
            for lc in c.to_lowercase() {
                out.push(lc);
            }
            *space = false;
        } else if matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{02BC}') {
            // "don't" and "dont" are the same word.
        } else if !*space {
            out.push(' ');
            *space = true;
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            // The common case, without Unicode tables: the same as `push`
            // (for ASCII, alphanumeric and lowercase are the ASCII ones).
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
                space = false;
            } else if matches!(c, '\'' | '`') {
                // "don't" and "dont" are the same word.
            } else if !space {
                out.push(' ');
                space = true;
            }
        } else {
            for d in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
                push(out, d, &mut space);
            }
        }
    }
    if out.ends_with(' ') && out.len() > 1 {
        out.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Bucket;
    use chrono::DateTime;

    fn entry(id: &str, at: &str, text: &str) -> Entry {
        let mut e = Entry::new(
            text,
            Bucket::Session,
            DateTime::parse_from_rfc3339(at).unwrap(),
        );
        e.id = id.into();
        e
    }

    fn index() -> SearchIndex {
        SearchIndex::new(&[
            entry(
                "a",
                "2026-01-01T10:00:00-05:00",
                "Met Sam at the Café on Elm.",
            ),
            entry(
                "b",
                "2026-03-01T10:00:00-05:00",
                "I don't like MONDAYS at the cafe",
            ),
            entry("c", "2026-02-01T10:00:00-05:00", "Résumé sent. Naïve hope?"),
            entry(
                "d",
                "2025-12-01T10:00:00+01:00",
                "Therapy homework: thought record",
            ),
        ])
    }

    #[test]
    fn case_insensitive_newest_first() {
        let i = index();
        assert_eq!(i.matches("mondays"), vec!["b"]);
        // "the", and "Therapy" by its start.
        assert_eq!(i.matches("THE"), vec!["b", "a", "d"]);
        assert_eq!(i.matches("tHeRaPy"), vec!["d"]);
    }

    #[test]
    fn accents_fold_both_ways() {
        let i = index();
        assert_eq!(i.matches("cafe"), vec!["b", "a"]);
        assert_eq!(i.matches("Café"), vec!["b", "a"]);
        assert_eq!(i.matches("resume"), vec!["c"]);
        assert_eq!(i.matches("naive"), vec!["c"]);
        assert_eq!(normalize("Ça Va, CAFÉ!"), "ca va cafe");
    }

    #[test]
    fn every_word_must_match_in_any_order() {
        let i = index();
        assert_eq!(i.matches("cafe sam"), vec!["a"]);
        assert_eq!(i.matches("sam cafe"), vec!["a"]);
        assert_eq!(i.matches("cafe  mondays"), vec!["b"]);
        assert!(i.matches("cafe therapy").is_empty());
        // Word starts match, not word middles; apostrophes do not matter.
        assert!(i.matches("rapy").is_empty());
        assert_eq!(i.matches("therap record"), vec!["d"]);
        assert_eq!(i.matches("dont"), vec!["b"]);
        assert_eq!(i.matches("don't"), vec!["b"]);
        // Words never join across punctuation or entries.
        assert!(i.matches("elmi").is_empty());
        assert!(i.matches("samat").is_empty());
    }

    #[test]
    fn empty_or_punctuation_query_matches_nothing() {
        let i = index();
        assert!(i.matches("").is_empty());
        assert!(i.matches("   ").is_empty());
        assert!(i.matches("?!").is_empty());
        assert!(i.matches("zebra").is_empty());
    }

    #[test]
    fn drafts_are_excluded_and_update_replaces() {
        let mut draft = entry("x", "2026-04-01T10:00:00-05:00", "secret cafe draft");
        draft.draft = true;
        let mut i = SearchIndex::new(&[draft.clone()]);
        assert!(i.is_empty());
        assert!(i.matches("cafe").is_empty());

        i = index();
        i.update(&draft);
        assert!(i.matches("secret").is_empty());
        draft.draft = false;
        i.update(&draft);
        assert_eq!(i.matches("cafe"), vec!["x", "b", "a"]);
        draft.text = "now about tea".into();
        i.update(&draft);
        assert_eq!(i.matches("cafe"), vec!["b", "a"]);
        assert_eq!(i.matches("tea"), vec!["x"]);
        assert_eq!(i.len(), 5);
        draft.draft = true;
        i.update(&draft);
        assert!(i.matches("tea").is_empty());
        assert!(i.remove("a"));
        assert!(!i.remove("a"));
        assert_eq!(i.matches("cafe"), vec!["b"]);
    }

    #[test]
    fn a_wiped_index_finds_nothing() {
        let entries = crate::dev::synth::entries(20, 5);
        let mut index = SearchIndex::new(&entries);
        assert!(!index.matches("the").is_empty());
        index.wipe();
        assert!(index.matches("the").is_empty());
    }

    /// `normalize_into` as it was, one char at a time through `push`.
    fn normalize_per_char(text: &str) -> String {
        let mut out = String::new();
        let mut space = true;
        for c in text.chars() {
            for d in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
                if d.is_alphanumeric() {
                    out.extend(d.to_lowercase());
                    space = false;
                } else if matches!(d, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{02BC}') {
                } else if !space {
                    out.push(' ');
                    space = true;
                }
            }
        }
        if out.ends_with(' ') && out.len() > 1 {
            out.pop();
        }
        out
    }

    #[test]
    fn the_ascii_fast_path_normalises_as_before() {
        for text in [
            "",
            " ",
            "!?",
            "Don't STOP, café-au-lait!",
            "\u{212A}elvin \u{0130}stanbul \u{FB01}ne `quoted` \u{2019}curly\u{2019} d\u{02BC}o",
            "Ça va? Ünïcödé… 42nd\tline\nnext  ",
            "日本語 and ASCII mixed, 東京!",
        ] {
            assert_eq!(normalize(text), normalize_per_char(text), "{text:?}");
        }
        for e in crate::dev::synth::entries(200, 7) {
            assert_eq!(normalize(&e.text), normalize_per_char(&e.text));
        }
    }

    #[test]
    fn synthetic_journal_search_agrees_with_a_plain_scan() {
        let entries = crate::dev::synth::entries(400, 11);
        let i = SearchIndex::new(&entries);
        for q in ["cafe", "sister holidays", "Résumé", "train panic", "lyon"] {
            let words: Vec<String> = normalize(q).split(' ').map(String::from).collect();
            let mut expected: Vec<&Entry> = entries
                .iter()
                .filter(|e| {
                    let t = format!(" {}", normalize(&e.text));
                    words.iter().all(|w| t.contains(&format!(" {w}")))
                })
                .collect();
            expected.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
            let expected: Vec<String> = expected.iter().map(|e| e.id.clone()).collect();
            assert!(
                !expected.is_empty(),
                "{q} should occur in the synthetic text"
            );
            assert_eq!(i.matches(q), expected, "{q}");
        }
    }
}
