package io.songspace.cluster.metrics;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The six scores of one clustering. Internal scores (silhouette, Calinski-Harabasz, Davies-Bouldin) are computed on
 * the clustered features and are null outside 2 <= clusters <= n-1; external scores (ARI, NMI, purity) compare with
 * the true labels over the labelled samples only and are null where no sample has a label.
 */
public record ClusteringScores(int clusters, Double silhouette, Double calinskiHarabasz, Double daviesBouldin,
        Double ari, Double nmi, Double purity) {

    /** Label value of a sample without a true label. */
    public static final int UNLABELLED = -1;

    /**
     * @param x the clustered features, one row per sample
     * @param predicted cluster of each sample (-1, DBSCAN's noise, counts as one more cluster)
     * @param truth true class of each sample, {@link #UNLABELLED} where unknown
     */
    public static ClusteringScores of(double[][] x, int[] predicted, int[] truth) {
        if (x.length != predicted.length || truth.length != predicted.length) {
            throw new IllegalArgumentException("sizes differ: " + x.length + " rows, " + predicted.length
                    + " predictions, " + truth.length + " labels");
        }
        int clusters = (int) Arrays.stream(predicted).distinct().count();
        boolean internal = clusters >= 2 && clusters <= x.length - 1;
        int[] labelled = IntStream.range(0, truth.length).filter(i -> truth[i] != UNLABELLED).toArray();
        boolean external = labelled.length > 0;
        int[] t = Arrays.stream(labelled).map(i -> truth[i]).toArray();
        int[] p = Arrays.stream(labelled).map(i -> predicted[i]).toArray();
        return new ClusteringScores(clusters,
                internal ? Silhouette.of(x, predicted) : null,
                internal ? CalinskiHarabasz.of(x, predicted) : null,
                internal ? DaviesBouldin.of(x, predicted) : null,
                external ? AdjustedRand.of(t, p) : null,
                external ? NormalizedMutualInfo.of(t, p) : null,
                external ? Purity.of(t, p) : null);
    }
}
