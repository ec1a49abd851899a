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
    stale_outputs_but(out, "")
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

/// Review finding J5: `chart` stopped midway (Ctrl-C, kill -9, an error) left some charts
/// redrawn with the new options and others not, beside a run.json with the old hashes: each
/// PNG was written in place and run.json last. Now the new charts and run.json are staged
/// and swapped in together. A signal cannot be timed in a test, so a failure is injected
/// between files: one chart's path is a folder, so its write fails after the others' (they
/// are drawn in parallel and all written before the error is reported).
#[test]
fn a_chart_stopped_midway_leaves_the_folder_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run_fixtures(tmp.path(), &out);
    let fault = "charts/voice_vs_quoted.png";
    std::fs::remove_file(out.join(fault)).unwrap();
    std::fs::create_dir_all(out.join(fault).join("inside")).unwrap();
    let before = common::tree(&out);
    let o = framescope(tmp.path())
        .args(["chart", "--max-articles", "2", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("voice_vs_quoted.png"), "{err}");
    assert_eq!(common::tree(&out), before, "the folder changed");
    let stale: Vec<_> = stale_outputs_but(&out, fault);
    assert_eq!(stale, vec![], "run.json does not describe the folder");
    // Nothing of the job is left beside the folder.
    let left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out"))
        .collect();
    assert_eq!(left, Vec::<String>::new());
    // Without the fault the same command redraws and records every chart.
    std::fs::remove_dir_all(out.join(fault)).unwrap();
    framescope(tmp.path())
        .args(["chart", "--max-articles", "2", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(out.join(fault).is_file());
    assert_eq!(stale_outputs(&out), vec![]);
}

/// [`stale_outputs`] but for `skip` (a file made unreadable on purpose; "" skips none).
fn stale_outputs_but(out: &Path, skip: &str) -> Vec<(String, String, String)> {
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
        .filter(|(p, _)| p != skip)
        .map(|(p, h)| {
            let actual = common::sha256(&out.join(&p));
            (p, h, actual)
        })
        .filter(|(_, h, actual)| h != actual)
        .collect()
}

/// Rewrite one cell of `out/scores.csv`: `row` counts data rows from 0, `column` by name.
fn edit_score(out: &Path, row: usize, column: &str, value: &str) {
    let path = out.join("scores.csv");
    let mut r = csv::Reader::from_path(&path).unwrap();
    let header = r.headers().unwrap().clone();
    let col = header.iter().position(|c| c == column).unwrap();
    let mut rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    rows[row] = rows[row]
        .iter()
        .enumerate()
        .map(|(i, c)| if i == col { value } else { c })
        .collect();
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(&header).unwrap();
    for rec in &rows {
        w.write_record(rec).unwrap();
    }
    w.flush().unwrap();
}

/// (exit code, stderr) of `framescope ARGS --out out` in `dir`.
fn job(dir: &Path, args: &[&str], out: &Path) -> (Option<i32>, String) {
    let o = framescope(dir).args(args).arg("--out").arg(out).output().unwrap();
    (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// Review finding J6: a hand-edited scores.csv was drawn, reported and inspected without a
/// word — `NaN` and `1e308` scores stretched the chart's axis and showed as NaN and inf in
/// the report. A score that no run writes is refused (by line and column), and a table
/// changed since run.json recorded it is noted, as `diff` notes it.
#[test]
fn chart_report_and_inspect_refuse_impossible_scores_and_note_an_edited_table() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let out = d.join("out");
    run_fixtures(d, &out);
    let id = common::table(&out.join("scores.csv"))[0]["id"].clone();
    // In range, but not what the run wrote: noted by each job, which goes on.
    edit_score(&out, 0, "framing_score", "0.5");
    let note = "out: scores.csv changed since its run.json recorded it (edited, truncated or replaced)";
    for (args, how) in [
        (vec!["chart"], "drawn"),
        (vec!["report"], "reported"),
        (vec!["inspect", id.as_str()], "read"),
    ] {
        let (code, err) = job(d, &args, &out);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(
            err.contains("framescope: note: ") && err.contains(note),
            "{args:?}: {err}"
        );
        assert!(err.contains(&format!("{how} as it is now")), "{args:?}: {err}");
    }
    for (row, column, value) in [
        (0, "framing_score", "NaN"),
        (1, "score_high", "1e308"),
        (1, "voice_score", "-1.5"),
        (0, "share_kremlin", "inf"),
    ] {
        edit_score(&out, row, column, value);
        let edited = common::tree(&out);
        let range = if column.starts_with("share") {
            "a share from 0 to 1"
        } else {
            "a score from -1 to 1"
        };
        let want = format!("scores.csv:{}: {column}: \"{value}\" is not {range}", row + 2);
        for args in [vec!["chart"], vec!["report"], vec!["inspect", id.as_str()]] {
            let (code, err) = job(d, &args, &out);
            assert_eq!(code, Some(2), "{args:?}: {err}");
            assert!(err.contains(&want), "{args:?}: want {want}: {err}");
            assert_eq!(common::tree(&out), edited, "{args:?} changed the folder");
        }
        edit_score(&out, row, column, "0.25");
    }
}

/// Review finding J7: a cell that does not parse was named by the csv crate's record number
/// and 0-based field number. Now by the file line (the header is line 1) and column name.
#[test]
fn a_cell_that_does_not_parse_is_named_by_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let out = d.join("out");
    run_fixtures(d, &out);
    let id = common::table(&out.join("scores.csv"))[0]["id"].clone();
    // An intact run beside it: `diff`'s other side, and where `inspect` once sent the user
    // instead of naming the bad cell (review Q, session 54).
    let intact = d.join("output");
    common::copy_tree(&out, &intact);
    // Data row 2 is file line 4. An optional number (the interval) is empty or a number:
    // `abc` there was read as no interval, with exit 0 (review Q).
    for column in ["framing_score", "score_low"] {
        edit_score(&out, 2, column, "abc");
        let diff = d.join("diff");
        let diff_args = ["diff", intact.to_str().unwrap(), out.to_str().unwrap()];
        for (args, folder) in [
            (vec!["chart"], &out),
            (vec!["report"], &out),
            (vec!["inspect", id.as_str()], &out),
            (diff_args.to_vec(), &diff),
        ] {
            let (code, err) = job(d, &args, folder);
            assert_eq!(code, Some(2), "{args:?}: {err}");
            let want = format!(
                "framescope: error: {}:4: {column}: invalid float literal \"abc\"\n",
                out.join("scores.csv").display()
            );
            assert!(err.ends_with(&want), "{args:?}: want {want}: {err}");
        }
        edit_score(&out, 2, column, "0.25");
    }
}
