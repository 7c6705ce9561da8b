package io.songspace.trainer.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A variational autoencoder that {@link VaeTrainer} can train: a DJL block whose forward pass takes a batch of
 * samples, shape (B, {@link #sampleShape()}…), and returns (reconstruction of the same shape, μ, log σ²), both
 * B×{@link #latentDim()}. While training z = μ + σ·ε; in eval mode z = μ, so evaluation is deterministic. The
 * network says how its reconstruction is scored ({@link #lossTerms}).
 */
public interface VaeNetwork extends Block {

    /** Width of μ, log σ² and z. */
    int latentDim();

    /** The shape of one input sample, without the batch axis: e.g. (40) or (1, 20, 128). */
    Shape sampleShape();

    /** The encoder alone in eval mode: (μ, log σ²) of a batch shaped (B, {@link #sampleShape()}…). */
    NDList encode(ParameterStore parameterStore, NDArray input);

    /**
     * The loss of a batch {@code x} given the forward pass's {@code predictions}, with {@code loss}'s β. By default
     * the whole sample's squared error ({@link VaeLoss#terms(NDArray, NDList)}); a network of several modalities
     * scores each part ({@link VaeLoss#terms(java.util.List, NDArray, NDArray)}).
     */
    default VaeLoss.Terms lossTerms(VaeLoss loss, NDArray x, NDList predictions) {
        return loss.terms(x, predictions);
    }

    /** The parameters in DJL's format ({@code saveParameters}); each block's {@code load} reads them back. */
    default byte[] parameterBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The number of trainable scalars; the block must be initialised. */
    default long parameterCount() {
        if (!isInitialized()) {
            throw new IllegalStateException("the network is not initialised");
        }
        return getParameters().values().stream().filter(p -> p.requiresGradient())
                .mapToLong(p -> p.getArray().size()).sum();
    }

    /** (B, {@link #sampleShape()}…): the input shape of a batch of {@code batch} samples. */
    default Shape batchShape(long batch) {
        return new Shape(batch).addAll(sampleShape());
    }
}
