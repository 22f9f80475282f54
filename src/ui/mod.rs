//! The iced shell. The window shows one `Screen` at a time; each screen has
//! its own `Message` and returns an `Event` to this parent. Every disk
//! operation is an `app::` call run by the disk worker as a `Task`, so
//! `update` never blocks. The crisis panel and its button sit above every
//! screen.

pub mod composer;
pub mod crisis;
pub mod screen;
mod snap;
pub mod theme;
mod view;

pub use screen::{agenda, data, held, journal, lock, plan, settings, setup};
pub use screen::{Screen, Session, Tab};

use std::process::ExitCode;
use std::time::{Duration, Instant};

use age::secrecy::SecretString;
use iced::keyboard::{self, key::Named, Key};
use iced::{event, Subscription, Task, Theme};

use crate::app::worker::{Desk, Worker};
use crate::app::{AppError, Config, Paths, Vault};
use crate::domain::model::{CrisisLevel, Entry, TextingScope};
use crate::domain::reminders::Reminder;
use crate::domain::safety_plan::SafetyPlan;
use composer::Composer;
use lock::Lock;
use setup::Setup;

#[derive(Debug, Clone)]
pub enum Message {
    Setup(setup::Message),
    Lock(lock::Message),
    Held(held::Message),
    Agenda(agenda::Message),
    Plan(plan::Message),
    DismissReminder(String),
    Settings(settings::Message),
    Data(data::Message),
    Show(Tab),
    Journal(journal::Message),
    Composer(composer::Message),
    Crisis(crisis::Message),
    Opened(Result<crate::app::session::Opened, String>),
    OpenCrisis,
    NewEntry,
    LockNow,
    Shortcut(Shortcut),
    Activity,
    Tick(Instant),
    Autosave,
    /// The composer's entry was sealed (final save), or why not.
    EntrySaved(Result<Entry, String>),
    /// An autosaved draft was sealed, or why not.
    DraftSaved(Result<Entry, String>),
    /// Entries changed on another screen were stored, or why not.
    Stored(Tab, Result<(), String>),
    SettingsSaved(Result<Config, String>),
    PlanSaved(Result<SafetyPlan, String>),
    RemindersDue(Vec<Reminder>),
    DismissFollowUp,
    /// Opens or closes the top bar's menu (a narrow window's tabs).
    ToggleMenu,
    /// A tab chosen from the top bar's menu: shows it and closes the menu.
    MenuPick(Tab),
    /// The window changed size (the composer's editor refits its text).
    Resized,
}

impl Message {
    /// The outcome of a create or unlock job, as a message (errors as text,
    /// since messages are cloned).
    pub fn opened(result: Result<crate::app::session::Opened, AppError>) -> Message {
        Message::Opened(result.map_err(|e| e.to_string()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    New,
    Save,
    Lock,
    Escape,
    FocusNext,
    FocusPrevious,
}

pub struct App {
    pub paths: Paths,
    pub config: Config,
    pub screen: Screen,
    pub composer: Option<Composer>,
    pub crisis: Option<crisis::Panel>,
    pub last_activity: Instant,
    /// The clock, refreshed on every tick; rules take it as a parameter.
    pub now: chrono::DateTime<chrono_tz::Tz>,
    /// Reminders shown as a banner until dismissed.
    pub banner: Vec<Reminder>,
    /// After a crisis-level entry is saved: a calm offer of help that stays
    /// until dismissed, on the lock screen too.
    pub follow_up: Option<CrisisLevel>,
    /// The plan's readable copy, for the crisis panel while locked (read at
    /// start and kept in step with saves, so opening the panel reads nothing).
    pub plan_while_locked: Option<SafetyPlan>,
    /// The narrow top bar's menu of tabs is open.
    pub menu_open: bool,
    /// Does every disk operation, in order, off the window's thread.
    worker: Worker,
    /// Keeps a second window from opening the same vault.
    instance: Option<crate::app::InstanceLock>,
}

pub fn run() -> ExitCode {
    // Software rendering first: this window is text and flat shapes, and a
    // GPU driver (llvmpipe on machines without one) adds about 100 MB of
    // resident memory. `ICED_BACKEND=wgpu` chooses the GPU instead.
    if std::env::var_os("ICED_BACKEND").is_none() {
        // Edition 2021; no other thread exists yet.
        std::env::set_var("ICED_BACKEND", "tiny-skia,wgpu");
    }
    let result = iced::application(App::boot, App::update, App::view)
        .title(App::title)
        .subscription(App::subscription)
        .theme(App::theme)
        .font(theme::FONT_REGULAR)
        .font(theme::FONT_SEMIBOLD)
        .default_font(theme::BODY)
        .window(window_settings())
        .run();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("between: the window could not open: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The window's size, and its app id so the desktop matches it to the
/// launcher (`StartupWMClass`) and groups its icon and notifications.
fn window_settings() -> iced::window::Settings {
    iced::window::Settings {
        size: iced::Size::new(1100.0, 720.0),
        #[cfg(target_os = "linux")]
        platform_specific: iced::window::settings::PlatformSpecific {
            application_id: crate::app::desktop::APP_ID.into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn now_local() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

impl App {
    fn boot() -> (App, Task<Message>) {
        let paths = match Paths::discover() {
            Ok(paths) => paths,
            Err(e) => {
                return (
                    App::broken(Paths::under(std::env::temp_dir()), e.to_string()),
                    Task::none(),
                )
            }
        };
        match crate::app::acquire_instance(&paths.lock_file()) {
            Ok(lock) => {
                let mut app = App::new(paths);
                app.instance = Some(lock);
                let focus = app.first_focus();
                (app, focus)
            }
            Err(e) => (App::broken(paths, e.to_string()), Task::none()),
        }
    }

    fn with_screen(paths: Paths, config: Config, screen: Screen) -> App {
        App {
            plan_while_locked: crate::app::plan::load_while_locked(&paths),
            worker: Worker::start(paths.clone()),
            paths,
            config,
            screen,
            composer: None,
            crisis: None,
            last_activity: Instant::now(),
            now: crate::app::clock::now(),
            banner: Vec::new(),
            follow_up: None,
            menu_open: false,
            instance: None,
        }
    }

    fn broken(paths: Paths, reason: String) -> App {
        App::with_screen(paths, Config::default(), Screen::Broken(reason))
    }

    /// The app for a data location: setup on first run, else the lock screen.
    /// Runs before the window opens, so it may read the disk.
    pub fn new(paths: Paths) -> App {
        let (config, config_problem) = match Config::load(&paths) {
            Ok(config) => (config, None),
            Err(e) => (Config::default(), Some(e.to_string())),
        };
        let screen = if !Vault::exists(&paths) {
            Screen::Setup(Setup::default())
        } else if let Err(e) = Vault::open(&paths) {
            Screen::Broken(e.to_string())
        } else {
            let mut lock = Lock::default();
            let loose = paths.loose_permissions();
            let zone = crate::app::clock::zone_warning().map(str::to_string);
            lock.warning = config_problem.or(zone).or_else(|| {
                (!loose.is_empty()).then(|| {
                    format!(
                        "Warning: other users may be able to read {} (expected mode 0700/0600).",
                        loose[0].display()
                    )
                })
            });
            Screen::Locked(lock)
        };
        App::with_screen(paths, config, screen)
    }

    /// Where the cursor starts: the passphrase field, so typing works at once.
    pub fn first_focus(&self) -> Task<Message> {
        match self.screen {
            Screen::Setup(_) => iced::widget::operation::focus(setup::PASSPHRASE_ID),
            Screen::Locked(_) => {
                // Offer "Unlock with the running session" if `between unlock` started one.
                let paths = self.paths.clone();
                Task::batch([
                    iced::widget::operation::focus(lock::PASSPHRASE_ID),
                    Task::perform(
                        async move { crate::app::session::agent_running(&paths) },
                        |found| Message::Lock(lock::Message::SessionFound(found)),
                    ),
                ])
            }
            _ => Task::none(),
        }
    }

    fn scope(&self) -> TextingScope {
        self.config.agreement.texting.clone()
    }

    fn title(&self) -> String {
        "Between".into()
    }

    fn theme(&self) -> Theme {
        theme::theme(self.config.theme)
    }

    pub fn is_unlocked(&self) -> bool {
        matches!(self.screen, Screen::Unlocked(_))
    }

    /// The unlocked session, if any.
    pub fn session(&self) -> Option<&Session> {
        match &self.screen {
            Screen::Unlocked(session) => Some(session),
            _ => None,
        }
    }

    fn session_mut(&mut self) -> Option<&mut Session> {
        match &mut self.screen {
            Screen::Unlocked(session) => Some(session),
            _ => None,
        }
    }

    /// Runs `job` on the disk worker and turns its outcome into a message.
    fn job<T, F>(
        &self,
        job: F,
        done: impl Fn(Result<T, String>) -> Message + Send + 'static,
    ) -> Task<Message>
    where
        T: Send + 'static,
        F: FnOnce(&mut Desk) -> Result<T, AppError> + Send + 'static,
    {
        Task::perform(self.worker.run(job), done)
    }

    /// Stores changed entries; the outcome goes back to the screen on `tab`.
    fn store_entries(&self, entries: Vec<Entry>, tab: Tab) -> Task<Message> {
        if entries.is_empty() {
            return Task::none();
        }
        self.job(
            move |desk| crate::app::entries::save_all(desk.vault()?, &entries),
            move |result| Message::Stored(tab, result),
        )
    }

    /// What, besides the window's size, decides the editor's size.
    fn layout_key(&self) -> (bool, bool, bool, bool, Option<bool>) {
        (
            self.crisis.is_some(),
            self.follow_up.is_some(),
            self.banner.is_empty(),
            self.menu_open,
            self.composer.as_ref().map(Composer::asks_check_in),
        )
    }

    fn open_crisis(&mut self, level: CrisisLevel) {
        let level = self.crisis.as_ref().map_or(level, |p| p.level.max(level));
        let plan = match self.session() {
            Some(session) => Some(&session.plan),
            None => self.plan_while_locked.as_ref(),
        };
        let mut steps = plan.map(|p| p.next_steps()).unwrap_or_default();
        let urgent = self.config.agreement.urgent_channel.trim();
        if !urgent.is_empty() {
            steps.push(format!("Your therapist, by phone: {urgent}"));
        }
        self.crisis = Some(crisis::Panel::new(
            level,
            &self.config.effective_region(),
            steps,
        ));
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        let layout = self.layout_key();
        let resized = matches!(message, Message::Resized);
        let task = self.handle(message);
        // The editor changed size: without a refit its text stays scrolled
        // as it was in the old size (shifted up, half hidden, when wider).
        if resized || layout != self.layout_key() {
            if let Some(composer) = &mut self.composer {
                composer.refit();
            }
        }
        let Screen::Unlocked(session) = &mut self.screen else {
            return task;
        };
        let before = session.held_now.clone();
        session.refresh(&self.config, self.now);
        if session.held_now == before {
            return task;
        }
        // Times only, so reminders can fire while locked.
        let (held, entries) = (session.held_now.clone(), session.journal.entries.clone());
        let record = self.job(
            move |desk| crate::app::reminders::record_held(desk.paths(), &held, &entries),
            |_| Message::Activity,
        );
        Task::batch([task, record])
    }

    fn handle(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Setup(message) => {
                let Screen::Setup(setup) = &mut self.screen else {
                    return Task::none();
                };
                match setup.update(message) {
                    setup::Event::None => Task::none(),
                    setup::Event::Create(passphrase) => {
                        let paths = self.paths.clone();
                        let secret = SecretString::from(passphrase);
                        Task::perform(
                            async move { crate::app::session::create(&paths, secret) },
                            Message::opened,
                        )
                    }
                }
            }
            Message::Lock(message) => {
                let Screen::Locked(lock) = &mut self.screen else {
                    return Task::none();
                };
                match lock.update(message) {
                    lock::Event::None => Task::none(),
                    lock::Event::Unlock(passphrase) => {
                        let paths = self.paths.clone();
                        let secret = SecretString::from(passphrase);
                        Task::perform(
                            async move { crate::app::session::unlock(&paths, secret) },
                            Message::opened,
                        )
                    }
                    lock::Event::UnlockWithSession => {
                        let paths = self.paths.clone();
                        Task::perform(
                            async move { crate::app::session::unlock_with_agent(&paths) },
                            Message::opened,
                        )
                    }
                    lock::Event::Write => self.open_composer(),
                }
            }
            Message::Opened(result) => self.opened(result),
            Message::Show(tab) => {
                if let Some(session) = self.session_mut() {
                    session.show(tab);
                    // Leaving the screen ends Undo and any open question.
                    session.journal.forget_deleted();
                    session.journal.confirm_delete = None;
                    if tab == Tab::Settings {
                        return settings::read_desktop().map(Message::Settings);
                    }
                }
                Task::none()
            }
            Message::Held(message) => self.held_message(message),
            Message::Agenda(message) => self.agenda_message(message),
            Message::Plan(message) => {
                let Some(session) = self.session_mut() else {
                    return Task::none();
                };
                match session.plan_editor.update(message) {
                    plan::Event::None => Task::none(),
                    plan::Event::Save(plan) => self.job(
                        move |desk| crate::app::plan::save(desk.vault()?, &plan).map(|()| plan),
                        Message::PlanSaved,
                    ),
                }
            }
            Message::PlanSaved(result) => {
                match result {
                    Ok(plan) => {
                        self.plan_while_locked = plan.readable_when_locked.then(|| plan.clone());
                        if let Some(session) = self.session_mut() {
                            session.plan = plan;
                        }
                    }
                    Err(e) => {
                        if let Some(session) = self.session_mut() {
                            session.plan_editor.notice = Some(format!("Not saved: {e}"));
                        }
                    }
                }
                Task::none()
            }
            Message::DismissReminder(key) => {
                self.banner.retain(|r| r.key != key);
                Task::none()
            }
            Message::Settings(message) => {
                let Screen::Unlocked(session) = &mut self.screen else {
                    return Task::none();
                };
                match session.settings.update(message, &self.config) {
                    settings::Event::None => Task::none(),
                    settings::Event::Save(config) => self.save_config(config),
                    settings::Event::Perform(task) => task.map(Message::Settings),
                }
            }
            Message::SettingsSaved(result) => {
                match result {
                    Ok(config) => self.config = config,
                    Err(e) => {
                        let problem = format!("Not saved: {e}");
                        if let Some(session) = self.session_mut() {
                            match session.tab {
                                Tab::Agenda => session.agenda_screen.notice = Some(problem),
                                _ => session.settings.saved = Some(problem),
                            }
                        }
                    }
                }
                Task::none()
            }
            Message::Data(message) => {
                let now = self.now;
                let Some(session) = self.session_mut() else {
                    return Task::none();
                };
                let entries = session.journal.entries.clone();
                match session.data.update(message, now) {
                    data::Action::None => Task::none(),
                    data::Action::Choose { suggested, then } => {
                        data::choose_save_path(suggested).map(move |path| Message::Data(then(path)))
                    }
                    data::Action::Backup(out) => self.job(
                        move |desk| {
                            crate::app::exchange::backup_to(desk.paths(), &out)
                                .map(|summary| data::backup_written(&out, summary.bytes))
                        },
                        |result| Message::Data(data::Message::Finished(result)),
                    ),
                    data::Action::Export { out, format } => self.job(
                        move |_| {
                            crate::app::exchange::export_to(&out, &entries, format)
                                .map(|count| data::export_written(&out, count))
                        },
                        |result| Message::Data(data::Message::Finished(result)),
                    ),
                    data::Action::Rotate(passphrase) => self.job(
                        move |desk| {
                            crate::app::session::rotate_keeping_passphrase(desk, &passphrase)
                        },
                        |result| Message::Data(data::Message::Rotated(result)),
                    ),
                    data::Action::NewKeys(keys) => {
                        if let Some(session) = self.session_mut() {
                            session.journal.keys = keys;
                        }
                        Task::none()
                    }
                }
            }
            Message::Journal(message) => self.journal_message(message),
            Message::Stored(tab, result) => {
                if let (Err(e), Some(session)) = (result, self.session_mut()) {
                    let problem = format!("Not saved: {e}");
                    match tab {
                        Tab::Held => session.held.notice = Some(problem),
                        Tab::Agenda => session.agenda_screen.notice = Some(problem),
                        _ => session.journal.notice = Some(problem),
                    }
                }
                Task::none()
            }
            Message::Composer(message) => {
                let Some(composer) = &mut self.composer else {
                    return Task::none();
                };
                match composer.update(message) {
                    composer::Event::None => {
                        // Words that read as more urgent while help is open
                        // raise it: at the imminent level the emergency
                        // number comes first.
                        let level = composer.suggestion.crisis_level;
                        if let Some(panel) = &mut self.crisis {
                            panel.level = panel.level.max(level);
                        }
                        Task::none()
                    }
                    composer::Event::OpenCrisis(level) => {
                        self.open_crisis(level);
                        Task::none()
                    }
                    composer::Event::Save => self.save_composer(),
                    composer::Event::Discard => self.discard_composer(),
                }
            }
            Message::EntrySaved(result) => {
                self.entry_saved(result);
                Task::none()
            }
            Message::DraftSaved(result) => {
                match result {
                    Ok(entry) => {
                        if let Some(session) = self.session_mut() {
                            session.journal.upsert(entry);
                        }
                    }
                    Err(e) => {
                        if let Some(composer) = &mut self.composer {
                            composer.dirty = true;
                            composer.error =
                                Some(format!("Autosave failed: {e}. Your text is still here."));
                        }
                    }
                }
                Task::none()
            }
            Message::Crisis(message) => {
                if let Some(panel) = &mut self.crisis {
                    panel.update(&message);
                }
                match message {
                    crisis::Message::Close => {
                        self.crisis = None;
                        self.refocus_editor()
                    }
                    crisis::Message::Copy(contact) => iced::clipboard::write(contact),
                    crisis::Message::Open(uri) => self.job(
                        {
                            let uri = uri.clone();
                            move |_| crate::app::contact::open_link(&uri)
                        },
                        move |result| Message::Crisis(crisis::Message::Opened(uri.clone(), result)),
                    ),
                    crisis::Message::Opened(..) | crisis::Message::ShowCode(_) => Task::none(),
                }
            }
            Message::OpenCrisis => {
                self.open_crisis(self.follow_up.unwrap_or(CrisisLevel::None));
                Task::none()
            }
            Message::DismissFollowUp => {
                self.follow_up = None;
                Task::none()
            }
            Message::ToggleMenu => {
                self.menu_open = !self.menu_open;
                Task::none()
            }
            Message::Resized => Task::none(),
            Message::MenuPick(tab) => {
                self.menu_open = false;
                self.handle(Message::Show(tab))
            }
            Message::NewEntry => self.open_composer(),
            Message::LockNow => self.lock(),
            Message::Shortcut(shortcut) => self.shortcut(shortcut),
            Message::Activity => {
                self.last_activity = Instant::now();
                Task::none()
            }
            Message::Tick(now) => {
                self.now = crate::app::clock::now();
                let reminders = self.check_reminders();
                let minutes = self.config.idle_lock_minutes;
                let idle = now.saturating_duration_since(self.last_activity);
                if minutes > 0
                    && idle >= Duration::from_secs(u64::from(minutes) * 60)
                    && (self.is_unlocked() || self.composer.is_some())
                {
                    return Task::batch([reminders, self.lock()]);
                }
                reminders
            }
            Message::RemindersDue(due) => {
                self.banner.extend(due);
                Task::none()
            }
            Message::Autosave => self.autosave(),
        }
    }

    fn save_config(&self, config: Config) -> Task<Message> {
        self.job(
            move |desk| crate::app::settings::save(desk.vault()?, &config).map(|()| config),
            Message::SettingsSaved,
        )
    }

    fn held_message(&mut self, message: held::Message) -> Task<Message> {
        let now = self.now.fixed_offset();
        let Some(session) = self.session_mut() else {
            return Task::none();
        };
        match session
            .held
            .update(message, &mut session.journal.entries, now)
        {
            held::Event::None => Task::none(),
            held::Event::Copy(text) => iced::clipboard::write(text),
            held::Event::Changed(entry) => self.store_entries(vec![entry], Tab::Held),
            held::Event::Edit(entry) => {
                let autosave = self.keep_words();
                self.composer = Some(Composer::from_draft(&entry, self.scope()));
                if let Some(session) = self.session_mut() {
                    session.tab = Tab::Journal;
                }
                Task::batch([
                    autosave,
                    iced::widget::operation::focus(composer::EDITOR_ID),
                ])
            }
        }
    }

    fn agenda_message(&mut self, message: agenda::Message) -> Task<Message> {
        let (schedule, now) = (self.config.schedule.clone(), self.now);
        let Some(session) = self.session_mut() else {
            return Task::none();
        };
        let Some(built) = session.agenda_now.take() else {
            return Task::none();
        };
        let plaintext_dir = session.data.plaintext_home();
        let context = agenda::Context {
            state: &mut session.agenda_state,
            entries: &mut session.journal.entries,
            agenda: &built,
            schedule: &schedule,
            now,
            plaintext_dir: &plaintext_dir,
        };
        let event = session.agenda_screen.update(message, context);
        session.agenda_now = Some(built);
        let state = session.agenda_state.clone();
        let keys = session.journal.keys.clone();
        let notice = |result: Result<String, String>| {
            Message::Agenda(agenda::Message::Notice(result.unwrap_or_else(|e| e)))
        };
        match event {
            agenda::Event::None => Task::none(),
            agenda::Event::Changed { entries } => self.job(
                move |desk| {
                    let vault = desk.vault()?;
                    crate::app::entries::save_all(vault, &entries)?;
                    crate::app::agenda::save_state(vault, &state)
                },
                |result| Message::Stored(Tab::Agenda, result),
            ),
            agenda::Event::Reviewed { entries, archived } => self.job(
                move |desk| {
                    let vault = desk.vault()?;
                    crate::app::entries::save_all(vault, &entries)?;
                    crate::app::agenda::save_state(vault, &state)?;
                    crate::app::agenda::archive(vault, &archived)
                },
                |result| Message::Stored(Tab::Agenda, result),
            ),
            agenda::Event::LoadHistory => self.job(
                move |desk| crate::app::agenda::history(desk.vault()?, &keys),
                move |result| match result {
                    Ok((sessions, _)) => Message::Agenda(agenda::Message::HistoryLoaded(sessions)),
                    Err(e) => Message::Agenda(agenda::Message::Notice(format!(
                        "Past sessions could not be opened: {e}"
                    ))),
                },
            ),
            agenda::Event::Copy(text) => iced::clipboard::write(text),
            agenda::Event::ChooseFile(suggested) => data::choose_save_path(suggested)
                .map(|path| Message::Agenda(agenda::Message::FileChosen(path))),
            agenda::Event::Write { path, bytes } => self.job(
                move |_| {
                    crate::app::exchange::write_plaintext(std::path::Path::new(&path), &bytes)
                        .map(|()| {
                            format!("Saved {path} (not encrypted; delete it when you no longer need it)")
                        })
                        .map_err(|e| AppError::invalid(format!("Could not save {path}: {e}")))
                },
                notice,
            ),
            agenda::Event::Schedule(schedule) => {
                let mut config = self.config.clone();
                config.schedule = schedule;
                self.save_config(config)
            }
            agenda::Event::NewEntry => self.open_composer(),
        }
    }

    fn shortcut(&mut self, shortcut: Shortcut) -> Task<Message> {
        self.last_activity = Instant::now();
        match shortcut {
            Shortcut::New => self.open_composer(),
            Shortcut::Save => {
                if self.composer.is_some() {
                    return self.handle(Message::Composer(composer::Message::Save));
                }
                Task::none()
            }
            Shortcut::Lock => self.lock(),
            Shortcut::Escape => {
                if self.crisis.is_some() {
                    self.crisis = None;
                    // The editor let go of focus on Esc; give it back.
                    self.refocus_editor()
                } else if self.composer.is_some() {
                    // Esc closes the panel but keeps the words: they are sealed as a draft
                    // (an edit is saved).
                    let autosave = self.keep_words();
                    if let Some(mut composer) = self.composer.take() {
                        composer.wipe();
                    }
                    self.reload_drafts_notice();
                    autosave
                } else {
                    if let Some(session) = self.session_mut() {
                        session.journal.selected = None;
                        session.journal.confirm_delete = None;
                    }
                    Task::none()
                }
            }
            Shortcut::FocusNext => iced::widget::operation::focus_next(),
            Shortcut::FocusPrevious => iced::widget::operation::focus_previous(),
        }
    }

    /// Puts the cursor back in the composer, if one is open.
    fn refocus_editor(&self) -> Task<Message> {
        if self.composer.is_some() {
            iced::widget::operation::focus(composer::EDITOR_ID)
        } else {
            Task::none()
        }
    }

    fn reload_drafts_notice(&mut self) {
        if let Screen::Locked(lock) = &mut self.screen {
            lock.notice = Some("Your words were sealed as a draft. Unlock to finish them.".into());
        }
    }

    fn opened(&mut self, result: Result<crate::app::session::Opened, String>) -> Task<Message> {
        match result {
            Ok(opened) => {
                // The disk worker's vault signs what it writes from now on.
                // It is opened afresh: the unlock may have finished an
                // interrupted key rotation, which changes the public key.
                let keys = opened.keys.clone();
                let attach = self.job(
                    move |desk| {
                        crate::app::session::attach(desk.reopen()?, &keys);
                        Ok(())
                    },
                    |_| Message::Activity,
                );
                let draft = opened.entries.iter().find(|e| e.draft).cloned();
                if let Some(config) = opened.config.clone() {
                    self.config = config;
                }
                let mut session = Session::new(opened);
                session.refresh(&self.config, self.now);
                self.screen = Screen::Unlocked(Box::new(session));
                self.last_activity = Instant::now();
                // A draft from before a crash or a lock comes back into the composer.
                if self.composer.is_none() {
                    if let Some(draft) = draft {
                        self.composer = Some(Composer::from_draft(&draft, self.scope()));
                    }
                } else if let Some(composer) = &mut self.composer {
                    composer.locked_mode = false;
                }
                attach
            }
            Err(error) => {
                match &mut self.screen {
                    Screen::Locked(lock) => {
                        lock.working = false;
                        lock.error = Some(error);
                    }
                    Screen::Setup(setup) => {
                        setup.working = false;
                        setup.error = Some(error);
                    }
                    _ => {}
                }
                Task::none()
            }
        }
    }

    fn open_composer(&mut self) -> Task<Message> {
        if matches!(self.screen, Screen::Setup(_) | Screen::Broken(_)) {
            return Task::none();
        }
        if let Some(session) = self.session_mut() {
            session.tab = Tab::Journal;
        }
        if self.composer.is_none() {
            let locked = !self.is_unlocked();
            self.composer = Some(Composer::new(now_local(), self.scope(), locked));
        }
        iced::widget::operation::focus(composer::EDITOR_ID)
    }

    /// Seals the composer's text as a draft if it changed. Needs no passphrase.
    fn autosave(&mut self) -> Task<Message> {
        let Some(composer) = &mut self.composer else {
            return Task::none();
        };
        // An edit is never a draft: it is saved as a whole (see `keep_words`).
        if !composer.dirty || composer.is_empty() || composer.editing() {
            return Task::none();
        }
        let entry = composer.to_entry(true, now_local());
        // Marked clean now; a failure marks it dirty again.
        composer.dirty = false;
        self.job(
            move |desk| crate::app::entries::save(desk.vault()?, &entry).map(|()| entry),
            Message::DraftSaved,
        )
    }

    fn save_composer(&mut self) -> Task<Message> {
        let Some(composer) = &mut self.composer else {
            return Task::none();
        };
        let entry = composer
            .to_edited_entry(now_local())
            .unwrap_or_else(|| composer.to_entry(false, now_local()));
        composer.error = None;
        self.job(
            move |desk| crate::app::entries::save(desk.vault()?, &entry).map(|()| entry),
            Message::EntrySaved,
        )
    }

    /// The composer closes only once its words are sealed; on a failure
    /// they stay in it with the reason.
    fn entry_saved(&mut self, result: Result<Entry, String>) {
        let entry = match result {
            Ok(entry) => entry,
            Err(e) => {
                if let Some(composer) = &mut self.composer {
                    composer.error = Some(format!(
                        "Not saved: {e}. Your text is still here; try again."
                    ));
                }
                return;
            }
        };
        if entry.crisis_level >= CrisisLevel::Elevated {
            self.follow_up = Some(entry.crisis_level);
        }
        if self.composer.as_ref().is_some_and(|c| c.id() == entry.id) {
            if let Some(mut composer) = self.composer.take() {
                composer.wipe();
            }
        }
        match &mut self.screen {
            Screen::Unlocked(session) => {
                session.journal.selected = Some(entry.id.clone());
                session.journal.upsert(entry);
            }
            Screen::Locked(lock) => {
                lock.notice = Some("Saved and sealed. Unlock to read it.".into());
            }
            _ => {}
        }
    }

    fn discard_composer(&mut self) -> Task<Message> {
        let Some(mut composer) = self.composer.take() else {
            return Task::none();
        };
        if composer.editing() {
            // Cancel: the entry stays as it was; nothing was written.
            composer.wipe();
            return Task::none();
        }
        let id = composer.id().to_string();
        composer.wipe();
        if let Some(session) = self.session_mut() {
            session.journal.remove(&id);
        }
        // Removes an autosaved draft of these words, if one was written.
        self.job(
            move |desk| crate::app::entries::discard(desk.vault()?, &id),
            |result| Message::Stored(Tab::Journal, result),
        )
    }

    /// Seals any draft, then drops decrypted text and the key from memory.
    pub fn lock(&mut self) -> Task<Message> {
        let autosave = self.keep_words();
        let had_words = self.composer.as_ref().is_some_and(|c| !c.is_empty());
        if let Some(mut composer) = self.composer.take() {
            composer.wipe();
        }
        if !matches!(self.screen, Screen::Unlocked(_) | Screen::Locked(_)) {
            return autosave;
        }
        // Writes from now on are "added while locked" until the next unlock.
        let detach = if self.is_unlocked() {
            self.job(
                |desk| {
                    crate::app::session::detach(desk.vault()?);
                    Ok(())
                },
                |_| Message::Activity,
            )
        } else {
            Task::none()
        };
        // The agreement's free text is sealed; it goes with the session.
        crate::app::settings::forget_private(&mut self.config);
        let mut lock = Lock::default();
        if had_words {
            lock.notice = Some("Your unfinished entry was sealed as a draft.".into());
        }
        // Dropping the session wipes its decrypted text.
        self.screen = Screen::Locked(lock);
        Task::batch([autosave, detach, self.first_focus()])
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let keys = event::listen_with(|event, status, _window| match event {
            iced::Event::Keyboard(event) => key_message(&event, status),
            iced::Event::Window(iced::window::Event::Resized(_)) => Some(Message::Resized),
            iced::Event::Mouse(iced::mouse::Event::ButtonPressed(_))
            | iced::Event::Mouse(iced::mouse::Event::WheelScrolled { .. }) => {
                Some(Message::Activity)
            }
            _ => None,
        });
        let mut subscriptions = vec![
            keys,
            iced::time::every(Duration::from_secs(15)).map(Message::Tick),
        ];
        if self.composer.is_some() {
            subscriptions
                .push(iced::time::every(Duration::from_secs(5)).map(|_| Message::Autosave));
        }
        Subscription::batch(subscriptions)
    }

    /// Reminders due now, shown as a banner and a desktop notification.
    fn check_reminders(&self) -> Task<Message> {
        let (config, now) = (self.config.clone(), self.now);
        self.job(
            move |desk| {
                let due = crate::app::reminders::check(desk.paths(), &config, now, false)?;
                for reminder in &due {
                    let _ = crate::app::reminders::notify(reminder);
                }
                Ok(due)
            },
            |result| Message::RemindersDue(result.unwrap_or_default()),
        )
    }
}

/// The key that opens crisis help from every screen, shown on its button.
pub const CRISIS_KEY: Named = Named::F1;

/// What a key press means to the whole window. Runs for every key, focused
/// editor or not, so F1 (which no text widget uses) opens crisis help from
/// anywhere without typing into the entry.
pub fn key_message(event: &keyboard::Event, status: event::Status) -> Option<Message> {
    let keyboard::Event::KeyPressed { key, modifiers, .. } = event else {
        return None;
    };
    match (key.as_ref(), modifiers.command()) {
        (Key::Named(named), _) if named == CRISIS_KEY => Some(Message::OpenCrisis),
        (Key::Character("n"), true) => Some(Message::Shortcut(Shortcut::New)),
        (Key::Character("s"), true) => Some(Message::Shortcut(Shortcut::Save)),
        (Key::Character("l"), true) => Some(Message::Shortcut(Shortcut::Lock)),
        (Key::Named(Named::Escape), _) => Some(Message::Shortcut(Shortcut::Escape)),
        (Key::Named(Named::Tab), _) if status == event::Status::Ignored => {
            Some(Message::Shortcut(if modifiers.shift() {
                Shortcut::FocusPrevious
            } else {
                Shortcut::FocusNext
            }))
        }
        _ => Some(Message::Activity),
    }
}

/// The journal's edit, delete, undo and star (issues 15 and 17).
impl App {
    fn journal_message(&mut self, message: journal::Message) -> Task<Message> {
        let now = self.now.fixed_offset();
        let Some(session) = self.session_mut() else {
            return Task::none();
        };
        let keys = session.journal.keys.clone();
        match session.journal.update(message, now) {
            journal::Event::None => Task::none(),
            journal::Event::Write => self.open_composer(),
            journal::Event::OpenDraft(draft) => {
                let autosave = self.keep_words();
                self.composer = Some(Composer::from_draft(&draft, self.scope()));
                autosave
            }
            journal::Event::Changed(entry) => self.store_entries(vec![entry], Tab::Journal),
            journal::Event::Edit(entry) => {
                let keep = self.keep_words();
                if let Some(mut composer) = self.composer.take() {
                    composer.wipe();
                }
                self.composer = Some(Composer::for_edit(&entry, self.scope()));
                Task::batch([keep, iced::widget::operation::focus(composer::EDITOR_ID)])
            }
            journal::Event::Delete(id) => self.job(
                {
                    let id = id.clone();
                    move |desk| crate::app::journal::delete_unlocked(desk.vault()?, &keys, &id)
                },
                move |result| Message::Journal(journal::Message::Deleted(id.clone(), result)),
            ),
            journal::Event::Restore(entry) => self.job(
                move |desk| crate::app::entries::save(desk.vault()?, &entry).map(|()| entry),
                |result| Message::Journal(journal::Message::Restored(result)),
            ),
        }
    }

    /// Keeps the composer's words before it closes or the journal locks: a
    /// new entry is sealed as a draft; a changed edit is saved as the entry.
    fn keep_words(&mut self) -> Task<Message> {
        match &mut self.composer {
            Some(composer) if composer.editing() => {
                if !composer.dirty || composer.is_empty() {
                    return Task::none();
                }
                composer.dirty = false;
                self.save_composer()
            }
            _ => self.autosave(),
        }
    }
}
