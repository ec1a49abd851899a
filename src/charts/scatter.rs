//! `sourcing_vs_framing.png`: framing_score (x) against a second per-article series (y,
//! [`super::YSeries`], the lede score by default), points labelled without overlap.

use super::draw::{self, anchored, rgb, text, DrawResult};
use super::palette;
use super::{cut, ChartInput, ChartOptions};
use crate::error::Result;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::path::Path;

/// At most this many points get a text label (the most extreme by |x| + |y|).
const MAX_LABELS: usize = 30;

/// Axis range covering `v` and 0 with 10% padding, at least 0.2 wide.
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

pub fn sourcing_vs_framing(input: &ChartInput, opts: &ChartOptions, path: &Path) -> Result<()> {
    let ys = &opts.y_series;
    let pts: Vec<(f64, f64, &str)> = input
        .scores
        .iter()
        .map(|a| (a.framing_score, (ys.value)(a), a.id.as_str()))
        .filter(|p| p.0.is_finite() && p.1.is_finite())
        .collect();
    let xr = fit(pts.iter().map(|p| p.0));
    let yr = ys.range.unwrap_or_else(|| fit(pts.iter().map(|p| p.1)));
    let mut sub = vec!["Each point is an article, coloured by the side of its framing_score.".to_string()];
    if pts.len() > MAX_LABELS {
        sub.push(format!(
            "labels on the {MAX_LABELS} most extreme of {} articles",
            pts.len()
        ));
    }
    draw::render(path, (draw::WIDTH, draw::MIN_HEIGHT), |root| -> DrawResult {
        let body = draw::header(
            root,
            &format!("Framing score against {}", ys.name),
            &sub,
            &[
                ("Kremlin-leaning", palette::KREMLIN),
                ("Western-leaning", palette::WESTERN),
            ],
        )?;
        let mut chart = ChartBuilder::on(&body)
            .margin(30)
            .margin_right(60)
            .set_label_area_size(LabelAreaPosition::Left, 100)
            .set_label_area_size(LabelAreaPosition::Bottom, 80)
            .build_cartesian_2d(xr.0..xr.1, yr.0..yr.1)?;
        chart
            .configure_mesh()
            .x_labels(10)
            .y_labels(8)
            .x_label_formatter(&|v| draw::signed(*v, 2))
            .y_label_formatter(&|v| draw::signed(*v, 2))
            .x_desc("framing_score   (← Western-sourced  |  Kremlin-sourced →)")
            .y_desc(ys.label.as_str())
            .axis_desc_style(text(22.0, palette::INK))
            .label_style(text(20.0, palette::INK))
            .max_light_lines(1)
            .light_line_style(rgb(palette::FAINT))
            .bold_line_style(rgb(palette::FAINT))
            .axis_style(rgb(palette::INK))
            .draw()?;
        let ink = rgb(palette::NEUTRAL).stroke_width(1);
        if xr.0 < 0.0 && xr.1 > 0.0 {
            chart.draw_series(std::iter::once(PathElement::new(vec![(0.0, yr.0), (0.0, yr.1)], ink)))?;
        }
        if yr.0 < 0.0 && yr.1 > 0.0 {
            chart.draw_series(std::iter::once(PathElement::new(vec![(xr.0, 0.0), (xr.1, 0.0)], ink)))?;
        }
        let radius = if pts.len() > 60 { 6 } else { 9 };
        chart.draw_series(pts.iter().map(|&(x, y, _)| {
            let c = if x > 0.0 {
                palette::KREMLIN
            } else if x < 0.0 {
                palette::WESTERN
            } else {
                palette::NEUTRAL
            };
            Circle::new((x, y), radius, rgb(c).filled())
        }))?;
        // Labels: most extreme first; each tries four places around its point and is
        // dropped when all four collide with a point or an earlier label.
        let mut order: Vec<&(f64, f64, &str)> = pts.iter().collect();
        order.sort_by(|a, b| {
            (b.0.abs() + b.1.abs())
                .total_cmp(&(a.0.abs() + a.1.abs()))
                .then(a.2.cmp(b.2))
        });
        let style = text(18.0, palette::INK);
        let dots: Vec<Boxed> = pts
            .iter()
            .map(|p| {
                let (px, py) = chart.backend_coord(&(p.0, p.1));
                (px - radius - 1, py - radius - 1, px + radius + 1, py + radius + 1)
            })
            .collect();
        let area = chart.plotting_area().get_pixel_range();
        let mut placed: Vec<Boxed> = Vec::new();
        for p in order.into_iter().take(MAX_LABELS) {
            let label = cut(p.2, 24);
            let (tw, th) = (draw::text_width(root, &label, &style), 20);
            let (px, py) = chart.backend_coord(&(p.0, p.1));
            let candidates = [
                (px + 14, py - th / 2),
                (px - 14 - tw, py - th / 2),
                (px - tw / 2, py - 16 - th),
                (px - tw / 2, py + 16),
            ];
            let fits = |b: &Boxed| b.0 >= area.0.start && b.2 <= area.0.end && b.1 >= area.1.start && b.3 <= area.1.end;
            let spot = candidates
                .iter()
                .map(|&(x, y)| (x, y, x + tw, y + th))
                .find(|b| fits(b) && !placed.iter().chain(&dots).any(|o| overlaps(b, o)));
            if let Some(b) = spot {
                root.draw(&Text::new(
                    label,
                    (b.0, b.1 + th / 2),
                    anchored(style.clone(), HPos::Left, VPos::Center),
                ))?;
                placed.push(b);
            }
        }
        Ok(())
    })
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
