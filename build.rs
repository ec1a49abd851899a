//! Records which source the binary was built from, for `run.json`'s `tool_build`: the git
//! commit, with `-modified` when tracked files differed from it. The version number alone
//! (0.1.0 for every commit) could not say which build produced a figure (review G, session
//! 50). Outside a git checkout (a source tarball) nothing is recorded.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn main() {
    // Rebuilt when the checkout moves to another commit or the sources change.
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        println!("cargo:rerun-if-changed={dir}/HEAD");
        println!("cargo:rerun-if-changed={dir}/index");
        println!("cargo:rerun-if-changed={dir}/packed-refs");
        // A commit moves the branch's ref, not HEAD (which names the branch).
        if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
            let common = git(&["rev-parse", "--git-common-dir"]).unwrap_or_else(|| dir.clone());
            println!("cargo:rerun-if-changed={common}/{branch}");
        }
    }
    for p in ["src", "data", "seeds", "Cargo.toml", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={p}");
    }
    let commit = git(&["rev-parse", "HEAD"]).filter(|c| !c.is_empty());
    let modified = git(&[
        "status",
        "--porcelain",
        "--untracked-files=no",
        "--",
        "src",
        "data",
        "seeds",
        "Cargo.toml",
        "Cargo.lock",
        "build.rs",
    ])
    .is_some_and(|s| !s.is_empty());
    let build = commit
        .map(|c| if modified { format!("{c}-modified") } else { c })
        .unwrap_or_default();
    println!("cargo:rustc-env=FRAMESCOPE_BUILD={build}");
}
