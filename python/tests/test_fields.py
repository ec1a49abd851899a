"""A table's field names: a row is read by the names JSONL, CSV and Parquet use (`id, title,
text, outlet, date, label, side, lang`). An index named as a field is that field
(`df.set_index("id")`); a name that differs from a field only in case or spaces is an error
naming the rename; any other name is ignored with one warning listing it. Nothing a user
gave is dropped without a word."""

import json
import warnings

import pandas as pd
import pytest

import framescope
from conftest import cli, read_table, seeds_model

T1 = "Moscow-backed separatists shelled villages near the front, officials in Kyiv said."
T2 = "The strongman spoke again on Friday about the talks in Geneva and the sanctions."
FIELDS = "(id, title, text, outlet, date, label, side, lang)"


@pytest.fixture(scope="module")
def model(repo):
    return seeds_model(repo)


@pytest.fixture()
def df():
    return pd.DataFrame({"id": ["a1", "a2"], "title": ["Talks resume", "Shelling"], "outlet": ["A", "B"],
                         "text": [T1, T2]})


def said(call):
    """What `call` returns and the FramescopeWarnings it gives that are not the weak model's."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = call()
    return out, [str(w.message) for w in caught if issubclass(w.category, framescope.FramescopeWarning)
                 and "weak model" not in str(w.message)]


def test_an_index_named_id_gives_the_ids_the_cli_gives_for_the_same_records(binary, model, df, tmp_path):
    m, jsonl = tmp_path / "m.json", tmp_path / "rows.jsonl"
    model.save(m)
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in df.to_dict("records")))
    cli(binary, "score", "--model", str(m), "--out", str(tmp_path / "o"), "--bootstrap", "0", str(jsonl))
    expected = read_table(tmp_path / "o" / "scores.csv")
    for frame in (df.set_index("id"), df.set_index("id", drop=False), df.set_index(["outlet", "id"])):
        got, warned = said(lambda: model.score(frame, bootstrap=0))
        assert warned == []
        assert got.id.tolist() == expected.id.tolist() == ["a1", "a2"]
        assert got.title.tolist() == expected.title.tolist() and got.outlet.tolist() == ["A", "B"]
        assert [f"{x:.6f}" for x in got.framing_score] == expected.framing_score.tolist()


def test_an_index_and_a_column_named_id_that_disagree_are_an_error(model, df):
    frame = df.set_index("id", drop=False).assign(id=["x1", "x2"])
    with pytest.raises(framescope.FramescopeError) as e:
        model.score(frame)
    assert str(e.value) == ("<articles>: `id` is both a column and the index's name, with different values: "
                            "keep one (df.reset_index(drop=True) keeps the column)")


def test_an_unnamed_index_is_not_data(model, df):
    # What filtering leaves (index [1]) or a default RangeIndex: no id, no warning.
    got, warned = said(lambda: model.score(df[df.outlet == "B"].drop(columns="id"), bootstrap=0))
    assert warned == [] and got.id.str.startswith("sha256:").all()


def test_a_column_named_as_a_field_but_for_case_is_an_error_naming_the_rename(model, df):
    with pytest.raises(framescope.FramescopeError) as e:
        model.score(df.rename(columns={"id": "ID", "title": "Title"}))
    assert str(e.value) == (f"<articles>: column `ID`, column `Title` would be ignored: field names are lowercase "
                            f"{FIELDS}; rename: df.rename(columns={{'ID': 'id', 'Title': 'title'}})")
    # Said before the missing `text` column, which a `Text` column is.
    with pytest.raises(framescope.FramescopeError, match=r"column `Text` would be ignored: .*\{'Text': 'text'\}"):
        model.score(df.rename(columns={"text": "Text"}))
    with pytest.raises(framescope.FramescopeError, match=r"column ` id ` would be ignored"):
        model.score(df.rename(columns={"id": " id "}))
    with pytest.raises(framescope.FramescopeError) as e:
        model.score(df.set_index("id").rename_axis(index="Id"))
    assert str(e.value).endswith("rename: df.rename_axis(index={'Id': 'id'})")
    with pytest.raises(framescope.FramescopeError) as e:
        model.score([{"ID": "a1", "text": T1}, {"ID": "a2", "text": T2}])
    assert str(e.value) == (f"<articles>: key `ID` would be ignored: field names are lowercase {FIELDS}; "
                            "rename: {'ID': 'id'} in the dicts")
    # Seeds are read the same way.
    with pytest.raises(framescope.FramescopeError, match=r"^<seeds>: column `Text` would be ignored"):
        framescope.train(seeds=pd.DataFrame({"Text": [T1]}))


def test_a_key_differing_in_case_in_only_some_dicts_is_ignored_with_a_warning(model):
    # `id` is given (in the first dict), so `Id` in the second is just another key.
    rows = [{"id": "a1", "text": T1}, {"Id": "a2", "text": T2}]
    got, warned = said(lambda: model.score(rows, bootstrap=0))
    assert warned == [f"<articles>: ignoring key `Id` (not article fields: {FIELDS[1:-1]})"]
    assert got.id.tolist()[0] == "a1" and got.id.tolist()[1].startswith("sha256:")


def test_other_columns_are_ignored_with_one_warning_listing_them(model, df):
    frame = df.assign(url_one=["u1", "u2"], author_one=["x", "y"])
    got, warned = said(lambda: model.score(frame, bootstrap=0))
    assert warned == [f"<articles>: ignoring column `url_one`, column `author_one` (not article fields: "
                      f"{FIELDS[1:-1]})"]
    assert got.id.tolist() == ["a1", "a2"]
    # Said once in a session: a loop over groups of rows does not repeat it for every group.
    _, again = said(lambda: [model.score(g, bootstrap=0) for _, g in frame.groupby("outlet")])
    assert again == []
    # A named index that is no field is listed as such.
    _, warned = said(lambda: model.score(df.set_index("outlet").rename_axis(index="source_one"), bootstrap=0))
    assert warned == [f"<articles>: ignoring index `source_one` (not article fields: {FIELDS[1:-1]})"]


def test_a_frame_without_text_raises_before_warning_and_the_warning_is_still_said_later(model, df):
    frame = df.assign(url_two=["u1", "u2"])
    with pytest.raises(framescope.FramescopeError, match="needs a `text` column"):
        said(lambda: model.score(frame.drop(columns="text")))
    _, warned = said(lambda: model.score(frame.drop(columns="id"), bootstrap=0))
    assert warned == [f"<articles>: ignoring column `url_two` (not article fields: {FIELDS[1:-1]})"]
    # A named index that repeats a column which is no field is that column: ignored, no error.
    _, warned = said(lambda: model.score(frame.set_index("url_two", drop=False), bootstrap=0))
    assert warned == []


def test_scores_keep_the_frames_index_so_a_skipped_row_moves_no_score(model):
    # Review, session 42: a skipped row (blank text) left every later score one row up, and
    # `df["framing_score"] = model.score(df)["framing_score"]` put TASS's score on BBC's row.
    df = pd.DataFrame({"outlet": ["rt", "bbc", "tass", "nyt"],
                       "text": [T2, "", "The Kiev regime continues shelling Donbass, the ministry said.", T1]},
                      index=[10, 20, 30, 40])
    got, warned = said(lambda: model.score(df, bootstrap=0))
    assert got.index.tolist() == [10, 30, 40]
    assert got.outlet.tolist() == ["rt", "tass", "nyt"]
    assert warned == ["<articles>:2 (index 20): skipped: field `text` is empty"]
    # Assigned by index, each score lands on its own article, the skipped one gets NaN.
    df["framing_score"] = got["framing_score"]
    one = {o: model.score(df[df.outlet == o].drop(columns="framing_score"), bootstrap=0).framing_score.iloc[0]
           for o in ("rt", "tass", "nyt")}
    assert df.framing_score[10] == one["rt"] and df.framing_score[30] == one["tass"]
    assert df.framing_score[40] == one["nyt"] and pd.isna(df.framing_score[20])
    assert one["tass"] > 0 > one["nyt"]


def test_an_index_named_id_is_the_scores_index_without_the_name(model, df):
    # The ids are the `id` column too; a name that is both an index level and a column is
    # ambiguous to pandas (groupby("id") refuses it).
    got, _ = said(lambda: model.score(df.set_index("id"), bootstrap=0))
    assert got.index.tolist() == ["a1", "a2"] and got.index.name is None
    assert got.groupby("id").size().tolist() == [1, 1]
