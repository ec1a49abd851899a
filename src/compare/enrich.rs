//! The comparator's columns of `scores.csv`, computed during `run` and `score`: sourcing per
//! article (as articles arrive) and own text (once the whole run is seen, since a sentence is
//! "own" only if no other article of the run shares it).

use super::overlap::{find_matches, fingerprint_document, own_text, OverlapParams, SentencePrint};
use super::sourcing::{summarize, Actors, Attribution};
use crate::document::Document;
use crate::score::{ArticleScore, SentenceScore};

/// Fill the sourcing columns of one article; returns its attributions (for
/// `attributions.csv`).
pub fn apply_sourcing(doc: &Document, score: &mut ArticleScore, actors: &Actors) -> Vec<Attribution> {
    let att = actors.attribute(doc.sentences.iter().map(|s| s.text.as_str()));
    let s = summarize(&att);
    score.n_attributed = s.n_attributed;
    score.sourced_kremlin = s.share_kremlin();
    score.sourced_western = s.share_western();
    score.sourced_ukraine = s.share_ukraine();
    score.sourcing_balance = s.balance();
    att
}

/// Collects what own-text needs (sentence fingerprints and p_kremlin) as articles stream by.
#[derive(Debug, Default)]
pub struct OwnTextAccumulator {
    params: OverlapParams,
    prints: Vec<Vec<SentencePrint>>,
    p: Vec<Vec<f64>>,
}

impl OwnTextAccumulator {
    pub fn new(params: OverlapParams) -> Self {
        OwnTextAccumulator {
            params,
            ..Default::default()
        }
    }

    pub fn add(&mut self, doc: &Document, sentences: &[SentenceScore]) {
        self.prints.push(fingerprint_document(doc, self.params.shingle));
        self.p.push(sentences.iter().map(|s| s.p_kremlin).collect());
    }

    /// (own_text_share, own_framing_score) per article, in the order added; `centre` is the
    /// model's no-evidence point (`score::no_evidence_point`), as for `framing_score`.
    pub fn finish(self, centre: f64) -> Vec<(f64, Option<f64>)> {
        let m = find_matches(&self.prints, &self.params);
        (0..self.prints.len())
            .map(|a| own_text(&self.prints[a], &m[a], &self.p[a], centre))
            .collect()
    }
}

/// Everything at once, for runs held in memory: sourcing and own text for every article.
/// Returns the attributions per article.
pub fn enrich_all(
    docs: &[Document],
    scored: &mut [(ArticleScore, Vec<SentenceScore>)],
    actors: &Actors,
    params: &OverlapParams,
    centre: f64,
) -> Vec<Vec<Attribution>> {
    let mut acc = OwnTextAccumulator::new(params.clone());
    let mut att = Vec::with_capacity(docs.len());
    for (d, (a, s)) in docs.iter().zip(scored.iter_mut()) {
        att.push(apply_sourcing(d, a, actors));
        acc.add(d, s);
    }
    for ((a, _), (share, score)) in scored.iter_mut().zip(acc.finish(centre)) {
        a.own_text_share = Some(share);
        a.own_framing_score = score;
    }
    att
}
