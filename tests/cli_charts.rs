//! The real binary: `run` on the fixture articles draws the charts and writes
//! similarity.csv; `chart` re-draws identical charts from the output folder alone, with an
//! empty fontconfig (text comes from the embedded DejaVu font).

mod common;

use common::framescope_without_fonts as framescope;
use std::path::{Path, PathBuf};

const CHARTS: &[&str] = &[
    "framing_scores.png",
    "sentence_shares.png",
    "framing_arc.png",
    "similarity.png",
    "top_terms.png",
    "lexicon_hits.png",
    "voice_vs_quoted.png",
    // The comparator's: run computes own text (the fixtures have no outlets, so no outlets.png).
    "own_text.png",
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/charts")
}

fn title_dark_pixels(path: &Path) -> usize {
    let img = image::open(path).unwrap().to_rgb8();
    assert!(img.width() >= 1600 && img.height() >= 1000);
    (30..700)
        .flat_map(|x| (15..65).map(move |y| (x, y)))
        .filter(|&(x, y)| img.get_pixel(x, y).0.iter().all(|&c| c < 90))
        .count()
}

/// `run` on the chart fixtures into `out`.
fn run_fixtures(dir: &Path, out: &Path) {
    framescope(dir)
        .args(["run", "--seeds"])
        .arg(fixtures())
        .arg("--out")
        .arg(out)
        .assert()
        .success();
}

#[test]
fn run_then_chart_renders_the_same_charts() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run_fixtures(tmp.path(), &out);
    let charts = out.join("charts");
    let first: Vec<Vec<u8>> = CHARTS.iter().map(|f| std::fs::read(charts.join(f)).unwrap()).collect();
    for f in CHARTS {
        assert!(title_dark_pixels(&charts.join(f)) > 200, "{f}: no title text");
    }
    let run_json = std::fs::read_to_string(out.join("run.json")).unwrap();
    assert!(run_json.contains("similarity.csv") && run_json.contains("framing_arc.png"));

    // The two wire articles share three sentences: their pair is the most similar one.
    let mut r = csv::Reader::from_path(out.join("similarity.csv")).unwrap();
    let ids: Vec<String> = r.headers().unwrap().iter().skip(1).map(String::from).collect();
    let rows: Vec<Vec<f64>> = r
        .records()
        .map(|rec| rec.unwrap().iter().skip(1).map(|v| v.parse().unwrap()).collect())
        .collect();
    let (w1, w2) = (
        ids.iter().position(|i| i == "w1_wire_report").unwrap(),
        ids.iter().position(|i| i == "w2_wire_rewrite").unwrap(),
    );
    for i in 0..ids.len() {
        assert!((rows[i][i] - 1.0).abs() < 1e-6);
        for j in 0..ids.len() {
            assert_eq!(rows[i][j], rows[j][i]);
            if i != j && (i, j) != (w1, w2) && (i, j) != (w2, w1) {
                assert!(rows[w1][w2] > rows[i][j] + 0.2, "{} {}: {}", ids[i], ids[j], rows[i][j]);
            }
        }
    }

    std::fs::remove_dir_all(&charts).unwrap();
    framescope(tmp.path())
        .args(["chart", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicates::str::contains("wrote 8 chart(s)"));
    for (f, before) in CHARTS.iter().zip(&first) {
        let after = std::fs::read(charts.join(f)).unwrap();
        assert!(&after == before, "{f}: `chart` output differs from `run`");
    }
}

#[test]
fn chart_without_scores_fails_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    framescope(tmp.path())
        .args(["chart", "--out"])
        .arg(tmp.path())
        .assert()
        .failure()
        .stderr(predicates::str::contains("scores.csv"));
}

/// Audit finding (session 24): `chart` on a folder whose sentences.csv does not read printed
/// the CSV error as a plain line, drew 7 charts, exited 0 and left the earlier
/// framing_arc.png beside them. It is an error now (as for `report`); a chart not drawn
/// (sentences.csv gone) no longer stays from an earlier drawing; and a `score` folder's
/// top_terms.png is drawn from the model its run.json names.
#[test]
fn chart_refuses_a_broken_table_and_leaves_no_stale_chart() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let out = d.join("out");
    run_fixtures(d, &out);
    let arc = out.join("charts/framing_arc.png");
    assert!(arc.is_file());
    let sentences = out.join("sentences.csv");
    let good = std::fs::read_to_string(&sentences).unwrap();
    let header = good.lines().next().unwrap();
    std::fs::write(&sentences, format!("{header}\na,b,c\n")).unwrap();
    framescope(d)
        .args(["chart", "--out"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("sentences.csv"));
    std::fs::remove_file(&sentences).unwrap();
    framescope(d)
        .args(["chart", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicates::str::contains("skipped framing_arc.png"));
    assert!(!arc.exists(), "a chart of the earlier drawing stayed");
    // A score folder: top_terms.png from the model run.json names.
    framescope(d)
        .args(["score", "--model"])
        .arg(out.join("model.json"))
        .arg("--out")
        .arg(d.join("scored"))
        .arg(fixtures())
        .assert()
        .success();
    framescope(d)
        .args(["chart", "--out"])
        .arg(d.join("scored"))
        .assert()
        .success();
    assert!(d.join("scored/charts/top_terms.png").is_file());
    // That model changed since (a retrain): left out, and the reason given is that one
    // (session 28: it also said "no model weights (model.json missing)").
    let mut m = std::fs::read_to_string(out.join("model.json")).unwrap();
    m.push('\n');
    std::fs::write(out.join("model.json"), m).unwrap();
    let o = framescope(d)
        .args(["chart", "--out"])
        .arg(d.join("scored"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("skipped top_terms.png: the model ") && err.contains("has changed since it scored these articles"),
        "{err}"
    );
    assert!(!err.contains("model.json missing"), "{err}");
    assert!(!d.join("scored/charts/top_terms.png").exists());
}

/// `run.json`'s `model_sha256` is the sha256 of `model.json`'s bytes (README, Outputs). `score`
/// recorded the hash of the model serialised again, so a model an editor had reformatted,
/// unchanged, was taken by `chart` and `report` for one that had changed since it scored
/// (session 29). Now the bytes read are hashed, and only a change of bytes is a change.
#[test]
fn a_reformatted_model_is_hashed_by_its_bytes_and_not_taken_for_a_changed_one() {
    use sha2::{Digest, Sha256};
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let out = d.join("out");
    run_fixtures(d, &out);
    // The same model, re-indented by another tool: every value kept, other bytes.
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("model.json")).unwrap()).unwrap();
    let edited = d.join("edited.json");
    std::fs::write(&edited, serde_json::to_string(&value).unwrap()).unwrap();
    let bytes = std::fs::read(&edited).unwrap();
    assert_ne!(bytes, std::fs::read(out.join("model.json")).unwrap());
    framescope(d)
        .args(["score", "--model"])
        .arg(&edited)
        .arg("--out")
        .arg(d.join("scored"))
        .arg(fixtures())
        .assert()
        .success();
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("scored/run.json")).unwrap()).unwrap();
    assert_eq!(run["model_sha256"], format!("{:x}", Sha256::digest(&bytes)).as_str());
    let o = framescope(d)
        .args(["report", "--out"])
        .arg(d.join("scored"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("has changed"), "{err}");
    let o = framescope(d)
        .args(["chart", "--out"])
        .arg(d.join("scored"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("has changed"), "{err}");
    assert!(d.join("scored/charts/top_terms.png").is_file(), "{err}");
}

/// run.json's `outputs` hashes, checked against the files: (path, recorded, actual).
fn stale_outputs(out: &Path) -> Vec<(String, String, String)> {
    let run: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    run["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["path"].as_str().unwrap().to_string(),
                o["sha256"].as_str().unwrap().to_string(),
            )
        })
        .map(|(p, h)| {
            let actual = common::sha256(&out.join(&p));
            (p, h, actual)
        })
        .filter(|(_, h, actual)| h != actual)
        .collect()
}

/// Review finding (session 44): `chart` and `report` rewrote files of a job's folder and left
/// run.json listing the old hashes (and a `score` folder's report and charts not at all).
#[test]
fn chart_and_report_keep_run_json_true_of_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run_fixtures(tmp.path(), &out);
    assert_eq!(stale_outputs(&out), vec![]);
    let before = std::fs::read(out.join("charts/framing_scores.png")).unwrap();
    framescope(tmp.path())
        .args(["chart", "--max-articles", "4", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert_ne!(std::fs::read(out.join("charts/framing_scores.png")).unwrap(), before);
    assert_eq!(stale_outputs(&out), vec![]);
    let run: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    let by = run["rewritten_by"].as_array().unwrap();
    assert_eq!(by.len(), 1);
    assert!(
        by[0].as_array().unwrap().iter().any(|a| a == "--max-articles"),
        "{by:?}"
    );

    // A `score` folder: the report and the charts it did not draw are added to its record.
    let scored = tmp.path().join("scored");
    framescope(tmp.path())
        .args(["score", "--model"])
        .arg(out.join("model.json"))
        .arg("--out")
        .arg(&scored)
        .arg(fixtures())
        .assert()
        .success();
    for cmd in ["report", "chart"] {
        framescope(tmp.path())
            .args([cmd, "--out"])
            .arg(&scored)
            .assert()
            .success();
    }
    assert_eq!(stale_outputs(&scored), vec![]);
    let listed = std::fs::read_to_string(scored.join("run.json")).unwrap();
    assert!(
        listed.contains("\"report.html\"") && listed.contains("\"charts/framing_scores.png\""),
        "{listed}"
    );
}
