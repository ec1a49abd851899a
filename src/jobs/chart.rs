//! `chart`: re-draw the charts of an output folder from its tables (`scores.csv`,
//! `sentences.csv`, `similarity.csv`) and `model.json`, without retraining. `run` draws the
//! same charts through [`render_run`].

use super::Progress;
use crate::charts::{self, ChartInput, ChartOptions, Rendered, Similarity, TopTerms, YSeries};
use crate::compare::outlets::{outlet_table, OutletRow};
use crate::compare::ArticleRow;
use crate::error::Result;
use crate::model::FramingModel;
use crate::report::{self, RunManifest};
use crate::score::{ScoreParams, SentenceScore};
use std::path::{Path, PathBuf};

/// Which folder, and how many articles per chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartJobOptions {
    /// Output folder of `run` (charts go to `<out>/charts`).
    pub out: PathBuf,
    /// Per-article charts show at most this many articles (half from each end).
    pub max_articles: usize,
}

/// The charts drawn and skipped.
#[derive(Debug)]
pub struct ChartOutput {
    pub rendered: Rendered,
    /// `<out>/charts`.
    pub dir: PathBuf,
}

/// The scoring parameters of the run that wrote `out`, from its run.json (defaults when
/// absent), so re-drawn charts match the run's.
fn run_scoring(out: &Path) -> ScoreParams {
    RunManifest::read(&out.join("run.json"))
        .ok()
        .and_then(|m| m.parameters.scoring)
        .unwrap_or_default()
}

fn report_skipped(r: &Rendered, progress: &dyn Progress) {
    for (f, why) in &r.skipped {
        progress.warn(&format!("skipped {f}: {why}"));
    }
}

/// Charts for `run`: writes `similarity.csv` and `<out>/charts/*.png`, recording both in the
/// manifest. `outlets` are the rows of the run's outlets.csv (the outlet table of `scores`).
#[allow(clippy::too_many_arguments)]
pub(super) fn render_run(
    out: &Path,
    model: &FramingModel,
    vectors: &[(String, Vec<(u32, f64)>)],
    scores: &[ArticleRow],
    sentences: &[SentenceScore],
    outlets: &[OutletRow],
    sp: &ScoreParams,
    manifest: &mut RunManifest,
    progress: &dyn Progress,
) -> Result<()> {
    let sim = charts::similarity_of_vectors(vectors, model.tfidf.n_features());
    if scores.len() > vectors.len() {
        if let Some(s) = &sim {
            // Printed as well as recorded: it was in run.json only (review, session 33).
            let note = format!(
                "note: similarity.csv and the heatmap cover the first {} of {} articles (in input order)",
                s.ids.len(),
                scores.len()
            );
            progress.warn(&note);
            manifest.problems.push(note);
        }
    }
    if let Some(s) = &sim {
        let p = out.join("similarity.csv");
        report::write_similarity(&p, s)?;
        manifest.add_output(&p)?;
    }
    let terms = TopTerms::from_model(model, ChartOptions::default().top_terms);
    let input = ChartInput {
        top_terms: Some(&terms),
        similarity: sim.as_ref(),
        outlets: Some(outlets),
        kremlin_threshold: sp.kremlin_threshold,
        western_threshold: sp.western_threshold,
        ..ChartInput::new(scores, sentences)
    };
    let opts = ChartOptions {
        y_series: YSeries::auto(scores),
        ..ChartOptions::default()
    };
    let dir = out.join("charts");
    let r = report::write_charts(&input, &opts, &dir)?;
    for p in &r.written {
        manifest.add_output(p)?;
    }
    report_skipped(&r, progress);
    progress.info(&format!(
        "wrote {} chart(s) to {}",
        r.written.len(),
        manifest.shown(&dir).display()
    ));
    Ok(())
}

/// Re-draw an output folder's charts.
pub fn chart(o: &ChartJobOptions, progress: &dyn Progress) -> Result<ChartOutput> {
    // The new charts and run.json go in together, or none of them (review J5).
    let staged = super::common::stage_update(&o.out)?;
    if let Some(note) = report::changed_since_recorded(&o.out, "drawn")? {
        progress.warn(&format!("note: {note}"));
    }
    let scores = report::read_scores(&o.out.join("scores.csv"))?;
    // A folder without sentences.csv gets the charts that need none; one that does not
    // read is an error, as for `report` and `inspect` (not a chart quietly left out).
    let sentences_path = o.out.join("sentences.csv");
    let sentences = if sentences_path.exists() {
        report::read_sentences(&sentences_path)?
    } else {
        Vec::new()
    };
    let run = RunManifest::read(&o.out.join("run.json")).ok();
    // Why top_terms.png is left out when the folder's model is not the one that scored it
    // (said once, instead of the renderer's "model.json missing").
    let mut model_changed = None;
    let terms = match super::common::folder_model(&o.out, run.as_ref())? {
        super::common::FolderModel::Found(m) => Some(TopTerms::from_model(&m, ChartOptions::default().top_terms)),
        super::common::FolderModel::Changed(why) => {
            model_changed = Some(why);
            None
        }
        super::common::FolderModel::None => None,
    };
    let sim_path = o.out.join("similarity.csv");
    let sim: Option<Similarity> = if sim_path.exists() {
        Some(report::read_similarity(&sim_path)?)
    } else {
        None
    };
    let sp = run_scoring(&o.out);
    let outlets = outlet_table(&scores, sp.bootstrap, sp.seed);
    let input = ChartInput {
        top_terms: terms.as_ref(),
        similarity: sim.as_ref(),
        outlets: Some(&outlets),
        kremlin_threshold: sp.kremlin_threshold,
        western_threshold: sp.western_threshold,
        ..ChartInput::new(&scores, &sentences)
    };
    let opts = ChartOptions {
        max_articles: o.max_articles,
        y_series: YSeries::auto(&scores),
        ..ChartOptions::default()
    };
    let mut rendered = report::write_charts(&input, &opts, &staged.path().join("charts"))?;
    if let Some(why) = model_changed {
        for (_, reason) in rendered
            .skipped
            .iter_mut()
            .filter(|(f, _)| f.as_str() == "top_terms.png")
        {
            *reason = why.clone();
        }
    }
    let removed: Vec<PathBuf> = rendered
        .skipped
        .iter()
        .map(|(f, _)| staged.path().join("charts").join(f))
        .collect();
    RunManifest::record_rewritten(&o.out, staged.path(), &rendered.written, &removed, "chart")?;
    for p in &mut rendered.written {
        *p = staged.shown(p);
    }
    staged.commit()?;
    report_skipped(&rendered, progress);
    Ok(ChartOutput {
        rendered,
        dir: o.out.join("charts"),
    })
}
