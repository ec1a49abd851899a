//! The README's images in `docs/` are what `framescope run` draws on the seeds today: a change
//! that moves the seeds' scores (or a chart) must regenerate them with
//! `scripts/docs-images.sh`, or this test fails. Charts are byte-identical for the same
//! inputs, so the comparison is exact.

use assert_cmd::Command;
use std::path::Path;

/// The images the README shows.
const DOCS_IMAGES: &[&str] = &["framing_scores.png", "similarity.png", "voice_vs_quoted.png"];

#[test]
fn docs_images_match_a_fresh_run_on_the_seeds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    Command::cargo_bin("framescope")
        .unwrap()
        .current_dir(root)
        .args(["--quiet", "run", "--seeds", "seeds", "--out"])
        .arg(&out)
        .assert()
        .success();
    let stale: Vec<&str> = DOCS_IMAGES
        .iter()
        .copied()
        .filter(|f| {
            let fresh = std::fs::read(out.join("charts").join(f)).unwrap();
            std::fs::read(root.join("docs").join(f)).ok() != Some(fresh)
        })
        .collect();
    assert!(
        stale.is_empty(),
        "docs/{stale:?} differ from a fresh run on the seeds: regenerate them with scripts/docs-images.sh"
    );
    // Every image the README embeds is checked here.
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    for line in readme.lines().filter(|l| l.starts_with("![") && l.contains("(docs/")) {
        let file = line.split("(docs/").nth(1).and_then(|r| r.split(')').next()).unwrap();
        assert!(
            DOCS_IMAGES.contains(&file),
            "README shows docs/{file}, which this test does not check"
        );
    }
}
