"""The jobs' own warnings (a weak model …) reach Python as FramescopeWarning, once per call,
worded as the CLI prints them (its stderr lines without `framescope: `)."""

import warnings

import pandas as pd
import pytest

import framescope
from conftest import cli

PREFIX = "framescope: "


def cli_weak(p):
    lines = [l[len(PREFIX):] for l in p.stderr.splitlines() if l.startswith(PREFIX) and "weak model:" in l]
    assert lines, p.stderr  # the repository's five seeds make a weak model
    return lines


def said(call, marker):
    """The FramescopeWarning messages containing `marker` that `call()` issues."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call()
    return [str(w.message) for w in caught
            if issubclass(w.category, framescope.FramescopeWarning) and marker in str(w.message)]


def weak(call):
    return said(call, "weak model:")


def test_train_warns_of_a_weak_model_as_the_cli(binary, repo, tmp_path):
    p = cli(binary, "train", "--seeds", str(repo / "seeds"), "--data", str(repo / "data"),
            "--model", str(tmp_path / "m.json"))
    assert weak(lambda: framescope.train(seeds=repo / "seeds", data=repo / "data")) == cli_weak(p)


def test_run_warns_once_as_the_cli(binary, repo, fixtures, tmp_path):
    p = cli(binary, "run", "--seeds", str(repo / "seeds"), "--data", str(repo / "data"),
            "--out", str(tmp_path / "o"), str(fixtures / "articles.jsonl"))
    expected = cli_weak(p)
    args = dict(seeds=repo / "seeds", data=repo / "data", bootstrap=0)
    articles = fixtures / "articles.jsonl"
    assert weak(lambda: framescope.run(articles, **args)) == expected
    assert weak(lambda: framescope.run(articles, out=tmp_path / "py", **args)) == expected


def test_scoring_with_a_loaded_weak_model_warns_as_cli_score(binary, repo, fixtures, tmp_path):
    m = tmp_path / "m.json"
    cli(binary, "train", "--seeds", str(repo / "seeds"), "--data", str(repo / "data"), "--model", str(m))
    p = cli(binary, "score", "--model", str(m), "--out", str(tmp_path / "o"), str(fixtures / "articles.jsonl"))
    model = framescope.Model.load(m)
    df = pd.read_json(fixtures / "articles.jsonl", lines=True)
    assert weak(lambda: model.score(df, bootstrap=0)) == cli_weak(p)


def test_seeds_alone_name_corpus_mode_as_the_remedy_as_the_cli(binary, repo, tmp_path):
    # Python puts the seeds among the job's inputs; the remedy must still be worded as for
    # seeds alone (the CLI's `run --seeds S` and `train --seeds S`), not as for a corpus run.
    p = cli(binary, "run", "--seeds", str(repo / "seeds"), "--data", str(repo / "data"),
            "--out", str(tmp_path / "o"))
    expected = cli_weak(p)
    assert all("corpus mode" in l for l in expected), expected
    args = dict(seeds=repo / "seeds", data=repo / "data")
    assert weak(lambda: framescope.run(bootstrap=0, **args)) == expected
    assert weak(lambda: framescope.run(out=tmp_path / "py", bootstrap=0, **args)) == expected
    assert weak(lambda: framescope.train(**args)) == expected
    # An empty list of articles beside the seeds is still the seeds alone.
    assert weak(lambda: framescope.run([], bootstrap=0, **args)) == expected


def in_training(call):
    return said(call, "in the model's training text")


def test_scoring_the_models_own_training_articles_warns_as_cli_score(binary, repo, tmp_path):
    # A model scoring the articles it was trained on scores them in-sample: one note, as
    # `framescope score` prints it (and records in run.json), on every such call.
    m = tmp_path / "m.json"
    cli(binary, "train", "--seeds", str(repo / "seeds"), "--data", str(repo / "data"), "--model", str(m))
    p = cli(binary, "score", "--model", str(m), "--out", str(tmp_path / "o"), str(repo / "seeds"))
    expected = [l[len(PREFIX):] for l in p.stderr.splitlines() if "in the model's training text" in l]
    assert len(expected) == 1 and expected[0].startswith("note: 5 of the 5 scored articles"), p.stderr
    model = framescope.Model.load(m)
    assert in_training(lambda: model.score(repo / "seeds", bootstrap=0)) == expected
    assert in_training(lambda: model.score(repo / "seeds", bootstrap=0)) == expected
    # Articles it never saw: nothing to say.
    df = pd.DataFrame({"id": ["n1"], "text": ["Kyiv warned of a false flag pretext for invasion."]})
    assert in_training(lambda: model.score(df, bootstrap=0)) == []


def test_run_scores_its_own_articles_without_the_in_sample_note(repo):
    # `run` scores the articles it trains on as the CLI's `run` does (out-of-fold, or
    # in-sample with folds=0 when asked): that is the job, not a mistake to note.
    args = dict(seeds=repo / "seeds", data=repo / "data", bootstrap=0)
    assert in_training(lambda: framescope.run(**args)) == []
    assert in_training(lambda: framescope.run(folds=0, **args)) == []


def test_dates_that_name_no_day_are_warned_about_in_every_entry_point(repo, tmp_path):
    # Review finding (session 25): the warning came only with `out=` and from the CLI.
    body = "Kyiv said the invasion goes on. Moscow-backed separatists shelled a school."
    df = pd.DataFrame({"id": ["a", "b", "c"], "text": [body, body + " Again.", body + " Once more."],
                       "date": ["2022-02-24", "24/02/2022", "yesterday"]})
    args = dict(seeds=repo / "seeds", data=repo / "data", bootstrap=0)
    marker = "2 article(s) have a date that names no day (first: <articles>:2: `24/02/2022`)"
    in_memory = said(lambda: framescope.run(df, **args), marker)
    assert len(in_memory) == 1 and "a table by day (timeline.csv) leaves them out" in in_memory[0]
    assert len(said(lambda: framescope.run(df, out=tmp_path / "o", **args), marker)) == 1
    model = framescope.train(seeds=repo / "seeds", data=repo / "data")
    assert len(said(lambda: model.score(df, bootstrap=0), marker)) == 1
    # The rows keep the dates as written; an ISO date is untouched.
    scores = model.score(df, bootstrap=0)
    assert list(scores["date"]) == ["2022-02-24", "24/02/2022", "yesterday"]


def test_run_in_memory_warns_as_the_cli_and_run_out_do(repo, fixtures, binary, tmp_path):
    # Review, session 34: run() without out= called train and score directly and lost two of
    # `framescope run`'s warnings, which run(out=…) gives: folds scored in-sample, and article
    # paths none of which exist.
    frame = pd.read_json(fixtures / "articles.jsonl", lines=True).head(2)
    marker = "cross-fitting folds had training sentences of one side only"
    kw = dict(seeds=[], data=repo / "data", folds=2, bootstrap=0)
    with_out = said(lambda: framescope.run(frame, out=tmp_path / "o", **kw), marker)
    assert with_out, "the fixture's two articles must leave a fold with one side"
    assert said(lambda: framescope.run(frame, **kw), marker) == with_out
    in_memory = framescope.run(frame, **kw)
    assert any(marker in p for p in in_memory.provenance["problems"])
    missing = str(tmp_path / "nope.jsonl")
    p = cli(binary, "run", "--seeds", str(repo / "seeds"), "--data", str(repo / "data"), "--out",
            str(tmp_path / "c"), missing, check=False)
    cli_lines = [l[len(PREFIX):] for l in p.stderr.splitlines() if "none of the articles named exist" in l]
    assert cli_lines, p.stderr
    got = said(lambda: framescope.run(missing, seeds=repo / "seeds", data=repo / "data", bootstrap=0),
               "none of the articles named exist")
    assert got == cli_lines


def test_a_call_that_raises_does_not_use_up_the_weak_model_warning(repo, fixtures, tmp_path):
    """Review, session 47: a first `score` of a mistyped path raised, and every later call
    gave no weak-model warning, as if it had been said."""
    model = framescope.train(seeds=repo / "seeds", data=repo / "data")
    path = tmp_path / "model.json"
    model.save(path)
    fresh = framescope.Model.load(path)
    expected = weak(lambda: fresh.score(fixtures / "articles.jsonl", bootstrap=0))
    assert expected
    m = framescope.Model.load(path)
    with pytest.raises(framescope.FramescopeError, match="no usable articles"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            m.score(tmp_path / "no-such-file.jsonl", bootstrap=0)
    assert weak(lambda: m.score(fixtures / "articles.jsonl", bootstrap=0)) == expected
    # Said once: the next call is silent.
    assert weak(lambda: m.score(fixtures / "articles.jsonl", bootstrap=0)) == []
