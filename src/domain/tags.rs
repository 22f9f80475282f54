//! Tags, as in jrnl: `@word` anywhere in an entry's text. A tag starts at
//! the beginning of the text or after a space or an opening bracket (so
//! `me@example.com` is no tag), and runs over letters, digits, `_` and `-`.
//! Tags compare case-insensitively and as whole tags: `@sister` is not
//! `@sisters`, though `@sister's` carries `@sister`.

use std::collections::BTreeMap;

use crate::domain::model::Entry;

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// The tags of `text`, lowercased, each once, in order of first appearance.
pub fn tags(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let starts = c == '@'
            && previous.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '{' | '"'));
        previous = Some(c);
        if !starts {
            continue;
        }
        let mut end = at + 1;
        while let Some(&(i, n)) = chars.peek() {
            if !is_tag_char(n) {
                break;
            }
            end = i + n.len_utf8();
            previous = Some(n);
            chars.next();
        }
        let word = text[at + 1..end].trim_end_matches('-');
        if word.is_empty() {
            continue;
        }
        let tag = format!("@{}", word.to_lowercase());
        if !found.contains(&tag) {
            found.push(tag);
        }
    }
    found
}

/// `tag` as typed (`sister`, `@Sister`) in its compared form (`@sister`).
pub fn normalize(tag: &str) -> String {
    format!("@{}", tag.trim().trim_start_matches('@').to_lowercase())
}

/// Whether `text` carries `tag` as a whole tag.
pub fn has_tag(text: &str, tag: &str) -> bool {
    let wanted = normalize(tag);
    tags(text).contains(&wanted)
}

/// Every tag of the finished entries with how many entries carry it, most
/// used first, then by name.
pub fn counts(entries: &[Entry]) -> Vec<(String, usize)> {
    let mut by_tag: BTreeMap<String, usize> = BTreeMap::new();
    for entry in entries.iter().filter(|e| !e.draft) {
        for tag in tags(&entry.text) {
            *by_tag.entry(tag).or_default() += 1;
        }
    }
    let mut counted: Vec<(String, usize)> = by_tag.into_iter().collect();
    counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_whole_words_after_an_at_sign() {
        assert_eq!(
            tags("Called @Sister today. @sister's kids, (@work) and @self-care-"),
            vec!["@sister", "@work", "@self-care"]
        );
        assert!(tags("mail me@example.com or @ alone").is_empty());
        assert!(has_tag("dinner with @Sister", "sister"));
        assert!(has_tag("dinner with @sister", "@SISTER"));
        assert!(!has_tag("dinner with @sisters", "@sister"));
        assert!(!has_tag("my sister came", "@sister"));
        assert!(has_tag("@émile au café", "@Émile"));
    }

    #[test]
    fn counts_are_per_entry_most_used_first() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00-05:00").unwrap();
        let e = |t: &str| Entry::new(t, crate::domain::model::Bucket::Session, now);
        let entries = vec![e("@work @work @sister"), e("@sister again"), e("@anxiety")];
        assert_eq!(
            counts(&entries),
            vec![
                ("@sister".to_string(), 2),
                ("@anxiety".to_string(), 1),
                ("@work".to_string(), 1)
            ]
        );
    }
}
