//! The session schedule, the agenda for the next session, the review that closes it,
//! and exports (Markdown, HTML, PDF).
//!
//! Pure: no clock reads (every function takes `now`), no I/O. Exporters return
//! `String` / `Vec<u8>`; the caller writes them.
//!
//! - [`schedule`]: [`Schedule`], next/previous session across DST.
//! - [`build`]: [`build_agenda`], ordering, the fit line, per-item edits on [`AgendaState`].
//! - [`review`]: [`apply_review`] after the session, producing an [`ArchivedSession`].
//! - [`export`]: [`to_markdown`], [`to_html`], [`to_pdf`], [`countdown`].

pub mod build;
pub mod export;
pub mod review;
pub mod schedule;

pub use build::{
    build_agenda, title_from, Agenda, AgendaItem, AgendaState, ItemKind, ItemPrefs, Want,
    DEFAULT_ITEM_MINUTES, HOMEWORK_ID,
};
pub use export::{
    countdown, html_escape, session_heading, to_html, to_html_with, to_markdown, to_markdown_with,
    to_pdf, to_pdf_with, ExportOptions, IF_THERES_TIME,
};
pub use review::{apply_review, ArchivedSession, Outcome, Review};
pub use schedule::{
    describe_schedule, parse_schedule, resolve_local, OneOff, Recurring, Schedule, Session,
    DEFAULT_SESSION_MINUTES,
};

#[cfg(test)]
mod tests;
