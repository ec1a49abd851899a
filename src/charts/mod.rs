//! Comparison charts (PNG, drawn with plotters; plotters is used nowhere else).
//!
//! [`render_all`] draws every chart of a run, for a folder (`report::write_charts` writes them):
//!
//! | file | what it shows |
//! |---|---|
//! | `framing_scores.png` | framing_score per article, diverging bars with the 95% interval |
//! | `sentence_shares.png` | share of Kremlin / neutral / Western sentences per article |
//! | `framing_arc.png` | p_kremlin sentence by sentence, one small panel per article |
//! | `similarity.png` | cosine similarity of the articles' TF-IDF vectors ([`data`]) |
//! | `top_terms.png` | the model's strongest terms on each side |
//! | `lexicon_hits.png` | lexicon hits per article on each side |
//! | `voice_vs_quoted.png` | voice_score (own voice) against a second per-article series ([`YSeries`], quoted_score by default) |
//!
//! Colours come from [`palette`](crate::style::palette) (Okabe–Ito: vermillion Kremlin, blue Western, grey neutral).
//! Text uses DejaVu Sans compiled into the binary (the `dejavu` crate) and registered with
//! plotters' ab_glyph backend, so no system font or fontconfig is needed. With many articles
//! the per-article charts show the [`ChartOptions::max_articles`] most extreme (half from
//! each end) and say so in their subtitle. Every PNG is encoded in memory and handed to the
//! caller to write (atomically, by the report module); the same input gives byte-identical
//! files. Charts write nothing themselves.

mod arc;
mod bars;
pub mod before_after;
pub mod comparator;
pub mod data;
mod draw;
mod framing;
mod heatmap;
pub mod keyness;
mod scatter;
mod terms;

pub use data::{article_vector, similarity, similarity_of_vectors, Similarity, TopTerms};
pub use draw::Png;

use crate::compare::ArticleRow;
use crate::error::Result;
#[cfg(test)]
use crate::score::ArticleScore;
use crate::score::{ScoreParams, SentenceScore};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The per-article series on the y axis of `sourcing_vs_framing.png`. The default is the
/// lede score; any other per-article number (e.g. a sourcing balance) can be plotted instead.
#[derive(Debug, Clone)]
pub struct YSeries {
    /// Short name for the chart title ("lede score").
    pub name: String,
    /// Axis description.
    pub label: String,
    /// Fixed axis range, or `None` to fit the data.
    pub range: Option<(f64, f64)>,
    pub value: fn(&ArticleRow) -> f64,
}

impl YSeries {
    /// `lede_score`: framing of the headline and the first two body sentences.
    pub fn lede() -> YSeries {
        YSeries {
            name: "lede framing".into(),
            label: "lede_score (headline + first two sentences; −1 Western … +1 Kremlin)".into(),
            range: None,
            value: |a| a.lede_score,
        }
    }
}

impl YSeries {
    /// `sourcing_balance`: who is quoted, −1 only Western voices … +1 only Kremlin voices.
    pub fn sourcing() -> YSeries {
        YSeries {
            name: "sourcing balance".into(),
            label: "sourcing_balance (who is quoted: −1 only Western voices … +1 only Kremlin voices)".into(),
            range: Some((-1.1, 1.1)),
            value: |a| a.compare.sourcing_balance.unwrap_or(f64::NAN),
        }
    }

    /// `quoted_score`: framing of the material the article quotes (empty: nothing quoted).
    pub fn quoted() -> YSeries {
        YSeries {
            name: "quoted framing".into(),
            label: "quoted_score (what it quotes: −1 Western-sourced … +1 Kremlin-sourced)".into(),
            range: None,
            value: |a| a.quoted_score.unwrap_or(f64::NAN),
        }
    }

    /// The quoted score when any article has one, else the sourcing balance when any has
    /// one, else the lede score.
    pub fn auto(scores: &[ArticleRow]) -> YSeries {
        if scores.iter().any(|a| a.quoted_score.is_some()) {
            YSeries::quoted()
        } else if scores.iter().any(|a| a.compare.sourcing_balance.is_some()) {
            YSeries::sourcing()
        } else {
            YSeries::lede()
        }
    }
}

/// Layout options.
#[derive(Debug, Clone)]
pub struct ChartOptions {
    /// Per-article bar charts show at most this many articles (the most extreme of each side).
    pub max_articles: usize,
    /// `framing_arc.png` draws at most this many panels.
    pub max_panels: usize,
    /// The heatmap shows at most this many articles.
    pub max_heatmap: usize,
    /// Terms per side in `top_terms.png`.
    pub top_terms: usize,
    pub y_series: YSeries,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            max_articles: 40,
            max_panels: 12,
            max_heatmap: 40,
            top_terms: 15,
            y_series: YSeries::lede(),
        }
    }
}

/// Everything the charts are drawn from. Only `scores` is required; charts whose data is
/// missing are skipped (and listed in [`Rendered::skipped`]).
#[derive(Debug, Clone)]
pub struct ChartInput<'a> {
    pub scores: &'a [ArticleRow],
    pub sentences: &'a [SentenceScore],
    pub top_terms: Option<&'a TopTerms>,
    pub similarity: Option<&'a Similarity>,
    /// Per-outlet rows (`outlets.png`), when outlets are known.
    pub outlets: Option<&'a [crate::compare::outlets::OutletRow]>,
    /// Thresholds that made the shares (p ≥ kremlin is Kremlin, p ≤ western is Western).
    pub kremlin_threshold: f64,
    pub western_threshold: f64,
}

impl<'a> ChartInput<'a> {
    /// Input with the default thresholds and no optional data.
    pub fn new(scores: &'a [ArticleRow], sentences: &'a [SentenceScore]) -> ChartInput<'a> {
        let d = ScoreParams::default();
        ChartInput {
            scores,
            sentences,
            top_terms: None,
            similarity: None,
            outlets: None,
            kremlin_threshold: d.kremlin_threshold,
            western_threshold: d.western_threshold,
        }
    }
}

/// What [`render_all`] did.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub written: Vec<PathBuf>,
    /// (file, reason) of charts not drawn.
    pub skipped: Vec<(String, String)>,
}

/// The chart files, in drawing order.
pub const CHART_FILES: &[&str] = &[
    "framing_scores.png",
    "sentence_shares.png",
    "framing_arc.png",
    "similarity.png",
    "top_terms.png",
    "lexicon_hits.png",
    "voice_vs_quoted.png",
];

/// What a chart shows, in a sentence, for the report's caption (its file name alone was the
/// caption: review, session 35); `None` for a file this module does not draw.
pub fn caption(file: &str) -> Option<&'static str> {
    Some(match file {
        "framing_scores.png" => "framing_score per article with its 95% interval: left Western-sourced, right Kremlin-sourced; grey = undecided (the interval contains 0, or no sentence is past that side's threshold).",
        "sentence_shares.png" => "Share of each article's sentences that are Kremlin (p − c/2 ≥ 0.6), neutral, or Western (p − c/2 ≤ 0.4).",
        "framing_arc.png" => "p − c/2 sentence by sentence, one panel per article, with the Kremlin and Western bands shaded; the headline is a square.",
        "similarity.png" => "Cosine similarity of the articles' TF-IDF vectors: which articles use the same words.",
        "top_terms.png" => "The model's 15 strongest terms on each side (logistic-regression weights of stemmed 1–2-grams).",
        "lexicon_hits.png" => "Seed-lexicon hits per article: Western entries to the left, Kremlin entries to the right.",
        "voice_vs_quoted.png" => "Each article's own voice (x) against what it quotes (y); articles that quote nothing sit in the grey strip below.",
        "own_text.png" => "Share of each article's text that is its own, not copy shared with another article of the run.",
        "outlets.png" => "Mean framing_score per outlet with its 95% interval and its number of articles n; an outlet of fewer than four articles is undecided.",
        "before_after.png" => "Each article's framing_score before (hollow) and after (filled) the change, coloured by the direction it moved.",
        _ => return None,
    })
}

/// The comparator's charts, drawn only when their data exists.
pub const COMPARATOR_CHART_FILES: &[&str] = &["own_text.png", "outlets.png"];

/// Where [`render_all`] puts a chart: called with the chart's path and its PNG bytes. The
/// report module's atomic write (`report::write_charts`) is the one used; charts write nothing.
pub type WritePng<'a> = dyn Fn(&Path, &[u8]) -> Result<()> + Sync + 'a;

/// Draw every chart, handing each PNG to `write` with its path in `dir` (a folder the caller
/// has prepared).
pub fn render_all(input: &ChartInput, opts: &ChartOptions, dir: &Path, write: &WritePng) -> Result<Rendered> {
    draw::register_fonts();
    let mut out = Rendered::default();
    if input.scores.is_empty() {
        for f in CHART_FILES {
            out.skipped.push((f.to_string(), "no scored articles".into()));
        }
        return Ok(out);
    }
    // Each chart is independent: drawn and written in parallel, reported in this fixed order.
    type Draw<'a> = Box<dyn Fn() -> Result<Option<Png>> + Send + Sync + 'a>;
    let at = |name: &str| dir.join(name);
    let charts: Vec<(&str, Draw<'_>, &str)> = vec![
        (
            CHART_FILES[0],
            Box::new(|| framing::framing_scores(input, opts, &at(CHART_FILES[0])).map(Some)),
            "",
        ),
        (
            CHART_FILES[1],
            Box::new(|| bars::sentence_shares(input, opts, &at(CHART_FILES[1])).map(Some)),
            "",
        ),
        (
            CHART_FILES[2],
            Box::new(|| arc::framing_arc(input, opts, &at(CHART_FILES[2]))),
            "no sentences (sentences.csv missing or empty)",
        ),
        (
            CHART_FILES[3],
            Box::new(|| heatmap::similarity(input, opts, &at(CHART_FILES[3]))),
            "no similarity matrix (similarity.csv missing: `run` writes it, `score` does not; or too many articles)",
        ),
        (
            CHART_FILES[4],
            Box::new(|| terms::top_terms(input, opts, &at(CHART_FILES[4]))),
            "no model weights (model.json missing)",
        ),
        (
            CHART_FILES[5],
            Box::new(|| bars::lexicon_hits(input, opts, &at(CHART_FILES[5])).map(Some)),
            "",
        ),
        (
            CHART_FILES[6],
            Box::new(|| scatter::voice_vs_quoted(input, opts, &at(CHART_FILES[6])).map(Some)),
            "",
        ),
        // The comparator's charts, drawn only when their data exists (never listed as skipped).
        (
            "own_text.png",
            Box::new(|| comparator::own_text(input, opts, &at("own_text.png"))),
            "",
        ),
        (
            "outlets.png",
            Box::new(|| comparator::outlets(input.outlets.unwrap_or(&[]), opts, &at("outlets.png"))),
            "",
        ),
    ];
    let results: Vec<Result<bool>> = charts
        .par_iter()
        .map(|(name, draw, _)| match draw()? {
            Some(png) => write(&at(name), &png).map(|_| true),
            None => Ok(false),
        })
        .collect();
    for ((name, _, why), r) in charts.iter().zip(results) {
        if r? {
            out.written.push(dir.join(name));
        } else if !why.is_empty() || CHART_FILES.contains(name) {
            out.skipped.push((name.to_string(), why.to_string()));
        }
    }
    Ok(out)
}

/// Articles for a per-article chart, most Kremlin-framed first: all of them when at most
/// `max`, else the `max/2` most Kremlin- and `max - max/2` most Western-framed, with a note.
///
/// Ordered by the score as scores.csv holds it (6 decimals), then id: `run` draws from the
/// unrounded scores and `chart` from the table, and two scores that differ only past the 6th
/// decimal would otherwise be ordered by value in one and by id in the other, and the two
/// PNGs differ (seen at 1,300 articles, session 39).
pub fn select_articles(scores: &[ArticleRow], max: usize) -> (Vec<&ArticleRow>, Option<String>) {
    select_rows(scores, max, "articles")
}

/// [`select_articles`] of rows that are `noun` (outlets drawn as articles), so named in the note.
pub(crate) fn select_rows<'a>(
    scores: &'a [ArticleRow],
    max: usize,
    noun: &str,
) -> (Vec<&'a ArticleRow>, Option<String>) {
    let mut keyed: Vec<(f64, &ArticleRow)> = (scores.iter())
        .map(|a| (crate::report::as_written(a.framing_score), a))
        .collect();
    keyed.sort_by(|(x, a), (y, b)| y.total_cmp(x).then_with(|| a.id.cmp(&b.id)));
    let rows: Vec<&ArticleRow> = keyed.into_iter().map(|(_, a)| a).collect();
    let max = max.max(2);
    if rows.len() <= max {
        return (rows, None);
    }
    let n = rows.len();
    let top = max / 2;
    let mut keep: Vec<&ArticleRow> = rows[..top].to_vec();
    keep.extend_from_slice(&rows[n - (max - top)..]);
    let note = format!(
        "showing the {top} most Kremlin- and {} most Western-framed of {n} {noun}",
        max - top
    );
    (keep, Some(note))
}

/// Titles of at most this many characters leave an id [`LONG_ID`] characters.
const SHORT_TITLE: usize = 24;
const LONG_ID: usize = 28;

/// A short label: the id (shortened to 14 characters by [`distinct_ids`]) and the title cut
/// to `title_chars`. Use [`short_labels`] for several articles, whose ids must stay distinct.
pub fn short_label(a: &ArticleRow, title_chars: usize) -> String {
    let id = distinct_ids(&[a.id.as_str()], 14).remove(0);
    label_with(&id, a, title_chars)
}

fn label_with(id: &str, a: &ArticleRow, title_chars: usize) -> String {
    match &a.title {
        Some(t) if title_chars > 0 => format!("{id}  {}", cut(t, title_chars)),
        _ => id.to_string(),
    }
}

/// Labels of several articles with ids shortened by [`distinct_ids`]: to 14 characters,
/// leaving room for a headline, or to [`LONG_ID`] when no row's title is longer than
/// [`SHORT_TITLE`] (the outlet bars, whose "title" is `en · n = 5 articles`: their names were cut to
/// `kyivindepende…` beside free space, review, session 43).
pub fn short_labels(rows: &[&ArticleRow], title_chars: usize) -> Vec<String> {
    let ids: Vec<&str> = rows.iter().map(|a| a.id.as_str()).collect();
    let short_titles = rows
        .iter()
        .all(|a| a.title.as_deref().map_or(0, |t| t.chars().count()) <= SHORT_TITLE);
    distinct_ids(&ids, if short_titles { LONG_ID } else { 14 })
        .iter()
        .zip(rows)
        .map(|(id, a)| label_with(id, a, title_chars))
        .collect()
}

/// Ids shortened to at most `n` characters that stay distinct, keeping the parts a reader
/// reads. An id's parts are split at `_ - : . /` or a space.
///
/// 1. An id of at most `n` characters is kept whole (`art-0001`).
/// 2. A trailing hash (a last part of at least 8 hex digits, with a digit and a letter: seed ids
///    `001_b842e1f178b2f794`, `sha256:9f86d0…`) means nothing to a reader: it keeps its
///    first 4 digits, `001_b842…`, `sha256:9f86…`, one more at a time while two ids read the
///    same.
/// 3. Any other long id keeps its start, where ids name their side and outlet, cut at the
///    end: `kremlin_tass_01` → `kremlin_tass…` (a separator before `…` is dropped).
/// 4. Ids whose start reads the same keep their last part too (their serial number, up to 5
///    characters) after the `…`: `kremlin_pravda_02` and `kremlin_pravda_21` →
///    `kremlin_pra…02` and `kremlin_pra…21`, the end growing while they still read the same.
/// 5. Ids that cannot be told apart within `n` characters are kept whole.
/// 6. A folder-qualified id (`labeled-ru/kremlin_tass_01`, a file named like one of another
///    folder) keeps its file's part, shortened by these rules, after `…/`.
pub fn distinct_ids(ids: &[&str], n: usize) -> Vec<String> {
    let mut level = vec![0usize; ids.len()];
    // Every round lengthens the clashing ids; by round n + 2 each of them is whole.
    for _ in 0..n + 2 {
        let out: Vec<String> = ids.iter().zip(&level).map(|(id, &k)| shorten(id, n, k)).collect();
        let mut clash = false;
        for i in 0..ids.len() {
            if (0..ids.len()).any(|j| out[j] == out[i] && ids[j] != ids[i]) {
                level[i] += 1;
                clash = true;
            }
        }
        if !clash {
            return out;
        }
    }
    ids.iter().map(|s| s.to_string()).collect()
}

const ID_SEPARATORS: &[char] = &['_', '-', ':', '.', '/', ' '];

/// `id` shortened by the rules of [`distinct_ids`], `k` steps longer than the shortest form.
fn shorten(id: &str, n: usize, k: usize) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= n {
        return id.to_string();
    }
    if let Some((_, file)) = id.rsplit_once('/').filter(|(_, f)| n > 4 && !f.is_empty()) {
        return format!("…/{}", shorten(file, n - 2, k));
    }
    let last_start = chars
        .iter()
        .rposition(|c| ID_SEPARATORS.contains(c))
        .map_or(0, |i| i + 1);
    let last = &chars[last_start..];
    let is_hash = last.len() >= 8
        && last.iter().all(|c| c.is_ascii_hexdigit())
        && last.iter().any(|c| c.is_ascii_digit())
        && last.iter().any(|c| c.is_ascii_alphabetic());
    let joined = |head: &[char], tail: &[char]| -> String {
        let head: String = head.iter().collect();
        let tail: String = tail.iter().collect();
        format!("{}…{tail}", head.trim_end_matches(ID_SEPARATORS))
    };
    // Room for the part before the hash, 4 digits and "…".
    if is_hash && last_start + 4 < n {
        let keep = last_start + 4 + k;
        return if keep < n {
            joined(&chars[..keep], &[])
        } else {
            id.to_string()
        };
    }
    if k == 0 {
        return joined(&chars[..n - 1], &[]);
    }
    let tail = last.len().clamp(1, 5) + k - 1;
    if tail + 2 > n {
        return id.to_string();
    }
    joined(&chars[..n - 1 - tail], &chars[chars.len() - tail..])
}

/// `s` cut to at most `n` characters, with `…` when cut.
pub fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_ids_keep_side_and_outlet_and_add_the_number_only_to_tell_them_apart() {
        let ids = [
            "kremlin_pravda_02",  // 17: cut to 13 + "…", but pravda_21 reads the same,
            "kremlin_pravda_21",  // so both keep "02"/"21" after 14 - 1 - 2 = 11 characters
            "kremlin_tass_01",    // 15: "kremlin_tass_" loses its "_" before "…"
            "western_reuters_01", // 18
            "western_bbc_21",     // 14: whole
        ];
        assert_eq!(
            distinct_ids(&ids, 14),
            [
                "kremlin_pra…02",
                "kremlin_pra…21",
                "kremlin_tass…",
                "western_reute…",
                "western_bbc_21"
            ]
        );
        // The scatter's key has 22 characters: only the longest dev id is cut.
        assert_eq!(
            distinct_ids(&["western_kyivindependent_21", "kremlin_almayadeen_02"], 22),
            ["western_kyivindepende…", "kremlin_almayadeen_02"]
        );
    }

    #[test]
    fn seed_ids_drop_their_hash_but_four_digits() {
        // A folder-qualified id keeps its file's part (rule 6), told apart from the same
        // file name unqualified: 12 characters for the file part, 11 kept and "…".
        assert_eq!(
            distinct_ids(&["kremlin_tass_01", "labeled-ru/kremlin_tass_01"], 14),
            ["kremlin_tass…", "…/kremlin_tas…"]
        );
        let got = distinct_ids(&["000_d73d1625d48df82f", "001_b842e1f178b2f794", "art-0001"], 14);
        assert_eq!(got, ["000_d73d…", "001_b842…", "art-0001"]);
        // A fifth digit, then more, only where four read the same.
        let got = distinct_ids(
            &["000_d73d1625d48df82f", "000_d73d9625d48df82f", "000_d73e1625d48df82f"],
            14,
        );
        assert_eq!(got, ["000_d73d1…", "000_d73d9…", "000_d73e…"]);
        let sha = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assert_eq!(distinct_ids(&[sha], 14), ["sha256:9f86…"]);
        // A long id without a hash (no hex letter in "20240105") is cut at the end.
        assert_eq!(distinct_ids(&["feed-item-20240105"], 14), ["feed-item-202…"]);
    }

    #[test]
    fn ids_differing_only_in_the_middle_keep_a_longer_end_or_stay_whole() {
        // Start and last part ("zz") read the same: the end grows to "_zz", then "1_zz".
        let got = distinct_ids(&["abcdefghijklmnop_1_zz", "abcdefghijklmnop_2_zz"], 14);
        assert_eq!(got, ["abcdefghi…1_zz", "abcdefghi…2_zz"]);
        assert!(got.iter().all(|s| s.chars().count() <= 14));
        // Told apart neither by their first 13 characters nor by their last 12 (the most an
        // end can keep beside 1 of start and "…"): whole.
        let (a, b) = ("aaaaaaaaaaaaaa1bbbbbbbbbbbbbb", "aaaaaaaaaaaaaa2bbbbbbbbbbbbbb");
        assert_eq!(distinct_ids(&[a, b], 14), [a, b]);
        // The same id twice is one article twice, not a clash.
        assert_eq!(distinct_ids(&["abc", "abc"], 14), vec!["abc", "abc"]);
        let long = "kremlin_pravda_02";
        assert_eq!(distinct_ids(&[long, long], 14), ["kremlin_pravd…", "kremlin_pravd…"]);
    }

    fn score(id: &str, f: f64) -> ArticleRow {
        ArticleRow::from(ArticleScore {
            id: id.into(),
            title: Some("A rather long headline about talks in Moscow and Kyiv".into()),
            outlet: None,
            date: None,
            label: None,
            n_sentences: 3,
            framing_score: f,
            score_low: None,
            score_high: None,
            lede_score: 0.0,
            share_kremlin: 0.0,
            share_neutral: 1.0,
            share_western: 0.0,
            lexicon_hits_kremlin: 0,
            lexicon_hits_western: 0,
            lexicon_score: 0.0,
            n_cut: 0,
            top_terms_kremlin: vec![],
            top_terms_western: vec![],
            origin: String::new(),
            lang: "en".into(),
            ..Default::default()
        })
    }

    #[test]
    fn selection_keeps_both_extremes_and_says_so() {
        let s: Vec<_> = (0..10)
            .map(|i| score(&format!("a{i}"), i as f64 / 10.0 - 0.45))
            .collect();
        let (rows, note) = select_articles(&s, 4);
        let ids: Vec<&str> = rows.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a9", "a8", "a1", "a0"]);
        assert!(note.unwrap().contains("of 10 articles"));
        let (rows, note) = select_articles(&s[..3], 4);
        assert_eq!(rows.len(), 3);
        assert!(note.is_none());
        // 0.1000004 and 0.1000001 are both 0.100000 in scores.csv: ordered by id, as `chart`
        // reading the table orders them.
        let s = [score("b", 0.1000004), score("a", 0.1000001), score("c", 0.1000006)];
        let ids: Vec<&str> = select_articles(&s, 4).0.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["c", "a", "b"]);
        // The same for own_text.png's rows, least own text first: b (0.5000001) and a
        // (0.5000004) tie at 0.500000 as written, so a comes first, by id.
        let mut s = s;
        for (r, share) in s.iter_mut().zip([0.5000001, 0.5000004, 0.4999994]) {
            r.compare.own_text_share = Some(share);
        }
        let ids: Vec<&str> = comparator::own_text_rows(&s, 2)
            .0
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(ids, ["c", "a"]);
    }

    #[test]
    fn labels_are_cut_with_an_ellipsis() {
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("abc", 4), "abc");
        let l = short_label(&score("000_d73d1625d48df82f", 0.0), 20);
        assert_eq!(l, "000_d73d…  A rather long headl…");
    }
}
