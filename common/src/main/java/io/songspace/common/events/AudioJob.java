package io.songspace.common.events;

/**
 * One track to decode and featurise. {@code source}: {@code file:/…}, {@code s3://bucket/key} or
 * {@code demo:…} (a clip the feature-service renders from the run's seed).
 */
public record AudioJob(String runId, String trackId, String source) {
}
