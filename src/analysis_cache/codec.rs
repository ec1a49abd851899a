//! The compact encoding of an analysed [`Document`] (see the module above for the format's
//! idea). Written by hand rather than through serde with bincode or postcard: those would write
//! every sentence's text beside its paragraph and every term's stem and key in full, where
//! this form stores a sentence as a span of its paragraph and a stem once per document, and
//! recomputes the keys — which is what lets ~5,000 articles fit the 32 MB memory budget.

use super::*;

/// One record: the number of documents, then each document's length and encoding.
pub(super) fn encode_batch(docs: &[Document]) -> Vec<u8> {
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

pub(super) fn decode_batch(record: &[u8]) -> Result<Vec<Document>> {
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
pub(super) fn put_uint(b: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        b.push(v as u8 | 0x80);
        v >>= 7;
    }
    b.push(v as u8);
}

pub(super) fn put_int(b: &mut Vec<u8>, v: i64) {
    put_uint(b, ((v << 1) ^ (v >> 63)) as u64);
}

pub(super) fn put_str(b: &mut Vec<u8>, s: &str) {
    put_uint(b, s.len() as u64);
    b.extend_from_slice(s.as_bytes());
}

pub(super) fn put_opt_str(b: &mut Vec<u8>, s: Option<&str>) {
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
pub(super) fn find(source: &str, from: usize, text: &str) -> Option<usize> {
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

pub(super) fn encode_document(d: &Document, b: &mut Vec<u8>) {
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
    // Stems of this document so far: a repeated stem is written as its number. Sized for
    // its terms at once (an upper bound of its stems): grown from empty, the map was
    // rehashed about ten times per document.
    let terms = d.sentences.iter().map(|s| s.terms.len()).sum();
    let mut stems: FxHashMap<&str, (usize, u64)> = FxHashMap::with_capacity_and_hasher(terms, Default::default());
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
pub(super) struct Corrupt;

pub(super) type Decoded<T> = std::result::Result<T, Corrupt>;

pub(super) struct Reader<'a> {
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

pub(super) fn decode_document(bytes: &[u8]) -> Decoded<Document> {
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
