//! Lexicon diagnostics, in the spirit of Snorkel's labelling-function summary: for every
//! entry, how often it fires, where it overlaps or conflicts with the other side, and —
//! where articles carry a known side — how precise it is, with a Wilson interval.

use super::{weak_label, Lexicon, LexiconEvidence};
use crate::corpus::Side;
use crate::report::cell;
use serde::Serialize;

/// One entry's behaviour over a corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryStats {
    pub phrase: String,
    pub side: Side,
    #[serde(serialize_with = "cell::f6")]
    pub weight: f64,
    pub source: String,
    /// Occurrences in all sentences.
    pub occurrences: usize,
    /// Sentences with at least one occurrence.
    pub sentences: usize,
    pub articles: usize,
    /// Share of all sentences it hits.
    #[serde(serialize_with = "cell::f6")]
    pub coverage: f64,
    /// Sentences it hits that the other side's entries also hit.
    pub overlaps: usize,
    /// Sentences it hits whose weak label is the other side.
    pub conflicts: usize,
    /// Sentences it hits inside articles with a known side.
    pub labelled_hits: usize,
    /// Of those, sentences inside articles of its own side.
    pub own_side_hits: usize,
    #[serde(serialize_with = "cell::o6")]
    pub precision: Option<f64>,
    #[serde(serialize_with = "cell::o6")]
    pub precision_low: Option<f64>,
    #[serde(serialize_with = "cell::o6")]
    pub precision_high: Option<f64>,
    /// Articles with a known side it fires in, and of those, articles of its own side: the
    /// same precision counted by article. Hits within one article are not independent (an
    /// outlet repeats its vocabulary: "hysterical" three times in one article gave a
    /// sentence interval of [0.44, 1], as if three articles agreed; review, session 43), so
    /// the article interval is the one to judge an entry by.
    pub labelled_articles: usize,
    pub own_side_articles: usize,
    #[serde(serialize_with = "cell::o6")]
    pub article_precision: Option<f64>,
    #[serde(serialize_with = "cell::o6")]
    pub article_precision_low: Option<f64>,
    #[serde(serialize_with = "cell::o6")]
    pub article_precision_high: Option<f64>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct LexiconReport {
    pub sentences: usize,
    pub articles: usize,
    pub labelled_kremlin: usize,
    pub labelled_western: usize,
    pub unlabelled: usize,
    /// Share of sentences hit by any entry.
    pub coverage: f64,
    pub entries: Vec<EntryStats>,
    /// Entries that never fire, by phrase (see [`LexiconReport::only_languages`]).
    pub never_fire: Vec<String>,
    /// Entries left out of `never_fire` because they are in a language none of the
    /// articles is in (a Russian entry cannot fire in English text).
    pub other_languages: usize,
    /// The most-used entries (rows and columns of `cooccurrence`).
    pub top_entries: Vec<String>,
    /// Sentences hit by both entries i and j (diagonal: sentences hit by i).
    pub cooccurrence: Vec<Vec<usize>>,
}

impl LexiconReport {
    /// Keep in `never_fire` only the entries that could fire in text of `langs` (the
    /// articles' languages), counting the others in `other_languages`.
    pub fn only_languages<'a>(&mut self, lex: &Lexicon, langs: impl IntoIterator<Item = &'a str> + Clone) {
        let (mut keep, mut other) = (Vec::new(), 0);
        for (s, e) in self.entries.iter().zip(&lex.entries) {
            if s.sentences > 0 {
                continue;
            }
            match lex.can_fire_in(e, langs.clone()) {
                true => keep.push(s.phrase.clone()),
                false => other += 1,
            }
        }
        self.never_fire = keep;
        self.other_languages = other;
    }
}

/// 95% Wilson score interval for `k` successes in `n` trials.
pub fn wilson(k: usize, n: usize) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let z = 1.959963984540054_f64;
    let (n, p) = (n as f64, k as f64 / n as f64);
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// Largest co-occurrence matrix, in entries a side: 1,000 × 1,000 counts (8 MB, a CSV of a
/// few MB). The matrix is dense, so an unbounded `top` over a lexicon of 60,000 entries that
/// all fire asked for 60,000² counts (29 GB) and the process aborted (issue 14).
pub const MAX_TOP: usize = 1_000;

/// Compute the report over analysed articles, each given as its known side (if any) and the
/// lexicon evidence of its sentences, in order; `top` bounds the co-occurrence matrix (at
/// most [`MAX_TOP`]; the caller checks it, a larger value is treated as `MAX_TOP`).
pub fn diagnose<'a, A, S>(lex: &Lexicon, articles: A, margin: f64, top: usize) -> LexiconReport
where
    A: IntoIterator<Item = (Option<Side>, S)>,
    S: IntoIterator<Item = &'a LexiconEvidence>,
{
    let mut d = Diagnosis::new(lex, margin);
    articles
        .into_iter()
        .for_each(|(label, evidence)| d.add(label, evidence));
    d.finish(top)
}

/// [`diagnose`] one article at a time, so that a streamed corpus's articles can be dropped
/// once added: what is kept is the counts and the entries hit by each sentence that has any.
#[derive(Debug)]
pub struct Diagnosis<'l> {
    lex: &'l Lexicon,
    margin: f64,
    st: Vec<EntryStats>,
    sentences: usize,
    articles: usize,
    labelled_kremlin: usize,
    labelled_western: usize,
    covered: usize,
    /// The entries (sorted, each once) of each sentence with a hit, for the co-occurrence
    /// matrix (a sentence with none adds nothing to it).
    hits: Vec<Vec<usize>>,
}

impl<'l> Diagnosis<'l> {
    pub fn new(lex: &'l Lexicon, margin: f64) -> Diagnosis<'l> {
        let st = lex
            .entries
            .iter()
            .map(|e| EntryStats {
                phrase: e.phrase.clone(),
                side: e.side,
                weight: e.weight,
                source: e.source.clone(),
                occurrences: 0,
                sentences: 0,
                articles: 0,
                coverage: 0.0,
                overlaps: 0,
                conflicts: 0,
                labelled_hits: 0,
                own_side_hits: 0,
                precision: None,
                precision_low: None,
                precision_high: None,
                labelled_articles: 0,
                own_side_articles: 0,
                article_precision: None,
                article_precision_low: None,
                article_precision_high: None,
            })
            .collect();
        Diagnosis {
            lex,
            margin,
            st,
            sentences: 0,
            articles: 0,
            labelled_kremlin: 0,
            labelled_western: 0,
            covered: 0,
            hits: Vec::new(),
        }
    }

    /// Add one article: its known side (if any) and its sentences' evidence, in order.
    pub fn add<'a>(&mut self, article_label: Option<Side>, evidence: impl IntoIterator<Item = &'a LexiconEvidence>) {
        let (lex, st) = (self.lex, &mut self.st);
        self.articles += 1;
        let mut in_article = vec![false; lex.entries.len()];
        for ev in evidence {
            self.sentences += 1;
            let label = weak_label(ev, self.margin);
            match label {
                Some(Side::Kremlin) => self.labelled_kremlin += 1,
                Some(Side::Western) => self.labelled_western += 1,
                None => {}
            }
            let mut hit: Vec<usize> = ev.hits.iter().map(|h| h.entry).collect();
            hit.iter().for_each(|&e| st[e].occurrences += 1);
            hit.sort_unstable();
            hit.dedup();
            if hit.is_empty() {
                continue;
            }
            self.covered += 1;
            let sides_hit = |side| hit.iter().any(|&e| lex.entries[e].side == side);
            for &e in &hit {
                let side = lex.entries[e].side;
                let x = &mut st[e];
                x.sentences += 1;
                in_article[e] = true;
                x.overlaps += usize::from(sides_hit(side.other()));
                x.conflicts += usize::from(label == Some(side.other()));
                if let Some(l) = article_label {
                    x.labelled_hits += 1;
                    x.own_side_hits += usize::from(l == side);
                }
            }
            self.hits.push(hit);
        }
        for (e, _) in in_article.iter().enumerate().filter(|(_, &b)| b) {
            let x = &mut st[e];
            x.articles += 1;
            if let Some(l) = article_label {
                x.labelled_articles += 1;
                x.own_side_articles += usize::from(l == lex.entries[e].side);
            }
        }
    }

    /// The report; `top` bounds the co-occurrence matrix (see [`diagnose`]).
    pub fn finish(self, top: usize) -> LexiconReport {
        let (mut st, n_s, n_e) = (self.st, self.sentences, self.lex.entries.len());
        for x in &mut st {
            x.coverage = if n_s > 0 { x.sentences as f64 / n_s as f64 } else { 0.0 };
            if let Some((lo, hi)) = wilson(x.own_side_hits, x.labelled_hits) {
                x.precision = Some(x.own_side_hits as f64 / x.labelled_hits as f64);
                x.precision_low = Some(lo);
                x.precision_high = Some(hi);
            }
            if let Some((lo, hi)) = wilson(x.own_side_articles, x.labelled_articles) {
                x.article_precision = Some(x.own_side_articles as f64 / x.labelled_articles as f64);
                x.article_precision_low = Some(lo);
                x.article_precision_high = Some(hi);
            }
        }
        let mut order: Vec<usize> = (0..n_e).filter(|&e| st[e].sentences > 0).collect();
        order.sort_by(|&a, &b| st[b].sentences.cmp(&st[a].sentences).then(a.cmp(&b)));
        order.truncate(top.min(MAX_TOP));
        let mut pos: Vec<Option<usize>> = vec![None; n_e];
        for (i, &e) in order.iter().enumerate() {
            pos[e] = Some(i);
        }
        let mut co = vec![vec![0; order.len()]; order.len()];
        for hit in &self.hits {
            let idx: Vec<usize> = hit.iter().filter_map(|&e| pos[e]).collect();
            for &i in &idx {
                for &j in &idx {
                    co[i][j] += 1;
                }
            }
        }
        let (lk, lw) = (self.labelled_kremlin, self.labelled_western);
        LexiconReport {
            sentences: n_s,
            articles: self.articles,
            labelled_kremlin: lk,
            labelled_western: lw,
            unlabelled: n_s - lk - lw,
            coverage: if n_s > 0 { self.covered as f64 / n_s as f64 } else { 0.0 },
            never_fire: st
                .iter()
                .filter(|x| x.sentences == 0)
                .map(|x| x.phrase.clone())
                .collect(),
            other_languages: 0,
            top_entries: order.iter().map(|&e| st[e].phrase.clone()).collect(),
            cooccurrence: co,
            entries: st,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::wilson;

    #[test]
    fn wilson_matches_a_worked_example() {
        // Worked example (Wilson 1927; e.g. Newcombe 1998, Stat Med 17:857, table I, case
        // 81/263): 95% interval 0.2553 to 0.3662.
        let (lo, hi) = wilson(81, 263).unwrap();
        assert!((lo - 0.2553).abs() < 5e-5 && (hi - 0.3662).abs() < 5e-5, "{lo} {hi}");
        // 0/10: lower bound 0, upper 0.2775 (Newcombe case 0/10: 0.0000 to 0.2775).
        let (lo, hi) = wilson(0, 10).unwrap();
        assert_eq!(lo, 0.0);
        assert!((hi - 0.2775).abs() < 5e-5, "{hi}");
        assert_eq!(wilson(0, 0), None);
    }

    /// Entry 0 (Kremlin) fires in three sentences of one Kremlin article and in one
    /// sentence of a Western article; entry 1 (Western) once in an unlabelled article.
    /// By sentence: 3 of 4 own side. By article: 1 of 2, Wilson(1, 2) by hand: p = 0.5,
    /// z² = 3.8415, centre = (0.5 + 0.9604) / 2.9207 = 0.5, half = (1.96 / 2.9207) ·
    /// √(0.125 + 0.2401) = 0.6710 · 0.6042 = 0.4054: [0.0946, 0.9054].
    #[test]
    fn precision_by_article_counts_an_article_once() {
        use super::{diagnose, LexiconEvidence};
        use crate::corpus::Side;
        use crate::lexicon::{Entry, Hit, Lexicon};
        let e = |p: &str, side| Entry {
            phrase: p.into(),
            side,
            weight: 1.0,
            stems: vec![p.into()],
            forms: None,
            source: "test".into(),
        };
        let lex = Lexicon::new(
            vec![e("kiev", Side::Kremlin), e("kyiv", Side::Western)],
            String::new(),
            String::new(),
        );
        let hit = |entry| LexiconEvidence {
            hits: vec![Hit {
                entry,
                start: 0,
                len: 1,
            }],
            ..Default::default()
        };
        let none = LexiconEvidence::default();
        let k = [hit(0), none.clone(), hit(0), hit(0)];
        let w = [hit(0), none.clone()];
        let u = [hit(1)];
        let r = diagnose(
            &lex,
            [
                (Some(Side::Kremlin), &k[..]),
                (Some(Side::Western), &w[..]),
                (None, &u[..]),
            ],
            1.0,
            15,
        );
        let x = &r.entries[0];
        assert_eq!((x.labelled_hits, x.own_side_hits, x.precision), (4, 3, Some(0.75)));
        assert_eq!(
            (x.labelled_articles, x.own_side_articles, x.article_precision),
            (2, 1, Some(0.5))
        );
        let (lo, hi) = (x.article_precision_low.unwrap(), x.article_precision_high.unwrap());
        assert!((lo - 0.0946).abs() < 5e-4 && (hi - 0.9054).abs() < 5e-4, "{lo} {hi}");
        // The sentence interval is narrower, as if the hits were four independent articles.
        assert!(x.precision_high.unwrap() - x.precision_low.unwrap() < hi - lo);
        let y = &r.entries[1];
        assert_eq!((y.articles, y.labelled_articles, y.article_precision), (1, 0, None));
    }
}
