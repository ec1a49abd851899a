//! Tests of the jobs layer on fixtures written for them (tests/fixtures/pipeline: two
//! Kremlin-framed and two Western-framed articles; tests/fixtures/eval: six labelled ones).

use super::*;
use crate::corpus::{Article, ArticleReader, Item};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The fixture articles as a library caller would hold them.
fn articles(dir: &str) -> Vec<Article> {
    let (sources, _) = crate::corpus::expand_paths(&[fixtures(dir)]).unwrap();
    ArticleReader::new(sources)
        .map(|i| match i {
            Item::Article(a) => a,
            Item::Problem(p) => panic!("{p}"),
        })
        .collect()
}

/// Records every message a job sends.
#[derive(Default)]
struct Recorder {
    warnings: Mutex<Vec<String>>,
    stages: Mutex<Vec<String>>,
}

impl Progress for Recorder {
    fn start(&self, stage: &str) {
        self.stages.lock().unwrap().push(stage.into());
    }
    fn warn(&self, message: &str) {
        self.warnings.lock().unwrap().push(message.into());
    }
}

fn run_options(out: &Path) -> RunOptions {
    let mut o = RunOptions::new(fixtures("pipeline"), out);
    o.scoring.bootstrap = 100;
    o
}

#[test]
fn run_writes_every_output_and_returns_what_it_wrote() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(&run_options(tmp.path()), &NoProgress).unwrap();
    // Four fixture articles, none skipped.
    assert_eq!(r.articles.len(), 4);
    assert!(r.problems.is_empty());
    assert_eq!(r.model.training.articles, 4);
    let mut ids: Vec<&str> = r.articles.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["k1", "k2", "w1", "w2"]);
    // The returned hash is the saved file's (computed here independently).
    let bytes = std::fs::read(tmp.path().join("model.json")).unwrap();
    assert_eq!(r.model_sha256, format!("{:x}", Sha256::digest(&bytes)));
    for f in [
        "scores.csv",
        "sentences.csv",
        "cleaning.csv",
        "run.json",
        "report.html",
        "attributions.csv",
    ] {
        assert!(tmp.path().join(f).is_file(), "{f} missing");
    }
    // Every output listed in the manifest exists with the hash it records.
    for o in &r.manifest.outputs {
        let bytes = std::fs::read(tmp.path().join(&o.path)).unwrap();
        assert_eq!(o.sha256, format!("{:x}", Sha256::digest(&bytes)), "{}", o.path);
    }
    // The Kremlin-framed fixtures score above the Western-framed ones.
    let score = |id: &str| r.articles.iter().find(|a| a.id == id).unwrap().framing_score;
    assert!(score("k1").min(score("k2")) > score("w1").max(score("w2")));
}

#[test]
fn a_cross_fitted_run_scores_each_article_with_its_folds_classifier() {
    // Four fixture articles, default folds: k = min(10, 4) = 4, one article per fold
    // (leave-one-article-out). The library's in-memory route (train with folds, score with
    // them) must give the run's numbers exactly; the in-sample run must differ.
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let ran = run(&run_options(a.path()), &NoProgress).unwrap();
    let plain = run(
        &RunOptions {
            folds: Some(0),
            ..run_options(b.path())
        },
        &NoProgress,
    )
    .unwrap();
    assert_eq!(ran.manifest.parameters.folds, Some(4));
    assert_eq!(plain.manifest.parameters.folds, Some(0));
    // The saved model is the full fit either way.
    assert_eq!(ran.model_sha256, plain.model_sha256);
    let folds: serde_json::Value =
        serde_json::from_slice(&std::fs::read(a.path().join("folds.json")).unwrap()).unwrap();
    assert_eq!(folds["folds"], 4);
    assert_eq!(folds["classifiers"].as_array().unwrap().len(), 4, "{folds}");
    let t = train(
        &TrainOptions {
            folds: None,
            ..TrainOptions::new(Inputs::paths([fixtures("pipeline")]))
        },
        &NoProgress,
    )
    .unwrap();
    let cross = t.cross.clone().expect("cross-fitted");
    assert_eq!(cross.k(), 4);
    let mut o = ScoreOptions::new("<model>", Inputs::paths([fixtures("pipeline")]));
    o.loaded = Some(t.model);
    o.cross = Some(cross);
    o.scoring.bootstrap = 100;
    let scored = score(o, &NoProgress).unwrap();
    let mut differ = 0;
    for ((s, _), r) in scored.rows.iter().zip(&ran.articles) {
        assert_eq!(s.id, r.id);
        assert_eq!(s.framing_score, r.framing_score, "{}", s.id);
        assert_eq!(s.score_offset, r.score_offset, "{}", s.id);
        assert_eq!(s.compare.own_framing_score, r.compare.own_framing_score, "{}", s.id);
        let p = plain.articles.iter().find(|p| p.id == r.id).unwrap();
        differ += usize::from(p.framing_score != r.framing_score);
    }
    assert_eq!(differ, 4, "every article is scored by a classifier that did not see it");
    // Cross-fitted rows cannot go to a folder.
    let mut o = ScoreOptions::new(a.path().join("model.json"), Inputs::paths([fixtures("pipeline")]));
    o.cross = t.cross;
    o.target = ScoreTarget::Folder(b.path().join("x"));
    assert!(score(o, &NoProgress)
        .unwrap_err()
        .to_string()
        .contains("in memory only"));
}

/// Every output of a run is the same whether pass 2 scores the documents pass 1 kept (in
/// memory, on disk) or reads and analyses every article again.
#[test]
fn run_outputs_are_the_same_whatever_pass_one_kept() {
    use crate::analysis_cache::AnalysisBudget;
    let mut reference = None;
    for keep in [
        AnalysisBudget::NONE,
        AnalysisBudget::default(),
        AnalysisBudget {
            memory: 0,
            disk: u64::MAX,
        },
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let o = RunOptions {
            inputs: Inputs::paths([fixtures("eval")]),
            keep_analysis: keep,
            ..run_options(tmp.path())
        };
        run(&o, &NoProgress).unwrap();
        let files = outputs(tmp.path());
        assert!(files.len() > 5);
        match &reference {
            None => reference = Some(files),
            Some(r) => assert!(r == &files, "{keep:?}"),
        }
    }
}

/// Slim rows (what the CLI keeps) change nothing written: the same files, and the rows are
/// the whole rows without top terms and origin.
#[test]
fn slim_rows_write_the_same_outputs() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let o = |dir: &Path, full_rows: bool| RunOptions {
        inputs: Inputs::paths([fixtures("eval")]),
        full_rows,
        ..run_options(dir)
    };
    let full = run(&o(a.path(), true), &NoProgress).unwrap();
    let slim = run(&o(b.path(), false), &NoProgress).unwrap();
    assert!(full.articles.iter().any(|r| !r.top_terms_kremlin.is_empty()));
    assert!(slim
        .articles
        .iter()
        .all(|r| r.top_terms_kremlin.is_empty() && r.origin.is_empty()));
    let mut first_bad_date = false;
    let slimmed: Vec<_> = full
        .articles
        .into_iter()
        .map(|mut r| {
            super::run::slim(&mut r, &mut first_bad_date);
            r
        })
        .collect();
    assert_eq!(slimmed, slim.articles);
    let files = outputs(a.path());
    assert!(files.iter().any(|(f, _)| f.ends_with(".png")));
    assert!(files == outputs(b.path()));
}

/// Every file of an output folder but run.json and report.html (they record the time),
/// with its bytes, sorted by path.
fn outputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walk(dir)
        .into_iter()
        .filter(|p| !p.ends_with("run.json") && !p.ends_with("report.html"))
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn run_on_articles_in_memory_writes_the_same_tables_as_from_files() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    run(&run_options(a.path()), &NoProgress).unwrap();
    let mem = RunOptions {
        seeds: None,
        inputs: Inputs::articles(articles("pipeline")),
        // These articles are the seeds, as the Python package says of a seeds DataFrame.
        corpus_mode: Some(false),
        ..run_options(b.path())
    };
    let r = run(&mem, &NoProgress).unwrap();
    assert_eq!(r.articles.len(), 4);
    for f in ["scores.csv", "sentences.csv", "model.json"] {
        let x = std::fs::read(a.path().join(f)).unwrap();
        let y = std::fs::read(b.path().join(f)).unwrap();
        if f == "model.json" {
            // Only the recorded training inputs differ: files by path, memory as `<memory>`.
            let strip = |v: &[u8]| {
                let mut j: serde_json::Value = serde_json::from_slice(v).unwrap();
                j["training_inputs"] = serde_json::Value::Null;
                j
            };
            assert_eq!(strip(&x), strip(&y));
        } else {
            assert!(x == y, "{f} differs between file and memory input");
        }
    }
}

#[test]
fn score_with_the_saved_model_reproduces_an_in_sample_run() {
    let tmp = tempfile::tempdir().unwrap();
    let ran = run(
        &RunOptions {
            folds: Some(0),
            ..run_options(tmp.path())
        },
        &NoProgress,
    )
    .unwrap();
    assert!(!tmp.path().join("folds.json").exists());
    let mut o = ScoreOptions::new(tmp.path().join("model.json"), Inputs::paths([fixtures("pipeline")]));
    o.scoring.bootstrap = 100;
    let scored = score(o, &NoProgress).unwrap();
    assert_eq!(scored.total, 4);
    assert_eq!(scored.rows.len(), 4);
    for (s, _) in &scored.rows {
        let r = ran.articles.iter().find(|a| a.id == s.id).unwrap();
        assert_eq!(s.framing_score, r.framing_score, "{}", s.id);
        assert_eq!((s.score_low, s.score_high), (r.score_low, r.score_high), "{}", s.id);
        // Rows in memory carry the own-text columns the tables get.
        assert!(s.compare.own_text_share.is_some(), "{}", s.id);
        assert_eq!(
            (s.compare.own_text_share, s.compare.own_framing_score),
            (r.compare.own_text_share, r.compare.own_framing_score),
            "{}",
            s.id
        );
    }
    // JSON lines: one per article, in input order, each with its sentences.
    let buf = std::sync::Arc::new(Mutex::new(Vec::new()));
    struct Shared(std::sync::Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Shared {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let o = ScoreOptions {
        target: ScoreTarget::JsonLines(Box::new(Shared(buf.clone()))),
        ..ScoreOptions::new(tmp.path().join("model.json"), Inputs::paths([fixtures("pipeline")]))
    };
    assert_eq!(score(o, &NoProgress).unwrap().total, 4);
    let text = String::from_utf8(buf.lock().unwrap().clone()).unwrap();
    let ids: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["article"]["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let order: Vec<String> = scored.rows.iter().map(|(a, _)| a.id.clone()).collect();
    assert_eq!(ids, order);
}

#[test]
fn a_bad_article_is_reported_skipped_and_the_rest_scored() {
    let tmp = tempfile::tempdir().unwrap();
    run(&run_options(tmp.path()), &NoProgress).unwrap();
    let mut arts = articles("pipeline");
    let mut empty = arts[0].clone();
    empty.id = "empty".into();
    empty.title = None;
    empty.body = String::new();
    arts.push(empty);
    let rec = Recorder::default();
    let out = score(
        ScoreOptions::new(tmp.path().join("model.json"), Inputs::articles(arts)),
        &rec,
    )
    .unwrap();
    assert_eq!(out.total, 4);
    assert_eq!(out.problems.len(), 1);
    assert!(out.problems[0].skipped);
    // Reported through Progress as it happened (beside the weak-model warnings).
    let warnings = rec.warnings.lock().unwrap();
    let skipped: Vec<_> = warnings.iter().filter(|w| w.contains("skipped:")).collect();
    assert_eq!(skipped.len(), 1, "{warnings:?}");
    assert!(skipped[0].contains("no sentences survive cleaning"), "{warnings:?}");
    assert_eq!(*rec.stages.lock().unwrap(), ["scoring articles"]);
}

#[test]
fn fewer_than_four_counted_sentences_are_undecided() {
    let t = train(&TrainOptions::new(Inputs::articles(articles("pipeline"))), &NoProgress).unwrap();
    let base = articles("pipeline")[0].clone();
    let sentences = [
        "Moscow said the Kiev regime is shelling Donbass.",
        "Officials met in Minsk on Tuesday to discuss grain exports.",
        "The Kiev regime shelled Donetsk again, the militia said.",
        "Farmers in the region brought in the harvest early this year.",
    ];
    let article = |k: usize| crate::corpus::Article {
        id: format!("n{k}"),
        title: None,
        body: sentences[..k].join(" "),
        ..base.clone()
    };
    let q = t.model.params.quoted_weight;
    let mut o = ScoreOptions::new("<model>", Inputs::articles((1..=4).map(article).collect()));
    o.loaded = Some(t.model);
    let out = score(o, &NoProgress).unwrap();
    let (a1, s1) = &out.rows[0];
    assert_eq!(s1.len(), 1);
    assert!(
        a1.framing_score > 0.0,
        "a Kremlin-worded sentence: {}",
        a1.framing_score
    );
    // One, two or three counted sentences: the whole scale, so no side is claimed. (With two
    // sentences of evidence a < b, a resample's mean is a, (a + b)/2 or b with chances ¼, ½,
    // ¼, so the percentile bootstrap gave exactly [a, b] minus the offset: a side claimed
    // from two sentences. With three, each alone is 1/27 of resamples, past 2.5%.)
    for (k, (a, s)) in out.rows[..3].iter().enumerate() {
        assert_eq!(s.len(), k + 1, "{}", a.id);
        assert_eq!((a.score_low, a.score_high), (Some(-1.0), Some(1.0)), "{}", a.id);
        assert_eq!(a.leaning(), crate::score::Leaning::Undecided, "{}", a.id);
    }
    // Four: resampled, inside the range of the evidence (each − c, as framing_score is).
    let (a4, s4) = &out.rows[3];
    assert_eq!(s4.len(), 4);
    let e: Vec<f64> = s4
        .iter()
        .filter_map(|s| crate::score::sentence_evidence(s, q, a4.score_offset))
        .collect();
    assert_eq!(e.len(), 4);
    let c = a4.score_offset;
    let centred = |x: f64| (x - c).clamp(-1.0, 1.0);
    let (lo, hi) = (a4.score_low.unwrap(), a4.score_high.unwrap());
    let (min, max) = e.iter().fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    assert!(centred(min) <= lo && lo <= a4.framing_score && a4.framing_score <= hi && hi <= centred(max));
    assert_ne!((lo, hi), (-1.0, 1.0));
}

#[test]
fn train_without_a_path_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let o = TrainOptions::new(Inputs::articles(articles("pipeline")));
    let r = train(&o, &NoProgress).unwrap();
    assert_eq!(r.model.training.articles, 4);
    assert!(r.sha256.is_none() && r.backup.is_none());
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn eval_counts_the_labelled_articles_by_side() {
    let tmp = tempfile::tempdir().unwrap();
    let model = tmp.path().join("model.json");
    let t = TrainOptions {
        model: Some(model.clone()),
        ..TrainOptions::new(Inputs::paths([fixtures("eval")]))
    };
    train(&t, &NoProgress).unwrap();
    let o = EvalJobOptions {
        model: Some(model),
        cv: false,
        train: Inputs::paths([fixtures("eval")]),
        inputs: Inputs::paths([fixtures("eval")]),
        out: Some(tmp.path().join("ev")),
        data: DataOptions::default(),
        params: crate::model::ClassifierParams::default(),
        eval: crate::eval::EvalOptions {
            bootstrap: 100,
            ..Default::default()
        },
    };
    let r = eval(&o, &NoProgress).unwrap();
    // Three kremlin_ and three western_ files (their names say so).
    assert_eq!(r.report.articles, 6);
    let m = &r.report.settings[0].metrics;
    assert_eq!((m.kremlin_articles, m.western_articles), (3, 3));
    assert!(r.unlabelled.is_empty());
    let written: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(r.path.unwrap()).unwrap()).unwrap();
    assert_eq!(written["articles"], 6);
}

#[test]
fn retraining_into_a_folder_not_made_yet_compares_with_nothing() {
    // `retrain --out fresh`: --compare-to is --out, which does not exist yet.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("fresh");
    let mut o = run_options(&out);
    o.compare_to = Some(out.clone());
    let rec = Recorder::default();
    run(&o, &rec).unwrap();
    assert!(out.join("scores.csv").exists());
    assert!(!out.join("diff.csv").exists());
    let w = rec.warnings.lock().unwrap();
    assert!(w.iter().any(|m| m.contains("holds no earlier outputs")), "{w:?}");
    // Nothing compared: run.json says so by leaving compared_with out.
    let m = crate::report::RunManifest::read(&out.join("run.json")).unwrap();
    assert_eq!(m.compared_with, None);
    assert_eq!(m.parameters.compare_to, Some(Some(out.clone())));
}

/// Review, session 42: `run --compare-to output/model.json` into `output` recorded
/// `output/model.json`, the path the new model took; run.json names where the earlier one is
/// kept, the backup's model.json, whose bytes are the first run's.
#[test]
fn comparing_with_a_model_inside_out_records_the_backups_model() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run(&run_options(&out), &NoProgress).unwrap();
    let first = std::fs::read(out.join("model.json")).unwrap();
    let mut o = run_options(&out);
    o.compare_to = Some(out.join("model.json"));
    o.params.margin = 2.0;
    let r = run(&o, &NoProgress).unwrap();
    let backup = r.backup.expect("the previous outputs differ: kept");
    let m = crate::report::RunManifest::read(&out.join("run.json")).unwrap();
    let recorded = std::path::absolute(backup.join("model.json")).unwrap();
    assert_eq!(m.compared_with, Some(recorded.display().to_string()));
    assert_eq!(std::fs::read(&recorded).unwrap(), first);
    assert_ne!(std::fs::read(out.join("model.json")).unwrap(), first);
}

#[test]
fn retraining_records_where_the_outputs_it_compared_with_are_kept() {
    // `retrain`: compared with --out's own previous contents, which the swap moves to a
    // dated backup; run.json names that backup, not --out (which now holds the new run).
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run(&run_options(&out), &NoProgress).unwrap();
    let first = std::fs::read(out.join("scores.csv")).unwrap();
    let mut o = run_options(&out);
    o.compare_to = Some(out.clone());
    o.params.margin = 2.0;
    let r = run(&o, &NoProgress).unwrap();
    let backup = r.backup.expect("the previous outputs differ: kept");
    let m = crate::report::RunManifest::read(&out.join("run.json")).unwrap();
    assert_eq!(m.compared_with, Some(backup.display().to_string()));
    assert_eq!(m.parameters.compare_to, Some(Some(out.clone())), "the option as given");
    assert_eq!(std::fs::read(backup.join("scores.csv")).unwrap(), first);
    let raw: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(raw["compared_with"], backup.display().to_string());

    // Compared with another folder: that folder, as given.
    let other = tmp.path().join("other");
    let mut o = run_options(&other);
    o.compare_to = Some(backup.clone());
    run(&o, &NoProgress).unwrap();
    let m = crate::report::RunManifest::read(&other.join("run.json")).unwrap();
    assert_eq!(m.compared_with, Some(backup.display().to_string()));
}

/// Review, session 48: `retrain --kremlin-threshold …` and `run --compare-to … --bootstrap …`
/// said "settings: no change" (diff.csv had no `param` row), though `diff` of the same two
/// folders named the changes: the run compared its staging folder before its run.json, which
/// holds the scoring options, was written.
#[test]
fn a_retrain_with_other_thresholds_or_bootstrap_lists_them_as_settings() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run(&run_options(&out), &NoProgress).unwrap();
    let mut o = run_options(&out);
    o.compare_to = Some(out.clone());
    o.scoring.western_threshold = 0.3;
    o.scoring.bootstrap = 200;
    let r = run(&o, &NoProgress).unwrap();
    let c = r.changes.expect("compared with the earlier outputs");
    let params: Vec<(&str, &str, &str)> = c
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.old.as_str(), p.new.as_str()))
        .collect();
    let default_western = crate::score::ScoreParams::default().western_threshold.to_string();
    assert_eq!(
        params,
        [
            ("western_threshold", default_western.as_str(), "0.3"),
            ("bootstrap", "100", "200")
        ]
    );
    let diff = std::fs::read_to_string(out.join("diff.csv")).unwrap();
    assert_eq!(diff.lines().filter(|l| l.starts_with("param,")).count(), 2, "{diff}");
}

#[test]
fn an_output_folder_no_job_wrote_is_refused_before_any_work() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("thesis");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("chapter1.docx"), "mine").unwrap();
    let e = run(&run_options(&out), &NoProgress).unwrap_err().to_string();
    assert!(e.contains("which no framescope command writes"), "{e}");
    let left: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["chapter1.docx"]);
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "nothing made beside it"
    );
}

/// Review, session 42: model.json listed seed files skipped whole (empty, binary) among its
/// training inputs. A file skipped whole is left out; a file with a bad line is kept.
#[test]
fn training_inputs_leave_out_files_skipped_whole() {
    let record = |path: &str| crate::report::InputRecord {
        path: path.into(),
        bytes: 1,
        sha256: format!("h-{path}"),
        modified: None,
        in_memory: false,
        os_path: None,
    };
    let problem = |path: &str, line: Option<usize>, skipped: bool| crate::corpus::InputProblem {
        path: path.into(),
        line,
        message: "x".into(),
        skipped,
        id: None,
    };
    let inputs = [
        record("s/a.txt"),
        record("s/empty.txt"),
        record("s/b.jsonl"),
        record("s/warned.txt"),
    ];
    let problems = [
        problem("s/empty.txt", None, true),
        problem("s/b.jsonl", Some(3), true),
        problem("s/warned.txt", None, false),
    ];
    let kept: Vec<String> = super::common::training_inputs(&inputs, &problems)
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(kept, ["s/a.txt", "s/b.jsonl", "s/warned.txt"]);
}
