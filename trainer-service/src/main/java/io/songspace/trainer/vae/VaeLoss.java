package io.songspace.trainer.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The negative ELBO of the study: reconstruction (sum of squared errors over all non-batch axes of a sample) +
 * β·KL(q(z|x) ‖ N(0, I)), each a mean over the batch. β = 1 is the Basic VAE; other values make it a β-VAE. Works for
 * any sample shape: B×D feature rows as well as B×1×H×W patches.
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

    /** {@code labels}: (x); {@code predictions}: the VAE's (reconstruction, μ, log σ²). */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return terms(labels.singletonOrThrow(), predictions).total();
    }

    /** The loss and its two terms, each a scalar mean over the batch. */
    public Terms terms(NDArray x, NDList predictions) {
        NDArray reconstruction = reconstruction(x, predictions.get(0));
        NDArray kl = kl(predictions.get(1), predictions.get(2));
        return new Terms(reconstruction, kl, reconstruction.add(kl.mul(GraphConstant.like(kl, beta))));
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

    /** Scalars of one batch: reconstruction, KL, and total = reconstruction + β·KL (the one to differentiate). */
    public record Terms(NDArray reconstruction, NDArray kl, NDArray total) {
    }
}
