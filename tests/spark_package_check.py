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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from spark_check import FIXTURES, N, as_timestamp, make_records, parse, run  # noqa: E402

import random  # noqa: E402

SKIP = re.compile(r"<articles>:(\d+): skipped: (.*)")


def main():
    fs = Path(sys.argv[1]).resolve()
    assert fs.is_file(), f"no binary at {fs}"
    import framescope
    import pandas as pd

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
        bad = spark.createDataFrame([("no-text", "broken", None, "A")], "id string, title string, text string, outlet string")
        df = df.unionByName(bad, allowMissingColumns=True)

        def score_partition(batches):
            import framescope
            import pandas as pd
            from pyspark import SparkFiles

            m = framescope.Model.load(SparkFiles.get("model.json"))
            for b in batches:
                b = b.reset_index(drop=True)
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always", framescope.FramescopeWarning)
                    scored = m.score(b)
                rows = [{"id": r.id, "skipped": None, "framing_score": r.framing_score}
                        for r in scored.itertuples()]
                for w in caught:
                    hit = SKIP.match(str(w.message))
                    if issubclass(w.category, framescope.FramescopeWarning) and hit:
                        row = b.iloc[int(hit.group(1)) - 1]  # warnings number rows from 1
                        rows.append({"id": row["id"], "skipped": hit.group(2), "framing_score": None})
                yield pd.DataFrame(rows, columns=["id", "skipped", "framing_score"])

        res = df.mapInPandas(score_partition, "id string, skipped string, framing_score double").collect()
    finally:
        spark.stop()
    scores = {r.id: r.framing_score for r in res if r.skipped is None}
    assert len(scores) == sum(1 for r in res if r.skipped is None), "an id came back twice"
    skipped = {r.id: r.skipped for r in res if r.skipped is not None}
    assert skipped == {"empty-text": "field `text` is empty", "no-text": "missing field `text`"}, skipped
    assert set(scores) == set(p_scores), set(scores) ^ set(p_scores)
    for i, s in scores.items():
        assert s == p_scores[i]["framing_score"], (i, s, p_scores[i]["framing_score"])
    print(f"DataFrame mapInPandas through the Python package: {len(scores)} scored, "
          f"{len(skipped)} skipped and reported, every score equal to the plain run")
    print("spark package check passed")


if __name__ == "__main__":
    main()
