//! Rule-based sentence splitting for news prose.
//!
//! Hand-written rather than taken from `unicode-segmentation`: UAX #29 sentence boundaries
//! split after "Mr." and "Feb." and do not know that `said: "…` continues a sentence, which
//! matters for quotes-heavy wire copy. The rules are few and tested below.

use std::ops::Range;

/// Words that end with a period without ending the sentence (compared lowercased, without
/// the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "sen", "rep", "gov",
    "pres", "prof", "jr", "sr", "inc", "corp", "co", "ltd", "vs", "etc", "no", "nos", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "dept", "fig", "mt", "ft",
];

/// Byte ranges of the sentences in one paragraph, trimmed, in order.
///
/// One pass over the characters with no per-character buffer, so a paragraph of tens of
/// megabytes (a scraped file with no line breaks) costs time and memory linear in its size.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    split_sentences_with(text, &|_| false)
}

/// The same, with a language's own abbreviations besides the built-in English ones
/// (`extra` is asked about the lowercased word before a period, without the period).
pub fn split_sentences_with(text: &str, extra: &dyn Fn(&str) -> bool) -> Vec<Range<usize>> {
    // Jumps from terminator to terminator (`memchr3`; they are ASCII, so every hit is a char
    // boundary) instead of decoding every character: the same decisions as the char walk
    // kept in the tests (`jumping_equals_the_char_walk`), in about a third of the time.
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some(off) = memchr::memchr3(b'.', b'!', b'?', &bytes[from..]) {
        let pos = from + off;
        // Extend over runs of terminators and closing quotes/brackets: `?!`, `."`, `.)`.
        let mut end = pos + 1;
        while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']') {
            end += 1;
        }
        let single = end == pos + 1;
        from = end;
        let Some(next) = text[end..].chars().next() else {
            break;
        };
        if next.is_whitespace()
            && starts_sentence(&text[end..])
            && !(bytes[pos] == b'.' && single && is_abbreviation(&text[start..pos], extra))
        {
            push_trimmed(text, start..end, &mut out);
            start = end;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// After the whitespace, does the next word look like a sentence start?
fn starts_sentence(rest: &str) -> bool {
    let next = rest.chars().find(|c| !c.is_whitespace());
    match next {
        Some(c) => c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '\'' | '(' | '['),
        None => false,
    }
}

/// Is the word before this period an abbreviation or an initial ("Mr", "U.S", "A")?
fn is_abbreviation(before: &str, extra: &dyn Fn(&str) -> bool) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) || extra(&lower) {
        return true;
    }
    // Initials and dotted acronyms: "A", "U.S", "U.K", "e.g".
    let letters: Vec<&str> = word.split('.').collect();
    letters
        .iter()
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        split_sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    /// The char walk the splitter was before it jumped between terminators.
    fn char_walk(text: &str, extra: &dyn Fn(&str) -> bool) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((pos, c)) = chars.next() {
            if !matches!(c, '.' | '!' | '?') {
                continue;
            }
            let mut single = true;
            while chars
                .next_if(|&(_, n)| matches!(n, '.' | '!' | '?' | '"' | '\'' | ')' | ']'))
                .is_some()
            {
                single = false;
            }
            let Some(&(end, next)) = chars.peek() else {
                break;
            };
            if next.is_whitespace()
                && starts_sentence(&text[end..])
                && !(c == '.' && single && is_abbreviation(&text[start..pos], extra))
            {
                push_trimmed(text, start..end, &mut out);
                start = end;
            }
        }
        push_trimmed(text, start..text.len(), &mut out);
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn jumping_equals_the_char_walk(text in "([A-Za-z0-9]{1,4}|[ .!?\"')\\](]|Mr|U\\.S|[ЖжéΣ“”\u{00A0}\u{2003}]|\\PC){0,30}") {
            let extra = |w: &str| w == "ab";
            proptest::prop_assert_eq!(split_sentences_with(&text, &extra), char_walk(&text, &extra));
        }
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            sents("Mr Putin met Mr. Lukashenko on Feb. 18 in the U.S. embassy. They talked."),
            vec![
                "Mr Putin met Mr. Lukashenko on Feb. 18 in the U.S. embassy.",
                "They talked."
            ]
        );
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        assert_eq!(
            sents("He said: \"The drills are defensive.\" Ukraine disagreed. \"Why?\" she asked."),
            vec![
                "He said: \"The drills are defensive.\"",
                "Ukraine disagreed.",
                "\"Why?\" she asked."
            ]
        );
    }

    #[test]
    fn lowercase_after_a_period_continues_and_numbers_start() {
        assert_eq!(
            sents("Up 2.5 percent. 30,000 troops."),
            vec!["Up 2.5 percent.", "30,000 troops."]
        );
        assert_eq!(sents("e.g. this one"), vec!["e.g. this one"]);
        assert_eq!(sents("  "), Vec::<&str>::new());
    }
}
