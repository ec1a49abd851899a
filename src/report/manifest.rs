//! `run.json`: what produced the outputs (tool version, inputs with their sha256,
//! parameters, model and lexicon hashes), what the run wrote, and time and peak memory per
//! stage. [`RunManifest`] is both what `run` and `score` write and what `chart`, `report`
//! and `inspect` read back ([`RunManifest::read`]); every part has a default, so a run.json of
//! an older version still reads.

use super::outputs::OutputRecord;
use super::write_atomic;
use crate::error::{Error, Result};
use crate::model::ClassifierParams;
use crate::score::ScoreParams;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InputRecord {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
    /// When the file was last modified, and its status last changed, as it was hashed (to
    /// see a change during the run).
    #[serde(skip)]
    pub modified: Option<FileStamp>,
    /// Articles held in memory (the built-in seeds, a library caller's), hashed by content:
    /// no file to check for changes.
    #[serde(skip)]
    pub in_memory: bool,
    /// The file's path as the system names it: `path` is written for a reader and decoded
    /// lossily, so a name that is not UTF-8 (`caf\xE9.txt`) would not find the file again.
    #[serde(skip)]
    pub os_path: Option<PathBuf>,
}

/// A file's modification time and status-change time. A rewrite that keeps the size and
/// puts the modification time back (`cp -p`, `rsync -t`, `touch -r`) still moves the
/// status-change time, which no user can set (review, session 45: such a rewrite went
/// unseen, and run.json recorded the hash of bytes that were not all the ones read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    modified: Option<std::time::SystemTime>,
    changed: (i64, i64),
}

impl FileStamp {
    pub fn of(meta: &std::fs::Metadata) -> FileStamp {
        use std::os::unix::fs::MetadataExt;
        FileStamp {
            modified: meta.modified().ok(),
            changed: (meta.ctime(), meta.ctime_nsec()),
        }
    }
}

/// Inputs must stay fixed while a job reads them (`run` reads them twice): stop with a clear
/// error when one's size or modification time moved since it was hashed, so outputs never
/// mix two versions of an input or record a hash that is not what was read.
pub fn check_unchanged(inputs: &[InputRecord]) -> Result<()> {
    for i in inputs.iter().filter(|i| !i.in_memory) {
        let path = i.os_path.as_deref().unwrap_or(Path::new(&i.path));
        let now = std::fs::metadata(path).ok();
        let (bytes, modified) = (now.as_ref().map(|m| m.len()), now.as_ref().map(FileStamp::of));
        let what = if bytes.is_none() {
            "deleted or moved away".to_string()
        } else if bytes != Some(i.bytes) {
            format!("size {} → {} bytes", i.bytes, bytes.unwrap_or_default())
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

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StageRecord {
    pub stage: String,
    pub seconds: f64,
    /// Peak resident memory during the stage (MB), where the OS reports it.
    pub peak_rss_mb: Option<f64>,
}

/// The process's command line, set once by the `framescope` binary.
static COMMAND_LINE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

/// Record the command line this process was started with, for every run.json it writes
/// (`arguments`). The binary calls it first thing; a library caller's command line (a
/// Python interpreter's, say) says nothing about the job, so nothing else does. Only the
/// first call counts.
pub fn set_command_line(args: impl IntoIterator<Item = String>) {
    let _ = COMMAND_LINE.set(args.into_iter().collect());
}

/// The commit this build came from (build.rs), `None` outside a git checkout.
pub fn build_id() -> Option<String> {
    Some(env!("FRAMESCOPE_BUILD"))
        .filter(|b| !b.is_empty())
        .map(String::from)
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RunManifest {
    pub tool: String,
    pub tool_version: String,
    /// The git commit the binary was built from (`-modified` when its tracked sources
    /// differed), so a figure can be traced to its build: the version is 0.1.0 for every
    /// commit. Absent when built outside a git checkout, and in run.json files from before
    /// session 50.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool_build: Option<String>,
    pub command: String,
    /// The command line that ran the job, as the binary was given it (arguments decoded
    /// lossily); absent for jobs called from the library or the Python package
    /// ([`set_command_line`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arguments: Option<Vec<String>>,
    pub created: String,
    pub inputs: Vec<InputRecord>,
    /// The data files and lexicons read (path or built-in, with sha256), for `run`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data_files: Vec<crate::data::DataFileRecord>,
    /// Absent from an add-on job's `<command>.run.json` (its options are in `arguments`).
    #[serde(deserialize_with = "lenient", skip_serializing_if = "RunParameters::is_empty")]
    pub parameters: RunParameters,
    /// `run --compare-to` (`retrain`): where the outputs compared with are now. The
    /// `--compare-to` folder or model file as given (`parameters.compare_to`), except when it
    /// is `--out` itself: then the dated backup its previous contents were moved to
    /// (`output.<UTC time>`), or `--out` when the new outputs were the same and no backup was
    /// kept. Absent when nothing was compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compared_with: Option<String>,
    pub model_sha256: Option<String>,
    pub lexicon_sha256: Option<String>,
    /// Articles and sentences in the outputs (`run`, `score`); absent from an add-on job's
    /// record, which counts none (it said `"articles": 0` beside the eight it read: review,
    /// session 34).
    #[serde(skip_serializing_if = "is_zero")]
    pub articles: usize,
    #[serde(skip_serializing_if = "is_zero")]
    pub sentences: usize,
    /// The inputs skipped or kept with a warning (`path: skipped: …`), then the job's
    /// warnings and notes on its results, as the CLI prints them without `framescope: `: a
    /// weak model (`warning: weak model: …`, which report.html's Model section shows),
    /// cross-fitting folds scored by the full model, `score`'s articles in a language the
    /// model was not trained on or in its own training text.
    pub problems: Vec<String>,
    pub stages: Vec<StageRecord>,
    pub outputs: Vec<OutputRecord>,
    /// The commands that rewrote files of this folder after the job (`chart`, `report`), as
    /// their command lines (the command's name for a library call), each once, in order:
    /// their files' entries in `outputs` have the new hashes ([`RunManifest::record_rewritten`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rewritten_by: Vec<Vec<String>>,
    /// (staging folder, output folder): outputs written in the staging folder are recorded
    /// under the path they will have once it is swapped in.
    #[serde(skip)]
    pub staging: Option<(std::path::PathBuf, std::path::PathBuf)>,
    /// Outputs recorded so far (numbers each recording, [`Pending`](super::Pending)).
    #[serde(skip)]
    pub(super) recorded: u64,
}

/// `parameters` of run.json: the settings the job ran with. Keys are listed in sorted order
/// (nested ones too), as run.json has always had them. `run` writes `classifier`,
/// `compare_to`, `data`, `folds`, `lexicons`, `paths`, `scoring` and `seeds`; `score` writes `classifier`,
/// `model` and `scoring`. A part this version cannot read (an older or hand-edited file)
/// reads as absent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunParameters {
    /// The model's training parameters (`run`: as trained; `score`: the loaded model's).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "sorted_keys",
        deserialize_with = "lenient"
    )]
    pub classifier: Option<ClassifierParams>,
    /// `run`: the output folder compared with (`Some(None)`: written as `null`).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "lossy",
        deserialize_with = "present"
    )]
    pub compare_to: Option<Option<PathBuf>>,
    /// `run`: the data folder read (`./data` made absolute when it was the default, or
    /// `<built-in>/data`; `Some(None)`, `null`: the default, in a run.json written before
    /// session 34).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "lossy",
        deserialize_with = "present"
    )]
    pub data: Option<Option<PathBuf>>,
    /// `run`: the cross-fitting folds its articles were scored with (0: in-sample).
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "lenient")]
    pub folds: Option<usize>,
    /// `run`: the lexicon folder (`Some(None)`: the default, written as `null`).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "lossy",
        deserialize_with = "present"
    )]
    pub lexicons: Option<Option<PathBuf>>,
    /// `score`: the model file.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "lossy",
        deserialize_with = "lenient"
    )]
    pub model: Option<PathBuf>,
    /// `run`: the article paths given beside the seeds, made absolute (`[]`: the seeds
    /// alone), which `retrain` reads again when given none.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "lossy",
        deserialize_with = "lenient"
    )]
    pub paths: Option<Vec<PathBuf>>,
    /// The scoring parameters.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "sorted_keys",
        deserialize_with = "lenient"
    )]
    pub scoring: Option<ScoreParams>,
    /// `run`: the seeds read (`Some(None)`: written as `null`).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "lossy",
        deserialize_with = "present"
    )]
    pub seeds: Option<Option<PathBuf>>,
}

impl RunParameters {
    /// Nothing recorded (an add-on job's record).
    pub fn is_empty(&self) -> bool {
        *self == RunParameters::default()
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A value written with the keys of its objects sorted (through a `serde_json::Value`, whose
/// maps are sorted), whatever the order of its struct's fields.
fn sorted_keys<T: Serialize, S: Serializer>(v: &T, s: S) -> std::result::Result<S::Ok, S::Error> {
    serde_json::to_value(v).map_err(serde::ser::Error::custom)?.serialize(s)
}

/// Paths in run.json, decoded lossily: serde refuses to write a path that is not UTF-8 (a
/// folder named `caf\xE9`), which would fail the job at its last step.
fn lossy<T: LossyPaths, S: Serializer>(v: &T, s: S) -> std::result::Result<S::Ok, S::Error> {
    v.lossy().serialize(s)
}

/// A value holding paths, as the same shape holding their lossy names.
trait LossyPaths {
    fn lossy(&self) -> serde_json::Value;
}

impl LossyPaths for PathBuf {
    fn lossy(&self) -> serde_json::Value {
        crate::corpus::path_text(self).into()
    }
}

impl<T: LossyPaths> LossyPaths for Option<T> {
    fn lossy(&self) -> serde_json::Value {
        self.as_ref().map_or(serde_json::Value::Null, T::lossy)
    }
}

impl<T: LossyPaths> LossyPaths for Vec<T> {
    fn lossy(&self) -> serde_json::Value {
        self.iter().map(T::lossy).collect()
    }
}

/// A part of run.json that does not read as `T` reads as `T::default()` (absent).
fn lenient<'de, T: DeserializeOwned + Default, D: Deserializer<'de>>(d: D) -> std::result::Result<T, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(T::deserialize(v).unwrap_or_default())
}

/// A key that is present reads as `Some`, even when `null` (`Some(None)`); an absent key is
/// `None` (through `#[serde(default)]`).
fn present<'de, T: DeserializeOwned, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Option<T>>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(Some(Option::<T>::deserialize(v).unwrap_or_default()))
}

impl RunManifest {
    /// Read a run.json back.
    pub fn read(path: &Path) -> Result<RunManifest> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let mut m: RunManifest = serde_json::from_str(&text).map_err(|e| Error::Json {
            path: path.to_path_buf(),
            source: e,
        })?;
        // The paths as the system names them: written with `\xNN` for bytes that are not
        // UTF-8 ([`crate::corpus::path_text`]).
        let p = &mut m.parameters;
        let real = |x: &mut PathBuf| *x = crate::corpus::text_path(&x.to_string_lossy());
        for x in [&mut p.compare_to, &mut p.data, &mut p.lexicons, &mut p.seeds] {
            x.iter_mut().flatten().for_each(real);
        }
        p.model.iter_mut().for_each(real);
        p.paths.iter_mut().flatten().for_each(real);
        Ok(m)
    }

    pub fn new(command: &str) -> RunManifest {
        RunManifest {
            tool: "framescope".into(),
            tool_version: env!("CARGO_PKG_VERSION").into(),
            tool_build: build_id(),
            command: command.into(),
            arguments: COMMAND_LINE.get().cloned(),
            created: humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string(),
            inputs: vec![],
            data_files: vec![],
            parameters: RunParameters::default(),
            compared_with: None,
            model_sha256: None,
            lexicon_sha256: None,
            articles: 0,
            sentences: 0,
            problems: vec![],
            stages: vec![],
            outputs: vec![],
            rewritten_by: vec![],
            staging: None,
            recorded: 0,
        }
    }

    /// Bring the record of the job whose folder is `folder` up to date after `command`
    /// (`chart`, `report`) rewrote `files` in it: each file's entry in `outputs` gets its new
    /// sha256 (a file the job did not write is added), the entries of the files it `removed`
    /// (a chart not drawn this time) go, and `rewritten_by` gets the command line, so run.json
    /// stays a true list of the folder's files (review, session 44: `chart --max-articles 4`
    /// left four wrong hashes, and a `score` folder's report was listed nowhere). `files` and
    /// `removed` are paths in `into`, the folder's staged update ([`super::StagedDir::update`]),
    /// where the new run.json is written; a run.json that does not read is carried there as it
    /// is.
    pub fn record_rewritten(
        folder: &Path,
        into: &Path,
        files: &[std::path::PathBuf],
        removed: &[std::path::PathBuf],
        command: &str,
    ) -> Result<()> {
        let (path, new) = (folder.join("run.json"), into.join("run.json"));
        let Ok(mut m) = RunManifest::read(&path) else {
            if path.is_file() {
                std::fs::copy(&path, &new).map_err(|e| Error::io(&path, e))?;
            }
            return Ok(());
        };
        let listed = |f: &Path| f.strip_prefix(into).unwrap_or(f).display().to_string();
        let gone: Vec<String> = removed.iter().map(|f| listed(f)).collect();
        m.outputs.retain(|o| !gone.contains(&o.path));
        for f in files {
            let listed = listed(f);
            let sha256 = super::outputs::sha256_file(f)?;
            match m.outputs.iter_mut().find(|o| o.path == listed) {
                Some(o) => o.sha256 = sha256,
                None => m.outputs.push(OutputRecord {
                    path: listed,
                    sha256,
                    pending: None,
                }),
            }
        }
        let by = COMMAND_LINE.get().cloned().unwrap_or_else(|| vec![command.to_string()]);
        if !m.rewritten_by.contains(&by) {
            m.rewritten_by.push(by);
        }
        m.write(&new)
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

    /// How run.json lists an output: its path within the output folder (`scores.csv`,
    /// `charts/framing_arc.png`), so that the record stays true wherever the folder goes —
    /// a kept backup (`output.<UTC time>`) listed its files under the live `--out` path
    /// (review, session 35). A path outside the staging folder is listed as given.
    pub fn listed(&self, path: &Path) -> std::path::PathBuf {
        match &self.staging {
            Some((staging, _)) => path
                .strip_prefix(staging)
                .map_or_else(|_| path.to_path_buf(), Path::to_path_buf),
            None => path.to_path_buf(),
        }
    }

    /// Write run.json, its outputs hashed first.
    pub fn write(&mut self, path: &Path) -> Result<()> {
        self.hash_outputs()?;
        let json = serde_json::to_string_pretty(self).map_err(|e| Error::io(path, std::io::Error::other(e)))?;
        write_atomic(path, json.as_bytes())
    }
}

/// Peak resident set size of this process so far (Linux `VmHWM`), in MB.
pub fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Whether jobs may reset the process's peak RSS mark ([`measure_stage_peaks`]).
static STAGE_PEAKS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Let jobs record each stage's own peak memory in run.json, by resetting the process's peak
/// RSS mark between stages. The binary calls it; a library caller's process (a Python
/// interpreter) is not ours to reset: its `getrusage`/`time -v` peak fell from 907 to 125 MB
/// after one `framescope.run` (review, session 34), so there stages record no peak.
pub fn measure_stage_peaks() {
    STAGE_PEAKS.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// This stage's peak RSS in MB, when stages are measured ([`measure_stage_peaks`]).
pub fn stage_peak_rss_mb() -> Option<f64> {
    STAGE_PEAKS
        .load(std::sync::atomic::Ordering::Relaxed)
        .then(peak_rss_mb)
        .flatten()
}

/// Reset the peak RSS mark (Linux: write 5 to /proc/self/clear_refs) so the next stage's
/// peak is its own; only where stages are measured ([`measure_stage_peaks`]). Silently does
/// nothing where unsupported.
pub fn reset_peak_rss() {
    if STAGE_PEAKS.load(std::sync::atomic::Ordering::Relaxed) {
        let _ = std::fs::write("/proc/self/clear_refs", "5");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_same_size_rewrite_with_its_time_put_back_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        std::fs::write(&p, "{\"id\": \"a\", \"text\": \"one\"}\n").unwrap();
        let meta = std::fs::metadata(&p).unwrap();
        let record = InputRecord {
            path: "a.jsonl".into(),
            bytes: meta.len(),
            sha256: String::new(),
            modified: Some(FileStamp::of(&meta)),
            in_memory: false,
            os_path: Some(p.clone()),
        };
        check_unchanged(std::slice::from_ref(&record)).unwrap();
        let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&p, "{\"id\": \"a\", \"text\": \"two\"}\n").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(mtime)
            .unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().modified().unwrap(),
            mtime,
            "time put back"
        );
        let e = check_unchanged(std::slice::from_ref(&record)).unwrap_err().to_string();
        assert!(e.contains("changed while framescope was reading it"), "{e}");
        std::fs::remove_file(&p).unwrap();
        let e = check_unchanged(&[record]).unwrap_err().to_string();
        assert!(e.contains("deleted or moved away"), "{e}");
    }

    #[test]
    fn a_library_job_records_no_command_line() {
        // Library tests never call set_command_line (only the binary does).
        let m = RunManifest::new("score");
        assert_eq!(m.arguments, None);
        let json = serde_json::to_value(&m).unwrap();
        assert!(json.get("arguments").is_none() && json["command"] == "score");
    }

    #[test]
    fn run_json_reads_back_what_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("run.json");
        let mut m = RunManifest::new("run");
        m.parameters = RunParameters {
            classifier: Some(ClassifierParams::default()),
            scoring: Some(ScoreParams::default()),
            seeds: Some(Some("seeds".into())),
            data: Some(None),
            folds: Some(10),
            lexicons: Some(None),
            compare_to: Some(None),
            model: None,
            paths: Some(vec!["/articles/a.jsonl".into()]),
        };
        m.model_sha256 = Some("abc".into());
        m.articles = 3;
        m.stages.push(StageRecord {
            stage: "train".into(),
            seconds: 0.5,
            peak_rss_mb: None,
        });
        m.write(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        // Parameter keys are sorted, nested ones too, and the run's unset folders are null.
        let keys = [
            "\"classifier\"",
            "\"compare_to\": null",
            "\"data\": null",
            "\"folds\": 10",
            "\"lexicons\"",
            "\"scoring\"",
        ];
        let at: Vec<usize> = keys.iter().map(|k| text.find(k).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert!(text.find("\"alpha\"").unwrap() < text.find("\"margin\"").unwrap());
        assert!(!text.contains("\"model\""));
        let mut back = RunManifest::read(&path).unwrap();
        assert_eq!(back.parameters, m.parameters);
        assert_eq!((back.command.as_str(), back.articles), ("run", 3));
        assert_eq!(back.model_sha256.as_deref(), Some("abc"));
        assert_eq!(back.stages[0].seconds, 0.5);
        // Written again, the same bytes.
        back.write(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn an_older_or_partial_run_json_still_reads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("run.json");
        let old = r#"{"tool": "framescope", "command": "score", "created": "2026-11-23T04:17:19Z",
            "parameters": {"model": "m.json", "classifier": {"alpha": "not a number"},
            "scoring": {"kremlin_threshold": 0.7, "western_threshold": 0.3, "bootstrap": 10, "seed": 1, "top_terms": 5}},
            "unknown": 1}"#;
        std::fs::write(&path, old).unwrap();
        let m = RunManifest::read(&path).unwrap();
        assert_eq!(m.command, "score");
        assert!(m.inputs.is_empty() && m.model_sha256.is_none());
        assert_eq!(m.parameters.classifier, None);
        assert_eq!(m.parameters.model.as_deref(), Some(Path::new("m.json")));
        assert_eq!(m.parameters.scoring.map(|s| s.kremlin_threshold), Some(0.7));
        assert_eq!(m.parameters.seeds, None);
        std::fs::write(&path, r#"{"parameters": null}"#).unwrap();
        assert_eq!(RunManifest::read(&path).unwrap().parameters, RunParameters::default());
        std::fs::write(&path, "not json").unwrap();
        assert!(RunManifest::read(&path).is_err());
    }
}
