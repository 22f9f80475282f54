//! Issue 8: ten years of journaling, instant. `cargo bench` (release).
//!
//! Each group runs at 100, 1,000 and 10,000 synthetic entries of about
//! 500 bytes (`between::dev::synth`). scrypt is paid once per vault, outside
//! the timed loops (it is deliberately slow: ~1 s at age's calibration).
//! Samples are few and short so the whole run takes a few minutes.

use std::time::Duration;

use age::secrecy::SecretString;
use chrono::{NaiveDate, NaiveTime, TimeZone, Weekday};
use chrono_tz::Tz;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use between::domain::agenda::{build_agenda, AgendaState, Recurring, Schedule};
use between::domain::model::{Entry, TextingScope};
use between::domain::search::SearchIndex;
use between::domain::triage::Engine;
use between::store::config::Config;
use between::store::paths::Paths;
use between::store::vault::{Keys, Vault};

const SIZES: [usize; 3] = [100, 1_000, 10_000];
const SEED: u64 = 2026;

struct Fixture {
    n: usize,
    _dir: tempfile::TempDir,
    vault: Vault,
    keys: Keys,
    entries: Vec<Entry>,
}

fn passphrase() -> SecretString {
    SecretString::from("correct horse battery staple".to_string())
}

/// A vault holding `n` synthetic entries; packed unless `inbox_only`.
fn fixture(n: usize, inbox_only: bool) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = Paths::under(dir.path().to_path_buf());
    let vault = Vault::init(&paths, &passphrase()).expect("init");
    let keys = vault.unlock(&passphrase()).expect("unlock");
    let entries = between::dev::synth::entries(n, SEED);
    vault.save_entries(&entries).expect("save");
    if !inbox_only {
        let loaded = vault.load(&keys).expect("load");
        vault.pack(&loaded).expect("pack");
    }
    let entries = vault.load(&keys).expect("load").entries;
    assert_eq!(entries.len(), n);
    Fixture {
        n,
        _dir: dir,
        vault,
        keys,
        entries,
    }
}

fn tz() -> Tz {
    "America/New_York".parse().unwrap()
}

fn now() -> chrono::DateTime<Tz> {
    tz().with_ymd_and_hms(2026, 10, 30, 20, 0, 0).unwrap()
}

fn schedule() -> Schedule {
    Schedule {
        recurring: Some(Recurring {
            weekday: Weekday::Thu,
            time: NaiveTime::from_hms_opt(16, 0, 0).unwrap(),
            every_weeks: 1,
            minutes: 50,
            tz: tz(),
            anchor: NaiveDate::from_ymd_opt(2016, 1, 7).unwrap(),
        }),
        ..Schedule::default()
    }
}

/// What the app does between scrypt and the first drawn journal screen:
/// decrypt everything, the safety plan and agenda state, then the agenda
/// and the held messages the journal shows.
fn first_screen(f: &Fixture, config: &Config, schedule: &Schedule) -> usize {
    let loaded = f.vault.load(&f.keys).expect("load");
    let _plan = between::store::plan_record::load(&f.vault, &f.keys).expect("plan");
    let state = between::store::agenda_record::load_state(&f.vault, &f.keys).expect("agenda state");
    let agenda = build_agenda(&loaded.entries, &state, schedule, now());
    let entries: Vec<Entry> = loaded.entries.into_iter().filter(|e| !e.draft).collect();
    let held = between::domain::hours::held_messages(
        &entries,
        &config.agreement,
        tz(),
        now(),
        between::domain::when::Clock::H12,
        |e| Engine::builtin().is_session_material(&e.text),
    );
    entries.len() + agenda.items.len() + held.len()
}

fn config(c: &mut Criterion) {
    let fixtures: Vec<Fixture> = SIZES.iter().map(|&n| fixture(n, false)).collect();
    let app_config = Config::default();
    let sched = schedule();

    let mut g = c.benchmark_group("first_screen");
    for f in &fixtures {
        g.bench_with_input(BenchmarkId::from_parameter(f.n), f, |b, f| {
            b.iter(|| first_screen(f, &app_config, &sched))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("decrypt_all");
    for f in &fixtures {
        g.throughput(Throughput::Elements(f.n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(f.n), f, |b, f| {
            b.iter(|| f.vault.load(&f.keys).expect("load").entries.len())
        });
    }
    g.finish();

    // Inbox only: the same 10,000 entries as single rows, never packed.
    {
        let inbox = fixture(10_000, true);
        let mut g = c.benchmark_group("decrypt_all_inbox_only");
        g.throughput(Throughput::Elements(inbox.n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(inbox.n), &inbox, |b, f| {
            b.iter(|| f.vault.load(&f.keys).expect("load").entries.len())
        });
        g.finish();
    }

    let mut g = c.benchmark_group("save_entry");
    for f in &fixtures {
        let mut entry = between::dev::synth::entries(1, 99).remove(0);
        entry.id = "bench-save-entry".into();
        g.bench_with_input(BenchmarkId::from_parameter(f.n), f, |b, f| {
            b.iter(|| f.vault.save_entry(&entry).expect("save"))
        });
    }
    g.finish();

    let engine = Engine::builtin();
    let scope = TextingScope::default();
    let mut g = c.benchmark_group("triage_all");
    for f in &fixtures {
        g.throughput(Throughput::Elements(f.n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(f.n), f, |b, f| {
            b.iter(|| {
                f.entries
                    .iter()
                    .map(|e| engine.triage(&e.text, &scope).reasons.len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();

    // Crisis-dense texts: ~480 bytes glued from the labelled corpus rows,
    // so most texts carry several crisis phrases to locate and guard.
    {
        let corpus = include_str!("../tests/corpus/triage.tsv");
        let rows: Vec<&str> = corpus
            .lines()
            .skip(1)
            .filter_map(|l| l.splitn(4, '\t').nth(3))
            .collect();
        let mut rng = between::dev::synth::Lcg::new(5);
        let mix: Vec<String> = (0..1000)
            .map(|_| {
                let mut t = String::new();
                while t.len() < 450 {
                    t.push_str(rows[rng.below(rows.len())]);
                    t.push_str(". ");
                }
                t
            })
            .collect();
        let mut g = c.benchmark_group("triage_corpus_mix");
        g.throughput(Throughput::Elements(mix.len() as u64));
        g.bench_function(BenchmarkId::from_parameter(mix.len()), |b| {
            b.iter(|| {
                mix.iter()
                    .map(|t| engine.triage(t, &scope).reasons.len())
                    .sum::<usize>()
            })
        });
        g.finish();
    }

    // One long entry (~2,000 characters) of mixed journal prose with crisis,
    // logistics and idiom wording: the per-keystroke cost in the composer.
    {
        let corpus = include_str!("../tests/corpus/train-b.tsv");
        let mut text = String::new();
        for row in corpus
            .lines()
            .skip(1)
            .filter_map(|l| l.splitn(4, '\t').nth(3))
        {
            if text.len() + row.len() > 2000 {
                break;
            }
            text.push_str(row);
            text.push(' ');
        }
        let mut g = c.benchmark_group("triage_2000_chars");
        g.bench_function(BenchmarkId::from_parameter(text.len()), |b| {
            b.iter(|| engine.triage(&text, &scope).reasons.len())
        });
        g.finish();
    }

    let mut g = c.benchmark_group("agenda_build");
    let state = AgendaState::default();
    for f in &fixtures {
        g.bench_with_input(BenchmarkId::from_parameter(f.n), f, |b, f| {
            b.iter(|| build_agenda(&f.entries, &state, &sched, now()).items.len())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("search_index_build");
    for f in &fixtures {
        g.bench_with_input(BenchmarkId::from_parameter(f.n), f, |b, f| {
            b.iter(|| SearchIndex::new(&f.entries).len())
        });
    }
    g.finish();

    for (name, query) in [
        ("search_one_word", "sister"),
        ("search_two_words", "cafe coffee"),
        ("search_no_match", "zanzibar"),
    ] {
        let mut g = c.benchmark_group(name);
        for f in &fixtures {
            let index = SearchIndex::new(&f.entries);
            g.bench_with_input(BenchmarkId::from_parameter(f.n), &index, |b, index| {
                b.iter(|| index.matches(query).len())
            });
        }
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2))
        .without_plots();
    targets = config
}
criterion_main!(benches);
