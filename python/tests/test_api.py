"""The Python API's own behaviour: built-in seeds, save/load, the GIL released while the
library works."""

import threading
import warnings
from pathlib import Path

import pandas as pd
import pytest

import framescope
from conftest import cli


def test_without_a_seeds_folder_the_built_in_seeds_are_used(repo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # Said, as the CLI says it (review, session 42: a notebook outside the clone used the
    # built-in seeds and data files without a word).
    with pytest.warns(framescope.FramescopeWarning, match=r"no \./seeds folder here: training on the built-in seeds"):
        built_in = framescope.run(data=repo / "data")
    with pytest.warns(framescope.FramescopeWarning, match=r"no \./data folder here: using the built-in data files \(pass data=DIR"):
        framescope.train(seeds=repo / "seeds")
    from_folder = framescope.run(seeds=repo / "seeds", data=repo / "data")
    assert built_in.scores.id.tolist() == from_folder.scores.id.tolist()
    assert built_in.scores.framing_score.tolist() == from_folder.scores.framing_score.tolist()
    assert built_in.model.info["training_inputs"][0][0] == framescope.BUILTIN_SEEDS


def test_run_scores_out_of_fold_and_folds_0_equals_scoring_with_the_model(repo):
    # Five seeds: five folds (leave-one-out); every seed is scored by a classifier that did
    # not train on it, so no score equals the in-sample one. folds=0 scores in-sample: exactly
    # what the returned model gives on the same articles.
    crossfit = framescope.run(seeds=repo / "seeds", data=repo / "data", bootstrap=100)
    plain = framescope.run(seeds=repo / "seeds", data=repo / "data", bootstrap=100, folds=0)
    assert crossfit.model.sha256 == plain.model.sha256
    again = plain.model.score(repo / "seeds", bootstrap=100)
    assert again.framing_score.tolist() == plain.scores.framing_score.tolist()
    diff = (crossfit.scores.framing_score - plain.scores.framing_score).abs()
    assert (diff > 0).all(), diff


def test_a_saved_model_loads_and_scores_the_same(repo, tmp_path, fixtures):
    model = framescope.train(seeds=repo / "seeds", data=repo / "data")
    sha = model.save(tmp_path / "m.json")
    again = framescope.Model.load(tmp_path / "m.json")
    assert again.sha256 == sha == model.sha256
    df = pd.read_json(fixtures / "articles.jsonl", lines=True)
    pd.testing.assert_frame_equal(model.score(df), again.score(df))


def test_saving_into_a_runs_folder_replaces_the_folder_and_keeps_the_run(repo, tmp_path):
    out = tmp_path / "output"
    framescope.run(seeds=repo / "seeds", data=repo / "data", bootstrap=0, out=out)
    ran = sorted(p.name for p in out.iterdir())
    assert "scores.csv" in ran and "run.json" in ran
    old_model = (out / "model.json").read_bytes()
    model = framescope.train(seeds=repo / "seeds", data=repo / "data", margin=2.0)
    with pytest.warns(framescope.FramescopeWarning, match="previous outputs are kept as"):
        sha = model.save(out / "model.json")
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "model.json"]
    assert framescope.Model.load(out / "model.json").sha256 == sha
    (kept,) = [p for p in tmp_path.iterdir() if p.name.startswith("output.20")]
    assert sorted(p.name for p in kept.iterdir()) == ran
    assert (kept / "model.json").read_bytes() == old_model


def test_the_gil_is_released_while_the_library_scores(repo, fixtures):
    model = framescope.train(seeds=repo / "seeds", data=repo / "data")
    df = pd.read_json(fixtures / "articles.jsonl", lines=True)
    many = pd.concat([df.assign(id=df.id + f"-{i}") for i in range(400)], ignore_index=True)
    rows = many.to_dict("records")
    done = threading.Event()
    ticks = 0

    def work():
        # bootstrap resamples make the native part long compared with the conversion.
        model._m.score([("<articles>", rows)], 0.6, 0.4, 20000)
        done.set()

    t = threading.Thread(target=work)
    t.start()
    while not done.is_set():
        ticks += 1
        done.wait(0.001)
    t.join()
    # With the GIL held for the whole native call this thread could not run at all.
    assert ticks > 10, ticks


def test_unknown_model_options_are_type_errors(repo):
    import pytest

    with pytest.raises(TypeError, match="unexpected keyword argument `alpah`.*alpha"):
        framescope.train(seeds=repo / "seeds", alpah=2.0)
    assert "lexicon_prior" in framescope.MODEL_OPTIONS


def test_run_with_out_says_which_sentences_the_frame_leaves_out(repo, tmp_path):
    # The job keeps the first 1,000 articles' sentences in memory; the folder has them all.
    lines = ["Moscow-backed separatists shelled villages, officials in Kyiv said.",
             "The strongman spoke again about the talks, Western diplomats said."]
    rows = [{"id": f"a{i}", "text": f"{lines[i % 2]} Dispatch number {i} was filed from the region."}
            for i in range(1003)]
    out = tmp_path / "out"
    with pytest.warns(framescope.FramescopeWarning) as caught:
        r = framescope.run(rows, seeds=repo / "seeds", data=repo / "data", bootstrap=0, folds=0, out=out)
    on_disk = pd.read_csv(out / "sentences.csv", dtype=str, keep_default_na=False)
    n = len(r.scores)
    assert on_disk.article_id.nunique() == n == 1008  # the 5 seeds and the 1003 rows
    assert r.sentences.article_id.nunique() == 1000
    (said,) = [str(w.message) for w in caught if "sentences are left out" in str(w.message)]
    assert "8 articles' sentences are left out" in said and str(out / "sentences.csv") in said
    # An article past the 1,000 is explained with its sentences, read from the folder.
    last = r.scores.id.iloc[-1]
    assert last not in set(r.sentences.article_id)
    on_file = on_disk[on_disk.article_id == last]
    assert len(on_file) == 2  # "… said." and "Dispatch number … region."
    e = r.explain(last)
    assert e.sentences.text.tolist() == on_file.text.tolist()
    assert "of its 2 sentences" in e.text
    # The folder replaced since: said, and explained without them (not an error).
    (out / "sentences.csv").unlink()
    with pytest.warns(framescope.FramescopeWarning, match=f"article `{last}`: its 2 sentences are not in"):
        assert "of its 0 sentences" in r.explain(last).text


def test_a_model_pickles_as_its_model_file(repo, tmp_path, fixtures):
    import pickle

    model = framescope.train(seeds=repo / "seeds", data=repo / "data")
    again = pickle.loads(pickle.dumps(model))
    assert isinstance(again, framescope.Model)
    # The hash of the saved file (computed from the bytes written, not from the pickle).
    assert again.sha256 == model.sha256 == model.save(tmp_path / "m.json")
    df = pd.read_json(fixtures / "articles.jsonl", lines=True)
    pd.testing.assert_frame_equal(again.score(df, bootstrap=100), model.score(df, bootstrap=100))


def test_run_with_out_records_its_seeds_as_seeds_for_retrain(repo, binary, tmp_path, fixtures):
    """Review, session 31: run(out=...) recorded the seeds as articles (parameters.paths),
    so `framescope retrain` on the folder read them as articles beside the built-in seeds
    and built another model than the run's."""
    import json

    out = tmp_path / "py"
    articles = fixtures / "articles.jsonl"
    r = framescope.run(articles, seeds=repo / "seeds", data=repo / "data", out=out)
    params = json.loads((out / "run.json").read_text())["parameters"]
    assert params["seeds"] == str(repo / "seeds")
    assert params["paths"] == [str(articles)]
    # The CLI's run of the same inputs records the same and trains the same model.
    cli_out = tmp_path / "cli"
    cli(binary, "run", "--seeds", str(repo / "seeds"), "--data", str(repo / "data"), "--out", str(cli_out), str(articles))
    cli_params = json.loads((cli_out / "run.json").read_text())["parameters"]
    assert (cli_params["seeds"], cli_params["paths"]) == (params["seeds"], params["paths"])
    assert r.model.sha256 == json.loads((cli_out / "run.json").read_text())["model_sha256"]


def test_retrain_refuses_a_run_whose_seeds_were_a_list_of_paths(repo, binary, tmp_path, fixtures):
    """Review, session 47: run(articles, seeds=[DIR], out=…) records no seed folder (the seeds
    are among its articles), and `framescope retrain` added the default seeds to them, training
    on 13 articles where the run had 8, with only a note. It now refuses and names the remedy;
    given the seeds, it retrains on what the run read."""
    import json

    articles = fixtures / "articles.jsonl"
    out = tmp_path / "py"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = framescope.run(articles, seeds=[repo / "seeds"], data=repo / "data", out=out, bootstrap=0)
    assert json.loads((out / "run.json").read_text())["parameters"]["seeds"] is None
    p = cli(binary, "retrain", "--out", str(out), check=False)
    assert p.returncode == 2, p.stderr
    assert "was given no seed folder" in p.stderr and "framescope retrain --seeds DIR" in p.stderr
    assert "run.json" in p.stderr
    # Nothing was replaced: the folder still holds the run.
    assert json.loads((out / "run.json").read_text())["model_sha256"] == r.model.sha256
    cli(binary, "retrain", "--seeds", str(repo / "seeds"), "--bootstrap", "0", "--out", str(out))
    again = json.loads((out / "run.json").read_text())
    assert again["model_sha256"] == r.model.sha256, "the retrain read other articles than the run"


def test_retrain_on_a_folder_of_rows_passed_in_memory_says_so(repo, binary, tmp_path, fixtures):
    """Review, session 41: `framescope retrain` on a folder that run(frame, out=…) wrote said
    the run "does not list [its articles] as paths", not that they were in-memory rows."""
    frame = pd.read_json(fixtures / "articles.jsonl", lines=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        framescope.run(frame, seeds=repo / "seeds", data=repo / "data", out=tmp_path / "py", bootstrap=0)
    p = cli(binary, "retrain", "--out", str(tmp_path / "py"), check=False)
    assert p.returncode == 2, p.stderr
    assert "compared articles passed in memory (rows of a DataFrame or list, from the Python package)" in p.stderr
    assert "save them to a file (JSONL, CSV or Parquet) and name it: framescope retrain PATH..." in p.stderr


def test_every_result_records_what_produced_it(repo, tmp_path, fixtures):
    """Tool version, model and lexicon hashes, inputs with their hashes and the parameters,
    as run.json records them, on the Result and in the tables' attrs."""
    import hashlib
    import json

    out = tmp_path / "out"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        written = framescope.run(seeds=repo / "seeds", data=repo / "data", out=out, bootstrap=100)
        in_memory = framescope.run(seeds=repo / "seeds", data=repo / "data", bootstrap=100)
    run_json = json.loads((out / "run.json").read_text())
    assert written.provenance["model_sha256"] == run_json["model_sha256"] == written.model.sha256
    assert written.scores.attrs["framescope"]["inputs"] == run_json["inputs"]
    made = in_memory.provenance
    assert made["command"] == "run" and made["tool"] == "framescope"
    assert made["model_sha256"] == in_memory.model.sha256
    assert made["lexicon_sha256"] == in_memory.model.info["lexicon_sha256"]
    assert made["parameters"]["scoring"]["bootstrap"] == 100
    seed = sorted((repo / "seeds").glob("*.txt"))[0]
    hashes = {Path(i["path"]).name: i["sha256"] for i in made["inputs"]}
    assert hashes[seed.name] == hashlib.sha256(seed.read_bytes()).hexdigest()
    # Model.score: one input (the table), hashed; its attrs name the model that scored it.
    df = pd.read_json(fixtures / "articles.jsonl", lines=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scores = in_memory.model.score(df, bootstrap=0)
    made = scores.attrs["framescope"]
    assert made["command"] == "score" and made["model_sha256"] == in_memory.model.sha256
    assert len(made["inputs"]) == 1 and len(made["inputs"][0]["sha256"]) == 64
    assert made["articles"] == len(scores)


def test_score_builds_no_sentence_rows_and_analyze_gives_them(repo, fixtures):
    """Model.score returns scores only (as `score --no-sentences`); its numbers are
    analyze's. Empty text cells are missing values, as in the Parquet tables."""
    df = pd.read_json(fixtures / "articles.jsonl", lines=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = framescope.train(seeds=repo / "seeds", data=repo / "data")
        scores = model.score(df, bootstrap=100)
        full = model.analyze(df, bootstrap=100)
    pd.testing.assert_frame_equal(scores, full.scores)
    assert len(full.sentences) > 0
    text = [c for c in full.sentences.columns if str(full.sentences[c].dtype).startswith("str")]
    assert "voice_spans" in text
    for c in text:
        assert not (full.sentences[c] == "").any(), c
    assert full.sentences["voice_spans"].isna().any()



def test_jobs_leave_the_callers_peak_memory_mark_alone(repo, tmp_path):
    # Review, session 34: every job reset the process's peak-RSS mark (/proc/self/clear_refs,
    # for run.json's per-stage peaks), so a researcher sizing a batch job with getrusage or
    # `time -v` saw 125 MB where the process had peaked at 907 MB. Only the binary does that.
    import resource

    big = b"\x01" * (600 << 20)  # touched: counted in the resident set
    del big
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert before >= 600 << 10, before
    result = framescope.run(seeds=repo / "seeds", data=repo / "data", bootstrap=0, out=tmp_path / "out")
    result.model.score(repo / "seeds", bootstrap=0)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >= before
