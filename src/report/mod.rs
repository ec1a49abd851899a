//! Output: tables, the model file and the run manifest. Every file is written to a temporary
//! file in the destination folder and renamed into place, so a crash leaves either the old
//! complete file or the new complete one.

mod atomic;
mod cells;
mod charts;
mod columns;
mod fixed6;
mod folds;
pub mod guard;
pub mod html;
pub mod jsonl;
pub mod leftovers;
mod lock;
mod manifest;
mod model_target;
mod outputs;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod rows;
mod sentences;
mod similarity;
mod snapshot;
mod spill;
mod staged;
mod staged_files;
mod tables;

pub use atomic::{write_atomic, AtomicFile};
pub use cells::{escape_control, neutralise, restore, CellGuard, CellPolicy};
pub use charts::write_charts;
pub use columns::columns;
pub(crate) use columns::{as_written, cell, f6, o6};
pub use folds::{folds_assigned_by, read_fold_plan, read_folds, write_folds, FoldPlan};
pub use lock::{lock_path, Lock};
pub use manifest::{
    check_unchanged, measure_stage_peaks, peak_rss_mb, reset_peak_rss, set_command_line, stage_peak_rss_mb, FileStamp,
    InputRecord, RunManifest, RunParameters, StageRecord,
};
pub use model_target::{folder_replaced_note, ModelTarget};
pub use outputs::{sha256_file, BackgroundHashes, OutputRecord, Pending};
pub use sentences::{read_sentences_indexed, write_sentences, SentenceIndex, SentencesWriter};
pub use similarity::{read_similarity, write_similarity};
pub use snapshot::{
    changed_since_recorded, compare_paths, folder_model, load_snapshot, read_diff_rows, snapshot_sentences,
    write_changes, write_diff_rows, FolderModel,
};
pub use spill::{Spill, SpillBudget, SpillRecords};
pub use staged::{Committed, StagedDir};
pub use staged_files::StagedFiles;
pub(crate) use tables::restored as tables_restored;
pub use tables::{
    fill_own_text, for_each_row, for_each_score, read_rows, read_scores, read_sentences, read_sentences_where,
    score_columns, sentence_columns, write_cleaning, write_rows, write_scores, CleaningWriter, ScoresWriter, Table,
};

use crate::error::{Error, Result};
use crate::model::FramingModel;
use std::path::{Path, PathBuf};

/// The names (without extension) of the tables and JSON files framescope commands write
/// into output folders, in any format they write (`.csv`, `.parquet`, `.json`). A folder
/// holding any other table or JSON file holds articles (or someone's own files); a dated backup
/// (`model.2026-12-04T08-22-01Z.json`) is framescope's too.
pub const OUTPUT_TABLE_STEMS: [&str; 20] = [
    "scores",
    "sentences",
    "cleaning",
    "attributions",
    "outlets",
    "timeline",
    "similarity",
    "shared_sentences",
    "keyness",
    "overlap",
    "overlap_sentences",
    "overlap_paragraphs",
    "diff",
    "lexicon_report",
    "lexicon_cooccurrence",
    "eval",
    "run",
    "model",
    "folds",
    "training_export",
];

/// Make sure an output folder exists and is writable, with a clear error if not.
pub fn prepare_dir(dir: &Path) -> Result<()> {
    let not_created = |kind, why: String| Error::Io {
        path: dir.to_path_buf(),
        source: std::io::Error::new(kind, format!("cannot use as output folder: {why}")),
    };
    // A symbolic link where a folder is written (`charts/` linked to another folder) had the
    // charts written into the folder it leads to, an input folder among them (review,
    // session 30).
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(not_created(
            std::io::ErrorKind::AlreadyExists,
            "it is a symbolic link; framescope writes only into real folders (remove the link)".into(),
        ));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(not_created(
            std::io::ErrorKind::AlreadyExists,
            "it is a file, not a folder".into(),
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| not_created(e.kind(), e.to_string()))?;
    let probe = tempfile::Builder::new()
        .prefix(".framescope-probe")
        .tempfile_in(dir)
        .map_err(|e| Error::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::new(e.kind(), format!("output folder is not writable: {e}")),
        })?;
    drop(probe);
    Ok(())
}

/// The `README.md` every `run` and `score` output folder gets: what the folder is and where its
/// files are documented. The same text is tracked as `output/README.md`, so the default output
/// folder exists in a fresh clone and a run leaves git clean (checked by a test).
pub const FOLDER_README: &str = "# framescope output folder

Written whole by one framescope job: `run` (tables, charts, report, model, `run.json`),
`score` (tables and `run.json`; `framescope chart` and `framescope report` add charts and a
report), or `train` (a model alone). Nothing here is tracked by git except this file, which `run`
and `score` write (and `train`, when its model replaces such a folder). `run.json` says which job, with which inputs and model; a model records its own
training inputs. The previous contents of the folder, when they differed, were kept beside it
as a dated backup (`output.2026-11-29T23-00-00Z/`).

What each file holds is documented in the project README, section \"Outputs\".
";

/// Write [`FOLDER_README`] into an output folder and return its path (for run.json).
pub fn write_folder_readme(dir: &Path) -> Result<PathBuf> {
    let p = dir.join("README.md");
    write_atomic(&p, FOLDER_README.as_bytes())?;
    Ok(p)
}

/// A saved model: its sha256 (the model hash), and the backup of the model it replaced.
pub struct SavedModel {
    pub sha256: String,
    /// The model file's size.
    pub bytes: u64,
    pub backup: Option<PathBuf>,
    /// When the model lay in a job's output folder ([`ModelTarget`]): where that folder's
    /// previous outputs were kept.
    pub folder_backup: Option<PathBuf>,
}

/// Write a model, keeping any previous model at that path as a dated backup
/// (`model.2026-11-23T04-05-06Z.json`) so retraining never silently loses it.
pub fn save_model(model: &FramingModel, path: &Path) -> Result<SavedModel> {
    // Streamed to the temp file and compared by hash, so neither the new model's JSON nor
    // the old file is held in memory (each is hundreds of megabytes at a million articles).
    let mut new = tables::Tally {
        inner: AtomicFile::create(path)?,
        written: 0,
    };
    let sha256 = model.write_json(&mut new, path)?;
    let (new, bytes) = (new.inner, new.written);
    let mut backup = None;
    if path.exists() {
        if outputs::sha256_file(path)? == sha256 {
            return Ok(SavedModel {
                sha256,
                bytes,
                backup,
                folder_backup: None,
            });
        }
        let stamp = humantime::format_rfc3339_seconds(std::time::SystemTime::now())
            .to_string()
            .replace(':', "-");
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "model".into());
        let mut b = path.with_file_name(format!("{stem}.{stamp}.json"));
        let mut k = 1;
        while b.exists() {
            b = path.with_file_name(format!("{stem}.{stamp}.{k}.json"));
            k += 1;
        }
        let mut copy = AtomicFile::create(&b)?;
        let mut old = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        std::io::copy(&mut old, &mut copy).map_err(|e| Error::io(&b, e))?;
        copy.commit()?;
        backup = Some(b);
    }
    new.commit()?;
    Ok(SavedModel {
        sha256,
        bytes,
        backup,
        folder_backup: None,
    })
}

/// Read and check a model file. Its size is checked before it is read (a file over
/// [`model::validate::max_model_bytes`](crate::model::validate::max_model_bytes) is refused,
/// and so is anything but a regular file: a pipe or device is never opened), then it is
/// read once into memory and parsed once; the text is freed before the indexes are built.
pub fn load_model(path: &Path) -> Result<FramingModel> {
    load_model_hashed(path).map(|(m, _)| m)
}

/// [`load_model`], with the sha256 of the bytes it was parsed from: what `run.json` records
/// as `model_sha256` and what a later `chart` or `report` checks the file against. A model
/// written by framescope hashes the same as [`FramingModel::hash`] (its serialization); one
/// an editor reformatted keeps its own bytes' hash, so it is not taken for a changed model.
/// Hashing the bytes read also spares re-serialising the model (hundreds of megabytes of
/// JSON on a large corpus).
pub fn load_model_hashed(path: &Path) -> Result<(FramingModel, String)> {
    load_model_capped(path, crate::model::validate::max_model_bytes())
}

/// [`load_model_hashed`] with its own cap on the file's size, in bytes (a library caller's:
/// the Python package's `Model.load(path, max_model_mb=…)`), where the process-wide cap
/// (`--max-model-mb`) would change it for every thread.
pub fn load_model_capped(path: &Path, cap: u64) -> Result<(FramingModel, String)> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let refuse = |message: String| Error::Model {
        path: path.to_path_buf(),
        message,
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(refuse(
                "model file not found (train one with `framescope train` or `framescope run`)".into(),
            ))
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    if !meta.is_file() {
        return Err(refuse(format!(
            "not a regular file ({}); give the path of a model.json",
            if meta.is_dir() {
                "a folder"
            } else {
                "a pipe, socket or device"
            }
        )));
    }
    crate::model::validate::check_size(meta.len(), cap).map_err(refuse)?;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // Never more than the cap, even if the file grows after the size was checked.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    crate::model::validate::check_size(bytes.len() as u64, cap).map_err(refuse)?;
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let text = String::from_utf8(bytes).map_err(|_| refuse("not a framescope model (not UTF-8 text)".into()))?;
    let mut m = FramingModel::parse_checked(path, &text)?;
    drop(text);
    m.index();
    Ok((m, sha256))
}
