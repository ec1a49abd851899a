//! Adding a language as README › Languages › "Adding a language" says: a `languages.txt`
//! line, a data folder and two lexicon files; the binary then analyses articles in it.

mod common;
use common::{copy_tree, framescope};
use std::path::Path;

/// The repository's data folder with French added (`elide` as given).
fn data_with_french(dir: &Path, options: &str) {
    let data = dir.join("data");
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), &data);
    let langs = std::fs::read_to_string(data.join("languages.txt")).unwrap();
    std::fs::write(data.join("languages.txt"), format!("{langs}fr french {options}\n")).unwrap();
    std::fs::create_dir_all(data.join("fr")).unwrap();
    for f in [
        "outlets.txt",
        "abbreviations.txt",
        "final_abbreviations.txt",
        "unstemmed.txt",
        "boilerplate.txt",
        "self_references.txt",
    ] {
        std::fs::write(data.join("fr").join(f), "").unwrap();
    }
    std::fs::write(data.join("fr/stopwords.txt"), "le\nla\nles\nde\net\nun\nune\nil\na\n").unwrap();
    std::fs::create_dir_all(data.join("lexicons/fr")).unwrap();
    std::fs::write(
        data.join("lexicons/fr/kremlin.txt"),
        "opération militaire spéciale | 2\n",
    )
    .unwrap();
    std::fs::write(data.join("lexicons/fr/western.txt"), "invasion | 2\n").unwrap();
}

/// `lexicon_score` and `lang` of article `id` after `run` on one French article.
fn french_run(options: &str) -> (f64, String) {
    let tmp = tempfile::tempdir().unwrap();
    data_with_french(tmp.path(), options);
    let text = "L'invasion de l'Ukraine a commencé jeudi matin selon les autorités de Kiev. \
                Les gouvernements européens condamnent l'invasion et préparent des sanctions.";
    let line = serde_json::json!({"id": "fr1", "outlet": "journal", "text": text});
    std::fs::write(tmp.path().join("fr.jsonl"), format!("{line}\n")).unwrap();
    framescope(tmp.path())
        .args(["run", "--data", "data", "--out", "out", "fr.jsonl"])
        .assert()
        .success();
    let mut r = csv::Reader::from_path(tmp.path().join("out/scores.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let row = r
        .records()
        .map(Result::unwrap)
        .find(|rec| &rec[col("id")] == "fr1")
        .expect("the French article is scored");
    (row[col("lexicon_score")].parse().unwrap(), row[col("lang")].to_string())
}

#[test]
fn an_added_language_is_analysed_and_its_elisions_cut() {
    // Two Western hits of weight 2, both written with the article elided onto them
    // ("l'invasion"): found only when `l` is declared elided.
    assert_eq!(french_run("elide=l,d,qu"), (-4.0, "fr".to_string()));
    assert_eq!(french_run(""), (0.0, "fr".to_string()));
}

/// Review, session 49: `kwic invasion` read the phrase as English (detected from one word)
/// and found nothing in a French article, where `lexicon` and `run` match the entry.
#[test]
fn kwic_reads_the_phrase_in_each_articles_language() {
    let tmp = tempfile::tempdir().unwrap();
    data_with_french(tmp.path(), "elide=l,d,qu");
    let text = "Les forces russes ont lancé l'invasion de l'Ukraine jeudi, selon les responsables. \
                Les gouvernements européens condamnent l'invasion.";
    let line = serde_json::json!({"id": "fr1", "text": text, "lang": "fr"});
    std::fs::write(tmp.path().join("fr.jsonl"), format!("{line}\n")).unwrap();
    let o = framescope(tmp.path())
        .args(["kwic", "invasion", "--data", "data", "fr.jsonl"])
        .output()
        .unwrap();
    let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "{err}");
    // (`--quiet`: the occurrences alone.)
    assert_eq!(out.matches("[invasion]").count(), 2, "{out}");
    assert!(out.contains("l'[invasion] de l'Ukraine"), "{out}");
}

/// Review finding (session 28): a data folder without `languages.txt` read a Russian article
/// as English (`lang` en, score 0, no word said). It is filled from the built-in copies with
/// a warning; a folder that lists no language reads English only and refuses the article.
#[test]
fn a_folder_without_languages_txt_reads_russian_and_an_english_only_one_refuses_it() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(&repo.join("data"), &d.join("old"));
    std::fs::remove_file(d.join("old/languages.txt")).unwrap();
    std::fs::remove_dir_all(d.join("old/ru")).unwrap();
    copy_tree(&repo.join("data"), &d.join("en"));
    std::fs::write(d.join("en/languages.txt"), "# English only\n").unwrap();
    // Written for this test: «The Kremlin said the special military operation goes on as
    // planned; the Kiev regime, it said, refuses to negotiate.»
    let text = "В Кремле заявили, что специальная военная операция идет по плану. \
                По словам представителя Кремля, киевский режим отказывается от переговоров.";
    let line = serde_json::json!({"id": "ru1", "text": text});
    std::fs::write(d.join("ru.jsonl"), format!("{line}\n")).unwrap();
    let run_on = |d: &Path, data: &str, out: &str| {
        let o = framescope(d)
            .args(["run", "--data", data, "--out", out, "--seeds"])
            .arg(repo.join("seeds"))
            .arg("ru.jsonl")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        (o, err)
    };

    let (out, err) = run_on(d, "old", "o1");
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning: old lacks languages.txt, ru/stopwords.txt"),
        "{err}"
    );
    let scores = std::fs::read_to_string(d.join("o1/scores.csv")).unwrap();
    let mut r = csv::Reader::from_reader(scores.as_bytes());
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let row = r
        .records()
        .map(Result::unwrap)
        .find(|x| &x[col("id")] == "ru1")
        .unwrap();
    assert_eq!(&row[col("lang")], "ru");
    // «специальная военная операция» and «киевский режим» are Kremlin entries of the
    // built-in Russian lexicon.
    assert!(row[col("lexicon_score")].parse::<f64>().unwrap() > 0.0, "{scores}");

    let (out, err) = run_on(d, "en", "o2");
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "ru.jsonl:1: skipped: written in Cyrillic script, which none of the analysed languages is (analysed: en)"
        ),
        "{err}"
    );
}

/// Review finding (session 43): a bilingual article (a Russian paragraph, then its English
/// version) is read in one language and the other half's words are ignored, without a word
/// said. It is scored as before, and a warning names the file, line and article.
#[test]
fn a_bilingual_article_is_scored_and_warned_of() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Written for this test.
    let text = "Войска продолжают специальную военную операцию на Украине. \
                Киевский режим срывает переговоры с Москвой. \
                Troops continue the operation in the east of the country. \
                The government in Kyiv says the talks have stalled again.";
    let lines = [
        serde_json::json!({"id": "plain", "text": "Troops moved east on Monday, officials in Kyiv said. The talks stalled again."}),
        serde_json::json!({"id": "both", "text": text}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(d.join("mixed.jsonl"), body).unwrap();
    let o = framescope(d)
        .args(["run", "--out", "out", "--seeds"])
        .arg(repo.join("seeds"))
        .arg("mixed.jsonl")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    let warned: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("script, which its language"))
        .collect();
    assert_eq!(warned.len(), 1, "{err}");
    assert!(
        warned[0].contains("mixed.jsonl:2: warning: article `both`: 2 of its 4 sentences are in"),
        "{}",
        warned[0]
    );
    let scores = std::fs::read_to_string(d.join("out/scores.csv")).unwrap();
    assert!(scores.lines().any(|l| l.starts_with("both,")), "{scores}");
}
