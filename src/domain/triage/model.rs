//! The second opinion: logistic regression over hashed n-grams.
//!
//! Features are word unigrams and bigrams (within a sentence), character
//! 3- to 5-grams of each word and the entry's length band, all taken from
//! the normalised text and hashed into [`BUCKETS`] slots. Character grams let the model see a misspelling or
//! an inflection it never met as "close to" one it did. Three binary heads
//! share the features: crisis vs not, imminent vs not, and hours vs session.
//!
//! Training is pure and deterministic (fixed seed, one thread); the
//! `train-triage` binary reads the train split and writes the weights to
//! `assets/triage-model.bin`, which the engine embeds.

use super::corpus::LabelledEntry;
use crate::domain::model::{Bucket, CrisisLevel};

/// Hash slots per head. A power of two.
pub const BUCKETS: usize = 1 << 16;
const MAGIC: &[u8; 4] = b"BTM1";

/// The heads the model has, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    Crisis = 0,
    Imminent = 1,
    Hours = 2,
}
const HEADS: usize = 3;

/// One feature: its hash slot. (Which words a slot came from is worked out
/// again only for the few an explanation names; see [`Model::explain`].)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Feature {
    pub slot: u32,
}

fn fnv(seed: u64, parts: &[&[u8]]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for p in parts {
        for &b in *p {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn slot(h: u64) -> u32 {
    ((h ^ (h >> 29)) as usize & (BUCKETS - 1)) as u32
}

/// Features for what the concept reader found, so the model can weigh
/// combinations ("a means and an act in one sentence", "death, set aside as
/// someone else's") whatever words expressed them: a new phrasing of a known
/// concept then scores like the phrasings it was trained on. Keyed by the
/// concept's position in `Concept` (add new concepts at the end, then
/// retrain). Carry no words: reasons never name them.
pub fn concept_features(facts: &[super::concepts::SentenceFacts]) -> Vec<Feature> {
    let means = super::concepts::MEANS;
    // Every means family also counts as one "means" (bit 63).
    let with_means = |bits: u64| {
        if bits & means != 0 {
            bits | (1 << 63)
        } else {
            bits
        }
    };
    let mut slots = Vec::new();
    let (mut kept_any, mut aside_any) = (0u64, 0u64);
    for (i, s) in facts.iter().enumerate() {
        let mut window = with_means(s.kept);
        if let Some(next) = facts.get(i + 1) {
            window |= with_means(next.kept);
        }
        kept_any |= with_means(s.kept);
        aside_any |= with_means(s.set_aside);
        let bits: Vec<u8> = (0..64u8).filter(|b| window & (1 << b) != 0).collect();
        for (k, a) in bits.iter().enumerate() {
            for b in &bits[k + 1..] {
                slots.push(slot(fnv(5, &[&[*a, *b]])));
            }
        }
        if s.hypothetical && s.kept != 0 {
            slots.push(slot(fnv(6, &[b"hypothetical"])));
        }
    }
    for b in 0..64u8 {
        if kept_any & (1 << b) != 0 {
            slots.push(slot(fnv(4, &[b"kept", &[b]])));
        }
        if aside_any & (1 << b) != 0 {
            slots.push(slot(fnv(4, &[b"aside", &[b]])));
        }
    }
    slots.sort_unstable();
    slots.dedup();
    slots.into_iter().map(|slot| Feature { slot }).collect()
}

/// The word tokens of normalised text, with `None` where punctuation ends
/// a run (so no bigram spans it).
fn word_tokens(norm: &str) -> impl Iterator<Item = Option<&str>> {
    norm.split(' ').filter(|t| !t.is_empty()).map(|tok| {
        tok.chars()
            .next()
            .is_some_and(char::is_alphanumeric)
            .then_some(tok)
    })
}

fn unigram_slot(tok: &str) -> u32 {
    slot(fnv(1, &[tok.as_bytes()]))
}

fn bigram_slot(prev: &str, tok: &str) -> u32 {
    slot(fnv(2, &[prev.as_bytes(), tok.as_bytes()]))
}

/// Hashed features of normalised text (words, word pairs, and character
/// 3–5-grams of each word padded with boundary marks), deduplicated, in a
/// stable order.
pub fn features(norm: &str) -> Vec<Feature> {
    let mut slots: Vec<u32> = Vec::with_capacity(norm.len() * 4);
    let mut prev: Option<&str> = None;
    let mut padded: Vec<u8> = Vec::with_capacity(32);
    let mut words = 0usize;
    for tok in word_tokens(norm) {
        let Some(tok) = tok else {
            prev = None;
            continue;
        };
        words += 1;
        slots.push(unigram_slot(tok));
        if let Some(p) = prev {
            slots.push(bigram_slot(p, tok));
        }
        prev = Some(tok);
        padded.clear();
        padded.push(b'<');
        padded.extend_from_slice(tok.as_bytes());
        padded.push(b'>');
        for n in 3..=5usize {
            if padded.len() < n {
                break;
            }
            for w in padded.windows(n) {
                slots.push(slot(fnv(3, &[w])));
            }
        }
    }
    // How long the entry is, in five bands: a long entry has more chances
    // for a dark word, and the model learns how far to discount that.
    let band: u8 = match words {
        0..=8 => 0,
        9..=20 => 1,
        21..=45 => 2,
        46..=90 => 3,
        _ => 4,
    };
    slots.push(slot(fnv(7, &[b"length", &[band]])));
    dedup_in_order(&slots)
}

/// The distinct slots in ascending order. Slots are below `BUCKETS`, so a
/// bitmap does this in one pass (a sort of thousands of grams cost more
/// than everything else the model does).
fn dedup_in_order(slots: &[u32]) -> Vec<Feature> {
    let mut seen = vec![0u64; BUCKETS / 64];
    for &s in slots {
        seen[s as usize / 64] |= 1 << (s % 64);
    }
    let mut out = Vec::with_capacity(slots.len());
    for (i, &word) in seen.iter().enumerate() {
        let mut bits = word;
        while bits != 0 {
            let b = bits.trailing_zeros();
            out.push(Feature {
                slot: (i * 64) as u32 + b,
            });
            bits &= bits - 1;
        }
    }
    out
}

/// Weights of all heads.
#[derive(Debug, Clone)]
pub struct Model {
    heads: Vec<HeadWeights>,
}

#[derive(Debug, Clone)]
struct HeadWeights {
    bias: f32,
    weights: Vec<f32>,
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

impl Model {
    /// Decode the compact form written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        if bytes.len() < 8 || &bytes[..4] != MAGIC {
            return Err("not a triage model file".into());
        }
        let buckets = u32::from_le_bytes(bytes[4..8].try_into().unwrap_or_default()) as usize;
        if buckets != BUCKETS {
            return Err(format!("model has {buckets} slots, expected {BUCKETS}"));
        }
        let mut pos = 8;
        let mut heads = Vec::with_capacity(HEADS);
        let f32_at = |p: usize| -> Result<f32, String> {
            bytes
                .get(p..p + 4)
                .map(|b| f32::from_le_bytes(b.try_into().unwrap_or_default()))
                .ok_or_else(|| "model file is cut short".to_string())
        };
        for _ in 0..HEADS {
            let bias = f32_at(pos)?;
            let scale = f32_at(pos + 4)?;
            pos += 8;
            let raw = bytes
                .get(pos..pos + 2 * BUCKETS)
                .ok_or_else(|| "model file is cut short".to_string())?;
            let weights = raw
                .chunks_exact(2)
                .map(|c| f32::from(i16::from_le_bytes([c[0], c[1]])) * scale)
                .collect();
            pos += 2 * BUCKETS;
            heads.push(HeadWeights { bias, weights });
        }
        Ok(Model { heads })
    }

    /// Compact form: per head a bias, a scale, and weights quantised to i16.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + HEADS * (8 + 2 * BUCKETS));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(BUCKETS as u32).to_le_bytes());
        for h in &self.heads {
            let max = h.weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
            let scale = max / f32::from(i16::MAX);
            out.extend_from_slice(&h.bias.to_le_bytes());
            out.extend_from_slice(&scale.to_le_bytes());
            for w in &h.weights {
                let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        out
    }

    /// Probability for one head over precomputed features, with the word
    /// features that pushed hardest towards it when `explain` is set.
    /// The head's probability for a text's features.
    pub fn score(&self, head: Head, feats: &[Feature]) -> f32 {
        let h = &self.heads[head as usize];
        let norm = 1.0 / (feats.len().max(1) as f32).sqrt();
        let z = feats
            .iter()
            .fold(h.bias, |z, f| z + h.weights[f.slot as usize] * norm);
        sigmoid(z)
    }

    /// The words and word pairs of `norm` that pushed hardest towards the
    /// head's positive class, strongest first, at most `k`.
    pub fn explain(&self, head: Head, norm: &str, k: usize) -> Vec<String> {
        let h = &self.heads[head as usize];
        let mut best: Vec<(f32, String)> = Vec::with_capacity(k + 1);
        let mut consider = |w: f32, words: &dyn Fn() -> String| {
            if w <= 0.0 || (best.len() == k && best.last().is_some_and(|b| b.0 >= w)) {
                return;
            }
            let words = words();
            if best.iter().any(|b| b.1 == words) {
                return;
            }
            let at = best.partition_point(|b| b.0 >= w);
            best.insert(at, (w, words));
            best.truncate(k);
        };
        let mut prev: Option<&str> = None;
        for tok in word_tokens(norm) {
            let Some(tok) = tok else {
                prev = None;
                continue;
            };
            consider(h.weights[unigram_slot(tok) as usize], &|| tok.to_string());
            if let Some(p) = prev {
                consider(h.weights[bigram_slot(p, tok) as usize], &|| {
                    format!("{p} {tok}")
                });
            }
            prev = Some(tok);
        }
        best.into_iter().map(|(_, w)| w).collect()
    }
}

/// Settings for [`train`]; the defaults are what the committed model used.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub epochs: usize,
    pub learning_rate: f32,
    pub l2: f32,
    pub seed: u64,
    /// Extra weight on positive examples (a missed crisis costs more).
    pub positive_weight: f32,
    /// Scale each slot by its naive-Bayes log-count ratio, with this
    /// smoothing count (None: plain logistic regression).
    pub nb_smoothing: Option<f32>,
    /// How many shuffles (seeds `seed`, `seed + 1`, ...) are trained and
    /// averaged. A linear model's average is one linear model, so this
    /// costs training time only: it damps how much one shuffle's order
    /// decides a weight.
    pub shuffles: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 40,
            learning_rate: 0.5,
            l2: 1e-5,
            seed: 13,
            positive_weight: 2.0,
            nb_smoothing: Some(1.0),
            shuffles: 5,
        }
    }
}

/// Train all heads on labelled entries, normalised by `normalize`.
pub fn train(
    rows: &[LabelledEntry],
    featurize: impl Fn(&str) -> Vec<Feature>,
    cfg: &TrainConfig,
) -> Model {
    let docs: Vec<Vec<Feature>> = rows.iter().map(|r| featurize(&r.text)).collect();
    let mut heads = Vec::with_capacity(HEADS);
    for head in [Head::Crisis, Head::Imminent, Head::Hours] {
        // Each head sees the rows its question applies to, with a 0/1 label.
        let mut examples: Vec<(usize, f32)> = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            let label = match head {
                Head::Crisis => Some(r.bucket == Bucket::Crisis),
                Head::Imminent => Some(r.level == CrisisLevel::Imminent),
                Head::Hours => (r.bucket != Bucket::Crisis).then_some(r.bucket == Bucket::Hours),
            };
            if let Some(l) = label {
                examples.push((i, if l { 1.0 } else { 0.0 }));
            }
        }
        let runs = cfg.shuffles.max(1);
        let mut avg = HeadWeights {
            bias: 0.0,
            weights: vec![0.0; BUCKETS],
        };
        for k in 0..runs {
            let one = train_head(&docs, &examples, cfg, cfg.seed + k as u64);
            avg.bias += one.bias / runs as f32;
            for (a, w) in avg.weights.iter_mut().zip(&one.weights) {
                *a += w / runs as f32;
            }
        }
        heads.push(avg);
    }
    Model { heads }
}

/// Plain SGD with a decaying rate over a fixed shuffle per epoch.
fn train_head(
    docs: &[Vec<Feature>],
    examples: &[(usize, f32)],
    cfg: &TrainConfig,
    seed: u64,
) -> HeadWeights {
    let mut w = vec![0f32; BUCKETS];
    let mut bias = 0f32;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = seed.max(1);
    let mut step = 0usize;
    // NB scaling (Wang & Manning 2012): each slot's value is its log-count
    // ratio between positive and negative examples, so rare but telling
    // words start out weighted; the product is folded into the weights.
    let mut r = vec![1f32; BUCKETS];
    if let Some(alpha) = cfg.nb_smoothing {
        let mut pos = vec![alpha; BUCKETS];
        let mut neg = vec![alpha; BUCKETS];
        for &(doc, y) in examples {
            let counts = if y > 0.5 { &mut pos } else { &mut neg };
            for f in &docs[doc] {
                counts[f.slot as usize] += 1.0;
            }
        }
        let (sp, sn): (f32, f32) = (pos.iter().sum(), neg.iter().sum());
        for i in 0..BUCKETS {
            let ratio = ((pos[i] / sp) / (neg[i] / sn)).ln().abs();
            r[i] = 0.5 + ratio.min(3.0);
        }
    }
    for _ in 0..cfg.epochs {
        // Fisher-Yates with a xorshift generator: same seed, same order.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &k in &order {
            let (doc, y) = examples[k];
            let feats = &docs[doc];
            let norm = 1.0 / (feats.len().max(1) as f32).sqrt();
            let mut z = bias;
            for f in feats {
                z += w[f.slot as usize] * r[f.slot as usize] * norm;
            }
            let p = sigmoid(z);
            let weight = if y > 0.5 { cfg.positive_weight } else { 1.0 };
            let lr = cfg.learning_rate / (1.0 + step as f32 * 1e-4);
            let g = (p - y) * weight;
            for f in feats {
                let wi = &mut w[f.slot as usize];
                *wi -= lr * (g * norm * r[f.slot as usize] + cfg.l2 * *wi);
            }
            bias -= lr * g * 0.1;
            step += 1;
        }
    }
    let weights = w.iter().zip(&r).map(|(w, r)| w * r).collect();
    HeadWeights { bias, weights }
}
