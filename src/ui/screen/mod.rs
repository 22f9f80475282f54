//! The window's screens. The window shows exactly one `Screen`; each screen
//! file has its own `Message` and returns an `Event` (or `Action`) to the
//! parent in `ui/mod.rs`, which turns disk work into `Task`s.

pub mod agenda;
pub mod data;
pub mod held;
pub mod journal;
pub mod lock;
pub mod plan;
pub mod session;
pub mod settings;
pub mod setup;

pub use session::{Session, Tab};

pub enum Screen {
    /// First run: choose a passphrase.
    Setup(setup::Setup),
    /// The vault exists; writing works, reading needs the passphrase.
    Locked(lock::Lock),
    /// Unlocked: everything that holds decrypted text lives in the session,
    /// so locking drops (and wipes) it in one move.
    Unlocked(Box<Session>),
    /// Nothing can be opened (e.g. the data folder is unusable).
    Broken(String),
}
