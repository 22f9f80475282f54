//! The unlocked journal: entries newest first, filters (bucket, starred,
//! tag, search), and the selected entry with its reasons, a one-click bucket
//! change, a star, Edit, and Delete (asked first, undoable until you leave
//! the screen).

use std::sync::Arc;

use std::collections::HashSet;

use chrono::{DateTime, Duration, FixedOffset};
use iced::widget::{
    button, column, container, pick_list, row, scrollable, text, text_input, tooltip,
};
use iced::{Element, Length};
use zeroize::Zeroize;

use crate::app::Keys;
use crate::domain::model::{Bucket, Entry};
use crate::domain::search::SearchIndex;
use crate::domain::tags;
use crate::ui::theme;

pub const SEARCH_ID: &str = "journal-search";

/// Rows rendered at a time; "Show more" pages further (never 10,000 widgets).
pub const PAGE: usize = 100;

/// The question before a delete.
pub const DELETE_QUESTION: &str =
    "Delete this entry? It can't be recovered after you leave this screen.";
/// The banner after a delete, with its Undo button.
pub const DELETED_NOTICE: &str = "Entry deleted.";
/// The mark on entries written while locked.
pub const ADDED_WHILE_LOCKED: &str = "Added while locked";
/// The mark when they could not be accepted into the signed history.
pub const NOT_VERIFIED: &str = "Could not be verified";

pub struct Journal {
    pub keys: Arc<Keys>,
    /// Newest first; drafts included (shown with a "Draft" label).
    pub entries: Vec<Entry>,
    pub selected: Option<String>,
    pub filter: Option<Bucket>,
    /// Only starred entries.
    pub starred_only: bool,
    /// Only entries carrying this tag (`@word`, lowercased).
    pub tag: Option<String>,
    /// Only entries written in this period ...
    pub period: Period,
    /// ... that is, since this moment (fixed when the period was chosen).
    since: Option<DateTime<FixedOffset>>,
    pub shown: usize,
    /// Rows that could not be opened, and what the signed history found, in words.
    pub problems: Vec<String>,
    pub search: String,
    /// The entry waiting for "Delete" or "Keep".
    pub confirm_delete: Option<String>,
    /// The last deleted entry, in memory only, for Undo; wiped on lock and
    /// forgotten when the user leaves the screen.
    deleted: Option<Entry>,
    /// A failed delete, undo or star, in words.
    pub notice: Option<String>,
    /// Entries written while locked, found at this unlock.
    pub added_while_locked: HashSet<String>,
    /// Whether those were accepted into the signed history at this unlock.
    pub accepted: bool,
    index: SearchIndex,
    /// Ids matching `search`, when a search is active.
    hits: Option<HashSet<String>>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Select(String),
    Filter(Option<Bucket>),
    SetBucket(String, Bucket),
    ShowMore,
    Search(String),
    /// The empty state's "Start writing" (or "Write an entry").
    Write,
    ToggleStar(String),
    StarredOnly(bool),
    FilterTag(Option<String>),
    Period(Period),
    Edit(String),
    AskDelete(String),
    KeepEntry,
    ConfirmDelete(String),
    /// The disk worker deleted this entry, or why not.
    Deleted(String, Result<(), String>),
    Undo,
    DismissUndo,
    /// The deleted entry was stored again, or why not.
    Restored(Result<Entry, String>),
}

/// Finding by date: the entries written in a recent period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Period {
    #[default]
    AnyTime,
    Today,
    Week,
    Month,
}

impl Period {
    pub const ALL: [Period; 4] = [Period::AnyTime, Period::Today, Period::Week, Period::Month];

    /// When the period starts, seen from `now` (midnight, local time).
    pub fn since(self, now: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
        let days = match self {
            Period::AnyTime => return None,
            Period::Today => 0,
            Period::Week => 6,
            Period::Month => 29,
        };
        let midnight = now.date_naive().and_hms_opt(0, 0, 0)?;
        let start = midnight.and_local_timezone(*now.offset()).single()?;
        Some(start - Duration::days(days))
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Period::AnyTime => "Any time",
            Period::Today => "Today",
            Period::Week => "Past 7 days",
            Period::Month => "Past 30 days",
        })
    }
}

pub enum Event {
    None,
    /// Open the composer.
    Write,
    /// Reopen a draft in the composer.
    OpenDraft(Entry),
    /// The entry changed; the parent seals and stores it.
    Changed(Entry),
    /// Open this finished entry in the composer to change its text.
    Edit(Entry),
    /// Delete this entry for good (the user confirmed).
    Delete(String),
    /// Store this deleted entry again, unchanged (Undo).
    Restore(Entry),
}

impl Journal {
    pub fn new(keys: Arc<Keys>, entries: Vec<Entry>, problems: Vec<String>) -> Self {
        let index = SearchIndex::new(&entries);
        Journal {
            keys,
            entries,
            selected: None,
            filter: None,
            starred_only: false,
            tag: None,
            period: Period::AnyTime,
            since: None,
            shown: PAGE,
            problems,
            search: String::new(),
            confirm_delete: None,
            deleted: None,
            notice: None,
            added_while_locked: HashSet::new(),
            accepted: true,
            index,
            hits: None,
        }
    }

    /// Marks the entries found written while locked at this unlock, and
    /// whether they were accepted into the signed history.
    pub fn with_added_while_locked(mut self, ids: HashSet<String>, accepted: bool) -> Self {
        self.added_while_locked = ids;
        self.accepted = accepted;
        self
    }

    pub fn update(
        &mut self,
        message: Message,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> Event {
        match message {
            Message::Select(id) => {
                if let Some(entry) = self.entries.iter().find(|e| e.id == id) {
                    if entry.draft {
                        return Event::OpenDraft(entry.clone());
                    }
                }
                if self.selected.as_ref() != Some(&id) {
                    self.confirm_delete = None;
                    self.notice = None;
                }
                self.selected = Some(id);
                Event::None
            }
            Message::Filter(filter) => {
                self.filter = filter;
                self.shown = PAGE;
                Event::None
            }
            Message::StarredOnly(on) => {
                self.starred_only = on;
                self.shown = PAGE;
                Event::None
            }
            Message::Period(period) => {
                self.period = period;
                self.since = period.since(now);
                self.shown = PAGE;
                Event::None
            }
            Message::FilterTag(tag) => {
                self.tag = tag.map(|t| tags::normalize(&t));
                self.shown = PAGE;
                Event::None
            }
            Message::SetBucket(id, bucket) => match self.entries.iter_mut().find(|e| e.id == id) {
                Some(entry) if entry.bucket != bucket => {
                    entry.bucket = bucket;
                    Event::Changed(entry.clone())
                }
                _ => Event::None,
            },
            Message::ToggleStar(id) => match self.entries.iter_mut().find(|e| e.id == id) {
                Some(entry) => {
                    entry.starred = !entry.starred;
                    entry.updated_at = now;
                    Event::Changed(entry.clone())
                }
                None => Event::None,
            },
            Message::Edit(id) => match self.entries.iter().find(|e| e.id == id && !e.draft) {
                Some(entry) => {
                    self.confirm_delete = None;
                    Event::Edit(entry.clone())
                }
                None => Event::None,
            },
            Message::AskDelete(id) => {
                self.confirm_delete = Some(id);
                Event::None
            }
            Message::KeepEntry => {
                self.confirm_delete = None;
                Event::None
            }
            Message::ConfirmDelete(id) => {
                if self.confirm_delete.as_deref() != Some(id.as_str()) {
                    return Event::None; // only after the question was asked
                }
                // The question goes at once, so a second click cannot delete twice.
                self.confirm_delete = None;
                self.notice = None;
                Event::Delete(id)
            }
            Message::Deleted(id, Ok(())) => {
                self.confirm_delete = None;
                if let Some(at) = self.entries.iter().position(|e| e.id == id) {
                    self.index.remove(&id);
                    let entry = self.entries.remove(at);
                    self.forget_deleted();
                    self.deleted = Some(entry);
                }
                if self.selected.as_deref() == Some(id.as_str()) {
                    self.selected = None;
                }
                Event::None
            }
            Message::Deleted(_, Err(e)) => {
                self.confirm_delete = None;
                self.notice = Some(format!("Not deleted: {e}"));
                Event::None
            }
            Message::Undo => match &self.deleted {
                Some(entry) => Event::Restore(entry.clone()),
                None => Event::None,
            },
            Message::DismissUndo => {
                self.forget_deleted();
                Event::None
            }
            Message::Restored(Ok(entry)) => {
                self.forget_deleted();
                self.selected = Some(entry.id.clone());
                self.upsert(entry);
                Event::None
            }
            Message::Restored(Err(e)) => {
                self.notice = Some(format!(
                    "Could not bring the entry back: {e}. Try Undo again."
                ));
                Event::None
            }
            Message::Write => Event::Write,
            Message::Search(query) => {
                self.hits = if query.trim().is_empty() {
                    None
                } else {
                    Some(self.index.matches(&query).into_iter().collect())
                };
                self.search = query;
                self.shown = PAGE;
                Event::None
            }
            Message::ShowMore => {
                self.shown += PAGE;
                Event::None
            }
        }
    }

    /// The deleted entry Undo would bring back, if any.
    pub fn deleted(&self) -> Option<&Entry> {
        self.deleted.as_ref()
    }

    /// Drops the Undo copy for good, overwriting its text (on leaving the
    /// screen, on dismissing the banner, on lock).
    pub fn forget_deleted(&mut self) {
        if let Some(mut entry) = self.deleted.take() {
            wipe_entry(&mut entry);
        }
    }

    /// Adds or replaces an entry, keeping newest-first order.
    pub fn upsert(&mut self, entry: Entry) {
        self.entries.retain(|e| e.id != entry.id);
        self.index.update(&entry);
        if let Some(hits) = &mut self.hits {
            hits.remove(&entry.id);
            if self.index.matches(&self.search).contains(&entry.id) {
                hits.insert(entry.id.clone());
            }
        }
        let at = self
            .entries
            .partition_point(|e| e.created_at > entry.created_at);
        self.entries.insert(at, entry);
    }

    pub fn remove(&mut self, id: &str) {
        self.index.remove(id);
        self.entries.retain(|e| e.id != id);
    }

    pub fn count(&self, bucket: Option<Bucket>) -> usize {
        self.entries
            .iter()
            .filter(|e| !e.draft && bucket.is_none_or(|b| e.bucket == b))
            .count()
    }

    fn visible(&self) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(move |e| self.filter.is_none_or(|b| e.bucket == b && !e.draft))
            .filter(move |e| !self.starred_only || (e.starred && !e.draft))
            .filter(move |e| self.tag.as_ref().is_none_or(|t| tags::has_tag(&e.text, t)))
            .filter(move |e| self.since.is_none_or(|since| e.created_at >= since))
            .filter(move |e| self.hits.as_ref().is_none_or(|hits| hits.contains(&e.id)))
    }

    /// Overwrites decrypted text before the journal is dropped on lock.
    pub fn wipe(&mut self) {
        // The text, and what is derived from it: triage reasons and the
        // search index's normalised copy.
        self.entries.iter_mut().for_each(wipe_entry);
        self.entries.clear();
        self.forget_deleted();
        self.index.wipe();
        self.search.zeroize();
        self.hits = None;
    }

    pub fn list_view(&self) -> Element<'_, Message> {
        let mut filters = row(std::iter::once((None, "All".to_string()))
            .chain(
                Bucket::ALL
                    .iter()
                    .map(|&b| (Some(b), short_label(b).to_string())),
            )
            .map(|(bucket, label)| {
                let chosen = self.filter == bucket;
                let style = match bucket {
                    Some(b) => theme::bucket_button(b, chosen),
                    None => theme::bucket_button(Bucket::Session, chosen),
                };
                button(text(format!("{label} {}", self.count(bucket))).size(13))
                    .padding([4, 10])
                    .style(style)
                    .on_press(Message::Filter(bucket))
                    .into()
            }))
        .spacing(6);
        let starred = self
            .entries
            .iter()
            .filter(|e| e.starred && !e.draft)
            .count();
        let star_filter = button(text(format!("★ Starred {starred}")).size(13))
            .padding([4, 10])
            .on_press(Message::StarredOnly(!self.starred_only));
        filters = filters.push(if self.starred_only {
            star_filter.style(theme::row_button(true))
        } else {
            star_filter.style(theme::quiet_button)
        });
        filters = filters.push(
            pick_list(Period::ALL, Some(self.period), Message::Period)
                .text_size(13)
                .padding([4, 10]),
        );
        let filters = filters.wrap();

        let mut list = column![].spacing(2);
        let mut total = 0;
        for entry in self.visible() {
            total += 1;
            if total > self.shown {
                continue;
            }
            list = list.push(entry_row(
                entry,
                self.selected.as_deref() == Some(entry.id.as_str()),
                self.locked_mark(entry),
            ));
        }
        if total > self.shown {
            list = list.push(
                button(text(format!("Show more ({} older)", total - self.shown)).size(14))
                    .style(theme::quiet_button)
                    .on_press(Message::ShowMore),
            );
        }
        if total == 0 {
            list = list.push(
                text(if self.hits.is_some() {
                    "No entries match your search."
                } else if self.tag.is_some() || self.starred_only || self.since.is_some() {
                    "No entries match these filters."
                } else if self.filter.is_some() {
                    "Nothing in this bucket."
                } else {
                    "No entries yet. Press Ctrl+N to write one."
                })
                .style(theme::muted),
            );
        }
        let search = text_input("Search your journal", &self.search)
            .id(SEARCH_ID)
            .on_input(Message::Search)
            .padding(8)
            .size(15);
        let mut pane = column![search, filters].spacing(theme::SPACE_S);
        if let Some(tag) = &self.tag {
            pane = pane.push(
                button(text(format!("tag: {tag}  ×")).size(13))
                    .padding([4, 10])
                    .style(theme::row_button(true))
                    .on_press(Message::FilterTag(None)),
            );
        }
        if self.deleted.is_some() {
            pane = pane.push(
                container(
                    row![
                        text(DELETED_NOTICE).size(14).width(Length::Fill),
                        button(text("Undo").size(13))
                            .padding([4, 10])
                            .style(theme::primary_button)
                            .on_press(Message::Undo),
                        button(text("Dismiss").size(13))
                            .padding([4, 10])
                            .style(theme::quiet_button)
                            .on_press(Message::DismissUndo),
                    ]
                    .spacing(theme::SPACE_S)
                    .align_y(iced::Alignment::Center),
                )
                .padding([6, 10])
                .style(theme::banner)
                .width(Length::Fill),
            );
        }
        if let Some(notice) = &self.notice {
            pane = pane.push(text(notice).size(13).style(theme::error_text));
        }
        if !self.problems.is_empty() {
            let mut problems = column![text(format!(
                "{} problems were found opening your journal; everything that opened is here:",
                self.problems.len()
            ))
            .size(13)
            .style(theme::error_text)]
            .spacing(2);
            for problem in self.problems.iter().take(3) {
                problems = problems.push(
                    text(format!("• {problem}"))
                        .size(12)
                        .style(theme::error_text),
                );
            }
            pane = pane.push(problems);
        }
        // Room on the right for the scrollbar, so titles never run under it.
        pane.push(scrollable(list.padding(iced::Padding::ZERO.right(12))).height(Length::Fill))
            .into()
    }

    /// "Added while locked" (neutral), or a warning when those entries could
    /// not be accepted into the signed history; `None` for other entries.
    fn locked_mark(&self, entry: &Entry) -> Option<Mark> {
        self.added_while_locked
            .contains(&entry.id)
            .then_some(if self.accepted {
                Mark::AddedWhileLocked
            } else {
                Mark::NotVerified
            })
    }

    pub fn detail_view(&self) -> Element<'_, Message> {
        let Some(entry) = self
            .selected
            .as_ref()
            .and_then(|id| self.entries.iter().find(|e| &e.id == id))
        else {
            let (heading, hint, action) = if self.entries.is_empty() {
                (
                    "Your journal is empty",
                    "Write whatever is on your mind. It is sealed the moment you save, and Between suggests whether it belongs in your next session.",
                    "Start writing  (Ctrl+N)",
                )
            } else {
                (
                    "Pick an entry to read it",
                    "Choose one on the left, or start a new one (Ctrl+N).",
                    "Write an entry",
                )
            };
            return container(
                column![
                    text(heading).size(20).font(theme::STRONG),
                    text(hint).style(theme::muted),
                    button(text(action))
                        .padding([8, 14])
                        .style(theme::primary_button)
                        .on_press(Message::Write),
                ]
                .spacing(theme::SPACE_S),
            )
            .padding(theme::SPACE_L)
            .style(theme::card)
            .width(Length::Fill)
            .height(Length::Fill)
            .into();
        };
        let buttons = row(Bucket::ALL.iter().map(|&bucket| {
            button(text(bucket.label()).size(14))
                .padding([6, 12])
                .style(theme::bucket_button(bucket, entry.bucket == bucket))
                .on_press(Message::SetBucket(entry.id.clone(), bucket))
                .into()
        }))
        .spacing(theme::SPACE_S)
        .wrap();
        let (star_label, star_tip) = if entry.starred {
            ("★ Starred", "Starred: click to unstar")
        } else {
            (
                "☆ Star",
                "Star this entry to find it again with the Starred filter",
            )
        };
        let small = |label: &'static str, message: Message| {
            button(text(label).size(14))
                .padding([6, 12])
                .style(theme::quiet_button)
                .on_press(message)
        };
        let asking = self.confirm_delete.as_deref() == Some(entry.id.as_str());
        let mut actions = row![
            tooltip(
                small(star_label, Message::ToggleStar(entry.id.clone())),
                container(text(star_tip).size(13))
                    .padding([4, 8])
                    .style(theme::card),
                tooltip::Position::Bottom,
            ),
            small("Edit", Message::Edit(entry.id.clone())),
        ]
        .spacing(theme::SPACE_S);
        // While the question shows, its own Delete and Keep are the choices.
        if !asking {
            actions = actions.push(small("Delete", Message::AskDelete(entry.id.clone())));
        }
        let header = row![
            text(crate::domain::when::moment_long(
                &entry.created_at,
                crate::app::clock::time_style()
            ))
            .size(14)
            .style(theme::muted)
            .width(Length::Fill),
            actions,
        ]
        .spacing(theme::SPACE_S)
        .align_y(iced::Alignment::Center);
        let mut body = column![header].spacing(theme::SPACE_M);
        if asking {
            body = body.push(
                container(
                    column![
                        text(DELETE_QUESTION).size(15).font(theme::STRONG),
                        row![
                            button(text("Delete").size(14))
                                .padding([6, 14])
                                .style(theme::crisis_button)
                                .on_press(Message::ConfirmDelete(entry.id.clone())),
                            button(text("Keep").size(14))
                                .padding([6, 14])
                                .style(theme::quiet_button)
                                .on_press(Message::KeepEntry),
                        ]
                        .spacing(theme::SPACE_S),
                    ]
                    .spacing(theme::SPACE_S),
                )
                .padding(theme::SPACE_M)
                .width(Length::Fill)
                .style(theme::warning_box),
            );
        }
        if let Some(mark) = self.locked_mark(entry) {
            body = body.push(mark.explained());
        }
        let chips = tag_chips(entry, 13);
        body = body.push(chips);
        body = body.push(scrollable(text(&entry.text).size(17)).height(Length::Fill));
        body = body.push(buttons);
        if entry.bucket != entry.suggested {
            body = body.push(
                text(format!(
                    "Suggested: {}. You moved it.",
                    entry.suggested.label()
                ))
                .size(13)
                .style(theme::muted),
            );
        }
        for reason in entry.reasons.iter().take(3) {
            body = body.push(text(format!("Why: {reason}")).size(13).style(theme::muted));
        }
        container(body)
            .padding(theme::SPACE_L)
            .style(theme::card)
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }
}

/// How an entry written while locked is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Accepted into the signed history at this unlock.
    AddedWhileLocked,
    /// Not accepted: the history had findings (or the disk refused).
    NotVerified,
}

impl Mark {
    fn label(self) -> &'static str {
        match self {
            Mark::AddedWhileLocked => ADDED_WHILE_LOCKED,
            Mark::NotVerified => NOT_VERIFIED,
        }
    }

    /// The mark on a list row; on the selected row in that row's colours
    /// (the words say what it is).
    fn small<'a>(self, selected: bool) -> Element<'a, Message> {
        let label = text(self.label()).size(11);
        match self {
            Mark::NotVerified if !selected => label.style(theme::error_text).into(),
            _ => label.style(theme::row_muted(selected)).into(),
        }
    }

    /// The mark with what it means, for the detail panel.
    fn explained<'a>(self) -> Element<'a, Message> {
        match self {
            Mark::AddedWhileLocked => text(format!(
                "{ADDED_WHILE_LOCKED}: written without your passphrase (on the lock screen, with `between add` or an import) and accepted into your journal's signed history at this unlock. If you don't remember writing it, someone with access to this computer may have added it."
            ))
            .size(13)
            .style(theme::muted)
            .into(),
            Mark::NotVerified => container(
                text(format!(
                    "{NOT_VERIFIED}: it was written while the journal was locked and could not be accepted into its signed history (see the problems above the list of entries). It may have been added outside Between."
                ))
                .size(13),
            )
            .padding([6, 10])
            .width(Length::Fill)
            .style(theme::warning_box)
            .into(),
        }
    }
}

/// The entry's tags as small buttons that filter the list to that tag.
fn tag_chips(entry: &Entry, size: u32) -> Option<Element<'static, Message>> {
    let found = tags::tags(&entry.text);
    if found.is_empty() {
        return None;
    }
    Some(
        row(found.into_iter().map(|tag| {
            button(text(tag.clone()).size(size))
                .padding([1, 8])
                .style(theme::quiet_button)
                .on_press(Message::FilterTag(Some(tag)))
                .into()
        }))
        .spacing(4)
        .wrap()
        .into(),
    )
}

/// Overwrites an entry's text and what is derived from it.
fn wipe_entry(entry: &mut Entry) {
    entry.text.zeroize();
    entry.reasons.iter_mut().for_each(Zeroize::zeroize);
}

fn short_label(bucket: Bucket) -> &'static str {
    match bucket {
        Bucket::Session => "Session",
        Bucket::Hours => "Hours",
        Bucket::Crisis => "Crisis",
    }
}

fn entry_row(entry: &Entry, selected: bool, mark: Option<Mark>) -> Element<'_, Message> {
    let label = if entry.draft {
        "Draft"
    } else {
        short_label(entry.bucket)
    };
    let title = {
        let line = entry.first_line();
        if line.chars().count() > 60 {
            format!("{}…", line.chars().take(60).collect::<String>())
        } else {
            line.to_string()
        }
    };
    let mut when = row![text(crate::domain::when::date_time(
        &entry.created_at,
        crate::app::clock::time_style()
    ))
    .size(12)
    .style(theme::row_muted(selected))]
    .spacing(6)
    .align_y(iced::Alignment::Center);
    // The bucket's chip goes on the date's line (the marks after it wrap
    // under it when the line is full), so the title has the row's whole
    // width: a narrow list would otherwise read a word per line.
    when = when.push(
        container(text(label).size(12))
            .padding([1, 8])
            .style(theme::chip(entry.bucket)),
    );
    if entry.starred {
        when = when.push(text("★").size(12));
    }
    if let Some(mark) = mark {
        when = when.push(mark.small(selected));
    }
    let mut lines = column![when.wrap(), text(title).size(15)]
        .spacing(2)
        .width(Length::Fill);
    lines = lines.push(tag_chips(entry, 11));
    button(lines)
        .width(Length::Fill)
        .padding([8, 10])
        .style(theme::row_button(selected))
        .on_press(Message::Select(entry.id.clone()))
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_start_at_local_midnight() {
        let now = DateTime::parse_from_rfc3339("2026-11-24T15:30:00-05:00").unwrap();
        let at = |s| Some(DateTime::parse_from_rfc3339(s).unwrap());
        assert_eq!(Period::AnyTime.since(now), None);
        assert_eq!(Period::Today.since(now), at("2026-11-24T00:00:00-05:00"));
        assert_eq!(Period::Week.since(now), at("2026-11-18T00:00:00-05:00"));
        assert_eq!(Period::Month.since(now), at("2026-10-26T00:00:00-05:00"));
    }
}
