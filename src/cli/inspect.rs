//! `framescope inspect ID`: why one article scored as it did ([`framescope::jobs::inspect`]).

use super::common::escape;
use framescope::jobs::{self, InspectOptions};
use framescope::score::SentenceScore;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Article id (file stem or JSONL id).
    pub id: String,
    /// Output folder holding scores.csv and sentences.csv.
    #[arg(long, default_value = "output", help_heading = "Input")]
    pub out: PathBuf,
    /// Sentences shown per side.
    #[arg(long, default_value_t = 3, help_heading = "Output")]
    pub top: usize,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let r = jobs::inspect(&InspectOptions {
        id: a.id.clone(),
        out: a.out.clone(),
    })?;
    let (s, sentences) = (&r.article, &r.sentences);
    println!(
        "{}  {}",
        escape(&s.id),
        escape(s.title.as_deref().unwrap_or("(no headline)"))
    );
    if s.outlet.is_some() || s.date.is_some() {
        println!(
            "outlet: {}  date: {}",
            escape(s.outlet.as_deref().unwrap_or("?")),
            escape(s.date.as_deref().unwrap_or("?"))
        );
    }
    let iv = match (s.score_low, s.score_high) {
        (Some(l), Some(h)) => format!("  95% interval [{l:+.3}, {h:+.3}]"),
        _ => String::new(),
    };
    println!(
        "framing_score {:+.3}{iv}  (+1 Kremlin-sourced, -1 Western-sourced)",
        s.framing_score
    );
    println!(
        "lede_score {:+.3}  sentences {}  cut lines {}",
        s.lede_score, s.n_sentences, s.n_cut
    );
    println!(
        "shares: Kremlin {:.0}%  neutral {:.0}%  Western {:.0}%",
        100.0 * s.share_kremlin,
        100.0 * s.share_neutral,
        100.0 * s.share_western
    );
    println!(
        "lexicon hits: Kremlin {}  Western {}  (net weight {:+.1})",
        s.lexicon_hits_kremlin, s.lexicon_hits_western, s.lexicon_score
    );
    if let Some(share) = s.own_text_share {
        let own = s
            .own_framing_score
            .map_or("n/a (all shared)".into(), |f| format!("{f:+.3}"));
        println!(
            "own text: {:.0}% of words not shared with another article; own framing {own}",
            100.0 * share
        );
    }
    let pct = |x: Option<f64>| x.map_or("-".into(), |x| format!("{:.0}%", 100.0 * x));
    println!(
        "sourcing: {} attributed sentences; Kremlin {}  Western {}  Ukraine {}; balance {}",
        s.n_attributed,
        pct(s.sourced_kremlin),
        pct(s.sourced_western),
        pct(s.sourced_ukraine),
        s.sourcing_balance.map_or("n/a".into(), |b| format!("{b:+.2}"))
    );
    let fmt_terms = |t: &[(String, f64)]| {
        t.iter()
            .map(|(t, w)| format!("{t} ({w:+.3})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!("top Kremlin terms: {}", fmt_terms(&s.top_terms_kremlin));
    println!("top Western terms: {}", fmt_terms(&s.top_terms_western));
    let mut by_p: Vec<&SentenceScore> = sentences.iter().collect();
    by_p.sort_by(|x, y| y.p_kremlin.total_cmp(&x.p_kremlin).then(x.index.cmp(&y.index)));
    let show = |x: &SentenceScore| {
        let mut hits = x
            .kremlin_hits
            .iter()
            .map(|h| format!("K:{h}"))
            .chain(x.western_hits.iter().map(|h| format!("W:{h}")))
            .collect::<Vec<_>>()
            .join(", ");
        if !hits.is_empty() {
            hits = format!("  [{hits}]");
        }
        println!(
            "  #{:<3} p={:.3}  {}{}",
            x.index,
            x.p_kremlin,
            escape(&x.text),
            escape(&hits)
        );
    };
    println!("\nmost Kremlin-framed sentences:");
    by_p.iter()
        .take(a.top)
        .filter(|x| x.p_kremlin > 0.5)
        .for_each(|x| show(x));
    println!("\nmost Western-framed sentences:");
    by_p.iter()
        .rev()
        .take(a.top)
        .filter(|x| x.p_kremlin < 0.5)
        .for_each(|x| show(x));
    Ok(ExitCode::SUCCESS)
}
