//! One language's lane of the [`Analyzer`](super::Analyzer): its stop words, outlet names
//! and stemmer (memoised per thread), and the terms of a text.

use super::Term;
use crate::error::Result;
use crate::text::language::algorithm;
use crate::text::tokens::tokenize_min;
use compact_str::CompactString;
use rust_stemmers::Stemmer;
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;

/// One language's analysis.
pub(super) struct Lane {
    pub(super) code: String,
    /// Prepended to every stem ("" for the default language).
    pub(super) prefix: String,
    pub(super) stop: FxHashSet<String>,
    /// Outlet names as token-form sequences, by first form, longest first.
    pub(super) names: FxHashMap<String, Vec<Vec<String>>>,
    /// Names are compared by unprefixed stem (inflecting languages), else by lowercase word.
    pub(super) names_by_stem: bool,
    pub(super) stemmer: Stemmer,
    /// Which memo this lane uses: stemmer and prefix.
    pub(super) memo_tag: String,
    pub(super) min_chars: usize,
    pub(super) fold_yo: bool,
    pub(super) abbreviations: FxHashSet<String>,
    /// Lowercased words returned as their own stem.
    pub(super) unstemmed: FxHashSet<String>,
}

/// A per-stemmer memo: its tag and its words.
type Memo = (String, FxHashMap<String, (CompactString, u64)>);

thread_local! {
    /// Memo in front of Snowball: distinct words are few next to word occurrences, and
    /// stemming each occurrence dominates the analysis time otherwise. One map per lane tag
    /// (stemmer and prefix), so a Latin word in Russian text is not given its English stem.
    static STEMS: RefCell<Vec<Memo>> = const { RefCell::new(Vec::new()) };
}
/// Words memoised per thread and lane (about 100 bytes each). When full, the memo keeps what
/// it has and new words are stemmed without being stored: word frequencies are Zipfian, so
/// the words met first are the frequent ones, and memory stays bounded however large the
/// vocabulary of the corpus (measured: a 1 M-entry memo made `score`'s memory grow from 100k
/// to 1M articles).
const STEM_MEMO_LIMIT: usize = 1 << 17;

/// Lowercase a word into `buf`, folding «ё» into «е» when asked.
pub(super) fn push_lower(buf: &mut String, word: &str, fold_yo: bool) {
    if word.is_ascii() {
        buf.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else if fold_yo {
        buf.extend(
            word.chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c == 'ё' { 'е' } else { c }),
        );
    } else {
        buf.push_str(&word.to_lowercase());
    }
}

impl Lane {
    pub(super) fn new(
        code: &str,
        prefix: String,
        stemmer: &str,
        stop: &[String],
        names: &[String],
        names_by_stem: bool,
    ) -> Result<Lane> {
        let alg = algorithm(stemmer)?;
        let mut lane = Lane {
            code: code.to_string(),
            memo_tag: format!("{}|{prefix}", stemmer.to_ascii_lowercase()),
            prefix,
            stop: FxHashSet::default(),
            names: FxHashMap::default(),
            names_by_stem,
            stemmer: Stemmer::create(alg),
            min_chars: 2,
            fold_yo: false,
            abbreviations: FxHashSet::default(),
            unstemmed: FxHashSet::default(),
        };
        lane.set_words(stop, names);
        Ok(lane)
    }

    /// Stop words and outlet names in the lane's own forms (after min-chars, ё folding).
    pub(super) fn set_words(&mut self, stop: &[String], names: &[String]) {
        let lower = |w: &str| {
            let mut b = String::new();
            push_lower(&mut b, w, self.fold_yo);
            b
        };
        self.stop = stop.iter().map(|w| lower(w)).collect();
        let mut list: Vec<Vec<String>> = names
            .iter()
            .map(|n| {
                tokenize_min(n, self.min_chars)
                    .into_iter()
                    .map(|t| {
                        let l = lower(t.text);
                        if self.names_by_stem {
                            self.stemmer.stem(&l).into_owned()
                        } else {
                            l
                        }
                    })
                    .collect::<Vec<_>>()
            })
            .filter(|v: &Vec<String>| !v.is_empty())
            .collect();
        list.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        list.dedup();
        self.names.clear();
        for n in list {
            self.names.entry(n[0].clone()).or_default().push(n);
        }
    }

    fn name_at(&self, forms: &[&str], i: usize) -> Option<usize> {
        self.names
            .get(forms[i])?
            .iter()
            .find(|n| forms.len() >= i + n.len() && forms[i..i + n.len()].iter().zip(n.iter()).all(|(a, b)| a == b))
            .map(Vec::len)
    }

    /// The (prefixed) stem of a lowercased word and its key, memoised per thread.
    fn stem(&self, word: &str) -> (CompactString, u64) {
        if self.unstemmed.contains(word) {
            let mut s = CompactString::from(self.prefix.as_str());
            s.push_str(word);
            let k = crate::text::keys::stem_key(&s);
            return (s, k);
        }
        STEMS.with(|m| {
            let mut all = m.borrow_mut();
            let at = match all.iter().position(|(t, _)| *t == self.memo_tag) {
                Some(i) => i,
                None => {
                    all.push((self.memo_tag.clone(), FxHashMap::default()));
                    all.len() - 1
                }
            };
            let m = &mut all[at].1;
            if let Some((s, k)) = m.get(word) {
                return (s.clone(), *k);
            }
            let s = if self.prefix.is_empty() {
                CompactString::from(self.stemmer.stem(word))
            } else {
                // Other languages stem each part of a hyphenated word: Russian inflects
                // both halves («страна-агрессор», «страны-агрессора» → «стран-агрессор»).
                let mut s = CompactString::from(self.prefix.as_str());
                for (i, part) in word.split('-').enumerate() {
                    if i > 0 {
                        s.push('-');
                    }
                    match self.unstemmed.contains(part) {
                        true => s.push_str(part),
                        false => s.push_str(&self.stemmer.stem(part)),
                    }
                }
                s
            };
            let k = crate::text::keys::stem_key(&s);
            if m.len() < STEM_MEMO_LIMIT {
                m.insert(word.to_string(), (s.clone(), k));
            }
            (s, k)
        })
    }

    /// This lane's terms and keys of a text (see [`super::Analyzer::terms_and_keys`]).
    pub(super) fn terms_and_keys(&self, text: &str) -> (Vec<Term>, Vec<u64>) {
        let toks = tokenize_min(text, self.min_chars);
        let mut buf = String::with_capacity(text.len());
        let mut bounds = Vec::with_capacity(toks.len());
        for t in &toks {
            let start = buf.len();
            push_lower(&mut buf, t.text, self.fold_yo);
            bounds.push(start..buf.len());
        }
        let lower: Vec<&str> = bounds.iter().map(|r| &buf[r.clone()]).collect();
        // Inflecting languages match outlet names by stem, so every token is stemmed first.
        let stemmed: Vec<(CompactString, u64)> = if self.names_by_stem {
            lower.iter().map(|w| self.stem(w)).collect()
        } else {
            Vec::new()
        };
        let forms: Vec<&str> = if self.names_by_stem {
            stemmed.iter().map(|(s, _)| &s[self.prefix.len()..]).collect()
        } else {
            lower.clone()
        };
        // Which tokens are kept first, so both vectors are allocated at their exact length:
        // stop words are about half the tokens, and a run holds batches of these vectors.
        let mut kept = Vec::with_capacity(toks.len());
        let mut i = 0;
        while i < toks.len() {
            if let Some(n) = self.name_at(&forms, i) {
                i += n;
                continue;
            }
            if !self.stop.contains(lower[i]) {
                kept.push(i);
            }
            i += 1;
        }
        let mut terms = Vec::with_capacity(kept.len());
        let mut keys = Vec::with_capacity(kept.len());
        for i in kept {
            let (stem, key) = match stemmed.get(i) {
                Some(sk) => sk.clone(),
                None => self.stem(lower[i]),
            };
            terms.push(Term {
                stem,
                span: toks[i].span.clone(),
            });
            keys.push(key);
        }
        (terms, keys)
    }
}
