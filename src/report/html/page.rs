//! The page's templates (`templates/report.html`, which includes `article.html` per article)
//! and what they are given: every number formatted, every text as it is (askama escapes it).

use super::{CutLine, ModelFacts, ReportInput};
use crate::compare::sourcing::Sourcing;
use crate::corpus::Side;
use crate::score::{sentence_evidence, ArticleScore, Leaning, SentenceScore};
use crate::style::palette;
use askama::Template;
use base64::Engine;
use std::collections::HashMap;

/// Skipped inputs listed on the page; the rest are counted (all are in `run.json`).
const SKIPPED_SHOWN: usize = 50;

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

/// The page (`templates/report.html`).
#[derive(Template)]
#[template(path = "report.html", config = "src/report/html/askama.toml")]
pub(super) struct Page<'a> {
    n_sentences: usize,
    /// With a subset shown: the articles and sentences in all.
    totals: Option<(usize, usize)>,
    created: Option<&'a str>,
    tool_version: Option<&'a str>,
    /// The "What changed" section, rendered by its own template ([`super::changes`]).
    changes: Option<String>,
    /// Columns every article leaves empty (the seeds have no outlet or date), hidden; the
    /// language column is shown only when the articles are in more than one.
    hidden_columns: Vec<&'static str>,
    /// (file name, PNG as base64) of each chart.
    charts: Vec<(&'a str, String, &'static str)>,
    /// The model section's (name, value) facts.
    facts: Vec<(&'static str, String)>,
    /// The model section's warnings (`weak model: …`), shown above its facts.
    weaknesses: &'a [String],
    /// The inputs the job skipped, at most [`SKIPPED_SHOWN`] of them, and how many more.
    skipped: &'a [String],
    skipped_more: usize,
    /// The job's other warnings (`run.json`'s `problems`), at most [`SKIPPED_SHOWN`].
    warnings: &'a [String],
    warnings_more: usize,
    /// How framing_score weighs a sentence, as this run computed it (`--mean-score`,
    /// `--quoted-weight`): the header said "quotes at half weight" whatever the run did
    /// (review, session 35).
    score_definition: String,
    articles: Vec<ArticleView<'a>>,
}

/// What framing_score averages, for the page's header: the plain sentence mean
/// (`--mean-score`, or a run.json that does not record the weight) or the voice-weighted
/// evidence at the run's quoted weight.
fn score_definition(q: Option<f64>, recorded: bool) -> String {
    if !recorded {
        // No run.json (or one without its command): how the run weighed quotes is not known.
        return "mean over an article's sentences of their evidence (by default each word counts once: the outlet's own words' 2·p − 1 in full, a quoted word's distance from the no-evidence point c at half; this folder does not record how its run weighed them)".into();
    }
    match q {
        None => "mean over an article's sentences of 2·p − 1 (the plain sentence mean: quoted and own words alike)".into(),
        Some(0.0) => "mean over an article's sentences of their evidence, 2·p − 1 of the outlet's own words only (quoted words not counted: --quoted-weight 0)".into(),
        Some(0.5) => "mean over an article's sentences of their evidence (each word counts once: the outlet's own words' 2·p − 1 in full, a quoted word's distance from the no-evidence point c at half)".into(),
        Some(1.0) => "mean over an article's sentences of their evidence (2·p − 1 of the outlet's own words and of the words it quotes, each word at full weight)".into(),
        Some(q) => format!("mean over an article's sentences of their evidence (each word counts once: the outlet's own words' 2·p − 1 in full, a quoted word's distance from the no-evidence point c times {q})"),
    }
}

impl<'a> Page<'a> {
    pub(super) fn new(input: &'a ReportInput) -> Page<'a> {
        let f = input.facts;
        let scores = input.scores;
        let changes = super::changes::section(input.changes, input.changes_chart, f.compared_with.as_deref());
        let b64 = base64::engine::general_purpose::STANDARD;
        let mut sents: HashMap<&str, Vec<&SentenceScore>> = HashMap::new();
        for s in input.sentences {
            sents.entry(s.article_id.as_str()).or_default().push(s);
        }
        let mut cuts: HashMap<&str, Vec<&CutLine>> = HashMap::new();
        for c in input.cuts {
            cuts.entry(c.article_id.as_str()).or_default().push(c);
        }
        Page {
            n_sentences: input.sentences.len(),
            totals: input.totals,
            created: f.created.as_deref(),
            tool_version: f.tool_version.as_deref(),
            changes: (!changes.is_empty()).then_some(changes),
            hidden_columns: [
                ("outlet", scores.iter().all(|a| a.outlet.is_none())),
                ("lang", scores.iter().all(|a| a.lang == scores[0].lang)),
                ("date", scores.iter().all(|a| a.date.is_none())),
            ]
            .into_iter()
            .filter_map(|(col, empty)| empty.then_some(col))
            .collect(),
            charts: input
                .charts
                .iter()
                .map(|(name, png)| {
                    (
                        name.as_str(),
                        b64.encode(png),
                        crate::charts::caption(name).unwrap_or(""),
                    )
                })
                .collect(),
            facts: model_facts(f),
            weaknesses: &f.weaknesses,
            skipped: &f.skipped[..f.skipped.len().min(SKIPPED_SHOWN)],
            skipped_more: f.skipped.len().saturating_sub(SKIPPED_SHOWN),
            warnings: &f.warnings[..f.warnings.len().min(SKIPPED_SHOWN)],
            warnings_more: f.warnings.len().saturating_sub(SKIPPED_SHOWN),
            score_definition: score_definition(f.quoted_weight, f.command.is_some()),
            articles: scores
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let mut ss = sents.remove(a.id.as_str()).unwrap_or_default();
                    ss.sort_by_key(|s| s.index);
                    // What each sentence adds to framing_score (as `inspect` lists them): its
                    // evidence, or 2·p − 1 for all when none counts.
                    let q = f.quoted_weight;
                    let c = a.score_offset;
                    let counted = ss.iter().any(|s| sentence_evidence(s, q, c).is_some());
                    let e = |s: &SentenceScore| match counted {
                        true => sentence_evidence(s, q, c),
                        false => Some(2.0 * s.p_kremlin - 1.0),
                    };
                    let sentences = ss
                        .into_iter()
                        .map(|s| SentenceView::new(a, s, e(s), input.marks))
                        .collect();
                    let sourcing = input.marks.sourcing.get(&a.id).map(SourcingView::new);
                    ArticleView::new(i, a, sentences, cuts.remove(a.id.as_str()), sourcing)
                })
                .collect(),
        }
    }
}

/// The model section's facts, in order.
fn model_facts(f: &ModelFacts) -> Vec<(&'static str, String)> {
    let mut facts = vec![];
    let or_na = |v: &Option<String>| v.clone().unwrap_or_else(|| "n/a".into());
    let version = match &f.tool_build {
        Some(b) => format!("{} (build {b})", or_na(&f.tool_version)),
        None => or_na(&f.tool_version),
    };
    facts.push(("framescope version", version));
    facts.push(("run", format!("{} ({})", or_na(&f.created), or_na(&f.command))));
    if let Some(t) = &f.training {
        facts.push((
            "training sentences",
            format!(
                "{} Kremlin, {} Western labelled by the lexicons{}{} of {} sentences in {} articles",
                t.trained_kremlin,
                t.trained_western,
                // The cap's sample, when it took fewer than were labelled.
                if (t.trained_kremlin, t.trained_western) == (t.labelled_kremlin, t.labelled_western) {
                    String::new()
                } else {
                    format!(
                        " (a sample of the {} Kremlin, {} Western labelled)",
                        t.labelled_kremlin, t.labelled_western
                    )
                },
                match t.propagated_kremlin + t.propagated_western {
                    0 => String::new(),
                    _ => format!(
                        ", and {} Kremlin, {} Western given their article's side by label propagation (trained at a lower weight)",
                        t.propagated_kremlin, t.propagated_western
                    ),
                },
                t.sentences,
                t.articles
            ),
        ));
        facts.push(("training accuracy", format!("{:.3}", t.training_accuracy)));
        facts.push(("active features", t.active_features.to_string()));
    }
    // The entries of the languages trained on (which could fire in the training text, as
    // the training figures and the weak-model warning count them), then the other
    // languages' lists apart.
    let fired = f.training.as_ref().map_or(String::new(), |t| {
        let langs = match t.languages.as_slice() {
            [] => String::new(),
            l => format!(" ({})", l.join(", ")),
        };
        format!(
            " in the languages trained on{langs}, {} of them fired in the training text",
            t.lexicon_entries_fired
        )
    });
    let other = match f.lexicon_entries_other.as_slice() {
        [] => String::new(),
        o => format!(
            "; the lexicon files also hold {} entries for languages not trained on (for articles in them, they count only through the lexicon prior)",
            o.iter().map(|(code, n)| format!("{n} {code}")).collect::<Vec<_>>().join(", ")
        ),
    };
    facts.push((
        "lexicon entries",
        format!(
            "{} Kremlin, {} Western{fired}{other}",
            f.lexicon_entries_kremlin, f.lexicon_entries_western
        ),
    ));
    facts.push(("lexicons sha256 (all files together)", or_na(&f.lexicon_sha256)));
    facts.push(("model sha256", or_na(&f.model_sha256)));
    if let (Some(k), Some(w)) = (f.kremlin_threshold, f.western_threshold) {
        facts.push((
            "sentence sides",
            format!("Kremlin p − c/2 ≥ {k:.2}, Western p − c/2 ≤ {w:.2} (p measured from the no-evidence point, as the score is)"),
        ));
    }
    match f.folds {
        Some(k) if k >= 2 => {
            let rule = match f.folds_assigned_by {
                Some("id") => {
                    " (assigned by article id: adding or removing articles moves no other article to another fold)"
                }
                Some(_) => " (assigned by row order: article number mod folds, a copy in its original's)",
                None => "",
            };
            facts.push((
                "scoring",
                format!("out-of-fold: {k} folds{rule}; each article scored by a classifier fitted without its fold's articles (folds.json; `framescope inspect ID` names an article's fold); the model above is the fit on all"),
            ))
        }
        Some(_) => facts.push((
            "scoring",
            "in-sample: every article scored by the model above, which also trained on it".into(),
        )),
        None => {}
    }
    facts
}

/// An optional number: its CSS class, its exact value (`data-v`, for sorting) and as shown.
struct Optional {
    class: &'static str,
    value: String,
    shown: String,
}

impl Optional {
    fn new(v: Option<f64>, show: impl Fn(f64) -> String) -> Optional {
        Optional {
            class: v.map_or("", side_class),
            value: v.map_or(String::new(), |v| v.to_string()),
            shown: v.map_or(String::new(), show),
        }
    }

    /// Without a side's colour.
    fn plain(v: Option<f64>, show: impl Fn(f64) -> String) -> Optional {
        Optional {
            class: "",
            ..Optional::new(v, show)
        }
    }
}

/// The widths (percent, 2 places) and colours of an article's sentence-shares bar.
struct SharesBar {
    kremlin: String,
    neutral: String,
    western: String,
    kremlin_colour: String,
    neutral_colour: String,
    western_colour: String,
}

/// One article: its row in the score table and its section (`templates/article.html`).
struct ArticleView<'a> {
    article: &'a ArticleScore,
    anchor: String,
    /// The score's CSS class: its side only when the 95% interval excludes 0, else `und`.
    leaning: &'static str,
    /// Why it is undecided (the tag's tooltip); `None` when it leans to a side.
    undecided: Option<&'static str>,
    score: String,
    /// The interval's low end (`data-v`) and the interval as shown.
    low: String,
    interval: String,
    lede: String,
    kremlin: String,
    neutral: String,
    western: String,
    bar: SharesBar,
    voice: Optional,
    quoted: Optional,
    own: Optional,
    voice_or_na: String,
    own_or_na: String,
    offset: String,
    /// Who is quoted, from `attributions.csv` when the folder has one.
    sourcing: Option<SourcingView>,
    sentences: Vec<SentenceView<'a>>,
    cuts: Option<Vec<&'a CutLine>>,
    /// The top terms on each side.
    terms: [TopTerms; 2],
}

/// An article's sourcing balance with the statements it rests on, so a balance from 2 of 6
/// statements does not read as strong as one from 6 of 6.
struct SourcingView {
    /// The balance to two places (or `n/a`) and its CSS class.
    balance: String,
    class: &'static str,
    /// [`Sourcing::coverage`]: `2 of 6 statements sided: …`.
    coverage: String,
}

impl SourcingView {
    fn new(s: &Sourcing) -> SourcingView {
        SourcingView {
            balance: s.balance_shown(),
            class: s.balance().map_or("muted", side_class),
            coverage: s.coverage(),
        }
    }
}

/// An article's top terms on one side: the list's title, its CSS class, and each term with
/// its weight as shown.
struct TopTerms {
    title: &'static str,
    class: &'static str,
    terms: Vec<(String, String)>,
}

/// A term as a reader reads it: an added language's words carry its code in the model
/// (`ru:киевск ru:режим`), which the page showed (review, session 35); the article's `lang`
/// says the language.
fn display_term(t: &str) -> String {
    t.split(' ')
        .map(|w| match w.split_once(':') {
            Some((code, rest))
                if !code.is_empty() && code.len() <= 3 && code.bytes().all(|b| b.is_ascii_lowercase()) =>
            {
                rest
            }
            _ => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl<'a> ArticleView<'a> {
    fn new(
        i: usize,
        a: &'a ArticleScore,
        sentences: Vec<SentenceView<'a>>,
        cuts: Option<Vec<&'a CutLine>>,
        sourcing: Option<SourcingView>,
    ) -> Self {
        let leaning = a.leaning();
        let shares = crate::style::percents([a.share_kremlin, a.share_neutral, a.share_western]);
        let terms = |title, class, t: &'a [(String, f64)]| TopTerms {
            title,
            class,
            terms: t.iter().map(|(t, v)| (display_term(t), num(*v, 3))).collect(),
        };
        let width = |v: f64| format!("{:.2}%", v * 100.0);
        ArticleView {
            article: a,
            anchor: format!("a-{}", i + 1),
            leaning: match leaning {
                Leaning::Kremlin => "pos",
                Leaning::Western => "neg",
                Leaning::Undecided => "und",
            },
            undecided: a.side_or_why().err().map(|w| w.why()),
            score: num(a.framing_score, 3),
            low: a.score_low.map_or(String::new(), |v| v.to_string()),
            interval: match (a.score_low, a.score_high) {
                (Some(l), Some(h)) => format!("[{}, {}]", crate::style::bound(l, 2), crate::style::bound(h, 2)),
                _ => String::new(),
            },
            lede: num(a.lede_score, 3),
            kremlin: format!("{}%", shares[0]),
            neutral: format!("{}%", shares[1]),
            western: format!("{}%", shares[2]),
            bar: SharesBar {
                kremlin: width(a.share_kremlin),
                neutral: width(a.share_neutral),
                western: width(a.share_western),
                kremlin_colour: palette::KREMLIN.hex(),
                neutral_colour: palette::NEUTRAL.hex(),
                western_colour: palette::WESTERN.hex(),
            },
            // Not coloured by sign: no interval is computed for them, so a colour would claim
            // a side the numbers cannot back (review, session 35).
            voice: Optional::plain(a.voice_score, |v| num(v, 3)),
            quoted: Optional::plain(a.quoted_score, |v| num(v, 3)),
            own: Optional::new(a.own_voice_share, pct),
            voice_or_na: a.voice_score.map_or("n/a".to_string(), |v| num(v, 3)),
            own_or_na: a.own_voice_share.map_or("n/a".to_string(), pct),
            offset: num(a.score_offset, 3),
            sourcing,
            sentences,
            cuts,
            terms: [
                terms("Top Kremlin-side terms", "pos", &a.top_terms_kremlin),
                terms("Top Western-side terms", "neg", &a.top_terms_western),
            ],
        }
    }
}

/// One sentence of an article's text, shaded by p_kremlin, with its tooltip.
struct SentenceView<'a> {
    headline: bool,
    /// `""` or `" shared"` (a CSS class).
    shared: &'static str,
    p: String,
    voice: &'a str,
    background: String,
    tip: String,
    /// Escaped HTML built by tested code: the quoted actors' badges
    /// ([`super::Marks::for_sentence`]) and the text with its quotes and lexicon hits marked
    /// ([`super::text::mark_voice`]).
    badges: String,
    text: String,
}

impl<'a> SentenceView<'a> {
    /// `e`: the sentence's evidence as framing_score counts it (`None`: not counted).
    fn new(a: &ArticleScore, s: &'a SentenceScore, e: Option<f64>, marks: &super::Marks) -> Self {
        let hits: Vec<(&str, Side)> = s
            .kremlin_hits
            .iter()
            .map(|p| (p.as_str(), Side::Kremlin))
            .chain(s.western_hits.iter().map(|p| (p.as_str(), Side::Western)))
            .collect();
        let mut tip = format!("p_kremlin {:.3}", s.p_kremlin);
        // Its pull on the score, which its parts decide: scare-quoted terms count for the
        // other side, quoted words at the model's weight.
        match e.map(|e| e - a.score_offset) {
            Some(pull) => tip.push_str(&pull_text(pull)),
            None => tip.push_str(" · not counted in framing_score (no weighted word)"),
        }
        if !s.kremlin_hits.is_empty() {
            tip.push_str(&format!(" · Kremlin lexicon: {}", s.kremlin_hits.join(", ")));
        }
        if !s.western_hits.is_empty() {
            tip.push_str(&format!(" · Western lexicon: {}", s.western_hits.join(", ")));
        }
        // The own-voice p where it differs from p_kremlin: a sentence with quoted words, or
        // scare-quoted terms that flipped (with nothing quoted, nothing else makes it differ).
        let scare = s.voice_spans.contains("scare");
        let flipped = |p: f64| scare && s.quoted_words == 0 && (p - s.p_kremlin).abs() > 5e-7;
        if let Some(p) = s.p_own.filter(|&p| s.voice != "own" || flipped(p)) {
            tip.push_str(&format!(" · own voice p {p:.3}"));
            if flipped(p) {
                tip.push_str(" (scare-quoted terms count for the other side)");
            }
        }
        if let Some(p) = s.p_quoted {
            tip.push_str(&format!(" · quoted p {p:.3}"));
        }
        let (more, shared, badges) = marks.for_sentence(&a.id, s.index);
        tip.push_str(&more);
        SentenceView {
            headline: s.is_headline,
            shared,
            p: format!("{:.6}", s.p_kremlin),
            voice: &s.voice,
            // Shaded by what it adds to framing_score, e − c on the palette's −1 → +1
            // (p_kremlin itself is in the tooltip): shaded by raw p, a sentence with no known
            // term showed a Kremlin tint wherever c < 0 (review, session 35).
            background: palette::diverging(e.map_or(0.5, |e| (e - a.score_offset + 1.0) / 2.0)).hex(),
            tip,
            badges,
            text: super::text::mark_voice(&s.text, &s.voice_spans, &hits),
        }
    }
}

/// " · adds e − c = … (toward …)": the direction is the number shown's, so a pull that prints
/// as 0.000 (−5e-17 at the no-evidence point) has none.
fn pull_text(pull: f64) -> String {
    let shown = num(pull, 3);
    let direction = match shown.as_bytes()[0] {
        b'+' => " (toward Kremlin)",
        b'-' => " (toward Western)",
        _ => "",
    };
    format!(" · adds e − c = {shown} to framing_score's mean{direction}")
}

#[cfg(test)]
mod tests {
    use super::pull_text;

    #[test]
    fn a_pull_shown_as_zero_has_no_direction() {
        assert_eq!(pull_text(-5e-17), " · adds e − c = 0.000 to framing_score's mean");
        assert_eq!(pull_text(-0.0004), " · adds e − c = 0.000 to framing_score's mean");
        assert_eq!(
            pull_text(0.0006),
            " · adds e − c = +0.001 to framing_score's mean (toward Kremlin)"
        );
        assert_eq!(
            pull_text(-0.25),
            " · adds e − c = -0.250 to framing_score's mean (toward Western)"
        );
    }
}
