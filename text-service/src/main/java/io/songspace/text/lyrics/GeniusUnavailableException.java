package io.songspace.text.lyrics;

/** Genius gave no usable answer after every attempt (or none could be made); the message says why. */
final class GeniusUnavailableException extends Exception {

    GeniusUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
