//! Text normalisation for triage: lowercase, strip accents, drop apostrophes,
//! fold punctuation, collapse whitespace and letter repeats, fix common
//! misspellings. The output keeps sentence punctuation (`. , ; : ! ?`) so the
//! engine can find clause and sentence boundaries.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: a fast hasher for the short, trusted keys of the lexicon.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Data-driven word fixes, built from the `[normalize]` table of the TOML.
#[derive(Debug, Default)]
pub(crate) struct Normalizer {
    /// Whole-word replacements (`sucide` -> `suicide`, `kms` -> `kill myself`).
    pub words: FastMap<String, String>,
    /// Words the de-doubling step may restore (`diee` -> `die`).
    pub core: FastSet<String>,
    /// Consonant skeleton -> word, for free-form misspellings (`suiside`).
    pub skeletons: FastMap<String, String>,
    /// First two letters of every skeleton target (a cheap gate).
    pub prefixes: Vec<[u8; 2]>,
    /// Bloom-style gate over `words` and `core` keys (first two bytes and
    /// length): most words of a text are in neither, and one bit test is
    /// much cheaper than two hash lookups. A set bit only means "look".
    pub known: Vec<u64>,
}

/// Bits in the `known` gate.
const GATE_BITS: usize = 1 << 14;

/// The gate slot of a word with these first two bytes and this length.
fn gate_slot(b0: u8, b1: u8, len: usize) -> usize {
    let h = (u32::from(b0).wrapping_mul(0x9E37_79B1))
        ^ (u32::from(b1).wrapping_mul(0x85EB_CA77))
        ^ ((len.min(255) as u32).wrapping_mul(0xC2B2_AE3D));
    (h >> 18) as usize & (GATE_BITS - 1)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Consonants of a word with doubled letters collapsed: `suicide` -> `scd`.
fn skeleton(word: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in word.chars() {
        if !is_vowel(c) && last != Some(c) {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

impl Normalizer {
    /// Character-level pass: returns a string of lowercase words separated by
    /// single spaces, with sentence punctuation kept as separate tokens.
    pub(crate) fn fold_chars(text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        let mut pending_space = false;
        let mut run_char = '\0';
        let mut run_len = 0usize;
        let mut decomposed: Vec<char> = Vec::new();
        let mut push_word_char = |out: &mut String, pending: &mut bool, lc: char| {
            if *pending && !out.is_empty() {
                out.push(' ');
                run_char = '\0';
            }
            *pending = false;
            if lc == run_char {
                run_len += 1;
            } else {
                run_char = lc;
                run_len = 1;
            }
            // Three or more of the same letter collapse to two.
            if run_len <= 2 || lc.is_ascii_digit() {
                out.push(lc);
            }
        };
        for raw in text.chars() {
            if raw.is_ascii() {
                let b = raw as u8;
                if b.is_ascii_alphanumeric() {
                    push_word_char(&mut out, &mut pending_space, b.to_ascii_lowercase() as char);
                    continue;
                }
                match b {
                    // Apostrophes vanish: "i'm" -> "im", "don't" -> "dont".
                    b'\'' | b'`' => {}
                    // A line break ends a sentence.
                    b'\n' | b'\r' => {
                        if !out.is_empty() && !out.ends_with('.') {
                            out.push_str(" .");
                        }
                        pending_space = true;
                    }
                    b'.' | b',' | b';' | b':' | b'!' | b'?' => {
                        if !out.is_empty() && !out.ends_with(' ') {
                            out.push(' ');
                        }
                        out.push(b as char);
                        pending_space = true;
                    }
                    // Any other symbol (quotes, dashes, spaces) separates words.
                    _ => pending_space = true,
                }
                continue;
            }
            match raw {
                '\u{2019}' | '\u{2018}' | '\u{00B4}' | '\u{02BC}' | '\u{2032}' => continue,
                '\u{2028}' | '\u{2029}' | '\u{85}' => {
                    if !out.is_empty() && !out.ends_with('.') {
                        out.push_str(" .");
                    }
                    pending_space = true;
                    continue;
                }
                _ => {}
            }
            // Other characters: decompose, drop accents, keep letters and digits.
            decomposed.clear();
            decomposed.extend(
                std::iter::once(raw)
                    .nfkd()
                    .filter(|c| !is_combining_mark(*c)),
            );
            for &ch in decomposed.iter() {
                if ch.is_alphanumeric() {
                    for lc in ch.to_lowercase() {
                        push_word_char(&mut out, &mut pending_space, lc);
                    }
                } else if matches!(ch, '.' | ',' | ';' | ':' | '!' | '?') {
                    if !out.is_empty() && !out.ends_with(' ') {
                        out.push(' ');
                    }
                    out.push(ch);
                    pending_space = true;
                } else if ch != '\'' {
                    pending_space = true;
                }
            }
        }
        out
    }

    /// Look a word up once: its replacement, itself if it is a core word,
    /// or a repaired form (skeleton or de-doubled) when one is known.
    fn fix_word<'a>(&'a self, w: &'a str) -> &'a str {
        let b = w.as_bytes();
        if self.maybe_known(
            b.first().copied().unwrap_or(0),
            b.get(1).copied().unwrap_or(0),
            b.len(),
        ) {
            if let Some(r) = self.words.get(w) {
                return r.as_str();
            }
            if self.core.contains(w) {
                return w;
            }
        }
        if !w.is_ascii() || w.len() < 3 {
            return w;
        }
        // Skeleton match for misspellings of key words (same first two letters).
        if b.len() >= 6 && self.prefixes.contains(&[b[0], b[1]]) {
            let sk = skeleton(w);
            if let Some(target) = self.skeletons.get(&sk) {
                if target.as_bytes()[..2] == b[..2] {
                    return target.as_str();
                }
            }
        }
        // Undo one doubled letter when that yields a core word ("diee" -> "die").
        if b.len() <= 16 && b.windows(2).any(|p| p[0] == p[1]) {
            let mut cand = String::with_capacity(w.len());
            for i in 1..b.len() {
                // The candidate drops b[i]; check the gate before building it.
                let second = if i == 1 { b[2] } else { b[1] };
                if b[i] == b[i - 1] && self.maybe_known(b[0], second, b.len() - 1) {
                    cand.clear();
                    cand.push_str(&w[..i]);
                    cand.push_str(&w[i + 1..]);
                    if let Some(c) = self.core.get(&cand) {
                        return c.as_str();
                    }
                    if let Some(r) = self.words.get(&cand) {
                        return r.as_str();
                    }
                }
            }
        }
        w
    }

    pub fn normalize(&self, text: &str) -> String {
        let folded = Self::fold_chars(text);
        let mut out = String::with_capacity(folded.len() + 16);
        for w in folded.split(' ') {
            if w.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(self.fix_word(w));
        }
        out
    }

    /// False when `words` and `core` surely hold no word with these first
    /// two bytes (0 when absent) and this length.
    fn maybe_known(&self, b0: u8, b1: u8, len: usize) -> bool {
        if self.known.is_empty() {
            return true; // `index` not called yet: always look
        }
        let slot = gate_slot(b0, b1, len);
        self.known[slot / 64] & (1 << (slot % 64)) != 0
    }

    /// Record the prefixes of skeleton targets and the gate over `words`
    /// and `core`; call after filling them.
    pub fn index(&mut self) {
        self.known = vec![0u64; GATE_BITS / 64];
        let keys: Vec<String> = self.words.keys().chain(self.core.iter()).cloned().collect();
        for k in keys {
            let b = k.as_bytes();
            let slot = gate_slot(
                b.first().copied().unwrap_or(0),
                b.get(1).copied().unwrap_or(0),
                b.len(),
            );
            self.known[slot / 64] |= 1 << (slot % 64);
        }
        self.prefixes = self
            .skeletons
            .values()
            .filter(|v| v.len() >= 2)
            .map(|v| [v.as_bytes()[0], v.as_bytes()[1]])
            .collect();
        self.prefixes.sort();
        self.prefixes.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n() -> Normalizer {
        let mut n = Normalizer::default();
        n.words.insert("kms".into(), "kill myself".into());
        n.core.insert("die".into());
        n.skeletons.insert("scd".into(), "suicide".into());
        n.skeletons.insert("ssd".into(), "suicide".into());
        n.index();
        n
    }

    #[test]
    fn folds_case_accents_quotes_and_space() {
        let n = n();
        assert_eq!(n.normalize("I’m  SO   tíred\n\nok"), "im so tired . ok");
        assert_eq!(n.normalize("“quoted” — dash"), "quoted dash");
        assert_eq!(n.normalize("wait, what?!"), "wait , what ? !");
    }

    #[test]
    fn fixes_repeats_and_misspellings() {
        let n = n();
        assert_eq!(n.normalize("i want to diiiie"), "i want to die");
        assert_eq!(n.normalize("i want to diee"), "i want to die");
        assert_eq!(n.normalize("kms"), "kill myself");
        assert_eq!(
            n.normalize("thinking about suiside"),
            "thinking about suicide"
        );
        assert_eq!(n.normalize("a seaside town"), "a seaside town");
    }
}
