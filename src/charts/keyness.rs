//! `keyness.png`: every term as a point, x = frequency in A and B together (log scale),
//! y = z-score; the strongest terms of each side labelled, labels placed greedily so that no
//! two overlap (a label that cannot be placed near its point is left out, never stacked).

use super::Png;
use crate::compare::keyness::KeyTerm;
use crate::error::Result;
use crate::style::palette;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::path::Path;

const W: u32 = super::draw::WIDTH;
const H: u32 = super::draw::MIN_HEIGHT;
// The chart palette: group A (z > 0; the Kremlin side when grouping by framing) in
// vermillion, group B in blue, insignificant in grey.
const A_COLOR: RGBColor = RGBColor(palette::KREMLIN.0, palette::KREMLIN.1, palette::KREMLIN.2);
const B_COLOR: RGBColor = RGBColor(palette::WESTERN.0, palette::WESTERN.1, palette::WESTERN.2);
const GREY: RGBColor = RGBColor(palette::NEUTRAL.0, palette::NEUTRAL.1, palette::NEUTRAL.2);

/// A label's pixel box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelBox {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl LabelBox {
    fn overlaps(&self, o: &LabelBox) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// Place labels of size (w, h) near their anchor points, trying right, left, above, below
/// and further offsets; returns for each label its box, or `None` when every position would
/// overlap an earlier label or leave the plot `bounds`.
pub fn place_labels(anchors: &[(i32, i32, i32, i32)], bounds: LabelBox) -> Vec<Option<LabelBox>> {
    let mut placed: Vec<LabelBox> = Vec::new();
    anchors
        .iter()
        .map(|&(x, y, w, h)| {
            let candidates = [
                (6, -h / 2),
                (-6 - w, -h / 2),
                (-w / 2, -h - 6),
                (-w / 2, 6),
                (6, -h - 6),
                (6, 6),
                (-6 - w, -h - 6),
                (-6 - w, 6),
                (-w / 2, -2 * h - 6),
                (-w / 2, h + 6),
            ];
            let found = candidates.iter().find_map(|&(dx, dy)| {
                let b = LabelBox {
                    x0: x + dx,
                    y0: y + dy,
                    x1: x + dx + w,
                    y1: y + dy + h,
                };
                let inside = b.x0 >= bounds.x0 && b.x1 <= bounds.x1 && b.y0 >= bounds.y0 && b.y1 <= bounds.y1;
                (inside && !placed.iter().any(|p| p.overlaps(&b))).then_some(b)
            });
            if let Some(b) = found {
                placed.push(b);
            }
            found
        })
        .collect()
}

/// Draw the scatter as PNG ([`Png`], for the caller to write); `path` is where it will go,
/// named in errors. `label` gives the text shown for a term (its surface form), `top` how
/// many terms per side get labels, `names` the two groups' names.
pub fn keyness_chart(
    path: &Path,
    terms: &[KeyTerm],
    label: impl Fn(&str) -> String,
    top: usize,
    names: (&str, &str),
) -> Result<Png> {
    super::draw::render(path, (W, H), |root| {
        let freq = |t: &KeyTerm| ((t.count_a + t.count_b) as f64).max(1.0).log10();
        let xmax = terms.iter().map(freq).fold(1.0f64, f64::max) * 1.08;
        let zmax = terms.iter().map(|t| t.z.abs()).fold(2.5f64, f64::max) * 1.1;
        let mut chart = ChartBuilder::on(root)
            .caption(
                format!(
                    "Keyness: {} (vermillion, z > 0) vs {} (blue, z < 0); filled = |z| ≥ 1.96",
                    names.0, names.1
                ),
                ("sans-serif", 26),
            )
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(60)
            .build_cartesian_2d(0f64..xmax, -zmax..zmax)?;
        chart
            .configure_mesh()
            .x_desc("occurrences in both groups (log10)")
            .y_desc("z-score (log-odds ratio, informative Dirichlet prior)")
            .label_style(("sans-serif", 16))
            .axis_desc_style(("sans-serif", 18))
            .draw()?;
        for z in [1.96, -1.96] {
            chart.draw_series(LineSeries::new([(0.0, z), (xmax, z)], GREY.stroke_width(1)))?;
        }
        // Side by sign; filled when |z| ≥ 1.96 (p < 0.05, two-sided), hollow otherwise.
        let color = |t: &KeyTerm| match t.z {
            z if z > 0.0 => A_COLOR,
            z if z < 0.0 => B_COLOR,
            _ => GREY,
        };
        chart.draw_series(terms.iter().map(|t| {
            let style = if t.z.abs() >= 1.96 {
                color(t).filled()
            } else {
                color(t).stroke_width(1)
            };
            Circle::new((freq(t), t.z), 3, style)
        }))?;
        // Labels: strongest first on each side, alternating, so both sides get room.
        let mut order: Vec<&KeyTerm> = Vec::new();
        let a_side: Vec<&KeyTerm> = terms.iter().filter(|t| t.z > 0.0).take(top).collect();
        let b_side: Vec<&KeyTerm> = terms.iter().rev().filter(|t| t.z < 0.0).take(top).collect();
        for i in 0..top {
            order.extend(a_side.get(i));
            order.extend(b_side.get(i));
        }
        let font_px = 16;
        let anchors: Vec<(i32, i32, i32, i32)> = order
            .iter()
            .map(|t| {
                let (x, y) = chart.backend_coord(&(freq(t), t.z));
                let w = (label(&t.term).chars().count() as i32 * font_px * 55) / 100 + 4;
                (x, y, w, font_px + 2)
            })
            .collect();
        let (xr, yr) = (
            chart.plotting_area().get_pixel_range().0,
            chart.plotting_area().get_pixel_range().1,
        );
        let bounds = LabelBox {
            x0: xr.start,
            y0: yr.start,
            x1: xr.end,
            y1: yr.end,
        };
        let boxes = place_labels(&anchors, bounds);
        let style = TextStyle::from(("sans-serif", font_px).into_font()).pos(Pos::new(HPos::Left, VPos::Top));
        for (t, b) in order.iter().zip(boxes) {
            if let Some(b) = b {
                root.draw(&Text::new(label(&t.term), (b.x0 + 2, b.y0), style.color(&color(t))))?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_never_overlap_and_stay_inside() {
        let bounds = LabelBox {
            x0: 0,
            y0: 0,
            x1: 200,
            y1: 100,
        };
        // Ten labels on the same point: the ten candidate positions all collide with one
        // another except a few; none of the placed ones may overlap.
        let anchors = vec![(100, 50, 40, 12); 10];
        let placed: Vec<LabelBox> = place_labels(&anchors, bounds).into_iter().flatten().collect();
        assert!(placed.len() >= 4 && placed.len() < 10, "{}", placed.len());
        for (i, a) in placed.iter().enumerate() {
            assert!(a.x0 >= 0 && a.x1 <= 200 && a.y0 >= 0 && a.y1 <= 100);
            for b in &placed[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} {b:?}");
            }
        }
        // A label that cannot fit inside the bounds at all is dropped.
        assert_eq!(place_labels(&[(5, 5, 500, 12)], bounds), vec![None]);
    }
}
