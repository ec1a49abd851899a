//! An article split into analysed sentences: the shared input of TF-IDF, the lexicon, the
//! model and scoring. Sentences are analysed once, with the one analyzer.

use crate::clean::CleanArticle;
use crate::lexicon::{Lexicon, LexiconEvidence};
use crate::text::{Analyzer, Term};

/// One sentence with its terms, n-gram features and lexicon evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub text: String,
    /// Kept paragraph it belongs to; `None` for the headline.
    pub paragraph: Option<usize>,
    pub terms: Vec<Term>,
    /// Key of each term's stem ([`crate::text::keys`]), aligned with `terms`: what TF-IDF
    /// counts and looks up, so no n-gram string is built on the hot path.
    pub keys: Vec<u64>,
    pub evidence: LexiconEvidence,
}

impl Sentence {
    /// The stems, in order.
    pub fn stems(&self) -> Vec<String> {
        self.terms.iter().map(|t| t.stem.to_string()).collect()
    }

    /// The n-gram features as strings ("pure defens"), for the few places that show or
    /// export them; everything else works on `keys`.
    pub fn features(&self, analyzer: &Analyzer) -> Vec<String> {
        analyzer.ngrams(&self.stems())
    }

    pub fn is_headline(&self) -> bool {
        self.paragraph.is_none()
    }

    /// The stem keys the classifier sees: all of them, or with `mask_hits` every term inside
    /// a lexicon hit replaced by [`MASKED_KEY`], so that no n-gram touching a hit is in the
    /// row (`ClassifierParams::mask_hits`).
    pub fn model_keys(&self, mask_hits: bool) -> std::borrow::Cow<'_, [u64]> {
        if !mask_hits || self.evidence.hits.is_empty() {
            return std::borrow::Cow::Borrowed(&self.keys);
        }
        let mut keys = self.keys.clone();
        for h in &self.evidence.hits {
            let end = (h.start + h.len).min(keys.len());
            keys[h.start.min(end)..end].fill(MASKED_KEY);
        }
        std::borrow::Cow::Owned(keys)
    }
}

/// The stem key of a masked term: no stem's (a 64-bit hash equal to it, and n-gram keys
/// folded from it, are as unlikely as any other key collision), so the unigram and every
/// n-gram containing it miss the vocabulary and stay out of the row.
pub const MASKED_KEY: u64 = u64::MAX;

/// A cleaned article and its analysed sentences (headline first, when there is one).
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub article: CleanArticle,
    pub sentences: Vec<Sentence>,
}

impl Document {
    /// Free the per-term analysis (terms and keys) once the document is scored and its
    /// sources attributed. Writing tables, attributions and own-text fingerprints needs only
    /// the article and the sentence texts; terms and keys were about two thirds of the heap
    /// of a run on 10,000 articles, held by the batches waiting to be written.
    pub fn release_analysis(&mut self) {
        for s in &mut self.sentences {
            s.terms = Vec::new();
            s.keys = Vec::new();
        }
    }
}

/// Split and analyse a cleaned article, in its own language (`article.lang`).
pub fn analyze(article: CleanArticle, analyzer: &Analyzer, lexicon: &Lexicon) -> Document {
    let mut sentences = Vec::new();
    let mut push = |text: &str, paragraph: Option<usize>| {
        let (terms, keys) = analyzer.terms_and_keys_in(&article.lang, text);
        let evidence = lexicon.evidence_of_terms(&terms, text);
        sentences.push(Sentence {
            text: text.to_string(),
            paragraph,
            terms,
            keys,
            evidence,
        });
    };
    if let Some(t) = &article.title {
        push(t, None);
    }
    for (p, para) in article.paragraphs.iter().enumerate() {
        for r in analyzer.sentences_in(&article.lang, para) {
            push(&para[r], Some(p));
        }
    }
    Document { article, sentences }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Hit;

    #[test]
    fn masked_keys_hide_exactly_the_terms_inside_hits() {
        let s = Sentence {
            text: String::new(),
            paragraph: Some(0),
            terms: Vec::new(),
            keys: vec![10, 11, 12, 13, 14],
            evidence: LexiconEvidence {
                // A two-term hit at 1..3 and a one-term hit inside it (as "Kiev regime" and
                // "Kiev"), and one at the end.
                hits: vec![
                    Hit {
                        entry: 0,
                        start: 1,
                        len: 2,
                    },
                    Hit {
                        entry: 1,
                        start: 1,
                        len: 1,
                    },
                    Hit {
                        entry: 2,
                        start: 4,
                        len: 1,
                    },
                ],
                kremlin_weight: 3.5,
                western_weight: 0.0,
            },
        };
        assert_eq!(&*s.model_keys(false), &[10, 11, 12, 13, 14]);
        let m = MASKED_KEY;
        assert_eq!(&*s.model_keys(true), &[10, m, m, 13, m]);
        // No hit: the keys themselves, not a copy.
        let plain = Sentence {
            evidence: LexiconEvidence::default(),
            ..s.clone()
        };
        assert!(matches!(plain.model_keys(true), std::borrow::Cow::Borrowed(_)));
    }
}
