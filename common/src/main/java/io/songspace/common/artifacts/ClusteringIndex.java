package io.songspace.common.artifacts;

import java.util.List;
import java.util.Map;

/**
 * What the cluster-service produced for one run, {@code clustering/index.json}: every feature set with its 2-D
 * embeddings, every metric row with its assignments, and the disentanglement of every model's latents. Written
 * last, so its presence means "clustered"; the report reads it, never fixed file names.
 */
public record ClusteringIndex(int tracks, int k, List<FeatureSetEntry> featureSets, List<MetricRow> rows,
        List<Disentanglement> disentanglement) {

    /**
     * A clustered matrix: its id (as in the artifact keys), its name in the study's method names, the model whose
     * latents it is (null for raw and pca), its width, and its 2-D embeddings by method (tsne, umap) → key.
     */
    public record FeatureSetEntry(String id, String name, String model, int dimensions,
            Map<String, String> embeddings) {
    }

    /**
     * The study's disentanglement statistics of one model's latent means: mean |off-diagonal correlation|,
     * {@code mean(|C − I|)} over all entries, the per-dimension variance's min, median, max, mean and std, the
     * dimensions with variance above 0.01 and 0.1, and the mean KL to N(0, 1) per dimension.
     */
    public record Disentanglement(String model, String name, int dimensions, double meanAbsOffDiagonalCorrelation,
            double meanAbsCorrelationMinusIdentity, double varianceMin, double varianceMedian, double varianceMax,
            double varianceMean, double varianceStd, int activeDimensions01, int activeDimensions10,
            Double meanKlPerDimension) {
    }
}
