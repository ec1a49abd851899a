//! The real binary: `run` writes report.html; `report` rebuilds the same page from the output
//! folder; article markup stays escaped; nothing external is referenced.

mod common;

use std::path::Path;

#[test]
fn run_writes_the_report_and_report_rebuilds_it_identically() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/charts");
    common::bin()
        .current_dir(tmp.path())
        .args(["--quiet", "run", "--seeds"])
        .arg(&fixtures)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let page = out.join("report.html");
    let first = std::fs::read_to_string(&page).unwrap();
    let n = std::fs::read_dir(&fixtures).unwrap().count();
    assert_eq!(first.matches("<article class=\"art\"").count(), n);
    assert!(first.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!first.contains("<script>alert"));
    // All eight charts of the run, own_text.png included.
    assert_eq!(first.matches("src=\"data:image/png;base64,").count(), 8);
    assert!(first.contains("alt=\"own_text.png\""));
    assert!(!first.contains("src=\"http") && !first.contains("href=\"http"));
    let run_json = std::fs::read_to_string(out.join("run.json")).unwrap();
    assert!(run_json.contains("report.html"));

    std::fs::remove_file(&page).unwrap();
    common::bin()
        .current_dir(tmp.path())
        .args(["--quiet", "report", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&page).unwrap() == first,
        "`report` differs from `run`"
    );
}
