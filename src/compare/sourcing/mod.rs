//! Sourcing: who is quoted. Finds attributed statements (a speech verb such as "said",
//! "told", "warned", "according to") and gives each to a side through editable actor lists
//! (`data/actors/{kremlin,western,ukraine}.txt`).
//!
//! Attribution rule, per sentence (deliberately simple and inspectable):
//! 1. find every speech cue (a `verb` of the voice cue files `data/voice/*.txt`, or a
//!    `source` phrase: "according to", «по словам», «как заявил»); each cue gives one
//!    statement, and one per distinct speaker is kept;
//! 2. the speaker is the actor mention nearest *before* the cue and after the previous cue,
//!    in the cue's own clause (not across a semicolon or an unpaired dash: "… in eastern
//!    Ukraine - as the PM warns" is not Ukraine warning; a pair of dashes is an apposition),
//!    within 10 tokens ("Peskov told reporters"; within 3 for a second or later cue, which
//!    takes no speaker from rules 3 and 4); for a participle cue ("…, saying") the first
//!    actor of the sentence however far (its subject), and a later participle is skipped,
//!    except in an absolute clause ("…, with US President Joe Biden saying …"), whose
//!    participle is the nearest actor's after its `absolute` word; a passive with its agent
//!    ("was accused by NATO of …") is the agent's. Mentions inside
//!    quotation marks are never speakers, and cues inside quotation marks are not cues; nor
//!    are those before the comma of a closing or medial attribution (what the voice split
//!    reports: "Moscow is to blame, wrote NATO's chief" is NATO's statement, not Moscow's;
//!    "Russia supplies 14% of diesel, analysts said, and …" is the analysts');
//! 3. else, a subject pronoun (he/she/they, он/она/они) before the cue, or an object pronoun right after
//!    it ("Interfax quoted him"), or in Russian a subject pronoun right after a verb opening
//!    its clause («…, отметил он») or the possessive of a source phrase («по его словам»):
//!    the previous attributed speaker in the same article; for
//!    he/she/him/her the first person named in the latest sentence since then, if any
//!    (`speaker::person_mention`), and never one whose mention marks the other gender
//!    (then nobody);
//! 4. else the actor right *after* the cue (after an `addressee` verb — "urged Putin",
//!    "told Mr Putin" — only when the verb opens its clause: "…, warned Lavrov"), within 3 tokens or behind a title ("according
//!    to the Deputy Secretary of the Russian Security Council", `speaker.rs`), and not after a
//!    `that` cue ("said Peskov", not "said that Kiev …"); for a source phrase only this rule
//!    applies (and rule 3 for a possessive: «по его словам»);
//! 5. a sentence inside a quote and with no cue (opening with a quotation mark, or carried
//!    into by a quote the sentence before left open, as the voice split carries quotes) is
//!    the quote's: its speaker is the one named where the quote closes (`…," Peskov said`),
//!    else the previous attributed speaker. A sentence naming actors outside its quotes
//!    names its own speaker, with a verb the cue lists lack («"…", — огрызнулся Кулеба»):
//!    the first of them when they are all of one side, else nobody.
//!
//! The speaker a mention names (rules 2, 4 and 5) is its actor, unless the mention only
//! describes a former official or a commentator ("former US colonel …", "a retired British
//! officer", "Ukrainian military expert …"): then the statement is that person's, with no
//! side (`speaker.rs`), and a pronoun after it is theirs too.
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

mod actors;
mod attribute;
mod speaker;

use crate::text::gate::Gate;
use crate::text::voice::VoiceCues;
use serde::{Deserialize, Serialize};

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

/// One actor as written and as the token sequence it matches.
#[derive(Debug, Clone, PartialEq)]
struct Actor {
    name: String,
    voice: Voice,
    /// Lowercased tokens, or as written when the name is all capitals (US, UK, EU, NATO),
    /// which then match case-sensitively so "US" is not the pronoun "us".
    tokens: Vec<String>,
    exact_case: bool,
    /// Matched by its keys alone (not `exact_case`, every token ASCII): a Latin name has no
    /// case forms ([`super::forms`]), so each token must equal the text's key.
    latin: bool,
}

/// The actor lists, longest names first, and the speech cues (`data/voice/`).
#[derive(Debug, Clone)]
pub struct Actors {
    actors: Vec<Actor>,
    cues: VoiceCues,
    /// Actors by first token (as written for all-capitals names, else lowercased), so a
    /// token is checked against the few names that can start there, not the whole list.
    by_first: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// The keys of `by_first`, for turning most tokens away before a hash lookup.
    first_gate: Gate,
    /// The keys of `by_first` and their lowercase: a token whose key fails it is no actor's
    /// first word, as written or lowercased (Cyrillic case forms aside).
    lower_first_gate: Gate,
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
    /// Statements found, with a side or not (an article's rows of `attributions.csv`);
    /// `None` when not recorded (a row of scores written before the column existed).
    pub n_statements: Option<usize>,
    /// Statements given a side.
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

    /// The balance for a reader, with the statements it rests on beside it, so a balance
    /// from 2 of 6 statements does not read as strong as one from 6 of 6:
    /// `-1.00 (2 of 6 statements sided: Kremlin 0, Western 2, Ukraine 0)`; `n/a (…)` when
    /// neither Kremlin nor Western voices are quoted; `no statements found` when none are.
    pub fn describe(&self) -> String {
        if self.n_statements == Some(0) {
            return "no statements found".into();
        }
        format!("{} ({})", self.balance_shown(), self.coverage())
    }

    /// The balance to two places, `n/a` when undefined.
    pub fn balance_shown(&self) -> String {
        self.balance().map_or("n/a".into(), |b| crate::style::signed(b, 2))
    }

    /// `2 of 6 statements sided: Kremlin 0, Western 2, Ukraine 0`; without the number of
    /// statements found, `2 statements sided (statements found: not recorded): …`, never a
    /// total guessed from the sided ones.
    pub fn coverage(&self) -> String {
        let sided = match self.n_statements {
            Some(n) => format!("{} of {n} statements sided", self.n_attributed),
            None => format!(
                "{} statements sided (statements found: not recorded)",
                self.n_attributed
            ),
        };
        format!(
            "{sided}: Kremlin {}, Western {}, Ukraine {}",
            self.kremlin, self.western, self.ukraine
        )
    }
}
/// Count attributed statements per side.
pub fn summarize(attributions: &[Attribution]) -> Sourcing {
    let mut s = Sourcing {
        n_statements: Some(attributions.len()),
        ..Sourcing::default()
    };
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
    use crate::data::DataText;
    use std::path::PathBuf;

    pub(super) fn actors() -> Actors {
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
        assert_eq!(s.n_statements, Some(6));
    }

    /// Review finding (session 22): a balance from 2 of 6 statements read as strong as one
    /// from 6 of 6; it is shown with the statements it rests on.
    #[test]
    fn the_balance_is_described_with_its_coverage() {
        let s = summarize(&actors().attribute([
            "NATO warned.",
            "Biden said so.",
            "Nobody in particular said it.",
            "A spokesperson said more.",
        ]));
        assert_eq!(
            s.describe(),
            "-1.00 (2 of 4 statements sided: Kremlin 0, Western 2, Ukraine 0)"
        );
        let s = summarize(&actors().attribute(["Zelensky said so.", "Nobody said it."]));
        assert_eq!(
            s.describe(),
            "n/a (1 of 2 statements sided: Kremlin 0, Western 0, Ukraine 1)"
        );
        let none = Sourcing {
            n_statements: Some(0),
            ..Sourcing::default()
        };
        assert_eq!(none.describe(), "no statements found");
    }

    /// Review finding (session 22): a row without the number of statements found (a scores
    /// DataFrame from before the column, given to Python's `explain`) read as full coverage,
    /// "2 of 2 statements sided"; it now says the total is not recorded.
    #[test]
    fn an_unrecorded_number_of_statements_is_not_guessed() {
        let s = Sourcing {
            n_statements: None,
            n_attributed: 2,
            western: 2,
            ..Sourcing::default()
        };
        assert_eq!(
            s.describe(),
            "-1.00 (2 statements sided (statements found: not recorded): Kremlin 0, Western 2, Ukraine 0)"
        );
        assert_eq!(
            Sourcing::default().describe(),
            "n/a (0 statements sided (statements found: not recorded): Kremlin 0, Western 0, Ukraine 0)"
        );
    }
}
