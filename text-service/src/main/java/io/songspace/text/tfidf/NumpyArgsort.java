package io.songspace.text.tfidf;

/**
 * NumPy's default {@code argsort} of a float64 array (its introsort, {@code aquicksort}), step for step, because
 * scikit-learn 1.2.1 picks the {@code max_features} most frequent terms with {@code (-tfs).argsort()[:limit]}: that
 * sort is not stable, so which of several equally frequent terms make the cut is decided by this very algorithm.
 * Median-of-three quicksort, insertion sort for slices of at most 16, heapsort once the depth limit is exceeded.
 * This is the portable path of NumPy 1.24 (what scikit-learn 1.2.1 was released against); NumPy 1.25 and later
 * dispatch to SIMD sorts on AVX-512 (and later AVX2) processors, which may order ties differently.
 */
final class NumpyArgsort {

    private static final int SMALL_QUICKSORT = 15;
    private static final int STACK = 128;

    private NumpyArgsort() {
    }

    /** The indices that sort {@code v} ascending (no NaNs), ties ordered as NumPy orders them. */
    static int[] argsort(double[] v) {
        int[] idx = new int[v.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        int[] stack = new int[STACK];
        int sp = 0;
        int[] depths = new int[STACK / 2];
        int dp = 0;
        int pl = 0;
        int pr = v.length - 1;
        int depth = 2 * (Integer.SIZE - 1 - Integer.numberOfLeadingZeros(v.length));
        while (true) {
            if (depth < 0) {
                heapsort(v, idx, pl, pr - pl + 1);
            } else {
                while (pr - pl > SMALL_QUICKSORT) {
                    int pm = pl + ((pr - pl) >> 1);
                    if (v[idx[pm]] < v[idx[pl]]) {
                        swap(idx, pm, pl);
                    }
                    if (v[idx[pr]] < v[idx[pm]]) {
                        swap(idx, pr, pm);
                    }
                    if (v[idx[pm]] < v[idx[pl]]) {
                        swap(idx, pm, pl);
                    }
                    double pivot = v[idx[pm]];
                    int pi = pl;
                    int pj = pr - 1;
                    swap(idx, pm, pj);
                    while (true) {
                        do {
                            pi++;
                        } while (v[idx[pi]] < pivot);
                        do {
                            pj--;
                        } while (pivot < v[idx[pj]]);
                        if (pi >= pj) {
                            break;
                        }
                        swap(idx, pi, pj);
                    }
                    swap(idx, pi, pr - 1);
                    // the larger side waits on the stack; the smaller is sorted first
                    if (pi - pl < pr - pi) {
                        stack[sp++] = pi + 1;
                        stack[sp++] = pr;
                        pr = pi - 1;
                    } else {
                        stack[sp++] = pl;
                        stack[sp++] = pi - 1;
                        pl = pi + 1;
                    }
                    depths[dp++] = --depth;
                }
                insertionSort(v, idx, pl, pr);
            }
            if (sp == 0) {
                return idx;
            }
            pr = stack[--sp];
            pl = stack[--sp];
            depth = depths[--dp];
        }
    }

    private static void insertionSort(double[] v, int[] idx, int pl, int pr) {
        for (int pi = pl + 1; pi <= pr; pi++) {
            int vi = idx[pi];
            double vp = v[vi];
            int pj = pi;
            while (pj > pl && vp < v[idx[pj - 1]]) {
                idx[pj] = idx[pj - 1];
                pj--;
            }
            idx[pj] = vi;
        }
    }

    /** NumPy's {@code aheapsort} of {@code idx[from, from + n)}, written with its one-based heap indices. */
    private static void heapsort(double[] v, int[] idx, int from, int n) {
        int base = from - 1;
        for (int l = n >> 1; l > 0; l--) {
            siftDown(v, idx, base, l, n, idx[base + l]);
        }
        for (; n > 1; n--) {
            int tmp = idx[base + n];
            idx[base + n] = idx[base + 1];
            siftDown(v, idx, base, 1, n - 1, tmp);
        }
    }

    private static void siftDown(double[] v, int[] idx, int base, int i, int n, int tmp) {
        for (int j = i << 1; j <= n; ) {
            if (j < n && v[idx[base + j]] < v[idx[base + j + 1]]) {
                j++;
            }
            if (v[tmp] < v[idx[base + j]]) {
                idx[base + i] = idx[base + j];
                i = j;
                j += j;
            } else {
                break;
            }
        }
        idx[base + i] = tmp;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
