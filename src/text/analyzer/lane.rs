//! One language's lane of the [`Analyzer`](super::Analyzer): its stop words, outlet names
//! and stemmer (memoised per thread), and the terms of a text.

use super::Term;
use crate::error::Result;
use crate::text::language::algorithm;
use crate::text::tokens::{token_spans_into, tokenize_min};
use compact_str::CompactString;
use rust_stemmers::Stemmer;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::cell::RefCell;

/// One language's analysis.
pub(super) struct Lane {
    pub(super) code: String,
    /// Prepended to every stem ("" for the default language).
    pub(super) prefix: String,
    pub(super) stop: FxHashSet<String>,
    /// Lanes that compare names by lowercase word: stop words and the first words of
    /// outlet names in one table ([`STOP`], [`NAME_START`]), so a token costs one lookup
    /// instead of two (the names, then the stop words).
    special: FxHashMap<String, u8>,
    /// Outlet names as token-form sequences, by first form, longest first.
    pub(super) names: FxHashMap<String, Vec<Vec<String>>>,
    /// Names are compared by unprefixed stem (inflecting languages), else by lowercase word.
    pub(super) names_by_stem: bool,
    pub(super) stemmer: Stemmer,
    /// The Snowball algorithm's name, as given (part of the memo's tag).
    stemmer_name: String,
    /// Which memo this lane uses: the process-wide number of its configuration, set by
    /// [`Lane::set_words`] once every word list is in place.
    memo: usize,
    pub(super) min_chars: usize,
    pub(super) fold_yo: bool,
    pub(super) abbreviations: FxHashSet<String>,
    /// Abbreviations that end a sentence before a capitalised word («т.д», «т. д»).
    pub(super) final_abbreviations: FxHashSet<String>,
    /// Lowercased words returned as their own stem.
    pub(super) unstemmed: FxHashSet<String>,
    /// Lowercased elided words (`l`, `qu`): cut from a token's front with their apostrophe.
    pub(super) elisions: FxHashSet<String>,
}

/// [`Lane::special`] flags.
const STOP: u8 = 1;
const NAME_START: u8 = 2;

/// What a lane's memo knows of a lowercased word: its (prefixed) stem, the stem's key, and
/// its [`STOP`]/[`NAME_START`] flags, so a token costs one hash lookup in all.
#[derive(Clone)]
struct Memoised {
    stem: CompactString,
    key: u64,
    flags: u8,
}

/// A per-lane memo: lowercased words and what the lane makes of them. hashbrown's map for
/// `entry_ref`: one hash per word, found or added, and no key built for a word found. Keys
/// are `CompactString`s, so a word of up to 24 bytes is compared in the bucket itself, not
/// behind a pointer to another cache line (`String` keys: ~4% more `analyze` time at 100k).
type Memo = hashbrown::HashMap<CompactString, Memoised, rustc_hash::FxBuildHasher>;

thread_local! {
    /// Memo in front of Snowball and the stop-word and name tables: distinct words are few
    /// next to word occurrences, and stemming each occurrence dominates the analysis time
    /// otherwise. One map per lane configuration (stemmer, prefix, and the word lists that
    /// decide a word's flags and unstemmed forms), so a Latin word in Russian text is not
    /// given its English stem and two analyzers with different stop words never share
    /// flags; indexed by [`memo_number`].
    static STEMS: RefCell<Vec<Memo>> = const { RefCell::new(Vec::new()) };
    /// [`Lane::terms_and_keys`]'s working buffers, kept between sentences: four vectors and
    /// a string per sentence were about a third of the analysis's allocations.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Buffers for one sentence's analysis, cleared (not freed) between sentences.
#[derive(Default)]
struct Scratch {
    /// Token spans in the sentence.
    spans: Vec<std::ops::Range<usize>>,
    /// The tokens lowercased, one after another, and each one's span in it.
    lower: String,
    bounds: Vec<std::ops::Range<usize>>,
    /// Lanes matching names by stem: every token's memo entry.
    all: Vec<Memoised>,
    /// The kept tokens: index, stem and key.
    kept: Vec<(usize, CompactString, u64)>,
}

/// The memo number of a lane configuration (see [`Lane::memo_tag`]): the same for the same
/// configuration in every analyzer of the process, so analyzers built for each job (and the
/// model's) share their threads' memos. A number, so finding a word's memo is an index, not
/// a string comparison per word (which was ~4% of `analyze`).
fn memo_number(tag: &str) -> usize {
    static TAGS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut tags = TAGS.lock().unwrap_or_else(|e| e.into_inner());
    match tags.iter().position(|t| t == tag) {
        Some(i) => i,
        None => {
            tags.push(tag.to_string());
            tags.len() - 1
        }
    }
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
        let start = buf.len();
        buf.push_str(word);
        buf[start..].make_ascii_lowercase();
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
            stemmer_name: stemmer.to_ascii_lowercase(),
            memo: 0,
            prefix,
            stop: FxHashSet::default(),
            special: FxHashMap::default(),
            names: FxHashMap::default(),
            names_by_stem,
            stemmer: Stemmer::create(alg),
            min_chars: 2,
            fold_yo: false,
            abbreviations: FxHashSet::default(),
            final_abbreviations: FxHashSet::default(),
            unstemmed: FxHashSet::default(),
            elisions: FxHashSet::default(),
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
                            let mut stem = CompactString::default();
                            self.stem_into(&l, &mut stem);
                            stem.into_string()
                        } else {
                            l
                        }
                    })
                    .collect::<Vec<_>>()
            })
            .filter(|v: &Vec<String>| !v.is_empty())
            .collect();
        if !self.names_by_stem {
            // The possessive is the name too ("the Kyiv Post's correspondent": its token
            // "post's" is no word of the name, and the city in it scored; review, session 42).
            // Text reaches the analyzer with straight apostrophes.
            let possessives: Vec<Vec<String>> = list
                .iter()
                .filter(|n| !n.last().is_some_and(|w| w.ends_with("'s")))
                .map(|n| {
                    let mut p = n.clone();
                    if let Some(last) = p.last_mut() {
                        last.push_str("'s");
                    }
                    p
                })
                .collect();
            list.extend(possessives);
        }
        list.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        list.dedup();
        self.names.clear();
        for n in list {
            self.names.entry(n[0].clone()).or_default().push(n);
        }
        self.special.clear();
        if !self.names_by_stem {
            for w in &self.stop {
                *self.special.entry(w.clone()).or_default() |= STOP;
            }
            for first in self.names.keys() {
                *self.special.entry(first.clone()).or_default() |= NAME_START;
            }
        }
        self.memo = memo_number(&self.memo_tag());
    }

    /// Everything the memo's entries depend on: the stemmer, the prefix, the words kept
    /// unstemmed, and the words flagged as stop words or name starts (sorted, so the same
    /// lists in another order give the same tag). Call after every list is set: lanes are
    /// built first and given their words after.
    fn memo_tag(&self) -> String {
        fn sorted<'a>(words: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
            let mut v: Vec<&str> = words.map(String::as_str).collect();
            v.sort_unstable();
            v
        }
        let mut flagged: Vec<(&str, u8)> = self.special.iter().map(|(w, f)| (w.as_str(), *f)).collect();
        flagged.sort_unstable();
        // Lists in Debug form (each word quoted and escaped), so no two configurations share
        // a tag.
        format!(
            "{}|{}|{:?}|{:?}|{:?}|{}",
            self.stemmer_name,
            self.prefix,
            sorted(self.unstemmed.iter()),
            sorted(self.stop.iter()),
            flagged,
            self.names_by_stem,
        )
    }

    /// The length of the longest outlet name starting at token `i` of `len`, whose forms
    /// `form` gives.
    fn name_at<'f>(&self, len: usize, form: impl Fn(usize) -> &'f str, i: usize) -> Option<usize> {
        self.names
            .get(form(i))?
            .iter()
            .find(|n| len >= i + n.len() && n.iter().enumerate().all(|(k, b)| form(i + k) == b))
            .map(Vec::len)
    }

    /// The unprefixed stem of a lowercased word, appended to `out`: the word itself when it is
    /// kept unstemmed; in other languages than the default, each part of a hyphenated or
    /// dotted word stemmed on its own, as Russian inflects each («страна-агрессор»,
    /// «страны-агрессора» → «стран-агрессор»; «Газеты.ру» → «газет.ру», as «Газета.ру»).
    /// Outlet names are stemmed by the same rule, so their inflected forms match
    /// («Би-би-си», «Россия-24»).
    fn stem_into(&self, word: &str, out: &mut CompactString) {
        if self.unstemmed.contains(word) {
            out.push_str(word);
        } else if self.prefix.is_empty() {
            out.push_str(&self.stemmer.stem(word));
        } else {
            let mut start = 0;
            for (i, sep) in word.match_indices(['-', '.']) {
                self.stem_part_into(&word[start..i], out);
                out.push_str(sep);
                start = i + sep.len();
            }
            self.stem_part_into(&word[start..], out);
        }
    }

    fn stem_part_into(&self, part: &str, out: &mut CompactString) {
        match self.unstemmed.contains(part) {
            true => out.push_str(part),
            false => out.push_str(&self.stemmer.stem(part)),
        }
    }

    /// What the lane makes of a lowercased word, computed (the memo's miss path).
    fn memoised(&self, word: &str) -> Memoised {
        let mut stem = CompactString::from(self.prefix.as_str());
        self.stem_into(word, &mut stem);
        let flags = if self.names_by_stem {
            // Names are found by stem in these lanes (below), so only stop words are flagged.
            if self.stop.contains(word) {
                STOP
            } else {
                0
            }
        } else {
            self.special.get(word).copied().unwrap_or(0)
        };
        Memoised {
            key: crate::text::keys::stem_key(&stem),
            stem,
            flags,
        }
    }

    /// Run `f` with this thread's memo of this lane.
    fn with_memo<R>(&self, f: impl FnOnce(&mut Memo) -> R) -> R {
        STEMS.with(|m| {
            let mut all = m.borrow_mut();
            if all.len() <= self.memo {
                all.resize_with(self.memo + 1, Memo::default);
            }
            f(&mut all[self.memo])
        })
    }

    /// A word's entry from the memo, added when missing (while the memo has room).
    fn lookup<'m>(&self, memo: &'m mut Memo, word: &str) -> Cow<'m, Memoised> {
        if memo.len() < STEM_MEMO_LIMIT {
            return Cow::Borrowed(memo.entry_ref(word).or_insert_with(|| self.memoised(word)));
        }
        match memo.get(word) {
            Some(e) => Cow::Borrowed(e),
            None => Cow::Owned(self.memoised(word)),
        }
    }

    /// Cut elided words from the front of tokens (`l'invasion` → `invasion`, `qu'il` →
    /// `il`), dropping a token whose rest is shorter than the lane's shortest token.
    fn elide(&self, text: &str, spans: &mut Vec<std::ops::Range<usize>>) {
        let mut lower = String::new();
        spans.retain_mut(|span| {
            let Some(at) = text[span.clone()].find('\'') else {
                return true;
            };
            lower.clear();
            push_lower(&mut lower, &text[span.start..span.start + at], self.fold_yo);
            if !self.elisions.contains(&lower) {
                return true;
            }
            span.start += at + 1;
            text[span.clone()].chars().count() >= self.min_chars
        });
    }

    /// This lane's terms and keys of a text (see [`super::Analyzer::terms_and_keys`]).
    pub(super) fn terms_and_keys(&self, text: &str) -> (Vec<Term>, Vec<u64>) {
        SCRATCH.with(|sc| {
            let mut sc = sc.borrow_mut();
            let Scratch {
                spans,
                lower,
                bounds,
                all,
                kept,
            } = &mut *sc;
            spans.clear();
            lower.clear();
            bounds.clear();
            all.clear();
            kept.clear();
            token_spans_into(text, self.min_chars, spans);
            if !self.elisions.is_empty() {
                self.elide(text, spans);
            }
            // An ASCII sentence is lowercased whole, once, and each token's lowercase is its
            // own span of it; other text token by token.
            if text.is_ascii() {
                lower.push_str(text);
                lower.make_ascii_lowercase();
                bounds.extend(spans.iter().cloned());
            } else {
                for span in spans.iter() {
                    let start = lower.len();
                    push_lower(lower, &text[span.clone()], self.fold_yo);
                    bounds.push(start..lower.len());
                }
            }
            let lower: &str = lower;
            let word = |i: usize| &lower[bounds[i].clone()];
            let n = spans.len();
            // The kept tokens' stems and keys are gathered first, so both vectors are
            // allocated at their exact length: stop words are about half the tokens, and a
            // run holds batches of these vectors.
            self.with_memo(|memo| {
                if self.names_by_stem {
                    // Inflecting languages match outlet names by stem, so every token is
                    // looked up first.
                    all.extend((0..n).map(|i| self.lookup(memo, word(i)).into_owned()));
                    let all: &[Memoised] = all;
                    let form = |i: usize| &all[i].stem[self.prefix.len()..];
                    let mut i = 0;
                    while i < n {
                        if let Some(len) = self.name_at(n, form, i) {
                            i += len;
                            continue;
                        }
                        if all[i].flags & STOP == 0 {
                            kept.push((i, all[i].stem.clone(), all[i].key));
                        }
                        i += 1;
                    }
                } else {
                    let mut i = 0;
                    while i < n {
                        let e = self.lookup(memo, word(i));
                        if e.flags & NAME_START != 0 {
                            if let Some(len) = self.name_at(n, word, i) {
                                i += len;
                                continue;
                            }
                        }
                        if e.flags & STOP == 0 {
                            kept.push((i, e.stem.clone(), e.key));
                        }
                        i += 1;
                    }
                }
            });
            let mut terms = Vec::with_capacity(kept.len());
            let mut keys = Vec::with_capacity(kept.len());
            for (i, stem, key) in kept.drain(..) {
                terms.push(Term {
                    stem,
                    span: spans[i].clone(),
                });
                keys.push(key);
            }
            (terms, keys)
        })
    }
}
