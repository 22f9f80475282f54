//! The composer: a multi-line editor with the live triage suggestion, its
//! reasons, and one-click bucket buttons. Used locked and unlocked, for a
//! new entry and for editing a finished one.

use chrono::{DateTime, FixedOffset};
use iced::widget::{button, column, container, row, text, text_editor};
use iced::{Element, Length};
use zeroize::Zeroize;

use crate::domain::model::{Bucket, CheckInAnswer, CrisisLevel, Entry, TextingScope};
use crate::domain::triage::{Engine, Triage};
use crate::ui::theme;

pub const EDITOR_ID: &str = "composer-editor";

pub struct Composer {
    content: text_editor::Content,
    /// Id and creation time of the draft being written.
    id: String,
    created_at: DateTime<FixedOffset>,
    scope: TextingScope,
    pub suggestion: Triage,
    /// The user's one-click override of the suggestion.
    pub chosen: Option<Bucket>,
    /// Changed since the last autosave.
    pub dirty: bool,
    /// Shown when saving failed; the text stays here so the user can retry.
    pub error: Option<String>,
    /// The crisis panel opens once per composer, the first time crisis is suggested.
    crisis_announced: bool,
    /// Written on the lock screen: saving seals it without reading anything.
    pub locked_mode: bool,
    /// The answer to the check-in question, once given; stored with the entry.
    pub check_in: Option<CheckInAnswer>,
    /// "Just for me": the entry stays off the session agenda.
    pub just_for_me: bool,
    /// The finished entry being edited (its star, times and marks are kept).
    editing: Option<Entry>,
}

/// The one direct question clinicians ask when words are worrying but not
/// clearly a crisis. Asking does not raise risk.
pub const CHECK_IN_QUESTION: &str =
    "Are you having thoughts of ending your life or hurting yourself?";

#[derive(Debug, Clone)]
pub enum Message {
    Edit(text_editor::Action),
    Choose(Bucket),
    CheckIn(CheckInAnswer),
    JustForMe(bool),
    Save,
    Discard,
}

/// What the parent must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    None,
    Save,
    Discard,
    OpenCrisis(CrisisLevel),
}

impl Composer {
    pub fn new(now: DateTime<FixedOffset>, scope: TextingScope, locked_mode: bool) -> Self {
        let fresh = Entry::new("", Bucket::Session, now);
        Composer {
            content: text_editor::Content::new(),
            id: fresh.id,
            created_at: now,
            suggestion: Engine::builtin().triage("", &scope),
            scope,
            chosen: None,
            dirty: false,
            error: None,
            crisis_announced: false,
            locked_mode,
            check_in: None,
            just_for_me: false,
            editing: None,
        }
    }

    /// Opens a finished entry to change its text. Saving keeps its id,
    /// creation time, star and marks, triages the new text again and keeps
    /// the user's bucket choice (if they had moved it) unless they change it.
    pub fn for_edit(entry: &Entry, scope: TextingScope) -> Self {
        let mut composer = Composer::from_draft(entry, scope);
        composer.editing = Some(entry.clone());
        composer
    }

    /// Whether this composer edits a finished entry (not a new one or a draft).
    pub fn editing(&self) -> bool {
        self.editing.is_some()
    }

    /// The edited entry as it stands: the original with the new text, triage
    /// and choices. `None` when not editing.
    pub fn to_edited_entry(&self, now: DateTime<FixedOffset>) -> Option<Entry> {
        let mut entry = self.editing.clone()?;
        crate::app::journal::retriage(
            &mut entry,
            self.content.text(),
            Some(self.bucket()),
            &self.scope,
            now,
        );
        entry.crisis_level = self.crisis_level();
        entry.check_in = self.check_in;
        entry.off_agenda = self.just_for_me;
        entry.draft = false;
        Some(entry)
    }

    /// Reopens a saved draft.
    pub fn from_draft(draft: &Entry, scope: TextingScope) -> Self {
        let mut composer = Composer::new(draft.created_at, scope, false);
        composer.id = draft.id.clone();
        composer.content = text_editor::Content::with_text(&draft.text);
        composer.suggestion = Engine::builtin().triage(&draft.text, &composer.scope);
        if draft.bucket != draft.suggested {
            composer.chosen = Some(draft.bucket);
        }
        composer.crisis_announced = composer.suggestion.bucket == Bucket::Crisis;
        composer.check_in = draft.check_in;
        composer.just_for_me = draft.off_agenda;
        composer
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn text(&self) -> String {
        self.content.text()
    }

    pub fn is_empty(&self) -> bool {
        self.content.text().trim().is_empty()
    }

    pub fn bucket(&self) -> Bucket {
        self.chosen.unwrap_or(self.suggestion.bucket)
    }

    pub fn update(&mut self, message: Message) -> Event {
        match message {
            Message::Edit(action) => {
                let edits = action.is_edit();
                self.content.perform(action);
                if !edits {
                    return Event::None;
                }
                self.dirty = true;
                self.error = None;
                self.suggestion = Engine::builtin().triage(&self.content.text(), &self.scope);
                if self.suggestion.bucket == Bucket::Crisis && !self.crisis_announced {
                    self.crisis_announced = true;
                    return Event::OpenCrisis(self.suggestion.crisis_level);
                }
                Event::None
            }
            Message::Choose(bucket) => {
                self.chosen = (bucket != self.suggestion.bucket).then_some(bucket);
                self.dirty = true;
                if bucket == Bucket::Crisis {
                    return Event::OpenCrisis(
                        self.suggestion.crisis_level.max(CrisisLevel::Elevated),
                    );
                }
                Event::None
            }
            Message::CheckIn(answer) => {
                self.check_in = Some(answer);
                self.dirty = true;
                if answer == CheckInAnswer::Yes {
                    // Filed as crisis, and help opens at once.
                    self.chosen =
                        (self.suggestion.bucket != Bucket::Crisis).then_some(Bucket::Crisis);
                    return Event::OpenCrisis(self.crisis_level());
                }
                Event::None
            }
            Message::JustForMe(on) => {
                self.just_for_me = on;
                self.dirty = true;
                Event::None
            }
            Message::Save if self.is_empty() => {
                self.error = Some("Write something first: an empty entry is not saved.".into());
                Event::None
            }
            Message::Save => Event::Save,
            Message::Discard => Event::Discard,
        }
    }

    /// The entry as it stands. `draft` marks an autosave.
    pub fn to_entry(&self, draft: bool, now: DateTime<FixedOffset>) -> Entry {
        let mut entry = Entry::new(self.content.text(), self.bucket(), self.created_at);
        entry.id = self.id.clone();
        entry.updated_at = now;
        entry.suggested = self.suggestion.bucket;
        entry.crisis_level = self.crisis_level();
        entry.check_in = self.check_in;
        entry.off_agenda = self.just_for_me;
        entry.reasons = self
            .suggestion
            .reasons
            .iter()
            .map(|r| r.to_string())
            .collect();
        entry.draft = draft;
        entry
    }

    /// The suggestion's level, at least elevated once the person said yes.
    fn crisis_level(&self) -> CrisisLevel {
        match self.check_in {
            Some(CheckInAnswer::Yes) => self.suggestion.crisis_level.max(CrisisLevel::Elevated),
            _ => self.suggestion.crisis_level,
        }
    }

    /// Whether to show the check-in question now.
    pub fn asks_check_in(&self) -> bool {
        self.suggestion.check_in && self.check_in.is_none()
    }

    /// Overwrites the text in memory before the composer is dropped.
    pub fn wipe(&mut self) {
        let mut text = self.content.text();
        text.zeroize();
        self.content = text_editor::Content::new();
        if let Some(mut original) = self.editing.take() {
            original.text.zeroize();
            original.reasons.iter_mut().for_each(Zeroize::zeroize);
        }
    }

    /// Scrolls the editor back to its first line and asks for the cursor to
    /// be brought into view at the next layout. Called when the editor's size
    /// changes (the window is resized, crisis help opens or closes beside it,
    /// a banner comes or goes): the text editor keeps its old scroll offset
    /// otherwise, so a wider editor shows its text shifted up, half hidden.
    pub fn refit(&mut self) {
        let cursor = self.content.cursor();
        self.content
            .perform(text_editor::Action::Scroll { lines: -1_000_000 });
        // Moving the cursor away and back marks it moved (so it is scrolled
        // into view) and keeps the selection as it was.
        self.content.move_to(text_editor::Cursor {
            position: text_editor::Position { line: 0, column: 0 },
            selection: None,
        });
        self.content.move_to(cursor);
    }

    /// The composer, laid out for the room it has: the editor always keeps
    /// several lines (`EDITOR_MIN`); what is below it scrolls in a small
    /// window instead of squeezing the editor.
    pub fn view(&self) -> Element<'_, Message> {
        iced::widget::responsive(move |size| self.view_sized(size)).into()
    }

    fn view_sized(&self, size: iced::Size) -> Element<'_, Message> {
        // Small windows (or the composer beside crisis help) get shorter
        // labels and less space between things.
        let compact = size.height < 560.0 || size.width < 520.0;
        let pad = if compact {
            theme::SPACE_M
        } else {
            theme::SPACE_L
        };
        let inner = iced::Size::new(
            (size.width - 2.0 * pad).max(0.0),
            (size.height - 2.0 * pad).max(0.0),
        );
        let spacing = if compact {
            theme::SPACE_S
        } else {
            theme::SPACE_S + 4.0
        };
        let editor_pad = if compact {
            theme::SPACE_S + 4.0
        } else {
            theme::SPACE_M
        };
        let heading = if self.locked_mode {
            "Write without unlocking"
        } else if self.editing() {
            "Edit entry"
        } else {
            "New entry"
        };
        let (save_label, discard_label) = if self.editing() {
            ("Save changes  (Ctrl+S)", "Cancel")
        } else {
            ("Save  (Ctrl+S)", "Discard")
        };
        let editor = text_editor(&self.content)
            .id(EDITOR_ID)
            .placeholder("Write whatever is on your mind. It stays here, encrypted.")
            .on_action(Message::Edit)
            .height(Length::Fill)
            .min_height(EDITOR_MIN)
            .padding(editor_pad)
            .size(17)
            .line_height(iced::widget::text::LineHeight::Absolute(LINE.into()));
        // A text area of whole lines (see `snap`).
        let editor = crate::ui::snap::lines(editor, LINE, 2.0 * editor_pad);

        let buttons = row(Bucket::ALL.iter().map(|&bucket| {
            let chosen = self.bucket() == bucket;
            let mut label = if compact {
                short_label(bucket)
            } else {
                bucket.label()
            }
            .to_string();
            if bucket == self.suggestion.bucket {
                label.push_str(" (suggested)");
            }
            button(text(label).size(if compact { 13 } else { 14 }))
                .padding(if compact { [4, 10] } else { [6, 12] })
                .style(theme::bucket_button(bucket, chosen))
                .on_press(Message::Choose(bucket))
                .into()
        }))
        .spacing(theme::SPACE_S)
        .wrap()
        .vertical_spacing(6);

        let reasons = column(
            self.suggestion
                .reasons
                .iter()
                .take(if compact { 1 } else { 3 })
                .map(|reason| {
                    text(format!("Why: {}", reason.why))
                        .size(13)
                        .style(theme::muted)
                        .into()
                }),
        )
        .spacing(2);

        let note = if self.editing() {
            Some("Cancel leaves the entry as it was.")
        } else if self.locked_mode {
            Some("Sealed as soon as you save. Reading it needs your passphrase.")
        } else {
            None
        };
        // A wrapping row: in a narrow composer the note goes under the
        // buttons instead of one word per line beside them.
        let mut footer = row![
            button(text(save_label))
                .padding([8, 16])
                .style(theme::primary_button)
                .on_press(Message::Save),
            button(text(discard_label))
                .padding([8, 16])
                .style(theme::quiet_button)
                .on_press(Message::Discard),
        ]
        .spacing(theme::SPACE_S)
        .align_y(iced::Alignment::Center);
        if let Some(note) = note {
            footer = footer.push(
                container(text(note).size(13).style(theme::muted))
                    .padding([8, 0])
                    .max_width(inner.width),
            );
        }
        let footer = footer.wrap().vertical_spacing(0);

        // The check-in question stays in sight, under the editor.
        let check_in: Option<Element<'_, Message>> = if self.asks_check_in() {
            Some(
                container(
                    column![
                        text(CHECK_IN_QUESTION)
                            .size(if compact { 14 } else { 15 })
                            .font(theme::STRONG),
                        row![
                            button(text("Yes").size(14))
                                .padding(if compact { [4, 14] } else { [6, 14] })
                                .style(theme::crisis_button)
                                .on_press(Message::CheckIn(CheckInAnswer::Yes)),
                            button(text("Not right now").size(14))
                                .padding(if compact { [4, 14] } else { [6, 14] })
                                .style(theme::quiet_button)
                                .on_press(Message::CheckIn(CheckInAnswer::NotRightNow)),
                        ]
                        .spacing(theme::SPACE_S)
                        .wrap(),
                    ]
                    .spacing(6),
                )
                .padding(if compact {
                    theme::SPACE_S
                } else {
                    theme::SPACE_S + 4.0
                })
                .style(theme::crisis_panel)
                .width(Length::Fill)
                .into(),
            )
        } else if self.check_in == Some(CheckInAnswer::NotRightNow) {
            Some(
                text("Thank you for answering. Crisis help stays one click away (F1).")
                    .size(13)
                    .style(theme::muted)
                    .into(),
            )
        } else {
            None
        };

        let lower = column![
            text("Where does this belong?").size(14).font(theme::STRONG),
            buttons,
            iced::widget::checkbox(self.just_for_me)
                .label(if compact {
                    "Just for me (off the session agenda)"
                } else {
                    "Just for me: keep it off the session agenda"
                })
                .on_toggle(Message::JustForMe)
                .size(16)
                .text_size(14),
            reasons,
        ]
        .spacing(spacing)
        .padding(iced::Padding::ZERO.right(14));

        // What the editor's neighbours need, roughly, so the part below the
        // editor can be held to the rest and scroll.
        let lines = |chars: f32, px_per_char: f32, line: f32| {
            let per_line = (inner.width / px_per_char).max(1.0);
            (chars / per_line).ceil().max(1.0) * line
        };
        let heading_h = if compact { 24.0 } else { 30.0 };
        let mut footer_h = 42.0;
        if let Some(note) = note {
            if inner.width < 240.0 + note.len() as f32 * 6.5 {
                footer_h += lines(note.len() as f32, 6.5, 18.0) + 16.0;
            }
        }
        let check_in_h = match (&check_in, self.asks_check_in()) {
            (Some(_), true) => {
                lines(CHECK_IN_QUESTION.len() as f32, 8.0, 20.0) + 40.0 + 2.0 * spacing + spacing
            }
            (Some(_), false) => lines(64.0, 6.5, 18.0) + spacing,
            (None, _) => 0.0,
        };
        let error_h = match &self.error {
            Some(error) => lines(error.len() as f32, 8.0, 22.0) + spacing,
            None => 0.0,
        };
        let lower_max =
            inner.height - heading_h - EDITOR_MIN - footer_h - check_in_h - error_h - 3.0 * spacing;
        // Too little room to show any of it usefully: it waits until there
        // is (the suggestion applies meanwhile).
        let lower_max = if lower_max < LOWER_MIN {
            0.0
        } else {
            lower_max
        };

        let mut body = column![
            text(heading)
                .size(if compact { 18 } else { 22 })
                .font(theme::STRONG),
            editor,
        ]
        .spacing(spacing);
        // After the editor, so showing them never moves the editor in the
        // tree (which would take its focus and the keys being typed).
        body = body.push(check_in);
        if lower_max > 0.0 {
            body = body.push(
                container(iced::widget::scrollable(lower).height(Length::Shrink))
                    .max_height(lower_max),
            );
        }
        if let Some(error) = &self.error {
            body = body.push(text(error).style(theme::error_text));
        }
        body = body.push(footer);
        container(body)
            .padding(pad)
            .style(theme::card)
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }
}

/// The height of a line in the editor.
pub const LINE: f32 = 22.0;
/// The editor's least height: five lines of text and its padding.
pub const EDITOR_MIN: f32 = 5.0 * LINE + 2.0 * (theme::SPACE_S + 4.0);
/// The least room worth giving what is under the editor (it scrolls).
const LOWER_MIN: f32 = 48.0;

/// The bucket buttons' words in a small window.
fn short_label(bucket: Bucket) -> &'static str {
    match bucket {
        Bucket::Session => "Session",
        Bucket::Hours => "Send in hours",
        Bucket::Crisis => "Crisis line",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00-05:00").unwrap()
    }

    fn type_text(composer: &mut Composer, text: &str) -> Vec<Event> {
        text.chars()
            .map(|c| {
                composer.update(Message::Edit(text_editor::Action::Edit(
                    text_editor::Edit::Insert(c),
                )))
            })
            .collect()
    }

    #[test]
    fn crisis_text_opens_the_panel_once() {
        let mut composer = Composer::new(now(), TextingScope::default(), false);
        let events = type_text(&mut composer, "I want to die. I really do");
        let opened: Vec<_> = events
            .iter()
            .filter(|e| matches!(e, Event::OpenCrisis(_)))
            .collect();
        assert_eq!(opened.len(), 1, "{events:?}");
        assert_eq!(composer.bucket(), Bucket::Crisis);
    }

    #[test]
    fn override_is_kept_apart_from_the_suggestion() {
        let mut composer = Composer::new(now(), TextingScope::default(), false);
        type_text(&mut composer, "Can we move Tuesday's appointment to 4pm?");
        assert_eq!(composer.suggestion.bucket, Bucket::Hours);
        composer.update(Message::Choose(Bucket::Session));
        let entry = composer.to_entry(false, now());
        assert_eq!(entry.bucket, Bucket::Session);
        assert_eq!(entry.suggested, Bucket::Hours);
        assert!(!entry.reasons.is_empty());
    }

    #[test]
    fn an_edit_keeps_the_entry_and_its_marks_and_follows_the_chosen_bucket() {
        let scope = TextingScope::default();
        let mut original = crate::app::entries::compose(
            "Can we move Tuesday's appointment to 4pm?".into(),
            Some(Bucket::Session),
            &scope,
            now(),
        );
        original.starred = true;
        original.sent_at = Some(now());
        let mut composer = Composer::for_edit(&original, scope);
        assert!(composer.editing());
        assert_eq!(composer.bucket(), Bucket::Session, "the override shows");
        composer.update(Message::Edit(text_editor::Action::SelectAll));
        type_text(&mut composer, "Just a feeling");
        let later = now() + chrono::Duration::hours(1);
        let edited = composer.to_edited_entry(later).unwrap();
        assert_eq!(edited.id, original.id);
        assert_eq!(edited.created_at, original.created_at);
        assert_eq!(edited.updated_at, later);
        assert_eq!(edited.text, "Just a feeling");
        assert!(edited.starred && edited.sent_at.is_some() && !edited.draft);
        assert_eq!(edited.bucket, Bucket::Session);
        assert_eq!(edited.suggested, Bucket::Session);
        composer.update(Message::Choose(Bucket::Hours));
        assert_eq!(
            composer.to_edited_entry(later).unwrap().bucket,
            Bucket::Hours
        );
        assert!(Composer::new(now(), TextingScope::default(), false)
            .to_edited_entry(later)
            .is_none());
    }

    #[test]
    fn empty_entries_are_not_saved() {
        let mut composer = Composer::new(now(), TextingScope::default(), false);
        assert_eq!(composer.update(Message::Save), Event::None);
        assert!(composer.error.is_some());
        type_text(&mut composer, "hello");
        assert_eq!(composer.update(Message::Save), Event::Save);
    }
}
