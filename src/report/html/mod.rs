//! `report.html`: one self-contained page per output folder. No network: charts are PNG data
//! URIs, the stylesheet and the small sorting script are inline, and a Content-Security-Policy
//! (`default-src 'none'`) forbids the browser from fetching anything. Every piece of article
//! text is escaped ([`text::esc`]).
//!
//! Contents: an overview (score table sortable by clicking a header, linking to each
//! article; the charts; model facts from `model.json` and `run.json`), then one section per
//! article: headline, outlet and date, framing_score with its interval, sentence shares, the
//! cleaned text with each sentence shaded by p_kremlin on the charts' diverging palette
//! (probability and hits on hover) and lexicon hits underlined (the entry on hover; how hits
//! are located is in [`text`]), the lines cut as boilerplate (collapsed, struck through) and
//! the article's top terms on each side.

mod changes;
mod comparator;
mod text;

pub use comparator::{Marks, QuotedMark, SharedMark};

use crate::corpus::Side;
use crate::error::Result;
use crate::model::{FramingModel, TrainingStats};
use crate::report::RunManifest;
use crate::score::{ArticleScore, SentenceScore};
use crate::style::palette;
use base64::Engine;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;
use text::esc;

pub use crate::report::rows::CutLine;

/// Read the cuts of `cleaning.csv` of the articles `keep` accepts (streamed: the table may
/// cover a whole crawl).
pub fn read_cleaning(path: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<CutLine>> {
    crate::report::read_rows(path, keep)
}

/// What the report says about the model and the run.
#[derive(Debug, Clone, Default)]
pub struct ModelFacts {
    pub tool_version: Option<String>,
    pub command: Option<String>,
    pub created: Option<String>,
    pub model_sha256: Option<String>,
    pub lexicon_sha256: Option<String>,
    pub training: Option<TrainingStats>,
    pub lexicon_entries_kremlin: usize,
    pub lexicon_entries_western: usize,
    pub kremlin_threshold: Option<f64>,
    pub western_threshold: Option<f64>,
    /// `run`'s cross-fitting folds (0: in-sample; `None`: not recorded).
    pub folds: Option<usize>,
}

impl ModelFacts {
    /// From a parsed `run.json` and the model, either of which may be missing.
    pub fn new(run: Option<&RunManifest>, model: Option<&FramingModel>) -> ModelFacts {
        // A text run.json lacks (an empty string read by default) is not known.
        let s = |k: fn(&RunManifest) -> &String| run.map(k).filter(|v| !v.is_empty()).cloned();
        let scoring = run.and_then(|r| r.parameters.scoring.as_ref());
        let count = |side| model.map_or(0, |m| m.lexicon.entries.iter().filter(|e| e.side == side).count());
        ModelFacts {
            tool_version: s(|r| &r.tool_version).or_else(|| model.map(|m| m.tool_version.clone())),
            command: s(|r| &r.command),
            created: s(|r| &r.created),
            model_sha256: run
                .and_then(|r| r.model_sha256.clone())
                .or_else(|| model.and_then(|m| m.hash().ok())),
            lexicon_sha256: run
                .and_then(|r| r.lexicon_sha256.clone())
                .or_else(|| model.map(|m| m.lexicon.hash())),
            training: model.map(|m| m.training.clone()),
            lexicon_entries_kremlin: count(Side::Kremlin),
            lexicon_entries_western: count(Side::Western),
            kremlin_threshold: scoring.map(|s| s.kremlin_threshold),
            western_threshold: scoring.map(|s| s.western_threshold),
            folds: run.and_then(|r| r.parameters.folds),
        }
    }
}

/// Everything the page is built from.
#[derive(Debug, Clone)]
pub struct ReportInput<'a> {
    pub scores: &'a [ArticleScore],
    pub sentences: &'a [SentenceScore],
    pub cuts: &'a [CutLine],
    pub facts: &'a ModelFacts,
    /// (file name, PNG bytes) of the charts to embed, in order.
    pub charts: &'a [(String, Vec<u8>)],
    /// Shared copy and quoted actors per sentence (the comparator's marks).
    pub marks: &'a Marks,
    /// `diff.csv` rows when the folder was compared with earlier outputs (else empty), and
    /// the before/after chart.
    pub changes: &'a [crate::compare::changes::rows::DiffRow],
    pub changes_chart: Option<&'a [u8]>,
}

fn num(v: f64, d: usize) -> String {
    crate::style::signed(v, d)
}

fn pct(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

fn side_class(v: f64) -> &'static str {
    if v > 0.0 {
        "pos"
    } else if v < 0.0 {
        "neg"
    } else {
        ""
    }
}

/// The score's CSS class: its side only when the 95% interval excludes 0, else `und`.
fn leaning_class(a: &ArticleScore) -> &'static str {
    match a.leaning() {
        crate::score::Leaning::Kremlin => "pos",
        crate::score::Leaning::Western => "neg",
        crate::score::Leaning::Undecided => "und",
    }
}

fn undecided_note(a: &ArticleScore) -> &'static str {
    if a.leaning() == crate::score::Leaning::Undecided {
        " <span class=\"und-tag\" title=\"the 95% interval contains 0: no side can be claimed\">undecided</span>"
    } else {
        ""
    }
}

fn opt_class(v: Option<f64>) -> &'static str {
    v.map_or("", side_class)
}

fn opt_num(v: Option<f64>, none: &str) -> String {
    v.map_or(none.to_string(), |v| num(v, 3))
}

fn interval(a: &ArticleScore) -> String {
    match (a.score_low, a.score_high) {
        (Some(l), Some(h)) => format!("[{}, {}]", num(l, 2), num(h, 2)),
        _ => String::new(),
    }
}

fn shares_bar(a: &ArticleScore) -> String {
    format!(
        "<span class=\"shares\" title=\"Kremlin {} · neutral {} · Western {}\"><span style=\"width:{:.2}%;background:{}\"></span><span style=\"width:{:.2}%;background:{}\"></span><span style=\"width:{:.2}%;background:{}\"></span></span>",
        pct(a.share_kremlin),
        pct(a.share_neutral),
        pct(a.share_western),
        a.share_kremlin * 100.0,
        palette::KREMLIN.hex(),
        a.share_neutral * 100.0,
        palette::NEUTRAL.hex(),
        a.share_western * 100.0,
        palette::WESTERN.hex()
    )
}

const SCRIPT: &str = include_str!("sort.js");
const STYLE: &str = include_str!("report.css");
const CSP: &str = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

/// Build the page.
pub fn render(input: &ReportInput) -> String {
    let mut h = String::with_capacity(1 << 20);
    let f = input.facts;
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>framescope report</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<h1 id=\"top\">framescope report</h1>\n<p class=\"muted\">{} articles · {} sentences{}{}</p>\n",
        input.scores.len(),
        input.sentences.len(),
        f.created.as_ref().map(|c| format!(" · run {}", esc(c))).unwrap_or_default(),
        f.tool_version.as_ref().map(|v| format!(" · framescope {}", esc(v))).unwrap_or_default(),
    );
    h.push_str("<p>framing_score = mean over an article's sentences of their evidence (2·p − 1 of the outlet's own words in full and of the words it quotes at half weight, by default), minus the model's no-evidence point c (so a sentence with no known term scores 0): <span class=\"neg\">−1 wholly Western-sourced</span>, <span class=\"pos\">+1 wholly Kremlin-sourced</span>; a score whose 95% interval contains 0 is <span class=\"und\">undecided</span> (grey) and claims no side. voice = the same over the outlet's own words, quoted = over what it quotes. Sentence shading: <span class=\"scale\"></span> p_kremlin 0 → 1; <span class=\"v quote\">quoted words</span> and <span class=\"v reported\">reported speech</span> are italic on a hatched underlay, <span class=\"v scare\">scare quotes</span> dashed.</p>\n");
    if !input.changes.is_empty() {
        h.push_str("<nav><a href=\"#changes\">What changed</a></nav>\n");
    }
    h.push_str("<nav><a href=\"#scores\">Scores</a> · <a href=\"#charts\">Charts</a> · <a href=\"#model\">Model</a> · <a href=\"#articles\">Articles</a></nav>\n");
    changes::section(&mut h, input.changes, input.changes_chart);
    overview(&mut h, input);
    charts(&mut h, input);
    model(&mut h, f);
    articles(&mut h, input);
    let _ = write!(h, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
    h
}

fn anchor(i: usize) -> String {
    format!("a-{}", i + 1)
}

fn overview(h: &mut String, input: &ReportInput) {
    // Columns every article leaves empty (the seeds have no outlet or date) are hidden.
    for (col, empty) in [
        ("outlet", input.scores.iter().all(|a| a.outlet.is_none())),
        ("date", input.scores.iter().all(|a| a.date.is_none())),
    ] {
        if empty {
            let _ = writeln!(h, "<style>.col-{col} {{ display: none; }}</style>");
        }
    }
    h.push_str("<section id=\"scores\">\n<h2>Scores</h2>\n<p class=\"muted\">Click a column header to sort; click an id to jump to the article.</p>\n<div class=\"tablewrap\">\n<table class=\"sortable\">\n<thead><tr><th>id</th><th>headline</th><th class=\"col-outlet\">outlet</th><th class=\"col-date\">date</th><th class=\"num\" title=\"sentences scored\">sent.</th><th class=\"num\">framing_score</th><th class=\"num\" title=\"95% bootstrap interval of framing_score\">95% CI</th><th class=\"num\" title=\"framing of headline + first two sentences\">lede</th><th class=\"num\" title=\"share of Kremlin-framed sentences\">K</th><th class=\"num\" title=\"share of neutral sentences\">N</th><th class=\"num\" title=\"share of Western-framed sentences\">W</th><th class=\"num\" title=\"Kremlin lexicon hits\">K hits</th><th class=\"num\" title=\"Western lexicon hits\">W hits</th><th class=\"num\" title=\"framing of the outlet's own voice\">voice</th><th class=\"num\" title=\"framing of what it quotes (empty: nothing quoted)\">quoted</th><th class=\"num\" title=\"share of words in the outlet's own voice\">own %</th></tr></thead>\n<tbody>\n");
    for (i, a) in input.scores.iter().enumerate() {
        let score_cell = format!("{}{}", num(a.framing_score, 3), undecided_note(a));
        let _ = writeln!(
            h,
            "<tr><td><a href=\"#{}\">{}</a></td><td class=\"title\">{}</td><td class=\"col-outlet\">{}</td><td class=\"col-date\">{}</td><td class=\"num\">{}</td><td class=\"num {}\" data-v=\"{}\">{}</td><td class=\"num\" data-v=\"{}\">{}</td><td class=\"num\" data-v=\"{}\">{}</td><td class=\"num\" data-v=\"{}\">{}</td><td class=\"num\" data-v=\"{}\">{}</td><td class=\"num\" data-v=\"{}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num {}\" data-v=\"{}\">{}</td><td class=\"num {}\" data-v=\"{}\">{}</td><td class=\"num\" data-v=\"{}\">{}</td></tr>",
            anchor(i),
            esc(&a.id),
            esc(a.title.as_deref().unwrap_or("")),
            esc(a.outlet.as_deref().unwrap_or("")),
            esc(a.date.as_deref().unwrap_or("")),
            a.n_sentences,
            leaning_class(a),
            a.framing_score,
            score_cell,
            a.score_low.map_or(String::new(), |v| v.to_string()),
            interval(a),
            a.lede_score,
            num(a.lede_score, 3),
            a.share_kremlin,
            pct(a.share_kremlin),
            a.share_neutral,
            pct(a.share_neutral),
            a.share_western,
            pct(a.share_western),
            a.lexicon_hits_kremlin,
            a.lexicon_hits_western,
            opt_class(a.voice_score),
            a.voice_score.map_or(String::new(), |v| v.to_string()),
            opt_num(a.voice_score, ""),
            opt_class(a.quoted_score),
            a.quoted_score.map_or(String::new(), |v| v.to_string()),
            opt_num(a.quoted_score, ""),
            a.own_voice_share.map_or(String::new(), |v| v.to_string()),
            a.own_voice_share.map_or(String::new(), pct),
        );
    }
    h.push_str("</tbody>\n</table>\n</div>\n</section>\n");
}

fn charts(h: &mut String, input: &ReportInput) {
    h.push_str("<section id=\"charts\">\n<h2>Charts</h2>\n");
    if input.charts.is_empty() {
        h.push_str("<p class=\"muted\">No charts in this output folder (run <code>framescope chart</code>).</p>\n");
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    for (name, png) in input.charts {
        let _ = writeln!(
            h,
            "<figure><img alt=\"{0}\" src=\"data:image/png;base64,{1}\"><figcaption>{0}</figcaption></figure>",
            esc(name),
            b64.encode(png)
        );
    }
    h.push_str("</section>\n");
}

fn model(h: &mut String, f: &ModelFacts) {
    h.push_str("<section id=\"model\">\n<h2>Model</h2>\n<dl class=\"facts\">\n");
    let mut fact = |k: &str, v: String| {
        let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", esc(k), esc(&v));
    };
    let or_na = |v: &Option<String>| v.clone().unwrap_or_else(|| "n/a".into());
    fact("framescope version", or_na(&f.tool_version));
    fact("run", format!("{} ({})", or_na(&f.created), or_na(&f.command)));
    if let Some(t) = &f.training {
        fact(
            "training sentences",
            format!(
                "{} Kremlin, {} Western (weakly labelled by the lexicons; {} labelled Kremlin, {} Western) of {} sentences in {} articles",
                t.trained_kremlin, t.trained_western, t.labelled_kremlin, t.labelled_western, t.sentences, t.articles
            ),
        );
        fact("training accuracy", format!("{:.3}", t.training_accuracy));
        fact("active features", t.active_features.to_string());
    }
    fact(
        "lexicon entries",
        format!(
            "{} Kremlin, {} Western",
            f.lexicon_entries_kremlin, f.lexicon_entries_western
        ),
    );
    fact("lexicon sha256", or_na(&f.lexicon_sha256));
    fact("model sha256", or_na(&f.model_sha256));
    if let (Some(k), Some(w)) = (f.kremlin_threshold, f.western_threshold) {
        fact("sentence sides", format!("Kremlin p ≥ {k:.2}, Western p ≤ {w:.2}"));
    }
    match f.folds {
        Some(k) if k >= 2 => fact(
            "scoring",
            format!("out-of-fold: {k} folds; each article scored by a classifier fitted without its fold's articles (folds.json); the model above is the fit on all"),
        ),
        Some(_) => fact("scoring", "in-sample: every article scored by the model above, which also trained on it".into()),
        None => {}
    }
    h.push_str("</dl>\n</section>\n");
}

fn terms_list(h: &mut String, title: &str, class: &str, terms: &[(String, f64)]) {
    let _ = write!(h, "<div><strong class=\"{class}\">{}</strong><ol>", esc(title));
    if terms.is_empty() {
        h.push_str("<li class=\"muted\">none</li>");
    }
    for (t, v) in terms {
        let _ = write!(h, "<li>{} <span class=\"muted\">{}</span></li>", esc(t), num(*v, 3));
    }
    h.push_str("</ol></div>");
}

fn articles(h: &mut String, input: &ReportInput) {
    let mut sents: HashMap<&str, Vec<&SentenceScore>> = HashMap::new();
    for s in input.sentences {
        sents.entry(s.article_id.as_str()).or_default().push(s);
    }
    let mut cuts: HashMap<&str, Vec<&CutLine>> = HashMap::new();
    for c in input.cuts {
        cuts.entry(c.article_id.as_str()).or_default().push(c);
    }
    h.push_str("<section id=\"articles\">\n<h2>Articles</h2>\n");
    for (i, a) in input.scores.iter().enumerate() {
        let _ = writeln!(
            h,
            "<article class=\"art\" id=\"{}\">\n<h3>{}</h3>\n<p class=\"muted\">{} · {} · id {}</p>",
            anchor(i),
            esc(a.title.as_deref().unwrap_or("(no headline)")),
            esc(a.outlet.as_deref().unwrap_or("outlet unknown")),
            esc(a.date.as_deref().unwrap_or("date unknown")),
            esc(&a.id)
        );
        let _ = writeln!(
            h,
            "<p>framing_score <span class=\"{}\">{}</span> {}{} · lede {} · {} sentences · shares {} Kremlin {} · neutral {} · Western {}</p>",
            leaning_class(a),
            num(a.framing_score, 3),
            interval(a),
            undecided_note(a),
            num(a.lede_score, 3),
            a.n_sentences,
            shares_bar(a),
            pct(a.share_kremlin),
            pct(a.share_neutral),
            pct(a.share_western)
        );
        let _ = writeln!(
            h,
            "<p>own voice <span class=\"{}\">{}</span> · quoted material {} · {} of the words in the outlet's own voice · offset c = {} (see README, Scores)</p>",
            opt_class(a.voice_score),
            opt_num(a.voice_score, "n/a"),
            a.quoted_score.map_or("<span class=\"muted\">nothing quoted</span>".to_string(), |q| format!("<span class=\"{}\">{}</span>", side_class(q), num(q, 3))),
            a.own_voice_share.map_or("n/a".to_string(), pct),
            num(a.score_offset, 3),
        );
        h.push_str("<div class=\"text\">");
        let mut ss = sents.remove(a.id.as_str()).unwrap_or_default();
        ss.sort_by_key(|s| s.index);
        for s in ss {
            let hits: Vec<(&str, Side)> = s
                .kremlin_hits
                .iter()
                .map(|p| (p.as_str(), Side::Kremlin))
                .chain(s.western_hits.iter().map(|p| (p.as_str(), Side::Western)))
                .collect();
            let mut tip = format!("p_kremlin {:.3}", s.p_kremlin);
            if !s.kremlin_hits.is_empty() {
                let _ = write!(tip, " · Kremlin lexicon: {}", s.kremlin_hits.join(", "));
            }
            if !s.western_hits.is_empty() {
                let _ = write!(tip, " · Western lexicon: {}", s.western_hits.join(", "));
            }
            if let Some(p) = s.p_own.filter(|_| s.voice != "own") {
                let _ = write!(tip, " · own voice p {p:.3}");
            }
            if let Some(p) = s.p_quoted {
                let _ = write!(tip, " · quoted p {p:.3}");
            }
            let (more, shared, badges) = input.marks.for_sentence(&a.id, s.index);
            tip.push_str(&more);
            // The speaker's badge opens the sentence it belongs to.
            let _ = write!(
                h,
                "<span class=\"s{}{shared}\" data-p=\"{:.6}\" data-voice=\"{}\" style=\"background:{}\" title=\"{}\">{badges}{}</span> ",
                if s.is_headline { " h" } else { "" },
                s.p_kremlin,
                esc(&s.voice),
                palette::diverging(s.p_kremlin).hex(),
                esc(&tip),
                text::mark_voice(&s.text, &s.voice_spans, &hits)
            );
        }
        h.push_str("</div>\n");
        if let Some(cs) = cuts.get(a.id.as_str()) {
            let _ = write!(
                h,
                "<details class=\"cuts\"><summary>{} line(s) cut by the cleaner</summary><ul>",
                cs.len()
            );
            for c in cs {
                let _ = write!(
                    h,
                    "<li><s>{}</s> <span class=\"muted\">— {} (before paragraph {})</span></li>",
                    esc(&c.text),
                    esc(&c.reason),
                    c.before_paragraph
                );
            }
            h.push_str("</ul></details>\n");
        }
        h.push_str("<div class=\"terms\">");
        terms_list(h, "Top Kremlin-side terms", "pos", &a.top_terms_kremlin);
        terms_list(h, "Top Western-side terms", "neg", &a.top_terms_western);
        h.push_str("</div>\n<p class=\"top\"><a href=\"#top\">↑ top</a></p>\n</article>\n");
    }
    h.push_str("</section>\n");
}

/// Build the page and write it atomically.
pub fn write_report(path: &Path, input: &ReportInput) -> Result<()> {
    crate::report::write_atomic(path, render(input).as_bytes())
}

#[cfg(test)]
mod tests;
