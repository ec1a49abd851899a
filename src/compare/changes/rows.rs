//! `diff.csv` rows (one serde struct, one `kind` per row) and the "what changed" summary
//! printed by `diff` and `run --compare-to`.

use super::{ArticleExplanation, Changes, TermGroup, MOVED_EPS};
use serde::{Deserialize, Serialize};

/// The columns of `diff.csv`, in order (the fields of [`DiffRow`]).
/// One row of `diff.csv` (its columns are these fields). Numbers are written with 6
/// decimals; empty when absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffRow {
    /// `lexicon_added|removed|reweighted`, `seed_added|removed|edited|renamed`, `param`, `weakness`, `training`,
    /// `article`, `offset`, `sentence`, `terms`, `weight` or `note`.
    pub kind: String,
    /// Lexicon phrase, article id, parameter or statistic name, `article_id#index`, or term.
    pub key: String,
    /// Lexicon side; for `terms` rows the side the group moved towards; for `article` rows
    /// the side it leans to (`kremlin`, `western`, `undecided`), `old → new` when it changed.
    pub side: String,
    pub old: String,
    pub new: String,
    pub change: String,
    /// Article headline; a sentence's text; the sentence a `terms` group comes from; a note.
    pub title: String,
    /// `sentence`: the terms that pushed it (`term:push; …`); `terms`: the folded terms
    /// (`term:change; …`); `weight`: the group it is folded under; `seed_*`: digests
    /// (`seed_renamed`: the ids, `old → new`);
    /// `article`: its 95% intervals, `[low, high] → [low, high]`.
    pub detail: String,
    /// `article` and `sentence`: what moved it (`kind:key; …`, strongest first).
    pub causes: String,
}

use crate::report::{f6, o6};

fn row(kind: &str, key: &str) -> DiffRow {
    DiffRow {
        kind: kind.into(),
        key: key.into(),
        side: String::new(),
        old: String::new(),
        new: String::new(),
        change: String::new(),
        title: String::new(),
        detail: String::new(),
        causes: String::new(),
    }
}

fn nums(mut r: DiffRow, old: Option<f64>, new: Option<f64>) -> DiffRow {
    r.old = o6(old);
    r.new = o6(new);
    r.change = o6(old.zip(new).map(|(o, n)| n - o));
    r
}

/// [`nums`] for a training statistic: a change that six decimals do not show (a final
/// gradient norm of 3e-8 against 5e-9, written `0.000000 → 0.000000` yet listed as changed;
/// review, session 48) is written in exponent form, to seven significant digits.
fn stat_nums(r: DiffRow, old: Option<f64>, new: Option<f64>) -> DiffRow {
    let mut r = nums(r, old, new);
    if old != new && r.old == r.new {
        let e = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.6e}"));
        r.old = e(old);
        r.new = e(new);
        r.change = e(old.zip(new).map(|(o, n)| n - o));
    }
    r
}

/// A `terms` row's `title` for the terms of one training sentence the diff did not read.
pub const ONE_SENTENCE_UNREAD: &str =
    "(terms of one training sentence, not among those read: the diff reads the sentences of the --top movers and of edited training articles)";

/// Terms shown in a group's `detail`.
const MEMBERS_SHOWN: usize = 12;

/// Every row of `diff.csv`: notes, lexicon, training articles, training statistics, articles
/// (by |change|), the explained articles' sentences, term groups (by largest change), then
/// every changed term.
pub fn diff_rows(c: &Changes) -> Vec<DiffRow> {
    let mut out = Vec::new();
    for n in &c.notes {
        let mut r = row("note", "");
        r.title = n.clone();
        out.push(r);
    }
    for l in &c.lexicon {
        let mut r = nums(row(l.kind(), &l.phrase), l.old_weight, l.new_weight);
        r.side = l.side.as_str().into();
        out.push(r);
    }
    for i in &c.inputs {
        let mut r = row(i.kind.as_str(), &i.id);
        // No digest (an added or removed article) is an en dash: a leading "-" would make
        // the CSV formula guard write the cell as "'- → 1b61…".
        r.detail = match &i.old_id {
            // The same digest before and after: the ids are what changed.
            Some(was) => format!("{was} → {}", i.id),
            None => format!(
                "{} → {}",
                i.old_digest.as_deref().unwrap_or("–"),
                i.new_digest.as_deref().unwrap_or("–")
            ),
        };
        out.push(r);
    }
    for p in &c.params {
        let mut r = row("param", &p.name);
        r.old = p.old.clone();
        r.new = p.new.clone();
        out.push(r);
    }
    for w in &c.weaknesses {
        let mut r = row("weakness", &w.about);
        r.old = w.old.clone().unwrap_or_default();
        r.new = w.new.clone().unwrap_or_default();
        r.title = weakness_words(w);
        out.push(r);
    }
    for s in &c.training {
        out.push(stat_nums(row("training", &s.name), s.old, s.new));
    }
    for a in &c.articles {
        let mut r = nums(row("article", &a.id), a.old, a.new);
        r.title = a.title.clone().unwrap_or_default();
        // Its side after (`old → new` when it changed) and its 95% intervals: a move is read
        // against them, and a change of side is what a reader looks for first (review,
        // session 35: two articles changed side and nothing said so).
        r.side = match (a.old_standing, a.new_standing) {
            (Some(o), Some(n)) if o.side() != n.side() => format!("{} → {}", o.side(), n.side()),
            (o, n) => n.or(o).map_or(String::new(), |s| s.side().to_string()),
        };
        let interval = |s: Option<crate::compare::diff::Standing>| {
            s.and_then(|s| s.interval)
                .map_or("–".to_string(), |(l, h)| format!("[{}, {}]", f6(l), f6(h)))
        };
        if a.old_standing.is_some() || a.new_standing.is_some() {
            r.detail = format!("{} → {}", interval(a.old_standing), interval(a.new_standing));
        }
        if let Some(e) = c.explained.iter().find(|e| e.article.id == a.id) {
            r.causes = causes(e.causes.iter().map(|c| c.label.as_str()));
        } else if c.models_compared && a.change().is_some_and(|x| x.abs() > super::MOVED_EPS) {
            // Traced only for the `--top` articles that moved most (each reads its sentences
            // from both runs); a moved article past them says so rather than show no cause.
            // A setting that differs moves every score, so it is still named.
            // The article's own edit (a seed edited, added) is known without tracing.
            let own = c
                .inputs
                .iter()
                .filter(|i| i.id == a.id && i.kind != super::InputKind::Renamed)
                .map(|i| i.label());
            let params = super::framing_params(&c.params)
                .into_iter()
                .map(|p| format!("param:{}", p.name));
            r.causes = own
                .chain(params)
                .chain(["untraced:beyond-top".to_string()])
                .collect::<Vec<_>>()
                .join("; ");
        }
        out.push(r);
    }
    for e in &c.explained {
        if let Some(&(o, n)) = c.offsets.get(&e.article.id).filter(|(o, n)| o != n) {
            out.push(nums(row("offset", &e.article.id), Some(o), Some(n)));
        }
        for s in &e.sentences {
            let mut r = nums(row("sentence", &format!("{}#{}", s.article_id, s.index)), s.old, s.new);
            r.title = s.text.clone();
            r.detail = s
                .terms
                .iter()
                .map(|(t, p)| format!("{t}:{}", f6(*p)))
                .collect::<Vec<_>>()
                .join("; ");
            r.causes = causes(s.causes.iter().map(|c| c.label.as_str()));
            out.push(r);
        }
    }
    for g in &c.terms {
        let mut r = nums(row("terms", &g.head), Some(g.old), Some(g.new));
        r.side = toward(g).into();
        r.title = g
            .sentence
            .as_ref()
            .map(|s| format!("{}#{}: {}", s.article_id, s.index, s.text))
            // Terms of one sentence the diff did not read: said, not left blank (review,
            // session 35: an empty "from" cell).
            .or_else(|| g.one_sentence.then(|| ONE_SENTENCE_UNREAD.to_string()))
            .unwrap_or_default();
        r.detail = members(g, MEMBERS_SHOWN);
        out.push(r);
    }
    let head_of: std::collections::BTreeMap<&str, &str> = c
        .terms
        .iter()
        .flat_map(|g| g.members.iter().map(move |m| (m.term.as_str(), g.head.as_str())))
        .collect();
    for w in &c.weights {
        let mut r = nums(row("weight", &w.term), Some(w.old), Some(w.new));
        r.detail = head_of.get(w.term.as_str()).map_or_else(String::new, |h| h.to_string());
        out.push(r);
    }
    out
}

fn causes<'a>(labels: impl Iterator<Item = &'a str>) -> String {
    labels.collect::<Vec<_>>().join("; ")
}

/// The side a group moved towards: that of its head's change (the change its row shows).
pub fn toward(g: &TermGroup) -> &'static str {
    let c = g.change();
    if c > 0.0 {
        "kremlin"
    } else if c < 0.0 {
        "western"
    } else {
        ""
    }
}

/// `term:+0.123; …` for the first `n` members, and how many more.
pub fn members(g: &TermGroup, n: usize) -> String {
    let mut s: Vec<String> = g
        .members
        .iter()
        .take(n)
        .map(|m| format!("{}:{}", m.term, signed(m.change(), 3)))
        .collect();
    if g.members.len() > n {
        s.push(format!("… {} more", g.members.len() - n));
    }
    s.join("; ")
}

fn signed(v: f64, d: usize) -> String {
    let s = format!("{v:+.d$}");
    if s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

fn opt(v: Option<f64>, d: usize) -> String {
    v.map_or_else(|| "-".into(), |v| signed(v, d))
}

/// A cause label (`lexicon_reweighted:kiev regime`) in words.
pub fn cause_words(c: &Changes, label: &str) -> String {
    cause_words_with(
        label,
        |kind, key| {
            c.lexicon.iter().find(|l| l.kind() == kind && l.phrase == key).map(|l| {
                let w = |w: Option<_>| w.map_or("-".into(), |w| format!("{w}"));
                (l.side.as_str().to_string(), w(l.old_weight), w(l.new_weight))
            })
        },
        |key| {
            c.params
                .iter()
                .find(|p| p.name == key)
                .map(|p| (p.old.to_string(), p.new.to_string()))
        },
    )
}

/// A cause label in words, given how to find a changed lexicon entry's (side, old weight, new
/// weight) by (kind, phrase) and a changed setting's (old, new) by name: from the changes
/// themselves ([`cause_words`]) or from diff.csv's rows (the report's "What changed", which
/// showed the labels as codes, `lexicon_removed:strongman`: review, session 34).
pub fn cause_words_with(
    label: &str,
    lexicon: impl Fn(&str, &str) -> Option<(String, String, String)>,
    param: impl Fn(&str) -> Option<(String, String)>,
) -> String {
    if let Some(edit) = label.strip_prefix(super::articles::RETRAINED) {
        return format!(
            "{}, indirectly: not in these sentences, but it relabelled training sentences that share their terms",
            cause_words_with(edit, lexicon, param)
        );
    }
    let (kind, key) = label.split_once(':').unwrap_or((label, ""));
    if let Some(k) = kind.strip_prefix("lexicon_") {
        let w = lexicon(kind, key).map_or(String::new(), |(side, old, new)| format!(", {side} {old} → {new}"));
        format!("lexicon entry \"{key}\" ({k}{w})")
    } else if let Some(k) = kind.strip_prefix("seed_") {
        format!("training article {key} ({k})")
    } else if kind == "param" {
        param(key).map_or_else(
            || format!("setting {key}"),
            |(old, new)| format!("setting {key} {old} → {new}"),
        )
    } else if label == "untraced:beyond-top" {
        "not traced: past the articles that moved most (`framescope diff OLD NEW --top N` traces more)".into()
    } else if label == super::REFOLDED {
        "its cross-fitting fold-mates changed (another number of folds, folds assigned otherwise, or a copy joined or left it): a classifier fitted without other articles scored it".into()
    } else if label == super::articles::UNTRACED_OFFSET {
        "no edit traced: its no-evidence point c moved (the intercept, which any change to the training set moves)"
            .into()
    } else if label == super::articles::OFFSET_MOVED {
        "its no-evidence point c moved as far as the score or further: the intercept, which any change to the training set moves (a seed added or removed most), carries a part of the move no term above shows"
            .into()
    } else if label == super::articles::UNTRACED_SPREAD {
        "no edit traced: the push is spread over many terms, none carrying 20% of it from one edit".into()
    } else {
        label.to_string()
    }
}

/// A weak-model warning before and after a retrain, in words: gone (with what it said), new
/// or still holding (with why, and the remedy). Worded per warning, not per model: after a
/// retrain one warning can go while another holds. Empty when neither model has it.
pub fn weakness_words(w: &super::WeaknessChange) -> String {
    let full = |m: &str| m.strip_prefix(crate::model::WEAK_MODEL).unwrap_or(m).to_string();
    // What it said, without the remedy it no longer needs.
    let why = |m: &str| {
        let m = full(m);
        m.split_once("; remedy: ")
            .map_or_else(|| m.clone(), |(why, _)| why.to_string())
    };
    match (&w.old, &w.new) {
        (Some(o), None) => format!("weak-model warning gone (it said: {})", why(o)),
        (None, Some(n)) => format!("new weak-model warning: {}", full(n)),
        (Some(_), Some(n)) => format!("weak-model warning still holds: {}", full(n)),
        (None, None) => String::new(),
    }
}

/// The "what changed" summary: a few lines for the terminal (and the report's plain-text
/// fallback). `top` bounds each list.
pub fn summary(c: &Changes, top: usize) -> Vec<String> {
    let mut out = vec![format!("what changed: {} → {}", c.old_label, c.new_label)];
    for n in &c.notes {
        out.push(format!("  note: {n}"));
    }
    // Without both models there is nothing to say about them (a note says why).
    if c.models_compared {
        out.extend(model_lines(c, top));
    }
    // The statistics a reader looks at first, in this order, then every other one that
    // changed (the lexicon's entry counts after an edit, propagated rows, …), so the summary
    // never says "same" where diff.csv lists a change.
    const FIRST: [(&str, usize); 5] = [
        ("labelled_kremlin", 0),
        ("labelled_western", 0),
        ("vocabulary", 0),
        ("training_accuracy", 3),
        ("intercept", 3),
    ];
    let changed = |s: &&super::StatChange| s.old != s.new;
    let line = |s: &super::StatChange, d: usize| {
        let f = |v: Option<f64>, d: usize| v.map_or("-".into(), |v| format!("{v:.d$}"));
        // A change below the digits shown gets the digits that show it (review finding:
        // `intercept 0.689 → 0.689` was listed as a change).
        let d = (d..=12).find(|&d| f(s.old, d) != f(s.new, d)).unwrap_or(d);
        format!("{} {} → {}", s.name, f(s.old, d), f(s.new, d))
    };
    let mut t = Vec::new();
    for (name, d) in FIRST {
        if let Some(s) = c.training.iter().filter(changed).find(|s| s.name == name) {
            t.push(line(s, d));
        }
    }
    let others = c
        .training
        .iter()
        .filter(changed)
        .filter(|s| FIRST.iter().all(|(n, _)| *n != s.name));
    for s in others {
        let whole = [s.old, s.new].iter().flatten().all(|v| v.fract() == 0.0);
        t.push(line(s, if whole { 0 } else { 3 }));
    }
    if !c.training.is_empty() {
        out.push(format!(
            "  training: {}",
            if t.is_empty() {
                "same statistics".into()
            } else {
                t.join(", ")
            }
        ));
    }
    for w in &c.weaknesses {
        out.push(format!("  {}", weakness_words(w)));
    }
    if !c.articles.is_empty() {
        let (k, w, same) = c.moved(MOVED_EPS);
        let only = c.articles.iter().filter(|a| a.change().is_none()).count();
        out.push(format!(
            "  articles: {k} moved toward Kremlin, {w} toward Western, {same} unchanged (|change| ≤ {MOVED_EPS}){}",
            if only > 0 {
                format!(", {only} in one run only")
            } else {
                String::new()
            }
        ));
        let flips: Vec<String> = c
            .articles
            .iter()
            .filter_map(|a| {
                a.side_change()
                    .map(|(o, n)| format!("{} {o} → {n}{}", cut(&a.id, 24), flip_numbers(a)))
            })
            .collect();
        if !flips.is_empty() {
            let shown = flips.iter().take(top).cloned().collect::<Vec<_>>().join(", ");
            let more = match flips.len().saturating_sub(top) {
                0 => String::new(),
                n => format!(", … {n} more (diff.csv)"),
            };
            out.push(format!("  changed side: {} article(s): {shown}{more}", flips.len()));
        }
        for e in c.explained.iter().take(top) {
            out.extend(article_lines(c, e));
        }
        // The report and diff.csv explain more of them (review, session 36: the cut was
        // silent).
        if c.explained.len() > top {
            out.push(format!(
                "    … {} more traced (diff.csv, report.html)",
                c.explained.len() - top
            ));
        }
    }
    // Terms trained in one run only (weight exactly 0 in the other) are listed apart: their
    // move says they entered or left training, not that their evidence changed.
    let (crossed, trained): (Vec<&TermGroup>, Vec<&TermGroup>) = c.terms.iter().partition(|g| g.crossing().is_some());
    if !trained.is_empty() {
        out.push("  terms moved most (n-grams folded under their word, one sentence's terms under it):".into());
        for g in trained.iter().take(top) {
            // Groups are ranked by their head's change (the one shown); when a folded term
            // moved more, say which.
            let peak = g.members.first().filter(|m| m.term != g.head);
            let more = match (g.members.len(), peak) {
                (1, _) => String::new(),
                (n, None) => format!("  +{} folded", n - 1),
                (n, Some(m)) => format!(
                    "  +{} folded, most \"{}\" {}",
                    n - 1,
                    cut(&m.term, 28),
                    signed(m.change(), 3)
                ),
            };
            let from = g
                .sentence
                .as_ref()
                .map(|s| format!("  from {}#{} \"{}\"", s.article_id, s.index, cut(&s.text, 60)))
                .or_else(|| g.one_sentence.then(|| "  (terms of one training sentence)".into()))
                .unwrap_or_default();
            out.push(format!(
                "    {:<28} {:>7} → {:>7} ({}){more}{from}",
                cut(&g.head, 28),
                signed(g.old, 3),
                signed(g.new, 3),
                signed(g.change(), 3)
            ));
        }
        out.extend(more_line(trained.len(), top));
    }
    if !crossed.is_empty() {
        let (entered, left) = crossed.iter().fold((0, 0), |(e, l), g| match g.crossing() {
            Some("entered") => (e + 1, l),
            _ => (e, l + 1),
        });
        let shown: Vec<String> = crossed
            .iter()
            .take(top.min(8))
            .map(|g| {
                let w = |v: f64| if v == 0.0 { "0".to_string() } else { signed(v, 3) };
                format!("{} {} → {}", cut(&g.head, 28), w(g.old), w(g.new))
            })
            .collect();
        out.push(format!(
            "  term groups trained in one run only (weight 0 = not trained on: in no labelled sentence, or past the --max-train-features cap on columns): {entered} entered, {left} left"
        ));
        out.push(format!(
            "    {}{}",
            shown.join(", "),
            if crossed.len() > shown.len() {
                ", … (diff.csv)"
            } else {
                ""
            }
        ));
    }
    out
}

/// The summary's lines on the two models: lexicon edits, training articles, settings.
fn model_lines(c: &Changes, top: usize) -> Vec<String> {
    let w = |x: Option<f64>| x.map_or("-".into(), |v| format!("{v}"));
    let lexicon = c.lexicon.iter().map(|l| {
        format!(
            "    {:<19} {:<8} \"{}\"  {} → {}",
            l.kind(),
            l.side.as_str(),
            l.phrase,
            w(l.old_weight),
            w(l.new_weight)
        )
    });
    let inputs = c.inputs.iter().map(|i| match &i.old_id {
        Some(was) => format!("    {:<19} {} (was {was}, same text)", i.kind.as_str(), i.id),
        None => format!("    {:<19} {}", i.kind.as_str(), i.id),
    });
    let params = c
        .params
        .iter()
        .map(|p| format!("    {:<30} {} → {}", p.name, p.old, p.new));
    let mut out = Vec::new();
    list(&mut out, "lexicon", c.lexicon.len(), lexicon, top);
    list(&mut out, "training articles", c.inputs.len(), inputs, top);
    list(&mut out, "settings", c.params.len(), params, top);
    out
}

/// `  NAME: no change`, or `  NAME: N change(s)` and the first `top` lines.
fn list(out: &mut Vec<String>, name: &str, n: usize, lines: impl Iterator<Item = String>, top: usize) {
    if n == 0 {
        out.push(format!("  {name}: no change"));
    } else {
        out.push(format!("  {name}: {n} change(s)"));
        out.extend(lines.take(top));
        out.extend(more_line(n, top));
    }
}

/// A side change's numbers: ` (score −0.046 → −0.046, interval [−0.090, −0.001] → [−0.090,
/// +0.001])`, and "marginal" when the score moved by no more than [`MOVED_EPS`]: an interval
/// end crossed 0 (review, session 36: a flip was named with no numbers, and counted among the
/// unchanged).
fn flip_numbers(a: &crate::compare::diff::ArticleChange) -> String {
    let interval = |s: Option<crate::compare::diff::Standing>| {
        s.and_then(|s| s.interval).map_or("–".to_string(), |(l, h)| {
            format!("[{}, {}]", signed(l, 3), signed(h, 3))
        })
    };
    let marginal = match a.change() {
        Some(x) if x.abs() <= MOVED_EPS => "; marginal: the score barely moved, an interval end crossed 0",
        _ => "",
    };
    format!(
        " ({} → {}, interval {} → {}{marginal})",
        opt(a.old, 3),
        opt(a.new, 3),
        interval(a.old_standing),
        interval(a.new_standing)
    )
}

/// "… N more (diff.csv)" under a list of `n` cut at `top`.
fn more_line(n: usize, top: usize) -> Option<String> {
    (n > top).then(|| format!("    … {} more (diff.csv)", n - top))
}

fn article_lines(c: &Changes, e: &ArticleExplanation) -> Vec<String> {
    let a = &e.article;
    let flip = a
        .side_change()
        .map_or(String::new(), |(o, n)| format!(" [side {o} → {n}]"));
    let mut out = vec![format!(
        "    {:<24} {:>7} → {:>7} ({}){flip}  {}",
        cut(&a.id, 24),
        opt(a.old, 3),
        opt(a.new, 3),
        opt(a.change(), 3),
        cut(a.title.as_deref().unwrap_or(""), 50)
    )];
    if !e.causes.is_empty() {
        let words: Vec<String> = e.causes.iter().take(3).map(|x| cause_words(c, &x.label)).collect();
        // The rest are in diff.csv's `causes` cell (review finding: the cut was silent).
        let more = match e.causes.len().saturating_sub(3) {
            0 => String::new(),
            n => format!("; … {n} more (diff.csv)"),
        };
        out.push(format!("      because of: {}{more}", words.join("; ")));
    }
    let moved_c = c.offsets.get(&a.id).filter(|(o, n)| o != n);
    if let Some((o, n)) = moved_c {
        out.push(format!(
            "      no-evidence point c {} → {}: a sentence counts as p − c/2, so p must move by {} to stay put; sentences below by how p − c/2 moved",
            signed(*o, 3),
            signed(*n, 3),
            signed((n - o) / 2.0, 3)
        ));
    }
    for s in &e.sentences {
        let terms: Vec<&str> = s.terms.iter().take(3).map(|t| t.0.as_str()).collect();
        let centred = |p: Option<f64>, c: f64| p.map_or("-".into(), |p| format!("{:.3}", p - c / 2.0));
        let p = |v: Option<f64>| v.map_or("-".into(), |p| format!("{p:.3}"));
        let moved = match s.only_in() {
            // In one run only: its p there (what it adds to or took from the mean).
            Some(w) => format!("{w}: p {}", p(s.new.or(s.old))),
            None => format!(
                "p {} → {}{}",
                p(s.old),
                p(s.new),
                match moved_c {
                    Some(_) => format!(
                        " (− c/2: {} → {})",
                        centred(s.old, s.offsets.0),
                        centred(s.new, s.offsets.1)
                    ),
                    None => String::new(),
                }
            ),
        };
        out.push(format!(
            "      #{} {moved}  \"{}\"{}",
            s.index,
            cut(&s.text, 70),
            if terms.is_empty() {
                String::new()
            } else {
                format!("  via {}", terms.join(", "))
            }
        ));
    }
    out
}

/// `s` cut to `n` characters, with `…` when cut.
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    s.chars().take(n.saturating_sub(1)).chain(['…']).collect()
}

#[cfg(test)]
mod summary_tests {
    use super::*;

    /// Review finding (session 18): without a model on one side, the summary said "lexicon:
    /// no change" for what it had not compared.
    #[test]
    fn without_both_models_the_summary_does_not_call_them_unchanged() {
        let mut c = Changes {
            notes: vec!["no model.json in scored: lexicon, training and weight changes not compared".into()],
            ..Default::default()
        };
        let lines = summary(&c, 5).join("\n");
        for absent in ["lexicon:", "training articles:", "settings:"] {
            assert!(!lines.contains(absent), "{lines}");
        }
        c.models_compared = true;
        let lines = summary(&c, 5).join("\n");
        for present in [
            "lexicon: no change",
            "training articles: no change",
            "settings: no change",
        ] {
            assert!(lines.contains(present), "{lines}");
        }
    }

    /// Review finding (session 24): after a lexicon edit the summary said "training: same
    /// statistics" while diff.csv listed lexicon_entries 130 → 131; it looked at five
    /// statistics only.
    #[test]
    fn every_changed_statistic_is_in_the_summary_the_first_five_first() {
        let stat = |name: &str, old: f64, new: f64| crate::compare::changes::StatChange {
            name: name.into(),
            old: Some(old),
            new: Some(new),
        };
        let mut c = Changes {
            training: vec![
                stat("final_gradient_norm", 1e-6, 1e-6),
                stat("lexicon_entries", 130.0, 131.0),
                stat("propagate_share", 0.25, 0.5),
                stat("vocabulary", 7372.0, 7372.0),
                stat("intercept", -0.1, -0.2),
            ],
            models_compared: true,
            ..Default::default()
        };
        let line = |c: &Changes| {
            summary(c, 5)
                .into_iter()
                .find(|l| l.starts_with("  training:"))
                .unwrap()
        };
        assert_eq!(
            line(&c),
            "  training: intercept -0.100 → -0.200, lexicon_entries 130 → 131, propagate_share 0.250 → 0.500"
        );
        // A change below the three digits shown gets the digits that show it (session 28:
        // `intercept 0.689 → 0.689`); 2e-7 → 3e-7 needs seven.
        c.training.push(stat("training_accuracy", 0.68912, 0.68947));
        c.training.push(stat("final_gradient_norm_2", 2e-7, 3e-7));
        let l = line(&c);
        assert!(l.contains("training_accuracy 0.6891 → 0.6895"), "{l}");
        assert!(l.contains("final_gradient_norm_2 0.0000002 → 0.0000003"), "{l}");
        // diff.csv writes such a change in exponent form, not 0.000000 → 0.000000 (review,
        // session 48); a change that six decimals show keeps them.
        let rows = diff_rows(&c);
        let cells = |name: &str| {
            let r = rows.iter().find(|r| r.kind == "training" && r.key == name).unwrap();
            (r.old.clone(), r.new.clone(), r.change.clone())
        };
        let expected = ("2.000000e-7".into(), "3.000000e-7".into(), "1.000000e-7".into());
        assert_eq!(cells("final_gradient_norm_2"), expected);
        assert_eq!(
            cells("intercept"),
            ("-0.100000".into(), "-0.200000".into(), "-0.100000".into())
        );
        c.training.retain(|s| s.old == s.new);
        assert_eq!(line(&c), "  training: same statistics");
    }

    /// Review, session 36: a retrain that ended a weak-model warning did not say so.
    #[test]
    fn a_weak_model_warning_that_went_came_or_stayed_is_said_and_written() {
        let m = |n: usize| {
            format!("weak model: trained on only {n} lexicon-labelled sentence(s) (…), so its scores rest mostly on the lexicon prior; remedy: train on more seed articles")
        };
        let w = |old: Option<String>, new: Option<String>| crate::compare::changes::WeaknessChange {
            about: "labelled".into(),
            old,
            new,
        };
        let c = Changes {
            weaknesses: vec![w(Some(m(12)), None), w(None, Some(m(3))), w(Some(m(12)), Some(m(40)))],
            models_compared: true,
            ..Default::default()
        };
        let lines: Vec<String> = summary(&c, 5)
            .into_iter()
            .filter(|l| l.contains("weak-model warning"))
            .collect();
        assert_eq!(
            lines,
            [
                // Why it was weak, without the remedy it no longer needs.
                "  weak-model warning gone (it said: trained on only 12 lexicon-labelled sentence(s) (…), so its scores rest mostly on the lexicon prior)",
                "  new weak-model warning: trained on only 3 lexicon-labelled sentence(s) (…), so its scores rest mostly on the lexicon prior; remedy: train on more seed articles",
                "  weak-model warning still holds: trained on only 40 lexicon-labelled sentence(s) (…), so its scores rest mostly on the lexicon prior; remedy: train on more seed articles",
            ]
        );
        let rows: Vec<DiffRow> = diff_rows(&c).into_iter().filter(|r| r.kind == "weakness").collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(
            (rows[0].key.as_str(), rows[0].old.as_str(), rows[0].new.as_str()),
            ("labelled", m(12).as_str(), "")
        );
        assert_eq!(rows[1].old, "");
        assert_eq!(rows[1].title, lines[1].trim_start());
    }

    #[test]
    fn an_article_with_more_than_three_causes_says_how_many_more() {
        let cause = |k: &str| super::super::articles::Cause {
            label: format!("seed_added:{k}"),
            via: vec![],
            push: 0.0,
        };
        let e = ArticleExplanation {
            article: crate::compare::diff::ArticleChange {
                id: "a".into(),
                title: None,
                old: Some(0.1),
                new: Some(0.3),
                ..Default::default()
            },
            sentences: vec![],
            causes: ["s1", "s2", "s3", "s4", "s5"].map(cause).to_vec(),
        };
        let lines = article_lines(&Changes::default(), &e);
        assert!(lines[1].starts_with("      because of: "), "{lines:?}");
        assert!(lines[1].ends_with("; … 2 more (diff.csv)"), "{lines:?}");
        let three = ArticleExplanation {
            causes: e.causes[..3].to_vec(),
            ..e
        };
        assert!(!article_lines(&Changes::default(), &three)[1].contains("more"));
    }

    use crate::compare::changes::TermGroup;
    use crate::compare::diff::{LexiconChange, WeightChange};
    use crate::corpus::Side;

    #[test]
    fn cut_lists_say_how_many_more_and_a_group_names_its_member_that_moved_most() {
        let entry = |p: &str| LexiconChange {
            phrase: p.into(),
            side: Side::Kremlin,
            old_weight: None,
            new_weight: Some(1.0),
        };
        let w = |t: &str, old: f64, new: f64| WeightChange {
            term: t.into(),
            old,
            new,
        };
        let c = Changes {
            lexicon: vec![entry("a b"), entry("c d"), entry("e f")],
            terms: vec![TermGroup {
                head: "statement".into(),
                old: 0.02,
                new: 0.131,
                members: vec![w("statement said", 0.0, 0.214), w("statement", 0.02, 0.131)],
                sentence: None,
                one_sentence: false,
            }],
            models_compared: true,
            ..Default::default()
        };
        let lines = summary(&c, 2);
        let at = |s: &str| {
            lines
                .iter()
                .position(|l| l.contains(s))
                .unwrap_or_else(|| panic!("{s}: {lines:?}"))
        };
        assert!(
            lines[at("lexicon: 3 change(s)") + 3].ends_with("… 1 more (diff.csv)"),
            "{lines:?}"
        );
        let g = &lines[at("statement")];
        assert!(g.contains("+1 folded, most \"statement said\" +0.214"), "{g}");
        // Nothing cut: no "more" line.
        assert!(!summary(&c, 3).iter().any(|l| l.contains("more (diff.csv)")));
    }

    /// Review, session 35: terms whose weight went 0 → w or w → 0 (trained in one run only:
    /// in no labelled sentence, or past the column cap) filled "terms moved most"
    /// unexplained; they are listed apart, said to have entered or left training.
    #[test]
    fn terms_trained_in_one_run_only_are_listed_apart() {
        let g = |head: &str, old: f64, new: f64| TermGroup {
            head: head.into(),
            old,
            new,
            members: vec![WeightChange {
                term: head.into(),
                old,
                new,
            }],
            sentence: None,
            one_sentence: false,
        };
        let c = Changes {
            terms: vec![g("embassi", 0.237, 0.0), g("kiev", 1.24, 0.53), g("matern", 0.0, 0.194)],
            ..Default::default()
        };
        let lines = summary(&c, 5);
        let moved = lines.iter().position(|l| l.starts_with("  terms moved most")).unwrap();
        assert!(lines[moved + 1].trim_start().starts_with("kiev"), "{lines:?}");
        let apart = lines
            .iter()
            .position(|l| l.starts_with("  term groups trained in one run only"))
            .unwrap();
        assert!(lines[apart].ends_with("1 entered, 1 left"), "{lines:?}");
        assert_eq!(lines[apart + 1], "    embassi +0.237 → 0, matern 0 → +0.194");
        assert_eq!(lines.len(), apart + 2, "{lines:?}");
    }

    /// Review, session 35: two articles changed side after a lexicon edit and nothing said
    /// so; diff.csv's article rows now carry the side (`old → new` when it changed) and the
    /// two intervals, and the summary names the articles that changed side.
    #[test]
    fn a_change_of_side_is_written_and_called_out() {
        use crate::compare::diff::{ArticleChange, Standing};
        use crate::score::Leaning;
        let st = |interval, leaning| Some(Standing { interval, leaning });
        let flipped = ArticleChange {
            id: "rt".into(),
            old: Some(0.258),
            new: Some(0.213),
            old_standing: st(Some((0.026, 0.489)), Leaning::Kremlin),
            new_standing: st(Some((-0.005, 0.455)), Leaning::Undecided),
            ..Default::default()
        };
        let kept = ArticleChange {
            id: "nyt".into(),
            old: Some(-0.3),
            new: Some(-0.31),
            old_standing: st(Some((-0.4, -0.2)), Leaning::Western),
            new_standing: st(None, Leaning::Western),
            ..Default::default()
        };
        let c = Changes {
            articles: vec![flipped, kept],
            ..Default::default()
        };
        let rows = diff_rows(&c);
        assert_eq!(rows[0].side, "kremlin → undecided");
        assert_eq!(rows[0].detail, "[0.026000, 0.489000] → [-0.005000, 0.455000]");
        assert_eq!(rows[1].side, "western");
        assert_eq!(rows[1].detail, "[-0.400000, -0.200000] → –");
        let lines = summary(&c, 5);
        assert!(
            lines.contains(
                &"  changed side: 1 article(s): rt kremlin → undecided (+0.258 → +0.213, interval [+0.026, +0.489] → [-0.005, +0.455])"
                    .to_string()
            ),
            "{lines:?}"
        );
        // A flip by 0.0002 (counted as unchanged: ≤ 0.0005) is said to be marginal.
        let marginal = ArticleChange {
            id: "ap".into(),
            old: Some(-0.046),
            new: Some(-0.0462),
            old_standing: st(Some((-0.09, -0.0012)), Leaning::Western),
            new_standing: st(Some((-0.09, 0.0006)), Leaning::Undecided),
            ..Default::default()
        };
        let c = Changes {
            articles: vec![marginal],
            ..Default::default()
        };
        let line = summary(&c, 5).into_iter().find(|l| l.contains("changed side")).unwrap();
        assert!(
            line.ends_with("ap western → undecided (-0.046 → -0.046, interval [-0.090, -0.001] → [-0.090, +0.001]; marginal: the score barely moved, an interval end crossed 0)"),
            "{line}"
        );
    }

    /// Review, session 35: an entry was named as the cause of articles that never use it,
    /// as if they did; reached through retrained weights, it is said to be indirect.
    #[test]
    fn an_entry_reached_through_retrained_weights_is_said_to_be_indirect() {
        let c = Changes {
            lexicon: vec![LexiconChange {
                phrase: "strongman".into(),
                side: Side::Western,
                old_weight: Some(2.0),
                new_weight: None,
            }],
            ..Default::default()
        };
        assert_eq!(
            cause_words(&c, "lexicon_removed:strongman"),
            "lexicon entry \"strongman\" (removed, western 2 → -)"
        );
        assert_eq!(
            cause_words(&c, "retrained:lexicon_removed:strongman"),
            "lexicon entry \"strongman\" (removed, western 2 → -), indirectly: not in these sentences, but it relabelled training sentences that share their terms"
        );
    }
}
