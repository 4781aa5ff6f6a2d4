"""scikit-learn's side of the cross-validation bench (bench/cv.mjs): 5-fold cross-validation of
make_pipeline(StandardScaler(), LogisticRegression(C=1)) with KFold(5) (no shuffling), by
cross_validate with n_jobs=1 (default BLAS threads, and one BLAS thread) and n_jobs=2; then a
50-trial RandomizedSearchCV of it over C ~ loguniform(1e-3, 1e3) with n_jobs=1 and 2.
Wall seconds, and CPU seconds of the process and of its descendants (the loky workers with
n_jobs=2), read from /proc (Linux): what the work cost, which a busy machine does not inflate.
Usage: python3 cv_bench.py DATA.f64 RUNS SEARCH_RUNS  ->  JSON on stdout.
DATA: as learn_bench.py's (rows x 21 float64, f0..f19 then y)."""
import json
import os
import sys
import time

import numpy as np
import scipy
import sklearn
from scipy.stats import loguniform
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, RandomizedSearchCV, cross_val_score, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_info, threadpool_limits

from learn_bench import load

TICK = os.sysconf("SC_CLK_TCK")


def pipeline():
    return make_pipeline(StandardScaler(), LogisticRegression(C=1.0))


def descendants_cpu():
    """CPU seconds (user + system) of every live descendant of this process (Linux /proc)."""
    parent, ticks = {}, {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                s = f.read()
        except OSError:
            continue
        fields = s[s.rindex(")") + 2:].split()
        parent[int(d)] = int(fields[1])
        ticks[int(d)] = int(fields[11]) + int(fields[12])  # utime, stime
    me, total = os.getpid(), 0
    for pid in ticks:
        p, hops = parent.get(pid), 0
        while p and p > 1 and hops < 64:
            if p == me:
                total += ticks[pid]
                break
            p, hops = parent.get(p), hops + 1
    return total / TICK


def timed(fn, runs, long=60):
    """Runs fn() up to `runs` times (once past `long` seconds); wall and CPU seconds of each run
    (this process and its descendants), and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        c0, d0, t0 = time.process_time(), descendants_cpu(), time.perf_counter()
        result = fn()
        wall = time.perf_counter() - t0
        cpus.append(time.process_time() - c0 + descendants_cpu() - d0)
        walls.append(wall)
        if wall > long:
            break
    return {"times": walls, "cpu": cpus}, result


def cv(X, y, n_jobs):
    return cross_validate(pipeline(), X, y, cv=KFold(5), n_jobs=n_jobs)


def search(X, y, n_jobs):
    s = RandomizedSearchCV(pipeline(), {"logisticregression__C": loguniform(1e-3, 1e3)},
                           n_iter=50, cv=KFold(5), random_state=0, n_jobs=n_jobs)
    return s.fit(X, y)


def main():
    X, y = load(sys.argv[1])
    runs, search_runs = int(sys.argv[2]), int(sys.argv[3])
    out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
           "rows": len(y), "positive_share": float(y.mean()),
           "blas": [{k: p.get(k) for k in ("internal_api", "version", "num_threads")}
                    for p in threadpool_info() if p.get("user_api") == "blas"]}
    # The agreement check: the mean accuracy over the folds, and each fold's.
    scores = cross_val_score(pipeline(), X, y, cv=KFold(5))
    out["fold_accuracy"] = scores.tolist()
    out["mean_accuracy"] = float(scores.mean())

    out["cv"] = {}
    out["cv"]["n_jobs=1"], _ = timed(lambda: cv(X, y, 1), runs)
    with threadpool_limits(limits=1):
        out["cv"]["n_jobs=1@1thread"], _ = timed(lambda: cv(X, y, 1), runs)
    # n_jobs=2: loky starts its two worker processes on first use and keeps them: one untimed
    # call first, so the times are those of a warm pool (loky gives each worker
    # cpu_count // n_jobs = 1 BLAS thread).
    t0 = time.perf_counter()
    cv(X, y, 2)
    out["pool_start"] = time.perf_counter() - t0
    out["cv"]["n_jobs=2"], _ = timed(lambda: cv(X, y, 2), runs)

    out["search"] = {}
    with threadpool_limits(limits=1):
        out["search"]["n_jobs=1@1thread"], s1 = timed(lambda: search(X, y, 1), search_runs)
    out["search"]["n_jobs=2"], s2 = timed(lambda: search(X, y, 2), search_runs)
    out["search_best"] = [{"C": float(s.best_params_["logisticregression__C"]), "score": float(s.best_score_)}
                          for s in (s1, s2)]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
