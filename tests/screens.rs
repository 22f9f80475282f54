//! Renders every main screen to PNG with iced's headless simulator, at
//! 800×600 and 1280×800 (the journal and its Menu also at 640×480 and
//! 1024×768; writing beside crisis help, locked and unlocked, and under the
//! follow-up banner at 640×480, 800×600, 1024×768 and 1440×900), so a
//! person can look at them without a display:
//! `BETWEEN_SHOTS=screenshots cargo test --test screens -- --nocapture`.
//! Without `BETWEEN_SHOTS` it only checks that each screen renders.
//! (`.ci/screenshots.sh` takes the same screens from the real window under Xvfb.)

mod common;
#[path = "common/gui.rs"]
mod harness;

use between::app::session;
use between::app::Vault;
use between::domain::model::{Bucket, Entry};
use between::ui::{self, composer, App, Message};
use common::{secret, Home};
// The shared harness's `update` sends a message and runs its tasks to the end.
use harness::{settings, update as settle};
use iced_test::Simulator;

const SIZES: [(f32, f32); 2] = [(800.0, 600.0), (1280.0, 800.0)];
const ALL_SIZES: [(f32, f32); 4] = [
    (640.0, 480.0),
    (800.0, 600.0),
    (1024.0, 768.0),
    (1440.0, 900.0),
];

fn shoot(app: &App, name: &str) {
    shoot_at(app, name, &SIZES);
}

fn shoot_at(app: &App, name: &str, sizes: &[(f32, f32)]) {
    for &(w, h) in sizes {
        let mut ui = Simulator::with_size(settings(), (w, h), app.view());
        let snapshot = ui
            .snapshot(&ui::theme::theme(app.config.theme))
            .expect("the screen renders");
        if let Some(dir) = std::env::var_os("BETWEEN_SHOTS") {
            let path = std::path::Path::new(&dir).join(format!("{name}-{w}x{h}.png"));
            let _ = std::fs::remove_file(&path);
            snapshot.matches_image(&path).expect("saved");
            println!("saved {}", path.display());
        }
    }
}

fn typed(app: &mut App, text: &str) {
    let mut ui = Simulator::with_size(settings(), (1280.0, 800.0), app.view());
    ui.click(iced_test::selector::id(composer::EDITOR_ID))
        .unwrap();
    ui.typewrite(text);
    let messages: Vec<_> = ui.into_messages().collect();
    for m in messages {
        settle(app, m);
    }
}

#[test]
fn every_screen_renders() {
    let home = Home::new();
    let mut app = App::new(home.paths());
    shoot(&app, "01-setup");
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut app_locked = App::new(home.paths());
    shoot(&app_locked, "02-lock");
    if let ui::Screen::Locked(lock) = &mut app_locked.screen {
        lock.warning = Some("TZ=Mars/Olympus is not a time zone Between knows; using America/New_York instead. Set TZ to a name such as America/New_York.".into());
    }
    shoot_at(&app_locked, "02b-lock-with-warning", &[(800.0, 600.0)]);
    if let ui::Screen::Locked(lock) = &mut app_locked.screen {
        lock.warning = None;
    }
    settle(&mut app_locked, Message::OpenCrisis);
    shoot(&app_locked, "03-crisis-locked");
    settle(
        &mut app_locked,
        Message::Crisis(ui::crisis::Message::Open("tel:988".into())),
    );
    shoot(&app_locked, "04-crisis-call-without-phone");
    // Writing without unlocking, with crisis help beside the editor.
    settle(&mut app_locked, Message::Crisis(ui::crisis::Message::Close));
    settle(&mut app_locked, Message::Shortcut(ui::Shortcut::New));
    typed(
        &mut app_locked,
        "I have decided tonight is the night, I've written the letters",
    );
    shoot_at(&app_locked, "04b-locked-composer-crisis-beside", &ALL_SIZES);

    settle(
        &mut app,
        Message::opened(session::unlock(&home.paths(), secret("pw"))),
    );
    app = App::new(home.paths());
    settle(
        &mut app,
        Message::opened(session::unlock(&home.paths(), secret("pw"))),
    );
    shoot(&app, "05-journal-empty");

    let at = chrono::Local::now().fixed_offset() - chrono::Duration::days(1);
    for (text, bucket) in [
        (
            "Couldn't sleep again. I keep replaying what my sister said at dinner.",
            Bucket::Session,
        ),
        (
            "Can we move Thursday to 4pm? Work changed my shift.",
            Bucket::Hours,
        ),
        (
            "Last night felt unbearable and I didn't want to be here",
            Bucket::Crisis,
        ),
    ] {
        let mut e = Entry::new(text, bucket, at);
        if bucket == Bucket::Crisis {
            e.crisis_level = between::domain::model::CrisisLevel::Elevated;
        }
        vault.save_entry(&e).unwrap();
    }
    let mut app = App::new(home.paths());
    settle(
        &mut app,
        Message::opened(session::unlock(&home.paths(), secret("pw"))),
    );
    shoot(&app, "06-journal");
    // The narrowest and a middle window: Crisis help first, tabs in the Menu.
    shoot_at(&app, "06-journal", &[(640.0, 480.0), (1024.0, 768.0)]);
    settle(&mut app, Message::ToggleMenu);
    shoot_at(&app, "06b-menu-open", &[(640.0, 480.0), (800.0, 600.0)]);
    settle(&mut app, Message::ToggleMenu);
    settle(&mut app, Message::Shortcut(ui::Shortcut::New));
    typed(
        &mut app,
        "I have the pills lined up and I'm going to take them tonight",
    );
    shoot(&app, "07-composer-crisis-beside");
    // Every size the issue names: the list folds away or keeps a readable
    // width, and the editor keeps several lines.
    shoot_at(&app, "07-composer-crisis-beside", &ALL_SIZES);
    settle(&mut app, Message::Crisis(ui::crisis::Message::Close));
    settle(&mut app, Message::Shortcut(ui::Shortcut::Save));
    shoot(&app, "08-follow-up-after-save");
    settle(&mut app, Message::OpenCrisis);
    shoot(&app, "09-crisis-imminent");
    // A new entry under the follow-up banner and a reminder, with worrying
    // words that ask the check-in question: the editor still has room at
    // 640x480.
    settle(&mut app, Message::Crisis(ui::crisis::Message::Close));
    settle(&mut app, Message::Shortcut(ui::Shortcut::New));
    app.banner.push(between::domain::reminders::Reminder {
        key: "weekly".into(),
        kind: between::domain::reminders::ReminderKind::CrisisResources,
        title: "Crisis help".into(),
        body: "988 is there day and night, by call or text.".into(),
        due_at: chrono::Local::now().fixed_offset(),
    });
    typed(&mut app, "everything feels pointless");
    shoot_at(&app, "09b-composer-under-follow-up", &ALL_SIZES);
    settle(&mut app, Message::OpenCrisis);
    shoot_at(&app, "09c-composer-follow-up-and-crisis", &ALL_SIZES);
    settle(&mut app, Message::Crisis(ui::crisis::Message::Close));
    settle(&mut app, Message::Composer(composer::Message::Discard));
    settle(&mut app, Message::DismissFollowUp);
    app.banner.clear();
    for (tab, name) in [
        (ui::Tab::Held, "10-held"),
        (ui::Tab::Agenda, "11-agenda"),
        (ui::Tab::Plan, "12-safety-plan"),
        (ui::Tab::Settings, "13-settings"),
    ] {
        settle(&mut app, Message::Show(tab));
        shoot(&app, name);
    }
    // With a session set: the countdown, the time budget, the saved schedule
    // in words, and one item's "…" menu open.
    settle(&mut app, Message::Show(ui::Tab::Agenda));
    settle(
        &mut app,
        Message::Agenda(ui::agenda::Message::ScheduleInput("wed 15:00".into())),
    );
    settle(&mut app, Message::Agenda(ui::agenda::Message::SetSchedule));
    let first = app
        .session()
        .and_then(|s| s.agenda_now.as_ref())
        .and_then(|a| {
            a.items
                .iter()
                .find(|i| i.kind != between::domain::agenda::ItemKind::Urgent)
        })
        .map(|i| i.entry_id.clone());
    if let Some(id) = first {
        settle(&mut app, Message::Agenda(ui::agenda::Message::Actions(id)));
    }
    shoot(&app, "11b-agenda-scheduled");
}
