//! The outlet's own voice and what it quotes, scored apart.
//!
//! Each sentence is split by [`crate::text::voice`] into own voice (plain own words and
//! scare-quoted words) and quoted material (direct quotes and attributed reported speech).
//! The sentence's terms fall to the part holding their token, and each part is scored by the
//! same model:
//! - `p_own`: sigmoid(b + Σ_j s_j·w_j·x_j + λ·(L_own − L_scare)), x the TF-IDF row of the
//!   own-voice terms (scare-quoted ones included, in sentence order), s_j = −1 for an n-gram
//!   that occurs only inside scare quotes, else +1; L_own and L_scare the net lexicon weight
//!   (Kremlin − Western) of the hits in plain own voice and in scare quotes, λ the model's
//!   lexicon prior. A scare-quoted term of one side is the outlet distancing
//!   itself from that side's word, so its contribution counts for the other side with the
//!   weight it would have had unquoted ("the so-called \"invasion\"" leans Kremlin).
//!   Empty when the sentence has no own word.
//! - `p_quoted`: sigmoid(b + w·x + λ·L) over the quoted terms and hits; empty when nothing
//!   is quoted.
//!
//! Per article (c = the model's no-evidence point, as for framing_score; clamped to [-1, 1]):
//! - `voice_score` = Σ own_words·(2·p_own − 1) / Σ own_words − c
//! - `quoted_score` = Σ quoted_words·(2·p_quoted − 1) / Σ quoted_words − c, empty when the
//!   article quotes nothing
//! - `own_voice_share` = Σ own_words / Σ (own_words + quoted_words)
//!
//! Words weight the parts because a part's length says how much of the article it is: the
//! own-voice frame "Peskov told reporters" around a long quote should not weigh as much as a
//! sentence of the outlet's own prose.

use crate::document::{Document, Sentence};
use crate::lexicon::Lexicon;
use crate::model::{sigmoid, FramingModel, Scorer};
use crate::score::SentenceScore;
use crate::text::voice::{split_article, split_article_words, Part, SentenceVoice, VoiceCues, Words};
use crate::tfidf::SparseVec;

/// A sentence's voice split and the probability of each part.
#[derive(Debug, Clone, PartialEq)]
pub struct VoiceParts {
    pub voice: SentenceVoice,
    pub p_own: Option<f64>,
    pub p_quoted: Option<f64>,
}

/// Split and score every sentence of a document (`p_full` is each sentence's p_kremlin,
/// reused when a sentence is all own voice; `words` each sentence's [`Words`]).
pub fn score_voices(scorer: Scorer<'_>, doc: &Document, p_full: &[f64], words: &[Words]) -> Vec<VoiceParts> {
    let model = scorer.model;
    let split = split_article_words(
        &model.voice,
        doc.sentences
            .iter()
            .zip(words)
            .map(|(s, w)| (s.text.as_str(), s.paragraph, w)),
    );
    let mut rows = PartRows::default();
    split
        .into_iter()
        .zip(&doc.sentences)
        .zip(p_full)
        .map(|((mut voice, s), &p)| {
            mark_unquoted_scare(&model.voice, &model.lexicon, s, &mut voice);
            let plain = voice.spans.iter().all(|x| x.part == Part::Own);
            let p_own = (voice.own_words > 0).then(|| if plain { p } else { own_p(scorer, s, &voice, &mut rows) });
            let p_quoted = (voice.quoted_words > 0).then(|| {
                part_row(model, s, &voice, |p| !p.is_own(), &mut rows.keys, &mut rows.x);
                sigmoid(scorer.logit(&rows.x, lexicon_where(model, s, &voice, |p| !p.is_own())))
            });
            VoiceParts { voice, p_own, p_quoted }
        })
        .collect()
}

/// The rows of a sentence's parts, buffers reused from sentence to sentence of a document.
#[derive(Default)]
struct PartRows {
    keys: Vec<u64>,
    x: SparseVec,
    scare: SparseVec,
    plain: SparseVec,
}

/// Into `out`: the TF-IDF row of the sentence's terms whose token lies in a part `keep`
/// accepts (in sentence order; their n-grams keyed as the sentence's are), with `keys` as
/// the buffer of their keys.
fn part_row(
    model: &FramingModel,
    s: &Sentence,
    v: &SentenceVoice,
    keep: impl Fn(Part) -> bool,
    keys: &mut Vec<u64>,
    out: &mut SparseVec,
) {
    keys.clear();
    let model_keys = s.model_keys(model.params.mask_hits);
    keys.extend(
        s.terms
            .iter()
            .zip(model_keys.iter())
            .filter(|(t, _)| keep(v.part_at(t.span.start)))
            .map(|(_, &k)| k),
    );
    model
        .tfidf
        .transform_stem_keys_into(keys, model.analyzer.ngram_max, out);
}

/// The own-voice probability, scare-quoted n-grams counted for the other side.
fn own_p(scorer: Scorer<'_>, s: &Sentence, v: &SentenceVoice, rows: &mut PartRows) -> f64 {
    let model = scorer.model;
    let PartRows { keys, x, scare, plain } = rows;
    part_row(model, s, v, Part::is_own, keys, x);
    part_row(model, s, v, |p| p == Part::Scare, keys, scare);
    // The lexicon prior's part: own-voice hits, scare-quoted ones counted for the other side.
    let lex = lexicon_where(model, s, v, |p| p == Part::Own) - lexicon_where(model, s, v, |p| p == Part::Scare);
    if scare.is_empty() {
        return sigmoid(scorer.logit(x, lex));
    }
    part_row(model, s, v, |p| p == Part::Own, keys, plain);
    let flip = |j: &u32| scare.idx.binary_search(j).is_ok() && plain.idx.binary_search(j).is_err();
    let z: f64 = x
        .idx
        .iter()
        .zip(&x.val)
        .map(|(j, v)| {
            let c = v * scorer.weight(*j);
            if flip(j) {
                -c
            } else {
                c
            }
        })
        .sum();
    sigmoid(z + scorer.intercept() + model.params.lexicon_prior * lex)
}

/// How many bytes before a lexicon hit [`mark_unquoted_scare`] reads for a scare marker: the
/// longest listed marker, «так называемого», is 29 bytes.
const MARKER_WINDOW: usize = 64;

/// A lexicon hit right after an unquoted scare marker, in the outlet's own words ("Russia's
/// so-called special military operation", «так называемые референдумы»), is the outlet
/// distancing itself from that phrase as quotation marks would: its words are marked
/// scare-quoted, so they count for the other side, and the marker's own hit (`so-called` is a
/// Western entry) counts for nothing, as before quotation marks. Before session 42 the marker
/// marked only a quoted phrase, and "the so-called special military operation" leaned Kremlin
/// (+0.078 against +0.117 without the marker; review). Only a phrase the lexicon lists is
/// marked: how far an unquoted marker reaches is otherwise unknown.
pub fn mark_unquoted_scare(cues: &VoiceCues, lexicon: &Lexicon, s: &Sentence, v: &mut SentenceVoice) {
    if cues.scare.is_empty() || s.evidence.hits.is_empty() {
        return;
    }
    for h in &s.evidence.hits {
        let (Some(first), Some(last)) = (s.terms.get(h.start), s.terms.get(h.start + h.len.max(1) - 1)) else {
            continue;
        };
        let before = s.text[..first.span.start].trim_end();
        if before.len() == first.span.start {
            continue;
        }
        if ends_with_marker(cues, v, before) && !cues.is_scare(&lexicon.entries[h.entry].phrase) {
            v.mark_scare(first.span.start..last.span.end);
        }
    }
}

/// Whether `before` (a sentence's text up to some point, trailing spaces cut) ends with a
/// scare marker of one or two words in the outlet's own voice. Only the last few dozen bytes
/// are tokenized (a marker is at most two short words): tokenizing the whole text before every
/// hit was quadratic in a long sentence's length. A word the window cuts is left out.
fn ends_with_marker(cues: &VoiceCues, v: &SentenceVoice, before: &str) -> bool {
    let mut from = before.len().saturating_sub(MARKER_WINDOW);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let mut tokens = crate::text::tokenize(&before[from..]);
    if from > 0 && tokens.first().is_some_and(|t| t.span.start == 0) {
        tokens.remove(0);
    }
    (1..=2.min(tokens.len())).any(|n| {
        let tail = &tokens[tokens.len() - n..];
        let joined = tail.iter().map(|t| t.text.to_lowercase()).collect::<Vec<_>>().join(" ");
        from + tail[n - 1].span.end == before.len()
            && cues.scare.binary_search(&joined).is_ok()
            && v.part_at(from + tail[0].span.start) == Part::Own
    })
}

/// Net lexicon weight (Kremlin − Western) of the hits that start in the parts `keep` accepts.
fn lexicon_where(model: &FramingModel, s: &Sentence, v: &SentenceVoice, keep: impl Fn(Part) -> bool) -> f64 {
    weighted_hits(&model.voice, &model.lexicon, s, v, |p| if keep(p) { 1.0 } else { 0.0 })
}

/// Σ over the sentence's hits of (signed entry weight) × `factor(part the hit starts in)`.
///
/// A hit on a scare marker that opens a scare quote (`so-called "invasion"`) counts for
/// nothing: the flip of the quoted words says what the marker says. `so-called` is also a
/// Western entry ("so-called republics"), so it pulled Western against the flip it triggers,
/// and adding it made a dismissal of "invasion" read less Kremlin (review, session 41).
/// Unquoted, it is a hit as any other.
fn weighted_hits(
    cues: &VoiceCues,
    lexicon: &Lexicon,
    s: &Sentence,
    v: &SentenceVoice,
    factor: impl Fn(Part) -> f64,
) -> f64 {
    s.evidence
        .hits
        .iter()
        .filter_map(|h| {
            let t = s.terms.get(h.start)?;
            let e = &lexicon.entries[h.entry];
            let opens_scare = s.terms.get(h.start + h.len).is_some_and(|next| {
                v.part_at(next.span.start) == Part::Scare && v.part_at(t.span.start) != Part::Scare
            });
            if opens_scare && cues.is_scare(&e.phrase) {
                return None;
            }
            let w = match e.side {
                crate::corpus::Side::Kremlin => e.weight,
                crate::corpus::Side::Western => -e.weight,
            };
            Some(w * factor(hit_part(cues, s, v, h, t)))
        })
        .sum()
}

/// The part a hit counts in: the part its first word is in, except that a hit in the outlet's
/// own voice with a later word in scare quotes is scare-quoted: in «глава "ДНР"» the outlet
/// distances itself from the name the entry `глава ДНР` adopts, and the hit had counted in
/// full for the Kremlin, exactly as the unquoted «глава ДНР» (review, session 43). Not when
/// the hit opens with a scare marker (`so-called "republics"`): the entry holds the
/// distancing already.
fn hit_part(
    cues: &VoiceCues,
    s: &Sentence,
    v: &SentenceVoice,
    h: &crate::lexicon::Hit,
    first: &crate::text::Term,
) -> Part {
    let part = v.part_at(first.span.start);
    let words = &s.terms[h.start..(h.start + h.len).min(s.terms.len())];
    if part != Part::Own || words.len() < 2 {
        return part;
    }
    // The first scare-quoted word after the first, unless a marker introduces it («так
    // называемой "ДНР"»: the marker's distancing, which a Western entry holds already).
    let Some(quoted) = words[1..].iter().find(|t| v.part_at(t.span.start) == Part::Scare) else {
        return part;
    };
    let before = s.text[..quoted.span.start].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '«' | '»' | '“' | '”' | '„' | '‘' | '’')
    });
    let later_scare = !ends_with_marker(cues, v, before);
    if later_scare {
        Part::Scare
    } else {
        part
    }
}

/// Each sentence's net lexicon weight by voice: own-voice hits as they are, quoted and
/// reported ones times `q`, scare-quoted ones counted for the other side (the
/// `lexicon_per_sentence_voice` baseline sums these over the article / sentences).
pub fn voice_lexicon_weights(cues: &VoiceCues, lexicon: &Lexicon, doc: &Document, q: f64) -> Vec<f64> {
    let split = split_article(cues, doc.sentences.iter().map(|s| (s.text.as_str(), s.paragraph)));
    split
        .into_iter()
        .zip(&doc.sentences)
        .map(|(mut v, s)| {
            mark_unquoted_scare(cues, lexicon, s, &mut v);
            let v = &v;
            weighted_hits(cues, lexicon, s, v, |p| match p {
                Part::Own => 1.0,
                Part::Scare => -1.0,
                Part::Quote | Part::Reported => q,
            })
        })
        .collect()
}

/// Article-level voice columns, from sentence rows (exactly the README's formulas).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct VoiceScores {
    pub voice_score: Option<f64>,
    pub quoted_score: Option<f64>,
    pub own_voice_share: Option<f64>,
}

/// Word-weighted mean of (2p − 1) minus the centre `c`, clamped; `None` with no words.
fn weighted(rows: impl Iterator<Item = (usize, Option<f64>)>, c: f64) -> Option<f64> {
    let (mut sum, mut n) = (0.0, 0usize);
    for (w, p) in rows {
        if let (Some(p), true) = (p, w > 0) {
            sum += w as f64 * (2.0 * p - 1.0);
            n += w;
        }
    }
    (n > 0).then(|| (sum / n as f64 - c).clamp(-1.0, 1.0))
}

pub fn aggregate(sentences: &[SentenceScore], c: f64) -> VoiceScores {
    let own: usize = sentences.iter().map(|s| s.own_words).sum();
    let quoted: usize = sentences.iter().map(|s| s.quoted_words).sum();
    VoiceScores {
        voice_score: weighted(sentences.iter().map(|s| (s.own_words, s.p_own)), c),
        quoted_score: weighted(sentences.iter().map(|s| (s.quoted_words, s.p_quoted)), c),
        own_voice_share: (own + quoted > 0).then(|| own as f64 / (own + quoted) as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(own: usize, p_own: Option<f64>, quoted: usize, p_quoted: Option<f64>) -> SentenceScore {
        SentenceScore {
            own_words: own,
            p_own,
            quoted_words: quoted,
            p_quoted,
            ..Default::default()
        }
    }

    #[test]
    fn voice_columns_are_word_weighted_and_centred() {
        // Own: (4·(2·0.75−1) + 2·(2·0.25−1)) / 6 = (2 − 1) / 6 = 1/6; minus c = 0.1.
        // Quoted: only the second sentence: 2·0.9 − 1 = 0.8; minus 0.1 = 0.7.
        let rows = [row(4, Some(0.75), 0, None), row(2, Some(0.25), 3, Some(0.9))];
        let v = aggregate(&rows, 0.1);
        assert!((v.voice_score.unwrap() - (1.0 / 6.0 - 0.1)).abs() < 1e-12);
        assert!((v.quoted_score.unwrap() - 0.7).abs() < 1e-12);
        assert_eq!(v.own_voice_share, Some(6.0 / 9.0));
    }

    /// The voice-weighted net lexicon weight (q = 0.5) of a one-sentence English article.
    fn one_sentence_weight(lex: &Lexicon, text: &str) -> f64 {
        let a = crate::clean::CleanArticle {
            id: "a".into(),
            title: None,
            outlet: None,
            date: None,
            label: None,
            lang: "en".into(),
            origin: "a".into(),
            paragraphs: vec![text.into()],
            cuts: vec![],
        };
        let doc = crate::document::analyze(a, &crate::eval::fixtures::analyzer(), lex);
        assert_eq!(doc.sentences.len(), 1, "{text}");
        voice_lexicon_weights(&VoiceCues::default(), lex, &doc, 0.5)[0]
    }

    /// A scare marker that is also a lexicon entry (`so-called`, Western 1) counts for nothing
    /// where it opens a scare quote, and as any hit where it does not. Hand-computed: with
    /// `so-called` W 1 and `invasion` W 1, a scare-quoted hit counts −1 × its signed weight.
    #[test]
    fn a_scare_marker_opening_a_scare_quote_is_no_hit_of_its_own() {
        use crate::eval::fixtures::analyzer;
        let d = |p: &str, t: &str| crate::data::DataText {
            path: p.into(),
            text: t.into(),
        };
        let lex = Lexicon::from_files(
            &d("k.txt", "Kiev regime | 2\n"),
            &d("w.txt", "so-called | 1\ninvasion | 1\n"),
            &analyzer(),
        )
        .unwrap();
        let weights = |text: &str| one_sentence_weight(&lex, text);
        // Scare: the marker 0, "invasion" flipped: −(−1) = +1 (it was −1 + 1 = 0).
        assert_eq!(weights("Reporters spoke of the so-called \"invasion\" today."), 1.0);
        // The same flip without the marker.
        assert_eq!(weights("Reporters spoke of the \"invasion\" today."), 1.0);
        // A Kremlin term scare-quoted after the marker: −(+2), the marker 0.
        assert_eq!(weights("Reporters spoke of the so-called \"Kiev regime\" today."), -2.0);
        // Unquoted, a listed phrase right after the marker is marked as quotation marks would
        // mark it (session 42): the same weights as quoted.
        assert_eq!(weights("Reporters spoke of the so-called invasion today."), 1.0);
        assert_eq!(weights("Reporters spoke of the so-called Kiev regime today."), -2.0);
        // Read in a window before the hit: a long sentence before the marker changes nothing.
        let long = "Reporters from many outlets in several European capitals spoke at length today";
        assert_eq!(weights(&format!("{long} of the so-called invasion.")), 1.0);
        // No listed phrase right after it: the marker is a Western hit as any other (−1), and
        // a hit further on is not marked (−1 − 1).
        assert_eq!(weights("Reporters spoke of the so-called talks today."), -1.0);
        assert_eq!(
            weights("Reporters spoke of the so-called talks on the invasion today."),
            -2.0
        );
    }

    /// A hit whose later words are scare-quoted is scare-quoted (review, session 43: «глава
    /// "ДНР"» counted as the unquoted «глава ДНР»), unless a marker introduces the quote and
    /// the entry holds the marker. Hand-computed with `people's republic` K 2, `so-called
    /// republic` W 1.5 and `so-called` W 1.
    #[test]
    fn a_hit_with_scare_quoted_later_words_counts_for_the_other_side() {
        use crate::eval::fixtures::analyzer;
        let d = |p: &str, t: &str| crate::data::DataText {
            path: p.into(),
            text: t.into(),
        };
        let lex = Lexicon::from_files(
            &d("k.txt", "people's republic | 2\n"),
            &d("w.txt", "so-called republic | 1.5\nso-called | 1\n"),
            &analyzer(),
        )
        .unwrap();
        let weights = |text: &str| one_sentence_weight(&lex, text);
        // Own voice: +2. Its second word scare-quoted: −2, as the whole phrase quoted.
        assert_eq!(weights("Officials of the people's republic met today."), 2.0);
        assert_eq!(weights("Officials of the people's \"republic\" met today."), -2.0);
        assert_eq!(weights("Officials of the \"people's republic\" met today."), -2.0);
        // A marker introduces the quote: the Western entry holding the marker stays Western
        // (−1.5; the marker's own hit opens the scare quote: 0).
        assert_eq!(weights("Officials of the so-called \"republic\" met today."), -1.5);
    }

    #[test]
    fn nothing_quoted_leaves_quoted_score_empty_not_zero() {
        let v = aggregate(&[row(5, Some(0.5), 0, None)], 0.0);
        assert_eq!(
            (v.voice_score, v.quoted_score, v.own_voice_share),
            (Some(0.0), None, Some(1.0))
        );
        assert_eq!(aggregate(&[], 0.0), VoiceScores::default());
        // Clamped like framing_score.
        assert_eq!(aggregate(&[row(1, Some(1.0), 0, None)], -0.5).voice_score, Some(1.0));
    }
}
