//! Issue 15, goal 3: adding an article to the training text (one more seed, or running
//! beside other articles) must not flip the sign of a clearly framed article. The real
//! binary on the hand-written parity fixture (its own data files and lexicon) and the eval
//! fixture articles.

mod common;

use std::collections::BTreeMap;
use std::ffi::OsStr;
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

/// Goal 3 for cross-fitting (session 39): with more articles than folds, folds go by article
/// id, so an article inserted before the others gives none of them other fold-mates. Under
/// the row-order folds of before, `x0` (read first of its folder) moved every later article's
/// fold, and `diff` marked them `folds:reassigned` (checked with the binary of main 83ba520:
/// all 15 common articles, the seeds too, whose fold-mates among the others changed).
#[test]
fn an_article_inserted_before_the_others_reassigns_no_folds() {
    let dir = tempfile::tempdir().unwrap();
    let (before, after) = (dir.path().join("before"), dir.path().join("after"));
    std::fs::create_dir_all(&before).unwrap();
    std::fs::create_dir_all(&after).unwrap();
    // Ten articles, no two sharing a sentence (copies would share their original's fold).
    let towns = [
        "Avdiivka",
        "Bakhmut",
        "Chernihiv",
        "Dnipro",
        "Enerhodar",
        "Fastiv",
        "Horlivka",
        "Izium",
        "Kherson",
        "Lysychansk",
    ];
    for (i, town) in towns.iter().enumerate() {
        let text = if i % 2 == 0 {
            format!("Talks stall near {town}\n\nOfficials in Kiev ignored the security guarantees on day {i}.\nThe special military operation in Donbass went on near {town}.\nA reporter in {town} said the Kiev regime refused talks.\n")
        } else {
            format!("Shelling near {town}\n\nTroops in Kyiv braced for the invasion on day {i}.\nMoscow-backed separatists shelled {town} overnight.\nA reporter in {town} described the separatists' advance.\n")
        };
        let name = format!("x{i}.txt");
        if i > 0 {
            std::fs::write(before.join(&name), &text).unwrap();
        }
        std::fs::write(after.join(&name), &text).unwrap();
    }
    // `run` on the parity seeds in `dir`; its stdout.
    let run = |args: &[&OsStr]| {
        let o = common::framescope(dir.path())
            .arg("run")
            .arg("--data")
            .arg(root().join("tests/fixtures/parity/data"))
            .arg("--seeds")
            .arg(root().join("tests/fixtures/parity/articles"))
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let os = |s: &'static str| OsStr::new(s);
    run(&[os("--folds"), os("3"), os("--out"), os("one"), before.as_os_str()]);
    let said = run(&[
        os("--folds"),
        os("3"),
        os("--out"),
        os("two"),
        os("--compare-to"),
        os("one"),
        after.as_os_str(),
    ]);
    let folds = |out: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(out).join("folds.json")).unwrap()).unwrap()
    };
    // 15 and 16 articles in 3 folds: by id, and no article copies another.
    for out in ["one", "two"] {
        assert_eq!(folds(out)["assigned_by"], "id", "{out}");
        assert_eq!(folds(out)["copies"], serde_json::json!([]), "{out}");
    }
    let diff = std::fs::read_to_string(dir.path().join("two/diff.csv")).unwrap();
    assert!(diff.lines().any(|l| l.starts_with("article,x5,")), "{diff}");
    assert!(
        !diff.contains("folds:reassigned") && !diff.contains("fold-mates"),
        "{diff}"
    );
    assert!(!said.contains("fold-mates"), "{said}");
    // run.json names the folder compared with absolutely (`--compare-to one` was relative).
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("two/run.json")).unwrap()).unwrap();
    let with = PathBuf::from(manifest["compared_with"].as_str().unwrap());
    assert!(with.is_absolute(), "{with:?}");
    assert_eq!(
        with.canonicalize().unwrap(),
        dir.path().join("one").canonicalize().unwrap()
    );
    // The six parity seeds alone (fewer than the default 10 folds): one fold each, by order.
    run(&[os("--out"), os("alone")]);
    assert_eq!(folds("alone")["assigned_by"], "order");
}

/// Review finding (session 44): the model changed with the order of its inputs (the same
/// JSONL reversed moved 11 of 15 scores by up to 0.006): training took the weakly labelled
/// sentences in input order, and the balancing's extra rows by position. The eval fixture
/// articles as JSONL, forward and reversed, with the whole sample (default cap) and with a
/// cap that makes the sample drop sentences: the same model bytes.
#[test]
fn the_model_does_not_depend_on_the_order_of_its_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines: Vec<String> = std::fs::read_dir(root().join("tests/fixtures/eval"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension() == Some(OsStr::new("txt")))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            serde_json::json!({"id": id, "text": text}).to_string()
        })
        .collect();
    lines.sort();
    assert!(lines.len() >= 6, "{}", lines.len());
    let forward = dir.path().join("forward.jsonl");
    std::fs::write(&forward, lines.join("\n") + "\n").unwrap();
    lines.reverse();
    let reversed = dir.path().join("reversed.jsonl");
    std::fs::write(&reversed, lines.join("\n") + "\n").unwrap();
    let model = |input: &Path, cap: &str, name: &str| {
        // The same file name, so the recorded training input is the same path.
        let d = dir.path().join(name);
        std::fs::create_dir(&d).unwrap();
        std::fs::copy(input, d.join("in.jsonl")).unwrap();
        common::bin()
            .current_dir(&d)
            .args([
                "--quiet",
                "train",
                "--max-train-sentences",
                cap,
                "--model",
                "model.json",
                "in.jsonl",
            ])
            .assert()
            .success();
        let m: serde_json::Value = serde_json::from_slice(&std::fs::read(d.join("model.json")).unwrap()).unwrap();
        m
    };
    for cap in ["2000", "6"] {
        let (a, b) = (
            model(&forward, cap, &format!("f{cap}")),
            model(&reversed, cap, &format!("r{cap}")),
        );
        assert_eq!(a["weights"], b["weights"], "cap {cap}");
        assert_eq!(a["intercept"], b["intercept"], "cap {cap}");
        // Everything but the input's hash (the files differ in line order) is the same.
        let strip = |mut m: serde_json::Value| {
            m["training_inputs"] = serde_json::Value::Null;
            m
        };
        assert_eq!(strip(a), strip(b), "cap {cap}");
    }
}

/// Review G and H, session 50: the same articles in another order gave other scores (802 of
/// 895 moved, up to 0.05; leanings and an outlet's side changed). Copies were found against
/// earlier articles only (a short brief after the story it reprints was a copy, before it
/// was not), and so the cross-fitting folds depended on the order; outlet intervals drew
/// the articles in input order; a sentence shared by several articles named the first one
/// read. The fixture articles plus a long story, a brief reprinting two of its sentences,
/// and a line three articles share, as JSONL forward and reversed: every table holds the
/// same rows (scores.csv but for `origin`, the line read).
#[test]
fn a_run_does_not_depend_on_the_order_of_its_articles() {
    let dir = tempfile::tempdir().unwrap();
    let mut texts: Vec<(String, String)> = ["tests/fixtures/eval", "tests/fixtures/compare/articles"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root().join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension() == Some(OsStr::new("txt")))
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    texts.sort();
    let story: Vec<String> = (1..=12)
        .map(|i| {
            format!("Story sentence {i}: Moscow-backed separatists shelled the town of Shchastia again overnight.")
        })
        .collect();
    texts.push(("story".into(), story.join(" ")));
    texts.push((
        "brief".into(),
        format!(
            "{} {} The brief adds one closing line of its own here.",
            story[2], story[7]
        ),
    ));
    let shared = "Officials in Brussels said the talks on security guarantees would resume next week.";
    for i in 0..3 {
        texts.push((
            format!("wire{i}"),
            format!("{shared} Outlet number {i} added a sentence about the Kiev regime and its curators."),
        ));
    }
    let mut lines: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, (id, text))| {
            // Five articles of one outlet: enough for its own interval.
            let outlet = if i % 3 == 0 { "Daily Courier" } else { "Other Outlet" };
            serde_json::json!({"id": id, "text": text, "outlet": outlet, "date": "2022-02-24"}).to_string()
        })
        .collect();
    assert!(lines.len() >= 15, "{}", lines.len());
    let run = |name: &str, lines: &[String]| -> PathBuf {
        let d = dir.path().join(name);
        std::fs::create_dir(&d).unwrap();
        std::fs::write(d.join("in.jsonl"), lines.join("\n") + "\n").unwrap();
        let o = common::bin()
            .current_dir(&d)
            .args(["--quiet", "run", "--seeds"])
            .arg(root().join("seeds"))
            .arg("--data")
            .arg(root().join("data"))
            .args(["--out", "out", "in.jsonl"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        d.join("out")
    };
    let forward = run("forward", &lines);
    lines.reverse();
    let reversed = run("reversed", &lines);
    let folds: serde_json::Value = serde_json::from_slice(&std::fs::read(forward.join("folds.json")).unwrap()).unwrap();
    assert_eq!(folds["assigned_by"], "id");
    // The brief is a copy of the story in both orders.
    let rows = |out: &Path, file: &str, skip: &[&str]| -> Vec<String> {
        let mut r = csv::Reader::from_path(out.join(file)).unwrap();
        let h = r.headers().unwrap().clone();
        let keep: Vec<usize> = (0..h.len()).filter(|&i| !skip.contains(&&h[i])).collect();
        let mut v: Vec<String> = r
            .records()
            .map(|rec| {
                let rec = rec.unwrap();
                keep.iter()
                    .map(|&i| rec[i].to_string())
                    .collect::<Vec<_>>()
                    .join("\u{1f}")
            })
            .collect();
        v.sort();
        v
    };
    for (file, skip) in [
        ("scores.csv", &["origin"][..]),
        ("sentences.csv", &[]),
        ("attributions.csv", &[]),
        ("shared_sentences.csv", &[]),
        ("outlets.csv", &[]),
        ("timeline.csv", &[]),
        ("cleaning.csv", &[]),
    ] {
        let (a, b) = (rows(&forward, file, skip), rows(&reversed, file, skip));
        assert!(!a.is_empty(), "{file}");
        assert_eq!(a, b, "{file}");
    }
    let order: Vec<String> = {
        let mut r = csv::Reader::from_path(forward.join("scores.csv")).unwrap();
        r.records().map(|x| x.unwrap()[0].to_string()).collect()
    };
    let pos = |id: &str| order.iter().position(|x| x == id).unwrap();
    let copies: Vec<(usize, usize)> = serde_json::from_value(folds["copies"].clone()).unwrap();
    assert!(
        copies.iter().any(|&(a, b)| (a, b) == (pos("brief"), pos("story"))),
        "{copies:?}"
    );
    // The shared line names the article with the smallest id among its equal matches.
    let shared_rows = rows(&reversed, "shared_sentences.csv", &[]);
    assert!(
        shared_rows
            .iter()
            .any(|r| r.starts_with("wire2\u{1f}0\u{1f}wire0\u{1f}0\u{1f}true")),
        "{shared_rows:?}"
    );
}
