//! An article split into analysed sentences: the shared input of TF-IDF, the lexicon, the
//! model and scoring. Sentences are analysed once, with the one analyzer.

use crate::clean::CleanArticle;
use crate::lexicon::{Lexicon, LexiconEvidence};
use crate::text::{split_sentences, Analyzer, Term};

/// One sentence with its terms, n-gram features and lexicon evidence.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub text: String,
    /// Kept paragraph it belongs to; `None` for the headline.
    pub paragraph: Option<usize>,
    pub terms: Vec<Term>,
    pub features: Vec<String>,
    pub evidence: LexiconEvidence,
}

impl Sentence {
    pub fn is_headline(&self) -> bool {
        self.paragraph.is_none()
    }
}

/// A cleaned article and its analysed sentences (headline first, when there is one).
#[derive(Debug, Clone)]
pub struct Document {
    pub article: CleanArticle,
    pub sentences: Vec<Sentence>,
}

/// Split and analyse a cleaned article.
pub fn analyze(article: CleanArticle, analyzer: &Analyzer, lexicon: &Lexicon) -> Document {
    let mut sentences = Vec::new();
    let mut push = |text: &str, paragraph: Option<usize>| {
        let terms = analyzer.terms(text);
        let stems: Vec<String> = terms.iter().map(|t| t.stem.clone()).collect();
        let evidence = lexicon.evidence(&stems);
        let features = analyzer.ngrams(&stems);
        sentences.push(Sentence {
            text: text.to_string(),
            paragraph,
            terms,
            features,
            evidence,
        });
    };
    if let Some(t) = &article.title {
        push(t, None);
    }
    for (p, para) in article.paragraphs.iter().enumerate() {
        for r in split_sentences(para) {
            push(&para[r], Some(p));
        }
    }
    Document { article, sentences }
}
