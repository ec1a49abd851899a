//! Charts drawn from synthetic scores: every PNG decodes, has the promised size, is not
//! blank, uses the palette, stays bounded with hundreds of articles and renders with one.

use framescope::charts::{self, ChartInput, ChartOptions, Similarity, TopTerms, CHART_FILES};
use framescope::compare::ArticleRow;
use framescope::score::{ArticleScore, SentenceScore};
use framescope::style::palette;
use std::collections::HashSet;
use std::path::Path;

fn article(i: usize, n: usize) -> ArticleRow {
    // Scores spread evenly over (-0.8, 0.8): both sides are present whenever n ≥ 2.
    let f = if n == 1 {
        0.3
    } else {
        -0.8 + 1.6 * i as f64 / (n - 1) as f64
    };
    let k = ((f + 1.0) / 2.0 * 0.8).clamp(0.0, 1.0);
    ArticleRow::from(ArticleScore {
        id: format!("art{i:03}"),
        title: Some(format!(
            "Headline number {i} about talks, drills and sanctions in the region"
        )),
        outlet: None,
        date: None,
        label: None,
        n_sentences: 6,
        framing_score: f,
        score_low: Some(f - 0.1),
        score_high: Some((f + 0.1).min(1.0)),
        lede_score: -f / 2.0,
        share_kremlin: k,
        share_neutral: 0.2,
        share_western: 0.8 - k,
        lexicon_hits_kremlin: i % 7,
        lexicon_hits_western: (i * 3) % 5,
        lexicon_score: 0.0,
        n_cut: 0,
        top_terms_kremlin: vec![],
        top_terms_western: vec![],
        origin: String::new(),
        lang: "en".into(),
        ..Default::default()
    })
}

fn sentences(a: &ArticleScore) -> Vec<SentenceScore> {
    (0..a.n_sentences)
        .map(|j| SentenceScore {
            article_id: a.id.clone(),
            index: j,
            is_headline: j == 0,
            text: format!("Sentence {j}."),
            p_kremlin: ((a.framing_score + 1.0) / 2.0 + 0.3 * ((j as f64) * 1.7).sin()).clamp(0.0, 1.0),
            lexicon_score: 0.0,
            weak_label: None,
            kremlin_hits: vec![],
            western_hits: vec![],
            ..Default::default()
        })
        .collect()
}

fn terms() -> TopTerms {
    TopTerms {
        kremlin: (0..15).map(|i| (format!("kterm{i}"), 1.0 - i as f64 * 0.05)).collect(),
        western: (0..15)
            .map(|i| (format!("wterm{i} phrase"), -0.9 + i as f64 * 0.05))
            .collect(),
    }
}

fn similarity_of(scores: &[ArticleRow]) -> Similarity {
    let n = scores.len();
    let matrix = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    if i == j {
                        1.0
                    } else {
                        1.0 / (1.0 + (i as f64 - j as f64).abs())
                    }
                })
                .collect()
        })
        .collect();
    Similarity {
        ids: scores.iter().map(|a| a.id.clone()).collect(),
        matrix,
    }
}

fn render(n: usize, dir: &Path) -> charts::Rendered {
    let scores: Vec<ArticleRow> = (0..n).map(|i| article(i, n)).collect();
    let sents: Vec<SentenceScore> = scores.iter().flat_map(|a| sentences(&a.score)).collect();
    let t = terms();
    let sim = similarity_of(&scores);
    let input = ChartInput {
        top_terms: Some(&t),
        similarity: Some(&sim),
        ..ChartInput::new(&scores, &sents)
    };
    framescope::report::write_charts(&input, &ChartOptions::default(), dir).unwrap()
}

fn has_colour(img: &image::RgbImage, c: palette::Rgb) -> bool {
    img.pixels().any(|p| p.0 == [c.0, c.1, c.2])
}

fn check_png(path: &Path) -> image::RgbImage {
    let img = image::open(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .to_rgb8();
    assert!(
        img.width() >= 1600 && img.height() >= 1000,
        "{}: {:?}",
        path.display(),
        img.dimensions()
    );
    let colours: HashSet<[u8; 3]> = img.pixels().map(|p| p.0).collect();
    assert!(colours.len() > 20, "{}: only {} colours", path.display(), colours.len());
    let ink = img.pixels().filter(|p| p.0 != [255, 255, 255]).count();
    let share = ink as f64 / (img.width() * img.height()) as f64;
    assert!(share > 0.005, "{}: nearly blank ({share:.4} non-white)", path.display());
    // The title block (top left) holds dark text pixels.
    let dark = (30..700)
        .flat_map(|x| (15..65).map(move |y| (x, y)))
        .filter(|&(x, y)| img.get_pixel(x, y).0.iter().all(|&c| c < 90))
        .count();
    assert!(dark > 200, "{}: no title text ({dark} dark pixels)", path.display());
    img
}

#[test]
fn every_chart_renders_with_the_palette() {
    let dir = tempfile::tempdir().unwrap();
    let r = render(8, dir.path());
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    assert_eq!(r.written.len(), CHART_FILES.len());
    for f in CHART_FILES {
        check_png(&dir.path().join(f));
    }
    for f in [
        "framing_scores.png",
        "sentence_shares.png",
        "lexicon_hits.png",
        "top_terms.png",
    ] {
        let img = check_png(&dir.path().join(f));
        assert!(has_colour(&img, palette::KREMLIN), "{f}: no Kremlin colour");
        assert!(has_colour(&img, palette::WESTERN), "{f}: no Western colour");
    }
    let img = check_png(&dir.path().join("sentence_shares.png"));
    assert!(has_colour(&img, palette::NEUTRAL));
    // The heatmap's diagonal is 1.0, the dark end of the scale.
    let img = check_png(&dir.path().join("similarity.png"));
    assert!(has_colour(&img, palette::SEQ_DARK));
}

#[test]
fn output_is_deterministic() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    render(6, a.path());
    render(6, b.path());
    for f in CHART_FILES {
        assert!(
            std::fs::read(a.path().join(f)).unwrap() == std::fs::read(b.path().join(f)).unwrap(),
            "{f} differs between two renders"
        );
    }
}

#[test]
fn one_article_still_renders_every_chart() {
    let dir = tempfile::tempdir().unwrap();
    let r = render(1, dir.path());
    assert_eq!(r.written.len(), CHART_FILES.len(), "{:?}", r.skipped);
    for f in CHART_FILES {
        check_png(&dir.path().join(f));
    }
}

#[test]
fn hundreds_of_articles_stay_bounded() {
    let dir = tempfile::tempdir().unwrap();
    render(300, dir.path());
    for f in CHART_FILES {
        let img = check_png(&dir.path().join(f));
        // 300 rows of 30 px would be over 9000 px; the charts show at most 40 rows/panels.
        assert!(img.height() <= 2000, "{f}: {} px high", img.height());
    }
}

#[test]
fn missing_optional_data_skips_charts_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let scores: Vec<ArticleRow> = (0..3).map(|i| article(i, 3)).collect();
    let r =
        framescope::report::write_charts(&ChartInput::new(&scores, &[]), &ChartOptions::default(), dir.path()).unwrap();
    let skipped: Vec<&str> = r.skipped.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(skipped, ["framing_arc.png", "similarity.png", "top_terms.png"]);
    assert_eq!(r.written.len(), CHART_FILES.len() - 3);
    assert!(!dir.path().join("similarity.png").exists());
}

#[test]
fn comparator_charts_appear_only_with_their_data() {
    use framescope::compare::outlets::outlet_table;
    let dir = tempfile::tempdir().unwrap();
    // Without own-text shares or outlets: neither comparator chart, and none listed skipped.
    let r = render(4, dir.path());
    assert!(!dir.path().join("own_text.png").exists() && !dir.path().join("outlets.png").exists());
    assert!(r.skipped.is_empty());
    // With them: both drawn, in the palette (own text in bluish green, shared in grey;
    // outlets as diverging bars in the side colours).
    let mut scores: Vec<ArticleRow> = (0..6).map(|i| article(i, 6)).collect();
    for (i, a) in scores.iter_mut().enumerate() {
        a.compare.own_text_share = Some(i as f64 / 5.0);
        a.score.outlet = Some(if i % 2 == 0 { "Even Times" } else { "Odd Post" }.into());
        a.compare.sourcing_balance = Some(if i < 3 { 1.0 } else { -0.5 });
    }
    let rows = outlet_table(&scores, 200, 1);
    assert_eq!(rows.len(), 2);
    let input = ChartInput {
        outlets: Some(&rows),
        ..ChartInput::new(&scores, &[])
    };
    let opts = ChartOptions {
        y_series: charts::YSeries::auto(&scores),
        ..ChartOptions::default()
    };
    assert_eq!(opts.y_series.name, "sourcing balance");
    let d2 = tempfile::tempdir().unwrap();
    let r = framescope::report::write_charts(&input, &opts, d2.path()).unwrap();
    assert!(r.written.contains(&d2.path().join("own_text.png")));
    let img = check_png(&d2.path().join("own_text.png"));
    assert!(has_colour(&img, palette::SEQ_MID) && has_colour(&img, palette::NEUTRAL));
    let img = check_png(&d2.path().join("outlets.png"));
    assert!(has_colour(&img, palette::KREMLIN) || has_colour(&img, palette::WESTERN));
}

/// Russian titles, terms and labels draw with the embedded font, never as missing-glyph
/// boxes: every Cyrillic letter (and the Russian quotes and dashes) is in DejaVu Sans, regular
/// and bold. The fonts are compiled in, so this holds on a machine with no system fonts.
#[test]
fn the_embedded_font_has_every_cyrillic_glyph() {
    let text = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя«»„“—–№ІіЇїЄєҐґ";
    for (name, bytes) in [("regular", dejavu::sans::regular()), ("bold", dejavu::sans::bold())] {
        let face = ttf_parser::Face::parse(bytes, 0).unwrap();
        let missing: String = text.chars().filter(|&c| face.glyph_index(c).is_none()).collect();
        assert!(missing.is_empty(), "DejaVu Sans {name} lacks {missing:?}");
        // And a character it really lacks is reported as missing (the check can fail).
        assert!(face.glyph_index('\u{10FFFD}').is_none());
    }
}
