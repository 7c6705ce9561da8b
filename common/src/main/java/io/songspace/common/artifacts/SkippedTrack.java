package io.songspace.common.artifacts;

/** A track left out of a run, and why. */
public record SkippedTrack(String trackId, String reason) {
}
