//! The crisis panel. It opens from every screen, locked or not, and needs no
//! passphrase. It points to people: 988, 911, the therapist by phone.

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Length};

use crate::domain::model::CrisisLevel;
use crate::domain::resources::{self, Directory, Region};
use crate::ui::theme;

#[derive(Debug, Clone)]
pub enum Message {
    Copy(String),
    Open(String),
    Close,
}

/// What the panel shows: the level from triage (None when opened by hand),
/// the region, and the safety plan's next steps when they are readable.
pub struct Panel {
    pub level: CrisisLevel,
    pub region: String,
    pub plan_steps: Vec<String>,
    pub copied: Option<String>,
}

impl Panel {
    pub fn new(level: CrisisLevel, region: &str, plan_steps: Vec<String>) -> Self {
        Panel {
            level,
            region: region.to_string(),
            plan_steps,
            copied: None,
        }
    }

    fn region(&self) -> &'static Region {
        let directory = Directory::builtin();
        directory
            .region(&self.region)
            .or_else(|| directory.region("US"))
            .expect("the bundled resources include the US")
    }

    pub fn view(&self) -> Element<'_, Message> {
        let region = self.region();
        let heading = match self.level {
            CrisisLevel::Imminent => "Please reach a person now",
            CrisisLevel::Elevated => "You deserve support right now",
            CrisisLevel::None => "Crisis help",
        };
        let mut body = column![
            row![
                text(heading).size(26).font(theme::STRONG),
                iced::widget::space::horizontal(),
                button(text("Close  (Esc)"))
                    .style(theme::quiet_button)
                    .padding([6, 12])
                    .on_press(Message::Close),
            ]
            .align_y(iced::Alignment::Center),
            text(resources::advice(self.level, region)).size(18),
        ]
        .spacing(theme::SPACE_M);

        let lines = column(region.lines.iter().map(|line| {
            let mut actions = row![button(text("Copy").size(14))
                .style(theme::quiet_button)
                .padding([4, 10])
                .on_press(Message::Copy(line.contact.clone()))]
            .spacing(6);
            if let Some(uri) = line.tel_uri() {
                actions = actions.push(
                    button(text("Call").size(14))
                        .style(theme::quiet_button)
                        .padding([4, 10])
                        .on_press(Message::Open(uri)),
                );
            }
            if let Some(uri) = line.sms_uri() {
                actions = actions.push(
                    button(text("Text").size(14))
                        .style(theme::quiet_button)
                        .padding([4, 10])
                        .on_press(Message::Open(uri)),
                );
            }
            row![
                column![
                    text(line.display()).size(18).font(theme::STRONG),
                    text(format!(
                        "{} · {} · {}",
                        line.name, line.hours, line.for_what
                    ))
                    .size(13)
                    .style(theme::muted),
                ]
                .spacing(2)
                .width(Length::Fill),
                actions,
            ]
            .spacing(theme::SPACE_S)
            .align_y(iced::Alignment::Center)
            .into()
        }))
        .spacing(theme::SPACE_S + 4.0);
        body = body.push(lines);

        if !self.plan_steps.is_empty() {
            body = body.push(text("Your own next steps").size(16).font(theme::STRONG));
            body = body.push(
                column(
                    self.plan_steps
                        .iter()
                        .map(|step| text(format!("• {step}")).into()),
                )
                .spacing(4),
            );
        }
        if let Some(copied) = &self.copied {
            body = body.push(
                text(format!("Copied {copied}"))
                    .size(13)
                    .style(theme::muted),
            );
        }
        body = body.push(
            text("Between cannot tell when you are in danger and never contacts anyone for you. If you might act on thoughts of harming yourself, call your local emergency number now.")
                .size(13)
                .style(theme::muted),
        );
        container(scrollable(body.padding(theme::SPACE_L)))
            .style(theme::crisis_panel)
            .max_width(640)
            .into()
    }
}
