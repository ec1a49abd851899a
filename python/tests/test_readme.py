"""What the README's Python section says holds: every model option is listed, and its recipe
for turning `date` into timestamps works on the mixed forms the package returns."""

import datetime
import re
import warnings

import pandas as pd

import framescope


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
