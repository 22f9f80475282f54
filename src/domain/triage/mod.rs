//! Triage: sorts an entry into `session`, `hours` or `crisis`.
//!
//! Three signals, combined so that crisis always wins:
//! 1. **Concepts** (`concepts.rs`, lexicon in `assets/triage-concepts.toml`):
//!    each sentence is read for separate concepts (death, means, intent,
//!    time, preparation, an act, bodily danger, self-harm, harm from someone
//!    else) and modifiers (negation, past, hypothetical, third person, idiom,
//!    fiction or news); `ladder.rs` combines them along the C-SSRS ladder.
//! 2. **Phrases** (`phrases.rs`, `assets/triage.toml`): logistics phrasings
//!    for `hours`, session cues, and guarded crisis phrasings.
//! 3. **Model** (`model.rs`, `assets/triage-model.bin`): logistic regression
//!    over hashed n-grams, trained in the repo by `train-triage`.
//!
//! `hours` is only possible when no signal sees anything worrying. Reasons
//! name the concept in plain words and never repeat a method back.
//! Nothing here logs or prints entry text.

mod concepts;
pub mod corpus;
mod ladder;
mod lexicon;
pub mod model;
mod normalize;
mod phrases;
mod reasons;
mod tokens;

use std::sync::OnceLock;

pub use crate::domain::model::{Bucket, CrisisLevel, TextingPurpose, TextingScope};
use model::{Head, Model};
pub use phrases::{PhraseEngine, BUILTIN_TOML};

/// The bundled concept lexicon.
pub const CONCEPTS_TOML: &str = include_str!("../../../assets/triage-concepts.toml");
/// The bundled model weights (see `src/bin/train-triage.rs`).
pub const MODEL_BYTES: &[u8] = include_bytes!("../../../assets/triage-model.bin");

/// Longest `matched` text in a reason, in characters.
const MAX_MATCHED_CHARS: usize = 60;
/// Most reasons a result carries.
const MAX_REASONS: usize = 8;

/// Where the model's probabilities cut. The defaults are what the app uses;
/// `train-triage --holdout` may try others (see its `TH_*` variables).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// From which an entry counts as crisis when a concept backs it up.
    pub crisis_with_sign: f32,
    /// From which an entry counts as crisis on its own.
    pub crisis_alone: f32,
    /// From which the check-in question is asked.
    pub check_in: f32,
    /// Imminent-head probability that raises a crisis to imminent.
    pub imminent: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            crisis_with_sign: 0.5,
            crisis_alone: 0.7,
            check_in: 0.35,
            imminent: 0.6,
        }
    }
}

/// Model probability from which it calls a crisis the writer denied.
const MODEL_CRISIS_OVER_DENIAL: f32 = 0.97;
/// Fewest words on which the model alone may call a crisis.
const MODEL_ALONE_MIN_WORDS: usize = 4;
/// Model probability from which an entry is never filed as logistics to
/// text later (it is kept for the session, and the check-in asks). At 0.5,
/// 14 of 5,130 crisis entries went to *hours* in cross-validation; at 0.3,
/// 8, for 18 of 3,446 logistics entries kept for the session instead.
const MODEL_NOT_HOURS: f32 = 0.3;
/// Hours-head probability that makes a brief entry logistics when no
/// phrase rule named it.
const MODEL_HOURS: f32 = 0.5;
/// How many of its strongest words a model reason may pick from (means
/// are filtered out before three are shown).
const EXPLAIN_WORDS: usize = 12;
/// Signs that keep an entry out of "maybe send during hours" even when no
/// rung of the ladder was climbed: the body in trouble, a medicine stopped,
/// and the means that logistics never name (pills, bridges and gas do turn
/// up in bills and directions; being somewhere and preparing cost too many
/// plain logistics in cross-validation).
const NEVER_LOGISTICS: u64 = concepts::Concept::Body.bit()
    | concepts::Concept::MedStop.bit()
    | concepts::Concept::MeansBlade.bit()
    | concepts::Concept::MeansFirearm.bit()
    | concepts::Concept::MeansPoison.bit();

/// Longest entry (in words) the model alone may call logistics.
const MODEL_HOURS_MAX_WORDS: usize = 40;

/// One explanation: which kind of signal, on what words, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Reason {
    /// Signal family, e.g. `crisis.plan` (for tools, never shown as the why).
    pub rule: String,
    /// The words as found (normalised, short). Never a means or method for
    /// a crisis reason: empty, or a time.
    pub matched: String,
    /// Plain words for a person.
    pub why: String,
}

impl Reason {
    fn new(rule: &str, matched: &str, why: &str) -> Reason {
        Reason {
            rule: rule.to_string(),
            matched: shorten(matched),
            why: why.to_string(),
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.why)
    }
}

/// The outcome of triage.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Triage {
    pub bucket: Bucket,
    pub crisis_level: CrisisLevel,
    pub reasons: Vec<Reason>,
    /// Worrying but not clearly a crisis: ask the person directly.
    pub check_in: bool,
}

/// Why a lexicon could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum TriageError {
    #[error("triage rules are not valid TOML: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("triage rule '{rule}' has a bad pattern '{pattern}': {message}")]
    Pattern {
        rule: String,
        pattern: String,
        message: String,
    },
    #[error("triage rules are inconsistent: {0}")]
    Config(String),
}

pub(crate) fn shorten(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() <= MAX_MATCHED_CHARS {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(MAX_MATCHED_CHARS).collect();
        out.push('…');
        out
    }
}

/// What the model reads: the words and characters of normalised text and
/// the concepts found in it (training and triage use exactly this).
fn features_of(norm: &str, found: &[concepts::SentenceFacts]) -> Vec<model::Feature> {
    let mut feats = model::features(norm);
    feats.extend(model::concept_features(found));
    feats
}

/// The compiled triage engine. Build once, use from any thread.
#[derive(Debug)]
pub struct Engine {
    phrases: PhraseEngine,
    concepts: lexicon::Lexicon,
    model: Option<Model>,
    thresholds: Thresholds,
}

impl Engine {
    /// The same engine cutting the model's scores elsewhere (for tuning).
    pub fn with_thresholds(mut self, thresholds: Thresholds) -> Engine {
        self.thresholds = thresholds;
        self
    }

    /// Build from lexicon texts and model bytes (an unreadable model is
    /// left out: the rules still run).
    pub fn from_parts(
        phrases_toml: &str,
        concepts_toml: &str,
        model_bytes: &[u8],
    ) -> Result<Engine, TriageError> {
        Ok(Engine {
            phrases: PhraseEngine::from_toml(phrases_toml)?,
            concepts: lexicon::Lexicon::from_toml(concepts_toml)?,
            model: Model::from_bytes(model_bytes).ok(),
            thresholds: Thresholds::default(),
        })
    }

    /// The engine over the bundled assets.
    ///
    /// Panics only if a bundled asset is broken; a unit test guards that.
    pub fn builtin() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(|| {
            Engine::from_parts(BUILTIN_TOML, CONCEPTS_TOML, MODEL_BYTES)
                .unwrap_or_else(|e| panic!("bundled triage assets are broken: {e}"))
        })
    }

    /// Whether the bundled model loaded.
    pub fn has_model(&self) -> bool {
        self.model.is_some()
    }

    /// The normalised form of a text, as every signal sees it.
    pub fn normalize(&self, text: &str) -> String {
        self.phrases.normalize(text)
    }

    /// What the model reads of a text: its words and characters, and the
    /// concepts found in it (training uses exactly this).
    pub fn model_features(&self, text: &str) -> Vec<model::Feature> {
        let norm = self.phrases.normalize(text);
        features_of(&norm, &concepts::read(&self.concepts, &norm))
    }

    /// For tuning the lexicon: each sentence's concepts (kept, and set
    /// aside in brackets) and the model's crisis score. Never shown to users.
    pub fn trace(&self, text: &str) -> Vec<String> {
        let norm = self.phrases.normalize(text);
        let found = concepts::read(&self.concepts, &norm);
        let hits = concepts::hits_by_sentence(&self.concepts, &norm);
        let mut lines: Vec<String> = found
            .iter()
            .zip(hits)
            .enumerate()
            .map(|(i, (f, hits))| {
                format!(
                    "sentence {}: {} [{}] :: {hits}",
                    i + 1,
                    concepts::names(f.kept).join(" "),
                    concepts::names(f.set_aside).join(" ")
                )
            })
            .collect();
        if let Some(m) = &self.model {
            let feats = features_of(&norm, &found);
            lines.push(format!(
                "model: crisis {:.2}, imminent {:.2}",
                m.score(Head::Crisis, &feats),
                m.score(Head::Imminent, &feats)
            ));
        }
        lines
    }

    /// Heuristic used by the send window: true for long or emotional content.
    pub fn is_session_material(&self, text: &str) -> bool {
        self.phrases.is_session_material(text)
    }

    /// Sort one entry.
    pub fn triage(&self, text: &str, scope: &TextingScope) -> Triage {
        let norm = self.phrases.normalize(text);
        let found = concepts::read(&self.concepts, &norm);
        let verdict = ladder::climb(&found);

        let (p_crisis, model_imminent, model_hours) = match &self.model {
            Some(m) => {
                let feats = features_of(&norm, &found);
                (
                    m.score(Head::Crisis, &feats),
                    m.score(Head::Imminent, &feats),
                    Some(m.score(Head::Hours, &feats)),
                )
            }
            None => (0.0, 0.0, None),
        };
        // The words behind a verdict are found only when a reason shows them.
        let explain = |head: Head| {
            self.model
                .as_ref()
                .map_or_else(Vec::new, |m| m.explain(head, &norm, EXPLAIN_WORDS))
        };

        let phrase_result = self.phrases.triage_normalized(&norm, scope);

        let mut level = verdict.level;
        let mut reasons: Vec<Reason> = verdict.reasons.clone();
        // The phrase rules' crisis verdict, retold without quoting them.
        // The phrase rules do not see modifiers as well as the concept
        // reader: where it set every sign aside (past, someone else's, an
        // idiom) and kept none, a phrase alone does not overrule it.
        let set_aside_only = verdict.any_set_aside && !verdict.any_concern && !verdict.any_sign;
        // Hopelessness on its own is a reason to ask, not a crisis: the
        // concept reader and the check-in question handle it.
        let phrase_crisis = phrase_result
            .reasons
            .iter()
            .any(|r| r.rule.starts_with("crisis") && r.rule != "crisis.hopeless");
        let phrase_hopeless = phrase_result.bucket == Bucket::Crisis && !phrase_crisis;
        if phrase_result.bucket == Bucket::Crisis && phrase_crisis && !set_aside_only {
            level = level.max(phrase_result.crisis_level);
            for r in &phrase_result.reasons {
                if let Some(safe) = reasons::retell_phrase_reason(r) {
                    reasons::push_unique(&mut reasons, safe);
                }
            }
        }
        // Alone, the model needs a few words to go on: a half-typed "every"
        // scores like "everyone would be better off" in character n-grams.
        let words = norm.split(' ').filter(|w| !w.is_empty()).count();
        // Nor may it overrule the writer's own "I'm not suicidal" unless it
        // is all but sure.
        let alone_from = if verdict.denies_death {
            MODEL_CRISIS_OVER_DENIAL
        } else {
            self.thresholds.crisis_alone
        };
        let model_alone = p_crisis >= alone_from && words >= MODEL_ALONE_MIN_WORDS;
        let model_says_crisis =
            model_alone || (p_crisis >= self.thresholds.crisis_with_sign && verdict.any_sign);
        if model_says_crisis {
            level = level.max(CrisisLevel::Elevated);
            if let Some(r) = reasons::model_reason(&explain(Head::Crisis), &self.concepts) {
                reasons.push(r);
            }
        }
        if level > CrisisLevel::None
            && (model_imminent >= self.thresholds.imminent || verdict.urgent)
        {
            level = CrisisLevel::Imminent;
        }

        if level > CrisisLevel::None {
            reasons.sort_by_key(|r| !r.rule.starts_with("crisis"));
            reasons.truncate(MAX_REASONS);
            return Triage {
                bucket: Bucket::Crisis,
                crisis_level: level,
                reasons,
                check_in: false,
            };
        }

        let mut result = phrase_result;
        if result.bucket == Bucket::Crisis {
            // Only hopelessness was found (see `phrase_hopeless`): it is asked about.
            result.bucket = Bucket::Session;
            result.crisis_level = CrisisLevel::None;
        }
        result
            .reasons
            .retain(|r| !r.rule.starts_with("crisis") && !r.rule.starts_with("guard"));
        // Logistics the phrase rules did not name, in a brief entry the
        // model reads as logistics.
        if result.bucket == Bucket::Session
            && result.reasons.iter().all(|r| r.rule == "session.default")
            && norm.split(' ').count() <= MODEL_HOURS_MAX_WORDS
            && p_crisis < MODEL_NOT_HOURS
            && reads_as_a_message(&norm)
        {
            if model_hours.is_some_and(|h| h >= MODEL_HOURS) {
                result.bucket = Bucket::Hours;
                result.reasons = vec![reasons::model_hours_reason(&explain(Head::Hours))];
            }
        }
        // Crisis always wins, the model's doubts too: wording close to
        // crisis entries is never filed as something to text later.
        let concept_worry = verdict.check_in
            || verdict.any_concern
            || found.iter().any(|s| s.kept & NEVER_LOGISTICS != 0)
            || p_crisis >= MODEL_NOT_HOURS;
        // The model's middle band asks, unless the entry is plainly logistics.
        let check_in = verdict.check_in
            || phrase_hopeless
            || (p_crisis >= self.thresholds.check_in
                && (result.bucket != Bucket::Hours || concept_worry));
        result.check_in = check_in;
        if concept_worry && result.bucket == Bucket::Hours {
            // Crisis always wins: a logistics aside never makes a worrying
            // entry something to text later.
            result.bucket = Bucket::Session;
            result.reasons.insert(0, reasons::worrying_not_hours());
        }
        if check_in {
            result.reasons.insert(0, reasons::check_in_reason());
        }
        for r in verdict.reasons {
            reasons::push_unique(&mut result.reasons, r);
        }
        if result.reasons.is_empty() {
            result.reasons.push(reasons::default_session());
        }
        result.reasons.truncate(MAX_REASONS);
        result
    }
}

/// Words that make a brief text read as a message to someone rather than a
/// line of diary: the model may only file those as logistics ("Walked to
/// the park with my sister" is not something to text).
const MESSAGE_CUES: &[&str] = &[
    "you",
    "your",
    "youre",
    "we",
    "us",
    "can",
    "could",
    "would",
    "will",
    "pls",
    "please",
    "sorry",
    "thanks",
    "thank",
    "ok",
    "okay",
    "tmrw",
    "tomorrow",
    "today",
    "tonight",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "late",
    "asap",
    "still",
    "session",
    "appt",
    "appointment",
    "next",
    "invoice",
    "receipt",
    "bill",
    "billing",
    "paid",
    "pay",
    "payment",
    "fee",
    "fees",
    "copay",
    "insurance",
    "letter",
    "form",
    "forms",
    "video",
    "zoom",
    "phone",
    "office",
    "reschedule",
    "cancel",
    "cancelled",
    "canceled",
    "move",
    "moved",
    "running",
    "left",
    "forgot",
    "week",
    "time",
    "am",
    "pm",
    "noon",
    "minutes",
    "mins",
    "hour",
    "sesion",
    "cita",
    "consulta",
    "factura",
    "recibo",
    "manana",
    "hoy",
    "puedo",
    "podemos",
    "lunes",
    "martes",
    "miercoles",
    "jueves",
    "viernes",
    "tarde",
    "perdon",
    "gracias",
];

fn reads_as_a_message(norm: &str) -> bool {
    norm.contains('?')
        || norm
            .split(' ')
            .any(|w| w.bytes().any(|b| b.is_ascii_digit()) || MESSAGE_CUES.contains(&w))
}

/// Triage with the bundled engine and the default texting scope.
pub fn triage(text: &str) -> Triage {
    Engine::builtin().triage(text, &TextingScope::default())
}

#[cfg(test)]
mod phrases_tests;
#[cfg(test)]
mod scope_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod word_sense_tests;
