//! The concept lexicon (`assets/triage-concepts.toml`), compiled for lookup.
//!
//! Every entry is a word or a phrase in English (`en`) or Spanish (`es`).
//! Words are compared by stem (Snowball, through `rust-stemmers`), so
//! "overdosed", "overdosing" and "overdoses" are one entry. A `*` in a phrase
//! skips up to three words. Words of three letters or fewer, and entries
//! starting with `=`, match only as written. A word of the text that is one
//! edit (Damerau-Levenshtein) away from a lexicon word of six letters or
//! more counts as that word, unless listed in `not_typos`; so misspellings
//! need no list of their own.

use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;

use super::concepts::Concept;
use super::normalize::{FastMap, FastSet, Normalizer};
use super::TriageError;

/// A phrase skips at most this many words at a `*`.
const MAX_GAP: usize = 3;
/// Shortest text word tried as a misspelling.
const MIN_TYPO_LEN: usize = 5;
/// Shortest lexicon word misspellings are matched against.
const MIN_FUZZY_WORD_LEN: usize = 6;
/// Position mark for a whole word in the fuzzy index.
const WHOLE: u8 = u8::MAX;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconCfg {
    #[allow(dead_code)]
    version: u32,
    #[serde(default)]
    not_typos: Vec<String>,
    concept: Vec<ConceptCfg>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConceptCfg {
    name: Concept,
    #[serde(default)]
    en: Vec<String>,
    #[serde(default)]
    es: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Es,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Key(u32),
    Gap,
}

#[derive(Debug)]
pub struct Phrase {
    pub concept: Concept,
    pieces: Vec<Piece>,
}

/// One concept found in a sentence, over words `start..end`.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub concept: Concept,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Default)]
struct LangIndex {
    /// Phrases of one word, or whose second piece is a gap, by the key of
    /// their first word.
    by_first: FastMap<u32, Vec<u32>>,
    /// Phrases whose first two pieces are words, by those two keys: "the"
    /// and "my" start hundreds of phrases, and only the few with the right
    /// second word are worth walking.
    by_pair: FastMap<(u32, u32), Vec<u32>>,
    /// Three-byte prefixes of lexicon words: a word whose prefix is absent
    /// cannot match, so it is never stemmed.
    prefixes: FastSet<[u8; 3]>,
    /// Hashes of fuzzable words and of their one-letter deletions -> the
    /// word's key, first letter and the deleted position ([`WHOLE`] for the
    /// word itself). Positions keep this at one edit: a deletion only pairs
    /// with a deletion at the same or the next place.
    fuzzy: FastMap<u64, Vec<(u32, u8, u8)>>,
}

pub struct Lexicon {
    en: Stemmer,
    es: Stemmer,
    /// Stems of entry words -> key.
    keys: FastMap<String, u32>,
    /// Words that match only as written (short or `=`) -> key.
    exact: FastMap<String, u32>,
    next_key: u32,
    phrases: Vec<Phrase>,
    idx: [LangIndex; 2],
    not_typos: FastSet<String>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lexicon({} phrases)", self.phrases.len())
    }
}

fn prefix3(w: &str) -> [u8; 3] {
    let b = w.as_bytes();
    [
        b.first().copied().unwrap_or(0),
        b.get(1).copied().unwrap_or(0),
        b.get(2).copied().unwrap_or(0),
    ]
}

/// FNV-1a of `w` without the byte at `skip` (none when out of range).
fn hash_without(w: &[u8], skip: usize) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for (i, &b) in w.iter().enumerate() {
        if i != skip {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h ^ (w.len() as u64).wrapping_sub(u64::from(skip < w.len()))
}

impl Lexicon {
    pub fn from_toml(src: &str) -> Result<Lexicon, TriageError> {
        let cfg: LexiconCfg = toml::from_str(src)?;
        let mut lex = Lexicon {
            en: Stemmer::create(Algorithm::English),
            es: Stemmer::create(Algorithm::Spanish),
            keys: FastMap::default(),
            exact: FastMap::default(),
            next_key: 0,
            phrases: Vec::new(),
            idx: [LangIndex::default(), LangIndex::default()],
            not_typos: cfg.not_typos.iter().map(|w| w.to_lowercase()).collect(),
        };
        for c in &cfg.concept {
            for (lang, list) in [(Lang::En, &c.en), (Lang::Es, &c.es)] {
                for entry in list {
                    lex.add(c.name, lang, entry)?;
                }
            }
        }
        // A text word found among the exact forms is read only that way, so
        // a word listed both as `=word` and plainly would silently lose its
        // plain entries ("=whole box" once hid "whole").
        for c in &cfg.concept {
            for entry in c.en.iter().chain(&c.es) {
                for raw in entry.split_whitespace().filter(|w| !w.starts_with('=')) {
                    let folded = Normalizer::fold_chars(raw);
                    for w in folded.split(' ').filter(|w| w.len() > 3) {
                        if lex.exact.contains_key(w) {
                            return Err(TriageError::Config(format!(
                                "'{w}' is listed both with '=' and without (in '{entry}'); \
                                 mark every listing of it the same way"
                            )));
                        }
                    }
                }
            }
        }
        Ok(lex)
    }

    fn key_id(&mut self, key: String, exact: bool) -> u32 {
        let next = self.next_key;
        let map = if exact {
            &mut self.exact
        } else {
            &mut self.keys
        };
        let id = *map.entry(key).or_insert(next);
        if id == next {
            self.next_key += 1;
        }
        id
    }

    fn add(&mut self, concept: Concept, lang: Lang, entry: &str) -> Result<(), TriageError> {
        // Fold each piece on its own so `*` and `=` survive folding.
        let mut words: Vec<(bool, String)> = Vec::new();
        for raw in entry.split_whitespace() {
            if raw == "*" {
                words.push((false, "*".to_string()));
                continue;
            }
            let (exact, rest) = match raw.strip_prefix('=') {
                Some(w) => (true, w),
                None => (false, raw),
            };
            for w in Normalizer::fold_chars(rest)
                .split(' ')
                .filter(|w| !w.is_empty())
            {
                words.push((exact, w.to_string()));
            }
        }
        let single = words.len() == 1;
        let mut pieces = Vec::new();
        let li = lang as usize;
        for (exact, w) in &words {
            let (exact, w) = (*exact, w.as_str());
            if w == "*" {
                pieces.push(Piece::Gap);
                continue;
            }
            if !w.chars().all(char::is_alphanumeric) {
                return Err(TriageError::Config(format!(
                    "concept entry '{entry}' has a symbol in '{w}'"
                )));
            }
            let exact = exact || w.len() <= 3;
            let key = if exact {
                w.to_string()
            } else {
                self.stem(lang, w)
            };
            let id = self.key_id(key, exact);
            pieces.push(Piece::Key(id));
            self.idx[li].prefixes.insert(prefix3(w));
            if !exact && single && w.len() >= MIN_FUZZY_WORD_LEN {
                let b = w.as_bytes();
                for skip in 0..=b.len() {
                    let pos = if skip == b.len() { WHOLE } else { skip as u8 };
                    self.idx[li]
                        .fuzzy
                        .entry(hash_without(b, skip))
                        .or_default()
                        .push((id, b[0], pos));
                }
            }
        }
        let first = match pieces.first() {
            Some(Piece::Key(k)) => *k,
            _ => {
                return Err(TriageError::Config(format!(
                    "concept entry '{entry}' must start with a word"
                )))
            }
        };
        let pi = self.phrases.len() as u32;
        self.phrases.push(Phrase { concept, pieces });
        match self.phrases[pi as usize].pieces.get(1) {
            Some(Piece::Key(second)) => {
                let pair = (first, *second);
                self.idx[li].by_pair.entry(pair).or_default().push(pi);
            }
            _ => self.idx[li].by_first.entry(first).or_default().push(pi),
        }
        Ok(())
    }

    fn stem(&self, lang: Lang, w: &str) -> String {
        match lang {
            Lang::En => self.en.stem(w).into_owned(),
            Lang::Es => self.es.stem(w).into_owned(),
        }
    }

    /// The key of a text word in one language, or `None` when no lexicon
    /// entry can use it (checked cheaply before stemming).
    fn word_key(&self, lang: Lang, w: &str) -> Option<u32> {
        let li = lang as usize;
        if let Some(&k) = self.exact.get(w) {
            return Some(k);
        }
        if w.len() <= 3 {
            return None;
        }
        STEMMED.with(|cache| {
            let cache = &mut cache.borrow_mut()[li];
            if let Some(&k) = cache.get(w) {
                return k;
            }
            let k = self.stemmed_or_typo_key(lang, w);
            if cache.len() >= STEM_CACHE_WORDS {
                cache.clear();
            }
            cache.insert(w.to_string(), k);
            k
        })
    }

    fn stemmed_or_typo_key(&self, lang: Lang, w: &str) -> Option<u32> {
        let li = lang as usize;
        if self.idx[li].prefixes.contains(&prefix3(w)) {
            if let Some(&k) = self.keys.get(self.stem(lang, w).as_str()) {
                return Some(k);
            }
        }
        self.typo_key(li, w)
    }

    /// A lexicon word one edit away, sharing the first letter.
    fn typo_key(&self, li: usize, w: &str) -> Option<u32> {
        let b = w.as_bytes();
        if b.len() < MIN_TYPO_LEN || !w.is_ascii() || self.not_typos.contains(w) {
            return None;
        }
        let fuzzy = &self.idx[li].fuzzy;
        if fuzzy.is_empty() {
            return None;
        }
        for skip in 0..=b.len() {
            let Some(cands) = fuzzy.get(&hash_without(b, skip)) else {
                continue;
            };
            for &(k, first, pos) in cands {
                let one_edit = if skip == b.len() {
                    pos != WHOLE // the text word lacks one letter
                } else {
                    pos == WHOLE // the text word has one letter too many
                        || (pos as usize + 1 >= skip && pos as usize <= skip + 1)
                };
                if first == b[0] && one_edit {
                    return Some(k);
                }
            }
        }
        None
    }

    /// Every concept phrase in a sentence's words.
    pub fn find(&self, words: &[&str], spanish: bool, out: &mut Vec<Hit>) {
        let langs: &[Lang] = if spanish {
            &[Lang::En, Lang::Es]
        } else {
            &[Lang::En]
        };
        for &lang in langs {
            let li = lang as usize;
            let keys: Vec<Option<u32>> = words.iter().map(|w| self.word_key(lang, w)).collect();
            let idx = &self.idx[li];
            for start in 0..words.len() {
                let Some(k) = keys[start] else { continue };
                let singles = idx.by_first.get(&k).map_or(&[][..], Vec::as_slice);
                let pairs = match keys.get(start + 1).copied().flatten() {
                    Some(next) => idx.by_pair.get(&(k, next)).map_or(&[][..], Vec::as_slice),
                    None => &[],
                };
                // Both lists are in lexicon order; walk them merged so hits
                // come out in the order the lexicon lists them.
                let (mut a, mut b) = (0, 0);
                while a < singles.len() || b < pairs.len() {
                    let pi = if b == pairs.len() || (a < singles.len() && singles[a] < pairs[b]) {
                        a += 1;
                        singles[a - 1]
                    } else {
                        b += 1;
                        pairs[b - 1]
                    };
                    let p = &self.phrases[pi as usize];
                    if let Some(end) = match_at(&p.pieces, &keys, start) {
                        out.push(Hit {
                            concept: p.concept,
                            start,
                            end,
                        });
                    }
                }
            }
        }
    }
}

/// Words whose stem or typo key is remembered per thread. The composer
/// triages the same words again on every keystroke, and stemming and the
/// typo check are most of the reader's cost; the cache starts over when full.
const STEM_CACHE_WORDS: usize = 50_000;

thread_local! {
    static STEMMED: std::cell::RefCell<[FastMap<String, Option<u32>>; 2]> =
        std::cell::RefCell::new(Default::default());
}

/// Match phrase pieces at `start`; returns the end (exclusive).
fn match_at(pieces: &[Piece], keys: &[Option<u32>], start: usize) -> Option<usize> {
    match pieces.first() {
        None => Some(start),
        Some(Piece::Key(k)) => {
            if keys.get(start).copied().flatten() == Some(*k) {
                match_at(&pieces[1..], keys, start + 1)
            } else {
                None
            }
        }
        Some(Piece::Gap) => (0..=MAX_GAP)
            .filter(|g| start + g <= keys.len())
            .find_map(|g| match_at(&pieces[1..], keys, start + g)),
    }
}

impl Lexicon {
    /// True when the words name a means or method (so a reason must not
    /// repeat them).
    pub fn names_means(&self, words: &str) -> bool {
        let ws: Vec<&str> = words.split(' ').filter(|w| !w.is_empty()).collect();
        let mut hits = Vec::new();
        self.find(&ws, true, &mut hits);
        hits.iter()
            .any(|h| h.concept.is_means() || h.concept == Concept::SelfHarm)
    }
}
