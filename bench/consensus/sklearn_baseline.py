"""scikit-learn baseline for bench/consensus: the same pipeline with off-the-shelf tools.

Usage: /usr/bin/python3 sklearn_baseline.py <dir> [--warm]
Timed: build the dense mean-imputed matrix (moderated-out columns 0), PCA(2) (sklearn's default
solver: randomized SVD for large matrices), 100 base clusters with KMeans(n_init=1), then
KMeans for k = 2..5 on the base centres weighted by size, k chosen by silhouette score.
Loading the input files is not timed. maxRssBytes: peak resident memory (getrusage).
"""
import json
import resource
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score, silhouette_score


def main() -> None:
    d = sys.argv[1]
    meta = json.load(open(f"{d}/meta.json"))
    n, m = meta["participants"], meta["statements"]
    rows = np.fromfile(f"{d}/rows.i32", dtype=np.int32)
    cols = np.fromfile(f"{d}/cols.i32", dtype=np.int32)
    vals = np.fromfile(f"{d}/vals.i8", dtype=np.int8).astype(np.float64)
    modout = np.fromfile(f"{d}/modout.i32", dtype=np.int32)
    if "--warm" in sys.argv:
        run(n, m, rows, cols, vals, modout)  # untimed: imports, thread pools, caches
    out, labels = run(n, m, rows, cols, vals, modout)
    if meta["planted"]:
        truth = np.fromfile(f"{d}/truth.i32", dtype=np.int32)
        out["ari"] = float(adjusted_rand_score(truth, labels))
    out["maxRssBytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps(out))


def run(n, m, rows, cols, vals, modout):
    t0 = time.perf_counter()
    sums = np.bincount(cols, weights=vals, minlength=m)
    counts = np.bincount(cols, minlength=m)
    means = np.divide(sums, counts, out=np.zeros(m), where=counts > 0)
    means[modout] = 0.0
    x = np.empty((n, m), dtype=np.float64)
    x[:] = means
    x[rows, cols] = vals
    x[:, modout] = 0.0
    t1 = time.perf_counter()
    proj = PCA(n_components=2, random_state=0).fit_transform(x)
    t2 = time.perf_counter()
    base_k = min(100, n)
    base = KMeans(n_clusters=base_k, n_init=1, random_state=0).fit(proj)
    centres = base.cluster_centers_
    weights = np.bincount(base.labels_, minlength=base_k)
    best = None
    for k in range(2, min(5, 2 + base_k // 12) + 1):
        g = KMeans(n_clusters=k, n_init=1, random_state=0).fit(centres, sample_weight=weights)
        s = silhouette_score(centres, g.labels_)
        if best is None or s > best[0]:
            best = (s, k, g.labels_)
    labels = best[2][base.labels_]
    t3 = time.perf_counter()
    out = {
        "ms": (t3 - t0) * 1000,
        "imputeMs": (t1 - t0) * 1000,
        "pcaMs": (t2 - t1) * 1000,
        "kmeansMs": (t3 - t2) * 1000,
        "k": int(best[1]),
    }
    return out, labels


if __name__ == "__main__":
    main()
