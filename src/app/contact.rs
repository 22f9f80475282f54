//! Reaching a person from the crisis panel: a call, a text or a web chat
//! handed to the desktop. Between never contacts anyone itself; this only
//! asks the desktop to open the link, and says plainly when it cannot.

use std::process::{Command, Stdio};

use crate::app::AppError;

/// What a link asks the desktop to do, for the words around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Call,
    Text,
    Web,
}

impl LinkKind {
    pub fn of(uri: &str) -> LinkKind {
        if uri.starts_with("tel:") {
            LinkKind::Call
        } else if uri.starts_with("sms:") {
            LinkKind::Text
        } else {
            LinkKind::Web
        }
    }

    fn scheme(self) -> &'static str {
        match self {
            LinkKind::Call => "tel",
            LinkKind::Text => "sms",
            LinkKind::Web => "https",
        }
    }

    fn missing(self) -> &'static str {
        match self {
            LinkKind::Call => "No app on this computer can make phone calls. Dial the number from your phone, or scan the code with it.",
            LinkKind::Text => "No app on this computer can send texts. Text from your phone, or scan the code with it.",
            LinkKind::Web => "No web browser could be opened. Copy the address into one, or scan the code with your phone.",
        }
    }
}

/// Hands `uri` to the desktop's handler for its scheme. Ok is the words to
/// show; an error says what to do instead.
pub fn open_link(uri: &str) -> Result<String, AppError> {
    let kind = LinkKind::of(uri);
    if kind != LinkKind::Web && !has_handler(kind.scheme()) {
        return Err(AppError::invalid(kind.missing()));
    }
    let opened = Command::new("xdg-open")
        .arg(uri)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|status| status.success())
        .unwrap_or(false);
    if !opened {
        return Err(AppError::invalid(kind.missing()));
    }
    Ok(match kind {
        LinkKind::Call => {
            "Your phone app was asked to call. If nothing happened, dial from your phone.".into()
        }
        LinkKind::Text => {
            "Your messages app was asked to open. If nothing happened, text from your phone.".into()
        }
        LinkKind::Web => "The chat opened in your browser.".into(),
    })
}

/// Whether the desktop names an app for `scheme` links.
fn has_handler(scheme: &str) -> bool {
    Command::new("xdg-mime")
        .args(["query", "default", &format!("x-scheme-handler/{scheme}")])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map(|out| out.status.success() && !out.stdout.trim_ascii().is_empty())
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_sorted_by_what_they_do() {
        assert_eq!(LinkKind::of("tel:988"), LinkKind::Call);
        assert_eq!(LinkKind::of("sms:741741?body=HOME"), LinkKind::Text);
        assert_eq!(LinkKind::of("https://988lifeline.org/chat"), LinkKind::Web);
    }

    #[test]
    fn without_a_phone_app_the_error_says_what_to_do_instead() {
        // The test machine has no tel: handler (no desktop at all).
        if has_handler("tel") {
            eprintln!("skipped: this machine has a tel: handler");
            return;
        }
        let error = open_link("tel:988").unwrap_err().to_string();
        assert!(error.contains("Dial the number from your phone"), "{error}");
    }
}
