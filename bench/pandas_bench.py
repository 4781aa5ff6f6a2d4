"""Native peer for bench/run.mjs: pandas read_csv and describe, timed separately.

    python3 bench/pandas_bench.py FILE [RUNS]  → one JSON object on stdout:
    {"pandas": version, "read_csv": [s...], "describe": [s...], "describe_result": {col: {stat: v}}}
"""
import json
import sys
import time

import pandas as pd

path = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
read_times, describe_times = [], []
for _ in range(runs):
    t = time.perf_counter()
    df = pd.read_csv(path)
    read_times.append(time.perf_counter() - t)
    t = time.perf_counter()
    d = df.describe()
    describe_times.append(time.perf_counter() - t)
    del df

print(json.dumps({
    "pandas": pd.__version__,
    "read_csv": read_times,
    "describe": describe_times,
    # {column: {count, mean, std, min, 25%, 50%, 75%, max}} at full precision
    "describe_result": {c: {k: float(v) for k, v in d[c].items()} for c in d.columns},
}))
