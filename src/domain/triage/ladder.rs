//! Combining concepts along the C-SSRS ladder: wish to be dead, active
//! thoughts, method, intent, plan, preparatory acts, an attempt. Each rung
//! is a combination of concepts, not a phrase, so a new way of saying a
//! known thing climbs the same rung.
//!
//! A sentence is read together with the next one, so "I have them ready.
//! Tonight." still makes a plan.

use super::concepts::{Concept, SentenceFacts, MEANS};
use super::reasons::{self, Why};
use super::Reason;
use crate::domain::model::CrisisLevel;

/// The ladder's verdict over a whole entry.
#[derive(Debug, Default)]
pub struct Verdict {
    pub level: CrisisLevel,
    pub reasons: Vec<Reason>,
    /// Worrying but not clearly crisis: ask.
    pub check_in: bool,
    /// Something worrying stands (keeps the entry out of `hours`).
    pub any_concern: bool,
    /// Some sign a crisis might be near stands: a means, preparation, the
    /// body, or anything in [`CONCERN`]. The model alone needs one below
    /// its surest band.
    pub any_sign: bool,
    /// A sign was found but set aside (negated, past, someone else's,
    /// an idiom): the model alone may not overrule that.
    pub any_set_aside: bool,
    /// Something in the entry says the danger is now, not someday: being at
    /// the place or in the act, the body in trouble, someone violent on the
    /// way, an act just done, or a time beside an intent, a preparation, a
    /// farewell or a means. Whatever made the entry a crisis (a rule or the
    /// model), this makes it imminent.
    pub urgent: bool,
    /// The writer said outright that death is not what they want ("I'm not
    /// suicidal", "I don't want to die") and nothing worrying stands.
    pub denies_death: bool,
}

/// Concepts that back up a middling model score. A wish is not one: "I
/// want" is in half of all entries; it only counts beside death itself.
/// Hopelessness is not one either: it is what the check-in question is for.
const SIGNS: u64 = (CONCERN & !Concept::Hopeless.bit())
    | MEANS
    | Concept::Preparation.bit()
    | Concept::ActState.bit()
    | Concept::Body.bit()
    | Concept::MedStop.bit();

/// Concepts that make an entry too worrying to text later as logistics.
const CONCERN: u64 = Concept::Death.bit()
    | Concept::Passive.bit()
    | Concept::SelfHarm.bit()
    | Concept::Violence.bit()
    | Concept::Unsafe.bit()
    | Concept::Farewell.bit()
    | Concept::Hopeless.bit()
    | Concept::Image.bit()
    | Concept::Purge.bit();

pub fn climb(sentences: &[SentenceFacts]) -> Verdict {
    let mut v = Verdict::default();
    for i in 0..sentences.len() {
        let mut w = sentences[i].clone();
        if let Some(next) = sentences.get(i + 1) {
            w.kept |= next.kept;
            w.hypothetical |= next.hypothetical;
            if w.time_words.is_none() {
                w.time_words.clone_from(&next.time_words);
            }
        }
        rung(&w, &mut v);
        if sentences[i].kept & CONCERN != 0 {
            v.any_concern = true;
        }
        if sentences[i].kept & SIGNS != 0 {
            v.any_sign = true;
        }
        // Danger said to be over or absent ("without hiding in the
        // bathroom") counts too, so a phrase rule cannot revive it.
        if sentences[i].set_aside & (SIGNS | Concept::DangerNow.bit()) != 0 {
            v.any_set_aside = true;
        }
    }
    let entry = sentences.iter().fold(0u64, |acc, s| acc | s.kept);
    v.urgent = urgent(entry);
    let denied = sentences.iter().fold(0u64, |acc, s| acc | s.denied);
    v.denies_death = denied & Concept::Death.bit() != 0 && entry & (CONCERN | SIGNS) == 0;
    if v.level > CrisisLevel::None {
        v.check_in = false;
    }
    v
}

/// The entry-wide test behind [`Verdict::urgent`], on the concepts that
/// stand anywhere in it.
fn urgent(kept: u64) -> bool {
    use Concept::*;
    let has = |c: Concept| kept & c.bit() != 0;
    let means = kept & MEANS != 0;
    has(ActState)
        || has(Body)
        || (has(Violence) && has(DangerNow))
        || (has(Act) && (means || has(SelfHarm) || has(Quantity)))
        || (has(Time) && (has(Intent) || has(Preparation) || has(Farewell) || means))
        // "Now", "tonight", "in the car" beside a means, a farewell or a
        // preparation in an entry that is already a crisis.
        || (has(DangerNow) && (means || has(Farewell) || has(Preparation)))
}

fn add(v: &mut Verdict, level: CrisisLevel, why: Why, matched: &str) {
    v.level = v.level.max(level);
    reasons::push_unique(&mut v.reasons, reasons::crisis(why, matched));
}

/// Judge one window of sentences.
fn rung(w: &SentenceFacts, v: &mut Verdict) {
    use Concept::*;
    let has = |c: Concept| w.has(c);
    let means = w.kept & MEANS != 0;
    // A "what if" keeps a plan at ideation: it is still a crisis, not imminent.
    let imminent = if w.hypothetical {
        CrisisLevel::Elevated
    } else {
        CrisisLevel::Imminent
    };
    let elevated = CrisisLevel::Elevated;
    let time = w.time_words.as_deref().unwrap_or("");

    // Attempt or act in progress.
    if has(ActState) && (means || has(SelfHarm) || has(Death)) {
        add(v, imminent, Why::InDangerNow, "");
    }
    if has(Act) && means && (has(Quantity) || has(Body) || has(Death)) {
        add(v, imminent, Why::ActDone, "");
    }
    // "Took the lot. Ears ringing.": how much, and the body after it, make
    // an act even when the means goes unnamed.
    if has(Act) && has(Quantity) && has(Body) {
        add(v, imminent, Why::ActDone, "");
    }
    // "I did it" beside a shaking voice is an achievement; beside death or a
    // means it is an act.
    if has(Body) && (means || has(SelfHarm) || (has(Act) && has(Death))) {
        add(v, imminent, Why::BodyDanger, "");
    }
    // Intent and plan.
    if has(Death) && has(Intent) {
        add(v, imminent, Why::Decision, "");
    }
    if (has(Death) || means) && has(Time) && (has(Intent) || has(Preparation)) {
        add(v, imminent, Why::PlanWithTime, time);
    }
    if means && has(Intent) && (has(Quantity) || has(Death)) {
        add(v, imminent, Why::Decision, "");
    }
    // "Left the cat with the neighbour, tonight is it": things put in
    // order and a decision with a time, though no means or death word is
    // named.
    if has(Preparation) && has(Intent) && has(Time) {
        add(v, imminent, Why::PlanWithTime, time);
    }
    if has(Farewell) && has(Time) {
        add(v, imminent, Why::FarewellWithTime, time);
    }
    if has(Violence) && has(DangerNow) {
        add(v, CrisisLevel::Imminent, Why::HurtBySomeoneNow, "");
    }

    // Ideation, method, preparation.
    if has(Death) {
        add(v, elevated, Why::NotWantingToLive, "");
    }
    if has(Passive) {
        add(v, elevated, Why::Burden, "");
    }
    // A wish needs death itself ("I wish I could just not wake up"); a wish
    // beside a place or a thing ("I want to take the train") is ordinary.
    // An intrusive image needs only the means ("I keep seeing the train").
    if (has(Wish) && has(Death)) || (has(Image) && (means || has(Death))) {
        add(v, elevated, Why::DarkImages, "");
    }
    if has(Preparation) && (has(Death) || means) {
        add(v, elevated, Why::Preparing, "");
    }
    if means && (has(Intent) || has(Time)) && !has(Preparation) && has(Death) {
        add(v, elevated, Why::Method, "");
    }
    if has(Farewell) {
        add(v, elevated, Why::Farewell, "");
    }
    if has(SelfHarm) {
        add(v, elevated, Why::SelfHarm, "");
    }
    if has(Purge) && has(Body) {
        add(v, elevated, Why::PurgingDanger, "");
    }
    if has(MedStop) && has(Deliberate) {
        add(v, elevated, Why::StoppedMedication, "");
    }
    if has(Violence) {
        add(v, elevated, Why::HurtBySomeone, "");
    }
    if has(Unsafe) {
        add(v, elevated, Why::Unsafe, "");
    }

    // Worrying, not clearly crisis.
    if has(Hopeless) || has(Image) {
        v.check_in = true;
    }
}
