//! Why an article moved: its sentences whose probability changed most, the terms that pushed
//! them (each term's change of weight × tf-idf, old model against new), and the changed lexicon
//! entries and training articles behind those terms.

use super::inputs::{InputChange, InputKind};
use super::SentenceTerms;
use crate::compare::diff::{ArticleChange, LexiconChange};
use crate::model::FramingModel;
use crate::score::SentenceScore;
use crate::text::Analyzer;
use std::collections::{BTreeMap, BTreeSet};

/// A cause is named when the terms it shares with a moved sentence carry at least this share
/// of the push the sentence got (common words shared with every seed do not make a cause).
pub const CAUSE_MIN_SHARE: f64 = 0.2;
/// Sentences shown per article.
pub const SENTENCES_PER_ARTICLE: usize = 3;
/// The pseudo-term standing for the model's lexicon prior λ·(net lexicon weight) in a
/// sentence's logit: a reweighted entry moves the sentences it hits through it directly.
pub const PRIOR: &str = "(lexicon prior)";
/// Terms shown per sentence.
const TERMS_PER_SENTENCE: usize = 5;

/// A lexicon edit or a training article, with the terms through which it reached a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Cause {
    /// `lexicon_added:phrase`, `seed_added:id`, … (the kind of its own diff row, and its key).
    pub label: String,
    /// Terms of the sentence the cause brought (for a lexicon entry: the entry's n-grams).
    pub via: Vec<String>,
    /// Sum of those terms' push in the direction the sentence moved.
    pub push: f64,
}

/// One sentence of an article in the two runs (matched by index, and by text).
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceMove {
    pub article_id: String,
    pub index: usize,
    pub text: String,
    /// p_kremlin in the old and new run (`None` when the sentence is not in that run).
    pub old: Option<f64>,
    pub new: Option<f64>,
    /// Terms that pushed the sentence the way it moved, with their push (change of the
    /// logit), strongest first.
    pub terms: Vec<(String, f64)>,
    pub causes: Vec<Cause>,
    /// The article's no-evidence point c before and after (0, 0 when unknown): the score
    /// counts a sentence as p − c/2, so its p must move by the change of c/2 to keep its
    /// place.
    pub offsets: (f64, f64),
}

impl SentenceMove {
    /// new − old p_kremlin, as `sentences.csv` has them.
    pub fn change(&self) -> Option<f64> {
        Some(self.new? - self.old?)
    }

    /// How the sentence moved the article's score: the change of p − c/2 (its p's change
    /// less half the change of the article's no-evidence point c).
    pub fn moved(&self) -> Option<f64> {
        Some(self.change()? - (self.offsets.1 - self.offsets.0) / 2.0)
    }
}

/// An article's change with the sentences that moved most and the causes behind them.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleExplanation {
    pub article: ArticleChange,
    pub sentences: Vec<SentenceMove>,
    /// Causes over the shown sentences (push summed), strongest first; the article's own
    /// edit, addition or removal first of all.
    pub causes: Vec<Cause>,
}

/// What the explanation needs besides the article and its sentences.
pub struct Context<'a> {
    pub old: &'a FramingModel,
    pub new: &'a FramingModel,
    pub analyzer: &'a Analyzer,
    pub lexicon: &'a [LexiconChange],
    pub inputs: &'a [InputChange],
    /// Analysed sentences of the changed training articles: from the new run for added and
    /// edited ones, from the old run for removed ones.
    pub input_terms: BTreeMap<&'a str, BTreeSet<&'a str>>,
    /// Per changed lexicon entry (its cause label): the terms of the sentences whose weak
    /// label it changed, through which it reaches sentences it does not hit.
    pub lexicon_terms: BTreeMap<String, BTreeSet<&'a str>>,
}

impl<'a> Context<'a> {
    /// Index the changed training articles' terms from the analysed sentences of both runs.
    pub fn new(
        old: &'a FramingModel,
        new: &'a FramingModel,
        analyzer: &'a Analyzer,
        lexicon: &'a [LexiconChange],
        inputs: &'a [InputChange],
        (old_terms, new_terms): (&'a [SentenceTerms], &'a [SentenceTerms]),
        relabelled: &[(String, usize, Vec<String>)],
    ) -> Context<'a> {
        let mut input_terms: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for c in inputs {
            let from = if c.kind == InputKind::Removed {
                old_terms
            } else {
                new_terms
            };
            let set = input_terms.entry(c.id.as_str()).or_default();
            for s in from.iter().filter(|s| s.article_id == c.id) {
                set.extend(s.terms.iter().map(String::as_str));
            }
        }
        // Sentences whose weak label changed, by the changed entries they hit.
        let mut lexicon_terms: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
        for (id, index, hits) in relabelled {
            let Some(s) = new_terms
                .iter()
                .chain(old_terms)
                .find(|s| &s.article_id == id && s.index == *index)
            else {
                continue;
            };
            for lc in lexicon.iter().filter(|lc| hits.contains(&lc.phrase)) {
                lexicon_terms
                    .entry(format!("{}:{}", lc.kind(), lc.phrase))
                    .or_default()
                    .extend(s.terms.iter().map(String::as_str));
            }
        }
        Context {
            old,
            new,
            analyzer,
            lexicon,
            inputs,
            input_terms,
            lexicon_terms,
        }
    }
}

/// Explain one article from its sentences in the two runs (any order), given its
/// no-evidence point c in each run (`offsets`; (0, 0) when unknown). Sentences are ranked
/// by how they moved the score, p − c/2 (see [`SentenceMove::moved`]): when c moves with
/// the model's intercept, every sentence's p moves with it, and that is not a move of the
/// score.
pub fn explain(
    ctx: &Context,
    article: &ArticleChange,
    offsets: (f64, f64),
    old: &[&SentenceScore],
    new: &[&SentenceScore],
) -> ArticleExplanation {
    let (o, n) = (by_index(old), by_index(new));
    let mut moves: Vec<SentenceMove> = n
        .values()
        .map(|s| {
            let before = o.get(&s.index).filter(|b| b.text == s.text);
            sentence_move(ctx, Some(s), before.copied(), offsets)
        })
        .chain(
            o.values()
                .filter(|s| n.get(&s.index).is_none_or(|x| x.text != s.text))
                .map(|s| sentence_move(ctx, None, Some(s), offsets)),
        )
        .collect();
    // The sentences that moved most the way the article moved.
    let sign = article.change().unwrap_or(0.0).signum();
    let m = |s: &SentenceMove| s.moved().map_or(0.0, |c| c * sign);
    moves.sort_by(|a, b| m(b).total_cmp(&m(a)).then(a.index.cmp(&b.index)));
    moves.retain(|s| m(s) > 0.0);
    moves.truncate(SENTENCES_PER_ARTICLE);
    let mut causes: BTreeMap<String, Cause> = BTreeMap::new();
    if let Some(own) = ctx.inputs.iter().find(|c| c.id == article.id) {
        let label = format!("{}:{}", own.kind.as_str(), own.id);
        causes.insert(
            label.clone(),
            Cause {
                label,
                via: vec![],
                push: f64::INFINITY,
            },
        );
    }
    for m in &moves {
        for c in &m.causes {
            let e = causes.entry(c.label.clone()).or_insert_with(|| Cause {
                label: c.label.clone(),
                via: vec![],
                push: 0.0,
            });
            e.push += c.push;
            for t in &c.via {
                if !e.via.contains(t) {
                    e.via.push(t.clone());
                }
            }
        }
    }
    let mut causes: Vec<Cause> = causes.into_values().collect();
    causes.sort_by(|a, b| b.push.total_cmp(&a.push).then_with(|| a.label.cmp(&b.label)));
    ArticleExplanation {
        article: article.clone(),
        sentences: moves,
        causes,
    }
}

fn by_index<'s>(v: &[&'s SentenceScore]) -> BTreeMap<usize, &'s SentenceScore> {
    v.iter().map(|s| (s.index, *s)).collect()
}

/// Each term's contribution w·x to a sentence's logit under one model.
fn contributions(m: &FramingModel, features: &[String]) -> BTreeMap<String, f64> {
    let x = m.tfidf.transform(features);
    x.idx
        .iter()
        .zip(&x.val)
        .map(|(&j, &v)| (m.tfidf.terms[j as usize].clone(), v * m.weights[j as usize]))
        .collect()
}

fn sentence_move(
    ctx: &Context,
    new: Option<&SentenceScore>,
    old: Option<&SentenceScore>,
    offsets: (f64, f64),
) -> SentenceMove {
    let s = new.or(old).expect("a sentence of one run at least");
    let features = ctx.analyzer.features(&s.text);
    let mut mv = SentenceMove {
        article_id: s.article_id.clone(),
        index: s.index,
        text: s.text.clone(),
        old: old.map(|o| o.p_kremlin),
        new: new.map(|n| n.p_kremlin),
        terms: vec![],
        causes: vec![],
        offsets,
    };
    let Some(change) = mv.moved() else {
        return mv;
    };
    let (mut co, mut cn) = (contributions(ctx.old, &features), contributions(ctx.new, &features));
    if let (Some(o), Some(n)) = (old, new) {
        co.insert(PRIOR.into(), ctx.old.params.lexicon_prior * o.lexicon_score);
        cn.insert(PRIOR.into(), ctx.new.params.lexicon_prior * n.lexicon_score);
    }
    let keys: BTreeSet<&String> = co.keys().chain(cn.keys()).collect();
    let sign = change.signum();
    let mut pushes: Vec<(String, f64)> = keys
        .into_iter()
        .map(|t| {
            let d = cn.get(t).copied().unwrap_or(0.0) - co.get(t).copied().unwrap_or(0.0);
            (t.clone(), d * sign)
        })
        .filter(|(_, p)| *p > 0.0)
        .collect();
    pushes.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let total: f64 = pushes.iter().map(|p| p.1).sum();
    let push_of: BTreeMap<&str, f64> = pushes.iter().map(|(t, p)| (t.as_str(), *p)).collect();
    // Lexicon entries hit in the sentence (in either run) that changed.
    let hits: BTreeSet<String> = [old, new]
        .into_iter()
        .flatten()
        .flat_map(|s| s.kremlin_hits.iter().chain(&s.western_hits))
        .map(|h| h.to_lowercase())
        .collect();
    for lc in ctx.lexicon {
        let label = format!("{}:{}", lc.kind(), lc.phrase);
        if !hits.contains(&lc.phrase) {
            // Not hit here: a cause only through the sentences it relabelled.
            if let Some(reach) = ctx.lexicon_terms.get(&label) {
                let via: Vec<String> = pushes
                    .iter()
                    .filter(|(t, _)| reach.contains(t.as_str()))
                    .map(|(t, _)| t.clone())
                    .collect();
                let push: f64 = via.iter().map(|t| push_of[t.as_str()]).sum();
                if total > 0.0 && push >= CAUSE_MIN_SHARE * total {
                    mv.causes.push(Cause {
                        label,
                        via: via.into_iter().take(TERMS_PER_SENTENCE).collect(),
                        push,
                    });
                }
            }
            continue;
        }
        let stems = entry_stems(ctx, lc);
        let via: Vec<String> = pushes
            .iter()
            .filter(|(t, _)| t == PRIOR || t.split(' ').all(|w| stems.iter().any(|s| s == w)))
            .map(|(t, _)| t.clone())
            .collect();
        let push = via.iter().map(|t| push_of[t.as_str()]).sum();
        mv.causes.push(Cause { label, via, push });
    }
    for ic in ctx.inputs.iter().filter(|c| c.id != s.article_id) {
        let Some(terms) = ctx.input_terms.get(ic.id.as_str()) else {
            continue;
        };
        let via: Vec<String> = pushes
            .iter()
            .filter(|(t, _)| terms.contains(t.as_str()))
            .map(|(t, _)| t.clone())
            .collect();
        let push: f64 = via.iter().map(|t| push_of[t.as_str()]).sum();
        if total > 0.0 && push >= CAUSE_MIN_SHARE * total {
            mv.causes.push(Cause {
                label: format!("{}:{}", ic.kind.as_str(), ic.id),
                via: via.into_iter().take(TERMS_PER_SENTENCE).collect(),
                push,
            });
        }
    }
    mv.causes
        .sort_by(|a, b| b.push.total_cmp(&a.push).then_with(|| a.label.cmp(&b.label)));
    pushes.truncate(TERMS_PER_SENTENCE);
    mv.terms = pushes;
    mv
}

/// The stems of a changed lexicon entry (from whichever model holds it).
fn entry_stems(ctx: &Context, lc: &LexiconChange) -> Vec<String> {
    [ctx.new, ctx.old]
        .iter()
        .flat_map(|m| m.lexicon.entries.iter())
        .find(|e| e.side == lc.side && e.phrase.to_lowercase() == lc.phrase)
        .map(|e| e.stems.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// p 0.40 → 0.45 while c goes −0.30 → −0.10: p − c/2 goes 0.55 → 0.50, a move of −0.05
    /// (toward Western) although p rose.
    #[test]
    fn a_sentence_moves_the_score_by_its_change_less_half_the_offsets() {
        let m = SentenceMove {
            article_id: "a".into(),
            index: 0,
            text: "t".into(),
            old: Some(0.40),
            new: Some(0.45),
            terms: vec![],
            causes: vec![],
            offsets: (-0.30, -0.10),
        };
        assert!((m.change().unwrap() - 0.05).abs() < 1e-12);
        assert!((m.moved().unwrap() + 0.05).abs() < 1e-12);
        let gone = SentenceMove { new: None, ..m };
        assert_eq!(gone.moved(), None);
    }
}
