//! `manifest.csv` beside a folder of `.txt` files: outlet, date and label per file.

use super::Side;
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::Path;

/// Per-file metadata from a folder's `manifest.csv` (columns `file` plus any of `outlet`,
/// `date`, `label` or `side`, `lang`; other columns are ignored).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Manifest {
    rows: HashMap<String, ManifestRow>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ManifestRow {
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub label: Option<Side>,
    pub lang: Option<String>,
}

impl Manifest {
    pub fn load(path: &Path) -> Result<Manifest> {
        let mut rdr = csv::Reader::from_path(path).map_err(|e| table_err(path, e))?;
        let headers = rdr.headers().map_err(|e| table_err(path, e))?.clone();
        let col = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
        let file_col = col("file").ok_or_else(|| Error::Table {
            path: path.to_path_buf(),
            message: "missing column `file`".into(),
        })?;
        let (outlet, date) = (col("outlet"), col("date"));
        let label = col("label").or_else(|| col("side"));
        let lang = col("lang");
        let mut rows = HashMap::new();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| table_err(path, e))?;
            let get = |c: Option<usize>| {
                c.and_then(|c| rec.get(c))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let file = rec.get(file_col).unwrap_or("").trim().to_string();
            rows.insert(
                file,
                ManifestRow {
                    outlet: get(outlet),
                    date: get(date),
                    label: get(label).and_then(|l| Side::parse(&l)),
                    lang: get(lang),
                },
            );
        }
        Ok(Manifest { rows })
    }

    /// Look a file up by its name (`a.txt`) or stem (`a`).
    pub fn get(&self, file_name: &str, stem: &str) -> Option<&ManifestRow> {
        self.rows.get(file_name).or_else(|| self.rows.get(stem))
    }
}

fn table_err(path: &Path, e: csv::Error) -> Error {
    Error::Table {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}
