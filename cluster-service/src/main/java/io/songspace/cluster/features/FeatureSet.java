package io.songspace.cluster.features;

/**
 * A matrix that gets clustered and embedded, one row per track: its id (in the artifact keys), its name in the
 * study's method names ({@code Raw_audio}, {@code PCA_baseline}, {@code VAE_basic}), the model whose latent means
 * it is (null otherwise) with their log-variances when stored, and whether it was derived here (then it is written
 * as {@code clustering/features_{id}.npy}).
 */
public record FeatureSet(String id, String name, String model, double[][] x, double[][] logVar, boolean derived) {

    /** E.g. {@code VAE_basic+K-Means}. */
    public String method(String algorithmDisplayName) {
        return name + "+" + algorithmDisplayName;
    }
}
