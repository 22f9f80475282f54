//! Runs the labelled triage corpora: our own (always) and the shared dev set
//! (when present). Rows are test data, not user data, so failures print them.

use std::path::Path;

use between::domain::model::{Bucket, CrisisLevel, TextingScope};
use between::domain::triage::Engine;

struct Row {
    line: usize,
    bucket: Bucket,
    level: CrisisLevel,
    also_ok: Option<Bucket>,
    text: String,
}

fn load(path: &Path) -> Vec<Row> {
    let src = std::fs::read_to_string(path).expect("read corpus");
    let mut rows = Vec::new();
    for (i, line) in src.lines().enumerate() {
        if i == 0 || line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.splitn(4, '\t').collect();
        assert_eq!(
            cols.len(),
            4,
            "{}:{}: expected 4 tab-separated columns",
            path.display(),
            i + 1
        );
        let bucket: Bucket = cols[0].parse().expect("bucket");
        let level = match cols[1].trim() {
            "imminent" => CrisisLevel::Imminent,
            "elevated" => CrisisLevel::Elevated,
            "-" | "none" => CrisisLevel::None,
            other => panic!("{}:{}: unknown level {other}", path.display(), i + 1),
        };
        let also_ok = match cols[2].trim() {
            "-" => None,
            b => Some(b.parse().expect("also_ok bucket")),
        };
        rows.push(Row {
            line: i + 1,
            bucket,
            level,
            also_ok,
            text: cols[3].to_string(),
        });
    }
    rows
}

/// Checks one corpus; returns (correct, total) and failure descriptions.
fn check(name: &str, rows: &[Row]) -> (usize, usize, Vec<String>) {
    let engine = Engine::builtin();
    let scope = TextingScope::default();
    let mut correct = 0;
    let mut hard = Vec::new();
    let mut misses = Vec::new();
    for r in rows {
        let t = engine.triage(&r.text, &scope);
        let ok = t.bucket == r.bucket || Some(t.bucket) == r.also_ok;
        if ok {
            correct += 1;
        } else {
            misses.push(format!(
                "{name}:{} expected {} got {} ({}) :: {}",
                r.line,
                r.bucket,
                t.bucket,
                t.reasons.first().map(|x| x.to_string()).unwrap_or_default(),
                r.text
            ));
        }
        if r.bucket == Bucket::Crisis && r.also_ok.is_none() && t.bucket != Bucket::Crisis {
            hard.push(format!("{name}:{} MISSED CRISIS :: {}", r.line, r.text));
        }
        if r.level == CrisisLevel::Imminent && t.crisis_level != CrisisLevel::Imminent {
            hard.push(format!(
                "{name}:{} expected imminent, got {} :: {}",
                r.line,
                t.crisis_level.as_str(),
                r.text
            ));
        }
        if r.bucket != Bucket::Crisis
            && r.also_ok != Some(Bucket::Crisis)
            && t.bucket == Bucket::Crisis
        {
            hard.push(format!(
                "{name}:{} FALSE CRISIS ({}) :: {}",
                r.line,
                t.reasons.first().map(|x| x.to_string()).unwrap_or_default(),
                r.text
            ));
        }
    }
    let total = rows.len();
    println!(
        "{name}: {correct}/{total} correct ({:.1}%)",
        100.0 * correct as f64 / total.max(1) as f64
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    (correct, total, hard)
}

fn run(name: &str, path: &Path, min_rows: usize) {
    let rows = load(path);
    assert!(
        rows.len() >= min_rows,
        "{name} has only {} rows",
        rows.len()
    );
    let (correct, total, hard) = check(name, &rows);
    for h in &hard {
        println!("  FAIL: {h}");
    }
    assert!(
        hard.is_empty(),
        "{name}: {} hard failures (see output)",
        hard.len()
    );
    let acc = correct as f64 / total as f64;
    assert!(
        acc >= 0.95,
        "{name}: accuracy {:.1}% is below 95%",
        acc * 100.0
    );
}

#[test]
fn own_corpus() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/triage.tsv");
    run("triage.tsv", &path, 170);
}

#[test]
fn shared_dev_corpus() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/triage/dev.tsv");
    if !path.exists() {
        println!(
            "note: {} not present, skipping the shared dev set",
            path.display()
        );
        return;
    }
    run("dev.tsv", &path, 1);
}
