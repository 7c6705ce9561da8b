package io.songspace.cluster.service;

import java.util.Locale;
import java.util.Map;

/**
 * A feature matrix that gets clustered and embedded: a model's latents (id = model id) or the PCA baseline. Its
 * display name makes the study's method names ("VAE+K-Means", "PCA+K-Means") and its id goes into the artifact
 * keys ({@code ArtifactKeys.assignments}, {@code ArtifactKeys.embedding}).
 */
public record FeatureSet(String id, String displayName) {

    public static final FeatureSet PCA = new FeatureSet("pca", "PCA");

    /** Display names of the trainer's model ids, as the study writes them; other ids show upper-cased. */
    private static final Map<String, String> MODEL_NAMES = Map.of(
            "vae", "VAE",
            "conv_vae", "ConvVAE",
            "multimodal_vae", "Multimodal VAE");

    public static FeatureSet ofModel(String modelId) {
        return new FeatureSet(modelId, MODEL_NAMES.getOrDefault(modelId, modelId.toUpperCase(Locale.ROOT)));
    }

    /** E.g. "VAE+K-Means". */
    public String method(Algorithm algorithm) {
        return displayName + "+" + algorithm.displayName();
    }

    /** The clustering algorithms, by artifact id and display name. */
    public enum Algorithm {
        KMEANS("kmeans", "K-Means");

        private final String id;
        private final String displayName;

        Algorithm(String id, String displayName) {
            this.id = id;
            this.displayName = displayName;
        }

        public String id() {
            return id;
        }

        public String displayName() {
            return displayName;
        }
    }
}
