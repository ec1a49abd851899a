//! A lock on an output (a folder or a model file) so two jobs never write it at once.
//!
//! The lock is `.<name>.lock` beside the target, held with `flock(2)`: the kernel releases it
//! when the holding process ends, however it ends (SIGKILL included), so a lock file left by
//! a killed job is stale by construction and the next job simply takes it over. The file
//! holds a one-line description of the holder (pid, host, command, start time), which a
//! second job prints in its error. Hand-written on `libc::flock` because std's
//! `File::try_lock` needs Rust 1.89 and this crate supports 1.80.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// Held while a job writes `target`; released (and its file removed) on drop.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    file: File,
    /// On the list a signal empties (a lock file is no output).
    _left: super::leftovers::Registration,
}

/// `.<name>.lock` beside `target`.
pub fn lock_path(target: &Path) -> PathBuf {
    // Named as the staging folders are ([`crate::corpus::file_id`]: bytes that are not UTF-8
    // as `\xNN`): two folders whose names differ only in such bytes had one lock, decoded
    // lossily (review, session 45).
    let name = target
        .file_name()
        .map(crate::corpus::file_id)
        .unwrap_or_else(|| "output".into());
    target.with_file_name(format!(".{name}.lock"))
}

/// How a lock file written by this process begins: `pid 123 on host h:`.
fn self_prefix() -> String {
    format!("pid {} on host {}:", std::process::id(), hostname())
}

/// Who holds a lock: `pid 123 on host h: framescope run --out o (since 2026-…Z)`.
fn describe_self() -> String {
    // `args_os`, decoded lossily: `std::env::args` panics on an argument that is not UTF-8
    // (a file name such as `caf\xE9.txt`).
    let args: Vec<String> = std::env::args_os()
        .map(|a| crate::report::escape_control(&a.to_string_lossy()).into_owned())
        .collect();
    format!(
        "{} {} (since {})",
        self_prefix(),
        args.join(" "),
        humantime::format_rfc3339_seconds(std::time::SystemTime::now())
    )
}

fn hostname() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname NUL-terminates within it.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return "unknown".into();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

#[cfg(unix)]
fn try_flock(f: &File) -> std::io::Result<bool> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: a valid open file descriptor.
    let rc = unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
        Ok(false)
    } else {
        Err(e)
    }
}

#[cfg(unix)]
fn same_file(f: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (f.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Open (or create) the lock file itself, never what a planted link leads to: a symbolic
/// link or a hard link at the lock's path had the job truncate and write its target — an
/// input article among them (review, session 30). So the open does not follow a symbolic
/// link, and a file that is not a regular file of its own (another name for some file) is
/// refused before anything is written to it.
fn open_own(path: &Path) -> Result<File> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    let refuse = |what: &str| {
        Error::Output {
        path: path.to_path_buf(),
        message: format!(
            "the lock file is {what}, which framescope will not write through: remove it (`rm {}`) if no framescope job is running",
            path.display()
        ),
    }
    };
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => refuse("a symbolic link"),
            Some(libc::EISDIR) => refuse("a folder"),
            // Review, session 48: `.o.lock: Permission denied`, a file the user never named.
            Some(libc::EACCES) | Some(libc::EPERM) | Some(libc::EROFS) => Error::Output {
                path: path.to_path_buf(),
                message: format!(
                    "cannot create the lock file that keeps two jobs out of one output folder ({}): write access to the folder it is in is needed",
                    e.kind()
                ),
            },
            _ => Error::io(path, e),
        })?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(refuse("not a regular file"));
    }
    if meta.nlink() > 1 {
        return Err(refuse("a hard link (another name of a file)"));
    }
    Ok(file)
}

impl Lock {
    /// Take the lock on `target`, or fail at once naming the job that holds it.
    pub fn acquire(target: &Path) -> Result<Lock> {
        let path = lock_path(target);
        let io = |e| Error::io(&path, e);
        loop {
            let mut file = open_own(&path)?;
            if !try_flock(&file).map_err(io)? {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                // This process holds it: another thread's call (the Python package saving two
                // models into one folder from two threads; review, session 47, where the
                // message named "another framescope job" with the caller's own pid).
                let ours = self_prefix();
                return Err(Error::Locked {
                    path: target.to_path_buf(),
                    holder: if holder.is_empty() {
                        format!("lock file {}", path.display())
                    } else if holder.starts_with(&ours) {
                        format!("{holder}; that is this process: a call running on another thread, which writes into the same folder")
                    } else {
                        holder.to_string()
                    },
                });
            }
            // The holder before us may have removed the file between our open and our lock:
            // then we locked an orphan, and must start again on the file now at that path.
            if !same_file(&file, &path) {
                continue;
            }
            file.set_len(0).map_err(io)?;
            file.rewind().map_err(io)?;
            writeln!(file, "{}", describe_self()).map_err(io)?;
            file.flush().map_err(io)?;
            return Ok(Lock {
                _left: super::leftovers::file(&path),
                path,
                file,
            });
        }
    }

    /// Take the lock on an output folder that a job writes into in place (`chart`,
    /// `report`): the lock `run` and `score` take, so neither writes while the other replaces
    /// the folder. `chart` during a `run` left the new folder with the old run's charts
    /// (review, session 30). `.` and `..` are locked by the folder they name.
    pub fn acquire_folder(dir: &Path) -> Result<Lock> {
        // Through a link to the folder (`chart --out alias`) the lock is the real folder's,
        // which `run --out` takes (review, session 30).
        let real = std::fs::symlink_metadata(dir)
            .is_ok_and(|m| m.file_type().is_symlink())
            .then(|| std::fs::canonicalize(dir).ok())
            .flatten();
        match (real, dir.file_name()) {
            (Some(r), _) => Lock::acquire(&r),
            (None, Some(_)) => Lock::acquire(dir),
            (None, None) => Lock::acquire(&super::guard::resolve(dir)),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked, so no other job can hold this inode meanwhile; one that
        // opened it just before sees the path changed and retries (see `acquire`).
        let _ = std::fs::remove_file(&self.path);
        let _ = &self.file;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Review finding (session 30): a link planted at the lock's path had its target
    /// truncated and overwritten with the lock's text.
    #[test]
    fn a_link_at_the_lock_path_is_refused_and_its_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("article.txt");
        std::fs::write(&victim, "An input article.\n").unwrap();
        let out = dir.path().join("out");
        std::os::unix::fs::symlink(&victim, lock_path(&out)).unwrap();
        let e = Lock::acquire(&out).unwrap_err().to_string();
        assert!(e.contains("the lock file is a symbolic link"), "{e}");
        std::fs::remove_file(lock_path(&out)).unwrap();
        std::fs::hard_link(&victim, lock_path(&out)).unwrap();
        let e = Lock::acquire(&out).unwrap_err().to_string();
        assert!(e.contains("the lock file is a hard link"), "{e}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "An input article.\n");
        std::fs::remove_file(lock_path(&out)).unwrap();
        let lock = Lock::acquire(&out).unwrap();
        assert!(lock.path().is_file());
        drop(lock);
        // Through a link to the folder, the real folder's lock (the one `run --out` takes).
        std::fs::create_dir(&out).unwrap();
        let alias = dir.path().join("alias");
        std::os::unix::fs::symlink(&out, &alias).unwrap();
        let held = Lock::acquire(&out).unwrap();
        let e = Lock::acquire_folder(&alias).unwrap_err().to_string();
        assert!(e.contains("in use by another framescope job"), "{e}");
        drop(held);
        std::fs::create_dir(lock_path(&out)).unwrap();
        let e = Lock::acquire(&out).unwrap_err().to_string();
        assert!(e.contains("the lock file is a folder"), "{e}");
    }

    #[test]
    fn a_second_lock_fails_naming_the_holder_and_a_released_lock_is_free() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        let first = Lock::acquire(&target).unwrap();
        assert_eq!(first.path(), dir.path().join(".out.lock"));
        // flock locks belong to open files, so a second open in this process conflicts too.
        let e = Lock::acquire(&target).unwrap_err().to_string();
        assert!(e.contains(&format!("pid {}", std::process::id())), "{e}");
        assert!(e.contains("in use by another framescope job"), "{e}");
        // Held by this very process: said, as a thread's call.
        assert!(
            e.contains("that is this process: a call running on another thread"),
            "{e}"
        );
        drop(first);
        assert!(!dir.path().join(".out.lock").exists());
        let again = Lock::acquire(&target).unwrap();
        drop(again);
    }

    #[test]
    fn a_lock_file_left_without_a_holder_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("m.json");
        std::fs::write(lock_path(&target), "pid 999999 on host gone: framescope train\n").unwrap();
        let l = Lock::acquire(&target).unwrap();
        let text = std::fs::read_to_string(l.path()).unwrap();
        assert!(text.starts_with(&format!("pid {} ", std::process::id())), "{text}");
    }
}
