//! The comparator's columns of `scores.csv`, computed during `run` and `score`: sourcing per
//! article (as articles arrive) and own text (once the whole run is seen, since a sentence is
//! "own" only if no other article of the run shares it).

use super::overlap::{find_matches, fingerprint_document, own_text, OverlapParams, SentencePrint, TooManyNearPairs};
use super::sourcing::{summarize, Actors, Attribution};
use super::ComparatorColumns;
use crate::document::Document;
use crate::report::cell;
use crate::score::SentenceScore;
use crate::text::voice::Words;
use serde::{Deserialize, Serialize};

/// Fill the sourcing columns of one article; returns its attributions (for
/// `attributions.csv`).
/// `words`: each sentence's [`Words`] (shared with the voice split).
pub fn apply_sourcing(
    doc: &Document,
    words: &[Words],
    columns: &mut ComparatorColumns,
    actors: &Actors,
) -> Vec<Attribution> {
    let att = actors.attribute_words(
        doc.sentences
            .iter()
            .zip(words)
            .map(|(s, w)| (s.text.as_str(), s.paragraph, w)),
    );
    columns.set_sourcing(&summarize(&att));
    att
}

/// Collects what own-text needs (sentence fingerprints and p_kremlin) as articles stream by.
#[derive(Debug, Default)]
pub struct OwnTextAccumulator {
    params: OverlapParams,
    prints: Vec<Vec<SentencePrint>>,
    /// Each sentence's evidence (`score::sentence_evidence`).
    p: Vec<Vec<Option<f64>>>,
    ids: Vec<String>,
    quoted_weight: Option<f64>,
    /// Each article's no-evidence point: that of the classifier that scored it (its
    /// `score_offset`; a cross-fitting fold's in a cross-fitted run).
    centres: Vec<f64>,
}

/// A sentence that another article of the run also carries: a row of
/// `shared_sentences.csv` (its columns are these fields), read back for the marks of shared
/// copy in the HTML report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedSentence {
    pub article_id: String,
    pub index: usize,
    #[serde(rename = "shared_with")]
    pub other_id: String,
    pub other_index: usize,
    pub exact: bool,
    #[serde(serialize_with = "cell::f6")]
    pub similarity: f64,
}

/// What the own-text pass found: per article (own_text_share, own_framing_score), in the
/// order added, and every shared sentence with its best match.
#[derive(Debug, Clone, Default)]
pub struct OwnText {
    pub per_article: Vec<(f64, Option<f64>)>,
    pub shared: Vec<SharedSentence>,
}

impl OwnTextAccumulator {
    /// `quoted_weight`: the model's (`ClassifierParams::quoted_weight`), so that
    /// `own_framing_score` is measured as `framing_score` is.
    pub fn new(params: OverlapParams, quoted_weight: Option<f64>) -> Self {
        OwnTextAccumulator {
            params,
            quoted_weight,
            ..Default::default()
        }
    }

    /// Add an article, with the no-evidence point `centre` of the classifier that scored it
    /// (its `score_offset`), which its own_framing_score is measured from, as framing_score is.
    pub fn add(&mut self, doc: &Document, sentences: &[SentenceScore], centre: f64) {
        self.centres.push(centre);
        self.prints.push(fingerprint_document(doc, self.params.shingle));
        let q = self.quoted_weight;
        self.p.push(
            sentences
                .iter()
                .map(|s| crate::score::sentence_evidence(s, q, centre))
                .collect(),
        );
        self.ids.push(doc.article.id.clone());
    }

    /// (own_text_share, own_framing_score) per article, in the order added; an error when
    /// the articles hold too many near-identical sentences to compare
    /// ([`OverlapParams::max_near_pairs`]).
    pub fn finish(self) -> Result<OwnText, TooManyNearPairs> {
        // Compared in order of article id, so that which of several equal matches a sentence
        // names (and which a repeated line's capped matches keep) does not depend on the
        // order the articles came in (review G, session 50: the same corpus reversed named
        // other `shared_with` articles in 23,000 rows of shared_sentences.csv).
        let n = self.prints.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&x, &y| self.ids[x].cmp(&self.ids[y]));
        let mut rank = vec![0; n];
        for (k, &a) in order.iter().enumerate() {
            rank[a] = k;
        }
        let mut slots: Vec<Option<Vec<SentencePrint>>> = self.prints.into_iter().map(Some).collect();
        let prints: Vec<Vec<SentencePrint>> = order.iter().map(|&a| slots[a].take().unwrap_or_default()).collect();
        let m = find_matches(&prints, &self.params)?;
        let per_article = (0..n)
            .map(|a| own_text(&prints[rank[a]], &m[rank[a]], &self.p[a], self.centres[a]))
            .collect();
        let mut shared = Vec::new();
        for a in 0..n {
            for (i, matches) in m[rank[a]].iter().enumerate() {
                // The best match: exact first, then the most similar, then by article id.
                let best = matches.iter().min_by(|x, y| {
                    y.exact
                        .cmp(&x.exact)
                        .then(y.similarity.total_cmp(&x.similarity))
                        .then((x.article, x.sentence).cmp(&(y.article, y.sentence)))
                });
                if let Some(b) = best {
                    shared.push(SharedSentence {
                        article_id: self.ids[a].clone(),
                        index: i,
                        other_id: self.ids[order[b.article]].clone(),
                        other_index: b.sentence,
                        exact: b.exact,
                        similarity: b.similarity,
                    });
                }
            }
        }
        Ok(OwnText { per_article, shared })
    }
}
