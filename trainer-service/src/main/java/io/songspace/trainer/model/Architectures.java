package io.songspace.trainer.model;

import io.songspace.common.events.ModelSpec;
import io.songspace.common.registry.Registry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The architecture registry: every {@link Architecture} bean by name, one for each name a spec may use. */
@ApplicationScoped
public class Architectures {

    @Produces
    @ApplicationScoped
    Registry<Architecture> registry(Instance<Architecture> all) {
        return Registry.of("architecture", all, ModelSpec.ARCHITECTURES);
    }
}
