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
