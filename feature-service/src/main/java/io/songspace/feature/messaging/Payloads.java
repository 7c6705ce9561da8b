package io.songspace.feature.messaging;

/** Checks on consumed records. */
final class Payloads {

    private Payloads() {
    }

    /**
     * A record that could not be deserialized arrives as null (fail-on-deserialization-failure=false); refusing it
     * sends it to the channel's dead-letter topic instead of stopping the consumer.
     */
    static <T> T requireDecoded(T payload, String type) {
        if (payload == null) {
            throw new IllegalArgumentException("record is not a " + type);
        }
        return payload;
    }
}
