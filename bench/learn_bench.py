"""scikit-learn's side of the learning bench (bench/learn.mjs): logistic regression and a random
forest on the bench's data, timed the way Atelier's run is (scaling, fit, and probabilities for
the training rows), the fit alone too, with training accuracy and the peak RSS of each fit.
Usage: python3 learn_bench.py DATA.f64 RUNS RF_RUNS [SMALL.f64]  ->  JSON on stdout.
DATA: rows x 21 float64, row-major: f0..f19 then y (0/1). SMALL (the same layout): a random
forest only, for the peer too slow for DATA."""
import json
import re
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def load(path):
    data = np.fromfile(path, dtype="<f8").reshape(-1, 21)
    return np.ascontiguousarray(data[:, :20]), data[:, 20].astype(np.int64)


def status_kb(field):
    with open("/proc/self/status") as f:
        return int(re.search(rf"{field}:\s+(\d+)", f.read()).group(1))


def peak_rss(fn):
    """Runs fn(); returns (its result, the peak resident set during it minus the RSS before, in
    bytes). Linux: writing 5 to clear_refs resets the peak (VmHWM) to the current RSS."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        before = status_kb("VmRSS")
    except OSError:
        return fn(), None
    result = fn()
    return result, (status_kb("VmHWM") - before) * 1024


def objective(model, Xs, y, C):
    """scikit-learn's L2 logistic loss divided by C*n: mean log-loss + ||w||^2 / (2 C n)."""
    z = Xs @ model.coef_[0] + model.intercept_[0]
    logloss = np.mean(np.logaddexp(0, z) - y * z)
    return float(logloss + model.coef_[0] @ model.coef_[0] / (2 * C * len(y)))


def logistic(X, y, runs):
    def pipeline():
        t0 = time.perf_counter()
        scaler = StandardScaler().fit(X)
        Xs = scaler.transform(X)
        t1 = time.perf_counter()
        model = LogisticRegression(C=1.0).fit(Xs, y)  # lbfgs, L2
        t2 = time.perf_counter()
        proba = model.predict_proba(Xs)[:, 1]
        t3 = time.perf_counter()
        return {"total": t3 - t0, "fit": t2 - t1, "model": model, "Xs": Xs, "proba": proba}

    totals, fits, rss, r = repeat(pipeline, runs)
    model = r["model"]
    return {
        "times": totals, "fit": fits, "peak_rss": rss,
        "accuracy": float(np.mean((r["proba"] >= 0.5) == y)),
        "objective": objective(model, r["Xs"], y, 1.0),
        "n_iter": int(model.n_iter_[0]),
        "coef": model.coef_[0].tolist(), "intercept": float(model.intercept_[0]),
    }


def repeat(pipeline, runs):
    """Runs `pipeline` up to `runs` times (once more is pointless past 60 s); the peak RSS
    growth of the first run. Returns the totals, the fit times, that growth and the last result."""
    totals, fits, rss = [], [], None
    for i in range(runs):
        r, grew = peak_rss(pipeline) if i == 0 else (pipeline(), None)
        rss = grew if i == 0 else rss
        totals.append(r["total"])
        fits.append(r["fit"])
        if r["total"] > 60:
            break  # one very slow run is enough
    return totals, fits, rss, r


def forest(X, y, runs):
    def pipeline():
        t0 = time.perf_counter()
        model = RandomForestClassifier(n_estimators=100, n_jobs=1, random_state=0).fit(X, y)
        t1 = time.perf_counter()
        proba = model.predict_proba(X)[:, 1]
        t2 = time.perf_counter()
        return {"total": t2 - t0, "fit": t1 - t0, "proba": proba}

    totals, fits, rss, r = repeat(pipeline, runs)
    return {"times": totals, "fit": fits, "peak_rss": rss, "accuracy": float(np.mean((r["proba"] >= 0.5) == y))}


def main():
    X, y = load(sys.argv[1])
    runs, rf_runs = int(sys.argv[2]), int(sys.argv[3])
    out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "rows": len(y),
           "positive_share": float(y.mean())}
    # Smallest first: the peak RSS of a run only shows memory beyond what the process already
    # holds, and a larger run before it would leave freed memory for it to reuse.
    if len(sys.argv) > 4:
        Xs, ys = load(sys.argv[4])
        out["forest_small"] = dict(forest(Xs, ys, runs), rows=len(ys))
    out["logistic"] = logistic(X, y, runs)
    out["forest"] = forest(X, y, rf_runs)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
