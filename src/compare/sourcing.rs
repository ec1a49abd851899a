//! Sourcing: who is quoted. Finds attributed statements (a speech verb such as "said",
//! "told", "warned", "according to") and gives each to a side through editable actor lists
//! (`data/actors/{kremlin,western,ukraine}.txt`).
//!
//! Attribution rule, per sentence (deliberately simple and inspectable):
//! 1. find every speech cue (a `verb` of the voice cue files `data/voice/*.txt`, or a
//!    `source` phrase: "according to", «по словам», «как заявил»); each cue gives one
//!    statement, and one per distinct speaker is kept;
//! 2. the speaker is the actor mention nearest *before* the cue and after the previous cue,
//!    within 10 tokens ("Peskov told reporters"; within 3 for a second or later cue, which
//!    takes no speaker from rules 3 and 4); for a participle cue ("…, saying") the first
//!    actor of the sentence however far (its subject), and a later participle is skipped. Mentions inside
//!    quotation marks are never speakers, and cues inside quotation marks are not cues;
//! 3. else, a subject pronoun (he/she/they, он/она/они) before the cue, or an object pronoun right after
//!    it ("Interfax quoted him"): the previous attributed speaker in the same article;
//! 4. else the actor right *after* the cue, within 3 tokens and not after a `that` cue
//!    ("said Peskov", not "said that Kiev …"); for a source phrase only this rule applies;
//! 5. a sentence opening with a quotation mark and no cue continues the previous sentence's
//!    quote when that sentence was attributed.
//!
//! Russian names are listed in the nominative and found in every case form
//! ([`super::forms`]): «по словам Пескова», «заявили в Кремле».
//!
//! News agencies (TASS, Interfax) are not actors: an agency relaying a statement is not a
//! speaker ("Interfax quoted him" is the previous speaker's statement).
//!
//! Per article: `sourced_*` = share of attributed statements (those given a side) per side,
//! and `sourcing_balance` = (K − W) / (K + W) over the counts of Kremlin- and
//! Western-attributed statements, in [-1, +1] (+1 only Kremlin voices, −1 only Western);
//! undefined (empty) when neither side is quoted. Ukrainian voices are reported in
//! `sourced_ukraine` but stay out of the balance, which measures the Kremlin–West axis.

use super::forms;
use crate::data::{entries, ActorLists, DataText};
use crate::error::{Error, Result};
use crate::text::tokenize;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The three voices an attributed statement can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    Kremlin,
    Western,
    Ukraine,
}

impl Voice {
    pub fn as_str(self) -> &'static str {
        match self {
            Voice::Kremlin => "kremlin",
            Voice::Western => "western",
            Voice::Ukraine => "ukraine",
        }
    }
}

const PRONOUNS: &[&str] = &["he", "she", "they", "он", "она", "они"];
/// Object pronouns right after a cue ("Interfax quoted him as saying"): the previous speaker.
const OBJECT_PRONOUNS: &[&str] = &["him", "her", "them"];

/// How far (in tokens) a speaker may stand before / after its speech verb.
const WINDOW_BEFORE: usize = 10;
const WINDOW_AFTER: usize = 3;
/// A second or later cue of a sentence takes only a speaker this close before it, since the
/// words between two cues are usually what the first speaker said ("Putin added that Russia
/// is open to talks with the US but said …" is not the US speaking).
const WINDOW_LATER: usize = 3;

/// One actor as written and as the token sequence it matches.
#[derive(Debug, Clone, PartialEq)]
struct Actor {
    name: String,
    voice: Voice,
    /// Lowercased tokens, or as written when the name is all capitals (US, UK, EU, NATO),
    /// which then match case-sensitively so "US" is not the pronoun "us".
    tokens: Vec<String>,
    exact_case: bool,
}

/// The actor lists, longest names first, and the speech cues (`data/voice/`).
#[derive(Debug, Clone)]
pub struct Actors {
    actors: Vec<Actor>,
    cues: crate::text::voice::VoiceCues,
    /// Actors by first token (as written for all-capitals names, else lowercased), so a
    /// token is checked against the few names that can start there, not the whole list.
    by_first: rustc_hash::FxHashMap<String, Vec<usize>>,
}

/// One attributed sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// Sentence index within the article (as in sentences.csv).
    pub index: usize,
    /// The cue that made it a statement ("said", "according to", or "quote" for rule 4).
    pub cue: String,
    /// Actor as written in the actor list; empty when the speaker was not recognised.
    pub actor: String,
    pub voice: Option<Voice>,
}

/// Per-article sourcing summary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sourcing {
    /// Sentences given a side.
    pub n_attributed: usize,
    pub kremlin: usize,
    pub western: usize,
    pub ukraine: usize,
}

impl Sourcing {
    fn share(&self, n: usize) -> Option<f64> {
        (self.n_attributed > 0).then(|| n as f64 / self.n_attributed as f64)
    }
    pub fn share_kremlin(&self) -> Option<f64> {
        self.share(self.kremlin)
    }
    pub fn share_western(&self) -> Option<f64> {
        self.share(self.western)
    }
    pub fn share_ukraine(&self) -> Option<f64> {
        self.share(self.ukraine)
    }
    /// (K − W) / (K + W); `None` when no Kremlin or Western voice is quoted.
    pub fn balance(&self) -> Option<f64> {
        let (k, w) = (self.kremlin as f64, self.western as f64);
        (k + w > 0.0).then(|| (k - w) / (k + w))
    }
}

fn key(token: &str) -> Cow<'_, str> {
    lowercase(token.strip_suffix("'s").unwrap_or(token))
}

/// A built-in data file by name.
fn builtin(name: &str) -> Result<DataText> {
    let text = crate::data::BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t.to_string())
        .ok_or_else(|| Error::NotFound { path: name.into() })?;
    Ok(DataText {
        path: format!("<built-in>/data/{name}").into(),
        text,
    })
}

/// Lowercased, borrowing when the token already is (most are): this runs on every token.
fn lowercase(t: &str) -> Cow<'_, str> {
    if t.is_ascii() && !t.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(t.to_lowercase())
    }
}

fn is_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && s.chars().all(|c| !c.is_lowercase())
}

impl Actors {
    /// Parse the three lists. Each needs at least one actor.
    pub fn from_files(kremlin: &DataText, western: &DataText, ukraine: &DataText) -> Result<Actors> {
        let mut actors = Vec::new();
        for (d, voice) in [
            (kremlin, Voice::Kremlin),
            (western, Voice::Western),
            (ukraine, Voice::Ukraine),
        ] {
            let before = actors.len();
            for (line, name) in entries(&d.text) {
                let toks: Vec<&str> = tokenize(name).into_iter().map(|t| t.text).collect();
                if toks.is_empty() {
                    return Err(Error::DataLine {
                        path: d.path.clone(),
                        line,
                        message: format!("`{name}` has no word of two letters or more"),
                    });
                }
                let exact_case = toks.iter().all(|t| is_caps(t));
                let tokens = toks
                    .iter()
                    .map(|t| if exact_case { t.to_string() } else { key(t).into_owned() })
                    .collect();
                actors.push(Actor {
                    name: name.to_string(),
                    voice,
                    tokens,
                    exact_case,
                });
            }
            if actors.len() == before {
                return Err(Error::DataFile {
                    path: d.path.clone(),
                    message: "no actors listed (one name per line)".into(),
                });
            }
        }
        actors.sort_by(|a, b| b.tokens.len().cmp(&a.tokens.len()).then(a.name.cmp(&b.name)));
        let mut by_first: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
        for (i, a) in actors.iter().enumerate() {
            // Cyrillic names by their base, so any case form of the first word finds them.
            let first = if a.exact_case {
                &a.tokens[0]
            } else {
                forms::base(&a.tokens[0])
            };
            by_first.entry(first.to_string()).or_default().push(i);
        }
        Ok(Actors {
            actors,
            by_first,
            cues: Default::default(),
        })
    }

    /// The same actors with other speech cues (the data folder's `voice/` files).
    pub fn with_cues(mut self, cues: crate::text::voice::VoiceCues) -> Actors {
        self.cues = cues;
        self
    }

    /// The actor lists from `dir/actors/` when there, else from `./data/actors/` (no `dir`),
    /// else the built-in copies. A data folder made before actor lists existed (no
    /// `actors/` inside) therefore still works, with the built-in lists.
    pub fn load(dir: Option<&std::path::Path>) -> Result<Actors> {
        let one = |name: &str| -> Result<DataText> {
            match dir {
                Some(d) if !d.join(name).is_file() => builtin(name),
                _ => crate::data::load(dir, name),
            }
        };
        Ok(Actors::from_files(
            &one("actors/kremlin.txt")?,
            &one("actors/western.txt")?,
            &one("actors/ukraine.txt")?,
        )?
        .with_cues(crate::text::voice::VoiceCues::load(dir)?))
    }

    /// The built-in actor lists (never `./data`): what a model saved before models carried
    /// their lists scores with.
    pub fn builtin() -> Result<Actors> {
        Actors::from_files(
            &builtin("actors/kremlin.txt")?,
            &builtin("actors/western.txt")?,
            &builtin("actors/ukraine.txt")?,
        )
    }

    /// The lists a model carries ([`ActorLists`]).
    pub fn from_lists(lists: &ActorLists) -> Result<Actors> {
        let [k, w, u] = lists.files();
        Actors::from_files(&k, &w, &u)
    }

    /// The names per side, sorted, for `model.json`.
    pub fn lists(&self) -> ActorLists {
        let side = |v: Voice| {
            let mut names: Vec<String> = self
                .actors
                .iter()
                .filter(|a| a.voice == v)
                .map(|a| a.name.clone())
                .collect();
            names.sort();
            names
        };
        ActorLists {
            kremlin: side(Voice::Kremlin),
            western: side(Voice::Western),
            ukraine: side(Voice::Ukraine),
        }
    }

    /// Actor mentions in a token list: (first token, one past last, actor).
    fn mentions(&self, raw: &[&str]) -> Vec<(usize, usize, &Actor)> {
        let lower: Vec<Cow<str>> = raw.iter().map(|t| key(t)).collect();
        let mut out = Vec::new();
        let mut cands: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < raw.len() {
            // Candidates in list order (longest names first), as a scan of the list would meet them.
            cands.clear();
            let exact = raw[i].strip_suffix("'s").unwrap_or(raw[i]);
            for k in std::iter::once(exact).chain(forms::candidate_bases(lower[i].as_ref())) {
                cands.extend(self.by_first.get(k).into_iter().flatten());
            }
            cands.sort_unstable();
            cands.dedup();
            let hit = cands.iter().map(|&c| &self.actors[c]).find(|a| {
                let n = a.tokens.len();
                i + n <= raw.len()
                    && (0..n).all(|k| {
                        if a.exact_case {
                            raw[i + k].strip_suffix("'s").unwrap_or(raw[i + k]) == a.tokens[k]
                        } else {
                            forms::is_form(&a.tokens[k], &lower[i + k])
                        }
                    })
            });
            match hit {
                Some(a) => {
                    out.push((i, i + a.tokens.len(), a));
                    i += a.tokens.len();
                }
                None => i += 1,
            }
        }
        out
    }

    /// Attribute the sentences of one article (in order; rules 3 and 5 look back). A sentence
    /// with several cues ("Ukraine accused …, which the US said …, the Kremlin claims …")
    /// gives one statement per distinct speaker; a cue's speaker is looked for after the
    /// previous cue, so each clause keeps its own subject.
    pub fn attribute<'a>(&self, sentences: impl IntoIterator<Item = &'a str>) -> Vec<Attribution> {
        let mut out = Vec::new();
        let mut last: Option<(String, Option<Voice>)> = None;
        let mut prev_attributed = false;
        for (index, text) in sentences.into_iter().enumerate() {
            let tokens = tokenize(text);
            let toks: Vec<&str> = tokens.iter().map(|t| t.text).collect();
            let lower: Vec<Cow<str>> = toks.iter().map(|t| lowercase(t)).collect();
            // A token is quoted when an odd number of double quotes precede it.
            let mut quotes = 0;
            let mut from = 0;
            let quoted: Vec<bool> = tokens
                .iter()
                .map(|t| {
                    quotes += text[from..t.span.start].matches(['"', '\u{201C}', '\u{201D}']).count();
                    from = t.span.start;
                    quotes % 2 == 1
                })
                .collect();
            // (token index, cue as written in the cue list, is a source phrase).
            let mut cues: Vec<(usize, String, bool)> = Vec::new();
            let mut i = 0;
            while i < lower.len() {
                if quoted[i] {
                    i += 1;
                } else if let Some(s) = self.cues.source_at(&lower, i) {
                    cues.push((i, s.to_string(), true));
                    i += s.split(' ').count();
                } else {
                    if self.cues.is_verb(&lower[i]) {
                        cues.push((i, lower[i].to_string(), false));
                    }
                    i += 1;
                }
            }
            let m: Vec<_> = self
                .mentions(&toks)
                .into_iter()
                .filter(|(start, _, _)| !quoted[*start])
                .collect();
            let mut found: Vec<(String, String, Option<Voice>)> = Vec::new();
            let mut clause_start = 0;
            for (k, (at, cue, source)) in cues.iter().enumerate() {
                let (at, source) = (*at, *source);
                let later = k > 0;
                // A later participle ("Putin revealed …, noting") is the sentence subject's again.
                if later && cue.ends_with("ing") {
                    continue;
                }
                let before: Vec<_> = m
                    .iter()
                    .filter(|(start, end, _)| *end <= at && *start >= clause_start)
                    .collect();
                // A participle ("…, saying") belongs to the sentence subject: the first actor
                // however far; a finite verb to the nearest one within the window (for a later
                // cue, right before it: "NATO's leaders said", "the Kremlin claims").
                let window = if later { WINDOW_LATER } else { WINDOW_BEFORE };
                let before = if cue.ends_with("ing") {
                    before.first()
                } else {
                    before.last().filter(|(_, end, _)| at - end < window)
                };
                // After the cue only right behind it ("said Peskov", "according to the
                // Kremlin"), never across "that" (then it is what was said, not who).
                let after = m
                    .iter()
                    .find(|(start, _, _)| *start > at && start - at <= WINDOW_AFTER)
                    .filter(|(start, _, _)| !lower[at..*start].iter().any(|t| self.cues.is_that(t)));
                let pronoun = lower[clause_start..at]
                    .iter()
                    .zip(&quoted[clause_start..at])
                    .any(|(t, q)| !q && PRONOUNS.contains(&t.as_ref()))
                    || lower[at + 1..lower.len().min(at + 3)]
                        .iter()
                        .any(|t| OBJECT_PRONOUNS.contains(&t.as_ref()));
                let previous = last.as_ref().filter(|_| pronoun && !later);
                let after = after.filter(|_| !later);
                let pick = if source {
                    after.map(|a| (a.2.name.clone(), Some(a.2.voice)))
                } else {
                    before
                        .map(|a| (a.2.name.clone(), Some(a.2.voice)))
                        .or_else(|| previous.cloned())
                        .or_else(|| after.map(|a| (a.2.name.clone(), Some(a.2.voice))))
                };
                clause_start = at + 1;
                let (actor, voice) = pick.unwrap_or_default();
                if !found.iter().any(|(_, a, v)| *a == actor && *v == voice) {
                    found.push((cue.clone(), actor, voice));
                }
            }
            // Unrecognised speakers are listed only when no speaker of the sentence is known.
            if found.iter().any(|f| f.2.is_some()) {
                found.retain(|f| f.2.is_some());
            } else {
                found.truncate(1);
            }
            if cues.is_empty() {
                let opens_quote = text.trim_start().starts_with(['"', '\u{201C}']);
                if let (Some((name, voice)), true) = (&last, opens_quote && prev_attributed) {
                    found.push(("quote".to_string(), name.clone(), *voice));
                }
            }
            prev_attributed = false;
            for (cue, actor, voice) in found {
                if voice.is_some() {
                    last = Some((actor.clone(), voice));
                    prev_attributed = true;
                }
                out.push(Attribution {
                    index,
                    cue,
                    actor,
                    voice,
                });
            }
        }
        out
    }
}

/// Count attributed statements per side.
pub fn summarize(attributions: &[Attribution]) -> Sourcing {
    let mut s = Sourcing::default();
    for a in attributions {
        match a.voice {
            Some(Voice::Kremlin) => s.kremlin += 1,
            Some(Voice::Western) => s.western += 1,
            Some(Voice::Ukraine) => s.ukraine += 1,
            None => continue,
        }
        s.n_attributed += 1;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn actors() -> Actors {
        let d = |t: &str| DataText {
            path: PathBuf::from("t"),
            text: t.into(),
        };
        Actors::from_files(
            &d("Putin\nPeskov\nKremlin\nRussian defence ministry\nRussia\nRussian president\nLukashenko\nseparatists"),
            &d("# west\nBiden\nNATO\nUS\nUK\nWhite House"),
            &d("Zelensky\nUkraine"),
        )
        .unwrap()
    }

    fn voices(sents: &[&str]) -> Vec<(usize, String, Option<Voice>)> {
        actors()
            .attribute(sents.iter().copied())
            .into_iter()
            .map(|a| (a.index, a.actor, a.voice))
            .collect()
    }

    #[test]
    fn speaker_is_nearest_actor_before_the_cue_else_after() {
        assert_eq!(
            voices(&["Putin told Ukraine to sit down.", "\"We are ready,\" said Biden."]),
            vec![
                (0, "Putin".into(), Some(Voice::Kremlin)),
                (1, "Biden".into(), Some(Voice::Western))
            ]
        );
        // According to: the actor after it, even when another precedes.
        assert_eq!(
            voices(&["Ukraine shelled the town, according to the Russian defence ministry."]),
            vec![(0, "Russian defence ministry".into(), Some(Voice::Kremlin))]
        );
    }

    #[test]
    fn capitals_match_case_sensitively_and_pronouns_look_back() {
        assert_eq!(
            voices(&["Let us say nothing.", "The US said it was worried.", "He added more."]),
            vec![
                (0, "".into(), None),
                (1, "US".into(), Some(Voice::Western)),
                (2, "US".into(), Some(Voice::Western))
            ]
        );
    }

    #[test]
    fn pronoun_beats_a_later_actor_and_quoted_actors_are_not_speakers() {
        assert_eq!(
            voices(&[
                "Putin spoke.",
                "Putin said so.",
                "He also accused NATO of lying.",
                "\"The US is not listening,\" he said.",
                "Ties were cut, according to the White House.",
            ]),
            vec![
                (1, "Putin".into(), Some(Voice::Kremlin)),
                (2, "Putin".into(), Some(Voice::Kremlin)),
                (3, "Putin".into(), Some(Voice::Kremlin)),
                (4, "White House".into(), Some(Voice::Western))
            ]
        );
        // What was said is not who said it.
        assert_eq!(
            voices(&["The ministry added that the Kiev regime lies."]),
            vec![(0, "".into(), None)]
        );
        // A participle goes to the clause subject, not the nearest actor.
        assert_eq!(
            voices(&["Putin criticised Biden, saying he was wrong."]),
            vec![(0, "Putin".into(), Some(Voice::Kremlin))]
        );
    }

    #[test]
    fn opening_quote_continues_the_previous_speaker() {
        assert_eq!(
            voices(&[
                "Zelensky said: \"We will not give up.",
                "\"Never.\"",
                "\"Unattributed.\""
            ]),
            vec![
                (0, "Zelensky".into(), Some(Voice::Ukraine)),
                (1, "Zelensky".into(), Some(Voice::Ukraine)),
                (2, "Zelensky".into(), Some(Voice::Ukraine))
            ]
        );
        // Without an attributed sentence before, a quote is nobody's.
        assert_eq!(voices(&["\"Alone.\""]), vec![]);
    }

    #[test]
    fn participle_goes_to_the_clause_subject_however_far() {
        // Seed 000: the Russian president announces, not Lukashenko (nearest to the cue).
        assert_eq!(
            voices(&["Meanwhile, Russian President also welcomed his close ally Belarusian strongman Alexander Lukashenko to the Kremlin on Friday, announcing the leaders would discuss military cooperation."]),
            vec![(0, "Russian president".into(), Some(Voice::Kremlin))]
        );
    }

    #[test]
    fn an_agency_relaying_is_not_a_speaker() {
        assert_eq!(
            voices(&[
                "\"We are ready,\" Peskov said.",
                "The delegation would comprise officials, Interfax quoted him as saying."
            ]),
            vec![
                (0, "Peskov".into(), Some(Voice::Kremlin)),
                (1, "Peskov".into(), Some(Voice::Kremlin))
            ]
        );
    }

    #[test]
    fn each_clause_of_a_sentence_has_its_own_speaker() {
        // Seed 002, sentence 11: Ukraine accuses, the US, UK and NATO say, the Kremlin claims.
        assert_eq!(
            voices(&["On Thursday, Ukraine accused the separatists of shelling a kindergarten, which the US, the UK and NATO's leaders said was a \"false flag\" operation by Russia, in which the Kremlin claims Ukraine has attacked it."]),
            vec![
                (0, "Ukraine".into(), Some(Voice::Ukraine)),
                (0, "NATO".into(), Some(Voice::Western)),
                (0, "Kremlin".into(), Some(Voice::Kremlin))
            ]
        );
        // One speaker with two cues is one statement; what lies between two cues is speech.
        assert_eq!(
            voices(&["Putin said it, and he added more."]),
            vec![(0, "Putin".into(), Some(Voice::Kremlin))]
        );
        assert_eq!(
            voices(&["Putin added that Russia is open to talks with the US and other allies but said no."]),
            vec![(0, "Putin".into(), Some(Voice::Kremlin))]
        );
        assert_eq!(
            voices(&["Putin revealed that he had briefed Lukashenko on the talks, noting that Minsk is concerned."]),
            vec![(0, "Putin".into(), Some(Voice::Kremlin))]
        );
    }

    #[test]
    fn speech_verbs_come_from_the_cue_data() {
        let cues = crate::text::voice::VoiceCues::parse(&[DataText {
            path: PathBuf::from("v"),
            text: "verb grumbled".into(),
        }])
        .unwrap();
        let a = actors().with_cues(cues);
        let got: Vec<_> = a
            .attribute(["Putin grumbled about it.", "Putin said so."])
            .into_iter()
            .map(|a| (a.index, a.actor))
            .collect();
        assert_eq!(got, vec![(0, "Putin".to_string())]);
    }

    #[test]
    fn balance_is_kremlin_minus_western_over_their_sum() {
        let s = summarize(&actors().attribute([
            "Peskov said yes.",
            "Putin said no.",
            "Interfax quoted him.",
            "NATO warned.",
            "Zelensky said so.",
            "Nobody in particular said it.",
        ]));
        assert_eq!((s.n_attributed, s.kremlin, s.western, s.ukraine), (5, 3, 1, 1));
        // (3 − 1) / (3 + 1)
        assert_eq!(s.balance(), Some(0.5));
        assert_eq!(s.share_kremlin(), Some(0.6));
        assert_eq!(Sourcing::default().balance(), None);
    }
}
