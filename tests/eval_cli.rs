//! `framescope eval`, `kwic` and the score intervals, end to end on fixtures written for
//! these tests (tests/fixtures/eval: the parity articles with sides in their file names).
//! Expected numbers are worked by hand from the fixture texts and the fixture lexicon.

mod common;

use common::bin as framescope;
use serde_json::Value;
use std::path::Path;

const DATA: &str = "tests/fixtures/parity/data";
const TRAIN: &str = "tests/fixtures/parity/articles";
const EVAL: &str = "tests/fixtures/eval";

fn read_json(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn setting<'a>(r: &'a Value, name: &str) -> &'a Value {
    r["settings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no setting {name}"))
}

fn score_of(s: &Value, id: &str) -> f64 {
    s["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap()["score"]
        .as_f64()
        .unwrap()
}

#[test]
fn cv_lexicon_baselines_match_hand_computation_and_folds_exclude_the_held_out_article() {
    let dir = tempfile::tempdir().unwrap();
    let out = framescope()
        .args(["eval", "-q", "--cv", "--data", DATA, "--train", TRAIN, "--out"])
        .arg(dir.path())
        .arg(EVAL)
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("small corpus"), "{stdout}");
    let r = read_json(&dir.path().join("eval.json"));
    assert_eq!(r["mode"], "leave-one-article-out");
    // Net weights of the same sums: a1 +13.5, a2 +8, a5 2 − 3.5 = −1.5, a6 +1.5.
    let net = setting(&r, "lexicon_net");
    for (id, want) in [
        ("kremlin_a1", 13.5),
        ("kremlin_a2", 8.0),
        ("kremlin_a5", -1.5),
        ("western_a6", 1.5),
    ] {
        assert!((score_of(net, id) - want).abs() < 1e-12, "{id}");
    }
    setting(&r, "lexicon_per_sentence");
    let lex = setting(&r, "lexicon_ratio");
    // Fixture lexicon weights, summed over each article's sentences:
    // a1 K 13.5 W 0 → +1; a2 K 8 → +1; a5 K 2 (security guarantees), W 3.5 (separatists,
    // Donbas, Kyiv) → (2 − 3.5)/5.5 = −3/11; a3 W only → −1; a4 W only → −1; a6 K 1.5
    // (Kiev) → +1.
    for (id, want) in [
        ("kremlin_a1", 1.0),
        ("kremlin_a2", 1.0),
        ("kremlin_a5", -3.0 / 11.0),
        ("western_a3", -1.0),
        ("western_a4", -1.0),
        ("western_a6", 1.0),
    ] {
        assert!((score_of(lex, id) - want).abs() < 1e-12, "{id}");
    }
    // Kremlin scores {1, 1, −3/11} against Western {−1, −1, 1}: each +1 wins twice and ties
    // once (2.5), −3/11 wins twice (2) → 7/9. At threshold 0: a5 and a6 wrong → 4/6.
    let m = &lex["metrics"];
    assert!((m["auc"].as_f64().unwrap() - 7.0 / 9.0).abs() < 1e-12);
    assert!((m["accuracy"].as_f64().unwrap() - 4.0 / 6.0).abs() < 1e-12);
    assert_eq!(m["confusion"]["kremlin_as_western"], 1);
    assert_eq!(m["confusion"]["western_as_kremlin"], 1);
    // Kremlin: precision 2/3, recall 2/3.
    assert!((m["kremlin"]["f1"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-12);

    // The fold of kremlin_a1 must equal a model trained by `train` on everything else.
    let model = dir.path().join("m.json");
    let mut train = framescope();
    train
        .args(["train", "-q", "--data", DATA, "--model"])
        .arg(&model)
        .arg(TRAIN);
    for f in ["kremlin_a2", "kremlin_a5", "western_a3", "western_a4", "western_a6"] {
        train.arg(format!("{EVAL}/{f}.txt"));
    }
    train.assert().success();
    let frozen_dir = dir.path().join("frozen");
    framescope()
        .args(["eval", "-q", "--train", TRAIN, "--model"])
        .arg(&model)
        .arg("--out")
        .arg(&frozen_dir)
        .arg(EVAL)
        .assert()
        .success();
    let f = read_json(&frozen_dir.join("eval.json"));
    // The evaluated articles are the training articles renamed, so all six are in the
    // model's training text (kremlin_a1 as a1_ministry, found by content): no holdout.
    assert_eq!(f["mode"], "in-sample");
    assert_eq!(f["in_model_training"].as_array().unwrap().len(), 6);
    let loo = score_of(setting(&r, "classifier_loo"), "kremlin_a1");
    let frozen = score_of(setting(&f, "classifier_frozen"), "kremlin_a1");
    assert!((loo - frozen).abs() < 1e-12, "{loo} vs {frozen}");
    // The frozen report carries every baseline and the gaps.
    for name in [
        "classifier_frozen",
        "classifier_transductive",
        "classifier_crossfit",
        "classifier_frozen_no_prior",
        "lexicon_net",
        "lexicon_per_sentence",
        "lexicon_ratio",
        "lexicon_per_sentence_voice",
        "classifier_frozen_mean",
        "classifier_transductive_plain",
        "masked_frozen",
        "masked_transductive",
    ] {
        setting(&f, name);
    }
    // One gap per classifier and masked setting, each to the strongest lexicon count.
    let gaps = f["gaps"].as_array().unwrap();
    assert_eq!(gaps.len(), 9);
    let best = [
        "lexicon_net",
        "lexicon_per_sentence",
        "lexicon_ratio",
        "lexicon_per_sentence_voice",
    ]
    .iter()
    .map(|n| setting(&f, n)["metrics"]["auc"].as_f64().unwrap())
    .fold(f64::NEG_INFINITY, f64::max);
    for g in gaps {
        let base = setting(&f, g["baseline"].as_str().unwrap());
        assert_eq!(base["metrics"]["auc"].as_f64().unwrap(), best);
    }
}

#[test]
fn eval_without_both_sides_says_where_labels_come_from() {
    framescope()
        .args(["eval", "-q", "--cv", "--data", DATA, "--train", TRAIN, TRAIN])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("kremlin_/western_ file-name prefix"));
}

#[test]
fn kwic_finds_every_inflection_with_context() {
    // "security guarantees" occurs four times in the fixture articles (a1 headline and
    // body, a2, a5); the query is singular and must match through the stemmer.
    let out = framescope()
        .args([
            "kwic",
            "-q",
            "--width",
            "2",
            "--data",
            DATA,
            "security guarantee",
            TRAIN,
        ])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), 4, "{stdout}");
    assert!(
        stdout.contains("a2_agency#3\trepeated that [security guarantees] for Russia"),
        "{stdout}"
    );
}

#[test]
fn score_intervals_bracket_the_score_within_bounds() {
    let dir = tempfile::tempdir().unwrap();
    framescope()
        .args(["run", "-q", "--data", DATA, "--seeds", TRAIN, "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let mut rd = csv::Reader::from_path(dir.path().join("scores.csv")).unwrap();
    let h = rd.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (s, lo, hi) = (col("framing_score"), col("score_low"), col("score_high"));
    let mut rows = 0;
    for r in rd.records() {
        let r = r.unwrap();
        let f = |i: usize| r[i].parse::<f64>().unwrap();
        assert!(-1.0 <= f(lo) && f(lo) <= f(s) && f(s) <= f(hi) && f(hi) <= 1.0, "{r:?}");
        assert!(f(hi) > f(lo), "sentences differ, so the interval has width: {r:?}");
        rows += 1;
    }
    assert_eq!(rows, 6);
}

#[test]
fn score_interval_matches_the_exact_binomial_quantiles() {
    // 20 sentences, half p = 0.9 (2p − 1 = +0.8), half p = 0.1 (−0.8). A resample's mean is
    // 0.8·(2K/20 − 1) with K ~ Binomial(20, ½). P(K ≤ 5) = 0.0207 and P(K ≤ 6) = 0.0577, so
    // the 2.5% quantile is K = 6 → −0.32 and, by symmetry, the 97.5% one K = 14 → +0.32.
    // With 20000 resamples the empirical quantiles sit far from the neighbouring values.
    let e: Vec<f64> = (0..20).map(|i| if i % 2 == 0 { 0.8 } else { -0.8 }).collect();
    let params = framescope::score::ScoreParams {
        bootstrap: 20_000,
        ..Default::default()
    };
    let Some(framescope::resample::MeanInterval::Resampled(lo, hi)) = framescope::score::bootstrap(&e, &params, "x")
    else {
        panic!("20 sentences are resampled")
    };
    assert!((lo + 0.32).abs() < 1e-9, "{lo:?}");
    assert!((hi - 0.32).abs() < 1e-9, "{hi:?}");
}

#[test]
fn mask_top_names_the_removed_entries_and_cv_reports_the_propagated_method() {
    let dir = tempfile::tempdir().unwrap();
    framescope()
        .args([
            "eval",
            "-q",
            "--cv",
            "--mask-top",
            "1",
            "--data",
            DATA,
            "--train",
            TRAIN,
            "--out",
        ])
        .arg(dir.path())
        .arg(EVAL)
        .assert()
        .success();
    let r = read_json(&dir.path().join("eval.json"));
    let note = r["notes"][0].as_str().unwrap();
    assert!(note.starts_with("--mask-top 1: "), "{note}");
    assert_eq!(r["options"]["mask_top"], 1);
    for name in [
        "classifier_loo_plain",
        "classifier_loo_propagated",
        "classifier_loo_voice",
        "lexicon_per_sentence_voice",
    ] {
        setting(&r, name);
    }
    // Unmasked, a1's net weight is 13.5 (above); one entry fewer leaves less, never more.
    let net = score_of(setting(&r, "lexicon_net"), "kremlin_a1");
    assert!(net <= 13.5, "{net}");
}

/// `eval --model` on the articles the model was trained on (a corpus-mode `run`'s model on
/// the articles it ran on) is in-sample, not a holdout: the header says so, one note names
/// how many and what to do instead, and eval.json carries the mode and the articles. A
/// model trained without them is a holdout, with no such note. (The seeds here are other
/// articles than TRAIN, of which the evaluated ones are copies.)
#[test]
fn eval_on_the_models_own_training_articles_is_called_in_sample() {
    const SEEDS: &str = "tests/fixtures/pipeline";
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ok = |args: &[&str]| -> String {
        let o = framescope()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let p = |name: &str| d.join(name).display().to_string();
    ok(&["run", "-q", "--data", DATA, "--seeds", SEEDS, "--out", &p("r"), EVAL]);
    let eval = |model: &str, out: &str| ok(&["eval", "-q", "--train", SEEDS, "--model", model, "--out", &p(out), EVAL]);
    let out = eval(&p("r/model.json"), "e");
    assert!(out.starts_with("in-sample evaluation: 6 labelled articles"), "{out}");
    assert!(!out.contains("holdout evaluation"), "{out}");
    let said: Vec<&str> = out.lines().filter(|l| l.contains("training text")).collect();
    assert_eq!(
        said,
        ["note: 6 of the 6 evaluated articles are in the model's training text: the frozen settings are in-sample for them, not a holdout; evaluate a model trained without them (framescope train --seeds …) or use eval --cv"],
        "{out}"
    );
    let r = read_json(&d.join("e/eval.json"));
    assert_eq!(r["mode"], "in-sample");
    assert_eq!(r["in_model_training"].as_array().unwrap().len(), 6);
    assert_eq!(
        r["notes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n.as_str().unwrap().contains("training text"))
            .count(),
        1
    );
    let frozen = setting(&r, "classifier_frozen")["description"].as_str().unwrap();
    assert!(frozen.contains("in-sample"), "{frozen}");
    // The seeds' model never saw them: a holdout.
    let seeds_model = p("m.json");
    ok(&["train", "-q", "--data", DATA, "--model", &seeds_model, SEEDS]);
    let out = eval(&seeds_model, "h");
    assert!(out.starts_with("holdout evaluation: 6 labelled articles"), "{out}");
    assert!(!out.contains("training text"), "{out}");
    let r = read_json(&d.join("h/eval.json"));
    assert_eq!(r["mode"], "holdout");
    assert_eq!(r["in_model_training"], serde_json::json!([]));
}

/// Review finding (session 29, left then; session 30): a manifest side contradicting the
/// file-name prefix, or naming neither side, was used or dropped without a word.
#[test]
fn a_manifest_side_that_contradicts_the_file_name_or_names_no_side_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("lab");
    std::fs::create_dir(&d).unwrap();
    let text = "Moscow said the drills were purely defensive.\nThe Kiev regime rejected the security guarantees, officials in Moscow said on Monday. Western curators keep pumping weapons into Ukraine, the ministry said.\n";
    for f in ["kremlin_a.txt", "western_b.txt", "western_c.txt", "d.txt"] {
        std::fs::write(d.join(f), text).unwrap();
    }
    std::fs::write(
        d.join("manifest.csv"),
        "file,side\nkremlin_a.txt,western\nwestern_b.txt,western\nd.txt,neutral\n",
    )
    .unwrap();
    let o = framescope()
        .current_dir(dir.path())
        .args(["-q", "analyze", "lab"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("lab/manifest.csv:4: warning: side `neutral` is neither kremlin nor western"),
        "{err}"
    );
    assert!(
        err.contains("lab/kremlin_a.txt: warning: manifest.csv gives the side `western`, the file name `kremlin_`: the manifest's side is used"),
        "{err}"
    );
    assert!(
        !err.contains("western_b.txt: warning"),
        "agreeing sides are not warned: {err}"
    );
    assert_eq!(err.matches("warning").count(), 2, "{err}");
}

/// Review, session 49: on Russian articles with the default `--train` (the English seeds),
/// masked_frozen scored every article 0 ("near chance") without saying why.
#[test]
fn eval_says_when_train_holds_no_text_of_the_evaluated_language() {
    let d = tempfile::tempdir().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let arts = d.path().join("arts");
    std::fs::create_dir(&arts).unwrap();
    std::fs::write(
        arts.join("kremlin_a.txt"),
        "Заголовок\n\nСпециальная военная операция на Украине идёт по плану. Киевский режим обстреливает Донбасс.\n",
    )
    .unwrap();
    std::fs::write(
        arts.join("western_a.txt"),
        "Заголовок\n\nВойна в Украине продолжается. Российское вторжение осудили в Европе.\n",
    )
    .unwrap();
    let o = framescope()
        .current_dir(d.path())
        .args(["-q", "train", "--seeds"])
        .arg(&seeds)
        .args(["--model", "m.json"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let o = framescope()
        .current_dir(d.path())
        .args(["eval", "--model", "m.json", "--train"])
        .arg(&seeds)
        .arg("arts")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("note: --train holds no `ru` text, so masked_frozen (retrained on it without the lexicon) scores the 2 `ru` article(s) 0"),
        "{err}"
    );
    // English labelled articles beside English training text: evaluated, and no such note.
    let en = d.path().join("en");
    std::fs::create_dir(&en).unwrap();
    std::fs::write(
        en.join("kremlin_a.txt"),
        "Headline\n\nThe special military operation protects Donbass from the Kiev regime.\n",
    )
    .unwrap();
    std::fs::write(
        en.join("western_a.txt"),
        "Headline\n\nThe Russian invasion of Ukraine continued as Moscow-backed separatists shelled Kyiv.\n",
    )
    .unwrap();
    let o = framescope()
        .current_dir(d.path())
        .args(["eval", "--model", "m.json", "--train"])
        .arg(&seeds)
        .arg("en")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("--train holds no"), "{err}");
}

/// Review I, session 50: a byte copy of an evaluated article with the opposite label was
/// evaluated twice without a word, and `--cv`'s note said every fold trained on all other
/// evaluated articles though the copies' folds left both out.
#[test]
fn evaluated_copies_are_named_and_the_fold_sizes_count_them() {
    let dir = tempfile::tempdir().unwrap();
    let labelled = dir.path().join("labelled");
    std::fs::create_dir(&labelled).unwrap();
    for e in std::fs::read_dir(EVAL).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, labelled.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        Path::new(EVAL).join("kremlin_a1.txt"),
        labelled.join("western_copy.txt"),
    )
    .unwrap();
    let note = "1 evaluated article(s) copy another (they share at least half of either one's sentences), each evaluated and counted on its own: kremlin_a1 = western_copy (labelled for both sides); remove the copies to count each story once";
    for cv in [true, false] {
        let mut c = framescope();
        c.args(["eval", "-q", "--data", DATA, "--train", TRAIN, "--out"])
            .arg(dir.path().join(format!("o{cv}")));
        if cv {
            c.arg("--cv");
        } else {
            let model = dir.path().join("model.json");
            framescope()
                .args(["-q", "train", "--data", DATA, "--seeds", TRAIN, "--model"])
                .arg(&model)
                .assert()
                .success();
            c.arg("--model").arg(&model);
        }
        let out = c.arg(&labelled).assert().success();
        let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        let r = read_json(&dir.path().join(format!("o{cv}")).join("eval.json"));
        let notes: Vec<&str> = r["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect();
        assert!(notes.contains(&note), "{notes:?}");
        assert!(stdout.contains("western_copy (labelled for both sides)"), "{stdout}");
        if cv {
            // 7 evaluated: a fold holds out one article (6 others train) or the pair (5).
            assert!(notes[0].starts_with("7 folds, each trained on "), "{}", notes[0]);
            assert!(notes[0].contains(" plus 5 to 6 evaluated article(s)"), "{}", notes[0]);
        }
    }
}
