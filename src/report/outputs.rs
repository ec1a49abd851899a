//! The outputs a job recorded in run.json, with their sha256: recorded as they are written,
//! hashed once — on another thread while the job's last stages run
//! ([`RunManifest::hash_in_background`]), the rest in parallel when run.json is written —
//! so no output is read back right after it is written.

use super::manifest::RunManifest;
use crate::error::{Error, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OutputRecord {
    pub path: String,
    /// Empty until the manifest is written ([`RunManifest::hash_outputs`]).
    pub sha256: String,
    /// The file still to hash, while `sha256` is empty.
    #[serde(skip)]
    pub pending: Option<Pending>,
}

/// An output recorded and not hashed yet: its file (in the staging folder) and which
/// recording this is, so that a hash computed in the background ([`BackgroundHashes`]) is
/// kept only when the file was not recorded again meanwhile (rewritten).
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    file: PathBuf,
    serial: u64,
    /// Handed to a background thread already (not to hash twice).
    sent: bool,
}

/// Hashes of outputs being computed on another thread ([`RunManifest::hash_in_background`]).
pub struct BackgroundHashes(std::thread::JoinHandle<Vec<(Pending, Result<String>)>>);

impl RunManifest {
    /// Record an output file, to be hashed when the manifest is written: every output is
    /// hashed once, in parallel, after the last rewrite (scores.csv gets its own-text
    /// columns late), instead of being read back right after each is written.
    pub fn add_output(&mut self, path: &Path) -> Result<()> {
        self.recorded += 1;
        let pending = Pending {
            file: path.to_path_buf(),
            serial: self.recorded,
            sent: false,
        };
        self.record_output(path, String::new(), Some(pending));
        Ok(())
    }

    /// Record an output file whose sha256 its writer computed on the way (model.json).
    pub fn add_output_hashed(&mut self, path: &Path, sha256: String) {
        self.record_output(path, sha256, None);
    }

    /// A file recorded twice is recorded once, in its first place, with its latest state.
    fn record_output(&mut self, path: &Path, sha256: String, pending: Option<Pending>) {
        let shown = self.listed(path).display().to_string();
        match self.outputs.iter_mut().find(|o| o.path == shown) {
            Some(o) => (o.sha256, o.pending) = (sha256, pending),
            None => self.outputs.push(OutputRecord {
                path: shown,
                sha256,
                pending,
            }),
        }
    }

    /// Hash every output recorded but not hashed yet, several files at a time.
    pub fn hash_outputs(&mut self) -> Result<()> {
        self.outputs.par_iter_mut().try_for_each(|o| {
            if let Some(p) = &o.pending {
                o.sha256 = sha256_file(&p.file)?;
                o.pending = None;
            }
            Ok(())
        })
    }

    /// Start hashing the outputs recorded since the last call on another thread, so that the
    /// hashing of hundreds of megabytes overlaps the job's single-threaded last stages;
    /// `None` when the job runs on one thread (they are hashed when the manifest is written).
    pub fn hash_in_background(&mut self) -> Option<BackgroundHashes> {
        if rayon::current_num_threads() < 2 {
            return None;
        }
        let mut pending = Vec::new();
        for p in self
            .outputs
            .iter_mut()
            .filter_map(|o| o.pending.as_mut())
            .filter(|p| !p.sent)
        {
            p.sent = true;
            pending.push(p.clone());
        }
        Some(BackgroundHashes(std::thread::spawn(move || {
            pending
                .into_iter()
                .map(|p| {
                    let h = sha256_file(&p.file);
                    (p, h)
                })
                .collect()
        })))
    }

    /// Keep the background hashes of the outputs not recorded again since. A file that could
    /// not be hashed stays pending: hashed again when the manifest is written, whose error
    /// is the one reported.
    pub fn take_hashes(&mut self, hashes: BackgroundHashes) {
        let Ok(done) = hashes.0.join() else { return };
        for (p, h) in done {
            let Ok(h) = h else { continue };
            if let Some(o) = self.outputs.iter_mut().find(|o| o.pending.as_ref() == Some(&p)) {
                o.sha256 = h;
                o.pending = None;
            }
        }
    }
}

/// sha256 of a file, streamed.
pub fn sha256_file(path: &Path) -> Result<String> {
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(format!("{:x}", h.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_are_hashed_when_written_with_their_final_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let digest = |p: &Path| format!("{:x}", Sha256::digest(std::fs::read(p).unwrap()));
        let (a, b, c) = (
            dir.path().join("a.csv"),
            dir.path().join("b.csv"),
            dir.path().join("m.json"),
        );
        std::fs::write(&a, "first").unwrap();
        std::fs::write(&b, vec![7u8; 200_000]).unwrap();
        let mut m = RunManifest::new("run");
        m.add_output(&a).unwrap();
        m.add_output(&b).unwrap();
        m.add_output_hashed(&c, "given".into());
        // Rewritten and recorded again (scores.csv): one record, in its first place.
        std::fs::write(&a, "second").unwrap();
        m.add_output(&a).unwrap();
        assert!(m.outputs[0].sha256.is_empty());
        m.write(&dir.path().join("run.json")).unwrap();
        let got: Vec<(&str, &str)> = m.outputs.iter().map(|o| (o.path.as_str(), o.sha256.as_str())).collect();
        let (ha, hb) = (digest(&a), digest(&b));
        let want = [
            (a.to_str().unwrap(), ha.as_str()),
            (b.to_str().unwrap(), hb.as_str()),
            (c.to_str().unwrap(), "given"),
        ];
        assert_eq!(got, want);
        assert_eq!(ha, "16367aacb67a4a017c8da8ab95682ccb390863780f7114dda0a0e0c55644c7c4");
        let back = RunManifest::read(&dir.path().join("run.json")).unwrap();
        assert_eq!(back.outputs[1].sha256, hb);
        // A recorded file gone before the manifest is written is an error, not an empty hash.
        m.add_output(&dir.path().join("gone.csv")).unwrap();
        assert!(m.write(&dir.path().join("run.json")).is_err());
    }

    #[test]
    fn background_hashes_are_kept_only_for_files_not_recorded_again() {
        let dir = tempfile::tempdir().unwrap();
        let digest = |p: &Path| format!("{:x}", Sha256::digest(std::fs::read(p).unwrap()));
        let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
        std::fs::write(&a, "first").unwrap();
        std::fs::write(&b, vec![3u8; 300_000]).unwrap();
        let mut m = RunManifest::new("run");
        m.add_output(&a).unwrap();
        m.add_output(&b).unwrap();
        let hashing = m.hash_in_background();
        // Rewritten and recorded again, as comparator does with scores.csv: dropped, then
        // recorded anew.
        std::fs::write(&a, "second").unwrap();
        m.outputs.retain(|o| Path::new(&o.path) != a);
        m.add_output(&a).unwrap();
        if let Some(h) = hashing {
            // A second batch takes only what was recorded since the first.
            let second = m.hash_in_background().unwrap().0.join().unwrap();
            let files: Vec<&Path> = second.iter().map(|(p, _)| p.file.as_path()).collect();
            assert_eq!(files, [a.as_path()]);
            m.take_hashes(h);
            assert_eq!(m.outputs[0].sha256, digest(&b), "b hashed in the background");
            assert!(m.outputs[0].pending.is_none());
            assert!(m.outputs[1].pending.is_some(), "a's first hash is not kept");
        }
        m.write(&dir.path().join("run.json")).unwrap();
        let got: Vec<&str> = m.outputs.iter().map(|o| o.sha256.as_str()).collect();
        assert_eq!(got, [digest(&b), digest(&a)]);
        assert_eq!(
            got[1],
            "16367aacb67a4a017c8da8ab95682ccb390863780f7114dda0a0e0c55644c7c4"
        );
    }
}
