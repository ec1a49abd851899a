//! `before_after.png`: every article's framing score before and after a retraining, as a
//! dumbbell (hollow dot before, filled dot after, a line between coloured by the direction it
//! moved), one row per article, the ones that moved labelled with their change.

use super::bars::{article_axes, label_size, row_y, ROW_PX};
use super::draw::{self, anchored, rgb, text, Png};
use crate::compare::changes::MOVED_EPS;
use crate::compare::diff::ArticleChange;
use crate::compare::ArticleRow;
use crate::error::Result;
use crate::score::ArticleScore;
use crate::style::palette;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::path::Path;

/// An article counts as moved (coloured and labelled) when its score changed by at least this.
pub const MOVED: f64 = 0.01;

/// Draw the chart from `diff`'s article changes; at most `max_rows` rows (the ones that moved
/// most), as PNG (`path`, where it will go, is named in errors). `None` (nothing drawn) when
/// no article is in both runs.
/// (articles that moved by at least [`MOVED`], articles in both runs): over all of them,
/// before the rows are cut to the chart's; counted after, the subtitle said "40 of 54
/// moved" when 43 had (review, session 33).
fn moved_of(both: &[&ArticleChange]) -> (usize, usize) {
    let moved = both.iter().filter(|c| c.change().unwrap_or(0.0).abs() >= MOVED).count();
    (moved, both.len())
}

/// The subtitle line naming the articles of one run only (added to or removed from the
/// comparison), which have no dumbbell: the chart said "3 of 4 articles moved" and showed
/// nothing of the two seeds a retrain had added (review, session 34).
fn one_run_line(changes: &[ArticleChange]) -> Option<String> {
    let added = changes.iter().filter(|c| c.old.is_none() && c.new.is_some()).count();
    let removed = changes.iter().filter(|c| c.old.is_some() && c.new.is_none()).count();
    let part =
        |n: usize, what: &str| (n > 0).then(|| format!("{n} {} {what}", if n == 1 { "article" } else { "articles" }));
    let parts: Vec<String> = [
        part(added, "in the new run only (added)"),
        part(removed, "in the old run only (removed)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| format!("not drawn: {}; diff.csv lists them", parts.join(", ")))
}

/// The rows drawn, of `both` (sorted by |change|): the articles that changed side first,
/// then the most moved, at most `max`; and how many changed side.
fn rows(both: Vec<&ArticleChange>, max: usize) -> (Vec<&ArticleChange>, usize) {
    let (mut kept, rest): (Vec<&ArticleChange>, Vec<&ArticleChange>) =
        both.into_iter().partition(|c| c.side_change().is_some());
    let switched = kept.len();
    kept.extend(rest);
    kept.truncate(max);
    (kept, switched)
}

pub fn before_after(changes: &[ArticleChange], max_rows: usize, path: &Path) -> Result<Option<Png>> {
    let both: Vec<&ArticleChange> = changes.iter().filter(|c| c.change().is_some()).collect();
    if both.is_empty() {
        return Ok(None);
    }
    let (moved, total) = moved_of(&both);
    // `changes` come sorted by |change|: keep the articles that changed side (however little
    // they moved: a retrain that made an article undecided left it off the chart, review,
    // session 43), then the most moved; then order rows by the new score.
    let (mut both, switched) = rows(both, max_rows.max(2));
    both.sort_by(|a, b| {
        b.new
            .unwrap_or(0.0)
            .total_cmp(&a.new.unwrap_or(0.0))
            .then_with(|| a.id.cmp(&b.id))
    });
    let n = both.len();
    let m = both
        .iter()
        .flat_map(|c| [c.old, c.new])
        .flatten()
        .fold(0.0f64, |m, v| m.max(v.abs()));
    let r = ((m * 1.3 / 0.25).ceil() * 0.25).clamp(0.25, 1.0);
    let mut sub = vec![format!(
        "hollow dot = before, filled dot = after; {moved} of {total} articles moved by ≥ {MOVED} (labelled with the change){}",
        if r < 1.0 { format!("; axis zoomed to ±{r:.2}") } else { String::new() }
    )];
    if total > n {
        sub.push(format!(
            "showing the {n} articles that {}moved most of {total}",
            if switched > 0 { "changed side or " } else { "" }
        ));
    }
    if switched > 0 {
        sub.push(format!(
            "{switched} article(s) changed side, labelled old → new side (a side needs its 95% interval to exclude 0); the line's colour is the direction it moved, not a side"
        ));
    }
    sub.extend(one_run_line(changes));
    let labels: Vec<ArticleRow> = both
        .iter()
        .map(|c| {
            ArticleRow::from(ArticleScore {
                id: c.id.clone(),
                title: c.title.clone(),
                ..Default::default()
            })
        })
        .collect();
    let label_refs: Vec<&ArticleRow> = labels.iter().collect();
    let h = draw::height_for(n, ROW_PX, 300);
    draw::with_header(
        path,
        h,
        "Framing score before and after retraining",
        &sub,
        &[
            ("moved toward Kremlin", palette::KREMLIN),
            ("moved toward Western", palette::WESTERN),
            ("unchanged (|change| ≤ 0.0005)", palette::NEUTRAL),
        ],
        |root, body| {
            let fmt = |v: &f64| crate::style::signed(*v, 2);
            let mut chart = article_axes(
                root,
                body,
                &label_refs,
                (-r, r),
                "framing_score   (← Western-sourced framing  |  Kremlin-sourced framing →)",
                &fmt,
            )?;
            chart.draw_series(std::iter::once(PathElement::new(
                [(0.0, 0.0), (0.0, n as f64)],
                rgb(palette::INK).stroke_width(1),
            )))?;
            let vstyle = text(label_size(n) - 1.0, palette::INK);
            for (i, c) in both.iter().enumerate() {
                let y = row_y(n, i);
                let (o, nw) = (c.old.unwrap_or(0.0), c.new.unwrap_or(0.0));
                let d = nw - o;
                // Coloured by any move the terminal summary counts (beyond the printed
                // precision); only the moves of ≥ MOVED are labelled.
                let colour = if d > MOVED_EPS {
                    palette::KREMLIN
                } else if d < -MOVED_EPS {
                    palette::WESTERN
                } else {
                    palette::NEUTRAL
                };
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(o, y), (nw, y)],
                    rgb(colour).stroke_width(4),
                )))?;
                chart.draw_series(std::iter::once(Circle::new((o, y), 7, rgb(palette::WHITE).filled())))?;
                chart.draw_series(std::iter::once(Circle::new((o, y), 7, rgb(colour).stroke_width(3))))?;
                chart.draw_series(std::iter::once(Circle::new((nw, y), 8, rgb(colour).filled())))?;
                let switch = c.side_change().map(|(o, n)| format!("  {o} → {n}"));
                if d.abs() >= MOVED || switch.is_some() {
                    // The change beside the after dot, on the side it moved to, and a change
                    // of side.
                    let (px, py) = chart.backend_coord(&(nw, y));
                    let (pos, dx) = if d >= 0.0 { (HPos::Left, 14) } else { (HPos::Right, -14) };
                    root.draw(&Text::new(
                        format!("{}{}", crate::style::signed(d, 3), switch.unwrap_or_default()),
                        (px + dx, py),
                        anchored(vstyle.clone(), pos, VPos::Center),
                    ))?;
                }
            }
            Ok(())
        },
    )
    .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(id: &str, old: f64, new: f64) -> ArticleChange {
        ArticleChange {
            id: id.into(),
            title: Some(format!("Headline of {id}")),
            old: Some(old),
            new: Some(new),
            ..Default::default()
        }
    }

    #[test]
    fn moved_articles_are_counted_over_all_of_them() {
        let cs: Vec<ArticleChange> = (0..50)
            .map(|i| ch(&format!("a{i}"), 0.0, 0.02 * (i % 5) as f64))
            .collect();
        let all: Vec<&ArticleChange> = cs.iter().collect();
        // i % 5 ∈ {1..4}: changes 0.02–0.08, all ≥ 0.01; i % 5 = 0: unchanged.
        assert_eq!(moved_of(&all), (40, 50));
    }

    #[test]
    fn articles_of_one_run_are_counted_in_the_subtitle() {
        let added = ArticleChange {
            old: None,
            ..ch("n", 0.0, 0.5)
        };
        let removed = ArticleChange {
            new: None,
            ..ch("r", -0.3, 0.0)
        };
        assert_eq!(one_run_line(&[ch("a", 0.1, 0.2)]), None);
        assert_eq!(
            one_run_line(&[ch("a", 0.1, 0.2), added.clone(), added, removed]).as_deref(),
            Some("not drawn: 2 articles in the new run only (added), 1 article in the old run only (removed); diff.csv lists them")
        );
    }

    #[test]
    fn draws_a_png_and_nothing_without_matched_articles() {
        let p = Path::new("before_after.png");
        let v = [ch("a", 0.1, 0.3), ch("b", -0.2, -0.4), ch("c", 0.05, 0.052)];
        let png = before_after(&v, 40, p).unwrap().unwrap();
        let img = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!(img.width(), draw::WIDTH);
        // Both direction colours are drawn (one article moved each way).
        let has = |c: palette::Rgb| img.pixels().any(|px| px.0 == [c.0, c.1, c.2]);
        assert!(has(palette::KREMLIN) && has(palette::WESTERN));
        let only_new = ArticleChange {
            old: None,
            ..ch("z", 0.0, 0.1)
        };
        assert!(before_after(&[only_new], 40, Path::new("x.png")).unwrap().is_none());
    }

    /// An article that changed side is drawn however little it moved (review, session 43:
    /// kremlin_mfa_21 went Kremlin → undecided at +0.000 and was not on the chart).
    #[test]
    fn an_article_that_changed_side_is_kept_whatever_it_moved() {
        use crate::compare::diff::Standing;
        use crate::score::Leaning;
        let st = |leaning| Standing {
            interval: None,
            leaning,
        };
        let mut v: Vec<ArticleChange> = (0..5)
            .map(|i| ch(&format!("m{i}"), 0.0, 0.1 + 0.01 * i as f64))
            .collect();
        v.reverse(); // sorted by |change|, as diff gives them
        v.push(ArticleChange {
            old_standing: Some(st(Leaning::Kremlin)),
            new_standing: Some(st(Leaning::Undecided)),
            ..ch("switched", 0.222, 0.222)
        });
        // Two rows: the switched article and the most moved one.
        let png = before_after(&v, 2, Path::new("b.png")).unwrap().unwrap();
        assert!(!png.is_empty());
        let (kept, switched) = rows(v.iter().collect(), 2);
        assert_eq!(
            kept.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["switched", "m4"]
        );
        assert_eq!(switched, 1);
        // Without a change of side, the most moved.
        let (kept, switched) = rows(v[..5].iter().collect(), 2);
        assert_eq!(kept.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["m4", "m3"]);
        assert_eq!(switched, 0);
    }
}
