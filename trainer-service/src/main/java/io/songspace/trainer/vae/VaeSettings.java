package io.songspace.trainer.vae;

import io.songspace.common.events.RunSpec;

/** Hyper-parameters of one VAE training; {@code beta} weighs the KL term (1 = Basic VAE). */
public record VaeSettings(int latentDim, int epochs, int batchSize, float learningRate, float beta, long seed) {

    public VaeSettings {
        if (latentDim < 1 || epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("latentDim, epochs and batchSize must be >= 1, got " + latentDim
                    + ", " + epochs + ", " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
    }

    /** The run's training settings (defaults filled in: 50 epochs, batch 64, lr 1e-3, latent 32, β 1). */
    public static VaeSettings of(RunSpec spec) {
        RunSpec full = spec.withDefaults();
        RunSpec.Training t = full.training();
        return new VaeSettings(t.latentDim(), t.epochs(), t.batchSize(), t.learningRate().floatValue(),
                t.beta().floatValue(), full.seed());
    }
}
