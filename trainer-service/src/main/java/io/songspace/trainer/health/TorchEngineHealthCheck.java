package io.songspace.trainer.health;

import io.songspace.trainer.training.TorchEngine;
import io.songspace.trainer.vae.TorchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once PyTorch is loaded; says which device trains and why, and with how many threads. */
@Readiness
@ApplicationScoped
public class TorchEngineHealthCheck implements HealthCheck {

    private final TorchEngine engine;

    public TorchEngineHealthCheck(TorchEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("pytorch").up()
                .withData("version", engine.version())
                .withData("device", TorchRuntime.describe(engine.device()))
                .withData("deviceReason", engine.deviceReason())
                .withData("cudaNatives", engine.cudaNatives())
                .withData("gpus", engine.gpuCount())
                .withData("threads", TorchRuntime.threads())
                .build();
    }
}
