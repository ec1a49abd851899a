//! The record shape shared by JSONL objects, CSV rows and Parquet rows, and the two rules
//! that make a record an article the same way wherever it is read: the content-derived id of
//! a record without one, and dates given as ISO strings or epoch numbers.

use super::{Article, Side};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// One table record: `text` is required, every other field optional. Library callers holding
/// records (the Python package's DataFrame rows) build one and call [`Record::into_article`],
/// so their rows become articles exactly as JSONL lines do.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Record {
    pub id: Option<serde_json::Value>,
    pub title: Option<String>,
    pub text: Option<String>,
    /// Text, or a number read as its text (`12`, and `12.0` as pandas writes an integer
    /// column with gaps: outlet codes, GDELT source ids), as in CSV and Parquet.
    #[serde(default, deserialize_with = "outlet_text")]
    pub outlet: Option<String>,
    pub date: Option<serde_json::Value>,
    /// The side, for evaluation only: `kremlin`/`western` (see [`Side::parse`]); any other
    /// value (`1`, `true`, `opinion`) is no side and is ignored, as in CSV and Parquet —
    /// a number does not make a JSONL line unreadable.
    #[serde(default, deserialize_with = "lenient_text")]
    pub label: Option<String>,
    #[serde(default, deserialize_with = "lenient_text")]
    pub side: Option<String>,
    /// Language code (`en`, `ru`); detected when absent.
    pub lang: Option<String>,
}

/// The fields of a [`Record`], as JSONL keys, CSV headers and Parquet columns name them.
pub const FIELDS: [&str; 8] = ["id", "title", "text", "outlet", "date", "label", "side", "lang"];

/// What is wrong with a table's field names (`kind`: "column" or "key"), if anything: a
/// name that is a field but for case or surrounding spaces (`ID`, `Title`, ` text`) is not
/// read, so its values (the ids, the titles) would be dropped without a word. `None` when
/// every name is a field or no field's near miss (other names are simply not read), or when
/// the field itself is named too.
pub fn misnamed_field<'a>(names: impl IntoIterator<Item = &'a str> + Clone, kind: &str) -> Option<String> {
    let exact = |f: &str| names.clone().into_iter().any(|n| n == f);
    let (name, field) = names.clone().into_iter().find_map(|n| {
        let folded = n.trim().to_lowercase();
        FIELDS
            .iter()
            .find(|f| **f == folded && n != **f && !exact(f))
            .map(|f| (n, *f))
    })?;
    Some(format!(
        "{kind} `{name}` is not read: field names are lowercase ({}); rename it to `{field}`",
        FIELDS.join(", ")
    ))
}

/// A field read as text whatever JSON scalar holds it (a number or boolean as written).
fn lenient_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<serde_json::Value>::deserialize(d)?.and_then(label_text))
}

/// `outlet`: a string as written, a number as [`number_id`] writes it, null nothing; a
/// boolean, list or object is an error (named by the reader's message).
fn outlet_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s)),
        Some(serde_json::Value::Number(n)) => Ok(Some(number_id(&n))),
        Some(v) => Err(serde::de::Error::custom(
            wrong_type("outlet", &v, "text or a number").unwrap_or_default(),
        )),
    }
}

/// A `label`/`side` value as text, as every reader takes it (JSONL, and the Python
/// package's rows): a string as written, a number or boolean as its JSON text (which names
/// no side), anything else nothing.
pub fn label_text(v: serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s),
        v @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_)) => Some(v.to_string()),
        _ => None,
    }
}

/// A numeric id as text: an integral float (`1.0`, what pandas writes for an integer column
/// with gaps) as the integer (`1`), so the id does not depend on the column's type; any
/// other number as written.
pub fn number_id(n: &serde_json::Number) -> String {
    match n.as_f64() {
        Some(f) if !n.is_i64() && !n.is_u64() && f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 => {
            format!("{}", f as i64)
        }
        _ => n.to_string(),
    }
}

/// A number that was read as a float although it may have been written as a whole number
/// beyond u64/i64 (`123456789012345678901234567890`): every float from 2^53 up is whole, and
/// its digits past the 17th are lost, so two such ids could become one. Such an id is refused
/// rather than kept as `1.2345678901234568e29` (review, session 34).
fn inexact_number(n: &serde_json::Number) -> bool {
    !n.is_i64() && !n.is_u64() && n.as_f64().is_some_and(|f| f.abs() >= 9.007_199_254_740_992e15)
}

/// A JSON value as a message shows it: its text, cut at 40 characters.
pub(super) fn shown(v: &serde_json::Value) -> String {
    let mut shown = v.to_string();
    if shown.chars().count() > 40 {
        shown = shown.chars().take(40).collect::<String>() + "…";
    }
    shown
}

/// `field `F` is true or false (true), not WANTED` for a boolean, list or object; `None` for
/// text, numbers and null (a number is wrong for some fields only: the caller says).
pub(super) fn wrong_type(field: &str, v: &serde_json::Value, wanted: &str) -> Option<String> {
    let kind = match v {
        serde_json::Value::Bool(_) => "true or false",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
        _ => return None,
    };
    Some(format!("field `{field}` is {kind} ({}), not {wanted}", shown(v)))
}

/// Why a record was skipped, with its id when the record named one.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordFault {
    pub id: Option<String>,
    pub message: String,
}

impl Record {
    /// The id the record gives, as text (strings as written, numbers by [`number_id`]).
    pub fn given_id(&self) -> Option<String> {
        match &self.id {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(serde_json::Value::Number(n)) => Some(number_id(n)),
            _ => None,
        }
    }

    /// Turn a record into an article (`origin`: where it came from, `path:line`), or say
    /// what is wrong with it.
    pub fn into_article(self, origin: String) -> Result<Article, RecordFault> {
        self.into_noted_article(origin).map(|(a, _)| a)
    }

    /// [`into_article`](Self::into_article), with a note on what was done to the text
    /// (an HTML page reduced to its text, as a `.txt` file's is), to be reported as a warning.
    pub fn into_noted_article(self, origin: String) -> Result<(Article, Option<String>), RecordFault> {
        let given = self.given_id();
        let fault = |message: String| RecordFault {
            id: given.clone(),
            message,
        };
        // An id of another type would be replaced by the content id without a word, and the
        // researcher's ids lost from every table.
        if let Some(m) = self.id.as_ref().and_then(|v| wrong_type("id", v, "text or a number")) {
            return Err(fault(m));
        }
        if let Some(serde_json::Value::Number(n)) = &self.id {
            if inexact_number(n) {
                // No id with the fault: the digits read are not the id written, and a skipped
                // line's `id` is for joining back to the input (review U, session 56: it was
                // the lossy float); its origin names the line.
                return Err(RecordFault {
                    id: None,
                    message: format!(
                        "field `id` is the number {n}, larger than a JSON reader keeps exactly (whole numbers up to 2^64 − 1; this one was read as a float and its digits lost); write the id as text, in quotes"
                    ),
                });
            }
        }
        let text = self
            .text
            .as_deref()
            .ok_or_else(|| fault("missing field `text`".into()))?;
        // The id too (review J, session 51: a NUL in an id was written raw into every table).
        let fields = [&self.title, &self.outlet, &self.label, &self.side, &given];
        if text.contains('\0') || fields.iter().any(|f| f.as_deref().is_some_and(|f| f.contains('\0'))) {
            return Err(fault("contains NUL characters (binary data), not text".into()));
        }
        let (text, note) = super::decode::markup_to_text(super::unify_newlines(text));
        if text.trim().is_empty() {
            return Err(fault("field `text` is empty".into()));
        }
        let date = match &self.date {
            None => None,
            Some(v) => normalize_date(v).map_err(fault)?,
        };
        let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        // Feeds escape titles as they escape bodies ("Putin&#8217;s war").
        let title = nonempty(self.title).map(|t| super::decode::decode_entities(&t).unwrap_or(t));
        let id = given.clone().unwrap_or_else(|| content_id(title.as_deref(), &text));
        let label = nonempty(self.label).or(nonempty(self.side));
        let article = Article {
            label: label.as_deref().and_then(Side::parse),
            title,
            outlet: self.outlet.as_deref().and_then(super::outlet_name),
            date,
            lang: nonempty(self.lang),
            id,
            body: text,
            origin,
        };
        Ok((article, note))
    }
}

/// Records a library caller holds (the rows of a table) as articles, each read as a JSONL
/// line is: record `i` (from 1) has origin `name:i`; a record that is not an article is a
/// problem (`name:i: skipped: …`). Problems come back in row order.
pub fn records_to_articles(
    name: &std::path::Path,
    records: impl IntoIterator<Item = Record>,
) -> (Vec<Article>, Vec<super::InputProblem>) {
    let (mut articles, mut problems) = (Vec::new(), Vec::new());
    for (i, r) in records.into_iter().enumerate() {
        for item in super::reader::record_items(r, name, i + 1) {
            match item {
                super::Item::Article(a) => articles.push(a),
                super::Item::Problem(p) => problems.push(p),
            }
        }
    }
    (articles, problems)
}

/// The id of a record that has none: `sha256:` and the first 16 hex digits of the SHA-256
/// of its title (empty when none), a NUL byte and its text (newlines unified). It depends on
/// the content only, so the same record gets the same id in any file, partition or order
/// (a position-based id restarted in every Spark partition). The colon keeps it apart from
/// file-stem ids in practice; two records with the same title and text get the same id and
/// the second is reported as a duplicate.
pub fn content_id(title: Option<&str>, text: &str) -> String {
    let mut h = Sha256::new();
    h.update(title.unwrap_or("").as_bytes());
    h.update([0u8]);
    h.update(text.as_bytes());
    let digest = h.finalize();
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// Epoch numbers at or above this magnitude are milliseconds (1e11 s is the year 5138;
/// 1e11 ms is 1973), below it seconds.
const MILLIS_FROM: f64 = 1e11;

/// A record's `date`: a string as [`super::dates::normalize`] records it (ISO kept as
/// written, trimmed; empty = none; a few unambiguous forms rewritten as ISO); a number is epoch
/// seconds or milliseconds (see [`MILLIS_FROM`]) written as ISO 8601 in UTC — `YYYY-MM-DD`
/// at midnight (what pandas' `to_json` makes of a date column), else
/// `YYYY-MM-DDTHH:MM:SSZ` (`.sss` when there are milliseconds).
pub(crate) fn normalize_date(v: &serde_json::Value) -> Result<Option<String>, String> {
    match v {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::String(s) => Ok(super::dates::normalize(s)),
        serde_json::Value::Number(n) => {
            let x = n
                .as_f64()
                .filter(|x| x.is_finite())
                .ok_or("field `date` is not a finite number")?;
            // Eight digits that form a real day are that day (`20220224`: ISO 8601's basic
            // form, GDELT's dates), not epoch seconds in August 1970 — also written as a
            // float (`20220224.0`: pandas makes an integer column with a gap float64, and
            // its `to_json` writes the floats).
            let whole = n
                .as_u64()
                .or_else(|| (x.fract() == 0.0 && (0.0..1e8).contains(&x)).then_some(x as u64));
            if let Some(day) = whole.and_then(|v| super::dates::compact_day(&v.to_string())) {
                return Ok(Some(day));
            }
            // Fewer than ten digits is no epoch time of a news article (before September
            // 2001): a spreadsheet's day number (`44616`), a year, a typo. Kept as written, as
            // a CSV cell is (which says it names no day), where it became a date in 1970
            // without a word (review, session 44).
            if x.abs() < 1e9 {
                return Ok(super::dates::normalize(&n.to_string()));
            }
            let millis = if x.abs() >= MILLIS_FROM { x } else { x * 1000.0 };
            iso_from_epoch_millis(millis.round() as i64).map(Some)
        }
        other => Err(format!(
            "field `date` must be an ISO date string or a number (epoch seconds or milliseconds), not {other}"
        )),
    }
}

/// ISO 8601 (UTC) of milliseconds since 1970-01-01, as [`normalize_date`] describes.
pub(crate) fn iso_from_epoch_millis(ms: i64) -> Result<String, String> {
    // Years 0..=9999 only: beyond that an ISO date needs a sign or more digits.
    const MIN: i64 = -62_167_219_200_000; // 0000-01-01
    const MAX: i64 = 253_402_300_799_999; // 9999-12-31T23:59:59.999
    if !(MIN..=MAX).contains(&ms) {
        return Err(format!("field `date`: epoch value {ms} ms is outside the years 0–9999"));
    }
    let t = chrono::DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| format!("field `date`: epoch value {ms} ms is out of range"))?;
    let rest = ms.rem_euclid(86_400_000);
    Ok(if rest == 0 {
        t.format("%Y-%m-%d").to_string()
    } else if rest % 1000 == 0 {
        t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_field_named_but_for_case_or_spaces_is_reported_with_its_rename() {
        use super::misnamed_field;
        let m = misnamed_field(["ID", "text"], "column").unwrap();
        assert_eq!(
            m,
            "column `ID` is not read: field names are lowercase (id, title, text, outlet, date, label, side, lang); rename it to `id`"
        );
        assert!(misnamed_field([" title ", "text"], "key")
            .unwrap()
            .starts_with("key ` title ` is not read"));
        assert!(misnamed_field(["Text"], "column")
            .unwrap()
            .ends_with("rename it to `text`"));
        // Exact names, other names, and a variant beside its exact field are not reported.
        assert_eq!(misnamed_field(["id", "text", "body", "url"], "column"), None);
        assert_eq!(misnamed_field(["id", "ID", "text"], "column"), None);
    }

    use super::*;
    use serde_json::json;

    fn record(v: serde_json::Value) -> Record {
        serde_json::from_value(v).unwrap()
    }

    /// Review G, session 50: one outlet written composed and decomposed was two outlets.
    #[test]
    fn an_outlet_name_is_trimmed_and_composed() {
        let outlet = |name: &str| {
            record(json!({"text": "Talks resumed in Geneva on Monday.", "outlet": name}))
                .into_article("x.jsonl:1".into())
                .unwrap()
                .outlet
        };
        let composed = "S\u{00FC}ddeutsche Zeitung";
        assert_eq!(outlet(" Su\u{0308}ddeutsche Zeitung ").as_deref(), Some(composed));
        assert_eq!(outlet(composed).as_deref(), Some(composed));
        assert_eq!(outlet("daily courier").as_deref(), Some("daily courier"));
        assert_eq!(outlet("   "), None);
    }

    #[test]
    fn epoch_numbers_become_iso_dates() {
        // Hand-checked: 1709251200 s = 2024-03-01T00:00:00Z (19783 days × 86400).
        let d = |v| normalize_date(&v).unwrap();
        assert_eq!(d(json!(1709251200)).as_deref(), Some("2024-03-01"));
        // Eight digits forming a real day are that day, not 1970-08-23 (20,220,224 s).
        assert_eq!(d(json!(20220224)).as_deref(), Some("2022-02-24"));
        assert_eq!(d(json!(20220224.0)).as_deref(), Some("2022-02-24"));
        // Fewer than ten digits and no day: no epoch time of a news article (1970), kept as
        // written, as a CSV cell is (review, session 44: 44616, a spreadsheet's day number,
        // became 1970-01-01 without a word).
        assert_eq!(d(json!(20220224.5)).as_deref(), Some("20220224.5"));
        assert_eq!(d(json!(20221350)).as_deref(), Some("20221350"));
        assert_eq!(d(json!(44616)).as_deref(), Some("44616"));
        assert_eq!(d(json!(0)).as_deref(), Some("0"));
        assert_eq!(d(json!(1709251200000i64)).as_deref(), Some("2024-03-01"));
        assert_eq!(
            d(json!(1709251200000i64 + 3_723_000)).as_deref(),
            Some("2024-03-01T01:02:03Z")
        );
        assert_eq!(d(json!(1709251200.25)).as_deref(), Some("2024-03-01T00:00:00.250Z"));
        // Epoch milliseconds for any day: −10¹¹ ms is 1966-10-31T14:13:20Z; 2000-02-29 is day 11016
        // (leap year divisible by 400).
        assert_eq!(d(json!(-100_000_000_000i64)).as_deref(), Some("1966-10-31T14:13:20Z"));
        assert_eq!(d(json!(11016i64 * 86_400_000)).as_deref(), Some("2000-02-29"));
        assert_eq!(d(json!(1_000_000_000)).as_deref(), Some("2001-09-09T01:46:40Z"));
        assert_eq!(d(json!(" 2024-03-01 ")).as_deref(), Some("2024-03-01"));
        assert_eq!(d(json!("")), None);
        assert_eq!(d(json!(null)), None);
        assert!(normalize_date(&json!(true))
            .unwrap_err()
            .contains("ISO date string or a number"));
        assert!(normalize_date(&json!(1e20)).is_err());
    }

    #[test]
    fn an_id_less_record_gets_an_id_from_its_content_alone() {
        let a = record(json!({"title": "T", "text": "Body one."}))
            .into_article("x.jsonl:1".into())
            .unwrap();
        let b = record(json!({"title": "T", "text": "Body one.", "outlet": "O"}))
            .into_article("y.jsonl:9".into())
            .unwrap();
        assert_eq!(a.id, b.id);
        assert!(a.id.starts_with("sha256:") && a.id.len() == 7 + 16, "{}", a.id);
        // Independent check: the first 8 bytes of SHA-256("T\0Body one.") computed by sha2 on
        // the concatenated bytes.
        let full = Sha256::digest(b"T\0Body one.");
        let hex: String = full[..8].iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(a.id, format!("sha256:{hex}"));
        let c = record(json!({"title": "T2", "text": "Body one."}))
            .into_article("x.jsonl:2".into())
            .unwrap();
        assert_ne!(a.id, c.id);
        let n = record(json!({"id": 17, "text": "Body."}))
            .into_article("o".into())
            .unwrap();
        assert_eq!(n.id, "17");
        // 17.0 (pandas' float column) is the same id; 17.5 stays as written.
        for (v, want) in [(json!(17.0), "17"), (json!(17.5), "17.5"), (json!(-3.0), "-3")] {
            let a = record(json!({"id": v, "text": "Body."}))
                .into_article("o".into())
                .unwrap();
            assert_eq!(a.id, want);
        }
    }

    #[test]
    fn a_label_that_is_no_side_is_ignored_and_the_record_kept() {
        for (label, side) in [
            (json!(1), None),
            (json!(true), None),
            (json!("opinion"), None),
            (json!(["kremlin"]), None),
            (json!(" Western "), Some(Side::Western)),
        ] {
            let a = record(json!({"id": "x", "text": "Body.", "label": label}))
                .into_article("o".into())
                .unwrap();
            assert_eq!((a.id.as_str(), a.label), ("x", side), "{label}");
        }
    }

    #[test]
    fn records_in_memory_are_read_as_jsonl_lines_are() {
        let (articles, problems) = records_to_articles(
            std::path::Path::new("<articles>"),
            [
                record(json!({"id": 7, "text": "A.\r\nB.", "label": "Kremlin"})),
                record(json!({"id": "b", "text": "  "})),
                record(json!({"text": "C.", "date": 1709251200})),
            ],
        );
        assert_eq!(articles.len(), 2);
        let a = &articles[0];
        assert_eq!(
            (a.id.as_str(), a.body.as_str(), a.origin.as_str()),
            ("7", "A.\nB.", "<articles>:1")
        );
        assert_eq!(a.label, Some(Side::Kremlin));
        assert_eq!(articles[1].date.as_deref(), Some("2024-03-01"));
        assert_eq!(articles[1].id, content_id(None, "C."));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].to_string(), "<articles>:2: skipped: field `text` is empty");
        assert_eq!(problems[0].id.as_deref(), Some("b"));
    }

    #[test]
    fn a_fault_keeps_the_id_the_record_gave() {
        let f = record(json!({"id": "a1", "text": " "}))
            .into_article("o".into())
            .unwrap_err();
        assert_eq!(
            (f.id.as_deref(), f.message.as_str()),
            (Some("a1"), "field `text` is empty")
        );
        let f = record(json!({"text": "x y.", "date": [1]}))
            .into_article("o".into())
            .unwrap_err();
        assert_eq!(f.id, None);
    }

    #[test]
    fn an_id_that_is_neither_text_nor_a_number_skips_the_record() {
        let msg = |id| {
            record(json!({"id": id, "text": "x y."}))
                .into_article("o".into())
                .unwrap_err()
                .message
        };
        assert_eq!(
            msg(json!(true)),
            "field `id` is true or false (true), not text or a number"
        );
        assert_eq!(
            msg(json!(["a", 1])),
            "field `id` is a list ([\"a\",1]), not text or a number"
        );
        assert_eq!(
            msg(json!({"k": 1})),
            "field `id` is an object ({\"k\":1}), not text or a number"
        );
        // Text and numbers are ids; null and empty text are none (the content id).
        let id = |v| {
            record(json!({"id": v, "text": "x y."}))
                .into_article("o".into())
                .unwrap()
                .id
        };
        assert_eq!(id(json!("a7")), "a7");
        assert_eq!(id(json!(7)), "7");
        // Whole numbers are kept to the digit up to u64::MAX and down to i64::MIN, and an
        // integral float below 2^53 (what pandas writes) is its integer; a number read as a
        // float from 2^53 up has lost digits: refused (two such ids could become one).
        assert_eq!(id(json!(u64::MAX)), "18446744073709551615");
        assert_eq!(id(json!(i64::MIN)), "-9223372036854775808");
        assert_eq!(id(json!(9_007_199_254_740_991.0)), "9007199254740991");
        let big: serde_json::Value = serde_json::from_str("123456789012345678901234567890").unwrap();
        assert!(big.is_f64());
        for v in [
            big,
            json!(18_446_744_073_709_551_616.0),
            json!(-9.007_199_254_740_992e15),
        ] {
            let fault = record(json!({"id": v.clone(), "text": "x y."}))
                .into_article("o".into())
                .unwrap_err();
            assert_eq!(fault.id, None, "the lossy digits are not the id written");
            let m = msg(v.clone());
            assert!(
                m.starts_with(&format!(
                    "field `id` is the number {v}, larger than a JSON reader keeps exactly"
                )) && m.ends_with("write the id as text, in quotes"),
                "{m}"
            );
        }
        assert_eq!(id(json!(null)), content_id(None, "x y."));
        assert_eq!(id(json!("")), content_id(None, "x y."));
    }
}
