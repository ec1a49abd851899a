//! Where `train` (and the Python package's `Model.save`) writes a model.
//!
//! A model file on its own, or in a folder of models, is replaced in place and the previous
//! model kept beside it as a dated backup ([`save_model`]). A model in a folder holding
//! outputs that describe a model ([`JOB_MARKERS`]) belongs with them: a `run` or `score`
//! output folder (`run.json`: its tables, charts and manifest describe that model), or a
//! model-only folder a `diff` wrote into (`diff.csv`: what changed up to that model).
//! Replacing the file alone would leave the folder mixing two jobs' outputs (tables scored
//! by one model beside another, a diff ending at a model no longer there), so the folder is
//! replaced whole, as a rerun of `run` replaces it: it then holds the new model (and the
//! folder README), and the previous contents are kept beside it as a dated backup
//! (`output.<time>/`). `train`'s default `--model output/model.json` is such a case after a
//! `run`, or after `framescope diff … output`.

use super::guard::{self, folder_of};
use super::{prepare_dir, save_model, write_folder_readme, Lock, SavedModel, StagedDir};
use crate::error::{Error, Result};
use crate::model::FramingModel;
use std::path::{Path, PathBuf};

/// A checked, locked place to save one model (see the module's documentation).
#[derive(Debug)]
pub struct ModelTarget {
    path: PathBuf,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    /// The file is replaced in place; its folder's lock is held too (when it has a name).
    File { _lock: Lock, _folder: Option<Lock> },
    /// The job folder holding the file is replaced whole.
    Folder(StagedDir),
}

/// Files that make a model's folder a job folder: outputs that describe the model beside
/// them — `run.json` (`run`, `score`: the manifest of tables scored by it) and `diff.csv`
/// (`diff` into a model-only folder: what changed up to it).
pub const JOB_MARKERS: &[&str] = &["run.json", "diff.csv"];

/// The job folder `path` lies in: [`folder_of`] it, when that holds one of [`JOB_MARKERS`]
/// (the first found is returned with it).
fn job_folder(path: &Path) -> Option<(&Path, &'static str)> {
    let dir = folder_of(path);
    JOB_MARKERS.iter().find(|m| dir.join(m).is_file()).map(|m| (dir, *m))
}

/// What `train` (and the Python package) say when a save replaced a job folder: the
/// folder `model`'s lies in, and where its outputs went (naming the file that made it a job
/// folder, found in the backup).
pub fn folder_replaced_note(model: &Path, backup: &Path) -> String {
    let dir = folder_of(model);
    let marker = JOB_MARKERS
        .iter()
        .find(|m| backup.join(m).is_file())
        .unwrap_or(&"run.json");
    format!(
        "{} held the outputs of another job ({marker}), which a new model would leave describing another; a folder holds one job's outputs, so it now holds the new model alone and the previous outputs are kept as {}",
        dir.display(),
        backup.display()
    )
}

impl ModelTarget {
    /// Check `path` (not a folder, not one of `inputs`), lock it and, when it lies in a job's
    /// output folder, stage that folder's replacement. Done before the work, so a refused
    /// target costs nothing.
    pub fn open(path: &Path, inputs: &[PathBuf]) -> Result<ModelTarget> {
        // A folder, or a path typed as one (`--model nosuchdir/` said "Not a directory"
        // after the training: review, session 48).
        use std::os::unix::ffi::OsStrExt;
        if path.is_dir() || path.as_os_str().as_bytes().ends_with(b"/") {
            return Err(Error::Output {
                path: path.to_path_buf(),
                message: format!(
                    "names a folder, and a model is saved as a file; give a file path such as {}",
                    path.join("model.json").display()
                ),
            });
        }
        guard::check_file_target(path)?;
        guard::check_not_input(path, false, inputs)?;
        guard::check_model_target(path)?;
        guard::check_not_inside_job_folder(path, folder_of(path))?;
        let kind = match job_folder(path) {
            Some((dir, marker)) => {
                // A folder replaced whole cannot be the one the user stands in.
                if guard::resolve(Path::new(".")).starts_with(guard::resolve(dir)) {
                    return Err(Error::Output {
                        path: path.to_path_buf(),
                        message: format!("lies in the output folder of another job ({marker}), which holds the current folder: that folder would be replaced whole by one holding the new model; write the model elsewhere (`--model ../model.json`) or retrain the run (`framescope retrain`)"),
                    });
                }
                Kind::Folder(StagedDir::create(dir, inputs)?)
            }
            None => {
                let dir = folder_of(path);
                // A `run` or `score` making this folder holds its lock until it swaps its
                // outputs in; a model written there meanwhile would end up in that job's
                // backup, not where it was said to be. So the folder's lock first (its
                // parent made first, as the lock file lives there), then the folder.
                let folder = match dir.file_name() {
                    Some(_) => {
                        if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                            prepare_dir(parent)?;
                        }
                        Some(Lock::acquire(dir)?)
                    }
                    None => None,
                };
                prepare_dir(dir)?;
                Kind::File {
                    _lock: Lock::acquire(path)?,
                    _folder: folder,
                }
            }
        };
        Ok(ModelTarget {
            path: path.to_path_buf(),
            kind,
        })
    }

    /// The job folder this save replaces whole, if any.
    pub fn replaces_folder(&self) -> Option<&Path> {
        match &self.kind {
            Kind::Folder(s) => Some(s.target()),
            Kind::File { .. } => None,
        }
    }

    /// Write the model. In a job folder, [`SavedModel::backup`] is the previous model's
    /// path inside the folder's backup (when it had one) and
    /// [`SavedModel::folder_backup`] the backup folder.
    pub fn save(self, model: &FramingModel) -> Result<SavedModel> {
        match self.kind {
            Kind::File { _lock, _folder } => save_model(model, &self.path),
            Kind::Folder(staged) => {
                let name = self.path.file_name().unwrap_or("model.json".as_ref());
                let saved = save_model(model, &staged.path().join(name))?;
                // The same model again: the folder's outputs still describe it, nothing moves
                // (the staging folder goes when `staged` is dropped).
                if self.path.is_file() && super::sha256_file(&self.path)? == saved.sha256 {
                    return Ok(SavedModel {
                        sha256: saved.sha256,
                        bytes: saved.bytes,
                        backup: None,
                        folder_backup: None,
                    });
                }
                write_folder_readme(staged.path())?;
                let committed = staged.commit()?;
                let backup = committed.backup.as_ref().map(|b| b.join(name)).filter(|b| b.is_file());
                Ok(SavedModel {
                    sha256: saved.sha256,
                    bytes: saved.bytes,
                    backup,
                    folder_backup: committed.backup,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in a folder, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    fn model() -> FramingModel {
        let seeds = crate::jobs::Inputs::paths([crate::corpus::BUILTIN_SEEDS_NAME]);
        let opts = crate::jobs::TrainOptions::new(seeds);
        crate::jobs::train(&opts, &crate::jobs::NoProgress).unwrap().model
    }

    /// Audit finding (session 24): `train --model o/model.json` while a `run --out o` was
    /// still making `o` (its outputs staged, `o` not yet there) wrote the model, said so,
    /// and the run then moved it into its backup. The folder's lock is taken too now.
    #[test]
    fn a_model_is_refused_in_a_folder_another_job_is_making() {
        let dir = tempfile::tempdir().unwrap();
        let o = dir.path().join("o");
        let held = Lock::acquire(&o).unwrap();
        let Err(e) = ModelTarget::open(&o.join("model.json"), &[]) else {
            panic!("a model in a folder another job holds was accepted")
        };
        assert!(matches!(e, Error::Locked { .. }), "{e}");
        assert!(!o.exists(), "the folder is not made when refused");
        drop(held);
        let t = ModelTarget::open(&o.join("model.json"), &[]).unwrap();
        // While the model is being written, the folder is held.
        assert!(matches!(Lock::acquire(&o), Err(Error::Locked { .. })));
        drop(t);
        assert!(Lock::acquire(&o).is_ok());
    }

    #[test]
    fn a_file_that_is_not_a_model_is_never_saved_over() {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in [
            ("notes.csv", &b"my,precious,data\n1,2,3\n"[..]),
            ("corpus.parquet", &b"PAR1\x15\x04"[..]),
            ("arts.jsonl", &b"{\"id\": \"a\", \"text\": \"x.\"}\n"[..]),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let e = ModelTarget::open(&path, &[]).unwrap_err().to_string();
            assert!(e.contains(name) && e.contains("is not a framescope model"), "{e}");
            assert_eq!(std::fs::read(&path).unwrap(), bytes);
        }
        // Empty, or a model written compactly or after a BOM: replaced.
        for (name, bytes) in [
            ("empty.json", &b""[..]),
            ("compact.json", &b"{\"format_version\":3}"[..]),
            ("bom.json", &b"\xEF\xBB\xBF{\n  \"format_version\": 3"[..]),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            assert!(ModelTarget::open(&path, &[]).is_ok(), "{name}");
        }
    }

    #[test]
    fn a_model_beside_other_models_is_replaced_in_place_with_a_dated_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("models/m.json");
        std::fs::create_dir_all(dir.path().join("models")).unwrap();
        std::fs::write(
            &path,
            b"{\"format_version\": 2, \"tool_version\": \"0.1.0\", \"old\": true}",
        )
        .unwrap();
        std::fs::write(dir.path().join("models/other.json"), b"{}").unwrap();
        let t = ModelTarget::open(&path, &[]).unwrap();
        assert_eq!(t.replaces_folder(), None);
        let saved = t.save(&model()).unwrap();
        let backup = saved.backup.unwrap();
        assert_eq!(backup.parent(), path.parent());
        assert_eq!(
            std::fs::read(&backup).unwrap(),
            b"{\"format_version\": 2, \"tool_version\": \"0.1.0\", \"old\": true}"
        );
        assert!(dir.path().join("models/other.json").exists());
        assert_eq!(saved.folder_backup, None);
    }

    #[test]
    fn a_model_in_a_job_folder_replaces_the_folder_and_keeps_the_job_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(
            out.join("run.json"),
            b"{\"tool\": \"framescope\", \"command\": \"run\"}",
        )
        .unwrap();
        std::fs::write(out.join("scores.csv"), b"article_id\na\n").unwrap();
        std::fs::write(
            out.join("model.json"),
            b"{\"format_version\": 2, \"tool_version\": \"0.1.0\", \"old\": true}",
        )
        .unwrap();
        let path = out.join("model.json");
        let t = ModelTarget::open(&path, &[]).unwrap();
        assert_eq!(t.replaces_folder(), Some(out.as_path()));
        let saved = t.save(&model()).unwrap();

        assert_eq!(names(&out), ["README.md", "model.json"]);
        assert_eq!(crate::report::sha256_file(&path).unwrap(), saved.sha256);

        let kept = saved.folder_backup.unwrap();
        assert_eq!(kept.parent(), Some(dir.path()));
        assert!(kept.file_name().unwrap().to_string_lossy().starts_with("output."));
        assert_eq!(std::fs::read(kept.join("scores.csv")).unwrap(), b"article_id\na\n");
        assert_eq!(
            std::fs::read(kept.join("run.json")).unwrap(),
            b"{\"tool\": \"framescope\", \"command\": \"run\"}"
        );
        assert_eq!(saved.backup, Some(kept.join("model.json")));
        assert_eq!(
            std::fs::read(kept.join("model.json")).unwrap(),
            b"{\"format_version\": 2, \"tool_version\": \"0.1.0\", \"old\": true}"
        );
    }

    #[test]
    fn a_model_only_folder_a_diff_wrote_into_is_replaced_whole() {
        // `train` then `diff … out`: model.json beside the diff that ends at it.
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("charts")).unwrap();
        std::fs::write(
            out.join("model.json"),
            b"{\"format_version\": 2, \"tool_version\": \"0.1.0\", \"old\": true}",
        )
        .unwrap();
        std::fs::write(out.join("diff.csv"), b"kind,id\n").unwrap();
        std::fs::write(out.join("charts/before_after.png"), b"png").unwrap();
        let path = out.join("model.json");
        let t = ModelTarget::open(&path, &[]).unwrap();
        assert_eq!(t.replaces_folder(), Some(out.as_path()));
        let saved = t.save(&model()).unwrap();
        assert_eq!(names(&out), ["README.md", "model.json"]);
        let kept = saved.folder_backup.unwrap();
        assert_eq!(names(&kept), ["charts", "diff.csv", "model.json"]);
        assert_eq!(saved.backup, Some(kept.join("model.json")));
        let note = folder_replaced_note(&path, &kept);
        assert!(note.contains("another job (diff.csv)"), "{note}");
    }

    #[test]
    fn the_same_model_again_leaves_the_job_folder_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        std::fs::create_dir(&out).unwrap();
        let m = model();
        let path = out.join("model.json");
        save_model(&m, &path).unwrap();
        std::fs::write(out.join("run.json"), b"{}").unwrap();
        std::fs::write(out.join("scores.csv"), b"article_id\na\n").unwrap();
        let saved = ModelTarget::open(&path, &[]).unwrap().save(&m).unwrap();
        assert_eq!((saved.backup, saved.folder_backup), (None, None));
        assert_eq!(names(dir.path()), ["output"], "no backup, no staging folder left");
        assert!(out.join("scores.csv").is_file() && out.join("run.json").is_file());
    }

    #[test]
    fn a_job_folder_holding_someone_elses_file_is_refused_before_the_work() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("run.json"), b"{}").unwrap();
        std::fs::write(out.join("notes.txt"), b"mine").unwrap();
        let e = ModelTarget::open(&out.join("model.json"), &[]).unwrap_err();
        assert!(e.to_string().contains("notes.txt"), "{e}");
        assert_eq!(std::fs::read(out.join("notes.txt")).unwrap(), b"mine");
    }
}
