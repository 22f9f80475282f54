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
    /// Ask the desktop to call, text or open this link.
    Open(String),
    /// What happened when the desktop was asked to open this link.
    Opened(String, Result<String, String>),
    /// Show this link as a code a phone can scan.
    ShowCode(String),
    Close,
}

/// What the panel shows: the level from triage (None when opened by hand),
/// the region, and the safety plan's next steps when they are readable.
pub struct Panel {
    pub level: CrisisLevel,
    pub region: String,
    pub plan_steps: Vec<String>,
    pub copied: Option<String>,
    /// The outcome of the last call, text or chat, in words.
    pub status: Option<Result<String, String>>,
    /// A link shown as a QR code for a phone to scan.
    pub code: Option<String>,
}

impl Panel {
    pub fn new(level: CrisisLevel, region: &str, plan_steps: Vec<String>) -> Self {
        Panel {
            level,
            region: region.to_string(),
            plan_steps,
            copied: None,
            status: None,
            code: None,
        }
    }

    /// Handles the panel's own messages; `Open`, `Copy` and `Close` are the
    /// parent's to carry out.
    pub fn update(&mut self, message: &Message) {
        match message {
            Message::Copy(contact) => self.copied = Some(contact.clone()),
            Message::Opened(uri, result) => {
                if result.is_err() {
                    // Where the desktop cannot call, a phone can: show the code.
                    self.code = Some(uri.clone());
                }
                self.status = Some(result.clone());
            }
            Message::ShowCode(uri) => self.code = Some(uri.clone()),
            Message::Open(_) | Message::Close => {}
        }
    }

    fn region(&self) -> &'static Region {
        let directory = Directory::builtin();
        directory
            .region(&self.region)
            .or_else(|| directory.region("US"))
            .expect("the bundled resources include the US")
    }

    /// The panel as a dialog over the window.
    pub fn view(&self) -> Element<'_, Message> {
        self.view_at(640.0)
    }

    /// The panel `width` wide: beside the composer in a small window it is
    /// narrow, and everything in it gets smaller so the emergency number and
    /// its Call button are in sight without scrolling down to 640x480.
    pub fn view_at(&self, width: f32) -> Element<'_, Message> {
        let compact = width < 400.0;
        let region = self.region();
        let heading = match self.level {
            CrisisLevel::Imminent => "Please reach a person now",
            CrisisLevel::Elevated => "You deserve support right now",
            CrisisLevel::None => "Crisis help",
        };
        // Beside the editor in a small window the panel is narrow: Close
        // goes above the heading there, so the heading keeps whole lines.
        let top = iced::widget::responsive(move |size| {
            let close = button(text("Close  (Esc)").size(if compact { 14 } else { 16 }))
                .style(theme::quiet_button)
                .padding(if compact { [4, 10] } else { [6, 12] })
                .on_press(Message::Close);
            let title = text(heading)
                .size(if compact { 21 } else { 26 })
                .font(theme::STRONG)
                .width(Length::Fill);
            if size.width < 380.0 {
                column![row![iced::widget::space::horizontal(), close], title]
                    .spacing(theme::SPACE_S)
                    .into()
            } else {
                row![title, close].align_y(iced::Alignment::Center).into()
            }
        })
        .height(Length::Shrink);
        let advice =
            text(resources::advice(self.level, region)).size(if compact { 16 } else { 18 });
        let mut body = column![top].spacing(if compact {
            theme::SPACE_S + 4.0
        } else {
            theme::SPACE_M
        });
        // At the imminent level the emergency number comes first and
        // largest, right under the heading; the words follow.
        if self.level == CrisisLevel::Imminent {
            body = body.push(emergency_block(&region.emergency, compact));
        }
        // What the last action did comes next, where it is seen at once.
        match &self.status {
            Some(Ok(done)) => body = body.push(text(done).size(14)),
            Some(Err(why)) => body = body.push(text(why).size(14).style(theme::error_text)),
            None => {}
        }
        if let Some(uri) = &self.code {
            body = body.push(
                column![
                    text(format!("Scan with your phone: {}", uri_words(uri))).size(14),
                    qr_code(uri),
                ]
                .spacing(6),
            );
        }
        body = body.push(advice);

        // At the imminent level the emergency number is already first and
        // largest above; the other lines follow.
        let shown = region.lines.iter().filter(|l| {
            self.level != CrisisLevel::Imminent || l.kind != resources::Kind::Emergency
        });
        let lines = column(shown.map(|line| {
            let mut actions =
                row![small_button("Copy", Message::Copy(line.contact.clone()))].spacing(6);
            if let Some(uri) = line.tel_uri() {
                actions = actions.push(small_button("Call", Message::Open(uri)));
            }
            if let Some(uri) = line.sms_uri() {
                actions = actions.push(small_button("Text", Message::Open(uri)));
            }
            if line.kind == resources::Kind::Chat && line.contact.starts_with("https://") {
                actions = actions.push(small_button(
                    "Open chat",
                    Message::Open(line.contact.clone()),
                ));
            }
            if let Some(uri) = line.tel_uri().or_else(|| line.sms_uri()) {
                actions = actions.push(small_button("Phone code", Message::ShowCode(uri)));
            }
            // Stacked, so the panel reads the same beside the composer in a
            // small window as it does full size.
            column![
                text(line.display()).size(18).font(theme::STRONG),
                text(format!(
                    "{} · {} · {}",
                    line.name, line.hours, line.for_what
                ))
                .size(13)
                .style(theme::muted),
                actions.wrap(),
            ]
            .spacing(4)
            .width(Length::Fill)
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
        container(scrollable(body.padding(if compact {
            theme::SPACE_M
        } else {
            theme::SPACE_L
        })))
        .style(theme::crisis_panel)
        .max_width(640)
        .into()
    }
}

fn small_button(label: &str, message: Message) -> button::Button<'_, Message> {
    button(text(label).size(14))
        .style(theme::quiet_button)
        .padding([4, 10])
        .on_press(message)
}

/// The emergency number first and largest, with one way to act on it.
fn emergency_block(number: &str, compact: bool) -> Element<'_, Message> {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    container(
        row![
            column![
                text("Emergency").size(14).font(theme::STRONG),
                text(number)
                    .size(if compact { 36 } else { 44 })
                    .font(theme::STRONG),
            ]
            .width(Length::Fill),
            column![
                button(text(format!("Call {number}")).size(16).font(theme::STRONG))
                    .style(theme::crisis_button)
                    .padding(if compact { [8, 14] } else { [10, 18] })
                    .on_press(Message::Open(format!("tel:{digits}"))),
                small_button("Copy", Message::Copy(number.to_string())),
            ]
            .spacing(6)
            .align_x(iced::Alignment::End),
        ]
        .align_y(iced::Alignment::Center),
    )
    .padding(if compact {
        theme::SPACE_S + 4.0
    } else {
        theme::SPACE_M
    })
    .style(theme::card)
    .width(Length::Fill)
    .into()
}

/// "call 988" / "text 741741" for the words above a code.
fn uri_words(uri: &str) -> String {
    let (verb, rest) = match uri.split_once(':') {
        Some(("tel", rest)) => ("call", rest),
        Some(("sms", rest)) => ("text", rest),
        _ => ("open", uri),
    };
    let number = rest.split('?').next().unwrap_or(rest);
    format!("{verb} {number}")
}

/// A QR code drawn with plain boxes (dark on light, with the quiet zone
/// phones need), so no image support is required.
fn qr_code(data: &str) -> Element<'_, Message> {
    const MODULE: f32 = 4.0;
    const QUIET: usize = 4;
    let Ok(code) = qrcode::QrCode::new(data.as_bytes()) else {
        return text("This link cannot be shown as a code.").into();
    };
    let width = code.width();
    let colors = code.to_colors();
    let dark = |x: usize, y: usize| {
        x >= QUIET
            && y >= QUIET
            && x - QUIET < width
            && y - QUIET < width
            && colors[(y - QUIET) * width + (x - QUIET)] == qrcode::Color::Dark
    };
    let side = width + 2 * QUIET;
    let paint =
        |color: iced::Color| move |_: &iced::Theme| container::Style::default().background(color);
    // One light square, and the dark runs of each row pinned on it. Each run
    // reaches half a pixel into its neighbours, so no light seams show
    // between rows where the code does not start on a whole pixel.
    let mut layers = iced::widget::stack![container(iced::widget::space())
        .width(side as f32 * MODULE)
        .height(side as f32 * MODULE)
        .style(paint(iced::Color::WHITE))];
    for y in 0..side {
        let mut x = 0;
        while x < side {
            if !dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < side && dark(x, y) {
                x += 1;
            }
            layers = layers.push(
                iced::widget::pin(
                    container(iced::widget::space())
                        .width((x - start) as f32 * MODULE + 0.5)
                        .height(MODULE + 0.5)
                        .style(paint(iced::Color::BLACK)),
                )
                .x(start as f32 * MODULE)
                .y(y as f32 * MODULE),
            );
        }
    }
    layers.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_call_shows_the_code_and_says_why() {
        let mut panel = Panel::new(CrisisLevel::Imminent, "US", vec![]);
        panel.update(&Message::Opened(
            "tel:988".into(),
            Err("No app on this computer can make phone calls.".into()),
        ));
        assert_eq!(panel.code.as_deref(), Some("tel:988"));
        assert!(matches!(panel.status, Some(Err(_))));
        assert_eq!(uri_words("sms:741741?body=HOME"), "text 741741");
    }
}
