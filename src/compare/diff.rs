//! Diff two output folders: per-article score changes, lexicon entries added or removed
//! (or reweighted), and the terms whose model weight moved most.

use crate::corpus::Side;
use crate::error::{Error, Result};
use crate::model::FramingModel;
use std::collections::BTreeMap;
use std::path::Path;

/// An article's score in the old and new run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArticleChange {
    pub id: String,
    pub title: Option<String>,
    pub old: Option<f64>,
    pub new: Option<f64>,
    /// Its 95% interval and side in the old and new run (`None` when that run's table lacks
    /// the columns: a move is read against them, and a change of side is called out).
    pub old_standing: Option<Standing>,
    pub new_standing: Option<Standing>,
}

/// An article's 95% interval and the side it leans to (or undecided), as `scores.csv` has
/// them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Standing {
    /// (score_low, score_high); `None` when the run wrote no interval for it.
    pub interval: Option<(f64, f64)>,
    pub leaning: crate::score::Leaning,
}

impl Standing {
    /// The side's word in diff.csv and the summaries: `kremlin`, `western`, `undecided`.
    pub fn side(&self) -> &'static str {
        self.leaning.code()
    }
}

impl ArticleChange {
    /// new − old, when the article is in both runs.
    pub fn change(&self) -> Option<f64> {
        Some(self.new? - self.old?)
    }

    /// Its side before and after, when both runs have it and it differs.
    pub fn side_change(&self) -> Option<(&'static str, &'static str)> {
        let (o, n) = (self.old_standing?.side(), self.new_standing?.side());
        (o != n).then_some((o, n))
    }
}

/// A lexicon entry that differs between the two models.
#[derive(Debug, Clone, PartialEq)]
pub struct LexiconChange {
    pub phrase: String,
    pub side: Side,
    pub old_weight: Option<f64>,
    pub new_weight: Option<f64>,
}

impl LexiconChange {
    pub fn kind(&self) -> &'static str {
        match (self.old_weight, self.new_weight) {
            (None, Some(_)) => "lexicon_added",
            (Some(_), None) => "lexicon_removed",
            _ => "lexicon_reweighted",
        }
    }
}

/// A term's weight in the two models (0 when absent from a vocabulary).
#[derive(Debug, Clone, PartialEq)]
pub struct WeightChange {
    pub term: String,
    pub old: f64,
    pub new: f64,
}

impl WeightChange {
    pub fn change(&self) -> f64 {
        self.new - self.old
    }
}

/// A scores.csv row, read by column name so a folder written by an older version (fewer
/// columns) still compares.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreLine {
    pub id: String,
    pub title: Option<String>,
    pub framing_score: f64,
    /// `score_offset` (the no-evidence point c the score subtracts); `None` in a table
    /// written before the column existed.
    pub score_offset: Option<f64>,
    /// Its interval and side, from `score_low`, `score_high`, `share_kremlin` and
    /// `share_western` (`None` when a column is missing or empty).
    pub standing: Option<Standing>,
}

/// Read id, title and framing_score from any version's `scores.csv`.
pub fn read_score_lines(path: &Path) -> Result<Vec<ScoreLine>> {
    let err = |message: String| Error::Table {
        path: path.to_path_buf(),
        message,
    };
    if !path.exists() {
        return Err(err("not found (not a framescope output folder?)".into()));
    }
    let mut r = csv::Reader::from_path(path).map_err(|e| err(e.to_string()))?;
    let h = r.headers().map_err(|e| err(e.to_string()))?.clone();
    let col = |name: &str| {
        h.iter()
            .position(|c| c == name)
            .ok_or_else(|| err(format!("no `{name}` column")))
    };
    let (id, title, score) = (col("id")?, col("title")?, col("framing_score")?);
    let offset = h.iter().position(|c| c == "score_offset");
    let at = |name: &str| h.iter().position(|c| c == name);
    let standing_cols = [
        at("score_low"),
        at("score_high"),
        at("share_kremlin"),
        at("share_western"),
        at("leaning"),
    ];
    r.records()
        .map(|rec| {
            let rec = rec.map_err(|e| err(e.to_string()))?;
            let line = rec.position().map_or(0, |p| p.line());
            let rec = crate::report::tables_restored(&rec);
            // Every number column there is must hold a number (or be empty where it may): a
            // cell that does not parse stops `diff` as it stops `report`, naming file, line and
            // column (review Q, session 54: `abc` in `score_low` was read as no interval).
            let number = |i: usize| -> Result<Option<f64>> {
                let cell = rec.get(i).unwrap_or("").trim();
                if cell.is_empty() {
                    return Ok(None);
                }
                cell.parse().map(Some).map_err(|e| Error::TableLine {
                    path: path.to_path_buf(),
                    line,
                    message: format!("{}: {e} {:?}", &h[i], crate::report::escape_control(cell)),
                })
            };
            for i in standing_cols.iter().take(4).flatten() {
                number(*i)?;
            }
            let framing_score = number(score)?.ok_or_else(|| Error::TableLine {
                path: path.to_path_buf(),
                line,
                message: "framing_score: empty".into(),
            })?;
            Ok(ScoreLine {
                id: rec[id].to_string(),
                title: Some(rec[title].to_string()).filter(|t| !t.is_empty()),
                framing_score,
                score_offset: match offset {
                    Some(i) => number(i)?,
                    None => None,
                },
                standing: standing(&rec, framing_score, standing_cols),
            })
        })
        .collect()
}

/// An article's interval and side from its row: its `leaning`, or in a table from before
/// that column, as the tool decided it from the interval and shares
/// ([`ArticleScore::side_or_why`](crate::score::ArticleScore::side_or_why)).
fn standing(rec: &csv::StringRecord, framing_score: f64, cols: [Option<usize>; 5]) -> Option<Standing> {
    let v = |i: Option<usize>| -> Option<f64> { rec.get(i?)?.parse().ok() };
    let [low, high, k, w, leaning] = cols;
    let [low, high] = [low, high].map(v);
    let written = leaning.and_then(|i| crate::score::Leaning::from_code(rec.get(i)?));
    if let Some(leaning) = written {
        return Some(Standing {
            interval: low.zip(high),
            leaning,
        });
    }
    let [k, w] = [k, w].map(v);
    let a = crate::score::ArticleScore {
        framing_score,
        score_low: low,
        score_high: high,
        share_kremlin: k?,
        share_western: w?,
        ..Default::default()
    };
    Some(Standing {
        interval: low.zip(high),
        leaning: a.leaning(),
    })
}

/// Articles matched by id, sorted by |change| descending (ties by id); articles in only one
/// run come last, by id.
pub fn article_changes(old: &[ScoreLine], new: &[ScoreLine]) -> Vec<ArticleChange> {
    let mut by: BTreeMap<&str, ArticleChange> = BTreeMap::new();
    for (rows, is_new) in [(old, false), (new, true)] {
        for r in rows {
            let e = by.entry(r.id.as_str()).or_insert_with(|| ArticleChange {
                id: r.id.clone(),
                title: r.title.clone(),
                ..Default::default()
            });
            if is_new {
                e.new = Some(r.framing_score);
                e.new_standing = r.standing;
                e.title = r.title.clone().or(e.title.take());
            } else {
                e.old = Some(r.framing_score);
                e.old_standing = r.standing;
            }
        }
    }
    let mut v: Vec<ArticleChange> = by.into_values().collect();
    v.sort_by(|a, b| match (a.change(), b.change()) {
        (Some(x), Some(y)) => y.abs().total_cmp(&x.abs()).then_with(|| a.id.cmp(&b.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.id.cmp(&b.id),
    });
    v
}

/// Lexicon entries (by side and phrase) added, removed or reweighted; sorted by kind, side,
/// phrase.
pub fn lexicon_changes(old: &FramingModel, new: &FramingModel) -> Vec<LexiconChange> {
    let map = |m: &FramingModel| -> BTreeMap<(Side, String), f64> {
        m.lexicon
            .entries
            .iter()
            .map(|e| ((e.side, e.phrase.to_lowercase()), e.weight))
            .collect()
    };
    let (o, n) = (map(old), map(new));
    let mut keys: Vec<&(Side, String)> = o.keys().chain(n.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut v: Vec<LexiconChange> = keys
        .into_iter()
        .filter_map(|k| {
            let (a, b) = (o.get(k).copied(), n.get(k).copied());
            (a != b).then(|| LexiconChange {
                phrase: k.1.clone(),
                side: k.0,
                old_weight: a,
                new_weight: b,
            })
        })
        .collect();
    v.sort_by(|a, b| {
        a.kind()
            .cmp(b.kind())
            .then(a.side.cmp(&b.side))
            .then(a.phrase.cmp(&b.phrase))
    });
    v
}

/// Every term of either vocabulary whose weight differs, sorted by |change| descending
/// (ties by term).
pub fn weight_changes(old: &FramingModel, new: &FramingModel) -> Vec<WeightChange> {
    let map = |m: &FramingModel| -> BTreeMap<String, f64> {
        m.tfidf.terms.iter().cloned().zip(m.weights.iter().copied()).collect()
    };
    let (o, n) = (map(old), map(new));
    let mut terms: Vec<&String> = o.keys().chain(n.keys()).collect();
    terms.sort();
    terms.dedup();
    let mut v: Vec<WeightChange> = terms
        .into_iter()
        .map(|t| WeightChange {
            term: t.clone(),
            old: o.get(t).copied().unwrap_or(0.0),
            new: n.get(t).copied().unwrap_or(0.0),
        })
        .filter(|w| w.change() != 0.0)
        .collect();
    v.sort_by(|a, b| {
        b.change()
            .abs()
            .total_cmp(&a.change().abs())
            .then_with(|| a.term.cmp(&b.term))
    });
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: &str, s: f64) -> ScoreLine {
        ScoreLine {
            id: id.into(),
            title: None,
            framing_score: s,
            score_offset: None,
            standing: None,
        }
    }

    #[test]
    fn articles_sort_by_absolute_change_then_unmatched() {
        let old = [line("a", 0.1), line("b", -0.2), line("gone", 0.0)];
        let new = [line("a", 0.15), line("b", 0.3), line("fresh", 0.4)];
        let v = article_changes(&old, &new);
        let ids: Vec<&str> = v.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["b", "a", "fresh", "gone"]);
        assert!((v[0].change().unwrap() - 0.5).abs() < 1e-12);
        assert_eq!(v[2].change(), None);
    }

    /// The side is read from `leaning` when the table has it (a sentence past the threshold
    /// as the score weighs it leaves no trace in the shares), and derived from the interval
    /// and shares in a table from before the column.
    #[test]
    fn a_rows_side_is_its_leaning_column_else_derived() {
        use crate::score::Leaning;
        let dir = tempfile::tempdir().unwrap();
        let read = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            read_score_lines(&p)
                .unwrap()
                .into_iter()
                .map(|l| l.standing.map(|s| s.leaning))
                .collect::<Vec<_>>()
        };
        let with = "id,title,framing_score,score_low,score_high,leaning,share_kremlin,share_western\n\
                    a,,-0.39,-0.54,-0.22,western,0.62,0\n\
                    b,,-0.01,-0.02,-0.001,undecided,0,0\n\
                    c,,0.2,0.1,0.3,,0,0.5\n";
        assert_eq!(
            read("new.csv", with),
            [
                Some(Leaning::Western),
                Some(Leaning::Undecided),
                Some(Leaning::Undecided)
            ]
        );
        let without = "id,title,framing_score,score_low,score_high,share_kremlin,share_western\n\
                       a,,-0.39,-0.54,-0.22,0.62,0\n\
                       c,,0.2,0.1,0.3,0.25,0\n";
        assert_eq!(
            read("old.csv", without),
            [Some(Leaning::Undecided), Some(Leaning::Kremlin)]
        );
    }
}
