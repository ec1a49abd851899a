//! `similarity.png`: heatmap of cosine similarity between the articles' TF-IDF vectors (see
//! [`super::data`]), ids on both axes, with a colour scale.

use super::data::Similarity;
use super::draw::{self, anchored, rgb, text, DrawResult, Png};
use super::{ChartInput, ChartOptions};
use crate::error::Result;
use crate::style::palette;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::FontTransform;
use std::path::Path;

/// Indices to show: all when at most `max`, else up to `max` articles taken pair by pair in
/// descending similarity, each together with the article it is most similar to (the pairs
/// worth looking at), in table order. An article enters only through its own most similar
/// pair, so no article is shown without its brightest cell: taken one by one, a tie at the
/// last place showed an article whose partner was left out (review, session 30).
fn pick(s: &Similarity, max: usize) -> Vec<usize> {
    let n = s.ids.len();
    if n <= max {
        return (0..n).collect();
    }
    let best: Vec<f64> = (0..n)
        .map(|i| {
            (0..n)
                .filter(|&j| j != i)
                .map(|j| s.matrix[i][j])
                .fold(f64::MIN, f64::max)
        })
        .collect();
    let mut pairs: Vec<(usize, usize)> = (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).collect();
    pairs.sort_by(|a, b| s.matrix[b.0][b.1].total_cmp(&s.matrix[a.0][a.1]).then(a.cmp(b)));
    let mut kept = vec![false; n];
    let mut count = 0;
    for (i, j) in pairs {
        if count == max {
            break;
        }
        let v = s.matrix[i][j];
        let new: Vec<usize> = [i, j].into_iter().filter(|&x| !kept[x]).collect();
        if new.is_empty() || count + new.len() > max || new.iter().any(|&x| best[x] != v) {
            continue;
        }
        for x in new {
            kept[x] = true;
            count += 1;
        }
    }
    (0..n).filter(|&i| kept[i]).collect()
}

/// The ids on both axes: row labels, so at most 14 characters as on the bar charts
/// (docs/charts.md, "Ids in labels"), distinct even when long ids share their start (a CMS
/// export's `very-long-article-identifier-…-0000`, `…-0001` all read alike, review session
/// 33). They were cut at 22, so seed ids (20 characters) printed whole (review G, L3).
fn axis_labels(ids: &[&str]) -> Vec<String> {
    super::distinct_ids(ids, 14)
}

/// Returns false (nothing drawn) without a similarity matrix.
pub fn similarity(input: &ChartInput, opts: &ChartOptions, path: &Path) -> Result<Option<Png>> {
    let Some(s) = input.similarity.filter(|s| !s.ids.is_empty()) else {
        return Ok(None);
    };
    let keep = pick(s, opts.max_heatmap.max(2));
    let n = keep.len();
    let mut sub =
        vec!["Cosine similarity of the articles' summed sentence TF-IDF vectors (stemmed 1–2-grams, model vocabulary). Shared wire copy shows as a bright off-diagonal cell.".to_string()];
    // The matrix of a run covers its first articles only (`IN_MEMORY_ARTICLES`): said here,
    // where a reader took it for the whole run (review, session 33).
    if input.scores.len() > s.ids.len() {
        sub.push(format!(
            "the similarity covers the first {} of the run's {} articles, in input order (it is computed for at most {})",
            s.ids.len(),
            input.scores.len(),
            s.ids.len()
        ));
    }
    if n < s.ids.len() {
        sub.push(format!(
            "showing {n} of {} articles, taken pair by pair from the most similar pair down, each with the article it is most similar to (a pair that no longer fits is passed over)",
            s.ids.len()
        ));
    }
    let shown: Vec<&str> = keep.iter().map(|&i| s.ids[i].as_str()).collect();
    let labels = axis_labels(&shown);
    draw::render(path, (draw::WIDTH, draw::MIN_HEIGHT), |root| -> DrawResult {
        let _ = draw::header(root, "Article similarity (TF-IDF cosine)", &sub, &[])?;
        let lsize = if n > 25 { 14.0 } else { 19.0 };
        let lstyle = text(lsize, palette::INK);
        let label_w = labels
            .iter()
            .map(|l| draw::text_width(root, l, &lstyle))
            .max()
            .unwrap_or(0);
        let top = draw::HEADER + 26 * sub.len() as i32;
        let bottom_room = label_w + 40;
        let avail_w = draw::WIDTH as i32 - 60 - label_w - 260;
        let avail_h = draw::MIN_HEIGHT as i32 - top - bottom_room - 20;
        let cell = (avail_w.min(avail_h) / n as i32).clamp(4, 160);
        let grid = cell * n as i32;
        // Centre labels + grid + colour scale horizontally.
        let left = 60 + label_w + (avail_w - grid) / 2;
        for (r, &i) in keep.iter().enumerate() {
            for (c, &j) in keep.iter().enumerate() {
                let v = s.matrix[i][j];
                let (x, y) = (left + c as i32 * cell, top + r as i32 * cell);
                root.draw(&Rectangle::new(
                    [(x, y), (x + cell, y + cell)],
                    rgb(palette::sequential(v)).filled(),
                ))?;
                if cell >= 48 {
                    let ink = if v > 0.55 { palette::WHITE } else { palette::INK };
                    root.draw(&Text::new(
                        format!("{v:.2}"),
                        (x + cell / 2, y + cell / 2),
                        anchored(text((cell as f64 / 3.2).min(26.0), ink), HPos::Center, VPos::Center),
                    ))?;
                }
            }
        }
        root.draw(&Rectangle::new(
            [(left, top), (left + grid, top + grid)],
            rgb(palette::INK).stroke_width(1),
        ))?;
        for (k, l) in labels.iter().enumerate() {
            let centre = k as i32 * cell + cell / 2;
            root.draw(&Text::new(
                l.clone(),
                (left - 12, top + centre),
                anchored(lstyle.clone(), HPos::Right, VPos::Center),
            ))?;
            root.draw(&Text::new(
                l.clone(),
                (left + centre, top + grid + 12),
                anchored(lstyle.clone(), HPos::Left, VPos::Center).transform(FontTransform::Rotate90),
            ))?;
        }
        // Colour scale.
        let (bx, bw) = (left + grid + 70, 36);
        let steps = 200;
        for k in 0..steps {
            let v = 1.0 - k as f64 / steps as f64;
            let y0 = top + grid * k / steps;
            let y1 = top + grid * (k + 1) / steps;
            root.draw(&Rectangle::new(
                [(bx, y0), (bx + bw, y1.max(y0 + 1))],
                rgb(palette::sequential(v)).filled(),
            ))?;
        }
        root.draw(&Rectangle::new(
            [(bx, top), (bx + bw, top + grid)],
            rgb(palette::INK).stroke_width(1),
        ))?;
        for t in 0..=4 {
            let v = t as f64 / 4.0;
            let y = top + ((1.0 - v) * grid as f64).round() as i32;
            root.draw(&PathElement::new(
                vec![(bx + bw, y), (bx + bw + 8, y)],
                rgb(palette::INK),
            ))?;
            root.draw(&Text::new(
                format!("{v:.2}"),
                (bx + bw + 14, y),
                anchored(text(18.0, palette::INK), HPos::Left, VPos::Center),
            ))?;
        }
        root.draw(&Text::new(
            "cosine similarity",
            (bx + bw / 2, top - 14),
            anchored(text(18.0, palette::INK), HPos::Center, VPos::Bottom),
        ))?;
        Ok(())
    })
    .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_matrices_keep_the_most_similar_articles_in_order() {
        let ids: Vec<String> = (0..5).map(|i| format!("a{i}")).collect();
        let mut m = vec![vec![0.1; 5]; 5];
        (0..5).for_each(|i| m[i][i] = 1.0);
        m[1][4] = 0.9;
        m[4][1] = 0.9;
        m[0][2] = 0.5;
        m[2][0] = 0.5;
        let s = Similarity { ids, matrix: m };
        assert_eq!(pick(&s, 2), vec![1, 4]);
        // 0 and 2 go together or not at all; 3, whose best is 0.1 (with 1, shown), fills in.
        assert_eq!(pick(&s, 3), vec![1, 3, 4]);
        assert_eq!(pick(&s, 4), vec![0, 1, 2, 4]);
        assert_eq!(pick(&s, 9), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn axis_labels_are_row_labels_of_at_most_14_characters() {
        let seeds = ["000_d73d1625d48df82f", "001_b842e1f178b2f794", "art-0001"];
        assert_eq!(axis_labels(&seeds), ["000_d73d…", "001_b842…", "art-0001"]);
        let cms = [
            "very-long-article-identifier-2024-0000",
            "very-long-article-identifier-2024-0001",
        ];
        let got = axis_labels(&cms);
        assert_ne!(got[0], got[1]);
        assert!(got.iter().all(|l| l.chars().count() <= 14), "{got:?}");
    }
}
