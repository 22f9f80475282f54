//! The agenda for the next session: countdown, ordered items with "what I
//! want" chips, reorder controls, the first-vs-if-time line, export; then the
//! review after the session, and the history of past sessions.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use iced::widget::{button, column, container, row, rule, scrollable, text, text_input};
use iced::{Element, Length};

use crate::app::clock::time_style;
use crate::domain::agenda::{
    self, Agenda, AgendaItem, AgendaState, ArchivedSession, ItemKind, Outcome, Review, Schedule,
    Want, HOMEWORK_ID,
};
use crate::domain::model::{Bucket, Entry};
use crate::domain::when;
use crate::ui::theme;

#[derive(Default)]
pub enum Mode {
    #[default]
    Plan,
    Review(ReviewDraft),
    History(Vec<ArchivedSession>),
}

pub struct ReviewDraft {
    /// The agenda as it stood when the session began.
    pub agenda: Agenda,
    pub outcomes: BTreeMap<String, Outcome>,
    pub took_away: String,
    pub will_try: String,
}

#[derive(Default)]
pub struct AgendaScreen {
    pub mode: Mode,
    pub expanded: Option<String>,
    pub preview: Option<String>,
    pub export_path: String,
    pub schedule_input: String,
    /// The title being edited for the expanded item.
    pub title_draft: String,
    pub notice: Option<String>,
    /// The item whose actions menu ("…") is open.
    pub actions_for: Option<String>,
}

pub use crate::app::agenda::Format;

#[derive(Debug, Clone)]
pub enum Message {
    MoveUp(String),
    MoveDown(String),
    Pin(String),
    Want(String, Option<Want>),
    Minutes(String, i32),
    Remove(String),
    Expand(String),
    TitleDraft(String),
    SetTitle(String),
    StartReview,
    Outcome(String, Outcome),
    TookAway(String),
    WillTry(String),
    FinishReview,
    BackToPlan,
    ShowHistory,
    Preview,
    CopyMarkdown,
    ExportPath(String),
    ChooseFile,
    FileChosen(Option<std::path::PathBuf>),
    Save(Format),
    ScheduleInput(String),
    SetSchedule,
    /// The outcome of disk work the parent did, in words.
    Notice(String),
    /// Past sessions, opened by the parent.
    HistoryLoaded(Vec<ArchivedSession>),
    /// Opens or closes an item's actions menu.
    Actions(String),
    /// Write an entry for the session (from the empty agenda).
    Write,
}

/// What the parent must do.
pub enum Event {
    None,
    /// Agenda state (and maybe entries) changed: store them.
    Changed {
        entries: Vec<Entry>,
    },
    Reviewed {
        entries: Vec<Entry>,
        archived: ArchivedSession,
    },
    LoadHistory,
    Copy(String),
    /// Open a save dialog suggesting this path.
    ChooseFile(std::path::PathBuf),
    Write {
        path: String,
        bytes: Vec<u8>,
    },
    Schedule(Schedule),
    /// Open the composer (the empty agenda's next step).
    NewEntry,
}

/// What the screen works on, owned by the parent.
pub struct Context<'a> {
    pub state: &'a mut AgendaState,
    pub entries: &'a mut Vec<Entry>,
    pub agenda: &'a Agenda,
    pub schedule: &'a Schedule,
    pub now: DateTime<Tz>,
    /// Where plain-text copies are proposed: a private folder, not the
    /// often-synced Documents.
    pub plaintext_dir: &'a std::path::Path,
}

fn entry_changes(entries: &[Entry], ids: &[&str]) -> Vec<Entry> {
    entries
        .iter()
        .filter(|e| ids.contains(&e.id.as_str()))
        .cloned()
        .collect()
}

impl AgendaScreen {
    pub fn update(&mut self, message: Message, ctx: Context<'_>) -> Event {
        let tz = ctx.now.timezone();
        let changed = |entries: Vec<Entry>| Event::Changed { entries };
        match message {
            Message::MoveUp(id) => {
                ctx.state.move_up(ctx.agenda, &id);
                changed(vec![])
            }
            Message::MoveDown(id) => {
                ctx.state.move_down(ctx.agenda, &id);
                changed(vec![])
            }
            Message::Pin(id) => {
                ctx.state.toggle_pin(ctx.agenda, &id);
                changed(vec![])
            }
            Message::Want(id, want) => {
                ctx.state.set_want(&id, want);
                changed(vec![])
            }
            Message::Minutes(id, delta) => {
                let current = ctx
                    .agenda
                    .item(&id)
                    .map_or(agenda::DEFAULT_ITEM_MINUTES, |i| i.minutes)
                    as i32;
                let next = (current + delta).clamp(5, 120) as u32;
                match ctx.state.set_minutes(&id, Some(next)) {
                    Ok(()) => changed(vec![]),
                    Err(e) => {
                        self.notice = Some(e);
                        Event::None
                    }
                }
            }
            Message::Remove(id) => match ctx.state.remove(ctx.entries, &id) {
                Ok(()) => {
                    self.notice =
                        Some("Removed from this agenda. The entry stays in your journal.".into());
                    changed(entry_changes(ctx.entries, &[&id]))
                }
                Err(e) => {
                    self.notice = Some(e);
                    Event::None
                }
            },
            Message::Expand(id) => {
                self.title_draft = ctx
                    .agenda
                    .item(&id)
                    .map(|i| i.title.clone())
                    .unwrap_or_default();
                self.expanded = if self.expanded.as_deref() == Some(&id) {
                    None
                } else {
                    Some(id)
                };
                Event::None
            }
            Message::TitleDraft(value) => {
                self.title_draft = value;
                Event::None
            }
            Message::SetTitle(id) => {
                ctx.state.set_title(&id, &self.title_draft);
                changed(vec![])
            }
            Message::StartReview => {
                let Some(session) = ctx.schedule.to_review(ctx.now) else {
                    self.notice = Some("No session has happened yet.".into());
                    return Event::None;
                };
                let agenda = agenda::build_agenda(
                    ctx.entries,
                    ctx.state,
                    ctx.schedule,
                    session.start - chrono::Duration::seconds(1),
                );
                let outcomes = agenda
                    .items
                    .iter()
                    .filter(|i| i.entry_id != HOMEWORK_ID)
                    .map(|i| (i.entry_id.clone(), Outcome::Discussed))
                    .collect();
                self.mode = Mode::Review(ReviewDraft {
                    agenda,
                    outcomes,
                    took_away: String::new(),
                    will_try: String::new(),
                });
                Event::None
            }
            Message::Outcome(id, outcome) => {
                if let Mode::Review(draft) = &mut self.mode {
                    draft.outcomes.insert(id, outcome);
                }
                Event::None
            }
            Message::TookAway(value) => {
                if let Mode::Review(draft) = &mut self.mode {
                    draft.took_away = value;
                }
                Event::None
            }
            Message::WillTry(value) => {
                if let Mode::Review(draft) = &mut self.mode {
                    draft.will_try = value;
                }
                Event::None
            }
            Message::FinishReview => {
                let Mode::Review(draft) = std::mem::take(&mut self.mode) else {
                    return Event::None;
                };
                let Some(session) = draft.agenda.session.clone() else {
                    return Event::None;
                };
                let review = Review {
                    session_start: session.start.fixed_offset(),
                    outcomes: draft.outcomes,
                    took_away: draft.took_away,
                    will_try: draft.will_try,
                };
                let now: DateTime<FixedOffset> = ctx.now.fixed_offset();
                let archived =
                    agenda::apply_review(ctx.entries, ctx.state, &draft.agenda, &review, now);
                let ids: Vec<&str> = archived.outcomes.keys().map(String::as_str).collect();
                let entries = entry_changes(ctx.entries, &ids);
                self.notice = Some(
                    "Session reviewed and archived. What you'll try opens the next agenda.".into(),
                );
                Event::Reviewed { entries, archived }
            }
            Message::BackToPlan => {
                self.mode = Mode::Plan;
                Event::None
            }
            Message::ShowHistory => Event::LoadHistory,
            Message::Preview => {
                self.preview = match self.preview {
                    Some(_) => None,
                    None => Some(markdown(ctx.agenda, tz)),
                };
                Event::None
            }
            Message::CopyMarkdown => {
                self.notice = Some("Agenda copied as Markdown.".into());
                Event::Copy(markdown(ctx.agenda, tz))
            }
            Message::ExportPath(path) => {
                self.export_path = path;
                Event::None
            }
            Message::ChooseFile => Event::ChooseFile(match self.export_path.trim() {
                "" => default_export_path(ctx.plaintext_dir, Format::Pdf, ctx.now).into(),
                path => path.into(),
            }),
            Message::FileChosen(Some(path)) => {
                self.export_path = path.display().to_string();
                self.notice = Some("Now save it as Markdown, HTML or PDF.".into());
                Event::None
            }
            Message::FileChosen(None) => {
                self.notice = Some("No file chosen. You can also type a path in the field.".into());
                Event::None
            }
            Message::Save(format) => {
                let path = if self.export_path.trim().is_empty() {
                    default_export_path(ctx.plaintext_dir, format, ctx.now)
                } else {
                    self.export_path.trim().to_string()
                };
                let bytes = match crate::app::agenda::render(ctx.agenda, format, tz) {
                    Ok(bytes) => bytes,
                    Err(e) => {
                        self.notice = Some(format!("Not saved: {e}"));
                        return Event::None;
                    }
                };

                Event::Write { path, bytes }
            }
            Message::Notice(notice) => {
                self.notice = Some(notice);
                Event::None
            }
            Message::HistoryLoaded(sessions) => {
                self.mode = Mode::History(sessions);
                Event::None
            }
            Message::Write => Event::NewEntry,
            Message::Actions(id) => {
                self.actions_for = match self.actions_for.take() {
                    Some(open) if open == id => None,
                    _ => Some(id),
                };
                Event::None
            }
            Message::ScheduleInput(value) => {
                self.schedule_input = value;
                Event::None
            }
            Message::SetSchedule => {
                match agenda::parse_schedule(&self.schedule_input, ctx.schedule, ctx.now) {
                    Ok(schedule) => {
                        self.schedule_input.clear();
                        self.notice = Some("Schedule saved.".into());
                        Event::Schedule(schedule)
                    }
                    Err(e) => {
                        self.notice = Some(e);
                        Event::None
                    }
                }
            }
        }
    }

    pub fn view<'a>(
        &'a self,
        agenda: &'a Agenda,
        entries: &'a [Entry],
        schedule: &'a Schedule,
        now: DateTime<Tz>,
    ) -> Element<'a, Message> {
        let body: Element<'a, Message> = match &self.mode {
            Mode::Plan => self.plan_view(agenda, entries, schedule, now),
            Mode::Review(draft) => self.review_view(draft),
            Mode::History(sessions) => history_view(sessions),
        };
        let mut page = column![].spacing(theme::SPACE_S);
        if let Some(notice) = &self.notice {
            page = page.push(text(notice).size(14));
        }
        container(page.push(body))
            .padding(theme::SPACE_L)
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }

    fn plan_view<'a>(
        &'a self,
        agenda: &'a Agenda,
        entries: &'a [Entry],
        schedule: &'a Schedule,
        now: DateTime<Tz>,
    ) -> Element<'a, Message> {
        let small = |label: &'a str, msg: Message| {
            button(text(label).size(13))
                .padding([4, 10])
                .style(theme::quiet_button)
                .on_press(msg)
        };
        let heading = match &agenda.session {
            Some(session) => format!(
                "Next session: {}",
                agenda::countdown(session, now, time_style())
            ),
            None => "No session scheduled".to_string(),
        };
        let mut top = row![
            text(heading).size(24).font(theme::STRONG),
            iced::widget::space::horizontal(),
        ]
        .spacing(theme::SPACE_S)
        .align_y(iced::Alignment::Center);
        // A review needs a session that has happened to look back on.
        if schedule.to_review(now).is_some() {
            top = top.push(small("Review last session", Message::StartReview));
        }
        let mut page =
            column![top.push(small("Past sessions", Message::ShowHistory))].spacing(theme::SPACE_S);
        // The time budget only means something once a session is set.
        if agenda.session.is_some() {
            page = page.push(
                text(format!(
                    "{} minutes for topics ({} check-in, {} wrap-up). Name each item briefly; the session is where you tell it.",
                    agenda.available_minutes, agenda.checkin_minutes, agenda.wrapup_minutes
                ))
                .size(14)
                .style(theme::muted),
            );
        }
        let saved = agenda::describe_schedule(schedule, time_style());
        page = page.push(
            column![
                text(match &saved {
                    Some(saved) => format!("Your sessions: {saved}. To change them, write a new time:"),
                    None => "No sessions set yet. When do you see your therapist?".to_string(),
                })
                .size(14),
                row![
                    text_input("e.g. \"tue 15:00\", \"tue 15:00 every 2 weeks 50 min\", or \"2026-12-01 15:00\" for one session", &self.schedule_input)
                        .on_input(Message::ScheduleInput)
                        .on_submit(Message::SetSchedule)
                        .padding(8)
                        .size(14),
                    small(if saved.is_some() { "Change" } else { "Set" }, Message::SetSchedule),
                ]
                .spacing(theme::SPACE_S)
                .align_y(iced::Alignment::Center),
            ]
            .spacing(4),
        );

        let mut items = column![].spacing(theme::SPACE_S);
        // Crisis entries sit apart, first, without chips or time estimates:
        // they are not topics to fit in, they are what to say first.
        let (urgent, ranked): (Vec<_>, Vec<_>) = agenda
            .items
            .iter()
            .partition(|item| item.kind == ItemKind::Urgent);
        if !urgent.is_empty() {
            let cards = urgent.iter().map(|item| self.urgent_card(item, entries));
            items = items.push(
                container(
                    column![
                        text("Tell your therapist about this first")
                            .size(17)
                            .font(theme::STRONG),
                        text("You wrote these when things felt very heavy. Saying so at the start gives them the time they need.")
                            .size(13)
                            .style(theme::muted),
                    ]
                    .extend(cards)
                    .spacing(theme::SPACE_S),
                )
                .padding(theme::SPACE_M)
                .style(theme::crisis_panel)
                .width(Length::Fill),
            );
        }
        let mut line_drawn = false;
        for (index, item) in ranked.into_iter().enumerate() {
            if !item.first && !line_drawn {
                line_drawn = true;
                items = items.push(
                    row![
                        rule::horizontal(2),
                        text("if there's time").size(13).style(theme::muted),
                        rule::horizontal(2)
                    ]
                    .spacing(theme::SPACE_S)
                    .align_y(iced::Alignment::Center),
                );
            }
            items = items.push(self.item_card(index, item, entries));
        }
        if agenda.items.is_empty() {
            items = items.push(
                column![
                    text(
                        "Nothing on the agenda yet. Entries you bring to session will appear here."
                    )
                    .style(theme::muted),
                    button(text("Write something for the session"))
                        .padding([8, 14])
                        .style(theme::primary_button)
                        .on_press(Message::Write),
                ]
                .spacing(theme::SPACE_S),
            );
        }
        // Room on the right so the scrollbar never covers a card's edge.
        let items = items.padding(iced::Padding {
            right: 14.0,
            ..iced::Padding::ZERO
        });
        page = page.push(scrollable(items).height(Length::Fill));

        let export = row![
            text_input(
                "Save to… (default: a private folder that is not synced; the copy is not encrypted)",
                &self.export_path
            )
                .on_input(Message::ExportPath)
                .padding(8)
                .size(14),
            small("Choose…", Message::ChooseFile),
            small("Save Markdown", Message::Save(Format::Markdown)),
            small("Save HTML", Message::Save(Format::Html)),
            small("Save PDF", Message::Save(Format::Pdf)),
            small("Copy", Message::CopyMarkdown),
            small(
                if self.preview.is_some() {
                    "Hide preview"
                } else {
                    "Preview"
                },
                Message::Preview
            ),
        ]
        .spacing(6)
        .align_y(iced::Alignment::Center);
        page = page.push(export);
        if let Some(preview) = &self.preview {
            page = page.push(
                container(
                    scrollable(text(preview).size(14).font(iced::Font::MONOSPACE))
                        .height(Length::Fixed(200.0)),
                )
                .padding(theme::SPACE_S)
                .style(theme::card)
                .width(Length::Fill),
            );
        }
        page.into()
    }

    /// A crisis entry on the agenda: its title, the words on a click, and
    /// a way to take it off; nothing to rank or time.
    fn urgent_card<'a>(
        &'a self,
        item: &'a AgendaItem,
        entries: &'a [Entry],
    ) -> Element<'a, Message> {
        let id = item.entry_id.clone();
        let mut body = column![row![
            button(text(&item.title).size(16).font(theme::STRONG))
                .style(theme::row_button(false))
                .padding([2, 4])
                .on_press(Message::Expand(id.clone())),
            iced::widget::space::horizontal(),
            button(text("Remove").size(13))
                .padding([2, 8])
                .style(theme::quiet_button)
                .on_press(Message::Remove(id.clone())),
        ]
        .align_y(iced::Alignment::Center)];
        if self.expanded.as_deref() == Some(id.as_str()) {
            if let Some(entry) = entries.iter().find(|e| e.id == id) {
                body = body.push(container(text(&entry.text).size(15)).padding(theme::SPACE_S));
            }
        }
        container(body)
            .padding(theme::SPACE_S)
            .style(theme::card)
            .width(Length::Fill)
            .into()
    }

    fn item_card<'a>(
        &'a self,
        index: usize,
        item: &'a AgendaItem,
        entries: &'a [Entry],
    ) -> Element<'a, Message> {
        let id = item.entry_id.clone();
        let icon = |label: &'a str, msg: Message| {
            button(text(label).size(13))
                .padding([2, 8])
                .style(theme::quiet_button)
                .on_press(msg)
        };
        let mut markers: Vec<String> = item.markers().iter().map(|m| m.to_string()).collect();
        markers.insert(0, format!("{} min", item.minutes));
        let title = row![
            text(format!("{}.", index + 1)).size(16).font(theme::STRONG),
            button(text(&item.title).size(16).font(theme::STRONG))
                .style(theme::row_button(false))
                .padding([2, 4])
                .on_press(Message::Expand(id.clone())),
        ]
        .spacing(theme::SPACE_S)
        .align_y(iced::Alignment::Center);
        // Every action sits in one menu behind "…", so a card shows its title,
        // its time and what you want from it, not a row of small buttons.
        let menu_open = self.actions_for.as_deref() == Some(id.as_str());
        let title = title
            .push(iced::widget::space::horizontal())
            .push(iced::widget::tooltip(
                button(text("…").size(16))
                    .padding([2, 12])
                    .style(move |t, status| {
                        if menu_open {
                            theme::row_button(true)(t, status)
                        } else {
                            theme::quiet_button(t, status)
                        }
                    })
                    .on_press(Message::Actions(id.clone())),
                container(text("Move, change the time, remove").size(13))
                    .padding([4, 8])
                    .style(theme::card),
                iced::widget::tooltip::Position::Left,
            ));
        let mut menu = row![].spacing(6);
        if menu_open {
            if id != HOMEWORK_ID {
                menu = menu
                    .push(icon("Move up", Message::MoveUp(id.clone())))
                    .push(icon("Move down", Message::MoveDown(id.clone())))
                    .push(icon(
                        if item.pinned {
                            "Unpin"
                        } else {
                            "Pin to the top"
                        },
                        Message::Pin(id.clone()),
                    ))
                    .push(icon("5 min less", Message::Minutes(id.clone(), -5)))
                    .push(icon("5 min more", Message::Minutes(id.clone(), 5)))
                    .push(icon("Edit title", Message::Expand(id.clone())));
            }
            menu = menu.push(icon("Remove from agenda", Message::Remove(id.clone())));
        }
        let wants = row(Want::ALL.iter().map(|&want| {
            let chosen = item.want == Some(want);
            button(text(want.label()).size(12))
                .padding([2, 8])
                .style(theme::bucket_button(Bucket::Session, chosen))
                .on_press(Message::Want(
                    id.clone(),
                    if chosen { None } else { Some(want) },
                ))
                .into()
        }))
        .spacing(4)
        .wrap();
        let mut body = column![title];
        if menu_open {
            body = body.push(
                container(menu.wrap())
                    .padding(theme::SPACE_S)
                    .style(theme::card)
                    .width(Length::Fill),
            );
        }
        let mut body = body
            .extend([
                text(markers.join(" · "))
                    .size(13)
                    .style(theme::muted)
                    .into(),
                row![text("What I want:").size(13).style(theme::muted), wants]
                    .spacing(6)
                    .align_y(iced::Alignment::Center)
                    .into(),
            ])
            .spacing(6);
        if self.expanded.as_deref() == Some(id.as_str()) {
            if id != HOMEWORK_ID {
                body = body.push(
                    row![
                        text("Title").size(13).style(theme::muted),
                        text_input("A few words", &self.title_draft)
                            .on_input(Message::TitleDraft)
                            .on_submit(Message::SetTitle(id.clone()))
                            .padding(6)
                            .size(14),
                    ]
                    .spacing(theme::SPACE_S)
                    .align_y(iced::Alignment::Center),
                );
            }
            if let Some(entry) = entries.iter().find(|e| e.id == id) {
                body = body.push(container(text(&entry.text).size(15)).padding(theme::SPACE_S));
            }
        }
        container(body)
            .padding(theme::SPACE_M)
            .style(theme::card)
            .width(Length::Fill)
            .into()
    }

    fn review_view<'a>(&'a self, draft: &'a ReviewDraft) -> Element<'a, Message> {
        let title = draft
            .agenda
            .session
            .as_ref()
            .map(|s| {
                format!(
                    "Review: session of {}",
                    when::date_time(&s.start, time_style())
                )
            })
            .unwrap_or_else(|| "Review".into());
        let mut items = column![].spacing(theme::SPACE_S);
        for item in draft
            .agenda
            .items
            .iter()
            .filter(|i| i.entry_id != HOMEWORK_ID)
        {
            let chosen = draft.outcomes.get(&item.entry_id).copied();
            let choice = |label: &'a str, outcome: Outcome| {
                button(text(label).size(13))
                    .padding([4, 10])
                    .style(theme::bucket_button(
                        Bucket::Session,
                        chosen == Some(outcome),
                    ))
                    .on_press(Message::Outcome(item.entry_id.clone(), outcome))
            };
            items = items.push(
                container(
                    row![
                        text(&item.title).size(15).width(Length::Fill),
                        choice("Discussed", Outcome::Discussed),
                        choice("Carry over", Outcome::CarriedOver),
                        choice("Drop", Outcome::Dropped),
                    ]
                    .spacing(6)
                    .align_y(iced::Alignment::Center),
                )
                .padding(theme::SPACE_S)
                .style(theme::card),
            );
        }
        column![
            text(title).size(24).font(theme::STRONG),
            scrollable(items).height(Length::Fill),
            text("What I took away").size(14).font(theme::STRONG),
            text_input("A sentence or two, for yourself", &draft.took_away)
                .on_input(Message::TookAway)
                .padding(8),
            text("What I'll try before next time")
                .size(14)
                .font(theme::STRONG),
            text_input("This opens your next agenda", &draft.will_try)
                .on_input(Message::WillTry)
                .padding(8),
            row![
                button(text("Finish review"))
                    .padding([8, 16])
                    .style(theme::primary_button)
                    .on_press(Message::FinishReview),
                button(text("Cancel"))
                    .padding([8, 16])
                    .style(theme::quiet_button)
                    .on_press(Message::BackToPlan),
            ]
            .spacing(theme::SPACE_S),
        ]
        .spacing(theme::SPACE_S)
        .into()
    }
}

fn history_view(sessions: &[ArchivedSession]) -> Element<'_, Message> {
    let mut list = column![].spacing(theme::SPACE_S);
    for session in sessions {
        let count = |o: Outcome| session.outcomes.values().filter(|v| **v == o).count();
        let mut card = column![
            text(when::moment_long(&session.start, time_style()))
                .size(16)
                .font(theme::STRONG),
            text(format!(
                "{} discussed · {} carried over · {} dropped",
                count(Outcome::Discussed),
                count(Outcome::CarriedOver),
                count(Outcome::Dropped)
            ))
            .size(13)
            .style(theme::muted),
        ]
        .spacing(4);
        if !session.took_away.is_empty() {
            card = card.push(text(format!("Took away: {}", session.took_away)).size(14));
        }
        if !session.will_try.is_empty() {
            card = card.push(text(format!("Tried next: {}", session.will_try)).size(14));
        }
        list = list.push(
            container(card)
                .padding(theme::SPACE_M)
                .style(theme::card)
                .width(Length::Fill),
        );
    }
    if sessions.is_empty() {
        list = list.push(text("No reviewed sessions yet.").style(theme::muted));
    }
    column![
        row![
            text("Past sessions").size(24).font(theme::STRONG),
            iced::widget::space::horizontal(),
            button(text("Back to agenda").size(13))
                .padding([4, 10])
                .style(theme::quiet_button)
                .on_press(Message::BackToPlan),
        ]
        .align_y(iced::Alignment::Center),
        scrollable(list).height(Length::Fill),
    ]
    .spacing(theme::SPACE_S)
    .into()
}

/// `between-agenda-YYYY-MM-DD.ext` in the private plain-text folder.
fn default_export_path(dir: &std::path::Path, format: Format, now: DateTime<Tz>) -> String {
    let ext = format.extension();
    dir.join(format!("between-agenda-{}.{ext}", now.format("%Y-%m-%d")))
        .display()
        .to_string()
}

/// The agenda as Markdown, times written in the locale's style.
fn markdown(built: &Agenda, tz: Tz) -> String {
    let opts = agenda::ExportOptions {
        clock: time_style(),
        ..Default::default()
    };
    agenda::to_markdown_with(built, tz, &opts)
}
