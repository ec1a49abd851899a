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
    pub parameters: serde_json::Value,
    pub model_sha256: Option<String>,
    pub lexicon_sha256: Option<String>,
    pub articles: usize,
    pub sentences: usize,
    pub problems: Vec<String>,
    pub stages: Vec<StageRecord>,
    pub outputs: Vec<OutputRecord>,
}

impl RunManifest {
    pub fn new(command: &str) -> RunManifest {
        RunManifest {
            tool: "framescope".into(),
            tool_version: env!("CARGO_PKG_VERSION").into(),
            command: command.into(),
            created: humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string(),
            inputs: vec![],
            parameters: serde_json::Value::Null,
            model_sha256: None,
            lexicon_sha256: None,
            articles: 0,
            sentences: 0,
            problems: vec![],
            stages: vec![],
            outputs: vec![],
        }
    }

    /// Record an output file with its hash.
    pub fn add_output(&mut self, path: &Path) -> Result<()> {
        self.outputs.push(OutputRecord {
            path: path.display().to_string(),
            sha256: sha256_file(path)?,
        });
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
