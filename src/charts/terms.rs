//! `top_terms.png`: the classifier's strongest terms on each side (weights from model.json),
//! Western-pushing terms on the left, Kremlin-pushing on the right, on one weight scale.

use super::draw::{self, anchored, rgb, text, Png};
use super::{ChartInput, ChartOptions};
use crate::error::Result;
use crate::style::palette;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::path::Path;

/// Returns false (nothing drawn) without model weights.
pub fn top_terms(input: &ChartInput, opts: &ChartOptions, path: &Path) -> Result<Option<Png>> {
    let Some(t) = input
        .top_terms
        .filter(|t| !t.kremlin.is_empty() || !t.western.is_empty())
    else {
        return Ok(None);
    };
    let k: Vec<_> = t.kremlin.iter().take(opts.top_terms).collect();
    let w: Vec<_> = t.western.iter().take(opts.top_terms).collect();
    let rows = k.len().max(w.len()).max(1);
    let m = k.iter().chain(&w).fold(0.0f64, |m, e| m.max(e.1.abs())).max(1e-9);
    let sub = vec![
        "Largest logistic-regression weights; terms are stemmed 1–2-grams (e.g. `militari exercis`). A term's weight pushes p_kremlin up (right) or down (left).".to_string(),
    ];
    let h = draw::height_for(rows, 40, 320);
    draw::with_header(
        path,
        h,
        "Strongest terms of the framing model",
        &sub,
        &[
            ("pushes towards Kremlin", palette::KREMLIN),
            ("pushes towards Western", palette::WESTERN),
        ],
        |root, body| {
            let halves = body.split_evenly((1, 2));
            let sides = [
                (
                    &halves[0],
                    &w,
                    palette::WESTERN,
                    "Western-sourced side (negative weights)",
                    -1.0,
                ),
                (
                    &halves[1],
                    &k,
                    palette::KREMLIN,
                    "Kremlin-sourced side (positive weights)",
                    1.0,
                ),
            ];
            let lsize = if rows > 20 { 16.0 } else { 20.0 };
            for (area, terms, colour, caption, sign) in sides {
                let x = if sign < 0.0 { (-m * 1.25, 0.0) } else { (0.0, m * 1.25) };
                let mut chart = ChartBuilder::on(area)
                    .caption(caption, text(24.0, palette::INK))
                    .margin(20)
                    .set_label_area_size(LabelAreaPosition::Left, 250)
                    .set_label_area_size(LabelAreaPosition::Bottom, 70)
                    .build_cartesian_2d(x.0..x.1, 0f64..rows as f64)?;
                chart
                    .configure_mesh()
                    .disable_y_mesh()
                    .y_labels(0)
                    .x_labels(6)
                    .x_label_formatter(&|v| crate::style::signed(*v, 2))
                    .x_desc("weight")
                    .axis_desc_style(text(20.0, palette::INK))
                    .label_style(text(18.0, palette::INK))
                    .max_light_lines(1)
                    .light_line_style(rgb(palette::FAINT))
                    .bold_line_style(rgb(palette::FAINT))
                    .axis_style(rgb(palette::INK))
                    .draw()?;
                let lstyle = anchored(text(lsize, palette::INK), HPos::Right, VPos::Center);
                for (i, (term, v)) in terms.iter().enumerate() {
                    let y = (rows - i) as f64 - 0.5;
                    chart.draw_series(std::iter::once(Rectangle::new(
                        [(0.0, y - 0.34), (*v, y + 0.34)],
                        rgb(colour).filled(),
                    )))?;
                    let (px, py) = chart.backend_coord(&(x.0, y));
                    let label = draw::fit_text(root, term, &lstyle, 230);
                    root.draw(&Text::new(label, (px - 12, py), lstyle.clone()))?;
                    let (vx, vy) = chart.backend_coord(&(*v, y));
                    let (dx, pos) = if sign < 0.0 { (-8, HPos::Right) } else { (8, HPos::Left) };
                    root.draw(&Text::new(
                        crate::style::signed(*v, 3),
                        (vx + dx, vy),
                        anchored(text(lsize - 2.0, palette::INK), pos, VPos::Center),
                    ))?;
                }
            }
            Ok(())
        },
    )
    .map(Some)
}
