//! `inspect`: one article's scores and sentence scores, read from an output folder.

use crate::compare::ArticleRow;
use crate::error::{Error, Result};
use crate::report::{escape_control as escape, read_scores, read_sentences_where, FoldPlan, RunManifest};
use crate::score::{ArticleScore, SentenceScore};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// A line of the explanation (writing to a `String` cannot fail).
macro_rules! out {
    ($o:ident, $($t:tt)*) => {
        let _ = writeln!($o, $($t)*);
    };
}

mod negation;
mod pull;
pub use pull::Pull;

/// Which article, in which folder.
#[derive(Debug, Clone, PartialEq)]
pub struct InspectOptions {
    /// Article id (file stem or JSONL id).
    pub id: String,
    /// Output folder holding scores.csv and sentences.csv.
    pub out: PathBuf,
}

/// The article's row of scores.csv and its rows of sentences.csv.
#[derive(Debug)]
pub struct InspectOutput {
    pub article: ArticleRow,
    pub sentences: Vec<SentenceScore>,
    /// How the folder's `framing_score` weighs sentences: the model's `quoted_weight` as
    /// `run.json` records it (`parameters.classifier`). `None`, the plain sentence mean, when
    /// it records none (a folder written before the voice-weighted score).
    pub quoted_weight: Option<f64>,
    /// The run's sentence thresholds (Kremlin, Western) as `run.json` records them
    /// (`parameters.scoring`), else the defaults: which sentences [`InspectOutput::explain`]
    /// lists.
    pub thresholds: (f64, f64),
    /// Which cross-fitting fold scored the article, from the folder's `folds.json`: `None`
    /// when it has none (scored by model.json's classifier: `score`, or `run --folds 0`);
    /// `Err` with the reason when the file cannot be read.
    pub fold: Option<std::result::Result<ArticleFold, String>>,
}

/// The cross-fitting fold that scored an article (`folds.json`).
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleFold {
    /// Fold number (from 0) and how many folds.
    pub fold: usize,
    pub k: usize,
    /// `order` or `id` (how the run assigned folds).
    pub assigned_by: &'static str,
    /// The articles of the folder in this fold, the article itself among them.
    pub articles: usize,
    /// The fold classifier's training rows; `None`: the fold had one side only and its
    /// articles were scored by model.json's classifier.
    pub training_rows: Option<usize>,
    /// The id of the earlier article whose fold it is in because it copies it.
    pub copy_of: Option<String>,
}

impl ArticleFold {
    /// The fold of every article of a run whose scores.csv lists `ids`, in order, by `plan`.
    pub fn all(plan: &FoldPlan, ids: &[&str]) -> Vec<ArticleFold> {
        let folds: Vec<usize> = (0..ids.len()).map(|a| plan.fold_of(a)).collect();
        let mut size = vec![0; plan.k];
        folds.iter().for_each(|&f| size[f] += 1);
        (folds.iter().enumerate())
            .map(|(row, &f)| ArticleFold::with(plan, ids, row, f, size[f]))
            .collect()
    }

    fn with(plan: &FoldPlan, ids: &[&str], row: usize, fold: usize, articles: usize) -> ArticleFold {
        ArticleFold {
            fold,
            k: plan.k,
            assigned_by: plan.assigned_by,
            articles,
            training_rows: plan.training_rows[fold],
            copy_of: plan.copy_of(row).and_then(|g| ids.get(g)).map(|id| id.to_string()),
        }
    }

    /// The line `inspect` prints (folds numbered from 0, as in folds.json).
    pub fn describe(&self) -> String {
        let rule = match self.assigned_by {
            "id" => "by article id",
            _ => "by row order",
        };
        let copy = self.copy_of.as_ref().map_or(String::new(), |g| {
            format!(", the fold of `{}`, which it copies", escape(g))
        });
        let k = self.k;
        let fold = self.fold;
        match self.training_rows {
            Some(rows) => {
                let without = match self.articles {
                    1 => "its own sentences".to_string(),
                    n => format!("the sentences of this fold's {n} articles, this one among them"),
                };
                format!("scored by the classifier of fold {fold}{copy} ({k} folds, {rule}), fitted on {rows} training rows without {without}")
            }
            None => format!(
                "in fold {fold}{copy} ({k} folds, {rule}), whose training rows had one side only: scored by the model's classifier"
            ),
        }
    }
}

/// The default folders of `run` and `score` (`output`, `scored`): when the id is in the
/// other one's scores.csv, a hint naming it (`inspect` reads `output/` unless told, and
/// `score` writes `scored/`).
fn found_elsewhere(o: &InspectOptions) -> Option<String> {
    ["scored", "output"]
        .iter()
        .map(Path::new)
        .filter(|d| other_folder(d, &o.out))
        .find(|d| read_scores(&d.join("scores.csv")).is_ok_and(|s| s.iter().any(|a| a.id == o.id)))
        .map(|d| {
            format!(
                " (it is in {}: framescope inspect {} --out {})",
                d.join("scores.csv").display(),
                o.id,
                d.display()
            )
        })
}

/// Whether `d` is another folder than `out`.
fn other_folder(d: &Path, out: &Path) -> bool {
    crate::report::guard::resolve(d) != crate::report::guard::resolve(out)
}

/// The article `id` names: its id, else — given as its file (`kremlin_tass_23.txt`, a path) —
/// the article whose id is that file's stem, as a .txt article's id is.
fn find_article<'a>(scores: &'a [ArticleRow], id: &str) -> Option<&'a ArticleRow> {
    scores.iter().find(|s| s.id == id).or_else(|| {
        let stem = Path::new(id)
            .file_stem()
            .map(|s| s.to_string_lossy())
            .filter(|s| s != id)?;
        scores.iter().find(|s| s.id == stem)
    })
}

/// Up to five ids like `id`: containing it, ignoring case, else within a few edits of it
/// (`kremlin_tas_23`, `KREMLIN_TASS_23`), closest first. Only substrings were offered before
/// (review, session 33).
/// The Python package's `Result.explain` asks the same (it offered substrings only: review,
/// session 34).
pub fn near_ids<'a>(ids: &[&'a str], id: &str) -> Vec<&'a str> {
    let want = id.to_lowercase();
    let containing: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|s| s.to_lowercase().contains(&want))
        .take(5)
        .collect();
    if !containing.is_empty() {
        return containing;
    }
    let mut close: Vec<(usize, &str)> = ids
        .iter()
        .map(|&s| (strsim::levenshtein(&s.to_lowercase(), &want), s))
        .filter(|&(d, _)| d <= (want.chars().count() / 4).clamp(1, 3))
        .collect();
    close.sort();
    close.into_iter().take(5).map(|(_, s)| s).collect()
}

/// Find an article's scores; an unknown id is an error suggesting close ones. A table changed
/// since run.json recorded it is said (`progress.warn`) before it is read.
pub fn inspect(o: &InspectOptions, progress: &dyn super::Progress) -> Result<InspectOutput> {
    if let Some(note) = crate::report::changed_since_recorded(&o.out, "read")? {
        progress.warn(&format!("note: {note}"));
    }
    let path = o.out.join("scores.csv");
    let scores = match read_scores(&path) {
        Ok(s) => s,
        Err(e) => {
            // A folder of the Parquet form says so (review, session 49: it pointed to another
            // folder's scores instead).
            return Err(
                // Only when there is no table here: a table here that does not read is named
                // with its bad cell (review Q, session 54: a bad cell sent the user to
                // another run's folder).
                match found_elsewhere(o).filter(|_| !path.exists() && !path.with_extension("parquet").exists()) {
                    Some(hint) => Error::Invalid(format!("{}: no scores here{hint}", o.out.display())),
                    None => e,
                },
            );
        }
    };
    let Some(article) = find_article(&scores, &o.id).cloned() else {
        let ids: Vec<&str> = scores.iter().map(|s| s.id.as_str()).collect();
        let near = near_ids(&ids, &o.id);
        let hint = if let Some(h) = found_elsewhere(o) {
            h
        } else if near.is_empty() {
            String::new()
        } else {
            format!(" (did you mean {}?)", near.join(", "))
        };
        return Err(Error::Invalid(format!(
            "{}: no article with id `{}`{hint}",
            path.display(),
            o.id
        )));
    };
    let sentences_path = o.out.join("sentences.csv");
    if !sentences_path.exists() && o.out.join("scores.csv").exists() {
        return Err(Error::Invalid(format!(
            "{}: not in this folder, which holds scores without their sentences (written with `--no-sentences`?); score the articles again without it to inspect them",
            sentences_path.display()
        )));
    }
    // Streamed: only this article's rows are kept (sentences.csv of a 100k run is ~0.5 GB).
    let sentences = read_sentences_where(&sentences_path, |id| id == article.id)?;
    // What run.json records; absent or unreadable: the plain sentence mean (which such
    // folders hold) and the default thresholds.
    let parameters = RunManifest::read(&o.out.join("run.json")).ok().map(|m| m.parameters);
    let scoring = parameters.as_ref().and_then(|p| p.scoring.clone()).unwrap_or_default();
    let folds = o.out.join("folds.json");
    let fold = folds.exists().then(|| {
        let ids: Vec<&str> = scores.iter().map(|s| s.id.as_str()).collect();
        // Ids are unique within a folder (`run` refuses duplicates).
        let row = ids.iter().position(|&id| id == article.id).unwrap_or_default();
        crate::report::read_fold_plan(&folds, &ids)
            .map(|plan| ArticleFold::all(&plan, &ids).swap_remove(row))
            .map_err(|e| e.to_string())
    });
    Ok(InspectOutput {
        article,
        sentences,
        quoted_weight: parameters.and_then(|p| p.classifier).and_then(|c| c.quoted_weight),
        thresholds: (scoring.kremlin_threshold, scoring.western_threshold),
        fold,
    })
}

impl InspectOutput {
    /// The explanation `framescope inspect` prints: the article's scores, what drives them,
    /// up to `top` sentences per side that pull framing_score most toward it
    /// ([`InspectOutput::pulling`]), then up to `top` own-voice and quoted parts per side
    /// past the thresholds; `top` = 0 lists none. Text from the inputs is escaped for a
    /// terminal.
    pub fn explain(&self, top: usize) -> String {
        let (s, sentences) = (&self.article, &self.sentences);
        let mut o = String::new();
        out!(
            o,
            "{}  {}",
            escape(&s.id),
            escape(s.title.as_deref().unwrap_or("(no headline)"))
        );
        if s.outlet.is_some() || s.date.is_some() {
            out!(
                o,
                "outlet: {}  date: {}",
                escape(s.outlet.as_deref().unwrap_or("?")),
                escape(s.date.as_deref().unwrap_or("?"))
            );
        }
        let iv = match (s.score_low, s.score_high) {
            (Some(l), Some(h)) => format!(
                "  95% interval [{}, {}]",
                crate::style::bound(l, 3),
                crate::style::bound(h, 3)
            ),
            _ => String::new(),
        };
        out!(
            o,
            "framing_score {:+.3}{iv}  (+1 Kremlin-sourced, -1 Western-sourced): {}",
            s.framing_score,
            match s.side_or_why() {
                Err(why) => format!("undecided — {}", why.why()),
                Ok(l) => l.as_str().to_string(),
            }
        );
        let e = crate::score::evidence(sentences, self.quoted_weight, s.score_offset);
        let raw = e.iter().sum::<f64>() / e.len().max(1) as f64;
        let what = match self.quoted_weight {
            Some(q) => format!(
                "voice-weighted evidence (own words in full, quoted words' distance from c at {q}) over {} of its {} sentences",
                e.len(),
                sentences.len()
            ),
            None => format!("(2·p_kremlin − 1) over its {} sentences", sentences.len()),
        };
        out!(o,
            "  = mean of {what} ({raw:+.3}) − offset c ({:+.3}, the no-evidence point 2·sigmoid(intercept) − 1 of the classifier that scored it — in a cross-fitted run its fold's, not model.json's: a sentence with no known term scores 0)",
            s.score_offset
        );
        // framing_score = clamp(mean − c, −1, +1): say so where it bites, or the line above and
        // the sentences' shares below add up to more than the score (review V).
        let unclamped = raw - s.score_offset;
        if unclamped.abs() > 1.0 && !e.is_empty() {
            out!(
                o,
                "  = {unclamped:+.3}, past the scale's end: framing_score is clamped to {:+.0} (and its interval's bounds with it); the sentences' shares of the score listed below add up to {unclamped:+.3}",
                unclamped.signum()
            );
        }
        match &self.fold {
            Some(Ok(f)) => {
                out!(o, "  {}", f.describe());
            }
            Some(Err(e)) => {
                out!(o, "  which fold scored it is not known: {}", escape(e));
            }
            None => {}
        }
        let opt = |v: Option<f64>| v.map_or("n/a".to_string(), |v| format!("{v:+.3}"));
        let own_words: usize = sentences.iter().map(|x| x.own_words).sum();
        let quoted_words: usize = sentences.iter().map(|x| x.quoted_words).sum();
        let quoted = match s.quoted_score {
            Some(q) => format!("quoted_score {q:+.3} over {quoted_words} words"),
            None => "none (quoted_score empty)".to_string(),
        };
        out!(
            o,
            "own voice: voice_score {} over {own_words} words; quoted material: {quoted}; own-voice share {}",
            opt(s.voice_score),
            s.own_voice_share
                .map_or("n/a".to_string(), |v| format!("{:.0}%", 100.0 * v)),
        );
        if let Some(note) = voice_note(s) {
            out!(o, "{note}");
        }
        out!(
            o,
            "lede_score {:+.3}  sentences {}  cut lines {}{}",
            s.lede_score,
            s.n_sentences,
            s.n_cut,
            // Scores compare within a language (README › Languages): said beside them.
            match s.lang.as_str() {
                "" => String::new(),
                l => format!("  language {l}"),
            }
        );
        let shares = crate::style::percents([s.share_kremlin, s.share_neutral, s.share_western]);
        out!(
            o,
            "shares of sentences (whole sentences' p_kremlin − c/2 past the thresholds; voice and scare quotes not applied): Kremlin {}%  neutral {}%  Western {}%",
            shares[0],
            shares[1],
            shares[2]
        );
        out!(
            o,
            "lexicon hits: Kremlin {}  Western {}  (net weight {:+.1}, hits as written: scare-quoted and quoted ones count in full for their own side)",
            s.lexicon_hits_kremlin,
            s.lexicon_hits_western,
            s.lexicon_score
        );
        if let Some(why) = disagreement(s, sentences, raw, self.quoted_weight) {
            out!(o, "{why}");
        }
        if let Some(share) = s.compare.own_text_share {
            let own = s
                .compare
                .own_framing_score
                .map_or("n/a (all shared)".into(), |f| format!("{f:+.3}"));
            out!(
                o,
                "own text: {:.0}% of words not shared with another article; own framing {own}",
                100.0 * share
            );
        }
        // The balance with the statements it rests on: 2 of 6 sided is weaker than 6 of 6.
        let sourcing = s.compare.sourcing();
        if sourcing.n_statements == Some(0) {
            out!(o, "sourcing: no statements found");
        } else {
            out!(o, "sourcing: balance {}", sourcing.describe());
        }
        // At the 4 decimals scores.csv writes them with: printed with 3, a contribution read
        // back from the table was rounded twice, and the Python package's explanation (from
        // full precision) differed in the last digit for about half the articles.
        let fmt_terms = |t: &[(String, f64)]| match t.is_empty() {
            // An empty line read as a display fault (review, session 30).
            true => "(none: no term of this article's sentences leans this way in the model)".to_string(),
            false => t
                .iter()
                .map(|(t, w)| format!("{t} ({w:+.4})"))
                .collect::<Vec<_>>()
                .join(", "),
        };
        out!(
            o,
            "top Kremlin terms (weight × tf-idf over whole sentences, as written): {}",
            fmt_terms(&s.top_terms_kremlin)
        );
        out!(o, "top Western terms (the same): {}", fmt_terms(&s.top_terms_western));
        if top == 0 {
            out!(o, "\n(no sentence lists: --top 0)");
            return o;
        }
        self.pull_lists(&mut o, top);
        let (kt, wt) = self.thresholds;
        let (ge, le) = match s.score_offset {
            0.0 => (format!("p ≥ {kt:.2}"), format!("p ≤ {wt:.2}")),
            _ => (format!("p − c/2 ≥ {kt:.2}"), format!("p − c/2 ≤ {wt:.2}")),
        };
        let list = |o: &mut String, title: &str, p: &dyn Fn(&SentenceScore) -> Option<f64>| {
            let (ks, ws) = self.framed(top, p);
            out!(o, "\nmost Kremlin-framed {title} ({ge}):");
            if ks.is_empty() {
                out!(o, "  none past the threshold");
            }
            ks.iter().for_each(|x| o.push_str(&sentence_line(x.0, x.1, x.2)));
            out!(o, "most Western-framed {title} ({le}):");
            if ws.is_empty() {
                out!(o, "  none past the threshold");
            }
            ws.iter().for_each(|x| o.push_str(&sentence_line(x.0, x.1, x.2)));
        };
        list(&mut o, "own-voice parts", &|x| x.p_own);
        list(&mut o, "quoted parts", &|x| x.p_quoted);
        o
    }

    /// The sentences [`InspectOutput::explain`] lists for one p of theirs (it lists the
    /// parts, `p_own` and `p_quoted`; by `p_kremlin` a sentence's list is not what the score
    /// counts, see [`InspectOutput::pulling`]; `None` leaves a sentence out): up to `top` whose p − c/2 is at
    /// or past the Kremlin threshold, strongest first, and up to `top` at or past the Western
    /// one, strongest first; ties in text order for Kremlin, reverse text order for Western.
    /// Each as (sentence, p, p − c/2). Only sentences past the thresholds are listed: one
    /// inside the neutral band is neither. Thresholds apply to p − c/2, p measured from the
    /// no-evidence point (as the shares and the score are), so a sentence with no known term
    /// is never "most framed".
    pub fn framed(&self, top: usize, p: &dyn Fn(&SentenceScore) -> Option<f64>) -> (Vec<Listed<'_>>, Vec<Listed<'_>>) {
        let ((kt, wt), c) = (self.thresholds, self.article.score_offset);
        let mut k: Vec<Listed<'_>> = self
            .sentences
            .iter()
            .filter_map(|x| p(x).map(|p| (x, p, crate::score::centred_p(p, c))))
            .collect();
        k.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.index.cmp(&y.0.index)));
        let ks = k.iter().filter(|x| x.2 >= kt).take(top).copied().collect();
        let ws = k.iter().rev().filter(|x| x.2 <= wt).take(top).copied().collect();
        (ks, ws)
    }
}

/// A sentence [`InspectOutput::framed`] lists: the row, its p, and p − c/2.
pub type Listed<'a> = (&'a SentenceScore, f64, f64);

/// One listed sentence: index, p (and p − c/2 when the offset c is not 0), voice, text and
/// lexicon hits, ending in a newline.
fn sentence_line(x: &SentenceScore, p: f64, centred: f64) -> String {
    let p = match centred == p {
        true => format!("p={p:.3}"),
        false => format!("p={p:.3} (− c/2: {centred:.3})"),
    };
    format!(
        "  #{:<3} {p}  ({})  {}{}\n",
        x.index,
        x.voice,
        escape(&x.text),
        escape(&hits(x))
    )
}

/// A sentence's lexicon hits as `  [K:…, W:…]`, or nothing.
fn hits(x: &SentenceScore) -> String {
    let hits = x
        .kremlin_hits
        .iter()
        .map(|h| format!("K:{h}"))
        .chain(x.western_hits.iter().map(|h| format!("W:{h}")))
        .collect::<Vec<_>>()
        .join(", ");
    match hits.is_empty() {
        true => hits,
        false => format!("  [{hits}]"),
    }
}

/// A note when the outlet's own words lean one side clearly (|voice_score| ≥ 0.2) and
/// framing_score does not lean with them (the other sign, or within 0.1 of 0): what it
/// quotes carries the score, and quotations count once per sentence, so a long quotation of
/// the other side split into many sentences can outweigh the outlet's own framing (review L,
/// session 52: a Kremlin outlet quoting Zelenskyy at length, voice_score +0.450, scored
/// +0.013). `None` otherwise.
fn voice_note(s: &ArticleScore) -> Option<String> {
    let (v, f) = (s.voice_score?, s.framing_score);
    let side = |x: f64| if x > 0.0 { "Kremlin" } else { "Western" };
    (s.quoted_score.is_some() && v.abs() >= 0.2 && (f * v < 0.0 || f.abs() < 0.1)).then(|| {
        format!(
            "note: the outlet's own words lean {} (voice_score {v:+.3}) but framing_score ({f:+.3}) does not follow them: what it quotes carries the score (each quoted sentence counts as one, its words at the quoted weight); read voice_score for the outlet's own framing",
            side(v)
        )
    })
}

/// When the lexicon's net weight and the classifier's score point to different sides, say
/// so and say what drives the score.
fn disagreement(s: &ArticleScore, sentences: &[SentenceScore], raw: f64, q: Option<f64>) -> Option<String> {
    let lex = s.lexicon_score;
    if lex == 0.0 || s.framing_score == 0.0 || (lex > 0.0) == (s.framing_score > 0.0) {
        return None;
    }
    let side = |v: f64| if v > 0.0 { "Kremlin" } else { "Western" };
    // Hits in scare quotes count for the other side in the score (the outlet distancing
    // itself from the words), as written in the net weight: where such sentences carry the
    // net weight's lean, they, not the classifier, are why the two disagree (review, session
    // 31: `so-called "denazification"` scored Western beside a net weight of +5.0, and the
    // explanation named only the classifier's terms).
    let turned: Vec<&SentenceScore> = sentences
        .iter()
        .filter(|x| x.lexicon_score != 0.0 && x.voice_spans.contains("scare"))
        .filter(|x| {
            crate::score::sentence_evidence(x, q, s.score_offset)
                .is_some_and(|e| e != 0.0 && (e > 0.0) != (x.lexicon_score > 0.0))
        })
        .collect();
    let scare = if turned.is_empty() {
        String::new()
    } else {
        let w: f64 = turned.iter().map(|x| x.lexicon_score).sum();
        let ids = turned
            .iter()
            .map(|x| format!("#{}", x.index))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            " {} sentence(s) ({ids}) hold their lexicon hits in scare quotes (so-called \"…\": the outlet distancing itself from the words), which the score counts for the other side and the net weight as written: they add {w:+.1} to the net weight, which is {:+.1} without them.",
            turned.len(),
            lex - w
        )
    };
    let leans = match s.side_or_why() {
        Err(crate::score::Undecided::Interval) => format!(
            "is on the {} side of 0 (undecided: its interval contains 0)",
            side(s.framing_score)
        ),
        Err(crate::score::Undecided::TooFew) => format!(
            "is on the {} side of 0 (undecided: fewer than four sentences count, so its interval is the whole scale)",
            side(s.framing_score)
        ),
        Err(crate::score::Undecided::NoInterval) => format!(
            "is on the {} side of 0 (undecided: no interval, --bootstrap 0)",
            side(s.framing_score)
        ),
        Err(crate::score::Undecided::NoSentence) => format!(
            "is on the {} side of 0 (undecided: no sentence is past that side's threshold, as written or as the score weighs it)",
            side(s.framing_score)
        ),
        Ok(_) => format!("leans {}", side(s.framing_score)),
    };
    // The sign can come from the offset alone: the mean evidence on one side of 0, the
    // score (mean − c) on the other.
    let offset = if raw != 0.0 && (raw > 0.0) != (s.framing_score > 0.0) {
        format!(
            " Its sign comes from the offset: the mean evidence {raw:+.3} leans {}, and subtracting c ({:+.3}, the scoring classifier's no-evidence point) carries it across 0.",
            side(raw),
            s.score_offset
        )
    } else {
        String::new()
    };
    let no_hits = sentences
        .iter()
        .filter(|x| x.kremlin_hits.is_empty() && x.western_hits.is_empty())
        .count();
    let terms = |t: &[(String, f64)]| {
        t.iter()
            .take(3)
            .map(|(t, w)| format!("{t} ({w:+.4})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(format!(
        "the lexicon and the classifier disagree: the lexicon's net weight {lex:+.1} points {} but framing_score {:+.3} {leans}.{scare}{offset} \
The classifier weighs every term it learned, not only lexicon entries, and averages over all {} sentences, \
{no_hits} of them with no lexicon hit. The classifier's strongest terms here (weight × tf-idf over whole sentences, \
quoted words at full weight, though the score weighs them at q): Kremlin-side {}; Western-side {}; \
the sentences that pull the score most, as the score counts them, are listed below.",
        side(lex),
        s.framing_score,
        sentences.len(),
        terms(&s.top_terms_kremlin),
        terms(&s.top_terms_western),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Review findings (session 33): an id given as its file, or mistyped, found nothing
    /// like it; only substrings were suggested.
    #[test]
    fn an_article_is_found_by_its_file_and_a_near_miss_is_suggested() {
        let rows: Vec<ArticleRow> = ["kremlin_tass_23", "kremlin_tass_03", "western_ap_02", "x.txt"]
            .iter()
            .map(|id| {
                ArticleRow::from(ArticleScore {
                    id: id.to_string(),
                    ..Default::default()
                })
            })
            .collect();
        let found = |id: &str| find_article(&rows, id).map(|a| a.id.clone());
        assert_eq!(found("kremlin_tass_23.txt").as_deref(), Some("kremlin_tass_23"));
        assert_eq!(
            found("/data/labeled/kremlin_tass_23.txt").as_deref(),
            Some("kremlin_tass_23")
        );
        assert_eq!(
            found("x.txt").as_deref(),
            Some("x.txt"),
            "an id that is a file name wins"
        );
        assert_eq!(found("kremlin_tass_2"), None);
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(near_ids(&ids, "TASS_23"), ["kremlin_tass_23"], "ignoring case");
        // Levenshtein: tas→tass is 1 edit, 03 two more; both within 15 / 4 = 3.
        assert_eq!(near_ids(&ids, "kremlin_tas_23"), ["kremlin_tass_23", "kremlin_tass_03"]);
        assert!(near_ids(&ids, "reuters").is_empty());
    }

    fn article(framing_score: f64, low: f64, high: f64, c: f64) -> ArticleScore {
        ArticleScore {
            framing_score,
            score_low: Some(low),
            score_high: Some(high),
            score_offset: c,
            lexicon_score: -2.0,
            // A sentence past each side's threshold: the interval alone decides here.
            share_kremlin: 0.2,
            share_western: 0.2,
            ..Default::default()
        }
    }

    #[test]
    fn an_undecided_score_is_not_said_to_lean_and_a_sign_from_the_offset_is_named() {
        // Raw mean −0.026, c = −0.052: framing_score = −0.026 − (−0.052) = +0.026.
        let s = article(0.026, -0.05, 0.1, -0.052);
        let why = disagreement(&s, &[], -0.026, Some(0.5)).unwrap();
        assert!(
            why.contains("framing_score +0.026 is on the Kremlin side of 0 (undecided"),
            "{why}"
        );
        assert!(!why.contains("leans Kremlin"), "{why}");
        assert!(why.contains("the mean evidence -0.026 leans Western"), "{why}");
        assert!(why.contains("subtracting c (-0.052"), "{why}");
        // Decided, and the mean already on the score's side: no offset sentence.
        let s = article(0.3, 0.1, 0.5, 0.0);
        let why = disagreement(&s, &[], 0.3, Some(0.5)).unwrap();
        assert!(why.contains("framing_score +0.300 leans Kremlin."), "{why}");
        assert!(!why.contains("offset"), "{why}");
        // Lexicon and score on one side: nothing to explain.
        assert!(disagreement(&article(-0.3, -0.5, -0.1, 0.0), &[], -0.3, Some(0.5)).is_none());
        // The interval off 0 but no sentence past the Kremlin threshold: undecided, said why.
        let s = ArticleScore {
            share_kremlin: 0.0,
            ..article(0.3, 0.1, 0.5, 0.0)
        };
        let why = disagreement(&s, &[], 0.3, Some(0.5)).unwrap();
        assert!(
            why.contains(
                "(undecided: no sentence is past that side's threshold, as written or as the score weighs it)"
            ),
            "{why}"
        );
    }

    #[test]
    fn framed_lists_sentences_past_the_thresholds_on_p_minus_half_the_offset() {
        // c = 0.2, so p − c/2 = p − 0.1: 0.75 → 0.65 (Kremlin), 0.68 → 0.58 (neutral),
        // 0.52 → 0.42 (neutral), 0.45 → 0.35 and 0.3 → 0.2 (Western).
        let sentences = [0.75, 0.68, 0.52, 0.45, 0.3]
            .iter()
            .enumerate()
            .map(|(index, &p_kremlin)| SentenceScore {
                index,
                p_kremlin,
                ..Default::default()
            })
            .collect();
        let o = InspectOutput {
            article: ArticleScore {
                score_offset: 0.2,
                ..Default::default()
            }
            .into(),
            sentences,
            quoted_weight: None,
            thresholds: (0.6, 0.4),
            fold: None,
        };
        let (k, w) = o.framed(3, &|x| Some(x.p_kremlin));
        let at = |l: &[Listed<'_>]| {
            l.iter()
                .map(|x| (x.0.index, x.1, (x.2 * 100.0).round()))
                .collect::<Vec<_>>()
        };
        assert_eq!(at(&k), [(0, 0.75, 65.0)]);
        assert_eq!(at(&w), [(4, 0.3, 20.0), (3, 0.45, 35.0)]);
        // `top` caps each side; no p: nothing listed.
        assert_eq!(at(&o.framed(1, &|x| Some(x.p_kremlin)).1), [(4, 0.3, 20.0)]);
        assert!(o.framed(3, &|x| x.p_own).0.is_empty());
    }

    fn voiced(
        index: usize,
        p: f64,
        own: (usize, Option<f64>),
        quoted: (usize, Option<f64>),
        spans: &str,
    ) -> SentenceScore {
        SentenceScore {
            index,
            p_kremlin: p,
            own_words: own.0,
            p_own: own.1,
            quoted_words: quoted.0,
            p_quoted: quoted.1,
            voice: if quoted.0 > 0 { "mixed" } else { "own" }.into(),
            voice_spans: spans.into(),
            text: format!("sentence {index}"),
            ..Default::default()
        }
    }

    /// Review finding (session 19): "scare quotes flipped" was printed for every sentence
    /// with a scare quote, also where no scare-quoted term had a weight (p_own = p).
    #[test]
    fn a_flip_is_claimed_only_where_it_shows() {
        let o = InspectOutput {
            article: ArticleScore::default().into(),
            sentences: vec![
                voiced(0, 0.8, (10, Some(0.8)), (0, None), "3-9 scare"),
                voiced(1, 0.8, (10, Some(0.1)), (0, None), "3-9 scare"),
                voiced(2, 0.8, (6, Some(0.9)), (4, Some(0.7)), "3-9 scare; 20-40 quote"),
            ],
            quoted_weight: Some(0.5),
            thresholds: (0.6, 0.4),
            fold: None,
        };
        let text = o.explain(3);
        let line = |i: usize| {
            text.lines()
                .find(|l| l.starts_with(&format!("  #{i} ")))
                .unwrap()
                .to_string()
        };
        assert!(
            line(0).contains("p_own=0.800 (10 own words, scare quotes: no term flipped)"),
            "{text}"
        );
        assert!(
            line(1).contains("p_own=0.100 (10 own words, scare quotes flipped)"),
            "{text}"
        );
        assert!(
            line(2).contains("p_own=0.900 (6 own words, with scare quotes)"),
            "{text}"
        );
        // No quoted_score (the article's row has none): said once, without "over 0 words".
        assert!(
            text.contains("quoted material: none (quoted_score empty); own-voice share"),
            "{text}"
        );
    }

    /// Review finding (session 31): when scare-quoted hits carry the net weight's lean, the
    /// disagreement names them and the net weight without them.
    #[test]
    fn scare_quoted_hits_are_named_as_why_the_lexicon_and_the_score_disagree() {
        // Net weight +5.0 (article row), the score Western. Sentence 1: +3.0 in scare quotes,
        // own voice Western (p_own 0.2: e = −0.6). Sentence 2: +2.0 plain, e = +0.6. Sentence
        // 3: scare quotes whose hits the score keeps on their side (e = +0.2): not named.
        let mut s1 = voiced(1, 0.8, (10, Some(0.2)), (0, None), "3-9 scare");
        s1.lexicon_score = 3.0;
        let mut s2 = voiced(2, 0.8, (10, Some(0.8)), (0, None), "");
        s2.lexicon_score = 2.0;
        let mut s3 = voiced(3, 0.6, (10, Some(0.6)), (0, None), "1-4 scare");
        s3.lexicon_score = 1.0;
        let a = ArticleScore {
            framing_score: -0.2,
            score_low: Some(-0.4),
            score_high: Some(-0.1),
            lexicon_score: 5.0,
            ..Default::default()
        };
        let why = disagreement(&a, &[s1, s2, s3], -0.2, Some(0.5)).unwrap();
        assert!(
            why.contains("1 sentence(s) (#1) hold their lexicon hits in scare quotes"),
            "{why}"
        );
        assert!(
            why.contains("they add +3.0 to the net weight, which is +2.0 without them."),
            "{why}"
        );
        // Without scare quotes nothing is said of them.
        let plain = disagreement(&a, &[], -0.2, Some(0.5)).unwrap();
        assert!(!plain.contains("scare"), "{plain}");
    }

    /// Review finding (session 22): the balance was printed without the statements it rests
    /// on, so −1.00 from 2 of 6 read as strong as from 6 of 6.
    #[test]
    fn the_sourcing_balance_is_printed_with_its_coverage() {
        let explain = |compare: crate::compare::ComparatorColumns| {
            InspectOutput {
                article: crate::compare::ArticleRow {
                    score: ArticleScore::default(),
                    compare,
                },
                sentences: vec![],
                quoted_weight: None,
                thresholds: (0.6, 0.4),
                fold: None,
            }
            .explain(0)
        };
        let text = explain(crate::compare::ComparatorColumns {
            n_statements: Some(6),
            n_attributed: 2,
            sourced_kremlin: Some(0.0),
            sourced_western: Some(1.0),
            sourced_ukraine: Some(0.0),
            sourcing_balance: Some(-1.0),
            ..Default::default()
        });
        assert!(
            text.contains("\nsourcing: balance -1.00 (2 of 6 statements sided: Kremlin 0, Western 2, Ukraine 0)\n"),
            "{text}"
        );
        let text = explain(crate::compare::ComparatorColumns {
            n_statements: Some(0),
            ..Default::default()
        });
        assert!(text.contains("\nsourcing: no statements found\n"), "{text}");
        // A row without the column (an older DataFrame given to Python's `explain`) does
        // not read as full coverage.
        let text = explain(crate::compare::ComparatorColumns {
            n_attributed: 2,
            sourced_western: Some(1.0),
            sourcing_balance: Some(-1.0),
            ..Default::default()
        });
        assert!(
            text.contains("(2 statements sided (statements found: not recorded): Kremlin 0, Western 2, Ukraine 0)"),
            "{text}"
        );
    }

    #[test]
    fn sentences_are_listed_by_what_they_add_to_the_score_not_by_p_kremlin() {
        // c = −0.06. #0: p 0.80 but scare quotes flip its own voice to p_own 0.07:
        // e = −0.86, e − c = −0.80 (pulls Western). #1: own 0.70, e − c = 0.46. #2: 6 own
        // words at 0.99 (0.98) and 4 quoted at 0.1 (−0.8), the quoted ones' distance from c
        // weighted ½: e − c = [6·1.04 + ½·4·(−0.74)] / 10 = (6.24 − 1.48) / 10 = 0.476.
        // #3: no words, not counted.
        let o = InspectOutput {
            article: ArticleScore {
                score_offset: -0.06,
                ..Default::default()
            }
            .into(),
            sentences: vec![
                voiced(0, 0.8, (10, Some(0.07)), (0, None), "3-9 scare"),
                voiced(1, 0.7, (5, Some(0.7)), (0, None), ""),
                voiced(2, 0.6, (6, Some(0.99)), (4, Some(0.1)), "20-40 quote"),
                voiced(3, 0.9, (0, None), (0, None), ""),
            ],
            quoted_weight: Some(0.5),
            thresholds: (0.6, 0.4),
            fold: None,
        };
        let (k, w) = o.pulling(3);
        let at = |l: &[Pull<'_>]| {
            l.iter()
                .map(|x| (x.sentence.index, (x.pull * 1000.0).round()))
                .collect::<Vec<_>>()
        };
        assert_eq!(at(&k), [(2, 476.0), (1, 460.0)]);
        assert_eq!(at(&w), [(0, -800.0)]);
        assert_eq!(o.pulls().len(), 3);
        let text = o.explain(3);
        let toward = |side: &str| {
            let from = text.find(&format!("pulling most toward {side}")).unwrap();
            text[from..].lines().nth(1).unwrap().to_string()
        };
        assert!(
            toward("Western").starts_with(
                "  #0   e − c=-0.800 (-0.267 of the score)  p=0.800  p_own=0.070 (10 own words, scare quotes flipped)"
            ),
            "{text}"
        );
        assert!(
            toward("Kremlin")
                .contains("p=0.600  p_own=0.990 (6 own words)  p_quoted=0.100 (4 quoted words at 0.5)  (mixed)"),
            "{text}"
        );
        assert!(text.contains("pulling most toward Kremlin (e − c ≥ +0.20):"), "{text}");
        assert!(
            text.contains("(the mean of e − c over 3 sentences; e − c = the mean over the sentence's words of their distance from c: own words' 2·p_own − 1 − c"),
            "{text}"
        );
        // By p_kremlin alone #0 would have headed the Kremlin list.
        assert_eq!(o.framed(1, &|x| Some(x.p_kremlin)).0[0].0.index, 3);
        // --top 0: no lists, said so.
        let none = o.explain(0);
        assert!(
            none.ends_with("\n(no sentence lists: --top 0)\n") && !none.contains("none past"),
            "{none}"
        );
        // Without the voice weighting (a folder before it): e = 2p − 1, no parts shown.
        let plain = InspectOutput {
            quoted_weight: None,
            ..o
        };
        let (k, w) = plain.pulling(3);
        assert_eq!(at(&k), [(3, 860.0), (0, 660.0), (1, 460.0)]);
        assert!(w.is_empty());
        assert!(!plain.explain(3).contains("p_own=0.070"));
    }

    /// Review V: a score past the scale's end is clamped, and its explanation said so nowhere:
    /// the mean − c and the sentences' shares added up to more than the score printed.
    #[test]
    fn a_clamped_score_says_what_its_parts_add_up_to() {
        // c = −0.2; four sentences in own voice, p_own 0.99: e = 0.98 each, mean − c = 1.18,
        // each sentence's share (e − c)/4 = 0.295; framing_score clamped to +1.
        let o = |c: f64, score: f64| InspectOutput {
            article: ArticleScore {
                score_offset: c,
                framing_score: score,
                ..Default::default()
            }
            .into(),
            sentences: (0..4)
                .map(|i| voiced(i, 0.99, (5, Some(0.99)), (0, None), ""))
                .collect(),
            quoted_weight: Some(0.5),
            thresholds: (0.6, 0.4),
            fold: None,
        };
        let text = o(-0.2, 1.0).explain(3);
        assert!(
            text.contains("= +1.180, past the scale's end: framing_score is clamped to +1")
                && text.contains("listed below add up to +1.180")
                && text.contains("e − c=+1.180 (+0.295 of the score)"),
            "{text}"
        );
        // Inside the scale (c = +0.1: 0.88): no such line.
        assert!(!o(0.1, 0.88).explain(3).contains("past the scale's end"));
    }

    /// Review L (session 52): an op-ed built on negation was listed with no word of warning.
    #[test]
    fn listed_sentences_that_negate_a_lexicon_hit_are_named() {
        let with = |index: usize, p: f64, text: &str, hit: &str| SentenceScore {
            text: text.into(),
            kremlin_hits: hit.split_terminator('|').map(String::from).collect(),
            ..voiced(index, p, (8, Some(p)), (0, None), "")
        };
        let o = InspectOutput {
            article: ArticleScore::default().into(),
            sentences: vec![
                with(
                    0,
                    0.9,
                    "This is not a special military operation but a war.",
                    "special military operation",
                ),
                with(
                    1,
                    0.9,
                    "The special military operation goes on.",
                    "special military operation",
                ),
                // A negation without a hit, and one past no threshold: not named.
                with(2, 0.1, "Nobody will not see it.", ""),
                with(3, 0.52, "It is not purely defensive.", "purely defensive"),
            ],
            quoted_weight: Some(0.5),
            thresholds: (0.6, 0.4),
            fold: None,
        };
        let text = o.explain(3);
        let note = text.lines().find(|l| l.starts_with("note: ")).unwrap_or_default();
        assert!(
            note.starts_with("note: #0 (\"not\") of these hold a negation"),
            "{text}"
        );
        assert!(
            !note.contains("#1") && !note.contains("#2") && !note.contains("#3"),
            "{text}"
        );
        // None negated: no note.
        let plain = InspectOutput {
            sentences: vec![with(
                1,
                0.9,
                "The special military operation goes on.",
                "special military operation",
            )],
            ..o
        };
        assert!(!plain.explain(3).contains("negation"));
    }

    /// Review L (session 52): a long quotation of the other side outweighed the outlet's
    /// own words with no word of it in `inspect`.
    #[test]
    fn own_words_that_lean_where_the_score_does_not_are_named() {
        let a = |f: f64, v: Option<f64>, q: Option<f64>| ArticleScore {
            framing_score: f,
            voice_score: v,
            quoted_score: q,
            ..Default::default()
        };
        let note = voice_note(&a(0.013, Some(0.45), Some(-0.28))).unwrap();
        assert!(
            note.contains("lean Kremlin (voice_score +0.450) but framing_score (+0.013)"),
            "{note}"
        );
        assert!(voice_note(&a(0.3, Some(-0.25), Some(0.9)))
            .unwrap()
            .contains("lean Western"));
        // The score follows the own words, they lean little, or nothing is quoted: no note.
        assert!(voice_note(&a(0.2, Some(0.45), Some(-0.28))).is_none());
        assert!(voice_note(&a(-0.05, Some(0.15), Some(-0.28))).is_none());
        assert!(voice_note(&a(0.0, Some(0.45), None)).is_none());
    }

    /// The fold of each article and its line, from a hand-written folds.json: by row order
    /// (fold = row mod 3, a copy in its original's, fold 2 fallen back) and by id (keys mod 3
    /// from Python's hashlib: `a` 1, `б` 2, `` 1; `002` copies `б`).
    #[test]
    fn folds_are_named_from_folds_json() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("folds.json");
        let file = |by: &str, copies: &str| {
            format!(
                r#"{{"folds":3,"assignment":"","assigned_by":"{by}","fallback_folds":[2],"copies":{copies},"classifiers":[{{"fold":0,"intercept":0,"training_rows":9,"weights":[]}},{{"fold":1,"intercept":0,"training_rows":7,"weights":[["x",1.0]]}}]}}"#
            )
        };
        std::fs::write(&p, file("order", "[[4,1]]")).unwrap();
        let ids = ["a", "b", "c", "d", "e", "f"];
        let plan = crate::report::read_fold_plan(&p, &ids).unwrap();
        let all = ArticleFold::all(&plan, &ids);
        let at = |f: &ArticleFold| (f.fold, f.articles, f.training_rows, f.copy_of.clone());
        let b = Some("b".to_string());
        assert_eq!(
            all.iter().map(at).collect::<Vec<_>>(),
            [
                (0, 2, Some(9), None),
                (1, 2, Some(7), None),
                (2, 2, None, None),
                (0, 2, Some(9), None),
                (1, 2, Some(7), b),
                (2, 2, None, None)
            ]
        );
        assert_eq!(
            all[4].describe(),
            "scored by the classifier of fold 1, the fold of `b`, which it copies (3 folds, by row order), fitted on 7 training rows without the sentences of this fold's 2 articles, this one among them"
        );
        assert_eq!(
            all[2].describe(),
            "in fold 2 (3 folds, by row order), whose training rows had one side only: scored by the model's classifier"
        );
        std::fs::write(&p, file("id", "[[3,1]]")).unwrap();
        let ids = ["a", "б", "", "002"];
        let plan = crate::report::read_fold_plan(&p, &ids).unwrap();
        let all = ArticleFold::all(&plan, &ids);
        assert_eq!(
            all.iter().map(|f| (f.fold, f.articles)).collect::<Vec<_>>(),
            [(1, 2), (2, 2), (1, 2), (2, 2)]
        );
        assert!(all[0].describe().contains("fold 1 (3 folds, by article id), fitted on 7 training rows without the sentences of this fold's 2 articles"));
        // A run in one fold per article says "its own sentences".
        let one = ArticleFold {
            articles: 1,
            ..all[0].clone()
        };
        assert!(
            one.describe().ends_with("without its own sentences"),
            "{}",
            one.describe()
        );
        // A file that names no ids for folds by id is refused with the reason.
        std::fs::write(&p, file("rows", "[]")).unwrap();
        let e = crate::report::read_fold_plan(&p, &ids).unwrap_err().to_string();
        assert!(e.contains("`assigned_by` is `rows`"), "{e}");
    }
}
