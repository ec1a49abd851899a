//! `--format parquet`: a finished CSV table rewritten as a Parquet file (snappy, row groups
//! of [`ROW_GROUP`] rows, so memory holds one row group, not the table).
//!
//! Why from the CSV: the CSV writers are the one place that fixes column order and value
//! formatting, and `scores.csv` is completed in place after scoring (own-text columns);
//! converting the finished table keeps one definition of every table and costs a second
//! sequential read. Column types: a known column has a declared type ([`column_kind`]); any
//! other column is INT64 when every non-empty cell is an integer, DOUBLE when every one is a
//! number, BOOLEAN for `true`/`false`, else UTF8 text. An empty cell is null.

use super::AtomicFile;
use crate::error::{Error, Result};
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use std::path::Path;
use std::sync::Arc;

/// Rows per row group: a sentences row group holds ~10 MB of text.
pub const ROW_GROUP: usize = 32_768;

/// A Parquet column's physical type, as framescope writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Int,
    Float,
    Bool,
}

/// The declared type of a known column of scores/sentences/cleaning tables, so a column's
/// type never depends on the values of one run (a Spark job reading many outputs needs one
/// schema).
pub fn column_kind(name: &str) -> Option<ColumnKind> {
    use ColumnKind::*;
    Some(match name {
        "id" | "article_id" | "title" | "outlet" | "date" | "label" | "weak_label" | "text" | "origin"
        | "top_terms_kremlin" | "top_terms_western" | "reason" | "kremlin_hits" | "western_hits" | "voice" | "lang"
        | "voice_spans" | "leaning" => Text,
        "n_sentences"
        | "n_cut"
        | "n_statements"
        | "n_attributed"
        | "index"
        | "lexicon_hits_kremlin"
        | "lexicon_hits_western"
        | "own_words"
        | "quoted_words" => Int,
        "sourcing_balance" => Float,
        "is_headline" => Bool,
        n if n.starts_with("n_") => Int,
        n if n.contains("score") || n.contains("share") || n.starts_with("sourced_") || n.starts_with("p_") => Float,
        _ => return None,
    })
}

fn table_err(path: &Path, message: impl std::fmt::Display) -> Error {
    Error::Table {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

fn reader(csv_path: &Path) -> Result<csv::Reader<std::fs::File>> {
    csv::Reader::from_path(csv_path).map_err(|e| table_err(csv_path, e))
}

/// What the non-empty cells of an undeclared column have all been so far.
#[derive(Clone, Copy)]
struct Evidence {
    int: bool,
    float: bool,
    boolean: bool,
}

impl Evidence {
    fn see(&mut self, c: &str) {
        self.int &= c.parse::<i64>().is_ok();
        self.float &= c.parse::<f64>().is_ok();
        self.boolean &= c == "true" || c == "false";
    }

    fn kind(self) -> ColumnKind {
        match (self.int, self.float, self.boolean) {
            (true, _, _) => ColumnKind::Int,
            (_, true, _) => ColumnKind::Float,
            (_, _, true) => ColumnKind::Bool,
            _ => ColumnKind::Text,
        }
    }
}

/// The column kinds of a CSV table: declared, else inferred in one pass over the file (an
/// all-empty column is INT64 of nulls).
fn kinds(csv_path: &Path, header: &csv::StringRecord) -> Result<Vec<ColumnKind>> {
    let declared: Vec<Option<ColumnKind>> = header.iter().map(column_kind).collect();
    if declared.iter().all(Option::is_some) {
        return Ok(declared.into_iter().flatten().collect());
    }
    let mut evidence = vec![
        Evidence {
            int: true,
            float: true,
            boolean: true,
        };
        header.len()
    ];
    for rec in reader(csv_path)?.records() {
        let rec = rec.map_err(|e| table_err(csv_path, e))?;
        for (i, c) in rec.iter().enumerate() {
            if declared[i].is_none() && !c.is_empty() {
                evidence[i].see(c);
            }
        }
    }
    Ok(declared
        .iter()
        .zip(evidence)
        .map(|(d, e)| d.unwrap_or_else(|| e.kind()))
        .collect())
}

fn schema(header: &csv::StringRecord, kinds: &[ColumnKind]) -> Result<Type> {
    use parquet::basic::{LogicalType, Repetition, Type as Physical};
    let fields = header
        .iter()
        .zip(kinds)
        .map(|(name, k)| {
            let b = match k {
                ColumnKind::Text => Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
                    .with_logical_type(Some(LogicalType::String)),
                ColumnKind::Int => Type::primitive_type_builder(name, Physical::INT64),
                ColumnKind::Float => Type::primitive_type_builder(name, Physical::DOUBLE),
                ColumnKind::Bool => Type::primitive_type_builder(name, Physical::BOOLEAN),
            };
            b.with_repetition(Repetition::OPTIONAL).build().map(Arc::new)
        })
        .collect::<parquet::errors::Result<Vec<_>>>()
        .map_err(|e| Error::Table {
            path: "<parquet schema>".into(),
            message: e.to_string(),
        })?;
    Type::group_type_builder("schema")
        .with_fields(fields)
        .build()
        .map_err(|e| Error::Table {
            path: "<parquet schema>".into(),
            message: e.to_string(),
        })
}

/// Rewrite the CSV table `csv_path` as `parquet_path` (atomically; the CSV is left alone).
pub fn csv_to_parquet(csv_path: &Path, parquet_path: &Path) -> Result<()> {
    let mut r = reader(csv_path)?;
    let header = r.headers().map_err(|e| table_err(csv_path, e))?.clone();
    let kinds = kinds(csv_path, &header)?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_created_by(format!("framescope {}", env!("CARGO_PKG_VERSION")))
        .build();
    let out = AtomicFile::create(parquet_path)?;
    let perr = |e: parquet::errors::ParquetError| table_err(parquet_path, e);
    let mut w = SerializedFileWriter::new(out, Arc::new(schema(&header, &kinds)?), Arc::new(props)).map_err(perr)?;
    let mut rows: Vec<csv::StringRecord> = Vec::with_capacity(ROW_GROUP.min(4096));
    let mut records = r.records();
    loop {
        rows.clear();
        for rec in records.by_ref().take(ROW_GROUP) {
            // Parquet is not opened by spreadsheets: cells neutralised in the CSV
            // (report::CellGuard) get their original text back.
            let rec = rec.map_err(|e| table_err(csv_path, e))?;
            rows.push(super::tables_restored(&rec).into_owned());
        }
        if rows.is_empty() {
            break;
        }
        let mut rg = w.next_row_group().map_err(perr)?;
        for (i, kind) in kinds.iter().enumerate() {
            let mut col = rg
                .next_column()
                .map_err(perr)?
                .ok_or_else(|| table_err(parquet_path, "fewer columns than the header"))?;
            let cells = rows.iter().map(|r| r.get(i).unwrap_or(""));
            let defs: Vec<i16> = cells.clone().map(|c| i16::from(!c.is_empty())).collect();
            let present = cells.filter(|c| !c.is_empty());
            let bad = |c: &str| table_err(csv_path, format!("column `{}`: `{c}` is not a {kind:?}", &header[i]));
            match kind {
                ColumnKind::Text => {
                    let v: Vec<ByteArray> = present.map(|c| ByteArray::from(c.as_bytes().to_vec())).collect();
                    col.typed::<ByteArrayType>().write_batch(&v, Some(&defs), None)
                }
                ColumnKind::Int => {
                    let v = present
                        .map(|c| c.parse::<i64>().map_err(|_| bad(c)))
                        .collect::<Result<Vec<_>>>()?;
                    col.typed::<Int64Type>().write_batch(&v, Some(&defs), None)
                }
                ColumnKind::Float => {
                    let v = present
                        .map(|c| c.parse::<f64>().map_err(|_| bad(c)))
                        .collect::<Result<Vec<_>>>()?;
                    col.typed::<DoubleType>().write_batch(&v, Some(&defs), None)
                }
                ColumnKind::Bool => {
                    let v = present
                        .map(|c| c.parse::<bool>().map_err(|_| bad(c)))
                        .collect::<Result<Vec<_>>>()?;
                    col.typed::<BoolType>().write_batch(&v, Some(&defs), None)
                }
            }
            .map_err(perr)?;
            col.close().map_err(perr)?;
        }
        rg.close().map_err(perr)?;
    }
    let out = w.into_inner().map_err(perr)?;
    out.commit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    #[test]
    fn a_csv_table_round_trips_with_declared_and_inferred_types() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("t.csv");
        std::fs::write(
            &csv,
            "id,framing_score,n_sentences,is_headline,extra,other\na,0.5,3,true,7,x\n\"b,\"\"q\"\"\",,4,false,,1.5\n",
        )
        .unwrap();
        let pq = dir.path().join("t.parquet");
        csv_to_parquet(&csv, &pq).unwrap();
        let r = SerializedFileReader::new(std::fs::File::open(&pq).unwrap()).unwrap();
        let rows: Vec<Vec<(String, Field)>> = r
            .get_row_iter(None)
            .unwrap()
            .map(|row| {
                row.unwrap()
                    .get_column_iter()
                    .map(|(n, f)| (n.clone(), f.clone()))
                    .collect()
            })
            .collect();
        assert_eq!(rows.len(), 2);
        let want0 = [
            ("id", Field::Str("a".into())),
            ("framing_score", Field::Double(0.5)),
            ("n_sentences", Field::Long(3)),
            ("is_headline", Field::Bool(true)),
            ("extra", Field::Long(7)),
            ("other", Field::Str("x".into())),
        ];
        for ((n, f), (wn, wf)) in rows[0].iter().zip(want0.iter()) {
            assert_eq!((n.as_str(), f), (*wn, wf));
        }
        assert_eq!(rows[1][0].1, Field::Str("b,\"q\"".into()));
        assert_eq!(rows[1][1].1, Field::Null);
        assert_eq!(rows[1][4].1, Field::Null);
        assert_eq!(rows[1][5].1, Field::Str("1.5".into()));
    }

    #[test]
    fn a_declared_number_column_with_text_is_an_error_naming_the_column() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("t.csv");
        std::fs::write(&csv, "id,framing_score\na,high\n").unwrap();
        let e = csv_to_parquet(&csv, &dir.path().join("t.parquet")).unwrap_err();
        assert!(
            e.to_string().contains("framing_score") && e.to_string().contains("high"),
            "{e}"
        );
        assert!(!dir.path().join("t.parquet").exists());
    }
}
