#!/usr/bin/env python3
"""Spark DataFrame route through the Python package (issue 20): `mapInPandas` calls
`framescope.Model.score` on each partition's pandas DataFrame, no binary involved.

Usage (in an environment with the `framescope` package, pyspark and Java 17):
    python tests/spark_package_check.py path/to/framescope

The binary only makes the reference: one plain `score --stdout` run over the same records
(`tests/spark_check.py`'s records: a quarter without id, ISO and epoch dates, one record with
an empty text), plus one row with no text at all. Checks that every id comes back exactly
once, that both bad rows come back as skipped with the package's warning text (worded as the
CLI's), and that every framing_score equals the plain run's.

Then the same records with integer ids (an `int64` column, as a table keyed by numbers has
them; the id-less quarter left out) through the README's Route 3 function: a skipped row's id
taken from the batch is a numpy integer, which Arrow refuses in a `string` column unless the
function writes it as text. The reference is a plain run over the same records as JSONL
(`"id": 7` is the article `7`).
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import hashlib

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from spark_check import FIXTURES, N, as_timestamp, make_records, parse, run  # noqa: E402

import random  # noqa: E402

SKIP = re.compile(r"<articles>:(\d+): skipped: (.*)")


def integer_id_records(recs):
    """The records that have an id, numbered instead: art-0007 → 7, empty-text → 10000."""
    out = []
    for r in recs:
        if "id" in r:
            n = 10000 if r["id"] == "empty-text" else int(r["id"].split("-")[1])
            out.append({**r, "id": n})
    return out


def main():
    fs = Path(sys.argv[1]).resolve()
    assert fs.is_file(), f"no binary at {fs}"
    import framescope

    work = Path(tempfile.mkdtemp(prefix="fs-spark-package-"))
    model_path = work / "model.json"
    model = framescope.train(seeds=FIXTURES)
    model.save(model_path)
    recs = make_records(random.Random(20))
    data = work / "articles.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in recs))
    cmd = [str(fs), "-q", "score", "--model", str(model_path), "--stdout", "--no-sentences", "--skip-ok", "-"]
    p_scores, p_skipped, _ = parse(run(cmd, input=data.read_text()).splitlines())
    assert len(p_scores) == N and p_skipped == ["empty-text"], (len(p_scores), p_skipped)
    int_recs = integer_id_records(recs)
    int_data = work / "articles-int.jsonl"
    int_data.write_text("".join(json.dumps(r) + "\n" for r in int_recs))
    i_scores, i_skipped, _ = parse(run(cmd, input=int_data.read_text()).splitlines())
    assert len(i_scores) == len(int_recs) - 1 and i_skipped == ["10000"], (len(i_scores), i_skipped)

    # Workers run this interpreter, the one with the package (Spark's default is `python3`
    # on PATH, which may be another).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    t0 = time.perf_counter()
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("framescope-package-check")
             .config("spark.ui.enabled", "false")
             .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    print(f"spark local[2] started in {time.perf_counter() - t0:.1f} s")
    try:
        # On a cluster, ship model.json with sc.addFile and open SparkFiles.get("model.json").
        spark.sparkContext.addFile(str(model_path))
        pdf = pd.DataFrame(recs)
        pdf["date"] = pd.to_datetime(pdf["date"].map(as_timestamp))
        pdf["id"] = pdf["id"].astype(object).where(pdf["id"].notna(), None)
        df = spark.createDataFrame(pdf[["id", "title", "text", "outlet", "date"]]).repartition(4)
        # An id-less record skipped (two words: no sentence): reported under its content-derived id,
        # which the warning carries (review, session 32: the README's snippet took the batch's
        # id column and reported None).
        bad = spark.createDataFrame([("no-text", "broken", None, "A"), (None, None, "x y", "A")],
                                    "id string, title string, text string, outlet string")
        df = df.unionByName(bad, allowMissingColumns=True)

        def score_partition(batches):
            import framescope
            from pyspark import SparkFiles

            m = framescope.Model.load(SparkFiles.get("model.json"))
            for b in batches:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always", framescope.FramescopeWarning)
                    scored = m.score(b)
                rows = [{"id": r.id, "skipped": None, "framing_score": r.framing_score}
                        for r in scored.itertuples()]
                for w in caught:
                    hit = SKIP.match(str(w.message))
                    if issubclass(w.category, framescope.FramescopeWarning) and hit:
                        rows.append({"id": w.message.id, "skipped": hit.group(2), "framing_score": None})
                out = pd.DataFrame(rows, columns=["id", "skipped", "framing_score"])
                out["model_sha256"] = m.sha256
                yield out

        schema = "id string, skipped string, framing_score double, model_sha256 string"
        res = df.mapInPandas(score_partition, schema).collect()
        ipdf = pd.DataFrame(int_recs)
        ipdf["date"] = pd.to_datetime(ipdf["date"].map(as_timestamp))
        assert ipdf["id"].dtype == "int64", ipdf["id"].dtype
        idf = spark.createDataFrame(ipdf[["id", "title", "text", "outlet", "date"]]).repartition(4)
        ires = idf.mapInPandas(score_partition, schema).collect()
    finally:
        spark.stop()
    scores = {r.id: r.framing_score for r in res if r.skipped is None}
    assert len(scores) == sum(1 for r in res if r.skipped is None), "an id came back twice"
    skipped = {r.id: r.skipped for r in res if r.skipped is not None}
    teaser = [i for i in skipped if i and i.startswith("sha256:")]
    assert len(teaser) == 1 and skipped[teaser[0]].startswith("no sentences survive cleaning"), skipped
    del skipped[teaser[0]]
    assert skipped == {"empty-text": "field `text` is empty", "no-text": "missing field `text`"}, skipped
    sha = hashlib.sha256(model_path.read_bytes()).hexdigest()
    assert {r.model_sha256 for r in res} == {sha}, "every row names the model that scored it"
    assert set(scores) == set(p_scores), set(scores) ^ set(p_scores)
    for i, s in scores.items():
        assert s == p_scores[i]["framing_score"], (i, s, p_scores[i]["framing_score"])
    print(f"DataFrame mapInPandas through the Python package: {len(scores)} scored, "
          f"{len(skipped)} skipped and reported, every score equal to the plain run")
    scores = {r.id: r.framing_score for r in ires if r.skipped is None}
    assert len(scores) == sum(1 for r in ires if r.skipped is None), "an integer id came back twice"
    skipped = {r.id: r.skipped for r in ires if r.skipped is not None}
    assert skipped == {"10000": "field `text` is empty"}, skipped
    assert set(scores) == set(i_scores), set(scores) ^ set(i_scores)
    for i, s in scores.items():
        assert s == i_scores[i]["framing_score"], (i, s, i_scores[i]["framing_score"])
    print(f"integer id column: {len(scores)} scored, {len(skipped)} skipped and reported with its id, "
          "every score equal to the plain run")
    print("spark package check passed")


if __name__ == "__main__":
    main()
