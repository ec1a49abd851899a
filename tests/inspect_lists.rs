//! `inspect` and `report` on an output folder of the real binary in which one sentence was
//! planted: its p_kremlin leans Kremlin while its own voice (scare quotes flipped) leans
//! Western, so it pulls framing_score toward Western. Review 19: `inspect` listed such a
//! sentence as "most Kremlin-framed"; `--top 0` printed "none past the threshold"; an
//! interval bound of +0.004 printed as +0.00 beside its label; quoted actors on no list were
//! "no side side" in report.html.

mod common;

use common::framescope;
use framescope::report::{read_scores, read_sentences, write_scores, write_sentences};
use std::path::Path;

const PLANTED: &str = "Crowds cheered the \"liberation\" of the town, officials wrote.";

/// `framescope run` on the pipeline fixtures into `dir/out`, then k1's sentence #2 replaced by
/// [`PLANTED`] (p_kremlin 0.80, own voice p 0.07 with a scare quote) and k1's interval set to
/// [+0.004, +0.43].
fn planted_run(dir: &Path) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pipeline");
    let o = framescope(dir)
        .args(["run", "--seeds"])
        .arg(&fixtures)
        .args(["--out", "out", "--bootstrap", "200"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = dir.join("out");
    let mut sentences = read_sentences(&out.join("sentences.csv")).unwrap();
    let s = sentences
        .iter_mut()
        .find(|s| s.article_id == "k1" && s.index == 2)
        .unwrap();
    let start = PLANTED.find("\"liberation\"").unwrap();
    *s = framescope::score::SentenceScore {
        text: PLANTED.into(),
        p_kremlin: 0.8,
        own_words: 10,
        p_own: Some(0.07),
        quoted_words: 0,
        p_quoted: None,
        voice: "own".into(),
        voice_spans: format!("{start}-{} scare", start + "\"liberation\"".len()),
        kremlin_hits: vec![],
        western_hits: vec![],
        ..s.clone()
    };
    write_sentences(&out.join("sentences.csv"), &sentences).unwrap();
    let mut scores = read_scores(&out.join("scores.csv")).unwrap();
    let k1 = scores.iter_mut().find(|a| a.id == "k1").unwrap();
    (k1.score.score_low, k1.score.score_high) = (Some(0.004), Some(0.43));
    write_scores(&out.join("scores.csv"), &scores).unwrap();
}

fn stdout(dir: &Path, args: &[&str]) -> String {
    let o = framescope(dir).args(args).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn inspect_lists_sentences_by_what_they_add_to_the_score_and_report_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    planted_run(d);
    let text = stdout(d, &["inspect", "k1", "--out", "out", "--top", "20"]);
    let section = |from: &str, to: &str| {
        let a = text.find(from).unwrap_or_else(|| panic!("no `{from}`: {text}"));
        let b = text[a..].find(to).map_or(text.len(), |b| a + b);
        text[a..b].to_string()
    };
    let kremlin = section("pulling most toward Kremlin", "pulling most toward Western");
    let western = section("pulling most toward Western", "\n\n");
    // The planted sentence pulls toward Western (e = 2·0.07 − 1 = −0.86, minus c), however
    // high its p_kremlin; the line says why.
    assert!(!kremlin.contains("#2 "), "{text}");
    let line = western
        .lines()
        .find(|l| l.starts_with("  #2 "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.contains("p=0.800  p_own=0.070 (10 own words, scare quotes flipped)  (own)  Crowds cheered"),
        "{line}"
    );
    let scores = read_scores(&d.join("out/scores.csv")).unwrap();
    let c = scores.iter().find(|a| a.id == "k1").unwrap().score_offset;
    assert!(
        line.starts_with(&format!("  #2   e − c={:+.3} ", -0.86 - c)),
        "c = {c}: {line}"
    );
    // The interval keeps the sign that makes k1 Kremlin-leaning.
    assert!(text.contains("95% interval [+0.004, +0.430]"), "{text}");
    assert!(text.contains("Kremlin-leaning"), "{text}");

    // --top 0: no lists, and no claim that nothing passed the thresholds.
    let none = stdout(d, &["inspect", "k1", "--out", "out", "--top", "0"]);
    assert!(none.ends_with("\n(no sentence lists: --top 0)\n"), "{none}");
    assert!(
        !none.contains("none past the threshold") && !none.contains("#2 "),
        "{none}"
    );

    // report.html: the sentence's tooltip gives its pull and its own-voice p; the interval
    // keeps its sign; no badge says "no side side".
    stdout(d, &["report", "--out", "out"]);
    let html = std::fs::read_to_string(d.join("out/report.html")).unwrap();
    let tip = html
        .split("title=\"p_kremlin 0.800 · adds e − c = ")
        .nth(1)
        .unwrap_or_else(|| panic!("no tooltip for the planted sentence"));
    let tip = &tip[..tip.find('"').unwrap()];
    assert!(tip.contains("(toward Western)"), "{tip}");
    assert!(
        tip.contains("own voice p 0.070 (scare-quoted terms count for the other side)"),
        "{tip}"
    );
    assert!(html.contains("[+0.004, +0.43]"), "interval");
    assert!(!html.contains("side side"));
}
