//! Parquet in and out (issue 20): articles written here as Parquet with the parquet crate's
//! own column writers (two row groups, an id-less row, a DATE column, a null text) score
//! exactly as the same articles as JSONL, and `--format parquet` tables hold what the CSV
//! tables hold.
#![cfg(feature = "parquet")]

use assert_cmd::Command;
use parquet::basic::{LogicalType, Repetition, Type as Physical};
use parquet::data_type::{ByteArray, ByteArrayType, Int32Type};
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::record::Field;
use parquet::schema::types::Type;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pipeline")
}

fn framescope(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("framescope").unwrap();
    c.current_dir(dir).arg("--quiet");
    c
}

/// (id, title, text, date as days since 1970) — a hand-written article.
type Row = (Option<&'static str>, &'static str, Option<&'static str>, Option<i32>);

fn articles() -> Vec<Row> {
    vec![
        (
            Some("p1"),
            "Drills",
            Some("The Kremlin said the drills were purely defensive.\nThe Kiev regime ignored security guarantees."),
            Some(19783),
        ),
        (
            Some("p2"),
            "Warning",
            Some("Kyiv warned of an invasion.\nWestern officials said troops massed at the border."),
            None,
        ),
        (
            None,
            "No id here",
            Some("Officials in Moscow accused Western partners of hysteria.\nNato denied it."),
            Some(19784),
        ),
        (Some("p4"), "Empty", None, Some(19785)),
        (
            Some("p5"),
            "Talks",
            Some("Diplomats met in Geneva.\nKyiv said the talks changed nothing."),
            Some(0),
        ),
    ]
}

fn iso(days: i32) -> String {
    // 19783 = 2024-03-01, 19784 = 03-02, 19785 = 03-03, 0 = 1970-01-01 (hand-computed).
    match days {
        19783 => "2024-03-01",
        19784 => "2024-03-02",
        19785 => "2024-03-03",
        0 => "1970-01-01",
        _ => unreachable!(),
    }
    .into()
}

fn write_jsonl(path: &Path) {
    let mut s = String::new();
    for (id, title, text, date) in articles() {
        let mut o = serde_json::json!({ "title": title, "text": text });
        if let Some(id) = id {
            o["id"] = id.into();
        }
        if let Some(d) = date {
            o["date"] = iso(d).into();
        }
        s.push_str(&o.to_string());
        s.push('\n');
    }
    std::fs::write(path, s).unwrap();
}

fn write_parquet(path: &Path) {
    let col = |name: &str, t: Physical, logical: Option<LogicalType>| {
        Arc::new(
            Type::primitive_type_builder(name, t)
                .with_logical_type(logical)
                .with_repetition(Repetition::OPTIONAL)
                .build()
                .unwrap(),
        )
    };
    let schema = Type::group_type_builder("schema")
        .with_fields(vec![
            col("id", Physical::BYTE_ARRAY, Some(LogicalType::String)),
            col("title", Physical::BYTE_ARRAY, Some(LogicalType::String)),
            col("text", Physical::BYTE_ARRAY, Some(LogicalType::String)),
            col("date", Physical::INT32, Some(LogicalType::Date)),
            col("ignored", Physical::INT32, None),
        ])
        .build()
        .unwrap();
    let f = std::fs::File::create(path).unwrap();
    let mut w = SerializedFileWriter::new(f, Arc::new(schema), Arc::new(WriterProperties::builder().build())).unwrap();
    let all = articles();
    // Two row groups: rows 1–2 and 3–5.
    for rows in [&all[..2], &all[2..]] {
        let mut rg = w.next_row_group().unwrap();
        let strings = |get: &dyn Fn(usize) -> Option<&'static str>| {
            let defs: Vec<i16> = (0..rows.len()).map(|i| i16::from(get(i).is_some())).collect();
            let vals: Vec<ByteArray> = (0..rows.len()).filter_map(|i| get(i).map(ByteArray::from)).collect();
            (vals, defs)
        };
        for which in 0..3 {
            let (vals, defs) = strings(&|i| match which {
                0 => rows[i].0,
                1 => Some(rows[i].1),
                _ => rows[i].2,
            });
            let mut c = rg.next_column().unwrap().unwrap();
            c.typed::<ByteArrayType>()
                .write_batch(&vals, Some(&defs), None)
                .unwrap();
            c.close().unwrap();
        }
        for which in 0..2 {
            let get = |i: usize| if which == 0 { rows[i].3 } else { Some(7) };
            let defs: Vec<i16> = (0..rows.len()).map(|i| i16::from(get(i).is_some())).collect();
            let vals: Vec<i32> = (0..rows.len()).filter_map(get).collect();
            let mut c = rg.next_column().unwrap().unwrap();
            c.typed::<Int32Type>().write_batch(&vals, Some(&defs), None).unwrap();
            c.close().unwrap();
        }
        rg.close().unwrap();
    }
    w.close().unwrap();
}

/// A CSV table as column → value per id.
fn csv_rows(path: &Path, key: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let h = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let row: BTreeMap<String, String> = h.iter().zip(rec.iter()).map(|(a, b)| (a.into(), b.into())).collect();
            (row[key].clone(), row)
        })
        .collect()
}

fn parquet_rows(path: &Path) -> Vec<Vec<(String, Field)>> {
    let r = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
    r.get_row_iter(None)
        .unwrap()
        .map(|row| {
            row.unwrap()
                .get_column_iter()
                .map(|(n, f)| (n.clone(), f.clone()))
                .collect()
        })
        .collect()
}

/// A Parquet cell as the CSV writes it.
fn as_csv(f: &Field) -> String {
    match f {
        Field::Null => String::new(),
        Field::Str(s) => s.clone(),
        Field::Long(x) => x.to_string(),
        Field::Double(x) => format!("{x:.6}"),
        Field::Bool(b) => b.to_string(),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn parquet_articles_score_as_jsonl_and_parquet_tables_hold_the_csv_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let o = framescope(d)
        .args(["train", "--model", "m.json"])
        .arg(fixtures())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    write_jsonl(&d.join("a.jsonl"));
    write_parquet(&d.join("a.parquet"));
    let o = framescope(d)
        .args(["score", "--model", "m.json", "--out", "j", "a.jsonl"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let o = framescope(d)
        .args([
            "score",
            "--model",
            "m.json",
            "--out",
            "p",
            "--format",
            "parquet",
            "a.parquet",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("a.parquet:4") && err.contains("`text`"), "{err}");

    // Parquet input scores as JSONL input, every column but the origin.
    let j = csv_rows(&d.join("j/scores.csv"), "id");
    let p_rows = parquet_rows(&d.join("p/scores.parquet"));
    assert!(!d.join("p/scores.csv").exists() && !d.join("p/sentences.csv").exists());
    assert_eq!(p_rows.len(), 4);
    assert_eq!(j.len(), 4);
    let id_less = framescope::corpus::content_id(Some("No id here"), articles()[2].2.unwrap());
    assert!(j.contains_key(&id_less), "{:?}", j.keys());
    for row in &p_rows {
        let id = as_csv(&row[0].1);
        let want = &j[&id];
        for (name, f) in row {
            if name == "origin" {
                assert!(as_csv(f).starts_with("a.parquet:"), "{f:?}");
                continue;
            }
            assert_eq!(&as_csv(f), &want[name], "{id} {name}");
        }
    }
    assert_eq!(j["p1"]["date"], "2024-03-01");
    assert_eq!(j["p5"]["date"], "1970-01-01");
    // Types are declared, not guessed: scores are DOUBLE, counts INT64.
    let r = SerializedFileReader::new(std::fs::File::open(d.join("p/scores.parquet")).unwrap()).unwrap();
    let schema = r.metadata().file_metadata().schema_descr();
    let ty = |n: &str| {
        (0..schema.num_columns())
            .find(|&i| schema.column(i).name() == n)
            .map(|i| schema.column(i).physical_type())
    };
    assert_eq!(ty("framing_score"), Some(Physical::DOUBLE));
    assert_eq!(ty("n_sentences"), Some(Physical::INT64));
    assert_eq!(ty("id"), Some(Physical::BYTE_ARRAY));

    // sentences.parquet holds every sentence row of the JSONL run's sentences.csv.
    let mut r = csv::Reader::from_path(d.join("j/sentences.csv")).unwrap();
    let want: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    let got: Vec<Vec<String>> = parquet_rows(&d.join("p/sentences.parquet"))
        .iter()
        .map(|row| row.iter().map(|(_, f)| as_csv(f)).collect())
        .collect();
    assert_eq!(got, want);
}

#[test]
fn a_file_that_is_not_parquet_is_reported_and_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let o = framescope(d)
        .args(["train", "--model", "m.json"])
        .arg(fixtures())
        .output()
        .unwrap();
    assert!(o.status.success());
    std::fs::write(d.join("bad.parquet"), "id,text\na,b\n").unwrap();
    write_jsonl(&d.join("a.jsonl"));
    let o = framescope(d)
        .args(["score", "--model", "m.json", "--out", "o", "bad.parquet", "a.jsonl"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.parquet: skipped: not a readable Parquet file"),
        "{err}"
    );
}
