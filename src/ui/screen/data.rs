//! Your data: an encrypted backup, a plaintext export that is written only
//! after a confirmation naming the risk, and a new key (real rotation).
//! Shown on the Settings tab.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use age::secrecy::SecretString;
use zeroize::Zeroizing;

use chrono::{DateTime, TimeZone};
use iced::widget::{button, column, container, row, text, text_input};
use iced::{Element, Length, Task};

use crate::app::exchange::ExportFormat;
use crate::app::session::Rotated;
use crate::app::Keys;
use crate::ui::theme;

pub const BACKUP_PATH_ID: &str = "backup-path";
pub const EXPORT_PATH_ID: &str = "export-path";
pub const ROTATE_PASSPHRASE_ID: &str = "rotate-passphrase";

#[derive(Default)]
pub struct DataPanel {
    pub backup_path: String,
    pub export_path: String,
    pub export_format: Option<ExportFormat>,
    /// The export waiting for "Write plain text".
    pub confirming: bool,
    pub notice: Option<String>,
    pub error: Option<String>,
    /// "Make a new key" asked: the passphrase field shows.
    pub rotating: bool,
    /// The passphrase typed to make a new key; overwritten when dropped.
    rotate_passphrase: Zeroizing<String>,
    /// The new key is being made (scrypt and re-sealing every row).
    pub rotate_working: bool,
    /// The private folder plaintext exports are proposed in (not
    /// `~/Documents`, which is often synced).
    pub plaintext_dir: PathBuf,
}

#[derive(Debug, Clone)]
pub enum Message {
    BackupPath(String),
    Backup,
    ExportPath(String),
    ExportFormat(ExportFormat),
    AskExport,
    ConfirmExport,
    CancelExport,
    ChooseBackup,
    BackupChosen(Option<PathBuf>),
    ChooseExport,
    ExportChosen(Option<PathBuf>),
    /// A backup or export finished: what to tell the user, or why it failed.
    Finished(Result<String, String>),
    AskRotate,
    RotatePassphrase(String),
    Rotate,
    CancelRotate,
    /// The new key was made, or why not.
    Rotated(Result<Rotated, String>),
}

/// What the parent must do after an update.
pub enum Action {
    None,
    /// Open a save dialog suggesting this path, and send the answer back.
    Choose {
        suggested: PathBuf,
        then: fn(Option<PathBuf>) -> Message,
    },
    /// Write an encrypted backup to this new file.
    Backup(PathBuf),
    /// Write the entries in clear to this new file (the user confirmed).
    Export {
        out: PathBuf,
        format: ExportFormat,
    },
    /// Make a new key, keeping this passphrase.
    Rotate(SecretString),
    /// The session's key is now this one.
    NewKeys(Arc<Keys>),
}

/// What "Make a new key" does, in words (see `Vault::rotate`).
pub const ROTATE_EXPLAINED: &str = "Makes a new private key, re-seals every entry, your safety plan and your other records to it, and retires the old key. Your passphrase stays the same. Use it if you think someone may have copied your key file (identity.age) and may know your passphrase. Old backups are not changed: they still open with the passphrase they were made with, and hold only what was in them then.";

/// The words for a new key.
pub fn rotated(rows: usize) -> String {
    format!(
        "Made a new key, re-sealed {rows} sealed rows to it and retired the old key. Your passphrase is unchanged. Make a new backup now: older backups hold only what was in them."
    )
}

/// The words for a finished backup.
pub fn backup_written(out: &Path, bytes: u64) -> String {
    format!(
        "Backup written to {} ({} KiB). It is still encrypted and opens only with your passphrase, through `between restore`.",
        out.display(),
        bytes.div_ceil(1024)
    )
}

/// The words for a finished export.
pub fn export_written(out: &Path, count: usize) -> String {
    format!(
        "Exported {count} entries to {}, unencrypted. Delete it when you no longer need it.",
        out.display()
    )
}

/// Asks the desktop for a file to save to (its portal, or zenity). `None`
/// when cancelled or when there is no dialog; a typed path works either way.
pub fn choose_save_path(suggested: PathBuf) -> Task<Option<PathBuf>> {
    Task::perform(
        async move {
            let mut dialog = rfd::AsyncFileDialog::new().set_title("Save as");
            if let Some(dir) = suggested.parent() {
                dialog = dialog.set_directory(dir);
            }
            if let Some(name) = suggested.file_name() {
                dialog = dialog.set_file_name(name.to_string_lossy());
            }
            dialog
                .save_file()
                .await
                .map(|file| file.path().to_path_buf())
        },
        std::convert::identity,
    )
}

const NOTHING_CHOSEN: &str = "No file chosen. You can also type a path in the field.";

/// A 14-point button with the panel's padding.
fn action<'a>(
    label: &'a str,
    style: fn(&iced::Theme, button::Status) -> button::Style,
    message: Message,
) -> button::Button<'a, Message> {
    button(text(label).size(14))
        .padding([8, 14])
        .style(style)
        .on_press(message)
}

/// ~/Documents, or the home folder.
pub fn documents_dir() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|d| {
            d.document_dir()
                .map(Path::to_path_buf)
                .or_else(|| Some(d.home_dir().to_path_buf()))
        })
        .unwrap_or_else(std::env::temp_dir)
}

fn extension(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Markdown => "md",
        ExportFormat::Jsonl => "jsonl",
    }
}

impl DataPanel {
    /// A panel that proposes plaintext files in `plaintext_dir`.
    pub fn in_folder(plaintext_dir: PathBuf) -> DataPanel {
        DataPanel {
            plaintext_dir,
            ..DataPanel::default()
        }
    }

    /// The folder plaintext files are proposed in.
    pub fn plaintext_home(&self) -> PathBuf {
        if self.plaintext_dir.as_os_str().is_empty() {
            documents_dir()
        } else {
            self.plaintext_dir.clone()
        }
    }

    fn format(&self) -> ExportFormat {
        self.export_format.unwrap_or(ExportFormat::Markdown)
    }

    fn chosen_backup_path<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> PathBuf
    where
        Tz::Offset: std::fmt::Display,
    {
        match self.backup_path.trim() {
            "" => documents_dir().join(format!("between-backup-{}.age", now.format("%Y-%m-%d"))),
            path => PathBuf::from(path),
        }
    }

    fn chosen_export_path<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> PathBuf
    where
        Tz::Offset: std::fmt::Display,
    {
        match self.export_path.trim() {
            "" => self.plaintext_home().join(format!(
                "between-export-{}.{}",
                now.format("%Y-%m-%d"),
                extension(self.format())
            )),
            path => PathBuf::from(path),
        }
    }

    /// `entries` are the unlocked entries; the vault itself is read for backups.
    pub fn update<Tz: TimeZone>(&mut self, message: Message, now: DateTime<Tz>) -> Action
    where
        Tz::Offset: std::fmt::Display,
    {
        self.error = None;
        match message {
            Message::ChooseBackup => {
                return Action::Choose {
                    suggested: self.chosen_backup_path(&now),
                    then: Message::BackupChosen,
                }
            }
            Message::ChooseExport => {
                return Action::Choose {
                    suggested: self.chosen_export_path(&now),
                    then: Message::ExportChosen,
                }
            }
            Message::BackupChosen(Some(path)) => self.backup_path = path.display().to_string(),
            Message::ExportChosen(Some(path)) => {
                self.export_path = path.display().to_string();
                self.confirming = false;
            }
            Message::BackupChosen(None) | Message::ExportChosen(None) => {
                self.notice = Some(NOTHING_CHOSEN.into())
            }
            Message::BackupPath(path) => self.backup_path = path,
            Message::ExportPath(path) => {
                self.export_path = path;
                self.confirming = false;
            }
            Message::ExportFormat(format) => {
                self.export_format = Some(format);
                self.confirming = false;
            }
            Message::Backup => {
                self.notice = None;
                return Action::Backup(self.chosen_backup_path(&now));
            }
            Message::AskExport => {
                self.notice = None;
                let out = self.chosen_export_path(&now);
                if out.exists() {
                    self.error = Some(format!(
                        "{} already exists. Choose a new file name; nothing was written.",
                        out.display()
                    ));
                    return Action::None;
                }
                self.confirming = true;
            }
            Message::CancelExport => {
                self.confirming = false;
                self.notice = Some("Export cancelled. Nothing was written.".into());
            }
            Message::ConfirmExport => {
                if !self.confirming {
                    return Action::None;
                }
                self.confirming = false;
                // The writer refuses a file that appeared meanwhile.
                return Action::Export {
                    out: self.chosen_export_path(&now),
                    format: self.format(),
                };
            }
            Message::AskRotate => {
                self.notice = None;
                self.rotating = true;
            }
            Message::RotatePassphrase(passphrase) => {
                self.rotate_passphrase = Zeroizing::new(passphrase)
            }
            Message::CancelRotate => {
                self.rotating = false;
                self.rotate_passphrase = Zeroizing::new(String::new());
                self.notice = Some("No new key was made. Nothing changed.".into());
            }
            Message::Rotate => {
                if self.rotate_working || !self.rotating {
                    return Action::None;
                }
                if self.rotate_passphrase.is_empty() {
                    self.error = Some("Type your passphrase first. Nothing changed.".into());
                    return Action::None;
                }
                self.notice = None;
                self.rotate_working = true;
                let passphrase = std::mem::take(&mut *self.rotate_passphrase);
                return Action::Rotate(SecretString::from(passphrase));
            }
            Message::Rotated(Ok(rotated)) => {
                self.rotate_working = false;
                self.rotating = false;
                self.notice = Some(self::rotated(rotated.rows));
                return Action::NewKeys(rotated.keys);
            }
            Message::Rotated(Err(error)) => {
                self.rotate_working = false;
                self.error = Some(format!("No new key was made; nothing changed: {error}"));
            }
            Message::Finished(Ok(notice)) => self.notice = Some(notice),
            Message::Finished(Err(error)) => {
                self.error = Some(format!("Nothing was written: {error}"))
            }
        }
        Action::None
    }

    pub fn view<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> Element<'_, Message>
    where
        Tz::Offset: std::fmt::Display,
    {
        let backup_hint = self.chosen_backup_path(now).display().to_string();
        let export_hint = self.chosen_export_path(now).display().to_string();
        let backup = column![
            text("Encrypted backup").size(15).font(theme::STRONG),
            text("A copy of the whole vault, your settings and the sealed key, in one file. It stays encrypted: it opens only with your passphrase.")
                .size(13)
                .style(theme::muted),
            row![
                text_input(&backup_hint, &self.backup_path)
                    .id(BACKUP_PATH_ID)
                    .on_input(Message::BackupPath)
                    .on_submit(Message::Backup)
                    .padding(8)
                    .size(14),
                action("Choose…", theme::quiet_button, Message::ChooseBackup),
                action("Write backup", theme::primary_button, Message::Backup),
            ]
            .spacing(theme::SPACE_S)
            .align_y(iced::Alignment::Center),
        ]
        .spacing(6);

        let format_button = |format: ExportFormat, label: &'static str| {
            button(text(label).size(14))
                .padding([6, 12])
                .style(theme::row_button(self.format() == format))
                .on_press(Message::ExportFormat(format))
        };
        let mut export = column![
            text("Export as plain text").size(15).font(theme::STRONG),
            text(format!(
                "Not encrypted: anyone who can open the file can read it. Between suggests a private folder on this computer that cloud sync leaves out by default ({}); avoid synced folders such as Documents.",
                self.plaintext_home().display()
            ))
            .size(13)
            .style(theme::muted),
            row![
                format_button(ExportFormat::Markdown, "Markdown"),
                format_button(ExportFormat::Jsonl, "JSON lines"),
                text_input(&export_hint, &self.export_path)
                    .id(EXPORT_PATH_ID)
                    .on_input(Message::ExportPath)
                    .padding(8)
                    .size(14),
                action("Choose…", theme::quiet_button, Message::ChooseExport),
                action("Export…", theme::quiet_button, Message::AskExport),
            ]
            .spacing(theme::SPACE_S)
            .align_y(iced::Alignment::Center),
        ]
        .spacing(6);
        if self.confirming {
            let target = self.chosen_export_path(now).display().to_string();
            export = export.push(
                container(
                    column![
                        text("This file will not be encrypted").size(15).font(theme::STRONG),
                        text(format!(
                            "Every entry will be written as readable text to {target}. Anyone who can open that file can read it: another account on this computer, a backup or sync service, whoever gets the laptop. Between cannot seal it again."
                        ))
                        .size(14),
                        row![
                            action("Cancel", theme::quiet_button, Message::CancelExport),
                            action("Write plain text", theme::crisis_button, Message::ConfirmExport),
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

        let mut panel = column![
            text("Your data").size(17).font(theme::STRONG),
            backup,
            export,
            self.rotate_view(),
        ]
        .spacing(theme::SPACE_M);
        if let Some(notice) = &self.notice {
            panel = panel.push(text(notice).size(14));
        }
        if let Some(error) = &self.error {
            panel = panel.push(text(error).size(14).style(theme::error_text));
        }
        container(panel)
            .padding(theme::SPACE_M)
            .width(Length::Fill)
            .style(theme::card)
            .into()
    }
}

impl DataPanel {
    fn rotate_view(&self) -> Element<'_, Message> {
        let mut section = column![
            text("Make a new key").size(15).font(theme::STRONG),
            text(ROTATE_EXPLAINED).size(13).style(theme::muted),
        ]
        .spacing(6);
        if !self.rotating {
            return section
                .push(action(
                    "Make a new key…",
                    theme::quiet_button,
                    Message::AskRotate,
                ))
                .into();
        }
        let mut field = text_input("Your passphrase", &self.rotate_passphrase)
            .id(ROTATE_PASSPHRASE_ID)
            .secure(true)
            .padding(8)
            .size(14);
        let mut make = button(
            text(if self.rotate_working {
                "Making the new key…"
            } else {
                "Make the new key"
            })
            .size(14),
        )
        .padding([8, 14])
        .style(theme::primary_button);
        if !self.rotate_working {
            field = field
                .on_input(Message::RotatePassphrase)
                .on_submit(Message::Rotate);
            make = make.on_press(Message::Rotate);
        }
        section = section.push(text("Type your passphrase to confirm.").size(13));
        section = section.push(
            row![
                field,
                make,
                action("Cancel", theme::quiet_button, Message::CancelRotate),
            ]
            .spacing(theme::SPACE_S)
            .align_y(iced::Alignment::Center),
        );
        section.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn export_waits_for_confirmation_and_cancel_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.md");
        let mut panel = DataPanel {
            export_path: out.display().to_string(),
            ..Default::default()
        };
        let now = Utc::now();
        panel.update(Message::AskExport, now);
        assert!(panel.confirming);
        assert!(!out.exists());
        panel.update(Message::CancelExport, now);
        assert!(!panel.confirming);
        // A confirm without a pending question does nothing.
        panel.update(Message::ConfirmExport, now);
        assert!(!out.exists());
    }

    #[test]
    fn choose_suggests_the_current_path_and_the_answer_fills_the_field() {
        let mut panel = DataPanel {
            export_path: "/tmp/mine.md".into(),
            confirming: true,
            ..Default::default()
        };
        let now = Utc::now();
        let Action::Choose { suggested, then } = panel.update(Message::ChooseExport, now) else {
            panic!("a dialog is asked for");
        };
        assert_eq!(suggested, PathBuf::from("/tmp/mine.md"));
        panel.update(then(Some("/tmp/other.md".into())), now);
        assert_eq!(panel.export_path, "/tmp/other.md");
        assert!(!panel.confirming, "a new file needs a new confirmation");
        panel.update(then(None), now);
        assert_eq!(panel.export_path, "/tmp/other.md");
        assert!(panel.notice.as_deref().unwrap().contains("type a path"));
    }

    #[test]
    fn an_existing_export_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("mine.md");
        crate::app::exchange::write_plaintext(&out, b"keep me").unwrap();
        let mut panel = DataPanel {
            export_path: out.display().to_string(),
            ..Default::default()
        };
        panel.update(Message::AskExport, Utc::now());
        assert!(!panel.confirming);
        assert!(panel.error.as_deref().unwrap().contains("already exists"));
        assert_eq!(out.metadata().unwrap().len(), 7, "the file is untouched");
    }
}
