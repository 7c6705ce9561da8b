package io.songspace.trainer.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
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
    private final boolean cudaNatives;
    private final String deviceReason;

    public TorchEngine(TrainerConfig config) {
        engine = TorchRuntime.start(config.threads());
        device = TorchRuntime.device(engine, config.gpu());
        cudaNatives = engine.hasCapability(StandardCapabilities.CUDA);
        deviceReason = reason(config.gpu(), cudaNatives, engine.getGpuCount());
        LOG.infof("PyTorch %s: %d intra-op thread(s), training on %s (%s)", engine.getVersion(),
                TorchRuntime.threads(), TorchRuntime.describe(device), deviceReason);
    }

    /** Why training runs where it runs; a GPU needs CUDA-enabled PyTorch natives, which the default build lacks. */
    private static String reason(boolean gpuAllowed, boolean cudaNatives, int gpus) {
        if (!gpuAllowed) {
            return "songspace.trainer.gpu=false";
        }
        if (!cudaNatives) {
            return "the PyTorch natives are CPU-only";
        }
        return gpus > 0 ? "CUDA natives, " + gpus + " GPU(s) seen" : "CUDA natives, but no GPU seen";
    }

    public Device device() {
        return device;
    }

    /** Whether the loaded PyTorch natives were built with CUDA (false for the bundled pytorch-native-cpu). */
    public boolean cudaNatives() {
        return cudaNatives;
    }

    /** GPUs the engine sees (0 without CUDA natives). */
    public int gpuCount() {
        return engine.getGpuCount();
    }

    /** Why {@link #device()} was chosen, e.g. "the PyTorch natives are CPU-only". */
    public String deviceReason() {
        return deviceReason;
    }

    public String version() {
        return engine.getVersion();
    }
}
