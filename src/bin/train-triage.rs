//! Train the triage model on the train split and write its weights.
//!
//! `cargo run --release --bin train-triage` reads tests/corpus/train-*.tsv
//! and tests/corpus/triage.tsv (never test.tsv) and writes
//! assets/triage-model.bin. Same corpus, same bytes: the seed is fixed and
//! training runs on one thread.

use std::path::Path;

use between::domain::triage::corpus::{parse_tsv, LabelledEntry};
use between::domain::triage::model::{train, TrainConfig};
use between::domain::triage::Engine;

fn main() -> std::process::ExitCode {
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
    for f in &files {
        let src = match std::fs::read_to_string(f) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("train-triage: cannot read {}: {e}", f.display());
                return std::process::ExitCode::FAILURE;
            }
        };
        match parse_tsv(&src) {
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
    let model = train(&rows, |t| engine.normalize(t), &TrainConfig::default());
    let out = root.join("assets/triage-model.bin");
    let bytes = model.to_bytes();
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
