//! Settings: the texting agreement and preferences, one validated field at a time.
//! Each field is a `between settings` key, so the GUI and scripts agree.

use std::collections::BTreeMap;

use iced::widget::{button, column, container, pick_list, row, text, text_input, toggler};
use iced::{Element, Length, Task};

use crate::app::desktop::{self, DesktopError, DesktopStatus, TimerState};
use crate::app::Config;
use crate::ui::theme;

/// Keys that are actions, not values.
const ACTIONS: [&str; 2] = ["hours.reset", "vacation.clear"];

#[derive(Default)]
pub struct Settings {
    /// Edited but not yet applied values.
    pub drafts: BTreeMap<String, String>,
    pub errors: BTreeMap<String, String>,
    pub saved: Option<String>,
    pub desktop: DesktopPanel,
}

/// The reminder timer and autostart as last read; `None` until the first answer.
#[derive(Default)]
pub struct DesktopPanel {
    pub reminder_timer: Option<Result<TimerState, DesktopError>>,
    pub autostart: Option<Result<bool, DesktopError>>,
    /// The outcome of the last change, in words.
    pub notice: Option<String>,
    pub working: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Edit(String, String),
    Apply(String),
    Action(String),
    DesktopRead(DesktopStatus),
    SetReminderTimer(bool),
    ReminderTimerSet(Result<TimerState, DesktopError>),
    SetAutostart(bool),
    AutostartSet(Result<bool, DesktopError>),
    /// A value chosen from a picker or a switch: saved at once.
    Pick(String, String),
}

/// One option of a picker: the stored value and the words shown for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl std::fmt::Display for Choice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// Keys chosen from a list rather than typed.
const PICKED: [&str; 3] = ["app.theme", "app.region", "app.idle_lock_minutes"];

/// Keys that are on or off.
const SWITCHES: [&str; 2] = ["reminders.held_messages", "reminders.weekly_crisis"];

fn idle_label(minutes: u32) -> String {
    match minutes {
        0 => "Never".to_string(),
        1 => "After 1 minute".to_string(),
        60 => "After 1 hour".to_string(),
        m => format!("After {m} minutes"),
    }
}

/// The options for a picked key, in words; the current value is always one.
pub fn choices(key: &str, config: &Config) -> Vec<Choice> {
    let choice = |value: String, label: String| Choice { value, label };
    match key {
        "app.theme" => vec![
            choice("light".into(), "Light".into()),
            choice("dark".into(), "Dark".into()),
        ],
        "app.region" => {
            let from_locale =
                crate::domain::resources::region_from_locale(std::env::var("LANG").ok().as_deref());
            let mut list = vec![choice(
                String::new(),
                format!("From this computer's language ({from_locale})"),
            )];
            list.extend(
                crate::domain::resources::Directory::builtin()
                    .regions()
                    .iter()
                    .map(|r| choice(r.code.clone(), r.name.clone())),
            );
            list
        }
        "app.idle_lock_minutes" => {
            let mut minutes = vec![1, 2, 5, 10, 15, 30, 60, 0];
            if !minutes.contains(&config.idle_lock_minutes) {
                minutes.push(config.idle_lock_minutes);
            }
            minutes
                .into_iter()
                .map(|m| choice(m.to_string(), idle_label(m)))
                .collect()
        }
        _ => Vec::new(),
    }
}

pub enum Event {
    None,
    /// A valid change: the parent saves this config.
    Save(Config),
    /// Work off the update loop (systemctl, the autostart file); the parent returns it.
    Perform(Task<Message>),
}

/// Reads the timer and autostart state off the update loop.
pub fn read_desktop() -> Task<Message> {
    Task::perform(async { desktop::status() }, Message::DesktopRead)
}

/// Words for a key; the key itself stays visible in the help line for scripts.
fn label(key: &str) -> &str {
    match key {
        "app.idle_lock_minutes" => "Lock when idle",
        "app.theme" => "Theme",
        "app.region" => "Crisis lines for",
        "therapist.name" => "Name or initials",
        "therapist.timezone" => "Time zone",
        "hours.mon" => "Monday",
        "hours.tue" => "Tuesday",
        "hours.wed" => "Wednesday",
        "hours.thu" => "Thursday",
        "hours.fri" => "Friday",
        "hours.sat" => "Saturday",
        "hours.sun" => "Sunday",
        "vacation.add" => "Add a vacation",
        "vacation.list" => "Recorded",
        "texting.purpose" => "Texting is for",
        "texting.topics" => "Agreed topics",
        "texting.weekly_limit" => "Texts a week, at most",
        "texting.urgent_channel" => "Urgent, not emergency",
        "personal.decent_from" => "No sending before",
        "personal.decent_until" => "No sending after",
        "personal.night_start" => "Night begins",
        "personal.night_end" => "Night ends",
        "reminders.held_messages" => "Held-message reminders",
        "reminders.weekly_crisis" => "Weekly crisis-help reminder",
        other => other,
    }
}

fn section(key: &str) -> &'static str {
    match key.split('.').next().unwrap_or("") {
        "app" => "General",
        "therapist" => "Therapist",
        "hours" => "Working hours (therapist's time zone)",
        "vacation" => "Vacations",
        "texting" => "Texting agreement",
        "reminders" => "Reminders",
        _ => "Your own rules",
    }
}

impl Settings {
    pub fn update(&mut self, message: Message, config: &Config) -> Event {
        match message {
            Message::Edit(key, value) => {
                self.errors.remove(&key);
                self.drafts.insert(key, value);
                Event::None
            }
            Message::Apply(key) => {
                let Some(value) = self.drafts.get(&key).cloned() else {
                    return Event::None;
                };
                self.apply(config, &key, &value)
            }
            Message::Action(key) => self.apply(config, &key, ""),
            Message::Pick(key, value) => self.apply(config, &key, &value),
            Message::DesktopRead(status) => {
                self.desktop.reminder_timer = Some(status.reminder_timer);
                self.desktop.autostart = Some(status.autostart);
                Event::None
            }
            Message::SetReminderTimer(on) => {
                self.desktop.working = true;
                self.desktop.notice = None;
                Event::Perform(Task::perform(
                    async move { desktop::set_reminder_timer(on) },
                    Message::ReminderTimerSet,
                ))
            }
            Message::ReminderTimerSet(result) => {
                self.desktop.working = false;
                self.desktop.notice = Some(match &result {
                    Ok(TimerState::Active) => "Reminders are on: they come every 15 minutes at most, even with the window closed.".into(),
                    Ok(TimerState::Inactive) => "Reminders from the timer are off. This window still shows them while it is open.".into(),
                    Err(e) => format!("Could not change the reminder timer: {e}."),
                });
                if result.is_ok() {
                    self.desktop.reminder_timer = Some(result);
                }
                Event::None
            }
            Message::SetAutostart(on) => {
                self.desktop.working = true;
                self.desktop.notice = None;
                Event::Perform(Task::perform(
                    async move { desktop::set_autostart(on) },
                    Message::AutostartSet,
                ))
            }
            Message::AutostartSet(result) => {
                self.desktop.working = false;
                self.desktop.notice = Some(match &result {
                    Ok(true) => "Between will open when you log in.".into(),
                    Ok(false) => "Between will not open by itself when you log in.".into(),
                    Err(e) => format!("Could not change opening at login: {e}."),
                });
                if result.is_ok() {
                    self.desktop.autostart = Some(result);
                }
                Event::None
            }
        }
    }

    /// The reminder timer and "open at login", with the last outcome in words.
    fn desktop_view(&self) -> Element<'_, Message> {
        let panel = &self.desktop;
        let timer: Element<'_, Message> = match &panel.reminder_timer {
            None => text("Checking the reminder timer…").size(14).into(),
            Some(Err(e)) => text(format!("Reminder timer: {e}."))
                .size(14)
                .style(theme::muted)
                .into(),
            Some(Ok(state)) => {
                let on = *state == TimerState::Active;
                let mut switch = toggler(on)
                    .label("Remind me while the window is closed")
                    .size(18)
                    .text_size(14);
                if !panel.working {
                    switch = switch.on_toggle(Message::SetReminderTimer);
                }
                column![
                    switch,
                    text(if on {
                        "On: a systemd timer runs `between remind` every 15 minutes."
                    } else {
                        "Off: reminders appear only while this window is open."
                    })
                    .size(12)
                    .style(theme::muted),
                ]
                .spacing(2)
                .into()
            }
        };
        let autostart: Element<'_, Message> = match &panel.autostart {
            Some(Err(e)) => text(format!("Open at login: {e}."))
                .size(14)
                .style(theme::muted)
                .into(),
            state => {
                let on = matches!(state, Some(Ok(true)));
                let mut switch = toggler(on)
                    .label("Open Between when I log in")
                    .size(18)
                    .text_size(14);
                if !panel.working && state.is_some() {
                    switch = switch.on_toggle(Message::SetAutostart);
                }
                switch.into()
            }
        };
        let mut view = column![timer, autostart].spacing(theme::SPACE_S);
        if let Some(notice) = &panel.notice {
            view = view.push(text(notice).size(13));
        }
        view.into()
    }

    fn apply(&mut self, config: &Config, key: &str, value: &str) -> Event {
        let mut next = config.clone();
        match next.set(key, value) {
            Ok(()) => {
                self.drafts.remove(key);
                self.errors.remove(key);
                self.saved = Some(format!("Saved: {}.", label(key)));
                Event::Save(next)
            }
            Err(error) => {
                self.errors.insert(key.to_string(), error);
                self.saved = None;
                Event::None
            }
        }
    }

    /// The title, the assumed-hours notice and the last save.
    pub fn header<'a>(&'a self, config: &'a Config) -> Element<'a, Message> {
        let mut page = column![
            text("Settings").size(24).font(theme::STRONG),
            text("Press Enter in a field to save it. Invalid values are explained and not saved.")
                .size(14)
                .style(theme::muted),
        ]
        .spacing(theme::SPACE_S);
        if config.agreement.hours_assumed() {
            page = page.push(
                text(format!(
                    "Your therapist's hours are assumed: {}, in your time zone. Set the real ones below.",
                    crate::domain::hours::Agreement::assumed_hours_label(crate::app::clock::time_style())
                ))
                .size(14),
            );
        }
        if let Some(saved) = &self.saved {
            page = page.push(text(saved).size(14).style(theme::muted));
        }
        page.into()
    }

    /// Every key as a labelled field; the parent scrolls it.
    pub fn form<'a>(&'a self, config: &'a Config) -> Element<'a, Message> {
        let mut current = "";
        let mut form = column![].spacing(theme::SPACE_S);
        for (key, help) in Config::keys() {
            let heading = section(key);
            if heading != current {
                current = heading;
                form = form.push(text(heading).size(17).font(theme::STRONG));
                if heading == "Reminders" {
                    form = form.push(self.desktop_view());
                }
            }
            if ACTIONS.contains(&key) {
                form = form.push(
                    row![
                        button(
                            text(if key == "hours.reset" {
                                "Use assumed hours"
                            } else {
                                "Remove all vacations"
                            })
                            .size(14)
                        )
                        .padding([6, 12])
                        .style(theme::quiet_button)
                        .on_press(Message::Action(key.to_string())),
                        text(help).size(13).style(theme::muted),
                    ]
                    .spacing(theme::SPACE_S)
                    .align_y(iced::Alignment::Center),
                );
                continue;
            }
            if PICKED.contains(&key) || SWITCHES.contains(&key) {
                form = form.push(self.picked(key, config));
                continue;
            }
            let stored = config.get(key).ok();
            let read_only = key == "vacation.list";
            let value = self
                .drafts
                .get(key)
                .cloned()
                .or(stored.clone())
                .unwrap_or_default();
            let mut input = text_input("", &value).padding(8).size(15);
            if !read_only {
                input = input
                    .on_input(move |v| Message::Edit(key.to_string(), v))
                    .on_submit(Message::Apply(key.to_string()));
            }
            let mut field = column![row![
                text(label(key)).size(14).width(Length::Fixed(210.0)),
                input,
            ]
            .spacing(theme::SPACE_S)
            .align_y(iced::Alignment::Center),]
            .spacing(2);
            if !read_only {
                field = field.push(
                    container(
                        // The key (for `between settings set`) stays in the
                        // README; people read the help in words.
                        text(help).size(12).style(theme::muted),
                    )
                    .padding(iced::Padding {
                        left: 218.0,
                        ..iced::Padding::ZERO
                    }),
                );
            }
            if let Some(error) = self.errors.get(key) {
                field = field.push(text(error).size(13).style(theme::error_text));
            }
            form = form.push(field);
        }
        form.into()
    }

    /// A picker or a switch, saved as soon as it changes.
    fn picked<'a>(&'a self, key: &'static str, config: &'a Config) -> Element<'a, Message> {
        let stored = config.get(key).unwrap_or_default();
        let control: Element<'a, Message> = if SWITCHES.contains(&key) {
            toggler(stored == "true")
                .label(if stored == "true" { "On" } else { "Off" })
                .size(18)
                .text_size(14)
                .on_toggle(move |on| Message::Pick(key.to_string(), on.to_string()))
                .into()
        } else {
            let options = choices(key, config);
            let selected = options.iter().find(|c| c.value == stored).cloned();
            pick_list(options, selected, move |c: Choice| {
                Message::Pick(key.to_string(), c.value)
            })
            .padding(8)
            .text_size(15)
            .width(Length::Fixed(320.0))
            .into()
        };
        let mut field = column![row![
            text(label(key)).size(14).width(Length::Fixed(210.0)),
            control
        ]
        .spacing(theme::SPACE_S)
        .align_y(iced::Alignment::Center)]
        .spacing(2);
        if let Some(error) = self.errors.get(key) {
            field = field.push(text(error).size(13).style(theme::error_text));
        }
        field.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pickers_show_words_and_save_the_stored_value() {
        let config = Config::default();
        let idle = choices("app.idle_lock_minutes", &config);
        assert!(idle.iter().any(|c| c.label == "Never" && c.value == "0"));
        assert!(idle.iter().all(|c| !c.label.contains("app.")));
        let regions = choices("app.region", &config);
        assert!(regions[0]
            .label
            .starts_with("From this computer's language"));
        assert!(regions.iter().any(|c| c.value == "GB"));
        let mut settings = Settings::default();
        let Event::Save(next) =
            settings.update(Message::Pick("app.theme".into(), "dark".into()), &config)
        else {
            panic!("a valid pick saves");
        };
        assert_eq!(next.get("app.theme").unwrap(), "dark");
        assert_eq!(settings.saved.as_deref(), Some("Saved: Theme."));
    }

    #[test]
    fn toggles_hand_the_work_to_a_task_instead_of_doing_it_in_update() {
        let mut settings = Settings::default();
        let config = Config::default();
        let event = settings.update(Message::SetAutostart(true), &config);
        assert!(matches!(event, Event::Perform(_)));
        assert!(settings.desktop.working);
        let event = settings.update(Message::SetReminderTimer(true), &config);
        assert!(matches!(event, Event::Perform(_)));
    }

    #[test]
    fn a_failed_change_is_said_in_words_and_keeps_the_last_known_state() {
        let mut settings = Settings::default();
        let config = Config::default();
        settings.update(
            Message::DesktopRead(DesktopStatus {
                reminder_timer: Ok(TimerState::Inactive),
                autostart: Ok(false),
            }),
            &config,
        );
        settings.update(
            Message::ReminderTimerSet(Err(DesktopError::NoUserBus)),
            &config,
        );
        assert!(!settings.desktop.working);
        let notice = settings.desktop.notice.clone().unwrap();
        assert!(
            notice.starts_with("Could not change the reminder timer"),
            "{notice}"
        );
        assert!(notice.contains("user session"), "{notice}");
        assert_eq!(
            settings.desktop.reminder_timer,
            Some(Ok(TimerState::Inactive))
        );
        settings.update(Message::AutostartSet(Ok(true)), &config);
        assert_eq!(settings.desktop.autostart, Some(Ok(true)));
        assert_eq!(
            settings.desktop.notice.as_deref(),
            Some("Between will open when you log in.")
        );
    }
}
