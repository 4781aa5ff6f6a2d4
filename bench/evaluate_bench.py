"""scikit-learn's roc_auc_score + average_precision_score on the bench's labels and scores.
Usage: python3 evaluate_bench.py FILE RUNS  (FILE: n labels then n scores, float64) -> JSON."""
import json
import sys
import time

import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score

data = np.fromfile(sys.argv[1], dtype="<f8")
n = len(data) // 2
y, s = data[:n].astype(int), data[n:]
times = []
for _ in range(int(sys.argv[2])):
    t0 = time.perf_counter()
    auc, ap = roc_auc_score(y, s), average_precision_score(y, s)
    times.append(time.perf_counter() - t0)
print(json.dumps({"times": times, "auc": auc, "ap": ap}))
