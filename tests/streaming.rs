//! `train`, `kwic` and `lexicon` read a corpus in batches (of 256 articles) and drop each
//! batch once used: on a corpus of three batches with a bad line among them, what they find
//! is what a hand count of the written corpus says, in order, and `train` writes the model
//! `run` writes.

mod common;
use common::framescope;
use std::path::Path;

/// 700 articles (ids a000…a699; three batches) and one line that is not JSON after the
/// 400th (file line 401). "Kiev regime" is in a010, a300 and a650 only (sentence 1, after
/// the title); "special military operation" in every 7th article, "false flag" in every 5th.
fn corpus(dir: &Path) {
    let mut text = String::new();
    for i in 0..700 {
        if i == 400 {
            text.push_str("{\"id\": \"broken\", \"text\": \n");
        }
        let mut body = vec![format!("Officials spoke on day {i} of the talks in the capital.")];
        if [10, 300, 650].contains(&i) {
            body.push("Moscow blamed the Kiev regime for the shelling of the town.".into());
        }
        if i % 7 == 0 {
            body.push("The special military operation continued in the east, the ministry said.".into());
        }
        if i % 5 == 0 {
            body.push("Observers called the attack a false flag staged for the cameras.".into());
        }
        body.push(format!("Markets in the region closed early on day {i}."));
        let line = serde_json::json!({
            "id": format!("a{i:03}"),
            "title": format!("Report {i}"),
            "text": body.join(" "),
        });
        text.push_str(&line.to_string());
        text.push('\n');
    }
    std::fs::write(dir.join("corpus.jsonl"), text).unwrap();
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn kwic_finds_every_occurrence_across_batches_in_corpus_order() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    // Not quiet: the count of occurrences is a status line.
    let o = common::bin()
        .current_dir(tmp.path())
        .args(["kwic", "Kiev regime", "corpus.jsonl"])
        .output()
        .unwrap();
    // The bad line is reported with its place and skipped; the rest is searched.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("corpus.jsonl:401"), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let ids: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(id, _)| id)
        .collect();
    // Sentence 0 is the title, 1 the first sentence of the body, 2 the planted one.
    assert_eq!(ids, ["a010#2", "a300#2", "a650#2"], "{out}");
    assert!(
        stderr(&o).contains("3 occurrence(s) of `Kiev regime` in 3 of 700 article(s)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn lexicon_report_counts_every_batch() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let o = framescope(tmp.path())
        .args(["lexicon", "--report", "rep", "corpus.jsonl"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let mut rd = csv::Reader::from_path(tmp.path().join("rep/lexicon_report.csv")).unwrap();
    let headers = rd.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    let row = |phrase: &str| rows.iter().find(|r| &r[col("phrase")] == phrase).unwrap().clone();
    // Hand counts: multiples of 7 below 700 (0, 7, …, 693) are 100; of 5, 140; and 3 plants.
    for (phrase, n) in [
        ("Kiev regime", 3),
        ("special military operation", 100),
        ("false flag", 140),
    ] {
        let r = row(phrase);
        for c in ["occurrences", "sentences", "articles"] {
            assert_eq!(r[col(c)].parse::<usize>().unwrap(), n, "{phrase} {c}: {r:?}");
        }
    }
    // The planted phrases are in sentences of their own (the 20 articles with both have them
    // in two sentences): the matrix's column of one counts its own sentences only.
    let mut co = csv::Reader::from_path(tmp.path().join("rep/lexicon_cooccurrence.csv")).unwrap();
    let h = co.headers().unwrap().clone();
    let smo = h.iter().position(|x| x == "special military operation").unwrap();
    for r in co.records().map(Result::unwrap) {
        let want = match &r[0] {
            "special military operation" => 100,
            _ => 0,
        };
        assert_eq!(r[smo].parse::<usize>().unwrap(), want, "{r:?}");
    }
}

#[test]
fn train_on_a_corpus_of_batches_writes_the_model_run_writes() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let t = framescope(tmp.path())
        .args(["train", "--seeds", "corpus.jsonl", "--model", "m.json"])
        .output()
        .unwrap();
    assert_eq!(t.status.code(), Some(1), "{}", stderr(&t));
    assert!(stderr(&t).contains("corpus.jsonl:401"), "{}", stderr(&t));
    let r = framescope(tmp.path())
        .args(["run", "--seeds", "corpus.jsonl", "--out", "o"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1), "{}", stderr(&r));
    let model: serde_json::Value = serde_json::from_slice(&std::fs::read(tmp.path().join("m.json")).unwrap()).unwrap();
    assert_eq!(model["training"]["articles"], 700, "{}", model["training"]);
    assert_eq!(
        std::fs::read(tmp.path().join("m.json")).unwrap(),
        std::fs::read(tmp.path().join("o/model.json")).unwrap()
    );
}
