//! What `run` keeps of pass 1's analysis for pass 2, so that pass 2 scores the documents pass
//! 1 analysed instead of reading, cleaning and analysing every article again.
//!
//! Each pass-1 batch's documents are encoded into one compact record (about 6.6 KB an
//! article of news text: sentence texts become spans of their paragraph, a stem is written
//! once per document and its key recomputed, numbers are varints) and queued in a
//! [`Spill`]: in memory up to [`MEMORY_BUDGET`], then in an anonymous file in the job's
//! staging folder up to [`DISK_BUDGET`]. Beyond both, no later batch is kept: pass 2 replays the kept batches and
//! re-analyses the articles after them from the inputs, as every run did before. Either way
//! pass 2 sees the same documents in the same batches, so the outputs are byte-identical.
//!
//! Decoding gives back exactly the [`Document`] that was encoded (every field; a key that is
//! not its stem's [`stem_key`], or a sentence that is not a span of its paragraph, is
//! written out in full), so nothing downstream can tell a kept document from a fresh one.

use crate::clean::{CleanArticle, Cut};
use crate::corpus::Side;
use crate::document::{Document, Sentence};
use crate::error::{Error, Result};
use crate::lexicon::{Hit, LexiconEvidence};
use crate::report::{Spill, SpillBudget, SpillRecords};
use crate::text::keys::stem_key;
use crate::text::Term;
use compact_str::CompactString;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::path::Path;

/// Encoded analysis kept in memory: 32 MB, about 5,000 articles of news text (an article
/// encodes to about 6.6 KB, its JSON line was 4 KB). Small runs never touch the disk; a large
/// run's peak memory grows by at most this much, as beyond it the file takes the rest (read
/// and written through the page cache, which is about as fast).
pub const MEMORY_BUDGET: usize = 32 << 20;

/// Encoded analysis kept in the temporary file beyond [`MEMORY_BUDGET`]: 2 GB, about 300,000
/// articles. Larger corpora re-analyse the articles beyond it in pass 2 (as does a run whose
/// disk fills up), so a run never needs more scratch space than this beside its outputs.
pub const DISK_BUDGET: u64 = 2 << 30;

/// How much of pass 1's analysis `run` may keep for pass 2, in encoded bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnalysisBudget {
    pub memory: usize,
    pub disk: u64,
}

impl AnalysisBudget {
    /// Keep nothing: pass 2 re-analyses every article.
    pub const NONE: AnalysisBudget = AnalysisBudget { memory: 0, disk: 0 };
}

impl Default for AnalysisBudget {
    fn default() -> Self {
        AnalysisBudget {
            memory: MEMORY_BUDGET,
            disk: DISK_BUDGET,
        }
    }
}

/// Pass 1's batches of documents, kept up to the budget (see the module's documentation).
#[derive(Debug)]
pub struct AnalysisCache {
    spill: Spill,
    /// Reader articles (skipped ones included) the kept batches cover.
    articles: usize,
    batches: usize,
}

impl AnalysisCache {
    /// Up to `budget`, the part beyond its memory in an anonymous file in `dir`.
    pub fn new(budget: AnalysisBudget, dir: &Path) -> AnalysisCache {
        AnalysisCache {
            spill: Spill::new(
                SpillBudget {
                    memory: budget.memory,
                    disk: budget.disk,
                },
                dir,
            ),
            articles: 0,
            batches: 0,
        }
    }

    /// Keep a batch's documents, which cover `articles` articles of the reader (those
    /// skipped by analysis too), unless an earlier batch did not fit.
    pub fn keep(&mut self, docs: &[Document], articles: usize) {
        if !self.spill.complete() {
            return;
        }
        if self.spill.push(encode_batch(docs)) {
            self.articles += articles;
            self.batches += 1;
        }
    }

    /// Whether every batch offered was kept.
    pub fn complete(&self) -> bool {
        self.spill.complete()
    }

    /// Reader articles the kept batches cover: pass 2 reads on from the article after them.
    pub fn articles(&self) -> usize {
        self.articles
    }

    /// Batches kept.
    pub fn batches(&self) -> usize {
        self.batches
    }

    /// Encoded bytes kept in memory and on disk.
    pub fn bytes(&self) -> (usize, u64) {
        self.spill.bytes()
    }

    /// The kept batches' documents, in order.
    pub fn into_batches(self) -> Result<KeptBatches> {
        Ok(KeptBatches {
            records: self.spill.into_records().map_err(spill_error)?,
        })
    }
}

fn spill_error(e: std::io::Error) -> Error {
    Error::Kept(e.to_string())
}

/// The batches an [`AnalysisCache`] kept, decoded one at a time (in parallel within one).
#[derive(Debug)]
pub struct KeptBatches {
    records: SpillRecords,
}

impl Iterator for KeptBatches {
    type Item = Result<Vec<Document>>;

    fn next(&mut self) -> Option<Self::Item> {
        let record = self.records.next()?;
        Some(record.map_err(spill_error).and_then(|r| decode_batch(&r)))
    }
}

/// One record: the number of documents, then each document's length and encoding.
fn encode_batch(docs: &[Document]) -> Vec<u8> {
    let encoded: Vec<Vec<u8>> = docs
        .par_iter()
        .map(|d| {
            let mut b = Vec::with_capacity(8 << 10);
            encode_document(d, &mut b);
            b
        })
        .collect();
    let mut out = Vec::with_capacity(encoded.iter().map(|e| e.len() + 4).sum::<usize>() + 4);
    put_uint(&mut out, docs.len() as u64);
    for e in &encoded {
        put_uint(&mut out, e.len() as u64);
        out.extend_from_slice(e);
    }
    out
}

fn decode_batch(record: &[u8]) -> Result<Vec<Document>> {
    let corrupt = |_: Corrupt| Error::Kept("a record does not decode".into());
    let mut r = Reader { b: record, at: 0 };
    let n = r.len().map_err(corrupt)?;
    let mut docs = Vec::with_capacity(n);
    for _ in 0..n {
        let len = r.len().map_err(corrupt)?;
        docs.push(r.bytes(len).map_err(corrupt)?);
    }
    if r.at != record.len() {
        return Err(corrupt(Corrupt));
    }
    docs.par_iter()
        .map(|b| decode_document(b))
        .collect::<std::result::Result<_, _>>()
        .map_err(corrupt)
}

fn put_uint(b: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        b.push(v as u8 | 0x80);
        v >>= 7;
    }
    b.push(v as u8);
}

fn put_int(b: &mut Vec<u8>, v: i64) {
    put_uint(b, ((v << 1) ^ (v >> 63)) as u64);
}

fn put_str(b: &mut Vec<u8>, s: &str) {
    put_uint(b, s.len() as u64);
    b.extend_from_slice(s.as_bytes());
}

fn put_opt_str(b: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => put_uint(b, 0),
        Some(s) => {
            put_uint(b, s.len() as u64 + 1);
            b.extend_from_slice(s.as_bytes());
        }
    }
}

/// Where `text` occurs in `source` at or after `from` (else anywhere): any occurrence
/// gives back the same text. Sentences follow one another, apart by white space.
fn find(source: &str, from: usize, text: &str) -> Option<usize> {
    if let Some(rest) = source.get(from..) {
        let gap = rest.len() - rest.trim_start().len();
        if rest[gap..].starts_with(text) {
            return Some(from + gap);
        }
        if let Some(i) = rest.find(text) {
            return Some(from + i);
        }
    }
    source.find(text)
}

fn encode_document(d: &Document, b: &mut Vec<u8>) {
    let a = &d.article;
    put_str(b, &a.id);
    put_opt_str(b, a.title.as_deref());
    put_opt_str(b, a.outlet.as_deref());
    put_opt_str(b, a.date.as_deref());
    b.push(match a.label {
        None => 0,
        Some(Side::Kremlin) => 1,
        Some(Side::Western) => 2,
    });
    put_str(b, &a.lang);
    put_str(b, &a.origin);
    put_uint(b, a.paragraphs.len() as u64);
    for p in &a.paragraphs {
        put_str(b, p);
    }
    put_uint(b, a.cuts.len() as u64);
    for c in &a.cuts {
        put_str(b, &c.text);
        put_str(b, &c.reason);
        put_uint(b, c.before_paragraph as u64);
    }
    put_uint(b, d.sentences.len() as u64);
    // Stems of this document so far: a repeated stem is written as its number.
    let mut stems: FxHashMap<&str, (usize, u64)> = FxHashMap::default();
    let mut cursor = (None, 0);
    for s in &d.sentences {
        put_uint(b, s.paragraph.map_or(0, |p| p as u64 + 1));
        let source = match s.paragraph {
            None => a.title.as_deref(),
            Some(p) => a.paragraphs.get(p).map(String::as_str),
        };
        let from = if cursor.0 == s.paragraph { cursor.1 } else { 0 };
        match source.and_then(|src| find(src, from, &s.text)) {
            Some(start) => {
                put_uint(b, 1);
                put_uint(b, start as u64);
                put_uint(b, s.text.len() as u64);
                cursor = (s.paragraph, start + s.text.len());
            }
            None => {
                put_uint(b, 0);
                put_str(b, &s.text);
            }
        }
        put_uint(b, s.terms.len() as u64);
        let mut keys_follow = s.keys.len() != s.terms.len();
        let mut end = 0;
        for (i, t) in s.terms.iter().enumerate() {
            let key = match stems.get(t.stem.as_str()) {
                Some(&(n, key)) => {
                    put_uint(b, n as u64 + 1);
                    key
                }
                None => {
                    let key = stem_key(&t.stem);
                    stems.insert(&t.stem, (stems.len(), key));
                    put_uint(b, 0);
                    put_str(b, &t.stem);
                    key
                }
            };
            keys_follow |= s.keys.get(i) != Some(&key);
            put_int(b, t.span.start as i64 - end as i64);
            put_int(b, t.span.end as i64 - t.span.start as i64);
            end = t.span.end;
        }
        // The keys are their stems' keys (always, as the analyzer makes them), else listed.
        if keys_follow {
            put_uint(b, s.keys.len() as u64 + 1);
            for k in &s.keys {
                b.extend_from_slice(&k.to_le_bytes());
            }
        } else {
            put_uint(b, 0);
        }
        let e = &s.evidence;
        put_uint(b, e.hits.len() as u64);
        for h in &e.hits {
            put_uint(b, h.entry as u64);
            put_uint(b, h.start as u64);
            put_uint(b, h.len as u64);
        }
        let (k, w) = (e.kremlin_weight.to_bits(), e.western_weight.to_bits());
        if k == 0 && w == 0 {
            b.push(0);
        } else {
            b.push(1);
            b.extend_from_slice(&k.to_le_bytes());
            b.extend_from_slice(&w.to_le_bytes());
        }
    }
}

/// Bytes that do not decode (never from [`encode_document`]).
#[derive(Debug)]
struct Corrupt;

type Decoded<T> = std::result::Result<T, Corrupt>;

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn uint(&mut self) -> Decoded<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.b.get(self.at).ok_or(Corrupt)?;
            self.at += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(v);
            }
        }
        Err(Corrupt)
    }

    fn len(&mut self) -> Decoded<usize> {
        usize::try_from(self.uint()?).map_err(|_| Corrupt)
    }

    fn int(&mut self) -> Decoded<i64> {
        let u = self.uint()?;
        Ok((u >> 1) as i64 ^ -((u & 1) as i64))
    }

    fn byte(&mut self) -> Decoded<u8> {
        let v = *self.b.get(self.at).ok_or(Corrupt)?;
        self.at += 1;
        Ok(v)
    }

    fn bytes(&mut self, n: usize) -> Decoded<&'a [u8]> {
        let end = self.at.checked_add(n).ok_or(Corrupt)?;
        let v = self.b.get(self.at..end).ok_or(Corrupt)?;
        self.at = end;
        Ok(v)
    }

    fn u64_le(&mut self) -> Decoded<u64> {
        let v = self.bytes(8)?;
        Ok(u64::from_le_bytes(v.try_into().map_err(|_| Corrupt)?))
    }

    fn str(&mut self) -> Decoded<&'a str> {
        let n = self.len()?;
        std::str::from_utf8(self.bytes(n)?).map_err(|_| Corrupt)
    }

    fn string(&mut self) -> Decoded<String> {
        self.str().map(str::to_string)
    }

    fn opt_string(&mut self) -> Decoded<Option<String>> {
        match self.len()? {
            0 => Ok(None),
            n => std::str::from_utf8(self.bytes(n - 1)?)
                .map(|s| Some(s.to_string()))
                .map_err(|_| Corrupt),
        }
    }

    fn position(&mut self, base: usize) -> Decoded<usize> {
        let v = (base as i64).checked_add(self.int()?).ok_or(Corrupt)?;
        usize::try_from(v).map_err(|_| Corrupt)
    }
}

fn decode_document(bytes: &[u8]) -> Decoded<Document> {
    let mut r = Reader { b: bytes, at: 0 };
    let id = r.string()?;
    let title = r.opt_string()?;
    let outlet = r.opt_string()?;
    let date = r.opt_string()?;
    let label = match r.byte()? {
        0 => None,
        1 => Some(Side::Kremlin),
        2 => Some(Side::Western),
        _ => return Err(Corrupt),
    };
    let lang = r.string()?;
    let origin = r.string()?;
    let n = r.len()?;
    let paragraphs = (0..n).map(|_| r.string()).collect::<Decoded<Vec<_>>>()?;
    let n = r.len()?;
    let mut cuts = Vec::with_capacity(n.min(bytes.len()));
    for _ in 0..n {
        cuts.push(Cut {
            text: r.string()?,
            reason: r.string()?,
            before_paragraph: r.len()?,
        });
    }
    let article = CleanArticle {
        id,
        title,
        outlet,
        date,
        label,
        lang,
        origin,
        paragraphs,
        cuts,
    };
    let n = r.len()?;
    let mut sentences = Vec::with_capacity(n.min(bytes.len()));
    let mut stems: Vec<(CompactString, u64)> = Vec::new();
    for _ in 0..n {
        let paragraph = match r.len()? {
            0 => None,
            p => Some(p - 1),
        };
        let text = match r.uint()? {
            0 => r.string()?,
            1 => {
                let (start, len) = (r.len()?, r.len()?);
                let source = match paragraph {
                    None => article.title.as_deref(),
                    Some(p) => article.paragraphs.get(p).map(String::as_str),
                };
                let end = start.checked_add(len).ok_or(Corrupt)?;
                source.and_then(|s| s.get(start..end)).ok_or(Corrupt)?.to_string()
            }
            _ => return Err(Corrupt),
        };
        let n_terms = r.len()?;
        let mut terms = Vec::with_capacity(n_terms.min(bytes.len()));
        let mut keys = Vec::with_capacity(n_terms.min(bytes.len()));
        let mut end = 0;
        for _ in 0..n_terms {
            let (stem, key) = match r.len()? {
                0 => {
                    let s = CompactString::from(r.str()?);
                    let k = stem_key(&s);
                    stems.push((s.clone(), k));
                    (s, k)
                }
                i => stems.get(i - 1).cloned().ok_or(Corrupt)?,
            };
            let start = r.position(end)?;
            end = r.position(start)?;
            terms.push(Term { stem, span: start..end });
            keys.push(key);
        }
        match r.len()? {
            0 => {}
            n => {
                keys.clear();
                for _ in 0..n - 1 {
                    keys.push(r.u64_le()?);
                }
            }
        }
        let n_hits = r.len()?;
        let mut hits = Vec::with_capacity(n_hits.min(bytes.len()));
        for _ in 0..n_hits {
            hits.push(Hit {
                entry: r.len()?,
                start: r.len()?,
                len: r.len()?,
            });
        }
        let (kremlin_weight, western_weight) = match r.byte()? {
            0 => (0.0, 0.0),
            1 => (f64::from_bits(r.u64_le()?), f64::from_bits(r.u64_le()?)),
            _ => return Err(Corrupt),
        };
        sentences.push(Sentence {
            text,
            paragraph,
            terms,
            keys,
            evidence: LexiconEvidence {
                hits,
                kremlin_weight,
                western_weight,
            },
        });
    }
    if r.at != bytes.len() {
        return Err(Corrupt);
    }
    Ok(Document { article, sentences })
}

#[cfg(test)]
mod tests {
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
}
