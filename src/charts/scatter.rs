//! `voice_vs_quoted.png`: the two axes media researchers keep apart. x = voice_score (whose
//! words the outlet uses in its own voice), y = a second per-article series
//! ([`super::YSeries`]: quoted_score, the framing of what it quotes, by default).
//!
//! One numbered point per article (rings, so points on top of each other stay visible), and
//! a key beside the plot giving each number's id, shortened so ids stay distinct. Articles
//! with no y value (nothing quoted) are drawn in a strip under the plot, never dropped.

use super::draw::{self, anchored, rgb, text, Png};
use super::{distinct_ids, ChartInput, ChartOptions};
use crate::error::Result;
use crate::score::Leaning;
use crate::style::palette;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::path::Path;

/// At most this many points are numbered (the most extreme by |x| + |y|); the rest are drawn.
const MAX_LABELS: usize = 40;
/// Width of the key beside the plot.
const KEY_W: u32 = 380;

/// Axis range covering `v` and 0 with 12% padding, at least 0.2 wide.
fn fit(v: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = v.fold((0.0f64, 0.0f64), |(lo, hi), x| (lo.min(x), hi.max(x)));
    let pad = ((hi - lo) * 0.12).max(0.05);
    let (mut lo, mut hi) = (lo - pad, hi + pad);
    if hi - lo < 0.2 {
        let c = (hi + lo) / 2.0;
        (lo, hi) = (c - 0.1, c + 0.1);
    }
    (lo.max(-1.0), hi.min(1.0))
}

type Boxed = (i32, i32, i32, i32);

fn overlaps(a: &Boxed, b: &Boxed) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// One point: x, y (`None`: no y value, drawn in the strip), id, and the article's side,
/// which colours its ring.
struct Point<'a> {
    x: f64,
    y: Option<f64>,
    id: &'a str,
    leaning: Leaning,
}

pub fn voice_vs_quoted(input: &ChartInput, opts: &ChartOptions, path: &Path) -> Result<Png> {
    let ys = &opts.y_series;
    let own = input.scores.iter().any(|a| a.voice_score.is_some());
    let mut pts: Vec<Point> = input
        .scores
        .iter()
        .map(|a| Point {
            x: if own {
                a.voice_score.unwrap_or(f64::NAN)
            } else {
                a.framing_score
            },
            y: Some((ys.value)(a)).filter(|y| y.is_finite()),
            id: a.id.as_str(),
            leaning: a.leaning(),
        })
        .filter(|p| p.x.is_finite())
        .collect();
    pts.sort_by(|a, b| a.id.cmp(b.id));
    let missing = input.scores.len() - pts.len();
    let xr = fit(pts.iter().map(|p| p.x));
    let (y0, y1) = ys.range.unwrap_or_else(|| fit(pts.iter().filter_map(|p| p.y)));
    let strip = pts.iter().any(|p| p.y.is_none());
    // The strip for articles without a y value sits under the plot's range.
    let band = (y1 - y0) * 0.12;
    let yr = (if strip { y0 - band } else { y0 }, y1);
    let x_name = if own { "voice_score" } else { "framing_score" };
    let mut sub = vec![format!(
        "Each numbered ring is one article (key on the right). x: {x_name} (the framing of the outlet's own voice); y: {}.",
        ys.name
    )];
    // Coloured by the article's side (framing_score's interval rule), not by the sign of x:
    // voice_score has no interval, and a ring at +0.003 was drawn "Kremlin-leaning" (review,
    // session 43).
    sub.push(
        "Ring colour: the article's leaning by framing_score and its interval (grey: undecided), not the sign of x."
            .into(),
    );
    if strip {
        sub.push(format!(
            "Articles with no {} are in the grey strip at the bottom.",
            ys.name
        ));
    }
    if missing > 0 {
        sub.push(format!("{missing} article(s) without a {x_name} are not drawn."));
    }
    if pts.len() > MAX_LABELS {
        sub.push(format!(
            "numbers on the {MAX_LABELS} most extreme of {} articles",
            pts.len()
        ));
    }
    // The most extreme points get numbers (1 = first id in order), extreme by the values as
    // the tables hold them (6 decimals), so that `chart` redrawing from scores.csv numbers
    // the same articles as `run` (see `select_articles`).
    let mut order: Vec<usize> = (0..pts.len()).collect();
    let w = crate::report::as_written;
    let mag: Vec<f64> = (pts.iter()).map(|p| w(p.x).abs() + p.y.map_or(0.0, w).abs()).collect();
    order.sort_by(|&a, &b| mag[b].total_cmp(&mag[a]).then(a.cmp(&b)));
    let mut numbered: Vec<usize> = order.into_iter().take(MAX_LABELS).collect();
    numbered.sort_unstable();
    let ids: Vec<&str> = numbered.iter().map(|&i| pts[i].id).collect();
    let short = distinct_ids(&ids, 22);
    let key_rows = numbered.len();
    // The key's rows under a header of the subtitle's lines (each takes a line of the body).
    let height = draw::MIN_HEIGHT
        .max(draw::HEADER as u32 + 120 + 26 * key_rows as u32 + draw::SUBTITLE_STEP as u32 * sub.len() as u32);
    draw::with_header(
        path,
        height,
        &format!("Own voice against {}", ys.name),
        &sub,
        &[
            ("article Kremlin-leaning", palette::KREMLIN),
            ("article Western-leaning", palette::WESTERN),
            ("undecided", palette::NEUTRAL),
        ],
        |root, body| {
            let (plot, key) = body.split_horizontally(draw::WIDTH - KEY_W);
            let mut chart = ChartBuilder::on(&plot)
                .margin(30)
                .set_label_area_size(LabelAreaPosition::Left, 100)
                .set_label_area_size(LabelAreaPosition::Bottom, 80)
                .build_cartesian_2d(xr.0..xr.1, yr.0..yr.1)?;
            chart
                .configure_mesh()
                .x_labels(10)
                .y_labels(8)
                .x_label_formatter(&|v| crate::style::signed(*v, 2))
                .y_label_formatter(&|v| {
                    if *v < y0 - 1e-9 {
                        String::new()
                    } else {
                        crate::style::signed(*v, 2)
                    }
                })
                .x_desc(format!(
                    "{x_name}: own voice   (← Western-sourced  |  Kremlin-sourced →)"
                ))
                .y_desc(ys.label.as_str())
                .axis_desc_style(text(22.0, palette::INK))
                .label_style(text(20.0, palette::INK))
                .max_light_lines(1)
                .light_line_style(rgb(palette::FAINT))
                .bold_line_style(rgb(palette::FAINT))
                .axis_style(rgb(palette::INK))
                .draw()?;
            if strip {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(xr.0, yr.0), (xr.1, y0)],
                    rgb(palette::FAINT).filled(),
                )))?;
                let (px, py) = chart.backend_coord(&(xr.0, y0 - band / 2.0));
                root.draw(&Text::new(
                    format!("no {}", ys.name),
                    (px + 8, py),
                    anchored(text(17.0, palette::INK), HPos::Left, VPos::Center),
                ))?;
            }
            let ink = rgb(palette::NEUTRAL).stroke_width(1);
            if xr.0 < 0.0 && xr.1 > 0.0 {
                chart.draw_series(std::iter::once(PathElement::new(vec![(0.0, y0), (0.0, yr.1)], ink)))?;
            }
            if y0 < 0.0 && yr.1 > 0.0 {
                chart.draw_series(std::iter::once(PathElement::new(vec![(xr.0, 0.0), (xr.1, 0.0)], ink)))?;
            }
            let at = |p: &Point| (p.x, p.y.unwrap_or(y0 - band / 2.0));
            let radius = if pts.len() > 60 { 6 } else { 9 };
            let colour = |l: Leaning| match l {
                Leaning::Kremlin => palette::KREMLIN,
                Leaning::Western => palette::WESTERN,
                Leaning::Undecided => palette::NEUTRAL,
            };
            chart.draw_series(
                pts.iter()
                    .map(|p| Circle::new(at(p), radius, rgb(colour(p.leaning)).stroke_width(3))),
            )?;
            // Numbers: each tries eight places at two distances around its ring and takes the
            // first that hits no ring and no earlier number; if none is free it takes the first
            // place anyway, so every numbered article keeps its number.
            let style = text(18.0, palette::INK);
            let dots: Vec<Boxed> = pts
                .iter()
                .map(|p| {
                    let (px, py) = chart.backend_coord(&at(p));
                    (px - radius - 2, py - radius - 2, px + radius + 2, py + radius + 2)
                })
                .collect();
            let area = chart.plotting_area().get_pixel_range();
            let mut placed: Vec<Boxed> = Vec::new();
            for (k, &i) in numbered.iter().enumerate() {
                let label = (k + 1).to_string();
                let (tw, th) = (draw::text_width(root, &label, &style), 20);
                let (px, py) = chart.backend_coord(&at(&pts[i]));
                let mut candidates = Vec::new();
                for d in [radius + 4, radius + 22] {
                    candidates.extend([
                        (px + d, py - th / 2),
                        (px - d - tw, py - th / 2),
                        (px - tw / 2, py - d - th),
                        (px - tw / 2, py + d),
                        (px + d, py - d - th),
                        (px - d - tw, py - d - th),
                        (px + d, py + d),
                        (px - d - tw, py + d),
                    ]);
                }
                let fits =
                    |b: &Boxed| b.0 >= area.0.start && b.2 <= area.0.end && b.1 >= area.1.start && b.3 <= area.1.end;
                let boxes: Vec<Boxed> = candidates.iter().map(|&(x, y)| (x, y, x + tw, y + th)).collect();
                let spot = boxes
                    .iter()
                    .find(|b| fits(b) && !placed.iter().chain(&dots).any(|o| overlaps(b, o)))
                    .or_else(|| boxes.iter().find(|b| fits(b)))
                    .copied()
                    .unwrap_or(boxes[0]);
                root.draw(&Text::new(
                    label,
                    (spot.0, spot.1 + th / 2),
                    anchored(style.clone(), HPos::Left, VPos::Center),
                ))?;
                placed.push(spot);
            }
            // The key: number, shortened id.
            let kstyle = text(18.0, palette::INK);
            key.draw(&Text::new(
                "key",
                (10, 40),
                anchored(draw::bold(19.0, palette::INK), HPos::Left, VPos::Center),
            ))?;
            for (k, id) in short.iter().enumerate() {
                key.draw(&Text::new(
                    format!("{:>2}  {id}", k + 1),
                    (10, 70 + 26 * k as i32),
                    anchored(kstyle.clone(), HPos::Left, VPos::Center),
                ))?;
            }
            Ok(())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_the_data_and_zero() {
        let (lo, hi) = fit([-0.1, -0.05].into_iter());
        assert!(lo < -0.1 && hi >= 0.0 && hi - lo >= 0.2);
        assert_eq!(fit([-3.0, 3.0].into_iter()), (-1.0, 1.0));
        assert!(overlaps(&(0, 0, 10, 10), &(5, 5, 15, 15)));
        assert!(!overlaps(&(0, 0, 10, 10), &(10, 0, 20, 10)));
    }
}
