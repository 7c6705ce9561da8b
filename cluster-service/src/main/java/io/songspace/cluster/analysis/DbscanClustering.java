package io.songspace.cluster.analysis;

import smile.clustering.Clustering;
import smile.clustering.DBSCAN;

/**
 * DBSCAN with scikit-learn's semantics, by Smile's {@link DBSCAN}: a core point has at least {@code minSamples}
 * points, itself included, within distance {@code eps} (inclusive); a cluster is a connected group of core points
 * with the non-core points in reach of them, each such border point going to the first cluster that reaches it
 * (clusters grown in order of their lowest-index core point, as both libraries do); all other points are noise
 * (-1). Equal to scikit-learn 1.2's partitions on the reference fixtures.
 */
public final class DbscanClustering {

    private DbscanClustering() {
    }

    /**
     * @param minSamples points within eps, the point itself included, that make a core point; at least 1
     * @param eps the neighbourhood radius, positive
     */
    public static Clusters fit(double[][] x, int minSamples, double eps) {
        if (minSamples < 1) {
            throw new IllegalArgumentException("DBSCAN minSamples must be at least 1, got " + minSamples);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("DBSCAN eps must be positive, got " + eps);
        }
        // Smile's radius search leaves the query point out, so its minPts counts the other points only; it needs
        // minPts >= 1, so minSamples = 1 runs as minPts = 1 and the points it leaves isolated are then what
        // scikit-learn makes of them: core points of clusters of their own.
        DBSCAN<double[]> dbscan = DBSCAN.fit(x, Math.max(1, minSamples - 1), eps);
        int[] labels = dbscan.group().clone();
        int next = dbscan.k();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == Clustering.OUTLIER) {
                labels[i] = minSamples == 1 ? next++ : Clusters.NOISE;
            }
        }
        return Clusters.of(labels);
    }
}
