package io.songspace.cluster.algorithm;

import io.songspace.cluster.analysis.Clusters;
import io.songspace.cluster.analysis.KMeansClustering;
import io.songspace.cluster.analysis.KMeansOptions;
import io.songspace.cluster.config.ClusterConfig;
import io.songspace.common.events.AlgorithmSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/** K-Means with k-means++ starts, the best of {@code songspace.cluster.kmeans.restarts} (scikit-learn's n_init 10). */
@ApplicationScoped
public class KMeansAlgorithm implements ClusterAlgorithm {

    private final ClusterConfig.KMeans config;

    public KMeansAlgorithm(ClusterConfig config) {
        this.config = config.kmeans();
    }

    @Override
    public String name() {
        return AlgorithmSpec.KMEANS;
    }

    @Override
    public String displayName() {
        return "K-Means";
    }

    @Override
    public Fitted fit(double[][] x, AlgorithmSpec spec, int k, long seed) {
        KMeansClustering fitted = KMeansClustering.fit(x, k,
                new KMeansOptions(config.restarts(), config.maxIterations(), config.tolerance()), seed);
        return new Fitted(Clusters.of(fitted.assignments()),
                String.format(Locale.ROOT, "k=%d, n_init=%d", k, config.restarts()));
    }
}
