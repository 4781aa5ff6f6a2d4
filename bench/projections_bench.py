"""Native peers of the projection bench (bench/run.mjs) and the quality score of every embedding.

    python3 bench/projections_bench.py CLUSTERS SMALL CORRELATED OUTDIR [RUNS] [PARTS]

CLUSTERS: the 5,000 × 64 CSV (t-SNE, UMAP); SMALL: its first 500 rows (the tsne-js comparison);
CORRELATED: the 100,000 × 50 CSV (PCA); OUTDIR: where the browser's embeddings are
(emb-*.json, each {"data": "<csv file name>", "embedding": [[x, y], ...]}) and where this writes
its own. PARTS: comma-separated among tsne,umap,pca (default all).

Prints one JSON object: versions, times (s) of scikit-learn's TSNE and PCA and umap-learn's UMAP,
scikit-learn's PCA explained variance, and the trustworthiness (k = 10) of every embedding in
OUTDIR, its own included, each against the data it was made from.
"""
import glob
import json
import os
import sys
import time
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE, trustworthiness

warnings.filterwarnings("ignore")
clusters, small, correlated, outdir = sys.argv[1:5]
runs = int(sys.argv[5]) if len(sys.argv) > 5 else 5
parts = set((sys.argv[6] if len(sys.argv) > 6 else "tsne,umap,pca").split(","))
slow_runs = min(runs, 3)
out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "times": {}, "errors": {}}


def load(path):
    return pd.read_csv(path).to_numpy(dtype=np.float64)


def timed(name, fn, n=runs, save=None):
    """Runs fn up to n times (slow_runs once a run takes over 5 s, 1 over 60 s); keeps the first result."""
    times, result = [], None
    for _ in range(n):
        t = time.perf_counter()
        r = fn()
        times.append(time.perf_counter() - t)
        result = r if result is None else result
        if times[-1] > 5 and len(times) >= slow_runs or times[-1] > 60:
            break
    out["times"][name] = times
    if save:
        with open(os.path.join(outdir, f"emb-{name}.json"), "w") as f:
            json.dump({"data": os.path.basename(save), "embedding": np.asarray(result).tolist()}, f)
    print(f"  {name}: " + " ".join(f"{s:.3f}" for s in times) + " s", file=sys.stderr, flush=True)
    return result


X = load(clusters)
Xs = load(small)

if "tsne" in parts:
    # max_iter is 1000 by default, learning_rate 'auto', Barnes-Hut (angle 0.5), exaggeration 12.
    tsne = lambda: TSNE(n_components=2, perplexity=30, init="pca", random_state=0)
    timed("sklearn.tsne", lambda: tsne().fit_transform(X), n=slow_runs, save=clusters)
    timed("sklearn.tsne500", lambda: tsne().fit_transform(Xs), n=slow_runs, save=small)

if "umap" in parts:
    try:
        import umap

        out["umap"] = umap.__version__
        make = lambda: umap.UMAP(n_neighbors=15, min_dist=0.1, n_components=2, random_state=0)
        # numba compiles on the first call of a process (NN-descent only from 4,096 rows on):
        # one warm-up run on the same data, timed apart.
        t = time.perf_counter()
        make().fit_transform(X)
        out["times"]["umap-learn.warmup"] = [time.perf_counter() - t]
        timed("umap-learn.umap", lambda: make().fit_transform(X), n=slow_runs, save=clusters)
    except Exception as e:  # not installable here: the others are reported anyway
        out["errors"]["umap-learn"] = f"{type(e).__name__}: {e}"

if "pca" in parts:
    P = load(correlated)
    pca = timed("sklearn.pca", lambda: PCA(2).fit(P))
    timed("sklearn.pca+transform", lambda: PCA(2).fit_transform(P))
    out["pca"] = {
        "explained_variance": pca.explained_variance_.tolist(),
        "explained_variance_ratio": pca.explained_variance_ratio_.tolist(),
        "svd_solver": getattr(pca, "_fit_svd_solver", None),
    }
    del P

# Trustworthiness (k = 10, Euclidean) of every embedding in OUTDIR against its own data.
data = {os.path.basename(clusters): X, os.path.basename(small): Xs}
out["trustworthiness"] = {}
for path in sorted(glob.glob(os.path.join(outdir, "emb-*.json"))):
    name = os.path.basename(path)[4:-5]
    with open(path) as f:
        emb = json.load(f)
    src = data.get(emb["data"])
    E = np.asarray(emb["embedding"], dtype=np.float64)
    if src is None or E.shape != (len(src), 2) or not np.isfinite(E).all():
        out["errors"][name] = f"embedding {E.shape} for {emb['data']}: not scored"
        continue
    out["trustworthiness"][name] = float(trustworthiness(src, E, n_neighbors=10))

print(json.dumps(out))
