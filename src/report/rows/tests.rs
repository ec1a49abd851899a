//! A round trip per table: hand-written rows written, the exact text checked, read back.

use super::*;
use crate::compare::enrich::SharedSentence;
use crate::compare::outlets::{OutletRow, TimelineRow};
use crate::report::{read_rows, write_rows};
use serde::de::DeserializeOwned;
use std::fmt::Debug;

/// Write `rows`, check the file's text, read it back: the same rows.
fn round_trip<R>(rows: &[R], text: &str)
where
    R: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.csv");
    write_rows(&p, rows).unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), text);
    assert_eq!(read_rows::<R>(&p, |_| true).unwrap(), rows);
    // Only kept rows are read.
    assert!(read_rows::<R>(&p, |_| false).unwrap().is_empty());
}

fn score(id: &str) -> ScoreRow {
    ScoreRow {
        id: id.into(),
        title: Some("Talks, \"again\"".into()),
        outlet: None,
        date: Some("2022-02-18".into()),
        n_sentences: 12,
        framing_score: -0.13,
        score_low: Some(-0.344),
        score_high: None,
        leaning: Some(crate::score::Leaning::Undecided),
        lede_score: -0.0,
        share_kremlin: 0.25,
        share_neutral: 0.5,
        share_western: 0.25,
        lexicon_hits_kremlin: 2,
        lexicon_hits_western: 11,
        lexicon_score: -11.5,
        n_cut: 3,
        label: Some(Side::Western),
        top_terms_kremlin: vec![("pure defens".into(), 0.165), ("a:b".into(), 0.1)],
        top_terms_western: vec![],
        own_text_share: Some(1.0),
        own_framing_score: None,
        n_statements: Some(20),
        n_attributed: 14,
        sourced_kremlin: Some(0.857143),
        sourced_western: None,
        sourced_ukraine: None,
        sourcing_balance: Some(0.85),
        voice_score: None,
        quoted_score: None,
        own_voice_share: Some(0.35),
        score_offset: -0.089,
        origin: "seed".into(),
        lang: "en".into(),
    }
}

#[test]
fn scores_round_trip() {
    let mut b = score("b");
    b.title = None;
    b.label = None;
    round_trip(
        &[score("a"), b],
        "id,title,outlet,date,n_sentences,framing_score,score_low,score_high,lede_score,share_kremlin,\
share_neutral,share_western,lexicon_hits_kremlin,lexicon_hits_western,lexicon_score,n_cut,label,top_terms_kremlin,\
top_terms_western,own_text_share,own_framing_score,n_statements,n_attributed,sourced_kremlin,sourced_western,sourced_ukraine,\
sourcing_balance,voice_score,quoted_score,own_voice_share,score_offset,origin,lang,leaning\n\
a,\"Talks, \"\"again\"\"\",,2022-02-18,12,-0.130000,-0.344000,,0.000000,0.250000,0.500000,0.250000,2,11,\
-11.500000,3,western,pure defens:0.1650; a:b:0.1000,,1.000000,,20,14,0.857143,,,0.850000,,,0.350000,-0.089000,seed,en,undecided\n\
b,,,2022-02-18,12,-0.130000,-0.344000,,0.000000,0.250000,0.500000,0.250000,2,11,\
-11.500000,3,,pure defens:0.1650; a:b:0.1000,,1.000000,,20,14,0.857143,,,0.850000,,,0.350000,-0.089000,seed,en,undecided\n",
    );
}

#[test]
fn article_scores_go_through_rows_unchanged() {
    // Read back, a row splits into the scores and the comparator's columns; built, it
    // joins them again.
    let a: ArticleRow = score("a").into();
    assert_eq!(a.compare.n_attributed, 14);
    assert_eq!(a.compare.sourcing_balance, Some(0.85));
    assert_eq!(a.score.n_cut, 3);
    assert_eq!(ScoreRow::from(&a), score("a"));
    let s = sentence();
    assert_eq!(SentenceRow::from(&SentenceScore::from(s.clone())), s);
}

fn sentence() -> SentenceRow {
    SentenceRow {
        article_id: "a".into(),
        index: 0,
        is_headline: true,
        text: "=cmd \"quoted\"".into(),
        p_kremlin: 0.874,
        lexicon_score: 1.5,
        weak_label: Some(Side::Kremlin),
        kremlin_hits: vec!["purely defensive".into(), "x".into()],
        western_hits: vec![],
        voice: "mixed".into(),
        own_words: 7,
        quoted_words: 9,
        p_own: None,
        p_quoted: Some(0.869),
        voice_spans: "0-7:own".into(),
    }
}

#[test]
fn sentences_round_trip() {
    round_trip(
        &[sentence()],
        "article_id,index,is_headline,text,p_kremlin,lexicon_score,weak_label,kremlin_hits,western_hits,voice,\
own_words,quoted_words,p_own,p_quoted,voice_spans\n\
a,0,true,\"'=cmd \"\"quoted\"\"\",0.874000,1.500000,kremlin,purely defensive; x,,mixed,7,9,,0.869000,0-7:own\n",
    );
}

#[test]
fn cleaning_round_trips() {
    let cut = CutLine {
        article_id: "a".into(),
        before_paragraph: 3,
        reason: "teaser, short".into(),
        text: "Read more".into(),
    };
    round_trip(
        &[cut],
        "article_id,before_paragraph,reason,text\na,3,\"teaser, short\",Read more\n",
    );
}

#[test]
fn attributions_round_trip() {
    let row = |side: &str| AttributionRow {
        article_id: "a".into(),
        index: 2,
        cue: "said".into(),
        actor: "Vladimir Putin".into(),
        side: side.into(),
        text: "Mr Putin said: \"These drills are defensive.\"".into(),
    };
    round_trip(
        &[row("kremlin"), row("")],
        "article_id,index,cue,actor,side,text\n\
a,2,said,Vladimir Putin,kremlin,\"Mr Putin said: \"\"These drills are defensive.\"\"\"\n\
a,2,said,Vladimir Putin,,\"Mr Putin said: \"\"These drills are defensive.\"\"\"\n",
    );
}

#[test]
fn shared_sentences_round_trip() {
    let row = SharedSentence {
        article_id: "a".into(),
        index: 4,
        other_id: "b".into(),
        other_index: 7,
        exact: false,
        similarity: 0.91,
    };
    round_trip(
        &[row],
        "article_id,index,shared_with,other_index,exact,similarity\na,4,b,7,false,0.910000\n",
    );
}

#[test]
fn outlets_round_trip() {
    let row = OutletRow {
        outlet: "BBC".into(),
        lang: "en".into(),
        articles: 21,
        mean_framing_score: -0.266,
        score_low: -0.42,
        score_high: -0.12,
        mean_own_text_share: Some(0.9),
        mean_own_framing_score: None,
        articles_with_own_text: 0,
        mean_sourcing_balance: Some(-0.25),
        articles_with_sourcing: 20,
    };
    round_trip(
        &[row],
        "outlet,lang,articles,mean_framing_score,score_low,score_high,mean_own_text_share,mean_own_framing_score,\
articles_with_own_text,mean_sourcing_balance,articles_with_sourcing\nBBC,en,21,-0.266000,-0.420000,-0.120000,0.900000,,0,-0.250000,20\n",
    );
}

#[test]
fn timeline_round_trips() {
    let row = |m| TimelineRow {
        date: "2022-02-18".into(),
        outlet: "TASS".into(),
        lang: "ru".into(),
        articles: 3,
        mean_framing_score: 0.5,
        mean_sourcing_balance: m,
    };
    round_trip(
        &[row(Some(1.0)), row(None)],
        "date,outlet,lang,articles,mean_framing_score,mean_sourcing_balance\n\
2022-02-18,TASS,ru,3,0.500000,1.000000\n2022-02-18,TASS,ru,3,0.500000,\n",
    );
}

#[test]
fn keyness_round_trips() {
    let row = crate::compare::tables::KeynessRow {
        term: "kiev".into(),
        surface: "Kiev".into(),
        count_a: 13,
        count_b: 0,
        background: 14,
        per_mille_a: 7.629108,
        per_mille_b: 0.0,
        prior: 2.473366,
        log_odds: 2.090439,
        z: 3.052681,
        leans: "Kremlin-framed".into(),
    };
    round_trip(
        &[row],
        "term,surface,count_a,count_b,background,per_mille_a,per_mille_b,prior,log_odds,z,leans
\
kiev,Kiev,13,0,14,7.629108,0.000000,2.473366,2.090439,3.052681,Kremlin-framed
",
    );
}

#[test]
fn diff_rows_round_trip() {
    let row = crate::compare::changes::rows::DiffRow {
        kind: "article".into(),
        key: "a".into(),
        side: String::new(),
        old: "0.100000".into(),
        new: "-0.200000".into(),
        change: "-0.300000".into(),
        title: "Talks".into(),
        detail: String::new(),
        causes: "lexicon_added:kiev regime".into(),
    };
    round_trip(
        &[row],
        "kind,key,side,old,new,change,title,detail,causes\n\
article,a,,0.100000,-0.200000,-0.300000,Talks,,lexicon_added:kiev regime\n",
    );
}

#[test]
fn a_table_without_rows_has_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.csv");
    write_rows::<CutLine>(&p, []).unwrap();
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        "article_id,before_paragraph,reason,text\n"
    );
    std::fs::write(&p, "id,x\n").unwrap();
    assert!(read_rows::<CutLine>(&p, |_| true).is_err());
}

/// Review finding J6: a hand-edited `NaN` or `1e308` score was drawn and reported. Every
/// value a run writes passes; past a column's range, or not a number, is named.
#[test]
fn impossible_cells_are_named_by_column() {
    assert_eq!(score("a").impossible(), None);
    let edited = |f: fn(&mut ScoreRow)| {
        let mut r = score("a");
        f(&mut r);
        r.impossible().map(|(c, _, what)| (c, what))
    };
    let score_range = "a score from -1 to 1";
    assert_eq!(
        edited(|r| r.framing_score = f64::NAN),
        Some(("framing_score", score_range))
    );
    assert_eq!(
        edited(|r| r.score_high = Some(1e308)),
        Some(("score_high", score_range))
    );
    assert_eq!(
        edited(|r| r.score_low = Some(-1.000001)),
        Some(("score_low", score_range))
    );
    assert_eq!(
        edited(|r| r.quoted_score = Some(f64::INFINITY)),
        Some(("quoted_score", score_range))
    );
    assert_eq!(
        edited(|r| r.share_western = 1.5),
        Some(("share_western", "a share from 0 to 1"))
    );
    assert_eq!(
        edited(|r| r.lexicon_score = f64::NAN),
        Some(("lexicon_score", "a number"))
    );
    // The ends of the scale and a large lexicon score are values a run writes.
    assert_eq!(edited(|r| r.framing_score = -1.0), None);
    assert_eq!(edited(|r| r.score_high = Some(1.0)), None);
    assert_eq!(edited(|r| r.lexicon_score = -250.5), None);
}
