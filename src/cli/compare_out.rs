//! The comparator's extra outputs of `run` and `score`: sourcing and own-text columns of
//! scores.csv (filled in the scores before they are written), `attributions.csv`, and
//! `outlets.csv` / `timeline.csv` when outlets / dates are known.

use framescope::compare::enrich::enrich_all;
use framescope::compare::outlets::{outlet_table, timeline};
use framescope::compare::overlap::OverlapParams;
use framescope::compare::sourcing::Actors;
use framescope::compare::tables::{write_attributions, write_outlets, write_timeline};
use framescope::document::Document;
use framescope::report::RunManifest;
use framescope::score::{ArticleScore, SentenceScore};
use std::path::Path;

/// Fill sourcing and own text for a run held in memory and write `attributions.csv`.
pub fn enrich_run(
    out: &Path,
    data: Option<&Path>,
    docs: &[Document],
    scored: &mut [(ArticleScore, Vec<SentenceScore>)],
    manifest: &mut RunManifest,
) -> anyhow::Result<()> {
    let actors = Actors::load(data)?;
    let att = enrich_all(docs, scored, &actors, &OverlapParams::default());
    let path = out.join("attributions.csv");
    write_attributions(
        &path,
        docs.iter().zip(&att).flat_map(|(d, list)| {
            list.iter()
                .map(move |a| (d.article.id.as_str(), a, d.sentences[a.index].text.as_str()))
        }),
    )?;
    manifest.add_output(&path)?;
    Ok(())
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
