package io.songspace.cluster.metrics;

import java.util.Arrays;

/**
 * Cluster labels re-encoded as 0..k-1 in ascending order of the original label, as scikit-learn's
 * LabelEncoder does. Any int is a label: DBSCAN's noise (-1) is one more cluster.
 */
record Partition(int[] codes, int[] sizes) {

    static Partition of(int[] labels) {
        int[] distinct = Arrays.stream(labels).distinct().sorted().toArray();
        int[] codes = new int[labels.length];
        int[] sizes = new int[distinct.length];
        for (int i = 0; i < labels.length; i++) {
            codes[i] = Arrays.binarySearch(distinct, labels[i]);
            sizes[codes[i]]++;
        }
        return new Partition(codes, sizes);
    }

    int clusters() {
        return sizes.length;
    }

    /** Per-cluster means of the rows of {@code x}. */
    double[][] centroids(double[][] x) {
        int d = x[0].length;
        double[][] centroids = new double[clusters()][d];
        for (int i = 0; i < x.length; i++) {
            double[] c = centroids[codes[i]];
            for (int j = 0; j < d; j++) {
                c[j] += x[i][j];
            }
        }
        for (int c = 0; c < centroids.length; c++) {
            for (int j = 0; j < d; j++) {
                centroids[c][j] /= sizes[c];
            }
        }
        return centroids;
    }

    /** Throws unless 2 <= clusters <= n-1, the range where scikit-learn defines the internal scores. */
    void requireInternalRange(String metric) {
        int n = codes.length;
        if (clusters() < 2 || clusters() > n - 1) {
            throw new IllegalArgumentException(metric + " needs 2 <= clusters <= n-1, got " + clusters()
                    + " clusters for n=" + n);
        }
    }

    static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            double diff = a[j] - b[j];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }
}
