"""Review H (a pandas/Spark user's view of the package): each test names the finding it
guards. Texts are written for these tests."""

import json
import os
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

import framescope
from conftest import cli

T1 = "Moscow-backed separatists shelled villages near the front, officials in Kyiv said."
T2 = "The strongman spoke again on Friday about the talks in Geneva and the sanctions."
T3 = "Kyiv said the shelling continued overnight, and Western officials condemned it."
PREFIX = "framescope: "


@pytest.fixture(scope="module")
def model(repo):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framescope.FramescopeWarning)
        return framescope.train(seeds=repo / "seeds", data=repo / "data")


def caught(call):
    """(what `call()` returned, the FramescopeWarning messages it issued)."""
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        got = call()
    return got, [w.message for w in ws if issubclass(w.category, framescope.FramescopeWarning)]


def cli_lines(p, marker, path=None):
    """The CLI's stderr lines holding `marker`, without `framescope: ` (and `path` as
    `<articles>`)."""
    lines = [l[len(PREFIX):] for l in p.stderr.splitlines() if l.startswith(PREFIX) and marker in l]
    return [l.replace(str(path), "<articles>") for l in lines] if path is not None else lines


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


# M1: past 2,000 articles the own-text columns are empty, and the CLI says so.

_WORDS = ("officials envoy convoy grain port talks villages front ministry spokesman harbour train bridge "
          "council farmers winter border market shelling weather river factory school mayor court "
          "teachers bakery station tanker sanctions election drivers nurses pipeline").split()


def _many(n):
    """`n` articles of two sentences of words drawn at random (templated text would make
    millions of near pairs, which empties the columns for another reason)."""
    import random
    rnd = random.Random(7)

    def sentence():
        return " ".join(rnd.choice(_WORDS) for _ in range(14)).capitalize() + "."

    return [{"id": f"a{i}", "text": f"{sentence()} {sentence()}"} for i in range(n)]


def test_m1_own_text_columns_left_empty_past_2000_rows_are_noted_as_the_cli(binary, model, tmp_path):
    rows = _many(2001)
    m = tmp_path / "m.json"
    model.save(m)
    p = cli(binary, "score", "--model", str(m), "--out", str(tmp_path / "o"), "--no-sentences",
            str(write_jsonl(tmp_path / "a.jsonl", rows)))
    expected = cli_lines(p, "own_text_share and own_framing_score left empty")
    assert expected == ["note: own_text_share and own_framing_score left empty: more than 2000 articles "
                        "(use `framescope overlap` on a subset)"]
    scores, said = caught(lambda: model.score(rows, bootstrap=0))
    assert scores.own_text_share.isna().all() and scores.own_framing_score.isna().all()
    assert [str(w) for w in said if "own_text_share" in str(w)] == expected
    # Recorded where the package records what the CLI's run.json does.
    assert expected[0] in scores.attrs["framescope"]["problems"]
    # At 2,000 rows the columns are filled and nothing is said.
    scores, said = caught(lambda: model.score(rows[:2000], bootstrap=0))
    assert scores.own_text_share.notna().all()
    assert not [w for w in said if "own_text_share" in str(w)]
