//! `framescope score`: score articles a saved model never saw. Streams: at most one batch of
//! articles is in memory, so memory stays flat however large the input. With `--stdout`, one
//! JSON object per article goes to stdout (for `RDD.pipe` or any batch system).

use super::common::{self, ScoreArgs, Stages, Ui};
use framescope::clean::CleanArticle;
use framescope::document::Document;
use framescope::pipeline::{self, Resources};
use framescope::report::{self, CleaningWriter, RunManifest, ScoresWriter, SentencesWriter};
use framescope::score::{ArticleScore, SentenceScore};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The model to score with.
    #[arg(long, default_value = "output/model.json")]
    pub model: PathBuf,
    /// Output folder for scores.csv, sentences.csv, cleaning.csv, run.json (replaced as a
    /// whole; its previous contents are kept as a dated backup beside it).
    #[arg(long, default_value = "scored")]
    pub out: PathBuf,
    /// Write one JSON object per article (scores and sentences) to stdout instead of tables.
    #[arg(long)]
    pub stdout: bool,
    /// Articles per parallel batch (bounds memory).
    #[arg(long, default_value_t = pipeline::BATCH)]
    pub batch: usize,
    #[command(flatten)]
    pub score: ScoreArgs,
    /// Articles to score (files, folders, JSONL, CSV; `-` = JSONL on stdin).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// The three tables, written as batches arrive.
pub struct TableWriters {
    scores: ScoresWriter,
    sentences: SentencesWriter,
    cleaning: CleaningWriter,
    pub articles: usize,
    pub sentence_count: usize,
}

impl TableWriters {
    pub fn create(out: &Path) -> anyhow::Result<TableWriters> {
        Ok(TableWriters {
            scores: ScoresWriter::create(&out.join("scores.csv"))?,
            sentences: SentencesWriter::create(&out.join("sentences.csv"))?,
            cleaning: CleaningWriter::create(&out.join("cleaning.csv"))?,
            articles: 0,
            sentence_count: 0,
        })
    }

    pub fn write<'a>(
        &mut self,
        scored: &[(ArticleScore, Vec<SentenceScore>)],
        articles: impl IntoIterator<Item = &'a CleanArticle>,
    ) -> anyhow::Result<()> {
        for (a, ss) in scored {
            self.scores.write(a)?;
            for s in ss {
                self.sentences.write(s)?;
            }
            self.articles += 1;
            self.sentence_count += ss.len();
        }
        for a in articles {
            self.cleaning.write(a)?;
        }
        Ok(())
    }

    pub fn commit(self, out: &Path, manifest: &mut RunManifest) -> anyhow::Result<()> {
        manifest.articles = self.articles;
        manifest.sentences = self.sentence_count;
        self.scores.commit()?;
        self.sentences.commit()?;
        self.cleaning.commit()?;
        for f in ["scores.csv", "sentences.csv", "cleaning.csv"] {
            manifest.add_output(&out.join(f))?;
        }
        Ok(())
    }
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let mut stages = Stages::new();
    let model = report::load_model(&a.model)?;
    common::warn_if_weak(&model);
    let res = Resources::from_model(&model)?;
    let sp = a.score.params(model.params.seed)?;
    let (mut sources, mut problems) = common::sources(&a.paths)?;
    let mut manifest = RunManifest::new("score");
    manifest.inputs = common::input_records(&mut sources, &mut problems);
    common::report_problems(&problems);
    manifest.model_sha256 = Some(model.hash()?);
    manifest.lexicon_sha256 = Some(model.lexicon.hash());
    manifest.parameters = serde_json::json!({ "model": a.model, "scoring": sp });
    let actors = framescope::compare::sourcing::Actors::load(None)?;
    let pb = ui.spinner("scoring articles");
    let mut summary = Vec::new();
    let mut total = 0;
    if a.stdout {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout);
        let produce = |b: pipeline::Loaded| {
            common::report_problems(&b.problems);
            problems.extend(b.problems);
            let mut docs = b.documents;
            let (scored, _) = super::compare_out::score_batch(&model, &actors, &mut docs, &sp);
            drop(docs);
            // JSON lines are formatted in parallel too; the writer only copies bytes.
            let lines: Vec<String> = scored
                .par_iter()
                .map(|(art, sents)| serde_json::json!({ "article": art, "sentences": sents }).to_string())
                .collect();
            Ok(lines)
        };
        let consume = |lines: Vec<String>| -> anyhow::Result<()> {
            for line in &lines {
                writeln!(out, "{line}").map_err(|e| framescope::Error::io("<stdout>", e))?;
            }
            pb.inc(lines.len() as u64);
            Ok(())
        };
        common::pipelined(sources, &res, a.batch.max(1), produce, consume)?;
        out.flush()?;
        pb.finish_and_clear();
        return Ok(common::exit_code(&problems));
    }
    let mut inputs = a.paths.clone();
    inputs.push(a.model.clone());
    let staged = report::StagedDir::create(&a.out, &inputs)?;
    let out = staged.path().to_path_buf();
    manifest.staging = Some((out.clone(), a.out.clone()));
    let mut tables = TableWriters::create(&out)?;
    let mut compare = super::compare_out::Compare::new(None, &out)?;
    let actors = compare.actors().clone();
    let produce = |b: pipeline::Loaded| {
        common::report_problems(&b.problems);
        problems.extend(b.problems);
        let mut docs = b.documents;
        let (scored, atts) = super::compare_out::score_batch(&model, &actors, &mut docs, &sp);
        Ok((docs, scored, atts))
    };
    let consume = |(documents, scored, atts): (Vec<Document>, Vec<_>, _)| -> anyhow::Result<()> {
        compare.record(&documents, &scored, atts)?;
        tables.write(&scored, documents.iter().map(|d| &d.article))?;
        total += scored.len();
        summary.extend(scored.into_iter().map(|s| s.0));
        keep_extremes(&mut summary, 10);
        pb.inc(documents.len() as u64);
        Ok(())
    };
    common::pipelined(sources, &res, a.batch.max(1), produce, consume)?;
    pb.finish_and_clear();
    if tables.articles == 0 {
        anyhow::bail!("no usable articles to score");
    }
    stages.mark("load_clean_analyze_score");
    tables.commit(&out, &mut manifest)?;
    // Own text needs the whole run: fill those two columns now, then the outlet tables.
    compare.finish(
        &out,
        framescope::score::no_evidence_point(&model),
        None,
        sp.bootstrap,
        sp.seed,
        &mut manifest,
    )?;
    stages.mark("write");
    let notes = std::mem::take(&mut manifest.problems);
    manifest.problems = problems.iter().map(|p| p.to_string()).chain(notes).collect();
    manifest.stages = stages.records;
    common::check_inputs_unchanged(&manifest)?;
    manifest.write(&out.join("run.json"))?;
    common::commit_outputs(staged)?;
    print_summary(&summary, total);
    eprintln!("wrote {}", a.out.display());
    Ok(common::exit_code(&problems))
}

fn by_score(a: &ArticleScore, b: &ArticleScore) -> std::cmp::Ordering {
    b.framing_score
        .total_cmp(&a.framing_score)
        .then_with(|| a.id.cmp(&b.id))
}

/// Keep only the `n` highest and `n` lowest scores (bounded memory for the summary).
fn keep_extremes(rows: &mut Vec<ArticleScore>, n: usize) {
    if rows.len() > 2 * n {
        rows.sort_by(by_score);
        rows.drain(n..rows.len() - n);
    }
}

/// The score table on stdout: every article when few, else the 10 most Kremlin-framed and
/// the 10 most Western-framed of `total`.
pub fn print_summary(scores: &[ArticleScore], total: usize) {
    let mut rows: Vec<&ArticleScore> = scores.iter().collect();
    rows.sort_by(|a, b| {
        b.framing_score
            .total_cmp(&a.framing_score)
            .then_with(|| a.id.cmp(&b.id))
    });
    println!(
        "{:<28} {:>7} {:>17} {:>7} {:>5} {:>5} {:>5}  title",
        "id", "score", "95% interval", "lede", "K%", "N%", "W%"
    );
    let line = |s: &ArticleScore| {
        let iv = match (s.score_low, s.score_high) {
            (Some(l), Some(h)) => format!("[{l:+.2}, {h:+.2}]"),
            _ => String::new(),
        };
        let title: String = s.title.as_deref().unwrap_or("(no headline)").chars().take(60).collect();
        let title = framescope::report::escape_control(&title);
        let id: String = s.id.chars().take(28).collect();
        let id = framescope::report::escape_control(&id);
        println!(
            "{id:<28} {:>+7.3} {iv:>17} {:>+7.3} {:>5.0} {:>5.0} {:>5.0}  {title}",
            s.framing_score,
            s.lede_score,
            100.0 * s.share_kremlin,
            100.0 * s.share_neutral,
            100.0 * s.share_western
        );
    };
    if rows.len() <= 40 && total == rows.len() {
        rows.iter().for_each(|s| line(s));
    } else {
        let n = rows.len().min(20) / 2;
        rows[..n].iter().for_each(|s| line(s));
        println!("… {} more (all in scores.csv) …", total - 2 * n);
        rows[rows.len() - n..].iter().for_each(|s| line(s));
    }
    println!(
        "score: +1 = Kremlin-sourced framing, -1 = Western-sourced; K/N/W = share of Kremlin/neutral/Western sentences"
    );
}
