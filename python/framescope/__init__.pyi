# Type stubs for framescope (the pandas-facing API in __init__.py).
import os
from typing import Any, Mapping, Optional, Sequence, Tuple, Union

import pandas as pd

__version__: str
BUILTIN_SEEDS: str
#: The model options' names (``alpha`` …); an option left out takes the CLI's default.
MODEL_OPTIONS: tuple[str, ...]
SCORE_COLUMNS: list[str]
SENTENCE_COLUMNS: list[str]

PathLike = Union[str, os.PathLike[str]]
Articles = Union[pd.DataFrame, Sequence[Mapping[str, Any]], PathLike, Sequence[PathLike], None]

class FramescopeError(Exception):
    """An error from the framescope library; the message is the CLI's."""

class FramescopeWarning(UserWarning):
    """An input skipped or kept with a warning, worded as the CLI prints it."""

    id: Optional[str]

class Problem(str):
    """One entry of ``Result.problems`` (the CLI's line); ``id``: the skipped record's id."""

    id: Optional[str]

class Explanation:
    """Why one article scored as it did: ``framescope inspect ID``'s text (``text``, what
    ``print`` shows) and the rows behind it."""

    score: pd.Series
    sentences: pd.DataFrame
    text: str
    kremlin: pd.DataFrame
    western: pd.DataFrame
    top_terms_kremlin: list[Tuple[str, float]]
    top_terms_western: list[Tuple[str, float]]
    #: The cross-fitting fold that scored it in a cross-fitted ``run``: (fold, folds,
    #: "id"/"order", articles in the fold, the fold classifier's training rows or None when
    #: it fell back to the model's, the id of the article it copies or None); else None.
    fold: Optional[tuple[int, int, str, int, Optional[int], Optional[str]]]
    def __init__(
        self,
        score: pd.Series,
        sentences: pd.DataFrame,
        model: Model,
        top: int = 3,
        thresholds: Tuple[float, float] = (0.6, 0.4),
        fold: Optional[tuple[int, int, str, int, Optional[int], Optional[str]]] = None,
    ) -> None: ...

class Result:
    """Scores, sentences, model and problems of a run or an analysis."""

    scores: pd.DataFrame
    sentences: pd.DataFrame
    model: Model
    problems: list[Problem]
    thresholds: Tuple[float, float]
    out: Optional[str]
    provenance: dict[str, Any]
    def __init__(
        self,
        scores: pd.DataFrame,
        sentences: pd.DataFrame,
        model: Model,
        problems: list[str],
        thresholds: Tuple[float, float] = (0.6, 0.4),
        out: Optional[str] = None,
        provenance: Optional[dict[str, Any]] = None,
        folds: Optional[list[Any]] = None,
    ) -> None: ...
    def explain(self, id: Union[str, int], top: int = 3) -> Explanation:
        """Why article ``id`` scored as it did: ``framescope inspect ID --top TOP``'s text."""

class Model:
    """A trained framing model (what model.json holds)."""

    @classmethod
    def load(cls, path: PathLike, max_model_mb: Optional[int] = None) -> Model:
        """Read a model.json written by ``framescope run``/``train`` or :meth:`save`; ``max_model_mb``: the largest file to read, in MiB (default 1024)."""
    def save(self, path: PathLike) -> str:
        """Write model.json (a different model there is kept as a dated backup; in a run's output folder the folder is replaced whole, its outputs kept as a dated backup); returns its sha256."""
    @property
    def sha256(self) -> str:
        """sha256 of the model file (run.json's model_sha256)."""
    @property
    def info(self) -> dict[str, Any]:
        """Versions, settings, parameters, training statistics and inputs, lexicon sha256."""
    def terms(self) -> pd.DataFrame:
        """The vocabulary: term, idf, weight (positive = Kremlin-sourced)."""
    def analyze(
        self,
        articles: Articles,
        *,
        kremlin_threshold: float = 0.6,
        western_threshold: float = 0.4,
        bootstrap: int = 1000,
    ) -> Result:
        """Score articles as ``framescope score`` does: scores, sentences, problems."""
    def score(
        self,
        articles: Articles,
        *,
        kremlin_threshold: float = 0.6,
        western_threshold: float = 0.4,
        bootstrap: int = 1000,
    ) -> pd.DataFrame:
        """One row per article (the columns of scores.csv), in input order."""
    def explain(
        self,
        article: Union[Mapping[str, Any], str, pd.DataFrame, pd.Series],
        top: int = 3,
        *,
        kremlin_threshold: float = 0.6,
        western_threshold: float = 0.4,
        bootstrap: int = 1000,
    ) -> Explanation:
        """Score one article (a dict with ``text``, the path of an article file, the text, a one-row DataFrame or a row) and say why, as ``framescope inspect``."""

def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with the list columns as the CLI's text cells (``term:0.1234; …``, ``a; b``): what ``to_parquet``, ``to_feather`` and Spark take."""

def train(
    articles: Articles = None,
    *,
    seeds: Articles = None,
    data: Optional[PathLike] = None,
    lexicons: Optional[PathLike] = None,
    alpha: float = 1.0,
    margin: float = 1.0,
    max_train_sentences: int = 2000,
    max_train_features: int = 2000,
    seed: int = 42,
    min_df: int = 1,
    max_df: float = 1.0,
    max_features: Optional[int] = None,
    sublinear_tf: bool = True,
    mask_lexicon: bool = False,
    lexicon_prior: float = 0.5,
    propagate_weight: float = 1 / 3,
    propagate_tau: float = 0.2,
    quoted_weight: Optional[float] = 0.5,
) -> Model:
    """Train a model on the seeds plus ``articles`` (as ``framescope train``)."""

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
    alpha: float = 1.0,
    margin: float = 1.0,
    max_train_sentences: int = 2000,
    max_train_features: int = 2000,
    seed: int = 42,
    min_df: int = 1,
    max_df: float = 1.0,
    max_features: Optional[int] = None,
    sublinear_tf: bool = True,
    mask_lexicon: bool = False,
    lexicon_prior: float = 0.5,
    propagate_weight: float = 1 / 3,
    propagate_tau: float = 0.2,
    quoted_weight: Optional[float] = 0.5,
) -> Result:
    """The main job, as ``framescope run``: train on seeds + articles, score them all
    (``out``: also write the CLI's output folder there)."""
