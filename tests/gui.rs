//! Drives the real views with iced_test's headless simulator: create a vault,
//! unlock, write, see the entry, lock, and reach crisis help while locked.

mod common;
#[path = "common/gui.rs"]
mod harness;

use between::app::session;
use between::domain::model::{Bucket, Entry};
use between::store::vault::Vault;
use between::ui::{self, composer, lock, setup, App, Message, Screen};
use common::{secret, Home};
use harness::{settings, settle, update};
use iced_test::selector::id;
use iced_test::Simulator;

/// Runs `interact` on a simulator of the current view, then feeds the
/// messages it produced back into `update`, running the tasks they start.
fn drive(app: &mut App, interact: impl FnOnce(&mut Simulator<'_, Message>)) -> Vec<Message> {
    let messages: Vec<Message> = {
        let mut ui = Simulator::with_size(settings(), (1100.0, 720.0), app.view());
        interact(&mut ui);
        ui.into_messages().collect()
    };
    for message in messages.clone() {
        update(app, message);
    }
    messages
}

/// Like `drive`, but the tasks are dropped, so a test can look at the
/// window while its work (the scrypt job) is still under way.
fn press_only(app: &mut App, interact: impl FnOnce(&mut Simulator<'_, Message>)) {
    let messages: Vec<Message> = {
        let mut ui = Simulator::with_size(settings(), (1100.0, 720.0), app.view());
        interact(&mut ui);
        ui.into_messages().collect()
    };
    for message in messages {
        let _ = app.update(message);
    }
}

/// Every entry as stored on disk, read back with passphrase "pw".
fn stored_entries(home: &Home) -> Vec<Entry> {
    let vault = Vault::open(&home.paths()).unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    vault.load(&keys).unwrap().entries
}

/// The unlocked session (the test fails if the journal is locked).
fn session(app: &App) -> &ui::Session {
    app.session().expect("the journal is unlocked")
}

fn unlocked_app(home: &Home, pass: &str) -> App {
    let mut app = App::new(home.paths());
    press_only(&mut app, |ui| {
        ui.click(id(lock::PASSPHRASE_ID)).unwrap();
        ui.typewrite(pass);
        ui.click("Unlock").unwrap();
    });
    assert!(
        matches!(&app.screen, Screen::Locked(l) if l.working),
        "unlock started"
    );
    // The scrypt job runs as a Task in the app; here the test runs it.
    update(
        &mut app,
        Message::opened(session::unlock(&home.paths(), secret(pass))),
    );
    assert!(app.is_unlocked());
    app
}

#[test]
fn first_run_creates_a_vault() {
    let home = Home::new();
    let mut app = App::new(home.paths());
    assert!(matches!(app.screen, Screen::Setup(_)));
    press_only(&mut app, |ui| {
        ui.click(id(setup::PASSPHRASE_ID)).unwrap();
        ui.typewrite("violet kettle orbit");
        ui.click(id(setup::CONFIRM_ID)).unwrap();
        ui.typewrite("violet kettle orbit");
        ui.click("Create my journal").unwrap();
    });
    assert!(matches!(&app.screen, Screen::Setup(s) if s.working));
    update(
        &mut app,
        Message::opened(session::create(
            &home.paths(),
            secret("violet kettle orbit"),
        )),
    );
    assert!(app.is_unlocked());
    assert!(Vault::exists(&home.paths()));
}

#[test]
fn unlock_write_see_it_listed_then_lock() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = unlocked_app(&home, "pw");

    drive(&mut app, |ui| {
        ui.click("New entry").unwrap();
    });
    assert!(app.composer.is_some());
    drive(&mut app, |ui| {
        ui.click(id(composer::EDITOR_ID)).unwrap();
        ui.typewrite("Noticed I calmed down after the walk");
    });
    drive(&mut app, |ui| {
        ui.click("Save  (Ctrl+S)").unwrap();
    });
    assert!(app.composer.is_none(), "composer closes after saving");

    // The new entry is in the list view.
    drive(&mut app, |ui| {
        ui.find("Noticed I calmed down after the walk")
            .expect("listed");
    });

    // And on disk, sealed.
    let vault = Vault::open(&home.paths()).unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    let entries = vault.load(&keys).unwrap().entries;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].text, "Noticed I calmed down after the walk");
    assert!(!entries[0].draft);

    drive(&mut app, |ui| {
        ui.click("Lock").unwrap();
    });
    assert!(matches!(app.screen, Screen::Locked(_)));
    drive(&mut app, |ui| {
        assert!(
            ui.find("Noticed I calmed down after the walk").is_err(),
            "text gone when locked"
        );
        ui.find("Your journal is locked.").unwrap();
    });
}

#[test]
fn wrong_passphrase_shows_a_clear_error() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("right")).unwrap();
    let mut app = App::new(home.paths());
    update(
        &mut app,
        Message::Lock(lock::Message::Passphrase("wrong".into())),
    );
    update(&mut app, Message::Lock(lock::Message::Unlock));
    update(
        &mut app,
        Message::opened(session::unlock(&home.paths(), secret("wrong"))),
    );
    match &app.screen {
        Screen::Locked(lock) => {
            assert!(lock.error.as_deref().unwrap().contains("passphrase"));
            assert!(!lock.working);
        }
        _ => panic!("must stay locked"),
    }
}

#[test]
fn write_without_unlocking_seals_an_entry() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = App::new(home.paths());
    drive(&mut app, |ui| {
        ui.click("Write without unlocking").unwrap();
    });
    assert!(app.composer.as_ref().is_some_and(|c| c.locked_mode));
    drive(&mut app, |ui| {
        ui.click(id(composer::EDITOR_ID)).unwrap();
        ui.typewrite("Running late today, sorry");
    });
    drive(&mut app, |ui| {
        ui.click("Save  (Ctrl+S)").unwrap();
    });
    assert!(app.composer.is_none());
    assert!(!app.is_unlocked(), "still locked");
    let vault = Vault::open(&home.paths()).unwrap();
    assert_eq!(vault.entry_count().unwrap(), 1);
    let keys = vault.unlock(&secret("pw")).unwrap();
    assert_eq!(
        vault.load(&keys).unwrap().entries[0].text,
        "Running late today, sorry"
    );
}

#[test]
fn crisis_help_opens_from_the_lock_screen_without_a_passphrase() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = App::new(home.paths());
    drive(&mut app, |ui| {
        ui.click("Crisis help").unwrap();
    });
    assert!(app.crisis.is_some());
    drive(&mut app, |ui| {
        ui.find("Call or text 988").expect("988 shown");
        ui.find("Text HOME to 741741")
            .expect("Crisis Text Line shown");
    });
    update(&mut app, Message::Shortcut(ui::Shortcut::Escape));
    assert!(app.crisis.is_none());
}

#[test]
fn crisis_help_button_is_on_setup_and_journal_screens() {
    let home = Home::new();
    let mut app = App::new(home.paths());
    drive(&mut app, |ui| {
        ui.find("Crisis help").expect("on setup");
    });
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = unlocked_app(&home, "pw");
    drive(&mut app, |ui| {
        ui.click("Crisis help").expect("on journal");
    });
    assert!(app.crisis.is_some());
}

#[test]
fn a_draft_is_sealed_on_lock_and_restored_on_unlock() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = unlocked_app(&home, "pw");
    update(&mut app, Message::Shortcut(ui::Shortcut::New));
    drive(&mut app, |ui| {
        ui.click(id(composer::EDITOR_ID)).unwrap();
        ui.typewrite("half a thought");
    });
    update(&mut app, Message::Shortcut(ui::Shortcut::Lock));
    assert!(app.composer.is_none());
    let vault = Vault::open(&home.paths()).unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    let stored = vault.load(&keys).unwrap().entries;
    assert!(stored[0].draft && stored[0].text == "half a thought");

    let app = unlocked_app(&home, "pw");
    let composer = app.composer.as_ref().expect("draft reopened");
    assert_eq!(composer.text().trim_end(), "half a thought");
}

#[test]
fn idle_time_locks_the_journal() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = unlocked_app(&home, "pw");
    let start = app.last_activity;
    update(
        &mut app,
        Message::Tick(start + std::time::Duration::from_secs(60)),
    );
    assert!(app.is_unlocked(), "one idle minute is fine");
    update(
        &mut app,
        Message::Tick(start + std::time::Duration::from_secs(5 * 60 + 1)),
    );
    assert!(!app.is_unlocked(), "five idle minutes lock");
}

#[test]
fn moving_an_entry_to_another_bucket_is_stored() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let entry = Entry::new(
        "Can we move Tuesday to 4pm?",
        Bucket::Hours,
        chrono::Local::now().fixed_offset(),
    );
    vault.save_entry(&entry).unwrap();
    let mut app = unlocked_app(&home, "pw");
    drive(&mut app, |ui| {
        ui.click("Can we move Tuesday to 4pm?").unwrap();
    });
    drive(&mut app, |ui| {
        ui.click("Bring to session").unwrap();
    });
    let keys = vault.unlock(&secret("pw")).unwrap();
    assert_eq!(
        vault.load(&keys).unwrap().entries[0].bucket,
        Bucket::Session
    );
}

fn fixed_now(app: &mut App, rfc3339: &str) {
    let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
    app.now = chrono::DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .with_timezone(&tz);
    // Any message refreshes the derived held list.
    update(app, Message::Show(ui::Tab::Held));
}

#[test]
fn held_messages_screen_marks_sent_and_moves_to_session() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let written = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00-05:00").unwrap();
    let late = Entry::new("Running 10 minutes late today", Bucket::Hours, written);
    let bill = Entry::new(
        "Could you resend the invoice for October?",
        Bucket::Hours,
        written,
    );
    vault.save_entry(&late).unwrap();
    vault.save_entry(&bill).unwrap();
    let mut app = unlocked_app(&home, "pw");
    fixed_now(&mut app, "2026-11-23T11:00:00-05:00"); // Monday, inside assumed hours
    assert_eq!(session(&app).held_now.len(), 2);
    assert!(session(&app)
        .held_now
        .iter()
        .all(|h| h.status == between::domain::hours::SendStatus::OkNow));

    drive(&mut app, |ui| {
        ui.find("Held messages (2)").expect("tab shows the count");
        ui.find("Running 10 minutes late today").expect("listed");
        ui.find("Could you resend the invoice for October?")
            .expect("listed");
    });
    // Mark the first card's message as sent, move the other to session.
    drive(&mut app, |ui| {
        ui.click("Mark as sent").unwrap();
    });
    assert_eq!(session(&app).held_now.len(), 1);
    drive(&mut app, |ui| {
        ui.click("Move to session").unwrap();
    });
    assert!(session(&app).held_now.is_empty());

    let keys = vault.unlock(&secret("pw")).unwrap();
    let stored = vault.load(&keys).unwrap().entries;
    let sent = stored.iter().filter(|e| e.sent_at.is_some()).count();
    let moved = stored
        .iter()
        .filter(|e| e.bucket == Bucket::Session && e.sent_at.is_none())
        .count();
    assert_eq!(
        (sent, moved),
        (1, 1),
        "one sent, the other moved to session"
    );
}

#[test]
fn copy_asks_what_you_want_first() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let written = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00-05:00").unwrap();
    vault
        .save_entry(&Entry::new(
            "Can we move Thursday to 3pm?",
            Bucket::Hours,
            written,
        ))
        .unwrap();
    let mut app = unlocked_app(&home, "pw");
    fixed_now(&mut app, "2026-11-23T11:00:00-05:00");
    drive(&mut app, |ui| {
        ui.click("Copy…").unwrap();
    });
    drive(&mut app, |ui| {
        ui.find("What do you want from this message?").unwrap();
        ui.find("A reply may take hours. That doesn't mean they don't care.")
            .unwrap();
        ui.click("I am checking on our connection.").unwrap();
    });
    let messages = drive(&mut app, |ui| {
        ui.click("Copy message").unwrap();
    });
    assert!(messages
        .iter()
        .any(|m| matches!(m, Message::Held(ui::held::Message::CopyNow))));
    assert!(session(&app).held.clarity.is_none());
}

#[test]
fn settings_screen_rejects_bad_hours_and_saves_good_ones() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = unlocked_app(&home, "pw");
    update(&mut app, Message::Show(ui::Tab::Settings));
    // The assumed week is written in the locale's times (12- or 24-hour).
    let week =
        between::domain::hours::Agreement::assumed_hours_label(between::app::clock::time_style());
    drive(&mut app, |ui| {
        ui.find(
            format!(
                "Your therapist's hours are assumed: {week}, in your time zone. Set the real ones below."
            )
            .as_str(),
        )
        .unwrap();
    });
    let edit =
        |v: &str| Message::Settings(ui::settings::Message::Edit("hours.tue".into(), v.into()));
    let apply = Message::Settings(ui::settings::Message::Apply("hours.tue".into()));
    update(&mut app, edit("17:00-09:00"));
    update(&mut app, apply.clone());
    let error = session(&app)
        .settings
        .errors
        .get("hours.tue")
        .expect("explained");
    assert!(error.contains("before it starts"), "{error}");
    assert!(app.config.agreement.hours_assumed(), "nothing saved");

    update(&mut app, edit("10:00-14:00"));
    update(&mut app, apply);
    assert!(session(&app).settings.errors.is_empty());
    let saved = between::store::config::Config::load(&home.paths()).unwrap();
    assert_eq!(
        saved.agreement.get("hours.tue").unwrap(),
        app.config.agreement.get("hours.tue").unwrap()
    );
    assert!(!saved.agreement.hours_assumed());
}

#[test]
fn typing_a_crisis_sentence_opens_the_panel_and_overrides_are_stored() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = unlocked_app(&home, "pw");
    update(&mut app, Message::Shortcut(ui::Shortcut::New));
    drive(&mut app, |ui| {
        ui.click(id(composer::EDITOR_ID)).unwrap();
        ui.typewrite("everyone would be better off without me");
    });
    let panel = app.crisis.as_ref().expect("crisis panel opened at once");
    assert_ne!(panel.level, between::domain::model::CrisisLevel::None);
    drive(&mut app, |ui| {
        ui.find("Call or text 988").unwrap();
        ui.click("Close  (Esc)").unwrap();
    });
    assert!(app.crisis.is_none());
    // The composer is still there: writing is never blocked.
    drive(&mut app, |ui| {
        ui.click("Bring to session").unwrap();
    });
    drive(&mut app, |ui| {
        ui.click("Save  (Ctrl+S)").unwrap();
    });
    let stored = &stored_entries(&home)[0];
    assert_eq!(stored.suggested, Bucket::Crisis);
    assert_eq!(stored.bucket, Bucket::Session);
}

fn agenda_app(home: &Home) -> (App, Vec<Entry>) {
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut config = between::store::config::Config::default();
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00-05:00").unwrap();
    config.schedule = between::domain::agenda::parse_schedule(
        "tue 15:00",
        &config.schedule,
        now.with_timezone(&"America/New_York".parse().unwrap()),
    )
    .unwrap();
    config.save(&home.paths()).unwrap();
    let mut entries = Vec::new();
    for (i, text) in [
        "Sister at dinner",
        "Sleep is bad again",
        "Why I cancel plans",
    ]
    .iter()
    .enumerate()
    {
        let at = chrono::DateTime::parse_from_rfc3339(&format!("2026-11-2{}T09:00:00-05:00", i))
            .unwrap();
        let e = Entry::new(*text, Bucket::Session, at);
        vault.save_entry(&e).unwrap();
        entries.push(e);
    }
    let mut app = unlocked_app(home, "pw");
    let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
    app.now = now.with_timezone(&tz);
    update(&mut app, Message::Show(ui::Tab::Agenda));
    (app, entries)
}

fn agenda_titles(app: &App) -> Vec<String> {
    session(&app)
        .agenda_now
        .as_ref()
        .unwrap()
        .items
        .iter()
        .map(|i| i.title.clone())
        .collect()
}

#[test]
fn agenda_screen_reorders_and_persists() {
    let home = Home::new();
    let (mut app, _) = agenda_app(&home);
    assert_eq!(
        agenda_titles(&app),
        vec![
            "Sister at dinner",
            "Sleep is bad again",
            "Why I cancel plans"
        ]
    );
    drive(&mut app, |ui| {
        // Times follow the locale (12- or 24-hour), decided once per run.
        let three = chrono::NaiveTime::from_hms_opt(15, 0, 0).unwrap();
        let at = between::domain::when::time(three, between::app::clock::time_style());
        ui.find(format!("Next session: tomorrow {at}").as_str())
            .expect("countdown");
        // Each item's actions sit behind its "…" button.
        assert!(ui.find("Move down").is_err(), "actions start folded");
        ui.click("…").unwrap(); // the first item's menu
    });
    drive(&mut app, |ui| {
        ui.click("Move down").unwrap();
    });
    assert_eq!(
        agenda_titles(&app),
        vec![
            "Sleep is bad again",
            "Sister at dinner",
            "Why I cancel plans"
        ]
    );
    // The order is stored sealed: a fresh unlock shows the same order.
    let mut again = unlocked_app(&home, "pw");
    again.now = app.now;
    update(&mut again, Message::Show(ui::Tab::Agenda));
    assert_eq!(agenda_titles(&again), agenda_titles(&app));
}

#[test]
fn review_marks_discussed_and_carries_over() {
    let home = Home::new();
    let (mut app, entries) = agenda_app(&home);
    // After Tuesday's session.
    let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
    app.now = chrono::DateTime::parse_from_rfc3339("2026-11-24T16:30:00-05:00")
        .unwrap()
        .with_timezone(&tz);
    update(&mut app, Message::Show(ui::Tab::Agenda));
    drive(&mut app, |ui| {
        ui.click("Review last session").unwrap();
    });
    assert!(matches!(
        session(&app).agenda_screen.mode,
        ui::agenda::Mode::Review(_)
    ));
    // Everything defaults to discussed; carry the second over.
    update(
        &mut app,
        Message::Agenda(ui::agenda::Message::Outcome(
            entries[1].id.clone(),
            between::domain::agenda::Outcome::CarriedOver,
        )),
    );
    drive(&mut app, |ui| {
        ui.click("Finish review").unwrap();
    });
    let titles = agenda_titles(&app);
    assert_eq!(
        titles,
        vec!["Sleep is bad again"],
        "only the carried item remains"
    );
    assert!(session(&app).agenda_now.as_ref().unwrap().items[0].carried_over);
    drive(&mut app, |ui| {
        ui.click("Past sessions").unwrap();
    });
    match &session(&app).agenda_screen.mode {
        ui::agenda::Mode::History(sessions) => assert_eq!(sessions.len(), 1),
        _ => panic!("history shown"),
    }
}

#[test]
fn safety_plan_is_saved_and_shown_in_the_crisis_panel_while_locked() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = unlocked_app(&home, "pw");
    update(&mut app, Message::Show(ui::Tab::Plan));
    drive(&mut app, |ui| {
        ui.find("Step 2. Internal coping strategies")
            .expect("guided steps");
    });
    let edit = |step: usize, t: &str| {
        Message::Plan(ui::plan::Message::Edit(
            step,
            iced::widget::text_editor::Action::Edit(iced::widget::text_editor::Edit::Paste(
                std::sync::Arc::new(t.to_string()),
            )),
        ))
    };
    update(&mut app, edit(1, "Cold water on my face"));
    update(&mut app, edit(3, "Sam: 555-0100"));
    // The setting sits below the steps (scrolled out of view here).
    update(
        &mut app,
        Message::Plan(ui::plan::Message::ReadableWhenLocked(true)),
    );
    drive(&mut app, |ui| {
        ui.click("Save plan").unwrap();
    });
    let task = app.lock();
    settle(&mut app, task);
    drive(&mut app, |ui| {
        ui.click("Crisis help").unwrap();
    });
    drive(&mut app, |ui| {
        ui.find("Your own next steps")
            .expect("plan readable while locked");
        ui.find("• Cold water on my face").unwrap();
    });
}

#[test]
fn search_box_filters_the_journal_ignoring_case_and_accents() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T09:00:00-05:00").unwrap();
    vault
        .save_entry(&Entry::new(
            "Met Ana at the Café after work",
            Bucket::Session,
            at,
        ))
        .unwrap();
    vault
        .save_entry(&Entry::new("Could not sleep", Bucket::Session, at))
        .unwrap();
    let mut app = unlocked_app(&home, "pw");
    drive(&mut app, |ui| {
        ui.click(id(ui::journal::SEARCH_ID)).unwrap();
        ui.typewrite("cafe");
    });
    drive(&mut app, |ui| {
        ui.find("Met Ana at the Café after work")
            .expect("match shown");
        assert!(ui.find("Could not sleep").is_err(), "non-match hidden");
    });
}

#[test]
fn a_second_window_is_refused() {
    let home = Home::new();
    let path = home.paths().lock_file();
    let _first = between::store::instance::acquire(&path).unwrap();
    let err = between::store::instance::acquire(&path)
        .unwrap_err()
        .to_string();
    assert!(err.contains("already open"), "{err}");
}

#[test]
fn crisis_help_is_on_every_unlocked_screen() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = unlocked_app(&home, "pw");
    for tab in [
        ui::Tab::Journal,
        ui::Tab::Held,
        ui::Tab::Agenda,
        ui::Tab::Plan,
        ui::Tab::Settings,
    ] {
        update(&mut app, Message::Show(tab));
        drive(&mut app, |ui| {
            ui.click("Crisis help")
                .unwrap_or_else(|_| panic!("crisis help on {tab:?}"));
        });
        assert!(app.crisis.is_some(), "{tab:?}");
        update(&mut app, Message::Crisis(ui::crisis::Message::Close));
    }
}

/// Reminders show one at a time, saying how many wait, so a small window
/// keeps its room; dismissing one shows the next.
#[test]
fn reminders_show_one_at_a_time() {
    use between::domain::reminders::{Reminder, ReminderKind};
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = unlocked_app(&home, "pw");
    let due_at = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:00:00-05:00").unwrap();
    for (key, title) in [("a", "First"), ("b", "Second")] {
        app.banner.push(Reminder {
            key: key.into(),
            kind: ReminderKind::CrisisResources,
            title: title.into(),
            body: "body".into(),
            due_at,
        });
    }
    drive(&mut app, |ui| {
        assert!(ui.find("First: body (1 more reminder)").is_ok());
        assert!(ui.find("Second: body").is_err(), "only one shows");
        ui.click("Dismiss").unwrap();
    });
    let mut ui = Simulator::with_size(settings(), (800.0, 600.0), app.view());
    assert!(ui.find("Second: body").is_ok(), "the next one shows");
}

/// An empty agenda offers the next step: writing something for the session.
#[test]
fn an_empty_agenda_offers_to_write() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = unlocked_app(&home, "pw");
    update(&mut app, Message::Show(ui::Tab::Agenda));
    drive(&mut app, |ui| {
        ui.click("Write something for the session").unwrap();
    });
    assert!(app.composer.is_some(), "the composer opens");
    assert_eq!(session(&app).tab, ui::Tab::Journal);
}

/// In a narrow window the tabs fold into a Menu button after Crisis help;
/// its list opens under the bar and a choice shows that screen.
#[test]
fn a_narrow_window_folds_the_tabs_into_a_menu() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = unlocked_app(&home, "pw");
    let click_at_640 = |app: &mut App, label: &str| {
        let messages: Vec<Message> = {
            let mut ui = Simulator::with_size(settings(), (640.0, 480.0), app.view());
            assert!(
                ui.find("Crisis help").is_ok(),
                "Crisis help stays in the bar"
            );
            ui.click(label)
                .unwrap_or_else(|_| panic!("{label} at 640 px"));
            ui.into_messages().collect()
        };
        for message in messages {
            update(app, message);
        }
    };
    {
        let mut ui = Simulator::with_size(settings(), (640.0, 480.0), app.view());
        assert!(ui.find("Safety plan").is_err(), "tabs are folded away");
    }
    click_at_640(&mut app, "Menu");
    assert!(app.menu_open);
    click_at_640(&mut app, "Safety plan");
    assert_eq!(session(&app).tab, ui::Tab::Plan);
    assert!(!app.menu_open, "choosing closes the menu");
    // A wide window shows every tab and no Menu button.
    let mut ui = Simulator::with_size(settings(), (1440.0, 900.0), app.view());
    assert!(ui.find("Menu").is_err());
    assert!(ui.find("Held messages").is_ok());
}

#[test]
fn an_agenda_title_can_be_edited() {
    let home = Home::new();
    let (mut app, entries) = agenda_app(&home);
    update(
        &mut app,
        Message::Agenda(ui::agenda::Message::Expand(entries[0].id.clone())),
    );
    drive(&mut app, |ui| {
        ui.find("Sister at dinner").unwrap();
    });
    update(
        &mut app,
        Message::Agenda(ui::agenda::Message::TitleDraft(
            "Dinner with my sister".into(),
        )),
    );
    update(
        &mut app,
        Message::Agenda(ui::agenda::Message::SetTitle(entries[0].id.clone())),
    );
    assert_eq!(agenda_titles(&app)[0], "Dinner with my sister");
}

#[test]
fn settings_writes_an_encrypted_backup_and_exports_only_after_confirming() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let words = "Ask about the dream with the lighthouse";
    vault
        .save_entry(&Entry::new(
            words,
            Bucket::Session,
            chrono::Local::now().fixed_offset(),
        ))
        .unwrap();
    let mut app = unlocked_app(&home, "pw");
    update(&mut app, Message::Show(ui::Tab::Settings));
    let out = tempfile::tempdir().unwrap();
    let backup = out.path().join("journal.age");
    let export = out.path().join("journal.md");

    drive(&mut app, |ui| {
        ui.click(id(ui::data::BACKUP_PATH_ID)).unwrap();
        ui.typewrite(&backup.display().to_string());
        ui.click("Write backup").unwrap();
    });
    assert!(
        session(&app).data.error.is_none(),
        "{:?}",
        session(&app).data.error
    );
    let sealed = std::fs::read(&backup).expect("backup written");
    let needle = words.as_bytes();
    assert!(!sealed.windows(needle.len()).any(|w| w == needle));
    // It restores into an empty home and opens with the same passphrase.
    let restored = Home::new();
    between::store::vault::backup::restore(&restored.paths(), &backup, &secret("pw")).unwrap();
    let reopened = Vault::open(&restored.paths()).unwrap();
    let keys = reopened.unlock(&secret("pw")).unwrap();
    let loaded = reopened.load(&keys).unwrap();
    assert!(loaded.entries.iter().any(|e| e.text == words));

    drive(&mut app, |ui| {
        ui.click(id(ui::data::EXPORT_PATH_ID)).unwrap();
        ui.typewrite(&export.display().to_string());
        ui.click("Export…").unwrap();
    });
    drive(&mut app, |ui| {
        ui.find("This file will not be encrypted").unwrap();
        ui.click("Cancel").unwrap();
    });
    assert!(!export.exists(), "cancel writes nothing");

    drive(&mut app, |ui| {
        ui.click("Export…").unwrap();
    });
    assert!(!export.exists(), "asking writes nothing");
    drive(&mut app, |ui| {
        ui.click("Write plain text").unwrap();
    });
    let text = std::fs::read_to_string(&export).expect("exported after confirming");
    assert!(text.contains(words));

    // Left empty, the path is a private folder Between makes (0700), not
    // ~/Documents, and the panel says the file is not encrypted.
    use std::os::unix::fs::PermissionsExt;
    let private = home.paths().state.join("exports");
    update(
        &mut app,
        Message::Data(ui::data::Message::ExportPath(String::new())),
    );
    drive(&mut app, |ui| {
        ui.find(format!(
            "Not encrypted: anyone who can open the file can read it. Between suggests a private folder on this computer that cloud sync leaves out by default ({}); avoid synced folders such as Documents.",
            private.display()
        ))
        .unwrap();
        ui.click("Export…").unwrap();
    });
    drive(&mut app, |ui| {
        ui.click("Write plain text").unwrap();
    });
    let written: Vec<_> = std::fs::read_dir(&private)
        .expect("the private folder was made")
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&private), 0o700);
    assert_eq!(mode(&written[0]), 0o600);
    assert!(std::fs::read_to_string(&written[0])
        .unwrap()
        .contains(words));
}

/// Presses keys one at a time the way the running app does: after every key
/// the messages go through `update` (including the window-wide shortcuts)
/// and the view is rebuilt, with widget state such as focus carried over in
/// the cache. Starts with the composer's editor focused when one is open.
fn press_live(app: &mut App, size: (f32, f32), keys: Vec<(iced::keyboard::Key, Option<String>)>) {
    Live::new(app, size).press(app, keys);
}

/// A window kept between steps (its widget state, such as the editor's
/// focus, lives in the cache), which can be resized like the real one.
struct Live {
    renderer: iced::Renderer,
    cache: Option<iced_test::runtime::user_interface::Cache>,
    size: iced_test::core::Size,
}

impl Live {
    fn new(app: &App, size: (f32, f32)) -> Live {
        use iced_test::core::renderer::Headless;
        use iced_test::core::widget::operation::focusable;
        use iced_test::runtime::user_interface::{Cache, UserInterface};

        // Loads the fonts.
        drop(Simulator::with_size(settings(), size, app.view()));
        let mut renderer = iced_test::futures::futures::executor::block_on(
            <iced::Renderer as Headless>::new(ui::theme::BODY, settings().default_text_size, None),
        )
        .expect("a headless renderer");
        let size = iced_test::core::Size::new(size.0, size.1);
        let cache = {
            let mut ui = UserInterface::build(app.view(), size, Cache::default(), &mut renderer);
            if app.composer.is_some() {
                let mut focus =
                    focusable::focus(iced_test::core::widget::Id::new(composer::EDITOR_ID));
                ui.operate(&renderer, &mut focus);
            }
            ui.into_cache()
        };
        Live {
            renderer,
            cache: Some(cache),
            size,
        }
    }

    /// Sends `events` to the window as it is now; returns what the window
    /// asked for and the messages produced (not yet sent to `update`).
    fn send(
        &mut self,
        app: &App,
        events: &[iced_test::core::Event],
    ) -> (
        iced_test::runtime::user_interface::State,
        Vec<iced_test::core::event::Status>,
        Vec<Message>,
    ) {
        use iced_test::core::{clipboard, mouse};
        use iced_test::runtime::user_interface::UserInterface;
        let mut messages = Vec::new();
        let mut ui = UserInterface::build(
            app.view(),
            self.size,
            self.cache.take().expect("a cache"),
            &mut self.renderer,
        );
        let (state, statuses) = ui.update(
            events,
            mouse::Cursor::Unavailable,
            &mut self.renderer,
            &mut clipboard::Null,
            &mut messages,
        );
        self.cache = Some(ui.into_cache());
        (state, statuses, messages)
    }

    fn press(&mut self, app: &mut App, keys: Vec<(iced::keyboard::Key, Option<String>)>) {
        use iced_test::core::{keyboard, Event};
        for (key, text) in keys {
            let events: Vec<Event> =
                iced_test::simulator::tap_key(key, text.map(Into::into)).collect();
            let (_, statuses, mut messages) = self.send(app, &events);
            for (event, status) in events.iter().zip(statuses) {
                if let Event::Keyboard(event @ keyboard::Event::KeyPressed { .. }) = event {
                    messages.extend(ui::key_message(event, status));
                }
            }
            for message in messages {
                self.run(app, message);
            }
        }
    }

    /// Sends `message` to `update` and runs the tasks it starts, as the
    /// runtime would: their messages go back in, and their widget
    /// operations (such as putting the focus back in the editor) are applied
    /// to this window.
    fn run(&mut self, app: &mut App, message: Message) {
        use futures::StreamExt;
        let task = app.update(message);
        let Some(stream) = iced_runtime::task::into_stream(task) else {
            return;
        };
        for action in futures::executor::block_on(stream.collect::<Vec<_>>()) {
            match action {
                iced_runtime::Action::Output(message) => self.run(app, message),
                iced_runtime::Action::Widget(mut operation) => {
                    use iced_test::runtime::user_interface::UserInterface;
                    let mut ui = UserInterface::build(
                        app.view(),
                        self.size,
                        self.cache.take().expect("a cache"),
                        &mut self.renderer,
                    );
                    ui.operate(&self.renderer, operation.as_mut());
                    self.cache = Some(ui.into_cache());
                }
                _ => {}
            }
        }
    }

    /// The window is resized, as the desktop does it: the new size, then the
    /// window's `Resized` message.
    fn resize(&mut self, app: &mut App, size: (f32, f32)) {
        self.size = iced_test::core::Size::new(size.0, size.1);
        let (_, _, messages) = self.send(app, &[]);
        for message in messages {
            self.run(app, message);
        }
        self.run(app, Message::Resized);
    }

    /// Where the focused editor's text cursor is drawn, if it has the focus.
    fn caret(&mut self, app: &App) -> Option<iced::Rectangle> {
        use iced_test::core::{input_method::InputMethod, time::Instant, window, Event};
        use iced_test::runtime::user_interface::State;
        let redraw = Event::Window(window::Event::RedrawRequested(Instant::now()));
        match self.send(app, &[redraw]).0 {
            State::Updated {
                input_method: InputMethod::Enabled { cursor, .. },
                ..
            } => Some(cursor),
            _ => None,
        }
    }
}

fn chars(text: &str) -> Vec<(iced::keyboard::Key, Option<String>)> {
    text.chars()
        .map(|c| {
            (
                iced::keyboard::Key::Character(c.to_string().into()),
                Some(c.to_string()),
            )
        })
        .collect()
}

fn named(key: iced::keyboard::key::Named) -> Vec<(iced::keyboard::Key, Option<String>)> {
    vec![(iced::keyboard::Key::Named(key), None)]
}

#[test]
fn a_crisis_sentence_typed_key_by_key_keeps_every_character() {
    let sentence = "I have the pills lined up and I'm going to take them tonight";
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = unlocked_app(&home, "pw");
    update(&mut app, Message::Shortcut(ui::Shortcut::New));
    press_live(&mut app, (1100.0, 720.0), chars(sentence));
    let composer = app.composer.as_ref().expect("still writing");
    assert_eq!(composer.text().trim_end_matches('\n'), sentence);
    assert!(
        app.crisis.is_some(),
        "the crisis panel opened beside the editor"
    );
    // Writing goes on with the panel open.
    press_live(&mut app, (1100.0, 720.0), chars(" maybe"));
    assert_eq!(
        app.composer.as_ref().unwrap().text().trim_end_matches('\n'),
        format!("{sentence} maybe")
    );
    // Esc closes the panel and keeps the words.
    press_live(
        &mut app,
        (1100.0, 720.0),
        named(iced::keyboard::key::Named::Escape),
    );
    assert!(app.crisis.is_none());
    assert!(app.composer.is_some());
}

#[test]
fn a_crisis_sentence_typed_on_the_lock_screen_keeps_every_character() {
    let sentence = "I have the pills lined up and I'm going to take them tonight";
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = App::new(home.paths());
    update(&mut app, Message::Shortcut(ui::Shortcut::New));
    assert!(app.composer.is_some());
    press_live(&mut app, (800.0, 600.0), chars(sentence));
    assert_eq!(
        app.composer.as_ref().unwrap().text().trim_end_matches('\n'),
        sentence
    );
    assert!(app.crisis.is_some());
}

#[test]
fn f1_opens_crisis_help_on_the_lock_screen_and_while_writing() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = App::new(home.paths());
    press_live(&mut app, (800.0, 600.0), named(ui::CRISIS_KEY));
    assert!(app.crisis.is_some(), "lock screen");
    update(&mut app, Message::Crisis(ui::crisis::Message::Close));

    let mut app = unlocked_app(&home, "pw");
    press_live(&mut app, (800.0, 600.0), named(ui::CRISIS_KEY));
    assert!(app.crisis.is_some(), "journal");
    update(&mut app, Message::Crisis(ui::crisis::Message::Close));

    // With the editor focused, F1 opens help and types nothing.
    update(&mut app, Message::Shortcut(ui::Shortcut::New));
    press_live(&mut app, (800.0, 600.0), chars("a bad day"));
    press_live(&mut app, (800.0, 600.0), named(ui::CRISIS_KEY));
    assert!(app.crisis.is_some(), "while writing");
    assert_eq!(
        app.composer.as_ref().unwrap().text().trim_end_matches('\n'),
        "a bad day"
    );
}

#[test]
fn crisis_help_is_inside_a_small_window() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut locked = App::new(home.paths());
    let mut unlocked = unlocked_app(&home, "pw");
    for app in [&mut locked, &mut unlocked] {
        for (w, h) in [
            (640.0, 480.0),
            (800.0, 600.0),
            (1024.0, 768.0),
            (1440.0, 900.0),
        ] {
            let mut ui = Simulator::with_size(settings(), (w, h), app.view());
            let labels: &[&str] = if app.is_unlocked() {
                &["Crisis help", "Lock", "New entry"]
            } else {
                &["Crisis help"]
            };
            for label in labels {
                let bounds = ui.find(*label).expect("the button is there").bounds();
                assert!(
                    bounds.x >= 0.0
                        && bounds.x + bounds.width <= w
                        && bounds.y + bounds.height <= h,
                    "{label} at {bounds:?} in a {w}x{h} window"
                );
            }
        }
    }
}

#[test]
fn an_empty_journal_offers_to_write_and_the_button_opens_the_composer() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = unlocked_app(&home, "pw");
    drive(&mut app, |ui| {
        ui.find("Your journal is empty").expect("says so");
        ui.click("Start writing  (Ctrl+N)")
            .expect("offers the next step");
    });
    assert!(app.composer.is_some());
}

#[test]
fn the_first_screen_puts_the_cursor_in_the_passphrase_field() {
    use futures::StreamExt;
    let home = Home::new();
    for app in [App::new(home.paths()), {
        Vault::init(&home.paths(), &secret("pw")).unwrap();
        App::new(home.paths())
    }] {
        let task = app.first_focus();
        let actions = iced_runtime::task::into_stream(task)
            .map(|s| futures::executor::block_on(s.collect::<Vec<_>>()))
            .unwrap_or_default();
        assert!(
            actions
                .iter()
                .any(|a| matches!(a, iced_runtime::Action::Widget(_))),
            "a focus operation on {:?}",
            std::mem::discriminant(&app.screen)
        );
    }
}

#[test]
fn saving_an_imminent_entry_offers_help_until_dismissed_locked_or_not() {
    let sentence = "I'm going to end my life tonight";
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    for locked in [true, false] {
        let mut app = if locked {
            App::new(home.paths())
        } else {
            unlocked_app(&home, "pw")
        };
        update(&mut app, Message::Shortcut(ui::Shortcut::New));
        drive(&mut app, |ui| {
            ui.click(id(composer::EDITOR_ID)).unwrap();
            ui.typewrite(sentence);
        });
        update(&mut app, Message::Crisis(ui::crisis::Message::Close));
        update(&mut app, Message::Shortcut(ui::Shortcut::Save));
        assert!(app.composer.is_none(), "saved");
        drive(&mut app, |ui| {
            ui.find("Your entry is saved. Would you like to look at your safety plan, or call someone now?")
                .expect("a gentle follow-up");
            ui.click("Crisis help").unwrap();
        });
        let panel = app.crisis.as_ref().expect("help opens from the follow-up");
        assert_eq!(panel.level, between::domain::model::CrisisLevel::Imminent);
        drive(&mut app, |ui| {
            // The emergency number comes first, as one big action.
            ui.find("Call 911").expect("emergency first");
            ui.click("Close  (Esc)").unwrap();
        });
        // The offer stays until dismissed.
        drive(&mut app, |ui| {
            ui.click("Not now").expect("still offered");
        });
        assert!(app.follow_up.is_none());
    }
}

#[test]
fn a_call_the_desktop_cannot_make_says_so_and_shows_a_code() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = App::new(home.paths());
    update(&mut app, Message::OpenCrisis);
    update(
        &mut app,
        Message::Crisis(ui::crisis::Message::Open("tel:988".into())),
    );
    let panel = app.crisis.as_ref().unwrap();
    match &panel.status {
        // The test machine has no phone app: the panel says what to do.
        Some(Err(why)) => {
            assert!(why.contains("from your phone"), "{why}");
            assert_eq!(panel.code.as_deref(), Some("tel:988"));
            drive(&mut app, |ui| {
                ui.find("Scan with your phone: call 988").expect("a code");
            });
        }
        Some(Ok(done)) => assert!(done.contains("call"), "{done}"),
        None => panic!("every action reports its outcome"),
    }
}

#[test]
fn a_crisis_entry_sits_apart_at_the_top_of_the_agenda_without_chips_or_minutes() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-22T23:00:00-05:00").unwrap();
    let mut crisis = Entry::new("Last night felt unbearable", Bucket::Crisis, at);
    crisis.crisis_level = between::domain::model::CrisisLevel::Elevated;
    vault.save_entry(&crisis).unwrap();
    vault
        .save_entry(&Entry::new("Sister at dinner", Bucket::Session, at))
        .unwrap();
    let mut app = unlocked_app(&home, "pw");
    let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
    app.now = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00-05:00")
        .unwrap()
        .with_timezone(&tz);
    update(&mut app, Message::Show(ui::Tab::Agenda));
    let mut ui = Simulator::with_size(settings(), (1100.0, 720.0), app.view());
    let heading = ui
        .find("Tell your therapist about this first")
        .expect("crisis items apart")
        .bounds();
    let title = ui.find("Last night felt unbearable").unwrap().bounds();
    let other = ui.find("Sister at dinner").unwrap().bounds();
    assert!(
        heading.y < title.y && title.y < other.y,
        "first, under its heading"
    );
    // Only the ranked item has time estimates and chips.
    let minutes = ui.find("10 min").unwrap().bounds();
    assert!(minutes.y > title.y);
    assert!(ui.find("No session scheduled").is_ok());
    assert!(
        ui.find("Review last session").is_err(),
        "no review without a session"
    );
}

#[test]
fn a_worrying_entry_asks_the_check_in_question_and_the_answer_is_stored() {
    for (answer, bucket) in [("Not right now", Bucket::Session), ("Yes", Bucket::Crisis)] {
        let home = Home::new();
        Vault::init(&home.paths(), &secret("pw")).unwrap();
        let mut app = unlocked_app(&home, "pw");
        update(&mut app, Message::Shortcut(ui::Shortcut::New));
        drive(&mut app, |ui| {
            ui.click(id(composer::EDITOR_ID)).unwrap();
            ui.typewrite("everything feels pointless");
        });
        assert!(app.crisis.is_none(), "a question, not a wall of red");
        drive(&mut app, |ui| {
            ui.find(composer::CHECK_IN_QUESTION).expect("asked");
            ui.click(answer).unwrap();
        });
        assert_eq!(
            app.crisis.is_some(),
            answer == "Yes",
            "yes opens crisis help at once"
        );
        update(&mut app, Message::Crisis(ui::crisis::Message::Close));
        update(&mut app, Message::Shortcut(ui::Shortcut::Save));
        let stored = &stored_entries(&home)[0];
        assert_eq!(stored.bucket, bucket);
        let expected = if answer == "Yes" {
            between::domain::model::CheckInAnswer::Yes
        } else {
            between::domain::model::CheckInAnswer::NotRightNow
        };
        assert_eq!(stored.check_in, Some(expected), "the answer is kept");
    }
}

#[test]
fn just_for_me_keeps_an_entry_off_the_agenda() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = unlocked_app(&home, "pw");
    update(&mut app, Message::Shortcut(ui::Shortcut::New));
    drive(&mut app, |ui| {
        ui.click(id(composer::EDITOR_ID)).unwrap();
        ui.typewrite("A long walk by the sea with my sister, and we laughed");
    });
    drive(&mut app, |ui| {
        ui.click("Just for me: keep it off the session agenda")
            .unwrap();
    });
    update(&mut app, Message::Shortcut(ui::Shortcut::Save));
    let stored = &stored_entries(&home)[0];
    assert!(stored.off_agenda, "kept off the agenda");
    assert_eq!(stored.bucket, Bucket::Session);
    assert!(agenda_titles(&app).is_empty(), "nothing on the agenda");
}

#[test]
fn an_agenda_copy_goes_to_the_private_folder_not_documents() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    let (mut app, _) = agenda_app(&home);
    drive(&mut app, |ui| {
        ui.find(
            "Save to… (default: a private folder that is not synced; the copy is not encrypted)",
        )
        .unwrap();
        ui.click("Save Markdown").unwrap();
    });
    let private = home.paths().state.join("exports");
    let written: Vec<_> = std::fs::read_dir(&private)
        .expect("the private folder was made")
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(written[0].to_string_lossy().ends_with(".md"));
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&private), 0o700);
    assert_eq!(mode(&written[0]), 0o600);
    assert!(std::fs::read_to_string(&written[0])
        .unwrap()
        .contains("Sister at dinner"));
}

/// The window sizes issue 14 names, smallest first.
const ISSUE_14_SIZES: [(f32, f32); 4] = [
    (640.0, 480.0),
    (800.0, 600.0),
    (1024.0, 768.0),
    (1440.0, 900.0),
];

/// The crisis sentence from issue 14.
const DECIDED: &str = "I have decided tonight is the night, I've written the letters";

/// An unlocked journal with two entries in the list.
fn journal_with_entries(home: &Home) -> App {
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let at = chrono::Local::now().fixed_offset() - chrono::Duration::days(1);
    for text in [
        "Can we move Thursday to 4pm? Work changed my shift.",
        "Couldn't sleep again. I keep replaying what my sister said at dinner.",
    ] {
        vault
            .save_entry(&Entry::new(text, Bucket::Session, at))
            .unwrap();
    }
    unlocked_app(home, "pw")
}

/// `inner` lies inside a `w`×`h` window.
fn inside(inner: iced::Rectangle, (w, h): (f32, f32)) -> bool {
    inner.x >= 0.0 && inner.y >= 0.0 && inner.x + inner.width <= w && inner.y + inner.height <= h
}

#[test]
fn beside_crisis_help_the_list_keeps_a_readable_width_or_folds_away_and_typing_goes_on() {
    for size in ISSUE_14_SIZES {
        let home = Home::new();
        let mut app = journal_with_entries(&home);
        // The journal alone: a row's title has room for whole phrases.
        let title = Simulator::with_size(settings(), size, app.view())
            .find("Can we move Thursday to 4pm? Work changed my shift.")
            .unwrap()
            .bounds();
        assert!(title.width >= 180.0, "a row's title {title:?} at {size:?}");
        update(&mut app, Message::Shortcut(ui::Shortcut::New));
        // Key by key, the panel opening beside the editor half way.
        press_live(&mut app, size, chars(DECIDED));
        assert_eq!(
            app.composer.as_ref().unwrap().text().trim_end_matches('\n'),
            DECIDED,
            "every key kept at {size:?}"
        );
        // It opened at the first worrying words; the rest of the sentence
        // raised it, so the emergency number is first.
        assert_eq!(
            app.crisis.as_ref().map(|p| p.level),
            Some(between::domain::model::CrisisLevel::Imminent),
            "help beside at {size:?}"
        );
        let mut ui = Simulator::with_size(settings(), size, app.view());
        // The list is either folded away or wide enough to read (its search
        // box is as wide as the list): never a column of single words.
        let list = ui.find(id(ui::journal::SEARCH_ID)).unwrap().bounds();
        assert!(
            list.width < 1.0 || list.width >= 240.0,
            "the list is {} px wide at {size:?}",
            list.width
        );
        if list.width >= 1.0 {
            let title = ui
                .find("Can we move Thursday to 4pm? Work changed my shift.")
                .unwrap()
                .bounds();
            assert!(title.width >= 180.0, "a row's title {title:?} at {size:?}");
        }
        // The wide windows keep it; the small ones fold it.
        assert_eq!(list.width >= 1.0, size.0 >= 1440.0, "at {size:?}");
        for label in ["Save  (Ctrl+S)", "Close  (Esc)", "Call 911"] {
            let bounds = ui.find(label).unwrap().bounds();
            assert!(inside(bounds, size), "{label} at {bounds:?} in {size:?}");
        }
        drop(ui);
        // Esc closes the panel; the words stay and writing goes on.
        press_live(&mut app, size, named(iced::keyboard::key::Named::Escape));
        assert!(app.crisis.is_none());
        press_live(&mut app, size, chars("."));
        assert_eq!(
            app.composer.as_ref().unwrap().text().trim_end_matches('\n'),
            format!("{DECIDED}.")
        );
    }
}

#[test]
fn the_editor_keeps_several_lines_under_the_banners_in_a_small_window() {
    use between::domain::reminders::{Reminder, ReminderKind};
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = unlocked_app(&home, "pw");
    // An imminent entry saved: the follow-up banner stays until dismissed.
    update(&mut app, Message::Shortcut(ui::Shortcut::New));
    press_live(
        &mut app,
        (800.0, 600.0),
        chars("I'm going to end my life tonight"),
    );
    update(&mut app, Message::Crisis(ui::crisis::Message::Close));
    update(&mut app, Message::Shortcut(ui::Shortcut::Save));
    assert!(app.follow_up.is_some());
    // A reminder above it.
    app.banner.push(Reminder {
        key: "weekly".into(),
        kind: ReminderKind::CrisisResources,
        title: "Crisis help".into(),
        body: "988 is there day and night, by call or text.".into(),
        due_at: chrono::Local::now().fixed_offset(),
    });
    // Worrying words ask the check-in question, and help opens beside.
    update(&mut app, Message::Shortcut(ui::Shortcut::New));
    press_live(
        &mut app,
        (640.0, 480.0),
        chars("everything feels pointless"),
    );
    assert!(app.composer.as_ref().unwrap().asks_check_in());
    for crisis_open in [false, true] {
        if crisis_open {
            update(&mut app, Message::OpenCrisis);
        }
        for size in [(640.0, 480.0), (800.0, 600.0)] {
            let mut ui = Simulator::with_size(settings(), size, app.view());
            let editor = ui.find(id(composer::EDITOR_ID)).unwrap().bounds();
            assert!(
                editor.height >= composer::EDITOR_MIN - 0.5,
                "the editor is {} px high at {size:?} (crisis help open: {crisis_open})",
                editor.height
            );
            for label in ["Save  (Ctrl+S)", "Yes", "Not right now"] {
                let bounds = ui.find(label).unwrap().bounds();
                assert!(
                    inside(bounds, size),
                    "{label} at {bounds:?} in {size:?} (crisis help open: {crisis_open})"
                );
            }
        }
    }
}

#[test]
fn a_widened_window_shows_the_editor_text_from_its_first_line() {
    let long = format!(
        "{DECIDED}. I keep going over what I wrote to my sister and my mum, and \
         I put the letters in the drawer by the door where they will be found. \
         Nobody knows yet and I don't know who I would even call at this hour. \
         It has been like this since the summer, most nights, and the days are \
         not much better. I stopped answering my phone. I'm writing this so \
         that somebody knows how it was, even if it is only this journal."
    );
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = unlocked_app(&home, "pw");
    update(&mut app, Message::Shortcut(ui::Shortcut::New));
    // Written in the smallest window, beside crisis help: the editor scrolls.
    let mut live = Live::new(&app, (640.0, 480.0));
    live.press(&mut app, chars(&long));
    assert!(app.crisis.is_some());
    let editor_at = |app: &App, size| {
        Simulator::with_size(settings(), size, app.view())
            .find(id(composer::EDITOR_ID))
            .unwrap()
            .bounds()
    };
    let caret = live.caret(&app).expect("the editor has the focus");
    let editor = editor_at(&app, (640.0, 480.0));
    assert!(
        caret.y >= editor.y && caret.y + caret.height <= editor.y + editor.height,
        "the cursor {caret:?} shows in the small editor {editor:?}"
    );
    // Scrolled to follow the cursor, the editor shows whole lines: the
    // cursor's line starts a whole number of lines below the text's top (a
    // line cut in half at the top was drawn over the editor's padding).
    let whole_lines_below_top = |caret: iced::Rectangle, editor: iced::Rectangle| {
        [12.0, 16.0].iter().any(|pad| {
            let lines = (caret.y - editor.y - pad) / composer::LINE;
            lines >= -0.01 && (lines - lines.round()).abs() < 0.05
        })
    };
    assert!(
        whole_lines_below_top(caret, editor),
        "the cursor {caret:?} is a whole number of lines into {editor:?}"
    );
    // Widened (and crisis help closed), the text fits: it shows from its
    // first line, with the cursor inside the editor, not scrolled away.
    for (size, close) in [((1440.0, 900.0), false), ((1024.0, 768.0), true)] {
        live.resize(&mut app, size);
        if close {
            // Esc closes crisis help and puts the cursor back in the editor.
            live.press(&mut app, named(iced::keyboard::key::Named::Escape));
            assert!(app.crisis.is_none());
        }
        let caret = live.caret(&app).expect("the editor has the focus");
        let editor = editor_at(&app, size);
        // Below the editor's top padding (12 px or more), not above it.
        assert!(
            caret.y >= editor.y + 12.0 && caret.y + caret.height <= editor.y + editor.height,
            "the cursor {caret:?} is inside the editor {editor:?} at {size:?}"
        );
    }
    assert_eq!(
        app.composer.as_ref().unwrap().text().trim_end_matches('\n'),
        long
    );
}
