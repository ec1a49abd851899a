#!/usr/bin/env python3
"""Independent reference for framescope's keyness statistic (src/compare/keyness.rs).

Log-odds ratio with informative Dirichlet prior, Monroe, Colaresi & Quinn (2008), eq. 16-22,
prior = background counts scaled to alpha_0 = (n_a + n_b) / 2. Plain Python, no numpy.
Prints the numbers the Rust unit test and tests/compare.rs assert.
"""
import math


def log_odds(a, b, bg, a0=None):
    na, nb, nbg = sum(a.values()), sum(b.values()), sum(bg.values())
    a0 = (na + nb) / 2 if a0 is None else a0
    out = {}
    for w in sorted(set(a) | set(b)):
        ya, yb = a.get(w, 0), b.get(w, 0)
        alpha = a0 * bg[w] / nbg
        delta = math.log((ya + alpha) / (na + a0 - ya - alpha)) - math.log((yb + alpha) / (nb + a0 - yb - alpha))
        var = 1 / (ya + alpha) + 1 / (yb + alpha)
        out[w] = (alpha, delta, delta / math.sqrt(var))
    return out


if __name__ == "__main__":
    # The unit-test example.
    r = log_odds({"nato": 8, "drill": 2}, {"nato": 1, "drill": 9}, {"nato": 10, "drill": 12, "talk": 8})
    for w, (alpha, d, z) in r.items():
        print(f"unit {w}: alpha={alpha:.6f} delta={d:.6f} z={z:.6f}")
