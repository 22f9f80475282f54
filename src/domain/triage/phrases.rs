//! The phrase engine: regex phrase rules from `assets/triage.toml`.
//!
//! It is one signal among three (see `mod.rs`): it knows the logistics
//! phrasings that make an entry `hours`, the session cues, the idioms, and
//! a set of crisis phrasings with negation, past and third-person guards.
//! The concept rules and the model cover what its phrases do not.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use regex_automata::meta;
use regex_automata::{Input, MatchKind, PatternSet};
use serde::Deserialize;

use super::normalize::{FastSet, Normalizer};
use super::{shorten, Reason, Triage, TriageError};
use crate::domain::model::{Bucket, CrisisLevel, TextingPurpose, TextingScope};

/// The bundled lexicon.
pub const BUILTIN_TOML: &str = include_str!("../../../assets/triage.toml");

/// Most reasons a result carries (deciding reasons come first).
const MAX_REASONS: usize = 12;

// ------------------------------------------------------------------ config

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    #[allow(dead_code)]
    #[serde(default)]
    version: u32,
    #[serde(default)]
    normalize: NormalizeCfg,
    #[serde(default)]
    lists: HashMap<String, Vec<String>>,
    #[serde(default)]
    guards: GuardCfg,
    #[serde(default)]
    mask: Vec<MaskCfg>,
    #[serde(default)]
    rule: Vec<RuleCfg>,
    #[serde(default)]
    session_material: MaterialCfg,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NormalizeCfg {
    #[serde(default)]
    words: HashMap<String, String>,
    #[serde(default)]
    core: Vec<String>,
    #[serde(default)]
    skeletons: HashMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct GuardCfg {
    #[serde(default = "default_window")]
    negation_window: usize,
    #[serde(default)]
    negators: Vec<String>,
    #[serde(default)]
    negation_breakers: Vec<String>,
    #[serde(default)]
    first_person: Vec<String>,
    #[serde(default)]
    third_person: Vec<String>,
    #[serde(default)]
    topic_words: Vec<String>,
    #[serde(default = "default_topic_window")]
    topic_window: usize,
    #[serde(default)]
    past: Vec<String>,
    #[serde(default)]
    present: Vec<String>,
    #[serde(default)]
    hedges: Vec<String>,
    #[serde(default)]
    urgency: Vec<String>,
}

fn default_window() -> usize {
    3
}
fn default_topic_window() -> usize {
    6
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MaskCfg {
    why: String,
    patterns: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Crisis,
    Hours,
    Checkin,
    Session,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleCfg {
    id: String,
    kind: Kind,
    #[serde(default)]
    level: Option<String>,
    #[serde(default = "yes")]
    person_check: bool,
    why: String,
    patterns: Vec<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MaterialCfg {
    #[serde(default = "default_brief")]
    max_brief_words: usize,
    #[serde(default = "default_emo_min")]
    emotional_min: usize,
    #[serde(default = "default_emo_min_long")]
    emotional_min_long: usize,
    #[serde(default = "default_long")]
    long_words: usize,
    #[serde(default)]
    emotional: Vec<String>,
}

impl Default for MaterialCfg {
    fn default() -> Self {
        MaterialCfg {
            max_brief_words: default_brief(),
            emotional_min: default_emo_min(),
            emotional_min_long: default_emo_min_long(),
            long_words: default_long(),
            emotional: Vec::new(),
        }
    }
}

fn default_brief() -> usize {
    45
}
fn default_emo_min() -> usize {
    3
}
fn default_emo_min_long() -> usize {
    2
}
fn default_long() -> usize {
    25
}

// ------------------------------------------------------------------ compiled engine

#[derive(Debug)]
struct Rule {
    id: String,
    kind: Kind,
    level: CrisisLevel,
    person_check: bool,
    why: String,
}

/// A group of patterns scanned together: a set to find which fire, and the
/// individual regexes to locate them.
#[derive(Debug)]
struct PatternGroup {
    set: MultiSet,
    regexes: Vec<Regex>,
    /// For each pattern, the index of its rule (or mask).
    owner: Vec<usize>,
}

impl PatternGroup {
    fn build(items: Vec<(usize, String, String)>) -> Result<PatternGroup, TriageError> {
        // items: (owner, owner name, expanded pattern)
        let mut regexes = Vec::with_capacity(items.len());
        let mut owner = Vec::with_capacity(items.len());
        let mut wrapped = Vec::with_capacity(items.len());
        for (o, name, pat) in items {
            let w = wrap(&pat);
            let re = RegexBuilder::new(&w)
                .size_limit(1 << 24)
                .dfa_size_limit(1 << 23)
                .build()
                .map_err(|e| TriageError::Pattern {
                    rule: name.clone(),
                    pattern: pat.clone(),
                    message: e.to_string(),
                })?;
            regexes.push(re);
            owner.push(o);
            wrapped.push(w);
        }
        let set = MultiSet::build(&wrapped)?;
        Ok(PatternGroup {
            set,
            regexes,
            owner,
        })
    }
}

/// Which patterns of a group occur in a text: `regex::RegexSet` semantics
/// (every pattern, overlapping), built with regex-automata directly so the
/// literal prefilter can be turned off. With hundreds of short word
/// alternatives ("is", "it", "my", ...) that prefilter fires at almost every
/// word and made set scans several times slower than the lazy DFA alone.
#[derive(Debug)]
struct MultiSet {
    re: meta::Regex,
}

impl MultiSet {
    fn build(patterns: &[String]) -> Result<MultiSet, TriageError> {
        let config = meta::Config::new()
            .match_kind(MatchKind::All)
            .utf8_empty(true)
            .which_captures(regex_automata::nfa::thompson::WhichCaptures::None)
            .nfa_size_limit(Some(1 << 27))
            .hybrid_cache_capacity(1 << 25)
            .auto_prefilter(false);
        let re = meta::Builder::new()
            .configure(config)
            .syntax(regex_automata::util::syntax::Config::new().utf8(true))
            .build_many(patterns)
            .map_err(|e| TriageError::Config(format!("pattern set too large: {e}")))?;
        Ok(MultiSet { re })
    }

    /// The patterns that match somewhere in `hay`.
    fn matches(&self, hay: &str) -> SetHits {
        let mut set = PatternSet::new(self.re.pattern_len());
        self.re
            .which_overlapping_matches(&Input::new(hay), &mut set);
        SetHits(set)
    }
}

/// Pattern indexes found by [`MultiSet::matches`], in ascending order.
struct SetHits(PatternSet);

impl SetHits {
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().map(|p| p.as_usize())
    }

    fn matched_any(&self) -> bool {
        !self.0.is_empty()
    }
}

/// Wrap a lexicon pattern with ASCII word boundaries.
fn wrap(pat: &str) -> String {
    format!("(?-u:\\b(?:{pat})\\b)")
}

/// Expand `{name}` placeholders from `[lists]`, recursively.
fn expand(
    pat: &str,
    lists: &HashMap<String, Vec<String>>,
    rule: &str,
    depth: usize,
) -> Result<String, TriageError> {
    if depth > 8 {
        return Err(TriageError::Config(format!(
            "list placeholders nest too deeply in '{rule}'"
        )));
    }
    let mut out = String::with_capacity(pat.len());
    let mut rest = pat;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}');
        let name = close.map(|c| &after[..c]);
        match name {
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') => {
                let items = lists.get(n).ok_or_else(|| {
                    TriageError::Config(format!("rule '{rule}' uses unknown list '{{{n}}}'"))
                })?;
                let mut alts = Vec::with_capacity(items.len());
                for it in items {
                    alts.push(expand(it, lists, rule, depth + 1)?);
                }
                out.push_str(&rest[..open]);
                out.push_str("(?:");
                out.push_str(&alts.join("|"));
                out.push(')');
                rest = &after[n.len() + 1..];
            }
            _ => {
                // A regex repetition like {0,3}: keep as is.
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

fn alternation(
    items: &[String],
    lists: &HashMap<String, Vec<String>>,
    name: &str,
) -> Result<Option<Regex>, TriageError> {
    if items.is_empty() {
        return Ok(None);
    }
    let mut alts = Vec::with_capacity(items.len());
    for it in items {
        alts.push(expand(it, lists, name, 0)?);
    }
    let pat = wrap(&alts.join("|"));
    Regex::new(&pat)
        .map(Some)
        .map_err(|e| TriageError::Pattern {
            rule: name.to_string(),
            pattern: alts.join("|"),
            message: e.to_string(),
        })
}

fn set_of(items: &[String]) -> FastSet<String> {
    items.iter().map(|s| s.trim().to_lowercase()).collect()
}

#[derive(Debug)]
struct Guards {
    negation_window: usize,
    negators: FastSet<String>,
    breakers: FastSet<String>,
    first: FastSet<String>,
    third: FastSet<String>,
    topics: FastSet<String>,
    topic_window: usize,
    past: Option<Regex>,
    present: Option<Regex>,
    hedges: Option<Regex>,
    urgency: Option<Regex>,
}

#[derive(Debug)]
struct Material {
    max_brief_words: usize,
    emotional_min: usize,
    emotional_min_long: usize,
    long_words: usize,
    emotional: FastSet<String>,
}

/// The compiled triage engine. Build once, use from any thread.
#[derive(Debug)]
pub struct PhraseEngine {
    normalizer: Normalizer,
    rules: Vec<Rule>,
    mask_why: Vec<String>,
    masks: Option<PatternGroup>,
    crisis: Option<PatternGroup>,
    other: Option<PatternGroup>,
    guards: Guards,
    material: Material,
}

/// Outcome of the guards for one crisis phrase.
enum Verdict {
    Keep(CrisisLevel, Option<&'static str>),
    Cancel(&'static str, &'static str),
}

fn is_clause_punct(b: u8) -> bool {
    matches!(b, b'.' | b',' | b';' | b':' | b'!' | b'?')
}

fn is_sentence_punct(b: u8) -> bool {
    matches!(b, b'.' | b';' | b'!' | b'?')
}

const CLAUSE_WORDS: [&str; 6] = ["but", "though", "although", "however", "except", "yet"];

impl PhraseEngine {
    /// Compile a lexicon from TOML text.
    pub fn from_toml(src: &str) -> Result<PhraseEngine, TriageError> {
        let cfg: Config = toml::from_str(src)?;
        let lists = &cfg.lists;

        let mut normalizer = Normalizer {
            words: cfg
                .normalize
                .words
                .iter()
                .map(|(k, v)| (k.to_lowercase(), v.to_lowercase()))
                .collect(),
            core: set_of(&cfg.normalize.core),
            skeletons: cfg
                .normalize
                .skeletons
                .iter()
                .filter(|(_, v)| v.len() >= 2 && v.is_ascii())
                .map(|(k, v)| (k.to_lowercase(), v.to_lowercase()))
                .collect(),
            prefixes: Vec::new(),
            known: Vec::new(),
        };
        normalizer.index();

        let mut rules = Vec::new();
        let mut crisis_items = Vec::new();
        let mut other_items = Vec::new();
        let mut seen = HashSet::new();
        for r in &cfg.rule {
            if !seen.insert(r.id.clone()) {
                return Err(TriageError::Config(format!(
                    "rule id '{}' is repeated",
                    r.id
                )));
            }
            let level = match (r.kind, r.level.as_deref()) {
                (Kind::Crisis, Some("imminent")) => CrisisLevel::Imminent,
                (Kind::Crisis, Some("elevated")) => CrisisLevel::Elevated,
                (Kind::Crisis, other) => {
                    return Err(TriageError::Config(format!(
                        "crisis rule '{}' needs level = \"imminent\" or \"elevated\", got {:?}",
                        r.id, other
                    )))
                }
                (_, _) => CrisisLevel::None,
            };
            if r.patterns.is_empty() {
                return Err(TriageError::Config(format!(
                    "rule '{}' has no patterns",
                    r.id
                )));
            }
            let idx = rules.len();
            for p in &r.patterns {
                let pat = expand(p, lists, &r.id, 0)?;
                let item = (idx, r.id.clone(), pat);
                if r.kind == Kind::Crisis {
                    crisis_items.push(item);
                } else {
                    other_items.push(item);
                }
            }
            rules.push(Rule {
                id: r.id.clone(),
                kind: r.kind,
                level,
                person_check: r.person_check,
                why: r.why.clone(),
            });
        }

        let mut mask_items = Vec::new();
        let mut mask_why = Vec::new();
        for (i, m) in cfg.mask.iter().enumerate() {
            for p in &m.patterns {
                mask_items.push((i, format!("mask #{}", i + 1), expand(p, lists, "mask", 0)?));
            }
            mask_why.push(m.why.clone());
        }

        let group =
            |items: Vec<(usize, String, String)>| -> Result<Option<PatternGroup>, TriageError> {
                if items.is_empty() {
                    Ok(None)
                } else {
                    PatternGroup::build(items).map(Some)
                }
            };

        let g = &cfg.guards;
        let guards = Guards {
            negation_window: g.negation_window,
            negators: set_of(&g.negators),
            breakers: set_of(&g.negation_breakers),
            first: set_of(&g.first_person),
            third: set_of(&g.third_person),
            topics: set_of(&g.topic_words),
            topic_window: g.topic_window,
            past: alternation(&g.past, lists, "guards.past")?,
            present: alternation(&g.present, lists, "guards.present")?,
            hedges: alternation(&g.hedges, lists, "guards.hedges")?,
            urgency: alternation(&g.urgency, lists, "guards.urgency")?,
        };
        let m = &cfg.session_material;
        let material = Material {
            max_brief_words: m.max_brief_words,
            emotional_min: m.emotional_min.max(1),
            emotional_min_long: m.emotional_min_long.max(1),
            long_words: m.long_words,
            emotional: set_of(&m.emotional),
        };

        Ok(PhraseEngine {
            normalizer,
            rules,
            mask_why,
            masks: group(mask_items)?,
            crisis: group(crisis_items)?,
            other: group(other_items)?,
            guards,
            material,
        })
    }

    /// The engine over the bundled `assets/triage.toml`.
    ///
    /// Panics only if the bundled asset is broken; a unit test guards that.
    pub fn builtin() -> &'static PhraseEngine {
        static ENGINE: OnceLock<PhraseEngine> = OnceLock::new();
        ENGINE.get_or_init(|| {
            PhraseEngine::from_toml(BUILTIN_TOML)
                .unwrap_or_else(|e| panic!("bundled assets/triage.toml is broken: {e}"))
        })
    }

    /// How many rules the lexicon compiled to (for tests).
    #[cfg(test)]
    pub(super) fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// The normalised form of a text, as the patterns see it.
    pub fn normalize(&self, text: &str) -> String {
        self.normalizer.normalize(text)
    }

    /// Sort one entry.
    pub fn triage(&self, text: &str, scope: &TextingScope) -> Triage {
        self.triage_normalized(&self.normalizer.normalize(text), scope)
    }

    /// Sort one entry already passed through [`PhraseEngine::normalize`].
    pub fn triage_normalized(&self, norm: &str, scope: &TextingScope) -> Triage {
        let norm = norm.to_string();
        let mut guard_reasons: Vec<Reason> = Vec::new();

        // 1. Blank idioms so crisis patterns do not see them.
        let masked = self.mask(&norm, &mut guard_reasons);

        // 2. Crisis phrases, each passed through the guards.
        let mut level = CrisisLevel::None;
        let mut crisis_reasons: Vec<Reason> = Vec::new();
        if let Some(g) = &self.crisis {
            for pi in g.set.matches(&masked).iter() {
                let rule = &self.rules[g.owner[pi]];
                for m in g.regexes[pi].find_iter(&masked) {
                    match self.judge(&masked, m.start(), m.end(), rule) {
                        Verdict::Keep(l, note) => {
                            level = level.max(l);
                            let why = match note {
                                Some(n) => format!("{} ({n})", rule.why),
                                None => rule.why.clone(),
                            };
                            push_unique(
                                &mut crisis_reasons,
                                Reason::new(&rule.id, m.as_str(), &why),
                            );
                        }
                        Verdict::Cancel(guard, why) => {
                            push_unique(&mut guard_reasons, Reason::new(guard, m.as_str(), why));
                        }
                    }
                }
            }
        }
        if level > CrisisLevel::None {
            // Strongest first, then the rest in lexicon order.
            crisis_reasons.sort_by_key(|r| {
                let imminent = self
                    .rules
                    .iter()
                    .find(|x| x.id == r.rule)
                    .map(|x| x.level == CrisisLevel::Imminent)
                    .unwrap_or(false);
                !imminent
            });
            let mut reasons = crisis_reasons;
            // Guards are context only; keep them after the deciding reasons.
            reasons.extend(guard_reasons);
            reasons.truncate(MAX_REASONS);
            return Triage {
                bucket: Bucket::Crisis,
                crisis_level: level,
                reasons,
                check_in: false,
            };
        }

        // 3. Logistics, check-ins, agreed topics, session cues.
        let mut hours: Vec<Reason> = Vec::new();
        let mut checkins: Vec<Reason> = Vec::new();
        let mut cues: Vec<Reason> = Vec::new();
        if let Some(g) = &self.other {
            // Logistics phrases never span sentences, so scan sentence by
            // sentence: locating a phrase in a short slice is cheap. One
            // reason per rule is enough, so a rule that matched is skipped.
            let mut done: Vec<usize> = Vec::new();
            for chunk in norm.split(['.', '!', '?', ';']) {
                if chunk.trim().is_empty() {
                    continue;
                }
                for pi in g.set.matches(chunk).iter() {
                    let ri = g.owner[pi];
                    if done.contains(&ri) {
                        continue;
                    }
                    let rule = &self.rules[ri];
                    if let Some(m) = g.regexes[pi].find(chunk) {
                        done.push(ri);
                        let r = Reason::new(&rule.id, m.as_str(), &rule.why);
                        match rule.kind {
                            Kind::Hours => push_unique(&mut hours, r),
                            Kind::Checkin => push_unique(&mut checkins, r),
                            Kind::Session => push_unique(&mut cues, r),
                            Kind::Crisis => {}
                        }
                    }
                }
            }
        }
        let mut agreed: Vec<Reason> = Vec::new();
        let mut checkins_allowed = scope.purpose == TextingPurpose::LogisticsAndCheckIns;
        if scope.purpose == TextingPurpose::Agreed {
            for topic in &scope.topics {
                let t = self.normalizer.normalize(topic);
                if t.is_empty() {
                    continue;
                }
                if t.contains("check") || t.contains("connection") {
                    checkins_allowed = true;
                }
                if let Some(found) = topic_match(&norm, &t) {
                    push_unique(
                        &mut agreed,
                        Reason {
                            rule: "hours.agreed".into(),
                            matched: shorten(found),
                            why: format!("your texting agreement covers \"{}\"", shorten(topic)),
                        },
                    );
                }
            }
        }

        let mut sendable: Vec<Reason> = Vec::new();
        sendable.extend(hours);
        sendable.extend(agreed);
        if checkins_allowed {
            sendable.extend(checkins.iter().cloned().map(|mut r| {
                r.why = "a brief check-in, which your texting agreement allows".into();
                r
            }));
        }

        let mut reasons = Vec::new();
        let bucket;
        if !sendable.is_empty() {
            if let Some(r) = self.material_reason(&norm) {
                bucket = Bucket::Session;
                reasons.push(r);
                reasons.extend(cues);
                reasons.extend(sendable.into_iter().map(|mut r| {
                    r.why = format!("{} (but the entry is more than brief logistics)", r.why);
                    r
                }));
            } else if !cues.is_empty() {
                bucket = Bucket::Session;
                reasons.extend(cues);
                reasons.extend(sendable.into_iter().map(|mut r| {
                    r.why = format!(
                        "{} (but the feelings come first: bring it to session)",
                        r.why
                    );
                    r
                }));
            } else {
                bucket = Bucket::Hours;
                reasons.extend(sendable);
            }
        } else {
            bucket = Bucket::Session;
            if !checkins.is_empty() {
                reasons.extend(checkins.into_iter().map(|mut r| {
                    r.rule = "session.checkin_scope".into();
                    r.why = "a check-in; your texting agreement covers logistics only, so bring it to session".into();
                    r
                }));
            }
            reasons.extend(cues);
            if reasons.is_empty() {
                reasons.push(Reason::new(
                    "session.default",
                    "",
                    super::reasons::DEFAULT_SESSION_WHY,
                ));
            }
        }
        reasons.extend(guard_reasons);
        reasons.truncate(MAX_REASONS);
        Triage {
            bucket,
            crisis_level: CrisisLevel::None,
            reasons,
            check_in: false,
        }
    }

    /// Heuristic used by the send window: true for long or emotional content
    /// (a rant) that belongs in session.
    pub fn is_session_material(&self, text: &str) -> bool {
        let norm = self.normalizer.normalize(text);
        if self.material_reason(&norm).is_some() {
            return true;
        }
        match &self.other {
            Some(g) => g
                .set
                .matches(&norm)
                .iter()
                .any(|pi| self.rules[g.owner[pi]].kind == Kind::Session),
            None => false,
        }
    }

    fn material_reason(&self, norm: &str) -> Option<Reason> {
        let m = &self.material;
        let mut words = 0usize;
        let mut emo: Vec<&str> = Vec::new();
        for w in norm.split(' ') {
            if w.is_empty()
                || !w
                    .bytes()
                    .next()
                    .map(|b| b.is_ascii_alphanumeric() || b >= 0x80)
                    .unwrap_or(false)
            {
                continue;
            }
            words += 1;
            if m.emotional.contains(w) {
                emo.push(w);
            }
        }
        if words > m.max_brief_words {
            return Some(Reason {
                rule: "session.long".into(),
                matched: format!("{words} words"),
                why: "long for a text: hours is for brief logistics, bring this to session".into(),
            });
        }
        if emo.len() >= m.emotional_min
            || (words >= m.long_words && emo.len() >= m.emotional_min_long)
        {
            emo.dedup();
            return Some(Reason {
                rule: "session.emotional".into(),
                matched: shorten(&emo.join(", ")),
                why: "emotional content: hours is for brief logistics, bring this to session"
                    .into(),
            });
        }
        None
    }

    fn mask(&self, norm: &str, reasons: &mut Vec<Reason>) -> String {
        let Some(g) = &self.masks else {
            return norm.to_string();
        };
        let hits = g.set.matches(norm);
        if !hits.matched_any() {
            return norm.to_string();
        }
        let mut bytes = norm.as_bytes().to_vec();
        for pi in hits.iter() {
            for m in g.regexes[pi].find_iter(norm) {
                for b in &mut bytes[m.start()..m.end()] {
                    *b = b' ';
                }
                push_unique(
                    reasons,
                    Reason::new(
                        "guard.idiom",
                        m.as_str(),
                        &format!(
                            "{}: not counted as a crisis sign",
                            self.mask_why[g.owner[pi]]
                        ),
                    ),
                );
            }
        }
        // Only whole UTF-8 sequences were replaced, so this cannot fail.
        String::from_utf8(bytes).unwrap_or_else(|_| norm.to_string())
    }

    /// Apply negation, past, third-person, topic and hedge guards to one phrase.
    fn judge(&self, text: &str, s: usize, e: usize, rule: &Rule) -> Verdict {
        let g = &self.guards;
        let bytes = text.as_bytes();
        let sent_start = bytes[..s]
            .iter()
            .rposition(|&b| is_sentence_punct(b))
            .map(|i| i + 1)
            .unwrap_or(0);
        let sent_end = bytes[e..]
            .iter()
            .position(|&b| is_sentence_punct(b))
            .map(|i| e + i)
            .unwrap_or(bytes.len());
        let mut clause_start = bytes[..s]
            .iter()
            .rposition(|&b| is_clause_punct(b))
            .map(|i| i + 1)
            .unwrap_or(0);
        // Words of the clause before the phrase, with their byte offsets; a
        // clause word ("but", "though") starts a new clause.
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut pos = clause_start;
        for w in text[clause_start..s].split(' ') {
            if !w.is_empty() {
                if CLAUSE_WORDS.contains(&w) {
                    words.clear();
                    clause_start = pos + w.len();
                } else {
                    words.push((pos, w));
                }
            }
            pos += w.len() + 1;
        }
        let before: Vec<&str> = words.iter().map(|(_, w)| *w).collect();
        let matched = &text[s..e];
        let sentence = &text[sent_start..sent_end];

        // Negation: a negator shortly before the phrase, with no new "I" between.
        let mut next_word = matched.split_whitespace().next().unwrap_or("");
        for (k, w) in before.iter().rev().enumerate() {
            if k > g.negation_window {
                break;
            }
            if g.first.contains(*w) && *w != "my" && *w != "me" && *w != "myself" {
                break;
            }
            if g.negators.contains(*w) && !g.breakers.contains(next_word) {
                return Verdict::Cancel(
                    "guard.negated",
                    "negated in the same clause: not counted as a crisis sign",
                );
            }
            next_word = w;
        }

        // Past: "used to", "years ago" ... unless it is back ("again", "lately").
        if let Some(past) = &g.past {
            if past.is_match(sentence) && !g.present.as_ref().is_some_and(|p| p.is_match(sentence))
            {
                return Verdict::Cancel(
                    "guard.past",
                    "about the past, not now: bring it to session",
                );
            }
        }

        // Third person and topics, for phrases that do not name "I" themselves.
        let names_me = matched.split_whitespace().any(|w| g.first.contains(w));
        if rule.person_check && !names_me {
            for w in before.iter().rev() {
                if g.first.contains(*w) {
                    break;
                }
                let plural =
                    w.len() >= 4 && w.ends_with('s') && g.third.contains(&w[..w.len() - 1]);
                if g.third.contains(*w) || plural {
                    return Verdict::Cancel(
                        "guard.third_person",
                        "about someone else: bring it to session",
                    );
                }
            }
            let topic = before.iter().rev().take(g.topic_window).any(|w| {
                g.topics.contains(*w)
                    || (w.len() >= 4 && w.ends_with('s') && g.topics.contains(&w[..w.len() - 1]))
            });
            if topic {
                return Verdict::Cancel(
                    "guard.topic",
                    "a topic (a film, article or class), not a feeling: bring it to session",
                );
            }
        }

        // Hedges turn a plan into ideation unless there is urgency.
        if rule.level == CrisisLevel::Imminent {
            let clause = &text[clause_start.min(s)..e];
            let hedged = g.hedges.as_ref().is_some_and(|h| h.is_match(clause));
            let urgent = g.urgency.as_ref().is_some_and(|u| u.is_match(sentence));
            if hedged && !urgent {
                return Verdict::Keep(
                    CrisisLevel::Elevated,
                    Some("thinking about it, no time set"),
                );
            }
        }
        Verdict::Keep(rule.level, None)
    }
}

fn push_unique(list: &mut Vec<Reason>, r: Reason) {
    if !list
        .iter()
        .any(|x| x.rule == r.rule && x.matched == r.matched)
    {
        list.push(r);
    }
}

/// Words too generic to stand for an agreed topic on their own.
const TOPIC_STOPWORDS: [&str; 24] = [
    "about",
    "brief",
    "quick",
    "questions",
    "question",
    "updates",
    "update",
    "issues",
    "issue",
    "things",
    "stuff",
    "short",
    "texts",
    "text",
    "messages",
    "message",
    "with",
    "from",
    "when",
    "that",
    "this",
    "some",
    "only",
    "other",
];

/// Find an agreed topic in normalised text: the whole phrase, or one of its
/// distinctive words (4+ letters, simple plural folded).
fn topic_match<'a>(norm: &'a str, topic: &str) -> Option<&'a str> {
    if let Some(found) = find_words(norm, topic) {
        return Some(found);
    }
    for w in topic.split(' ') {
        if w.len() < 4
            || TOPIC_STOPWORDS.contains(&w)
            || !w.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            continue;
        }
        if let Some(found) = find_words(norm, w) {
            return Some(found);
        }
        let stem = w.strip_suffix('s').unwrap_or(w);
        if stem.len() >= 4 {
            for cand in [stem.to_string(), format!("{stem}s")] {
                if let Some(found) = find_words(norm, &cand) {
                    return Some(found);
                }
            }
        }
    }
    None
}

/// Find `needle` in `hay` at word boundaries.
fn find_words<'a>(hay: &'a str, needle: &str) -> Option<&'a str> {
    if needle.is_empty() {
        return None;
    }
    let hb = hay.as_bytes();
    let mut from = 0;
    while let Some(off) = hay[from..].find(needle) {
        let s = from + off;
        let e = s + needle.len();
        let left_ok = s == 0 || hb[s - 1] == b' ';
        let right_ok = e == hb.len() || hb[e] == b' ';
        if left_ok && right_ok {
            return Some(&hay[s..e]);
        }
        from = s + needle.len().max(1);
        while from < hay.len() && !hay.is_char_boundary(from) {
            from += 1;
        }
        if from >= hay.len() {
            break;
        }
    }
    None
}
