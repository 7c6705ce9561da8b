package io.songspace.cluster.analysis;

import java.util.HashMap;
import java.util.Map;

/**
 * A flat partition of n points, the one result shape of every clustering algorithm here: {@code labels[i]} is
 * point i's cluster, 0 to {@code clusterCount - 1}, or {@link #NOISE} (-1) for a point left out of every cluster
 * (DBSCAN's noise).
 */
public record Clusters(int[] labels, int clusterCount, int noiseCount) {

    /** The label of a point in no cluster. */
    public static final int NOISE = -1;

    /**
     * Counts the clusters (distinct non-negative labels) and the noise points (negative labels) of any labelling,
     * renaming the clusters 0, 1, 2… in order of first appearance and every negative label to {@link #NOISE}.
     * The input is not modified.
     */
    public static Clusters of(int[] labels) {
        int[] renamed = new int[labels.length];
        Map<Integer, Integer> names = new HashMap<>();
        int noise = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                renamed[i] = NOISE;
                noise++;
            } else {
                renamed[i] = names.computeIfAbsent(labels[i], l -> names.size());
            }
        }
        return new Clusters(renamed, names.size(), noise);
    }

    /** Points per cluster, indexed by label. */
    public int[] sizes() {
        int[] sizes = new int[clusterCount];
        for (int label : labels) {
            if (label >= 0) {
                sizes[label]++;
            }
        }
        return sizes;
    }
}
