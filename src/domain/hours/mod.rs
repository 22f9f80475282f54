//! The texting agreement and the send window.
//!
//! * [`Agreement`] is what the client and therapist agreed about texting: the
//!   therapist's hours, time zone and vacations, what texting is for, how often,
//!   and the user's own limits (decent hours, the night window). It is stored as
//!   TOML in the user's config and edited through [`Agreement::get`] /
//!   [`Agreement::set`] (the `between settings` keys listed by [`keys`]).
//! * [`held_messages`] decides, for each unsent `hours` entry, whether it is OK to
//!   send now or why it waits, and [`next_open`] finds the next moment a text may go.
//!
//! Everything here is pure: no I/O and no clock reads. Functions that depend on
//! the current time take `now`. No message built here ever contains entry text.

mod agreement;
mod settings;
mod window;

#[cfg(test)]
mod tests;

pub use agreement::{Agreement, TimeRange, Vacation, WeekHours};
pub use settings::keys;
pub use window::{held_messages, next_open, sent_this_week, HeldMessage, SendStatus, HORIZON_DAYS};
