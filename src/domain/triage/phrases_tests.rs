//! Tests of the phrase rules on their own (the combined engine is tested
//! in `tests.rs`).

use super::phrases::PhraseEngine as Engine;
use super::*;
use proptest::prelude::*;

fn t(text: &str) -> Triage {
    Engine::builtin().triage(text, &TextingScope::default())
}

fn scoped(text: &str, purpose: TextingPurpose, topics: &[&str]) -> Triage {
    let scope = TextingScope {
        purpose,
        topics: topics.iter().map(|s| s.to_string()).collect(),
    };
    Engine::builtin().triage(text, &scope)
}

fn assert_bucket(text: &str, bucket: Bucket, level: CrisisLevel) {
    let r = t(text);
    assert_eq!(
        (r.bucket, r.crisis_level),
        (bucket, level),
        "for {text:?}: reasons {:?}",
        r.reasons
    );
    assert!(!r.reasons.is_empty());
}

#[test]
fn bundled_asset_parses() {
    Engine::from_toml(BUILTIN_TOML).expect("bundled triage.toml");
    // And the shared instance is the same lexicon.
    assert_eq!(
        Engine::builtin().rule_count(),
        Engine::from_toml(BUILTIN_TOML).unwrap().rule_count()
    );
}

#[test]
fn bad_toml_and_bad_patterns_are_readable_errors() {
    let e = Engine::from_toml("this is = = not toml").unwrap_err();
    assert!(matches!(e, TriageError::Toml(_)), "{e}");
    let bad = r#"
[[rule]]
id = "crisis.x"
kind = "crisis"
level = "elevated"
why = "x"
patterns = ["(unclosed"]
"#;
    let e = Engine::from_toml(bad).unwrap_err();
    assert!(e.to_string().contains("crisis.x"), "{e}");
    let no_level = r#"
[[rule]]
id = "crisis.y"
kind = "crisis"
why = "y"
patterns = ["y"]
"#;
    assert!(matches!(
        Engine::from_toml(no_level),
        Err(TriageError::Config(_))
    ));
    let unknown_list = r#"
[[rule]]
id = "hours.z"
kind = "hours"
why = "z"
patterns = ["{nope} z"]
"#;
    let e = Engine::from_toml(unknown_list).unwrap_err();
    assert!(e.to_string().contains("nope"), "{e}");
}

#[test]
fn crisis_imminent_family() {
    for s in [
        "I'm going to kill myself tonight",
        "took 30 of my sertraline",
        "I swallowed the whole bottle of advil",
        "how many pills would it take",
        "I loaded the shotgun",
        "I'm standing on the bridge",
        "This is my last message, thank you for everything",
        "I wrote my suicide note",
        "I slit my wrists",
        "there's a noose in the garage",
    ] {
        assert_bucket(s, Bucket::Crisis, CrisisLevel::Imminent);
    }
}

#[test]
fn crisis_elevated_family() {
    for s in [
        "I want to die",
        "everyone would be better off without me",
        "I want to go to sleep and not wake up",
        "i feel like such a burden",
        "I have no reason to live",
        "I want to cut myself",
        "I relapsed with self harm",
        "I don't feel safe",
        "my boyfriend choked me",
        "I feel hopeless",
        "I'm thinking of taking all my pills",
    ] {
        assert_bucket(s, Bucket::Crisis, CrisisLevel::Elevated);
    }
}

#[test]
fn crisis_wins_inside_logistics() {
    let r = t("can we reschedule? I want to end it all");
    assert_eq!(r.bucket, Bucket::Crisis);
    assert!(r.reasons[0].rule.starts_with("crisis."), "{:?}", r.reasons);
    let r = scoped(
        "are you still there? I want to die",
        TextingPurpose::LogisticsAndCheckIns,
        &[],
    );
    assert_eq!(r.bucket, Bucket::Crisis);
}

#[test]
fn idioms_are_not_crisis() {
    for s in [
        "this deadline is killing me",
        "I'd die of embarrassment",
        "my phone died",
        "my feet are killing me",
        "dying to see the new movie",
        "my grandfather died last year",
        "we talked about suicide prevention at work",
        "I killed it at the gym",
        "bored to death in this meeting",
    ] {
        let r = t(s);
        assert_ne!(r.bucket, Bucket::Crisis, "{s:?}: {:?}", r.reasons);
    }
}

#[test]
fn negation_cancels_only_its_phrase() {
    let r = t("I'm not suicidal, just tired");
    assert_eq!(r.bucket, Bucket::Session, "{:?}", r.reasons);
    assert!(r.reasons.iter().any(|x| x.rule == "guard.negated"));
    assert_bucket("I don't want to die", Bucket::Session, CrisisLevel::None);
    // The negator governs "okay", not the wish to die.
    assert_bucket(
        "I'm not okay, I want to die",
        Bucket::Crisis,
        CrisisLevel::Elevated,
    );
    assert_bucket(
        "I'm not okay I want to die",
        Bucket::Crisis,
        CrisisLevel::Elevated,
    );
    // "can't stop" is not a negation of what follows.
    assert_bucket(
        "I can't stop thinking about killing myself",
        Bucket::Crisis,
        CrisisLevel::Elevated,
    );
    assert_bucket(
        "I'm not suicidal but I keep thinking about not waking up",
        Bucket::Crisis,
        CrisisLevel::Elevated,
    );
}

#[test]
fn third_person_and_past_are_session() {
    assert_bucket(
        "my friend says she wants to die",
        Bucket::Session,
        CrisisLevel::None,
    );
    assert_bucket(
        "I used to think about suicide when I was a teenager",
        Bucket::Session,
        CrisisLevel::None,
    );
    // Unless it is back.
    assert_bucket(
        "I used to self harm and the urges are back again",
        Bucket::Crisis,
        CrisisLevel::Elevated,
    );
    assert_bucket(
        "we watched a film about suicide",
        Bucket::Session,
        CrisisLevel::None,
    );
}

#[test]
fn hedged_means_are_elevated_unless_urgent() {
    assert_bucket(
        "sometimes I think about jumping off the bridge",
        Bucket::Crisis,
        CrisisLevel::Elevated,
    );
    assert_bucket(
        "thinking about taking all my pills tonight",
        Bucket::Crisis,
        CrisisLevel::Imminent,
    );
}

#[test]
fn logistics_family() {
    for s in [
        "Need to reschedule Monday",
        "I'll be 5 min late",
        "Can you send a receipt for last week?",
        "Do you take Aetna?",
        "the portal won't let me log in",
        "the zoom link is broken",
        "where do I park?",
        "can you email me the intake forms",
    ] {
        let r = t(s);
        assert_eq!(r.bucket, Bucket::Hours, "{s:?}: {:?}", r.reasons);
        assert!(r.reasons[0].rule.starts_with("hours."), "{:?}", r.reasons);
    }
}

#[test]
fn checkins_follow_the_scope() {
    let s = "are you still there?";
    let r = scoped(s, TextingPurpose::LogisticsOnly, &[]);
    assert_eq!(r.bucket, Bucket::Session);
    assert!(
        r.reasons[0].why.contains("logistics only"),
        "{:?}",
        r.reasons
    );
    let r = scoped(s, TextingPurpose::LogisticsAndCheckIns, &[]);
    assert_eq!(r.bucket, Bucket::Hours);
    let r = scoped(s, TextingPurpose::Agreed, &["check-ins"]);
    assert_eq!(r.bucket, Bucket::Hours);
}

#[test]
fn agreed_topics_go_to_hours_with_a_named_reason() {
    let s = "Quick question about my medication side effects";
    assert_eq!(t(s).bucket, Bucket::Session);
    let r = scoped(s, TextingPurpose::Agreed, &["Medication side-effects"]);
    assert_eq!(r.bucket, Bucket::Hours, "{:?}", r.reasons);
    assert_eq!(r.reasons[0].rule, "hours.agreed");
    assert!(r.reasons[0].why.contains("agreement"));
    // A single distinctive word of the topic is enough.
    let r = scoped(
        "the DBT skills worksheet, which one?",
        TextingPurpose::Agreed,
        &["DBT skills coaching"],
    );
    assert_eq!(r.bucket, Bucket::Hours, "{:?}", r.reasons);
    // Topics are ignored under other purposes.
    let r = scoped(s, TextingPurpose::LogisticsOnly, &["medication"]);
    assert_eq!(r.bucket, Bucket::Session);
}

#[test]
fn long_rant_with_scheduling_goes_to_session() {
    let rant = "I need to reschedule Thursday but honestly that is not even the point. \
        I have been so angry and ashamed all week, I keep replaying the fight with my sister \
        and I feel like nobody ever takes my side, and then I lie awake and spiral about work \
        and about whether I will ever feel normal again. I am exhausted by all of it.";
    let r = t(rant);
    assert_eq!(r.bucket, Bucket::Session, "{:?}", r.reasons);
    assert!(r.reasons[0].rule.starts_with("session."), "{:?}", r.reasons);
    assert!(Engine::builtin().is_session_material(rant));
    assert!(!Engine::builtin().is_session_material("running 5 min late"));
    assert_eq!(
        t("need to reschedule thursday, sorry!").bucket,
        Bucket::Hours
    );
}

#[test]
fn normalisation_and_misspellings() {
    let e = Engine::builtin();
    assert_eq!(e.normalize("I’M  NOT   “fine”"), "im not fine");
    assert_eq!(e.normalize("café"), "cafe");
    for s in [
        "i want to diee",
        "I WANT TO DIEEEE",
        "thinking about sucide",
        "i feel suicdal",
        "kms",
        "i want to unalive myself",
        "i want to dissapear forever",
        "i wnt to die",
    ] {
        let r = t(s);
        assert_eq!(r.bucket, Bucket::Crisis, "{s:?}: {:?}", r.reasons);
    }
}

#[test]
fn default_reason_and_json_shape() {
    let r = t("I had a nice walk today");
    assert_eq!(r.bucket, Bucket::Session);
    assert_eq!(r.reasons.len(), 1);
    assert_eq!(r.reasons[0].rule, "session.default");
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "bucket": "session",
            "crisis_level": "none",
            "check_in": false,
            "reasons": [{
                "rule": "session.default",
                "matched": "",
                "why": super::reasons::DEFAULT_SESSION_WHY
            }]
        })
    );
    let r = t("how many pills would it take");
    let json = serde_json::to_string(&r).unwrap();
    assert!(
        json.starts_with(
            r#"{"bucket":"crisis","crisis_level":"imminent","reasons":[{"rule":"crisis.means""#
        ),
        "{json}"
    );
    assert_eq!(
        r.reasons[0].to_string(),
        r.reasons[0].why // a reason reads as its words alone, never the match
    );
}

#[test]
fn deterministic() {
    let s = "can we reschedule? also I keep thinking I'd be better off dead";
    assert_eq!(t(s), t(s));
}

#[test]
fn empty_and_odd_input() {
    for s in ["", "   ", "\n\n", "🙂🙂🙂", "。。。", "'", "....!!!???"] {
        let r = t(s);
        assert_eq!(r.bucket, Bucket::Session);
        assert!(!r.reasons.is_empty());
    }
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_unicode(s in "\\PC{0,200}") {
        let r = triage(&s);
        prop_assert!(!r.reasons.is_empty());
        let _ = Engine::builtin().is_session_material(&s);
    }

    #[test]
    fn never_panics_on_mixed_lexicon_soup(
        words in proptest::collection::vec(
            prop_oneof![
                Just("not"), Just("i"), Just("die"), Just("kill"), Just("myself"), Just("pills"),
                Just("reschedule"), Just("my"), Just("friend"), Just(","), Just("."), Just("é"),
                Just("’"), Just("\n"), Just("used to"), Just("tonight"), Just("30"), Just("took"),
                Just("🙂"), Just("ß"), Just("İ"),
            ],
            0..40,
        )
    ) {
        let s = words.join(" ");
        let r = triage(&s);
        prop_assert!(!r.reasons.is_empty());
    }
}
