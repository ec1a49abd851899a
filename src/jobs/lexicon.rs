//! `lexicon`: how each lexicon entry behaves on a corpus; optionally writes
//! lexicon_report.csv and lexicon_cooccurrence.csv.

use super::common::{self, DataOptions, Inputs};
use super::Progress;
use crate::corpus::InputProblem;
use crate::error::{Error, Result};
use crate::lexicon::diagnostics::{Diagnosis, LexiconReport};
use crate::report::{write_atomic, CellGuard, StagedFiles};
use std::path::{Path, PathBuf};

/// Which corpus and lexicons, and what to write.
#[derive(Debug, Clone, PartialEq)]
pub struct LexiconOptions {
    pub data: DataOptions,
    /// Weak-label margin used to count conflicts.
    pub margin: f64,
    /// Folder for the two CSV tables (`None`: nothing written).
    pub report: Option<PathBuf>,
    /// Size of the co-occurrence matrix (most-used entries), at most
    /// [`MAX_TOP`](crate::lexicon::diagnostics::MAX_TOP).
    pub top: usize,
    pub inputs: Inputs,
}

/// The diagnostics.
#[derive(Debug)]
pub struct LexiconOutput {
    pub report: LexiconReport,
    /// lexicon_report.csv, when written.
    pub path: Option<PathBuf>,
    pub problems: Vec<InputProblem>,
}

/// A table's bytes, spreadsheet formulas neutralised like every other table
/// ([`crate::report::CellGuard`]).
fn csv_bytes(
    path: &Path,
    fill: impl FnOnce(&mut csv::Writer<CellGuard<Vec<u8>>>) -> csv::Result<()>,
) -> Result<Vec<u8>> {
    let err = |source| Error::Csv {
        path: path.to_path_buf(),
        source,
    };
    let mut w = csv::Writer::from_writer(CellGuard::new(vec![]));
    fill(&mut w).map_err(err)?;
    Ok(w.into_inner().map_err(|e| err(e.into_error().into()))?.into_inner())
}

/// Run the lexicons over the inputs.
pub fn lexicon(o: &LexiconOptions, progress: &dyn Progress) -> Result<LexiconOutput> {
    use crate::lexicon::diagnostics::MAX_TOP;
    if o.top > MAX_TOP {
        return Err(Error::InvalidParam {
            name: "top",
            message: format!(
                "{} is more than {MAX_TOP}: the co-occurrence matrix is dense ({MAX_TOP} entries a side at most); lexicon_report.csv lists every entry",
                o.top
            ),
        });
    }
    // As `run` and `keyness` check it: NaN counted every sentence unlabelled, 0 conflicts
    // (review, session 33).
    if !(o.margin.is_finite() && o.margin > 0.0) {
        return Err(Error::InvalidParam {
            name: "margin",
            message: format!("{} must be a positive number", o.margin),
        });
    }
    let res = o.data.resources_announced(progress)?;
    common::announce_builtin_seeds(o.inputs.paths.iter().map(PathBuf::as_path), progress);
    let (mut sources, mut problems) = o.inputs.read_once(None, progress).sources()?;
    // Checked and locked before any work; both tables move in together (report::StagedFiles).
    let names = ["lexicon_report.csv", "lexicon_cooccurrence.csv", "lexicon.run.json"];
    let staged = match &o.report {
        Some(dir) => Some(StagedFiles::create(
            dir,
            &names,
            &common::input_paths(&o.inputs, &o.data),
        )?),
        None => None,
    };
    let record = match &staged {
        Some(_) => Some(common::addon_record(
            "lexicon",
            &mut sources,
            &mut problems,
            &o.data,
            &res,
            None,
        )?),
        None => None,
    };
    let mut diagnosis = Diagnosis::new(&res.lexicon, o.margin);
    let mut langs = std::collections::BTreeSet::new();
    let articles = common::stream_reported(sources, &mut problems, &res, progress, |docs| {
        for d in &docs {
            diagnosis.add(d.article.label, d.sentences.iter().map(|s| &s.evidence));
            if !langs.contains(d.article.lang.as_str()) {
                langs.insert(d.article.lang.to_string());
            }
        }
        Ok(())
    })?;
    // A report of zeros from a mistyped path read as a real one (review, session 33).
    if articles == 0 {
        return Err(Error::Invalid("no usable articles".into()));
    }
    let mut r = diagnosis.finish(o.top);
    r.only_languages(&res.lexicon, langs.iter().map(String::as_str));
    let mut path = None;
    if let (Some(dir), Some(staged)) = (&o.report, staged) {
        let p = staged.path().join(names[0]);
        let bytes = csv_bytes(&p, |w| r.entries.iter().try_for_each(|e| w.serialize(e)))?;
        write_atomic(&p, &bytes)?;
        let c = staged.path().join(names[1]);
        let bytes = csv_bytes(&c, |w| {
            let mut header = vec!["entry".to_string()];
            header.extend(r.top_entries.iter().cloned());
            w.write_record(&header)?;
            for (i, row) in r.cooccurrence.iter().enumerate() {
                let mut rec = vec![r.top_entries[i].clone()];
                rec.extend(row.iter().map(|c| c.to_string()));
                w.write_record(&rec)?;
            }
            Ok(())
        })?;
        write_atomic(&c, &bytes)?;
        if let Some(mut record) = record {
            common::record_problems(&mut record, &problems);
            staged.write_record(record)?;
        }
        staged.commit()?;
        path = Some(dir.join(names[0]));
    }
    Ok(LexiconOutput {
        report: r,
        path,
        problems,
    })
}
