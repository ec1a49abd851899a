//! Checks of a model file as it is loaded: a model edited by hand, truncated or written by
//! another tool must fail with a one-line message, never load and put NaN into scores.
//!
//! Two steps: [`check_version`] reads `format_version` before anything else is built (the
//! right message for a newer, older or mistyped version), [`check_model`] checks the parsed
//! model: numbers finite and in the range training can produce, known class name and stemmer,
//! consistent sizes. Kept apart from the model's fields so a new field (and a format bump)
//! adds one check here.

use super::{FramingModel, MODEL_FORMAT_VERSION};
use std::sync::atomic::{AtomicU64, Ordering};

/// The oldest model format this build reads.
pub const OLDEST_MODEL_FORMAT: u64 = 1;

/// Largest magnitude accepted for a weight, the intercept or a lexicon weight. Training with
/// L2 gives weights of a few units; a value near f64's limit would overflow in a dot product
/// (1e308 × 10 = inf, inf − inf = NaN) and put NaN into every score.
pub(crate) const MAX_MAGNITUDE: f64 = 1e6;

/// Largest model file loaded by default: 1 GiB, checked from the file's size before a byte
/// is read ([`set_max_model_bytes`] changes it for the process; the CLI's `--max-model-mb`).
///
/// What real models weigh: about 57 bytes per vocabulary term, plus at most
/// [`MAX_RECORDED_ARTICLES`](super::MAX_RECORDED_ARTICLES) article digests (~4.5 MB) and one
/// (path, sha256) per input file. Measured: the seeds, 139 KB; 10k benchmark articles with
/// the default options, 58 MB (~1 M terms); 1M articles with `--min-df 2`, 552 MB (9.6 M
/// terms). The vocabulary is unbounded unless `--max-features` is given, so the default is
/// about twice the largest model measured, not a typical size. Parsing takes up to ~8 bytes
/// of memory per byte of JSON (a file of `0,0,0,…` weights is 4 bytes of f64 per byte, and
/// the vector grows by doubling), so the cap also bounds what a corrupt file can allocate.
pub const MAX_MODEL_BYTES: u64 = 1 << 30;

static MAX_BYTES: AtomicU64 = AtomicU64::new(MAX_MODEL_BYTES);

/// Set the largest model file this process loads (one setting for the process, as the CSV
/// cell policy: the front end sets it once, from `--max-model-mb`).
pub fn set_max_model_bytes(bytes: u64) {
    MAX_BYTES.store(bytes, Ordering::Relaxed);
}

/// The largest model file this process loads ([`MAX_MODEL_BYTES`] unless set).
pub fn max_model_bytes() -> u64 {
    MAX_BYTES.load(Ordering::Relaxed)
}

/// Snowball algorithms rust-stemmers provides, by the names a model stores.
pub const KNOWN_STEMMERS: &[&str] = &[
    "arabic",
    "danish",
    "dutch",
    "english",
    "finnish",
    "french",
    "german",
    "greek",
    "hungarian",
    "italian",
    "norwegian",
    "portuguese",
    "romanian",
    "russian",
    "spanish",
    "swedish",
    "tamil",
    "turkish",
];

/// The model format of a file, or why it is not one this build reads.
pub fn check_version(v: Option<&serde_json::Value>) -> Result<u64, String> {
    let v = v.ok_or("not a framescope model (no format_version)")?;
    let n = match v {
        serde_json::Value::Number(n) => n
            .as_u64()
            .ok_or_else(|| format!("format_version must be a whole number ≥ {OLDEST_MODEL_FORMAT}, found {n}"))?,
        serde_json::Value::String(s) => {
            return Err(format!(
                "format_version must be a number, found the string \"{s}\" (was the file edited by hand?)"
            ))
        }
        other => return Err(format!("format_version must be a number, found {other}")),
    };
    if n > MODEL_FORMAT_VERSION as u64 {
        return Err(format!(
            "written by a newer framescope (model format {n}; this build reads up to {MODEL_FORMAT_VERSION}): upgrade framescope or retrain"
        ));
    }
    if n < OLDEST_MODEL_FORMAT {
        return Err(format!(
            "model format {n} is older than this framescope reads (formats {OLDEST_MODEL_FORMAT} to {MODEL_FORMAT_VERSION}): retrain with `framescope train`"
        ));
    }
    Ok(n)
}

/// The warning for a model just written that the commands loading it (`score`, `eval --model`,
/// `diff`, …) would refuse by default: over `cap` bytes ([`max_model_bytes`]). Every term is
/// kept by default (`--min-df 1`), so a large corpus can write such a model (about 5.7 M terms
/// and 334 MB at 100k synthetic articles), and without this the refusal would come only at
/// the next `score`.
pub fn size_warning(bytes: u64, cap: u64, terms: usize) -> Option<String> {
    (bytes > cap).then(|| {
        format!(
            "the model is {:.1} MB ({terms} terms), over the {} MB cap on loading models (--max-model-mb): give `score` (and `eval --model`, `diff`) --max-model-mb {}, or retrain with --min-df 2 or --max-features to bound the vocabulary",
            bytes as f64 / 1e6,
            cap / (1 << 20),
            bytes.div_ceil(1 << 20),
        )
    })
}

/// A model file's size, checked before it is read: over `cap` bytes it is refused.
pub fn check_size(bytes: u64, cap: u64) -> Result<(), String> {
    if bytes > cap {
        return Err(format!(
            "model file is {bytes} bytes ({:.1} MB), over the cap of {} MB on model files (raise it with --max-model-mb, or retrain with --max-features to bound the vocabulary)",
            bytes as f64 / 1e6,
            cap / (1 << 20),
        ));
    }
    Ok(())
}

fn within(x: f64, low: f64, high: f64) -> bool {
    x.is_finite() && x >= low && x <= high
}

fn number(name: &str, x: f64, low: f64, high: f64) -> Result<(), String> {
    if within(x, low, high) {
        return Ok(());
    }
    // 1e308 as `1e308`, not as 309 digits.
    let show = |v: f64| {
        if v != 0.0 && v.is_finite() && !(1e-4..1e6).contains(&v.abs()) {
            format!("{v:e}")
        } else {
            format!("{v}")
        }
    };
    Err(format!(
        "corrupt model: {name} is {}, outside [{}, {}]",
        show(x),
        show(low),
        show(high)
    ))
}

/// A parsed model's contents: sizes, numbers, names.
pub fn check_model(m: &FramingModel) -> Result<(), String> {
    let terms = m.tfidf.terms.len();
    if m.weights.len() != terms || m.tfidf.idf.len() != terms {
        return Err(format!(
            "corrupt model: {} weights and {} idf values for {} terms",
            m.weights.len(),
            m.tfidf.idf.len(),
            terms
        ));
    }
    if m.positive_class != "kremlin" {
        return Err(format!(
            "corrupt model: positive_class is \"{}\"; framescope models give the probability of \"kremlin\"",
            m.positive_class
        ));
    }
    if !KNOWN_STEMMERS.contains(&m.analyzer.stemmer.as_str()) {
        return Err(format!(
            "unknown stemmer \"{}\" (known: {})",
            m.analyzer.stemmer,
            KNOWN_STEMMERS.join(", ")
        ));
    }
    // The cleaner's patterns are compiled only when the model is used: a bad one was an
    // error that did not name the model file (review J, session 51). Checked here, where
    // the file's path is added to the message.
    let patterns = m.cleaner.boilerplate.iter().chain(&m.cleaner.self_references);
    if let Some((p, e)) = patterns
        .filter_map(|p| regex::Regex::new(p).err().map(|e| (p, e)))
        .next()
    {
        let why = crate::clean::error_reason(&e.to_string());
        return Err(format!("corrupt model: bad cleaner pattern `{p}`: {why}"));
    }
    // Smooth idf = ln((1 + n)/(1 + df)) + 1 is at least 1 and at most ln(1 + n) + 1.
    // The term's name is formatted only for the message: a million names per load cost
    // more than the checks themselves.
    let (idf_low, idf_high) = (1.0 - 1e-9, 100.0);
    if let Some(i) = m.tfidf.idf.iter().position(|&x| !within(x, idf_low, idf_high)) {
        number(&format!("idf of term {i}"), m.tfidf.idf[i], idf_low, idf_high)?;
    }
    if let Some(i) = m
        .weights
        .iter()
        .position(|&x| !within(x, -MAX_MAGNITUDE, MAX_MAGNITUDE))
    {
        number(
            &format!("weight of term {i}"),
            m.weights[i],
            -MAX_MAGNITUDE,
            MAX_MAGNITUDE,
        )?;
    }
    number("intercept", m.intercept, -MAX_MAGNITUDE, MAX_MAGNITUDE)?;
    // What scoring reads and the CLI refuses as options: a hand-edited `quoted_weight = -5`
    // scored silently, and `ngram_max = 0` dropped every term (review, session 34).
    if let Some(q) = m.params.quoted_weight {
        number("params.quoted_weight", q, 0.0, 1.0)?;
    }
    if !(1..=9).contains(&m.analyzer.ngram_max) {
        return Err(format!(
            "corrupt model: analyzer.ngram_max is {}, outside [1, 9]",
            m.analyzer.ngram_max
        ));
    }
    number("lexicon_prior", m.params.lexicon_prior, -MAX_MAGNITUDE, MAX_MAGNITUDE)?;
    for e in &m.lexicon.entries {
        if e.stems.is_empty() {
            return Err("corrupt model: a lexicon entry has no stems".into());
        }
        if e.forms.as_ref().is_some_and(|f| f.len() != e.stems.len()) {
            return Err("corrupt model: a lexicon entry has not one exact form per stem".into());
        }
        // A quoted phrase without its forms would match every form while looking exact; a
        // form not written as the matcher compares words would never match.
        if crate::lexicon::exact_phrase(&e.phrase).is_some() != e.forms.is_some()
            || e.forms.iter().flatten().any(|f| crate::text::exact_form(f) != *f)
        {
            return Err(format!(
                "corrupt model: lexicon entry `{}` has exact forms only if quoted, lowercase",
                e.phrase
            ));
        }
        number("a lexicon weight", e.weight, f64::MIN_POSITIVE, MAX_MAGNITUDE)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_model_over_the_load_cap_gets_a_warning_with_the_option_to_give() {
        // 3 MiB and one byte against a 1 MiB cap: 3,145,729 bytes = 3.1 MB, and the option
        // rounds up to 4 MiB so that the file loads.
        let w = size_warning(3 * (1 << 20) + 1, 1 << 20, 42).unwrap();
        assert!(
            w.starts_with("the model is 3.1 MB (42 terms), over the 1 MB cap"),
            "{w}"
        );
        assert!(w.contains("--max-model-mb 4,"), "{w}");
        assert!(w.contains("--min-df 2 or --max-features"), "{w}");
        // Exactly the cap loads (check_size refuses only above it), so nothing to say.
        assert_eq!(size_warning(1 << 20, 1 << 20, 42), None);
        assert!(check_size(1 << 20, 1 << 20).is_ok());
        assert!(check_size((1 << 20) + 1, 1 << 20).is_err());
        // 4 MiB exactly: the option needs no rounding.
        assert!(size_warning(4 << 20, 1 << 20, 1).unwrap().contains("--max-model-mb 4,"));
    }

    #[test]
    fn versions_of_the_wrong_type_or_range_say_so() {
        assert_eq!(check_version(Some(&json!(1))), Ok(1));
        let e = |v| check_version(Some(&v)).unwrap_err();
        assert!(e(json!("1")).contains("must be a number, found the string \"1\""));
        assert!(e(json!(0)).contains("older than this framescope reads"));
        assert!(e(json!(-1)).contains("whole number"));
        assert!(e(json!(1.5)).contains("whole number"));
        assert!(e(json!(99)).contains("written by a newer framescope"));
        assert!(check_version(None).unwrap_err().contains("no format_version"));
    }

    #[test]
    fn sizes_over_the_cap_are_refused_naming_both() {
        assert!(check_size(0, MAX_MODEL_BYTES).is_ok());
        assert!(check_size(MAX_MODEL_BYTES, MAX_MODEL_BYTES).is_ok());
        let e = check_size(MAX_MODEL_BYTES + 1, MAX_MODEL_BYTES).unwrap_err();
        assert!(
            e.starts_with("model file is 1073741825 bytes (1073.7 MB), over the cap of 1024 MB on model files"),
            "{e}"
        );
    }

    #[test]
    fn range_checks_catch_what_would_overflow() {
        assert!(number("idf", 1e308, 1.0, 100.0).unwrap_err().contains("idf is 1e308"));
        assert!(number("w", f64::NAN, -1.0, 1.0).is_err());
        assert!(number("w", 0.5, -1.0, 1.0).is_ok());
    }
}
