//! Labelled entries in the `bucket level also_ok text` TSV format, and the
//! figures the project judges triage by. Pure: callers read the files.

use super::{Engine, Triage};
use crate::domain::model::{Bucket, CrisisLevel, TextingScope};

/// One labelled row.
#[derive(Debug, Clone)]
pub struct LabelledEntry {
    /// 1-based line in its file.
    pub line: usize,
    pub bucket: Bucket,
    pub level: CrisisLevel,
    /// A second acceptable bucket, when the label allows one.
    pub also_ok: Option<Bucket>,
    pub text: String,
}

/// Parse a corpus file's text. The first line is a header; blank lines and
/// lines starting with `#` are skipped.
pub fn parse_tsv(src: &str) -> Result<Vec<LabelledEntry>, String> {
    let mut rows = Vec::new();
    for (i, line) in src.lines().enumerate() {
        // The header is optional: a first line naming the columns is
        // skipped, a first line of data is read.
        let header = i == 0 && line.split('\t').next().map(str::trim) == Some("bucket");
        if header || line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let n = i + 1;
        let cols: Vec<&str> = line.splitn(4, '\t').collect();
        if cols.len() != 4 {
            return Err(format!("line {n}: expected 4 tab-separated columns"));
        }
        let bucket: Bucket = cols[0]
            .trim()
            .parse()
            .map_err(|_| format!("line {n}: unknown bucket"))?;
        let level = match cols[1].trim() {
            "imminent" => CrisisLevel::Imminent,
            "elevated" => CrisisLevel::Elevated,
            "-" | "none" => CrisisLevel::None,
            _ => return Err(format!("line {n}: unknown level")),
        };
        let also_ok = match cols[2].trim() {
            "-" | "" => None,
            b => Some(
                b.parse()
                    .map_err(|_| format!("line {n}: unknown also_ok bucket"))?,
            ),
        };
        rows.push(LabelledEntry {
            line: n,
            bucket,
            level,
            also_ok,
            text: cols[3].to_string(),
        });
    }
    Ok(rows)
}

/// A row the engine got wrong.
#[derive(Debug, Clone)]
pub struct Miss {
    pub line: usize,
    pub expected: String,
    pub got: String,
    /// The signal families that decided it (for tuning, not for users).
    pub signals: String,
    pub text: String,
}

/// Counts over a corpus.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub total: usize,
    pub correct: usize,
    pub crisis_total: usize,
    pub crisis_caught: usize,
    pub imminent_total: usize,
    pub imminent_levelled: usize,
    pub non_crisis_total: usize,
    pub false_crises: usize,
    pub hours_total: usize,
    pub hours_caught: usize,
    pub check_ins: usize,
    /// Crisis rows not filed as crisis on which the check-in question was
    /// asked: the writer is still asked outright and can answer yes.
    pub missed_but_asked: usize,
    pub misses: Vec<Miss>,
}

fn label(bucket: Bucket, level: CrisisLevel) -> String {
    if bucket == Bucket::Crisis {
        format!("crisis/{}", level.as_str())
    } else {
        bucket.as_str().to_string()
    }
}

impl Evaluation {
    fn add(&mut self, row: &LabelledEntry, t: &Triage) {
        self.total += 1;
        let ok_bucket = t.bucket == row.bucket || Some(t.bucket) == row.also_ok;
        let mut ok = ok_bucket;
        if row.bucket == Bucket::Crisis && row.also_ok.is_none() {
            self.crisis_total += 1;
            if t.bucket == Bucket::Crisis {
                self.crisis_caught += 1;
            } else if t.check_in {
                self.missed_but_asked += 1;
            }
        }
        if row.level == CrisisLevel::Imminent {
            self.imminent_total += 1;
            if t.crisis_level == CrisisLevel::Imminent {
                self.imminent_levelled += 1;
            } else {
                ok = false;
            }
        }
        if row.bucket != Bucket::Crisis && row.also_ok != Some(Bucket::Crisis) {
            self.non_crisis_total += 1;
            if t.bucket == Bucket::Crisis {
                self.false_crises += 1;
            }
        }
        if row.bucket == Bucket::Hours {
            self.hours_total += 1;
            if t.bucket == Bucket::Hours {
                self.hours_caught += 1;
            }
        }
        if t.check_in {
            self.check_ins += 1;
        }
        if ok_bucket {
            self.correct += 1;
        }
        if !ok {
            self.misses.push(Miss {
                line: row.line,
                expected: label(row.bucket, row.level),
                got: label(t.bucket, t.crisis_level),
                signals: t
                    .reasons
                    .iter()
                    .map(|r| r.rule.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                text: row.text.clone(),
            });
        }
    }

    pub fn accuracy(&self) -> f64 {
        ratio(self.correct, self.total)
    }
    pub fn crisis_recall(&self) -> f64 {
        ratio(self.crisis_caught, self.crisis_total)
    }
    pub fn hours_recall(&self) -> f64 {
        ratio(self.hours_caught, self.hours_total)
    }
    pub fn false_crisis_rate(&self) -> f64 {
        if self.non_crisis_total == 0 {
            0.0
        } else {
            self.false_crises as f64 / self.non_crisis_total as f64
        }
    }

    /// The project's targets for a held-out set.
    pub fn meets_targets(&self) -> bool {
        self.crisis_caught == self.crisis_total
            && self.imminent_levelled == self.imminent_total
            && self.false_crisis_rate() <= 0.02
            && self.accuracy() >= 0.92
            && self.hours_recall() >= 0.90
    }

    /// The figures as a few lines of text.
    pub fn summary(&self) -> String {
        format!(
            "crisis recall      {}/{} ({:.1}%)\n\
             imminent levelled  {}/{}\n\
             false crises       {}/{} non-crisis ({:.1}%)\n\
             accuracy           {}/{} ({:.1}%)\n\
             hours recall       {}/{} ({:.1}%)\n\
             check-in asked     {} ({} of them on a missed crisis)",
            self.crisis_caught,
            self.crisis_total,
            self.crisis_recall() * 100.0,
            self.imminent_levelled,
            self.imminent_total,
            self.false_crises,
            self.non_crisis_total,
            self.false_crisis_rate() * 100.0,
            self.correct,
            self.total,
            self.accuracy() * 100.0,
            self.hours_caught,
            self.hours_total,
            self.hours_recall() * 100.0,
            self.check_ins,
            self.missed_but_asked,
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Triage every row and count.
pub fn evaluate(engine: &Engine, rows: &[LabelledEntry], scope: &TextingScope) -> Evaluation {
    let mut e = Evaluation::default();
    for r in rows {
        e.add(r, &engine.triage(&r.text, scope));
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_line_is_optional() {
        let rows = "crisis\televated\t-\tfirst row\nhours\t-\t-\tsecond row\n";
        let parsed = parse_tsv(rows).expect("parses");
        assert_eq!(parsed.len(), 2, "no row lost without a header");
        assert_eq!(parsed[0].text, "first row");
        let with_header = format!("bucket\tlevel\talso_ok\ttext\n{rows}");
        assert_eq!(parse_tsv(&with_header).expect("parses").len(), 2);
    }
}
