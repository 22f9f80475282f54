//! `between reminders enable|disable|status`: the systemd user timer that
//! runs `between remind` while the window is closed.

use clap::Subcommand;

use crate::app::desktop::{self, TimerState};

#[derive(Subcommand, Debug)]
pub enum RemindersAction {
    /// Start the reminder timer now and at every login (systemctl --user enable --now).
    Enable,
    /// Stop the reminder timer and keep it off (systemctl --user disable --now).
    Disable,
    /// Print "active" or "inactive".
    Status,
}

pub fn run(action: RemindersAction) -> Result<(), String> {
    match action {
        RemindersAction::Enable => {
            let state = desktop::set_reminder_timer(true).map_err(|e| e.to_string())?;
            println!(
                "Reminders are on ({}): `between remind` runs every 15 minutes while you are logged in.",
                state.as_str()
            );
        }
        RemindersAction::Disable => {
            let state = desktop::set_reminder_timer(false).map_err(|e| e.to_string())?;
            println!(
                "Reminders from the timer are off ({}). The open window still shows them.",
                state.as_str()
            );
        }
        RemindersAction::Status => {
            let state: TimerState = desktop::reminder_timer_state().map_err(|e| e.to_string())?;
            println!("{}", state.as_str());
        }
    }
    Ok(())
}
