//! `framescope keyness`: the terms that distinguish two groups of sentences (Kremlin- vs
//! Western-framed by the model or by the lexicon) or of articles (one outlet vs another, one
//! list of files vs another). Writes keyness.csv and keyness.png.

use super::common::{self, DataArgs, ModelArgs, ScoreArgs, Ui};
use framescope::charts::keyness::keyness_chart;
use framescope::compare::keyness::{log_odds, Counts, KeynessParams, Surfaces};
use framescope::compare::overlap::{find_matches, fingerprint_document, OverlapParams};
use framescope::compare::tables::write_keyness;
use framescope::corpus::Side;
use framescope::document::Document;
use framescope::lexicon::weak_label;
use framescope::model::FramingModel;
use framescope::pipeline::{self, Resources};
use framescope::report;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// Sentences the model calls Kremlin (p ≥ --kremlin-threshold) vs Western (p ≤
    /// --western-threshold); the model is --model, else one trained on PATHs as `run` does.
    Label,
    /// Sentences the lexicon labels Kremlin vs Western (weak labels).
    Weak,
    /// Articles of outlet --a vs outlet --b (default: every other outlet).
    Outlet,
    /// Articles listed in file --a vs file --b (default: the rest); one article id or path
    /// per line.
    FileList,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output folder for keyness.csv and keyness.png.
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// A saved model (for --by label); without it a model is trained on PATHs.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// What the two groups are.
    #[arg(long, value_enum, default_value_t = By::Label)]
    pub by: By,
    /// Group A: an outlet name (--by outlet) or a file listing article ids/paths (--by file-list).
    #[arg(long)]
    pub a: Option<String>,
    /// Group B, likewise [default: everything not in A].
    #[arg(long)]
    pub b: Option<String>,
    /// Leave out terms seen fewer times than this in A and B together.
    #[arg(long, default_value_t = 2)]
    pub min_count: u64,
    /// α_0, the prior's total pseudo-count [default: (n_A + n_B) / 2].
    #[arg(long)]
    pub prior_size: Option<f64>,
    /// Terms printed (and labelled in the chart) per side.
    #[arg(long, default_value_t = 15)]
    pub top: usize,
    /// Skip keyness.png.
    #[arg(long)]
    pub no_chart: bool,
    /// Count shared copy once: a sentence that repeats (exactly or nearly, as `overlap`
    /// finds) a sentence of an earlier article is left out of every count.
    #[arg(long)]
    pub dedupe: bool,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub train: ModelArgs,
    #[command(flatten)]
    pub score: ScoreArgs,
    /// Articles (files, folders, JSONL, CSV).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

fn read_list(path: &str) -> anyhow::Result<BTreeSet<String>> {
    let text = std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect())
}

/// Does an article belong to a list entry (its id, its origin path, or its file name)?
fn listed(d: &Document, list: &BTreeSet<String>) -> bool {
    let origin = d.article.origin.as_str();
    let file = std::path::Path::new(origin)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    list.contains(&d.article.id) || list.contains(origin) || list.contains(&file)
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let saved: Option<FramingModel> = match &a.model {
        Some(p) => Some(report::load_model(p)?),
        None => None,
    };
    let res = match &saved {
        Some(m) => Resources::from_model(m)?,
        None => a.data.resources()?,
    };
    let (sources, mut problems) = common::sources(&a.paths)?;
    report::prepare_dir(&a.out)?;
    let docs = common::load_reported(sources, &mut problems, &res, ui)?;
    if docs.is_empty() {
        anyhow::bail!("no usable articles");
    }
    let sp = a.score.params(a.train.seed)?;
    // Which group each sentence is in: Some(true) = A, Some(false) = B, None = neither.
    let mut groups: Vec<Vec<Option<bool>>> = Vec::with_capacity(docs.len());
    let names: (String, String) = match a.by {
        By::Label => {
            let model = match saved {
                Some(m) => m,
                None => {
                    let params = a.train.params();
                    params.check()?;
                    pipeline::train(
                        pipeline::training_set(&docs, &params, res.analyzer.settings().ngram_max),
                        &res,
                        &params,
                    )?
                    .0
                }
            };
            for (_, ss) in pipeline::score_all(&model, &docs, &sp) {
                groups.push(
                    ss.iter()
                        .map(|s| {
                            if s.p_kremlin >= sp.kremlin_threshold {
                                Some(true)
                            } else if s.p_kremlin <= sp.western_threshold {
                                Some(false)
                            } else {
                                None
                            }
                        })
                        .collect(),
                );
            }
            ("Kremlin-framed".into(), "Western-framed".into())
        }
        By::Weak => {
            let margin = a.train.margin;
            for d in &docs {
                groups.push(
                    d.sentences
                        .iter()
                        .map(|s| weak_label(&s.evidence, margin).map(|side| side == Side::Kremlin))
                        .collect(),
                );
            }
            ("Kremlin (lexicon)".into(), "Western (lexicon)".into())
        }
        By::Outlet | By::FileList => {
            let Some(ga) = a.a.clone() else {
                anyhow::bail!("--by outlet and --by file-list need --a (and optionally --b)");
            };
            let in_group = |d: &Document, g: &str| -> anyhow::Result<bool> {
                Ok(match a.by {
                    By::Outlet => d.article.outlet.as_deref().is_some_and(|o| o.eq_ignore_ascii_case(g)),
                    _ => listed(d, &read_list(g)?),
                })
            };
            for d in &docs {
                let g = if in_group(d, &ga)? {
                    Some(true)
                } else {
                    match &a.b {
                        Some(gb) => in_group(d, gb)?.then_some(false),
                        None => Some(false),
                    }
                };
                groups.push(vec![g; d.sentences.len()]);
            }
            (ga, a.b.clone().unwrap_or_else(|| "the rest".into()))
        }
    };
    // With --dedupe, sentences repeating an earlier article's sentence are not counted.
    let skip: Vec<Vec<bool>> = if a.dedupe {
        let params = OverlapParams::default();
        let prints: Vec<_> = docs.iter().map(|d| fingerprint_document(d, params.shingle)).collect();
        find_matches(&prints, &params)
            .into_iter()
            .enumerate()
            .map(|(i, ms)| ms.iter().map(|m| m.iter().any(|x| x.article < i)).collect())
            .collect()
    } else {
        docs.iter().map(|d| vec![false; d.sentences.len()]).collect()
    };
    let (mut ca, mut cb, mut bg) = (Counts::default(), Counts::default(), Counts::default());
    let mut surfaces = Surfaces::default();
    for ((d, g), skip) in docs.iter().zip(&groups).zip(&skip) {
        surfaces.add_document(d);
        for ((s, g), &skip) in d.sentences.iter().zip(g).zip(skip) {
            if skip {
                continue;
            }
            let features = s.features(&res.analyzer);
            bg.add(&features);
            match g {
                Some(true) => ca.add(&features),
                Some(false) => cb.add(&features),
                None => {}
            }
        }
    }
    if ca.total == 0 || cb.total == 0 {
        anyhow::bail!(
            "one group is empty ({}: {} terms, {}: {} terms); nothing to compare",
            names.0,
            ca.total,
            names.1,
            cb.total
        );
    }
    let params = KeynessParams {
        prior_size: a.prior_size,
        min_count: a.min_count,
    };
    let rows = log_odds(&ca, &cb, &bg, &params);
    write_keyness(
        &a.out.join("keyness.csv"),
        &rows,
        |t| surfaces.show(t),
        (&names.0, &names.1),
    )?;
    if !a.no_chart {
        keyness_chart(
            &a.out.join("keyness.png"),
            &rows,
            |t| surfaces.show(t),
            a.top,
            (&names.0, &names.1),
        )?;
    }
    println!(
        "A = {} ({} terms), B = {} ({} terms); z > 0 leans A",
        names.0, ca.total, names.1, cb.total
    );
    println!("{:<32} {:>6} {:>6} {:>8}", "term (leans A)", "A", "B", "z");
    for t in rows.iter().filter(|t| t.z > 0.0).take(a.top) {
        println!(
            "{:<32} {:>6} {:>6} {:>+8.3}",
            surfaces.show(&t.term),
            t.count_a,
            t.count_b,
            t.z
        );
    }
    println!("{:<32} {:>6} {:>6} {:>8}", "term (leans B)", "A", "B", "z");
    for t in rows.iter().rev().filter(|t| t.z < 0.0).take(a.top) {
        println!(
            "{:<32} {:>6} {:>6} {:>+8.3}",
            surfaces.show(&t.term),
            t.count_a,
            t.count_b,
            t.z
        );
    }
    eprintln!("wrote {}", a.out.display());
    Ok(common::exit_code(&problems))
}
