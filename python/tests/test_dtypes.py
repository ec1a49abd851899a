"""A column's dtype does not depend on the batch: numbers are float64 (NaN when missing)
even when every row lacks them, counts int64, text pandas' string dtype, lists object."""

import warnings

import numpy as np
import pandas as pd
import pytest

import framescope

T = "Moscow-backed separatists shelled villages near the front, officials in Kyiv said."


@pytest.fixture(scope="module")
def frames(repo):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framescope.FramescopeWarning)
        full = framescope.run(seeds=repo / "seeds", data=repo / "data", bootstrap=200)
        m = full.model
        one = m.analyze([{"id": "a", "text": T}], bootstrap=0)
        empty = m.analyze([{"id": "b", "text": " "}], bootstrap=0)
    return full, one, empty


def test_columns_that_are_empty_in_a_batch_keep_their_numeric_dtype(frames):
    full, one, _ = frames
    # The independent expectation: numbers missing from every row of a one-row score.
    for c in ("score_low", "score_high", "sourcing_balance"):
        assert one.scores[c].isna().all(), c
        assert one.scores[c].dtype == np.float64, (c, one.scores[c].dtype)
    assert full.scores.score_low.notna().all()  # the same columns, filled, in a full run
    assert one.scores.n_sentences.dtype == np.int64
    assert one.scores.n_statements.dtype == np.int64 and one.scores.n_attributed.dtype == np.int64
    assert one.sentences.is_headline.dtype == bool


@pytest.mark.parametrize("table", ["scores", "sentences"])
def test_dtypes_are_the_same_in_every_batch(frames, table):
    full, one, empty = frames
    want = getattr(full, table).dtypes
    assert len(getattr(empty, table)) == 0
    for r in (one, empty):
        got = getattr(r, table).dtypes
        assert got.to_dict() == want.to_dict()
    strings = pd.Series(["x"]).dtype  # pandas' usual dtype for text
    assert want["id" if table == "scores" else "article_id"] == strings
    assert full.scores.top_terms_kremlin.dtype == object and isinstance(full.scores.top_terms_kremlin[0], list)
