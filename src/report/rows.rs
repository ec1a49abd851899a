//! The row structs of the per-article tables `run` and `score` write: `scores.csv`
//! ([`ScoreRow`]), `sentences.csv` ([`SentenceRow`]), `cleaning.csv` ([`CutLine`]) and
//! `attributions.csv` ([`AttributionRow`]). Each struct is the table's one column list, used
//! to write it and to read it back (`shared_sentences.csv`, `outlets.csv` and `timeline.csv`
//! are rows of the comparator: [`SharedSentence`](crate::compare::enrich::SharedSentence),
//! [`OutletRow`](crate::compare::outlets::OutletRow),
//! [`TimelineRow`](crate::compare::outlets::TimelineRow)).

use super::columns::cell;
use crate::compare::{ArticleRow, ComparatorColumns};
use crate::corpus::Side;
use crate::score::{ArticleScore, Leaning, SentenceScore};
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
    // An optional number is empty or a number: any other cell stops the reader naming it
    // (read leniently, `abc` here was no interval: review Q, session 54).
    #[serde(serialize_with = "cell::o6")]
    pub score_low: Option<f64>,
    #[serde(serialize_with = "cell::o6")]
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
    #[serde(serialize_with = "cell::o6")]
    pub own_text_share: Option<f64>,
    #[serde(serialize_with = "cell::o6")]
    pub own_framing_score: Option<f64>,
    pub n_statements: Option<usize>,
    pub n_attributed: usize,
    #[serde(serialize_with = "cell::o6")]
    pub sourced_kremlin: Option<f64>,
    #[serde(serialize_with = "cell::o6")]
    pub sourced_western: Option<f64>,
    #[serde(serialize_with = "cell::o6")]
    pub sourced_ukraine: Option<f64>,
    #[serde(serialize_with = "cell::o6")]
    pub sourcing_balance: Option<f64>,
    #[serde(serialize_with = "cell::o6")]
    pub voice_score: Option<f64>,
    #[serde(serialize_with = "cell::o6")]
    pub quoted_score: Option<f64>,
    #[serde(serialize_with = "cell::o6")]
    pub own_voice_share: Option<f64>,
    #[serde(serialize_with = "cell::f6")]
    pub score_offset: f64,
    pub origin: String,
    pub lang: String,
    /// `kremlin`, `western` or `undecided` ([`Leaning`]): written so a reader of the table
    /// need not re-derive the rule; empty in a table from before the column, whose side is
    /// then read from the interval and shares. Last, so that a reader of the columns by
    /// position written before it still reads them right (review, session 43: a Spark
    /// schema by position shifted every column after it).
    #[serde(default)]
    pub leaning: Option<Leaning>,
}

impl From<&ArticleRow> for ScoreRow {
    /// The join of an article's scores and the comparator's columns.
    fn from(row: &ArticleRow) -> ScoreRow {
        let (a, c) = (&row.score, &row.compare);
        ScoreRow {
            id: a.id.clone(),
            title: a.title.clone(),
            outlet: a.outlet.clone(),
            date: a.date.clone(),
            n_sentences: a.n_sentences,
            framing_score: a.framing_score,
            score_low: a.score_low,
            score_high: a.score_high,
            leaning: Some(a.leaning()),
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
            own_text_share: c.own_text_share,
            own_framing_score: c.own_framing_score,
            n_statements: c.n_statements,
            n_attributed: c.n_attributed,
            sourced_kremlin: c.sourced_kremlin,
            sourced_western: c.sourced_western,
            sourced_ukraine: c.sourced_ukraine,
            sourcing_balance: c.sourcing_balance,
            voice_score: a.voice_score,
            quoted_score: a.quoted_score,
            own_voice_share: a.own_voice_share,
            score_offset: a.score_offset,
            origin: a.origin.clone(),
            lang: a.lang.clone(),
        }
    }
}

impl ScoreRow {
    /// The first cell holding a value no run writes — not a number (`NaN`, `inf`), or outside
    /// its column's documented range: −1 to 1 for the scores (framing_score and its interval,
    /// lede, own-text, voice and quoted scores, sourcing_balance, score_offset), 0 to 1 for
    /// the shares; finite for lexicon_score. A hand-edited `NaN` or `1e308` was drawn and reported as it was (an axis
    /// stretched to 1e308, "NaN" in the report: review J6). Returns the column, the value and what the column holds.
    pub fn impossible(&self) -> Option<(&'static str, f64, &'static str)> {
        const SCORE: (f64, f64, &str) = (-1.0, 1.0, "a score from -1 to 1");
        const SHARE: (f64, f64, &str) = (0.0, 1.0, "a share from 0 to 1");
        const NUMBER: (f64, f64, &str) = (f64::MIN, f64::MAX, "a number");
        [
            ("framing_score", Some(self.framing_score), SCORE),
            ("score_low", self.score_low, SCORE),
            ("score_high", self.score_high, SCORE),
            ("lede_score", Some(self.lede_score), SCORE),
            ("share_kremlin", Some(self.share_kremlin), SHARE),
            ("share_neutral", Some(self.share_neutral), SHARE),
            ("share_western", Some(self.share_western), SHARE),
            ("lexicon_score", Some(self.lexicon_score), NUMBER),
            ("own_text_share", self.own_text_share, SHARE),
            ("own_framing_score", self.own_framing_score, SCORE),
            ("sourced_kremlin", self.sourced_kremlin, SHARE),
            ("sourced_western", self.sourced_western, SHARE),
            ("sourced_ukraine", self.sourced_ukraine, SHARE),
            ("sourcing_balance", self.sourcing_balance, SCORE),
            ("voice_score", self.voice_score, SCORE),
            ("quoted_score", self.quoted_score, SCORE),
            ("own_voice_share", self.own_voice_share, SHARE),
            ("score_offset", Some(self.score_offset), SCORE),
        ]
        .into_iter()
        .find_map(|(name, v, (lo, hi, what))| {
            // NaN fails every comparison, so `lo <= x` keeps it out too.
            v.filter(|&x| !(lo <= x && x <= hi)).map(|x| (name, x, what))
        })
    }
}

impl From<ScoreRow> for ArticleRow {
    /// A row read back: the article's scores and the comparator's columns apart again.
    fn from(r: ScoreRow) -> ArticleRow {
        let compare = ComparatorColumns {
            own_text_share: r.own_text_share,
            own_framing_score: r.own_framing_score,
            n_statements: r.n_statements,
            n_attributed: r.n_attributed,
            sourced_kremlin: r.sourced_kremlin,
            sourced_western: r.sourced_western,
            sourced_ukraine: r.sourced_ukraine,
            sourcing_balance: r.sourcing_balance,
        };
        let score = ArticleScore {
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
            voice_score: r.voice_score,
            quoted_score: r.quoted_score,
            own_voice_share: r.own_voice_share,
            score_offset: r.score_offset,
            origin: r.origin,
            lang: r.lang,
            // Which reading gave the side is not in the table; the side is.
            weighed_past_kremlin: r.leaning == Some(Leaning::Kremlin),
            weighed_past_western: r.leaning == Some(Leaning::Western),
        };
        ArticleRow { score, compare }
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
    #[serde(serialize_with = "cell::o6")]
    pub p_own: Option<f64>,
    #[serde(serialize_with = "cell::o6")]
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
mod tests;
