//! Checks before anything is written: an output never lands on an input, and is never a
//! device, a pipe, a socket or a symbolic link.
//!
//! Symbolic links are refused as write targets (`--model link.json`, `--out link-to-dir`):
//! framescope replaces outputs by renaming, which would replace the link itself rather than
//! what it points to, and following it would write somewhere the command line does not
//! name. Links in the folders *above* a target are resolved as usual.

use crate::error::{Error, Result};
use std::fs::FileType;
use std::path::{Component, Path, PathBuf};

fn refuse(path: &Path, message: impl Into<String>) -> Error {
    Error::Output {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// The folder a path lies in: its parent, the current folder for a bare name.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// What a non-regular file is, for messages.
pub fn kind_of(ft: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    if ft.is_symlink() {
        "a symbolic link"
    } else if ft.is_dir() {
        "a folder"
    } else if ft.is_file() {
        "a file"
    } else {
        "not a regular file"
    }
}

/// A file about to be written (a model): absent, or a regular file.
pub fn check_file_target(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        // Absent, or its folder is unusable: creating that folder reports it.
        Err(_) => Ok(()),
        Ok(m) if m.file_type().is_file() => Ok(()),
        Ok(m) if m.file_type().is_symlink() => Err(refuse(
            path,
            "is a symbolic link: give the path of the file itself (outputs are replaced by renaming, which would replace the link)",
        )),
        Ok(m) => Err(refuse(
            path,
            format!("cannot write here: it is {}, not a regular file", kind_of(&m.file_type())),
        )),
    }
}

/// A file a model is saved over: absent, empty, or a framescope model (every model.json
/// opens with `{"format_version"`). Anything else — a table, a Parquet corpus, notes — is
/// refused before the work: the save would move it aside as a "previous model" under a
/// `.json` name (review finding, session 28: `model.save("corpus.parquet")` did).
pub fn check_model_target(path: &Path) -> Result<()> {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(());
    };
    let mut head = Vec::with_capacity(256);
    if file.take(256).read_to_end(&mut head).is_err() {
        return Ok(());
    }
    let text = String::from_utf8_lossy(&head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let is_model = text
        .strip_prefix('{')
        .is_some_and(|rest| rest.trim_start().starts_with("\"format_version\""));
    if text.is_empty() || is_model {
        return Ok(());
    }
    Err(refuse(
        path,
        "exists and is not a framescope model (a model.json opens with {\"format_version\"…): a model replaces only a model; give another path",
    ))
}

/// A folder about to be replaced by a job's outputs: absent, or a real folder that does not
/// hold the current directory.
pub fn check_dir_target(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(refuse(path, format!("cannot use as output folder: {e}"))),
        Ok(m) if m.file_type().is_dir() => {}
        Ok(m) if m.file_type().is_symlink() => {
            return Err(refuse(
                path,
                "cannot use as output folder: it is a symbolic link; give the folder's real path",
            ))
        }
        Ok(m) => {
            let what = match kind_of(&m.file_type()) {
                "a file" => "a file, not a folder",
                k => k,
            };
            return Err(refuse(path, format!("cannot use as output folder: it is {what}")));
        }
    }
    let here = std::env::current_dir().ok().and_then(|d| d.canonicalize().ok());
    if let Some(here) = here {
        if here.starts_with(resolve(path)) {
            return Err(refuse(
                path,
                "cannot use as output folder: it holds the current directory, and an output folder is replaced as a whole; give a folder of its own (e.g. `output`)",
            ));
        }
    }
    Ok(())
}

/// Whether `path` is an existing folder on another file system than its parent: a mount
/// point (a container's volume, a USB or network drive). Nothing can be renamed across it.
pub fn mount_point(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let real = resolve(path);
    let (Ok(m), Some(parent)) = (std::fs::metadata(&real), real.parent()) else {
        return false;
    };
    if !m.is_dir() {
        return false;
    }
    // A bind mount of a folder of the same disk has the same device number, and a rename
    // across it fails all the same (review, session 45): its mount id differs.
    std::fs::metadata(parent).is_ok_and(|p| p.dev() != m.dev())
        || matches!((mount_id(&real), mount_id(parent)), (Some(a), Some(b)) if a != b)
}

/// The id of the mount `path` is on (`statx`'s `STATX_MNT_ID`, Linux 5.8 and later).
#[cfg(target_os = "linux")]
fn mount_id(path: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    // SAFETY: a valid NUL-terminated path and a zeroed statx buffer, both live for the call.
    unsafe {
        let mut buf: libc::statx = std::mem::zeroed();
        let rc = libc::statx(libc::AT_FDCWD, c.as_ptr(), 0, libc::STATX_MNT_ID, &mut buf);
        (rc == 0 && buf.stx_mask & libc::STATX_MNT_ID != 0).then_some(buf.stx_mnt_id)
    }
}

#[cfg(not(target_os = "linux"))]
fn mount_id(_: &Path) -> Option<u64> {
    None
}

/// A folder that this process cannot move out of the way (only rename it): a mount point, or
/// another user's folder in a sticky parent (`/tmp`, a team share), where only the owner may
/// rename it. `run` and `score` replace their folder by a rename at the very end, so they
/// check this before any work (review, session 45: an hour's run ended in "Device or resource
/// busy").
pub fn check_movable(path: &Path) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    if mount_point(path) {
        return Err(refuse(
            path,
            "cannot use as output folder: it is a mount point (another disk or volume), and an output folder is replaced as a whole by a rename, which cannot move a mount point; give a folder inside it, e.g. --out <mount>/run1",
        ));
    }
    let real = resolve(path);
    let (Ok(m), Some(parent)) = (std::fs::symlink_metadata(&real), real.parent()) else {
        return Ok(());
    };
    let Ok(pm) = std::fs::metadata(parent) else {
        return Ok(());
    };
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    let sticky = pm.mode() & 0o1000 != 0;
    // A folder with no write permission for anyone is its owner's "leave this alone": the
    // swap would replace it all the same (a rename needs the parent's permission, not its
    // own), and an identical rerun, which deletes the new copy instead, could not empty it and
    // left it hidden beside it (review, session 48).
    if m.is_dir() && m.mode() & 0o222 == 0 {
        return Err(refuse(
            path,
            format!(
                "cannot use as output folder: it is read-only (mode {:o}), and an output folder is replaced as a whole; make it writable (chmod u+w) or give another folder",
                m.mode() & 0o7777
            ),
        ));
    }
    if sticky && me != 0 && m.uid() != me && pm.uid() != me {
        return Err(refuse(
            path,
            "cannot use as output folder: it belongs to another user and its parent folder is sticky (as /tmp is), so only its owner may replace it; give a folder of your own",
        ));
    }
    Ok(())
}

/// An absolute path with every existing ancestor's links resolved (the target itself need
/// not exist; a link as the last component is not followed).
pub fn resolve(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut clean = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                clean = clean.canonicalize().unwrap_or(clean);
                clean.pop();
            }
            Component::CurDir => {}
            c => clean.push(c),
        }
    }
    let (Some(parent), Some(name)) = (clean.parent(), clean.file_name()) else {
        return clean;
    };
    // The deepest existing ancestor, canonicalised, with the rest appended.
    let mut rest = vec![name.to_os_string()];
    let mut base = parent.to_path_buf();
    loop {
        if let Ok(c) = base.canonicalize() {
            let mut out = c;
            out.extend(rest.iter().rev());
            return out;
        }
        match (base.parent(), base.file_name()) {
            (Some(p), Some(n)) => {
                rest.push(n.to_os_string());
                base = p.to_path_buf();
            }
            _ => return clean,
        }
    }
}

/// Refuse an output that lies inside another job's output folder (one of its ancestors,
/// not `folder` itself, holds a `run.json`): that folder is replaced as a whole by its next
/// run, which would carry this job's files away, or refuse to replace a folder holding
/// files no job of its own wrote. `folder`: the output folder, or the folder of an output
/// file.
pub fn check_not_inside_job_folder(output: &Path, folder: &Path) -> Result<()> {
    let here = resolve(Path::new("."));
    for above in resolve(folder).ancestors().skip(1) {
        if written_by_framescope(&above.join("run.json")) {
            let shown = match above.strip_prefix(&here) {
                Ok(p) if p.as_os_str().is_empty() => Path::new("."),
                Ok(p) => p,
                Err(_) => above,
            };
            return Err(refuse(
                output,
                format!(
                    "lies inside the output folder {} of another job (it holds run.json), which is replaced as a whole when that job runs again; choose an output outside it",
                    shown.display()
                ),
            ));
        }
    }
    Ok(())
}

/// Whether `path` is a run.json framescope wrote (its first key, `tool`, names it), not
/// another program's file of that name in a folder above.
fn written_by_framescope(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 256];
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let n = f.read(&mut head).unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..n]);
    let compact: String = head.split_whitespace().collect();
    compact.starts_with("{\"tool\":\"framescope\"")
}

/// Refuse an output that is an input, lies inside an input folder, or (for an output
/// folder) holds an input.
pub fn check_not_input(output: &Path, output_is_dir: bool, inputs: &[PathBuf]) -> Result<()> {
    let out = resolve(output);
    for input in inputs.iter().filter(|p| p.as_os_str() != "-") {
        let Ok(inp) = input.canonicalize() else { continue };
        let inp_is_dir = inp.is_dir();
        if out == inp || out == resolve(input) {
            return Err(refuse(
                output,
                format!(
                    "is an input ({}): writing there would destroy it; choose another output",
                    input.display()
                ),
            ));
        }
        if inp_is_dir && out.starts_with(&inp) {
            return Err(refuse(
                output,
                format!(
                    "lies inside the input folder {}: a job reading that folder would read the outputs as its input; choose an output outside it",
                    input.display()
                ),
            ));
        }
        if output_is_dir && inp.starts_with(&out) {
            return Err(refuse(
                output,
                format!(
                    "the input {} lies inside this output folder, which is replaced as a whole; move the input or choose another output",
                    input.display()
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_on_or_around_inputs_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("in/sub")).unwrap();
        std::fs::write(d.join("in/a.txt"), "x").unwrap();
        let inputs = vec![d.join("in")];
        let msg = |o: &str, is_dir| {
            check_not_input(&d.join(o), is_dir, &inputs)
                .map(|_| String::new())
                .unwrap_or_else(|e| e.to_string())
        };
        assert!(msg("in/a.txt", false).contains("lies inside the input folder"));
        assert!(msg("in/sub/../model.json", false).contains("lies inside the input folder"));
        assert!(msg("in", true).contains("is an input"));
        assert!(msg(".", true).contains("lies inside this output folder"));
        assert_eq!(msg("out", true), "");
        let file_in = vec![d.join("in/a.txt")];
        assert!(check_not_input(&d.join("in/./a.txt"), false, &file_in)
            .unwrap_err()
            .to_string()
            .contains("is an input"));
    }

    #[cfg(unix)]
    #[test]
    fn fifos_symlinks_and_files_as_targets() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("p");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let e = check_file_target(&fifo).unwrap_err().to_string();
        assert!(e.contains("named pipe (FIFO), not a regular file"), "{e}");
        std::fs::write(dir.path().join("f"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("f"), dir.path().join("l")).unwrap();
        assert!(check_file_target(&dir.path().join("l"))
            .unwrap_err()
            .to_string()
            .contains("symbolic link"));
        assert!(check_file_target(&dir.path().join("f")).is_ok());
        assert!(check_file_target(&dir.path().join("new")).is_ok());
        assert!(check_dir_target(&dir.path().join("f"))
            .unwrap_err()
            .to_string()
            .contains("a file, not a folder"));
    }
}
