package io.songspace.text.method;

import io.songspace.common.events.RunSpec;
import io.songspace.common.registry.Registry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The text-method registry: every {@link TextMethod} bean by name, one for each name a spec may use. */
@ApplicationScoped
public class TextMethods {

    @Produces
    @ApplicationScoped
    Registry<TextMethod> registry(Instance<TextMethod> all) {
        return Registry.of("text method", all, RunSpec.Text.METHODS);
    }
}
