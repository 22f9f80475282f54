//! Train the triage model on the train split and write its weights.
//!
//! `cargo run --release --bin train-triage` reads tests/corpus/train-*.tsv
//! and tests/corpus/triage.tsv (never test.tsv) and writes
//! assets/triage-model.bin. Same corpus, same bytes: the seed is fixed and
//! training runs on one thread.
//!
//! `--holdout train-b` trains without that file instead, scores it with the
//! rules plus that model and prints the figures and misses; nothing is
//! written. That is how the rules and the model are tuned without the
//! test split.

use std::path::Path;

use between::domain::model::TextingScope;
use between::domain::triage::corpus::{evaluate, parse_tsv, LabelledEntry};
use between::domain::triage::model::{train, TrainConfig};
use between::domain::triage::{Engine, Thresholds, BUILTIN_TOML, CONCEPTS_TOML};

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let holdout = args
        .iter()
        .position(|a| a == "--holdout")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("tests/corpus");
    let mut files: Vec<_> = match std::fs::read_dir(&corpus) {
        Ok(d) => d
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                (name.starts_with("train-") || name == "triage.tsv") && name.ends_with(".tsv")
            })
            .collect(),
        Err(e) => {
            eprintln!("train-triage: cannot read {}: {e}", corpus.display());
            return std::process::ExitCode::FAILURE;
        }
    };
    files.sort();
    let mut rows: Vec<LabelledEntry> = Vec::new();
    let mut held: Vec<LabelledEntry> = Vec::new();
    for f in &files {
        let is_held = holdout.as_deref().is_some_and(|h| {
            f.file_stem().and_then(|n| n.to_str()) == Some(h.trim_end_matches(".tsv"))
        });
        let src = match std::fs::read_to_string(f) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("train-triage: cannot read {}: {e}", f.display());
                return std::process::ExitCode::FAILURE;
            }
        };
        match parse_tsv(&src) {
            Ok(r) if is_held => held.extend(r),
            Ok(r) => {
                println!("{}: {} rows", f.display(), r.len());
                rows.extend(r);
            }
            Err(e) => {
                eprintln!("train-triage: {}: {e}", f.display());
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    let engine = Engine::builtin();
    // Overrides for exploring settings with --holdout; the committed model
    // uses the defaults.
    let mut cfg = TrainConfig::default();
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f32>().ok());
    if let Some(v) = env("TRAIN_L2") {
        cfg.l2 = v;
    }
    if let Some(v) = env("TRAIN_POSITIVE_WEIGHT") {
        cfg.positive_weight = v;
    }
    if let Some(v) = env("TRAIN_EPOCHS") {
        cfg.epochs = v as usize;
    }
    if let Some(v) = env("TRAIN_NB") {
        cfg.nb_smoothing = (v > 0.0).then_some(v);
    }
    if let Some(v) = env("TRAIN_SHUFFLES") {
        cfg.shuffles = v as usize;
    }
    if let Some(v) = env("TRAIN_LEARNING_RATE") {
        cfg.learning_rate = v;
    }
    let model = train(&rows, |t| engine.model_features(t), &cfg);
    let bytes = model.to_bytes();
    if holdout.is_some() {
        let mut th = Thresholds::default();
        for (k, slot) in [
            ("TH_CRISIS", &mut th.crisis_with_sign),
            ("TH_ALONE", &mut th.crisis_alone),
            ("TH_CHECK_IN", &mut th.check_in),
            ("TH_IMMINENT", &mut th.imminent),
        ] {
            if let Some(v) = env(k) {
                *slot = v;
            }
        }
        let engine = match Engine::from_parts(BUILTIN_TOML, CONCEPTS_TOML, &bytes) {
            Ok(e) => e.with_thresholds(th),
            Err(e) => {
                eprintln!("train-triage: {e}");
                return std::process::ExitCode::FAILURE;
            }
        };
        threshold_table(&model, &held);
        if let Ok(dir) = std::env::var("TRIAGE_DUMP") {
            dump_scores(
                &engine,
                &model,
                &held,
                Path::new(&dir),
                holdout.as_deref().unwrap_or(""),
            );
        }
        let e = evaluate(&engine, &held, &TextingScope::default());
        println!("held out ({} rows):\n{}", held.len(), e.summary());
        for m in &e.misses {
            println!(
                "  line {}: expected {}, got {} [{}] :: {}",
                m.line, m.expected, m.got, m.signals, m.text
            );
        }
        return std::process::ExitCode::SUCCESS;
    }
    let out = root.join("assets/triage-model.bin");
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("train-triage: cannot write {}: {e}", out.display());
        return std::process::ExitCode::FAILURE;
    }
    println!(
        "trained on {} rows; wrote {} ({} bytes)",
        rows.len(),
        out.display(),
        bytes.len()
    );
    std::process::ExitCode::SUCCESS
}

/// How crisis recall and false crises move with the model's threshold, on
/// top of the rules alone (for choosing the thresholds in mod.rs).
fn threshold_table(model: &between::domain::triage::model::Model, held: &[LabelledEntry]) {
    use between::domain::model::Bucket;
    use between::domain::triage::model::Head;
    let rules = match Engine::from_parts(BUILTIN_TOML, CONCEPTS_TOML, &[]) {
        Ok(e) => e,
        Err(_) => return,
    };
    let scope = TextingScope::default();
    let scored: Vec<(bool, bool, f32)> = held
        .iter()
        .map(|r| {
            let by_rules = rules.triage(&r.text, &scope).bucket == Bucket::Crisis;
            let feats = rules.model_features(&r.text);
            let p = model.score(Head::Crisis, &feats);
            (r.bucket == Bucket::Crisis, by_rules, p)
        })
        .collect();
    for th in [0.3f32, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.1] {
        let (mut caught, mut crises, mut false_c, mut non) = (0, 0, 0, 0);
        for &(is_crisis, by_rules, p) in &scored {
            let called = by_rules || p >= th;
            if is_crisis {
                crises += 1;
                caught += usize::from(called);
            } else {
                non += 1;
                false_c += usize::from(called);
            }
        }
        println!("model >= {th:.1}: crisis {caught}/{crises}, false {false_c}/{non}");
    }
}

/// For exploring decision policies offline: one line per held-out row with
/// the label, the engine's verdict, the rules' verdict without the model,
/// the model's scores and the word count. Written only when TRIAGE_DUMP
/// names a folder; labels and texts of the train split only.
fn dump_scores(
    engine: &Engine,
    model: &between::domain::triage::model::Model,
    held: &[LabelledEntry],
    dir: &Path,
    name: &str,
) {
    use between::domain::triage::model::Head;
    use std::fmt::Write as _;
    let Ok(rules) = Engine::from_parts(BUILTIN_TOML, CONCEPTS_TOML, &[]) else {
        return;
    };
    let scope = TextingScope::default();
    let mut out = String::new();
    for r in held {
        let t = engine.triage(&r.text, &scope);
        let by_rules = rules.triage(&r.text, &scope);
        let feats = rules.model_features(&r.text);
        let _ = writeln!(
            out,
            "{:?}\t{:?}\t{:?}\t{}\t{:?}\t{}\t{:.4}\t{:.4}\t{}\t{}",
            r.bucket,
            r.level,
            t.bucket,
            t.check_in,
            by_rules.bucket,
            by_rules.check_in,
            model.score(Head::Crisis, &feats),
            model.score(Head::Imminent, &feats),
            engine
                .normalize(&r.text)
                .split(' ')
                .filter(|w| !w.is_empty())
                .count(),
            r.text.replace('\t', " ")
        );
    }
    let path = dir.join(format!("{name}.tsv"));
    if let Err(e) = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, out)) {
        eprintln!("train-triage: cannot write {}: {e}", path.display());
    }
}
