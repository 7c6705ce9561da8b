package io.songspace.common.artifacts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One clustering's metrics. {@code method} as in the study ("VAE+K-Means", "PCA+K-Means"); ARI, NMI and purity
 * are null where the tracks have no labels; silhouette, CH and DB are null where fewer than two clusters were found.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MetricRow(String method, String features, String algorithm, int clusters, Double silhouette,
        Double calinskiHarabasz, Double daviesBouldin, Double ari, Double nmi, Double purity) {
}
