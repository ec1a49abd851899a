#!/usr/bin/env python3
"""Check framescope's TF-IDF and logistic regression against scikit-learn.

Usage:
    framescope export-training --out DIR [--data D] PATHS...
    python3 tests/sklearn_parity.py DIR/training_export.json [--write EXPECTED.json]

scikit-learn refits, on framescope's own per-sentence n-gram lists:
  - TfidfVectorizer(analyzer=lambda x: x, smooth_idf=True, sublinear_tf=<as framescope>,
    norm="l2") over every sentence of the corpus;
  - LogisticRegression(C=1/alpha, solver="lbfgs", tol=1e-12, max_iter=100000) on the
    balanced (already oversampled) training rows, so no class_weight is needed;
  - the model's sentence probability sigmoid(decision_function + lexicon_prior *
    lexicon_score), the lexicon-seeded logit that `score` uses.
It then compares vocabulary, idf and every TF-IDF value (|diff| <= 1e-12) and every
sentence's probability (|diff| <= 1e-6), prints the largest differences and exits 1 on
failure. With --write it saves scikit-learn's results for tests/parity.rs, which compares
without Python.
"""

import json
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

TFIDF_TOL = 1e-12
PROB_TOL = 1e-6


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--write"):
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        ex = json.load(f)
    features = [s["features"] for s in ex["sentences"]]

    vec = TfidfVectorizer(
        analyzer=lambda x: x,
        lowercase=False,
        smooth_idf=ex["smooth_idf"],
        sublinear_tf=ex["sublinear_tf"],
        norm=ex["norm"],
    )
    X = vec.fit_transform(features).tocsr()
    X.sort_indices()
    terms = list(vec.get_feature_names_out())
    idf = vec.idf_

    rows = np.asarray(ex["train_rows"], dtype=int)
    y = np.asarray(ex["train_labels"], dtype=int)
    clf = LogisticRegression(C=1.0 / ex["alpha"], solver="lbfgs", tol=1e-12, max_iter=100000)
    clf.fit(X[rows], y)
    assert list(clf.classes_) == [0, 1]
    p = clf.predict_proba(X)[:, 1]

    ok = True
    if terms != ex["terms"]:
        print("vocabulary differs", file=sys.stderr)
        ok = False
    idf_diff = float(np.max(np.abs(idf - np.asarray(ex["idf"])))) if ok else float("inf")
    tfidf_diff = 0.0
    for i, s in enumerate(ex["sentences"]):
        a = X.getrow(i)
        mine = dict((int(j), v) for j, v in s["tfidf"])
        theirs = dict(zip(a.indices.tolist(), a.data.tolist()))
        if set(mine) != set(theirs):
            print(f"sentence {i}: different non-zero columns", file=sys.stderr)
            ok = False
            continue
        for j, v in theirs.items():
            tfidf_diff = max(tfidf_diff, abs(v - mine[j]))
    p_fs = np.asarray([s["p_kremlin"] for s in ex["sentences"]])
    prob_diff = float(np.max(np.abs(p - p_fs)))
    w_diff = float(np.max(np.abs(clf.coef_[0] - np.asarray(ex["weights"]))))
    b_diff = abs(float(clf.intercept_[0]) - ex["intercept"])
    # The model's sentence probability adds the lexicon prior to the classifier's logit:
    # sigmoid(w.x + b + lambda * lexicon_score). Checked from scikit-learn's decision function.
    lam = ex.get("lexicon_prior", 0.0)
    lex = np.asarray([s.get("lexicon_score", 0.0) for s in ex["sentences"]])
    p_full = 1.0 / (1.0 + np.exp(-(clf.decision_function(X) + lam * lex)))
    p_fs_full = np.asarray([s.get("p_sentence", s["p_kremlin"]) for s in ex["sentences"]])
    full_diff = float(np.max(np.abs(p_full - p_fs_full)))
    print(f"sentences {len(features)}, terms {len(terms)}, training rows {len(rows)}")
    print(f"max |idf diff|     {idf_diff:.3e}")
    print(f"max |tfidf diff|   {tfidf_diff:.3e}  (tolerance {TFIDF_TOL:g})")
    print(f"max |weight diff|  {w_diff:.3e}")
    print(f"|intercept diff|   {b_diff:.3e}")
    print(f"max |p diff|       {prob_diff:.3e}  (tolerance {PROB_TOL:g})")
    print(f"max |p diff| with lexicon prior {lam:g}: {full_diff:.3e}  (tolerance {PROB_TOL:g})")
    ok = ok and idf_diff <= TFIDF_TOL and tfidf_diff <= TFIDF_TOL and prob_diff <= PROB_TOL
    ok = ok and full_diff <= PROB_TOL

    if len(argv) == 4:
        out = {
            "generated_by": "tests/sklearn_parity.py",
            "sklearn_version": __import__("sklearn").__version__,
            "features": features,
            "train_rows": ex["train_rows"],
            "train_labels": ex["train_labels"],
            "alpha": ex["alpha"],
            "terms": terms,
            "idf": idf.tolist(),
            "tfidf": [
                [[int(j), float(v)] for j, v in zip(X.getrow(i).indices, X.getrow(i).data)]
                for i in range(X.shape[0])
            ],
            "weights": clf.coef_[0].tolist(),
            "intercept": float(clf.intercept_[0]),
            "p_kremlin": p.tolist(),
        }
        with open(argv[3], "w", encoding="utf-8") as f:
            json.dump(out, f, indent=0)
            f.write("\n")
        print(f"wrote {argv[3]}")
    print("PARITY OK" if ok else "PARITY FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
