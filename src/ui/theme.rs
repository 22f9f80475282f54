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
        background: Some(Background::Color(crisis_tint(theme))),
        border: Border {
            radius: RADIUS.into(),
            width: 2.0,
            color: palette.danger.base.color,
        },
        text_color: Some(palette.background.base.text),
        ..container::Style::default()
    }
}

/// The window's own background, painted as one full-window shape. The
/// software renderer repaints only what changed between frames, and a
/// scrollbar's anti-aliased edge could survive a screen change (a stray line
/// behind the lock card after Ctrl+L under Xvfb); a full-window shape that
/// comes or goes with the screen makes that change repaint everything.
pub fn page(theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(theme.palette().background)),
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
                text_on(accent)
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

/// A small coloured label. Opaque, so it reads the same on a selected row
/// as on a card, and its text is darkened (or lightened) to 4.5:1.
pub fn chip(bucket: Bucket) -> impl Fn(&Theme) -> container::Style {
    move |theme| {
        let accent = bucket_color(theme, bucket);
        let background = over(Color { a: 0.14, ..accent }, surface(theme));
        container::Style {
            background: Some(Background::Color(background)),
            border: border::rounded(6),
            text_color: Some(readable(accent, background)),
            ..container::Style::default()
        }
    }
}

/// The colour cards and quiet buttons are drawn on.
pub fn surface(theme: &Theme) -> Color {
    let palette = theme.extended_palette();
    if palette.is_dark {
        palette.background.weak.color
    } else {
        Color::WHITE
    }
}

/// WCAG relative luminance.
fn luminance(c: Color) -> f32 {
    let channel = |v: f32| {
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// WCAG contrast ratio of two opaque colours (1 to 21).
pub fn contrast(a: Color, b: Color) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `fg` (which may be translucent) painted over the opaque `bg`.
pub fn over(fg: Color, bg: Color) -> Color {
    let mix = |f: f32, b: f32| f * fg.a + b * (1.0 - fg.a);
    Color::from_rgb(mix(fg.r, bg.r), mix(fg.g, bg.g), mix(fg.b, bg.b))
}

/// The least change of `fg` toward black (on light backgrounds) or white (on
/// dark ones) that reads on `bg` at the WCAG AA ratio for text, 4.5:1.
pub fn readable(fg: Color, bg: Color) -> Color {
    readable_on(fg, &[bg])
}

/// Like [`readable`], for text that appears on each of `backgrounds` (all
/// light or all dark).
fn readable_on(fg: Color, backgrounds: &[Color]) -> Color {
    let first = backgrounds[0];
    let fg = over(fg, first);
    let toward = if luminance(first) > 0.18 {
        Color::BLACK
    } else {
        Color::WHITE
    };
    (0..=20)
        .map(|step| {
            over(
                Color {
                    a: step as f32 / 20.0,
                    ..toward
                },
                fg,
            )
        })
        .find(|c| backgrounds.iter().all(|bg| contrast(*c, *bg) >= 4.5))
        .unwrap_or(toward)
}

/// Every surface ordinary text is drawn on.
fn surfaces(theme: &Theme) -> [Color; 4] {
    let palette = theme.extended_palette();
    [
        palette.background.base.color,
        surface(theme),
        palette.background.weak.color,
        crisis_tint(theme),
    ]
}

/// Black or white text, whichever reads better on `bg`.
fn text_on(bg: Color) -> Color {
    if contrast(Color::WHITE, bg) >= contrast(color!(0x1b1e22), bg) {
        Color::WHITE
    } else {
        color!(0x1b1e22)
    }
}

/// Secondary text: the body colour, softened as far as every surface allows.
pub fn muted(theme: &Theme) -> text::Style {
    let palette = theme.extended_palette();
    let soft = Color {
        a: 0.7,
        ..palette.background.base.text
    };
    text::Style {
        color: Some(readable_on(soft, &surfaces(theme))),
    }
}

/// Secondary text on a list row (its date, its marks): muted, or on the
/// selected row that row's own text colour, softened as far as it allows.
pub fn row_muted(selected: bool) -> impl Fn(&Theme) -> text::Style {
    move |theme| {
        if !selected {
            return muted(theme);
        }
        let row = theme.extended_palette().primary.weak;
        let soft = Color {
            a: 0.75,
            ..row.text
        };
        text::Style {
            color: Some(readable(soft, row.color)),
        }
    }
}

/// Errors and warnings: the danger colour, deepened just enough to read on
/// every surface.
pub fn error_text(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(readable_on(theme.palette().danger, &surfaces(theme))),
    }
}

fn crisis_tint(theme: &Theme) -> Color {
    if theme.extended_palette().is_dark {
        color!(0x3a2624)
    } else {
        color!(0xfff4f1)
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

/// A warning box (plain text about to leave the vault): the warning colour,
/// not the calm teal of ordinary notices.
pub fn warning_box(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    let tint = over(
        Color {
            a: 0.16,
            ..theme.palette().warning
        },
        surface(theme),
    );
    container::Style {
        background: Some(Background::Color(tint)),
        border: Border {
            radius: RADIUS.into(),
            width: 2.0,
            color: theme.palette().warning,
        },
        text_color: Some(readable(palette.background.base.text, tint)),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn opaque(background: Option<Background>) -> Color {
        match background {
            Some(Background::Color(c)) => c,
            other => panic!("expected a colour, got {other:?}"),
        }
    }

    /// Every text colour the window uses, against every background it is
    /// drawn on, in both themes.
    #[test]
    fn every_text_colour_reads_at_4_5_to_1() {
        let mut failures = Vec::new();
        for choice in [ThemeChoice::Light, ThemeChoice::Dark] {
            let t = theme(choice);
            let p = t.extended_palette();
            let page = p.background.base.color;
            let body = p.background.base.text;
            let muted_text = muted(&t).color.unwrap();
            let error = error_text(&t).color.unwrap();
            let surfaces = [
                ("page", page),
                ("card", surface(&t)),
                ("bar", p.background.weak.color),
                ("crisis panel", crisis_tint(&t)),
            ];
            let mut pairs: Vec<(String, Color, Color)> = Vec::new();
            for (name, bg) in surfaces {
                pairs.push((format!("body on {name}"), body, bg));
                pairs.push((format!("muted on {name}"), over(muted_text, bg), bg));
                pairs.push((format!("error on {name}"), error, bg));
            }
            for bucket in Bucket::ALL {
                let c = chip(bucket)(&t);
                pairs.push((
                    format!("{bucket:?} chip"),
                    c.text_color.unwrap(),
                    opaque(c.background),
                ));
                let b = bucket_button(bucket, true)(&t, button::Status::Active);
                pairs.push((
                    format!("{bucket:?} chosen"),
                    b.text_color,
                    opaque(b.background),
                ));
            }
            for (name, style) in [
                ("crisis button", crisis_button(&t, button::Status::Active)),
                ("primary button", primary_button(&t, button::Status::Active)),
                ("quiet button", quiet_button(&t, button::Status::Active)),
                ("selected row", row_button(true)(&t, button::Status::Active)),
            ] {
                pairs.push((name.into(), style.text_color, opaque(style.background)));
            }
            for (name, style) in [("banner", banner(&t)), ("warning box", warning_box(&t))] {
                pairs.push((
                    name.into(),
                    style.text_color.unwrap(),
                    opaque(style.background),
                ));
            }
            // A selected list row's date and marks.
            pairs.push((
                "row date on the selected row".into(),
                row_muted(true)(&t).color.unwrap(),
                p.primary.weak.color,
            ));
            for (name, fg, bg) in pairs {
                let ratio = contrast(fg, bg);
                if ratio < 4.5 {
                    failures.push(format!("{choice:?} {name}: {ratio:.2}:1"));
                }
            }
        }
        assert!(failures.is_empty(), "below 4.5:1:\n{}", failures.join("\n"));
    }

    #[test]
    fn contrast_matches_the_wcag_examples() {
        assert!((contrast(Color::BLACK, Color::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(color!(0x777777), Color::WHITE) - 4.48).abs() < 0.02);
    }
}
