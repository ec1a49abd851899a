//! Reading the two sides of a diff: an output folder (its `model.json`, `scores.csv` and,
//! for the articles worth explaining, `sentences.csv`) or a model file alone; and writing
//! `diff.csv`. Tables are read by column name, so folders written by older or newer versions
//! (fewer or more columns) still compare.

use super::tables::{csv_err, row_err};
use crate::compare::changes::rows::DiffRow;
use crate::compare::changes::{Scoring, Snapshot};
use crate::compare::diff::read_score_lines;
use crate::corpus::Side;
use crate::error::{Error, Result};
use crate::score::SentenceScore;
use std::collections::BTreeSet;
use std::path::Path;

/// The model an output folder's scores came from ([`folder_model`]).
pub enum FolderModel {
    Found(Box<crate::model::FramingModel>),
    /// The model the folder's run.json names is no longer the one it applied, or is gone (why).
    Changed(String),
    None,
}

/// The model an output folder's scores came from: its `model.json` (`run`), else the model
/// its run.json names (`score`, whose folder holds none) while that file still has the
/// sha256 run.json recorded.
pub fn folder_model(out: &Path, run: Option<&super::RunManifest>) -> Result<FolderModel> {
    let own = out.join("model.json");
    if own.exists() {
        return Ok(FolderModel::Found(Box::new(super::load_model(&own)?)));
    }
    let named = run.and_then(|r| Some((r.parameters.model.clone()?, r.model_sha256.clone()?)));
    let Some((p, sha)) = named else {
        return Ok(FolderModel::None);
    };
    let why = if p.is_file() {
        // Read once, hashed as read; a file that no longer loads is a changed one when its
        // bytes are not those recorded.
        match super::load_model_hashed(&p) {
            Ok((m, h)) if h == sha => return Ok(FolderModel::Found(Box::new(m))),
            Ok(_) => "has changed since it scored these articles",
            Err(_) if super::sha256_file(&p)? != sha => "has changed since it scored these articles",
            Err(e) => return Err(e),
        }
    } else {
        "is not there (moved, deleted, or named relative to the folder `score` ran in)"
    };
    // The usual loop is score → retrain → score: `retrain` moved the model a score folder
    // names into a dated backup, which still holds the bytes run.json recorded (review I,
    // session 50: `diff` of the two score folders traced nothing).
    Ok(match in_backup(&p, &sha)? {
        Some(m) => FolderModel::Found(Box::new(m)),
        None => FolderModel::Changed(format!("the model {} that run.json names {why}", p.display())),
    })
}

/// The model with sha256 `sha` in a dated backup of `p` — `model.<time>.json` beside it
/// (the name [`super::save_model`] gives a replaced model: `train`; review T, session 55:
/// only `model.json.<time>` was looked for, so score → train → score → `diff` traced
/// nothing), `model.json.<time>`, or `<folder>.<time>/model.json` beside its folder (the
/// names [`super::staged`] gives backups) —; `None` when none has those bytes.
fn in_backup(p: &Path, sha: &str) -> Result<Option<crate::model::FramingModel>> {
    let (Some(dir), Some(name)) = (p.parent(), p.file_name()) else {
        return Ok(None);
    };
    let name = name.to_string_lossy();
    let dated = |d: &Path, stem: &str| -> Vec<std::path::PathBuf> {
        let prefix = format!("{stem}.");
        let mut v: Vec<_> = std::fs::read_dir(if d.as_os_str().is_empty() { Path::new(".") } else { d })
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .map(|e| e.path())
            .collect();
        v.sort();
        v
    };
    let mut candidates = dated(dir, &name);
    if let Some(stem) = Path::new(name.as_ref()).file_stem() {
        let stem = stem.to_string_lossy();
        candidates.extend(
            dated(dir, &stem)
                .into_iter()
                .filter(|c| c.extension().is_some_and(|e| e == "json") && c.file_name() != p.file_name()),
        );
    }
    if let (Some(up), Some(folder)) = (dir.parent(), dir.file_name()) {
        candidates.extend(
            dated(up, &folder.to_string_lossy())
                .into_iter()
                .map(|d| d.join(name.as_ref())),
        );
    }
    for c in candidates.iter().filter(|c| c.is_file()) {
        if let Ok((m, h)) = super::load_model_hashed(c) {
            if h == sha {
                return Ok(Some(m));
            }
        }
    }
    Ok(None)
}

/// Read a side: a folder with `model.json` and/or `scores.csv`, or a model file.
pub fn load_snapshot(path: &Path) -> Result<Snapshot> {
    let label = path.display().to_string();
    let bad = |message: &str| Error::Table {
        path: path.to_path_buf(),
        message: message.into(),
    };
    if path.is_file() {
        return Ok(Snapshot {
            label,
            model: Some(super::load_model(path)?),
            scores: None,
            scoring: Scoring::Model,
            model_note: None,
            score_params: None,
        });
    }
    if !path.is_dir() {
        return Err(bad("not found (give an output folder or a model file)"));
    }
    let (m, s) = (path.join("model.json"), path.join("scores.csv"));
    if !m.exists() && !s.exists() {
        return Err(bad(
            "not a framescope output folder (no model.json or scores.csv in it)",
        ));
    }
    // A `score` folder holds no model.json: the model its run.json names, while that file is
    // unchanged (review finding, session 29: two score folders compared nothing but scores,
    // the route `retrain` recommends for them).
    let run = super::RunManifest::read(&path.join("run.json")).ok();
    let (model, model_note) = match folder_model(path, run.as_ref())? {
        FolderModel::Found(m) => (Some(*m), None),
        FolderModel::Changed(why) => (None, Some(why)),
        FolderModel::None => (None, None),
    };
    let scores = s.exists().then(|| read_score_lines(&s)).transpose()?;
    let ids: Option<Vec<&str>> = (scores.as_ref()).map(|v| v.iter().map(|l| l.id.as_str()).collect());
    Ok(Snapshot {
        label,
        scoring: scoring(path, model.as_ref(), ids.as_deref()),
        model,
        scores,
        model_note,
        score_params: run.as_ref().and_then(|r| r.parameters.scoring.clone()),
    })
}

/// Which classifier scored a folder's articles: its `folds.json` when there is one; else
/// `model.json`'s, unless its `run.json` says the run was cross-fitted (then not known).
/// `ids`: the articles of its scores.csv, in order.
fn scoring(path: &Path, model: Option<&crate::model::FramingModel>, ids: Option<&[&str]>) -> Scoring {
    let folds = path.join("folds.json");
    match model {
        Some(m) if folds.exists() => match super::read_folds(&folds, m, ids) {
            Ok(c) => Scoring::Folds(c),
            Err(e) => Scoring::Unknown(format!("its fold classifiers cannot be read ({e})")),
        },
        _ => match (super::RunManifest::read(&path.join("run.json")).ok()).and_then(|m| m.parameters.folds) {
            Some(k) if k > 0 => Scoring::Unknown(format!(
                "its articles were scored by {k} cross-fitting folds, but it has no folds.json"
            )),
            _ => Scoring::Model,
        },
    }
}

/// The `sentences.csv` rows of the articles in `ids`, and up to `max_hit` rows hitting one of
/// the lexicon `phrases` (lowercased), streamed (empty when `path` is a model file or its
/// folder has no `sentences.csv`).
pub fn snapshot_sentences(
    path: &Path,
    ids: &BTreeSet<String>,
    phrases: &BTreeSet<String>,
    max_hit: usize,
) -> Result<Vec<SentenceScore>> {
    let p = path.join("sentences.csv");
    if !path.is_dir() || !p.exists() || (ids.is_empty() && phrases.is_empty()) {
        return Ok(Vec::new());
    }
    let err = |message: String| Error::Table {
        path: p.clone(),
        message,
    };
    let mut r = csv::Reader::from_path(&p).map_err(|e| csv_err(&p, e))?;
    let h = r.headers().map_err(|e| csv_err(&p, e))?.clone();
    let col = |name: &str| h.iter().position(|c| c == name);
    let need = |name: &str| col(name).ok_or_else(|| err(format!("no `{name}` column")));
    let (id, index, text, p_k) = (need("article_id")?, need("index")?, need("text")?, need("p_kremlin")?);
    let (kh, wh, wl, ls) = (
        col("kremlin_hits"),
        col("western_hits"),
        col("weak_label"),
        col("lexicon_score"),
    );
    let list = |s: Option<&str>| -> Vec<String> {
        s.unwrap_or("")
            .split("; ")
            .filter(|x| !x.is_empty())
            .map(String::from)
            .collect()
    };
    let mut out = Vec::new();
    let mut rec = csv::StringRecord::new();
    let mut hit_rows = 0;
    while r.read_record(&mut rec).map_err(|e| csv_err(&p, e))? {
        // Cells neutralised against spreadsheet formulas get their text back.
        let rec = super::tables_restored(&rec);
        if !ids.contains(&rec[id]) {
            let hits = [kh, wh]
                .into_iter()
                .flatten()
                .flat_map(|i| rec[i].split("; "))
                .any(|h| phrases.contains(&h.to_lowercase()));
            if !hits || hit_rows >= max_hit {
                continue;
            }
            hit_rows += 1;
        }
        let num = |i: usize| -> Result<f64> {
            rec[i]
                .parse()
                .map_err(|_| err(format!("`{}` is not a number: `{}`", &h[i], &rec[i])))
        };
        out.push(SentenceScore {
            article_id: rec[id].to_string(),
            index: num(index)? as usize,
            is_headline: false,
            text: rec[text].to_string(),
            p_kremlin: num(p_k)?,
            lexicon_score: ls.and_then(|i| rec[i].parse().ok()).unwrap_or(0.0),
            weak_label: wl.and_then(|i| Side::parse(&rec[i])),
            kremlin_hits: list(kh.map(|i| &rec[i])),
            western_hits: list(wh.map(|i| &rec[i])),
            // The voice columns are not needed to explain a change.
            ..SentenceScore::default()
        });
    }
    Ok(out)
}

/// Compare two sides (output folders or model files): read both, compare, read the
/// sentences of the articles worth explaining, explain the `top` that moved most.
/// `new_scoring`: the new side's scoring options when its run.json is not written yet (a
/// `run` compares its staging folder): else the thresholds and bootstrap a run changed were
/// left out of its diff.csv and summary, which `diff` of the same folders reported (review,
/// session 48).
pub fn compare_paths(
    old: &Path,
    new: &Path,
    new_scoring: Option<&crate::score::ScoreParams>,
    top: usize,
) -> Result<crate::compare::changes::Changes> {
    use crate::compare::changes;
    let (o, mut n) = (load_snapshot(old)?, load_snapshot(new)?);
    if let Some(sp) = new_scoring {
        n.score_params = Some(sp.clone());
    }
    let (mut c, ids) = changes::compare_models(&o, &n, top);
    for side in [old, new] {
        c.notes.extend(changed_since_recorded(side, "compared")?);
    }
    let phrases: BTreeSet<String> = c.lexicon.iter().map(|l| l.phrase.clone()).collect();
    let max = changes::MAX_LEXICON_SENTENCES;
    let (os, ns) = (
        snapshot_sentences(old, &ids, &phrases, max)?,
        snapshot_sentences(new, &ids, &phrases, max)?,
    );
    changes::explain(&mut c, &o, &n, &os, &ns, top);
    Ok(c)
}

/// The tables of an output folder that a job reads and that differ from the sha256 its
/// run.json recorded for them (edited, truncated or copied over since), named in a note: the
/// job (`diff`, `retrain`: `how` = "compared"; `chart`: "drawn"; `report`: "reported";
/// `inspect`: "read") takes them as they are now (review, session 48: `diff` took a truncated
/// scores.csv's missing rows for removed articles without a word; review J6: `chart` and
/// `report` drew a hand-edited one without a word). `None` for a model file, a folder
/// without run.json, or tables as recorded.
pub fn changed_since_recorded(side: &Path, how: &str) -> Result<Option<String>> {
    if !side.is_dir() {
        return Ok(None);
    }
    let Ok(run) = super::RunManifest::read(&side.join("run.json")) else {
        return Ok(None);
    };
    let mut changed = Vec::new();
    for name in ["model.json", "scores.csv", "sentences.csv", "folds.json"] {
        let p = side.join(name);
        let recorded = run.outputs.iter().find(|o| o.path == name && !o.sha256.is_empty());
        // A table gone is noted where it is missed ("no scores.csv in …").
        if let Some(r) = recorded.filter(|_| p.is_file()) {
            if super::sha256_file(&p)? != r.sha256 {
                changed.push(name);
            }
        }
    }
    Ok((!changed.is_empty()).then(|| {
        format!(
            "{}: {} changed since its run.json recorded {} (edited, truncated or replaced): {how} as {} now",
            side.display(),
            changed.join(", "),
            if changed.len() == 1 { "it" } else { "them" },
            if changed.len() == 1 { "it is" } else { "they are" },
        )
    }))
}

/// Write what a comparison found into `out`: `diff.csv`, and `charts/before_after.png` when
/// articles are in both runs. Returns the files written.
pub fn write_changes(out: &Path, c: &crate::compare::changes::Changes) -> Result<Vec<std::path::PathBuf>> {
    super::prepare_dir(out)?;
    let path = out.join("diff.csv");
    write_diff_rows(&path, &crate::compare::changes::rows::diff_rows(c))?;
    let mut written = vec![path];
    let chart = out.join("charts").join("before_after.png");
    if c.articles.iter().any(|a| a.change().is_some()) {
        super::prepare_dir(&out.join("charts"))?;
        if let Some(png) = crate::charts::before_after::before_after(&c.articles, 40, &chart)? {
            super::write_atomic(&chart, &png)?;
            written.push(chart);
        }
    }
    Ok(written)
}

/// Read `diff.csv` back (for the report's "What changed" section).
pub fn read_diff_rows(path: &Path) -> Result<Vec<DiffRow>> {
    let mut r = csv::Reader::from_path(path).map_err(|e| csv_err(path, e))?;
    let headers = r.headers().map_err(|e| csv_err(path, e))?.clone();
    r.records()
        .map(|rec| {
            let rec = rec.map_err(|e| csv_err(path, e))?;
            // Cells neutralised against spreadsheet formulas get their text back.
            let rec = super::tables_restored(&rec);
            rec.deserialize(Some(&headers))
                .map_err(|e| row_err(path, &rec, &headers.iter().collect::<Vec<_>>(), e))
        })
        .collect()
}

/// Write `diff.csv`.
pub fn write_diff_rows(path: &Path, rows: &[DiffRow]) -> Result<()> {
    super::write_rows(path, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_read_by_column_name_for_the_ids_asked() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(
            d.path().join("sentences.csv"),
            "article_id,index,extra,text,p_kremlin,kremlin_hits\na,0,x,First.,0.25,kiev; kiev regime\nb,0,y,Other.,0.5,\na,1,z,Second.,0.75,\n",
        )
        .unwrap();
        let ids: BTreeSet<String> = ["a".to_string()].into();
        let s = snapshot_sentences(d.path(), &ids, &BTreeSet::new(), 0).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!((s[1].index, s[1].text.as_str(), s[1].p_kremlin), (1, "Second.", 0.75));
        assert_eq!(s[0].kremlin_hits, ["kiev", "kiev regime"]);
        assert!(s[0].western_hits.is_empty());
        // Rows of other articles that hit a changed entry, up to the cap.
        let kiev: BTreeSet<String> = ["kiev regime".to_string()].into();
        assert_eq!(
            snapshot_sentences(d.path(), &BTreeSet::new(), &kiev, 5).unwrap().len(),
            1
        );
    }

    #[test]
    fn tables_changed_since_run_json_are_named() {
        let d = tempfile::tempdir().unwrap();
        let table = "id,title,framing_score\na,,0.5\n";
        std::fs::write(d.path().join("scores.csv"), table).unwrap();
        std::fs::write(d.path().join("sentences.csv"), "x").unwrap();
        // No run.json: nothing to check against.
        assert_eq!(changed_since_recorded(d.path(), "compared").unwrap(), None);
        // sha256 of the two contents, from `sha256sum`.
        let mut m = crate::report::RunManifest::new("run");
        for (path, sha) in [
            (
                "scores.csv",
                "42eb7739a2fff61aea7593fc4004081ac79f212ee5c51fac8ff0d39fce93bacf",
            ),
            (
                "sentences.csv",
                "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881",
            ),
            // Recorded but gone: noted elsewhere ("no model.json in …"), not here.
            ("model.json", "00"),
        ] {
            m.outputs.push(crate::report::OutputRecord {
                path: path.into(),
                sha256: sha.into(),
                pending: None,
            });
        }
        std::fs::write(d.path().join("run.json"), serde_json::to_string(&m).unwrap()).unwrap();
        assert_eq!(changed_since_recorded(d.path(), "compared").unwrap(), None);
        // The last row cut off.
        std::fs::write(d.path().join("scores.csv"), "id,title,framing_score\n").unwrap();
        let note = changed_since_recorded(d.path(), "compared").unwrap().unwrap();
        assert!(note.ends_with("scores.csv changed since its run.json recorded it (edited, truncated or replaced): compared as it is now"), "{note}");
        std::fs::write(d.path().join("sentences.csv"), "y").unwrap();
        let note = changed_since_recorded(d.path(), "compared").unwrap().unwrap();
        assert!(
            note.contains(": scores.csv, sentences.csv changed since its run.json recorded them"),
            "{note}"
        );
        // A model file is not a folder.
        assert_eq!(
            changed_since_recorded(&d.path().join("scores.csv"), "compared").unwrap(),
            None
        );
    }

    #[test]
    fn a_folder_without_outputs_is_refused_by_name() {
        let d = tempfile::tempdir().unwrap();
        let e = load_snapshot(d.path()).unwrap_err().to_string();
        assert!(e.contains("not a framescope output folder"), "{e}");
        let e = load_snapshot(&d.path().join("nope")).unwrap_err().to_string();
        assert!(e.contains("not found"), "{e}");
    }
}
