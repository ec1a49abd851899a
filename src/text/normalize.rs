//! Typographic normalisation. Only typography is unified; spelling variants ("Kiev"/"Kyiv",
//! "Donbass"/"Donbas") are framing signals and are left exactly as written.

/// Unify quotes, dashes, spaces and ellipses so that the same wire copy typeset by two
/// outlets compares equal, and collapse runs of whitespace within a line.
pub fn normalize(s: &str) -> String {
    if s.is_ascii() {
        return normalize_ascii(s);
    }
    normalize_general(s)
}

fn normalize_general(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    for c in s.chars() {
        let mapped: &str = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => "'",
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' => "\"",
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => "-",
            '\u{2026}' => "...",
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => "",
            '\n' => "\n",
            c if c.is_whitespace() => " ",
            c if c.is_control() => " ",
            _ => {
                out.push(c);
                last_space = false;
                continue;
            }
        };
        if mapped == " " {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push_str(mapped);
            last_space = mapped.ends_with(' ');
        }
    }
    finish(out)
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

/// The same mapping for ASCII text (most lines): byte by byte, no char decoding. Of the
/// mapped characters only the backquote, whitespace and control characters are ASCII.
fn normalize_ascii(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    let mut last_space = false;
    for &b in s.as_bytes() {
        let b = match b {
            b'`' => b'\'',
            b'\n' => b'\n',
            b if b.is_ascii_whitespace() || b == 0x0B || b.is_ascii_control() => b' ',
            b => b,
        };
        if b == b' ' {
            if !last_space {
                out.push(b' ');
            }
            last_space = true;
        } else {
            out.push(b);
            last_space = false;
        }
    }
    let out = String::from_utf8(out).expect("ASCII in, ASCII out");
    finish(out)
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

    proptest! {
        #[test]
        fn ascii_fast_path_equals_the_general_mapping(text in "[ -~\t\n\r\x00-\x1f\x7f]{0,60}") {
            prop_assert_eq!(super::normalize_ascii(&text), super::normalize_general(&text));
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
    }
}
