//! The lock screen: unlock with the passphrase, or write without unlocking.

use iced::widget::{button, column, container, rule, text, text_input};
use iced::{Element, Length};
use zeroize::Zeroize;

use crate::ui::theme;

pub const PASSPHRASE_ID: &str = "lock-passphrase";

#[derive(Default)]
pub struct Lock {
    pub passphrase: String,
    pub error: Option<String>,
    pub working: bool,
    /// A message from the last action, e.g. "Entry sealed".
    pub notice: Option<String>,
    /// A session agent (`between unlock`) is running for this vault.
    pub session_available: bool,
    /// Something wrong with the set-up (the time zone, loose permissions, a
    /// config that could not be read), shown in the warning colour.
    pub warning: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Passphrase(String),
    Unlock,
    WriteWithoutUnlocking,
    /// Whether a session agent answered (checked when the screen opens).
    SessionFound(bool),
    UnlockWithSession,
}

pub enum Event {
    None,
    Unlock(String),
    UnlockWithSession,
    Write,
}

impl Lock {
    pub fn update(&mut self, message: Message) -> Event {
        match message {
            Message::Passphrase(value) => {
                self.passphrase.zeroize();
                self.passphrase = value;
                self.error = None;
                Event::None
            }
            Message::Unlock if self.working => Event::None,
            Message::Unlock if self.passphrase.is_empty() => {
                self.error = Some("Type your passphrase to read your journal.".into());
                Event::None
            }
            Message::Unlock => {
                self.working = true;
                self.notice = None;
                Event::Unlock(std::mem::take(&mut self.passphrase))
            }
            Message::SessionFound(found) => {
                self.session_available = found;
                Event::None
            }
            Message::UnlockWithSession if self.working => Event::None,
            Message::UnlockWithSession => {
                self.working = true;
                self.notice = None;
                self.error = None;
                Event::UnlockWithSession
            }
            Message::WriteWithoutUnlocking => {
                self.notice = None;
                Event::Write
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut form = column![
            text("Between").size(30).font(theme::STRONG),
            text("Your journal is locked.").size(16),
            text_input("Passphrase", &self.passphrase)
                .id(PASSPHRASE_ID)
                .secure(true)
                .on_input(Message::Passphrase)
                .on_submit(Message::Unlock)
                .padding(10),
        ]
        .spacing(theme::SPACE_S + 4.0);
        form = theme::submit_row(
            form,
            self.error.as_deref(),
            self.working,
            ("Unlock", "Unlocking…"),
            Message::Unlock,
        );
        if self.session_available {
            form = form.push(
                button(text("Unlock with the running session"))
                    .padding([10, 20])
                    .style(theme::quiet_button)
                    .on_press_maybe((!self.working).then_some(Message::UnlockWithSession)),
            );
            form = form.push(
                text("Started with `between unlock`; `between lock` ends it.")
                    .size(13)
                    .style(theme::muted),
            );
        }
        form = form.push(rule::horizontal(1));
        form = form.push(
            text("Need to get something out of your head?")
                .size(14)
                .font(theme::STRONG),
        );
        form = form.push(
            button(text("Write without unlocking"))
                .padding([10, 20])
                .style(theme::quiet_button)
                .on_press(Message::WriteWithoutUnlocking),
        );
        form = form.push(
            text("It is sealed at once. Reading it later needs your passphrase.")
                .size(13)
                .style(theme::muted),
        );
        if let Some(notice) = &self.notice {
            form = form.push(text(notice).size(14));
        }
        if let Some(warning) = &self.warning {
            form = form.push(
                container(text(warning).size(14))
                    .padding([8, 12])
                    .width(Length::Fill)
                    .style(theme::warning_box),
            );
        }
        theme::form_card(form, 460.0)
    }
}
