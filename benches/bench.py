#!/usr/bin/env python3
"""framescope vs the scikit-learn pipeline, on the same synthetic corpus, in one invocation.

    python3 benches/bench.py --n 10000 [--n 100000 ...] [--flat 100000 --flat 1000000]
                             [--sklearn-max 100000] [--skip-sklearn] [--shared ../shared]

For each N: generate the corpus with ../shared/bench/make_corpus.py (seed 7, our seeds/),
then run and measure, each in a fresh child process (wall time and peak RSS from wait4):
  framescope run      train + score all (the run-equivalent), --min-df 2 like the baseline
  framescope score    streaming scoring with the trained model (memory should stay flat)
  framescope analyze  read + clean + split + tokenize + stem only
  wc -w               the "physical limit" reference for tokenizing
  sklearn sentlr      ../shared/bench/sklearn_baseline.py --steps sentlr (the pipeline a
                      user would otherwise write), its own wall time and peak RSS
and print wall s, articles/s, MB/s, peak RSS MB and issue 17's ratios: run throughput ÷
baseline, run peak RSS ÷ baseline, analyze ÷ wc -w, score ÷ analyze (wall and CPU).
The baseline is skipped above --sklearn-max articles (it needs ~4 GB per 100k).

--flat N (repeatable) shows that `score` memory is flat in the corpus size: one model, trained
by the `run` on the smallest --n corpus, scores each --flat corpus; peak RSS should not grow
with N (it holds the fitted idf and weights and one batch). The N-article corpora are
prefixes of one another (make_corpus.py is prefix-stable), so the largest is generated once
and the rest are cut from it with `head`.
Results are also written to benches/results/bench-N.json. Needs: cargo, python3 with
scikit-learn and nltk (pip install scikit-learn nltk).
"""
import argparse, json, os, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def measure(cmd, stdout=subprocess.DEVNULL, env=None):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"bench: {' '.join(cmd)} failed ({code}):\n{err}")
    return {"wall_s": round(wall, 3), "peak_rss_mb": round(ru.ru_maxrss / 1024, 1), "cpu_s": round(ru.ru_utime + ru.ru_stime, 2)}


def true_peak(row, out):
    """framescope resets the kernel's RSS high-water mark between stages (to record each
    stage's peak in run.json), and wait4's ru_maxrss is that same mark: the process peak is
    the largest stage peak."""
    with open(os.path.join(out, "run.json")) as f:
        stage_peak = max(st["peak_rss_mb"] for st in json.load(f)["stages"])
    row["peak_rss_mb"] = max(row["peak_rss_mb"], stage_peak)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, action="append", help="corpus sizes (repeatable)")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--workdir", default="/tmp/framescope-bench")
    ap.add_argument("--skip-sklearn", action="store_true")
    ap.add_argument("--sklearn-max", type=int, default=100000, help="skip the baseline above this N")
    ap.add_argument("--flat", type=int, action="append", default=[], help="score-memory sizes (repeatable)")
    a = ap.parse_args()
    sizes = a.n or [10000]
    os.makedirs(a.workdir, exist_ok=True)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    exe = os.path.join(ROOT, "target", "release", "framescope")
    bench = os.path.join(a.shared, "bench")
    largest = max(sizes + a.flat)

    def corpus_of(n):
        path = os.path.join(a.workdir, f"corpus{n}.jsonl")
        if os.path.exists(path):
            return path
        big = os.path.join(a.workdir, f"corpus{largest}.jsonl")
        if not os.path.exists(big):
            subprocess.run([sys.executable, os.path.join(bench, "make_corpus.py"), "--n", str(largest), "--seed", "7",
                            "--out", big, "--seeds", os.path.join(ROOT, "seeds")], check=True)
        if n != largest:
            with open(path + ".tmp", "wb") as f:
                subprocess.run(["head", "-n", str(n), big], stdout=f, check=True)
            os.replace(path + ".tmp", path)
        return path

    first_model = None
    for n in sizes:
        corpus = corpus_of(n)
        mb = os.path.getsize(corpus) / 1e6
        out = os.path.join(a.workdir, f"out{n}")
        rows = {}
        rows["framescope run"] = measure([exe, "-q", "run", "--seeds", corpus, "--out", out, "--min-df", "2"])
        true_peak(rows["framescope run"], out)
        first_model = first_model or os.path.join(out, "model.json")
        rows["framescope score"] = measure([exe, "-q", "score", "--model", os.path.join(out, "model.json"),
                                            "--out", out + "-score", corpus])
        true_peak(rows["framescope score"], out + "-score")
        rows["framescope analyze"] = measure([exe, "-q", "analyze", corpus])
        rows["wc -w"] = measure(["wc", "-w", corpus])
        if not a.skip_sklearn and n <= a.sklearn_max:
            t = subprocess.run([sys.executable, os.path.join(bench, "sklearn_baseline.py"), corpus, "--steps", "sentlr",
                                "--quiet-wait", "0"], capture_output=True, text=True, check=True)
            summ = json.loads(t.stdout.strip().splitlines()[-1])["summary"]["steps"]["sentlr"]
            tim = summ["timings"]
            rows["sklearn sentlr"] = {"wall_s": round(tim["read"]["wall_s"] + tim["sentlr"]["wall_s"], 3),
                                      "peak_rss_mb": summ["peak_rss_mb"], "cpu_s": None}
        print(f"\nN = {n} articles, {mb:.1f} MB")
        print(f"{'step':<20} {'wall s':>8} {'articles/s':>11} {'MB/s':>8} {'peak RSS MB':>12}")
        for k, r in rows.items():
            print(f"{k:<20} {r['wall_s']:>8.2f} {n / r['wall_s']:>11.0f} {mb / r['wall_s']:>8.2f} {r['peak_rss_mb']:>12.1f}")
        ratios = {}
        if "sklearn sentlr" in rows:
            b, f = rows["sklearn sentlr"], rows["framescope run"]
            ratios["run_throughput_x_baseline"] = round(b["wall_s"] / f["wall_s"], 2)
            ratios["run_peak_rss_over_baseline"] = round(f["peak_rss_mb"] / b["peak_rss_mb"], 3)
        ratios["analyze_time_over_wc_w"] = round(rows["framescope analyze"]["wall_s"] / rows["wc -w"]["wall_s"], 2)
        # Issue 17's "score ≤ 2× analyze on the same file": wall, and CPU (2 cores share the load).
        sc, an = rows["framescope score"], rows["framescope analyze"]
        ratios["score_time_over_analyze"] = round(sc["wall_s"] / an["wall_s"], 2)
        ratios["score_cpu_over_analyze"] = round(sc["cpu_s"] / an["cpu_s"], 2)
        print("ratios:", json.dumps(ratios))
        with open(os.path.join(ROOT, "benches", "results", f"bench-{n}.json"), "w") as f:
            json.dump({"n": n, "mb": round(mb, 1), "steps": rows, "ratios": ratios, "nproc": os.cpu_count(),
                       "date": time.strftime("%Y-%m-%d %H:%M:%S")}, f, indent=1)
    if a.flat:
        model = first_model
        if model is None:
            sys.exit("bench: --flat needs at least one --n (its run trains the model)")
        print(f"\nscore memory vs corpus size (one model: {model})")
        print(f"{'N':>10} {'MB':>8} {'wall s':>8} {'articles/s':>11} {'MB/s':>8} {'peak RSS MB':>12}")
        flat = {}
        for n in a.flat:
            corpus = corpus_of(n)
            mb = os.path.getsize(corpus) / 1e6
            r = measure([exe, "-q", "score", "--model", model, "--out", os.path.join(a.workdir, f"flat{n}"), corpus])
            true_peak(r, os.path.join(a.workdir, f"flat{n}"))
            r["mb"] = round(mb, 1)
            flat[str(n)] = r
            print(f"{n:>10} {mb:>8.1f} {r['wall_s']:>8.2f} {n / r['wall_s']:>11.0f} {mb / r['wall_s']:>8.2f} {r['peak_rss_mb']:>12.1f}")
        rss = [r["peak_rss_mb"] for r in flat.values()]
        summary = {"model": os.path.relpath(model, a.workdir), "runs": flat,
                   "peak_rss_largest_over_smallest": round(rss[-1] / rss[0], 3),
                   "date": time.strftime("%Y-%m-%d %H:%M:%S")}
        print("score peak RSS, largest N / smallest N:", summary["peak_rss_largest_over_smallest"])
        with open(os.path.join(ROOT, "benches", "results", "score-flat.json"), "w") as f:
            json.dump(summary, f, indent=1)


if __name__ == "__main__":
    main()
