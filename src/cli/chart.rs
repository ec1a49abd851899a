//! `framescope chart`: re-render the charts of an output folder from its tables
//! (`scores.csv`, `sentences.csv`, `similarity.csv`) and `model.json`, without retraining.
//! `run` draws the same charts through [`render_run`].

use framescope::charts::{self, ChartInput, ChartOptions, Rendered, Similarity, TopTerms, YSeries};
use framescope::compare::outlets::outlet_table;
use framescope::model::FramingModel;
use framescope::report::{self, RunManifest};
use framescope::score::{ArticleScore, ScoreParams, SentenceScore};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output folder of `framescope run` (charts go to <out>/charts).
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Per-article charts show at most this many articles (half from each end).
    #[arg(long, default_value_t = 40)]
    pub max_articles: usize,
}

/// Scoring thresholds recorded in `run.json` (defaults when absent).
/// (kremlin_threshold, western_threshold, bootstrap resamples, seed) of the run that wrote
/// `out`, from its run.json (defaults when absent), so re-drawn charts match the run's.
fn run_scoring(out: &Path) -> (f64, f64, usize, u64) {
    let d = ScoreParams::default();
    let v: Option<serde_json::Value> = std::fs::read_to_string(out.join("run.json"))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok());
    let (k, w) = thresholds(out);
    let get = |key: &str, def: u64| {
        v.as_ref()
            .and_then(|v| v["parameters"]["scoring"][key].as_u64())
            .unwrap_or(def)
    };
    (k, w, get("bootstrap", d.bootstrap as u64) as usize, get("seed", d.seed))
}

fn thresholds(out: &Path) -> (f64, f64) {
    let d = ScoreParams::default();
    let v: Option<serde_json::Value> = std::fs::read_to_string(out.join("run.json"))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok());
    let get = |k: &str, def: f64| {
        v.as_ref()
            .and_then(|v| v["parameters"]["scoring"][k].as_f64())
            .unwrap_or(def)
    };
    (
        get("kremlin_threshold", d.kremlin_threshold),
        get("western_threshold", d.western_threshold),
    )
}

fn print_rendered(r: &Rendered, dir: &Path) {
    for (f, why) in &r.skipped {
        eprintln!("framescope: skipped {f}: {why}");
    }
    eprintln!("wrote {} chart(s) to {}", r.written.len(), dir.display());
}

/// Charts for `run`: writes `similarity.csv` and `<out>/charts/*.png`, recording both in the
/// manifest.
pub fn render_run(
    out: &Path,
    model: &FramingModel,
    vectors: &[(String, Vec<(u32, f64)>)],
    scores: &[ArticleScore],
    sentences: &[SentenceScore],
    sp: &ScoreParams,
    manifest: &mut RunManifest,
) -> anyhow::Result<()> {
    let sim = charts::similarity_of_vectors(vectors, model.tfidf.n_features());
    if scores.len() > vectors.len() {
        if let Some(s) = &sim {
            manifest.problems.push(format!(
                "similarity.csv and the heatmap cover the first {} of {} articles",
                s.ids.len(),
                scores.len()
            ));
        }
    }
    if let Some(s) = &sim {
        let p = out.join("similarity.csv");
        charts::write_similarity(&p, s)?;
        manifest.add_output(&p)?;
    }
    let terms = TopTerms::from_model(model, ChartOptions::default().top_terms);
    let outlets = outlet_table(scores, sp.bootstrap, sp.seed);
    let input = ChartInput {
        top_terms: Some(&terms),
        similarity: sim.as_ref(),
        outlets: Some(&outlets),
        kremlin_threshold: sp.kremlin_threshold,
        western_threshold: sp.western_threshold,
        ..ChartInput::new(scores, sentences)
    };
    let opts = ChartOptions {
        y_series: YSeries::auto(scores),
        ..ChartOptions::default()
    };
    let dir = out.join("charts");
    let r = charts::render_all(&input, &opts, &dir)?;
    for p in &r.written {
        manifest.add_output(p)?;
    }
    print_rendered(&r, &manifest.shown(&dir));
    Ok(())
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let scores = report::read_scores(&a.out.join("scores.csv"))?;
    let sentences = report::read_sentences(&a.out.join("sentences.csv")).unwrap_or_else(|e| {
        eprintln!("framescope: {e}");
        Vec::new()
    });
    let model_path = a.out.join("model.json");
    let terms = if model_path.exists() {
        let m = report::load_model(&model_path)?;
        Some(TopTerms::from_model(&m, ChartOptions::default().top_terms))
    } else {
        None
    };
    let sim_path = a.out.join("similarity.csv");
    let sim: Option<Similarity> = if sim_path.exists() {
        Some(charts::read_similarity(&sim_path)?)
    } else {
        None
    };
    let (kt, wt, resamples, seed) = run_scoring(&a.out);
    let outlets = outlet_table(&scores, resamples, seed);
    let input = ChartInput {
        top_terms: terms.as_ref(),
        similarity: sim.as_ref(),
        outlets: Some(&outlets),
        kremlin_threshold: kt,
        western_threshold: wt,
        ..ChartInput::new(&scores, &sentences)
    };
    let opts = ChartOptions {
        max_articles: a.max_articles,
        y_series: YSeries::auto(&scores),
        ..ChartOptions::default()
    };
    let dir = a.out.join("charts");
    let r = charts::render_all(&input, &opts, &dir)?;
    print_rendered(&r, &dir);
    Ok(ExitCode::SUCCESS)
}
