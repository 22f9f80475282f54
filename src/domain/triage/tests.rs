//! Concept families and modifiers, one sentence each. The sentences are
//! written for these tests and are not in any corpus.

use super::*;

pub(super) fn t(text: &str) -> Triage {
    triage(text)
}

fn level(text: &str) -> CrisisLevel {
    let r = t(text);
    assert_eq!(
        r.bucket == Bucket::Crisis,
        r.crisis_level > CrisisLevel::None,
        "{text:?}"
    );
    r.crisis_level
}

pub(super) fn crisis(text: &str, want: CrisisLevel) {
    let r = t(text);
    assert_eq!(
        (r.bucket, r.crisis_level),
        (Bucket::Crisis, want),
        "for {text:?}: {:?}",
        r.reasons
    );
}

pub(super) fn not_crisis(text: &str) {
    let r = t(text);
    assert_ne!(r.bucket, Bucket::Crisis, "for {text:?}: {:?}", r.reasons);
}

#[test]
fn bundled_assets_load() {
    let e = Engine::from_parts(BUILTIN_TOML, CONCEPTS_TOML, MODEL_BYTES).expect("assets");
    assert!(e.has_model(), "assets/triage-model.bin did not load");
}

#[test]
fn ideation_passive_and_active() {
    crisis(
        "honestly I'd rather not exist at all",
        CrisisLevel::Elevated,
    );
    crisis(
        "everyone would be better off without me around",
        CrisisLevel::Elevated,
    );
    crisis(
        "sometimes I think about ending my life",
        CrisisLevel::Elevated,
    );
    crisis("quiero morirme, ya no aguanto", CrisisLevel::Elevated);
}

#[test]
fn plan_with_time_and_decision_is_imminent() {
    crisis(
        "I've made up my mind, I'm going to kill myself",
        CrisisLevel::Imminent,
    );
    crisis(
        "wrote a note to my mum, I will kill myself on saturday",
        CrisisLevel::Imminent,
    );
    let r = t("I've decided to end it all on sunday");
    assert_eq!(r.crisis_level, CrisisLevel::Imminent);
    assert!(
        r.reasons.iter().any(|x| x.matched.contains("sunday")),
        "{:?}",
        r.reasons
    );
}

#[test]
fn act_and_body_danger_are_imminent() {
    crisis(
        "swallowed a handful of tablets and now the room is spinning and I feel faint",
        CrisisLevel::Imminent,
    );
    crisis(
        "I'm standing on the ledge of the car park",
        CrisisLevel::Imminent,
    );
    crisis(
        "cut myself too deep and the bleeding will not stop",
        CrisisLevel::Imminent,
    );
}

#[test]
fn self_harm_and_relapse() {
    crisis(
        "burned myself with a lighter after dinner",
        CrisisLevel::Elevated,
    );
    // A bare "relapsed" may be drink or drugs as much as self-harm: it is
    // asked about, or filed as crisis, never left alone.
    let r = t("relapsed tonight after four months");
    assert!(r.bucket == Bucket::Crisis || r.check_in, "{r:?}");
}

#[test]
fn harm_from_someone_else() {
    crisis(
        "he held me down and said next time would be worse",
        CrisisLevel::Elevated,
    );
    crisis(
        "he choked me and he's outside the door right now",
        CrisisLevel::Imminent,
    );
}

#[test]
fn misspellings_are_found_by_edit_distance() {
    assert!(level("been thinking about suicdie a lot") >= CrisisLevel::Elevated);
}

#[test]
fn negation_sets_a_concept_aside() {
    not_crisis("I'm not suicidal, just really tired of my job");
    // The concepts set this aside; the model may still ask (a known gap:
    // it can overrule a negation when its score is high).
    let e = Engine::builtin();
    let facts = concepts::read(
        &e.concepts,
        &e.normalize("I would never hurt myself, I just needed to vent"),
    );
    assert!(facts
        .iter()
        .all(|f| f.kept & concepts::Concept::SelfHarm.bit() == 0));
}

#[test]
fn distant_past_sets_a_concept_aside() {
    not_crisis("when I was 15 I used to cut myself, I told my therapist about the scars");
}

#[test]
fn third_person_and_stories_are_about_someone_else() {
    not_crisis("my friend's grandad died last week and she is devastated");
    not_crisis("watched a film where the character jumps off a bridge");
}

#[test]
fn idioms_are_not_crisis() {
    not_crisis("my feet are killing me after that shift");
    not_crisis("I'm dying to see the new exhibition");
    not_crisis("beating myself up over the email I sent");
}

#[test]
fn crisis_always_wins_over_logistics() {
    let r = t("can we move thursday to 3pm, also I have been saving up my pills for the weekend");
    assert_eq!(r.bucket, Bucket::Crisis);
}

#[test]
fn check_in_for_hopelessness() {
    let r = t("what's the point of any of it. everything feels hopeless");
    assert_ne!(r.bucket, Bucket::Hours);
    assert!(r.check_in || r.bucket == Bucket::Crisis, "{r:?}");
}

#[test]
fn crisis_reasons_never_repeat_a_means() {
    let lex = &Engine::builtin().concepts;
    for text in [
        "took all my sertraline an hour ago",
        "I'm on the bridge right now",
        "the rope is ready for tonight",
    ] {
        let r = t(text);
        assert_eq!(r.bucket, Bucket::Crisis, "{text}");
        for reason in &r.reasons {
            assert!(!lex.names_means(&reason.matched), "{reason:?}");
            assert!(!lex.names_means(&reason.why), "{reason:?}");
            assert!(!reason.why.contains("crisis."), "{reason:?}");
        }
    }
}

#[test]
fn default_reason_reads_well() {
    let r = t("had a nice walk with my sister today");
    assert_eq!(r.bucket, Bucket::Session);
    assert!(!r.check_in);
    assert!(
        r.reasons[0].why.contains("waits for the session"),
        "{:?}",
        r.reasons
    );
}

#[test]
fn hours_for_plain_logistics() {
    for s in [
        "running late, be there in 10",
        "can we switch to video on thurs?",
    ] {
        assert_eq!(t(s).bucket, Bucket::Hours, "{s}");
    }
}

#[test]
fn wording_close_to_a_crisis_is_never_filed_as_something_to_text_later() {
    // Short, logistics-shaped, and worrying: kept for the session, and asked.
    for s in [
        "can't do another winter",
        "Not sure I'll bother waking up tomorrow.",
    ] {
        let r = t(s);
        assert_ne!(r.bucket, Bucket::Hours, "{s}");
        assert!(r.bucket == Bucket::Crisis || r.check_in, "{s}: {r:?}");
    }
}

/// Whether the concept reader keeps `c` anywhere in `text` (rules only, no
/// model), so these tests pin the modifiers themselves.
pub(super) fn kept(text: &str, c: concepts::Concept) -> bool {
    let e = Engine::builtin();
    let norm = e.normalize(text);
    concepts::read(&e.concepts, &norm).iter().any(|s| s.has(c))
}

#[test]
fn a_joke_marker_sets_hyperbole_aside_but_not_self_harm() {
    use concepts::Concept::*;
    let sea = "if I hear that song once more I'll walk into the sea";
    assert!(kept(sea, MeansWater));
    assert!(!kept(&format!("{sea} lol"), MeansWater));
    assert!(!kept("me quiero morir de sueño jaja", Death));
    assert!(!kept(
        "wanted to die this morning. Hangover of the century.",
        Death
    ));
    assert!(kept("cut my arm again last night lol", SelfHarm));
}

#[test]
fn an_accident_in_the_sentence_is_not_self_harm() {
    use concepts::Concept::*;
    assert!(!kept("I cut myself shaving this morning", SelfHarm));
    assert!(!kept("burned myself on the stove while cooking", SelfHarm));
    assert!(kept("I cut myself on purpose this morning", SelfHarm));
}

#[test]
fn a_dream_told_is_set_aside() {
    use concepts::Concept::*;
    assert!(!kept(
        "dreamt last night that I was drowning in the river",
        MeansWater
    ));
    assert!(!kept(
        "soñé que mi papá me pegaba con el cinturón",
        Violence
    ));
    assert!(kept(
        "I keep thinking about the river and drowning",
        MeansWater
    ));
}

#[test]
fn the_death_of_someone_else_is_grief_not_ideation() {
    use concepts::Concept::*;
    assert!(!kept(
        "it is a year today since the death of my grandmother",
        Death
    ));
    assert!(!kept(
        "hoy se cumple un año de la muerte de mi abuela",
        Death
    ));
    assert!(kept("since the funeral I want to die too", Death));
}

#[test]
fn a_threat_told_by_who_made_it_is_literal() {
    use concepts::Concept::*;
    assert!(kept(
        "my husband said he'd kill me if I told anyone",
        Violence
    ));
    assert!(!kept("mum will kill me if I'm late again", Violence));
}

#[test]
fn one_short_spanish_sentence_switches_the_spanish_lexicon_on() {
    use concepts::Concept::*;
    assert!(kept("quiero dormirme y no despertar", Death));
    assert!(kept("a veces pienso que sería mejor no estar", Death));
}

#[test]
fn a_farewell_names_someone_else_and_still_counts() {
    use concepts::Concept::*;
    assert!(kept("told my mum that none of this is her fault", Farewell));
}

#[test]
fn a_past_word_inside_the_phrase_does_not_date_it() {
    use concepts::Concept::*;
    assert!(kept(
        "picking at the scars on my arms until they reopen",
        SelfHarm
    ));
    assert!(!kept(
        "my old scars from when I was 15 have faded",
        SelfHarm
    ));
}

#[test]
fn the_model_reason_shows_words_that_carry_meaning() {
    let e = Engine::builtin();
    let words: Vec<String> = ["would", "like this", "night", "better off"]
        .iter()
        .map(|w| w.to_string())
        .collect();
    let r = reasons::model_reason(&words, &e.concepts).expect("a reason");
    assert!(
        r.why.contains("'night'") && r.why.contains("'better off'"),
        "{}",
        r.why
    );
    assert!(
        !r.why.contains("'would'") && !r.why.contains("'like this'"),
        "{}",
        r.why
    );
}

#[test]
fn an_overdose_named_as_an_event_is_not_the_writers_act() {
    use concepts::Concept::*;
    assert!(!kept(
        "first aid course today, we learnt the overdose signs",
        Act
    ));
    assert!(!kept("a year since Danny died. the overdose.", Act));
    assert!(kept("I took an overdose an hour ago", Act));
    assert!(kept("I overdosed on my tablets last night", Act));
}

#[test]
fn a_joke_marker_never_covers_a_body_in_trouble() {
    use concepts::Concept::*;
    // The marker is in the next sentence; the act and its means still stand.
    let s = "swallowed the tablets an hour ago and now im shaking and sweating. the chemist bag is still on the bed lol";
    assert!(kept(s, Act));
    assert!(kept(s, MeansPills));
    // Without a body in trouble, the marker still sets hyperbole aside.
    assert!(!kept(
        "after that meeting I'll take all the tablets. lol",
        MeansPills
    ));
}

#[test]
fn a_sign_of_danger_is_never_filed_as_logistics() {
    // A means logistics never names, or the body in trouble, beside a
    // logistics aside: never "maybe send during hours".
    for s in [
        "the razor is out on the sink, sorry I have to miss Wednesday",
        "can we move Friday, I keep blacking out and my chest is tight",
    ] {
        assert_ne!(t(s).bucket, Bucket::Hours, "{s}");
    }
}

#[test]
fn how_much_was_taken_and_the_body_after_make_an_act() {
    crisis(
        "Swallowed the whole lot after tea. Now everything is going blurry.",
        CrisisLevel::Imminent,
    );
    // The body after an everyday "took", with no amount, climbs no rung.
    // (The model alone still reads this one as close to a crisis; README
    // lists it among what is left.)
    let r = t("took the kids swimming and now I'm dizzy from the heat");
    assert!(!r.reasons.iter().any(|x| x.rule == "crisis.act"), "{r:?}");
}

#[test]
fn connection_trouble_is_logistics() {
    for s in [
        "you there? your screen froze, rejoining",
        "can hear you but the call keeps cutting out",
        "se congelo la videollamada, vuelvo a entrar",
    ] {
        assert_eq!(t(s).bucket, Bucket::Hours, "{s}");
    }
}

#[test]
fn access_and_lost_property_are_logistics() {
    for s in [
        "is there a ramp or just stairs? on crutches this week",
        "I think I left my umbrella in the waiting room",
        "deje mis lentes en el consultorio",
    ] {
        assert_eq!(t(s).bucket, Bucket::Hours, "{s}");
    }
}

#[test]
fn a_negated_danger_is_not_revived_by_a_phrase_rule() {
    not_crisis("Survived the whole wedding reception without hiding in the toilets once.");
}

#[test]
fn a_word_listed_both_exactly_and_by_stem_is_refused() {
    let both = r#"
version = 1
[[concept]]
name = "quantity"
en = ["whole", "=whole box"]
"#;
    let err = lexicon::Lexicon::from_toml(both).expect_err("conflict refused");
    assert!(err.to_string().contains("'whole'"), "{err}");
    let plain = both.replace("=whole box", "whole box");
    assert!(lexicon::Lexicon::from_toml(&plain).is_ok());
}

#[test]
fn a_later_clause_about_now_brings_the_past_back() {
    use concepts::Concept::*;
    assert!(kept(
        "I used to think about suicide at school, but lately I think about it every night",
        Death
    ));
    assert!(!kept(
        "I used to think about suicide at school, but lately I go running instead",
        Death
    ));
}

#[test]
fn a_sentence_that_only_dates_dates_the_one_before() {
    use concepts::Concept::*;
    let told = "Told my sister about the cutting on my arms.";
    assert!(kept(told, SelfHarm));
    assert!(!kept(
        &format!("{told} That was eight years ago."),
        SelfHarm
    ));
    // A sentence with something of its own in it does not.
    assert!(kept(
        &format!("{told} Eight years ago it started and it's back."),
        SelfHarm
    ));
}

#[test]
fn a_short_spanish_line_in_a_hurry_is_read() {
    for s in [
        "me volvi a cortar poquito",
        "cansado de vivir, cancela el martes",
    ] {
        assert_eq!(t(s).bucket, Bucket::Crisis, "{s}");
    }
}

#[test]
fn a_move_a_retirement_or_a_holiday_is_not_a_farewell() {
    use concepts::Concept::*;
    assert!(!kept(
        "Last day at the depot after twenty years. Said my goodbyes to everyone and gave away my mugs.",
        Farewell
    ));
    assert!(!kept(
        "Off to Galway for a week, gave the neighbours my spare key and the dog's food.",
        Preparation
    ));
    // Without one, the same goodbyes still count.
    assert!(kept(
        "Said my goodbyes to everyone and gave away my mugs.",
        Farewell
    ));
}

#[test]
fn a_wished_for_accident_is_passive_ideation() {
    use concepts::Concept::*;
    assert!(kept(
        "no quiero hacerme nada, pero ojala tener un accidente en la carretera",
        Passive
    ));
    // An accident that happened still sets the act aside.
    assert!(!kept("I cut my thumb by accident making tea", SelfHarm));
}

#[test]
fn not_wanting_to_be_around_is_never_filed_as_logistics() {
    // Brief and message-shaped, but about not being alive next month.
    let r = t("paid the invoice, not sure I want to still be around for the next one");
    assert_ne!(r.bucket, Bucket::Hours, "{r:?}");
}

#[test]
fn things_put_in_order_beside_a_decided_time_is_imminent() {
    // No means and no death word: the arrangements and the decision carry it.
    crisis(
        "Left the cat with the neighbour and tonight is it.",
        CrisisLevel::Imminent,
    );
    crisis(
        "settled the gas bill so nobody's stuck with it, tomorrow is when",
        CrisisLevel::Imminent,
    );
    not_crisis("Paid the rent early and tonight is the pub quiz.");
}

#[test]
fn being_at_the_place_is_imminent() {
    crisis(
        "at the tracks near the depot, I can see the lights coming",
        CrisisLevel::Imminent,
    );
    crisis(
        "water up to my chest at the beach and I'm still walking",
        CrisisLevel::Imminent,
    );
    crisis(
        "hose on the exhaust and the garage door is down",
        CrisisLevel::Imminent,
    );
}

#[test]
fn a_weapon_in_someone_elses_hands_is_danger() {
    crisis(
        "he's swinging a bat at the door right now",
        CrisisLevel::Imminent,
    );
    assert!(
        level("my uncle has the gun out and says he'll use it if she leaves") > CrisisLevel::None
    );
}

#[test]
fn spanish_self_harm_and_burden() {
    crisis(
        "me hago cortes en los brazos casi todos los días",
        CrisisLevel::Elevated,
    );
    crisis("soy un estorbo para todos", CrisisLevel::Elevated);
    not_crisis("me muero de risa con este video");
}

#[test]
fn side_effects_and_long_chores_are_not_acts() {
    not_crisis("the pills make me so sleepy in the afternoons");
    not_crisis("took all afternoon to paint the fence but it looks great");
    crisis(
        "my side hurts and I've been sick twice since I took the whole packet",
        CrisisLevel::Imminent,
    );
}

#[test]
fn a_short_word_with_an_apostrophe_and_a_kept_weapon_are_read() {
    // "car's" reads "cars" once the apostrophe goes.
    crisis(
        "the car's running in the shut garage",
        CrisisLevel::Imminent,
    );
    crisis("walking along the tracks now", CrisisLevel::Imminent);
    crisis(
        "my brother keeps a rifle by the bed and reminds me it's there",
        CrisisLevel::Elevated,
    );
    crisis(
        "only still here because the dog needs walking",
        CrisisLevel::Elevated,
    );
}

#[test]
fn a_screening_question_answered_no_is_not_the_writers_crisis() {
    // The question's words are the asker's; the answer is the writer's.
    not_crisis(
        "at my physical the doctor asked whether I ever think about ending my life and I said no",
    );
    not_crisis("Counsellor asked me about hurting myself. I said not really, which is true.");
    not_crisis("la enfermera me preguntó si tenía ganas de morir y le dije que no");
    // An answer taken back, or a yes, keeps the crisis.
    crisis(
        "the nurse asked if I'd thought about killing myself. I said no. I lied.",
        CrisisLevel::Elevated,
    );
    crisis(
        "my GP asked if I had thoughts of suicide and I said yes, most nights",
        CrisisLevel::Elevated,
    );
}

#[test]
fn a_cover_story_taken_back_is_no_retirement() {
    crisis(
        "Said my goodbyes at the depot and told them I'm retiring. I'm not.",
        CrisisLevel::Elevated,
    );
    not_crisis("Said my goodbyes at the depot and told them I'm retiring. Cake was good.");
}

#[test]
fn a_blow_by_a_named_person_is_literal() {
    crisis(
        "her dad's been hitting me since I moved in with them",
        CrisisLevel::Elevated,
    );
    not_crisis("it's hitting me now that the house is empty");
    not_crisis("the bus driver kicked me off at the depot for no reason");
}

#[test]
fn a_burden_on_everyone_is_the_writers() {
    crisis("honestly everybody'd be better off", CrisisLevel::Elevated);
    // Someone else's "better off" stays someone else's for the concept
    // reader. (The model alone still reads this line as crisis wording; an
    // entry-wide stricter model threshold for such lines cost 113 crises
    // in cross-validation, so the rule is tested here on its own.)
    let trace = Engine::builtin().trace("my sister would be better off in a bigger flat");
    assert!(
        trace[0].contains("[Passive]"),
        "someone else's burden was kept: {trace:?}"
    );
}

#[test]
fn waking_sorry_to_be_alive_is_not_the_dream() {
    crisis(
        "had the dream about the crash again and woke up disappointed I hadn't gone with it",
        CrisisLevel::Elevated,
    );
    not_crisis("dreamt I fell off a cliff and woke up with a jolt");
}

#[test]
fn harm_told_as_long_past_is_history() {
    // The past covers its clause: "... and I still flinch" in the same
    // clause would bring it back to now, as "I used to cut and I still do"
    // must.
    not_crisis("my stepdad used to hit me when I was a kid. I still flinch at loud voices");
    crisis(
        "my stepdad hit me again tonight when I got in",
        CrisisLevel::Imminent,
    );
}
