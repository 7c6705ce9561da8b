package io.songspace.common.events;

import java.time.Instant;

/** A run accepted by the API, with its spec already validated and defaulted. */
public record RunRequested(String runId, RunSpec spec, Instant requestedAt) {
}
