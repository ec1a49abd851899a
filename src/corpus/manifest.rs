//! `manifest.csv` beside a folder of `.txt` files: outlet, date and label per file.
//!
//! Row by row: a row that cannot be used (wrong number of fields, NUL bytes, a file name
//! outside the folder, a second row for a file that says something else) is reported with
//! its line and skipped, and the other rows are used. Text that is not UTF-8 is decoded
//! lossily with a warning, as article files are. Rows naming a file the folder does not
//! have are reported after the folder is listed ([`Manifest::check_files`]).

use super::{InputProblem, Side};
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::Path;

/// Per-file metadata from a folder's `manifest.csv` (columns `file` plus any of `outlet`,
/// `date`, `label` or `side`, `lang`; other columns are ignored).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Manifest {
    rows: HashMap<String, ManifestRow>,
    /// The file as it was read: path, size, sha256 and modification time, for `run.json`'s
    /// inputs (the manifest sets outlet, date, label and language, so it is an input too).
    /// Hashed from the bytes parsed, so the record is exactly what was read.
    pub record: crate::report::InputRecord,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ManifestRow {
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub label: Option<Side>,
    /// The line the row starts on.
    pub line: usize,
    pub lang: Option<String>,
}

fn row_problem(path: &Path, line: usize, message: String, skipped: bool) -> InputProblem {
    InputProblem {
        path: path.to_path_buf(),
        line: Some(line),
        message,
        skipped,
        id: None,
    }
}

impl Manifest {
    /// Read a manifest; per-row faults go to `problems`. Only a manifest without a usable
    /// header (no `file` column) is refused as a whole.
    pub fn load(path: &Path, problems: &mut Vec<InputProblem>) -> Result<Manifest> {
        // Read whole (a manifest is one short row per article file) so that the hash in
        // run.json is of the very bytes parsed.
        let modified = std::fs::metadata(path).ok().map(|m| crate::report::FileStamp::of(&m));
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let record = crate::report::InputRecord {
            path: crate::corpus::path_text(path),
            bytes: bytes.len() as u64,
            sha256: {
                use sha2::Digest;
                format!("{:x}", sha2::Sha256::digest(&bytes))
            },
            modified,
            in_memory: false,
            os_path: Some(path.to_path_buf()),
        };
        let crlf = super::csv_lines::ends_first_line_with_crlf(&bytes);
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(super::csv_lines::QuoteCheck::new(bytes.as_slice()));
        let headers: Vec<String> = rdr
            .byte_headers()
            .map_err(|e| table_err(path, e))?
            .iter()
            .map(|h| {
                String::from_utf8_lossy(h)
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .to_string()
            })
            .collect();
        let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
        let file_col = col("file").ok_or_else(|| Error::Table {
            path: path.to_path_buf(),
            message: "missing column `file`".into(),
        })?;
        let (outlet, date) = (col("outlet"), col("date"));
        let label = col("label").or_else(|| col("side"));
        let lang = col("lang");
        let mut rows: HashMap<String, ManifestRow> = HashMap::new();
        let mut rec = csv::ByteRecord::new();
        let mut line = 1;
        loop {
            match rdr.read_byte_record(&mut rec) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    line = e
                        .position()
                        .map_or(line + 1, |p| super::csv_lines::record_line(p, crlf));
                    problems.push(row_problem(path, line, format!("bad CSV row: {e}"), true));
                    continue;
                }
            }
            line = rec
                .position()
                .map_or(line + 1, |p| super::csv_lines::record_line(p, crlf));
            if rec.len() != headers.len() {
                let msg = format!("row has {} field(s), the header {}", rec.len(), headers.len());
                problems.push(row_problem(path, line, msg, true));
                continue;
            }
            if rec.iter().any(|f| f.contains(&0)) {
                let msg = "row contains NUL bytes (binary data)".to_string();
                problems.push(row_problem(path, line, msg, true));
                continue;
            }
            if std::str::from_utf8(rec.as_slice()).is_err() {
                let msg = "invalid UTF-8: decoded lossily (bad bytes became U+FFFD)".to_string();
                problems.push(row_problem(path, line, msg, false));
            }
            let get = |c: Option<usize>| {
                c.and_then(|c| rec.get(c))
                    .map(|f| String::from_utf8_lossy(f).trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            let file = get(Some(file_col)).unwrap_or_default();
            if file.is_empty() {
                problems.push(row_problem(path, line, "empty `file`".into(), true));
                continue;
            }
            if file.contains(['/', '\\']) || file == ".." || file == "." {
                let msg = format!(
                    "`{file}` is not a file of this folder (no paths; the manifest describes the files beside it)"
                );
                problems.push(row_problem(path, line, msg, true));
                continue;
            }
            // A side that names neither (`neutral`, a typo) is said, not dropped without a
            // word (the file-name prefix, if any, then decides).
            let side = get(label);
            if let Some(l) = side.as_deref().filter(|l| Side::parse(l).is_none()) {
                let msg = format!(
                    "side `{l}` is neither kremlin nor western: the file is read without a side from the manifest"
                );
                problems.push(row_problem(path, line, msg, false));
            }
            let row = ManifestRow {
                outlet: get(outlet).as_deref().and_then(super::outlet_name),
                date: get(date).and_then(|d| super::dates::normalize(&d)),
                label: side.and_then(|l| Side::parse(&l)),
                line,
                lang: get(lang),
            };
            // `k1` and `k1.txt` name one file (`get` takes either): a second row under the
            // other spelling is a second row for the file (review J, session 51: one of two
            // rows that disagreed was dropped without a word).
            let other = match file.strip_suffix(".txt") {
                Some(stem) => stem.to_string(),
                None => format!("{file}.txt"),
            };
            match rows.get(&file).or_else(|| rows.get(&other)) {
                Some(first)
                    if ManifestRow {
                        line: first.line,
                        ..row.clone()
                    } == *first => {}
                Some(first) => {
                    let msg = format!(
                        "second row for `{file}` says something else than line {}: this row skipped, line {} used",
                        first.line, first.line
                    );
                    problems.push(row_problem(path, line, msg, true));
                }
                None => {
                    rows.insert(file, row);
                }
            }
        }
        if let Some((line, message)) = rdr.into_inner().fault() {
            problems.push(row_problem(path, line, message, false));
        }
        Ok(Manifest { rows, record })
    }

    /// Look a file up by its name (`a.txt`) or stem (`a`).
    pub fn get(&self, file_name: &str, stem: &str) -> Option<&ManifestRow> {
        self.rows.get(file_name).or_else(|| self.rows.get(stem))
    }

    /// Report rows naming no `.txt` file of the folder (`files`: the names it has).
    pub fn check_files(&self, path: &Path, files: &[String], problems: &mut Vec<InputProblem>) {
        let stems: std::collections::HashSet<&str> = files
            .iter()
            .flat_map(|f| [f.as_str(), f.strip_suffix(".txt").unwrap_or(f)])
            .collect();
        let mut missing: Vec<(&String, &ManifestRow)> =
            self.rows.iter().filter(|(f, _)| !stems.contains(f.as_str())).collect();
        missing.sort_by_key(|(_, r)| r.line);
        for (f, r) in missing {
            let msg = format!("`{f}`: no such article file in this folder: row not used");
            problems.push(row_problem(path, r.line, msg, true));
        }
    }
}

fn table_err(path: &Path, e: csv::Error) -> Error {
    Error::Table {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_rows_are_reported_by_line_and_the_rest_used() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("manifest.csv");
        std::fs::write(
            &p,
            b"file,outlet,label\na.txt,Reuters,western\nb.txt,TASS\nc.txt,Caf\xe9,kremlin\n../x.txt,X,western\na.txt,AP,kremlin\nd.txt,N\x00,western\na.txt,Reuters,western\ngone.txt,Y,western\na,TASS,kremlin\n",
        )
        .unwrap();
        let mut problems = Vec::new();
        let m = Manifest::load(&p, &mut problems).unwrap();
        m.check_files(&p, &["a.txt".into(), "b.txt".into(), "c.txt".into()], &mut problems);
        let got: Vec<(usize, bool, &str)> = problems
            .iter()
            .map(|p| (p.line.unwrap(), p.skipped, p.message.as_str()))
            .collect();
        let lines: Vec<usize> = got.iter().map(|g| g.0).collect();
        assert_eq!(lines, [3, 4, 5, 6, 7, 10, 9], "{got:?}");
        assert!(got[0].2.contains("2 field(s), the header 3"));
        assert!(!got[1].1 && got[1].2.contains("lossily"));
        assert!(got[2].2.contains("not a file of this folder"));
        assert!(got[3].2.contains("says something else than line 2"));
        assert!(got[4].2.contains("NUL"));
        // `a` is `a.txt` by another name: its row that disagrees is reported, not dropped.
        assert!(
            got[5].2.contains("second row for `a` says something else than line 2"),
            "{got:?}"
        );
        assert!(got[6].2.contains("`gone.txt`: no such article file"));
        let a = m.get("a.txt", "a").unwrap();
        assert_eq!((a.outlet.as_deref(), a.label), (Some("Reuters"), Some(Side::Western)));
        assert_eq!(m.get("c.txt", "c").unwrap().outlet.as_deref(), Some("Caf\u{FFFD}"));
        assert!(m.get("b.txt", "b").is_none());
    }
}
