package io.songspace.common.events;

/** One track's outcome. A skipped track carries the reason; its run goes on without it. */
public record AudioDone(String runId, String trackId, Status status, String reason) {
    public enum Status { DONE, SKIPPED }
}
