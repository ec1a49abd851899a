//! Word tokens with their byte spans.
//!
//! Hand-written because UAX #29 word boundaries (`unicode-segmentation`) split hyphenated
//! compounds, and "self-proclaimed", "pro-Moscow" and "Moscow-backed" are framing markers
//! that must stay whole.

use std::ops::Range;

/// A token as written (not lowercased), with its byte span in the sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub span: Range<usize>,
}

/// An ASCII text lowercased whole (one allocation instead of one per token; ASCII
/// lowercasing keeps every byte offset, so a token's span cuts its lowercase from it).
/// `None` for other text, whose tokens are lowercased one by one. Shared by the analyzer and
/// the voice split.
pub(crate) fn ascii_lowercase(text: &str) -> Option<String> {
    text.is_ascii().then(|| text.to_ascii_lowercase())
}

/// Runs of letters/digits, joined across a single `-`, `'` or `.` that sits between two
/// letters/digits ("Moscow-backed", "Russia's", "U.S"). Tokens of one character are dropped
/// (as scikit-learn's default pattern does).
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    tokenize_min(text, 2)
}

/// The same, keeping tokens of at least `min_chars` characters (Russian keeps one-letter
/// prepositions such as «в»: see `LanguageSettings::min_token_chars`).
pub fn tokenize_min(text: &str, min_chars: usize) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    each_token(text, min_chars, |span| {
        out.push(Token {
            text: &text[span.clone()],
            span,
        })
    });
    out
}

/// The spans of [`tokenize_min`]'s tokens, appended to `out` (a buffer the caller reuses:
/// the analyzer tokenizes every sentence, and a vector per sentence was one of its
/// allocations).
pub(crate) fn token_spans_into(text: &str, min_chars: usize, out: &mut Vec<Range<usize>>) {
    each_token(text, min_chars, |span| out.push(span));
}

/// Call `found` with the span of each token of at least `min_chars` characters, in order.
#[inline]
fn each_token(text: &str, min_chars: usize, mut found: impl FnMut(Range<usize>)) {
    // Walks bytes with an ASCII fast path (news text is mostly ASCII); a non-ASCII character
    // is decoded and classified by `char::is_alphanumeric`, exactly as the char loop did.
    // A word is consumed by an inner loop (runs of letters/digits and the joiners between
    // them) rather than one state-machine step per byte: the same tokens (the proptest
    // below holds it to the char definition), in about half the instructions.
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let (alnum, len) = class(text, bytes, i);
        if !alnum {
            i += len;
            continue;
        }
        let start = i;
        loop {
            while i < n {
                i = ascii_alnum_end(bytes, i);
                if i == n || bytes[i] < 0x80 {
                    break;
                }
                let (alnum, len) = class(text, bytes, i);
                if !alnum {
                    break;
                }
                i += len;
            }
            if i + 1 < n && matches!(bytes[i], b'-' | b'\'' | b'.') && class(text, bytes, i + 1).0 {
                i += 1;
                continue;
            }
            break;
        }
        if long_enough(&text[start..i], min_chars) {
            found(start..i);
        }
    }
}

const OTHER: u8 = 0;
const ALNUM: u8 = 1;
const NON_ASCII: u8 = 2;

/// What a byte says about its character: an ASCII letter or digit, other ASCII, or the
/// start (or inside) of a non-ASCII character, which [`class`] decodes. One table load per
/// byte in the word loop instead of two range tests.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b.is_ascii_alphanumeric() {
            ALNUM
        } else if b >= 0x80 {
            NON_ASCII
        } else {
            OTHER
        };
        i += 1;
    }
    t
};

/// The first byte at or after `i` that is not an ASCII letter or digit (`bytes.len()` if
/// none): eight bytes per step while a whole word of them is letters and digits, then one at
/// a time. Most words are ASCII and a few bytes long, so a word's run is usually one or two
/// steps instead of one table load and branch per byte. Written by hand (SWAR on `u64`)
/// because no crate classifies bytes this way; `memchr` finds given bytes, not classes.
#[inline(always)]
fn ascii_alnum_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let not_alnum = not_ascii_alnum_mask(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        if not_alnum != 0 {
            return i + (not_alnum.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && BYTE_CLASS[bytes[i] as usize] == ALNUM {
        i += 1;
    }
    i
}

/// For each byte of `x`, its high bit set when the byte is not an ASCII letter or digit.
/// Each test adds a constant to the byte's low seven bits (never carrying into the next
/// byte, as both are below 0x80) so that bit 7 says "at least" the bound.
#[inline(always)]
fn not_ascii_alnum_mask(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let y = x & !HIGH;
    let z = y | (0x20 * ONES); // ASCII letters folded to lowercase
    let ge_0 = y + (0x80 - 0x30) * ONES; // y >= '0'
    let gt_9 = y + (0x80 - 0x3A) * ONES; // y > '9'
    let ge_a = z + (0x80 - 0x61) * ONES; // z >= 'a'
    let gt_z = z + (0x80 - 0x7B) * ONES; // z > 'z'
    let alnum = ((ge_0 & !gt_9) | (ge_a & !gt_z)) & !x & HIGH;
    alnum ^ HIGH
}

/// Is the character at byte `i` a letter or digit, and its length.
#[inline(always)]
fn class(text: &str, bytes: &[u8], i: usize) -> (bool, usize) {
    let b = bytes[i];
    if b < 0x80 {
        (b.is_ascii_alphanumeric(), 1)
    } else {
        let c = text[i..].chars().next().expect("char boundary");
        (c.is_alphanumeric(), c.len_utf8())
    }
}

#[inline(always)]
fn long_enough(t: &str, min_chars: usize) -> bool {
    match min_chars {
        0 | 1 => true,
        // The common case without counting characters.
        // (An ASCII first character is one byte, so a second byte starts a second character.)
        2 => t.len() > 1 && (t.as_bytes()[0] < 0x80 || t.chars().nth(1).is_some()),
        n => t.chars().nth(n - 1).is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::tokenize;
    use proptest::prelude::*;

    /// The plain char-by-char definition the byte walker must equal.
    fn reference(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut iter = text.char_indices().peekable();
        let push = |s: usize, e: usize, out: &mut Vec<(usize, usize)>| {
            if text[s..e].chars().count() >= 2 {
                out.push((s, e));
            }
        };
        while let Some((i, c)) = iter.next() {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
                continue;
            }
            let joiner = matches!(c, '-' | '\'' | '.');
            let next_is_word = iter.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            if joiner && start.is_some() && next_is_word {
                continue;
            }
            if let Some(s) = start.take() {
                push(s, i, &mut out);
            }
        }
        if let Some(s) = start {
            push(s, text.len(), &mut out);
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn byte_walker_equals_the_char_definition(text in "([a-zA-Z0-9 .,'\\-]|[éÀßØ٣Σς—“”…\u{00A0}\u{200B}]|\\PC){0,40}") {
            let got: Vec<(usize, usize)> = tokenize(&text).into_iter().map(|t| (t.span.start, t.span.end)).collect();
            prop_assert_eq!(got, reference(&text));
        }

        #[test]
        fn the_spans_written_into_a_buffer_are_the_tokens_spans_after_what_it_held(text in "([a-z .\\-]|[ёЖ«»]){0,30}", min in 1usize..4) {
            let held = std::ops::Range { start: 7, end: 9 };
            let mut out = Vec::from([held.clone()]);
            super::token_spans_into(&text, min, &mut out);
            let mut want = Vec::from([held]);
            want.extend(super::tokenize_min(&text, min).into_iter().map(|t| t.span));
            prop_assert_eq!(out, want);
        }
    }

    #[test]
    fn the_eight_byte_test_agrees_with_is_ascii_alphanumeric_for_every_byte_in_every_lane() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                // The byte in one lane, an ASCII letter in the others.
                let mut word = [b'q'; 8];
                word[lane] = b;
                let mask = super::not_ascii_alnum_mask(u64::from_le_bytes(word));
                for (l, &byte) in word.iter().enumerate() {
                    let flagged = mask >> (8 * l + 7) & 1 == 1;
                    assert_eq!(flagged, !byte.is_ascii_alphanumeric(), "byte {byte:#04x} in lane {l}");
                }
                assert_eq!(mask & !0x8080_8080_8080_8080, 0);
            }
        }
    }

    proptest! {
        #[test]
        fn the_run_end_is_the_first_byte_that_is_not_an_ascii_letter_or_digit(
            bytes in proptest::collection::vec(prop_oneof![Just(b'a'), Just(b'Z'), Just(b'5'), Just(b' '), Just(b'-'), Just(0xC3u8), any::<u8>()], 0..40),
            start in 0usize..40,
        ) {
            let start = start.min(bytes.len());
            let want = bytes[start..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |p| start + p);
            prop_assert_eq!(super::ascii_alnum_end(&bytes, start), want);
        }
    }

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn compounds_stay_whole() {
        assert_eq!(
            toks("The self-proclaimed, pro-Moscow (Moscow-backed) rebels' U.S. a - b 150,000"),
            vec![
                "The",
                "self-proclaimed",
                "pro-Moscow",
                "Moscow-backed",
                "rebels",
                "U.S",
                "150",
                "000"
            ]
        );
    }

    #[test]
    fn russian_compounds_stay_whole_and_one_letter_words_can_be_kept() {
        let t: Vec<&str> = super::tokenize_min("Военно-морской флот на северо-востоке, в Украине и т.д.", 1)
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            t,
            vec![
                "Военно-морской",
                "флот",
                "на",
                "северо-востоке",
                "в",
                "Украине",
                "и",
                "т.д"
            ]
        );
        assert_eq!(toks("в Украине"), vec!["Украине"]);
    }

    #[test]
    fn cyrillic_is_tokenized_and_spans_are_exact() {
        let s = "Киев — столица";
        let t = tokenize(s);
        assert_eq!(t.len(), 2);
        assert_eq!(&s[t[1].span.clone()], "столица");
    }
}
