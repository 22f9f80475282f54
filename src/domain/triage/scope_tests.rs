//! How far a modifier reaches, and what it may not cover: clock times, a
//! dating clause, a joke marker, someone else's possessive, an idiom that
//! runs past a phrase. Sentences are written for these tests and are in
//! no corpus.

use super::tests::{crisis, kept, not_crisis};
use super::*;
use concepts::Concept;

#[test]
fn a_clock_time_is_a_time() {
    assert!(kept("I'm leaving the flat at 3:45", Concept::Time));
    assert!(kept("the last ferry goes by half 11", Concept::Time));
    assert!(kept("doing it around 11pm", Concept::Time));
    assert!(kept("mañana a las 6, antes del trabajo", Concept::Time));
    assert!(!kept("I have 3 kids and 2 cats", Concept::Time));
    // A clock time beside things put in order and a decision makes a
    // plan on the ladder itself, not only in the model's eyes.
    let r = triage("Left the dog with my sister. Decided, leaving at 4:30.");
    assert_eq!(r.crisis_level, CrisisLevel::Imminent, "{:?}", r.reasons);
    assert!(
        r.reasons
            .iter()
            .any(|x| x.rule == "crisis.plan" && x.why.contains("'at 4:30'")),
        "{:?}",
        r.reasons
    );
}

#[test]
fn a_dating_clause_dates_the_clause_before() {
    assert!(!kept(
        "we talked about the night he hit me, ten years ago now",
        Concept::Violence
    ));
    // Without the dating clause it is now.
    assert!(kept("he hit me last night, again", Concept::Violence));
}

#[test]
fn a_joke_marker_does_not_cover_passive_ideation() {
    assert!(kept(
        "wouldn't mind if I never woke up haha",
        Concept::Passive
    ));
    // It still covers hyperbole about dying.
    assert!(!kept(
        "the quiz was so bad I want to die lol",
        Concept::Death
    ));
}

#[test]
fn someone_elses_possessive_before_a_means_is_still_the_writers_means() {
    assert!(kept(
        "I kept all her old tablets from the hospice",
        Concept::MeansPills
    ));
    // Who acts is still someone else.
    assert!(!kept("he took all his tablets at once", Concept::Act));
}

#[test]
fn kids_is_not_kidding_and_hes_is_someone_else() {
    // "kids" shares a stem with "kidding", which is matched as written.
    assert!(kept(
        "he's coming back to sort me out and the kids",
        Concept::Violence
    ));
    assert!(!kept(
        "He's going to be fine, the nurse said",
        Concept::Intent
    ));
}

#[test]
fn an_idiom_that_runs_past_a_passive_phrase_covers_it() {
    assert!(!kept("ya no aguanto a la gente hoy", Concept::Passive));
    // A passive phrase that has an idiom word inside it stands.
    assert!(kept(
        "ojalá tener un accidente en la carretera",
        Concept::Passive
    ));
}

#[test]
fn only_a_distant_date_makes_an_act_history() {
    crisis(
        "swallowed every one of my sleeping tablets, twenty minutes ago",
        CrisisLevel::Imminent,
    );
    not_crisis("I took an overdose once, fifteen years ago now");
}

#[test]
fn a_ticket_booked_is_not_a_book_read() {
    crisis(
        "booked a one-way train to the coast for tonight and left the dog with mum",
        CrisisLevel::Imminent,
    );
    not_crisis("reading a book about a girl who took an overdose, it's really good");
}
