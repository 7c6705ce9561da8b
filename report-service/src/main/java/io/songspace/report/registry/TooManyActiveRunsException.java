package io.songspace.report.registry;

/** A key asked for one more run than it may have QUEUED or RUNNING at once. */
public class TooManyActiveRunsException extends RuntimeException {
    public TooManyActiveRunsException(String owner, long active) {
        super("the API key '" + owner + "' has " + active + " runs queued or running, the most it may have at once;"
                + " wait for one to end or cancel one");
    }
}
