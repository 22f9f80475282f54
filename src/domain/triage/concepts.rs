//! Reading an entry for concepts, sentence by sentence, with modifiers
//! scoped to their clause or sentence.
//!
//! A concept found under a negation ("I'm not going to..."), about the
//! distant past ("when I was 15"), about someone else ("my friend ...") or
//! inside a figure of speech ("my feet are killing me") is set aside. What
//! remains is a set of concepts per sentence for the ladder to combine.

use serde::Deserialize;

use super::lexicon::{Hit, Lexicon};
use super::tokens;

/// Every concept and modifier the lexicon can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Concept {
    // Modifiers.
    SelfRef,
    OtherPerson,
    Fiction,
    Negation,
    Past,
    Present,
    Hypothetical,
    Idiom,
    Hedge,
    // Ideation, from passive to active.
    Death,
    Passive,
    Wish,
    Hopeless,
    Image,
    // Plan and its parts.
    Intent,
    Time,
    Preparation,
    Farewell,
    // Acts and the body.
    Act,
    ActState,
    Quantity,
    Body,
    SelfHarm,
    Purge,
    MedStop,
    Deliberate,
    // Danger from another person.
    Violence,
    DangerNow,
    Unsafe,
    // Means, by family.
    MeansPills,
    MeansBlade,
    MeansHeight,
    MeansWater,
    MeansTraffic,
    MeansHanging,
    MeansFirearm,
    MeansGas,
    MeansPoison,
}

impl Concept {
    pub const fn bit(self) -> u64 {
        1u64 << (self as u8)
    }

    /// Concepts that only count when about the writer.
    fn self_directed(self) -> bool {
        use Concept::*;
        matches!(
            self,
            Death
                | Passive
                | Wish
                | Image
                | Intent
                | Preparation
                | Farewell
                | Act
                | ActState
                | Body
                | SelfHarm
                | Purge
                | MedStop
                | Hopeless
                | Unsafe
        ) || self.is_means()
    }

    pub fn is_means(self) -> bool {
        use Concept::*;
        matches!(
            self,
            MeansPills
                | MeansBlade
                | MeansHeight
                | MeansWater
                | MeansTraffic
                | MeansHanging
                | MeansFirearm
                | MeansGas
                | MeansPoison
        )
    }

    fn is_modifier(self) -> bool {
        use Concept::*;
        matches!(
            self,
            SelfRef
                | OtherPerson
                | Fiction
                | Negation
                | Past
                | Present
                | Hypothetical
                | Idiom
                | Hedge
        )
    }
}

/// Bits of every means family.
pub const MEANS: u64 = Concept::MeansPills.bit()
    | Concept::MeansBlade.bit()
    | Concept::MeansHeight.bit()
    | Concept::MeansWater.bit()
    | Concept::MeansTraffic.bit()
    | Concept::MeansHanging.bit()
    | Concept::MeansFirearm.bit()
    | Concept::MeansGas.bit()
    | Concept::MeansPoison.bit();

/// What one sentence says, after the modifiers have had their say.
#[derive(Debug, Clone, Default)]
pub struct SentenceFacts {
    /// Concepts that stand.
    pub kept: u64,
    /// Concepts set aside by a modifier (still a reason not to call it hours).
    pub set_aside: u64,
    /// Of those, the ones set aside by a negation ("I'm not suicidal").
    pub denied: u64,
    /// A "what if" or "would" governs some concept.
    pub hypothetical: bool,
    /// The words of the first time phrase, for a reason.
    pub time_words: Option<String>,
}

impl SentenceFacts {
    pub fn has(&self, c: Concept) -> bool {
        self.kept & c.bit() != 0
    }
}

/// Words common in Spanish and rare in English: two of them switch the
/// Spanish half of the lexicon on.
const SPANISH_MARKERS: [&str; 20] = [
    "que", "el", "la", "los", "las", "estoy", "mi", "es", "lo", "por", "con", "una", "para",
    "pero", "muy", "ya", "mas", "tengo", "quiero", "porque",
];

fn looks_spanish(norm: &str) -> bool {
    let mut seen = 0u32;
    for w in norm.split(' ') {
        if let Some(i) = SPANISH_MARKERS.iter().position(|m| *m == w) {
            seen |= 1 << i;
            if seen.count_ones() >= 2 {
                return true;
            }
        }
    }
    false
}

/// How far back (in words) a negation reaches.
const NEGATION_REACH: usize = 4;

/// Read normalised text into per-sentence facts.
pub fn read(lex: &Lexicon, norm: &str) -> Vec<SentenceFacts> {
    let spanish = looks_spanish(norm);
    let mut out = Vec::new();
    let mut hits: Vec<Hit> = Vec::new();
    for s in tokens::sentences(norm) {
        hits.clear();
        lex.find(&s.words, spanish, &mut hits);
        out.push(judge(&s, &hits));
    }
    out
}

fn judge(s: &tokens::Sentence<'_>, hits: &[Hit]) -> SentenceFacts {
    use Concept::*;
    let mut facts = SentenceFacts::default();
    // The distant past covers its own clause only, so "I used to think
    // about it, but now every day" keeps the second half.
    let distant_past = |at: usize| {
        let in_clause = |c: Concept| {
            hits.iter()
                .any(|m| m.concept == c && same_clause(s, m.start, at))
        };
        in_clause(Past) && !in_clause(Present)
    };
    let idiom_words: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| h.concept == Idiom)
        .map(|h| (h.start, h.end))
        .collect();
    for h in hits {
        if h.concept.is_modifier() {
            continue;
        }
        let in_idiom = idiom_words.iter().any(|&(a, b)| h.start < b && a < h.end);
        let mut aside = in_idiom;
        if !aside && negated(s, hits, h) {
            aside = true;
            facts.denied |= h.concept.bit();
        }
        if !aside && h.concept.self_directed() {
            if distant_past(h.start) {
                aside = true;
            } else if about_someone_else(s, hits, h) {
                aside = true;
            }
        }
        if aside {
            facts.set_aside |= h.concept.bit();
            continue;
        }
        facts.kept |= h.concept.bit();
        if hits.iter().any(|m| {
            m.concept == Hypothetical && m.end <= h.start && same_clause(s, m.start, h.start)
        }) {
            facts.hypothetical = true;
        }
        if h.concept == Time && facts.time_words.is_none() {
            facts.time_words = Some(s.words[h.start..h.end].join(" "));
        }
    }
    facts
}

fn same_clause(s: &tokens::Sentence<'_>, a: usize, b: usize) -> bool {
    s.clause[a] == s.clause[b]
}

/// Words that close what a negation denies: "I'm not ok, I want to die"
/// negates "ok", not what follows.
const NEGATION_ENDS: [&str; 8] = [
    "ok", "okay", "fine", "alright", "good", "well", "bien", "vale",
];

/// A negation shortly before the concept, in its clause.
fn negated(s: &tokens::Sentence<'_>, hits: &[Hit], h: &Hit) -> bool {
    hits.iter().any(|n| {
        n.concept == Concept::Negation
            && n.end <= h.start
            && h.start - n.end <= NEGATION_REACH
            && same_clause(s, n.start, h.start)
            && !s.words[n.end..h.start]
                .iter()
                .any(|w| NEGATION_ENDS.contains(w))
    })
}

/// The nearest person named before the concept in its clause is someone
/// else (or a story), and the concept does not name the writer itself.
fn about_someone_else(s: &tokens::Sentence<'_>, hits: &[Hit], h: &Hit) -> bool {
    let names_me = hits
        .iter()
        .any(|m| m.concept == Concept::SelfRef && m.start >= h.start && m.end <= h.end);
    if names_me {
        return false;
    }
    let mut nearest: Option<(usize, Concept)> = None;
    for m in hits {
        let person = matches!(
            m.concept,
            Concept::SelfRef | Concept::OtherPerson | Concept::Fiction
        );
        if person && m.end <= h.start && same_clause(s, m.start, h.start) {
            if nearest.is_none_or(|(end, _)| m.end > end) {
                nearest = Some((m.end, m.concept));
            }
        }
    }
    matches!(
        nearest,
        Some((_, Concept::OtherPerson)) | Some((_, Concept::Fiction))
    )
}
