package io.songspace.cluster.analysis;

/**
 * K-Means settings. {@code restarts}: independent k-means++ initialisations, the one with the lowest distortion is
 * kept (scikit-learn's n_init; its default was 10). {@code tolerance}: Smile's convergence test, on the change of
 * the mean squared distance to the centroids between two iterations (scikit-learn scales its tol by the data
 * variance instead).
 */
public record KMeansOptions(int restarts, int maxIterations, double tolerance) {
    public KMeansOptions {
        if (restarts < 1 || maxIterations < 1 || tolerance < 0) {
            throw new IllegalArgumentException("invalid K-Means options: " + restarts + " restarts, "
                    + maxIterations + " iterations, tolerance " + tolerance);
        }
    }
}
