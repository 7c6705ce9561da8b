"""scikit-learn's Barnes-Hut t-SNE of the matrix TsneBench wrote: seconds and final KL divergence.

Usage: OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 taskset -c 0 python3 bench/python/tsne_sklearn.py MATRIX.npy
Settings as TsneBench: TSNE(2, perplexity=30, init="pca", learning_rate="auto", random_state=0,
method="barnes_hut"), scikit-learn's other defaults (1,000 iterations, early exaggeration 12, angle 0.5).
"""
import os

# one thread for OpenMP (the Barnes-Hut gradient) and BLAS, before numpy loads
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.manifold import TSNE  # noqa: E402


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "bench/target/tsne-3000x32.npy"
    x = np.load(path)
    start = time.perf_counter()
    tsne = TSNE(n_components=2, perplexity=30, init="pca", learning_rate="auto", random_state=0,
                method="barnes_hut")
    y = tsne.fit_transform(x)
    seconds = time.perf_counter() - start
    embedded = int(np.isfinite(y).all(axis=1).sum())
    print(f"sklearn {sklearn.__version__} barnes-hut t-SNE {x.shape[0]}x{x.shape[1]} (matrix: {path}): "
          f"seconds {seconds:.3f} kl {tsne.kl_divergence_:.6f} embedded {embedded}/{x.shape[0]} "
          f"iterations {tsne.n_iter_}")


if __name__ == "__main__":
    main()
