//! What a model was trained on, compared: articles added, removed or edited between two
//! trainings (from the models' `training_articles`, else their input files' names).

use crate::model::FramingModel;
use std::collections::BTreeMap;

/// How a training article differs between the two models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum InputKind {
    Added,
    Removed,
    Edited,
    /// The same text (the same digest) under another id: an added id paired with a removed
    /// one. It trains the model as before, so it is named but never a cause (review I,
    /// session 50: a renamed seed was listed as added and removed, and named as the cause of
    /// other articles' moves).
    Renamed,
}

impl InputKind {
    /// The `kind` of its `diff.csv` row.
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Added => "seed_added",
            InputKind::Removed => "seed_removed",
            InputKind::Edited => "seed_edited",
            InputKind::Renamed => "seed_renamed",
        }
    }

    /// A short word for sentences ("added").
    pub fn verb(self) -> &'static str {
        match self {
            InputKind::Added => "added",
            InputKind::Removed => "removed",
            InputKind::Edited => "edited",
            InputKind::Renamed => "renamed",
        }
    }
}

/// A training article (seed or compared article) that one model learned from and the other
/// did not, or learned from a different text of.
#[derive(Debug, Clone, PartialEq)]
pub struct InputChange {
    /// Article id (or, for models that list only input files, the file name).
    pub id: String,
    pub kind: InputKind,
    pub old_digest: Option<String>,
    pub new_digest: Option<String>,
    /// For [`InputKind::Renamed`]: the id it had before (`id` is the new one).
    pub old_id: Option<String>,
}

impl InputChange {
    /// Its label as a cause (`seed_edited:ID`).
    pub fn label(&self) -> String {
        format!("{}:{}", self.kind.as_str(), self.id)
    }
}

/// The training-input changes, sorted by kind then id, and a note when they are incomplete
/// (a model without an article list, or with a partial one).
pub fn input_changes(old: &FramingModel, new: &FramingModel) -> (Vec<InputChange>, Option<String>) {
    let by_article = !old.training_articles.is_empty() && !new.training_articles.is_empty();
    let list = |m: &FramingModel| -> BTreeMap<String, String> {
        if by_article {
            m.training_articles.iter().cloned().collect()
        } else {
            // Older models list only files: name them by file name, so the same seeds read
            // from another folder are not "changed".
            m.training_inputs
                .iter()
                .map(|(p, h)| (file_name(p), h.clone()))
                .collect()
        }
    };
    let (o, n) = (list(old), list(new));
    let mut v = Vec::new();
    for (id, h) in &n {
        match o.get(id) {
            None => v.push(change(id, InputKind::Added, None, Some(h))),
            Some(oh) if oh != h => v.push(change(id, InputKind::Edited, Some(oh), Some(h))),
            _ => {}
        }
    }
    for (id, h) in &o {
        if !n.contains_key(id) {
            v.push(change(id, InputKind::Removed, Some(h), None));
        }
    }
    pair_renames(&mut v);
    v.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.id.cmp(&b.id)));
    let partial = |m: &FramingModel| m.training_articles.len() < m.training.articles;
    let note = if !by_article {
        Some("a model does not list its training articles (written by an older framescope): input files compared by name".to_string())
    } else if partial(old) || partial(new) {
        Some(format!(
            "a model lists only the first {} of its training articles: changes beyond them are not shown",
            crate::model::MAX_RECORDED_ARTICLES
        ))
    } else {
        None
    };
    (v, note)
}

fn change(id: &str, kind: InputKind, old: Option<&String>, new: Option<&String>) -> InputChange {
    InputChange {
        id: id.to_string(),
        kind,
        old_digest: old.cloned(),
        new_digest: new.cloned(),
        old_id: None,
    }
}

/// Pair each added article with a removed one of the same digest into one
/// [`InputKind::Renamed`] change. Several of one digest on both sides (the same text under
/// several ids) pair in id order; the unpaired stay added or removed.
fn pair_renames(v: &mut Vec<InputChange>) {
    let mut removed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in v.iter().filter(|c| c.kind == InputKind::Removed) {
        if let Some(d) = &c.old_digest {
            removed.entry(d.clone()).or_default().push(c.id.clone());
        }
    }
    // `v` holds each side's ids in id order; pop from the front of each digest's list.
    for ids in removed.values_mut() {
        ids.reverse();
    }
    let mut gone = std::collections::BTreeSet::new();
    for c in v.iter_mut().filter(|c| c.kind == InputKind::Added) {
        let Some(old) = c.new_digest.as_ref().and_then(|d| removed.get_mut(d)?.pop()) else {
            continue;
        };
        c.kind = InputKind::Renamed;
        c.old_digest = c.new_digest.clone();
        gone.insert(old.clone());
        c.old_id = Some(old);
    }
    v.retain(|c| !(c.kind == InputKind::Removed && gone.contains(&c.id)));
}

fn file_name(p: &str) -> String {
    std::path::Path::new(p)
        .file_name()
        .map_or_else(|| p.to_string(), |f| f.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::super::testing::model as tiny_model;
    use super::*;

    #[test]
    fn articles_are_matched_by_id_and_digest() {
        let mut old = tiny_model(&[("a", 0.5, 1)], &[]);
        let mut new = old.clone();
        old.training_articles = vec![
            ("a".into(), "1".into()),
            ("b".into(), "2".into()),
            ("c".into(), "3".into()),
        ];
        new.training_articles = vec![
            ("a".into(), "1".into()),
            ("b".into(), "9".into()),
            ("d".into(), "4".into()),
        ];
        old.training.articles = 3;
        new.training.articles = 3;
        let (v, note) = input_changes(&old, &new);
        let got: Vec<(&str, &str)> = v.iter().map(|c| (c.kind.as_str(), c.id.as_str())).collect();
        assert_eq!(got, [("seed_added", "d"), ("seed_removed", "c"), ("seed_edited", "b")]);
        assert_eq!(note, None);
    }

    #[test]
    fn a_text_under_a_new_id_is_one_rename() {
        let mut old = tiny_model(&[("a", 0.5, 1)], &[]);
        let mut new = old.clone();
        // b renamed to e; the text "5" twice before (c, d) and once after (f): c → f paired
        // in id order, d removed.
        old.training_articles = vec![
            ("a".into(), "1".into()),
            ("b".into(), "2".into()),
            ("c".into(), "5".into()),
            ("d".into(), "5".into()),
        ];
        new.training_articles = vec![
            ("a".into(), "1".into()),
            ("e".into(), "2".into()),
            ("f".into(), "5".into()),
            ("g".into(), "7".into()),
        ];
        old.training.articles = 4;
        new.training.articles = 4;
        let (v, _) = input_changes(&old, &new);
        let got: Vec<(&str, &str, Option<&str>)> = v
            .iter()
            .map(|c| (c.kind.as_str(), c.id.as_str(), c.old_id.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("seed_added", "g", None),
                ("seed_removed", "d", None),
                ("seed_renamed", "e", Some("b")),
                ("seed_renamed", "f", Some("c")),
            ]
        );
    }

    #[test]
    fn older_models_fall_back_to_file_names() {
        let mut old = tiny_model(&[("a", 0.5, 1)], &[]);
        let mut new = old.clone();
        old.training_articles.clear();
        old.training_inputs = vec![("seeds/x.txt".into(), "h1".into())];
        new.training_inputs = vec![
            ("seeds2/x.txt".into(), "h1".into()),
            ("seeds2/y.txt".into(), "h2".into()),
        ];
        let (v, note) = input_changes(&old, &new);
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].kind, v[0].id.as_str()), (InputKind::Added, "y.txt"));
        assert!(note.unwrap().contains("older framescope"));
    }
}
