"""framescope from Python: score how news articles frame the Russia–Ukraine war.

Kremlin-sourced framing (+1) versus Western-sourced framing (-1), per article and per
sentence, with the sentences, lexicon hits and terms behind each score. Every number comes
from the framescope Rust library (the same code as the ``framescope`` command line, so the
same input gives the same numbers); this package converts pandas objects in and out.

Quick start::

    import framescope
    result = framescope.run()                     # the built-in seed articles
    result.scores                                 # one row per article (pandas DataFrame)
    result.sentences                              # one row per sentence
    result.explain(result.scores.id[0])           # why one article scored as it did
    model = result.model
    model.score(my_articles_df)                   # articles the model never saw

Articles can be a pandas DataFrame (columns ``text`` and optionally ``id, title, outlet,
date, label, lang``; an index named ``id`` gives the ids; a column named as a field but for
case, ``ID``, is an error, any other column is ignored with a warning), a list of dicts with
those keys, or paths to files and folders (``.txt``, ``.jsonl``, ``.csv``, ``.parquet``, as
the CLI reads them). Seeds given as rows lose the ``.txt`` headline rule: pass seed files
or folders to train the CLI's model. A row is read as a
JSONL line is: a row without ``id`` gets the content-derived id the CLI gives
(``sha256:…``); a date may be a string, a ``datetime``/``Timestamp`` or epoch seconds or
milliseconds. Articles held in memory are read after files and folders. Inputs the library
skips (empty text, duplicate ids …) are reported as :class:`FramescopeWarning` and listed in
``result.problems``; errors raise :class:`FramescopeError` with the CLI's message.
"""

from __future__ import annotations

import os
import re
import sys
import warnings
from typing import Any, Iterable, Mapping, Optional, Sequence, Tuple, Union

import pandas as pd

from . import _framescope as _native
from ._framescope import FramescopeError, SCORE_COLUMNS, SENTENCE_COLUMNS, __version__

__all__ = [
    "run",
    "train",
    "Model",
    "Result",
    "Explanation",
    "FramescopeError",
    "FramescopeWarning",
    "Problem",
    "BUILTIN_SEEDS",
    "MODEL_OPTIONS",
    "SCORE_COLUMNS",
    "SENTENCE_COLUMNS",
    "as_text",
    "__version__",
]

#: Pass as ``seeds=`` (or in a list of paths) to use the seed articles built into the library.
BUILTIN_SEEDS = _native.BUILTIN_SEEDS

#: The names of the model options :func:`train` and :func:`run` take as keyword arguments
#: (the CLI's ``--alpha`` is ``alpha=`` …). Names only: an option left out takes the CLI's
#: default (listed in ``framescope train --help`` and in the type stub's ``train``).
MODEL_OPTIONS = tuple(_native.MODEL_OPTIONS)

PathLike = Union[str, "os.PathLike[str]"]
Articles = Union[pd.DataFrame, Sequence[Mapping[str, Any]], PathLike, Sequence[PathLike], None]

_FIELDS = ("id", "title", "text", "outlet", "date", "label", "side", "lang")
_LIST_COLUMNS = ("top_terms_kremlin", "top_terms_western")


class FramescopeWarning(UserWarning):
    """An input skipped or kept with a warning, worded as the CLI prints it. ``id``: the
    skipped record's id when it gave one, else None."""

    id: Optional[str] = None


class Problem(str):
    """One entry of ``Result.problems``: the line the CLI prints
    (``<articles>:ROW: skipped: why``); ``id`` is the skipped record's id when it gave one."""

    id: Optional[str] = None


_TABLE_HINT = "pass a DataFrame with a `text` column or a list of dicts"
_PATH_SUFFIXES = (".txt", ".jsonl", ".json", ".csv", ".parquet", ".gz")


def _expand(p: Any) -> Any:
    """A path argument as a path: ``~`` and ``~user`` expanded, as pandas and the shell do
    (review H M6: ``Model.save("~/m.json")`` wrote a folder named ``~`` in the working
    folder, whose obvious cleanup, ``rm -rf ~``, deletes the home folder)."""
    return os.path.expanduser(os.fspath(p))


def _path_arg(p: Any, name: str) -> str:
    """A path argument, refused when it is article text given where paths are read: it does
    not exist and holds a newline, is long, or has spaces and nothing of a path."""
    s = _expand(p)
    if isinstance(s, str) and not os.path.exists(s):
        spaced = any(c.isspace() for c in s) and os.sep not in s and "/" not in s
        if "\n" in s or len(s) > 255 or (spaced and not s.lower().endswith(_PATH_SUFFIXES)):
            shown = s if len(s) <= 40 else s[:40] + "…"
            # "no such file or folder" too: a mistyped folder with a space in its name lands
            # here (review, session 34).
            raise TypeError(f"{name}: {shown!r} is no file or folder here and looks like article text, not a path: "
                            f"{_TABLE_HINT}")
    return s


#: How to rename a table's misnamed fields, by where the name is.
_RENAME = {
    "column": "df.rename(columns={})",
    "index": "df.rename_axis(index={})",
    "key": "{} in the dicts",
}

#: The ignored-name warnings said so far: each once per session, as a model's weaknesses are
#: (pandas resets the warnings filters' once-per-line memory, so a loop over groups of rows
#: would repeat it for every group).
_SAID_IGNORED: set = set()


def _check_fields(names: Sequence[Tuple[Any, str]], name: str) -> Optional[str]:
    """Check the names a table gives (``(name, "column" | "index" | "key")`` pairs) against
    the fields a row is read by (``_FIELDS``, as JSONL, CSV and Parquet name them). A name
    that is a field but for case or surrounding spaces (``ID``, ``Title ``) raises a
    ``FramescopeError`` naming it, the field and the rename, as its values would otherwise be
    dropped without a word. Returns the warning for the other names, which are ignored (None
    when there are none): see :func:`_warn_ignored`."""
    given = {k for k, _ in names if k in _FIELDS}
    misnamed, ignored = {}, []
    for k, kind in names:
        if isinstance(k, str) and k in _FIELDS:
            continue
        field = str(k).strip().lower()
        if field in _FIELDS and field not in given and field not in misnamed.values():
            misnamed[(k, kind)] = field
        else:
            ignored.append(f"{kind} `{k}`")
    if misnamed:
        shown = ", ".join(f"{kind} `{k}`" for k, kind in misnamed)
        fixes = " and ".join(
            _RENAME[kind].format({k: f for (k, c), f in misnamed.items() if c == kind})
            for kind in _RENAME if any(c == kind for _, c in misnamed)
        )
        raise FramescopeError(
            f"{name}: {shown} would be ignored: field names are lowercase ({', '.join(_FIELDS)}); rename: {fixes}"
        )
    return f"{name}: ignoring {', '.join(ignored)} (not article fields: {', '.join(_FIELDS)})" if ignored else None


def _warn_ignored(message: Optional[str]) -> None:
    """Warn of the names a table gave that are no field, once per session each."""
    if message is not None and message not in _SAID_IGNORED:
        _SAID_IGNORED.add(message)
        _user_warn(FramescopeWarning(message))


_ROW_ORIGIN = re.compile(r"^<articles>:(\d+)(?=:|$)")


def _py(v: Any) -> Any:
    return v.item() if hasattr(v, "item") and not isinstance(v, (str, bytes)) else v


def _keep_index(result: "Result", index: pd.Index) -> None:
    """Give a DataFrame's scores its rows' index labels, and name them in its problems: a
    skipped row left every later score one row up, so ``df["framing_score"] =
    model.score(df)["framing_score"]`` put scores on other articles (review, session 42).
    A score's row is its ``origin``, ``<articles>:N`` (N from 1). Index names that are also
    column names are dropped from the result's index (``df.set_index("id")``: the ids are
    the ``id`` column too, and pandas refuses a name that is both)."""
    scores = result.scores
    rows = [int(m.group(1)) - 1 for m in (_ROW_ORIGIN.match(str(o)) for o in scores["origin"])] \
        if "origin" in scores else []
    if len(rows) == len(scores):
        labels = index[rows]
        labels = labels.set_names([None if n in scores.columns else n for n in labels.names])
        scores.index = labels
    # The default index (0, 1, 2 …) only restates the row number: nothing to add.
    default = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
    problems = []
    for p in result.problems:
        m = _ROW_ORIGIN.match(str(p))
        row = int(m.group(1)) - 1 if m else -1
        if 0 <= row < len(index) and not default:
            label = index[row]
            # numpy scalars as their Python values (`20`, not `np.int64(20)`).
            label = tuple(_py(v) for v in label) if isinstance(label, tuple) else _py(label)
            q = Problem(f"{m.group(0)} (index {label!r}){str(p)[m.end():]}")
            q.id = p.id
            p = q
        problems.append(p)
    result.problems = problems


def _frame_records(df: pd.DataFrame, name: str) -> list:
    """A DataFrame's rows as records (dicts of the fields it has). An index level named as a
    field (``df.set_index("id")``) is read as that column; one that repeats a column of its
    name (``set_index("id", drop=False)``) must hold the same values. Unnamed index levels
    (the usual RangeIndex, or what filtering left of it) are not data and are passed over."""
    repeated = sorted({str(c) for c in df.columns[df.columns.duplicated()] if c in _FIELDS})
    if repeated:
        # pandas would keep one of them without saying which (`to_dict` warns only that
        # "some columns will be omitted").
        shown = ", ".join(f"`{c}`" for c in repeated)
        raise FramescopeError(
            f"{name}: the DataFrame has more than one column named {shown}: keep one "
            "(df.loc[:, ~df.columns.duplicated()] keeps the first)"
        )
    if isinstance(df.columns, pd.MultiIndex):
        # `"text" in df.columns` holds for a level-0 label, and every row would then be
        # skipped as having no `text`: one error instead.
        raise FramescopeError(
            f"{name}: the DataFrame's columns have {df.columns.nlevels} levels "
            f"(first: {df.columns[0]!r}): give one level of names, e.g. "
            "df.columns = df.columns.get_level_values(0)"
        )
    moved = []
    for n in (n for n in df.index.names if n is not None):
        if n not in df.columns:
            moved.append(n)
        elif n in _FIELDS and not pd.Series(df.index.get_level_values(n)).equals(df[n].reset_index(drop=True)):
            raise FramescopeError(
                f"{name}: `{n}` is both a column and the index's name, with different values: "
                "keep one (df.reset_index(drop=True) keeps the column)"
            )
    ignored = _check_fields([(c, "column") for c in df.columns] + [(n, "index") for n in moved], name)
    in_index = [n for n in moved if n in _FIELDS]
    if in_index:
        df = df.reset_index(level=in_index)
    if "text" not in df.columns:
        raise FramescopeError(f"{name}: the DataFrame needs a `text` column (has {list(df.columns)})")
    _warn_ignored(ignored)
    cols = [c for c in _FIELDS if c in df.columns]
    frame = df[cols].astype(object).where(df[cols].notna(), None)
    return frame.to_dict("records")


def _inputs(articles: Articles, name: str) -> list:
    """Articles as the native layer takes them: paths, or (name, rows) of records."""
    if articles is None:
        return []
    if isinstance(articles, pd.Series):
        raise TypeError(f"{name}: got a pandas Series; {_TABLE_HINT} "
                        "(a Series of texts: series.to_frame('text'))")
    if isinstance(articles, Mapping):
        raise TypeError(f"{name}: got a single dict; pass a list of dicts (one per article) or a DataFrame")
    if isinstance(articles, pd.DataFrame):
        return [(name, _frame_records(articles, name))]
    if isinstance(articles, (str, os.PathLike)):
        return [_path_arg(articles, name)]
    try:
        it = iter(articles)
    except TypeError:
        # `model.score(5)`: a number, a class … is none of them (review 45: it said only
        # "'int' object is not iterable").
        raise TypeError(f"{name}: {_WRONG_ARTICLES}, not {type(articles).__name__}") from None
    items = list(it)
    if not items:
        return [(name, [])]
    if all(isinstance(a, Mapping) for a in items):
        _warn_ignored(_check_fields([(k, "key") for k in dict.fromkeys(k for a in items for k in a)], name))
        return [(name, items)]
    if all(isinstance(a, (str, os.PathLike)) for a in items):
        return [_path_arg(a, name) for a in items]
    raise TypeError(f"{name}: {_WRONG_ARTICLES}")


_WRONG_ARTICLES = "articles must be a DataFrame, a list of dicts, or paths (str / os.PathLike)"


_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _user_warn(w: FramescopeWarning) -> None:
    """Warn, attributed to the first caller outside this package: the user's line, whichever
    public function (and however many of the package's frames) led here. The filters'
    "default" action then shows a warning once per line of the user's code."""
    level, f = 1, sys._getframe(0)
    while f is not None and os.path.abspath(f.f_code.co_filename).startswith(_PACKAGE):
        level, f = level + 1, f.f_back
    warnings.warn(w, stacklevel=level)


_ROWS_ORIGIN = re.compile(r"^(<[a-z]+>):(\d+)(?=:| )")


def _in_row_order(entries: list) -> list:
    """The problems of rows held in memory (``<articles>:N: …``) in row order, each input's
    after the other's as first named; other entries where they were. The rows the package
    refuses come first from the native layer, then what the job found (a duplicate id),
    so a duplicate was said after later rows' problems (review H L2)."""
    lines = [str(e[0] if isinstance(e, tuple) else e) for e in entries]
    at = [(i, m) for i, m in ((i, _ROWS_ORIGIN.match(line)) for i, line in enumerate(lines)) if m]
    names = list(dict.fromkeys(m.group(1) for _, m in at))
    ordered = sorted(at, key=lambda im: (names.index(im[1].group(1)), int(im[1].group(2))))
    out = list(entries)
    for (i, _), (j, _) in zip(at, ordered):
        out[i] = entries[j]
    return out


def _problems(problems: Sequence[Any]) -> list:
    """``Problem`` entries from the native layer's ``(line, id)`` pairs (or lines, or
    entries already made), rows' in row order (:func:`_in_row_order`)."""
    problems = _in_row_order(list(problems))
    out = []
    for p in problems:
        if isinstance(p, Problem):
            out.append(p)
            continue
        line, id = p if isinstance(p, tuple) else (p, None)
        entry = Problem(line)
        entry.id = id
        out.append(entry)
    return out


def _warn(problems: Sequence[Any]) -> list:
    """Warn once per problem (``(line, id)`` pairs from the native layer, or lines)."""
    out = _problems(problems)
    for entry in out:
        w = FramescopeWarning(str(entry))
        w.id = entry.id
        _user_warn(w)
    return out


def _warn_job(messages: Sequence[str]) -> None:
    """The job's own warnings (a weak model, a folder's previous contents kept …), worded
    as the CLI prints them, once each."""
    for m in messages:
        _user_warn(FramescopeWarning(m))


#: The CLI's options named in its messages (`lower --margin`, `--data names a folder`) as
#: this package takes them: ``margin=``, ``data=`` (review H L4). ``--mean-score`` is
#: ``quoted_weight=None``.
_PY_ARGS = {o.replace("_", "-"): o for o in tuple(_native.MODEL_OPTIONS) + (
    "data", "lexicons", "seeds", "out", "folds", "bootstrap", "kremlin_threshold", "western_threshold")}
_FLAG = re.compile(r"(?<![\w/.-])--([a-z][a-z-]*[a-z])(?: ([A-Z][A-Z_]*|\d+(?:\.\d+)?)(?![\w.]))?")


def _pythonic(message: str) -> str:
    """A library message with the CLI's options it names spelled as this package's
    arguments (``--margin 0.2`` is ``margin=0.2``); other options (``--compare-to``) kept."""

    def arg(m: "re.Match") -> str:
        if m.group(1) == "mean-score":
            return "quoted_weight=None"
        name = _PY_ARGS.get(m.group(1))
        if name is None:
            return m.group(0)
        return f"{name}={m.group(2) or ''}"

    return _FLAG.sub(arg, message)


#: How many skipped rows a failed job's error lists (all are warned of).
_LISTED = 5


def _call(f: Any, *args: Any, **kwargs: Any) -> Any:
    """Call the native layer. Its :class:`FramescopeError` is raised with the options it
    names in this package's spelling (:func:`_pythonic`); what the job said before it failed
    (its ``said``: the rows it skipped, its notes), which the CLI prints before its error, is
    warned of first, each skipped row as a :class:`FramescopeWarning` with its ``id``, and
    when no article was left ("no usable articles …") the skipped rows are named in the
    error too (review H M4: "no usable articles to train on"
    alone, every reason lost)."""
    try:
        return f(*args, **kwargs)
    except FramescopeError as e:
        said = getattr(e, "said", None) or []
        message = _pythonic(str(e))
        skipped = [line for line, _ in said if ": skipped: " in line]
        for line, id in said:
            w = FramescopeWarning(line)
            w.id = id
            _user_warn(w)
        # Named in the error when they are why it failed (nothing left to work on).
        if skipped and message.startswith("no usable articles"):
            more = f"; … {len(skipped) - _LISTED} more (see the warnings)" if len(skipped) > _LISTED else ""
            message += ": " + "; ".join(skipped[:_LISTED]) + more
        if message == str(e) and not said:
            raise
        raise FramescopeError(message) from None


#: pandas' usual dtype for a column of strings (``str`` from pandas 3, else ``object``).
_TEXT_DTYPE = pd.Series(["text"]).dtype
_DTYPES = {"int": "int64", "float": "float64", "bool": "bool", "text": _TEXT_DTYPE}
_ROW_LISTS = _LIST_COLUMNS + ("kremlin_hits", "western_hits")


def _typed(rows: Mapping[str, list], columns: Sequence[str]) -> pd.DataFrame:
    """Rows (the native layer's columns: field name → the rows' values) as a DataFrame of
    ``columns`` with every column's declared dtype (``_native.COLUMN_KINDS``, the types of
    the Parquet tables): numbers float64 with NaN for missing, counts int64, text pandas'
    string dtype with an empty cell missing (as the Parquet tables write it, and as pandas
    reads the CSV's), lists object, whatever values this batch holds. Built a column at a
    time, so other threads run between columns."""
    n = len(next(iter(rows.values()), ()))
    data = {}
    for c in columns:
        values = rows.get(c, [None] * n)
        if c in _ROW_LISTS:
            data[c] = pd.Series(values, dtype=object)
            continue
        kind = _native.COLUMN_KINDS.get(c, "text")
        data[c] = pd.Series(values).astype(_DTYPES[kind])
        if kind == "text":
            data[c] = data[c].mask(data[c] == "")
    return pd.DataFrame(data, columns=list(columns), index=pd.RangeIndex(n))


def _scores_frame(rows: Mapping[str, list]) -> pd.DataFrame:
    df = _typed(rows, SCORE_COLUMNS)
    for c in _LIST_COLUMNS:
        df[c] = pd.Series([[(t, w) for t, w in terms] for terms in df[c]], index=df.index, dtype=object)
    return df


def _sentences_frame(rows: Mapping[str, list]) -> pd.DataFrame:
    return _typed(rows, SENTENCE_COLUMNS)


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a ``scores`` or ``sentences`` frame with its list columns as the CLI's
    tables write them: ``top_terms_kremlin``/``top_terms_western`` as ``term:0.1234; …`` (4
    decimals), ``kremlin_hits``/``western_hits`` as ``a; b``. What ``to_parquet``,
    ``to_feather`` and a Spark schema take (pyarrow cannot store a list of (term,
    contribution) tuples), and what ``scores.csv`` holds; ``attrs`` (the provenance) are kept."""

    def terms(cell: Any) -> Any:
        if not isinstance(cell, (list, tuple)):
            return cell
        return "; ".join(f"{t}:{w:.4f}" for t, w in cell)

    def phrases(cell: Any) -> Any:
        return "; ".join(cell) if isinstance(cell, (list, tuple)) else cell

    out = frame.copy()
    for c, text in [(c, terms) for c in _LIST_COLUMNS] + [(c, phrases) for c in ("kremlin_hits", "western_hits")]:
        if c in out.columns:
            cells = pd.Series([text(v) for v in out[c]], index=out.index, dtype=_TEXT_DTYPE)
            # An empty cell is missing, as in every text column (`_typed`).
            out[c] = cells.mask(cells == "")
    out.attrs = dict(frame.attrs)
    return out


class Explanation:
    """Why one article scored as it did, as ``framescope inspect ID`` says it: printed (or
    shown in a notebook) it is the CLI's text, made by the same library code from the
    article's row of ``scores`` and its rows of ``sentences``, with the model's
    ``quoted_weight`` and the run's thresholds."""

    def __init__(
        self,
        score: pd.Series,
        sentences: pd.DataFrame,
        model: "Model",
        top: int = 3,
        thresholds: Tuple[float, float] = (0.6, 0.4),
        fold: Optional[tuple] = None,
    ):
        #: The article's row of ``scores``.
        self.score = score
        #: The cross-fitting fold that scored it, when :func:`run` cross-fitted: (fold, folds,
        #: ``"id"``/``"order"`` — how folds were assigned —, articles in the fold, the fold
        #: classifier's training rows or ``None`` when the fold fell back to the model's, the
        #: id of the earlier article it copies or ``None``), as ``folds.json`` records them.
        self.fold = fold
        #: All its sentences, in text order.
        self.sentences = sentences.reset_index(drop=True)
        #: The explanation ``framescope inspect ID --top TOP`` prints.
        self.text, kremlin, western = model._m.explain(
            score.to_dict(), self.sentences.to_dict("records"), thresholds[0], thresholds[1], top, fold
        )

        def listed(rows: list) -> pd.DataFrame:
            at = [i for i, _ in rows]
            return self.sentences.iloc[at].assign(pull=[c for _, c in rows])

        #: The sentences the text lists as pulling the score most toward Kremlin: up to
        #: ``top`` whose ``pull`` = e − c is at least 2·``kremlin_threshold`` − 1, strongest
        #: first. e is the sentence's evidence as ``framing_score`` averages it (own words'
        #: 2·p_own − 1 and quoted words' 2·p_quoted − 1 at the model's ``quoted_weight``,
        #: word-weighted), c the article's ``score_offset``; so a sentence whose
        #: ``p_kremlin`` leans Kremlin can pull toward Western (scare-quoted terms).
        self.kremlin = listed(kremlin)
        #: Toward Western: up to ``top`` whose ``pull`` is at most 2·``western_threshold``
        #: − 1, strongest first.
        self.western = listed(western)
        #: (term, contribution) pairs, strongest first.
        self.top_terms_kremlin = list(score["top_terms_kremlin"])
        self.top_terms_western = list(score["top_terms_western"])

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


class Result:
    """What :func:`run` (or :meth:`Model.analyze`) returns.

    Attributes:
        scores: one row per article, the columns of ``scores.csv`` (``SCORE_COLUMNS``);
            ``top_terms_kremlin`` / ``top_terms_western`` are lists of (term, contribution).
        sentences: one row per sentence, the columns of ``sentences.csv``
            (``SENTENCE_COLUMNS``); ``kremlin_hits`` / ``western_hits`` are lists of phrases.
        model: the trained :class:`Model`.
        problems: inputs skipped or warned about, as the CLI prints them (:class:`Problem`
            strings; ``.id`` names a skipped record's id).
        provenance: what produced the rows, as ``run.json`` records it (``tool_version``,
            ``model_sha256``, ``lexicon_sha256``, ``inputs`` with their sha256 — a table or
            list of records is one input, hashed by its rows —, ``parameters``, ``problems``
            …); also in ``scores.attrs["framescope"]`` and ``sentences.attrs["framescope"]``,
            so that it goes with the tables.
    """

    def __init__(
        self,
        scores: pd.DataFrame,
        sentences: pd.DataFrame,
        model: "Model",
        problems: list,
        thresholds: Tuple[float, float] = (0.6, 0.4),
        out: Optional[str] = None,
        provenance: Optional[dict] = None,
        folds: Optional[list] = None,
    ):
        self.provenance = provenance if provenance is not None else {}
        # Per article id, the cross-fitting fold that scored it (``folds``: per row of
        # ``scores`` as returned), for ``explain``; ``None``: no cross-fitting.
        self._folds = dict(zip(scores["id"], folds)) if folds is not None and "id" in scores else None
        _stamp(scores, self.provenance)
        _stamp(sentences, self.provenance)
        self.scores = scores
        # The rows as made, for `explain`: `scores` is the user's to edit (the README's own
        # recipe turns `date` into Timestamps), and explain read the edited row and failed
        # (review, session 47). One row per article: a small copy.
        self._rows = scores.copy()
        self.sentences = sentences
        self.model = model
        self.problems = problems
        #: (kremlin_threshold, western_threshold) the scores used.
        self.thresholds = thresholds
        #: The output folder ``run(out=...)`` wrote, else ``None``.
        self.out = out

    def explain(self, id: Any, top: int = 3) -> Explanation:
        """Why article ``id`` scored as it did: ``framescope inspect ID --top TOP``'s text
        (``print`` it), from this result's rows. An integer id is its text (``0`` is
        ``"0"``). With ``run(out=...)`` past 1,000 articles, an article whose sentences
        ``sentences`` leaves out is explained from the folder's sentences.csv (its rows for
        that article only are kept, but each call reads through the file: 0.1 s at 10,000
        articles), as ``framescope inspect`` does; if the folder no longer holds
        them (replaced by another run), a :class:`FramescopeWarning` says so and the
        explanation is made without them."""
        id = str(id)
        rows = self._rows[self._rows["id"] == id]
        if rows.empty:
            near = _native.near_ids(self._rows["id"].tolist(), id)
            hint = f" (did you mean {', '.join(near)}?)" if near else ""
            raise KeyError(f"no article with id `{id}`{hint}")
        row = rows.iloc[0]
        fold = self._folds.get(id) if self._folds is not None else None
        sents = self.sentences[self.sentences["article_id"] == id]
        if sents.empty and self.out is not None and row["n_sentences"] > 0:
            path = os.path.join(self.out, "sentences.csv")
            found = _sentences_frame(_native.article_sentences(path, id)) if os.path.exists(path) else None
            if found is not None and len(found) == row["n_sentences"]:
                sents = found
            else:
                _user_warn(FramescopeWarning(
                    f"article `{id}`: its {row['n_sentences']} sentences are not in `sentences` (the first "
                    f"1,000 articles' are) nor in {path} (replaced since?): explained without them"
                ))
        return Explanation(row, sents, self.model, top, self.thresholds, fold)

    def __repr__(self) -> str:
        return f"<framescope.Result: {len(self.scores)} articles, {len(self.sentences)} sentences, {len(self.problems)} problems>"


def _stamp(df: pd.DataFrame, provenance: dict) -> None:
    """Record what produced a table in its ``attrs`` (kept by pandas through most operations
    and written by ``to_parquet``)."""
    if provenance:
        df.attrs["framescope"] = provenance


_ONE_ARTICLE = "a dict with `text`, the text itself, or one row (df.iloc[[i]])"


def _one_article(article: Any) -> Union[list, pd.DataFrame]:
    """The article ``Model.explain`` takes, as articles for :meth:`Model.analyze`: a path
    (``os.PathLike``, or a string naming an existing file) is read as ``score`` reads it."""
    if isinstance(article, os.PathLike) or (
        isinstance(article, str) and "\n" not in article and len(article) < 4096 and os.path.isfile(_expand(article))
    ):
        return [_expand(article)]
    if isinstance(article, str) and article and not any(c.isspace() for c in article):
        # One "word" is no article text (it has no sentence to score): a path that is not
        # there, said as one, rather than "no sentences survive cleaning".
        if os.path.exists(_expand(article)):
            return [_expand(article)]
        raise FramescopeError(f"{article}: no such file or directory")
    if isinstance(article, str):
        return [{"id": "article", "text": article}]
    if isinstance(article, pd.DataFrame):
        if len(article) != 1:
            raise TypeError(
                f"explain takes one article, not a DataFrame of {len(article)} rows: pass {_ONE_ARTICLE}, "
                "or explain each article from model.analyze(df).explain(id)"
            )
        return article
    if isinstance(article, (Mapping, pd.Series)):
        return [dict(article)]
    raise TypeError(f"explain takes one article: pass {_ONE_ARTICLE}, not {type(article).__name__}")


class Model:
    """A trained framing model (what ``model.json`` holds).

    Get one from :func:`train`, from ``run(...).model``, or with :meth:`Model.load`.
    """

    def __init__(self, native: "_native.Model"):
        self._m = native

    @classmethod
    def load(cls, path: PathLike, max_model_mb: Optional[int] = None) -> "Model":
        """Read a ``model.json`` written by ``framescope run``/``train`` or :meth:`save`.
        ``max_model_mb``: the largest file to read, in MiB (default 1024, as the CLI's
        ``--max-model-mb``; the cap keeps a corrupt file from exhausting memory). A default
        ``run`` on a million articles can write a larger model."""
        try:
            return cls(_call(_native.Model.load, _expand(path), max_model_mb))
        except FramescopeError as e:
            if "--max-model-mb" not in str(e):
                raise
            # The CLI's remedy, as this call takes it.
            raise FramescopeError(
                str(e).replace("raise it with --max-model-mb", "raise it with Model.load(path, max_model_mb=N)")
            ) from None

    def save(self, path: PathLike) -> str:
        """Write the model to ``path`` (a different model already there is kept as a dated
        backup, as the CLI does; inside a ``run`` or ``score`` output folder, one holding
        run.json, or a folder a ``diff`` wrote into, one holding diff.csv, the folder is
        replaced whole and its outputs kept beside it as a dated backup). Returns the model's
        sha256."""
        sha, backup, folder_note = self._m.save(_expand(path))
        if folder_note is not None:
            _user_warn(FramescopeWarning(folder_note))
        elif backup is not None:
            _user_warn(FramescopeWarning(f"previous model kept as {backup}"))
        return sha

    @property
    def sha256(self) -> str:
        """sha256 of the model file (what ``run.json`` records as ``model_sha256``)."""
        return self._m.sha256

    @property
    def info(self) -> dict:
        """A summary of model.json: ``format_version``, ``tool_version``, ``analyzer``,
        ``cleaner``, ``params``, ``training`` (statistics), ``training_inputs``, ``actors``,
        ``lexicon_sha256``, ``intercept``, ``n_features``. Not the vocabulary and weights
        (:meth:`terms`), the lexicon itself, the voice cues or the training articles' digests,
        which model.json also holds."""
        return self._m.info()

    def terms(self) -> pd.DataFrame:
        """The vocabulary: ``term``, ``idf``, ``weight`` (positive = Kremlin-sourced)."""
        terms, idf, weights = self._m.terms()
        return pd.DataFrame({"term": terms, "idf": idf, "weight": weights})

    def analyze(
        self,
        articles: Articles,
        *,
        kremlin_threshold: float = 0.6,
        western_threshold: float = 0.4,
        bootstrap: int = 1000,
    ) -> Result:
        """Score articles as ``framescope score`` does and return scores, sentences and
        problems (``Result``). Everything scoring needs (analyzer, lexicons, actor lists)
        comes from the model: nothing is read from ``./data``. The model's weaknesses
        (``warning: weak model: …``) are warned of on its first scoring call only."""
        return self._warned(articles, kremlin_threshold, western_threshold, bootstrap, True)

    def _warned(self, articles: Articles, kremlin_threshold: float, western_threshold: float, bootstrap: int,
                sentences: bool) -> Result:
        """``_analyze``, then its problems and the job's warnings said. Paths of which nothing
        could be scored (a mistyped path, a file without a ``text`` column) are an error, as
        ``framescope score`` stops with "no usable articles to score": a warning and an empty
        frame read as "no results" in a notebook. Rows are not: a batch of a pipeline (a Spark
        partition) whose rows are all blank gives an empty frame and its warnings."""
        result, job_warnings = self._analyze(articles, kremlin_threshold, western_threshold, bootstrap, sentences)
        paths = isinstance(articles, (str, os.PathLike)) or (
            isinstance(articles, (list, tuple))
            and len(articles) > 0
            and all(isinstance(a, (str, os.PathLike)) for a in articles)
        )
        if paths and result.scores.empty and result.problems:
            raise FramescopeError(
                "no usable articles to score: " + "; ".join(str(p) for p in result.problems)
            )
        if isinstance(articles, pd.DataFrame):
            _keep_index(result, articles.index)
        _warn(result.problems)
        _warn_job(job_warnings)
        return result

    def _analyze(
        self, articles: Articles, kremlin_threshold: float, western_threshold: float, bootstrap: int,
        sentences: bool = True,
    ):
        """``analyze`` without warning: (the result, the job's warnings). ``sentences=False``
        keeps no sentence row (``score --no-sentences``): ``result.sentences`` is empty."""
        scores, sentences, problems, job_warnings, made = _call(
            self._m.score,
            _inputs(articles, "<articles>"),
            kremlin_threshold,
            western_threshold,
            bootstrap,
            sentences,
        )
        thresholds = (kremlin_threshold, western_threshold)
        scored = Result(
            _scores_frame(scores), _sentences_frame(sentences), self, _problems(problems), thresholds, None, made
        )
        return scored, job_warnings

    def score(
        self,
        articles: Articles,
        *,
        kremlin_threshold: float = 0.6,
        western_threshold: float = 0.4,
        bootstrap: int = 1000,
    ) -> pd.DataFrame:
        """One row per article (the columns of ``scores.csv``), in input order; articles
        that cannot be scored are skipped with a :class:`FramescopeWarning`. Paths of which no
        article can be scored (a mistyped name, a file of blank texts) raise
        :class:`FramescopeError` "no usable articles to score", as ``framescope score`` stops;
        rows (a DataFrame, a list of dicts) give an empty frame and the warnings. The rows of a
        DataFrame keep its index labels, so ``df["framing_score"] = model.score(df)["framing_score"]``
        lines up (a skipped row gets NaN). Keyword
        arguments as in :meth:`analyze`. No sentence row is built (as ``framescope score
        --no-sentences``), so memory grows with the articles, not their sentences: use
        :meth:`analyze` for ``sentences`` too."""
        return self._warned(articles, kremlin_threshold, western_threshold, bootstrap, False).scores

    def explain(
        self,
        article: Union[Mapping[str, Any], str, pd.DataFrame, pd.Series],
        top: int = 3,
        *,
        kremlin_threshold: float = 0.6,
        western_threshold: float = 0.4,
        bootstrap: int = 1000,
    ) -> Explanation:
        """Score one article and say why, as ``framescope inspect`` would on its scores. The
        article: a dict with ``text`` (and optionally ``id, title`` …), the path of an article
        file (as :meth:`score` reads it: a ``.txt`` file's id is its name; a file of several
        articles is a ``TypeError``; a string without a space that names no file is a
        :class:`FramescopeError`, "no such file or directory"), the text itself (id ``article``), a one-row DataFrame (``df.iloc[[i]]``, read as :meth:`score` reads a
        DataFrame: an index named ``id`` is its id) or a row (``df.iloc[i]``: its fields only, as
        a row keeps no index name; ``df.iloc[[i]]`` keeps an id held in the index). A DataFrame
        of several rows is a ``TypeError``: explain each from ``model.analyze(df)``. An
        article that cannot be scored raises :class:`FramescopeError` with the reason (and
        is not warned of as well)."""
        r, job_warnings = self._analyze(_one_article(article), kremlin_threshold, western_threshold, bootstrap)
        if r.scores.empty:
            raise FramescopeError("; ".join(r.problems) or "the article could not be scored")
        if len(r.scores) > 1:
            # They were scored: the model's warnings are said, not used up unseen.
            _warn_job(job_warnings)
            raise TypeError(
                f"explain takes one article; {os.fspath(article)} holds {len(r.scores)}: "
                "explain each from model.analyze(path).explain(id)"
            )
        _warn(r.problems)
        _warn_job(job_warnings)
        return r.explain(r.scores["id"].iloc[0], top)

    def __reduce__(self):
        # Pickled as model.json's text (Spark broadcast and UDF capture, joblib, multiprocessing).
        return (_model_from_json, (self._m.to_json(),))

    def __repr__(self) -> str:
        t = self.info["training"]
        return (
            f"<framescope.Model: {self._m.info()['n_features']} terms, trained on {t['articles']} articles "
            f"({t['trained_kremlin']} Kremlin + {t['trained_western']} Western sentences)>"
        )


def _model_from_json(text: str) -> Model:
    """Unpickle a :class:`Model` (its model.json text)."""
    return Model(_native.Model.from_json(text))


def _seeds(seeds: Articles) -> list:
    if seeds is None:
        found = os.fspath(_native.default_seeds())
        if not os.path.isdir("seeds"):
            # As the data files' note: a notebook outside the clone trained on the built-in
            # seeds without a word (review, session 42).
            _user_warn(FramescopeWarning(
                "note: no ./seeds folder here: training on the built-in seeds (pass seeds=PATH, or run where seeds/ is)"
            ))
        return [found]
    # Seeds that are not there stop the job, as `framescope run --seeds` does (an article
    # path that is not there is one input skipped).
    if isinstance(seeds, (str, os.PathLike)):
        # Article text given as seeds is named as such (review, session 34: it was printed
        # whole as a path that does not exist).
        s = _path_arg(seeds, "seeds")
        if isinstance(s, str) and s != _native.BUILTIN_SEEDS and not os.path.lexists(s):
            raise FramescopeError(f"{s}: no such file or directory (the seeds)")
    return _inputs(seeds, "<seeds>")


def _seed_path(seeds: Articles) -> Optional[str]:
    """The seeds as one path when they are one (``None``: the default, ./seeds or the
    built-in ones), else ``None`` (a DataFrame, records or a list of paths)."""
    if seeds is None:
        return os.fspath(_native.default_seeds())
    if isinstance(seeds, (str, os.PathLike)):
        return _seeds(seeds)[0]
    return None


def _any_articles(inputs: list) -> bool:
    """Whether ``_inputs``' result holds any article: a path, or a non-empty list of records
    (articles beside the seeds make a run corpus mode)."""
    return any(not isinstance(i, tuple) or len(i[1]) > 0 for i in inputs)


def _path(p: Optional[PathLike]) -> Optional[str]:
    return None if p is None else _expand(p)


def _absolute(inputs: list) -> list:
    """``train``'s and ``run``'s paths as absolute paths (the built-in seeds' name kept):
    model.json records its training inputs and lexicon sources as the paths read, and
    run.json absolute paths, so a ``framescope retrain`` of a ``run(out=…)`` folder given
    relative paths read other path strings, changed ``model_sha256`` and kept a spurious
    backup (review H M3)."""
    return [os.path.abspath(i) if isinstance(i, (str, bytes)) and i != _native.BUILTIN_SEEDS else i
            for i in inputs]


def _data_paths(data: Optional[PathLike], lexicons: Optional[PathLike]) -> Tuple[Optional[str], Optional[str]]:
    """``data`` and ``lexicons`` as absolute paths (see :func:`_absolute`); no ``data`` is
    ./data when it is a folder, as the library decides, else the built-in files."""
    if data is None and os.path.isdir("data"):
        data = "data"
    return tuple(None if p is None else _absolute([_expand(p)])[0] for p in (data, lexicons))


def train(
    articles: Articles = None,
    *,
    seeds: Articles = None,
    data: Optional[PathLike] = None,
    lexicons: Optional[PathLike] = None,
    **params: Any,
) -> Model:
    """Train a model on the seeds plus ``articles`` (as ``framescope train``; the lexicons
    weakly label every sentence, no article labels are used).

    ``seeds``: ``None`` = ./seeds if present, else the built-in seeds (``BUILTIN_SEEDS``);
    or articles/paths; ``[]`` for none. ``data``: the folder of data files (default ./data
    if present, else built-in); ``lexicons``: the folder with kremlin.txt and western.txt
    (default <data>/lexicons). ``params``: the names in ``MODEL_OPTIONS`` (``alpha, margin,
    max_train_sentences, max_train_features, seed, min_df, max_df, max_features,
    sublinear_tf, mask_lexicon, lexicon_prior, propagate_weight, propagate_tau,
    quoted_weight``: the CLI's options, same defaults; ``quoted_weight=None`` is the CLI's
    ``--mean-score``).

    Paths (``~`` expanded) go to the library as absolute paths, which model.json records as
    its training inputs and lexicon sources (a ``framescope retrain`` of the run's folder then
    reproduces the model from any folder).
    """
    beside = _absolute(_inputs(articles, "<articles>"))
    seed_inputs = _absolute(_seeds(seeds))
    # Corpus mode is articles beside seeds, as `framescope train --seeds S PATH…`; articles
    # alone (`seeds=[]`) are learned from as seeds are, as `framescope train PATH…` (review,
    # session 47: the two wrote models that differed in this flag and so in their hash).
    corpus = _any_articles(beside) and _any_articles(seed_inputs)
    model, problems, job_warnings = _call(
        _native.train,
        seed_inputs + beside, *_data_paths(data, lexicons), corpus_mode=corpus, **params
    )
    _warn(problems)
    _warn_job(job_warnings)
    return Model(model)


def run(
    articles: Articles = None,
    *,
    seeds: Articles = None,
    data: Optional[PathLike] = None,
    lexicons: Optional[PathLike] = None,
    kremlin_threshold: float = 0.6,
    western_threshold: float = 0.4,
    bootstrap: int = 1000,
    out: Optional[PathLike] = None,
    folds: Optional[int] = None,
    **params: Any,
) -> Result:
    """The main job, as ``framescope run``: train on the seeds plus ``articles``, then
    score them all. Returns a :class:`Result` (``scores``, ``sentences``, ``model``,
    ``problems``). Arguments as in :func:`train` and :meth:`Model.analyze`.

    ``out``: also write the CLI's output folder there (tables, model.json, charts,
    report.html, run.json), replaced as a whole, its previous contents kept as a dated
    backup. Then ``sentences`` holds the first 1,000 articles' sentences, as the job keeps
    them (a :class:`FramescopeWarning` says how many articles' sentences are left out; the
    folder's sentences.csv has all of them); without ``out`` nothing is written and
    everything is returned.

    ``folds``: cross-fitting folds (``--folds``; default 10): every article is scored by a
    classifier fitted without its fold's articles, so its own text never trains what scores
    it; ``0`` scores in-sample with the returned model (``result.model``, the fit on every
    article, is what :meth:`Model.score` applies to new articles either way)."""
    beside = _absolute(_inputs(articles, "<articles>"))
    inputs = _absolute(_seeds(seeds)) + beside
    data, lexicons = _data_paths(data, lexicons)
    # Articles beside the seeds: corpus mode (the weak-model warning's remedy depends on it).
    corpus = _any_articles(beside)
    if out is not None:
        # Seeds that are one path go to the job as seeds, as `framescope run --seeds` gives
        # them, so that run.json records them as `seeds` (not as articles) and `framescope
        # retrain` on the folder reads them as seeds again.
        seed_path = _seed_path(seeds)
        seed_path = None if seed_path is None else _absolute([seed_path])[0]
        model, (scores, sentences, problems, job_warnings, made), folds = _call(
            _native.run,
            beside if seed_path is not None else inputs, _expand(out), data, lexicons,
            kremlin_threshold, western_threshold, bootstrap, folds, corpus, seeds=seed_path, **params,
        )
    else:
        # The article paths beside the seeds, for `run`'s warning when none of them exists.
        named = beside if all(isinstance(b, str) for b in beside) else []
        model, (scores, sentences, problems, job_warnings, made), folds = _call(
            _native.run_in_memory,
            inputs, data, lexicons, kremlin_threshold, western_threshold, bootstrap, folds, corpus,
            named=named, **params,
        )
    thresholds = (kremlin_threshold, western_threshold)
    written = os.path.abspath(_expand(out)) if out is not None else None
    result = Result(
        _scores_frame(scores), _sentences_frame(sentences), Model(model), _warn(problems), thresholds, written, made,
        folds,
    )
    _warn_job(job_warnings)
    return result
