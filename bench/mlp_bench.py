"""scikit-learn's side of the MLP bench (bench/mlp.mjs): epochs of MLPClassifier on the bench's
data, standardised beforehand (not timed), each epoch timed alone: one partial_fit call is one
shuffled pass over the rows, as one iteration of fit. Then the same on one BLAS thread (with
this thread's CPU time too, which a busy machine does not inflate), and a fit of EPOCHS
iterations as a check.
Usage: python3 mlp_bench.py DATA.f64 RUNS SETTINGS  ->  JSON on stdout.
DATA: as learn_bench.py's. SETTINGS: JSON, { hidden_layer_sizes, batch_size, alpha,
learning_rate_init, epochs } (bench/mlp.mjs's MLP)."""
import json
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_info, threadpool_limits

from learn_bench import load


def classifier(settings, **extra):
    return MLPClassifier(
        hidden_layer_sizes=tuple(settings["hidden_layer_sizes"]), activation="relu", solver="adam",
        batch_size=settings["batch_size"], alpha=settings["alpha"],
        learning_rate_init=settings["learning_rate_init"], random_state=0, **extra)


def epochs(X, y, runs, settings):
    """`runs` fresh networks, `epochs` partial_fit calls each: every epoch's seconds (wall, and
    this thread's CPU), and the last network."""
    times, cpu, classes = [], [], np.unique(y)
    for _ in range(runs):
        model = classifier(settings)
        for _ in range(settings["epochs"]):
            t0, c0 = time.perf_counter(), time.thread_time()
            model.partial_fit(X, y, classes=classes)
            times.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
    return times, cpu, model


def main():
    X, y = load(sys.argv[1])
    runs, settings = int(sys.argv[2]), json.loads(sys.argv[3])
    X = StandardScaler().fit_transform(X)
    times, _, model = epochs(X, y, runs, settings)
    with threadpool_limits(limits=1):
        one_thread, cpu_one_thread, _ = epochs(X, y, runs, settings)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        check = classifier(settings, max_iter=settings["epochs"])
        t0 = time.perf_counter()
        check.fit(X, y)
        fit = time.perf_counter() - t0
    print(json.dumps({
        "sklearn": sklearn.__version__, "numpy": np.__version__, "rows": len(y),
        "positive_share": float(y.mean()),
        "blas": [{k: p.get(k) for k in ("internal_api", "version", "num_threads")}
                 for p in threadpool_info() if p.get("user_api") == "blas"],
        "epochs": times, "epochs_one_thread": one_thread, "cpu_one_thread": cpu_one_thread,
        "loss": float(model.loss_), "accuracy": float(model.score(X, y)),
        "fit_per_epoch": fit / check.n_iter_, "fit_iterations": int(check.n_iter_),
    }))


if __name__ == "__main__":
    main()
