//! A personal safety plan, following the Stanley–Brown Safety Planning
//! Intervention: seven steps the person writes, ideally with their therapist,
//! and reads when things get hard.
//!
//! Pure data; the vault decides where it is stored and whether it can be read
//! while the journal is locked (`readable_when_locked`).

use serde::{Deserialize, Serialize};

#[derive(Debug, thiserror::Error)]
pub enum SafetyPlanError {
    #[error("could not read the safety plan: {0}")]
    Parse(#[from] toml::de::Error),
    #[error("could not write the safety plan: {0}")]
    Write(#[from] toml::ser::Error),
}

/// Someone to call: a person or a professional service.
#[derive(Debug, Serialize, Deserialize, Default, Clone, PartialEq, Eq)]
#[serde(default)]
pub struct Contact {
    pub name: String,
    pub phone: String,
}

impl Contact {
    pub fn new(name: impl Into<String>, phone: impl Into<String>) -> Self {
        Contact {
            name: name.into(),
            phone: phone.into(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.name.trim().is_empty() && self.phone.trim().is_empty()
    }

    /// "Call Sam: 555-0100", or "Reach out to Sam" without a number.
    fn call_line(&self) -> Option<String> {
        let name = self.name.trim();
        let phone = self.phone.trim();
        match (name.is_empty(), phone.is_empty()) {
            (true, true) => None,
            (false, false) => Some(format!("Call {name}: {phone}")),
            (false, true) => Some(format!("Reach out to {name}")),
            (true, false) => Some(format!("Call {phone}")),
        }
    }
}

/// One step of the plan, with the guided question shown while writing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub number: u8,
    pub title: &'static str,
    pub prompt: &'static str,
}

/// The seven Stanley–Brown steps, in order.
pub const STEPS: [Step; 7] = [
    Step {
        number: 1,
        title: "Warning signs",
        prompt: "What thoughts, images, moods, situations or behaviours tell you a crisis may be building?",
    },
    Step {
        number: 2,
        title: "Internal coping strategies",
        prompt: "What can you do on your own to take your mind off things, without contacting anyone (a walk, music, a shower, breathing)?",
    },
    Step {
        number: 3,
        title: "People and social settings that provide distraction",
        prompt: "Who can you be with, or where can you go, to take your mind off things (a friend, a café, a place of worship, the gym)?",
    },
    Step {
        number: 4,
        title: "People I can ask for help",
        prompt: "Who can you call and tell that you are struggling? Write their name and phone number.",
    },
    Step {
        number: 5,
        title: "Professionals and agencies I can contact",
        prompt: "Who are the professionals you can call in a crisis: your therapist, a 24/7 crisis line such as 988, the nearest emergency room? Write the name and phone number.",
    },
    Step {
        number: 6,
        title: "Making the environment safe",
        prompt: "How can you make your surroundings safer, for example by putting away or handing over anything you might use to hurt yourself?",
    },
    Step {
        number: 7,
        title: "Reasons for living",
        prompt: "What is the one thing that is most important to you and worth living for?",
    },
];

/// The plan itself. Every list keeps the order the person wrote it in.
#[derive(Debug, Serialize, Deserialize, Default, Clone, PartialEq)]
#[serde(default)]
pub struct SafetyPlan {
    pub warning_signs: Vec<String>,
    pub coping: Vec<String>,
    pub distractions: Vec<String>,
    pub helpers: Vec<Contact>,
    pub professionals: Vec<Contact>,
    pub safe_environment: Vec<String>,
    pub reasons_for_living: Vec<String>,
    /// Whether the plan may be shown without unlocking the journal.
    pub readable_when_locked: bool,
}

fn blank(items: &[String]) -> bool {
    items.iter().all(|s| s.trim().is_empty())
}

impl SafetyPlan {
    /// True when nothing has been written (blank lines and empty contacts do
    /// not count; `readable_when_locked` is a setting, not content).
    pub fn is_empty(&self) -> bool {
        blank(&self.warning_signs)
            && blank(&self.coping)
            && blank(&self.distractions)
            && self.helpers.iter().all(Contact::is_empty)
            && self.professionals.iter().all(Contact::is_empty)
            && blank(&self.safe_environment)
            && blank(&self.reasons_for_living)
    }

    /// Short lines for the crisis panel, in the order to try them: the
    /// person's own coping strategies first, then the people to call (with
    /// their numbers), then the professionals.
    pub fn next_steps(&self) -> Vec<String> {
        let coping = self
            .coping
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        let helpers = self.helpers.iter().filter_map(Contact::call_line);
        let pros = self.professionals.iter().filter_map(Contact::call_line);
        coping.chain(helpers).chain(pros).collect()
    }

    /// The number of the first step with nothing written, for "continue your plan".
    pub fn first_unfinished_step(&self) -> Option<u8> {
        let done = [
            !blank(&self.warning_signs),
            !blank(&self.coping),
            !blank(&self.distractions),
            !self.helpers.iter().all(Contact::is_empty),
            !self.professionals.iter().all(Contact::is_empty),
            !blank(&self.safe_environment),
            !blank(&self.reasons_for_living),
        ];
        done.iter().position(|d| !d).map(|i| STEPS[i].number)
    }

    pub fn to_toml(&self) -> Result<String, SafetyPlanError> {
        Ok(toml::to_string(self)?)
    }

    pub fn from_toml(s: &str) -> Result<SafetyPlan, SafetyPlanError> {
        Ok(toml::from_str(s)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> SafetyPlan {
        SafetyPlan {
            warning_signs: vec!["Not sleeping".into(), "Pulling away from friends".into()],
            coping: vec![
                "Walk around the block".into(),
                "  ".into(),
                "Cold water on my face".into(),
            ],
            distractions: vec!["The library".into()],
            helpers: vec![
                Contact::new("Sam", "555-0100"),
                Contact::new("Aunt Jo", ""),
                Contact::default(),
            ],
            professionals: vec![
                Contact::new("Dr. Lee (therapist)", "555-0199"),
                Contact::new("988 Suicide & Crisis Lifeline", "988"),
                Contact::new("St. Mary's ER", "555-0111"),
            ],
            safe_environment: vec!["Give the pills to Sam to keep".into()],
            reasons_for_living: vec!["My daughter".into()],
            readable_when_locked: true,
        }
    }

    #[test]
    fn steps_are_numbered_in_order() {
        for (i, s) in STEPS.iter().enumerate() {
            assert_eq!(s.number as usize, i + 1);
            assert!(!s.title.is_empty() && s.prompt.contains('?'));
        }
        assert!(STEPS[4].prompt.contains("988"));
        assert!(STEPS[6].prompt.contains("most important"));
    }

    #[test]
    fn toml_round_trip() {
        let plan = sample();
        let s = plan.to_toml().unwrap();
        assert_eq!(SafetyPlan::from_toml(&s).unwrap(), plan);
        // JSON too, for the shells.
        let j = serde_json::to_string(&plan).unwrap();
        assert_eq!(serde_json::from_str::<SafetyPlan>(&j).unwrap(), plan);
    }

    #[test]
    fn missing_fields_default() {
        let plan = SafetyPlan::from_toml("coping = [\"Breathe\"]\n").unwrap();
        assert_eq!(plan.coping, vec!["Breathe".to_string()]);
        assert!(!plan.readable_when_locked);
        assert!(SafetyPlan::from_toml("coping = 3").is_err());
    }

    #[test]
    fn next_steps_order() {
        assert_eq!(
            sample().next_steps(),
            vec![
                "Walk around the block",
                "Cold water on my face",
                "Call Sam: 555-0100",
                "Reach out to Aunt Jo",
                "Call Dr. Lee (therapist): 555-0199",
                "Call 988 Suicide & Crisis Lifeline: 988",
                "Call St. Mary's ER: 555-0111",
            ]
        );
    }

    #[test]
    fn empty_plan() {
        let plan = SafetyPlan::default();
        assert!(plan.is_empty());
        assert!(plan.next_steps().is_empty());
        assert_eq!(plan.first_unfinished_step(), Some(1));
        let s = plan.to_toml().unwrap();
        assert_eq!(SafetyPlan::from_toml(&s).unwrap(), plan);
        assert!(SafetyPlan::from_toml("").unwrap().is_empty());

        let blank = SafetyPlan {
            coping: vec!["   ".into()],
            helpers: vec![Contact::default()],
            readable_when_locked: true,
            ..Default::default()
        };
        assert!(blank.is_empty());
        assert!(!sample().is_empty());
        assert_eq!(sample().first_unfinished_step(), None);
    }
}
