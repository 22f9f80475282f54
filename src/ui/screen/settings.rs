//! Settings: the texting agreement and preferences, one validated field at a time.
//! Each field is a `between settings` key, so the GUI and scripts agree.

use std::collections::BTreeMap;

use iced::widget::{button, column, container, row, text, text_input, toggler};
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
        "app.idle_lock_minutes" => "Lock after idle minutes",
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
                self.saved = Some(format!("Saved {key}."));
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
                text("Your therapist's hours are assumed: Monday to Friday, 9:00 to 17:00, in your time zone. Set the real ones below.")
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
