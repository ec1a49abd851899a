//! Reported speech: the first speech cue outside quotes and the tokens it attributes.

use super::closing::{closing_attribution, COMMENT_NOUNS, MEDIAL_CONJUNCTIONS};
use super::{cue_kind, VoiceCues};
use std::borrow::Cow;
use std::ops::Range;

/// Which speech verbs (every other token: false) follow a possessive or a
/// [determiner](VoiceCues::determiners), where a verb form modifies a noun and reports
/// nothing: "the Kremlin's claims about …", "the ministry's stated aims" (review, session
/// 31), "the allies' claims", "the stated goal", "its alleged charge" (review, session 42).
/// The split runs on cleaned text, whose apostrophes are straight; a plural possessive is a
/// token followed by an apostrophe.
pub(super) fn after_modifier(
    cues: &VoiceCues,
    text: &str,
    tokens: &[crate::text::Token],
    lower: &[Cow<'_, str>],
) -> Vec<bool> {
    // Asked only of speech verbs (`find_cue` reads `modified` for nothing else): the passive
    // and noun checks behind it cost 9% of a run's CPU when asked of every token (session 46).
    (0..lower.len())
        .map(|i| cues.cue_kind(&lower[i]) & cue_kind::VERB != 0 && is_after_modifier(cues, text, tokens, lower, i))
        .collect()
}

/// Whether token `i` follows a possessive or a determiner ([`after_modifier`]'s one entry;
/// sourcing asks it only of its cues), or is a passive form with no agent ([`is_passive`]).
pub fn is_after_modifier(
    cues: &VoiceCues,
    text: &str,
    tokens: &[crate::text::Token],
    lower: &[Cow<'_, str>],
    i: usize,
) -> bool {
    i > 0 && {
        let w = &lower[i - 1];
        w.ends_with("'s")
            || (w.ends_with('s') && text[tokens[i - 1].span.end..].starts_with('\''))
            || cues.is_determiner(w)
    } || article_a_before(text, tokens, i)
        || is_no_cue_here(cues, text, tokens, lower, i)
}

/// The English article "a" stands right before token `i`: a determiner the cue list cannot
/// name, since a one-letter word is no token ("…, a claim Moscow calls groundless" is the
/// outlet's noun, not Moscow claiming: review V). Other one-letter words are not: "I said".
pub(super) fn article_a_before(text: &str, tokens: &[crate::text::Token], i: usize) -> bool {
    let from = if i == 0 { 0 } else { tokens[i - 1].span.end };
    // The gap's last run of letters (empty when it ends in punctuation).
    let last_word = text[from..tokens[i].span.start]
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next();
    last_word.is_some_and(|w| w.eq_ignore_ascii_case("a"))
}

/// Whether the verb form at token `i` is, here, no speech verb: a passive naming no speaker
/// ([`is_passive`]), a [noun](VoiceCues::nouns) ([`is_noun_use`]), or the start of an
/// [idiom](VoiceCues::idiom_at) ("claiming the lives of 59 people", "insisting on
/// anonymity": review O, session 53).
pub(super) fn is_no_cue_here<S: AsRef<str>>(
    cues: &VoiceCues,
    text: &str,
    tokens: &[crate::text::Token],
    lower: &[S],
    i: usize,
) -> bool {
    is_passive(cues, lower, i) || is_noun_use(cues, text, tokens, lower, i) || cues.idiom_at(lower, i)
}

/// Prepositions after which a [noun](VoiceCues::nouns) form is the noun: "claims of
/// genocide", "claims against Kyiv", "claims by the ministry". Not "about", "over" or "from": they stand after the verb as often ("the ministry claims
/// about 30 drones were shot down", "claims over 200 tanks …", "notes from Moscow that …";
/// review, session 45).
const NOUN_PREPOSITIONS: &[&str] = &["of", "against", "by"];

/// Words after which a [noun](VoiceCues::nouns) form is the noun: "the claims were false",
/// "claims have been made".
const NOUN_VERBS: &[&str] = &["have", "has", "had", "will", "would", "could", "can", "may", "might"];

/// The do-forms and the other modals, which a speech verb never has right after it: the noun
/// form before one is the noun ("Moscow's 'special military operation' claim does not hold
/// up", "the claims don't add up": review L, session 52, read "claim" as the cue and the
/// scare-quoted phrase as the Kremlin's quotation, where "story does not hold up" flipped
/// it) — with nothing but a space between, since 'Peskov claims "can't be blamed"' and
/// "Peskov stresses, should Kyiv …" are the verb (review M, session 52).
const NOUN_DO_MODALS: &[&str] = &[
    "should",
    "must",
    "shall",
    "do",
    "does",
    "did",
    "don't",
    "doesn't",
    "didn't",
    "won't",
    "wouldn't",
    "can't",
    "cannot",
    "couldn't",
    "shouldn't",
    "haven't",
    "hasn't",
    "hadn't",
];

/// Whether the [noun](VoiceCues::nouns) form at token `i` is the noun: it ends a sentence
/// with no comma, colon or quotation mark before it ("Speech notes", but not "…, Putin
/// notes."), or a preposition of a noun, an auxiliary or a past participle follows it
/// ("claims of genocide", "claims were false", "'Invasion' Claims Coordinated by …").
fn is_noun_use<S: AsRef<str>>(
    cues: &VoiceCues,
    text: &str,
    tokens: &[crate::text::Token],
    lower: &[S],
    i: usize,
) -> bool {
    if !cues.is_noun(lower[i].as_ref()) {
        return false;
    }
    match lower.get(i + 1).map(AsRef::as_ref) {
        None => !text[..tokens[i].span.start].contains([',', ':', '"', '\'', '\u{201C}', '\u{201D}']),
        Some(next) => {
            NOUN_PREPOSITIONS.contains(&next)
                || NOUN_VERBS.contains(&next)
                || (NOUN_DO_MODALS.contains(&next)
                    && text[tokens[i].span.end..tokens[i + 1].span.start].chars().all(char::is_whitespace))
                || cues.is_auxiliary(next)
                // A participle with its agent ("Claims Coordinated by …"), not an adjective
                // ("claims targeted strikes hit …").
                || (next.len() > 4
                    && next.ends_with("ed")
                    && lower.get(i + 2).is_some_and(|n| cues.is_agent(n.as_ref())))
        }
    }
}

/// Whether token `i` is a passive form naming no speaker: after an
/// [auxiliary](VoiceCues::auxiliaries), with at most two [adverbs](VoiceCues::adverbs)
/// between ("Russia was not accused of anything", "it was never said"), and not followed by
/// an [agent](VoiceCues::agents) word ("Explosions were reported in Kyiv": nobody's words;
/// "were reported by TASS": TASS's); or where a [passive](VoiceCues::passives) phrase with
/// its auxiliary left out starts ("Russia Accused Of Mining Retreat").
fn is_passive<S: AsRef<str>>(cues: &VoiceCues, lower: &[S], i: usize) -> bool {
    (after_auxiliary(cues, lower, i) && !lower.get(i + 1).is_some_and(|n| cues.is_agent(n.as_ref())))
        || cues.passive_at(lower, i)
}

/// A present participle ("is warning", "was repeatedly saying") is the progressive, not a
/// passive: its subject speaks (review, session 45).
fn progressive<S: AsRef<str>>(lower: &[S], i: usize) -> bool {
    lower[i].as_ref().ends_with("ing")
}

/// Whether token `i` stands after an [auxiliary](VoiceCues::auxiliaries), with at most two
/// [adverbs](VoiceCues::adverbs) between.
fn after_auxiliary<S: AsRef<str>>(cues: &VoiceCues, lower: &[S], i: usize) -> bool {
    if progressive(lower, i) {
        return false;
    }
    let mut k = i;
    while k > 0 && i - k < 2 && cues.is_adverb(lower[k - 1].as_ref()) {
        k -= 1;
    }
    k > 0 && cues.is_auxiliary(lower[k - 1].as_ref())
}

/// Whether token `i` is a passive form followed by its agent ("Russia was accused by NATO
/// of …"): the speaker is the agent, named after it, not the subject before it.
pub fn is_agent_passive<S: AsRef<str>>(cues: &VoiceCues, lower: &[S], i: usize) -> bool {
    after_auxiliary(cues, lower, i) && lower.get(i + 1).is_some_and(|n| cues.is_agent(n.as_ref()))
}

/// How far (in tokens) after the word opening an absolute clause its participle may stand
/// ("with US President Joe Biden saying").
const ABSOLUTE_REACH: usize = 8;

/// The speech participle of an absolute clause opened at token `k` ("…, with US President
/// Joe Biden saying Putin should …"): `k` is an [absolute](VoiceCues::absolutes) word
/// opening the sentence or following a comma, and the participle ("saying") stands within
/// [`ABSOLUTE_REACH`] tokens with no comma, colon or semicolon between. The words between
/// are its subject, a speaker of its own.
pub fn absolute_participle<S: AsRef<str>>(
    cues: &VoiceCues,
    text: &str,
    tokens: &[crate::text::Token],
    lower: &[S],
    k: usize,
) -> Option<usize> {
    if !cues.is_absolute(lower[k].as_ref()) {
        return None;
    }
    let after_comma = k == 0 || text[tokens[k - 1].span.end..tokens[k].span.start].contains(',');
    if !after_comma {
        return None;
    }
    (k + 1..tokens.len().min(k + 1 + ABSOLUTE_REACH))
        .take_while(|&i| !text[tokens[k].span.end..tokens[i].span.start].contains([',', ';', ':']))
        .find(|&i| lower[i].as_ref().ends_with("ing") && cues.is_verb(lower[i].as_ref()))
}

/// The frame of an absolute clause inside reported speech ("…, with US President Joe Biden
/// saying …": [`absolute_participle`]) names a second speaker: the outlet's words, not the
/// first speaker's.
pub(super) fn unmark_absolute_frames(
    cues: &VoiceCues,
    text: &str,
    tokens: &[crate::text::Token],
    lower: &[Cow<'_, str>],
    rep: &mut [bool],
) {
    for k in 0..tokens.len() {
        if rep[k] {
            if let Some(p) = absolute_participle(cues, text, tokens, lower, k) {
                rep[k..=p].iter_mut().for_each(|r| *r = false);
            }
        }
    }
}

/// The first cue outside quotes: (token index, number of tokens, is a source phrase). A
/// word after a possessive or a determiner ([`after_modifier`]) modifies a noun and is no
/// verb, as the closing rule reads it too.
pub(super) fn find_cue(
    cues: &VoiceCues,
    lower: &[Cow<'_, str>],
    quoted: &[bool],
    modified: &[bool],
) -> Option<(usize, usize, bool)> {
    (0..lower.len()).filter(|&i| !quoted[i]).find_map(|i| {
        let kind = cues.cue_kind(&lower[i]);
        if kind == 0 {
            return None;
        }
        let source = (kind & cue_kind::SOURCE_START != 0)
            .then(|| cues.source_at(lower, i))
            .flatten()
            .map(|s| s.split(' ').count())
            .filter(|&n| (i..i + n).all(|k| !quoted[k]));
        match source {
            Some(n) => Some((i, n, true)),
            None => (kind & cue_kind::VERB != 0 && !modified[i]).then_some((i, 1, false)),
        }
    })
}

/// Which tokens are attributed reported speech (never quoted tokens). `modified`: the
/// sentence's [`after_modifier`], for the cue of a main clause after a subordinate one.
#[allow(clippy::too_many_arguments)]
pub(super) fn reported_tokens(
    cues: &VoiceCues,
    text: &str,
    tokens: &[crate::text::Token],
    lower: &[Cow<'_, str>],
    quoted: &[bool],
    modified: &[bool],
    cue: Option<(usize, usize, bool)>,
    direct_quote: bool,
    in_quote: &dyn Fn(usize) -> bool,
) -> Vec<bool> {
    let n = tokens.len();
    let mut rep = vec![false; n];
    if let Some(c) = closing_attribution(cues, text, tokens, lower, quoted, in_quote) {
        // "<reported>, <speaker> said [on Friday]." and its variants (`closing`).
        // "…, Lavrov said, accusing the West of …": the participle clause is his too.
        let after = tokens.partition_point(|t| t.span.start <= c);
        let clause = speaker_participle(cues, text, tokens, lower, quoted, modified, after);
        // What the speaker said starts after the last semicolon before the attribution: "Russian
        // forces withdrew on Saturday; the town is a key hub, the ministry said" (review O).
        let head = (1..after)
            .rev()
            .find(|&j| !quoted[j] && between(text, tokens, j).contains(';'))
            .unwrap_or(0);
        for i in 0..n {
            rep[i] = !quoted[i]
                && ((i >= head && tokens[i].span.end <= c) || clause.as_ref().is_some_and(|r| r.contains(&i)));
        }
        return rep;
    }
    let sentence = Sentence {
        cues,
        text,
        tokens,
        lower,
        quoted,
        modified,
        direct_quote,
        in_quote,
    };
    match cue {
        Some(c) => sentence.reported_from_cue(c),
        None => rep,
    }
}

/// What [`reported_tokens`] knows of a sentence, for the cue rules that call one another.
#[derive(Clone, Copy)]
struct Sentence<'s, 't> {
    cues: &'s VoiceCues,
    text: &'s str,
    tokens: &'s [crate::text::Token<'t>],
    lower: &'s [Cow<'t, str>],
    quoted: &'s [bool],
    modified: &'s [bool],
    direct_quote: bool,
    in_quote: &'s dyn Fn(usize) -> bool,
}

impl Sentence<'_, '_> {
    /// [`reported_tokens`] of a sentence with no closing attribution, for its cue `c`.
    fn reported_from_cue(self, c: (usize, usize, bool)) -> Vec<bool> {
        let Sentence {
            cues,
            text,
            tokens,
            lower,
            quoted,
            modified,
            ..
        } = self;
        let mut rep = self.reported_by_cue(c);
        // A semicolon ends the clause a cue reports: "Peskov said the drills were defensive; the
        // invasion began two days later" (the second clause is the outlet's), unless it opens
        // another "that" clause of the same speech ("…; that NATO had expanded …", "…; and that …"). A cue after
        // it reports its own clause (review N, session 53).
        let more_that = |j: usize| {
            cues.is_that(&lower[j])
                || (["and", "but", "or"].contains(&lower[j].as_ref())
                    && lower.get(j + 1).is_some_and(|w| cues.is_that(w)))
        };
        if let Some(j) = after_semicolon(text, tokens, quoted, c.0 + c.1).filter(|&j| !more_that(j)) {
            rep[j..].fill(false);
            if let Some((a, l, s)) = find_cue(cues, &lower[j..], &quoted[j..], &modified[j..]) {
                let tail = self.reported_from_cue((a + j, l, s));
                rep[j..].copy_from_slice(&tail[j..]);
            }
        }
        rep
    }

    /// [`reported_from_cue`](Self::reported_from_cue) for the cue `(at, len, source)`, its
    /// clause not yet cut at a semicolon.
    fn reported_by_cue(self, (at, len, source): (usize, usize, bool)) -> Vec<bool> {
        let Sentence {
            cues,
            text,
            tokens,
            lower,
            quoted,
            modified,
            direct_quote,
            in_quote,
        } = self;
        let n = tokens.len();
        let mut rep = vec![false; n];
        let comma_after = |from: usize| {
            text[from..]
                .char_indices()
                .find(|&(i, c)| c == ',' && !in_quote(from + i))
                .map(|(i, _)| from + i)
        };
        let mut mark = |keep: &dyn Fn(usize) -> bool| {
            for i in 0..n {
                rep[i] = !quoted[i] && keep(i);
            }
        };
        if source {
            let end = tokens[at + len - 1].span.end;
            let comma = comma_after(end);
            if (0..at).all(|i| quoted[i]) {
                // "According to X, <reported>."
                if let Some(c) = comma {
                    mark(&|i| tokens[i].span.start > c);
                }
            } else {
                // "<reported>, according to X[, <reported>]."
                let from = tokens[at].span.start;
                mark(&|i| tokens[i].span.end <= from || comma.is_some_and(|c| tokens[i].span.start > c));
            }
            return rep;
        }
        // A verb inside a subordinate or relative clause reports that clause only, up to its
        // comma: the main clause is the outlet's ("After Biden warned of sanctions, separatists
        // shelled …"; "Russia, which denies planning an invasion, has amassed …"; review,
        // session 31).
        // A cue in the main clause after it reports as usual ("Asked about NATO, Peskov said the
        // alliance …": the clause is the question, what follows "said" is Peskov's).
        // A verb that opens the sentence and is followed by ", that …" introduces what follows
        // («Сообщается, что …», "Reportedly, …" has no that): no participle clause.
        let that_next = at + 1 < n
            && !quoted[at + 1]
            && cues.is_that(&lower[at + 1])
            && text[tokens[at].span.end..tokens[at + 1].span.start].trim() == ",";
        if let Some(end) = (!that_next)
            .then(|| clause_end(text, tokens, lower, at, &comma_after))
            .flatten()
        {
            let j = (at + 1..n).find(|&i| tokens[i].span.start > end).unwrap_or(n);
            let next = find_cue(cues, &lower[j..], &quoted[j..], &modified[j..]).map(|(a, l, s)| (a + j, l, s));
            let main = match next {
                Some(c) => self.reported_from_cue(c),
                None => vec![false; n],
            };
            // Within the clause, after "that" when the verb has one ("who said that …").
            let from = (at + 1..n.min(at + 5))
                .find(|&k| !quoted[k] && cues.is_that(&lower[k]) && tokens[k].span.start < end)
                .unwrap_or(at);
            for i in 0..n {
                rep[i] = main[i] || (!quoted[i] && i > from && tokens[i].span.start < end);
            }
            return rep;
        }
        if let Some(k) = (at + 1..n.min(at + 5)).find(|&k| !quoted[k] && cues.is_that(&lower[k])) {
            mark(&|i| i > k);
            return rep;
        }
        if !direct_quote {
            mark(&|i| i > at);
        } else if let Some(r) = speaker_participle(cues, text, tokens, lower, quoted, modified, at) {
            // '"…," the adviser wrote on Twitter, warning of a swift response': what follows the
            // participle is the adviser's (reported), as after "adding that" (review N, session 53);
            // so when the cue is the participle ("Zelenskiy lashed out, saying Russia was a
            // "terrorist state"": review O).
            mark(&|i| r.contains(&i));
        }
        rep
    }
}

/// The first token after a semicolon outside quotes, from token `from` on.
fn after_semicolon(text: &str, tokens: &[crate::text::Token], quoted: &[bool], from: usize) -> Option<usize> {
    (from.max(1)..tokens.len()).find(|&j| !quoted[j] && between(text, tokens, j).contains(';'))
}

/// The text between token `j` − 1 and token `j` (`j` ≥ 1): spaces and punctuation.
fn between<'t>(text: &'t str, tokens: &[crate::text::Token], j: usize) -> &'t str {
    &text[tokens[j - 1].span.end..tokens[j].span.start]
}

/// The tokens of the clause opened by the first speech participle from token `from` on
/// that follows a comma ("…, warning of …", "…, calling the claims absurd"): outside quotes,
/// not modifying a noun, a [participle](VoiceCues::is_participle). After an attribution its clause is the same
/// speaker's words, up to the sentence end or where [`ends_participle_clause`] says ("…,
/// insisting there would be no relief, and a U.S. diplomat blasted …"). A
/// participle with a subject of its own is no such clause: "…, with Biden saying …" has a
/// word between the comma and the participle.
fn speaker_participle(
    cues: &VoiceCues,
    text: &str,
    tokens: &[crate::text::Token],
    lower: &[Cow<'_, str>],
    quoted: &[bool],
    modified: &[bool],
    from: usize,
) -> Option<Range<usize>> {
    let after_comma = |k: usize| between(text, tokens, k).contains(',');
    // The comma may stand before an adverb of the same speaker's statement ("…, also
    // warning that …", "…, again accusing …").
    let opens =
        |k: usize| after_comma(k) || (k > from.max(1) && past_adverb(lower, quoted, k - 1) == k && after_comma(k - 1));
    let k = (from.max(1)..tokens.len())
        .find(|&k| !quoted[k] && !modified[k] && cues.is_participle(&lower[k]) && opens(k))?;
    let end = (k + 1..tokens.len())
        .find(|&j| !quoted[j] && ends_participle_clause(text, tokens, lower, k, j))
        .unwrap_or(tokens.len());
    Some(k + 1..end)
}

/// Words that, after a comma, open what follows a speaker's participle clause rather than
/// continue it: another clause (the medial conjunctions), the outlet's caveat ("…, without
/// providing evidence"), its background ("…, as missiles pounded Kyiv", "…, which Russian
/// troops seized in March", "…, where …", "…, when …") or its comment ("…, a charge Ukraine
/// denies"). Review O, session 53.
const AFTER_PARTICIPLE_CLAUSE: &[&str] = &["without", "as", "which", "where", "when", "who", "an"];

/// Adverbs that may stand between the comma and a speaker's participle
/// ([`speaker_participle`]): "…, Lavrov said, also accusing the West of …".
const PARTICIPLE_ADVERBS: &[&str] = &["also", "again", "further", "repeatedly", "later"];

/// The token a speaker's participle would be at when a comma stands before token `i`: `i`,
/// or the next one when `i` is an unquoted [`PARTICIPLE_ADVERBS`] word with one after it.
pub(super) fn past_adverb(lower: &[Cow<'_, str>], quoted: &[bool], i: usize) -> usize {
    i + usize::from(i + 1 < lower.len() && !quoted[i] && PARTICIPLE_ADVERBS.contains(&lower[i].as_ref()))
}

/// The most words of a list item before ", and" ([`ends_participle_clause`]).
const LIST_ITEM: usize = 3;

/// Whether token `j` stands outside the participle clause before it ([`speaker_participle`]):
/// after a semicolon, a spaced dash or an opening bracket, or after a comma and a word of
/// [`MEDIAL_CONJUNCTIONS`], [`AFTER_PARTICIPLE_CLAUSE`], "a" or a noun naming a statement
/// ([`COMMENT_NOUNS`]: "…, claims Kyiv denies") — but a conjunction before "of",
/// "that" or "to" goes on with the same speech ("accusing the West of arming Kyiv, and of
/// blocking talks", "…, but that Kyiv must …"), and so does one before a list's last item
/// ("warning of shortages of food, fuel, and medicine": the comma before it closes an item of
/// at most [`LIST_ITEM`] words that itself follows a comma inside the clause opened by the
/// participle at token `k`).
fn ends_participle_clause(
    text: &str,
    tokens: &[crate::text::Token],
    lower: &[Cow<'_, str>],
    k: usize,
    j: usize,
) -> bool {
    let sep = between(text, tokens, j);
    if sep.contains(';') || sep.contains('(') || sep.contains(" - ") {
        return true;
    }
    if !sep.contains(',') {
        return false;
    }
    let w = lower[j].as_ref();
    if MEDIAL_CONJUNCTIONS.contains(&w) {
        let goes_on = lower
            .get(j + 1)
            .is_some_and(|n| ["of", "that", "to"].contains(&n.as_ref()));
        let last_item = ["and", "or"].contains(&w)
            && (k + 2..j)
                .rev()
                .find(|&p| between(text, tokens, p).contains(','))
                .is_some_and(|p| j - p <= LIST_ITEM);
        return !(goes_on || last_item);
    }
    // "a" is no token (one letter): it stands between the comma and the next word.
    let article_a = sep.split(|c: char| !c.is_alphabetic()).any(|x| x == "a");
    article_a || AFTER_PARTICIPLE_CLAUSE.contains(&w) || COMMENT_NOUNS.contains(&w)
}

/// Words that open a subordinate clause at the start of a sentence ("as" is not one here:
/// "As Peskov said, the drills …" attributes the main clause).
const SUBORDINATORS: &[&str] = &[
    "after", "before", "when", "while", "since", "because", "although", "though", "once", "until", "if", "unless",
    "whereas",
];

/// Relative pronouns that open a clause right after a comma.
const RELATIVES: &[&str] = &["which", "who"];

/// Where the clause holding the cue at token `at` ends (its comma), when the cue opens the
/// sentence or is inside a clause opened by a subordinator at the start of the sentence or a
/// relative pronoun right after a comma, with no comma between the opener and the cue.
fn clause_end(
    text: &str,
    tokens: &[crate::text::Token],
    lower: &[Cow<'_, str>],
    at: usize,
    comma_after: &dyn Fn(usize) -> Option<usize>,
) -> Option<usize> {
    let cue = tokens[at].span.start;
    let before = text[..cue].rfind(',');
    let opened = match before {
        // A sentence-initial participle is its own clause too ("Asked about NATO, …").
        None => at == 0 || SUBORDINATORS.contains(&lower[0].as_ref()),
        Some(c) => (0..at).any(|k| {
            tokens[k].span.start > c
                && text[c + 1..tokens[k].span.start].trim().is_empty()
                && RELATIVES.contains(&lower[k].as_ref())
        }),
    };
    opened.then(|| comma_after(tokens[at].span.end)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `find_cue` before the cue kinds: a source lookup and a verb lookup at every token.
    fn find_cue_by_lookups(
        cues: &VoiceCues,
        lower: &[Cow<'_, str>],
        quoted: &[bool],
        modified: &[bool],
    ) -> Option<(usize, usize, bool)> {
        (0..lower.len()).filter(|&i| !quoted[i]).find_map(|i| {
            let source = cues
                .source_at(lower, i)
                .map(|s| s.split(' ').count())
                .filter(|&n| (i..i + n).all(|k| !quoted[k]));
            match source {
                Some(n) => Some((i, n, true)),
                None => (cues.is_verb(&lower[i]) && !modified[i]).then_some((i, 1, false)),
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn the_gated_cue_is_the_one_two_lookups_found(
            words in proptest::collection::vec(proptest::sample::select(&[
                "said", "told", "according", "to", "по", "словам", "данным", "заявил", "that", "the", "claims",
                "sources", "x", "as", "noted",
            ][..]), 0..14),
            quoted in proptest::collection::vec(any::<bool>(), 14),
        ) {
            let cues = VoiceCues::builtin();
            let lower: Vec<Cow<'_, str>> = words.iter().map(|w| Cow::Borrowed(*w)).collect();
            let quoted = &quoted[..lower.len()];
            let modified: Vec<bool> = (0..lower.len()).map(|i| i > 0 && cues.is_determiner(&lower[i - 1])).collect();
            prop_assert_eq!(
                find_cue(&cues, &lower, quoted, &modified),
                find_cue_by_lookups(&cues, &lower, quoted, &modified)
            );
        }
    }
}
