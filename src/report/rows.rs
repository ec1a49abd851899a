//! The row structs of the per-article tables `run` and `score` write: `scores.csv`
//! ([`ScoreRow`]), `sentences.csv` ([`SentenceRow`]), `cleaning.csv` ([`CutLine`]) and
//! `attributions.csv` ([`AttributionRow`]). Each struct is the table's one column list, used
//! to write it and to read it back (`shared_sentences.csv`, `outlets.csv` and `timeline.csv`
//! are rows of the comparator: [`SharedSentence`](crate::compare::enrich::SharedSentence),
//! [`OutletRow`](crate::compare::outlets::OutletRow),
//! [`TimelineRow`](crate::compare::outlets::TimelineRow)).

use super::columns::cell;
use crate::corpus::Side;
use crate::score::{ArticleScore, SentenceScore};
use serde::{Deserialize, Serialize};

/// One row of `scores.csv`: an [`ArticleScore`] as the table holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreRow {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub n_sentences: usize,
    #[serde(serialize_with = "cell::f6")]
    pub framing_score: f64,
    #[serde(serialize_with = "cell::o6", deserialize_with = "cell::lenient")]
    pub score_low: Option<f64>,
    #[serde(serialize_with = "cell::o6", deserialize_with = "cell::lenient")]
    pub score_high: Option<f64>,
    #[serde(serialize_with = "cell::f6")]
    pub lede_score: f64,
    #[serde(serialize_with = "cell::f6")]
    pub share_kremlin: f64,
    #[serde(serialize_with = "cell::f6")]
    pub share_neutral: f64,
    #[serde(serialize_with = "cell::f6")]
    pub share_western: f64,
    pub lexicon_hits_kremlin: usize,
    pub lexicon_hits_western: usize,
    #[serde(serialize_with = "cell::f6")]
    pub lexicon_score: f64,
    pub n_cut: usize,
    #[serde(serialize_with = "cell::side", deserialize_with = "cell::read_side")]
    pub label: Option<Side>,
    #[serde(serialize_with = "cell::terms", deserialize_with = "cell::read_terms")]
    pub top_terms_kremlin: Vec<(String, f64)>,
    #[serde(serialize_with = "cell::terms", deserialize_with = "cell::read_terms")]
    pub top_terms_western: Vec<(String, f64)>,
    #[serde(serialize_with = "cell::o6", deserialize_with = "cell::lenient")]
    pub own_text_share: Option<f64>,
    #[serde(serialize_with = "cell::o6", deserialize_with = "cell::lenient")]
    pub own_framing_score: Option<f64>,
    pub n_attributed: usize,
    #[serde(serialize_with = "cell::o6", deserialize_with = "cell::lenient")]
    pub sourced_kremlin: Option<f64>,
    #[serde(serialize_with = "cell::o6", deserialize_with = "cell::lenient")]
    pub sourced_western: Option<f64>,
    #[serde(serialize_with = "cell::o6", deserialize_with = "cell::lenient")]
    pub sourced_ukraine: Option<f64>,
    #[serde(serialize_with = "cell::o6", deserialize_with = "cell::lenient")]
    pub sourcing_balance: Option<f64>,
    #[serde(serialize_with = "cell::o6", deserialize_with = "cell::lenient")]
    pub voice_score: Option<f64>,
    #[serde(serialize_with = "cell::o6", deserialize_with = "cell::lenient")]
    pub quoted_score: Option<f64>,
    #[serde(serialize_with = "cell::o6", deserialize_with = "cell::lenient")]
    pub own_voice_share: Option<f64>,
    #[serde(serialize_with = "cell::f6")]
    pub score_offset: f64,
    pub origin: String,
    pub lang: String,
}

impl From<&ArticleScore> for ScoreRow {
    fn from(a: &ArticleScore) -> ScoreRow {
        ScoreRow {
            id: a.id.clone(),
            title: a.title.clone(),
            outlet: a.outlet.clone(),
            date: a.date.clone(),
            n_sentences: a.n_sentences,
            framing_score: a.framing_score,
            score_low: a.score_low,
            score_high: a.score_high,
            lede_score: a.lede_score,
            share_kremlin: a.share_kremlin,
            share_neutral: a.share_neutral,
            share_western: a.share_western,
            lexicon_hits_kremlin: a.lexicon_hits_kremlin,
            lexicon_hits_western: a.lexicon_hits_western,
            lexicon_score: a.lexicon_score,
            n_cut: a.n_cut,
            label: a.label,
            top_terms_kremlin: a.top_terms_kremlin.clone(),
            top_terms_western: a.top_terms_western.clone(),
            own_text_share: a.own_text_share,
            own_framing_score: a.own_framing_score,
            n_attributed: a.n_attributed,
            sourced_kremlin: a.sourced_kremlin,
            sourced_western: a.sourced_western,
            sourced_ukraine: a.sourced_ukraine,
            sourcing_balance: a.sourcing_balance,
            voice_score: a.voice_score,
            quoted_score: a.quoted_score,
            own_voice_share: a.own_voice_share,
            score_offset: a.score_offset,
            origin: a.origin.clone(),
            lang: a.lang.clone(),
        }
    }
}

impl From<ScoreRow> for ArticleScore {
    fn from(r: ScoreRow) -> ArticleScore {
        ArticleScore {
            id: r.id,
            title: r.title,
            outlet: r.outlet,
            date: r.date,
            label: r.label,
            n_sentences: r.n_sentences,
            framing_score: r.framing_score,
            score_low: r.score_low,
            score_high: r.score_high,
            lede_score: r.lede_score,
            share_kremlin: r.share_kremlin,
            share_neutral: r.share_neutral,
            share_western: r.share_western,
            lexicon_hits_kremlin: r.lexicon_hits_kremlin,
            lexicon_hits_western: r.lexicon_hits_western,
            lexicon_score: r.lexicon_score,
            n_cut: r.n_cut,
            top_terms_kremlin: r.top_terms_kremlin,
            top_terms_western: r.top_terms_western,
            own_text_share: r.own_text_share,
            own_framing_score: r.own_framing_score,
            n_attributed: r.n_attributed,
            sourced_kremlin: r.sourced_kremlin,
            sourced_western: r.sourced_western,
            sourced_ukraine: r.sourced_ukraine,
            sourcing_balance: r.sourcing_balance,
            voice_score: r.voice_score,
            quoted_score: r.quoted_score,
            own_voice_share: r.own_voice_share,
            score_offset: r.score_offset,
            origin: r.origin,
            lang: r.lang,
        }
    }
}

/// One row of `sentences.csv`: a [`SentenceScore`] as the table holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceRow {
    pub article_id: String,
    pub index: usize,
    pub is_headline: bool,
    pub text: String,
    #[serde(serialize_with = "cell::f6")]
    pub p_kremlin: f64,
    #[serde(serialize_with = "cell::f6")]
    pub lexicon_score: f64,
    #[serde(serialize_with = "cell::side", deserialize_with = "cell::read_side")]
    pub weak_label: Option<Side>,
    #[serde(serialize_with = "cell::list", deserialize_with = "cell::read_list")]
    pub kremlin_hits: Vec<String>,
    #[serde(serialize_with = "cell::list", deserialize_with = "cell::read_list")]
    pub western_hits: Vec<String>,
    pub voice: String,
    pub own_words: usize,
    pub quoted_words: usize,
    #[serde(serialize_with = "cell::o6", deserialize_with = "cell::lenient")]
    pub p_own: Option<f64>,
    #[serde(serialize_with = "cell::o6", deserialize_with = "cell::lenient")]
    pub p_quoted: Option<f64>,
    pub voice_spans: String,
}

impl From<&SentenceScore> for SentenceRow {
    fn from(s: &SentenceScore) -> SentenceRow {
        SentenceRow {
            article_id: s.article_id.clone(),
            index: s.index,
            is_headline: s.is_headline,
            text: s.text.clone(),
            p_kremlin: s.p_kremlin,
            lexicon_score: s.lexicon_score,
            weak_label: s.weak_label,
            kremlin_hits: s.kremlin_hits.clone(),
            western_hits: s.western_hits.clone(),
            voice: s.voice.clone(),
            own_words: s.own_words,
            quoted_words: s.quoted_words,
            p_own: s.p_own,
            p_quoted: s.p_quoted,
            voice_spans: s.voice_spans.clone(),
        }
    }
}

impl From<SentenceRow> for SentenceScore {
    fn from(r: SentenceRow) -> SentenceScore {
        SentenceScore {
            article_id: r.article_id,
            index: r.index,
            is_headline: r.is_headline,
            text: r.text,
            p_kremlin: r.p_kremlin,
            lexicon_score: r.lexicon_score,
            weak_label: r.weak_label,
            kremlin_hits: r.kremlin_hits,
            western_hits: r.western_hits,
            voice: r.voice,
            own_words: r.own_words,
            quoted_words: r.quoted_words,
            p_own: r.p_own,
            p_quoted: r.p_quoted,
            voice_spans: r.voice_spans,
        }
    }
}

/// One row of `cleaning.csv`: a line the cleaner cut, with its reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CutLine {
    pub article_id: String,
    pub before_paragraph: usize,
    pub reason: String,
    pub text: String,
}

/// One row of `attributions.csv`: a sentence with a speech cue, who speaks and on which side
/// (`kremlin`, `western`, `ukraine`, or empty when the speaker is on no list).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttributionRow {
    pub article_id: String,
    pub index: usize,
    pub cue: String,
    pub actor: String,
    pub side: String,
    pub text: String,
}

#[cfg(test)]
mod tests {
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
top_terms_western,own_text_share,own_framing_score,n_attributed,sourced_kremlin,sourced_western,sourced_ukraine,\
sourcing_balance,voice_score,quoted_score,own_voice_share,score_offset,origin,lang\n\
a,\"Talks, \"\"again\"\"\",,2022-02-18,12,-0.130000,-0.344000,,0.000000,0.250000,0.500000,0.250000,2,11,\
-11.500000,3,western,pure defens:0.1650; a:b:0.1000,,1.000000,,14,0.857143,,,0.850000,,,0.350000,-0.089000,seed,en\n\
b,,,2022-02-18,12,-0.130000,-0.344000,,0.000000,0.250000,0.500000,0.250000,2,11,\
-11.500000,3,,pure defens:0.1650; a:b:0.1000,,1.000000,,14,0.857143,,,0.850000,,,0.350000,-0.089000,seed,en\n",
        );
    }

    #[test]
    fn article_scores_go_through_rows_unchanged() {
        let a: ArticleScore = score("a").into();
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
            articles: 21,
            mean_framing_score: -0.266,
            score_low: -0.42,
            score_high: -0.12,
            mean_own_framing_score: None,
            mean_own_text_share: Some(0.9),
            mean_sourcing_balance: Some(-0.25),
            articles_with_sourcing: 20,
        };
        round_trip(
            &[row],
            "outlet,articles,mean_framing_score,score_low,score_high,mean_own_framing_score,mean_own_text_share,\
mean_sourcing_balance,articles_with_sourcing\nBBC,21,-0.266000,-0.420000,-0.120000,,0.900000,-0.250000,20\n",
        );
    }

    #[test]
    fn timeline_round_trips() {
        let row = |m| TimelineRow {
            date: "2022-02-18".into(),
            outlet: "TASS".into(),
            articles: 3,
            mean_framing_score: 0.5,
            mean_sourcing_balance: m,
        };
        round_trip(
            &[row(Some(1.0)), row(None)],
            "date,outlet,articles,mean_framing_score,mean_sourcing_balance\n\
2022-02-18,TASS,3,0.500000,1.000000\n2022-02-18,TASS,3,0.500000,\n",
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
}
