package io.songspace.trainer.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.quarkus.runtime.Startup;
import io.songspace.trainer.config.TrainerConfig;
import io.songspace.trainer.vae.TorchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Loads PyTorch at startup with the configured thread count (before anything else can load it with the default
 * of one thread per core) and picks the training device.
 */
@Startup
@ApplicationScoped
public class TorchEngine {

    private static final Logger LOG = Logger.getLogger(TorchEngine.class);

    private final Engine engine;
    private final Device device;

    public TorchEngine(TrainerConfig config) {
        engine = TorchRuntime.start(config.threads());
        device = TorchRuntime.device(engine, config.gpu());
        LOG.infof("PyTorch %s: %d intra-op thread(s), %d GPU(s) seen, training on %s", engine.getVersion(),
                TorchRuntime.threads(), engine.getGpuCount(), TorchRuntime.describe(device));
    }

    public Device device() {
        return device;
    }

    public String version() {
        return engine.getVersion();
    }
}
