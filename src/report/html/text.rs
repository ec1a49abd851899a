//! Text for the HTML report: escaping, and lexicon hits marked inside a sentence.
//!
//! **How hits are located.** `sentences.csv` lists, per sentence, the lexicon entries that
//! fired (matched on stems by the analyzer). The report does not re-run the analyzer; it
//! finds each entry's phrase in the sentence text, case-insensitively (ASCII) at a word start:
//! first literally, else with the phrase's last word cut to its first `max(4, len − 3)`
//! characters, extended to the end of the word in the text (so `guarantees` finds
//! "guarantee", `separatists` finds "separatist"). A hit found neither way is still listed in
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

/// Byte ranges in `text` where `phrase` occurs at a word start (see the module docs).
fn find(text: &str, phrase: &str) -> Vec<(usize, usize)> {
    let hay = text.to_ascii_lowercase();
    let needle = phrase.trim().to_ascii_lowercase();
    if needle.is_empty() {
        return vec![];
    }
    let starts_word = |i: usize| !is_word_char(hay[..i].chars().next_back());
    let word_end = |mut i: usize| {
        while let Some(c) = hay[i..].chars().next().filter(|c| c.is_alphanumeric()) {
            i += c.len_utf8();
        }
        i
    };
    let scan = |n: &str, extend: bool| -> Vec<(usize, usize)> {
        let mut out = vec![];
        let mut from = 0;
        while let Some(k) = hay[from..].find(n) {
            let s = from + k;
            let e = s + n.len();
            let ends_ok = !is_word_char(hay[e..].chars().next());
            if starts_word(s) && (extend || ends_ok) {
                out.push((s, if extend { word_end(e) } else { e }));
            }
            from = s + n.len().max(1);
            while !hay.is_char_boundary(from) {
                from += 1;
            }
        }
        out
    };
    let literal = scan(&needle, false);
    if !literal.is_empty() {
        return literal;
    }
    let (head, last) = match needle.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l.to_string()),
        None => (String::new(), needle.clone()),
    };
    let chars: Vec<char> = last.chars().collect();
    let keep = chars.len().saturating_sub(3).max(4).min(chars.len());
    let stem: String = chars[..keep].iter().collect();
    scan(&format!("{head}{stem}"), true)
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

    #[test]
    fn matches_need_a_word_start_and_unknown_hits_change_nothing() {
        assert!(find("Sukyiv and Kyiv", "kyiv") == vec![(11, 15)]);
        assert_eq!(mark_hits("nothing here", &[("absent", Side::Kremlin)]), "nothing here");
        // Non-ASCII text keeps valid boundaries.
        let h = mark_hits("Київ — Kyiv’s «war»", &[("Kyiv", Side::Western)]);
        assert!(h.contains(">Kyiv</u>’s"), "{h}");
    }
}
