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


# M2: `bytes` in a text column (pd.read_parquet of a BINARY column) are read as the file is.

def test_m2_bytes_are_read_as_utf8_text_as_the_parquet_file_is(binary, model, tmp_path):
    pytest.importorskip("pyarrow")
    bad = b"Caf\xe9 owners near the port said the shelling went on all night."
    df = pd.DataFrame({"id": ["a", "b", "c"], "title": [b"Talks", None, b"Night"],
                       "text": [T1.encode(), T2.encode(), bad], "label": [b"kremlin", None, None]})
    path = tmp_path / "bytes.parquet"
    df.to_parquet(path, index=False)
    back = pd.read_parquet(path)
    assert isinstance(back.text[0], bytes)
    m = tmp_path / "m.json"
    model.save(m)
    p = cli(binary, "score", "--model", str(m), "--out", str(tmp_path / "o"), str(path))
    expected = cli_lines(p, ": skipped: ", path)
    assert expected == ["<articles>:3: skipped: field `text` is binary data, not UTF-8 text"]
    cli_scores = pd.read_csv(tmp_path / "o" / "scores.csv")
    scores, said = caught(lambda: model.score(back, bootstrap=0))
    assert scores.id.tolist() == ["a", "b"] == cli_scores.id.tolist()
    assert scores.framing_score.round(6).tolist() == cli_scores.framing_score.tolist()
    assert scores.title.tolist()[0] == "Talks" and scores.label.tolist()[0] == "kremlin"
    assert [str(w) for w in said if ": skipped: " in str(w)] == expected
    # As the path route gives them.
    assert model.score(path, bootstrap=0).framing_score.tolist() == scores.framing_score.tolist()


# M3: run and train give the library absolute paths, so a retrain reproduces model.json.

def test_m3_retrain_of_a_run_given_relative_paths_reproduces_its_model(binary, repo, tmp_path, monkeypatch):
    shutil.copytree(repo / "seeds", tmp_path / "seeds")
    shutil.copytree(repo / "data", tmp_path / "data")
    write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": T1}, {"id": "b", "text": T2}, {"id": "c", "text": T3}])
    monkeypatch.chdir(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framescope.FramescopeWarning)
        r = framescope.run("a.jsonl", seeds="seeds", data="data", out="o", bootstrap=0)
        trained = framescope.train("a.jsonl", seeds="seeds", lexicons="data/lexicons")
    saved = json.loads((tmp_path / "o" / "model.json").read_text())
    for m in (r.model.info, trained.info):
        assert m["training_inputs"] and all(os.path.isabs(i[0]) for i in m["training_inputs"]), m["training_inputs"]
    sources = [v for k, v in _walk(saved["lexicon"]) if k == "source"]
    assert sources and all(os.path.isabs(s.split(":")[0]) for s in sources), sources[:3]
    cli(binary, "retrain", "--out", "o", "--bootstrap", "0")
    again = json.loads((tmp_path / "o" / "run.json").read_text())
    assert again["model_sha256"] == r.model.sha256
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("o")) == ["o"], "a spurious backup"


def _walk(v):
    """Every (key, value) pair of a JSON value, nested ones too."""
    if isinstance(v, dict):
        for k, x in v.items():
            yield k, x
            yield from _walk(x)
    elif isinstance(v, list):
        for x in v:
            yield from _walk(x)


# M4: every row unusable: the reasons are warned of and named in the error, as the CLI
# prints them before its error.

def test_m4_every_row_unusable_says_why_as_the_cli(binary, repo, tmp_path):
    rows = [{"id": "e", "text": ""}, {"id": "w", "text": "   "}]
    p = cli(binary, "train", "--data", str(repo / "data"), "--model", str(tmp_path / "m.json"),
            str(write_jsonl(tmp_path / "bad.jsonl", rows)), check=False)
    path = tmp_path / "bad.jsonl"
    expected = cli_lines(p, ": skipped: ", path)
    assert len(expected) == 2, p.stderr
    args = dict(seeds=[], data=repo / "data")
    for call in (lambda: framescope.train(rows, **args), lambda: framescope.run(rows, **args),
                 lambda: framescope.run(rows, out=tmp_path / "o", **args)):
        with pytest.warns(framescope.FramescopeWarning) as ws:
            with pytest.raises(framescope.FramescopeError) as e:
                call()
        skipped = [w.message for w in ws if ": skipped: " in str(w.message)]
        assert [str(w) for w in skipped] == expected
        assert [w.id for w in skipped] == ["e", "w"]
        assert str(e.value).startswith("no usable articles")
        assert all(line in str(e.value) for line in expected), str(e.value)


# M5: a lone surrogate (what surrogateescape gives for non-UTF-8 bytes) skips its row only,
# in run and train as in score, and in a DataFrame of objects (pandas 3's `str` dtype
# refuses such a string itself, before the package sees it).

def test_m5_a_lone_surrogate_skips_its_row_in_every_call(repo, model):
    bad = b"Caf\xe9 owners in Kyiv said the shelling went on.".decode("utf-8", "surrogateescape")
    rows = [{"id": "ok", "text": T1}, {"id": "s", "text": bad}, {"id": "i\udcff", "text": T2},
            {"id": "t", "title": "Caf\udce9", "text": T3}, {"id": "ok2", "text": T3 + " " + T2}]
    df = pd.DataFrame(rows, dtype=object)
    scores, said = caught(lambda: model.score(df, bootstrap=0))
    assert scores.id.tolist() == ["ok", "ok2"]
    skipped = [w for w in said if ": skipped: " in str(w)]
    assert [(str(w).split(": ")[0], w.id) for w in skipped] == [("<articles>:2", "s"), ("<articles>:3", None),
                                                                 ("<articles>:4", "t")]
    assert all("not valid Unicode text: a lone surrogate" in str(w) for w in skipped)
    r, said = caught(lambda: framescope.run(rows, seeds=repo / "seeds", data=repo / "data", bootstrap=0))
    assert {"ok", "ok2"} <= set(r.scores.id) and not {"s", "t"} & set(r.scores.id)
    assert len([w for w in said if "lone surrogate" in str(w)]) == 3
    m, said = caught(lambda: framescope.train(rows, seeds=repo / "seeds", data=repo / "data"))
    assert len([w for w in said if "lone surrogate" in str(w)]) == 3


# M6: `~` is the home folder in every path the package takes.

def test_m6_a_tilde_in_a_path_is_the_home_folder(repo, model, tmp_path, monkeypatch):
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    write_jsonl(home / "a.jsonl", [{"id": "a", "text": T1}, {"id": "b", "text": T2}])
    (home / "one.txt").write_text(T3 + "\n")
    shutil.copytree(repo / "seeds", home / "seeds")
    shutil.copytree(repo / "data", home / "data")
    sha = model.save("~/m.json")
    assert (home / "m.json").is_file()
    loaded = framescope.Model.load("~/m.json")
    assert loaded.sha256 == sha
    assert loaded.score("~/a.jsonl", bootstrap=0).id.tolist() == ["a", "b"]
    assert loaded.score(["~/a.jsonl"], bootstrap=0).id.tolist() == ["a", "b"]
    assert loaded.explain("~/one.txt").score["id"] == "one"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framescope.FramescopeWarning)
        r = framescope.run("~/a.jsonl", seeds="~/seeds", data="~/data", lexicons="~/data/lexicons",
                           out="~/run1", bootstrap=0)
        trained = framescope.train("~/a.jsonl", seeds="~/seeds", data="~/data")
    read = [i[0] for i in trained.info["training_inputs"]]
    assert read[0] == str(home / "a.jsonl") and all(p.startswith(str(home / "seeds") + os.sep) for p in read[1:])
    assert r.out == str(home / "run1") and (home / "run1" / "model.json").is_file()
    assert {"a", "b"} <= set(r.scores.id)
    assert not (work / "~").exists(), sorted(p.name for p in (work / "~").rglob("*"))


# L4: an error naming a CLI option names the package's argument.

def test_l4_errors_name_the_packages_arguments(repo, tmp_path):
    with pytest.raises(framescope.FramescopeError) as e:
        framescope.train(seeds=repo / "seeds", data=tmp_path / "nope")
    assert "(data= names a folder" in str(e.value) and "--data" not in str(e.value)
    with pytest.raises(framescope.FramescopeError) as e, warnings.catch_warnings():
        warnings.simplefilter("ignore", framescope.FramescopeWarning)
        framescope.train([{"id": "x", "text": "The weather was mild and the harvest good this year. It rained."}],
                         seeds=[], data=repo / "data")
    assert "or lower margin=" in str(e.value) and "--" not in str(e.value), str(e.value)
    assert "lexicons= folder" in str(e.value)


def test_l4_options_the_package_does_not_take_are_left_as_they_are():
    assert framescope._pythonic("retrain with --max-features N, or --compare-to DIR; --mean-score") == \
        "retrain with max_features=N, or --compare-to DIR; quoted_weight=None"
    assert framescope._pythonic("/tmp/a--data/x: lower --margin 0.2") == "/tmp/a--data/x: lower margin=0.2"


# L2: the skip messages worded as the CLI's for the same records in JSONL, in row order.

def test_l2_skip_messages_are_the_clis_for_the_same_records_in_row_order(binary, model, tmp_path):
    rows = [{"id": True, "text": T1}, {"id": "n", "text": 12345}, {"id": "d", "text": T2, "date": [1, 2]},
            {"id": "t", "text": T3, "title": {"a": 1}}, {"id": "ok", "text": T1 + " " + T2},
            {"id": "l", "text": T1, "lang": False}, {"id": "ok", "text": T3 + " " + T2},
            {"id": "e", "text": ""}, {"id": [1], "text": T3}]
    m = tmp_path / "m.json"
    model.save(m)
    path = write_jsonl(tmp_path / "rows.jsonl", rows)
    p = cli(binary, "score", "--model", str(m), "--out", str(tmp_path / "o"), str(path))
    expected = cli_lines(p, ": skipped: ", path)
    assert len(expected) == 8, p.stderr
    assert "<articles>:1: skipped: field `id` is true or false (true), not text or a number" in expected
    assert "<articles>:2: skipped: field `text` is a number (12345), not text" in expected
    r, said = caught(lambda: model.analyze(rows, bootstrap=0))
    assert [str(x) for x in r.problems] == expected
    assert [str(w) for w in said if ": skipped: " in str(w)] == expected
    # The same from a DataFrame (object columns, as pandas holds mixed values).
    scores, said = caught(lambda: model.score(pd.DataFrame(rows), bootstrap=0))
    assert [str(w) for w in said if ": skipped: " in str(w)] == expected
