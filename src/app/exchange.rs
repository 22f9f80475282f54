//! Importing entries from other journals, and exporting them in clear.
//!
//! Import formats:
//! - `jsonl`: one JSON object per line with `text` and optional `created_at`
//!   (RFC 3339) and `bucket` (session, hours, crisis). Blank lines are skipped.
//! - `jrnl`: what `jrnl --export json` writes: `{"tags": {..}, "entries":
//!   [{"date": "2026-11-20", "time": "04:10", "title": "..", "body": "..", ..}]}`.
//!   Title and body become the text; date and time are read in the local zone.
//!
//! Parsing never quotes the file's content in its errors (it is journal text),
//! only line numbers or entry indexes and what was expected.

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;
use serde_json::Value;
use zeroize::Zeroizing;

use crate::app::AppError;
use crate::domain::model::{Bucket, Entry};
use crate::store::config::Config;
use crate::store::paths::Paths;
use crate::store::vault::{backup, Vault, VaultError};

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Jrnl,
}

/// One entry as read from an import file, before triage.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub text: String,
    pub created_at: Option<DateTime<FixedOffset>>,
    pub bucket: Option<Bucket>,
    /// A jrnl star.
    pub starred: bool,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ParseError {
    #[error("line {line}: {reason}")]
    Line { line: usize, reason: String },
    #[error("line {line}, entry {index} (counting from 1): {reason}")]
    Entry {
        index: usize,
        line: usize,
        reason: String,
    },
    #[error("{0}")]
    File(String),
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {error}; nothing was imported")]
    Parse { path: String, error: ParseError },
    #[error("could not read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Vault(#[from] VaultError),
    #[error("{0}")]
    Config(String),
}

/// Parses an import file. Stops at the first malformed line or entry.
pub fn parse(input: &str, format: Format, tz: Tz) -> Result<Vec<Item>, ParseError> {
    match format {
        Format::Jsonl => parse_jsonl(input),
        Format::Jrnl => parse_jrnl(input, tz),
    }
}

fn json_reason(e: &serde_json::Error) -> String {
    // Category and column only: serde_json's messages can quote the input.
    let what = match e.classify() {
        serde_json::error::Category::Eof => "it ends too early",
        serde_json::error::Category::Syntax => "it is not valid JSON",
        serde_json::error::Category::Data => "it has an unexpected shape",
        serde_json::error::Category::Io => "it could not be read",
    };
    format!("{what} (column {})", e.column())
}

pub fn parse_jsonl(input: &str) -> Result<Vec<Item>, ParseError> {
    let mut items = Vec::new();
    for (index, line) in input.lines().enumerate() {
        let line_no = index + 1;
        let bad = |reason: String| ParseError::Line {
            line: line_no,
            reason,
        };
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(trimmed).map_err(|e| bad(json_reason(&e)))?;
        let Value::Object(object) = value else {
            return Err(bad("expected a JSON object with a \"text\" field".into()));
        };
        let text = match object.get("text") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            Some(Value::String(_)) => return Err(bad("\"text\" is empty".into())),
            Some(_) => return Err(bad("\"text\" must be a string".into())),
            None => return Err(bad("\"text\" is missing".into())),
        };
        let created_at = match object.get("created_at") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => {
                Some(DateTime::parse_from_rfc3339(s.trim()).map_err(|_| {
                    bad(
                        "\"created_at\" is not an RFC 3339 time like 2026-11-23T04:12:00-05:00"
                            .into(),
                    )
                })?)
            }
            Some(_) => return Err(bad("\"created_at\" must be a string".into())),
        };
        let bucket = match object.get("bucket") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(
                s.parse::<Bucket>()
                    .map_err(|_| bad("\"bucket\" must be session, hours or crisis".into()))?,
            ),
            Some(_) => return Err(bad("\"bucket\" must be a string".into())),
        };
        let starred = matches!(object.get("starred"), Some(Value::Bool(true)));
        items.push(Item {
            text,
            created_at,
            bucket,
            starred,
        });
    }
    Ok(items)
}

pub fn parse_jrnl(input: &str, tz: Tz) -> Result<Vec<Item>, ParseError> {
    let value: Value = serde_json::from_str(input).map_err(|e| {
        ParseError::File(format!(
            "not a jrnl JSON export: {} at line {}",
            json_reason(&e),
            e.line()
        ))
    })?;
    let entries = value
        .get("entries")
        .and_then(Value::as_array)
        .ok_or_else(|| ParseError::File("not a jrnl JSON export: no \"entries\" list".into()))?;
    let lines = entry_lines(input);
    let mut items = Vec::new();
    let mut same_minute: std::collections::HashMap<DateTime<FixedOffset>, u32> =
        std::collections::HashMap::new();
    for (index, entry) in entries.iter().enumerate() {
        let bad = |reason: &str| ParseError::Entry {
            index: index + 1,
            line: lines.get(index).copied().unwrap_or(0),
            reason: reason.to_string(),
        };
        let field = |name: &str| -> Result<Option<&str>, ParseError> {
            match entry.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.as_str())),
                Some(_) => Err(bad(&format!("\"{name}\" must be a string"))),
            }
        };
        if !entry.is_object() {
            return Err(bad("expected an object"));
        }
        let date = field("date")?.ok_or_else(|| bad("\"date\" is missing"))?;
        let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
            .map_err(|_| bad("\"date\" is not YYYY-MM-DD"))?;
        let time = match field("time")? {
            Some(t) => NaiveTime::parse_from_str(t.trim(), "%H:%M")
                .or_else(|_| NaiveTime::parse_from_str(t.trim(), "%H:%M:%S"))
                .map_err(|_| bad("\"time\" is not HH:MM"))?,
            None => NaiveTime::MIN,
        };
        let title = field("title")?.unwrap_or("").trim();
        let body = field("body")?.unwrap_or("").trim();
        let text = match (title.is_empty(), body.is_empty()) {
            (true, true) => return Err(bad("both \"title\" and \"body\" are empty")),
            (false, true) => title.to_string(),
            (true, false) => body.to_string(),
            (false, false) => format!("{title}\n{body}"),
        };
        let starred = match entry.get("starred") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(bad("\"starred\" must be true or false")),
        };
        // Entries in the same minute keep the file's order: the k-th one of
        // a minute (after the DST rule) is k seconds later.
        let at = local(tz, date.and_time(time));
        let k = same_minute.entry(at).or_insert(0u32);
        let at = at
            + chrono::Duration::seconds(i64::from((*k).min(59)))
            + chrono::Duration::milliseconds(i64::from(k.saturating_sub(59)));
        *k += 1;
        items.push(Item {
            text,
            created_at: Some(at),
            bucket: None,
            starred,
        });
    }
    Ok(items)
}

/// The line on which each element of the top-level `"entries"` array
/// starts, for error messages (`input` is valid JSON by now).
fn entry_lines(input: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let (mut depth, mut line) = (0usize, 1usize);
    let (mut in_string, mut escaped) = (false, false);
    let (mut key, mut current) = (String::new(), String::new());
    let (mut in_entries, mut expect_value) = (false, false);
    for c in input.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
                key = std::mem::take(&mut current);
            } else if depth == 1 {
                current.push(c);
            }
            continue;
        }
        if in_entries && depth == 2 && expect_value && !c.is_whitespace() && c != ',' && c != ']' {
            lines.push(line);
            expect_value = false;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => {
                if depth == 1 && c == '[' && key == "entries" {
                    in_entries = true;
                    expect_value = true;
                }
                depth += 1;
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                if depth <= 1 {
                    in_entries = false;
                }
            }
            ',' if in_entries && depth == 2 => expect_value = true,
            _ => {}
        }
    }
    lines
}

/// A wall-clock time in `tz`, by the app's one rule (`wall_time`).
fn local(tz: Tz, naive: NaiveDateTime) -> DateTime<FixedOffset> {
    crate::domain::wall_time::resolve_earliest(tz, naive).fixed_offset()
}

/// Reads, parses and saves every entry of `file` in one transaction: all or
/// nothing. Entries without a bucket are triaged. Needs no passphrase (and
/// so does not look for entries already in the journal; see
/// [`import_checked`]). Returns how many entries were imported.
pub fn import(
    paths: &Paths,
    file: &Path,
    format: Format,
    now: DateTime<FixedOffset>,
) -> Result<usize, ImportError> {
    import_checked(paths, file, format, now, None).map(|done| done.imported)
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    pub imported: usize,
    /// Entries of the file already in the journal (same minute, same text).
    pub skipped: usize,
    /// Whether the journal could be checked for them (it needs the passphrase).
    pub checked: bool,
}

/// Whether the vault holds any entry, so that an import should unlock it
/// to skip what is already there.
pub fn has_entries(paths: &Paths) -> Result<bool, ImportError> {
    let vault = Vault::open(paths)?;
    let segments: i64 = vault
        .connection()
        .query_row("SELECT count(*) FROM segments", [], |r| r.get(0))
        .map_err(VaultError::from)?;
    Ok(vault.entry_count()? > 0 || segments > 0)
}

/// The kind of file someone handed to `--format jrnl` by mistake, and what
/// to do instead; `None` when it looks like JSON.
pub fn wrong_kind_hint(bytes: &[u8], file: &Path) -> Option<String> {
    const EXPORT: &str =
        "export it first with `jrnl --export json > journal.json` and import that file";
    let text = std::str::from_utf8(bytes).ok();
    let first = text
        .and_then(|t| t.lines().map(str::trim).find(|l| !l.is_empty()))
        .unwrap_or("");
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let kind = if text.is_none() || first.starts_with("gAAAAA") {
        "an encrypted jrnl journal (jrnl asks for its password when exporting)"
    } else if first.starts_with('{') || (first.starts_with('[') && !looks_dated(&first[1..])) {
        return None;
    } else if first.starts_with('#') || extension == "md" {
        "a Markdown file (jrnl --export md)"
    } else if looks_dated(first.trim_start_matches('[')) {
        if extension == "txt" {
            "a jrnl text export (jrnl --export txt)"
        } else {
            "a jrnl journal file (plain text, not an export)"
        }
    } else if extension == "txt" {
        "a text file"
    } else {
        "not JSON"
    };
    Some(format!("This looks like {kind}: {EXPORT}"))
}

fn looks_dated(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

/// As [`import`], and with the passphrase also skips the entries already
/// in the journal (same minute and same text), so importing the same file
/// twice adds nothing the second time. jrnl stars are kept.
pub fn import_checked(
    paths: &Paths,
    file: &Path,
    format: Format,
    now: DateTime<FixedOffset>,
    passphrase: Option<&crate::app::session::Credential>,
) -> Result<Imported, ImportError> {
    let shown = file.display().to_string();
    let bytes = Zeroizing::new(std::fs::read(file).map_err(|source| ImportError::Read {
        path: shown.clone(),
        source,
    })?);
    let hinted = |error: ParseError| -> ImportError {
        let error = match (format, error) {
            (Format::Jrnl, ParseError::File(reason)) => match wrong_kind_hint(&bytes, file) {
                Some(hint) => ParseError::File(format!("{reason}. {hint}")),
                None => ParseError::File(reason),
            },
            (_, error) => error,
        };
        ImportError::Parse {
            path: shown.clone(),
            error,
        }
    };
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        hinted(ParseError::File(format!(
            "not UTF-8 text (at byte {})",
            e.valid_up_to()
        )))
    })?;
    let items = parse(text, format, crate::app::clock::user_tz()).map_err(hinted)?;
    let vault = Vault::open(paths)?;
    let mut config = Config::load(paths).map_err(|e| ImportError::Config(e.to_string()))?;
    let minute = |at: &DateTime<FixedOffset>| at.timestamp().div_euclid(60);
    let mut present: std::collections::HashSet<(i64, String)> = Default::default();
    if let Some(passphrase) = passphrase {
        let keys = passphrase.keys(&vault)?;
        // Agreed topics are sealed; triage of imported entries uses them.
        crate::app::settings::unseal_into(&vault, &keys, &mut config)
            .map_err(|e| ImportError::Config(e.to_string()))?;
        let loaded = vault.load(&keys)?;
        present.extend(
            loaded
                .entries
                .iter()
                .filter(|e| !e.draft)
                .map(|e| (minute(&e.created_at), e.text.trim().to_string())),
        );
    }
    let mut skipped = 0;
    let mut entries: Vec<Entry> = Vec::new();
    for item in items {
        if let Some(at) = &item.created_at {
            let mut key = (minute(at), item.text.trim().to_string());
            let known = present.contains(&key);
            zeroize::Zeroize::zeroize(&mut key.1);
            if known {
                skipped += 1;
                continue;
            }
        }
        let mut entry = crate::app::entries::compose(
            item.text,
            item.bucket,
            &config.agreement.texting,
            item.created_at.unwrap_or(now),
        );
        entry.starred = item.starred;
        entries.push(entry);
    }
    for (_, mut text) in present.drain() {
        zeroize::Zeroize::zeroize(&mut text);
    }
    vault.save_entries(&entries)?;
    tracing::info!(count = entries.len(), skipped, ?format, "imported");
    Ok(Imported {
        imported: entries.len(),
        skipped,
        checked: passphrase.is_some(),
    })
}

/// Plaintext export formats.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    #[value(name = "md")]
    Markdown,
    Jsonl,
}

/// Renders entries (oldest first) for a plaintext export. `jsonl` lines can
/// be imported again with `between import --format jsonl`.
pub fn render_export(entries: &[Entry], format: ExportFormat) -> Zeroizing<String> {
    let mut sorted: Vec<&Entry> = entries.iter().filter(|e| !e.draft).collect();
    sorted.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
    let mut out = Zeroizing::new(String::new());
    match format {
        ExportFormat::Markdown => {
            out.push_str("# Between journal export\n\n");
            out.push_str("This file is not encrypted.\n");
            for entry in sorted {
                out.push_str(&format!(
                    "\n## {} · {}\n\n{}\n",
                    entry.created_at.format("%Y-%m-%d %H:%M %:z"),
                    entry.bucket.label(),
                    entry.text.trim_end()
                ));
            }
        }
        ExportFormat::Jsonl => {
            for entry in sorted {
                out.push_str(&serde_json::to_string(entry).expect("entries serialize"));
                out.push('\n');
            }
        }
    }
    out
}

/// Writes plaintext the user asked for (an export, an agenda): never over an
/// existing file, atomically, readable only by the user (0600).
/// Where the window proposes plaintext files (exports, agenda copies): a
/// private folder (0700) beside Between's own state, which desktop cloud
/// sync does not include by default, unlike `~/Documents`. Created on first
/// use; the caller may still pick any other place.
pub fn plaintext_dir(paths: &Paths) -> std::path::PathBuf {
    paths.state.join("exports")
}

pub fn write_plaintext(out: &Path, bytes: &[u8]) -> Result<(), AppError> {
    if out.exists() {
        return Err(AppError::invalid(format!(
            "{} already exists; choose a new file name. Nothing was written",
            out.display()
        )));
    }
    if let Some(dir) = out
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.exists())
    {
        if dir.file_name().is_some_and(|n| n == "exports") {
            // The proposed private folder: made on first use, 0700.
            crate::store::paths::make_private_dir(dir).map_err(|e| {
                AppError::invalid(format!("could not create {}: {e}", dir.display()))
            })?;
        }
    }
    crate::store::paths::write_atomic(out, bytes)
        .map_err(|e| AppError::invalid(format!("could not write {}: {e}", out.display())))
}

/// Exports the finished entries to a new plaintext file; returns how many.
pub fn export_to(out: &Path, entries: &[Entry], format: ExportFormat) -> Result<usize, AppError> {
    let rendered = render_export(entries, format);
    write_plaintext(out, rendered.as_bytes())?;
    Ok(entries.iter().filter(|e| !e.draft).count())
}

/// Writes an encrypted backup to a new file.
pub fn backup_to(paths: &Paths, out: &Path) -> Result<backup::BackupSummary, AppError> {
    if out.exists() {
        return Err(AppError::invalid(format!(
            "{} already exists; choose a new file name. Nothing was written",
            out.display()
        )));
    }
    Ok(backup::backup(paths, out)?)
}

/// Whether a restore may go ahead here: only into an empty home, or to
/// finish this home's own interrupted restore.
pub fn restore_target(paths: &Paths) -> Result<bool, AppError> {
    let interrupted = paths.data.join(backup::RESTORE_MARKER).exists();
    if Vault::exists(paths) && !interrupted {
        return Err(AppError::invalid(format!(
            "a vault already exists in {}; restore refuses to overwrite it. Set BETWEEN_HOME to an empty folder to restore there. Nothing was changed",
            paths.data.display()
        )));
    }
    Ok(interrupted)
}

/// Restores a backup into `paths` (see [`restore_target`] first).
pub fn restore_from(
    paths: &Paths,
    file: &Path,
    passphrase: &age::secrecy::SecretString,
) -> Result<backup::RestoreSummary, AppError> {
    Ok(backup::restore(paths, file, passphrase)?)
}

#[cfg(test)]
mod plaintext_tests {
    use super::*;

    #[test]
    fn jrnl_entry_errors_name_their_line() {
        let input = "{\"tags\": {\"@a\": 1},\n \"entries\": [\n  {\"date\": \"2026-11-20\", \"title\": \"a [b] {c} \\\" ]\"},\n  {\"date\": \"2026-13-40\",\n   \"title\": \"x\"}\n]}";
        assert_eq!(entry_lines(input), vec![3, 4]);
        let err = parse_jrnl(input, chrono_tz::Tz::UTC).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 4, entry 2 (counting from 1): \"date\" is not YYYY-MM-DD"
        );
    }

    #[test]
    fn plaintext_is_private_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("agenda.md");
        write_plaintext(&out, b"first").unwrap();
        let err = write_plaintext(&out, b"second").unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(std::fs::read(&out).unwrap(), b"first");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&out).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
