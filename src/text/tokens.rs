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

/// Runs of letters/digits, joined across a single `-`, `'` or `.` that sits between two
/// letters/digits ("Moscow-backed", "Russia's", "U.S"). Tokens of one character are dropped
/// (as scikit-learn's default pattern does).
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut iter = text.char_indices().peekable();
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
            push(text, s..i, &mut out);
        }
    }
    if let Some(s) = start {
        push(text, s..text.len(), &mut out);
    }
    out
}

fn push<'a>(text: &'a str, span: Range<usize>, out: &mut Vec<Token<'a>>) {
    let t = &text[span.clone()];
    if t.chars().nth(1).is_some() {
        out.push(Token { text: t, span });
    }
}

#[cfg(test)]
mod tests {
    use super::tokenize;

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
    fn cyrillic_is_tokenized_and_spans_are_exact() {
        let s = "Киев — столица";
        let t = tokenize(s);
        assert_eq!(t.len(), 2);
        assert_eq!(&s[t[1].span.clone()], "столица");
    }
}
