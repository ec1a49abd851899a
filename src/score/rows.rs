//! What scoring produces: a row per sentence ([`SentenceScore`]) and per article
//! ([`ArticleScore`], a row of `scores.csv`), and how an article may be described ([`Leaning`]).

use crate::corpus::Side;
use serde::{Deserialize, Serialize};

/// One scored sentence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SentenceScore {
    pub article_id: String,
    pub index: usize,
    pub is_headline: bool,
    pub text: String,
    pub p_kremlin: f64,
    pub lexicon_score: f64,
    pub weak_label: Option<Side>,
    /// Lexicon phrases hit on each side, in order of occurrence.
    pub kremlin_hits: Vec<String>,
    pub western_hits: Vec<String>,
    /// Voice ([`crate::voice`]): "own", "quoted" or "mixed".
    #[serde(default)]
    pub voice: String,
    /// Words (tokens) in the outlet's own voice (scare quotes included) and quoted.
    #[serde(default)]
    pub own_words: usize,
    #[serde(default)]
    pub quoted_words: usize,
    /// p_kremlin of the own-voice part (scare quotes counted for the other side); `None`
    /// when the sentence has no own word.
    #[serde(default)]
    pub p_own: Option<f64>,
    /// p_kremlin of the quoted part; `None` when nothing is quoted.
    #[serde(default)]
    pub p_quoted: Option<f64>,
    /// The spans that are not plain own voice, `start-end part; …` (byte offsets in `text`;
    /// parts quote, reported, scare).
    #[serde(default)]
    pub voice_spans: String,
}

/// One scored article (a row of `scores.csv`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleScore {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub label: Option<Side>,
    pub n_sentences: usize,
    pub framing_score: f64,
    pub score_low: Option<f64>,
    pub score_high: Option<f64>,
    pub lede_score: f64,
    pub share_kremlin: f64,
    pub share_neutral: f64,
    pub share_western: f64,
    pub lexicon_hits_kremlin: usize,
    pub lexicon_hits_western: usize,
    pub lexicon_score: f64,
    pub n_cut: usize,
    /// Strongest terms by contribution (weight × tf-idf summed over sentences).
    pub top_terms_kremlin: Vec<(String, f64)>,
    pub top_terms_western: Vec<(String, f64)>,
    /// Framing of the outlet's own voice, of what it quotes (`None`: nothing quoted), and
    /// the share of its words in its own voice ([`crate::voice`]).
    #[serde(default)]
    pub voice_score: Option<f64>,
    #[serde(default)]
    pub quoted_score: Option<f64>,
    #[serde(default)]
    pub own_voice_share: Option<f64>,
    /// The centring offset c subtracted from every score: the model's no-evidence point
    /// 2·sigmoid(intercept) − 1.
    #[serde(default)]
    pub score_offset: f64,
    pub origin: String,
    /// The language the article was analysed in ("en", "ru"): its `lang` field, else detected.
    #[serde(default)]
    pub lang: String,
    /// Whether a counted sentence's voice-weighted evidence, measured from the no-evidence
    /// point (e − c, what `framing_score` averages), is past the Kremlin / Western threshold
    /// (e − c ≥ 2·0.6 − 1 = +0.20, ≤ −0.20 at the defaults). With the shares (sentences as
    /// written), what [`ArticleScore::side_or_why`] asks for a side. Not a column of its own:
    /// read back from `scores.csv`'s `leaning`, which serialised rows carry instead.
    #[serde(skip)]
    pub weighed_past_kremlin: bool,
    #[serde(skip)]
    pub weighed_past_western: bool,
}

/// How an article may be described: as leaning to a side only when its 95% interval
/// excludes 0 on that side (without an interval, `--bootstrap 0`, never: a review found
/// every undecided seed, and a two-sentence note, given a side by the sign of its score)
/// **and** at least
/// one of its sentences is past that side's threshold, as written (`share_kremlin` /
/// `share_western` above 0) or as the score weighs it (its e − c:
/// [`ArticleScore::weighed_past_kremlin`]). The interval measures only how the sentences
/// vary: an article whose sentences all sit between the thresholds (weather, a protocol
/// note) can have a tight interval just off 0 from faint term weights and the offset, and
/// was claimed for a side (two reviews, session 32: a weather text "Western",
/// `kremlin_almayadeen_21` "Western" with 0 hits). Both readings count, because the shares
/// read whole sentences without the scare-quote flip the score applies: an article that
/// puts the other side's every term in scare quotes scores for its own side while all its
/// shares point the other way, and the shares alone could never give it a side (review,
/// session 42).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Leaning {
    Kremlin,
    Western,
    Undecided,
}

impl Leaning {
    pub fn as_str(self) -> &'static str {
        match self {
            Leaning::Kremlin => "Kremlin-leaning",
            Leaning::Western => "Western-leaning",
            Leaning::Undecided => "undecided",
        }
    }

    /// The word diff.csv writes for it: `kremlin`, `western`, `undecided`.
    pub fn code(self) -> &'static str {
        match self {
            Leaning::Kremlin => "kremlin",
            Leaning::Western => "western",
            Leaning::Undecided => "undecided",
        }
    }

    /// The leaning [`code`](Self::code) names.
    pub fn from_code(code: &str) -> Option<Leaning> {
        [Leaning::Kremlin, Leaning::Western, Leaning::Undecided]
            .into_iter()
            .find(|l| l.code() == code)
    }
}

/// Why an article is undecided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undecided {
    /// Its 95% interval contains 0.
    Interval,
    /// Fewer than four sentences count: nothing was resampled and the interval is the whole
    /// scale ([`crate::resample::WHOLE_SCALE`]; review K, session 51: the reason given was
    /// "the interval contains 0", which hid that there was no estimate at all).
    TooFew,
    /// Its interval excludes 0, but no sentence is past that side's threshold, either as
    /// written or as the score weighs it.
    NoSentence,
    /// No interval was computed (`--bootstrap 0`).
    NoInterval,
}

impl Undecided {
    /// The reason in words, after "undecided — ".
    pub fn why(self) -> &'static str {
        match self {
            Undecided::Interval => "the interval contains 0, so no side can be claimed",
            Undecided::TooFew => {
                "fewer than four of its sentences count, so nothing was resampled: its interval is the whole scale, −1 to +1, and no side is claimed"
            }
            Undecided::NoInterval => {
                "no interval was computed (--bootstrap 0), and a side is claimed only from an interval that excludes 0"
            }
            Undecided::NoSentence => {
                "the interval excludes 0, but none of its sentences is past that side's threshold, as written or as the score weighs it: the lean is faint term weights, not framing a sentence carries"
            }
        }
    }
}

impl ArticleScore {
    pub fn leaning(&self) -> Leaning {
        match self.side_or_why() {
            Ok(l) => l,
            Err(_) => Leaning::Undecided,
        }
    }

    /// The side the article leans to, or why it is undecided.
    pub fn side_or_why(&self) -> Result<Leaning, Undecided> {
        let (Some(lo), Some(hi)) = (self.score_low, self.score_high) else {
            return Err(Undecided::NoInterval);
        };
        if lo > 0.0 {
            (self.share_kremlin > 0.0 || self.weighed_past_kremlin)
                .then_some(Leaning::Kremlin)
                .ok_or(Undecided::NoSentence)
        } else if hi < 0.0 {
            (self.share_western > 0.0 || self.weighed_past_western)
                .then_some(Leaning::Western)
                .ok_or(Undecided::NoSentence)
        } else if (lo, hi) == crate::resample::WHOLE_SCALE {
            // A resampled interval, clamped to the scale, never reaches both ends.
            Err(Undecided::TooFew)
        } else {
            Err(Undecided::Interval)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_side_only_when_the_interval_excludes_zero() {
        // One sentence of ten past each side's threshold.
        let a = |f: f64, lo: Option<f64>, hi: Option<f64>| ArticleScore {
            framing_score: f,
            score_low: lo,
            score_high: hi,
            share_kremlin: 0.1,
            share_western: 0.1,
            ..Default::default()
        };
        assert_eq!(a(0.05, Some(-0.03), Some(0.13)).leaning(), Leaning::Undecided);
        assert_eq!(a(0.05, Some(-0.03), Some(0.13)).side_or_why(), Err(Undecided::Interval));
        // The whole scale: too few sentences to resample, said so rather than "contains 0".
        assert_eq!(a(0.4, Some(-1.0), Some(1.0)).side_or_why(), Err(Undecided::TooFew));
        assert!(Undecided::TooFew.why().contains("fewer than four"));
        assert_eq!(a(0.4, Some(-1.0), Some(0.99)).side_or_why(), Err(Undecided::Interval));
        assert_eq!(a(0.2, Some(0.01), Some(0.3)).leaning(), Leaning::Kremlin);
        assert_eq!(a(-0.2, Some(-0.3), Some(-0.1)).leaning(), Leaning::Western);
        // No interval (`--bootstrap 0`): nothing to claim a side from, whatever the sign.
        assert_eq!(a(-0.2, None, None).side_or_why(), Err(Undecided::NoInterval));
        assert_eq!(a(0.3, None, None).leaning(), Leaning::Undecided);
    }

    /// Review, session 32: a weather text (every sentence's p between 0.457 and 0.473, no
    /// lexicon hit) scored −0.011 in [−0.02, −0.0002] and was called Western. An interval off 0
    /// claims a side only when a sentence is past that side's threshold.
    #[test]
    fn no_side_without_a_sentence_past_its_threshold() {
        let a = |lo: f64, hi: f64, k: f64, w: f64| ArticleScore {
            framing_score: (lo + hi) / 2.0,
            score_low: Some(lo),
            score_high: Some(hi),
            share_kremlin: k,
            share_western: w,
            ..Default::default()
        };
        assert_eq!(a(-0.02, -0.0002, 0.0, 0.0).side_or_why(), Err(Undecided::NoSentence));
        assert_eq!(a(-0.02, -0.0002, 0.0, 0.25).side_or_why(), Ok(Leaning::Western));
        // A Kremlin sentence does not make a Western lean claimable, nor the reverse.
        assert_eq!(a(-0.02, -0.0002, 0.5, 0.0).leaning(), Leaning::Undecided);
        assert_eq!(a(0.01, 0.3, 0.0, 0.5).leaning(), Leaning::Undecided);
        assert_eq!(a(0.01, 0.3, 0.2, 0.5).leaning(), Leaning::Kremlin);
    }

    /// Review, session 42: an article that scare-quotes every Kremlin term scored −0.390 in
    /// [−0.540, −0.218] with shares 62% Kremlin, 0% Western (whole sentences as written, no
    /// flip), so the shares alone left it undecided whatever its sentences weighed.
    #[test]
    fn a_sentence_past_the_threshold_as_the_score_weighs_it_gives_the_side() {
        let scare = ArticleScore {
            framing_score: -0.39,
            score_low: Some(-0.54),
            score_high: Some(-0.218),
            share_kremlin: 0.62,
            share_western: 0.0,
            ..Default::default()
        };
        assert_eq!(scare.side_or_why(), Err(Undecided::NoSentence));
        let weighed = ArticleScore {
            weighed_past_western: true,
            ..scare.clone()
        };
        assert_eq!(weighed.leaning(), Leaning::Western);
        // The other side's weighed sentence does not make this side claimable.
        let other = ArticleScore {
            weighed_past_kremlin: true,
            ..scare
        };
        assert_eq!(other.side_or_why(), Err(Undecided::NoSentence));
        // Nor does it override an interval that contains 0.
        let wide = ArticleScore {
            score_low: Some(-0.2),
            score_high: Some(0.1),
            weighed_past_western: true,
            ..other
        };
        assert_eq!(wide.side_or_why(), Err(Undecided::Interval));
    }

    #[test]
    fn leaning_cells_are_the_codes() {
        for l in [Leaning::Kremlin, Leaning::Western, Leaning::Undecided] {
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(vec![]);
            w.serialize([l]).unwrap();
            let cell = String::from_utf8(w.into_inner().unwrap()).unwrap();
            assert_eq!(cell.trim_end(), l.code());
            assert_eq!(Leaning::from_code(cell.trim_end()), Some(l));
        }
    }
}
