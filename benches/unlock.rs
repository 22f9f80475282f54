//! Issue 15: what one unlock costs. `cargo bench --bench unlock` (release).
//!
//! Times unwrapping `identity.age` (scrypt, then one X25519 key check) at
//! the fixed default work factor and one step above it, which is what every
//! command pays without the session agent; and opening the vault with a key
//! the agent hands over, which is what it pays with one. The README's figure
//! for the default comes from here.

use std::time::Duration;

use age::secrecy::SecretString;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

use between::app::journal::{Journal, Selection};
use between::domain::model::Entry;
use between::domain::search::{Query, SearchIndex};
use between::store::paths::Paths;
use between::store::vault::{unwrap_identity_bytes, Vault, WORK_FACTOR};

fn passphrase() -> SecretString {
    SecretString::from("correct horse battery staple".to_string())
}

fn unlock(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = Paths::under(dir.path().to_path_buf());
    let vault = Vault::init(&paths, &passphrase()).expect("init");
    let mut g = c.benchmark_group("unlock");
    for log_n in [WORK_FACTOR, WORK_FACTOR + 1] {
        vault
            .rewrap(&passphrase(), &passphrase(), log_n)
            .expect("rewrap");
        assert_eq!(vault.work_factor(), Some(log_n));
        let armored = std::fs::read(paths.identity_file()).expect("identity.age");
        g.bench_with_input(
            BenchmarkId::new("scrypt_unwrap", format!("2^{log_n}")),
            &armored,
            |b, armored| b.iter(|| unwrap_identity_bytes(armored, &passphrase()).expect("unwrap")),
        );
    }
    let identity = vault
        .unlock(&passphrase())
        .expect("unlock")
        .identity_secret();
    g.bench_function("with_agent_key", |b| {
        b.iter(|| vault.unlock_with_identity(&identity).expect("agent key"))
    });
    g.finish();
}

/// The journal `between dev-seed 10000 --seed 2026` makes, packed.
fn seeded(paths: &Paths) -> SecretString {
    let vault = Vault::init(paths, &passphrase()).expect("init");
    vault
        .save_entries(&between::dev::synth::entries(10_000, 2026))
        .expect("save");
    let keys = vault.unlock(&passphrase()).expect("unlock");
    let loaded = vault.load(&keys).expect("load");
    vault.settle(&keys, &loaded).expect("pack");
    keys.identity_secret()
}

fn agent_10k(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = Paths::under(dir.path().to_path_buf());
    let identity = seeded(&paths);
    // As a command does: open the vault, take the agent's key.
    let open = || {
        let vault = Vault::open(&paths).expect("open");
        let keys = vault.unlock_with_identity(&identity).expect("agent key");
        (vault, keys)
    };
    let mut g = c.benchmark_group("agent_10k");
    g.bench_function("list_n10_full", |b| {
        b.iter(|| {
            let (vault, keys) = open();
            let journal = Journal::with_keys(&paths, vault, keys).expect("read");
            journal.entries().iter().take(10).count()
        })
    });
    g.bench_function("list_n10", |b| {
        b.iter(|| {
            let (vault, keys) = open();
            Selection::read(&paths, &vault, keys, &mut |_| true, Some(10))
                .expect("read")
                .entries
                .len()
        })
    });
    g.bench_function("search_full_index", |b| {
        b.iter(|| {
            let (vault, keys) = open();
            let journal = Journal::with_keys(&paths, vault, keys).expect("read");
            SearchIndex::new(&journal.entries()).matches("sister").len()
        })
    });
    let query = Query::new("sister");
    g.bench_function("search_stream", |b| {
        b.iter(|| {
            let (vault, keys) = open();
            let mut scratch = zeroize::Zeroizing::new(String::new());
            let keep = &mut |e: &Entry| query.matches(e, &mut scratch);
            Selection::read(&paths, &vault, keys, keep, None)
                .expect("read")
                .entries
                .len()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5))
        .without_plots();
    targets = unlock, agent_10k
}
criterion_main!(benches);
