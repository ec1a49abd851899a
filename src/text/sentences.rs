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
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            // Extend over runs of terminators and closing quotes/brackets: `?!`, `."`, `.)`.
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '"' | '\'' | ')' | ']') {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |c| c.0);
            if j < chars.len()
                && chars[j].1.is_whitespace()
                && starts_sentence(&chars[j..])
                && !(c == '.' && j == i + 1 && is_abbreviation(&text[start..pos]))
            {
                push_trimmed(text, start..end, &mut out);
                start = end;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// After the whitespace, does the next word look like a sentence start?
fn starts_sentence(rest: &[(usize, char)]) -> bool {
    let next = rest.iter().map(|c| c.1).find(|c| !c.is_whitespace());
    match next {
        Some(c) => c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '\'' | '(' | '['),
        None => false,
    }
}

/// Is the word before this period an abbreviation or an initial ("Mr", "U.S", "A")?
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
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
