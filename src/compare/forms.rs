//! Case forms of Cyrillic actor names, so sourcing finds a Russian speaker in any grammatical
//! case: «Песков» as «Пескова» («по словам Пескова»), «Захарова» as «Захаровой», «Кремль» as
//! «Кремля», «Зеленский» as «Зеленского». The actor lists give the nominative.
//!
//! A name's *base* is the name without its nominative ending (`-а -я -о -ь -й`, adjectival
//! `-ий -ый -ой -ая -яя -ое`, keeping at least three letters); a text token is a form of the
//! name when it equals the name or is the base plus one case ending. Deliberately not the
//! Snowball stemmer: it removes one ending per word, so «Песков» stems to «песк» but
//! «Пескова» to «песков». Latin names are untouched (compared as before).

/// Nominative endings removed from a name to get its base, longest first.
const NAME_ENDINGS: &[&str] = &["ий", "ый", "ой", "ая", "яя", "ое", "а", "я", "о", "ь", "й"];

/// Endings a base may take in the text (noun and adjective cases, singular and plural).
const CASE_ENDINGS: &[&str] = &[
    "а", "я", "у", "ю", "е", "ы", "и", "о", "ь", "й", "ом", "ем", "ём", "ым", "им", "ой", "ей", "ою", "ею", "ого",
    "его", "ому", "ему", "ую", "юю", "ая", "яя", "ое", "ее", "ые", "ие", "ий", "ый", "ых", "их", "ыми", "ими", "ам",
    "ям", "ами", "ями", "ах", "ях", "ов", "ев",
];

/// Shortest base kept: shorter names («МИД», «ЕС») are compared whole.
const MIN_BASE_CHARS: usize = 3;

fn is_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

fn strip<'a>(word: &'a str, ending: &str) -> Option<&'a str> {
    word.strip_suffix(ending)
        .filter(|b| b.chars().count() >= MIN_BASE_CHARS)
}

/// The base of a lowercased name token (itself when Latin or too short to strip).
pub fn base(name: &str) -> &str {
    if !is_cyrillic(name) {
        return name;
    }
    NAME_ENDINGS.iter().find_map(|e| strip(name, e)).unwrap_or(name)
}

/// Is lowercased `token` a case form of lowercased name token `name`?
pub fn is_form(name: &str, token: &str) -> bool {
    token == name
        || (is_cyrillic(name)
            && token
                .strip_prefix(base(name))
                .is_some_and(|rest| CASE_ENDINGS.contains(&rest)))
}

/// The bases a lowercased text token may be a form of: itself, and itself without each case
/// ending it carries (for looking names up by base).
pub fn candidate_bases(token: &str) -> impl Iterator<Item = &str> {
    let cyr = is_cyrillic(token);
    std::iter::once(token).chain(
        CASE_ENDINGS
            .iter()
            .filter(move |_| cyr)
            .filter_map(move |e| strip(token, e)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_names_match_their_case_forms() {
        for (name, forms) in [
            ("песков", &["пескова", "пескову", "песковым", "песков"][..]),
            ("захарова", &["захаровой", "захарову", "захарова"][..]),
            ("кремль", &["кремля", "кремле", "кремлем"][..]),
            ("зеленский", &["зеленского", "зеленскому", "зеленским"][..]),
            ("россия", &["россии", "россию", "россией"][..]),
            ("белый", &["белого"][..]),
        ] {
            for f in forms {
                assert!(is_form(name, f), "{name} / {f}");
                assert!(candidate_bases(f).any(|b| b == base(name)), "{name} / {f}");
            }
        }
        // Derived words are not forms: «российский» is not «Россия», «киевский» not «Киев».
        assert!(!is_form("россия", "российский") && !is_form("киев", "киевский"));
        assert!(!is_form("путин", "путинский"));
        // Latin names compare whole, as before.
        assert!(!is_form("putin", "putina") && is_form("putin", "putin"));
        assert_eq!(candidate_bases("putins").collect::<Vec<_>>(), ["putins"]);
    }
}
