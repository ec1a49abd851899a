//! Reported speech: the first speech cue outside quotes and the tokens it attributes.

use super::closing::closing_attribution;
use super::{cue_kind, VoiceCues};
use std::borrow::Cow;

/// The first cue outside quotes: (token index, number of tokens, is a source phrase).
pub(super) fn find_cue(cues: &VoiceCues, lower: &[Cow<'_, str>], quoted: &[bool]) -> Option<(usize, usize, bool)> {
    (0..lower.len()).filter(|&i| !quoted[i]).find_map(|i| {
        let kind = cues.cue_kind(&lower[i]);
        if kind == 0 {
            return None;
        }
        let source = (kind & cue_kind::SOURCE_START != 0)
            .then(|| cues.source_at(lower, i))
            .flatten()
            .map(|s| s.split(' ').count())
            .filter(|&n| (i..i + n).all(|k| !quoted[k]));
        match source {
            Some(n) => Some((i, n, true)),
            None => (kind & cue_kind::VERB != 0).then_some((i, 1, false)),
        }
    })
}

/// Which tokens are attributed reported speech (never quoted tokens).
#[allow(clippy::too_many_arguments)]
pub(super) fn reported_tokens(
    cues: &VoiceCues,
    text: &str,
    tokens: &[crate::text::Token],
    lower: &[Cow<'_, str>],
    quoted: &[bool],
    cue: Option<(usize, usize, bool)>,
    direct_quote: bool,
    in_quote: &dyn Fn(usize) -> bool,
) -> Vec<bool> {
    let n = tokens.len();
    let mut rep = vec![false; n];
    if let Some(c) = closing_attribution(cues, text, tokens, lower, quoted, in_quote) {
        // "<reported>, <speaker> said [on Friday]." and its variants (`closing`).
        for i in 0..n {
            rep[i] = !quoted[i] && tokens[i].span.end <= c;
        }
        return rep;
    }
    let Some((at, len, source)) = cue else { return rep };
    let comma_after = |from: usize| {
        text[from..]
            .char_indices()
            .find(|&(i, c)| c == ',' && !in_quote(from + i))
            .map(|(i, _)| from + i)
    };
    let mut mark = |keep: &dyn Fn(usize) -> bool| {
        for i in 0..n {
            rep[i] = !quoted[i] && keep(i);
        }
    };
    if source {
        let end = tokens[at + len - 1].span.end;
        let comma = comma_after(end);
        if (0..at).all(|i| quoted[i]) {
            // "According to X, <reported>."
            if let Some(c) = comma {
                mark(&|i| tokens[i].span.start > c);
            }
        } else {
            // "<reported>, according to X[, <reported>]."
            let from = tokens[at].span.start;
            mark(&|i| tokens[i].span.end <= from || comma.is_some_and(|c| tokens[i].span.start > c));
        }
        return rep;
    }
    if let Some(k) = (at + 1..n.min(at + 5)).find(|&k| !quoted[k] && cues.is_that(&lower[k])) {
        mark(&|i| i > k);
        return rep;
    }
    if !direct_quote {
        mark(&|i| i > at);
    }
    rep
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `find_cue` before the cue kinds: a source lookup and a verb lookup at every token.
    fn find_cue_by_lookups(cues: &VoiceCues, lower: &[Cow<'_, str>], quoted: &[bool]) -> Option<(usize, usize, bool)> {
        (0..lower.len()).filter(|&i| !quoted[i]).find_map(|i| {
            let source = cues
                .source_at(lower, i)
                .map(|s| s.split(' ').count())
                .filter(|&n| (i..i + n).all(|k| !quoted[k]));
            match source {
                Some(n) => Some((i, n, true)),
                None => cues.is_verb(&lower[i]).then_some((i, 1, false)),
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn the_gated_cue_is_the_one_two_lookups_found(
            words in proptest::collection::vec(proptest::sample::select(&[
                "said", "told", "according", "to", "по", "словам", "данным", "заявил", "that", "the", "claims",
                "sources", "x", "as", "noted",
            ][..]), 0..14),
            quoted in proptest::collection::vec(any::<bool>(), 14),
        ) {
            let cues = VoiceCues::builtin();
            let lower: Vec<Cow<'_, str>> = words.iter().map(|w| Cow::Borrowed(*w)).collect();
            let quoted = &quoted[..lower.len()];
            prop_assert_eq!(find_cue(&cues, &lower, quoted), find_cue_by_lookups(&cues, &lower, quoted));
        }
    }
}
