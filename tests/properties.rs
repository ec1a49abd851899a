//! Property tests for the text parsers: the sentence splitter, the tokenizer, the cleaner
//! (with the built-in patterns) and the lexicon line parser never panic, keep their spans on
//! char boundaries, and keep their invariants on any input.

use framescope::clean::{Cleaner, CleanerSettings};
use framescope::corpus::{decode, split_headline, Article};
use framescope::data::{self, DataText};
use framescope::lexicon::Lexicon;
use framescope::text::{normalize, split_sentences, tokenize, Analyzer, AnalyzerSettings};
use proptest::prelude::*;
use std::sync::OnceLock;

/// News-like text: words, sentence punctuation, abbreviations, quotes, brackets, digits,
/// Cyrillic, odd whitespace and line breaks.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Za-z]{1,9}",
        "[0-9]{1,4}",
        Just("Mr.".to_string()),
        Just("U.S.".to_string()),
        Just("e.g.".to_string()),
        Just("Feb.".to_string()),
        Just("Киев".to_string()),
        Just("…".to_string()),
        "[.!?]{1,3}",
        "[\"'()\\[\\]“”«»]",
        "[-,;:/]",
        "[ \t\u{a0}\u{2003}]{1,3}",
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        "\\PC",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// Any string, or news-like text.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), newsy()]
}

fn cleaner() -> &'static Cleaner {
    static C: OnceLock<Cleaner> = OnceLock::new();
    C.get_or_init(|| {
        Cleaner::new(
            CleanerSettings::from_files(
                &data::load(None, "boilerplate.txt").unwrap(),
                &data::load(None, "self_references.txt").unwrap(),
            )
            .unwrap(),
        )
        .unwrap()
    })
}

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| {
        Analyzer::new(AnalyzerSettings {
            stop_words: data::word_list(&data::load(None, "stopwords.txt").unwrap()),
            outlet_names: data::word_list(&data::load(None, "outlets.txt").unwrap()),
            ngram_max: 2,
            stemmer: "english".into(),
            languages: vec![],
        })
        .unwrap()
    })
}

/// The splitter's contract on one paragraph.
fn check_sentences(p: &str) -> Result<(), TestCaseError> {
    let spans = split_sentences(p);
    let mut last = 0;
    let mut covered = vec![false; p.len()];
    for r in &spans {
        prop_assert!(r.start < r.end, "empty span {r:?}");
        prop_assert!(r.start >= last, "spans out of order or overlapping: {spans:?}");
        prop_assert!(
            p.is_char_boundary(r.start) && p.is_char_boundary(r.end),
            "{r:?} in {p:?}"
        );
        let s = &p[r.clone()];
        prop_assert_eq!(s.trim(), s, "sentence not trimmed");
        // Idempotent: a sentence split again is itself.
        prop_assert_eq!(split_sentences(s), vec![0..s.len()], "re-splitting {:?}", s);
        covered[r.clone()].iter_mut().for_each(|c| *c = true);
        last = r.end;
    }
    // Every non-whitespace character is in some sentence.
    for (i, c) in p.char_indices() {
        if !c.is_whitespace() {
            prop_assert!(covered[i], "{c:?} at {i} not in any sentence of {p:?}: {spans:?}");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn sentences_cover_order_and_resplit(p in text()) {
        check_sentences(&p)?;
        // And on the normalised paragraphs the pipeline actually splits.
        for line in normalize(&p).lines() {
            check_sentences(line)?;
        }
    }

    #[test]
    fn tokens_are_exact_ordered_words(s in text()) {
        let mut last = 0;
        for t in tokenize(&s) {
            prop_assert!(s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end));
            prop_assert_eq!(&s[t.span.clone()], t.text);
            prop_assert!(t.span.start >= last, "tokens overlap");
            last = t.span.end;
            prop_assert!(t.text.chars().count() >= 2, "one-char token {:?}", t.text);
            let (first, end) = (t.text.chars().next().unwrap(), t.text.chars().last().unwrap());
            prop_assert!(first.is_alphanumeric() && end.is_alphanumeric(), "{:?}", t.text);
        }
        // The analyzer's terms point back into the sentence too.
        for term in analyzer().terms(&s) {
            prop_assert!(s.is_char_boundary(term.span.start) && s.is_char_boundary(term.span.end));
            prop_assert!(!term.stem.is_empty());
        }
    }

    #[test]
    fn normalize_is_idempotent_and_tidy(s in text()) {
        let n = normalize(&s);
        // Idempotent up to trailing empty lines (which no caller keeps).
        let again = normalize(&n);
        prop_assert_eq!(again.trim_end_matches('\n'), n.trim_end_matches('\n'));
        prop_assert!(!n.contains('\r') && !n.contains("  "), "{n:?}");
        for l in n.lines() {
            prop_assert_eq!(l.trim(), l);
        }
    }

    #[test]
    fn cleaning_any_article_keeps_its_invariants(bytes in prop_oneof![
        any::<Vec<u8>>(),
        text().prop_map(String::into_bytes),
    ]) {
        let Ok(d) = decode(&bytes) else { return Ok(()) };
        prop_assert!(!d.text.contains('\r') && !d.text.trim().is_empty());
        let (title, body) = split_headline(&d.text);
        if let Some(t) = &title {
            prop_assert!(!t.contains('\n') && !t.trim().is_empty());
        }
        let c = cleaner().clean(&Article {
            id: "p".into(),
            title,
            body,
            outlet: None,
            date: None,
            label: None,
            lang: None,
            origin: "p.txt".into(),
        });
        let mut seen = std::collections::HashSet::new();
        for p in &c.paragraphs {
            prop_assert!(!p.is_empty() && !p.contains('\n'), "{p:?}");
            prop_assert!(seen.insert(p.clone()), "repeated paragraph kept: {p:?}");
            check_sentences(p)?;
        }
        for cut in &c.cuts {
            prop_assert!(cut.before_paragraph <= c.paragraphs.len());
        }
    }

    #[test]
    fn any_lexicon_line_parses_or_names_its_line(line in prop_oneof![
        any::<String>().prop_map(|s| s.replace(['\n', '\r'], " ")),
        "[A-Za-z ]{0,20}( ?\\| ?[-+0-9.eEinfa]{0,6})?( #.*)?",
    ]) {
        let d = |p: &str, t: &str| DataText { path: p.into(), text: t.into() };
        let k = d("k.txt", &format!("{line}\n"));
        let w = d("w.txt", "Kyiv\n");
        match Lexicon::from_files(&k, &w, analyzer()) {
            Ok(lex) => {
                let e: Vec<_> = lex.entries.iter().filter(|e| e.source.starts_with("k.txt")).collect();
                prop_assert!(e.len() == 1, "{:?}", lex.entries);
                prop_assert!(e[0].weight.is_finite() && e[0].weight > 0.0);
                prop_assert!(!e[0].phrase.is_empty() && !e[0].stems.is_empty());
                prop_assert_eq!(&e[0].source, "k.txt:1");
            }
            Err(err) => {
                let m = err.to_string();
                prop_assert!(
                    m.starts_with("k.txt:1: ") || m.starts_with("k.txt: the kremlin lexicon has no entries")
                        || (m.starts_with("w.txt:1: ") && m.contains("is the same entry as k.txt:1")),
                    "{m}"
                );
                prop_assert!(!m.contains('\n'), "error spans lines: {m:?}");
            }
        }
    }
}
