//! The evaluated articles: the labelled ones (both sides needed), their overlap with the
//! training articles (which would leak) and with the frozen model's own training text, and
//! copies without the most-firing lexicon entries.

use super::{mask, EvalReport};
use crate::corpus::Side;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::model::{article_digest, FramingModel};
use rayon::prelude::*;

/// The labelled documents (evaluation needs a side for every article).
pub fn labelled(docs: &[Document]) -> Vec<&Document> {
    docs.iter().filter(|d| d.article.label.is_some()).collect()
}

pub(super) fn check_sides(docs: &[&Document]) -> Result<()> {
    let k = docs.iter().filter(|d| d.article.label == Some(Side::Kremlin)).count();
    if k == 0 || k == docs.len() {
        return Err(Error::NoArticles {
            message: format!(
                "evaluation needs labelled articles of both sides; got {k} Kremlin and {} Western (labels come from a label column, manifest.csv, or a kremlin_/western_ file-name prefix)",
                docs.len() - k
            ),
        });
    }
    Ok(())
}

/// Evaluated articles sharing at least half their sentences (exact text, headline
/// included) with the training articles, and the shared fraction.
pub fn overlapping(train_docs: &[Document], eval: &[&Document]) -> Vec<(String, f64)> {
    let seen: rustc_hash::FxHashSet<&str> = train_docs
        .iter()
        .flat_map(|d| d.sentences.iter().map(|s| s.text.as_str()))
        .collect();
    eval.iter()
        .filter_map(|d| {
            let n = d.sentences.len().max(1) as f64;
            let shared = d.sentences.iter().filter(|s| seen.contains(s.text.as_str())).count() as f64 / n;
            (shared >= 0.5).then(|| (d.article.id.clone(), shared))
        })
        .collect()
}

/// The evaluated articles' groups of copies (as cross-fitting and `--cv` find them,
/// [`crate::model::CopyIndex`]): per article, the first article of its group.
pub fn copy_groups(eval: &[&Document]) -> Vec<u32> {
    let mut copies = crate::model::CopyIndex::default();
    for d in eval {
        copies.add(d.sentences.iter().map(|s| s.text.as_str()));
    }
    copies.into_groups()
}

/// The note on evaluated articles that are copies of each other: each is evaluated on its
/// own, so a story in the labelled set twice counts twice in every figure, and two copies
/// labelled for opposite sides contradict each other (review I, session 50: a byte copy
/// with the opposite label was evaluated without a word). `None` when there are none.
pub fn copies_note(eval: &[&Document], groups: &[u32]) -> Option<String> {
    let mut members: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
    for (a, &g) in groups.iter().enumerate() {
        members.entry(g).or_default().push(a);
    }
    let sets: Vec<&Vec<usize>> = members.values().filter(|m| m.len() > 1).collect();
    if sets.is_empty() {
        return None;
    }
    let copies: usize = sets.iter().map(|m| m.len() - 1).sum();
    let named: Vec<String> = sets
        .iter()
        .map(|m| {
            let ids: Vec<&str> = m.iter().map(|&a| eval[a].article.id.as_str()).collect();
            let sides: std::collections::BTreeSet<_> = m.iter().filter_map(|&a| eval[a].article.label).collect();
            let clash = if sides.len() > 1 {
                " (labelled for both sides)"
            } else {
                ""
            };
            format!("{}{clash}", ids.join(" = "))
        })
        .collect();
    Some(format!(
        "{copies} evaluated article(s) copy another (they share at least half of either one's sentences), each evaluated and counted on its own: {}; remove the copies to count each story once",
        named.join("; ")
    ))
}

/// Ids of the evaluated articles that `model` was trained on: the digest of their cleaned
/// headline and text ([`article_digest`], what `model.json` records in `training_articles`)
/// is one of its training articles' (by content: a copy under another id counts, an edited
/// version does not). The frozen model scores them in-sample: no holdout for them.
pub fn in_model_training(model: &FramingModel, eval: &[&Document]) -> Vec<String> {
    let trained = model.training_digests();
    if trained.is_empty() {
        return Vec::new();
    }
    eval.iter()
        .filter(|d| trained.contains(article_digest(&d.article).as_str()))
        .map(|d| d.article.id.clone())
        .collect()
}

/// The one note on evaluated articles in the frozen model's training text
/// ([`in_model_training`]); `None` when there are none.
pub(super) fn in_model_training_note(model: &FramingModel, found: usize, evaluated: usize) -> Option<String> {
    (found > 0).then(|| {
        format!(
            "{found} of the {evaluated} evaluated articles are in the model's training text{}: the frozen settings are in-sample for them, not a holdout; evaluate a model trained without them (framescope train --seeds …) or use eval --cv",
            model.training_list_caveat()
        )
    })
}

pub(super) fn overlap_notes(o: &[(String, f64)]) -> Vec<String> {
    o.iter()
        .map(|(id, f)| {
            format!(
                "{id}: {:.0}% of its sentences are also in the training articles, so it is not held out (drop it or the duplicate for a clean measurement)",
                100.0 * f
            )
        })
        .collect()
}

/// An evaluation (`evaluate`, `eval` on training and evaluated documents) with `--mask-top
/// K`: on copies of the documents without the K entries, its report's first note naming
/// them; with K = 0 on the documents as they are.
pub(super) fn with_mask_top(
    train_docs: &[Document],
    docs: &[Document],
    lexicon: &crate::lexicon::Lexicon,
    k: usize,
    eval: impl FnOnce(&[Document], &[Document]) -> Result<EvalReport>,
) -> Result<EvalReport> {
    if k == 0 {
        return eval(train_docs, docs);
    }
    let dropped = mask::top_entries(&labelled(docs), k);
    let strip = |ds: &[Document]| -> Vec<Document> {
        ds.par_iter()
            .map(|d| mask::without_entries(d, lexicon, &dropped))
            .collect()
    };
    let mut r = eval(&strip(train_docs), &strip(docs))?;
    r.notes.insert(0, mask::note(lexicon, &dropped));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::fixtures::doc;

    #[test]
    fn overlap_with_training_articles_is_flagged() {
        let train = [doc("t", None, &["One sentence here. Another one there."])];
        let a = doc("a", Some(Side::Kremlin), &["One sentence here. Something new."]);
        let b = doc(
            "b",
            Some(Side::Western),
            &["Nothing shared. Nothing at all. Still nothing."],
        );
        // a shares 1 of 2 sentences (flagged at ½), b none.
        assert_eq!(overlapping(&train, &[&a, &b]), vec![("a".to_string(), 0.5)]);
    }
}
