package io.songspace.cluster.analysis;

/**
 * UMAP settings, named and defaulted as umap-learn's: {@code neighbors} counts the point itself (n_neighbors,
 * 15), {@code epochs} (500 for small data), {@code minDist} (0.1), {@code spread} (1), {@code negativeSamples}
 * per positive sample (5), {@code learningRate} (1) and {@code repulsionStrength} (1).
 */
public record UmapOptions(int neighbors, int epochs, double minDist, double spread, int negativeSamples,
        double learningRate, double repulsionStrength) {
    public UmapOptions {
        if (neighbors < 2 || epochs < 1 || minDist <= 0 || minDist > spread || negativeSamples < 1
                || learningRate <= 0) {
            throw new IllegalArgumentException("invalid UMAP options: " + neighbors + " neighbors, " + epochs
                    + " epochs, minDist " + minDist + ", spread " + spread + ", " + negativeSamples
                    + " negative samples, learning rate " + learningRate);
        }
    }
}
