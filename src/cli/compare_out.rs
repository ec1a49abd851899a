//! The comparator's part of `run` and `score`: sourcing columns filled batch by batch (and
//! `attributions.csv` streamed), own-text columns filled once the whole run is seen (a
//! sentence is "own" only if no other article of the run shares it), then `outlets.csv` /
//! `timeline.csv` when outlets / dates are known.

use framescope::compare::enrich::{apply_sourcing, OwnTextAccumulator};
use framescope::compare::outlets::{outlet_table, timeline};
use framescope::compare::overlap::OverlapParams;
use framescope::compare::sourcing::Actors;
use framescope::compare::tables::{write_outlets, write_timeline, AttributionsWriter};
use framescope::document::Document;
use framescope::report::{self, RunManifest};
use framescope::score::{ArticleScore, SentenceScore};
use std::path::Path;

/// State carried through a run's scoring pass.
pub struct Compare {
    actors: Actors,
    own: OwnTextAccumulator,
    attributions: AttributionsWriter,
}

impl Compare {
    /// Actor lists from `data` (else ./data, else built-in); `attributions.csv` in `out`.
    pub fn new(data: Option<&Path>, out: &Path) -> anyhow::Result<Compare> {
        Ok(Compare {
            actors: Actors::load(data)?,
            own: OwnTextAccumulator::new(OverlapParams::default()),
            attributions: AttributionsWriter::create(&out.join("attributions.csv"))?,
        })
    }

    /// Fill the sourcing columns of a scored batch (before its tables are written) and
    /// remember its fingerprints for own text.
    pub fn batch(
        &mut self,
        docs: &[Document],
        scored: &mut [(ArticleScore, Vec<SentenceScore>)],
    ) -> framescope::Result<()> {
        for (d, (art, sents)) in docs.iter().zip(scored.iter_mut()) {
            let att = apply_sourcing(d, art, &self.actors);
            self.attributions
                .write(&d.article.id, &att, |i| d.sentences[i].text.as_str())?;
            self.own.add(d, sents);
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
        let own = self.own.finish(centre);
        let scores_path = out.join("scores.csv");
        report::fill_own_text(&scores_path, &own)?;
        let listed = scores_path.display().to_string();
        manifest.outputs.retain(|o| o.path != listed);
        manifest.add_output(&scores_path)?;
        self.attributions.commit()?;
        manifest.add_output(&out.join("attributions.csv"))?;
        let read_back;
        let all: &[ArticleScore] = match articles {
            Some(a) => {
                for (s, (share, score)) in a.iter_mut().zip(&own) {
                    s.own_text_share = Some(*share);
                    s.own_framing_score = *score;
                }
                a
            }
            None => {
                read_back = report::read_scores(&scores_path)?;
                &read_back
            }
        };
        write_outlet_tables(out, all, resamples, seed, manifest)
    }
}

/// `outlets.csv` when any article names its outlet, `timeline.csv` when any has a date.
pub fn write_outlet_tables(
    out: &Path,
    scores: &[ArticleScore],
    resamples: usize,
    seed: u64,
    manifest: &mut RunManifest,
) -> anyhow::Result<()> {
    let rows = outlet_table(scores, resamples, seed);
    if !rows.is_empty() {
        let p = out.join("outlets.csv");
        write_outlets(&p, &rows)?;
        manifest.add_output(&p)?;
    }
    let t = timeline(scores);
    if !t.is_empty() {
        let p = out.join("timeline.csv");
        write_timeline(&p, &t)?;
        manifest.add_output(&p)?;
    }
    Ok(())
}
