//! Sentence and article scores, with the reasons behind them (lexicon hits, top terms).
//!
//! Definitions (also in the README):
//! - `p_kremlin`: the model's probability that a sentence carries Kremlin-sourced framing.
//! - `framing_score` = mean over the article's sentences of (2·p_kremlin − 1), measured from
//!   the model's no-evidence point: minus (2·sigmoid(intercept) − 1), the value of a sentence
//!   with no known term, and clamped to [-1, +1]. +1 wholly Kremlin-sourced, −1 wholly
//!   Western-sourced, 0 balanced or no evidence. Why centre: the unpenalised intercept absorbs
//!   asymmetries between the weakly labelled sides, so uncentred scores of text sharing few
//!   terms with the training set all lean one way (measured in `eval`: accuracy at 0 rose on
//!   held-out halves and leave-one-out; the ranking, hence AUC within one model, is unchanged).
//! - `lede_score`: the same over the headline and the first two body sentences.
//! - shares: sentences with p ≥ kremlin_threshold are Kremlin, p ≤ western_threshold Western,
//!   the rest neutral.
//! - `score_low`/`score_high`: a 95% percentile bootstrap interval of framing_score over the
//!   article's sentences, seeded from the article id (deterministic, order-independent).

use crate::corpus::Side;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::lexicon::weak_label;
use crate::model::{FramingModel, Scorer};
use rand::RngCore;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Options of the scoring stage, checked once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreParams {
    pub kremlin_threshold: f64,
    pub western_threshold: f64,
    /// Bootstrap resamples for the interval (0 = no interval).
    pub bootstrap: usize,
    pub seed: u64,
    /// Terms listed per side.
    pub top_terms: usize,
}

impl Default for ScoreParams {
    fn default() -> Self {
        ScoreParams {
            kremlin_threshold: 0.6,
            western_threshold: 0.4,
            bootstrap: 1000,
            seed: 42,
            top_terms: 5,
        }
    }
}

impl ScoreParams {
    pub fn check(&self) -> Result<()> {
        let (k, w) = (self.kremlin_threshold, self.western_threshold);
        if !(0.0..=1.0).contains(&k) || !(0.0..=1.0).contains(&w) || w > k {
            return Err(Error::InvalidParam {
                name: "thresholds",
                message: format!("need 0 ≤ western ({w}) ≤ kremlin ({k}) ≤ 1"),
            });
        }
        Ok(())
    }
}

/// One scored sentence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SentenceScore {
    pub article_id: String,
    pub index: usize,
    pub is_headline: bool,
    pub text: String,
    pub p_kremlin: f64,
    pub lexicon_score: f64,
    pub weak_label: Option<Side>,
    /// Lexicon phrases hit on each side, in order of occurrence.
    pub kremlin_hits: Vec<String>,
    pub western_hits: Vec<String>,
    /// Voice ([`crate::voice`]): "own", "quoted" or "mixed".
    #[serde(default)]
    pub voice: String,
    /// Words (tokens) in the outlet's own voice (scare quotes included) and quoted.
    #[serde(default)]
    pub own_words: usize,
    #[serde(default)]
    pub quoted_words: usize,
    /// p_kremlin of the own-voice part (scare quotes counted for the other side); `None`
    /// when the sentence has no own word.
    #[serde(default)]
    pub p_own: Option<f64>,
    /// p_kremlin of the quoted part; `None` when nothing is quoted.
    #[serde(default)]
    pub p_quoted: Option<f64>,
    /// The spans that are not plain own voice, `start-end part; …` (byte offsets in `text`;
    /// parts quote, reported, scare).
    #[serde(default)]
    pub voice_spans: String,
}

/// One scored article (a row of `scores.csv`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleScore {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub label: Option<Side>,
    pub n_sentences: usize,
    pub framing_score: f64,
    pub score_low: Option<f64>,
    pub score_high: Option<f64>,
    pub lede_score: f64,
    pub share_kremlin: f64,
    pub share_neutral: f64,
    pub share_western: f64,
    pub lexicon_hits_kremlin: usize,
    pub lexicon_hits_western: usize,
    pub lexicon_score: f64,
    pub n_cut: usize,
    /// Strongest terms by contribution (weight × tf-idf summed over sentences).
    pub top_terms_kremlin: Vec<(String, f64)>,
    pub top_terms_western: Vec<(String, f64)>,
    /// Share of the article's words in sentences no other article of the run shares
    /// (`compare::overlap`); `None` until computed (e.g. `score --stdout`).
    #[serde(default)]
    pub own_text_share: Option<f64>,
    /// framing_score over the sentences no other article of the run shares.
    #[serde(default)]
    pub own_framing_score: Option<f64>,
    /// Sentences attributed to a side (`compare::sourcing`), and the shares per side.
    #[serde(default)]
    pub n_attributed: usize,
    #[serde(default)]
    pub sourced_kremlin: Option<f64>,
    #[serde(default)]
    pub sourced_western: Option<f64>,
    #[serde(default)]
    pub sourced_ukraine: Option<f64>,
    /// (K − W) / (K + W) over Kremlin- and Western-attributed sentences.
    #[serde(default)]
    pub sourcing_balance: Option<f64>,
    /// Framing of the outlet's own voice, of what it quotes (`None`: nothing quoted), and
    /// the share of its words in its own voice ([`crate::voice`]).
    #[serde(default)]
    pub voice_score: Option<f64>,
    #[serde(default)]
    pub quoted_score: Option<f64>,
    #[serde(default)]
    pub own_voice_share: Option<f64>,
    /// The centring offset c subtracted from every score: the model's no-evidence point
    /// 2·sigmoid(intercept) − 1.
    #[serde(default)]
    pub score_offset: f64,
    pub origin: String,
    /// The language the article was analysed in ("en", "ru"): its `lang` field, else detected.
    #[serde(default)]
    pub lang: String,
}

/// How an article may be described: as leaning to a side only when its 95% interval
/// excludes 0 (without an interval, by the sign of its score).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaning {
    Kremlin,
    Western,
    Undecided,
}

impl Leaning {
    pub fn as_str(self) -> &'static str {
        match self {
            Leaning::Kremlin => "Kremlin-leaning",
            Leaning::Western => "Western-leaning",
            Leaning::Undecided => "undecided",
        }
    }
}

impl ArticleScore {
    pub fn leaning(&self) -> Leaning {
        let (lo, hi) = match (self.score_low, self.score_high) {
            (Some(l), Some(h)) => (l, h),
            _ => (self.framing_score, self.framing_score),
        };
        if lo > 0.0 {
            Leaning::Kremlin
        } else if hi < 0.0 {
            Leaning::Western
        } else {
            Leaning::Undecided
        }
    }
}

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
    let model = scorer.model;
    let lex = &model.lexicon;
    let mut contrib: rustc_hash::FxHashMap<u32, f64> = Default::default();
    let mut sentences = Vec::with_capacity(doc.sentences.len());
    for (i, s) in doc.sentences.iter().enumerate() {
        let x = model.row(s);
        for (&j, &v) in x.idx.iter().zip(&x.val) {
            *contrib.entry(j).or_insert(0.0) += v * scorer.weight(j);
        }
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
            p_kremlin: scorer.p_kremlin(&x, s.evidence.score()),
            lexicon_score: s.evidence.score(),
            weak_label: weak_label(&s.evidence, model.params.margin),
            kremlin_hits: hits(Side::Kremlin),
            western_hits: hits(Side::Western),
            ..Default::default()
        });
    }
    let p: Vec<f64> = sentences.iter().map(|s| s.p_kremlin).collect();
    for (s, v) in sentences.iter_mut().zip(crate::voice::score_voices(scorer, doc, &p)) {
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

fn mean(e: &[f64]) -> f64 {
    if e.is_empty() {
        return 0.0;
    }
    e.iter().sum::<f64>() / e.len() as f64
}

/// One sentence's signed evidence in [-1, 1], what `framing_score` averages.
///
/// - `q = None` (a model before format 3, or `--mean-score`): 2·p_kremlin − 1.
/// - `q = Some(q)`, the voice-weighted score: with o own-voice and u quoted words,
///   e = [o·(2·p_own − 1) + q·u·(2·p_quoted − 1)] / (o + q·u). `None` when the sentence
///   has no weighted word (no word at all, or only quoted ones at q = 0): it does not count.
pub fn sentence_evidence(s: &SentenceScore, q: Option<f64>) -> Option<f64> {
    let Some(q) = q else {
        return Some(2.0 * s.p_kremlin - 1.0);
    };
    let (o, u) = (s.own_words as f64, q * s.quoted_words as f64);
    let own = s.p_own.filter(|_| o > 0.0).map(|p| (o, o * (2.0 * p - 1.0)));
    let quoted = s.p_quoted.filter(|_| u > 0.0).map(|p| (u, u * (2.0 * p - 1.0)));
    let (den, num) = [own, quoted]
        .into_iter()
        .flatten()
        .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
    (den > 0.0).then(|| num / den)
}

/// The evidence of every sentence that counts (see [`sentence_evidence`]). An article none
/// of whose sentences has a weighted word falls back to the plain 2·p_kremlin − 1 of all
/// of them, so every article with a sentence gets a score.
pub fn evidence<'a>(sentences: impl IntoIterator<Item = &'a SentenceScore> + Clone, q: Option<f64>) -> Vec<f64> {
    let e: Vec<f64> = sentences
        .clone()
        .into_iter()
        .filter_map(|s| sentence_evidence(s, q))
        .collect();
    if e.is_empty() && q.is_some() {
        return sentences.into_iter().map(|s| 2.0 * s.p_kremlin - 1.0).collect();
    }
    e
}

/// The signed score of a sentence with no known term: the model's no-evidence point.
pub fn no_evidence_point(model: &FramingModel) -> f64 {
    2.0 * crate::model::sigmoid(model.intercept) - 1.0
}

fn centre(x: f64, c: f64) -> f64 {
    (x - c).clamp(-1.0, 1.0)
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
    let e = evidence(s, q);
    let lede = evidence(
        s.iter()
            .filter(|s| s.is_headline)
            .chain(s.iter().filter(|s| !s.is_headline).take(2)),
        q,
    );
    let c = scorer.no_evidence_point();
    let (low, high) = bootstrap(&e, params, &doc.article.id);
    let (low, high) = (low.map(|x| centre(x, c)), high.map(|x| centre(x, c)));
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
        share_kremlin: p.iter().filter(|&&p| p >= params.kremlin_threshold).count() as f64 / n,
        share_western: p.iter().filter(|&&p| p <= params.western_threshold).count() as f64 / n,
        share_neutral: p
            .iter()
            .filter(|&&p| p < params.kremlin_threshold && p > params.western_threshold)
            .count() as f64
            / n,
        lexicon_hits_kremlin: s.iter().map(|s| s.kremlin_hits.len()).sum(),
        lexicon_hits_western: s.iter().map(|s| s.western_hits.len()).sum(),
        lexicon_score: s.iter().map(|s| s.lexicon_score).sum(),
        n_cut: a.cuts.len(),
        top_terms_kremlin: top_k,
        top_terms_western: top_w,
        own_text_share: None,
        own_framing_score: None,
        n_attributed: 0,
        sourced_kremlin: None,
        sourced_western: None,
        sourced_ukraine: None,
        sourcing_balance: None,
        voice_score: v.voice_score,
        quoted_score: v.quoted_score,
        own_voice_share: v.own_voice_share,
        score_offset: c,
        origin: a.origin.clone(),
        lang: a.lang.clone(),
    }
}

/// Uniform indices in 0..n, two per 64-bit draw: the bootstrap makes hundreds of millions
/// of draws on a large corpus, and halving generator calls halves most of its cost. Each
/// 32-bit half is mapped with Lemire's multiply-shift and the exact rejection step, so the
/// indices are unbiased (not just nearly so).
struct IndexDraws {
    n: u32,
    threshold: u32,
    spare: Option<u32>,
}

impl IndexDraws {
    fn new(n: u32) -> Self {
        IndexDraws {
            n,
            threshold: n.wrapping_neg() % n.max(1),
            spare: None,
        }
    }

    fn half(&mut self, rng: &mut impl RngCore) -> u32 {
        match self.spare.take() {
            Some(h) => h,
            None => {
                let x = rng.next_u64();
                self.spare = Some((x >> 32) as u32);
                x as u32
            }
        }
    }

    fn next(&mut self, rng: &mut impl RngCore) -> u32 {
        loop {
            let m = u64::from(self.half(rng)) * u64::from(self.n);
            if (m as u32) >= self.threshold {
                return (m >> 32) as u32;
            }
        }
    }
}

/// Resamples summed side by side in [`bootstrap`]: one running sum waits on the previous
/// addition, several independent ones keep the core busy. Each is still summed in its own
/// draw order, so every mean is the same float as a sum of one resample at a time.
const LANES: usize = 4;

/// Per-thread buffers of [`bootstrap`] (it runs once per article): the signed scores, a
/// block's drawn indices, the resampled means.
#[derive(Default)]
struct BootstrapScratch {
    signed: Vec<f64>,
    drawn: Vec<u32>,
    means: Vec<f64>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<BootstrapScratch> = Default::default();
}

/// 95% percentile bootstrap of the mean of the sentences' evidence `e` (2p − 1, or the
/// voice-weighted [`sentence_evidence`]), resampling sentences with replacement.
/// The generator is seeded from (seed, article id) so results do not depend on run order.
pub fn bootstrap(e: &[f64], params: &ScoreParams, id: &str) -> (Option<f64>, Option<f64>) {
    if params.bootstrap == 0 || e.is_empty() {
        return (None, None);
    }
    let digest = Sha256::digest(format!("{}:{id}", params.seed).as_bytes());
    let mut seed = [0u8; 32];
    seed.copy_from_slice(&digest);
    // Xoshiro256++: the bootstrap needs speed, not cryptographic strength (hundreds of
    // millions of draws on a large corpus), and its output is fixed by its published
    // algorithm, so intervals are reproducible across machines and versions.
    let mut rng = Xoshiro256PlusPlus::from_seed(seed);
    // One `Uniform` for all draws: `gen_range` would redo its rejection-zone division on every
    // call, which made the bootstrap the largest cost of scoring.
    let n = u32::try_from(e.len()).unwrap_or(u32::MAX);
    let mut draw = IndexDraws::new(n);
    SCRATCH.with(|s| {
        let s = &mut *s.borrow_mut();
        s.signed.clear();
        s.signed.extend_from_slice(e);
        s.means.clear();
        // The resamples in blocks of LANES: a block's indices are drawn first, resample after
        // resample (the generator's sequence is the same as drawing while summing), then its
        // sums run side by side.
        let n = n as usize;
        let mut left = params.bootstrap;
        while left > 0 {
            let k = left.min(LANES);
            s.drawn.clear();
            s.drawn.extend((0..k * n).map(|_| draw.next(&mut rng)));
            if k == LANES {
                s.means
                    .extend(sums_side_by_side(&s.signed, &s.drawn, n).map(|t| t / n as f64));
            } else {
                s.means.extend(
                    s.drawn
                        .chunks_exact(n)
                        .map(|r| r.iter().map(|&i| s.signed[i as usize]).sum::<f64>() / n as f64),
                );
            }
            left -= k;
        }
        let (lo, hi) = (quantile_rank(0.025, s.means.len()), quantile_rank(0.975, s.means.len()));
        (Some(nth(&mut s.means, lo)), Some(nth(&mut s.means, hi)))
    })
}

/// The sums of LANES resamples of `n` indices each (`drawn` holds them one after another),
/// each added up in its own order from the start value of `Iterator::sum`.
fn sums_side_by_side(signed: &[f64], drawn: &[u32], n: usize) -> [f64; LANES] {
    let zero: f64 = std::iter::empty::<f64>().sum();
    let mut t = [zero; LANES];
    let r: [&[u32]; LANES] = std::array::from_fn(|l| &drawn[l * n..(l + 1) * n]);
    for j in 0..n {
        for (t, r) in t.iter_mut().zip(&r) {
            *t += signed[r[j] as usize];
        }
    }
    t
}

/// The position of quantile `f` among `len` sorted values (nearest rank, as the sorted
/// vector's index was computed).
fn quantile_rank(f: f64, len: usize) -> usize {
    ((f * (len - 1) as f64).round() as usize).min(len - 1)
}

/// The value at position `k` of `x` sorted by `f64::total_cmp`, without sorting it all.
/// Values equal under `total_cmp` have the same bits, so this is the sorted vector's value
/// bit for bit. Reorders `x`.
fn nth(x: &mut [f64], k: usize) -> f64 {
    *x.select_nth_unstable_by(k, f64::total_cmp).1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn voiced(own: usize, p_own: Option<f64>, quoted: usize, p_quoted: Option<f64>, p: f64) -> SentenceScore {
        SentenceScore {
            own_words: own,
            p_own,
            quoted_words: quoted,
            p_quoted,
            p_kremlin: p,
            ..Default::default()
        }
    }

    #[test]
    fn voice_weighted_evidence_by_hand() {
        // Sentence 1: 6 own words at p_own 0.75 (2p − 1 = 0.5), 4 quoted at p_quoted 0.25
        // (−0.5), q = 0.5: e = (6·0.5 + 2·(−0.5)) / (6 + 2) = 0.25.
        // Sentence 2: all own, 3 words at p 0.9: e = 0.8. Sentence 3: no words: skipped.
        // Mean (0.25 + 0.8) / 2 = 0.525, minus c = 0.1: 0.425.
        let rows = [
            voiced(6, Some(0.75), 4, Some(0.25), 0.6),
            voiced(3, Some(0.9), 0, None, 0.9),
            voiced(0, None, 0, None, 0.5),
        ];
        let score = |rows: &[SentenceScore], q, c| centre(mean(&evidence(rows, q)), c);
        assert!((score(&rows, Some(0.5), 0.1) - 0.425).abs() < 1e-12);
        // q = 1: e1 = (3 − 2) / 10 = 0.1; (0.1 + 0.8) / 2 = 0.45.
        assert!((score(&rows, Some(1.0), 0.0) - 0.45).abs() < 1e-12);
        // No q: the plain mean of 2·p_kremlin − 1: (0.2 + 0.8 + 0) / 3.
        assert!((score(&rows, None, 0.0) - 1.0 / 3.0).abs() < 1e-12);
        // Only quoted words at q = 0 leave nothing weighted: the plain 2·0.7 − 1 = 0.4, − 0.2.
        assert!((score(&[voiced(0, None, 5, Some(0.9), 0.7)], Some(0.0), 0.2) - 0.2).abs() < 1e-12);
        assert_eq!(sentence_evidence(&voiced(0, None, 5, Some(0.9), 0.7), Some(0.0)), None);
        // Clamped.
        assert_eq!(score(&[voiced(2, Some(1.0), 0, None, 1.0)], Some(0.5), -0.5), 1.0);
    }

    #[test]
    fn bootstrap_is_deterministic_and_brackets_the_mean() {
        let p = [0.9, 0.2, 0.5, 0.7, 0.1, 0.95];
        let params = ScoreParams::default();
        let e: Vec<f64> = p.iter().map(|p| 2.0 * p - 1.0).collect();
        let (lo, hi) = bootstrap(&e, &params, "a");
        assert_eq!((lo, hi), bootstrap(&e, &params, "a"));
        let (lo, hi) = (lo.unwrap(), hi.unwrap());
        let m = mean(&e);
        assert!(lo < m && m < hi && lo >= -1.0 && hi <= 1.0, "{lo} {m} {hi}");
        // A constant article has a zero-width interval.
        assert_eq!(
            bootstrap(&[0.6000000000000001, 0.6000000000000001], &params, "b"),
            (Some(0.6000000000000001), Some(0.6000000000000001))
        );
    }

    /// The bootstrap as it was: one resample summed at a time, all means sorted.
    fn bootstrap_sorted(p: &[f64], params: &ScoreParams, id: &str) -> (Option<f64>, Option<f64>) {
        if params.bootstrap == 0 || p.is_empty() {
            return (None, None);
        }
        let digest = Sha256::digest(format!("{}:{id}", params.seed).as_bytes());
        let mut seed = [0u8; 32];
        seed.copy_from_slice(&digest);
        let mut rng = Xoshiro256PlusPlus::from_seed(seed);
        let n = u32::try_from(p.len()).unwrap_or(u32::MAX);
        let mut draw = IndexDraws::new(n);
        let signed: Vec<f64> = p.iter().map(|p| 2.0 * p - 1.0).collect();
        let mut means: Vec<f64> = (0..params.bootstrap)
            .map(|_| (0..n).map(|_| signed[draw.next(&mut rng) as usize]).sum::<f64>() / n as f64)
            .collect();
        means.sort_by(f64::total_cmp);
        let q = |f: f64| means[((f * (means.len() - 1) as f64).round() as usize).min(means.len() - 1)];
        (Some(q(0.025)), Some(q(0.975)))
    }

    proptest::proptest! {
        #[test]
        fn bootstrap_bounds_are_the_sorted_means_bit_for_bit(
            p in proptest::collection::vec(
                proptest::prop_oneof![0.0..=1.0f64, proptest::sample::select(vec![0.0, 0.5, 1.0, 0.25])],
                1..60,
            ),
            resamples in proptest::prop_oneof![1usize..20, proptest::sample::select(vec![1000usize, 997])],
            seed in 0u64..1000,
        ) {
            let params = ScoreParams { bootstrap: resamples, seed, ..Default::default() };
            let bits = |(lo, hi): (Option<f64>, Option<f64>)| (lo.map(f64::to_bits), hi.map(f64::to_bits));
            proptest::prop_assert_eq!(
                bits(bootstrap(&p.iter().map(|p| 2.0 * p - 1.0).collect::<Vec<_>>(), &params, "x")),
                bits(bootstrap_sorted(&p, &params, "x"))
            );
        }
    }

    #[test]
    fn index_draws_are_uniform_and_in_range() {
        // n = 3 does not divide 2^32, so without the rejection step index 0 would be drawn
        // slightly more often; over 300k draws each count stays within 1% of 100k.
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
        let mut d = IndexDraws::new(3);
        let mut counts = [0u32; 3];
        for _ in 0..300_000 {
            counts[d.next(&mut rng) as usize] += 1;
        }
        assert!(counts.iter().all(|&c| (99_000..101_000).contains(&c)), "{counts:?}");
        // The rejection threshold is 2^32 mod n.
        assert_eq!(IndexDraws::new(3).threshold, ((1u64 << 32) % 3) as u32);
        assert_eq!(IndexDraws::new(1).threshold, 0);
        let mut one = IndexDraws::new(1);
        assert!((0..100).all(|_| one.next(&mut rng) == 0));
    }

    #[test]
    fn a_side_only_when_the_interval_excludes_zero() {
        let a = |f: f64, lo: Option<f64>, hi: Option<f64>| ArticleScore {
            framing_score: f,
            score_low: lo,
            score_high: hi,
            ..Default::default()
        };
        assert_eq!(a(0.05, Some(-0.03), Some(0.13)).leaning(), Leaning::Undecided);
        assert_eq!(a(0.2, Some(0.01), Some(0.3)).leaning(), Leaning::Kremlin);
        assert_eq!(a(-0.2, Some(-0.3), Some(-0.1)).leaning(), Leaning::Western);
        assert_eq!(a(-0.2, None, None).leaning(), Leaning::Western);
        assert_eq!(a(0.0, None, None).leaning(), Leaning::Undecided);
    }

    #[test]
    fn thresholds_are_checked() {
        assert!(ScoreParams {
            kremlin_threshold: 0.3,
            ..Default::default()
        }
        .check()
        .is_err());
    }
}
