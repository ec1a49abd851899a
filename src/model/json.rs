//! Saving and loading a model: `model.json` (format [`MODEL_FORMAT_VERSION`]), its hash, and
//! the checks a file passes before it is used.

use super::{validate, FramingModel};
use crate::error::{Error, Result};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Format of `model.json` this build writes; it reads this and older. Version 2 added
/// `params.lexicon_prior` and the training figures behind the weak-model warnings; a
/// version-1 model reads with `lexicon_prior` 0, which scores exactly as it did. Version 3
/// added `params.quoted_weight` (the voice-weighted article score); an older model reads
/// with none, so its `framing_score` stays the plain sentence mean it was.
pub const MODEL_FORMAT_VERSION: u32 = 3;

impl FramingModel {
    /// Serialise to pretty JSON (deterministic: no timestamps, sorted vocabulary).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::Fit(format!("serialising model: {e}")))
    }

    /// Serialise (as [`to_json`](Self::to_json) does) straight into a writer, returning the
    /// sha256 of what was written: a model of a million articles is hundreds of megabytes of
    /// JSON, which need not be held in memory nor serialised twice to be hashed.
    /// A failed write (a full disk, a file-size limit) is an I/O error on `path`, not a
    /// fitting failure (review, session 45: "logistic regression failed: serialising model:
    /// No space left on device").
    pub fn write_json<W: std::io::Write>(&self, w: W, path: &std::path::Path) -> Result<String> {
        let mut tee = HashingWriter {
            inner: w,
            hash: Sha256::new(),
        };
        serde_json::to_writer_pretty(&mut tee, self).map_err(|e| match e.io_error_kind() {
            Some(kind) => Error::io(path, std::io::Error::new(kind, e.to_string())),
            None => Error::Fit(format!("serialising model: {e}")),
        })?;
        Ok(format!("{:x}", tee.hash.finalize()))
    }

    /// sha256 of the serialised model: the "model hash" recorded beside every output.
    pub fn hash(&self) -> Result<String> {
        self.write_json(std::io::sink(), std::path::Path::new("<model>"))
    }

    /// Parse and check a model file's contents (`path` only names it in errors), and build
    /// its lookup indexes.
    pub fn from_json(path: &Path, text: &str) -> Result<FramingModel> {
        let mut m = Self::parse_checked(path, text)?;
        m.index();
        Ok(m)
    }

    /// Build the lookup indexes a parsed model needs (vocabulary and lexicon): separate from
    /// [`parse_checked`](Self::parse_checked) so a caller can free the file's text first (at
    /// 9 M terms the index is ~200 MB beside ~700 MB of JSON).
    pub fn index(&mut self) {
        self.tfidf.reindex();
        self.lexicon.reindex();
    }

    /// Parse and check a model file's contents, without the lookup indexes ([`index`](Self::index)).
    ///
    /// Parsed once: a model that parses is then checked (version first); only a file that does
    /// not parse is scanned again, for its `format_version` alone, so that a newer, older or
    /// mistyped version is named rather than a missing field.
    pub fn parse_checked(path: &Path, text: &str) -> Result<FramingModel> {
        let err = |message: String| Error::Model {
            path: path.to_path_buf(),
            message,
        };
        // A byte-order mark (an editor's "UTF-8 with BOM") is not JSON: read past it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let m: FramingModel = match serde_json::from_str(text) {
            Ok(m) => m,
            Err(parse) => {
                // The scan builds nothing but the version.
                #[derive(Deserialize)]
                struct Version {
                    format_version: Option<serde_json::Value>,
                }
                let v: Version = serde_json::from_str(text)
                    .map_err(|e| err(format!("not a framescope model (invalid JSON: {e})")))?;
                validate::check_version(v.format_version.as_ref()).map_err(err)?;
                return Err(err(format!("not a valid model: {parse}")));
            }
        };
        validate::check_version(Some(&serde_json::Value::from(m.format_version))).map_err(err)?;
        validate::check_model(&m).map_err(err)?;
        Ok(m)
    }
}

/// A writer that hashes everything passing through it.
struct HashingWriter<W> {
    inner: W,
    hash: Sha256,
}

impl<W: std::io::Write> std::io::Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_and_truncated_models_are_refused_with_the_reason() {
        let p = Path::new("m.json");
        let e = FramingModel::from_json(p, "{\"format_version\": 99}")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("m.json: written by a newer framescope (model format 99"),
            "{e}"
        );
        let e = FramingModel::from_json(p, "{\"format_version\": 1, \"weig")
            .unwrap_err()
            .to_string();
        assert!(e.contains("invalid JSON"), "{e}");
    }

    /// Audit finding (session 24): a model saved by an editor with a byte-order mark was
    /// "invalid JSON: expected value at line 1 column 1".
    #[test]
    fn a_model_with_a_byte_order_mark_loads_as_without() {
        let seeds = crate::jobs::Inputs::paths([crate::corpus::BUILTIN_SEEDS_NAME]);
        let model = crate::jobs::train(&crate::jobs::TrainOptions::new(seeds), &crate::jobs::NoProgress)
            .unwrap()
            .model;
        let text = serde_json::to_string(&model).unwrap();
        let p = Path::new("m.json");
        let plain = FramingModel::from_json(p, &text).unwrap();
        let marked = FramingModel::from_json(p, &format!("\u{feff}{text}")).unwrap();
        assert_eq!(
            serde_json::to_string(&marked).unwrap(),
            serde_json::to_string(&plain).unwrap()
        );
    }

    /// Review J, session 51: a model whose cleaner pattern does not compile failed when used,
    /// as "invalid parameter cleaner pattern: ([", naming no file.
    #[test]
    fn a_bad_cleaner_pattern_names_the_model_file() {
        let seeds = crate::jobs::Inputs::paths([crate::corpus::BUILTIN_SEEDS_NAME]);
        let mut model = crate::jobs::train(&crate::jobs::TrainOptions::new(seeds), &crate::jobs::NoProgress)
            .unwrap()
            .model;
        model.cleaner.boilerplate.push("([".into());
        let text = serde_json::to_string(&model).unwrap();
        let e = FramingModel::from_json(Path::new("m.json"), &text)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("m.json: corrupt model: bad cleaner pattern `([`"), "{e}");
    }
}
