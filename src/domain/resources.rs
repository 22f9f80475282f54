//! Crisis and support lines by region, loaded from `assets/resources.toml`.
//!
//! Pure data and wording. Between points people to people (emergency services,
//! 24/7 crisis lines, the therapist by phone); it never claims to detect or
//! prevent a crisis.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::model::CrisisLevel;

/// The built-in directory, compiled into the binary.
const BUILTIN_TOML: &str = include_str!("../../assets/resources.toml");

/// The region used when nothing better is known.
pub const DEFAULT_REGION: &str = "US";

#[derive(Debug, thiserror::Error)]
pub enum ResourcesError {
    #[error("could not read the resources file: {0}")]
    Parse(#[from] toml::de::Error),
    #[error("invalid resources file: {0}")]
    Invalid(String),
}

/// How a line is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Call,
    Text,
    Chat,
    Emergency,
}

/// One crisis or support line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub name: String,
    /// As dialled ("988", "116 123", "1-800-662-4357"), or a URL for chat.
    pub contact: String,
    /// The word to text, e.g. "HOME" for Crisis Text Line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_code: Option<String>,
    pub kind: Kind,
    /// A call line that also takes texts on the same number ("Call or text 988").
    #[serde(default)]
    pub also_text: bool,
    pub hours: String,
    pub for_what: String,
    /// The organisation's own site.
    pub source: String,
    /// When the entry was last verified against `source`.
    pub checked: NaiveDate,
}

/// The lines of one country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// ISO 3166-1 alpha-2, upper case.
    pub code: String,
    pub name: String,
    /// The emergency number as dialled.
    pub emergency: String,
    #[serde(default, rename = "line")]
    pub lines: Vec<Line>,
}

/// Every region Between knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    #[serde(default, rename = "region")]
    regions: Vec<Region>,
}

impl Directory {
    /// The directory shipped with the app. Panics only if the bundled file is
    /// broken, which the tests rule out.
    pub fn builtin() -> &'static Directory {
        static DIR: OnceLock<Directory> = OnceLock::new();
        DIR.get_or_init(|| {
            Directory::from_toml(BUILTIN_TOML).expect("assets/resources.toml is valid")
        })
    }

    /// Parses and validates a directory.
    pub fn from_toml(s: &str) -> Result<Directory, ResourcesError> {
        let mut dir: Directory = toml::from_str(s)?;
        let mut seen = BTreeSet::new();
        for region in &mut dir.regions {
            region.code = region.code.trim().to_ascii_uppercase();
            if region.code.len() != 2 || !region.code.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(ResourcesError::Invalid(format!(
                    "region code '{}' is not a two-letter ISO code",
                    region.code
                )));
            }
            if !seen.insert(region.code.clone()) {
                return Err(ResourcesError::Invalid(format!(
                    "region {} appears twice",
                    region.code
                )));
            }
            if region.emergency.trim().is_empty() {
                return Err(ResourcesError::Invalid(format!(
                    "region {} has no emergency number",
                    region.code
                )));
            }
            for line in &region.lines {
                if line.name.trim().is_empty() || line.contact.trim().is_empty() {
                    return Err(ResourcesError::Invalid(format!(
                        "region {} has a line without a name or contact",
                        region.code
                    )));
                }
                if !line.source.starts_with("https://") {
                    return Err(ResourcesError::Invalid(format!(
                        "{} ({}): source must be an https:// address",
                        line.name, region.code
                    )));
                }
            }
        }
        Ok(dir)
    }

    /// Looks a region up by code, ignoring case; "UK" is accepted for GB.
    pub fn region(&self, code: &str) -> Option<&Region> {
        let code = normalize_code(code);
        self.regions.iter().find(|r| r.code == code)
    }

    /// All region codes, in file order.
    pub fn codes(&self) -> Vec<&str> {
        self.regions.iter().map(|r| r.code.as_str()).collect()
    }

    pub fn regions(&self) -> &[Region] {
        &self.regions
    }
}

fn normalize_code(code: &str) -> String {
    let code = code.trim().to_ascii_uppercase();
    if code == "UK" {
        "GB".to_string()
    } else {
        code
    }
}

/// The region for a POSIX or BCP 47 locale: "en_GB.UTF-8" -> "GB",
/// "en-AU" -> "AU". Falls back to "US" when the locale is missing, has no
/// country ("C", "POSIX", "en") or names a country Between has no lines for.
pub fn region_from_locale(locale: Option<&str>) -> String {
    let Some(locale) = locale else {
        return DEFAULT_REGION.to_string();
    };
    // LANGUAGE-style lists ("en_GB:en"): the first entry wins.
    let first = locale.split(':').next().unwrap_or("");
    // Drop the encoding and modifier: "en_GB.UTF-8@euro" -> "en_GB".
    let base = first.split(['.', '@']).next().unwrap_or("");
    let country = base
        .split(['_', '-'])
        .skip(1)
        .find(|part| part.len() == 2 && part.chars().all(|c| c.is_ascii_alphabetic()));
    match country {
        Some(c) => {
            let code = normalize_code(c);
            if Directory::builtin().region(&code).is_some() {
                code
            } else {
                DEFAULT_REGION.to_string()
            }
        }
        None => DEFAULT_REGION.to_string(),
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

impl Line {
    /// Words for a button or list: "Call or text 988", "Text HOME to 741741",
    /// "Call 116 123", "Chat at 988lifeline.org/chat", "Call 911".
    pub fn display(&self) -> String {
        match self.kind {
            Kind::Call | Kind::Emergency if self.also_text => {
                format!("Call or text {}", self.contact)
            }
            Kind::Call | Kind::Emergency => format!("Call {}", self.contact),
            Kind::Text => match &self.text_code {
                Some(code) => format!("Text {code} to {}", self.contact),
                None => format!("Text {}", self.contact),
            },
            Kind::Chat => {
                let shown = self
                    .contact
                    .trim_start_matches("https://")
                    .trim_start_matches("http://")
                    .trim_start_matches("www.");
                format!("Chat at {shown}")
            }
        }
    }

    /// `tel:` link for lines that take calls.
    pub fn tel_uri(&self) -> Option<String> {
        match self.kind {
            Kind::Call | Kind::Emergency => {
                let d = digits(&self.contact);
                (!d.is_empty()).then(|| format!("tel:{d}"))
            }
            _ => None,
        }
    }

    /// `sms:` link for lines that take texts, with the text code as the body.
    pub fn sms_uri(&self) -> Option<String> {
        let texts = self.kind == Kind::Text || (self.kind == Kind::Call && self.also_text);
        if !texts {
            return None;
        }
        let d = digits(&self.contact);
        if d.is_empty() {
            return None;
        }
        Some(match &self.text_code {
            Some(code) => format!("sms:{d}?body={}", percent_encode(code)),
            None => format!("sms:{d}"),
        })
    }

    /// A short way to name the line inside a sentence: "988" when the name
    /// already carries the number, otherwise "Samaritans (116 123)".
    pub fn short(&self) -> String {
        let contact_digits = digits(&self.contact);
        if !contact_digits.is_empty() && digits(&self.name).contains(&contact_digits) {
            self.contact.clone()
        } else {
            format!("{} ({})", self.name, self.contact)
        }
    }

    pub fn is_24_7(&self) -> bool {
        let h = self.hours.to_ascii_lowercase().replace(' ', "");
        h == "24/7" || h.contains("24hours") || h.contains("24/7")
    }
}

fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Region {
    /// The main 24/7 crisis line to call: the first non-emergency call line
    /// open around the clock.
    pub fn crisis_line(&self) -> Option<&Line> {
        self.lines
            .iter()
            .find(|l| l.kind == Kind::Call && l.is_24_7())
    }

    pub fn emergency_lines(&self) -> impl Iterator<Item = &Line> {
        self.lines.iter().filter(|l| l.kind == Kind::Emergency)
    }
}

/// What to do, in one sentence, for a crisis level. Points to people; never
/// promises that the app detects or prevents anything.
pub fn advice(level: CrisisLevel, region: &Region) -> String {
    let crisis = region.crisis_line();
    match level {
        CrisisLevel::Imminent => match crisis {
            Some(line) => format!(
                "Call {} (or your local emergency number) or {} now, or go to the nearest emergency room.",
                region.emergency,
                line.short()
            ),
            None => format!(
                "Call {} (or your local emergency number) now, or go to the nearest emergency room.",
                region.emergency
            ),
        },
        CrisisLevel::Elevated => match crisis {
            Some(line) => format!(
                "{} {}, or call your therapist by phone; a text may not be seen for hours.",
                if line.also_text { "Call or text" } else { "Call" },
                line.short()
            ),
            None => format!(
                "Call your therapist by phone, or {} in an emergency; a text may not be seen for hours.",
                region.emergency
            ),
        },
        CrisisLevel::None => match crisis {
            Some(line) => format!(
                "If things get heavier, people are there for you around the clock: {} {}, or call your therapist.",
                if line.also_text { "call or text" } else { "call" },
                line.short()
            ),
            None => format!(
                "If things get heavier, call your therapist, or {} in an emergency.",
                region.emergency
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> &'static Directory {
        Directory::builtin()
    }

    #[test]
    fn builtin_file_parses_with_all_regions() {
        let d = Directory::from_toml(BUILTIN_TOML).expect("parses");
        for code in ["US", "CA", "GB", "IE", "AU", "NZ"] {
            assert!(d.region(code).is_some(), "missing {code}");
        }
    }

    #[test]
    fn every_region_has_emergency_and_a_24_7_line() {
        for r in dir().regions() {
            assert!(!r.emergency.trim().is_empty(), "{}", r.code);
            assert!(r.lines.iter().any(Line::is_24_7), "{}", r.code);
            assert!(
                r.crisis_line().is_some(),
                "{} has no 24/7 call line",
                r.code
            );
            assert!(
                r.emergency_lines().any(|l| l.contact == r.emergency),
                "{} lists no emergency line for {}",
                r.code,
                r.emergency
            );
        }
    }

    #[test]
    fn every_line_has_https_source_and_checked_date() {
        let checked = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        for r in dir().regions() {
            assert!(!r.lines.is_empty());
            for l in &r.lines {
                assert!(l.source.starts_with("https://"), "{}", l.name);
                assert_eq!(l.checked, checked, "{}", l.name);
                assert!(!l.hours.is_empty() && !l.for_what.is_empty(), "{}", l.name);
            }
        }
    }

    #[test]
    fn codes_are_unique() {
        let codes = dir().codes();
        let set: BTreeSet<_> = codes.iter().collect();
        assert_eq!(set.len(), codes.len());
    }

    #[test]
    fn duplicate_codes_are_rejected() {
        let s = r#"
[[region]]
code = "US"
name = "A"
emergency = "911"
[[region]]
code = "us"
name = "B"
emergency = "911"
"#;
        assert!(matches!(
            Directory::from_toml(s),
            Err(ResourcesError::Invalid(_))
        ));
        assert!(matches!(
            Directory::from_toml("region = 3"),
            Err(ResourcesError::Parse(_))
        ));
    }

    #[test]
    fn us_has_the_lines_from_the_article() {
        let us = dir().region("us").unwrap();
        let find = |c: &str| us.lines.iter().find(|l| l.contact == c).unwrap();
        let l988 = find("988");
        assert!(l988.also_text);
        assert_eq!(l988.display(), "Call or text 988");
        let ctl = find("741741");
        assert_eq!(ctl.text_code.as_deref(), Some("HOME"));
        assert_eq!(ctl.kind, Kind::Text);
        assert_eq!(ctl.display(), "Text HOME to 741741");
        assert_eq!(find("911").kind, Kind::Emergency);
        assert_eq!(find("1-800-662-4357").kind, Kind::Call);
        assert_eq!(us.emergency, "911");
    }

    #[test]
    fn uk_alias_and_case() {
        assert_eq!(dir().region("uk").unwrap().code, "GB");
        assert_eq!(dir().region(" gb ").unwrap().code, "GB");
        assert!(dir().region("XX").is_none());
    }

    #[test]
    fn locale_mapping() {
        assert_eq!(region_from_locale(Some("en_GB.UTF-8")), "GB");
        assert_eq!(region_from_locale(Some("en-AU")), "AU");
        assert_eq!(region_from_locale(Some("fr_CA.UTF-8@euro")), "CA");
        assert_eq!(region_from_locale(Some("en_IE:en")), "IE");
        assert_eq!(region_from_locale(Some("en_NZ")), "NZ");
        assert_eq!(region_from_locale(Some("en_US.UTF-8")), "US");
        assert_eq!(region_from_locale(Some("C")), "US");
        assert_eq!(region_from_locale(Some("C.UTF-8")), "US");
        assert_eq!(region_from_locale(Some("POSIX")), "US");
        assert_eq!(region_from_locale(Some("en")), "US");
        assert_eq!(region_from_locale(Some("")), "US");
        assert_eq!(region_from_locale(Some("de_DE.UTF-8")), "US");
        assert_eq!(region_from_locale(None), "US");
    }

    #[test]
    fn uris() {
        let us = dir().region("US").unwrap();
        let find = |c: &str| us.lines.iter().find(|l| l.contact == c).unwrap();
        assert_eq!(find("988").tel_uri().as_deref(), Some("tel:988"));
        assert_eq!(find("988").sms_uri().as_deref(), Some("sms:988"));
        assert_eq!(find("741741").tel_uri(), None);
        assert_eq!(
            find("741741").sms_uri().as_deref(),
            Some("sms:741741?body=HOME")
        );
        assert_eq!(
            find("1-800-662-4357").tel_uri().as_deref(),
            Some("tel:18006624357")
        );
        assert_eq!(find("1-800-662-4357").sms_uri(), None);
        assert_eq!(find("911").tel_uri().as_deref(), Some("tel:911"));
        let chat = us.lines.iter().find(|l| l.kind == Kind::Chat).unwrap();
        assert_eq!(chat.tel_uri(), None);
        assert_eq!(chat.sms_uri(), None);
        assert_eq!(chat.display(), "Chat at 988lifeline.org/chat");

        let gb = dir().region("GB").unwrap();
        let sam = gb.lines.iter().find(|l| l.name == "Samaritans").unwrap();
        assert_eq!(sam.tel_uri().as_deref(), Some("tel:116123"));
        assert_eq!(sam.display(), "Call 116 123");
        let au = dir().region("AU").unwrap();
        let text = au.lines.iter().find(|l| l.kind == Kind::Text).unwrap();
        assert_eq!(text.sms_uri().as_deref(), Some("sms:0477131114"));
    }

    #[test]
    fn json_shape() {
        let us = dir().region("US").unwrap();
        let v = serde_json::to_value(&us.lines).unwrap();
        let ctl = v
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["contact"] == "741741")
            .unwrap();
        assert_eq!(ctl["name"], "Crisis Text Line");
        assert_eq!(ctl["kind"], "text");
        assert_eq!(ctl["text_code"], "HOME");
        assert_eq!(ctl["hours"], "24/7");
        assert_eq!(ctl["checked"], "2026-11-23");
        assert!(ctl["source"].as_str().unwrap().starts_with("https://"));
        let e = v.as_array().unwrap().iter().find(|l| l["contact"] == "911");
        assert_eq!(e.unwrap()["kind"], "emergency");
    }

    #[test]
    fn advice_wording() {
        let us = dir().region("US").unwrap();
        assert_eq!(
            advice(CrisisLevel::Imminent, us),
            "Call 911 (or your local emergency number) or 988 now, or go to the nearest emergency room."
        );
        assert_eq!(
            advice(CrisisLevel::Elevated, us),
            "Call or text 988, or call your therapist by phone; a text may not be seen for hours."
        );
        let calm = advice(CrisisLevel::None, us);
        assert!(calm.contains("988"));

        let gb = dir().region("GB").unwrap();
        let imminent = advice(CrisisLevel::Imminent, gb);
        assert!(imminent.starts_with("Call 999 "), "{imminent}");
        assert!(imminent.contains("Samaritans (116 123)"), "{imminent}");
        assert!(!imminent.contains("988"));
        let elevated = advice(CrisisLevel::Elevated, gb);
        assert!(elevated.starts_with("Call Samaritans (116 123), or call your therapist by phone"));

        let au = dir().region("AU").unwrap();
        assert!(advice(CrisisLevel::Imminent, au).starts_with("Call 000 "));
        let ca = dir().region("CA").unwrap();
        assert!(advice(CrisisLevel::Elevated, ca).starts_with("Call or text 988,"));
        let nz = dir().region("NZ").unwrap();
        assert!(advice(CrisisLevel::Elevated, nz).starts_with("Call or text 1737,"));

        for r in dir().regions() {
            for level in [
                CrisisLevel::None,
                CrisisLevel::Elevated,
                CrisisLevel::Imminent,
            ] {
                let a = advice(level, r).to_lowercase();
                for banned in ["detect", "prevent", "monitor", "we will"] {
                    assert!(!a.contains(banned), "{a}");
                }
            }
        }
    }
}
