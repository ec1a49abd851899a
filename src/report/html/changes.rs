//! The report's "What changed" section, built from `diff.csv` (written by `run --compare-to`
//! or `diff` into the folder): what was edited (lexicon entries, training articles), the
//! training statistics that differ, the before/after chart, the articles that moved most with
//! their causes and sentences, and the terms that moved most. All text escaped.

use super::text::esc;
use crate::compare::changes::rows::DiffRow;
use base64::Engine;
use std::fmt::Write;

/// Rows of each list shown.
const SHOWN: usize = 15;

fn num(s: &str, d: usize) -> String {
    s.parse::<f64>()
        .map_or_else(|_| "–".into(), |v| crate::style::signed(v, d))
}

fn class(change: &str) -> &'static str {
    match change.parse::<f64>() {
        Ok(v) if v > 0.0 => "pos",
        Ok(v) if v < 0.0 => "neg",
        _ => "",
    }
}

/// Append the section (nothing when `rows` is empty).
pub fn section(h: &mut String, rows: &[DiffRow], chart: Option<&[u8]>) {
    if rows.is_empty() {
        return;
    }
    let of = |k: &'static str| rows.iter().filter(move |r| r.kind == k);
    let starts = |p: &'static str| rows.iter().filter(move |r| r.kind.starts_with(p));
    h.push_str("<section id=\"changes\">\n<h2>What changed</h2>\n");
    for n in of("note") {
        let _ = writeln!(h, "<p class=\"muted\">{}</p>", esc(&n.title));
    }
    h.push_str("<h3>Edits</h3>\n<ul>\n");
    let mut edits = 0;
    for r in starts("lexicon_") {
        edits += 1;
        let _ = writeln!(
            h,
            "<li>{} lexicon entry <strong>{}</strong> ({}): weight {} → {}</li>",
            esc(r.kind.trim_start_matches("lexicon_")),
            esc(&r.key),
            esc(&r.side),
            esc(if r.old.is_empty() { "–" } else { &r.old }),
            esc(if r.new.is_empty() { "–" } else { &r.new }),
        );
    }
    for r in starts("seed_") {
        edits += 1;
        let _ = writeln!(
            h,
            "<li>training article <strong>{}</strong> {}</li>",
            esc(&r.key),
            esc(r.kind.trim_start_matches("seed_"))
        );
    }
    if edits == 0 {
        h.push_str("<li class=\"muted\">no lexicon entry or training article changed</li>\n");
    }
    h.push_str("</ul>\n");
    let moved: Vec<&DiffRow> = of("training").filter(|r| r.old != r.new).collect();
    if !moved.is_empty() {
        h.push_str("<h3>Training</h3>\n<table><thead><tr><th>statistic</th><th class=\"num\">before</th><th class=\"num\">after</th></tr></thead><tbody>\n");
        for r in moved {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&r.key),
                esc(&r.old),
                esc(&r.new)
            );
        }
        h.push_str("</tbody></table>\n");
    }
    if let Some(png) = chart {
        let _ = writeln!(
            h,
            "<figure><img alt=\"before_after.png\" src=\"data:image/png;base64,{}\"><figcaption>before_after.png</figcaption></figure>",
            base64::engine::general_purpose::STANDARD.encode(png)
        );
    }
    let sentences: Vec<&DiffRow> = of("sentence").collect();
    let explained: Vec<&DiffRow> = of("article")
        .filter(|r| !r.causes.is_empty() || sentences.iter().any(|s| s.key.starts_with(&format!("{}#", r.key))))
        .take(SHOWN)
        .collect();
    if !explained.is_empty() {
        h.push_str("<h3>Articles that moved most</h3>\n<table><thead><tr><th>article</th><th class=\"num\">before</th><th class=\"num\">after</th><th class=\"num\">change</th><th>because of</th></tr></thead><tbody>\n");
        for a in explained {
            let _ = writeln!(
                h,
                "<tr><td>{} <span class=\"muted\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num {}\">{}</td><td>{}</td></tr>",
                esc(&a.key),
                esc(&a.title),
                num(&a.old, 3),
                num(&a.new, 3),
                class(&a.change),
                num(&a.change, 3),
                esc(&a.causes)
            );
            for s in sentences.iter().filter(|s| s.key.starts_with(&format!("{}#", a.key))) {
                let _ = writeln!(
                    h,
                    "<tr class=\"sub\"><td colspan=\"5\">{} p {} → {} <span class=\"{}\">({})</span>: “{}” <span class=\"muted\">via {}</span></td></tr>",
                    esc(&s.key),
                    num(&s.old, 2),
                    num(&s.new, 2),
                    class(&s.change),
                    num(&s.change, 2),
                    esc(&s.title),
                    esc(&s.detail)
                );
            }
        }
        h.push_str("</tbody></table>\n");
    }
    let terms: Vec<&DiffRow> = of("terms").take(SHOWN).collect();
    if !terms.is_empty() {
        h.push_str("<h3>Terms that moved most</h3>\n<p class=\"muted\">Weight changes grouped: n-grams under the word that moved most, the terms of one sentence under that sentence.</p>\n<table><thead><tr><th>term</th><th class=\"num\">before</th><th class=\"num\">after</th><th>folded terms</th><th>from</th></tr></thead><tbody>\n");
        for t in terms {
            let _ = writeln!(
                h,
                "<tr><td class=\"{}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
                class(&t.change),
                esc(&t.key),
                num(&t.old, 3),
                num(&t.new, 3),
                esc(&t.detail),
                esc(&t.title)
            );
        }
        h.push_str("</tbody></table>\n");
    }
    h.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(kind: &str, key: &str, old: &str, new: &str, title: &str) -> DiffRow {
        DiffRow {
            kind: kind.into(),
            key: key.into(),
            side: "kremlin".into(),
            old: old.into(),
            new: new.into(),
            change: String::new(),
            title: title.into(),
            detail: String::new(),
            causes: "lexicon_added:<b>".into(),
        }
    }

    #[test]
    fn lists_edits_and_moved_articles_escaped() {
        let rows = [
            r("lexicon_added", "kiev <regime>", "", "2.000000", ""),
            r("seed_added", "005_x", "", "", ""),
            r("article", "a1", "0.1", "0.3", "T & T"),
        ];
        let mut h = String::new();
        section(&mut h, &rows, None);
        assert!(
            h.contains("added lexicon entry <strong>kiev &lt;regime&gt;</strong>"),
            "{h}"
        );
        assert!(h.contains("training article <strong>005_x</strong> added"));
        assert!(h.contains("T &amp; T") && h.contains("lexicon_added:&lt;b&gt;"));
        let mut empty = String::new();
        section(&mut empty, &[], None);
        assert!(empty.is_empty());
    }
}
