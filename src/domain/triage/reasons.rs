//! The words a person reads about why an entry was sorted as it was.
//!
//! Safe-messaging practice: name the concept, never repeat a method or a
//! means back, never a rule id or a log line. A crisis reason quotes at
//! most a time ("on friday").

use super::lexicon::Lexicon;
use super::Reason;

/// The default, when nothing needs attention before the session.
pub const DEFAULT_SESSION_WHY: &str =
    "Nothing here needs your therapist before the session, so it waits for the session";

/// What a crisis reason is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    InDangerNow,
    ActDone,
    BodyDanger,
    Decision,
    PlanWithTime,
    FarewellWithTime,
    HurtBySomeoneNow,
    NotWantingToLive,
    Burden,
    DarkImages,
    Preparing,
    Method,
    Farewell,
    SelfHarm,
    PurgingDanger,
    StoppedMedication,
    HurtBySomeone,
    Unsafe,
}

impl Why {
    fn rule(self) -> &'static str {
        use Why::*;
        match self {
            InDangerNow | ActDone | BodyDanger => "crisis.act",
            Decision | PlanWithTime | FarewellWithTime => "crisis.plan",
            HurtBySomeoneNow | HurtBySomeone => "crisis.danger",
            NotWantingToLive | Burden | DarkImages => "crisis.ideation",
            Preparing | Method => "crisis.preparation",
            Farewell => "crisis.goodbye",
            SelfHarm | PurgingDanger | StoppedMedication => "crisis.selfharm",
            Unsafe => "crisis.safety",
        }
    }

    fn words(self) -> &'static str {
        use Why::*;
        match self {
            InDangerNow => {
                "describes being somewhere or with something that could end your life, right now"
            }
            ActDone => "describes having just done something that could end your life",
            BodyDanger => "describes signs that your body is in danger",
            Decision => "mentions a decision to end your life",
            PlanWithTime => "mentions a plan with a time",
            FarewellWithTime => "mentions a goodbye with a time",
            HurtBySomeoneNow => "describes being in danger from someone else right now",
            NotWantingToLive => "mentions not wanting to be alive",
            Burden => {
                "mentions not wanting to be around, being a burden, or others being better off"
            }
            DarkImages => "mentions wishing for death or images of dying",
            Preparing => "mentions getting ready or looking into ways to die",
            Method => "mentions thinking about how to end your life",
            Farewell => "mentions saying goodbye or putting affairs in order",
            SelfHarm => "mentions hurting yourself",
            PurgingDanger => "mentions purging with physical danger signs",
            StoppedMedication => "mentions stopping a medication on purpose",
            HurtBySomeone => "describes being hurt or threatened by someone else",
            Unsafe => "says you do not feel safe",
        }
    }
}

/// A crisis reason; `matched` may only be a time.
pub fn crisis(why: Why, time: &str) -> Reason {
    let words = if time.is_empty() {
        why.words().to_string()
    } else {
        format!("{}: '{}'", why.words(), time)
    };
    Reason::new(why.rule(), time, &words)
}

/// The phrase rules' crisis reasons, retold by family without their match.
pub fn retell_phrase_reason(r: &Reason) -> Option<Reason> {
    let why = match r.rule.as_str() {
        "crisis.plan" => Why::Decision,
        "crisis.means" => Why::Method,
        "crisis.place" => Why::InDangerNow,
        "crisis.act" => Why::ActDone,
        "crisis.goodbye" => Why::Farewell,
        "crisis.ideation" | "crisis.hopeless" => Why::NotWantingToLive,
        "crisis.selfharm" => Why::SelfHarm,
        "crisis.safety" => Why::Unsafe,
        "crisis.danger" => Why::HurtBySomeone,
        _ => return None,
    };
    let mut r = crisis(why, "");
    r.rule = format!("{}.phrase", r.rule);
    Some(r)
}

/// Common words too empty to show as the model's reason.
const FUNCTION_WORDS: [&str; 40] = [
    "would", "could", "should", "like", "this", "that", "these", "those", "with", "have", "been",
    "just", "really", "about", "what", "when", "there", "their", "them", "they", "from", "your",
    "were", "will", "even", "know", "then", "than", "some", "into", "only", "also", "very", "much",
    "because", "where", "which", "while", "here", "dont",
];

/// The model's reason: its strongest word features, leaving out anything
/// that names a means.
pub fn model_reason(top_words: &[String], lex: &Lexicon) -> Option<Reason> {
    let shown: Vec<String> = top_words
        .iter()
        // Function words ("of", "would", "like this") explain nothing to a
        // person: a shown word must have a part that carries meaning.
        .filter(|w| {
            !lex.names_means(w)
                && w.split(' ')
                    .any(|part| part.len() > 3 && !FUNCTION_WORDS.contains(&part))
        })
        .take(3)
        .map(|w| format!("'{w}'"))
        .collect();
    let why = if shown.is_empty() {
        "the wording is close to entries that needed crisis support".to_string()
    } else {
        format!(
            "the wording is close to entries that needed crisis support: {}",
            shown.join(", ")
        )
    };
    Some(Reason::new("crisis.model", "", &why))
}

/// The model's logistics reason, naming the words that read as logistics.
pub fn model_hours_reason(top_words: &[String]) -> Reason {
    let shown: Vec<String> = top_words.iter().take(3).map(|w| format!("'{w}'")).collect();
    Reason::new(
        "hours.model",
        "",
        &format!(
            "Brief logistics (wording close to: {}), fine to send during your therapist's hours",
            shown.join(", ")
        ),
    )
}

pub fn check_in_reason() -> Reason {
    Reason::new(
        "checkin.ask",
        "",
        "Some of this sounds heavy. Are you having thoughts of ending your life or hurting yourself?",
    )
}

pub fn worrying_not_hours() -> Reason {
    Reason::new(
        "session.worrying",
        "",
        "There is more here than logistics, so it is better said in person than texted",
    )
}

pub fn default_session() -> Reason {
    Reason::new("session.default", "", DEFAULT_SESSION_WHY)
}

pub fn push_unique(list: &mut Vec<Reason>, r: Reason) {
    if !list.iter().any(|x| x.why == r.why) {
        list.push(r);
    }
}
