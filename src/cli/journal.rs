//! The everyday journal commands: add (editor, backdating), list with dates
//! and tags, show, edit, delete, star, tags.

use std::io::{IsTerminal, Read, Write};

use chrono::{DateTime, FixedOffset};

use crate::app::clock::time_style;
use crate::app::journal::{self, Journal};
use crate::app::{clock, entries, Vault};
use crate::domain::listing::Filter;
use crate::domain::model::{Bucket, Entry};
use crate::domain::{dates, tags, when};

fn today() -> chrono::NaiveDate {
    clock::now().date_naive()
}

fn open() -> Result<Journal, String> {
    let paths = super::paths()?;
    let vault = Vault::open(&paths).map_err(|e| e.to_string())?;
    let keys = super::secret::keys(&vault)?;
    let journal = Journal::with_keys(&paths, vault, keys)?;
    for finding in journal.findings() {
        eprintln!("between: warning: {finding}");
    }
    for problem in journal.problems() {
        eprintln!("between: {problem}");
    }
    Ok(journal)
}

/// `between add`: TEXT, else the editor at a terminal, else stdin. A
/// leading `yesterday 9pm:` (and the like) dates the entry, unless `--at`.
pub fn add(
    text: Option<String>,
    at: Option<DateTime<FixedOffset>>,
    bucket: Option<Bucket>,
) -> Result<(), String> {
    let paths = super::paths()?;
    let text = match text {
        Some(t) => t,
        None if std::io::stdin().is_terminal() => {
            // Fail before the user writes anything.
            Vault::open(&paths).map_err(|e| e.to_string())?;
            super::editor::edit("", &paths.data)?.to_string()
        }
        None => {
            let mut buf = String::new();
            std::io::stdin()
                .read_to_string(&mut buf)
                .map_err(|e| format!("could not read stdin: {e}"))?;
            buf
        }
    };
    let (now, text, backdated) = match at {
        Some(at) => (at, text, false),
        None => match dates::split_backdate(&text, today()) {
            Some((when, rest)) => (
                crate::domain::wall_time::resolve_earliest(clock::user_tz(), when).fixed_offset(),
                rest.to_string(),
                true,
            ),
            None => (super::local_now(), text, false),
        },
    };
    let (entry, config) = entries::add(&paths, text, bucket, now)?;
    println!("Saved entry {} in \"{}\"", entry.id, entry.bucket.label());
    if backdated {
        println!(
            "Dated {} ({})",
            when::moment_long(&entry.created_at, time_style()),
            entry.created_at.format("%:z")
        );
    }
    if entry.bucket != entry.suggested {
        println!(
            "Suggested: {} (you chose {})",
            entry.suggested.label(),
            entry.bucket.label()
        );
    }
    for reason in &entry.reasons {
        println!("  why: {reason}");
    }
    if entry.bucket == Bucket::Crisis || entry.suggested == Bucket::Crisis {
        super::print_crisis_help(entry.crisis_level, &config.effective_region());
    }
    Ok(())
}

/// What `between list` was asked for.
#[derive(Debug, Default)]
pub struct ListArgs {
    pub json: bool,
    pub n: Option<usize>,
    pub on: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub starred: bool,
    pub tags: Vec<String>,
}

fn filter(args: &ListArgs) -> Result<Filter, String> {
    let today = today();
    let mut filter = Filter {
        starred: args.starred,
        limit: args.n,
        ..Default::default()
    };
    if let Some(on) = &args.on {
        if args.from.is_some() || args.to.is_some() {
            return Err("use either --on or --from/--to".into());
        }
        let (from, to) = dates::parse_range(on, today)?;
        filter.from = Some(from);
        filter.to = Some(to);
    }
    if let Some(from) = &args.from {
        filter.from = Some(dates::parse_range(from, today)?.0);
    }
    if let Some(to) = &args.to {
        filter.to = Some(dates::parse_range(to, today)?.1);
    }
    for tag in &args.tags {
        if !tag.starts_with('@') || tag.len() < 2 {
            return Err(format!(
                "'{tag}' is not a tag: tags start with @ (like @sister); to find words, use `between search WORD`"
            ));
        }
        filter.tags.push(tags::normalize(tag));
    }
    Ok(filter)
}

pub fn line(entry: &Entry, verified: bool) -> String {
    format!(
        "{}  {:<8} {}{} {}{}",
        entry.created_at.format("%Y-%m-%d %H:%M"),
        entry.bucket.as_str(),
        entries::short_id(&entry.id),
        if entry.starred { "*" } else { " " },
        entry.first_line(),
        if verified {
            ""
        } else {
            "  (added while locked)"
        }
    )
}

/// The finished entries `keep` accepts, newest first, at most `limit`:
/// only what is needed is decrypted and kept (`Selection`); history
/// findings and unreadable rows are printed to stderr as [`open`] does.
pub fn select(
    keep: &mut dyn FnMut(&Entry) -> bool,
    limit: Option<usize>,
) -> Result<journal::Selection, String> {
    let paths = super::paths()?;
    let vault = Vault::open(&paths).map_err(|e| e.to_string())?;
    let keys = super::secret::keys(&vault)?;
    let selection = journal::Selection::read(&paths, &vault, keys, keep, limit)?;
    for finding in selection.findings() {
        eprintln!("between: warning: {finding}");
    }
    for problem in selection.problems() {
        eprintln!("between: {problem}");
    }
    Ok(selection)
}

pub fn list(args: ListArgs) -> Result<(), String> {
    let filter = filter(&args)?;
    let selection = select(&mut |e| filter.keeps(e), filter.limit)?;
    let shown = &selection.entries;
    if args.json {
        let values: Vec<serde_json::Value> = shown
            .iter()
            .map(|e| journal::to_json(e, selection.is_verified(&e.id)))
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&values).map_err(|e| e.to_string())?
        );
    } else if !selection.any {
        println!("No entries yet.");
    } else if shown.is_empty() {
        println!("No entries match.");
    } else {
        for entry in shown {
            println!("{}", line(entry, selection.is_verified(&entry.id)));
        }
    }
    Ok(())
}

pub fn show(id: String, json: bool) -> Result<(), String> {
    let mut journal = open()?;
    let entry = journal.find(&id)?.clone();
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&journal::to_json(&entry, journal.is_verified(&entry.id)))
                .map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    println!("Entry {}", entry.id);
    println!(
        "Written  {} ({})",
        when::moment_long(&entry.created_at, time_style()),
        entry.created_at.format("%:z")
    );
    if entry.updated_at != entry.created_at {
        println!(
            "Changed  {} ({})",
            when::moment_long(&entry.updated_at, time_style()),
            entry.updated_at.format("%:z")
        );
    }
    if entry.bucket == entry.suggested {
        println!("Bucket   {}", entry.bucket.label());
    } else {
        println!(
            "Bucket   {} (you chose it; suggested: {})",
            entry.bucket.label(),
            entry.suggested.label()
        );
    }
    for reason in &entry.reasons {
        println!("  why: {reason}");
    }
    let entry_tags = tags::tags(&entry.text);
    if !entry_tags.is_empty() {
        println!("Tags     {}", entry_tags.join(" "));
    }
    if entry.starred {
        println!("Starred  yes");
    }
    println!();
    println!("{}", entry.text.trim_end());
    Ok(())
}

pub fn edit(id: String, bucket: Option<Bucket>) -> Result<(), String> {
    let paths = super::paths()?;
    let mut journal = open()?;
    let entry = journal.find(&id)?.clone();
    let edited = super::editor::edit(&entry.text, &paths.data)?;
    if edited.trim_end() == entry.text.trim_end() && bucket.is_none_or(|b| b == entry.bucket) {
        println!(
            "No changes; entry {} is as it was.",
            entries::short_id(&entry.id)
        );
        return Ok(());
    }
    let text = edited.trim_end().to_string();
    let saved = journal.edit(&entry.id, text, bucket, super::local_now())?;
    println!(
        "Saved entry {} in \"{}\"",
        entries::short_id(&saved.id),
        saved.bucket.label()
    );
    if saved.bucket != saved.suggested {
        println!(
            "Suggested: {} (your choice is kept)",
            saved.suggested.label()
        );
    }
    for reason in &saved.reasons {
        println!("  why: {reason}");
    }
    if saved.bucket == Bucket::Crisis || saved.suggested == Bucket::Crisis {
        let region = super::load_config(&paths)?.effective_region();
        super::print_crisis_help(saved.crisis_level, &region);
    }
    Ok(())
}

fn confirm(question: &str) -> Result<bool, String> {
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| format!("could not read the answer: {e}"))?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

pub fn delete(id: String, yes: bool) -> Result<(), String> {
    let mut journal = open()?;
    let entry = journal.find(&id)?.clone();
    let described = format!(
        "entry {} from {} (\"{}\")",
        entries::short_id(&entry.id),
        when::moment_long(&entry.created_at, time_style()),
        entry.first_line().chars().take(40).collect::<String>()
    );
    if !yes {
        if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
            if !confirm(&format!(
                "Delete {described} for good? This cannot be undone."
            ))? {
                return Err("delete cancelled; nothing was changed".into());
            }
        } else {
            return Err(format!(
                "this would delete {} for good; run again with --yes to confirm. Nothing was changed",
                entries::short_id(&entry.id)
            ));
        }
    }
    journal.delete(&entry.id)?;
    println!("Deleted {described} for good.");
    Ok(())
}

pub fn star(id: String, starred: bool) -> Result<(), String> {
    let mut journal = open()?;
    let entry = journal.set_starred(&id, starred, super::local_now())?;
    println!(
        "{} entry {} ({})",
        if starred { "Starred" } else { "Unstarred" },
        entries::short_id(&entry.id),
        entry.first_line().chars().take(40).collect::<String>()
    );
    Ok(())
}

pub fn tags_command(json: bool) -> Result<(), String> {
    let journal = open()?;
    let counted = tags::counts(&journal.entries());
    if json {
        let map: serde_json::Map<String, serde_json::Value> = counted
            .into_iter()
            .map(|(tag, n)| (tag, n.into()))
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&map).map_err(|e| e.to_string())?
        );
    } else if counted.is_empty() {
        println!("No tags yet. Write @word in an entry to tag it.");
    } else {
        for (tag, n) in counted {
            println!("{n:>5}  {tag}");
        }
    }
    Ok(())
}
