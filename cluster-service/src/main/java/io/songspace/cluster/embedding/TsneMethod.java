package io.songspace.cluster.embedding;

import io.songspace.cluster.analysis.TsneEmbedding;
import io.songspace.cluster.config.ClusterConfig;
import io.songspace.common.events.RunSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/** Barnes-Hut t-SNE; the perplexity comes from the run's spec, the other settings from configuration. */
@ApplicationScoped
public class TsneMethod implements EmbeddingMethod {

    private final ClusterConfig.Tsne config;

    public TsneMethod(ClusterConfig config) {
        this.config = config.tsne();
    }

    @Override
    public String name() {
        return "tsne";
    }

    @Override
    public Embedded embed(double[][] x, RunSpec spec, long seed) {
        TsneEmbedding tsne = TsneEmbedding.fit(x, config.options(spec.clustering().perplexity()), seed);
        return new Embedded(tsne.coordinates(), String.format(Locale.ROOT, "t-SNE (perplexity %.1f, KL %.3f)",
                tsne.perplexity(), tsne.cost()));
    }
}
