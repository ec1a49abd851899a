//! Voice: which words of a sentence are the outlet's own and which it quotes.
//!
//! Every sentence is cut into spans of four kinds:
//! - **quote**: inside quotation marks (straight or curly double quotes, single quotes used
//!   as quotes, «guillemets», „low-9“ quotes), nested quotes included. A quote left open at
//!   a sentence end runs into the next sentence of the paragraph; at a paragraph end it
//!   continues only when the next paragraph opens with a quotation mark (the convention for
//!   quotes over several paragraphs), else it is closed there.
//! - **scare**: a short quoted phrase (1–4 words, no sentence punctuation inside) that no
//!   speaker says: the sentence has no speech cue outside quotes, or a scare marker
//!   ("so-called") stands right before it. The outlet distances itself from the words: they
//!   are own voice, scored as evidence of the *other* side (see `score`).
//! - **reported**: attributed reported speech outside quotes: everything before a closing
//!   attribution (", <speaker> said on Tuesday.", ", says Belarus", «, — заявил X»: see
//!   `closing`); else from the first cue outside quotes: after "VERB … that" (within four
//!   words), the clause after "According to X,", the clause before ", according to X", else
//!   (with no direct quote in the sentence: the quote is the speech) everything after the
//!   verb ("Putin said Russia was ready …").
//! - **own**: everything else.
//!
//! Straight quotes carry no direction, and the cleaner turns curly quotes and guillemets into
//! straight ones; the direction is recovered from the neighbours (after a space and before a
//! word it opens, after a word and before a space or punctuation it closes, otherwise it
//! toggles), and a straight `'` is an apostrophe ("Russia's", "leaders'") unless it opens
//! before a word with a closing `'` later in the sentence. Tests check that normalised and
//! curly text split the same.

mod closing;
mod cues;
mod quotes;
mod reported;
#[cfg(test)]
mod tests;

pub use cues::{cue_kind, Label, VoiceCues, VOICE_FILES};
pub use quotes::QuoteState;

pub(crate) use closing::is_relative_pronoun;
use quotes::{is_quote_char, quote_regions};
pub use reported::{absolute_participle, is_after_modifier, is_agent_passive};
use reported::{after_modifier, find_cue, reported_tokens, unmark_absolute_frames};

use super::tokenize;
use super::tokens::ascii_lowercase;
use std::borrow::Cow;
use std::ops::Range;

/// What a span of a sentence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Own,
    Scare,
    Quote,
    Reported,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Own => "own",
            Part::Scare => "scare",
            Part::Quote => "quote",
            Part::Reported => "reported",
        }
    }

    pub fn parse(s: &str) -> Option<Part> {
        [Part::Own, Part::Scare, Part::Quote, Part::Reported]
            .into_iter()
            .find(|p| p.as_str() == s)
    }

    /// Own voice (scare quotes are the outlet's own use of the other side's words).
    pub fn is_own(self) -> bool {
        matches!(self, Part::Own | Part::Scare)
    }
}

/// A sentence's voice in one word: `own` (no quoted word), `quoted` (no own word) or `mixed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoiceKind {
    Own,
    Quoted,
    Mixed,
}

impl VoiceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            VoiceKind::Own => "own",
            VoiceKind::Quoted => "quoted",
            VoiceKind::Mixed => "mixed",
        }
    }
}

/// A byte range of the sentence and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub range: Range<usize>,
    pub part: Part,
}

/// One sentence split by voice: spans covering the whole text in order, and word counts
/// (tokens as the tokenizer counts them; scare-quoted words count as own).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceVoice {
    pub spans: Vec<Span>,
    pub own_words: usize,
    pub quoted_words: usize,
}

impl SentenceVoice {
    /// The same sentence with all its words in one part (an interview's answer quoted, the
    /// sentence before «Об этом сообщили …» reported, the formula itself own voice).
    fn as_whole(&self, part: Part) -> SentenceVoice {
        let len = self.spans.last().map_or(0, |s| s.range.end);
        let words = self.own_words + self.quoted_words;
        let (own_words, quoted_words) = if part.is_own() { (words, 0) } else { (0, words) };
        SentenceVoice {
            spans: vec![Span { range: 0..len, part }],
            own_words,
            quoted_words,
        }
    }

    pub fn kind(&self) -> VoiceKind {
        match (self.own_words, self.quoted_words) {
            (_, 0) => VoiceKind::Own,
            (0, _) => VoiceKind::Quoted,
            _ => VoiceKind::Mixed,
        }
    }

    /// The part holding byte `at`.
    /// Mark `range` scare-quoted when all of it is plain own voice (an unquoted scare
    /// marker's phrase: `crate::voice::mark_unquoted_scare`).
    pub fn mark_scare(&mut self, range: Range<usize>) {
        let own = self
            .spans
            .iter()
            .filter(|s| s.range.start < range.end && range.start < s.range.end)
            .all(|s| s.part == Part::Own);
        if own {
            // `paint` leaves an empty range alone.
            paint(&mut self.spans, range, Part::Scare);
        }
    }

    pub fn part_at(&self, at: usize) -> Part {
        // The spans are in order and do not overlap.
        holding(&self.spans, |s| &s.range, at).map_or(Part::Own, |i| self.spans[i].part)
    }

    /// The spans that are not plain own voice, as `start-end kind` joined by `; ` (the
    /// `voice_spans` column of sentences.csv).
    pub fn encode(&self) -> String {
        self.spans
            .iter()
            .filter(|s| s.part != Part::Own)
            .map(|s| format!("{}-{} {}", s.range.start, s.range.end, s.part.as_str()))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Read back what [`encode`](Self::encode) wrote (gaps are own voice).
    pub fn decode(s: &str, len: usize) -> Vec<Span> {
        let mut out = Vec::new();
        let mut at = 0;
        for item in s.split("; ").filter(|x| !x.is_empty()) {
            let Some((r, kind)) = item.split_once(' ') else {
                continue;
            };
            let Some((a, b)) = r.split_once('-') else { continue };
            let (Ok(a), Ok(b), Some(part)) = (a.parse::<usize>(), b.parse::<usize>(), Part::parse(kind)) else {
                continue;
            };
            if a < at || b > len || a >= b {
                continue;
            }
            if a > at {
                out.push(Span {
                    range: at..a,
                    part: Part::Own,
                });
            }
            out.push(Span { range: a..b, part });
            at = b;
        }
        if at < len {
            out.push(Span {
                range: at..len,
                part: Part::Own,
            });
        }
        out
    }
}

/// Split every sentence of an article, given in order with its paragraph (`None` for the
/// headline, which never shares a quote with the body).
pub fn split_article<'a>(
    cues: &VoiceCues,
    sentences: impl IntoIterator<Item = (&'a str, Option<usize>)>,
) -> Vec<SentenceVoice> {
    let sentences: Vec<_> = sentences.into_iter().collect();
    let words: Vec<Words> = sentences.iter().map(|(t, _)| Words::new(t)).collect();
    split_article_words(cues, sentences.into_iter().zip(&words).map(|((t, p), w)| (t, p, w)))
}

/// [`split_article`] given each sentence's [`Words`].
pub fn split_article_words<'a, 'w: 'a>(
    cues: &VoiceCues,
    sentences: impl IntoIterator<Item = (&'a str, Option<usize>, &'a Words<'w>)>,
) -> Vec<SentenceVoice> {
    let mut quotes = QuoteTracker::default();
    let mut out: Vec<SentenceVoice> = Vec::new();
    let mut last_para = None;
    // Each earlier sentence's text and paragraph (the dialogue-dash rule looks back).
    let mut seen: Vec<(&str, Option<usize>)> = Vec::new();
    let mut interview = Interview::default();
    for (text, para, words) in sentences {
        let new_paragraph = quotes.new_paragraph(para);
        let mut v = split_words(cues, text, words, &mut quotes.state, new_paragraph);
        if interview.answering(cues, text, para, new_paragraph) {
            v = v.as_whole(Part::Quote);
        }
        dialogue_dash(text, para, &v, &seen, &mut out);
        seen.push((text, para));
        // «Об этом сообщили в Минобороны России.»: the sentence before it, in the body (not
        // the headline) and all the outlet's own words, is what they reported — also across a
        // paragraph break, as wires print the formula as a paragraph of its own (the Russian
        // wire formula; review, session 41: it stayed own voice).
        let formula = para.is_some()
            && v.spans.iter().any(|s| s.part == Part::Reported)
            && cues.opens_with_previous(&words.lower());
        if formula {
            if let Some(prev) = out
                .last_mut()
                .filter(|p| last_para.is_some() && p.spans.iter().all(|s| s.part == Part::Own))
            {
                *prev = prev.as_whole(Part::Reported);
            }
            // The formula itself, one clause naming the speaker («Об этом заявил президент
            // Украины Владимир Зеленский в обращении к нации.»), is the attribution, own
            // voice, as a closing attribution is: its name and title were counted as the
            // speaker's words (review, session 43) — also where the sentence before is not
            // made theirs, as it holds a quotation of its own or is the headline (review R,
            // session 55: «Об этом заявил Лавров.» made «Лавров» his own words). With a
            // comma it may go on to say more («…, добавив, что …»): left as split.
            if !text.contains(',') && v.spans.iter().all(|s| matches!(s.part, Part::Own | Part::Reported)) {
                v = v.as_whole(Part::Own);
            }
        }
        out.push(v);
        last_para = para;
    }
    out
}

/// Where an interview transcript answers: a paragraph opening with an answer label ("A:":
/// [`VoiceCues::label`]) right after a paragraph opening with a question label
/// ("Q:") is the interviewee's words, quoted material (review L, session 52: the answers of a
/// Western outlet's interview with Russia's ambassador counted as the outlet's own voice, the
/// most Kremlin sentences of the article). Only that paragraph: a longer answer's next
/// paragraphs stay own voice, since nothing marks where an answer ends and the outlet's
/// reporting resumes, and in a live blog one reader's "Q:" made every later "Kyiv:" or
/// "Update:" a speaker (review M, session 52).
#[derive(Default)]
struct Interview {
    /// The paragraph of the last sentence seen opened with a question label.
    question: bool,
    /// The paragraph of the last sentence seen is an answer.
    answering: bool,
}

impl Interview {
    /// Whether the sentence `text` (of paragraph `para`, the first of it when `new_paragraph`)
    /// is part of an answer.
    fn answering(&mut self, cues: &VoiceCues, text: &str, para: Option<usize>, new_paragraph: bool) -> bool {
        if para.is_none() {
            // The headline is the outlet's.
            return false;
        }
        if new_paragraph {
            let after_question = self.question;
            let label = cues.label(text);
            self.question = label == Some(Label::Question);
            self.answering = after_question && label == Some(Label::Answer);
        }
        self.answering
    }
}

/// Russian direct speech set off by a dialogue dash over several sentences: a paragraph that
/// opens with a dash and whose speech ends in a dash and its attribution («— Киевский режим
/// срывает переговоры. Мы это видим, — сказал Песков.»). The closing attribution made only
/// the last sentence reported; the sentences before it, all in the outlet's own words as far
/// as the split could tell, were the speaker's claims in the outlet's voice (review, session
/// 43). They are now quoted, as the same words in «…» are. The cleaner writes «—» as ` - `.
fn dialogue_dash(
    text: &str,
    para: Option<usize>,
    v: &SentenceVoice,
    seen: &[(&str, Option<usize>)],
    out: &mut [SentenceVoice],
) {
    // The cheap tests first: this runs on every sentence, and few have reported speech.
    let dash_attribution = para.is_some()
        && v.spans.iter().any(|s| s.part == Part::Reported)
        && v.spans
            .first()
            .is_some_and(|s| s.part == Part::Reported || s.range.end <= 2)
        && [", - ", ", — ", ", – "].iter().any(|d| text.contains(d));
    if !dash_attribution {
        return;
    }
    // The sentences before it in its paragraph, all own voice, back to the paragraph's first.
    let mut k = out.len();
    while k > 0 && seen[k - 1].1 == para && out[k - 1].spans.iter().all(|s| s.part == Part::Own) {
        k -= 1;
    }
    let opens_paragraph = k == 0 || seen[k - 1].1 != para;
    let opens_with_dash = |t: &str| ["- ", "— ", "– "].iter().any(|d| t.trim_start().starts_with(d));
    if k == out.len() || !opens_paragraph || !opens_with_dash(seen[k].0) {
        return;
    }
    for prev in &mut out[k..] {
        *prev = prev.as_whole(Part::Quote);
    }
}

/// Which tokens of each sentence of an article lie inside quotation marks, with quotes
/// carried from sentence to sentence and closed at a paragraph end exactly as
/// [`split_article`] carries them. Sourcing reads it: in a quote over two sentences
/// (`"The drills are defensive. We threaten no one," Peskov said.`) the second sentence's
/// speaker stands *after* its closing mark, outside the quote.
#[derive(Debug, Default)]
pub struct QuoteTracker {
    state: QuoteState,
    last_para: Option<Option<usize>>,
    /// The last sentence's quote regions (byte ranges).
    regions: Vec<std::ops::Range<usize>>,
}

/// How one sentence's quotes meet its neighbours'.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QuoteCarry {
    /// The sentence starts inside a quote opened by an earlier sentence.
    pub carried_in: bool,
    /// A quote is still open at the sentence's end.
    pub runs_out: bool,
}

impl QuoteTracker {
    /// Whether a sentence of paragraph `para` starts a new paragraph (`None`, the headline,
    /// always does).
    fn new_paragraph(&mut self, para: Option<usize>) -> bool {
        let new = self.last_para != Some(para) || para.is_none();
        self.last_para = Some(para);
        new
    }

    /// The next sentence of the article: into `quoted`, whether each of its `tokens` (their
    /// lowercase `lower`) is inside quotation marks, names in quotation marks aside, as the
    /// voice split reads them (`cues` for the scare markers).
    pub fn next_sentence(
        &mut self,
        cues: &VoiceCues,
        text: &str,
        para: Option<usize>,
        tokens: &[super::tokens::Token],
        lower: &[Cow<'_, str>],
        quoted: &mut Vec<bool>,
    ) -> QuoteCarry {
        let new_paragraph = self.new_paragraph(para);
        let mut regions = quote_regions(text, &mut self.state, new_paragraph);
        regions.retain(|r| !quoted_name(cues, text, r, tokens, lower));
        quoted.clear();
        quoted.extend(
            tokens
                .iter()
                .map(|t| holding(&regions, |r| &r.range, t.span.start).is_some()),
        );
        self.regions.clear();
        self.regions.extend(regions.iter().map(|r| r.range.clone()));
        QuoteCarry {
            carried_in: regions.first().is_some_and(|r| r.carried_in),
            runs_out: regions.last().is_some_and(|r| r.runs_out),
        }
    }

    /// For the sentence last given to [`next_sentence`](Self::next_sentence) (its `text`,
    /// `tokens`, their lowercase and `quoted`): the byte offset of the comma before a closing
    /// attribution ("…, Foreign Minister X said on Monday."), as the voice split finds it.
    /// What stands before it is the speaker's reported speech.
    pub fn closing_comma(
        &self,
        cues: &VoiceCues,
        text: &str,
        tokens: &[super::tokens::Token],
        lower: &[Cow<'_, str>],
        quoted: &[bool],
    ) -> Option<usize> {
        let in_quote = |at: usize| holding(&self.regions, |r| r, at).is_some();
        closing::closing_attribution(cues, text, tokens, lower, quoted, &in_quote)
    }
}

/// Lowercased, borrowing when the token already is (most are; this runs on every token of
/// every sentence, and an owned copy per token was a large share of `score`'s allocations).
/// The same as `str::to_lowercase`: an ASCII string without capitals is its own lowercase.
pub(crate) fn lowercase(t: &str) -> Cow<'_, str> {
    if t.is_ascii() && !t.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(t.to_lowercase())
    }
}

/// A sentence's tokens ([`tokenize`]) and, for ASCII text, the sentence lowercased once:
/// what the voice split and sourcing both read, so a scoring pass tokenizes each sentence
/// once for the two of them.
pub struct Words<'a> {
    pub tokens: Vec<super::tokens::Token<'a>>,
    lowered: Option<String>,
}

impl<'a> Words<'a> {
    pub fn new(text: &'a str) -> Words<'a> {
        Words {
            tokens: tokenize(text),
            lowered: ascii_lowercase(text),
        }
    }

    /// Each token lowercased (as `str::to_lowercase` would).
    pub fn lower(&self) -> Vec<Cow<'_, str>> {
        lower_tokens(&self.tokens, self.lowered.as_deref())
    }

    /// Whether the sentence is ASCII (then each lowercase token is cut from one string).
    pub fn is_ascii(&self) -> bool {
        self.lowered.is_some()
    }
}

/// Each token lowercased: cut from `lowered` (the sentence's [`ascii_lowercase`]) when there
/// is one, else [`lowercase`]d. Either way the same strings as `str::to_lowercase`.
fn lower_tokens<'a>(tokens: &[super::tokens::Token<'a>], lowered: Option<&'a str>) -> Vec<Cow<'a, str>> {
    match lowered {
        Some(l) => tokens.iter().map(|t| Cow::Borrowed(&l[t.span.clone()])).collect(),
        None => tokens.iter().map(|t| lowercase(t.text)).collect(),
    }
}

/// Split one sentence, given the quotes left open by the previous one.
pub fn split_sentence(cues: &VoiceCues, text: &str, state: &mut QuoteState, new_paragraph: bool) -> SentenceVoice {
    split_words(cues, text, &Words::new(text), state, new_paragraph)
}

/// [`split_sentence`] given the sentence's [`Words`].
fn split_words(
    cues: &VoiceCues,
    text: &str,
    words: &Words,
    state: &mut QuoteState,
    new_paragraph: bool,
) -> SentenceVoice {
    let tokens = &words.tokens;
    let lower = words.lower();
    let mut regions = quote_regions(text, state, new_paragraph);
    regions.retain(|r| !quoted_name(cues, text, r, tokens, &lower));
    let region_of = |at: usize| holding(&regions, |r| &r.range, at);
    let quoted: Vec<bool> = tokens.iter().map(|t| region_of(t.span.start).is_some()).collect();
    let in_quote = |at: usize| region_of(at).is_some();
    let modified = after_modifier(cues, text, tokens, &lower);
    let cue = find_cue(cues, &lower, &quoted, &modified);
    // Scare quotes: short, whole, and nobody's (no cue), marked ("so-called") or an acronym.
    let acronym: Vec<bool> = regions.iter().map(|r| quoted_acronym(text, r, tokens)).collect();
    let scare: Vec<bool> = regions
        .iter()
        .zip(&acronym)
        .map(|(r, &acronym)| {
            if r.carried_in || r.runs_out {
                return false;
            }
            let inner = tokens_within(tokens, &r.range).len();
            term_shaped(text, r, inner) && (scare_marked(cues, r, tokens, &lower) || cue.is_none() || acronym)
        })
        .collect();
    let direct_quote = scare.iter().any(|s| !s);
    let mut reported = reported_tokens(
        cues,
        text,
        tokens,
        &lower,
        &quoted,
        &modified,
        cue,
        direct_quote,
        &in_quote,
    );
    unmark_absolute_frames(cues, text, tokens, &lower, &mut reported);
    let mut spans = vec![Span {
        range: 0..text.len(),
        part: Part::Own,
    }];
    // Reported runs (contiguous reported tokens, with what lies between them).
    let mut i = 0;
    while i < tokens.len() {
        if !reported[i] {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < tokens.len() && (reported[j + 1] || quoted[j + 1]) {
            j += 1;
        }
        paint(&mut spans, tokens[i].span.start..tokens[j].span.end, Part::Reported);
        i = j + 1;
    }
    // Where reported words end first and start last: read once, not per region (a sentence
    // of 16,000 quotations read every token for each; review, session 48).
    let reported_tokens = || {
        reported
            .iter()
            .zip(tokens)
            .filter(|(rep, _)| **rep)
            .map(|(_, t)| &t.span)
    };
    let first_end = reported_tokens().map(|t| t.end).min();
    let last_start = reported_tokens().map(|t| t.start).max();
    for ((r, s), acronym) in regions.iter().zip(&scare).zip(&acronym) {
        // A scare-shaped phrase inside someone's reported words is theirs — but for an
        // acronym's marks, which no speaker says: reported words are the outlet's wording.
        let inside_reported =
            first_end.is_some_and(|e| e <= r.range.start) && last_start.is_some_and(|s| s >= r.range.end);
        let part = if *s && (!inside_reported || *acronym) {
            Part::Scare
        } else {
            Part::Quote
        };
        paint(&mut spans, r.range.clone(), part);
    }
    let mut v = SentenceVoice {
        spans,
        own_words: 0,
        quoted_words: 0,
    };
    for t in tokens {
        if v.part_at(t.span.start).is_own() {
            v.own_words += 1;
        } else {
            v.quoted_words += 1;
        }
    }
    v
}

/// A term, not a clause: 1–4 words, no clause punctuation inside, no full stop at its end.
///
/// A comma or full stop right inside the closing mark is the sentence's, not the phrase's,
/// when the phrase does not open the sentence: American style puts it there (`calls it a
/// "special military operation."`, `… operation," a term …`) where British style puts it after
/// the mark (`… operation".`). Read as the phrase's, the same words were a quotation in one
/// style and a scare quote in the other, and an article's sign followed its house style
/// (review, session 44: −0.138 against −0.492). A quotation that opens its sentence
/// (`"We won."`) keeps its full stop: it is speech.
/// The index of the item whose range holds byte `at`, among `items` in order with ranges
/// that do not overlap (quotation regions, voice spans): a binary search, since a sentence of
/// thousands of quotations asked every region for every token (review, session 48).
fn holding<T>(items: &[T], range: impl Fn(&T) -> &Range<usize>, at: usize) -> Option<usize> {
    let i = items.partition_point(|x| range(x).end <= at);
    items.get(i).filter(|x| range(x).contains(&at)).map(|_| i)
}

/// The tokens (in order) that start inside `range`.
fn tokens_within<'t, 'a>(
    tokens: &'t [super::tokens::Token<'a>],
    range: &Range<usize>,
) -> &'t [super::tokens::Token<'a>] {
    let first = tokens.partition_point(|t| t.span.start < range.start);
    let end = tokens.partition_point(|t| t.span.start < range.end).max(first);
    &tokens[first..end]
}

fn term_shaped(text: &str, r: &quotes::Region, words: usize) -> bool {
    let inner = text[r.range.clone()].trim_end_matches(is_quote_char).trim_end();
    let opens_sentence = text[..r.range.start].trim().is_empty();
    let inner = match inner.strip_suffix([',', '.']) {
        Some(phrase) if !opens_sentence && !phrase.ends_with('.') => phrase,
        _ => inner,
    };
    (1..=4).contains(&words) && !inner.contains([',', ';', ':', '!', '?']) && !inner.ends_with('.')
}

/// A scare marker ("so-called", «так называемый», «якобы») right before the quotation.
fn scare_marked(cues: &VoiceCues, r: &quotes::Region, tokens: &[super::tokens::Token], lower: &[Cow<'_, str>]) -> bool {
    // The last token ending before the quotation (tokens are in order).
    let before = tokens.partition_point(|t| t.span.end <= r.range.start).checked_sub(1);
    before.is_some_and(|i| {
        let one = &*lower[i];
        let two = i.checked_sub(1).map(|j| format!("{} {}", lower[j], lower[i]));
        cues.scare.iter().any(|s| s == one || Some(s) == two.as_ref())
    })
}

/// A Cyrillic name in quotation marks («"Азовсталь"», «"Новая газета Европа"», «"Правого
/// сектора"»): Russian orthography puts the names of organisations, enterprises, media,
/// parties and ships in quotation marks, so these marks say nothing of voice, and reading
/// them as a quote or a scare quote (which counts the words for the other side) misreads
/// the sentence. A name here is term-shaped, not marked as a scare quote, not the sentence's
/// first word (where a capital says nothing), not after a colon or a dash (speech), and
/// opens with a capitalised Cyrillic word that is not all capitals: an acronym in quotation
/// marks («глава "ДНР"») is the distancing the marks usually are. English does not quote
/// names this way ("Kiev regime" in quotation marks is a scare quote), so Latin text is left
/// as it was.
fn quoted_name(
    cues: &VoiceCues,
    text: &str,
    r: &quotes::Region,
    tokens: &[super::tokens::Token],
    lower: &[Cow<'_, str>],
) -> bool {
    if r.carried_in || r.runs_out {
        return false;
    }
    let first = tokens.partition_point(|t| t.span.start < r.range.start);
    let words = tokens_within(tokens, &r.range).len();
    if words == 0 {
        return false;
    }
    // The cheap test first: it turns down every Latin quotation (this runs on each quotation
    // of every sentence, in the voice split and in sourcing).
    let mut letters = tokens[first].text.chars().filter(|c| c.is_alphabetic());
    let capital_cyrillic = letters.next().is_some_and(|c| matches!(c, 'А'..='Я' | 'Ё'));
    if !capital_cyrillic || !letters.any(|c| c.is_lowercase()) || first == 0 {
        return false;
    }
    term_shaped(text, r, words)
        && !scare_marked(cues, r, tokens, lower)
        && !text[..r.range.start].trim_end().ends_with([':', '—', '–', '-'])
}

/// An acronym in quotation marks inside the sentence («глава "ДНР" Денис Пушилин
/// заявил …»): the outlet's distancing from a name, also where a speech cue stands elsewhere
/// in the sentence, which made every other short quotation the speaker's words (review R,
/// session 55: the marks became "the quote" and the Kremlin phrase «глава ДНР» around them
/// counted in the outlet's own voice); English distances the same way (the head of the
/// "DPR" said …). Also inside reported words, which are the outlet's paraphrase: no speaker
/// says quotation marks around an acronym. Up to three words, each of two to five capitals
/// (digits allowed; a longer word in capitals is a written word quoted — "CHILDREN" painted
/// on the ground outside the Mariupol theatre —, not an acronym); not
/// opening the sentence and not after a colon or a dash (speech).
fn quoted_acronym(text: &str, r: &quotes::Region, tokens: &[super::tokens::Token]) -> bool {
    let first = tokens.partition_point(|t| t.span.start < r.range.start);
    let inner = tokens_within(tokens, &r.range);
    let acronym =
        |w: &str| (2..=5).contains(&w.chars().count()) && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
    !r.carried_in
        && !r.runs_out
        && first > 0
        && (1..=3).contains(&inner.len())
        && inner
            .iter()
            .all(|t| acronym(t.text) && t.text.chars().any(char::is_alphabetic))
        && !text[..r.range.start].trim_end().ends_with([':', '—', '–', '-'])
}

/// Overlay `part` on `range`, splitting the spans it cuts. `spans` are in order and do not
/// overlap; only those `range` touches are replaced (found by binary search), so painting a
/// sentence's n quotations left to right costs n log n, not n²: a 176 KB sentence of 16,000
/// quoted words took 8 s when every paint rebuilt the whole list (review, session 48).
fn paint(spans: &mut Vec<Span>, range: Range<usize>, part: Part) {
    if range.is_empty() {
        return;
    }
    let i = spans.partition_point(|s| s.range.end <= range.start);
    let j = spans.partition_point(|s| s.range.start < range.end).max(i);
    let mut middle: Vec<Span> = Vec::with_capacity(3);
    if let Some(first) = spans.get(i).filter(|s| i < j && s.range.start < range.start) {
        middle.push(Span {
            range: first.range.start..range.start,
            part: first.part,
        });
    }
    let tail = (i < j)
        .then(|| &spans[j - 1])
        .filter(|s| s.range.end > range.end)
        .map(|s| Span {
            range: range.end..s.range.end,
            part: s.part,
        });
    middle.push(Span { range, part });
    middle.extend(tail);
    let at = i;
    spans.splice(i..j, middle.iter().cloned());
    // Merge neighbours of the same part around what was replaced.
    let (lo, hi) = (at.saturating_sub(1), (at + middle.len()).min(spans.len() - 1));
    let mut k = hi;
    while k > lo {
        let (a, b) = (&spans[k - 1], &spans[k]);
        if a.part == b.part && a.range.end == b.range.start {
            spans[k - 1].range.end = spans[k].range.end;
            spans.remove(k);
        }
        k -= 1;
    }
}
