//! Helpers shared by the integration tests (each test file says `mod common;`): the real
//! binary, run in a folder of the test's own.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::Path;

/// The framescope binary, as built for these tests.
pub fn bin() -> Command {
    Command::cargo_bin("framescope").unwrap()
}

/// The binary run in `dir` with `--quiet` (no progress bars or status lines to wade through).
pub fn framescope(dir: &Path) -> Command {
    let mut c = bin();
    c.current_dir(dir).arg("--quiet");
    c
}

/// [`framescope`] with an empty font configuration in `dir`, so charts are drawn with the
/// bundled font only, as on a machine without fonts.
pub fn framescope_without_fonts(dir: &Path) -> Command {
    let fc = dir.join("empty-fonts.conf");
    std::fs::write(&fc, "<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n").unwrap();
    let mut c = framescope(dir);
    c.env("FONTCONFIG_FILE", &fc).env("FONTCONFIG_PATH", dir);
    c
}

/// sha256 of a file, in hex.
pub fn sha256(p: &Path) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(std::fs::read(p).unwrap()))
}

/// (path relative to `dir`, sha256) of every file under `dir`, sorted: a folder's contents
/// byte for byte, to compare before and after.
pub fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.push((rel, sha256(&p)));
            }
        }
    }
    out.sort();
    out
}

/// Copy a folder and everything under it.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A CSV as rows of column → value.
pub fn table(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let h = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            h.iter()
                .zip(rec.iter())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}
