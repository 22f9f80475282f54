//! The iced shell. One `Screen` at a time; each screen has its own
//! `Message` and returns an `Event` to this parent, which does the I/O.
//! The crisis panel and its button sit above every screen.

pub mod agenda;
pub mod composer;
pub mod crisis;
pub mod data;
pub mod held;

pub mod journal;
pub mod lock;
pub mod plan;
pub mod settings;
pub mod setup;
pub mod theme;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use age::secrecy::SecretString;
use iced::keyboard::{self, key::Named, Key};
use iced::widget::{button, column, container, opaque, row, stack, text};
use iced::{event, Element, Length, Subscription, Task, Theme};

use crate::app::Config;
use crate::app::Paths;
use crate::app::Vault;
use crate::domain::model::{CrisisLevel, TextingScope};
use composer::Composer;
use journal::Journal;
use lock::Lock;
use setup::Setup;

pub enum Screen {
    Setup(Setup),
    Locked(Lock),
    Journal(Journal),
    /// Nothing can be opened (e.g. the data folder is unusable).
    Broken(String),
}

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
}

impl Message {
    /// The outcome of a create or unlock job, as a message (errors as text,
    /// since messages are cloned).
    pub fn opened(result: Result<crate::app::session::Opened, crate::app::AppError>) -> Message {
        Message::Opened(result.map_err(|e| e.to_string()))
    }
}

/// The unlocked screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Journal,
    Held,
    Agenda,
    Plan,
    Settings,
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
    pub vault: Option<Vault>,
    pub screen: Screen,
    pub composer: Option<Composer>,
    pub crisis: Option<crisis::Panel>,
    pub last_activity: Instant,
    pub tab: Tab,
    pub held: held::Held,
    pub settings: settings::Settings,
    pub data: data::DataPanel,
    /// The clock, refreshed on every tick; rules take it as a parameter.
    pub now: chrono::DateTime<chrono_tz::Tz>,
    /// Held messages as of `now`, recomputed after every update.
    pub held_now: Vec<crate::domain::hours::HeldMessage>,
    pub agenda_screen: agenda::AgendaScreen,
    pub agenda_state: crate::domain::agenda::AgendaState,
    /// The agenda as of `now` while unlocked, recomputed after every update.
    pub agenda_now: Option<crate::domain::agenda::Agenda>,
    pub plan_editor: Option<plan::PlanEditor>,
    /// The plan while unlocked (for the crisis panel).
    pub plan: Option<crate::domain::safety_plan::SafetyPlan>,
    /// Reminders shown as a banner until dismissed.
    pub banner: Vec<crate::domain::reminders::Reminder>,
    /// Keeps a second window from opening the same vault.
    pub instance: Option<crate::app::InstanceLock>,
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
        .window_size((1100.0, 720.0))
        .run();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("between: the window could not open: {e}");
            ExitCode::FAILURE
        }
    }
}

fn now_local() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

impl App {
    fn boot() -> (App, Task<Message>) {
        let paths = match Paths::discover() {
            Ok(paths) => paths,
            Err(e) => return (App::broken(e.to_string()), Task::none()),
        };
        match crate::app::acquire_instance(&paths.lock_file()) {
            Ok(lock) => {
                let mut app = App::new(paths);
                app.instance = Some(lock);
                (app, Task::none())
            }
            Err(e) => (App::broken(e.to_string()), Task::none()),
        }
    }

    fn broken(reason: String) -> App {
        App {
            paths: Paths::under(std::env::temp_dir()),
            config: Config::default(),
            vault: None,
            screen: Screen::Broken(reason),
            composer: None,
            crisis: None,
            last_activity: Instant::now(),
            tab: Tab::Journal,
            held: held::Held::default(),
            settings: settings::Settings::default(),
            data: data::DataPanel::default(),
            now: crate::app::clock::now(),
            held_now: Vec::new(),
            agenda_screen: agenda::AgendaScreen::default(),
            agenda_state: crate::domain::agenda::AgendaState::default(),
            agenda_now: None,
            plan_editor: None,
            plan: None,
            banner: Vec::new(),
            instance: None,
        }
    }

    /// The app for a data location: setup on first run, else the lock screen.
    pub fn new(paths: Paths) -> App {
        let (config, config_problem) = match Config::load(&paths) {
            Ok(config) => (config, None),
            Err(e) => (Config::default(), Some(e.to_string())),
        };
        let (vault, screen) = if Vault::exists(&paths) {
            match Vault::open(&paths) {
                Ok(vault) => {
                    let mut lock = Lock::default();
                    let loose = paths.loose_permissions();
                    lock.notice = config_problem.or_else(|| {
                        (!loose.is_empty()).then(|| {
                            format!(
                                "Warning: other users may be able to read {} (expected mode 0700/0600).",
                                loose[0].display()
                            )
                        })
                    });
                    (Some(vault), Screen::Locked(lock))
                }
                Err(e) => (None, Screen::Broken(e.to_string())),
            }
        } else {
            (None, Screen::Setup(Setup::default()))
        };
        App {
            paths,
            config,
            vault,
            screen,
            composer: None,
            crisis: None,
            last_activity: Instant::now(),
            tab: Tab::Journal,
            held: held::Held::default(),
            settings: settings::Settings::default(),
            data: data::DataPanel::default(),
            now: crate::app::clock::now(),
            held_now: Vec::new(),
            agenda_screen: agenda::AgendaScreen::default(),
            agenda_state: crate::domain::agenda::AgendaState::default(),
            agenda_now: None,
            plan_editor: None,
            plan: None,
            banner: Vec::new(),
            instance: None,
        }
    }

    fn scope(&self) -> TextingScope {
        self.config.agreement.texting.clone()
    }

    /// The held messages as of `self.now`.
    pub fn held_messages(&self) -> Vec<crate::domain::hours::HeldMessage> {
        let Screen::Journal(journal) = &self.screen else {
            return Vec::new();
        };
        let entries: Vec<_> = journal
            .entries
            .iter()
            .filter(|e| !e.draft)
            .cloned()
            .collect();
        crate::domain::hours::held_messages(
            &entries,
            &self.config.agreement,
            self.now.timezone(),
            self.now,
            |e| crate::domain::triage::Engine::builtin().is_session_material(&e.text),
        )
    }

    fn title(&self) -> String {
        "Between".into()
    }

    fn theme(&self) -> Theme {
        theme::theme(self.config.theme)
    }

    pub fn is_unlocked(&self) -> bool {
        matches!(self.screen, Screen::Journal(_))
    }

    fn region(&self) -> String {
        self.config.effective_region()
    }

    fn open_crisis(&mut self, level: CrisisLevel) {
        let level = self.crisis.as_ref().map_or(level, |p| p.level.max(level));
        let plan = match &self.plan {
            Some(plan) => Some(plan.clone()),
            None => crate::app::plan::load_while_locked(&self.paths),
        };
        let mut steps = plan.map(|p| p.next_steps()).unwrap_or_default();
        let urgent = self.config.agreement.urgent_channel.trim();
        if !urgent.is_empty() {
            steps.push(format!("Your therapist, by phone: {urgent}"));
        }
        self.crisis = Some(crisis::Panel::new(level, &self.region(), steps));
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        let task = self.handle(message);
        self.refresh();
        task
    }

    /// Recomputes what the screens derive from entries, settings and `now`.
    fn refresh(&mut self) {
        self.held_now = self.held_messages();
        self.agenda_now = match &self.screen {
            Screen::Journal(journal) => Some(crate::domain::agenda::build_agenda(
                &journal.entries,
                &self.agenda_state,
                &self.config.schedule,
                self.now,
            )),
            _ => None,
        };
        if let Screen::Journal(journal) = &self.screen {
            // Times only, so reminders can fire while locked.
            let _ =
                crate::app::reminders::record_held(&self.paths, &self.held_now, &journal.entries);
        }
    }

    fn save_entries(&mut self, entries: &[crate::domain::model::Entry]) -> Result<(), String> {
        let Some(vault) = &self.vault else {
            return Ok(());
        };
        crate::app::entries::save_all(vault, entries).map_err(|e| e.to_string())?;
        if let Screen::Journal(journal) = &mut self.screen {
            for entry in entries {
                journal.upsert(entry.clone());
            }
        }
        Ok(())
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
                    lock::Event::Write => self.open_composer(),
                }
            }
            Message::Opened(result) => self.opened(result),
            Message::Show(tab) => {
                if self.is_unlocked() {
                    self.tab = tab;
                    self.held.notice = None;
                    self.settings.saved = None;
                }
                Task::none()
            }
            Message::Held(message) => {
                let Screen::Journal(journal) = &mut self.screen else {
                    return Task::none();
                };
                match self
                    .held
                    .update(message, &mut journal.entries, self.now.fixed_offset())
                {
                    held::Event::None => Task::none(),
                    held::Event::Copy(text) => iced::clipboard::write(text),
                    held::Event::Changed(entry) => {
                        if let Some(vault) = &self.vault {
                            if let Err(e) = crate::app::entries::save(vault, &entry) {
                                self.held.notice = Some(format!("Not saved: {e}"));
                            }
                        }
                        Task::none()
                    }
                    held::Event::Edit(entry) => {
                        self.autosave();
                        self.composer = Some(Composer::from_draft(&entry, self.scope()));
                        self.tab = Tab::Journal;
                        iced::widget::operation::focus(composer::EDITOR_ID)
                    }
                }
            }
            Message::Agenda(message) => self.agenda_message(message),
            Message::Plan(message) => {
                let Some(editor) = &mut self.plan_editor else {
                    return Task::none();
                };
                if let plan::Event::Save(plan) = editor.update(message) {
                    match self
                        .vault
                        .as_ref()
                        .map(|v| crate::app::plan::save(v, &plan))
                    {
                        Some(Err(e)) => editor.notice = Some(format!("Not saved: {e}")),
                        _ => self.plan = Some(plan),
                    }
                }
                Task::none()
            }
            Message::DismissReminder(key) => {
                self.banner.retain(|r| r.key != key);
                Task::none()
            }
            Message::Settings(message) => {
                if let settings::Event::Save(config) = self.settings.update(message, &self.config) {
                    match config.save(&self.paths) {
                        Ok(()) => self.config = config,
                        Err(e) => self.settings.saved = Some(format!("Not saved: {e}")),
                    }
                }
                Task::none()
            }
            Message::Data(message) => {
                let Screen::Journal(journal) = &self.screen else {
                    return Task::none();
                };
                match self
                    .data
                    .update(message, &self.paths, &journal.entries, self.now)
                {
                    data::Action::None => Task::none(),
                    data::Action::Choose { suggested, then } => {
                        data::choose_save_path(suggested).map(move |path| Message::Data(then(path)))
                    }
                }
            }
            Message::Journal(message) => {
                let Screen::Journal(journal) = &mut self.screen else {
                    return Task::none();
                };
                match journal.update(message) {
                    journal::Event::None => {}
                    journal::Event::OpenDraft(draft) => {
                        self.autosave();
                        self.composer = Some(Composer::from_draft(&draft, self.scope()));
                    }
                    journal::Event::Changed(entry) => {
                        if let Some(vault) = &self.vault {
                            if let Err(e) = crate::app::entries::save(vault, &entry) {
                                journal.problems.push(e.to_string());
                            }
                        }
                    }
                }
                Task::none()
            }
            Message::Composer(message) => {
                let Some(composer) = &mut self.composer else {
                    return Task::none();
                };
                match composer.update(message) {
                    composer::Event::None => Task::none(),
                    composer::Event::OpenCrisis(level) => {
                        self.open_crisis(level);
                        Task::none()
                    }
                    composer::Event::Save => {
                        self.save_composer();
                        Task::none()
                    }
                    composer::Event::Discard => {
                        self.discard_composer();
                        Task::none()
                    }
                }
            }
            Message::Crisis(message) => {
                match message {
                    crisis::Message::Close => self.crisis = None,
                    crisis::Message::Copy(contact) => {
                        if let Some(panel) = &mut self.crisis {
                            panel.copied = Some(contact.clone());
                        }
                        return iced::clipboard::write(contact);
                    }
                    crisis::Message::Open(uri) => open_uri(&uri),
                }
                Task::none()
            }
            Message::OpenCrisis => {
                self.open_crisis(CrisisLevel::None);
                Task::none()
            }
            Message::NewEntry => self.open_composer(),
            Message::LockNow => {
                self.lock();
                Task::none()
            }
            Message::Shortcut(shortcut) => self.shortcut(shortcut),
            Message::Activity => {
                self.last_activity = Instant::now();
                Task::none()
            }
            Message::Tick(now) => {
                self.now = crate::app::clock::now();
                self.check_reminders();
                let minutes = self.config.idle_lock_minutes;
                let idle = now.saturating_duration_since(self.last_activity);
                if minutes > 0 && idle >= Duration::from_secs(u64::from(minutes) * 60) {
                    if self.is_unlocked() || self.composer.is_some() {
                        self.lock();
                    }
                }
                Task::none()
            }
            Message::Autosave => {
                self.autosave();
                Task::none()
            }
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
            Shortcut::Lock => {
                self.lock();
                Task::none()
            }
            Shortcut::Escape => {
                if self.crisis.is_some() {
                    self.crisis = None;
                } else if self.composer.is_some() {
                    // Esc closes the panel but keeps the words: they are sealed as a draft.
                    self.autosave();
                    if let Some(mut composer) = self.composer.take() {
                        composer.wipe();
                    }
                    self.reload_drafts_notice();
                } else if let Screen::Journal(journal) = &mut self.screen {
                    journal.selected = None;
                }
                Task::none()
            }
            Shortcut::FocusNext => iced::widget::operation::focus_next(),
            Shortcut::FocusPrevious => iced::widget::operation::focus_previous(),
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
                if self.vault.is_none() {
                    match Vault::open(&self.paths) {
                        Ok(vault) => self.vault = Some(vault),
                        Err(e) => {
                            self.screen = Screen::Broken(e.to_string());
                            return Task::none();
                        }
                    }
                }
                if let Some(vault) = &self.vault {
                    crate::app::session::attach(vault, &opened.keys);
                }
                let draft = opened.entries.iter().find(|e| e.draft).cloned();
                self.plan_editor = Some(plan::PlanEditor::new(&opened.plan));
                self.plan = Some(opened.plan);
                self.agenda_state = opened.agenda_state;
                let journal = Journal::new(opened.keys, opened.entries, opened.problems);
                self.screen = Screen::Journal(journal);
                self.last_activity = Instant::now();
                // A draft from before a crash or a lock comes back into the composer.
                if self.composer.is_none() {
                    if let Some(draft) = draft {
                        self.composer = Some(Composer::from_draft(&draft, self.scope()));
                    }
                } else if let Some(composer) = &mut self.composer {
                    composer.locked_mode = false;
                }
                Task::none()
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
        self.tab = Tab::Journal;
        if self.composer.is_none() {
            let locked = !self.is_unlocked();
            self.composer = Some(Composer::new(now_local(), self.scope(), locked));
        }
        iced::widget::operation::focus(composer::EDITOR_ID)
    }

    /// Seals the composer's text as a draft if it changed. Needs no passphrase.
    fn autosave(&mut self) {
        let (Some(composer), Some(vault)) = (&mut self.composer, &self.vault) else {
            return;
        };
        if !composer.dirty || composer.is_empty() {
            return;
        }
        let entry = composer.to_entry(true, now_local());
        match crate::app::entries::save(vault, &entry) {
            Ok(()) => {
                composer.dirty = false;
                if let Screen::Journal(journal) = &mut self.screen {
                    journal.upsert(entry);
                }
            }
            Err(e) => {
                composer.error = Some(format!("Autosave failed: {e}. Your text is still here."))
            }
        }
    }

    fn save_composer(&mut self) {
        let (Some(composer), Some(vault)) = (&mut self.composer, &self.vault) else {
            return;
        };
        let entry = composer.to_entry(false, now_local());
        if let Err(e) = crate::app::entries::save(vault, &entry) {
            composer.error = Some(format!(
                "Not saved: {e}. Your text is still here; try again."
            ));
            return;
        }
        let mut composer = self.composer.take().expect("checked above");
        composer.wipe();
        match &mut self.screen {
            Screen::Journal(journal) => {
                journal.selected = Some(entry.id.clone());
                journal.upsert(entry);
            }
            Screen::Locked(lock) => {
                lock.notice = Some("Saved and sealed. Unlock to read it.".into());
            }
            _ => {}
        }
    }

    fn discard_composer(&mut self) {
        let Some(mut composer) = self.composer.take() else {
            return;
        };
        if let Some(vault) = &self.vault {
            // Removes an autosaved draft of these words, if one was written.
            let _ = crate::app::entries::discard(vault, composer.id());
        }
        if let Screen::Journal(journal) = &mut self.screen {
            journal.remove(composer.id());
        }
        composer.wipe();
    }

    /// Seals any draft, then drops decrypted text and the key from memory.
    pub fn lock(&mut self) {
        self.autosave();
        let had_words = self.composer.as_ref().is_some_and(|c| !c.is_empty());
        if let Some(mut composer) = self.composer.take() {
            composer.wipe();
        }
        if self.vault.is_none() {
            return;
        }
        if let Screen::Journal(journal) = &mut self.screen {
            journal.wipe();
        }
        if let Some(vault) = &self.vault {
            crate::app::session::detach(vault);
        }
        self.tab = Tab::Journal;
        self.plan_editor = None;
        self.plan = None;
        self.agenda_state = crate::domain::agenda::AgendaState::default();
        self.agenda_screen = agenda::AgendaScreen::default();
        self.held = held::Held::default();
        self.settings = settings::Settings::default();
        self.data = data::DataPanel::default();
        let mut lock = Lock::default();
        if had_words {
            lock.notice = Some("Your unfinished entry was sealed as a draft.".into());
        }
        self.screen = Screen::Locked(lock);
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let keys = event::listen_with(|event, status, _window| match event {
            iced::Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) => {
                match (key.as_ref(), modifiers.command()) {
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

    pub fn view(&self) -> Element<'_, Message> {
        let crisis_button = button(text("Crisis help").font(theme::STRONG))
            .padding([8, 16])
            .style(theme::crisis_button)
            .on_press(Message::OpenCrisis);

        let mut bar = row![text("Between").size(20).font(theme::STRONG)]
            .spacing(theme::SPACE_S)
            .align_y(iced::Alignment::Center);
        if self.is_unlocked() {
            bar = bar.push(iced::widget::space().width(theme::SPACE_M));
            let held_count = self.held_now.len();
            let tabs = [
                (Tab::Journal, "Journal".to_string()),
                (
                    Tab::Held,
                    if held_count > 0 {
                        format!("Held messages ({held_count})")
                    } else {
                        "Held messages".into()
                    },
                ),
                (Tab::Agenda, "Agenda".to_string()),
                (Tab::Plan, "Safety plan".to_string()),
                (Tab::Settings, "Settings".to_string()),
            ];
            for (tab, label) in tabs {
                bar = bar.push(
                    button(text(label).size(15))
                        .padding([6, 12])
                        .style(theme::row_button(self.tab == tab))
                        .on_press(Message::Show(tab)),
                );
            }
            bar = bar.push(iced::widget::space::horizontal());
            bar = bar.push(
                button(text("New entry"))
                    .padding([8, 14])
                    .style(theme::primary_button)
                    .on_press(Message::NewEntry),
            );
            bar = bar.push(
                button(text("Lock"))
                    .padding([8, 14])
                    .style(theme::quiet_button)
                    .on_press(Message::LockNow),
            );
        } else {
            bar = bar.push(iced::widget::space::horizontal());
        }
        bar = bar.push(crisis_button);
        let bar = container(bar.padding([10, 20]))
            .style(theme::bar)
            .width(Length::Fill);

        let content: Element<'_, Message> = match (&self.screen, &self.composer) {
            (Screen::Setup(setup), _) => {
                iced::widget::center(setup.view().map(Message::Setup)).into()
            }
            (Screen::Locked(_), Some(composer)) => {
                container(composer.view().map(Message::Composer))
                    .padding(theme::SPACE_L)
                    .max_width(900)
                    .into()
            }
            (Screen::Locked(lock), None) => {
                iced::widget::center(lock.view().map(Message::Lock)).into()
            }
            (Screen::Journal(journal), None) if self.tab == Tab::Held => self
                .held
                .view(&self.held_now, &journal.entries, &self.config.agreement)
                .map(Message::Held),
            (Screen::Journal(journal), None) if self.tab == Tab::Agenda => match &self.agenda_now {
                Some(agenda) => self
                    .agenda_screen
                    .view(agenda, &journal.entries, self.now)
                    .map(Message::Agenda),
                None => iced::widget::space().into(),
            },
            (Screen::Journal(_), None) if self.tab == Tab::Plan => match &self.plan_editor {
                Some(editor) => container(editor.view().map(Message::Plan))
                    .padding(theme::SPACE_L)
                    .into(),
                None => iced::widget::space().into(),
            },
            (Screen::Journal(_), None) if self.tab == Tab::Settings => container(
                column![
                    self.settings.header(&self.config).map(Message::Settings),
                    iced::widget::scrollable(
                        column![
                            self.data.view(&self.now).map(Message::Data),
                            self.settings.form(&self.config).map(Message::Settings),
                        ]
                        .spacing(theme::SPACE_L)
                        .padding([0, 12])
                    )
                    .height(Length::Fill),
                ]
                .spacing(theme::SPACE_S),
            )
            .padding(theme::SPACE_L)
            .width(Length::Fill)
            .height(Length::Fill)
            .into(),
            (Screen::Journal(journal), composer) => {
                let right = match composer {
                    Some(composer) => composer.view().map(Message::Composer),
                    None => journal.detail_view().map(Message::Journal),
                };
                row![
                    container(journal.list_view().map(Message::Journal))
                        .width(Length::FillPortion(2)),
                    container(right).width(Length::FillPortion(3)),
                ]
                .spacing(theme::SPACE_M)
                .padding(theme::SPACE_M)
                .into()
            }
            (Screen::Broken(reason), _) => iced::widget::center(
                container(
                    column![
                        text("Between cannot open your journal")
                            .size(22)
                            .font(theme::STRONG),
                        text(reason),
                        text("Nothing was changed. Crisis help still works from the button above.")
                            .style(theme::muted),
                    ]
                    .spacing(theme::SPACE_S)
                    .padding(theme::SPACE_L)
                    .max_width(560),
                )
                .style(theme::card),
            )
            .into(),
        };

        let mut page = column![bar].height(Length::Fill);
        for reminder in &self.banner {
            page = page.push(
                container(
                    row![
                        text(format!("{}: {}", reminder.title, reminder.body))
                            .size(14)
                            .width(Length::Fill),
                        button(text("Dismiss").size(13))
                            .padding([4, 10])
                            .style(theme::quiet_button)
                            .on_press(Message::DismissReminder(reminder.key.clone())),
                    ]
                    .spacing(theme::SPACE_S)
                    .align_y(iced::Alignment::Center),
                )
                .padding([8, 20])
                .style(theme::banner)
                .width(Length::Fill),
            );
        }
        let page = page.push(content);
        match &self.crisis {
            Some(panel) => stack![
                page,
                opaque(
                    container(
                        iced::widget::center(panel.view().map(Message::Crisis))
                            .padding(theme::SPACE_L)
                    )
                    .style(theme::backdrop)
                    .width(Length::Fill)
                    .height(Length::Fill)
                ),
            ]
            .into(),
            None => page.into(),
        }
    }
}

impl App {
    fn agenda_message(&mut self, message: agenda::Message) -> Task<Message> {
        let (Screen::Journal(journal), Some(built)) = (&mut self.screen, &self.agenda_now) else {
            return Task::none();
        };
        let context = agenda::Context {
            state: &mut self.agenda_state,
            entries: &mut journal.entries,
            agenda: built,
            schedule: &self.config.schedule,
            now: self.now,
        };
        let event = self.agenda_screen.update(message, context);
        let keys = journal.keys.clone();
        let mut problem = None;
        match event {
            agenda::Event::None => {}
            agenda::Event::Changed { entries } => {
                if let Err(e) = self
                    .save_entries(&entries)
                    .and_then(|_| self.save_agenda_state())
                {
                    problem = Some(e);
                }
            }
            agenda::Event::Reviewed { entries, archived } => {
                let archived = self
                    .vault
                    .as_ref()
                    .map(|v| crate::app::agenda::archive(v, &archived).map_err(|e| e.to_string()));
                if let Err(e) = self
                    .save_entries(&entries)
                    .and_then(|_| self.save_agenda_state())
                    .and_then(|_| archived.unwrap_or(Ok(())))
                {
                    problem = Some(e);
                }
            }
            agenda::Event::LoadHistory => {
                if let Some(vault) = &self.vault {
                    match crate::app::agenda::history(vault, &keys) {
                        Ok((sessions, _)) => {
                            self.agenda_screen.mode = agenda::Mode::History(sessions)
                        }
                        Err(e) => problem = Some(e.to_string()),
                    }
                }
            }
            agenda::Event::Copy(text) => return iced::clipboard::write(text),
            agenda::Event::ChooseFile(suggested) => {
                return data::choose_save_path(suggested)
                    .map(|path| Message::Agenda(agenda::Message::FileChosen(path)));
            }
            agenda::Event::Write { path, bytes } => {
                self.agenda_screen.notice = Some(
                    match crate::app::exchange::write_plaintext(std::path::Path::new(&path), &bytes)
                    {
                        Ok(()) => format!(
                            "Saved {path} (not encrypted; delete it when you no longer need it)"
                        ),
                        Err(e) => format!("Could not save {path}: {e}"),
                    },
                );
            }
            agenda::Event::Schedule(schedule) => {
                let mut config = self.config.clone();
                config.schedule = schedule;
                match config.save(&self.paths) {
                    Ok(()) => self.config = config,
                    Err(e) => problem = Some(e.to_string()),
                }
            }
        }
        if let Some(problem) = problem {
            self.agenda_screen.notice = Some(format!("Not saved: {problem}"));
        }
        Task::none()
    }

    fn save_agenda_state(&self) -> Result<(), String> {
        match &self.vault {
            Some(vault) => {
                crate::app::agenda::save_state(vault, &self.agenda_state).map_err(|e| e.to_string())
            }
            None => Ok(()),
        }
    }

    /// Shows due reminders as a banner and a desktop notification.
    fn check_reminders(&mut self) {
        let Ok(due) = crate::app::reminders::check(&self.paths, &self.config, self.now, false)
        else {
            return;
        };
        for reminder in due {
            let _ = crate::app::reminders::notify(&reminder);
            self.banner.push(reminder);
        }
    }
}

/// Hands a tel: or sms: link to the desktop; silently does nothing where none can open it.
fn open_uri(uri: &str) {
    let _ = std::process::Command::new("xdg-open")
        .arg(uri)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
