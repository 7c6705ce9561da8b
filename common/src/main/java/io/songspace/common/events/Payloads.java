package io.songspace.common.events;

/**
 * Checks on consumed records, the same in every service: each consumed channel sets
 * {@code fail-on-deserialization-failure=false}, so a record that is not one of these events arrives as null.
 */
public final class Payloads {

    private Payloads() {
    }

    /**
     * A record that could not be deserialized arrives as null (fail-on-deserialization-failure=false); refusing it
     * sends it to the channel's dead-letter topic instead of stopping the consumer.
     */
    public static <T> T requireDecoded(T payload, String type) {
        if (payload == null) {
            throw new IllegalArgumentException("record is not a " + type);
        }
        return payload;
    }
}
