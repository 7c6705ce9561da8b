package io.songspace.cluster.embedding;

import io.songspace.common.events.RunSpec;
import io.songspace.common.registry.Named;

/**
 * A 2-D embedding method a run spec names ({@code clustering.embeddings}: tsne, umap). One class per method, a CDI
 * bean: the registry ({@link EmbeddingMethods}) finds every one.
 */
public interface EmbeddingMethod extends Named {

    /** Embeds {@code x} in 2-D, seeded; on the calling thread only. */
    Embedded embed(double[][] x, RunSpec spec, long seed);

    /** The coordinates (one 2-D point per row) and how they were made, for progress messages. */
    record Embedded(double[][] coordinates, String description) {
    }
}
