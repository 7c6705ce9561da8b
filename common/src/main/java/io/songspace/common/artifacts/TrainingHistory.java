package io.songspace.common.artifacts;

import java.util.List;

/**
 * Per-epoch mean losses of one model (per track: reconstruction is the summed squared error, KL the
 * divergence to the unit Gaussian, total = reconstruction + beta·KL), plus the wall time and the device.
 */
public record TrainingHistory(String model, double beta, String device, List<Epoch> epochs, double trainSeconds) {
    /**
     * {@code skippedBatches}: batches whose loss was not finite and whose update was skipped, as PyTorch's
     * GradScaler skips the steps of inf/NaN gradients; the means are over the other batches.
     */
    public record Epoch(int epoch, double total, double reconstruction, double kl, double millis, int skippedBatches) {
    }
}
