//! Issue 15, goal 3: adding an article to the training text (one more seed, or running
//! beside other articles) must not flip the sign of a clearly framed article. The real
//! binary on the hand-written parity fixture (its own data files and lexicon) and the eval
//! fixture articles.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// framing_score and lexicon_score per article id of a `run` on the fixture seeds plus
/// `extra` inputs.
fn run(out: &Path, extra: &[PathBuf], lexicon_prior: Option<&str>) -> BTreeMap<String, (f64, f64)> {
    let mut c = common::bin();
    c.arg("--quiet")
        .arg("run")
        .arg("--data")
        .arg(root().join("tests/fixtures/parity/data"))
        .arg("--seeds")
        .arg(root().join("tests/fixtures/parity/articles"))
        .arg("--out")
        .arg(out);
    if let Some(l) = lexicon_prior {
        c.args(["--lexicon-prior", l]);
    }
    let o = c.args(extra).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut r = csv::Reader::from_path(out.join("scores.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (id, f, l) = (col("id"), col("framing_score"), col("lexicon_score"));
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            (rec[id].to_string(), (rec[f].parse().unwrap(), rec[l].parse().unwrap()))
        })
        .collect()
}

#[test]
fn clearly_framed_articles_keep_their_sign_when_the_training_text_grows() {
    let dir = tempfile::tempdir().unwrap();
    let eval = root().join("tests/fixtures/eval");
    let alone = run(&dir.path().join("alone"), &[], None);
    let plus_one = run(&dir.path().join("plus1"), &[eval.join("western_a6.txt")], None);
    let beside = run(&dir.path().join("beside"), std::slice::from_ref(&eval), None);
    // "Clearly framed": net lexicon weight of at least 5 either way (the fixture's a1 +13.5,
    // a2 +8, a3 −11.5, a4 −7). Each scores on its lexicon's side in all three runs.
    let clear: Vec<_> = alone.iter().filter(|(_, (_, l))| l.abs() >= 5.0).collect();
    assert_eq!(clear.len(), 4, "{alone:?}");
    for (id, &(_, lex)) in clear {
        for (name, r) in [("alone", &alone), ("plus one", &plus_one), ("beside", &beside)] {
            let f = r[id].0;
            assert!(f * lex > 0.0, "{id} ({name}): framing {f} against lexicon {lex}");
        }
    }
    // The weakly framed a5 (net −1.5: "security guarantees" against three Western hits) is
    // on its lexicon's side with the default prior (measured: the classifier alone,
    // `--lexicon-prior 0`, scored it +0.019, against its lexicon — the symptom of issue 15,
    // where seed 002 scored against its own lexicon hits).
    let a5 = alone.keys().find(|k| k.starts_with("a5")).unwrap().clone();
    assert!(alone[&a5].0 < 0.0, "{:?}", alone[&a5]);
    // The prior is what the option sets: λ = 2 pulls every clearly framed article further
    // to its lexicon's side than λ = 0.
    let strong = run(&dir.path().join("strong"), &[], Some("2"));
    let none = run(&dir.path().join("none"), &[], Some("0"));
    for (id, &(_, lex)) in alone.iter().filter(|(_, (_, l))| l.abs() >= 5.0) {
        assert!(strong[id].0 * lex.signum() > none[id].0 * lex.signum(), "{id}");
    }
}
