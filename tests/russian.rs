//! Russian analysis through the real data files (`data/ru/`, `data/lexicons/ru/`), on
//! hand-written Russian sentences: sentence splitting, tokens, stems, outlet names, lexicon
//! matching («на Украине» against «в Украине»), boilerplate and agency datelines, language
//! detection (Ukrainian refused, issue 21), own voice and reported speech, who is quoted. Expected stems come from the Snowball project's own Russian algorithm
//! (Python `snowballstemmer` 3.0, checked by hand where they are listed), not from this code.

use framescope::clean::CleanArticle;
use framescope::compare::sourcing::{summarize, Voice};
use framescope::corpus::{Article, Side};
use framescope::document::{analyze, Document};
use framescope::pipeline::Resources;
use framescope::text::voice::{split_article, Part};
use std::path::Path;
use std::sync::OnceLock;

fn res() -> &'static Resources {
    static R: OnceLock<Resources> = OnceLock::new();
    R.get_or_init(|| {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        Resources::from_data(Some(&data), None).unwrap()
    })
}

fn stems(text: &str) -> Vec<String> {
    res().analyzer.stems_in("ru", text)
}

fn sentences(text: &str) -> Vec<&str> {
    res()
        .analyzer
        .sentences_in("ru", text)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

fn article(id: &str, body: &str) -> Article {
    Article {
        id: id.into(),
        title: None,
        body: body.into(),
        outlet: None,
        date: None,
        label: None,
        lang: Some("ru".into()),
        origin: format!("{id}.txt"),
    }
}

fn clean(body: &str) -> CleanArticle {
    res().cleaner.clean(&article("a", body))
}

fn doc(body: &str) -> Document {
    analyze(clean(body), &res().analyzer, &res().lexicon)
}

/// Lexicon phrases that fire in a one-sentence Russian text, with their side.
fn hits(text: &str) -> Vec<(String, Side)> {
    let d = doc(text);
    let lex = &res().lexicon;
    d.sentences
        .iter()
        .flat_map(|s| s.evidence.hits.iter())
        .map(|h| (lex.entries[h.entry].phrase.clone(), lex.entries[h.entry].side))
        .collect()
}

#[test]
fn russian_abbreviations_do_not_end_sentences() {
    let t =
        "В 1991 г. Украина стала независимой. В 2014-2015 гг. Минские соглашения подписали в т.ч. Россия и Украина. \
             Улица им. Шевченко, ул. Крещатик, 5 млн. рублей и др. Подробности позже.";
    // «и др.» before a capitalised word ends the sentence (data/ru/final_abbreviations.txt).
    assert_eq!(
        sentences(t),
        vec![
            "В 1991 г. Украина стала независимой.",
            "В 2014-2015 гг. Минские соглашения подписали в т.ч. Россия и Украина.",
            "Улица им. Шевченко, ул. Крещатик, 5 млн. рублей и др.",
            "Подробности позже."
        ]
    );
    // Initials and dotted abbreviations of one-letter parts; «т. д.» ends its sentence.
    assert_eq!(
        sentences("Заявил В. В. Путин, т.е. президент. Потом т. д. Конец."),
        vec!["Заявил В. В. Путин, т.е. президент.", "Потом т. д.", "Конец."]
    );
}

/// Review finding 5 (session 17): an abbreviation that commonly ends a sentence swallowed
/// the next one.
#[test]
fn sentence_final_abbreviations_end_a_sentence_before_a_capital() {
    for (t, want) in [
        (
            "Жители уехали в Польшу, Венгрию и т.д. Затем они вернулись.",
            vec!["Жители уехали в Польшу, Венгрию и т.д.", "Затем они вернулись."],
        ),
        (
            "Жители уехали в Польшу, Венгрию и т. д. Затем они вернулись.",
            vec!["Жители уехали в Польшу, Венгрию и т. д.", "Затем они вернулись."],
        ),
        (
            "Цены на хлеб, молоко и т.п. Выросли вдвое.",
            vec!["Цены на хлеб, молоко и т.п.", "Выросли вдвое."],
        ),
        (
            "Приехали министры, послы и пр. Встреча началась.",
            vec!["Приехали министры, послы и пр.", "Встреча началась."],
        ),
        (
            "Население - ок. 650 чел. Погибли многие.",
            vec!["Население - ок. 650 чел.", "Погибли многие."],
        ),
        (
            "По данным ООН, погибли 5 млн. человек, ущерб составил 3 млрд. долл. Бюджет вырос на 2 млн руб. в этом году.",
            vec![
                "По данным ООН, погибли 5 млн. человек, ущерб составил 3 млрд. долл.",
                "Бюджет вырос на 2 млн руб. в этом году.",
            ],
        ),
        (
            "Зарплата - 30 тыс. руб. Пенсия - 15 тыс. Выплаты - 2 млн. Потом 3 млрд. Итого 5 коп. Все.",
            vec![
                "Зарплата - 30 тыс. руб.",
                "Пенсия - 15 тыс.",
                "Выплаты - 2 млн.",
                "Потом 3 млрд.",
                "Итого 5 коп.",
                "Все.",
            ],
        ),
    ] {
        assert_eq!(sentences(t), want, "{t}");
    }
    // Abbreviations before a name or a number, and sentence-final ones before a lowercase
    // word, a number, an acronym or an initial, never split.
    for t in [
        "Совещание прошло в г. Киев, в здании им. Шевченко на ул. Крещатик, где выступили проф. Иванов и акад. Петров.",
        "Заявил В. В. Путин, а ок. 650 человек (см. Приложение) слушали.",
        "Погибли 5 млн. человек, ущерб - 3 млрд. долл. США, пострадали 650 чел. В. Петров это подтвердил.",
        "Ущерб составил 3 млрд. долл. в 2022 г. и 2 млн. руб. 15 марта.",
        "Вышли на пр. Мира, собрались др. Участники.",
    ] {
        assert_eq!(sentences(t), vec![t], "{t}");
    }
}

/// The own words after a sentence-final abbreviation are no longer inside the reported
/// speech span of the sentence before («По данным ООН, …»).
#[test]
fn reported_speech_stops_at_a_sentence_final_abbreviation() {
    let v = voices(
        "По данным ООН, погибли 5 млн. человек, ущерб составил 3 млрд. долл. \
         Бюджет вырос на 2 млн руб. в этом году.",
    );
    assert_eq!(
        v,
        vec![
            // The sentence's own final period is not speech (as in «По данным ООН, …» below).
            vec![part("погибли 5 млн. человек, ущерб составил 3 млрд. долл", "reported")],
            vec![],
        ]
    );
}

#[test]
fn russian_quotes_close_with_their_sentence() {
    // «…» and „…“ become straight quotes in normalisation, before splitting.
    let t = framescope::text::normalize(
        "Песков заявил: «Это провокация». Лавров добавил: „Переговоры идут.“ «Почему?» — спросил он.",
    );
    assert_eq!(
        sentences(&t),
        vec![
            "Песков заявил: \"Это провокация\".",
            "Лавров добавил: \"Переговоры идут.\"",
            "\"Почему?\" - спросил он."
        ]
    );
}

#[test]
fn hyphenated_words_stay_whole_and_stems_are_snowball_russian() {
    assert_eq!(
        stems("Военно-морской флот на северо-востоке"),
        vec!["ru:воен-морск", "ru:флот", "ru:на", "ru:север-восток"]
    );
    // Each part of a hyphenated word is stemmed: both halves inflect.
    assert_eq!(stems("страна-агрессор"), stems("страны-агрессора"));
    assert_eq!(stems("государства-террориста"), vec!["ru:государств-террорист"]);
    // Inflected forms meet at one stem (expected stems from snowballstemmer).
    assert_eq!(
        stems("спецоперация спецоперации"),
        vec!["ru:спецоперац", "ru:спецоперац"]
    );
    assert_eq!(stems("Киевского режима"), vec!["ru:киевск", "ru:режим"]);
    assert_eq!(
        stems("переговоры денацификации"),
        vec!["ru:переговор", "ru:денацификац"]
    );
    // Stop words go; «в» and «на» stay (they carry the framing of «на/в Украине»).
    assert_eq!(
        stems("и в Киеве, и на Донбассе"),
        vec!["ru:в", "ru:киев", "ru:на", "ru:донбасс"]
    );
}

#[test]
fn yo_is_read_as_ye_and_the_case_of_ukraine_is_kept() {
    assert_eq!(stems("ещё"), stems("еще"));
    assert_eq!(stems("всё"), Vec::<String>::new(), "«всё» is the stop word «все»");
    // The locative and accusative of «Украина» are not stemmed (data/ru/unstemmed.txt);
    // the other cases are.
    assert_eq!(
        stems("Украине Украину Украины Украиной"),
        vec!["ru:украине", "ru:украину", "ru:украин", "ru:украин"]
    );
}

#[test]
fn latin_words_in_russian_text_are_russian_terms() {
    // A Latin look-alike is not folded into Cyrillic: «Kиев» (Latin K) stays apart from
    // «Киев», and Latin words carry the Russian prefix, never colliding with English terms.
    let s = stems("Kиев Киев NATO");
    assert_eq!(s.len(), 3);
    assert_ne!(s[0], s[1]);
    assert_eq!(s[2], "ru:nato");
    assert_eq!(res().analyzer.stems("NATO"), vec!["nato"]);
}

#[test]
fn outlet_names_are_never_terms_in_any_case_form() {
    assert_eq!(stems("Об этом сообщает \"Медуза\""), vec!["ru:сообща"]);
    assert_eq!(stems("по данным \"Медузы\" и РИА Новости"), vec!["ru:дан"]);
    assert_eq!(
        stems("корреспондент RT в Мариуполе"),
        vec!["ru:корреспондент", "ru:в", "ru:мариупол"]
    );
}

/// Names written with a hyphen or a dot are stemmed part by part, as the text's words are,
/// so they go in every case form («Би-би-си» was once among the strongest Western terms).
#[test]
fn hyphenated_and_dotted_outlet_names_are_never_terms() {
    assert_eq!(stems("сообщает Русская служба Би-би-си"), vec!["ru:сообща"]);
    assert_eq!(stems("в эфире Россия-24 и Россия 24"), vec!["ru:в", "ru:эфир"]);
    assert_eq!(stems("по данным Газеты.ру и Ленты.ру"), vec!["ru:дан"]);
    assert_eq!(stems("передает ИТАР-ТАСС"), vec!["ru:переда"]);
    // A hyphenated word that is not a name keeps both stemmed halves.
    assert_eq!(stems("страны-агрессора"), vec!["ru:стран-агрессор"]);
}

#[test]
fn na_ukraine_and_v_ukraine_are_different_lexicon_entries() {
    assert_eq!(
        hits("Ситуация на Украине обострилась."),
        vec![("на Украине".to_string(), Side::Kremlin)]
    );
    assert_eq!(
        hits("Ситуация в Украине обострилась."),
        vec![("в Украине".to_string(), Side::Western)]
    );
    // «на Украине» does not fire on «Украина» with another preposition or none.
    assert!(hits("Украина и Россия провели переговоры.").is_empty());
    // Attack «on» Ukraine is everyone's grammar: the Western phrase wins.
    let h = hits("Нападение на Украину осудили.");
    assert!(
        h.contains(&("нападение на Украину".to_string(), Side::Western)),
        "{h:?}"
    );
    assert!(h.contains(&("на Украину".to_string(), Side::Kremlin)), "{h:?}");
}

#[test]
fn multi_word_entries_match_through_inflection() {
    let h = hits("Продолжается специальной военной операции по защите Донбасса, заявили в Минобороны.");
    assert!(
        h.contains(&("специальная военная операция".to_string(), Side::Kremlin)),
        "{h:?}"
    );
    let h = hits("Глава так называемой ДНР выступил.");
    assert_eq!(
        h,
        vec![("так называемые ДНР".to_string(), Side::Western)],
        "«глава ДНР» must not fire"
    );
    let h = hits("Глава ДНР выступил.");
    assert_eq!(h, vec![("глава ДНР".to_string(), Side::Kremlin)]);
    let h = hits("Войска киевского режима отступили.");
    assert_eq!(h, vec![("киевский режим".to_string(), Side::Kremlin)]);
    // The «pumping with arms» trope with its object between verb and «оружием» (review,
    // session 41: the entry's own example did not match it).
    for (text, entry) in [
        ("США накачивают Украину оружием.", "накачивать Украину оружием"),
        ("Запад накачивает Киев оружием.", "накачивать Киев оружием"),
        ("Запад продолжает накачивать оружием Украину.", "накачивать оружием"),
    ] {
        let h = hits(text);
        assert!(h.contains(&(entry.to_string(), Side::Kremlin)), "{text}: {h:?}");
    }
}

#[test]
fn boilerplate_lines_and_datelines_never_become_features() {
    let c = clean(
        "МОСКВА, 21 фев — РИА Новости. Президент подписал указ.\n\
         Читайте также: Песков ответил на вопрос о переговорах\n\
         БЕРЛИН, 28 апреля. /ТАСС/. Депутаты проголосовали за документ.\n\
         Подписывайтесь на наш канал в Telegram!\n\
         Реклама\n\
         Фото: РИА Новости / Иван Петров\n\
         © Reuters\n\
         ДАННОЕ СООБЩЕНИЕ (МАТЕРИАЛ) СОЗДАНО И (ИЛИ) РАСПРОСТРАНЕНО ИНОСТРАННЫМ СРЕДСТВОМ МАССОВОЙ ИНФОРМАЦИИ, ВЫПОЛНЯЮЩИМ ФУНКЦИИ ИНОСТРАННОГО АГЕНТА.\n\
         По теме переговоров Лавров ничего не сказал.",
    );
    assert_eq!(
        c.paragraphs,
        vec![
            "Президент подписал указ.",
            "Депутаты проголосовали за документ.",
            "По теме переговоров Лавров ничего не сказал."
        ]
    );
    let reasons: Vec<&str> = c.cuts.iter().map(|c| c.text.as_str()).collect();
    assert!(reasons.contains(&"МОСКВА, 21 фев - РИА Новости."), "{reasons:?}");
    assert!(reasons.contains(&"БЕРЛИН, 28 апреля. /ТАСС/."), "{reasons:?}");
    assert_eq!(c.cuts.len(), 8, "{:?}", c.cuts);
}

/// TASS's regional datelines name the region in slashes (review, session 29: only the
/// «/ТАСС/.» was cut, and the city, «ДНР» and the date became terms); Western agencies
/// written in Cyrillic are outlet names, never terms, as their Latin names are.
#[test]
fn tass_regional_datelines_are_cut_and_cyrillic_agency_names_are_no_terms() {
    let c = clean(
        "ДОНЕЦК /ДНР/, 21 февраля. /ТАСС/. Министр обороны заявил о работе войск.\n\
         МЕЛИТОПОЛЬ /Запорожская область/, 5 марта. /ТАСС/. Жители получили помощь.",
    );
    assert_eq!(
        c.paragraphs,
        vec!["Министр обороны заявил о работе войск.", "Жители получили помощь."]
    );
    for (text, name) in [
        ("Как сообщает агентство Рейтер, переговоры отложены.", "рейтер"),
        ("Агентство Франс Пресс сообщило о встрече.", "франс"),
        ("Телеканал Си-эн-эн сообщил о поставках.", "си-эн-эн"),
    ] {
        let s = stems(text);
        assert!(!s.iter().any(|t| t.starts_with(name)), "{text}: {s:?}");
    }
}

/// Agency datelines in the other forms the agencies print: a regional edition of RIA
/// Novosti, Interfax's title-case city and its Ukrainian service, and the foreign-agent
/// notice in its wording since December 2022 («НАСТОЯЩИЙ МАТЕРИАЛ (ИНФОРМАЦИЯ)…»).
#[test]
fn regional_and_interfax_datelines_and_the_new_agent_notice_are_cut() {
    let c = clean(
        "СИМФЕРОПОЛЬ, 1 мар — РИА Новости Крым. Власти открыли пункт.\n\
         Москва. 24 февраля. INTERFAX.RU - Совбез провел заседание.\n\
         ХАРЬКОВ. 1 марта. ИНТЕРФАКС-УКРАИНА - Обстрелы продолжились.\n\
         НАСТОЯЩИЙ МАТЕРИАЛ (ИНФОРМАЦИЯ) ПРОИЗВЕДЕН, РАСПРОСТРАНЕН И (ИЛИ) НАПРАВЛЕН ИНОСТРАННЫМ АГЕНТОМ «МЕДИАЗОНА» ЛИБО КАСАЕТСЯ ДЕЯТЕЛЬНОСТИ ИНОСТРАННОГО АГЕНТА «МЕДИАЗОНА». 18+\n\
         Настоящий материал вызвал споры.",
    );
    assert_eq!(
        c.paragraphs,
        vec![
            "Власти открыли пункт.",
            "Совбез провел заседание.",
            "Обстрелы продолжились.",
            "Настоящий материал вызвал споры."
        ]
    );
    let reasons: Vec<&str> = c.cuts.iter().map(|c| c.text.as_str()).collect();
    assert!(
        reasons.contains(&"СИМФЕРОПОЛЬ, 1 мар - РИА Новости Крым."),
        "{reasons:?}"
    );
}

/// Datelines with the place in title case, a year after the date, or a region in brackets
/// (review, session 41: «Москва, 24 февраля. /ТАСС/.» lost only «/ТАСС/.», and «Москва, 24
/// февраля.» became the lede sentence; the RIA forms with a year or «(ДНР)» stayed whole).
#[test]
fn datelines_in_title_case_with_a_year_or_a_bracketed_region_are_cut_whole() {
    let c = clean(
        "Москва, 24 февраля. /ТАСС/. Президент подписал указ.\n\
         МОСКВА, 24 февраля 2022 — РИА Новости. Депутаты проголосовали за документ.\n\
         ДОНЕЦК (ДНР), 24 фев — РИА Новости. Жители получили помощь.\n\
         Москва, 24 февраля 2022. /ТАСС/. Совбез провел заседание.",
    );
    assert_eq!(
        c.paragraphs,
        vec![
            "Президент подписал указ.",
            "Депутаты проголосовали за документ.",
            "Жители получили помощь.",
            "Совбез провел заседание."
        ]
    );
    let cut: Vec<&str> = c.cuts.iter().map(|c| c.text.trim_end()).collect();
    assert_eq!(
        cut,
        [
            "Москва, 24 февраля. /ТАСС/.",
            "МОСКВА, 24 февраля 2022 - РИА Новости.",
            "ДОНЕЦК (ДНР), 24 фев - РИА Новости.",
            "Москва, 24 февраля 2022. /ТАСС/."
        ]
    );
}

#[test]
fn language_comes_from_the_field_or_is_detected() {
    let a = &res().analyzer;
    assert_eq!(a.detect("Президент России заявил, что переговоры продолжатся."), "ru");
    assert_eq!(a.detect("The Russian president said talks would continue."), "en");
    assert_eq!(a.resolve_language("RU"), Ok("ru"));
    assert!(a.resolve_language("de").unwrap_err().contains("no analyzer"));
    assert!(a
        .resolve_language("uk")
        .unwrap_err()
        .contains("Ukrainian is not supported yet"));
}

/// The non-own parts of each sentence of a cleaned Russian text, as (text, part).
fn voices(body: &str) -> Vec<Vec<(String, &'static str)>> {
    let d = doc(body);
    let v = split_article(&res().voice, d.sentences.iter().map(|s| (s.text.as_str(), s.paragraph)));
    v.iter()
        .zip(&d.sentences)
        .map(|(v, s)| {
            v.spans
                .iter()
                .filter(|x| x.part != Part::Own)
                .map(|x| (s.text[x.range.clone()].to_string(), x.part.as_str()))
                .collect()
        })
        .collect()
}

fn part(t: &str, k: &'static str) -> (String, &'static str) {
    (t.to_string(), k)
}

#[test]
fn issue_21_voice_guillemet_quote_and_zayavil() {
    // «…» is normalised to "…" by the cleaner; the closing «— заявил Песков» is own voice,
    // and «заявил, что …» makes what follows reported speech.
    let v = voices(
        "«Мы не допустим эскалации у наших границ», — заявил Песков журналистам. \
         Позже Песков заявил, что Москва готова к переговорам.",
    );
    assert_eq!(
        v,
        vec![
            vec![part("\"Мы не допустим эскалации у наших границ\"", "quote")],
            vec![part("Москва готова к переговорам", "reported")],
        ]
    );
    // Feminine and neuter forms are cues too; «так называемой» marks a scare quote even in a
    // sentence with a speech verb.
    let v = voices(
        "Захарова заявила, что Запад затягивает конфликт. \
         Ведомство сообщило, что удары продолжатся. \
         Власти так называемой «ДНР» заявили о мобилизации.",
    );
    assert_eq!(
        v,
        vec![
            vec![part("Запад затягивает конфликт", "reported")],
            vec![part("удары продолжатся", "reported")],
            vec![part("\"ДНР\"", "scare"), part("мобилизации", "reported")],
        ]
    );
}

#[test]
fn issue_21_voice_reported_speech_without_quotes() {
    let v = voices(
        "По словам министра, армия выполнила все поставленные задачи. \
         Как заявил Лавров, Запад ведет против России гибридную войну. \
         Колонна отошла от границы, сообщили в ведомстве. \
         По данным ООН, из города выехали тысячи жителей. \
         Армия отошла от города.",
    );
    assert_eq!(
        v,
        vec![
            vec![part("армия выполнила все поставленные задачи", "reported")],
            vec![part("Запад ведет против России гибридную войну", "reported")],
            vec![part("Колонна отошла от границы", "reported")],
            vec![part("из города выехали тысячи жителей", "reported")],
            vec![],
        ]
    );
}

#[test]
fn issue_21_sourcing_finds_russian_speakers_in_any_case_form() {
    let d = doc("«Мы готовы к диалогу», — заявил Песков. \
         По словам Пескова, Москва ждет ответа. \
         В Белом доме заявили, что не видят оснований для оптимизма. \
         Зеленский подчеркнул, что Украина не откажется от своих земель. \
         Он также добавил, что рассчитывает на помощь союзников. \
         Как сообщили в Минобороны России, удар был нанесен по складам. \
         Погода в регионе остается холодной.");
    let got: Vec<(usize, String, Option<Voice>)> = res()
        .actors
        .attribute(d.sentences.iter().map(|s| s.text.as_str()))
        .into_iter()
        .map(|a| (a.index, a.actor, a.voice))
        .collect();
    assert_eq!(
        got,
        vec![
            (0, "Песков".into(), Some(Voice::Kremlin)),
            (1, "Песков".into(), Some(Voice::Kremlin)),
            (2, "Белый дом".into(), Some(Voice::Western)),
            (3, "Зеленский".into(), Some(Voice::Ukraine)),
            (4, "Зеленский".into(), Some(Voice::Ukraine)),
            (5, "Минобороны России".into(), Some(Voice::Kremlin)),
        ]
    );
    // Two Kremlin, one Western: (2 − 1) / (2 + 1) over the six statements' sides.
    let s = summarize(&res().actors.attribute(d.sentences.iter().map(|s| s.text.as_str())));
    assert_eq!((s.kremlin, s.western, s.ukraine), (3, 1, 2));
    assert_eq!(s.balance(), Some(0.5));
}

/// Review finding 4 (session 17): «возразил», «спросил» are speech verbs, so each quote goes
/// to the speaker its own sentence names, never to the previous speaker.
#[test]
fn a_quote_goes_to_the_speaker_its_sentence_names() {
    let d = doc("«Мы не допустим этого», — заявил Песков журналистам. \
         «Это провокация Кремля», — возразил Кулеба. \
         «Переговоры невозможны», — ответил Кулеба. \
         «Киев не готов?» — спросил Лавров. \
         «Нет», — парировала Захарова.");
    let got: Vec<(usize, String, String)> = res()
        .actors
        .attribute(d.sentences.iter().map(|s| s.text.as_str()))
        .into_iter()
        .map(|a| (a.index, a.cue, a.actor))
        .collect();
    let row = |i: usize, cue: &str, actor: &str| (i, cue.to_string(), actor.to_string());
    assert_eq!(
        got,
        vec![
            row(0, "заявил", "Песков"),
            row(1, "возразил", "Кулеба"),
            row(2, "ответил", "Кулеба"),
            row(3, "спросил", "Лавров"),
            row(4, "парировала", "Захарова"),
        ]
    );
}

/// Written for this test (Ukrainian, with і ї є which Russian lacks): «The minister said that
/// talks with Russia will not resume while its troops are on Ukrainian territory. He also
/// said that their proposals are unacceptable.»
const UKRAINIAN: &str = "Міністр заявив, що переговори з Росією не відновляться, доки її війська перебувають на території України.\nВін також повідомив, що їхні пропозиції є неприйнятними для Києва.\n";

const RUSSIAN: &str = "Министр заявил, что переговоры с Россией не возобновятся, пока ее войска находятся на территории Украины.\nОн также сообщил, что их предложения неприемлемы для Киева.\n";

#[test]
fn issue_21_ukrainian_articles_are_reported_and_skipped_not_read_as_russian() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let arts = d.join("arts");
    std::fs::create_dir(&arts).unwrap();
    std::fs::write(arts.join("ru_article.txt"), format!("Заголовок статьи\n{RUSSIAN}")).unwrap();
    std::fs::write(arts.join("uk_article.txt"), format!("Заголовок статті\n{UKRAINIAN}")).unwrap();
    // A record whose `lang` says Ukrainian is refused the same way, by file and line.
    let jsonl = serde_json::json!({"id": "uk2", "text": RUSSIAN, "lang": "uk"}).to_string()
        + "\n"
        + &serde_json::json!({"id": "ru2", "text": RUSSIAN}).to_string()
        + "\n";
    std::fs::write(d.join("more.jsonl"), jsonl).unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let o = assert_cmd::Command::cargo_bin("framescope")
        .unwrap()
        .current_dir(d)
        .args(["--quiet", "run", "--bootstrap", "0", "--out", "out", "--seeds"])
        .arg(&seeds)
        .args(["arts", "more.jsonl"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let line = err
        .lines()
        .find(|l| l.contains("uk_article.txt"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("skipped") && line.contains("detected as Ukrainian (`uk`), which is not supported yet"),
        "{line}"
    );
    let line = err
        .lines()
        .find(|l| l.contains("more.jsonl:1"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(line.contains("Ukrainian is not supported yet"), "{line}");
    let scored: Vec<(String, String)> = framescope::report::read_scores(&d.join("out/scores.csv"))
        .unwrap()
        .into_iter()
        .filter(|s| s.lang != "en")
        .map(|s| (s.score.id, s.score.lang))
        .collect();
    assert_eq!(
        scored,
        vec![("ru_article".into(), "ru".into()), ("ru2".into(), "ru".into())]
    );
}

#[test]
fn scoring_russian_with_a_model_trained_on_english_says_so() {
    // A model trained on the English seeds knows no Russian term: `score` must say that the
    // Russian articles rest on the lexicon alone (stderr and run.json), and say nothing of
    // the kind for English articles.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let jsonl = serde_json::json!({"id": "ru1", "text": RUSSIAN, "lang": "ru"}).to_string() + "\n";
    std::fs::write(d.join("ru.jsonl"), jsonl).unwrap();
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("framescope")
            .unwrap()
            .current_dir(d)
            .args(args)
            .output()
            .unwrap()
    };
    let seeds = seeds.to_str().unwrap();
    let o = run(&["--quiet", "train", "--seeds", seeds, "--model", "m.json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let model: serde_json::Value = serde_json::from_slice(&std::fs::read(d.join("m.json")).unwrap()).unwrap();
    assert_eq!(model["training"]["languages"], serde_json::json!(["en"]));
    let o = run(&[
        "score",
        "--model",
        "m.json",
        "--bootstrap",
        "0",
        "--out",
        "s",
        "ru.jsonl",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    let note = err
        .lines()
        .find(|l| l.contains("a language this model was not trained on"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        note.contains("1 article(s) in `ru`") && note.contains("trained on en"),
        "{note}"
    );
    let manifest = std::fs::read_to_string(d.join("s/run.json")).unwrap();
    assert!(
        manifest.contains("a language this model was not trained on"),
        "{manifest}"
    );
    // English articles: no such note.
    let o = run(&["score", "--model", "m.json", "--bootstrap", "0", "--out", "s2", seeds]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("not trained on"), "{err}");
    // `eval` of that model on labelled Russian articles says it too (review, session 30).
    let labelled = serde_json::json!({"id": "ru1", "text": RUSSIAN, "lang": "ru", "label": "kremlin"}).to_string()
        + "\n"
        + &serde_json::json!({"id": "ru2", "text": RUSSIAN, "lang": "ru", "label": "western"}).to_string()
        + "\n";
    std::fs::write(d.join("ru_labelled.jsonl"), labelled).unwrap();
    let o = run(&["eval", "--model", "m.json", "--bootstrap", "0", "ru_labelled.jsonl"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("2 article(s) in `ru`, a language this model was not trained on"),
        "{err}"
    );
}

#[test]
fn an_english_corpus_does_not_count_russian_entries_as_never_firing() {
    use framescope::lexicon::diagnostics::diagnose;
    let lex = &res().lexicon;
    let english = Article {
        lang: Some("en".into()),
        ..article("e", "Moscow said the Kiev regime is shelling Donbass.")
    };
    let d = analyze(res().cleaner.clean(&english), &res().analyzer, lex);
    let mut r = diagnose(lex, [(None, d.sentences.iter().map(|s| &s.evidence))], 1.0, 5);
    let silent = r.entries.iter().filter(|e| e.sentences == 0).count();
    // The Russian entries, counted from the data files themselves: every line that is not
    // blank or a comment.
    let russian: usize = ["kremlin.txt", "western.txt"]
        .iter()
        .map(|f| {
            let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lexicons/ru").join(f);
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                .count()
        })
        .sum();
    assert!(russian > 0);
    r.only_languages(lex, ["en"]);
    // Every Russian entry is silent in English text and set aside; the English ones stay.
    assert_eq!(r.other_languages, russian);
    assert_eq!(r.never_fire.len(), silent - russian);
    let cyrillic = |p: &String| p.chars().any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'));
    assert!(!r.never_fire.iter().any(cyrillic), "{:?}", r.never_fire);
}

/// The rows of a CSV file as column → cell maps.
fn csv_rows(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    csv::Reader::from_path(path)
        .unwrap()
        .deserialize()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn an_outlets_editions_in_two_languages_are_two_rows() {
    // "Echo" publishes in English and in Russian: outlets.csv and timeline.csv keep the two
    // editions apart (one row per outlet and language) instead of averaging them together.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let english =
        "Moscow said the drills near Ukraine were purely defensive.\nNATO said the build-up was an invasion force.\n";
    let lines: Vec<String> = [
        ("en1", english, "en", "2022-02-18"),
        (
            "en2",
            "Kyiv said the Moscow-backed separatists shelled a kindergarten.\n",
            "en",
            "2022-02-18",
        ),
        ("ru1", RUSSIAN, "ru", "2022-02-18"),
    ]
    .iter()
    .map(|(id, text, lang, date)| {
        serde_json::json!({"id": id, "text": text, "lang": lang, "outlet": "Echo", "date": date}).to_string()
    })
    .collect();
    std::fs::write(d.join("echo.jsonl"), lines.join("\n") + "\n").unwrap();
    let o = assert_cmd::Command::cargo_bin("framescope")
        .unwrap()
        .current_dir(d)
        .args(["--quiet", "run", "--out", "out", "--seeds"])
        .arg(&seeds)
        .arg("echo.jsonl")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let scores = csv_rows(&d.join("out/scores.csv"));
    let score = |id: &str| -> f64 {
        let r = scores.iter().find(|r| r["id"] == id).unwrap();
        r["framing_score"].parse().unwrap()
    };
    let keys = |rows: &[std::collections::BTreeMap<String, String>]| -> Vec<(String, String, String)> {
        rows.iter()
            .map(|r| (r["outlet"].clone(), r["lang"].clone(), r["articles"].clone()))
            .collect()
    };
    let want = |l: &str, n: &str| ("Echo".to_string(), l.to_string(), n.to_string());
    let outlets = csv_rows(&d.join("out/outlets.csv"));
    assert_eq!(keys(&outlets), [want("en", "2"), want("ru", "1")]);
    let mean_en: f64 = outlets[0]["mean_framing_score"].parse().unwrap();
    assert!(
        (mean_en - (score("en1") + score("en2")) / 2.0).abs() < 2e-6,
        "{mean_en}"
    );
    let mean_ru: f64 = outlets[1]["mean_framing_score"].parse().unwrap();
    assert!((mean_ru - score("ru1")).abs() < 2e-6, "{mean_ru}");
    // One Russian article: the whole scale, as for any outlet with one article.
    assert_eq!(
        (outlets[1]["score_low"].as_str(), outlets[1]["score_high"].as_str()),
        ("-1.000000", "1.000000")
    );
    let timeline = csv_rows(&d.join("out/timeline.csv"));
    assert_eq!(keys(&timeline), [want("en", "2"), want("ru", "1")]);
    assert!(d.join("out/charts/outlets.png").is_file());
}

#[test]
fn the_reflexive_pronoun_is_not_the_acronym_svo() {
    // «СВО» (специальная военная операция) and «своём» share the Snowball stem «сво»; the
    // pronoun is a stop word in every case form, so only the acronym fires.
    for s in [
        "Он сообщил об этом в своём телеграм-канале.",
        "Она рассказала о своем опыте.",
        "Они вернулись к своим семьям.",
    ] {
        assert!(hits(s).is_empty(), "{s}: {:?}", hits(s));
    }
    assert_eq!(hits("Цели СВО будут достигнуты."), [("СВО".to_string(), Side::Kremlin)]);
}

/// Review finding (session 29): «на» alone had a Kremlin weight (+0.39 in the dev run), so a
/// text about fields and music lessons with six «на» scored Kremlin, decided. The
/// prepositions are features only inside bigrams (`pair-only=в,на` in data/languages.txt):
/// «на Украине» stays a feature, «на» alone is none.
#[test]
fn the_prepositions_are_features_only_in_their_bigrams() {
    let docs: Vec<Document> = [
        "Киевский режим продолжает обстрелы на Украине. Специальная военная операция идет на Донбассе по плану.",
        "Спецоперация на Украине продолжается. Киевский режим на Донбассе отступает.",
        "Российское вторжение в Украине продолжается. Оккупанты обстреливают города в Украине.",
        "Война в Украине идет второй месяц. Российская агрессия в Украине осуждена.",
    ]
    .iter()
    .map(|t| doc(t))
    .collect();
    let params = framescope::model::ClassifierParams {
        propagate_weight: 0.0,
        ..Default::default()
    }
    .check()
    .unwrap();
    let set = framescope::pipeline::training_set(&docs, &params, res().analyzer.settings().ngram_max);
    let (model, _) = framescope::pipeline::train(set, res(), &params).unwrap();
    let terms = &model.tfidf.terms;
    for alone in ["ru:на", "ru:в"] {
        assert!(!terms.iter().any(|t| t == alone), "{alone} is a feature");
    }
    for pair in ["ru:на ru:украине", "ru:в ru:украине"] {
        assert!(terms.iter().any(|t| t == pair), "{pair} is not a feature");
    }
    // The setting is the data file's, and the model records it.
    let ru = model.analyzer.languages.iter().find(|l| l.code == "ru").unwrap();
    assert_eq!(ru.pair_only, ["в", "на"]);
}

/// Review finding (session 30): a Russian lexicon entry of a pair-only preposition alone
/// (`на | 1`) was accepted and fired on every «на», bringing back through the weak labels and
/// the lexicon prior the bias `pair-only` removed. It is refused, naming file and line; the
/// preposition inside a phrase stays an entry.
#[test]
fn a_lexicon_entry_of_a_pair_only_preposition_alone_is_refused() {
    use framescope::data::DataText;
    use framescope::lexicon::Lexicon;
    let d = |p: &str, t: &str| DataText {
        path: p.into(),
        text: t.into(),
    };
    let mut lex = Lexicon::new(vec![], String::new(), String::new());
    let e = lex
        .add_language(
            "ru",
            &d("k.txt", "киевский режим\nна | 1\n"),
            &d("w.txt", "вторжение\n"),
            &res().analyzer,
        )
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("k.txt:2: `на`: `на` is only words the `ru` analyzer counts inside their word pairs"),
        "{e}"
    );
    let mut fresh = Lexicon::new(vec![], String::new(), String::new());
    assert!(fresh
        .add_language(
            "ru",
            &d("k.txt", "на Украине\n"),
            &d("w.txt", "В | 2 # capitalised too\n"),
            &res().analyzer
        )
        .is_err());
    let mut fresh = Lexicon::new(vec![], String::new(), String::new());
    fresh
        .add_language(
            "ru",
            &d("k.txt", "на Украине\n"),
            &d("w.txt", "в Украине\n"),
            &res().analyzer,
        )
        .unwrap();
}
