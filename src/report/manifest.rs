//! `run.json`: what produced the outputs (tool version, inputs with their sha256,
//! parameters, model and lexicon hashes), what the run wrote, and time and peak memory per
//! stage.

use super::write_atomic;
use crate::error::{Error, Result};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

#[derive(Debug, Clone, Serialize)]
pub struct InputRecord {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
    /// When the file was last modified as it was hashed (to see a change during the run).
    #[serde(skip)]
    pub modified: Option<std::time::SystemTime>,
    /// Articles held in memory (the built-in seeds, a library caller's), hashed by content:
    /// no file to check for changes.
    #[serde(skip)]
    pub in_memory: bool,
}

/// Inputs must stay fixed while a job reads them (`run` reads them twice): stop with a clear
/// error when one's size or modification time moved since it was hashed, so outputs never
/// mix two versions of an input or record a hash that is not what was read.
pub fn check_unchanged(inputs: &[InputRecord]) -> Result<()> {
    for i in inputs.iter().filter(|i| !i.in_memory) {
        let path = Path::new(&i.path);
        let now = std::fs::metadata(path).ok();
        let (bytes, modified) = (now.as_ref().map(|m| m.len()), now.and_then(|m| m.modified().ok()));
        let what = if bytes != Some(i.bytes) {
            format!(
                "size {} → {} bytes",
                i.bytes,
                bytes.map_or("gone".to_string(), |b| b.to_string())
            )
        } else if i.modified.is_some() && modified != i.modified {
            "modified".to_string()
        } else {
            continue;
        };
        return Err(Error::InputChanged {
            path: path.to_path_buf(),
            message: format!(
                "changed while framescope was reading it ({what}); inputs must stay fixed during a run: copy them first, or wait until whatever writes them is done. Nothing was written"
            ),
        });
    }
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct OutputRecord {
    pub path: String,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageRecord {
    pub stage: String,
    pub seconds: f64,
    /// Peak resident memory during the stage (MB), where the OS reports it.
    pub peak_rss_mb: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunManifest {
    pub tool: String,
    pub tool_version: String,
    pub command: String,
    pub created: String,
    pub inputs: Vec<InputRecord>,
    /// The data files and lexicons read (path or built-in, with sha256), for `run`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data_files: Vec<crate::data::DataFileRecord>,
    pub parameters: serde_json::Value,
    pub model_sha256: Option<String>,
    pub lexicon_sha256: Option<String>,
    pub articles: usize,
    pub sentences: usize,
    pub problems: Vec<String>,
    pub stages: Vec<StageRecord>,
    pub outputs: Vec<OutputRecord>,
    /// (staging folder, output folder): outputs written in the staging folder are recorded
    /// under the path they will have once it is swapped in.
    #[serde(skip)]
    pub staging: Option<(std::path::PathBuf, std::path::PathBuf)>,
}

impl RunManifest {
    pub fn new(command: &str) -> RunManifest {
        RunManifest {
            tool: "framescope".into(),
            tool_version: env!("CARGO_PKG_VERSION").into(),
            command: command.into(),
            created: humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string(),
            inputs: vec![],
            data_files: vec![],
            parameters: serde_json::Value::Null,
            model_sha256: None,
            lexicon_sha256: None,
            articles: 0,
            sentences: 0,
            problems: vec![],
            stages: vec![],
            outputs: vec![],
            staging: None,
        }
    }

    /// A path in the staging folder as it will read once the outputs are swapped in.
    pub fn shown(&self, path: &Path) -> std::path::PathBuf {
        match &self.staging {
            Some((staging, target)) => match path.strip_prefix(staging) {
                Ok(rest) => target.join(rest),
                Err(_) => path.to_path_buf(),
            },
            None => path.to_path_buf(),
        }
    }

    /// Record an output file with its hash.
    pub fn add_output(&mut self, path: &Path) -> Result<()> {
        let shown = self.shown(path).display().to_string();
        let sha256 = sha256_file(path)?;
        // A file rewritten after it was first recorded (scores.csv gets its own-text columns
        // late) is recorded once, with its final hash.
        match self.outputs.iter_mut().find(|o| o.path == shown) {
            Some(o) => o.sha256 = sha256,
            None => self.outputs.push(OutputRecord { path: shown, sha256 }),
        }
        Ok(())
    }

    pub fn write(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_string_pretty(self).map_err(|e| Error::io(path, std::io::Error::other(e)))?;
        write_atomic(path, json.as_bytes())
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

/// Peak resident set size of this process so far (Linux `VmHWM`), in MB.
pub fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Reset the peak RSS mark (Linux: write 5 to /proc/self/clear_refs) so the next stage's
/// peak is its own. Silently does nothing where unsupported.
pub fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
