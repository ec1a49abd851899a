//! `report`: write `<out>/report.html` (self-contained: charts embedded, no network) from an
//! output folder's tables, charts, `model.json` and `run.json`. `run` writes the same page
//! through [`write_report`].

use super::common::FolderModel;
use super::Progress;
use crate::charts::{CHART_FILES, COMPARATOR_CHART_FILES};
use crate::error::{Error, Result};
use crate::model::FramingModel;
use crate::report::html::{self, ModelFacts, ReportInput};
use crate::report::{self, RunManifest, SentenceIndex};
use crate::score::ArticleScore;
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

/// Build `<into>/report.html` from the files of the folder `out`; `run` passes its manifest
/// (not yet on disk), model and the index of the sentences.csv it wrote, `report` reads
/// `run.json` and `model.json` and scans sentences.csv. `into` is the folder's staging
/// folder (`report`'s update of the folder, `run`'s whole outputs, when `out` is it).
pub(super) fn write_report(
    out: &Path,
    into: &Path,
    run: Option<&RunManifest>,
    model: Option<&FramingModel>,
    index: Option<&SentenceIndex>,
    progress: &dyn Progress,
) -> Result<PathBuf> {
    // The report shows the scores; the comparator's columns are in the tables. Streamed, so
    // that a run of a million articles does not hold a second copy of its rows here.
    let mut page = PageArticles::default();
    let mut all_sentences = 0;
    report::for_each_score(&out.join("scores.csv"), |r| {
        all_sentences += r.score.n_sentences;
        page.push(r.score);
        Ok(())
    })?;
    let total = page.total;
    let scores = page.finish();
    if total > MAX_REPORT_ARTICLES {
        // The most Kremlin- and most Western-framed halves; the page says how many in all.
        progress.warn(&format!(
            "report shows the {} most Kremlin- and {} most Western-framed of {} articles (all are in scores.csv)",
            MAX_REPORT_ARTICLES / 2,
            MAX_REPORT_ARTICLES / 2,
            total
        ));
    }
    let ids: std::collections::HashSet<&str> = scores.iter().map(|s| s.id.as_str()).collect();
    let sentences_path = out.join("sentences.csv");
    let sentences = match index {
        Some(index) => report::read_sentences_indexed(&sentences_path, index, |id| ids.contains(id))?,
        None => report::read_sentences_where(&sentences_path, |id| ids.contains(id))?,
    };
    let cleaning = out.join("cleaning.csv");
    let cuts = if cleaning.exists() {
        html::read_cleaning(&cleaning, |id| ids.contains(id))?
    } else {
        Vec::new()
    };
    let facts = ModelFacts {
        folds_assigned_by: report::folds_assigned_by(&out.join("folds.json")),
        ..ModelFacts::new(run, model)
    };
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
    let path = into.join("report.html");
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
            totals: (total > scores.len()).then_some((total, all_sentences)),
        },
    )?;
    Ok(path)
}

/// Write the HTML report of an output folder.
pub fn report(o: &ReportOptions, progress: &dyn Progress) -> Result<ReportOutput> {
    // The page and run.json go in together, or neither (review J5).
    let staged = super::common::stage_update(&o.out)?;
    if let Some(note) = report::changed_since_recorded(&o.out, "reported")? {
        progress.warn(&format!("note: {note}"));
    }
    // A folder without a readable run.json still gets a page (its run facts left out).
    let run = RunManifest::read(&o.out.join("run.json")).ok();
    // Said once the page is written: a folder with no scores.csv got "no model.json …: model
    // facts left out" just before the error that there is nothing to report (review, session 41).
    let (model, left_out) = match super::common::folder_model(&o.out, run.as_ref())? {
        FolderModel::Found(m) => (Some(*m), None),
        FolderModel::Changed(why) => (None, Some(format!("{why}: model facts left out"))),
        FolderModel::None => (
            None,
            Some(format!("no model.json in {}: model facts left out", o.out.display())),
        ),
    };
    let page = write_report(&o.out, staged.path(), run.as_ref(), model.as_ref(), None, progress)?;
    RunManifest::record_rewritten(&o.out, staged.path(), std::slice::from_ref(&page), &[], "report")?;
    staged.commit()?;
    let path = o.out.join("report.html");
    if let Some(note) = left_out {
        progress.warn(&note);
    }
    Ok(ReportOutput { path })
}

/// The articles the page shows, chosen as rows stream in: all of them, in input order, up to
/// [`MAX_REPORT_ARTICLES`]; beyond it the most Kremlin- and most Western-framed halves,
/// in [`by_score`](super::score::by_score) order. Past twice the page's share only the
/// extremes so far are kept: the same selection as sorting every row, because `by_score`
/// is a total order (ids are unique).
#[derive(Default)]
struct PageArticles {
    rows: Vec<ArticleScore>,
    total: usize,
}

impl PageArticles {
    fn push(&mut self, row: ArticleScore) {
        self.total += 1;
        self.rows.push(row);
        if self.rows.len() >= 2 * MAX_REPORT_ARTICLES {
            super::score::keep_extremes(&mut self.rows, MAX_REPORT_ARTICLES / 2);
        }
    }

    fn finish(mut self) -> Vec<ArticleScore> {
        if self.total > MAX_REPORT_ARTICLES {
            super::score::keep_extremes(&mut self.rows, MAX_REPORT_ARTICLES / 2);
        }
        self.rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::seq::SliceRandom;
    use rand::{Rng, SeedableRng};

    /// What the page showed before rows were streamed: every row read, then sorted and the
    /// middle dropped when there are more than the page holds.
    fn sort_all(mut rows: Vec<ArticleScore>) -> Vec<ArticleScore> {
        if rows.len() > MAX_REPORT_ARTICLES {
            rows.sort_by(super::super::score::by_score);
            rows.drain(MAX_REPORT_ARTICLES / 2..rows.len() - MAX_REPORT_ARTICLES / 2);
        }
        rows
    }

    #[test]
    fn streamed_selection_is_the_sort_of_every_row() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        for n in [0, 1, 499, 500, 501, 999, 1000, 1001, 1500, 2999, 4321] {
            // Few distinct scores, so most rows tie on the score and are ordered by id.
            // Unique ids in shuffled order, so id order is not input order.
            let mut order: Vec<usize> = (0..n).collect();
            order.shuffle(&mut rng);
            let rows: Vec<ArticleScore> = order
                .into_iter()
                .map(|i| ArticleScore {
                    id: format!("a{i:05}"),
                    framing_score: rng.gen_range(-4..=4) as f64 / 4.0,
                    ..Default::default()
                })
                .collect();
            let mut page = PageArticles::default();
            rows.iter().cloned().for_each(|r| page.push(r));
            assert_eq!(page.total, n);
            let ids = |v: Vec<ArticleScore>| v.into_iter().map(|r| r.id).collect::<Vec<_>>();
            assert_eq!(ids(page.finish()), ids(sort_all(rows)), "n = {n}");
        }
    }
}
