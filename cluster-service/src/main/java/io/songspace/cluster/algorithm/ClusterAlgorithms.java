package io.songspace.cluster.algorithm;

import io.songspace.common.events.AlgorithmSpec;
import io.songspace.common.registry.Registry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The algorithm registry: every {@link ClusterAlgorithm} bean by name, one for each name a spec may use. */
@ApplicationScoped
public class ClusterAlgorithms {

    @Produces
    @ApplicationScoped
    Registry<ClusterAlgorithm> registry(Instance<ClusterAlgorithm> all) {
        return Registry.of("clustering algorithm", all, AlgorithmSpec.NAMES);
    }
}
