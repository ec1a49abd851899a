//! Quotation marks: which byte regions of a sentence are inside quotes, with the quotes left
//! open carried from one sentence to the next.

use std::ops::Range;

/// Which quotation mark opened a quote still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Double,
    Single,
    Guillemet,
    /// „ (closed by “ or ”).
    Low,
}

pub(super) fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{201E}'
            | '\u{201A}'
    )
}

/// Quotes still open between sentences of an article.
#[derive(Debug, Clone, Default)]
pub struct QuoteState {
    open: Vec<Mark>,
}

/// A quoted region of one sentence, in bytes, with whether it started before the sentence
/// or runs past its end.
pub(super) struct Region {
    pub(super) range: Range<usize>,
    pub(super) carried_in: bool,
    pub(super) runs_out: bool,
}

fn prev_next(text: &str, pos: usize, c: char) -> (Option<char>, Option<char>) {
    (
        text[..pos].chars().next_back(),
        text[pos + c.len_utf8()..].chars().next(),
    )
}

fn opens(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || "([{-/:".contains(p) || is_quote_char(p))
        && next.is_some_and(|n| !n.is_whitespace())
}

fn closes(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_some_and(|p| !p.is_whitespace())
        && next.is_none_or(|n| n.is_whitespace() || ".,;:!?)]}-".contains(n) || is_quote_char(n))
}

/// Is there a closing single quote after `from` (a `'`/’ after a non-space, not between two
/// letters)?
fn single_closer_after(text: &str, from: usize) -> bool {
    text[from..].char_indices().any(|(i, c)| {
        matches!(c, '\'' | '\u{2019}') && {
            let (p, n) = prev_next(text, from + i, c);
            closes(p, n) && !(p.is_some_and(char::is_alphanumeric) && n.is_some_and(char::is_alphanumeric))
        }
    })
}

/// The quotation marks of `text` ([`is_quote_char`]) with their byte offsets, in order.
///
/// Every mark's UTF-8 form starts with `"`, `'`, 0xC2 (« ») or 0xE2 (the General
/// Punctuation marks), and none of these bytes occurs inside another character's encoding
/// (continuation bytes are 0x80–0xBF), so the text between marks is skipped at memchr's
/// speed and only candidates are decoded: decoding every character was most of the voice
/// split's time on plain prose. memchr searches for at most three bytes at once, so 0xC2 has
/// a search of its own, run again only when passed.
fn marks(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let b = text.as_bytes();
    let mut from = 0;
    let mut c2 = memchr::memchr(0xC2, b);
    std::iter::from_fn(move || loop {
        if c2.is_some_and(|p| p < from) {
            c2 = memchr::memchr(0xC2, &b[from..]).map(|i| from + i);
        }
        let other = memchr::memchr3(b'"', b'\'', 0xE2, &b[from..]).map(|i| from + i);
        let pos = match (other, c2) {
            (Some(a), Some(c)) => a.min(c),
            (a, c) => a.or(c)?,
        };
        from = pos + 1;
        let c = text[pos..].chars().next().expect("a candidate byte starts a character");
        if is_quote_char(c) {
            return Some((pos, c));
        }
    })
}

/// The quoted regions of a sentence, updating the quotes left open.
pub(super) fn quote_regions(text: &str, state: &mut QuoteState, new_paragraph: bool) -> Vec<Region> {
    let mut regions = Vec::new();
    let mut skip_first = false;
    if new_paragraph && !state.open.is_empty() {
        // A quote over several paragraphs: the next paragraph re-opens it with a mark.
        let first = text.trim_start().chars().next();
        if first.is_some_and(|c| matches!(c, '"' | '\u{201C}' | '\u{00AB}' | '\u{201E}')) {
            skip_first = true;
        } else {
            state.open.clear();
        }
    }
    let mut start: Option<(usize, bool)> = (!state.open.is_empty()).then_some((0, true));
    let lead = text.len() - text.trim_start().len();
    for (pos, c) in marks(text) {
        if skip_first && pos == lead {
            continue;
        }
        let (prev, next) = prev_next(text, pos, c);
        let open = &mut state.open;
        let pop_to = |open: &mut Vec<Mark>, m: &[Mark]| match open.iter().rposition(|x| m.contains(x)) {
            Some(i) => {
                open.truncate(i);
                true
            }
            None => false,
        };
        let was_open = !open.is_empty();
        match c {
            '"' => {
                let has = open.contains(&Mark::Double);
                match (opens(prev, next), closes(prev, next)) {
                    (true, false) => open.push(Mark::Double),
                    (false, true) => {
                        pop_to(open, &[Mark::Double]);
                    }
                    _ if has => {
                        pop_to(open, &[Mark::Double]);
                    }
                    _ => open.push(Mark::Double),
                }
            }
            '\u{201C}' => {
                if open.last() == Some(&Mark::Low) {
                    open.pop();
                } else {
                    open.push(Mark::Double);
                }
            }
            '\u{201D}' => {
                pop_to(open, &[Mark::Double, Mark::Low]);
            }
            '\u{201E}' => open.push(Mark::Low),
            '\u{00AB}' => open.push(Mark::Guillemet),
            '\u{00BB}' => {
                pop_to(open, &[Mark::Guillemet]);
            }
            '\u{2018}' | '\u{201A}' => open.push(Mark::Single),
            '\'' | '\u{2019}' => {
                let inside_word = prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
                if inside_word {
                    continue;
                }
                if open.contains(&Mark::Single) && closes(prev, next) {
                    pop_to(open, &[Mark::Single]);
                } else if c == '\''
                    && opens(prev, next)
                    && !prev.is_some_and(char::is_alphanumeric)
                    && single_closer_after(text, pos + 1)
                {
                    open.push(Mark::Single);
                }
            }
            _ => {}
        }
        let now_open = !state.open.is_empty();
        if !was_open && now_open {
            start = Some((pos, false));
        } else if was_open && !now_open {
            if let Some((s, carried_in)) = start.take() {
                regions.push(Region {
                    range: s..pos + c.len_utf8(),
                    carried_in,
                    runs_out: false,
                });
            }
        }
    }
    if let Some((s, carried_in)) = start {
        regions.push(Region {
            range: s..text.len(),
            carried_in,
            runs_out: true,
        });
    }
    regions
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn by_chars(text: &str) -> Vec<(usize, char)> {
        text.char_indices().filter(|&(_, c)| is_quote_char(c)).collect()
    }

    #[test]
    fn marks_are_found_at_their_byte_offsets() {
        // « at 0 (2 bytes), Киев 2..10 (2 bytes a letter), » at 10, “ at 13 (3 bytes), ” at
        // 20, ' at 37 and 39, " at 41 and 43; "é" (C3 A9), "Â" (C3 82), "¬" (C2 AC) and "—"
        // (E2 80 94) share lead or continuation bytes but are no marks.
        let t = "«Киев» “Kyiv” é Â ¬ — 'a' \"b\"";
        let want = [
            (0, '«'),
            (10, '»'),
            (13, '“'),
            (20, '”'),
            (37, '\''),
            (39, '\''),
            (41, '"'),
            (43, '"'),
        ];
        assert_eq!(marks(t).collect::<Vec<_>>(), want);
        assert_eq!(by_chars(t), want);
        assert_eq!(marks("plain prose, no marks").count(), 0);
        assert_eq!(marks("").count(), 0);
        // 0xC2 characters only before, or only after, the other marks.
        for t in ["¬¬ \"a\" 'b'", "\"a\" ¬ « »", "»", "„x‚"] {
            assert_eq!(marks(t).collect::<Vec<_>>(), by_chars(t), "{t}");
        }
    }

    proptest! {
        #[test]
        fn marks_equal_a_scan_of_every_character(
            t in proptest::collection::vec(
                prop_oneof![
                    any::<char>(),
                    proptest::sample::select(vec!['"', '\'', '«', '»', '“', '”', '‘', '’', '„', '‚', '¬', '—', 'é', ' ', 'a']),
                ],
                0..40,
            ).prop_map(|v| v.into_iter().collect::<String>())
        ) {
            prop_assert_eq!(marks(&t).collect::<Vec<_>>(), by_chars(&t));
        }
    }
}
