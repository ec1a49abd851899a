//! The comparator's part of `run` and `score`: sourcing columns filled batch by batch (and
//! `attributions.csv` streamed), own-text columns filled once the whole run is seen (a
//! sentence is "own" only if no other article of the run shares it), then `outlets.csv` /
//! `timeline.csv` when outlets / dates are known.

use super::{Progress, Scored};
use crate::compare::changes::Changes;
use crate::compare::enrich::{apply_sourcing, OwnTextAccumulator};
use crate::compare::outlets::{OutletAccumulator, OutletRow};
use crate::compare::overlap::OverlapParams;
use crate::compare::sourcing::{Actors, Attribution};
use crate::compare::tables::{write_outlets, write_shared, write_timeline, AttributionsWriter};
use crate::compare::ArticleRow;
use crate::document::Document;
use crate::error::Result;
use crate::report::{self, RunManifest};
use crate::text::voice::Words;
use std::path::Path;

/// Own text needs every sentence's fingerprint until the end of the run, and matching time
/// grows with the number of near-duplicate pairs (measured: 10,000 synthetic articles built
/// from 67 recombined sentence templates took minutes and 1.3 GB). Beyond this many articles
/// the own-text columns are left empty, and the run says so, to keep `run` and `score` fast
/// and memory-flat on crawls; `framescope overlap` has no cap.
pub const OWN_TEXT_MAX_ARTICLES: usize = 2_000;

/// What `run` and `score` do to each batch after analysis: score every article, fill its
/// sourcing columns, then free the per-term analysis ([`Document::release_analysis`]) in
/// parallel, since the writer thread needs only the articles and their sentence texts.
pub fn score_batch(
    model: &crate::model::FramingModel,
    actors: &Actors,
    docs: &mut [Document],
    sp: &crate::score::ScoreParams,
) -> (Vec<Scored>, Vec<Vec<Attribution>>) {
    score_batch_folds(model, None, 0, actors, docs, sp)
}

/// [`score_batch`] for articles number `first`, `first` + 1, … of a cross-fitted run, each
/// scored by its fold's classifier.
pub fn score_batch_folds(
    model: &crate::model::FramingModel,
    cross: Option<&crate::model::CrossFit>,
    first: usize,
    actors: &Actors,
    docs: &mut [Document],
    sp: &crate::score::ScoreParams,
) -> (Vec<Scored>, Vec<Vec<Attribution>>) {
    use rayon::prelude::*;
    // Each sentence tokenized once for the voice split and sourcing.
    let words = crate::pipeline::sentence_words(docs);
    let mut scored: Vec<Scored> = crate::pipeline::score_all_folds(model, cross, first, docs, &words, sp)
        .into_iter()
        .map(|(a, s)| (a.into(), s))
        .collect();
    let atts = sourcing(actors, docs, &words, &mut scored);
    drop(words);
    docs.par_iter_mut().for_each(Document::release_analysis);
    (scored, atts)
}

/// Fill the sourcing columns of a scored batch and
/// return each article's attributions (`words`: [`crate::pipeline::sentence_words`]).
pub fn sourcing(
    actors: &Actors,
    docs: &[Document],
    words: &[Vec<Words>],
    scored: &mut [Scored],
) -> Vec<Vec<Attribution>> {
    use rayon::prelude::*;
    docs.par_iter()
        .zip(words)
        .zip(scored.par_iter_mut())
        .map(|((d, w), (art, _))| apply_sourcing(d, w, &mut art.compare, actors))
        .collect()
}

/// Why the own-text columns are empty (`why`: too many articles, too many near pairs).
pub fn own_text_note(why: &str) -> String {
    format!("note: own_text_share and own_framing_score left empty: {why} (use `framescope overlap` on a subset)")
}

/// State carried through a run's scoring pass.
pub struct Compare {
    actors: Actors,
    /// `None` once the run passed OWN_TEXT_MAX_ARTICLES.
    own: Option<OwnTextAccumulator>,
    seen: usize,
    attributions: AttributionsWriter,
}

impl Compare {
    /// With these actor lists (the data folder's for `run`, the model's for `score`);
    /// `attributions.csv` in `out`; `quoted_weight` is the model's (own_framing_score is
    /// measured as framing_score is).
    pub fn new(actors: Actors, out: &Path, quoted_weight: Option<f64>) -> Result<Compare> {
        Ok(Compare {
            actors,
            own: Some(OwnTextAccumulator::new(OverlapParams::default(), quoted_weight)),
            seen: 0,
            attributions: AttributionsWriter::create(&out.join("attributions.csv"))?,
        })
    }

    /// The actor lists (for [`sourcing`] on another thread).
    pub fn actors(&self) -> &Actors {
        &self.actors
    }

    /// After [`sourcing`] (the parallel half): write a batch's attributions and
    /// remember its fingerprints for own text, in input order.
    pub fn record(&mut self, docs: &[Document], scored: &[Scored], atts: Vec<Vec<Attribution>>) -> Result<()> {
        for ((d, (art, sents)), att) in docs.iter().zip(scored.iter()).zip(atts) {
            self.attributions
                .write(&d.article.id, &att, |i| d.sentences[i].text.as_str())?;
            self.seen += 1;
            if self.seen > OWN_TEXT_MAX_ARTICLES {
                self.own = None;
            }
            if let Some(own) = self.own.as_mut() {
                // Measured from the no-evidence point of the classifier that scored it
                // (its cross-fitting fold's in a cross-fitted run), as framing_score is.
                own.add(d, sents, art.score_offset);
            }
        }
        Ok(())
    }

    /// After `scores.csv` is committed: fill its own-text columns, each measured from its
    /// article's no-evidence point like framing_score (and those of `articles`,
    /// when the caller kept every article's score, in table order), commit
    /// `attributions.csv`, write the outlet tables. Without `articles`, scores.csv is read
    /// back for the outlet tables. Returns the outlet rows (empty when no article names
    /// its outlet), for the charts.
    pub fn finish(
        self,
        out: &Path,
        articles: Option<&mut [ArticleRow]>,
        sp: &crate::score::ScoreParams,
        manifest: &mut RunManifest,
        progress: &dyn Progress,
    ) -> Result<Vec<OutletRow>> {
        let scores_path = out.join("scores.csv");
        // Recorded as printed (README, run.json `problems`).
        let found = match self.own {
            Some(acc) => acc.finish().map_err(|e| own_text_note(&e.to_string())),
            None => Err(own_text_note(&format!("more than {OWN_TEXT_MAX_ARTICLES} articles"))),
        };
        let own = match found {
            Ok(found) => {
                report::fill_own_text(&scores_path, &found.per_article)?;
                let listed = manifest.listed(&scores_path).display().to_string();
                manifest.outputs.retain(|o| o.path != listed);
                manifest.add_output(&scores_path)?;
                let shared_path = out.join("shared_sentences.csv");
                write_shared(&shared_path, &found.shared)?;
                manifest.add_output(&shared_path)?;
                found.per_article
            }
            Err(note) => {
                progress.warn(&note);
                manifest.problems.push(note);
                Vec::new()
            }
        };
        self.attributions.commit()?;
        manifest.add_output(&out.join("attributions.csv"))?;
        let mut acc = OutletAccumulator::default();
        match articles {
            Some(a) => {
                for (s, (share, score)) in a.iter_mut().zip(&own) {
                    s.compare.own_text_share = Some(*share);
                    s.compare.own_framing_score = *score;
                }
                a.iter().for_each(|s| acc.add(s));
            }
            // Streamed back: memory stays flat however many articles were scored.
            None => report::for_each_score(&scores_path, |s| {
                acc.add(&s);
                Ok(())
            })?,
        }
        if let Some(w) = acc.dates.warning(true) {
            // Recorded as printed (README, run.json `problems`).
            progress.warn(&w);
            manifest.problems.push(w);
        }
        write_outlet_tables(out, &acc, sp.bootstrap, sp.seed, manifest)
    }
}

/// `outlets.csv` when any article names its outlet, `timeline.csv` when any has a date.
/// Returns the outlet rows.
pub fn write_outlet_tables(
    out: &Path,
    acc: &OutletAccumulator,
    resamples: usize,
    seed: u64,
    manifest: &mut RunManifest,
) -> Result<Vec<OutletRow>> {
    let rows = acc.outlets(resamples, seed);
    if !rows.is_empty() {
        let p = out.join("outlets.csv");
        write_outlets(&p, &rows)?;
        manifest.add_output(&p)?;
    }
    let t = acc.timeline();
    if !t.is_empty() {
        let p = out.join("timeline.csv");
        write_timeline(&p, &t)?;
        manifest.add_output(&p)?;
    }
    Ok(rows)
}

/// The earlier outputs a run compares with (`--compare-to`): another output folder or model
/// file, or the run's own `--out`. That folder is untouched until the run's outputs are
/// swapped in ([`report::StagedDir`]), so it is read in place; it then becomes the dated
/// backup the comparison names.
pub struct Before {
    path: Option<std::path::PathBuf>,
    label: String,
    /// The earlier outputs are `--out`'s own (`retrain`).
    own: bool,
}

impl Before {
    /// Check what to compare with now, not after the long passes.
    pub fn keep(compare_to: Option<&Path>, out: &Path, progress: &dyn Progress) -> Result<Before> {
        let none = Before {
            path: None,
            label: String::new(),
            own: false,
        };
        let Some(p) = compare_to else {
            return Ok(none);
        };
        let same = match (p.canonicalize(), out.canonicalize()) {
            (Ok(x), Ok(y)) => x == y,
            // `--out` not made yet (`retrain --out fresh`): the same path, nothing before it.
            _ => matches!((std::path::absolute(p), std::path::absolute(out)), (Ok(x), Ok(y)) if x == y),
        };
        if same && !["model.json", "scores.csv"].iter().any(|f| out.join(f).exists()) {
            progress.warn(&format!(
                "{} holds no earlier outputs: nothing to compare with",
                out.display()
            ));
            return Ok(none);
        }
        report::load_snapshot(p)?;
        // A file inside `--out` (`--compare-to output/model.json`) is the earlier one too:
        // the run replaces it (review, session 42: the label named the new model's path).
        let inside = match (p.canonicalize(), out.canonicalize()) {
            (Ok(x), Ok(y)) => !same && x.starts_with(&y),
            _ => false,
        };
        Ok(Before {
            path: Some(p.to_path_buf()),
            label: if same {
                format!("{} (before this run)", out.display())
            } else if inside {
                format!("{} (before this run)", p.display())
            } else {
                p.display().to_string()
            },
            own: same,
        })
    }

    /// What run.json's `compared_with` starts as: the folder or model compared with, `out`
    /// when that is the run's own folder (which [`super::common::finish_folder`] turns into
    /// the backup its contents are moved to), `None` when nothing is compared.
    pub fn compared_with(&self, out: &Path) -> Option<std::path::PathBuf> {
        let p = self.path.as_deref()?;
        Some(if self.own { out } else { p }.to_path_buf())
    }

    /// Compare the run's finished tables and model (in `out`, the staging folder) with the
    /// earlier outputs and write diff.csv and charts/before_after.png (recorded in the
    /// manifest). `sp`: the run's scoring options (its run.json is written last).
    pub fn compare(
        &self,
        out: &Path,
        sp: &crate::score::ScoreParams,
        manifest: &mut RunManifest,
    ) -> Result<Option<Changes>> {
        let Some(old) = &self.path else {
            return Ok(None);
        };
        let mut c = report::compare_paths(old, out, Some(sp), 15)?;
        manifest.problems.extend(c.notes.iter().cloned());
        c.old_label = self.label.clone();
        // The new side is named by where it will be, not by its staging folder.
        // (Collected from its components: `shown` of the folder itself ends in a separator.)
        let shown: std::path::PathBuf = manifest.shown(out).components().collect();
        c.new_label = shown.display().to_string();
        for f in report::write_changes(out, &c)? {
            manifest.add_output(&f)?;
        }
        Ok(Some(c))
    }
}
