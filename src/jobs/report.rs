//! `report`: write `<out>/report.html` (self-contained: charts embedded, no network) from an
//! output folder's tables, charts, `model.json` and `run.json`. `run` writes the same page
//! through [`write_report`].

use super::Progress;
use crate::charts::{CHART_FILES, COMPARATOR_CHART_FILES};
use crate::error::{Error, Result};
use crate::model::FramingModel;
use crate::report::html::{self, ModelFacts, ReportInput};
use crate::report::{self, RunManifest};
use std::path::{Path, PathBuf};

/// Articles shown in one report page; beyond it, the most extreme of each side (a page of
/// hundreds of articles stays a few MB and responsive).
pub const MAX_REPORT_ARTICLES: usize = 500;

/// Which output folder to report on.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// Output folder of `run` (the page goes to `<out>/report.html`).
    pub out: PathBuf,
}

/// The page written.
#[derive(Debug)]
pub struct ReportOutput {
    /// `<out>/report.html`.
    pub path: PathBuf,
}

/// Build `<out>/report.html` from the folder's files; `run` passes its manifest (not yet on
/// disk) and model, `report` reads `run.json` and `model.json`.
pub(super) fn write_report(
    out: &Path,
    run: Option<&RunManifest>,
    model: Option<&FramingModel>,
    progress: &dyn Progress,
) -> Result<PathBuf> {
    // The report shows the scores; the comparator's columns are in the tables.
    let mut scores: Vec<_> = report::read_scores(&out.join("scores.csv"))?
        .into_iter()
        .map(|r| r.score)
        .collect();
    if scores.len() > MAX_REPORT_ARTICLES {
        // The most Kremlin- and most Western-framed halves; the page says how many in all.
        progress.warn(&format!(
            "report shows the {} most Kremlin- and {} most Western-framed of {} articles (all are in scores.csv)",
            MAX_REPORT_ARTICLES / 2,
            MAX_REPORT_ARTICLES / 2,
            scores.len()
        ));
        scores.sort_by(super::score::by_score);
        scores.drain(MAX_REPORT_ARTICLES / 2..scores.len() - MAX_REPORT_ARTICLES / 2);
    }
    let ids: std::collections::HashSet<&str> = scores.iter().map(|s| s.id.as_str()).collect();
    let sentences = report::read_sentences_where(&out.join("sentences.csv"), |id| ids.contains(id))?;
    let cleaning = out.join("cleaning.csv");
    let cuts = if cleaning.exists() {
        html::read_cleaning(&cleaning, |id| ids.contains(id))?
    } else {
        Vec::new()
    };
    let facts = ModelFacts::new(run, model);
    let mut charts = Vec::new();
    // Every chart of the folder: the run's, then the comparator's when drawn.
    for f in CHART_FILES.iter().chain(COMPARATOR_CHART_FILES) {
        let p = out.join("charts").join(f);
        if p.exists() {
            charts.push((f.to_string(), std::fs::read(&p).map_err(|e| Error::io(&p, e))?));
        }
    }
    let marks = html::Marks::read(out, |id| ids.contains(id))?;
    // A comparison with earlier outputs (`run --compare-to`, `retrain`, `diff`).
    let diff = out.join("diff.csv");
    let changes = if diff.exists() {
        report::read_diff_rows(&diff)?
    } else {
        Vec::new()
    };
    let chart_path = out.join("charts").join("before_after.png");
    let changes_chart = if chart_path.exists() && !changes.is_empty() {
        Some(std::fs::read(&chart_path).map_err(|e| Error::io(&chart_path, e))?)
    } else {
        None
    };
    let path = out.join("report.html");
    html::write_report(
        &path,
        &ReportInput {
            scores: &scores,
            sentences: &sentences,
            cuts: &cuts,
            facts: &facts,
            charts: &charts,
            marks: &marks,
            changes: &changes,
            changes_chart: changes_chart.as_deref(),
        },
    )?;
    Ok(path)
}

/// Write the HTML report of an output folder.
pub fn report(o: &ReportOptions, progress: &dyn Progress) -> Result<ReportOutput> {
    // A folder without a readable run.json still gets a page (its run facts left out).
    let run = RunManifest::read(&o.out.join("run.json")).ok();
    let model_path = o.out.join("model.json");
    let model = if model_path.exists() {
        Some(report::load_model(&model_path)?)
    } else {
        progress.warn(&format!("no model.json in {}: model facts left out", o.out.display()));
        None
    };
    let path = write_report(&o.out, run.as_ref(), model.as_ref(), progress)?;
    Ok(ReportOutput { path })
}
