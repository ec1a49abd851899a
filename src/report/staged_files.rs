//! Files a job adds to a folder it does not own whole: `eval --out` (eval.json), `keyness`
//! (keyness.csv, keyness.png), `overlap` (three tables), `lexicon --report` (two tables),
//! `diff` (diff.csv, charts/before_after.png) and `export-training`. Their folder is often
//! another job's (`keyness` and `overlap` write into `output/` by default, `diff` into the
//! newer run's folder), so it is not replaced as a unit ([`super::StagedDir`] does that for
//! `run` and `score`); instead:
//!
//! - **guard**: every file the job may write is checked before any work: never an input
//!   (`keyness --out seeds` of an article folder, `diff OLD NEW --out` onto a model it reads),
//!   never a device, pipe, socket or symbolic link, never a file that the folder's run.json
//!   records as an output of the `run` or `score` that wrote the folder (a `retrain`'s
//!   diff.csv); and the folder holds no article file (`.txt`, `.jsonl`): the next run reading
//!   an article folder would read a diff.csv there as a corpus;
//! - **lock**: the folder is locked with the same [`Lock`] as `run` and `score` take, so two
//!   jobs never write into one folder at once (a second fails at once, naming the first);
//! - **staging**: the files are written into `.<name>.files-<pid>` beside the folder and moved
//!   in together at the end, so the folder never holds one file of this job beside a stale
//!   one of an earlier job (keyness.csv new, keyness.png old): a file the job may write but
//!   did not this time (`keyness --no-chart`, a `diff` without articles in both runs) is
//!   removed. An error leaves the folder as it was; a killed job's staging folder is removed
//!   by the next job that takes the lock.

use super::lock::Lock;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// A job's files while they are being written.
#[derive(Debug)]
pub struct StagedFiles {
    target: PathBuf,
    staging: PathBuf,
    names: Vec<PathBuf>,
    committed: bool,
    /// The staging folder on the list a signal empties; off it once files move in.
    left: Option<super::leftovers::Registration>,
    _lock: Lock,
}

impl StagedFiles {
    /// Check every file the job may write (`names`, relative to `target`) against `inputs`,
    /// lock `target`, and make an empty staging folder beside it. The folder itself need not
    /// exist yet; it is created when the files are moved in.
    pub fn create(target: &Path, names: &[&str], inputs: &[PathBuf]) -> Result<StagedFiles> {
        let refuse = |message: String| Error::Output {
            path: target.to_path_buf(),
            message,
        };
        if target.exists() && !target.is_dir() {
            return Err(refuse("cannot use as output folder: it is a file, not a folder".into()));
        }
        // A link to a folder: the lock was the link's, so a `run` writing the real folder ran
        // beside this job and the folder held both jobs' files (review, session 34); `run`
        // and `score` refuse a link for the same reason.
        if std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(refuse(
                "cannot use as output folder: it is a symbolic link; give the folder's real path".into(),
            ));
        }
        // A folder no one may write to is its owner's "leave this alone", as `run` reads
        // it: root's writes pass the permission bits, and these commands added their files
        // to it (review T, session 55).
        {
            use std::os::unix::fs::PermissionsExt;
            if let Some(m) = std::fs::metadata(target)
                .ok()
                .filter(|m| m.is_dir() && m.permissions().mode() & 0o222 == 0)
            {
                return Err(refuse(format!(
                    "cannot write into this folder: it is read-only (mode {:o}); make it writable (chmod u+w) or give another folder",
                    m.permissions().mode() & 0o7777
                )));
            }
        }
        // Inside a `run` or `score` folder (`output/charts`): replaced with it by its next
        // run, and its files beside that job's own (review, session 34).
        super::guard::check_not_inside_job_folder(target, target)?;
        for name in names {
            let file = target.join(name);
            // A linked subfolder (`charts/` → an input folder) would take the file elsewhere.
            for sub in Path::new(name)
                .ancestors()
                .skip(1)
                .filter(|a| !a.as_os_str().is_empty())
            {
                let dir = target.join(sub);
                if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
                    return Err(Error::Output {
                        path: dir,
                        message: "cannot write into it: it is a symbolic link; framescope writes only into real folders (remove the link)".into(),
                    });
                }
            }
            super::guard::check_file_target(&file)?;
            super::guard::check_not_input(&file, false, inputs)?;
        }
        // A folder this job cannot write into is said now, not after the work (review,
        // session 45: `keyness --out` a read-only folder failed at its last step).
        if target.is_dir() && !writable(target) {
            return Err(refuse("cannot write into this folder: permission denied".into()));
        }
        // Not an article folder: the next run reading it would take the job's tables for
        // articles (`diff.csv:1: skipped: missing column text`).
        if let Some(name) = article_file(target) {
            return Err(refuse(format!(
                "cannot write into this folder: it holds `{name}`, a file a run would read as articles (or a data file), and a run reading the folder would read this job's tables as articles too; give a new or empty folder, or an output folder"
            )));
        }
        // Never another job's outputs: run.json's hashes and report.html describe them.
        if let Ok(m) = super::RunManifest::read(&target.join("run.json")) {
            if let Some(name) = names
                .iter()
                .find(|n| m.outputs.iter().any(|o| Path::new(&o.path).ends_with(n)))
            {
                return Err(refuse(format!(
                    "`{name}` here is an output of the `{}` job recorded in its run.json, and this job does not replace another job's outputs; give --out a new or empty folder",
                    m.command
                )));
            }
        }
        check_own_files(target, names)?;
        // `.`, `..`: lock and stage beside the folder they name.
        let target_named = match target.file_name() {
            Some(_) => target.to_path_buf(),
            None => super::guard::resolve(target),
        };
        let parent = super::guard::folder_of(&target_named);
        std::fs::create_dir_all(parent).map_err(|e| refuse(format!("cannot use as output folder: {e}")))?;
        let lock = Lock::acquire(&target_named)?;
        let name = target_named
            .file_name()
            .map(crate::corpus::file_id)
            .unwrap_or_else(|| "output".into());
        // The staging folder must be on the folder's own file system, or no file can be
        // renamed in: beside the folder as a rule, inside it when the folder is a mount point
        // (a container's volume, a USB or network drive; review, session 45: every rename
        // failed with "Invalid cross-device link" after the old files were gone).
        let beside = match super::guard::mount_point(target) {
            true => target,
            false => parent,
        };
        // Staging folders of killed jobs: they held this lock, so they are dead.
        let prefix = format!(".{name}.files-");
        for dir in [parent, target] {
            if let Ok(rd) = std::fs::read_dir(dir) {
                for e in rd.flatten() {
                    if e.file_name().to_string_lossy().starts_with(&prefix) {
                        let _ = std::fs::remove_dir_all(e.path());
                    }
                }
            }
        }
        let staging = beside.join(format!("{prefix}{}", std::process::id()));
        std::fs::create_dir(&staging).map_err(|e| refuse(format!("output folder is not writable: {e}")))?;
        Ok(StagedFiles {
            left: Some(super::leftovers::staging(&staging, target)),
            target: target.to_path_buf(),
            staging,
            names: names.iter().map(PathBuf::from).collect(),
            committed: false,
            _lock: lock,
        })
    }

    /// Where the job writes (the staging folder).
    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// Write `record` (what produced these files: tool version, command line, inputs with
    /// their sha256, model and lexicon hashes, data files) as the file named last at
    /// [`create`](Self::create), `<command>.run.json`, with every other file the job wrote
    /// listed under `outputs` with its sha256. These files land in folders that are not the
    /// job's own (keyness and overlap write into a run's folder), whose run.json does not
    /// describe them: without this they said nothing of what produced them (review, session
    /// 34).
    pub fn write_record(&self, mut record: super::RunManifest) -> Result<()> {
        let (last, files) = self.names.split_last().expect("a job names its record file last");
        record.staging = Some((self.staging.clone(), self.target.clone()));
        // Articles read from stdin (`keyness -`), with the sha256 of the bytes read: the
        // inputs were recorded before anything was read, when stdin had no hash yet (review,
        // session 45: `"inputs": []`). First, as `-` is a job's whole corpus as a rule.
        if let Some(stdin) = crate::corpus::stdin_record() {
            if !record.inputs.iter().any(|i| i.path == stdin.path) {
                record.inputs.insert(0, stdin);
            }
        }
        for name in files {
            let p = self.staging.join(name);
            if p.is_file() {
                record.add_output(&p)?;
            }
        }
        record.write(&self.staging.join(last))
    }

    /// A path in the staging folder as it will read once moved in.
    pub fn shown(&self, p: &Path) -> PathBuf {
        match p.strip_prefix(&self.staging) {
            Ok(rest) => self.target.join(rest),
            Err(_) => p.to_path_buf(),
        }
    }

    /// Move every staged file into the folder (each by one rename, replacing a file of the
    /// same name), creating the folder and its subfolders as needed; remove the files named
    /// at [`create`](Self::create) that this job did not write.
    ///
    /// All or nothing: the old files are first renamed aside into the staging folder, not
    /// deleted, and when any rename fails (a subfolder another user owns, a full or
    /// read-only disk) every rename done is undone, so an error leaves the folder as it was
    /// (review, session 45: the old files had been deleted first, and a failing rename left
    /// the folder without them).
    pub fn commit(mut self) -> Result<()> {
        // From here a signal leaves the staging folder to the next job, as a kill does.
        self.left = None;
        let mut done: Vec<(PathBuf, PathBuf)> = Vec::new();
        let result = self.move_in(&mut done);
        if let Err(e) = &result {
            let unmoved = done
                .iter()
                .rev()
                .filter(|(from, to)| std::fs::rename(to, from).is_err())
                .count();
            if unmoved > 0 {
                // Never deleted with the staging folder: the previous files that could not go
                // back stay where they are, and the message says where.
                self.committed = true;
                return Err(Error::Output {
                    path: self.target.clone(),
                    message: format!(
                        "{e}; {unmoved} file(s) could not be put back: the previous files are in {}, this job's in {}",
                        self.staging.join(".previous").display(),
                        self.staging.display()
                    ),
                });
            }
        } else {
            let _ = std::fs::remove_dir_all(&self.staging);
            self.committed = true;
        }
        result
    }

    /// The renames of [`commit`](Self::commit), each recorded in `done` (from, to) as it
    /// succeeds. Every old file goes aside before any new one comes in: a job killed between
    /// two renames left keyness.csv new beside keyness.png old (review, session 30); now such
    /// a folder lacks files, and never pairs two jobs' files.
    fn move_in(&self, done: &mut Vec<(PathBuf, PathBuf)>) -> Result<()> {
        let mut rename = |from: PathBuf, to: PathBuf, shown: &Path| -> Result<()> {
            std::fs::rename(&from, &to).map_err(|e| Error::io(shown, e))?;
            done.push((from, to));
            Ok(())
        };
        let aside = self.staging.join(".previous");
        let several = self.names.len() > 1;
        for (i, name) in self.names.iter().enumerate() {
            let old = self.target.join(name);
            let stale = std::fs::symlink_metadata(&old).is_ok_and(|m| m.is_file());
            if stale && (several || !self.staging.join(name).exists()) {
                std::fs::create_dir_all(&aside).map_err(|e| Error::io(&self.target, e))?;
                rename(old.clone(), aside.join(i.to_string()), &old)?;
            }
        }
        let mut stack = vec![PathBuf::new()];
        while let Some(rel) = stack.pop() {
            let from = self.staging.join(&rel);
            let into = self.target.join(&rel);
            std::fs::create_dir_all(&into).map_err(|e| Error::io(&into, e))?;
            let mut entries: Vec<_> = std::fs::read_dir(&from)
                .map_err(|e| Error::io(&from, e))?
                .flatten()
                .filter(|e| !rel.as_os_str().is_empty() || e.file_name() != ".previous")
                .collect();
            entries.sort_by_key(|e| e.file_name());
            for e in entries {
                let r = rel.join(e.file_name());
                if e.file_type().is_ok_and(|t| t.is_dir()) {
                    stack.push(r);
                } else {
                    let to = self.target.join(&r);
                    rename(e.path(), to.clone(), &to)?;
                }
            }
            if let Ok(f) = std::fs::File::open(&into) {
                let _ = f.sync_all();
            }
        }
        Ok(())
    }
}

/// Whether this process may add and remove files in the folder `dir` (`access(W_OK)`: the
/// real user's permission, root's too).
fn writable(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return true;
    };
    // SAFETY: a valid NUL-terminated path.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

/// The first file of `target` (by name) that framescope reads as articles and never writes:
/// `.txt`, `.jsonl`, `.ndjson` (`.csv` and `.parquet` are also tables framescope writes).
fn article_file(target: &Path) -> Option<String> {
    let mut names: Vec<String> = std::fs::read_dir(target)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()) && is_article_file(&e.path()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.into_iter().next()
}

/// Whether a file would be read as articles by a run reading its folder: every format
/// framescope reads (`.txt`, `.jsonl`, `.ndjson`, `.json`, `.csv`, `.parquet`) except
/// framescope's own tables ([`super::OUTPUT_TABLE_STEMS`], and their dated backups such as
/// `model.<time>.json`), and a `.json` file that is one JSON document rather than lines of
/// records (a model saved under another name). CSV and Parquet count: a folder of
/// `articles.csv` took `overlap`'s tables, and the next run read 529 sentences of another
/// corpus as articles (review, session 30).
fn is_article_file(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|x| x.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ours = super::OUTPUT_TABLE_STEMS
        .iter()
        .any(|t| stem == *t || stem.strip_prefix(t).is_some_and(|rest| rest.starts_with('.')));
    match ext.as_str() {
        "txt" | "jsonl" | "ndjson" => true,
        "csv" | "parquet" => !ours,
        "json" => !ours && first_line_is_a_record(path),
        _ => false,
    }
}

/// Whether a `.json` file's first line is a whole JSON object (a JSON Lines record, as pandas'
/// `to_json(lines=True)` writes): a pretty-printed document's first line is `{`.
fn first_line_is_a_record(path: &Path) -> bool {
    use std::io::{BufRead, Read};
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    let mut line = Vec::new();
    let mut r = std::io::BufReader::new(f).take(1 << 20);
    if r.read_until(b'\n', &mut line).is_err() {
        return false;
    }
    serde_json::from_slice::<serde_json::Value>(&line).is_ok_and(|v| v.is_object())
}

impl Drop for StagedFiles {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Every file of the job's set already in the folder is framescope's, as written: listed with
/// its present sha256 by the job's record there (`<command>.run.json`, named last). Review J,
/// session 51: a researcher's own `keyness.csv` in the folder was replaced without a word (and
/// so would be a table of ours edited by hand); the job is refused instead, before any work.
/// Only for a set with a record (every command's is).
fn check_own_files(target: &Path, names: &[&str]) -> Result<()> {
    const REMEDY: &str = "move it away, or give --out a new or empty folder";
    let Some((record_name, files)) = names.split_last().filter(|(r, _)| r.ends_with(".run.json")) else {
        return Ok(());
    };
    let refuse = |name: &str, why: String| Error::Output {
        path: target.join(name),
        message: format!("{why}, and framescope replaces only files it wrote as they were written; {REMEDY}"),
    };
    let record_path = target.join(record_name);
    let record = match record_path.is_file() {
        true => Some(
            super::RunManifest::read(&record_path)
                .map_err(|_| refuse(record_name, "this file is not a framescope record".into()))?,
        ),
        false => None,
    };
    for name in files {
        let p = target.join(name);
        if !p.is_file() {
            continue;
        }
        let listed = record
            .as_ref()
            .and_then(|m| m.outputs.iter().find(|o| Path::new(&o.path).ends_with(name)));
        match listed {
            None => {
                return Err(refuse(
                    name,
                    format!("framescope did not write this file (no {record_name} here lists it)"),
                ))
            }
            Some(o) if super::outputs::sha256_file(&p)? != o.sha256 => {
                return Err(refuse(
                    name,
                    format!("this file changed since framescope wrote it ({record_name} records other bytes)"),
                ))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in `dir`.
    fn names_in(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn files_move_in_together_and_an_error_leaves_the_folder_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("diff.csv"), "old").unwrap();
        std::fs::write(out.join("timeline.csv"), "kept").unwrap();
        // Dropped without commit: nothing changes, no staging folder is left.
        let s = StagedFiles::create(&out, &["diff.csv"], &[]).unwrap();
        std::fs::write(s.path().join("diff.csv"), "new").unwrap();
        drop(s);
        assert_eq!(std::fs::read_to_string(out.join("diff.csv")).unwrap(), "old");
        std::fs::write(out.join("c.png"), "stale").unwrap();
        let s = StagedFiles::create(&out, &["diff.csv", "charts/b.png", "c.png"], &[]).unwrap();
        // A second job is refused while the first holds the folder.
        let e = StagedFiles::create(&out, &["diff.csv"], &[]).unwrap_err().to_string();
        assert!(e.contains("in use by another framescope job"), "{e}");
        std::fs::write(s.path().join("diff.csv"), "new").unwrap();
        std::fs::create_dir(s.path().join("charts")).unwrap();
        std::fs::write(s.path().join("charts/b.png"), "png").unwrap();
        assert_eq!(s.shown(&s.path().join("diff.csv")), out.join("diff.csv"));
        s.commit().unwrap();
        assert_eq!(std::fs::read_to_string(out.join("diff.csv")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(out.join("charts/b.png")).unwrap(), "png");
        assert_eq!(std::fs::read_to_string(out.join("timeline.csv")).unwrap(), "kept");
        assert!(!out.join("c.png").exists(), "named but not written this time: removed");
        assert_eq!(names_in(dir.path()), vec!["out"], "no staging or lock left");
    }

    #[test]
    fn a_rename_that_fails_puts_every_file_back() {
        // The folder changes under the job: `b.png` became a folder holding a file, so the
        // last rename in fails (as one into a subfolder another user owns does).
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("a.png"), "old a").unwrap();
        std::fs::write(out.join("c.png"), "old c").unwrap();
        let s = StagedFiles::create(&out, &["a.png", "b.png", "c.png"], &[]).unwrap();
        for n in ["a.png", "b.png"] {
            std::fs::write(s.path().join(n), "new").unwrap();
        }
        std::fs::create_dir_all(out.join("b.png/inside")).unwrap();
        let e = s.commit().unwrap_err().to_string();
        assert!(e.contains("b.png"), "{e}");
        assert_eq!(std::fs::read_to_string(out.join("a.png")).unwrap(), "old a");
        assert_eq!(
            std::fs::read_to_string(out.join("c.png")).unwrap(),
            "old c",
            "not deleted"
        );
        assert_eq!(names_in(dir.path()), vec!["out"], "no staging or lock left");
    }

    #[test]
    fn an_output_file_that_is_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("eval.json"), "{}").unwrap();
        let e = StagedFiles::create(&out, &["eval.json"], &[out.join("eval.json")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("is an input"), "{e}");
        std::fs::write(dir.path().join("f"), "x").unwrap();
        let e = StagedFiles::create(&dir.path().join("f"), &["a.csv"], &[])
            .unwrap_err()
            .to_string();
        assert!(e.contains("it is a file, not a folder"), "{e}");
    }

    /// Review findings (session 34): a link to a run's folder took its lock under the link's
    /// name, so `keyness --out link` ran while a `run` wrote the real folder and both jobs'
    /// files mixed; and a run folder's `charts/` took another job's files.
    #[test]
    fn a_linked_folder_and_a_folder_inside_a_run_folder_refuse_the_job() {
        let dir = tempfile::tempdir().unwrap();
        let run = dir.path().join("run");
        std::fs::create_dir_all(run.join("charts")).unwrap();
        std::fs::write(
            run.join("run.json"),
            "{\n  \"tool\": \"framescope\",\n  \"command\": \"run\"\n}",
        )
        .unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&run, &link).unwrap();
        let e = StagedFiles::create(&link, &["keyness.csv"], &[])
            .unwrap_err()
            .to_string();
        assert!(e.contains("it is a symbolic link; give the folder's real path"), "{e}");
        let e = StagedFiles::create(&run.join("charts"), &["diff.csv"], &[])
            .unwrap_err()
            .to_string();
        assert!(e.contains("lies inside the output folder"), "{e}");
        // The run folder itself still takes add-on files (keyness and overlap write there).
        StagedFiles::create(&run, &["keyness.csv"], &[]).unwrap();
    }

    /// Review findings (session 30): a folder of CSV articles took `overlap`'s tables (the
    /// next run read them as articles), and a `charts/` linked to another folder had the
    /// chart written there.
    #[test]
    fn csv_articles_and_linked_subfolders_refuse_the_job() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("corpus");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("articles.csv"), "id,text\na,Text.\n").unwrap();
        let e = StagedFiles::create(&out, &["overlap.csv"], &[])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("it holds `articles.csv`, a file a run would read as articles"),
            "{e}"
        );
        // framescope's own tables are no articles: an output folder takes more files.
        let run = dir.path().join("run");
        std::fs::create_dir(&run).unwrap();
        for f in ["scores.csv", "sentences.parquet", "run.json", "model.json"] {
            std::fs::write(run.join(f), "x").unwrap();
        }
        StagedFiles::create(&run, &["keyness.csv"], &[]).unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, run.join("charts")).unwrap();
        let e = StagedFiles::create(&run, &["diff.csv", "charts/before_after.png"], &[])
            .unwrap_err()
            .to_string();
        assert!(e.contains("charts: cannot write into it: it is a symbolic link"), "{e}");
        let file = |name: &str, text: &str| {
            std::fs::write(run.join(name), text).unwrap();
            is_article_file(&run.join(name))
        };
        assert!(file("notes.JSON", "{\"text\": \"An article.\"}\n"));
        assert!(!file("eval.json", "{\"text\": \"x\"}\n"));
        // A dated backup of a model, a model saved under another name: not articles.
        assert!(!file("model.2026-12-04T08-22-01Z.json", "{\"text\": \"x\"}\n"));
        assert!(!file("mine.json", "{\n  \"format\": 3\n}\n"));
        assert!(file("articles.csv", "id,text\n"));
    }
}
