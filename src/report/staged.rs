//! Output folders as a unit. A job writes every output into a staging folder beside
//! `--out` (`.<name>.staging-<pid>`), then swaps it in: the folder at `--out` always holds
//! exactly one job's complete outputs. The previous folder, when its contents differ, is kept
//! as a dated backup beside it (`output.2026-11-29T20-50-00Z`); a rerun with identical
//! results (only `run.json` and `report.html`, which record the run's time, differ) keeps no
//! backup. An error (exit 2) removes the staging folder and leaves the old one untouched; a
//! killed job leaves its staging folder, which the next job writing that output removes.
//!
//! The swap is one `renameat2(RENAME_EXCHANGE)` on Linux (atomic: no moment without a
//! complete folder at `--out`); elsewhere, or on a file system without it, two renames
//! (old → backup, staging → `--out`). The folder is locked ([`Lock`]) for the whole job.

use super::leftovers;
use super::lock::Lock;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// A job's output folder while it is being written.
#[derive(Debug)]
pub struct StagedDir {
    target: PathBuf,
    staging: PathBuf,
    committed: bool,
    /// Where the previous contents go, once decided ([`StagedDir::plan_backup`]), and
    /// whether there was a previous folder then.
    planned: Option<(bool, Option<PathBuf>)>,
    /// The staging folder on the list a signal empties; off it once the swap begins.
    left: Option<leftovers::Registration>,
    _lock: Lock,
}

/// What [`StagedDir::commit`] did with the previous folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Committed {
    /// Where the previous contents now are, when there were any that differed.
    pub backup: Option<PathBuf>,
}

fn name_of(target: &Path) -> String {
    target
        .file_name()
        .map(crate::corpus::file_id)
        .unwrap_or_else(|| "output".into())
}

impl StagedDir {
    /// Check and lock `target`, and make an empty staging folder beside it. `inputs` are the
    /// job's input paths: an output folder on, inside or around one is refused.
    /// The checks [`StagedDir::create`] makes before it takes the folder's lock, for a job to
    /// refuse an output folder before it reads anything (`create` makes them again).
    pub fn check(target: &Path, inputs: &[PathBuf]) -> Result<()> {
        let target = &target.components().collect::<PathBuf>();
        super::guard::check_dir_target(target)?;
        super::guard::check_not_input(target, true, inputs)?;
        super::guard::check_not_inside_job_folder(target, target)?;
        check_replaceable(target)?;
        super::guard::check_movable(target)
    }

    pub fn create(target: &Path, inputs: &[PathBuf]) -> Result<StagedDir> {
        // `output/.` is `output`: its components drop the `.`, and renaming onto the path as
        // typed failed at the very end with "Device or resource busy" (review, session 42).
        let target = &target.components().collect::<PathBuf>();
        Self::check(target, inputs)?;
        std::fs::create_dir_all(super::guard::folder_of(target)).map_err(|e| Error::Io {
            path: target.to_path_buf(),
            source: std::io::Error::new(e.kind(), format!("cannot use as output folder: {e}")),
        })?;
        Self::stage(target)
    }

    /// Lock `target` and make an empty staging folder beside it (after removing, or keeping
    /// as backups, the staging folders of killed jobs).
    fn stage(target: &Path) -> Result<StagedDir> {
        let parent = super::guard::folder_of(target);
        let lock = Lock::acquire(target)?;
        let name = name_of(target);
        // Staging folders of killed jobs: they held this lock, so they are dead. One holding a
        // run.json is a whole job's folder — the previous outputs, when the job was killed
        // between the swap and naming the backup, or its own finished outputs — and is kept
        // as a backup, as the swap would have kept it (review, session 30: it was deleted).
        let prefix = format!(".{name}.staging-");
        if let Ok(rd) = std::fs::read_dir(parent) {
            for e in rd.flatten() {
                if e.file_name().to_string_lossy().starts_with(&prefix) {
                    let whole = e.path().join("run.json").is_file();
                    if !(whole && std::fs::rename(e.path(), backup_name(target)).is_ok()) {
                        let _ = std::fs::remove_dir_all(e.path());
                    }
                }
            }
        }
        let staging = parent.join(format!("{prefix}{}", std::process::id()));
        std::fs::create_dir(&staging).map_err(|e| Error::Io {
            path: target.to_path_buf(),
            source: std::io::Error::new(e.kind(), format!("output folder is not writable: {e}")),
        })?;
        Ok(StagedDir {
            left: Some(leftovers::staging(&staging, target)),
            target: target.to_path_buf(),
            staging,
            committed: false,
            planned: None,
            _lock: lock,
        })
    }

    /// Stage an update of the existing output folder `target` rather than a new one: `chart`
    /// and `report` rewrite some of a folder's files and its run.json. Each file was written
    /// in place and run.json last, so a job killed or failing midway left some charts redrawn
    /// and others not, beside a run.json with the old hashes (review J5). Now the staging
    /// folder starts as the folder's copy — every file hard-linked (copied where the file
    /// system has no hard links), except run.json, which the job writes last ([`RunManifest::
    /// record_rewritten`](super::RunManifest::record_rewritten)) — and [`commit`](Self::commit)
    /// swaps it in as `run`'s outputs are, keeping no backup (the previous files were drawn
    /// from the same tables). The job replaces files there by rename ([`super::write_atomic`]),
    /// never writing through a link, which would change the live folder's file. So the folder
    /// is the old one or the new one whole, whenever the job stops; a staging folder left by a
    /// kill holds run.json only once it is complete, and the next job keeps it as a backup
    /// as it keeps `run`'s.
    pub fn update(target: &Path) -> Result<StagedDir> {
        // A link to the folder, `.`, `..`: the real folder, whose lock `run` takes (as
        // `Lock::acquire_folder` does), and which is replaced (not the link).
        let target = &match std::fs::symlink_metadata(target) {
            Ok(m) if m.file_type().is_symlink() => target.canonicalize().map_err(|e| Error::io(target, e))?,
            _ if target.file_name().is_none() => super::guard::resolve(target),
            _ => target.components().collect::<PathBuf>(),
        };
        // Swapped while a shell is in it, the shell would be left in the old copy, deleted.
        let here = std::env::current_dir().ok().and_then(|d| d.canonicalize().ok());
        if here.is_some_and(|h| h.starts_with(super::guard::resolve(target))) {
            return Err(Error::Output {
                path: target.clone(),
                message: "cannot update this folder from inside it: its new files go in by replacing the folder as a whole, which would leave the current directory in the old copy; run from outside it (`cd ..`, then `--out` the folder's name)".into(),
            });
        }
        super::guard::check_dir_target(target)?;
        super::guard::check_movable(target)?;
        let mut staged = Self::stage(target)?;
        link_tree(target, &staged.staging, Path::new(""))?;
        staged.planned = Some((true, None));
        Ok(staged)
    }

    /// Where the job writes (the staging folder).
    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// Where the outputs will be (`--out`).
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// A path in the staging folder as it will read once swapped in.
    pub fn shown(&self, p: &Path) -> PathBuf {
        match p.strip_prefix(&self.staging) {
            Ok(rest) => self.target.join(rest),
            Err(_) => p.to_path_buf(),
        }
    }

    /// Decide now where [`commit`](Self::commit) will keep the previous contents (`None`:
    /// nothing kept — no previous folder, nothing in it worth keeping, or the same contents
    /// as the new ones), so the job can record that path before the swap (run.json's
    /// `compared_with`). Call it when every output but `run.json` and `report.html` (left
    /// out of the comparison) is written. The folder's lock keeps the name free until then.
    pub fn plan_backup(&mut self) -> Option<PathBuf> {
        let old_exists = std::fs::symlink_metadata(&self.target).is_ok();
        let plan = (old_exists && !nothing_to_keep(&self.target) && !same_contents(&self.target, &self.staging))
            .then(|| backup_name(&self.target));
        self.planned = Some((old_exists, plan.clone()));
        plan
    }

    /// Swap the staged outputs in, keeping the previous folder as a dated backup when its
    /// contents differ from the new ones (`run.json` and `report.html` aside: they always
    /// record a new time), under the name [`plan_backup`](Self::plan_backup) chose when it
    /// was called.
    pub fn commit(mut self) -> Result<Committed> {
        let io = |p: &Path, e| Error::io(p, e);
        sync_dir(&self.staging);
        let old_exists = std::fs::symlink_metadata(&self.target).is_ok();
        // Decided again if the previous folder appeared or went since the plan.
        let backup = match self.planned.take() {
            Some((existed, plan)) if existed == old_exists => plan,
            _ => self.plan_backup(),
        };
        // From here a signal leaves the folders to the next job, which knows a whole one.
        self.left = None;
        if !old_exists {
            std::fs::rename(&self.staging, &self.target).map_err(|e| io(&self.target, e))?;
        } else if let Err(e) = swap(&self.staging, &self.target, backup.as_deref()) {
            return Err(match e {
                SwapError::Nothing(e) => e,
                SwapError::PreviousAt(e) => {
                    self.committed = true;
                    e
                }
            });
        } else if backup.is_none() {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
        if let Some(p) = self.target.parent().filter(|p| !p.as_os_str().is_empty()) {
            sync_dir(p);
        }
        self.committed = true;
        Ok(Committed {
            backup: backup.filter(|_| old_exists),
        })
    }
}

impl Drop for StagedDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Recreate the folder `from/rel` in `to/rel`: subfolders made (with their permissions),
/// files hard-linked or, where that fails, copied, links recreated; the top folder's
/// run.json left out (the updating job writes it). A pipe or device is refused: it cannot be
/// carried into the new folder.
fn link_tree(from: &Path, to: &Path, rel: &Path) -> Result<()> {
    let (src, dst) = (from.join(rel), to.join(rel));
    if let Ok(m) = std::fs::metadata(&src) {
        let _ = std::fs::set_permissions(&dst, m.permissions());
    }
    for e in std::fs::read_dir(&src).map_err(|e| Error::io(&src, e))? {
        let e = e.map_err(|e| Error::io(&src, e))?;
        let r = rel.join(e.file_name());
        if r == Path::new("run.json") {
            continue;
        }
        let (a, b) = (from.join(&r), to.join(&r));
        let t = e.file_type().map_err(|e| Error::io(&a, e))?;
        if t.is_dir() {
            std::fs::create_dir(&b).map_err(|e| Error::io(&b, e))?;
            link_tree(from, to, &r)?;
        } else if t.is_symlink() {
            let target = std::fs::read_link(&a).map_err(|e| Error::io(&a, e))?;
            std::os::unix::fs::symlink(target, &b).map_err(|e| Error::io(&b, e))?;
        } else if t.is_file() {
            if std::fs::hard_link(&a, &b).is_err() {
                std::fs::copy(&a, &b).map_err(|e| Error::io(&a, e))?;
            }
        } else {
            return Err(Error::Output {
                path: a,
                message: format!(
                    "is {}, which cannot be carried into the updated folder; remove it",
                    super::guard::kind_of(&t)
                ),
            });
        }
    }
    Ok(())
}

fn sync_dir(p: &Path) {
    if let Ok(f) = std::fs::File::open(p) {
        let _ = f.sync_all();
    }
}

/// Hidden folders that file managers (macOS) and Jupyter (checkpoints of the tables a
/// researcher opened) put in folders they show, passed over when deciding whether a folder
/// is framescope's to replace (hidden files are passed over whatever their name).
const OS_CLUTTER: [&str; 5] = [
    ".DS_Store",
    ".directory",
    ".localized",
    ".Trashes",
    ".ipynb_checkpoints",
];

/// The job replaces the folder at `target` whole (its old contents become a backup beside
/// it), which must not happen to someone's own folder (`--out ~/thesis`). A folder is taken
/// as framescope's when everything in it is of the kinds framescope commands write there:
/// tables, JSON, Markdown, HTML, Parquet and PNG files and a `charts/` folder (hidden files
/// are ignored, and so are the hidden folders of file managers and Jupyter; `.git` is not). Anything else (`notes.txt`, a `.docx`, another folder)
/// refuses the job before it starts. Kinds rather than names: `keyness`, `overlap`, `eval`
/// and `diff` also write into `output/`, and versions add tables.
fn check_replaceable(target: &Path) -> Result<()> {
    let Ok(rd) = std::fs::read_dir(target) else {
        return Ok(());
    };
    const KINDS: [&str; 7] = ["csv", "json", "md", "html", "parquet", "png", "svg"];
    // The first file found that needs a job's record beside it, and whether one is there.
    let (mut first, mut recorded) = (None, false);
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        // Hidden files are passed over (an editor's lock or swap file, `.Rhistory`, a file
        // manager's `.DS_Store`), as they always were; a hidden folder other than a file
        // manager's or Jupyter's (`.git`, `.venv`) is someone's work, and the folder is not
        // framescope's to move aside (review, session 45: a fresh `git init` folder was taken
        // as empty).
        if name.starts_with('.') && (OS_CLUTTER.contains(&name.as_str()) || !e.file_type().is_ok_and(|t| t.is_dir())) {
            continue;
        }
        if name != "README.md" {
            first.get_or_insert_with(|| name.clone());
            recorded = recorded || (name.ends_with(".json") && is_a_record(&e.path()));
        }
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        let ours = if is_dir {
            name == "charts"
        } else {
            Path::new(&name)
                .extension()
                .is_some_and(|x| KINDS.contains(&x.to_string_lossy().to_ascii_lowercase().as_str()))
        };
        if !ours {
            return Err(Error::Output {
                path: target.to_path_buf(),
                message: format!(
                    "cannot use as output folder: it holds `{name}`, which no framescope command writes, and an output folder is replaced as a whole; give a new or empty folder"
                ),
            });
        }
    }
    match first {
        Some(name) if !recorded => Err(Error::Output {
            path: target.to_path_buf(),
            message: format!(
                "cannot use as output folder: it holds `{name}` but no record of a framescope job (run.json, a `<command>.run.json` or a model file), and an output folder is replaced as a whole; give a new or empty folder"
            ),
        }),
        _ => Ok(()),
    }
}

/// Whether the JSON file at `p` is one framescope writes: a job's record (`run.json`,
/// `keyness.run.json` …: `"tool": "framescope"` is its first key) or a model file
/// (`format_version` its first key). Only the file's head is read: a model can be
/// hundreds of megabytes. A folder of someone's tables (CSV, JSON) looks like ours by its
/// kinds of files; this is what tells them apart (review, session 34: any `*.json` let `run`
/// take over such a folder).
fn is_a_record(p: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(512);
    let Ok(f) = std::fs::File::open(p) else {
        return false;
    };
    if f.take(512).read_to_end(&mut head).is_err() {
        return false;
    }
    let compact: String = String::from_utf8_lossy(&head).split_whitespace().collect();
    compact.starts_with("{\"tool\":\"framescope\"") || compact.starts_with("{\"format_version\":")
}

/// An empty folder, or one holding only the folder README every job writes (a fresh clone's
/// `output/`): no backup is worth keeping.
fn nothing_to_keep(p: &Path) -> bool {
    let Ok(rd) = std::fs::read_dir(p) else {
        return false;
    };
    let mut names = Vec::new();
    for e in rd {
        let Ok(e) = e else { return false };
        names.push(e.file_name());
        if names.len() > 1 {
            return false;
        }
    }
    match names.first() {
        None => true,
        Some(n) => n == "README.md" && std::fs::read(p.join(n)).is_ok_and(|b| b == super::FOLDER_README.as_bytes()),
    }
}

/// `output.2026-11-29T20-50-00Z` beside `output` (`.1`, `.2` … within one second): the
/// folder's own name, bytes and all (review T, session 55: a name that is not UTF-8 was
/// written escaped, `nu\xFF.<time>`, which nothing looking for `<out>.<time>` finds; the
/// lock and staging names, hidden, keep the escaped form).
fn backup_name(target: &Path) -> PathBuf {
    let stamp = humantime::format_rfc3339_seconds(std::time::SystemTime::now())
        .to_string()
        .replace(':', "-");
    let name = target.file_name().unwrap_or(std::ffi::OsStr::new("output"));
    let dated = |suffix: String| {
        let mut n = name.to_os_string();
        n.push(suffix);
        target.with_file_name(n)
    };
    let mut b = dated(format!(".{stamp}"));
    let mut k = 1;
    while std::fs::symlink_metadata(&b).is_ok() {
        b = dated(format!(".{stamp}.{k}"));
        k += 1;
    }
    b
}

/// Put `staging` at `target`; the old `target` goes to `backup`, or to `staging`'s path
/// when there is no backup (the caller removes it). On an error nothing is replaced: a
/// backup that cannot be named (a name too long once dated, a failing disk) swaps the
/// folders back (review T, session 55: the job's clean-up then deleted the staging folder,
/// which held the previous outputs by then, and said nothing had been swapped in).
fn swap(staging: &Path, target: &Path, backup: Option<&Path>) -> std::result::Result<(), SwapError> {
    let kept = |b: &Path, e: std::io::Error| {
        Error::Io {
            path: b.to_path_buf(),
            source: std::io::Error::new(
                e.kind(),
                format!("cannot keep the previous outputs under this name ({e}), so they were not replaced: give --out a shorter name, or free this one"),
            ),
        }
    };
    if exchange(staging, target) {
        if let Some(b) = backup {
            if let Err(e) = std::fs::rename(staging, b) {
                // `staging` holds the previous outputs now: put them back, or keep them.
                return Err(match exchange(staging, target) {
                    true => SwapError::Nothing(kept(b, e)),
                    false => SwapError::PreviousAt(Error::Io {
                        path: target.to_path_buf(),
                        source: std::io::Error::new(
                            e.kind(),
                            format!("the new outputs are here, but the previous ones could not be named {} ({e}): they are kept in {}", b.display(), staging.display()),
                        ),
                    }),
                });
            }
        }
        return Ok(());
    }
    let aside = backup.map(Path::to_path_buf).unwrap_or_else(|| {
        let mut s = staging.as_os_str().to_owned();
        s.push(".old");
        PathBuf::from(s)
    });
    std::fs::rename(target, &aside).map_err(|e| SwapError::Nothing(kept(&aside, e)))?;
    if let Err(e) = std::fs::rename(staging, target) {
        let _ = std::fs::rename(&aside, target);
        return Err(SwapError::Nothing(Error::io(target, e)));
    }
    if backup.is_none() {
        let _ = std::fs::remove_dir_all(&aside);
    }
    Ok(())
}

/// Why [`swap`] failed, and where the previous outputs are.
#[derive(Debug)]
enum SwapError {
    /// Nothing was replaced: the previous folder is at the target, the new outputs staged.
    Nothing(Error),
    /// The new outputs are at the target and the previous ones in the staging folder, which
    /// must not be removed.
    PreviousAt(Error),
}

/// Atomically exchange two paths (Linux `renameat2(RENAME_EXCHANGE)`); false where the
/// system or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let (Ok(ca), Ok(cb)) = (
        std::ffi::CString::new(a.as_os_str().as_bytes()),
        std::ffi::CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: two valid NUL-terminated paths, relative to the current directory.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    rc == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// Files that describe the run itself (its time, its stage timings) rather than results:
/// two runs with the same results differ in them, and they are not compared.
const RUN_RECORDS: &[&str] = &["run.json", "report.html"];

/// Relative path, size of every file under `dir` except the run records, sorted.
fn listing(dir: &Path) -> Option<Vec<(PathBuf, u64)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).ok()? {
            let e = e.ok()?;
            let m = std::fs::symlink_metadata(e.path()).ok()?;
            if m.is_dir() {
                stack.push(e.path());
            } else {
                let rel = e.path().strip_prefix(dir).ok()?.to_path_buf();
                if !RUN_RECORDS.iter().any(|r| rel == Path::new(r)) {
                    out.push((rel, m.len()));
                }
            }
        }
    }
    out.sort();
    Some(out)
}

/// What a comparison with the earlier outputs adds to a folder (`retrain`, `--compare-to`).
const COMPARISON: &[&str] = &["diff.csv", "charts/before_after.png"];

/// The earlier folder `a` and the new one `b` hold the same files with the same bytes
/// (run.json aside). `b` may also hold a comparison's outputs that `a` lacks: a first
/// `retrain` that changed nothing kept its identical outputs as a backup only because it
/// compared them (review, session 48). Sizes are compared first, so a changed output costs
/// no hashing.
fn same_contents(a: &Path, b: &Path) -> bool {
    let (Some(la), Some(mut lb)) = (listing(a), listing(b)) else {
        return false;
    };
    lb.retain(|(rel, _)| !COMPARISON.iter().any(|c| rel == Path::new(c)) || la.iter().any(|(r, _)| r == rel));
    la == lb
        && la.iter().all(|(rel, _)| {
            matches!(
                (super::sha256_file(&a.join(rel)), super::sha256_file(&b.join(rel))),
                (Ok(x), Ok(y)) if x == y
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Review finding J5: `chart` rewrote a folder's files one by one, then run.json. An
    /// update is staged as a linked copy: nothing reaches the folder until the swap, a
    /// dropped update leaves nothing behind, and the swap keeps every other file.
    #[test]
    fn an_update_reaches_the_folder_whole_at_the_swap_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("charts")).unwrap();
        write(&out, "scores.csv", "scores");
        write(&out, "run.json", "{\"tool\": \"framescope\"}");
        write(&out.join("charts"), "a.png", "old a");
        write(&out.join("charts"), "b.png", "old b");
        let names = || {
            let mut v: Vec<String> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        };
        let s = StagedDir::update(&out).unwrap();
        assert!(
            !s.path().join("run.json").exists(),
            "run.json is the job's to write, last"
        );
        assert_eq!(std::fs::read_to_string(s.path().join("scores.csv")).unwrap(), "scores");
        super::super::write_atomic(&s.path().join("charts/a.png"), b"new a").unwrap();
        assert_eq!(std::fs::read_to_string(out.join("charts/a.png")).unwrap(), "old a");
        // A second job is refused while the first holds the folder.
        let e = StagedDir::update(&out).unwrap_err().to_string();
        assert!(e.contains("in use by another framescope job"), "{e}");
        drop(s);
        assert_eq!(std::fs::read_to_string(out.join("charts/a.png")).unwrap(), "old a");
        assert_eq!(names(), vec!["out"]);
        let s = StagedDir::update(&out).unwrap();
        super::super::write_atomic(&s.path().join("charts/a.png"), b"new a").unwrap();
        write(s.path(), "run.json", "new record");
        assert_eq!(s.commit().unwrap(), Committed { backup: None });
        for (f, want) in [
            ("charts/a.png", "new a"),
            ("charts/b.png", "old b"),
            ("scores.csv", "scores"),
            ("run.json", "new record"),
        ] {
            assert_eq!(std::fs::read_to_string(out.join(f)).unwrap(), want, "{f}");
        }
        assert_eq!(names(), vec!["out"], "no staging folder, backup or lock left");
    }

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).unwrap();
    }

    /// Review T (session 55): a folder whose dated backup name is too long (236 bytes + the
    /// 21 of `.<time>` > 255) had the new outputs swapped in, the previous ones deleted by
    /// the clean-up, and an error saying nothing was swapped in. Now nothing is replaced.
    #[test]
    fn a_backup_that_cannot_be_named_replaces_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a".repeat(236));
        std::fs::create_dir(&out).unwrap();
        write(&out, "scores.csv", "old");
        write(&out, "run.json", "{\"tool\": \"framescope\"}");
        let s = StagedDir::create(&out, &[]).unwrap();
        write(s.path(), "scores.csv", "new");
        write(s.path(), "run.json", "{\"tool\": \"framescope\"}");
        let e = s.commit().unwrap_err().to_string();
        assert!(e.contains("cannot keep the previous outputs under this name"), "{e}");
        assert!(e.contains("File name too long"), "{e}");
        assert_eq!(std::fs::read_to_string(out.join("scores.csv")).unwrap(), "old");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            left,
            [out.file_name().unwrap()],
            "no staging folder, backup or lock left"
        );
    }

    /// Review T (session 55): the backup of a folder whose name is not UTF-8 is that name,
    /// bytes and all, with the time (it was written escaped, `nu\xFF.<time>`).
    #[test]
    fn a_backup_keeps_the_folders_own_bytes() {
        use std::os::unix::ffi::{OsStrExt, OsStringExt};
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join(std::ffi::OsStr::from_bytes(b"nu\xff"));
        let b = backup_name(&out).file_name().unwrap().to_os_string().into_vec();
        assert!(b.starts_with(b"nu\xff.20"), "{:?}", String::from_utf8_lossy(&b));
        assert!(b.ends_with(b"Z"), "{:?}", String::from_utf8_lossy(&b));
    }

    #[test]
    fn a_comparison_the_earlier_folder_lacks_is_no_difference_but_one_it_holds_is() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        for d in [&a, &b] {
            std::fs::create_dir(d).unwrap();
            write(d, "scores.csv", "same");
        }
        write(&b, "diff.csv", "kind\n");
        assert!(same_contents(&a, &b), "diff.csv only in the new folder");
        write(&a, "diff.csv", "kind\nparam\n");
        assert!(!same_contents(&a, &b), "an earlier diff.csv that differs is kept");
        write(&a, "diff.csv", "kind\n");
        assert!(same_contents(&a, &b));
        write(&b, "other.csv", "x");
        assert!(!same_contents(&a, &b), "any other file only in the new folder");
        assert!(!same_contents(&b, &a));
    }

    /// Review finding (session 30): a job killed between the swap and naming the backup
    /// left the previous outputs in its staging folder, and the next job deleted them.
    #[test]
    fn a_killed_jobs_whole_staging_folder_is_kept_as_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let whole = dir.path().join(".out.staging-999999");
        std::fs::create_dir(&whole).unwrap();
        std::fs::write(whole.join("run.json"), "{}").unwrap();
        std::fs::write(whole.join("scores.csv"), "previous").unwrap();
        let partial = dir.path().join(".out.staging-999998");
        std::fs::create_dir(&partial).unwrap();
        std::fs::write(partial.join("scores.csv"), "half").unwrap();
        let staged = StagedDir::create(&out, &[]).unwrap();
        assert!(!whole.exists() && !partial.exists());
        let kept: Vec<PathBuf> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("out."))
            .collect();
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(std::fs::read_to_string(kept[0].join("scores.csv")).unwrap(), "previous");
        drop(staged);
    }

    /// The head of a job's record (`run.json`), which makes a folder a job's.
    const RECORD: &str = "{\"tool\": \"framescope\"}";

    #[test]
    fn a_job_replaces_the_folder_whole_and_keeps_the_old_one_when_it_differs() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("out");
        std::fs::create_dir(&out).unwrap();
        write(&out, "scores.csv", "old");
        write(&out, "outlets.csv", "old outlets");
        write(&out, "run.json", RECORD);

        let s = StagedDir::create(&out, &[]).unwrap();
        assert!(d.path().join(".out.lock").exists());
        write(s.path(), "scores.csv", "new");
        write(s.path(), "run.json", RECORD);
        // Nothing visible before the commit.
        assert_eq!(std::fs::read_to_string(out.join("scores.csv")).unwrap(), "old");
        assert_eq!(s.shown(&s.path().join("scores.csv")), out.join("scores.csv"));
        let c = s.commit().unwrap();
        let b = c.backup.expect("backup kept");
        assert_eq!(std::fs::read_to_string(out.join("scores.csv")).unwrap(), "new");
        assert!(!out.join("outlets.csv").exists(), "a file of the old job stayed");
        assert_eq!(std::fs::read_to_string(b.join("outlets.csv")).unwrap(), "old outlets");
        assert!(b.file_name().unwrap().to_string_lossy().starts_with("out.20"));
        // Only out, its backup: no staging folder, no lock left.
        let mut left: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left.len(), 2, "{left:?}");

        // The same outputs again (run.json aside): no new backup.
        let s = StagedDir::create(&out, &[]).unwrap();
        write(s.path(), "scores.csv", "new");
        write(
            s.path(),
            "run.json",
            "{\"tool\": \"framescope\", \"created\":\"later\"}",
        );
        assert_eq!(s.commit().unwrap().backup, None);
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 2);
        assert!(out.join("run.json").exists());
    }

    #[test]
    fn the_backup_planned_before_run_json_is_the_one_the_commit_keeps() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("out");
        std::fs::create_dir(&out).unwrap();
        write(&out, "scores.csv", "old");
        write(&out, "run.json", RECORD);
        let mut s = StagedDir::create(&out, &[]).unwrap();
        write(s.path(), "scores.csv", "new");
        let planned = s.plan_backup().expect("contents differ: a backup");
        assert!(!planned.exists(), "only named, not made, before the commit");
        // run.json, written after the plan, may name it.
        write(
            s.path(),
            "run.json",
            &format!(
                "{{\"tool\": \"framescope\", \"compared_with\":{:?}}}",
                planned.display().to_string()
            ),
        );
        assert_eq!(s.commit().unwrap().backup, Some(planned.clone()));
        assert_eq!(std::fs::read_to_string(planned.join("scores.csv")).unwrap(), "old");

        // The same outputs (run.json aside): nothing planned, nothing kept.
        let mut s = StagedDir::create(&out, &[]).unwrap();
        write(s.path(), "scores.csv", "new");
        assert_eq!(s.plan_backup(), None);
        write(s.path(), "run.json", "{}");
        assert_eq!(s.commit().unwrap().backup, None);
        // No previous folder: nothing to plan.
        let mut s = StagedDir::create(&d.path().join("fresh"), &[]).unwrap();
        assert_eq!(s.plan_backup(), None);
        assert_eq!(s.commit().unwrap().backup, None);
    }

    #[test]
    fn an_abandoned_job_leaves_the_old_folder_untouched() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("out");
        std::fs::create_dir(&out).unwrap();
        write(&out, "scores.csv", "old");
        write(&out, "run.json", RECORD);
        let s = StagedDir::create(&out, &[]).unwrap();
        write(s.path(), "scores.csv", "half");
        // A second job meanwhile is refused.
        assert!(StagedDir::create(&out, &[]).unwrap_err().to_string().contains("in use"));
        drop(s);
        assert_eq!(std::fs::read_to_string(out.join("scores.csv")).unwrap(), "old");
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_new_folder_is_created_by_the_swap() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("a/b/out");
        let s = StagedDir::create(&out, &[]).unwrap();
        write(s.path(), "x.csv", "1");
        assert_eq!(s.commit().unwrap().backup, None);
        assert_eq!(std::fs::read_to_string(out.join("x.csv")).unwrap(), "1");
    }

    #[test]
    fn a_folder_holding_only_the_folder_readme_is_not_backed_up() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("output");
        std::fs::create_dir(&out).unwrap();
        write(&out, "README.md", crate::report::FOLDER_README);
        let s = StagedDir::create(&out, &[]).unwrap();
        write(s.path(), "scores.csv", "1");
        write(s.path(), "run.json", RECORD);
        assert_eq!(s.commit().unwrap().backup, None);
        // An edited README is someone's work: kept.
        write(&out, "README.md", "my notes");
        let s = StagedDir::create(&out, &[]).unwrap();
        write(s.path(), "scores.csv", "1");
        assert!(s.commit().unwrap().backup.is_some());
    }

    #[test]
    fn a_folder_no_job_wrote_is_refused_and_left_alone() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("thesis");
        std::fs::create_dir(&out).unwrap();
        write(&out, "scores.csv", "a table");
        write(&out, "notes.txt", "precious");
        let e = StagedDir::create(&out, &[]).unwrap_err().to_string();
        assert!(
            e.contains("thesis") && e.contains("`notes.txt`, which no framescope command writes"),
            "{e}"
        );
        assert_eq!(std::fs::read_to_string(out.join("notes.txt")).unwrap(), "precious");
        // Nothing made beside it: no lock, no staging folder.
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
        // A folder other than charts/ is someone's too.
        std::fs::remove_file(out.join("notes.txt")).unwrap();
        std::fs::create_dir(out.join("drafts")).unwrap();
        assert!(StagedDir::create(&out, &[])
            .unwrap_err()
            .to_string()
            .contains("`drafts`"));
        std::fs::remove_dir(out.join("drafts")).unwrap();
        // A hidden folder is someone's too: a fresh `git init` folder is not empty (review,
        // session 45: it was moved aside as a backup).
        std::fs::create_dir(out.join(".git")).unwrap();
        let e = StagedDir::create(&out, &[]).unwrap_err().to_string();
        assert!(e.contains("`.git`"), "{e}");
        std::fs::remove_dir(out.join(".git")).unwrap();
        // What framescope commands write (keyness, eval, charts, a README with CRLF line
        // endings) and hidden files are fine.
        std::fs::create_dir(out.join("charts")).unwrap();
        write(&out.join("charts"), "keyness.png", "png");
        write(&out, "keyness.csv", "k");
        write(&out, "eval.json", "{}");
        write(&out, "README.md", "# framescope output folder\r\n");
        write(&out, ".DS_Store", "finder");
        std::fs::create_dir(out.join(".ipynb_checkpoints")).unwrap();
        write(&out, "model.2026-11-29T20-50-00Z.json", "{}");
        // … but only beside a record of the job that wrote them: tables and JSON alone may
        // be someone's own (review, session 34).
        let e = StagedDir::create(&out, &[]).unwrap_err().to_string();
        assert!(e.contains("but no record of a framescope job"), "{e}");
        write(
            &out,
            "keyness.run.json",
            "{\n  \"tool\": \"framescope\",\n  \"command\": \"keyness\"\n}",
        );
        let s = StagedDir::create(&out, &[]).unwrap();
        drop(s);
        // A model file is a record too (`train --model out/model.json`).
        std::fs::remove_file(out.join("keyness.run.json")).unwrap();
        write(
            &out,
            "model.json",
            "{\n  \"format_version\": 3,\n  \"tool_version\": \"0.1.0\"\n}",
        );
        drop(StagedDir::create(&out, &[]).unwrap());
        // A README alone needs none.
        let fresh = d.path().join("fresh");
        std::fs::create_dir(&fresh).unwrap();
        write(&fresh, "README.md", "my notes");
        drop(StagedDir::create(&fresh, &[]).unwrap());
    }

    #[test]
    fn the_tracked_output_readme_is_the_one_every_job_writes() {
        let tracked = include_str!("../../output/README.md");
        assert_eq!(tracked, crate::report::FOLDER_README);
    }
}
