//! The journal in the window: edit, delete (asked first, undoable), star,
//! tag chips, entries added while locked, and a new key from the Data panel.
//! Drives the real views with iced_test's headless simulator, as tests/gui.rs.

mod common;
#[path = "common/gui.rs"]
mod harness;

use std::sync::Arc;

use between::app::session;
use between::domain::model::{Bucket, Entry, TextingScope};
use between::store::vault::Vault;
use between::ui::{self, composer, journal, lock, App, Message, Screen};
use common::{secret, Home};
use harness::{settings, update};
use iced::widget::text_editor;
use iced_test::selector::id;
use iced_test::Simulator;

// ---- The harness (the minimum of tests/gui.rs) ----

const SIZE: (f32, f32) = (1100.0, 720.0);

/// Runs `interact` on a simulator of the current view, then feeds the
/// messages it produced back into `update`, running the tasks they start.
fn drive(app: &mut App, interact: impl FnOnce(&mut Simulator<'_, Message>)) {
    drive_sized(app, SIZE, interact)
}

fn drive_sized(
    app: &mut App,
    size: (f32, f32),
    interact: impl FnOnce(&mut Simulator<'_, Message>),
) {
    let messages: Vec<Message> = {
        let mut ui = Simulator::with_size(settings(), size, app.view());
        interact(&mut ui);
        ui.into_messages().collect()
    };
    for message in messages {
        update(app, message);
    }
}

/// Every entry as stored on disk, read back with passphrase "pw".
fn stored_entries(home: &Home) -> Vec<Entry> {
    let vault = Vault::open(&home.paths()).unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    let loaded = vault.load(&keys).unwrap();
    assert!(loaded.verified(), "{:?}", loaded.integrity);
    loaded.entries
}

fn session(app: &App) -> &ui::Session {
    app.session().expect("the journal is unlocked")
}

/// The app, unlocked with "pw" (the scrypt job run here, as in tests/gui.rs).
fn unlocked_app(home: &Home) -> App {
    let mut app = App::new(home.paths());
    assert!(matches!(app.screen, Screen::Locked(_)));
    update(
        &mut app,
        Message::Lock(lock::Message::Passphrase("pw".into())),
    );
    update(
        &mut app,
        Message::opened(session::unlock(&home.paths(), secret("pw"))),
    );
    assert!(app.is_unlocked());
    app
}

fn at(rfc3339: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(rfc3339).unwrap()
}

/// A vault with these entries (sealed and signed; the first unlock packs them).
fn vault_with(home: &Home, entries: &[Entry]) {
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    vault.save_entries(entries).unwrap();
}

fn composed(text: &str, bucket: Option<Bucket>, when: &str) -> Entry {
    between::app::entries::compose(text.into(), bucket, &TextingScope::default(), at(when))
}

fn listed(app: &mut App, words: &str) -> bool {
    let mut found = false;
    drive(app, |ui| found = ui.find(words).is_ok());
    found
}

// ---- Edit ----

#[test]
fn edit_changes_the_stored_text_and_keeps_id_time_star_and_the_override() {
    let home = Home::new();
    // Triage says "hours"; the user had moved it to "session".
    let mut original = composed(
        "Can we move Tuesday's appointment to 4pm?",
        Some(Bucket::Session),
        "2026-11-20T09:00:00-05:00",
    );
    original.starred = true;
    assert_eq!(original.suggested, Bucket::Hours);
    vault_with(&home, std::slice::from_ref(&original));
    let mut app = unlocked_app(&home);

    drive(&mut app, |ui| {
        ui.click("Can we move Tuesday's appointment to 4pm?")
            .unwrap();
    });
    drive(&mut app, |ui| {
        ui.click("Edit").unwrap();
    });
    let composer = app
        .composer
        .as_ref()
        .expect("the entry opens in the composer");
    assert!(composer.editing());
    assert_eq!(composer.text(), original.text);
    update(
        &mut app,
        Message::Composer(composer::Message::Edit(text_editor::Action::SelectAll)),
    );
    update(
        &mut app,
        Message::Composer(composer::Message::Edit(text_editor::Action::Edit(
            text_editor::Edit::Paste(Arc::new(
                "Can we move Thursday's appointment to 3pm instead?".into(),
            )),
        ))),
    );
    drive(&mut app, |ui| {
        ui.find("Edit entry").unwrap();
        ui.click("Save changes  (Ctrl+S)").unwrap();
    });
    assert!(app.composer.is_none(), "the composer closes once saved");

    let stored = stored_entries(&home);
    assert_eq!(stored.len(), 1, "the same entry, not a new one");
    let edited = &stored[0];
    assert_eq!(edited.id, original.id);
    assert_eq!(
        edited.text,
        "Can we move Thursday's appointment to 3pm instead?"
    );
    assert_eq!(edited.created_at, original.created_at);
    assert!(edited.starred, "the star is kept");
    assert!(!edited.draft);
    assert_eq!(edited.bucket, Bucket::Session, "the override is kept");
    assert_eq!(edited.suggested, Bucket::Hours, "triaged again");
    assert!(edited.updated_at > original.updated_at);
    assert!(listed(
        &mut app,
        "Can we move Thursday's appointment to 3pm instead?"
    ));
    assert!(!listed(
        &mut app,
        "Can we move Tuesday's appointment to 4pm?"
    ));
}

#[test]
fn an_edit_follows_the_new_suggestion_when_never_overridden_and_cancel_changes_nothing() {
    let home = Home::new();
    let original = composed("Just a feeling today", None, "2026-11-20T09:00:00-05:00");
    assert_eq!(original.bucket, Bucket::Session);
    vault_with(&home, std::slice::from_ref(&original));
    let mut app = unlocked_app(&home);
    let edit = |app: &mut App, words: &str| {
        update(
            app,
            Message::Journal(journal::Message::Edit(original.id.clone())),
        );
        update(
            app,
            Message::Composer(composer::Message::Edit(text_editor::Action::SelectAll)),
        );
        update(
            app,
            Message::Composer(composer::Message::Edit(text_editor::Action::Edit(
                text_editor::Edit::Paste(Arc::new(words.into())),
            ))),
        );
    };

    // Cancel: nothing written, and the entry is still listed.
    edit(&mut app, "Something else entirely");
    drive(&mut app, |ui| {
        ui.click("Cancel").unwrap();
    });
    assert!(app.composer.is_none());
    assert!(stored_entries(&home)[0] == original, "unchanged on disk");
    assert!(listed(&mut app, "Just a feeling today"));

    edit(&mut app, "Can we move Thursday's appointment to 3pm?");
    drive(&mut app, |ui| {
        ui.click("Save changes  (Ctrl+S)").unwrap();
    });
    let stored = stored_entries(&home);
    assert_eq!(
        stored[0].bucket,
        Bucket::Hours,
        "follows the new suggestion"
    );

    // Locking in the middle of an edit saves it (it is never lost, never a draft).
    edit(&mut app, "Words changed just before locking");
    update(&mut app, Message::LockNow);
    assert!(!app.is_unlocked());
    let stored = stored_entries(&home);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].text, "Words changed just before locking");
    assert!(!stored[0].draft);
}

// ---- Delete, Keep, Undo ----

/// The sealed rows on disk (inbox and segments), to look for after a delete.
fn sealed_rows(home: &Home) -> Vec<Vec<u8>> {
    let conn = rusqlite::Connection::open(home.paths().db_file()).unwrap();
    let mut stmt = conn
        .prepare("SELECT sealed FROM segments UNION ALL SELECT sealed FROM entries")
        .unwrap();
    let rows = stmt
        .query_map([], |r| r.get::<_, Vec<u8>>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows
}

/// Whether any 64-byte run of `blob` is still in journal.db or its log.
fn still_on_disk(home: &Home, blob: &[u8]) -> bool {
    let needle = &blob[blob.len() / 2..blob.len() / 2 + 64];
    common::all_files(home.path()).iter().any(|file| {
        let name = file.file_name().unwrap().to_string_lossy();
        name.starts_with("journal.db")
            && std::fs::read(file)
                .unwrap()
                .windows(needle.len())
                .any(|w| w == needle)
    })
}

#[test]
fn delete_asks_first_keep_keeps_and_delete_removes_the_sealed_text_from_the_file() {
    let home = Home::new();
    let keep = composed("Keep this one", None, "2026-11-20T09:00:00-05:00");
    let gone = composed(
        "DELETEMARKER secret words",
        None,
        "2026-11-21T09:00:00-05:00",
    );
    vault_with(&home, &[keep.clone(), gone.clone()]);
    // The first unlock packs both into November's sealed segment.
    let mut app = unlocked_app(&home);
    let before = sealed_rows(&home);
    assert_eq!(before.len(), 1, "one packed segment holds both");
    assert!(still_on_disk(&home, &before[0]), "the check can see it");

    drive(&mut app, |ui| {
        ui.click("DELETEMARKER secret words").unwrap();
    });
    drive(&mut app, |ui| {
        ui.click("Delete").unwrap();
    });
    drive(&mut app, |ui| {
        ui.find(journal::DELETE_QUESTION).expect("asked first");
    });
    assert_eq!(stored_entries(&home).len(), 2, "asking deletes nothing");
    drive(&mut app, |ui| {
        ui.click("Keep").unwrap();
    });
    drive(&mut app, |ui| {
        assert!(ui.find(journal::DELETE_QUESTION).is_err());
    });
    assert_eq!(stored_entries(&home).len(), 2, "Keep keeps");

    drive(&mut app, |ui| {
        ui.click("Delete").unwrap();
    });
    drive(&mut app, |ui| {
        ui.click("Delete").unwrap(); // the question's own button
    });
    let stored = stored_entries(&home);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].id, keep.id);
    assert!(!listed(&mut app, "DELETEMARKER secret words"));
    assert!(listed(&mut app, journal::DELETED_NOTICE));
    // The segment that held it was re-sealed without it, and SQLite's
    // secure_delete overwrote the old one: none of it is left in the file.
    for blob in &before {
        assert!(
            !still_on_disk(&home, blob),
            "the old sealed segment is gone"
        );
    }
}

#[test]
fn undo_brings_back_the_identical_entry_until_you_leave_the_screen() {
    let home = Home::new();
    let mut original = composed(
        "Dinner with @sister went better than I feared",
        Some(Bucket::Hours),
        "2026-11-20T19:30:00-05:00",
    );
    original.starred = true;
    original.off_agenda = true;
    let other = composed("A second entry", None, "2026-11-19T08:00:00-05:00");
    vault_with(&home, &[original.clone(), other.clone()]);
    let mut app = unlocked_app(&home);
    let loaded = stored_entries(&home);
    let original = loaded.iter().find(|e| e.id == original.id).unwrap().clone();

    update(
        &mut app,
        Message::Journal(journal::Message::Select(original.id.clone())),
    );
    drive(&mut app, |ui| {
        ui.click("Delete").unwrap();
    });
    drive(&mut app, |ui| {
        ui.click("Delete").unwrap();
    });
    assert_eq!(stored_entries(&home).len(), 1);
    drive(&mut app, |ui| {
        ui.click("Undo").unwrap();
    });
    let back = stored_entries(&home);
    let restored = back.iter().find(|e| e.id == original.id).expect("back");
    assert!(
        *restored == original,
        "same id, text, time, bucket, star, tags and marks"
    );
    assert!(listed(
        &mut app,
        "Dinner with @sister went better than I feared"
    ));
    assert!(
        !listed(&mut app, journal::DELETED_NOTICE),
        "the banner goes"
    );

    // After leaving the screen, Undo is gone and the copy is dropped.
    update(
        &mut app,
        Message::Journal(journal::Message::Select(other.id.clone())),
    );
    drive(&mut app, |ui| {
        ui.click("Delete").unwrap();
    });
    drive(&mut app, |ui| {
        ui.click("Delete").unwrap();
    });
    assert!(session(&app).journal.deleted().is_some());
    update(&mut app, Message::Show(ui::Tab::Held));
    update(&mut app, Message::Show(ui::Tab::Journal));
    assert!(session(&app).journal.deleted().is_none());
    assert!(!listed(&mut app, "Undo"));
    assert_eq!(stored_entries(&home).len(), 1);

    // Locking ends Undo too (the copy is wiped with the session).
    let last = stored_entries(&home)[0].id.clone();
    update(
        &mut app,
        Message::Journal(journal::Message::AskDelete(last.clone())),
    );
    update(
        &mut app,
        Message::Journal(journal::Message::ConfirmDelete(last.clone())),
    );
    // A second confirmation (a double click) deletes nothing more and reports nothing.
    update(
        &mut app,
        Message::Journal(journal::Message::ConfirmDelete(last)),
    );
    assert!(session(&app).journal.notice.is_none());
    assert!(session(&app).journal.deleted().is_some());
    update(&mut app, Message::LockNow);
    let mut app = unlocked_app(&home);
    assert!(session(&app).journal.deleted().is_none());
    assert!(!listed(&mut app, journal::DELETED_NOTICE));
    assert!(stored_entries(&home).is_empty());
}

// ---- Star and tags ----

#[test]
fn a_star_is_stored_and_the_starred_filter_lists_only_starred_entries() {
    let home = Home::new();
    let plain = composed("An ordinary day", None, "2026-11-19T08:00:00-05:00");
    let special = composed("The day I finally slept", None, "2026-11-20T08:00:00-05:00");
    vault_with(&home, &[plain, special.clone()]);
    let mut app = unlocked_app(&home);
    drive(&mut app, |ui| {
        ui.click("The day I finally slept").unwrap();
    });
    drive(&mut app, |ui| {
        ui.click("☆ Star").unwrap();
    });
    let stored = stored_entries(&home);
    assert!(stored.iter().find(|e| e.id == special.id).unwrap().starred);
    assert!(!stored.iter().find(|e| e.id != special.id).unwrap().starred);
    drive(&mut app, |ui| {
        ui.find("★ Starred")
            .expect("the toggle shows it is starred");
        ui.click("★ Starred 1").unwrap();
    });
    assert!(!listed(&mut app, "An ordinary day"));
    assert!(listed(&mut app, "The day I finally slept"));

    // Unstarring is stored too.
    drive(&mut app, |ui| {
        ui.click("★ Starred").unwrap();
    });
    assert!(stored_entries(&home).iter().all(|e| !e.starred));
}

#[test]
fn a_tag_chip_filters_the_list_until_cleared() {
    let home = Home::new();
    vault_with(
        &home,
        &[
            composed("Dinner with @Sister", None, "2026-11-18T19:00:00-05:00"),
            composed("Walked the @dog at dawn", None, "2026-11-19T07:00:00-05:00"),
            composed("No tags here", None, "2026-11-20T07:00:00-05:00"),
        ],
    );
    let mut app = unlocked_app(&home);
    drive(&mut app, |ui| {
        ui.click("@sister").unwrap();
    });
    assert!(listed(&mut app, "Dinner with @Sister"));
    assert!(!listed(&mut app, "Walked the @dog at dawn"));
    assert!(!listed(&mut app, "No tags here"));
    drive(&mut app, |ui| {
        ui.click("tag: @sister  ×").unwrap();
    });
    assert!(listed(&mut app, "Walked the @dog at dawn"));
    assert!(listed(&mut app, "No tags here"));
}

// ---- Entries added while locked ----

/// Seals an entry without the passphrase, as the lock screen or `between add`.
fn add_while_locked(home: &Home, text: &str) -> Entry {
    let vault = Vault::open(&home.paths()).unwrap();
    let entry = composed(text, None, "2026-11-21T03:00:00-05:00");
    vault.save_entry(&entry).unwrap();
    entry
}

fn add_while_locked_id(home: &Home) -> String {
    add_while_locked(home, "Written on the lock screen").id
}

#[test]
fn entries_added_while_locked_are_marked_at_the_unlock_that_accepts_them() {
    let home = Home::new();
    vault_with(
        &home,
        &[composed(
            "Written unlocked",
            None,
            "2026-11-20T09:00:00-05:00",
        )],
    );
    session::unlock(&home.paths(), secret("pw")).unwrap();

    let locked = add_while_locked_id(&home);
    let mut app = unlocked_app(&home);
    let marked = &session(&app).journal.added_while_locked;
    assert_eq!(marked.len(), 1, "only the one written while locked");
    assert!(marked.contains(&locked));
    assert!(
        listed(&mut app, journal::ADDED_WHILE_LOCKED),
        "marked in the list"
    );
    drive(&mut app, |ui| {
        ui.click("Written on the lock screen").unwrap();
    });
    drive(&mut app, |ui| {
        ui.find(journal::ADDED_WHILE_LOCKED).unwrap();
        assert!(ui.find(journal::NOT_VERIFIED).is_err());
    });
    // Accepted into the signed history now: the next unlock shows no mark.
    let mut again = unlocked_app(&home);
    assert!(!listed(&mut again, journal::ADDED_WHILE_LOCKED));
}

#[test]
fn a_forged_row_is_named_and_locked_entries_are_not_vouched_for_while_it_stands() {
    let home = Home::new();
    vault_with(
        &home,
        &[composed("Genuine", None, "2026-11-20T09:00:00-05:00")],
    );
    session::unlock(&home.paths(), secret("pw")).unwrap();
    add_while_locked(&home, "Added from the lock screen");
    // Anyone can seal to recipient.txt and paste the row into journal.db.
    let recipient: age::x25519::Recipient = std::fs::read_to_string(home.paths().recipient_file())
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let forged = Entry::new("FORGED words", Bucket::Crisis, at("2026-11-23T03:00:00Z"));
    let sealed = serde_json::json!({"v": 1, "kind": "entry", "id": forged.id, "body": forged});
    let blob = age::encrypt(&recipient, &serde_json::to_vec(&sealed).unwrap()).unwrap();
    rusqlite::Connection::open(home.paths().db_file())
        .unwrap()
        .execute(
            "INSERT INTO entries (id, sealed) VALUES (?1, ?2)",
            rusqlite::params![forged.id, blob],
        )
        .unwrap();

    let mut app = unlocked_app(&home);
    assert!(
        !listed(&mut app, "FORGED words"),
        "the forgery is not shown"
    );
    assert!(listed(&mut app, "Genuine"));
    drive(&mut app, |ui| {
        ui.find(
            format!(
                "• an entry was added that this vault did not write ({}); it is not shown",
                forged.id
            )
            .as_str(),
        )
        .expect("the forgery is named");
        ui.find(journal::NOT_VERIFIED)
            .expect("the locked entry is not vouched for");
        assert!(ui.find(journal::ADDED_WHILE_LOCKED).is_err());
    });
}

// ---- A new key ----

#[test]
fn a_new_key_from_the_window_keeps_every_entry_readable_with_the_same_passphrase() {
    let home = Home::new();
    vault_with(
        &home,
        &[
            composed("Before the new key", None, "2026-11-20T09:00:00-05:00"),
            composed("Also before", None, "2026-10-02T09:00:00-05:00"),
        ],
    );
    let recipient_before = std::fs::read_to_string(home.paths().recipient_file()).unwrap();
    let mut app = unlocked_app(&home);
    update(&mut app, Message::Show(ui::Tab::Settings));
    let tall = (1100.0, 2400.0);

    // A wrong passphrase changes nothing and says so.
    drive_sized(&mut app, tall, |ui| {
        ui.find(ui::data::ROTATE_EXPLAINED).unwrap();
        ui.click("Make a new key…").unwrap();
    });
    drive_sized(&mut app, tall, |ui| {
        ui.click(id(ui::data::ROTATE_PASSPHRASE_ID)).unwrap();
        ui.typewrite("not it");
        ui.click("Make the new key").unwrap();
    });
    let error = session(&app).data.error.clone().expect("an error in words");
    assert!(error.contains("No new key was made"), "{error}");
    assert_eq!(
        std::fs::read_to_string(home.paths().recipient_file()).unwrap(),
        recipient_before
    );

    drive_sized(&mut app, tall, |ui| {
        ui.click(id(ui::data::ROTATE_PASSPHRASE_ID)).unwrap();
        ui.typewrite("pw");
        ui.click("Make the new key").unwrap();
    });
    let data = &session(&app).data;
    assert!(data.error.is_none(), "{:?}", data.error);
    assert!(
        data.notice.as_deref().unwrap().contains("Made a new key"),
        "{:?}",
        data.notice
    );
    assert_ne!(
        std::fs::read_to_string(home.paths().recipient_file()).unwrap(),
        recipient_before,
        "a new public key"
    );
    let mut texts: Vec<String> = stored_entries(&home).into_iter().map(|e| e.text).collect();
    texts.sort();
    assert_eq!(texts, vec!["Also before", "Before the new key"]);

    // The window keeps working with the new key: it stars and deletes.
    update(&mut app, Message::Show(ui::Tab::Journal));
    let id_before = session(&app)
        .journal
        .entries
        .iter()
        .find(|e| e.text == "Before the new key")
        .unwrap()
        .id
        .clone();
    update(
        &mut app,
        Message::Journal(journal::Message::ToggleStar(id_before.clone())),
    );
    update(
        &mut app,
        Message::Journal(journal::Message::AskDelete(id_before.clone())),
    );
    update(
        &mut app,
        Message::Journal(journal::Message::ConfirmDelete(id_before.clone())),
    );
    let journal = &session(&app).journal;
    assert!(journal.notice.is_none(), "{:?}", journal.notice);
    assert!(journal.problems.is_empty(), "{:?}", journal.problems);
    let stored = stored_entries(&home);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].text, "Also before");
}

// ---- Finding by date ----

#[test]
fn the_date_filter_lists_today_the_past_week_or_month() {
    let home = Home::new();
    let now = chrono::Local::now().fixed_offset();
    let days_ago = |days: i64, text: &str| {
        let mut e = composed(text, None, "2026-01-01T00:00:00Z");
        e.created_at = now - chrono::Duration::days(days);
        e.updated_at = e.created_at;
        e
    };
    vault_with(
        &home,
        &[
            days_ago(0, "Written today"),
            days_ago(3, "Three days ago"),
            days_ago(20, "Twenty days ago"),
            days_ago(60, "Two months ago"),
        ],
    );
    let mut app = unlocked_app(&home);
    let shown = |app: &mut App| {
        [
            "Written today",
            "Three days ago",
            "Twenty days ago",
            "Two months ago",
        ]
        .into_iter()
        .filter(|t| listed(app, t))
        .count()
    };
    assert_eq!(shown(&mut app), 4);
    for (period, count) in [
        (journal::Period::Today, 1),
        (journal::Period::Week, 2),
        (journal::Period::Month, 3),
        (journal::Period::AnyTime, 4),
    ] {
        update(&mut app, Message::Journal(journal::Message::Period(period)));
        assert_eq!(shown(&mut app), count, "{period}");
    }
}

#[test]
fn a_key_rotation_cut_short_is_finished_by_the_window_and_writing_goes_on() {
    let home = Home::new();
    vault_with(
        &home,
        &[composed(
            "before the change",
            None,
            "2026-11-20T10:00:00-05:00",
        )],
    );
    let paths = home.paths();
    let key_files = [
        paths.identity_file(),
        paths.recipient_file(),
        paths.config.join("recipient.pin"),
    ];
    let old: Vec<Vec<u8>> = key_files
        .iter()
        .map(|f| std::fs::read(f).unwrap())
        .collect();
    let vault = Vault::open(&paths).unwrap();
    session::rotate(&vault, &secret("pw"), &secret("pw")).unwrap();
    drop(vault);
    // As if the power went after the journal was re-sealed, before the key
    // files were switched.
    std::fs::rename(paths.identity_file(), paths.data.join("identity.age.new")).unwrap();
    for (file, bytes) in key_files.iter().zip(&old) {
        std::fs::write(file, bytes).unwrap();
    }
    let mut app = unlocked_app(&home);
    assert!(listed(&mut app, "before the change"));
    assert!(!paths.data.join("identity.age.new").exists());
    update(&mut app, Message::Shortcut(ui::Shortcut::New));
    drive(&mut app, |ui| {
        ui.click(id(composer::EDITOR_ID)).unwrap();
        ui.typewrite("written after the window finished the change");
    });
    update(&mut app, Message::Shortcut(ui::Shortcut::Save));
    let texts: Vec<String> = stored_entries(&home).into_iter().map(|e| e.text).collect();
    assert!(
        texts
            .iter()
            .any(|t| t == "written after the window finished the change"),
        "{texts:?}"
    );
}
