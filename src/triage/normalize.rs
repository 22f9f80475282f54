//! Text normalisation for triage: lowercase, strip accents, drop apostrophes,
//! fold punctuation, collapse whitespace and letter repeats, fix common
//! misspellings. The output keeps sentence punctuation (`. , ; : ! ?`) so the
//! engine can find clause and sentence boundaries.

use std::collections::{HashMap, HashSet};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Data-driven word fixes, built from the `[normalize]` table of the TOML.
#[derive(Debug, Default)]
pub(crate) struct Normalizer {
    /// Whole-word replacements (`sucide` -> `suicide`, `kms` -> `kill myself`).
    pub words: HashMap<String, String>,
    /// Words the de-doubling step may restore (`diee` -> `die`).
    pub core: HashSet<String>,
    /// Consonant skeleton -> word, for free-form misspellings (`suiside`).
    pub skeletons: HashMap<String, String>,
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Consonants of a word with doubled letters collapsed: `suicide` -> `scd`.
fn skeleton(word: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in word.chars() {
        if is_vowel(c) {
            continue;
        }
        if last != Some(c) {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

impl Normalizer {
    /// Character-level pass: returns a string of lowercase words separated by
    /// single spaces, with sentence punctuation kept as separate characters.
    fn fold_chars(text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        let mut pending_space = false;
        let mut run_char = '\0';
        let mut run_len = 0usize;
        for ch in text.nfkd() {
            if is_combining_mark(ch) {
                continue;
            }
            match ch {
                // Apostrophes vanish: "i'm" -> "im", "don't" -> "dont".
                '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{00B4}' | '\u{02BC}' | '\u{2032}' => {
                    continue
                }
                '\n' | '\r' | '\u{2028}' | '\u{2029}' => {
                    // A line break ends a sentence.
                    if !out.is_empty() && !out.ends_with('.') {
                        out.push_str(" .");
                    }
                    pending_space = true;
                    run_len = 0;
                    continue;
                }
                '.' | ',' | ';' | ':' | '!' | '?' => {
                    if !out.is_empty() && !out.ends_with(' ') {
                        out.push(' ');
                    }
                    out.push(ch);
                    pending_space = true;
                    run_len = 0;
                    continue;
                }
                _ => {}
            }
            if ch.is_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                for lc in ch.to_lowercase() {
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
                }
            } else {
                // Any other symbol (quotes, dashes, emoji, spaces) separates words.
                pending_space = true;
                run_len = 0;
                run_char = '\0';
            }
        }
        out
    }

    fn fix_word<'a>(&'a self, w: &'a str) -> &'a str {
        if let Some(r) = self.words.get(w) {
            return r.as_str();
        }
        if self.core.contains(w) || !w.is_ascii() {
            return w;
        }
        // Skeleton match for misspellings of key words (same first two letters).
        if w.len() >= 6 {
            let sk = skeleton(w);
            if let Some(target) = self.skeletons.get(&sk) {
                if target.as_bytes()[..2] == w.as_bytes()[..2] {
                    return target.as_str();
                }
            }
        }
        w
    }

    /// Undo one doubled letter when that yields a core word (`diee` -> `die`).
    fn dedouble(&self, w: &str) -> Option<String> {
        let b = w.as_bytes();
        for i in 1..b.len() {
            if b[i] == b[i - 1] {
                let mut cand = String::with_capacity(w.len());
                cand.push_str(&w[..i]);
                cand.push_str(&w[i + 1..]);
                if self.core.contains(&cand) {
                    return Some(cand);
                }
            }
        }
        None
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
            let fixed = self.fix_word(w);
            if fixed == w && w.is_ascii() && !self.core.contains(w) {
                if let Some(d) = self.dedouble(w) {
                    out.push_str(self.fix_word(&d));
                    continue;
                }
            }
            out.push_str(fixed);
        }
        out
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
