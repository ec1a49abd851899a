//! Tests of `language`.

use super::*;

fn detector() -> LanguageDetector {
    LanguageDetector::new(&[("en".into(), "english".into()), ("ru".into(), "russian".into())])
}

#[test]
fn english_and_russian_prose_are_told_apart() {
    let d = detector();
    assert_eq!(
        d.detect("Президент заявил, что переговоры с Украиной продолжатся на следующей неделе."),
        "ru"
    );
    assert_eq!(
        d.detect("The president said talks with Ukraine would resume next week."),
        "en"
    );
    // Nothing to go on: the default.
    assert_eq!(d.detect("2022"), "en");
}

#[test]
fn another_script_is_refused_when_no_analysed_language_is_written_in_it() {
    let ru = "Президент заявил, что переговоры с Украиной продолжатся на следующей неделе, \
              сообщили в Кремле. Министр иностранных дел добавил, что западные страны \
              не ответили на предложения о гарантиях безопасности.";
    let english_only = LanguageDetector::new(&[("en".into(), "english".into())]);
    let e = english_only.detect_article(ru).unwrap_err();
    assert!(
        e.starts_with("written in Cyrillic script, which none of the analysed languages is (analysed: en)"),
        "{e}"
    );
    assert_eq!(detector().detect_article(ru), Ok("ru"));
    // English quoting a Russian phrase, and a Latin text with accents, are English.
    let quoting = "The ministry said the operation («специальная военная операция») would go on, \
                   officials in Kyiv said on Friday, and diplomats in Geneva and Brussels agreed \
                   that the talks would resume next week after the weekend.";
    assert_eq!(english_only.detect_article(quoting), Ok("en"));
}

/// Review finding (session 29): `lang: en` on a Russian article read it as English, every
/// word ignored, scored 0 without a word.
#[test]
fn a_given_lang_that_cannot_read_the_text_is_refused() {
    let d = detector();
    let ru = "Министр иностранных дел заявил, что переговоры продолжатся на следующей неделе в Женеве, \
              а делегации обсудят вопросы безопасности и гуманитарные коридоры для мирных жителей.";
    let en = "The foreign minister said talks would continue next week in Geneva, where delegations \
              would discuss security and humanitarian corridors for civilians.";
    let e = d.resolve_for("en", ru).unwrap_err();
    assert_eq!(
        e,
        "lang `en` given, but the text is written in Cyrillic script, which `en` does not read: correct the `lang` field, or leave it out to detect the language"
    );
    assert_eq!(d.resolve_for("ru", ru), Ok("ru"));
    assert_eq!(d.resolve_for("English", en), Ok("en"));
    // English quoting Russian is English, with its `lang` as without.
    let quoting = "The ministry said the operation («специальная военная операция») would go on, \
                   officials in Kyiv said on Friday, and diplomats in Geneva and Brussels agreed \
                   that the talks would resume next week after the weekend.";
    assert_eq!(d.resolve_for("en", quoting), Ok("en"));
}

/// Review finding (session 30): `lang: ru` on an English article read its English words
/// as `ru:` terms (the Russian stemmer on English words).
#[test]
fn a_given_russian_lang_on_latin_text_is_refused() {
    let d = detector();
    let en = "The foreign minister said talks would continue next week in Geneva, where delegations \
              would discuss security and humanitarian corridors for civilians.";
    assert_eq!(
        d.resolve_for("ru", en).unwrap_err(),
        "lang `ru` given, but the text is written in Latin script, which `ru` does not read: correct the `lang` field, or leave it out to detect the language"
    );
    // Russian quoting English names and agencies stays Russian.
    let ru = "Как сообщает Reuters, министр иностранных дел заявил, что переговоры в Женеве \
              продолжатся на следующей неделе, а делегации обсудят вопросы безопасности, \
              сообщили в пресс-службе NATO и в агентстве Associated Press.";
    assert_eq!(d.resolve_for("ru", ru), Ok("ru"));
    // Too few letters to tell: passed, as for Latin lanes.
    assert_eq!(d.resolve_for("ru", "Kyiv, NATO."), Ok("ru"));
    // A Russian article opening with a long English quote is judged on the 4 kB
    // detection reads, not the first kilobyte (review of this fix, session 30).
    let quote = "\"We will not accept the annexation of any part of Ukraine,\" the statement said. ".repeat(9);
    let body = "Министр иностранных дел заявил, что переговоры продолжатся на следующей неделе. ".repeat(30);
    let article = format!("{quote}\n{body}");
    let letters = |latin: bool| {
        gate_sample(&article)
            .chars()
            .filter(|c| c.is_alphabetic() && c.is_ascii_alphabetic() == latin)
            .count()
    };
    assert!(letters(true) > letters(false), "the first kilobyte is mostly Latin");
    assert_eq!(d.resolve_for("ru", &article), Ok("ru"));
    assert_eq!(d.detect_article(&article), Ok("ru"));
}

#[test]
fn a_lang_field_resolves_by_code_iso3_or_name() {
    let d = detector();
    assert_eq!(d.resolve("ru"), Ok("ru"));
    assert_eq!(d.resolve(" RUS "), Ok("ru"));
    assert_eq!(d.resolve("Russian"), Ok("ru"));
    assert_eq!(d.resolve("en"), Ok("en"));
    let e = d.resolve("de").unwrap_err();
    assert!(e.contains("`de` has no analyzer (have: en, ru"), "{e}");
    for uk in ["uk", "ukr", "Ukrainian"] {
        let e = d.resolve(uk).unwrap_err();
        assert!(e.contains("Ukrainian is not supported yet (analysed: en, ru)"), "{e}");
    }
}

#[test]
fn a_tag_with_a_region_names_its_base_language() {
    let d = detector();
    for (tag, code) in [
        ("ru-RU", "ru"),
        ("ru_RU", "ru"),
        ("ru_RU.UTF-8", "ru"),
        ("en-US", "en"),
        ("en-GB", "en"),
    ] {
        assert_eq!(d.resolve(tag), Ok(code), "{tag}");
    }
    let e = d.resolve("uk-UA").unwrap_err();
    assert!(e.contains("lang `uk-UA`: Ukrainian is not supported yet"), "{e}");
    // The remedy names the base language's folder, not one per region.
    let e = d.resolve("de-DE").unwrap_err();
    assert!(
        e.contains("`de-DE` has no analyzer (have: en, ru; to analyse it, list `de` in data/languages.txt and add data/de/ and data/lexicons/de/: README › Languages)"),
        "{e}"
    );
}

#[test]
fn ukrainian_articles_are_refused_not_read_as_russian() {
    let d = detector();
    // Written for this test: «The minister said that talks with Russia will not resume.»
    let uk = "Міністр заявив, що переговори з Росією не відновляться, доки її війська перебувають на території України. Він також повідомив, що їхні пропозиції є неприйнятними.";
    assert_eq!(d.detect(uk), "ru", "without the refusal it would be read as Russian");
    let e = d.detect_article(uk).unwrap_err();
    assert!(
        e.starts_with("detected as Ukrainian (`uk`), which is not supported yet"),
        "{e}"
    );
    let ru =
        "Министр заявил, что переговоры с Россией не возобновятся, пока ее войска находятся на территории Украины.";
    assert_eq!(d.detect_article(ru), Ok("ru"));
    assert_eq!(d.detect_article("The minister said talks would not resume."), Ok("en"));
    // English only: no language is detected, but Cyrillic text is not read as English
    // (it was, before session 28: every term missed and the score was the no-evidence point).
    let en = LanguageDetector::new(&[("en".into(), "english".into())]);
    let e = en.detect_article(uk).unwrap_err();
    assert!(e.starts_with("written in Cyrillic script"), "{e}");
}

/// Review, session 33: Bulgarian and Serbian Cyrillic were analysed as Russian without a word,
/// and Belarusian was named Ukrainian. Written for this test, the same news in each language.
#[test]
fn other_cyrillic_languages_are_refused_and_named() {
    let d = detector();
    for (code, name, text) in [
        ("bg", "Bulgarian", "Русия започна военна операция в Украйна, съобщиха от министерството на отбраната. Според украинските власти руските войски са навлезли в страната от север, изток и юг. Президентът заяви, че Украйна ще се защитава и няма да се предаде. Европейският съюз обяви нови санкции срещу Москва, които ще влязат в сила веднага."),
        ("sr", "Serbian", "Русија је покренула војну операцију у Украјини, саопштило је министарство одбране. Према украјинским властима, руске трупе су ушле у земљу са севера, истока и југа. Председник је изјавио да ће се Украјина бранити и да се неће предати. Европска унија најавила је нове санкције против Москве."),
        ("mk", "Macedonian", "Русија започна воена операција во Украина, соопшти министерството за одбрана. Според украинските власти, руските трупи влегоа во земјата од север, исток и југ. Претседателот изјави дека Украина ќе се брани и нема да се предаде. Европската унија најави нови санкции против Москва."),
        ("be", "Belarusian", "Расія пачала ваенную аперацыю ва Украіне, паведаміла міністэрства абароны. Паводле ўкраінскіх уладаў, расійскія войскі ўвайшлі ў краіну з поўначы, усходу і поўдня. Прэзідэнт заявіў, што Украіна будзе абараняцца і не здасца. Еўрапейскі саюз абвясціў новыя санкцыі супраць Масквы."),
    ] {
        let e = d.detect_article(text).unwrap_err();
        assert!(
            e.starts_with(&format!("detected as {name} (`{code}`), which is not supported yet")),
            "{code}: {e}"
        );
        assert!(d.resolve(code).unwrap_err().contains(&format!("{name} is not supported yet")), "{code}");
    }
    // Bulgarian prose without its commonest function words (review, session 34: it was read
    // as Russian by the first rule, a share of those words).
    let bg = "Русия удари енергийни обекти в Украйна. Руските сили нанесоха масиран удар по енергийната инфраструктура на Украйна през нощта. Украинските власти съобщиха за прекъсвания на тока в Киев, Харков и Одеса. Президентът Зеленски призова съюзниците за повече системи за противовъздушна отбрана. Кремъл не коментира атаката.";
    assert!(
        d.detect_article(bg).unwrap_err().starts_with("detected as Bulgarian"),
        "{bg}"
    );
    // Russian prose naming Bulgaria and Serbia, and short Russian briefs quoting one
    // sentence of Serbian, Bulgarian or Macedonian, are Russian (review, session 34: the
    // briefs were refused, one ј or a few Bulgarian words sufficing).
    for ru in [
        "Министр заявил, что переговоры с Болгарией и Сербией не возобновятся, пока войска находятся на территории Украины. По его словам, санкции против Москвы не достигли цели, а экономика России выдержала давление Запада.",
        "Вучич прокомментировал ситуацию. Президент Сербии Александр Вучич заявил, что Белград не будет вводить санкции против России. Сербская газета «Вечерње новости» написала: «Србија неће увести санкције Русији». В Москве приветствовали позицию Белграда.",
        "Премьер Болгарии высказался о санкциях. Болгарский премьер заявил журналистам: «Това е сигнал, че ще бъдем твърди». В Москве заявление назвали недружественным.",
        "МИД Северной Македонии объявил о высылке дипломатов. В заявлении сказано: «Дипломатите ќе мораат да ја напуштат земјата». В Москве пообещали ответные меры.",
    ] {
        assert_eq!(d.detect_article(ru), Ok("ru"), "{ru}");
    }
}

/// Review, session 49: `lang: ru` on a Ukrainian or Belarusian article read it as Russian
/// (no hit, the no-evidence point, no word said); `lang: русский` was told to add a folder.
#[test]
fn a_given_russian_lang_on_ukrainian_or_belarusian_text_is_refused() {
    let d = detector();
    let uk = "Міністр заявив, що переговори з Росією не відновляться, доки її війська перебувають на території України. Він також повідомив, що їхні пропозиції є неприйнятними.";
    let be = "Расія пачала ваенную аперацыю ва Украіне, паведаміла міністэрства абароны. Паводле ўкраінскіх уладаў, расійскія войскі ўвайшлі ў краіну з поўначы, усходу і поўдня.";
    for (text, name, code) in [(uk, "Ukrainian", "uk"), (be, "Belarusian", "be")] {
        assert_eq!(
            d.resolve_for("ru", text).unwrap_err(),
            format!("lang `ru` given, but the text is in {name} (`{code}`), which is not supported yet and is never read as Russian: correct the `lang` field, or leave it out")
        );
    }
    // Russian quoting a Ukrainian sentence stays Russian with its `lang`.
    let ru = "Министр заявил, что переговоры с Россией не возобновятся, пока ее войска находятся на территории Украины. По его словам, санкции против Москвы не достигли цели, а экономика России выдержала давление Запада. Украинская газета написала: «Війна триває».";
    assert_eq!(d.resolve_for("ru", ru), Ok("ru"));
    for name in ["русский", "Русский", " РУССКИЙ "] {
        assert_eq!(d.resolve(name), Ok("ru"), "{name}");
    }
    assert_eq!(d.resolve("English"), Ok("en"));
}

// Written for these tests (the same two sentences in each language).
const FOREIGN: &[(&str, &str)] = &[
    ("fr", "Le ministre a déclaré vendredi que les négociations avec la Russie reprendraient à Kyiv la semaine prochaine. Selon lui, les alliés de l'OTAN ont discuté des sanctions et de l'aide militaire à l'Ukraine. On ne sait pas encore si Moscou enverra une délégation."),
    ("de", "Der Minister sagte am Freitag, die Gespräche mit Russland würden in der kommenden Woche in Kiew fortgesetzt. Die Verbündeten der NATO hätten über Sanktionen und Waffenlieferungen an die Ukraine beraten. Was Moskau plant, ist noch unklar."),
    ("es", "El ministro dijo el viernes que las negociaciones con Rusia se reanudarán en Kyiv la próxima semana. Los aliados de la OTAN discutieron las sanciones y la ayuda militar a Ucrania. No está claro si Moscú enviará una delegación."),
    ("it", "Il ministro ha detto venerdì che i negoziati con la Russia riprenderanno a Kyiv la prossima settimana. Gli alleati della NATO hanno discusso delle sanzioni e degli aiuti militari all'Ucraina. Non è chiaro se Mosca invierà una delegazione."),
    ("pl", "Minister powiedział w piątek, że rozmowy z Rosją zostaną wznowione w Kijowie w przyszłym tygodniu. Sojusznicy z NATO rozmawiali o sankcjach i pomocy wojskowej dla Ukrainy. Nie wiadomo jeszcze, czy Moskwa wyśle delegację."),
    ("nl", "De minister zei vrijdag dat de onderhandelingen met Rusland volgende week in Kyiv worden hervat. De NAVO-bondgenoten bespraken de sancties en de militaire steun aan Oekraïne. Het is nog niet duidelijk of Moskou een delegatie stuurt."),
    ("cs", "Ministr v pátek řekl, že rozhovory s Ruskem budou příští týden obnoveny v Kyjevě. Spojenci z NATO jednali o sankcích a vojenské pomoci Ukrajině. Zatím není jasné, zda Moskva vyšle delegaci."),
    ("sv", "Ministern sade på fredagen att samtalen med Ryssland ska återupptas i Kiev nästa vecka. Natos allierade diskuterade sanktionerna och det militära stödet till Ukraina. Det är ännu inte klart om Moskva skickar en delegation."),
    ("ro", "Ministrul a declarat vineri că negocierile cu Rusia vor fi reluate la Kiev săptămâna viitoare. Aliații din NATO au discutat despre sancțiuni și despre ajutorul militar pentru Ucraina. Nu este încă clar dacă Moscova va trimite o delegație."),
    ("pt", "O ministro disse na sexta-feira que as negociações com a Rússia serão retomadas em Kyiv na próxima semana. Os aliados da OTAN discutiram as sanções e a ajuda militar à Ucrânia. Ainda não está claro se Moscou enviará uma delegação."),
];

const ENGLISH: &str = "The minister said on Friday that talks with Russia would resume in Kyiv next week. NATO allies discussed sanctions and military aid to Ukraine, he said. It is not yet clear whether Moscow will send a delegation.";

#[test]
fn english_share_counts_function_words_by_hand() {
    // "The minister said on Friday that talks" : the, said, on, that = 4 of 7 words;
    // "Kyiv's" is two words (the apostrophe splits), "s" not a function word.
    assert_eq!(english_share("The minister said on Friday that talks"), (4.0 / 7.0, 7));
    assert_eq!(english_share("Kyiv's WAS"), (1.0 / 3.0, 3));
    assert_eq!(english_share("2022 — 14:00"), (0.0, 0));
    // Accented words are one word each (not cut at é, ą, ș); dashes, curly quotes and
    // guillemets are not words and end one.
    assert_eq!(english_share("délégation a"), (0.5, 2));
    assert_eq!(english_share("wąską ș“The”—«talks»"), (1.0 / 4.0, 4));
    // Only the first kilobyte is read: 256 × "the " then French.
    let long = "the ".repeat(256) + &"le ".repeat(100);
    assert_eq!(english_share(&long), (1.0, 256));
    // "Le ministre a dit, à Kyiv": a, à of 6 words (le is capitalised: not counted).
    assert_eq!(
        own_share("Le ministre a dit, à Kyiv", LATIN_UNSUPPORTED[0].2),
        2.0 / 6.0
    );
    // English capitals that spell Italian, French, Portuguese function words: none count.
    let italian = LATIN_UNSUPPORTED.iter().find(|u| u.0 == "it").unwrap().2;
    assert_eq!(own_share("I told the UN: A plan, IL DE LA", italian), 0.0);
    assert_eq!(own_share("i e di", italian), 1.0);
    // The English test text is well above the gate; every foreign one below it.
    assert!(english_share(ENGLISH).0 > 0.3, "{:?}", english_share(ENGLISH));
    for (code, text) in FOREIGN {
        let (share, words) = english_share(text);
        assert!(
            share < GATE_SHARE && words >= GATE_MIN_WORDS,
            "{code}: {share} of {words}"
        );
    }
}

#[test]
fn latin_articles_in_other_languages_are_refused_not_read_as_english() {
    let names = [
        ("fr", "French"),
        ("de", "German"),
        ("es", "Spanish"),
        ("it", "Italian"),
        ("pl", "Polish"),
        ("nl", "Dutch"),
        ("cs", "Czech"),
        ("sv", "Swedish"),
        ("ro", "Romanian"),
        ("pt", "Portuguese"),
    ];
    for d in [detector(), LanguageDetector::new(&[("en".into(), "english".into())])] {
        for ((code, text), (_, name)) in FOREIGN.iter().zip(names) {
            let e = d.detect_article(text).unwrap_err();
            // Polish and Czech have no Snowball stemmer, so no analyzer can be added.
            let want = if ["pl", "cs"].contains(code) {
                format!("detected as {name} (`{code}`), which is not supported (no Snowball stemmer; analysed: {}; a `lang` field overrides detection)", d.codes())
            } else {
                format!("detected as {name} (`{code}`), which has no analyzer (analysed: {}; README › Languages says how to add one; a `lang` field overrides detection)", d.codes())
            };
            assert_eq!(e, want);
        }
        assert_eq!(d.detect_article(ENGLISH), Ok("en"));
        // Too short to tell: read as English, as before.
        assert_eq!(
            d.detect_article("Le ministre a déclaré vendredi que les négociations reprendraient."),
            Ok("en")
        );
        // English with few function words (a list of names and places) goes to whatlang,
        // which does not reliably call it another language.
        let list = "Vladimir Putin, Volodymyr Zelensky, Sergei Lavrov, Dmytro Kuleba, Antony Blinken, Jens Stoltenberg, Olaf Scholz, Emmanuel Macron, Boris Johnson, Joe Biden: leaders named in Kyiv, Moscow, Washington, London, Berlin, Paris reports today.";
        assert!(english_share(list).0 < GATE_SHARE);
        assert_eq!(d.detect_article(list), Ok("en"));
    }
    // A language with its own analyzer is analysed, not refused.
    let fr = LanguageDetector::new(&[("en".into(), "english".into()), ("fr".into(), "french".into())]);
    assert_eq!(fr.detect_article(FOREIGN[0].1), Ok("fr"));
    assert_eq!(
        fr.detect_article(FOREIGN[1].1).unwrap_err().split(" (").next(),
        Some("detected as German")
    );
}

/// The script shortcut of [`Allowed`] gives exactly whatlang's answer: on whole texts and
/// every short prefix (where trigram scores are closest), in the scripts that take the
/// shortcut and in ones that do not, for the allowlists `run` builds.
#[test]
fn shortcut_detection_matches_whatlang() {
    let mut texts: Vec<String> = [
        "The president said talks with Ukraine would resume next week.",
        "Президент заявил, что переговоры с Украиной продолжатся на следующей неделе.",
        "Міністр заявив, що переговори з Росією не відновляться, доки її війська перебувають на території України.",
        "Министерот изјави дека преговорите ќе продолжат. Београд је саопштио да ће разговори бити настављени.",
        "Der Präsident sagte, die Gespräche würden nächste Woche fortgesetzt. Le président a dit oui.",
        "Moscow (ТАСС) said «спецоперация» would go on; Kyiv said no.",
        "Ο πρόεδρος είπε ότι οι συνομιλίες θα συνεχιστούν. 总统说会谈将于下周恢复。 الرئيس قال",
        "שלום עולם नमस्ते दुनिया ქართული ენა",
        "2022-02-24 — 1,000 / 3.5 %",
        "",
        "é ё і ї",
    ]
    .iter()
    .map(|t| t.to_string())
    .collect();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for e in std::fs::read_dir(seeds).unwrap() {
        texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    let mut cases: Vec<&str> = Vec::new();
    for t in &texts {
        cases.push(t);
        for (end, _) in t.char_indices().take(60) {
            cases.push(&t[..end]);
        }
        cases.push(sample(t));
    }
    let lists = [
        vec![Lang::Eng, Lang::Rus],
        vec![Lang::Eng, Lang::Rus, Lang::Ukr],
        vec![Lang::Eng, Lang::Deu, Lang::Rus],
        vec![Lang::Eng, Lang::Ell],
    ];
    for list in lists {
        let full = Detector::with_allowlist(list.clone());
        let fast = Allowed::new(list.clone());
        for t in &cases {
            assert_eq!(
                fast.detect_lang(t, whatlang::detect_script(t)),
                full.detect_lang(t),
                "{list:?} on {t:?}"
            );
        }
    }
    let two = Allowed::new(vec![Lang::Eng, Lang::Rus, Lang::Ukr]);
    assert_eq!((two.latin_only, two.cyrillic_only), (Some(Lang::Eng), None));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
    /// Mixed scripts in every proportion, around the point where ASCII letters and other
    /// characters are equal in number.
    #[test]
    fn english_share_is_its_char_definition(text in "([a-zA-Z]|[ .,'0-9-]|[éÀßąřș×—“”«»ёЖΣ总…]){0,60}") {
        // Words: maximal runs of ASCII letters and U+00C0–U+027F; function words
        // compared lowercase.
        let function = ["the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "these", "those", "not", "he", "she", "they", "we", "said", "will", "would"];
        let letter = |c: char| c.is_ascii_alphabetic() || ('\u{C0}'..='\u{27F}').contains(&c);
        let words: Vec<String> = text.split(|c: char| !letter(c)).filter(|w| !w.is_empty()).map(|w| w.to_ascii_lowercase()).collect();
        let hits = words.iter().filter(|w| function.contains(&w.as_str())).count();
        let expected = if words.is_empty() { (0.0, 0) } else { (hits as f64 / words.len() as f64, words.len()) };
        proptest::prop_assert_eq!(english_share(&text), expected);
    }

    #[test]
    fn script_of_is_whatlangs_answer(text in "([a-zA-Z]|[0-9 .,'\\-\x7f]|[éÀßёЖжіΣς—“”…\u{00A0}总ש]|\\PC){0,40}") {
        proptest::prop_assert_eq!(script_of(&text), whatlang::detect_script(&text));
    }
}

#[test]
fn script_of_takes_the_shortcut_only_when_it_is_sure() {
    // Two ASCII letters against two Cyrillic ones: a tie, left to whatlang.
    assert_eq!(script_of("ab жж"), whatlang::detect_script("ab жж"));
    assert_eq!(script_of("abc жж"), Some(Script::Latin));
    assert_eq!(script_of("ab жжж"), Some(Script::Cyrillic));
    assert_eq!(script_of("“—” 2022"), None);
    assert_eq!(script_of(""), None);
}

#[test]
fn unknown_stemmer_names_are_errors() {
    assert!(algorithm("Russian").is_ok());
    let e = algorithm("klingon").unwrap_err().to_string();
    assert!(e.contains("unknown Snowball stemmer `klingon`"), "{e}");
}

/// Review finding (session 43): a bilingual article is read in one language, and the other
/// language's sentences lose every word without a word said. Two or more such sentences, a
/// fifth of the article or more, are reported; one quoted sentence is not.
#[test]
fn sentences_in_a_script_the_language_does_not_read_are_counted() {
    let d = detector();
    let en = "The foreign minister said talks would continue next week in Geneva.";
    let en2 = "Delegations will discuss security guarantees and humanitarian corridors.";
    let ru = "Министр иностранных дел заявил, что переговоры продолжатся в Женеве.";
    let ru2 = "Делегации обсудят гарантии безопасности и гуманитарные коридоры.";
    let short = "Кремль.";
    assert_eq!(
        d.foreign_sentences("en", [en, ru, en2, ru2]),
        Some((2, 4, "Cyrillic".to_string()))
    );
    assert_eq!(
        d.foreign_sentences("ru", [ru, en, ru2, en2, ru]),
        Some((2, 5, "Latin".to_string()))
    );
    // One foreign sentence (a quote), a short one (a name), or under a fifth: nothing said.
    assert_eq!(d.foreign_sentences("en", [en, ru, en2]), None);
    assert_eq!(d.foreign_sentences("en", [en, short, short, en2]), None);
    assert_eq!(
        d.foreign_sentences("en", [en, ru, ru2, en, en, en, en, en, en, en, en]),
        None
    );
    assert_eq!(d.foreign_sentences("en", [en, en2]), None);
}
