#!/usr/bin/env python3
"""Paired AUC difference of two settings of an eval.json, with an article-bootstrap interval.

Usage: python3 scripts/eval_gap.py EVAL.json SETTING BASELINE [RESAMPLES] [SEED]

Both settings score the same articles; each resample draws articles with replacement within
each side (as many Kremlin-side articles from the Kremlin side, then as many Western-side from
the Western side, so every resample has both sides) and takes AUC(SETTING) − AUC(BASELINE) on
that draw (the same draw for both: a paired difference). Prints the difference on all articles and the 2.5 / 97.5 percentiles.
AUC: Mann-Whitney, ties counting 1/2 (as scripts/eval_halves.py).
"""
import json
import random
import sys


def auc(scores, labels):
    k = [s for s, lab in zip(scores, labels) if lab == "kremlin"]
    w = [s for s, lab in zip(scores, labels) if lab == "western"]
    if not k or not w:
        return None
    return sum((a > b) + 0.5 * (a == b) for a in k for b in w) / (len(k) * len(w))


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    report = json.load(open(argv[1], encoding="utf-8"))
    by = {s["name"]: {a["id"]: a for a in s["articles"]} for s in report["settings"]}
    a, b = by[argv[2]], by[argv[3]]
    ids = sorted(a)
    labels = [a[i]["label"] for i in ids]
    sa = [a[i]["score"] for i in ids]
    sb = [b[i]["score"] for i in ids]
    n = int(argv[4]) if len(argv) > 4 else 2000
    rng = random.Random(int(argv[5]) if len(argv) > 5 else 42)
    sides = [[j for j, lab in enumerate(labels) if lab == side] for side in ("kremlin", "western")]
    diffs = []
    for _ in range(n):
        pick = [side[rng.randrange(len(side))] for side in sides for _ in side]
        lab = [labels[j] for j in pick]
        x, y = auc([sa[j] for j in pick], lab), auc([sb[j] for j in pick], lab)
        if x is not None and y is not None:
            diffs.append(x - y)
    diffs.sort()
    lo, hi = diffs[int(0.025 * len(diffs))], diffs[int(0.975 * len(diffs)) - 1]
    d = auc(sa, labels) - auc(sb, labels)
    print(f"{argv[2]} - {argv[3]}: {d:+.3f} [{lo:+.3f}, {hi:+.3f}] ({len(diffs)} resamples)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
