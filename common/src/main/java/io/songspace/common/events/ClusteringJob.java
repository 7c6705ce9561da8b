package io.songspace.common.events;

import java.util.List;

/** Cluster and evaluate one run: the latents of {@code models} and the PCA baseline. */
public record ClusteringJob(String runId, List<String> models, RunSpec spec) {
}
