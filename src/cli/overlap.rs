//! `framescope overlap`: shared copy between every pair of articles (exact and near-duplicate
//! sentences), how much of each article is shared, and what each outlet added or cut.

use super::common::{self, DataArgs, Ui};
use framescope::compare::overlap::{find_matches, fingerprint_document, pairs, OverlapParams};
use framescope::compare::tables::write_table;
use framescope::report;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output folder for overlap.csv, overlap_sentences.csv, overlap_paragraphs.csv.
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Jaccard similarity of word 3-shingles at which two sentences are near-duplicates.
    #[arg(long, default_value_t = 0.5)]
    pub threshold: f64,
    /// Pairs are listed when either article shares at least this share of its words with
    /// the other (0 = every pair sharing a sentence).
    #[arg(long, default_value_t = 0.2)]
    pub min_share: f64,
    /// Pairs sharing at least this share of either article are printed with what each
    /// added.
    #[arg(long, default_value_t = 0.5)]
    pub show_share: f64,
    #[command(flatten)]
    pub data: DataArgs,
    /// Articles (files, folders, JSONL, CSV).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

fn para_name(p: Option<usize>) -> String {
    p.map_or("headline".into(), |p| p.to_string())
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    if !(0.0..=1.0).contains(&a.threshold) || a.threshold == 0.0 {
        anyhow::bail!("--threshold must be in (0, 1], got {}", a.threshold);
    }
    let res = a.data.resources()?;
    let (sources, mut problems) = common::sources(&a.paths)?;
    report::prepare_dir(&a.out)?;
    let docs = common::load_reported(sources, &mut problems, &res, ui)?;
    if docs.is_empty() {
        anyhow::bail!("no usable articles");
    }
    let params = OverlapParams {
        near_threshold: a.threshold,
        ..Default::default()
    };
    let prints: Vec<_> = docs.iter().map(|d| fingerprint_document(d, params.shingle)).collect();
    let paras: Vec<Vec<Option<usize>>> = docs
        .iter()
        .map(|d| d.sentences.iter().map(|s| s.paragraph).collect())
        .collect();
    let m = find_matches(&prints, &params);
    let ps = pairs(&prints, &paras, &m, a.min_share);
    let id = |i: usize| docs[i].article.id.clone();
    let outlet = |i: usize| docs[i].article.outlet.clone().unwrap_or_default();
    let para_text = |i: usize, p: Option<usize>| match p {
        Some(p) => docs[i].article.paragraphs[p].clone(),
        None => docs[i].article.title.clone().unwrap_or_default(),
    };
    write_table(
        &a.out.join("overlap.csv"),
        &[
            "article_a",
            "article_b",
            "outlet_a",
            "outlet_b",
            "sentences_a",
            "sentences_b",
            "shared_sentences_a",
            "shared_sentences_b",
            "exact_sentences_a",
            "share_a",
            "share_b",
            "paragraphs_only_a",
            "paragraphs_only_b",
        ],
        ps.iter().map(|p| {
            vec![
                id(p.a),
                id(p.b),
                outlet(p.a),
                outlet(p.b),
                prints[p.a].len().to_string(),
                prints[p.b].len().to_string(),
                p.shared_sentences_a.to_string(),
                p.shared_sentences_b.to_string(),
                p.exact_sentences_a.to_string(),
                format!("{:.6}", p.share_a),
                format!("{:.6}", p.share_b),
                p.only_a.len().to_string(),
                p.only_b.len().to_string(),
            ]
        }),
    )?;
    write_table(
        &a.out.join("overlap_sentences.csv"),
        &[
            "article_id",
            "index",
            "paragraph",
            "words",
            "status",
            "shared_with",
            "text",
        ],
        docs.iter().enumerate().flat_map(|(i, d)| {
            let (m, prints, id) = (&m, &prints, &id);
            d.sentences.iter().enumerate().map(move |(j, s)| {
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
                vec![
                    d.article.id.clone(),
                    j.to_string(),
                    para_name(s.paragraph),
                    prints[i][j].words.to_string(),
                    status.into(),
                    with,
                    s.text.clone(),
                ]
            })
        }),
    )?;
    let added = ps.iter().flat_map(|p| {
        [(p.a, p.b, &p.only_a), (p.b, p.a, &p.only_b)]
            .into_iter()
            .flat_map(move |(x, y, only)| {
                only.iter()
                    .map(move |&q| vec![id(x), id(y), para_name(q), para_text(x, q)])
            })
    });
    write_table(
        &a.out.join("overlap_paragraphs.csv"),
        &["article_id", "other_id", "paragraph", "text"],
        added,
    )?;
    println!(
        "{:<28} {:<28} {:>8} {:>8} {:>7}",
        "article A", "article B", "A shared", "B shared", "exact"
    );
    for p in &ps {
        println!(
            "{:<28} {:<28} {:>7.0}% {:>7.0}% {:>7}",
            id(p.a),
            id(p.b),
            100.0 * p.share_a,
            100.0 * p.share_b,
            p.exact_sentences_a
        );
    }
    for p in ps.iter().filter(|p| p.share_a.max(p.share_b) >= a.show_share) {
        for (x, y, only) in [(p.a, p.b, &p.only_a), (p.b, p.a, &p.only_b)] {
            println!("\n{} has {} paragraph(s) that {} lacks:", id(x), only.len(), id(y));
            for &q in only {
                let t: String = para_text(x, q).chars().take(110).collect();
                println!("  [{}] {t}", para_name(q));
            }
        }
    }
    eprintln!("wrote {}", a.out.display());
    Ok(common::exit_code(&problems))
}
