package io.songspace.trainer.vae;

import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.npy.NpyArray;

/**
 * A trained VAE: the latent means of the training rows (float32 N×latent, rows in input order), its parameters
 * in DJL's format and its per-epoch history.
 */
public record TrainedVae(NpyArray latents, byte[] parameters, TrainingHistory history) {
}
