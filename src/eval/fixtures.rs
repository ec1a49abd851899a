//! Fixtures of the eval unit tests: a small analyzer and lexicon, resources with an empty
//! cleaner, and documents analysed with them.

use crate::clean::CleanArticle;
use crate::corpus::Side;
use crate::data::DataText;
use crate::document::{analyze, Document};
use crate::lexicon::Lexicon;
use crate::pipeline::Resources;
use crate::text::{Analyzer, AnalyzerSettings};

pub fn analyzer() -> Analyzer {
    Analyzer::new(AnalyzerSettings {
        stop_words: vec!["the".into(), "of".into(), "a".into(), "in".into()],
        outlet_names: vec![],
        ngram_max: 2,
        stemmer: "english".into(),
        languages: vec![],
    })
    .unwrap()
}

pub fn lexicon() -> Lexicon {
    let d = |p: &str, t: &str| DataText {
        path: p.into(),
        text: t.into(),
    };
    Lexicon::from_files(
        &d("k.txt", "Kiev | 1.5\nKiev regime | 2\n"),
        &d("w.txt", "Kyiv | 1.5\ninvasion\n"),
        &analyzer(),
    )
    .unwrap()
}

/// The test analyzer and lexicon with an empty cleaner (no boilerplate, no datelines).
pub fn resources() -> Resources {
    let empty = |path: &str| DataText {
        path: path.into(),
        text: String::new(),
    };
    let settings = crate::clean::CleanerSettings::from_files(&empty("b"), &empty("s")).unwrap();
    Resources {
        analyzer: analyzer(),
        cleaner: crate::clean::Cleaner::new(settings).unwrap(),
        lexicon: lexicon(),
        voice: Default::default(),
        actors: crate::compare::sourcing::Actors::builtin().unwrap(),
    }
}

pub fn doc(id: &str, label: Option<Side>, paragraphs: &[&str]) -> Document {
    let a = CleanArticle {
        id: id.into(),
        title: None,
        outlet: None,
        date: None,
        label,
        lang: "en".into(),
        origin: id.into(),
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        cuts: vec![],
    };
    analyze(a, &analyzer(), &lexicon())
}
