package io.songspace.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the trainer uses the machine; which models a run gets is its spec's business. */
@ConfigMapping(prefix = "songspace.trainer")
public interface TrainerConfig {

    /**
     * PyTorch intra-op threads on the CPU. 1 on 2-core machines: with 2, epochs stalled for seconds under load
     * (docs/decisions.md). Applied before the engine loads (system property {@code ai.djl.pytorch.num_threads}).
     */
    @WithDefault("1")
    int threads();

    /**
     * Train on a GPU when DJL loaded CUDA-enabled PyTorch natives and sees a GPU; false keeps training on the CPU
     * (bit-for-bit reproducible). The default build bundles CPU-only natives (pytorch-native-cpu), so it trains on
     * the CPU either way; a GPU image must bring the CUDA natives.
     */
    @WithDefault("true")
    boolean gpu();
}
