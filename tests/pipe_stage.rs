//! `score` as a pipe stage (issue 20): every record comes back as one line on stdout (scored
//! or skipped), one exit-code rule for `--stdout` and table mode, `--skip-ok`,
//! `--no-sentences`, dates as ISO, and scores that do not depend on the directory.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pipeline")
}

fn framescope(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("framescope").unwrap();
    c.current_dir(dir).arg("--quiet");
    c
}

fn train(dir: &Path) -> PathBuf {
    let o = framescope(dir)
        .args(["train", "--model", "m.json"])
        .arg(fixtures())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    dir.join("m.json")
}

fn score_stdout(dir: &Path, model: &Path, extra: &[&str], input: &str) -> (Option<i32>, Vec<Value>) {
    let o = framescope(dir)
        .args(["score", "--model"])
        .arg(model)
        .arg("--stdout")
        .args(extra)
        .arg("-")
        .write_stdin(input.to_string())
        .output()
        .unwrap();
    let lines = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (o.status.code(), lines)
}

const GOOD: &str = "{\"id\":\"a\",\"text\":\"Kyiv warned of invasion.\",\"date\":1709251200000}\n{\"title\":\"No id\",\"text\":\"The Kiev regime ignored security guarantees.\",\"date\":1709251200}\n";
const BAD: &str = "{not json\n{\"id\":\"e\",\"text\":\"\"}\n";

#[test]
fn every_record_comes_back_as_one_line_scored_or_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let m = train(d);
    let input = format!("{}{BAD}", GOOD);
    let (code, lines) = score_stdout(d, &m, &[], &input);
    assert_eq!(code, Some(1));
    assert_eq!(lines.len(), 4, "{lines:?}");
    let scored: Vec<&Value> = lines.iter().filter(|l| l.get("article").is_some()).collect();
    let skipped: Vec<&Value> = lines.iter().filter(|l| l.get("skipped").is_some()).collect();
    assert_eq!(scored.len(), 2);
    assert_eq!(scored[0]["id"], "a");
    assert_eq!(scored[0]["article"]["id"], "a");
    // Epoch milliseconds and epoch seconds of 2024-03-01T00:00:00Z, written as ISO.
    assert_eq!(scored[0]["article"]["date"], "2024-03-01");
    assert_eq!(scored[1]["article"]["date"], "2024-03-01");
    let id_less = framescope::corpus::content_id(Some("No id"), "The Kiev regime ignored security guarantees.");
    assert_eq!(scored[1]["id"], id_less.as_str());
    assert!(scored[0]["sentences"].as_array().is_some_and(|s| !s.is_empty()));
    let mut reported: Vec<(Value, String)> = skipped
        .iter()
        .map(|l| (l["id"].clone(), l["origin"].as_str().unwrap().to_string()))
        .collect();
    reported.sort_by_key(|r| r.1.clone());
    assert_eq!(
        reported,
        vec![
            (Value::Null, "<stdin>:3".into()),
            (Value::from("e"), "<stdin>:4".into())
        ]
    );
    assert!(skipped.iter().all(|l| !l["skipped"].as_str().unwrap().is_empty()));

    // --skip-ok: the same lines, exit 0; --no-sentences leaves the sentences out.
    let (code, ok_lines) = score_stdout(d, &m, &["--skip-ok", "--no-sentences"], &input);
    assert_eq!(code, Some(0));
    assert_eq!(ok_lines.len(), 4);
    for (a, b) in lines.iter().zip(&ok_lines) {
        assert_eq!(a.get("article"), b.get("article"));
        assert_eq!(a.get("skipped"), b.get("skipped"));
        assert!(b.get("sentences").is_none());
    }
}

#[test]
fn records_come_back_in_input_order() {
    // Skipped lines between scored ones stay where they were read (line 1 and line 3).
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let m = train(d);
    let (good_a, good_b) = GOOD.split_once('\n').unwrap();
    let (bad_json, bad_empty) = BAD.split_once('\n').unwrap();
    let input = format!("{bad_json}\n{good_a}\n{bad_empty}{good_b}");
    let (code, lines) = score_stdout(d, &m, &["--no-sentences"], &input);
    assert_eq!(code, Some(1));
    let id_less = framescope::corpus::content_id(Some("No id"), "The Kiev regime ignored security guarantees.");
    let ids: Vec<Value> = lines.iter().map(|l| l["id"].clone()).collect();
    assert_eq!(
        ids,
        [
            Value::Null,
            Value::from("a"),
            Value::from("e"),
            Value::from(id_less.as_str())
        ]
    );
    assert_eq!(lines[0]["origin"], "<stdin>:1");
    assert_eq!(lines[2]["origin"], "<stdin>:3");
}

#[test]
fn one_exit_code_rule_for_stdout_and_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let m = train(d);
    std::fs::write(d.join("good.jsonl"), GOOD).unwrap();
    std::fs::write(d.join("mixed.jsonl"), format!("{GOOD}{BAD}")).unwrap();
    std::fs::write(d.join("bad.jsonl"), BAD).unwrap();
    std::fs::write(d.join("empty.jsonl"), "").unwrap();
    let table = |file: &str, extra: &[&str]| {
        framescope(d)
            .args(["score", "--model", "m.json", "--out"])
            .arg(format!("o-{file}-{}", extra.len()))
            .args(extra)
            .arg(file)
            .output()
            .unwrap()
            .status
            .code()
    };
    let stdout = |file: &str, extra: &[&str]| {
        let input = std::fs::read_to_string(d.join(file)).unwrap();
        score_stdout(d, &m, extra, &input).0
    };
    // (input, exit without --skip-ok, exit with it)
    for (file, plain, skip_ok) in [
        ("good.jsonl", 0, 0),
        ("mixed.jsonl", 1, 0),
        ("bad.jsonl", 2, 0),
        ("empty.jsonl", 2, 0),
    ] {
        assert_eq!(table(file, &[]), Some(plain), "table {file}");
        assert_eq!(stdout(file, &[]), Some(plain), "stdout {file}");
        assert_eq!(table(file, &["--skip-ok"]), Some(skip_ok), "table --skip-ok {file}");
        assert_eq!(stdout(file, &["--skip-ok"]), Some(skip_ok), "stdout --skip-ok {file}");
    }
    // Nothing usable with --skip-ok still leaves a complete (empty) table folder.
    let scores = std::fs::read_to_string(d.join("o-bad.jsonl-1/scores.csv")).unwrap();
    assert_eq!(scores.lines().count(), 1, "{scores}");
}

#[test]
fn scores_do_not_depend_on_the_working_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let m = train(d);
    let model: Value = serde_json::from_str(&std::fs::read_to_string(&m).unwrap()).unwrap();
    assert!(model["actors"]["kremlin"]
        .as_array()
        .is_some_and(|a| a.iter().any(|n| n == "Peskov")));
    let input = "{\"id\":\"s\",\"text\":\"Peskov told reporters the drills were defensive.\\nBlinken said troops massed at the border.\"}\n";
    let (_, here) = score_stdout(d, &m, &["--no-sentences"], input);
    // A directory whose ./data lists other actors: the model's lists still decide.
    let other = d.join("elsewhere");
    std::fs::create_dir_all(other.join("data/actors")).unwrap();
    for side in ["kremlin", "western", "ukraine"] {
        std::fs::write(other.join(format!("data/actors/{side}.txt")), "Nobody Known\n").unwrap();
    }
    let (_, there) = score_stdout(&other, &m, &["--no-sentences"], input);
    assert_eq!(here, there);
    assert_eq!(here[0]["article"]["n_attributed"], 2, "{here:?}");
    assert_eq!(here[0]["article"]["sourcing_balance"], 0.0);
}

/// Review, session 34: `score --out DIR -` recorded no input (`"inputs": []` beside
/// `"articles": 2`) and `train -` no training input for stdin. Stdin is recorded as
/// `<stdin>` with the sha256 and size of the bytes read, computed here independently.
#[test]
fn stdin_is_recorded_with_the_hash_of_what_was_read() {
    use sha2::{Digest, Sha256};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let model = train(dir);
    let input = concat!(
        "{\"id\": \"s1\", \"text\": \"Moscow-backed separatists shelled a kindergarten, Kyiv said.\"}\n",
        "{\"id\": \"s2\", \"text\": \"The Kiev regime ignores Russia's security guarantees.\"}\n"
    );
    let expected = (STDIN.to_string(), format!("{:x}", Sha256::digest(input.as_bytes())));
    let o = framescope(dir)
        .args(["score", "--model"])
        .arg(&model)
        .args(["--out", "s", "-"])
        .write_stdin(input.to_string())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let run: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("s/run.json")).unwrap()).unwrap();
    let inputs = run["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 1, "{inputs:?}");
    assert_eq!(
        (
            inputs[0]["path"].as_str().unwrap().to_string(),
            inputs[0]["sha256"].as_str().unwrap().to_string()
        ),
        expected
    );
    assert_eq!(inputs[0]["bytes"], input.len());
    let o = framescope(dir)
        .args(["train", "--model", "t/model.json"])
        .arg(fixtures())
        .arg("-")
        .write_stdin(input.to_string())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let m: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("t/model.json")).unwrap()).unwrap();
    let recorded: Vec<(String, String)> = m["training_inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_str().unwrap().to_string(), p[1].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(recorded.last(), Some(&expected), "{recorded:?}");
    assert!(recorded.len() > 1, "the fixture files are recorded too: {recorded:?}");
}

/// Review, session 45: the commands that add files to a folder (`keyness`, `overlap`,
/// `lexicon --report`, `export-training`, `eval --out`) took `-` and recorded no input in
/// their `<command>.run.json`. Each records `<stdin>` with the sha256 of the bytes read.
#[test]
fn add_on_commands_record_stdin_too() {
    use sha2::{Digest, Sha256};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let input: String = [
        ("kremlin_1", "The Kiev regime ignores Russia's security guarantees, the ministry said. The special military operation goes on."),
        ("kremlin_2", "Western curators keep pumping weapons into the Kiev regime. Russia's drills are purely defensive."),
        ("western_1", "Moscow-backed separatists shelled a kindergarten, Kyiv said. The invasion was a false flag."),
        ("western_2", "Russia's invasion of Ukraine continued as Kyiv braced for attacks by Moscow-backed separatists."),
    ]
    .iter()
    .map(|(id, text)| {
        let label = id.split('_').next().unwrap();
        format!("{{\"id\": \"{id}\", \"label\": \"{label}\", \"text\": \"{text}\"}}\n")
    })
    .collect();
    let sha = format!("{:x}", Sha256::digest(input.as_bytes()));
    for (args, record) in [
        (vec!["keyness", "--out", "k", "--no-chart"], "k/keyness.run.json"),
        (vec!["overlap", "--out", "o"], "o/overlap.run.json"),
        (vec!["lexicon", "--report", "l"], "l/lexicon.run.json"),
        (vec!["export-training", "--out", "e"], "e/training_export.run.json"),
        (
            vec!["eval", "--cv", "--bootstrap", "0", "--out", "v"],
            "v/eval.run.json",
        ),
    ] {
        let o = framescope(dir)
            .args(&args)
            .arg("-")
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert!(
            o.status.code().is_some_and(|c| c < 2),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let run: Value = serde_json::from_str(&std::fs::read_to_string(dir.join(record)).unwrap()).unwrap();
        let inputs = run["inputs"].as_array().unwrap();
        assert_eq!(inputs[0]["path"], STDIN, "{args:?}: {inputs:?}");
        assert_eq!(inputs[0]["sha256"], sha.as_str(), "{args:?}");
        assert_eq!(inputs[0]["bytes"], input.len(), "{args:?}");
    }
}

const STDIN: &str = "<stdin>";

/// Review J, session 51: `score -` on an empty pipe said "no usable articles to score (0
/// input(s) skipped)", naming no input. It names standard input, with the same exit code.
#[test]
fn an_empty_stdin_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let model = train(dir);
    for target in [vec!["--out", "s"], vec!["--stdout"]] {
        let o = framescope(dir)
            .args(["score", "--model"])
            .arg(&model)
            .args(&target)
            .arg("-")
            .write_stdin(String::new())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{target:?}: {err}");
        assert!(
            err.contains("no usable articles to score: standard input (`-`) was empty"),
            "{target:?}: {err}"
        );
    }
}
