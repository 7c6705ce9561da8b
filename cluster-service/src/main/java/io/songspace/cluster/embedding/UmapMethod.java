package io.songspace.cluster.embedding;

import io.songspace.cluster.analysis.UmapEmbedding;
import io.songspace.cluster.analysis.UmapOptions;
import io.songspace.cluster.config.ClusterConfig;
import io.songspace.common.events.RunSpec;
import jakarta.enterprise.context.ApplicationScoped;

/** UMAP; the neighbour count comes from the run's spec, the other settings from configuration. */
@ApplicationScoped
public class UmapMethod implements EmbeddingMethod {

    private final ClusterConfig.Umap config;

    public UmapMethod(ClusterConfig config) {
        this.config = config.umap();
    }

    @Override
    public String name() {
        return "umap";
    }

    @Override
    public Embedded embed(double[][] x, RunSpec spec, long seed) {
        UmapEmbedding umap = UmapEmbedding.fit(x, new UmapOptions(spec.clustering().umapNeighbors(), config.epochs(),
                config.minDist(), config.spread(), config.negativeSamples(), config.learningRate(),
                config.repulsionStrength()), seed);
        return new Embedded(umap.coordinates(), "UMAP (" + umap.neighbors() + " neighbors)");
    }
}
