//! Drives the real views with iced_test's headless simulator: create a vault,
//! unlock, write, see the entry, lock, and reach crisis help while locked.

mod common;

use between::model::{Bucket, Entry};
use between::ui::{self, composer, jobs, lock, setup, App, Message, Screen};
use between::vault::Vault;
use common::{secret, Home};
use iced_test::selector::id;
use iced_test::Simulator;

fn settings() -> iced::Settings {
    iced::Settings {
        fonts: vec![
            ui::theme::FONT_REGULAR.into(),
            ui::theme::FONT_SEMIBOLD.into(),
        ],
        default_font: ui::theme::BODY,
        ..iced::Settings::default()
    }
}

/// Runs `interact` on a simulator of the current view, then feeds the
/// messages it produced back into `update`.
fn drive(app: &mut App, interact: impl FnOnce(&mut Simulator<'_, Message>)) -> Vec<Message> {
    let messages: Vec<Message> = {
        let mut ui = Simulator::with_size(settings(), (1100.0, 720.0), app.view());
        interact(&mut ui);
        ui.into_messages().collect()
    };
    for message in messages.clone() {
        let _ = app.update(message);
    }
    messages
}

fn unlocked_app(home: &Home, pass: &str) -> App {
    let mut app = App::new(home.paths());
    drive(&mut app, |ui| {
        ui.click(id(lock::PASSPHRASE_ID)).unwrap();
        ui.typewrite(pass);
        ui.click("Unlock").unwrap();
    });
    assert!(
        matches!(&app.screen, Screen::Locked(l) if l.working),
        "unlock started"
    );
    // The scrypt job runs as a Task in the app; here the test runs it.
    let _ = app.update(Message::Opened(jobs::unlock(&home.paths(), secret(pass))));
    assert!(app.is_unlocked());
    app
}

#[test]
fn first_run_creates_a_vault() {
    let home = Home::new();
    let mut app = App::new(home.paths());
    assert!(matches!(app.screen, Screen::Setup(_)));
    drive(&mut app, |ui| {
        ui.click(id(setup::PASSPHRASE_ID)).unwrap();
        ui.typewrite("violet kettle orbit");
        ui.click(id(setup::CONFIRM_ID)).unwrap();
        ui.typewrite("violet kettle orbit");
        ui.click("Create my journal").unwrap();
    });
    assert!(matches!(&app.screen, Screen::Setup(s) if s.working));
    let _ = app.update(Message::Opened(jobs::create(
        &home.paths(),
        secret("violet kettle orbit"),
    )));
    assert!(app.is_unlocked());
    assert!(Vault::exists(&home.paths()));
}

#[test]
fn unlock_write_see_it_listed_then_lock() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app = unlocked_app(&home, "pw");

    drive(&mut app, |ui| {
        ui.click("New entry  (Ctrl+N)").unwrap();
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
        ui.click("Lock  (Ctrl+L)").unwrap();
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
    let _ = app.update(Message::Lock(lock::Message::Passphrase("wrong".into())));
    let _ = app.update(Message::Lock(lock::Message::Unlock));
    let _ = app.update(Message::Opened(jobs::unlock(
        &home.paths(),
        secret("wrong"),
    )));
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
    let _ = app.update(Message::Shortcut(ui::Shortcut::Escape));
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
    let _ = app.update(Message::Shortcut(ui::Shortcut::New));
    drive(&mut app, |ui| {
        ui.click(id(composer::EDITOR_ID)).unwrap();
        ui.typewrite("half a thought");
    });
    let _ = app.update(Message::Shortcut(ui::Shortcut::Lock));
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
    let _ = app.update(Message::Tick(start + std::time::Duration::from_secs(60)));
    assert!(app.is_unlocked(), "one idle minute is fine");
    let _ = app.update(Message::Tick(
        start + std::time::Duration::from_secs(5 * 60 + 1),
    ));
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
