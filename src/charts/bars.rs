//! Per-article horizontal bar charts: sentence shares, lexicon hits, and the axes every bar
//! chart shares (the framing bars are in [`super::framing`]). Articles are rows, most
//! Kremlin-framed at the top, labelled with a short id and headline.

use super::draw::{self, anchored, rgb, text, Area, DrawResult, Png};
use super::{select_articles, short_labels, ChartInput, ChartOptions};
use crate::compare::ArticleRow;
use crate::error::Result;
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
    gutter_axes(root, body, rows, x, (x_desc, x_fmt), Gutter::default())
}

/// Room in pixels kept beyond each end of the x axis, for value labels past an interval that
/// reaches the axis' end: `left` between the row labels and the axis, `right` between the
/// axis and the image's edge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Gutter {
    pub left: i32,
    pub right: i32,
}

/// Least room between the axis' right end and the image's edge (the last tick label).
const MARGIN_RIGHT: i32 = 60;
/// Room kept between a gutter's labels and the image's right edge.
const EDGE: i32 = 20;

/// The chart layout of [`gutter_axes`], before anything is drawn.
fn builder<'a, 'b>(body: &'a Area<'b>, gutter: Gutter) -> ChartBuilder<'a, 'b, BitMapBackend<'b>> {
    let mut b = ChartBuilder::on(body);
    b.margin_right(MARGIN_RIGHT.max(gutter.right + EDGE) as u32)
        .margin_top(10)
        .margin_bottom(10)
        .set_label_area_size(LabelAreaPosition::Left, (LABEL_W + gutter.left) as u32)
        .set_label_area_size(LabelAreaPosition::Bottom, 80);
    b
}

/// The pixel columns of the x axis' two ends in a chart of `body` laid out with `gutter`
/// (nothing is drawn).
pub(super) fn axis_px(
    body: &Area,
    x: (f64, f64),
    gutter: Gutter,
) -> std::result::Result<(i32, i32), Box<dyn std::error::Error>> {
    let chart = builder(body, gutter).build_cartesian_2d(x.0..x.1, 0f64..1f64)?;
    Ok((chart.backend_coord(&(x.0, 0.0)).0, chart.backend_coord(&(x.1, 0.0)).0))
}

/// [`article_axes`] with `gutter` kept beyond the axis' ends: the row labels end left of it.
pub(super) fn gutter_axes<'a, 'b>(
    root: &Area<'b>,
    body: &'a Area<'b>,
    rows: &[&ArticleRow],
    x: (f64, f64),
    (x_desc, x_fmt): (&str, &dyn Fn(&f64) -> String),
    gutter: Gutter,
) -> std::result::Result<Chart<'a, 'b>, Box<dyn std::error::Error>> {
    let n = rows.len();
    let mut chart = builder(body, gutter).build_cartesian_2d(x.0..x.1, 0f64..n as f64)?;
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
        root.draw(&Text::new(label, (px - gutter.left - ROW_LABEL_GAP, py), style.clone()))?;
    }
    Ok(chart)
}

/// Room between a row label's right end and the axis (or its gutter).
pub(super) const ROW_LABEL_GAP: i32 = 14;

/// When the rows are the two ends of a longer list, a grey rule between the halves.
pub(super) fn gap_rule(root: &Area, chart: &Chart, x: (f64, f64), n: usize, hidden: usize) -> DrawResult {
    gutter_rule(root, chart, x, (n, hidden), Gutter::default())
}

/// [`gap_rule`] reaching across a left gutter to the row labels.
fn gutter_rule(root: &Area, chart: &Chart, x: (f64, f64), (n, hidden): (usize, usize), gutter: Gutter) -> DrawResult {
    if hidden == 0 {
        return Ok(());
    }
    let y = (n - n / 2) as f64;
    let (x0, py) = chart.backend_coord(&(x.0, y));
    let (x1, _) = chart.backend_coord(&(x.1, y));
    root.draw(&PathElement::new(
        vec![(x0 - gutter.left - LABEL_W + 20, py), (x1, py)],
        rgb(palette::NEUTRAL).stroke_width(2),
    ))?;
    Ok(())
}

/// [`article_axes`] symmetric about 0 (±`r`, with `gutter` beyond its ends), with the zero
/// line and, when `hidden` articles are left out between the two halves, the rule that marks
/// the gap.
pub(super) fn centred_axes<'a, 'b>(
    root: &Area<'b>,
    body: &'a Area<'b>,
    rows: &[&ArticleRow],
    r: f64,
    x_axis: (&str, &dyn Fn(&f64) -> String),
    hidden: usize,
    gutter: Gutter,
) -> std::result::Result<Chart<'a, 'b>, Box<dyn std::error::Error>> {
    let n = rows.len();
    let mut chart = gutter_axes(root, body, rows, (-r, r), x_axis, gutter)?;
    gutter_rule(root, &chart, (-r, r), (n, hidden), gutter)?;
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
                ("lexicon hits   (← Western lexicon  |  Kremlin lexicon →)", &fmt),
                input.scores.len() - n,
                Gutter::default(),
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

    #[test]
    fn the_shares_subtitle_names_what_the_bars_count() {
        let s = shares_subtitle(0.6, 0.4);
        assert!(
            s.starts_with("Share of sentences with p_kremlin − c/2 ≥ 0.60 (Kremlin), ≤ 0.40 (Western)"),
            "{s}"
        );
        assert!(!s.contains("p_kremlin ≥"), "{s}");
    }
}
