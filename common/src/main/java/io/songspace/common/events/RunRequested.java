package io.songspace.common.events;

import java.time.Instant;

/**
 * A run accepted by the API. Its validated, defaulted spec is the run's {@code spec.json}, written before this is
 * published: every service reads the spec from there.
 */
public record RunRequested(String runId, Instant requestedAt) {
}
