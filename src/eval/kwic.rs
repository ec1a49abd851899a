//! Keyword in context: every occurrence of a lexicon-style phrase, matched through the
//! analyzer (so "security guarantee" finds "security guarantees"; stop words and outlet
//! names are skipped exactly as the lexicon skips them), with words of context either side.

use crate::document::Document;
use crate::text::{tokenize, Analyzer};
use serde::{Deserialize, Serialize};

/// One occurrence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Occurrence {
    pub article_id: String,
    /// Sentence index in the article (0 is the headline when there is one).
    pub sentence: usize,
    /// Up to `width` words before the match, as written up to it: the space or punctuation
    /// touching the match is kept (`a "` before a quoted phrase), so that `left`, `matched`
    /// and `right` joined read as the sentence does.
    pub left: String,
    /// The matched text as written (from the first to the last matched term).
    pub matched: String,
    /// Up to `width` words after the match, as written from it (a closing `".` kept).
    pub right: String,
}

/// Find every occurrence of `phrase` in the documents' sentences, in document order.
/// Returns nothing when the phrase has no content words.
pub fn kwic(phrase: &str, docs: &[Document], analyzer: &Analyzer, width: usize) -> Vec<Occurrence> {
    let mut out = Vec::new();
    // The phrase is read in each article's language, as its lexicon entry would be: read in
    // the language detected in a word or two (English for `invasion`), it found nothing in
    // the French articles of a language added by README › Languages, which `lexicon` and
    // `run` matched (review, session 49). Once per language.
    // A phrase in double quotes matches its exact words only, as such a lexicon entry does.
    let exact = crate::lexicon::exact_phrase(phrase);
    // Per language: (code, (stems, exact forms)).
    type Wanted = (Vec<String>, Option<Vec<String>>);
    let mut wanted: Vec<(&str, Wanted)> = Vec::new();
    for d in docs {
        let lang = d.article.lang.as_str();
        let (want, forms) = match wanted.iter().position(|(l, _)| *l == lang) {
            Some(i) => (&wanted[i].1 .0, &wanted[i].1 .1),
            None => {
                let forms = exact.map(|p| analyzer.phrase_forms_in(lang, p));
                wanted.push((lang, (analyzer.phrase_in(lang, phrase), forms)));
                let last = &wanted[wanted.len() - 1].1;
                (&last.0, &last.1)
            }
        };
        if want.is_empty() {
            continue;
        }
        for (si, s) in d.sentences.iter().enumerate() {
            let n = want.len();
            if s.terms.len() < n {
                continue;
            }
            for i in 0..=s.terms.len() - n {
                let terms = &s.terms[i..i + n];
                let form_ok = |f: &Vec<String>| {
                    terms
                        .iter()
                        .zip(f)
                        .all(|(t, f)| crate::text::exact_form(&s.text[t.span.clone()]) == *f)
                };
                if terms.iter().zip(want).all(|(t, w)| t.stem == *w) && forms.as_ref().is_none_or(form_ok) {
                    let (a, b) = (s.terms[i].span.start, s.terms[i + n - 1].span.end);
                    out.push(Occurrence {
                        article_id: d.article.id.clone(),
                        sentence: si,
                        left: words(&s.text[..a], width, true),
                        matched: s.text[a..b].to_string(),
                        right: words(&s.text[b..], width, false),
                    });
                }
            }
        }
    }
    out
}

/// The last (or first) `n` words of a text, with the punctuation between them and on the
/// match's side kept as written (`last`: the text before a match, else after it). Where every
/// word is kept, or there is none, the punctuation at the sentence's end is kept too: a
/// sentence's opening quotation mark shows that the phrase was quoted (review, session 31:
/// `We are conducting a [special military operation] ," the minister said`), and so does the
/// closing one (review, session 47: `as a " [Kiev regime]` had lost its `".`). Only the
/// whitespace at the far end is cut.
fn words(text: &str, n: usize, last: bool) -> String {
    if n == 0 {
        return String::new();
    }
    let toks = tokenize(text);
    let all = toks.len() <= n;
    let (a, b) = if all {
        (0, text.len())
    } else if last {
        (toks[toks.len() - n].span.start, text.len())
    } else {
        (0, toks[n - 1].span.end)
    };
    let s = &text[a..b];
    if last { s.trim_start() } else { s.trim_end() }.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::CleanArticle;
    use crate::document::analyze;
    use crate::lexicon::Lexicon;
    use crate::text::AnalyzerSettings;

    fn analyzer() -> Analyzer {
        Analyzer::new(AnalyzerSettings {
            stop_words: vec!["the".into(), "of".into(), "a".into(), "on".into()],
            outlet_names: vec![],
            ngram_max: 2,
            stemmer: "english".into(),
            languages: vec![],
        })
        .unwrap()
    }

    fn doc(id: &str, paragraphs: &[&str]) -> Document {
        let a = CleanArticle {
            id: id.into(),
            title: None,
            outlet: None,
            date: None,
            label: None,
            lang: "en".into(),
            origin: id.into(),
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            cuts: vec![],
        };
        analyze(a, &analyzer(), &Lexicon::new(vec![], String::new(), String::new()))
    }

    #[test]
    fn a_context_that_reaches_the_sentence_start_keeps_its_opening_quote() {
        let docs = vec![doc(
            "q",
            &["\"We are conducting a special military operation,\" the minister said."],
        )];
        let hits = kwic("military operation", &docs, &analyzer(), 5);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].left, "\"We are conducting a special ");
        assert_eq!(hits[0].right, ",\" the minister said.");
        // Cut inside the sentence: from the first kept word, as before.
        let hits = kwic("military operation", &docs, &analyzer(), 2);
        assert!(
            !hits[0].left.starts_with('"') && hits[0].left.ends_with("special "),
            "{:?}",
            hits[0]
        );
    }

    #[test]
    fn a_phrase_in_quotes_finds_its_exact_words_only() {
        let docs = vec![doc(
            "a",
            &["Moscow wants the demilitarisation of Ukraine. The UN asked for a demilitarised zone."],
        )];
        assert_eq!(kwic("demilitarisation", &docs, &analyzer(), 2).len(), 2);
        let hits = kwic("\"demilitarisation\"", &docs, &analyzer(), 2);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!((hits[0].sentence, hits[0].matched.as_str()), (0, "demilitarisation"));
        let hits = kwic("\"demilitarised zone\"", &docs, &analyzer(), 2);
        assert_eq!((hits.len(), hits[0].sentence), (1, 1));
    }

    #[test]
    fn stems_match_and_context_is_cut_at_word_counts() {
        let docs = vec![
            doc(
                "a",
                &["Moscow demanded legally binding security guarantees from NATO at once."],
            ),
            doc("b", &["No guarantee here. The security of guarantee matters."]),
        ];
        let hits = kwic("security guarantee", &docs, &analyzer(), 2);
        // "security of guarantee" matches too: "of" is a stop word, skipped as the lexicon
        // skips it.
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert_eq!(
            (hits[0].left.as_str(), hits[0].matched.as_str(), hits[0].right.as_str()),
            ("legally binding ", "security guarantees", " from NATO")
        );
        assert_eq!(hits[0].article_id, "a");
        assert_eq!((hits[1].article_id.as_str(), hits[1].sentence), ("b", 1));
        assert_eq!(hits[1].matched, "security of guarantee");
        assert_eq!((hits[1].left.as_str(), hits[1].right.as_str()), ("The ", " matters."));
        assert!(kwic("the of", &docs, &analyzer(), 2).is_empty());
    }

    /// Review, session 47: a scare-quoted phrase at a sentence's end showed as `as a " [Kiev
    /// regime]`, its closing quotation mark and stop lost and a space put inside the quote.
    #[test]
    fn quotation_marks_around_a_match_are_shown_as_written() {
        let docs = vec![doc(
            "s",
            &["They called the government a \"Kiev regime\". Talks went on."],
        )];
        let hits = kwic("kiev regime", &docs, &analyzer(), 5);
        assert_eq!(hits.len(), 1);
        let h = &hits[0];
        assert_eq!(
            (h.left.as_str(), h.matched.as_str(), h.right.as_str()),
            ("They called the government a \"", "Kiev regime", "\".")
        );
        // A match opening the sentence, with nothing but a quotation mark before it.
        let docs = vec![doc("t", &["\"Kiev regime\" is their phrase."])];
        let h = &kwic("kiev regime", &docs, &analyzer(), 5)[0];
        assert_eq!((h.left.as_str(), h.right.as_str()), ("\"", "\" is their phrase."));
    }
}
