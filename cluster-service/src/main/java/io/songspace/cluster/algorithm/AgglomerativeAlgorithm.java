package io.songspace.cluster.algorithm;

import io.songspace.cluster.analysis.WardClustering;
import io.songspace.common.events.AlgorithmSpec;
import jakarta.enterprise.context.ApplicationScoped;

/** Agglomerative clustering with Ward linkage, cut at k clusters (scikit-learn's default linkage). */
@ApplicationScoped
public class AgglomerativeAlgorithm implements ClusterAlgorithm {

    @Override
    public String name() {
        return AlgorithmSpec.AGGLOMERATIVE;
    }

    @Override
    public String displayName() {
        return "Agglomerative";
    }

    @Override
    public Fitted fit(double[][] x, AlgorithmSpec spec, int k, long seed) {
        return new Fitted(WardClustering.fit(x, k), "k=" + k + ", linkage=ward");
    }
}
