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

/// At most this many points are numbered (the most extreme by |x| + |y|, where a number has
/// room beside the ring); the rest are drawn.
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
            "numbers on the {MAX_LABELS} most extreme of {} articles (where a number has room beside its ring)",
            pts.len()
        ));
    }
    // The most extreme points are offered numbers, extreme by the values as the tables hold
    // them (6 decimals), so that `chart` redrawing from scores.csv numbers the same articles
    // as `run` (see `select_articles`). Those that find a free place are numbered in id order.
    let mut order: Vec<usize> = (0..pts.len()).collect();
    let w = crate::report::as_written;
    let mag: Vec<f64> = (pts.iter()).map(|p| w(p.x).abs() + p.y.map_or(0.0, w).abs()).collect();
    order.sort_by(|&a, &b| mag[b].total_cmp(&mag[a]).then(a.cmp(&b)));
    let offered: Vec<usize> = order.into_iter().take(MAX_LABELS).collect();
    // The key's rows (and two for its note on unnumbered points) under a header of the
    // subtitle's lines (each takes a line of the body).
    let key_rows = offered.len() + 2;
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
            let area = chart.plotting_area().get_pixel_range();
            let area: Boxed = (area.0.start, area.1.start, area.0.end, area.1.end);
            let ring = |p: &Point| {
                let (px, py) = chart.backend_coord(&at(p));
                (px - radius - 2, py - radius - 2, px + radius + 2, py + radius + 2)
            };
            let rings: Vec<Boxed> = pts.iter().map(ring).collect();
            let mut taken: Vec<Boxed> = Vec::new();
            let strip_px = strip.then(|| (chart.backend_coord(&(xr.0, y0)).1, area.3));
            if let Some((top, bottom)) = strip_px {
                let sstyle = text(17.0, palette::INK);
                let label = format!("no {}", ys.name);
                let size = (draw::text_width(root, &label, &sstyle), 20);
                let b = strip_label((area.0 + 8, area.2 - 8), (top, bottom), size, &rings);
                root.draw(&Text::new(
                    label,
                    (b.0, b.1 + size.1 / 2),
                    anchored(sstyle, HPos::Left, VPos::Center),
                ))?;
                taken.push(b);
            }
            // Numbers: each offered point, most extreme first, tries eight places at two
            // distances around its ring, first one that hits no ring, then one that may; a
            // point with no place clear of every other number (and of the strip, for a point
            // above it) is left unnumbered, and the key says how many were.
            let style = text(18.0, palette::INK);
            let size = (draw::text_width(root, "00", &style), 20);
            let spots: Vec<Option<Boxed>> = offered
                .iter()
                .map(|&i| {
                    let (px, py) = chart.backend_coord(&at(&pts[i]));
                    let region = match (strip_px, pts[i].y.is_some()) {
                        (Some((top, _)), true) => (area.0, area.1, area.2, top),
                        (Some((top, bottom)), false) => (area.0, top, area.2, bottom),
                        (None, _) => area,
                    };
                    let spot = free_spot((px, py), radius, size, region, &rings, &taken);
                    taken.extend(spot);
                    spot
                })
                .collect();
            let mut numbered: Vec<(usize, Boxed)> = (offered.iter().zip(spots))
                .filter_map(|(&i, s)| s.map(|b| (i, b)))
                .collect();
            numbered.sort_unstable_by_key(|&(i, _)| i);
            for (k, &(_, spot)) in numbered.iter().enumerate() {
                root.draw(&Text::new(
                    (k + 1).to_string(),
                    (spot.0, spot.1 + size.1 / 2),
                    anchored(style.clone(), HPos::Left, VPos::Center),
                ))?;
            }
            // The key: number, shortened id; then how many offered points have no number.
            let ids: Vec<&str> = numbered.iter().map(|&(i, _)| pts[i].id).collect();
            let short = distinct_ids(&ids, 22);
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
            let unnumbered = offered.len() - numbered.len();
            if unnumbered > 0 {
                let note = [format!(
                    "{unnumbered} more of the {} most extreme: no free place for a number",
                    offered.len()
                )];
                let lines = draw::wrap_lines(&note, KEY_W as i32 - 30, |s| draw::text_width(root, s, &kstyle));
                for (j, line) in lines.into_iter().enumerate() {
                    key.draw(&Text::new(
                        line,
                        (10, 70 + 26 * (short.len() + j) as i32 + 8),
                        anchored(text(18.0, palette::Rgb(0x55, 0x55, 0x55)), HPos::Left, VPos::Center),
                    ))?;
                }
            }
            Ok(())
        },
    )
}

/// A free place for a `size` label beside a ring at `centre` of `radius`, inside `region`:
/// eight places around the ring at two distances, the first clear of every ring in `rings`
/// (its own among them) and of every box in `taken`, else the first clear of `taken` alone
/// (over another ring, not over a number); `None` when no place is clear of `taken`. In
/// out1's dense corner numbers were printed over each other, and numbers of points above the
/// "no quoted framing" strip in it and over its label, when no place was free (review G, L1).
fn free_spot(
    (px, py): (i32, i32),
    radius: i32,
    (tw, th): (i32, i32),
    region: Boxed,
    rings: &[Boxed],
    taken: &[Boxed],
) -> Option<Boxed> {
    let mut corners = Vec::new();
    for d in [radius + 4, radius + 22] {
        corners.extend([
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
    let inside = |b: &Boxed| b.0 >= region.0 && b.2 <= region.2 && b.1 >= region.1 && b.3 <= region.3;
    let boxes: Vec<Boxed> = (corners.into_iter())
        .map(|(x, y)| (x, y, x + tw, y + th))
        .filter(inside)
        .filter(|b| !taken.iter().any(|o| overlaps(b, o)))
        .collect();
    let clear = boxes.iter().find(|b| !rings.iter().any(|o| overlaps(b, o)));
    clear.or(boxes.first()).copied()
}

/// Where the strip's label ("no quoted framing", `size`) goes: at the strip's left (`x.0`),
/// above its row of rings when the strip (`y`: top and bottom) has room there, else along
/// that row at the first place clear of `rings`; it was drawn at
/// the strip's centre, under the rings of articles with a low x (review G, L1).
fn strip_label(x: (i32, i32), y: (i32, i32), (w, h): (i32, i32), rings: &[Boxed]) -> Boxed {
    let above = (x.0, y.0 + 3, x.0 + w, y.0 + 3 + h);
    if !rings.iter().any(|r| overlaps(&above, r)) {
        return above;
    }
    let mid = (y.0 + y.1) / 2 - h / 2;
    (x.0..=(x.1 - w).max(x.0))
        .step_by(4)
        .map(|l| (l, mid, l + w, mid + h))
        .find(|b| !rings.iter().any(|r| overlaps(b, r)))
        .unwrap_or(above)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Review G, L1: in out1's dense corner numbers were printed over each other.
    #[test]
    fn numbers_never_overlap_and_stay_out_of_the_strip() {
        // Twenty rings on top of each other near the strip's top (y = 700); the strip runs
        // 700..780, its label at 108..230 × 703..723.
        let area = (100, 100, 1100, 780);
        let above = (area.0, area.1, area.2, 700);
        let rings: Vec<Boxed> = (0..20).map(|i| (500 + i, 680, 522 + i, 702)).collect();
        let mut taken = vec![strip_label((108, 1092), (700, 780), (122, 20), &[])];
        assert_eq!(taken[0], (108, 703, 230, 723));
        let mut placed = 0;
        for i in 0..20 {
            if let Some(b) = free_spot((511 + i, 691), 9, (22, 20), above, &rings, &taken) {
                assert!(b.3 <= 700, "{b:?} in the strip");
                assert!(!taken.iter().any(|o| overlaps(&b, o)), "{b:?} on another number");
                taken.push(b);
                placed += 1;
            }
        }
        assert!(placed > 0 && placed < 20, "{placed}");
        // A free place clear of every ring is preferred.
        let b = free_spot((300, 300), 9, (22, 20), area, &[(289, 289, 311, 311)], &[]).unwrap();
        assert_eq!(b, (313, 290, 335, 310));
    }

    /// Review G, L1: the strip's label was drawn under the rings of low-x articles.
    #[test]
    fn the_strip_label_goes_where_no_ring_is() {
        // A strip too low for the label above its row: along the row, past the rings.
        let rings: Vec<Boxed> = (0..5).map(|i| (108 + 20 * i, 709, 130 + 20 * i, 731)).collect();
        let b = strip_label((108, 1092), (700, 740), (122, 20), &rings);
        assert!(!rings.iter().any(|r| overlaps(&b, r)), "{b:?}");
        assert!(b.1 >= 700 && b.3 <= 740);
        // A tall strip: above its row of rings (at its centre, 740), at the left.
        let rings: Vec<Boxed> = (0..5).map(|i| (108 + 20 * i, 729, 130 + 20 * i, 751)).collect();
        assert_eq!(
            strip_label((108, 1092), (700, 780), (122, 20), &rings),
            (108, 703, 230, 723)
        );
    }

    #[test]
    fn ranges_cover_the_data_and_zero() {
        let (lo, hi) = fit([-0.1, -0.05].into_iter());
        assert!(lo < -0.1 && hi >= 0.0 && hi - lo >= 0.2);
        assert_eq!(fit([-3.0, 3.0].into_iter()), (-1.0, 1.0));
        assert!(overlaps(&(0, 0, 10, 10), &(5, 5, 15, 15)));
        assert!(!overlaps(&(0, 0, 10, 10), &(10, 0, 20, 10)));
    }
}
