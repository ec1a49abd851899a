"""The notebook's definition of framing_score is the one the package computes: voice-weighted
by default (README "Scores"), checked against the scores of a run."""

import json
import warnings

import numpy as np

import framescope


def definition(repo):
    nb = json.loads((repo / "notebooks" / "explore.ipynb").read_text())
    intro = "".join(nb["cells"][0]["source"])
    return intro[intro.index("Definitions:"):]


def test_the_notebook_defines_the_default_voice_weighted_score(repo):
    text = definition(repo)
    assert "voice-weighted" in text and "`quoted_weight`" in text and "`score_offset`" in text
    assert "[o·(2·p_own − 1 − c) + q·u·(2·p_quoted − 1 − c)] / (o + u)" in " ".join(text.split())
    # The plain mean of (2·p_kremlin − 1) only as the --mean-score alternative.
    assert "framing_score` = mean of (2·p_kremlin − 1)" not in text


def test_the_definition_takes_c_from_the_classifier_that_scored_the_article(repo):
    # Review 45: it said "the model's no-evidence point", but the notebook's run is
    # cross-fitted: each article's c is its fold classifier's, not result.model's.
    text = " ".join(definition(repo).split())
    assert "the model's no-evidence point" not in text
    assert "no-evidence point of the classifier that scored it (`score_offset`: in this cross-fitted `run`, " \
           "its fold's, not `result.model`'s)" in text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framescope.FramescopeWarning)
        r = framescope.run(seeds=repo / "seeds", data=repo / "data", bootstrap=0)  # as the notebook runs it
        own = r.model.score(repo / "seeds", bootstrap=0).score_offset
    assert r.provenance["parameters"]["folds"] > 1
    assert (own == own.iloc[0]).all()  # one classifier, one c
    assert (r.scores.score_offset != own.iloc[0]).all(), (r.scores.score_offset.tolist(), own.iloc[0])


def test_the_stated_formula_reproduces_framing_score(repo):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framescope.FramescopeWarning)
        r = framescope.run(seeds=repo / "seeds", data=repo / "data", bootstrap=0, folds=0)
    q = r.model.info["params"]["quoted_weight"]
    assert q == 0.5
    for _, a in r.scores.iterrows():
        s = r.sentences[r.sentences.article_id == a.id]
        o, u = s.own_words.to_numpy(float), s.quoted_words.to_numpy(float)
        own = np.where(o > 0, 2 * s.p_own.fillna(0.5).to_numpy() - 1, 0.0)
        quoted = np.where(u > 0, 2 * s.p_quoted.fillna(0.5).to_numpy() - 1, 0.0)
        c = a.score_offset
        w = o + u
        counted = w > 0
        assert counted.any()
        # The pull e − c: a quoted word's distance from c scaled by q.
        pull = (o * np.where(o > 0, own - c, 0.0) + q * u * np.where(u > 0, quoted - c, 0.0))[counted] / w[counted]
        expected = float(np.clip(pull.mean(), -1, 1))
        assert abs(expected - a.framing_score) < 1e-9, (a.id, expected, a.framing_score)


def test_section_5_colours_sentences_as_the_shares_count_them_and_marks_framing_score(repo):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd
    from matplotlib.colors import to_hex

    nb = json.loads((repo / "notebooks" / "explore.ipynb").read_text())
    cells = ["".join(c["source"]) for c in nb["cells"]]
    heading = next(i for i, c in enumerate(cells) if c.startswith("## 5."))
    palette = {}  # the notebook's colours (its first code cell)
    exec("\n".join(l for l in cells[1].splitlines() if l.startswith("KREMLIN, WESTERN, NEUTRAL =")), palette)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framescope.FramescopeWarning)
        # Thresholds off the defaults: the cell must take the run's.
        result = framescope.run(seeds=repo / "seeds", data=repo / "data", bootstrap=0,
                                kremlin_threshold=0.55, western_threshold=0.45)
    scores = result.scores
    ns = dict(palette, pd=pd, plt=plt, result=result, scores=scores, sentences=result.sentences,
              table=scores.sort_values(["framing_score", "id"], ascending=[False, True]))
    exec(cells[heading + 1], ns)
    ax = plt.gcf().axes[0]
    colour = {to_hex(palette["KREMLIN"]): "kremlin", to_hex(palette["WESTERN"]): "western",
              to_hex(palette["NEUTRAL"]): "neutral"}
    for art, dots, tick in zip(ns["order"], ax.collections, ax.lines):
        a = scores[scores.id == art].iloc[0]
        sides = [colour[to_hex(c)] for c in dots.get_facecolors()]
        for side in ("kremlin", "western", "neutral"):
            assert sides.count(side) / a.n_sentences == a[f"share_{side}"], (art, side)
        assert tick.get_xdata()[0] == (a.framing_score + 1) / 2
    plt.close("all")
