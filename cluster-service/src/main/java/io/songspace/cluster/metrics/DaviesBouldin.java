package io.songspace.cluster.metrics;

/**
 * Davies-Bouldin index, as scikit-learn's {@code davies_bouldin_score}: the mean over clusters of the largest
 * (s_i + s_j) / d(c_i, c_j), with s the mean distance of a cluster's members to its centroid; 0 where every s or
 * every centroid distance is (close to) 0, and coinciding centroids are ignored. Lower is better. Written by hand:
 * Smile has no Davies-Bouldin.
 */
public final class DaviesBouldin {

    /** numpy.allclose(a, 0)'s absolute tolerance, which scikit-learn uses for its degenerate cases. */
    private static final double ZERO_TOLERANCE = 1e-8;

    private DaviesBouldin() {
    }

    /** @throws IllegalArgumentException unless 2 <= clusters <= n-1 */
    public static double of(double[][] x, int[] labels) {
        Partition p = Partition.of(labels);
        p.requireInternalRange("Davies-Bouldin");
        int k = p.clusters();
        double[][] centroids = p.centroids(x);
        double[] spread = new double[k];
        for (int i = 0; i < x.length; i++) {
            int c = p.codes()[i];
            spread[c] += Partition.distance(x[i], centroids[c]);
        }
        boolean spreadsZero = true;
        for (int c = 0; c < k; c++) {
            spread[c] /= p.sizes()[c];
            spreadsZero &= Math.abs(spread[c]) <= ZERO_TOLERANCE;
        }
        double[][] between = new double[k][k];
        boolean centroidsCoincide = true;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                between[a][b] = Partition.distance(centroids[a], centroids[b]);
                centroidsCoincide &= between[a][b] <= ZERO_TOLERANCE;
            }
        }
        if (spreadsZero || centroidsCoincide) {
            return 0.0;
        }
        double total = 0;
        for (int a = 0; a < k; a++) {
            double worst = 0;
            for (int b = 0; b < k; b++) {
                if (between[a][b] != 0) { // a itself, or a centroid that coincides with a's: infinitely far, ratio 0
                    worst = Math.max(worst, (spread[a] + spread[b]) / between[a][b]);
                }
            }
            total += worst;
        }
        return total / k;
    }
}
