package io.songspace.cluster.metrics;

import java.util.stream.IntStream;

/**
 * Mean silhouette coefficient with euclidean distances, as scikit-learn's {@code silhouette_score}: for each
 * sample, a = mean distance to the other members of its cluster, b = the smallest mean distance to the members
 * of another cluster, s = (b - a) / max(a, b); a sample alone in its cluster scores 0. Written by hand: Smile has
 * no silhouette.
 */
public final class Silhouette {

    private Silhouette() {
    }

    /** @throws IllegalArgumentException unless 2 <= clusters <= n-1 */
    public static double of(double[][] x, int[] labels) {
        Partition p = Partition.of(labels);
        p.requireInternalRange("silhouette");
        int n = x.length;
        int k = p.clusters();
        int[] codes = p.codes();
        int[] sizes = p.sizes();
        // O(n²·d) distances, one sample per task; each sample's sum is sequential so the result is reproducible
        double[] s = IntStream.range(0, n).parallel().mapToDouble(i -> {
            int own = codes[i];
            if (sizes[own] == 1) {
                return 0.0;
            }
            double[] sums = new double[k];
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sums[codes[j]] += Partition.distance(x[i], x[j]);
                }
            }
            double a = sums[own] / (sizes[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own) {
                    b = Math.min(b, sums[c] / sizes[c]);
                }
            }
            double max = Math.max(a, b);
            return max == 0 ? 0.0 : (b - a) / max;
        }).toArray();
        double total = 0;
        for (double v : s) {
            total += v;
        }
        return total / n;
    }
}
