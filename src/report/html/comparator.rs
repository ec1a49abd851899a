//! The comparator's marks in the report: sentences shared with another article (shared wire
//! copy, from `shared_sentences.csv`) and quoted actors with their side (from
//! `attributions.csv`). Both files are optional: without them the report has no such marks.

use super::text::esc;
use crate::compare::enrich::SharedSentence;
use crate::compare::sourcing::Sourcing;
use crate::error::Result;
use crate::report::for_each_row;
use crate::report::rows::AttributionRow;
use std::collections::HashMap;
use std::path::Path;

/// A sentence another article of the run also carries.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedMark {
    pub other_id: String,
    pub exact: bool,
}

/// An attributed statement: who is quoted in a sentence, and on which side.
#[derive(Debug, Clone, PartialEq)]
pub struct QuotedMark {
    pub actor: String,
    /// `kremlin`, `western`, `ukraine`, or empty when the speaker is on no list.
    pub side: String,
    pub cue: String,
}

/// Marks per (article id, sentence index), and each article's statements counted per side
/// (what `scores.csv`'s sourcing columns summarise, with the statements given no side).
#[derive(Debug, Clone, Default)]
pub struct Marks {
    pub shared: HashMap<(String, usize), SharedMark>,
    pub quoted: HashMap<(String, usize), Vec<QuotedMark>>,
    pub sourcing: HashMap<String, Sourcing>,
}

impl Marks {
    /// Read whichever of `shared_sentences.csv` and `attributions.csv` exist in `out`, for
    /// the articles `keep` accepts (the report shows at most a few hundred).
    pub fn read(out: &Path, keep: impl Fn(&str) -> bool) -> Result<Marks> {
        let mut m = Marks::default();
        let shared = out.join("shared_sentences.csv");
        if shared.exists() {
            for_each_row(&shared, &keep, |r: SharedSentence| {
                let mark = SharedMark {
                    other_id: r.other_id,
                    exact: r.exact,
                };
                m.shared.insert((r.article_id, r.index), mark);
                Ok(())
            })?;
        }
        m.read_quoted(out, keep)?;
        Ok(m)
    }

    /// Add the quoted actors and each article's statement counts from `out/attributions.csv`
    /// when there (`inspect` reads only these).
    pub fn read_quoted(&mut self, out: &Path, keep: impl Fn(&str) -> bool) -> Result<()> {
        let m = self;
        let quoted = out.join("attributions.csv");
        if quoted.exists() {
            for_each_row(&quoted, &keep, |r: AttributionRow| {
                let counts = m.sourcing.entry(r.article_id.clone()).or_default();
                *counts.n_statements.get_or_insert(0) += 1;
                let side = match r.side.as_str() {
                    "kremlin" => Some(&mut counts.kremlin),
                    "western" => Some(&mut counts.western),
                    "ukraine" => Some(&mut counts.ukraine),
                    _ => None,
                };
                if let Some(n) = side {
                    *n += 1;
                    counts.n_attributed += 1;
                }
                let mark = QuotedMark {
                    actor: r.actor,
                    side: r.side,
                    cue: r.cue,
                };
                m.quoted.entry((r.article_id, r.index)).or_default().push(mark);
                Ok(())
            })?;
        }
        Ok(())
    }

    /// For one sentence: text to add to its tooltip, an extra CSS class ("" or " shared"),
    /// and the HTML of its quoted-actor badges (escaped).
    pub fn for_sentence(&self, id: &str, index: usize) -> (String, &'static str, String) {
        let key = (id.to_string(), index);
        let mut tip = String::new();
        let mut class = "";
        if let Some(s) = self.shared.get(&key) {
            class = " shared";
            let how = if s.exact { "exact" } else { "near-duplicate" };
            tip.push_str(&format!(" · shared copy ({how}) with {}", s.other_id));
        }
        let mut badges = String::new();
        for q in self.quoted.get(&key).into_iter().flatten() {
            let side = match q.side.as_str() {
                "kremlin" => "k",
                "western" => "w",
                "ukraine" => "u",
                _ => "x",
            };
            // A statement whose speaker is on no actor list (a person the lists do not name,
            // a former official, a commentator) is still someone's: its badge says the side
            // is unknown, not that nobody is quoted.
            let who = if q.actor.is_empty() {
                "side unknown"
            } else {
                q.actor.as_str()
            };
            let (side_name, side_said) = match q.side.as_str() {
                "" => ("no side", "no speaker on an actor list: no side".to_string()),
                s => (s, format!("{s} side")),
            };
            let tip_who = if q.actor.is_empty() {
                // Unnamed ("the statement said") or named but on no list: no listed speaker.
                "no speaker on an actor list"
            } else {
                who
            };
            tip.push_str(&format!(" · quoted: {tip_who} ({side_name})"));
            badges.push_str(&format!(
                "<span class=\"who {side}\" title=\"quoted ({}): {}\">{}</span>",
                esc(&q.cue),
                esc(&side_said),
                esc(who)
            ));
        }
        (tip, class, badges)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each article's statements are counted from attributions.csv, sided or not.
    #[test]
    fn statements_are_counted_per_article_and_side() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("attributions.csv"),
            "article_id,index,cue,actor,side,text\n\
             a,0,said,US,western,x\n\
             a,1,said,,,y\n\
             a,2,according to,Russian Security Council,kremlin,z\n\
             b,0,said,Zelensky,ukraine,w\n",
        )
        .unwrap();
        let m = Marks::read(dir.path(), |id| id == "a").unwrap();
        let a = &m.sourcing["a"];
        assert_eq!(
            (a.n_statements, a.n_attributed, a.kremlin, a.western, a.ukraine),
            (Some(3), 2, 1, 1, 0)
        );
        assert!(!m.sourcing.contains_key("b"));
        assert_eq!(
            a.describe(),
            "0.00 (2 of 3 statements sided: Kremlin 1, Western 1, Ukraine 0)"
        );
    }

    #[test]
    fn marks_add_tooltips_classes_and_escaped_badges() {
        let mut m = Marks::default();
        m.shared.insert(
            ("a".into(), 2),
            SharedMark {
                other_id: "b".into(),
                exact: true,
            },
        );
        m.quoted.insert(
            ("a".into(), 2),
            vec![QuotedMark {
                actor: "<Putin>".into(),
                side: "kremlin".into(),
                cue: "said".into(),
            }],
        );
        let (tip, class, badges) = m.for_sentence("a", 2);
        assert_eq!(class, " shared");
        assert_eq!(tip, " · shared copy (exact) with b · quoted: <Putin> (kremlin)");
        assert_eq!(
            badges,
            "<span class=\"who k\" title=\"quoted (said): kremlin side\">&lt;Putin&gt;</span>"
        );
        assert_eq!(m.for_sentence("a", 3), (String::new(), "", String::new()));
        // An actor on none of the actor lists: "no side", not "no side side".
        m.quoted.insert(
            ("a".into(), 4),
            vec![QuotedMark {
                actor: String::new(),
                side: String::new(),
                cue: "said".into(),
            }],
        );
        let (tip, _, badges) = m.for_sentence("a", 4);
        // Review finding (session 22): it read "unattributed", though the statement is
        // attributed, to someone on no list (a named commentator, say).
        assert_eq!(tip, " · quoted: no speaker on an actor list (no side)");
        assert_eq!(
            badges,
            "<span class=\"who x\" title=\"quoted (said): no speaker on an actor list: no side\">side unknown</span>"
        );
    }
}
