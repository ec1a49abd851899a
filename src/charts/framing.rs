//! Diverging framing bars: `framing_scores.png` (articles) and, drawn the same way,
//! `outlets.png` (outlets). A row is a bar from 0 to the score, its 95% interval (a cap at an
//! end inside the axis, an arrowhead at an end cut at the axis) and the value, placed by
//! [`row_marks`] where no row label, interval line or cap is; a [`Gutter`] beyond the axis'
//! ends makes room for the values that must go past it.

use super::bars::{axis_px, centred_axes, label_size, row_y, Gutter, ROW_PX};
use super::draw::{self, anchored, rgb, text, Png};
use super::{select_articles, select_rows, ChartInput, ChartOptions};
use crate::compare::ArticleRow;
use crate::error::Result;
use crate::score::Leaning;
use crate::style::palette::{self, Rgb};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::path::Path;

/// `outlets.png` draws every outlet up to this many (or `--max-articles`, when larger): a
/// study of 25–60 outlets is drawn whole, and 100 rows of 30 px (a 3,300 px tall image) still
/// read one by one; past that a per-outlet chart is a table, and outlets.csv holds every row.
pub(super) const MAX_OUTLETS: usize = 100;

/// What a bar of [`framing_bars`] stands for, which decides when it claims a side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Bars {
    /// Articles: a side when the interval excludes 0 and a sentence is past that side's
    /// threshold ([`crate::score::ArticleScore::side_or_why`]).
    Articles,
    /// Outlets: a side when the interval over the outlet's articles excludes 0. An outlet has
    /// no sentence shares; read as an article's, every outlet was grey (review, session 33).
    Outlets,
}

impl Bars {
    fn leaning(self, a: &ArticleRow) -> Leaning {
        match self {
            Bars::Articles => a.leaning(),
            Bars::Outlets => match (a.score_low, a.score_high) {
                (Some(lo), _) if lo > 0.0 => Leaning::Kremlin,
                (_, Some(hi)) if hi < 0.0 => Leaning::Western,
                _ => Leaning::Undecided,
            },
        }
    }

    /// The legend's grey.
    fn undecided(self) -> &'static str {
        match self {
            Bars::Articles => "undecided: interval contains 0, or no sentence past a side's threshold",
            Bars::Outlets => "undecided: interval contains 0",
        }
    }

    /// The rows drawn, most Kremlin-framed first, and the subtitle's note when some are left
    /// out: articles past `max` (the two ends); outlets past `max` or [`MAX_OUTLETS`], named
    /// outlets, with the cap and how to draw them all. Outlets were cut at the articles' 40
    /// and called "articles": the 7 nearest 0 of 47 were dropped (review G, M2).
    pub(super) fn select(self, scores: &[ArticleRow], max: usize) -> (Vec<&ArticleRow>, Option<String>) {
        match self {
            Bars::Articles => select_articles(scores, max),
            Bars::Outlets => {
                let cap = max.max(MAX_OUTLETS);
                let (rows, note) = select_rows(scores, cap, "outlets");
                let note = note.map(|n| {
                    format!(
                        "{n}: at most {cap} outlets are drawn (framescope chart --max-articles {} draws them all; outlets.csv lists every one)",
                        scores.len()
                    )
                });
                (rows, note)
            }
        }
    }
}

/// The bar colour: a side only when the bar leans to one.
fn leaning_colour(l: Leaning) -> Rgb {
    match l {
        Leaning::Kremlin => palette::KREMLIN,
        Leaning::Western => palette::WESTERN,
        Leaning::Undecided => palette::NEUTRAL,
    }
}

/// Symmetric axis half-width covering `m` with room for value labels, in steps of 0.25.
fn half_range(m: f64) -> f64 {
    ((m * 1.4 / 0.25).ceil() * 0.25).clamp(0.25, 1.0)
}

/// `framing_scores.png`: diverging bars, −1 Western … +1 Kremlin, with bootstrap intervals.
pub fn framing_scores(input: &ChartInput, opts: &ChartOptions, path: &Path) -> Result<Png> {
    framing_bars(input, opts, path, "Framing score per article", None, Bars::Articles)
}

/// The whole scale as an interval: fewer than four counted sentences, or an outlet of fewer
/// than four articles; nothing claimed.
fn whole(a: &ArticleRow) -> bool {
    a.score_low == Some(-1.0) && a.score_high == Some(1.0)
}

/// Diverging framing bars for any rows shaped as article scores (articles, or outlets with
/// their mean score and interval); `lead` replaces the first subtitle line when given.
pub(super) fn framing_bars(
    input: &ChartInput,
    opts: &ChartOptions,
    path: &Path,
    title: &str,
    lead: Option<&str>,
    bars: Bars,
) -> Result<Png> {
    let (rows, note) = bars.select(input.scores, opts.max_articles);
    let n = rows.len();
    // A whole-scale interval does not unzoom the axis; its whiskers are cut at the axis' ends.
    let m = rows
        .iter()
        .flat_map(|a| match whole(a) {
            true => [Some(a.framing_score), None, None],
            false => [Some(a.framing_score), a.score_low, a.score_high],
        })
        .flatten()
        .fold(0.0f64, |m, v| m.max(v.abs()));
    let r = half_range(m);
    let mut sub = vec![format!(
        "{}{}",
        lead.unwrap_or("mean sentence evidence (own words, quotes at half weight) − offset c; −1 Western-, +1 Kremlin-sourced; grey = undecided (95% interval contains 0, or no sentence past a side's threshold)"),
        match (r < 1.0, rows.iter().any(|a| a.score_low.is_some_and(|l| l < -r) || a.score_high.is_some_and(|h| h > r))) {
            (true, true) => format!("; axis zoomed to ±{r:.2} (an arrowhead: the interval runs on past the axis)"),
            (true, false) => format!("; axis zoomed to ±{r:.2}"),
            _ => String::new(),
        }
    )];
    sub.extend(note);
    let h = draw::height_for(n, ROW_PX, 300);
    draw::with_header(
        path,
        h,
        title,
        &sub,
        &[
            ("Kremlin-leaning", palette::KREMLIN),
            ("Western-leaning", palette::WESTERN),
            (bars.undecided(), palette::NEUTRAL),
            ("95% interval", palette::INK),
        ],
        |root, body| {
            let fmt = |v: &f64| crate::style::signed(*v, 2);
            let vstyle = text(label_size(n) - 1.0, palette::INK);
            let labels: Vec<String> = rows
                .iter()
                .map(|a| match bars.leaning(a) {
                    Leaning::Undecided => format!("{} undecided", crate::style::signed(a.framing_score, 3)),
                    _ => crate::style::signed(a.framing_score, 3),
                })
                .collect();
            let specs: Vec<RowSpec> = rows
                .iter()
                .zip(&labels)
                .map(|(a, l)| RowSpec {
                    value: a.framing_score,
                    interval: a.score_low.zip(a.score_high),
                    whole: whole(a),
                    label_w: draw::text_width(root, l, &vstyle),
                })
                .collect();
            let gutter = settle_gutter(&specs, r, &|g| axis_px(body, (-r, r), g))?;
            let mut chart = centred_axes(
                root,
                body,
                &rows,
                r,
                (
                    "framing_score   (← Western-sourced framing  |  Kremlin-sourced framing →)",
                    &fmt,
                ),
                input.scores.len() - n,
                gutter,
            )?;
            let axis = (chart.backend_coord(&(-r, 0.0)).0, chart.backend_coord(&(r, 0.0)).0);
            for (i, ((a, label), spec)) in rows.iter().zip(labels).zip(&specs).enumerate() {
                let y = row_y(n, i);
                let s = a.framing_score;
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y - 0.32), (s, y + 0.32)],
                    rgb(leaning_colour(bars.leaning(a))).filled(),
                )))?;
                let x = |v: f64| chart.backend_coord(&(v, y)).0;
                let (_, py) = chart.backend_coord(&(0.0, y));
                let interval = spec.interval.map(|(lo, hi)| (x(lo.max(-r)), x(hi.min(r))));
                let m = row_marks(x(0.0), x(s), interval, spec.whole, spec.label_w, axis);
                let ink = rgb(palette::INK).stroke_width(2);
                // At most CAP px: with one or two rows a row is hundreds of pixels tall, and so
                // were the caps and arrowheads (review, session 33).
                let cap = (chart.backend_coord(&(0.0, y - 0.18)).1 - py).abs().min(CAP);
                for &(x0, x1) in &m.line {
                    root.draw(&PathElement::new(vec![(x0, py), (x1, py)], ink))?;
                }
                // An end inside the axis gets a cap; an end cut at the axis (the whole scale of
                // an article with fewer than four counted sentences, of an outlet with fewer
                // than four articles) an arrowhead pointing on: capped at a zoomed axis's
                // ±0.5 it read as the interval [−0.5, +0.5] (review, session 30).
                if let (Some((lo, hi)), Some((l, h))) = (interval, spec.interval) {
                    for (px, cut, out) in [(lo, l < -r, -1), (hi, h > r, 1)] {
                        let cap_line = vec![(px, py - cap), (px, py + cap)];
                        let arrow = vec![(px - out * cap, py - cap), (px, py), (px - out * cap, py + cap)];
                        root.draw(&PathElement::new(if cut { arrow } else { cap_line }, ink))?;
                    }
                }
                root.draw(&Text::new(
                    label,
                    (m.label.0, py),
                    anchored(vstyle.clone(), HPos::Left, VPos::Center),
                ))?;
            }
            Ok(())
        },
    )
}

/// Where a diverging bar's value label and its interval line go along its row, in pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RowMarks {
    /// The label's left and right edges.
    pub label: (i32, i32),
    /// The interval line's segments: the interval less the label and [`LABEL_PAD`] either side.
    pub line: Vec<(i32, i32)>,
}

/// Room kept between a value label and anything beside it on its row.
const LABEL_PAD: i32 = 8;
/// Half the height of a cap, and the length of an arrowhead along the row, at most.
const CAP: i32 = 9;

/// Lay out a row whose axis puts 0 at `zero`, the value at `value` and its ends at `axis`,
/// with its interval's ends `interval` (cut at the axis) and a label `label_w` wide.
///
/// The label goes beyond the bar's outer end, past the interval's end on that side (which may
/// be past the axis' end, in the [`Gutter`] [`settle_gutter`] keeps there). When the interval
/// is the whole scale (`whole`: nothing claimed) the label sits beside the bar and the line
/// running through it is broken around it, so the two never overlap; when there is no room
/// for it there, before the arrowhead at the axis' end, it goes past the arrowhead too.
pub(super) fn row_marks(
    zero: i32,
    value: i32,
    interval: Option<(i32, i32)>,
    whole: bool,
    label_w: i32,
    axis: (i32, i32),
) -> RowMarks {
    let right = value >= zero;
    let beyond = |end: i32| match right {
        true => (end + LABEL_PAD, end + LABEL_PAD + label_w),
        false => (end - LABEL_PAD - label_w, end - LABEL_PAD),
    };
    let outer = |(lo, hi): (i32, i32)| if right { hi.max(value) } else { lo.min(value) };
    let label = match (interval, whole) {
        (Some(iv), false) => beyond(outer(iv)),
        (Some(iv), true) => {
            let b = beyond(value);
            let room = b.0 - LABEL_PAD >= axis.0 + CAP && b.1 + LABEL_PAD <= axis.1 - CAP;
            if room {
                b
            } else {
                beyond(outer(iv))
            }
        }
        (None, _) => beyond(value),
    };
    let (g0, g1) = (label.0 - LABEL_PAD, label.1 + LABEL_PAD);
    let line = interval.map_or(vec![], |(lo, hi)| {
        [(lo, hi.min(g0)), (lo.max(g1), hi)]
            .into_iter()
            .filter(|(a, b)| a < b)
            .collect()
    });
    RowMarks { label, line }
}

/// One row of framing bars in data units, with its value label's width in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct RowSpec {
    pub value: f64,
    pub interval: Option<(f64, f64)>,
    pub whole: bool,
    pub label_w: i32,
}

/// Pixels kept between a label in the gutter and the gutter's outer edge (rounding).
const SLACK: i32 = 4;

/// The gutter beyond each end of a ±`r` axis that holds every row's value label laid out by
/// [`row_marks`]: `axis` gives the axis' ends in pixels for a gutter (the chart's layout, which
/// narrows as the gutter grows), and the gutter grows until no label passes the axis' end by
/// more than it. Without it, a value past an interval reaching −1 was drawn over the row
/// labels and one past +1 cut off at the image's edge (review G, M1).
pub(super) fn settle_gutter<E>(
    rows: &[RowSpec],
    r: f64,
    axis: &dyn Fn(Gutter) -> std::result::Result<(i32, i32), E>,
) -> std::result::Result<Gutter, E> {
    let mut g = Gutter::default();
    // Each round narrows the axis, which can push another label out; a few rounds settle it,
    // and past them the widest label fits whatever its row.
    for _ in 0..8 {
        let (left, right) = axis(g)?;
        let px = |v: f64| left + ((v.clamp(-r, r) + r) / (2.0 * r) * (right - left) as f64).round() as i32;
        let mut need = Gutter::default();
        for row in rows {
            let interval = row.interval.map(|(lo, hi)| (px(lo), px(hi)));
            let m = row_marks(px(0.0), px(row.value), interval, row.whole, row.label_w, (left, right));
            if m.label.0 < left {
                need.left = need.left.max(left - m.label.0 + SLACK);
            }
            if m.label.1 > right {
                need.right = need.right.max(m.label.1 - right + SLACK);
            }
        }
        if need.left <= g.left && need.right <= g.right {
            return Ok(g);
        }
        g = Gutter {
            left: g.left.max(need.left),
            right: g.right.max(need.right),
        };
    }
    let widest = rows.iter().map(|r| r.label_w).max().unwrap_or(0) + LABEL_PAD + SLACK;
    Ok(Gutter {
        left: g.left.max(widest),
        right: g.right.max(widest),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Review finding (session 33): outlets were read by the article rule, which needs a
    /// sentence past a side's threshold; an outlet has no sentence shares, so every outlet
    /// was grey, tass's interval [+0.033, +0.221] among them.
    #[test]
    fn an_outlet_claims_a_side_when_its_interval_excludes_zero() {
        let bar = |lo: f64, hi: f64| {
            ArticleRow::from(crate::score::ArticleScore {
                framing_score: (lo + hi) / 2.0,
                score_low: Some(lo),
                score_high: Some(hi),
                ..Default::default()
            })
        };
        assert_eq!(Bars::Outlets.leaning(&bar(0.033, 0.221)), Leaning::Kremlin);
        assert_eq!(Bars::Outlets.leaning(&bar(-0.128, -0.042)), Leaning::Western);
        assert_eq!(Bars::Outlets.leaning(&bar(-0.01, 0.2)), Leaning::Undecided);
        assert_eq!(
            Bars::Outlets.leaning(&bar(-1.0, 1.0)),
            Leaning::Undecided,
            "n < 4: the whole scale"
        );
        // The same bar as an article with no sentence past a threshold: undecided.
        assert_eq!(Bars::Articles.leaning(&bar(0.033, 0.221)), Leaning::Undecided);
    }

    /// Nothing else on the row inside the label or near it: no interval segment within
    /// [`LABEL_PAD`], no cap or arrowhead (a 2 px stroke at its end, reaching [`CAP`] inward
    /// for an arrow) within 4 px.
    fn clear(m: &RowMarks, interval: Option<(i32, i32)>) -> bool {
        let apart = |(a, b): (i32, i32), pad: i32| b <= m.label.0 - pad || a >= m.label.1 + pad;
        m.line.iter().all(|&s| apart(s, LABEL_PAD))
            && interval.is_none_or(|(lo, hi)| apart((lo - 1, lo + CAP), 4) && apart((hi - CAP, hi + 1), 4))
    }

    #[test]
    fn a_value_label_never_sits_on_its_interval_line() {
        let axis = (100, 1500);
        // outlets.png, an outlet of one article: "+0.183 undecided" (120 px) beside a bar from
        // 0 (x = 800) to x = 910, on an interval that is the whole axis (100..1500): the line
        // stops before the label and starts again after it.
        let m = row_marks(800, 910, Some(axis), true, 120, axis);
        assert_eq!(m.label, (918, 1038));
        assert_eq!(m.line, [(100, 910), (1046, 1500)]);
        assert!(clear(&m, Some(axis)));
        // The same on the Western side.
        let m = row_marks(800, 690, Some(axis), true, 120, axis);
        assert_eq!(m.label, (562, 682));
        assert_eq!(m.line, [(100, 554), (690, 1500)]);
        assert!(clear(&m, Some(axis)));
        // An ordinary interval: the label goes past its outer end and the line is whole.
        let m = row_marks(800, 910, Some((850, 990)), false, 60, axis);
        assert_eq!((m.label, m.line.clone()), ((998, 1058), vec![(850, 990)]));
        let m = row_marks(800, 700, Some((620, 760)), false, 60, axis);
        assert_eq!((m.label, m.line.clone()), ((552, 612), vec![(620, 760)]));
        // No interval: no line.
        assert!(row_marks(800, 900, None, false, 60, axis).line.is_empty());
    }

    /// Review G, M1 (out1/charts/framing_scores.png): "+0.975 undecided" beside its bar ran past
    /// the image's edge with the +1.00 arrowhead over its "+"; with no room beside the bar
    /// before the arrowhead, it goes past the arrowhead.
    #[test]
    fn a_whole_scale_label_with_no_room_beside_its_bar_goes_past_the_arrowhead() {
        let axis = (700, 1540);
        // +0.975 on ±1: x = 700 + 1.975/2 × 840 = 1530; 0 at 1120.
        let m = row_marks(1120, 1530, Some(axis), true, 140, axis);
        assert_eq!(m.label, (1548, 1688));
        assert_eq!(m.line, [(700, 1540)]);
        assert!(clear(&m, Some(axis)));
        // "+0.841 undecided" at x = 1473: beside the bar it would end at 1621, past the axis.
        let m = row_marks(1120, 1473, Some(axis), true, 140, axis);
        assert_eq!(m.label.0, 1548);
        // −0.930 undecided: past the −1 arrowhead, left of the axis.
        let m = row_marks(1120, 729, Some(axis), true, 140, axis);
        assert_eq!(m.label, (552, 692));
        assert!(clear(&m, Some(axis)));
    }

    /// Review G, M1: the rows of out1's framing_scores.png whose labels were drawn over the
    /// article titles ("a0393 Russian invasion ente-0.930 undecided38") or cut off at the
    /// right edge ("+0.975 un"), and ordinary rows, laid out on an axis that narrows as the
    /// gutter grows as plotters' does (row labels end 14 px left of the left gutter; the image
    /// is 1600 px wide with at least 20 px beyond the right gutter): every label lies inside
    /// the image, right of the row labels, clear of its interval line and caps.
    #[test]
    fn value_labels_stay_off_the_row_labels_and_inside_the_image() {
        const W: i32 = 1600;
        let axis = |g: Gutter| -> std::result::Result<(i32, i32), ()> { Ok((600 + g.left, W - 60.max(g.right + 20))) };
        let row = |value: f64, lo: f64, hi: f64, label_w: i32| RowSpec {
            value,
            interval: Some((lo, hi)),
            whole: lo == -1.0 && hi == 1.0,
            label_w,
        };
        let rows = [
            row(0.975, -1.0, 1.0, 140),    // a0057 "+0.975 undecided"
            row(0.868, 0.76, 0.96, 52),    // a0252
            row(0.841, -1.0, 1.0, 140),    // a0177 "+0.841 undecided"
            row(0.844, 0.58, 0.99, 52),    // a0726: cap at +0.99
            row(-0.688, -0.96, -0.40, 52), // a0435 "Talks resume in Vien-0.688na"
            row(-0.693, -0.99, -0.12, 52), // a0819
            row(-0.761, -0.95, -0.55, 52), // a0641
            row(-0.882, -1.0, 1.0, 140),   // a0689 "-0.882 undecided"
            row(-0.930, -1.0, 1.0, 140),   // a0393 "-0.930 undecided"
            row(-0.05, -0.3, 0.2, 140),    // an undecided bar near 0
        ];
        let g = settle_gutter(&rows, 1.0, &axis).unwrap();
        assert!(g.left > 0 && g.right > 0, "{g:?}");
        let (left, right) = axis(g).unwrap();
        let row_labels_end = left - g.left - 14;
        let px = |v: f64| left + ((v + 1.0) / 2.0 * (right - left) as f64).round() as i32;
        for (i, row) in rows.iter().enumerate() {
            let interval = row.interval.map(|(lo, hi)| (px(lo), px(hi)));
            let m = row_marks(px(0.0), px(row.value), interval, row.whole, row.label_w, (left, right));
            assert!(m.label.0 > row_labels_end, "row {i} on the row labels: {m:?} {g:?}");
            assert!(m.label.1 <= W - 20, "row {i} past the image's edge: {m:?} {g:?}");
            assert!(clear(&m, interval), "row {i} on its interval: {m:?} {interval:?}");
        }
        // Labels that fit inside the axis need no gutter.
        let g = settle_gutter(&[row(0.3, 0.2, 0.4, 52), row(-0.3, -0.4, -0.2, 52)], 1.0, &axis).unwrap();
        assert_eq!(g, Gutter::default());
    }

    fn outlet(id: &str, f: f64) -> ArticleRow {
        ArticleRow::from(crate::score::ArticleScore {
            id: id.into(),
            framing_score: f,
            score_low: Some(f - 0.1),
            score_high: Some(f + 0.1),
            ..Default::default()
        })
    }

    /// Review G, M2: 47 outlets were cut to 40 (the 7 nearest 0 dropped) under "of 47 articles".
    #[test]
    fn every_outlet_is_drawn_up_to_the_cap_and_the_cap_names_outlets() {
        let rows: Vec<ArticleRow> = (0..47)
            .map(|i| outlet(&format!("o{i:02}"), -0.9 + 1.8 * i as f64 / 46.0))
            .collect();
        let (shown, note) = Bars::Outlets.select(&rows, 40);
        assert_eq!(shown.len(), 47);
        assert!(note.is_none());
        // Articles keep their 40.
        assert_eq!(Bars::Articles.select(&rows, 40).0.len(), 40);
        // Past the cap: the two ends, called outlets, with the cap and how to see them all.
        let rows: Vec<ArticleRow> = (0..130)
            .map(|i| outlet(&format!("o{i:03}"), -0.9 + 1.8 * i as f64 / 129.0))
            .collect();
        let (shown, note) = Bars::Outlets.select(&rows, 40);
        assert_eq!(shown.len(), MAX_OUTLETS);
        assert_eq!(
            note.as_deref(),
            Some("showing the 50 most Kremlin- and 50 most Western-framed of 130 outlets: at most 100 outlets are drawn (framescope chart --max-articles 130 draws them all; outlets.csv lists every one)")
        );
        // --max-articles past the cap raises it.
        assert_eq!(Bars::Outlets.select(&rows, 130).0.len(), 130);
    }
}
