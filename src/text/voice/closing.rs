//! Closing attributions: a sentence that ends by naming who said it. Everything before the
//! attribution's comma is the speaker's (reported speech; quoted words inside stay quotes),
//! the attribution itself is the outlet's frame (own voice). Three orders:
//!
//! - **speaker, verb, extras**: "…, Russian Foreign Ministry Spokeswoman X said on Tuesday.",
//!   "…, the Kremlin's spokesman told reporters.", "…, the agency quoted X as saying."
//! - **speaker in commas, then the verb**: "…, X Y, head of the region, said on Telegram."
//! - **verb first**: "…, says Belarus", «…, — заявил замминистра иностранных дел Y»,
//!   «…, говорится в заявлении».
//!
//! and a closing source phrase ("…, according to X", «…, по словам X»). The comma may stand
//! inside a closing quotation mark (`… "purely defensive," she said.`).
//!
//! The speaker is a noun phrase: at most [`MAX_SPEAKER`] words, no speech cue, no clause word
//! ("who", «который»), no auxiliary ("was", «был»), not opening with a conjunction. The extras
//! after the verb are an addressee ("reporters", "RIA Novosti", "the BBC", "X as saying") and
//! phrases opening with a preposition or a time word ("on Tuesday", "in a statement issued
//! by …"), at most [`MAX_EXTRAS`] words and no clause: a verb followed by a clause ("said
//! Russia was ready", "said in a statement that …") is not a closing attribution.

use super::VoiceCues;
use crate::text::Token;
use std::borrow::Cow;

/// The most words a speaker phrase holds ("press secretary of the Russian leader X Y").
const MAX_SPEAKER: usize = 10;
/// The most words after the verb ("quoted the Kremlin spokesman X Y as saying on Saturday").
const MAX_EXTRAS: usize = 10;
/// The most words after a verb that comes first (speaker, extras and appositions).
const MAX_AFTER_FIRST_VERB: usize = 12;
/// At most this many clauses back from the end may open a verb-first attribution
/// ("…, said X, president of Y, the Z's executive.").
const MAX_BACK: usize = 3;

/// Auxiliaries and copulas: a phrase holding one is a clause, not a speaker or an extra.
const AUXILIARIES: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "do",
    "does",
    "did",
    "has",
    "have",
    "had",
    "был",
    "была",
    "было",
    "были",
    "будет",
    "будут",
];

/// Words opening a subordinate or relative clause: never inside a speaker or the extras.
const CLAUSE_WORDS: &[&str] = &[
    "who",
    "whom",
    "whose",
    "which",
    "what",
    "where",
    "when",
    "whether",
    "if",
    "because",
    "although",
    "though",
    "unless",
    "until",
    "than",
    "где",
    "когда",
    "если",
    "хотя",
    "чтобы",
    "поскольку",
    "пока",
    "чем",
    "ли",
];

/// Conjunctions: a speaker does not open with one ("…, and residents said nothing").
const CONJUNCTIONS: &[&str] = &["and", "but", "or", "nor", "yet", "so", "as", "и", "но", "или", "как"];

/// Words standing between a speaker and its verb: "has said", "also told", «также заявил».
const BEFORE_VERB: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "later",
    "earlier",
    "again",
    "previously",
    "then",
    "once",
    "further",
    "также",
    "ранее",
    "уже",
    "тоже",
    "вновь",
    "снова",
    "еще",
    "ещё",
    "позднее",
];

/// Prepositions and time words: each opens one of the extras ("on Tuesday", «в среду»).
const PHRASE_OPENERS: &[&str] = &[
    "of",
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "following",
    "ahead",
    "via",
    "through",
    "from",
    "to",
    "while",
    "by",
    "with",
    "for",
    "over",
    "about",
    "amid",
    "under",
    "within",
    "into",
    "across",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "overnight",
    "earlier",
    "later",
    "last",
    "this",
    "late",
    "early",
    "во",
    "на",
    "по",
    "из",
    "от",
    "до",
    "за",
    "об",
    "со",
    "ко",
    "при",
    "после",
    "перед",
    "для",
    "через",
    "во",
    "вчера",
    "сегодня",
    "накануне",
    "ранее",
    "позднее",
    "понедельник",
    "вторник",
    "среду",
    "четверг",
    "пятницу",
    "субботу",
    "воскресенье",
    "утром",
    "вечером",
    "ночью",
    "днем",
    "днём",
];

/// Determiners: inside a speaker only at its start or after a preposition or "and" ("the
/// leaders of the Commission"); "a move the Pentagon called …" is a clause, not a speaker.
const DETERMINERS: &[&str] = &["the", "this", "these", "those", "his", "her", "its", "their", "our"];

/// Nouns naming a statement: a phrase opening with one ("a charge Kyiv denies") comments on
/// what was said and names no speaker.
pub(super) const COMMENT_NOUNS: &[&str] = &[
    "charge",
    "charges",
    "claim",
    "claims",
    "allegation",
    "allegations",
    "accusation",
    "accusations",
    "assertion",
    "assertions",
];

/// Object pronouns: never the speaker after a verb that comes first ("…, warns him against").
const OBJECT_PRONOUNS: &[&str] = &["him", "them", "us", "me"];

/// English subject pronouns: after a verb that comes first and with more words after them,
/// they open what is said, not who says it ("Residents of Donetsk, who have lived under
/// shelling for years, say they feel forgotten": the residents speak, and what they say is
/// "they feel forgotten"; review L, session 52, read it the other way round). A pronoun
/// that ends the sentence, or with a phrase after it, is still the speaker ("…, said he.",
/// "…, said he in an interview"; review M), and Russian ones are not
/// listed: «…, — заявил он журналистам» is the inverted attribution.
const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "they", "we", "it", "you"];

/// A sentence's tokens with what the rule asks of them.
struct Sentence<'s, 't> {
    cues: &'s VoiceCues,
    text: &'s str,
    tokens: &'s [Token<'t>],
    lower: &'s [Cow<'s, str>],
}

impl Sentence<'_, '_> {
    fn word(&self, i: usize) -> &str {
        &self.lower[i]
    }

    fn is(&self, i: usize, list: &[&str]) -> bool {
        list.contains(&self.word(i))
    }

    /// A speech cue, a "that", an auxiliary or a clause word: what a phrase must not hold.
    fn clausal(&self, i: usize) -> bool {
        let w = self.word(i);
        self.cues.is_verb(w)
            || self.cues.is_that(w)
            || (self.is(i, AUXILIARIES) && self.tokens[i].text != "May")
            || self.is(i, CLAUSE_WORDS)
            || w.starts_with("котор")
    }

    fn capitalised(&self, i: usize) -> bool {
        self.tokens[i].text.chars().next().is_some_and(char::is_uppercase)
    }

    /// A one-letter word ("a", «в»: not a token) stands right before token `i`.
    fn short_word_before(&self, i: usize) -> bool {
        let from = if i == 0 { 0 } else { self.tokens[i - 1].span.end };
        self.text[from..self.tokens[i].span.start]
            .chars()
            .any(char::is_alphabetic)
    }

    /// Token `i` opens one of the extras: a preposition, a time word, a dropped one-letter
    /// word ("told a news conference", «в заявлении»), or "as" before a speech verb.
    fn opens_phrase(&self, i: usize) -> bool {
        self.is(i, PHRASE_OPENERS)
            || self.short_word_before(i)
            || (self.word(i) == "as" && i + 1 < self.tokens.len() && self.cues.is_verb(self.word(i + 1)))
    }

    /// A finite speech verb (not "saying": a participle attributes nothing by itself; not a
    /// word after a possessive or a determiner, which modifies a noun: "the Kremlin's declared
    /// goals", "the stated goal"; not a passive or a noun: "…, asked to comment, declined").
    fn speech_verb(&self, i: usize) -> bool {
        let possessed = i > 0 && {
            let w = self.word(i - 1);
            w.ends_with("'s")
                || self.text[self.tokens[i - 1].span.end..].starts_with('\'')
                || self.cues.is_determiner(w)
        } || super::reported::article_a_before(self.text, self.tokens, i);
        self.cues.is_verb(self.word(i))
            && !self.word(i).ends_with("ing")
            && !possessed
            && !super::reported::is_no_cue_here(self.cues, self.text, self.tokens, self.lower, i)
    }

    /// Tokens `from..to` form a speaker phrase.
    fn speaker(&self, from: usize, to: usize) -> bool {
        let mut to = to;
        while to > from && self.is(to - 1, BEFORE_VERB) {
            to -= 1;
        }
        if to == from || to - from > MAX_SPEAKER || self.is(from, CONJUNCTIONS) || self.is(from, PHRASE_OPENERS) {
            return false;
        }
        // "…, a charge Kyiv denies", "…, claims Moscow rejects": the outlet's comment on what
        // was said, not an attribution (review O, session 53).
        let head = if self.is(from, &["a", "an"]) { from + 1 } else { from };
        if head < to && self.is(head, COMMENT_NOUNS) {
            return false;
        }
        (from..to).all(|i| {
            let determiner = self.is(i, DETERMINERS) || (i > from && self.short_word_before(i) && self.text.is_ascii());
            let placed = i == from || self.is(i - 1, PHRASE_OPENERS) || self.word(i - 1) == "and";
            !self.clausal(i) && (!determiner || placed)
        })
    }

    /// Tokens `from..to` form a name: capitalised first and last words ("X von der Y").
    fn name(&self, from: usize, to: usize) -> bool {
        (1..=5).contains(&(to - from))
            && self.capitalised(from)
            && self.capitalised(to - 1)
            && (from..to).all(|i| !self.clausal(i))
    }

    /// Tokens `from..to` (after the verb, to the end) are extras.
    fn extras(&self, from: usize, to: usize) -> bool {
        if to - from > MAX_EXTRAS {
            return false;
        }
        // The addressee: the words before the first phrase opener.
        let run_end = (from..to).find(|&i| self.opens_phrase(i)).unwrap_or(to);
        let run = run_end - from;
        let first = if run > 0 && self.is(from, DETERMINERS) {
            from + 1
        } else {
            from
        };
        let addressee = run <= 1
            || (first < run_end && (first..run_end).all(|i| self.capitalised(i)))
            || (run_end < to && self.word(run_end) == "as");
        addressee
            && (from..to).all(|i| {
                let as_saying = i > from && self.word(i - 1) == "as" && self.cues.is_verb(self.word(i));
                (as_saying || !self.clausal(i)) && !self.topic(i)
            })
    }

    /// Token `i` opens what was said about ("told reporters about the pause", «заявил о
    /// готовности»): then the verb's object is the statement, the sentence does not close
    /// with an attribution, and what stands before the comma is its subject ("Peskov, the
    /// Kremlin spokesman, told …"), not reported speech.
    fn topic(&self, i: usize) -> bool {
        let from = if i == 0 { 0 } else { self.tokens[i - 1].span.end };
        self.is(i, TOPIC_PREPOSITIONS)
            || self.text[from..self.tokens[i].span.start]
                .split(|c: char| !c.is_alphabetic())
                .any(|w| w == "о" || w == "О")
    }
}

/// Prepositions opening the topic of a statement (with the one-letter «о», which is no token).
const TOPIC_PREPOSITIONS: &[&str] = &["about", "regarding", "concerning", "об", "обо"];

/// Conjunctions opening the clause after a medial attribution: "…, analysts said, and a
/// cutoff could …".
pub(super) const MEDIAL_CONJUNCTIONS: &[&str] = &["and", "but", "while", "whereas", "although", "though", "yet"];

/// The byte offset of the comma closing the reported part of a closing attribution, if the
/// sentence ends with one: every unquoted token before it is reported speech. Else the same
/// for a medial attribution, one followed by a comma and a conjunction opening a clause with
/// no speech cue ("Russia supplies 14% of diesel, S&P Global analysts said, and a cutoff
/// could …"): what stands before it is the speaker's, the clause after it the outlet's.
pub(super) fn closing_attribution(
    cues: &VoiceCues,
    text: &str,
    tokens: &[Token],
    lower: &[Cow<'_, str>],
    quoted: &[bool],
    in_quote: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    closing_at_end(cues, text, tokens, lower, quoted, in_quote)
        .or_else(|| medial(cues, text, tokens, lower, quoted, in_quote))
}

/// A medial attribution ([`closing_attribution`]): the attribution closes the part of the
/// sentence before the comma of a conjunction, and no cue follows; or before the comma of a
/// speech participle ("…, Lavrov said, accusing …").
fn medial(
    cues: &VoiceCues,
    text: &str,
    tokens: &[Token],
    lower: &[Cow<'_, str>],
    quoted: &[bool],
    in_quote: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    memchr::memchr_iter(b',', text.as_bytes())
        .filter(|&c| !in_quote(c))
        .find_map(|c| {
            let next = tokens.partition_point(|t| t.span.start <= c);
            let conjunction = next < tokens.len() && MEDIAL_CONJUNCTIONS.contains(&lower[next].as_ref());
            // "…, Lavrov said, accusing the West of …": a speech participle right after the
            // comma continues the speaker's words (review N, session 53); the caller reads
            // its clause as reported too.
            // An adverb may come first ("…, Lavrov said, also accusing …").
            let word = if next < tokens.len() {
                super::reported::past_adverb(lower, quoted, next)
            } else {
                next
            };
            // Also another participle: "…, Lavrov said, referring to the United States",
            // "…, Interfax reported, citing a source in the ministry" close an attribution as
            // much as a speech participle does; its clause is then the outlet's frame (review W:
            // the claim had been read as own voice and "referring to …" as reported).
            let participle = word < tokens.len()
                && !quoted[word]
                && (cues.is_participle(&lower[word])
                    || (ing_form(&lower[word])
                        && cues.cue_kind(&lower[word]) == 0
                        && !(word + 1 < tokens.len() && cues.is_that(&lower[word + 1]))))
                && !super::reported::is_after_modifier(cues, text, tokens, lower, word);
            // The cues after the comma are looked for only after a conjunction, which most
            // commas lack (they were looked for after every comma).
            if !(conjunction || participle)
                || (conjunction
                    && (next..tokens.len()).any(|i| {
                        cues.cue_kind(&lower[i]) != 0
                            && !super::reported::is_after_modifier(cues, text, tokens, lower, i)
                    }))
            {
                return None;
            }
            let head = tokens.partition_point(|t| t.span.end <= c);
            closing_at_end(
                cues,
                &text[..c],
                &tokens[..head],
                &lower[..head],
                &quoted[..head],
                in_quote,
            )
        })
}

/// A lowercased relative pronoun: "who", "whom", "whose", "which", «который» and its forms.
pub(crate) fn is_relative_pronoun(w: &str) -> bool {
    ["who", "whom", "whose", "which"].contains(&w) || w.starts_with("котор")
}

/// An English "-ing" form ("referring", "citing", "responding"): a participle opening the
/// clause after a medial attribution's comma. (Not one that is a speech cue, nor one followed
/// by "that": in "…, said Peskov, adding that …" what "that" opens is the speaker's, as
/// before.)
fn ing_form(w: &str) -> bool {
    w.len() >= 5 && w.is_ascii() && w.ends_with("ing")
}

/// [`closing_attribution`] at the sentence's end.
fn closing_at_end(
    cues: &VoiceCues,
    text: &str,
    tokens: &[Token],
    lower: &[Cow<'_, str>],
    quoted: &[bool],
    in_quote: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let s = Sentence {
        cues,
        text,
        tokens,
        lower,
    };
    let n = tokens.len();
    // Clause commas: outside quotes, or the last thing inside a closing quote (`…," he said`).
    // (A comma is one byte that never occurs inside another character: memchr finds them
    // without decoding the sentence, which this function, run for every sentence, did.)
    let commas = memchr::memchr_iter(b',', text.as_bytes()).filter(|&i| {
        let after = text[i + 1..].trim_start_matches(super::quotes::is_quote_char);
        let end = text.len() - after.len();
        !in_quote(i) || (end > i + 1 && !in_quote(end) && after.chars().next().is_none_or(char::is_whitespace))
    });
    // Each comma and the first token after it. Tokens are in text order and do not overlap,
    // so their starts and ends both ascend and a binary search finds it.
    debug_assert!(tokens.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    let starts: Vec<(usize, usize)> = commas
        .filter_map(|c| {
            let i = tokens.partition_point(|t| t.span.start <= c);
            (i < n).then_some((c, i))
        })
        .collect();
    let &(_, last) = starts.last()?;
    if (last..n).any(|i| quoted[i]) {
        return None;
    }
    // A head that is only a leading phrase ("After the talks, X accused Y of Z") is no speech.
    let head_ok = |(c, at): (usize, usize)| {
        // The head is the tokens ending before the comma: a prefix of `tokens`.
        let head = tokens.partition_point(|t| t.span.end <= c);
        head > 0 && {
            let leading = s.is(0, PHRASE_OPENERS) || s.is(0, CLAUSE_WORDS) || s.is(0, CONJUNCTIONS);
            !leading || head >= n - at
        }
    };
    let ok = |k: usize| head_ok(starts[k]).then_some(starts[k].0);
    let k_last = starts.len() - 1;
    // "…, according to X."
    if let Some(phrase) = cues.source_at(lower, last) {
        let after = last + phrase.split(' ').count();
        if (after..n).all(|i| !cues.is_verb(&lower[i]) && !cues.is_that(&lower[i])) {
            return ok(k_last);
        }
    }
    // "…, says Belarus." «…, — заявил замминистра Y.» (appositions may follow the speaker).
    let verb_first = || {
        (k_last.saturating_sub(MAX_BACK - 1)..=k_last).find_map(|k| {
            let (_, at) = starts[k];
            // Not after a relative clause set off by commas: in "The Kremlin, which calls …,
            // denied any plan to invade", "Moscow, which denies …, accused NATO of …" the verb
            // is the subject's main verb and what follows its object, not a speaker (review V:
            // "any plan to invade" and "NATO" were read as speakers, and the subject with its
            // clause as their words).
            let after_relative = k > 0 && is_relative_pronoun(s.word(starts[k - 1].1));
            let first = s.speech_verb(at)
                && !after_relative
                && !(at + 1 < n && s.is(at + 1, OBJECT_PRONOUNS))
                && !(at + 2 < n && s.is(at + 1, SUBJECT_PRONOUNS) && !s.opens_phrase(at + 2))
                && (at + 1..n).all(|i| !quoted[i] && !s.clausal(i) && !s.topic(i));
            (first && (1..=MAX_AFTER_FIRST_VERB).contains(&(n - at - 1)))
                .then(|| ok(k))
                .flatten()
        })
    };
    let Some(verb) = (last..n).find(|&i| cues.is_verb(&lower[i])) else {
        return verb_first();
    };
    if !s.speech_verb(verb) {
        return None;
    }
    if verb > last {
        // "…, the spokeswoman X said on Tuesday."
        return (s.speaker(last, verb) && s.extras(verb + 1, n))
            .then(|| ok(k_last))
            .flatten();
    }
    // "…, X, head of the region, said on Telegram."
    if s.extras(verb + 1, n) && k_last >= 1 {
        let (_, prev) = starts[k_last - 1];
        if s.name(prev, last) && s.speaker(prev, last) {
            if let Some(c) = ok(k_last - 1) {
                return Some(c);
            }
        }
        if k_last >= 2 {
            let (_, prev2) = starts[k_last - 2];
            if s.name(prev2, prev) && s.speaker(prev, last) {
                if let Some(c) = ok(k_last - 2) {
                    return Some(c);
                }
            }
        }
    }
    verb_first()
}
