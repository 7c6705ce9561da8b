package io.songspace.report.registry;

/** A run id that is neither in the registry nor in the object store. */
public class UnknownRunException extends RuntimeException {
    public UnknownRunException(String runId) {
        super("unknown run " + runId);
    }
}
