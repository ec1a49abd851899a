//! `.txt` articles: one file, one article.

use super::{problem, warning};
use crate::corpus::{decode, split_headline, Article, Item, Side};
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// A `.txt` article: headline on line 1 (when it is one), body after.
pub(super) fn read_text_file(path: &Path, manifest: Option<&crate::corpus::Manifest>) -> Vec<Item> {
    match read_capped(path) {
        Ok(bytes) => text_items(path, &bytes, manifest),
        Err(m) => vec![problem(path, None, m)],
    }
}

/// The article of a `.txt` file's bytes (`path` names it: id = file stem), after any
/// decoding warnings, or the problem that skips it. Also builds the built-in seeds.
pub(in crate::corpus) fn text_items(
    path: &Path,
    bytes: &[u8],
    manifest: Option<&crate::corpus::Manifest>,
) -> Vec<Item> {
    let decoded = match decode(bytes) {
        Ok(d) => d,
        Err(e) => return vec![problem(path, None, e.to_string())],
    };
    let mut out: Vec<Item> = decoded.warnings.into_iter().map(|w| warning(path, None, w)).collect();
    let stem = path.file_stem().map(crate::corpus::file_id).unwrap_or_default();
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let row = manifest.and_then(|m| m.get(&name, &stem));
    let (title, body) = split_headline(&decoded.text);
    // The manifest's side wins over the file name's prefix; when they disagree it is said,
    // since one of them is a mistake in a labelled set (review, session 29).
    let named = Side::from_file_name(&stem);
    if let (Some(m), Some(n)) = (row.and_then(|r| r.label), named) {
        if m != n {
            out.push(warning(
                path,
                None,
                format!(
                    "manifest.csv gives the side `{}`, the file name `{}_`: the manifest's side is used",
                    m.as_str(),
                    n.as_str()
                ),
            ));
        }
    }
    out.push(Item::Article(Article {
        label: row.and_then(|r| r.label).or(named),
        outlet: row.and_then(|r| r.outlet.clone()),
        date: row.and_then(|r| r.date.clone()),
        lang: row.and_then(|r| r.lang.clone()),
        id: stem,
        title,
        body,
        origin: crate::corpus::path_text(path),
    }));
    out
}

/// A whole file, refused unread when over [`crate::corpus::MAX_ARTICLE_BYTES`] (also when it grows
/// past it while being read). Only regular files get here: pipes and devices were refused
/// when the paths were listed.
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let cap = crate::corpus::MAX_ARTICLE_BYTES;
    let f = File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    if len > cap {
        return Err(crate::corpus::too_large(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    f.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > cap {
        return Err(crate::corpus::too_large(bytes.len() as u64));
    }
    Ok(bytes)
}
