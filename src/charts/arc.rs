//! `framing_arc.png`: p_kremlin sentence by sentence, measured from the model's no-evidence
//! point (p − c/2, c the article's `score_offset`: a sentence with no known term sits at ½),
//! one small panel per article, with the Kremlin and Western threshold bands shaded.

use super::draw::{self, anchored, rgb, text, Png};
use super::{select_articles, short_labels, ChartInput, ChartOptions};
use crate::error::Result;
use crate::score::SentenceScore;
use crate::style::palette;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::collections::HashMap;
use std::path::Path;

/// Columns of the small-multiple grid for `n` panels.
fn columns(n: usize) -> usize {
    match n {
        0..=1 => 1,
        2..=4 => 2,
        _ => 3,
    }
}

/// A panel's title: the article's score, "undecided" when it is (as framing_scores.png
/// marks it: among the most extreme, an undecided panel read as a side; review, session 35),
/// and its label.
fn panel_title(a: &crate::score::ArticleScore, label: &str) -> String {
    let undecided = match a.leaning() {
        crate::score::Leaning::Undecided => " undecided",
        _ => "",
    };
    format!("{}{undecided}  {label}", crate::style::signed(a.framing_score, 2))
}

/// The chart's first subtitle line: what y is (the shares' p − c/2, not what a sentence adds
/// to framing_score), the thresholds shaded, and what x is.
pub(super) fn subtitle(kt: f64, wt: f64) -> String {
    format!(
        "y = the whole sentence's p_kremlin − c/2 (c = score_offset; no known term: 0.5), as the shares count it; shaded: Kremlin ≥ {kt:.2}, Western ≤ {wt:.2}; x = its index in sentences.csv (square: headline). Its pull on framing_score can differ (scare quotes count for the other side, quotes weigh half): see framescope inspect."
    )
}

/// Returns false (nothing drawn) when no article has sentences.
pub fn framing_arc(input: &ChartInput, opts: &ChartOptions, path: &Path) -> Result<Option<Png>> {
    let mut by_article: HashMap<&str, Vec<&SentenceScore>> = HashMap::new();
    for s in input.sentences {
        by_article.entry(s.article_id.as_str()).or_default().push(s);
    }
    // Chosen among all the scores, then drawn when their sentences are here: `run` past
    // IN_MEMORY_ARTICLES passes the sentences of the chosen articles only (read back from
    // sentences.csv); choosing among the articles with sentences showed its first 1,000
    // articles' extremes, not the run's, and differed from `chart` (review, session 33).
    let (chosen, note) = select_articles(input.scores, opts.max_panels);
    let rows: Vec<&crate::compare::ArticleRow> = chosen
        .into_iter()
        .filter(|a| by_article.contains_key(a.id.as_str()))
        .collect();
    if rows.is_empty() {
        return Ok(None);
    }
    let n = rows.len();
    let cols = columns(n);
    let grid_rows = n.div_ceil(cols);
    let h = draw::height_for(grid_rows, 300, 200);
    let (kt, wt) = (input.kremlin_threshold, input.western_threshold);
    let mut sub = vec![subtitle(kt, wt)];
    sub.extend(note);
    draw::with_header(
        path,
        h,
        "Framing arc: p_kremlin sentence by sentence",
        &sub,
        &[
            ("Kremlin sentence", palette::KREMLIN),
            ("neutral", palette::NEUTRAL),
            ("Western sentence", palette::WESTERN),
        ],
        |root, body| {
            let panels = body.split_evenly((grid_rows, cols));
            let labels = short_labels(&rows, 60);
            for ((a, panel), label) in rows.iter().zip(panels.iter()).zip(&labels) {
                let mut ss = by_article[a.id.as_str()].clone();
                ss.sort_by_key(|s| s.index);
                let y = |s: &SentenceScore| crate::score::centred_p(s.p_kremlin, a.score_offset);
                let last = ss.last().map_or(0, |s| s.index).max(1) as f64;
                let title_style = text(20.0, palette::INK);
                let (pw, _) = panel.dim_in_pixel();
                let title = draw::fit_text(root, &panel_title(a, label), &title_style, pw as i32 - 40);
                let mut chart = ChartBuilder::on(panel)
                    .caption(title, title_style)
                    .margin(12)
                    .margin_top(28)
                    .set_label_area_size(LabelAreaPosition::Left, 70)
                    .set_label_area_size(LabelAreaPosition::Bottom, 56)
                    .build_cartesian_2d(-0.5..last + 0.5, 0f64..1f64)?;
                // The same numbering in every panel: sentences.csv's index (the headline, when
                // there is one, is index 0 and drawn as a square).
                let xfmt = |v: &f64| {
                    if v.fract() != 0.0 {
                        String::new()
                    } else {
                        format!("{v:.0}")
                    }
                };
                chart
                    .configure_mesh()
                    .disable_mesh()
                    .x_labels(((last as usize) + 1).min(12))
                    .x_label_formatter(&xfmt)
                    .y_labels(5)
                    .y_label_formatter(&|v| format!("{v:.1}"))
                    .x_desc("sentence")
                    .y_desc("p_kremlin − c/2")
                    .axis_desc_style(text(17.0, palette::INK))
                    .label_style(text(16.0, palette::INK))
                    .axis_style(rgb(palette::INK))
                    .draw()?;
                let band = |lo: f64, hi: f64, c: palette::Rgb| {
                    Rectangle::new(
                        [(-0.5, lo), (last + 0.5, hi)],
                        rgb(palette::WHITE.mix(c, 0.15)).filled(),
                    )
                };
                chart.draw_series([band(kt, 1.0, palette::KREMLIN), band(0.0, wt, palette::WESTERN)])?;
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(-0.5, 0.5), (last + 0.5, 0.5)],
                    rgb(palette::NEUTRAL).stroke_width(1),
                )))?;
                chart.draw_series(std::iter::once(PathElement::new(
                    ss.iter().map(|s| (s.index as f64, y(s))).collect::<Vec<_>>(),
                    rgb(palette::INK).stroke_width(2),
                )))?;
                let colour = |p: f64| {
                    if p >= kt {
                        palette::KREMLIN
                    } else if p <= wt {
                        palette::WESTERN
                    } else {
                        palette::NEUTRAL
                    }
                };
                chart.draw_series(
                    ss.iter()
                        .filter(|s| !s.is_headline)
                        .map(|s| Circle::new((s.index as f64, y(s)), 6, rgb(colour(y(s))).filled())),
                )?;
                for s in ss.iter().filter(|s| s.is_headline) {
                    let (px, py) = chart.backend_coord(&(s.index as f64, y(s)));
                    root.draw(&Rectangle::new(
                        [(px - 7, py - 7), (px + 7, py + 7)],
                        rgb(colour(y(s))).filled(),
                    ))?;
                }
            }
            if n == 0 {
                root.draw(&Text::new(
                    "no sentences",
                    (800, 500),
                    anchored(text(24.0, palette::INK), HPos::Center, VPos::Center),
                ))?;
            }
            Ok(())
        },
    )
    .map(Some)
}

#[cfg(test)]
mod tests {
    use super::panel_title;
    use crate::score::ArticleScore;

    #[test]
    fn an_undecided_panel_says_so() {
        let a = |f: f64, lo: f64, hi: f64| ArticleScore {
            framing_score: f,
            score_low: Some(lo),
            score_high: Some(hi),
            share_kremlin: 0.2,
            share_western: 0.2,
            ..Default::default()
        };
        // [−0.01, +0.45] contains 0: undecided; [+0.03, +0.49] does not.
        assert_eq!(panel_title(&a(0.21, -0.01, 0.45), "rt_02"), "+0.21 undecided  rt_02");
        assert_eq!(panel_title(&a(0.26, 0.03, 0.49), "rt_02"), "+0.26  rt_02");
    }
}
