package io.songspace.trainer.vae;

import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.npy.NpyArray;

/**
 * A trained VAE: the latent means μ and log-variances log σ² of the training samples (each float32 N×latent, rows in
 * input order, computed in eval mode), its parameters in DJL's format (read back with the block's {@code load}),
 * its number of trainable scalars and its per-epoch history.
 */
public record TrainedVae(NpyArray latents, NpyArray logVars, byte[] parameters, long parameterCount,
        TrainingHistory history) {
}
