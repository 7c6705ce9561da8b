package io.songspace.feature.audio;

/**
 * A track that cannot be turned into samples: empty, truncated, not audio, an unsupported encoding, no frames.
 * The message says why (with libsndfile's own text where it has one) and is meant for the run's list of
 * skipped tracks.
 */
public class AudioDecodeException extends Exception {

    public AudioDecodeException(String message) {
        super(message);
    }

    public AudioDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
