//! `framescope inspect ID`: why one article scored as it did ([`framescope::jobs::inspect`]).

use super::common::escape;
use framescope::jobs::{self, InspectOptions};
use framescope::score::{ArticleScore, Leaning, SentenceScore};
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
        "framing_score {:+.3}{iv}  (+1 Kremlin-sourced, -1 Western-sourced): {}",
        s.framing_score,
        match s.leaning() {
            Leaning::Undecided => "undecided — the interval contains 0, so no side can be claimed",
            l => l.as_str(),
        }
    );
    let e = framescope::score::evidence(sentences, r.quoted_weight);
    let raw = e.iter().sum::<f64>() / e.len().max(1) as f64;
    let what = match r.quoted_weight {
        Some(q) => format!(
            "voice-weighted evidence (own words in full, quoted words at {q}) over {} of its {} sentences",
            e.len(),
            sentences.len()
        ),
        None => format!("(2·p_kremlin − 1) over its {} sentences", sentences.len()),
    };
    println!(
        "  = mean of {what} ({raw:+.3}) − offset c ({:+.3}, the model's no-evidence point 2·sigmoid(intercept) − 1: a sentence with no known term scores 0)",
        s.score_offset
    );
    let opt = |v: Option<f64>| v.map_or("n/a".to_string(), |v| format!("{v:+.3}"));
    let own_words: usize = sentences.iter().map(|x| x.own_words).sum();
    let quoted_words: usize = sentences.iter().map(|x| x.quoted_words).sum();
    println!(
        "own voice: voice_score {} over {own_words} words; quoted material: quoted_score {} over {quoted_words} words; own-voice share {}",
        opt(s.voice_score),
        s.quoted_score.map_or("empty (nothing quoted)".to_string(), |q| format!("{q:+.3}")),
        s.own_voice_share.map_or("n/a".to_string(), |v| format!("{:.0}%", 100.0 * v)),
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
    if let Some(why) = disagreement(s, sentences) {
        println!("{why}");
    }
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
        "sourcing: {} attributed statements; Kremlin {}  Western {}  Ukraine {}; balance {}",
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
    let (kt, wt) = thresholds(&a.out);
    let show = |x: &SentenceScore, p: f64| {
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
            "  #{:<3} p={p:.3}  ({})  {}{}",
            x.index,
            x.voice,
            escape(&x.text),
            escape(&hits)
        );
    };
    // Only sentences past the thresholds are listed: one inside the neutral band is neither.
    let list = |title: &str, p: &dyn Fn(&SentenceScore) -> Option<f64>| {
        let mut k: Vec<(&SentenceScore, f64)> = sentences.iter().filter_map(|x| p(x).map(|p| (x, p))).collect();
        k.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.index.cmp(&y.0.index)));
        println!("\nmost Kremlin-framed {title} (p ≥ {kt:.2}):");
        let ks: Vec<_> = k.iter().filter(|x| x.1 >= kt).take(a.top).collect();
        if ks.is_empty() {
            println!("  none past the threshold");
        }
        ks.iter().for_each(|x| show(x.0, x.1));
        println!("most Western-framed {title} (p ≤ {wt:.2}):");
        let ws: Vec<_> = k.iter().rev().filter(|x| x.1 <= wt).take(a.top).collect();
        if ws.is_empty() {
            println!("  none past the threshold");
        }
        ws.iter().for_each(|x| show(x.0, x.1));
    };
    list("sentences", &|x| Some(x.p_kremlin));
    list("own-voice parts", &|x| x.p_own);
    list("quoted parts", &|x| x.p_quoted);
    Ok(ExitCode::SUCCESS)
}

/// The sentence thresholds of the run (run.json), else the defaults.
fn thresholds(out: &std::path::Path) -> (f64, f64) {
    let d = framescope::score::ScoreParams::default();
    let run: Option<serde_json::Value> = std::fs::read_to_string(out.join("run.json"))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok());
    let t = |k: &str, d: f64| {
        run.as_ref()
            .and_then(|r| r["parameters"]["scoring"][k].as_f64())
            .unwrap_or(d)
    };
    (
        t("kremlin_threshold", d.kremlin_threshold),
        t("western_threshold", d.western_threshold),
    )
}

/// When the lexicon's net weight and the classifier's score point to different sides, say
/// so and say what drives the score.
fn disagreement(s: &ArticleScore, sentences: &[SentenceScore]) -> Option<String> {
    let lex = s.lexicon_score;
    if lex == 0.0 || s.framing_score == 0.0 || (lex > 0.0) == (s.framing_score > 0.0) {
        return None;
    }
    let side = |v: f64| if v > 0.0 { "Kremlin" } else { "Western" };
    let no_hits = sentences
        .iter()
        .filter(|x| x.kremlin_hits.is_empty() && x.western_hits.is_empty())
        .count();
    let terms = |t: &[(String, f64)]| {
        t.iter()
            .take(3)
            .map(|(t, w)| format!("{t} ({w:+.3})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(format!(
        "the lexicon and the classifier disagree: the lexicon's net weight {lex:+.1} points {} but framing_score {:+.3} leans {}. \
The classifier weighs every term it learned, not only lexicon entries, and averages over all {} sentences, \
{no_hits} of them with no lexicon hit. What drives the score: Kremlin-side terms {}; Western-side terms {}; \
the sentences past the thresholds are listed below.",
        side(lex),
        s.framing_score,
        side(s.framing_score),
        sentences.len(),
        terms(&s.top_terms_kremlin),
        terms(&s.top_terms_western),
    ))
}
