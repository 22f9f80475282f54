//! Sentences and clauses of normalised text.
//!
//! The normaliser leaves `. , ; : ! ?` as separate tokens. A sentence ends
//! at `. ! ? ;`; inside it, a clause ends at `,` `:` or a word that turns the
//! sentence ("but", "though", "pero"), so a negation or a "my friend" only
//! reaches the concepts of its own clause.

/// Words that start a new clause.
const CLAUSE_TURNS: [&str; 9] = [
    "but", "though", "although", "however", "except", "yet", "pero", "aunque", "sino",
];

/// One sentence: its words and, for each word, the clause it belongs to.
#[derive(Debug, Default)]
pub struct Sentence<'a> {
    pub words: Vec<&'a str>,
    pub clause: Vec<u16>,
}

/// Split normalised text into sentences of words.
pub fn sentences(norm: &str) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut clause = 0u16;
    for tok in norm.split(' ') {
        match tok {
            "" => {}
            "." | "!" | "?" | ";" => {
                if !cur.words.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                clause = 0;
            }
            "," | ":" => clause += 1,
            w => {
                if CLAUSE_TURNS.contains(&w) {
                    clause += 1;
                }
                cur.words.push(w);
                cur.clause.push(clause);
            }
        }
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_and_clauses() {
        let s = sentences("i was sad , but im ok . really ! fine");
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].words, ["i", "was", "sad", "but", "im", "ok"]);
        assert_eq!(s[0].clause, [0, 0, 0, 2, 2, 2]);
        assert_eq!(s[2].words, ["fine"]);
    }
}
