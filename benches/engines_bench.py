#!/usr/bin/env python3
"""Issue 20 measurements: Spark startup, RDD.pipe throughput against a plain run, and
Parquet against JSONL read speed. Ratios within one invocation, medians of --repeat runs,
the two sides of each ratio interleaved (the machine is shared).

Usage:
  python3 /work/shared/bench/make_corpus.py --n 100000 --seed 7 --out /tmp/corpus100k.jsonl
  cargo build --release --example read_speed
  python3 benches/engines_bench.py --corpus /tmp/corpus100k.jsonl --pipe-n 10000 --repeat 3

Needs pyarrow and pyspark (pip install pyarrow pyspark) and Java 17.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FS = ROOT / "target" / "release" / "framescope"
READ = ROOT / "target" / "release" / "examples" / "read_speed"


def timed(cmd, **kw):
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, **kw)
    dt = time.perf_counter() - t
    assert p.returncode in (0, 1), (cmd, p.returncode, p.stderr[-2000:])
    return dt, p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--pipe-n", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    print("load average at start (1, 5, 15 min): %.2f %.2f %.2f on %d cores" % (*os.getloadavg(), os.cpu_count()))
    work = Path(tempfile.mkdtemp(prefix="fs-engines-bench-"))
    corpus = Path(a.corpus)

    # Parquet copy of the corpus (pyarrow, default row groups, snappy).
    import pyarrow.json as pj
    import pyarrow.parquet as pq

    pqt = work / "corpus.parquet"
    t = time.perf_counter()
    table = pj.read_json(corpus)
    pq.write_table(table, pqt)
    print(f"parquet copy: {table.num_rows} rows, {pqt.stat().st_size / 1e6:.1f} MB "
          f"(JSONL {corpus.stat().st_size / 1e6:.1f} MB), made in {time.perf_counter() - t:.1f} s")
    del table

    # 1. Read speed: the readers alone (examples/read_speed), JSONL vs Parquet, interleaved.
    rj, rp = [], []
    for _ in range(a.repeat):
        dt, out = timed([READ, corpus])
        rj.append(dt)
        nj = out.decode().split()[0]
        dt, out = timed([READ, pqt])
        rp.append(dt)
        assert out.decode().split()[0] == nj, (out, nj)
    mj, mp = statistics.median(rj), statistics.median(rp)
    print(f"read {nj} articles: JSONL median {mj:.2f} s, Parquet median {mp:.2f} s, "
          f"Parquet/JSONL time ratio {mp / mj:.2f}  (runs: {rj}, {rp})")

    # 2. Train a model on the first 2,000 articles, then a pipe-sized sample.
    model = work / "model.json"
    head = work / "train.jsonl"
    sample = work / "sample.jsonl"
    with open(corpus) as f, open(head, "w") as h, open(sample, "w") as s:
        for i, line in enumerate(f):
            if i < 2000:
                h.write(line)
            if i < a.pipe_n:
                s.write(line)
            else:
                break
    timed([FS, "-q", "train", "--model", model, head], cwd=work)
    cmd = [str(FS), "-q", "score", "--model", str(model), "--stdout", "--no-sentences", "--skip-ok", "-"]

    # 3. Spark startup: SparkSession creation plus a first trivial job.
    t = time.perf_counter()
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("framescope-bench")
             .config("spark.ui.enabled", "false").getOrCreate())
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    t_session = time.perf_counter() - t
    sc.parallelize(range(10), 2).count()
    t_first = time.perf_counter() - t
    print(f"spark local[2]: session {t_session:.1f} s, session + first job {t_first:.1f} s")

    # 4. Pipe throughput: plain run vs RDD.pipe over 4 partitions, interleaved.
    data = sample.read_bytes()
    plain, piped = [], []
    for _ in range(a.repeat):
        dt, out = timed(cmd, input=data)
        plain.append(dt)
        n_plain = len(out.splitlines())
        t = time.perf_counter()
        n_pipe = sc.textFile(str(sample)).repartition(4).pipe(" ".join(cmd), checkCode=True).count()
        piped.append(time.perf_counter() - t)
        assert n_pipe == n_plain, (n_pipe, n_plain)
    mp_, mq = statistics.median(plain), statistics.median(piped)
    print(f"score {n_plain} articles: plain median {mp_:.2f} s ({n_plain / mp_:.0f}/s), "
          f"RDD.pipe local[2] x4 median {mq:.2f} s ({n_plain / mq:.0f}/s), "
          f"pipe/plain throughput {mp_ / mq:.2f}  (runs: {plain}, {piped})")
    spark.stop()
    shutil.rmtree(work)
    print("load average at end (1, 5, 15 min): %.2f %.2f %.2f" % os.getloadavg())


if __name__ == "__main__":
    main()
