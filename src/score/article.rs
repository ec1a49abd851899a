//! Scoring one document: each sentence's probability and reasons, then the article's
//! aggregate (framing, lede and voice scores, shares, interval, top terms).

use super::evidence::{centre, centred_p, evidence, mean};
use super::{bootstrap, ArticleScore, ScoreParams, SentenceScore};
use crate::corpus::Side;
use crate::document::Document;
use crate::lexicon::weak_label;
use crate::model::{FramingModel, Scorer};
use crate::text::voice::Words;

/// Distinct trained terms an article's contribution table holds before it grows.
const CONTRIB_CAPACITY: usize = 128;

/// Score a document's sentences and aggregate them.
pub fn score_document(
    model: &FramingModel,
    doc: &Document,
    params: &ScoreParams,
) -> (ArticleScore, Vec<SentenceScore>) {
    score_document_with(model.scorer(), doc, params)
}

/// [`score_document`] with a given classifier (a cross-fitting fold's, in `run`).
pub fn score_document_with(
    scorer: Scorer<'_>,
    doc: &Document,
    params: &ScoreParams,
) -> (ArticleScore, Vec<SentenceScore>) {
    let words: Vec<Words> = doc.sentences.iter().map(|s| Words::new(&s.text)).collect();
    score_document_words(scorer, doc, params, &words)
}

/// [`score_document_with`] given each sentence's [`Words`] (shared with sourcing).
pub fn score_document_words(
    scorer: Scorer<'_>,
    doc: &Document,
    params: &ScoreParams,
    words: &[Words],
) -> (ArticleScore, Vec<SentenceScore>) {
    let model = scorer.model;
    let lex = &model.lexicon;
    // Each trained term's summed contribution. Sized up front: growing it from empty
    // rehashed it several times per article (about 1% of `run`'s CPU at 100k articles).
    let mut contrib: rustc_hash::FxHashMap<u32, f64> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(CONTRIB_CAPACITY, Default::default());
    let mut sentences = Vec::with_capacity(doc.sentences.len());
    let mut x = crate::tfidf::SparseVec::default();
    for (i, s) in doc.sentences.iter().enumerate() {
        model.row_into(s, &mut x);
        let z = scorer.classifier_logit_each(&x, |j, c| *contrib.entry(j).or_insert(0.0) += c);
        let hits = |side: Side| -> Vec<String> {
            s.evidence
                .hits
                .iter()
                .filter(|h| lex.entries[h.entry].side == side)
                .map(|h| lex.entries[h.entry].phrase.clone())
                .collect()
        };
        sentences.push(SentenceScore {
            article_id: doc.article.id.clone(),
            index: i,
            is_headline: s.is_headline(),
            text: s.text.clone(),
            p_kremlin: scorer.p_from(z, s.evidence.score()),
            lexicon_score: s.evidence.score(),
            weak_label: weak_label(&s.evidence, model.params.margin),
            kremlin_hits: hits(Side::Kremlin),
            western_hits: hits(Side::Western),
            ..Default::default()
        });
    }
    let p: Vec<f64> = sentences.iter().map(|s| s.p_kremlin).collect();
    for (s, v) in sentences
        .iter_mut()
        .zip(crate::voice::score_voices(scorer, doc, &p, words))
    {
        s.voice = v.voice.kind().as_str().to_string();
        s.own_words = v.voice.own_words;
        s.quoted_words = v.voice.quoted_words;
        s.p_own = v.p_own;
        s.p_quoted = v.p_quoted;
        s.voice_spans = v.voice.encode();
    }
    let article = aggregate(doc, &sentences, contrib, scorer, params);
    (article, sentences)
}

fn aggregate(
    doc: &Document,
    s: &[SentenceScore],
    contrib: rustc_hash::FxHashMap<u32, f64>,
    scorer: Scorer<'_>,
    params: &ScoreParams,
) -> ArticleScore {
    let model = scorer.model;
    let p: Vec<f64> = s.iter().map(|s| s.p_kremlin).collect();
    let n = p.len().max(1) as f64;
    let q = model.params.quoted_weight;
    let c = scorer.no_evidence_point();
    let e = evidence(s, q, c);
    let lede = evidence(
        s.iter()
            .filter(|s| s.is_headline)
            .chain(s.iter().filter(|s| !s.is_headline).take(2)),
        q,
        c,
    );
    // Fewer than four counted sentences: their resampled "interval" would be their range (one
    // sentence: a zero-width interval), claiming a side from two or three sentences; the
    // interval is the whole scale instead, and the article is undecided (`resample::MIN_VALUES`).
    let (low, high) = match bootstrap(&e, params, &doc.article.id) {
        Some(iv) => {
            let (lo, hi) = iv.bounds(|x| centre(x, c));
            (Some(lo), Some(hi))
        }
        None => (None, None),
    };
    // Ranked on column ids (the vocabulary is sorted, so column order is term order) and
    // named only for the few kept: no string is cloned or compared for the rest.
    let mut terms: Vec<(u32, f64)> = contrib.into_iter().filter(|(_, c)| *c != 0.0).collect();
    terms.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let name = |&(j, c): &(u32, f64)| (model.tfidf.terms[j as usize].clone(), c);
    let top_k: Vec<_> = terms
        .iter()
        .filter(|t| t.1 > 0.0)
        .take(params.top_terms)
        .map(name)
        .collect();
    let top_w: Vec<_> = terms
        .iter()
        .rev()
        .filter(|t| t.1 < 0.0)
        .take(params.top_terms)
        .map(name)
        .collect();
    let a = &doc.article;
    let v = crate::voice::aggregate(s, c);
    let centred: Vec<f64> = p.iter().map(|&p| centred_p(p, c)).collect();
    let share = |past: &dyn Fn(f64) -> bool| centred.iter().filter(|&&p| past(p)).count() as f64 / n;
    // The same thresholds on the scale the score averages: e − c against 2·t − 1.
    let weighed = |past: &dyn Fn(f64) -> bool| e.iter().any(|&x| past((x - c + 1.0) / 2.0));
    ArticleScore {
        id: a.id.clone(),
        title: a.title.clone(),
        outlet: a.outlet.clone(),
        date: a.date.clone(),
        label: a.label,
        n_sentences: p.len(),
        framing_score: centre(mean(&e), c),
        score_low: low,
        score_high: high,
        lede_score: centre(mean(&lede), c),
        // Sentences past the thresholds counted from the no-evidence point, as the score is.
        share_kremlin: share(&|p| p >= params.kremlin_threshold),
        share_western: share(&|p| p <= params.western_threshold),
        share_neutral: share(&|p| p < params.kremlin_threshold && p > params.western_threshold),
        lexicon_hits_kremlin: s.iter().map(|s| s.kremlin_hits.len()).sum(),
        lexicon_hits_western: s.iter().map(|s| s.western_hits.len()).sum(),
        lexicon_score: s.iter().map(|s| s.lexicon_score).sum(),
        n_cut: a.cuts.len(),
        top_terms_kremlin: top_k,
        top_terms_western: top_w,
        voice_score: v.voice_score,
        quoted_score: v.quoted_score,
        own_voice_share: v.own_voice_share,
        score_offset: c,
        origin: a.origin.clone(),
        lang: a.lang.clone(),
        weighed_past_kremlin: weighed(&|p| p >= params.kremlin_threshold),
        weighed_past_western: weighed(&|p| p <= params.western_threshold),
    }
}
