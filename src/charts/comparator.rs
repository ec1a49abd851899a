//! Charts of the comparator's per-article and per-outlet measures: how much of each article
//! is its own text (`own_text.png`) and outlets side by side (`outlets.png`).

use super::bars::{article_axes, label_size, row_y, share_segment, ROW_PX};
use super::draw::{self, Png};
use super::framing::{framing_bars, Bars};
use super::{ChartInput, ChartOptions};
use crate::compare::outlets::OutletRow;
use crate::compare::ArticleRow;
use crate::error::Result;
use crate::score::ArticleScore;
use crate::style::palette;
use std::path::Path;

/// `own_text.png`: per article, the share of its words in sentences no other article of the
/// run shares (own) and the rest (shared wire copy). Drawn when own-text shares are known.
pub fn own_text(input: &ChartInput, opts: &ChartOptions, path: &Path) -> Result<Option<Png>> {
    if input.scores.iter().all(|a| a.compare.own_text_share.is_none()) {
        return Ok(None);
    }
    let (rows, note) = own_text_rows(input.scores, opts.max_articles);
    let n = rows.len();
    let mut sub = vec![
        "Share of each article's words in sentences that no other article of the run shares (exact or near-duplicate). Least own text (most shared copy) first."
            .to_string(),
    ];
    sub.extend(note);
    draw::with_header(
        path,
        draw::height_for(n, ROW_PX, 300),
        "Own text and shared copy per article",
        &sub,
        &[
            ("own text", palette::SEQ_MID),
            ("shared with another article", palette::NEUTRAL),
        ],
        |root, body| {
            let fmt = |v: &f64| format!("{:.0}%", v * 100.0);
            let mut chart = article_axes(root, body, &rows, (0.0, 1.0), "share of the article's words", &fmt)?;
            let size = label_size(n) - 2.0;
            for (i, a) in rows.iter().enumerate() {
                let y = row_y(n, i);
                let own = a.compare.own_text_share.unwrap_or(1.0).clamp(0.0, 1.0);
                for (x0, x1, fill, ink) in [
                    (0.0, own, palette::SEQ_MID, palette::WHITE),
                    (own, 1.0, palette::NEUTRAL, palette::INK),
                ] {
                    share_segment(root, &mut chart, y, (x0, x1), x1 - x0, (fill, ink), size)?;
                }
            }
            Ok(())
        },
    )
    .map(Some)
}

/// The rows of `own_text.png`: what the chart is about, shared copy, so the articles with the
/// least own text first (ties by id; articles whose share is unknown last), at most `max`,
/// with a note when some are left out.
pub fn own_text_rows(scores: &[ArticleRow], max: usize) -> (Vec<&ArticleRow>, Option<String>) {
    // By the share as scores.csv holds it (6 decimals): `chart` redrawing from the table
    // picks the articles `run` picked (see `select_articles`).
    let key = |a: &ArticleRow| {
        a.compare
            .own_text_share
            .map_or(f64::INFINITY, crate::report::as_written)
    };
    let mut keyed: Vec<(f64, &ArticleRow)> = scores.iter().map(|a| (key(a), a)).collect();
    keyed.sort_by(|(x, a), (y, b)| x.total_cmp(y).then_with(|| a.id.cmp(&b.id)));
    let mut rows: Vec<&ArticleRow> = keyed.into_iter().map(|(_, a)| a).collect();
    let max = max.max(1);
    if rows.len() <= max {
        return (rows, None);
    }
    let n = rows.len();
    rows.truncate(max);
    let all_own = scores
        .iter()
        .filter(|a| a.compare.own_text_share.is_some_and(|s| s >= 1.0))
        .count();
    let note = format!(
        "showing the {max} of {n} articles with the least own text ({} of the {n} share no sentence)",
        all_own
    );
    (rows, Some(note))
}

/// `outlets.png`: mean framing_score per outlet with its bootstrap interval, as diverging
/// bars. Drawn when at least one article names its outlet.
pub fn outlets(rows: &[OutletRow], opts: &ChartOptions, path: &Path) -> Result<Option<Png>> {
    if rows.is_empty() {
        return Ok(None);
    }
    // An outlet's editions in two languages are two rows (`outlets.csv`): name the language
    // when the run has more than one, beside n (a long outlet name is cut short, its label
    // part is not).
    let several = rows.iter().any(|r| r.lang != rows[0].lang);
    let as_scores: Vec<ArticleRow> = rows
        .iter()
        .map(|r| {
            let n = format!("n = {} article{}", r.articles, if r.articles == 1 { "" } else { "s" });
            ArticleRow::from(ArticleScore {
                id: r.outlet.clone(),
                title: Some(if several { format!("{} · {n}", r.lang) } else { n }),
                framing_score: r.mean_framing_score,
                // Fewer than four articles are not resampled: outlets.csv gives them the whole
                // scale, so the outlet is drawn undecided (grey), its whisker cut at the axis.
                score_low: Some(r.score_low),
                score_high: Some(r.score_high),
                ..Default::default()
            })
        })
        .collect();
    let input = ChartInput::new(&as_scores, &[]);
    framing_bars(
        &input,
        opts,
        path,
        "Mean framing score per outlet",
        Some(
            "mean framing_score of the outlet's n articles, 95% interval over them (the whole scale when n < 4); grey = undecided (the interval contains 0)",
        ),
        Bars::Outlets,
    )
    .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, framing_score: f64, own: Option<f64>) -> ArticleRow {
        let mut a = ArticleRow::from(ArticleScore {
            id: id.into(),
            framing_score,
            ..Default::default()
        });
        a.compare.own_text_share = own;
        a
    }

    /// Review G, M2: outlets.png drew 40 of 47 outlets; the chart grows to hold them all.
    #[test]
    fn outlets_png_draws_all_47_outlets() {
        let rows: Vec<OutletRow> = (0..47)
            .map(|i| {
                let f = -0.6 + 1.2 * i as f64 / 46.0;
                OutletRow {
                    outlet: format!("Outlet {i:02}"),
                    lang: "en".into(),
                    articles: 8,
                    mean_framing_score: f,
                    score_low: f - 0.1,
                    score_high: f + 0.1,
                    mean_own_text_share: None,
                    mean_own_framing_score: None,
                    articles_with_own_text: 0,
                    mean_sourcing_balance: None,
                    articles_with_sourcing: 0,
                }
            })
            .collect();
        let png = outlets(&rows, &ChartOptions::default(), Path::new("outlets.png"))
            .unwrap()
            .unwrap();
        let img = image::load_from_memory(&png).unwrap();
        // One 30 px row per outlet under 300 px of axes and header, no note line.
        assert_eq!(img.height(), 300 + 47 * ROW_PX);
    }

    #[test]
    fn own_text_shows_the_articles_with_the_most_shared_copy_not_the_most_framed() {
        // The two most framed articles share nothing; the shared copy is in the middle.
        let scores = [
            row("k", 0.9, Some(1.0)),
            row("w", -0.9, Some(1.0)),
            row("a", 0.1, Some(0.4)),
            row("b", -0.1, Some(0.7)),
            row("c", 0.0, Some(0.4)),
            row("x", 0.2, None),
        ];
        fn ids<'a>(r: &[&'a ArticleRow]) -> Vec<&'a str> {
            r.iter().map(|a| a.id.as_str()).collect()
        }
        let (rows, note) = own_text_rows(&scores, 3);
        assert_eq!(ids(&rows), ["a", "c", "b"]);
        assert_eq!(
            note.as_deref(),
            Some("showing the 3 of 6 articles with the least own text (2 of the 6 share no sentence)")
        );
        let (rows, note) = own_text_rows(&scores, 40);
        assert_eq!(ids(&rows), ["a", "c", "b", "k", "w", "x"]);
        assert!(note.is_none());
    }
}
