package io.songspace.feature.dataset;

/** A dataset that cannot be turned into a manifest; the message names the path or column and says why. */
public class DatasetException extends Exception {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
