package io.songspace.trainer.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The negative ELBO of the study: reconstruction (sum of squared errors over all non-batch axes of a sample) +
 * β·KL(q(z|x) ‖ N(0, I)), each a mean over the batch. β = 1 is the Basic VAE; other values make it a β-VAE. Works for
 * any sample shape: B×D feature rows as well as B×1×H×W patches. A network whose sample is made of parts
 * (modalities) may score each on its own: then the reconstruction term is Σ weight·SSE(part)
 * ({@link #terms(List, NDArray, NDArray)}) and the terms keep each part's error.
 */
public final class VaeLoss extends Loss {

    private static final int[] LATENT_AXIS = {1};

    private final float beta;

    public VaeLoss(float beta) {
        super("vae_loss");
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("beta must be >= 0, got " + beta);
        }
        this.beta = beta;
    }

    public float beta() {
        return beta;
    }

    /**
     * {@code labels}: (x); {@code predictions}: the VAE's (reconstruction, μ, log σ²). The whole-sample loss, for
     * DJL's training API; {@link VaeTrainer} asks the network ({@link VaeNetwork#lossTerms}).
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return terms(labels.singletonOrThrow(), predictions).total();
    }

    /** The loss and its two terms, each a scalar mean over the batch, of a sample reconstructed whole (no parts). */
    public Terms terms(NDArray x, NDList predictions) {
        return withKl(reconstruction(x, predictions.get(0)), Map.of(), predictions.get(1), predictions.get(2));
    }

    /**
     * The loss of a sample made of {@code parts}, each reconstructed on its own: reconstruction = Σ weight·SSE(part),
     * with each part's SSE (a mean over the batch) kept in {@link Terms#parts()} under its name.
     */
    public Terms terms(List<Part> parts, NDArray mu, NDArray logVar) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no parts to reconstruct");
        }
        Map<String, NDArray> errors = new LinkedHashMap<>();
        NDArray reconstruction = null;
        for (Part part : parts) {
            NDArray error = reconstruction(part.x(), part.reconstructed());
            if (errors.put(part.name(), error) != null) {
                throw new IllegalArgumentException("two parts named " + part.name());
            }
            NDArray weighted = error.mul(GraphConstant.like(error, part.weight()));
            reconstruction = reconstruction == null ? weighted : reconstruction.add(weighted);
        }
        return withKl(reconstruction, Collections.unmodifiableMap(errors), mu, logVar);
    }

    private Terms withKl(NDArray reconstruction, Map<String, NDArray> parts, NDArray mu, NDArray logVar) {
        NDArray kl = kl(mu, logVar);
        return new Terms(reconstruction, kl, reconstruction.add(kl.mul(GraphConstant.like(kl, beta))), parts);
    }

    /** Σ over all non-batch axes of (x̂ − x)², mean over the batch. */
    static NDArray reconstruction(NDArray x, NDArray reconstructed) {
        if (!x.getShape().equals(reconstructed.getShape())) {
            throw new IllegalArgumentException("reconstruction " + reconstructed.getShape() + " for input "
                    + x.getShape());
        }
        return reconstructed.sub(x).square().sum(sampleAxes(x.getShape().dimension())).mean();
    }

    /** Axes 1 … rank−1. */
    private static int[] sampleAxes(int rank) {
        if (rank < 2) {
            throw new IllegalArgumentException("expected a batch of samples (rank >= 2), got rank " + rank);
        }
        int[] axes = new int[rank - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return axes;
    }

    /** −½ Σ over latent dimensions of (1 + log σ² − μ² − σ²), mean over the batch. */
    static NDArray kl(NDArray mu, NDArray logVar) {
        return logVar.add(1f).sub(mu.square()).sub(logVar.exp()).sum(LATENT_AXIS).mean().mul(GraphConstant.like(mu, -0.5f));
    }

    /** One part of a sample (a modality): its values and their reconstruction, B×…, and its weight in the loss. */
    public record Part(String name, float weight, NDArray x, NDArray reconstructed) {
    }

    /**
     * Scalars of one batch: reconstruction, KL, and total = reconstruction + β·KL (the one to differentiate);
     * {@code parts}: each part's SSE by name, in the order given, empty when the sample is reconstructed whole.
     */
    public record Terms(NDArray reconstruction, NDArray kl, NDArray total, Map<String, NDArray> parts) {
    }
}
