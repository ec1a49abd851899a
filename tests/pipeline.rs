//! End-to-end: the real binary, in a temp dir, on hand-written fixture articles
//! (run → train → score → inspect → lexicon), plus determinism checks.

mod common;

use assert_cmd::Command;
use common::framescope;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pipeline")
}

fn run_into(dir: &Path, out: &str, extra: &[&str]) -> std::process::Output {
    let out = framescope(dir)
        .args(["run", "--seeds"])
        .arg(fixtures())
        .args(["--out", out])
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn scores(path: &Path) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn run_writes_every_table_and_ranks_the_fixtures_by_their_framing() {
    let tmp = tempfile::tempdir().unwrap();
    run_into(tmp.path(), "out", &[]);
    let out = tmp.path().join("out");
    for f in ["scores.csv", "sentences.csv", "cleaning.csv", "model.json", "run.json"] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let text = std::fs::read_to_string(out.join("scores.csv")).unwrap();
    assert!(
        text.starts_with("id,title,outlet,date,n_sentences,framing_score,"),
        "{text}"
    );
    let rows = scores(&out.join("scores.csv"));
    let score = |id: &str| -> f64 { rows.iter().find(|r| &r[0] == id).unwrap()[5].parse().unwrap() };
    // k1/k2 are written with Moscow's vocabulary, w1/w2 with Western outlets'.
    for k in ["k1", "k2"] {
        for w in ["w1", "w2"] {
            assert!(score(k) > score(w), "{k} {} should be above {w} {}", score(k), score(w));
        }
    }
    // w2 has an empty first line: no headline is invented.
    assert_eq!(&rows.iter().find(|r| &r[0] == "w2").unwrap()[1], "");
    // Cut boilerplate is reported with its reason.
    let cleaning = std::fs::read_to_string(out.join("cleaning.csv")).unwrap();
    assert!(
        cleaning.contains("k1,4,boilerplate: advertisement,Advertisement"),
        "{cleaning}"
    );
    assert!(cleaning.contains("Read more: Unrelated story"), "{cleaning}");
    // run.json records inputs with their hashes, and the model and lexicon hashes.
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(manifest["inputs"].as_array().unwrap().len(), 4);
    assert_eq!(manifest["inputs"][0]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(manifest["model_sha256"].as_str().unwrap().len(), 64);
    assert!(manifest["stages"].as_array().unwrap().len() >= 3);
    // The command line that ran it, after the program's name.
    let args: Vec<&str> = manifest["arguments"]
        .as_array()
        .expect("arguments recorded")
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    let fixtures = fixtures();
    assert_eq!(
        args[1..],
        ["--quiet", "run", "--seeds", fixtures.to_str().unwrap(), "--out", "out"]
    );
    assert!(args[0].ends_with("framescope"), "{}", args[0]);
}

#[test]
fn same_inputs_give_byte_identical_tables_with_any_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    run_into(tmp.path(), "a", &[]);
    run_into(tmp.path(), "b", &[]);
    let mut one = framescope(tmp.path());
    let o = one
        .args(["--jobs", "1", "run", "--seeds"])
        .arg(fixtures())
        .args(["--out", "c"])
        .output()
        .unwrap();
    assert!(o.status.success());
    for f in ["scores.csv", "sentences.csv", "cleaning.csv", "model.json"] {
        let a = std::fs::read(tmp.path().join("a").join(f)).unwrap();
        assert_eq!(
            a,
            std::fs::read(tmp.path().join("b").join(f)).unwrap(),
            "{f} differs between runs"
        );
        assert_eq!(
            a,
            std::fs::read(tmp.path().join("c").join(f)).unwrap(),
            "{f} differs with --jobs 1"
        );
    }
}

#[test]
fn train_then_score_new_articles_then_inspect() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let ok = |c: &mut Command| {
        let o = c.output().unwrap();
        assert!(o.status.success(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    // Not quiet: `train -q` prints only the model's path, the summary is what is checked here.
    let stdout = ok(common::bin()
        .current_dir(d)
        .args(["train", "--model", "m/model.json"])
        .arg(fixtures()));
    assert!(stdout.contains("weakly labelled:"), "{stdout}");
    // Retraining with another margin keeps the previous model as a dated backup.
    ok(framescope(d)
        .args(["train", "--margin", "2", "--model", "m/model.json"])
        .arg(fixtures()));
    let names: Vec<String> = std::fs::read_dir(d.join("m"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names.iter().any(|n| n.starts_with("model.20") && n.ends_with(".json")),
        "{names:?}"
    );

    std::fs::write(d.join("new.jsonl"), "{\"id\":\"n1\",\"title\":\"Kyiv braces\",\"text\":\"Kyiv warned of a false flag pretext for invasion.\\n\\nMoscow-backed separatists shelled a school.\",\"outlet\":\"Example\"}\n").unwrap();
    ok(framescope(d).args(["score", "--model", "m/model.json", "--out", "s", "new.jsonl"]));
    let rows = scores(&d.join("s/scores.csv"));
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (&rows[0][0], &rows[0][1], &rows[0][2]),
        ("n1", "Kyiv braces", "Example")
    );
    assert!(
        rows[0][5].parse::<f64>().unwrap() < 0.0,
        "Western-framed article scored {}",
        &rows[0][5]
    );

    let shown = ok(framescope(d).args(["inspect", "n1", "--out", "s"]));
    assert!(
        shown.contains("Kyiv braces") && shown.contains("framing_score"),
        "{shown}"
    );
    assert!(shown.contains("W:false flag"), "{shown}");
    let o = framescope(d).args(["inspect", "nope", "--out", "s"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no article with id `nope`"));
}

/// `score` with a model on articles it was trained on (its run's own) says so, once: their
/// scores are in-sample, not the run's out-of-fold ones. On the terminal and in run.json's
/// problems; found by content, so an article under another id counts too. Articles it never
/// saw get no such note.
#[test]
fn score_notes_articles_in_the_models_training_text() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    run_into(d, "r", &[]);
    // One new article, and a copy of the training article k1 under another id.
    std::fs::write(
        d.join("new.jsonl"),
        "{\"id\":\"n1\",\"text\":\"Kyiv warned of a false flag pretext for invasion.\"}\n",
    )
    .unwrap();
    std::fs::create_dir(d.join("copy")).unwrap();
    std::fs::copy(fixtures().join("k1.txt"), d.join("copy/renamed.txt")).unwrap();
    let score = |out: &str, inputs: &[&Path]| -> (Vec<String>, Vec<String>) {
        let o = framescope(d)
            .args(["score", "--model", "r/model.json", "--out", out])
            .args(inputs)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(o.status.success(), "{err}");
        let said = err
            .lines()
            .filter(|l| l.contains("in the model's training text"))
            .map(|l| l.strip_prefix("framescope: ").unwrap().to_string())
            .collect();
        let run: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(d.join(out).join("run.json")).unwrap()).unwrap();
        let recorded = run["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .filter(|p| p.contains("in the model's training text"))
            .collect();
        (said, recorded)
    };
    let (said, recorded) = score("s", &[&fixtures(), &d.join("new.jsonl"), &d.join("copy")]);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with("note: 5 of the 6 scored articles are in the model's training text: their scores are in-sample, typically higher in magnitude than out-of-fold ones"),
        "{}",
        said[0]
    );
    assert_eq!(recorded, said);
    let (said, recorded) = score("n", &[&d.join("new.jsonl")]);
    assert!(said.is_empty() && recorded.is_empty(), "{said:?} {recorded:?}");
}

#[test]
fn score_reads_jsonl_on_stdin_and_writes_jsonl_on_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let o = framescope(d)
        .args(["train", "--model", "model.json"])
        .arg(fixtures())
        .output()
        .unwrap();
    assert!(o.status.success());
    let input = "{\"id\":\"a\",\"text\":\"Kyiv warned of invasion.\"}\n{\"id\":\"b\",\"text\":\"The Kiev regime ignored security guarantees.\"}\n";
    let o = framescope(d)
        .args(["score", "--model", "model.json", "--stdout", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["article"]["id"], "a");
    assert_eq!(lines[1]["sentences"][0]["kremlin_hits"][0], "Kiev");
    let (a, b) = (
        lines[0]["article"]["framing_score"].as_f64().unwrap(),
        lines[1]["article"]["framing_score"].as_f64().unwrap(),
    );
    assert!(a < b, "{a} {b}");
}

#[test]
fn lexicon_diagnostics_list_hits_per_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let o = framescope(tmp.path())
        .args(["lexicon", "--report", "rep"])
        .arg(fixtures())
        .output()
        .unwrap();
    assert!(o.status.success());
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(s.contains("4 articles"), "{s}");
    let line = s.lines().find(|l| l.starts_with("purely defensive")).unwrap();
    // "purely defensive" occurs in k1's headline and first sentence: 2 hits in 2 sentences.
    let cols: Vec<&str> = line.split_whitespace().collect();
    assert_eq!((cols[2], cols[4], cols[5]), ("kremlin", "2", "2"), "{line}");
    assert!(tmp.path().join("rep/lexicon_report.csv").is_file());
    // The terminal's columns are lexicon_report.csv's, by the same names.
    let csv = std::fs::read_to_string(tmp.path().join("rep/lexicon_report.csv")).unwrap();
    let csv_columns: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let header = s
        .lines()
        .find(|l| l.starts_with("phrase "))
        .expect("a header naming `phrase`");
    let named: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(
        named,
        [
            "phrase",
            "side",
            "weight",
            "occurrences",
            "sentences",
            "overlaps",
            "conflicts",
            "precision",
            "precision_low–high",
            "article_precision",
            "article_precision_low–high"
        ]
    );
    for c in named.iter().flat_map(|c| match *c {
        "precision_low–high" => vec!["precision_low", "precision_high"],
        "article_precision_low–high" => vec!["article_precision_low", "article_precision_high"],
        c => vec![c],
    }) {
        assert!(
            csv_columns.contains(&c),
            "{c} is not a column of lexicon_report.csv: {csv_columns:?}"
        );
    }
}

/// A corpus of `n` articles recombined from the fixture sentences (a fixed LCG picks them),
/// with three outlets and a date, as JSONL.
fn recombined_corpus(path: &Path, n: usize) {
    let mut pool: Vec<String> = Vec::new();
    for f in ["k1.txt", "k2.txt", "w1.txt", "w2.txt"] {
        let text = std::fs::read_to_string(fixtures().join(f)).unwrap();
        pool.extend(text.lines().filter(|l| l.ends_with('.')).map(String::from));
    }
    let mut state: u64 = 7;
    let mut next = |m: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize % m
    };
    let mut out = String::new();
    for i in 0..n {
        let body: Vec<&str> = (0..6).map(|_| pool[next(pool.len())].as_str()).collect();
        let outlet = ["Outlet A", "Outlet B", "Outlet C"][i % 3];
        let line = serde_json::json!({
            "id": format!("a{i:05}"),
            "title": format!("Report {i} on the drills"),
            "text": body.join("\n\n"),
            "outlet": outlet,
            "date": format!("2022-02-{:02}", 10 + i % 9),
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn several_batches_give_byte_identical_tables_with_any_thread_count_and_batch_size() {
    // 1,300 articles: six batches of `run` (256 each), past the 1,000 article vectors kept
    // for the similarity matrix, so the reader thread, the writer thread and batch
    // boundaries all take part.
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus.jsonl");
    recombined_corpus(&corpus, 1300);
    let run = |out: &str, jobs: &str| {
        let o = framescope(tmp.path())
            .args(["--jobs", jobs, "run", "--seeds"])
            .arg(&corpus)
            .args(["--out", out])
            .output()
            .unwrap();
        assert!(o.status.success(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    };
    run("many", "2");
    run("one", "1");
    let tables = [
        "scores.csv",
        "sentences.csv",
        "cleaning.csv",
        "attributions.csv",
        "shared_sentences.csv",
        "outlets.csv",
        "timeline.csv",
        "model.json",
    ];
    let same = |a: &str, b: &str, files: &[&str]| {
        for f in files {
            let x = std::fs::read(tmp.path().join(a).join(f)).unwrap();
            assert!(!x.is_empty(), "{a}/{f} is empty");
            assert_eq!(x, std::fs::read(tmp.path().join(b).join(f)).unwrap(), "{f}: {a} ≠ {b}");
        }
    };
    same("many", "one", &tables);
    same("many", "one", &["similarity.csv"]);
    assert_eq!(scores(&tmp.path().join("many/scores.csv")).len(), 1300);
    // The similarity matrix covers the first 1,000 articles, and the run says so.
    let sim = std::fs::read_to_string(tmp.path().join("many/similarity.csv")).unwrap();
    assert_eq!(sim.lines().count(), 1 + 1000);
    let manifest = std::fs::read_to_string(tmp.path().join("many/run.json")).unwrap();
    assert!(manifest.contains("cover the first 1000 of 1300 articles"), "{manifest}");
    // The framing arc shows the run's most framed articles, read back from sentences.csv
    // past the first 1,000: `chart` over the folder draws the same PNG (review, session 33:
    // the run's arc showed the first 1,000 articles' extremes).
    same("many", "one", &["charts/framing_arc.png"]);
    let redrawn = tmp.path().join("redrawn");
    common::copy_tree(&tmp.path().join("many"), &redrawn);
    let o = framescope(tmp.path())
        .args(["chart", "--out", "redrawn"])
        .output()
        .unwrap();
    assert!(o.status.success(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    same(
        "many",
        "redrawn",
        &["charts/framing_arc.png", "charts/framing_scores.png"],
    );
    // `score` with batches of 7 on two threads, and one batch on one thread.
    let model = tmp.path().join("many/model.json");
    for (out, jobs, batch) in [("s7", "2", "7"), ("s1", "1", "5000")] {
        let o = framescope(tmp.path())
            .args(["--jobs", jobs, "score", "--batch", batch, "--model"])
            .arg(&model)
            .args(["--out", out])
            .arg(&corpus)
            .output()
            .unwrap();
        assert!(o.status.success(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    }
    same("s7", "s1", &tables[..7]);
    // A frozen model scores its own training corpus exactly as an in-sample run does
    // (`--folds 0`); the default run scores out-of-fold, so its scores differ.
    let o = framescope(tmp.path())
        .args(["--jobs", "2", "run", "--folds", "0", "--seeds"])
        .arg(&corpus)
        .args(["--out", "in-sample"])
        .output()
        .unwrap();
    assert!(o.status.success(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    same("in-sample", "many", &["model.json"]);
    same("s7", "in-sample", &["scores.csv", "sentences.csv"]);
    assert_ne!(
        std::fs::read(tmp.path().join("s7/scores.csv")).unwrap(),
        std::fs::read(tmp.path().join("many/scores.csv")).unwrap(),
        "the default run should be cross-fitted"
    );
}

#[test]
fn a_fold_with_one_side_only_is_a_note_in_run_json_as_printed() {
    // Two articles, folds of one each: each fold trains on the other article alone, whose
    // sentences are all of one side, so both folds fall back to the full model.
    let tmp = tempfile::tempdir().unwrap();
    let seeds = tmp.path().join("two");
    std::fs::create_dir(&seeds).unwrap();
    std::fs::write(
        seeds.join("k.txt"),
        "Moscow on the Kiev regime\n\nThe Kiev regime shelled Donetsk again. The special military operation goes on.\n",
    )
    .unwrap();
    std::fs::write(
        seeds.join("w.txt"),
        "Kyiv after the invasion\n\nKyiv counted the dead of the invasion. The invasion goes on.\n",
    )
    .unwrap();
    let o = framescope(tmp.path())
        .args(["run", "--folds", "2", "--seeds"])
        .arg(&seeds)
        .args(["--out", "o"])
        .output()
        .unwrap();
    assert!(o.status.success(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    let note = "note: 2 of 2 cross-fitting folds had training sentences of one side only";
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(note),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("o/run.json")).unwrap()).unwrap();
    let problems: Vec<&str> = manifest["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(problems.iter().any(|p| p.starts_with(note)), "{problems:?}");
}

#[test]
fn a_rare_side_keeps_all_its_sentences_when_training_is_sampled() {
    // One Kremlin-side article (three Kremlin-labelled sentences: the headline's and the
    // body's "Kiev regime", the "special military operation") beside 400 Western-side ones,
    // sampled down to 20 training sentences. A uniform sample of the ~800 labelled sentences
    // kept none of the three (training stopped: one-sided training set); the sample is
    // stratified by side, so all three are trained on.
    let tmp = tempfile::tempdir().unwrap();
    let seeds = tmp.path().join("seeds");
    std::fs::create_dir(&seeds).unwrap();
    std::fs::write(
        seeds.join("k.txt"),
        "Moscow on the Kiev regime\n\nThe Kiev regime shelled Donetsk again. The special military operation goes on.\n",
    )
    .unwrap();
    let mut corpus = String::new();
    for i in 0..400 {
        let line = serde_json::json!({
            "id": format!("w{i:03}"),
            "title": format!("Day {i} of the invasion"),
            "text": format!("Kyiv counted the dead of the invasion on day {i}. Shops stayed shut."),
        });
        corpus.push_str(&line.to_string());
        corpus.push('\n');
    }
    std::fs::write(tmp.path().join("w.jsonl"), corpus).unwrap();
    let o = framescope(tmp.path())
        .args(["run", "--max-train-sentences", "20", "--folds", "0", "--seeds"])
        .arg(&seeds)
        .args(["--out", "o", "w.jsonl"])
        .output()
        .unwrap();
    assert!(o.status.success(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    let model: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("o/model.json")).unwrap()).unwrap();
    let t = &model["training"];
    assert_eq!(t["labelled_kremlin"], 3, "{t}");
    assert_eq!(t["trained_kremlin"], 3, "{t}");
    assert!(t["labelled_western"].as_u64().unwrap() >= 800, "{t}");
    // The Western side fills the rest of the cap (lexicon-labelled or propagated).
    let western = t["trained_western"].as_u64().unwrap();
    assert!((1..=17).contains(&western), "{t}");
}
