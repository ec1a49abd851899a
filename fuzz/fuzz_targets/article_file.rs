//! A `.txt` article's bytes: decode → headline split → clean (built-in patterns) → sentences
//! → tokens → analyzer, checking spans stay on char boundaries.
#![no_main]
use framescope::clean::{Cleaner, CleanerSettings};
use framescope::corpus::{decode, split_headline, Article};
use framescope::data;
use framescope::text::{split_sentences, tokenize, Analyzer, AnalyzerSettings};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn tools() -> &'static (Cleaner, Analyzer) {
    static T: OnceLock<(Cleaner, Analyzer)> = OnceLock::new();
    T.get_or_init(|| {
        let l = |n| {
            data::load(Some(std::path::Path::new("../data")), n)
                .or_else(|_| data::load(None, n))
                .unwrap()
        };
        let cleaner =
            Cleaner::new(CleanerSettings::from_files(&l("boilerplate.txt"), &l("self_references.txt")).unwrap())
                .unwrap();
        let analyzer = Analyzer::new(AnalyzerSettings {
            stop_words: data::word_list(&l("stopwords.txt")),
            outlet_names: data::word_list(&l("outlets.txt")),
            ngram_max: 2,
            stemmer: "english".into(),
        });
        (cleaner, analyzer)
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(d) = decode(bytes) else { return };
    let (title, body) = split_headline(&d.text);
    let (cleaner, analyzer) = tools();
    let c = cleaner.clean(&Article {
        id: "f".into(),
        title,
        body,
        outlet: None,
        date: None,
        label: None,
        origin: "f.txt".into(),
    });
    for p in &c.paragraphs {
        let mut last = 0;
        for r in split_sentences(p) {
            assert!(r.start >= last && r.start < r.end && p.is_char_boundary(r.start) && p.is_char_boundary(r.end));
            last = r.end;
            let s = &p[r];
            for t in tokenize(s) {
                assert_eq!(&s[t.span.clone()], t.text);
            }
            let _ = analyzer.features(s);
        }
    }
});
