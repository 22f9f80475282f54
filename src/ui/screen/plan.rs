//! The safety plan editor, step by step (Stanley–Brown). One item per line;
//! people as "Name: phone".

use iced::widget::{button, checkbox, column, container, row, scrollable, text, text_editor};
use iced::{Element, Length};

use crate::domain::safety_plan::{Contact, SafetyPlan, STEPS};
use crate::ui::theme;

pub struct PlanEditor {
    steps: Vec<text_editor::Content>,
    pub readable_when_locked: bool,
    pub dirty: bool,
    pub notice: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Edit(usize, text_editor::Action),
    ReadableWhenLocked(bool),
    Save,
}

pub enum Event {
    None,
    Save(SafetyPlan),
}

fn lines(items: &[String]) -> String {
    items.join("\n")
}

fn contacts(items: &[Contact]) -> String {
    items
        .iter()
        .map(|c| {
            if c.phone.is_empty() {
                c.name.clone()
            } else {
                format!("{}: {}", c.name, c.phone)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn parse_contacts(text: &str) -> Vec<Contact> {
    parse_lines(text)
        .into_iter()
        .map(|line| match line.split_once(':') {
            Some((name, phone)) => Contact::new(name.trim(), phone.trim()),
            None => Contact::new(line, ""),
        })
        .collect()
}

impl PlanEditor {
    pub fn new(plan: &SafetyPlan) -> Self {
        let texts = [
            lines(&plan.warning_signs),
            lines(&plan.coping),
            lines(&plan.distractions),
            contacts(&plan.helpers),
            contacts(&plan.professionals),
            lines(&plan.safe_environment),
            lines(&plan.reasons_for_living),
        ];
        PlanEditor {
            steps: texts
                .iter()
                .map(|t| text_editor::Content::with_text(t))
                .collect(),
            readable_when_locked: plan.readable_when_locked,
            dirty: false,
            notice: None,
        }
    }

    pub fn plan(&self) -> SafetyPlan {
        let t = |i: usize| self.steps[i].text();
        SafetyPlan {
            warning_signs: parse_lines(&t(0)),
            coping: parse_lines(&t(1)),
            distractions: parse_lines(&t(2)),
            helpers: parse_contacts(&t(3)),
            professionals: parse_contacts(&t(4)),
            safe_environment: parse_lines(&t(5)),
            reasons_for_living: parse_lines(&t(6)),
            readable_when_locked: self.readable_when_locked,
        }
    }

    pub fn update(&mut self, message: Message) -> Event {
        match message {
            Message::Edit(step, action) => {
                self.dirty |= action.is_edit();
                if let Some(content) = self.steps.get_mut(step) {
                    content.perform(action);
                }
                Event::None
            }
            Message::ReadableWhenLocked(on) => {
                self.readable_when_locked = on;
                self.dirty = true;
                Event::None
            }
            Message::Save => {
                self.dirty = false;
                self.notice = Some("Saved.".into());
                Event::Save(self.plan())
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![
            row![
                text("My safety plan").size(24).font(theme::STRONG),
                iced::widget::space::horizontal(),
                button(text("Save plan")).padding([8, 16]).style(theme::primary_button).on_press(Message::Save),
            ]
            .align_y(iced::Alignment::Center),
            text("Write it on a calmer day, ideally with your therapist. When things get hard, the crisis panel shows your next steps from it.")
                .size(14)
                .style(theme::muted),
        ]
        .spacing(theme::SPACE_S);
        if let Some(notice) = &self.notice {
            page = page.push(text(notice).size(14));
        }
        let mut steps = column![].spacing(theme::SPACE_M);
        for (index, step) in STEPS.iter().enumerate() {
            let hint = if index == 3 || index == 4 {
                "One per line, as Name: phone"
            } else {
                "One per line"
            };
            steps = steps.push(
                container(
                    column![
                        text(format!("Step {}. {}", step.number, step.title))
                            .size(16)
                            .font(theme::STRONG),
                        text(step.prompt).size(13).style(theme::muted),
                        text_editor(&self.steps[index])
                            .placeholder(hint)
                            .on_action(move |a| Message::Edit(index, a))
                            .height(Length::Fixed(84.0))
                            .padding(8),
                    ]
                    .spacing(6),
                )
                .padding(theme::SPACE_M)
                .style(theme::card),
            );
        }
        steps = steps.push(
            column![
                checkbox(self.readable_when_locked)
                    .label("Also show my plan on the lock screen, without the passphrase")
                    .on_toggle(Message::ReadableWhenLocked),
                text(if self.readable_when_locked {
                    "On: a copy of this plan is stored unencrypted on this computer, so anyone who can open your files can read it. Your journal stays encrypted."
                } else {
                    "Off: the plan is encrypted like your entries and shows in the crisis panel only while the journal is unlocked."
                })
                .size(13)
                .style(theme::muted),
            ]
            .spacing(6),
        );
        page.push(scrollable(container(steps).padding([0, 12])).height(Length::Fill))
            .into()
    }
}
