#!/usr/bin/env python3
"""Spark check (issue 20): `framescope score --stdout` as a Spark stage, for real.

Usage: python3 tests/spark_check.py [path/to/framescope]   (default target/release/framescope)

Runs Spark local[2] (pip install pyspark; Java 17) and checks two routes against one plain
run of the same binary on the same records:
1. RDD.pipe over 4 partitions, with a bad line and id-less records mixed in. PySpark's pipe
   runs the command with no shell and an empty environment, so the binary is named by its
   absolute path and `--skip-ok` keeps `checkCode=True` from failing the job on the bad line.
2. A DataFrame route: mapInPandas over the binary shipped to workers with sc.addFile (the
   records go through pandas, whose to_json writes dates as ISO strings here).
Each asserts that every id comes back exactly once (scored or reported skipped), that the
bad line is reported in-band, and that every score equals the plain run's.

The articles are made here from the hand-written fixtures in tests/fixtures/pipeline.
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "pipeline"
N = 400


def fixture_sentences():
    out = []
    for f in sorted(FIXTURES.glob("*.txt")):
        for line in f.read_text().splitlines()[1:]:
            if line.strip():
                out.append(line.strip())
    return out


def make_records(rng):
    """N records: a quarter without id, dates as ISO strings or epoch seconds, one record
    with an id and an empty text (skipped, reported with its id)."""
    sents = fixture_sentences()
    recs = []
    for i in range(N):
        body = rng.sample(sents, 4) + [f"Dispatch number {i} was filed from the region."]
        rec = {"title": f"Report {i}", "text": "\n".join(body), "outlet": rng.choice(["A", "B", "C"])}
        if i % 4 != 3:
            rec["id"] = f"art-{i:04d}"
        if i % 3 == 0:
            rec["date"] = "2024-03-%02d" % (1 + i % 28)
        elif i % 3 == 1:
            rec["date"] = 1709251200 + 86400 * (i % 28)
        recs.append(rec)
    recs.append({"id": "empty-text", "text": "  "})
    return recs


def as_timestamp(d):
    """ISO strings and epoch seconds as pandas Timestamps (both routes' DataFrames take them)."""
    import pandas as pd

    if isinstance(d, str):
        return pd.Timestamp(d)
    if isinstance(d, (int, float)) and d == d:
        return pd.Timestamp(d, unit="s")
    return pd.NaT


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.exit(f"FAILED ({p.returncode}): {' '.join(map(str, cmd))}\n{p.stderr}")
    return p.stdout


def parse(lines):
    """(scores by id, skipped ids, skipped records without id), checking ids are unique."""
    scores, skipped, anonymous = {}, [], 0
    for line in lines:
        o = json.loads(line)
        if "skipped" in o:
            assert isinstance(o["skipped"], str) and o["skipped"], o
            if o.get("id") is None:
                anonymous += 1
            else:
                skipped.append(o["id"])
        else:
            assert o["id"] == o["article"]["id"], o
            assert "sentences" not in o, "--no-sentences still wrote sentences"
            assert o["id"] not in scores, f"id {o['id']} came back twice"
            scores[o["id"]] = o["article"]
    return scores, skipped, anonymous


def check(name, scores, skipped, anonymous, plain):
    p_scores, p_skipped, p_anonymous = plain
    assert sorted(skipped) == sorted(p_skipped) == ["empty-text"], (name, skipped)
    assert not set(skipped) & set(scores), name
    assert anonymous == p_anonymous == 1, (name, anonymous)
    assert set(scores) == set(p_scores), (name, set(scores) ^ set(p_scores))
    assert len(scores) == N, (name, len(scores))
    assert sum(1 for i in scores if i.startswith("sha256:")) == N // 4, name
    for i, a in scores.items():
        for col in ("framing_score", "lede_score", "share_kremlin", "sourcing_balance", "date"):
            assert a.get(col) == p_scores[i].get(col), (name, i, col, a.get(col), p_scores[i].get(col))
    print(f"{name}: {len(scores)} scored, {len(skipped) + anonymous} skipped and reported, "
          f"every score equal to the plain run")


def main():
    fs = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "target" / "release" / "framescope").resolve()
    assert fs.is_file(), f"no binary at {fs} (cargo build --release)"
    work = Path(tempfile.mkdtemp(prefix="fs-spark-"))
    model = work / "model.json"
    run([fs, "-q", "train", "--model", model, FIXTURES], cwd=work)
    rng = random.Random(20)
    recs = make_records(rng)
    lines = [json.dumps(r) for r in recs]
    lines.insert(137, "{this is not json")
    data = work / "articles.jsonl"
    data.write_text("\n".join(lines) + "\n")

    # The reference: one plain run over the whole file.
    cmd = [str(fs), "-q", "score", "--model", str(model), "--stdout", "--no-sentences", "--skip-ok", "-"]
    plain = parse(run(cmd, input=data.read_text()).splitlines())
    assert len(plain[0]) == N
    # Without --skip-ok the same input exits 1 (some records skipped) and still writes them.
    p = subprocess.run(cmd[:-2] + ["-"], input=data.read_text(), capture_output=True, text=True)
    assert p.returncode == 1 and len(p.stdout.splitlines()) == N + 2, p.returncode

    t0 = time.perf_counter()
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("framescope-spark-check")
             .config("spark.ui.enabled", "false")
             .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    print(f"spark local[2] started in {time.perf_counter() - t0:.1f} s")
    try:
        # Route 1: RDD.pipe. No shell, empty environment: absolute paths, no redirections.
        rdd = sc.textFile(str(data)).repartition(4)
        assert rdd.getNumPartitions() == 4
        out = rdd.pipe(" ".join(cmd), checkCode=True).collect()
        check("RDD.pipe (4 partitions)", *parse(out), plain)

        # Route 2: DataFrame through pandas, the binary and model shipped with sc.addFile.
        sc.addFile(str(fs))
        sc.addFile(str(model))
        import pandas as pd

        pdf = pd.DataFrame(recs)
        pdf["date"] = pd.to_datetime(pdf["date"].map(as_timestamp))
        pdf["id"] = pdf["id"].astype(object).where(pdf["id"].notna(), None)
        df = spark.createDataFrame(pdf).repartition(4)
        bad = spark.createDataFrame([("broken", None, "A")], "title string, text string, outlet string")
        df = df.unionByName(bad, allowMissingColumns=True)

        binary_name = fs.name  # SparkFiles knows a shipped file by its base name

        def score_partition(batches):
            import subprocess as sp
            from pyspark import SparkFiles
            import pandas as pd

            binary, model_path = SparkFiles.get(binary_name), SparkFiles.get("model.json")
            os.chmod(binary, 0o755)
            for b in batches:
                # ISO dates ("2024-03-01T00:00:00.000"): pandas 3 warns that its default, epoch
                # milliseconds, will change to this.
                jsonl = b.to_json(orient="records", lines=True, date_format="iso")
                res = sp.run([binary, "-q", "score", "--model", model_path, "--stdout",
                              "--no-sentences", "--skip-ok", "-"],
                             input=jsonl, capture_output=True, text=True, check=True)
                rows = []
                for line in res.stdout.splitlines():
                    o = json.loads(line)
                    a = o.get("article", {})
                    rows.append({"id": o.get("id"), "skipped": o.get("skipped"),
                                 "framing_score": a.get("framing_score"), "date": a.get("date")})
                yield pd.DataFrame(rows, columns=["id", "skipped", "framing_score", "date"])

        schema = "id string, skipped string, framing_score double, date string"
        res = df.mapInPandas(score_partition, schema).collect()
        scores = {r.id: r for r in res if r.skipped is None}
        assert len(scores) == sum(1 for r in res if r.skipped is None), "an id came back twice"
        skipped = [r.id for r in res if r.skipped is not None and r.id is not None]
        anonymous = sum(1 for r in res if r.skipped is not None and r.id is None)
        p_scores, p_skipped, _ = plain
        assert sorted(skipped) == sorted(p_skipped), skipped
        assert anonymous == 1, anonymous
        assert set(scores) == set(p_scores), set(scores) ^ set(p_scores)
        for i, r in scores.items():
            assert r.framing_score == p_scores[i]["framing_score"], (i, r.framing_score)
            # The day as the plain run has it, the time of day as pandas wrote it.
            want = p_scores[i].get("date")
            assert r.date == (want and want + "T00:00:00.000"), (i, r.date, want)
        print(f"DataFrame mapInPandas: {len(scores)} scored, {len(skipped) + anonymous} skipped and "
              "reported, every score and day equal to the plain run")
    finally:
        spark.stop()
    print("spark check passed")


if __name__ == "__main__":
    main()
