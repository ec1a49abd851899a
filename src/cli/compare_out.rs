//! The comparator's part of `run` and `score`: sourcing columns filled batch by batch (and
//! `attributions.csv` streamed), own-text columns filled once the whole run is seen (a
//! sentence is "own" only if no other article of the run shares it), then `outlets.csv` /
//! `timeline.csv` when outlets / dates are known.

use framescope::compare::changes::Changes;
use framescope::compare::enrich::{apply_sourcing, OwnTextAccumulator};
use framescope::compare::outlets::OutletAccumulator;
use framescope::compare::overlap::OverlapParams;
use framescope::compare::sourcing::{Actors, Attribution};
use framescope::compare::tables::{write_outlets, write_shared, write_timeline, AttributionsWriter};
use framescope::document::Document;
use framescope::report::{self, RunManifest};
use framescope::score::{ArticleScore, SentenceScore};
use std::path::Path;

/// Own text needs every sentence's fingerprint until the end of the run, and matching time
/// grows with the number of near-duplicate pairs (measured: 10,000 synthetic articles built
/// from 67 recombined sentence templates took minutes and 1.3 GB). Beyond this many articles
/// the own-text columns are left empty, and the run says so, to keep `run` and `score` fast
/// and memory-flat on crawls; `framescope overlap` has no cap.
pub const OWN_TEXT_MAX_ARTICLES: usize = 2_000;

/// An article's score and its sentences' scores.
pub type Scored = (ArticleScore, Vec<SentenceScore>);

/// What `run` and `score` do to each batch after analysis: score every article, fill its
/// sourcing columns, then free the per-term analysis ([`Document::release_analysis`]) in
/// parallel, since the writer thread needs only the articles and their sentence texts.
pub fn score_batch(
    model: &framescope::model::FramingModel,
    actors: &Actors,
    docs: &mut [Document],
    sp: &framescope::score::ScoreParams,
) -> (Vec<Scored>, Vec<Vec<Attribution>>) {
    use rayon::prelude::*;
    let mut scored = framescope::pipeline::score_all(model, docs, sp);
    let atts = sourcing(actors, docs, &mut scored);
    docs.par_iter_mut().for_each(Document::release_analysis);
    (scored, atts)
}

/// Fill the sourcing columns of a scored batch and
/// return each article's attributions.
pub fn sourcing(
    actors: &Actors,
    docs: &[Document],
    scored: &mut [(ArticleScore, Vec<SentenceScore>)],
) -> Vec<Vec<Attribution>> {
    use rayon::prelude::*;
    docs.par_iter()
        .zip(scored.par_iter_mut())
        .map(|(d, (art, _))| apply_sourcing(d, art, actors))
        .collect()
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
    /// Actor lists from `data` (else ./data, else built-in); `attributions.csv` in `out`.
    pub fn new(data: Option<&Path>, out: &Path) -> anyhow::Result<Compare> {
        Ok(Compare {
            actors: Actors::load(data)?,
            own: Some(OwnTextAccumulator::new(OverlapParams::default())),
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
    pub fn record(
        &mut self,
        docs: &[Document],
        scored: &[(ArticleScore, Vec<SentenceScore>)],
        atts: Vec<Vec<Attribution>>,
    ) -> framescope::Result<()> {
        for ((d, (_, sents)), att) in docs.iter().zip(scored.iter()).zip(atts) {
            self.attributions
                .write(&d.article.id, &att, |i| d.sentences[i].text.as_str())?;
            self.seen += 1;
            if self.seen > OWN_TEXT_MAX_ARTICLES {
                self.own = None;
            }
            if let Some(own) = self.own.as_mut() {
                own.add(d, sents);
            }
        }
        Ok(())
    }

    /// After `scores.csv` is committed: fill its own-text columns, measured from the model's
    /// no-evidence point `centre` like framing_score (and those of `articles`,
    /// when the caller kept every article's score, in table order), commit
    /// `attributions.csv`, write the outlet tables. Without `articles`, scores.csv is read
    /// back for the outlet tables.
    pub fn finish(
        self,
        out: &Path,
        centre: f64,
        articles: Option<&mut [ArticleScore]>,
        resamples: usize,
        seed: u64,
        manifest: &mut RunManifest,
    ) -> anyhow::Result<()> {
        let scores_path = out.join("scores.csv");
        let own = match self.own {
            Some(acc) => {
                let found = acc.finish(centre);
                report::fill_own_text(&scores_path, &found.per_article)?;
                let listed = scores_path.display().to_string();
                manifest.outputs.retain(|o| o.path != listed);
                manifest.add_output(&scores_path)?;
                let shared_path = out.join("shared_sentences.csv");
                write_shared(&shared_path, &found.shared)?;
                manifest.add_output(&shared_path)?;
                found.per_article
            }
            None => {
                let note = format!(
                    "own_text_share and own_framing_score left empty: more than {OWN_TEXT_MAX_ARTICLES} articles (use `framescope overlap` on a subset)"
                );
                eprintln!("framescope: note: {note}");
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
                    s.own_text_share = Some(*share);
                    s.own_framing_score = *score;
                }
                a.iter().for_each(|s| acc.add(s));
            }
            // Streamed back: memory stays flat however many articles were scored.
            None => report::for_each_score(&scores_path, |s| {
                acc.add(&s);
                Ok(())
            })?,
        }
        write_outlet_tables(out, &acc, resamples, seed, manifest)
    }
}

/// `outlets.csv` when any article names its outlet, `timeline.csv` when any has a date.
pub fn write_outlet_tables(
    out: &Path,
    acc: &OutletAccumulator,
    resamples: usize,
    seed: u64,
    manifest: &mut RunManifest,
) -> anyhow::Result<()> {
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
    Ok(())
}

/// The earlier outputs a run compares with (`--compare-to`). When they are the run's own
/// `--out`, their model and tables are copied aside first, since the run replaces them.
pub struct Before {
    path: Option<std::path::PathBuf>,
    label: String,
    _copy: Option<tempfile::TempDir>,
}

impl Before {
    pub fn keep(compare_to: Option<&Path>, out: &Path) -> anyhow::Result<Before> {
        let Some(p) = compare_to else {
            return Ok(Before {
                path: None,
                label: String::new(),
                _copy: None,
            });
        };
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        };
        if !same(p, out) {
            // Checked now, not after the long passes.
            framescope::report::load_snapshot(p)?;
            return Ok(Before {
                path: Some(p.to_path_buf()),
                label: p.display().to_string(),
                _copy: None,
            });
        }
        let files = ["model.json", "scores.csv", "sentences.csv"];
        if !files[..2].iter().any(|f| out.join(f).exists()) {
            eprintln!(
                "framescope: {} holds no earlier outputs: nothing to compare with",
                out.display()
            );
            return Ok(Before {
                path: None,
                label: String::new(),
                _copy: None,
            });
        }
        let dir = tempfile::Builder::new()
            .prefix(".framescope-before")
            .tempdir_in(out)
            .map_err(|e| framescope::Error::io(out, e))?;
        for f in files {
            let from = out.join(f);
            if from.exists() {
                std::fs::copy(&from, dir.path().join(f)).map_err(|e| framescope::Error::io(&from, e))?;
            }
        }
        Ok(Before {
            path: Some(dir.path().to_path_buf()),
            label: format!("{} (before this run)", out.display()),
            _copy: Some(dir),
        })
    }

    /// Compare the run's finished tables and model with the earlier outputs and write
    /// diff.csv and charts/before_after.png (recorded in the manifest). Without anything to
    /// compare with, removes those two files if an earlier comparison left them.
    pub fn compare(&self, out: &Path, manifest: &mut RunManifest) -> anyhow::Result<Option<Changes>> {
        let Some(old) = &self.path else {
            for f in [out.join("diff.csv"), out.join("charts").join("before_after.png")] {
                if f.exists() {
                    std::fs::remove_file(&f).map_err(|e| framescope::Error::io(&f, e))?;
                }
            }
            return Ok(None);
        };
        let mut c = framescope::report::compare_paths(old, out, 15)?;
        c.old_label = self.label.clone();
        for f in framescope::report::write_changes(out, &c)? {
            manifest.add_output(&f)?;
        }
        Ok(Some(c))
    }
}
