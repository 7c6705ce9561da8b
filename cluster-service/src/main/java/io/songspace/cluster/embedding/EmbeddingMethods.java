package io.songspace.cluster.embedding;

import io.songspace.common.events.RunSpec;
import io.songspace.common.registry.Registry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The embedding registry: every {@link EmbeddingMethod} bean by name, one for each name a spec may use. */
@ApplicationScoped
public class EmbeddingMethods {

    @Produces
    @ApplicationScoped
    Registry<EmbeddingMethod> registry(Instance<EmbeddingMethod> all) {
        return Registry.of("embedding method", all, RunSpec.Clustering.EMBEDDINGS);
    }
}
