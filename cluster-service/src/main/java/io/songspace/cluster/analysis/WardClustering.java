package io.songspace.cluster.analysis;

import smile.clustering.HierarchicalClustering;
import smile.clustering.linkage.WardLinkage;

/**
 * Agglomerative clustering with Ward's linkage (each merge joins the two clusters whose union least increases the
 * within-cluster sum of squares), cut into k clusters: Smile's {@link HierarchicalClustering}, as scikit-learn's
 * {@code AgglomerativeClustering(n_clusters=k, linkage="ward")}. It holds the n(n+1)/2 proximities (as floats) and
 * costs O(n²) time per merge level, so it suits up to some ten thousand points.
 */
public final class WardClustering {

    private WardClustering() {
    }

    /** @param k clusters wanted, 1 <= k <= n */
    public static Clusters fit(double[][] x, int k) {
        if (k < 1 || k > x.length) {
            throw new IllegalArgumentException("Ward clustering of " + x.length + " points into k=" + k
                    + " clusters: need 1 <= k <= n");
        }
        if (x.length == 1) {
            return Clusters.of(new int[] {0});
        }
        HierarchicalClustering tree = HierarchicalClustering.fit(WardLinkage.of(x));
        return Clusters.of(tree.partition(k));
    }
}
