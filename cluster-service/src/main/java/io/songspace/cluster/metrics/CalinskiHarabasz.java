package io.songspace.cluster.metrics;

/**
 * Calinski-Harabasz index (variance ratio criterion), as scikit-learn's {@code calinski_harabasz_score}:
 * [between-cluster dispersion / (k-1)] / [within-cluster dispersion / (n-k)], and 1 where the within-cluster
 * dispersion is 0. Written by hand: Smile has no Calinski-Harabasz.
 */
public final class CalinskiHarabasz {

    private CalinskiHarabasz() {
    }

    /** @throws IllegalArgumentException unless 2 <= clusters <= n-1 */
    public static double of(double[][] x, int[] labels) {
        Partition p = Partition.of(labels);
        p.requireInternalRange("Calinski-Harabasz");
        int n = x.length;
        int d = x[0].length;
        int k = p.clusters();
        double[][] centroids = p.centroids(x);
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double between = 0;
        for (int c = 0; c < k; c++) {
            double sq = 0;
            for (int j = 0; j < d; j++) {
                double diff = centroids[c][j] - mean[j];
                sq += diff * diff;
            }
            between += p.sizes()[c] * sq;
        }
        double within = 0;
        for (int i = 0; i < n; i++) {
            double[] c = centroids[p.codes()[i]];
            for (int j = 0; j < d; j++) {
                double diff = x[i][j] - c[j];
                within += diff * diff;
            }
        }
        return within == 0 ? 1.0 : between * (n - k) / (within * (k - 1.0));
    }
}
