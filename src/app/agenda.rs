//! The agenda: its sealed state, the archive of past sessions, and the one
//! way to render it.

use chrono_tz::Tz;

use crate::app::AppError;
use crate::domain::agenda::{self, Agenda, AgendaState, ArchivedSession};
use crate::store::agenda_record;
use crate::store::vault::{Keys, Vault};

/// The formats an agenda renders to, for the window and the command line.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    #[value(name = "md")]
    Markdown,
    Html,
    Pdf,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Json => "json",
        }
    }
}

/// The agenda as bytes in `format`, times shown in `tz`.
pub fn render(built: &Agenda, format: Format, tz: Tz) -> Result<Vec<u8>, AppError> {
    let opts = agenda::ExportOptions {
        clock: super::clock::time_style(),
        ..Default::default()
    };
    Ok(match format {
        Format::Markdown => agenda::to_markdown_with(built, tz, &opts).into_bytes(),
        Format::Html => agenda::to_html_with(built, tz, &opts).into_bytes(),
        Format::Pdf => agenda::to_pdf_with(built, tz, &opts)
            .map_err(|e| AppError::invalid(format!("the PDF could not be made: {e}")))?,
        Format::Json => {
            let mut json = serde_json::to_vec_pretty(&built.items)
                .map_err(|e| AppError::invalid(e.to_string()))?;
            json.push(b'\n');
            json
        }
    })
}

pub fn load_state(vault: &Vault, keys: &Keys) -> Result<AgendaState, AppError> {
    Ok(agenda_record::load_state(vault, keys)?)
}

pub fn save_state(vault: &Vault, state: &AgendaState) -> Result<(), AppError> {
    Ok(agenda_record::save_state(vault, state)?)
}

pub fn archive(vault: &Vault, session: &ArchivedSession) -> Result<(), AppError> {
    Ok(agenda_record::archive(vault, session)?)
}

/// Past sessions, newest first, with any that could not be opened described.
pub fn history(
    vault: &Vault,
    keys: &Keys,
) -> Result<(Vec<ArchivedSession>, Vec<String>), AppError> {
    Ok(agenda_record::history(vault, keys)?)
}
