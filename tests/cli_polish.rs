//! The CLI polish a new user asked for (issue 13): `-q` prints only warnings, errors and the
//! final path; stages are reported in the order they happen; options are grouped by kind
//! under help headings; control characters from ids are escaped on the terminal.

mod common;

use common::bin;
use std::path::PathBuf;

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// (stdout, stderr) of a successful `framescope ARGS` in `dir`.
fn output(dir: &std::path::Path, args: &[&str]) -> (String, String) {
    let o = bin().current_dir(dir).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{args:?}: {err}");
    (String::from_utf8_lossy(&o.stdout).into_owned(), err)
}

#[test]
fn quiet_prints_only_warnings_and_the_final_path() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = seeds().display().to_string();
    let (out, err) = output(dir.path(), &["-q", "run", "--seeds", &seeds, "--out", "out"]);
    assert_eq!(out, "", "stdout with -q");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.last(), Some(&"wrote out"), "{err}");
    for l in &lines[..lines.len() - 1] {
        assert!(l.starts_with("framescope: "), "a status line with -q: {l}");
    }
    // `train -q`: no summary on stdout, only the model's path.
    let (out, err) = output(dir.path(), &["-q", "train", "--seeds", &seeds, "--model", "m.json"]);
    assert_eq!(out, "", "stdout of train with -q");
    assert_eq!(err.lines().last(), Some("wrote m.json"), "{err}");
    assert!(dir.path().join("m.json").is_file());
    // Without -q the summary names the model and its training figures.
    let (out, _) = output(dir.path(), &["train", "--seeds", &seeds, "--model", "m2.json"]);
    assert!(
        out.starts_with("model: m2.json") && out.contains("weakly labelled"),
        "{out}"
    );
}

#[test]
fn stages_are_reported_in_the_order_they_happen() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = seeds().display().to_string();
    let (_, err) = output(dir.path(), &["run", "--seeds", &seeds, "--out", "out"]);
    let at = |needle: &str| err.find(needle).unwrap_or_else(|| panic!("no `{needle}` in {err}"));
    let order = [
        at("trained on "),
        // Seed 003 repeats 000's sentences: in 000's fold.
        at("scoring out-of-fold: 5 folds (one per article, a copy in its original's)"),
        at(" chart(s) to "),
        at("wrote out\n"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{err}");
}

#[test]
fn options_are_grouped_by_kind_under_help_headings() {
    let dir = tempfile::tempdir().unwrap();
    for (cmd, groups) in [
        (
            "run",
            &[
                ("Input:", "--seeds"),
                ("Input:", "[PATHS]..."),
                ("Model:", "--alpha"),
                ("Scoring:", "--bootstrap"),
                ("Output:", "--out"),
                ("Global:", "--quiet"),
            ][..],
        ),
        (
            "keyness",
            &[
                ("Input:", "<PATHS>..."),
                ("Groups:", "--by"),
                ("Model:", "--alpha"),
                ("Scoring:", "--kremlin-threshold"),
                ("Output:", "--top"),
                ("Global:", "--jobs"),
            ][..],
        ),
    ] {
        let (help, _) = output(dir.path(), &[cmd, "--help"]);
        // Each option is listed under its heading: after it, before the next heading.
        let headings: Vec<usize> = help
            .match_indices('\n')
            .map(|(i, _)| i + 1)
            .filter(|&i| help[i..].chars().next().is_some_and(|c| c.is_ascii_uppercase()))
            .collect();
        for (heading, option) in groups {
            let h = help
                .find(&format!("\n{heading}\n"))
                .unwrap_or_else(|| panic!("`{cmd} --help` has no {heading}: {help}"))
                + 1;
            let end = headings.iter().copied().find(|&i| i > h).unwrap_or(help.len());
            assert!(
                help[h..end].contains(&format!(" {option}")),
                "`{cmd} --help`: {option} not under {heading}: {help}"
            );
        }
    }
}

#[test]
fn inspect_escapes_control_characters_from_ids() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = std::fs::read_to_string(
        seeds().join(
            std::fs::read_dir(seeds())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .find(|n| n.to_string_lossy().ends_with(".txt"))
                .unwrap(),
        ),
    )
    .unwrap();
    let id = "x\u{1b}[2Jy\u{7}";
    let line = serde_json::json!({"id": id, "title": "t\u{1b}]0;x\u{7}", "text": text});
    std::fs::write(d.join("e.jsonl"), format!("{line}\n")).unwrap();
    let seeds = seeds().display().to_string();
    output(
        d,
        &[
            "-q",
            "run",
            "--seeds",
            &seeds,
            "--out",
            "out",
            "--bootstrap",
            "0",
            "e.jsonl",
        ],
    );
    let (out, err) = output(d, &["inspect", "--out", "out", id]);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    // The id escaped (the title's control characters were already cleaned from the text).
    assert!(out.starts_with("x\\u{1b}[2Jy\\u{7}  t"), "{out}");
}

/// The weak-model warning's remedy follows what was given: seeds alone (`run` or `train`)
/// name corpus mode; articles beside the seeds (`run S P`, `train --seeds S P`) name more
/// of them. `train` read the seeds as its inputs and always said "beside them in this run".
/// `score` gives the remedy of the model's own training (`training.corpus_mode`).
#[test]
fn the_weak_model_remedy_names_corpus_mode_only_when_it_is_not_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = seeds().display().to_string();
    let articles = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/eval")
        .display()
        .to_string();
    let weak = |args: &[&str]| -> Vec<String> {
        let (_, err) = output(dir.path(), args);
        let lines: Vec<String> = err
            .lines()
            .filter(|l| l.contains("weak model:"))
            .map(String::from)
            .collect();
        assert!(!lines.is_empty(), "{args:?}: {err}");
        lines
    };
    let alone = [
        weak(&["train", "--seeds", &seeds, "--model", "a.json"]),
        weak(&["run", "--seeds", &seeds, "--out", "a"]),
    ];
    assert_eq!(alone[0], alone[1]);
    let beside = [
        weak(&["train", "--seeds", &seeds, "--model", "b.json", &articles]),
        weak(&["run", "--seeds", &seeds, "--out", "b", &articles]),
    ];
    // `score` reads the mode from the model: the same remedy as its training gave.
    let scored = [
        weak(&["score", "--model", "a.json", "--out", "sa", &articles]),
        weak(&["score", "--model", "b.json", "--out", "sb", &articles]),
    ];
    for lines in alone.iter().chain(&scored[..1]) {
        assert!(lines.iter().all(|l| l.contains("corpus mode")), "{lines:?}");
    }
    for lines in beside.iter().chain(&scored[1..]) {
        assert!(
            lines
                .iter()
                .all(|l| l.contains("more articles beside them") && !l.contains("corpus mode")),
            "{lines:?}"
        );
    }
}

/// The weak-model warning is not only on the terminal: `run` and `score` record it in
/// run.json's `problems` (as printed, without `framescope: `), and report.html's Model
/// section shows it, also when `framescope report` writes the page again. The repository's
/// five seeds make a weak model (both warnings).
#[test]
fn the_weak_model_warning_is_in_run_json_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let seeds = seeds().display().to_string();
    let said = |err: &str| -> Vec<String> {
        let lines: Vec<String> = err
            .lines()
            .filter(|l| l.contains("weak model:"))
            .map(|l| l.strip_prefix("framescope: ").unwrap().to_string())
            .collect();
        assert_eq!(lines.len(), 2, "{err}");
        lines
    };
    let problems = |folder: &str| -> Vec<String> {
        let run: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(d.join(folder).join("run.json")).unwrap()).unwrap();
        run["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect()
    };
    let (_, err) = output(d, &["-q", "run", "--seeds", &seeds, "--out", "out"]);
    let warned = said(&err);
    assert_eq!(problems("out"), warned);
    let model_section = |page: &str| -> String {
        let from = page.find("<section id=\"model\">").expect("a model section");
        let to = from + page[from..].find("</section>").unwrap();
        page[from..to].to_string()
    };
    let shown = |w: &str| {
        // As the page escapes it (the remedy's `run` is in back quotes, no markup).
        format!(
            "<p class=\"warning\"><strong>Warning:</strong> {}</p>",
            w.trim_start_matches("warning: ")
        )
    };
    let page = std::fs::read_to_string(d.join("out/report.html")).unwrap();
    for w in &warned {
        assert!(
            model_section(&page).contains(&shown(w)),
            "{w}\n{}",
            model_section(&page)
        );
    }
    // `framescope report` writes the same section from run.json.
    output(d, &["-q", "report", "--out", "out"]);
    let again = std::fs::read_to_string(d.join("out/report.html")).unwrap();
    assert_eq!(model_section(&again), model_section(&page));
    // `score` records the model's weaknesses in its run.json too.
    std::fs::write(
        d.join("new.jsonl"),
        "{\"id\":\"n1\",\"text\":\"Kyiv warned of a false flag pretext for invasion.\"}\n",
    )
    .unwrap();
    let (_, err) = output(
        d,
        &["-q", "score", "--model", "out/model.json", "--out", "s", "new.jsonl"],
    );
    let warned = said(&err);
    assert_eq!(problems("s"), warned);
}

/// Walkthrough finding (session 24): `score ARTICLE` then `inspect ID` failed with
/// "output/scores.csv: no article with id" although scored/scores.csv had it, and `report
/// --out scored` left the model out although run.json names the model applied. `inspect`
/// now says where the id is; `report` reads the model run.json names while its bytes are
/// those recorded, and says so when they changed.
#[test]
fn a_score_folder_can_be_inspected_and_reported_with_its_model() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let seeds = seeds().display().to_string();
    output(d, &["-q", "train", "--seeds", &seeds, "--model", "m.json"]);
    std::fs::write(
        d.join("new.txt"),
        "Kiev regime shells Donbass\nThe Kiev regime shelled Donetsk again, TASS said.\n",
    )
    .unwrap();
    output(d, &["-q", "score", "--model", "m.json", "new.txt"]);
    let o = bin().current_dir(d).args(["inspect", "new"]).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("(it is in scored/scores.csv: framescope inspect new --out scored)"),
        "{err}"
    );
    let (out, _) = output(d, &["inspect", "new", "--out", "scored"]);
    assert!(out.contains("framing_score"), "{out}");
    let (_, err) = output(d, &["report", "--out", "scored"]);
    assert!(!err.contains("model facts left out"), "{err}");
    let html = std::fs::read_to_string(d.join("scored/report.html")).unwrap();
    assert!(html.contains("training accuracy"), "the report has no model facts");
    // The model changed since: its dated backup (`m.<time>.json`, as `train` keeps it) has
    // the recorded bytes, and is read (review T, session 55: only `m.json.<time>` was
    // looked for).
    output(
        d,
        &["-q", "train", "--seeds", &seeds, "--model", "m.json", "--alpha", "2"],
    );
    let (_, err) = output(d, &["report", "--out", "scored"]);
    assert!(!err.contains("model facts left out"), "{err}");
    let html = std::fs::read_to_string(d.join("scored/report.html")).unwrap();
    assert!(html.contains("training accuracy"), "the report has no model facts");
    // Without the backup: named, left out.
    for e in std::fs::read_dir(d).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with("m.") && name != "m.json" {
            std::fs::remove_file(d.join(name)).unwrap();
        }
    }
    let (_, err) = output(d, &["report", "--out", "scored"]);
    // run.json names the model by its absolute path (session 29), so it is found from any
    // folder.
    assert!(
        err.contains(&format!(
            "the model {} that run.json names has changed since it scored these articles: model facts left out",
            d.join("m.json").display()
        )),
        "{err}"
    );
}

/// Review findings (session 30): options that meant nothing or wrote nonsense are refused in
/// one line (`keyness --prior-size 0` wrote inf and NaN, `--a` with `--by weak` was ignored,
/// `overlap --min-share 2` printed "200% or more"); `kwic` reads its phrase as a lexicon line
/// (a pasted `Kiev | 1.5` matched nothing; `Operation Z` silently matched every
/// "operation"); `keyness -q` prints its in-sample caveat as a warning, not a note.
#[test]
fn meaningless_options_are_refused_and_kwic_reads_a_lexicon_line() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = seeds().display().to_string();
    let refused = |args: &[&str], want: &str| {
        let o = bin().current_dir(dir.path()).args(args).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert_eq!(err.lines().filter(|l| l.contains("error")).count(), 1, "{err}");
    };
    refused(
        &[
            "-q",
            "keyness",
            "--by",
            "weak",
            "--prior-size",
            "0",
            "--out",
            "k",
            &seeds,
        ],
        "--prior-size must be a number from 0.01 to 1e9 (the prior's total pseudo-count), got 0",
    );
    // keyness groups sentences: an article interval's --bootstrap would do nothing there
    // (session 35: it was offered and ignored). The thresholds it uses stay.
    refused(
        &["-q", "keyness", "--bootstrap", "100", "--out", "k", &seeds],
        "unexpected argument '--bootstrap'",
    );
    // Review findings (session 33): the other end of the prior, overlapping groups, a
    // margin that labels nothing, a share past 1, and no article read at all.
    refused(
        &[
            "-q",
            "keyness",
            "--by",
            "weak",
            "--prior-size",
            "1e308",
            "--out",
            "k",
            &seeds,
        ],
        "got 1e308",
    );
    std::fs::write(dir.path().join("a.txt"), "000_d73d1625d48df82f\n001_b842e1f178b2f794\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), "001_b842e1f178b2f794 # also in a.txt\n").unwrap();
    refused(
        &[
            "-q",
            "keyness",
            "--by",
            "file-list",
            "--a",
            "a.txt",
            "--b",
            "b.txt",
            "--out",
            "k",
            &seeds,
        ],
        "article `001_b842e1f178b2f794` is in both groups (--a a.txt, --b b.txt)",
    );
    refused(
        &["-q", "lexicon", "--margin", "nan", &seeds],
        "invalid parameter margin: NaN must be a positive number",
    );
    refused(
        &["-q", "overlap", "--show-share", "2", "--out", "o", &seeds],
        "invalid value '2' for '--show-share <SHOW_SHARE>': must be in [0, 1]",
    );
    refused(
        &["-q", "kwic", "without evidence", &seeds],
        "`without evidence`: `without` is a stop word",
    );
    for cmd in [
        &["-q", "kwic", "Kyiv", "no-such-folder"][..],
        &["-q", "lexicon", "no-such-folder"],
    ] {
        refused(cmd, "framescope: error: no usable articles");
    }
    refused(
        &["-q", "keyness", "--by", "weak", "--a", "x.txt", "--out", "k", &seeds],
        "--a and --b choose the groups of --by outlet and --by file-list",
    );
    refused(
        &["-q", "overlap", "--min-share", "2", "--out", "o", &seeds],
        "--min-share must be in [0, 1]",
    );
    refused(
        &["-q", "kwic", "Operation Z", &seeds],
        "`Z` is shorter than the 2 characters",
    );
    // A negative count is an invalid value, not an unknown argument whose tip (`-- -1`) would
    // make it a path (review, session 44).
    refused(
        &["-q", "inspect", "x", "--top", "-1"],
        "invalid value '-1' for '--top <TOP>'",
    );
    // A word the Russian analyzer counts only inside its pairs, as the lexicon refuses it.
    refused(
        &["-q", "kwic", "на", &seeds],
        "`на` is only words the `ru` analyzer counts inside their word pairs",
    );
    assert!(!dir.path().join("k").exists() && !dir.path().join("o").exists());
    let (plain, _) = output(dir.path(), &["-q", "kwic", "Kiev", &seeds]);
    let (pasted, _) = output(dir.path(), &["-q", "kwic", "Kiev | 1.5 # transliterated", &seeds]);
    assert!(plain.lines().count() > 1, "{plain}");
    assert_eq!(plain, pasted);
    // The in-sample caveat is a warning (kept with -q), not a note.
    let (_, err) = output(dir.path(), &["-q", "keyness", "--out", "k2", &seeds]);
    assert!(
        !err.contains("note:") && err.contains("warning: --by label without --model"),
        "{err}"
    );
}

/// Review finding (session 30): `run` naming only a path that is not there (a mistyped
/// `../shared/labeled-ru/`) scored the seeds alone into the output folder meant for the
/// articles, with one "skipped" line among many. The path is still reported and skipped
/// (exit 1, never fatal), and a warning says the run scored the seeds alone.
#[test]
fn a_run_whose_named_articles_are_all_missing_says_it_scored_the_seeds_alone() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = seeds().display().to_string();
    let o = bin()
        .current_dir(dir.path())
        .args(["-q", "run", "--seeds", &seeds, "--out", "out-ru", "missing-ru/"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("missing-ru/: skipped: no such file or directory"), "{err}");
    assert!(
        err.contains("warning: none of the articles named exist (missing-ru/): this run scores the seeds alone"),
        "{err}"
    );
    // One missing among others: reported and skipped, no such warning.
    let o = bin()
        .current_dir(dir.path())
        .args(["-q", "run", "--seeds", &seeds, "--out", "out", "missing-ru/", &seeds])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("none of the articles named exist"), "{err}");
}

/// Walkthrough finding (session 30): `train` into a model file that already held the same
/// model printed only the model line, as if it had written a new one.
#[test]
fn training_the_same_model_again_says_nothing_was_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = seeds().display().to_string();
    let args = ["train", "--seeds", seeds.as_str(), "--model", "m.json"];
    let (_, first) = output(dir.path(), &args);
    assert!(!first.contains("nothing replaced"), "{first}");
    let (_, again) = output(dir.path(), &args);
    assert!(
        again.contains("note: the same model as m.json already held (same bytes): nothing replaced, no backup kept"),
        "{again}"
    );
    let models = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with('m'))
        .count();
    assert_eq!(models, 1, "no backup of an identical model");
    let (_, changed) = output(
        dir.path(),
        &["train", "--seeds", seeds.as_str(), "--alpha", "2", "--model", "m.json"],
    );
    assert!(
        changed.contains("previous model kept as") && !changed.contains("nothing replaced"),
        "{changed}"
    );
}

/// Review finding (session 33): `inspect` on a folder `score --no-sentences` wrote said
/// "sentences.csv: not found (run `framescope run` or `framescope score` first)", though
/// `score` had been run; an id given as its file was not found.
#[test]
fn inspect_says_why_a_folder_has_no_sentences_and_takes_an_articles_file() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = seeds().display().to_string();
    output(dir.path(), &["-q", "train", "--seeds", &seeds, "--model", "m.json"]);
    output(
        dir.path(),
        &[
            "-q",
            "score",
            "--model",
            "m.json",
            "--no-sentences",
            "--out",
            "s",
            &seeds,
        ],
    );
    let o = bin()
        .current_dir(dir.path())
        .args(["inspect", "000_d73d1625d48df82f", "--out", "s"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("s/sentences.csv: not in this folder, which holds scores without their sentences (written with `--no-sentences`?)"),
        "{err}"
    );
    // `report` says the same (review, session 49: "run `framescope run` … first").
    let o = bin()
        .current_dir(dir.path())
        .args(["report", "--out", "s"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("s/sentences.csv: not in this folder, which holds scores without their sentences (written with `--no-sentences`?); score again without it"),
        "{err}"
    );
    output(dir.path(), &["-q", "score", "--model", "m.json", "--out", "t", &seeds]);
    let by_id = output(dir.path(), &["inspect", "000_d73d1625d48df82f", "--out", "t"]).0;
    let file = format!("{seeds}/000_d73d1625d48df82f.txt");
    assert_eq!(output(dir.path(), &["inspect", &file, "--out", "t"]).0, by_id);
}

/// Review finding (session 44): `keyness` counted the Russian pair-only words «в» and «на»
/// as terms alone («в» was the 4th strongest Western term), which the model never does.
#[test]
fn keyness_counts_russian_pair_only_words_only_inside_their_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let arts = dir.path().join("arts");
    std::fs::create_dir(&arts).unwrap();
    let kremlin = "Специальная военная операция на Украине идёт по плану. Киевский режим обстреливает Донбасс. На Украине продолжается денацификация. Военные на месте.";
    let western = "Война в Украине продолжается. Российское вторжение в Украину осудили в Европе. Оккупанты обстреляли Харьков. В Украине объявлен траур.";
    for (name, text) in [
        ("kremlin_a.txt", kremlin),
        ("kremlin_b.txt", kremlin),
        ("western_a.txt", western),
        ("western_b.txt", western),
    ] {
        std::fs::write(arts.join(name), format!("Заголовок\n\n{text}\n")).unwrap();
    }
    let seeds = seeds().display().to_string();
    output(dir.path(), &["-q", "keyness", "--out", "k", &seeds, "arts"]);
    let rows = common::table(&dir.path().join("k/keyness.csv"));
    let terms: Vec<&str> = rows.iter().map(|r| r["term"].as_str()).collect();
    assert!(
        terms.contains(&"ru:в ru:украине") && terms.contains(&"ru:на ru:украине"),
        "{terms:?}"
    );
    assert!(!terms.contains(&"ru:в") && !terms.contains(&"ru:на"), "{terms:?}");
}

/// Review, session 49: a Russian two-word term was shown in a form nobody wrote, each word's
/// commonest form put together («российские агрессию»).
#[test]
fn keyness_shows_a_two_word_term_as_it_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let arts = dir.path().join("arts");
    std::fs::create_dir(&arts).unwrap();
    for (name, text) in [
        (
            "western_a.txt",
            "Российская агрессия продолжается. Российские войска наступают. Российские танки горят.",
        ),
        (
            "western_b.txt",
            "Мир осуждает российскую агрессию. Российские войска наступают.",
        ),
        (
            "kremlin_a.txt",
            "Специальная военная операция идёт по плану. Киевский режим обстреливает Донбасс.",
        ),
    ] {
        std::fs::write(arts.join(name), format!("Заголовок\n\n{text}\n")).unwrap();
    }
    output(dir.path(), &["-q", "keyness", "--out", "k", "arts"]);
    let rows = common::table(&dir.path().join("k/keyness.csv"));
    let surface = |term: &str| rows.iter().find(|r| r["term"] == term).map(|r| r["surface"].clone());
    // Each word alone: «российские» (4 times), «агрессию» (ties broken by the smaller form).
    assert_eq!(surface("ru:российск").as_deref(), Some("российские"));
    assert_eq!(surface("ru:российск ru:агресс").as_deref(), Some("российская агрессия"));
}

/// Review, session 49: `--folds 1` scored in-sample without a word and recorded 0.
#[test]
fn one_fold_is_refused_before_any_work() {
    let d = tempfile::tempdir().unwrap();
    let seeds = seeds().display().to_string();
    let o = bin()
        .current_dir(d.path())
        .args(["run", "--seeds", &seeds, "--folds", "1", "--out", "o"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(
        err.trim(),
        "framescope: error: --folds 1: one fold would hold every article, so no article could be scored by a classifier fitted without it; give 0 (in-sample) or 2 or more"
    );
    assert!(!d.path().join("o").exists());
    // 0 and 2 are taken.
    output(
        d.path(),
        &["--quiet", "run", "--seeds", &seeds, "--folds", "2", "--out", "o"],
    );
}
