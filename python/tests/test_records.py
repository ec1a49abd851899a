"""Rows held in memory are read as JSONL lines are: the same ids, dates and skips as the
CLI gives for the same records written as JSONL (the reference), whatever Python or numpy
type holds a value."""

import json
import warnings

import numpy as np
import pandas as pd
import pytest

import framescope
from conftest import cli, read_table

T1 = "Moscow-backed separatists shelled villages near the front, officials in Kyiv said."
T2 = "The strongman spoke again on Friday about the talks in Geneva and the sanctions."
T3 = "Kyiv said the shelling continued overnight, and Western officials condemned it."


@pytest.fixture(scope="module")
def model(repo):
    return framescope.train(seeds=repo / "seeds", data=repo / "data")


def cli_score(binary, model, tmp_path, records):
    """The CLI's scores.csv and its `skipped` lines for `records` written as JSONL."""
    m = tmp_path / "m.json"
    if not m.exists():
        model.save(m)
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records))
    out = tmp_path / "out"
    p = cli(binary, "score", "--model", str(m), "--out", str(out), str(jsonl))
    skipped = [l[len("framescope: "):].replace(str(jsonl), "<articles>") for l in p.stderr.splitlines()
               if ": skipped: " in l]
    return read_table(out / "scores.csv"), skipped


def problems_of(call):
    with pytest.warns(framescope.FramescopeWarning) as caught:
        r = call()
    ours = [x.message for x in caught if issubclass(x.category, framescope.FramescopeWarning)
            and ": skipped: " in str(x.message)]  # not the weak model's warnings
    assert [str(w) for w in ours] == list(r.problems)
    return r, ours


def test_an_integer_id_column_with_missing_values_reads_as_integers(binary, model, tmp_path):
    # pandas holds [1, NaN] as float64: 1.0 is the article "1" (JSONL reads 1), NaN is no id.
    df = pd.DataFrame({"id": [1, np.nan], "text": [T1, T2]})
    assert df["id"].dtype == "float64"
    expected, _ = cli_score(binary, model, tmp_path, [{"id": 1, "text": T1}, {"text": T2}])
    got = model.score(df, bootstrap=0)
    assert got.id.tolist() == expected.id.tolist()
    assert got.id.tolist()[0] == "1" and got.id.tolist()[1].startswith("sha256:")
    # The CLI reads a JSONL id of 1.0 (pandas' to_json of that column) as the same article.
    as_floats, _ = cli_score(binary, model, tmp_path, [{"id": 1.0, "text": T1}, {"text": T2}])
    assert as_floats.id.tolist() == got.id.tolist()


def test_a_numeric_outlet_column_reads_as_the_cli_reads_it(binary, model, tmp_path):
    # Outlet codes as an integer column with a gap (float64 in pandas): 12.0 is outlet "12",
    # as the CLI reads 12 and 12.0 in JSONL; NaN is no outlet. Before session 26 every row
    # was skipped ("field `outlet` must be a string").
    df = pd.DataFrame({"id": ["a", "b", "c"], "outlet": [12, np.nan, 7], "text": [T1, T2, T3]})
    assert df["outlet"].dtype == "float64"
    expected, skipped = cli_score(binary, model, tmp_path, [
        {"id": "a", "outlet": 12, "text": T1}, {"id": "b", "text": T2}, {"id": "c", "outlet": 7.0, "text": T3}])
    assert skipped == []
    got = model.score(df, bootstrap=0)
    assert got.outlet.tolist()[0] == "12" and got.outlet.tolist()[2] == "7"
    assert pd.isna(got.outlet.tolist()[1])
    assert expected.outlet.tolist()[0] == "12" and expected.outlet.tolist()[2] == "7"


def test_numeric_ids_read_as_the_cli_reads_them_in_jsonl(binary, model, tmp_path):
    # A row is read like a JSONL line: `"id": 1.5` is id "1.5" there, 3.0 is "3". Before
    # session 29 the package skipped such rows ("must be a string or an integer, not 1.5").
    # 2**70 is where they part: JSON parses it as a float and loses its digits, so the CLI
    # skips that line (session 35; it kept the float's text, 1.1805916207174113e+21, and two
    # such ids could become one), while Python holds it exactly and the package keeps its digits.
    rows = [{"id": 1.5, "text": T1}, {"id": 2**70, "text": T2}, {"id": 3.0, "text": T3}]
    expected, skipped = cli_score(binary, model, tmp_path, rows)
    assert len(skipped) == 1 and skipped[0].startswith(
        "<articles>:2: skipped: field `id` is the number 1.1805916207174113e+21, larger than a JSON reader keeps exactly"), skipped
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the weak model's, on a first call
        r = model.analyze(pd.DataFrame({"id": [1.5, 2.0], "text": [T1, T2]}), bootstrap=0)
        got = model.score(rows, bootstrap=0)
    assert r.problems == []
    assert r.scores.id.tolist() == ["1.5", "2"]
    assert expected.id.tolist() == ["1.5", "3"]
    assert got.id.tolist() == ["1.5", str(2**70), "3"]
    # A float from 2^53 up has lost its digits in Python too: skipped, as the CLI skips it.
    r, ws = problems_of(lambda: model.analyze([{"id": 2.0**70, "text": T1}, {"id": "b", "text": T2}], bootstrap=0))
    assert r.scores.id.tolist() == ["b"]
    assert len(r.problems) == 1 and "field `id` is the number 1.1805916207174113e+21, larger than" in str(r.problems[0])


def test_a_bad_value_skips_its_record_as_the_cli_does(binary, model, tmp_path):
    rows = [{"id": "a", "text": T1, "date": True}, {"id": "b", "text": T2}]
    expected, cli_skipped = cli_score(binary, model, tmp_path, rows)
    r, ws = problems_of(lambda: model.analyze(rows, bootstrap=0))
    assert r.scores.id.tolist() == expected.id.tolist() == ["b"]
    assert r.problems == cli_skipped
    assert len(r.problems) == 1 and r.problems[0].id == "a" and ws[0].id == "a"


def test_wrong_types_in_text_skip_the_record_with_its_id_and_a_label_that_is_no_side_is_ignored(model):
    rows = [{"id": "t", "text": 3}, {"id": "l", "text": T1, "label": 1}, {"id": "ok", "text": T2, "label": "Western"},
            {"id": "s", "text": T3, "title": ["x"]}]
    r, ws = problems_of(lambda: model.analyze(rows, bootstrap=0))
    # A label of 1 names no side (as in a JSONL line, CSV or Parquet): the row is scored, unlabelled.
    assert r.scores.id.tolist() == ["l", "ok"]
    assert r.scores.label.isna().tolist() == [True, False]
    assert r.scores.label.tolist()[1] == "western"
    assert r.problems == [
        "<articles>:1: skipped: field `text` is a number (3), not text",
        "<articles>:4: skipped: field `title` is a list ([\"x\"]), not text",
    ]
    assert [p.id for p in r.problems] == ["t", "s"] == [w.id for w in ws]


def test_a_dataframe_text_column_holding_an_int_skips_that_row(model):
    df = pd.DataFrame({"id": ["a", "b"], "text": [T1, 7]})
    r, _ = problems_of(lambda: model.analyze(df, bootstrap=0))
    assert r.scores.id.tolist() == ["a"]
    assert r.problems == ["<articles>:2: skipped: field `text` is a number (7), not text"]


def test_numpy_scalars_in_a_list_of_dicts_read_as_their_python_values(binary, model, tmp_path):
    as_numpy = [
        {"id": np.int64(7), "text": np.str_(T1), "date": np.datetime64("2022-02-10"), "outlet": np.str_("A")},
        {"id": np.float64(8), "text": T2, "date": np.float64(1644451200.0)},
        {"id": "c", "text": T3, "date": np.datetime64("2022-02-10T12:30:00"), "title": np.str_("Shelling")},
        {"id": np.int32(9), "text": T1 + " Again.", "date": np.int64(1644451200000)},
    ]
    as_json = [
        {"id": 7, "text": T1, "date": "2022-02-10", "outlet": "A"},
        {"id": 8, "text": T2, "date": 1644451200},
        {"id": "c", "text": T3, "date": "2022-02-10T12:30:00", "title": "Shelling"},
        {"id": 9, "text": T1 + " Again.", "date": 1644451200000},
    ]
    expected, _ = cli_score(binary, model, tmp_path, as_json)
    got = model.score(as_numpy, bootstrap=0)
    assert got.id.tolist() == expected.id.tolist() == ["7", "8", "c", "9"]
    assert got.date.tolist() == expected.date.tolist()
    assert [f"{x:.6f}" for x in got.framing_score] == expected.framing_score.tolist()


def test_a_row_over_32_mb_is_skipped_as_too_large_as_the_cli_skips_a_jsonl_line(binary, model, tmp_path):
    # 17 Mi × "x " = 34 MiB of text: over the 32 MB limit (`corpus::MAX_ARTICLE_BYTES`).
    big = "x " * (17 << 20)
    r, said = problems_of(lambda: model.analyze(pd.DataFrame({"id": ["big", "ok"], "text": [big, T1]}), bootstrap=0))
    assert [str(w) for w in said] == ["<articles>:1: skipped: too large (34.0 MB; the limit is 32 MB per article)"]
    assert said[0].id == "big" and r.problems[0].id == "big"
    assert r.scores.id.tolist() == ["ok"]
    # The CLI words a JSONL line over the limit the same way.
    _, skipped = cli_score(binary, model, tmp_path, [{"id": "big", "text": big}, {"id": "ok", "text": T1}])
    assert skipped == [str(w) for w in said]


def test_a_label_that_is_not_a_string_scores_the_row_with_label_nan_and_no_warning(model):
    rows = [{"id": "n", "text": T1, "label": 3}, {"id": "b", "text": T2, "label": True},
            {"id": "l", "text": T3, "label": ["kremlin"]}, {"id": "k", "text": T1 + " Again.", "label": "kremlin"}]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = model.analyze(rows, bootstrap=0)
    assert not [w for w in caught if ": skipped: " in str(w.message)]
    assert r.scores.id.tolist() == ["n", "b", "l", "k"]
    assert r.scores.label.isna().tolist() == [True, True, True, False]


def test_a_lone_surrogate_skips_its_row_only(binary, model, tmp_path):
    # Half an emoji ("\ud83d") cannot be UTF-8: the whole call raised UnicodeEncodeError
    # before session 29. The CLI skips such a JSONL line ("not valid JSON") and reads on.
    rows = [{"id": "s", "text": T1 + " \ud83d"}, {"id": "b", "text": T2}, {"id": "t", "title": "x\udc00", "text": T3}]
    r, ws = problems_of(lambda: model.analyze(rows, bootstrap=0))
    assert r.scores.id.tolist() == ["b"]
    assert [p.id for p in r.problems] == ["s", "t"]
    assert str(r.problems[0]).startswith("<articles>:1: skipped: field `text` is not valid Unicode text: a lone surrogate at character ")
    assert "field `title` is not valid Unicode text" in str(r.problems[1])


def test_html_in_a_row_is_warned_of_as_in_jsonl(binary, model, tmp_path):
    html = "<div><p>" + T1 + "</p><br><p>" + T2 + "</p></div>"
    cli_p = cli(binary, "analyze", str(_jsonl(tmp_path, [{"id": "h", "text": html}])))
    expected = [l[len("framescope: "):].split(": ", 1)[1] for l in cli_p.stderr.splitlines() if "looks like HTML" in l]
    assert expected == ["warning: looks like HTML: tags removed, text kept"]
    with pytest.warns(framescope.FramescopeWarning) as caught:
        r = model.analyze([{"id": "h", "text": html}], bootstrap=0)
    assert [str(p) for p in r.problems] == ["<articles>:1: " + expected[0]]
    assert any("looks like HTML" in str(w.message) for w in caught)
    assert r.scores.id.tolist() == ["h"]


def test_a_gdelt_day_in_a_float_column_is_that_day_as_in_jsonl(binary, model, tmp_path):
    # [20220224, NaN] is float64 in pandas; 20220224.0 was read as epoch seconds (1970-08-23)
    # before session 29, in JSONL as in the package.
    df = pd.DataFrame({"id": ["a", "b"], "text": [T1, T2], "date": [20220224, np.nan]})
    assert df["date"].dtype == "float64"
    expected, skipped = cli_score(binary, model, tmp_path, [{"id": "a", "text": T1, "date": 20220224.0}])
    assert skipped == [] and expected.date.tolist() == ["2022-02-24"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = model.score(df, bootstrap=0)
    assert got.date.tolist()[0] == "2022-02-24" and pd.isna(got.date.tolist()[1])


def test_rows_the_package_skips_are_in_run_json(tmp_path):
    # They were in `result.problems` and on the warnings, but not in run.json's problems,
    # which the library's own skips and the CLI's are.
    out = tmp_path / "o"
    df = pd.DataFrame({"id": ["a", "e1", "e3"], "text": [T1 + " " + T2, "", 5]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = framescope.run(df, out=out)
    recorded = json.loads((out / "run.json").read_text())["problems"]
    skipped = ["<articles>:2: skipped: field `text` is empty",
               "<articles>:3: skipped: field `text` is a number (5), not text"]
    assert [str(p) for p in r.problems][:2] == skipped
    assert recorded[:2] == skipped
    assert sum(": skipped: " in p for p in recorded) == 2


def test_columns_of_several_levels_are_one_error(model):
    df = pd.DataFrame({("text", ""): [T1], ("id", ""): ["a"]})
    with pytest.raises(framescope.FramescopeError, match=r"the DataFrame's columns have 2 levels"):
        model.score(df)


def _jsonl(tmp_path, records):
    p = tmp_path / "rows.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in records))
    return p


def test_a_zoned_midnight_keeps_its_offset_and_a_utc_midnight_is_its_date(binary, model, tmp_path):
    """A Moscow midnight is not the UTC day a bare date is read as: it keeps its offset, as
    the same instant given to the CLI as text does (review, session 43: it came back as the
    bare date, three hours late, after an article from 00:30 the same night)."""
    rows = [
        {"id": "msk0000", "text": T1, "date": pd.Timestamp("2022-02-24 00:00", tz="Europe/Moscow")},
        {"id": "msk0030", "text": T2, "date": pd.Timestamp("2022-02-24 00:30", tz="Europe/Moscow")},
        {"id": "utc0000", "text": T3, "date": pd.Timestamp("2022-02-24 00:00", tz="UTC")},
        {"id": "naive", "text": T1 + " Again.", "date": pd.Timestamp("2022-02-24 00:00")},
    ]
    as_json = [
        {"id": "msk0000", "text": T1, "date": "2022-02-24T00:00:00+03:00"},
        {"id": "msk0030", "text": T2, "date": "2022-02-24T00:30:00+03:00"},
        {"id": "utc0000", "text": T3, "date": "2022-02-24"},
        {"id": "naive", "text": T1 + " Again.", "date": "2022-02-24"},
    ]
    expected, _ = cli_score(binary, model, tmp_path, as_json)
    got = model.score(rows, bootstrap=0)
    assert got.date.tolist() == expected.date.tolist()
    instants = pd.to_datetime(got.date, format="ISO8601", utc=True)
    assert instants.tolist()[:2] == [pd.Timestamp("2022-02-23 21:00", tz="UTC"), pd.Timestamp("2022-02-23 21:30", tz="UTC")]
