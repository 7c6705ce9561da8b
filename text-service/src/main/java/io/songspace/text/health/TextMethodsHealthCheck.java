package io.songspace.text.health;

import io.songspace.common.registry.Registry;
import io.songspace.text.config.TextConfig;
import io.songspace.text.method.TextMethod;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the text methods are loaded (the embedding model included); says whether Genius is configured. */
@Readiness
@ApplicationScoped
public class TextMethodsHealthCheck implements HealthCheck {

    private final Registry<TextMethod> methods;
    private final TextConfig config;

    public TextMethodsHealthCheck(Registry<TextMethod> methods, TextConfig config) {
        this.methods = methods;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("text").up()
                .withData("methods", String.join(",", methods.names()))
                .withData("genius", config.genius().token().filter(t -> !t.isBlank()).isPresent()
                        ? "on (" + config.genius().apiBase() + ")" : "off (no token)")
                .build();
    }
}
