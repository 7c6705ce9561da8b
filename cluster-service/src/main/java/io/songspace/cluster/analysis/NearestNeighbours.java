package io.songspace.cluster.analysis;

/**
 * Each point's k nearest other points, nearest first (ties by index), and their squared distances: exact, for
 * t-SNE's neighbourhoods and DBSCAN's eps rules. Written by hand: Smile's k-NN structures return neighbours
 * without scikit-learn's tie order, and a brute-force pass over the n(n-1)/2 pairs is fast at the sizes clustered
 * here (0.4 s for 3,000 points).
 */
record NearestNeighbours(int[][] indices, double[][] squaredDistances) {

    /** Brute force over all n(n-1)/2 pairs, each distance offered to both points' bounded max-heaps. */
    static NearestNeighbours of(double[][] x, int k) {
        int n = x.length;
        int[][] heapIndex = new int[n][k];
        double[][] heapDistance = new double[n][k];
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            double[] xi = x[i];
            for (int j = i + 1; j < n; j++) {
                double[] xj = x[j];
                double s = 0;
                for (int c = 0; c < xi.length; c++) {
                    double diff = xi[c] - xj[c];
                    s += diff * diff;
                }
                offer(heapIndex[i], heapDistance[i], size, i, j, s);
                offer(heapIndex[j], heapDistance[j], size, j, i, s);
            }
        }
        // heap sort in place: repeatedly move the largest to the end
        for (int i = 0; i < n; i++) {
            for (int end = k - 1; end > 0; end--) {
                swap(heapIndex[i], heapDistance[i], 0, end);
                siftDown(heapIndex[i], heapDistance[i], 0, end);
            }
        }
        return new NearestNeighbours(heapIndex, heapDistance);
    }

    /** (d, j) ranks above (e, l) when d > e, or d == e and j > l: the heap's root is the worst kept. */
    private static boolean worse(double d, int j, double e, int l) {
        return d > e || (d == e && j > l);
    }

    private static void offer(int[] index, double[] distance, int[] size, int owner, int j, double d) {
        int k = index.length;
        if (size[owner] < k) {
            int c = size[owner]++;
            index[c] = j;
            distance[c] = d;
            while (c > 0) {
                int parent = (c - 1) / 2;
                if (!worse(distance[c], index[c], distance[parent], index[parent])) {
                    break;
                }
                swap(index, distance, c, parent);
                c = parent;
            }
        } else if (worse(distance[0], index[0], d, j)) {
            index[0] = j;
            distance[0] = d;
            siftDown(index, distance, 0, k);
        }
    }

    private static void siftDown(int[] index, double[] distance, int c, int size) {
        while (true) {
            int left = 2 * c + 1;
            if (left >= size) {
                return;
            }
            int child = left + 1 < size && worse(distance[left + 1], index[left + 1], distance[left], index[left])
                    ? left + 1 : left;
            if (!worse(distance[child], index[child], distance[c], index[c])) {
                return;
            }
            swap(index, distance, c, child);
            c = child;
        }
    }

    private static void swap(int[] index, double[] distance, int a, int b) {
        int t = index[a];
        index[a] = index[b];
        index[b] = t;
        double u = distance[a];
        distance[a] = distance[b];
        distance[b] = u;
    }
}
