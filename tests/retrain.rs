//! The retraining loop through the real binary (issue 18): run, edit a lexicon entry and add
//! a seed file, `retrain`, and check that the diff names exactly those two changes and the
//! articles each moved, in the direction each should move. Fixtures: tests/fixtures/retrain
//! (written for these tests; see its README for what each article is for).

mod common;
use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/retrain")
}

fn framescope(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("framescope").unwrap();
    c.current_dir(dir).arg("--quiet");
    c
}

/// Without `--quiet`, which leaves out the what-changed summary (as the score table).
fn framescope_summary(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("framescope").unwrap();
    c.current_dir(dir);
    c
}

type Row = HashMap<String, String>;

fn table(p: &Path) -> Vec<Row> {
    let mut r = csv::Reader::from_path(p).unwrap();
    let h: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| h.iter().cloned().zip(rec.unwrap().iter().map(String::from)).collect())
        .collect()
}

fn num(r: &Row, c: &str) -> f64 {
    r[c].parse().unwrap_or_else(|_| panic!("{c} of {r:?}"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

/// A work folder with the fixture's seeds/ and lexicons/, and articles/ holding one article.
fn work_folder_with_articles() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    copy_dir(&fixtures().join("seeds"), &d.join("seeds"));
    copy_dir(&fixtures().join("lexicons"), &d.join("lexicons"));
    std::fs::create_dir(d.join("articles")).unwrap();
    std::fs::copy(fixtures().join("new_seed.txt"), d.join("articles/extra.txt")).unwrap();
    tmp
}

/// A work folder with the fixture's seeds/ and lexicons/, and a first `run` into out/.
fn first_run() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("seeds"), &tmp.path().join("seeds"));
    copy_dir(&fixtures().join("lexicons"), &tmp.path().join("lexicons"));
    framescope(tmp.path())
        .args(["run", "--lexicons", "lexicons", "--out", "out"])
        .assert()
        .success();
    tmp
}

/// The two edits: "grain corridor" 1 → 3 on the Western side, and new_seed.txt added.
fn edit(dir: &Path) {
    let w = dir.join("lexicons/western.txt");
    let text = std::fs::read_to_string(&w).unwrap();
    assert!(text.contains("grain corridor | 1\n"));
    std::fs::write(&w, text.replace("grain corridor | 1\n", "grain corridor | 3\n")).unwrap();
    std::fs::copy(fixtures().join("new_seed.txt"), dir.join("seeds/new_seed.txt")).unwrap();
}

#[test]
fn retrain_names_the_edits_and_the_articles_they_moved() {
    let tmp = first_run();
    let d = tmp.path();
    let before = table(&d.join("out/scores.csv"));
    edit(d);
    let out = framescope_summary(d)
        .args(["retrain", "--lexicons", "lexicons", "--out", "out"])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    // The earlier outputs are named where they are kept (review, session 48: "out (before
    // this run) → out").
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("what changed: out.20") && l.ends_with("Z → out")),
        "{stdout}"
    );
    assert!(
        stdout.contains("lexicon_reweighted  western  \"grain corridor\"  1 → 3"),
        "{stdout}"
    );
    // The report names what it compared with: the kept folder, as run.json does (it named
    // `out`, the folder the new outputs replaced: review, session 34).
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("out/run.json")).unwrap()).unwrap();
    let kept = run["compared_with"].as_str().unwrap();
    // Absolute (as the inputs are), so a reader of run.json in another folder finds it.
    let name = Path::new(kept).file_name().unwrap().to_string_lossy();
    assert!(
        Path::new(kept).is_absolute() && name.starts_with("out.") && Path::new(kept).is_dir(),
        "{kept}"
    );
    assert_eq!(
        Path::new(kept).parent().unwrap().canonicalize().unwrap(),
        d.canonicalize().unwrap()
    );
    let page = std::fs::read_to_string(d.join("out/report.html")).unwrap();
    assert!(
        page.contains(&format!("Compared with <strong>{kept}</strong>")),
        "{kept}"
    );

    let diff = table(&d.join("out/diff.csv"));
    let kind = |k: &'static str| diff.iter().filter(move |r| r["kind"] == k);
    // Exactly the two edits, nothing else.
    let edits: Vec<(String, String, String, String)> = diff
        .iter()
        .filter(|r| r["kind"].starts_with("lexicon_") || r["kind"].starts_with("seed_"))
        .map(|r| (r["kind"].clone(), r["key"].clone(), r["old"].clone(), r["new"].clone()))
        .collect();
    assert_eq!(
        edits,
        [
            (
                "lexicon_reweighted".into(),
                "grain corridor".into(),
                "1.000000".into(),
                "3.000000".into()
            ),
            ("seed_added".into(), "new_seed".into(), String::new(), String::new()),
        ]
    );
    // The added seed's detail: no digest before (an en dash), its digest after. A "-" there
    // tripped the CSV formula guard, which wrote the cell as "'- → …".
    let added = kind("seed_added").next().unwrap();
    assert!(added["detail"].starts_with("– → "), "{added:?}");
    let raw = std::fs::read_to_string(d.join("out/diff.csv")).unwrap();
    assert!(!raw.contains("'- →") && !raw.contains("'– →"), "{raw}");
    // Article rows: old from the first run's scores.csv, new from this run's.
    let after = table(&d.join("out/scores.csv"));
    let score = |t: &[Row], id: &str| num(t.iter().find(|r| r["id"] == id).unwrap(), "framing_score");
    let art = |id: &str| {
        kind("article")
            .find(|r| r["key"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    for id in ["lex_target", "seed_target", "bystander", "kremlin_a", "western_a"] {
        let r = art(id);
        assert!((num(r, "old") - score(&before, id)).abs() < 2e-6, "{id}");
        assert!((num(r, "new") - score(&after, id)).abs() < 2e-6, "{id}");
    }
    assert_eq!(art("new_seed")["old"], "", "the added seed has no earlier score");
    // Raising a Western entry's weight labels lex_target's sentences Western: it moves West,
    // and the diff says the lexicon entry did it (not the new seed).
    let lex = art("lex_target");
    assert!(num(lex, "change") < -0.05, "{lex:?}");
    assert_eq!(
        lex["causes"].split("; ").next(),
        Some("lexicon_reweighted:grain corridor")
    );
    assert!(!lex["causes"].contains("seed_added"), "{lex:?}");
    // The new Kremlin-framed seed shares the turbine vocabulary of seed_target: it moves
    // toward Kremlin, because of the new seed (not the lexicon edit).
    let seed = art("seed_target");
    assert!(num(seed, "change") > 0.01, "{seed:?}");
    assert_eq!(seed["causes"], "seed_added:new_seed");
    // The bystander shares neither: it moves less than either target.
    let by = num(art("bystander"), "change").abs();
    assert!(
        by < num(seed, "change").abs() / 5.0 && by < num(lex, "change").abs() / 5.0,
        "{by}"
    );
    // The sentences behind lex_target's move are its grain-corridor sentences, each moving
    // West, through the entry's weight in the lexicon prior. lex_target is scored by its
    // cross-fitting fold's classifier, which never trained on lex_target's sentences (the
    // only ones with "grain corridor"): the term weighs 0 there before and after. (The diff
    // once listed the term, reading model.json's weights, which did not score the article.)
    let sents: Vec<&Row> = kind("sentence")
        .filter(|r| r["key"].starts_with("lex_target#"))
        .collect();
    assert_eq!(sents.len(), 3);
    for s in &sents {
        assert!(s["title"].contains("grain corridor") && num(s, "change") < 0.0, "{s:?}");
        assert!(s["detail"].starts_with("(lexicon prior):"), "{s:?}");
        assert!(!s["detail"].contains("grain corridor:"), "{s:?}");
        assert_eq!(s["causes"], "lexicon_reweighted:grain corridor");
    }
    // Articles sorted by |change|; the before/after chart and the report section exist.
    let changes: Vec<f64> = kind("article")
        .filter(|r| !r["change"].is_empty())
        .map(|r| num(r, "change").abs())
        .collect();
    assert!(changes.windows(2).all(|w| w[0] >= w[1]));
    let png = std::fs::read(d.join("out/charts/before_after.png")).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let html = std::fs::read_to_string(d.join("out/report.html")).unwrap();
    assert!(html.contains("<h2>What changed</h2>") && html.contains("grain corridor"));
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("out/run.json")).unwrap()).unwrap();
    let outputs = run["outputs"].to_string();
    assert!(
        outputs.contains("diff.csv") && outputs.contains("before_after.png"),
        "{outputs}"
    );
    // Both models learned from a handful of seed sentences: each is weak, and the diff says
    // the new one still is, with the warning the run recorded (review, session 36: whether a
    // weakness stayed, came or went was not said).
    let problems = run["problems"].to_string();
    let weak: Vec<&Row> = kind("weakness").collect();
    assert!(weak.iter().any(|w| w["key"] == "labelled"), "{weak:?} {problems}");
    for w in weak {
        assert!(w["title"].starts_with("weak-model warning still holds: "), "{w:?}");
        assert!(!w["old"].is_empty() && w["new"].starts_with("weak model: "), "{w:?}");
        assert!(problems.contains(&w["new"]), "{w:?} {problems}");
        assert!(stdout.contains(&format!("  {}", w["title"])), "{stdout}");
    }
}

#[test]
fn terms_of_one_new_sentence_are_folded_into_one_row() {
    let tmp = first_run();
    let d = tmp.path();
    edit(d);
    framescope(d)
        .args(["retrain", "--lexicons", "lexicons", "--out", "out"])
        .assert()
        .success();
    let diff = table(&d.join("out/diff.csv"));
    let groups: Vec<&Row> = diff.iter().filter(|r| r["kind"] == "terms").collect();
    // Every changed term is in exactly one group, and a sentence names at most one group.
    let weights = diff.iter().filter(|r| r["kind"] == "weight").count();
    let folded: usize = diff
        .iter()
        .filter(|r| r["kind"] == "weight" && !r["detail"].is_empty())
        .count();
    assert_eq!(folded, weights);
    let from: Vec<&str> = groups
        .iter()
        .map(|r| r["title"].as_str())
        .filter(|t| !t.is_empty())
        .collect();
    let mut unique = from.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), from.len(), "one row per sentence: {from:?}");
    // The new seed's third sentence brings n-grams found nowhere else: one row for all.
    let s3 = groups
        .iter()
        .find(|r| r["title"].starts_with("new_seed#3: "))
        .expect("a group for new_seed#3");
    let members = s3["detail"].split("; ").count();
    assert!(members >= 4, "{s3:?}");
    assert!(s3["detail"].contains("oper spokesman:"), "{s3:?}");
    // No bigram of a sentence shows as its own row once folded.
    assert!(!groups
        .iter()
        .any(|r| r["key"] == "spokesman said" && r["title"].is_empty()));
}

/// Review findings (session 21) through the binary: a sentence added to a training
/// article in mid-text is listed as added (it was dropped, and every later sentence
/// unmatched), and the term table lists every term once, sorted by the change it prints.
#[test]
fn a_sentence_added_to_a_seed_is_listed_and_each_term_shows_once() {
    let tmp = first_run();
    let d = tmp.path();
    let added = "The Kiev regime continued its provocations against the special military operation.";
    let p = d.join("seeds/western_a.txt");
    let text = std::fs::read_to_string(&p).unwrap();
    let first = "had displaced millions of people.\n";
    assert!(text.contains(first));
    std::fs::write(&p, text.replace(first, &format!("{first}{added}\n"))).unwrap();
    let out = framescope_summary(d)
        .args(["retrain", "--lexicons", "lexicons", "--out", "out"])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let diff = table(&d.join("out/diff.csv"));
    let sentences: Vec<&Row> = diff
        .iter()
        .filter(|r| r["kind"] == "sentence" && r["key"].starts_with("western_a#"))
        .collect();
    // The new sentence moved the article most: listed first, in the new run only.
    let s = sentences.first().unwrap_or_else(|| panic!("{stdout}"));
    assert_eq!((s["title"].as_str(), s["old"].as_str()), (added, ""), "{sentences:?}");
    assert!(num(s, "new") > 0.5 && !s["detail"].is_empty(), "{s:?}");
    // The sentences after it are matched across the insertion: none shows as removed.
    assert!(sentences.iter().all(|r| !r["new"].is_empty()), "{sentences:?}");
    let line = format!("added: p {:.3}", num(s, "new"));
    assert!(stdout.contains(&format!("{line}  \"The Kiev regime")), "{stdout}");
    let html = std::fs::read_to_string(d.join("out/report.html")).unwrap();
    assert!(html.contains(&format!("{} added, p", s["key"])), "report");
    // Every term in one group, groups by the |change| they show, each weight row naming
    // one group.
    let groups: Vec<&Row> = diff.iter().filter(|r| r["kind"] == "terms").collect();
    let mut keys: Vec<&str> = groups.iter().map(|r| r["key"].as_str()).collect();
    let shown: Vec<f64> = groups.iter().map(|r| num(r, "change").abs()).collect();
    assert!(shown.windows(2).all(|w| w[0] >= w[1]), "{shown:?}");
    keys.sort();
    let n = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), n, "a group key twice");
    for w in diff.iter().filter(|r| r["kind"] == "weight") {
        assert!(keys.binary_search(&w["detail"].as_str()).is_ok(), "{w:?}");
    }
}

/// A cross-fitted side without its folds.json: which classifier scored its articles is not
/// known, so the diff says so and lists no terms for the sentences rather than model.json's.
#[test]
fn a_cross_fitted_side_without_folds_json_gives_a_note_not_wrong_terms() {
    let tmp = first_run();
    let d = tmp.path();
    edit(d);
    framescope(d)
        .args(["run", "--lexicons", "lexicons", "--out", "out2"])
        .assert()
        .success();
    std::fs::remove_file(d.join("out/folds.json")).unwrap();
    framescope(d)
        .args(["diff", "out", "out2", "--out", "d"])
        .assert()
        .success();
    let diff = table(&d.join("d/diff.csv"));
    let note = diff.iter().find(|r| r["kind"] == "note").expect("a note");
    assert!(
        note["title"].starts_with("out: its articles were scored by") && note["title"].contains("no folds.json"),
        "{note:?}"
    );
    let sentences: Vec<&Row> = diff.iter().filter(|r| r["kind"] == "sentence").collect();
    assert!(!sentences.is_empty());
    assert!(sentences.iter().all(|r| r["detail"].is_empty()), "{sentences:?}");
    // The record names what was read, folds.json among it, and the note is a problem of it
    // (review, session 48: neither).
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("d/diff.run.json")).unwrap()).unwrap();
    let read: Vec<&str> = record["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    for f in ["out2/folds.json", "out/run.json", "out2/run.json", "out/model.json"] {
        assert!(read.contains(&f), "{f} not in {read:?}");
    }
    assert!(!read.contains(&"out/folds.json"), "{read:?}");
    assert_eq!(record["problems"][0].as_str(), Some(note["title"].as_str()), "{record}");
    // A side that is not there is named, before the folder diff.csv would go to.
    framescope(d)
        .args(["diff", "out", "nosuchdir"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "nosuchdir: not found (give an output folder or a model file)",
        ));
}

#[test]
fn diff_compares_model_files_and_model_only_folders() {
    let tmp = first_run();
    let d = tmp.path();
    std::fs::copy(d.join("out/model.json"), d.join("old.json")).unwrap();
    edit(d);
    // `train` without PATHs learns from ./seeds, as `run` does: the same model bytes.
    framescope(d)
        .args(["train", "--lexicons", "lexicons", "--model", "m/model.json"])
        .assert()
        .success();
    framescope(d)
        .args(["run", "--lexicons", "lexicons", "--out", "new"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read(d.join("m/model.json")).unwrap(),
        std::fs::read(d.join("new/model.json")).unwrap()
    );
    // Two model files.
    framescope(d)
        .args(["diff", "old.json", "m/model.json", "--out", "d1"])
        .assert()
        .success()
        .stdout(predicates::str::contains("seed_added          new_seed"));
    let t = table(&d.join("d1/diff.csv"));
    let kinds: Vec<&str> = t
        .iter()
        .map(|r| r["kind"].as_str())
        .filter(|k| *k != "training" && *k != "terms" && *k != "weight")
        .collect();
    // Both fixture models are weak (a handful of seed sentences): model files say so too.
    assert_eq!(kinds, ["note", "lexicon_reweighted", "seed_added", "weakness"]);
    let stat = |k: &str| t.iter().find(|r| r["kind"] == "training" && r["key"] == k).unwrap();
    assert_eq!((num(stat("articles"), "old"), num(stat("articles"), "new")), (7.0, 8.0));
    // A model-only folder (what `train` writes) against an output folder.
    framescope(d)
        .args(["diff", "--old", "out", "--new", "m"])
        .assert()
        .success();
    assert!(table(&d.join("m/diff.csv")).iter().any(|r| r["kind"] == "seed_added"));
    // Nothing to compare with: a clear error naming the path.
    framescope(d)
        .args(["diff", "nowhere", "m"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("nowhere: not found"));
}

#[test]
fn run_compare_to_another_folder_leaves_it_untouched() {
    let tmp = first_run();
    let d = tmp.path();
    let old_scores = std::fs::read(d.join("out/scores.csv")).unwrap();
    edit(d);
    framescope_summary(d)
        .args(["run", "--lexicons", "lexicons", "--out", "out2", "--compare-to", "out"])
        .assert()
        .success()
        .stdout(predicates::str::contains("what changed: out → out2"));
    // `-q` leaves the summary out (diff.csv and the report hold it; review, session 34).
    framescope(d)
        .args(["run", "--lexicons", "lexicons", "--out", "out3", "--compare-to", "out"])
        .assert()
        .success()
        .stdout(predicates::str::contains("what changed").not());
    assert_eq!(std::fs::read(d.join("out/scores.csv")).unwrap(), old_scores);
    assert!(!d.join("out/diff.csv").exists());
    assert!(d.join("out2/diff.csv").exists());
    // A later run without --compare-to does not leave a stale comparison behind.
    framescope(d)
        .args(["run", "--lexicons", "lexicons", "--out", "out2"])
        .assert()
        .success();
    assert!(!d.join("out2/diff.csv").exists() && !d.join("out2/charts/before_after.png").exists());
    assert!(!std::fs::read_to_string(d.join("out2/report.html"))
        .unwrap()
        .contains("What changed"));
}

/// Review findings (session 18): a changed setting moved every article with no cause shown,
/// and `diff` compared a side with itself or wrote beside the OLD side.
#[test]
fn a_changed_setting_is_named_and_diff_refuses_degenerate_sides() {
    let tmp = first_run();
    let d = tmp.path();
    let out = framescope_summary(d)
        .args([
            "run",
            "--lexicons",
            "lexicons",
            "--lexicon-prior",
            "1",
            "--out",
            "b",
            "--compare-to",
            "out",
        ])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("settings: 1 change(s)"), "{stdout}");
    let diff = table(&d.join("b/diff.csv"));
    let params: Vec<(&str, &str, &str)> = diff
        .iter()
        .filter(|r| r["kind"] == "param")
        .map(|r| (r["key"].as_str(), r["old"].as_str(), r["new"].as_str()))
        .collect();
    assert_eq!(params, [("lexicon_prior", "0.5", "1.0")]);
    // Every explained article names it.
    let moved: Vec<&Row> = diff
        .iter()
        .filter(|r| r["kind"] == "article" && !r["causes"].is_empty())
        .collect();
    assert!(!moved.is_empty());
    assert!(
        moved.iter().all(|r| r["causes"].contains("param:lexicon_prior")),
        "{moved:?}"
    );
    // The sentences shown moved the way their article moved, measured from c/2.
    let c = |t: &[Row], id: &str| num(t.iter().find(|r| r["id"] == id).unwrap(), "score_offset");
    let (before, after) = (table(&d.join("out/scores.csv")), table(&d.join("b/scores.csv")));
    for a in &moved {
        let id = &a["key"];
        let shift = (c(&after, id) - c(&before, id)) / 2.0;
        for s in diff
            .iter()
            .filter(|r| r["kind"] == "sentence" && r["key"].starts_with(&format!("{id}#")))
        {
            let centred = num(s, "change") - shift;
            assert!(centred * num(a, "change") > 0.0, "{a:?} {s:?}");
        }
    }
    // A side with itself; the OLD side's folder as output: refused, nothing written.
    for (args, want) in [
        (vec!["diff", "out", "out"], "OLD and NEW are the same model"),
        (vec!["diff", "out/model.json", "out"], "OLD and NEW are the same model"),
        (
            vec!["diff", "out", "b", "--out", "out"],
            "this is the OLD side's folder",
        ),
    ] {
        framescope(d)
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(want));
    }
    assert!(!d.join("out/diff.csv").exists());
}

/// Review finding (session 24): `retrain` with no PATHs after a corpus-mode run trained and
/// scored the seeds alone, so the compared articles vanished from out/ (listed as 49
/// `seed_removed` rows) with exit 0. It now compares the articles that run compared, named
/// in its run.json; a run.json that does not name them (older) is an error saying so.
#[test]
fn retrain_without_paths_compares_the_articles_the_earlier_run_compared() {
    let tmp = work_folder_with_articles();
    let d = tmp.path();
    framescope(d)
        .args(["run", "--lexicons", "lexicons", "--out", "out", "articles"])
        .assert()
        .success();
    let ids = |p: &Path| {
        let mut v: Vec<String> = table(p).into_iter().map(|r| r["id"].clone()).collect();
        v.sort();
        v
    };
    let before = ids(&d.join("out/scores.csv"));
    assert!(before.contains(&"extra".to_string()), "{before:?}");
    // From another folder, so the recorded path must not depend on the working directory.
    let elsewhere = tempfile::tempdir().unwrap();
    let mut c = Command::cargo_bin("framescope").unwrap();
    let out = c
        .current_dir(elsewhere.path())
        .args(["retrain", "--seeds"])
        .arg(d.join("seeds"))
        .arg("--lexicons")
        .arg(d.join("lexicons"))
        .arg("--out")
        .arg(d.join("out"))
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("framescope: retrain reads what the run in ")
            && stderr.contains("articles (give --seeds, --data, --lexicons, PATHs or options for others)"),
        "{stderr}"
    );
    assert_eq!(ids(&d.join("out/scores.csv")), before);
    let diff = table(&d.join("out/diff.csv"));
    assert!(!diff.iter().any(|r| r["kind"].starts_with("seed_")), "{diff:?}");
    // A run.json that does not list the paths (as written before it did): refused, named.
    let manifest = d.join("out/run.json");
    let mut json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    json["parameters"].as_object_mut().unwrap().remove("paths");
    std::fs::write(&manifest, serde_json::to_string(&json).unwrap()).unwrap();
    framescope(d)
        .args(["retrain", "--lexicons", "lexicons", "--out", "out"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "out/run.json: the run there compared articles beside the seeds that it does not list as paths",
        ));
    // Named again, it runs.
    framescope(d)
        .args(["retrain", "--lexicons", "lexicons", "--out", "out", "articles"])
        .assert()
        .success();
    assert_eq!(ids(&d.join("out/scores.csv")), before);
}

/// A retrain that changes nothing, of a run given absolute paths (as the Python package
/// gives them), reproduces model.json byte for byte and keeps no backup: the new folder
/// differs only by the comparison's diff.csv (review, session 48: a backup was kept of
/// identical outputs). A run given relative paths (or the default `seeds`) is retrained by
/// the same spellings from the same folder (review U, session 56: they were read absolute, as
/// run.json records them, so every `origin` changed and a backup was always kept); from
/// another folder, by the absolute paths.
#[test]
fn a_retrain_that_changes_nothing_reproduces_the_model_byte_for_byte() {
    let tmp = work_folder_with_articles();
    let d = tmp.path();
    framescope(d)
        .args(["run", "--seeds"])
        .arg(d.join("seeds"))
        .arg("--lexicons")
        .arg(d.join("lexicons"))
        .args(["--out", "out"])
        .arg(d.join("articles"))
        .assert()
        .success();
    let model = std::fs::read(d.join("out/model.json")).unwrap();
    let scores = std::fs::read(d.join("out/scores.csv")).unwrap();
    framescope(d).args(["retrain", "--out", "out"]).assert().success();
    assert_eq!(std::fs::read(d.join("out/model.json")).unwrap(), model);
    assert_eq!(std::fs::read(d.join("out/scores.csv")).unwrap(), scores);
    let kept: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("out."))
        .collect();
    assert!(kept.is_empty(), "identical outputs kept as a backup: {kept:?}");

    // Relative paths, one of them the default seeds folder and one given as --opt=VALUE.
    framescope(d)
        .args(["run", "--lexicons=lexicons", "--out", "rel", "articles"])
        .assert()
        .success();
    let model = std::fs::read(d.join("rel/model.json")).unwrap();
    let scores = std::fs::read_to_string(d.join("rel/scores.csv")).unwrap();
    assert!(scores.contains(",articles/") && scores.contains(",seeds/"), "{scores}");
    framescope(d).args(["retrain", "--out", "rel"]).assert().success();
    assert_eq!(std::fs::read(d.join("rel/model.json")).unwrap(), model);
    assert_eq!(std::fs::read_to_string(d.join("rel/scores.csv")).unwrap(), scores);
    assert!(!std::fs::read_dir(d)
        .unwrap()
        .any(|e| e.unwrap().file_name().to_string_lossy().starts_with("rel.")));
    // From another folder the spellings name other paths: the absolute ones are read.
    let other = d.join("elsewhere");
    std::fs::create_dir(&other).unwrap();
    framescope(&other)
        .args(["retrain", "--out"])
        .arg(d.join("rel"))
        .assert()
        .success();
    let moved = std::fs::read_to_string(d.join("rel/scores.csv")).unwrap();
    assert!(moved.contains(&format!(",{}/seeds/", d.display())), "{moved}");
}

/// Review finding (session 28): `retrain --out` on a `score` folder ran the seeds alone,
/// replaced the folder and compared them with the scored articles ("0 unchanged, 6 in one
/// run only"), saying nothing. It is refused, naming what to do, and the folder is kept.
#[test]
fn retrain_refuses_a_score_folder_and_says_how_to_compare_a_new_model() {
    let tmp = first_run();
    let d = tmp.path();
    framescope(d)
        .args(["score", "--model", "out/model.json", "--out", "scored", "seeds"])
        .assert()
        .success();
    let before: Vec<_> = std::fs::read_dir(d.join("scored"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let o = framescope(d)
        .args(["retrain", "--lexicons", "lexicons", "--out", "scored"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("scored: is the output of `score`, whose articles a saved model scored; `retrain` retrains a `run`'s folder"),
        "{err}"
    );
    let after: Vec<_> = std::fs::read_dir(d.join("scored"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before, after);
}

/// Review finding (session 29): the route that refusal recommends — score with the new
/// model, then `diff` the two score folders — compared scores only: no settings, no causes,
/// no article listed, and a note naming the OLD side alone. A score folder's side is now
/// the model its run.json names (recorded absolute, so `diff` runs from any folder), and
/// without one the moved articles are listed as untraced.
#[test]
fn two_score_folders_compare_with_the_models_their_run_json_names() {
    let tmp = first_run();
    let d = tmp.path();
    // The new model: the same seeds with "grain corridor" weighted 3 and one seed more.
    edit(d);
    framescope(d)
        .args(["train", "--lexicons", "lexicons", "--model", "new/model.json", "seeds"])
        .assert()
        .success();
    for (model, out) in [("out/model.json", "scored_old"), ("new/model.json", "scored_new")] {
        framescope(d)
            .args(["score", "--model", model, "--out", out])
            .arg(fixtures().join("seeds"))
            .assert()
            .success();
    }
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("scored_old/run.json")).unwrap()).unwrap();
    assert_eq!(
        Path::new(run["parameters"]["model"].as_str().unwrap()),
        std::fs::canonicalize(d.join("out/model.json")).unwrap()
    );
    // From another folder, with the paths relative to it.
    std::fs::create_dir(d.join("elsewhere")).unwrap();
    let o = framescope(&d.join("elsewhere"))
        .args([
            "diff",
            "../scored_old",
            "../scored_new",
            "--out",
            "../what",
            "--top",
            "2",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{err}");
    assert!(!said.contains("no model") && !err.contains("no model"), "{said}{err}");
    let rows = table(&d.join("what/diff.csv"));
    let grain = rows
        .iter()
        .find(|r| r["kind"] == "lexicon_reweighted" && r["key"] == "grain corridor")
        .expect("the lexicon edit is compared");
    assert_eq!((grain["old"].as_str(), grain["new"].as_str()), ("1.000000", "3.000000"));
    // The article the edit targets is traced to it.
    let target = rows
        .iter()
        .find(|r| r["kind"] == "article" && r["key"] == "lex_target")
        .expect("lex_target is compared");
    assert_eq!(target["causes"], "lexicon_reweighted:grain corridor");
    assert!(rows.iter().all(|r| !r["causes"].contains("untraced:no-model")));
    // The seed the new model added has no sentences in either score folder: said, not put
    // down to the no-evidence point in silence (review, session 34).
    assert!(
        rows.iter().any(|r| r["kind"] == "note"
            && r["title"]
                .contains("1 training article(s) changed whose sentences these folders do not hold (new_seed)")),
        "{rows:?}"
    );
    // The old model gone: said, and the articles still listed, untraced.
    std::fs::rename(d.join("out/model.json"), d.join("out/gone.json")).unwrap();
    let all = diff_score_folders(d, "what2");
    assert!(all.contains("that run.json names is not there"), "{all}");
    assert!(all.contains("because of: untraced:no-model"), "{all}");
    let rows = table(&d.join("what2/diff.csv"));
    assert!(rows
        .iter()
        .any(|r| r["kind"] == "article" && r["causes"] == "untraced:no-model"));
}

/// Review, session 32: a retrain given only `--lexicons` went back to the default seeds (and
/// one given only `--seeds` to the default lexicons), so its diff listed seed or lexicon
/// changes nobody made. What is not given is read as the earlier run read it, and said.
#[test]
fn retrain_reads_the_seeds_and_lexicons_the_earlier_run_read_unless_given_others() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    copy_dir(&fixtures().join("seeds"), &d.join("own_seeds"));
    std::fs::copy(fixtures().join("new_seed.txt"), d.join("own_seeds/new_seed.txt")).unwrap();
    copy_dir(&fixtures().join("lexicons"), &d.join("own_lexicons"));
    framescope(d)
        .args([
            "run",
            "--seeds",
            "own_seeds",
            "--lexicons",
            "own_lexicons",
            "--out",
            "out",
        ])
        .assert()
        .success();
    let kinds = |d: &Path| -> Vec<String> {
        table(&d.join("out/diff.csv"))
            .into_iter()
            .map(|r| r["kind"].clone())
            .collect()
    };
    // Nothing given: the same seeds and lexicons, from another working folder too.
    let elsewhere = tempfile::tempdir().unwrap();
    let mut c = Command::cargo_bin("framescope").unwrap();
    let out = c
        .current_dir(elsewhere.path())
        .args(["retrain", "--out"])
        .arg(d.join("out"))
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("seeds ") && stderr.contains("own_seeds") && stderr.contains("own_lexicons"),
        "{stderr}"
    );
    let k = kinds(d);
    assert!(
        !k.iter().any(|k| k.starts_with("seed_") || k.starts_with("lexicon_")),
        "{k:?}"
    );
    // An edited lexicon given: a lexicon change and no seed change.
    copy_dir(&fixtures().join("lexicons"), &d.join("edited"));
    let w = d.join("edited/western.txt");
    let text = std::fs::read_to_string(&w).unwrap();
    std::fs::write(&w, format!("{text}\nstrongman | 2\n")).unwrap();
    framescope(d)
        .args(["retrain", "--lexicons", "edited", "--out", "out"])
        .assert()
        .success();
    let k = kinds(d);
    assert!(k.contains(&"lexicon_added".to_string()), "{k:?}");
    assert!(!k.iter().any(|k| k.starts_with("seed_")), "{k:?}");
    // Other seeds given: seed changes only (the edited lexicons are kept).
    framescope(d)
        .args(["retrain", "--seeds", "own_seeds", "--out", "out"])
        .assert()
        .success();
    let k = kinds(d);
    assert!(!k.iter().any(|k| k.starts_with("lexicon_")), "{k:?}");
    // A recorded folder that is gone is named, with the option that replaces it.
    std::fs::rename(d.join("edited"), d.join("moved")).unwrap();
    framescope(d).args(["retrain", "--out", "out"]).assert().code(2).stderr(
        predicates::str::contains("the lexicons its run read,").and(predicates::str::contains("--lexicons DIR")),
    );
}

/// Review, session 34: a run that read the default `./data` recorded no data folder, so a
/// `retrain` from another folder read that folder's `./data` (or the built-in files) and
/// reversed the researcher's lexicon edits without a word. The folder read is recorded, and
/// a run that read the built-in files records `<built-in>/data`, which a retrain reads again.
#[test]
fn retrain_reads_the_default_data_folder_the_earlier_run_read() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    copy_dir(&fixtures().join("seeds"), &d.join("seeds"));
    copy_data(&d.join("data"));
    let w = d.join("data/lexicons/western.txt");
    let text = std::fs::read_to_string(&w).unwrap();
    std::fs::write(
        &w,
        format!(
            "{text}
grain corridor | 3
"
        ),
    )
    .unwrap();
    framescope(d).args(["run", "--out", "out"]).assert().success();
    let manifest = |p: &Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(p.join("run.json")).unwrap()).unwrap()
    };
    assert_eq!(
        manifest(&d.join("out"))["parameters"]["data"]
            .as_str()
            .map(PathBuf::from),
        Some(std::path::absolute(d.join("data")).unwrap())
    );
    // From a folder whose ./data is the unedited copy: the edited folder is read again.
    let elsewhere = tempfile::tempdir().unwrap();
    copy_data(&elsewhere.path().join("data"));
    let mut c = Command::cargo_bin("framescope").unwrap();
    c.current_dir(elsewhere.path())
        .args(["retrain", "--out"])
        .arg(d.join("out"))
        .assert()
        .success()
        .stderr(predicates::str::contains("data ").and(predicates::str::contains(d.join("data").to_str().unwrap())));
    let kinds: Vec<String> = table(&d.join("out/diff.csv"))
        .into_iter()
        .map(|r| r["kind"].clone())
        .collect();
    assert!(!kinds.iter().any(|k| k.starts_with("lexicon_")), "{kinds:?}");
    // A run with no data folder at all records the built-in files, and a retrain from a
    // folder that has one still reads them.
    let bare = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("seeds"), &bare.path().join("seeds"));
    framescope(bare.path()).args(["run", "--out", "out"]).assert().success();
    assert_eq!(
        manifest(&bare.path().join("out"))["parameters"]["data"],
        "<built-in>/data"
    );
    let mut c = Command::cargo_bin("framescope").unwrap();
    c.current_dir(d)
        .args(["retrain", "--out"])
        .arg(bare.path().join("out"))
        .assert()
        .success();
    let kinds: Vec<String> = table(&bare.path().join("out/diff.csv"))
        .into_iter()
        .map(|r| r["kind"].clone())
        .collect();
    assert!(!kinds.iter().any(|k| k.starts_with("lexicon_")), "{kinds:?}");
}

/// The files (not subfolders) of `from`, into `to`.
/// The repository's data folder, copied to `to` to be edited.
fn copy_data(to: &Path) {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for sub in ["", "lexicons", "lexicons/ru", "ru", "actors", "voice"] {
        copy_dir_files(&data.join(sub), &to.join(sub));
    }
}

fn copy_dir_files(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Review, session 32: a seed copied under another name was trained on twice (its side's
/// labelled sentences doubled) and the retrain summary showed only a seed added. It is
/// reported and skipped (exit 1), for `run` and `train --seeds`, and the model is the one
/// without it.
#[test]
fn a_seed_copied_under_another_name_is_reported_and_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    copy_dir(&fixtures().join("seeds"), &d.join("seeds"));
    copy_dir(&fixtures().join("lexicons"), &d.join("lexicons"));
    framescope(d)
        .args(["train", "--lexicons", "lexicons", "--model", "one/model.json", "seeds"])
        .assert()
        .success();
    let first = std::fs::read_dir(d.join("seeds"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::copy(&first, d.join("seeds/zz_copy.txt")).unwrap();
    for args in [
        vec![
            "train",
            "--lexicons",
            "lexicons",
            "--model",
            "two/model.json",
            "--seeds",
            "seeds",
        ],
        vec!["run", "--seeds", "seeds", "--lexicons", "lexicons", "--out", "out"],
    ] {
        framescope(d).args(&args).assert().code(1).stderr(
            predicates::str::contains("zz_copy.txt: skipped: the same bytes as the seed ")
                .and(predicates::str::contains(first.file_name().unwrap().to_str().unwrap())),
        );
    }
    let model =
        |p: &str| -> serde_json::Value { serde_json::from_str(&std::fs::read_to_string(d.join(p)).unwrap()).unwrap() };
    assert_eq!(model("one/model.json")["weights"], model("two/model.json")["weights"]);
    assert_eq!(model("one/model.json")["training"], model("two/model.json")["training"]);
}

/// Review, session 33: the articles folder of the earlier run moved, and `retrain` scored the
/// seeds alone (exit 1), replacing the folder and listing every article as in one run only.
/// It stops instead, naming them, and the folder is as it was.
#[test]
fn a_retrain_whose_recorded_articles_are_gone_stops_naming_them() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    copy_dir(&fixtures().join("seeds"), &d.join("seeds"));
    copy_dir(&fixtures().join("lexicons"), &d.join("lexicons"));
    std::fs::create_dir(d.join("arts")).unwrap();
    std::fs::write(
        d.join("arts/a.txt"),
        "Talks resume\n\nKyiv said the invasion had entered its second week. Moscow denied it.\n",
    )
    .unwrap();
    framescope(d)
        .args([
            "run",
            "--seeds",
            "seeds",
            "--lexicons",
            "lexicons",
            "--bootstrap",
            "0",
            "--out",
            "out",
            "arts",
        ])
        .assert()
        .success();
    let before = common::tree(&d.join("out"));
    std::fs::rename(d.join("arts"), d.join("arts.moved")).unwrap();
    framescope(d).args(["retrain", "--out", "out"]).assert().code(2).stderr(
        predicates::str::contains("the articles its run read,")
            .and(predicates::str::contains("arts, are not there any more"))
            .and(predicates::str::contains("name them: framescope retrain PATH...")),
    );
    assert_eq!(common::tree(&d.join("out")), before);
}

/// Review, session 42: `retrain` read the earlier run's inputs again but not its options, so
/// a run with `--alpha 0.3 --margin 0.5 --folds 3 --kremlin-threshold 0.7` retrained with
/// the defaults and gave their moves to the (absent) edit. The options not typed are the
/// recorded ones; a typed one is a setting change, and the only one.
#[test]
fn retrain_keeps_the_earlier_runs_options_unless_given_others() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    copy_dir(&fixtures().join("seeds"), &d.join("seeds"));
    copy_dir(&fixtures().join("lexicons"), &d.join("lexicons"));
    let options = [
        "--alpha",
        "0.3",
        "--margin",
        "0.5",
        "--folds",
        "3",
        "--kremlin-threshold",
        "0.7",
        "--bootstrap",
        "200",
    ];
    framescope(d)
        .args(["run", "--lexicons", "lexicons", "--out", "out"])
        .args(options)
        .assert()
        .success();
    let params = |d: &Path| -> serde_json::Value {
        let run: serde_json::Value = serde_json::from_slice(&std::fs::read(d.join("out/run.json")).unwrap()).unwrap();
        run["parameters"].clone()
    };
    let before = params(d);
    let scores_before = std::fs::read(d.join("out/scores.csv")).unwrap();
    let settings = |d: &Path| -> Vec<(String, String, String)> {
        table(&d.join("out/diff.csv"))
            .into_iter()
            .filter(|r| r["kind"] == "param")
            .map(|r| (r["key"].clone(), r["old"].clone(), r["new"].clone()))
            .collect()
    };
    let out = framescope_summary(d)
        .args(["retrain", "--out", "out"])
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("--alpha 0.3; --margin 0.5; --kremlin-threshold 0.7; --bootstrap 200; --folds 3"),
        "{stderr}"
    );
    assert_eq!(params(d)["classifier"], before["classifier"]);
    assert_eq!(params(d)["scoring"], before["scoring"]);
    assert_eq!(params(d)["folds"], 3);
    assert_eq!(settings(d), vec![]);
    // Nothing edited, nothing moved: the same scores as the run retrained, byte for byte
    // (the relative paths read as the run was given them), so no backup is kept.
    assert_eq!(std::fs::read(d.join("out/scores.csv")).unwrap(), scores_before);
    assert!(!std::fs::read_dir(d)
        .unwrap()
        .any(|e| e.unwrap().file_name().to_string_lossy().starts_with("out.20")));
    // One option typed: that one changes, the others are still the recorded ones.
    framescope(d)
        .args(["retrain", "--alpha", "2", "--out", "out"])
        .assert()
        .success();
    assert_eq!(
        settings(d),
        vec![("alpha".to_string(), "0.3".to_string(), "2.0".to_string())]
    );
    assert_eq!(params(d)["classifier"]["margin"], 0.5);
    assert_eq!(params(d)["scoring"]["kremlin_threshold"], 0.7);
}

/// Review, session 42: after a first run where there were no ./seeds and ./data (the built-in
/// copies), a ./seeds made for the retrain went unused, said only by a status line `-q`
/// hides. The retrain still reads what the run read, and warns that the folders are here.
#[test]
fn retrain_warns_when_folders_made_since_are_not_what_it_reads() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    framescope(d).args(["run", "--bootstrap", "0"]).assert().success();
    std::fs::create_dir(d.join("seeds")).unwrap();
    copy_dir(&fixtures().join("seeds"), &d.join("seeds"));
    let out = framescope(d).args(["retrain"]).assert().success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("warning: ./seeds is here, but the run retrained read the built-in seeds, as this retrain does: give --seeds seeds"),
        "{stderr}"
    );
    assert!(!stderr.contains("./data is here"), "{stderr}");
    // Named, it is read, and nothing is said.
    let out = framescope(d).args(["retrain", "--seeds", "seeds"]).assert().success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(!stderr.contains("is here, but"), "{stderr}");
}

/// Review finding (session 44): `retrain --out` a folder with no earlier run (a mistyped
/// name, or a folder `diff` wrote) ran the seeds alone, dropping the articles, exit 0.
#[test]
fn retrain_refuses_a_folder_with_no_earlier_run() {
    let dir = tempfile::tempdir().unwrap();
    framescope(dir.path())
        .args(["retrain", "--out", "nosuch"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "nosuch: holds no earlier run to retrain (no run.json, model.json or scores.csv); start one with `framescope run --out nosuch",
        ));
    assert!(!dir.path().join("nosuch").exists());
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    framescope(dir.path())
        .args(["retrain", "--out", "empty"])
        .assert()
        .code(2);
}

/// Review finding (session 44): a new voice cue's move was blamed on the term weights
/// ("untraced:spread"), the cue named last, behind actor lists, which cannot move a score.
#[test]
fn a_voice_cue_is_named_first_and_actor_lists_are_no_cause_of_a_move() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    copy_dir(&fixtures().join("seeds"), &d.join("seeds"));
    copy_data(&d.join("data"));
    std::fs::create_dir(d.join("articles")).unwrap();
    std::fs::write(
        d.join("articles/describe.txt"),
        "A war of choice\n\nRussian troops pressed the invasion of Ukraine on Monday.\nState media describe the invasion as a special military operation against the Kiev regime.\nShelling hit Kyiv again overnight.\nOfficials counted the damage in Kharkiv.\n",
    )
    .unwrap();
    framescope(d)
        .args(["run", "--seeds", "seeds", "--data", "data", "--out", "out", "articles"])
        .assert()
        .success();
    let append = |f: &str, line: &str| {
        let p = d.join("data").join(f);
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, format!("{text}\n{line}\n")).unwrap();
    };
    append("voice/english.txt", "verb describe");
    append("actors/ukraine.txt", "regional officials");
    framescope(d).args(["retrain", "--out", "out"]).assert().success();
    let rows = table(&d.join("out/diff.csv"));
    let row = rows
        .iter()
        .find(|r| r["kind"] == "article" && r["key"] == "describe")
        .unwrap_or_else(|| panic!("{rows:?}"));
    assert!(num(row, "change").abs() > 0.001, "{row:?}");
    assert_eq!(row["causes"], "param:voice.verbs", "{row:?}");
    assert!(rows.iter().all(|r| !r["causes"].contains("param:actors")));
    assert!(rows
        .iter()
        .any(|r| r["kind"] == "param" && r["key"] == "actors.ukraine"));
}

/// Review finding (session 44): a removed seed was named as a cause of the moves of the
/// articles in its own cross-fitting fold, whose classifier never trained on it (a copy
/// shares its original's fold).
#[test]
fn a_removed_seed_is_no_cause_for_the_articles_of_its_own_fold() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    copy_dir(&fixtures().join("seeds"), &d.join("seeds"));
    copy_dir(&fixtures().join("lexicons"), &d.join("lexicons"));
    // A reprint of kremlin_a with one sentence added: a copy, in kremlin_a's fold.
    let original = std::fs::read_to_string(d.join("seeds/kremlin_a.txt")).unwrap();
    std::fs::write(
        d.join("seeds/kremlin_a_reprint.txt"),
        format!("{original}\nThe Kiev regime ignored the security guarantees again.\n"),
    )
    .unwrap();
    framescope(d)
        .args(["run", "--seeds", "seeds", "--lexicons", "lexicons", "--out", "out"])
        .assert()
        .success();
    let folds: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("out/folds.json")).unwrap()).unwrap();
    assert!(!folds["copies"].as_array().unwrap().is_empty(), "{folds}");
    std::fs::remove_file(d.join("seeds/kremlin_a_reprint.txt")).unwrap();
    framescope(d).args(["retrain", "--out", "out"]).assert().success();
    let rows = table(&d.join("out/diff.csv"));
    let named: Vec<&str> = rows
        .iter()
        .filter(|r| r["kind"] == "article" && r["causes"].contains("seed_removed:kremlin_a_reprint"))
        .map(|r| r["key"].as_str())
        .collect();
    assert!(
        !named.is_empty(),
        "the removal moves the other folds' articles: {rows:?}"
    );
    assert!(!named.contains(&"kremlin_a"), "{named:?}");
}

/// `score --model MODEL --out OUT` of the fixture seeds in `d`, which succeeds.
fn score_fixture_seeds(d: &Path, model: &str, out: &str) {
    framescope(d)
        .args(["score", "--model", model, "--out", out])
        .arg(fixtures().join("seeds"))
        .assert()
        .success();
}

/// The names of the entries in `dir`.
fn names_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// `diff scored_old scored_new --out OUT` in `d`, which succeeds; its stdout and stderr.
fn diff_score_folders(d: &Path, out: &str) -> String {
    let o = framescope(d)
        .args(["diff", "scored_old", "scored_new", "--out", out, "--top", "2"])
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "{all}");
    all
}

/// `diff scored_old scored_new` in `d`: it succeeds, finds the old model (no note that it
/// changed, no `untraced:no-model`), and returns `lex_target`'s row.
fn traced_lex_target(d: &Path) -> Row {
    let all = diff_score_folders(d, "what");
    assert!(!all.contains("has changed since"), "{all}");
    let rows = table(&d.join("what/diff.csv"));
    assert!(
        rows.iter().all(|r| !r["causes"].contains("untraced:no-model")),
        "{rows:?}"
    );
    rows.into_iter()
        .find(|r| r["kind"] == "article" && r["key"] == "lex_target")
        .expect("lex_target is compared")
}

/// Review I, session 50: the loop the README recommends — score, retrain, score again, `diff`
/// the two score folders — traced nothing: `retrain` had moved the model the first score
/// folder names into the dated backup `out.<time>/`, and `diff` said only that the named
/// model had changed. The backup still holds the bytes run.json recorded; `diff` reads it.
#[test]
fn diff_of_score_folders_finds_the_old_model_in_the_retrain_backup() {
    let tmp = first_run();
    let d = tmp.path();
    score_fixture_seeds(d, "out/model.json", "scored_old");
    edit(d);
    framescope(d)
        .args(["retrain", "--lexicons", "lexicons", "--out", "out"])
        .assert()
        .success();
    let backups: Vec<String> = names_in(d).into_iter().filter(|n| n.starts_with("out.")).collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    score_fixture_seeds(d, "out/model.json", "scored_new");
    let target = traced_lex_target(d);
    assert_eq!(target["causes"], "lexicon_reweighted:grain corridor");
}

/// Review T, session 55: the same loop with `train --model` instead of `retrain`: `train`
/// keeps the replaced model as `model.<time>.json`, and `diff` looked only for
/// `model.json.<time>`, so it traced nothing (`untraced:no-model`).
#[test]
fn diff_of_score_folders_finds_the_old_model_in_trains_backup() {
    let tmp = first_run();
    let d = tmp.path();
    std::fs::create_dir(d.join("mm")).unwrap();
    let train = || {
        framescope(d)
            .args(["train", "--lexicons", "lexicons", "--model", "mm/model.json"])
            .assert()
            .success();
    };
    train();
    score_fixture_seeds(d, "mm/model.json", "scored_old");
    edit(d);
    train();
    let backups: Vec<String> = names_in(&d.join("mm"))
        .into_iter()
        .filter(|n| n != "model.json")
        .collect();
    assert!(
        backups.len() == 1 && backups[0].starts_with("model.20") && backups[0].ends_with(".json"),
        "{backups:?}"
    );
    score_fixture_seeds(d, "mm/model.json", "scored_new");
    let target = traced_lex_target(d);
    assert!(
        target["causes"].contains("lexicon_reweighted:grain corridor"),
        "{target:?}"
    );
}

/// Review I, session 50: a seed renamed (the same bytes under a new name) was reported as one
/// seed added and one removed, its score rows as two articles in one run only, and it was
/// named as a cause of other articles' moves. It is one `seed_renamed` row, one article row
/// with its score before and after, and no article's cause.
#[test]
fn a_renamed_seed_is_one_rename_and_no_cause() {
    let tmp = first_run();
    let d = tmp.path();
    let first = std::fs::read_dir(d.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    let old_id = first.file_stem().unwrap().to_str().unwrap().to_string();
    std::fs::rename(&first, d.join("seeds/zz_renamed.txt")).unwrap();
    framescope(d).args(["retrain", "--out", "out"]).assert().success();
    let rows = table(&d.join("out/diff.csv"));
    let renames: Vec<&Row> = rows.iter().filter(|r| r["kind"] == "seed_renamed").collect();
    assert_eq!(renames.len(), 1, "{rows:?}");
    assert_eq!(renames[0]["key"], "zz_renamed");
    assert_eq!(renames[0]["detail"], format!("{old_id} → zz_renamed"));
    assert!(!rows
        .iter()
        .any(|r| r["kind"] == "seed_added" || r["kind"] == "seed_removed"));
    let article: Vec<&Row> = rows
        .iter()
        .filter(|r| r["kind"] == "article" && (r["key"] == "zz_renamed" || r["key"] == old_id))
        .collect();
    assert_eq!(article.len(), 1, "{article:?}");
    assert!(
        !article[0]["old"].is_empty() && !article[0]["new"].is_empty(),
        "{article:?}"
    );
    assert!(
        !rows.iter().any(|r| r["causes"].contains("seed_renamed")),
        "a rename named as a cause: {rows:?}"
    );
}
