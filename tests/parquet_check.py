#!/usr/bin/env python3
"""Parquet round trip through pandas/pyarrow, the readers researchers use (issue 20).

Usage: python3 tests/parquet_check.py [path/to/framescope]

pandas writes the articles as Parquet the way it does by default (datetime64[ns] dates,
None ids, small row groups so the reader crosses row-group boundaries); framescope scores
them with `--format parquet`; pyarrow reads scores.parquet and sentences.parquet back, and
every value must equal the CSV tables of the same articles given as JSONL.
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "pipeline"


def run(cmd, ok=(0,), **kw):
    p = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if p.returncode not in ok:
        sys.exit(f"FAILED ({p.returncode}): {cmd}\n{p.stderr}")
    return p


def main():
    fs = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "target" / "release" / "framescope").resolve()
    d = Path(tempfile.mkdtemp(prefix="fs-parquet-"))
    run([fs, "-q", "train", "--model", d / "m.json", FIXTURES], cwd=d)
    sents = [l.strip() for f in sorted(FIXTURES.glob("*.txt")) for l in f.read_text().splitlines()[1:] if l.strip()]
    recs = []
    for i in range(60):
        recs.append({
            "id": None if i % 5 == 4 else f"q{i}",
            "title": f"Item {i}",
            "text": "\n".join(sents[(i * 3 + k) % len(sents)] for k in range(3)) + f"\nFiled as number {i}.",
            "outlet": "ABC"[i % 3],
            "date": pd.Timestamp("2024-03-01") + pd.Timedelta(days=i % 9, hours=(i % 2) * 6),
        })
    df = pd.DataFrame(recs)
    df.to_parquet(d / "a.parquet", row_group_size=16)  # datetime64[ns]: INT64 TIMESTAMP(NANOS)
    with open(d / "a.jsonl", "w") as f:
        for r in recs:
            r = {k: v for k, v in r.items() if v is not None}
            ts = r["date"]
            r["date"] = ts.strftime("%Y-%m-%d") if ts.hour == 0 else ts.strftime("%Y-%m-%dT%H:%M:%SZ")
            f.write(json.dumps(r) + "\n")
    run([fs, "-q", "score", "--model", "m.json", "--out", "j", "a.jsonl"], cwd=d)
    run([fs, "-q", "score", "--model", "m.json", "--out", "p", "--format", "parquet", "a.parquet"], cwd=d)
    assert not (d / "p" / "scores.csv").exists()

    want = pd.read_csv(d / "j" / "scores.csv", keep_default_na=False, dtype=str)
    got = pq.read_table(d / "p" / "scores.parquet").to_pandas()
    assert len(got) == len(want) == 60, (len(got), len(want))
    assert list(got.columns) == list(want.columns)
    assert got["framing_score"].dtype == "float64" and got["n_sentences"].dtype == "int64"
    for col in want.columns:
        if col == "origin":
            continue
        for g, w in zip(got[col], want[col]):
            if w == "":
                assert g is None or g != g, (col, g)
            elif isinstance(g, float):
                assert f"{g:.6f}" == w or abs(g - float(w)) < 5e-7, (col, g, w)
            else:
                assert str(g).lower() == w.lower() if isinstance(g, bool) else str(g) == w, (col, g, w)
    assert (got["date"].iloc[:2] == ["2024-03-01", "2024-03-02T06:00:00Z"]).all(), list(got["date"][:2])
    n_id_less = sum(1 for i in got["id"] if i.startswith("sha256:"))
    assert n_id_less == 12, n_id_less

    ws = pd.read_csv(d / "j" / "sentences.csv", keep_default_na=False, dtype=str)
    gs = pq.read_table(d / "p" / "sentences.parquet").to_pandas()
    assert len(gs) == len(ws) and list(gs["text"]) == list(ws["text"])
    assert list(gs["article_id"]) == list(ws["article_id"])
    print(f"parquet check passed: {len(got)} articles, {len(gs)} sentences, pandas → framescope → pyarrow")


if __name__ == "__main__":
    main()
