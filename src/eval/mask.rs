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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::fixtures::{doc, lexicon};

    #[test]
    fn mask_top_drops_the_most_widespread_entries() {
        let lex = lexicon();
        // Entries: 0 Kiev, 1 Kiev regime, 2 Kyiv, 3 invasion. Kyiv fires in 3 articles,
        // Kiev in 2, Kiev regime in 1, invasion in 1 (ties by entry order).
        let a = doc("a", Some(Side::Kremlin), &["The Kiev regime. Kyiv."]);
        let b = doc("b", Some(Side::Western), &["Kyiv and Kiev. An invasion."]);
        let c = doc("c", Some(Side::Western), &["Kyiv again."]);
        let top = top_entries(&[&a, &b, &c], 2);
        assert_eq!(top, vec![2, 0]);
        assert_eq!(top_entries(&[&a, &b, &c], 9), vec![2, 0, 1, 3]);
        // Without Kyiv and Kiev, a's first sentence keeps Kiev regime (2), its second nothing.
        let m = without_entries(&a, &lex, &top);
        assert_eq!(m.sentences[0].evidence.score(), 2.0);
        assert_eq!(m.sentences[1].evidence.score(), 0.0);
        assert!(m.sentences[1].evidence.hits.is_empty());
        assert!(note(&lex, &top).contains("Kyiv, Kiev"));
    }
}
