package io.songspace.common.artifacts;

import java.util.List;

/**
 * Per-epoch mean losses of one model (per track: reconstruction is the summed squared error, KL the
 * divergence to the unit Gaussian, total = reconstruction + beta·KL), plus the wall time and the device.
 */
public record TrainingHistory(String model, double beta, String device, List<Epoch> epochs, double trainSeconds) {
    public record Epoch(int epoch, double total, double reconstruction, double kl, double millis) {
    }
}
