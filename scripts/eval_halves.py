#!/usr/bin/env python3
"""AUC of every setting of an eval.json on the two halves of the labelled set.

Usage: python3 scripts/eval_halves.py EVAL.json MANIFEST.csv [SETTING...]

The halves are fixed before tuning (docs/eval.md, "Dev split"): within each side, outlets
sorted by name are dealt alternately to half A and half B, so no outlet is in both halves.
Settings are chosen on A and confirmed on B. AUC: Mann-Whitney, ties counting 1/2.
"""
import csv
import json
import sys


def halves(manifest):
    rows = list(csv.DictReader(open(manifest, encoding="utf-8")))
    half = {}
    for side in ("kremlin", "western"):
        outlets = sorted({r["outlet"] for r in rows if r["side"] == side})
        for i, o in enumerate(outlets):
            half[(side, o)] = "A" if i % 2 == 0 else "B"
    return {r["file"].rsplit(".", 1)[0]: half[(r["side"], r["outlet"])] for r in rows}


def auc(pairs):
    k = [s for s, lab in pairs if lab == "kremlin"]
    w = [s for s, lab in pairs if lab == "western"]
    if not k or not w:
        return float("nan")
    wins = sum((a > b) + 0.5 * (a == b) for a in k for b in w)
    return wins / (len(k) * len(w))


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    report = json.load(open(argv[1], encoding="utf-8"))
    half = halves(argv[2])
    wanted = set(argv[3:])
    print(f"{'setting':40s} {'all':>6s} {'A':>6s} {'B':>6s}")
    for s in report["settings"]:
        if wanted and s["name"] not in wanted:
            continue
        arts = [(a["score"], a["label"], half.get(a["id"])) for a in s["articles"]]
        row = [auc([(x, lab) for x, lab, _ in arts])]
        row += [auc([(x, lab) for x, lab, h in arts if h == part]) for part in "AB"]
        print(f"{s['name']:40s} " + " ".join(f"{v:6.3f}" for v in row))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
