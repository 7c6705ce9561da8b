package io.songspace.common.artifacts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One clustering (feature set × algorithm) and its metrics. {@code method} as the study names it
 * ({@code VAE_basic+K-Means}, {@code PCA_baseline+DBSCAN}); {@code noise} counts the tracks DBSCAN left in no
 * cluster (0 for the other algorithms). ARI, NMI and purity use every track (noise as one more cluster, as
 * scikit-learn) and are null where the tracks have no labels; silhouette, CH and DB use the tracks in clusters and
 * are null where fewer than two clusters were found. {@code parameters} says how the algorithm was set
 * ({@code eps=1.5988 (knee), minSamples=5}); {@code assignments} is the key of its labels (int64, -1 = noise).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MetricRow(String method, String features, String algorithm, int clusters, int noise,
        Double silhouette, Double calinskiHarabasz, Double daviesBouldin, Double ari, Double nmi, Double purity,
        String parameters, String assignments) {
}
