//! The window's layout: the top bar (Crisis help always in it), reminder
//! banners, the current screen, and the crisis panel above everything.

use iced::widget::{button, column, container, opaque, row, stack, text, Column};

use iced::{Element, Length};

use super::{theme, App, Message, Screen, Session, Tab};

/// Below this width the tabs fold into the Menu button (the full bar needs
/// about 1,050 px).
const COMPACT_BELOW: f32 = 1100.0;

impl App {
    pub fn view(&self) -> Element<'_, Message> {
        // The tree keeps one shape whether or not the crisis panel or a
        // reminder shows: the content is always the first child of the same
        // row, so the editor keeps its focus and every keystroke. How much
        // each part gets depends on the room there is, so the part under the
        // top bar is laid out knowing its size (the tree keeps its shape).
        let under_bar = iced::widget::responsive(move |size| {
            column![self.banners(size), self.body(size)]
                .height(Length::Fill)
                .into()
        });
        let page = column![self.top_bar(), under_bar].height(Length::Fill);
        // Locked (or not yet set up), the window paints its whole background
        // itself, so locking and unlocking repaint every pixel: nothing of
        // the screen before (such as a scrollbar's edge) stays behind the
        // lock card. The container is there either way, so the tree keeps
        // its shape.
        let mut page = container(page).width(Length::Fill).height(Length::Fill);
        if !self.is_unlocked() {
            page = page.style(theme::page);
        }
        let mut layers = stack![page];
        if let (Some(panel), None) = (&self.crisis, &self.composer) {
            layers = layers.push(opaque(
                container(
                    iced::widget::center(panel.view().map(Message::Crisis)).padding(theme::SPACE_L),
                )
                .style(theme::backdrop)
                .width(Length::Fill)
                .height(Length::Fill),
            ));
        }
        layers.into()
    }

    /// The follow-up offer and one reminder at a time (with how many wait),
    /// so a small window keeps its room for the editor; dismissing shows the
    /// next. While writing in a short window only the follow-up shows, and
    /// says that reminders wait.
    fn banners(&self, size: iced::Size) -> Column<'_, Message> {
        let short = size.height < SHORT_BELOW;
        let narrow = size.width < 800.0;
        let hold = short && self.composer.is_some() && self.follow_up.is_some();
        let mut banners: Column<'_, Message> = Column::new();
        if self.follow_up.is_some() {
            let held = if hold { self.banner.len() } else { 0 };
            banners = banners.push(self.follow_up_banner(short || narrow, held));
        }
        if hold {
            return banners;
        }
        let waiting = self.banner.len().saturating_sub(1);
        if let Some(reminder) = self.banner.first() {
            let more = match waiting {
                0 => String::new(),
                1 => " (1 more reminder)".to_string(),
                n => format!(" ({n} more reminders)"),
            };
            banners = banners.push(
                container(
                    row![
                        text(format!("{}: {}{more}", reminder.title, reminder.body))
                            .size(14)
                            .width(Length::Fill),
                        button(text("Dismiss").size(13))
                            .padding([4, 10])
                            .style(theme::quiet_button)
                            .on_press(Message::DismissReminder(reminder.key.clone())),
                    ]
                    .spacing(theme::SPACE_S)
                    .align_y(iced::Alignment::Center),
                )
                .padding(if short { [6, 20] } else { [8, 20] })
                .style(theme::banner)
                .width(Length::Fill),
            );
        }
        banners
    }

    /// The screen, and crisis help beside the composer while writing.
    fn body(&self, size: iced::Size) -> Element<'_, Message> {
        let beside = self.composer.is_some() && self.crisis.is_some();
        let panel_width = if beside { panel_width(size.width) } else { 0.0 };
        let mut body = row![container(self.content(size.width - panel_width))
            .width(Length::Fill)
            .height(Length::Fill)]
        .height(Length::Fill);
        if let (Some(panel), true) = (&self.crisis, beside) {
            let pad = if size.width < 900.0 {
                theme::SPACE_S
            } else {
                theme::SPACE_M
            };
            body = body.push(
                container(panel.view_at(panel_width - pad).map(Message::Crisis))
                    .padding(iced::Padding::new(pad).left(0))
                    .width(panel_width)
                    .height(Length::Fill),
            );
        }
        body.into()
    }

    /// The gentle follow-up after a crisis-level entry was saved; `compact`
    /// in a small window; `held` reminders wait behind it.
    fn follow_up_banner(&self, compact: bool, held: usize) -> Element<'_, Message> {
        let (size, padding) = if compact {
            (13, [4, 10])
        } else {
            (14, [6, 12])
        };
        let mut actions = row![button(text("Crisis help").size(size))
            .padding(padding)
            .style(theme::crisis_button)
            .on_press(Message::OpenCrisis)]
        .spacing(theme::SPACE_S);
        if self.is_unlocked() {
            actions = actions.push(
                button(text("My safety plan").size(size))
                    .padding(padding)
                    .style(theme::quiet_button)
                    .on_press(Message::Show(Tab::Plan)),
            );
        }
        actions = actions.push(
            button(text("Not now").size(size))
                .padding(padding)
                .style(theme::quiet_button)
                .on_press(Message::DismissFollowUp),
        );
        let mut words = FOLLOW_UP.to_string();
        match held {
            0 => {}
            1 => words.push_str(" (1 reminder waits)"),
            n => words.push_str(&format!(" ({n} reminders wait)")),
        }
        container(
            row![
                text(words)
                    .size(if compact { 14 } else { 15 })
                    .width(Length::Fill),
                actions,
            ]
            .spacing(theme::SPACE_S)
            .align_y(iced::Alignment::Center),
        )
        .padding(if compact { [6, 20] } else { [10, 20] })
        .style(theme::banner)
        .width(Length::Fill)
        .into()
    }

    /// The top bar. Crisis help is always first after the name and never
    /// moves; in a narrow window the tabs fold into one Menu button (its list
    /// opens under the bar), so New entry and Lock stay in sight down to
    /// 640 px.
    fn top_bar(&self) -> Element<'_, Message> {
        iced::widget::responsive(move |size| self.bar_for(size.width < COMPACT_BELOW))
            .height(Length::Shrink)
            .into()
    }

    fn bar_for(&self, compact: bool) -> Element<'_, Message> {
        let crisis_button = iced::widget::tooltip(
            button(text("Crisis help").font(theme::STRONG))
                .padding([8, 16])
                .style(theme::crisis_button)
                .on_press(Message::OpenCrisis),
            container(text("Crisis help: press F1 from anywhere").size(13))
                .padding([4, 8])
                .style(theme::card),
            iced::widget::tooltip::Position::Bottom,
        );
        let mut bar = row![text("Between").size(20).font(theme::STRONG), crisis_button]
            .spacing(theme::SPACE_S)
            .align_y(iced::Alignment::Center);
        let mut menu = None;
        if let Some(session) = self.session() {
            let held_count = session.held_now.len();
            let tabs = [
                (Tab::Journal, "Journal".to_string()),
                (
                    Tab::Held,
                    if held_count > 0 {
                        format!("Held messages ({held_count})")
                    } else {
                        "Held messages".into()
                    },
                ),
                (Tab::Agenda, "Agenda".to_string()),
                (Tab::Plan, "Safety plan".to_string()),
                (Tab::Settings, "Settings".to_string()),
            ];
            if compact {
                bar = bar.push(iced::widget::space().width(Length::Fill));
                bar = bar.push(
                    button(text(if self.menu_open { "Close menu" } else { "Menu" }).size(15))
                        .padding([6, 12])
                        .style(theme::row_button(self.menu_open))
                        .on_press(Message::ToggleMenu),
                );
                if self.menu_open {
                    let list = tabs.into_iter().fold(column![], |list, (tab, label)| {
                        list.push(
                            button(text(label).size(15))
                                .padding([8, 14])
                                .width(Length::Fill)
                                .style(theme::row_button(session.tab == tab))
                                .on_press(Message::MenuPick(tab)),
                        )
                    });
                    menu = Some(
                        container(list.spacing(2).width(240))
                            .padding([4, 20])
                            .width(Length::Fill)
                            .align_x(iced::alignment::Horizontal::Right),
                    );
                }
            } else {
                bar = bar.push(iced::widget::space().width(theme::SPACE_M));
                for (tab, label) in tabs {
                    bar = bar.push(
                        button(text(label).size(15))
                            .padding([6, 12])
                            .style(theme::row_button(session.tab == tab))
                            .on_press(Message::Show(tab)),
                    );
                }
                bar = bar.push(iced::widget::space().width(Length::Fill));
            }
            bar = bar.push(
                button(text("New entry"))
                    .padding([8, 14])
                    .style(theme::primary_button)
                    .on_press(Message::NewEntry),
            );
            bar = bar.push(
                button(text("Lock"))
                    .padding([8, 14])
                    .style(theme::quiet_button)
                    .on_press(Message::LockNow),
            );
        }
        let bar = column![bar.padding([10, 20])].push(menu);
        container(bar).style(theme::bar).width(Length::Fill).into()
    }

    /// `width` is the room the screen has (the window less crisis help
    /// beside the composer).
    fn content(&self, width: f32) -> Element<'_, Message> {
        match (&self.screen, &self.composer) {
            (Screen::Setup(setup), _) => {
                iced::widget::center(setup.view().map(Message::Setup)).into()
            }
            (Screen::Locked(_), Some(composer)) => {
                container(composer.view().map(Message::Composer))
                    .padding(if width < 700.0 {
                        theme::SPACE_S
                    } else {
                        theme::SPACE_L
                    })
                    .max_width(900)
                    .into()
            }
            (Screen::Locked(lock), None) => {
                iced::widget::center(lock.view().map(Message::Lock)).into()
            }
            (Screen::Unlocked(session), composer) => {
                self.unlocked(session, composer.as_ref(), width)
            }
            (Screen::Broken(reason), _) => iced::widget::center(
                container(
                    column![
                        text("Between cannot open your journal")
                            .size(22)
                            .font(theme::STRONG),
                        text(reason),
                        text("Nothing was changed. Crisis help still works from the button above.")
                            .style(theme::muted),
                    ]
                    .spacing(theme::SPACE_S)
                    .padding(theme::SPACE_L)
                    .max_width(560),
                )
                .style(theme::card),
            )
            .into(),
        }
    }

    fn unlocked<'a>(
        &'a self,
        session: &'a Session,
        composer: Option<&'a super::Composer>,
        width: f32,
    ) -> Element<'a, Message> {
        match (session.tab, composer) {
            (Tab::Held, None) => session
                .held
                .view(
                    &session.held_now,
                    &session.journal.entries,
                    &self.config.agreement,
                )
                .map(Message::Held),
            (Tab::Agenda, None) => match &session.agenda_now {
                Some(agenda) => session
                    .agenda_screen
                    .view(
                        agenda,
                        &session.journal.entries,
                        &self.config.schedule,
                        self.now,
                    )
                    .map(Message::Agenda),
                None => iced::widget::space().into(),
            },
            (Tab::Plan, None) => container(session.plan_editor.view().map(Message::Plan))
                .padding(theme::SPACE_L)
                .into(),
            (Tab::Settings, None) => container(
                column![
                    session.settings.header(&self.config).map(Message::Settings),
                    iced::widget::scrollable(
                        column![
                            session.data.view(&self.now).map(Message::Data),
                            session.settings.form(&self.config).map(Message::Settings),
                        ]
                        .spacing(theme::SPACE_L)
                        .padding([0, 12])
                    )
                    .height(Length::Fill),
                ]
                .spacing(theme::SPACE_S),
            )
            .padding(theme::SPACE_L)
            .width(Length::Fill)
            .height(Length::Fill)
            .into(),
            (_, composer) => {
                let right = match composer {
                    Some(composer) => composer.view().map(Message::Composer),
                    None => session.journal.detail_view().map(Message::Journal),
                };
                // With crisis help open beside the composer the list keeps a
                // readable width, or folds away when the window has no room
                // for it. It stays in the tree either way (at no width,
                // clipped): removing it, or replacing what it shows, moves
                // the composer in the tree and takes the editor's focus, and
                // the keys being typed, with it.
                let (list_width, outer_width, spacing) =
                    match list_width(width, composer.is_some(), self.crisis.is_some()) {
                        ListWidth::Portion => (
                            Length::FillPortion(2),
                            Length::FillPortion(2),
                            theme::SPACE_M,
                        ),
                        ListWidth::Fixed(w) => (Length::Fixed(w), Length::Shrink, theme::SPACE_M),
                        ListWidth::Folded => (Length::Fixed(0.0), Length::Shrink, 0.0),
                    };
                let padding = if width < 700.0 {
                    theme::SPACE_S
                } else {
                    theme::SPACE_M
                };
                // Two containers: a row drops a child sized 0 (iced's "void"
                // widgets), which would move the composer in the tree; the
                // outer one is never void (its own width is set, as a plain
                // container would make two fifths into a whole share).
                row![
                    container(
                        container(session.journal.list_view().map(Message::Journal))
                            .width(list_width)
                            .clip(true)
                    )
                    .width(outer_width),
                    container(right).width(Length::FillPortion(3)),
                ]
                .spacing(spacing)
                .padding(padding)
                .into()
            }
        }
    }
}

/// The follow-up offer after a crisis-level entry was saved.
pub const FOLLOW_UP: &str =
    "Your entry is saved. Would you like to look at your safety plan, or call someone now?";

/// Below this height (under the top bar) banners get smaller, and while
/// writing reminders wait behind the follow-up offer.
const SHORT_BELOW: f32 = 500.0;

/// How wide crisis help is beside the composer in a window this wide.
pub fn panel_width(window: f32) -> f32 {
    (window * 0.42).clamp(280.0, 440.0)
}

/// How the journal's list is laid out beside the composer or the entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ListWidth {
    /// Two fifths of the screen (the usual layout).
    Portion,
    /// This many pixels (beside the composer and crisis help).
    Fixed(f32),
    /// No room: folded away (still in the tree, at no width).
    Folded,
}

/// The list's width in a screen `width` wide: the list never gets so narrow
/// that its rows read one word per line.
pub fn list_width(width: f32, composing: bool, crisis_beside: bool) -> ListWidth {
    if composing && crisis_beside {
        if width >= 900.0 {
            ListWidth::Fixed(LIST_MIN)
        } else {
            ListWidth::Folded
        }
    } else if width * 2.0 / 5.0 < LIST_MIN {
        ListWidth::Fixed(LIST_MIN)
    } else {
        ListWidth::Portion
    }
}

/// The least width at which the list's rows read well.
pub const LIST_MIN: f32 = 260.0;
