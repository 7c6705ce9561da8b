package io.songspace.cluster.analysis;

/**
 * t-SNE settings: {@code perplexity} as requested (capped for small inputs, see {@link TsneEmbedding}),
 * {@code maxIterations} (Smile needs at least 250; scikit-learn's default is 1000), {@code learningRate} and
 * {@code earlyExaggeration} as in scikit-learn (200 and 12).
 */
public record TsneOptions(double perplexity, int maxIterations, double learningRate, double earlyExaggeration) {
}
