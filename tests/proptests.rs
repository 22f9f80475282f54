//! Property tests: the decoders that read untrusted bytes never panic.
//! (The same decoders have cargo-fuzz targets under tests/fuzz.)

mod common;

use std::sync::OnceLock;

use between::app::exchange::{self, Format};
use between::domain::model::{Bucket, Entry};
use between::store::config::Config;
use between::store::vault::{self, Keys, Vault};
use proptest::prelude::*;

struct Fixture {
    _home: common::Home,
    keys: Keys,
    entry: Entry,
    blob: Vec<u8>,
}

/// One vault and one sealed entry, shared by every case.
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let home = common::Home::new();
        let vault = Vault::init(&home.paths(), &common::secret("pw")).unwrap();
        let keys = vault.unlock(&common::secret("pw")).unwrap();
        let entry = Entry::new(
            "a sealed entry",
            Bucket::Session,
            chrono::DateTime::parse_from_rfc3339("2026-11-23T04:12:00-05:00").unwrap(),
        );
        vault.save_entry(&entry).unwrap();
        let blob = between::store::vault::sql::all_entries(vault.connection())
            .unwrap()
            .remove(0)
            .1;
        Fixture {
            _home: home,
            keys,
            entry,
            blob,
        }
    })
}

fn tz() -> chrono_tz::Tz {
    "America/New_York".parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_open_as_an_entry(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let f = fixture();
        prop_assert!(vault::open_entry_blob(&f.keys, &f.entry.id, &bytes).is_err());
    }

    #[test]
    fn arbitrary_bytes_after_a_valid_header_never_panic(cut in 0usize..400, tail in proptest::collection::vec(any::<u8>(), 0..300)) {
        let f = fixture();
        let cut = cut.min(f.blob.len());
        let mut bytes = f.blob[..cut].to_vec();
        bytes.extend_from_slice(&tail);
        // Almost always an error; never a panic, and never another entry.
        if let Ok(entry) = vault::open_entry_blob(&f.keys, &f.entry.id, &bytes) {
            prop_assert_eq!(entry, f.entry.clone());
        }
    }

    #[test]
    fn a_mutated_sealed_entry_is_always_rejected(index in any::<prop::sample::Index>(), mask in 1u8..=255) {
        let f = fixture();
        let mut bytes = f.blob.clone();
        let at = index.index(bytes.len());
        bytes[at] ^= mask;
        prop_assert!(vault::open_entry_blob(&f.keys, &f.entry.id, &bytes).is_err());
    }

    #[test]
    fn config_parsing_never_panics(text in "\\PC*") {
        let _ = Config::parse(&text);
    }

    #[test]
    fn config_like_text_never_panics_and_errors_carry_a_line(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("idle_lock_minutes = 3".to_string()),
                Just("theme = \"dark\"".to_string()),
                Just("[agreement]".to_string()),
                Just("[schedule]".to_string()),
                "[a-z_.]{1,12} = [0-9\"\\[\\]{}a-z,]{0,10}",
                "\\PC{0,20}",
            ],
            0..8,
        )
    ) {
        let text = lines.join("\n");
        if let Err((line, _)) = Config::parse(&text) {
            prop_assert!(line >= 1 && line <= lines.len().max(1), "line {} of {}", line, lines.len());
        }
    }

    #[test]
    fn import_parsing_never_panics(text in "\\PC*") {
        let _ = exchange::parse(&text, Format::Jsonl, tz());
        let _ = exchange::parse(&text, Format::Jrnl, tz());
    }

    #[test]
    fn import_of_json_shaped_text_never_panics(
        lines in proptest::collection::vec(
            prop_oneof![
                "\\{\"text\": \"[^\"\\\\]{0,12}\"\\}",
                "\\{\"text\": \"x\", \"created_at\": \"[0-9T:+-]{0,25}\"\\}",
                "\\{\"text\": \"x\", \"bucket\": \"[a-z]{0,8}\"\\}",
                "\\{\"entries\": \\[\\{\"date\": \"[0-9-]{0,10}\", \"time\": \"[0-9:]{0,8}\", \"title\": \"t\"\\}\\]\\}",
                "[\\[\\]{}\",:a-z0-9 ]{0,30}",
            ],
            0..6,
        )
    ) {
        let text = lines.join("\n");
        for format in [Format::Jsonl, Format::Jrnl] {
            match exchange::parse(&text, format, tz()) {
                Ok(items) => {
                    for item in items {
                        prop_assert!(!item.text.trim().is_empty());
                    }
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
    }

    #[test]
    fn valid_jsonl_imports_every_line(texts in proptest::collection::vec("[^\\n\\r]{1,40}", 1..10)) {
        let texts: Vec<String> = texts.into_iter().filter(|t| !t.trim().is_empty()).collect();
        let body: String = texts
            .iter()
            .map(|t| format!("{}\n", serde_json::json!({ "text": t })))
            .collect();
        let items = exchange::parse(&body, Format::Jsonl, tz()).unwrap();
        let got: Vec<String> = items.into_iter().map(|i| i.text).collect();
        prop_assert_eq!(got, texts);
    }
}
