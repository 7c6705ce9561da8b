package io.songspace.common.events;

import java.util.List;

/**
 * The outcome of a chunk's tracks, in the chunk's order: each featurised, or skipped with the reason (its run goes
 * on without it). Also what a chunk's {@code chunks/NNNNN.json} holds, written once the chunk's features are stored.
 */
public record AudioDone(String runId, int chunk, List<Outcome> tracks) {

    public enum Status { DONE, SKIPPED }

    /** One track's outcome; a skipped track carries the reason. */
    public record Outcome(String trackId, Status status, String reason) {

        public static Outcome done(String trackId) {
            return new Outcome(trackId, Status.DONE, null);
        }

        public static Outcome skipped(String trackId, String reason) {
            return new Outcome(trackId, Status.SKIPPED, reason);
        }
    }
}
