#!/usr/bin/env python3
"""The numpy + OpenBLAS peer of `plasticity capacity --n N --alpha A0:A1:dA --trials T --measure one-step`.

The same model and conventions as the toolkit (docs/hopfield.md, README "Conventions"):
  - patterns xi^mu in {-1, +1}^N, i.i.d. uniform, P = round(alpha * N) per load;
  - Hebbian couplings W = X^T X / N with a zero diagonal (X is P x N); the factor 1/N is left out of the product
    because it does not change any sign, and leaving it out keeps every field an exact integer;
  - one synchronous update from every stored pattern: h = X W, s_i = sgn(h_i), a tie (h_i = 0 exactly) keeps the
    current value (the stored bit);
  - the measured quantity: the fraction of bits that differ from the stored pattern, per trial, then the mean and
    the between-trial SE over T trials.
Timed region: everything per load and trial, pattern generation included (numpy's PCG64 with a per-(N, P, t) seed;
the streams differ from the toolkit's xoshiro256** streams, so the numbers agree in distribution, not bit for bit).
Integer exactness: X^T X and X (X^T X) are computed in float64 (OpenBLAS dgemm) on +-1 entries, so every entry is an
exact integer below 2^53 (|h| <= N P) and the tie test h == 0 is exact, as in the toolkit's integer kernels.
Prints one CSV line per load (n, alpha, P, error, SE) and the wall time of the whole sweep on stderr.
"""
import argparse
import sys
import time

import numpy as np


def loads(spec: str):
    a0, a1, da = (float(x) for x in spec.split(":"))
    k = int(round((a1 - a0) / da))
    return [round(a0 + i * da, 10) for i in range(k + 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--alpha", default="0.02:0.30:0.02")
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    n = args.n
    start = time.perf_counter()
    print("n,alpha,P,error,error_se")
    for alpha in loads(args.alpha):
        p = int(round(alpha * n))
        errors = np.empty(args.trials)
        for t in range(args.trials):
            rng = np.random.default_rng([args.seed, n, p, t])
            x = rng.integers(0, 2, size=(p, n), dtype=np.int8).astype(np.float64) * 2.0 - 1.0
            w = x.T @ x
            np.fill_diagonal(w, 0.0)
            h = x @ w
            s = np.where(h > 0, 1.0, np.where(h < 0, -1.0, x))
            errors[t] = np.count_nonzero(s != x) / (p * n)
        se = errors.std(ddof=1) / np.sqrt(args.trials) if args.trials > 1 else float("nan")
        print(f"{n},{alpha},{p},{errors.mean():.6g},{se:.3g}")
    print(f"numpy one-step sweep: {time.perf_counter() - start:.3f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
