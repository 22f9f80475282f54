//! Issue 17: the vault's own costs at 10,000 entries, in release
//! (`cargo bench --bench vault`).
//!
//! - `rotate/10000`: `passwd --rotate` (a new key, every row re-sealed, the
//!   history re-signed); includes one scrypt wrap at the vault's work factor.
//! - `cli_filled/*`: a vault filled through the command line only, one
//!   `between add` (one inbox row) per entry. `first_unlock` is the first
//!   unlocked command after that (it packs 10,000 rows into monthly
//!   segments); `unlock_list` is every later one (scrypt, open the segments,
//!   verify the history, newest 10 entries). `list_after_unlock` is the same
//!   without scrypt, which is what a command pays with the session agent.

use std::time::{Duration, Instant};

use age::secrecy::SecretString;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

use between::app::session;
use between::store::paths::Paths;
use between::store::vault::Vault;

const N: usize = 10_000;
const SEED: u64 = 2026;

fn passphrase() -> SecretString {
    SecretString::from("correct horse battery staple".to_string())
}

/// A vault with `N` entries each written as its own inbox row, as
/// `between add` leaves them.
fn cli_filled() -> (tempfile::TempDir, Paths) {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = Paths::under(dir.path().to_path_buf());
    let vault = Vault::init(&paths, &passphrase()).expect("init");
    // Writes from `between add` are made while locked.
    vault.detach();
    vault
        .save_entries(&between::dev::synth::entries(N, SEED))
        .expect("save");
    (dir, paths)
}

fn newest_ten(paths: &Paths) -> usize {
    let vault = Vault::open(paths).expect("open");
    let (_, loaded) = session::read_all(&vault, &passphrase()).expect("unlock");
    loaded.entries.iter().take(10).count()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("vault");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));

    group.bench_function("rotate/10000", |b| {
        b.iter_custom(|iters| {
            let (_dir, paths) = cli_filled();
            newest_ten(&paths); // pack, as any first unlocked command does
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let vault = Vault::open(&paths).expect("open");
                let start = Instant::now();
                let rows = session::rotate(&vault, &passphrase(), &passphrase()).expect("rotate");
                total += start.elapsed();
                assert!(rows > 0);
            }
            total
        })
    });

    group.bench_function("cli_filled/first_unlock/10000", |b| {
        b.iter_batched(
            cli_filled,
            |(_dir, paths)| newest_ten(&paths),
            BatchSize::PerIteration,
        )
    });

    let (_dir, paths) = cli_filled();
    newest_ten(&paths);
    group.bench_function("cli_filled/unlock_list/10000", |b| {
        b.iter(|| newest_ten(&paths))
    });
    let vault = Vault::open(&paths).expect("open");
    let keys = vault.unlock(&passphrase()).expect("unlock");
    group.bench_function("cli_filled/list_after_unlock/10000", |b| {
        b.iter(|| vault.load(&keys).expect("load").entries.len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
