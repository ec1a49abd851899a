//! What a job would leave on disk if it were stopped by a signal (Ctrl-C, `kill`, a cluster
//! scheduler's SIGTERM): its staging folders, its temporary files and its lock files. Each
//! registers here while it exists ([`Registration`], dropped when it goes); on the signal,
//! `main` calls [`remove_all`], which removes them and says which outputs were left as they
//! were. Before, a Ctrl-C left a hidden `.output.staging-<pid>` folder — gigabytes of tables
//! at a million articles — until the next job writing that output happened to remove it.
//!
//! A job stopped harder (SIGKILL, a power cut) still leaves them; the next job writing the
//! same output removes them, as before ([`super::StagedDir`]).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

#[derive(Debug)]
enum Kind {
    /// A staging folder, and the output it would have become.
    Staging { target: PathBuf },
    /// A temporary or lock file.
    File,
}

#[derive(Debug)]
struct Entry {
    id: u64,
    path: PathBuf,
    kind: Kind,
}

static ENTRIES: Mutex<Vec<Entry>> = Mutex::new(Vec::new());
static NEXT_ID: AtomicU64 = AtomicU64::new(0);

fn entries() -> MutexGuard<'static, Vec<Entry>> {
    // Nothing panics while holding the lock; a poisoned list is still a valid list.
    ENTRIES.lock().unwrap_or_else(|e| e.into_inner())
}

/// A leftover while it exists: dropping it takes it off the list (it was moved into place
/// or removed). Drop it *before* moving the path into place, so a signal during the move
/// cannot remove what is now an output.
#[derive(Debug)]
pub struct Registration(u64);

impl Drop for Registration {
    fn drop(&mut self) {
        entries().retain(|e| e.id != self.0);
    }
}

fn register(path: &Path, kind: Kind) -> Registration {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    entries().push(Entry {
        id,
        path: path.to_path_buf(),
        kind,
    });
    Registration(id)
}

/// A staging folder that would have become `target`.
pub fn staging(path: &Path, target: &Path) -> Registration {
    register(
        path,
        Kind::Staging {
            target: target.to_path_buf(),
        },
    )
}

/// A temporary or lock file.
pub fn file(path: &Path) -> Registration {
    register(path, Kind::File)
}

/// Remove every registered leftover; returns the outputs whose staging folders were removed
/// (they are as they were before the job). The list stays locked afterwards, so nothing can
/// register or move into place while the process exits: call it only just before exiting.
pub fn remove_all() -> Vec<PathBuf> {
    let guard = entries();
    let targets = remove(&guard);
    std::mem::forget(guard);
    targets
}

fn remove(list: &[Entry]) -> Vec<PathBuf> {
    let mut targets = Vec::new();
    for e in list {
        match &e.kind {
            Kind::Staging { target } => {
                // A writer thread may create a file while the folder is being emptied; the
                // removal then fails on a folder that is not empty, and a second try gets it.
                for _ in 0..3 {
                    if std::fs::remove_dir_all(&e.path).is_ok() || !e.path.exists() {
                        break;
                    }
                }
                targets.push(target.clone());
            }
            Kind::File => {
                let _ = std::fs::remove_file(&e.path);
            }
        }
    }
    targets.sort();
    targets.dedup();
    targets
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registered(path: &Path) -> bool {
        entries().iter().any(|e| e.path == path)
    }

    #[test]
    fn a_registration_is_listed_until_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join(".a.tmp");
        let b = dir.path().join(".out.staging-1");
        let ra = file(&a);
        let rb = staging(&b, &dir.path().join("out"));
        assert!(registered(&a) && registered(&b));
        drop(ra);
        assert!(!registered(&a), "dropped: off the list");
        assert!(registered(&b), "the other stays");
        drop(rb);
        assert!(!registered(&b));
    }

    #[test]
    fn removal_takes_folders_and_files_and_names_the_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let staging = dir.path().join(".out.staging-7");
        std::fs::create_dir_all(staging.join("charts")).unwrap();
        std::fs::write(staging.join("charts/a.png"), "x").unwrap();
        let tmp = dir.path().join(".model.json.x.tmp");
        std::fs::write(&tmp, "{").unwrap();
        let keep = dir.path().join("keep.txt");
        std::fs::write(&keep, "mine").unwrap();
        let list = [
            Entry {
                id: 1,
                path: staging.clone(),
                kind: Kind::Staging {
                    target: dir.path().join("out"),
                },
            },
            Entry {
                id: 2,
                path: tmp.clone(),
                kind: Kind::File,
            },
            Entry {
                id: 3,
                path: dir.path().join("gone.tmp"),
                kind: Kind::File,
            },
        ];
        assert_eq!(remove(&list), [dir.path().join("out")]);
        assert!(!staging.exists() && !tmp.exists());
        assert_eq!(std::fs::read_to_string(&keep).unwrap(), "mine", "nothing else touched");
    }
}
