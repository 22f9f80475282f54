//! The unlocked journal: entries newest first, a bucket filter with counts,
//! and the selected entry with its reasons and a one-click bucket change.

use std::sync::Arc;

use std::collections::HashSet;

use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Element, Length};
use zeroize::Zeroize;

use crate::app::Keys;
use crate::domain::model::{Bucket, Entry};
use crate::domain::search::SearchIndex;
use crate::ui::theme;

pub const SEARCH_ID: &str = "journal-search";

/// Rows rendered at a time; "Show more" pages further (never 10,000 widgets).
pub const PAGE: usize = 100;

pub struct Journal {
    pub keys: Arc<Keys>,
    /// Newest first; drafts included (shown with a "Draft" label).
    pub entries: Vec<Entry>,
    pub selected: Option<String>,
    pub filter: Option<Bucket>,
    pub shown: usize,
    /// Rows that could not be opened, in words.
    pub problems: Vec<String>,
    pub search: String,
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
    /// The empty state's "Write an entry".
    Write,
}

pub enum Event {
    None,
    /// Open the composer.
    Write,
    /// Reopen a draft in the composer.
    OpenDraft(Entry),
    /// The entry changed; the parent seals and stores it.
    Changed(Entry),
}

impl Journal {
    pub fn new(keys: Arc<Keys>, entries: Vec<Entry>, problems: Vec<String>) -> Self {
        let index = SearchIndex::new(&entries);
        Journal {
            keys,
            entries,
            selected: None,
            filter: None,
            shown: PAGE,
            problems,
            search: String::new(),
            index,
            hits: None,
        }
    }

    pub fn update(&mut self, message: Message) -> Event {
        match message {
            Message::Select(id) => {
                if let Some(entry) = self.entries.iter().find(|e| e.id == id) {
                    if entry.draft {
                        return Event::OpenDraft(entry.clone());
                    }
                }
                self.selected = Some(id);
                Event::None
            }
            Message::Filter(filter) => {
                self.filter = filter;
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
            Message::Write => return Event::Write,
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
            .filter(move |e| self.hits.as_ref().is_none_or(|hits| hits.contains(&e.id)))
    }

    /// Overwrites decrypted text before the journal is dropped on lock.
    pub fn wipe(&mut self) {
        // The text, and what is derived from it: triage reasons and the
        // search index's normalised copy.
        for entry in &mut self.entries {
            entry.text.zeroize();
            entry.reasons.iter_mut().for_each(Zeroize::zeroize);
        }
        self.entries.clear();
        self.index.wipe();
        self.search.zeroize();
        self.hits = None;
    }

    pub fn list_view(&self) -> Element<'_, Message> {
        let filters = row(std::iter::once((None, "All".to_string()))
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
        .spacing(6)
        .wrap();

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
        if !self.problems.is_empty() {
            pane = pane.push(
                text(format!(
                    "{} entries could not be opened; the rest are here.",
                    self.problems.len()
                ))
                .size(13)
                .style(theme::error_text),
            );
        }
        pane.push(scrollable(list).height(Length::Fill)).into()
    }

    pub fn detail_view(&self) -> Element<'_, Message> {
        let Some(entry) = self
            .selected
            .as_ref()
            .and_then(|id| self.entries.iter().find(|e| &e.id == id))
        else {
            let (heading, hint) = if self.entries.is_empty() {
                (
                    "Your journal is empty",
                    "Write whatever is on your mind. It is sealed the moment you save, and Between suggests whether it belongs in your next session.",
                )
            } else {
                (
                    "Pick an entry to read it",
                    "Choose one on the left, or start a new one (Ctrl+N).",
                )
            };
            return container(
                column![
                    text(heading).size(20).font(theme::STRONG),
                    text(hint).style(theme::muted),
                    button(text("Write an entry"))
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
        let mut body = column![
            text(crate::domain::when::moment_long(
                &entry.created_at,
                crate::app::clock::time_style()
            ))
            .size(14)
            .style(theme::muted),
            scrollable(text(&entry.text).size(17)).height(Length::Fill),
            buttons,
        ]
        .spacing(theme::SPACE_M);
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

fn short_label(bucket: Bucket) -> &'static str {
    match bucket {
        Bucket::Session => "Session",
        Bucket::Hours => "Hours",
        Bucket::Crisis => "Crisis",
    }
}

fn entry_row(entry: &Entry, selected: bool) -> Element<'_, Message> {
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
    button(
        row![
            column![
                text(crate::domain::when::date_time(
                    &entry.created_at,
                    crate::app::clock::time_style()
                ))
                .size(12)
                .style(theme::muted),
                text(title).size(15),
            ]
            .spacing(2)
            .width(Length::Fill),
            container(text(label).size(12))
                .padding([2, 8])
                .style(theme::chip(entry.bucket)),
        ]
        .align_y(iced::Alignment::Center)
        .spacing(theme::SPACE_S),
    )
    .width(Length::Fill)
    .padding([8, 10])
    .style(theme::row_button(selected))
    .on_press(Message::Select(entry.id.clone()))
    .into()
}
