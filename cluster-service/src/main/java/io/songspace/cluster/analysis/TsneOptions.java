package io.songspace.cluster.analysis;

/**
 * t-SNE settings, named and defaulted as scikit-learn 1.2's {@code TSNE}:
 * <ul>
 *   <li>{@code perplexity}: as requested; capped for small inputs (see {@link TsneEmbedding});</li>
 *   <li>{@code maxIterations}: gradient-descent iterations at most ({@code n_iter}, 1000), the first 250 of them
 *       (or all, if fewer) with the attractive forces exaggerated; it stops earlier once the cost stops falling;</li>
 *   <li>{@code learningRate}: a positive rate, or {@link #AUTO_LEARNING_RATE} (0, or anything not positive) for
 *       scikit-learn's {@code "auto"}: max(n / earlyExaggeration / 4, 50);</li>
 *   <li>{@code earlyExaggeration}: factor on the attractive forces during those first 250 iterations (12);</li>
 *   <li>{@code theta}: the Barnes-Hut opening angle ({@code angle}, 0.5): a quadtree cell whose width seen from a
 *       point is below theta stands for all its points; 0 computes the exact O(n²) repulsion instead;</li>
 *   <li>{@code init}: the starting layout, {@link Init#PCA} (the default) or {@link Init#RANDOM}.</li>
 * </ul>
 */
public record TsneOptions(double perplexity, int maxIterations, double learningRate, double earlyExaggeration,
        double theta, Init init) {

    /** A learning rate of 0 (or any non-positive value) means scikit-learn's {@code learning_rate="auto"}. */
    public static final double AUTO_LEARNING_RATE = 0;

    /** scikit-learn's default Barnes-Hut angle. */
    public static final double DEFAULT_THETA = 0.5;

    /** The initial layout, scaled so that its first coordinate has standard deviation 1e-4. */
    public enum Init {
        /** The first two principal components of the input: deterministic, so the seed plays no part. */
        PCA,
        /** Independent N(0, 1e-8) coordinates drawn from the seed. */
        RANDOM
    }

    public TsneOptions {
        if (!(perplexity > 0)) {
            throw new IllegalArgumentException("t-SNE perplexity must be positive, got " + perplexity);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("t-SNE needs at least one iteration, got " + maxIterations);
        }
        if (!(earlyExaggeration >= 1)) {
            throw new IllegalArgumentException("t-SNE early exaggeration must be at least 1, got "
                    + earlyExaggeration);
        }
        if (!(theta >= 0 && theta <= 1)) {
            throw new IllegalArgumentException("Barnes-Hut theta must lie in [0, 1], got " + theta);
        }
        if (init == null) {
            throw new IllegalArgumentException("t-SNE needs an initial layout kind");
        }
    }

    /** Barnes-Hut with theta 0.5 from a PCA layout, with the given iterations, learning rate and exaggeration. */
    public TsneOptions(double perplexity, int maxIterations, double learningRate, double earlyExaggeration) {
        this(perplexity, maxIterations, learningRate, earlyExaggeration, DEFAULT_THETA, Init.PCA);
    }

    /**
     * scikit-learn 1.2's defaults: 1000 iterations, learning rate "auto", exaggeration 12, Barnes-Hut theta 0.5,
     * PCA initialisation.
     */
    public static TsneOptions defaults(double perplexity) {
        return new TsneOptions(perplexity, 1000, AUTO_LEARNING_RATE, 12, DEFAULT_THETA, Init.PCA);
    }

    public TsneOptions withTheta(double newTheta) {
        return new TsneOptions(perplexity, maxIterations, learningRate, earlyExaggeration, newTheta, init);
    }

    public TsneOptions withInit(Init newInit) {
        return new TsneOptions(perplexity, maxIterations, learningRate, earlyExaggeration, theta, newInit);
    }

    /** The learning rate for n points: the configured one, or scikit-learn's "auto" rule. */
    public double learningRateFor(int n) {
        return learningRate > 0 ? learningRate : Math.max(n / earlyExaggeration / 4, 50);
    }
}
