//! What the words around an actor mention say about the speaker: whether the mention only
//! describes someone who is not that actor's voice ("former US colonel Earl Rasmussen",
//! "a retired British officer", "Ukrainian military expert Oleg Zhdanov"), and whether an
//! actor further behind a cue is still inside the speaker's title ("according to the Deputy
//! Secretary of the Russian Security Council").
//!
//! The rule (README, Comparing outlets): an actor list names governments, institutions and
//! officials, who speak for their side. A mention directly qualified as *former* ("former",
//! "retired", "ex-", «бывший», «отставной», «экс-») or as the head of a non-official noun
//! (analyst, commentator, expert, journalist, …) names a person who is not that government's
//! voice: the statement is theirs, with no side. "Directly" means within two words of the
//! mention, in the same phrase (only spaces between), not across the cue.

use crate::compare::forms;
use crate::text::Token;
use std::borrow::Cow;

/// Words that make a mention's person a former official: "former US colonel", "a retired
/// British officer" (and tokens starting `ex-` / `экс-`: "ex-NATO"). Russian in the
/// nominative; any case form matches («бывшего посла США»).
const FORMER: &[&str] = &["former", "retired", "ex", "бывший", "отставной"];

/// Nouns of people who comment rather than govern: "American analyst", "Ukrainian military
/// expert", «политолог из США». English with their plurals; Russian in the nominative.
const NON_OFFICIAL: &[&str] = &[
    "analyst",
    "analysts",
    "commentator",
    "commentators",
    "expert",
    "experts",
    "journalist",
    "journalists",
    "columnist",
    "columnists",
    "correspondent",
    "correspondents",
    "reporter",
    "reporters",
    "pundit",
    "pundits",
    "observer",
    "observers",
    "scholar",
    "scholars",
    "academic",
    "academics",
    "professor",
    "professors",
    "researcher",
    "researchers",
    "historian",
    "historians",
    "economist",
    "economists",
    "blogger",
    "bloggers",
    // People a mention defines without speaking for it: "Kremlin critic Alexei Navalny",
    // "Putin's critics", "Kremlin watchers", "a Moscow resident" (review W: each was given the
    // side of the actor they criticise, watch or live in).
    "critic",
    "critics",
    "watcher",
    "watchers",
    "resident",
    "residents",
    "opponent",
    "opponents",
    "эксперт",
    "аналитик",
    "политолог",
    "журналист",
    // «сообщил корреспондент Би-би-си в Москве» was Moscow speaking (review, session 43).
    "корреспондент",
    "репортер",
    "репортёр",
    "обозреватель",
    "комментатор",
    "блогер",
    "публицист",
    "историк",
    "экономист",
];

/// Words a speaker's title may hold between a cue and the actor behind it, besides
/// capitalised words: "according to the deputy head of the Russian Security Council".
const TITLE_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "for",
    // The offices (a title holds at least one: "told The New York Times Moscow …" and
    // "according to the Institute for the Study of War Russia …" are no titles).
    "deputy",
    "head",
    "chief",
    "secretary",
    "chairman",
    "chairwoman",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "representative",
    "envoy",
    "ambassador",
    "official",
    "officials",
    "director",
    "commander",
    "adviser",
    "advisor",
    // Russian titles after a verb-first cue, in the nominative («заявила официальный
    // представитель МИД Мария Захарова», «заявил замминистра иностранных дел Сергей Рябков»):
    // lower case, so without them the speaker was out of reach (review, session 43). The
    // ministries' genitives are here too, as the title's own words.
    "представитель",
    "официальный",
    "пресс-секретарь",
    "министр",
    "замминистра",
    "заместитель",
    "глава",
    "руководитель",
    "посол",
    "советник",
    "помощник",
    "председатель",
    "командующий",
    "директор",
    "начальник",
    "генсек",
    "иностранных",
    "дел",
    "обороны",
];

/// The first of [`TITLE_WORDS`] that names an office rather than joining words.
const FIRST_OFFICE: usize = 5;

/// How far (in tokens) behind a cue a title may reach its actor.
pub(super) const TITLE_REACH: usize = 12;

/// Whether a lowercased token is a non-official noun («корреспондент», «эксперта»,
/// "analyst"), standing `before` the mention or after it (see [`marks_non_official`]).
pub(super) fn is_non_official_noun(key: &str, before: bool) -> bool {
    NON_OFFICIAL.iter().any(|w| {
        key == *w
            || (before
                && !w.is_ascii()
                && key
                    .strip_prefix(forms::base(w))
                    .is_some_and(|rest| rest == "а" || rest == "я"))
    })
}

/// Whether a lowercased token marks a former official or a non-official, standing `before`
/// the mention or after it. A Russian qualifier before it may take any case form («бывшего
/// посла США»), a noun only the nominative or genitive singular («по словам эксперта из
/// США»); after the mention only the forms listed count: «заявил Песков журналистам»
/// (told journalists) is Peskov speaking.
fn marks_non_official(key: &str, before: bool) -> bool {
    key.starts_with("ex-")
        || key.starts_with("экс-")
        || FORMER
            .iter()
            .any(|w| if before { forms::is_form(w, key) } else { key == *w })
        || is_non_official_noun(key, before)
}

/// Whether only spaces stand between tokens `a` and `b` (`a` before `b`) of `text`.
fn adjacent(text: &str, tokens: &[Token], a: usize, b: usize) -> bool {
    text.get(tokens[a].span.end..tokens[b].span.start)
        .is_some_and(|s| s.chars().all(char::is_whitespace))
}

/// [`adjacent`], also across the article "a", which the tokenizer drops (one letter):
/// "according to a spokesman for the Kremlin".
fn adjacent_in_title(text: &str, tokens: &[Token], a: usize, b: usize) -> bool {
    text.get(tokens[a].span.end..tokens[b].span.start)
        .is_some_and(|s| s.split_whitespace().all(|w| w == "a" || w == "A"))
}

/// Whether the mention ending before token `end` describes someone rather than naming the speaker: a
/// word of the same phrase follows it in lower case ("US colonel", "British officer",
/// "Kremlin official") or it is possessive ("the Kremlin's former adviser"). A mention that
/// is the phrase's head — a listed person ("former PM Boris Johnson said", "Veteran diplomat
/// Lavrov said") — is that actor speaking, qualified or not. Russian places the described
/// person before a genitive mention («бывший посол США»), so a Cyrillic mention is taken as
/// describing (a Russian former official on a list, «бывший президент Медведев», then loses
/// the side: left so).
fn describes(text: &str, tokens: &[Token], end: usize, hi: usize) -> bool {
    let last = tokens[end - 1].text;
    !last.is_ascii()
        || last.ends_with("'s")
        || last.ends_with("’s")
        || (end < hi.min(tokens.len())
            && adjacent(text, tokens, end - 1, end)
            && tokens[end].text.chars().next().is_some_and(char::is_lowercase))
}

/// Whether the actor mention at tokens `start..end` only describes a former official or a
/// non-official (see the module documentation): a marking word within two tokens before or
/// after it, in the same phrase, and inside `lo..hi` (the tokens that may belong to the
/// speaker: not the cue, not another clause).
pub(super) fn non_official(
    text: &str,
    tokens: &[Token],
    lower: &[Cow<str>],
    (start, end): (usize, usize),
    (lo, hi): (usize, usize),
) -> bool {
    if !describes(text, tokens, end, hi) {
        return false;
    }
    // Outward from the mention, while only spaces separate the words.
    let mut before = (lo.max(start.saturating_sub(2))..start)
        .rev()
        .take_while(|&i| adjacent(text, tokens, i, i + 1));
    let mut after = (end..hi.min(tokens.len()).min(end + 2)).take_while(|&j| j > 0 && adjacent(text, tokens, j - 1, j));
    before.any(|i| marks_non_official(&lower[i], true)) || after.any(|j| marks_non_official(&lower[j], false))
}

/// Whether tokens `from..to` (between a cue's last word and an actor behind it) are a
/// speaker's title: at most [`TITLE_REACH`] words, spaces only between them, each
/// capitalised ("Deputy", "Eurasia") or one of [`TITLE_WORDS`] ("the", "of", "head").
pub(super) fn title_between(text: &str, tokens: &[Token], lower: &[Cow<str>], from: usize, to: usize) -> bool {
    if from == 0 || to > tokens.len() || to < from || to - from > TITLE_REACH {
        return false;
    }
    (from..to).any(|k| TITLE_WORDS[FIRST_OFFICE..].contains(&lower[k].as_ref()))
        && (from..to).all(|k| {
            let t = tokens[k].text;
            t.chars().next().is_some_and(char::is_uppercase) || TITLE_WORDS.contains(&lower[k].as_ref())
        })
        && (from..=to.min(tokens.len() - 1)).all(|k| adjacent_in_title(text, tokens, k - 1, k))
}

/// Words a capitalised run after a cue can start with that name no person: "he said
/// Monday, the Kremlin …".
const CALENDAR: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "yesterday",
    "tomorrow",
];

/// Most words of a person's name right after a cue, and of the appositive before its actor.
const APPOSITIVE_NAME: usize = 4;
const APPOSITIVE_REACH: usize = 5;

/// Whether the actor mention at token `start` is the title of a person named right after a
/// cue ending before token `cue_end`, in apposition: "said Linda Thomas-Greenfield, the U.S.
/// ambassador to the United Nations", "according to Jane Doe, a State Department
/// spokeswoman". One to [`APPOSITIVE_NAME`] capitalised words (only spaces between, no
/// weekday or month), a comma, "the"/"a"/"an", then the mention within [`APPOSITIVE_REACH`]
/// words with no comma before it. Wire copy names lesser officials so; the statement had no
/// side though its speaker's office was on a list (review, session 43).
pub(super) fn appositive_title(text: &str, tokens: &[Token], lower: &[Cow<str>], cue_end: usize, start: usize) -> bool {
    let mut k = cue_end;
    while k < start
        && k - cue_end < APPOSITIVE_NAME
        && tokens[k].text.chars().next().is_some_and(char::is_uppercase)
        && !CALENDAR.contains(&lower[k].as_ref())
        && (k == cue_end || adjacent(text, tokens, k - 1, k))
    {
        k += 1;
    }
    // The name ends at the mention only when the article "a" (no token) stands between.
    if k == cue_end || k > start {
        return false;
    }
    // The comma after the name, and the article: "a" is no token (one letter), so it stands
    // in the gap; "the" and "an" are tokens.
    let gap = &text[tokens[k - 1].span.end..tokens[k].span.start];
    let article_in_gap = matches!(gap.trim(), ", a" | ", A");
    let first = if article_in_gap {
        k
    } else if gap.trim() == "," && matches!(lower[k].as_ref(), "the" | "an") {
        k + 1
    } else {
        return false;
    };
    start >= first
        && start - first <= APPOSITIVE_REACH
        && !text[tokens[k].span.start..tokens[start].span.start].contains(',')
}

/// The gender a mention's words mark ("spokeswoman", "Mr"), for a pronoun after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gender {
    Male,
    Female,
}

/// Words marking a woman / a man, in the actor's name or right before its mention.
const FEMALE: &[&str] = &[
    "spokeswoman",
    "chairwoman",
    "congresswoman",
    "mrs",
    "ms",
    "madam",
    "queen",
];
const MALE: &[&str] = &["spokesman", "chairman", "congressman", "mr", "king"];

/// Singular nouns of a person's office: an actor named by one is a person ("Kremlin
/// spokesman", "Russian president"), and so is a mention right after one ("Chancellor Olaf
/// Scholz", "Foreign Minister Dmytro Kuleba", "Mr Putin").
const PERSON_TITLES: &[&str] = &[
    "president",
    "chancellor",
    "minister",
    "premier",
    "pm",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "chief",
    "ambassador",
    "envoy",
    "general",
    "commander",
    "chairman",
    "chairwoman",
    "mayor",
    "governor",
    "senator",
    "adviser",
    "advisor",
    "director",
    "mr",
    "mrs",
    "ms",
    "dr",
    "king",
    "queen",
];

/// The gender the actor mention at tokens `start..end` marks: a [`FEMALE`] or [`MALE`]
/// word in the actor's listed name or among the two words right before the mention (spaces
/// only between): "Russian Foreign Ministry spokeswoman", "spokeswoman Maria Zakharova",
/// "Mr Putin".
pub(super) fn gender_of(
    text: &str,
    tokens: &[Token],
    lower: &[Cow<str>],
    (start, _end): (usize, usize),
    name: &str,
) -> Option<Gender> {
    let named = name.split_whitespace().map(str::to_lowercase);
    let before = (start.saturating_sub(2)..start)
        .rev()
        .take_while(|&i| adjacent(text, tokens, i, i + 1))
        .map(|i| lower[i].to_string());
    named.chain(before).find_map(|w| {
        if FEMALE.contains(&w.as_str()) {
            Some(Gender::Female)
        } else if MALE.contains(&w.as_str()) {
            Some(Gender::Male)
        } else {
            None
        }
    })
}

/// Whether the actor mention at tokens `start..end` (of the actor listed as `name`) names a
/// person, and the gender it marks: the listed name ends with an office of [`PERSON_TITLES`]
/// ("Kremlin spokesman"), or the word right before the mention (spaces only between) is one
/// ("Foreign Minister Dmytro Kuleba", "Mr Putin") or a first name, a capitalised word not
/// opening the sentence and no compass word ("Olaf Scholz", not "Eastern Ukraine"). A bare
/// name ("Scholz", "Moscow") says nothing.
pub(super) fn person_mention(
    text: &str,
    tokens: &[Token],
    lower: &[Cow<str>],
    (start, end): (usize, usize),
    name: &str,
) -> Option<Option<Gender>> {
    let last = name.split_whitespace().last().unwrap_or_default().to_lowercase();
    let titled = PERSON_TITLES.contains(&last.as_str());
    let before = start > 0 && adjacent(text, tokens, start - 1, start) && {
        let w = tokens[start - 1].text;
        let l = lower[start - 1].as_ref();
        let mut letters = w.chars();
        let first_name = start > 1
            && letters.next().is_some_and(char::is_uppercase)
            && letters.all(char::is_lowercase)
            && !CALENDAR.contains(&l)
            && !l.ends_with("ern")
            && !matches!(l, "the" | "of" | "and" | "central" | "soviet" | "greater");
        PERSON_TITLES.contains(&l) || first_name
    };
    (titled || before).then(|| gender_of(text, tokens, lower, (start, end), name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::voice::Words;

    /// `non_official` for the mention of `actor` (its first occurrence) in `text`, over
    /// the whole sentence.
    fn describes_non_official(text: &str, actor: &str) -> bool {
        let w = Words::new(text);
        let lower = w.lower();
        let n = actor.split(' ').count();
        let first = actor.split(' ').next().unwrap();
        let start = w
            .tokens
            .iter()
            .position(|t| t.text.trim_end_matches("'s") == first)
            .unwrap();
        non_official(text, &w.tokens, &lower, (start, start + n), (0, w.tokens.len()))
    }

    #[test]
    fn former_and_commentators_are_not_their_governments_voice() {
        assert!(describes_non_official(
            "Former US colonel Earl Rasmussen said so.",
            "US"
        ));
        assert!(describes_non_official("A retired British officer said so.", "British"));
        assert!(describes_non_official(
            "Ukrainian military expert Oleg Zhdanov said so.",
            "Ukrainian military"
        ));
        assert!(describes_non_official(
            "The Kremlin's former adviser said so.",
            "Kremlin"
        ));
        assert!(describes_non_official(
            "An ex-NATO planner and NATO analysts disagree.",
            "NATO"
        ));
        assert!(describes_non_official("Бывший посол США заявил.", "США"));
        assert!(describes_non_official("По словам бывшего посла США, …", "США"));
        assert!(describes_non_official("Политолог из США заявил.", "США"));
        // Officials, in service, keep their side; a comma ends the phrase.
        assert!(!describes_non_official("US officials said so.", "US"));
        assert!(!describes_non_official("The US colonel said so.", "US"));
        assert!(!describes_non_official(
            "Kremlin spokesman Dmitry Peskov said so.",
            "Kremlin"
        ));
        assert!(!describes_non_official("Biden, former senator, said so.", "Biden"));
        assert!(!describes_non_official("Посол США заявил.", "США"));
        // "Told journalists": the object after the speaker, not a noun describing it.
        assert!(!describes_non_official("Заявил Песков журналистам.", "Песков"));
        assert!(!describes_non_official("Журналистам Песков заявил.", "Песков"));
    }

    #[test]
    fn a_title_runs_over_capitalised_and_office_words_only() {
        let at = |text: &str, from: usize, to: usize| {
            let w = Words::new(text);
            title_between(text, &w.tokens, &w.lower(), from, to)
        };
        // according(0) to(1) the(2) Deputy(3) Secretary(4) of(5) the(6) Russian(7)
        let s = "According to the Deputy Secretary of the Russian Security Council Mikhail Popov";
        assert!(at(s, 2, 7));
        assert!(at("according to the deputy head of the Russian Security Council", 2, 7));
        assert!(!at("according to a report in the Washington Post", 2, 7));
        assert_eq!(TITLE_WORDS[FIRST_OFFICE], "deputy");
        // Capitalised words alone (an outlet's name) are no title; "a" joins one.
        assert!(!at("told The New York Times Moscow", 1, 5));
        assert!(at("according to a spokesman for the Kremlin", 2, 5));
        assert!(!at(
            "according to the Deputy, Secretary of the Russian Security Council",
            2,
            7
        ));
    }
}
