//! The actor lists: loading them (data folder, built-in copies, a model's lists) and finding
//! actor mentions in a sentence's tokens, in any case form of a Russian name.

use super::{Actor, Actors, Voice};
use crate::compare::forms;
use crate::data::{entries, ActorLists, DataText};
use crate::error::{Error, Result};
use crate::text::tokenize;
use crate::text::voice::lowercase;
use std::borrow::Cow;

fn key(token: &str) -> Cow<'_, str> {
    lowercase(token.strip_suffix("'s").unwrap_or(token))
}

/// Every token's [`key`], cut from the tokens already lowercased when the sentence is ASCII
/// (`ascii`: then lowercasing is byte for byte and strips no differently), else computed.
pub(super) fn mention_keys<'a>(raw: &[&'a str], lower: &[Cow<'a, str>], ascii: bool) -> Vec<Cow<'a, str>> {
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

    /// Actor mentions in a token list, given each token's [`key`] (see [`mention_keys`]):
    /// (first token, one past last, actor).
    pub(super) fn mentions(&self, raw: &[&str], lower: &[Cow<str>]) -> Vec<(usize, usize, &Actor)> {
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
}
