package io.songspace.cluster.metrics;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The six scores of one clustering, with DBSCAN's noise handled as scikit-learn users report it: the external
 * scores (ARI, NMI, purity) compare every labelled track with its true label, noise (-1) counting as one more
 * cluster, and are null where no track has a label; the internal scores (silhouette, Calinski-Harabasz,
 * Davies-Bouldin) are computed on the tracks in clusters only and are null unless 2 <= clusters <= those tracks - 1.
 * {@code clusters} counts real clusters (noise excluded), {@code noise} the tracks in none.
 */
public record ClusteringScores(int clusters, int noise, Double silhouette, Double calinskiHarabasz,
        Double daviesBouldin, Double ari, Double nmi, Double purity) {

    /** Label value of a sample without a true label. */
    public static final int UNLABELLED = -1;
    /** Cluster value of a sample in no cluster (DBSCAN's noise). */
    public static final int NOISE = -1;

    /**
     * @param x the clustered features, one row per sample
     * @param predicted cluster of each sample, {@link #NOISE} where it is in none
     * @param truth true class of each sample, {@link #UNLABELLED} where unknown
     */
    public static ClusteringScores of(double[][] x, int[] predicted, int[] truth) {
        if (x.length != predicted.length || truth.length != predicted.length) {
            throw new IllegalArgumentException("sizes differ: " + x.length + " rows, " + predicted.length
                    + " predictions, " + truth.length + " labels");
        }
        int[] clustered = IntStream.range(0, predicted.length).filter(i -> predicted[i] != NOISE).toArray();
        int clusters = (int) Arrays.stream(clustered).map(i -> predicted[i]).distinct().count();
        int noise = predicted.length - clustered.length;
        boolean internal = clusters >= 2 && clusters <= clustered.length - 1;
        double[][] cx = Arrays.stream(clustered).mapToObj(i -> x[i]).toArray(double[][]::new);
        int[] cp = Arrays.stream(clustered).map(i -> predicted[i]).toArray();
        int[] labelled = IntStream.range(0, truth.length).filter(i -> truth[i] != UNLABELLED).toArray();
        boolean external = labelled.length > 0;
        int[] t = Arrays.stream(labelled).map(i -> truth[i]).toArray();
        int[] p = Arrays.stream(labelled).map(i -> predicted[i]).toArray();
        return new ClusteringScores(clusters, noise,
                internal ? Silhouette.of(cx, cp) : null,
                internal ? CalinskiHarabasz.of(cx, cp) : null,
                internal ? DaviesBouldin.of(cx, cp) : null,
                external ? AdjustedRand.of(t, p) : null,
                external ? NormalizedMutualInfo.of(t, p) : null,
                external ? Purity.of(t, p) : null);
    }
}
