"""What the README's Python section says holds: every model option is listed, its recipe for
turning `date` into timestamps works on the mixed forms the package returns, and its recipe
for comparing two models runs (there is no `diff` in the package) and shows what seeds given
as rows lose."""

import datetime
import os
import re
import warnings
from pathlib import Path

import pandas as pd

import framescope
from conftest import cli


def python_section(repo):
    text = (repo / "README.md").read_text(encoding="utf-8")
    return text[text.index("\n## Python\n"):text.index("\n## HTML report\n")]


def test_the_readme_lists_every_model_option(repo):
    section = python_section(repo)
    listed = re.search(r"`framescope\.MODEL_OPTIONS`: `([^`]*)`", section)
    assert listed, "the MODEL_OPTIONS list is gone from the README's Python section"
    names = [n.strip() for n in listed.group(1).split(",")]
    assert names == list(framescope.MODEL_OPTIONS)


RECIPE = 'pd.to_datetime(r.scores.date, format="ISO8601", utc=True)'


def test_dates_come_back_as_written_and_the_readme_recipe_parses_them(repo):
    assert RECIPE in python_section(repo)
    text = "Moscow-backed separatists shelled villages near the front, officials in Kyiv said."
    dates = ["2022-02-18", "2022-02-18T13:45:00", "2022-02-18T13:45:00+03:00", "2022-02-18T10:45:00Z",
             pd.Timestamp("2022-02-18 13:45", tz=datetime.timezone(datetime.timedelta(hours=3))), 1645181100]
    rows = [{"id": str(i), "text": f"{text} The shelling lasted {i + 2} hours.", "date": d}
            for i, d in enumerate(dates)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framescope.FramescopeWarning)
        r = framescope.train(seeds=repo / "seeds", data=repo / "data").analyze(rows, bootstrap=0)
    assert r.scores.date.tolist() == ["2022-02-18", "2022-02-18T13:45:00", "2022-02-18T13:45:00+03:00",
                                      "2022-02-18T10:45:00Z", "2022-02-18T13:45:00+03:00", "2022-02-18T10:45:00Z"]
    parsed = eval(RECIPE, {"pd": pd, "r": r})
    # By hand: 13:45 at +03:00 is 10:45 UTC; a date or time without an offset is taken as UTC;
    # epoch 1645181100 s is 2022-02-18 10:45 UTC.
    utc = pd.Timestamp("2022-02-18 10:45", tz="UTC")
    assert parsed.tolist() == [pd.Timestamp("2022-02-18", tz="UTC"), pd.Timestamp("2022-02-18 13:45", tz="UTC"),
                               utc, utc, utc, utc]


def test_no_diff_in_python_the_readme_recipe_compares_two_models_and_seed_rows_lose_headlines(
        binary, repo, tmp_path, monkeypatch):
    section = python_section(repo)
    assert not [n for n in dir(framescope) if "diff" in n.lower()]
    said = re.search(r"no Python equivalent of `framescope diff`.*?```python\n(.*?)```", section, re.S)
    assert said, "the README's Python section no longer says how to compare two models"
    recipe = "\n".join(line[2:] for line in said.group(1).splitlines())
    # The seeds' files as a `text` column (ids given) against the files themselves.
    files = sorted((repo / "seeds").glob("*.txt"))
    rows = pd.DataFrame({"id": [f.stem for f in files], "text": [f.read_text(encoding="utf-8") for f in files]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framescope.FramescopeWarning)
        old = framescope.train(seeds=repo / "seeds", data=repo / "data")
        new = framescope.train(seeds=rows, data=repo / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", f"{Path(binary).parent}:{os.environ.get('PATH', '')}")
    ns = {"old": old, "new": new, "pd": pd}
    exec(recipe, ns)
    changes, weights = ns["changes"], ns["weights"]
    # Line 1 is no headline in a row: 4 seeds' texts differ (the fifth's line 1 ends in a period).
    assert changes[changes.kind == "seed_edited"].key.tolist() == [f.stem for f in files if f.stem[:3] != "002"]
    assert (len(old.terms()), len(new.terms())) == (1054, 1031)
    labelled = lambda m: m.info["training"]["trained_kremlin"] + m.info["training"]["trained_western"]
    assert (labelled(old), labelled(new)) == (25, 22)
    assert weights.change.abs().max() > 0.1 and len(weights) == len(set(old.terms().term) | set(new.terms().term))
    # Seed files give the CLI's model, byte for byte.
    cli(binary, "train", "--seeds", str(repo / "seeds"), "--data", str(repo / "data"), "--model", str(tmp_path / "c.json"))
    assert framescope.Model.load(tmp_path / "c.json").sha256 == old.sha256
