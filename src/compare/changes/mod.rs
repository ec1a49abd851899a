//! What changed between two trainings and their scores: the library side of `diff` and of
//! `run --compare-to`. Pure: two [`Snapshot`]s (and the sentences the caller read for the
//! articles worth explaining) in, [`Changes`] out.
//!
//! - [`inputs`]: training articles added, removed, edited;
//! - [`terms`]: weight changes grouped by term, one sentence's n-grams folded under it;
//! - [`align`]: an article's sentences of the two runs matched by text, in order;
//! - [`articles`]: per article, the sentences that moved most and the lexicon entries or
//!   training articles behind them;
//! - [`rows`]: `diff.csv` rows and the "what changed" summary.

pub mod align;
pub mod articles;
pub mod inputs;
pub mod rows;
pub mod terms;

pub use articles::{ArticleExplanation, Cause, SentenceMove};
pub use inputs::{InputChange, InputKind};
pub use terms::{SentenceRef, TermGroup};

use crate::compare::diff::{
    article_changes, lexicon_changes, weight_changes, ArticleChange, LexiconChange, ScoreLine, WeightChange,
};
use crate::model::{CrossFit, FramingModel, Scorer};
use crate::score::SentenceScore;
use crate::text::Analyzer;
use std::collections::{BTreeMap, BTreeSet};

/// One side of a comparison: an output folder (model and scores) or a model file alone.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// How to name it to the user (its path).
    pub label: String,
    pub model: Option<FramingModel>,
    /// `scores.csv` rows, when the side has scores.
    pub scores: Option<Vec<ScoreLine>>,
    /// Which classifier scored each article (a cross-fitted `run`'s fold classifiers).
    pub scoring: Scoring,
    /// Why there is no model though the side names one (a `score` folder whose run.json
    /// names a model file that has changed since).
    pub model_note: Option<String>,
    /// The scoring options its run.json records (thresholds, bootstrap), when it has one.
    pub score_params: Option<crate::score::ScoreParams>,
}

/// Which classifier scored a side's articles: what a sentence's move is attributed with.
#[derive(Debug, Clone, Default)]
pub enum Scoring {
    /// Every article by `model.json`'s classifier (`score`, `run --folds 0`, a model file).
    #[default]
    Model,
    /// A cross-fitted `run`: article number a (`scores.csv` order) by its fold's classifier
    /// (`folds.json`), `model.json`'s for a fold that fell back to it.
    Folds(CrossFit),
    /// Cross-fitted, but the fold classifiers cannot be read: why (the terms that pushed
    /// this side's sentences are then not computed).
    Unknown(String),
}

const CROSS_FITTED: &str = "cross-fitted (each article by a classifier fitted without it)";

impl Scoring {
    /// How the articles were scored, for the `param:scoring` row of a diff: cross-fitted or
    /// not. The number of folds is left out: it follows the number of training articles (at
    /// most `--folds`), so adding a seed would read as a changed setting.
    pub fn describe(&self) -> String {
        match self {
            Scoring::Folds(c) if c.k() > 0 => CROSS_FITTED.into(),
            Scoring::Unknown(_) => CROSS_FITTED.into(),
            Scoring::Model | Scoring::Folds(_) => "model.json's classifier".into(),
        }
    }

    /// The classifier that scored article number `article` (its row in `scores.csv`) of a
    /// side whose model is `model`; `None` when it is not known.
    pub fn scorer<'a>(&'a self, model: &'a FramingModel, article: Option<usize>) -> Option<Scorer<'a>> {
        match self {
            Scoring::Model => Some(model.scorer_for(None, 0)),
            Scoring::Folds(c) if c.k() > 0 => Some(model.scorer_for(Some(c), article?)),
            _ => None,
        }
    }
}

/// A sentence's distinct n-gram terms under the model's analyzer.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceTerms {
    pub article_id: String,
    pub index: usize,
    pub text: String,
    pub terms: Vec<String>,
}

/// Analyse sentences (as read from `sentences.csv`) into their distinct terms.
pub fn sentence_terms(sentences: &[SentenceScore], analyzer: &Analyzer) -> Vec<SentenceTerms> {
    sentences
        .iter()
        .map(|s| {
            let set: BTreeSet<String> = analyzer.features(&s.text).into_iter().collect();
            SentenceTerms {
                article_id: s.article_id.clone(),
                index: s.index,
                text: s.text.clone(),
                terms: set.into_iter().collect(),
            }
        })
        .collect()
}

/// A training statistic (or model size) in the two models; read from the models' JSON, so
/// fields added to the training statistics later show up here without a change.
#[derive(Debug, Clone, PartialEq)]
pub struct StatChange {
    pub name: String,
    pub old: Option<f64>,
    pub new: Option<f64>,
}

/// Everything `diff` reports.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    pub old_label: String,
    pub new_label: String,
    pub lexicon: Vec<LexiconChange>,
    pub inputs: Vec<InputChange>,
    pub training: Vec<StatChange>,
    /// Every changed term, by |change| descending.
    pub weights: Vec<WeightChange>,
    /// The same, grouped (what "terms moved most" shows).
    pub terms: Vec<TermGroup>,
    /// Every article, by |change| descending, unmatched ones last.
    pub articles: Vec<ArticleChange>,
    /// The articles that moved most, explained.
    pub explained: Vec<ArticleExplanation>,
    /// What could not be compared, and why (one line each).
    pub notes: Vec<String>,
    /// Whether both sides had a model (else lexicon, training articles, statistics and
    /// parameters were not compared, and the summary does not call them unchanged).
    pub models_compared: bool,
    /// Training parameters and analysis settings that differ (`lexicon_prior`,
    /// `tfidf.min_df`, `analyzer.stop_words` …): they move every score.
    pub params: Vec<ParamChange>,
    /// Per article in both runs: its no-evidence point c (`score_offset`) before and after.
    pub offsets: BTreeMap<String, (f64, f64)>,
    /// The two models' weak-model warnings, paired by what each is about; only when either
    /// model is weak (review, session 36: a warning that went away after a retrain was not
    /// mentioned).
    pub weaknesses: Vec<WeaknessChange>,
    /// Renamed training articles whose score rows were paired: new id → old id (the old
    /// run's sentences are under the old one).
    pub renamed: BTreeMap<String, String>,
}

/// A weak-model warning ([`crate::model::TrainingStats::weakness_items`]) in the model
/// before and after: `old` only when it went away, `new` only when it came.
#[derive(Debug, Clone, PartialEq)]
pub struct WeaknessChange {
    /// What it is about: `labelled`, `labelled:<lang>`, `fired`.
    pub about: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The two models' weaknesses paired by what they are about, in the order the new model
/// (then the old one) gives them.
pub fn weakness_changes(old: &FramingModel, new: &FramingModel) -> Vec<WeaknessChange> {
    let (o, n) = (old.training.weakness_items(), new.training.weakness_items());
    let mut out: Vec<WeaknessChange> = n
        .iter()
        .map(|(about, m)| WeaknessChange {
            about: about.clone(),
            old: o.iter().find(|(a, _)| a == about).map(|(_, m)| m.clone()),
            new: Some(m.clone()),
        })
        .collect();
    out.extend(
        o.into_iter()
            .filter(|(a, _)| n.iter().all(|(b, _)| b != a))
            .map(|(about, m)| WeaknessChange {
                about,
                old: Some(m),
                new: None,
            }),
    );
    out
}

/// A training parameter or analysis setting of the two models, as text (`–` when a model
/// lacks it). Lists (stop words, patterns, cues, actors) are compared whole and shown by
/// their number of entries.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamChange {
    pub name: String,
    pub old: String,
    pub new: String,
}

impl Changes {
    /// How the articles moved: (moved toward Kremlin, toward Western, unchanged) beyond
    /// `eps`, among articles in both runs.
    pub fn moved(&self, eps: f64) -> (usize, usize, usize) {
        let c: Vec<f64> = self.articles.iter().filter_map(ArticleChange::change).collect();
        (
            c.iter().filter(|&&x| x > eps).count(),
            c.iter().filter(|&&x| x < -eps).count(),
            c.iter().filter(|&&x| x.abs() <= eps).count(),
        )
    }
}

/// Articles moved by less than this (in framing score) count as unchanged and are not
/// explained.
pub const MOVED_EPS: f64 = 0.0005;

/// At most this many sentences hit by changed lexicon entries are read from each run to
/// trace the entries' indirect effects.
pub const MAX_LEXICON_SENTENCES: usize = 5_000;

/// Step 1: compare models and score tables. Returns the changes without the per-article
/// explanations and term groups, and the ids whose sentences step 2 needs: the `top`
/// articles that moved most, and the changed training articles.
pub fn compare_models(old: &Snapshot, new: &Snapshot, top: usize) -> (Changes, BTreeSet<String>) {
    let mut c = Changes {
        old_label: old.label.clone(),
        new_label: new.label.clone(),
        ..Default::default()
    };
    match (&old.model, &new.model) {
        (Some(o), Some(n)) => {
            c.models_compared = true;
            c.params = param_changes(o, n);
            c.weaknesses = weakness_changes(o, n);
            // How each side's articles were scored (`run --folds`): not in model.json, which
            // is the full fit either way, yet it moves every score of a run's own articles.
            // Only between two sides with articles (a model file's "scoring" is no setting).
            let (so, sn) = (old.scoring.describe(), new.scoring.describe());
            if so != sn && old.scores.is_some() && new.scores.is_some() {
                c.params.push(ParamChange {
                    name: "scoring".into(),
                    old: so,
                    new: sn,
                });
            }
            // The sentence thresholds and the bootstrap decide shares, leanings and intervals:
            // a run with other thresholds moved articles' sides and the summary said
            // "settings: no change" (review, session 42).
            if let (Some(po), Some(pn), true) = (
                &old.score_params,
                &new.score_params,
                old.scores.is_some() && new.scores.is_some(),
            ) {
                for (name, o, n) in [
                    (
                        "kremlin_threshold",
                        po.kremlin_threshold.to_string(),
                        pn.kremlin_threshold.to_string(),
                    ),
                    (
                        "western_threshold",
                        po.western_threshold.to_string(),
                        pn.western_threshold.to_string(),
                    ),
                    ("bootstrap", po.bootstrap.to_string(), pn.bootstrap.to_string()),
                ] {
                    if o != n {
                        c.params.push(ParamChange {
                            name: name.into(),
                            old: o,
                            new: n,
                        });
                    }
                }
            }
            c.lexicon = lexicon_changes(o, n);
            let (inputs, note) = inputs::input_changes(o, n);
            c.inputs = inputs;
            c.notes.extend(note);
            c.training = stat_changes(o, n);
            c.weights = weight_changes(o, n);
        }
        _ => {
            for side in [old, new].into_iter().filter(|s| s.model.is_none()) {
                c.notes.push(match &side.model_note {
                    Some(why) => format!("{}: {why}: lexicon, training and weight changes not compared", side.label),
                    None => format!(
                        "no model in {} (no model.json, and no model file its run.json names): lexicon, training and weight changes not compared",
                        side.label
                    ),
                });
            }
        }
    }
    for side in [old, new] {
        if let Scoring::Unknown(why) = &side.scoring {
            c.notes.push(format!(
                "{}: {why}: the terms that pushed its sentences are not shown",
                side.label
            ));
        }
    }
    match (&old.scores, &new.scores) {
        (Some(o), Some(n)) => {
            // A renamed training article is one article: its old row is read under its new
            // id, so the pair is one row with its before and after score (when neither id is
            // on the other side already).
            let renamed: BTreeMap<&str, &str> = c
                .inputs
                .iter()
                .filter_map(|i| Some((i.old_id.as_deref()?, i.id.as_str())))
                .filter(|(was, now)| !n.iter().any(|l| l.id == *was) && !o.iter().any(|l| l.id == *now))
                .collect();
            let renamed_rows: Vec<_>;
            let o = if renamed.is_empty() {
                o
            } else {
                renamed_rows = o
                    .iter()
                    .map(|l| {
                        let mut l = l.clone();
                        if let Some(now) = renamed.get(l.id.as_str()) {
                            c.renamed.insert(now.to_string(), l.id.clone());
                            l.id = now.to_string();
                        }
                        l
                    })
                    .collect();
                &renamed_rows
            };
            c.articles = article_changes(o, n);
            let offsets: BTreeMap<&str, f64> = o
                .iter()
                .filter_map(|l| Some((l.id.as_str(), l.score_offset?)))
                .collect();
            c.offsets = n
                .iter()
                .filter_map(|l| Some((l.id.clone(), (*offsets.get(l.id.as_str())?, l.score_offset?))))
                .collect();
        }
        _ => {
            let label = if old.scores.is_none() { &old.label } else { &new.label };
            c.notes.push(if label.ends_with(".json") {
                format!("{label} is a model file, with no articles: article changes not compared")
            } else {
                format!("no scores.csv in {label}: article changes not compared")
            })
        }
    }
    let mut ids: BTreeSet<String> = top_movers(&c.articles, top).map(|a| a.id.clone()).collect();
    ids.extend(
        c.inputs
            .iter()
            .filter(|i| i.kind != InputKind::Renamed)
            .map(|i| i.id.clone()),
    );
    // The old run's sentences of a paired rename are under its old id.
    let old_ids: Vec<String> = ids.iter().filter_map(|id| c.renamed.get(id).cloned()).collect();
    ids.extend(old_ids);
    (c, ids)
}

/// The `top` articles that moved most (beyond [`MOVED_EPS`]; `articles` is ordered by
/// |change|): the ones step 2 reads sentences for and explains.
fn top_movers(articles: &[ArticleChange], top: usize) -> impl Iterator<Item = &ArticleChange> {
    articles
        .iter()
        .filter(|a| a.change().is_some_and(|x| x.abs() > MOVED_EPS))
        .take(top)
}

/// Step 2: group the term changes and explain the articles, from the sentences of `ids`
/// (see [`compare_models`]) read from each run (empty when a side has no sentences).
pub fn explain(
    c: &mut Changes,
    old: &Snapshot,
    new: &Snapshot,
    old_sentences: &[SentenceScore],
    new_sentences: &[SentenceScore],
    top: usize,
) {
    let (Some(om), Some(nm)) = (&old.model, &new.model) else {
        // Nothing to trace the moves to: the articles that moved most are still listed,
        // saying so (they were left out, and diff.csv's causes were empty).
        c.explained = top_movers(&c.articles, top)
            .map(|a| ArticleExplanation {
                article: a.clone(),
                sentences: Vec::new(),
                causes: vec![articles::Cause {
                    label: "untraced:no-model".into(),
                    via: vec![],
                    push: 0.0,
                }],
            })
            .collect();
        return;
    };
    // A model that loaded has a valid analyzer; should one not, nothing is explained.
    let Ok(analyzer) = Analyzer::new(nm.analyzer.clone()) else {
        return;
    };
    let (ot, nt) = (
        sentence_terms(old_sentences, &analyzer),
        sentence_terms(new_sentences, &analyzer),
    );
    c.terms = terms::group_terms(&c.weights, om, nm, &ot, &nt);
    let relabelled = relabelled(&c.lexicon, old_sentences, new_sentences);
    let mut ctx = articles::Context::new(om, nm, &analyzer, &c.lexicon, &c.inputs, (&ot, &nt), &relabelled);
    ctx.scoring = (Some(&old.scoring), Some(&new.scoring));
    ctx.numbers = (numbers(old), numbers(new));
    // Training articles whose sentences neither folder holds (two `score` folders hold the
    // scored articles only): no move can be traced to them, and the moves they caused were
    // put down to the no-evidence point without a word (review, session 34).
    let unseen: Vec<&str> = c
        .inputs
        .iter()
        .filter(|i| i.kind != InputKind::Renamed)
        .filter(|i| ctx.input_terms.get(i.id.as_str()).is_none_or(|t| t.is_empty()))
        .map(|i| i.id.as_str())
        .collect();
    if !unseen.is_empty() && top_movers(&c.articles, top).next().is_some() {
        c.notes.push(format!(
            "{} training article(s) changed whose sentences these folders do not hold ({}{}): moves are not traced to them; to trace them, diff the two `run` folders that trained the models",
            unseen.len(),
            unseen.iter().take(5).copied().collect::<Vec<_>>().join(", "),
            if unseen.len() > 5 { ", …" } else { "" }
        ));
    }
    // Folds are assigned by row number, so an article added or removed before others gives
    // them other fold-mates: another classifier scored them, which moves them by itself, and
    // the move was put down to the added article's terms (review, session 36).
    let refolded = refolded(&old.scoring, &new.scoring, &ctx.numbers);
    if !refolded.is_empty() {
        c.notes.push(format!(
            "{} article(s) have other cross-fitting fold-mates than before (another number of folds; folds assigned otherwise — a run with no more articles than folds gives each its own, a larger one assigns them by article id —; or a copy joined or left one): each was scored by a classifier fitted without a different set of articles, which moves its score by itself; their moves are not all the edits'",
            refolded.len()
        ));
    }
    let explained: Vec<ArticleExplanation> = top_movers(&c.articles, top)
        .map(|a| {
            let offsets = c.offsets.get(&a.id).copied().unwrap_or((0.0, 0.0));
            let was = c.renamed.get(&a.id).unwrap_or(&a.id);
            let mut e = articles::explain(&ctx, a, offsets, &of(old_sentences, was), &of(new_sentences, &a.id));
            if refolded.contains(a.id.as_str()) {
                // Named first (after the article's own edit): no push is measured for it.
                let at = usize::from(e.causes.first().is_some_and(|c| c.push.is_infinite()));
                e.causes.retain(|c| !c.label.starts_with("untraced:"));
                e.causes.insert(
                    at.min(e.causes.len()),
                    articles::Cause {
                        label: REFOLDED.into(),
                        via: vec![],
                        push: 0.0,
                    },
                );
            }
            // A parameter or setting moves every score: a cause of every move, after the
            // edits traced to this article's sentences. But for the actor lists, which only
            // sourcing reads (review, session 44: they were named for every move, which they
            // cannot cause).
            let framing = framing_params(&c.params);
            // A voice cue changes which words are own and which quoted, with no weight moving:
            // named first, and with every weight the same, no move is "spread over many terms"
            // (review, session 44: a new cue's move was blamed on the weights, the cue last).
            let (voice, other): (Vec<&ParamChange>, Vec<&ParamChange>) =
                framing.into_iter().partition(|p| p.name.starts_with("voice."));
            let param = |p: &&ParamChange| articles::Cause {
                label: format!("param:{}", p.name),
                via: vec![],
                push: 0.0,
            };
            if !voice.is_empty() {
                if c.weights.is_empty() {
                    e.causes.retain(|c| !c.label.starts_with("untraced:"));
                }
                let at = usize::from(e.causes.first().is_some_and(|c| c.push.is_infinite()));
                for (i, p) in voice.iter().enumerate() {
                    e.causes.insert((at + i).min(e.causes.len()), param(p));
                }
            }
            e.causes.extend(other.iter().map(param));
            e
        })
        .collect();
    c.explained = explained;
}

/// The changed settings that can move a `framing_score`: all but the actor lists, which only
/// sourcing reads (`attributions.csv`, the `sourced_*` columns).
pub(crate) fn framing_params(params: &[ParamChange]) -> Vec<&ParamChange> {
    params.iter().filter(|p| !p.name.starts_with("actors.")).collect()
}

/// Sentences hit by a changed lexicon entry whose weak label differs between the runs (or
/// that are in one run only): (article id, index, lowercased hits).
fn relabelled(
    lexicon: &[LexiconChange],
    old: &[SentenceScore],
    new: &[SentenceScore],
) -> Vec<(String, usize, Vec<String>)> {
    let label_of = |v: &[SentenceScore]| -> std::collections::BTreeMap<(String, usize), Option<crate::corpus::Side>> {
        v.iter()
            .map(|s| ((s.article_id.clone(), s.index), s.weak_label))
            .collect()
    };
    let (lo, ln) = (label_of(old), label_of(new));
    let mut out = Vec::new();
    for s in new.iter().chain(old) {
        let hits: Vec<String> = s
            .kremlin_hits
            .iter()
            .chain(&s.western_hits)
            .map(|h| h.to_lowercase())
            .collect();
        if !lexicon.iter().any(|l| hits.contains(&l.phrase)) {
            continue;
        }
        let key = (s.article_id.clone(), s.index);
        if lo.get(&key) != ln.get(&key) && !out.iter().any(|(a, i, _)| (a, i) == (&key.0, &key.1)) {
            out.push((key.0, key.1, hits));
        }
    }
    out
}

/// The cause of an article whose cross-fitting fold-mates changed.
pub const REFOLDED: &str = "folds:reassigned";

/// The articles in both runs whose cross-fitting fold-mates (among the articles of both runs)
/// differ: scored by a fold classifier fitted without another set of articles. Empty unless
/// both sides were cross-fitted with known folds.
fn refolded<'n>(
    old: &Scoring,
    new: &Scoring,
    (on, nn): &'n (BTreeMap<String, usize>, BTreeMap<String, usize>),
) -> BTreeSet<&'n str> {
    let (Scoring::Folds(of), Scoring::Folds(nf)) = (old, new) else {
        return BTreeSet::new();
    };
    if of.k() == 0 || nf.k() == 0 {
        return BTreeSet::new();
    }
    // Each common article's fold in each run, and each fold's common members.
    let common: Vec<(&str, usize, usize)> = on
        .iter()
        .filter_map(|(id, &o)| Some((id.as_str(), of.fold_of(o), nf.fold_of(*nn.get(id)?))))
        .collect();
    type Members<'a> = BTreeMap<usize, Vec<&'a str>>;
    let (mut before, mut after): (Members, Members) = Default::default();
    for &(id, fo, fnew) in &common {
        before.entry(fo).or_default().push(id);
        after.entry(fnew).or_default().push(id);
    }
    for v in before.values_mut().chain(after.values_mut()) {
        v.sort_unstable();
    }
    common
        .iter()
        .filter(|&&(_, fo, fnew)| before[&fo] != after[&fnew])
        .map(|&(id, _, _)| id)
        .collect()
}

/// Each article's number in a side (its row in `scores.csv`, from 0): how its fold is found
/// ([`CrossFit::fold_of`]).
fn numbers(side: &Snapshot) -> BTreeMap<String, usize> {
    (side.scores.iter().flatten().enumerate())
        .map(|(i, l)| (l.id.clone(), i))
        .collect()
}

fn of<'s>(v: &'s [SentenceScore], id: &str) -> Vec<&'s SentenceScore> {
    v.iter().filter(|s| s.article_id == id).collect()
}

/// The training parameters (`params`, flattened to dotted names) and analysis settings
/// (the analyzer's, cleaner's, voice cues' and actor lists' fields) that differ between the
/// two models, by name. Read from the models' JSON, so fields added later show up too.
pub fn param_changes(old: &FramingModel, new: &FramingModel) -> Vec<ParamChange> {
    type Lists = BTreeMap<String, Vec<String>>;
    fn flatten(prefix: &str, v: serde_json::Value, out: &mut BTreeMap<String, String>, lists: &mut Lists) {
        match v {
            serde_json::Value::Object(o) => {
                for (k, v) in o {
                    let name = if prefix.is_empty() { k } else { format!("{prefix}.{k}") };
                    flatten(&name, v, out, lists);
                }
            }
            // A list is compared whole; its text is its number of entries and a digest, so
            // two lists of the same length that differ still read as different. Its entries
            // are kept to name what was added and removed.
            serde_json::Value::Array(a) => {
                let n = a.len();
                let entries = a
                    .iter()
                    .map(|x| x.as_str().map_or_else(|| x.to_string(), String::from))
                    .collect();
                let text = serde_json::Value::Array(a).to_string();
                let digest = &format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(text.as_bytes()))[..8];
                out.insert(prefix.to_string(), format!("{n} entries ({digest})"));
                lists.insert(prefix.to_string(), entries);
            }
            serde_json::Value::String(s) => {
                out.insert(prefix.to_string(), s);
            }
            other => {
                out.insert(prefix.to_string(), other.to_string());
            }
        }
    }
    let settings = |m: &FramingModel| -> (BTreeMap<String, String>, Lists) {
        let mut out = BTreeMap::new();
        let mut lists = Lists::new();
        let parts = [
            ("", serde_json::to_value(&m.params)),
            ("analyzer", serde_json::to_value(&m.analyzer)),
            ("cleaner", serde_json::to_value(&m.cleaner)),
            ("voice", serde_json::to_value(&m.voice)),
            ("actors", serde_json::to_value(&m.actors)),
        ];
        for (prefix, v) in parts {
            if let Ok(v) = v {
                flatten(prefix, v, &mut out, &mut lists);
            }
        }
        (out, lists)
    };
    let ((o, ol), (n, nl)) = (settings(old), settings(new));
    let names: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
    names
        .into_iter()
        .filter(|k| o.get(*k) != n.get(*k))
        .map(|k| {
            let mut new_text = n.get(k).cloned().unwrap_or_else(|| "–".into());
            if let (Some(a), Some(b)) = (ol.get(k), nl.get(k)) {
                new_text.push_str(&list_delta(a, b));
            }
            ParamChange {
                name: k.clone(),
                old: o.get(k).cloned().unwrap_or_else(|| "–".into()),
                new: new_text,
            }
        })
        .collect()
}

/// What a list setting (stop words, outlet names, voice cues…) gained and lost, for the
/// diff's `new` cell: `: added `putin`; removed `the``, at most five entries each named
/// (then "and N more"); empty when only the order changed.
fn list_delta(old: &[String], new: &[String]) -> String {
    let (o, n): (BTreeSet<&String>, BTreeSet<&String>) = (old.iter().collect(), new.iter().collect());
    let named = |items: Vec<&&String>| crate::style::named(&items, 5);
    let added: Vec<&&String> = n.difference(&o).collect();
    let removed: Vec<&&String> = o.difference(&n).collect();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("added {}", named(added)));
    }
    if !removed.is_empty() {
        parts.push(format!("removed {}", named(removed)));
    }
    match parts.is_empty() {
        true => String::new(),
        false => format!(": {}", parts.join("; ")),
    }
}

/// Training statistics of both models, plus vocabulary size, intercept and lexicon size.
pub fn stat_changes(old: &FramingModel, new: &FramingModel) -> Vec<StatChange> {
    let stats = |m: &FramingModel| -> std::collections::BTreeMap<String, f64> {
        let mut s: std::collections::BTreeMap<String, f64> = match serde_json::to_value(&m.training) {
            Ok(serde_json::Value::Object(o)) => o.into_iter().filter_map(|(k, v)| Some((k, v.as_f64()?))).collect(),
            _ => Default::default(),
        };
        s.insert("vocabulary".into(), m.tfidf.n_features() as f64);
        s.insert("intercept".into(), m.intercept);
        s.entry("lexicon_entries".into())
            .or_insert(m.lexicon.entries.len() as f64);
        s
    };
    let (o, n) = (stats(old), stats(new));
    let names: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
    names
        .into_iter()
        .map(|k| StatChange {
            name: k.clone(),
            old: o.get(k).copied(),
            new: n.get(k).copied(),
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::clean::CleanerSettings;
    use crate::corpus::Side;
    use crate::lexicon::{Entry, Lexicon};
    use crate::model::{ClassifierParams, FramingModel, TrainingStats, MODEL_FORMAT_VERSION};
    use crate::text::AnalyzerSettings;
    use crate::tfidf::FittedTfidf;

    /// A model over `terms` (term, weight, df) with n = 10 sentences, and lexicon entries
    /// (phrase, side, weight) whose stems are the phrase's lowercased words.
    pub fn model(terms: &[(&str, f64, usize)], lexicon: &[(&str, Side, f64)]) -> FramingModel {
        let mut t: Vec<(&str, f64, usize)> = terms.to_vec();
        t.sort_by(|a, b| a.0.cmp(b.0));
        let n = 10usize;
        let idf = t
            .iter()
            .map(|(_, _, df)| ((1.0 + n as f64) / (1.0 + *df as f64)).ln() + 1.0)
            .collect();
        let params = ClassifierParams::default();
        let entries = lexicon
            .iter()
            .map(|(p, side, w)| Entry {
                phrase: p.to_string(),
                side: *side,
                weight: *w,
                stems: p.to_lowercase().split(' ').map(String::from).collect(),
                forms: None,
                source: "test".into(),
            })
            .collect();
        FramingModel {
            format_version: MODEL_FORMAT_VERSION,
            tool_version: "test".into(),
            analyzer: AnalyzerSettings {
                stop_words: vec!["the".into()],
                outlet_names: vec![],
                ngram_max: 2,
                stemmer: "english".into(),
                languages: vec![],
            },
            cleaner: CleanerSettings {
                boilerplate: vec![],
                self_references: vec![],
                teaser_max_words: 20,
            },
            lexicon: Lexicon::new(entries, "k".into(), "w".into()),
            params: params.clone(),
            tfidf: FittedTfidf::new(params.tfidf, n, t.iter().map(|x| x.0.to_string()).collect(), idf),
            weights: t.iter().map(|x| x.1).collect(),
            intercept: 0.0,
            positive_class: "kremlin".into(),
            training: TrainingStats {
                articles: 1,
                sentences: n,
                labelled_kremlin: 1,
                labelled_western: 1,
                trained_kremlin: 1,
                trained_western: 1,
                training_rows: 2,
                active_features: terms.len(),
                training_accuracy: 1.0,
                final_gradient_norm: 0.0,
                masked_terms: 0,
                lexicon_entries: lexicon.len(),
                lexicon_entries_fired: lexicon.len(),
                propagated_kremlin: 0,
                propagated_western: 0,
                languages: vec![],
                labelled_by_language: Default::default(),
                corpus_mode: false,
            },
            training_inputs: vec![],
            training_articles: vec![("a".into(), "0".into())],
            voice: Default::default(),
            actors: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::model;
    use super::*;

    #[test]
    fn training_statistics_are_compared_field_by_field() {
        let old = model(&[("a", 0.1, 2)], &[]);
        let mut new = model(&[("a", 0.2, 2), ("b", 0.3, 1)], &[]);
        new.training.labelled_kremlin = 5;
        new.intercept = -0.5;
        let s = stat_changes(&old, &new);
        let get = |n: &str| s.iter().find(|c| c.name == n).map(|c| (c.old, c.new)).unwrap();
        assert_eq!(get("labelled_kremlin"), (Some(1.0), Some(5.0)));
        assert_eq!(get("vocabulary"), (Some(1.0), Some(2.0)));
        assert_eq!(get("intercept"), (Some(0.0), Some(-0.5)));
        assert_eq!(get("training_accuracy"), (Some(1.0), Some(1.0)));
    }

    /// Review, session 36: a retrain that ended a weak-model warning did not say so.
    #[test]
    fn weak_model_warnings_are_paired_by_what_they_are_about() {
        use crate::corpus::Side;
        // The test model: 1 + 1 labelled sentences (weak: < 200), every entry fired.
        let weak = model(&[("a", 0.1, 2)], &[("x", Side::Kremlin, 1.0)]);
        let mut strong = weak.clone();
        strong.training.labelled_kremlin = 150;
        strong.training.labelled_western = 60;
        // The warning went away: old only.
        let w = weakness_changes(&weak, &strong);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].about, "labelled");
        assert!(
            w[0].old
                .as_deref()
                .unwrap()
                .contains("trained on only 2 lexicon-labelled"),
            "{w:?}"
        );
        assert_eq!(w[0].new, None);
        // It came: new only, and a second one (3 of 10 entries fired < half) beside it.
        let mut weaker = weak.clone();
        weaker.training.lexicon_entries = 10;
        weaker.training.lexicon_entries_fired = 3;
        let w = weakness_changes(&strong, &weaker);
        let about: Vec<(&str, bool, bool)> = w
            .iter()
            .map(|c| (c.about.as_str(), c.old.is_some(), c.new.is_some()))
            .collect();
        assert_eq!(about, [("labelled", false, true), ("fired", false, true)]);
        // Still there with other figures: one pair, not a removal and an addition.
        let mut weak3 = weak.clone();
        weak3.training.labelled_kremlin = 3;
        let w = weakness_changes(&weak, &weak3);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].old.as_deref().unwrap().contains("only 2 "));
        assert!(w[0].new.as_deref().unwrap().contains("only 4 "));
        // Neither weak: nothing.
        assert_eq!(weakness_changes(&strong, &strong.clone()), []);
    }

    #[test]
    fn parameters_and_settings_that_differ_are_listed_by_name() {
        let old = model(&[("a", 0.1, 2)], &[]);
        assert_eq!(param_changes(&old, &old.clone()), []);
        let mut new = old.clone();
        new.params.lexicon_prior = 1.0;
        new.analyzer.stop_words.push("of".into());
        let got = param_changes(&old, &new);
        let names: Vec<(&str, &str, &str)> = got
            .iter()
            .map(|p| (p.name.as_str(), p.old.as_str(), p.new.as_str()))
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert_eq!(names[1], ("lexicon_prior", "0.5", "1.0"));
        // A list by its length and a digest of its entries.
        assert_eq!(names[0].0, "analyzer.stop_words");
        assert!(
            names[0].1.starts_with("1 entries (") && names[0].2.starts_with("2 entries ("),
            "{names:?}"
        );
        // The words added are named (session 29: the diff gave only the counts).
        assert!(names[0].2.ends_with("): added `of`"), "{names:?}");
        // Two lists of one length that differ still differ.
        let mut other = old.clone();
        other.analyzer.stop_words = vec!["a".into()];
        let got = param_changes(&old, &other);
        assert_eq!(got.len(), 1);
        assert!(
            got[0].old != got[0].new && got[0].new.starts_with("1 entries ("),
            "{got:?}"
        );
        assert!(got[0].new.ends_with("): added `a`; removed `the`"), "{got:?}");
    }

    /// Review findings (session 28): after `retrain --folds 0` every score moved and the diff
    /// said "settings: no change"; articles past `--top` had an empty `causes` cell.
    #[test]
    fn how_articles_were_scored_is_a_setting_and_untraced_moves_say_so() {
        let lines = |scores: &[(&str, f64)]| {
            Some(
                scores
                    .iter()
                    .map(|(id, s)| crate::compare::diff::ScoreLine {
                        id: id.to_string(),
                        title: None,
                        framing_score: *s,
                        score_offset: None,
                        standing: None,
                    })
                    .collect(),
            )
        };
        let m = || model(&[("a", 0.1, 2)], &[("Kiev", crate::corpus::Side::Kremlin, 1.0)]);
        let old = Snapshot {
            label: "old".into(),
            model: Some(m()),
            scores: lines(&[("a", 0.1), ("b", 0.0), ("c", 0.2)]),
            scoring: Scoring::Unknown("no folds.json".into()),
            score_params: None,
            model_note: None,
        };
        let new = Snapshot {
            label: "new".into(),
            model: Some(m()),
            scores: lines(&[("a", 0.3), ("b", 0.1), ("c", 0.2)]),
            scoring: Scoring::Model,
            model_note: None,
            score_params: None,
        };
        let (c, ids) = compare_models(&old, &new, 1);
        let names: Vec<(&str, &str, &str)> = c
            .params
            .iter()
            .map(|p| (p.name.as_str(), p.old.as_str(), p.new.as_str()))
            .collect();
        assert_eq!(
            names,
            [(
                "scoring",
                "cross-fitted (each article by a classifier fitted without it)",
                "model.json's classifier"
            )]
        );
        assert_eq!(ids.into_iter().collect::<Vec<_>>(), ["a"]);
        // Nothing explained here (step 2 not run): every moved article says it was not traced,
        // after the setting that moves every score; the unmoved one has no cause.
        let causes: Vec<(String, String)> = rows::diff_rows(&c)
            .into_iter()
            .filter(|r| r.kind == "article")
            .map(|r| (r.key, r.causes))
            .collect();
        let want = [
            ("a", "param:scoring; untraced:beyond-top"),
            ("b", "param:scoring; untraced:beyond-top"),
            ("c", ""),
        ];
        assert_eq!(causes, want.map(|(a, b)| (a.to_string(), b.to_string())));
    }

    /// Review, session 42: two runs with other sentence thresholds moved 18 articles' sides
    /// and the summary said "settings: no change".
    #[test]
    fn scoring_options_that_differ_are_settings_and_causes_of_every_move() {
        let m = || model(&[("a", 0.1, 2)], &[("Kiev", crate::corpus::Side::Kremlin, 1.0)]);
        let side = |label: &str, score: f64, params: crate::score::ScoreParams| Snapshot {
            label: label.into(),
            model: Some(m()),
            scores: Some(vec![crate::compare::diff::ScoreLine {
                id: "a".into(),
                title: None,
                framing_score: score,
                score_offset: None,
                standing: None,
            }]),
            scoring: Scoring::Model,
            model_note: None,
            score_params: Some(params),
        };
        let old = side("old", 0.1, crate::score::ScoreParams::default());
        let new = side(
            "new",
            0.1,
            crate::score::ScoreParams {
                kremlin_threshold: 0.9,
                bootstrap: 0,
                ..Default::default()
            },
        );
        let (c, _) = compare_models(&old, &new, 1);
        let names: Vec<(&str, &str, &str)> = c
            .params
            .iter()
            .map(|p| (p.name.as_str(), p.old.as_str(), p.new.as_str()))
            .collect();
        assert_eq!(names, [("kremlin_threshold", "0.6", "0.9"), ("bootstrap", "1000", "0")]);
        // The same options: no setting.
        let (c, _) = compare_models(&old, &side("new", 0.1, crate::score::ScoreParams::default()), 1);
        assert!(c.params.is_empty(), "{:?}", c.params);
    }

    #[test]
    fn a_model_only_side_still_compares_models_and_says_what_is_missing() {
        let side = |label: &str, m| Snapshot {
            label: label.into(),
            model: Some(m),
            scores: None,
            scoring: Scoring::Model,
            model_note: None,
            score_params: None,
        };
        let old = side(
            "old.json",
            model(&[("a", 0.1, 2)], &[("Kiev", crate::corpus::Side::Kremlin, 1.0)]),
        );
        let new = side(
            "new.json",
            model(&[("a", 0.1, 2)], &[("Kiev", crate::corpus::Side::Kremlin, 2.0)]),
        );
        let (c, ids) = compare_models(&old, &new, 10);
        assert_eq!(c.lexicon.len(), 1);
        assert_eq!(c.lexicon[0].kind(), "lexicon_reweighted");
        assert!(c.articles.is_empty() && ids.is_empty());
        assert_eq!(
            c.notes,
            ["old.json is a model file, with no articles: article changes not compared"]
        );
    }
}

#[cfg(test)]
mod refold_tests {
    use super::*;
    use crate::model::{CrossFit, FoldFit};

    fn folds(k: usize) -> Scoring {
        Scoring::Folds(CrossFit {
            folds: (0..k).map(|_| Some(FoldFit::new(vec![], vec![], 0.0, 1))).collect(),
            groups: vec![],
            assignment: crate::model::Assignment::Order,
        })
    }

    /// `k` folds assigned by the ids of `ids` (in row order).
    fn folds_by_id(k: usize, ids: &[&str]) -> Scoring {
        let Scoring::Folds(mut c) = folds(k) else {
            unreachable!()
        };
        c.assignment = crate::model::Assignment::Id(ids.iter().map(|id| crate::model::id_key(id)).collect());
        Scoring::Folds(c)
    }

    #[test]
    fn with_folds_by_id_an_inserted_article_reassigns_no_other() {
        // Python: int.from_bytes(hashlib.sha256(s.encode()).digest()[:8], "big") % 3 —
        // a → 1, б → 2, '' → 1, 002 → 0; the inserted kremlin_01 → 2, in б's fold.
        let (old, new) = (["a", "б", "", "002"], ["a", "kremlin_01", "б", "", "002"]);
        let n = (rows(&old), rows(&new));
        assert!(refolded(&folds_by_id(3, &old), &folds_by_id(3, &new), &n).is_empty());
        // From row order (a0 б1 ''2 002 0 → {a, 002}, {б}, {''}) to ids ({002}, {a, ''},
        // {б}): a, '' and 002 have other fold-mates, б does not.
        let got: Vec<&str> = refolded(&folds(3), &folds_by_id(3, &new), &n).into_iter().collect();
        assert_eq!(got, ["", "002", "a"]);
    }

    fn rows(ids: &[&str]) -> BTreeMap<String, usize> {
        ids.iter().enumerate().map(|(i, id)| (id.to_string(), i)).collect()
    }

    /// Review, session 36: a seed added as row 1 gave every later article other fold-mates
    /// (folds are row mod k), and their moves were put down to the seed's terms.
    #[test]
    fn articles_whose_fold_mates_changed_are_found() {
        let (old, new) = (folds(2), folds(2));
        // Old folds (row mod 2): {a, c}, {b, d}. With x inserted at row 1: {a, b, d}, {x, c}
        // — among the articles of both runs {a, b, d} and {c}: every fold changed.
        let n = (rows(&["a", "b", "c", "d"]), rows(&["a", "x", "b", "c", "d"]));
        let got: Vec<&str> = refolded(&old, &new, &n).into_iter().collect();
        assert_eq!(got, ["a", "b", "c", "d"]);
        // Appended at the end: every article keeps its fold and its mates.
        let n = (rows(&["a", "b", "c", "d"]), rows(&["a", "b", "c", "d", "x"]));
        assert!(refolded(&old, &new, &n).is_empty());
        // Three folds, x inserted at row 3: old a0 b1 c2 d0 → {a, d}, {b}, {c}; new a0 b1 c2
        // x0 d1 → among common articles {a}, {b, d}, {c}: a, b and d changed, c not.
        let (old3, new3) = (folds(3), folds(3));
        let n = (rows(&["a", "b", "c", "d"]), rows(&["a", "b", "c", "x", "d"]));
        let got: Vec<&str> = refolded(&old3, &new3, &n).into_iter().collect();
        assert_eq!(got, ["a", "b", "d"]);
        // Not cross-fitted on one side: nothing to compare.
        assert!(refolded(&Scoring::Model, &new, &n).is_empty());
        assert_eq!(
            rows::cause_words_with(REFOLDED, |_, _| None, |_| None),
            "its cross-fitting fold-mates changed (another number of folds, folds assigned otherwise, or a copy joined or left it): a classifier fitted without other articles scored it"
        );
        assert!(rows::cause_words_with("untraced:beyond-top", |_, _| None, |_| None).contains("--top N` traces more"));
    }
}
