//! What exists only while the journal is unlocked: the decrypted entries and
//! every screen that shows them. Dropping a `Session` wipes its text.

use crate::app::session::Opened;
use crate::app::Config;
use crate::domain::agenda::{Agenda, AgendaState};
use crate::domain::hours::HeldMessage;
use crate::domain::safety_plan::SafetyPlan;

use super::{agenda, data, held, journal::Journal, plan, settings};

/// The unlocked screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Journal,
    Held,
    Agenda,
    Plan,
    Settings,
}

pub struct Session {
    pub tab: Tab,
    pub journal: Journal,
    pub held: held::Held,
    /// Held messages as of the window's `now`, recomputed after every update.
    pub held_now: Vec<HeldMessage>,
    pub agenda_screen: agenda::AgendaScreen,
    pub agenda_state: AgendaState,
    /// The agenda as of `now`, recomputed after every update.
    pub agenda_now: Option<Agenda>,
    pub plan_editor: plan::PlanEditor,
    pub plan: SafetyPlan,
    pub settings: settings::Settings,
    pub data: data::DataPanel,
}

impl Session {
    pub fn new(opened: Opened) -> Session {
        Session {
            tab: Tab::Journal,
            journal: Journal::new(opened.keys, opened.entries, opened.problems)
                .with_added_while_locked(opened.added_while_locked, opened.accepted),
            held: held::Held::default(),
            held_now: Vec::new(),
            agenda_screen: agenda::AgendaScreen::default(),
            agenda_state: opened.agenda_state,
            agenda_now: None,
            plan_editor: plan::PlanEditor::new(&opened.plan),
            plan: opened.plan,
            settings: settings::Settings::default(),
            data: data::DataPanel::in_folder(opened.plaintext_dir.clone()),
        }
    }

    /// Recomputes what the screens derive from entries, settings and `now`.
    pub fn refresh(&mut self, config: &Config, now: chrono::DateTime<chrono_tz::Tz>) {
        let entries: Vec<_> = self
            .journal
            .entries
            .iter()
            .filter(|e| !e.draft)
            .cloned()
            .collect();
        self.held_now = crate::app::held::queue(&entries, config, now.timezone(), now);
        self.agenda_now = Some(crate::domain::agenda::build_agenda(
            &self.journal.entries,
            &self.agenda_state,
            &config.schedule,
            now,
        ));
    }

    /// Shows a tab and clears the notices of the one left behind.
    pub fn show(&mut self, tab: Tab) {
        self.tab = tab;
        self.held.notice = None;
        self.settings.saved = None;
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.journal.wipe();
    }
}
