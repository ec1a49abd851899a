"""Errors raise FramescopeError with the message the CLI prints after `framescope: error:`;
skipped inputs become FramescopeWarning with the CLI's wording."""

import json
import re

import pandas as pd
import pytest
import shutil

import framescope
from conftest import cli


def cli_error(binary, *args):
    p = cli(binary, *args, check=False)
    assert p.returncode == 2, p.stderr
    line = p.stderr.strip().splitlines()[-1]
    prefix = "framescope: error: "
    assert line.startswith(prefix), line
    return line[len(prefix):]


def test_missing_model_file(binary, tmp_path):
    path = tmp_path / "nope.json"
    (tmp_path / "in").mkdir()
    expected = cli_error(binary, "score", "--model", str(path), "--out", str(tmp_path / "o"), str(tmp_path / "in"))
    with pytest.raises(framescope.FramescopeError) as e:
        framescope.Model.load(path)
    assert str(e.value) == expected


def test_a_model_over_the_cap_loads_with_max_model_mb(binary, repo, tmp_path):
    """Review, session 47: a model over the 1,024 MiB cap could not be loaded from Python,
    whose error named the CLI's --max-model-mb. `Model.load` takes `max_model_mb`, and the
    refusal names it. Checked with a cap of 0 against the seeds' model (a few hundred KB)."""
    path = tmp_path / "m.json"
    cli(binary, "train", "--seeds", str(repo / "seeds"), "--data", str(repo / "data"), "--model", str(path))
    size = path.stat().st_size
    with pytest.raises(framescope.FramescopeError) as e:
        framescope.Model.load(path, max_model_mb=0)
    assert f"model file is {size} bytes" in str(e.value)
    assert "raise it with Model.load(path, max_model_mb=N)" in str(e.value)
    assert "--max-model-mb" not in str(e.value)
    mb = -(-size // (1 << 20))  # rounded up
    assert framescope.Model.load(path, max_model_mb=mb).sha256 == framescope.Model.load(path).sha256
    with pytest.raises(TypeError, match="`max_model_mb` must be a whole number"):
        framescope.Model.load(path, max_model_mb=True)
    with pytest.raises(ValueError, match="`max_model_mb` must be a whole number"):
        framescope.Model.load(path, max_model_mb=-1)


def test_bad_lexicon_line(binary, repo, tmp_path):
    lex = tmp_path / "lex"
    lex.mkdir()
    (lex / "kremlin.txt").write_text("security guarantees | heavy\n")
    (lex / "western.txt").write_text("strongman\n")
    expected = cli_error(binary, "run", "--seeds", str(repo / "seeds"), "--lexicons", str(lex),
                         "--out", str(tmp_path / "o"))
    with pytest.raises(framescope.FramescopeError) as e:
        framescope.run(seeds=repo / "seeds", lexicons=lex)
    assert str(e.value) == expected
    assert "kremlin.txt:1" in str(e.value)


def test_invalid_parameter(binary, repo, tmp_path):
    expected = cli_error(binary, "run", "--seeds", str(repo / "seeds"), "--max-df", "0",
                         "--out", str(tmp_path / "o"))
    with pytest.raises(framescope.FramescopeError) as e:
        framescope.run(seeds=repo / "seeds", max_df=0.0)
    assert str(e.value) == expected


def test_missing_path(binary, repo, tmp_path):
    # One bad input among others (session 24): skipped with the CLI's line, the rest scored.
    p = cli(binary, "run", "--seeds", str(repo / "seeds"), "--out", str(tmp_path / "o"), str(tmp_path / "missing"))
    assert p.returncode == 1
    cli_lines = [l[len("framescope: "):] for l in p.stderr.splitlines() if ": skipped: " in l]
    assert cli_lines == [f"{tmp_path / 'missing'}: skipped: no such file or directory"]
    with pytest.warns(framescope.FramescopeWarning) as w:
        r = framescope.run(tmp_path / "missing", seeds=repo / "seeds")
    assert [str(x.message) for x in w if ": skipped: " in str(x.message)] == cli_lines
    assert r.problems == cli_lines
    assert len(r.scores) == 5
    # Seeds that are not there stop the job, in both.
    expected = cli_error(binary, "run", "--seeds", str(tmp_path / "no_seeds"), "--out", str(tmp_path / "o2"))
    with pytest.raises(framescope.FramescopeError) as e:
        framescope.run(seeds=tmp_path / "no_seeds")
    assert str(e.value) == expected


def test_skipped_rows_warn_with_the_cli_wording(binary, repo, tmp_path):
    rows = [{"id": "a", "text": "Moscow-backed separatists shelled the town, officials in Kyiv said."},
            {"id": "b", "text": "   "},
            {"id": "a", "text": "The strongman spoke again on Friday about the talks."}]
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows))
    p = cli(binary, "run", "--seeds", str(repo / "seeds"), "--out", str(tmp_path / "o"), str(jsonl))
    assert p.returncode == 1
    cli_lines = [l[len("framescope: "):] for l in p.stderr.splitlines() if ": skipped: " in l]
    with pytest.warns(framescope.FramescopeWarning) as w:
        r = framescope.run(pd.DataFrame(rows), seeds=repo / "seeds")
    # The job's own warnings (the seeds make a weak model) follow the input problems.
    ours = [str(x.message) for x in w if issubclass(x.category, framescope.FramescopeWarning)
            and ": skipped: " in str(x.message)]
    assert r.problems == ours
    assert [l.replace(str(jsonl), "<articles>") for l in cli_lines] == ours
    assert len(ours) == 2 and "field `text` is empty" in ours[0] and "duplicate id `a`" in ours[1]


def test_a_missing_text_column_is_an_error(repo):
    with pytest.raises(framescope.FramescopeError, match="needs a `text` column"):
        framescope.run(pd.DataFrame({"body": ["x"]}), seeds=repo / "seeds")


T = "Moscow-backed separatists shelled villages near the front, officials in Kyiv said."


@pytest.fixture(scope="module")
def model(repo):
    return framescope.train(seeds=repo / "seeds", data=repo / "data")


@pytest.mark.parametrize("articles", [T, [T], [T + "\nA second paragraph."], "x" * 300])
def test_article_text_given_as_a_path_says_so(model, articles):
    with pytest.raises(TypeError, match=r"looks like article text, not a path: pass a DataFrame with a `text` column "
                                        r"or a list of dicts") as e:
        model.score(articles)
    assert "no such file" not in str(e.value)


def test_a_single_dict_or_a_series_says_what_to_pass(model):
    with pytest.raises(TypeError, match=r"single dict; pass a list of dicts \(one per article\) or a DataFrame"):
        model.score({"id": "a", "text": T})
    with pytest.raises(TypeError, match=r"Series; pass a DataFrame with a `text` column or a list of dicts"):
        model.score(pd.Series([T]))


@pytest.mark.parametrize("articles, kind", [(5, "int"), (3.2, "float"), (int, "type"), (True, "bool")])
def test_articles_that_are_no_collection_say_what_to_pass(model, repo, articles, kind):
    # Review 45: `model.score(5)` said only "'int' object is not iterable".
    expected = (r"^<articles>: articles must be a DataFrame, a list of dicts, or paths "
                rf"\(str / os\.PathLike\), not {kind}$")
    for call in (model.score, model.analyze):
        with pytest.raises(TypeError, match=expected):
            call(articles)
    with pytest.raises(TypeError, match=expected):
        framescope.run(articles, seeds=repo / "seeds", data=repo / "data")
    with pytest.raises(TypeError, match=expected):
        framescope.train(articles, seeds=repo / "seeds", data=repo / "data")


def test_paths_with_spaces_are_still_paths(model, tmp_path):
    folder = tmp_path / "my articles"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({"id": "a", "text": T}) + "\n")
    assert model.score(str(folder / "a.jsonl"), bootstrap=0).id.tolist() == ["a"]
    assert model.score([str(folder)], bootstrap=0).id.tolist() == ["a"]
    # A missing path that looks like one is read as a path: skipped with the CLI's line, a
    # warning beside an article that is scored…
    missing = str(tmp_path / "missing file.jsonl")
    with pytest.warns(framescope.FramescopeWarning, match="missing file.jsonl: skipped: no such file or directory"):
        assert model.score([str(folder / "a.jsonl"), missing], bootstrap=0).id.tolist() == ["a"]
    # …and an error when nothing is left to score, as `framescope score` stops (review,
    # session 41: an empty frame with a warning read as "no results" in a notebook).
    with pytest.raises(framescope.FramescopeError,
                       match="^no usable articles to score: .*missing file.jsonl: skipped: no such file or directory$"):
        model.score(missing)
    # No articles at all is no mistake: an empty frame. Nor are rows none of which can be
    # scored (a pipeline's batch of blank texts): an empty frame and the warning.
    assert model.score(pd.DataFrame({"id": [], "text": []})).empty
    with pytest.warns(framescope.FramescopeWarning, match="field `text` is empty"):
        assert model.score([{"id": "b", "text": " "}]).empty


@pytest.mark.parametrize("top, error", [(-1, ValueError), (2.5, ValueError), (True, TypeError), ("3", TypeError)])
def test_a_bad_top_is_named_for_both_explains(repo, top, error):
    # `top=-1` was an OverflowError: "can't convert negative int to unsigned".
    model = framescope.train(seeds=repo / "seeds", data=repo / "data")
    r = model.analyze(repo / "seeds", bootstrap=0)
    with pytest.raises(error, match=f"^`top` must be a whole number ≥ 0, not {re.escape(repr(top))}$"):
        r.explain(r.scores.id[0], top=top)
    with pytest.raises(error, match="^`top` must be a whole number ≥ 0"):
        model.explain({"text": "Kyiv said talks resumed on Friday."}, top=top)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"bootstrap": -1}, ValueError, "`bootstrap` must be a whole number ≥ 0, not -1"),
    ({"bootstrap": 2.5}, ValueError, "`bootstrap` must be a whole number ≥ 0, not 2.5"),
    # Review S, session 55: a whole number past the largest count names the limit (2**64 − 1).
    ({"bootstrap": 10**30}, ValueError, "`bootstrap` must be at most 18446744073709551615, not 1000000000000000000000000000000"),
    ({"seed": 2**70}, ValueError, "`seed` must be at most 18446744073709551615, not 1180591620717411303424"),
    ({"bootstrap": "many"}, TypeError, "`bootstrap` must be a whole number ≥ 0, not 'many'"),
    ({"folds": -2}, ValueError, "`folds` must be a whole number ≥ 0, not -2"),
    ({"max_features": -1}, ValueError, "`max_features` must be a whole number ≥ 0, not -1"),
    ({"min_df": True}, TypeError, "`min_df` must be a whole number ≥ 0, not True"),
    ({"alpha": "big"}, TypeError, "`alpha` must be a number, not 'big'"),
    # Review, session 47: a bool was taken as 0 or 1 by these, where counts refused it.
    ({"lexicon_prior": False}, TypeError, "`lexicon_prior` must be a number, not False"),
    ({"alpha": True}, TypeError, "`alpha` must be a number, not True"),
    ({"propagate_weight": False}, TypeError, "`propagate_weight` must be a number, not False"),
    ({"quoted_weight": True}, TypeError, "`quoted_weight` must be a number or None, not True"),
    ({"seed": True}, TypeError, "`seed` must be a whole number ≥ 0, not True"),
    ({"sublinear_tf": "yes"}, TypeError, "`sublinear_tf` must be True or False, not 'yes'"),
    ({"kremlin_threshold": "0.6"}, TypeError, "`kremlin_threshold` must be a number, not '0.6'"),
    ({"western_threshold": None}, TypeError, "`western_threshold` must be a number, not None"),
])
def test_numeric_arguments_are_checked_naming_the_argument(repo, kwargs, error, message):
    with pytest.raises(error) as e:
        framescope.run(seeds=repo / "seeds", data=repo / "data", **kwargs)
    assert str(e.value) == message
    assert not isinstance(e.value, OverflowError)


def test_scoring_arguments_are_checked_naming_the_argument(model):
    with pytest.raises(ValueError, match=r"^`bootstrap` must be a whole number ≥ 0, not -1$"):
        model.score([{"id": "a", "text": T}], bootstrap=-1)
    # Review, session 31: "must be real number, not str", naming no argument.
    with pytest.raises(TypeError, match=r"^`kremlin_threshold` must be a number, not '0.6'$"):
        model.score([{"id": "a", "text": T}], kremlin_threshold="0.6")
    with pytest.raises(TypeError, match=r"^`western_threshold` must be a number, not True$"):
        model.analyze([{"id": "a", "text": T}], western_threshold=True)


def test_a_model_is_never_saved_over_a_file_that_is_not_a_model(binary, repo, model, tmp_path):
    """Review finding (session 28): ``model.save("corpus.parquet")`` moved the data file aside
    as ``corpus.<time>.json``, "previous model kept as …". Refused now, as ``train`` refuses,
    and the file is left as it was."""
    notes = tmp_path / "notes.csv"
    notes.write_text("my,precious,data\n1,2,3\n")
    expected = cli_error(binary, "train", "--model", str(notes), str(repo / "seeds"))
    assert expected.endswith("is not a framescope model (a model.json opens with {\"format_version\"…): "
                             "a model replaces only a model; give another path")
    with pytest.raises(framescope.FramescopeError) as e:
        model.save(notes)
    assert str(e.value) == expected
    assert notes.read_text() == "my,precious,data\n1,2,3\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.csv"]


def test_a_model_is_not_saved_inside_a_folder_it_was_trained_from(binary, repo, tmp_path):
    """Review S (session 55): ``m.save("seeds/model.json")`` wrote into the seeds folder,
    which ``framescope train --model`` refuses; every later run on the seeds then skipped the
    file with a warning and recorded it among the model's inputs. Refused now with the CLI's
    message, and the folder is left as it was."""
    seeds = tmp_path / "seeds"
    shutil.copytree(repo / "seeds", seeds)
    before = sorted(p.name for p in seeds.iterdir())
    target = seeds / "model.json"
    expected = cli_error(binary, "train", "--data", str(repo / "data"), "--model", str(target), str(seeds))
    assert "lies inside the input folder" in expected
    m = framescope.train(seeds, data=repo / "data")
    with pytest.raises(framescope.FramescopeError) as e:
        m.save(target)
    assert str(e.value) == expected
    assert sorted(p.name for p in seeds.iterdir()) == before
    # Beside the folder it is saved, and a loaded model (its inputs unknown) saves anywhere.
    m.save(tmp_path / "model.json")
    assert framescope.Model.load(tmp_path / "model.json").sha256 == m.sha256


def _score_in_child(model, queue):
    try:
        model.score([{"id": "a", "text": T}, {"id": "b", "text": T}], bootstrap=0)
        queue.put("scored")
    except framescope.FramescopeError as e:
        queue.put(str(e))


def test_a_child_forked_after_a_job_gets_an_error_not_a_hang(model):
    """Review S (session 55): a child forked (multiprocessing's default start method on
    Linux) after its parent had scored inherited the worker pool without its threads, and
    scoring two rows waited forever. It now raises at once, naming the remedy; a spawned
    child scores."""
    import multiprocessing as mp

    model.score([{"id": "x", "text": T}], bootstrap=0)
    for method, expected in [("fork", "forked from process"), ("spawn", "scored")]:
        ctx = mp.get_context(method)
        queue = ctx.Queue()
        child = ctx.Process(target=_score_in_child, args=(model, queue))
        child.start()
        got = queue.get(timeout=120)
        child.join(timeout=60)
        assert expected in got, (method, got)
        if method == "fork":
            assert 'multiprocessing.get_context("spawn")' in got


def test_a_field_given_twice_as_a_column_is_an_error(model):
    """Review finding (session 28): two `text` columns surfaced as pandas' "DataFrame columns
    are not unique, some columns will be omitted", without saying which text was scored."""
    df = pd.DataFrame([["a", T, "other text."]], columns=["id", "text", "text"])
    with pytest.raises(framescope.FramescopeError, match=r"^<articles>: the DataFrame has more than one column "
                                                         r"named `text`: keep one \(df\.loc"):
        model.score(df)
    # The remedy it names works; a repeated column that is no field is only ignored.
    kept = df.loc[:, ~df.columns.duplicated()]
    assert model.score(kept, bootstrap=0).id.tolist() == ["a"]
    other = pd.DataFrame([["b", T, 1, 2]], columns=["id", "text", "n", "n"])
    with pytest.warns(framescope.FramescopeWarning, match="ignoring column `n`"):
        assert model.score(other, bootstrap=0).id.tolist() == ["b"]


def test_a_handful_of_bootstrap_resamples_is_refused_as_by_the_cli(repo, model):
    # bootstrap=1 made each article's interval one resampled mean: a side claimed by chance.
    message = r"^invalid parameter bootstrap: 5 resample\(s\) are too few for a 95% interval .*give 0 \(no interval\) or at least 100$"
    with pytest.raises(framescope.FramescopeError, match=message):
        framescope.run(seeds=repo / "seeds", data=repo / "data", bootstrap=5)
    with pytest.raises(framescope.FramescopeError, match=message):
        model.score([{"id": "a", "text": T}], bootstrap=5)
    assert len(model.score([{"id": "a", "text": T}], bootstrap=0)) == 1


def test_numpy_numbers_and_whole_floats_are_numbers(model):
    # Review, session 34: `kremlin_threshold=np.float32(0.7)` was "must be a number, not
    # np.float32(0.7)", and `min_df=2.0` "must be a whole number" though it is one.
    import numpy as np

    article = [{"id": "a", "text": T}]
    plain = model.score(article, kremlin_threshold=0.75, western_threshold=0.25, bootstrap=100)
    for k, w, b in [(np.float32(0.75), np.float64(0.25), np.int64(100)), (0.75, np.float16(0.25), 100.0)]:
        got = model.score(article, kremlin_threshold=k, western_threshold=w, bootstrap=b)
        pd.testing.assert_frame_equal(got.drop(columns=["origin"], errors="ignore"),
                                      plain.drop(columns=["origin"], errors="ignore"))
    with pytest.raises(TypeError, match=r"^`kremlin_threshold` must be a number, not (np\.True_|True)$"):
        model.score(article, kremlin_threshold=np.bool_(True))
    with pytest.raises(ValueError, match=r"^`bootstrap` must be a whole number ≥ 0, not (np\.float64\(2\.5\)|2\.5)$"):
        model.score(article, bootstrap=np.float64(2.5))


def test_article_text_given_as_seeds_is_named_as_text(repo):
    # Review, session 34: the text was printed whole as a path that does not exist
    # (FramescopeError "…: no such file or directory (the seeds)").
    text = "Moscow said the drills were purely defensive.\nThe Kiev regime rejected security guarantees."
    with pytest.raises(TypeError, match=r"^seeds: 'Moscow said the drills were purely .*' is no file or folder here "
                                        r"and looks like article text, not a path"):
        framescope.train(seeds=text, data=repo / "data")
