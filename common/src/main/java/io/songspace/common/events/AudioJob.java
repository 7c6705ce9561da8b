package io.songspace.common.events;

import java.time.Instant;
import java.util.List;

/**
 * A chunk of a run's tracks to decode and featurise together: one record on audio.jobs, one stored result, one
 * {@link AudioDone}. Chunks are numbered from 0 in manifest order; {@code queuedAt} is when the fan-out sent the
 * chunk (a track's queue wait in the cost breakdown).
 */
public record AudioJob(String runId, int chunk, List<Track> tracks, Instant queuedAt) {

    /** One track. {@code source}: {@code file:/…}, {@code s3://bucket/key} or {@code demo:…} (rendered from the seed). */
    public record Track(String trackId, String source) {
    }
}
