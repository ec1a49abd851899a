//! Typographic normalisation. Only typography is unified; spelling variants ("Kiev"/"Kyiv",
//! "Donbass"/"Donbas") are framing signals and are left exactly as written.

/// Unify quotes, dashes, spaces and ellipses so that the same wire copy typeset by two
/// outlets compares equal, and collapse runs of whitespace within a line.
pub fn normalize(s: &str) -> String {
    // Most lines of news text are ASCII and already normal: copied as they are.
    if s.is_ascii() && is_normal_ascii(s) {
        return s.to_string();
    }
    normalize_general(s)
}

fn normalize_general(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    let mut rest = s;
    while !rest.is_empty() {
        // The ASCII run before the next other character (the whole of an ASCII line), byte
        // by byte (`ascii_text_is_normalised_as_defined` holds this to the definition).
        let run = rest.bytes().position(|b| b >= 0x80).unwrap_or(rest.len());
        let ascii = &rest.as_bytes()[..run];
        if plain_ascii(ascii) && !(last_space && ascii.first() == Some(&b' ')) {
            // Nothing to map or collapse: copied whole (trimming and hyphen runs are
            // `finish`'s, on the whole line).
            out.push_str(&rest[..run]);
            last_space = ascii.last().map_or(last_space, |&b| b == b' ');
        } else {
            for &b in ascii {
                push_ascii(&mut out, b, &mut last_space);
            }
        }
        rest = &rest[run..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        rest = &rest[c.len_utf8()..];
        push_char(&mut out, c, &mut last_space);
    }
    finish(out)
}

/// The mapping of one character (the definition; ASCII bytes take [`push_ascii`], which
/// agrees with it).
fn push_char(out: &mut String, c: char, last_space: &mut bool) {
    let mapped: &str = match c {
        // U+02BC, the modifier letter apostrophe, as Ukrainian-sourced English writes it
        // ("Kiev regimeʼs" missed the entry; review, session 44).
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => "-",
        '\u{2026}' => "...",
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => "",
        '\n' => "\n",
        c if c.is_whitespace() || c.is_control() => " ",
        _ => {
            out.push(c);
            *last_space = false;
            return;
        }
    };
    if mapped == " " {
        if !*last_space {
            out.push(' ');
        }
        *last_space = true;
    } else {
        out.push_str(mapped);
        *last_space = false;
    }
}

fn finish(out: String) -> String {
    // "--" is how some outlets type a dash; make it the same as a typeset one. A whole run
    // of hyphens collapses, so "---" does not become "--" (normalising twice must change
    // nothing: the property test found "---").
    let out = if out.contains("--") {
        collapse_hyphens(&out)
    } else {
        out
    };
    if !out.contains('\n') {
        // One line (the cleaner's case): trim without rebuilding.
        let t = out.trim();
        return if t.len() == out.len() { out } else { t.to_string() };
    }
    out.lines().map(str::trim).collect::<Vec<_>>().join("\n")
}

/// The mapping of one ASCII byte: of the mapped characters only the backquote, whitespace
/// and control characters are ASCII.
#[inline(always)]
fn push_ascii(out: &mut String, b: u8, last_space: &mut bool) {
    let b = match b {
        b'`' => b'\'',
        b'\n' => b'\n',
        b if b.is_ascii_whitespace() || b == 0x0B || b.is_ascii_control() => b' ',
        b => b,
    };
    if b == b' ' {
        if !*last_space {
            out.push(' ');
        }
        *last_space = true;
    } else {
        out.push(b as char);
        *last_space = false;
    }
}

/// Is an ASCII line already what [`normalize`] makes of it? Nothing to map (no control
/// character, tab or newline, no backquote), no run of spaces or hyphens, nothing to trim.
/// Most lines of news text are, and one scan is cheaper than rebuilding them byte by byte
/// (normalising was ~10% of `analyze`'s instructions).
fn is_normal_ascii(s: &str) -> bool {
    let b = s.as_bytes();
    plain_ascii(b) && b.first() != Some(&b' ') && b.last() != Some(&b' ') && memchr::memmem::find(b, b"--").is_none()
}

/// ASCII bytes [`push_ascii`] would copy one by one: no control character, tab or newline,
/// no backquote, no two spaces in a row. (A fold rather than `any`, so it vectorises.)
fn plain_ascii(b: &[u8]) -> bool {
    !b.iter()
        .fold(false, |bad, &c| bad | (c < 0x20) | (c == b'`') | (c == 0x7f))
        && memchr::memmem::find(b, b"  ").is_none()
}

fn collapse_hyphens(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;
    use proptest::prelude::*;

    /// The definition, one char at a time through `push_char` (what `normalize` was before
    /// its byte paths: these tests hold the byte paths to it).
    fn reference(s: &str) -> String {
        let mut out = String::new();
        let mut last_space = false;
        for c in s.chars() {
            super::push_char(&mut out, c, &mut last_space);
        }
        super::finish(out)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn ascii_text_is_normalised_as_defined(text in "[ -~\t\n\r\x00-\x1f\x7f]{0,60}") {
            prop_assert_eq!(normalize(&text), reference(&text));
        }

        #[test]
        fn mixed_text_is_normalised_as_defined(text in "([ -~\t\n\x7f]|[“”‘’«»—–…\u{00A0}\u{2003}\u{200B}\u{0085}éЖ]|\\PC){0,60}") {
            prop_assert_eq!(normalize(&text), reference(&text));
        }

        /// Mostly lines the shortcut takes: words, single spaces and hyphens, an occasional
        /// double one or a space at either end.
        #[test]
        fn lines_already_normal_are_kept_as_they_are(text in "( ?[a-z]{1,5}[ -]?){0,8}[ `-]?") {
            prop_assert_eq!(normalize(&text), reference(&text));
            if super::is_normal_ascii(&text) {
                prop_assert_eq!(normalize(&text), text.clone());
            }
        }
    }

    #[test]
    fn typography_is_unified_spelling_is_not() {
        assert_eq!(
            normalize("“Our Western partners — as you call them —”\u{a0}in Kiev’s…"),
            "\"Our Western partners - as you call them -\" in Kiev's..."
        );
        assert_eq!(normalize("partners -- as you"), "partners - as you");
        assert_eq!(normalize("a --- b ----"), "a - b -");
        assert_eq!(normalize("Kyiv  and\tDonbass "), "Kyiv and Donbass");
        // The modifier letter apostrophe is an apostrophe.
        assert_eq!(normalize("Kiev regime\u{02BC}s forces"), "Kiev regime's forces");
    }
}
