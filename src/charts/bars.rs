//! Per-article horizontal bar charts: framing scores, sentence shares, lexicon hits. Articles
//! are rows, most Kremlin-framed at the top, labelled with a short id and headline.

use super::draw::{self, anchored, rgb, text, Area, DrawResult, Png};
use super::{select_articles, short_labels, ChartInput, ChartOptions};
use crate::compare::ArticleRow;
use crate::error::Result;
use crate::score::Leaning;
use crate::style::palette::{self, Rgb};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::path::Path;

pub(super) type Chart<'a, 'b> = ChartContext<'a, BitMapBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

pub(super) const LABEL_W: i32 = 600;
pub(super) const ROW_PX: u32 = 30;

/// Centre of row `i` (row 0 at the top) on a y axis running 0..n.
pub(super) fn row_y(n: usize, i: usize) -> f64 {
    (n - i) as f64 - 0.5
}

pub(super) fn label_size(n: usize) -> f64 {
    if n > 25 {
        17.0
    } else {
        20.0
    }
}

/// One part of a stacked share bar in row `y`, from `x0` to `x1`: nothing for an empty share,
/// labelled with the share as a percentage where the part is wide enough (≥ 6%).
pub(super) fn share_segment(
    root: &Area,
    chart: &mut Chart,
    y: f64,
    (x0, x1): (f64, f64),
    share: f64,
    (fill, ink): (Rgb, Rgb),
    size: f64,
) -> DrawResult {
    if share <= 0.0 {
        return Ok(());
    }
    chart.draw_series(std::iter::once(Rectangle::new(
        [(x0, y - 0.36), (x1, y + 0.36)],
        rgb(fill).filled(),
    )))?;
    if share >= 0.06 {
        let (px, py) = chart.backend_coord(&((x0 + x1) / 2.0, y));
        root.draw(&Text::new(
            format!("{:.0}%", share * 100.0),
            (px, py),
            anchored(text(size, ink), HPos::Center, VPos::Center),
        ))?;
    }
    Ok(())
}

/// Axes and article labels for `rows`; returns the chart to draw bars into.
pub(super) fn article_axes<'a, 'b>(
    root: &Area<'b>,
    body: &'a Area<'b>,
    rows: &[&ArticleRow],
    x: (f64, f64),
    x_desc: &str,
    x_fmt: &dyn Fn(&f64) -> String,
) -> std::result::Result<Chart<'a, 'b>, Box<dyn std::error::Error>> {
    let n = rows.len();
    let mut chart = ChartBuilder::on(body)
        .margin_right(60)
        .margin_top(10)
        .margin_bottom(10)
        .set_label_area_size(LabelAreaPosition::Left, LABEL_W)
        .set_label_area_size(LabelAreaPosition::Bottom, 80)
        .build_cartesian_2d(x.0..x.1, 0f64..n as f64)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(9)
        .x_label_formatter(x_fmt)
        .x_desc(x_desc)
        .axis_desc_style(text(22.0, palette::INK))
        .label_style(text(20.0, palette::INK))
        .max_light_lines(1)
        .light_line_style(rgb(palette::FAINT))
        .bold_line_style(rgb(palette::FAINT).stroke_width(1))
        .axis_style(rgb(palette::INK))
        .draw()?;
    let style = anchored(text(label_size(n), palette::INK), HPos::Right, VPos::Center);
    for (i, full) in short_labels(rows, 80).iter().enumerate() {
        let (px, py) = chart.backend_coord(&(x.0, row_y(n, i)));
        let label = draw::fit_text(root, full, &style, LABEL_W - 30);
        root.draw(&Text::new(label, (px - 14, py), style.clone()))?;
    }
    Ok(chart)
}

/// When the rows are the two ends of a longer list, a grey rule between the halves.
pub(super) fn gap_rule(root: &Area, chart: &Chart, x: (f64, f64), n: usize, hidden: usize) -> DrawResult {
    if hidden == 0 {
        return Ok(());
    }
    let y = (n - n / 2) as f64;
    let (x0, py) = chart.backend_coord(&(x.0, y));
    let (x1, _) = chart.backend_coord(&(x.1, y));
    root.draw(&PathElement::new(
        vec![(x0 - LABEL_W + 20, py), (x1, py)],
        rgb(palette::NEUTRAL).stroke_width(2),
    ))?;
    Ok(())
}

/// The vertical line at 0 of a diverging bar chart with `n` rows.
/// [`article_axes`] symmetric about 0 (±`r`), with the zero line and, when `hidden` articles
/// are left out between the two halves, the rule that marks the gap.
fn centred_axes<'a, 'b>(
    root: &Area<'b>,
    body: &'a Area<'b>,
    rows: &[&ArticleRow],
    r: f64,
    x_desc: &str,
    x_fmt: &dyn Fn(&f64) -> String,
    hidden: usize,
) -> std::result::Result<Chart<'a, 'b>, Box<dyn std::error::Error>> {
    let n = rows.len();
    let mut chart = article_axes(root, body, rows, (-r, r), x_desc, x_fmt)?;
    gap_rule(root, &chart, (-r, r), n, hidden)?;
    zero_line(&mut chart, n)?;
    Ok(chart)
}

fn zero_line(chart: &mut Chart, n: usize) -> DrawResult {
    chart.draw_series(std::iter::once(PathElement::new(
        [(0.0, 0.0), (0.0, n as f64)],
        rgb(palette::INK).stroke_width(2),
    )))?;
    Ok(())
}

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
    let (rows, note) = select_articles(input.scores, opts.max_articles);
    let n = rows.len();
    // The whole scale as an interval (fewer than four counted sentences, or an outlet's
    // articles: nothing claimed) does not unzoom the axis; its whiskers are cut at the axis' ends.
    let whole = |a: &&ArticleRow| a.score_low == Some(-1.0) && a.score_high == Some(1.0);
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
            let mut chart = centred_axes(
                root,
                body,
                &rows,
                r,
                "framing_score   (← Western-sourced framing  |  Kremlin-sourced framing →)",
                &fmt,
                input.scores.len() - n,
            )?;
            let vstyle = text(label_size(n) - 1.0, palette::INK);
            for (i, a) in rows.iter().enumerate() {
                let y = row_y(n, i);
                let s = a.framing_score;
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y - 0.32), (s, y + 0.32)],
                    rgb(leaning_colour(bars.leaning(a))).filled(),
                )))?;
                let undecided = bars.leaning(a) == Leaning::Undecided;
                let label = match undecided {
                    true => format!("{} undecided", crate::style::signed(s, 3)),
                    false => crate::style::signed(s, 3),
                };
                let x = |v: f64| chart.backend_coord(&(v, y)).0;
                let (_, py) = chart.backend_coord(&(0.0, y));
                let interval = match (a.score_low, a.score_high) {
                    (Some(lo), Some(hi)) => Some((x(lo.max(-r)), x(hi.min(r)))),
                    _ => None,
                };
                let m = row_marks(
                    x(0.0),
                    x(s),
                    interval,
                    whole(a),
                    draw::text_width(root, &label, &vstyle),
                );
                let ink = rgb(palette::INK).stroke_width(2);
                // At most 9 px: with one or two rows a row is hundreds of pixels tall, and so
                // were the caps and arrowheads (review, session 33).
                let cap = (chart.backend_coord(&(0.0, y - 0.18)).1 - py).abs().min(9);
                for &(x0, x1) in &m.line {
                    root.draw(&PathElement::new(vec![(x0, py), (x1, py)], ink))?;
                }
                // An end inside the axis gets a cap; an end cut at the axis (the whole scale of
                // an article with fewer than four counted sentences, of an outlet with fewer
                // than four articles) an arrowhead pointing on: capped at a zoomed axis's
                // ±0.5 it read as the interval [−0.5, +0.5] (review, session 30).
                if let (Some((lo, hi)), Some(l), Some(h)) = (interval, a.score_low, a.score_high) {
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

/// Lay out a row whose axis puts 0 at `zero` and the value at `value`, with its interval's
/// ends `interval` (cut at the axis) and a label `label_w` wide: the label goes beyond the
/// bar's outer end, past the interval's end on that side; when the interval is the whole
/// scale (`whole`: one article, nothing to resample) the label sits beside the bar and the
/// line running through it is broken around it, so the two never overlap.
pub(super) fn row_marks(zero: i32, value: i32, interval: Option<(i32, i32)>, whole: bool, label_w: i32) -> RowMarks {
    let right = value >= zero;
    let end = match (interval, whole, right) {
        (Some((_, hi)), false, true) => hi.max(value),
        (Some((lo, _)), false, false) => lo.min(value),
        _ => value,
    };
    let label = match right {
        true => (end + LABEL_PAD, end + LABEL_PAD + label_w),
        false => (end - LABEL_PAD - label_w, end - LABEL_PAD),
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

/// What `sentence_shares.png` plots: scores.csv's shares, counted on p − c/2.
fn shares_subtitle(kt: f64, wt: f64) -> String {
    format!(
        "Share of sentences with p_kremlin − c/2 ≥ {kt:.2} (Kremlin), ≤ {wt:.2} (Western), neutral in between (c = score_offset: p measured from the no-evidence point; scores.csv's share_* columns). Sorted by framing_score."
    )
}

/// `sentence_shares.png`: stacked bars of Kremlin / neutral / Western sentence shares.
pub fn sentence_shares(input: &ChartInput, opts: &ChartOptions, path: &Path) -> Result<Png> {
    let (rows, note) = select_articles(input.scores, opts.max_articles);
    let n = rows.len();
    let mut sub = vec![shares_subtitle(input.kremlin_threshold, input.western_threshold)];
    sub.extend(note);
    let h = draw::height_for(n, ROW_PX, 300);
    draw::with_header(
        path,
        h,
        "Share of sentences by framing, per article",
        &sub,
        &[
            ("Kremlin", palette::KREMLIN),
            ("neutral", palette::NEUTRAL),
            ("Western", palette::WESTERN),
        ],
        |root, body| {
            let fmt = |v: &f64| format!("{:.0}%", v * 100.0);
            let mut chart = article_axes(root, body, &rows, (0.0, 1.0), "share of the article's sentences", &fmt)?;
            gap_rule(root, &chart, (0.0, 1.0), n, input.scores.len() - n)?;
            let size = label_size(n) - 2.0;
            for (i, a) in rows.iter().enumerate() {
                let y = row_y(n, i);
                let parts = [
                    (a.share_kremlin, palette::KREMLIN, palette::WHITE),
                    (a.share_neutral, palette::NEUTRAL, palette::INK),
                    (a.share_western, palette::WESTERN, palette::WHITE),
                ];
                let mut x0 = 0.0;
                for (share, fill, ink) in parts {
                    let x1 = (x0 + share).min(1.0);
                    share_segment(root, &mut chart, y, (x0, x1), share, (fill, ink), size)?;
                    x0 = x1;
                }
            }
            Ok(())
        },
    )
}

/// `lexicon_hits.png`: lexicon hits per article, Western to the left, Kremlin to the right.
pub fn lexicon_hits(input: &ChartInput, opts: &ChartOptions, path: &Path) -> Result<Png> {
    let (rows, note) = select_articles(input.scores, opts.max_articles);
    let n = rows.len();
    let m = rows
        .iter()
        .map(|a| a.lexicon_hits_kremlin.max(a.lexicon_hits_western))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let r = (m * 1.2).ceil().max(m + 1.0);
    let mut sub = vec![
        "Lexicon phrases found in the cleaned sentences (the run's lexicons, named in run.json). Sorted by framing_score."
            .to_string(),
    ];
    sub.extend(note);
    let h = draw::height_for(n, ROW_PX, 300);
    draw::with_header(
        path,
        h,
        "Lexicon hits per article",
        &sub,
        &[
            ("Kremlin lexicon", palette::KREMLIN),
            ("Western lexicon", palette::WESTERN),
        ],
        |root, body| {
            let fmt = |v: &f64| {
                if v.fract() == 0.0 {
                    format!("{}", v.abs())
                } else {
                    String::new()
                }
            };
            let mut chart = centred_axes(
                root,
                body,
                &rows,
                r,
                "lexicon hits   (← Western lexicon  |  Kremlin lexicon →)",
                &fmt,
                input.scores.len() - n,
            )?;
            let vstyle = text(label_size(n) - 1.0, palette::INK);
            for (i, a) in rows.iter().enumerate() {
                let y = row_y(n, i);
                for (v, c, right) in [
                    (a.lexicon_hits_kremlin as f64, palette::KREMLIN, true),
                    (-(a.lexicon_hits_western as f64), palette::WESTERN, false),
                ] {
                    if v != 0.0 {
                        chart.draw_series(std::iter::once(Rectangle::new(
                            [(0.0, y - 0.32), (v, y + 0.32)],
                            rgb(c).filled(),
                        )))?;
                    }
                    let (px, py) = chart.backend_coord(&(v, y));
                    let (dx, pos) = if right { (8, HPos::Left) } else { (-8, HPos::Right) };
                    root.draw(&Text::new(
                        format!("{}", v.abs()),
                        (px + dx, py),
                        anchored(vstyle.clone(), pos, VPos::Center),
                    ))?;
                }
            }
            Ok(())
        },
    )
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

    #[test]
    fn the_shares_subtitle_names_what_the_bars_count() {
        let s = shares_subtitle(0.6, 0.4);
        assert!(
            s.starts_with("Share of sentences with p_kremlin − c/2 ≥ 0.60 (Kremlin), ≤ 0.40 (Western)"),
            "{s}"
        );
        assert!(!s.contains("p_kremlin ≥"), "{s}");
    }

    #[test]
    fn a_value_label_never_sits_on_its_interval_line() {
        let clear = |m: &RowMarks| {
            m.line
                .iter()
                .all(|&(a, b)| b <= m.label.0 - LABEL_PAD || a >= m.label.1 + LABEL_PAD)
        };
        // outlets.png, an outlet of one article: "+0.183 undecided" (120 px) beside a bar from
        // 0 (x = 800) to x = 910, on an interval that is the whole axis (100..1500): the line
        // stops before the label and starts again after it.
        let m = row_marks(800, 910, Some((100, 1500)), true, 120);
        assert_eq!(m.label, (918, 1038));
        assert_eq!(m.line, [(100, 910), (1046, 1500)]);
        assert!(clear(&m));
        // The same on the Western side.
        let m = row_marks(800, 690, Some((100, 1500)), true, 120);
        assert_eq!(m.label, (562, 682));
        assert_eq!(m.line, [(100, 554), (690, 1500)]);
        assert!(clear(&m));
        // An ordinary interval: the label goes past its outer end and the line is whole.
        let m = row_marks(800, 910, Some((850, 990)), false, 60);
        assert_eq!((m.label, m.line.clone()), ((998, 1058), vec![(850, 990)]));
        let m = row_marks(800, 700, Some((620, 760)), false, 60);
        assert_eq!((m.label, m.line.clone()), ((552, 612), vec![(620, 760)]));
        // No interval: no line.
        assert!(row_marks(800, 900, None, false, 60).line.is_empty());
    }
}
