//! Per-file faults skip, with `framescope: PATH[:LINE]: skipped: …` and exit 1 (issue 14),
//! through the real binary: unreadable files and folders, pipes and devices (never opened),
//! dangling links and link loops, subfolders, oversized records, NUL characters, bad
//! manifest rows; an input that changes during a run stops it before anything is written;
//! control characters never reach the terminal.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

const BODY: &str = "The minister said talks resumed in Kyiv on Friday.\nNATO allies discussed the Russian invasion threat and sanctions.\n";

/// (exit code, stderr) of `framescope --quiet ARGS` in `dir`; a hang fails after 300 s.
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let o = Command::cargo_bin("framescope")
        .unwrap()
        .current_dir(dir)
        .arg("--quiet")
        .args(args)
        .timeout(Duration::from_secs(300))
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn scored_ids(out: &Path) -> Vec<String> {
    framescope::report::read_scores(&out.join("scores.csv"))
        .unwrap()
        .into_iter()
        .map(|s| s.score.id)
        .collect()
}

fn run_seeds_plus(d: &Path, extra: &[&str]) -> (i32, String) {
    let seeds = seeds_dir().display().to_string();
    let mut args = vec!["run", "--seeds", &seeds, "--out", "out", "--bootstrap", "0"];
    args.extend_from_slice(extra);
    run(d, &args)
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

#[cfg(unix)]
#[test]
fn pipes_links_and_subfolders_are_skipped_never_opened() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let arts = d.join("arts");
    std::fs::create_dir_all(arts.join("sub")).unwrap();
    std::fs::write(arts.join("good.txt"), format!("Good headline\n{BODY}")).unwrap();
    mkfifo(&arts.join("pipe.txt"));
    symlink("nowhere.txt", arts.join("dangling.txt")).unwrap();
    symlink("loop.txt", arts.join("loop.txt")).unwrap();
    mkfifo(&d.join("named.jsonl"));
    symlink("selfloop.txt", d.join("selfloop.txt")).unwrap();
    let (code, err) = run_seeds_plus(d, &["arts", "named.jsonl", "selfloop.txt", "/dev/zero"]);
    assert_eq!(code, 1, "{err}");
    for want in [
        "framescope: arts/pipe.txt: skipped: a named pipe (FIFO), not a regular file: not read",
        "framescope: arts/dangling.txt: skipped: dangling symbolic link (its target nowhere.txt does not exist)",
        "framescope: arts/loop.txt: skipped: symbolic link loop",
        "framescope: arts/sub: skipped: is a folder: folders are read one level deep",
        "framescope: named.jsonl: skipped: a named pipe (FIFO), not a regular file",
        "framescope: selfloop.txt: skipped: symbolic link loop",
        "framescope: /dev/zero: skipped: a device, not a regular file",
        "framescope: finished, but 7 input(s) were skipped (exit code 1)",
    ] {
        assert!(err.contains(want), "missing `{want}` in:\n{err}");
    }
    let ids = scored_ids(&d.join("out"));
    assert!(ids.contains(&"good".to_string()) && ids.len() == 6, "{ids:?}");
}

/// Run `framescope` as the unprivileged user `nobody` when the tests run as root (root reads
/// any file whatever its mode); as is otherwise.
#[cfg(unix)]
fn run_unprivileged(d: &Path, args: &[&str]) -> (i32, String) {
    use std::os::unix::process::CommandExt;
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("framescope"));
    c.current_dir(d).arg("--quiet").args(args);
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        c.uid(65534).gid(65534);
    }
    let o = c.output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o777)).unwrap();
    let seeds = d.join("seeds");
    std::fs::create_dir(&seeds).unwrap();
    for e in std::fs::read_dir(seeds_dir()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, seeds.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(seeds.join("secret.txt"), format!("Secret\n{BODY}")).unwrap();
    std::fs::set_permissions(seeds.join("secret.txt"), std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::create_dir(d.join("closed")).unwrap();
    std::fs::write(d.join("closed/a.txt"), BODY).unwrap();
    std::fs::set_permissions(d.join("closed"), std::fs::Permissions::from_mode(0o000)).unwrap();
    for cmd in [
        vec!["run", "--seeds", "seeds", "--out", "out", "--bootstrap", "0", "closed"],
        vec!["train", "--model", "m.json", "seeds", "closed"],
    ] {
        let (code, err) = run_unprivileged(d, &cmd);
        assert_eq!(code, 1, "{cmd:?}: {err}");
        assert!(
            err.contains("framescope: seeds/secret.txt: skipped: cannot read: Permission denied"),
            "{err}"
        );
        assert!(
            err.contains("framescope: closed: skipped: cannot read folder: Permission denied"),
            "{err}"
        );
    }
    let (code, err) = run_unprivileged(
        d,
        &[
            "score",
            "--model",
            "m.json",
            "--out",
            "scored",
            "--bootstrap",
            "0",
            "seeds",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(scored_ids(&d.join("scored")).len(), 5);
    // An output folder in a folder the user cannot write: the lock file is said to be
    // what could not be made, and why (review, session 48: `.o.lock: Permission denied`).
    std::fs::create_dir(d.join("shut")).unwrap();
    std::fs::set_permissions(d.join("shut"), std::fs::Permissions::from_mode(0o555)).unwrap();
    let (code, err) = run_unprivileged(d, &["score", "--model", "m.json", "--out", "shut/o", "seeds"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err.lines().last().unwrap_or_default(),
        "framescope: error: shut/.o.lock: cannot create the lock file that keeps two jobs out of one output folder (permission denied): write access to the folder it is in is needed"
    );
}

#[test]
fn oversized_records_are_skipped_as_too_large() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // One JSONL line of 33 MB between two ordinary ones, and a 33 MB .txt file.
    let big = "word ".repeat((33 << 20) / 5 + 1);
    let ok = |id: &str| {
        format!(
            "{{\"id\":\"{id}\",\"text\":{}}}\n",
            serde_json::to_string(BODY).unwrap()
        )
    };
    let jsonl = ok("before") + &format!("{{\"id\":\"huge\",\"text\":\"{big}\"}}\n") + &ok("after");
    std::fs::write(d.join("c.jsonl"), jsonl).unwrap();
    std::fs::write(d.join("big.txt"), &big).unwrap();
    let (code, err) = run_seeds_plus(d, &["c.jsonl", "big.txt"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("framescope: c.jsonl:2: skipped: too large (33.0 MB; the limit is 32 MB per article)"),
        "{err}"
    );
    assert!(
        err.contains("framescope: big.txt: skipped: too large (33.0 MB; the limit is 32 MB per article)"),
        "{err}"
    );
    let ids = scored_ids(&d.join("out"));
    assert!(
        ids.contains(&"before".into()) && ids.contains(&"after".into()),
        "{ids:?}"
    );
}

#[test]
fn nul_characters_never_reach_the_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let body = serde_json::to_string(BODY).unwrap();
    std::fs::write(
        d.join("n.jsonl"),
        format!(
            "{{\"id\":\"a\",\"text\":{body}}}\n{{\"id\":\"b\",\"title\":\"T\\u0000x\",\"text\":{body}}}\n{{\"id\":\"c\",\"text\":\"Kyiv\\u0000 talks.\"}}\n{{\"id\":\"nul\\u0000id\",\"text\":{body}}}\n"
        ),
    )
    .unwrap();
    let (code, err) = run_seeds_plus(d, &["n.jsonl"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("framescope: n.jsonl:2: skipped: contains NUL characters"),
        "{err}"
    );
    assert!(
        err.contains("framescope: n.jsonl:3: skipped: contains NUL characters"),
        "{err}"
    );
    // In the id too (review J, session 51: written raw into every table).
    assert!(err.contains("n.jsonl:4: skipped: contains NUL characters"), "{err}");
    for f in ["scores.csv", "sentences.csv", "cleaning.csv", "run.json"] {
        assert!(!std::fs::read(d.join("out").join(f)).unwrap().contains(&0), "{f}");
    }
}

#[test]
fn bad_manifest_rows_are_reported_by_line_and_the_rest_used() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let arts = d.join("arts");
    std::fs::create_dir(&arts).unwrap();
    for n in ["a", "b", "c"] {
        std::fs::write(arts.join(format!("{n}.txt")), format!("Headline {n}\n{BODY}")).unwrap();
    }
    std::fs::write(
        arts.join("manifest.csv"),
        b"file,outlet,label\na.txt,Reuters,western\nb.txt,TASS\nc.txt,Caf\xe9 Press,kremlin\n../x.txt,X,western\na.txt,AP,kremlin\nmissing.txt,Y,western\n",
    )
    .unwrap();
    let (code, err) = run_seeds_plus(d, &["arts"]);
    assert_eq!(code, 1, "{err}");
    for want in [
        "framescope: arts/manifest.csv:3: skipped: row has 2 field(s), the header 3",
        "framescope: arts/manifest.csv:4: warning: invalid UTF-8: decoded lossily",
        "framescope: arts/manifest.csv:5: skipped: `../x.txt` is not a file of this folder",
        "framescope: arts/manifest.csv:6: skipped: second row for `a.txt` says something else than line 2",
        "framescope: arts/manifest.csv:7: skipped: `missing.txt`: no such article file in this folder",
    ] {
        assert!(err.contains(want), "missing `{want}` in:\n{err}");
    }
    let scores = framescope::report::read_scores(&d.join("out/scores.csv")).unwrap();
    let outlet = |id: &str| scores.iter().find(|s| s.id == id).unwrap().outlet.clone();
    assert_eq!(outlet("a").as_deref(), Some("Reuters"));
    assert_eq!(outlet("c").as_deref(), Some("Caf\u{FFFD} Press"));
    assert_eq!(outlet("b"), None);
}

#[test]
fn an_input_that_changes_during_a_run_stops_it_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let line = |i: usize| {
        format!(
            "{{\"id\":\"g{i}\",\"text\":{}}}\n",
            serde_json::to_string(&format!("Report {i}. {BODY}{BODY}")).unwrap()
        )
    };
    let text: String = (0..3000).map(line).collect();
    std::fs::write(d.join("grow.jsonl"), &text).unwrap();
    let seeds = seeds_dir().display().to_string();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("framescope"))
        .current_dir(d)
        .args([
            "--quiet",
            "run",
            "--seeds",
            &seeds,
            "--out",
            "out",
            "--bootstrap",
            "0",
            "grow.jsonl",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Append once pass 2 has started (its scores table appears in the staging folder): the
    // input was hashed long before.
    let t = std::time::Instant::now();
    let mut appended = false;
    while child.try_wait().unwrap().is_none() && t.elapsed() < Duration::from_secs(240) {
        let staged = std::fs::read_dir(d)
            .unwrap()
            .flatten()
            .find(|e| e.file_name().to_string_lossy().starts_with(".out.staging-"));
        let writing = staged.is_some_and(|s| {
            std::fs::read_dir(s.path())
                .map(|rd| {
                    rd.flatten()
                        .any(|e| e.file_name().to_string_lossy().starts_with(".scores.csv."))
                })
                .unwrap_or(false)
        });
        if writing {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(d.join("grow.jsonl"))
                .unwrap();
            f.write_all(line(99999).as_bytes()).unwrap();
            appended = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        appended,
        "the run ended before pass 2 was seen: test inconclusive\n{err}"
    );
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("framescope: error: grow.jsonl: changed while framescope was reading it (size"),
        "{err}"
    );
    assert!(
        !d.join("out").exists(),
        "outputs of a run over a changing input were swapped in"
    );
}

#[test]
fn control_characters_in_ids_are_escaped_on_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let body = serde_json::to_string(BODY).unwrap();
    std::fs::write(
        d.join("e.jsonl"),
        format!(
            "{{\"id\":\"x\\u001b[2Jy\\u0007\",\"text\":{body}}}\n{{\"id\":\"x\\u001b[2Jy\\u0007\",\"text\":{body}}}\n"
        ),
    )
    .unwrap();
    let o = Command::cargo_bin("framescope")
        .unwrap()
        .current_dir(d)
        // Not --quiet: the score table (stdout) must show the id escaped too.
        .args(["run", "--seeds"])
        .arg(seeds_dir())
        .args(["--out", "out", "--bootstrap", "0", "e.jsonl"])
        .output()
        .unwrap();
    let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("duplicate id `x\\u{1b}[2Jy\\u{7}`"), "{err}");
    assert!(out.contains("x\\u{1b}[2Jy\\u{7}"), "{out}");
}

#[test]
fn hand_edited_models_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let seeds = seeds_dir().display().to_string();
    assert_eq!(run(d, &["train", "--model", "m.json", &seeds]).0, 0);
    let model: serde_json::Value = serde_json::from_slice(&std::fs::read(d.join("m.json")).unwrap()).unwrap();
    type Edit = fn(&mut serde_json::Value);
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "idf.json",
            |m| m["tfidf"]["idf"][0] = serde_json::json!(1e308),
            "corrupt model: idf of term 0 is 1e308",
        ),
        (
            "w.json",
            |m| m["weights"][0] = serde_json::json!(-1e300),
            "corrupt model: weight of term 0 is -1e300",
        ),
        (
            "v0.json",
            |m| m["format_version"] = serde_json::json!(0),
            "model format 0 is older than this framescope reads",
        ),
        (
            "vs.json",
            |m| m["format_version"] = serde_json::json!("1"),
            "format_version must be a number, found the string \"1\"",
        ),
        (
            "pc.json",
            |m| m["positive_class"] = serde_json::json!("martian"),
            "corrupt model: positive_class is \"martian\"",
        ),
        (
            "st.json",
            |m| m["analyzer"]["stemmer"] = serde_json::json!("klingon"),
            "unknown stemmer \"klingon\"",
        ),
        // Review, session 34: scored silently, the scores moved.
        (
            "qw.json",
            |m| m["params"]["quoted_weight"] = serde_json::json!(-5.0),
            "corrupt model: params.quoted_weight is -5, outside [0, 1]",
        ),
        (
            "ng.json",
            |m| m["analyzer"]["ngram_max"] = serde_json::json!(0),
            "corrupt model: analyzer.ngram_max is 0, outside [1, 9]",
        ),
        // An exact-form entry (`"demilitarisation"`) edited to two forms for its one stem.
        (
            "fm.json",
            |m| m["lexicon"]["entries"][0]["forms"] = serde_json::json!(["kiev", "regime"]),
            "corrupt model: a lexicon entry has not one exact form per stem",
        ),
        // Forms on an unquoted entry (or a quoted one without them) would look one way and
        // match another.
        (
            "fq.json",
            |m| m["lexicon"]["entries"][0]["forms"] = serde_json::json!(["kiev"]),
            "corrupt model: lexicon entry `Kiev` has exact forms only if quoted, lowercase",
        ),
    ];
    for (name, edit, want) in cases {
        let mut m = model.clone();
        edit(&mut m);
        std::fs::write(d.join(name), serde_json::to_string(&m).unwrap()).unwrap();
        let (code, err) = run(d, &["score", "--model", name, "--stdout", &seeds]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(
            err.contains(&format!("framescope: error: {name}: {want}")),
            "{name}: {err}"
        );
    }
}

/// Issue 14: a model's size is checked before it is read. A 2 GiB file (sparse: no disk used)
/// is refused at once with its size and the cap, a pipe is refused without being opened (it
/// used to hang), and a real model still loads.
#[cfg(unix)]
#[test]
fn oversized_models_and_pipes_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let seeds = seeds_dir().display().to_string();
    let big = std::fs::File::create(d.join("big.json")).unwrap();
    big.set_len(2 << 30).unwrap();
    drop(big);
    let started = std::time::Instant::now();
    let (code, err) = run(d, &["score", "--model", "big.json", "--stdout", &seeds]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "framescope: error: big.json: model file is 2147483648 bytes (2147.5 MB), over the cap of 1024 MB on model files"
        ),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(30), "read before refusing");
    mkfifo(&d.join("pipe.json"));
    let (code, err) = run(d, &["score", "--model", "pipe.json", "--stdout", &seeds]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("framescope: error: pipe.json: not a regular file (a pipe, socket or device)"),
        "{err}"
    );
    assert_eq!(run(d, &["train", "--model", "m.json", &seeds]).0, 0);
    let (code, err) = run(d, &["score", "--model", "m.json", "--out", "scored", &seeds]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(scored_ids(&d.join("scored")).len(), 5);
    // The cap is an option: 0 MB refuses even the seeds' model.
    let (code, err) = run(
        d,
        &["--max-model-mb", "0", "score", "--model", "m.json", "--stdout", &seeds],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("over the cap of 0 MB on model files"), "{err}");
}

/// A model that the commands loading it would refuse by default is said when it is written
/// (`run` and `train`), with the option to give and how to retrain, and recorded in
/// run.json's `problems`: at 0 MB even the seeds' model is over the cap.
#[test]
fn a_model_over_the_load_cap_is_said_when_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let seeds = seeds_dir().to_string_lossy().into_owned();
    let (code, err) = run(d, &["--max-model-mb", "0", "train", "--model", "m.json", &seeds]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::metadata(d.join("m.json")).unwrap().len();
    // The figures the message gives, computed here from the file: MB in millions of bytes,
    // the option's value in MiB rounded up.
    let expected = format!("warning: the model is {:.1} MB (", bytes as f64 / 1e6);
    assert!(err.contains(&expected), "{err}");
    assert!(
        err.contains(&format!(
            "over the 0 MB cap on loading models (--max-model-mb): give `score` (and `eval --model`, `diff`) --max-model-mb {}",
            bytes.div_ceil(1 << 20)
        )),
        "{err}"
    );
    let (code, err) = run(d, &["--max-model-mb", "0", "run", "--out", "out", &seeds]);
    assert_eq!(code, 0, "{err}");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("out/run.json")).unwrap()).unwrap();
    let problems = manifest["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p.as_str().is_some_and(|p| p.starts_with("warning: the model is"))),
        "{problems:?}"
    );
    // Under the cap (the default 1024 MB), nothing is said.
    let (code, err) = run(d, &["train", "--model", "m2.json", &seeds]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("the model is"), "{err}");
}

/// Issue 14: ids made for records without one (`sha256:` and 16 hex digits of their content)
/// never take a file's stem such as `x-2` (they were once `x-1`, `x-2`, … by position): every
/// article is kept. A file deliberately named like a generated id is reported as a duplicate,
/// naming where the id was first seen, never dropped silently.
#[test]
fn generated_ids_never_take_a_file_stem() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("x-1.txt"), format!("First\n{BODY}")).unwrap();
    std::fs::write(d.join("x-2.txt"), format!("Second\n{BODY}Talks went on.\n")).unwrap();
    let texts = [
        "Moscow-backed separatists shelled villages, officials in Kyiv said.",
        "The Kremlin said the drills were purely defensive.",
    ];
    let jsonl: String = texts
        .iter()
        .map(|t| format!("{}\n", serde_json::json!({ "text": t })))
        .collect();
    std::fs::write(d.join("recs.jsonl"), jsonl).unwrap();
    let (code, err) = run_seeds_plus(d, &["x-1.txt", "x-2.txt", "recs.jsonl"]);
    assert_eq!(code, 0, "{err}");
    let mut ids = scored_ids(&d.join("out"));
    ids.sort();
    let generated: Vec<String> = texts.iter().map(|t| framescope::corpus::content_id(None, t)).collect();
    for want in ["x-1", "x-2", &generated[0], &generated[1]] {
        assert!(ids.iter().any(|i| i == want), "{want} missing from {ids:?}");
    }
    assert_eq!(ids.len(), 9, "{ids:?}");
    // A file named like a generated id: the second is reported, naming the first.
    std::fs::write(d.join(format!("{}.txt", generated[0])), format!("Third\n{BODY}")).unwrap();
    let named = format!("{}.txt", generated[0]);
    let (code, err) = run_seeds_plus(d, &[&named, "recs.jsonl"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "recs.jsonl:1: skipped: duplicate id `{}` (first seen in {named})",
            generated[0]
        )),
        "{err}"
    );
}

/// Issue 14: `lexicon --top 100000` over a lexicon whose entries all fire asked for a dense
/// 100,000² matrix and the process aborted on allocation. `--top` is now at most 1000
/// (refused above, exit 2, one line) and a matrix of 1000 is written when more entries fire.
#[test]
fn lexicon_top_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // 1,200 invented words, each an entry, all in one article.
    let words: Vec<String> = (0..1200)
        .map(|i| {
            let l = |k: usize| (b"bcdfghjklmnpqrstvwxz"[k % 20]) as char;
            format!("zu{}o{}{}y", l(i), l(i / 20), l(i / 400))
        })
        .collect();
    std::fs::create_dir_all(d.join("lex")).unwrap();
    std::fs::write(d.join("lex/kremlin.txt"), words.join("\n")).unwrap();
    std::fs::write(d.join("lex/western.txt"), "Kyiv\n").unwrap();
    let body: String = words.chunks(20).map(|c| format!("{}.\n", c.join(" "))).collect();
    std::fs::write(d.join("a.txt"), format!("Headline words\n{body}")).unwrap();
    let (code, err) = run(d, &["lexicon", "--lexicons", "lex", "--top", "100000", "a.txt"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("invalid parameter top: 100000 is more than 1000"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let (code, err) = run(
        d,
        &[
            "lexicon",
            "--lexicons",
            "lex",
            "--top",
            "1000",
            "--report",
            "r",
            "a.txt",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let co = std::fs::read_to_string(d.join("r/lexicon_cooccurrence.csv")).unwrap();
    assert_eq!(co.lines().count(), 1001);
    assert_eq!(co.lines().next().unwrap().split(',').count(), 1001);
    let report = std::fs::read_to_string(d.join("r/lexicon_report.csv")).unwrap();
    let invented = report.lines().filter(|l| l.starts_with("zu")).count();
    assert_eq!(invented, 1200, "every entry listed, beyond the matrix");
}

/// A closed stderr (`framescope run … 2>&1 | head`) drops the status lines and the job goes
/// on to complete its folder; it had been killed by SIGPIPE, leaving its staging folder and
/// lock (review, session 45). A closed stdout under `score --stdout` ends quietly with the
/// status a shell gives SIGPIPE. A file-size limit (`ulimit -f`) is an error with a message
/// naming the output, not a silent kill.
#[cfg(unix)]
#[test]
fn closed_pipes_and_file_size_limits_end_jobs_cleanly() {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    use std::process::{Command as Std, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let seeds = seeds_dir();
    let bin = assert_cmd::cargo::cargo_bin("framescope");
    // stderr's reader gone before the job writes a line.
    let mut child = Std::new(&bin)
        .current_dir(d)
        .args(["run", "--bootstrap", "0", "--out", "out"])
        .arg(&seeds)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{status:?}");
    assert!(d.join("out/run.json").is_file() && d.join("out/report.html").is_file());
    let names: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["out".to_string()], "no staging folder or lock left");
    // stdout's reader gone after the first bytes of `score --stdout`.
    let many: String = (0..2000)
        .map(|i| format!("{{\"id\": \"a{i}\", \"text\": \"{}\"}}\n", BODY.replace('\n', " ")))
        .collect();
    std::fs::write(d.join("many.jsonl"), many).unwrap();
    let mut child = Std::new(&bin)
        .current_dir(d)
        .args(["score", "--stdout", "--model", "out/model.json", "many.jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(141), "{status:?} {err}");
    assert!(!err.contains("error"), "{err}");
    // A file-size limit of 16 kB: the job's tables are larger.
    let o = Std::new(&bin)
        .current_dir(d)
        .args(["-q", "run", "--bootstrap", "0", "--out", "capped"])
        .arg(&seeds)
        .process_group(0)
        .pre_exec_limit_file_size(16 * 1024)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{:?} {err}", o.status);
    assert!(
        err.contains("framescope: error: ") && err.contains("File too large"),
        "{err}"
    );
    assert!(
        err.contains("capped/") && !err.contains("staging"),
        "the output is named: {err}"
    );
    assert!(!d.join("capped").exists());
}

/// `Command::pre_exec` with `setrlimit(RLIMIT_FSIZE)`, as `ulimit -f` sets it.
#[cfg(unix)]
trait LimitFileSize {
    fn pre_exec_limit_file_size(&mut self, bytes: u64) -> &mut Self;
}

#[cfg(unix)]
impl LimitFileSize for std::process::Command {
    fn pre_exec_limit_file_size(&mut self, bytes: u64) -> &mut Self {
        use std::os::unix::process::CommandExt;
        // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            self.pre_exec(move || {
                let lim = libc::rlimit {
                    rlim_cur: bytes,
                    rlim_max: bytes,
                };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            })
        }
    }
}

/// Two files whose names differ only in bytes that are not UTF-8 (a Latin-1 file system's
/// `café.txt` and `cafè.txt`) are two inputs in run.json, each with its own hash, and
/// `retrain` finds them again; they had both been recorded `caf\u{FFFD}.txt` (review,
/// session 45), and retrain said they were gone.
#[cfg(target_os = "linux")]
#[test]
fn non_utf8_file_names_stay_distinct_in_the_records_and_retrain_reads_them() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("nu")).unwrap();
    let e9 = d.join("nu").join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
    let e8 = d.join("nu").join(std::ffi::OsStr::from_bytes(b"caf\xe8.txt"));
    std::fs::write(&e9, BODY).unwrap();
    std::fs::write(
        &e8,
        format!("{BODY}The Kiev regime shelled Donbass, the ministry said.\n"),
    )
    .unwrap();
    let (code, err) = run_seeds_plus(d, &["nu"]);
    assert_eq!(code, 0, "{err}");
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("out/run.json")).unwrap()).unwrap();
    let mut recorded: Vec<(String, String)> = record["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["path"].as_str().unwrap().starts_with("nu/"))
        .map(|i| {
            (
                i["path"].as_str().unwrap().to_string(),
                i["sha256"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    recorded.sort();
    let sha = |p: &Path| {
        use sha2::Digest;
        format!("{:x}", sha2::Sha256::digest(std::fs::read(p).unwrap()))
    };
    assert_eq!(
        recorded,
        vec![
            ("nu/caf\\xE8.txt".to_string(), sha(&e8)),
            ("nu/caf\\xE9.txt".to_string(), sha(&e9))
        ]
    );
    let (code, err) = run(d, &["retrain", "--bootstrap", "0", "--out", "out"]);
    assert_eq!(code, 0, "{err}");
}

/// Review, session 48: `score --batch 18446744073709551615` panicked (capacity overflow, exit
/// 101); `keyness --top` of that size looped without end; `score --out` of the model's own
/// folder printed the model's warnings before it refused. Each is one line, exit 2, before
/// any work.
#[test]
fn options_past_their_bounds_are_refused_in_one_line_before_any_work() {
    let tmp = folder_with_one_article();
    let d = tmp.path();
    let seeds = seeds_dir();
    let seeds = seeds.to_str().unwrap();
    let (code, err) = run(d, &["run", "--seeds", seeds, "--bootstrap", "0", "--out", "m", "a"]);
    assert!(code == 0 || code == 1, "{err}");
    let one_line = |(code, err): (i32, String), says: &str| {
        assert_eq!(code, 2, "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("framescope: error: ") && err.contains(says), "{err}");
    };
    let huge = u64::MAX.to_string();
    one_line(
        run(
            d,
            &["score", "--model", "m/model.json", "--batch", &huge, "--out", "s", "a"],
        ),
        &format!("batch: {huge} articles per batch: give 1 to 100000"),
    );
    one_line(
        run(
            d,
            &["score", "--model", "m/model.json", "--batch", &huge, "--stdout", "a"],
        ),
        &format!("batch: {huge} articles per batch: give 1 to 100000"),
    );
    // Review, session 49: 0 was taken without a word, and `--format` ignored by `--stdout`.
    one_line(
        run(
            d,
            &["score", "--model", "m/model.json", "--batch", "0", "--out", "s", "a"],
        ),
        "0 articles per batch: give 1 to 100000",
    );
    let (code, err) = run(
        d,
        &[
            "score",
            "--model",
            "m/model.json",
            "--stdout",
            "--format",
            "parquet",
            "a",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("'--stdout' cannot be used with '--format <FORMAT>'"),
        "{err}"
    );
    one_line(
        run(d, &["keyness", "--top", &huge, "--out", "k", "a"]),
        "is more than 1000 (terms printed and labelled per side)",
    );
    one_line(
        run(d, &["score", "--model", "m/model.json", "--out", "m", "a"]),
        "m/model.json",
    );
    one_line(
        run(
            d,
            &["run", "--seeds", seeds, "--lexicon-prior", "2e6", "--out", "p", "a"],
        ),
        "lexicon_prior",
    );
    assert!(!d.join("s").exists() && !d.join("k").exists() && !d.join("p").exists());
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Review, session 48: a FIFO in `--data` blocked the job for ever (article inputs are never
/// opened unless regular files; data files were), and a FIFO at `voice/english.txt` was
/// "missing", the built-in copy read instead with exit 0. A data file that is no regular
/// file is refused unopened, in one line naming it.
#[test]
fn a_data_file_that_is_a_pipe_is_refused_unopened() {
    let tmp = folder_with_one_article();
    let d = tmp.path();
    let seeds = seeds_dir();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for (name, folder) in [
        ("stopwords.txt", "d1"),
        ("voice/english.txt", "d2"),
        ("lexicons/kremlin.txt", "d3"),
    ] {
        copy_tree(&data, &d.join(folder));
        std::fs::remove_file(d.join(folder).join(name)).unwrap();
        mkfifo(&d.join(folder).join(name));
        let (code, err) = run(
            d,
            &[
                "run",
                "--seeds",
                seeds.to_str().unwrap(),
                "--data",
                folder,
                "--out",
                "o",
                "a",
            ],
        );
        assert_eq!(code, 2, "{name}: {err}");
        assert_eq!(
            err.trim_end(),
            format!("framescope: error: {folder}/{name}: a named pipe (FIFO), not a regular file: a data file is plain text"),
            "{name}"
        );
    }
    assert!(!d.join("o").exists());
}

/// Review, session 48: an article of punctuation alone was kept, scored 0 and counted in
/// the outlet means, where a file of zero-width characters was skipped.
#[test]
fn an_article_of_punctuation_alone_is_skipped_as_having_no_words() {
    let tmp = folder_with_one_article();
    let d = tmp.path();
    std::fs::write(d.join("a/p.txt"), "!!!\n?!?! ... --- ;;; !!! ???\n").unwrap();
    let (code, err) = run_seeds_plus(d, &["a"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("a/p.txt: skipped: no sentences survive cleaning (no words in the text)"),
        "{err}"
    );
    assert!(!scored_ids(&d.join("out")).contains(&"p".to_string()));
}

/// A work folder with `a/k.txt` (BODY).
fn folder_with_one_article() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("a")).unwrap();
    std::fs::write(tmp.path().join("a/k.txt"), BODY).unwrap();
    tmp
}

/// Review I, session 50: a Cyrillic phrase appended to the English lexicon was accepted and
/// never fired (English entries match English articles only), while `kwic` showed it
/// matching the Russian article. The loader refuses it, naming the line and the folder it
/// belongs in.
#[test]
fn an_entry_in_another_languages_script_is_refused_by_the_english_lexicon() {
    let tmp = folder_with_one_article();
    let d = tmp.path();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    copy_tree(&data, &d.join("d"));
    let file = d.join("d/lexicons/kremlin.txt");
    let mut text = std::fs::read_to_string(&file).unwrap();
    let line = text.lines().count() + 1;
    text.push_str("Алешки | 1.5 # the Russian name of Oleshky\n");
    std::fs::write(&file, text).unwrap();
    let seeds = seeds_dir();
    let (code, err) = run(
        d,
        &[
            "run",
            "--seeds",
            seeds.to_str().unwrap(),
            "--data",
            "d",
            "--out",
            "o",
            "a",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err.trim_end(),
        format!("framescope: error: d/lexicons/kremlin.txt:{line}: `Алешки`: it is not in the Latin script, and this file's entries match en articles only; put it in lexicons/ru/ (same file name) for articles in its language")
    );
    assert!(!d.join("o").exists());
}
