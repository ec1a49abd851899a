use super::*;
use crate::style::palette;

fn article(id: &str, title: &str, f: f64) -> ArticleScore {
    ArticleScore {
        id: id.into(),
        title: Some(title.into()),
        outlet: Some("Outlet \"A\" & Co".into()),
        date: Some("2022-02-18".into()),
        label: None,
        n_sentences: 2,
        framing_score: f,
        score_low: Some(f - 0.1),
        score_high: Some(f + 0.1),
        lede_score: f,
        share_kremlin: 0.5,
        share_neutral: 0.0,
        share_western: 0.5,
        lexicon_hits_kremlin: 1,
        lexicon_hits_western: 1,
        lexicon_score: 0.0,
        n_cut: 1,
        top_terms_kremlin: vec![("kiev regim".into(), 0.25)],
        top_terms_western: vec![],
        origin: String::new(),
        lang: "en".into(),
        ..Default::default()
    }
}

fn sentence(id: &str, index: usize, text: &str, p: f64, k: &[&str], w: &[&str]) -> SentenceScore {
    SentenceScore {
        article_id: id.into(),
        index,
        is_headline: index == 0,
        text: text.into(),
        p_kremlin: p,
        lexicon_score: 0.0,
        weak_label: None,
        kremlin_hits: k.iter().map(|s| s.to_string()).collect(),
        western_hits: w.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

fn page() -> String {
    let scores = vec![
        article("a1", "Talks <script>alert(1)</script> end", 0.4),
        article("b2", "Kyiv appeals for help", -0.3),
    ];
    let sentences = vec![
        sentence("a1", 0, "Talks <script>alert(1)</script> end", 1.0, &[], &[]),
        sentence("a1", 1, "Moscow blamed the Kiev regime.", 0.9, &["Kiev regime"], &[]),
        sentence("b2", 0, "Kyiv appeals for help", 0.0, &[], &["Kyiv"]),
        sentence("b2", 1, "Officials <img src=x onerror=alert(2)> spoke.", 0.5, &[], &[]),
    ];
    let cuts = vec![CutLine {
        article_id: "a1".into(),
        before_paragraph: 1,
        reason: "boilerplate: read more".into(),
        text: "Read more: <b>elsewhere</b> https://example.com/x".into(),
    }];
    let facts = ModelFacts {
        tool_version: Some("0.1.0".into()),
        folds: Some(10),
        folds_assigned_by: Some("id"),
        ..Default::default()
    };
    let charts = vec![("framing_scores.png".to_string(), vec![0x89, b'P', b'N', b'G'])];
    let mut marks = super::Marks::default();
    marks.shared.insert(
        ("b2".into(), 1),
        super::SharedMark {
            other_id: "wire-copy".into(),
            exact: false,
        },
    );
    marks.sourcing.insert(
        "a1".into(),
        crate::compare::sourcing::Sourcing {
            n_statements: Some(6),
            n_attributed: 2,
            western: 2,
            ..Default::default()
        },
    );
    render(&ReportInput {
        changes: &[],
        changes_chart: None,
        totals: None,
        scores: &scores,
        sentences: &sentences,
        cuts: &cuts,
        facts: &facts,
        charts: &charts,
        marks: &marks,
    })
}

/// Review finding (session 22): the article section showed no sourcing balance, and a
/// balance from 2 of 6 statements would read as strong as one from 6 of 6.
#[test]
fn an_article_shows_its_sourcing_balance_with_its_coverage() {
    let h = page();
    assert_eq!(
        h.matches("sourcing_balance <span class=\"neg\">-1.00</span> (2 of 6 statements sided: Kremlin 0, Western 2, Ukraine 0)").count(),
        1,
        "{h}"
    );
    // An article with no row in attributions.csv (or a folder without it) shows none.
    assert_eq!(h.matches("<p class=\"sourcing\"").count(), 1);
}

#[test]
fn the_model_section_says_how_articles_were_scored() {
    assert!(page().contains("out-of-fold: 10 folds (assigned by article id: adding or removing articles moves no other article to another fold)"));
}

/// The rule comes from folds.json: `report` on a folder reads it; a folder without one
/// (or an unreadable one) says nothing of it.
#[test]
fn how_folds_were_assigned_is_read_from_folds_json() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("folds.json");
    assert_eq!(crate::report::folds_assigned_by(&p), None);
    std::fs::write(&p, r#"{"folds":3,"assigned_by":"id","classifiers":[]}"#).unwrap();
    assert_eq!(crate::report::folds_assigned_by(&p), Some("id"));
    // Files before session 39 have no `assigned_by`: by row order, as then.
    std::fs::write(&p, r#"{"folds":3,"classifiers":[]}"#).unwrap();
    assert_eq!(crate::report::folds_assigned_by(&p), Some("order"));
    std::fs::write(&p, r#"{"folds":3,"assigned_by":"rows"}"#).unwrap();
    assert_eq!(crate::report::folds_assigned_by(&p), None);
    std::fs::write(&p, "not json").unwrap();
    assert_eq!(crate::report::folds_assigned_by(&p), None);
}

#[test]
fn the_model_section_shows_the_weak_model_warnings_run_json_records() {
    // Recorded by the job among run.json's problems, beside input problems and notes.
    let run = RunManifest {
        problems: vec![
            "a.txt: skipped: empty".into(),
            "warning: weak model: trained on only 25 lexicon-labelled sentence(s) <…>".into(),
            "note: 2 article(s) in `ru` …".into(),
        ],
        ..Default::default()
    };
    let facts = ModelFacts::new(Some(&run), None);
    assert_eq!(
        facts.weaknesses,
        ["weak model: trained on only 25 lexicon-labelled sentence(s) <…>"]
    );
    let h = render_facts(&facts);
    let model = &h[h.find("<section id=\"model\">").unwrap()..h.find("<section id=\"articles\">").unwrap()];
    assert!(
        model.contains(
            "<p class=\"warning\"><strong>Warning:</strong> weak model: trained on only 25 lexicon-labelled sentence(s) &lt;…&gt;</p>"
        ),
        "{model}"
    );
    assert_eq!(model.matches("class=\"warning\"").count(), 1, "{model}");
    // Said under the header too, before the first score (review, session 32: the warning
    // was 85% of the way down the page, after every side claimed).
    let head = &h[..h.find("<section id=\"scores\">").unwrap()];
    assert!(head.contains("<strong>Weak model:</strong> 1 warning(s)"), "{head}");
    // None recorded, no model: nothing to say.
    assert!(!render_plain(&[], &[]).contains("class=\"warning\""));
}

/// Review of the left-alone list (session 33): the inputs a job skipped were on the
/// terminal and in run.json only; a reader of the page took its scores for all articles.
#[test]
fn the_page_lists_the_inputs_the_job_skipped() {
    let mut problems: Vec<String> = (0..53)
        .map(|i| format!("in/{i:02}.txt: skipped: empty <file>"))
        .collect();
    problems.push("warning: weak model: trained on only 25 lexicon-labelled sentence(s)".into());
    problems.push("note: a note".into());
    let run = RunManifest {
        problems,
        ..Default::default()
    };
    let facts = ModelFacts::new(Some(&run), None);
    assert_eq!(facts.skipped.len(), 53, "skips only, not warnings or notes");
    let h = render_facts(&facts);
    let head = &h[..h.find("<section id=\"scores\">").unwrap()];
    assert!(
        head.contains("<strong>Skipped inputs:</strong> 53 input(s) could not be used and are not in these scores"),
        "{head}"
    );
    let model = &h[h.find("<section id=\"model\">").unwrap()..h.find("<section id=\"articles\">").unwrap()];
    assert_eq!(model.matches("<li>in/").count(), 50, "the first 50 listed");
    assert!(
        model.contains("<li>in/00.txt: skipped: empty &lt;file&gt;</li>"),
        "escaped: {model}"
    );
    assert!(!model.contains("in/50.txt"));
    assert!(model.contains("… and 3 more, all listed in run.json's <code>problems</code>."));
    // Nothing skipped: nothing said.
    let none = ModelFacts::new(Some(&RunManifest::default()), None);
    assert!(none.skipped.is_empty());
    assert!(!render_plain(&[], &[]).contains("Skipped inputs"));
}

/// Review, session 35: the page showed only the weak-model warnings and the skipped inputs
/// of run.json's problems; a date that names no day (left out of timeline.csv) was on the
/// terminal only.
#[test]
fn the_page_lists_the_runs_other_warnings() {
    let run = RunManifest {
        problems: vec![
            "in/a.txt: skipped: empty".into(),
            "warning: weak model: trained on only 25 lexicon-labelled sentence(s)".into(),
            "warning: 1 article(s) have a date that names no day (first: t.jsonl:1: `2022-02`)".into(),
        ],
        ..Default::default()
    };
    let facts = ModelFacts::new(Some(&run), None);
    assert_eq!(
        facts.warnings,
        ["1 article(s) have a date that names no day (first: t.jsonl:1: `2022-02`)"]
    );
    let h = render_facts(&facts);
    let head = &h[..h.find("<section id=\"scores\">").unwrap()];
    assert!(
        head.contains("<strong>Warnings:</strong> the run gave 1 other warning(s)"),
        "{head}"
    );
    let model = &h[h.find("<section id=\"model\">").unwrap()..];
    assert!(
        model.contains("<h3 id=\"warnings\">Warnings from the run</h3>")
            && model.contains("<li>1 article(s) have a date that names no day"),
        "{model}"
    );
    assert!(!render_plain(&[], &[]).contains("Warnings from the run"));
}

/// Review, session 35: the header defined framing_score with quotes "at half weight" in a
/// `--mean-score` or `--quoted-weight 0` run too.
#[test]
fn the_header_defines_the_score_the_run_computed() {
    let header = |q: Option<f64>, command: Option<&str>| {
        let facts = ModelFacts {
            quoted_weight: q,
            command: command.map(String::from),
            ..Default::default()
        };
        let h = render_facts(&facts);
        let at = h.find("<p>framing_score = ").unwrap();
        h[at..at + h[at..].find("minus").unwrap()].to_string()
    };
    // Review V: each word counts once; a quoted word's distance from c is what is weighed
    // (not a weighted mean of the two parts' 2·p − 1, the formula before session 51).
    let half = header(Some(0.5), Some("run"));
    assert!(
        half.contains("each word counts once") && half.contains("distance from the no-evidence point c at half"),
        "{half}"
    );
    assert!(header(None, Some("run")).contains("the plain sentence mean"));
    let zero = header(Some(0.0), Some("run"));
    assert!(zero.contains("own words only") && !zero.contains("half"), "{zero}");
    assert!(header(Some(0.25), Some("run")).contains("point c times 0.25"));
    assert!(header(None, None).contains("does not record how its run weighed them"));
}

/// Review, session 35: sentences were shaded by raw p_kremlin while the score counts them
/// from the no-evidence point c; voice and quoted were coloured by sign with no interval.
#[test]
fn sentences_are_shaded_by_their_pull_and_voice_claims_no_side() {
    let mut a = article("a1", "T", 0.1);
    a.score_offset = -0.2;
    a.voice_score = Some(0.05);
    a.quoted_score = Some(-0.02);
    // p 0.45: evidence 2·0.45 − 1 = −0.1, less c = −0.2: a pull of +0.1, shaded as 0.55.
    // p 0.4: evidence −0.2, pull 0: unshaded, as 0.5.
    let sentences = [
        sentence("a1", 0, "Headline.", 0.45, &[], &[]),
        sentence("a1", 1, "Officials met.", 0.4, &[], &[]),
    ];
    let h = render_plain(&[a], &sentences);
    let bg = |text: &str| {
        let at = h
            .find(&format!(">{text}</span>"))
            .unwrap_or_else(|| panic!("{text}: {h}"));
        let start = h[..at].rfind("background:").unwrap() + "background:".len();
        h[start..start + 7].to_string()
    };
    assert_eq!(bg("Headline."), palette::diverging(0.55).hex());
    assert_eq!(bg("Officials met."), palette::diverging(0.5).hex());
    assert_ne!(palette::diverging(0.55).hex(), palette::diverging(0.45).hex());
    assert!(h.contains(r#"own voice <span class="">+0.050</span>"#), "{h}");
    assert!(h.contains(r#"quoted material <span class="">-0.020</span>"#), "{h}");
}

/// Review, session 35: after `retrain` the model facts said "(run)" (run.json's command);
/// the command line as typed is shown when recorded.
#[test]
fn the_run_fact_shows_the_command_line_as_typed() {
    let mut run = RunManifest {
        command: "run".into(),
        arguments: Some(vec![
            "/usr/bin/framescope".into(),
            "retrain".into(),
            "my articles".into(),
            "--out".into(),
            "out".into(),
        ]),
        ..Default::default()
    };
    let facts = ModelFacts::new(Some(&run), None);
    assert_eq!(
        facts.command.as_deref(),
        Some("framescope retrain 'my articles' --out out")
    );
    run.arguments = None;
    assert_eq!(ModelFacts::new(Some(&run), None).command.as_deref(), Some("run"));
}

/// Review, session 35: an English-only run's page counted the Russian lists among the
/// lexicon's entries; they are counted apart, as entries for languages not trained on.
#[test]
fn lexicon_entries_of_languages_not_trained_on_are_counted_apart() {
    use crate::corpus::Side;
    let mut m = crate::compare::changes::testing::model(
        &[("kiev", 0.5, 2)],
        &[("Kiev regime", Side::Kremlin, 2.0), ("invasion", Side::Western, 2.0)],
    );
    m.training.languages = vec!["en".into()];
    m.lexicon.languages.push(crate::lexicon::LanguageFiles {
        code: "ru".into(),
        kremlin_sha256: String::new(),
        western_sha256: String::new(),
    });
    for (phrase, side) in [
        ("киевский режим", Side::Kremlin),
        ("вторжение", Side::Western),
        ("нацисты", Side::Kremlin),
    ] {
        let mut e = m.lexicon.entries[0].clone();
        e.phrase = phrase.into();
        e.side = side;
        e.stems = phrase.split(' ').map(|w| format!("ru:{w}")).collect();
        m.lexicon.entries.push(e);
    }
    let facts = ModelFacts::new(None, Some(&m));
    assert_eq!((facts.lexicon_entries_kremlin, facts.lexicon_entries_western), (1, 1));
    assert_eq!(facts.lexicon_entries_other, [("ru".to_string(), 3)]);
    let h = render_facts(&facts);
    assert!(
        h.contains("1 Kremlin, 1 Western in the languages trained on (en)")
            && h.contains("also hold 3 ru entries for languages not trained on"),
        "{h}"
    );
    // Trained on both: all counted by side, none apart.
    m.training.languages = vec!["en".into(), "ru".into()];
    let facts = ModelFacts::new(None, Some(&m));
    assert_eq!((facts.lexicon_entries_kremlin, facts.lexicon_entries_western), (3, 2));
    assert!(facts.lexicon_entries_other.is_empty());
}

/// Review, session 35: a Russian article's top terms showed the model's `ru:` prefix, and
/// its text had no `lang` (a screen reader read it with English rules).
#[test]
fn a_russian_article_has_its_lang_and_terms_without_the_prefix() {
    let mut a = article("r1", "Киевский режим", 0.2);
    a.lang = "ru".into();
    a.top_terms_kremlin = vec![("ru:киевск ru:режим".into(), 0.31)];
    let h = render_plain(&[a], &[sentence("r1", 0, "Киевский режим", 0.7, &[], &[])]);
    assert!(
        h.contains("<li>киевск режим <span class=\"muted\">+0.310</span></li>"),
        "{h}"
    );
    assert!(!h.contains("ru:киевск"), "{h}");
    assert!(h.contains("<h3 lang=\"ru\">Киевский режим</h3>"), "{h}");
    assert!(h.contains("<div class=\"text\" lang=\"ru\">"), "{h}");
}

/// Review, session 35: a chart's caption was its file name; every chart a run draws has a
/// sentence saying what it shows.
#[test]
fn every_chart_has_a_caption_saying_what_it_shows() {
    for f in crate::charts::CHART_FILES
        .iter()
        .chain(crate::charts::COMPARATOR_CHART_FILES)
        .chain(&["before_after.png"])
    {
        assert!(crate::charts::caption(f).is_some_and(|c| c.len() > 40), "{f}");
    }
    let charts = [("framing_scores.png".to_string(), vec![0x89, b'P', b'N', b'G'])];
    let h = render(&ReportInput {
        scores: &[],
        sentences: &[],
        cuts: &[],
        facts: &ModelFacts::default(),
        charts: &charts,
        marks: &super::Marks::default(),
        changes: &[],
        changes_chart: None,
        totals: None,
    });
    assert!(
        h.contains("<figcaption>framing_score per article with its 95% interval")
            && h.contains("<span class=\"muted\">(framing_scores.png)</span></figcaption>"),
        "{h}"
    );
}

#[test]
fn shared_copy_is_marked_on_its_sentence() {
    let h = page();
    assert_eq!(h.matches("class=\"s shared\"").count(), 1, "one shared sentence");
    assert!(h.contains("shared copy (near-duplicate) with wire-copy"));
}

#[test]
fn article_text_is_escaped_everywhere() {
    let h = page();
    assert!(!h.contains("<script>alert"), "raw script in page");
    assert!(!h.contains("<img src=x"), "raw img in page");
    assert!(h.contains("Talks &lt;script&gt;alert(1)&lt;/script&gt; end"));
    assert!(h.contains("Officials &lt;img src=x onerror=alert(2)&gt; spoke."));
    assert!(h.contains("Outlet &quot;A&quot; &amp; Co"));
    // Our own sorting script is the only script element.
    assert_eq!(h.matches("<script").count(), 1);
}

#[test]
fn a_script_in_a_title_text_or_outlet_is_escaped() {
    let mut a = article("x", "<script>alert('t')</script>", 0.1);
    a.outlet = Some("<script>alert(\"o\")</script>".into());
    let sentences = vec![sentence("x", 1, "Text <script>alert(1)</script> & more", 0.5, &[], &[])];
    let h = render_plain(&[a], &sentences);
    // Our own sorting script is the only script element.
    assert_eq!(h.matches("<script").count(), 1, "{h}");
    let title = "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;";
    assert!(h.contains(&format!("<td class=\"title\">{title}</td>")), "{h}");
    assert!(h.contains(&format!("<h3 lang=\"en\">{title}</h3>")), "{h}");
    let outlet = "&lt;script&gt;alert(&quot;o&quot;)&lt;/script&gt;";
    assert!(h.contains(&format!("<td class=\"col-outlet\">{outlet}</td>")), "{h}");
    assert!(
        h.contains(&format!("<p class=\"muted\">{outlet} · 2022-02-18 · id x</p>")),
        "{h}"
    );
    assert!(
        h.contains(">Text &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</span>"),
        "{h}"
    );
}

#[test]
fn page_has_every_section_shading_hits_and_cuts() {
    let h = page();
    assert_eq!(h.matches("<article class=\"art\"").count(), 2);
    assert!(h.contains("<a href=\"#a-1\">a1</a>") && h.contains("id=\"a-2\""));
    // p = 1 and p = 0 take the two ends of the shared diverging palette.
    assert!(h.contains(&format!("style=\"background:{}\"", palette::KREMLIN.hex())));
    assert!(h.contains(&format!("style=\"background:{}\"", palette::WESTERN.hex())));
    assert!(h.contains("<u class=\"hit k\" title=\"Kremlin lexicon: Kiev regime\">Kiev regime</u>"));
    // With no quoted weight recorded the score counts 2·p − 1: +0.800 from c = 0.
    assert!(h.contains(
        "title=\"p_kremlin 0.900 · adds e − c = +0.800 to framing_score&#39;s mean (toward Kremlin) · Kremlin lexicon: Kiev regime\""
    ));
    assert!(h.contains("<details class=\"cuts\"><summary>1 line(s) cut"));
    assert!(h.contains("<s>Read more: &lt;b&gt;elsewhere&lt;/b&gt; https://example.com/x</s>"));
    assert!(h.contains("src=\"data:image/png;base64,iVBORw==\""));
}

#[test]
fn page_fetches_nothing_and_is_deterministic() {
    let h = page();
    // The templates' macros leave nothing before the doctype.
    assert!(h.starts_with("<!DOCTYPE html>\n"), "{}", &h[..40]);
    assert!(h.contains("content=\"default-src 'none'"));
    for attr in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "@import"] {
        assert!(!h.contains(attr), "{attr}");
    }
    assert_eq!(h, page());
}

#[test]
fn cleaning_table_is_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("cleaning.csv");
    std::fs::write(
        &p,
        "article_id,before_paragraph,reason,text\na,3,\"teaser, short\",Read more\n",
    )
    .unwrap();
    let c = read_cleaning(&p, |_| true).unwrap();
    assert_eq!(
        c,
        vec![CutLine {
            article_id: "a".into(),
            before_paragraph: 3,
            reason: "teaser, short".into(),
            text: "Read more".into()
        }]
    );
    std::fs::write(&p, "id,x\n").unwrap();
    assert!(read_cleaning(&p, |_| true).is_err());
}

#[test]
fn the_language_column_shows_only_in_a_mixed_run() {
    let render_langs = |langs: &[&str]| {
        let scores: Vec<ArticleScore> = langs
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut a = article(&format!("a{i}"), "t", 0.1);
                a.lang = l.to_string();
                a
            })
            .collect();
        render_plain(&scores, &[])
    };
    let hidden = "<style>.col-lang { display: none; }</style>";
    let mixed = render_langs(&["en", "ru"]);
    assert!(!mixed.contains(hidden), "{mixed}");
    assert!(mixed.contains("<td class=\"col-lang\">ru</td>"), "{mixed}");
    let english = render_langs(&["en", "en"]);
    assert!(english.contains(hidden), "{english}");
}

/// The page of these articles and sentences, with no cuts, charts, model facts or changes.
fn render_plain(scores: &[ArticleScore], sentences: &[SentenceScore]) -> String {
    render_part(scores, sentences, None)
}

/// A page of no articles with these model facts.
fn render_facts(facts: &ModelFacts) -> String {
    render(&ReportInput {
        scores: &[],
        sentences: &[],
        cuts: &[],
        facts,
        charts: &[],
        marks: &super::Marks::default(),
        changes: &[],
        changes_chart: None,
        totals: None,
    })
}

/// [`render_plain`], the page showing these of `totals` (articles, sentences) in all.
fn render_part(scores: &[ArticleScore], sentences: &[SentenceScore], totals: Option<(usize, usize)>) -> String {
    render(&ReportInput {
        scores,
        sentences,
        cuts: &[],
        facts: &ModelFacts::default(),
        charts: &[],
        marks: &super::Marks::default(),
        changes: &[],
        changes_chart: None,
        totals,
    })
}

/// Review, session 32: a page showing 500 of 2,005 articles said "500 articles · 11209
/// sentences" (the Model section and charts said 2005). The header gives the folder's totals
/// and says the page shows a part.
#[test]
fn a_page_of_some_articles_says_how_many_there_are_in_all() {
    let scores: Vec<ArticleScore> = (0..4).map(|i| article(&format!("a{i}"), "t", 0.1 * i as f64)).collect();
    let h = render_part(&scores, &[], Some((2005, 46375)));
    assert!(
        h.contains("2005 articles · 46375 sentences · <strong>this page shows 4 of them</strong> (the 2 most Kremlin- and 2 most Western-framed"),
        "{}",
        &h[h.find("<h1").unwrap()..h.find("<nav").unwrap()]
    );
    assert!(!render_plain(&scores, &[]).contains("this page shows"));
}
