//! `similarity.csv`: the article similarity matrix of the charts
//! ([`Similarity`](crate::charts::Similarity)), written beside the other tables of a run and
//! read back by `chart` to re-draw the heatmap.

use super::{restore, AtomicFile, CellGuard};
use crate::charts::Similarity;
use crate::error::{Error, Result};
use std::path::Path;

/// Write `similarity.csv`: header `id,<id 1>,…,<id n>`, then one row per article.
pub fn write_similarity(path: &Path, s: &Similarity) -> Result<()> {
    let err = |e: csv::Error| Error::Table {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut w = csv::Writer::from_writer(CellGuard::new(AtomicFile::create(path)?));
    let mut header = vec!["id".to_string()];
    header.extend(s.ids.iter().cloned());
    w.write_record(&header).map_err(err)?;
    for (id, row) in s.ids.iter().zip(&s.matrix) {
        let mut rec = vec![id.clone()];
        rec.extend(row.iter().map(|v| format!("{v:.6}")));
        w.write_record(&rec).map_err(err)?;
    }
    let f = w
        .into_inner()
        .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
    f.into_inner().commit()
}

/// Read `similarity.csv` back, checking that it is square and its rows match its header.
pub fn read_similarity(path: &Path) -> Result<Similarity> {
    let bad = |message: String| Error::Table {
        path: path.to_path_buf(),
        message,
    };
    let mut r = csv::Reader::from_path(path).map_err(|e| bad(e.to_string()))?;
    let h = r.headers().map_err(|e| bad(e.to_string()))?.clone();
    if h.get(0) != Some("id") {
        return Err(bad("not a similarity table (first column is not `id`)".into()));
    }
    let ids: Vec<String> = h.iter().skip(1).map(|i| restore(i).to_string()).collect();
    let mut matrix = Vec::with_capacity(ids.len());
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| bad(e.to_string()))?;
        if ids.get(i).map(String::as_str) != rec.get(0).map(restore) || rec.len() != ids.len() + 1 {
            return Err(bad(format!("row {} does not match the header", i + 1)));
        }
        let row = rec
            .iter()
            .skip(1)
            .map(|v| v.parse::<f64>().map_err(|_| bad(format!("`{v}` is not a number"))))
            .collect::<Result<Vec<f64>>>()?;
        matrix.push(row);
    }
    if matrix.len() != ids.len() {
        return Err(bad(format!("{} rows for {} columns", matrix.len(), ids.len())));
    }
    Ok(Similarity { ids, matrix })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_table_round_trips_and_rejects_bad_tables() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("similarity.csv");
        let s = Similarity {
            ids: vec!["a".into(), "b,c".into()],
            matrix: vec![vec![1.0, 0.25], vec![0.25, 1.0]],
        };
        write_similarity(&p, &s).unwrap();
        assert_eq!(read_similarity(&p).unwrap(), s);
        std::fs::write(&p, "id,a,b\na,1,0\n").unwrap();
        assert!(read_similarity(&p).unwrap_err().to_string().contains("1 rows for 2"));
        std::fs::write(&p, "id,a\nb,1\n").unwrap();
        assert!(read_similarity(&p).is_err());
    }
}
