//! Plain-text tables for a terminal (what the CLI prints): the score table, the evaluation
//! table. Text from the inputs is escaped ([`crate::report::escape_control`]).

use super::{KeynessOutput, SharedPair};
use crate::corpus::Side;
use crate::eval::kwic::Occurrence;
use crate::eval::EvalReport;
use crate::lexicon::diagnostics::LexiconReport;
use crate::model::FramingModel;
use crate::report::escape_control as escape;
use crate::score::{ArticleScore, Leaning};
use crate::style::bound;
use std::fmt::Write;
use std::path::Path;

/// A line of a table (writing to a `String` cannot fail).
macro_rules! out {
    ($o:ident, $($t:tt)*) => {
        let _ = writeln!($o, $($t)*);
    };
}

/// At most `n` characters of `s`, escaped for a terminal.
pub fn shown(s: &str, n: usize) -> String {
    let cut: String = s.chars().take(n).collect();
    escape(&cut).into_owned()
}

/// The score table `framescope score` and `run` print: every article when few, else the 10
/// most Kremlin-framed and the 10 most Western-framed of `total`.
pub fn score_table<'a>(scores: impl IntoIterator<Item = &'a ArticleScore>, total: usize) -> String {
    let mut o = String::new();
    let mut rows: Vec<&ArticleScore> = scores.into_iter().collect();
    rows.sort_by(|a, b| super::by_score(a, b));
    // A mixed-language run shows each article's language (as scores.csv does); one
    // language needs no column.
    let mixed = rows.iter().any(|s| s.lang != rows[0].lang);
    let lang = |l: &str| {
        if mixed {
            format!("{:<4} ", shown(l, 4))
        } else {
            String::new()
        }
    };
    let interval = |s: &ArticleScore| match (s.score_low, s.score_high) {
        // Enough decimals that the printed bounds agree with the label (+0.004, not +0.00).
        (Some(l), Some(h)) => format!("[{}, {}]", bound(l, 2), bound(h, 2)),
        _ => String::new(),
    };
    // As wide as the widest interval shown: a bound printed to four decimals shifted the
    // columns after it (review, session 41).
    let iv_w = rows
        .iter()
        .map(|s| interval(s).chars().count())
        .max()
        .unwrap_or(0)
        .max(17);
    out!(
        o,
        "{:<28} {}{:>7} {:>iv_w$} {:<9} {:>7} {:>7} {:>7} {:>5} {:>5} {:>5}  title",
        "id",
        lang("lang"),
        "score",
        "95% interval",
        "leaning",
        "voice",
        "quoted",
        "lede",
        "K%",
        "N%",
        "W%"
    );
    let line = |o: &mut String, s: &ArticleScore| {
        let iv = interval(s);
        let leaning = match s.leaning() {
            Leaning::Kremlin => "Kremlin",
            Leaning::Western => "Western",
            Leaning::Undecided => "undecided",
        };
        // `signed`: no `-0.000` for a score that rounds to zero (review, session 30).
        let opt = |v: Option<f64>| v.map_or("-".to_string(), |v| crate::style::signed(v, 3));
        let title = shown(s.title.as_deref().unwrap_or("(no headline)"), 60);
        let id = shown(&s.id, 28);
        // Whole percents summing to 100, as `inspect` and the report show them (review V: 8/13
        // showed as 62 here and 61 there).
        let [k, n, w] = crate::style::percents([s.share_kremlin, s.share_neutral, s.share_western]);
        out!(
            o,
            "{id:<28} {}{:>7} {iv:>iv_w$} {leaning:<9} {:>7} {:>7} {:>7} {k:>5} {n:>5} {w:>5}  {title}",
            lang(&s.lang),
            crate::style::signed(s.framing_score, 3),
            opt(s.voice_score),
            opt(s.quoted_score),
            crate::style::signed(s.lede_score, 3),
        );
    };
    if rows.len() <= 40 && total == rows.len() {
        rows.iter().for_each(|s| line(&mut o, s));
    } else {
        let n = rows.len().min(20) / 2;
        rows[..n].iter().for_each(|s| line(&mut o, s));
        out!(o, "… {} more (all in scores.csv) …", total - 2 * n);
        rows[rows.len() - n..].iter().for_each(|s| line(&mut o, s));
    }
    out!(
        o,
        "score: +1 = Kremlin-sourced framing, -1 = Western-sourced; undecided = the 95% interval contains 0, or no sentence is past that side's threshold (no side can be claimed); voice / quoted = the outlet's own words / what it quotes (- = nothing quoted); K/N/W = share of Kremlin/neutral/Western sentences, read whole (quotes not set apart, scare quotes not flipped, as the score does){}",
        if mixed { "; lang = the language each article was analysed in" } else { "" }
    );
    o
}

fn opt(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.3}")).unwrap_or_else(|| "-".into())
}

/// The metrics table `framescope eval` prints: the settings, the gaps, the notes and the
/// worst articles (their text escaped for a terminal).
pub fn eval_table(r: &EvalReport) -> String {
    let mut o = String::new();
    out!(
        o,
        "{} evaluation: {} labelled articles ({} Kremlin, {} Western); the retrained settings also learn from {} training article(s) (--train)",
        r.mode,
        r.articles,
        r.settings.first().map_or(0, |s| s.metrics.kremlin_articles),
        r.settings.first().map_or(0, |s| s.metrics.western_articles),
        r.training_articles
    );
    out!(
        o,
        "{:<34} {:>6} {:>15} {:>6} {:>6} {:>6}   {:>11} {:>11}",
        "setting",
        "AUC",
        "95% interval",
        "acc",
        "F1 K",
        "F1 W",
        "K: K/W/0",
        "W: K/W/0"
    );
    for s in &r.settings {
        let m = &s.metrics;
        let c = &m.confusion;
        let iv = format!("[{}, {}]", opt(m.auc_low), opt(m.auc_high));
        out!(
            o,
            "{:<34} {:>6} {:>15} {:>6.3} {:>6.3} {:>6.3}   {:>11} {:>11}{}",
            s.name,
            opt(m.auc),
            iv,
            m.accuracy,
            m.kremlin.f1,
            m.western.f1,
            format!(
                "{}/{}/{}",
                c.kremlin_as_kremlin, c.kremlin_as_western, c.kremlin_undecided
            ),
            format!(
                "{}/{}/{}",
                c.western_as_kremlin, c.western_as_western, c.western_undecided
            ),
            if s.near_chance { "  (near chance)" } else { "" }
        );
    }
    for g in &r.gaps {
        out!(
            o,
            "gap {} − {} (strongest lexicon count): AUC {}  accuracy {:+.3}",
            g.classifier,
            g.baseline,
            g.auc.map(|x| format!("{x:+.3}")).unwrap_or_else(|| "-".into()),
            g.accuracy
        );
    }
    out!(o, "accuracy at threshold 0 (score = 0 is undecided, counted wrong); K: K/W/0 = Kremlin articles predicted Kremlin/Western/undecided");
    for n in &r.notes {
        out!(o, "note: {n}");
    }
    if let Some(s) = r.settings.first() {
        o.push_str(&worst_list(&s.name, &s.worst));
    }
    o
}

/// `eval`'s list of the articles `setting` scored most wrongly, with their strongest
/// sentences; nothing when none was asked for (`--worst 0`: the header said "none is on the
/// wrong side" over an empty list, whatever the articles' scores; review L, session 52).
fn worst_list(setting: &str, worst: &[crate::eval::WorstArticle]) -> String {
    let mut o = String::new();
    if worst.is_empty() {
        return o;
    }
    // Wrong at threshold 0, as accuracy counts: a Kremlin article at ≤ 0, a Western one at
    // ≥ 0. At accuracy 1 the list is of correct articles, and its header said "wrongly"
    // (review, session 33).
    let wrong = worst.iter().filter(|w| on_wrong_side(w)).count();
    if wrong == 0 {
        out!(
            o,
            "\nclosest to the other side by {setting} (none is on the wrong side):"
        );
    } else {
        out!(
            o,
            "\nmost wrongly scored by {setting} ({wrong} of these on the wrong side):"
        );
    }
    for w in worst {
        let arrow = if w.label == Side::Kremlin { "Kremlin" } else { "Western" };
        out!(o, "  {} (labelled {arrow}) score {:+.3}", escape(&w.id), w.score);
        for x in &w.sentences {
            let text = shown(&x.text, 110);
            out!(o, "    #{:<3} {:+.3}  {text}", x.index, x.value);
        }
    }
    o
}

/// Wrong at threshold 0, as `eval`'s accuracy counts: a Kremlin-labelled article at ≤ 0, a
/// Western one at ≥ 0 (0 is undecided, counted wrong).
fn on_wrong_side(w: &crate::eval::WorstArticle) -> bool {
    crate::eval::metrics::predict(w.score) != Some(w.label)
}

/// The table `framescope keyness` prints: the groups, then up to `top` terms leaning A and
/// `top` leaning B.
pub fn keyness_table(r: &KeynessOutput, top: usize) -> String {
    let mut o = String::new();
    let (names, (ta, tb)) = (&r.names, r.totals);
    out!(
        o,
        "A = {} ({ta} terms), B = {} ({tb} terms); z > 0 leans A; * |z| ≥ {} (keyness.csv's `leans`)",
        shown(&names.0, usize::MAX),
        shown(&names.1, usize::MAX),
        crate::compare::keyness::Z_LEANS
    );
    // The lists are the strongest terms either way; only the starred are past the 5% point
    // (review, session 44: `donbass` at z 1.93 was printed second among them, unmarked).
    let star = |z: f64| {
        if z.abs() >= crate::compare::keyness::Z_LEANS {
            "*"
        } else {
            ""
        }
    };
    // The surface form, with the language prefix its term carries (`ru:на украине`): a
    // mixed run's English `nato` and Russian `ru:nato` are told apart as in keyness.csv.
    let labels: Vec<String> = r
        .rows
        .iter()
        .zip(&r.shown)
        .map(|(t, s)| match t.term.split_once(':') {
            Some((code, _)) if !code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase()) => {
                format!("{code}:{s}")
            }
            _ => s.clone(),
        })
        .collect();
    let rows: Vec<_> = r.rows.iter().zip(&labels).collect();
    let list =
        |o: &mut String, head: &str, terms: &mut dyn Iterator<Item = &(&crate::compare::keyness::KeyTerm, &String)>| {
            out!(o, "{:<32} {:>6} {:>6} {:>8}", head, "A", "B", "z");
            for (t, s) in terms.take(top) {
                out!(
                    o,
                    "{:<32} {:>6} {:>6} {:>+8.3}{}",
                    s,
                    t.count_a,
                    t.count_b,
                    t.z,
                    star(t.z)
                );
            }
        };
    list(&mut o, "term (leans A)", &mut rows.iter().filter(|(t, _)| t.z > 0.0));
    list(
        &mut o,
        "term (leans B)",
        &mut rows.iter().rev().filter(|(t, _)| t.z < 0.0),
    );
    o
}

/// The table `framescope lexicon` prints: the counts, then every entry that fired, its columns
/// named as lexicon_report.csv's (the 95% Wilson interval is `precision_low`–`precision_high`).
pub fn lexicon_table(r: &LexiconReport) -> String {
    let mut o = String::new();
    out!(o,
        "{} articles, {} sentences: {} weakly labelled Kremlin, {} Western, {} unlabelled ({:.0}%); lexicon coverage {:.0}%",
        r.articles,
        r.sentences,
        r.labelled_kremlin,
        r.labelled_western,
        r.unlabelled,
        100.0 * r.unlabelled as f64 / r.sentences.max(1) as f64,
        100.0 * r.coverage
    );
    out!(
        o,
        "{:<30} {:>7} {:>6} {:>11} {:>9} {:>8} {:>9} {:>9} {:>18} {:>17} {:>26}",
        "phrase",
        "side",
        "weight",
        "occurrences",
        "sentences",
        "overlaps",
        "conflicts",
        "precision",
        "precision_low–high",
        "article_precision",
        "article_precision_low–high"
    );
    let mut rows: Vec<_> = r.entries.iter().filter(|e| e.sentences > 0).collect();
    rows.sort_by(|x, y| y.sentences.cmp(&x.sentences).then(x.phrase.cmp(&y.phrase)));
    for e in rows {
        let prec = e.precision.map(|p| format!("{p:.2}")).unwrap_or_default();
        let iv = match (e.precision_low, e.precision_high) {
            (Some(l), Some(h)) => format!("[{l:.2}, {h:.2}]"),
            _ => String::new(),
        };
        // By article: own-side articles of the labelled ones it fires in, and the interval.
        let by_article = match e.article_precision {
            Some(_) => format!("{}/{}", e.own_side_articles, e.labelled_articles),
            None => String::new(),
        };
        let article_iv = match (e.article_precision_low, e.article_precision_high) {
            (Some(l), Some(h)) => format!("[{l:.2}, {h:.2}]"),
            _ => String::new(),
        };
        let phrase = shown(&e.phrase, 30);
        out!(
            o,
            "{phrase:<30} {:>7} {:>6} {:>11} {:>9} {:>8} {:>9} {prec:>9} {iv:>18} {by_article:>17} {article_iv:>26}",
            e.side.as_str(),
            e.weight,
            e.occurrences,
            e.sentences,
            e.overlaps,
            e.conflicts
        );
    }
    if !r.never_fire.is_empty() {
        out!(o, "never fire ({}): {}", r.never_fire.len(), r.never_fire.join(", "));
    }
    if r.other_languages > 0 {
        out!(
            o,
            "({} entries of languages none of these articles is in are not counted as never firing)",
            r.other_languages
        );
    }
    let both: Vec<&str> = r
        .entries
        .iter()
        .filter(|e| e.overlaps > 0)
        .map(|e| e.phrase.as_str())
        .collect();
    if !both.is_empty() {
        out!(o, "fire in sentences the other side also hits: {}", both.join(", "));
    }
    o
}

/// The table `framescope overlap` prints: every pair, then what each article of a pair
/// sharing at least `show_share` has that the other lacks.
pub fn overlap_table(pairs: &[SharedPair], show_share: f64, min_share: f64) -> String {
    let mut o = String::new();
    if pairs.is_empty() {
        if min_share > 0.0 {
            out!(
                o,
                "no pair of articles shares {:.0}% or more of either's words (--min-share {min_share}; 0 lists every pair sharing a sentence)",
                100.0 * min_share
            );
        } else {
            out!(o, "no two articles share a sentence");
        }
        return o;
    }
    out!(
        o,
        "{:<28} {:<28} {:>8} {:>8} {:>7}",
        "article A",
        "article B",
        "A shared",
        "B shared",
        "exact"
    );
    for p in pairs {
        out!(
            o,
            "{:<28} {:<28} {:>7.0}% {:>7.0}% {:>7}",
            escape(&p.a),
            escape(&p.b),
            100.0 * p.share_a,
            100.0 * p.share_b,
            p.exact_sentences_a
        );
    }
    for p in pairs.iter().filter(|p| p.share_a.max(p.share_b) >= show_share) {
        for (x, y, only) in [(&p.a, &p.b, &p.only_a), (&p.b, &p.a, &p.only_b)] {
            // "has 0 paragraph(s) that … lacks:" over an empty block said nothing (review,
            // session 41).
            if only.is_empty() {
                out!(o, "\n{} has no paragraph that {} lacks", escape(x), escape(y));
                continue;
            }
            out!(
                o,
                "\n{} has {} paragraph(s) that {} lacks:",
                escape(x),
                only.len(),
                escape(y)
            );
            for (name, text) in only {
                out!(o, "  [{name}] {}", shown(text, 110));
            }
        }
    }
    o
}

/// The lines `framescope kwic` prints: one per occurrence, the left context aligned.
pub fn kwic_lines(hits: &[Occurrence]) -> String {
    let mut o = String::new();
    let left_w = hits.iter().map(|h| escape(&h.left).chars().count()).max().unwrap_or(0);
    for h in hits {
        out!(
            o,
            // No space added around the match: the contexts keep what touches it as written.
            "{}#{}\t{:>left_w$}[{}]{}",
            escape(&h.article_id),
            h.sentence,
            escape(&h.left),
            escape(&h.matched),
            escape(&h.right)
        );
    }
    o
}

/// What `framescope train` prints: where the model went, its hash, and what it learned from.
pub fn train_summary(m: &FramingModel, path: &Path, sha256: Option<&str>) -> String {
    let mut o = String::new();
    let t = &m.training;
    out!(o, "model: {}", path.display());
    out!(o, "sha256: {}", sha256.unwrap_or_default());
    out!(
        o,
        "articles: {}  sentences: {}  vocabulary: {} terms",
        t.articles,
        t.sentences,
        m.tfidf.n_features()
    );
    // The propagated rows are trained on too (README, train): said, as `run` says them.
    out!(
        o,
        "weakly labelled: {} Kremlin, {} Western (trained on {} + {}){}",
        t.labelled_kremlin,
        t.labelled_western,
        t.trained_kremlin,
        t.trained_western,
        super::run::propagated_part(m)
    );
    out!(
        o,
        "training accuracy: {:.3}  final gradient norm: {:.2e}",
        t.training_accuracy,
        t.final_gradient_norm
    );
    o
}

#[cfg(test)]
mod tests {
    use super::{on_wrong_side, Side};
    use crate::score::ArticleScore;

    /// Review finding (session 33): at accuracy 1 `eval` printed "most wrongly scored" over
    /// articles on their own side.
    #[test]
    fn an_article_is_on_the_wrong_side_at_or_past_zero() {
        let w = |label, score| crate::eval::WorstArticle {
            id: "a".into(),
            label,
            score,
            sentences: vec![],
        };
        assert!(on_wrong_side(&w(Side::Kremlin, -0.1)) && on_wrong_side(&w(Side::Kremlin, 0.0)));
        assert!(on_wrong_side(&w(Side::Western, 0.2)) && on_wrong_side(&w(Side::Western, 0.0)));
        assert!(!on_wrong_side(&w(Side::Kremlin, 0.01)) && !on_wrong_side(&w(Side::Western, -0.01)));
    }

    /// Review L (session 52): `--worst 0` printed "closest to the other side (none is on the
    /// wrong side)" though 9 of 26 articles were.
    #[test]
    fn no_worst_list_is_printed_when_none_is_asked_for() {
        let w = |label, score| crate::eval::WorstArticle {
            id: "a".into(),
            label,
            score,
            sentences: vec![],
        };
        assert_eq!(super::worst_list("frozen", &[]), "");
        let wrong = super::worst_list("frozen", &[w(Side::Kremlin, -0.2), w(Side::Western, -0.1)]);
        assert!(
            wrong.contains("most wrongly scored by frozen (1 of these on the wrong side)"),
            "{wrong}"
        );
        let right = super::worst_list("frozen", &[w(Side::Kremlin, 0.2)]);
        assert!(right.contains("none is on the wrong side"), "{right}");
    }

    #[test]
    fn printed_intervals_agree_with_the_leaning_beside_them() {
        // A lower bound of +0.004 decides "Kremlin": at 2 decimals it would print as +0.00,
        // beside "[-0.42, +0.00] undecided" (an upper bound of +0.004, which contains 0).
        let a = |id: &str, low: f64, high: f64| ArticleScore {
            id: id.into(),
            framing_score: (low + high) / 2.0,
            score_low: Some(low),
            score_high: Some(high),
            // A sentence past each side's threshold: the interval alone decides here.
            share_kremlin: 0.2,
            share_western: 0.2,
            ..Default::default()
        };
        let t = super::score_table(&[a("k", 0.004, 0.43), a("u", -0.42, 0.004), a("w", -0.5, -0.0001)], 3);
        let line = |id: &str| {
            t.lines()
                .find(|l| l.starts_with(&format!("{id} ")))
                .unwrap()
                .to_string()
        };
        assert!(line("k").contains("[+0.004, +0.43] Kremlin"), "{t}");
        assert!(line("u").contains("[-0.42, +0.004] undecided"), "{t}");
        assert!(line("w").contains("[-0.50, -0.0001] Western"), "{t}");
        // Every row's leaning starts in the same column, a wide interval's too (review,
        // session 41: `[-0.0001, -0.0001]` is 18 characters, one more than the column had).
        let t = super::score_table(&[a("k", 0.004, 0.43), a("w", -0.0001, -0.0001)], 2);
        let starts: Vec<usize> = ["Kremlin", "Western", "leaning"]
            .iter()
            .map(|w| t.lines().find_map(|l| l.find(&format!(" {w} "))).unwrap())
            .collect();
        assert!(starts.iter().all(|&c| c == starts[0]), "{starts:?}\n{t}");
    }

    #[test]
    fn a_mixed_language_table_shows_each_articles_language() {
        let a = |id: &str, lang: &str| ArticleScore {
            id: id.into(),
            lang: lang.into(),
            ..Default::default()
        };
        let mixed = super::score_table(&[a("e", "en"), a("r", "ru")], 2);
        let header = mixed.lines().next().unwrap();
        assert!(header.split_whitespace().nth(1) == Some("lang"), "{mixed}");
        let row = |t: &str, id: &str| {
            t.lines()
                .find(|l| l.starts_with(&format!("{id} ")))
                .unwrap()
                .to_string()
        };
        assert_eq!(row(&mixed, "r").split_whitespace().nth(1), Some("ru"), "{mixed}");
        assert_eq!(row(&mixed, "e").split_whitespace().nth(1), Some("en"), "{mixed}");
        let one = super::score_table(&[a("e", "en"), a("f", "en")], 2);
        assert!(!one.lines().next().unwrap().contains("lang"), "{one}");
        assert!(!row(&one, "e").contains(" en "), "{one}");
    }

    #[test]
    fn an_empty_overlap_table_says_why_it_is_empty() {
        assert_eq!(
            super::overlap_table(&[], 0.5, 0.2),
            "no pair of articles shares 20% or more of either's words (--min-share 0.2; 0 lists every pair sharing a sentence)\n"
        );
        assert_eq!(
            super::overlap_table(&[], 0.5, 0.0),
            "no two articles share a sentence\n"
        );
    }
}
