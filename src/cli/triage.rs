//! `between triage`: one entry, a stream of entries (`--jsonl`), or a
//! labelled corpus (`--eval`). Needs no vault.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use clap::Args;

use crate::app::{Config, Paths};
use crate::domain::model::{Bucket, TextingScope};
use crate::domain::triage::corpus::{evaluate, parse_tsv};
use crate::domain::triage::{Engine, Triage};

#[derive(Args, Debug)]
pub struct TriageArgs {
    /// The entry (read from stdin when absent).
    pub text: Option<String>,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
    /// Read one entry per stdin line; print one JSON result per line.
    #[arg(long, conflicts_with_all = ["text", "eval"])]
    pub jsonl: bool,
    /// Score a labelled TSV (bucket, level, also_ok, text) and list the misses.
    #[arg(long, value_name = "FILE.tsv", conflicts_with = "text")]
    pub eval: Option<PathBuf>,
    /// For tuning: print each sentence's concepts and the model's scores.
    #[arg(long, hide = true)]
    pub trace: bool,
}

/// The user's texting agreement, or the default when there is none.
fn scope() -> TextingScope {
    Paths::discover()
        .ok()
        .and_then(|p| Config::load(&p).ok())
        .map(|c| c.agreement.texting)
        .unwrap_or_default()
}

/// The fields a script wants, in a stable shape.
fn json_line(t: &Triage) -> serde_json::Value {
    serde_json::json!({
        "bucket": t.bucket,
        "level": t.crisis_level,
        "check_in": t.check_in,
        "reasons": t.reasons,
    })
}

pub fn run(args: TriageArgs) -> Result<(), String> {
    if let Some(file) = args.eval {
        return eval(&file);
    }
    let engine = Engine::builtin();
    let scope = scope();
    if args.jsonl {
        let stdin = std::io::stdin();
        let mut out = std::io::stdout().lock();
        for line in stdin.lock().lines() {
            let line = line.map_err(|e| format!("could not read stdin: {e}"))?;
            let t = engine.triage(&line, &scope);
            if writeln!(out, "{}", json_line(&t)).is_err() {
                return Ok(()); // the reader closed the pipe
            }
        }
        return Ok(());
    }
    let text = super::read_text_or_stdin(args.text)?;
    if args.trace {
        for line in engine.trace(&text) {
            println!("{line}");
        }
    }
    let result = engine.triage(&text, &scope);
    if args.json {
        let mut v = serde_json::to_value(&result).map_err(|e| e.to_string())?;
        v["level"] = serde_json::json!(result.crisis_level);
        println!("{v}");
        return Ok(());
    }
    println!("{}", result.bucket.label());
    for reason in &result.reasons {
        println!("  why: {reason}");
    }
    if result.bucket == Bucket::Crisis {
        super::print_crisis_help(result.crisis_level, "US");
    } else if result.check_in {
        println!();
        println!("Are you having thoughts of ending your life or hurting yourself?");
        println!("If yes, run `between resources` for a crisis line you can call or text now.");
    }
    Ok(())
}

/// Print the figures for a labelled file, then every miss. Corpus rows are
/// test data, not a user's entries, so printing them is fine.
fn eval(file: &PathBuf) -> Result<(), String> {
    let src = std::fs::read_to_string(file)
        .map_err(|e| format!("could not read {}: {e}", file.display()))?;
    let rows = parse_tsv(&src).map_err(|e| format!("{}: {e}", file.display()))?;
    // Scored with the default agreement, as the labels assume.
    let e = evaluate(Engine::builtin(), &rows, &TextingScope::default());
    println!("{} ({} entries)", file.display(), rows.len());
    println!("{}", e.summary());
    if !e.misses.is_empty() {
        println!();
        println!("misses ({}):", e.misses.len());
        for m in &e.misses {
            println!(
                "  line {}: expected {}, got {} [{}] :: {}",
                m.line, m.expected, m.got, m.signals, m.text
            );
        }
    }
    Ok(())
}
