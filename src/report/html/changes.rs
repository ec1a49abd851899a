//! The report's "What changed" section, built from `diff.csv` (written by `run --compare-to`
//! or `diff` into the folder): what was edited (lexicon entries, training articles), the
//! training statistics that differ, the before/after chart, the articles that moved most with
//! their causes and sentences, and the terms that moved most. The page is
//! `templates/changes.html`; askama escapes all text.

use crate::compare::changes::rows::DiffRow;
use askama::Template;
use base64::Engine;

/// Rows of each list shown.
const SHOWN: usize = 15;

fn num(s: &str, d: usize) -> String {
    s.parse::<f64>()
        .map_or_else(|_| "–".into(), |v| crate::style::signed(v, d))
}

/// A training statistic's two values as read: whole numbers without decimals (the counts;
/// diff.csv writes every number with six), else both to three places, or to the places that
/// show how they differ (up to diff.csv's six: `0.000 → 0` read as no change); "–" when a
/// model lacks it.
fn stat_pair(old: &str, new: &str) -> (String, String) {
    let (o, n) = (old.parse::<f64>().ok(), new.parse::<f64>().ok());
    let whole = |v: f64| v.fract() == 0.0 && v.abs() < 1e15;
    let f = |v: Option<f64>, d: usize| v.map_or_else(|| "–".to_string(), |v| format!("{v:.d$}"));
    if [o, n].iter().flatten().all(|v| whole(*v)) {
        return (f(o, 0), f(n, 0));
    }
    let d = (3..=6).find(|&d| f(o, d) != f(n, d)).unwrap_or(3);
    (f(o, d), f(n, d))
}

/// A row of the training statistics table.
struct Stat<'a> {
    key: &'a str,
    old: String,
    new: String,
}

/// `[-0.202202, 0.059918]` (diff.csv's six decimals) to `d` places, signed; empty for `–`.
fn interval(s: &str, d: usize) -> String {
    let inner = s.trim().trim_start_matches('[').trim_end_matches(']');
    match inner.split_once(", ") {
        Some((l, h)) => format!("[{}, {}]", num(l, d), num(h, d)),
        None => String::new(),
    }
}

/// A lexicon weight as its file writes it (`1.5`), `–` when absent.
fn weight(s: &str) -> String {
    s.parse::<f64>().map_or_else(|_| "–".into(), |w| format!("{w}"))
}

/// A sentence's `term:push; …` (diff.csv's six decimals) to three, signed: `kiev +0.126`.
fn pushes(detail: &str) -> String {
    detail
        .split("; ")
        .filter(|t| !t.is_empty())
        .map(|t| match t.rsplit_once(':') {
            Some((term, p)) => format!("{term} {}", num(p, 3)),
            None => t.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn class(change: &str) -> &'static str {
    match change.parse::<f64>() {
        Ok(v) if v > 0.0 => "pos",
        Ok(v) if v < 0.0 => "neg",
        _ => "",
    }
}

/// A row of the moved articles, sentences or terms, its numbers formatted to `d` places.
struct Moved<'a> {
    row: &'a DiffRow,
    old: String,
    new: String,
    change: String,
    class: &'static str,
    /// A sentence's move of p − c/2 (how it moved the score) when its article's
    /// no-evidence point c moved; `class` then follows it.
    scored: Option<String>,
    /// A sentence in one run only: `added` or `removed`, and its p in that run.
    only: Option<(&'static str, String)>,
    /// An article's 95% intervals before and after (`[-0.202, +0.060]`), from its `detail`.
    ranges: (String, String),
    /// An article's side (`Kremlin-leaning`, …) and whether it changed (`side` `old → new`).
    leaning: (String, bool),
    /// A sentence's terms and their push, to three places (`kiev +0.126, report +0.037`).
    pushes: String,
}

impl<'a> Moved<'a> {
    fn new(row: &'a DiffRow, d: usize) -> Moved<'a> {
        Moved {
            row,
            old: num(&row.old, d),
            new: num(&row.new, d),
            change: num(&row.change, d),
            class: class(&row.change),
            scored: None,
            only: None,
            ranges: Default::default(),
            leaning: Default::default(),
            pushes: String::new(),
        }
    }

    /// An article's row, with its intervals and side.
    fn article(row: &'a DiffRow, d: usize) -> Moved<'a> {
        let (o, n) = row.detail.split_once(" → ").unwrap_or(("", ""));
        let word = |s: &str| crate::score::Leaning::from_code(s).map_or("", |l| l.as_str());
        let leaning = match row.side.split_once(" → ") {
            Some((o, n)) => (format!("{} → {}", word(o), word(n)), true),
            None => (word(&row.side).to_string(), false),
        };
        Moved {
            ranges: (interval(o, d), interval(n, d)),
            leaning,
            ..Moved::new(row, d)
        }
    }

    /// A sentence's row: p_kremlin before and after is a probability, written unsigned;
    /// with its article's `offset` row (c before, after), also how p − c/2 moved.
    fn probability(row: &'a DiffRow, d: usize, offset: Option<&DiffRow>) -> Moved<'a> {
        let p = |s: &str| s.parse::<f64>().map_or_else(|_| "–".into(), |v| format!("{v:.d$}"));
        let mut m = Moved {
            old: p(&row.old),
            new: p(&row.new),
            ..Moved::new(row, d)
        };
        m.only = match (row.old.is_empty(), row.new.is_empty()) {
            (true, false) => Some(("added", m.new.clone())),
            (false, true) => Some(("removed", m.old.clone())),
            _ => None,
        };
        let shift = offset.and_then(|o| o.change.parse::<f64>().ok());
        if let (Some(shift), Ok(change)) = (shift, row.change.parse::<f64>()) {
            let scored = change - shift / 2.0;
            m.scored = Some(crate::style::signed(scored, d));
            m.class = class(&scored.to_string());
        }
        m
    }
}

impl std::ops::Deref for Moved<'_> {
    type Target = DiffRow;
    fn deref(&self) -> &DiffRow {
        self.row
    }
}

/// The section's template (`templates/changes.html`).
#[derive(Template)]
#[template(path = "changes.html", config = "src/report/html/askama.toml")]
struct Changes<'a> {
    compared: Option<&'a str>,
    /// Articles in both runs: (moved toward Kremlin, toward Western, unchanged), as the
    /// terminal summary counts them (|change| ≤ `MOVED_EPS` is unchanged).
    counts: (usize, usize, usize),
    notes: Vec<&'a DiffRow>,
    /// Lexicon edits, with the weights as the lexicon file writes them (`1.5`, `–`).
    lexicon: Vec<(&'a DiffRow, String, String)>,
    seeds: Vec<&'a DiffRow>,
    /// Training parameters and analysis settings that differ.
    params: Vec<&'a DiffRow>,
    /// Weak-model warnings before and after (`weakness` rows; their title in words).
    weaknesses: Vec<&'a DiffRow>,
    /// Training statistics that differ.
    training: Vec<Stat<'a>>,
    /// The before/after chart, base64, and its caption.
    chart: Option<String>,
    chart_caption: &'static str,
    /// The articles that moved most (with a cause or a moved sentence), each with its
    /// no-evidence point's move (when it moved) and its moved sentences.
    articles: Vec<(Moved<'a>, Option<Moved<'a>>, Vec<Moved<'a>>, String)>,
    /// Articles in one run only: (row, added, its score in that run), at most [`SHOWN`],
    /// and how many more.
    only: Vec<(&'a DiffRow, bool, String)>,
    only_more: usize,
    terms: Vec<Moved<'a>>,
    /// Articles whose side changed: (id, before → after in words), at most [`SHOWN`], and
    /// how many more.
    flips: Vec<(&'a str, String)>,
    flips_more: usize,
    /// Term groups trained in one run only (weight exactly 0 in the other), at most
    /// [`SHOWN`], and how many (entered, left) training.
    crossed: Vec<Moved<'a>>,
    crossed_counts: (usize, usize),
}

/// A `terms` row whose head weight is 0 in one run only: it entered or left training
/// ([`crossing`](crate::compare::changes::terms::crossing)).
fn is_crossed(t: &DiffRow) -> bool {
    match (t.old.parse::<f64>(), t.new.parse::<f64>()) {
        (Ok(o), Ok(n)) => crate::compare::changes::terms::crossing(o, n).is_some(),
        _ => false,
    }
}

/// An article row's causes (`lexicon_removed:strongman; seed_added:101`) in words, as the
/// terminal summary words them, the lexicon entries' weights read from the lexicon rows.
fn causes_in_words(rows: &[DiffRow], causes: &str) -> String {
    let weight = |s: &str| s.parse::<f64>().map_or_else(|_| "-".to_string(), |w| format!("{w}"));
    causes
        .split("; ")
        .filter(|c| !c.is_empty())
        .map(|label| {
            crate::compare::changes::rows::cause_words_with(
                label,
                |kind, key| {
                    rows.iter()
                        .find(|r| r.kind == kind && r.key == key)
                        .map(|r| (r.side.clone(), weight(&r.old), weight(&r.new)))
                },
                |key| {
                    rows.iter()
                        .find(|r| r.kind == "param" && r.key == key)
                        .map(|r| (r.old.clone(), r.new.clone()))
                },
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The section's HTML (empty when `rows` is).
/// `compared`: what the scores before were (run.json's `compared_with`), when known.
pub fn section(rows: &[DiffRow], chart: Option<&[u8]>, compared: Option<&str>) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let of = |k: &'static str| rows.iter().filter(move |r| r.kind == k);
    let of_prefix = |p: &'static str| rows.iter().filter(move |r| r.kind.starts_with(p));
    let starts = |p: &'static str| of_prefix(p).collect();
    let sentences: Vec<&DiffRow> = of("sentence").collect();
    let sentences_of = |a: &DiffRow| -> Vec<&DiffRow> {
        let prefix = format!("{}#", a.key);
        sentences
            .iter()
            .copied()
            .filter(|s| s.key.starts_with(&prefix))
            .collect()
    };
    // Added to or removed from the comparison: no change to show, so they were in neither the
    // chart nor the table (review, session 34).
    let one_run: Vec<&DiffRow> = of("article").filter(|a| a.old.is_empty() != a.new.is_empty()).collect();
    let changed: Vec<f64> = of("article")
        .filter_map(|a| Some(a.new.parse::<f64>().ok()? - a.old.parse::<f64>().ok()?))
        .collect();
    let eps = crate::compare::changes::MOVED_EPS;
    let flips: Vec<&DiffRow> = of("article").filter(|a| a.side.contains(" → ")).collect();
    let (crossed, trained): (Vec<&DiffRow>, Vec<&DiffRow>) = of("terms").partition(|t| is_crossed(t));
    let page = Changes {
        compared,
        counts: (
            changed.iter().filter(|&&c| c > eps).count(),
            changed.iter().filter(|&&c| c < -eps).count(),
            changed.iter().filter(|&&c| c.abs() <= eps).count(),
        ),
        notes: of("note").collect(),
        lexicon: of_prefix("lexicon_")
            .map(|r| (r, weight(&r.old), weight(&r.new)))
            .collect(),
        seeds: starts("seed_"),
        params: of("param").collect(),
        weaknesses: of("weakness").collect(),
        training: of("training")
            .filter(|r| r.old != r.new)
            .map(|r| {
                let (old, new) = stat_pair(&r.old, &r.new);
                Stat { key: &r.key, old, new }
            })
            .collect(),
        chart: chart.map(|png| base64::engine::general_purpose::STANDARD.encode(png)),
        chart_caption: crate::charts::caption("before_after.png").unwrap_or(""),
        articles: of("article")
            .map(|a| (a, sentences_of(a)))
            .filter(|(a, s)| !a.causes.is_empty() || !s.is_empty())
            .take(SHOWN)
            .map(|(a, s)| {
                let offset = of("offset").find(|o| o.key == a.key);
                (
                    Moved::article(a, 3),
                    offset.map(|o| Moved::new(o, 3)),
                    s.into_iter()
                        .map(|s| Moved {
                            pushes: pushes(&s.detail),
                            ..Moved::probability(s, 3, offset)
                        })
                        .collect(),
                    causes_in_words(rows, &a.causes),
                )
            })
            .collect(),
        only: one_run
            .iter()
            .take(SHOWN)
            .map(|a| {
                let added = a.old.is_empty();
                (*a, added, num(if added { &a.new } else { &a.old }, 3))
            })
            .collect(),
        only_more: one_run.len().saturating_sub(SHOWN),
        terms: trained.iter().take(SHOWN).map(|t| Moved::new(t, 3)).collect(),
        crossed: crossed.iter().take(SHOWN).map(|t| Moved::new(t, 3)).collect(),
        crossed_counts: {
            let entered = crossed.iter().filter(|t| t.old.parse::<f64>() == Ok(0.0)).count();
            (entered, crossed.len() - entered)
        },
        flips: flips
            .iter()
            .take(SHOWN)
            .map(|a| {
                let m = Moved::article(a, 3);
                let marginal = match a.change.parse::<f64>() {
                    Ok(x) if x.abs() <= eps => "; marginal: the score barely moved, an interval end crossed 0",
                    _ => "",
                };
                let words = format!(
                    "{}: {} {} → {} {}{marginal}",
                    m.leaning.0, m.old, m.ranges.0, m.new, m.ranges.1
                );
                (a.key.as_str(), words)
            })
            .collect(),
        flips_more: flips.len().saturating_sub(SHOWN),
    };
    // Rendering into a String fails only when a value's Display does; none here does.
    page.render().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(kind: &str, key: &str, old: &str, new: &str, title: &str) -> DiffRow {
        DiffRow {
            kind: kind.into(),
            key: key.into(),
            side: "kremlin".into(),
            old: old.into(),
            new: new.into(),
            change: String::new(),
            title: title.into(),
            detail: String::new(),
            causes: "lexicon_added:<b>".into(),
        }
    }

    /// Review, session 36: a weak-model warning that went away after a retrain was not
    /// mentioned; it is shown under Training in words (with no statistic changed too).
    #[test]
    fn a_weak_model_warning_that_went_away_is_shown_under_training() {
        let rows = [r(
            "weakness",
            "labelled",
            "weak model: trained on only 12 …",
            "",
            "weak-model warning gone (it said: trained on only 12 <…>)",
        )];
        let h = section(&rows, None, None);
        assert!(
            h.contains("<h3>Training</h3>\n<p><strong>weak-model warning gone (it said: trained on only 12 &lt;…&gt;)</strong></p>"),
            "{h}"
        );
        assert!(
            !h.contains("<th>statistic</th>"),
            "no statistics table without statistics: {h}"
        );
    }

    /// Review finding (session 21): counts showed as diff.csv writes them, `84.000000`.
    #[test]
    fn training_statistics_show_counts_whole_and_the_rest_to_three_places() {
        let rows = [
            r("training", "sentences", "84.000000", "85.000000", ""),
            r("training", "intercept", "-0.265833", "-0.130033", ""),
            r("training", "masked_terms", "", "3.000000", ""),
            r("training", "vocabulary", "1190.000000", "1190.000000", ""),
            // Session 28: shown as `0.000` and `0`, as if unchanged.
            r("training", "final_gradient_norm", "0.000412", "0.000000", ""),
        ];
        let h = section(&rows, None, None);
        assert!(
            h.contains(r#"<td>sentences</td><td class="num">84</td><td class="num">85</td>"#),
            "{h}"
        );
        assert!(
            h.contains(r#"<td>intercept</td><td class="num">-0.266</td><td class="num">-0.130</td>"#),
            "{h}"
        );
        assert!(
            h.contains(r#"<td>masked_terms</td><td class="num">–</td><td class="num">3</td>"#),
            "{h}"
        );
        assert!(
            h.contains(r#"<td>final_gradient_norm</td><td class="num">0.0004</td><td class="num">0.0000</td>"#),
            "{h}"
        );
        assert!(
            !h.contains("<td>vocabulary</td>"),
            "unchanged statistics are not shown: {h}"
        );
    }

    #[test]
    fn lists_edits_and_moved_articles_escaped() {
        let rows = [
            r("lexicon_added", "kiev <regime>", "", "2.000000", ""),
            r("seed_added", "005_x", "", "", ""),
            r("article", "a1", "0.1", "0.3", "T & T"),
        ];
        let h = section(&rows, None, None);
        assert!(
            h.contains("added lexicon entry <strong>kiev &lt;regime&gt;</strong>"),
            "{h}"
        );
        assert!(h.contains("training article <strong>005_x</strong> added"));
        assert!(
            h.contains("T &amp; T") && h.contains("lexicon entry") && h.contains("&lt;b&gt;"),
            "{h}"
        );
        assert!(!h.contains("lexicon_added:"), "causes are in words, not codes: {h}");
        assert!(section(&[], None, None).is_empty());
    }

    /// Review, session 34: the report's causes were diff.csv's codes, and articles added to or
    /// removed from the comparison were in neither the chart nor the table.
    #[test]
    fn causes_are_in_words_and_articles_of_one_run_are_listed() {
        let mut lex = r("lexicon_removed", "strongman", "2.000000", "", "");
        lex.side = "western".into();
        let mut art = r("article", "a1", "0.100", "0.200", "T");
        art.causes = "lexicon_removed:strongman; seed_added:101; untraced:offset".into();
        let new_only = r("article", "101", "", "0.520000", "New seed");
        let old_only = r("article", "002", "-0.100000", "", "Old seed");
        let h = section(
            &[lex, art, new_only, old_only],
            None,
            Some("output.2026-12-04T21-55-17Z"),
        );
        assert!(
            h.contains("Compared with <strong>output.2026-12-04T21-55-17Z</strong>"),
            "{h}"
        );
        // a1 0.100 → 0.200 is the one article in both runs.
        assert!(
            h.contains("Articles in both runs: 1 moved toward Kremlin, 0 toward Western, 0 unchanged"),
            "{h}"
        );
        assert!(
            h.contains("lexicon entry &#34;strongman&#34; (removed, western 2 → -)")
                || h.contains("lexicon entry &quot;strongman&quot; (removed, western 2 → -)"),
            "{h}"
        );
        assert!(h.contains("training article 101 (added)"), "{h}");
        assert!(h.contains("no edit traced: its no-evidence point c moved"), "{h}");
        assert!(h.contains("<h3>Articles in one run only</h3>"), "{h}");
        assert!(
            h.contains("101 <span class=\"muted\">New seed</span>: in the new run only (added), score +0.520"),
            "{h}"
        );
        assert!(
            h.contains("002 <span class=\"muted\">Old seed</span>: in the old run only (removed), score -0.100"),
            "{h}"
        );
    }

    /// p 0.876 → 0.902 (+0.026) while c goes −0.333 → −0.090 (+0.243): p − c/2 moved
    /// 0.026 − 0.1215 = −0.0955, toward Western, and is shown so, p unsigned.
    #[test]
    fn a_sentence_shows_how_p_minus_half_c_moved_when_c_moved() {
        let mut art = r("article", "a1", "0.066", "0.047", "T");
        art.change = "-0.019".into();
        let mut off = r("offset", "a1", "-0.333", "-0.090", "");
        off.change = "0.243".into();
        let mut sen = r("sentence", "a1#4", "0.876", "0.902", "S");
        sen.change = "0.026".into();
        let h = section(&[art, off, sen], None, None);
        assert!(h.contains("no-evidence point c -0.333 → -0.090"), "{h}");
        assert!(h.contains("a1#4 p 0.876 → 0.902"), "{h}");
        assert!(h.contains("p − c/2 <span class=\"neg\">-0.096</span>"), "{h}");
    }

    /// Review, session 35: the page stated causes as fact, gave no intervals, did not call
    /// out articles that changed side, and listed terms that entered or left training among
    /// the weight changes, unexplained.
    #[test]
    fn sides_intervals_caveat_and_terms_trained_in_one_run_only() {
        let mut art = r("article", "rt", "0.257741", "0.212720", "RT");
        art.side = "kremlin → undecided".into();
        art.detail = "[0.026270, 0.488736] → [-0.005411, 0.454792]".into();
        art.causes = "lexicon_removed:kiev; retrained:lexicon_removed:strongman".into();
        let mut sen = r("sentence", "rt#3", "0.800", "0.600", "Kiev spoke.");
        sen.change = "-0.2".into();
        sen.detail = "(lexicon prior):0.750000; kiev:0.125877".into();
        let mut moved = r("terms", "kiev", "1.240444", "0.529324", "");
        moved.change = "-0.711120".into();
        let mut left = r("terms", "embassi", "0.236715", "0.000000", "");
        left.change = "-0.236715".into();
        let h = section(&[art, sen, moved, left], None, None);
        assert!(
            h.contains("Changed side: 1 article(s)</strong> — rt (Kremlin-leaning → undecided: +0.258 [+0.026, +0.489] → +0.213 [-0.005, +0.455])"),
            "{h}"
        );
        assert!(h.contains("<strong>Kremlin-leaning → undecided</strong>"), "{h}");
        assert!(
            h.contains("+0.258<br><span class=\"muted\">[+0.026, +0.489]</span>"),
            "{h}"
        );
        assert!(h.contains("[-0.005, +0.455]"), "{h}");
        assert!(h.contains("evidence for a reading, not a proof"), "{h}");
        assert!(h.contains("indirectly: not in these sentences"), "{h}");
        assert!(h.contains("pushed by (lexicon prior) +0.750, kiev +0.126"), "{h}");
        // kiev under "moved most"; embassi (0.237 → 0) apart.
        let (moved_at, apart_at) = (
            h.find("<h3>Terms that moved most</h3>").unwrap(),
            h.find("<h3>Terms trained in one run only</h3>").unwrap(),
        );
        let (kiev, embassi) = (h.find(">kiev</td>").unwrap(), h.find(">embassi</td>").unwrap());
        assert!(moved_at < kiev && kiev < apart_at && apart_at < embassi, "{h}");
        assert!(h.contains("0 term group(s) entered training and 1 left it"), "{h}");
    }

    /// A sentence in one run only (old or new empty) is shown as added or removed, with its p.
    #[test]
    fn a_sentence_in_one_run_only_is_shown_as_added_or_removed() {
        let mut art = r("article", "a1", "0.066", "0.147", "T");
        art.change = "0.081".into();
        let added = r("sentence", "a1#2", "", "0.960", "New.");
        let removed = r("sentence", "a1#5", "0.300", "", "Gone.");
        let h = section(&[art, added, removed], None, None);
        assert!(h.contains("a1#2 added, p 0.960: “New.”"), "{h}");
        assert!(h.contains("a1#5 removed, p 0.300: “Gone.”"), "{h}");
    }
}
