//! Nothing is lost: inputs are never modified, a run killed at any moment leaves only
//! complete, parseable files in its output folder (the previous complete output or the new
//! one, never a half-written file under an output name), and retraining keeps the previous
//! model as a dated backup.

mod common;

use common::{bin, tree};
use framescope::report::{load_model, read_scores, read_sentences};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// Every body line of the seed articles: the material synthetic articles are made of.
fn seed_lines() -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .lines()
                .skip(1)
                .map(str::trim)
                .filter(|l| l.split_whitespace().count() > 8)
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A deterministic JSONL corpus of `n` articles of 12 seed lines each, with an article
/// number woven in so no two are identical.
fn synthetic_jsonl(n: usize) -> String {
    let lines = seed_lines();
    let mut state: u64 = 7;
    let mut next = move |m: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % m
    };
    let mut out = String::new();
    for i in 0..n {
        let body: Vec<String> = (0..12)
            .map(|k| format!("{} Report {i} item {k} followed.", lines[next(lines.len())]))
            .collect();
        let rec = serde_json::json!({
            "id": format!("syn{i:05}"),
            "title": format!("Synthetic report {i} on the crisis"),
            "text": body.join("\n"),
        });
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    out
}

#[test]
fn inputs_are_never_modified() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let inputs = d.join("inputs");
    std::fs::create_dir_all(inputs.join("seeds")).unwrap();
    for e in std::fs::read_dir(seeds_dir()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, inputs.join("seeds").join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        inputs.join("seeds/manifest.csv"),
        "file,outlet,date\n000_d73d1625d48df82f.txt,Reuters,2022-02-18\n",
    )
    .unwrap();
    std::fs::write(inputs.join("more.jsonl"), synthetic_jsonl(20)).unwrap();
    std::fs::write(
        inputs.join("more.csv"),
        "id,title,text\nc1,T,\"The minister said talks resumed in Kyiv on Friday.\"\n",
    )
    .unwrap();
    std::fs::write(
        inputs.join("crlf.txt"),
        "Head\r\nThe minister said talks resumed in Kyiv.\r\n",
    )
    .unwrap();
    std::fs::write(inputs.join("bad.txt"), b"\x00\x01binary").unwrap();
    let lex = inputs.join("lex");
    std::fs::create_dir_all(&lex).unwrap();
    std::fs::write(
        lex.join("kremlin.txt"),
        "Kiev regime | 2\nsecurity guarantees\nNATO expansion\n",
    )
    .unwrap();
    std::fs::write(lex.join("western.txt"), "Russian invasion | 2\nKyiv\nsanctions\n").unwrap();
    let before = tree(&inputs);
    let i = |s: &str| inputs.join(s).display().to_string();
    let runs: Vec<Vec<String>> = vec![
        vec![
            "run".into(),
            "--seeds".into(),
            i("seeds"),
            "--out".into(),
            "out".into(),
            "--bootstrap".into(),
            "0".into(),
            "--lexicons".into(),
            i("lex"),
            i("more.jsonl"),
            i("more.csv"),
            i("crlf.txt"),
            i("bad.txt"),
        ],
        vec![
            "train".into(),
            "--model".into(),
            "m/model.json".into(),
            "--lexicons".into(),
            i("lex"),
            i("seeds"),
            i("more.jsonl"),
        ],
        vec![
            "score".into(),
            "--model".into(),
            "m/model.json".into(),
            "--out".into(),
            "out2".into(),
            i("seeds"),
            i("more.jsonl"),
            i("more.csv"),
        ],
        vec![
            "lexicon".into(),
            "--lexicons".into(),
            i("lex"),
            "--report".into(),
            "rep".into(),
            i("seeds"),
        ],
    ];
    for args in runs {
        let out = bin().current_dir(d).arg("--quiet").args(&args).output().unwrap();
        let code = out.status.code();
        assert!(
            matches!(code, Some(0) | Some(1)),
            "{args:?}: {code:?} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(tree(&inputs), before, "inputs changed by {args:?}");
    }
    // Outputs went only where they were asked to go.
    assert!(d.join("out/scores.csv").is_file() && d.join("out2/scores.csv").is_file());
}

/// Check every file of an output folder: outputs parse, and the only other files are the
/// hidden temp files of an interrupted atomic write (`.<name>.<random>.tmp`).
fn check_output_folder(out: &Path) -> Vec<String> {
    let mut leftovers = Vec::new();
    for e in std::fs::read_dir(out).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('.') {
            assert!(name.ends_with(".tmp"), "unexpected hidden file {name}");
            leftovers.push(name);
            continue;
        }
        assert!(!name.contains(".tmp"), "temp file under an output name: {name}");
        if p.is_dir() {
            // charts/: every PNG in it must decode.
            leftovers.extend(check_output_folder(&p));
            continue;
        }
        match name.as_str() {
            "scores.csv" => {
                read_scores(&p).unwrap_or_else(|e| panic!("{e}"));
            }
            "sentences.csv" => {
                read_sentences(&p).unwrap_or_else(|e| panic!("{e}"));
            }
            "cleaning.csv" => {
                let mut r = csv::Reader::from_path(&p).unwrap();
                let h: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
                assert_eq!(h, ["article_id", "before_paragraph", "reason", "text"]);
                for rec in r.records() {
                    assert_eq!(rec.unwrap().len(), 4);
                }
            }
            "run.json" => {
                let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
                assert_eq!(v["tool"], "framescope");
            }
            "folds.json" => {
                let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
                assert!(v["classifiers"].is_array(), "folds.json is incomplete");
            }
            n if n.ends_with(".json") => {
                load_model(&p).unwrap_or_else(|e| panic!("{e}"));
            }
            n if n.ends_with(".png") => {
                image::open(&p).unwrap_or_else(|e| panic!("{n}: {e}"));
            }
            n if n.ends_with(".csv") => {
                let mut r = csv::Reader::from_path(&p).unwrap();
                r.headers().unwrap();
                for rec in r.records() {
                    rec.unwrap();
                }
            }
            "README.md" => {
                let text = std::fs::read_to_string(&p).unwrap();
                assert_eq!(text, framescope::report::FOLDER_README, "README.md is truncated");
            }
            n if n.ends_with(".html") => {
                let html = std::fs::read_to_string(&p).unwrap();
                assert!(html.trim_end().ends_with("</html>"), "{n} is truncated");
            }
            n => panic!("unexpected file in output folder: {n}"),
        }
    }
    leftovers
}

/// When to SIGKILL a run: after a share of a full run's time, or as soon as the staging
/// folder shows a given stage of writing.
#[derive(Debug, Clone, Copy)]
enum KillAt {
    Share(f64),
    /// A hidden temp file whose name starts with this appears in the staging folder (a write
    /// in progress).
    TempOf(&'static str),
    /// The staged run.json is complete: the next step is the swap.
    StagedRunJson,
}

fn names(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The staging folder a run of `--out out` writes into (`.out.staging-<pid>`), if any.
fn staging(d: &Path) -> Option<PathBuf> {
    names(d)
        .into_iter()
        .find(|n| n.starts_with(".out.staging-"))
        .map(|n| d.join(n))
}

/// Output folders are replaced whole: a run killed at any moment leaves `out` as the
/// previous complete folder or the new complete one (never a mix, never a temp file in it);
/// what a kill leaves beside it (the staging folder, the lock file) is cleaned up or taken
/// over by the next run.
#[test]
fn a_killed_run_leaves_only_complete_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = d.join("out");
    // Big enough that a debug-build run takes a few seconds (FRAMESCOPE_KILL_N to change).
    let n = std::env::var("FRAMESCOPE_KILL_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(80);
    std::fs::write(d.join("big.jsonl"), synthetic_jsonl(n)).unwrap();
    let seeds = seeds_dir().display().to_string();
    let run = |extra: &[&str]| {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("framescope"));
        c.current_dir(d)
            .args([
                "--quiet",
                "run",
                "--seeds",
                &seeds,
                "--out",
                "out",
                "--bootstrap",
                "100",
            ])
            .args(extra)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        c
    };
    // A complete previous output (seeds only), then time a full run of the big corpus.
    assert!(run(&[]).status().unwrap().success());
    let previous = std::fs::read(out.join("scores.csv")).unwrap();
    let previous_files = names(&out);
    let t = Instant::now();
    assert!(run(&["big.jsonl"]).status().unwrap().success());
    let full = t.elapsed();
    let complete = std::fs::read(out.join("scores.csv")).unwrap();
    assert_ne!(previous, complete);
    assert!(check_output_folder(&out).is_empty());

    let points = [
        KillAt::Share(0.3),
        KillAt::Share(0.7),
        KillAt::TempOf(".scores.csv."),
        KillAt::TempOf(".model.json."),
        KillAt::TempOf(".report.html."),
        KillAt::TempOf(".run.json."),
        KillAt::StagedRunJson,
    ];
    let mut report = Vec::new();
    let mut mid_write = 0;
    for at in points {
        // Each kill starts from the complete previous output.
        assert!(run(&[]).status().unwrap().success());
        assert_eq!(std::fs::read(out.join("scores.csv")).unwrap(), previous);
        let mut child = run(&["big.jsonl"]).spawn().unwrap();
        let started = Instant::now();
        let killed = loop {
            if child.try_wait().unwrap().is_some() {
                break false; // finished before the moment came
            }
            let staged = staging(d).map(|s| names(&s)).unwrap_or_default();
            let hit = match at {
                KillAt::Share(f) => started.elapsed() >= full.mul_f64(f),
                KillAt::TempOf(prefix) => staged.iter().any(|n| n.starts_with(prefix)),
                KillAt::StagedRunJson => staged.iter().any(|n| n == "run.json"),
            };
            if hit {
                let _ = child.kill(); // SIGKILL on Unix
                break true;
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        };
        child.wait().unwrap();
        // The output folder has no temp file and no stray file: one whole run's outputs.
        assert!(check_output_folder(&out).is_empty(), "killed at {at:?}");
        let now = std::fs::read(out.join("scores.csv")).unwrap();
        let state = if now == previous {
            assert_eq!(
                names(&out).len(),
                previous_files.len(),
                "killed at {at:?}: a mixed folder"
            );
            "old folder"
        } else {
            // Not the old table: then it must be the complete new one, byte for byte.
            assert_eq!(now, complete, "killed at {at:?}: scores.csv is neither old nor new");
            "new folder"
        };
        let left = staging(d).map(|s| names(&s).len());
        mid_write += usize::from(killed && left.is_some_and(|n| n > 0));
        report.push(format!(
            "{at:?}: {} after {:?}, {state}, staging folder left with {left:?} files",
            if killed { "killed" } else { "finished" },
            started.elapsed()
        ));
    }
    eprintln!("full run {full:?}\n{}", report.join("\n"));
    assert!(mid_write > 0, "no kill landed during a write:\n{}", report.join("\n"));
    // What kills left (a staging folder, a lock file naming a dead process) does not stop
    // the next run, which completes, swaps in a complete folder and cleans up.
    assert!(run(&["big.jsonl"]).status().unwrap().success());
    assert_eq!(std::fs::read(out.join("scores.csv")).unwrap(), complete);
    assert!(check_output_folder(&out).is_empty());
    assert_eq!(staging(d), None);
    assert!(!d.join(".out.lock").exists());
}

/// Model backups: `model.<UTC time>.json` beside model.json (`.1`, `.2` … within a second).
fn backups(dir: &Path) -> Vec<PathBuf> {
    let mut b: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with("model.") && n != "model.json" && n.ends_with(".json")
        })
        .collect();
    b.sort();
    b
}

#[test]
fn retraining_keeps_the_previous_model_as_a_dated_backup() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, k, w) in [
        (
            "lex1",
            "Kiev regime | 2\nsecurity guarantees\nNATO expansion\n",
            "Russian invasion | 2\nKyiv\n",
        ),
        (
            "lex2",
            "Kiev regime\nsecurity guarantees | 3\n",
            "Russian invasion\nKyiv | 2\nsanctions\n",
        ),
    ] {
        std::fs::create_dir_all(d.join(name)).unwrap();
        std::fs::write(d.join(name).join("kremlin.txt"), k).unwrap();
        std::fs::write(d.join(name).join("western.txt"), w).unwrap();
    }
    let seeds = seeds_dir().display().to_string();
    let train = |lex: &str| {
        let out = bin()
            .current_dir(d)
            .args([
                "--quiet",
                "train",
                "--model",
                "models/model.json",
                "--lexicons",
                lex,
                &seeds,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let models = d.join("models");
    train("lex1");
    let first = std::fs::read(models.join("model.json")).unwrap();
    assert!(backups(&models).is_empty());
    // Same lexicons again: the identical model is not backed up.
    train("lex1");
    assert!(backups(&models).is_empty());
    // New lexicons: the first model is kept, byte for byte, under a dated name.
    let msg = train("lex2");
    let b = backups(&models);
    assert_eq!(b.len(), 1, "{b:?}");
    assert!(msg.contains("previous model kept as"), "{msg}");
    assert_eq!(std::fs::read(&b[0]).unwrap(), first);
    let name = b[0].file_name().unwrap().to_string_lossy().into_owned();
    // model.2026-11-23T04-05-06Z.json: an RFC 3339 UTC time with `-` for `:`.
    let stamp = name.trim_start_matches("model.").trim_end_matches(".json");
    assert_eq!(stamp.len(), 20, "{name}");
    assert!(
        stamp.ends_with('Z') && stamp.as_bytes()[10] == b'T' && !stamp.contains(':'),
        "{name}"
    );
    let second = load_model(&models.join("model.json")).unwrap();
    let old = load_model(&b[0]).unwrap();
    assert_ne!(second.lexicon.hash(), old.lexicon.hash());
    // And back again: now the second model is backed up too, and neither backup is lost.
    train("lex1");
    let b2 = backups(&models);
    assert_eq!(b2.len(), 2, "{b2:?}");
    assert!(b2.contains(&b[0]));
    assert_eq!(std::fs::read(&b[0]).unwrap(), first);
    assert_eq!(std::fs::read(models.join("model.json")).unwrap(), first);
}

/// Review, session 42: `--out output/.` did the whole job and then failed to rename its
/// staging folder onto the path as typed ("Device or resource busy"; "No such file or
/// directory" for a new folder). `DIR/.` is `DIR`: the job writes there and keeps a backup.
#[test]
fn an_out_folder_given_with_a_trailing_dot_is_that_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for _ in 0..2 {
        let out = bin()
            .current_dir(d)
            .args(["--quiet", "run", "--bootstrap", "0", "--seeds"])
            .arg(seeds_dir())
            .args(["--out", "out/."])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(d.join("out/scores.csv").is_file() && d.join("out/run.json").is_file());
    }
    let names: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    // The same outputs twice: nothing to keep as a backup, and no staging folder left.
    assert_eq!(names, ["out"]);
}
