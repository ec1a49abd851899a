//! The voice cues: speech verbs, source phrases ("according to"), the word that opens
//! reported content ("that") and scare-quote markers ("so-called"). Plain data files under
//! `data/voice/` (one per language, `KIND phrase` per line), stored in the model so a saved
//! model splits voices the way it did when it was trained.

use crate::data::{entries, DataText};
use crate::error::{Error, Result};
use crate::text::gate::Gate;
use crate::text::tokenize;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The cue files read from a data folder (each falls back to its built-in copy). A new
/// language adds its file here and to [`crate::data::BUILTIN`]. The cues of every file apply
/// to every sentence: a language's cue words do not occur in another's text (Cyrillic
/// «заявил» never in English prose), so one list serves a mixed run.
pub const VOICE_FILES: &[&str] = &["voice/english.txt", "voice/russian.txt"];

/// The cues, each list lowercased, sorted and without duplicates (so the stored model does
/// not depend on file order). Lookups go through hash sets built from the lists on first use
/// (not stored: `model.json` holds the lists only); change a list only before the first lookup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceCues {
    /// Verb forms introducing reported speech: "said", "told", "warned".
    pub verbs: Vec<String>,
    /// Phrases introducing a source: "according to".
    pub sources: Vec<String>,
    /// Words opening reported content after a verb: "that".
    pub that: Vec<String>,
    /// Words marking the next quoted phrase as a scare quote: "so-called".
    pub scare: Vec<String>,
    /// Phrases that open with a source phrase but name no source ("according to plan"):
    /// where one starts, no source phrase does. Absent from models saved before session 41.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub idioms: Vec<String>,
    /// Phrases that, opening a sentence that holds a speech cue, say the sentence before it
    /// (in the body, across a paragraph break too) is what was reported: «Об этом сообщили в Минобороны».
    /// Absent from models saved before session 41.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub previous: Vec<String>,
    /// Words after which a verb form modifies a noun and reports nothing: "the stated goal",
    /// "its alleged charge" (as after a possessive: "the allies' claims"). Absent from models
    /// saved before session 42.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub determiners: Vec<String>,
    /// Words after which a verb form is passive and names no speaker unless an
    /// [agent](Self::agents) word follows it: "Explosions were reported in Kyiv", "It was
    /// emphasised that …" report nobody's words; "have been accused by Zelenskiy of …" does.
    /// Absent from models saved before session 44.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub auxiliaries: Vec<String>,
    /// The words that name a passive verb's speaker ("by").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agents: Vec<String>,
    /// Words that may stand between an [auxiliary](Self::auxiliaries) and its participle
    /// without breaking the passive: "Russia was not accused of anything", "it was never
    /// said". Absent from models saved before session 45.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adverbs: Vec<String>,
    /// A verb form and the word after it that make a passive with its auxiliary left out, as
    /// headlines and reduced clauses write it: "Russia Accused Of Mining Retreat", "Kyiv
    /// accused over …". No speaker: where one starts, its verb is no cue. Absent from models
    /// saved before session 45.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub passives: Vec<String>,
    /// Verb forms whose next noun is their object or addressee, not their speaker ("urged
    /// Putin to …", "told Mr Putin", "accused Russia of …"): an actor after one speaks only
    /// where the attribution is inverted, the verb opening its clause ("…, warned Lavrov").
    /// Absent from models saved before session 45.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addressees: Vec<String>,
    /// Verb forms that are as often plural nouns ("Speech notes", "'Invasion' Claims
    /// Coordinated by …", "claims of genocide"): no cue at the sentence's end or before a
    /// preposition of a noun, an auxiliary or a past participle. Absent from models saved
    /// before session 45.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nouns: Vec<String>,
    /// Words opening an absolute clause whose participle has a subject of its own ("…, with
    /// US President Joe Biden saying …"): that subject is a second speaker. Absent from
    /// models saved before session 45.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absolutes: Vec<String>,
    /// Labels opening an interviewer's question in a transcript ("Q:", «Вопрос:»), lowercase,
    /// as written before the colon. Absent from models saved before session 52.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    /// Labels opening the interviewee's answer ("A:", «Ответ:»): see [`Self::label`].
    /// Absent from models saved before session 52.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<String>,
    /// Speech participles that, after an attribution and a comma, open a clause of the same
    /// speaker's words (Russian «обвинив», «добавив»): besides every `verb` in -ing
    /// ([`Self::is_participle`]). Absent from models saved before session 53.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participles: Vec<String>,
    #[serde(skip)]
    index: Index,
}

/// What an interview label opens ([`VoiceCues::label`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Question,
    Answer,
}

/// Whether a sorted word list (as [`VoiceCues::parse`] leaves every list) holds `lower`.
fn listed(list: &[String], lower: &str) -> bool {
    list.binary_search_by(|d| d.as_str().cmp(lower)).is_ok()
}

/// Hash lookups over the lists, built on first use. Every token of every sentence is looked
/// up (twice: the voice split and sourcing); binary searches of the sorted lists spent most of
/// that time comparing strings.
#[derive(Clone, Default)]
struct Index(std::sync::OnceLock<Lookups>);

#[derive(Clone)]
struct Lookups {
    that: FxHashSet<String>,
    /// Each source phrase's first word → the phrases starting with it (positions in the
    /// sorted list, in list order).
    sources: FxHashMap<String, Vec<usize>>,
    /// The speech verbs and the source phrases' first words, with their [`cue_kind`] bits:
    /// one lookup per token for "is this a cue?" (the question the voice split and sourcing
    /// ask of every token) instead of two…
    kinds: FxHashMap<String, u8>,
    /// …behind a gate that turns away the nine tokens in ten that are neither.
    gate: Gate,
}

/// What [`VoiceCues::cue_kind`] says of a word: bits, 0 for neither.
pub mod cue_kind {
    /// A speech verb.
    pub const VERB: u8 = 1;
    /// The first word of a source phrase (whether the phrase follows, `source_at` says).
    pub const SOURCE_START: u8 = 2;
}

/// The index is derived from the lists, so it never makes two cue sets differ.
impl PartialEq for Index {
    fn eq(&self, _: &Index) -> bool {
        true
    }
}

impl Eq for Index {}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Index")
    }
}

impl Default for VoiceCues {
    /// The built-in English cues: what a model saved before cues were stored uses (such a
    /// model predates the other languages' cue files, so it splits voices as it did).
    fn default() -> Self {
        static BUILT: std::sync::OnceLock<VoiceCues> = std::sync::OnceLock::new();
        BUILT
            .get_or_init(|| {
                let english = builtin("voice/english.txt").expect("built-in voice file");
                VoiceCues::parse(&[english]).expect("built-in voice cues parse")
            })
            .clone()
    }
}

fn builtin(name: &str) -> Option<DataText> {
    crate::data::BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, t)| DataText {
            path: format!("<built-in>/data/{n}").into(),
            text: t.to_string(),
        })
}

/// Lowercased tokens of a cue, joined by one space: what a sentence's tokens are compared to.
fn words(phrase: &str) -> String {
    tokenize(phrase)
        .iter()
        .map(|t| t.text.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

impl VoiceCues {
    /// Parse cue files; an unknown kind or a cue with no word is an error naming file:line.
    pub fn parse(files: &[DataText]) -> Result<VoiceCues> {
        let mut c = VoiceCues {
            verbs: vec![],
            sources: vec![],
            that: vec![],
            scare: vec![],
            idioms: vec![],
            previous: vec![],
            determiners: vec![],
            auxiliaries: vec![],
            agents: vec![],
            adverbs: vec![],
            passives: vec![],
            addressees: vec![],
            nouns: vec![],
            absolutes: vec![],
            questions: vec![],
            answers: vec![],
            participles: vec![],
            index: Index::default(),
        };
        for d in files {
            for (line, entry) in entries(&d.text) {
                let entry = crate::data::without_comment(entry);
                let bad = |message: String| Error::DataLine {
                    path: d.path.clone(),
                    line,
                    message,
                };
                let (kind, phrase) = entry.split_once(char::is_whitespace).ok_or_else(|| {
                    bad(format!(
                        "`{entry}`: expected `KIND phrase` (verb, source, that, scare, idiom, previous, determiner, auxiliary, agent, adverb, passive, addressee, noun, absolute, question, answer, participle)"
                    ))
                })?;
                if matches!(kind, "question" | "answer") {
                    // A label is compared as written ("A", "Q": one letter, which `words`
                    // would drop), lowercased, before the colon that ends it.
                    let label = phrase.trim().to_lowercase();
                    if label.is_empty() || label.contains(':') || label.split_whitespace().count() > 1 {
                        return Err(bad(format!(
                            "a {kind} label is one word without its colon (`A`, `Q`), not `{phrase}`"
                        )));
                    }
                    let list = if kind == "question" {
                        &mut c.questions
                    } else {
                        &mut c.answers
                    };
                    list.push(label);
                    continue;
                }
                let w = words(phrase);
                if w.is_empty() {
                    return Err(bad(format!("`{phrase}` has no word of two letters or more")));
                }
                let list = match kind {
                    "verb" => &mut c.verbs,
                    "source" => &mut c.sources,
                    "that" => &mut c.that,
                    "scare" => &mut c.scare,
                    "idiom" => &mut c.idioms,
                    "previous" => &mut c.previous,
                    "determiner" => &mut c.determiners,
                    "auxiliary" => &mut c.auxiliaries,
                    "agent" => &mut c.agents,
                    "adverb" => &mut c.adverbs,
                    "passive" => &mut c.passives,
                    "addressee" => &mut c.addressees,
                    "noun" => &mut c.nouns,
                    "absolute" => &mut c.absolutes,
                    "participle" => &mut c.participles,
                    k => {
                        return Err(bad(format!(
                            "unknown cue kind `{k}` (verb, source, that, scare, idiom, previous, determiner, auxiliary, agent, adverb, passive, addressee, noun, absolute, question, answer, participle)"
                        )))
                    }
                };
                if matches!(
                    kind,
                    "verb"
                        | "that"
                        | "determiner"
                        | "auxiliary"
                        | "agent"
                        | "adverb"
                        | "addressee"
                        | "noun"
                        | "absolute"
                        | "participle"
                ) && w.contains(' ')
                {
                    return Err(bad(format!("a {kind} cue is one word, not `{phrase}`")));
                }
                if kind == "passive" && !w.contains(' ') {
                    return Err(bad(format!(
                        "a passive cue is a verb form and the word after it (`accused of`), not `{phrase}`"
                    )));
                }
                list.push(w);
            }
        }
        for l in [
            &mut c.verbs,
            &mut c.sources,
            &mut c.that,
            &mut c.scare,
            &mut c.idioms,
            &mut c.previous,
            &mut c.determiners,
            &mut c.auxiliaries,
            &mut c.agents,
            &mut c.adverbs,
            &mut c.passives,
            &mut c.addressees,
            &mut c.nouns,
            &mut c.absolutes,
            &mut c.questions,
            &mut c.answers,
            &mut c.participles,
        ] {
            l.sort();
            l.dedup();
        }
        if c.verbs.is_empty() {
            let path = files.first().map(|d| d.path.clone()).unwrap_or_default();
            return Err(Error::DataFile {
                path,
                message: "no speech verbs listed (lines `verb said`)".into(),
            });
        }
        Ok(c)
    }

    /// The cues of a data folder: every file of [`VOICE_FILES`] (from `dir`, else `./data`,
    /// else built in; a folder without `voice/` uses the built-in copies) plus any other
    /// `voice/*.txt` in the folder.
    pub fn load(dir: Option<&Path>) -> Result<VoiceCues> {
        let root = dir
            .map(Path::to_path_buf)
            .or_else(|| Some("data".into()).filter(|p: &std::path::PathBuf| p.is_dir()));
        let mut files = Vec::new();
        for name in VOICE_FILES {
            match &root {
                Some(r) if r.join(name).is_file() => files.push(crate::data::load_path(&r.join(name))?),
                _ => files.push(builtin(name).ok_or_else(|| Error::NotFound { path: name.into() })?),
            }
        }
        if let Some(r) = &root {
            let mut extra: Vec<_> = std::fs::read_dir(r.join("voice"))
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .filter(|p| !VOICE_FILES.iter().any(|n| r.join(n) == *p))
                .collect();
            extra.sort();
            for p in extra {
                files.push(crate::data::load_path(&p)?);
            }
        }
        VoiceCues::parse(&files)
    }

    /// Every built-in cue file of [`VOICE_FILES`] (all languages), never `./data`.
    pub fn builtin() -> VoiceCues {
        static BUILT: std::sync::OnceLock<VoiceCues> = std::sync::OnceLock::new();
        BUILT
            .get_or_init(|| {
                let files: Vec<DataText> = VOICE_FILES
                    .iter()
                    .map(|name| builtin(name).expect("built-in voice file"))
                    .collect();
                VoiceCues::parse(&files).expect("built-in voice cues parse")
            })
            .clone()
    }

    #[inline]
    fn lookups(&self) -> &Lookups {
        self.index.0.get_or_init(|| {
            let mut sources: FxHashMap<String, Vec<usize>> = FxHashMap::default();
            for (k, s) in self.sources.iter().enumerate() {
                let first = s.split(' ').next().unwrap_or_default();
                sources.entry(first.to_string()).or_default().push(k);
            }
            let mut kinds: FxHashMap<String, u8> = FxHashMap::default();
            for v in &self.verbs {
                *kinds.entry(v.clone()).or_default() |= cue_kind::VERB;
            }
            for first in sources.keys() {
                *kinds.entry(first.clone()).or_default() |= cue_kind::SOURCE_START;
            }
            Lookups {
                that: self.that.iter().cloned().collect(),
                gate: Gate::new(kinds.keys().map(String::as_str)),
                kinds,
                sources,
            }
        })
    }

    /// The source phrase (as listed) starting at token `i` of a lowercased token list, if any
    /// (none where an idiom starts: "according to plan").
    pub fn source_at<S: AsRef<str>>(&self, lower: &[S], i: usize) -> Option<&str> {
        // Called for every token: only the phrases whose first word is this token are
        // compared, in list order, so the first match is the one a scan of the whole list
        // would find.
        let first = lower.get(i)?.as_ref();
        let found = self
            .lookups()
            .sources
            .get(first)?
            .iter()
            .map(|&k| self.sources[k].as_str())
            .find(|s| starts_at(s, lower, i))?;
        // A handful of idioms, compared only where a source phrase was found.
        (!self.idiom_at(lower, i)).then_some(found)
    }

    /// Whether an [idiom](Self::idioms) starts at token `i` of a lowercased token list: a
    /// phrase that opens like a source phrase or with a speech verb but reports nothing
    /// ("according to plan", "claiming the lives", "insisting on anonymity").
    pub fn idiom_at<S: AsRef<str>>(&self, lower: &[S], i: usize) -> bool {
        self.idioms.iter().any(|s| starts_at(s, lower, i))
    }

    pub fn is_verb(&self, lower: &str) -> bool {
        self.cue_kind(lower) & cue_kind::VERB != 0
    }

    /// The [`cue_kind`] bits of a lowercased word: a speech verb, the first word of a source
    /// phrase, both, or neither (0).
    #[inline]
    pub fn cue_kind(&self, lower: &str) -> u8 {
        let l = self.lookups();
        if !l.gate.may_hold(lower) {
            return 0;
        }
        l.kinds.get(lower).copied().unwrap_or(0)
    }

    /// Is a lowercased word a [`determiner`](Self::determiners) ("the", "its")?
    pub fn is_determiner(&self, lower: &str) -> bool {
        listed(&self.determiners, lower)
    }

    /// Is a lowercased word an [`auxiliary`](Self::auxiliaries) ("was", "were")?
    pub fn is_auxiliary(&self, lower: &str) -> bool {
        listed(&self.auxiliaries, lower)
    }

    /// Is a lowercased word an [`agent`](Self::agents) word ("by")?
    pub fn is_agent(&self, lower: &str) -> bool {
        listed(&self.agents, lower)
    }

    /// Is a lowercased word an [adverb](Self::adverbs) that may stand inside a passive
    /// ("not", "never")?
    pub fn is_adverb(&self, lower: &str) -> bool {
        listed(&self.adverbs, lower)
    }

    /// Does a [passive](Self::passives) phrase ("accused of") start at token `i` of a
    /// lowercased token list?
    pub fn passive_at<S: AsRef<str>>(&self, lower: &[S], i: usize) -> bool {
        self.passives.iter().any(|p| {
            let n = p.split(' ').count();
            i + n <= lower.len() && p.split(' ').zip(&lower[i..i + n]).all(|(a, b)| a == b.as_ref())
        })
    }

    /// Is a lowercased word a verb form whose next noun is its [addressee](Self::addressees)
    /// ("urged", "told")?
    pub fn is_addressee(&self, lower: &str) -> bool {
        listed(&self.addressees, lower)
    }

    /// Is a lowercased word a verb form that is as often a [noun](Self::nouns) ("claims")?
    pub fn is_noun(&self, lower: &str) -> bool {
        listed(&self.nouns, lower)
    }

    /// Is a lowercased word one opening an [absolute](Self::absolutes) clause ("with")?
    pub fn is_absolute(&self, lower: &str) -> bool {
        listed(&self.absolutes, lower)
    }

    /// Is a lowercased word a speech participle: a `verb` in -ing ("warning", "accusing") or
    /// a listed [participle](Self::participles) («обвинив»)?
    pub fn is_participle(&self, lower: &str) -> bool {
        (lower.ends_with("ing") && self.is_verb(lower)) || listed(&self.participles, lower)
    }

    pub fn is_that(&self, lower: &str) -> bool {
        self.lookups().that.contains(lower)
    }

    /// Does a sentence (its lowercased tokens) open with a [`previous`](Self::previous) phrase?
    pub fn opens_with_previous<S: AsRef<str>>(&self, lower: &[S]) -> bool {
        self.previous.iter().any(|p| starts_at(p, lower, 0))
    }

    /// The interview label opening `text` (a paragraph's first sentence), if any: a listed
    /// question or answer label followed by a colon ("Q: …", "A: …", «Ответ: …»). Not a
    /// speaker's name before a colon ("Sergey Lavrov: …", «В.Путин: …», "MR PRICE: …"): that
    /// is how ministries and presidencies print their own transcripts, whose answers are the
    /// publisher's own words (a dev transcript of Lavrov's answers from the Foreign Ministry
    /// lost its side when they were read as quotation; session 52), where a news outlet's
    /// edited interview labels them "A:".
    pub fn label(&self, text: &str) -> Option<Label> {
        if self.questions.is_empty() && self.answers.is_empty() {
            return None;
        }
        let text = text.trim_start();
        // A label is short: look no further than 40 bytes for its colon.
        let mut end = text.len().min(40);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let (head, _) = text[..end].split_once(':')?;
        let lower = head.trim_end().to_lowercase();
        if listed(&self.questions, &lower) {
            Some(Label::Question)
        } else if listed(&self.answers, &lower) {
            Some(Label::Answer)
        } else {
            None
        }
    }

    /// Is `phrase` (a lexicon entry as written) one of the scare markers ("so-called")?
    pub fn is_scare(&self, phrase: &str) -> bool {
        self.scare.binary_search(&words(phrase)).is_ok()
    }
}

/// Whether the words of `phrase` (one space between them) are the lowercased tokens from
/// token `i` on; stops at the first word that differs.
fn starts_at<S: AsRef<str>>(phrase: &str, lower: &[S], i: usize) -> bool {
    let mut k = i;
    phrase.split(' ').all(|w| {
        let same = lower.get(k).is_some_and(|t| t.as_ref() == w);
        k += 1;
        same
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan `source_at` replaced: every phrase, in list order.
    fn source_at_by_scan<'a>(c: &'a VoiceCues, lower: &[&str], i: usize) -> Option<&'a str> {
        c.sources
            .iter()
            .find(|s| {
                let n = s.split(' ').count();
                i + n <= lower.len() && s.split(' ').zip(&lower[i..i + n]).all(|(a, b)| a == *b)
            })
            .map(String::as_str)
    }

    #[test]
    fn source_at_finds_what_a_scan_of_every_phrase_finds() {
        let c = VoiceCues::parse(&[d("verb said\nsource according to\nsource according\nsource accord to\nsource по словам\nsource по данным\nsource по")]).unwrap();
        let words = [
            "according",
            "to",
            "по",
            "словам",
            "по",
            "данным",
            "accord",
            "to",
            "according",
            "по",
        ];
        for i in 0..=words.len() {
            assert_eq!(c.source_at(&words, i), source_at_by_scan(&c, &words, i), "token {i}");
        }
        assert_eq!(c.source_at(&words, 0), Some("according"));
        assert_eq!(c.source_at(&words, 2), Some("по"));
        assert_eq!(c.source_at(&["accorded"], 0), None);
    }

    fn d(text: &str) -> DataText {
        DataText {
            path: "v.txt".into(),
            text: text.into(),
        }
    }

    #[test]
    fn cue_kind_marks_verbs_and_source_first_words() {
        let c = VoiceCues::parse(&[d(
            "verb said\nverb according\nsource according to\nsource по словам\nthat that",
        )])
        .unwrap();
        assert_eq!(c.cue_kind("said"), cue_kind::VERB);
        assert_eq!(c.cue_kind("по"), cue_kind::SOURCE_START);
        assert_eq!(c.cue_kind("according"), cue_kind::VERB | cue_kind::SOURCE_START);
        for other in ["to", "словам", "that", "the", "", "Said"] {
            assert_eq!(c.cue_kind(other), 0, "{other}");
        }
        assert!(c.is_verb("said") && c.is_verb("according") && !c.is_verb("по"));
    }

    #[test]
    fn cues_parse_sorted_lowercased_with_comments() {
        let c = VoiceCues::parse(&[d(
            "# c\nverb Said\nverb told # past\nsource According to\nthat that\nscare so-called\n",
        )])
        .unwrap();
        assert_eq!(c.verbs, vec!["said", "told"]);
        assert_eq!(c.sources, vec!["according to"]);
        assert_eq!(c.scare, vec!["so-called"]);
        assert!(c.is_verb("told") && !c.is_verb("tell") && c.is_that("that"));
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let e = VoiceCues::parse(&[d("verb said\nthing thing\n")])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("v.txt") && e.contains('2') && e.contains("unknown cue kind `thing`"),
            "{e}"
        );
        let e = VoiceCues::parse(&[d("verb said\npassive accused\n")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("a passive cue is a verb form and the word after it"), "{e}");
        let e = VoiceCues::parse(&[d("verb said\nverb\n")]).unwrap_err().to_string();
        assert!(e.contains("expected `KIND phrase`"), "{e}");
        let e = VoiceCues::parse(&[d("source according to\n")]).unwrap_err().to_string();
        assert!(e.contains("no speech verbs"), "{e}");
        let e = VoiceCues::parse(&[d("verb said so\n")]).unwrap_err().to_string();
        assert!(e.contains("one word"), "{e}");
    }

    #[test]
    fn builtin_cues_hold_every_language_and_default_stays_english() {
        let all = VoiceCues::builtin();
        assert!(all.is_verb("said") && all.is_verb("заявил") && all.is_verb("заявила") && all.is_that("что"));
        assert!(all.sources.contains(&"по словам".to_string()) && all.scare.contains(&"так называемая".to_string()));
        assert!(VoiceCues::default().sources.iter().all(|s| s.is_ascii()));
        assert!(!VoiceCues::default().is_verb("заявил"));
    }

    #[test]
    fn builtin_cues_hold_the_common_ones() {
        let c = VoiceCues::default();
        assert!(c.is_verb("said") && c.is_verb("told") && c.sources.contains(&"according to".to_string()));
        assert!(c.scare.contains(&"so-called".to_string()));
    }
}
