//! A lexicon file: any bytes as the Kremlin lexicon (the Western one fixed), parsed through
//! the analyzer, then matched against its own text.
#![no_main]
use framescope::data::DataText;
use framescope::lexicon::Lexicon;
use framescope::text::{Analyzer, AnalyzerSettings};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let analyzer = Analyzer::new(AnalyzerSettings {
        stop_words: vec!["the".into(), "of".into()],
        outlet_names: vec!["TASS".into()],
        ngram_max: 2,
        stemmer: "english".into(),
    });
    let k = DataText {
        path: "k.txt".into(),
        text: text.to_string(),
    };
    let w = DataText {
        path: "w.txt".into(),
        text: "Kyiv | 2\nrussian invasion\n".into(),
    };
    match Lexicon::from_files(&k, &w, &analyzer) {
        Ok(lex) => {
            let ev = lex.evidence(&analyzer.stems(text));
            assert!(ev.kremlin_weight.is_finite() && ev.western_weight.is_finite());
            let _ = lex.ngrams(2);
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.starts_with("k.txt") || msg.starts_with("w.txt"), "{msg}");
        }
    }
});
