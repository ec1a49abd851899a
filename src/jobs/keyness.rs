//! `keyness`: the terms that distinguish two groups of sentences (Kremlin- vs Western-framed
//! by the model or by the lexicon) or of articles (one outlet vs another, one list of files
//! vs another). Writes keyness.csv and keyness.png.

use super::common::{self, DataOptions, Inputs};
use super::Progress;
use crate::charts::keyness::keyness_chart;
use crate::compare::keyness::{log_odds, Counts, KeyTerm, KeynessParams, Surfaces};
use crate::compare::overlap::{find_matches, fingerprint_document, OverlapParams};
use crate::compare::tables::write_keyness;
use crate::corpus::{InputProblem, Side};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::lexicon::weak_label;
use crate::model::{ClassifierParams, FramingModel};
use crate::pipeline::{self, Resources};
use crate::report;
use crate::score::ScoreParams;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What the two groups are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// Sentences the model calls Kremlin vs Western.
    Label,
    /// Sentences the lexicon labels Kremlin vs Western (weak labels).
    Weak,
    /// Articles of outlet `a` vs outlet `b` (default: every other outlet).
    Outlet,
    /// Articles listed in file `a` vs file `b` (default: the rest).
    FileList,
}

/// What `keyness` compares and how.
#[derive(Debug, Clone, PartialEq)]
pub struct KeynessOptions {
    /// Folder for keyness.csv and keyness.png.
    pub out: PathBuf,
    /// A saved model (for [`By::Label`]); without it a model is trained on the inputs.
    pub model: Option<PathBuf>,
    pub by: By,
    /// Group A: an outlet name or a file listing article ids/paths.
    pub a: Option<String>,
    /// Group B, likewise (`None`: everything not in A).
    pub b: Option<String>,
    pub keyness: KeynessParams,
    /// Terms labelled in the chart per side.
    pub top: usize,
    /// Draw keyness.png.
    pub chart: bool,
    /// Count shared copy once (sentences repeating an earlier article's are left out).
    pub dedupe: bool,
    pub data: DataOptions,
    /// For a model trained on the inputs; `margin` also decides [`By::Weak`].
    pub params: ClassifierParams,
    /// Thresholds of [`By::Label`]; its seed is `params.seed`.
    pub scoring: ScoreParams,
    pub inputs: Inputs,
}

/// What `keyness` produced.
#[derive(Debug)]
pub struct KeynessOutput {
    /// Names of group A and group B.
    pub names: (String, String),
    /// Terms counted in A and in B.
    pub totals: (u64, u64),
    /// Every term, by z (leaning A first).
    pub rows: Vec<KeyTerm>,
    /// How each stemmed term is shown (its most frequent surface form), in `rows` order.
    pub shown: Vec<String>,
    pub problems: Vec<InputProblem>,
}

/// A file list: one article a line (id, path or file name); `#` starts a comment at the start
/// of a line or after a space, as in the lexicon files; a UTF-8 byte-order mark is dropped (an
/// editor's, which made the first entry name no article, review session 33).
fn read_list(path: &str) -> Result<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    Ok(list_entries(&text).map(|e| (same_path(e), e.to_string())).collect())
}

/// A name as compared: a path without its `.` parts (`./labeled/a.txt` names the article
/// read as `labeled/a.txt`; review, session 41), written with `/`. Lexical only: `..` and
/// links are left as they are (resolving them would need the files, and an id is no path).
fn same_path(name: &str) -> String {
    let parts: Vec<&str> = name.split('/').filter(|c| *c != ".").collect();
    match parts.is_empty() {
        true => name.to_string(),
        false => parts.join("/"),
    }
}

fn list_entries(text: &str) -> impl Iterator<Item = &str> {
    crate::data::entries(text).map(|(_, l)| crate::data::without_comment(l))
}

/// The names a list entry may give an article by: its id, its origin path, its file name.
fn list_names(d: &Document) -> [String; 3] {
    let origin = d.article.origin.as_str();
    let file = Path::new(origin)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    [d.article.id.clone(), origin.to_string(), file]
}

/// Does an article belong to a list entry?
fn listed(d: &Document, list: &BTreeMap<String, String>) -> bool {
    list_names(d).iter().any(|n| list.contains_key(&same_path(n)))
}

/// A group of articles: an outlet name, or a list read once from its file.
enum Group {
    Outlet(String),
    /// Each entry as compared ([`same_path`]) → as written.
    Listed(BTreeMap<String, String>),
}

impl Group {
    fn new(by: By, g: &str) -> Result<Group> {
        Ok(match by {
            By::Outlet => Group::Outlet(g.to_string()),
            _ => Group::Listed(read_list(g)?),
        })
    }

    fn has(&self, d: &Document) -> bool {
        match self {
            Group::Outlet(o) => d.article.outlet.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(o)),
            Group::Listed(l) => listed(d, l),
        }
    }
}

/// A group as given (`--a tass`), with what the articles read so far said of it: whether
/// any is in it, and which list entries named one.
struct Given {
    group: Group,
    flag: &'static str,
    given: String,
    any: bool,
    named: BTreeSet<String>,
}

impl Given {
    fn new(by: By, flag: &'static str, given: &str) -> Result<Given> {
        Ok(Given {
            group: Group::new(by, given)?,
            flag,
            given: given.to_string(),
            any: false,
            named: BTreeSet::new(),
        })
    }

    /// Is the article in the group? Noted for [`Given::check`].
    fn has(&mut self, d: &Document) -> bool {
        let has = self.group.has(d);
        self.any |= has;
        if let (true, Group::Listed(l)) = (has, &self.group) {
            self.named
                .extend(list_names(d).iter().map(|n| same_path(n)).filter(|n| l.contains_key(n)));
        }
        has
    }

    /// Once every article has been read: an outlet no article has (`outlets`: those there
    /// are), or a list none of whose entries names an article, is an error naming what there
    /// is; list entries that name no article (a typo shrinks the group silently otherwise)
    /// are a warning.
    fn check(&self, outlets: &BTreeSet<String>, progress: &dyn Progress) -> Result<()> {
        let shown = |items: &[&str]| crate::style::named(items, 5);
        let (flag, given) = (self.flag, &self.given);
        match &self.group {
            Group::Outlet(_) if !self.any => {
                let outlets: Vec<&str> = outlets.iter().map(String::as_str).collect();
                Err(Error::Invalid(format!(
                    "{flag} `{given}`: no article has this outlet ({})",
                    if outlets.is_empty() {
                        "no article has an outlet".to_string()
                    } else {
                        format!("outlets: {}", shown(&outlets))
                    }
                )))
            }
            Group::Listed(l) => {
                let unmatched: Vec<&str> = l
                    .iter()
                    .filter(|(k, _)| !self.named.contains(*k))
                    .map(|(_, written)| written.as_str())
                    .collect();
                if !unmatched.is_empty() && unmatched.len() == l.len() {
                    return Err(Error::Invalid(format!(
                        "{flag} {given}: none of its {} entries names an article (an entry is an article's id, its file name, or its path as given, `./` parts aside): {}",
                        l.len(),
                        shown(&unmatched)
                    )));
                }
                if !unmatched.is_empty() {
                    progress.warn(&format!(
                        "warning: {flag} {given}: {} of its {} entries name no article, left out of the group: {}",
                        unmatched.len(),
                        l.len(),
                        shown(&unmatched)
                    ));
                }
                Ok(())
            }
            Group::Outlet(_) => Ok(()),
        }
    }
}

/// Which group each sentence is in: Some(true) = A, Some(false) = B, None = neither.
type Groups = Vec<Vec<Option<bool>>>;

/// How sentences are put in groups, one batch of articles at a time.
enum Grouper {
    Label {
        model: Box<FramingModel>,
        sp: ScoreParams,
    },
    Weak {
        margin: f64,
    },
    Articles {
        a: Given,
        b: Option<Given>,
        outlets: BTreeSet<String>,
    },
}

impl Grouper {
    /// The groups of `o`; `model` groups `--by label` (the saved one, or one trained on the
    /// articles).
    fn new(o: &KeynessOptions, model: Option<FramingModel>) -> Result<Grouper> {
        Ok(match o.by {
            By::Label => Grouper::Label {
                model: Box::new(model.expect("--by label groups with a model")),
                sp: ScoreParams {
                    seed: o.params.seed,
                    ..o.scoring.clone()
                },
            },
            By::Weak => Grouper::Weak {
                margin: o.params.margin,
            },
            By::Outlet | By::FileList => {
                let Some(ga) = o.a.as_deref() else {
                    return Err(Error::Invalid(
                        "--by outlet and --by file-list need --a (and optionally --b)".into(),
                    ));
                };
                Grouper::Articles {
                    a: Given::new(o.by, "--a", ga)?,
                    b: o.b.as_deref().map(|gb| Given::new(o.by, "--b", gb)).transpose()?,
                    outlets: BTreeSet::new(),
                }
            }
        })
    }

    /// The names of group A and group B.
    fn names(o: &KeynessOptions) -> (String, String) {
        match o.by {
            By::Label => ("Kremlin-framed".into(), "Western-framed".into()),
            By::Weak => ("Kremlin (lexicon)".into(), "Western (lexicon)".into()),
            By::Outlet | By::FileList => (
                o.a.clone().unwrap_or_default(),
                o.b.clone().unwrap_or_else(|| "the rest".into()),
            ),
        }
    }

    /// The group of each sentence of `docs`.
    fn groups(&mut self, docs: &[Document]) -> Result<Groups> {
        let mut groups: Groups = Vec::with_capacity(docs.len());
        match self {
            Grouper::Label { model, sp } => {
                for (a, ss) in pipeline::score_all(model, docs, sp) {
                    groups.push(
                        ss.iter()
                            .map(|s| {
                                // From the no-evidence point, as the article's shares are.
                                let p = crate::score::centred_p(s.p_kremlin, a.score_offset);
                                if p >= sp.kremlin_threshold {
                                    Some(true)
                                } else if p <= sp.western_threshold {
                                    Some(false)
                                } else {
                                    None
                                }
                            })
                            .collect(),
                    );
                }
            }
            Grouper::Weak { margin } => {
                for d in docs {
                    groups.push(
                        d.sentences
                            .iter()
                            .map(|s| weak_label(&s.evidence, *margin).map(|side| side == Side::Kremlin))
                            .collect(),
                    );
                }
            }
            Grouper::Articles { a, b, outlets } => {
                for d in docs {
                    if let Some(o) = &d.article.outlet {
                        if !outlets.contains(o.as_str()) {
                            outlets.insert(o.to_string());
                        }
                    }
                    let in_a = a.has(d);
                    let in_b = b.as_mut().map(|b| b.has(d));
                    // One article in both groups was counted for A alone, silently (review,
                    // session 33); `--by outlet --a tass --b tass` said "one group is empty".
                    if let (true, Some(true), Some(b)) = (in_a, in_b, &b) {
                        return Err(Error::Invalid(format!(
                            "article `{}` is in both groups (--a {}, --b {}): a term's counts must come from one group or the other; take it out of one",
                            d.article.id, a.given, b.given
                        )));
                    }
                    let g = if in_a {
                        Some(true)
                    } else {
                        in_b.unwrap_or(true).then_some(false)
                    };
                    groups.push(vec![g; d.sentences.len()]);
                }
            }
        }
        Ok(groups)
    }

    /// Once every article has been read: the checks of `--a` and `--b` ([`Given::check`]).
    fn check(&self, progress: &dyn Progress) -> Result<()> {
        if let Grouper::Articles { a, b, outlets } = self {
            a.check(outlets, progress)?;
            if let Some(b) = b {
                b.check(outlets, progress)?;
            }
        }
        Ok(())
    }
}

/// Term counts of the two groups and of every sentence (the prior's background), and the
/// written forms of the stems.
#[derive(Default)]
struct Tally {
    a: Counts,
    b: Counts,
    background: Counts,
    surfaces: Surfaces,
}

impl Tally {
    /// Count a batch's sentences in their groups, but those `skip` says repeat an earlier
    /// article's.
    fn add(&mut self, docs: &[Document], groups: &Groups, skip: Option<&[Vec<bool>]>, res: &Resources) {
        // The model's features: a `pair-only` word (`ru:в`) counts only inside its bigrams
        // (review, session 44: «в» was the 4th strongest Western term).
        let lone = res.analyzer.lone_pair_only_terms();
        for (i, (d, g)) in docs.iter().zip(groups).enumerate() {
            self.surfaces.add_document(d);
            for (j, (s, g)) in d.sentences.iter().zip(g).enumerate() {
                if skip.is_some_and(|skip| skip[i][j]) {
                    continue;
                }
                let mut features = s.features(&res.analyzer);
                features.retain(|t| !lone.contains(t));
                self.background.add(&features);
                match g {
                    Some(true) => self.a.add(&features),
                    Some(false) => self.b.add(&features),
                    None => {}
                }
            }
        }
    }
}

/// Compare two groups' term use and write keyness.csv (and keyness.png).
/// `--by label` without `--model`: the model that groups the sentences learnt from them.
pub const IN_SAMPLE_NOTE: &str = "warning: --by label without --model groups the sentences with a model trained on these same articles (in-sample), so its top terms largely repeat that model's strongest weights; for vocabulary the model did not learn from, group --by outlet or --by file-list, or pass a --model trained on other articles";

/// The `--prior-size` values the statistic stays finite and meaningful for: the default is
/// half the terms counted, so from a hundredth of a term to a billion.
const PRIOR_SIZE: std::ops::RangeInclusive<f64> = 0.01..=1e9;

/// The most terms `--top` prints and labels per side.
pub const MAX_TOP: usize = 1000;

pub fn keyness(o: &KeynessOptions, progress: &dyn Progress) -> Result<KeynessOutput> {
    // The statistic needs a positive prior: `--prior-size 0` wrote inf and NaN (review,
    // session 30).
    // Bounded too: 1e308 overflowed to inf and NaN, and 1e-300 gave log-odds of 700 with z
    // 0, dropping the strongest terms from the lists (review, session 33).
    if let Some(a0) = o.keyness.prior_size.filter(|a| !(PRIOR_SIZE.contains(a))) {
        return Err(Error::Invalid(format!(
            "--prior-size must be a number from {} to {:e} (the prior's total pseudo-count), got {}",
            PRIOR_SIZE.start(),
            PRIOR_SIZE.end(),
            match a0.abs() {
                v if v != 0.0 && !(1e-3..1e6).contains(&v) => format!("{a0:e}"),
                _ => a0.to_string(),
            }
        )));
    }
    // Review, session 48: `--top 18446744073709551615` looped that many times.
    if o.top > MAX_TOP {
        return Err(Error::InvalidParam {
            name: "top",
            message: format!(
                "{} is more than {MAX_TOP} (terms printed and labelled per side); keyness.csv lists every term",
                o.top
            ),
        });
    }
    if matches!(o.by, By::Label | By::Weak) && (o.a.is_some() || o.b.is_some()) {
        return Err(Error::Invalid(
            "--a and --b choose the groups of --by outlet and --by file-list; --by label and --by weak make their own groups (Kremlin against Western sentences)".into(),
        ));
    }
    let params = o.params.clone().check()?;
    let saved: Option<FramingModel> = match &o.model {
        Some(p) => Some(report::load_model(p)?),
        None => None,
    };
    let res = match &saved {
        Some(m) => Resources::from_model(m)?,
        None => o.data.resources_announced(progress)?,
    };
    let (mut sources, mut problems) = o.inputs.read_once(None, progress).sources()?;
    // Checked and locked before any work; the table and its chart move in together
    // (report::StagedFiles).
    let mut reads = common::input_paths(&o.inputs, &o.data);
    reads.extend(o.model.iter().cloned());
    if o.by == By::FileList {
        reads.extend(o.a.iter().chain(&o.b).map(PathBuf::from));
    }
    let staged = report::StagedFiles::create(&o.out, &["keyness.csv", "keyness.png", "keyness.run.json"], &reads)?;
    let dir = staged.path();
    let mut record = common::addon_record(
        "keyness",
        &mut sources,
        &mut problems,
        &o.data,
        &res,
        o.model.as_deref(),
    )?;
    let sp = ScoreParams {
        seed: o.params.seed,
        ..o.scoring.clone()
    };
    sp.check()?;
    // What the record keeps of a model trained here (review, session 44: keyness.run.json
    // had no parameters and no problems though a warning was printed).
    let mut notes: Vec<String> = Vec::new();
    if o.by == By::Label && saved.is_none() {
        progress.warn(IN_SAMPLE_NOTE);
        notes.push(IN_SAMPLE_NOTE.to_string());
        record.parameters.classifier = Some(params.clone().into_inner());
    }
    let names = Grouper::names(o);
    let mut tally = Tally::default();
    // A model trained on these articles, or shared copy found across them, needs every
    // article at once; else one batch at a time (memory: the counts, not the corpus).
    if o.dedupe || (o.by == By::Label && saved.is_none()) {
        let docs = common::load_reported(sources, &mut problems, &res, progress)?;
        if docs.is_empty() {
            return Err(Error::Invalid("no usable articles".into()));
        }
        let model = match (o.by, saved) {
            (By::Label, None) => {
                let set = pipeline::training_set(&docs, &params, res.analyzer.settings().ngram_max);
                let model = pipeline::train(set, &res, &params)?.0;
                // The grouping model is weak as `run`'s would be: said as `run` says it.
                notes.extend(common::warn_if_weak(&model, progress));
                Some(model)
            }
            (_, saved) => saved,
        };
        let mut grouper = Grouper::new(o, model)?;
        let groups = grouper.groups(&docs)?;
        grouper.check(progress)?;
        // With dedupe, sentences repeating an earlier article's sentence are not counted.
        let skip = o.dedupe.then(|| {
            let params = OverlapParams::default();
            let prints: Vec<_> = docs.iter().map(|d| fingerprint_document(d, params.shingle)).collect();
            find_matches(&prints, &params).map(|m| {
                m.into_iter()
                    .enumerate()
                    .map(|(i, ms)| ms.iter().map(|m| m.iter().any(|x| x.article < i)).collect())
                    .collect()
            })
        });
        let skip: Option<Vec<Vec<bool>>> = skip
            .transpose()
            .map_err(|e| Error::Invalid(format!("--dedupe: {e}; leave --dedupe out or compare a subset")))?;
        tally.add(&docs, &groups, skip.as_deref(), &res);
    } else {
        let mut grouper = Grouper::new(o, saved)?;
        let n = common::stream_reported(sources, &mut problems, &res, progress, |docs| {
            let groups = grouper.groups(&docs)?;
            tally.add(&docs, &groups, None, &res);
            Ok(())
        })?;
        if n == 0 {
            return Err(Error::Invalid("no usable articles".into()));
        }
        grouper.check(progress)?;
    }
    let Tally {
        a: ca,
        b: cb,
        background: bg,
        surfaces,
    } = tally;
    if ca.total == 0 || cb.total == 0 {
        return Err(Error::Invalid(format!(
            "one group is empty ({}: {} terms, {}: {} terms); nothing to compare",
            names.0, ca.total, names.1, cb.total
        )));
    }
    let rows = log_odds(&ca, &cb, &bg, &o.keyness);
    write_keyness(
        &dir.join("keyness.csv"),
        &rows,
        |t| surfaces.show(t),
        (&names.0, &names.1),
    )?;
    if o.chart {
        let path = dir.join("keyness.png");
        let png = keyness_chart(&path, &rows, |t| surfaces.show(t), o.top, (&names.0, &names.1))?;
        report::write_atomic(&path, &png)?;
    }
    common::record_problems(&mut record, &problems);
    record.problems.extend(notes);
    staged.write_record(record)?;
    staged.commit()?;
    let shown = rows.iter().map(|t| surfaces.show(&t.term)).collect();
    Ok(KeynessOutput {
        names,
        totals: (ca.total, cb.total),
        rows,
        shown,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_list_drops_a_byte_order_mark_comments_and_blank_lines() {
        let text = "\u{feff}kremlin_tass_01\n# a comment\n\n  kremlin_tass_22 # why it is here\nwestern/a#1.txt\n";
        let got: Vec<&str> = list_entries(text).collect();
        assert_eq!(got, ["kremlin_tass_01", "kremlin_tass_22", "western/a#1.txt"]);
    }

    #[test]
    fn list_entries_and_article_paths_compare_without_dot_parts() {
        assert_eq!(same_path("./labeled/a.txt"), "labeled/a.txt");
        assert_eq!(same_path("labeled/./a.txt"), "labeled/a.txt");
        assert_eq!(same_path("../labeled/a.txt"), "../labeled/a.txt");
        assert_eq!(same_path("kremlin_tass_01"), "kremlin_tass_01");
        assert_eq!(same_path("."), ".");
    }
}
