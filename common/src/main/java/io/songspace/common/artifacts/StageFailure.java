package io.songspace.common.artifacts;

import java.time.Instant;

/**
 * A failure marker ({@link ArtifactKeys#modelFailure}, {@link ArtifactKeys#clusteringFailure}): which stage failed
 * for what ({@code subject}: a model id, a run id) and why. Written before the FAILED event, so that a restart
 * neither retries the work blindly nor leaves the run without an outcome: the start-up scan announces it again.
 */
public record StageFailure(String stage, String subject, String reason, Instant at) {
}
