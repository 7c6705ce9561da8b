package io.songspace.common.stage;

/** Work stopped because its run was cancelled: not a failure, nothing to mark or announce. */
public class RunCancelledException extends RuntimeException {
    public RunCancelledException(String runId) {
        super("run " + runId + " was cancelled");
    }
}
