"""Every FramescopeWarning points at the user's line, whichever public function was called (and
however deep in the package it was raised), so Python's default filter shows it once per line."""

import pickle
import warnings

import pandas as pd
import pytest

import framescope
from conftest import seeds_model

T1 = "Moscow-backed separatists shelled villages near the front, officials in Kyiv said."
T2 = "The strongman spoke again on Friday about the talks in Geneva and the sanctions."


@pytest.fixture(scope="module")
def model(repo):
    return seeds_model(repo)


def fresh(model):
    """A copy of the model that has not warned yet (as a model loaded again)."""
    return pickle.loads(pickle.dumps(model))


def caught(call):
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        call()
    ours = [w for w in ws if issubclass(w.category, framescope.FramescopeWarning)]
    assert ours, "expected a FramescopeWarning"
    return ours


ROWS = [{"id": "e", "text": ""}, {"id": "a", "text": T1}]  # "e" is skipped: a problem


@pytest.mark.parametrize("entry", ["run", "train", "score", "analyze", "explain", "save"])
def test_warnings_point_at_the_callers_line(entry, model, repo, tmp_path):
    seeds = dict(seeds=repo / "seeds", data=repo / "data")
    calls = {
        "run": lambda: framescope.run(ROWS, bootstrap=0, **seeds),
        "train": lambda: framescope.train(ROWS, **seeds),
        "score": lambda: model.score(ROWS, bootstrap=0),
        "analyze": lambda: model.analyze(ROWS, bootstrap=0),
        "explain": lambda: fresh(model).explain(T1, bootstrap=0),  # the weak model's warning
        "save": lambda: (model.save(tmp_path / "m.json"), framescope.train(**seeds).save(tmp_path / "m.json")),
    }
    for w in caught(calls[entry]):
        assert w.filename == __file__, (entry, str(w.message), w.filename, w.lineno)


def test_a_groupby_loop_shows_the_weak_model_warning_once(model):
    # pandas enters `warnings.catch_warnings()` hundreds of times per call, which resets the
    # default filter's once-per-line memory: the model itself says its weaknesses once.
    df = pd.DataFrame({"outlet": [f"o{i % 5}" for i in range(10)], "id": [str(i) for i in range(10)],
                       "text": [T1 if i % 2 else T2 for i in range(10)]})
    once = [str(w.message) for w in caught(lambda: fresh(model).score(df, bootstrap=0)) if "weak model:" in str(w.message)]
    assert once  # the repository's five seeds make a weak model
    m = fresh(model)
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("default")
        for _, g in df.groupby("outlet"):  # five groups
            m.score(g, bootstrap=0)
    weak = [str(w.message) for w in ws if "weak model:" in str(w.message)]
    assert weak == once
    # Even with every warning shown: the model's weaknesses are said on its first scoring.
    m = fresh(model)
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        for _, g in df.groupby("outlet"):
            m.score(g, bootstrap=0)
    assert [str(w.message) for w in ws if "weak model:" in str(w.message)] == once
