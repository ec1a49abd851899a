//! First run anywhere (issue 19): the binary run outside the repository uses its built-in
//! seeds and data with a note saying so, records every data file it read in run.json, and
//! warns (even with --quiet) when a ./data folder lacks files that then come from the
//! built-in copies.

use assert_cmd::Command;
use std::path::Path;

fn framescope(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("framescope").unwrap();
    c.current_dir(dir);
    c
}

fn run_json(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("output/run.json")).unwrap()).unwrap()
}

#[test]
fn outside_the_repository_run_uses_the_built_in_seeds_and_data_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let out = framescope(tmp.path()).arg("run").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    // Status notes, one line each (hidden by --quiet, like the other status lines).
    assert!(
        err.lines()
            .any(|l| l.starts_with("framescope: note: no ./seeds folder here: using the 5 built-in seed articles")),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.starts_with("framescope: note: no ./data folder here: using the built-in data files")),
        "{err}"
    );
    let m = run_json(tmp.path());
    assert_eq!(m["inputs"][0]["path"], "<built-in>/seeds");
    assert_eq!(m["inputs"][0]["sha256"].as_str().unwrap().len(), 64);
    let files = m["data_files"].as_array().unwrap();
    // Every built-in file is read (English and Russian), each once.
    let mut names: Vec<&str> = files.iter().map(|f| f["name"].as_str().unwrap()).collect();
    names.sort_unstable();
    let mut all: Vec<&str> = framescope::data::BUILTIN.iter().map(|(n, _)| *n).collect();
    all.sort_unstable();
    assert_eq!(names, all);
    assert!(files
        .iter()
        .all(|f| f["path"].as_str().unwrap().starts_with("<built-in>/data/")));
    let k = files.iter().find(|f| f["name"] == "lexicons/kremlin.txt").unwrap();
    assert_eq!(k["path"], "<built-in>/data/lexicons/kremlin.txt");
    // The hash is that of the repository's file, computed here independently.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lexicons/kremlin.txt");
    let sha = framescope::report::sha256_file(&repo).unwrap();
    assert_eq!(k["sha256"], sha);
    let scores = std::fs::read_to_string(tmp.path().join("output/scores.csv")).unwrap();
    assert_eq!(scores.lines().count(), 6, "five seeds scored");
}

#[test]
fn train_lexicon_and_eval_on_the_built_in_seeds_say_so_as_run_does() {
    // Review U, session 56: `train` made a model of the five built-in seeds without a word.
    let tmp = tempfile::tempdir().unwrap();
    let labelled = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eval");
    let note = "framescope: note: no ./seeds folder here: using the 5 built-in seed articles";
    for args in [
        vec!["train", "--model", "m/model.json"],
        vec!["lexicon"],
        vec!["eval", "--cv", labelled.to_str().unwrap()],
    ] {
        let out = framescope(tmp.path()).args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {err}");
        assert_eq!(
            err.lines().filter(|l| l.starts_with(note)).count(),
            1,
            "{args:?}: {err}"
        );
    }
    // Seeds named: no note.
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let out = framescope(tmp.path())
        .args(["train", "--model", "n/model.json"])
        .arg(&seeds)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("built-in seed articles"), "{err}");
}

#[test]
fn a_partial_data_folder_is_a_warning_naming_the_built_in_copies_and_edits_are_used() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = tmp.path().join("data");
    std::fs::create_dir_all(data.join("lexicons")).unwrap();
    for f in ["stopwords.txt", "outlets.txt", "boilerplate.txt", "self_references.txt"] {
        std::fs::copy(repo.join("data").join(f), data.join(f)).unwrap();
    }
    // An edited lexicon: one Western entry added.
    let mut western = std::fs::read_to_string(repo.join("data/lexicons/western.txt")).unwrap();
    western.push_str("\nsit down | 1\n");
    std::fs::write(data.join("lexicons/western.txt"), &western).unwrap();
    std::fs::copy(
        repo.join("data/lexicons/kremlin.txt"),
        data.join("lexicons/kremlin.txt"),
    )
    .unwrap();
    let out = framescope(tmp.path())
        .args(["--quiet", "run", "--seeds"])
        .arg(repo.join("seeds"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("framescope: warning: ./data lacks actors/kremlin.txt, actors/western.txt, actors/ukraine.txt, voice/english.txt, voice/russian.txt, languages.txt, ru/stopwords.txt"),
        "{err}"
    );
    assert!(
        err.contains("lexicons/ru/western.txt: using the built-in copies"),
        "{err}"
    );
    // The files the folder has are not listed as built-in.
    assert!(
        !err.contains("lacks stopwords.txt") && !err.contains(", lexicons/western.txt"),
        "{err}"
    );
    let m = run_json(tmp.path());
    let w = m["data_files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "lexicons/western.txt")
        .unwrap()
        .clone();
    assert_eq!(w["path"], "data/lexicons/western.txt");
    assert_eq!(
        w["sha256"],
        framescope::report::sha256_file(&data.join("lexicons/western.txt")).unwrap()
    );
    let mut rows = csv::Reader::from_path(tmp.path().join("output/sentences.csv")).unwrap();
    let hits: Vec<String> = rows.records().map(|r| r.unwrap()[8].to_string()).collect();
    assert!(
        hits.iter().any(|h| h.split("; ").any(|x| x == "sit down")),
        "the edited lexicon was not used"
    );
    // run.json records the warning as printed (session 29: it was on stderr only).
    let problems = m["problems"].as_array().unwrap();
    assert!(
        problems[0]
            .as_str()
            .unwrap()
            .starts_with("warning: ./data lacks actors/kremlin.txt"),
        "{problems:?}"
    );
    // Every command that reads the data folder says so, not `run` alone (session 29: `train`
    // built a model with the built-in Russian analyzer in silence).
    let seeds = repo.join("seeds");
    let seeds = seeds.to_str().unwrap();
    let labelled = repo.join("tests/fixtures/eval");
    let labelled = labelled.to_str().unwrap();
    for args in [
        vec!["train", "--model", "m.json", seeds],
        vec!["lexicon", seeds],
        vec!["kwic", "Kiev", seeds],
        vec!["analyze", seeds],
        vec!["eval", "--cv", "--bootstrap", "100", labelled],
        vec!["keyness", "--by", "label", labelled],
        vec!["overlap", seeds],
        vec!["export-training", "--out", "exp", seeds],
    ] {
        let o = framescope(tmp.path()).arg("--quiet").args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("framescope: warning: ./data lacks actors/kremlin.txt"),
            "{args:?}: {err}"
        );
    }
}
