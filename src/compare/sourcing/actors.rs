//! The actor lists: loading them (data folder, built-in copies, a model's lists) and finding
//! actor mentions in a sentence's tokens, in any case form of a Russian name.

use super::{Actor, Actors, Voice};
use crate::compare::forms;
use crate::data::{entries, ActorLists, DataText};
use crate::error::{Error, Result};
use crate::text::gate::Gate;
use crate::text::voice::lowercase;
use crate::text::{tokenize, Token};
use std::borrow::Cow;

fn key(token: &str) -> Cow<'_, str> {
    lowercase(token.strip_suffix("'s").unwrap_or(token))
}

/// Token `i`'s [`key`], given the sentence's tokens lowercased (`lower`, as
/// `Words::lower`). For an ASCII sentence (`ascii`) cut from its lowercase (lowercasing is
/// then byte for byte and strips no differently); otherwise its lowercase when it has no
/// "'s" to strip (the same [`lowercase`] of the same token), else computed: lowercasing
/// after the cut may differ (a Greek final sigma).
#[inline]
fn key_at<'k>(raw: &[Token], lower: &'k [Cow<'k, str>], ascii: bool, i: usize) -> Cow<'k, str> {
    let (t, l) = (raw[i].text, lower[i].as_ref());
    match (t.ends_with("'s"), ascii) {
        (false, _) => Cow::Borrowed(l),
        (true, true) => Cow::Borrowed(&l[..l.len() - 2]),
        (true, false) => Cow::Owned(key(t).into_owned()),
    }
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

fn is_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && s.chars().all(|c| !c.is_lowercase())
}

impl Actors {
    /// Parse the three lists. Each needs at least one actor.
    pub fn from_files(kremlin: &DataText, western: &DataText, ukraine: &DataText) -> Result<Actors> {
        let mut actors = Vec::new();
        // Each name once across the lists, as lexicon entries are: a second line of it
        // was taken silently, and in another list decided its side by list order (review,
        // session 44).
        let mut seen: rustc_hash::FxHashMap<(Vec<String>, bool), String> = Default::default();
        for (d, voice) in [
            (kremlin, Voice::Kremlin),
            (western, Voice::Western),
            (ukraine, Voice::Ukraine),
        ] {
            let before = actors.len();
            for (line, name) in entries(&d.text) {
                // A `# comment` after the name, as every word list takes: `Zorkin   # chairman
                // of the court` was the actor "Zorkin # chairman …", whom no text names
                // (review, session 33).
                let name = crate::data::without_comment(name);
                let toks: Vec<&str> = tokenize(name).into_iter().map(|t| t.text).collect();
                if toks.is_empty() {
                    return Err(Error::DataLine {
                        path: d.path.clone(),
                        line,
                        message: format!("`{name}` has no word of two letters or more"),
                    });
                }
                let exact_case = toks.iter().all(|t| is_caps(t));
                let tokens: Vec<String> = toks
                    .iter()
                    .map(|t| if exact_case { t.to_string() } else { key(t).into_owned() })
                    .collect();
                let latin = !exact_case && tokens.iter().all(|t: &String| t.is_ascii());
                let here = format!("{}:{line}", d.path.display());
                if let Some(first) = seen.insert((tokens.clone(), exact_case), here) {
                    return Err(Error::DataLine {
                        path: d.path.clone(),
                        line,
                        message: format!("`{name}` is the same actor as {first}: list each name once, in one list"),
                    });
                }
                actors.push(Actor {
                    name: name.to_string(),
                    voice,
                    tokens,
                    exact_case,
                    latin,
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
        let first_gate = Gate::new(by_first.keys().map(String::as_str));
        // Each key and its lowercase: a token's key is its `exact` form lowercased.
        let lowered: Vec<String> = by_first.keys().map(|k| k.to_lowercase()).collect();
        let lower_first_gate = Gate::new(by_first.keys().chain(&lowered).map(String::as_str));
        let cues = crate::text::voice::VoiceCues::default();
        Ok(Actors {
            actors,
            by_first,
            first_gate,
            lower_first_gate,
            cues,
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

    /// The actors listed under one first-token key (in list order), behind the gate.
    #[inline]
    fn listed_under(&self, key: &str) -> &[usize] {
        if !self.first_gate.may_hold(key) {
            return &[];
        }
        self.by_first.get(key).map_or(&[], Vec::as_slice)
    }

    /// The actors that may start at a token (`exact`: as written without "'s"; `key`: its
    /// [`key`]): those listed under `exact`, under `key`, or under a base `key` may be a case
    /// form of ([`forms::candidate_bases`]), in list order without duplicates. Each list of
    /// `by_first` is already in list order, so a token under one key (nearly every token
    /// that has any) needs no merge; `buf` holds a merge.
    fn candidates<'c>(&'c self, exact: &str, key: &str, buf: &'c mut Vec<usize>) -> &'c [usize] {
        let by_exact = self.listed_under(exact);
        let by_key = if key == exact { &[][..] } else { self.listed_under(key) };
        // An ASCII key is no Cyrillic word: its only candidate base is itself.
        let cyrillic = !key.is_ascii();
        if !cyrillic && (by_exact.is_empty() || by_key.is_empty()) {
            return if by_exact.is_empty() { by_key } else { by_exact };
        }
        buf.clear();
        buf.extend_from_slice(by_exact);
        buf.extend_from_slice(by_key);
        if cyrillic {
            for base in forms::candidate_bases(key).skip(1) {
                buf.extend_from_slice(self.listed_under(base));
            }
        }
        buf.sort_unstable();
        buf.dedup();
        buf
    }

    /// Whether actor `a` stands at token `i`.
    fn stands_at(a: &Actor, raw: &[Token], lower: &[Cow<str>], ascii: bool, i: usize) -> bool {
        let n = a.tokens.len();
        if i + n > raw.len() {
            return false;
        }
        let names = a.tokens.iter().zip(i..);
        if a.exact_case {
            names.into_iter().all(|(name, j)| {
                let t = raw[j].text;
                t.strip_suffix("'s").unwrap_or(t) == name
            })
        } else if a.latin {
            // `is_form` of a Latin name is equality (and skips its Cyrillic test).
            names
                .into_iter()
                .all(|(name, j)| key_at(raw, lower, ascii, j) == name.as_str())
        } else {
            names
                .into_iter()
                .all(|(name, j)| forms::is_form(name, &key_at(raw, lower, ascii, j)))
        }
    }

    /// Actor mentions in a sentence's tokens, given them lowercased (`lower`, as
    /// `Words::lower`; `ascii`: the sentence is ASCII): (first token, one past last, actor).
    /// The first listed actor (longest names first) standing at a token wins, and the scan
    /// resumes after it.
    pub(super) fn mentions(&self, raw: &[Token], lower: &[Cow<str>], ascii: bool) -> Vec<(usize, usize, &Actor)> {
        let mut out = Vec::new();
        let mut buf: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < raw.len() {
            let key = key_at(raw, lower, ascii, i);
            // Most tokens: an ASCII key (so no case form of a Cyrillic name) that no first
            // word lowercases to, hence neither it nor the token as written is listed.
            if (ascii || key.is_ascii()) && !self.lower_first_gate.may_hold(&key) {
                i += 1;
                continue;
            }
            let exact = raw[i].text.strip_suffix("'s").unwrap_or(raw[i].text);
            let hit = self
                .candidates(exact, &key, &mut buf)
                .iter()
                .map(|&c| &self.actors[c])
                .find(|a| Self::stands_at(a, raw, lower, ascii, i));
            match hit {
                Some(a) => {
                    let end = i + a.tokens.len();
                    if !names_an_outlet(raw, end) {
                        out.push((i, end, a));
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Capitalised nouns that, right after a place, make an outlet's name: "the Moscow Times
/// reported", "the Washington Post", "the Kyiv Independent", "Russia Today". An outlet is no
/// government: the place in its name is not the speaker (review W: the exiled, Kremlin-critical
/// Moscow Times was given the Kremlin's side).
const OUTLET_NOUNS: &[&str] = &[
    "Times",
    "Post",
    "Independent",
    "Journal",
    "Herald",
    "Tribune",
    "Gazette",
    "Telegraph",
    "Insider",
    "Chronicle",
    "News",
    "Today",
];

/// Token `end` is an [`OUTLET_NOUNS`] word one byte after the mention's last token: a
/// space, as in a name (a comma or full stop comes with a space after it, two bytes).
fn names_an_outlet(raw: &[Token], end: usize) -> bool {
    end < raw.len() && OUTLET_NOUNS.contains(&raw[end].text) && raw[end].span.start == raw[end - 1].span.end + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::voice::Words;
    use proptest::prelude::*;

    /// Review finding (session 33): a comment after an actor's name made it part of the name.
    #[test]
    fn an_actors_name_ends_before_its_comment() {
        let file = |side: &str, text: &str| DataText {
            path: format!("actors/{side}.txt").into(),
            text: text.into(),
        };
        let a = Actors::from_files(
            &file(
                "kremlin",
                "# who speaks for Moscow\nZorkin   # chairman of the constitutional court\nPeskov\n",
            ),
            &file("western", "Blinken\t# secretary of state\n"),
            &file("ukraine", "Zelensky\n"),
        )
        .unwrap();
        let l = a.lists();
        assert_eq!(l.kremlin, ["Peskov", "Zorkin"]);
        assert_eq!(l.western, ["Blinken"]);
    }

    /// Review finding (session 44): a name listed twice, or in two lists, passed silently.
    #[test]
    fn an_actor_is_listed_once() {
        let file = |side: &str, text: &str| DataText {
            path: format!("actors/{side}.txt").into(),
            text: text.into(),
        };
        let err = |k: &str, w: &str| {
            Actors::from_files(&file("kremlin", k), &file("western", w), &file("ukraine", "Zelensky\n"))
                .err()
                .map(|e| e.to_string())
        };
        assert_eq!(
            err("Lavrov\nPeskov\nlavrov\n", "Blinken\n").as_deref(),
            Some("actors/kremlin.txt:3: `lavrov` is the same actor as actors/kremlin.txt:1: list each name once, in one list")
        );
        assert_eq!(
            err("Peskov\nWestern officials\n", "Western officials\n").as_deref(),
            Some("actors/western.txt:1: `Western officials` is the same actor as actors/kremlin.txt:2: list each name once, in one list")
        );
        assert_eq!(err("Peskov\n", "Blinken\n"), None);
    }

    /// The keys the scan below was given: every token's [`key`], computed up front.
    fn keys_by_scan<'a>(raw: &[&'a str], lower: &[Cow<'a, str>], ascii: bool) -> Vec<Cow<'a, str>> {
        if !ascii {
            return raw.iter().map(|t| key(t)).collect();
        }
        raw.iter()
            .zip(lower)
            .map(|(t, l)| {
                let cut = if t.ends_with("'s") { 2 } else { 0 };
                match l {
                    Cow::Borrowed(b) => Cow::Borrowed(&b[..b.len() - cut]),
                    Cow::Owned(o) => Cow::Owned(o[..o.len() - cut].to_string()),
                }
            })
            .collect()
    }

    /// The definition `mentions` replaced: at each token every actor listed under the token,
    /// its key or a candidate base, merged into list order, each compared by `is_form`.
    fn mentions_by_scan<'s>(a: &'s Actors, raw: &[&str], lower: &[Cow<str>]) -> Vec<(usize, usize, &'s Actor)> {
        let mut out = Vec::new();
        let mut cands: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < raw.len() {
            cands.clear();
            let exact = raw[i].strip_suffix("'s").unwrap_or(raw[i]);
            for k in std::iter::once(exact).chain(forms::candidate_bases(lower[i].as_ref())) {
                cands.extend(a.by_first.get(k).into_iter().flatten());
            }
            cands.sort_unstable();
            cands.dedup();
            let hit = cands.iter().map(|&c| &a.actors[c]).find(|a| {
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

    /// Mentions as (first token, one past last, actor name).
    type Named = Vec<(usize, usize, String)>;

    /// A sentence's mentions by `mentions` and by the scan.
    fn both(a: &Actors, text: &str) -> (Named, Named) {
        let w = Words::new(text);
        let lower = w.lower();
        let raw: Vec<&str> = w.tokens.iter().map(|t| t.text).collect();
        let named = |m: Vec<(usize, usize, &Actor)>| -> Named {
            m.into_iter().map(|(s, e, a)| (s, e, a.name.clone())).collect()
        };
        let new = named(a.mentions(&w.tokens, &lower, w.is_ascii()));
        let old = named(mentions_by_scan(a, &raw, &keys_by_scan(&raw, &lower, w.is_ascii())));
        (new, old)
    }

    #[test]
    fn mentions_find_names_in_any_case_form_and_capitals_exactly() {
        let a = Actors::builtin().unwrap();
        let (new, old) = both(
            &a,
            "The US and us: Russian President Putin's aides, the West, по словам Пескова, в Кремле, Захаровой.",
        );
        assert_eq!(new, old);
        let names: Vec<&str> = new.iter().map(|m| m.2.as_str()).collect();
        assert!(
            names.contains(&"US") && names.contains(&"Putin") && names.contains(&"Песков"),
            "{names:?}"
        );
        assert!(names.contains(&"Кремль") && names.contains(&"Захарова"), "{names:?}");
    }

    /// Words that start, continue or resemble actor names, in several cases and scripts.
    fn word() -> impl Strategy<Value = String> {
        const WORDS: &[&str] = &[
            "Putin",
            "putin",
            "PUTIN",
            "Putin's",
            "Russian",
            "russian",
            "president",
            "President",
            "defence",
            "ministry",
            "Ministry",
            "foreign",
            "spokeswoman",
            "the",
            "The",
            "West",
            "west",
            "US",
            "us",
            "Us",
            "US's",
            "UK",
            "NATO",
            "Nato",
            "White",
            "House",
            "Kremlin",
            "Kremlin's",
            "Moscow",
            "Zelensky",
            "Ukraine",
            "said",
            "Ukrainian",
            "forces",
            "Путин",
            "Путина",
            "путину",
            "Песков",
            "Пескова",
            "Кремль",
            "Кремля",
            "Кремле",
            "Захарова",
            "Захаровой",
            "Дмитрий",
            "Дмитрия",
            "МИД",
            "МИДа",
            "Минобороны",
            "России",
            "Россия",
            "российская",
            "Украина",
            "Украины",
            "Зеленский",
            "Зеленского",
            "ΟΔΟΣ's",
            "Σ's",
            "x",
            "and",
            "in",
            "of",
        ];
        prop_oneof![
            4 => proptest::sample::select(WORDS).prop_map(str::to_string),
            1 => "[A-Za-zА-Яа-я']{1,8}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// The gated lookups find what the scan of every candidate list found.
        #[test]
        fn mentions_match_the_scan(words in proptest::collection::vec(word(), 0..14), sep in "[ ,.\"]{1,2}") {
            let a = Actors::builtin().unwrap();
            let (new, old) = both(&a, &words.join(&sep));
            prop_assert_eq!(new, old);
        }
    }
}
