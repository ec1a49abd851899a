//! `eval --mask-top K`: the K lexicon entries that fire in the most evaluated articles are
//! taken out of the lexicon in every setting (counts, weak labels, the lexicon prior), as if
//! the lexicon had never held them. Their words stay visible to the classifier. This asks
//! how a method does where the lexicon is sparse, which the full lexicon on the dev set
//! (counts near AUC 0.97) cannot show.

use crate::corpus::Side;
use crate::document::Document;
use crate::lexicon::Lexicon;

/// The `k` entries hitting in the most of `docs` (ties by entry order), most widespread first.
pub fn top_entries(docs: &[&Document], k: usize) -> Vec<usize> {
    let mut df: Vec<(usize, usize)> = Vec::new();
    for d in docs {
        let mut seen: Vec<usize> = d
            .sentences
            .iter()
            .flat_map(|s| s.evidence.hits.iter().map(|h| h.entry))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for e in seen {
            if e >= df.len() {
                df.extend((df.len()..=e).map(|j| (j, 0)));
            }
            df[e].1 += 1;
        }
    }
    df.retain(|&(_, n)| n > 0);
    df.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    df.into_iter().take(k).map(|(e, _)| e).collect()
}

/// A copy of `doc` whose sentences no longer hold hits of the `dropped` entries, their
/// Kremlin and Western weights reduced accordingly.
pub fn without_entries(doc: &Document, lexicon: &Lexicon, dropped: &[usize]) -> Document {
    let mut d = doc.clone();
    for s in &mut d.sentences {
        let ev = &mut s.evidence;
        for h in ev.hits.iter().filter(|h| dropped.contains(&h.entry)) {
            let e = &lexicon.entries[h.entry];
            match e.side {
                Side::Kremlin => ev.kremlin_weight -= e.weight,
                Side::Western => ev.western_weight -= e.weight,
            }
        }
        ev.hits.retain(|h| !dropped.contains(&h.entry));
        // Exactly 0 when nothing is left (no rounding residue from the subtraction).
        if !ev.hits.iter().any(|h| lexicon.entries[h.entry].side == Side::Kremlin) {
            ev.kremlin_weight = 0.0;
        }
        if !ev.hits.iter().any(|h| lexicon.entries[h.entry].side == Side::Western) {
            ev.western_weight = 0.0;
        }
    }
    d
}

/// The phrases of the dropped entries, for the report's notes.
pub fn note(lexicon: &Lexicon, dropped: &[usize]) -> String {
    let phrases: Vec<&str> = dropped.iter().map(|&e| lexicon.entries[e].phrase.as_str()).collect();
    format!(
        "--mask-top {}: these lexicon entries (firing in the most evaluated articles) are removed from the lexicon in every setting, their words left to the classifier: {}",
        dropped.len(),
        phrases.join(", ")
    )
}
