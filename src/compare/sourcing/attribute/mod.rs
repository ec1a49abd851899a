//! The attribution rules (see the module documentation of [`super`]): who speaks each
//! statement of an article's sentences.

use super::speaker::{
    appositive_title, gender_of, is_non_official_noun, non_official, person_mention, title_between, Gender, TITLE_REACH,
};
use super::{Actor, Actors, Attribution, Voice};
use crate::text::voice::{
    absolute_participle, cue_kind, is_after_modifier, is_agent_passive, is_relative_pronoun, QuoteTracker, Words,
};
use std::borrow::Cow;

const PRONOUNS: &[&str] = &["he", "she", "they", "он", "она", "они"];
/// Object pronouns right after a cue ("Interfax quoted him as saying"): the previous speaker.
const OBJECT_PRONOUNS: &[&str] = &["him", "her", "them"];
/// Russian subject pronouns right after a verb that opens its clause: wire copy's inverted
/// attribution («…, отметил он», «…, добавила она») names its speaker as «Он добавил» does
/// (review, session 49: such statements had no speaker).
const INVERTED_PRONOUNS: &[&str] = &["он", "она"];

/// How far (in tokens) a speaker may stand before / after its speech verb.
const WINDOW_BEFORE: usize = 10;
const WINDOW_AFTER: usize = 3;
/// A second or later cue of a sentence takes only a speaker this close before it, since the
/// words between two cues are usually what the first speaker said ("Putin added that Russia
/// is open to talks with the US but said …" is not the US speaking).
const WINDOW_LATER: usize = 3;

/// Prepositions of place, direction or company: an actor right after one ("the Russian
/// ambassador *to the US* said", «посол России *в США* заявил», "Blinken, after talks *with
/// Lavrov*, said") is where or with whom the subject acts, not the subject. Not "of" ("the
/// foreign minister of Russia said": Russia is the speaker's office) and not "by".
const PLACE_PREPOSITIONS: &[&str] = &[
    "to",
    "in",
    "at",
    "for",
    "with",
    "from",
    "on",
    "about",
    "against",
    "toward",
    "towards",
    "over",
    "near",
    "after",
    "в",
    "во",
    "на",
    "к",
    "ко",
    "при",
    "для",
    "с",
    "со",
    "из",
    "от",
    "о",
    "об",
    "против",
    "после",
    "у",
];

impl Actors {
    /// Attribute the sentences of one article (in order; rules 3 and 5 look back). A sentence
    /// with several cues ("Ukraine accused …, which the US said …, the Kremlin claims …")
    /// gives one statement per distinct speaker; a cue's speaker is looked for after the
    /// previous cue, so each clause keeps its own subject.
    pub fn attribute<'a>(&self, sentences: impl IntoIterator<Item = &'a str>) -> Vec<Attribution> {
        let texts: Vec<&str> = sentences.into_iter().collect();
        let words: Vec<Words> = texts.iter().map(|t| Words::new(t)).collect();
        // One paragraph: a quote left open runs into the next sentence.
        self.attribute_words(texts.into_iter().zip(&words).map(|(t, w)| (t, Some(0), w)))
    }

    /// [`attribute`](Self::attribute) given each sentence's paragraph (`None` for the
    /// headline) and [`Words`] (shared with the voice split). Quotes carry from sentence to
    /// sentence as in the voice split ([`QuoteTracker`]).
    pub fn attribute_words<'a, 'w: 'a>(
        &self,
        sentences: impl IntoIterator<Item = (&'a str, Option<usize>, &'a Words<'w>)>,
    ) -> Vec<Attribution> {
        let mut out = Vec::new();
        let mut last: Option<(String, Option<Voice>)> = None;
        // The gender the previous speaker's mention marks ("spokeswoman", "Mr"), if any.
        let mut last_gender: Option<Gender> = None;
        // The first person named in the latest sentence since the last attributed one (rule
        // 3): "Kuleba welcomed the proposal. He said …" is Kuleba, not the speaker before.
        let mut person_since: Option<(String, Option<Voice>, Option<Gender>)> = None;
        let mut prev_attributed = false;
        // The latest statement named no speaker the lists know («Об этом сообщила
        // журналистка …»): the Russian pronoun forms below then name nobody, since «по её
        // словам» after it is hers, not the speaker's before (review of this rule on the
        // Russian dev set, session 49: both its first resolutions there were wrong so).
        let mut unknown_since = false;
        let mut quotes = QuoteTracker::default();
        // Reused from sentence to sentence.
        let mut quoted: Vec<bool> = Vec::new();
        // A quote over several sentences whose speaker is not known yet (rule 5): its
        // sentences that name nobody, and whom it continues if it ends naming nobody.
        let mut pending: Vec<usize> = Vec::new();
        let mut continues: Option<(String, Option<Voice>)> = None;
        for (index, (text, para, words)) in sentences.into_iter().enumerate() {
            let tokens = &words.tokens;
            let lower: Vec<Cow<str>> = words.lower();
            let carry = quotes.next_sentence(&self.cues, text, para, tokens, &lower, &mut quoted);
            // A sentence closing with its attribution ("Moscow is to blame, wrote NATO's
            // chief"; "The West has declared war, Lavrov said"): what stands before the comma
            // is the speaker's reported speech, so, as inside quotation marks, its actors are
            // no speakers and its cues no statements.
            if let Some(c) = quotes.closing_comma(&self.cues, text, tokens, &lower, &quoted) {
                for (q, t) in quoted.iter_mut().zip(tokens) {
                    *q |= t.span.end <= c;
                }
            }
            if !carry.carried_in && !pending.is_empty() {
                // A paragraph end closed the quote before it named a speaker.
                prev_attributed = settle(&mut pending, continues.take(), &mut out);
            }
            // (token index, cue as written in the cue list, is a source phrase).
            let cues = self.cues_of(text, tokens, &lower, &quoted);
            // Actors matter as speakers of a cue and as the persons a later pronoun may name.
            let m: Vec<_> = self
                .mentions(tokens, &lower, words.is_ascii())
                .into_iter()
                .filter(|(start, _, _)| !quoted[*start])
                .collect();
            let mut found: Vec<(String, String, Option<Voice>, Option<Gender>)> = Vec::new();
            let mut named_no_side = false;
            let mut clause_start = 0;
            for (k, &(at, cue, source)) in cues.iter().enumerate() {
                let later = k > 0;
                // An absolute clause's participle has a subject of its own ("…, with US
                // President Joe Biden saying …"): the nearest actor between them.
                let absolute = (clause_start..at)
                    .rev()
                    .find(|&j| absolute_participle(&self.cues, text, tokens, &lower, j) == Some(at));
                // A later participle ("Putin revealed …, noting") is the sentence subject's again.
                if later && cue.ends_with("ing") && absolute.is_none() {
                    continue;
                }
                // Only a subject of the cue's own clause: not one across a dash or semicolon
                // ("… in eastern Ukraine - as the PM warns": Ukraine is not who warns).
                // The mentions are in order and do not overlap, so those of this clause are
                // one range, found by binary search: a scan of all of them per cue was
                // quadratic in a sentence's length (review, session 42: a 12 MB one-line page
                // with an actor and a speech verb repeated took minutes).
                let (lo, hi) = (
                    m.partition_point(|(start, _, _)| *start < clause_start),
                    m.partition_point(|(_, end, _)| *end <= at),
                );
                let before: Vec<_> = m[lo..hi.max(lo)]
                    .iter()
                    .filter(|(_, end, _)| !crosses_clause(text, tokens[end - 1].span.end, tokens[at].span.start))
                    .filter(|&&(start, end, _)| !in_relative_clause(text, tokens, &lower, (start, end), at))
                    .collect();
                // A participle ("…, saying") belongs to the sentence subject: the first actor
                // however far; a finite verb to the nearest one within the window (for a later
                // cue, right before it: "NATO's leaders said", "the Kremlin claims").
                let window = if later { WINDOW_LATER } else { WINDOW_BEFORE };
                let before = if cue.ends_with("ing") {
                    before.first()
                } else {
                    // The nearest actor that is not a preposition's object, when one stands
                    // before such an object ("the Russian ambassador to the US said"); else
                    // the nearest ("officials in Kyiv said": Kyiv's officials).
                    let head = before
                        .iter()
                        .rev()
                        .find(|&&&(start, _, _)| !after_place_preposition(text, tokens, &lower, start));
                    head.or(before.last()).filter(|(_, end, _)| at - end < window)
                };
                // After the cue only right behind it ("said Peskov", "according to the
                // Kremlin") or at the end of the speaker's title ("according to the Deputy
                // Secretary of the Russian Security Council"), never across "that" (then it
                // is what was said, not who).
                let cue_end = at + cue.split(' ').count();
                // Only mentions within reach can stand there: WINDOW_AFTER words after the
                // cue, or a title of at most TITLE_REACH words after its end.
                let reach = (at + WINDOW_AFTER).max(cue_end + TITLE_REACH);
                let after = m[m.partition_point(|(start, _, _)| *start <= at)..]
                    .iter()
                    .take_while(|(start, _, _)| *start <= reach)
                    .find(|(start, _, _)| {
                        *start > at
                            && (start - at <= WINDOW_AFTER
                                || title_between(text, tokens, &lower, cue_end, *start)
                                || appositive_title(text, tokens, &lower, cue_end, *start))
                    })
                    .filter(|(start, _, _)| !lower[at..*start].iter().any(|t| self.cues.is_that(t)))
                    // Nor across the comma that closes a source phrase or a clause: in "according
                    // to him, NATO …", «По его словам, НАТО …», "As the minister noted, Moscow …"
                    // the actor is what was said, not who said it (review, session 33).
                    .filter(|(start, _, _)| {
                        cue_end > *start
                            || !text[tokens[cue_end - 1].span.end..tokens[*start].span.start].contains(',')
                            || appositive_title(text, tokens, &lower, cue_end, *start)
                    })
                    // Nor the place a commentator speaks from: in «сообщил корреспондент
                    // Би-би-си в Москве», "said a BBC correspondent in Moscow" the actor is
                    // where, not who (review, session 43).
                    .filter(|&&(start, _, _)| {
                        !(start > cue_end
                            && after_place_preposition(text, tokens, &lower, start)
                            && lower[cue_end..start].iter().any(|t| is_non_official_noun(t, true)))
                    });
                // The speaker a mention names: its actor, or a former official or commentator
                // the mention only describes ("former US colonel …"), who has no side.
                let speaker = |&(start, end, a): &(usize, usize, &Actor), lo: usize, hi: usize| {
                    if non_official(text, tokens, &lower, (start, end), (lo, hi)) {
                        (String::new(), None)
                    } else {
                        (a.name.clone(), Some(a.voice))
                    }
                };
                let pronoun = lower[clause_start..at]
                    .iter()
                    .zip(&quoted[clause_start..at])
                    .find(|(t, q)| !**q && PRONOUNS.contains(&t.as_ref()))
                    .map(|(t, _)| t.as_ref())
                    .or_else(|| {
                        lower[at + 1..lower.len().min(at + 3)]
                            .iter()
                            .map(AsRef::as_ref)
                            .find(|t| OBJECT_PRONOUNS.contains(t))
                    })
                    .or_else(|| inverted_pronoun(text, tokens, &lower, at).filter(|_| !unknown_since));
                let previous = pronoun
                    .filter(|_| !later)
                    .and_then(|p| antecedent(p, &last, last_gender, &person_since));
                // «По его словам, …»: the source phrase's possessive names its speaker.
                let possessor = possessive_pronoun(cue)
                    .filter(|_| source && !later && !unknown_since)
                    .and_then(|p| antecedent(p, &last, last_gender, &person_since));
                let after = after.filter(|_| !later);
                let n = tokens.len();
                // A passive with its agent ("was accused by NATO of …") is the agent's; not
                // "was quoted by TASS as saying", the wire's way of naming who spoke (review,
                // session 45: Peskov lost his statement to the agency).
                let agent = !source && cue != "quoted" && is_agent_passive(&self.cues, &lower, at);
                // After a verb whose next noun is its addressee ("urged Putin to …", "told Mr
                // Putin"), an actor speaks only in an inverted attribution ("…, warned Lavrov").
                let after_speaks = !self.cues.is_addressee(cue) || opens_clause(text, tokens, at);
                let with_gender = |a: &(usize, usize, &Actor), lo: usize, hi: usize| {
                    let (actor, voice) = speaker(a, lo, hi);
                    let gender = gender_of(text, tokens, &lower, (a.0, a.1), &a.2.name);
                    (actor, voice, gender)
                };
                let pick = if let Some(j) = absolute {
                    m[lo..hi.max(lo)]
                        .iter()
                        .rev()
                        .find(|(start, _, _)| *start > j)
                        .map(|a| with_gender(a, j + 1, at))
                } else if source || agent {
                    after.map(|a| with_gender(a, cue_end, n)).or(possessor)
                } else {
                    before
                        .map(|a| with_gender(a, clause_start, at))
                        .or(previous)
                        .or_else(|| after.filter(|_| after_speaks).map(|a| with_gender(a, at + 1, n)))
                };
                clause_start = at + 1;
                // A speaker named but on no side (a former official, a commentator), or a
                // pronoun for one: whom a later "he said" is.
                // (Not a pronoun that found no one of its gender: the speaker before stays.)
                named_no_side |= matches!(&pick, Some((a, None, g)) if !(a.is_empty() && g.is_some()));
                let (actor, voice, gender) = pick.unwrap_or_default();
                if !found.iter().any(|(_, a, v, _)| *a == actor && *v == voice) {
                    found.push((cue.to_string(), actor, voice, gender));
                }
            }
            // Unrecognised speakers are listed only when no speaker of the sentence is known.
            if found.iter().any(|f| f.2.is_some()) {
                found.retain(|f| f.2.is_some());
            } else {
                found.truncate(1);
            }
            // Rule 5: a quote with no cue outside it, opening the sentence or carried into it.
            let in_quote = cues.is_empty() && (carry.carried_in || text.trim_start().starts_with(['"', '\u{201C}']));
            let mut nobody = false;
            if in_quote && (prev_attributed || carry.carried_in) {
                // A quote naming its speaker outside the quotation marks with a verb no cue
                // list holds («"…", — огрызнулся Кулеба») is that actor's (the first named),
                // not a continuation. With actors of two sides named there the rule cannot
                // tell who speaks: nobody (and the next quote has no one to continue).
                let named: Vec<_> = self
                    .mentions(tokens, &lower, words.is_ascii())
                    .into_iter()
                    .filter(|(start, _, _)| !quoted[*start])
                    .collect();
                let n = tokens.len();
                match named.first() {
                    None => {}
                    // "…," a retired British officer shot back: a speaker with no side.
                    Some(&(start, end, _)) if non_official(text, tokens, &lower, (start, end), (0, n)) => {
                        nobody = true;
                        named_no_side = true;
                    }
                    Some(&(start, end, a)) if named.iter().all(|b| b.2.voice == a.voice) => found.push((
                        "quote".to_string(),
                        a.name.clone(),
                        Some(a.voice),
                        gender_of(text, tokens, &lower, (start, end), &a.name),
                    )),
                    Some(_) => nobody = true,
                }
            }
            let mut attributed = false;
            if in_quote && found.is_empty() && !nobody {
                // The quote names nobody here: its speaker may be named where it closes
                // (`…," Peskov said.`), else it continues the previous attributed speaker.
                if pending.is_empty() {
                    continues = last.clone().filter(|_| prev_attributed);
                }
                pending.push(index);
                if !carry.runs_out {
                    attributed = settle(&mut pending, continues.take(), &mut out);
                }
            } else if !pending.is_empty() {
                // The sentence that closes the quote names its speaker. One the actor lists
                // do not know ("the spokesperson said") is most often the one named before,
                // so the quote continues that speaker, as a one-sentence quote would; two
                // sides named: nobody.
                let speaker = found.iter().find(|f| f.2.is_some()).map(|f| (f.1.clone(), f.2));
                let speaker = if nobody { None } else { speaker.or(continues.take()) };
                settle(&mut pending, speaker, &mut out);
                continues = None;
            }
            if named_no_side && !found.iter().any(|f| f.2.is_some()) {
                last = Some((String::new(), None));
                last_gender = None;
                person_since = None;
            }
            // The first person this sentence names, for a pronoun after it (rule 3).
            let person = m.iter().find_map(|&(start, end, a)| {
                person_mention(text, tokens, &lower, (start, end), &a.name)
                    .map(|gender| (a.name.clone(), Some(a.voice), gender))
            });
            if person.is_some() {
                person_since = person;
            }
            if !found.is_empty() {
                unknown_since = found.iter().all(|f| f.2.is_none());
            }
            for (cue, actor, voice, gender) in found {
                if voice.is_some() {
                    last = Some((actor.clone(), voice));
                    last_gender = gender;
                    person_since = None;
                    attributed = true;
                }
                out.push(Attribution {
                    index,
                    cue,
                    actor,
                    voice,
                });
            }
            prev_attributed = attributed;
        }
        settle(&mut pending, continues, &mut out);
        out
    }
}

/// Whom a pronoun before a cue (or an object pronoun after it) names (rule 3): for "he",
/// "she", "him", "her" the first person named in the latest sentence since the previous
/// attributed speaker, else that speaker; one whose mention marks the other gender
/// ("spokeswoman" for "he") is skipped, and with none left the pronoun names nobody (an
/// empty actor with the gender wanted, which does not replace the previous speaker). Other
/// pronouns ("they", «он») name the previous speaker.
fn antecedent(
    pronoun: &str,
    last: &Option<(String, Option<Voice>)>,
    last_gender: Option<Gender>,
    person_since: &Option<(String, Option<Voice>, Option<Gender>)>,
) -> Option<(String, Option<Voice>, Option<Gender>)> {
    let wanted = match pronoun {
        "he" | "him" => Gender::Male,
        "she" | "her" => Gender::Female,
        _ => return last.clone().map(|(a, v)| (a, v, last_gender)),
    };
    let fits = |g: &Option<Gender>| g.is_none_or(|g| g == wanted);
    let previous = last.clone().map(|(a, v)| (a, v, last_gender));
    match person_since.clone().into_iter().chain(previous).find(|c| fits(&c.2)) {
        Some(c) => Some(c),
        // Only speakers of the other gender: nobody (a statement with no side), marked by
        // the gender it wanted.
        None if last.is_some() || person_since.is_some() => Some((String::new(), None, Some(wanted))),
        None => None,
    }
}

/// Whether the cue at token `at` opens its clause: the sentence's first word, or after a
/// comma, colon, semicolon, quotation mark, dash or bracket ("…, warned Lavrov",
/// `"…" told Peskov`): an inverted attribution, whose speaker follows the verb.
fn opens_clause(text: &str, tokens: &[crate::text::Token], at: usize) -> bool {
    at == 0
        || text[tokens[at - 1].span.end..tokens[at].span.start].contains([
            ',', ';', ':', '"', '\'', '\u{201C}', '\u{201D}', '\u{00AB}', '\u{00BB}', '-', '\u{2013}', '\u{2014}', '(',
        ])
}

/// Whether the mention starting at token `start` follows one of [`PLACE_PREPOSITIONS`]
/// (an article may stand between: "to the US"). One-letter words are not tokens (Russian
/// «в», «к», «с», «у», «о»), so the text between the mention and the token before it is
/// looked at too.
/// The preposition must be of the mention's own phrase, with only spaces (or the article
/// "a", no token) between: in a closing attribution the word before the comma ends the
/// reported speech, so "The drills are over, the Russian ambassador to the US said" read
/// "over" as the Russian ambassador's preposition and gave the statement to the US (review,
/// session 49).
fn after_place_preposition(text: &str, tokens: &[crate::text::Token], lower: &[Cow<str>], start: usize) -> bool {
    let from = if start > 0 { tokens[start - 1].span.end } else { 0 };
    if text[from..tokens[start].span.start]
        .split(|c: char| !c.is_alphabetic())
        .any(|w| !w.is_empty() && PLACE_PREPOSITIONS.contains(&w.to_lowercase().as_str()))
    {
        return true;
    }
    let in_phrase = |i: usize| {
        text[tokens[i - 1].span.end..tokens[i].span.start]
            .split_whitespace()
            .all(|w| w == "a" || w == "A")
    };
    let mut i = start;
    if i > 0 && matches!(lower[i - 1].as_ref(), "the" | "a" | "an") && in_phrase(i) {
        i -= 1;
    }
    i > 0 && in_phrase(i) && PLACE_PREPOSITIONS.contains(&lower[i - 1].as_ref())
}

/// The Russian subject pronoun right after the cue at token `at` when the cue opens its
/// clause, an inverted attribution: «Запад продолжает поставки, отметил он» is his, as «Он
/// отметил» is (rule 3; review, session 49).
fn inverted_pronoun<'l>(
    text: &str,
    tokens: &[crate::text::Token],
    lower: &'l [Cow<str>],
    at: usize,
) -> Option<&'l str> {
    lower
        .get(at + 1)
        .map(AsRef::as_ref)
        .filter(|t| INVERTED_PRONOUNS.contains(t) && opens_clause(text, tokens, at))
}

/// The subject pronoun whose possessive a Russian source phrase holds: «по его словам» is
/// «он»'s, «по её словам» «она»'s, so it names a speaker as «Он сказал» does (review,
/// session 49: it named nobody).
fn possessive_pronoun(cue: &str) -> Option<&'static str> {
    cue.split(' ').find_map(|w| match w {
        "его" => Some("он"),
        "ее" | "её" => Some("она"),
        _ => None,
    })
}

/// Whether `text[from..to]` (between an actor and its cue) ends one clause and starts
/// another: a semicolon, or an odd number of dashes (a pair sets off an apposition:
/// "Peskov - Putin's spokesman - said"). A dash is an em dash anywhere, or a hyphen or en
/// dash with a space beside it (the cleaner writes Russian «—» as " - "); a hyphen inside a
/// word ("pro-Russian", «северо-восток») is not one.
/// The mention at tokens `start..end` stands in a relative clause set off by commas that
/// closes before the cue at token `at`: "Lavrov, who met Blinken in Geneva, said …",
/// «Лавров, который встретился с Блинкеном, заявил …». The clause describes the subject; the
/// cue is the subject's, not the clause's actor's (review V: the statement was Blinken's).
fn in_relative_clause(
    text: &str,
    tokens: &[crate::text::Token],
    lower: &[Cow<'_, str>],
    mention: (usize, usize),
    at: usize,
) -> bool {
    let (start, end) = mention;
    // The gap before token `j` (spaces and punctuation) holds a comma.
    let comma_before = |j: usize| text[tokens[j - 1].span.end..tokens[j].span.start].contains(',');
    // A comma closes the clause between the mention and the cue, and a relative pronoun right
    // after a comma opens it, with no comma between the pronoun and the mention. Walked gap by
    // gap, so each is read once.
    (end..=at).any(comma_before)
        && (1..start)
            .rev()
            .take_while(|&j| !comma_before(j + 1))
            .any(|j| is_relative_pronoun(&lower[j]) && comma_before(j))
}

fn crosses_clause(text: &str, from: usize, to: usize) -> bool {
    let Some(between) = text.get(from..to) else {
        return false;
    };
    if between.contains(';') {
        return true;
    }
    let dashes = between
        .char_indices()
        .filter(|&(i, c)| {
            let spaced = || {
                between[..i].chars().next_back().is_some_and(char::is_whitespace)
                    || between[i + c.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_whitespace)
            };
            c == '\u{2014}' || ((c == '-' || c == '\u{2013}') && spaced())
        })
        .count();
    dashes % 2 == 1
}

/// Give the quote's sentences waiting for a speaker to `speaker` (none: nobody's), as
/// "quote" statements; whether any was attributed.
fn settle(pending: &mut Vec<usize>, speaker: Option<(String, Option<Voice>)>, out: &mut Vec<Attribution>) -> bool {
    let attributed = speaker.is_some() && !pending.is_empty();
    if let Some((actor, voice)) = speaker {
        out.extend(pending.iter().map(|&index| Attribution {
            index,
            cue: "quote".to_string(),
            actor: actor.clone(),
            voice,
        }));
    }
    pending.clear();
    attributed
}

impl Actors {
    /// A sentence's speech cues outside quotes, in order: (token index, cue as written in the
    /// cue list, is a source phrase). A source phrase wins over a verb at the same token and
    /// its words are not cues again.
    /// A verb form after a possessive or a determiner modifies a noun and reports nothing
    /// ("the Kremlin's claims about …", "the stated goal"), as the voice split reads it: a
    /// fact-check rejecting "the Kremlin's claims" was a Kremlin statement (review, session 43).
    fn cues_of<'s>(
        &'s self,
        text: &str,
        tokens: &[crate::text::Token],
        lower: &'s [Cow<'s, str>],
        quoted: &[bool],
    ) -> Vec<(usize, &'s str, bool)> {
        let mut cues = Vec::new();
        let mut i = 0;
        while i < lower.len() {
            let kind = if quoted[i] { 0 } else { self.cues.cue_kind(&lower[i]) };
            if kind & cue_kind::SOURCE_START != 0 {
                if let Some(s) = self.cues.source_at(lower, i) {
                    cues.push((i, s, true));
                    i += s.split(' ').count();
                    continue;
                }
            }
            if kind & cue_kind::VERB != 0 && !is_after_modifier(&self.cues, text, tokens, lower, i) {
                cues.push((i, lower[i].as_ref(), false));
            }
            i += 1;
        }
        cues
    }
}

#[cfg(test)]
mod tests;
