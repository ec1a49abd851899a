//! The comparator's columns of an article's row ([`ComparatorColumns`]: own text and
//! sourcing), and that row: the article's scores joined with them ([`ArticleRow`], a row of
//! `scores.csv`). Scoring knows nothing of them; the jobs fill them (`jobs::comparator`) and
//! join them where rows are built.

use super::sourcing::Sourcing;
use crate::score::ArticleScore;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize};

/// What the comparator adds to an article's scores.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ComparatorColumns {
    /// Share of the article's words in sentences no other article of the run shares
    /// (`compare::overlap`); `None` until computed (e.g. `score --stdout`).
    pub own_text_share: Option<f64>,
    /// framing_score over the sentences no other article of the run shares.
    pub own_framing_score: Option<f64>,
    /// Statements found (`compare::sourcing`; the article's rows of `attributions.csv`,
    /// with a side or not): what `n_attributed` and the balance rest on. `None` for a row
    /// written before the column existed (an older DataFrame given to Python's `explain`).
    #[serde(default)]
    pub n_statements: Option<usize>,
    /// Statements attributed to a side, and the shares per side.
    pub n_attributed: usize,
    pub sourced_kremlin: Option<f64>,
    pub sourced_western: Option<f64>,
    pub sourced_ukraine: Option<f64>,
    /// (K − W) / (K + W) over Kremlin- and Western-attributed sentences.
    pub sourcing_balance: Option<f64>,
}

impl ComparatorColumns {
    /// Set the sourcing columns from an article's attribution summary.
    pub fn set_sourcing(&mut self, s: &Sourcing) {
        self.n_statements = s.n_statements;
        self.n_attributed = s.n_attributed;
        self.sourced_kremlin = s.share_kremlin();
        self.sourced_western = s.share_western();
        self.sourced_ukraine = s.share_ukraine();
        self.sourcing_balance = s.balance();
    }

    /// The counts per side the sourcing columns were set from (each share × `n_attributed`,
    /// rounded), to describe the balance with its coverage ([`Sourcing::describe`]).
    pub fn sourcing(&self) -> Sourcing {
        let n = self.n_attributed;
        let count = |share: Option<f64>| share.map_or(0, |x| (x * n as f64).round() as usize);
        Sourcing {
            n_statements: self.n_statements,
            n_attributed: n,
            kremlin: count(self.sourced_kremlin),
            western: count(self.sourced_western),
            ukraine: count(self.sourced_ukraine),
        }
    }
}

/// An article's row: its scores and the comparator's columns, joined. Reads as its
/// [`ArticleScore`] (`Deref`); serialises (JSON lines, the Python package) as the one flat
/// record it always was, the comparator's fields after `top_terms_western`, as in
/// `scores.csv`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleRow {
    pub score: ArticleScore,
    pub compare: ComparatorColumns,
}

impl From<ArticleScore> for ArticleRow {
    /// The scores with the comparator's columns still empty.
    fn from(score: ArticleScore) -> ArticleRow {
        ArticleRow {
            score,
            compare: ComparatorColumns::default(),
        }
    }
}

impl std::ops::Deref for ArticleRow {
    type Target = ArticleScore;
    fn deref(&self) -> &ArticleScore {
        &self.score
    }
}

impl Serialize for ArticleRow {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (a, c) = (&self.score, &self.compare);
        let mut s = serializer.serialize_struct("ArticleScore", 33)?;
        s.serialize_field("id", &a.id)?;
        s.serialize_field("title", &a.title)?;
        s.serialize_field("outlet", &a.outlet)?;
        s.serialize_field("date", &a.date)?;
        s.serialize_field("label", &a.label)?;
        s.serialize_field("n_sentences", &a.n_sentences)?;
        s.serialize_field("framing_score", &a.framing_score)?;
        s.serialize_field("score_low", &a.score_low)?;
        s.serialize_field("score_high", &a.score_high)?;
        s.serialize_field("lede_score", &a.lede_score)?;
        s.serialize_field("share_kremlin", &a.share_kremlin)?;
        s.serialize_field("share_neutral", &a.share_neutral)?;
        s.serialize_field("share_western", &a.share_western)?;
        s.serialize_field("lexicon_hits_kremlin", &a.lexicon_hits_kremlin)?;
        s.serialize_field("lexicon_hits_western", &a.lexicon_hits_western)?;
        s.serialize_field("lexicon_score", &a.lexicon_score)?;
        s.serialize_field("n_cut", &a.n_cut)?;
        s.serialize_field("top_terms_kremlin", &a.top_terms_kremlin)?;
        s.serialize_field("top_terms_western", &a.top_terms_western)?;
        s.serialize_field("own_text_share", &c.own_text_share)?;
        s.serialize_field("own_framing_score", &c.own_framing_score)?;
        s.serialize_field("n_statements", &c.n_statements)?;
        s.serialize_field("n_attributed", &c.n_attributed)?;
        s.serialize_field("sourced_kremlin", &c.sourced_kremlin)?;
        s.serialize_field("sourced_western", &c.sourced_western)?;
        s.serialize_field("sourced_ukraine", &c.sourced_ukraine)?;
        s.serialize_field("sourcing_balance", &c.sourcing_balance)?;
        s.serialize_field("voice_score", &a.voice_score)?;
        s.serialize_field("quoted_score", &a.quoted_score)?;
        s.serialize_field("own_voice_share", &a.own_voice_share)?;
        s.serialize_field("score_offset", &a.score_offset)?;
        s.serialize_field("origin", &a.origin)?;
        s.serialize_field("lang", &a.lang)?;
        s.serialize_field("leaning", &a.leaning())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_serialises_as_one_flat_record_with_every_field_of_both_parts() {
        let row = ArticleRow {
            score: ArticleScore {
                id: "a".into(),
                framing_score: 0.5,
                lang: "en".into(),
                ..Default::default()
            },
            compare: ComparatorColumns {
                own_text_share: Some(0.25),
                n_statements: Some(4),
                n_attributed: 3,
                sourcing_balance: Some(-1.0),
                ..Default::default()
            },
        };
        let json = serde_json::to_string(&row).unwrap();
        let keys: Vec<String> = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&json)
            .unwrap()
            .keys()
            .cloned()
            .collect();
        // Every field of the two parts, once each.
        let score = serde_json::to_value(&row.score).unwrap();
        let compare = serde_json::to_value(&row.compare).unwrap();
        let mut want: Vec<String> = score
            .as_object()
            .unwrap()
            .keys()
            .chain(compare.as_object().unwrap().keys())
            .cloned()
            .chain(["leaning".to_string()])
            .collect();
        want.sort();
        let mut got = keys.clone();
        got.sort();
        assert_eq!(got, want);
        // In the order of scores.csv's part: comparator after the top terms.
        let at = |k: &str| json.find(&format!("\"{k}\":")).unwrap();
        assert!(at("top_terms_western") < at("own_text_share"));
        assert!(at("sourcing_balance") < at("voice_score"));
        assert!(json.starts_with("{\"id\":\"a\",\"title\":null,"), "{json}");
        assert!(
            json.contains("\"own_text_share\":0.25,\"own_framing_score\":null,\"n_statements\":4,\"n_attributed\":3,")
        );
        assert_eq!(row.framing_score, 0.5, "reads as its scores");
    }
}
