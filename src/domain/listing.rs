//! Which entries a listing shows: a day range, tags, starred, the last N.
//! Pure; dates are the entries' own local wall dates.

use chrono::NaiveDate;

use crate::domain::model::Entry;
use crate::domain::tags;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// First day shown (inclusive).
    pub from: Option<NaiveDate>,
    /// Last day shown (inclusive).
    pub to: Option<NaiveDate>,
    /// Every one of these tags must be on the entry.
    pub tags: Vec<String>,
    pub starred: bool,
    /// At most this many, the newest.
    pub limit: Option<usize>,
}

impl Filter {
    pub fn keeps(&self, entry: &Entry) -> bool {
        let day = entry.created_at.date_naive();
        !entry.draft
            && self.from.is_none_or(|from| day >= from)
            && self.to.is_none_or(|to| day <= to)
            && (!self.starred || entry.starred)
            && self.tags.iter().all(|t| tags::has_tag(&entry.text, t))
    }

    /// The entries kept, newest first (`entries` may be in any order).
    pub fn apply<'a>(&self, entries: &'a [Entry]) -> Vec<&'a Entry> {
        let mut kept: Vec<&Entry> = entries.iter().filter(|e| self.keeps(e)).collect();
        kept.sort_by(|a, b| {
            b.created_at
                .cmp(&a.created_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        if let Some(n) = self.limit {
            kept.truncate(n);
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Bucket;

    fn entry(at: &str, text: &str, starred: bool) -> Entry {
        let mut e = Entry::new(
            text,
            Bucket::Session,
            chrono::DateTime::parse_from_rfc3339(at).unwrap(),
        );
        e.starred = starred;
        e
    }

    #[test]
    fn filters_combine() {
        let entries = vec![
            entry("2026-11-20T23:30:00-05:00", "late @sister", false),
            entry("2026-11-21T08:00:00-05:00", "morning @Sister", true),
            entry("2026-11-22T08:00:00-05:00", "@sisters", true),
            entry("2026-11-23T08:00:00-05:00", "nothing", false),
        ];
        let texts = |f: Filter| -> Vec<String> {
            f.apply(&entries).iter().map(|e| e.text.clone()).collect()
        };
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d);
        assert_eq!(
            texts(Filter {
                from: day(20),
                to: day(20),
                ..Default::default()
            }),
            vec!["late @sister"],
            "the entry's own wall date, not UTC's"
        );
        assert_eq!(
            texts(Filter {
                tags: vec!["@sister".into()],
                ..Default::default()
            }),
            vec!["morning @Sister", "late @sister"]
        );
        assert_eq!(
            texts(Filter {
                starred: true,
                limit: Some(1),
                ..Default::default()
            }),
            vec!["@sisters"]
        );
    }
}
