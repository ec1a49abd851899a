//! Round trips of the kept analysis, and pass 2 seeing pass 1's batches.

use super::codec::{decode_document, encode_document};
use super::*;
use crate::jobs::Inputs;
use crate::pipeline::{for_each_batch, Resources};
use std::path::PathBuf;

/// The seeds and the test fixtures, analysed in batches of `batch` articles.
fn analysed(batch: usize) -> Vec<(Vec<Document>, usize)> {
    let res = Resources::from_data(None, None).unwrap();
    let (sources, _) = Inputs::paths(["seeds", "tests/fixtures/pipeline", "tests/fixtures/eval"])
        .sources()
        .unwrap();
    let mut out = Vec::new();
    for_each_batch(sources, &res, batch, |b| {
        out.push((b.documents, b.articles));
        Ok(())
    })
    .unwrap();
    out
}

/// A document that uses every escape of the encoding.
fn odd_document() -> Document {
    let article = CleanArticle {
        id: "odd «id»".into(),
        title: None,
        outlet: Some(String::new()),
        date: Some("2024-01-01".into()),
        label: Some(Side::Western),
        lang: "ru".into(),
        origin: "x.jsonl:7".into(),
        paragraphs: vec!["Привет, мир. Second one.".into(), String::new()],
        cuts: vec![Cut {
            text: "Subscribe".into(),
            reason: "boilerplate".into(),
            before_paragraph: 2,
        }],
    };
    let term = |s: &str, span: std::ops::Range<usize>| Term { stem: s.into(), span };
    let long = "a stem longer than twenty-four bytes, kept on the heap";
    let sentences = vec![
        // A headline without a title, and keys that are not the stems' keys.
        Sentence {
            text: "not in the article".into(),
            paragraph: None,
            terms: vec![
                term("not", 0..3),
                term(long, std::ops::Range { start: 7, end: 2 }),
                term("not", 4..10),
            ],
            keys: vec![1, 2, 3],
            evidence: LexiconEvidence {
                hits: vec![Hit {
                    entry: 3,
                    start: 0,
                    len: 2,
                }],
                kremlin_weight: -0.0,
                western_weight: 1.5,
            },
        },
        Sentence {
            text: "мир".into(),
            paragraph: Some(0),
            terms: vec![term("мир", 0..6), term("мир", 0..6)],
            keys: vec![stem_key("мир"), stem_key("мир")],
            evidence: LexiconEvidence::default(),
        },
        // Fewer keys than terms; a paragraph that is not there.
        Sentence {
            text: "Second one.".into(),
            paragraph: Some(5),
            terms: vec![term("second", 0..6)],
            keys: vec![],
            evidence: LexiconEvidence {
                hits: vec![],
                kremlin_weight: 0.25,
                western_weight: 0.0,
            },
        },
        Sentence {
            text: String::new(),
            paragraph: Some(1),
            terms: vec![],
            keys: vec![],
            evidence: LexiconEvidence::default(),
        },
    ];
    Document { article, sentences }
}

#[test]
fn a_document_decodes_to_itself() {
    let batches = analysed(3);
    let docs: Vec<Document> = batches.into_iter().flat_map(|(d, _)| d).collect();
    assert!(docs.len() > 10);
    assert!(docs.iter().any(|d| d.article.title.is_some()));
    assert!(docs.iter().any(|d| !d.article.cuts.is_empty()));
    assert!(docs
        .iter()
        .any(|d| d.sentences.iter().any(|s| !s.evidence.hits.is_empty())));
    for d in docs.iter().chain([&odd_document()]) {
        let mut b = Vec::new();
        encode_document(d, &mut b);
        assert_eq!(&decode_document(&b).unwrap(), d, "{}", d.article.id);
        // Every truncation is an error, never a panic or a different document.
        for cut in [0, 1, b.len() / 2, b.len() - 1] {
            assert!(decode_document(&b[..cut]).is_err());
        }
    }
    let odd = odd_document();
    assert_eq!(odd.sentences[0].evidence.kremlin_weight.to_bits(), (-0.0f64).to_bits());
}

#[test]
fn kept_batches_come_back_whole_across_the_budget_boundaries() {
    let batches = analysed(2);
    let sizes: Vec<usize> = batches.iter().map(|(d, _)| encode_batch(d).len()).collect();
    let total: usize = sizes.iter().sum();
    let budgets = [
        AnalysisBudget::default(),
        // All in memory, exactly.
        AnalysisBudget { memory: total, disk: 0 },
        // The first two batches in memory, the rest on disk.
        AnalysisBudget {
            memory: sizes[0] + sizes[1],
            disk: u64::MAX,
        },
        // All on disk.
        AnalysisBudget {
            memory: 0,
            disk: total as u64,
        },
        // One batch in memory, two on disk (a byte short of three), none after.
        AnalysisBudget {
            memory: sizes[0],
            disk: (sizes[1] + sizes[2] + sizes[3]) as u64 - 1,
        },
        AnalysisBudget::NONE,
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, budget) in budgets.into_iter().enumerate() {
        let mut cache = AnalysisCache::new(budget, dir.path());
        for (docs, articles) in &batches {
            cache.keep(docs, *articles);
        }
        let kept = cache.batches();
        let expected = [batches.len(), batches.len(), batches.len(), batches.len(), 3, 0][i];
        assert_eq!(kept, expected, "budget {budget:?}");
        assert_eq!(cache.complete(), kept == batches.len());
        let covered: usize = batches[..kept].iter().map(|(_, a)| a).sum();
        assert_eq!(cache.articles(), covered);
        let back: Vec<Vec<Document>> = cache.into_batches().unwrap().map(Result::unwrap).collect();
        let offered: Vec<Vec<Document>> = batches[..kept].iter().map(|(d, _)| d.clone()).collect();
        assert!(back == offered, "budget {budget:?}");
    }
}

/// Pass 2's batches with any budget are pass 1's: the kept ones replayed, the rest read
/// and analysed again from the article after them (problems among the inputs too).
#[test]
fn pass_two_gives_pass_one_batches_whatever_was_kept() {
    let res = Resources::from_data(None, None).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let faulty = tmp.path().join("faulty.jsonl");
    std::fs::write(
        &faulty,
        concat!(
            "{\"id\": \"a\", \"title\": \"Kyiv\", \"text\": \"Shelling near Kyiv went on. Officials said so.\"}\n",
            "not json\n",
            "{\"id\": \"b\", \"text\": \"\"}\n",
            "{\"id\": \"c\", \"text\": \"Another report. It says more.\"}\n",
            "not json either\n",
        ),
    )
    .unwrap();
    let inputs = Inputs::paths([
        PathBuf::from("tests/fixtures/pipeline"),
        faulty,
        PathBuf::from("seeds"),
        PathBuf::from("tests/fixtures/eval"),
    ]);
    let sources = || inputs.sources().unwrap().0;
    let batch = 2;
    let mut fresh = Vec::new();
    let mut problems = 0;
    for_each_batch(sources(), &res, batch, |b| {
        problems += b.problems.len();
        fresh.push(b);
        Ok(())
    })
    .unwrap();
    assert!(problems >= 2 && fresh.len() > 6);
    // The bytes kept after each batch, to set budgets that keep exactly k batches.
    let mut all = AnalysisCache::new(AnalysisBudget::default(), tmp.path());
    let mut ends = vec![0];
    for b in &fresh {
        all.keep(&b.documents, b.articles);
        ends.push(all.bytes().0);
    }
    for (k, &end) in ends.iter().enumerate() {
        // All k in memory; or k − 1 in memory and the k-th on disk.
        let split = ends[k.saturating_sub(1)];
        for budget in [
            AnalysisBudget { memory: end, disk: 0 },
            AnalysisBudget {
                memory: split,
                disk: (end - split) as u64,
            },
        ] {
            let mut cache = AnalysisCache::new(budget, tmp.path());
            for b in &fresh {
                cache.keep(&b.documents, b.articles);
            }
            assert_eq!(cache.batches(), k);
            let mut replayed = Vec::new();
            crate::pipeline::for_each_kept_batch(cache, sources(), &res, batch, |b| {
                assert!(b.problems.is_empty());
                replayed.push(b.documents);
                Ok(())
            })
            .unwrap();
            let expected: Vec<&Vec<Document>> = fresh.iter().map(|b| &b.documents).collect();
            assert!(replayed.iter().collect::<Vec<_>>() == expected, "{k} batches kept");
        }
    }
}

#[test]
fn a_corrupt_record_is_an_error() {
    let batches = analysed(4);
    let mut record = encode_batch(&batches[0].0);
    assert_eq!(decode_batch(&record).unwrap(), batches[0].0);
    record.push(0);
    assert!(decode_batch(&record).is_err());
    assert!(decode_batch(&record[..record.len() / 2]).is_err());
}
