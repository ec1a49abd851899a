//! framescope's TF-IDF and logistic regression against scikit-learn's, without Python:
//! `tests/fixtures/parity/sklearn_expected.json` holds scikit-learn's results on the fixture
//! corpus (made by `tests/sklearn_parity.py`, see the fixture's README).

use framescope::corpus::expand_paths;
use framescope::eval::export::{export_training, TrainingExport};
use framescope::model::ClassifierParams;
use framescope::pipeline::{load_all, Resources};
use serde_json::Value;
use std::path::Path;

const FIXTURE: &str = "tests/fixtures/parity";
const REGENERATE: &str = "the parity fixture is stale (the analyzer, cleaner or training changed): regenerate it as tests/fixtures/parity/README.md says and review the diff";

fn framescope_side() -> TrainingExport {
    let dir = Path::new(FIXTURE);
    let res = Resources::from_data(Some(&dir.join("data")), None).unwrap();
    let (sources, problems) = expand_paths(&[dir.join("articles")]).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let loaded = load_all(sources, &res, |_| {}).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    export_training(&loaded.documents, &res, &ClassifierParams::default().check().unwrap()).unwrap()
}

fn expected() -> Value {
    let text = std::fs::read_to_string(Path::new(FIXTURE).join("sklearn_expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

#[test]
fn inputs_are_the_ones_scikit_learn_was_given() {
    let (x, e) = (framescope_side(), expected());
    let features: Vec<Vec<String>> = serde_json::from_value(e["features"].clone()).unwrap();
    let mine: Vec<Vec<String>> = x.sentences.iter().map(|s| s.features.clone()).collect();
    assert_eq!(mine, features, "{REGENERATE}");
    let rows: Vec<usize> = serde_json::from_value(e["train_rows"].clone()).unwrap();
    let labels: Vec<u8> = serde_json::from_value(e["train_labels"].clone()).unwrap();
    assert_eq!((&x.train_rows, &x.train_labels), (&rows, &labels), "{REGENERATE}");
    assert_eq!(x.alpha, e["alpha"].as_f64().unwrap(), "{REGENERATE}");
    // The fixture exercises what parity is about: repeated terms (sublinear tf), bigrams,
    // and unequal sides (oversampling with a seeded remainder).
    assert!(x.sentences.iter().any(|s| {
        let mut f = s.features.clone();
        f.sort();
        f.windows(2).any(|w| w[0] == w[1])
    }));
    let k = labels.iter().filter(|&&l| l == 1).count();
    assert_eq!(2 * k, labels.len());
    let mut distinct = rows.clone();
    distinct.sort();
    distinct.dedup();
    assert!(distinct.len() < rows.len(), "no row was oversampled");
}

#[test]
fn tfidf_equals_scikit_learn_to_1e12() {
    let (x, e) = (framescope_side(), expected());
    let terms: Vec<String> = serde_json::from_value(e["terms"].clone()).unwrap();
    assert_eq!(x.terms, terms, "vocabulary (sklearn's sorted feature names) differs");
    let idf = f64s(&e["idf"]);
    let d = x.idf.iter().zip(&idf).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    assert!(d <= 1e-12, "max idf difference {d:e}");
    let rows = e["tfidf"].as_array().unwrap();
    assert_eq!(rows.len(), x.sentences.len());
    let mut max = 0.0f64;
    for (s, r) in x.sentences.iter().zip(rows) {
        let theirs: Vec<(u32, f64)> = serde_json::from_value(r.clone()).unwrap();
        assert_eq!(
            s.tfidf.iter().map(|c| c.0).collect::<Vec<_>>(),
            theirs.iter().map(|c| c.0).collect::<Vec<_>>(),
            "non-zero columns differ in sentence {} of {}",
            s.index,
            s.article_id
        );
        for (a, b) in s.tfidf.iter().zip(&theirs) {
            max = max.max((a.1 - b.1).abs());
        }
    }
    assert!(max <= 1e-12, "max tf-idf difference {max:e}");
}

#[test]
fn probabilities_equal_scikit_learn_to_1e6() {
    let (x, e) = (framescope_side(), expected());
    let p = f64s(&e["p_kremlin"]);
    let max = x
        .sentences
        .iter()
        .zip(&p)
        .map(|(s, q)| (s.p_kremlin - q).abs())
        .fold(0.0, f64::max);
    assert!(max <= 1e-6, "max probability difference {max:e}");
    // Not a trivial agreement: the model separates the sentences.
    let spread = p.iter().cloned().fold(0.0, f64::max) - p.iter().cloned().fold(1.0, f64::min);
    assert!(spread > 0.2, "{spread}");
    let w = f64s(&e["weights"]);
    let dw = x.weights.iter().zip(&w).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    assert!(dw <= 1e-6, "max weight difference {dw:e}");
    assert!((x.intercept - e["intercept"].as_f64().unwrap()).abs() <= 1e-6);
}
