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

/// Declares [`Concept`] and [`ALL`] from one list, so the two never drift.
macro_rules! concepts {
    ($($name:ident,)*) => {
        /// Every concept and modifier the lexicon can name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Concept {
            $($name,)*
        }

        /// Every concept, in declaration order (for [`names`]).
        const ALL: &[Concept] = &[$(Concept::$name,)*];
    };
}

concepts! {
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
    // Added later (the model's features follow declaration order).
    Accident,
    Joke,
    Transition,
    // A question someone asked ("she asked if I'd had thoughts of ...") and
    // the writer's answer to it.
    Asked,
    AnsweredNo,
    Admitted,
}

impl Concept {
    pub const fn bit(self) -> u64 {
        1u64 << (self as u8)
    }

    /// Concepts that only count when about the writer.
    const fn self_directed(self) -> bool {
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

    pub const fn is_means(self) -> bool {
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
                | Accident
                | Joke
                | Transition
                | Asked
                | AnsweredNo
                | Admitted
        )
    }
}

/// Every concept that only counts when about the writer, as bits.
const SELF_DIRECTED_BITS: u64 = {
    let mut bits = 0u64;
    let mut i = 0;
    while i < ALL.len() {
        if ALL[i].self_directed() {
            bits |= ALL[i].bit();
        }
        i += 1;
    }
    bits
};

/// The names of the concepts in a bit set (for tracing while tuning).
pub fn names(bits: u64) -> Vec<String> {
    ALL.iter()
        .filter(|c| bits & c.bit() != 0)
        .map(|c| format!("{c:?}"))
        .collect()
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

/// Words that put a clock time after them: "at 3", "by half 11", "till 4".
const CLOCK_LEADS: [&str; 8] = ["at", "by", "around", "till", "til", "until", "before", "a"];

/// A time of day said by the clock ("at 3:45", "by half 11", "11pm",
/// "a las 3") is a time like "tonight": the lexicon cannot list every
/// number, so these are found here. The normaliser splits "3:45" into
/// "3" and "45", so the hour is the word after the lead.
fn clock_times(s: &tokens::Sentence<'_>, hits: &mut Vec<Hit>) {
    let hour = |w: &str| w.parse::<u8>().is_ok_and(|h| (1..=24).contains(&h));
    let suffixed = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[digits.len()..];
        hour(digits) && matches!(suffix, "am" | "pm")
    };
    for (i, w) in s.words.iter().enumerate() {
        if suffixed(w) {
            hits.push(Hit {
                concept: Concept::Time,
                start: i,
                end: i + 1,
            });
            continue;
        }
        if !CLOCK_LEADS.contains(w) {
            continue;
        }
        // "a las 3": the Spanish lead is two words.
        let mut at = i + 1;
        if *w == "a" {
            if s.words.get(at) != Some(&"las") && s.words.get(at) != Some(&"la") {
                continue;
            }
            at += 1;
        }
        if matches!(s.words.get(at), Some(&"half") | Some(&"quarter")) {
            at += 1;
            if s.words.get(at) == Some(&"past") || s.words.get(at) == Some(&"to") {
                at += 1;
            }
        }
        if s.words.get(at).is_some_and(|n| hour(n) || suffixed(n)) {
            // "at 4:30" arrives as "at 4 30": the minutes belong to it.
            let minutes = s
                .words
                .get(at + 1)
                .is_some_and(|m| m.len() == 2 && m.parse::<u8>().is_ok_and(|m| m < 60));
            hits.push(Hit {
                concept: Concept::Time,
                start: i,
                end: at + 1 + usize::from(minutes),
            });
        }
    }
}

/// Every concept found in one sentence: the lexicon's, then the clock
/// times it cannot list. Triage and its trace both read hits this way.
fn sentence_hits(lex: &Lexicon, s: &tokens::Sentence<'_>, spanish: bool, hits: &mut Vec<Hit>) {
    hits.clear();
    lex.find(&s.words, spanish, hits);
    clock_times(s, hits);
}

/// A time's words as a reason quotes them, with the clock's colon back
/// between hour and minutes ("at 4:30", not "at 4 30").
fn time_said(words: &[&str]) -> String {
    let numeric = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(if numeric(words[i - 1]) && numeric(w) {
                ':'
            } else {
                ' '
            });
        }
        out.push_str(w);
    }
    out
}

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
    /// The sentence laughs at itself ("lol", "jaja", "figuratively").
    pub joke: bool,
    /// The sentence only dates something ("It was six years ago."): a
    /// past word, nothing about now, and no concept of its own.
    pub dates_only: bool,
    /// The sentence tells of a move, a retirement, a last shift or a
    /// holiday ("last day at the council", "off to Cornwall for a week").
    pub transition: bool,
    /// Someone asked the writer a question ("the GP asked whether ...").
    pub asked: bool,
    /// The writer says they answered no ("I said no", "le dije que no").
    pub answered_no: bool,
    /// The writer says the answer was not true ("I lied", "menti").
    pub admitted: bool,
    /// A bare denial of what came before ("I'm not.", "It wasn't.").
    pub takes_back: bool,
}

impl SentenceFacts {
    pub fn has(&self, c: Concept) -> bool {
        self.kept & c.bit() != 0
    }

    /// Move whatever of `mask` stands to the set-aside concepts.
    fn put_aside(&mut self, mask: u64) {
        let covered = self.kept & mask;
        self.kept &= !covered;
        self.set_aside |= covered;
    }
}

/// Words common in Spanish and rare in English: two different ones switch
/// the Spanish half of the lexicon on. The list is long so that a short
/// sentence ("quiero dormirme y no despertar") is still recognised.
#[rustfmt::skip]
const SPANISH_MARKERS: [&str; 88] = [
    "que", "el", "la", "los", "las", "estoy", "mi", "es", "lo", "por", "con", "una", "para",
    "pero", "muy", "ya", "mas", "tengo", "quiero", "porque", "y", "de", "del", "en", "se", "un",
    "al", "como", "nada", "todo", "esta", "estar", "hay", "cuando", "yo", "eso", "esto", "ahora",
    "nunca", "siempre", "hoy", "manana", "pienso", "veces", "mejor", "puedo", "ganas", "vida",
    "noche", "casa", "solo", "sola", "nadie", "otra", "voy", "dormir",
    // Short lines in a hurry ("me volvi a cortar poquito", "cancela el
    // lunes") often carry only these.
    "volvi", "vez", "poco", "poquito", "cansada", "cansado", "vivir", "morir", "pareja", "novio",
    "novia", "esposo", "esposa", "dinero", "telefono", "celular", "trabajo", "lunes", "martes",
    "miercoles", "jueves", "viernes", "sabado", "domingo", "cancela", "sigo", "guardando",
    "acaso", "pastillas", "tambien", "aqui", "despues",
];

/// The markers by word, built once (a hash lookup per word instead of a
/// scan of the list).
fn spanish_marker(w: &str) -> Option<usize> {
    use std::sync::OnceLock;
    static INDEX: OnceLock<super::normalize::FastMap<&'static str, usize>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            SPANISH_MARKERS
                .iter()
                .enumerate()
                .map(|(i, m)| (*m, i))
                .collect()
        })
        .get(w)
        .copied()
}

fn looks_spanish(norm: &str) -> bool {
    let mut seen = 0u128;
    for w in norm.split(' ') {
        if let Some(i) = spanish_marker(w) {
            seen |= 1 << i;
            if seen.count_ones() >= 2 {
                return true;
            }
        }
    }
    false
}

/// Units that make an "ago" a date long past rather than an act just done.
/// Whole words: a prefix test would let "messaged me, two days ago" through.
const DISTANT_UNITS: [&str; 11] = [
    "year", "years", "month", "months", "decade", "decades", "long", "ano", "anos", "mes", "meses",
];

/// How far back (in words) a negation reaches.
const NEGATION_REACH: usize = 4;

/// Read normalised text into per-sentence facts.
pub fn read(lex: &Lexicon, norm: &str) -> Vec<SentenceFacts> {
    let spanish = looks_spanish(norm);
    let mut out = Vec::new();
    let mut hits: Vec<Hit> = Vec::new();
    for s in tokens::sentences(norm) {
        sentence_hits(lex, &s, spanish, &mut hits);
        out.push(judge(&s, &hits));
    }
    // "Talked about the cutting. It was six years ago." A sentence that
    // only dates something dates the one before it.
    for i in 1..out.len() {
        if out[i].dates_only {
            out[i - 1].put_aside(SELF_DIRECTED_BITS);
        }
    }
    // "Told them I'm retiring. I'm not.": a cover story taken back is no
    // transition.
    for i in 1..out.len() {
        if out[i].takes_back {
            out[i - 1].transition = false;
        }
    }
    // A move, a retirement or a holiday has goodbyes, keys handed over and
    // things given away in it: in that sentence and the next, those are
    // not a farewell or a preparation.
    for i in 0..out.len() {
        let moving = out[i].transition || (i > 0 && out[i - 1].transition);
        if moving {
            out[i].put_aside(TRANSITION_COVERS);
        }
    }
    // "The nurse asked if I'd had thoughts of harming myself. I said no."
    // Words inside a screening question the writer answered no are the
    // question's, not the writer's; "I said no but I lied" keeps them.
    for i in 0..out.len() {
        let answered_no = out[i].answered_no || out.get(i + 1).is_some_and(|n| n.answered_no);
        let admitted = out[i..out.len().min(i + 3)].iter().any(|n| n.admitted);
        if out[i].asked && answered_no && !admitted {
            let questioned = out[i].kept & SELF_DIRECTED_BITS;
            out[i].put_aside(SELF_DIRECTED_BITS);
            out[i].denied |= questioned;
            if questioned != 0 {
                // Denying the question denies the death words in it, so
                // the model alone needs to be all but sure to overrule it.
                out[i].denied |= Concept::Death.bit();
            }
        }
    }
    // "I want to die lol", "walking into the sea (figuratively)": a joke
    // marker in the sentence or the next sets its hyperbole aside. Self-harm
    // and the body are never a joke; the model and the check-in question
    // still see the words.
    for i in 0..out.len() {
        let joke = out[i].joke || out.get(i + 1).is_some_and(|n| n.joke);
        // A body in trouble is never a joke, and neither is what it follows
        // ("took them, now shaking ... lol"): nothing in that sentence is
        // set aside.
        let body_in_trouble = out[i].kept & (Concept::Body.bit() | Concept::ActState.bit()) != 0;
        if joke && !body_in_trouble {
            out[i].put_aside(JOKE_COVERS);
        }
    }
    out
}

/// What a move, a retirement or a holiday sets aside.
const TRANSITION_COVERS: u64 = Concept::Farewell.bit() | Concept::Preparation.bit();

/// What a joke marker sets aside: hyperbole about dying, wishes, threats
/// ("mum will kill me lol") and the places people say they will walk into.
///
/// Passive ideation is not among them: "wouldn't mind if I didn't wake up
/// lol" is how it is often said.
const JOKE_COVERS: u64 = Concept::Death.bit()
    | Concept::Wish.bit()
    | Concept::Intent.bit()
    | Concept::Violence.bit()
    | Concept::Act.bit()
    | MEANS;

/// For tuning: every lexicon hit per sentence as `Concept=words`.
pub fn hits_by_sentence(lex: &Lexicon, norm: &str) -> Vec<String> {
    let spanish = looks_spanish(norm);
    let mut hits: Vec<Hit> = Vec::new();
    tokens::sentences(norm)
        .iter()
        .map(|s| {
            sentence_hits(lex, s, spanish, &mut hits);
            hits.iter()
                .map(|h| format!("{:?}={}", h.concept, s.words[h.start..h.end].join("_")))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn judge(s: &tokens::Sentence<'_>, hits: &[Hit]) -> SentenceFacts {
    use Concept::*;
    let mut facts = SentenceFacts::default();
    // The distant past covers its own clause only, so "I used to think
    // about it, but now every day" keeps the second half.
    // A past word inside the concept's own words ("picking at the scars")
    // does not put it in the past.
    let distant_past = |h: &Hit| {
        let at = h.start;
        // "Eight years ago now": a "now" inside a past phrase, or right
        // after "ago", is part of the dating.
        let inside_past = |m: &Hit| {
            hits.iter().any(|p| {
                p.concept == Past
                    && ((m.start >= p.start && m.end <= p.end)
                        || (p.end == m.start && s.words[p.end - 1] == "ago"))
            })
        };
        let in_clause = |c: Concept| {
            hits.iter().any(|m| {
                m.concept == c
                    && same_clause(s, m.start, at)
                    && !(m.start >= h.start && m.end <= h.end)
                    && !(c == Present && inside_past(m))
            })
        };
        // "I used to think about it, but now I think about it every day":
        // a later clause that is about now and wishes or pictures brings
        // the past concept back to the present.
        let back_now = hits.iter().any(|p| {
            p.concept == Present
                && s.clause[p.start] > s.clause[at]
                && hits.iter().any(|w| {
                    matches!(w.concept, Wish | Image) && s.clause[w.start] == s.clause[p.start]
                })
        });
        // "the night he choked me, eight years ago now": a short clause
        // that only dates something dates the clause before it. Only a
        // distant date does: "took them all, half an hour ago" is an act
        // just done.
        let dated_next = {
            let next = s.clause[at] + 1;
            let clause_words = || {
                s.words
                    .iter()
                    .zip(&s.clause)
                    .filter(move |(_, &c)| c == next)
                    .map(|(w, _)| *w)
            };
            (1..=5).contains(&clause_words().count())
                && clause_words().any(|w| w == "ago")
                && clause_words().any(|w| DISTANT_UNITS.contains(&w))
        };
        (in_clause(Past) || dated_next) && !in_clause(Present) && !back_now
    };
    let idiom_words: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| h.concept == Idiom)
        .map(|h| (h.start, h.end))
        .collect();
    // A dream told ("dreamt I was drowning", "soñé que me pegaba") is
    // material for the session, whoever was in it.
    let dreamt = hits.iter().any(|h| {
        h.concept == Fiction && DREAM_WORDS.iter().any(|d| s.words[h.start].starts_with(d))
    });
    // An accident told ("cut myself shaving", "burned myself while
    // cooking") covers its sentence: the act and the body are not a crisis.
    let accident = hits.iter().any(|h| h.concept == Accident);
    facts.joke = hits.iter().any(|h| h.concept == Joke);
    facts.transition = hits.iter().any(|h| h.concept == Transition);
    facts.takes_back = s.words.len() <= 3
        && hits.iter().any(|h| h.concept == Negation)
        && hits.iter().all(|h| matches!(h.concept, Negation | SelfRef))
        && s.words.iter().any(|w| TAKE_BACK_SUBJECTS.contains(w));
    facts.asked = hits.iter().any(|h| h.concept == Asked);
    facts.answered_no = hits.iter().any(|h| h.concept == AnsweredNo);
    facts.admitted = hits.iter().any(|h| h.concept == Admitted);
    facts.dates_only = s.words.len() <= 8
        && hits.iter().any(|h| h.concept == Past)
        && !hits
            .iter()
            .any(|h| h.concept == Present || !h.concept.is_modifier());
    for h in hits {
        if h.concept.is_modifier() {
            continue;
        }
        // A threat told by who made it ("husband said he'd kill me if ...")
        // is not the figure of speech "kill me if" ("mum will kill me if").
        // So is a blow with a person just before it ("wife's been hitting
        // me"), which the idiom "it's hitting me" is not.
        let literal = h.concept == Violence
            && (LITERAL_THREAT.contains(&s.words[h.start]) || blow_by_someone(s, hits, h));
        // A wished-for accident ("quisiera tener un accidente") is passive
        // ideation, not the figure of speech or the mishap inside it; but
        // an idiom reaching past a passive phrase ("ya no aguanto a la
        // gente") covers it.
        let in_idiom = !literal
            && idiom_words.iter().any(|&(a, b)| {
                h.start < b && a < h.end && !(h.concept == Passive && a >= h.start && b <= h.end)
            });
        let mut aside = in_idiom;
        if !aside && accident && ACCIDENT_COVERS.contains(&h.concept) {
            aside = true;
        }
        if !aside && h.concept == Violence && dreamt {
            aside = true;
        }
        if !aside && h.concept == Death && death_of_someone_else(s, hits, h) {
            aside = true;
        }
        // Harm from someone else told as long past ("my dad hit me when I
        // was a kid") is history for the session, as the writer's own is.
        if !aside && h.concept == Violence && distant_past(h) {
            aside = true;
        }
        if !aside && negated(s, hits, h) {
            aside = true;
            facts.denied |= h.concept.bit();
        }
        if !aside && h.concept.self_directed() {
            // Waking up sorry to be alive is the writer's own, not the
            // dream's ("dreamt I drowned and woke up disappointed").
            if distant_past(h) || (dreamt && h.concept != Passive) {
                aside = true;
            } else if h.concept != Farewell
                && !writers_own_burden(s, h)
                && about_someone_else(s, hits, h)
            {
                // A farewell names the person it is for ("told my mum it
                // isn't her fault"): that person is not the one at risk.
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
            facts.time_words = Some(time_said(&s.words[h.start..h.end]));
        }
    }
    facts
}

/// First words of a threat phrase that name who made it: such a phrase is
/// read literally even where it contains a figure of speech.
const LITERAL_THREAT: [&str; 13] = [
    "threatened",
    "husband",
    "boyfriend",
    "ex",
    "partner",
    "stepdad",
    "hubby",
    "marido",
    "novio",
    "esposo",
    "pareja",
    "padrastro",
    "bf",
];

/// Subjects of a bare denial ("I'm not", "it wasn't", "no lo soy").
const TAKE_BACK_SUBJECTS: [&str; 6] = ["im", "it", "i", "its", "wasnt", "soy"];

/// Blows that are literal when a person is named just before them; the
/// same words after "it" or "the news" are a figure of speech.
const BLOWS: [&str; 12] = [
    "hitting",
    "hit",
    "hits",
    "punching",
    "punched",
    "slapping",
    "slapped",
    "kicking",
    "kicked",
    "choking",
    "choked",
    "strangling",
];

/// A blow ("hitting me") with another person named at most two words
/// before it, in its clause ("kicked me off the bus" is no blow).
fn blow_by_someone(s: &tokens::Sentence<'_>, hits: &[Hit], h: &Hit) -> bool {
    let moved_along = s
        .words
        .get(h.end)
        .is_some_and(|w| matches!(*w, "off" | "out" | "to" | "into"));
    BLOWS.contains(&s.words[h.start])
        && !moved_along
        && hits.iter().any(|m| {
            m.concept == Concept::OtherPerson
                && m.end <= h.start
                && h.start - m.end <= 2
                && same_clause(s, m.start, h.start)
        })
}

/// The people a burden statement says would be better off: a collective
/// just before it ("everyone'd be better off") or the writer just after it
/// ("they'd be better off without me") makes it the writer's burden.
const COLLECTIVES: [&str; 8] = [
    "everyone",
    "everybody",
    "everyoned",
    "everybodyd",
    "world",
    "family",
    "todos",
    "familia",
];

fn writers_own_burden(s: &tokens::Sentence<'_>, h: &Hit) -> bool {
    if h.concept != Concept::Passive {
        return false;
    }
    let after = &s.words[h.end..s.words.len().min(h.end + 4)];
    let me_after = after
        .windows(2)
        .any(|w| matches!(w, ["without", "me"] | ["sin", "mi"]));
    let collective = s.words[..h.start]
        .iter()
        .rev()
        .take(3)
        .any(|w| COLLECTIVES.contains(w));
    me_after || collective
}

/// What an accident in the same sentence sets aside.
const ACCIDENT_COVERS: [Concept; 6] = [
    Concept::SelfHarm,
    Concept::Act,
    Concept::Body,
    Concept::Preparation,
    Concept::MeansBlade,
    Concept::ActState,
];

/// Words that start a dream or nightmare in the fiction list.
const DREAM_WORDS: [&str; 6] = ["dream", "nightmare", "sone", "sonaba", "pesadilla", "sueno"];

/// Words that may stand between a death and whose it was: "the death of
/// my grandmother", "la muerte de mi abuela".
const OF_WORDS: [&str; 12] = [
    "of", "my", "our", "his", "her", "their", "de", "mi", "su", "nuestra", "nuestro", "del",
];

/// A death followed, through "of my" / "de mi" only, by another person.
fn death_of_someone_else(s: &tokens::Sentence<'_>, hits: &[Hit], h: &Hit) -> bool {
    hits.iter().any(|m| {
        m.concept == Concept::OtherPerson
            && m.start >= h.end
            && m.start - h.end <= 3
            && s.words[h.end..m.start].iter().all(|w| OF_WORDS.contains(w))
            && s.words[h.end..m.start]
                .first()
                .is_some_and(|w| *w == "of" || *w == "de" || *w == "del")
    })
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

/// The writer's possessives, which say whose a thing is, not who acts.
const POSSESSIVES: [&str; 5] = ["my", "our", "mi", "mis", "nuestro"];
/// Someone else's possessives, which say whose a thing was.
const OTHERS_POSSESSIVES: [&str; 5] = ["his", "her", "their", "su", "sus"];

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
        // "A girl in my year self-harms": a possessive names whose
        // thing it is, not who acts.
        // Nor does "his" before a means: "I still have all his old
        // tablets" are the writer's to take.
        let possessive = (m.concept == Concept::SelfRef && POSSESSIVES.contains(&s.words[m.start]))
            || (m.concept == Concept::OtherPerson
                && h.concept.bit() & MEANS != 0
                && OTHERS_POSSESSIVES.contains(&s.words[m.start]));
        if person && !possessive && m.end <= h.start && same_clause(s, m.start, h.start) {
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
