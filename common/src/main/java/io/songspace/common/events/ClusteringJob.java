package io.songspace.common.events;

import java.util.List;

/** Cluster and evaluate one run: every feature set (raw, pca, the latents of {@code models}) × every algorithm. */
public record ClusteringJob(String runId, List<String> models) {
}
