package io.songspace.common.artifacts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-epoch mean losses of one model (per track: reconstruction is the summed squared error, KL the
 * divergence to the unit Gaussian, total = reconstruction + beta·KL), plus the wall time and the device.
 */
public record TrainingHistory(String model, double beta, String device, List<Epoch> epochs, double trainSeconds) {
    /**
     * {@code skippedBatches}: batches whose loss was not finite and whose update was skipped, as PyTorch's
     * GradScaler skips the steps of inf/NaN gradients; the means are over the other batches. {@code parts}: for a
     * model that reconstructs its sample in parts (the multimodal VAE: {@code audio}, {@code text}), each part's
     * mean summed squared error, and {@code reconstruction} is their weighted sum; empty (and absent from the JSON)
     * for a model that reconstructs the sample whole.
     */
    public record Epoch(int epoch, double total, double reconstruction, double kl, double millis, int skippedBatches,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> parts) {

        public Epoch {
            // histories written before parts existed have none; the order of the parts is the model's
            parts = parts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        }

        /** The epoch of a model that reconstructs its sample whole. */
        public Epoch(int epoch, double total, double reconstruction, double kl, double millis, int skippedBatches) {
            this(epoch, total, reconstruction, kl, millis, skippedBatches, Map.of());
        }
    }
}
