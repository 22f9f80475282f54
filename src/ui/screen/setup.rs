//! First run: choose a passphrase (twice), with an honest strength hint.

use iced::widget::{column, text, text_input};
use iced::Element;
use zeroize::Zeroize;

use crate::ui::theme;

pub const PASSPHRASE_ID: &str = "setup-passphrase";
pub const CONFIRM_ID: &str = "setup-confirm";

#[derive(Default)]
pub struct Setup {
    pub passphrase: String,
    pub confirm: String,
    pub error: Option<String>,
    pub working: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Passphrase(String),
    Confirm(String),
    Create,
}

pub enum Event {
    None,
    /// The parent creates the vault with this passphrase.
    Create(String),
}

impl Setup {
    pub fn update(&mut self, message: Message) -> Event {
        match message {
            Message::Passphrase(value) => {
                self.passphrase.zeroize();
                self.passphrase = value;
                self.error = None;
            }
            Message::Confirm(value) => {
                self.confirm.zeroize();
                self.confirm = value;
                self.error = None;
            }
            Message::Create => {
                if self.working {
                    return Event::None;
                }
                if self.passphrase.is_empty() {
                    self.error = Some("Choose a passphrase first.".into());
                } else if self.passphrase != self.confirm {
                    self.error = Some("The two passphrases are not the same.".into());
                } else {
                    self.working = true;
                    self.confirm.zeroize();
                    return Event::Create(std::mem::take(&mut self.passphrase));
                }
            }
        }
        Event::None
    }

    pub fn view(&self) -> Element<'_, Message> {
        let strength = strength_hint(&self.passphrase);
        let form = column![
            text("Welcome to Between").size(30).font(theme::STRONG),
            text("A private place for what comes up between therapy sessions. Everything you write is encrypted on this computer.").size(16),
            text("Choose a passphrase").size(16).font(theme::STRONG),
            text_input("Passphrase", &self.passphrase)
                .id(PASSPHRASE_ID)
                .secure(true)
                .on_input(Message::Passphrase)
                .on_submit(Message::Create)
                .padding(10),
            // A fixed height, so the card does not jump as the hint changes.
            iced::widget::container(text(strength).size(13).style(theme::muted)).height(34),
            text_input("Type it again", &self.confirm)
                .id(CONFIRM_ID)
                .secure(true)
                .on_input(Message::Confirm)
                .on_submit(Message::Create)
                .padding(10),
            text("There is no way to recover a forgotten passphrase. Writing never needs it; reading does.").size(13).style(theme::muted),
        ]
        .spacing(theme::SPACE_S + 4.0);
        let form = theme::submit_row(
            form,
            self.error.as_deref(),
            self.working,
            ("Create my journal", "Creating your vault…"),
            Message::Create,
        );
        theme::form_card(form, 520.0)
    }
}

/// zxcvbn's estimate in plain words. Empty input gives a neutral hint.
pub fn strength_hint(passphrase: &str) -> String {
    if passphrase.is_empty() {
        return "A few unrelated words make a strong passphrase that is easy to remember.".into();
    }
    let estimate = zxcvbn::zxcvbn(passphrase, &[]);
    let words = match u8::from(estimate.score()) {
        0 | 1 => "Weak: easy to guess. Add more words.",
        2 => "Fair: longer would be safer.",
        3 => "Good.",
        _ => "Strong.",
    };
    words.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mismatch_is_refused_and_match_creates() {
        let mut setup = Setup::default();
        setup.update(Message::Passphrase("correct horse battery".into()));
        setup.update(Message::Confirm("correct horse batery".into()));
        assert!(matches!(setup.update(Message::Create), Event::None));
        assert!(setup.error.as_deref().unwrap().contains("not the same"));
        setup.update(Message::Confirm("correct horse battery".into()));
        match setup.update(Message::Create) {
            Event::Create(p) => assert_eq!(p, "correct horse battery"),
            Event::None => panic!("expected Create"),
        }
        assert!(setup.working);
    }

    #[test]
    fn strength_grows_with_length() {
        assert!(strength_hint("abc").starts_with("Weak"));
        assert!(strength_hint("violet kettle orbit marmalade sunrise").starts_with("Strong"));
    }
}
