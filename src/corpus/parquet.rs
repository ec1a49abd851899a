//! Parquet articles: the same columns as JSONL (`text` required; `id`, `title`, `outlet`,
//! `date`, `label`/`side` optional; others ignored and never decoded). Rows are read with
//! the parquet crate's record reader, one row group at a time, so memory is bounded by a row
//! group, not the file. A row's origin is `file.parquet:N`, N counting rows from 1.

use super::reader::{problem, record_items};
use super::record::{iso_from_epoch_millis, Record};
use super::Item;
use parquet::basic::{LogicalType, TimeUnit};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::reader::RowIter;
use parquet::record::{Field, Row};
use parquet::schema::types::Type;
use std::fs::File;
use std::path::{Path, PathBuf};

/// The columns read; any others are left undecoded.
const COLUMNS: &[&str] = &super::record::FIELDS;

/// Iterate a Parquet file's rows as articles (or one problem when the file is unreadable).
pub(super) fn read_parquet(path: &Path) -> Box<dyn Iterator<Item = Item> + Send> {
    match open(path) {
        Ok((rows, date_nanos)) => Box::new(
            ParquetIter {
                path: path.to_path_buf(),
                rows: Some(rows),
                row: 0,
                date_nanos,
            }
            .flatten(),
        ),
        Err(m) => Box::new(std::iter::once(problem(path, None, m))),
    }
}

/// The row iterator, and whether `date` is a nanosecond timestamp (which the record reader
/// hands over as a plain INT64: pandas writes `datetime64[ns]` so).
fn open(path: &Path) -> Result<(RowIter<'static>, bool), String> {
    let file = File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let reader = SerializedFileReader::new(file).map_err(|e| format!("not a readable Parquet file: {e}"))?;
    let schema = reader.metadata().file_metadata().schema();
    if let Some(m) = super::record::misnamed_field(schema.get_fields().iter().map(|f| f.name()), "column") {
        return Err(format!("{m} (the file is skipped)"));
    }
    let fields: Vec<_> = schema
        .get_fields()
        .iter()
        .filter(|f| COLUMNS.contains(&f.name()))
        .cloned()
        .collect();
    if !fields.iter().any(|f| f.name() == "text") {
        return Err("missing column `text` (need at least id, title, text)".into());
    }
    let date_nanos = fields.iter().any(|f| {
        f.name() == "date"
            && matches!(
                f.get_basic_info().logical_type_ref(),
                Some(LogicalType::Timestamp(t)) if matches!(t.unit, TimeUnit::NANOS)
            )
    });
    let projection = Type::group_type_builder(schema.name())
        .with_fields(fields)
        .build()
        .map_err(|e| e.to_string())?;
    let rows = RowIter::from_file_into(Box::new(reader))
        .project(Some(projection))
        .map_err(|e| format!("cannot read columns: {e}"))?;
    Ok((rows, date_nanos))
}

struct ParquetIter {
    path: PathBuf,
    /// `None` after a read error: the rest of the file is skipped (reported once).
    rows: Option<RowIter<'static>>,
    row: usize,
    date_nanos: bool,
}

/// Each row's items: its article (after a warning about its text, when there is one) or
/// its problem.
impl Iterator for ParquetIter {
    type Item = Vec<Item>;
    fn next(&mut self) -> Option<Vec<Item>> {
        let next = self.rows.as_mut()?.next()?;
        self.row += 1;
        Some(match next {
            Ok(row) => record_items(to_record(&row, self.date_nanos), &self.path, self.row),
            Err(e) => {
                self.rows = None;
                vec![problem(
                    &self.path,
                    Some(self.row),
                    format!("unreadable from this row on, rest of file skipped: {e}"),
                )]
            }
        })
    }
}

/// A row as the record JSONL would give: strings as strings, numbers as numbers, Parquet
/// dates and timestamps as ISO text.
fn to_record(row: &Row, date_nanos: bool) -> Record {
    let mut r = Record::default();
    for (name, field) in row.get_column_iter() {
        match name.as_str() {
            "id" => r.id = value(field),
            "date" => r.date = date(field, date_nanos),
            "title" => r.title = text(field),
            "text" => r.text = text(field),
            "outlet" => r.outlet = outlet(field),
            "label" => r.label = text(field),
            "side" => r.side = text(field),
            "lang" => r.lang = text(field),
            _ => {}
        }
    }
    r
}

fn text(f: &Field) -> Option<String> {
    match f {
        Field::Null => None,
        Field::Str(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// An outlet: a number as JSONL's outlet reads it (`12.0`, a float column of outlet codes
/// with gaps, is `12`), anything else as its text.
fn outlet(f: &Field) -> Option<String> {
    match (f, value(f)) {
        (Field::Float(_) | Field::Double(_), Some(serde_json::Value::Number(n))) => {
            Some(crate::corpus::record::number_id(&n))
        }
        _ => text(f),
    }
}

fn value(f: &Field) -> Option<serde_json::Value> {
    use serde_json::Value;
    Some(match f {
        Field::Null => return None,
        Field::Str(s) => Value::String(s.clone()),
        Field::Byte(x) => (*x).into(),
        Field::Short(x) => (*x).into(),
        Field::Int(x) => (*x).into(),
        Field::Long(x) => (*x).into(),
        Field::UByte(x) => (*x).into(),
        Field::UShort(x) => (*x).into(),
        Field::UInt(x) => (*x).into(),
        Field::ULong(x) => (*x).into(),
        Field::Float(x) => serde_json::Number::from_f64(f64::from(*x)).map_or(Value::Null, Value::Number),
        Field::Double(x) => serde_json::Number::from_f64(*x).map_or(Value::Null, Value::Number),
        // Kept as the JSON types they are, so that a boolean, list or struct id (or date) is
        // refused as it is in JSONL, not read as its text ("true", "[1, 2]").
        Field::Bool(b) => Value::Bool(*b),
        Field::ListInternal(l) => Value::Array(l.elements().iter().map(|e| value(e).unwrap_or(Value::Null)).collect()),
        Field::Group(row) => Value::Object(
            row.get_column_iter()
                .map(|(k, v)| (k.clone(), value(v).unwrap_or(Value::Null)))
                .collect(),
        ),
        Field::MapInternal(_) => Value::Object(Default::default()),
        other => Value::String(other.to_string()),
    })
}

/// Parquet `DATE` and `TIMESTAMP` columns become ISO text; numbers and strings go through
/// the same rule as JSONL (epoch seconds or milliseconds, ISO strings kept).
fn date(f: &Field, nanos: bool) -> Option<serde_json::Value> {
    let iso = |ms: i64| iso_from_epoch_millis(ms).map_or(serde_json::Value::Null, serde_json::Value::String);
    match f {
        Field::Long(ns) if nanos => Some(iso(ns.div_euclid(1_000_000))),
        Field::Date(days) => Some(iso(i64::from(*days) * 86_400_000)),
        Field::TimestampMillis(ms) => Some(iso(*ms)),
        Field::TimestampMicros(us) => Some(iso(us.div_euclid(1000))),
        other => value(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_boolean_id_or_date_reaches_the_record_check_as_a_boolean() {
        // Read as its text ("true"), a boolean id column gave every `true` row the same id
        // (the later ones skipped as duplicates), and a boolean date was kept.
        let rec = Record {
            id: value(&Field::Bool(true)),
            text: Some("Kyiv said.".into()),
            ..Record::default()
        };
        let fault = rec.into_article("b.parquet:1".into()).unwrap_err();
        assert_eq!(
            fault.message,
            "field `id` is true or false (true), not text or a number"
        );
        assert_eq!(date(&Field::Bool(false), false), Some(serde_json::Value::Bool(false)));
        assert_eq!(
            value(&Field::Str("a1".into())),
            Some(serde_json::Value::String("a1".into()))
        );
        assert_eq!(value(&Field::Long(7)), Some(serde_json::json!(7)));
    }

    #[test]
    fn a_float_outlet_code_is_its_integer_as_in_jsonl_and_csv() {
        // Read as the float's text, pandas' outlet codes with gaps were `12.0` in Parquet and
        // `12` from the same DataFrame written as JSONL or CSV.
        assert_eq!(outlet(&Field::Double(12.0)), Some("12".into()));
        assert_eq!(outlet(&Field::Float(3.0)), Some("3".into()));
        assert_eq!(outlet(&Field::Double(1.5)), Some("1.5".into()));
        assert_eq!(outlet(&Field::Long(7)), Some("7".into()));
        assert_eq!(outlet(&Field::Str("TASS".into())), Some("TASS".into()));
        assert_eq!(outlet(&Field::Null), None);
    }
}
