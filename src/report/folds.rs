//! `folds.json`: the cross-fitting classifiers that scored a run's articles (`run --folds`),
//! so that every `p_kremlin` of sentences.csv can be recomputed (model.json holds the full
//! fit, which scores new articles).

use super::write_atomic;
use crate::error::{Error, Result};
use crate::model::{id_key, Assignment, CrossFit, FoldFit, FramingModel};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::path::Path;

/// The file as a whole.
#[derive(Debug, Serialize, Deserialize)]
pub struct FoldsFile<'a> {
    pub folds: usize,
    /// How articles are assigned (documentation inside the file).
    pub assignment: Cow<'a, str>,
    /// `order` (article number mod folds) or `id` (the article id's key mod folds); see
    /// `assignment`. Absent from the files of runs before session 39: `order`, as then.
    #[serde(default = "order")]
    pub assigned_by: Cow<'a, str>,
    /// Folds whose own fit was impossible (one side only): their articles were scored by
    /// model.json's classifier.
    pub fallback_folds: Vec<usize>,
    /// (article, the first article of its group of copies, whose fold it is in) for every
    /// article in a group of copies but its first (see `assignment`). Absent from the
    /// files of runs before copies were kept in one fold: none then.
    #[serde(default)]
    pub copies: Vec<(usize, usize)>,
    pub classifiers: Vec<FoldRecord<'a>>,
}

/// One fold's classifier: intercept and the weights of the columns it trained (every other
/// term weighs 0), named by term, in vocabulary order.
#[derive(Debug, Serialize, Deserialize)]
pub struct FoldRecord<'a> {
    pub fold: usize,
    pub intercept: f64,
    pub training_rows: usize,
    pub weights: Vec<(Cow<'a, str>, f64)>,
}

const ASSIGNMENT: &str = "each article was scored by its fold's classifier, fitted without the training rows of its fold's articles; the lexicon prior and everything else are model.json's. `assigned_by` says which fold an article is in: `order` (a run with no more articles than folds, each article a fold of its own): article number a (scores.csv row order, from 0) is in fold a mod folds; `id`: the article with id s is in fold n mod folds, n = the first 8 bytes of SHA-256(UTF-8 bytes of s) as a big-endian number (Python: int.from_bytes(hashlib.sha256(s.encode()).digest()[:8], \"big\") % folds), so adding, removing or reordering articles moves no other one. Two articles whose shared sentences (20 bytes or longer, word for word; a sentence more than 64 articles carry counts for none) are at least half of either one's are copies, and a group of copies (linked transitively, whatever the order) is one fold (`copies`: [article, the group's first article]), so no copy trains the classifier that scores it; with `id`, a group is in the fold of the smallest n among its members";

fn order() -> Cow<'static, str> {
    "order".into()
}

/// The largest article number `read_folds` takes in `copies` (its table of groups is
/// dense: 4 bytes per article).
const MAX_ARTICLES: usize = 100_000_000;

/// Write `folds.json` for a run's cross-fitting.
pub fn write_folds(path: &Path, cross: &CrossFit, model: &FramingModel) -> Result<()> {
    let file = FoldsFile {
        folds: cross.k(),
        assignment: ASSIGNMENT.into(),
        assigned_by: cross.assignment.name().into(),
        fallback_folds: cross.fallbacks(),
        copies: cross.copies(),
        classifiers: cross
            .folds
            .iter()
            .enumerate()
            .filter_map(|(f, c)| c.as_ref().map(|c| (f, c)))
            .map(|(fold, c)| FoldRecord {
                fold,
                intercept: c.intercept,
                training_rows: c.rows,
                weights: std::iter::zip(c.columns().0, c.columns().1)
                    .map(|(&j, &w)| (model.tfidf.terms[j as usize].as_str().into(), w))
                    .collect(),
            })
            .collect(),
    };
    let text = serde_json::to_string_pretty(&file).map_err(|e| Error::Json {
        path: path.to_path_buf(),
        source: e,
    })?;
    write_atomic(path, text.as_bytes())
}

/// Read `folds.json` back as the run's cross-fitting, its terms looked up in the run's
/// `model` (the folds share its vocabulary): what scored each article, for `diff`. `ids`:
/// the run's article ids in scores.csv order (`None`: no scores.csv), which folds assigned
/// by id need.
pub fn read_folds(path: &Path, model: &FramingModel, ids: Option<&[&str]>) -> Result<CrossFit> {
    let bad = |message: String| Error::Table {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read(path).map_err(|e| bad(format!("cannot read: {e}")))?;
    let file: FoldsFile = serde_json::from_slice(&text).map_err(|e| Error::Json {
        path: path.to_path_buf(),
        source: e,
    })?;
    let (groups, assignment) = who_is_where(path, &file.shape(), ids)?;
    let mut folds: Vec<Option<FoldFit>> = vec![None; file.folds];
    for c in file.classifiers {
        let mut pairs = Vec::with_capacity(c.weights.len());
        for (term, w) in &c.weights {
            let j = (model.tfidf.column(term))
                .ok_or_else(|| bad(format!("fold {}: `{term}` is not in model.json's vocabulary", c.fold)))?;
            pairs.push((j, *w));
        }
        pairs.sort_by_key(|p| p.0);
        let (columns, weights) = pairs.into_iter().unzip();
        // In range: `who_is_where` checked every fold number.
        folds[c.fold] = Some(FoldFit::new(columns, weights, c.intercept, c.training_rows));
    }
    Ok(CrossFit {
        folds,
        groups,
        assignment,
    })
}

/// What `folds.json` says besides the classifiers' weights: how many folds, who is in which
/// and what each fold's classifier trained on (`inspect` reads this much, not the weights,
/// nor model.json).
#[derive(Debug, Clone, PartialEq)]
pub struct FoldPlan {
    pub k: usize,
    /// `order` or `id` (`folds.json`'s `assigned_by`).
    pub assigned_by: &'static str,
    /// Per fold, its classifier's training rows; `None`: the fold fell back to model.json's
    /// classifier (its training rows had one side only).
    pub training_rows: Vec<Option<usize>>,
    groups: Vec<u32>,
    assignment: Assignment,
}

impl FoldPlan {
    /// The plan of a run's cross-fitting, as its `folds.json` would give it.
    pub fn of_cross(c: &CrossFit) -> FoldPlan {
        FoldPlan {
            k: c.k(),
            assigned_by: c.assignment.name(),
            training_rows: c.folds.iter().map(|f| f.as_ref().map(|f| f.rows)).collect(),
            groups: c.groups.clone(),
            assignment: c.assignment.clone(),
        }
    }

    /// The fold of article number `article` (scores.csv row order, from 0).
    pub fn fold_of(&self, article: usize) -> usize {
        crate::model::fold_in(&self.groups, &self.assignment, article, self.k)
    }

    /// The earlier article whose fold `article` is in because it copies it, if any.
    pub fn copy_of(&self, article: usize) -> Option<usize> {
        (self.groups.get(article)).and_then(|&g| (g as usize != article).then_some(g as usize))
    }
}

/// How the run whose `folds.json` is at `path` assigned its folds (`order` or `id`); `None`
/// when there is no such file or it cannot be read (the report page then does not say).
pub fn folds_assigned_by(path: &Path) -> Option<&'static str> {
    #[derive(Deserialize)]
    struct Rule<'a> {
        #[serde(default = "order", borrow)]
        assigned_by: Cow<'a, str>,
    }
    let text = std::fs::read(path).ok()?;
    let rule: Rule = serde_json::from_slice(&text).ok()?;
    match &*rule.assigned_by {
        "order" => Some("order"),
        "id" => Some("id"),
        _ => None,
    }
}

/// The plan of `folds.json` at `path` for a run whose scores.csv lists `ids`, in order.
pub fn read_fold_plan(path: &Path, ids: &[&str]) -> Result<FoldPlan> {
    /// A classifier's record without its weights (serde skips them).
    #[derive(Deserialize)]
    struct Size {
        fold: usize,
        training_rows: usize,
    }
    #[derive(Deserialize)]
    struct Header<'a> {
        folds: usize,
        #[serde(default = "order", borrow)]
        assigned_by: Cow<'a, str>,
        fallback_folds: Vec<usize>,
        #[serde(default)]
        copies: Vec<(usize, usize)>,
        classifiers: Vec<Size>,
    }
    let text = std::fs::read(path).map_err(|e| Error::Table {
        path: path.to_path_buf(),
        message: format!("cannot read: {e}"),
    })?;
    let file: Header = serde_json::from_slice(&text).map_err(|e| Error::Json {
        path: path.to_path_buf(),
        source: e,
    })?;
    let shape = Shape {
        folds: file.folds,
        classifiers: file.classifiers.iter().map(|c| c.fold).collect(),
        fallbacks: &file.fallback_folds,
        assigned_by: &file.assigned_by,
        copies: &file.copies,
    };
    let (groups, assignment) = who_is_where(path, &shape, Some(ids))?;
    // In range: `who_is_where` checked every fold number.
    let mut training_rows = vec![None; file.folds];
    for c in &file.classifiers {
        training_rows[c.fold] = Some(c.training_rows);
    }
    Ok(FoldPlan {
        k: file.folds,
        assigned_by: assignment.name(),
        training_rows,
        groups,
        assignment,
    })
}

/// The parts of a `folds.json` that say who is in which fold.
struct Shape<'f> {
    folds: usize,
    /// The fold of each classifier record, in file order.
    classifiers: Vec<usize>,
    fallbacks: &'f [usize],
    assigned_by: &'f str,
    copies: &'f [(usize, usize)],
}

impl FoldsFile<'_> {
    fn shape(&self) -> Shape<'_> {
        Shape {
            folds: self.folds,
            classifiers: self.classifiers.iter().map(|c| c.fold).collect(),
            fallbacks: &self.fallback_folds,
            assigned_by: &self.assigned_by,
            copies: &self.copies,
        }
    }
}

/// The groups of copies and the assignment a `folds.json` describes, checked.
fn who_is_where(path: &Path, file: &Shape<'_>, ids: Option<&[&str]>) -> Result<(Vec<u32>, Assignment)> {
    let bad = |message: String| Error::Table {
        path: path.to_path_buf(),
        message,
    };
    if file.folds == 0 {
        return Err(bad("`folds` is 0".into()));
    }
    // Sizes are checked before anything is allocated from them: a damaged file is refused
    // with a message, not an abort. Every fold has a classifier or fell back.
    if file.folds > file.classifiers.len() + file.fallbacks.len() {
        return Err(bad(format!(
            "`folds` is {} but the file has {} classifiers and {} fallback folds",
            file.folds,
            file.classifiers.len(),
            file.fallbacks.len()
        )));
    }
    // Each fold once: a classifier, or a fallback to model.json's.
    let mut seen = vec![false; file.folds];
    for &f in file.classifiers.iter().chain(file.fallbacks) {
        match seen.get_mut(f) {
            Some(s) if !*s => *s = true,
            Some(_) => return Err(bad(format!("fold {f} has more than one classifier or fallback"))),
            None => return Err(bad(format!("fold {f} of {}", file.folds))),
        }
    }
    let by_id: Option<Vec<u64>> = match (file.assigned_by, ids) {
        ("order", _) => None,
        ("id", Some(ids)) => Some(ids.iter().map(|id| id_key(id)).collect()),
        ("id", None) => {
            return Err(bad(
                "folds are assigned by article id, and there is no scores.csv beside it to give the ids".into(),
            ))
        }
        (other, _) => return Err(bad(format!("`assigned_by` is `{other}`: expected `order` or `id`"))),
    };
    if let Some(&(a, g)) = file.copies.iter().find(|&&(a, g)| g >= a || a >= MAX_ARTICLES) {
        return Err(bad(format!(
            "copy [{a}, {g}] is not an article and an earlier one (numbers below {MAX_ARTICLES})"
        )));
    }
    let n = file.copies.iter().map(|&(a, _)| a + 1).max().unwrap_or(0);
    let mut groups: Vec<u32> = (0..n as u32).collect();
    for &(a, g) in file.copies {
        groups[a] = g as u32;
    }
    // A run records each copy with its group's first article, never with another copy.
    if let Some(&(a, g)) = file
        .copies
        .iter()
        .find(|&&(_, g)| groups.get(g).is_some_and(|&h| h as usize != g))
    {
        return Err(bad(format!("copy [{a}, {g}]: article {g} is itself a copy")));
    }
    let assignment = by_id.map_or(Assignment::Order, |keys| Assignment::by_id(keys, &groups));
    Ok((groups, assignment))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `write_folds` writes, `read_folds` reads back: the same classifier per article.
    #[test]
    fn folds_are_read_back_as_written() {
        let m = crate::compare::changes::testing::model(&[("a", 0.5, 2), ("b", 0.0, 2), ("c", -0.5, 2)], &[]);
        let cross = CrossFit {
            folds: vec![Some(FoldFit::new(vec![0, 2], vec![0.25, -0.75], -0.1, 7)), None],
            groups: vec![0, 1, 0],
            assignment: Assignment::Order,
        };
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("folds.json");
        write_folds(&p, &cross, &m).unwrap();
        let back = read_folds(&p, &m, None).unwrap();
        assert_eq!(back.k(), 2);
        for a in 0..4 {
            assert_eq!(back.for_article(a), cross.for_article(a), "article {a}");
        }
        assert_eq!(back.fold_of(2), 0, "a copy of article 0");
        std::fs::write(&p, r#"{"folds":1,"assignment":"","fallback_folds":[],"copies":[],"classifiers":[{"fold":0,"intercept":0,"training_rows":1,"weights":[["zz",1.0]]}]}"#).unwrap();
        let e = read_folds(&p, &m, None).unwrap_err().to_string();
        assert!(e.contains("`zz` is not in model.json's vocabulary"), "{e}");
    }

    /// Folds assigned by id are read back from the ids of scores.csv; without them, or with
    /// an unknown rule, the file is refused with the reason.
    #[test]
    fn folds_by_id_are_read_back_with_the_runs_ids() {
        let m = crate::compare::changes::testing::model(&[("a", 0.5, 2)], &[]);
        let ids = ["a", "б", "", "002"];
        let cross = CrossFit {
            folds: vec![Some(FoldFit::new(vec![0], vec![0.25], -0.1, 7)), None, None],
            groups: vec![0, 1, 2, 1],
            assignment: Assignment::by_id(ids.iter().map(|s| id_key(s)).collect(), &[0, 1, 2, 1]),
        };
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("folds.json");
        write_folds(&p, &cross, &m).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(r#""assigned_by": "id""#), "{text}");
        let back = read_folds(&p, &m, Some(&ids)).unwrap();
        // Keys mod 3 (Python hashlib): a 1, б 2, '' 1; 002 copies б: 2.
        assert_eq!((0..4).map(|a| back.fold_of(a)).collect::<Vec<_>>(), [1, 2, 1, 2]);
        assert_eq!(back, cross);
        let e = read_folds(&p, &m, None).unwrap_err().to_string();
        assert!(e.contains("assigned by article id, and there is no scores.csv"), "{e}");
        std::fs::write(&p, text.replace(r#""assigned_by": "id""#, r#""assigned_by": "rows""#)).unwrap();
        let e = read_folds(&p, &m, Some(&ids)).unwrap_err().to_string();
        assert!(e.contains("`assigned_by` is `rows`: expected `order` or `id`"), "{e}");
    }

    /// Review findings (session 21): a file written before `copies` existed was refused,
    /// and a damaged file's sizes were allocated before they were checked.
    #[test]
    fn an_older_file_without_copies_reads_and_damaged_sizes_are_refused_not_allocated() {
        let m = crate::compare::changes::testing::model(&[("a", 0.5, 2)], &[]);
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("folds.json");
        let fold = r#"{"fold":0,"intercept":-0.1,"training_rows":1,"weights":[["a",1.0]]}"#;
        std::fs::write(
            &p,
            format!(r#"{{"folds":1,"assignment":"","fallback_folds":[],"classifiers":[{fold}]}}"#),
        )
        .unwrap();
        let back = read_folds(&p, &m, None).unwrap();
        assert_eq!((back.k(), back.fold_of(5)), (1, 0));
        assert_eq!(
            back.assignment,
            Assignment::Order,
            "files before `assigned_by`: by order"
        );
        for (file, says) in [
            (
                format!(
                    r#"{{"folds":18446744073709551615,"assignment":"","fallback_folds":[],"classifiers":[{fold}]}}"#
                ),
                "but the file has 1 classifiers",
            ),
            (
                format!(
                    r#"{{"folds":1,"assignment":"","fallback_folds":[],"copies":[[18446744073709551615,0]],"classifiers":[{fold}]}}"#
                ),
                "is not an article and an earlier one",
            ),
            (
                format!(r#"{{"folds":1,"assignment":"","fallback_folds":[],"copies":[[3,3]],"classifiers":[{fold}]}}"#),
                "copy [3, 3]",
            ),
            // A run records each copy with its group's first article (review, session 40).
            (
                format!(
                    r#"{{"folds":1,"assignment":"","fallback_folds":[],"copies":[[3,0],[5,3]],"classifiers":[{fold}]}}"#
                ),
                "copy [5, 3]: article 3 is itself a copy",
            ),
            // Each fold once, as a classifier or a fallback.
            (
                format!(r#"{{"folds":2,"assignment":"","fallback_folds":[],"classifiers":[{fold},{fold}]}}"#),
                "fold 0 has more than one classifier or fallback",
            ),
            (
                format!(r#"{{"folds":1,"assignment":"","fallback_folds":[0],"classifiers":[{fold}]}}"#),
                "fold 0 has more than one classifier or fallback",
            ),
            (
                r#"{"folds":1,"assignment":"","fallback_folds":[4],"classifiers":[]}"#.to_string(),
                "fold 4 of 1",
            ),
        ] {
            std::fs::write(&p, &file).unwrap();
            let e = read_folds(&p, &m, None).unwrap_err().to_string();
            assert!(e.contains(says), "{e}");
            // `inspect`'s reading refuses the same files.
            let e = read_fold_plan(&p, &["a"]).unwrap_err().to_string();
            assert!(e.contains(says), "{e}");
        }
    }
}
