package io.songspace.cluster.analysis;

import smile.clustering.BBDTree;
import smile.clustering.CentroidClustering;
import smile.clustering.Clustering;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * A K-Means partition: cluster 0..k-1 of each sample and the mean squared distance to its centroid. Smile's
 * K-Means (BBD-tree accelerated Lloyd iterations, k-means++ seeding), restarted {@link KMeansOptions#restarts()}
 * times from one seed, keeping the lowest distortion.
 */
public record KMeansClustering(int k, int[] assignments, double distortion) {

    /**
     * Must run on the calling thread only: Smile draws its k-means++ seeds from a thread-local generator, which
     * this seeds with {@code seed}, so one seed gives one partition.
     */
    public static KMeansClustering fit(double[][] x, int k, KMeansOptions options, long seed) {
        if (k < 2 || k >= x.length) {
            throw new IllegalArgumentException("K-Means needs 2 <= k < n, got k=" + k + " for n=" + x.length);
        }
        MathEx.setSeed(seed);
        BBDTree tree = new BBDTree(x);
        Clustering.Options smile = new Clustering.Options(k, options.maxIterations(), options.tolerance(), null);
        CentroidClustering<double[], double[]> best =
                Clustering.run(options.restarts(), () -> KMeans.fit(tree, x, smile));
        return new KMeansClustering(k, best.group().clone(), best.distortion());
    }
}
