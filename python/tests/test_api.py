"""The Python API's own behaviour: built-in seeds, save/load, the GIL released while the
library works."""

import threading

import pandas as pd
import pytest

import framescope


def test_without_a_seeds_folder_the_built_in_seeds_are_used(repo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    built_in = framescope.run(data=repo / "data")
    from_folder = framescope.run(seeds=repo / "seeds", data=repo / "data")
    assert built_in.scores.id.tolist() == from_folder.scores.id.tolist()
    assert built_in.scores.framing_score.tolist() == from_folder.scores.framing_score.tolist()
    assert built_in.model.info["training_inputs"][0][0] == framescope.BUILTIN_SEEDS


def test_run_scores_out_of_fold_and_folds_0_equals_scoring_with_the_model(repo):
    # Five seeds: five folds (leave-one-out); every seed is scored by a classifier that did
    # not train on it, so no score equals the in-sample one. folds=0 scores in-sample: exactly
    # what the returned model gives on the same articles.
    crossfit = framescope.run(seeds=repo / "seeds", data=repo / "data", bootstrap=50)
    plain = framescope.run(seeds=repo / "seeds", data=repo / "data", bootstrap=50, folds=0)
    assert crossfit.model.sha256 == plain.model.sha256
    again = plain.model.score(repo / "seeds", bootstrap=50)
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
    (said,) = [str(w.message) for w in caught if "sentences" in str(w.message)]
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
    pd.testing.assert_frame_equal(again.score(df, bootstrap=50), model.score(df, bootstrap=50))
