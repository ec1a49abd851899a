//! Turning the bytes of a scraped file into text, or saying why they are not text.

/// Bytes decoded to text, with what had to be repaired on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// Human-readable notes (lossy decoding, HTML stripped …), printed as warnings.
    pub warnings: Vec<String>,
}

/// Why a file's bytes cannot be an article.
#[derive(Debug, Clone, PartialEq)]
pub enum NotText {
    Empty,
    Binary,
    /// UTF-16 (a byte-order mark FF FE or FE FF): what Windows tools ("Unicode" in Notepad
    /// and Excel) save; it was reported as binary (review, session 30).
    Utf16,
    /// Not UTF-8, and decoding it lossily lost most of its letters: a legacy encoding
    /// (Windows-1251 or KOI8-R Russian) whose every Cyrillic letter became U+FFFD. It was
    /// scored as an empty English article, 0.000 (review, session 41).
    Legacy {
        lost: usize,
        letters: usize,
    },
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotText::Empty => write!(f, "empty file (no text)"),
            NotText::Binary => write!(f, "binary file (contains NUL bytes), not text"),
            NotText::Utf16 => write!(
                f,
                "UTF-16 text (a UTF-16 byte-order mark, or a NUL in every other byte); framescope reads UTF-8: save the file as UTF-8"
            ),
            NotText::Legacy { lost, letters } => write!(
                f,
                "not UTF-8: it decodes to {lost} undecodable characters and {letters} letters — a legacy encoding such as Windows-1251 or KOI8-R? framescope reads UTF-8: convert it first, e.g. `iconv -f cp1251 -t utf-8 FILE > NEW`"
            ),
        }
    }
}

/// The warning for text that is not UTF-8 from byte `at` on (of its file, line or field).
pub fn lossy_note(at: usize) -> String {
    format!("invalid UTF-8 at byte {at}: decoded lossily (bad bytes became U+FFFD)")
}

/// Whether `bytes` are UTF-16 without a byte-order mark: at least 16 bytes, and among the
/// first 4 KiB, the bytes at even (or at odd) positions — the high bytes of the code units —
/// are ≥ 90% NUL, or NUL and one other value (Cyrillic's 0x04), NUL among them at least 5%:
/// as text saved by a tool that writes no BOM is. Review J, session 51: such a file was
/// "binary (contains NUL bytes)", which did not say how to fix it.
fn looks_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 16 {
        return false;
    }
    let pairs = head.len() / 2;
    (0..2).any(|parity| {
        let mut counts = [0usize; 256];
        for &b in head.iter().skip(parity).step_by(2) {
            counts[b as usize] += 1;
        }
        let nul = counts[0];
        let other = counts[1..].iter().max().copied().unwrap_or(0);
        nul * 20 >= pairs && (nul + other) * 10 >= pairs * 9
    })
}

/// Whether `bytes` open with a UTF-16 byte-order mark (FF FE or FE FF).
pub fn starts_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")
}

/// Decode article bytes: strip a UTF-8 BOM, decode invalid UTF-8 lossily (with a warning:
/// we keep the article rather than refuse it, because scraped Latin-1 text is still mostly
/// readable English), unify CRLF / lone CR line endings, and refuse binary data.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if starts_utf16(bytes) || looks_utf16(bytes) {
        return Err(NotText::Utf16);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(NotText::Binary);
    }
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            // Scraped Latin-1 English loses an accent here and there; a legacy Cyrillic
            // encoding loses every letter. More lost than kept is no article.
            let lost = text.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
            let letters = text.chars().filter(|c| c.is_alphabetic()).count();
            if lost > letters {
                return Err(NotText::Legacy { lost, letters });
            }
            // A Western single-byte encoding keeps most letters (the file is read) but loses
            // its curly quotes and dashes, which the voice split reads: say how to convert it,
            // as the legacy Cyrillic refusal does (review, session 44). But a file whose
            // other non-ASCII characters decode is UTF-8 with a damaged byte or two:
            // converting it from cp1252 fails, or forced turns every Cyrillic letter into
            // mojibake (review R, session 55).
            let decoded = text
                .chars()
                .filter(|&c| !c.is_ascii() && c != char::REPLACEMENT_CHARACTER)
                .count();
            if decoded > lost {
                warnings.push(format!(
                    "{}: {lost} bad character(s) among {decoded} that decode, so this is UTF-8 with damaged bytes, not another encoding (do not convert it); fix those bytes if the words there matter",
                    lossy_note(e.valid_up_to())
                ));
            } else {
                warnings.push(format!(
                    "{} — Windows-1252 or Latin-1? convert it first: `iconv -f cp1252 -t utf-8 FILE > NEW`",
                    lossy_note(e.valid_up_to())
                ));
            }
            text
        }
    };
    let (text, note) = markup_to_text(unify_newlines(&text));
    warnings.extend(note);
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    Ok(Decoded { text, warnings })
}

/// CRLF and lone CR both become LF, so line 1 is the headline whatever the platform.
pub fn unify_newlines(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_string();
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// A page (`<!doctype html>`, `<html>`, a `<head>`/`<body>` near the start) or a fragment, as
/// news APIs and feeds deliver a body (`<p>…</p>`, `<br>`): plain text never closes a
/// paragraph or a link, so one closing block or inline tag is enough; nor does it open a
/// paragraph, a division or an image with a tag (`<p>`, `<div class=…>`, `<img src=…>`), which
/// bodies written with opening tags alone use (review, session 44: such a body was one
/// sentence, its `alt` text scored).
pub(super) fn looks_like_html(s: &str) -> bool {
    use regex::Regex;
    use std::sync::OnceLock;
    static FRAGMENT: OnceLock<[Regex; 2]> = OnceLock::new();
    let head: String = s.trim_start().chars().take(200).collect::<String>().to_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<') && (head.contains("<body") || head.contains("<head")))
    {
        return true;
    }
    let [closing, opening] = FRAGMENT.get_or_init(|| {
        [
            Regex::new(
                r"(?i)</(p|div|li|h[1-6]|a|span|strong|em|b|i|blockquote|figure|figcaption|article|section|ul|ol|td|tr|table)\s*>|<br\s*/?>|<img\s[^<>]*\b(src|alt)\s*=",
            )
            .unwrap(),
            Regex::new(r#"(?i)<(p|div)(\s+[a-z-]+\s*=\s*["'][^"'<>]*["'])*\s*>"#).unwrap(),
        ]
    });
    // Opening paragraph tags: two of them, as one could be a statistic ("a <p> value").
    closing.is_match(s) || opening.find_iter(s).nth(1).is_some()
}

/// A deliberately small HTML-to-text pass (script/style dropped, block tags become line
/// breaks, tags removed, entities decoded). A full HTML parser would be a large dependency
/// for a fallback path: articles should arrive as text, and we warn when they don't. A tag
/// starts with a name (or `/`, `!`, `?`) right after its `<`: "fewer than < 100 … and > 50"
/// is text (review, session 44: it was cut as a tag).
pub(super) fn strip_html(s: &str) -> String {
    use regex::Regex;
    use std::sync::OnceLock;
    static RE: OnceLock<[Regex; 3]> = OnceLock::new();
    let [drop, block, tag] = RE.get_or_init(|| {
        [
            Regex::new(r"(?is)<(script|style|noscript)\b.*?</(script|style|noscript)\s*>").unwrap(),
            Regex::new(r"(?i)<(br|/p|/div|/h[1-6]|/li|/title|p|div|h[1-6]|li)\b[^>]*>").unwrap(),
            Regex::new(r"(?s)<!--.*?-->|<[/!?]?[A-Za-z][^>]*>").unwrap(),
        ]
    });
    let s = drop.replace_all(s, " ");
    let s = block.replace_all(&s, "\n");
    let s = tag.replace_all(&s, "");
    let s = html_escape::decode_html_entities(&s);
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text with HTML entities and no tags (feeds and APIs escape bodies: `&ldquo;false
/// flag&rdquo;`, `&hellip;`, `&#8217;`): the decoded text when it held an entity, else
/// `None`. Only complete references (`&name;`, `&#N;`, `&#xH;`) of the HTML5 table decode:
/// "AT&T" and "&copy 2022" stay as written. Undecoded, the entity names became terms
/// (`ldquo`, `hellip`) and the quotation marks were lost (review, session 44).
pub(super) fn decode_entities(s: &str) -> Option<String> {
    if !s.contains('&') {
        return None;
    }
    match html_escape::decode_html_entities(s) {
        std::borrow::Cow::Owned(d) if d != s => Some(d),
        _ => None,
    }
}

/// An article's text with its HTML reduced to text ([`strip_html`]) or, without tags, its
/// entities decoded ([`decode_entities`]), and the warning saying which: the one step of a
/// `.txt` file's text and a record's `text` field.
pub(super) fn markup_to_text(text: String) -> (String, Option<String>) {
    if looks_like_html(&text) {
        (
            strip_html(&text),
            Some("looks like HTML: tags removed, text kept".into()),
        )
    } else if let Some(decoded) = decode_entities(&text) {
        let example = first_entity(&text).map_or(String::new(), |(e, d)| format!(" (`{e}` → {d} …)"));
        (decoded, Some(format!("HTML entities decoded{example}")))
    } else {
        (text, None)
    }
}

/// The first complete entity reference of `s` that decodes, and what it decodes to: the
/// warning names one the file holds (it named `&ldquo;` for a file of `&amp;` alone; review U,
/// session 56). References are at most 33 bytes (`&CounterClockwiseContourIntegral;`).
fn first_entity(s: &str) -> Option<(&str, String)> {
    s.match_indices('&').find_map(|(at, _)| {
        let rest = &s[at..];
        let end = rest.bytes().take(34).position(|b| b == b';')?;
        let reference = &rest[..=end];
        let body = &reference[1..end];
        let well_formed = !body.is_empty() && body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#');
        let decoded = html_escape::decode_html_entities(reference);
        (well_formed && decoded != reference).then(|| (reference, decoded.into_owned()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_without_a_byte_order_mark_is_named_not_called_binary() {
        let utf16 = |text: &str, be: bool| -> Vec<u8> {
            text.encode_utf16()
                .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
                .collect()
        };
        for be in [false, true] {
            for text in ["Kyiv said the invasion began.", "Киев заявил о вторжении."] {
                assert_eq!(decode(&utf16(text, be)), Err(NotText::Utf16), "{text} {be}");
            }
        }
        // A binary file with NULs here and there stays binary; a short one too.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
        png.extend(std::iter::repeat_n(0x41u8, 64));
        assert_eq!(decode(&png), Err(NotText::Binary));
        assert_eq!(decode(b"a\0b\0"), Err(NotText::Binary));
    }

    #[test]
    fn entities_decode_with_or_without_tags_and_only_when_complete() {
        // Review, session 44: these stayed as written (terms `ldquo`, `hellip`; no quote).
        let d = decode("Head\nThey warned of a &ldquo;false flag&rdquo;&hellip; and the strongman&#8217;s &#x201C;drills&#x201D; &amp; more.".as_bytes()).unwrap();
        assert_eq!(
            d.text,
            "Head\nThey warned of a “false flag”… and the strongman’s “drills” & more."
        );
        assert_eq!(d.warnings, ["HTML entities decoded (`&ldquo;` → “ …)"]);
        // The warning names an entity the text holds, not a fixed example.
        let d = decode(b"AT&T and &copy 2022 &amp; more").unwrap();
        assert_eq!(d.warnings, ["HTML entities decoded (`&amp;` → & …)"]);
        assert_eq!(d.text, "AT&T and &copy 2022 & more");
        // Not references: an ampersand in a name, a reference without its `;`, an unknown name.
        for plain in ["AT&T said &copy 2022 and &notaname; stay.", "Tom & Jerry."] {
            assert_eq!(decode_entities(plain), None, "{plain}");
        }
        // Inside HTML: all of them, after the tags are gone.
        assert_eq!(
            strip_html("<p>&laquo;война&raquo; &mdash; &#34;x&#34;</p>"),
            "«война» — \"x\""
        );
    }

    #[test]
    fn opening_tags_alone_are_html_and_a_lone_angle_bracket_is_text() {
        // Review, session 44: a body of opening `<p>` tags was not detected; its `alt` text
        // was scored.
        let body =
            "<p>Troops moved.<p>Shelling went on.<p><img src=\"a.jpg\" alt=\"Kiev regime poster\">The town fell.";
        assert!(looks_like_html(body));
        assert_eq!(strip_html(body), "Troops moved.\nShelling went on.\nThe town fell.");
        assert!(looks_like_html("<div class=\"body\">Text<div>More"));
        // Text with comparisons is not HTML, and inside HTML they are kept.
        assert!(!looks_like_html("Casualties were < 100 on Monday and > 50 on Tuesday."));
        assert!(!looks_like_html("A <p> value below 0.05 was reported."));
        assert_eq!(
            strip_html("<p>Casualties were < 100 on Monday and > 50 on Tuesday.</p><!-- c -->"),
            "Casualties were < 100 on Monday and > 50 on Tuesday."
        );
    }

    #[test]
    fn bom_and_crlf_are_removed() {
        let d = decode(b"\xEF\xBB\xBFHead\r\nBody one.\rBody two.").unwrap();
        assert_eq!(d.text, "Head\nBody one.\nBody two.");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn a_legacy_cyrillic_encoding_is_refused_with_the_remedy() {
        // «Москва заявила» in Windows-1251: every letter but the space is one byte ≥ 0xC0.
        let cp1251: &[u8] = b"\xcc\xee\xf1\xea\xe2\xe0 \xe7\xe0\xff\xe2\xe8\xeb\xe0.";
        let e = decode(cp1251).unwrap_err();
        assert_eq!(e, NotText::Legacy { lost: 13, letters: 0 });
        assert!(
            e.to_string()
                .starts_with("not UTF-8: it decodes to 13 undecodable characters and 0 letters"),
            "{e}"
        );
        assert!(e.to_string().contains("iconv -f cp1251 -t utf-8"), "{e}");
        // Latin-1 English loses an accent, not its letters: decoded, with the warning.
        let d = decode(b"Caf\xe9s in Kyiv stayed open.").unwrap();
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn latin1_is_decoded_lossily_with_a_warning() {
        let d = decode(b"Caf\xe9 talks.").unwrap();
        assert_eq!(d.text, "Caf\u{FFFD} talks.");
        assert!(d.warnings[0].contains("byte 3"));
        assert!(d.warnings[0].contains("iconv -f cp1252"), "{}", d.warnings[0]);
    }

    /// Review R, session 55: a UTF-8 Russian file with two stray bytes was told to convert
    /// from cp1252, which fails (or, forced, garbles every Cyrillic letter).
    #[test]
    fn damaged_utf8_is_not_sent_to_iconv() {
        let mut bytes = "Москва заявила о переговорах.".as_bytes().to_vec();
        bytes.splice(6..6, [0xFF, 0xFE]);
        let d = decode(&bytes).unwrap();
        let w = &d.warnings[0];
        assert!(w.starts_with("invalid UTF-8 at byte 6: "), "{w}");
        // Two bad characters; 25 Cyrillic letters decode (6 + 7 + 1 + 11).
        assert!(w.contains("2 bad character(s) among 25 that decode"), "{w}");
        assert!(w.contains("do not convert it") && !w.contains("iconv"), "{w}");
        assert_eq!(d.text.matches('\u{FFFD}').count(), 2);
    }

    #[test]
    fn fragments_are_html_and_angle_brackets_in_prose_are_not() {
        for html in [
            "<p>Kyiv braces.</p><p>More &amp; more.</p>",
            "Kyiv braces for an assault<br/>Officials said so.",
            "Headline\n<div class=\"body\">Moscow denies it.</DIV>",
            "Said <a href=\"https://x.org\">the ministry</a> on Friday.",
        ] {
            assert!(looks_like_html(html), "{html}");
        }
        for prose in [
            "Turnout was <50% in the east, officials said.",
            "Ratings: Kyiv <3 and Moscow > 2.",
            "The <b> key and the </ key are next to each other.",
        ] {
            assert!(!looks_like_html(prose), "{prose}");
        }
        let d = decode(b"<p>Kyiv braces.</p>\n<p>Moscow &amp; Minsk deny it.</p>").unwrap();
        assert_eq!(d.text, "Kyiv braces.\nMoscow & Minsk deny it.");
        assert_eq!(d.warnings, ["looks like HTML: tags removed, text kept"]);
    }

    #[test]
    fn nul_bytes_and_blank_files_are_refused() {
        assert_eq!(decode(b"\x89PNG\x00\x00"), Err(NotText::Binary));
        // UTF-16 (Notepad's "Unicode") is said as such, not as binary.
        assert_eq!(decode(b"\xFF\xFEH\x00i\x00"), Err(NotText::Utf16));
        assert_eq!(decode(b"\xFE\xFF\x00H\x00i"), Err(NotText::Utf16));
        assert_eq!(decode(b"  \n\t "), Err(NotText::Empty));
        assert_eq!(decode(b""), Err(NotText::Empty));
    }

    #[test]
    fn html_is_reduced_to_its_text() {
        let d = decode(
            b"<html><head><script>x()</script></head><body><p>Kyiv braces.</p><p>More &amp; more.</p></body></html>",
        )
        .unwrap();
        assert_eq!(d.text, "Kyiv braces.\nMore & more.");
    }
}
