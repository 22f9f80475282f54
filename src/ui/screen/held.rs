//! "Held messages": each unsent "maybe send during hours" entry with its
//! status in plain words, and the actions the user takes themselves.
//! Between never sends anything.

use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Element, Length};

use crate::app::clock::time_style;
use crate::domain::hours::{Agreement, HeldMessage, SendStatus};
use crate::domain::model::{Bucket, Entry};
use crate::domain::when;
use crate::ui::theme;

/// Starting phrases for saying what you want from a message (from a client's own rules).
pub const STARTERS: [&str; 4] = [
    "I could use a reminder about…",
    "It would help to have some reassurance that…",
    "I just want someone to recognize how hard this is.",
    "I am checking on our connection.",
];

#[derive(Default)]
pub struct Held {
    /// The message whose clarity prompt is open, and what the user wants from it.
    pub clarity: Option<(String, String)>,
    pub notice: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    AskBeforeCopy(String),
    Want(String),
    CopyNow,
    CancelCopy,
    MarkSent(String),
    MarkReread(String),
    MoveToSession(String),
    Edit(String),
}

pub enum Event {
    None,
    /// Copy this text to the clipboard.
    Copy(String),
    /// The entry changed; the parent stores it.
    Changed(Entry),
    Edit(Entry),
}

impl Held {
    pub fn update(
        &mut self,
        message: Message,
        entries: &mut [Entry],
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> Event {
        let mut change = |id: &str, f: &dyn Fn(&mut Entry)| -> Event {
            match entries.iter_mut().find(|e| e.id == id) {
                Some(entry) => {
                    f(entry);
                    entry.updated_at = now;
                    Event::Changed(entry.clone())
                }
                None => Event::None,
            }
        };
        match message {
            Message::AskBeforeCopy(id) => {
                self.clarity = Some((id, String::new()));
                Event::None
            }
            Message::Want(want) => {
                if let Some((_, current)) = &mut self.clarity {
                    *current = want;
                }
                Event::None
            }
            Message::CancelCopy => {
                self.clarity = None;
                Event::None
            }
            Message::CopyNow => {
                let Some((id, want)) = self.clarity.take() else {
                    return Event::None;
                };
                let Some(entry) = entries.iter().find(|e| e.id == id) else {
                    return Event::None;
                };
                self.notice = Some(
                    "Copied. Send it yourself when you are ready; Between never sends anything."
                        .into(),
                );
                let body = entry.text.trim();
                let want = want.trim();
                Event::Copy(if want.is_empty() {
                    body.to_string()
                } else {
                    format!("{body}\n\n{want}")
                })
            }
            Message::MarkSent(id) => {
                self.notice = Some("Marked as sent. It counts toward this week's texts.".into());
                change(&id, &|e| e.sent_at = Some(now))
            }
            Message::MarkReread(id) => change(&id, &|e| e.reread_at = Some(now)),
            Message::MoveToSession(id) => {
                self.notice = Some("Moved to your session list.".into());
                change(&id, &|e| e.bucket = Bucket::Session)
            }
            Message::Edit(id) => match entries.iter().find(|e| e.id == id) {
                Some(entry) => Event::Edit(entry.clone()),
                None => Event::None,
            },
        }
    }

    pub fn view<'a>(
        &'a self,
        held: &'a [HeldMessage],
        entries: &'a [Entry],
        agreement: &'a Agreement,
    ) -> Element<'a, Message> {
        let mut page =
            column![text("Held messages").size(24).font(theme::STRONG)].spacing(theme::SPACE_M);
        let mut facts = vec![format!(
            "Texts to {} wait for their working hours. Between never sends anything: you copy and send it yourself.",
            agreement.therapist_label()
        )];
        if agreement.hours_assumed() {
            facts.push(format!(
                "Working hours are assumed ({}) until you set them in Settings.",
                Agreement::assumed_hours_label(time_style())
            ));
        }
        if !agreement.urgent_channel.trim().is_empty() {
            facts.push(format!(
                "Urgent but not an emergency: {}",
                agreement.urgent_channel.trim()
            ));
        }
        page = page.push(
            column(
                facts
                    .into_iter()
                    .map(|f| text(f).size(14).style(theme::muted).into()),
            )
            .spacing(4),
        );
        if let Some(notice) = &self.notice {
            page = page.push(text(notice).size(14));
        }
        if held.is_empty() {
            page = page.push(text("Nothing is waiting. Logistics you write (rescheduling, running late, billing) will show up here.").style(theme::muted));
        }
        let cards = column(held.iter().filter_map(|message| {
            let entry = entries.iter().find(|e| e.id == message.entry_id)?;
            Some(self.card(message, entry))
        }))
        .spacing(theme::SPACE_M);
        page = page.push(scrollable(cards).height(Length::Fill));
        container(page)
            .padding(theme::SPACE_L)
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }

    fn card<'a>(&'a self, message: &'a HeldMessage, entry: &'a Entry) -> Element<'a, Message> {
        let id = message.entry_id.clone();
        let preview: String = entry.text.lines().take(3).collect::<Vec<_>>().join("\n");
        let headline_color = match message.status {
            SendStatus::OkNow => Bucket::Session,
            SendStatus::VacationHold | SendStatus::MoveToSession => Bucket::Crisis,
            _ => Bucket::Hours,
        };
        let mut body = column![
            container(text(message.headline()).size(15).font(theme::STRONG))
                .padding([4, 10])
                .style(theme::chip(headline_color)),
            text(preview).size(16),
            text(format!(
                "Written {}",
                when::moment(&entry.created_at, &message.as_of, time_style())
            ))
            .size(13)
            .style(theme::muted),
        ]
        .spacing(theme::SPACE_S);
        if !message.reason.is_empty() {
            body = body.push(text(&message.reason).size(13).style(theme::muted));
        }

        let small = |label: &'a str, msg: Message| {
            button(text(label).size(14))
                .padding([6, 12])
                .style(theme::quiet_button)
                .on_press(msg)
        };
        match &self.clarity {
            Some((open, want)) if *open == id => {
                body = body.push(
                    text("What do you want from this message?")
                        .size(15)
                        .font(theme::STRONG),
                );
                body = body.push(
                    column(STARTERS.iter().map(|s| {
                        button(text(*s).size(14))
                            .padding([4, 10])
                            .style(theme::row_button(want == s))
                            .on_press(Message::Want(s.to_string()))
                            .into()
                    }))
                    .spacing(2),
                );
                body = body.push(
                    text_input("Or say it in your own words", want)
                        .on_input(Message::Want)
                        .padding(8),
                );
                body = body.push(
                    text("A reply may take hours. That doesn't mean they don't care.")
                        .size(13)
                        .style(theme::muted),
                );
                body = body.push(
                    row![
                        button(text("Copy message").size(14))
                            .padding([6, 12])
                            .style(theme::primary_button)
                            .on_press(Message::CopyNow),
                        small("Cancel", Message::CancelCopy),
                    ]
                    .spacing(theme::SPACE_S),
                );
            }
            _ => {
                let mut actions = row![
                    small("Copy…", Message::AskBeforeCopy(id.clone())),
                    small("Mark as sent", Message::MarkSent(id.clone())),
                ]
                .spacing(theme::SPACE_S);
                if message.status == SendStatus::NightReread {
                    actions = actions.push(small("I re-read it", Message::MarkReread(id.clone())));
                }
                actions = actions
                    .push(small("Edit", Message::Edit(id.clone())))
                    .push(small("Move to session", Message::MoveToSession(id)));
                body = body.push(actions.wrap());
            }
        }
        container(body)
            .padding(theme::SPACE_M)
            .style(theme::card)
            .width(Length::Fill)
            .into()
    }
}
