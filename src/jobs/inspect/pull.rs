//! The sentences `inspect` lists first: those that pull `framing_score` most toward each
//! side, by what they add to it: their evidence e (the voice-weighted
//! [`crate::score::sentence_evidence`], as the score counts them) measured from the
//! no-evidence point c. A sentence whose p_kremlin leans one way can pull the other: its
//! scare-quoted terms count for the other side in p_own, its quoted words weigh q.

use super::{escape, InspectOutput};
use crate::score::{sentence_evidence, SentenceScore};
use std::fmt::Write;

/// A sentence with what it adds to `framing_score`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pull<'a> {
    pub sentence: &'a SentenceScore,
    /// Its evidence e in [-1, 1], as framing_score averages it.
    pub evidence: f64,
    /// e − c: its pull on the score from the no-evidence point (framing_score is the mean
    /// of the counted sentences' pulls, clamped to [-1, 1]).
    pub pull: f64,
}

impl InspectOutput {
    /// Every sentence that counts in `framing_score`, with its evidence and pull, in text
    /// order (as [`crate::score::evidence`]: when none counts, every sentence's
    /// 2·p_kremlin − 1).
    pub fn pulls(&self) -> Vec<Pull<'_>> {
        let c = self.article.score_offset;
        let q = self.quoted_weight;
        let mut e: Vec<(&SentenceScore, f64)> = self
            .sentences
            .iter()
            .filter_map(|s| sentence_evidence(s, q, c).map(|e| (s, e)))
            .collect();
        if e.is_empty() {
            e = self.sentences.iter().map(|s| (s, 2.0 * s.p_kremlin - 1.0)).collect();
        }
        e.into_iter()
            .map(|(sentence, evidence)| Pull {
                sentence,
                evidence,
                pull: evidence - c,
            })
            .collect()
    }

    /// Up to `top` sentences whose pull e − c is at or past the Kremlin threshold on the
    /// evidence scale (2·kremlin_threshold − 1: +0.20 by default, the scale on which
    /// p − c/2 ≥ 0.60 is 2·p − 1 − c ≥ 0.20), strongest first, ties in text order; and up to
    /// `top` at or past the Western one (2·western_threshold − 1), strongest first, ties in
    /// reverse text order. With a single voice and no scare quotes a sentence's pull is
    /// 2·(p − c/2) − 1, so these are the sentences past the thresholds on p − c/2.
    pub fn pulling(&self, top: usize) -> (Vec<Pull<'_>>, Vec<Pull<'_>>) {
        let (kt, wt) = self.thresholds;
        let mut all = self.pulls();
        all.sort_by(|x, y| y.pull.total_cmp(&x.pull).then(x.sentence.index.cmp(&y.sentence.index)));
        let k = all
            .iter()
            .filter(|x| x.pull >= 2.0 * kt - 1.0)
            .take(top)
            .copied()
            .collect();
        let w = all
            .iter()
            .rev()
            .filter(|x| x.pull <= 2.0 * wt - 1.0)
            .take(top)
            .copied()
            .collect();
        (k, w)
    }

    /// The two lists of [`InspectOutput::pulling`], with their headings.
    pub(super) fn pull_lists(&self, o: &mut String, top: usize) {
        let (kt, wt) = self.thresholds;
        let c = self.article.score_offset;
        let e = match c {
            0.0 => "e",
            _ => "e − c",
        };
        let what = match self.quoted_weight {
            Some(q) => format!(
                "e − c = the mean over the sentence's words of their distance from c: own words' 2·p_own − 1 − c (scare-quoted terms count for the other side), quoted words' 2·p_quoted − 1 − c times {q}"
            ),
            None => "e = 2·p − 1".to_string(),
        };
        let n = self.pulls().len().max(1);
        let (k, w) = self.pulling(top);
        out!(
            o,
            "\nsentences by what they add to framing_score (the mean of {e} over {n} sentences; {what}):"
        );
        out!(o, "pulling most toward Kremlin ({e} ≥ {:+.2}):", 2.0 * kt - 1.0);
        if k.is_empty() {
            out!(o, "  none past the threshold");
        }
        k.iter().for_each(|x| o.push_str(&self.pull_line(x, n)));
        out!(o, "pulling most toward Western ({e} ≤ {:+.2}):", 2.0 * wt - 1.0);
        if w.is_empty() {
            out!(o, "  none past the threshold");
        }
        w.iter().for_each(|x| o.push_str(&self.pull_line(x, n)));
        if let Some(note) = negation_note(k.iter().chain(&w)) {
            out!(o, "{note}");
        }
    }

    /// One listed sentence: index, pull (and its share of the score over `n` counted
    /// sentences), p, its parts' p where the voice weighting uses them, voice, text and
    /// lexicon hits, ending in a newline.
    fn pull_line(&self, x: &Pull<'_>, n: usize) -> String {
        let s = x.sentence;
        let mut why = format!("p={:.3}", s.p_kremlin);
        if let Some(q) = self.quoted_weight {
            if let Some(p) = s.p_own.filter(|_| s.own_words > 0) {
                // Flipped only when it shows: with no quoted part, p_own differs from p only
                // through scare-quoted terms counted for the other side.
                let scare = match (s.voice_spans.contains("scare"), s.quoted_words) {
                    (false, _) => "",
                    (true, 0) if (p - s.p_kremlin).abs() > 5e-7 => ", scare quotes flipped",
                    (true, 0) => ", scare quotes: no term flipped",
                    (true, _) => ", with scare quotes",
                };
                let _ = write!(why, "  p_own={p:.3} ({} own words{scare})", s.own_words);
            }
            if let Some(p) = s.p_quoted.filter(|_| s.quoted_words > 0) {
                let _ = write!(why, "  p_quoted={p:.3} ({} quoted words at {q})", s.quoted_words);
            }
        }
        let c = self.article.score_offset;
        let pull = match c {
            0.0 => format!("e={:+.3}", x.pull),
            _ => format!("e − c={:+.3}", x.pull),
        };
        format!(
            "  #{:<3} {pull} ({:+.3} of the score)  {why}  ({})  {}{}\n",
            s.index,
            x.pull / n as f64,
            s.voice,
            escape(&s.text),
            escape(&super::hits(s))
        )
    }
}

/// A note naming the listed sentences that hold a negation or refutation word beside a
/// lexicon hit ([`super::negation`]), or `None` when none does.
fn negation_note<'a>(listed: impl Iterator<Item = &'a Pull<'a>>) -> Option<String> {
    let negated: Vec<String> = listed
        .filter(|x| !x.sentence.kremlin_hits.is_empty() || !x.sentence.western_hits.is_empty())
        .filter_map(|x| {
            super::negation::negation_word(&x.sentence.text)
                .map(|w| format!("#{} (\"{}\")", x.sentence.index, escape(&w)))
        })
        .collect();
    (!negated.is_empty()).then(|| {
        format!(
            "note: {} of these hold a negation or refutation word beside their lexicon hits: the voice split does not read negation, so a sentence that denies or debunks a side's phrase counts for that side (README, \"What the split does not read\"); read them before quoting the score",
            negated.join(", ")
        )
    })
}
