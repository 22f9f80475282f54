//! Words that read as something they are not: a stem shared with an
//! everyday word, a Spanish article spelt like a pronoun, a possessive, a
//! phrase rule with an optional ending. Sentences are written for these
//! tests and are in no corpus.

use super::tests::{crisis, kept, not_crisis, t};
use super::*;

#[test]
fn exhausted_and_tracking_are_not_means() {
    use concepts::Concept::{MeansGas, MeansTraffic};
    assert!(!kept("so exhausted after the night shift", MeansGas));
    assert!(kept("the hose is on the exhaust", MeansGas));
    assert!(!kept(
        "my therapist asked me to track my mood",
        MeansTraffic
    ));
    assert!(kept(
        "I keep walking down to the tracks at night",
        MeansTraffic
    ));
}

#[test]
fn on_purpose_alone_is_no_medicine_stopped() {
    use concepts::Concept::MedStop;
    assert!(!kept("the cat sat on my keyboard on purpose", MedStop));
    assert!(kept("skipped my lithium on purpose this week", MedStop));
    crisis(
        "skipped my lithium on purpose this week so things get bad",
        CrisisLevel::Elevated,
    );
}

#[test]
fn a_possessive_is_not_who_acts() {
    use concepts::Concept::SelfHarm;
    // Someone else does it, though the writer's "my" comes closer.
    assert!(!kept(
        "a boy in my class self harms and I am worried",
        SelfHarm
    ));
    // The writer does it, to their own arm.
    assert!(kept("I cut my arm again last night", SelfHarm));
}

#[test]
fn the_spanish_article_el_is_not_he() {
    // "el garaje", "el motor": articles, so the car running in a shut
    // garage is the writer's.
    crisis(
        "Llevo una hora en el carro en el garaje con el motor prendido.",
        CrisisLevel::Imminent,
    );
    // "él dice" is still someone else.
    assert!(!kept(
        "Él dice que se quiere morir, estoy preocupada por mi hermano.",
        concepts::Concept::Death
    ));
}

#[test]
fn a_date_picked_for_something_else_is_no_plan() {
    not_crisis("We finally picked the day for the wedding, June 8th!");
    not_crisis("Picked a date for the bake sale, second Saturday in May.");
    crisis(
        "I have picked the date to do it, after the exams",
        CrisisLevel::Imminent,
    );
}

#[test]
fn a_plan_said_without_its_words_is_read() {
    use concepts::Concept::{Farewell, Intent, MeansFirearm, MeansGas};
    assert!(kept(
        "it's friday, that's when. i know where and how",
        Intent
    ));
    assert!(kept("car's running and the garage is shut", MeansGas));
    assert!(kept("the 12 gauge is on the bed", MeansFirearm));
    assert!(!kept(
        "kissed her for the last time before she flew to Madrid",
        Farewell
    ));
    crisis(
        "car's running, garage is shut, sorry mum",
        CrisisLevel::Imminent,
    );
}

#[test]
fn common_misspellings_are_repaired() {
    crisis("evryone wud be beter of without me", CrisisLevel::Elevated);
    let r = t("bernt my arm on perpos agen");
    assert_eq!(r.bucket, Bucket::Crisis, "{:?}", r.reasons);
}

#[test]
fn medicines_by_other_names_are_means_and_their_lookalikes_are_not() {
    use concepts::Concept::{MeansPills, MeansPoison};
    for said in [
        "been saving up my nortriptyline for weeks",
        "the whole box of zimovane is on the bedside table",
        "tengo guardadas las somniferos de mi madre",
        "there's a bottle of insecticide in the shed",
    ] {
        assert!(kept(said, MeansPills) || kept(said, MeansPoison), "{said}");
    }
    // One letter away from a brand name, still an everyday word.
    assert!(!kept("going to the concerts with my sister", MeansPills));
    assert!(!kept("wrote new lyrics for the band", MeansPills));
    assert!(!kept("voy a buscar trabajo nuevo", MeansPills));
    crisis(
        "swallowed all the trazodone I had left and I feel so drowsy",
        CrisisLevel::Imminent,
    );
    not_crisis("took my metformin with breakfast like the nurse said");
}

#[test]
fn goodbyes_at_a_move_or_a_new_job_and_giving_away_old_things_are_ordinary() {
    not_crisis("Said my goodbyes to my Year 6 class, new school in September.");
    not_crisis("Me despedí de mis compañeros, el lunes empiezo en la empresa nueva.");
    not_crisis("Giving away my old uni textbooks to the library tomorrow.");
    not_crisis("tonight is the night, making lasagne for the in-laws");
    crisis(
        "gave my dog to my sister and wrote the letters. tonight is the night.",
        CrisisLevel::Imminent,
    );
    crisis(
        "giving away my things, I won't need them after Friday",
        CrisisLevel::Imminent,
    );
}
