//! A calm, readable look: soft paper in light mode, deep slate in dark mode,
//! a teal accent, and a warm red kept for crisis help only.

use iced::widget::{button, container, text};
use iced::{border, color, Background, Border, Color, Font, Theme};

use crate::app::ThemeChoice;
use crate::domain::model::Bucket;

pub const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/Inter-Regular.otf");
pub const FONT_SEMIBOLD: &[u8] = include_bytes!("../../assets/fonts/Inter-SemiBold.otf");
pub const BODY: Font = Font::with_name("Inter");
pub const STRONG: Font = Font {
    weight: iced::font::Weight::Semibold,
    ..Font::with_name("Inter")
};

pub const SPACE_S: f32 = 8.0;
pub const SPACE_M: f32 = 16.0;
pub const SPACE_L: f32 = 24.0;
pub const RADIUS: f32 = 10.0;

pub fn theme(choice: ThemeChoice) -> Theme {
    match choice {
        ThemeChoice::Light => Theme::custom(
            "Between light",
            iced::theme::Palette {
                background: color!(0xf7f5f0),
                text: color!(0x2b2f36),
                primary: color!(0x2f7d78),
                success: color!(0x3f7f4f),
                warning: color!(0xb7791f),
                danger: color!(0xb4443c),
            },
        ),
        ThemeChoice::Dark => Theme::custom(
            "Between dark",
            iced::theme::Palette {
                background: color!(0x1e2329),
                text: color!(0xe6e4df),
                primary: color!(0x5fb3ac),
                success: color!(0x7fbf8f),
                warning: color!(0xe0a84f),
                danger: color!(0xe0716a),
            },
        ),
    }
}

/// A raised card on the page background.
pub fn card(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(if palette.is_dark {
            palette.background.weak.color
        } else {
            Color::WHITE
        })),
        border: Border {
            radius: RADIUS.into(),
            width: 1.0,
            color: palette.background.strong.color,
        },
        text_color: Some(palette.background.base.text),
        ..container::Style::default()
    }
}

/// The top bar.
pub fn bar(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(palette.background.weak.color)),
        border: Border {
            width: 0.0,
            ..Border::default()
        },
        ..container::Style::default()
    }
}

/// The crisis panel: calm but unmistakable.
pub fn crisis_panel(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(if palette.is_dark {
            color!(0x3a2624)
        } else {
            color!(0xfff4f1)
        })),
        border: Border {
            radius: RADIUS.into(),
            width: 2.0,
            color: palette.danger.base.color,
        },
        text_color: Some(palette.background.base.text),
        ..container::Style::default()
    }
}

/// The dimmed backdrop behind a modal panel.
pub fn backdrop(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color {
            a: 0.55,
            ..Color::BLACK
        })),
        ..container::Style::default()
    }
}

/// The always-visible "Crisis help" button.
pub fn crisis_button(theme: &Theme, status: button::Status) -> button::Style {
    let mut style = button::danger(theme, status);
    style.border = border::rounded(RADIUS);
    style
}

pub fn primary_button(theme: &Theme, status: button::Status) -> button::Style {
    let mut style = button::primary(theme, status);
    style.border = border::rounded(RADIUS);
    style
}

/// A light outlined button for everyday actions.
pub fn quiet_button(theme: &Theme, status: button::Status) -> button::Style {
    let palette = theme.extended_palette();
    let base = if palette.is_dark {
        palette.background.weak.color
    } else {
        Color::WHITE
    };
    let background = match status {
        button::Status::Hovered | button::Status::Pressed => palette.background.weak.color,
        _ => base,
    };
    button::Style {
        background: Some(Background::Color(background)),
        text_color: match status {
            button::Status::Disabled => Color {
                a: 0.5,
                ..palette.background.base.text
            },
            _ => palette.background.base.text,
        },
        border: Border {
            radius: RADIUS.into(),
            width: 1.0,
            color: palette.background.strong.color,
        },
        ..button::Style::default()
    }
}

/// A list row: flat until hovered, highlighted when selected.
pub fn row_button(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let palette = theme.extended_palette();
        let background = match (selected, status) {
            (true, _) => Some(Background::Color(palette.primary.weak.color)),
            (false, button::Status::Hovered) => {
                Some(Background::Color(palette.background.weak.color))
            }
            _ => None,
        };
        button::Style {
            background,
            text_color: if selected {
                palette.primary.weak.text
            } else {
                palette.background.base.text
            },
            border: border::rounded(RADIUS),
            ..button::Style::default()
        }
    }
}

/// A bucket choice: filled when chosen, outlined otherwise.
pub fn bucket_button(
    bucket: Bucket,
    chosen: bool,
) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let accent = bucket_color(theme, bucket);
        let palette = theme.extended_palette();
        let hovered = matches!(status, button::Status::Hovered);
        button::Style {
            background: if chosen {
                Some(Background::Color(accent))
            } else if hovered {
                Some(Background::Color(Color { a: 0.12, ..accent }))
            } else {
                None
            },
            text_color: if chosen {
                Color::WHITE
            } else {
                palette.background.base.text
            },
            border: Border {
                radius: RADIUS.into(),
                width: 1.5,
                color: accent,
            },
            ..button::Style::default()
        }
    }
}

pub fn bucket_color(theme: &Theme, bucket: Bucket) -> Color {
    let palette = theme.palette();
    match bucket {
        Bucket::Session => palette.primary,
        Bucket::Hours => palette.warning,
        Bucket::Crisis => palette.danger,
    }
}

/// A small coloured label.
pub fn chip(bucket: Bucket) -> impl Fn(&Theme) -> container::Style {
    move |theme| {
        let accent = bucket_color(theme, bucket);
        container::Style {
            background: Some(Background::Color(Color { a: 0.14, ..accent })),
            border: border::rounded(6),
            text_color: Some(accent),
            ..container::Style::default()
        }
    }
}

/// Secondary text.
pub fn muted(theme: &Theme) -> text::Style {
    let palette = theme.extended_palette();
    text::Style {
        color: Some(Color {
            a: 0.7,
            ..palette.background.base.text
        }),
    }
}

pub fn error_text(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(theme.palette().danger),
    }
}

/// A reminder banner under the top bar.
pub fn banner(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(palette.primary.weak.color)),
        text_color: Some(palette.primary.weak.text),
        ..container::Style::default()
    }
}

/// The end of a passphrase card: the error (if any) and the main button,
/// which waits (with `busy` as its label) while the key is being derived.
pub fn submit_row<'a, M: Clone + 'a>(
    mut form: iced::widget::Column<'a, M>,
    error: Option<&'a str>,
    working: bool,
    (label, busy): (&'a str, &'a str),
    submit: M,
) -> iced::widget::Column<'a, M> {
    if let Some(error) = error {
        form = form.push(iced::widget::text(error).style(error_text));
    }
    form.push(
        iced::widget::button(iced::widget::text(if working { busy } else { label }))
            .padding([10, 20])
            .style(primary_button)
            .on_press_maybe((!working).then_some(submit)),
    )
}

/// A centred card of at most `max_width` around a form.
pub fn form_card<'a, M: 'a>(
    form: iced::widget::Column<'a, M>,
    max_width: f32,
) -> iced::Element<'a, M> {
    iced::widget::container(form.padding(SPACE_L + 8.0).max_width(max_width))
        .style(card)
        .width(iced::Length::Shrink)
        .into()
}
