//! Words that negate or refute what a sentence says ("not", "never", "false", «не»). The
//! voice split does not read negation (README, "What the split does not read"): "This is not a
//! special military operation but a war" counts the Kremlin phrase as the outlet's own, and a
//! debunk counts for the side it debunks. `inspect` names the sentences it lists that hold
//! such a word beside a lexicon hit, so a reader checks them before quoting the score (review
//! L, session 52: an op-ed built on negation scored +0.451 [+0.300, +0.564], Kremlin, with no
//! note). A warning for the reader only, never part of a score, so a fixed list rather than a
//! data file: it moves no number.

use crate::text::tokenize;

/// Negations and refutation words, English and Russian, lowercase, as written (not stemmed);
/// any word ending in "n't" counts too ("isn't", "don't").
const NEGATIONS: &[&str] = &[
    "not",
    "no",
    "never",
    "nothing",
    "nor",
    "neither",
    "cannot",
    "false",
    "falsely",
    "untrue",
    "baseless",
    "unfounded",
    "debunked",
    "debunk",
    "debunks",
    "myth",
    "не",
    "нет",
    "ни",
    "никогда",
    "неправда",
    "ложь",
    "ложно",
    "ложные",
    "ложный",
    "ложная",
    "ложное",
    "ложных",
    "опроверг",
    "опровергли",
    "опровергает",
    "опровергают",
];

/// The first negation or refutation word of `text` (lowercased), if any.
pub fn negation_word(text: &str) -> Option<String> {
    let words: Vec<String> = tokenize(text).iter().map(|t| t.text.to_lowercase()).collect();
    words
        .iter()
        .enumerate()
        // "false flag" is a lexicon entry (an accusation), not a refutation (review M).
        .find(|(i, w)| {
            (NEGATIONS.contains(&w.as_str()) || w.ends_with("n't"))
                && !(w.as_str() == "false" && words.get(i + 1).is_some_and(|n| n == "flag"))
        })
        .map(|(_, w)| w.clone())
}

#[cfg(test)]
mod tests {
    use super::negation_word;

    #[test]
    fn negations_and_refutations_are_found_as_whole_words() {
        let found = |s: &str| negation_word(s);
        assert_eq!(
            found("This is not a special military operation but a war.").as_deref(),
            Some("not")
        );
        assert_eq!(found("The claim is false.").as_deref(), Some("false"));
        assert_eq!(
            found("There is nothing defensive about it.").as_deref(),
            Some("nothing")
        );
        assert_eq!(found("Kyiv staged a false flag attack."), None);
        assert_eq!(found("Moscow's claims don't add up.").as_deref(), Some("don't"));
        assert_eq!(found("Это не специальная военная операция.").as_deref(), Some("не"));
        // Whole words only: "notion", "knot", «нетто» are none.
        for none in [
            "The notion of a knot is new.",
            "Вес нетто вырос.",
            "Kyiv reported shelling.",
        ] {
            assert_eq!(found(none), None, "{none}");
        }
    }
}
