//! Charts of the comparator's per-article and per-outlet measures: how much of each article
//! is its own text (`own_text.png`) and outlets side by side (`outlets.png`).

use super::bars::{article_axes, framing_bars, gap_rule, label_size, row_y, share_segment, ROW_PX};
use super::draw::{self, Png};
use super::{select_articles, ChartInput, ChartOptions};
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
    let (rows, note) = select_articles(input.scores, opts.max_articles);
    let n = rows.len();
    let mut sub = vec![
        "Share of each article's words in sentences that no other article of the run shares (exact or near-duplicate). Sorted by framing_score."
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
            gap_rule(root, &chart, (0.0, 1.0), n, input.scores.len() - n)?;
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

/// `outlets.png`: mean framing_score per outlet with its bootstrap interval, as diverging
/// bars. Drawn when at least one article names its outlet.
pub fn outlets(rows: &[OutletRow], opts: &ChartOptions, path: &Path) -> Result<Option<Png>> {
    if rows.is_empty() {
        return Ok(None);
    }
    let as_scores: Vec<ArticleRow> = rows
        .iter()
        .map(|r| {
            ArticleRow::from(ArticleScore {
                id: r.outlet.clone(),
                title: Some(format!(
                    "n = {} article{}",
                    r.articles,
                    if r.articles == 1 { "" } else { "s" }
                )),
                framing_score: r.mean_framing_score,
                // One article has no spread to resample: outlets.csv gives it the whole scale,
                // so it is drawn undecided (grey), its whisker cut at the axis.
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
            "mean framing_score of the outlet's n articles, 95% interval over them (the whole scale when n = 1); grey = undecided",
        ),
    )
    .map(Some)
}
