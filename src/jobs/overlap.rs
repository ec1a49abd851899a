//! `overlap`: shared copy between every pair of articles (exact and near-duplicate
//! sentences), how much of each article is shared, and what each outlet added or cut.
//! Writes overlap.csv, overlap_sentences.csv and overlap_paragraphs.csv.

use super::common::{self, DataOptions, Inputs};
use super::Progress;
use crate::compare::overlap::{find_matches, fingerprint_document, pairs, OverlapParams};
use crate::compare::tables::{OverlapParagraphRow, OverlapRow, OverlapSentenceRow};
use crate::corpus::InputProblem;
use crate::error::{Error, Result};
use crate::report::{self, Table};
use std::path::PathBuf;

/// What `overlap` compares and how.
#[derive(Debug, Clone, PartialEq)]
pub struct OverlapOptions {
    /// Folder for the three tables.
    pub out: PathBuf,
    /// Jaccard similarity of word 3-shingles at which two sentences are near-duplicates.
    pub threshold: f64,
    /// Pairs are listed when either article shares at least this share of its words.
    pub min_share: f64,
    pub data: DataOptions,
    pub inputs: Inputs,
}

/// Two articles sharing copy, as a reader sees them.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedPair {
    pub a: String,
    pub b: String,
    pub share_a: f64,
    pub share_b: f64,
    pub exact_sentences_a: usize,
    /// Paragraphs of A that B lacks: (paragraph name, text); `headline` for the title.
    pub only_a: Vec<(String, String)>,
    /// Paragraphs of B that A lacks.
    pub only_b: Vec<(String, String)>,
}

/// What `overlap` produced.
#[derive(Debug)]
pub struct OverlapOutput {
    /// Article pairs above `min_share`, as in overlap.csv.
    pub pairs: Vec<SharedPair>,
    pub problems: Vec<InputProblem>,
}

fn para_name(p: Option<usize>) -> String {
    p.map_or("headline".into(), |p| p.to_string())
}

/// Find shared copy and write the three tables.
pub fn overlap(o: &OverlapOptions, progress: &dyn Progress) -> Result<OverlapOutput> {
    if !(0.0..=1.0).contains(&o.threshold) || o.threshold == 0.0 {
        return Err(Error::Invalid(format!(
            "--threshold must be in (0, 1], got {}",
            o.threshold
        )));
    }
    // A share is at most 1: `--min-share 2` printed "shares 200% or more" (review, session 30).
    if !(0.0..=1.0).contains(&o.min_share) {
        return Err(Error::Invalid(format!(
            "--min-share must be in [0, 1] (a share of the article's words), got {}",
            o.min_share
        )));
    }
    let res = o.data.resources_announced(progress)?;
    let (mut sources, mut problems) = o.inputs.read_once(None, progress).sources()?;
    // Checked and locked before any work; the three tables move in together
    // (report::StagedFiles).
    let staged = report::StagedFiles::create(
        &o.out,
        &[
            "overlap.csv",
            "overlap_sentences.csv",
            "overlap_paragraphs.csv",
            "overlap.run.json",
        ],
        &common::input_paths(&o.inputs, &o.data),
    )?;
    let dir = staged.path();
    let mut record = common::addon_record("overlap", &mut sources, &mut problems, &o.data, &res, None)?;
    let docs = common::load_reported(sources, &mut problems, &res, progress)?;
    if docs.is_empty() {
        return Err(Error::Invalid("no usable articles".into()));
    }
    let params = OverlapParams {
        near_threshold: o.threshold,
        ..Default::default()
    };
    let prints: Vec<_> = docs.iter().map(|d| fingerprint_document(d, params.shingle)).collect();
    let paras: Vec<Vec<Option<usize>>> = docs
        .iter()
        .map(|d| d.sentences.iter().map(|s| s.paragraph).collect())
        .collect();
    let m = find_matches(&prints, &params).map_err(|e| {
        Error::Invalid(format!(
            "{e}: compare a subset of the articles, or raise --threshold (now {})",
            o.threshold
        ))
    })?;
    let ps = pairs(&prints, &paras, &m, o.min_share);
    let id = |i: usize| docs[i].article.id.clone();
    let outlet = |i: usize| docs[i].article.outlet.clone().unwrap_or_default();
    let para_text = |i: usize, p: Option<usize>| match p {
        Some(p) => docs[i].article.paragraphs[p].clone(),
        None => docs[i].article.title.clone().unwrap_or_default(),
    };
    let mut t = Table::create(&dir.join("overlap.csv"))?;
    for p in &ps {
        t.write(&OverlapRow {
            article_a: id(p.a),
            article_b: id(p.b),
            outlet_a: outlet(p.a),
            outlet_b: outlet(p.b),
            sentences_a: prints[p.a].len(),
            sentences_b: prints[p.b].len(),
            shared_sentences_a: p.shared_sentences_a,
            shared_sentences_b: p.shared_sentences_b,
            exact_sentences_a: p.exact_sentences_a,
            share_a: p.share_a,
            share_b: p.share_b,
            paragraphs_only_a: p.only_a.len(),
            paragraphs_only_b: p.only_b.len(),
        })?;
    }
    t.commit()?;
    let mut t = Table::create(&dir.join("overlap_sentences.csv"))?;
    for (i, d) in docs.iter().enumerate() {
        for (j, s) in d.sentences.iter().enumerate() {
            let ms = &m[i][j];
            let status = if ms.is_empty() {
                "own"
            } else if ms.iter().any(|x| x.exact) {
                "exact"
            } else {
                "near"
            };
            let with = ms
                .iter()
                .map(|x| format!("{}:{}:{:.3}", id(x.article), x.sentence, x.similarity))
                .collect::<Vec<_>>()
                .join("; ");
            t.write(&OverlapSentenceRow {
                article_id: d.article.id.clone(),
                index: j,
                paragraph: para_name(s.paragraph),
                words: prints[i][j].words,
                status: status.into(),
                shared_with: with,
                text: s.text.clone(),
            })?;
        }
    }
    t.commit()?;
    let mut t = Table::create(&dir.join("overlap_paragraphs.csv"))?;
    for p in &ps {
        for (x, y, only) in [(p.a, p.b, &p.only_a), (p.b, p.a, &p.only_b)] {
            for &q in only {
                t.write(&OverlapParagraphRow {
                    article_id: id(x),
                    other_id: id(y),
                    paragraph: para_name(q),
                    text: para_text(x, q),
                })?;
            }
        }
    }
    t.commit()?;
    common::record_problems(&mut record, &problems);
    staged.write_record(record)?;
    staged.commit()?;
    let pairs = ps
        .iter()
        .map(|p| {
            let only = |x: usize, qs: &[Option<usize>]| qs.iter().map(|&q| (para_name(q), para_text(x, q))).collect();
            SharedPair {
                a: id(p.a),
                b: id(p.b),
                share_a: p.share_a,
                share_b: p.share_b,
                exact_sentences_a: p.exact_sentences_a,
                only_a: only(p.a, &p.only_a),
                only_b: only(p.b, &p.only_b),
            }
        })
        .collect();
    Ok(OverlapOutput { pairs, problems })
}
