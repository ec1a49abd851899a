//! Text for the HTML report: escaping, and lexicon hits marked inside a sentence.
//!
//! **How hits are located.** `sentences.csv` lists, per sentence, the lexicon entries that
//! fired (matched on stems by the analyzer). The report does not re-run the analyzer; it
//! finds each entry's phrase in the sentence text, case-insensitively at a word start:
//! first literally, else with the phrase's last word cut to its first `max(4, len − 3)`
//! characters, extended to the end of the word in the text (so `guarantees` finds
//! "guarantee", `separatists` finds "separatist"), else with every word so cut and extended
//! (a Russian phrase inflects every word). Case is folded for every letter whose lowercase
//! has the same length (Cyrillic too). A hit found none of these ways is still listed in
//! the sentence's tooltip, just not underlined. Overlapping matches keep the earliest, then
//! the longest.

use crate::corpus::Side;

/// The report's HTML escaper: `&`, `<`, `>`, `"` and `'` as `&amp;`, `&lt;`, `&gt;`, `&quot;`
/// and `&#39;`. askama escapes every `{{ }}` of the report's templates with it (askama.toml
/// registers it for `.html` templates): askama's own escaper escapes the same five characters,
/// but as numeric entities (`&#38;`, `&#60;`, ...), which would change the page's bytes.
#[derive(Debug, Clone, Copy)]
pub struct Esc;

impl askama::filters::Escaper for Esc {
    fn write_escaped_str<W: std::fmt::Write>(&self, mut dest: W, s: &str) -> std::fmt::Result {
        let mut last = 0;
        for (i, b) in s.bytes().enumerate() {
            let entity = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => continue,
            };
            dest.write_str(&s[last..i])?;
            dest.write_str(entity)?;
            last = i + 1;
        }
        dest.write_str(&s[last..])
    }
}

/// Escape text for HTML element content and quoted attribute values ([`Esc`]), for the
/// fragments built here and in the comparator's badges.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let _ = askama::filters::Escaper::write_escaped_str(&Esc, &mut out, s);
    out
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// `s` lowercased character by character where that keeps the byte length (every Cyrillic
/// and Latin letter; `İ`, whose lowercase is longer, stays as it is), so that byte offsets in
/// the result are offsets in `s`.
fn lower_same_length(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        })
        .collect()
}

/// Whether byte `i` of `hay` starts a word.
fn starts_word(hay: &str, i: usize) -> bool {
    !is_word_char(hay[..i].chars().next_back())
}

/// The end of the word running on from byte `i` of `hay`.
fn word_end(hay: &str, mut i: usize) -> usize {
    while let Some(c) = hay[i..].chars().next().filter(|c| c.is_alphanumeric()) {
        i += c.len_utf8();
    }
    i
}

/// The start of `word` kept for an inflected match: its first `max(4, len − 3)` characters.
fn stem_prefix(word: &str) -> &str {
    let n = word.chars().count();
    let keep = n.saturating_sub(3).max(4).min(n);
    word.char_indices().nth(keep).map_or(word, |(i, _)| &word[..i])
}

/// Where every word of a phrase occurs inflected, from a word start in `hay`: each word's
/// [`stem_prefix`] extended to the end of the word, the words separated by whitespace (a
/// Russian phrase inflects every word: «специальной военной операции» for the entry
/// «специальная военная операция»; review, session 49).
fn scan_words(hay: &str, words: &[&str]) -> Vec<(usize, usize)> {
    let Some((first, rest)) = words.split_first() else {
        return vec![];
    };
    let first = stem_prefix(first);
    let mut out = vec![];
    let mut from = 0;
    while let Some(k) = hay[from..].find(first) {
        let s = from + k;
        from = s + first.len();
        if !starts_word(hay, s) {
            continue;
        }
        let mut e = word_end(hay, s + first.len());
        let whole = rest.iter().all(|w| {
            let gap = hay[e..].len() - hay[e..].trim_start().len();
            let at = e + gap;
            let p = stem_prefix(w);
            if gap == 0 || !hay[at..].starts_with(p) {
                return false;
            }
            e = word_end(hay, at + p.len());
            true
        });
        if whole {
            out.push((s, e));
            from = e;
        }
    }
    out
}

/// Byte ranges in `text` where `phrase` occurs at a word start (see the module docs).
fn find(text: &str, phrase: &str) -> Vec<(usize, usize)> {
    let hay = lower_same_length(text);
    // An exact-form entry (`"demilitarisation"`) is found as written, without its quotes.
    let exact = crate::lexicon::exact_phrase(phrase);
    let needle = lower_same_length(exact.unwrap_or(phrase).trim());
    if needle.is_empty() {
        return vec![];
    }
    let scan = |n: &str, extend: bool| -> Vec<(usize, usize)> {
        let mut out = vec![];
        let mut from = 0;
        while let Some(k) = hay[from..].find(n) {
            let s = from + k;
            let e = s + n.len();
            let ends_ok = !is_word_char(hay[e..].chars().next());
            if starts_word(&hay, s) && (extend || ends_ok) {
                out.push((s, if extend { word_end(&hay, e) } else { e }));
            }
            from = s + n.len().max(1);
            while !hay.is_char_boundary(from) {
                from += 1;
            }
        }
        out
    };
    let literal = scan(&needle, false);
    if !literal.is_empty() || exact.is_some() {
        return literal;
    }
    let (head, last) = match needle.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), needle.as_str()),
    };
    let last_inflected = scan(&format!("{head}{}", stem_prefix(last)), true);
    if !last_inflected.is_empty() || head.is_empty() {
        return last_inflected;
    }
    scan_words(&hay, &needle.split_whitespace().collect::<Vec<_>>())
}

/// The sentence as escaped HTML with every located hit wrapped in
/// `<u class="hit k|w" title="Kremlin|Western lexicon: phrase">`.
pub fn mark_hits(text: &str, hits: &[(&str, Side)]) -> String {
    let mut spans: Vec<(usize, usize, &str, Side)> = vec![];
    let mut seen: Vec<&str> = vec![];
    for &(p, side) in hits {
        if seen.contains(&p) {
            continue;
        }
        seen.push(p);
        spans.extend(find(text, p).into_iter().map(|(s, e)| (s, e, p, side)));
    }
    spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out = String::with_capacity(text.len() * 2);
    let mut at = 0;
    for (s, e, p, side) in spans {
        if s < at {
            continue;
        }
        out.push_str(&esc(&text[at..s]));
        let (class, name) = match side {
            Side::Kremlin => ("k", "Kremlin"),
            Side::Western => ("w", "Western"),
        };
        out.push_str(&format!(
            "<u class=\"hit {class}\" title=\"{name} lexicon: {}\">{}</u>",
            esc(p),
            esc(&text[s..e])
        ));
        at = e;
    }
    out.push_str(&esc(&text[at..]));
    out
}

/// The sentence as escaped HTML with its quoted material wrapped in
/// `<span class="v quote|reported|scare">` (spans as in sentences.csv's `voice_spans`) and
/// lexicon hits marked inside each part ([`mark_hits`]).
pub fn mark_voice(text: &str, voice_spans: &str, hits: &[(&str, Side)]) -> String {
    use crate::text::voice::{Part, SentenceVoice};
    let spans = SentenceVoice::decode(voice_spans, text.len());
    let mut out = String::with_capacity(text.len() * 2);
    for s in spans {
        let Some(part) = text.get(s.range.clone()) else {
            return mark_hits(text, hits);
        };
        if s.part == Part::Own {
            out.push_str(&mark_hits(part, hits));
        } else {
            let name = s.part.as_str();
            let title = match s.part {
                Part::Scare => "scare quote: the outlet distancing itself (own voice, counted for the other side)",
                Part::Reported => "reported speech (quoted material)",
                _ => "direct quote (quoted material)",
            };
            out.push_str(&format!(
                "<span class=\"v {name}\" title=\"{title}\">{}</span>",
                mark_hits(part, hits)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_spans_are_wrapped_and_escaped() {
        let t = "Drills are \"purely <b>defensive</b>\", Putin said.";
        let h = mark_voice(t, "0-11 reported; 11-36 quote", &[("defensive", Side::Kremlin)]);
        assert!(h.starts_with("<span class=\"v reported\""), "{h}");
        assert!(
            h.contains("<span class=\"v quote\" title=\"direct quote (quoted material)\">&quot;purely &lt;b&gt;"),
            "{h}"
        );
        assert!(h.contains("<u class=\"hit k\""), "{h}");
        assert!(h.ends_with(", Putin said."), "{h}");
        // No spans: the plain marked sentence.
        assert_eq!(mark_voice(t, "", &[]), mark_hits(t, &[]));
    }

    #[test]
    fn escaping_neutralises_markup() {
        assert_eq!(
            esc("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        // Only those five characters change; other text (multi-byte too) is kept.
        assert_eq!(esc("Київ — «war» / 1"), "Київ — «war» / 1");
        assert_eq!(esc("&&"), "&amp;&amp;");
        let h = mark_hits("a <script>alert(1)</script> Kyiv", &[("Kyiv", Side::Western)]);
        assert!(!h.contains("<script"), "{h}");
        assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{h}");
    }

    #[test]
    fn hits_are_marked_literally_or_by_inflection() {
        let h = mark_hits(
            "Moscow-backed separatist forces and the Kiev regime's guarantee.",
            &[
                ("Moscow-backed", Side::Western),
                ("separatists", Side::Western),
                ("Kiev regime", Side::Kremlin),
                ("Kiev", Side::Kremlin),
                ("guarantees", Side::Kremlin),
            ],
        );
        assert!(
            h.contains("<u class=\"hit w\" title=\"Western lexicon: Moscow-backed\">Moscow-backed</u>"),
            "{h}"
        );
        assert!(h.contains(">separatist</u> forces"), "{h}");
        // The longer entry wins over the one inside it.
        assert!(
            h.contains("title=\"Kremlin lexicon: Kiev regime\">Kiev regime</u>"),
            "{h}"
        );
        assert!(!h.contains("lexicon: Kiev\""), "{h}");
        assert!(h.contains(">guarantee</u>."), "{h}");
    }

    /// Russian hits: capitalised, and every word of a phrase inflected (review, session 49:
    /// 48 of 109 hits were underlined in a Russian run).
    #[test]
    fn russian_hits_are_marked_capitalised_and_inflected_in_every_word() {
        let h = mark_hits(
            "Аннексия Крыма и удары по коллективного Запада: конец специальной военной операции.",
            &[
                ("аннексия", Side::Western),
                ("коллективный запад", Side::Kremlin),
                ("специальная военная операция", Side::Kremlin),
            ],
        );
        assert!(
            h.starts_with("<u class=\"hit w\" title=\"Western lexicon: аннексия\">Аннексия</u> Крыма"),
            "{h}"
        );
        assert!(h.contains(">коллективного Запада</u>:"), "{h}");
        assert!(h.contains(">специальной военной операции</u>."), "{h}");
        // Every word must be there, in order, at word starts.
        assert_eq!(
            find("военной специальной операции", "специальная военная операция"),
            vec![]
        );
        assert_eq!(
            find("неспециальной военной операции", "специальная военная операция"),
            vec![]
        );
        // Byte offsets are the text's: a letter whose lowercase is longer stays as it is.
        assert_eq!(find("İ Запад", "запад"), vec![(3, 13)]);
    }

    #[test]
    fn an_exact_form_entry_is_found_as_written_without_its_quotes() {
        let t = "The demilitarization of Ukraine, not a demilitarized zone.";
        assert_eq!(find(t, "\"demilitarization\""), vec![(4, 20)]);
        assert_eq!(find(t, "«Demilitarized zone»"), vec![(39, 57)]);
        // No inflected form: the stem search is for unquoted entries.
        assert_eq!(find("demilitarizations", "\"demilitarization\""), vec![]);
        assert_eq!(find("demilitarizations", "demilitarization"), vec![(0, 17)]);
    }

    #[test]
    fn matches_need_a_word_start_and_unknown_hits_change_nothing() {
        assert!(find("Sukyiv and Kyiv", "kyiv") == vec![(11, 15)]);
        assert_eq!(mark_hits("nothing here", &[("absent", Side::Kremlin)]), "nothing here");
        // Non-ASCII text keeps valid boundaries.
        let h = mark_hits("Київ — Kyiv’s «war»", &[("Kyiv", Side::Western)]);
        assert!(h.contains(">Kyiv</u>’s"), "{h}");
    }
}
